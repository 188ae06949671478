#pragma once
// The stored tensors of a Hugging Face model folder's weights (issue 16): one safetensors file, or the shards that
// model.safetensors.index.json lists, memory-mapped. The checks here are the files' own: headers inside their files
// (parseSafeTensorsLayout), a tensor in one shard only, every shard the index names present and beside it, every
// tensor the index names in the shard it says. Checkpoint (hfcheckpoint.h) resolves names and checks dtypes, shapes
// and values on top.

#include "engine/safetensors.h"

#include <QString>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

class QFile;

namespace attn::hf {

class MappedTensors
{
public:
    static constexpr const char* kSingleFile = "model.safetensors";
    static constexpr const char* kIndexFile = "model.safetensors.index.json";

    struct Stored
    {
        TensorInfo info;
        const std::uint8_t* data = nullptr; // inside a mapping
        QString file;                       // for messages
    };

    MappedTensors();
    ~MappedTensors();
    MappedTensors(const MappedTensors&) = delete;
    MappedTensors& operator=(const MappedTensors&) = delete;

    // Maps one safetensors file and adds its tensors. Throws ModelError naming the file: cannot open or map it,
    // truncated, a bad header, a tensor another file already holds.
    void mapFile(const QString& path);
    // Maps the shards indexPath lists (files in dir). Throws ModelError naming the index or the shard: too large,
    // not JSON, no weight_map, a shard name with a folder, a missing shard, a tensor not where the index says.
    void mapIndex(const QString& dir, const QString& indexPath);

    const std::map<std::string, Stored>& tensors() const { return m_tensors; }
    std::int64_t mappedBytes() const { return m_mapped; }

private:
    std::vector<std::unique_ptr<QFile>> m_files; // each holds its mapping
    std::int64_t m_mapped = 0;
    std::map<std::string, Stored> m_tensors;
};

} // namespace attn::hf
