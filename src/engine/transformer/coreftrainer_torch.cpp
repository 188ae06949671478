// Trains the coreference Transformer on the synthetic English -> French corpus and writes its model folder.
#include "engine/corpus/encorpus.h"
#include "core/canceltoken.h"
#include "engine/corpus/vocabulary.h"
#include "engine/safetensors.h"
#include "engine/textmodel.h"
#include "engine/transformer/corefdata_torch.h"
#include "engine/transformer/corefmodel.h"
#include "engine/transformer/coreftraining.h"
#include "engine/transformer/transformer_torch.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <chrono>
#include <cmath>
#include <ctime>
#include <torch/torch.h>

namespace attn {

namespace {

// Linear warm-up, then cosine decay to 5% of the peak.
double learningRate(const CorefTrainOptions& o, long step)
{
    if (step < o.warmupSteps) {
        return o.learningRate * double(step + 1) / double(o.warmupSteps);
    }
    const double progress = double(step - o.warmupSteps) / double(std::max(1L, o.steps - o.warmupSteps));
    return o.learningRate * (0.05 + 0.95 * 0.5 * (1.0 + std::cos(M_PI * std::min(1.0, progress))));
}

void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size()) {
        throw ModelError(path.toStdString() + ": cannot write: " + f.errorString().toStdString());
    }
}

QString percent(double x)
{
    return QString::number(100.0 * x, 'f', 1) + QLatin1Char('%');
}

