// Image overlay views: the attention layer lands where alpha is, hard attention picks one cell, the grid shows
// every word and reports clicks; exports write files. Drawn off-screen.
#include "views/exporter.h"
#include "views/imageoverlayview.h"
#include "views/overlaygridview.h"

#include <QFontMetrics>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace attn;

namespace {

// Two words over a 4 x 4 grid: the first looks at the top-left cell, the second at the bottom-right.
CaptionResult twoWords()
{
    CaptionResult r;
    r.modelName = "test";
    r.words = {"red", "square"};
    r.gridRows = 4;
    r.gridCols = 4;
    Eigen::MatrixXf a = Eigen::MatrixXf::Constant(4, 4, 0.02f);
    a(0, 0) = 1.0f - 15 * 0.02f;
    Eigen::MatrixXf b = Eigen::MatrixXf::Constant(4, 4, 0.02f);
    b(3, 3) = 1.0f - 15 * 0.02f;
    r.alphas = {a, b};
    r.betas = {0.9f, 0.4f};
    return r;
}

QImage grey(int side)
{
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(qRgb(128, 128, 128));
    return image;
}

QImage grab(QWidget& w)
{
    QImage image(w.size(), QImage::Format_RGB32);
    w.render(&image);
    return image;
}

} // namespace

class TestImageOverlayView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void brightWhereTheWordLooked()
    {
        ImageOverlayView view;
        view.setImage(grey(64));
        view.setCaption(twoWords());
        layoutOffscreen(&view, QSize(400, 440));
        const QRect r = view.imageRect();
        const auto at = [&](double fx, double fy) {
            return qGray(grab(view).pixel(r.x() + int(fx * r.width()), r.y() + int(fy * r.height())));
        };
        view.setWord(0);
        QVERIFY(at(0.12, 0.12) > at(0.88, 0.88) + 60);
        view.setWord(1);
        QVERIFY(at(0.88, 0.88) > at(0.12, 0.12) + 60);
        QCOMPARE(view.word(), 1);
        view.setWord(7); // clamped
        QCOMPARE(view.word(), 1);
    }

    void opacityZeroShowsTheImage()
    {
        ImageOverlayView view;
        view.setImage(grey(64));
        view.setCaption(twoWords());
        OverlayStyle style;
        style.opacity = 0.0;
        view.setStyle(style);
        layoutOffscreen(&view, QSize(300, 330));
        const QRect r = view.imageRect();
        QCOMPARE(qGray(grab(view).pixel(r.center())), 128);
    }

    void hardAttentionIsOneCell()
    {
        const CaptionResult c = twoWords();
        OverlayStyle style;
        style.display = AttentionDisplay::HardArgmax;
        const Eigen::MatrixXf hard = displayedGrid(c.alphas[1], style, 1);
        QCOMPARE(hard.sum(), 1.0f);
        QCOMPARE(hard(3, 3), 1.0f);
        // Sampling is seeded: the same seed gives the same cells, and over many seeds the big cell wins most.
        style.display = AttentionDisplay::HardSample;
        int hits = 0;
        for (std::uint64_t seed = 1; seed <= 200; ++seed) {
            style.sampleSeed = seed;
            const Eigen::MatrixXf s = displayedGrid(c.alphas[0], style, 0);
            QCOMPARE(s.sum(), 1.0f);
            QVERIFY(s.isApprox(displayedGrid(c.alphas[0], style, 0)));
            hits += s(0, 0) == 1.0f ? 1 : 0;
        }
        QVERIFY(hits > 100 && hits < 200); // alpha(0, 0) = 0.7
    }

    void gridShowsEveryWordAndReportsClicks()
    {
        OverlayGridView grid;
        grid.setImage(grey(64));
        grid.setCaption(twoWords());
        layoutOffscreen(&grid, QSize(600, 300));
        QCOMPARE(grid.columnCount(), 3); // the image and two words
        QSignalSpy clicked(&grid, &OverlayGridView::wordClicked);
        QTest::mouseClick(&grid, Qt::LeftButton, {}, grid.tileRect(1).center());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().toInt(), 1);
        QCOMPARE(grid.selectedWord(), 1);
        const QImage image = grab(grid);
        const QRect t0 = grid.tileRect(0), t1 = grid.tileRect(1);
        QVERIFY(qGray(image.pixel(t0.x() + 3, t0.y() + 3)) > qGray(image.pixel(t1.x() + 3, t1.y() + 3)) + 60);
    }

    // A 16-word caption under the overlays is a wide, short strip: one row of tiles, each word readable; a tall
    // area (an export) gets short rows like the paper's figure.
    void gridPicksTheLayoutWithTheLargestTiles()
    {
        CaptionResult c = twoWords();
        c.words.clear();
        c.alphas.clear();
        c.betas.clear();
        for (int t = 0; t < 16; ++t) {
            c.words << (t % 2 ? QStringLiteral("diamond") : QStringLiteral("a"));
            c.alphas.push_back(twoWords().alphas[0]);
            c.betas.push_back(0.5f);
        }
        OverlayGridView grid;
        grid.setImage(grey(64));
        grid.setCaption(c);
        layoutOffscreen(&grid, QSize(1240, 230));
        QCOMPARE(grid.columnCount(), 17);
        const int wideSide = grid.tileRect(0).width();
        QVERIFY(wideSide >= 60);
        // Every label fits: "diamond" in bold is narrower than the tile plus its margins.
        QFont bold = grid.font();
        bold.setBold(true);
        QVERIFY(QFontMetrics(bold).horizontalAdvance(QStringLiteral("diamond")) <= wideSide + 8);
        grid.setColumns(6); // the old rule's choice for this width gives smaller tiles
        QVERIFY(grid.tileRect(0).width() < wideSide);
        grid.setColumns(0);
        layoutOffscreen(&grid, QSize(900, 1000));
        QVERIFY(grid.columnCount() >= 4 && grid.columnCount() <= 6);
        QVERIFY(grid.tileRect(15).bottom() < 1000);
    }

    void exportsPngSvgPdf()
    {
        QTemporaryDir dir;
        ImageOverlayView view;
        view.setImage(grey(64));
        view.setCaption(twoWords());
        layoutOffscreen(&view, QSize(300, 330));
        OverlayGridView grid;
        grid.setImage(grey(64));
        grid.setCaption(twoWords());
        layoutOffscreen(&grid, QSize(500, 260));
        for (const QString ext : {"png", "svg", "pdf"}) {
            QString error;
            QVERIFY2(view.exportTo(dir.filePath("word." + ext), &error), qPrintable(error));
            QVERIFY2(grid.exportTo(dir.filePath("grid." + ext), &error), qPrintable(error));
            QVERIFY(QFileInfo(dir.filePath("grid." + ext)).size() > 500);
        }
        QString error;
        QVERIFY(!view.exportTo(dir.filePath("word.gif"), &error));
        QVERIFY(error.contains("word.gif"));
    }
};

QTEST_MAIN(TestImageOverlayView)
#include "tst_imageoverlayview.moc"
