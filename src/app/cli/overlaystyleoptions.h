#pragma once

#include <QCommandLineParser>
#include <QString>

namespace attn {
struct OverlayStyle;
}

namespace attn::cli {

// --colormap and --opacity, the options every view of attention over an image reads (render --view overlay,
// overlay-grid, vit): sets style's fields that are given, leaves the others. Returns an empty string or the error
// to print.
QString readOverlayStyleOptions(const QCommandLineParser& parser, OverlayStyle& style);

} // namespace attn::cli
