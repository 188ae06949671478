// The text panel driven off-screen with a fake model: runs off the GUI thread, history, examples, choices,
// head search, filter marking, model-grid click, export and settings.
#include "core/attentionexport.h"
#include "fakemodel.h"
#include "gui/textpanel.h"
#include "gui/textsession.h"
#include "views/compareview.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/modelgridview.h"

#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace attn;

class TstTextPanel : public QObject
{
    Q_OBJECT
private:
    std::shared_ptr<FakeTextModel> m_model;

    void runAndWait(TextPanel& panel, const QString& text, const QString& second = {})
    {
        panel.setSentence(text, second);
        QSignalSpy updated(&panel, &TextPanel::viewsUpdated);
        panel.run();
        panel.session()->waitForIdle();
        QVERIFY(updated.count() > 0 || updated.wait(5000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttentionScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_textpanel"));
        QSettings().clear();
    }

    void init() { m_model = std::make_shared<FakeTextModel>(); }

    void runsOffTheGuiThreadAndShowsTheSentence()
    {
        TextPanel panel;
        panel.resize(1280, 680);
        panel.show();
        panel.setModel(m_model, QStringLiteral("fake-dir"));
        panel.setSentence(QStringLiteral("slow: the animal was tired because it walked."));
        QSignalSpy busy(panel.session(), &TextSession::busyChanged);
        QSignalSpy updated(&panel, &TextPanel::viewsUpdated);
        panel.run();
        // run() returns at once: the model sleeps in a worker while the event loop keeps going.
        QVERIFY(panel.session()->isBusy());
        QVERIFY(!panel.hasAttention());
        QVERIFY(updated.wait(5000));
        QCOMPARE(busy.first().first().toBool(), true);
        QCOMPARE(m_model->calls.load(), 1);
        QVERIFY(panel.hasAttention());
        QCOMPARE(panel.headView()->queryLabels().value(1), QStringLiteral("slow"));
        // "it" is selected by default: the head view shows only the lines from it.
        const int it = panel.headView()->queryLabels().indexOf(QStringLiteral("it"));
        QVERIFY(it > 0);
        QCOMPARE(panel.headView()->selectedQuery(), it);
        for (const auto& line : panel.headView()->drawnLines()) {
            QCOMPARE(line.query, it);
        }
        QCOMPARE(panel.history().first(), panel.sentence());
    }

    void errorsAreReportedNotThrown()
    {
        TextPanel panel;
        QSignalSpy errors(&panel, &Panel::errorOccurred);
        panel.setSentence(QStringLiteral("no model yet"));
        panel.run();
        QVERIFY(errors.count() >= 1);
        QVERIFY(errors.last().first().toString().contains(QStringLiteral("model")));
        panel.setModel(m_model);
        panel.setSentence(QStringLiteral("a zebra"));
        panel.run();
        panel.session()->waitForIdle();
        QVERIFY(errors.last().first().toString().contains(QStringLiteral("zebra")));
        panel.openModel(QStringLiteral("/nonexistent/model"));
        panel.session()->waitForIdle();
        QVERIFY(errors.last().first().toString().contains(QStringLiteral("/nonexistent/model")));
    }

    void choicesDriveTheViews()
    {
        TextPanel panel;
        panel.resize(1280, 680);
        panel.show();
        panel.setModel(m_model);
        runAndWait(panel, QStringLiteral("The cat sat on the mat ."), QStringLiteral("The dog sat on the mat ."));
        const AttentionSet& set = *panel.attention();
        QCOMPARE(int(set.blocks.size()), 3);

        panel.setLayerHead(2, 3);
        QCOMPARE(panel.headView()->headCount(), 4);
        QVERIFY(panel.headView()->isHeadEnabled(3));
        QVERIFY(!panel.headView()->isHeadEnabled(0)); // the chosen head alone

        panel.setCurrentView(TextPanel::MatrixTab);
        const auto* enc = set.block("encoder_self");
        QCOMPARE(panel.matrixView()->rows(), enc->queries);
        QCOMPARE(panel.matrixView()->value(1, 2), double(enc->at(2, 3, 1, 2)));

        panel.setAggregation(Aggregation::Mean);
        const auto mean = meanOverHeads(*enc, 2);
        QCOMPARE(float(panel.matrixView()->value(4, 0)), mean.at(4, 0));

        // The filter hides punctuation and <s>, renormalises, and says so.
        TokenFilter filter;
        filter.punctuation = true;
        filter.specialTokens = true;
        panel.setFilter(filter);
        QCOMPARE(panel.matrixView()->cols(), enc->keys - 2);
        double sum = 0;
        for (int c = 0; c < panel.matrixView()->cols(); ++c) {
            sum += panel.matrixView()->value(0, c);
        }
        QVERIFY(qAbs(sum - 1.0) < 1e-4);
        QVERIFY(panel.noticeText().contains(QStringLiteral("renormalised")));
        panel.setFilter(TokenFilter());
        QVERIFY(!panel.noticeText().contains(QStringLiteral("renormalised")));
        panel.setAggregation(Aggregation::None);

        // The model grid: clicking a thumbnail opens that head in the head view.
        panel.setCurrentView(TextPanel::ModelTab);
        QCOMPARE(panel.modelView()->layers(), 3);
        QTest::mouseClick(panel.modelView(), Qt::LeftButton, {}, panel.modelView()->cellRect(1, 2).center());
        QCOMPARE(panel.currentView(), TextPanel::HeadTab);
        QCOMPARE(panel.selection().layer, 1);
        QCOMPARE(panel.selection().head, 2);

        // Compare: both sentences line up token by token, so there is a difference map.
        panel.setCurrentView(TextPanel::CompareTab);
        QVERIFY(panel.compareView()->hasDifference());
        QCOMPARE(panel.compareView()->headViewB()->queryLabels().value(2), QStringLiteral("dog"));

        // Statistics: layers x heads.
        panel.setCurrentView(TextPanel::StatsTab);
        QCOMPARE(panel.statsView()->rows(), 3);
        QCOMPARE(panel.statsView()->cols(), 4);
        QVERIFY(qAbs(panel.statsView()->value(0, 0) - headStatistics(*enc)[0].entropy) < 1e-5);

        // Cross-attention has target-token queries: rollout is not offered there.
        panel.setKind(QStringLiteral("cross"));
        QCOMPARE(panel.selection().kind, QStringLiteral("cross"));
    }

    void headSearchListsMatchingHeads()
    {
        TextPanel panel;
        panel.setModel(m_model);
        runAndWait(panel, QStringLiteral("The animal was tired because it walked ."));
        const auto expected = findHeads(*panel.attention(), QStringLiteral("encoder_self"), QStringLiteral("it"),
                                        QStringLiteral("animal"), 0.05f);
        const QStringList lines = panel.searchHeads(QStringLiteral("it"), QStringLiteral("animal"), 0.05);
        QCOMPARE(lines.size(), int(expected.size()));
        if (!expected.empty()) {
            QVERIFY(lines.first().contains(QStringLiteral("layer %1, head %2").arg(expected[0].layer).arg(expected[0].head)));
        }
        QSignalSpy errors(&panel, &Panel::errorOccurred);
        panel.searchHeads(QStringLiteral("zebra"), QStringLiteral("animal"), 0.1);
        QVERIFY(errors.last().first().toString().contains(QStringLiteral("zebra")));
    }

    void exportsTheViewAndTheSet()
    {
        QTemporaryDir dir;
        TextPanel panel;
        panel.resize(1000, 600);
        panel.show();
        panel.setModel(m_model);
        runAndWait(panel, QStringLiteral("The animal was tired because it walked ."));
        QString error;
        QVERIFY2(panel.exportView(dir.filePath("head.png"), &error), qPrintable(error));
        QVERIFY(QImage(dir.filePath("head.png")).width() > 500);
        QVERIFY(panel.exportView(dir.filePath("head.svg"), &error));
        const QStringList files = panel.exportAttention(dir.filePath("set.npy"));
        QCOMPARE(files.size(), 3);
        QFile f(files.first());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(npyFromBytes(f.readAll()).shape.front(), 3);
        QVERIFY(!panel.exportView(dir.filePath("head.bmp"), &error));
        QVERIFY(error.contains(QStringLiteral("head.bmp")));
    }

    void settingsPersist()
    {
        {
            TextPanel panel;
            panel.setModel(m_model);
            runAndWait(panel, QStringLiteral("First sentence here ."));
            runAndWait(panel, QStringLiteral("Second sentence it is ."));
            panel.setLayerHead(1, 2);
        }
        QCOMPARE(QSettings().value(QStringLiteral("text/choices")).toMap().value("head").toInt(), 2);
        TextPanel again;
        again.start(); // no model folder in the test settings' path: only the sentence and choices come back
        QCOMPARE(again.sentence(), QStringLiteral("Second sentence it is ."));
        QVERIFY(again.history().contains(QStringLiteral("First sentence here .")));
    }

    void layoutAt720pWithLongSentence()
    {
        TextPanel panel;
        panel.resize(1280, 660);
        panel.show();
        panel.setModel(m_model);
        QString longText;
        for (int i = 0; i < 60; ++i) {
            longText += QStringLiteral("word%1 ").arg(i);
        }
        runAndWait(panel, longText);
        auto* head = panel.headView();
        QCOMPARE(head->queryCount(), 61);
        // Rows never overlap: each token keeps at least the minimum row height, the view scrolls instead.
        QVERIFY(head->queryRect(1).top() >= head->queryRect(0).bottom() - 0.01);
        QVERIFY(head->queryRect(0).height() >= 11.0);
        QTRY_VERIFY(head->height() >= head->minimumSizeHint().height());
        const QString dirPath = qEnvironmentVariable("ATTN_SCREENSHOT_DIR");
        if (!dirPath.isEmpty()) {
            panel.grab().save(QDir(dirPath).filePath("textpanel-long.png"));
            runAndWait(panel, QStringLiteral("The animal didn't cross the street because it was too tired ."));
            QTest::qWait(50);
            panel.grab().save(QDir(dirPath).filePath("textpanel-head.png"));
        }
    }
};

QTEST_MAIN(TstTextPanel)
#include "tst_textpanel.moc"
