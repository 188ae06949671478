#pragma once

#include <torch/nn/module.h>

#include <string>

namespace attn {

// A module's weights as a safetensors file (DESIGN.md section 3): every named parameter as float32, under its
// parameter name, with the format tag in the metadata.
void saveModuleWeights(torch::nn::Module& module, const std::string& format, const std::string& path);
// Reads them back through the strict reader (hf::Checkpoint::openFile). Throws ModelError naming the file when a
// tensor is missing, of another shape or dtype, holds NaN or infinite values, or when the file has tensors the
// module lacks (named).
void loadModuleWeights(torch::nn::Module& module, const std::string& path);

} // namespace attn
