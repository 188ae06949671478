// The Classifiers tab (issue 15) off-screen: it opens on a generated example, runs every family's shipped models in
// its job runner, names missing model folders in the panel and sends refused input to the status bar.
#include "gui/classifierspanel.h"
#include "views/documentview.h"
#include "views/highlighttextview.h"
#include "views/lengthaccuracyplot.h"

#include <qcustomplot.h>
#include "views/pairview.h"

#include <QDir>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace attn;
using Family = ClassifiersSession::Family;

namespace {

QString shippedModels()
{
    return QStringLiteral(ATTN_MODELS_DIR);
}

// Fails (never skips) when a shipped model folder is missing.
bool haveModels(Family family, QString* missing)
{
    *missing = ClassifiersSession::missingModels(family).join(QStringLiteral(", "));
    return missing->isEmpty();
}

bool waitClassified(ClassifiersPanel& panel)
{
    panel.session().waitForIdle();
    return !panel.isBusy();
}

// ATTN_SAVE_PNG=DIR keeps a picture of the panel, to look at.
void save(ClassifiersPanel& panel, const QString& name)
{
    if (qEnvironmentVariableIsSet("ATTN_SAVE_PNG")) {
        panel.show();
        QCoreApplication::processEvents();
        panel.grab().save(QStringLiteral("%1/classifiers-%2.png").arg(qEnvironmentVariable("ATTN_SAVE_PNG"), name));
    }
}

} // namespace

class TestClassifiersPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("ATTNSCOPE_MODELS", shippedModels().toUtf8());
    }

    void examplesAreFixedAndOfTheirTask()
    {
        const auto review = ClassifiersSession::example(Family::Pooling);
        QVERIFY(review.first.split(QLatin1Char(' ')).size() >= 50);
        QVERIFY(review.second.isEmpty());
        QCOMPARE(ClassifiersSession::example(Family::Pooling), review);
        QVERIFY(ClassifiersSession::example(Family::Pooling, 1) != review);
        QVERIFY(ClassifiersSession::example(Family::Han).first.count(QLatin1Char('.')) >= 5);
        const auto pair = ClassifiersSession::example(Family::Pair);
        QVERIFY(!pair.first.isEmpty() && !pair.second.isEmpty());
    }

    void missingModelsAreNamedInThePanel()
    {
        QTemporaryDir empty;
        qputenv("ATTNSCOPE_MODELS", empty.path().toUtf8());
        ClassifiersPanel panel;
        panel.resize(1920, 1000);
        panel.session().waitForIdle();
        save(panel, QStringLiteral("missing"));
        QVERIFY2(panel.message().contains(QStringLiteral("pooling-attention")), qPrintable(panel.message()));
        QVERIFY(panel.message().contains(QStringLiteral("pooling-last")));
        panel.setFamily(Family::Pair);
        QVERIFY2(panel.message().contains(QStringLiteral("pair-abcnn2")), qPrintable(panel.message()));
        qputenv("ATTNSCOPE_MODELS", shippedModels().toUtf8());
    }

    void poolingShowsTheThreeModelsOnTheExample()
    {
        QString missing;
        QVERIFY2(haveModels(Family::Pooling, &missing), qPrintable("missing shipped models: " + missing));
        ClassifiersPanel panel;
        panel.resize(1920, 1000);
        QSignalSpy errors(&panel, &Panel::errorOccurred);
        QVERIFY(waitClassified(panel));
        QCOMPARE(errors.count(), 0);
        QVERIFY2(panel.message().isEmpty(), qPrintable(panel.message()));
        const auto& outcomes = panel.session().outcomes();
        QCOMPARE(int(outcomes.size()), 3);
        for (int i = 0; i < 3; ++i) {
            const ClassificationResult& r = outcomes[size_t(i)].result;
            QVERIFY2(outcomes[size_t(i)].ok(), qPrintable(outcomes[size_t(i)].error));
            r.validate();
            HighlightTextView* v = panel.highlightView(i);
            QCOMPARE(v->tokens(), r.tokens);
            QVERIFY(v->title().contains(r.label()));
            // One shading scale for the three models.
            QCOMPARE(v->shadingMax(), panel.highlightView(0)->shadingMax());
        }
        QCOMPARE(panel.lengthPlot()->seriesCount(), 3);
        QVERIFY(!panel.lengthPlot()->isHidden());
        save(panel, QStringLiteral("pooling"));
    }

    // A lesson's prediction question: nothing on screen gives the answer away until it is revealed.
    void answerHiddenShowsNeitherPredictionNorWeights()
    {
        QString missing;
        QVERIFY2(haveModels(Family::Pooling, &missing), qPrintable("missing shipped models: " + missing));
        ClassifiersPanel panel;
        panel.resize(1920, 1000);
        panel.show();
        QVERIFY(waitClassified(panel));
        HighlightTextView* attention = panel.highlightView(2);
        QVERIFY(attention->wordCount() > 2);
        const auto distinctShades = [&] {
            QSet<QRgb> shades;
            for (int w = 0; w < attention->wordCount(); ++w) {
                shades.insert(attention->wordBackground(w).rgb());
            }
            return shades.size();
        };
        QVERIFY(distinctShades() > 1);
        const auto plottedPoints = [&] {
            int n = 0;
            for (int g = 0; g < panel.lengthPlot()->plot()->graphCount(); ++g) {
                for (auto it = panel.lengthPlot()->plot()->graph(g)->data()->begin();
                     it != panel.lengthPlot()->plot()->graph(g)->data()->end(); ++it) {
                    n += qIsNaN(it->value) ? 0 : 1;
                }
            }
            return n;
        };
        QVERIFY(plottedPoints() > 0);
        panel.setAnswerHidden(true);
        QCOMPARE(distinctShades(), 1);
        QCOMPARE(plottedPoints(), 0);
        panel.setAnswerHidden(false);
        QVERIFY(distinctShades() > 1);
        QVERIFY(plottedPoints() > 0);
        QVERIFY(attention->title().contains(panel.session().outcomes()[2].result.label()));
    }

    void refusedInputGoesToTheStatusBar()
    {
        QString missing;
        QVERIFY2(haveModels(Family::Pooling, &missing), qPrintable("missing shipped models: " + missing));
        ClassifiersPanel panel;
        QVERIFY(waitClassified(panel));
        QSignalSpy errors(&panel, &Panel::errorOccurred);
        panel.setText(QString());
        panel.classify();
        QVERIFY(waitClassified(panel));
        QCOMPARE(errors.count(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("empty")) && !message.contains(QLatin1Char('\n')), qPrintable(message));
        panel.setText(QStringLiteral("the zyzzyva was good ."));
        panel.classify();
        QVERIFY(waitClassified(panel));
        QCOMPARE(errors.count(), 2);
        QVERIFY2(errors.last().first().toString().contains(QStringLiteral("zyzzyva")),
                 qPrintable(errors.last().first().toString()));
    }

    void documentsShowTheDocumentView()
    {
        QString missing;
        QVERIFY2(haveModels(Family::Han, &missing), qPrintable("missing shipped models: " + missing));
        ClassifiersPanel panel;
        panel.resize(1920, 1000);
        panel.setFamily(Family::Han);
        QVERIFY(waitClassified(panel));
        const auto& outcomes = panel.session().outcomes();
        QCOMPARE(int(outcomes.size()), 1);
        QVERIFY2(outcomes.front().ok(), qPrintable(outcomes.front().error));
        QCOMPARE(panel.documentView()->sentenceCount(), int(outcomes.front().result.sentences.size()));
        QVERIFY(panel.documentView()->sentenceCount() >= 5);
        save(panel, QStringLiteral("han"));
    }

    void pairsNeedTwoTextsAndShowThePairView()
    {
        QString missing;
        QVERIFY2(haveModels(Family::Pair, &missing), qPrintable("missing shipped models: " + missing));
        ClassifiersPanel panel;
        panel.resize(1920, 1000);
        panel.setFamily(Family::Pair);
        QVERIFY(waitClassified(panel));
        const auto& outcomes = panel.session().outcomes();
        QCOMPARE(int(outcomes.size()), 1);
        QVERIFY2(outcomes.front().ok(), qPrintable(outcomes.front().error));
        const ClassificationResult& r = outcomes.front().result;
        QCOMPARE(panel.pairView()->premiseCount(), r.premiseTokens.size());
        QCOMPARE(panel.pairView()->hypothesisCount(), r.hypothesisTokens.size());
        save(panel, QStringLiteral("pair"));

        QSignalSpy errors(&panel, &Panel::errorOccurred);
        const auto example = ClassifiersSession::example(Family::Pair);
        panel.setText(example.first, QString());
        panel.classify();
        QVERIFY(waitClassified(panel));
        QCOMPARE(errors.count(), 1);
        QVERIFY2(errors.first().first().toString().contains(QStringLiteral("hypothesis")),
                 qPrintable(errors.first().first().toString()));
    }
};

QTEST_MAIN(TestClassifiersPanel)
#include "tst_classifierspanel.moc"
