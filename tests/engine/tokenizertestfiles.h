#pragma once
// The real tokenizer files of ../shared/data/tokenizers (PROVENANCE.md there) laid out as Hugging Face model
// folders in a temporary directory: the files are linked, never copied into the repository.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace attn::test {

inline QString tokenizerData()
{
    return QStringLiteral(ATTN_SHARED_DATA_DIR "/tokenizers");
}

// Fails the test with a message when the shared data is missing (never skips).
inline bool haveTokenizerData()
{
    const bool ok = QFileInfo::exists(tokenizerData() + "/expected.json");
    EXPECT_TRUE(ok) << "missing " << tokenizerData().toStdString()
                    << "/expected.json: the tokenizer tests read the real files in ../shared/data/tokenizers "
                       "(ATTN_SHARED_DATA_DIR); put that folder beside the repository";
    return ok;
}

inline QJsonObject expectedTokenizerIds()
{
    QFile f(tokenizerData() + "/expected.json");
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(f.readAll()).object();
}

inline void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly)) << path.toStdString();
    f.write(bytes);
}

// Model folders, one per key of expected.json (plus bert-base-uncased read from vocab.txt alone).
class TokenizerFolders
{
public:
    TokenizerFolders()
    {
        const QString d = tokenizerData();
        folder("bert-base-uncased",
               {{d + "/bert-base-uncased/tokenizer.json", "tokenizer.json"},
                {d + "/bert-base-uncased/tokenizer_config.json", "tokenizer_config.json"}},
               R"({"model_type": "bert"})");
        folder("bert-base-uncased-vocab",
               {{d + "/bert-base-uncased/vocab.txt", "vocab.txt"},
                {d + "/bert-base-uncased/tokenizer_config.json", "tokenizer_config.json"}},
               R"({"model_type": "bert"})");
        // The Hub's bert-base-chinese/tokenizer_config.json is {"do_lower_case": false}.
        folder("bert-base-chinese", {{d + "/bert-base-chinese/vocab.txt", "vocab.txt"}}, R"({"model_type": "bert"})",
               R"({"do_lower_case": false})");
        folder("gpt2", {{d + "/gpt2/vocab.json", "vocab.json"}, {d + "/gpt2/merges.txt", "merges.txt"}},
               R"({"model_type": "gpt2"})");
        folder("roberta-base",
               {{d + "/roberta-base/vocab.json", "vocab.json"}, {d + "/roberta-base/merges.txt", "merges.txt"}},
               R"({"model_type": "roberta"})");
        folder("gpt2-vocab+qwen2-pretokenizer",
               {{d + "/gpt2/vocab.json", "vocab.json"}, {d + "/gpt2/merges.txt", "merges.txt"}},
               R"({"model_type": "qwen2"})");
        folder("llama2c-sentencepiece", {{d + "/llama2c/tokenizer.model", "tokenizer.model"}},
               R"({"model_type": "llama"})");
    }

    QString path(const QString& key) const { return m_dir.path() + "/" + key; }
    QString root() const { return m_dir.path(); }

private:
    void folder(const QString& key, const std::vector<std::pair<QString, QString>>& links, const char* config,
                const char* tokenizerConfig = nullptr)
    {
        const QString dir = path(key);
        QDir().mkpath(dir);
        for (const auto& [from, to] : links) {
            QFile::link(from, dir + "/" + to);
        }
        writeFile(dir + "/config.json", config);
        if (tokenizerConfig) {
            writeFile(dir + "/tokenizer_config.json", tokenizerConfig);
        }
    }

    QTemporaryDir m_dir;
};

} // namespace attn::test
