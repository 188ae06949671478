// Inputs the fuzzers of tests/fuzz found (tests/fixtures/fuzz/<harness>/): each once crashed or misbehaved; now
// each parser refuses it with a message that names the problem, or reads it correctly.
#include "core/attentionjson.h"
#include "core/formula.h"
#include "core/lesson.h"
#include "core/vectorparse.h"
#include "engine/caption/captionmodel.h"
#include "engine/caption/imageloader.h"
#include "engine/corpus/vocabulary.h"
#include "engine/llama2/llama2checkpoint.h"
#include "engine/llama2/llama2tokenizer.h"
#include "engine/safetensors.h"
#include "engine/textmodel.h"
#include "engine/tokenizers/sentencepiecemodel.h"
#include "engine/tokenizers/tokenizerjson.h"
#include "engine/transformer/transformerconfig.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <gtest/gtest.h>

#include <functional>

using namespace attn;

namespace {

const QString kInputs = QStringLiteral(ATTN_FIXTURES_DIR "/fuzz");

QString input(const QString& harness, const QString& name)
{
    const QString path = kInputs + "/" + harness + "/" + name;
    EXPECT_TRUE(QFile::exists(path)) << path.toStdString() << " is missing: it is committed with this test";
    return path;
}

QByteArray bytesOf(const QString& path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return f.readAll();
}

std::string errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "no error";
}

// Each harness's parser, as the harness calls it; an exception of the parser's own type is a clean refusal.
void parseAs(const QString& harness, const QString& path)
{
    const QByteArray bytes = bytesOf(path);
    if (harness == "safetensors") {
        const auto f = SafeTensorsFile::parse(std::vector<std::uint8_t>(bytes.begin(), bytes.end()), "fuzz");
        for (const auto& name : f.names()) {
            try {
                (void)f.floats(name);
            } catch (const SafeTensorsError&) {
            }
        }
    } else if (harness == "llama2tokenizer") {
        (void)Llama2Tokenizer::read(path, 512);
    } else if (harness == "llama2checkpoint") {
        (void)Llama2Checkpoint::read(path);
    } else if (harness == "vocabulary") {
        (void)Vocabulary::load(path.toStdString());
    } else if (harness == "transformerconfig") {
        (void)TransformerConfig::fromJson(QJsonDocument::fromJson(bytes).object(), path);
    } else if (harness == "captionconfig") {
        (void)CaptionConfig::fromJson(QJsonDocument::fromJson(bytes).object(), path, "fuzz");
    } else if (harness == "attentionjson") {
        (void)attentionSetFromJson(QJsonDocument::fromJson(bytes).object());
    } else if (harness == "vectorparse") {
        (void)parseMatrix(QString::fromUtf8(bytes), "keys");
    } else if (harness == "lesson") {
        // Never throws: the lesson and each formula must come back unchanged from what they print.
        const LessonParseResult r = parseLesson(bytes, path);
        EXPECT_EQ(parseLesson(saveLesson(r.lesson), "saved").lesson, r.lesson);
        const FormulaParse f = parseFormula(QString::fromUtf8(bytes));
        if (f.ok()) {
            EXPECT_EQ(parseFormula(formulaToSource(f.root)).root, f.root) << formulaToSource(f.root).toStdString();
        }
    } else if (harness == "imageloader") {
        (void)loadImageForModel(path, 64, 256);
    } else if (harness == "sentencepiece") {
        std::vector<int> ids;
        tok::SentencePieceModel(bytes, path).tokenize(QStringLiteral("Hello, world! \u4e2d\u6587"), ids);
    } else if (harness == "tokenizerjson") {
        (void)tok::readTokenizerJson(bytes, path).encode(QStringLiteral("Hello, world! \u4e2d\u6587 <|endoftext|>"));
    } else {
        ADD_FAILURE() << "no parser for the fuzz inputs in " << harness.toStdString();
    }
}

} // namespace

TEST(FuzzInputs, EveryStoredInputIsReadOrRefusedCleanly)
{
    // Under scripts/test --sanitize this is where a regression shows as an ASan or UBSan report.
    int count = 0;
    for (const QString& harness : QDir(kInputs).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QDir dir(kInputs + "/" + harness);
        for (const QString& name : dir.entryList(QDir::Files)) {
            SCOPED_TRACE((harness + "/" + name).toStdString());
            try {
                parseAs(harness, dir.filePath(name));
            } catch (const SafeTensorsError&) {
            } catch (const ModelError&) {
            } catch (const VocabularyError&) {
            } catch (const ImageLoadError&) {
            } catch (const std::invalid_argument&) {
            }
            ++count;
        }
    }
    EXPECT_GE(count, 2) << "the fuzz inputs in " << kInputs.toStdString() << " are missing";
}

