#include "engine/classify/pairforward.h"

#include "engine/textmodel.h"

#include <cmath>

namespace attn::classify {

namespace {

// Each row of s through a softmax.
Eigen::MatrixXf rowSoftmax(const Eigen::MatrixXf& s)
{
    Eigen::MatrixXf out(s.rows(), s.cols());
    for (Eigen::Index i = 0; i < s.rows(); ++i) {
        out.row(i) = softmax(s.row(i).transpose()).transpose();
    }
    return out;
}

Eigen::VectorXf rowMax(const Eigen::MatrixXf& x)
{
    return x.rowwise().maxCoeff();
} // (F, T) -> (F)

} // namespace

PairForward::PairForward(const QString& weightsPath, const PairNetConfig& c) : m_config(c)
{
    const WeightReader w(weightsPath);
    const bool before = c.variant == QLatin1String("abcnn-1");
    const bool ap = c.variant == QLatin1String("attentive-pooling");
    m_embedding = w.matrix("embed.weight", c.vocab, c.embedding).transpose();
    const int channels = before ? 3 * c.embedding : c.embedding;
    // conv.weight (F, C, K) as (F, C * K): element (f, c * K + k).
    const Eigen::MatrixXf conv =
        Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            w.values("conv.weight", {c.filters, channels, c.kernel}), c.filters, Eigen::Index(channels) * c.kernel);
    for (int k = 0; k < c.kernel; ++k) {
        Eigen::MatrixXf wk(c.filters, channels);
        for (int ch = 0; ch < channels; ++ch) {
            wk.col(ch) = conv.col(Eigen::Index(ch) * c.kernel + k);
        }
        m_conv.push_back(wk);
    }
    m_convBias = w.vector("conv.bias", c.filters);
    const int queryIn = before ? c.embedding : ap ? 2 * c.hidden : c.filters;
    const int keyIn = before ? c.embedding : c.filters;
    m_query = w.matrix("query.weight", c.attention, queryIn);
    m_key = w.matrix("key.weight", c.attention, keyIn);
    if (!before) {
        m_compare = w.linear("compare", 4 * c.filters, c.filters);
    }
    if (ap) {
        m_gru = w.biGru("gru", c.embedding, c.hidden);
        m_poolQuery = w.matrix("pool_query.weight", c.attention, 2 * c.hidden);
        m_poolKey = w.matrix("pool_key.weight", c.attention, c.filters);
    }
    m_hidden = w.linear("hidden", 2 * c.filters, c.filters);
    m_out = w.linear("out", c.filters, c.classes);
    // NaN and Inf were refused by the reader, naming the tensor and the element.
    w.finish();
}

Eigen::MatrixXf PairForward::convolve(const Eigen::MatrixXf& x) const
{
    const Eigen::Index T = x.cols(), pad = m_config.kernel / 2;
    Eigen::MatrixXf out = m_convBias.replicate(1, T);
    for (Eigen::Index k = 0; k < Eigen::Index(m_conv.size()); ++k) {
        // output t reads input t + k - pad (zero padding outside)
        const Eigen::Index first = std::max<Eigen::Index>(0, pad - k);
        const Eigen::Index last = std::min<Eigen::Index>(T, T + pad - k); // exclusive
        if (last > first) {
            out.middleCols(first, last - first) += m_conv[std::size_t(k)] * x.middleCols(first + k - pad, last - first);
        }
    }
    return out.array().tanh().matrix();
}

Eigen::MatrixXf PairForward::scores(const Eigen::MatrixXf& h, const Eigen::MatrixXf& p) const
{
    return (m_query * h).transpose() * (m_key * p) / std::sqrt(float(m_config.attention));
}

Eigen::MatrixXf PairForward::compared(const Eigen::MatrixXf& c, const Eigen::MatrixXf& a) const
{
    Eigen::MatrixXf in(4 * c.rows(), c.cols());
    in << c, a, c.cwiseProduct(a), c - a;
    return ((m_compare.w * in).colwise() + m_compare.b).cwiseMax(0.0f);
}

PairForwardOutput PairForward::run(const std::vector<std::int64_t>& premise,
                                   const std::vector<std::int64_t>& hypothesis) const
{
    const Eigen::MatrixXf xp = embed(m_embedding, premise), xh = embed(m_embedding, hypothesis); // (E, Np), (E, Nh)
    PairForwardOutput o;
    Eigen::VectorXf vh, vp; // (F) each
    if (m_config.variant == QLatin1String("abcnn-1")) {
        const Eigen::MatrixXf s = scores(xh, xp);
        o.attention = rowSoftmax(s);                             // (Nh, Np)
        const Eigen::MatrixXf back = rowSoftmax(s.transpose());  // (Np, Nh)
        const Eigen::MatrixXf ah = xp * o.attention.transpose(); // (E, Nh)
        const Eigen::MatrixXf ap = xh * back.transpose();        // (E, Np)
        Eigen::MatrixXf ih(3 * xh.rows(), xh.cols()), ip(3 * xp.rows(), xp.cols());
        ih << xh, ah, xh.cwiseProduct(ah);
        ip << xp, ap, xp.cwiseProduct(ap);
        vh = rowMax(convolve(ih));
        vp = rowMax(convolve(ip));
    } else if (m_config.variant == QLatin1String("abcnn-2")) {
        const Eigen::MatrixXf ch = convolve(xh), cp = convolve(xp);
        const Eigen::MatrixXf s = scores(ch, cp);
        o.attention = rowSoftmax(s);
        const Eigen::MatrixXf back = rowSoftmax(s.transpose());
        vh = rowMax(compared(ch, cp * o.attention.transpose()));
        vp = rowMax(compared(cp, ch * back.transpose()));
    } else {
        const Eigen::MatrixXf states = m_gru.run(xh); // (2H, Nh)
        const Eigen::Index H = m_gru.hidden, last = states.cols() - 1;
        Eigen::VectorXf sentence(2 * H); // the final state of each direction
        sentence << states.col(last).head(H), states.col(0).tail(H);
        const Eigen::MatrixXf features = convolve(xp); // (F, Np)
        o.attention = rowSoftmax(scores(states, features));
        vh = rowMax(compared(convolve(xh), features * o.attention.transpose()));
        const Eigen::VectorXf ps =
            ((m_poolKey * features).transpose() * (m_poolQuery * sentence)) / std::sqrt(float(m_config.attention));
        o.premisePooling = softmax(ps);
        vp = features * o.premisePooling;
    }
    Eigen::VectorXf joined(vh.size() + vp.size());
    joined << vh, vp;
    o.logits = m_out.apply(m_hidden.apply(joined).cwiseMax(0.0f));
    return o;
}

} // namespace attn::classify
