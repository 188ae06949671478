#pragma once

#include "core/attentionselection.h"
#include "gui/modelfolders.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>

#include <vector>

namespace attn {
class HeadView;
}

namespace attn::cli {

using attn::canonicalSecondSentence;
using attn::canonicalSentence;

// The options `render --view head|matrix|model|compare` share with the GUI's text panel: where the attention
// comes from (--model and --text, or --attention FILE.json from `attend`), what to show (--kind, --layer, --head,
// --aggregation, --hide), the selected token (--select) and a JSON description of what was drawn (--scene).
std::vector<QCommandLineOption> textViewOptions();

struct TextViewInput
{
    AttentionSet set;
    AttentionSet second; // --text2 / --attention2, for compare
    AttentionSelection selection;
    bool headGiven = false; // --head was set: the head view shows that head alone
    QString modelDir;
};

// True when the options ask for a model or an attention file (otherwise matrix falls back to --query/--keys).
bool hasTextInput(const QCommandLineParser& parser);
// Runs the model (or reads the file) and parses the selection; returns the error to print or an empty string.
// withSecond: also --text2 (default: the canonical sentence with "wide") or --attention2.
QString loadTextViewInput(const QCommandLineParser& parser, bool withSecond, TextViewInput& input);
// The query index --select names in labels (a token, matched as findHeads does, or a number), -1 when unset;
// fills error when it names nothing.
int selectedQuery(const QCommandLineParser& parser, const QStringList& labels, QString& error);
// The lines a head view draws, for --scene: tokens, selection, lines with weights, strongest line per query.
QJsonObject headViewScene(const HeadView& view);
// Writes --scene when set; returns the error or an empty string.
QString writeScene(const QCommandLineParser& parser, const QJsonObject& scene);

} // namespace attn::cli
