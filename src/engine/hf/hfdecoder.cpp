#include "engine/hf/hfdecoder.h"

#include "engine/textmodel.h"

#include <algorithm>
#include <atomic>
#include <string>

namespace attn::hf {

namespace {

// Floats of attention a prompt's step holds before reordering it (64 MB; tests lower it to see chunks).
constexpr std::size_t kScratchFloats = std::size_t(16) << 20;
std::atomic<std::size_t> g_scratchFloats{kScratchFloats};

// The state of one sequence: its cache, its workspace and the buffers step() hands back.
class CachedDecoderState : public DecoderState
{
public:
    CachedDecoderState(const CachedDecoder& network, int maxPositions)
        : m_network(network), m_cache(network.makeCache(maxPositions)), m_maxPositions(maxPositions)
    {
        m_pass.probs.assign(std::size_t(network.config().layers), nullptr);
    }

    const std::vector<float>& step(const std::vector<int>& ids, std::vector<float>* attention) override
    {
        m_network.checkIds(ids, m_position, m_maxPositions);
        const HfConfig& c = m_network.config();
        const std::size_t n = ids.size(), layers = std::size_t(c.layers), heads = std::size_t(c.heads);
        const std::size_t start = std::size_t(m_position);
        // The pass is a member so that a step does not allocate even its vector of pointers.
        DecoderPass& pass = m_pass;
        pass.start = m_position;
        pass.logits = true;
        std::fill(pass.probs.begin(), pass.probs.end(), nullptr);
        if (!attention) {
            m_network.run(ids, pass, m_cache, m_ws);
        } else if (n == 1) {
            // Position p's rows: (layers, heads, p + 1). The kit's (heads, 1, p + 1) block of a layer is exactly that
            // layer's rows: written in place, nothing copied or allocated.
            attention->resize(layers * heads * (start + 1));
            for (std::size_t l = 0; l < layers; ++l) {
                pass.probs[l] = attention->data() + l * heads * (start + 1);
            }
            m_network.run(ids, pass, m_cache, m_ws);
        } else {
            // A prompt: the kit writes (heads, rows, keys) a layer, reordered here to position order. In chunks of
            // rows so the scratch stays near 64 MB however long the prompt (a whole 1024-token GPT-2 prompt
            // would need 600 MB); the cache makes chunks exactly equivalent to one pass.
            attention->resize(layers * heads * (n * start + n * (n + 1) / 2));
            const std::size_t perRow = layers * heads * (start + n);
            const std::size_t chunk = std::clamp<std::size_t>(g_scratchFloats.load() / perRow, 1, n);
            float* out = attention->data();
            for (std::size_t first = 0; first < n; first += chunk) {
                const std::size_t rows = std::min(chunk, n - first), keys = start + first + rows;
                m_scratch.resize(layers * heads * rows * keys);
                for (std::size_t l = 0; l < layers; ++l) {
                    pass.probs[l] = m_scratch.data() + l * heads * rows * keys;
                }
                pass.start = int(start + first);
                pass.logits = first + rows == n;
                const std::vector<int> part(ids.begin() + std::ptrdiff_t(first),
                                            ids.begin() + std::ptrdiff_t(first + rows));
                m_network.run(part, pass, m_cache, m_ws);
                for (std::size_t i = 0; i < rows; ++i) {
                    const std::size_t width = start + first + i + 1;
                    for (std::size_t lh = 0; lh < layers * heads; ++lh) {
                        out = std::copy_n(m_scratch.data() + (lh * rows + i) * keys, width, out);
                    }
                }
            }
            std::vector<float>().swap(m_scratch); // prompts are rare; the steps after one need none of it
        }
        m_logits.assign(m_ws.logits.data(), m_ws.logits.data() + m_ws.logits.size());
        m_position += int(n);
        return m_logits;
    }

