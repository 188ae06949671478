// render --lesson: a lesson's steps as the projector (or the player) shows them: one page per step in a PDF
// handout, or one step (--step) as PNG, SVG or PDF.
#include "cli/renderviews.h"
#include "core/lesson.h"
#include "gui/language.h"
#include "gui/lessonplayer.h"
#include "gui/lessonstepview.h"
#include "gui/lessonwindow.h"
#include "views/exporter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>

namespace attn::cli {

namespace {

constexpr int kReadyTimeoutMs = 180000;

// Shows step i with its answer, once its view shows its result (or the time is up: the page then says so).
void showStep(LessonPlayer& player, int i)
{
    player.goToStep(i);
    QElapsedTimer clock;
    clock.start();
    while (!player.currentStepView()->isReady() && clock.elapsed() < kReadyTimeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    player.reveal();
    for (int k = 0; k < 5; ++k) {
        QCoreApplication::processEvents();
    }
}

} // namespace

QString renderLesson(const QCommandLineParser& parser, const QString& out)
{
    QSize size(1920, 1080);
    if (parser.isSet("size")) {
        const QStringList wh = parser.value("size").split(QLatin1Char('x'));
        bool okW = false, okH = false;
        size = QSize(wh.value(0).toInt(&okW), wh.value(1).toInt(&okH));
        if (wh.size() != 2 || !okW || !okH || size.width() < 320 || size.height() < 240 || size.width() > 8000 ||
            size.height() > 8000) {
            return QStringLiteral("--size %1: give WIDTHxHEIGHT, e.g. 1920x1080 (320x240 to 8000x8000)")
                .arg(parser.value("size"));
        }
    }
    const QString language = parser.isSet("lang") ? parser.value("lang") : QStringLiteral("en");
    if (language != QLatin1String("en") && !language.startsWith(QLatin1String("zh"))) {
        return QStringLiteral("--lang %1: choose en or zh_CN").arg(language);
    }
    if (language != QLatin1String("en")) {
        // The interface around the lesson text (step counter, question, view titles and axes) in the same language.
        installTranslators(QCoreApplication::instance(), language);
    }
    LessonWindow window;
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.player()->setLanguage(language);
    if (parser.isSet("step")) {
        // One step: the others' jobs are not started (they may need LibTorch, which this step may not).
        window.player()->setEagerSteps(false);
        window.player()->setStartStep(std::max(0, parser.value("step").toInt()));
    }
    QString message;
    if (!window.openLesson(parser.value("lesson"), &message)) {
        return message;
    }
    if (!message.isEmpty()) {
        std::fprintf(stderr, "attnscope-cli: render: %s\n", qPrintable(message));
    }
    LessonPlayer& player = *window.player();
    int only = -1;
    if (parser.isSet("step")) {
        bool ok = false;
        only = parser.value("step").toInt(&ok);
        if (!ok || only < 0 || only >= player.stepCount()) {
            return QStringLiteral("--step %1: the lesson has steps 0 to %2 (steps count from 0)")
                .arg(parser.value("step"))
                .arg(player.stepCount() - 1);
        }
    } else if (exportFormat(out) != QLatin1String("pdf")) {
        return QStringLiteral("--out %1: a whole lesson is a PDF handout (one page a step); give --step N for one "
                              "step as PNG or SVG")
            .arg(out);
    }
    if (parser.isSet("present")) {
        player.setPresentation(LessonPlayer::presentationPixels(size.height()));
    }
    layoutOffscreen(&window, size);
    if (window.size() != size) {
        return QStringLiteral("--size %1x%2: the lesson needs at least %3x%4")
            .arg(size.width())
            .arg(size.height())
            .arg(window.width())
            .arg(window.height());
    }
    QString error;
    if (only >= 0) {
        showStep(player, only);
        return exportWidget(&player, out, &error, 1.0) ? QString() : error;
    }
    QPdfWriter pdf(out);
    pdf.setResolution(96);
    pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle(player.lesson().title.text(language));
    QPainter painter;
    if (!painter.begin(&pdf)) {
        return QStringLiteral("%1: cannot write the file").arg(out);
    }
    const double scale = double(pdf.width()) / double(size.width());
    for (int i = 0; i < player.stepCount(); ++i) {
        if (i > 0) {
            pdf.newPage();
        }
        showStep(player, i);
        painter.save();
        painter.scale(scale, scale);
        player.render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
        painter.restore();
    }
    painter.end();
    return {};
}

} // namespace attn::cli
