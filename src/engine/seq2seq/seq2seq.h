#pragma once
// Recurrent (GRU) encoder-decoders that differ only in how the decoder scores the encoder states: one per
// scoring function of core/scoring.h (dot, scaled_dot, cosine, general, concat, additive, location) and one
// without attention (the fixed-vector bottleneck). Public header: no torch.

#include "core/modelvectors.h"
#include "engine/corpus/encorpus.h"
#include "engine/textmodel.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace attn {

// "dot", ..., "location" (core names), "myatt" (the course notes' rule 1, core/myattention.h) or "none".
QStringList seq2seqScoreNames();

// Accuracy of greedy translations on sentences whose English length (tokens, "." included) is in [minWords,
// maxWords]. Token accuracy compares position by position with the reference and divides by the reference
// length; exact match needs the whole sentence right.
struct LengthBucket
{
    QString name; // "1-9", "30+"
    int minWords = 0;
    int maxWords = 0;
    int order = -1; // word-order rows: 1 French order differs from the English, 0 same order, -1 every sentence
    int sentences = 0;
    int exact = 0;
    long tokens = 0;
    long correct = 0;
    double exactMatch() const { return sentences ? double(exact) / sentences : 0.0; }
    double tokenAccuracy() const { return tokens ? double(correct) / double(tokens) : 0.0; }
};

struct Seq2SeqMetrics
{
    std::vector<LengthBucket> buckets; // 1-9, 10-19, 20-29, 30+
    LengthBucket all;
    // "reordered", "same order", "reordered, 1-19", "same order, 1-19": sentences whose French word order differs
    // from the English (frenchOrderDiffers) or not. Cards written before these rows existed leave them empty.
    std::vector<LengthBucket> order;
    QJsonObject toJson() const;
    static Seq2SeqMetrics fromJson(const QJsonObject& o);
    // Parses the metrics table of a card.md written by writeSeq2SeqCard; throws ModelError naming the file.
    static Seq2SeqMetrics fromCard(const QString& cardPath);
};
Seq2SeqMetrics emptySeq2SeqMetrics();
// Adds one sentence's result to the bucket of its length, to `all` and, when order is 0 or 1 (see
// LengthBucket::order), to the word-order rows it belongs to.
void addSentence(Seq2SeqMetrics& m, int sourceWords, const std::vector<std::string>& predicted,
                 const std::vector<std::string>& reference, int order = -1);
// True when the French puts some words in another order than the English: two source words whose French forms
// (SentencePair::alignment) come in the opposite order, as in the corpus's mirrored adjective phrases ("the
// european economic area" -> "la zone économique européenne").
bool frenchOrderDiffers(const SentencePair& pair);

// The held-out sentences of the cards: the corpus's test split drawn with evalSeed (training uses another
// seed and the train split).
std::vector<SentencePair> seq2seqEvalSentences(std::uint64_t evalSeed, int count, double longShare, int maxLongWords);

struct Seq2SeqTrainOptions
{
    std::string score = "additive";
    std::string outDir;
    long steps = 1200;
    int batch = 48;
    std::uint64_t seed = 1;
    std::uint64_t evalSeed = 2;
    int evalSentences = 400;
    int embedding = 64;
    int hidden = 128;
    double learningRate = 3e-3;
    // The learning rate falls linearly from learningRate to learningRate * finalLearningRateShare over the steps
    // (1: constant, as the shipped models were trained); the end of a short run then settles instead of jumping.
    double finalLearningRateShare = 1.0;
    double longShare = 0.6;
    int minLongWords = 16; // long sentences have between min and max source tokens (CorpusOptions)
    int maxLongWords = 45;
    std::string command; // the exact command, for the card
};

// Trains, evaluates on seq2seqEvalSentences and writes the model folder (config.json, model.safetensors,
// source.vocab, target.vocab, metrics.json, card.md). progress(step, total, loss, tokenAccuracy).
// Throws ModelError on bad options or when the folder cannot be written.
Seq2SeqMetrics trainSeq2Seq(const Seq2SeqTrainOptions& options,
                            const std::function<void(long, long, double, double)>& progress);

// A trained model folder.
class Seq2SeqModel
{
public:
    // Throws ModelError naming the file at fault.
    static std::unique_ptr<Seq2SeqModel> open(const QString& dir);
    ~Seq2SeqModel();

    QString name() const;  // folder name
    QString score() const; // "additive", ..., "none"
    bool hasAttention() const;
    const QJsonObject& config() const;

    struct Translation
    {
        QStringList source;
        QStringList target;
        std::vector<float> attention; // (target, source) row-major; empty without attention
        QStringList notices;
    };
    // Greedy translation of English tokens.
    Translation translate(const QStringList& source) const;
    // The alignment the model makes while reading a given French translation (teacher forcing), so that
    // several models can be compared on the same target tokens.
    Translation align(const QStringList& source, const QStringList& target) const;
    Seq2SeqMetrics evaluate(const std::vector<SentencePair>& pairs) const;
    // The vectors the attention scored in the greedy translation of text (tokenized as attend() does), for the
    // scoring lab: keys = the encoder states of the source tokens (S, hidden), queries = the decoder state after
    // the GRU update at each output step (T, hidden; the state that scores, before the output layer), the
    // model's own attention (T, S; plain softmax, no temperature) and its scoring function's trained
    // parameters. Unknown words run as <unk> and are listed in unknownWords. Throws ModelError on an empty
    // text, more tokens than the model reads (maxSourceTokens), or a translation without a single word.
    ModelVectors hiddenStates(const QString& text) const;
    static constexpr int kMaxSourceTokens = 64;
    static int maxSourceTokens() { return kMaxSourceTokens; }

private:
    Seq2SeqModel();
    struct Impl;
    std::unique_ptr<Impl> d;
};

// For openTextModel (modelregistry.cpp): attend(text) gives the "cross" block of the greedy translation.
std::unique_ptr<TextModel> openSeq2SeqTextModel(const QString& dir, const QJsonObject& config);
// For readModelVectors (modelregistry.cpp): Seq2SeqModel::open(dir)->hiddenStates(text).
ModelVectors seq2seqModelVectors(const QString& dir, const QString& text);

// Writes card.md: what the model is, the exact command and seeds, the data, and the metrics table.
void writeSeq2SeqCard(const QString& dir, const Seq2SeqTrainOptions& options, const Seq2SeqMetrics& metrics,
                      double trainSeconds, long parameters);

} // namespace attn
