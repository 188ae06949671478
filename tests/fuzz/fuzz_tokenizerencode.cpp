// Arbitrary bytes as text through the real tokenizers (../shared/data/tokenizers): bert-base-uncased's
// tokenizer.json, GPT-2's byte-level BPE and the same files with Qwen2's pre-tokenizer. Valid UTF-8 must encode;
// anything else must be refused with TokenizerError. Byte-level BPE must give back the exact bytes.
#include "engine/tokenizers/bpemodel.h"
#include "engine/tokenizers/bytelevel.h"
#include "engine/tokenizers/tokenizerjson.h"
#include "engine/tokenizers/unicodechars.h"
#include "engine/tokenizers/wordpiece.h"
#include "tokenizerfuzz.h"

#include <QFile>
#include <cstdint>
#include <cstdio>

namespace {

using namespace attn::tok;

QByteArray readShared(const char* name)
{
    QFile f(QStringLiteral(ATTN_SHARED_DATA_DIR "/tokenizers/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "fuzz_tokenizerencode: cannot read %s\n", qPrintable(f.fileName()));
        std::abort();
    }
    return f.readAll();
}

struct Tokenizers
{
    Tokenizer bert = readTokenizerJson(readShared("bert-base-uncased/tokenizer.json"), "tokenizer.json");
    Tokenizer gpt2 = byteLevel(false);
    Tokenizer qwen2 = byteLevel(true);

    static Tokenizer byteLevel(bool qwen2)
    {
        BpeOptions options;
        options.byteLevel = true;
        Tokenizer t;
        t.setModel(std::make_unique<BpeModel>(BpeModel::readVocabJson(readShared("gpt2/vocab.json"), "vocab.json"),
                                              BpeModel::readMergesTxt(readShared("gpt2/merges.txt"), "merges.txt"),
                                              options, "merges.txt"));
        PreTokenizer p;
        if (qwen2) {
            p.add(PreTokenizer::split(SplitPattern::Qwen2));
            p.add(PreTokenizer::byteLevel(false, false));
        } else {
            p.add(PreTokenizer::byteLevel(false));
        }
        t.setPreTokenizer(p);
        return t;
    }
};

const Tokenizers& tokenizers()
{
    static const Tokenizers t;
    return t;
}

QByteArray bytesOf(const std::vector<QString>& tokens)
{
    QString joined;
    for (const QString& t : tokens) {
        joined += t;
    }
    return fromByteLevel(joined);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    try {
        (void)tokenizers();
    } catch (const TokenizerError& e) {
        std::fprintf(stderr, "fuzz_tokenizerencode: %s\n", e.what());
        std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    QString text;
    QString error;
    const bool valid = decodeUtf8(bytes, text, error);
    const Tokenizers& t = tokenizers();
    for (const Tokenizer* tok : {&t.bert, &t.gpt2, &t.qwen2}) {
        try {
            const Encoding e = tok->encodeUtf8(bytes, false);
            if (!valid) {
                __builtin_trap(); // invalid UTF-8 must be refused
            }
            attnfuzz::checkEncoding(*tok, e);
            if (tok != &t.bert && bytesOf(e.tokens) != bytes) {
                __builtin_trap(); // byte-level BPE loses no byte
            }
        } catch (const TokenizerError&) {
            if (valid) {
                __builtin_trap(); // valid UTF-8 must encode
            }
        }
    }
    return 0;
}
