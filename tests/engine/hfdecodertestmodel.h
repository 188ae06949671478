#pragma once
// Random GPT-2, Llama, Mistral and Qwen2 folders in the Hugging Face Hub's layout (config.json + model.safetensors),
// for tst_hfdecoder, tst_hfgenerate and the decoder benchmarks, written by the kit's hftest::TestModel. Torch-free, so
// a benchmark can write a GPT-2-small-sized model without LibTorch. Tensor values are kept so a test can run a second
// implementation on exactly what was written.
#include "engine/safetensors.h"
#include "hftestmodel.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace attn::test {

struct DecoderSpec
{
    std::string modelType = "gpt2"; // gpt2, llama, mistral, qwen2
    int hidden = 32;
    int layers = 2;
    int heads = 4;
    int kvHeads = 4; // llama family
    int inner = 64;
    int vocab = 50;
    int maxPositions = 40;
    double eps = 1e-5;
    double ropeTheta = 10000;
    int slidingWindow = 0;      // mistral (0: none written)
    bool tie = false;           // llama family: tie_word_embeddings
    bool untiedGpt2 = false;    // gpt2: "tie_word_embeddings": false and an lm_head of its own (gpt2 ties by default)
    bool attentionBias = false; // llama: attention_bias (qwen2 always has q/k/v biases)
    // llama family "rope_scaling": "" (null), "linear" or "llama3"; under the older key "type" when ropeTypeKey is
    // "type". The factors as transformers names them.
    std::string ropeScaling;
    std::string ropeTypeKey = "rope_type";
    double ropeFactor = 1, ropeLowFreqFactor = 1, ropeHighFreqFactor = 4;
    int ropeOriginalMaxPositions = 0;

    bool isGpt2() const { return modelType == "gpt2"; }
    int headDim() const { return hidden / heads; }
};

struct DecoderTensor
{
    std::string name; // without the class prefix ("h.0.ln_1.weight", "layers.0.self_attn.q_proj.weight")
    std::vector<std::int64_t> shape;
    std::vector<float> values;
};

// Uniform values of standard deviation sd around mean from a xorshift generator: fast enough for a 124M-parameter
// model (a normal distribution from <random> would take seconds), and the same on every platform.
class TestRandom
{
public:
    explicit TestRandom(std::uint64_t seed) : m_state(seed * 2654435761u + 0x9E3779B97F4A7C15ull) {}
    float next(float mean, float sd)
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        const float unit = float(m_state >> 40) / float(1ull << 24); // [0, 1)
        return mean + sd * 3.4641016f * (unit - 0.5f);               // uniform, variance sd^2
    }

private:
    std::uint64_t m_state;
};

