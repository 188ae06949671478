#pragma once
// Internal to src/engine/classify: the inference layers of the pooling and hierarchical classifiers in plain Eigen
// (no torch), read from the weights torch wrote, so that `classify` runs in well under a millisecond and its
// process need not load LibTorch. Names and gate order follow torch::nn::GRU and torch::nn::Linear exactly.
// Matrices hold one column per token: x (features, tokens).

#include "engine/corpus/vocabulary.h"
#include "engine/hf/hfcheckpoint.h"

#include <Eigen/Dense>
#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace attn::classify {

// One direction of a torch GRU: gates in the order r, z, n.
struct GruDirection
{
    Eigen::MatrixXf wih; // (3H, in)
    Eigen::MatrixXf whh; // (3H, H)
    Eigen::VectorXf bih; // (3H)
    Eigen::VectorXf bhh; // (3H)
    // x: (in, T) -> states (H, T); reverse runs from the last token to the first (state t still belongs to token t).
    Eigen::MatrixXf run(const Eigen::MatrixXf& x, bool reverse) const;
};

struct BiGru
{
    GruDirection forward, backward;
    int hidden = 0;
    // x: (in, T) -> (2H, T): forward states on top of backward states, as torch's bidirectional output.
    Eigen::MatrixXf run(const Eigen::MatrixXf& x) const;
};

// Additive attention pooling with a learned context vector (Yang et al. 2016): a_t = softmax(u^T tanh(W h_t + b)).
struct AttentionPool
{
    Eigen::MatrixXf w; // (A, D)
    Eigen::VectorXf b; // (A)
    Eigen::VectorXf u; // (A)
    // h: (D, T) -> weights (T), summing to 1.
    Eigen::VectorXf weights(const Eigen::MatrixXf& h) const;
};

struct LinearLayer
{
    Eigen::MatrixXf w; // (out, in)
    Eigen::VectorXf b; // (out)
    Eigen::VectorXf apply(const Eigen::VectorXf& x) const { return w * x + b; }
};

Eigen::VectorXf softmax(const Eigen::VectorXf& logits);

// Reads named tensors of a model.safetensors with the shapes the config promises, through the strict reader every
// model family shares (hf/hfcheckpoint.h): throws ModelError naming the file and the tensor (missing, of another
// shape, not float, NaN or infinite), and finish() names tensors the model does not have.
class WeightReader
{
public:
    explicit WeightReader(const QString& path);
    Eigen::MatrixXf matrix(const std::string& name, Eigen::Index rows, Eigen::Index cols) const;
    Eigen::VectorXf vector(const std::string& name, Eigen::Index n) const;
    // The tensor's values in row-major order, its stored shape exactly `shape` (any rank); valid while the reader
    // lives.
    const float* values(const std::string& name, const std::vector<std::int64_t>& shape) const;
    BiGru biGru(const std::string& prefix, int input, int hidden) const;
    AttentionPool attention(const std::string& prefix, int input, int attention) const;
    LinearLayer linear(const std::string& prefix, int input, int output) const;
    // Call once every tensor has been read: throws ModelError naming the tensors never asked for.
    void finish() const;

private:
    std::shared_ptr<hf::Checkpoint> m_file;
};

// A positive whole number from config.json at most maxValue; throws ModelError naming the file and the key.
int configSize(const QJsonObject& config, const QString& configPath, const char* key, int maxValue = 4096);
// Loads <dir>/vocabulary.txt; throws ModelError.
Vocabulary loadVocabulary(const QString& dir);
// Ids of tokens; throws ModelError naming the unknown words (up to five).
std::vector<std::int64_t> encodeKnown(const Vocabulary& vocabulary, const std::vector<std::string>& tokens);
// The attention keys of word-level pooling: each word's embedding above its right neighbour's (zeros past the end):
// x (E, T) -> (2E, T). The scores read words, not states (see classifiertrainer_torch.cpp).
Eigen::MatrixXf wordWindow(const Eigen::MatrixXf& x);
// The embedding columns of ids: embedding (E, V) -> (E, T).
Eigen::MatrixXf embed(const Eigen::MatrixXf& embedding, const std::vector<std::int64_t>& ids);

} // namespace attn::classify
