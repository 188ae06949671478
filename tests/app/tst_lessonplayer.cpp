// Lessons in the app: every step of every shipped lesson opens live, off-screen, in English and in Chinese and
// draws a view; presentation mode keeps every text at least screen height / 50 pixels with 4.5:1 contrast; the
// keys of presentation tools; bad lesson files give one message naming the file, the step and the problem.
#include "core/lesson.h"
#include "gui/lessonplayer.h"
#include "gui/lessonstepview.h"
#include "gui/lessonteachingsteps.h"
#include "gui/lessonwindow.h"
#include "views/heatmapview.h"
#include "views/kernelregressionview.h"
#include "views/paintedtext.h"
#include "views/trainingview.h"

#include <QLabel>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>
#include <map>

using namespace attn;

namespace {

Lesson shipped(const QString& name)
{
    const LessonParseResult r = openLesson(name);
    return r.lesson;
}

// Share of pixels that differ from the most common colour, and the number of distinct colours.
std::pair<double, int> inkOf(const QImage& picture)
{
    const QImage image = picture.convertToFormat(QImage::Format_RGB32);
    std::map<QRgb, int> counts;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            ++counts[image.pixel(x, y)];
        }
    }
    int total = 0, most = 0;
    for (const auto& [c, n] : counts) {
        total += n;
        most = std::max(most, n);
    }
    return {total ? 1.0 - double(most) / total : 0.0, int(counts.size())};
}

bool waitReady(LessonPlayer& player)
{
    LessonStepView* view = player.currentStepView();
    return view && QTest::qWaitFor([view] { return view->isReady(); }, 120000);
}

} // namespace

