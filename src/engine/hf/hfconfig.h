#pragma once
// The typed reader of a Hugging Face config.json (issue 16, "one engine kit"). Every architecture reads its sizes
// through this one struct: names differ between families (hidden_size / n_embd / dim), the reader maps them.

#include <QString>
#include <QStringList>

namespace attn::hf {

enum class Family
{
    Encoder, // bert, roberta, distilbert
    Gpt2,    // gpt2
    Llama,   // llama, mistral, qwen2
    Vit      // vit
};

// Rotary embeddings stretched for longer contexts (config.json "rope_scaling", or transformers 5's
// "rope_parameters"): transformers' inverse-frequency rules, applied once a model by ops::ropeInverseFrequencies.
enum class RopeScalingType
{
    None,   // absent, null or rope_type "default": 1 / theta^(2i/d)
    Linear, // "linear": every inverse frequency divided by factor (positions / factor)
    Llama3  // "llama3" (Llama 3.1, 3.2): long wavelengths / factor, short ones kept, smoothed between
};

struct RopeScaling
{
    RopeScalingType type = RopeScalingType::None;
    double factor = 1;            // "factor" (linear, llama3)
    double lowFreqFactor = 1;     // llama3 "low_freq_factor": wavelengths above original / this are divided
    double highFreqFactor = 4;    // llama3 "high_freq_factor": wavelengths below original / this are kept
    int originalMaxPositions = 0; // llama3 "original_max_position_embeddings"
};

struct HfConfig
{
    QString path;      // config.json's path, for messages
    QString modelType; // config.json "model_type": bert, roberta, distilbert, gpt2, llama, mistral, qwen2, vit
    Family family = Family::Encoder;

    int hiddenSize = 0;       // hidden_size | n_embd | dim
    int layers = 0;           // num_hidden_layers | n_layer | n_layers
    int heads = 0;            // num_attention_heads | n_head | n_heads
    int kvHeads = 0;          // num_key_value_heads (llama family), else heads
    int headDim = 0;          // head_dim when given, else hiddenSize / heads
    int intermediateSize = 0; // intermediate_size | n_inner (null: 4 * n_embd) | hidden_dim
    int maxPositions = 0;     // max_position_embeddings | n_positions (0 for vit)
    int vocabSize = 0;        // vocab_size (0 for vit)
    int typeVocabSize = 0;    // type_vocab_size (bert, roberta; 0 when absent)
    int positionOffset = 0;   // roberta: pad_token_id + 1 (positions start after the padding index); else 0
    double normEps = 1e-12;   // layer_norm_eps | layer_norm_epsilon | rms_norm_eps (distilbert: 1e-12)
    double ropeTheta = 10000; // rope_theta (llama family; transformers 5: rope_parameters.rope_theta)
    RopeScaling ropeScaling;  // llama family
    QString hiddenAct;        // hidden_act | activation_function | activation: gelu, gelu_new, gelu_pytorch_tanh, relu, silu
    bool tieWordEmbeddings = false;
    bool attentionBias = false; // q/k/v biases: qwen2 true; llama "attention_bias"; bert/gpt2/vit always (see engines)
    int slidingWindow = 0;      // mistral "sliding_window" (0: none)
    int bosTokenId = -1;
    int eosTokenId = -1;        // first of a list
    int padTokenId = -1;

    // vit
    int imageSize = 0;   // image_size
    int patchSize = 0;   // patch_size
    int numChannels = 0; // num_channels
    bool qkvBias = true; // qkv_bias

    // Reads dir/config.json. Throws ModelError with one line: the file missing or not JSON; an unknown or missing
    // model_type (the message lists supportedModelTypes()); a required key missing or not a positive integer
    // (named); sizes that disagree (hidden_size not divisible by heads, heads not a multiple of kv heads); a
    // rope_scaling type other than supportedRopeScalingTypes() (named, with the supported ones) or one missing a key.
    static HfConfig read(const QString& dir);

    // True when dir/config.json has "model_type" and no "architecture" string (AttentionScope's own folders).
    static bool isHuggingFaceFolder(const QString& dir);
};

QStringList supportedModelTypes();
QStringList supportedRopeScalingTypes(); // linear, llama3 ("default": none)

} // namespace attn::hf
