#pragma once

#include <QColor>
#include <QString>
#include <QStringList>

class QCPColorGradient;

namespace attn {

// Colour maps offered by every view. Viridis and magma are perceptually uniform; greys prints well.
enum class ColorMap
{
    Viridis,
    Magma,
    Greys,
    Blues
};

QStringList colorMapIds();                 // stable ids for settings and the command line: "viridis", ...
QString colorMapLabel(ColorMap map);       // translated label for menus
QString colorMapId(ColorMap map);
ColorMap colorMapFromId(const QString& id, ColorMap fallback = ColorMap::Viridis);
QCPColorGradient colorGradient(ColorMap map);
// The colour of value t in [0, 1] (clamped).
QColor colorAt(ColorMap map, double t);

} // namespace attn
