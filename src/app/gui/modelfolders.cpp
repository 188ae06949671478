#include "gui/modelfolders.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace attn {

namespace {

bool readHead(const QJsonObject& o, DefaultHead& out)
{
    if (!o.value("layer").isDouble() || !o.value("head").isDouble()) {
        return false;
    }
    out.layer = o.value("layer").toInt(-1);
    out.head = o.value("head").toInt(-1);
    out.kind = o.value("kind").toString(o.value("block").toString());
    return out.valid();
}

} // namespace

QString canonicalSentence()
{
    return QStringLiteral("The animal didn't cross the street because it was too tired.");
}

QString canonicalSecondSentence()
{
    return QStringLiteral("The animal didn't cross the street because it was too wide.");
}

DefaultHead defaultHeadOf(const QString& modelDir)
{
    DefaultHead out;
    QFile config(QDir(modelDir).filePath(QStringLiteral("config.json")));
    if (config.open(QIODevice::ReadOnly)) {
        const QJsonObject o = QJsonDocument::fromJson(config.readAll()).object();
        for (const char* key : {"default_view", "referent_head", "display"}) {
            if (readHead(o.value(QLatin1String(key)).toObject(), out)) {
                return out;
            }
        }
    }
    out = DefaultHead();
    QFile card(QDir(modelDir).filePath(QStringLiteral("card.md")));
    if (!card.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return out;
    }
    // A line about the referent head, e.g. "The referent head is layer 2, head 1 of the encoder".
    static const QRegularExpression kHead(QStringLiteral("layer\\D{0,3}(\\d+)\\W{0,4}head\\D{0,3}(\\d+)"),
                                          QRegularExpression::CaseInsensitiveOption);
    for (const QString& line : QString::fromUtf8(card.readAll()).split(QLatin1Char('\n'))) {
        if (!line.contains(QLatin1String("referent"), Qt::CaseInsensitive)) {
            continue;
        }
        const auto m = kHead.match(line);
        if (m.hasMatch()) {
            out.layer = m.captured(1).toInt();
            out.head = m.captured(2).toInt();
            if (line.contains(QLatin1String("cross"), Qt::CaseInsensitive)) {
                out.kind = QStringLiteral("cross");
            } else if (line.contains(QLatin1String("encoder"), Qt::CaseInsensitive)) {
                out.kind = QStringLiteral("encoder_self");
            } else if (line.contains(QLatin1String("decoder"), Qt::CaseInsensitive)) {
                out.kind = QStringLiteral("decoder_self");
            }
            return out;
        }
    }
    return out;
}

bool isModelFolder(const QString& path)
{
    return QFileInfo(QDir(path).filePath(QStringLiteral("config.json"))).isFile();
}

QStringList modelFoldersIn(const QString& dir)
{
    QStringList out;
    const QDir d(dir);
    for (const QString& name : d.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (isModelFolder(d.filePath(name))) {
            out << QDir(d.filePath(name)).absolutePath();
        }
    }
    return out;
}

QString modelsDirectory()
{
    const QString env = qEnvironmentVariable("ATTNSCOPE_MODELS");
    if (!env.isEmpty()) {
        return env;
    }
    QDir dir(QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QDir::currentPath());
    for (int up = 0; up < 6; ++up) {
        if (!modelFoldersIn(dir.filePath(QStringLiteral("models"))).isEmpty()) {
            return QDir(dir.filePath(QStringLiteral("models"))).absolutePath();
        }
        if (!dir.cdUp()) {
            break;
        }
    }
    return QDir::current().absoluteFilePath(QStringLiteral("models"));
}

} // namespace attn
