// The scoring lab: every card's numbers against the core's formulas, dragging, modes and bad input.
#include "core/courserules.h"
#include "core/labexamples.h"
#include "core/myattention.h"
#include "core/modelvectors.h"
#include "core/normaliser.h"
#include "core/scoring.h"
#include "views/courserulesview.h"
#include "views/exporter.h"
#include "views/heatmapview.h"
#include "views/scorecard.h"
#include "views/scoringlab.h"

#include <QFile>
#include <QLabel>
#include <QMouseEvent>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace attn;

namespace {

void sendMouse(QWidget* w, QEvent::Type type, QPoint pos, Qt::MouseButtons buttons)
{
    QMouseEvent e(type, QPointF(pos), w->mapToGlobal(QPointF(pos)), Qt::LeftButton, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &e);
}

// Recomputes every number of every card from the core, independently of the lab's own pipeline.
void checkCardsAgainstCore(const ScoringLab& lab)
{
    const LabVectors& v = lab.vectors();
    const Eigen::MatrixXd& values = v.values.size() > 0 ? v.values : v.keys;
    for (ScoreFunction fn : allScoreFunctions()) {
        const Eigen::VectorXd s = score(fn, v.query, v.keys, lab.params());
        const Eigen::VectorXd a = normalise(lab.normaliser(), s, lab.options());
        const Eigen::VectorXd c = weightedSum(a, values);
        const ScoreCard* card = lab.card(fn);
        const QByteArray name = QByteArray::fromStdString(scoreFunctionName(fn));
        QVERIFY2(card->scores().size() == s.size(), name);
        QVERIFY2((card->scores() - s).cwiseAbs().maxCoeff() < 1e-12, name);
        QVERIFY2((card->weights() - a).cwiseAbs().maxCoeff() < 1e-12, name);
        QVERIFY2((card->context() - c).cwiseAbs().maxCoeff() < 1e-12, name);
        for (const QString& text : card->shownTexts()) {
            QVERIFY2(!text.contains(QLatin1String("nan"), Qt::CaseInsensitive) &&
                         !text.contains(QLatin1String("inf"), Qt::CaseInsensitive),
                     qPrintable(text));
        }
    }
}

} // namespace