    int position() const override { return m_position; }
    int maxPositions() const override { return m_maxPositions; }

private:
    const CachedDecoder& m_network;
    KvCache m_cache;
    DecoderWorkspace m_ws;
    int m_maxPositions = 0;
    int m_position = 0;
    DecoderPass m_pass;
    std::vector<float> m_scratch, m_logits;
};

} // namespace

void setPromptScratchFloats(std::size_t floats)
{
    g_scratchFloats = floats > 0 ? floats : kScratchFloats;
}

void CachedDecoder::checkIds(const std::vector<int>& ids, int start, int capacity) const
{
    const std::string where = m_config.path.toStdString() + ": ";
    if (ids.empty()) {
        throw ModelError(where + "no token ids to run");
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (ids[i] < 0 || ids[i] >= m_config.vocabSize) {
            throw ModelError(where + "token id " + std::to_string(ids[i]) + " (at " + std::to_string(start + i) +
                             ") is outside the vocabulary of " + std::to_string(m_config.vocabSize) + " tokens");
        }
    }
    const std::size_t end = std::size_t(start) + ids.size();
    if (end > std::size_t(capacity)) {
        if (capacity == m_config.maxPositions) {
            throw ModelError(where + std::to_string(end) + " tokens do not fit max_position_embeddings " +
                             std::to_string(capacity));
        }
        throw ModelError(where + std::to_string(end) + " tokens do not fit the " + std::to_string(capacity) +
                         " positions this sequence was begun with");
    }
}

KvCache CachedDecoder::makeCache(int capacity) const
{
    const int width = m_config.kvHeads * m_config.headDim;
    KvCache cache;
    cache.keys.assign(std::size_t(m_config.layers), Matrix(capacity, width));
    cache.values.assign(std::size_t(m_config.layers), Matrix(capacity, width));
    return cache;
}

ForwardResult CachedDecoder::forward(const std::vector<int>& ids, const Capture& capture) const
{
    checkIds(ids, 0, m_config.maxPositions);
    const std::size_t tokens = ids.size(), heads = std::size_t(m_config.heads);
    ForwardResult result;
    result.tokens = int(tokens);
    result.heads = m_config.heads;
    DecoderPass pass;
    pass.probs.assign(std::size_t(m_config.layers), nullptr);
    if (capture.attention) {
        if (capture.layers.empty()) {
            for (int l = 0; l < m_config.layers; ++l) {
                result.keptLayers.push_back(l);
            }
        } else {
            result.keptLayers = capture.layers;
            std::sort(result.keptLayers.begin(), result.keptLayers.end());
            result.keptLayers.erase(std::unique(result.keptLayers.begin(), result.keptLayers.end()),
                                    result.keptLayers.end());
            for (int l : result.keptLayers) {
                if (l < 0 || l >= m_config.layers) {
                    throw ModelError(m_config.path.toStdString() + ": layer " + std::to_string(l) + " is outside 0.." +
                                     std::to_string(m_config.layers - 1));
                }
            }
        }
        const std::size_t block = heads * tokens * tokens;
        result.attention.resize(result.keptLayers.size() * block);
        for (std::size_t i = 0; i < result.keptLayers.size(); ++i) {
            pass.probs[std::size_t(result.keptLayers[i])] = result.attention.data() + i * block;
        }
    }
    if (capture.hidden) {
        result.hidden.resize(std::size_t(m_config.layers + 1) * tokens * std::size_t(m_config.hiddenSize));
        pass.hidden = result.hidden.data();
    }
    KvCache cache = makeCache(int(tokens));
    DecoderWorkspace ws;
    run(ids, pass, cache, ws);
    result.logits.assign(ws.logits.data(), ws.logits.data() + ws.logits.size());
    return result;
}

std::unique_ptr<DecoderState> CachedDecoder::begin(int maxPositions) const
{
    if (maxPositions < 1 || maxPositions > m_config.maxPositions) {
        throw ModelError(m_config.path.toStdString() + ": a sequence of " + std::to_string(maxPositions) +
                         " positions does not fit max_position_embeddings " + std::to_string(m_config.maxPositions));
    }
    return std::make_unique<CachedDecoderState>(*this, maxPositions);
}

void CachedDecoder::attend(int layer, const ops::ConstRef& q, const ops::ConstRef& k, const ops::ConstRef& v,
                           const DecoderPass& pass, KvCache& cache, DecoderWorkspace& ws) const
{
    const Eigen::Index n = q.rows(), keys = pass.start + n;
    Matrix& keyCache = cache.keys[std::size_t(layer)];
    Matrix& valueCache = cache.values[std::size_t(layer)];
    keyCache.middleRows(pass.start, n) = k;
    valueCache.middleRows(pass.start, n) = v;
    float* probs = pass.probs.empty() ? nullptr : pass.probs[std::size_t(layer)];
    ops::attention(q, keyCache.topRows(keys), valueCache.topRows(keys), m_config.heads, m_config.kvHeads,
                   m_config.headDim, /*causal=*/true, pass.start, m_slidingWindow, probs, ws.context);
}

void CachedDecoder::storeHidden(const DecoderPass& pass, int index, const Matrix& x) const
{
    if (pass.hidden) {
        std::copy_n(x.data(), x.size(), pass.hidden + std::size_t(index) * std::size_t(x.size()));
    }
}

} // namespace attn::hf
