// The training view of lesson step 8: the curves follow the reports, the loss curve falls on screen, the heatmap
// shows the alignment in viridis, and presentation sizes make every painted text large and dark enough.
#include "paintedtext.h"
#include "views/heatmapview.h"
#include "views/trainingview.h"

#include <QLabel>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

using namespace attn;

namespace {

const QStringList kSource = {"the",   "big", "dog", "chases", "the", "black", "cat",
                             "while", "the", "red", "car",    "is",  "slow",  "."};
const QStringList kTarget = {"le",  "grand", "chien",   "chasse", "le",  "chat",  "noir", "pendant",
                             "que", "la",    "voiture", "rouge",  "est", "lente", "."};
// The source word each target word translates.
const int kAligned[] = {0, 1, 2, 3, 4, 6, 5, 7, 7, 8, 10, 9, 11, 12, 13};

// sharpness 0: uniform rows; 1: all weight on the aligned word.
Eigen::MatrixXf alignment(float sharpness)
{
    Eigen::MatrixXf w = Eigen::MatrixXf::Constant(kTarget.size(), kSource.size(), (1.0f - sharpness) / kSource.size());
    for (int r = 0; r < kTarget.size(); ++r) {
        w(r, kAligned[r]) += sharpness;
    }
    return w;
}

// A run as the lesson reports it: every 10 steps, held-out accuracy every 100.
void feedRun(TrainingView& view, long total, long until)
{
    view.setTotalSteps(total);
    for (long step = 0; step <= until; step += 10) {
        TrainingView::Point p;
        p.step = step;
        p.loss = step == 0 ? 0.0 : 4.5 * std::exp(-double(step) / 150.0) + 0.02;
        p.accuracy = step == 0 ? 0.0 : 1.0 - 0.9 * std::exp(-double(step) / 200.0);
        p.heldOutAccuracy = step % 100 == 0 ? 1.0 - std::exp(-double(step) / 250.0) : -1.0;
        view.addPoint(p);
    }
    view.setAlignment(alignment(float(until) / float(total)), kTarget, kSource, until);
}

void layoutOffscreen(QWidget* w, QSize size)
{
    w->resize(size);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    QCoreApplication::processEvents();
    auto* view = qobject_cast<TrainingView*>(w);
    if (view) {
        for (QCustomPlot* p : {view->lossPlot(), view->accuracyPlot(), view->heatmap()->plot()}) {
            p->replot(QCustomPlot::rpImmediateRefresh);
            p->replot(QCustomPlot::rpImmediateRefresh);
        }
        view->heatmap()->redraw();
    }
}

bool isColour(QColor c, QColor want, int tolerance = 12)
{
    return std::abs(c.red() - want.red()) <= tolerance && std::abs(c.green() - want.green()) <= tolerance &&
           std::abs(c.blue() - want.blue()) <= tolerance;
}

// Mean y of the pixels of one colour in the left and the right third of an image (-1 when none).
std::pair<double, double> meanHeights(const QImage& image, QColor want)
{
    double sum[2] = {0, 0};
    int count[2] = {0, 0};
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const int part = x < image.width() / 3 ? 0 : (x > 2 * image.width() / 3 ? 1 : -1);
            if (part >= 0 && isColour(image.pixelColor(x, y), want)) {
                sum[part] += y;
                ++count[part];
            }
        }
    }
    return {count[0] ? sum[0] / count[0] : -1.0, count[1] ? sum[1] / count[1] : -1.0};
}

