#include "engine/moduleweights_torch.h"

#include "engine/safetensors.h"
#include "engine/textmodel.h"

#include <cmath>
#include <set>
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
    const SafeTensorsFile file = [&] {
        try {
            return SafeTensorsFile::read(path);
        } catch (const SafeTensorsError& e) {
            throw ModelError(e.what());
        }
    }();
    const torch::NoGradGuard noGrad;
    std::set<std::string> expected;
    for (auto& item : module.named_parameters()) {
        expected.insert(item.key());
        auto& p = item.value();
        std::vector<float> values;
        try {
            values = file.floats(item.key(), p.sizes().vec());
        } catch (const SafeTensorsError& e) {
            throw ModelError(std::string(e.what()) + " (config.json sizes and the weights disagree?)");
        }
        for (float v : values) {
            if (!std::isfinite(v)) {
                throw ModelError(path + ": tensor '" + item.key() + "' holds NaN or infinite values");
            }
        }
        p.copy_(torch::from_blob(values.data(), p.sizes(), torch::kFloat32));
    }
    for (const auto& name : file.names()) {
        if (expected.count(name) == 0) {
            throw ModelError(path + ": unexpected tensor '" + name + "' (config.json sizes and the weights disagree?)");
        }
    }
}

} // namespace attn
