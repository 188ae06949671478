#include "core/canceltoken.h"
#include "engine/classify/pairmodel.h"
#include "engine/classify/pairnet_torch.h"
#include "engine/classify/pairtrainer.h"
#include "engine/corpus/vocabulary.h"
#include "engine/safetensors.h"
#include "engine/textmodel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <chrono>
#include <ctime>

namespace attn::classify {

namespace {

struct Batch
{
    torch::Tensor premise, hypothesis, labels; // (B, Np), (B, Nh), (B)
};

Batch makeBatch(const std::vector<PairExample>& examples, const Vocabulary& vocabulary)
{
    const auto B = std::int64_t(examples.size());
    std::size_t np = 1, nh = 1;
    for (const auto& e : examples) {
        np = std::max(np, e.premise.size());
        nh = std::max(nh, e.hypothesis.size());
    }
    Batch b;
    b.premise = torch::zeros({B, std::int64_t(np)}, torch::kLong);
    b.hypothesis = torch::zeros({B, std::int64_t(nh)}, torch::kLong);
    b.labels = torch::zeros({B}, torch::kLong);
    auto p = b.premise.accessor<std::int64_t, 2>();
    auto h = b.hypothesis.accessor<std::int64_t, 2>();
    auto l = b.labels.accessor<std::int64_t, 1>();
    for (std::int64_t i = 0; i < B; ++i) {
        const auto& e = examples[std::size_t(i)];
        for (std::size_t j = 0; j < e.premise.size(); ++j) {
            p[i][std::int64_t(j)] = vocabulary.id(e.premise[j]);
        }
        for (std::size_t j = 0; j < e.hypothesis.size(); ++j) {
            h[i][std::int64_t(j)] = vocabulary.id(e.hypothesis[j]);
        }
        l[i] = e.label;
    }
    return b;
}

void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size()) {
        throw ModelError(path.toStdString() + ": cannot write");
    }
}

QString variantSummary(const QString& variant)
{
    if (variant == QLatin1String("abcnn-1")) {
        return QStringLiteral(
            "Attention **before** the convolution (ABCNN-1's place, Yin et al. 2016, as the course notes describe "
            "it): the attention matrix is computed between the two texts' word vectors (scaled dot product of "
            "learned projections, softmax over the premise's words); each word's attention-weighted counterpart from "
            "the other text, and its element-wise product with the word's own vector, are concatenated to that "
            "vector as extra input channels of a width-3 convolution, followed by max pooling and an MLP. (Yin et "
            "al. turn the matrix into extra channels through a learned position-by-feature matrix, which needs a "
            "fixed text length; the weighted counterpart does not.)");
    }
    if (variant == QLatin1String("abcnn-2")) {
        return QStringLiteral(
            "Attention **after** the convolution (ABCNN-2's place, Yin et al. 2016): a width-3 convolution reads each "
            "text; the attention matrix is computed between the two texts' convolution outputs (scaled dot product "
            "of learned projections, softmax over the premise's positions); each output is compared with its "
            "attention-weighted counterpart from the other text ([c, a, c*a, c-a], linear, relu) before max pooling "
            "and an MLP. (Yin et al. reweight each position by its summed attention instead; the shown matrix is "
            "the softmax the model uses.)");
    }
    return QStringLiteral(
        "Attention **in place of max pooling** (attentive pooling, as the course notes describe it: an RNN sentence "
        "vector as the query over a CNN's feature matrix). A BiGRU reads the hypothesis; a width-3 convolution gives "
        "the premise's feature matrix (keys and values). The BiGRU state at each hypothesis word queries the "
        "premise's features (one row of the shown matrix per hypothesis word, softmax over the premise), and the "
        "pooled features are compared with that word's own features (the same convolution) before max pooling "
        "over the hypothesis; the hypothesis's sentence vector (the last states of both directions) queries the "
        "premise's features once more and pools the premise instead of max pooling (`premise_pooling` in "
        "`classify`'s attention).");
}

QString card(const PairTrainOptions& o, const PairTrainReport& r, const QString& name)
{
    return QStringLiteral("# %1\n\n"
                          "A CNN + attention classifier of text pairs (premise, hypothesis): entails, contradicts or "
                          "unrelated (issue 15, the course notes' \"CNN + Attention\").\n\n%2\n\n"
                          "## Data\n\nSynthetic pairs from `data --task pairs` (src/engine/classify/pairdata.h): a "
                          "lexicon of 20 nouns, 14 adjective and 12 verb antonym pairs with synonyms; the hypothesis "
                          "restates part of the premise with synonyms (entails), with one adjective or verb turned "
                          "into its antonym (contradicts), or with one or more words the premise does not mention "
                          "(unrelated). Training batch t is generated with seed %3 x %4 + t; the metrics below use "
                          "%5 held-out pairs of seed %6. The attention is learned from the labels only: no loss "
                          "looks at the matrix.\n\n"
                          "## Training\n\n```\n%7\n```\n\n"
                          "Seed %3, %8 steps of %9 pairs, Adam (learning rate %10), one thread; %11 s wall, %12 s "
                          "CPU.\n\n"
                          "## Metrics (held-out pairs, seed %6)\n\n%13\n"
                          "Rows of the matrix are the hypothesis's words, columns the premise's; each row is the "
                          "softmax the model used, so it sums to 1. Mean classify() time: %14 ms.\n\n"
                          "## Limits\n\nThe model knows only the %15 words of its vocab.txt (any other word is "
                          "refused with a message) and texts of at most %16 words; punctuation is dropped.\n")
        .arg(name, variantSummary(o.variant))
        .arg(qulonglong(o.seed))
        .arg(qulonglong(kStepSeedFactor))
        .arg(r.validation.pairs)
        .arg(qulonglong(o.seed + kValidationSeedOffset))
        .arg(o.command)
        .arg(r.steps)
        .arg(o.batchSize)
        .arg(o.learningRate)
        .arg(r.wallSeconds, 0, 'f', 0)
        .arg(r.cpuSeconds, 0, 'f', 0)
        .arg(QString::fromStdString(pairMetricsTable(r.validation)))
        .arg(r.validation.meanMilliseconds, 0, 'f', 2)
        .arg(pairWords().size())
        .arg(o.maxLength);
}

