#include "core/captionresult.h"

#include <QJsonArray>

#include <cmath>
#include <stdexcept>

namespace attn {

void CaptionResult::validate(double tolerance) const
{
    const auto fail = [](const QString& message) { throw std::invalid_argument(message.toStdString()); };
    if (int(alphas.size()) != steps() || int(betas.size()) != steps()) {
        fail(QStringLiteral("caption has %1 words but %2 alpha maps and %3 betas")
                 .arg(steps())
                 .arg(alphas.size())
                 .arg(betas.size()));
    }
    if (gridRows <= 0 || gridCols <= 0) {
        fail(QStringLiteral("caption grid %1 x %2 is empty").arg(gridRows).arg(gridCols));
    }
    for (int t = 0; t < steps(); ++t) {
        const Eigen::MatrixXf& a = alphas[size_t(t)];
        if (a.rows() != gridRows || a.cols() != gridCols) {
            fail(QStringLiteral("alpha map %1 is %2 x %3, not the grid's %4 x %5")
                     .arg(t).arg(a.rows()).arg(a.cols()).arg(gridRows).arg(gridCols));
        }
        if (!a.allFinite() || a.minCoeff() < 0.0f) {
            fail(QStringLiteral("alpha map %1 ('%2') has a negative or non-finite weight").arg(t).arg(words[t]));
        }
        const double sum = a.cast<double>().sum();
        if (std::abs(sum - 1.0) > tolerance) {
            fail(QStringLiteral("alpha map %1 ('%2') sums to %3, not 1").arg(t).arg(words[t]).arg(sum, 0, 'g', 9));
        }
        const float b = betas[size_t(t)];
        if (!(b >= 0.0f && b <= 1.0f)) {
            fail(QStringLiteral("beta %1 ('%2') is %3, outside [0, 1]").arg(t).arg(words[t]).arg(b));
        }
    }
}

QJsonObject captionResultToJson(const CaptionResult& result)
{
    QJsonArray words;
    for (const auto& w : result.words) {
        words.append(w);
    }
    QJsonArray alphas;
    for (const auto& a : result.alphas) {
        QJsonArray rows;
        for (int r = 0; r < a.rows(); ++r) {
            QJsonArray row;
            for (int c = 0; c < a.cols(); ++c) {
                row.append(double(a(r, c)));
            }
            rows.append(row);
        }
        alphas.append(rows);
    }
    QJsonArray betas;
    for (float b : result.betas) {
        betas.append(double(b));
    }
    QJsonObject object;
    object.insert(QStringLiteral("model"), result.modelName);
    object.insert(QStringLiteral("words"), words);
    object.insert(QStringLiteral("grid"), QJsonArray{result.gridRows, result.gridCols});
    object.insert(QStringLiteral("alphas"), alphas);
    object.insert(QStringLiteral("betas"), betas);
    return object;
}

CaptionResult captionResultFromJson(const QJsonObject& object)
{
    const auto fail = [](const QString& message) { throw std::invalid_argument(message.toStdString()); };
    for (const char* key : {"model", "words", "grid", "alphas", "betas"}) {
        if (!object.contains(QLatin1String(key))) {
            fail(QStringLiteral("caption JSON has no \"%1\"").arg(QLatin1String(key)));
        }
    }
    CaptionResult result;
    result.modelName = object.value(QStringLiteral("model")).toString();
    for (const auto& w : object.value(QStringLiteral("words")).toArray()) {
        result.words << w.toString();
    }
    const QJsonArray grid = object.value(QStringLiteral("grid")).toArray();
    if (grid.size() != 2) {
        fail(QStringLiteral("caption JSON \"grid\" must be [rows, cols]"));
    }
    result.gridRows = grid.at(0).toInt();
    result.gridCols = grid.at(1).toInt();
    for (const auto& mapValue : object.value(QStringLiteral("alphas")).toArray()) {
        const QJsonArray rows = mapValue.toArray();
        if (rows.size() != result.gridRows) {
            fail(QStringLiteral("caption JSON alpha map has %1 rows, not %2").arg(rows.size()).arg(result.gridRows));
        }
        Eigen::MatrixXf a(result.gridRows, result.gridCols);
        for (int r = 0; r < result.gridRows; ++r) {
            const QJsonArray row = rows.at(r).toArray();
            if (row.size() != result.gridCols) {
                fail(QStringLiteral("caption JSON alpha row has %1 columns, not %2").arg(row.size()).arg(result.gridCols));
            }
            for (int c = 0; c < result.gridCols; ++c) {
                a(r, c) = float(row.at(c).toDouble());
            }
        }
        result.alphas.push_back(a);
    }
    for (const auto& b : object.value(QStringLiteral("betas")).toArray()) {
        result.betas.push_back(float(b.toDouble()));
    }
    return result;
}

} // namespace attn
