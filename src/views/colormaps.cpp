#include "views/colormaps.h"

#include <QCoreApplication>
#include <qcustomplot.h>

#include <algorithm>
#include <vector>

namespace attn {

namespace {

struct Stop
{
    double t;
    QColor c;
};

// Control points sampled from matplotlib's colour maps; linear interpolation between them stays within a
// just-noticeable difference of the original tables.
std::vector<Stop> stops(ColorMap map)
{
    switch (map) {
    case ColorMap::Viridis:
        return {{0.0, QColor(68, 1, 84)},     {0.125, QColor(71, 44, 122)}, {0.25, QColor(59, 81, 139)},
                {0.375, QColor(44, 113, 142)}, {0.5, QColor(33, 144, 141)}, {0.625, QColor(39, 173, 129)},
                {0.75, QColor(92, 200, 99)},   {0.875, QColor(170, 220, 50)}, {1.0, QColor(253, 231, 37)}};
    case ColorMap::Magma:
        return {{0.0, QColor(0, 0, 4)},        {0.125, QColor(28, 16, 68)},  {0.25, QColor(79, 18, 123)},
                {0.375, QColor(129, 37, 129)}, {0.5, QColor(181, 54, 122)},  {0.625, QColor(229, 80, 100)},
                {0.75, QColor(251, 135, 97)},  {0.875, QColor(254, 194, 135)}, {1.0, QColor(252, 253, 191)}};
    case ColorMap::Greys: return {{0.0, QColor(255, 255, 255)}, {1.0, QColor(0, 0, 0)}};
    case ColorMap::Blues:
        return {{0.0, QColor(247, 251, 255)}, {0.25, QColor(198, 219, 239)}, {0.5, QColor(107, 174, 214)},
                {0.75, QColor(33, 113, 181)},  {1.0, QColor(8, 48, 107)}};
    }
    return {{0.0, Qt::white}, {1.0, Qt::black}};
}

} // namespace

QStringList colorMapIds()
{
    return {QStringLiteral("viridis"), QStringLiteral("magma"), QStringLiteral("greys"), QStringLiteral("blues")};
}

QString colorMapId(ColorMap map)
{
    return colorMapIds().at(int(map));
}

QString colorMapLabel(ColorMap map)
{
    switch (map) {
    case ColorMap::Viridis: return QCoreApplication::translate("attn::ColorMap", "Viridis (perceptually uniform)");
    case ColorMap::Magma: return QCoreApplication::translate("attn::ColorMap", "Magma (perceptually uniform)");
    case ColorMap::Greys: return QCoreApplication::translate("attn::ColorMap", "Greyscale");
    case ColorMap::Blues: return QCoreApplication::translate("attn::ColorMap", "Blues");
    }
    return {};
}

ColorMap colorMapFromId(const QString& id, ColorMap fallback)
{
    const int i = int(colorMapIds().indexOf(id.toLower()));
    return i < 0 ? fallback : ColorMap(i);
}

QCPColorGradient colorGradient(ColorMap map)
{
    QCPColorGradient g;
    g.clearColorStops();
    for (const auto& s : stops(map)) {
        g.setColorStopAt(s.t, s.c);
    }
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(256);
    return g;
}

QColor colorAt(ColorMap map, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    const auto s = stops(map);
    for (std::size_t i = 1; i < s.size(); ++i) {
        if (t <= s[i].t) {
            const double f = (t - s[i - 1].t) / (s[i].t - s[i - 1].t);
            const auto mix = [f](int a, int b) { return int(std::lround(a + (b - a) * f)); };
            return QColor(mix(s[i - 1].c.red(), s[i].c.red()), mix(s[i - 1].c.green(), s[i].c.green()),
                          mix(s[i - 1].c.blue(), s[i].c.blue()));
        }
    }
    return s.back().c;
}

} // namespace attn
