#include "engine/tokenizers/tokenizerloader.h"

#include "engine/tokenizers/bpemodel.h"
#include "engine/tokenizers/sentencepiecemodel.h"
#include "engine/tokenizers/tokenizerjson.h"
#include "engine/tokenizers/wordpiece.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace attn::tok {

namespace {

// Every file a tokenizer is read from is at most this big (Qwen2's tokenizer.json is 7 MB).
constexpr qint64 kMaxFileBytes = 512LL * 1024 * 1024;

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        throw TokenizerError(QStringLiteral("%1: cannot be read (%2)").arg(path, f.errorString()).toStdString());
    }
    if (f.size() > kMaxFileBytes) {
        throw TokenizerError(
            QStringLiteral("%1: %2 bytes is too large for a tokenizer file").arg(path).arg(f.size()).toStdString());
    }
    return f.readAll();
}

// An optional JSON object file: empty when missing, an error naming it when it is there but not an object.
QJsonObject readOptionalObject(const QString& path)
{
    if (!QFileInfo::exists(path)) {
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(readFile(path), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        throw TokenizerError(QStringLiteral("%1: not a JSON object (%2)")
                                 .arg(path, error.error != QJsonParseError::NoError ? error.errorString()
                                                                                    : QStringLiteral("another value"))
                                 .toStdString());
    }
    return doc.object();
}

// The settings a slow tokenizer reads: tokenizer_config.json over special_tokens_map.json over the defaults.
struct Settings
{
    QJsonObject config;    // config.json
    QJsonObject tokenizer; // tokenizer_config.json
    QJsonObject specials;  // special_tokens_map.json
    QString modelType;
    QString tokenizerClass;

    QJsonValue value(const char* key) const
    {
        const QJsonValue v = tokenizer.value(QLatin1String(key));
        return v.isUndefined() ? specials.value(QLatin1String(key)) : v;
    }
    bool flag(const char* key, bool fallback) const
    {
        const QJsonValue v = value(key);
        return v.isBool() ? v.toBool() : fallback;
    }
    // A special token: a string, or an AddedToken object ({"content": ...}); null means none.
    QString special(const char* key, const QString& fallback) const
    {
        const QJsonValue v = value(key);
        if (v.isString()) {
            return v.toString();
        }
        if (v.isObject()) {
            return v.toObject().value(QLatin1String("content")).toString();
        }
        return v.isNull() ? QString() : fallback;
    }
    bool isType(std::initializer_list<const char*> types) const
    {
        for (const char* t : types) {
            if (modelType == QLatin1String(t)) {
                return true;
            }
        }
        return false;
    }
};

// Registers a special token that the model's vocabulary holds, so that it is matched whole in the text.
void addSpecial(Tokenizer& t, const QString& content, bool lstrip = false)
{
    if (content.isEmpty()) {
        return;
    }
    const int id = t.model().tokenToId(content);
    if (id >= 0) {
        AddedToken a;
        a.content = content;
        a.id = id;
        a.lstrip = lstrip;
        t.addToken(a);
    }
}

// added_tokens_decoder ({"id": {"content": ...}}) and added_tokens.json ({"token": id}).
void addConfiguredTokens(Tokenizer& t, const Settings& s, const QString& dir)
{
    const QJsonObject decoder = s.tokenizer.value(QLatin1String("added_tokens_decoder")).toObject();
    for (auto it = decoder.begin(); it != decoder.end(); ++it) {
        bool ok = false;
        const int id = it.key().toInt(&ok);
        const QJsonObject o = it.value().toObject();
        AddedToken a;
        a.content = o.value(QLatin1String("content")).toString();
        if (!ok || id < 0 || a.content.isEmpty()) {
            continue;
        }
        a.id = id;
        a.special = o.value(QLatin1String("special")).toBool(true);
        a.lstrip = o.value(QLatin1String("lstrip")).toBool(false);
        a.rstrip = o.value(QLatin1String("rstrip")).toBool(false);
        a.singleWord = o.value(QLatin1String("single_word")).toBool(false);
        a.normalized = o.value(QLatin1String("normalized")).toBool(!a.special) && !a.special;
        t.addToken(a);
    }
    const QJsonObject extra = readOptionalObject(dir + QStringLiteral("/added_tokens.json"));
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (it.value().isDouble() && it.value().toDouble() >= 0 && !t.addedTokens().find(it.key())) {
            AddedToken a;
            a.content = it.key();
            a.id = it.value().toInt();
            t.addToken(a);
        }
    }
}

std::pair<QString, int> tokenAndId(const Tokenizer& t, const QString& token)
{
    return {token, token.isEmpty() ? -1 : t.tokenToId(token)};
}