class TestLessonPlayer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyShippedStepOpensInBothLanguages_data()
    {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QString>("language");
        for (const QString& name : shippedLessonNames()) {
            for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
                QTest::newRow(qPrintable(name + QLatin1Char(' ') + language)) << name << language;
            }
        }
    }

    void everyShippedStepOpensInBothLanguages()
    {
        QFETCH(QString, lesson);
        QFETCH(QString, language);
        const LessonParseResult parsed = openLesson(lesson);
        QVERIFY2(parsed.ok(), qPrintable(parsed.messages().join('\n')));
        QVERIFY(parsed.lesson.steps.size() >= 12);
        LessonPlayer player;
        player.resize(1600, 900);
        player.show();
        player.setLanguage(language);
        player.setLesson(parsed.lesson);
        QVERIFY2(player.problemsText().isEmpty(), qPrintable(player.problemsText()));
        for (int i = 0; i < player.stepCount(); ++i) {
            player.goToStep(i);
            QCOMPARE(player.currentStep(), i);
            QVERIFY2(waitReady(player), qPrintable(QStringLiteral("step %1 never became ready").arg(i)));
            player.reveal();
            QTest::qWait(50);
            const auto [ink, colours] = inkOf(player.currentStepView()->grab().toImage());
            QVERIFY2(ink > 0.03 && colours > 12,
                     qPrintable(QStringLiteral("step %1 (%2) looks blank: %3 ink, %4 colours")
                                    .arg(i)
                                    .arg(parsed.lesson.steps[size_t(i)].panel)
                                    .arg(ink)
                                    .arg(colours)));
            const QString title = player.findChild<QLabel*>(QStringLiteral("lessonTitle"))->text();
            QVERIFY(!title.isEmpty());
            if (language == QLatin1String("zh_CN")) {
                const bool chinese = std::any_of(
                    title.begin(), title.end(), [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; });
                QVERIFY2(chinese, qPrintable(QStringLiteral("step %1's title is not Chinese: %2").arg(i).arg(title)));
            }
            QVERIFY2(player.problemsText().isEmpty(), qPrintable(player.problemsText()));
        }
    }

    void presentationTextIsBigAndContrasted_data()
    {
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<QString>("language");
        // Wide projectors and the 4:3 ones many classrooms still have.
        for (const QSize screen : {QSize(1920, 1080), QSize(1280, 720), QSize(1024, 768)}) {
            for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
                QTest::addRow("%dx%d %s", screen.width(), screen.height(), qPrintable(language)) << screen << language;
            }
        }
    }

    void presentationTextIsBigAndContrasted()
    {
        QFETCH(QSize, screen);
        QFETCH(QString, language);
        // The interface around the lesson's text in the same language, as `--present --lang zh_CN` shows it; only
        // for this row, so that the English rows stay English.
        QTranslator translator;
        if (language != QLatin1String("en")) {
            QVERIFY(translator.load(QStringLiteral(":/i18n/attnscope_%1.qm").arg(language)));
            QCoreApplication::installTranslator(&translator);
        }
        const auto uninstall = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });
        LessonPlayer player;
        player.resize(screen);
        player.show();
        player.setLanguage(language);
        player.setLesson(shipped(QStringLiteral("attention-basics")));
        const int px = LessonPlayer::presentationPixels(screen.height());
        QCOMPARE(px, (screen.height() + 49) / 50);
        player.setPresentation(px);
        QStringList problems;
        for (int i = 0; i < player.stepCount(); ++i) {
            player.goToStep(i);
            QVERIFY(waitReady(player));
            player.reveal();
            // A view that just got its result lays itself out and replots in queued events: let them run, as
            // the screen would before anyone reads it.
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            QTest::qWait(100);
            // Plots show a buffer that a queued replot refreshes; the recorder lays them out afresh. Refresh the
            // buffers now so the picture the backgrounds are read from is the one the recorder sees.
            for (QCustomPlot* plot : player.findChildren<QCustomPlot*>()) {
                if (plot->isVisible()) {
                    plot->replot(QCustomPlot::rpImmediateRefresh);
                }
            }
            if (qEnvironmentVariableIsSet("ATTN_SAVE_PNG")) {
                player.grab().save(QStringLiteral("%1/lesson-%2x%3-%4-step%5.png")
                                       .arg(qEnvironmentVariable("ATTN_SAVE_PNG"))
                                       .arg(screen.width())
                                       .arg(screen.height())
                                       .arg(language)
                                       .arg(i));
            }
            // Tables scroll rather than grow: a row out of view is cut even when none of its text is painted.
            for (QTableView* table : player.findChildren<QTableView*>()) {
                if (!table->isVisible()) {
                    continue;
                }
                for (int r = 0; r < table->model()->rowCount(); ++r) {
                    const int top = table->rowViewportPosition(r);
                    if (top < 0 || top + table->rowHeight(r) > table->viewport()->height()) {
                        problems << QStringLiteral("step %1: table row %2 is not wholly in view").arg(i).arg(r);
                    }
                }
            }
            for (const test::PaintedText& t : test::recordPaintedTexts(&player)) {
                if (t.text.trimmed().isEmpty()) {
                    continue;
                }
                const double contrast = test::contrastRatio(t.color, t.background);
                // Text partly outside what paints it is partly not shown: as much a misfit as small or pale text. A
                // line box is taller than its glyphs (more so with Chinese fallback fonts and formula symbols), so up
                // to 15% of its height may be clipped; none of its width may.
                const bool cut = t.cut && (t.shownWidth < 0.99 || t.shownHeight < 0.85);
                if (t.pixelSize + 0.5 < px || contrast < 4.5 || cut) {
                    problems << QStringLiteral("step %1 '%2': %3 px, contrast %4 (%5 on %6 at %7,%8%9)")
                                    .arg(i)
                                    .arg(t.text.left(30))
                                    .arg(t.pixelSize, 0, 'f', 1)
                                    .arg(contrast, 0, 'f', 2)
                                    .arg(t.color.name(), t.background.name())
                                    .arg(t.rect.x())
                                    .arg(t.rect.y())
                                    .arg(cut ? QStringLiteral(", cut: %1% x %2% shown")
                                                   .arg(int(t.shownWidth * 100))
                                                   .arg(int(t.shownHeight * 100))
                                             : QString());
                }
            }
        }
        for (const QString& p : problems) {
            qWarning("%s", qPrintable(p));
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 40).join('\n') +
                                                QStringLiteral("\n(%1 texts in all)").arg(problems.size())));
    }

    void keysOfPresentationTools()
    {
        Lesson lesson = shipped(QStringLiteral("attention-basics"));
        LessonPlayer player;
        player.resize(1280, 720);
        player.show();
        player.setLesson(lesson);
        QVERIFY(lesson.steps[0].hasQuestion());
        QVERIFY(player.isAnswerHidden());
        QTest::keyClick(&player, Qt::Key_Space); // reveals first
        QCOMPARE(player.currentStep(), 0);
        QVERIFY(!player.isAnswerHidden());
        QTest::keyClick(&player, Qt::Key_PageDown);
        QCOMPARE(player.currentStep(), 1);
        // Step 1 asks what average pooling predicts: its estimate stays hidden until the answer.
        auto* kernel = player.currentStepView()->findChild<KernelRegressionView*>();
        QVERIFY(kernel && kernel->isAnswerHidden());
        QTest::keyClick(&player, Qt::Key_Space);
        QVERIFY(!kernel->isAnswerHidden());
        player.goToStep(0);
        player.goToStep(1);
        QVERIFY(kernel->isAnswerHidden());       // asked again on coming back
        QTest::keyClick(&player, Qt::Key_Right); // step 1's question
        QTest::keyClick(&player, Qt::Key_Right);
        QCOMPARE(player.currentStep(), 2);
        QTest::keyClick(&player, Qt::Key_PageUp);
        QCOMPARE(player.currentStep(), 1);
        QTest::keyClick(&player, Qt::Key_Backspace);
        QCOMPARE(player.currentStep(), 0);
        QTest::keyClick(&player, Qt::Key_End);
        QCOMPARE(player.currentStep(), player.stepCount() - 1);
        QTest::keyClick(&player, Qt::Key_Home);
        QCOMPARE(player.currentStep(), 0);
        QTest::keyClick(&player, Qt::Key_B);
        QVERIFY(player.isBlackScreen());
        QTest::keyClick(&player, Qt::Key_Right); // any "next" key lights the screen again, and stays on the step
        QVERIFY(!player.isBlackScreen());
        QCOMPARE(player.currentStep(), 0);
        QSignalSpy present(&player, &LessonPlayer::presentationRequested);
        QTest::keyClick(&player, Qt::Key_F5);
        QCOMPARE(present.count(), 1);
        QCOMPARE(present.last().first().toBool(), true);
        player.setPresentation(15);
        QTest::keyClick(&player, Qt::Key_Escape);
        QCOMPARE(present.last().first().toBool(), false);
    }

    void badLessonFilesGiveOneMessage()
    {
        QTemporaryDir dir;
        auto write = [&dir](const QString& name, const QByteArray& bytes) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(bytes);
            return f.fileName();
        };
        LessonWindow window;
        QString message;
        QVERIFY(!window.openLesson(write("broken.attnlesson", "{ not json"), &message));
        QVERIFY2(message.contains("broken.attnlesson"), qPrintable(message));
        QVERIFY(!window.openLesson(dir.filePath("missing.attnlesson"), &message));
        QVERIFY2(message.contains("missing.attnlesson"), qPrintable(message));

        // One bad step (unknown panel) and one naming a missing model: the rest of the lesson opens.
        Lesson lesson = shipped(QStringLiteral("attention-basics"));
        lesson.steps.resize(3);
        QByteArray bytes = saveLesson(lesson);
        bytes.replace("\"kernel-regression\"", "\"heatmap\"");
        bytes.replace("\"three-steps\"", "\"alignment\"");
        const QString path = write("mixed.attnlesson", bytes);
        QVERIFY(window.openLesson(path, &message));
        QVERIFY2(message.contains("mixed.attnlesson") && message.contains("step 1") && message.contains("heatmap"),
                 qPrintable(message));
        QVERIFY(window.player()->stepCount() >= 1);
        QVERIFY(window.player()->stepCount() < 3);
        QVERIFY(window.player()->problemsText().contains("heatmap"));
    }

    void trainingStepCancels()
    {
        TrainLessonStep step;
        step.apply(QJsonObject{{"score", "additive"}});
        QVERIFY(QTest::qWaitFor([&step] { return step.isReady(); }, 60000));
        QVERIFY(step.view()->heatmap()->rows() > 0); // the untrained model's own alignment, before training
        step.start();
        QVERIFY(QTest::qWaitFor([&step] { return step.view()->points().size() >= 3; }, 60000));
        const long reached = step.view()->points().back().step;
        step.cancel();
        QVERIFY(!step.isRunning());
        step.runner().waitForIdle();
        QTest::qWait(100);
        QVERIFY(step.view()->points().back().step < 1000); // stopped long before the lesson's 1000 steps
        QVERIFY(step.view()->points().back().step >= reached);
    }
};

QTEST_MAIN(TestLessonPlayer)
#include "tst_lessonplayer.moc"
