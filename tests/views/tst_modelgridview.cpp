// The model view: a thumbnail per layer and head, hover, click to open, and its size on big models.
#include "core/syntheticattention.h"
#include "views/colormaps.h"
#include "views/modelgridview.h"

#include <QSignalSpy>
#include <QtTest>

using namespace attn;

class TstModelGridView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gridOfThumbnails()
    {
        auto set = syntheticAttentionSet(3, 4, 6, 9);
        auto& b = set.blocks[0];
        for (int k = 0; k < 6; ++k)
            b.at(2, 3, 0, k) = k == 0 ? 1.0f : 0.0f; // layer 2, head 3: first row all on the first key
        ModelGridView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setBlock(b);
        QCOMPARE(view.layers(), 3);
        QCOMPARE(view.heads(), 4);
        // Cells are laid out layers down, heads across, without overlapping.
        QVERIFY(view.cellRect(0, 1).left() > view.cellRect(0, 0).right());
        QVERIFY(view.cellRect(1, 0).top() > view.cellRect(0, 0).bottom());
        QCOMPARE(view.cellAt(view.cellRect(2, 3).center()), std::make_pair(2, 3));
        QCOMPARE(view.cellAt(QPoint(1, 1)), std::make_pair(-1, -1));

        // The thumbnail pixel of weight 1 has the colour map's top colour; weight 0 its bottom colour.
        const QImage thumb = view.thumbnail(2, 3);
        QCOMPARE(thumb.size(), QSize(6, 6));
        QCOMPARE(thumb.pixelColor(0, 0).rgb(), colorAt(ColorMap::Viridis, 1.0).rgb());
        QCOMPARE(thumb.pixelColor(1, 0).rgb(), colorAt(ColorMap::Viridis, 0.0).rgb());
        // And it is on screen where the cell is.
        const QImage shot = view.grab().toImage();
        const QRect cell = view.cellRect(2, 3);
        const double dpr = shot.devicePixelRatio();
        const QColor top = shot.pixelColor(int((cell.left() + cell.width() / 12) * dpr), int((cell.top() + cell.height() / 12) * dpr));
        QCOMPARE(top.rgb(), colorAt(ColorMap::Viridis, 1.0).rgb());

        view.setColorMap(ColorMap::Greys);
        QCOMPARE(view.thumbnail(2, 3).pixelColor(0, 0).rgb(), colorAt(ColorMap::Greys, 1.0).rgb());
    }

    void hoverAndClickOpenAHead()
    {
        const auto set = syntheticAttentionSet(2, 2, 5, 1);
        ModelGridView view;
        view.resize(500, 400);
        view.show();
        view.setBlock(set.blocks[0]);
        QSignalSpy hovered(&view, &ModelGridView::headHovered);
        QSignalSpy activated(&view, &ModelGridView::headActivated);
        QTest::mouseMove(&view, view.cellRect(1, 0).center());
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(view.hoveredLayer(), 1);
        QCOMPARE(view.hoveredHead(), 0);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.cellRect(0, 1).center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().at(0).toInt(), 0);
        QCOMPARE(activated.first().at(1).toInt(), 1);
        QCOMPARE(view.selectedLayer(), 0);
        QCOMPARE(view.selectedHead(), 1);
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(activated.count(), 1);
    }

    void bigModelsAskForRoom()
    {
        const auto set = syntheticAttentionSet(24, 16, 4, 2);
        ModelGridView view;
        view.resize(600, 400);
        view.show();
        view.setBlock(set.blocks[0]);
        QVERIFY(view.minimumHeight() > 24 * 36);
        QVERIFY(view.cellRect(0, 0).width() >= 36);
        view.clear();
        QCOMPARE(view.layers(), 0);
    }
};

QTEST_MAIN(TstModelGridView)
#include "tst_modelgridview.moc"
