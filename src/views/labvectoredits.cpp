#include "views/labvectoredits.h"

#include <algorithm>
#include <cmath>

namespace attn {

namespace {

Eigen::VectorXd circlePoint(int i)
{
    const double angle = 0.9 + 2.2 * i; // spreads new keys around the circle
    return Eigen::Vector2d(std::cos(angle), std::sin(angle));
}

} // namespace

LabVectors defaultLabVectors()
{
    LabVectors start;
    start.query = Eigen::Vector2d(1.0, 0.5);
    start.keys.resize(4, 2);
    start.keys << 1.2, 0.2, //
        0.3, 1.1,           //
        -1.0, 0.4,          //
        0.4, -0.9;
    return start;
}

bool setLabRow(Eigen::MatrixXd& m, int index, const Eigen::VectorXd& row)
{
    if (index < 0 || index >= m.rows() || row.size() != m.cols()) {
        return false;
    }
    m.row(index) = row.transpose();
    return true;
}

void resizeLabKeys(LabVectors& vectors, int count)
{
    const int old = int(vectors.keys.rows());
    const auto grow = [&](Eigen::MatrixXd& m) {
        Eigen::MatrixXd bigger = Eigen::MatrixXd::Zero(count, m.cols());
        bigger.topRows(std::min(old, count)) = m.topRows(std::min(old, count));
        for (int i = old; i < count; ++i) {
            // New 2-D keys go round the circle; other sizes start at a copy of the last key.
            bigger.row(i) = m.cols() == 2 ? circlePoint(i).transpose() : Eigen::RowVectorXd(m.row(old - 1));
        }
        m = bigger;
    };
    grow(vectors.keys);
    vectors.keyLabels.clear(); // token labels no longer fit
    if (vectors.values.size() > 0) {
        grow(vectors.values);
    }
}

} // namespace attn
