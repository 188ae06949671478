#include "core/classification.h"

#include <QJsonArray>

#include <cmath>
#include <stdexcept>

namespace attn {

namespace {

[[noreturn]] void fail(const QString& message)
{
    throw std::invalid_argument(message.toStdString());
}

void checkDistribution(const std::vector<float>& weights, double tolerance, const QString& what)
{
    double sum = 0.0;
    for (size_t i = 0; i < weights.size(); ++i) {
        const float w = weights[i];
        if (!std::isfinite(w) || w < 0.0f) {
            fail(QStringLiteral("%1: weight %2 is %3, not a finite non-negative number").arg(what).arg(i).arg(w));
        }
        sum += w;
    }
    if (std::abs(sum - 1.0) > tolerance) {
        fail(QStringLiteral("%1 sum to %2, not 1").arg(what).arg(sum, 0, 'g', 9));
    }
}

QJsonArray stringsToJson(const QStringList& strings)
{
    QJsonArray array;
    for (const auto& s : strings) {
        array.append(s);
    }
    return array;
}

QJsonArray floatsToJson(const std::vector<float>& values)
{
    QJsonArray array;
    for (float v : values) {
        array.append(double(v));
    }
    return array;
}

QJsonArray matrixToJson(const Eigen::MatrixXf& m)
{
    QJsonArray rows;
    for (int r = 0; r < m.rows(); ++r) {
        QJsonArray row;
        for (int c = 0; c < m.cols(); ++c) {
            row.append(double(m(r, c)));
        }
        rows.append(row);
    }
    return rows;
}

QStringList stringsFromJson(const QJsonValue& value, const QString& where)
{
    if (!value.isArray()) {
        fail(QStringLiteral("classification JSON %1 must be an array of strings").arg(where));
    }
    QStringList strings;
    for (const auto& v : value.toArray()) {
        if (!v.isString()) {
            fail(QStringLiteral("classification JSON %1 must be an array of strings").arg(where));
        }
        strings << v.toString();
    }
    return strings;
}

std::vector<float> floatsFromJson(const QJsonValue& value, const QString& where)
{
    if (!value.isArray()) {
        fail(QStringLiteral("classification JSON %1 must be an array of numbers").arg(where));
    }
    std::vector<float> values;
    for (const auto& v : value.toArray()) {
        if (!v.isDouble()) {
            fail(QStringLiteral("classification JSON %1 must be an array of numbers").arg(where));
        }
        values.push_back(float(v.toDouble()));
    }
    return values;
}

Eigen::MatrixXf matrixFromJson(const QJsonValue& value, const QString& where)
{
    if (!value.isArray()) {
        fail(QStringLiteral("classification JSON %1 must be an array of rows").arg(where));
    }
    const QJsonArray rows = value.toArray();
    std::vector<std::vector<float>> data;
    for (int r = 0; r < rows.size(); ++r) {
        data.push_back(floatsFromJson(rows.at(r), QStringLiteral("%1 row %2").arg(where).arg(r)));
        if (data.back().size() != data.front().size()) {
            fail(QStringLiteral("classification JSON %1 row %2 has %3 values, row 0 has %4")
                     .arg(where).arg(r).arg(data.back().size()).arg(data.front().size()));
        }
    }
    const int cols = data.empty() ? 0 : int(data.front().size());
    Eigen::MatrixXf m(int(data.size()), cols);
    for (int r = 0; r < m.rows(); ++r) {
        for (int c = 0; c < cols; ++c) {
            m(r, c) = data[size_t(r)][size_t(c)];
        }
    }
    return m;
}

bool isReservedKey(const QString& key)
{
    return key == QLatin1String("words") || key == QLatin1String("sentences") || key == QLatin1String("matrix");
}

} // namespace

double maxRowSumError(const Eigen::MatrixXf& rows)
{
    double worst = 0.0;
    for (int r = 0; r < rows.rows(); ++r) {
        worst = std::max(worst, std::abs(rows.row(r).cast<double>().sum() - 1.0));
    }
    return worst;
}

float ClassificationResult::probabilityOf(const QString& labelName) const
{
    const int i = labelNames.indexOf(labelName);
    return i >= 0 && size_t(i) < probabilities.size() ? probabilities[size_t(i)] : 0.0f;
}

void ClassificationResult::validate(double tolerance) const
{
    if (labelNames.isEmpty() || int(probabilities.size()) != labelNames.size()) {
        fail(QStringLiteral("classification has %1 labels but %2 probabilities")
                 .arg(labelNames.size()).arg(probabilities.size()));
    }
    if (predicted < 0 || predicted >= labelNames.size()) {
        fail(QStringLiteral("predicted label %1 is not one of the %2 labels").arg(predicted).arg(labelNames.size()));
    }
    checkDistribution(probabilities, tolerance, QStringLiteral("probabilities"));
    switch (kind) {
    case Kind::Single:
        if (tokens.isEmpty()) {
            fail(QStringLiteral("classification has no tokens"));
        }
        if (int(wordWeights.size()) != tokens.size()) {
            fail(QStringLiteral("%1 tokens but %2 word weights").arg(tokens.size()).arg(wordWeights.size()));
        }
        checkDistribution(wordWeights, tolerance, QStringLiteral("word weights"));
        break;
    case Kind::Document:
        if (sentences.empty()) {
            fail(QStringLiteral("document has no sentences"));
        }
        if (sentenceWordWeights.size() != sentences.size() || sentenceWeights.size() != sentences.size()) {
            fail(QStringLiteral("document has %1 sentences but %2 word-weight lists and %3 sentence weights")
                     .arg(sentences.size()).arg(sentenceWordWeights.size()).arg(sentenceWeights.size()));
        }
        for (size_t s = 0; s < sentences.size(); ++s) {
            if (sentences[s].isEmpty() || int(sentenceWordWeights[s].size()) != sentences[s].size()) {
                fail(QStringLiteral("sentence %1 has %2 tokens but %3 word weights")
                         .arg(s).arg(sentences[s].size()).arg(sentenceWordWeights[s].size()));
            }
            checkDistribution(sentenceWordWeights[s], tolerance, QStringLiteral("word weights of sentence %1").arg(s));
        }
        checkDistribution(sentenceWeights, tolerance, QStringLiteral("sentence weights"));
        break;
    case Kind::Pair:
        if (premiseTokens.isEmpty() || hypothesisTokens.isEmpty()) {
            fail(QStringLiteral("pair has %1 premise and %2 hypothesis tokens; both need at least one")
                     .arg(premiseTokens.size()).arg(hypothesisTokens.size()));
        }
        if (pairAttention.rows() != hypothesisTokens.size() || pairAttention.cols() != premiseTokens.size()) {
            fail(QStringLiteral("attention matrix is %1 x %2, not hypothesis x premise %3 x %4")
                     .arg(pairAttention.rows()).arg(pairAttention.cols())
                     .arg(hypothesisTokens.size()).arg(premiseTokens.size()));
        }
        for (int r = 0; r < pairAttention.rows(); ++r) {
            const Eigen::VectorXf row = pairAttention.row(r).transpose();
            checkDistribution(std::vector<float>(row.data(), row.data() + row.size()), tolerance,
                              QStringLiteral("attention row %1 ('%2')").arg(r).arg(hypothesisTokens[r]));
        }
        break;
    }
    for (auto it = extraVectors.begin(); it != extraVectors.end(); ++it) {
        if (isReservedKey(it.key())) {
            fail(QStringLiteral("extra attention name \"%1\" is reserved").arg(it.key()));
        }
    }
    for (auto it = extraMatrices.begin(); it != extraMatrices.end(); ++it) {
        if (isReservedKey(it.key()) || extraVectors.contains(it.key())) {
            fail(QStringLiteral("extra attention name \"%1\" is reserved or used twice").arg(it.key()));
        }
    }
}

QJsonObject ClassificationResult::toJson() const
{
    QJsonObject probabilitiesObject;
    for (int i = 0; i < labelNames.size() && size_t(i) < probabilities.size(); ++i) {
        probabilitiesObject.insert(labelNames[i], double(probabilities[size_t(i)]));
    }
    QJsonArray tokensArray;
    QJsonObject attention;
    switch (kind) {
    case Kind::Single:
        tokensArray = stringsToJson(tokens);
        attention.insert(QStringLiteral("words"), floatsToJson(wordWeights));
        break;
    case Kind::Document: {
        QJsonArray words;
        for (size_t s = 0; s < sentences.size(); ++s) {
            tokensArray.append(stringsToJson(sentences[s]));
            words.append(floatsToJson(s < sentenceWordWeights.size() ? sentenceWordWeights[s] : std::vector<float>{}));
        }
        attention.insert(QStringLiteral("words"), words);
        attention.insert(QStringLiteral("sentences"), floatsToJson(sentenceWeights));
        break;
    }
    case Kind::Pair:
        tokensArray.append(stringsToJson(premiseTokens));
        tokensArray.append(stringsToJson(hypothesisTokens));
        attention.insert(QStringLiteral("matrix"), matrixToJson(pairAttention));
        break;
    }
    for (auto it = extraVectors.begin(); it != extraVectors.end(); ++it) {
        attention.insert(it.key(), floatsToJson(it.value()));
    }
    for (auto it = extraMatrices.begin(); it != extraMatrices.end(); ++it) {
        attention.insert(it.key(), matrixToJson(it.value()));
    }
    QJsonObject object;
    object.insert(QStringLiteral("model"), modelName);
    object.insert(QStringLiteral("label"), label());
    object.insert(QStringLiteral("probabilities"), probabilitiesObject);
    object.insert(QStringLiteral("tokens"), tokensArray);
    object.insert(QStringLiteral("attention"), attention);
    return object;
}

ClassificationResult ClassificationResult::fromJson(const QJsonObject& object)
{
    for (const char* key : {"model", "label", "probabilities", "tokens", "attention"}) {
        if (!object.contains(QLatin1String(key))) {
            fail(QStringLiteral("classification JSON has no \"%1\"").arg(QLatin1String(key)));
        }
    }
    if (!object.value(QStringLiteral("probabilities")).isObject() || !object.value(QStringLiteral("attention")).isObject()
        || !object.value(QStringLiteral("tokens")).isArray()) {
        fail(QStringLiteral("classification JSON: \"probabilities\" and \"attention\" must be objects, \"tokens\" an array"));
    }
    ClassificationResult r;
    r.modelName = object.value(QStringLiteral("model")).toString();
    const QJsonObject probs = object.value(QStringLiteral("probabilities")).toObject();
    for (auto it = probs.begin(); it != probs.end(); ++it) {
        if (!it.value().isDouble()) {
            fail(QStringLiteral("classification JSON probability of \"%1\" is not a number").arg(it.key()));
        }
        r.labelNames << it.key();
        r.probabilities.push_back(float(it.value().toDouble()));
    }
    const QString label = object.value(QStringLiteral("label")).toString();
    r.predicted = int(r.labelNames.indexOf(label));
    if (r.predicted < 0) {
        fail(QStringLiteral("classification JSON label \"%1\" has no probability").arg(label));
    }

    const QJsonObject attention = object.value(QStringLiteral("attention")).toObject();
    const QJsonArray tokens = object.value(QStringLiteral("tokens")).toArray();
    if (attention.contains(QStringLiteral("matrix"))) {
        r.kind = Kind::Pair;
        if (tokens.size() != 2) {
            fail(QStringLiteral("classification JSON \"tokens\" of a pair must be [premise tokens, hypothesis tokens]"));
        }
        r.premiseTokens = stringsFromJson(tokens.at(0), QStringLiteral("\"tokens\"[0]"));
        r.hypothesisTokens = stringsFromJson(tokens.at(1), QStringLiteral("\"tokens\"[1]"));
        r.pairAttention = matrixFromJson(attention.value(QStringLiteral("matrix")), QStringLiteral("\"matrix\""));
    } else if (attention.contains(QStringLiteral("sentences"))) {
        r.kind = Kind::Document;
        const QJsonArray words = attention.value(QStringLiteral("words")).toArray();
        for (int s = 0; s < tokens.size(); ++s) {
            r.sentences.push_back(stringsFromJson(tokens.at(s), QStringLiteral("\"tokens\"[%1]").arg(s)));
            r.sentenceWordWeights.push_back(
                floatsFromJson(words.at(s), QStringLiteral("\"attention\".\"words\"[%1]").arg(s)));
        }
        r.sentenceWeights = floatsFromJson(attention.value(QStringLiteral("sentences")), QStringLiteral("\"sentences\""));
    } else {
        r.kind = Kind::Single;
        r.tokens = stringsFromJson(tokens, QStringLiteral("\"tokens\""));
        r.wordWeights = floatsFromJson(attention.value(QStringLiteral("words")), QStringLiteral("\"attention\".\"words\""));
    }
    for (auto it = attention.begin(); it != attention.end(); ++it) {
        if (isReservedKey(it.key())) {
            continue;
        }
        const QJsonArray values = it.value().toArray();
        if (!values.isEmpty() && values.at(0).isArray()) {
            r.extraMatrices.insert(it.key(), matrixFromJson(it.value(), QStringLiteral("\"%1\"").arg(it.key())));
        } else {
            r.extraVectors.insert(it.key(), floatsFromJson(it.value(), QStringLiteral("\"%1\"").arg(it.key())));
        }
    }
    return r;
}

} // namespace attn
