// attnscope-cli render: draws any registered view without a window into PNG, SVG or PDF.
#include "cli/command.h"
#include "cli/renderviews.h"
#include "views/exporter.h"
#include "views/presentable.h"

#include <QWidget>

#include <QFileInfo>
#include <QSet>

namespace attn::cli {

namespace {

std::vector<RenderView>& viewRegistry()
{
    static std::vector<RenderView> kViews;
    return kViews;
}

int runRender(const QStringList& args)
{
    QCommandLineParser parser;
    QStringList names;
    QString summaries;
    for (const auto& v : renderViews()) {
        names << v.name;
        summaries += QStringLiteral("\n  %1: %2").arg(v.name, -14).arg(v.summary);
    }
    parser.addOption({"view", QStringLiteral("What to draw: %1.").arg(names.join(", ")), "VIEW"});
    parser.addOption({"out", "Output file: .png, .svg or .pdf.", "FILE"});
    parser.addOption({"width", "Width in pixels (default 900).", "PX", "900"});
    parser.addOption({"height", "Height in pixels (default 700).", "PX", "700"});
    parser.addOption({"lesson", "Draw a lesson (a shipped lesson's name or an .attnlesson file) instead of a view: a "
                                "PDF handout with one page a step, or one step with --step N.", "NAME|FILE"});
    parser.addOption({"present", "--lesson: as presentation mode shows it (text at least height / 50 px)."});
    parser.addOption({"lang", "--lesson: en (default) or zh_CN.", "L"});
    parser.addOption({"size", "--lesson: the page or picture size (default 1920x1080).", "WxH"});
    QSet<QString> added{"view", "out", "width", "height", "help", "h", "lesson", "present", "lang", "size"};
    for (const auto& v : renderViews()) {
        for (const auto& o : v.options) {
            if (!added.contains(o.names().first())) {
                added.insert(o.names().first());
                parser.addOption(o);
            }
        }
    }
    int code = 0;
    if (!parseArgs(parser, QStringLiteral("render"), QStringLiteral("Draws a view into an image file.") + summaries,
                   args, code)) {
        return code;
    }
    if (!parser.isSet("view") && !parser.isSet("lesson")) {
        return usageError("render", QStringLiteral("--view (%1) or --lesson is required").arg(names.join(", ")));
    }
    if (!parser.isSet("out")) {
        return usageError("render", "--out is required");
    }
    const QString out = parser.value("out");
    if (exportFormat(out).isEmpty()) {
        return usageError("render", QStringLiteral("--out %1: use a .png, .svg or .pdf file").arg(out));
    }
    if (parser.isSet("lesson")) {
        const QString error = renderLesson(parser, out);
        return error.isEmpty() ? 0 : fail(QStringLiteral("render: %1").arg(error));
    }
    bool okW = false, okH = false;
    const int w = parser.value("width").toInt(&okW);
    const int h = parser.value("height").toInt(&okH);
    if (!okW || !okH || w < 100 || h < 100 || w > 8000 || h > 8000) {
        return usageError("render", "--width and --height must be whole numbers from 100 to 8000");
    }
    if (isAttentionFileRender(parser)) {
        const QString error = renderAttentionFile(parser, out, QSize(w, h));
        return error.isEmpty() ? 0 : fail(QStringLiteral("render: %1").arg(error));
    }
    for (const auto& v : renderViews()) {
        if (v.name == parser.value("view")) {
            const QString error = v.draw(parser, out, QSize(w, h));
            return error.isEmpty() ? 0 : fail(QStringLiteral("render: %1").arg(error));
        }
    }
    return usageError("render", QStringLiteral("unknown view '%1' (choose %2)").arg(parser.value("view"), names.join(", ")));
}

} // namespace

QString exportPresentableView(QWidget* view, const QCommandLineParser& parser, const QString& out, QSize size)
{
    if (parser.isSet("font-px")) {
        bool ok = false;
        const int px = parser.value("font-px").toInt(&ok);
        if (!ok || px < 6 || px > 200) {
            return QStringLiteral("--font-px must be a whole number from 6 to 200");
        }
        if (auto* p = dynamic_cast<Presentable*>(view)) {
            p->setMinimumTextPixels(px);
        }
    }
    layoutOffscreen(view, size.expandedTo(view->minimumSizeHint()));
    QString error;
    return exportWidget(view, out, &error) ? QString() : error;
}

bool registerRenderView(RenderView view)
{
    viewRegistry().push_back(std::move(view));
    return true;
}

const std::vector<RenderView>& renderViews()
{
    return viewRegistry();
}

ATTN_CLI_COMMAND({"render", "Draw a view (matrix, ...) to PNG, SVG or PDF without a window.", true, &runRender});

} // namespace attn::cli
