#pragma once

#include <QString>
#include <QStringList>

namespace attn {

// The head a model folder recommends showing first (the coreference model's referent head), read from
// config.json ("default_view": {"kind", "layer", "head"} or "referent_head": {...}) or, failing that, from a
// card.md line naming the referent head ("... layer 2, head 1 ..."). layer/head are -1 when the folder names none.
struct DefaultHead
{
    QString kind;
    int layer = -1;
    int head = -1;
    bool valid() const { return layer >= 0 && head >= 0; }
};
DefaultHead defaultHeadOf(const QString& modelDir);

// The shipped models folder: $ATTNSCOPE_MODELS, else the first "models" folder holding a model found walking up
// from the executable (build trees sit inside the source tree), else "models" in the working directory.
QString modelsDirectory();
// The model folders (holding config.json) directly inside dir, sorted by name, as absolute paths.
QStringList modelFoldersIn(const QString& dir);
// True when path is a folder with a config.json.
bool isModelFolder(const QString& path);

// The minimal pair of the coreference demo (Tensor2Tensor's picture): "it" is the animal, then the street.
QString canonicalSentence();
QString canonicalSecondSentence();

} // namespace attn
