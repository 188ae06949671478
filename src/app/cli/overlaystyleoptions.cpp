#include "cli/overlaystyleoptions.h"

#include "views/colormaps.h"
#include "views/imageoverlayview.h"

namespace attn::cli {

QString readOverlayStyleOptions(const QCommandLineParser& parser, OverlayStyle& style)
{
    if (parser.isSet("colormap")) {
        const QString id = parser.value("colormap");
        if (!colorMapIds().contains(id)) {
            return QStringLiteral("--colormap: unknown colour map '%1' (choose %2)").arg(id, colorMapIds().join(", "));
        }
        style.colorMap = colorMapFromId(id);
    }
    if (parser.isSet("opacity")) {
        bool ok = true;
        style.opacity = parser.value("opacity").toDouble(&ok);
        if (!ok || style.opacity < 0.0 || style.opacity > 1.0) {
            return QStringLiteral("--opacity must be a number from 0 to 1");
        }
    }
    return {};
}

} // namespace attn::cli
