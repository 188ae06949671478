#include "engine/moduleweights_torch.h"

#include "engine/hf/hfcheckpoint.h"
#include "engine/safetensors.h"
#include "engine/textmodel.h"

#include <torch/torch.h>

namespace attn {

void saveModuleWeights(torch::nn::Module& module, const std::string& format, const std::string& path)
{
    SafeTensorsWriter writer;
    writer.setMetadata("format", format);
    for (const auto& item : module.named_parameters()) {
        const auto t = item.value().detach().to(torch::kFloat32).contiguous(); // any shape
        writer.addFloats(item.key(), t.sizes().vec(), t.data_ptr<float>());
    }
    writer.write(path);
}

void loadModuleWeights(torch::nn::Module& module, const std::string& path)
{
    // The strict reader of Hugging Face folders (hf/hfcheckpoint.h): offsets, shapes, NaN/Inf and unexpected
    // tensors checked the same way for every model AttentionScope opens.
    const auto file = hf::Checkpoint::openFile(QString::fromStdString(path));
    const torch::NoGradGuard noGrad;
    for (auto& item : module.named_parameters()) {
        auto& p = item.value();
        const float* values = file->values(item.key(), p.sizes().vec());
        p.copy_(torch::from_blob(const_cast<float*>(values), p.sizes(), torch::kFloat32));
    }
    file->finish({});
}

} // namespace attn
