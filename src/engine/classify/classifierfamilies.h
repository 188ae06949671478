#pragma once
// Internal to src/engine/classify: the families ClassifierModel::open() dispatches to (classifiermodel.cpp).

#include "engine/classify/classifiermodel.h"

#include <QJsonObject>

namespace attn::classify {

// config.json "architecture": "pooling-classifier" (BiGRU, pooling "last" | "mean" | "attention").
std::unique_ptr<ClassifierModel> openPoolingClassifier(const QString& dir, const QJsonObject& config);
// "han-classifier" (hierarchical attention network: word attention per sentence, sentence attention).
std::unique_ptr<ClassifierModel> openHanClassifier(const QString& dir, const QJsonObject& config);

// Label names from config.json "labels" (two or more distinct strings); throws ModelError.
QStringList configLabels(const QJsonObject& config, const QString& configPath);

} // namespace attn::classify
