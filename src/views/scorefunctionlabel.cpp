#include "views/scorefunctionlabel.h"

#include <QCoreApplication>

namespace attn {

QString scoreFunctionLabel(ScoreFunction fn)
{
    // Literal strings with their context, so lupdate finds every one of them.
    switch (fn) {
    case ScoreFunction::Dot: return QCoreApplication::translate("attn::ScoreFunction", "dot");
    case ScoreFunction::ScaledDot: return QCoreApplication::translate("attn::ScoreFunction", "scaled dot");
    case ScoreFunction::Cosine: return QCoreApplication::translate("attn::ScoreFunction", "cosine");
    case ScoreFunction::General: return QCoreApplication::translate("attn::ScoreFunction", "general");
    case ScoreFunction::ConcatLinear: return QCoreApplication::translate("attn::ScoreFunction", "concat linear");
    case ScoreFunction::ConcatTanh: return QCoreApplication::translate("attn::ScoreFunction", "concat tanh");
    case ScoreFunction::Additive: return QCoreApplication::translate("attn::ScoreFunction", "additive");
    case ScoreFunction::Location: return QCoreApplication::translate("attn::ScoreFunction", "location");
    }
    return QString::fromStdString(scoreFunctionName(fn));
}

QString scoreNameLabel(const QString& name)
{
    if (name == QLatin1String("none")) {
        return QCoreApplication::translate("attn::ScoreFunction", "none", "the seq2seq model without attention");
    }
    if (name == QLatin1String("myatt")) {
        return QCoreApplication::translate("attn::ScoreFunction", "MyAtt (rule 1)",
                                           "the course notes' module MyAtt: one weight per position");
    }
    if (const auto fn = scoreFunctionFromName(name.toStdString())) {
        return scoreFunctionLabel(*fn);
    }
    return name;
}

} // namespace attn