PairTrainReport train(const PairTrainOptions& o)
{
    if (!PairNetConfig::variants().contains(o.variant)) {
        throw ModelError("unknown variant '" + o.variant.toStdString() + "' (choose " +
                         PairNetConfig::variants().join(", ").toStdString() + ")");
    }
    if (!QDir().mkpath(o.outDir)) {
        throw ModelError(o.outDir.toStdString() + ": cannot create the model folder");
    }
    const QDir out(o.outDir);
    const QString name = o.modelName.isEmpty() ? QFileInfo(o.outDir).fileName() : o.modelName;
    torch::manual_seed(o.seed);
    torch::set_num_threads(std::max(1, o.threads));
    const Vocabulary vocabulary = Vocabulary::build(pairWords());
    PairNetConfig config;
    config.variant = o.variant;
    config.vocab = int(vocabulary.size());
    config.embedding = o.embedding;
    config.filters = o.filters;
    config.kernel = o.kernel;
    config.hidden = o.hidden;
    config.attention = o.attention;
    config.maxLength = o.maxLength;
    PairNet net(config);
    net->train();
    torch::optim::Adam optimiser(net->parameters(), torch::optim::AdamOptions(o.learningRate));

    const auto wallStart = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count(); };
    double meanLoss = 0, meanAcc = 0;
    PairTrainReport report;
    for (long step = 0; step < o.steps; ++step) {
        checkCancelled();
        // cosine decay to a tenth, so the last steps settle
        const double progress = double(step) / double(std::max(1L, o.steps));
        for (auto& group : optimiser.param_groups()) {
            static_cast<torch::optim::AdamOptions&>(group.options())
                .lr(o.learningRate * (0.55 + 0.45 * std::cos(M_PI * progress)));
        }
        const Batch b =
            makeBatch(generatePairs(o.seed * kStepSeedFactor + std::uint64_t(step), o.batchSize), vocabulary);
        const PairOutput y = net->forward(b.premise, b.hypothesis);
        const auto loss = torch::nn::functional::cross_entropy(y.logits, b.labels);
        optimiser.zero_grad();
        loss.backward();
        torch::nn::utils::clip_grad_norm_(net->parameters(), 5.0);
        optimiser.step();
        const double acc = y.logits.argmax(-1).eq(b.labels).to(torch::kFloat64).mean().item<double>();
        const double k = step == 0 ? 1.0 : 0.05; // moving averages for the progress bar
        meanLoss += k * (loss.item<double>() - meanLoss);
        meanAcc += k * (acc - meanAcc);
        report.steps = step + 1;
        if (o.progress && ((step + 1) % 10 == 0 || step + 1 == o.steps)) {
            if (!o.progress(step + 1, o.steps, meanLoss, meanAcc, elapsed())) {
                break;
            }
        }
    }
    report.wallSeconds = elapsed();
    report.cpuSeconds = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;

    QJsonObject json{{"architecture", QString::fromLatin1(kPairArchitecture)}, {"name", name}};
    config.writeJson(json);
    QJsonArray labels;
    for (const auto& l : pairLabels()) {
        labels.append(QString::fromStdString(l));
    }
    json.insert("labels", labels);
    json.insert("training", QJsonObject{{"seed", double(o.seed)},
                                        {"steps", double(report.steps)},
                                        {"batch_size", o.batchSize},
                                        {"learning_rate", o.learningRate}});
    savePairNet(net, out.filePath("model.safetensors").toStdString());
    vocabulary.save(out.filePath("vocab.txt").toStdString());
    writeText(out.filePath("config.json"), QJsonDocument(json).toJson(QJsonDocument::Indented));

    const auto model = ClassifierModel::open(o.outDir); // measured exactly as it will be used
    report.validation = evaluatePairs(*model, generatePairs(o.seed + kValidationSeedOffset, o.evalPairs));
    const PairMetrics& v = report.validation;
    json.insert("metrics", QJsonObject{{"seed", double(o.seed + kValidationSeedOffset)},
                                       {"pairs", v.pairs},
                                       {"accuracy", v.accuracy},
                                       {"entail_alignment", v.entailAlignment},
                                       {"all_alignment", v.allAlignment}});
    writeText(out.filePath("config.json"), QJsonDocument(json).toJson(QJsonDocument::Indented));
    writeText(out.filePath("card.md"), card(o, report, name).toUtf8());
    return report;
}

} // namespace

PairTrainReport trainPairModel(const PairTrainOptions& options)
{
    try {
        return train(options);
    } catch (const c10::Error& e) {
        throw ModelError(std::string("training failed: ") + e.what_without_backtrace());
    } catch (const VocabularyError& e) {
        throw ModelError(e.what());
    } catch (const SafeTensorsError& e) {
        throw ModelError(e.what());
    }
}

} // namespace attn::classify
