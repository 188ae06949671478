// Training loop of the Show, Attend and Tell captioner on freshly generated scenes.
#include "engine/caption/captiontrainer.h"
#include "core/canceltoken.h"

#include "core/random.h"
#include "engine/caption/captionnet_torch.h"
#include "engine/caption/captionscene.h"
#include "engine/textmodel.h"

#include <cmath>

namespace attn {

namespace {

struct Batch
{
    torch::Tensor images; // (B, 3, S, S)
    torch::Tensor tokens; // (B, T + 1): <start> words <end> <pad>...
};

Batch makeBatch(SeededRandom& rng, const CaptionConfig& c, int batch)
{
    std::vector<CaptionScene> scenes;
    std::vector<const std::vector<float>*> pixels;
    int longest = 0;
    for (int i = 0; i < batch; ++i) {
        scenes.push_back(generateScene(rng, c.imageSize));
        longest = std::max(longest, int(scenes.back().words.size()));
    }
    auto tokens = torch::full({batch, longest + 2}, int64_t(kPadToken), torch::kLong);
    auto acc = tokens.accessor<int64_t, 2>();
    for (int i = 0; i < batch; ++i) {
        pixels.push_back(&scenes[size_t(i)].rgb);
        acc[i][0] = kStartToken;
        const QStringList& words = scenes[size_t(i)].words;
        for (int t = 0; t < words.size(); ++t) {
            acc[i][t + 1] = c.vocabulary.indexOf(words[t]);
        }
        acc[i][words.size() + 1] = kEndToken;
    }
    return {imagesToTensor(pixels, c.imageSize), tokens};
}

} // namespace

void trainCaptioner(const CaptionTrainOptions& options, const CaptionProgress& progress)
{
    try {
        torch::set_num_threads(std::max(1, options.threads));
        torch::manual_seed(options.seed);
        SeededRandom rng(options.seed);
        const CaptionConfig config = CaptionConfig::defaults();
        CaptionModel model(config);
        CaptionNetImpl& net = *model.impl().net;
        net.train();
        torch::optim::Adam optimiser(net.parameters(), torch::optim::AdamOptions(options.learningRate));
        const long warmup = std::min<long>(200, options.steps / 10 + 1);
        for (long step = 1; step <= options.steps; ++step) {
            checkCancelled();
            // Linear warm-up, then cosine decay to a tenth of the rate.
            const double progressFrac = double(step) / double(std::max<long>(1, options.steps));
            double lr = options.learningRate * (0.1 + 0.9 * 0.5 * (1.0 + std::cos(M_PI * progressFrac)));
            if (step < warmup) {
                lr *= double(step) / double(warmup);
            }
            for (auto& group : optimiser.param_groups()) {
                static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
            }
            // The gate starts held open so attention learns to find things before the gate can shut it out.
            net.gateHeldOpen = step <= options.gateWarmup;
            const Batch batch = makeBatch(rng, config, options.batch);
            const int64_t b = batch.tokens.size(0);
            const int64_t steps = batch.tokens.size(1) - 1;
            const CaptionEncoding enc = net.encode(batch.images);
            const auto& feats = enc.feats; // (B, L, D)
            const auto& proj = enc.proj;   // (B, L, A)
            auto h = net.h0.expand({b, -1}).contiguous();
            auto c = net.c0.expand({b, -1}).contiguous();
            std::vector<torch::Tensor> logits, alphas;
            for (int64_t t = 0; t < steps; ++t) {
                CaptionStep st = net.step(feats, proj, batch.tokens.select(1, t), h, c);
                logits.push_back(st.logits);
                alphas.push_back(st.alpha);
                h = st.h;
                c = st.c;
            }
            const auto targets = batch.tokens.slice(1, 1);        // (B, T)
            const auto mask = (targets != kPadToken).to(torch::kFloat); // (B, T)
            const auto allLogits = torch::stack(logits, 1);       // (B, T, V)
            const auto nll = torch::nn::functional::cross_entropy(
                                 allLogits.reshape({b * steps, -1}), targets.reshape({-1}),
                                 torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone))
                                 .view({b, steps}); // (B, T)
            const auto lengths = mask.sum(1);                     // (B)
            const auto coverage = (torch::stack(alphas, 1) * mask.unsqueeze(2)).sum(1); // (B, L)
            // The penalty is averaged over cells: summed over a 16 x 16 grid it outweighs the words and, since
            // a caption has fewer words than cells, pushes every map towards uniform.
            const auto perCaption = (nll * mask).sum(1) / lengths + options.lambda * (1.0 - coverage).pow(2).mean(1);
            const auto loss = perCaption.mean();
            optimiser.zero_grad();
            loss.backward();
            torch::nn::utils::clip_grad_norm_(net.parameters(), 5.0);
            optimiser.step();
            if (progress && (step % 10 == 0 || step == options.steps)) {
                const auto right = ((allLogits.argmax(2) == targets).to(torch::kFloat) * mask).sum() / mask.sum();
                progress(step, options.steps, loss.item<double>(), right.item<double>());
            }
            if (options.checkpointEvery > 0 && step % options.checkpointEvery == 0 && step < options.steps) {
                net.gateHeldOpen = false;
                net.eval();
                model.save(options.outDir);
                net.train();
            }
        }
        net.gateHeldOpen = false;
        net.eval();
        model.save(options.outDir);
    } catch (const c10::Error& e) {
        throw ModelError(std::string("train caption: ") + e.what_without_backtrace());
    }
}

} // namespace attn
