#include "cli/textviewoptions.h"

#include "cli/hfoptions.h"
#include "core/attentionjson.h"
#include "core/wordpieces.h"
#include "engine/textmodel.h"
#include "gui/modelfolders.h"
#include "views/headview.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace attn::cli {

namespace {

AttentionSet readAttentionFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw std::invalid_argument(QStringLiteral("%1: cannot open (%2)").arg(path, file.errorString()).toStdString());
    }
    QJsonParseError err{};
    const auto doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (!doc.isObject()) {
        throw std::invalid_argument(
            QStringLiteral("%1: not the JSON of `attend` (%2)").arg(path, err.errorString()).toStdString());
    }
    try {
        AttentionSet set = attentionSetFromJson(doc.object());
        set.validate(1e-3);
        return set;
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(QStringLiteral("%1: %2").arg(path, QString::fromStdString(e.what())).toStdString());
    }
}

int intOption(const QCommandLineParser& parser, const QString& name, int fallback)
{
    if (!parser.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    if (!ok || v < 0) {
        throw std::invalid_argument(
            QStringLiteral("--%1 %2: expected a whole number from 0").arg(name, parser.value(name)).toStdString());
    }
    return v;
}

} // namespace

std::vector<QCommandLineOption> textViewOptions()
{
    return {
        {"model", "A model folder (or model file) to run on --text.", "DIR"},
        {"tokenizer", "The tokenizer file, for model files that keep it apart.", "FILE"},
        {"text", "The sentence to run (default: the canonical coreference sentence).", "TEXT"},
        {"ids", "Hugging Face folders: token ids to run instead of --text (comma-separated; no tokenizer needed).",
         "LIST"},
        {"layers", "Hugging Face folders: keep only these layers' attention (comma-separated, from 0).", "LIST"},
        {"merge-pieces", "Word view: a word's pieces as one row (mean of their rows) and one column (sum)."},
        {"text2", "compare: the second sentence (default: the canonical sentence with 'wide').", "TEXT"},
        {"attention", "Instead of --model: an attention JSON written by `attend`.", "FILE"},
        {"attention2", "compare: the second attention JSON.", "FILE"},
        {"kind", "encoder_self, decoder_self or cross (default: the model's default head, else the first).", "KIND"},
        {"layer", "Layer, from 0 (default: the model's default head, else the last layer).", "N"},
        {"head", "Head, from 0 (default: the model's default head, else 0); head view: show it alone.", "N"},
        {"aggregation", "none (default), mean, max or rollout.", "NAME", "none"},
        {"hide", "Tokens to hide, rows renormalised: punctuation, special, or tokens, comma-separated.", "LIST"},
        {"select", "Select a query token (text or position): the head view shows its lines only.", "TOKEN"},
        {"scene", "Also write what was drawn (tokens, lines, weights) as JSON to FILE.", "FILE"},
    };
}

bool hasTextInput(const QCommandLineParser& parser)
{
    return parser.isSet("model") || parser.isSet("attention");
}