// Every tensor of the decoder, names without prefix, in transformers' order. Weights ~ scale; norm weights ~ 1 +- 0.1
// so the norms matter; scale 0.2 keeps a tiny model's attention far from uniform.
inline std::vector<DecoderTensor> decoderTensors(const DecoderSpec& s, unsigned seed, float scale = 0.2f)
{
    TestRandom rng(seed);
    std::vector<DecoderTensor> out;
    auto add = [&](const std::string& name, std::vector<std::int64_t> shape, float mean, float sd) {
        std::int64_t n = 1;
        for (std::int64_t d : shape) {
            n *= d;
        }
        DecoderTensor t{name, std::move(shape), std::vector<float>(std::size_t(n))};
        for (float& v : t.values) {
            v = rng.next(mean, sd);
        }
        out.push_back(std::move(t));
    };
    const std::int64_t d = s.hidden;
    if (s.isGpt2()) {
        add("wte.weight", {s.vocab, d}, 0.0f, 1.0f);
        add("wpe.weight", {s.maxPositions, d}, 0.0f, 0.5f);
        for (int l = 0; l < s.layers; ++l) {
            const std::string p = "h." + std::to_string(l) + '.';
            add(p + "ln_1.weight", {d}, 1.0f, 0.1f);
            add(p + "ln_1.bias", {d}, 0.0f, 0.1f);
            add(p + "attn.c_attn.weight", {d, 3 * d}, 0.0f, scale); // Conv1D: (in, out)
            add(p + "attn.c_attn.bias", {3 * d}, 0.0f, scale);
            add(p + "attn.c_proj.weight", {d, d}, 0.0f, scale);
            add(p + "attn.c_proj.bias", {d}, 0.0f, scale);
            add(p + "ln_2.weight", {d}, 1.0f, 0.1f);
            add(p + "ln_2.bias", {d}, 0.0f, 0.1f);
            add(p + "mlp.c_fc.weight", {d, s.inner}, 0.0f, scale);
            add(p + "mlp.c_fc.bias", {s.inner}, 0.0f, scale);
            add(p + "mlp.c_proj.weight", {s.inner, d}, 0.0f, scale);
            add(p + "mlp.c_proj.bias", {d}, 0.0f, scale);
        }
        add("ln_f.weight", {d}, 1.0f, 0.1f);
        add("ln_f.bias", {d}, 0.0f, 0.1f);
        if (s.untiedGpt2) {
            add("lm_head.weight", {s.vocab, d}, 0.0f, scale); // top level in the Hub's files: never prefixed
        }
        return out;
    }
    const std::int64_t q = std::int64_t(s.heads) * s.headDim(), kv = std::int64_t(s.kvHeads) * s.headDim();
    const bool qkvBias = s.modelType == "qwen2" || (s.modelType == "llama" && s.attentionBias);
    const bool oBias = s.modelType == "llama" && s.attentionBias;
    add("embed_tokens.weight", {s.vocab, d}, 0.0f, 1.0f);
    for (int l = 0; l < s.layers; ++l) {
        const std::string p = "layers." + std::to_string(l) + '.';
        add(p + "input_layernorm.weight", {d}, 1.0f, 0.1f);
        add(p + "self_attn.q_proj.weight", {q, d}, 0.0f, scale);
        if (qkvBias) {
            add(p + "self_attn.q_proj.bias", {q}, 0.0f, scale);
        }
        add(p + "self_attn.k_proj.weight", {kv, d}, 0.0f, scale);
        if (qkvBias) {
            add(p + "self_attn.k_proj.bias", {kv}, 0.0f, scale);
        }
        add(p + "self_attn.v_proj.weight", {kv, d}, 0.0f, scale);
        if (qkvBias) {
            add(p + "self_attn.v_proj.bias", {kv}, 0.0f, scale);
        }
        add(p + "self_attn.o_proj.weight", {d, q}, 0.0f, scale);
        if (oBias) {
            add(p + "self_attn.o_proj.bias", {d}, 0.0f, scale);
        }
        add(p + "post_attention_layernorm.weight", {d}, 1.0f, 0.1f);
        add(p + "mlp.gate_proj.weight", {s.inner, d}, 0.0f, scale);
        add(p + "mlp.up_proj.weight", {s.inner, d}, 0.0f, scale);
        add(p + "mlp.down_proj.weight", {d, s.inner}, 0.0f, scale);
    }
    add("norm.weight", {d}, 1.0f, 0.1f);
    if (!s.tie) {
        add("lm_head.weight", {s.vocab, d}, 0.0f, scale); // top level in the Hub's files: never prefixed
    }
    return out;
}

