#pragma once

#include <torch/nn/module.h>

#include <string>

namespace attn {

// A module's weights as a safetensors file (DESIGN.md section 3): every named parameter as float32, under its
// parameter name, with the format tag in the metadata.
void saveModuleWeights(torch::nn::Module& module, const std::string& format, const std::string& path);
// Reads them back. Throws ModelError naming the file when a tensor is missing, of another shape, holds NaN or
// infinite values, or when the file has a tensor the module lacks.
void loadModuleWeights(torch::nn::Module& module, const std::string& path);

} // namespace attn
