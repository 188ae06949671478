#include "engine/generation.h"

#include "engine/textmodel.h"

#include <algorithm>
#include <cmath>

namespace attn {

namespace {

constexpr double kMaxCaptureBytes = 2e9;

} // namespace

int TokenSampler::sample(float* logits, int n, float temperature)
{
    if (temperature <= 0.0f) {
        return int(std::max_element(logits, logits + n) - logits); // first maximum, as upstream's argmax
    }
    const float maxValue = *std::max_element(logits, logits + n);
    float sum = 0.0f;
    for (int i = 0; i < n; ++i) {
        logits[i] = std::exp((logits[i] - maxValue) / temperature);
        sum += logits[i];
    }
    const float coin = nextFloat();
    float cdf = 0.0f;
    for (int i = 0; i < n; ++i) {
        cdf += logits[i] / sum;
        if (coin < cdf) {
            return i;
        }
    }
    return n - 1; // rounding left the coin above the last cdf value
}

float TokenSampler::nextFloat()
{
    m_state ^= m_state >> 12;
    m_state ^= m_state << 25;
    m_state ^= m_state >> 27;
    const auto u = std::uint32_t((m_state * 0x2545F4914F6CDD1Dull) >> 32);
    return float(u >> 8) / 16777216.0f;
}

AttentionSet Generation::toAttentionSet(const QString& modelName) const
{
    AttentionSet set;
    set.modelName = modelName;
    set.sourceTokens = labels;
    set.targetTokens = labels;
    const int count = int(tokens.size());
    if (int(rows.size()) != count) {
        return set; // generated without attention capture
    }
    AttentionBlock block(QStringLiteral("decoder_self"), layers, heads, labels, labels);
    for (int l = 0; l < layers; ++l) {
        for (int h = 0; h < heads; ++h) {
            for (int t = 0; t < count; ++t) {
                for (int k = 0; k <= t; ++k) {
                    block.at(l, h, t, k) = weight(t, l, h, k);
                }
            }
        }
    }
    set.blocks.push_back(std::move(block));
    return set;
}

void checkCaptureSize(int tokens, int layers, int heads, bool capture)
{
    // Refuse runs whose rows alone would exhaust memory rather than die half-way.
    const double bytes = capture ? 4.0 * layers * heads * tokens * (tokens + 1.0) / 2.0 : 0.0;
    if (bytes > kMaxCaptureBytes) {
        throw ModelError(QStringLiteral("keeping the attention of %1 tokens (%2 layers x %3 heads) would take %4 GB; "
                                        "generate fewer tokens")
                             .arg(tokens)
                             .arg(layers)
                             .arg(heads)
                             .arg(bytes / 1e9, 0, 'f', 1)
                             .toStdString());
    }
}

void checkGenerationOptions(const GenerationOptions& options)
{
    if (options.steps < 0) {
        throw ModelError("the number of steps must be 0 or more");
    }
    if (!(options.temperature >= 0.0f) || !std::isfinite(options.temperature)) {
        throw ModelError("the temperature must be a finite number, 0 or more");
    }
}

int generationPositions(int promptLength, int context, int layers, int heads, const GenerationOptions& options,
                        const std::string& model)
{
    if (promptLength > context) {
        throw ModelError("the prompt has " + std::to_string(promptLength) + " tokens; " + model + " reads at most " +
                         std::to_string(context));
    }
    const int positions = int(std::min<std::int64_t>(context, std::int64_t(promptLength) + options.steps));
    checkCaptureSize(positions, layers, heads, options.captureAttention);
    return positions;
}

} // namespace attn
