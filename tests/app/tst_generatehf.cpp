// The Generate tab with Hugging Face decoder folders (issue 16): tiny random GPT-2 and Llama folders with their real
// tokenizers open from the panel, from File > Open model and from a drop while the tab is showing, and step through
// as llama2.c checkpoints do. ATTN_GRAB_GENERATE_HF=FILE.png saves the panel.
#include "engine/hfgeneratefolders.h"
#include "gui/generatepanel.h"
#include "gui/mainwindow.h"
#include "views/heatmapview.h"

#include <QApplication>
#include <QLineEdit>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using namespace attn;

class TestGenerateHf : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString folder(const std::string& modelType)
    {
        const QString dir = m_dir.path() + "/tiny-" + QString::fromStdString(modelType);
        if (!QFileInfo::exists(dir)) {
            test::writeGenerateFolder(dir, modelType);
            test::editGenerateConfig(dir, QStringLiteral("eos_token_id"), QJsonValue()); // every step runs
        }
        return dir;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString missing = test::missingGenerateTokenizers();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
    }

    void stepsThroughAGpt2Folder()
    {
        GeneratePanel panel;
        panel.resize(1200, 700);
        panel.setPrompt(QStringLiteral("Once upon a time, there was a little girl named Lily. She"));
        panel.setDecoding(12, 0.0, 0);
        QSignalSpy done(&panel, &GeneratePanel::generationFinished);
        QSignalSpy errors(&panel, &Panel::errorOccurred);
        panel.openModel(folder("gpt2") + "/config.json"); // a config.json stands for its folder
        QVERIFY(done.wait(30000) || done.count() == 1);
        QCOMPARE(errors.count(), 0);
        QCOMPARE(panel.choices().checkpoint, folder("gpt2"));
        QVERIFY(!panel.findChild<QLineEdit*>(QStringLiteral("tokenizerEdit"))->isEnabled());
        const Generation& gen = panel.generation();
        QCOMPARE(int(gen.tokens.size()), gen.promptLength + 12);
        QCOMPARE(gen.layers, 2);
        QCOMPARE(gen.heads, 4);

        // It opens on " She", the last prompt token (GPT-2 adds no BOS: the first token is "Once").
        const int she = gen.promptLength - 1;
        QCOMPARE(panel.currentToken(), she);
        QCOMPARE(gen.labels[0], QStringLiteral("Once"));
        QCOMPARE(gen.labels[she], QStringLiteral(" She"));
        QCOMPARE(panel.heatmap()->rows(), gen.heads);
        QCOMPARE(panel.heatmap()->cols(), she + 1);
        const int lily = int(gen.labels.indexOf(QStringLiteral(" Lily")));
        QVERIFY(lily > 0);
        panel.setLayerHead(1, 3);
        QCOMPARE(panel.heatmap()->value(3, lily), double(gen.weight(she, 1, 3, lily)));
        QVERIFY(panel.shadedText().contains(QStringLiteral("Once"))); // the first token is text, not BOS
        QVERIFY(panel.shadedText().contains(QStringLiteral(" Lily")));
        panel.setCurrentToken(she + 4);
        QCOMPARE(panel.heatmap()->cols(), she + 5);
        panel.setShowCausalMap(true);
        QCOMPARE(panel.heatmap()->rows(), she + 5);
        QCOMPARE(panel.heatmap()->value(2, 3), 0.0);
        panel.setShowCausalMap(false);
        panel.setCurrentToken(she);

        const QString grab = qEnvironmentVariable("ATTN_GRAB_GENERATE_HF");
        if (!grab.isEmpty()) {
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            panel.grab().save(grab);
        }
    }

    void llamaFoldersStartWithBos()
    {
        GeneratePanel panel;
        panel.setPrompt(QStringLiteral("Once upon a time"));
        panel.setDecoding(5, 1.0, 3);
        QSignalSpy done(&panel, &GeneratePanel::generationFinished);
        panel.openModel(folder("llama"));
        QVERIFY(done.wait(30000) || done.count() == 1);
        const Generation& gen = panel.generation();
        QCOMPARE(gen.labels.mid(0, 3),
                 QStringList({QStringLiteral("<s>"), QStringLiteral(" Once"), QStringLiteral(" upon")}));
        QCOMPARE(int(gen.tokens.size()), 5 + 5);
        const std::vector<int> first = gen.tokens;
        panel.generate(); // the same seed, the cached model
        QVERIFY(done.wait(30000) || done.count() == 2);
        QCOMPARE(panel.generation().tokens, first);
    }

    void aBertFolderSaysItIsNotADecoder()
    {
        const QString bert = test::writeBertConfigFolder(m_dir.path() + "/bert");
        GeneratePanel panel;
        QSignalSpy errors(&panel, &Panel::errorOccurred);
        panel.openModel(bert);
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10000);
        QCOMPARE(
            errors.at(0).at(0).toString(),
            QStringLiteral("generation needs a decoder (gpt2, llama, mistral, qwen2); %1 is a bert model").arg(bert));
    }

    // File > Open model and drops go to the Generate tab while it shows; elsewhere they stay with the Text tab.
    void theMainWindowSendsDecodersToTheGenerateTab()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* tabs = w.findChild<QTabWidget*>(QStringLiteral("panelTabs"));
        QVERIFY(tabs);
        w.showPanel(w.generatePanel());
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(w.generatePanel()));
        QSignalSpy done(w.generatePanel(), &GeneratePanel::generationFinished);
        w.generatePanel()->session().waitForIdle();
        done.clear();
        w.openModel(folder("gpt2"));
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(w.generatePanel()));
        QVERIFY(done.wait(30000) || done.count() == 1);
        QCOMPARE(w.generatePanel()->choices().checkpoint, folder("gpt2"));

        // A drop of another decoder folder on the window, the Generate tab showing.
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(folder("llama"))});
        QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(done.wait(30000) || done.count() == 2);
        QCOMPARE(w.generatePanel()->choices().checkpoint, folder("llama"));
        QCOMPARE(w.generatePanel()->generation().labels.value(0), QStringLiteral("<s>"));
    }
};

QTEST_MAIN(TestGenerateHf)
#include "tst_generatehf.moc"
