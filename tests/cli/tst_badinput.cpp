// The README's bad-input table, row by row: each input gives one line on stderr naming the problem and a
// non-zero exit status (or, for unknown words, a notice and a result). Keep the rows in the README's order.
#include "cli/clirun.h"
#include "cli/hftinybert.h"
#include "cli/hftinyvit.h"
#include "core/attentionfilewriter.h"
#include "engine/hfgeneratefolders.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <limits>

using attn::test::CliRun;
using attn::test::cli;

namespace {

const QString kModels = QStringLiteral(ATTN_MODELS_DIR);

class BadInput : public ::testing::Test
{
protected:
    QString write(const QString& name, const QByteArray& bytes)
    {
        QFile f(m_dir.filePath(name));
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        return f.fileName();
    }
    // A copy of a shipped model folder with one file replaced by its first bytes.
    QString truncatedCopy(const QString& model, const QString& file, qint64 keep)
    {
        const QString to = m_dir.filePath(QStringLiteral("trunc-") + model);
        QDir().mkpath(to);
        for (const QString& name : QDir(kModels + "/" + model).entryList(QDir::Files)) {
            QFile::copy(kModels + "/" + model + "/" + name, to + "/" + name);
        }
        QFile f(to + "/" + file);
        EXPECT_TRUE(f.open(QIODevice::ReadWrite));
        f.resize(keep);
        return to;
    }
    static void expectError(const CliRun& r, const QString& needle)
    {
        EXPECT_NE(r.code, 0) << needle.toStdString();
        EXPECT_TRUE(r.err.contains(needle)) << "expected '" << needle.toStdString() << "' in: " << r.err.toStdString();
        EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << "more than one line: " << r.err.toStdString();
    }
    QTemporaryDir m_dir;
};

} // namespace

TEST_F(BadInput, ModelFolders)
{
    expectError(cli({"attend", "--model", m_dir.filePath("nothing"), "--text", "the dog ."}),
                "no such model folder or file");
    const QString bad = m_dir.filePath("badmodel");
    QDir().mkpath(bad);
    write("badmodel/config.json", "{");
    expectError(cli({"attend", "--model", bad, "--text", "the dog ."}), "config.json: not a JSON object");
    const QString truncated = truncatedCopy("coref-en-fr", "model.safetensors", 1000);
    expectError(cli({"attend", "--model", truncated, "--text", "the dog ."}), "model.safetensors: header length");
}