QString card(const CorefTrainOptions& o, const CorefTrainReport& r, const CorefMetrics& valid, const CorefMetrics& test,
             const TransformerConfig& c)
{
    QString s;
    s += QStringLiteral("# %1: a coreference Transformer (English -> French)\n\n").arg(o.modelName);
    s +=
        QStringLiteral(
            "A small encoder-decoder Transformer (%1 encoder and %2 decoder layers, %3 heads, d_model %4, feed-forward "
            "%5, pre-norm, sinusoidal positions, word-level vocabularies of %6 English and %7 French tokens) that "
            "translates the synthetic English of src/engine/corpus into French. Its encoder self-attention resolves "
            "\"it\": in \"The animal didn't cross the street because it was too tired.\" the referent head sends "
            "\"it\" to \"animal\"; with \"wide\", to \"street\".\n\n")
            .arg(c.encoderLayers)
            .arg(c.decoderLayers)
            .arg(c.heads)
            .arg(c.dModel)
            .arg(c.dFF)
            .arg(c.sourceVocab)
            .arg(c.targetVocab);
    s += QStringLiteral("## The referent head\n\nEncoder self-attention, **layer %1, head %2** (both 0-based; "
                        "config.json \"referent_head\"). Found after training as the encoder head whose \"it\" "
                        "row most often peaks on the referent noun in validation sentences (the lower of the "
                        "subject-referent and object-referent shares decides). Nothing supervises attention.\n\n")
             .arg(r.referentLayer)
             .arg(r.referentHead);
    s += QStringLiteral("## Training\n\n```\n%1\n```\n\n").arg(o.command);
    s += QStringLiteral("Seed %1, %2 steps of batch %3 (Adam, peak learning rate %4, %5 warm-up steps, cosine "
                        "decay), one intra-op thread. Loss: cross-entropy of the translation plus %6 x an auxiliary "
                        "per-token cross-entropy asking the encoder for each source token's French form (\"it\" -> "
                        "il/elle, \"tired\" -> fatigué/fatiguée).\n\n")
             .arg(o.seed)
             .arg(r.steps)
             .arg(o.batchSize)
             .arg(o.learningRate)
             .arg(o.warmupSteps)
             .arg(o.formLossWeight);
    s += QStringLiteral("Time on this machine: %1 s CPU, %2 s wall (the two cores were shared with other "
                        "jobs).\n\n")
             .arg(r.cpuSeconds, 0, 'f', 0)
             .arg(r.wallSeconds, 0, 'f', 0);
    s += QStringLiteral(
        "Data: EnFrCorpus (src/engine/corpus/encorpus.h) drawn with the seed above, train split only. Half of the "
        "sentences are coreference sentences \"the N1 didn't/couldn't V the N2 because it was too ADJ .\" whose "
        "two nouns differ in gender, half of them from the same class (the dog / the cow), so only the referent "
        "tells il from elle; the rest are descriptions, transitive sentences, institution phrases with mirrored "
        "adjectives (\"the european economic area\" -> \"la zone économique européenne\") and single-referent "
        "pronoun sentences. Splits are decided by a hash of the sentence (of the minimal pair for coreference), "
        "so no seed can put a training sentence into validation or test; the canonical animal/street pair is "
        "always in the test split and was never trained on.\n\n");
    auto row = [&](const QString& name, const CorefMetrics& m, int seed) {
        const auto l = std::size_t(r.referentLayer), h = std::size_t(r.referentHead);
        return QStringLiteral("| %1 (seed %2, %3 unique sentences) | %4 | %5 | %6 | %7 | %8 |\n")
            .arg(name)
            .arg(seed)
            .arg(m.sentences)
            .arg(percent(m.exactMatch))
            .arg(percent(m.pronounAccuracy))
            .arg(percent(m.top[l][h]))
            .arg(percent(m.topSubject[l][h]))
            .arg(percent(m.topObject[l][h]));
    };
    s += QStringLiteral("## Metrics (greedy decoding, measured by the training command)\n\n"
                        "| split | exact match | il/elle | head: \"it\" peaks on referent | referent = subject | "
                        "referent = object |\n|---|---|---|---|---|---|\n");
    s += row(QStringLiteral("validation"), valid, int(o.seed) + 1000);
    s += row(QStringLiteral("test"), test, int(o.seed) + 2000);
    s += QStringLiteral("\nCanonical pair at the referent head: \"tired\": it -> animal %1, it -> street %2; "
                        "\"wide\": it -> street %3, it -> animal %4.\n\n")
             .arg(r.canonicalTired[0], 0, 'f', 3)
             .arg(r.canonicalTired[1], 0, 'f', 3)
             .arg(r.canonicalWide[0], 0, 'f', 3)
             .arg(r.canonicalWide[1], 0, 'f', 3);
    s += QStringLiteral("tests/engine/tst_coref_model.cpp measures these figures again on test sentences drawn "
                        "with another seed.\n\n## Limits\n\nThe model knows only the corpus's vocabulary (other "
                        "words become <unk>, with a notice) and sentences of at most %1 tokens; it was trained on "
                        "lower-case sentences ending with \".\".\n")
             .arg(c.maxSourceLength);
    return s;
}

