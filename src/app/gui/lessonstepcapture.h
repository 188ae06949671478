#pragma once

#include "core/lesson.h"

#include <QString>
#include <optional>

namespace attn {

class ComparePanel;
class GeneratePanel;
class ImagePanel;
class LabPanel;
class TextPanel;

// "Add this view as a step": what each of the app's panels shows, as a lesson step of its panel id
// (core/lessonpanels.h) with options that pass checkOptionValue. The inverse of lessonpanelsteps.cpp, which opens
// such a step. Each panel's lessonStep() calls its overload; nullopt when a lesson could not open the view again.
std::optional<LessonStep> captureLessonStep(const TextPanel& panel);     // "text"
std::optional<LessonStep> captureLessonStep(const ImagePanel& panel);    // "image"
std::optional<LessonStep> captureLessonStep(const GeneratePanel& panel); // "generate"
std::optional<LessonStep> captureLessonStep(const LabPanel& panel);      // "scoring-lab"
std::optional<LessonStep> captureLessonStep(const ComparePanel& panel);  // "seq2seq-compare"

// A path as a lesson writes it: relative to the repository root (the folder holding models/) when inside it,
// "resources/..." for a file compiled into the app (":/..."), else absolute.
QString lessonRelativePath(const QString& path);

} // namespace attn
