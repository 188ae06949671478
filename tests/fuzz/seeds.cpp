// fuzz-seeds ROOT OUT: writes each harness's seed corpus into OUT/<harness>/ from the shipped files under ROOT
// (models/, resources/, ../shared/data), shrunk where the originals are megabytes: a fuzzer mutates small inputs
// many times faster, and what it needs from a seed is the structure (names, dtypes, header fields), not the bulk.
#include "core/attentionjson.h"
#include "core/syntheticattention.h"
#include "engine/safetensors.h"

#include "core/attentionfilewriter.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstring>

namespace {

QString g_out;

void write(const QString& harness, const QString& name, const QByteArray& bytes)
{
    QDir().mkpath(g_out + "/" + harness);
    QFile f(g_out + "/" + harness + "/" + name);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "fuzz-seeds: cannot write %s\n", qPrintable(f.fileName()));
        std::exit(1);
    }
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "fuzz-seeds: cannot read %s (a shipped file is missing)\n", qPrintable(path));
        std::exit(1);
    }
    return f.readAll();
}

void appendInt32(QByteArray& b, std::int32_t v)
{
    for (int i = 0; i < 4; ++i) {
        b.append(char((std::uint32_t(v) >> (8 * i)) & 0xff));
    }
}

void appendFloat(QByteArray& b, float f)
{
    std::uint32_t u;
    std::memcpy(&u, &f, 4);
    appendInt32(b, std::int32_t(u));
}

// The safetensors layout by hand, for dtypes the writer does not produce.
QByteArray safetensors(const QJsonObject& header, const QByteArray& data)
{
    const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    QByteArray out;
    const std::uint64_t n = std::uint64_t(json.size());
    for (int i = 0; i < 8; ++i) {
        out.append(char((n >> (8 * i)) & 0xff));
    }
    return out + json + data;
}

void safetensorsSeeds(const QString& root)
{
    QDirIterator it(root + "/models", {"model.safetensors"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const auto file = attn::SafeTensorsFile::read(path.toStdString());
        // Every tensor of the shipped model, names and metadata kept, each cut to at most 2 entries a dimension.
        attn::SafeTensorsWriter small;
        for (const auto& [k, v] : file.metadata()) {
            small.setMetadata(k, v);
        }
        for (const auto& name : file.names()) {
            std::vector<std::int64_t> shape = file.info(name).shape;
            std::int64_t n = 1;
            for (auto& d : shape) {
                d = std::min<std::int64_t>(d, 2);
                n *= d;
            }
            const std::vector<float> values = file.floats(name);
            small.addFloats(name, shape, std::vector<float>(values.begin(), values.begin() + n));
        }
        const auto bytes = small.serialise();
        write("safetensors", QFileInfo(path).dir().dirName() + ".safetensors",
              QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())));
    }
    // One tensor of each dtype the reader knows, and an empty one.
    const char* dtypes[] = {"F32", "F64", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL"};
    const int sizes[] = {4, 8, 2, 2, 8, 4, 2, 1, 1, 1};
    QJsonObject header{{"__metadata__", QJsonObject{{"format", "pt"}}}};
    QByteArray data;
    for (int i = 0; i < 10; ++i) {
        const int begin = int(data.size());
        for (int j = 0; j < 2 * 3 * sizes[i]; ++j) {
            data.append(char(0x3c + j));
        }
        header.insert(QString("t_%1").arg(dtypes[i]),
                      QJsonObject{{"dtype", dtypes[i]}, {"shape", QJsonArray{2, 3}},
                                  {"data_offsets", QJsonArray{begin, int(data.size())}}});
    }
    header.insert("empty", QJsonObject{{"dtype", "F32"}, {"shape", QJsonArray{0, 4}},
                                       {"data_offsets", QJsonArray{int(data.size()), int(data.size())}}});
    write("safetensors", "dtypes.safetensors", safetensors(header, data));
}

