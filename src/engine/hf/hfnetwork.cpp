#include "engine/hf/hfnetwork.h"

#include "engine/textmodel.h"

namespace attn::hf {

ForwardResult Network::forward(const std::vector<int>&, const Capture&) const
{
    throw ModelError(m_config.path.toStdString() + ": a " + m_config.modelType.toStdString() +
                     " model reads images, not token ids");
}

ForwardResult Network::forwardImage(const std::vector<float>&, const Capture&) const
{
    throw ModelError(m_config.path.toStdString() + ": a " + m_config.modelType.toStdString() +
                     " model reads token ids, not images");
}

std::unique_ptr<Network> openNetwork(const QString& dir)
{
    const HfConfig config = HfConfig::read(dir);
    QStringList prefixes;
    switch (config.family) {
    case Family::Encoder:
        prefixes = {config.modelType + QLatin1Char('.')};
        break;
    case Family::Gpt2:
        prefixes = {QStringLiteral("transformer.")};
        break;
    case Family::Llama:
        prefixes = {QStringLiteral("model.")};
        break;
    case Family::Vit:
        prefixes = {QStringLiteral("vit.")};
        break;
    }
    std::shared_ptr<const Checkpoint> checkpoint = Checkpoint::open(dir, prefixes);
    switch (config.family) {
    case Family::Encoder:
        return openEncoderNetwork(config, std::move(checkpoint));
    case Family::Gpt2:
        return openGpt2Network(config, std::move(checkpoint));
    case Family::Llama:
        return openLlamaNetwork(config, std::move(checkpoint));
    case Family::Vit:
        return openVitNetwork(config, std::move(checkpoint));
    }
    throw ModelError(config.path.toStdString() + ": unknown model family");
}

} // namespace attn::hf
