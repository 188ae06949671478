// ClassifierModel::open: reads config.json and hands the folder to its family by "architecture".
// Each family adds one entry to kFamilies (issue 15: pooling and HAN here; the pair family from helper B).
#include "engine/classify/classifiermodel.h"

#include "engine/classify/classifierfamilies.h"
#include "engine/classify/pairmodel.h"
#include "engine/modelregistry.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>

#include <functional>

namespace attn {

namespace {

struct Family
{
    const char* architecture;
    std::function<std::unique_ptr<ClassifierModel>(const QString& dir, const QJsonObject& config)> open;
};

const std::vector<Family>& families()
{
    static const std::vector<Family> kFamilies{
        {"pooling-classifier", &classify::openPoolingClassifier},
        {"han-classifier", &classify::openHanClassifier},
        {classify::kPairArchitecture, &classify::openPairModel}, // CNN + attention pairs (helper B)
    };
    return kFamilies;
}

} // namespace

namespace classify {

QStringList configLabels(const QJsonObject& config, const QString& configPath)
{
    QStringList labels;
    QSet<QString> seen;
    for (const QJsonValue& v : config.value("labels").toArray()) {
        if (!v.isString() || v.toString().isEmpty() || seen.contains(v.toString())) {
            labels.clear();
            break;
        }
        seen.insert(v.toString());
        labels << v.toString();
    }
    if (labels.size() < 2) {
        throw ModelError(configPath.toStdString() + ": \"labels\" must list two or more distinct label names");
    }
    return labels;
}

} // namespace classify

std::unique_ptr<ClassifierModel> ClassifierModel::open(const QString& dir)
{
    if (!QFileInfo(dir).isDir()) {
        throw ModelError(dir.toStdString() + ": no such model folder");
    }
    const QJsonObject config = readModelConfig(dir);
    const QString architecture = config.value("architecture").toString();
    QStringList known;
    for (const Family& f : families()) {
        if (architecture == QLatin1String(f.architecture)) {
            return f.open(dir, config);
        }
        known << QLatin1String(f.architecture);
    }
    throw ModelError(QDir(dir).filePath("config.json").toStdString() + ": architecture '" + architecture.toStdString() +
                     "' is not a classifier (known: " + known.join(", ").toStdString() + ")");
}

} // namespace attn
