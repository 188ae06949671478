// classify plus attention (issue 15 asks for under 5 ms): the shipped pooling and hierarchical classifiers on a
// 100-token review and a 12-sentence document, Eigen inference on one thread, the JSON included; the three CNN +
// attention pair models on a 16-word premise and a 6-word hypothesis (Eigen inference as well);
// baseline in the same run: tokenizing the text alone.
#include "engine/classify/classifiermodel.h"
#include "engine/classify/classifydata.h"
#include "engine/corpus/vocabulary.h"

#include <QDir>
#include <benchmark/benchmark.h>

namespace {

const attn::ClassifierModel& model(const char* name)
{
    static std::map<std::string, std::unique_ptr<attn::ClassifierModel>> models;
    auto& m = models[name];
    if (!m) {
        m = attn::ClassifierModel::open(QDir(QStringLiteral(ATTN_MODELS_DIR)).filePath(QLatin1String(name)));
    }
    return *m;
}

const QString& longReview()
{
    static const QString kText = QString::fromStdString(attn::classify::generateReviewsOfLength(9, 1, 100)[0].text());
    return kText;
}

const QString& longDocument()
{
    static const QString kText = QString::fromStdString(attn::classify::generateDocuments(9, 1, 12, 12)[0].text());
    return kText;
}

void classify(benchmark::State& state, const char* name, const QString& text)
{
    const attn::ClassifierModel& m = model(name);
    for (auto _ : state) {
        const attn::ClassificationResult r = m.classify(text);
        benchmark::DoNotOptimize(r.toJson());
    }
}

void BM_ClassifyReviewAttention(benchmark::State& state)
{
    classify(state, "pooling-attention", longReview());
}
void BM_ClassifyReviewLast(benchmark::State& state)
{
    classify(state, "pooling-last", longReview());
}
void BM_ClassifyReviewMean(benchmark::State& state)
{
    classify(state, "pooling-mean", longReview());
}
void BM_ClassifyDocumentHan(benchmark::State& state)
{
    classify(state, "han-documents", longDocument());
}
void classifyPair(benchmark::State& state, const char* name)
{
    const QString premise =
        QStringLiteral("yesterday the big dog sold a cheap car while the happy child opened an old bag");
    const QString hypothesis = QStringLiteral("the large hound sold the inexpensive automobile");
    const attn::ClassifierModel& m = model(name);
    for (auto _ : state) {
        const attn::ClassificationResult r = m.classify(premise, hypothesis);
        benchmark::DoNotOptimize(r.toJson());
    }
}
void BM_ClassifyPairAbcnn1(benchmark::State& state)
{
    classifyPair(state, "pair-abcnn1");
}
void BM_ClassifyPairAbcnn2(benchmark::State& state)
{
    classifyPair(state, "pair-abcnn2");
}
void BM_ClassifyPairAttentivePooling(benchmark::State& state)
{
    classifyPair(state, "pair-attentive-pooling");
}
void BM_TokenizeReviewOnly(benchmark::State& state)
{
    const std::string text = longReview().toStdString();
    for (auto _ : state) {
        benchmark::DoNotOptimize(attn::tokenizeText(text));
    }
}
BENCHMARK(BM_ClassifyReviewAttention)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ClassifyReviewLast)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ClassifyReviewMean)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ClassifyDocumentHan)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ClassifyPairAbcnn1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ClassifyPairAbcnn2)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ClassifyPairAttentivePooling)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TokenizeReviewOnly)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
