// The head view driven off-screen: lines per head and their opacity, hover, selection, toggling and soloing heads,
// and long sentences.
#include "core/syntheticattention.h"
#include "views/headview.h"

#include <QSignalSpy>
#include <QtTest>

using namespace attn;

namespace {

// Lines the view should draw for a map: every weight of at least 1/255 (fainter lines draw nothing).
int visibleWeights(const AttentionBlock& b, int layer, int head, int onlyQuery = -1)
{
    int n = 0;
    for (int q = 0; q < b.queries; ++q)
        for (int k = 0; k < b.keys; ++k)
            n += (onlyQuery < 0 || q == onlyQuery) && b.at(layer, head, q, k) >= 1.0f / 255.0f;
    return n;
}

QColor pixelAt(const QImage& image, QPointF p)
{
    return image.pixelColor(int(p.x() * image.devicePixelRatio()), int(p.y() * image.devicePixelRatio()));
}

} // namespace

class TstHeadView : public QObject
{
    Q_OBJECT
private:
    AttentionSet m_set = syntheticAttentionSet(2, 3, 8, 5, false,
                                               {"The", "animal", "was", "tired", "because", "it", "slept", "."});

private Q_SLOTS:
    void initTestCase()
    {
        // Head 1 of layer 1: "it" (5) puts all its weight on "animal" (1); the line must be fully opaque.
        auto& b = m_set.blocks[0];
        for (int k = 0; k < b.keys; ++k)
            b.at(1, 1, 5, k) = k == 1 ? 1.0f : 0.0f;
    }

    void drawsEveryHeadsLines()
    {
        HeadView view;
        view.resize(700, 500);
        view.show();
        view.setLayer(m_set.blocks[0], 1);
        QCOMPARE(view.headCount(), 3);
        QCOMPARE(view.queryCount(), 8);
        const auto lines = view.drawnLines();
        int expected = 0;
        for (int h = 0; h < 3; ++h)
            expected += visibleWeights(m_set.blocks[0], 1, h);
        QCOMPARE(int(lines.size()), expected);
        for (const auto& l : lines) {
            QCOMPARE(l.weight, m_set.blocks[0].at(1, l.head, l.query, l.key));
            // Lines run from the query row on the left to the key row on the right.
            QVERIFY(qAbs(l.line.p1().y() - view.queryRect(l.query).center().y()) < 0.01);
            QVERIFY(qAbs(l.line.p2().y() - view.keyRect(l.key).center().y()) < 0.01);
            QVERIFY(l.line.p1().x() < l.line.p2().x());
        }
        // Rows do not overlap and the columns do not touch.
        QVERIFY(view.queryRect(1).top() >= view.queryRect(0).bottom() - 1e-6);
        QVERIFY(view.queryRect(0).right() < view.keyRect(0).left());
    }

    void hoverShowsOnlyThatTokensLinesAndPaintsThem()
    {
        HeadView view;
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setLayer(m_set.blocks[0], 1);
        view.soloHead(1);
        QSignalSpy hovered(&view, &HeadView::tokenHovered);
        QTest::mouseMove(&view, view.queryRect(5).center().toPoint());
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.first().at(0).value<HeadView::Side>(), HeadView::Side::Query);
        QCOMPARE(hovered.first().at(1).toInt(), 5);
        const auto lines = view.drawnLines();
        QCOMPARE(int(lines.size()), 1); // only head 1, and "it" has a single non-zero weight there
        QCOMPARE(lines[0].key, 1);
        QCOMPARE(view.strongestLineFrom(5).key, 1);

        // The pixel in the middle of that line has the head's colour; a point far from any line is background.
        const QImage image = view.grab().toImage();
        const QColor mid = pixelAt(image, lines[0].line.center());
        const QColor head = HeadView::headColor(1);
        QVERIFY2(qAbs(mid.red() - head.red()) + qAbs(mid.green() - head.green()) + qAbs(mid.blue() - head.blue()) < 90,
                 qPrintable(mid.name() + " vs " + head.name()));
        const QPointF empty(lines[0].line.center().x(), view.queryRect(7).center().y());
        QCOMPARE(pixelAt(image, empty), view.palette().color(QPalette::Base));

