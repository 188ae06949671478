// A seq2seq model's figures as the app reads them: config.json's "metrics" object (the Compare panel ranks models
// by it) and the metrics table of its card.md.
#include "engine/seq2seq/seq2seq.h"
#include "engine/textmodel.h"

#include "fuzztemp.h"

#include <QByteArray>
#include <QJsonDocument>

#include <cmath>
#include <cstdint>

namespace {

void check(const attn::Seq2SeqMetrics& m)
{
    if (m.buckets.size() != 4) {
        __builtin_trap(); // the Compare panel draws four length buckets
    }
    for (const auto& b : m.buckets) {
        (void)b.tokenAccuracy();
        (void)b.exactMatch();
    }
    (void)m.toJson();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (doc.isObject()) {
        check(attn::Seq2SeqMetrics::fromJson(doc.object().value("metrics").toObject()));
    }
    try {
        check(attn::Seq2SeqMetrics::fromCard(attnfuzz::writeInput(data, size, ".md")));
    } catch (const attn::ModelError&) {
    }
    return 0;
}
