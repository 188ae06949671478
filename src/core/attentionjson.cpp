#include "core/attentionjson.h"

#include <QJsonArray>

#include <stdexcept>

namespace attn {

namespace {

QJsonArray strings(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

QStringList stringsFrom(const QJsonValue& v)
{
    QStringList out;
    for (const auto& s : v.toArray()) {
        out << s.toString();
    }
    return out;
}

[[noreturn]] void fail(const QString& what)
{
    throw std::invalid_argument(what.toStdString());
}

// Which token lists label a block's queries and keys, by the DESIGN.md block names.
void labelsFor(const QString& name, const AttentionSet& set, QStringList& queries, QStringList& keys)
{
    if (name == QLatin1String("encoder_self")) {
        queries = keys = set.sourceTokens;
    } else if (name == QLatin1String("decoder_self")) {
        queries = keys = set.targetTokens;
    } else if (name == QLatin1String("cross")) {
        queries = set.targetTokens;
        keys = set.sourceTokens;
    }
}

} // namespace

QJsonObject attentionSetToJson(const AttentionSet& set)
{
    QJsonObject attention;
    QJsonObject grids;
    for (const auto& b : set.blocks) {
        QJsonArray layers;
        for (int l = 0; l < b.layers; ++l) {
            QJsonArray heads;
            for (int h = 0; h < b.heads; ++h) {
                QJsonArray rows;
                for (int q = 0; q < b.queries; ++q) {
                    QJsonArray row;
                    for (int k = 0; k < b.keys; ++k) {
                        row.append(double(b.at(l, h, q, k)));
                    }
                    rows.append(row);
                }
                heads.append(rows);
            }
            layers.append(heads);
        }
        attention.insert(b.name, layers);
        if (b.gridRows > 0) {
            grids.insert(b.name, QJsonArray{b.gridRows, b.gridCols});
        }
    }
    QJsonObject out{{"model", set.modelName},
                    {"source_tokens", strings(set.sourceTokens)},
                    {"target_tokens", strings(set.targetTokens)},
                    {"attention", attention}};
    if (!grids.isEmpty()) {
        out.insert("grid", grids);
    }
    // The model's numbers of the kept layers, as `attend` writes them when memory or --layers dropped some.
    for (const auto& b : set.blocks) {
        if (!b.layerNumbers.empty()) {
            QJsonArray numbers;
            for (const int n : b.layerNumbers) {
                numbers.append(n);
            }
            out.insert("layers", numbers);
            break;
        }
    }
    if (!set.notices.isEmpty()) {
        out.insert("notices", strings(set.notices));
    }
    return out;
}

AttentionSet attentionSetFromJson(const QJsonObject& json)
{
    AttentionSet set;
    set.modelName = json.value("model").toString();
    set.sourceTokens = stringsFrom(json.value("source_tokens"));
    set.targetTokens = stringsFrom(json.value("target_tokens"));
    set.notices = stringsFrom(json.value("notices"));
    const QJsonObject attention = json.value("attention").toObject();
    if (attention.isEmpty()) {
        fail(QStringLiteral("no \"attention\" object"));
    }
    const QJsonObject grids = json.value("grid").toObject();
    for (auto it = attention.begin(); it != attention.end(); ++it) {
        const QJsonArray layers = it.value().toArray();
        if (layers.isEmpty() || layers[0].toArray().isEmpty() || layers[0].toArray()[0].toArray().isEmpty()) {
            fail(QStringLiteral("attention block '%1' is empty or not layers x heads x queries x keys").arg(it.key()));
        }
        const QJsonArray firstHead = layers[0].toArray()[0].toArray();
        AttentionBlock b;
        b.name = it.key();
        b.layers = int(layers.size());
        b.heads = int(layers[0].toArray().size());
        b.queries = int(firstHead.size());
        b.keys = int(firstHead[0].toArray().size());
        labelsFor(b.name, set, b.queryLabels, b.keyLabels);
        const QJsonArray grid = grids.value(b.name).toArray();
        if (grid.size() == 2) {
            b.gridRows = grid[0].toInt();
            b.gridCols = grid[1].toInt();
            b.keyLabels.clear();
        }
        if (b.queryLabels.size() != b.queries) {
            b.queryLabels.clear();
            for (int q = 0; q < b.queries; ++q) {
                b.queryLabels << QString::number(q);
            }
        }
        if (b.gridRows == 0 && b.keyLabels.size() != b.keys) {
            b.keyLabels.clear();
            for (int k = 0; k < b.keys; ++k) {
                b.keyLabels << QString::number(k);
            }
        }
        b.weights.assign(std::size_t(b.layers) * b.heads * b.queries * b.keys, 0.0f);
        for (int l = 0; l < b.layers; ++l) {
            const QJsonArray heads = layers[l].toArray();
            if (heads.size() != b.heads) {
                fail(QStringLiteral("attention block '%1': layer %2 has %3 heads, not %4")
                         .arg(b.name).arg(l).arg(heads.size()).arg(b.heads));
            }
            for (int h = 0; h < b.heads; ++h) {
                const QJsonArray rows = heads[h].toArray();
                if (rows.size() != b.queries) {
                    fail(QStringLiteral("attention block '%1': ragged queries").arg(b.name));
                }
                for (int q = 0; q < b.queries; ++q) {
                    const QJsonArray row = rows[q].toArray();
                    if (row.size() != b.keys) {
                        fail(QStringLiteral("attention block '%1': ragged keys").arg(b.name));
                    }
                    for (int k = 0; k < b.keys; ++k) {
                        b.at(l, h, q, k) = float(row[k].toDouble());
                    }
                }
            }
        }
        // "layers": the model's numbers of the kept layers (validate() refuses a list that does not fit).
        const QJsonArray numbers = json.value("layers").toArray();
        if (!numbers.isEmpty() && numbers.size() == b.layers) {
            for (const auto& n : numbers) {
                b.layerNumbers.push_back(n.toInt(-1));
            }
        }
        set.blocks.push_back(std::move(b));
    }
    return set;
}

} // namespace attn
