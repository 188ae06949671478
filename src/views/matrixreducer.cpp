#include "views/matrixreducer.h"

#include <algorithm>

namespace attn {

namespace {

std::vector<int> binStarts(int begin, int end, int bins)
{
    std::vector<int> starts(std::size_t(bins) + 1);
    const std::int64_t span = end - begin;
    for (int i = 0; i <= bins; ++i) {
        starts[std::size_t(i)] = begin + int(span * i / bins);
    }
    return starts;
}

int binOf(const std::vector<int>& starts, int index)
{
    const auto it = std::upper_bound(starts.begin(), starts.end(), index);
    return std::clamp(int(it - starts.begin()) - 1, 0, int(starts.size()) - 2);
}

} // namespace

int ReducedMatrix::rowBin(int row) const
{
    return binOf(rowStarts, row);
}

int ReducedMatrix::colBin(int col) const
{
    return binOf(colStarts, col);
}

ReducedMatrix reduceMatrix(const float* values, int rows, int cols, MatrixRegion region, int maxRows, int maxCols,
                           PoolMode mode)
{
    ReducedMatrix out;
    region.row0 = std::clamp(region.row0, 0, rows);
    region.row1 = std::clamp(region.row1, region.row0, rows);
    region.col0 = std::clamp(region.col0, 0, cols);
    region.col1 = std::clamp(region.col1, region.col0, cols);
    out.region = region;
    if (region.rows() == 0 || region.cols() == 0 || !values) {
        return out;
    }
    out.rows = std::clamp(maxRows, 1, region.rows());
    out.cols = std::clamp(maxCols, 1, region.cols());
    out.rowStarts = binStarts(region.row0, region.row1, out.rows);
    out.colStarts = binStarts(region.col0, region.col1, out.cols);
    out.values.assign(std::size_t(out.rows) * out.cols, mode == PoolMode::Max ? -1e300 : 0.0);
    const bool max = mode == PoolMode::Max;
    for (int b = 0; b < out.rows; ++b) {
        double* bin = out.values.data() + std::size_t(b) * out.cols;
        for (int r = out.rowStarts[std::size_t(b)]; r < out.rowStarts[std::size_t(b) + 1]; ++r) {
            const float* row = values + std::size_t(r) * cols;
            for (int j = 0; j < out.cols; ++j) {
                // A contiguous run of the row per bin: the inner loop vectorises.
                const float* a = row + out.colStarts[std::size_t(j)];
                const float* e = row + out.colStarts[std::size_t(j) + 1];
                if (max) {
                    float m = *a;
                    for (const float* p = a + 1; p < e; ++p) {
                        m = std::max(m, *p);
                    }
                    bin[j] = std::max(bin[j], double(m));
                } else {
                    float s = 0.0f;
                    for (const float* p = a; p < e; ++p) {
                        s += *p;
                    }
                    bin[j] += s;
                }
            }
        }
        if (!max) {
            const int n = out.rowStarts[std::size_t(b) + 1] - out.rowStarts[std::size_t(b)];
            for (int j = 0; j < out.cols; ++j) {
                bin[j] /= double(n) * (out.colStarts[std::size_t(j) + 1] - out.colStarts[std::size_t(j)]);
            }
        }
    }
    return out;
}

} // namespace attn
