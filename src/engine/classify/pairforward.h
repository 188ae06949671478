#pragma once
// Internal to src/engine/classify: the forward pass of the three CNN + attention pair classifiers in plain Eigen
// (no torch), read from the weights pairnet_torch.cpp trained, so that `classify` on a pair model runs in the light
// attnscope-cli without loading LibTorch. It computes exactly what PairNetImpl::forward computes for one pair
// (tst_pairmodels compares the two). Matrices hold one column per token: x (features, tokens).

#include "engine/classify/classifierlayers.h"
#include "engine/classify/pairconfig.h"

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace attn::classify {

struct PairForwardOutput
{
    Eigen::VectorXf logits;         // (classes)
    Eigen::MatrixXf attention;      // (Nh, Np), rows sum to 1
    Eigen::VectorXf premisePooling; // (Np), attentive-pooling only (empty otherwise)
};

class PairForward
{
public:
    // Reads model.safetensors with the shapes config promises; throws ModelError naming the file and the tensor.
    PairForward(const QString& weightsPath, const PairNetConfig& config);

    // premise, hypothesis: ids of real words (no padding), each at least one.
    PairForwardOutput run(const std::vector<std::int64_t>& premise, const std::vector<std::int64_t>& hypothesis) const;

private:
    Eigen::MatrixXf convolve(const Eigen::MatrixXf& x) const;                         // (C, T) -> tanh (F, T)
    Eigen::MatrixXf scores(const Eigen::MatrixXf& h, const Eigen::MatrixXf& p) const; // -> (Nh, Np)
    Eigen::MatrixXf compared(const Eigen::MatrixXf& c, const Eigen::MatrixXf& a) const;

    PairNetConfig m_config;
    Eigen::MatrixXf m_embedding;            // (E, V)
    std::vector<Eigen::MatrixXf> m_conv;    // one (F, C) matrix per kernel offset
    Eigen::VectorXf m_convBias;             // (F)
    Eigen::MatrixXf m_query, m_key;         // (A, query features), (A, key features)
    LinearLayer m_compare;                  // (F, 4F), abcnn-2 and attentive-pooling
    BiGru m_gru;                            // attentive-pooling
    Eigen::MatrixXf m_poolQuery, m_poolKey; // attentive-pooling: (A, 2H), (A, F)
    LinearLayer m_hidden, m_out;
};

} // namespace attn::classify