TEST(FuzzInputs, SafeTensorsEmptyTensorReadsAsNoFloats)
{
    // A (0, 4) F32 tensor: floats() copied zero bytes to a null buffer, which is undefined behaviour.
    const QByteArray bytes = bytesOf(input("safetensors", "empty-f32-tensor.safetensors"));
    const auto f = SafeTensorsFile::parse(std::vector<std::uint8_t>(bytes.begin(), bytes.end()), "empty");
    EXPECT_EQ(f.info("empty").shape, (std::vector<std::int64_t>{0, 4}));
    EXPECT_TRUE(f.floats("empty").empty());
    EXPECT_EQ(f.floats("t_F32").size(), 6u);
}

TEST(FuzzInputs, Llama2TokenizerNeedsRoomForBosAndEos)
{
    // One piece: encode() put BOS (id 1) into the ids and decode() read past the vocabulary.
    const QString path = input("llama2tokenizer", "one-token.bin");
    EXPECT_NE(errorOf([&] { Llama2Tokenizer::read(path, 1); }).find("no room for <s> (id 1) and </s> (id 2)"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { Llama2Tokenizer::read(path, 2); }).find("no room for <s>"), std::string::npos);
}

TEST(FuzzInputs, SafeTensorsOffsetBeyondAnyFileIsRefused)
{
    // data_offsets [168, 1761e300]: converting 1.761e303 to size_t was undefined before the size check saw it.
    const QByteArray bytes = bytesOf(input("safetensors", "huge-offset.safetensors"));
    const std::string error =
        errorOf([&] { SafeTensorsFile::parse(std::vector<std::uint8_t>(bytes.begin(), bytes.end()), "m"); });
    EXPECT_NE(error.find("'decoder.0.self_attn.out_proj.bias' ends at byte 1.761e+303 but the data section has"),
              std::string::npos)
        << error;
}

TEST(FuzzInputs, FormulaScriptsOnAGroupThatEndsInScriptsRoundTrip)
{
    // {n_n}_n printed back as n_{n}_{n}, a double subscript: the documented round trip failed.
    const QString source = QString::fromUtf8(bytesOf(input("lesson", "scripts-on-scripts-group.txt")));
    const FormulaParse first = parseFormula(source);
    ASSERT_TRUE(first.ok()) << first.error.toStdString();
    const QString printed = formulaToSource(first.root);
    EXPECT_EQ(printed, QStringLiteral("{n_{n}}_{n}"));
    const FormulaParse again = parseFormula(printed);
    EXPECT_TRUE(again.ok()) << again.error.toStdString();
    EXPECT_EQ(again.root, first.root);
    // And an empty bold base kept its bold: \mathbf{}_v printed as {}_{v}.
    const FormulaParse bold = parseFormula(QStringLiteral("\\mathbf{}_v"));
    ASSERT_TRUE(bold.ok());
    EXPECT_EQ(formulaToSource(bold.root), QStringLiteral("\\mathbf{}_{v}"));
    EXPECT_EQ(parseFormula(formulaToSource(bold.root)).root, bold.root);
}

TEST(FuzzInputs, FormulaBoldScriptRoundTrips)
{
    // _\mathbf{<NUL>k}: a bold script argument printed inside braces, _{\mathbf{..}}, read back as another tree.
    const FormulaParse first = parseFormula(QString::fromUtf8(bytesOf(input("lesson", "nul-in-bold-script.txt"))));
    ASSERT_TRUE(first.ok()) << first.error.toStdString();
    EXPECT_EQ(parseFormula(formulaToSource(first.root)).root, first.root) << formulaToSource(first.root).toStdString();
    const FormulaParse frac = parseFormula(QStringLiteral("\\frac\\mathbf{a}{b} + \\sqrt\\mathbf{x y}"));
    ASSERT_TRUE(frac.ok()) << frac.error.toStdString();
    EXPECT_EQ(parseFormula(formulaToSource(frac.root)).root, frac.root) << formulaToSource(frac.root).toStdString();
}