class TestScoringLab : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void draggingAKeyChangesEveryCardAsTheFormulasSay()
    {
        ScoringLab lab;
        layoutOffscreen(&lab, QSize(1400, 800));
        QVERIFY(lab.isPlaneShown());
        checkCardsAgainstCore(lab);
        std::map<ScoreFunction, Eigen::VectorXd> before;
        for (ScoreFunction fn : allScoreFunctions()) {
            before[fn] = lab.card(fn)->weights();
        }
        VectorPlane* plane = lab.plane();
        const QPoint start = plane->tipPosition(VectorPlane::Kind::Key, 1);
        QVERIFY(start.x() >= 0);
        const QPoint target = plane->toWidget(QPointF(1.1, -0.3)).toPoint();
        sendMouse(plane, QEvent::MouseButtonPress, start, Qt::LeftButton);
        sendMouse(plane, QEvent::MouseMove, (start + target) / 2, Qt::LeftButton);
        sendMouse(plane, QEvent::MouseMove, target, Qt::LeftButton);
        const QPointF expected = plane->toPlane(QPointF(target));
        sendMouse(plane, QEvent::MouseButtonRelease, target, Qt::NoButton);
        QVERIFY(std::abs(lab.vectors().keys(1, 0) - expected.x()) < 1e-9);
        QVERIFY(std::abs(lab.vectors().keys(1, 1) - expected.y()) < 1e-9);
        checkCardsAgainstCore(lab);
        for (ScoreFunction fn : allScoreFunctions()) {
            const double change = (lab.card(fn)->weights() - before[fn]).cwiseAbs().maxCoeff();
            if (fn == ScoreFunction::Location) {
                QCOMPARE(change, 0.0); // location never looks at what a key holds
            } else {
                QVERIFY2(change > 1e-6, scoreFunctionName(fn).c_str());
            }
        }
        // Dragging the query too.
        const QPoint q = plane->tipPosition(VectorPlane::Kind::Query, 0);
        const QPoint q2 = plane->toWidget(QPointF(-0.5, 1.0)).toPoint();
        sendMouse(plane, QEvent::MouseButtonPress, q, Qt::LeftButton);
        sendMouse(plane, QEvent::MouseMove, q2, Qt::LeftButton);
        sendMouse(plane, QEvent::MouseButtonRelease, q2, Qt::NoButton);
        QVERIFY(std::abs(lab.vectors().query(0) - plane->toPlane(QPointF(q2)).x()) < 0.2);
        checkCardsAgainstCore(lab);
    }

    void temperatureSharpensAndFlattens()
    {
        ScoringLab lab;
        lab.setTemperature(0.1);
        checkCardsAgainstCore(lab);
        const double sharp = lab.card(ScoreFunction::Dot)->weights().maxCoeff();
        lab.setTemperature(10.0);
        checkCardsAgainstCore(lab);
        QVERIFY(lab.card(ScoreFunction::Dot)->weights().maxCoeff() < sharp);
    }

    void hardIsOneHotOnTheArgmax()
    {
        ScoringLab lab;
        lab.setNormaliser(NormaliserKind::Hard);
        checkCardsAgainstCore(lab);
        for (ScoreFunction fn : allScoreFunctions()) {
            const ScoreCard* card = lab.card(fn);
            Eigen::Index best = 0;
            card->scores().maxCoeff(&best);
            for (Eigen::Index i = 0; i < card->weights().size(); ++i) {
                QCOMPARE(card->weights()(i), i == best ? 1.0 : 0.0);
            }
        }
        lab.setNormaliser(NormaliserKind::SampledHard);
        checkCardsAgainstCore(lab);
        for (ScoreFunction fn : allScoreFunctions()) {
            QCOMPARE(lab.card(fn)->weights().sum(), 1.0);
            QCOMPARE(lab.card(fn)->weights().maxCoeff(), 1.0);
        }
    }

    void localIsZeroOutsideTheWindow()
    {
        ScoringLab lab;
        lab.setKeyCount(7);
        NormaliserOptions o;
        o.centre = 3.0;
        o.halfWidth = 1;
        lab.setOptions(o);
        lab.setNormaliser(NormaliserKind::Local);
        checkCardsAgainstCore(lab);
        for (ScoreFunction fn : allScoreFunctions()) {
            const Eigen::VectorXd& w = lab.card(fn)->weights();
            QCOMPARE(w.size(), Eigen::Index(7));
            for (int i = 0; i < 7; ++i) {
                if (i < 2 || i > 4) {
                    QCOMPARE(w(i), 0.0);
                } else {
                    QVERIFY(w(i) > 0.0);
                }
            }
        }
        // A window wider than the keys is clipped, and said so.
        o.halfWidth = 20;
        lab.setOptions(o);
        checkCardsAgainstCore(lab);
        QVERIFY(lab.errorMessage().isEmpty());
        QVERIFY(lab.card(ScoreFunction::Dot)->notes().join(' ').contains(QLatin1String("clipped")));
    }

    void badInputGivesDefinedResultsOrAMessage()
    {
        ScoringLab lab;
        // A zero-length key: its cosine is 0 by definition, and the card says so.
        LabVectors v;
        v.query = Eigen::Vector2d(1.0, 0.4);
        v.keys.resize(3, 2);
        v.keys << 0.0, 0.0, 0.8, 0.8, 0.8, 0.8;
        lab.setVectors(v);
        checkCardsAgainstCore(lab);
        QCOMPARE(lab.card(ScoreFunction::Cosine)->scores()(0), 0.0);
        QVERIFY(lab.card(ScoreFunction::Cosine)->notes().join(' ').contains(QLatin1String("length 0")));
        // Identical keys get identical weights; under argmax the first of them wins.
        QCOMPARE(lab.card(ScoreFunction::Dot)->weights()(1), lab.card(ScoreFunction::Dot)->weights()(2));
        lab.setNormaliser(NormaliserKind::Hard);
        QCOMPARE(lab.card(ScoreFunction::Dot)->weights()(1), 1.0);
        QVERIFY(lab.card(ScoreFunction::Dot)->notes().join(' ').contains(QLatin1String("Tie")));
        lab.setNormaliser(NormaliserKind::Softmax);
        // A zero query: every cosine is 0, so the weights are uniform.
        v.query = Eigen::Vector2d(0.0, 0.0);
        lab.setVectors(v);
        checkCardsAgainstCore(lab);
        QVERIFY(std::abs(lab.card(ScoreFunction::Cosine)->weights()(0) - 1.0 / 3.0) < 1e-12);
        // One key takes all the weight.
        lab.setKeyCount(1);
        checkCardsAgainstCore(lab);
        for (ScoreFunction fn : allScoreFunctions()) {
            QCOMPARE(lab.card(fn)->weights()(0), 1.0);
        }
        // A temperature of 0 or below: a message, and the last valid numbers stay.
        const Eigen::VectorXd kept = lab.card(ScoreFunction::Dot)->weights();
        lab.setTemperature(0.0);
        QVERIFY(lab.errorMessage().contains(QLatin1String("temperature")));
        QCOMPARE(lab.card(ScoreFunction::Dot)->weights(), kept);
        lab.setTemperature(-1.0);
        QVERIFY(!lab.errorMessage().isEmpty());
        lab.setTemperature(1.0);
        QVERIFY(lab.errorMessage().isEmpty());
    }

    void courseNotesExamplesMatchTheCore()
    {
        ScoringLab lab;
        lab.loadSelfAttentionExample(1);
        QCOMPARE(lab.example(), ScoringLab::Example::SelfAttention);
        const SelfAttentionExample e = courseSelfAttentionExample();
        const SelfAttentionResult r = scaledDotSelfAttention(e.x, e.wq, e.wk, e.wv);
        const Eigen::VectorXd row = r.weights.row(1).transpose();
        QVERIFY((lab.card(ScoreFunction::ScaledDot)->weights() - row).cwiseAbs().maxCoeff() < 1e-12);
        const Eigen::VectorXd out = r.output.row(1).transpose();
        QVERIFY((lab.card(ScoreFunction::ScaledDot)->context() - out).cwiseAbs().maxCoeff() < 1e-12);
        checkCardsAgainstCore(lab);

        // The notes' three rules side by side, on the notes' shapes at 32 rows of V.
        lab.loadCourseRulesExample();
        QCOMPARE(lab.example(), ScoringLab::Example::CourseRules);
        CourseRulesView* rules = lab.courseRules();
        QVERIFY(rules->isVisibleTo(&lab));
        const CourseRulesExample ex = courseRulesExample();
        const MyAttResult m = myAttention(ex.query, ex.state, ex.values.topRows(32), ex.myatt);
        QVERIFY((rules->result().rule1.weights - m.weights).cwiseAbs().maxCoeff() < 1e-12);
        QVERIFY((rules->result().rule1.output - m.output).cwiseAbs().maxCoeff() < 1e-12);
        QCOMPARE(rules->result().rule1.weights.size(), Eigen::Index(32));
        QCOMPARE(rules->result().rule1.applied.size(), Eigen::Index(64));
        QCOMPARE(rules->result().rule1.concat.size(), Eigen::Index(96));
        QCOMPARE(rules->result().rule1.output.size(), Eigen::Index(32));
        QVERIFY(rules->notice().isEmpty());
        ScoreParams p;
        p.concatTanhW = ex.tanhW;
        p.concatTanhBias = ex.tanhB;
        const Eigen::VectorXd w2 = softmax(score(ScoreFunction::ConcatTanh, ex.query, ex.keys.topRows(32), p));
        QVERIFY((rules->result().rule2.weights - w2).cwiseAbs().maxCoeff() < 1e-12);
        const Eigen::VectorXd w3 = softmax(score(ScoreFunction::ScaledDot, ex.query, ex.keys.topRows(32)));
        QVERIFY((rules->result().rule3.weights - w3).cwiseAbs().maxCoeff() < 1e-12);
        // The notes' shapes are written in each rule's steps.
        QVERIFY(rules->ruleLabel(1)->text().contains(QStringLiteral("[1,32], [1,32] → [1,64] → [1,32]")));
        QVERIFY(rules->ruleLabel(1)->text().contains(QStringLiteral("bmm [1,1,32] × [1,32,64] → [1,1,64]")));
        QVERIFY(rules->ruleLabel(1)->text().contains(QStringLiteral("[1,96] → [1,32]")));
        QCOMPARE(rules->weightsHeatmap()->rows(), 3);

        // Fewer rows than rule 1's positions: masked, with a notice; more: refused, naming the limit.
        lab.loadCourseRulesExample(20);
        QCOMPARE(rules->result().maskedPositions, 12);
        QVERIFY(std::abs(rules->result().rule1.weights.sum() - 1.0) < 1e-12);
        QVERIFY(rules->notice().contains(QStringLiteral("masked")));
        lab.loadCourseRulesExample(36);
        QVERIFY(rules->notice().contains(QStringLiteral("at most 32 positions")));
        QCOMPARE(rules->result().rule2.weights.size(), Eigen::Index(36)); // rules 2 and 3 have no such limit
        QCOMPARE(rules->weightsHeatmap()->rows(), 2);
        lab.setVectors(ScoringLab::defaultVectors());
        QVERIFY(!rules->isVisibleTo(&lab));
        checkCardsAgainstCore(lab);
        // The cards that carry a lesson say it.
        const QString concat = lab.card(ScoreFunction::ConcatLinear)->notes().join(' ');
        QVERIFY2(concat.contains(QStringLiteral("(w_qᵀq + b) + w_kᵀkᵢ")) && concat.contains(QStringLiteral("cancels")),
                 qPrintable(concat));
        QVERIFY(lab.card(ScoreFunction::ConcatTanh)->notes().join(' ').contains(QStringLiteral("rule 2")));
        QVERIFY(lab.card(ScoreFunction::Additive)->notes().join(' ').contains(QStringLiteral("Luong's concat")));
    }

    void vectorsFromAFileAndHeatmapMode()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v8.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# eight dimensions\nq: 1,0,0,0,0,0,0,1\nk: 1,1,0,0,0,0,0,0\nk: 0,0,1,0,0,0,0,1\nk: 0,0,0,0,0,0,0,0\n");
        f.close();
        ScoringLab lab;
        layoutOffscreen(&lab, QSize(1200, 700));
        lab.loadVectorsFile(path);
        QVERIFY(lab.errorMessage().isEmpty());
        QCOMPARE(lab.vectors().keys.rows(), Eigen::Index(3));
        QVERIFY(!lab.isPlaneShown());
        checkCardsAgainstCore(lab);

        const QString bad = dir.filePath(QStringLiteral("bad.txt"));
        QFile g(bad);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("q: 1,0\nk: 1,zero\n");
        g.close();
        lab.loadVectorsFile(bad);
        QVERIFY(lab.errorMessage().contains(QLatin1String("bad.txt line 2")));
        QCOMPARE(lab.vectors().keys.rows(), Eigen::Index(3)); // the last good vectors stay
    }

    // A made-up "model" whose attention is softmax(q^T W k) with its own W: the general card reproduces it only
    // with the trained W; steps and token labels follow.
    void modelVectorsWithTokensAndTrainedParameters()
    {
        ModelVectors m;
        m.model = QStringLiteral("toy");
        m.score = QStringLiteral("general");
        const ScoreParams drawn = ScoreParams::random(3, 3, 3, 8, 5);
        m.keys = drawn.location.topRows(4) * 3.0;
        m.queries = drawn.location.bottomRows(2) * 3.0;
        m.keyTokens = QStringList{"the", "black", "cat", "."};
        m.queryTokens = QStringList{"le", "chat"};
        m.hasTrainedParams = true;
        m.trainedParams.general = drawn.additiveW;
        m.attention.resize(2, 4);
        for (int t = 0; t < 2; ++t) {
            m.attention.row(t) =
                softmax(score(ScoreFunction::General, m.queries.row(t).transpose(), m.keys, m.trainedParams))
                    .transpose();
        }
        ScoringLab lab;
        layoutOffscreen(&lab, QSize(1200, 800));
        lab.setTemperature(3.0);
        lab.loadModelVectors(m, 1, true);
        QVERIFY(lab.errorMessage().isEmpty());
        QCOMPARE(lab.example(), ScoringLab::Example::Model);
        QCOMPARE(lab.options().temperature, 1.0);
        QVERIFY(lab.modelHeatmap()->isVisible());
        QVERIFY(lab.card(ScoreFunction::General)->isSelected());
        QVERIFY(lab.card(ScoreFunction::Dot)->shownTexts().contains(QStringLiteral("black")));
        checkCardsAgainstCore(lab);
        const auto gap = [&] {
            return (lab.card(ScoreFunction::General)->weights() - lab.modelWeights()).cwiseAbs().maxCoeff();
        };
        QVERIFY(gap() < 1e-12);
        lab.setModelStep(0);
        QCOMPARE(lab.vectors().queryLabel, QStringLiteral("le"));
        QVERIFY(gap() < 1e-12);
        lab.setUseTrainedParams(false);
        QVERIFY(gap() > 1e-3);
        checkCardsAgainstCore(lab);
        lab.setModelStep(7); // outside: refused, the last good step stays
        QVERIFY(!lab.errorMessage().isEmpty());
        QCOMPARE(lab.modelStep(), 0);
        lab.setVectors(ScoringLab::defaultVectors());
        QVERIFY(!lab.modelHeatmap()->isVisible());
    }
};

QTEST_MAIN(TestScoringLab)
#include "tst_scoringlab.moc"
