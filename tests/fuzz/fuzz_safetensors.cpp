// safetensors: the header, the offsets and every tensor read back as the loaders read it.
#include "engine/safetensors.h"

#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto file = attn::SafeTensorsFile::parse(std::vector<std::uint8_t>(data, data + size), "fuzz");
        for (const auto& name : file.names()) {
            const attn::TensorInfo& info = file.info(name);
            (void)info.numel();
            try {
                (void)file.floats(name);
            } catch (const attn::SafeTensorsError&) {
            }
            try {
                (void)file.floats(name, {2, 2});
            } catch (const attn::SafeTensorsError&) {
            }
            try {
                (void)file.ints(name);
            } catch (const attn::SafeTensorsError&) {
            }
        }
    } catch (const attn::SafeTensorsError&) {
    }
    return 0;
}
