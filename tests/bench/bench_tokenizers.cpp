// Encoding speed of the Hugging Face tokenizers (issue 16) on about 4 KB of mixed text (the sentences of
// ../shared/data/tokenizers/expected.json, repeated): bytes per second for each tokenizer. The baseline in the same
// run is the llama2.c tokenizer the app already had (engine/llama2, a port of llama2.c's C encoder) on the same text
// with its 512-piece vocabulary (BM_Llama2cTokenizerBaseline). libsentencepiece itself cannot be the baseline: it
// carries its own protobuf, which crashes a process that also loads LibTorch (as every benchmark does).
#include "engine/llama2/llama2tokenizer.h"
#include "engine/tokenizers/tokenizerloader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <map>
#include <memory>

namespace {

const QString kData = QStringLiteral(ATTN_SHARED_DATA_DIR "/tokenizers");

QString sampleText()
{
    QFile f(kData + "/expected.json");
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    QStringList sentences;
    for (const auto& s : QJsonDocument::fromJson(f.readAll()).object()["sentences"].toArray()) {
        sentences << s.toString();
    }
    QString text;
    while (text.toUtf8().size() < 4096) {
        text += sentences.join(QLatin1Char(' ')) + QLatin1Char('\n');
    }
    return text;
}

// The shared files laid out as model folders once per process (links, not copies).
QString folder(const QString& name)
{
    static QTemporaryDir dir;
    static std::map<QString, QString> made;
    if (made.count(name)) {
        return made[name];
    }
    const QString path = dir.path() + "/" + name;
    QDir().mkpath(path);
    auto link = [&](const QString& from, const QString& to) { QFile::link(kData + "/" + from, path + "/" + to); };
    auto config = [&](const char* json) {
        QFile c(path + "/config.json");
        c.open(QIODevice::WriteOnly);
        c.write(json);
    };
    if (name == "bert-tokenizer-json") {
        link("bert-base-uncased/tokenizer.json", "tokenizer.json");
    } else if (name == "bert-chinese-vocab") {
        link("bert-base-chinese/vocab.txt", "vocab.txt");
    } else if (name == "gpt2" || name == "qwen2") {
        link("gpt2/vocab.json", "vocab.json");
        link("gpt2/merges.txt", "merges.txt");
        config(name == "gpt2" ? R"({"model_type": "gpt2"})" : R"({"model_type": "qwen2"})");
    } else if (name == "llama") {
        link("llama2c/tokenizer.model", "tokenizer.model");
        config(R"({"model_type": "llama"})");
    }
    made[name] = path;
    return path;
}

void encode(benchmark::State& state, const char* name)
{
    const QString text = sampleText();
    if (text.isEmpty()) {
        state.SkipWithError("../shared/data/tokenizers/expected.json not found");
        return;
    }
    std::unique_ptr<attn::tok::Tokenizer> t;
    try {
        t = std::make_unique<attn::tok::Tokenizer>(attn::tok::loadTokenizer(folder(name)));
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
        return;
    }
    std::size_t tokens = 0;
    for (auto _ : state) {
        const attn::tok::Encoding e = t->encode(text);
        tokens = e.ids.size();
        benchmark::DoNotOptimize(e.ids.data());
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * text.toUtf8().size());
    state.counters["tokens"] = double(tokens);
}

void BM_WordPieceBertUncased(benchmark::State& state)
{
    encode(state, "bert-tokenizer-json");
}
BENCHMARK(BM_WordPieceBertUncased)->Unit(benchmark::kMicrosecond);

void BM_WordPieceBertChinese(benchmark::State& state)
{
    encode(state, "bert-chinese-vocab");
}
BENCHMARK(BM_WordPieceBertChinese)->Unit(benchmark::kMicrosecond);

void BM_ByteLevelBpeGpt2(benchmark::State& state)
{
    encode(state, "gpt2");
}
BENCHMARK(BM_ByteLevelBpeGpt2)->Unit(benchmark::kMicrosecond);

void BM_ByteLevelBpeQwen2Split(benchmark::State& state)
{
    encode(state, "qwen2");
}
BENCHMARK(BM_ByteLevelBpeQwen2Split)->Unit(benchmark::kMicrosecond);

void BM_SentencePieceLlama(benchmark::State& state)
{
    encode(state, "llama");
}
BENCHMARK(BM_SentencePieceLlama)->Unit(benchmark::kMicrosecond);

// The baseline: llama2.c's encoder (byte-pair merges by score) on the same bytes.
void BM_Llama2cTokenizerBaseline(benchmark::State& state)
{
    const std::string input = sampleText().toStdString();
    std::unique_ptr<attn::Llama2Tokenizer> t;
    try {
        t = std::make_unique<attn::Llama2Tokenizer>(attn::Llama2Tokenizer::read(
            QStringLiteral(ATTN_SHARED_DATA_DIR "/tinystories/tok512.bin"), 512));
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
        return;
    }
    std::size_t tokens = 0;
    for (auto _ : state) {
        const std::vector<int> ids = t->encode(input, true, false);
        tokens = ids.size();
        benchmark::DoNotOptimize(ids.data());
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(input.size()));
    state.counters["tokens"] = double(tokens);
}
BENCHMARK(BM_Llama2cTokenizerBaseline)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
