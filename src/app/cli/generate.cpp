// attnscope-cli generate: continues a prompt with a llama2.c model or a Hugging Face decoder folder and, with
// --json, prints each step's attention.
#include "cli/command.h"
#include "engine/generation.h"
#include "engine/textmodel.h"

#include <QFileInfo>
#include <QJsonArray>
#include <cmath>
#include <cstdio>

namespace attn::cli {

namespace {

// The attention of token t over tokens 0..t: (layers, heads, t + 1) as nested arrays.
QJsonArray stepAttention(const Generation& gen, int t)
{
    QJsonArray layers;
    for (int l = 0; l < gen.layers; ++l) {
        QJsonArray heads;
        for (int h = 0; h < gen.heads; ++h) {
            QJsonArray row;
            for (int k = 0; k <= t; ++k) {
                row.append(double(gen.weight(t, l, h, k)));
            }
            heads.append(row);
        }
        layers.append(heads);
    }
    return layers;
}

QJsonObject generationToJson(const Generation& gen, const QString& modelName, const GenerationOptions& options)
{
    QJsonArray tokens, ids, steps;
    for (int i = 0; i < int(gen.tokens.size()); ++i) {
        tokens.append(gen.labels[i]);
        ids.append(gen.tokens[std::size_t(i)]);
    }
    // Step s is the s-th generated token: its own attention row over everything before it (and itself).
    for (int t = gen.promptLength; t < int(gen.tokens.size()); ++t) {
        steps.append(QJsonObject{{"position", t},
                                 {"token", gen.labels[t]},
                                 {"id", gen.tokens[std::size_t(t)]},
                                 {"attention", stepAttention(gen, t)}});
    }
    QJsonObject json{{"model", modelName},
                     {"text", gen.text},
                     {"tokens", tokens},
                     {"token_ids", ids},
                     {"prompt_tokens", gen.promptLength},
                     {"temperature", double(options.temperature)},
                     {"seed", QString::number(options.seed)},
                     {"layers", gen.layers},
                     {"heads", gen.heads},
                     {"steps", steps}};
    QJsonArray prompt;
    for (int t = 0; t < gen.promptLength; ++t) {
        prompt.append(stepAttention(gen, t));
    }
    json.insert("prompt_attention", prompt);
    if (!gen.stopReason.isEmpty()) {
        json.insert("stopped", gen.stopReason);
    }
    return json;
}

int runGenerate(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({"model",
                      "A llama2.c checkpoint (.bin), e.g. stories260K.bin, or a Hugging Face decoder folder (gpt2, "
                      "llama, mistral, qwen2) with its tokenizer.",
                      "FILE|DIR"});
    parser.addOption({"tokenizer",
                      "A llama2.c checkpoint's tokenizer (default: tok<vocab>.bin or tokenizer.bin beside it).",
                      "FILE"});
    parser.addOption({"prompt", "The text to continue.", "TEXT"});
    parser.addOption(
        {"steps", "New tokens to generate (default 64); upstream's run -n counts the prompt's tokens too.", "N", "64"});
    parser.addOption({"temperature", "0 for greedy decoding (default), above 0 to sample.", "T", "0"});
    parser.addOption({"seed", "Seed of sampling (default 0); the same seed gives the same text.", "S", "0"});
    parser.addOption({"json", "Print JSON with the tokens and every step's attention (layers x heads x keys)."});
    int code = 0;
    if (!parseArgs(parser, "generate",
                   "Continues a prompt with a llama2.c model or a Hugging Face decoder (greedy or sampled) and prints "
                   "the text; with --json, "
                   "the attention of every generated token over the tokens before it.",
                   args, code)) {
        return code;
    }
    if (!parser.isSet("model")) {
        return usageError("generate", "--model is required");
    }
    if (!parser.isSet("prompt")) {
        return usageError("generate", "--prompt is required");
    }
    GenerationOptions options;
    bool ok = false;
    options.steps = parser.value("steps").toInt(&ok);
    if (!ok || options.steps < 0) {
        return usageError("generate",
                          QStringLiteral("--steps: '%1' is not a whole number, 0 or more").arg(parser.value("steps")));
    }
    options.temperature = parser.value("temperature").toFloat(&ok);
    if (!ok || !std::isfinite(options.temperature) || options.temperature < 0) {
        return usageError(
            "generate",
            QStringLiteral("--temperature: '%1' is not a number, 0 or more").arg(parser.value("temperature")));
    }
    options.seed = parser.value("seed").toULongLong(&ok);
    if (!ok) {
        return usageError("generate",
                          QStringLiteral("--seed: '%1' is not a whole number, 0 or more").arg(parser.value("seed")));
    }
    const bool json = parser.isSet("json");
    options.captureAttention = json;
    const QString modelPath = parser.value("model");
    if (!QFileInfo::exists(modelPath)) {
        return fail(QStringLiteral("generate: %1: no such model file or folder").arg(modelPath));
    }
    if (QFileInfo(modelPath).isDir() && parser.isSet("tokenizer")) {
        return usageError("generate",
                          "--tokenizer is for llama2.c checkpoint files; a model folder brings its own tokenizer");
    }
    try {
        const std::unique_ptr<GenerativeModel> model = openGenerativeModel(modelPath, parser.value("tokenizer"));
        const Generation gen = model->generate(parser.value("prompt"), options);
        if (json) {
            printJson(generationToJson(gen, model->name(), options));
        } else {
            const QByteArray text = gen.text.toUtf8();
            std::fwrite(text.constData(), 1, std::size_t(text.size()), stdout);
            std::fputc('\n', stdout);
        }
        if (!gen.stopReason.isEmpty()) {
            std::fprintf(stderr, "attnscope-cli: notice: stopped early: %s\n",
                         gen.stopReason.toLocal8Bit().constData());
        }
        return 0;
    } catch (const ModelError& e) {
        return fail(QStringLiteral("generate: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (const std::bad_alloc&) {
        return fail(QStringLiteral("generate: %1: not enough memory for this model").arg(modelPath));
    }
}

} // namespace

ATTN_CLI_COMMAND({"generate",
                  "Continue a prompt with a llama2.c model or a Hugging Face decoder, optionally with every step's "
                  "attention (JSON).",
                  false, &runGenerate});

} // namespace attn::cli
