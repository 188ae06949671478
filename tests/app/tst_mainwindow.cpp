// The main window starts off-screen, draws something, reacts to edits, and reports errors without a modal box.
#include "gui/language.h"
#include "gui/generatepanel.h"
#include "gui/generatesession.h"
#include "gui/imagepanel.h"
#include "gui/mainwindow.h"
#include "views/overlaygridview.h"
#include "core/scoring.h"
#include "gui/scorespanel.h"
#include "views/heatmapview.h"

#include <QApplication>
#include <QMenu>
#include <QTabWidget>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace attn;

namespace {

// Runs the attnscope executable off-screen; its exit status, or -1 when it crashed or did not finish.
int runGui(const QStringList& args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    p.setProcessEnvironment(env);
    p.start(ATTN_GUI_PATH, args);
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setOrganizationName("AttentionScopeTest");
        QApplication::setApplicationName("tst_mainwindow");
        QSettings().clear();
    }

    void startsAndIsNotBlank()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::qWait(200);
        const QImage grab = w.grab().toImage();
        QVERIFY(grab.width() > 600 && grab.height() > 400);
        QSet<QRgb> colours;
        for (int y = 0; y < grab.height(); y += 5)
            for (int x = 0; x < grab.width(); x += 5)
                colours.insert(grab.pixel(x, y));
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
        QCOMPARE(w.scoresPanel()->heatmap()->rows(), int(allScoreFunctions().size())); // one row per function
        QCOMPARE(w.scoresPanel()->heatmap()->rows(), 8);
    }

    // Every tab opens on a working example: the Image tab captions a bundled scene, the Generate tab runs the
    // shipped stories260K, without anyone pressing a button.
    void noTabOpensEmpty()
    {
        MainWindow w;
        QVERIFY(QTest::qWaitFor([&w] { return w.imagePanel()->caption().steps() > 0; }, 60000));
        QVERIFY2(!GenerateSession::shippedCheckpoint().isEmpty(),
                 "models/stories260K is not installed (scripts/setup.sh installs it)");
        QVERIFY(QTest::qWaitFor([&w] { return !w.generatePanel()->generation().tokens.empty(); }, 60000));
        QVERIFY(w.generatePanel()->heatmap()->rows() > 0);
        QVERIFY(w.imagePanel()->gridView()->isEnabled());
    }

    void editingTheQueryRecomputesEveryFunction()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* panel = w.scoresPanel();
        auto* query = panel->findChild<QLineEdit*>("queryEdit");
        auto* keys = panel->findChild<QPlainTextEdit*>("keysEdit");
        QVERIFY(query && keys);
        keys->setPlainText("1, 0\n0, 1");
        query->setText("0, 3");
        auto* heat = panel->heatmap();
        QCOMPARE(heat->cols(), 2);
        // dot: softmax(0, 3)
        const double e = std::exp(3.0);
        QVERIFY(std::abs(heat->value(0, 1) - e / (1 + e)) < 1e-6);
        // cosine: softmax(0, 1)
        QVERIFY(std::abs(heat->value(2, 1) - std::exp(1.0) / (1 + std::exp(1.0))) < 1e-6);
        QVERIFY(w.currentError().isEmpty());

        query->setText("0, oops");
        QVERIFY(w.currentError().contains("'oops' is not a number"));
        QVERIFY(QApplication::activeModalWidget() == nullptr);
        QCOMPARE(heat->cols(), 2); // the last good picture stays
        query->setText("1, 1");
        QVERIFY(w.currentError().isEmpty());
    }

    void settingsAreRemembered()
    {
        {
            MainWindow w;
            w.setColorMap(ColorMap::Greys);
            w.scoresPanel()->findChild<QLineEdit*>("queryEdit")->setText("2, 5");
            w.close();
        }
        MainWindow again;
        QCOMPARE(again.colorMap(), ColorMap::Greys);
        QCOMPARE(again.scoresPanel()->query(), QString("2, 5"));
        QCOMPARE(again.scoresPanel()->heatmap()->colorMap(), ColorMap::Greys);
    }

    void theExecutableStartsOffscreen()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath("shot.png");
        QCOMPARE(runGui({"--screenshot", png}), 0);
        const QImage img(png);
        QVERIFY(!img.isNull());
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 5)
            for (int x = 0; x < img.width(); x += 5)
                colours.insert(img.pixel(x, y));
        QVERIFY(colours.size() > 50);
    }

    // attnscope --image FILE --word N opens the Image tab on the file: the shot shows the example's
    // purple circle (the default tab has no such colour). A missing file gives a message, not a crash.
    void theExecutableOpensAnImage()
    {
        QTemporaryDir dir;
        const auto shoot = [](const QString& image, const QString& png) {
            return runGui({"--image", image, "--word", "3", "--screenshot", png});
        };
        const auto purplePixels = [](const QImage& img) {
            int n = 0;
            for (int y = 0; y < img.height(); y += 2)
                for (int x = 0; x < img.width(); x += 2) {
                    const QRgb c = img.pixel(x, y);
                    n += qRed(c) > 140 && qBlue(c) > 140 && qGreen(c) < 90 ? 1 : 0;
                }
            return n;
        };
        const QString example = QStringLiteral(ATTN_SOURCE_DIR "/resources/examples/caption/three-in-a-row.png");
        QCOMPARE(shoot(example, dir.filePath("image.png")), 0);
        const QImage shot(dir.filePath("image.png"));
        QVERIFY(!shot.isNull());
        QVERIFY2(purplePixels(shot) > 400, qPrintable(QString::number(purplePixels(shot))));
        QCOMPARE(shoot(dir.filePath("missing.png"), dir.filePath("missing-shot.png")), 0);
        QVERIFY(!QImage(dir.filePath("missing-shot.png")).isNull());
        QCOMPARE(purplePixels(QImage(dir.filePath("missing-shot.png"))), 0);
    }

    // Last: the translator stays installed for the rest of the process.
    void chineseInterfaceIsAvailable()
    {
        QCOMPARE(installTranslators(QCoreApplication::instance(), "zh_CN"), QString("zh_CN"));
        MainWindow w;
        auto* tabs = w.findChild<QTabWidget*>("panelTabs");
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(tabs->indexOf(w.scoresPanel())), QString::fromUtf8("评分函数"));
        QCOMPARE(w.findChild<QMenu*>("menuFile")->title(), QString::fromUtf8("文件(&F)"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
