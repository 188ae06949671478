#include "cli/hfoptions.h"

#include "core/attentionjson.h"
#include "core/wordpieces.h"
#include "engine/hf/hfconfig.h"

#include <QJsonArray>
#include <stdexcept>

namespace attn::cli {

namespace {

QJsonArray toArray(const std::vector<int>& v)
{
    QJsonArray a;
    for (const int x : v) {
        a.append(x);
    }
    return a;
}

QJsonArray toArray(const QStringList& v)
{
    QJsonArray a;
    for (const auto& x : v) {
        a.append(x);
    }
    return a;
}

} // namespace

std::vector<int> parseNumberList(const QString& option, const QString& value)
{
    std::vector<int> out;
    for (const QString& item : value.split(QLatin1Char(','))) {
        bool ok = false;
        const int v = item.trimmed().toInt(&ok);
        if (!ok || v < 0) {
            throw std::invalid_argument(QStringLiteral("--%1 '%2': '%3' is not a whole number from 0 (give them "
                                                       "comma-separated, e.g. 101,7592,102)")
                                            .arg(option, value, item.trimmed())
                                            .toStdString());
        }
        out.push_back(v);
    }
    return out;
}

bool isHuggingFaceFolder(const QString& path)
{
    return hf::HfConfig::isHuggingFaceFolder(path);
}

hf::HfRun runHuggingFaceFolder(const QString& dir, const QCommandLineParser& parser, const QString& text)
{
    const bool ids = parser.isSet(QStringLiteral("ids"));
    auto model = hf::HfTextModel::open(dir, /*needTokenizer=*/!ids);
    if (parser.isSet(QStringLiteral("layers"))) {
        model->setLayers(parseNumberList(QStringLiteral("layers"), parser.value(QStringLiteral("layers"))));
    }
    return ids ? model->runIds(parseNumberList(QStringLiteral("ids"), parser.value(QStringLiteral("ids"))))
               : model->run(text);
}

QJsonObject huggingFaceRunJson(const hf::HfRun& run, bool mergePieces)
{
    const AttentionBlock& block = run.set.blocks.front();
    const bool decoder = block.name == QLatin1String("decoder_self");
    QJsonObject json;
    if (mergePieces) {
        json = attentionSetToJson(mergeWordPieces(run.set));
        json.insert(QStringLiteral("tokens"), toArray(run.tokens));
        json.insert(QStringLiteral("words"), toArray(wordGroupsOf(block.queryLabels)));
    } else {
        json = attentionSetToJson(run.set);
        json.insert(QStringLiteral("source_tokens"), toArray(run.tokens));
        json.insert(QStringLiteral("target_tokens"), decoder ? toArray(run.tokens) : QJsonArray());
    }
    json.insert(QStringLiteral("ids"), toArray(run.ids));
    if (int(run.keptLayers.size()) < run.modelLayers) {
        json.insert(QStringLiteral("layers"), toArray(run.keptLayers)); // the model's numbers of the kept layers
    }
    return json;
}

} // namespace attn::cli
