#pragma once

#include <QString>
#include <QWidget>

#include "views/colormaps.h"

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

Q_SIGNALS:
    // A problem the user should see without a modal box (shown in the status bar).
    void errorOccurred(const QString& message);
    // A short status message (hover values, progress).
    void statusMessage(const QString& message);
};

} // namespace attn
