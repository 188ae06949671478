// vocab.txt read as BERT's WordPiece vocabulary, with BERT's normaliser and pre-tokenizer, encoding a sentence.
#include "engine/tokenizers/wordpiece.h"
#include "tokenizerfuzz.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace attn::tok;
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    try {
        const QHash<QString, int> vocab = WordPieceModel::readVocabTxt(bytes, QStringLiteral("vocab.txt"));
        Tokenizer t;
        t.setModel(std::make_unique<WordPieceModel>(vocab, QStringLiteral("[UNK]"), QStringLiteral("##"), 100,
                                                    QStringLiteral("vocab.txt")));
        Normalizer n;
        n.add(Normalizer::bert(size % 2 == 0));
        t.setNormalizer(n);
        PreTokenizer p;
        p.add(PreTokenizer::simple(PreTokenizer::Kind::Bert));
        t.setPreTokenizer(p);
        for (const char* special : {"[CLS]", "[SEP]", "[MASK]"}) {
            const int id = t.model().tokenToId(QString::fromLatin1(special));
            if (id >= 0) {
                t.addToken(AddedToken{QString::fromLatin1(special), id});
            }
        }
        attnfuzz::encodeAll(t, attnfuzz::sampleText());
        attnfuzz::encodeAll(t, QString::fromUtf8(bytes.left(200)));
    } catch (const TokenizerError&) {
    }
    return 0;
}
