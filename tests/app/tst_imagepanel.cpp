// The image-caption panel: bundled examples, captioning off the GUI thread, clickable words, play / step,
// soft and hard views, what the model saw, errors for bad files, exports.
#include "gui/imagepanel.h"
#include "views/imageoverlayview.h"
#include "views/overlaygridview.h"

#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace attn;

class TestImagePanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_panel = new ImagePanel;
        m_panel->resize(1200, 800);
        QSignalSpy opened(&m_panel->session(), &ImageSession::modelOpened);
        m_panel->setModelDir(QStringLiteral(ATTN_MODELS_DIR "/caption-shapes"));
        QVERIFY(opened.wait(60000));
    }

    void cleanupTestCase() { delete m_panel; }

    void examplesAreBundled()
    {
        auto* combo = m_panel->findChild<QComboBox*>("exampleCombo");
        QVERIFY(combo);
        QVERIFY(combo->count() >= 5); // the prompt and the examples
    }

    void captionsAnExampleInTheBackground()
    {
        QSignalSpy ready(m_panel, &ImagePanel::captionReady);
        m_panel->openImage(QStringLiteral(":/examples/caption/red-triangle-above-purple-circle.png"));
        QVERIFY(ready.wait(60000));
        const CaptionResult& c = m_panel->caption();
        QVERIFY(c.steps() > 4);
        QCOMPARE(m_panel->wordButtons().size(), c.steps());
        QCOMPARE(m_panel->modelInput().size(), QSize(64, 64));
        QCOMPARE(m_panel->softView()->caption().words, c.words);
        QCOMPARE(m_panel->hardView()->style().display, AttentionDisplay::HardArgmax);
    }

    void clickingAWordSelectsItEverywhere()
    {
        QVERIFY(m_panel->caption().steps() > 3);
        m_panel->wordButtons().at(3)->click();
        QCOMPARE(m_panel->selectedWord(), 3);
        QCOMPARE(m_panel->hardView()->word(), 3);
        QCOMPARE(m_panel->gridView()->selectedWord(), 3);
        QVERIFY(m_panel->wordButtons().at(3)->isChecked());
        QVERIFY(!m_panel->wordButtons().at(2)->isChecked());
        m_panel->findChild<QToolButton*>("prevButton")->click();
        QCOMPARE(m_panel->selectedWord(), 2);
        m_panel->findChild<QToolButton*>("nextButton")->click();
        QCOMPARE(m_panel->selectedWord(), 3);
    }

    void playStepsToTheEnd()
    {
        m_panel->selectWord(0);
        auto* play = m_panel->findChild<QToolButton*>("playButton");
        play->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->selectedWord(), m_panel->caption().steps() - 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!play->isChecked(), 5000);
    }

    void badFilesReportErrors()
    {
        QTemporaryDir dir;
        QFile junk(dir.filePath("junk.png"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("nothing to see");
        junk.close();
        QSignalSpy errors(m_panel, &Panel::errorOccurred);
        const QStringList before = m_panel->caption().words;
        m_panel->openImage(dir.filePath("junk.png"));
        QVERIFY(errors.wait(30000));
        QVERIFY(errors.first().first().toString().contains("junk.png"));
        QCOMPARE(m_panel->caption().words, before); // the last good caption stays
        errors.clear();
        m_panel->setModelDir(dir.filePath("no-model"));
        QVERIFY(errors.wait(30000));
        QVERIFY(errors.first().first().toString().contains("no-model"));
        // The model that was open still captions.
        QSignalSpy ready(m_panel, &ImagePanel::captionReady);
        m_panel->openImage(QStringLiteral(":/examples/caption/red-triangle-above-purple-circle.png"));
        QVERIFY(ready.wait(60000));
    }

    void exportsWordAndGrid()
    {
        QTemporaryDir dir;
        for (const QString ext : {"png", "svg", "pdf"}) {
            QString error;
            QVERIFY2(m_panel->exportView(dir.filePath("grid." + ext), &error), qPrintable(error));
            QVERIFY2(m_panel->exportWord(dir.filePath("word." + ext), &error), qPrintable(error));
            QVERIFY(QFileInfo(dir.filePath("grid." + ext)).size() > 500);
        }
    }

private:
    ImagePanel* m_panel = nullptr;
};

QTEST_MAIN(TestImagePanel)
#include "tst_imagepanel.moc"
