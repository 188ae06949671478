// openGenerativeModel: what the Generate tab and `generate` open, a llama2.c checkpoint or a Hugging Face decoder.
#include "engine/generation.h"
#include "engine/hf/hfconfig.h"
#include "engine/hf/hfgenerator.h"
#include "engine/llama2/llama2model.h"
#include "engine/textmodel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace attn {

namespace {

const QString kLlama2Folder = QStringLiteral("llama2.c");

QJsonObject readConfig(const QString& dir)
{
    QFile file(QDir(dir).filePath(QStringLiteral("config.json")));
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

// What a folder holds: AttentionScope's "architecture" (llama2.c for a shipped checkpoint's folder), else its
// model_type, or empty when config.json cannot tell.
QString folderKind(const QString& dir)
{
    const QJsonObject config = readConfig(dir);
    const QString architecture = config.value(QStringLiteral("architecture")).toString();
    return architecture.isEmpty() ? config.value(QStringLiteral("model_type")).toString() : architecture;
}

} // namespace

std::unique_ptr<GenerativeModel> openGenerativeModel(const QString& path, const QString& tokenizer)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        throw ModelError(QDir::toNativeSeparators(path).toStdString() + ": no such model file or folder");
    }
    // A config.json picked in a file dialog stands for its folder.
    const QString dir = info.isDir()                                      ? path
                        : info.fileName() == QLatin1String("config.json") ? info.absolutePath()
                                                                          : QString();
    if (dir.isEmpty()) {
        return std::make_unique<Llama2Model>(path, tokenizer);
    }
    if (!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json")))) {
        throw ModelError(QDir::toNativeSeparators(dir).toStdString() +
                         ": no config.json; generation opens a Hugging Face decoder folder (gpt2, llama, mistral, "
                         "qwen2) or a llama2.c checkpoint file (.bin)");
    }
    if (!hf::HfConfig::isHuggingFaceFolder(dir)) {
        const QString kind = folderKind(dir);
        if (kind == kLlama2Folder) {
            // models/stories260K: config.json names the checkpoint and its tokenizer beside it.
            const QJsonObject config = readConfig(dir);
            const QString checkpoint = config.value(QStringLiteral("checkpoint")).toString();
            const QString folderTokenizer = config.value(QStringLiteral("tokenizer")).toString();
            if (checkpoint.isEmpty()) {
                throw ModelError(QDir(dir).filePath(QStringLiteral("config.json")).toStdString() +
                                 ": a llama2.c folder needs \"checkpoint\" (the .bin file's name)");
            }
            return std::make_unique<Llama2Model>(
                QDir(dir).filePath(checkpoint),
                !tokenizer.isEmpty() || folderTokenizer.isEmpty() ? tokenizer : QDir(dir).filePath(folderTokenizer));
        }
        throw ModelError(hf::notADecoderMessage(dir, kind.isEmpty() ? QStringLiteral("non-decoder") : kind));
    }
    return std::make_unique<hf::HfGenerator>(dir);
}

bool isGenerativeModelPath(const QString& path)
{
    const QFileInfo info(path);
    if (info.isFile() && info.fileName() != QLatin1String("config.json")) {
        return true;
    }
    const QString dir = info.isDir() ? path : info.absolutePath();
    if (!hf::HfConfig::isHuggingFaceFolder(dir)) {
        return folderKind(dir) == kLlama2Folder;
    }
    static const QStringList decoders = {QStringLiteral("gpt2"), QStringLiteral("llama"), QStringLiteral("mistral"),
                                         QStringLiteral("qwen2")};
    return decoders.contains(folderKind(dir));
}

} // namespace attn
