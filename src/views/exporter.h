#pragma once

#include <QSize>
#include <QString>

class QWidget;
class QCustomPlot;

namespace attn {

// Writes what a view shows to PNG, SVG or PDF, chosen by the file's extension, at the widget's current size.
// Plots are drawn as vectors in SVG and PDF. Returns false and fills error (naming the file) on failure.
bool exportPlot(QCustomPlot* plot, const QString& path, QString* error, double pngScale = 2.0);
bool exportWidget(QWidget* widget, const QString& path, QString* error, double pngScale = 2.0);

// Lays a window-less widget out at size so that it can be exported (render without a window).
void layoutOffscreen(QWidget* widget, QSize size);

// "png", "svg" or "pdf" for a path, or empty when the extension is none of these.
QString exportFormat(const QString& path);
// File-dialog filter for the three formats (translated).
QString exportFilter();

} // namespace attn
