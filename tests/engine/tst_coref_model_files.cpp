// Bad input to the coreference model: texts it cannot read and model folders that are broken in every way
// issue 3 lists; each must give a ModelError naming the problem (and the file), never a crash.
#include "engine/modelregistry.h"
#include "engine/safetensors.h"
#include "engine/transformer/corefmodel.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace attn;

namespace {

const QString kModelDir = QDir(QStringLiteral(ATTN_MODELS_DIR)).filePath(QStringLiteral("coref-en-fr"));

// A copy of the shipped folder that a test may break.
struct FolderCopy
{
    QTemporaryDir tmp;
    QString dir;
    FolderCopy()
    {
        dir = tmp.path();
        for (const QString name : {"config.json", "model.safetensors", "source.vocab", "target.vocab"}) {
            EXPECT_TRUE(QFile::copy(QDir(kModelDir).filePath(name), QDir(dir).filePath(name))) << name.toStdString();
        }
    }
    QString path(const QString& name) const { return QDir(dir).filePath(name); }
    QByteArray read(const QString& name) const
    {
        QFile f(path(name));
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }
    void write(const QString& name, const QByteArray& bytes) const
    {
        QFile f(path(name));
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(bytes);
    }
    void editConfig(const std::function<void(QJsonObject&)>& edit) const
    {
        QJsonObject json = QJsonDocument::fromJson(read("config.json")).object();
        edit(json);
        write("config.json", QJsonDocument(json).toJson());
    }
};

// Opens dir and returns the ModelError's message ("" if it opened).
std::string openError(const QString& dir)
{
    try {
        openTextModel(dir);
    } catch (const ModelError& e) {
        return e.what();
    }
    return {};
}

std::string attendError(const QString& text)
{
    static auto model = openTextModel(kModelDir);
    try {
        model->attend(text);
    } catch (const ModelError& e) {
        return e.what();
    }
    return {};
}

bool has(const std::string& message, const std::string& part)
{
    return message.find(part) != std::string::npos;
}

} // namespace

TEST(CorefModelInput, EmptyPunctuationAndTooLongTextsAreRefused)
{
    EXPECT_TRUE(has(attendError(""), "empty"));
    EXPECT_TRUE(has(attendError("   \n"), "empty"));
    EXPECT_TRUE(has(attendError("... ?!"), "only punctuation"));
    QString longText;
    for (int i = 0; i < 60; ++i) {
        longText += QStringLiteral("the dog sees the cat and ");
    }
    const std::string tooLong = attendError(longText);
    EXPECT_TRUE(has(tooLong, "tokens")) << tooLong;
    EXPECT_TRUE(has(tooLong, "at most 48")) << tooLong;
}

TEST(CorefModelInput, UnknownWordsRunAsUnkWithANotice)
{
    auto model = openTextModel(kModelDir);
    const AttentionSet set = model->attend("The zebra didn't cross the street because it was too tired.");
    EXPECT_EQ(set.sourceTokens.value(1), QStringLiteral("<unk>"));
    EXPECT_TRUE(set.notices.join('\n').contains(QStringLiteral("unknown word 'zebra' shown as <unk>")))
        << set.notices.join('\n').toStdString();
    EXPECT_NO_THROW(set.validate());
    const AttentionSet noDot = model->attend("the dog sees the cat");
    EXPECT_EQ(noDot.sourceTokens.last(), QStringLiteral("."));
    EXPECT_FALSE(noDot.notices.isEmpty());
}

TEST(CorefModelFiles, MissingFilesAreNamed)
{
    for (const QString name : {"config.json", "model.safetensors", "source.vocab", "target.vocab"}) {
        FolderCopy f;
        QFile::remove(f.path(name));
        const std::string e = openError(f.dir);
        EXPECT_TRUE(has(e, name.toStdString())) << name.toStdString() << ": " << e;
    }
    EXPECT_TRUE(has(openError(kModelDir + "-nowhere"), "no such model folder"));
}

