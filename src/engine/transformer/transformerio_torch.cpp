// Model weights to and from safetensors files (DESIGN.md section 3).
#include "engine/moduleweights_torch.h"
#include "engine/torcheigen_torch.h"
#include "engine/transformer/transformer_torch.h"

#include <torch/torch.h>

namespace attn {

void saveTransformer(Seq2SeqTransformer& model, const std::string& path)
{
    saveModuleWeights(*model, "attnscope-transformer-coref-1", path);
}

void loadTransformer(Seq2SeqTransformer& model, const std::string& path)
{
    loadModuleWeights(*model, path);
}

EigenTransformer toEigen(Seq2SeqTransformer& model)
{
    const auto params = model->named_parameters();
    auto weights = [&](const std::string& name) {
        const auto* p = params.find(name);
        if (!p) {
            throw std::invalid_argument("the model has no tensor '" + name + "'");
        }
        return EigenTransformer::Matrix(tensorToMatrix(*p));
    };
    return EigenTransformer(model->config, weights, tensorToMatrix(model->positions));
}

} // namespace attn
