// The compare view: two head views and the difference heatmap, only when the tokens line up.
#include "core/syntheticattention.h"
#include "views/compareview.h"
#include "views/headview.h"
#include "views/heatmapview.h"

#include <QtTest>

using namespace attn;

class TstCompareView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void differenceOfAlignedPair()
    {
        const QStringList a = {"the", "animal", "was", "tired"};
        QStringList b = a;
        b[3] = "wide";
        const auto setA = syntheticAttentionSet(1, 2, 4, 1, false, a);
        const auto setB = syntheticAttentionSet(1, 2, 4, 2, false, b);
        CompareView view;
        view.resize(900, 700);
        view.show();
        const auto mapA = headMap(setA.blocks[0], 0, 1);
        const auto mapB = headMap(setB.blocks[0], 0, 1);
        view.setPair(mapA, "A", mapB, "B", "H1", HeadView::headColor(1));
        QVERIFY(view.hasDifference());
        QCOMPARE(view.differenceView()->rows(), 4);
        QCOMPARE(float(view.differenceView()->value(2, 3)), mapA.at(2, 3) - mapB.at(2, 3));
        QCOMPARE(view.differenceView()->visibleColLabels().last(), QStringLiteral("tired/wide"));
        int q = -1, k = -1;
        const float largest = view.largestDifference(&q, &k);
        for (std::size_t i = 0; i < mapA.weights.size(); ++i)
            QVERIFY(std::abs(mapA.weights[i] - mapB.weights[i]) <= std::abs(largest) + 1e-7f);
        QCOMPARE(largest, mapA.at(q, k) - mapB.at(q, k));

        // Selecting a query in one sentence selects it in the other.
        QTest::mouseClick(view.headViewA(), Qt::LeftButton, {}, view.headViewA()->queryRect(1).center().toPoint());
        QCOMPARE(view.headViewB()->selectedQuery(), 1);
        for (const auto& l : view.headViewB()->drawnLines())
            QCOMPARE(l.query, 1);

        QTemporaryDir dir;
        QString error;
        QVERIFY2(view.exportTo(dir.filePath("c.png"), &error), qPrintable(error));
        QCOMPARE(QImage(dir.filePath("c.png")).width(), 900 * 2);
    }

    void noDifferenceWhenTokensDoNotLineUp()
    {
        const auto setA = syntheticAttentionSet(1, 1, 4, 1);
        const auto setB = syntheticAttentionSet(1, 1, 6, 2);
        CompareView view;
        view.resize(800, 600);
        view.show();
        view.setPair(headMap(setA.blocks[0], 0, 0), "A", headMap(setB.blocks[0], 0, 0), "B", "H0", Qt::blue);
        QVERIFY(!view.hasDifference());
        QVERIFY(view.differenceMessage().contains(QStringLiteral("4 and 6")));
        QCOMPARE(view.headViewB()->queryCount(), 6);
    }
};

QTEST_MAIN(TstCompareView)
#include "tst_compareview.moc"