        // Hovering a key shows the lines into it.
        QTest::mouseMove(&view, view.keyRect(2).center().toPoint());
        for (const auto& l : view.drawnLines())
            QCOMPARE(l.key, 2);
        QCOMPARE(int(view.drawnLines().size()), [&] {
            int n = 0;
            for (int q = 0; q < 8; ++q)
                n += m_set.blocks[0].at(1, 1, q, 2) >= 1.0f / 255.0f;
            return n;
        }());
    }

    void clickSelectsAQuery()
    {
        HeadView view;
        view.resize(700, 500);
        view.show();
        view.setLayer(m_set.blocks[0], 0);
        QSignalSpy selected(&view, &HeadView::querySelected);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.queryRect(3).center().toPoint());
        QCOMPARE(selected.count(), 1);
        QCOMPARE(view.selectedQuery(), 3);
        view.setHoveredToken(HeadView::Side::None, -1);
        int expected = 0;
        for (int h = 0; h < 3; ++h)
            expected += visibleWeights(m_set.blocks[0], 0, h, 3);
        QCOMPARE(int(view.drawnLines().size()), expected);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.queryRect(3).center().toPoint());
        QCOMPARE(view.selectedQuery(), -1);
    }

    void swatchesToggleAndSolo()
    {
        HeadView view;
        view.resize(700, 500);
        view.show();
        view.setLayer(m_set.blocks[0], 0);
        QSignalSpy changed(&view, &HeadView::headsChanged);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.swatchRect(1).center().toPoint());
        QVERIFY(!view.isHeadEnabled(1));
        QVERIFY(changed.count() >= 1);
        for (const auto& l : view.drawnLines())
            QVERIFY(l.head != 1);
        // The swatch is drawn hollow when its head is hidden.
        const QImage image = view.grab().toImage();
        QCOMPARE(pixelAt(image, view.swatchRect(1).center()), view.palette().color(QPalette::Base));
        QVERIFY(pixelAt(image, view.swatchRect(0).center()) != view.palette().color(QPalette::Base));

        QTest::mouseDClick(&view, Qt::LeftButton, {}, view.swatchRect(2).center().toPoint());
        QVERIFY(view.isHeadEnabled(2));
        QVERIFY(!view.isHeadEnabled(0));
        QVERIFY(!view.isHeadEnabled(1));
        for (const auto& l : view.drawnLines())
            QCOMPARE(l.head, 2);
        view.soloHead(2); // soloing the only visible head brings every head back
        QVERIFY(view.isHeadEnabled(0) && view.isHeadEnabled(1) && view.isHeadEnabled(2));
        // A new layer of the same model keeps the toggles.
        view.setHeadEnabled(0, false);
        view.setLayer(m_set.blocks[0], 1);
        QVERIFY(!view.isHeadEnabled(0));
    }

    void longSentencesShrinkThenAskForRoom()
    {
        const auto big = syntheticAttentionSet(1, 2, 200, 3);
        HeadView view;
        view.resize(700, 500);
        view.show();
        view.setLayer(big.blocks[0], 0);
        QVERIFY(view.minimumSizeHint().height() > 200 * 10);
        QVERIFY(view.minimumHeight() >= view.minimumSizeHint().height());
        QVERIFY(view.height() >= view.minimumSizeHint().height());
        QVERIFY(view.queryRect(1).top() >= view.queryRect(0).bottom() - 1e-6);
        QVERIFY(view.queryRect(0).height() >= 11.0);
    }

    void aggregateShowsOneGreyLayer()
    {
        AttentionSelection sel;
        sel.layer = 1;
        sel.aggregation = Aggregation::Mean;
        const auto heads = headLinesFor(m_set, sel);
        QCOMPARE(int(heads.size()), 1);
        QCOMPARE(heads[0].name, QStringLiteral("mean"));
        QCOMPARE(heads[0].map.at(5, 1), meanOverHeads(m_set.blocks[0], 1).at(5, 1));
    }
};

QTEST_MAIN(TstHeadView)
#include "tst_headview.moc"
