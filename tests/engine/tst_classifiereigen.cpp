// The pooling and HAN classifiers infer in plain Eigen from the weights torch trained; this checks, on random
// weights, that ClassifierModel gives what the same network written in LibTorch gives (probabilities and attention).
#include "engine/classify/classifiermodel.h"
#include "engine/corpus/vocabulary.h"
#include "engine/safetensors.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace attn;
using torch::Tensor;

namespace {

constexpr int kE = 6, kH = 5, kA = 4;
const std::vector<std::string> kWords{"a", "b", "c", "d", "e", "f", "g", "."};

void add(SafeTensorsWriter& w, const std::string& prefix, torch::nn::Module& m)
{
    for (const auto& p : m.named_parameters()) {
        const Tensor t = p.value().detach().contiguous();
        w.addFloats(prefix + p.key(), t.sizes().vec(), t.data_ptr<float>());
    }
}

void writeFolder(const QString& dir, SafeTensorsWriter& w, QJsonObject config)
{
    QDir().mkpath(dir);
    w.write(QDir(dir).filePath("model.safetensors").toStdString());
    Vocabulary::build(kWords).save(QDir(dir).filePath("vocabulary.txt").toStdString());
    config.insert("labels", QJsonArray{"negative", "positive"});
    config.insert("embedding", kE);
    config.insert("hidden", kH);
    config.insert("attention", kA);
    QFile f(QDir(dir).filePath("config.json"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(config).toJson());
}

Tensor ids(const std::vector<std::string>& tokens)
{
    const Vocabulary v = Vocabulary::build(kWords);
    return torch::tensor(v.encode(tokens), torch::kLong).unsqueeze(0); // (1, T)
}

Tensor window(const Tensor& x) // (1, T, E) -> (1, T, 2E): each word with its right neighbour
{
    const int64_t t = x.size(1);
    return torch::cat({x, torch::cat({x.slice(1, 1, t), torch::zeros({1, 1, x.size(2)})}, 1)}, 2);
}

struct Pool
{
    torch::nn::Linear proj{2 * kE, kA};
    torch::nn::Linear context{torch::nn::LinearOptions(kA, 1).bias(false)};
    Tensor weights(const Tensor& keys) { return torch::softmax(context(torch::tanh(proj(keys))).squeeze(-1), 1); }
    void add(SafeTensorsWriter& w, const std::string& prefix)
    {
        ::add(w, prefix + ".proj.", *proj);
        ::add(w, prefix + ".context.", *context);
    }
};

void expectClose(const std::vector<float>& eigen, const Tensor& torchValues)
{
    const Tensor t = torchValues.detach().flatten().contiguous();
    ASSERT_EQ(eigen.size(), std::size_t(t.numel()));
    for (std::size_t i = 0; i < eigen.size(); ++i) {
        EXPECT_NEAR(eigen[i], t[int64_t(i)].item<float>(), 1e-5) << "index " << i;
    }
}

} // namespace

TEST(ClassifierEigen, PoolingMatchesTorch)
{
    torch::NoGradGuard noGrad;
    torch::manual_seed(3);
    torch::nn::Embedding embedding(4 + int64_t(kWords.size()), kE);
    torch::nn::GRU gru(torch::nn::GRUOptions(kE, kH).batch_first(true).bidirectional(true));
    Pool attention;
    torch::nn::Linear out(2 * kH, 2);
    QTemporaryDir tmp;
    const std::vector<std::string> tokens{"a", "b", "c", ".", "d", "e", "f", "g", "a", "."};
    for (const char* pooling : {"last", "mean", "attention"}) {
        SafeTensorsWriter w;
        add(w, "embedding.", *embedding);
        add(w, "gru.", *gru);
        if (std::string(pooling) == "attention") {
            attention.add(w, "attention");
        }
        add(w, "out.", *out);
        const QString dir = tmp.filePath(pooling);
        writeFolder(dir, w, {{"architecture", "pooling-classifier"}, {"pooling", pooling}, {"max_tokens", 200}});
        const ClassificationResult r = ClassifierModel::open(dir)->classify("a b c. d e f g a.");

        const Tensor x = embedding(ids(tokens));
        auto [h, hn] = gru(x);
        Tensor pooled, weights;
        if (std::string(pooling) == "attention") {
            weights = attention.weights(window(x));
            pooled = (weights.unsqueeze(-1) * h).sum(1);
            expectClose(r.wordWeights, weights);
        } else if (std::string(pooling) == "mean") {
            pooled = h.mean(1);
        } else {
            pooled = torch::cat({hn[0], hn[1]}, 1);
        }
        SCOPED_TRACE(pooling);
        expectClose(r.probabilities, torch::softmax(out(pooled), 1));
    }
}

TEST(ClassifierEigen, HierarchicalMatchesTorch)
{
    torch::NoGradGuard noGrad;
    torch::manual_seed(5);
    torch::nn::Embedding embedding(4 + int64_t(kWords.size()), kE);
    torch::nn::GRU wordGru(torch::nn::GRUOptions(kE, kH).batch_first(true).bidirectional(true));
    torch::nn::GRU sentenceGru(torch::nn::GRUOptions(2 * kH, kH).batch_first(true).bidirectional(true));
    Pool wordAttention;
    torch::nn::Linear sentenceProj(2 * kH, kA);
    torch::nn::Linear sentenceContext(torch::nn::LinearOptions(kA, 1).bias(false));
    torch::nn::Linear out(2 * kH, 2);
    SafeTensorsWriter w;
    add(w, "embedding.", *embedding);
    add(w, "word_gru.", *wordGru);
    wordAttention.add(w, "word_attention");
    add(w, "sentence_gru.", *sentenceGru);
    add(w, "sentence_attention.proj.", *sentenceProj);
    add(w, "sentence_attention.context.", *sentenceContext);
    add(w, "out.", *out);
    QTemporaryDir tmp;
    writeFolder(tmp.path(), w,
                {{"architecture", "han-classifier"}, {"max_sentences", 40}, {"max_sentence_tokens", 60}});
    const ClassificationResult r = ClassifierModel::open(tmp.path())->classify("a b c. d e. f g a b");

    const std::vector<std::vector<std::string>> sentences{{"a", "b", "c", "."}, {"d", "e", "."}, {"f", "g", "a", "b"}};
    std::vector<Tensor> vectors;
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        const Tensor x = embedding(ids(sentences[s]));
        const Tensor h = std::get<0>(wordGru(x));
        const Tensor a = wordAttention.weights(window(x));
        expectClose(r.sentenceWordWeights[s], a);
        vectors.push_back((a.unsqueeze(-1) * h).sum(1)); // (1, 2H)
    }
    const Tensor v = torch::stack(vectors, 1).squeeze(0).unsqueeze(0); // (1, S, 2H)
    const Tensor s = std::get<0>(sentenceGru(v));                      // (1, S, 2H)
    const Tensor a = torch::softmax(sentenceContext(torch::tanh(sentenceProj(v))).squeeze(-1), 1);
    expectClose(r.sentenceWeights, a);
    expectClose(r.probabilities, torch::softmax(out((a.unsqueeze(-1) * s).sum(1)), 1));
}