inline QJsonObject decoderConfig(const DecoderSpec& s)
{
    QJsonObject c;
    c[QStringLiteral("model_type")] = QString::fromStdString(s.modelType);
    c[QStringLiteral("vocab_size")] = s.vocab;
    if (s.isGpt2()) {
        c[QStringLiteral("architectures")] = QJsonArray{QStringLiteral("GPT2LMHeadModel")};
        c[QStringLiteral("n_embd")] = s.hidden;
        c[QStringLiteral("n_layer")] = s.layers;
        c[QStringLiteral("n_head")] = s.heads;
        c[QStringLiteral("n_positions")] = s.maxPositions;
        c[QStringLiteral("n_ctx")] = s.maxPositions;
        c[QStringLiteral("n_inner")] = s.inner == 4 * s.hidden ? QJsonValue() : QJsonValue(s.inner);
        c[QStringLiteral("activation_function")] = QStringLiteral("gelu_new");
        c[QStringLiteral("layer_norm_epsilon")] = s.eps;
        c[QStringLiteral("bos_token_id")] = s.vocab - 1;
        c[QStringLiteral("eos_token_id")] = s.vocab - 1;
        if (s.untiedGpt2) {
            c[QStringLiteral("tie_word_embeddings")] = false;
        }
        return c;
    }
    const char* arch = s.modelType == "mistral" ? "MistralForCausalLM"
                       : s.modelType == "qwen2" ? "Qwen2ForCausalLM"
                                                : "LlamaForCausalLM";
    c[QStringLiteral("architectures")] = QJsonArray{QString::fromLatin1(arch)};
    c[QStringLiteral("hidden_size")] = s.hidden;
    c[QStringLiteral("num_hidden_layers")] = s.layers;
    c[QStringLiteral("num_attention_heads")] = s.heads;
    c[QStringLiteral("num_key_value_heads")] = s.kvHeads;
    c[QStringLiteral("intermediate_size")] = s.inner;
    c[QStringLiteral("max_position_embeddings")] = s.maxPositions;
    c[QStringLiteral("rms_norm_eps")] = s.eps;
    c[QStringLiteral("rope_theta")] = s.ropeTheta;
    c[QStringLiteral("rope_scaling")] = QJsonValue(); // null, as the Hub's configs write it
    if (!s.ropeScaling.empty()) {
        QJsonObject scaling{{QString::fromStdString(s.ropeTypeKey), QString::fromStdString(s.ropeScaling)},
                            {QStringLiteral("factor"), s.ropeFactor}};
        if (s.ropeScaling == "llama3") {
            scaling[QStringLiteral("low_freq_factor")] = s.ropeLowFreqFactor;
            scaling[QStringLiteral("high_freq_factor")] = s.ropeHighFreqFactor;
            scaling[QStringLiteral("original_max_position_embeddings")] = s.ropeOriginalMaxPositions;
        }
        c[QStringLiteral("rope_scaling")] = scaling;
    }
    c[QStringLiteral("hidden_act")] = QStringLiteral("silu");
    c[QStringLiteral("tie_word_embeddings")] = s.tie;
    c[QStringLiteral("bos_token_id")] = 1;
    c[QStringLiteral("eos_token_id")] = 2;
    if (s.modelType == "llama") {
        c[QStringLiteral("attention_bias")] = s.attentionBias;
    }
    if (s.modelType == "mistral") {
        c[QStringLiteral("sliding_window")] = s.slidingWindow > 0 ? QJsonValue(s.slidingWindow) : QJsonValue();
    }
    if (s.modelType == "qwen2") {
        c[QStringLiteral("use_sliding_window")] = false;
        c[QStringLiteral("sliding_window")] = 4096; // present in Qwen2's configs, unused without use_sliding_window
    }
    return c;
}

inline void writeDecoderJson(const QString& path, const QJsonObject& object)
{
    hftest::writeJson(path, object);
}

// Writes dir/config.json and the weights through the kit's writer (hftestmodel.h): model.safetensors, or `shards`
// files with model.safetensors.index.json. prefix ("transformer." / "model.", or "" as base-model checkpoints have
// it) goes before every tensor's name except lm_head (top level in the Hub's files); rename, when set, may change or
// drop (empty result) a stored name; extra tensors (buffers, a stray head) go in under their names as given.
inline void writeDecoderFolder(const QString& dir, const DecoderSpec& spec, const std::vector<DecoderTensor>& tensors,
                               const std::string& prefix, DType dtype = DType::F32,
                               const std::function<std::string(const std::string&)>& rename = {},
                               const std::vector<DecoderTensor>& extra = {}, int shards = 1)
{
    hftest::TestModel model;
    model.config = decoderConfig(spec);
    model.dtype = dtype;
    model.shards = shards;
    for (const DecoderTensor& t : tensors) {
        std::string stored = t.name.rfind("lm_head.", 0) == 0 ? t.name : prefix + t.name;
        if (rename) {
            stored = rename(stored);
        }
        if (!stored.empty()) {
            model.add(stored, t.shape, t.values, /*prefixed=*/false);
        }
    }
    for (const DecoderTensor& t : extra) {
        model.add(t.name, t.shape, t.values, /*prefixed=*/false);
    }
    model.write(dir);
}

