#include "views/classlabel.h"

#include <QCoreApplication>

namespace attn {

namespace {

// The label names of the shipped classifiers (models/pooling-*, han-documents, pair-*), for lupdate.
const char* const kKnownLabels[] = {
    QT_TRANSLATE_NOOP("attn::ClassLabel", "positive"),  QT_TRANSLATE_NOOP("attn::ClassLabel", "negative"),
    QT_TRANSLATE_NOOP("attn::ClassLabel", "entails"),   QT_TRANSLATE_NOOP("attn::ClassLabel", "contradicts"),
    QT_TRANSLATE_NOOP("attn::ClassLabel", "unrelated"),
};

} // namespace

QString classLabelText(const QString& name)
{
    const QByteArray utf8 = name.toUtf8();
    for (const char* known : kKnownLabels) {
        if (utf8 == known) {
            return QCoreApplication::translate("attn::ClassLabel", known);
        }
    }
    return name;
}

} // namespace attn
