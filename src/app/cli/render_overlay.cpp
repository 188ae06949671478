// render --view overlay | overlay-grid: a captioner's attention over an image, one word or every word.
#include "cli/command.h"
#include "cli/overlaystyleoptions.h"
#include "cli/renderviews.h"
#include "engine/caption/captionmodel.h"
#include "engine/caption/imageloader.h"
#include "engine/textmodel.h"
#include "views/exporter.h"
#include "views/imageoverlayview.h"
#include "views/overlaygridview.h"

#include <cstdio>

namespace attn::cli {

namespace {

struct OverlayRequest
{
    QImage image; // the square the model saw, at display resolution
    CaptionResult caption;
    OverlayStyle style;
    int word = -1;
};

// Fills request from the options or returns the error to print.
QString readOverlayRequest(const QCommandLineParser& parser, OverlayRequest& request)
{
    if (!parser.isSet("model")) {
        return QStringLiteral("--model is required (a captioning model folder)");
    }
    if (!parser.isSet("image")) {
        return QStringLiteral("--image is required");
    }
    OverlayStyle& style = request.style;
    if (const QString error = readOverlayStyleOptions(parser, style); !error.isEmpty()) {
        return error;
    }
    bool ok = true;
    if (parser.isSet("sigma")) {
        style.sigmaScale = parser.value("sigma").toDouble(&ok);
        if (!ok || style.sigmaScale < 0.0 || style.sigmaScale > 10.0) {
            return QStringLiteral("--sigma must be a number from 0 to 10 (times the default 2 x upscale / 6)");
        }
    }
    const QString display = parser.isSet("display") ? parser.value("display") : QStringLiteral("soft");
    if (display == QLatin1String("soft")) {
        style.display = AttentionDisplay::Soft;
    } else if (display == QLatin1String("argmax")) {
        style.display = AttentionDisplay::HardArgmax;
    } else if (display == QLatin1String("sample")) {
        style.display = AttentionDisplay::HardSample;
    } else {
        return QStringLiteral("--display must be soft, argmax or sample");
    }
    if (parser.isSet("sample-seed")) {
        style.sampleSeed = parser.value("sample-seed").toULongLong(&ok);
        if (!ok) {
            return QStringLiteral("--sample-seed must be a whole number");
        }
    }
    int beam = 3;
    if (parser.isSet("beam")) {
        beam = parser.value("beam").toInt(&ok);
        if (!ok || beam < 1 || beam > 50) {
            return QStringLiteral("--beam must be a whole number from 1 to 50");
        }
    }
    try {
        auto model = CaptionModel::open(parser.value("model"));
        const PreparedImage prepared = loadImageForModel(parser.value("image"), model->config().imageSize);
        for (const auto& notice : prepared.notices) {
            std::fprintf(stderr, "attnscope-cli: notice: %s\n", notice.toLocal8Bit().constData());
        }
        request.image = prepared.display.copy(prepared.cropInDisplay);
        request.caption = model->caption(prepared.modelInput, beam);
    } catch (const ModelError& e) {
        return QString::fromLocal8Bit(e.what());
    } catch (const ImageLoadError& e) {
        return QString::fromLocal8Bit(e.what());
    }
    const QStringList& words = request.caption.words;
    if (parser.isSet("word")) {
        const QString w = parser.value("word");
        const int index = w.toInt(&ok);
        request.word = ok ? index : int(words.indexOf(w));
        if (request.word < 0 || request.word >= words.size()) {
            return QStringLiteral("--word '%1' is neither a word of the caption \"%2\" nor an index from 0 to %3")
                .arg(w, words.join(' '))
                .arg(words.size() - 1);
        }
    } else {
        // The most grounded word: the one whose context the gate lets through most.
        for (int t = 0; t < words.size(); ++t) {
            if (request.word < 0 || request.caption.betas[size_t(t)] > request.caption.betas[size_t(request.word)]) {
                request.word = t;
            }
        }
    }
    return {};
}

QString drawOverlay(const QCommandLineParser& parser, const QString& out, QSize size)
{
    OverlayRequest request;
    const QString error = readOverlayRequest(parser, request);
    if (!error.isEmpty()) {
        return error;
    }
    ImageOverlayView view;
    view.setImage(request.image);
    view.setCaption(request.caption);
    view.setWord(request.word);
    view.setStyle(request.style);
    layoutOffscreen(&view, size);
    QString writeError;
    return view.exportTo(out, &writeError) ? QString() : writeError;
}

QString drawOverlayGrid(const QCommandLineParser& parser, const QString& out, QSize size)
{
    OverlayRequest request;
    const QString error = readOverlayRequest(parser, request);
    if (!error.isEmpty()) {
        return error;
    }
    OverlayGridView view;
    view.setImage(request.image);
    view.setCaption(request.caption);
    view.setStyle(request.style);
    if (parser.isSet("word")) {
        view.setSelectedWord(request.word);
    }
    layoutOffscreen(&view, size);
    QString writeError;
    return view.exportTo(out, &writeError) ? QString() : writeError;
}

std::vector<QCommandLineOption> overlayOptions()
{
    return {{"model", "Captioning model folder (overlay views).", "DIR"},
            {"image", "Image to caption (overlay views).", "FILE"},
            {"word", "Word to show: its index from 0 or the word itself (overlay; default the highest beta).", "W"},
            {"beam", "Beam width (overlay views; default 3).", "K"},
            {"sigma", "Blur, times the default 2 x upscale / 6 (overlay views; default 1).", "X"},
            {"opacity", "Opacity of the attention layer, 0 to 1 (overlay views; default 0.75).", "A"},
            {"display", "soft (default), argmax or sample: soft or hard attention (overlay views).", "MODE"},
            {"sample-seed", "Seed of sampled hard attention (overlay views; default 1).", "S"},
            {"colormap", "viridis, magma, greys or blues (overlay views default greys, like the paper).", "NAME"}};
}

} // namespace

ATTN_RENDER_VIEW({"overlay", "one word's attention over the image (--model DIR --image FILE [--word W])",
                  overlayOptions(), &drawOverlay});
ATTN_RENDER_VIEW({"overlay-grid", "every word's attention over the image with its beta, like the paper's figures",
                  overlayOptions(), &drawOverlayGrid});

} // namespace attn::cli
