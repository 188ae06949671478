#include "engine/transformer/corefdata_torch.h"

#include <algorithm>
#include <torch/torch.h>

namespace attn {

CorefBatch makeCorefBatch(const std::vector<SentencePair>& pairs, const Vocabulary& source, const Vocabulary& target)
{
    const auto B = int64_t(pairs.size());
    int64_t S = 1, T = 0;
    for (const auto& p : pairs) {
        S = std::max<int64_t>(S, int64_t(p.source.size()));
        T = std::max<int64_t>(T, int64_t(p.target.size()));
    }
    CorefBatch b;
    b.src = torch::full({B, S}, Vocabulary::kPad, torch::kLong);
    b.tgt = torch::full({B, T + 2}, Vocabulary::kPad, torch::kLong);
    b.forms = torch::full({B, S}, Vocabulary::kPad, torch::kLong);
    auto src = b.src.accessor<int64_t, 2>();
    auto tgt = b.tgt.accessor<int64_t, 2>();
    auto forms = b.forms.accessor<int64_t, 2>();
    for (int64_t i = 0; i < B; ++i) {
        const auto& p = pairs[std::size_t(i)];
        for (std::size_t s = 0; s < p.source.size(); ++s) {
            src[i][int64_t(s)] = source.id(p.source[s]);
            if (s < p.sourceForms.size() && p.sourceForms[s] != "<none>") {
                forms[i][int64_t(s)] = target.id(p.sourceForms[s]);
            }
        }
        tgt[i][0] = Vocabulary::kBos;
        for (std::size_t t = 0; t < p.target.size(); ++t) {
            tgt[i][int64_t(t) + 1] = target.id(p.target[t]);
        }
        tgt[i][int64_t(p.target.size()) + 1] = Vocabulary::kEos;
    }
    return b;
}

namespace {

std::string pronounOf(const std::vector<std::string>& tokens)
{
    for (const auto& t : tokens) {
        if (t == "il" || t == "elle") {
            return t;
        }
    }
    return {};
}

} // namespace

CorefMetrics evaluateCoref(Seq2SeqTransformer& model, const std::vector<SentencePair>& pairs, const Vocabulary& source,
                           const Vocabulary& target, int batchSize)
{
    const torch::NoGradGuard noGrad;
    const bool wasTraining = model->is_training();
    model->eval();
    const int L = model->config.encoderLayers, H = model->config.heads;
    CorefMetrics m;
    const auto zeros = std::vector<std::vector<int>>(std::size_t(L), std::vector<int>(std::size_t(H), 0));
    auto hits = zeros, hitsS = zeros, hitsO = zeros;
    int exact = 0, pronounRight = 0, subjects = 0, objects = 0;
    for (std::size_t start = 0; start < pairs.size(); start += std::size_t(batchSize)) {
        const std::vector<SentencePair> chunk(pairs.begin() + long(start),
                                              pairs.begin() + long(std::min(pairs.size(), start + batchSize)));
        const CorefBatch batch = makeCorefBatch(chunk, source, target);
        const auto out = model->greedy(batch.src, model->config.maxTargetLength);
        AttentionCapture capture;
        model->encode(batch.src, &capture); // encoderSelf: L x (B, H, S, S)
        for (std::size_t i = 0; i < chunk.size(); ++i) {
            const auto& p = chunk[i];
            const auto words = target.decode(out[i]);
            exact += words == p.target;
            const std::string want = pronounOf(p.target);
            if (!want.empty()) {
                ++m.pronounSentences;
                pronounRight += pronounOf(words) == want;
            }
            if (p.kind != SentenceKind::Coreference) {
                continue;
            }
            ++m.coreferenceSentences;
            (p.referentIsSubject ? subjects : objects) += 1;
            for (int l = 0; l < L; ++l) {
                // "it" row of every head: (H, S)
                const auto rows = capture.encoderSelf[std::size_t(l)][int64_t(i)].select(1, p.pronoun);
                const auto peaks = rows.argmax(-1);
                for (int h = 0; h < H; ++h) {
                    if (peaks[h].item<int64_t>() == p.referent) {
                        ++hits[std::size_t(l)][std::size_t(h)];
                        (p.referentIsSubject ? hitsS : hitsO)[std::size_t(l)][std::size_t(h)] += 1;
                    }
                }
            }
        }
    }
    m.sentences = int(pairs.size());
    m.exactMatch = pairs.empty() ? 0.0 : double(exact) / double(pairs.size());
    m.pronounAccuracy = m.pronounSentences ? double(pronounRight) / m.pronounSentences : 0.0;
    auto share = [](int n, int d) { return d ? double(n) / d : 0.0; };
    double best = -1;
    m.top.assign(std::size_t(L), std::vector<double>(std::size_t(H)));
    m.topSubject = m.topObject = m.top;
    for (int l = 0; l < L; ++l) {
        for (int h = 0; h < H; ++h) {
            const auto li = std::size_t(l), hi = std::size_t(h);
            m.top[li][hi] = share(hits[li][hi], m.coreferenceSentences);
            m.topSubject[li][hi] = share(hitsS[li][hi], subjects);
            m.topObject[li][hi] = share(hitsO[li][hi], objects);
            const double worst = std::min(m.topSubject[li][hi], m.topObject[li][hi]);
            if (worst > best) {
                best = worst;
                m.bestLayer = l;
                m.bestHead = h;
            }
        }
    }
    model->train(wasTraining);
    return m;
}

std::pair<double, double> referentWeights(Seq2SeqTransformer& model, const SentencePair& pair, const Vocabulary& source,
                                          int layer, int head)
{
    const torch::NoGradGuard noGrad;
    const bool wasTraining = model->is_training();
    model->eval();
    const auto src = torch::tensor(source.encode(pair.source), torch::kLong).unsqueeze(0); // (1, S)
    AttentionCapture capture;
    model->encode(src, &capture);
    const auto row = capture.encoderSelf[std::size_t(layer)][0][head][pair.pronoun]; // (S)
    model->train(wasTraining);
    return {row[pair.referent].item<double>(), row[pair.otherNoun].item<double>()};
}

} // namespace attn
