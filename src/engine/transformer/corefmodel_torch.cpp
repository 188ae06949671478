// The LibTorch half of CorefModel (coreftorch.h): the reference path, beam search and batched translation.
#include "engine/corpus/vocabulary.h"
#include "engine/textmodel.h"
#include "engine/transformer/coreftorch.h"
#include "engine/transformer/transformer_torch.h"

#include <QDir>
#include <torch/torch.h>

#include <algorithm>

namespace attn {

namespace {

class CorefTorchModel : public CorefTorch
{
public:
    CorefTorchModel(const QString& dir, const TransformerConfig& config) : m_config(config)
    {
        try {
            m_model = Seq2SeqTransformer(config);
            loadTransformer(m_model, QDir(dir).filePath("model.safetensors").toStdString());
            m_model->eval();
        } catch (const c10::Error& e) {
            throw ModelError(dir.toStdString() + ": cannot build the model: " + e.what_without_backtrace());
        }
    }

    CapturedTranslation translateWithMaps(const std::vector<std::int64_t>& src, int beamSize) override
    {
        try {
            return attn::translateWithMaps(m_model, src, beamSize, m_config.maxTargetLength);
        } catch (const c10::Error& e) {
            throw ModelError("run failed: " + std::string(e.what_without_backtrace()));
        }
    }

    std::vector<std::vector<std::int64_t>> greedy(const std::vector<std::vector<std::int64_t>>& sources) override
    {
        std::vector<std::vector<std::int64_t>> out;
        try {
            const torch::NoGradGuard noGrad;
            constexpr std::size_t kBatch = 128;
            for (std::size_t start = 0; start < sources.size(); start += kBatch) {
                const std::size_t end = std::min(sources.size(), start + kBatch);
                std::size_t S = 1;
                for (std::size_t i = start; i < end; ++i) {
                    S = std::max(S, sources[i].size());
                }
                auto src = torch::full({int64_t(end - start), int64_t(S)}, Vocabulary::kPad, torch::kLong); // (B, S)
                auto acc = src.accessor<int64_t, 2>();
                for (std::size_t i = start; i < end; ++i) {
                    for (std::size_t s = 0; s < sources[i].size(); ++s) {
                        acc[int64_t(i - start)][int64_t(s)] = sources[i][s];
                    }
                }
                for (auto& ids : m_model->greedy(src, m_config.maxTargetLength)) {
                    out.push_back(std::move(ids));
                }
            }
        } catch (const c10::Error& e) {
            throw ModelError("translation failed: " + std::string(e.what_without_backtrace()));
        }
        return out;
    }

private:
    TransformerConfig m_config;
    Seq2SeqTransformer m_model{nullptr};
};

} // namespace

std::unique_ptr<CorefTorch> openCorefTorch(const QString& dir, const TransformerConfig& config)
{
    return std::make_unique<CorefTorchModel>(dir, config);
}

} // namespace attn
