// Hugging Face weights: model.safetensors alone, or (an input starting with '{') model.safetensors.index.json and
// its shards, separated by "@@SHARD@@", the k-th written as model-0000k-of-0000n.safetensors. Every tensor is
// then asked for as an engine would: by its stored name and without a prefix, as a matrix and as a vector, with
// the right shape and a wrong one; finally finish() names what was never asked for.
#include "engine/hf/hfcheckpoint.h"
#include "engine/textmodel.h"
#include "hffuzz.h"

#include <algorithm>
#include <cstdint>

namespace {

const QByteArray kSeparator("@@SHARD@@");

void ask(const attn::hf::Checkpoint& c, const std::string& name)
{
    try {
        const std::vector<std::int64_t> shape = c.shape(name);
        // The reader checked that shape x dtype size matches the bytes, so the product fits unless a 0 is in it.
        std::int64_t numel = 1;
        for (auto d : shape) {
            numel *= d;
            if (d == 0) {
                break;
            }
        }
        if (std::find(shape.begin(), shape.end(), 0) != shape.end()) {
            numel = 0;
        }
        if (shape.size() == 2) {
            const auto m = c.matrix(name, shape[0], shape[1]);
            volatile float sink = m.size() > 0 ? m(m.rows() - 1, m.cols() - 1) : 0.0f;
            (void)sink;
        }
        const auto v = c.vector(name, numel);
        volatile float sink = v.size() > 0 ? v[v.size() - 1] : 0.0f;
        (void)sink;
    } catch (const attn::ModelError&) {
    }
    try {
        (void)c.matrix(name, 3, 5);
    } catch (const attn::ModelError&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString dir = attnfuzz::hfFolder();
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    if (bytes.startsWith('{')) {
        QList<QByteArray> parts;
        qsizetype from = 0;
        for (;;) {
            const qsizetype at = bytes.indexOf(kSeparator, from);
            parts.append(bytes.mid(from, at < 0 ? -1 : at - from));
            if (at < 0) {
                break;
            }
            from = at + kSeparator.size();
        }
        attnfuzz::writeFile(dir + "/model.safetensors.index.json", parts.first());
        const int shards = int(parts.size()) - 1;
        for (int k = 0; k < shards; ++k) {
            attnfuzz::writeFile(dir + QStringLiteral("/model-%1-of-%2.safetensors")
                                          .arg(k + 1, 5, 10, QLatin1Char('0'))
                                          .arg(shards, 5, 10, QLatin1Char('0')),
                                parts[k + 1]);
        }
    } else {
        attnfuzz::writeFile(dir + "/model.safetensors", bytes);
    }
    try {
        auto c = attn::hf::Checkpoint::open(dir, {QStringLiteral("model."), QStringLiteral("bert.")});
        (void)c->dtypeName();
        const std::vector<std::string> names = c->unusedTensors({});
        for (const auto& name : names) {
            ask(*c, name);
            for (const char* prefix : {"model.", "bert."}) {
                if (name.rfind(prefix, 0) == 0) {
                    ask(*c, name.substr(std::string(prefix).size()));
                }
            }
            if (name.size() > 6 && name.compare(name.size() - 6, 6, ".gamma") == 0) {
                ask(*c, name.substr(0, name.size() - 6) + ".weight");
            }
        }
        (void)c->has("embeddings.LayerNorm.weight");
        (void)c->convertedBytes();
        try {
            c->finish({QStringLiteral("*.bias"), QStringLiteral("cls.*")});
        } catch (const attn::ModelError&) {
        }
    } catch (const attn::ModelError&) {
    }
    return 0;
}
