// The scoring lab's "From a model…": the panel runs a shipped model, its steps become the query, the cards
// equal the core's functions on those vectors, the model's own card equals its attention, bad input is refused.
#include "core/normaliser.h"
#include "core/scoring.h"
#include "engine/modelregistry.h"
#include "gui/labpanel.h"
#include "gui/mainwindow.h"
#include "gui/modelvectorsdialog.h"
#include "gui/textpanel.h"
#include "gui/textsession.h"
#include "views/heatmapview.h"
#include "views/scorecard.h"
#include "views/scoringlab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace attn;

namespace {

QString modelDir(const QString& name)
{
    return QDir(QStringLiteral(ATTN_MODELS_DIR)).filePath(name);
}

// Runs the model through the panel as the button does; false when the run failed.
bool runModel(LabPanel& panel, const QString& dir, const QString& text)
{
    QSignalSpy done(&panel, &LabPanel::modelRunFinished);
    panel.loadFromModel(dir, text);
    // Input refused up front (an empty sentence, no model) answers at once; a run answers from its job.
    if (done.isEmpty() && !done.wait(60000)) {
        qWarning("the model run did not finish");
        return false;
    }
    return done.first().first().toBool();
}

// Every card against the core on the lab's current vectors and parameters.
void checkCardsAgainstCore(const ScoringLab& lab)
{
    const LabVectors& v = lab.vectors();
    for (ScoreFunction fn : allScoreFunctions()) {
        const Eigen::VectorXd s = score(fn, v.query, v.keys, lab.params());
        const Eigen::VectorXd a = normalise(lab.normaliser(), s, lab.options());
        const QByteArray name = QByteArray::fromStdString(scoreFunctionName(fn));
        QVERIFY2((lab.card(fn)->scores() - s).cwiseAbs().maxCoeff() < 1e-12, name);
        QVERIFY2((lab.card(fn)->weights() - a).cwiseAbs().maxCoeff() < 1e-12, name);
        QVERIFY2((lab.card(fn)->context() - weightedSum(a, v.keys)).cwiseAbs().maxCoeff() < 1e-12, name);
    }
}

double gapToModel(const ScoringLab& lab, ScoreFunction fn)
{
    return (lab.card(fn)->weights() - lab.modelWeights()).cwiseAbs().maxCoeff();
}

} // namespace

class TestLabModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(modelDir("seq2seq-dot") + "/model.safetensors"),
                 "models/seq2seq-dot is missing: the shipped models are committed");
    }

    void dialogListsTheShippedSeq2SeqModels()
    {
        qputenv("ATTNSCOPE_MODELS", QByteArray(ATTN_MODELS_DIR));
        const QStringList models = ModelVectorsDialog::shippedModels();
        QVERIFY(models.size() >= 8);
        QCOMPARE(QFileInfo(models.first()).fileName(), QStringLiteral("seq2seq-dot"));
        for (const QString& dir : models) {
            QVERIFY2(!dir.endsWith("coref-en-fr") && !dir.endsWith("caption-shapes"), qPrintable(dir));
        }
        ModelVectorsDialog dialog;
        QCOMPARE(dialog.modelDir(), models.first());
        QCOMPARE(dialog.text(), ModelVectorsDialog::defaultSentence());
        qunsetenv("ATTNSCOPE_MODELS");
    }

    void stepsBecomeTheQueryAndTheDotCardIsTheModel()
    {
        LabPanel panel;
        QVERIFY(!panel.stepCombo()->isVisibleTo(&panel));
        QVERIFY(runModel(panel, modelDir("seq2seq-dot"), ModelVectorsDialog::defaultSentence()));
        ScoringLab* lab = panel.lab();
        const ModelVectors& v = lab->modelVectors();
        QCOMPARE(lab->example(), ScoringLab::Example::Model);
        QCOMPARE(panel.exampleCombo()->currentIndex(), int(LabPanel::kModelExample));
        QVERIFY(panel.stepCombo()->isVisibleTo(&panel));
        QCOMPARE(panel.stepCombo()->count(), v.steps());
        QCOMPARE(v.keyTokens.size(), 8);
        QCOMPARE(lab->vectors().keyLabels, v.keyTokens);
        QCOMPARE(lab->normaliser(), NormaliserKind::Softmax);
        QCOMPARE(lab->options().temperature, 1.0);
        QVERIFY(!lab->isPlaneShown()); // size 128: heatmaps
        QVERIFY(lab->card(ScoreFunction::Dot)->shownTexts().contains(QStringLiteral("cat")));
        for (int step = 0; step < v.steps(); ++step) {
            panel.stepCombo()->setCurrentIndex(step);
            QCOMPARE(lab->modelStep(), step);
            QCOMPARE(lab->vectors().query, Eigen::VectorXd(v.queries.row(step).transpose()));
            QCOMPARE(lab->vectors().queryLabel, v.queryTokens[step]);
            QVERIFY(panel.stepCombo()->currentText().endsWith(v.queryTokens[step]));
            checkCardsAgainstCore(*lab);
            QVERIFY2(gapToModel(*lab, ScoreFunction::Dot) < 1e-5, qPrintable(v.queryTokens[step]));
        }
        // Clicking a row of the model's attention picks that step too.
        Q_EMIT lab->modelHeatmap()->cellClicked(1, 0);
        QCOMPARE(lab->modelStep(), 1);
        QCOMPARE(panel.stepCombo()->currentIndex(), 1);
        // Another mode: the cards follow the core, and no longer equal the model's softmax.
        panel.temperatureSlider()->setValue(20);
        checkCardsAgainstCore(*lab);
    }

    void trainedParametersReproduceTheModelAndCanBeSwitchedOff()
    {
        for (const char* score : {"general", "concat_linear", "concat_tanh", "additive", "location"}) {
            const QString name = QStringLiteral("seq2seq-") + score;
            QVERIFY2(QFileInfo::exists(modelDir(name) + "/model.safetensors"),
                     qPrintable(name + " is missing: the shipped models are committed"));
            const ScoreFunction fn = *scoreFunctionFromName(score);
            LabPanel panel;
            QVERIFY(runModel(panel, modelDir(name), QStringLiteral("the big dog sees the red car .")));
            ScoringLab* lab = panel.lab();
            QVERIFY(panel.trainedCheck()->isEnabled());
            QVERIFY(panel.trainedCheck()->isChecked());
            for (int step = 0; step < lab->modelVectors().steps(); ++step) {
                panel.stepCombo()->setCurrentIndex(step);
                checkCardsAgainstCore(*lab);
                QVERIFY2(gapToModel(*lab, fn) < 1e-5, score);
            }
            panel.trainedCheck()->setChecked(false);
            QVERIFY(!lab->usesTrainedParams());
            checkCardsAgainstCore(*lab);
            QVERIFY2(gapToModel(*lab, fn) > 1e-4, score); // drawn parameters: another function altogether
            panel.trainedCheck()->setChecked(true);
            QVERIFY2(gapToModel(*lab, fn) < 1e-5, score);
        }
    }

    void unknownWordsShowAsUnkWithANotice()
    {
        LabPanel panel;
        QSignalSpy status(&panel, &LabPanel::statusMessage);
        QVERIFY(runModel(panel, modelDir("seq2seq-dot"), QStringLiteral("the zebra sees the car .")));
        QCOMPARE(panel.lab()->vectors().keyLabels.value(1), QStringLiteral("<unk>"));
        bool named = false;
        for (const auto& args : status) {
            named = named || (args.first().toString().contains("zebra") && args.first().toString().contains("<unk>"));
        }
        QVERIFY(named);
    }

    void badInputLeavesTheLabAndSaysWhy_data()
    {
        QTest::addColumn<QString>("dir");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << modelDir("seq2seq-dot") << QStringLiteral("   ") << QStringLiteral("empty");
        QTest::newRow("too long") << modelDir("seq2seq-dot") << QStringLiteral("dog ").repeated(80)
                                  << QStringLiteral("at most 64");
        QTest::newRow("missing folder") << QStringLiteral("/nonexistent/seq2seq") << QStringLiteral("the dog .")
                                        << QStringLiteral("/nonexistent/seq2seq");
        QTest::newRow("no model") << QString() << QStringLiteral("the dog .") << QStringLiteral("no model");
        QTest::newRow("transformer") << modelDir("coref-en-fr") << QStringLiteral("the dog .")
                                     << QStringLiteral("gives no vectors");
    }

    void badInputLeavesTheLabAndSaysWhy()
    {
        QFETCH(QString, dir);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        LabPanel panel;
        QSignalSpy errors(&panel, &LabPanel::errorOccurred);
        const Eigen::VectorXd before = panel.lab()->vectors().query;
        QVERIFY(!runModel(panel, dir, text));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().first().toString().contains(expected), qPrintable(errors.first().first().toString()));
        QCOMPARE(panel.lab()->vectors().query, before);
        QVERIFY(panel.modelButton()->isEnabled());
        QVERIFY(!panel.stepCombo()->isVisibleTo(&panel));
    }

    void errorsReachTheStatusBar()
    {
        MainWindow window;
        // The text panel's start-up run clears the status line when it ends: let it end first.
        QTRY_VERIFY_WITH_TIMEOUT(!window.textPanel()->session()->isBusy(), 60000);
        auto* panel = window.labPanel();
        QVERIFY(!runModel(*panel, modelDir("seq2seq-dot"), QString()));
        QVERIFY2(window.currentError().contains(QStringLiteral("empty")), qPrintable(window.currentError()));
        QVERIFY(runModel(*panel, modelDir("seq2seq-dot"), QStringLiteral("the zebra sees the car .")));
        QVERIFY2(window.currentError().isEmpty(), qPrintable(window.currentError()));
        // The notice is in the status bar, with room to be read (an empty error line takes none).
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("zebra")));
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto* error = window.statusBar()->findChild<QLabel*>();
        QVERIFY(error && !error->isVisible());
    }

    void corruptFolderIsRefused()
    {
        QTemporaryDir dir;
        for (const QString& file : {"config.json", "source.vocab", "target.vocab", "model.safetensors"}) {
            QVERIFY(QFile::copy(QDir(modelDir("seq2seq-dot")).filePath(file), dir.filePath(file)));
        }
        QFile weights(dir.filePath("model.safetensors"));
        QVERIFY(weights.open(QIODevice::ReadWrite));
        QVERIFY(weights.resize(1000));
        weights.close();
        LabPanel panel;
        QSignalSpy errors(&panel, &LabPanel::errorOccurred);
        QVERIFY(!runModel(panel, dir.path(), ModelVectorsDialog::defaultSentence()));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().first().toString().contains("model.safetensors"),
                 qPrintable(errors.first().first().toString()));
        // A good run afterwards still works and clears the way.
        QVERIFY(runModel(panel, modelDir("seq2seq-dot"), ModelVectorsDialog::defaultSentence()));
        QCOMPARE(panel.lab()->example(), ScoringLab::Example::Model);
    }

    void noAttentionModelStillShowsItsStates()
    {
        QVERIFY2(QFileInfo::exists(modelDir("seq2seq-none") + "/model.safetensors"),
                 "models/seq2seq-none is missing: the shipped models are committed");
        LabPanel panel;
        QVERIFY(runModel(panel, modelDir("seq2seq-none"), ModelVectorsDialog::defaultSentence()));
        QVERIFY(panel.lab()->errorMessage().isEmpty());
        QVERIFY(!panel.trainedCheck()->isEnabled());
        QCOMPARE(panel.lab()->modelWeights().size(), 0);
        checkCardsAgainstCore(*panel.lab());
    }
};

QTEST_MAIN(TestLabModel)
#include "tst_labmodel.moc"
