// FormulaView: formulas draw as maths (stacked fractions, scripts, limits), at the sizes asked, wrapping when wide.
#include "core/formula.h"
#include "paintedtext.h"
#include "views/exporter.h"
#include "views/formulalayout.h"
#include "views/formulaview.h"

#include <QTest>

#include <cmath>

using namespace attn;

namespace {

QImage picture(QWidget* w)
{
    QImage image(w->size(), QImage::Format_RGB32);
    image.fill(Qt::white);
    w->render(&image);
    return image;
}

// The rows that hold ink: a stacked fraction needs more of them than the same symbols in one line.
int inkedRows(const QImage& image)
{
    int rows = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qGray(image.pixel(x, y)) < 160) {
                ++rows;
                break;
            }
        }
    }
    return rows;
}

const char* const kAttention = "Attention(Q, K, V) = softmax(\\frac{Q K^T}{\\sqrt{d}}) V";

} // namespace

class TestFormulaView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void drawsTheParsedFormula()
    {
        FormulaView view;
        QVERIFY(view.setSource(QString::fromUtf8(kAttention)));
        QVERIFY(view.errorMessage().isEmpty());
        QCOMPARE(view.plainText(), formulaToPlainText(parseFormula(QString::fromUtf8(kAttention)).root));
        layoutOffscreen(&view, view.sizeHint());
        const QImage image = picture(&view);
        QVERIFY(inkedRows(image) > view.fontPixelSize());
        const auto texts = test::recordPaintedTexts(&view);
        QStringList drawn;
        for (const auto& t : texts) {
            drawn << t.text;
        }
        // Every symbol is drawn, and the fraction and root are strokes, not "frac" or "sqrt" text.
        for (const char* s : {"Attention", "softmax", "Q", "K", "T", "V", "d", "="}) {
            QVERIFY2(drawn.contains(QString::fromUtf8(s)), s);
        }
        QVERIFY(!drawn.join(QString()).contains(QStringLiteral("frac")));
        QVERIFY(!drawn.join(QString()).contains(QStringLiteral("sqrt")));
    }

    void aFractionStandsTallerThanADivision()
    {
        FormulaView stacked, inline_;
        stacked.setSource(QStringLiteral("\\frac{a}{b}"));
        inline_.setSource(QStringLiteral("a / b"));
        QVERIFY(stacked.sizeHint().height() > inline_.sizeHint().height() * 1.4);
        layoutOffscreen(&stacked, QSize(200, stacked.sizeHint().height()));
        layoutOffscreen(&inline_, QSize(200, stacked.sizeHint().height()));
        QVERIFY(inkedRows(picture(&stacked)) > inkedRows(picture(&inline_)) * 1.4);
    }

    void scriptsShrinkButNotBelowTheMinimum()
    {
        FormulaView view;
        view.setSource(QStringLiteral("\\alpha_i = \\sum_{j=1}^{n} x_j^2"));
        view.setFontPixelSize(40);
        layoutOffscreen(&view, view.sizeHint());
        QVERIFY(std::abs(view.smallestPaintedPixelSize() - 28.0) < 0.6); // 0.7 of 40
        view.setMinimumPixelSize(34);
        layoutOffscreen(&view, view.sizeHint());
        QVERIFY(view.smallestPaintedPixelSize() >= 34.0);
        for (const auto& t : test::recordPaintedTexts(&view)) {
            QVERIFY2(t.pixelSize >= 34.0 - 0.01, qPrintable(t.text));
            QVERIFY(test::contrastRatio(t.color, QColor(Qt::white)) >= 4.5);
        }
        // Presentation mode's minimum raises every text, the letters above the scripts.
        view.setMinimumPixelSize(0);
        view.setMinimumTextPixels(44);
        QVERIFY(view.smallestPaintedPixelSize() >= 44.0);
        QVERIFY(view.sizeHint().height() > view.fontPixelSize() * 1.3);
        view.setMinimumTextPixels(0);
        QVERIFY(std::abs(view.smallestPaintedPixelSize() - 28.0) < 0.6);
        // A larger text size draws a larger formula.
        const QSize before = view.sizeHint();
        view.setFontPixelSize(60);
        QVERIFY(view.sizeHint().width() > before.width() && view.sizeHint().height() > before.height());
    }

    void aWideFormulaBreaksAtItsQuads()
    {
        FormulaView view;
        view.setFontPixelSize(30);
        view.setSource(QStringLiteral("Q = X W_q, \\quad K = X W_k, \\quad V = X W_v"));
        const int oneLine = view.sizeHint().height();
        QVERIFY(view.heightForWidth(10000) == oneLine);
        const int narrow = view.heightForWidth(view.sizeHint().width() / 2);
        QVERIFY2(narrow > oneLine * 1.8, "two or three lines");
    }

    void badSourceReportsAndStillDrawsWhatParsed()
    {
        FormulaView view;
        QVERIFY(!view.setSource(QStringLiteral("a + \\frac{b")));
        QVERIFY(!view.errorMessage().isEmpty());
        QVERIFY(view.setSource(QStringLiteral("a + b")));
        QVERIFY(view.errorMessage().isEmpty());
        FormulaView empty;
        layoutOffscreen(&empty, QSize(100, 40));
        QCOMPARE(inkedRows(picture(&empty)), 0);
        QCOMPARE(empty.smallestPaintedPixelSize(), 0.0);
    }

    void everyNotationPartLaysOut()
    {
        // Each construct widens the box it is in, and nothing is NaN.
        const FormulaLayout layout(30, 20);
        for (const char* s : {"x", "x_i", "x^2", "x_i^2", "\\frac{1}{2}", "\\sqrt{x}", "\\sum_i", "\\prod_{i=1}^{n}",
                              "(x)", "[\\frac{a}{b}]", "\\langle q, k \\rangle", "\\|q\\|", "\\mathbf{q}",
                              "\\text{注意力汇聚}", "a \\quad b", "-x", "e^{-\\frac{x^2}{2}}"}) {
            const FormulaParse parse = parseFormula(QString::fromUtf8(s));
            QVERIFY2(parse.ok(), s);
            const FormulaLayout::Box box = layout.layout(parse.root);
            QVERIFY2(box.width > 5 && std::isfinite(box.width), s);
            QVERIFY2(box.height() > 10 && std::isfinite(box.height()), s);
            QVERIFY2(FormulaLayout::smallestPixelSize(box) >= 20.0 || box.texts.empty(), s);
        }
    }
};

QTEST_MAIN(TestFormulaView)
#include "tst_formulaview.moc"
