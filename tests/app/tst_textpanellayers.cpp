// The Text tab over the attention memory limit (issue 16, "Memory"): a tiny random BERT of 4 layers with a 1 MiB
// limit keeps two layers of a 160-token sentence. The panel keeps the layer chosen in the Layer box and its
// neighbour, names them in the notice, numbers them as the model does (Layer box, model grid rows, titles,
// search results), and choosing a layer that was not kept runs the model again for it through the session.
// ATTN_GRAB_LAYERS=DIR saves the panel as PNGs there.
#include "cli/hftinybert.h"
#include "gui/selectioncontrols.h"
#include "gui/textpanel.h"
#include "gui/textsession.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/modelgridview.h"

#include <QApplication>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace attn;

namespace {

void grab(QWidget& w, const QString& name)
{
    const QString dir = qEnvironmentVariable("ATTN_GRAB_LAYERS");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(w.grab().save(QDir(dir).filePath(name)));
    }
}

// 158 words of one token each, plus [CLS] and [SEP]: 4 heads x 160 x 160 floats = 400 KiB a layer, so 1 MiB
// holds two of the four layers.
QString longSentence()
{
    const QStringList cycle = {"the", "cat", "sat", "on", "the", "mat", "."};
    QStringList words;
    for (int i = 0; i < 158; ++i) {
        words << cycle[i % cycle.size()];
    }
    return words.join(QLatin1Char(' '));
}

std::vector<int> kept(const TextPanel& panel)
{
    return panel.attention() ? panel.attention()->blocks.front().layerNumbers : std::vector<int>{};
}

} // namespace

