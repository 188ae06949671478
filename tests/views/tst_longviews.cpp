// The views for long sequences (issue 18): what they draw follows the data however many tokens there are.
// Matrix level of detail (max keeps a single hot cell, mean dilutes it, zoom shows cells exactly), the head view in
// a scroll area (only the rows in sight get lines, the rest are bundled at the edges), the model grid's cached
// thumbnails, and the token text view's shading, threshold, contrast and painting of only the lines in sight.
#include "core/syntheticattention.h"
#include "paintedtext.h"
#include "views/exporter.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/modelgridview.h"
#include "views/tokentextcanvas.h"
#include "views/tokentextview.h"

#include <QScrollArea>
#include <QScrollBar>
#include <QtTest>

using namespace attn;

namespace {

// n x n, every weight small and equal but one hot cell.
std::vector<float> oneHotCell(int n, int row, int col)
{
    std::vector<float> m(std::size_t(n) * n, 1e-4f);
    m[std::size_t(row) * n + col] = 1.0f;
    return m;
}

double maxOf(const ReducedMatrix& r)
{
    return *std::max_element(r.values.begin(), r.values.end());
}

AttentionMap localMap(int n)
{
    // Each query on itself (0.6) and its left neighbour (0.4): every line is short, so bundles are easy to predict.
    AttentionMap m;
    m.queries = m.keys = n;
    m.weights.assign(std::size_t(n) * n, 0.0f);
    for (int q = 0; q < n; ++q) {
        m.weights[std::size_t(q) * n + q] += q == 0 ? 1.0f : 0.6f;
        if (q > 0) {
            m.weights[std::size_t(q) * n + q - 1] += 0.4f;
        }
        m.queryLabels << QStringLiteral("t%1").arg(q);
    }
    m.keyLabels = m.queryLabels;
    return m;
}

} // namespace

