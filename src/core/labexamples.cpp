#include "core/labexamples.h"

#include "core/normaliser.h"
#include "core/vectorparse.h"

#include <QFile>

#include <stdexcept>
#include <vector>

namespace attn {

namespace {

Eigen::MatrixXd stackRows(const std::vector<Eigen::VectorXd>& rows)
{
    if (rows.empty()) {
        return {};
    }
    Eigen::MatrixXd m(Eigen::Index(rows.size()), rows.front().size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        m.row(Eigen::Index(i)) = rows[i].transpose();
    }
    return m;
}

[[noreturn]] void fail(const QString& message)
{
    throw std::invalid_argument(message.toStdString());
}

} // namespace

LabVectors parseLabVectors(const QString& text, const QString& sourceName)
{
    std::vector<Eigen::VectorXd> queries, keys, values;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        const int hash = line.indexOf(QLatin1Char('#'));
        if (hash >= 0) {
            line.truncate(hash);
        }
        line = line.trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const QString where = QStringLiteral("%1 line %2").arg(sourceName).arg(i + 1);
        QChar kind;
        const int colon = line.indexOf(QLatin1Char(':'));
        if (colon >= 0) {
            const QString prefix = line.left(colon).trimmed().toLower();
            if (prefix == QLatin1String("q") || prefix == QLatin1String("query")) {
                kind = QLatin1Char('q');
            } else if (prefix == QLatin1String("k") || prefix == QLatin1String("key")) {
                kind = QLatin1Char('k');
            } else if (prefix == QLatin1String("v") || prefix == QLatin1String("value")) {
                kind = QLatin1Char('v');
            } else {
                fail(QStringLiteral("%1: unknown prefix '%2' (use q:, k: or v:)").arg(where, prefix));
            }
            line = line.mid(colon + 1);
        } else {
            kind = queries.empty() ? QLatin1Char('q') : QLatin1Char('k');
        }
        const Eigen::VectorXd v = parseVector(line, where);
        auto& list = kind == QLatin1Char('q') ? queries : kind == QLatin1Char('k') ? keys : values;
        if (!list.empty() && list.front().size() != v.size()) {
            fail(QStringLiteral("%1: %2 values, but the first %3 has %4")
                     .arg(where)
                     .arg(v.size())
                     .arg(kind == QLatin1Char('q') ? QStringLiteral("query")
                                                   : kind == QLatin1Char('k') ? QStringLiteral("key")
                                                                              : QStringLiteral("value"))
                     .arg(list.front().size()));
        }
        list.push_back(v);
    }
    if (queries.size() != 1) {
        fail(QStringLiteral("%1: needs exactly one query (found %2)").arg(sourceName).arg(queries.size()));
    }
    if (keys.empty()) {
        fail(QStringLiteral("%1: needs at least one key").arg(sourceName));
    }
    if (!values.empty() && values.size() != keys.size()) {
        fail(QStringLiteral("%1: %2 values for %3 keys (give one value per key, or none)")
                 .arg(sourceName)
                 .arg(values.size())
                 .arg(keys.size()));
    }
    return {queries.front(), stackRows(keys), stackRows(values)};
}

LabVectors readLabVectors(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        fail(QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
    }
    return parseLabVectors(QString::fromUtf8(file.readAll()), path);
}

SelfAttentionExample courseSelfAttentionExample()
{
    SelfAttentionExample e;
    e.tokens = {QStringLiteral("the"), QStringLiteral("cat"), QStringLiteral("sat"), QStringLiteral("down")};
    e.x.resize(4, 2);
    e.x << 0.2, 1.0, //
        1.0, 0.3,    //
        -0.6, 0.8,   //
        0.7, -0.9;
    e.wq.resize(2, 2);
    e.wq << 1.2, 0.4, //
        -0.5, 1.0;
    e.wk.resize(2, 2);
    e.wk << 1.0, -0.3, //
        0.6, 1.1;
    e.wv.resize(2, 2);
    e.wv << 0.9, 0.2, //
        -0.1, 1.0;
    return e;
}

LabVectors selfAttentionLabVectors(const SelfAttentionExample& example, int row)
{
    if (row < 0 || row >= example.x.rows()) {
        fail(QStringLiteral("self-attention example: query row %1 is outside 0..%2").arg(row).arg(example.x.rows() - 1));
    }
    const Eigen::MatrixXd q = example.x * example.wq; // (n, dk)
    return {q.row(row).transpose(), example.x * example.wk, example.x * example.wv};
}

} // namespace attn
