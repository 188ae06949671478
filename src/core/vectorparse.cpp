#include "core/vectorparse.h"

#include <QStringList>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace attn {

namespace {

[[noreturn]] void fail(const QString& message)
{
    throw std::invalid_argument(message.toStdString());
}

} // namespace

Eigen::VectorXd parseVector(const QString& text, const QString& what)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        fail(QStringLiteral("%1 is empty").arg(what));
    }
    const QStringList parts = trimmed.split(QLatin1Char(','));
    Eigen::VectorXd v(parts.size());
    for (int i = 0; i < parts.size(); ++i) {
        const QString p = parts[i].trimmed();
        bool ok = false;
        const double x = p.toDouble(&ok);
        if (p.compare(QLatin1String("nan"), Qt::CaseInsensitive) == 0 || (ok && std::isnan(x))) {
            fail(QStringLiteral("%1: value %2 is NaN").arg(what).arg(i));
        }
        if (p.contains(QLatin1String("inf"), Qt::CaseInsensitive) || (ok && !std::isfinite(x))) {
            fail(QStringLiteral("%1: value %2 is infinite").arg(what).arg(i));
        }
        if (!ok) {
            // Qt refuses numbers out of double's range; say so rather than "not a number".
            const QByteArray bytes = p.toLatin1();
            char* end = nullptr;
            errno = 0;
            std::strtod(bytes.constData(), &end);
            if (!bytes.isEmpty() && end == bytes.constData() + bytes.size() && errno == ERANGE) {
                fail(QStringLiteral("%1: value %2 is out of range (infinite)").arg(what).arg(i));
            }
            fail(QStringLiteral("%1: '%2' is not a number (expected comma-separated numbers like 1,0.5,-2)")
                     .arg(what, p.isEmpty() ? QStringLiteral("(empty)") : p));
        }
        v(i) = x;
    }
    return v;
}

Eigen::MatrixXd parseMatrix(const QString& text, const QString& what)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        fail(QStringLiteral("%1: the list is empty").arg(what));
    }
    const QStringList rows = trimmed.split(QLatin1Char(';'));
    std::vector<Eigen::VectorXd> parsed;
    for (int r = 0; r < rows.size(); ++r) {
        parsed.push_back(parseVector(rows[r], QStringLiteral("%1 %2").arg(what).arg(r)));
        if (parsed.back().size() != parsed.front().size()) {
            fail(QStringLiteral("%1 %2 has %3 values but %1 0 has %4")
                     .arg(what)
                     .arg(r)
                     .arg(parsed.back().size())
                     .arg(parsed.front().size()));
        }
    }
    Eigen::MatrixXd m(parsed.size(), parsed.front().size());
    for (std::size_t r = 0; r < parsed.size(); ++r) {
        m.row(Eigen::Index(r)) = parsed[r].transpose();
    }
    return m;
}

QString formatVector(const Eigen::VectorXd& v, int precision)
{
    QStringList parts;
    for (Eigen::Index i = 0; i < v.size(); ++i) {
        parts << QString::number(v(i), 'g', precision);
    }
    return parts.join(QLatin1Char(','));
}

} // namespace attn
