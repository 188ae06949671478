// The step-through generation panel, driven off-screen with stories260K.
#include "gui/generatepanel.h"
#include "views/heatmapview.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace attn;

class TestGeneratePanel : public QObject
{
    Q_OBJECT
private:
    const QString m_data = QStringLiteral(ATTN_SHARED_DATA_DIR "/tinystories");

    bool haveData() const { return QFileInfo::exists(m_data + "/stories260K.bin"); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void stepsThroughTheGeneration()
    {
        QVERIFY2(haveData(), "TinyStories data not found in ../shared/data/tinystories");
        GeneratePanel panel;
        panel.resize(1200, 700);
        panel.setModelFiles(m_data + "/stories260K.bin");
        panel.setPrompt(QStringLiteral("Once upon a time, there was a little girl named Lily. She"));
        panel.setDecoding(20, 0.0, 0);
        QSignalSpy done(&panel, &GeneratePanel::generationFinished);
        QSignalSpy errors(&panel, &Panel::errorOccurred);
        panel.generate();
        QVERIFY(panel.isBusy() || done.count() == 1);
        QVERIFY(done.wait(30000) || done.count() == 1);
        QCOMPARE(errors.count(), 0);
        const Generation& gen = panel.generation();
        QCOMPARE(int(gen.tokens.size()), gen.promptLength + 20);

        // It opens on "She", the last prompt token: one row per head of the layer, one column per token so far.
        const int she = gen.promptLength - 1;
        QCOMPARE(panel.currentToken(), she);
        QCOMPARE(gen.labels[she], QStringLiteral(" She"));
        QCOMPARE(panel.heatmap()->rows(), gen.heads);
        QCOMPARE(panel.heatmap()->cols(), she + 1);
        const int lily = int(gen.labels.indexOf(QStringLiteral(" Lily")));
        panel.setLayerHead(2, 6);
        QCOMPARE(panel.heatmap()->value(6, lily), double(gen.weight(she, 2, 6, lily)));
        QVERIFY(panel.shadedText().contains(QStringLiteral("Lily")));

        // Forward and back, one token at a time; the map grows and shrinks with the context.
        panel.setCurrentToken(she + 1);
        QCOMPARE(panel.heatmap()->cols(), she + 2);
        QCOMPARE(panel.heatmap()->value(0, 0), double(gen.weight(she + 1, 2, 0, 0)));
        panel.setCurrentToken(she);
        QCOMPARE(panel.heatmap()->cols(), she + 1);
        // Out of range requests are ignored.
        panel.setCurrentToken(int(gen.tokens.size()));
        QCOMPARE(panel.currentToken(), she);

        // The causal map of the chosen head: every token up to this one, nothing above the diagonal.
        panel.setCurrentToken(she + 5);
        panel.setShowCausalMap(true);
        QCOMPARE(panel.heatmap()->rows(), she + 6);
        QCOMPARE(panel.heatmap()->cols(), she + 6);
        QCOMPARE(panel.heatmap()->value(she, lily), double(gen.weight(she, 2, 6, lily)));
        QCOMPARE(panel.heatmap()->value(3, 4), 0.0);
        const QString grabMap = qEnvironmentVariable("ATTN_GRAB_GENERATE_MAP");
        if (!grabMap.isEmpty()) {
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            panel.grab().save(grabMap);
        }
        panel.setShowCausalMap(false);
        panel.setCurrentToken(she);

        const QString grab = qEnvironmentVariable("ATTN_GRAB_GENERATE_PANEL");
        if (!grab.isEmpty()) {
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            panel.grab().save(grab);
        }
        QTemporaryDir dir;
        QString error;
        QVERIFY2(panel.exportView(dir.filePath("step.png"), &error), qPrintable(error));
        QVERIFY(QFileInfo(dir.filePath("step.png")).size() > 1000);
    }

    void samplingIsSeeded()
    {
        QVERIFY2(haveData(), "TinyStories data not found in ../shared/data/tinystories");
        GeneratePanel panel;
        panel.setModelFiles(m_data + "/stories260K.bin", m_data + "/tok512.bin");
        panel.setPrompt(QStringLiteral("Once upon a time"));
        QSignalSpy done(&panel, &GeneratePanel::generationFinished);
        panel.setDecoding(15, 1.0, 11);
        panel.generate();
        QVERIFY(done.wait(30000));
        const std::vector<int> first = panel.generation().tokens;
        panel.generate(); // the cached model is reused
        QVERIFY(done.wait(30000));
        QCOMPARE(panel.generation().tokens, first);
    }

    void badFilesShowAnError()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath("broken.bin"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(64, '\x05'));
        file.close();
        GeneratePanel panel;
        panel.setModelFiles(file.fileName());
        QSignalSpy errors(&panel, &Panel::errorOccurred);
        QSignalSpy done(&panel, &GeneratePanel::generationFinished);
        panel.generate();
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10000);
        QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("not a llama2.c checkpoint")));
        QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("broken.bin")));
        QCOMPARE(done.count(), 0);
        QVERIFY(!panel.isBusy());

        panel.setModelFiles(QString());
        panel.generate();
        QCOMPARE(errors.count(), 2); // asked to choose a checkpoint first
    }
};

QTEST_MAIN(TestGeneratePanel)
#include "tst_generatepanel.moc"
