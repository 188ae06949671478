#pragma once

// Eigen vectors and matrices written as brace lists in the core tests: vec({1, 2}), rows({{1, 0}, {0, 1}}).
#include <Eigen/Dense>

#include <initializer_list>

inline Eigen::VectorXd vec(std::initializer_list<double> v)
{
    Eigen::VectorXd out(Eigen::Index(v.size()));
    Eigen::Index i = 0;
    for (double x : v) {
        out(i++) = x;
    }
    return out;
}

inline Eigen::MatrixXd rows(std::initializer_list<std::initializer_list<double>> r)
{
    Eigen::MatrixXd m(Eigen::Index(r.size()), Eigen::Index(r.begin()->size()));
    Eigen::Index i = 0;
    for (const auto& row : r) {
        Eigen::Index j = 0;
        for (double v : row) {
            m(i, j++) = v;
        }
        ++i;
    }
    return m;
}
