#pragma once
// Tensors from corpus sentences, and the coreference metrics, for training and evaluation (internal, torch).

#include "engine/corpus/encorpus.h"
#include "engine/corpus/vocabulary.h"
#include "engine/transformer/transformer_torch.h"

#include <vector>

namespace attn {

struct CorefBatch
{
    torch::Tensor src;   // (B, S) source ids, <pad> after the end
    torch::Tensor tgt;   // (B, T + 2) <bos> target <eos>, <pad> after the end
    torch::Tensor forms; // (B, S) the French form of each source token, <pad> where none
};

CorefBatch makeCorefBatch(const std::vector<SentencePair>& pairs, const Vocabulary& source, const Vocabulary& target);

struct CorefMetrics
{
    int sentences = 0;
    double exactMatch = 0;
    double pronounAccuracy = 0; // over sentences whose reference has il or elle
    int pronounSentences = 0;
    int coreferenceSentences = 0;
    // Per encoder layer and head: share of coreference sentences whose "it" row peaks on the referent, all of
    // them, those whose referent is the subject, those whose referent is the object. [layer][head]
    std::vector<std::vector<double>> top, topSubject, topObject;
    int bestLayer = -1, bestHead = -1; // by the lower of the subject and object shares
};

// Batched greedy translation and one encoder pass per batch, no gradients, eval mode.
CorefMetrics evaluateCoref(Seq2SeqTransformer& model, const std::vector<SentencePair>& pairs, const Vocabulary& source,
                           const Vocabulary& target, int batchSize = 100);

// The weight of "it" on (referent, other noun) at one encoder head for one sentence.
std::pair<double, double> referentWeights(Seq2SeqTransformer& model, const SentencePair& pair, const Vocabulary& source,
                                          int layer, int head);

} // namespace attn
