// The Eigen inference layers of classifierlayers.h.
#include "engine/classify/classifierlayers.h"

#include "engine/textmodel.h"

#include <QDir>
#include <algorithm>

namespace attn::classify {

namespace {

Eigen::VectorXf sigmoid(const Eigen::VectorXf& x)
{
    return (1.0f + (-x.array()).exp()).inverse().matrix();
}

} // namespace

Eigen::MatrixXf GruDirection::run(const Eigen::MatrixXf& x, bool reverse) const
{
    const Eigen::Index hidden = whh.cols();
    const Eigen::Index steps = x.cols();
    const Eigen::MatrixXf inputs = (wih * x).colwise() + bih; // (3H, T): every input projection at once
    Eigen::MatrixXf states(hidden, steps);
    Eigen::VectorXf h = Eigen::VectorXf::Zero(hidden);
    for (Eigen::Index k = 0; k < steps; ++k) {
        const Eigen::Index t = reverse ? steps - 1 - k : k;
        const Eigen::VectorXf recurrent = whh * h + bhh;
        const Eigen::VectorXf r = sigmoid(inputs.col(t).head(hidden) + recurrent.head(hidden));
        const Eigen::VectorXf z = sigmoid(inputs.col(t).segment(hidden, hidden) + recurrent.segment(hidden, hidden));
        const Eigen::VectorXf n =
            (inputs.col(t).tail(hidden) + r.cwiseProduct(recurrent.tail(hidden))).array().tanh().matrix();
        h = (Eigen::VectorXf::Ones(hidden) - z).cwiseProduct(n) + z.cwiseProduct(h);
        states.col(t) = h;
    }
    return states;
}

Eigen::MatrixXf BiGru::run(const Eigen::MatrixXf& x) const
{
    Eigen::MatrixXf out(2 * hidden, x.cols());
    out.topRows(hidden) = forward.run(x, false);
    out.bottomRows(hidden) = backward.run(x, true);
    return out;
}

Eigen::VectorXf softmax(const Eigen::VectorXf& logits)
{
    const Eigen::VectorXf e = (logits.array() - logits.maxCoeff()).exp().matrix();
    return e / e.sum();
}

Eigen::VectorXf AttentionPool::weights(const Eigen::MatrixXf& h) const
{
    const Eigen::MatrixXf keys = ((w * h).colwise() + b).array().tanh().matrix(); // (A, T)
    return softmax(keys.transpose() * u);
}

WeightReader::WeightReader(const QString& path) : m_file(hf::Checkpoint::openFile(path)) {}

// Exact shapes through values() (matrix() of the checkpoint would also take a 1-D tensor as (1, n)), copied into
// column-major Eigen matrices for the products of the forward pass.
Eigen::MatrixXf WeightReader::matrix(const std::string& name, Eigen::Index rows, Eigen::Index cols) const
{
    return hf::MatrixMap(m_file->values(name, {rows, cols}), rows, cols);
}

Eigen::VectorXf WeightReader::vector(const std::string& name, Eigen::Index n) const
{
    return hf::VectorMap(m_file->values(name, {n}), n);
}

const float* WeightReader::values(const std::string& name, const std::vector<std::int64_t>& shape) const
{
    return m_file->values(name, shape);
}

void WeightReader::finish() const
{
    m_file->finish({});
}

BiGru WeightReader::biGru(const std::string& prefix, int input, int hidden) const
{
    BiGru g;
    g.hidden = hidden;
    for (const bool reverse : {false, true}) {
        const std::string suffix = reverse ? "_l0_reverse" : "_l0";
        GruDirection& d = reverse ? g.backward : g.forward;
        d.wih = matrix(prefix + ".weight_ih" + suffix, 3 * hidden, input);
        d.whh = matrix(prefix + ".weight_hh" + suffix, 3 * hidden, hidden);
        d.bih = vector(prefix + ".bias_ih" + suffix, 3 * hidden);
        d.bhh = vector(prefix + ".bias_hh" + suffix, 3 * hidden);
    }
    return g;
}

AttentionPool WeightReader::attention(const std::string& prefix, int input, int attention) const
{
    AttentionPool a;
    a.w = matrix(prefix + ".proj.weight", attention, input);
    a.b = vector(prefix + ".proj.bias", attention);
    a.u = matrix(prefix + ".context.weight", 1, attention).row(0).transpose();
    return a;
}

LinearLayer WeightReader::linear(const std::string& prefix, int input, int output) const
{
    return {matrix(prefix + ".weight", output, input), vector(prefix + ".bias", output)};
}

int configSize(const QJsonObject& config, const QString& configPath, const char* key, int maxValue)
{
    const QJsonValue v = config.value(QLatin1String(key));
    if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 1 || v.toInt() > maxValue) {
        throw ModelError(QStringLiteral("%1: \"%2\" must be a whole number from 1 to %3")
                             .arg(configPath, QLatin1String(key))
                             .arg(maxValue)
                             .toStdString());
    }
    return v.toInt();
}

Vocabulary loadVocabulary(const QString& dir)
{
    try {
        return Vocabulary::load(QDir(dir).filePath("vocabulary.txt").toStdString());
    } catch (const VocabularyError& e) {
        throw ModelError(e.what());
    }
}

std::vector<std::int64_t> encodeKnown(const Vocabulary& vocabulary, const std::vector<std::string>& tokens)
{
    std::vector<std::int64_t> ids;
    std::vector<std::string> unknown;
    for (const auto& t : tokens) {
        const std::int64_t id = vocabulary.id(t);
        if (id == Vocabulary::kUnk || id < 4) {
            if (unknown.size() < 5 && std::find(unknown.begin(), unknown.end(), t) == unknown.end()) {
                unknown.push_back(t);
            }
        }
        ids.push_back(id);
    }
    if (!unknown.empty()) {
        std::string list;
        for (const auto& w : unknown) {
            list += (list.empty() ? "'" : ", '") + w + "'";
        }
        throw ModelError("unknown word" + std::string(unknown.size() > 1 ? "s " : " ") + list +
                         ": this model knows only the words of its vocabulary.txt (see `attnscope-cli data`)");
    }
    return ids;
}

Eigen::MatrixXf wordWindow(const Eigen::MatrixXf& x)
{
    const Eigen::Index e = x.rows(), t = x.cols();
    Eigen::MatrixXf keys = Eigen::MatrixXf::Zero(2 * e, t);
    keys.topRows(e) = x;
    if (t > 1) {
        keys.block(e, 0, e, t - 1) = x.rightCols(t - 1);
    }
    return keys;
}

Eigen::MatrixXf embed(const Eigen::MatrixXf& embedding, const std::vector<std::int64_t>& ids)
{
    Eigen::MatrixXf x(embedding.rows(), Eigen::Index(ids.size()));
    for (std::size_t i = 0; i < ids.size(); ++i) {
        x.col(Eigen::Index(i)) = embedding.col(ids[i]);
    }
    return x;
}

} // namespace attn::classify
