// The kernel-regression view: its numbers against the core, the controls, what it draws, presentation sizes.
#include "core/kernelregression.h"
#include "paintedtext.h"
#include "views/exporter.h"
#include "views/kernelregressioncanvas.h"
#include "views/kernelregressionview.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <cmath>

using namespace attn;

namespace {

QImage picture(QWidget* w)
{
    return w->grab().toImage().convertToFormat(QImage::Format_RGB32);
}

// Pixels that are not (near) white.
int inkedPixels(const QImage& image)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            n += (c.red() + c.green() + c.blue()) < 700 ? 1 : 0;
        }
    }
    return n;
}

} // namespace

class TestKernelRegressionView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensOnTheD2lDataWithAGaussianKernel()
    {
        KernelRegressionView view;
        QCOMPARE(view.kernel(), KernelKind::Gaussian);
        QCOMPARE(view.data().xTrain.size(), 50);
        QCOMPARE(view.weights().rows(), view.data().xTest.size());
        QCOMPARE(view.weights().cols(), view.data().xTrain.size());
        const Eigen::MatrixXd expected = gaussianKernelWeights(view.data().xTest, view.data().xTrain, view.width());
        QVERIFY((view.weights() - expected).cwiseAbs().maxCoeff() < 1e-12);
        for (Eigen::Index q = 0; q < view.weights().rows(); ++q) {
            QVERIFY(std::abs(view.weights().row(q).sum() - 1.0) < 1e-12);
        }
        QVERIFY((view.predictions() - expected * view.data().yTrain).cwiseAbs().maxCoeff() < 1e-12);
    }

    void averagePoolingPredictsTheMeanEverywhere()
    {
        KernelRegressionView view;
        QSignalSpy spy(&view, &KernelRegressionView::kernelChanged);
        view.setKernel(KernelKind::Average);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(view.kernelCombo()->currentData().toInt(), int(KernelKind::Average));
        const double mean = view.data().yTrain.mean();
        for (Eigen::Index i = 0; i < view.predictions().size(); ++i) {
            QVERIFY(std::abs(view.predictions()(i) - mean) < 1e-12);
        }
        QVERIFY(std::isinf(view.effectiveWidth()));
    }

    void theLearnedKernelUsesTheLeaveOneOutFit()
    {
        KernelRegressionView view;
        view.setKernel(KernelKind::Learned);
        const KernelWidthFit fit = fitKernelWidth(view.data().xTrain, view.data().yTrain);
        QCOMPARE(view.learnedWidth(), fit.sigma);
        QCOMPARE(view.effectiveWidth(), fit.sigma);
        const Eigen::MatrixXd w = gaussianKernelWeights(view.data().xTest, view.data().xTrain, fit.sigma);
        QVERIFY((view.weights() - w).cwiseAbs().maxCoeff() < 1e-12);
        // The learned estimate is closer to the truth than average pooling's.
        const double learned = meanSquaredError(view.predictions(), view.data().truthTest);
        view.setKernel(KernelKind::Average);
        QVERIFY(learned < meanSquaredError(view.predictions(), view.data().truthTest));
    }

    void movingTheSliderChoosesTheGaussianKernelAtThatWidth()
    {
        KernelRegressionView view;
        view.setKernel(KernelKind::Average);
        QSignalSpy widths(&view, &KernelRegressionView::widthChanged);
        // Average pooling shows the slider at its widest end; dragging it to the middle gives the middle width
        // of the logarithmic scale.
        QCOMPARE(view.widthSlider()->value(), view.widthSlider()->maximum());
        view.widthSlider()->setValue(view.widthSlider()->maximum() / 2);
        QCOMPARE(view.kernel(), KernelKind::Gaussian);
        const double middle = std::sqrt(KernelRegressionView::minWidth() * KernelRegressionView::maxWidth());
        QVERIFY(std::abs(view.width() - middle) < 1e-9);
        QCOMPARE(widths.count(), 1);
        view.widthSlider()->setValue(view.widthSlider()->maximum());
        QVERIFY(std::abs(view.width() - KernelRegressionView::maxWidth()) < 1e-9);
        view.setWidth(0.2);
        QVERIFY(view.widthSlider()->value() < view.widthSlider()->maximum() / 2);
        view.setWidth(100.0); // clamped, not refused
        QCOMPARE(view.width(), KernelRegressionView::maxWidth());
        view.setWidth(std::nan(""));
        QCOMPARE(view.width(), KernelRegressionView::maxWidth());
    }

    void drawsSomethingAndTheWidthChangesThePicture()
    {
        KernelRegressionView view;
        layoutOffscreen(&view, QSize(900, 450));
        view.setWidth(0.1);
        const QImage narrow = picture(view.canvas());
        QVERIFY2(inkedPixels(narrow) > narrow.width() * narrow.height() / 10, "the plot and heatmap are drawn");
        view.setWidth(2.0);
        const QImage wide = picture(view.canvas());
        QVERIFY(narrow != wide);
        view.setKernel(KernelKind::Average);
        QVERIFY(picture(view.canvas()) != wide);
        // The heatmap uses viridis: its darkest end (68, 1, 84) shows for a narrow kernel.
        view.setWidth(0.1);
        const QImage again = picture(view.canvas());
        bool darkViridis = false;
        for (int y = 0; y < again.height() && !darkViridis; y += 2) {
            for (int x = again.width() / 2; x < again.width() && !darkViridis; x += 2) {
                const QColor c = again.pixelColor(x, y);
                darkViridis = std::abs(c.red() - 68) < 6 && c.green() < 12 && std::abs(c.blue() - 84) < 6;
            }
        }
        QVERIFY(darkViridis);
    }

    void aQuestionHidesTheEstimateAndTheWeights()
    {
        KernelRegressionView view;
        layoutOffscreen(&view, QSize(900, 450));
        auto countColor = [](const QImage& image, QColor c) {
            int n = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QColor p = image.pixelColor(x, y);
                    n += std::abs(p.red() - c.red()) + std::abs(p.green() - c.green()) + std::abs(p.blue() - c.blue()) <
                         12;
                }
            }
            return n;
        };
        const QColor estimate(213, 94, 0), darkViridis(68, 1, 84);
        const QImage shown = picture(view.canvas());
        QVERIFY(countColor(shown, estimate) > 100);
        QVERIFY(countColor(shown, darkViridis) > 100);
        view.setAnswerHidden(true);
        const QImage hidden = picture(view.canvas());
        QVERIFY(countColor(hidden, darkViridis) == 0);
        // Only the legend's sample line keeps the estimate's colour.
        QVERIFY(countColor(hidden, estimate) < countColor(shown, estimate) / 5);
        for (const auto& t : test::recordPaintedTexts(&view)) {
            QVERIFY2(!t.text.contains(QStringLiteral("error")), qPrintable(t.text));
        }
        view.setAnswerHidden(false);
        QCOMPARE(picture(view.canvas()), shown);
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
        KernelRegressionView view;
        static_cast<Presentable&>(view).setMinimumTextPixels(px);
        QCOMPARE(view.fontPixelSize(), px);
        view.setKernel(KernelKind::Learned);
        layoutOffscreen(&view, QSize(screen.width() - 80, screen.height() * 6 / 10));
        const auto texts = test::recordPaintedTexts(&view);
        QVERIFY2(texts.size() > 20, "ticks, titles, legend, controls");
        for (const auto& t : texts) {
            QVERIFY2(t.pixelSize >= px - 0.01, qPrintable(QStringLiteral("%1: %2 px").arg(t.text).arg(t.pixelSize)));
            const double contrast = test::contrastRatio(t.color, t.background);
            QVERIFY2(contrast >= 4.5, qPrintable(QStringLiteral("%1: %2 on %3, %4:1")
                                                     .arg(t.text, t.color.name(), t.background.name())
                                                     .arg(contrast)));
        }
    }
};

QTEST_MAIN(TestKernelRegressionView)
#include "tst_kernelregressionview.moc"
