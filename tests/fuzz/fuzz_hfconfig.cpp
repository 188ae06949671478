// A Hugging Face config.json, read by HfConfig::read as every model family reads it.
#include "engine/hf/hfconfig.h"
#include "engine/textmodel.h"
#include "hffuzz.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString dir = attnfuzz::hfFolder();
    attnfuzz::writeFile(dir + "/config.json", QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    (void)attn::hf::HfConfig::isHuggingFaceFolder(dir);
    try {
        const attn::hf::HfConfig c = attn::hf::HfConfig::read(dir);
        // What the engines rely on after a successful read.
        if (c.hiddenSize <= 0 || c.layers <= 0 || c.heads <= 0 || c.kvHeads <= 0 || c.headDim <= 0 ||
            c.heads % c.kvHeads != 0 || c.intermediateSize <= 0 || c.maxPositions < 0 || c.vocabSize < 0 ||
            c.positionOffset < 0 || !(c.normEps > 0) || !(c.ropeTheta > 0)) {
            std::abort();
        }
        if (c.family == attn::hf::Family::Vit && (c.patchSize <= 0 || c.imageSize % c.patchSize != 0)) {
            std::abort();
        }
        if (c.family != attn::hf::Family::Vit && (c.maxPositions <= c.positionOffset || c.vocabSize <= 0)) {
            std::abort();
        }
    } catch (const attn::ModelError&) {
    }
    return 0;
}