QString loadTextViewInput(const QCommandLineParser& parser, bool withSecond, TextViewInput& input)
{
    try {
        auto& sel = input.selection;
        DefaultHead preset;
        std::vector<int> keptLayers; // the model's numbers of the layers a Hugging Face run kept, when not all
        if (parser.isSet("model")) {
            input.modelDir = parser.value("model");
            preset = defaultHeadOf(input.modelDir);
            const QString text = parser.isSet("text") ? parser.value("text") : canonicalSentence();
            const QString text2 = parser.isSet("text2") ? parser.value("text2") : canonicalSecondSentence();
            if (isHuggingFaceFolder(input.modelDir)) {
                const hf::HfRun run = runHuggingFaceFolder(input.modelDir, parser, text);
                input.set = run.set;
                if (int(run.keptLayers.size()) < run.modelLayers) {
                    keptLayers = run.keptLayers;
                }
                if (withSecond) {
                    input.second = runHuggingFaceFolder(input.modelDir, parser, text2).set;
                }
            } else {
                if (parser.isSet("ids") || parser.isSet("layers")) {
                    return QStringLiteral("--%1 needs a Hugging Face model folder (config.json with model_type)")
                        .arg(parser.isSet("ids") ? "ids" : "layers");
                }
                auto model = openTextModel(input.modelDir, parser.value("tokenizer"));
                input.set = model->attend(text);
                if (withSecond) {
                    input.second = model->attend(text2);
                }
            }
        } else if (parser.isSet("attention")) {
            input.set = readAttentionFile(parser.value("attention"));
            if (withSecond) {
                if (!parser.isSet("attention2")) {
                    return QStringLiteral("compare with --attention needs --attention2 FILE");
                }
                input.second = readAttentionFile(parser.value("attention2"));
            }
        } else {
            return QStringLiteral("give --model DIR (with --text) or --attention FILE.json");
        }
        if (parser.isSet("merge-pieces")) {
            input.set = mergeWordPieces(input.set);
            if (withSecond) {
                input.second = mergeWordPieces(input.second);
            }
        }
        sel.kind = parser.isSet("kind") ? parser.value("kind") : preset.kind;
        // The model's default head belongs to its own kind of attention (encoder self-attention when unnamed).
        const QString presetKind = preset.kind.isEmpty() ? QStringLiteral("encoder_self") : preset.kind;
        if (parser.isSet("kind") && parser.value("kind") != presetKind) {
            preset = DefaultHead();
        }
        sel.layer = intOption(parser, "layer", preset.valid() ? preset.layer : -1);
        if (!keptLayers.empty() && sel.layer >= 0 &&
            std::find(keptLayers.begin(), keptLayers.end(), sel.layer) == keptLayers.end()) {
            // --layer names the model's layer (the set's layerNumbers say where each kept one is).
            QStringList kept;
            for (const int l : keptLayers) {
                kept << QString::number(l);
            }
            return QStringLiteral("--layer %1 was not kept: the run kept layers %2 (%3)")
                .arg(sel.layer)
                .arg(kept.join(QStringLiteral(",")),
                     parser.isSet("layers")
                         ? QStringLiteral("--layers")
                         : QStringLiteral("the attention memory limit, ATTNSCOPE_ATTENTION_LIMIT_MB"));
        }
        sel.head = intOption(parser, "head", preset.valid() ? preset.head : 0);
        input.headGiven = parser.isSet("head") || preset.valid();
        sel.aggregation = aggregationFromId(parser.value("aggregation"));
        for (const auto& item : parser.value("hide").split(',', Qt::SkipEmptyParts)) {
            const QString t = item.trimmed();
            if (t == QLatin1String("punctuation") || t == QLatin1String("punct")) {
                sel.filter.punctuation = true;
            } else if (t == QLatin1String("special")) {
                sel.filter.specialTokens = true;
            } else {
                sel.filter.tokens << t;
            }
        }
        const AttentionBlock& block = selectedBlock(input.set, sel);
        selectedLayer(block, sel);
        if (sel.head >= block.heads) {
            return QStringLiteral("--head %1 out of range: '%2' has heads 0 to %3")
                .arg(sel.head)
                .arg(block.name)
                .arg(block.heads - 1);
        }
        if (withSecond) {
            selectedLayer(selectedBlock(input.second, sel), sel);
        }
        // What the user should know about the run (memory, merged pieces), on stderr as `attend` says it.
        QStringList notices = input.set.notices;
        for (const auto& n : input.second.notices) {
            if (!notices.contains(n)) {
                notices << n;
            }
        }
        for (const auto& notice : notices) {
            std::fprintf(stderr, "attnscope-cli: notice: %s\n", notice.toLocal8Bit().constData());
        }
    } catch (const ModelError& e) {
        return QString::fromLocal8Bit(e.what());
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

int selectedQuery(const QCommandLineParser& parser, const QStringList& labels, QString& error)
{
    if (!parser.isSet("select")) {
        return -1;
    }
    const QString v = parser.value("select");
    int index = tokenIndex(labels, v);
    bool isNumber = false;
    const int n = v.toInt(&isNumber);
    if (index < 0 && isNumber && n >= 0 && n < labels.size()) {
        index = n;
    }
    if (index < 0) {
        error = QStringLiteral("--select %1: no such query token (tokens: %2)").arg(v, labels.join(' '));
    }
    return index;
}

QJsonObject headViewScene(const HeadView& view)
{
    QJsonArray lines;
    QJsonObject strongest;
    std::vector<DrawnLine> best(std::size_t(view.queryCount()));
    for (auto& b : best) {
        b.head = -1;
    }
    for (const auto& l : view.drawnLines()) {
        lines.append(QJsonObject{{"head", l.head}, {"query", l.query}, {"key", l.key}, {"weight", double(l.weight)}});
        auto& b = best[std::size_t(l.query)];
        if (l.weight > b.weight) {
            b = l;
        }
    }
    for (int q = 0; q < view.queryCount(); ++q) {
        const auto& b = best[std::size_t(q)];
        if (b.head >= 0) {
            strongest.insert(QString::number(q), QJsonObject{{"query_token", view.queryLabels().value(q)},
                                                             {"key", b.key},
                                                             {"key_token", view.keyLabels().value(b.key)},
                                                             {"head", b.head},
                                                             {"weight", double(b.weight)}});
        }
    }
    QJsonArray enabled;
    for (int h = 0; h < view.headCount(); ++h) {
        enabled.append(view.isHeadEnabled(h));
    }
    return {{"title", view.title()},
            {"query_tokens", QJsonArray::fromStringList(view.queryLabels())},
            {"key_tokens", QJsonArray::fromStringList(view.keyLabels())},
            {"heads_enabled", enabled},
            {"selected_query", view.selectedQuery()},
            {"lines", lines},
            {"strongest_from_query", strongest}};
}

QString writeScene(const QCommandLineParser& parser, const QJsonObject& scene)
{
    if (!parser.isSet("scene")) {
        return {};
    }
    QSaveFile file(parser.value("scene"));
    const QByteArray bytes = QJsonDocument(scene).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        return QStringLiteral("--scene %1: cannot write the file").arg(parser.value("scene"));
    }
    return {};
}

} // namespace attn::cli
