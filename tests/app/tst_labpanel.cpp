// The scoring lab tab: its controls drive the lab, and every number still equals the core's.
#include "core/normaliser.h"
#include "core/scoring.h"
#include "gui/labpanel.h"
#include "gui/mainwindow.h"
#include "gui/threestepsdialog.h"
#include "views/threestepsview.h"
#include "views/scorecard.h"
#include "views/scoringlab.h"

#include <QComboBox>
#include <QPushButton>
#include <QSlider>
#include <QTableWidget>
#include <QTest>

using namespace attn;

class TestLabPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void temperatureSliderIsTheSoftmaxTemperature()
    {
        LabPanel panel;
        for (int position : {0, 25, 50, 80, 100}) {
            panel.temperatureSlider()->setValue(position);
            const double t = LabPanel::temperatureForSlider(position);
            QVERIFY(t > 0.0);
            QCOMPARE(panel.lab()->options().temperature, t);
            const LabVectors& v = panel.lab()->vectors();
            const Eigen::VectorXd s = score(ScoreFunction::ScaledDot, v.query, v.keys);
            const Eigen::VectorXd expected = softmax(s, t);
            QVERIFY((panel.lab()->card(ScoreFunction::ScaledDot)->weights() - expected).cwiseAbs().maxCoeff() <
                    1e-12);
        }
    }

    void modeSwitchGivesOneHotAndLocal()
    {
        LabPanel panel;
        panel.modeCombo()->setCurrentIndex(panel.modeCombo()->findData(int(NormaliserKind::Hard)));
        QCOMPARE(panel.lab()->normaliser(), NormaliserKind::Hard);
        for (ScoreFunction fn : allScoreFunctions()) {
            const Eigen::VectorXd& w = panel.lab()->card(fn)->weights();
            QCOMPARE(w.sum(), 1.0);
            QCOMPARE(w.maxCoeff(), 1.0);
        }
        panel.modeCombo()->setCurrentIndex(panel.modeCombo()->findData(int(NormaliserKind::Local)));
        QCOMPARE(panel.lab()->normaliser(), NormaliserKind::Local);
        // Default window: centre 0, D = 1 -> keys 1 and 2 only.
        for (ScoreFunction fn : allScoreFunctions()) {
            const Eigen::VectorXd& w = panel.lab()->card(fn)->weights();
            QCOMPARE(w(2), 0.0);
            QCOMPARE(w(3), 0.0);
        }
    }

    void editingAParameterChangesItsScores()
    {
        LabPanel panel;
        panel.paramCombo()->setCurrentIndex(0); // general: W
        QTableWidget* table = panel.paramTable();
        QCOMPARE(table->rowCount(), 2);
        // Matrix rows and columns are numbered from 0, like every index a person reads in the app.
        QCOMPARE(table->verticalHeaderItem(0)->text(), QStringLiteral("0"));
        QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("1"));
        table->item(0, 1)->setText(QStringLiteral("2.5"));
        QCOMPARE(panel.lab()->params().general(0, 1), 2.5);
        const LabVectors& v = panel.lab()->vectors();
        const Eigen::VectorXd s = score(ScoreFunction::General, v.query, v.keys, panel.lab()->params());
        QVERIFY((panel.lab()->card(ScoreFunction::General)->scores() - s).cwiseAbs().maxCoeff() < 1e-12);
        // q^T W k by hand for key 1.
        const double byHand = v.query.dot(panel.lab()->params().general * v.keys.row(0).transpose());
        QVERIFY(std::abs(panel.lab()->card(ScoreFunction::General)->scores()(0) - byHand) < 1e-12);
        // Not a number: refused, the value stays.
        table->item(0, 1)->setText(QStringLiteral("abc"));
        QCOMPARE(panel.lab()->params().general(0, 1), 2.5);
        QCOMPARE(table->item(0, 1)->text().toDouble(), 2.5);
        // Re-drawing uses the core's seeded parameters.
        panel.redrawParams(42);
        const ScoreParams expected = ScoreParams::random(2, 2, 2, ScoringLab::kMaxKeys, 42);
        QCOMPARE(panel.lab()->params().additiveW, expected.additiveW);
        QCOMPARE(table->item(0, 0)->text().toDouble(), std::round(expected.general(0, 0) * 1000) / 1000);
    }

    void examplesLoad()
    {
        LabPanel panel;
        for (int i = 0; i < LabPanel::exampleIds().size(); ++i) {
            panel.loadExample(i);
            QVERIFY2(panel.lab()->errorMessage().isEmpty(), qPrintable(panel.lab()->errorMessage()));
        }
        panel.loadExample(1);
        QCOMPARE(panel.lab()->example(), ScoringLab::Example::SelfAttention);
    }

    void threeStepsAnimateTheLabsVectors()
    {
        LabPanel panel;
        panel.loadExample(4); // size 8
        panel.findChild<QPushButton*>(QStringLiteral("animateButton"))->click();
        auto* window = panel.findChild<ThreeStepsWindow*>();
        QVERIFY(window);
        ThreeStepsView* view = window->view();
        window->functionCombo()->setCurrentIndex(window->functionCombo()->findData(int(ScoreFunction::Dot)));
        const LabVectors& v = panel.lab()->vectors();
        const Eigen::VectorXd expected =
            normalise(panel.lab()->normaliser(), score(ScoreFunction::Dot, v.query, v.keys), panel.lab()->options());
        QVERIFY(view->errorMessage().isEmpty());
        QVERIFY((view->weights() - expected).cwiseAbs().maxCoeff() < 1e-12);
        // The window follows the lab: another temperature, other weights.
        panel.temperatureSlider()->setValue(10);
        const Eigen::VectorXd hotter =
            normalise(panel.lab()->normaliser(), score(ScoreFunction::Dot, v.query, v.keys), panel.lab()->options());
        QVERIFY((view->weights() - hotter).cwiseAbs().maxCoeff() < 1e-12);
        QVERIFY((hotter - expected).cwiseAbs().maxCoeff() > 1e-3);
        view->setStage(3.0);
        QCOMPARE(view->stage(), 3.0);
    }

    void mainWindowHasTheLab()
    {
        MainWindow window;
        QVERIFY(window.findChild<LabPanel*>() != nullptr);
    }
};

QTEST_MAIN(TestLabPanel)
#include "tst_labpanel.moc"
