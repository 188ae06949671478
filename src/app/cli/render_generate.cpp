// render --view generate: the step-through generation panel of a llama2.c model or a Hugging Face decoder folder,
// drawn without a window.
#include "cli/command.h"
#include "cli/renderviews.h"
#include "gui/generatepanel.h"
#include "views/exporter.h"

#include <QEventLoop>

namespace attn::cli {

namespace {

// Options other views also define (temperature, seed) are read only when given: their defaults belong to
// whichever view registered them first.
QString drawGenerate(const QCommandLineParser& parser, const QString& out, QSize size)
{
    if (!parser.isSet("model") || !parser.isSet("prompt")) {
        return QStringLiteral("--view generate needs --model FILE.bin|DIR and --prompt TEXT");
    }
    bool ok = true;
    auto number = [&parser, &ok](const char* name, int fallback) {
        if (!parser.isSet(name)) {
            return fallback;
        }
        bool valid = false;
        const int v = parser.value(name).toInt(&valid);
        ok = ok && valid && v >= 0;
        return v;
    };
    const int steps = number("steps", 20);
    const int seed = number("seed", 0);
    const int token = number("token", -1);
    const int layer = number("layer", 0);
    const int head = number("head", 0);
    const double temperature = parser.isSet("temperature") ? parser.value("temperature").toDouble(&ok) : 0.0;
    if (!ok || temperature < 0.0) {
        return QStringLiteral("--steps, --seed, --token, --layer, --head and --temperature must be numbers, 0 or more");
    }
    GeneratePanel panel;
    panel.setModelFiles(parser.value("model"), parser.value("tokenizer"));
    panel.setPrompt(parser.value("prompt"));
    panel.setDecoding(steps, temperature, seed);
    QString error;
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&panel, &GeneratePanel::generationFinished, &loop, [&loop, &finished] {
        finished = true;
        loop.quit();
    });
    QObject::connect(&panel, &Panel::errorOccurred, &loop, [&loop, &error](const QString& message) {
        error = message;
        loop.quit();
    });
    panel.generate();
    // Wait for the signal, not on isBusy(): on a loaded machine the job can end before the first check, and its
    // result only arrives through the event loop.
    if (!finished && error.isEmpty()) {
        loop.exec();
    }
    if (!error.isEmpty()) {
        return error;
    }
    const Generation& gen = panel.generation();
    if (layer >= gen.layers || head >= gen.heads) {
        return QStringLiteral("--layer must be 0..%1 and --head 0..%2 for this model (they count from 0)")
            .arg(gen.layers - 1)
            .arg(gen.heads - 1);
    }
    if (token >= int(gen.tokens.size())) {
        return QStringLiteral("--token must be below %1, the number of tokens").arg(gen.tokens.size());
    }
    panel.setLayerHead(layer, head);
    panel.setShowCausalMap(parser.isSet("causal-map"));
    if (token >= 0) {
        panel.setCurrentToken(token);
    }
    layoutOffscreen(&panel, size);
    return exportWidget(&panel, out, &error) ? QString() : error;
}

std::vector<QCommandLineOption> generateOptions()
{
    return {
        {"model", "generate: a llama2.c checkpoint (.bin) or a Hugging Face decoder folder.", "FILE|DIR"},
        {"tokenizer", "generate: its tokenizer (default: beside the checkpoint).", "FILE"},
        {"prompt", "generate: the text to continue.", "TEXT"},
        {"steps", "generate: new tokens (default 20).", "N"},
        {"temperature", "generate: 0 greedy (default), above 0 samples.", "T"},
        {"seed", "generate: seed of sampling (default 0).", "S"},
        {"token", "generate: the token position to show (default: the last prompt token).", "POS"},
        {"layer", "generate: layer, from 0 (default 0).", "L"},
        {"head", "generate: head, from 0 (default 0).", "H"},
        {"causal-map", "generate: show the head's causal map instead of every head of the layer."},
    };
}

} // namespace

ATTN_RENDER_VIEW({"generate",
                  "step-through generation of a llama2.c model or a Hugging Face decoder (--model, --prompt, --token, "
                  "--layer, --head)",
                  generateOptions(), &drawGenerate});

} // namespace attn::cli