Tokenizer wordPieceFolder(const QString& dir, const Settings& s)
{
    const QString path = dir + QStringLiteral("/vocab.txt");
    const QString unk = s.special("unk_token", QStringLiteral("[UNK]"));
    Tokenizer t;
    t.setModel(std::make_unique<WordPieceModel>(WordPieceModel::readVocabTxt(readFile(path), path), unk,
                                                QStringLiteral("##"), 100, path));
    const bool lower = s.flag("do_lower_case", true);
    const QJsonValue strip = s.value("strip_accents");
    Normalizer n;
    n.add(Normalizer::bert(lower, strip.isBool() ? int(strip.toBool()) : -1, s.flag("tokenize_chinese_chars", true)));
    t.setNormalizer(n);
    PreTokenizer p;
    p.add(PreTokenizer::simple(PreTokenizer::Kind::Bert));
    t.setPreTokenizer(p);
    const auto cls = tokenAndId(t, s.special("cls_token", QStringLiteral("[CLS]")));
    const auto sep = tokenAndId(t, s.special("sep_token", QStringLiteral("[SEP]")));
    for (const char* key : {"unk_token", "sep_token", "pad_token", "cls_token", "mask_token"}) {
        static const QHash<QString, QString> defaults{{"unk_token", "[UNK]"},
                                                      {"sep_token", "[SEP]"},
                                                      {"pad_token", "[PAD]"},
                                                      {"cls_token", "[CLS]"},
                                                      {"mask_token", "[MASK]"}};
        addSpecial(t, s.special(key, defaults.value(QLatin1String(key))));
    }
    addConfiguredTokens(t, s, dir);
    if (cls.second >= 0 && sep.second >= 0) {
        t.setPostProcessor(PostProcessor::surround({cls}, {sep}));
    }
    t.setDescription(QStringLiteral("%1: WordPiece, BERT basic tokenizer%2").arg(path, lower ? ", lower-cased" : ""));
    return t;
}

Tokenizer bpeFolder(const QString& dir, const Settings& s)
{
    const QString vocabPath = dir + QStringLiteral("/vocab.json");
    const QString mergesPath = dir + QStringLiteral("/merges.txt");
    const bool qwen2 =
        s.isType({"qwen2", "qwen2_moe", "qwen3", "qwen3_moe"}) || s.tokenizerClass.startsWith(QLatin1String("Qwen2"));
    const bool roberta = s.isType({"roberta", "bart", "longformer", "led", "mvp"}) ||
                         s.tokenizerClass.startsWith(QLatin1String("Roberta")) ||
                         s.tokenizerClass.startsWith(QLatin1String("Bart")) ||
                         s.tokenizerClass.startsWith(QLatin1String("Longformer"));
    BpeOptions options;
    options.byteLevel = true;
    Tokenizer t;
    t.setModel(std::make_unique<BpeModel>(BpeModel::readVocabJson(readFile(vocabPath), vocabPath),
                                          BpeModel::readMergesTxt(readFile(mergesPath), mergesPath), options,
                                          mergesPath));
    PreTokenizer p;
    if (qwen2) {
        // Qwen2Tokenizer: NFC first, then its own split, then bytes to GPT-2's alphabet.
        Normalizer n;
        n.add(Normalizer::simple(Normalizer::Kind::Nfc));
        t.setNormalizer(n);
        p.add(PreTokenizer::split(SplitPattern::Qwen2));
        p.add(PreTokenizer::byteLevel(false, false));
    } else {
        p.add(PreTokenizer::byteLevel(s.flag("add_prefix_space", false)));
    }
    t.setPreTokenizer(p);
    const QString endOfText = QStringLiteral("<|endoftext|>");
    if (roberta) {
        addSpecial(t, s.special("bos_token", QStringLiteral("<s>")));
        addSpecial(t, s.special("eos_token", QStringLiteral("</s>")));
        addSpecial(t, s.special("unk_token", QStringLiteral("<unk>")));
        addSpecial(t, s.special("pad_token", QStringLiteral("<pad>")));
        addSpecial(t, s.special("mask_token", QStringLiteral("<mask>")), true);
    } else {
        addSpecial(t, s.special("bos_token", qwen2 ? QString() : endOfText));
        addSpecial(t, s.special("eos_token", endOfText));
        addSpecial(t, s.special("unk_token", qwen2 ? QString() : endOfText));
    }
    addConfiguredTokens(t, s, dir);
    if (roberta) {
        const auto cls = tokenAndId(t, s.special("cls_token", QStringLiteral("<s>")));
        const auto sep = tokenAndId(t, s.special("sep_token", QStringLiteral("</s>")));
        if (cls.second >= 0 && sep.second >= 0) {
            t.setPostProcessor(PostProcessor::surround({cls}, {sep}, true, 0));
        }
    } else if (s.flag("add_bos_token", false)) { // GPT2Tokenizer(add_bos_token=True)
        const auto bos = tokenAndId(t, s.special("bos_token", endOfText));
        if (bos.second >= 0) {
            t.setPostProcessor(PostProcessor::surround({bos}, {}));
        }
    }
    t.setDescription(QStringLiteral("%1 + merges.txt: byte-level BPE, %2 pre-tokenizer")
                         .arg(vocabPath, qwen2 ? QStringLiteral("Qwen2") : QStringLiteral("GPT-2")));
    return t;
}

