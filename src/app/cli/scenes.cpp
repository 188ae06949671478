// attnscope-cli scenes: writes scenes of the captioning world (PNG) with their captions and boxes (JSON).
#include "cli/command.h"
#include "core/random.h"
#include "engine/caption/captionscene.h"

#include <QDir>
#include <QJsonArray>

namespace attn::cli {

namespace {

int runScenes(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({"out", "Folder to write scene-NNN.png into.", "DIR"});
    parser.addOption({"seed", "Seed of the scene generator (default 7).", "S", "7"});
    parser.addOption({"count", "How many scenes (default 8).", "N", "8"});
    parser.addOption({"size", "Side in pixels (default 64, the shipped captioner's input).", "PX", "64"});
    int code = 0;
    if (!parseArgs(parser, "scenes",
                   "Writes synthetic captioned scenes (the captioner's world) as PNG files and prints their captions "
                   "and object boxes as JSON.",
                   args, code)) {
        return code;
    }
    if (!parser.isSet("out")) {
        return usageError("scenes", "--out is required");
    }
    bool okSeed = false, okCount = false, okSize = false;
    const auto seed = parser.value("seed").toULongLong(&okSeed);
    const int count = parser.value("count").toInt(&okCount);
    const int size = parser.value("size").toInt(&okSize);
    if (!okSeed || !okCount || count < 1 || count > 10000 || !okSize || size < 32 || size > 1024) {
        return usageError("scenes", "--seed must be a whole number, --count 1 to 10000, --size 32 to 1024");
    }
    const QDir dir(parser.value("out"));
    if (!QDir().mkpath(dir.path())) {
        return fail(QStringLiteral("scenes: %1: cannot create the folder").arg(dir.path()));
    }
    QJsonArray list;
    SeededRandom rng(seed);
    for (int i = 0; i < count; ++i) {
        const CaptionScene scene = generateScene(rng, size);
        const QString file = dir.filePath(QStringLiteral("scene-%1.png").arg(i, 3, 10, QLatin1Char('0')));
        if (!sceneToImage(scene).save(file, "PNG")) {
            return fail(QStringLiteral("scenes: %1: cannot write").arg(file));
        }
        QJsonArray boxes;
        for (const auto& o : scene.objects) {
            boxes.append(QJsonArray{o.box.x(), o.box.y(), o.box.width(), o.box.height()});
        }
        list.append(QJsonObject{{"file", file}, {"caption", scene.words.join(' ')}, {"boxes", boxes}});
    }
    printJson(QJsonObject{{"scenes", list}});
    return 0;
}

} // namespace

ATTN_CLI_COMMAND({"scenes", "Write synthetic captioned scenes (PNG) and print their captions (JSON).", false,
                  &runScenes});

} // namespace attn::cli