class TstLongViews : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matrixMaxKeepsASingleHotCellVisible()
    {
        const int n = 2000;
        HeatmapView view;
        view.setMatrix(oneHotCell(n, 1234, 567), n, n, {}, {});
        layoutOffscreen(&view, QSize(600, 500));
        view.redraw();
        const ReducedMatrix& lod = view.levelOfDetail();
        QVERIFY2(!lod.exact(), "2000 cells on a few hundred pixels must be reduced");
        QVERIFY(lod.rows < n && lod.cols < n);
        QCOMPARE(view.poolMode(), PoolMode::Max);
        QCOMPARE(maxOf(lod), 1.0);
        // The bin holding the hot cell is the hot one, and the pixel there has the colour of the top of the map.
        QCOMPARE(lod.values[std::size_t(lod.rowBin(1234)) * lod.cols + lod.colBin(567)], 1.0);
        const QImage img = view.plot()->toPixmap().toImage();
        const QPoint c = view.cellCentre(1234, 567);
        const QColor top = colorAt(ColorMap::Viridis, 1.0);
        bool found = false;
        for (int dy = -2; dy <= 2 && !found; ++dy)
            for (int dx = -2; dx <= 2 && !found; ++dx) {
                const QColor px = img.pixelColor(c + QPoint(dx, dy));
                found = qAbs(px.red() - top.red()) + qAbs(px.green() - top.green()) + qAbs(px.blue() - top.blue()) < 40;
            }
        QVERIFY2(found, "the hot cell's pixel is not drawn in the map's top colour");

        // The mean spreads it over the cells of its pixel.
        view.setPoolMode(PoolMode::Mean);
        QVERIFY(maxOf(view.levelOfDetail()) < 0.5);
        QVERIFY(maxOf(view.levelOfDetail()) > 1e-4);
    }

    void matrixZoomShowsExactCells()
    {
        const int n = 2000;
        HeatmapView view;
        std::vector<float> m = oneHotCell(n, 10, 20);
        m[std::size_t(11) * n + 20] = 0.5f;
        view.setMatrix(m, n, n, {}, {});
        layoutOffscreen(&view, QSize(600, 500));
        QVERIFY(!view.isZoomed());
        view.zoomTo({0, 40, 0, 40});
        view.redraw();
        QVERIFY(view.isZoomed());
        const MatrixRegion r = view.visibleRegion();
        QCOMPARE(r.row0, 0);
        QCOMPARE(r.rows(), 40);
        QCOMPARE(r.cols(), 40);
        const ReducedMatrix& lod = view.levelOfDetail();
        QVERIFY2(lod.exact(), "40 x 40 cells fit the plot: one bin per cell");
        QCOMPARE(lod.values[std::size_t(11) * lod.cols + 20], 0.5);
        // The cell under the mouse is the exact cell, zoomed or not.
        QCOMPARE(view.cellAt(view.cellCentre(11, 20)), QPoint(20, 11));
        view.resetZoom();
        view.redraw();
        QVERIFY(!view.isZoomed());
        QVERIFY(!view.levelOfDetail().exact());
    }

    void headViewDrawsOnlyRowsInSightAndBundlesTheRest()
    {
        const int n = 600;
        QScrollArea area;
        area.setWidgetResizable(true);
        auto* view = new HeadView;
        area.setWidget(view);
        view->setHeads({{localMap(n), QStringLiteral("H0"), HeadView::headColor(0)}});
        layoutOffscreen(&area, QSize(700, 500));
        area.verticalScrollBar()->setValue(area.verticalScrollBar()->maximum() / 2);
        QCoreApplication::processEvents();
        const auto [first, end] = view->visibleRows();
        QVERIFY2(first > 0 && end < n && end - first < 60, qPrintable(QStringLiteral("%1..%2").arg(first).arg(end)));
        const auto lines = view->drawnLines();
        QVERIFY(!lines.empty());
        for (const DrawnLine& l : lines) {
            QVERIFY(l.query >= first && l.query < end);
            QVERIFY(l.key >= first && l.key < end);
        }
        // Two lines cross the frame's edges: the first visible query looks at the token just above (0.4, bundled to
        // the top edge), and the first query below looks at the last visible key (0.4, bundled from the bottom).
        const auto bundles = view->drawnBundles();
        QCOMPARE(int(bundles.size()), 2);
        const auto out = std::find_if(bundles.begin(), bundles.end(), [](const DrawnLine& l) { return l.key < 0; });
        const auto in = std::find_if(bundles.begin(), bundles.end(), [](const DrawnLine& l) { return l.query < 0; });
        QVERIFY(out != bundles.end() && in != bundles.end());
        QCOMPARE(out->query, first);
        QCOMPARE(out->weight, 0.4f);
        QCOMPARE(in->key, end - 1);
        QCOMPARE(in->weight, 0.4f);
        const QRect frame = view->visibleFrame();
        // The swatches stay on top of the scrolled frame; lines end below them.
        QVERIFY(view->stickyHeaderHeight() > 0.0);
        QCOMPARE(view->lineFrame().top(), frame.top() + view->stickyHeaderHeight());
        QVERIFY(view->swatchAt(QPointF(view->swatchRect(0).center()) + QPointF(0, frame.top())) == 0);
        QCOMPARE(out->line.p2().y(), view->lineFrame().top());
        QCOMPARE(in->line.p1().y(), double(frame.top() + frame.height()));
        // And it is drawn: the pixel a little below the edge on the bundle has the head's colour, not the background.
        const QImage shot = view->grab(frame).toImage();
        const QLineF& b = out->line;
        const QPointF near = b.pointAt(1.0 - 3.0 / b.length()) - QPointF(frame.topLeft());
        const QColor px = shot.pixelColor(near.toPoint() * shot.devicePixelRatio());
        QVERIFY2(px != view->palette().color(QPalette::Base), qPrintable(px.name()));
    }

    void headViewWithEveryRowInSightHasNoBundles()
    {
        HeadView view;
        view.resize(700, 500);
        view.show();
        view.setHeads({{localMap(20), QStringLiteral("H0"), HeadView::headColor(0)}});
        QVERIFY(view.drawnBundles().empty());
        QCOMPARE(int(view.drawnLines().size()), 20 + 19);
    }

    void modelGridPoolsOnceAndCaches()
    {
        int calls = 0;
        ModelGridView view;
        view.setProvider(
            [&calls](int layer, int head, int side, PoolMode mode) {
                ++calls;
                Eigen::MatrixXf m = Eigen::MatrixXf::Constant(side, side, mode == PoolMode::Max ? 0.9f : 0.1f);
                m(0, 0) = float(layer + head) / 100.0f;
                return m;
            },
            3, 4, 5000, 5000);
        layoutOffscreen(&view, QSize(600, 400));
        view.repaint();
        QCOMPARE(calls, 12);
        QCOMPARE(view.cachedThumbnails(), 12);
        view.repaint();
        view.update();
        QCoreApplication::processEvents();
        QCOMPARE(calls, 12); // repaints reuse the cache
        const QImage thumb = view.thumbnail(1, 2);
        QVERIFY(thumb.width() <= view.thumbnailSide() && thumb.width() > 0);
        QVERIFY(view.thumbnailSide() < 5000); // pooled to the cell's pixels, never the full head
        view.setPoolMode(PoolMode::Mean);
        view.repaint();
        QCOMPARE(calls, 24);
        QCOMPARE(view.thumbnail(0, 0).pixelColor(5, 5), colorAt(ColorMap::Viridis, std::sqrt(0.1)).toRgb());
    }

    void tokenTextShadingFollowsTheWeights()
    {
        const QStringList tokens = {"The",    "animal",  "didn't", "cross", "the",
                                    "street", "because", "it",     "was",   "tired"};
        // From "it" (7): animal 0.5, street 0.2, it 0.15, tired 0.1, the rest 0.05 over "The".
        std::vector<float> row(tokens.size(), 0.0f);
        row[1] = 0.5f, row[5] = 0.2f, row[7] = 0.15f, row[9] = 0.1f, row[0] = 0.05f;
        TokenTextView view;
        view.setTokens(tokens);
        view.setProvider([row](int token, TokenTextView::Direction,
                               int) { return token == 7 ? row : std::vector<float>(row.size(), 0.1f); },
                         {QStringLiteral("H0")});
        layoutOffscreen(&view, QSize(600, 300));
        view.setPinnedToken(7);
        QCOMPARE(view.focusToken(), 7);
        QCOMPARE(view.shading()[1], 1.0f); // the strongest is the darkest
        QVERIFY(view.shading()[5] > view.shading()[9]);
        QVERIFY(view.shading()[9] > view.shading()[2] && view.shading()[2] == 0.0f);
        // 70% of the mass: animal (0.5) and street (0.2) only.
        view.setMassShown(0.7);
        QCOMPARE(view.shownTokens(), (std::vector<int>{1, 5}));
        QCOMPARE(view.shading()[7], 0.0f);
        // Every token's text reads at 4.5:1 on its shade.
        view.setMassShown(1.0);
        view.canvas()->viewport()->repaint();
        int checked = 0;
        for (const auto& t : test::recordPaintedTexts(view.canvas()->viewport())) {
            if (tokens.contains(t.text.trimmed())) {
                QVERIFY2(test::contrastRatio(t.color, t.background) >= 4.5,
                         qPrintable(QStringLiteral("%1: %2 on %3").arg(t.text, t.color.name(), t.background.name())));
                ++checked;
            }
        }
        QCOMPARE(checked, tokens.size());
        // The hovered token takes over while the mouse is on it; leaving returns to the pinned one.
        view.setHoveredToken(3);
        QCOMPARE(view.focusToken(), 3);
        QCOMPARE(view.shading()[0], 1.0f);
        view.setHoveredToken(-1);
        QCOMPARE(view.focusToken(), 7);
    }

    void tokenTextPresentsLargeReadableText()
    {
        const auto set = syntheticAttentionSet(1, 2, 200, 6);
        TokenTextView view;
        view.setBlock(std::make_shared<const AttentionBlock>(set.blocks[0]), 0);
        layoutOffscreen(&view, QSize(1280, 720));
        view.setPinnedToken(20);
        view.setMinimumTextPixels(22);
        QCoreApplication::processEvents();
        int tokens = 0;
        for (const auto& t : test::recordPaintedTexts(&view)) {
            if (t.text.trimmed().isEmpty()) {
                continue;
            }
            QVERIFY2(t.pixelSize >= 21.5, qPrintable(QStringLiteral("%1 @ %2").arg(t.text).arg(t.pixelSize)));
            tokens += t.text.trimmed().startsWith(QLatin1Char('w'));
        }
        QVERIFY(tokens > 10); // the tokens ("w0", "w1", ...) were among them
        view.setMinimumTextPixels(0);
        QCoreApplication::processEvents();
        for (const auto& t : test::recordPaintedTexts(view.canvas()->viewport())) {
            QVERIFY(t.pixelSize < 21.5);
        }
    }

    void tokenTextPaintsOnlyTheLinesInSight()
    {
        const auto set = syntheticAttentionSet(1, 2, 1500, 4);
        TokenTextView view;
        view.setBlock(std::make_shared<const AttentionBlock>(set.blocks[0]), 0);
        layoutOffscreen(&view, QSize(800, 400));
        view.setPinnedToken(1000);
        view.canvas()->ensureVisible(1000);
        view.canvas()->viewport()->repaint();
        const auto [first, end] = view.canvas()->visibleTokens();
        QVERIFY(first <= 1000 && 1000 < end);
        QVERIFY2(view.canvas()->lastPaintedCount() < 400,
                 qPrintable(QString::number(view.canvas()->lastPaintedCount())));
        QVERIFY(view.canvas()->lastPaintedCount() > 20);
        // Mean over heads by default; a head on its own gives that head's row.
        QCOMPARE(view.head(), -1);
        view.setHead(1);
        QCOMPARE(view.weights()[999], set.blocks[0].at(0, 1, 1000, 999));
        view.setDirection(TokenTextView::Direction::To);
        QCOMPARE(view.weights()[999], set.blocks[0].at(0, 1, 999, 1000));
    }
};

QTEST_MAIN(TstLongViews)
#include "tst_longviews.moc"