TEST(CorefModelFiles, TruncatedAndCorruptedWeightsAreNamed)
{
    FolderCopy f;
    const QByteArray good = f.read("model.safetensors");
    f.write("model.safetensors", good.left(good.size() / 2));
    std::string e = openError(f.dir);
    EXPECT_TRUE(has(e, "model.safetensors")) << e;
    f.write("model.safetensors", good.left(5));
    e = openError(f.dir);
    EXPECT_TRUE(has(e, "truncated")) << e;
    QByteArray corrupt = good;
    corrupt[8] = '#'; // the JSON header's opening brace
    f.write("model.safetensors", corrupt);
    e = openError(f.dir);
    EXPECT_TRUE(has(e, "model.safetensors") && has(e, "JSON")) << e;
    f.write("model.safetensors", QByteArray(64, '\xff'));
    EXPECT_TRUE(has(openError(f.dir), "model.safetensors"));
    f.write("source.vocab", "<pad>\n<unk>\n");
    f.write("model.safetensors", good);
    e = openError(f.dir);
    EXPECT_TRUE(has(e, "source.vocab") && has(e, "truncated")) << e;
}

TEST(CorefModelFiles, UnknownArchitectureAndInconsistentSizesAreNamed)
{
    {
        FolderCopy f;
        f.editConfig([](QJsonObject& j) { j["architecture"] = "transformer-nonsense"; });
        EXPECT_TRUE(has(openError(f.dir), "unknown architecture 'transformer-nonsense'"));
    }
    {
        FolderCopy f;
        f.editConfig([](QJsonObject& j) { j["heads"] = 5; });
        const std::string e = openError(f.dir);
        EXPECT_TRUE(has(e, "config.json") && has(e, "not a multiple")) << e;
    }
    {
        FolderCopy f;
        f.editConfig([](QJsonObject& j) { j["d_ff"] = 128; });
        const std::string e = openError(f.dir);
        EXPECT_TRUE(has(e, "model.safetensors") && has(e, "shape")) << e;
    }
    {
        FolderCopy f;
        f.editConfig([](QJsonObject& j) { j["source_vocab_size"] = j["source_vocab_size"].toInt() + 3; });
        const std::string e = openError(f.dir);
        EXPECT_TRUE(has(e, "source.vocab") && has(e, "source_vocab_size")) << e;
    }
    {
        FolderCopy f;
        f.editConfig([](QJsonObject& j) { j.remove("d_model"); });
        EXPECT_TRUE(has(openError(f.dir), "missing \"d_model\""));
    }
    {
        FolderCopy f;
        f.editConfig([](QJsonObject& j) { j["encoder_layers"] = "three"; });
        EXPECT_TRUE(has(openError(f.dir), "whole number"));
    }
    {
        FolderCopy f;
        f.write("config.json", "{ not json");
        EXPECT_TRUE(has(openError(f.dir), "config.json"));
    }
}

TEST(SafeTensors, ValidationCatchesBadOffsetsOverlapsAndSizes)
{
    auto file = [](const std::string& header, std::size_t dataBytes) {
        std::vector<std::uint8_t> bytes(8 + header.size() + dataBytes, 0);
        const std::uint64_t n = header.size();
        for (int i = 0; i < 8; ++i) {
            bytes[std::size_t(i)] = std::uint8_t(n >> (8 * i));
        }
        std::copy(header.begin(), header.end(), bytes.begin() + 8);
        return bytes;
    };
    auto error = [&](const std::string& header, std::size_t dataBytes) -> std::string {
        try {
            SafeTensorsFile::parse(file(header, dataBytes), "t.safetensors");
        } catch (const SafeTensorsError& e) {
            return e.what();
        }
        return {};
    };
    EXPECT_EQ(error(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 8), "");
    EXPECT_TRUE(has(error(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,16]}})", 8), "ends at byte"));
    EXPECT_TRUE(has(error(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", 8), "need"));
    EXPECT_TRUE(has(error(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                          R"("b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                          8),
                    "overlaps"));
    EXPECT_TRUE(has(error(R"({"a":{"dtype":"Q7","shape":[2],"data_offsets":[0,8]}})", 8), "unknown dtype"));
    EXPECT_TRUE(has(error(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 12), "unindexed"));
    std::vector<std::uint8_t> lying = file("{}", 0);
    lying[0] = 200; // header length past the end
    EXPECT_THROW(SafeTensorsFile::parse(lying, "t.safetensors"), SafeTensorsError);
}
