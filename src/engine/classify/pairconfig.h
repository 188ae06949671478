#pragma once
// The sizes of a CNN + attention pair classifier (config.json of a "pair-cnn" folder); no torch, so that both the
// LibTorch network (pairnet_torch.h, training) and the Eigen inference (pairforward.h) read them.

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace attn::classify {

struct PairNetConfig
{
    QString variant = QStringLiteral("abcnn-1"); // "abcnn-1" | "abcnn-2" | "attentive-pooling"
    int vocab = 0;
    int embedding = 48;
    int filters = 96;
    int kernel = 3;
    int hidden = 48;    // BiGRU units per direction (attentive-pooling)
    int attention = 48; // projection size of the scores
    int maxLength = 40; // longest text (words) the model accepts
    int classes = 3;

    static QStringList variants();
    // Throws ModelError naming `source` and the key at fault.
    static PairNetConfig fromJson(const QJsonObject& json, const QString& source);
    void writeJson(QJsonObject& json) const;
};

} // namespace attn::classify
