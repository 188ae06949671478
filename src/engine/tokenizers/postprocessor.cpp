#include "engine/tokenizers/postprocessor.h"

#include "engine/tokenizers/tokenmodel.h"

#include <QJsonArray>
#include <QJsonObject>

namespace attn::tok {

namespace {

PostProcessor::Item special(const QString& token, int id, int typeId)
{
    PostProcessor::Item item;
    item.ids = {id};
    item.tokens = {token};
    item.typeId = typeId;
    return item;
}

PostProcessor::Item sequence(int which, int typeId)
{
    PostProcessor::Item item;
    item.sequence = which;
    item.typeId = typeId;
    return item;
}

// ["[SEP]", 102]
std::pair<QString, int> tokenPair(const QJsonValue& v, const QString& where, const char* key)
{
    const QJsonArray a = v.toArray();
    if (a.size() != 2 || !a[0].isString() || !a[1].isDouble() || a[1].toDouble() < 0 || a[1].toDouble() > 1e8) {
        throw TokenizerError(QStringLiteral("%1: post_processor \"%2\" must be [token, id]")
                                 .arg(where, QLatin1String(key))
                                 .toStdString());
    }
    return {a[0].toString(), a[1].toInt()};
}

std::vector<PostProcessor::Item> readTemplate(const QJsonArray& items, const QJsonObject& specials,
                                              const QString& where)
{
    std::vector<PostProcessor::Item> out;
    for (const QJsonValue& v : items) {
        const QJsonObject o = v.toObject();
        if (o.contains(QLatin1String("Sequence"))) {
            const QJsonObject s = o.value(QLatin1String("Sequence")).toObject();
            const QString id = s.value(QLatin1String("id")).toString();
            if (id != QLatin1String("A") && id != QLatin1String("B")) {
                throw TokenizerError(QStringLiteral("%1: template sequence '%2' is neither A nor B")
                                         .arg(where, id.left(20))
                                         .toStdString());
            }
            out.push_back(sequence(id == QLatin1String("A") ? 0 : 1, s.value(QLatin1String("type_id")).toInt()));
        } else if (o.contains(QLatin1String("SpecialToken"))) {
            const QJsonObject s = o.value(QLatin1String("SpecialToken")).toObject();
            const QString name = s.value(QLatin1String("id")).toString();
            const QJsonObject def = specials.value(name).toObject();
            const QJsonArray ids = def.value(QLatin1String("ids")).toArray();
            const QJsonArray tokens = def.value(QLatin1String("tokens")).toArray();
            if (ids.isEmpty() || ids.size() != tokens.size()) {
                throw TokenizerError(QStringLiteral("%1: template special token '%2' has no ids (or not one token "
                                                    "an id) in special_tokens")
                                         .arg(where, name.left(40))
                                         .toStdString());
            }
            PostProcessor::Item item;
            item.typeId = s.value(QLatin1String("type_id")).toInt();
            for (int i = 0; i < ids.size(); ++i) {
                if (!ids[i].isDouble() || ids[i].toDouble() < 0 || ids[i].toDouble() > 1e8) {
                    throw TokenizerError(
                        QStringLiteral("%1: special token '%2' has a bad id").arg(where, name.left(40)).toStdString());
                }
                item.ids.push_back(ids[i].toInt());
                item.tokens.push_back(tokens[i].toString());
            }
            out.push_back(item);
        } else {
            throw TokenizerError(
                QStringLiteral("%1: a template item is neither Sequence nor SpecialToken").arg(where).toStdString());
        }
    }
    return out;
}

} // namespace

PostProcessor PostProcessor::surround(const std::vector<std::pair<QString, int>>& prefix,
                                      const std::vector<std::pair<QString, int>>& suffix, bool doubleMiddle,
                                      int typeIdB)
{
    PostProcessor p;
    for (const auto& [t, id] : prefix) {
        p.m_single.push_back(special(t, id, 0));
        p.m_pair.push_back(special(t, id, 0));
    }
    p.m_single.push_back(sequence(0, 0));
    p.m_pair.push_back(sequence(0, 0));
    for (const auto& [t, id] : suffix) {
        p.m_single.push_back(special(t, id, 0));
        p.m_pair.push_back(special(t, id, 0));
    }
    if (doubleMiddle) {
        for (const auto& [t, id] : suffix) {
            p.m_pair.push_back(special(t, id, typeIdB));
        }
    }
    p.m_pair.push_back(sequence(1, typeIdB));
    for (const auto& [t, id] : suffix) {
        p.m_pair.push_back(special(t, id, typeIdB));
    }
    return p;
}

PostProcessor PostProcessor::fromJson(const QJsonValue& value, const QString& where)
{
    PostProcessor p;
    p.readJson(value, where, 0);
    return p;
}

void PostProcessor::readJson(const QJsonValue& value, const QString& where, int depth)
{
    if (value.isNull() || value.isUndefined()) {
        return;
    }
    if (!value.isObject() || depth > 16) {
        throw TokenizerError(QStringLiteral("%1: the post_processor is not an object").arg(where).toStdString());
    }
    const QJsonObject o = value.toObject();
    const QString type = o.value(QLatin1String("type")).toString();
    if (type == QLatin1String("Sequence")) {
        for (const QJsonValue& v : o.value(QLatin1String("processors")).toArray()) {
            readJson(v, where, depth + 1); // ByteLevel adds nothing; a template replaces what came before
        }
    } else if (type == QLatin1String("ByteLevel")) {
        // Offsets only: no tokens are added.
    } else if (type == QLatin1String("TemplateProcessing")) {
        const QJsonObject specials = o.value(QLatin1String("special_tokens")).toObject();
        m_single = readTemplate(o.value(QLatin1String("single")).toArray(), specials, where);
        m_pair = readTemplate(o.value(QLatin1String("pair")).toArray(), specials, where);
    } else if (type == QLatin1String("BertProcessing") || type == QLatin1String("RobertaProcessing")) {
        const bool roberta = type == QLatin1String("RobertaProcessing");
        const auto cls = tokenPair(o.value(QLatin1String("cls")), where, "cls");
        const auto sep = tokenPair(o.value(QLatin1String("sep")), where, "sep");
        *this = surround({cls}, {sep}, roberta, roberta ? 0 : 1);
    } else {
        throw UnsupportedTokenizerError(
            QStringLiteral("%1: post_processor type '%2' is not supported (supported: "
                           "TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, "
                           "Sequence)")
                .arg(where, type.left(40))
                .toStdString());
    }
}

} // namespace attn::tok
