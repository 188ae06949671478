// Hugging Face folders in the Text tab (issue 16): a tiny random BERT written by the test opens from the panel
// and from a drop on the window, its tokens show with [CLS]/[SEP], the Words box merges its pieces; a BERT-base-sized
// model (random weights, 12 x 12 heads, hidden 768) at 512 tokens opens and draws. ATTN_GRAB_HF_TEXT=DIR saves
// the panel (and the window after the drop) as PNGs there.
#include "cli/hftinybert.h"
#include "core/wordpieces.h"
#include "gui/mainwindow.h"
#include "gui/textpanel.h"
#include "gui/textsession.h"
#include "gui/wordviewtoggle.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/modelgridview.h"

#include <QApplication>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace attn;

namespace {

void grab(QWidget& w, const QString& name)
{
    const QString dir = qEnvironmentVariable("ATTN_GRAB_HF_TEXT");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(w.grab().save(QDir(dir).filePath(name)));
    }
}

// The darkest pixel's lightness: a drawn heatmap has dark cells (viridis starts near black), a blank view none.
int darkest(QWidget* w)
{
    const QImage image = w->grab().toImage();
    int least = 255;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            least = std::min(least, qGray(image.pixel(x, y)));
        }
    }
    return least;
}

} // namespace

class TstHfTextPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;

    bool runAndWait(TextPanel& panel, const QString& text)
    {
        panel.setSentence(text);
        QSignalSpy updated(&panel, &TextPanel::viewsUpdated);
        panel.run();
        panel.session()->waitForIdle();
        return updated.count() > 0 || updated.wait(60000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttentionScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_hftextpanel"));
        QSettings().clear();
        QVERIFY(tinybert::write(m_tmp.filePath("tiny-bert")));
    }

    void opensAFolderAndMergesItsPiecesIntoWords()
    {
        TextPanel panel;
        panel.resize(1400, 800);
        panel.show();
        QSignalSpy errors(&panel, &Panel::errorOccurred);
        panel.openModel(m_tmp.filePath("tiny-bert"));
        QVERIFY(runAndWait(panel, QStringLiteral("Playing unbelievable cards")));
        for (const auto& e : errors) {
            QVERIFY2(e.first().toString().isEmpty(), qPrintable(e.first().toString()));
        }
        const QStringList pieces = {"[CLS]", "play", "##ing", "un", "##believ", "##able", "card", "##s", "[SEP]"};
        QCOMPARE(panel.attention()->blocks.front().queryLabels, pieces);
        QCOMPARE(panel.headView()->queryLabels(), pieces);
        QCheckBox* words = panel.wordsToggle()->checkBox();
        QVERIFY(words->isVisibleTo(&panel));
        QVERIFY(!words->isChecked());
        QVERIFY(words->toolTip().contains(QStringLiteral("mean")));
        grab(panel, QStringLiteral("hf-text-pieces.png"));

        QSignalSpy updated(&panel, &TextPanel::viewsUpdated);
        words->setChecked(true);
        QVERIFY(updated.count() > 0);
        const QStringList merged = {"[CLS]", "playing", "unbelievable", "cards", "[SEP]"};
        QCOMPARE(panel.attention()->blocks.front().queryLabels, merged);
        QCOMPARE(panel.headView()->queryLabels(), merged);
        QVERIFY(panel.noticeText().contains(QStringLiteral("Words")));
        panel.attention()->validate(1e-5);
        panel.setCurrentView(TextPanel::MatrixTab);
        QCoreApplication::processEvents();
        grab(panel, QStringLiteral("hf-text-words.png"));

        // The next run keeps the choice; unchecking gives the pieces back.
        QVERIFY(runAndWait(panel, QStringLiteral("the dog was playing")));
        QCOMPARE(panel.attention()->blocks.front().queryLabels,
                 (QStringList{"[CLS]", "the", "dog", "was", "playing", "[SEP]"}));
        words->setChecked(false);
        QCOMPARE(panel.attention()->blocks.front().queryLabels.value(4), QStringLiteral("play"));

        // The choice is kept in the settings, and start() restores it.
        words->setChecked(true);
        QVERIFY(QSettings().value(QStringLiteral("text/words")).toBool());
        {
            TextPanel again;
            QSignalSpy updated(&again, &TextPanel::viewsUpdated);
            again.start();
            again.session()->waitForIdle();
            QVERIFY(updated.count() > 0 || updated.wait(30000));
            QVERIFY(again.wordsToggle()->isOn());
            QCOMPARE(again.attention()->blocks.front().queryLabels.value(4), QStringLiteral("playing"));
        }

        // A run without pieces hides the box.
        QVERIFY(runAndWait(panel, QStringLiteral("the cat sat")));
        QVERIFY(!words->isVisibleTo(&panel));
    }

    void aDropOnTheWindowOpensTheFolderInTheTextTab()
    {
        MainWindow w;
        w.resize(1600, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        TextPanel* text = w.textPanel();
        text->session()->waitForIdle();
        text->setSentence(QStringLiteral("The cat sat on the mat."));
        QSignalSpy updated(text, &TextPanel::viewsUpdated);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_tmp.filePath("tiny-bert"))});
        QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        text->session()->waitForIdle();
        QTRY_VERIFY_WITH_TIMEOUT(text->hasAttention() && text->attention()->modelName == QStringLiteral("tiny-bert"),
                                 30000);
        QCOMPARE(w.findChild<QTabWidget*>(QStringLiteral("panelTabs"))->currentWidget(), static_cast<QWidget*>(text));
        QCOMPARE(text->session()->modelPath(), m_tmp.filePath("tiny-bert"));
        QCOMPARE(text->attention()->blocks.front().queryLabels,
                 (QStringList{"[CLS]", "the", "cat", "sat", "on", "the", "mat", ".", "[SEP]"}));
        QCoreApplication::processEvents();
        grab(w, QStringLiteral("hf-text-window.png"));
    }

    // Issue 16's "works with": a BERT-base-sized model at 512 tokens must open and draw.
    void bertBaseSizedAt512TokensOpensAndDraws()
    {
        const QString dir = m_tmp.filePath("bert-base-random");
        QVERIFY(tinybert::write(dir, tinybert::bertBaseSized()));
        TextPanel panel;
        panel.resize(1600, 900);
        panel.show();
        panel.openModel(dir);
        // 512 tokens with [CLS] and [SEP], some words in two pieces (play ##ing).
        QStringList words;
        for (int i = 0, tokens = 2; tokens < 512; ++i) {
            const bool pieces = i % 4 == 0 && tokens + 2 <= 512;
            words << (pieces ? QStringLiteral("playing") : QStringLiteral("cat"));
            tokens += pieces ? 2 : 1;
        }
        QElapsedTimer timer;
        timer.start();
        QVERIFY(runAndWait(panel, words.join(QLatin1Char(' '))));
        const qint64 ran = timer.elapsed();
        const AttentionBlock& b = panel.attention()->blocks.front();
        QCOMPARE(b.layers, 12);
        QCOMPARE(b.heads, 12);
        QCOMPARE(b.queries, 512);
        QVERIFY(b.maxRowSumError() < 1e-4);
        for (const auto tab : {TextPanel::MatrixTab, TextPanel::ModelTab, TextPanel::HeadTab}) {
            timer.restart();
            panel.setCurrentView(tab);
            QCoreApplication::processEvents();
            QWidget* view = tab == TextPanel::MatrixTab  ? static_cast<QWidget*>(panel.matrixView())
                            : tab == TextPanel::ModelTab ? static_cast<QWidget*>(panel.modelView())
                                                         : static_cast<QWidget*>(panel.headView());
            QVERIFY2(darkest(view) < 120, "the view drew nothing dark");
            qInfo("view %d drawn in %lld ms", int(tab), timer.elapsed());
        }
        qInfo("BERT-base-sized, 512 tokens: run and first views in %lld ms", ran);

        // Words: a run this large is merged off the GUI thread; the views keep the pieces until the words are ready.
        WordViewToggle* toggle = panel.wordsToggle();
        QVERIFY(toggle->available());
        QSignalSpy changed(toggle, &WordViewToggle::changed);
        toggle->setOn(true);
        QCOMPARE(panel.attention()->blocks.front().queries, 512);
        toggle->waitForIdle();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 30000);
        const AttentionBlock& w = panel.attention()->blocks.front();
        QVERIFY(w.queries < 512);
        QCOMPARE(w.queryLabels.value(1), QStringLiteral("playing"));
        QVERIFY(w.maxRowSumError() < 1e-4);
        toggle->setOn(false); // the pieces come back at once
        QCOMPARE(panel.attention()->blocks.front().queries, 512);
        panel.setCurrentView(TextPanel::ModelTab);
        QCoreApplication::processEvents();
        grab(panel, QStringLiteral("hf-text-bert-base-512.png"));
    }
};

QTEST_MAIN(TstHfTextPanel)
#include "tst_hftextpanel.moc"