class TstTextPanelLayers : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_dir;

    // Waits for the session's jobs and the views they bring; false when nothing came.
    static bool settle(TextPanel& panel, QSignalSpy& updated)
    {
        panel.session()->waitForIdle();
        return updated.count() > 0 || updated.wait(60000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttentionScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_textpanellayers"));
        QSettings().clear();
        qputenv("ATTNSCOPE_ATTENTION_LIMIT_MB", "1"); // read when the model opens
        tinybert::Spec spec;
        spec.layers = 4;
        spec.heads = 4;
        spec.maxPositions = 200;
        m_dir = m_tmp.filePath("tiny-bert-4");
        QVERIFY(tinybert::write(m_dir, spec));
    }

    void keepsTheChosenLayerAndRunsAgainForAnother()
    {
        TextPanel panel;
        panel.setPersistent(false);
        panel.resize(1500, 900);
        panel.show();
        QSignalSpy errors(&panel, &Panel::errorOccurred);
        auto* layerBox = panel.findChild<QSpinBox*>(QStringLiteral("layerSpin"));
        QVERIFY(layerBox);

        // The first run keeps the chosen layer (0) and one neighbour.
        panel.openModel(m_dir);
        panel.setSentence(longSentence());
        QSignalSpy updated(&panel, &TextPanel::viewsUpdated);
        panel.run();
        QVERIFY(settle(panel, updated));
        QCOMPARE(panel.attention()->blocks.front().queries, 160);
        QCOMPARE(kept(panel), (std::vector<int>{0, 1}));
        QVERIFY2(panel.noticeText().contains(QStringLiteral("only layers 0 to 1 are kept, around layer 0")),
                 qPrintable(panel.noticeText()));
        QVERIFY2(panel.noticeText().contains(QStringLiteral("choose another layer")), qPrintable(panel.noticeText()));
        // Every layer of the model can be chosen, kept or not.
        QCOMPARE(layerBox->minimum(), 0);
        QCOMPARE(layerBox->maximum(), 3);
        QVERIFY(layerBox->toolTip().contains(QStringLiteral("0, 1")));

        // Layer 3 was not kept: the session runs the model again, keeping 3 (and 2), shown under their numbers.
        updated.clear();
        panel.setAggregation(Aggregation::None);
        panel.setCurrentView(TextPanel::ModelTab);
        layerBox->setValue(3);
        // Until the new run is delivered (on the GUI thread, so not before the event loop runs) the old one stays.
        QVERIFY(panel.session()->isBusy());
        QCOMPARE(kept(panel), (std::vector<int>{0, 1}));
        QVERIFY2(panel.noticeText().contains(QStringLiteral("Running the model again to keep layer 3")),
                 qPrintable(panel.noticeText()));
        QVERIFY(settle(panel, updated));
        QCOMPARE(kept(panel), (std::vector<int>{2, 3}));
        QCOMPARE(layerBox->value(), 3);
        QCOMPARE(layerBox->text(), QStringLiteral("L3"));
        QCOMPARE(panel.selection().layer, 3);
        QVERIFY2(panel.noticeText().contains(QStringLiteral("only layers 2 to 3 are kept, around layer 3")),
                 qPrintable(panel.noticeText()));
        ModelGridView* grid = panel.modelView();
        QCOMPARE(grid->layers(), 2);
        QCOMPARE(grid->layerNumber(0), 2);
        QCOMPARE(grid->layerNumber(1), 3);
        QCOMPARE(grid->selectedLayer(), 1); // the row of layer 3
        QCoreApplication::processEvents();
        grab(panel, QStringLiteral("layers-model-grid.png"));

        // Clicking the grid's first row opens layer 2, which is kept: no new run.
        const QPoint cell = grid->cellRect(0, 1).center();
        QTest::mouseClick(grid, Qt::LeftButton, Qt::NoModifier, cell);
        QCOMPARE(panel.selection().layer, 2);
        QCOMPARE(panel.selection().head, 1);
        QVERIFY(!panel.session()->isBusy());
        QCOMPARE(kept(panel), (std::vector<int>{2, 3}));
        panel.setCurrentView(TextPanel::HeadTab);
        QVERIFY2(panel.headView()->title().contains(QStringLiteral("layer 2")), qPrintable(panel.headView()->title()));
        QCOMPARE(describeSelection(*panel.attention(), panel.selection()),
                 QStringLiteral("encoder self-attention, layer 2, head 1"));

        // Head search lists the model's numbers.
        const QStringList found = panel.searchHeads(QStringLiteral("cat"), QStringLiteral("the"), 0.0);
        QVERIFY(!found.isEmpty());
        for (const auto& line : found) {
            QVERIFY2(line.startsWith(QStringLiteral("layer 2,")) || line.startsWith(QStringLiteral("layer 3,")),
                     qPrintable(line));
        }

        // The latest choice wins: 1 then 0 asked at once keeps 0 and 1.
        updated.clear();
        layerBox->setValue(1);
        layerBox->setValue(0);
        QVERIFY(settle(panel, updated));
        QCOMPARE(kept(panel), (std::vector<int>{0, 1}));
        QCOMPARE(panel.selection().layer, 0);
        QVERIFY2(panel.headView()->title().contains(QStringLiteral("layer 0")), qPrintable(panel.headView()->title()));
        grab(panel, QStringLiteral("layers-head.png"));
        for (const auto& e : errors) {
            QVERIFY2(e.first().toString().isEmpty(), qPrintable(e.first().toString()));
        }
    }

    // A set shown without its model (an attention file) cannot run again: the Layer box offers its layers only,
    // and a step into a gap goes on to the next kept layer.
    void aSetWithoutItsModelStepsOverLayersItLacks()
    {
        AttentionBlock b(QStringLiteral("encoder_self"), 2, 1, {"a", "b"}, {"a", "b"});
        for (int l = 0; l < 2; ++l)
            for (int q = 0; q < 2; ++q)
                b.at(l, 0, q, q) = 1.0f;
        b.layerNumbers = {4, 7};
        AttentionSet set;
        set.sourceTokens = {"a", "b"};
        set.blocks.push_back(b);
        TextPanel panel;
        panel.setPersistent(false);
        panel.showAttention(set);
        auto* layerBox = panel.findChild<QSpinBox*>(QStringLiteral("layerSpin"));
        QCOMPARE(layerBox->minimum(), 4);
        QCOMPARE(layerBox->maximum(), 7);
        layerBox->setValue(4);
        layerBox->setValue(5);
        QCOMPARE(layerBox->value(), 7);
        layerBox->setValue(6);
        QCOMPARE(layerBox->value(), 4);
        QVERIFY(!panel.session()->isBusy());
        panel.setCurrentView(TextPanel::HeadTab);
        QVERIFY2(panel.headView()->title().contains(QStringLiteral("layer 4")), qPrintable(panel.headView()->title()));
    }
};

QTEST_MAIN(TstTextPanelLayers)
#include "tst_textpanellayers.moc"