TEST_F(BadInput, RemovedCaptionDesign)
{
    const QString copy = truncatedCopy("caption-shapes", "card.md", 0);
    QFile config(copy + "/config.json");
    ASSERT_TRUE(config.open(QIODevice::ReadOnly));
    QByteArray json = config.readAll();
    config.close();
    ASSERT_TRUE(json.contains("\"colour_from_cell\": true"));
    json.replace("\"colour_from_cell\": true", "\"colour_from_cell\": false");
    ASSERT_TRUE(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
    config.write(json);
    config.close();
    expectError(cli({"caption", "--model", copy, "--image", QStringLiteral(ATTN_SOURCE_DIR "/resources/examples/caption/three-in-a-row.png")}),
                "\"colour_from_cell\" false: this design was removed");
}

TEST_F(BadInput, LlamaFiles)
{
    const QString bin = kModels + "/stories260K/stories260K.bin";
    ASSERT_TRUE(QFile::exists(bin)) << "models/stories260K is not installed (scripts/setup.sh installs it)";
    expectError(cli({"generate", "--model", kModels + "/stories260K/tok512.bin", "--prompt", "x"}),
                "not a llama2.c checkpoint");
    const QString shortCopy = truncatedCopy("stories260K", "stories260K.bin", 5000);
    expectError(cli({"generate", "--model", shortCopy + "/stories260K.bin", "--prompt", "x"}),
                "truncated or not a llama2.c checkpoint");
}

TEST_F(BadInput, Texts)
{
    expectError(cli({"attend", "--model", kModels + "/coref-en-fr", "--text", ""}), "the text is empty");
    const QString longText = QStringLiteral("the dog ").repeated(3000);
    expectError(cli({"attend", "--model", kModels + "/coref-en-fr", "--text", longText}), "reads at most 48");
    expectError(cli({"generate", "--model", kModels + "/stories260K/stories260K.bin", "--prompt", longText}),
                "the prompt is too long");
    const CliRun unknown = cli({"attend", "--model", kModels + "/coref-en-fr", "--text", "the zebra was tired ."});
    EXPECT_EQ(unknown.code, 0) << unknown.err.toStdString();
    EXPECT_TRUE(unknown.err.contains("unknown word 'zebra' shown as <unk>")) << unknown.err.toStdString();
}

TEST_F(BadInput, Images)
{
    const QString junk = write("junk.png", "nothing to see");
    expectError(cli({"caption", "--model", kModels + "/caption-shapes", "--image", junk}),
                "junk.png: not an image");
    const QString empty = write("empty.png", "");
    expectError(cli({"caption", "--model", kModels + "/caption-shapes", "--image", empty}),
                "empty.png: not an image");
}

TEST_F(BadInput, Vectors)
{
    expectError(cli({"scores", "--query", "1,0", "--keys", "1,0;0,1", "--temperature", "0"}),
                "--temperature must be above 0");
    expectError(cli({"scores", "--query", "1,nan", "--keys", "1,0"}), "value 1 is NaN");
    expectError(cli({"scores", "--query", "1,0", "--keys", "1,0;0,1,2"}), "key 1 has 3 values but --keys key 0 has 2");
}

TEST_F(BadInput, PositionsOutOfRange)
{
    expectError(cli({"scores", "--model", kModels + "/seq2seq-dot", "--text", "the dog .", "--step", "99"}),
                "--step 99: the model wrote 3 words, steps 0 to 2");
    expectError(cli({"render", "--view", "generate", "--model", kModels + "/stories260K/stories260K.bin", "--prompt",
                     "x", "--head", "8", "--out", m_dir.filePath("x.png")}),
                "--head 0..7");
    expectError(cli({"render", "--lesson", "attention-basics", "--step", "99", "--out", m_dir.filePath("x.png")}),
                "--step 99: the lesson has steps 0 to");
}

TEST_F(BadInput, Lessons)
{
    const QString notJson = write("broken.attnlesson", "{ not json");
    expectError(cli({"render", "--lesson", notJson, "--out", m_dir.filePath("x.pdf")}), "broken.attnlesson: not JSON");
    const QString unknownPanel = write(
        "panel.attnlesson",
        R"({"name": "p", "title": "t", "steps": [{"title": "a", "text": "b", "panel": "heatmap", "options": {}}]})");
    expectError(cli({"render", "--lesson", unknownPanel, "--out", m_dir.filePath("y.pdf")}),
                "panel.attnlesson: step 0: unknown panel 'heatmap'");
    expectError(cli({"render", "--lesson", "no-such-lesson", "--out", m_dir.filePath("z.pdf")}), "no-such-lesson");
}

TEST_F(BadInput, MyAttValuesLongerThanItsPositions)
{
    // The course notes' rule 1: attn = Linear(dq + dk -> positions) gives one weight per position, no more.
    expectError(cli({"scores", "--function", "myatt", "--query", "1,0", "--keys", "0.5,1", "--values", "1,0;0,1;2,2",
                     "--positions", "2"}),
                "V has 3 rows but attn gives weights for at most 2 positions");
}

TEST_F(BadInput, ClassifierTexts)
{
    const QString model = kModels + "/pooling-attention";
    expectError(cli({"classify", "--model", model, "--text", "  "}), "the text is empty");
    expectError(cli({"classify", "--model", model, "--text", "it had good zebra"}), "unknown word 'zebra'");
    expectError(cli({"classify", "--model", model, "--text", QString("it had good acting . ").repeated(60)}),
                "the text is too long: 300 tokens, this model reads at most 200");
    const QString input = write("noinput.jsonl", "{\"text\": \"it had good acting\"}\n{\"txt\": 1}\n");
    expectError(cli({"classify", "--model", model, "--input", input}), "noinput.jsonl:2: no \"text\" string");
}

TEST_F(BadInput, AttentionFiles)
{
    using namespace attn::testfiles;
    const int T = 6;
    const auto rows = softmaxRows(std::size_t(2) * T * T, T, 1);
    const QByteArray good = npyBytes({2, T, T}, rows);
    expectError(cli({"stats", "--attention", write("trunc.npy", good.left(good.size() - 40))}),
                "trunc.npy: truncated: shape 2 x 6 x 6 of float32 needs 288 bytes of data but the file holds 248");
    const QByteArray data = good.mid(npyHeader({2, T, T}, "<f4").size());
    expectError(cli({"stats", "--attention", write("f64.npy", npyHeader({2, T, T}, "<f8") + data + data)}),
                "f64.npy: dtype '<f8' is not supported");
    expectError(cli({"stats", "--attention", write("fortran.npy", npyHeader({2, T, T}, "<f4", true) + data)}),
                "fortran.npy: the array is in Fortran order");
    const auto wide = softmaxRows(std::size_t(2) * T * (T + 1), T + 1, 2);
    expectError(cli({"stats", "--attention", write("nonsq.npy", npyBytes({2, T, T + 1}, wide))}),
                "nonsq.npy: shape 2 x 6 x 7 is not square");
    write("tok.tokens.txt", "a\nb\nc\nd\ne\n");
    expectError(cli({"stats", "--attention", write("tok.npy", good)}),
                "token count mismatch: the attention has 6 positions but tokens in");
    auto bad = rows;
    bad[std::size_t(T) * T + T * 1 + 3] = std::nanf("");
    expectError(cli({"stats", "--attention", write("nan.npy", npyBytes({2, T, T}, bad))}),
                "nan.npy: layer 0, head 1, row 1: NaN at key 3");
    bad = rows;
    bad[std::size_t(T) * T + T * 4 + 1] = -0.25f;
    expectError(cli({"render", "--attention", write("neg.npy", npyBytes({2, T, T}, bad)), "--view", "matrix", "--head",
                     "1", "--out", m_dir.filePath("neg.png")}),
                "neg.npy: layer 0, head 1, row 4: negative weight -0.25 at key 1");
    bad = rows;
    for (int k = 0; k < T; ++k)
        bad[std::size_t(T) * 2 + std::size_t(k)] *= 1.2f;
    expectError(cli({"stats", "--attention", write("sum.npy", npyBytes({2, T, T}, bad))}),
                "sum.npy: layer 0, head 0, row 2: the weights sum to 1.2, not 1");
}

TEST_F(BadInput, PairTexts)
{
    const QString model = kModels + "/pair-abcnn1";
    const QString premise = QStringLiteral("the big dog sold a cheap car");
    expectError(cli({"classify", "--model", model, "--text", premise}),
                "a pair model needs two texts: the premise (--text) and the hypothesis (--text2)");
    expectError(cli({"classify", "--model", model, "--text", premise, "--text2", " ! "}), "the hypothesis is empty");
    expectError(cli({"classify", "--model", model, "--text", premise, "--text2", "the zebra sold a car"}),
                "unknown word 'zebra' in the hypothesis");
    expectError(cli({"classify", "--model", model, "--text", QStringList(41, QStringLiteral("dog")).join(' '),
                     "--text2", premise}),
                "the premise has 41 words; this model reads at most 40");
}

TEST_F(BadInput, TokenizerFolders)
{
    const QString empty = m_dir.filePath("no-tokenizer");
    QDir().mkpath(empty);
    expectError(cli({"tokenize", "--model", empty, "--text", "hi"}),
                "no tokenizer: looked for tokenizer.json, vocab.txt, vocab.json + merges.txt, tokenizer.model, "
                "spiece.model");
    const QString bpe = m_dir.filePath("bad-merges");
    QDir().mkpath(bpe);
    write("bad-merges/vocab.json", R"({"a": 0, "b": 1, "ab": 2})");
    write("bad-merges/merges.txt", "a x\n");
    expectError(cli({"tokenize", "--model", bpe, "--text", "hi"}), "merges.txt: merge 0 ('a x'): 'x' is not in the "
                                                                   "vocabulary");
    const QString spm = m_dir.filePath("truncated-spm");
    QDir().mkpath(spm);
    QFile model(QStringLiteral(ATTN_SHARED_DATA_DIR "/tokenizers/llama2c/tokenizer.model"));
    ASSERT_TRUE(model.open(QIODevice::ReadOnly)) << "missing ../shared/data/tokenizers (ATTN_SHARED_DATA_DIR)";
    write("truncated-spm/tokenizer.model", model.read(200000));
    expectError(cli({"tokenize", "--model", spm, "--text", "hi"}), "tokenizer.model: not a SentencePiece model, or "
                                                                   "truncated");
    const QString text = write("bad.txt", "caf\xc3 au lait");
    QDir().mkpath(m_dir.filePath("ok"));
    write("ok/vocab.json", R"({"a": 0, "b": 1, "ab": 2})");
    write("ok/merges.txt", "a b\n");
    expectError(cli({"tokenize", "--model", m_dir.filePath("ok"), "--text-file", text}),
                "bad.txt: the text is not valid UTF-8: byte 0xc3 at offset 3");
}

TEST_F(BadInput, GenerationFolders)
{
    const QString missing = attn::test::missingGenerateTokenizers();
    ASSERT_TRUE(missing.isEmpty()) << missing.toStdString();
    const QString gpt2 = attn::test::writeGenerateFolder(m_dir.filePath("tiny-gpt2"), "gpt2", 16);
    const QString words = QStringLiteral("one two three four five six seven eight nine ten eleven twelve thirteen "
                                         "fourteen fifteen sixteen seventeen eighteen nineteen twenty");
    expectError(cli({"generate", "--model", gpt2, "--prompt", words}),
                "generate: the prompt has 20 tokens; tiny-gpt2 reads at most 16");
    const QString bert = m_dir.filePath("bert");
    QDir().mkpath(bert);
    write("bert/config.json", R"({"model_type": "bert", "hidden_size": 8, "num_hidden_layers": 1,
        "num_attention_heads": 2, "intermediate_size": 16, "max_position_embeddings": 16, "vocab_size": 10})");
    expectError(cli({"generate", "--model", bert, "--prompt", "hi"}),
                "generation needs a decoder (gpt2, llama, mistral, qwen2); " + bert + " is a bert model");
}

