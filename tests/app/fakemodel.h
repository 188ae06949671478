#pragma once

// A TextModel for tests without a trained model: words and punctuation become tokens, the attention is a
// synthetic set seeded by the text, and "slow" sentences sleep to exercise the off-thread path.
#include "core/syntheticattention.h"
#include "engine/textmodel.h"

#include <QRegularExpression>
#include <QThread>

#include <atomic>

class FakeTextModel : public attn::TextModel
{
public:
    QString name() const override { return QStringLiteral("fake"); }
    QString architecture() const override { return QStringLiteral("fake"); }
    attn::AttentionSet attend(const QString& text) override
    {
        ++calls;
        if (text.contains(QLatin1String("slow"))) {
            QThread::msleep(400);
        }
        if (text.contains(QLatin1String("zebra"))) {
            throw attn::ModelError("fake: unknown word 'zebra'");
        }
        static const QRegularExpression kToken(QStringLiteral("[\\w']+|[^\\w\\s]"));
        QStringList tokens;
        for (auto it = kToken.globalMatch(text); it.hasNext();) {
            tokens << it.next().captured();
        }
        tokens.prepend(QStringLiteral("<s>"));
        auto set = attn::syntheticAttentionSet(3, 4, int(tokens.size()), qHash(text), true, tokens);
        set.modelName = name();
        return set;
    }
    std::atomic<int> calls{0};
};
