// render --view kernel-regression: attention pooling as Nadaraya-Watson kernel regression (d2l-zh 10.2).
#include "cli/command.h"
#include "cli/renderviews.h"
#include "views/exporter.h"
#include "views/kernelregressionview.h"

#include <cmath>

namespace attn::cli {

namespace {

QString drawKernel(const QCommandLineParser& parser, const QString& out, QSize size)
{
    KernelRegressionView view;
    const QString kernel = parser.isSet("kernel") ? parser.value("kernel") : QStringLiteral("gaussian");
    const auto kind = kernelKindFromName(kernel.toStdString());
    if (!kind) {
        return QStringLiteral("--kernel: unknown kernel '%1' (choose average, gaussian or learned)").arg(kernel);
    }
    if (parser.isSet("kernel-width")) {
        bool ok = false;
        const double sigma = parser.value("kernel-width").toDouble(&ok);
        if (!ok || !std::isfinite(sigma) || sigma < KernelRegressionView::minWidth() ||
            sigma > KernelRegressionView::maxWidth()) {
            return QStringLiteral("--kernel-width must be a number from %1 to %2")
                .arg(KernelRegressionView::minWidth())
                .arg(KernelRegressionView::maxWidth());
        }
        view.setWidth(sigma);
    }
    view.setKernel(*kind);
    return exportPresentableView(&view, parser, out, size);
}

} // namespace

ATTN_RENDER_VIEW(
    {"kernel-regression",
     "attention pooling as kernel regression: data, truth, estimate and the weights' heatmap",
     {{"kernel", "kernel-regression: average, gaussian (default) or learned.", "K", "gaussian"},
      {"kernel-width", "kernel-regression: the Gaussian kernel's width sigma, 0.05 to 5 (default 0.5).", "W"},
      {"font-px", "kernel-regression, three-steps: text size in pixels (presentation: height / 50).", "PX"}},
     &drawKernel});

} // namespace attn::cli