TEST_F(BadInput, HuggingFaceTextFolders)
{
    auto folder = [&](const QString& name, const attn::tinybert::Spec& spec = {}) {
        const QString dir = m_dir.filePath(name);
        EXPECT_TRUE(attn::tinybert::write(dir, spec));
        return dir;
    };
    const QString unknown = folder("hf-t5");
    write("hf-t5/config.json", R"({"model_type": "t5", "d_model": 8})");
    expectError(cli({"attend", "--model", unknown, "--text", "the cat"}),
                "model_type 't5' is not supported (supported: bert, roberta, distilbert, gpt2, llama, mistral, qwen2, "
                "vit)");
    attn::tinybert::Spec noTokenizer;
    noTokenizer.tokenizer = false;
    const QString bare = folder("hf-bare", noTokenizer);
    expectError(cli({"attend", "--model", bare, "--text", "the cat"}),
                bare + ": no tokenizer: looked for tokenizer.json, vocab.txt, vocab.json + merges.txt, "
                       "tokenizer.model, spiece.model");
    const QString ok = folder("hf-ok");
    expectError(cli({"attend", "--model", ok, "--text", QStringList(30, QStringLiteral("cat")).join(' ')}),
                "the text has 32 tokens; hf-ok reads at most 24 (max_position_embeddings)");
    expectError(cli({"attend", "--model", ok, "--ids", "2,99"}),
                "token id 99 is outside hf-ok's vocabulary (ids 0 to 23)");
    attn::tinybert::Spec missing;
    missing.dropTensor = "encoder.layer.1.attention.self.key.weight";
    expectError(cli({"attend", "--model", folder("hf-missing", missing), "--text", "the cat"}),
                "encoder.layer.1.attention.self.key.weight");
    attn::tinybert::Spec reshaped;
    reshaped.reshapeTensor = "encoder.layer.0.attention.self.key.bias";
    reshaped.reshapeTo = {4, 4};
    expectError(cli({"attend", "--model", folder("hf-shape", reshaped), "--text", "the cat"}),
                "model.safetensors: tensor 'bert.encoder.layer.0.attention.self.key.bias' has shape (4, 4), expected "
                "(16)");
    const QString truncated = folder("hf-truncated");
    QFile weights(truncated + "/model.safetensors");
    ASSERT_TRUE(weights.resize(weights.size() - 100));
    expectError(cli({"attend", "--model", truncated, "--text", "the cat"}), "model.safetensors: tensor '");
    attn::tinybert::Spec sharded;
    sharded.shards = 2;
    const QString shards = folder("hf-shards", sharded);
    ASSERT_TRUE(QFile::remove(shards + "/model-00002-of-00002.safetensors"));
    expectError(cli({"attend", "--model", shards, "--text", "the cat"}), "model-00002-of-00002.safetensors");
}

