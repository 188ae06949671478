// The heatmap view: labels, hover highlight and tooltip signal, colour maps, label thinning, export.
#include "views/heatmapview.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

using namespace attn;

class TestHeatmapView : public QObject
{
    Q_OBJECT

private:
    static std::vector<float> ramp(int rows, int cols)
    {
        std::vector<float> v(std::size_t(rows) * cols);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c)
                v[std::size_t(r) * cols + c] = float(r * cols + c) / float(rows * cols - 1);
        return v;
    }

    static void show(HeatmapView& view, QSize size)
    {
        view.resize(size);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.redraw();
        view.redraw();
    }

private Q_SLOTS:
    void labelsAndHover()
    {
        HeatmapView view;
        const QStringList rows{"the", "animal", "it"};
        const QStringList cols{"le", "animal", "il", "."};
        view.setMatrix(ramp(3, 4), 3, 4, rows, cols);
        show(view, QSize(700, 500));
        QCOMPARE(view.visibleRowLabels(), rows);
        QCOMPARE(view.visibleColLabels(), cols);

        QSignalSpy hovered(&view, &HeatmapView::cellHovered);
        const QPoint centre = view.cellCentre(2, 1);
        QCOMPARE(view.cellAt(centre), QPoint(1, 2));
        QTest::mouseMove(view.plot(), centre);
        QTRY_COMPARE(hovered.count(), 1);
        QCOMPARE(hovered.first().at(0).toInt(), 2);
        QCOMPARE(hovered.first().at(1).toInt(), 1);
        QCOMPARE(hovered.first().at(2).toDouble(), double(ramp(3, 4)[9]));
        QCOMPARE(view.hoveredRow(), 2);
        QCOMPARE(view.hoveredCol(), 1);
        // The hovered row is outlined: the outline's red shows on the plot between cells of that row.
        view.redraw();
        const QImage img = view.plot()->toPixmap().toImage();
        const QPoint rowTop = view.cellCentre(2, 3) - QPoint(0, (view.cellCentre(2, 3).y() - view.cellCentre(1, 3).y()) / 2);
        bool foundRed = false;
        for (int dy = -3; dy <= 3 && !foundRed; ++dy) {
            const QColor c = img.pixelColor(rowTop + QPoint(0, dy));
            foundRed = c.red() > 200 && c.green() < 120 && c.blue() < 120;
        }
        QVERIFY2(foundRed, "hovered row is not outlined");
        QCOMPARE(view.cellAt(QPoint(2, 2)), QPoint(-1, -1));
    }

    void colourMapsChangeThePixels()
    {
        HeatmapView view;
        view.setMatrix({0.0f, 1.0f}, 1, 2, {"q"}, {"a", "b"});
        show(view, QSize(500, 300));
        view.setShowValues(false);
        view.setColorMap(ColorMap::Greys);
        view.redraw();
        QImage img = view.plot()->toPixmap().toImage();
        const QColor low = img.pixelColor(view.cellCentre(0, 0));
        const QColor high = img.pixelColor(view.cellCentre(0, 1));
        QVERIFY2(low.lightness() > 240 && high.lightness() < 20,
                 qPrintable(QString("greys: 0 is white and 1 is black, got %1 and %2").arg(low.name(), high.name())));
        view.setColorMap(ColorMap::Viridis);
        view.redraw();
        img = view.plot()->toPixmap().toImage();
        const QColor v0 = img.pixelColor(view.cellCentre(0, 0));
        QVERIFY(qAbs(v0.red() - 68) < 12 && qAbs(v0.blue() - 84) < 12); // viridis starts at (68, 1, 84)
    }

    void longSequencesThinTheirLabels()
    {
        HeatmapView view;
        const int n = 512;
        QStringList labels;
        for (int i = 0; i < n; ++i) labels << QStringLiteral("tok%1").arg(i);
        view.setMatrix(std::vector<float>(std::size_t(n) * n, 1.0f / n), n, n, labels, labels);
        show(view, QSize(900, 800));
        const int shown = int(view.visibleRowLabels().size());
        QVERIFY2(shown > 5 && shown < n / 4, qPrintable(QString::number(shown)));
        // Visible labels are at least one text line apart.
        const int step = n / shown;
        const double px = qAbs(view.cellCentre(step, 0).y() - view.cellCentre(0, 0).y());
        QVERIFY(px >= QFontMetrics(view.plot()->yAxis->tickLabelFont()).height());
    }

    void exportsWhatIsShown()
    {
        HeatmapView view;
        view.setMatrix(ramp(4, 4), 4, 4, {"a", "b", "c", "d"}, {"a", "b", "c", "d"});
        show(view, QSize(600, 400));
        QTemporaryDir dir;
        for (const char* ext : {"png", "svg", "pdf"}) {
            QString error;
            const QString path = dir.filePath(QStringLiteral("h.%1").arg(ext));
            QVERIFY2(view.exportTo(path, &error), qPrintable(error));
            QVERIFY(QFileInfo(path).size() > 500);
        }
        const QImage png(dir.filePath("h.png"));
        QCOMPARE(png.size(), QSize(1200, 800)); // the widget's size at 2x
        QString error;
        QVERIFY(!view.exportTo(dir.filePath("h.gif"), &error));
        QVERIFY(error.contains("unknown export format"));
        QVERIFY(!view.exportTo("/nonexistent-dir/x.png", &error));
        QVERIFY(error.contains("cannot write"));
    }

    void malformedDataIsIgnoredNotCrashing()
    {
        HeatmapView view;
        view.setMatrix({1.0f, 2.0f, 3.0f}, 2, 2, {}, {});
        QCOMPARE(view.rows(), 0);
        show(view, QSize(300, 300));
        QCOMPARE(view.cellAt(QPoint(150, 150)), QPoint(-1, -1));
    }
};

QTEST_MAIN(TestHeatmapView)
#include "tst_heatmapview.moc"