void configSeeds(const QString& root)
{
    QDirIterator it(root + "/models", {"config.json"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        for (const char* harness : {"transformerconfig", "captionconfig"}) {
            write(harness, QFileInfo(path).dir().dirName() + ".json", readAll(path));
        }
    }
}

void seq2seqSeeds(const QString& root)
{
    QDirIterator it(root + "/models", {"config.json", "card.md"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFileInfo(path).dir().dirName().startsWith("seq2seq-")) {
            write("seq2seqmetrics", QFileInfo(path).dir().dirName() + "-" + QFileInfo(path).fileName(), readAll(path));
        }
    }
}

void vocabularySeeds(const QString& root, const QString& shared)
{
    QDirIterator it(root + "/models", {"*.vocab"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        write("vocabulary", QFileInfo(path).dir().dirName() + "-" + QFileInfo(path).fileName(), readAll(path));
    }
    for (const char* name : {"bert-base-uncased", "bert-base-chinese"}) {
        // A word-piece vocabulary: other specials, the same one-token-a-line layout. Its first 300 lines.
        const QList<QByteArray> lines = readAll(shared + "/tokenizers/" + name + "/vocab.txt").split('\n');
        write("vocabulary", QString(name) + ".txt", lines.mid(0, 300).join('\n'));
    }
    write("vocabulary", "crlf.vocab", "<pad>\r\n<unk>\r\n<bos>\r\n<eos>\r\nl'\r\nanimal\r\n.\r\n");
}

void llama2Seeds(const QString& shared)
{
    const QByteArray stories = readAll(shared + "/tinystories/stories260K.bin");
    write("llama2checkpoint", "stories260K-header", stories.left(28));
    // The shipped model's layout at a tiny size: dim 8, hidden 12, 2 layers, 2 heads, 1 kv head, vocab 5,
    // seq_len 4, shared (vocab > 0) and separate (vocab < 0) classifier. Weights from the shipped file.
    for (const int vocab : {5, -5}) {
        const int dim = 8, hidden = 12, layers = 2, heads = 2, kvHeads = 1, seqLen = 4;
        const int kvDim = dim / heads * kvHeads, v = std::abs(vocab);
        QByteArray b;
        for (int field : {dim, hidden, layers, heads, kvHeads, vocab, seqLen}) {
            appendInt32(b, field);
        }
        long floats = long(v) * dim + layers * (2L * dim + 2L * dim * dim + 2L * kvDim * dim + 3L * hidden * dim) +
                      dim + 2L * seqLen * (dim / heads / 2) + (vocab < 0 ? long(v) * dim : 0);
        for (long i = 0; i < floats; ++i) {
            float f;
            std::memcpy(&f, stories.constData() + 28 + 4 * (i % 1000), 4);
            appendFloat(b, f);
        }
        write("llama2checkpoint", vocab > 0 ? "tiny-shared.bin" : "tiny-separate.bin", b);
    }
    const QByteArray tok = readAll(shared + "/tinystories/tok512.bin");
    write("llama2tokenizer", "tok512.bin", tok);
    // Its first 300 pieces: the specials, the 256 byte tokens and the first merges.
    int offset = 4;
    for (int i = 0; i < 300; ++i) {
        std::int32_t len;
        std::memcpy(&len, tok.constData() + offset + 4, 4);
        offset += 8 + len;
    }
    write("llama2tokenizer", "tok300.bin", tok.left(offset));
    int n = 0;
    for (const char* text :
         {"Once upon a time, there was a little girl named Lily.", "She said, \"Let's play!\"\n\nThe end.",
          "caf\xc3\xa9 na\xc3\xafve \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80", "   two  spaces\tand a tab", "<0x0A>"}) {
        write("llama2encode", QString("text%1.txt").arg(n++), text);
    }
}

void attentionSeeds()
{
    int n = 0;
    for (const bool decoder : {false, true}) {
        attn::AttentionSet set = attn::syntheticAttentionSet(2, 2, 3, 7, decoder);
        set.modelName = "seed";
        set.notices << "a notice";
        write("attentionjson", QString("synthetic%1.json").arg(n++), QJsonDocument(attn::attentionSetToJson(set)).toJson());
    }
    write("attentionjson", "image.json",
          R"({"model":"caption","source_tokens":[],"target_tokens":["a","red"],"grid":{"image":[2,2]},)"
          R"("attention":{"image":[[[[0.25,0.25,0.25,0.25],[1,0,0,0]]]]}})");
    for (const char* text : {"1,0.5,-2", "1, 2; 3, 4; -5e-3, 6", "0", "1e308,-1e308", " 0x10 , .5 ,"}) {
        write("vectorparse", QString("vector%1.txt").arg(n++), text);
    }
}

void lessonSeeds(const QString& root)
{
    QDirIterator it(root + "/resources/lessons", {"*.attnlesson"}, QDir::Files);
    while (it.hasNext()) {
        const QString path = it.next();
        write("lesson", QFileInfo(path).fileName(), readAll(path));
    }
    write("lesson", "formula.txt", R"(Attention(Q, K, V) = softmax(\frac{Q K^T}{\sqrt{d}}) V)");
    write("lesson", "limits.txt", R"(\sum_{i=1}^{n} \alpha_i \mathbf{v}_i \text{权重} \langle q, k \rangle)");
}

void imageSeeds(const QString& root)
{
    QDirIterator it(root + "/resources/examples", {"*.png"}, QDir::Files, QDirIterator::Subdirectories);
    int n = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        const QImage image(path);
        if (image.isNull()) {
            std::fprintf(stderr, "fuzz-seeds: cannot read %s\n", qPrintable(path));
            std::exit(1);
        }
        write("imageloader", QFileInfo(path).fileName(), readAll(path));
        // Small copies in every format Qt writes here, plus the conversions the loader handles specially.
        const QImage small = image.scaled(12 + 4 * n, 9 + 2 * n);
        for (const char* format : {"jpg", "bmp", "ppm", "pgm", "pbm", "xbm", "xpm", "ico", "png"}) {
            QByteArray bytes;
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            if (small.save(&buffer, format)) {
                write("imageloader", QString("%1-%2.%3").arg(QFileInfo(path).baseName()).arg(n).arg(format), bytes);
            }
        }
        if (n == 0) {
            for (const auto f : {QImage::Format_ARGB32, QImage::Format_Grayscale16, QImage::Format_RGBA64,
                                 QImage::Format_Indexed8, QImage::Format_Mono}) {
                QByteArray bytes;
                QBuffer buffer(&bytes);
                buffer.open(QIODevice::WriteOnly);
                small.convertToFormat(f).save(&buffer, "png");
                write("imageloader", QString("format%1.png").arg(int(f)), bytes);
            }
        }
        ++n;
    }
    write("imageloader", "attnscope.svg", readAll(root + "/resources/icons/attnscope.svg"));
}


// Hugging Face tokenizer files (../shared/data/tokenizers), shrunk: a few hundred tokens keep the layout.
void tokenizerSeeds(const QString& shared)
{
    const QString d = shared + "/tokenizers";
    const QList<QByteArray> bertLines = readAll(d + "/bert-base-uncased/vocab.txt").split('\n');
    write("wordpiecevocab", "bert-base-uncased.txt", bertLines.mid(0, 1100).join('\n') + "\n");
    write("wordpiecevocab", "bert-base-chinese.txt",
          readAll(d + "/bert-base-chinese/vocab.txt").split('\n').mid(0, 800).join('\n'));
    write("wordpiecevocab", "crlf.txt", "[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\nhello\r\n##s\r\n,\r\n");

    // tokenizer.json: bert-base-uncased's with its vocabulary cut to the first 1100 tokens.
    QJsonObject bert = QJsonDocument::fromJson(readAll(d + "/bert-base-uncased/tokenizer.json")).object();
    QJsonObject model = bert["model"].toObject();
    QJsonObject vocab;
    for (int i = 0; i < 1100; ++i) {
        vocab.insert(QString::fromUtf8(bertLines[i]), i);
    }
    model["vocab"] = vocab;
    bert["model"] = model;
    write("tokenizerjson", "bert-base-uncased.json", QJsonDocument(bert).toJson(QJsonDocument::Compact));

    // A byte-level BPE from GPT-2's first 300 merges: the 256 byte characters, then each merge's result.
    QList<QByteArray> merges = readAll(d + "/gpt2/merges.txt").split('\n').mid(0, 301);
    const QJsonObject gpt2Vocab = QJsonDocument::fromJson(readAll(d + "/gpt2/vocab.json")).object();
    QJsonObject small;
    for (auto it = gpt2Vocab.begin(); it != gpt2Vocab.end(); ++it) {
        if (it.value().toInt() < 256 + 300 || it.key() == QLatin1String("<|endoftext|>")) {
            small.insert(it.key(), it.value());
        }
    }
    const QByteArray smallVocab = QJsonDocument(small).toJson(QJsonDocument::Compact);
    write("bpefiles", "gpt2-300", smallVocab + QByteArray(1, '\0') + merges.join('\n') + "\n");
    write("bpefiles", "tiny", QByteArray(R"({"a": 0, "b": 1, "ab": 2, "\u0120": 3})") + QByteArray(1, '\0') + "a b\n");
    QJsonArray mergeList;
    for (int i = 1; i < merges.size(); ++i) {
        if (!merges[i].isEmpty()) {
            mergeList.append(QString::fromUtf8(merges[i]));
        }
    }
    const QJsonObject addedEot{{"id", 50256}, {"content", "<|endoftext|>"}, {"special", true}, {"normalized", false}};
    const QJsonObject qwen{
        {"added_tokens", QJsonArray{addedEot}},
        {"normalizer", QJsonObject{{"type", "NFC"}}},
        {"pre_tokenizer",
         QJsonObject{{"type", "Sequence"},
                     {"pretokenizers",
                      QJsonArray{QJsonObject{{"type", "Split"},
                                             {"pattern", QJsonObject{{"Regex", "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}"
                                                                               "\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+"
                                                                               "[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}}},
                                             {"behavior", "Isolated"},
                                             {"invert", false}},
                                 QJsonObject{{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", false}}}}}},
        {"post_processor",
         QJsonObject{{"type", "TemplateProcessing"},
                     {"single", QJsonArray{QJsonObject{{"SpecialToken", QJsonObject{{"id", "<|endoftext|>"}, {"type_id", 0}}}},
                                           QJsonObject{{"Sequence", QJsonObject{{"id", "A"}, {"type_id", 0}}}}}},
                     {"pair", QJsonArray{QJsonObject{{"Sequence", QJsonObject{{"id", "A"}, {"type_id", 0}}}},
                                         QJsonObject{{"Sequence", QJsonObject{{"id", "B"}, {"type_id", 1}}}}}},
                     {"special_tokens", QJsonObject{{"<|endoftext|>", QJsonObject{{"id", "<|endoftext|>"},
                                                                                  {"ids", QJsonArray{50256}},
                                                                                  {"tokens", QJsonArray{"<|endoftext|>"}}}}}}}},
        {"model", QJsonObject{{"type", "BPE"}, {"vocab", small}, {"merges", mergeList}}}};
    write("tokenizerjson", "qwen2-style.json", QJsonDocument(qwen).toJson(QJsonDocument::Compact));
    // A Llama-style one: Metaspace, byte fallback, a BertProcessing and a Replace normaliser.
    QJsonObject llamaVocab{{"<unk>", 0}, {"<s>", 1}, {"</s>", 2}, {"\u2581", 3}, {"h", 4}, {"i", 5}, {"hi", 6},
                           {"\u2581hi", 7}};
    for (int b = 0; b < 256; ++b) {
        llamaVocab.insert(QString("<0x%1>").arg(QString::number(b, 16).toUpper().rightJustified(2, '0')), 8 + b);
    }
    const QJsonObject llama{
        {"normalizer", QJsonObject{{"type", "Sequence"},
                                   {"normalizers", QJsonArray{QJsonObject{{"type", "Prepend"}, {"prepend", "\u2581"}},
                                                              QJsonObject{{"type", "Replace"},
                                                                          {"pattern", QJsonObject{{"String", " "}}},
                                                                          {"content", "\u2581"}}}}}},
        {"pre_tokenizer", QJsonObject{{"type", "Metaspace"}, {"replacement", "\u2581"}, {"prepend_scheme", "first"},
                                      {"split", false}}},
        {"post_processor", QJsonObject{{"type", "BertProcessing"}, {"cls", QJsonArray{"<s>", 1}}, {"sep", QJsonArray{"</s>", 2}}}},
        {"model", QJsonObject{{"type", "BPE"}, {"vocab", llamaVocab}, {"byte_fallback", true}, {"fuse_unk", true},
                              {"unk_token", "<unk>"}, {"merges", QJsonArray{"h i", "\u2581 hi"}}}}};
    write("tokenizerjson", "llama-style.json", QJsonDocument(llama).toJson(QJsonDocument::Compact));

    const QJsonArray sentences = QJsonDocument::fromJson(readAll(d + "/expected.json")).object()["sentences"].toArray();
    for (int i = 0; i < sentences.size(); ++i) {
        write("tokenizerencode", QString("sentence%1.txt").arg(i), sentences[i].toString().toUtf8());
        write("splitpatterns", QString("bytes%1").arg(i), sentences[i].toString().toUtf8().left(64));
    }
    write("tokenizerencode", "invalid.txt", "ab \xc3\x28 \xed\xa0\x80 \xff");

    // tokenizer.model: Llama 2's ModelProto with its first 400 pieces (field 1) and every other field as it is.
    const QByteArray spModel = readAll(d + "/llama2c/tokenizer.model");
    QByteArray shrunk;
    int pieces = 0;
    for (qsizetype at = 0; at < spModel.size();) {
        auto varint = [&](qsizetype& p) {
            quint64 v = 0;
            for (int shift = 0; p < spModel.size(); shift += 7) {
                const auto b = static_cast<unsigned char>(spModel[p++]);
                v |= quint64(b & 0x7f) << shift;
                if (!(b & 0x80)) {
                    break;
                }
            }
            return v;
        };
        const qsizetype start = at;
        const quint64 tag = varint(at);
        if ((tag & 7) != 2) { // the top level holds only messages
            break;
        }
        const qsizetype length = qsizetype(varint(at));
        at += length;
        if ((tag >> 3) != 1 || pieces++ < 400) {
            shrunk += spModel.mid(start, at - start);
        }
    }
    write("sentencepiece", "llama2-400-pieces.model", shrunk);
}

// Attention files (npy, npz, attention safetensors): the numpy-written fixtures, plus small files of every shape,
// dtype and token layout the loaders accept.
void attentionFileSeeds(const QString& root)
{
    using namespace attn::testfiles;
    const QString fixtures = root + "/tests/fixtures/attention";
    for (const QString& name : QDir(fixtures).entryList({"*.npy"}, QDir::Files))
        write("npy", name, readAll(fixtures + "/" + name));
    for (const QString& name : QDir(fixtures).entryList({"*.npz"}, QDir::Files))
        write("npz", name, readAll(fixtures + "/" + name));
    const auto head = softmaxRows(9, 3, 1);
    const auto heads = softmaxRows(2 * 2 * 9, 3, 2);
    write("npy", "head32.npy", npyBytes({3, 3}, head));
    write("npy", "layers16.npy", npyBytes({2, 2, 3, 3}, heads, true));
    const QByteArray tokens = npyStrings({"a", "b", "c"});
    const auto cross = softmaxRows(2 * 2, 3, 3);
    const std::vector<std::pair<QString, QByteArray>> members{
        {"encoder_self", npyBytes({2, 2, 3, 3}, heads)}, {"cross", npyBytes({2, 3}, cross, true)},
        {"source_tokens", tokens}, {"target_tokens", npyStrings({"x", "y"})}};
    write("npz", "small.npz", npzBytes(members));
    write("npz", "small_deflated.npz", npzBytes(members, true));
    write("attentionsafetensors", "seq2seq.safetensors",
          safetensorsBytes({{"encoder_self", "F32", {2, 2, 3, 3}, heads}, {"cross", "F16", {2, 3}, cross}},
                           QJsonObject{{"source_tokens", tokensJson({"a", "b", "c"})},
                                       {"target_tokens", tokensJson({"x", "y"})}}));
    write("attentionsafetensors", "head.safetensors",
          safetensorsBytes({{"attention", "F16", {3, 3}, head}}, QJsonObject{{"tokens", tokensJson({"a", "b", "c"})}}));
}


// Hugging Face folders (issue 16): config.json of each family as the Hub writes them (real models' sizes, the keys
// each family spells its own way), and small weights files: F32/F16/BF16, a class prefix, old gamma/beta names, and
// a sharded pair with its index.
void hfSeeds()
{
    const QJsonObject configs[] = {
        {{"model_type", "bert"}, {"hidden_size", 768}, {"num_hidden_layers", 12}, {"num_attention_heads", 12},
         {"intermediate_size", 3072}, {"max_position_embeddings", 512}, {"vocab_size", 30522},
         {"type_vocab_size", 2}, {"layer_norm_eps", 1e-12}, {"hidden_act", "gelu"}, {"pad_token_id", 0}},
        {{"model_type", "roberta"}, {"hidden_size", 768}, {"num_hidden_layers", 12}, {"num_attention_heads", 12},
         {"intermediate_size", 3072}, {"max_position_embeddings", 514}, {"vocab_size", 50265},
         {"type_vocab_size", 1}, {"layer_norm_eps", 1e-5}, {"pad_token_id", 1}, {"bos_token_id", 0},
         {"eos_token_id", 2}},
        {{"model_type", "distilbert"}, {"dim", 768}, {"n_layers", 6}, {"n_heads", 12}, {"hidden_dim", 3072},
         {"max_position_embeddings", 512}, {"vocab_size", 30522}, {"activation", "gelu"}},
        {{"model_type", "gpt2"}, {"n_embd", 768}, {"n_layer", 12}, {"n_head", 12}, {"n_positions", 1024},
         {"n_inner", QJsonValue()}, {"vocab_size", 50257}, {"layer_norm_epsilon", 1e-5},
         {"activation_function", "gelu_new"}, {"bos_token_id", 50256}, {"eos_token_id", 50256}},
        {{"model_type", "llama"}, {"hidden_size", 2048}, {"num_hidden_layers", 22}, {"num_attention_heads", 32},
         {"num_key_value_heads", 4}, {"intermediate_size", 5632}, {"max_position_embeddings", 2048},
         {"vocab_size", 32000}, {"rms_norm_eps", 1e-5}, {"rope_theta", 10000.0}, {"hidden_act", "silu"},
         {"attention_bias", false}, {"rope_scaling", QJsonValue()}, {"eos_token_id", 2}},
        {{"model_type", "mistral"}, {"hidden_size", 4096}, {"num_hidden_layers", 32}, {"num_attention_heads", 32},
         {"num_key_value_heads", 8}, {"intermediate_size", 14336}, {"max_position_embeddings", 32768},
         {"vocab_size", 32000}, {"rms_norm_eps", 1e-5}, {"rope_theta", 10000.0}, {"sliding_window", 4096}},
        {{"model_type", "qwen2"}, {"hidden_size", 896}, {"num_hidden_layers", 24}, {"num_attention_heads", 14},
         {"num_key_value_heads", 2}, {"intermediate_size", 4864}, {"max_position_embeddings", 32768},
         {"vocab_size", 151936}, {"rms_norm_eps", 1e-6}, {"rope_theta", 1000000.0}, {"use_sliding_window", false},
         {"sliding_window", 32768}, {"tie_word_embeddings", true}, {"eos_token_id", QJsonArray{151643, 151645}}},
        {{"model_type", "vit"}, {"hidden_size", 768}, {"num_hidden_layers", 12}, {"num_attention_heads", 12},
         {"intermediate_size", 3072}, {"image_size", 224}, {"patch_size", 16}, {"num_channels", 3},
         {"qkv_bias", true}, {"layer_norm_eps", 1e-12}, {"hidden_act", "gelu"}},
    };
    for (const QJsonObject& c : configs) {
        write("hfconfig", c.value("model_type").toString() + ".json", QJsonDocument(c).toJson());
    }
    // ViT preprocessor_config.json (the fuzzed model reads 8 x 8): ViTImageProcessor's and DeiT's layouts.
    write("vitpreprocess", "vit.json",
          R"({"do_resize": true, "size": {"height": 8, "width": 8}, "resample": 2, "do_rescale": true,
              "rescale_factor": 0.00392156862745098, "do_normalize": true, "image_mean": [0.5, 0.5, 0.5],
              "image_std": [0.5, 0.5, 0.5], "image_processor_type": "ViTImageProcessor"})");
    write("vitpreprocess", "deit.json",
          R"({"do_resize": true, "size": {"shortest_edge": 9}, "resample": 3, "do_center_crop": true,
              "crop_size": {"height": 8, "width": 8}, "image_mean": [0.485, 0.456, 0.406],
              "image_std": [0.229, 0.224, 0.225]})");

    const std::vector<float> w{1, -2, 3, -4, 5, -6};
    for (attn::DType dtype : {attn::DType::F32, attn::DType::F16, attn::DType::BF16}) {
        attn::SafeTensorsWriter single;
        single.setMetadata("format", "pt");
        single.addFloats("bert.encoder.layer.0.attention.self.query.weight", {2, 3}, w, dtype);
        single.addFloats("bert.embeddings.LayerNorm.gamma", {3}, {1, 1, 1}, dtype);
        single.addFloats("bert.embeddings.LayerNorm.beta", {3}, {0, 0, 0}, dtype);
        single.addFloats("cls.predictions.bias", {1, 1, 2}, {0, 1}, dtype);
        const auto bytes = single.serialise();
        write("hfcheckpoint", QString::fromStdString(attn::dtypeName(dtype)) + ".safetensors",
              QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())));
    }
    attn::SafeTensorsWriter first, second;
    first.addFloats("model.layers.0.self_attn.q_proj.weight", {2, 3}, w);
    second.addFloats("model.norm.weight", {3}, {1, 2, 3}, attn::DType::BF16);
    const QJsonObject index{{"metadata", QJsonObject{{"total_size", 30}}},
                            {"weight_map", QJsonObject{{"model.layers.0.self_attn.q_proj.weight",
                                                        "model-00001-of-00002.safetensors"},
                                                       {"model.norm.weight", "model-00002-of-00002.safetensors"}}}};
    const auto a = first.serialise();
    const auto b = second.serialise();
    write("hfcheckpoint", "sharded.bin",
          QJsonDocument(index).toJson(QJsonDocument::Compact) + "@@SHARD@@" +
              QByteArray(reinterpret_cast<const char*>(a.data()), qsizetype(a.size())) + "@@SHARD@@" +
              QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size())));
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: fuzz-seeds ROOT OUT\n");
        return 2;
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QString root = QString::fromLocal8Bit(argv[1]);
    g_out = QString::fromLocal8Bit(argv[2]);
    const QString shared = QDir(root + "/../shared/data").absolutePath();
    safetensorsSeeds(root);
    configSeeds(root);
    seq2seqSeeds(root);
    vocabularySeeds(root, shared);
    llama2Seeds(shared);
    tokenizerSeeds(shared);
    attentionSeeds();
    attentionFileSeeds(root);
    lessonSeeds(root);
    imageSeeds(root);
    hfSeeds();
    return 0;
}
