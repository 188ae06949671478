#pragma once

#include <QString>
#include <QWidget>

#include "core/lesson.h"
#include "views/colormaps.h"

#include <optional>

namespace attn {

// A tab of the main window. Panels own their logic; MainWindow only hosts them and routes shared actions.
class Panel : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;
    virtual QString title() const = 0;
    // Writes what the panel shows to PNG, SVG or PDF; false with error filled on failure.
    virtual bool exportView(const QString& path, QString* error) = 0;
    virtual void setColorMap(ColorMap map) = 0;
    // What the panel shows now as a lesson step ("Add this view as a step"): its panel id and options, a default
    // title in the interface's language, no text. nullopt when a lesson cannot open this view again (a panel
    // without a lesson panel id, or an input that is not a file).
    virtual std::optional<LessonStep> lessonStep() const { return std::nullopt; }

Q_SIGNALS:
    // A problem the user should see without a modal box (shown in the status bar).
    void errorOccurred(const QString& message);
    // A short status message (hover values, progress).
    void statusMessage(const QString& message);
};

} // namespace attn
