#include "views/exporter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QWidget>
#include <qcustomplot.h>

namespace attn {

namespace {

bool unknownFormat(const QString& path, QString* error)
{
    if (error) {
        *error = QCoreApplication::translate("attn::Exporter", "%1: unknown export format (use .png, .svg or .pdf)").arg(path);
    }
    return false;
}

bool cannotWrite(const QString& path, QString* error)
{
    if (error) {
        *error = QCoreApplication::translate("attn::Exporter", "%1: cannot write the file").arg(path);
    }
    return false;
}

// Draws with paint() onto an SVG or PDF device of the given logical size.
template <typename PainterType, typename Paint>
bool paintVector(const QString& path, const QString& format, QSize size, Paint paint)
{
    if (format == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(QStringLiteral("AttentionScope"));
        PainterType painter;
        if (!painter.begin(&svg)) {
            return false;
        }
        paint(painter);
        return painter.end();
    }
    QPdfWriter pdf(path);
    pdf.setCreator(QStringLiteral("AttentionScope"));
    pdf.setResolution(96);
    pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    PainterType painter;
    if (!painter.begin(&pdf)) {
        return false;
    }
    const QRect page = painter.viewport();
    painter.scale(double(page.width()) / size.width(), double(page.height()) / size.height());
    paint(painter);
    return painter.end();
}

} // namespace

void layoutOffscreen(QWidget* widget, QSize size)
{
    widget->setAttribute(Qt::WA_DontShowOnScreen, true);
    widget->resize(size);
    widget->show();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
}

QString exportFormat(const QString& path)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext == QLatin1String("png") || ext == QLatin1String("svg") || ext == QLatin1String("pdf")) {
        return ext;
    }
    return {};
}

QString exportFilter()
{
    return QCoreApplication::translate("attn::Exporter", "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)");
}

bool exportPlot(QCustomPlot* plot, const QString& path, QString* error, double pngScale)
{
    const QString format = exportFormat(path);
    if (format.isEmpty()) {
        return unknownFormat(path, error);
    }
    const int w = plot->width();
    const int h = plot->height();
    bool ok = false;
    if (format == QLatin1String("png")) {
        ok = plot->savePng(path, w, h, pngScale);
    } else if (format == QLatin1String("pdf")) {
        ok = plot->savePdf(path, w, h, QCP::epNoCosmetic);
    } else {
        ok = paintVector<QCPPainter>(path, format, QSize(w, h),
                                     [&](QCPPainter& painter) { plot->toPainter(&painter, w, h); });
    }
    return ok || cannotWrite(path, error);
}

bool exportWidget(QWidget* widget, const QString& path, QString* error, double pngScale)
{
    const QString format = exportFormat(path);
    if (format.isEmpty()) {
        return unknownFormat(path, error);
    }
    const QSize size = widget->size();
    bool ok = false;
    if (format == QLatin1String("png")) {
        QImage image(size * pngScale, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(pngScale);
        image.fill(widget->palette().color(QPalette::Window));
        QPainter painter(&image);
        widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
        painter.end();
        ok = image.save(path, "PNG");
    } else {
        ok = paintVector<QPainter>(path, format, size,
                         [&](QPainter& painter) { widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren); });
    }
    return ok || cannotWrite(path, error);
}

} // namespace attn