namespace {

// A shipped model folder's copy whose model.safetensors header and data edit() changes (header: the JSON object).
QString editedWeights(const QString& to, const QString& model,
                      const std::function<void(QJsonObject& header, QByteArray& data)>& edit)
{
    QDir().mkpath(to);
    for (const QString& name : QDir(kModels + "/" + model).entryList(QDir::Files)) {
        QFile::copy(kModels + "/" + model + "/" + name, to + "/" + name);
    }
    QFile f(to + "/model.safetensors");
    EXPECT_TRUE(f.open(QIODevice::ReadWrite));
    const QByteArray bytes = f.readAll();
    quint64 length = 0;
    for (int i = 7; i >= 0; --i) {
        length = (length << 8) | quint8(bytes[i]);
    }
    QJsonObject header = QJsonDocument::fromJson(bytes.mid(8, qsizetype(length))).object();
    QByteArray data = bytes.mid(8 + qsizetype(length));
    edit(header, data);
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8 != 0) {
        json.append(' ');
    }
    QByteArray out(8, '\0');
    for (int i = 0; i < 8; ++i) {
        out[i] = char((quint64(json.size()) >> (8 * i)) & 0xff);
    }
    f.resize(0);
    f.seek(0);
    f.write(out + json + data);
    return to;
}

