#include "views/labstyle.h"

#include <QStringList>

#include <cmath>

namespace attn {

QColor scoreFunctionColor(ScoreFunction fn)
{
    switch (fn) {
    case ScoreFunction::Dot: return QColor(0x1f, 0x77, 0xb4);
    case ScoreFunction::ScaledDot: return QColor(0xff, 0x7f, 0x0e);
    case ScoreFunction::Cosine: return QColor(0x2c, 0xa0, 0x2c);
    case ScoreFunction::General: return QColor(0xd6, 0x27, 0x28);
    case ScoreFunction::ConcatLinear: return QColor(0x94, 0x67, 0xbd);
    case ScoreFunction::ConcatTanh: return QColor(0x17, 0xbe, 0xcf);
    case ScoreFunction::Additive: return QColor(0x8c, 0x56, 0x4b);
    case ScoreFunction::Location: return QColor(0xe3, 0x77, 0xc2);
    }
    return Qt::black;
}

QString formatLabNumber(double value, int decimals)
{
    if (!std::isfinite(value)) {
        return QStringLiteral("—");
    }
    const double scale = std::pow(10.0, decimals);
    if (std::round(value * scale) == 0.0) {
        value = 0.0; // no "-0.00"
    }
    return QString::number(value, 'f', decimals).replace(QLatin1Char('-'), QChar(0x2212));
}

QString formatLabVector(const Eigen::VectorXd& v, int decimals, int maxShown)
{
    QStringList parts;
    for (Eigen::Index i = 0; i < v.size() && i < maxShown; ++i) {
        parts << formatLabNumber(v(i), decimals);
    }
    if (v.size() > maxShown) {
        parts << QStringLiteral("…");
    }
    return QStringLiteral("(%1)").arg(parts.join(QStringLiteral(", ")));
}

} // namespace attn
