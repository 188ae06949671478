// render --view highlight|document|pair: a classifier's attention (issue 15) drawn from a model folder and a text.
#include "cli/command.h"
#include "cli/renderviews.h"
#include "core/classification.h"
#include "engine/classify/classifiermodel.h"
#include "views/documentview.h"
#include "views/highlighttextview.h"
#include "views/pairview.h"

namespace attn::cli {

namespace {

using Kind = ClassificationResult::Kind;

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Single:
        return QStringLiteral("a single-text (pooling) model");
    case Kind::Document:
        return QStringLiteral("a document (han) model");
    case Kind::Pair:
        return QStringLiteral("a pair model");
    }
    return {};
}

// Runs the model; on failure returns the message and leaves result alone.
QString classifyFor(const QCommandLineParser& parser, const QString& view, Kind wanted, ClassificationResult& result)
{
    if (!parser.isSet("model")) {
        return QStringLiteral("--view %1 needs --model DIR (a classifier folder)").arg(view);
    }
    if (!parser.isSet("text")) {
        return QStringLiteral("--view %1 needs --text").arg(view);
    }
    try {
        const auto model = ClassifierModel::open(parser.value("model"));
        result = model->classify(parser.value("text"), parser.value("text2"));
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
    if (result.kind != wanted) {
        return QStringLiteral("--view %1 draws %2; %3 is %4")
            .arg(view, kindName(wanted), parser.value("model"), kindName(result.kind));
    }
    return {};
}

// --font-px before the layout, since the height of a text view follows from its width and its text size.
QString applyFontPx(const QCommandLineParser& parser, Presentable* view)
{
    if (!parser.isSet("font-px")) {
        return {};
    }
    bool ok = false;
    const int px = parser.value("font-px").toInt(&ok);
    if (!ok || px < 6 || px > 200) {
        return QStringLiteral("--font-px must be a whole number from 6 to 200");
    }
    view->setMinimumTextPixels(px);
    return {};
}

template <typename View> QString drawFlowing(View& view, const QCommandLineParser& parser, const QString& out, QSize size)
{
    if (const QString error = applyFontPx(parser, &view); !error.isEmpty()) {
        return error;
    }
    const int fit = view.heightForWidth(size.width());
    const int height = parser.isSet("height") ? std::max(size.height(), fit) : fit;
    return exportPresentableView(&view, parser, out, QSize(size.width(), height));
}

QString drawHighlight(const QCommandLineParser& parser, const QString& out, QSize size)
{
    ClassificationResult r;
    if (const QString error = classifyFor(parser, QStringLiteral("highlight"), Kind::Single, r); !error.isEmpty()) {
        return error;
    }
    HighlightTextView view;
    view.setResult(r);
    return drawFlowing(view, parser, out, size);
}

QString drawDocument(const QCommandLineParser& parser, const QString& out, QSize size)
{
    ClassificationResult r;
    if (const QString error = classifyFor(parser, QStringLiteral("document"), Kind::Document, r); !error.isEmpty()) {
        return error;
    }
    DocumentView view;
    view.setResult(r);
    return drawFlowing(view, parser, out, size);
}

QString drawPair(const QCommandLineParser& parser, const QString& out, QSize size)
{
    ClassificationResult r;
    if (const QString error = classifyFor(parser, QStringLiteral("pair"), Kind::Pair, r); !error.isEmpty()) {
        return error;
    }
    PairView view;
    view.setResult(r);
    if (const QString error = applyFontPx(parser, &view); !error.isEmpty()) {
        return error;
    }
    // The matrix and both word columns are never cut: the picture grows to the view's size when it needs to.
    const QSize wanted(parser.isSet("width") ? size.width() : 0, parser.isSet("height") ? size.height() : 0);
    return exportPresentableView(&view, parser, out, wanted.expandedTo(view.sizeHint()));
}

const std::vector<QCommandLineOption> kOptions = {
    {"model", "The model folder.", "DIR"},
    {"text", "The input text.", "TEXT"},
    {"text2", "highlight, document, pair: the second text of a pair model (the hypothesis).", "TEXT"},
    {"font-px", "Text size in pixels (presentation: height / 50).", "PX"},
};

} // namespace

ATTN_RENDER_VIEW({"highlight", "a pooling classifier's prediction, each word shaded by its attention weight", kOptions,
                  &drawHighlight});
ATTN_RENDER_VIEW({"document", "a hierarchical attention network: a weight bar per sentence, words shaded inside",
                  kOptions, &drawDocument});
ATTN_RENDER_VIEW({"pair", "a pair classifier: premise, hypothesis, lines between aligned words, attention matrix",
                  kOptions, &drawPair});

} // namespace attn::cli
