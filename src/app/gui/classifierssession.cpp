#include "gui/classifierssession.h"

#include "engine/classify/classifiermodel.h"
#include "engine/classify/classifydata.h"
#include "engine/classify/pairdata.h"
#include "gui/modelfolders.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace attn {

namespace {

// Seeds of the opening examples: fixed, and apart from the ones the models were trained and measured on.
constexpr std::uint64_t kExampleSeed = 1515;

} // namespace

ClassifiersSession::ClassifiersSession(QObject* parent) : QObject(parent)
{
    connect(&m_runner, &JobRunner::busyChanged, this, &ClassifiersSession::busyChanged);
    connect(&m_runner, &JobRunner::failed, this, &ClassifiersSession::failed);
}

ClassifiersSession::~ClassifiersSession() = default;

QStringList ClassifiersSession::modelNames(Family family)
{
    switch (family) {
    case Family::Pooling:
        return {QStringLiteral("pooling-last"), QStringLiteral("pooling-mean"), QStringLiteral("pooling-attention")};
    case Family::Han:
        return {QStringLiteral("han-documents")};
    case Family::Pair:
        return {QStringLiteral("pair-abcnn1"), QStringLiteral("pair-abcnn2"), QStringLiteral("pair-attentive-pooling")};
    }
    return {};
}

QString ClassifiersSession::modelDirectory(const QString& name)
{
    return QDir(modelsDirectory()).filePath(name);
}

QStringList ClassifiersSession::missingModels(Family family)
{
    QStringList missing;
    for (const QString& name : modelNames(family)) {
        if (!isModelFolder(modelDirectory(name))) {
            missing << name;
        }
    }
    return missing;
}

std::pair<QString, QString> ClassifiersSession::example(Family family, int index)
{
    const std::uint64_t seed = kExampleSeed + std::uint64_t(std::max(0, index));
    switch (family) {
    case Family::Pooling: {
        // A long review: where last-state pooling loses the decisive words.
        const auto reviews = classify::generateReviews(seed, 1, 60, 80);
        return {QString::fromStdString(reviews.front().text()), {}};
    }
    case Family::Han: {
        const auto documents = classify::generateDocuments(seed, 1, 5, 7);
        return {QString::fromStdString(documents.front().text()), {}};
    }
    case Family::Pair: {
        const auto pairs = classify::generatePairs(seed, 12);
        for (const auto& p : pairs) {
            if (p.label == classify::kEntails && p.aligned.size() >= 2) {
                return {QString::fromStdString(p.premiseText()), QString::fromStdString(p.hypothesisText())};
            }
        }
        return {QString::fromStdString(pairs.front().premiseText()), QString::fromStdString(pairs.front().hypothesisText())};
    }
    }
    return {};
}

std::vector<ClassifiersSession::LengthAccuracy> ClassifiersSession::lengthAccuracy(const QString& modelDir,
                                                                                  QString* error)
{
    const QString path = QDir(modelDir).filePath(QStringLiteral("metrics.json"));
    QFile file(path);
    std::vector<LengthAccuracy> out;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = tr("%1: cannot read").arg(path);
        }
        return out;
    }
    const QJsonArray buckets = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("accuracy_by_length")).toArray();
    for (const QJsonValue& v : buckets) {
        const QJsonObject b = v.toObject();
        out.push_back({b.value(QStringLiteral("min_words")).toInt(), b.value(QStringLiteral("max_words")).toInt(),
                       b.value(QStringLiteral("accuracy")).toDouble(), b.value(QStringLiteral("count")).toInt()});
    }
    if (out.empty() && error) {
        *error = tr("%1 has no \"accuracy_by_length\"").arg(path);
    }
    return out;
}

void ClassifiersSession::classify(const QStringList& models, const QString& text, const QString& text2)
{
    QMap<QString, std::shared_ptr<ClassifierModel>> cached = m_models;
    m_runner.start(tr("Classifying"), [this, cached, models, text, text2](JobContext&) -> JobRunner::Delivery {
        auto opened = std::make_shared<QMap<QString, std::shared_ptr<ClassifierModel>>>(cached);
        auto outcomes = std::make_shared<std::vector<Outcome>>();
        for (const QString& name : models) {
            checkCancelled();
            Outcome o;
            o.model = name;
            std::shared_ptr<ClassifierModel> model = opened->value(name);
            if (!model) {
                try {
                    model = ClassifierModel::open(modelDirectory(name));
                    opened->insert(name, model);
                } catch (const std::exception& e) {
                    o.error = QString::fromUtf8(e.what());
                }
            }
            if (model) {
                // Bad input is the same for every model of the family: its message fails the whole job.
                o.result = model->classify(text, text2);
            }
            outcomes->push_back(std::move(o));
        }
        return [this, opened, outcomes] {
            m_models = *opened;
            m_outcomes = std::move(*outcomes);
            Q_EMIT classified();
        };
    });
}

} // namespace attn
