#include "engine/tokenizers/tokenizerjson.h"

#include "engine/tokenizers/bpemodel.h"
#include "engine/tokenizers/wordpiece.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace attn::tok {

namespace {

[[noreturn]] void fail(const QString& fileName, const QString& message)
{
    throw TokenizerError(QStringLiteral("%1: %2").arg(fileName, message).toStdString());
}

QHash<QString, int> readVocab(const QJsonObject& model, const QString& fileName)
{
    const QJsonValue v = model.value(QLatin1String("vocab"));
    if (!v.isObject()) {
        fail(fileName, QStringLiteral("model.vocab must be an object of token: id"));
    }
    return BpeModel::readVocabObject(v.toObject(), fileName + QStringLiteral(" (model.vocab)"));
}

// "a b" (older files) or ["a", "b"] (newer ones).
std::vector<std::pair<QString, QString>> readMerges(const QJsonObject& model, const QString& fileName)
{
    const QJsonValue v = model.value(QLatin1String("merges"));
    if (!v.isArray()) {
        fail(fileName, QStringLiteral("model.merges must be a list"));
    }
    std::vector<std::pair<QString, QString>> merges;
    const QJsonArray a = v.toArray();
    merges.reserve(std::size_t(a.size()));
    for (int i = 0; i < a.size(); ++i) {
        if (a[i].isString()) {
            const QString s = a[i].toString();
            const qsizetype space = s.indexOf(QLatin1Char(' '));
            if (space <= 0 || space + 1 >= s.size() || s.indexOf(QLatin1Char(' '), space + 1) >= 0) {
                fail(fileName, QStringLiteral("merge %1 is not two tokens separated by one space").arg(i));
            }
            merges.emplace_back(s.left(space), s.mid(space + 1));
        } else if (a[i].isArray() && a[i].toArray().size() == 2 && a[i].toArray()[0].isString() &&
                   a[i].toArray()[1].isString()) {
            merges.emplace_back(a[i].toArray()[0].toString(), a[i].toArray()[1].toString());
        } else {
            fail(fileName, QStringLiteral("merge %1 is neither \"a b\" nor [\"a\", \"b\"]").arg(i));
        }
    }
    return merges;
}

QString optionalString(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString() : QString();
}

std::unique_ptr<TokenModel> readModel(const QJsonObject& model, const PreTokenizer& pre, const QString& fileName)
{
    QString type = model.value(QLatin1String("type")).toString();
    if (type.isEmpty()) { // files written before "type" was saved
        type = model.contains(QLatin1String("merges")) ? QStringLiteral("BPE") : QStringLiteral("WordPiece");
    }
    if (type == QLatin1String("WordPiece")) {
        const int maxChars = model.value(QLatin1String("max_input_chars_per_word")).toInt(100);
        return std::make_unique<WordPieceModel>(
            readVocab(model, fileName), model.value(QLatin1String("unk_token")).toString(QStringLiteral("[UNK]")),
            model.value(QLatin1String("continuing_subword_prefix")).toString(QStringLiteral("##")),
            maxChars > 0 ? maxChars : 100, fileName);
    }
    if (type == QLatin1String("BPE")) {
        BpeOptions o;
        o.unkToken = optionalString(model, "unk_token");
        o.continuingSubwordPrefix = optionalString(model, "continuing_subword_prefix");
        o.endOfWordSuffix = optionalString(model, "end_of_word_suffix");
        o.fuseUnk = model.value(QLatin1String("fuse_unk")).toBool(false);
        o.byteFallback = model.value(QLatin1String("byte_fallback")).toBool(false);
        o.ignoreMerges = model.value(QLatin1String("ignore_merges")).toBool(false);
        o.byteLevel = pre.hasByteLevel();
        const auto vocab = readVocab(model, fileName);
        return std::make_unique<BpeModel>(vocab, readMerges(model, fileName), o, fileName);
    }
    throw UnsupportedTokenizerError(QStringLiteral("%1: model type '%2' is not supported (supported: WordPiece, BPE)")
                                        .arg(fileName, type.left(40))
                                        .toStdString());
}

} // namespace

Tokenizer readTokenizerJson(const QByteArray& bytes, const QString& fileName)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        fail(fileName, QStringLiteral("not JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset));
    }
    if (!doc.isObject()) {
        fail(fileName, QStringLiteral("not a JSON object"));
    }
    const QJsonObject root = doc.object();
    if (!root.value(QLatin1String("model")).isObject()) {
        fail(fileName, QStringLiteral("no \"model\" object"));
    }
    Tokenizer t;
    t.setNormalizer(Normalizer::fromJson(root.value(QLatin1String("normalizer")), fileName));
    PreTokenizer pre = PreTokenizer::fromJson(root.value(QLatin1String("pre_tokenizer")), fileName);
    t.setModel(readModel(root.value(QLatin1String("model")).toObject(), pre, fileName));
    t.setPreTokenizer(std::move(pre));
    t.setPostProcessor(PostProcessor::fromJson(root.value(QLatin1String("post_processor")), fileName));
    const QJsonValue added = root.value(QLatin1String("added_tokens"));
    if (!added.isNull() && !added.isUndefined() && !added.isArray()) {
        fail(fileName, QStringLiteral("added_tokens must be a list"));
    }
    for (const QJsonValue& v : added.toArray()) {
        const QJsonObject o = v.toObject();
        AddedToken a;
        a.content = o.value(QLatin1String("content")).toString();
        const double id = o.value(QLatin1String("id")).toDouble(-1);
        if (a.content.isEmpty() || id < 0 || id > 16777216 || id != double(int(id))) {
            fail(fileName, QStringLiteral("an added token needs a content and a whole id from 0 to 16777216"));
        }
        a.id = int(id);
        a.special = o.value(QLatin1String("special")).toBool(false);
        a.singleWord = o.value(QLatin1String("single_word")).toBool(false);
        a.lstrip = o.value(QLatin1String("lstrip")).toBool(false);
        a.rstrip = o.value(QLatin1String("rstrip")).toBool(false);
        a.normalized = o.value(QLatin1String("normalized")).toBool(!a.special);
        t.addToken(a);
    }
    // A special token the post-processor adds must be one the model has: its id indexes the model's embeddings.
    for (const auto* items : {&t.postProcessor().single(), &t.postProcessor().pair()}) {
        for (const auto& item : *items) {
            for (std::size_t i = 0; i < item.ids.size(); ++i) {
                if (item.ids[i] >= t.vocabSize()) {
                    fail(fileName, QStringLiteral("post_processor special token '%1' has id %2, outside the "
                                                  "vocabulary of %3 tokens")
                                       .arg(item.tokens[i].left(40))
                                       .arg(item.ids[i])
                                       .arg(t.vocabSize()));
                }
            }
        }
    }
    t.setDescription(QStringLiteral("%1: %2").arg(fileName, t.model().kind()));
    return t;
}

} // namespace attn::tok