// The most frequent colour on a ring just outside rect: what a text there is read against.
QColor backgroundAround(const QImage& image, const QRectF& rect)
{
    const QRect r = rect.toAlignedRect().adjusted(-2, -2, 2, 2).intersected(image.rect());
    std::vector<QRgb> ring;
    for (int x = r.left(); x <= r.right(); ++x) {
        ring.push_back(image.pixel(x, r.top()));
        ring.push_back(image.pixel(x, r.bottom()));
    }
    for (int y = r.top(); y <= r.bottom(); ++y) {
        ring.push_back(image.pixel(r.left(), y));
        ring.push_back(image.pixel(r.right(), y));
    }
    std::sort(ring.begin(), ring.end());
    QRgb best = ring.empty() ? qRgb(255, 255, 255) : ring.front();
    std::size_t bestCount = 0;
    for (std::size_t i = 0; i < ring.size();) {
        std::size_t j = i;
        while (j < ring.size() && ring[j] == ring[i]) {
            ++j;
        }
        if (j - i > bestCount) {
            bestCount = j - i;
            best = ring[i];
        }
        i = j;
    }
    return QColor(best);
}

// recordPaintedTexts sees widgets' text but not QCustomPlot's: a plot paints its layers into pixmap buffers and
// only blits them in paintEvent. Each plot is therefore also drawn straight onto the recording device.
std::vector<test::PaintedText> recordAllTexts(QWidget* root)
{
    std::vector<test::PaintedText> texts = test::recordPaintedTexts(root);
    const QImage image = root->grab().toImage().convertToFormat(QImage::Format_RGB32);
    for (QCustomPlot* plot : root->findChildren<QCustomPlot*>()) {
        if (!plot->isVisible()) {
            continue;
        }
        test::TextRecordingDevice device(root->size());
        {
            QCPPainter painter(&device);
            painter.translate(plot->mapTo(root, QPoint(0, 0)));
            plot->toPainter(&painter, plot->width(), plot->height());
        }
        for (test::PaintedText t : device.texts()) {
            t.background = backgroundAround(image, t.rect);
            texts.push_back(t);
        }
    }
    return texts;
}

} // namespace

