// The trained comparison: same labels and colour scale for every heatmap, one plot line and table row per model.
#include "engine/seq2seq/seq2seq.h"
#include "engine/textmodel.h"
#include "gui/scorescompare.h"
#include "views/heatmapview.h"
#include "views/scorescompareview.h"

#include <QDir>
#include <QFileInfo>
#include <QTableWidget>
#include <QTest>
#include <qcustomplot.h>

#include <cmath>

using namespace attn;

class TestComparePanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void alignmentsShareLabelsAndScale()
    {
        const QString dir = QStringLiteral(ATTN_MODELS_DIR);
        QVERIFY2(QFileInfo::exists(dir + QStringLiteral("/seq2seq-none/card.md")),
                 "models/seq2seq-none is missing: the seq2seq models are committed in models/");
        const ScoresCompareData data = computeScoresCompare(dir, defaultCompareSentence());
        QVERIFY(data.source.size() >= 20);
        QVERIFY(!data.target.isEmpty());
        ScoresCompareView view;
        view.resize(1600, 1000);
        view.setData(data);
        int attention = 0;
        for (const ComparedModel& m : data.models) {
            if (m.cross.queries == 0) {
                QCOMPARE(m.score, QStringLiteral("none"));
                continue;
            }
            ++attention;
            QCOMPARE(m.cross.queryLabels, data.target);
            QCOMPARE(m.cross.keyLabels, data.source);
            m.cross.validate(); // rows sum to 1
        }
        QCOMPARE(int(view.heatmaps().size()), attention);
        for (HeatmapView* h : view.heatmaps()) {
            QCOMPARE(h->rows(), int(data.target.size()));
            QCOMPARE(h->cols(), int(data.source.size()));
        }
        // Every shipped model sits in the comparison, the course notes' rules 1 and 2 and concat_linear included,
        // each with its accuracy on the sentences whose French word order differs from the English.
        QStringList scores;
        for (const ComparedModel& m : data.models) {
            scores << m.score;
            QVERIFY2(m.reorderedTokenAccuracy >= 0.0 && m.sameOrderTokenAccuracy >= 0.0,
                     qPrintable(QStringLiteral("seq2seq-%1: config.json has no word-order metrics").arg(m.score)));
        }
        QCOMPARE(scores, seq2seqScoreNames());
        QCOMPARE(view.table()->columnCount(), 3 + 4 + 2);
        QVERIFY(view.table()->horizontalHeaderItem(7)->text().startsWith(QStringLiteral("reordered")));
        QCOMPARE(view.table()->rowCount(), int(data.models.size()));
        QCOMPARE(view.plot()->graphCount(), int(data.models.size()));
        for (int g = 0; g < view.plot()->graphCount(); ++g) {
            QCOMPARE(view.plot()->graph(g)->data()->size(), 4); // one point per length bucket
        }
    }

    void badInputGivesAMessage()
    {
        QVERIFY_THROWS_EXCEPTION(ModelError, computeScoresCompare(QString(), QStringLiteral("the dog .")));
        QVERIFY_THROWS_EXCEPTION(ModelError, computeScoresCompare(QDir::tempPath(), QStringLiteral("the dog .")));
    }
};

QTEST_MAIN(TestComparePanel)
#include "tst_comparepanel.moc"
