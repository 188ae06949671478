// render --view scores-compare: the trained scoring functions' alignments side by side, accuracies, by length.
#include "cli/command.h"
#include "cli/renderviews.h"
#include "engine/textmodel.h"
#include "gui/scorescompare.h"
#include "views/exporter.h"
#include "views/scorescompareview.h"

namespace attn::cli {

namespace {

QString drawScoresCompare(const QCommandLineParser& parser, const QString& out, QSize size)
{
    const QString dir = parser.isSet("models") ? parser.value("models") : findSeq2SeqModelsDir();
    const QString text = parser.isSet("text") ? parser.value("text") : defaultCompareSentence();
    ScoresCompareData data;
    try {
        data = computeScoresCompare(dir, text);
    } catch (const ModelError& e) {
        return QString::fromUtf8(e.what());
    }
    ScoresCompareView view;
    view.setData(data);
    layoutOffscreen(&view, size);
    QString error;
    return exportWidget(&view, out, &error) ? QString() : error;
}

} // namespace

ATTN_RENDER_VIEW({"scores-compare",
                  "trained GRU encoder-decoders per scoring function: alignments, accuracies, accuracy by length",
                  {{"text", "scores-compare: the English sentence (default: a long held-out one).", "TEXT"},
                   {"models", "scores-compare: the folder holding seq2seq-<score> models (default: models/).",
                    "DIR"}},
                  &drawScoresCompare});

} // namespace attn::cli
