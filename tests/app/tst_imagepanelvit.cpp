// The Image tab with a Hugging Face ViT folder (issue 16): opening it (button or a dropped folder) switches the tab
// to the ViT views, an image runs off the GUI thread, every layer x head and the rollout are shown, a tile click
// selects, the rollout's options recompute it, export works, and a captioner folder brings the caption views back.
#include "cli/hftinyvit.h"
#include "gui/imagepanel.h"
#include "gui/mainwindow.h"
#include "gui/vitpane.h"
#include "views/imageoverlayview.h"
#include "views/vitheadgridview.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMimeData>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace attn;

class TestImagePanelVit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(tinyvit::write(m_dir.filePath("vit")));
        m_panel = new ImagePanel;
        m_panel->resize(1400, 800);
        connect(m_panel, &Panel::errorOccurred, this,
                [](const QString& m) { qWarning("panel error: %s", qPrintable(m)); });
        m_panel->show();
    }

    void cleanupTestCase() { delete m_panel; }

    void aDroppedFolderOpensTheVit()
    {
        QSignalSpy opened(&m_panel->session(), &ImageSession::modelOpened);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_dir.filePath("vit"))});
        // Qt delivers a drop to the target its drag-enter found.
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_panel, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_panel, &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(opened.wait(30000));
        QVERIFY(m_panel->session().hasVit());
        QVERIFY(m_panel->isVitMode());
        QVERIFY(m_panel->vitPane()->isVisible());
        QVERIFY(!m_panel->findChild<QSpinBox*>("beamSpin")->isVisible()); // the captioner's controls go away
        QVERIFY(m_panel->findChild<QLabel*>("modelLabel")->text().contains("ViT"));
    }

    void anImageRunsThroughTheVit()
    {
        QSignalSpy ready(m_panel, &ImagePanel::vitReady);
        m_panel->openImage(QStringLiteral(":/examples/caption/red-triangle-above-purple-circle.png"));
        QVERIFY(ready.wait(30000));
        VitPane* pane = m_panel->vitPane();
        QVERIFY(pane->hasRun());
        QCOMPARE(m_panel->modelInput().size(), QSize(16, 16));
        QCOMPARE(pane->gridView()->layers(), 2);
        QCOMPARE(pane->gridView()->heads(), 2);
        QCOMPARE(pane->selectedHead(), 0);
        QVERIFY(pane->selectionTitle().contains("[CLS]"));
        QCOMPARE(pane->overlayView()->caption().steps(), 1);
        QCOMPARE(pane->overlayView()->caption().gridRows, 4);
        QVERIFY(!pane->overlayView()->layer().isNull());
    }

    void clickingARolloutTileShowsTheRollout()
    {
        VitPane* pane = m_panel->vitPane();
        VitHeadGridView* grid = pane->gridView();
        QTRY_VERIFY_WITH_TIMEOUT(!grid->tileRect(1, -1).isEmpty(), 10000); // the rollout column, once computed
        QTest::mouseClick(grid, Qt::LeftButton, Qt::NoModifier, grid->tileRect(1, -1).center());
        QCOMPARE(pane->selectedLayer(), 1);
        QCOMPARE(pane->selectedHead(), -1);
        QTRY_VERIFY_WITH_TIMEOUT(pane->selectionTitle().contains("rollout through layer 1"), 10000);
        QVERIFY(!pane->selectionTitle().contains("50 %"));
        pane->findChild<QDoubleSpinBox*>()->setValue(0.5);
        QTRY_VERIFY_WITH_TIMEOUT(pane->selectionTitle().contains("50 %"), 10000);
        QTest::mouseClick(grid, Qt::LeftButton, Qt::NoModifier, grid->tileRect(0, 1).center());
        QCOMPARE(pane->selectedLayer(), 0);
        QCOMPARE(pane->selectedHead(), 1);
        QVERIFY(pane->selectionTitle().startsWith("Layer 0, head 1"));
    }

    void exportsTheViews()
    {
        const QString path = m_dir.filePath("vit.png");
        QString error;
        QVERIFY2(m_panel->exportView(path, &error), qPrintable(error));
        const QImage img(path);
        QVERIFY(img.width() > 400);
    }

    void aCaptionerFolderBringsTheCaptionViewsBack()
    {
        QSignalSpy opened(&m_panel->session(), &ImageSession::modelOpened);
        QSignalSpy captioned(m_panel, &ImagePanel::captionReady);
        m_panel->setModelDir(QStringLiteral(ATTN_MODELS_DIR "/caption-shapes"));
        QVERIFY(opened.wait(60000));
        QVERIFY(captioned.wait(60000)); // the picture on show, captioned at once
        QVERIFY(!m_panel->session().hasVit());
        QVERIFY(!m_panel->isVitMode());
        QVERIFY(m_panel->findChild<QSpinBox*>("beamSpin")->isVisible());
    }

    void theWindowOpensAVitFolderInTheImageTab()
    {
        // File > Open model and a folder dropped on the window both go through MainWindow::openModel.
        MainWindow window;
        QSignalSpy opened(&window.imagePanel()->session(), &ImageSession::modelOpened);
        window.openModel(m_dir.filePath("vit"));
        QCOMPARE(window.currentPanel(), static_cast<Panel*>(window.imagePanel()));
        QCOMPARE(window.imagePanel()->session().wantedModelDir(), m_dir.filePath("vit"));
        QTRY_VERIFY_WITH_TIMEOUT(window.imagePanel()->session().hasVit(), 60000);
        QVERIFY(window.imagePanel()->isVitMode());
    }

private:
    QTemporaryDir m_dir;
    ImagePanel* m_panel = nullptr;
};

QTEST_MAIN(TestImagePanelVit)
#include "tst_imagepanelvit.moc"
