// render --view compare: a minimal pair (the tired / wide sentences by default), same layer and head, and the
// difference heatmap where the tokens line up.
#include "cli/command.h"
#include "cli/renderviews.h"
#include "cli/textviewoptions.h"
#include "views/compareview.h"
#include "views/exporter.h"
#include "views/headview.h"

#include <stdexcept>

namespace attn::cli {

namespace {

QString drawCompare(const QCommandLineParser& parser, const QString& out, QSize size)
{
    TextViewInput input;
    QString error = loadTextViewInput(parser, true, input);
    if (!error.isEmpty()) {
        return error;
    }
    CompareView view;
    try {
        const AttentionMap a = selectedMap(input.set, input.selection);
        const AttentionMap b = selectedMap(input.second, input.selection);
        const bool head = input.selection.aggregation == Aggregation::None;
        const QString name = head ? QStringLiteral("H%1").arg(input.selection.head)
                                  : aggregationId(input.selection.aggregation);
        const QString what = describeSelection(input.set, input.selection);
        view.setPair(a, QStringLiteral("A: %1").arg(what), b, QStringLiteral("B: %1").arg(what), name,
                     head ? HeadView::headColor(input.selection.head) : QColor(60, 60, 60));
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    view.setSelectedQuery(selectedQuery(parser, view.headViewA()->queryLabels(), error));
    if (!error.isEmpty()) {
        return error;
    }
    layoutOffscreen(&view, size);
    if (!view.exportTo(out, &error)) {
        return error;
    }
    QJsonObject scene{{"view", "compare"},
                      {"a", headViewScene(*view.headViewA())},
                      {"b", headViewScene(*view.headViewB())},
                      {"difference", view.hasDifference()}};
    if (view.hasDifference()) {
        int q = -1, k = -1;
        scene.insert("largest_difference", QJsonObject{{"value", double(view.largestDifference(&q, &k))},
                                                       {"query", q},
                                                       {"key", k}});
    } else {
        scene.insert("difference_message", view.differenceMessage());
    }
    return writeScene(parser, scene);
}

} // namespace

ATTN_RENDER_VIEW({"compare", "a minimal pair side by side with the difference heatmap (--text and --text2)",
                  textViewOptions(), &drawCompare});

} // namespace attn::cli