qint64 firstByte(const QJsonObject& header, const QString& tensor)
{
    return qint64(header.value(tensor).toObject().value("data_offsets").toArray().at(0).toDouble());
}

} // namespace

TEST_F(BadInput, WeightsNanDtypeUnexpected)
{
    const QString nan = editedWeights(m_dir.filePath("w-nan"), "coref-en-fr", [](QJsonObject& h, QByteArray& data) {
        const float bad = std::numeric_limits<float>::quiet_NaN();
        std::memcpy(data.data() + firstByte(h, "src_embed.weight") + 3 * 4, &bad, 4);
    });
    expectError(cli({"attend", "--model", nan, "--text", "the dog ."}),
                "model.safetensors: tensor 'src_embed.weight' holds NaN at element 3");
    const QString dtype = editedWeights(m_dir.filePath("w-dtype"), "coref-en-fr", [](QJsonObject& h, QByteArray&) {
        QJsonObject t = h.value("src_embed.weight").toObject();
        t.insert("dtype", "I32");
        h.insert("src_embed.weight", t);
    });
    expectError(cli({"attend", "--model", dtype, "--text", "the dog ."}),
                "model.safetensors: tensor 'src_embed.weight' is I32, not a float type (F32, F16, BF16)");
    const QString extra = editedWeights(m_dir.filePath("w-extra"), "coref-en-fr", [](QJsonObject& h, QByteArray& data) {
        h.insert("extra.weight", QJsonObject{{"dtype", "F32"},
                                             {"shape", QJsonArray{1}},
                                             {"data_offsets", QJsonArray{qint64(data.size()), qint64(data.size()) + 4}}});
        data.append(QByteArray(4, '\0'));
    });
    expectError(cli({"attend", "--model", extra, "--text", "the dog ."}),
                "model.safetensors: 1 unexpected tensor: extra.weight");
}

TEST_F(BadInput, VitFoldersAndImages)
{
    // A ViT folder (attend --image, render --view vit, the Image tab): not an image, position embeddings for another
    // image size, a preprocessor_config.json for another size.
    ASSERT_TRUE(attn::tinyvit::write(m_dir.filePath("vit")));
    QImage picture(20, 20, QImage::Format_RGB32);
    picture.fill(Qt::darkCyan);
    const QString png = m_dir.filePath("picture.png");
    ASSERT_TRUE(picture.save(png));
    const QString junk = write("junk.png", "nothing to see");
    expectError(cli({"attend", "--model", m_dir.filePath("vit"), "--image", junk}),
                "junk.png: not an image in a format this program reads");
    attn::tinyvit::Spec wrong;
    wrong.positionTokens = 10;
    ASSERT_TRUE(attn::tinyvit::write(m_dir.filePath("vit-pos"), wrong));
    expectError(cli({"attend", "--model", m_dir.filePath("vit-pos"), "--image", png}),
                "tensor 'embeddings.position_embeddings' has shape (1, 10, 16), expected (1, 17, 16)");
    write("vit/preprocessor_config.json", R"({"size": {"height": 224, "width": 224}})");
    expectError(cli({"attend", "--model", m_dir.filePath("vit"), "--image", png}),
                "preprocessor_config.json: gives 224 x 224 images, but the model (image_size) reads 16 x 16");
}

TEST_F(BadInput, RopeScalingTypes)
{
    // A Llama-family folder whose rope_scaling the kit does not compute (llama3 and linear it does).
    ASSERT_TRUE(attn::tinybert::write(m_dir.filePath("hf-yarn")));
    write("hf-yarn/config.json", R"({"model_type": "llama", "hidden_size": 8, "num_hidden_layers": 1,
        "num_attention_heads": 2, "intermediate_size": 16, "max_position_embeddings": 32, "vocab_size": 24,
        "rope_scaling": {"rope_type": "yarn", "factor": 4.0, "original_max_position_embeddings": 8}})");
    expectError(cli({"attend", "--model", m_dir.filePath("hf-yarn"), "--ids", "1,2"}),
                "config.json: 'rope_scaling' type 'yarn' is not supported (supported: linear, llama3)");
}
