// render --view head: the Tensor2Tensor / BertViz picture of one layer (or of an aggregate).
#include "cli/command.h"
#include "cli/renderviews.h"
#include "cli/textviewoptions.h"
#include "views/exporter.h"
#include "views/headview.h"

#include <stdexcept>

namespace attn::cli {

namespace {

QString drawHead(const QCommandLineParser& parser, const QString& out, QSize size)
{
    TextViewInput input;
    QString error = loadTextViewInput(parser, false, input);
    if (!error.isEmpty()) {
        return error;
    }
    HeadView view;
    try {
        view.setHeads(headLinesFor(input.set, input.selection));
        QString title = describeSelection(input.set, input.selection);
        if (input.headGiven && input.selection.aggregation == Aggregation::None) {
            view.soloHead(input.selection.head);
        } else if (input.selection.aggregation == Aggregation::None) {
            title = title.section(QStringLiteral(", head"), 0, 0) + QStringLiteral(", all heads");
        }
        view.setTitle(title);
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    view.setSelectedQuery(selectedQuery(parser, view.queryLabels(), error));
    if (!error.isEmpty()) {
        return error;
    }
    layoutOffscreen(&view, size.expandedTo(view.minimumSizeHint()));
    if (!view.exportTo(out, &error)) {
        return error;
    }
    QJsonObject scene = headViewScene(view);
    scene.insert("view", "head");
    return writeScene(parser, scene);
}

} // namespace

ATTN_RENDER_VIEW({"head", "token-to-token lines of one layer, one colour per head (--model/--text or --attention)",
                  textViewOptions(), &drawHead});

} // namespace attn::cli