// tokenizer.model (Llama, Mistral, Gemma) or spiece.model (T5).
QString sentencePieceFile(const QString& dir)
{
    for (const char* name : {"tokenizer.model", "spiece.model"}) {
        if (QFileInfo::exists(dir + QLatin1Char('/') + QLatin1String(name))) {
            return dir + QLatin1Char('/') + QLatin1String(name);
        }
    }
    return {};
}

Tokenizer sentencePieceFolder(const QString& dir, const Settings& s)
{
    const QString path = sentencePieceFile(dir);
    const bool t5 = s.isType({"t5", "mt5", "umt5"});
    if (!s.modelType.isEmpty() && !t5 && !s.isType({"llama", "mistral", "mixtral", "gemma", "gemma2"})) {
        throw TokenizerError(QStringLiteral("%1: a SentencePiece tokenizer for model_type '%2' is not supported "
                                            "(supported: llama, mistral, mixtral, gemma, gemma2, t5, mt5, umt5)")
                                 .arg(path, s.modelType)
                                 .toStdString());
    }
    auto model = std::make_unique<SentencePieceModel>(readFile(path), path);
    const int bosId = model->bosId();
    const int eosId = model->eosId();
    const int unkId = model->unkId();
    Tokenizer t;
    t.setModel(std::move(model));
    for (const int id : {bosId, eosId, unkId}) {
        if (id >= 0) {
            addSpecial(t, t.model().idToToken(id));
        }
    }
    addConfiguredTokens(t, s, dir);
    std::vector<std::pair<QString, int>> prefix, suffix;
    if (s.flag("add_bos_token", !t5) && bosId >= 0) {
        prefix.emplace_back(t.model().idToToken(bosId), bosId);
    }
    if (s.flag("add_eos_token", t5) && eosId >= 0) {
        suffix.emplace_back(t.model().idToToken(eosId), eosId);
    }
    if (!prefix.empty() || !suffix.empty()) {
        t.setPostProcessor(PostProcessor::surround(prefix, suffix, false, 0));
    }
    t.setDescription(QStringLiteral("%1: SentencePiece").arg(path));
    return t;
}

} // namespace

bool hasTokenizerFiles(const QString& dir)
{
    const QDir d(dir);
    return d.exists(QStringLiteral("tokenizer.json")) || d.exists(QStringLiteral("vocab.txt")) ||
           (d.exists(QStringLiteral("vocab.json")) && d.exists(QStringLiteral("merges.txt"))) ||
           !sentencePieceFile(dir).isEmpty();
}

Tokenizer loadTokenizer(const QString& dirPath)
{
    QString dir = QDir::cleanPath(dirPath);
    if (QFileInfo(dir).isFile()) {
        dir = QFileInfo(dir).absolutePath(); // a tokenizer file named directly: its folder
    }
    if (!QFileInfo(dir).isDir()) {
        throw TokenizerError(QStringLiteral("%1: no such folder").arg(dir).toStdString());
    }
    Settings s;
    s.config = readOptionalObject(dir + QStringLiteral("/config.json"));
    s.tokenizer = readOptionalObject(dir + QStringLiteral("/tokenizer_config.json"));
    s.specials = readOptionalObject(dir + QStringLiteral("/special_tokens_map.json"));
    s.modelType = s.config.value(QLatin1String("model_type")).toString();
    s.tokenizerClass = s.tokenizer.value(QLatin1String("tokenizer_class")).toString();

    const QDir d(dir);
    if (d.exists(QStringLiteral("tokenizer.json"))) {
        const QString path = dir + QStringLiteral("/tokenizer.json");
        try {
            return readTokenizerJson(readFile(path), path);
        } catch (const UnsupportedTokenizerError&) {
            // T5's tokenizer.json (Unigram, Precompiled) is not implemented; its spiece.model is.
            if (sentencePieceFile(dir).isEmpty()) {
                throw;
            }
            return sentencePieceFolder(dir, s);
        }
    }
    if (d.exists(QStringLiteral("vocab.txt"))) {
        return wordPieceFolder(dir, s);
    }
    if (d.exists(QStringLiteral("vocab.json")) && d.exists(QStringLiteral("merges.txt"))) {
        return bpeFolder(dir, s);
    }
    if (!sentencePieceFile(dir).isEmpty()) {
        return sentencePieceFolder(dir, s);
    }
    throw TokenizerError(QStringLiteral("%1: no tokenizer: looked for tokenizer.json, vocab.txt, vocab.json + "
                                        "merges.txt, tokenizer.model, spiece.model%2")
                             .arg(dir, d.exists(QStringLiteral("vocab.json"))
                                           ? QStringLiteral(" (vocab.json is there but merges.txt is not)")
                                           : QString())
                             .toStdString());
}

} // namespace attn::tok
