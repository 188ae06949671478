// Attention in three steps: numbers from the core for every scoring function, stages, Play, bad input, sizes.
#include "core/formula.h"
#include "core/scorerun.h"
#include "paintedtext.h"
#include "views/exporter.h"
#include "views/threestepscanvas.h"
#include "views/threestepsview.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <cmath>

using namespace attn;

namespace {

QImage picture(QWidget* w)
{
    return w->grab().toImage().convertToFormat(QImage::Format_RGB32);
}

int inkedPixels(const QImage& image)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            n += (c.red() + c.green() + c.blue()) < 700 ? 1 : 0;
        }
    }
    return n;
}

} // namespace

class TestThreeStepsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void numbersAreTheCoresForEveryFunction()
    {
        ThreeStepsView view;
        Eigen::VectorXd q(3);
        q << 0.5, -1.0, 2.0;
        Eigen::MatrixXd keys(4, 3);
        keys << 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1;
        Eigen::MatrixXd values(4, 2);
        values << 1, 0, 0, 1, -1, 0, 0, -1;
        for (ScoreFunction fn : allScoreFunctions()) {
            view.setInputs(q, keys, values, fn, 0.7);
            QVERIFY2(view.errorMessage().isEmpty(), qPrintable(view.errorMessage()));
            ScoreRequest request;
            request.query = q;
            request.keys = keys;
            request.values = values;
            request.functions = {fn};
            request.options.temperature = 0.7;
            const ScoreRun run = runScores(request).front();
            QVERIFY((view.scores() - run.scores).cwiseAbs().maxCoeff() < 1e-12);
            QVERIFY((view.weights() - run.weights).cwiseAbs().maxCoeff() < 1e-12);
            QVERIFY((view.output() - run.context).cwiseAbs().maxCoeff() < 1e-12);
            QVERIFY(std::abs(view.weights().sum() - 1.0) < 1e-12);
        }
        // The lab's other modes: hard attention puts all weight on the best key.
        view.setInputs(q, keys, values, ScoreFunction::Dot);
        view.setNormaliser(NormaliserKind::Hard);
        QCOMPARE(view.weights().sum(), 1.0);
        QCOMPARE(view.weights().maxCoeff(), 1.0);
        Eigen::Index best = 0;
        view.scores().maxCoeff(&best);
        QCOMPARE(view.weights()(best), 1.0);
        NormaliserOptions local;
        local.centre = 1.0;
        local.halfWidth = 1;
        view.setNormaliser(NormaliserKind::Local, local);
        ScoreRequest request;
        request.query = q;
        request.keys = keys;
        request.values = values;
        request.functions = {ScoreFunction::Dot};
        request.normaliser = NormaliserKind::Local;
        request.options = local;
        QVERIFY((view.weights() - runScores(request).front().weights).cwiseAbs().maxCoeff() < 1e-12);
        QCOMPARE(view.weights()(3), 0.0); // outside the window
        view.setNormaliser(NormaliserKind::Softmax);
        // Without values the keys are the values.
        view.setInputs(q, keys, Eigen::MatrixXd(), ScoreFunction::Dot);
        QCOMPARE(view.output().size(), 3);
        QVERIFY((view.output() - keys.transpose() * view.weights()).cwiseAbs().maxCoeff() < 1e-12);
    }

    void everyStepFormulaParses()
    {
        ThreeStepsView view;
        for (ScoreFunction fn : allScoreFunctions()) {
            view.setFunction(fn);
            const FormulaParse parse = parseFormula(view.canvas()->data().scoreFormula);
            QVERIFY2(parse.ok(), qPrintable(view.canvas()->data().scoreFormula + QStringLiteral(": ") + parse.error));
        }
        for (NormaliserKind kind :
             {NormaliserKind::Softmax, NormaliserKind::Hard, NormaliserKind::SampledHard, NormaliserKind::Local}) {
            NormaliserOptions options;
            options.temperature = 0.5;
            view.setNormaliser(kind, options);
            const FormulaParse parse = parseFormula(view.canvas()->data().normaliserFormula);
            QVERIFY2(parse.ok(),
                     qPrintable(view.canvas()->data().normaliserFormula + QStringLiteral(": ") + parse.error));
        }
    }

    void stagesRevealScoresThenWeightsThenTheSum()
    {
        ThreeStepsView view; // four keys
        ThreeStepsCanvas* c = view.canvas();
        view.setStage(0.0);
        QCOMPARE(c->scoreProgress(0), 0.0);
        view.setStage(0.5);
        QCOMPARE(c->scoreProgress(0), 1.0);
        QCOMPARE(c->scoreProgress(1), 1.0);
        QCOMPARE(c->scoreProgress(2), 0.0);
        QCOMPARE(c->weightProgress(), 0.0);
        view.setStage(1.5);
        QVERIFY(c->weightProgress() > 0.0 && c->weightProgress() < 1.0);
        QCOMPARE(c->sumProgress(0), 0.0);
        view.setStage(2.5);
        QCOMPARE(c->weightProgress(), 1.0);
        QCOMPARE(c->sumProgress(1), 1.0);
        QCOMPARE(c->sumProgress(2), 0.0);
        view.setStage(7.0); // clamped
        QCOMPARE(view.stage(), 3.0);
        QCOMPARE(view.stageSlider()->value(), view.stageSlider()->maximum());
    }

    void everyStageDrawsADifferentPicture()
    {
        ThreeStepsView view;
        layoutOffscreen(&view, QSize(980, 440));
        std::vector<QImage> pictures;
        for (double s : {0.0, 1.0, 2.0, 2.5, 3.0}) {
            view.setStage(s);
            pictures.push_back(picture(view.canvas()));
            QVERIFY(inkedPixels(pictures.back()) > 1000); // even stage 0 shows the keys and the step names
        }
        for (std::size_t i = 1; i < pictures.size(); ++i) {
            QVERIFY2(pictures[i] != pictures[i - 1], qPrintable(QStringLiteral("stage picture %1").arg(i)));
        }
        QVERIFY(inkedPixels(pictures.back()) > inkedPixels(pictures.front()));
        // Values of more than two dimensions are shown as numbers, not on a plane.
        Eigen::MatrixXd values = Eigen::MatrixXd::Identity(4, 4);
        view.setInputs(ThreeStepsView::defaultQuery(), ThreeStepsView::defaultKeys(), values, ScoreFunction::Dot);
        QVERIFY(picture(view.canvas()) != pictures.back());
    }

    void theSliderAndPlayDriveTheStage()
    {
        ThreeStepsView view;
        QSignalSpy stages(&view, &ThreeStepsView::stageChanged);
        view.stageSlider()->setValue(view.stageSlider()->maximum() / 3);
        QVERIFY(std::abs(view.stage() - 1.0) < 1e-9);
        QCOMPARE(stages.count(), 1);
        view.setSecondsPerStep(0.02);
        view.setStage(3.0);
        view.playButton()->click(); // from the end, Play starts again from nothing
        QVERIFY(view.isPlaying());
        QCOMPARE(view.playButton()->text(), QStringLiteral("Pause"));
        QTRY_VERIFY_WITH_TIMEOUT(!view.isPlaying(), 10000);
        QCOMPARE(view.stage(), 3.0);
        QVERIFY(stages.count() > 3);
        view.setStage(0.0);
        view.setSecondsPerStep(60.0);
        view.play();
        QVERIFY(view.isPlaying());
        view.stageSlider()->setValue(50); // a hand on the slider pauses
        QVERIFY(!view.isPlaying());
        QCOMPARE(view.playButton()->text(), QStringLiteral("Play"));
    }

    void badInputIsShownNotThrown()
    {
        ThreeStepsView view;
        Eigen::MatrixXd values(3, 2);
        values.setOnes();
        view.setInputs(ThreeStepsView::defaultQuery(), ThreeStepsView::defaultKeys(), values, ScoreFunction::Dot);
        QVERIFY(view.errorMessage().contains(QStringLiteral("4 keys but 3 values")));
        Eigen::VectorXd q3 = Eigen::VectorXd::Ones(3);
        view.setInputs(q3, ThreeStepsView::defaultKeys(), ThreeStepsView::defaultValues(), ScoreFunction::Dot);
        QVERIFY(!view.errorMessage().isEmpty());
        view.setInputs(ThreeStepsView::defaultQuery(), ThreeStepsView::defaultKeys(), ThreeStepsView::defaultValues(),
                       ScoreFunction::Dot, 0.0);
        QVERIFY(!view.errorMessage().isEmpty());
        layoutOffscreen(&view, QSize(700, 400));
        QVERIFY(inkedPixels(picture(view.canvas())) > 100); // the message
        view.setTemperature(1.0);
        QVERIFY(view.errorMessage().isEmpty());
    }

    void presentationTextIsLargeAndDark_data()
    {
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<double>("stage");
        QTest::newRow("1080p middle") << QSize(1920, 1080) << 1.5;
        QTest::newRow("1080p done") << QSize(1920, 1080) << 3.0;
        QTest::newRow("720p step three") << QSize(1280, 720) << 2.6;
    }

    void presentationTextIsLargeAndDark()
    {
        QFETCH(QSize, screen);
        QFETCH(double, stage);
        const int px = int(std::ceil(screen.height() / 50.0));
        ThreeStepsView view;
        static_cast<Presentable&>(view).setMinimumTextPixels(px);
        QCOMPARE(view.fontPixelSize(), px);
        view.setStage(stage);
        layoutOffscreen(&view, QSize(screen.width() - 80, screen.height() * 6 / 10));
        const auto texts = test::recordPaintedTexts(&view);
        QVERIFY(texts.size() > 15);
        for (const auto& t : texts) {
            QVERIFY2(t.pixelSize >= px - 0.01, qPrintable(QStringLiteral("%1: %2 px").arg(t.text).arg(t.pixelSize)));
            const double contrast = test::contrastRatio(t.color, t.background);
            QVERIFY2(contrast >= 4.5,
                     qPrintable(QStringLiteral("%1: %2 on %3").arg(t.text, t.color.name(), t.background.name())));
        }
    }
};

QTEST_MAIN(TestThreeStepsView)
#include "tst_threestepsview.moc"
