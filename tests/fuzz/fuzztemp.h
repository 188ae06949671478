#pragma once
// Parsers that take a path get the fuzzer's bytes through a file in /dev/shm (memory, not disk), one per process.

#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace attnfuzz {

inline QString writeInput(const std::uint8_t* data, std::size_t size, const char* suffix = "")
{
    struct TempFile
    {
        std::string path;
        ~TempFile() { std::remove(path.c_str()); }
    };
    static const TempFile file{[&] {
        const char* dir = std::getenv("ATTN_FUZZ_TMP");
        return std::string(dir ? dir : "/dev/shm") + "/attn-fuzz-" + std::to_string(getpid()) + suffix;
    }()};
    const std::string& path = file.path;
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) {
        std::perror(path.c_str());
        std::abort();
    }
    if (size > 0 && std::fwrite(data, 1, size, f) != size) {
        std::abort();
    }
    std::fclose(f);
    return QString::fromStdString(path);
}

} // namespace attnfuzz
