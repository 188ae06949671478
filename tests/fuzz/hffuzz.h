#pragma once
// Hugging Face model folders from fuzzer bytes: each process gets its own folder in /dev/shm (memory, not disk),
// emptied before every input.

#include <QDir>
#include <QFile>
#include <QString>

#include <cstdlib>
#include <string>
#include <unistd.h>

namespace attnfuzz {

inline QString hfFolder()
{
    struct Folder
    {
        QString path;
        ~Folder() { QDir(path).removeRecursively(); }
    };
    static const Folder folder{[] {
        const char* dir = std::getenv("ATTN_FUZZ_TMP");
        return QString::fromStdString(std::string(dir ? dir : "/dev/shm") + "/attn-fuzz-hf-" +
                                      std::to_string(getpid()));
    }()};
    QDir(folder.path).removeRecursively();
    QDir().mkpath(folder.path);
    return folder.path;
}

inline void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
        std::abort();
    }
}

} // namespace attnfuzz