// The tiny models of tst_hfdecoder (and anyone's): three layers, 32 wide, a context of 24.
// count ids below the vocabulary, spread and repeatable.
inline std::vector<int> tinyDecoderIds(const DecoderSpec& s, int count, unsigned seed)
{
    std::vector<int> ids;
    for (int i = 0; i < count; ++i) {
        ids.push_back(int((seed * 7919u + unsigned(i) * 104729u + unsigned(i * i) * 31u) % unsigned(s.vocab)));
    }
    return ids;
}

inline std::string decoderPrefix(const DecoderSpec& s)
{
    return s.isGpt2() ? "transformer." : "model.";
}

// A temporary model folder and the tensors written into it.
struct DecoderFolder
{
    QTemporaryDir dir;
    std::vector<DecoderTensor> tensors;
    QString path() const { return dir.path() + QStringLiteral("/model"); }
};

inline std::unique_ptr<DecoderFolder>
writeTinyDecoder(const DecoderSpec& s, unsigned seed, const std::string& prefix, DType dtype = DType::F32,
                 const std::function<std::string(const std::string&)>& rename = {},
                 const std::vector<DecoderTensor>& extra = {})
{
    auto f = std::make_unique<DecoderFolder>();
    f->tensors = attn::test::decoderTensors(s, seed);
    attn::test::writeDecoderFolder(f->path(), s, f->tensors, prefix, dtype, rename, extra);
    return f;
}

inline DecoderSpec tinyGpt2()
{
    DecoderSpec s;
    s.modelType = "gpt2";
    s.hidden = 32;
    s.heads = 4;
    s.layers = 3;
    s.inner = 128; // 4 * n_embd: written as n_inner null, as gpt2's config has it
    s.vocab = 61;
    s.maxPositions = 24;
    return s;
}

inline DecoderSpec tinyLlama()
{
    DecoderSpec s;
    s.modelType = "llama";
    s.hidden = 32;
    s.heads = 4;
    s.kvHeads = 2; // grouped: two query heads a key/value head
    s.layers = 3;
    s.inner = 48;
    s.vocab = 53;
    s.maxPositions = 24;
    s.eps = 1e-6;
    s.ropeTheta = 500.0; // small so that positions far apart differ in every pair of dimensions
    return s;
}

inline DecoderSpec tinyMistral()
{
    DecoderSpec s = tinyLlama();
    s.modelType = "mistral";
    s.kvHeads = 1;
    s.slidingWindow = 3;
    return s;
}

inline DecoderSpec tinyQwen2()
{
    DecoderSpec s = tinyLlama();
    s.modelType = "qwen2";
    s.heads = 8; // head size 4
    s.kvHeads = 2;
    s.tie = true;
    s.ropeTheta = 1000000.0;
    return s;
}

// GPT-2-small's sizes (124M parameters: 12 layers x 12 heads, 768 wide, vocabulary 50257, 1024 positions), for the
// benchmarks.
inline DecoderSpec smallGpt2()
{
    DecoderSpec s;
    s.modelType = "gpt2";
    s.hidden = 768;
    s.layers = 12;
    s.heads = 12;
    s.inner = 4 * 768;
    s.vocab = 50257;
    s.maxPositions = 1024;
    return s;
}

// A Llama of about the same size: grouped heads (4 key/value heads for 12), SiLU-gated MLP, rotary embeddings,
// SentencePiece-sized vocabulary.
inline DecoderSpec smallLlama()
{
    DecoderSpec s = smallGpt2();
    s.modelType = "llama";
    s.kvHeads = 4;
    s.inner = 2560;
    s.vocab = 32000;
    return s;
}

} // namespace attn::test
