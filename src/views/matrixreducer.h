#pragma once

#include "core/attentionsource.h" // PoolMode

#include <vector>

namespace attn {

// A rectangle of matrix cells: rows [row0, row1), columns [col0, col1).
struct MatrixRegion
{
    int row0 = 0;
    int row1 = 0;
    int col0 = 0;
    int col1 = 0;
    int rows() const { return row1 - row0; }
    int cols() const { return col1 - col0; }
    bool operator==(const MatrixRegion& o) const
    {
        return row0 == o.row0 && row1 == o.row1 && col0 == o.col0 && col1 == o.col1;
    }
    bool operator!=(const MatrixRegion& o) const { return !(*this == o); }
};

// A region of a matrix with at most one value per pixel: bin i of an axis holds the cells
// [starts[i], starts[i + 1]), reduced to their max or mean. When the region has fewer cells than pixels every bin
// is one cell and the values are the matrix's own.
struct ReducedMatrix
{
    std::vector<double> values; // rows x cols, row-major (double: what QCPColorMapData stores)
    int rows = 0;
    int cols = 0;
    MatrixRegion region;
    std::vector<int> rowStarts; // rows + 1 entries
    std::vector<int> colStarts; // cols + 1 entries
    bool exact() const { return rows == region.rows() && cols == region.cols(); }
    // The bin holding a cell of the full matrix (the cell must be inside the region).
    int rowBin(int row) const;
    int colBin(int col) const;
};

// Reduces region of a (rows, cols) row-major matrix to at most maxRows x maxCols bins. Reads each cell of the
// region once (a 4,096 x 4,096 head in about 10 ms): done when the data, the zoom or the size change, never while
// painting.
ReducedMatrix reduceMatrix(const float* values, int rows, int cols, MatrixRegion region, int maxRows, int maxCols,
                           PoolMode mode);

} // namespace attn