CorefTrainReport train(const CorefTrainOptions& o)
{
    const QDir out(o.outDir);
    if (!QDir().mkpath(o.outDir)) {
        throw ModelError(o.outDir.toStdString() + ": cannot create the model folder");
    }
    torch::manual_seed(o.seed);
    torch::set_num_threads(std::max(1, o.threads));
    const Vocabulary source = Vocabulary::build(EnFrCorpus::sourceWords());
    const Vocabulary target = Vocabulary::build(EnFrCorpus::targetWords());
    TransformerConfig config = o.model;
    config.sourceVocab = int(source.size());
    config.targetVocab = int(target.size());
    config.validate(QStringLiteral("training options"));
    Seq2SeqTransformer model(config);
    model->train();
    torch::optim::Adam optimiser(model->parameters(), torch::optim::AdamOptions(o.learningRate).betas({0.9, 0.98}));
    CorpusOptions corpusOptions;
    corpusOptions.seed = o.seed;
    EnFrCorpus corpus(corpusOptions);

    const auto wallStart = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count(); };
    double meanLoss = 0, meanAcc = 0;
    CorefTrainReport report;
    for (long step = 0; step < o.steps; ++step) {
        checkCancelled();
        for (auto& group : optimiser.param_groups()) {
            static_cast<torch::optim::AdamOptions&>(group.options()).lr(learningRate(o, step));
        }
        const CorefBatch b = makeCorefBatch(corpus.generate(Split::Train, o.batchSize), source, target);
        const auto memory = model->encode(b.src);                                // (B, S, d)
        const auto gold = b.tgt.slice(1, 1);                                     // (B, T + 1)
        const auto logits = model->decode(b.tgt.slice(1, 0, -1), memory, b.src); // (B, T + 1, Vt)
        const auto ce = torch::nn::functional::CrossEntropyFuncOptions().ignore_index(Vocabulary::kPad);
        const auto translationLoss =
            torch::nn::functional::cross_entropy(logits.reshape({-1, config.targetVocab}), gold.reshape({-1}), ce);
        const auto formLoss = torch::nn::functional::cross_entropy(
            model->formLogits(memory).reshape({-1, config.targetVocab}), b.forms.reshape({-1}), ce);
        const auto loss = translationLoss + o.formLossWeight * formLoss;
        optimiser.zero_grad();
        loss.backward();
        torch::nn::utils::clip_grad_norm_(model->parameters(), 1.0);
        optimiser.step();

        const auto real = gold.ne(Vocabulary::kPad);
        const double acc =
            (logits.argmax(-1).eq(gold).logical_and(real)).sum().item<double>() / real.sum().item<double>();
        const double k = step == 0 ? 1.0 : 0.05; // exponential moving averages for the progress bar
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

    CorpusOptions validOptions = corpusOptions, testOptions = corpusOptions;
    validOptions.seed = o.seed + 1000;
    testOptions.seed = o.seed + 2000;
    const auto validPairs = EnFrCorpus(validOptions).generate(Split::Valid, o.evalSentences, /*unique=*/true);
    const auto testPairs = EnFrCorpus(testOptions).generate(Split::Test, o.evalSentences, /*unique=*/true);
    const CorefMetrics valid = evaluateCoref(model, validPairs, source, target);
    const CorefMetrics test = evaluateCoref(model, testPairs, source, target);
    report.exactMatch = valid.exactMatch;
    report.pronounAccuracy = valid.pronounAccuracy;
    report.referentLayer = valid.bestLayer;
    report.referentHead = valid.bestHead;
    const auto l = std::size_t(valid.bestLayer), h = std::size_t(valid.bestHead);
    report.referentTop = valid.top[l][h];
    report.referentTopSubject = valid.topSubject[l][h];
    report.referentTopObject = valid.topObject[l][h];
    const auto tired = referentWeights(model, EnFrCorpus::canonical("tired"), source, valid.bestLayer, valid.bestHead);
    const auto wide = referentWeights(model, EnFrCorpus::canonical("wide"), source, valid.bestLayer, valid.bestHead);
    report.canonicalTired[0] = tired.first;
    report.canonicalTired[1] = tired.second;
    report.canonicalWide[0] = wide.first;
    report.canonicalWide[1] = wide.second;

    QJsonObject json{{"architecture", QString::fromLatin1(kCorefArchitecture)}, {"name", o.modelName}};
    config.writeJson(json);
    json.insert("referent_head", QJsonObject{{"layer", report.referentLayer}, {"head", report.referentHead}});
    json.insert("training", QJsonObject{{"seed", double(o.seed)},
                                        {"steps", double(report.steps)},
                                        {"batch_size", o.batchSize},
                                        {"form_loss_weight", o.formLossWeight}});
    saveTransformer(model, out.filePath("model.safetensors").toStdString());
    source.save(out.filePath("source.vocab").toStdString());
    target.save(out.filePath("target.vocab").toStdString());
    writeText(out.filePath("config.json"), QJsonDocument(json).toJson(QJsonDocument::Indented));
    writeText(out.filePath("card.md"), card(o, report, valid, test, config).toUtf8());
    return report;
}

} // namespace

CorefTrainReport trainCorefModel(const CorefTrainOptions& options)
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

} // namespace attn