class TestTrainingView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void curvesFollowTheReports()
    {
        TrainingView view;
        QCOMPARE(view.summaryText().contains(QStringLiteral("Not trained")), true);
        feedRun(view, 1000, 1000);
        QCOMPARE(view.points().size(), std::size_t(101));
        QCOMPARE(view.lossPlot()->graph(0)->dataCount(), 100); // step 0 has no loss yet
        QCOMPARE(view.accuracyPlot()->graph(0)->dataCount(), 100);
        QCOMPARE(view.accuracyPlot()->graph(1)->dataCount(), 11); // held-out every 100 steps, from step 0
        QVERIFY(view.lossPlot()->xAxis->range().contains(1000.0));
        QVERIFY(view.lossPlot()->xAxis->range().upper < 1100.0);
        QCOMPARE(view.lossPlot()->yAxis->range().lower, 0.0);
        QVERIFY(view.lossPlot()->yAxis->range().upper > 4.0);
        QVERIFY2(view.summaryText().startsWith(QStringLiteral("1000 of 1000 steps")), qPrintable(view.summaryText()));
        QVERIFY(view.summaryText().contains(QStringLiteral("held-out")));
        view.setStateText(QStringLiteral("paused"));
        QVERIFY(view.summaryText().endsWith(QStringLiteral("paused")));

        view.clear();
        QCOMPARE(view.points().size(), std::size_t(0));
        QCOMPARE(view.lossPlot()->graph(0)->dataCount(), 0);
        QCOMPARE(view.heatmap()->rows(), 0);
        QVERIFY(!view.summaryText().contains(QStringLiteral("paused")));
    }

    void heatmapShowsTheAlignment()
    {
        TrainingView view;
        view.setAlignment(alignment(0.0f), kTarget, kSource, 0);
        QCOMPARE(view.heatmap()->rows(), kTarget.size());
        QCOMPARE(view.heatmap()->cols(), kSource.size());
        QCOMPARE(view.heatmap()->value(3, 5), double(1.0f / kSource.size()));
        view.setAlignment(alignment(1.0f), kTarget, kSource, 500);
        QCOMPARE(view.heatmap()->value(5, 6), 1.0); // chat <- cat, off the diagonal
        QCOMPARE(view.heatmap()->value(5, 5), 0.0);
        QCOMPARE(view.heatmap()->colorMap(), ColorMap::Viridis);
        auto* title = qobject_cast<QCPTextElement*>(view.heatmap()->plot()->plotLayout()->element(0, 0));
        QVERIFY(title);
        QVERIFY(title->text().contains(QStringLiteral("500")));
        view.setAlignment(Eigen::MatrixXf(), {}, {}, 10); // a model without attention
        QCOMPARE(view.heatmap()->rows(), 0);
    }

    void lossFallsOnScreenAndTheHeatmapIsViridis()
    {
        TrainingView view;
        feedRun(view, 1000, 1000);
        layoutOffscreen(&view, QSize(1400, 700));
        const QImage loss = view.lossPlot()->grab().toImage();
        const auto [left, right] = meanHeights(loss, colorAt(ColorMap::Viridis, 0.0));
        QVERIFY2(left > 0 && right > 0, "the loss curve is drawn in viridis' dark end");
        QVERIFY2(left < right - 20, qPrintable(QStringLiteral("left %1, right %2").arg(left).arg(right)));

        // Trained: the aligned cells are viridis' bright end, the rest its dark end.
        const QImage heat = view.heatmap()->grab().toImage();
        const QPoint bright = view.heatmap()->cellCentre(5, 6);
        const QPoint dark = view.heatmap()->cellCentre(5, 5);
        QVERIFY2(isColour(heat.pixelColor(bright), colorAt(ColorMap::Viridis, 1.0)),
                 qPrintable(heat.pixelColor(bright).name()));
        QVERIFY2(isColour(heat.pixelColor(dark), colorAt(ColorMap::Viridis, 0.0)),
                 qPrintable(heat.pixelColor(dark).name()));
    }

    void presentationTextIsLargeAndDark_data()
    {
        QTest::addColumn<QSize>("screen");
        QTest::newRow("1080p") << QSize(1920, 1080);
        QTest::newRow("720p") << QSize(1280, 720);
    }

    void presentationTextIsLargeAndDark()
    {
        QFETCH(QSize, screen);
        const int px = int(std::ceil(screen.height() / 50.0));
        TrainingView view;
        view.setFontPixelSize(px);
        QCOMPARE(view.fontPixelSize(), px);
        feedRun(view, 1000, 400);
        view.setStateText(QStringLiteral("paused"));
        layoutOffscreen(&view, QSize(screen.width() - 80, screen.height() * 7 / 10));
        const auto texts = recordAllTexts(&view);
        QVERIFY2(texts.size() > 25, "summary, titles, ticks, axis labels, legend, token labels");
        bool sawToken = false, sawLegend = false;
        for (const auto& t : texts) {
            sawToken = sawToken || t.text == QStringLiteral("chien");
            sawLegend = sawLegend || t.text.contains(QStringLiteral("held-out"));
            QVERIFY2(t.pixelSize >= px - 0.01, qPrintable(QStringLiteral("%1: %2 px").arg(t.text).arg(t.pixelSize)));
            const double contrast = test::contrastRatio(t.color, t.background);
            QVERIFY2(contrast >= 4.5, qPrintable(QStringLiteral("%1: %2 on %3, %4:1")
                                                     .arg(t.text, t.color.name(), t.background.name())
                                                     .arg(contrast)));
        }
        QVERIFY(sawToken);
        QVERIFY(sawLegend);
        if (qEnvironmentVariableIsSet("ATTN_SAVE_PNG")) {
            view.grab().save(QStringLiteral("%1/trainingview-%2.png")
                                 .arg(qEnvironmentVariable("ATTN_SAVE_PNG"))
                                 .arg(screen.height()));
        }
    }
};

QTEST_MAIN(TestTrainingView)
#include "tst_trainingview.moc"
