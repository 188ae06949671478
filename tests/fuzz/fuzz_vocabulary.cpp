// Word vocabularies (source.vocab, target.vocab) and the word tokenizer that feeds them typed text.
#include "engine/corpus/vocabulary.h"

#include "fuzztemp.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::vector<std::string> words = attn::tokenizeText(text);
    for (const auto& w : words) {
        (void)attn::isPunctuation(w);
    }
    (void)attn::detokenizeFrench(words);
    try {
        const attn::Vocabulary v = attn::Vocabulary::load(attnfuzz::writeInput(data, size).toStdString());
        const auto ids = v.encode(words);
        (void)v.decode(ids);
        for (std::int64_t i = 0; i < v.size(); ++i) {
            if (v.id(v.word(i)) != i) {
                __builtin_trap(); // a loaded vocabulary must map each word back to its own id
            }
        }
    } catch (const attn::VocabularyError&) {
    }
    return 0;
}
