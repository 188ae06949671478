#pragma once

// Internal to the engine: copies between torch tensors and Eigen matrices. Include only from src/engine/**/*.cpp
// and engine-internal headers; the rest of the application never sees torch.
#include <Eigen/Core>
#include <torch/torch.h>

#include <vector>

namespace attn {

template <typename Scalar>
using RowMajorMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// A tensor as a matrix of Scalar (float or double): a 2-D tensor keeps its shape; any other tensor becomes one
// row holding all its values in order.
template <typename Scalar = float>
RowMajorMatrix<Scalar> tensorToMatrix(const torch::Tensor& t)
{
    const auto c = t.detach().to(c10::CppTypeToScalarType<Scalar>::value).contiguous();
    const Eigen::Index rows = c.dim() == 2 ? c.size(0) : 1;
    const Eigen::Index cols = rows > 0 ? Eigen::Index(c.numel()) / rows : 0;
    return Eigen::Map<const RowMajorMatrix<Scalar>>(c.template data_ptr<Scalar>(), rows, cols);
}

// rowMajor values, cols to a row, as a matrix (an empty matrix when cols is 0).
template <typename Scalar>
RowMajorMatrix<Scalar> valuesToMatrix(const std::vector<Scalar>& rowMajor, Eigen::Index cols)
{
    const Eigen::Index rows = cols > 0 ? Eigen::Index(rowMajor.size()) / cols : 0;
    return Eigen::Map<const RowMajorMatrix<Scalar>>(rowMajor.data(), rows, cols);
}

// An Eigen matrix (any storage order) as a (rows, cols) tensor of its scalar type, owning its memory.
template <typename Derived>
torch::Tensor matrixToTensor(const Eigen::MatrixBase<Derived>& m)
{
    using Scalar = typename Derived::Scalar;
    RowMajorMatrix<Scalar> copy = m;
    return torch::from_blob(copy.data(), {copy.rows(), copy.cols()}, c10::CppTypeToScalarType<Scalar>::value).clone();
}

} // namespace attn
