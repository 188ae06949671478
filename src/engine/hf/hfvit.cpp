#include "engine/hf/hfnetwork.h"

#include "engine/textmodel.h"

namespace attn::hf {

// Placeholder until the vit engine lands (issue 16, helper at work).
std::unique_ptr<Network> openVitNetwork(const HfConfig& config, std::shared_ptr<const Checkpoint>)
{
    throw ModelError(config.path.toStdString() + ": model_type '" + config.modelType.toStdString() +
                     "' is not supported yet");
}

} // namespace attn::hf
