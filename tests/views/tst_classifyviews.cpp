// The classifier views of issue 15: the painted shades follow the weights (heavier = darker), the tooltips give the
// exact weights, and every text is inside the view, readable (4.5:1) and, in presentation mode, at least 22 px.
#include "core/classification.h"
#include "paintedtext.h"
#include "views/documentview.h"
#include "views/exporter.h"
#include "views/highlighttextview.h"
#include "views/pairview.h"
#include "views/weightshading.h"

#include <QHelpEvent>
#include <QToolTip>
#include <QtTest>

using namespace attn;

namespace {

ClassificationResult review()
{
    ClassificationResult r;
    r.modelName = QStringLiteral("pooling-attention");
    r.labelNames = {"negative", "positive"};
    r.probabilities = {0.1f, 0.9f};
    r.predicted = 1;
    r.tokens = QStringLiteral("the room was small , but the food was not bad at all and we stayed long").split(' ');
    r.wordWeights.assign(size_t(r.tokens.size()), 0.02f);
    r.wordWeights[9] = 0.3f;  // not
    r.wordWeights[10] = 0.4f; // bad
    const float sum = std::accumulate(r.wordWeights.begin(), r.wordWeights.end(), 0.0f);
    for (float& w : r.wordWeights) {
        w /= sum;
    }
    return r;
}

ClassificationResult document()
{
    ClassificationResult d;
    d.kind = ClassificationResult::Kind::Document;
    d.modelName = QStringLiteral("han-documents");
    d.labelNames = {"negative", "positive"};
    d.probabilities = {0.8f, 0.2f};
    d.predicted = 0;
    d.sentences = {QStringLiteral("we came on a tuesday .").split(' '),
                   QStringLiteral("sadly the service was awful .").split(' '),
                   QStringLiteral("parking was easy .").split(' ')};
    d.sentenceWeights = {0.15f, 0.8f, 0.05f};
    for (const auto& s : d.sentences) {
        d.sentenceWordWeights.emplace_back(size_t(s.size()), 1.0f / float(s.size()));
    }
    d.sentenceWordWeights[1] = {0.05f, 0.05f, 0.1f, 0.1f, 0.6f, 0.1f};
    return d;
}

ClassificationResult pair()
{
    ClassificationResult p;
    p.kind = ClassificationResult::Kind::Pair;
    p.modelName = QStringLiteral("pair-abcnn2");
    p.labelNames = {"contradicts", "entails", "unrelated"};
    p.probabilities = {0.05f, 0.9f, 0.05f};
    p.predicted = 1;
    p.premiseTokens = QStringLiteral("a big dog runs across the field").split(' ');
    p.hypothesisTokens = QStringLiteral("a large dog is running").split(' ');
    p.pairAttention = Eigen::MatrixXf::Constant(5, 7, 0.05f);
    const int aligned[5] = {0, 1, 2, 3, 3};
    for (int i = 0; i < 5; ++i) {
        p.pairAttention(i, aligned[i]) = 0.7f;
    }
    return p;
}

QColor pixelIn(const QImage& image, const QRectF& box)
{
    // The top-left corner inside the padding: shade, never text.
    return image.pixelColor(int(box.left()) + 2, int(box.top()) + 1);
}

void checkTexts(QWidget* w, int px)
{
    const auto texts = test::recordPaintedTexts(w);
    QVERIFY2(texts.size() >= 5, qPrintable(QStringLiteral("%1 texts").arg(texts.size())));
    const QRectF inside = QRectF(w->rect()).adjusted(-1, -1, 1, 1);
    for (const auto& t : texts) {
        QVERIFY2(t.pixelSize >= px - 0.01, qPrintable(QStringLiteral("%1: %2 px").arg(t.text).arg(t.pixelSize)));
        const double contrast = test::contrastRatio(t.color, t.background);
        QVERIFY2(contrast >= 4.5, qPrintable(QStringLiteral("%1: %2 on %3, %4:1")
                                                 .arg(t.text, t.color.name(), t.background.name())
                                                 .arg(contrast, 0, 'f', 2)));
        QVERIFY2(!t.cut && inside.contains(t.rect),
                 qPrintable(QStringLiteral("%1 at (%2, %3) is cut off").arg(t.text).arg(t.rect.x()).arg(t.rect.y())));
    }
}

template <typename View> void layOut(View* v, int width)
{
    layoutOffscreen(v, QSize(width, v->heightForWidth(width)));
}

} // namespace

class TestClassifyViews : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shadeDarkensWithWeight()
    {
        double last = 2.0;
        for (int i = 0; i <= 20; ++i) {
            const double l = test::relativeLuminance(weightShade(i / 20.0));
            QVERIFY2(l < last + 1e-9, qPrintable(QStringLiteral("shade %1 is lighter than the one before").arg(i)));
            last = l;
        }
        QCOMPARE(weightShade(0.0), QColor(Qt::white));
    }

    void highlightPaintsWeights()
    {
        HighlightTextView v;
        const ClassificationResult r = review();
        v.setResult(r);
        layOut(&v, 700);
        QCOMPARE(v.wordCount(), r.tokens.size());
        QVERIFY(v.title().contains(QStringLiteral("positive")));
        const QImage image = v.grab().toImage();
        for (int i = 0; i < v.wordCount(); ++i) {
            QCOMPARE(pixelIn(image, v.wordRect(i)).rgb(), v.wordBackground(i).rgb());
        }
        // "bad" (0.4) darker than "not" (0.3) darker than "the" (0.02); the largest weight is the darkest shade.
        const auto lum = [&](int i) { return test::relativeLuminance(pixelIn(image, v.wordRect(i))); };
        QVERIFY(lum(10) < lum(9));
        QVERIFY(lum(9) < lum(0));
        QCOMPARE(v.wordBackground(10), weightShade(1.0));
        // A shared scale (the three pooling models side by side): twice the largest weight makes "bad" mid-scale.
        v.setShadingMax(2 * r.wordWeights[10]);
        QCOMPARE(v.wordBackground(10), weightShade(0.5));
        // Words flow into lines inside the width.
        QVERIFY(v.wordRect(v.wordCount() - 1).top() > v.wordRect(0).top());
        for (int i = 0; i < v.wordCount(); ++i) {
            QVERIFY(QRectF(v.rect()).contains(v.wordRect(i)));
        }
        const QString tip = v.toolTipAt(v.wordRect(10).center());
        QVERIFY2(tip.contains(QStringLiteral("\"bad\"")) && tip.contains(QString::number(double(r.wordWeights[10]), 'f', 4)),
                 qPrintable(tip));
        QVERIFY(v.toolTipAt(QPointF(-5, -5)).isEmpty());
        // Asked by Qt (the views' shared WordView::event), the widget shows that text over the word, none elsewhere.
        v.show();
        const QPoint word = v.wordRect(10).center().toPoint();
        QHelpEvent over(QEvent::ToolTip, word, v.mapToGlobal(word));
        QCoreApplication::sendEvent(&v, &over);
        QCOMPARE(QToolTip::text(), tip);
        QHelpEvent off(QEvent::ToolTip, QPoint(1, 1), v.mapToGlobal(QPoint(1, 1)));
        QCoreApplication::sendEvent(&v, &off);
        QVERIFY(!off.isAccepted());
        v.setWords({"a", "b"}, {1.0f}); // counts differ
        QCOMPARE(v.wordCount(), 0);
    }

    void documentPaintsWeights()
    {
        DocumentView v;
        const ClassificationResult d = document();
        v.setResult(d);
        layOut(&v, 900);
        QCOMPARE(v.sentenceCount(), 3);
        QVERIFY(v.sentenceBarRect(1).width() > v.sentenceBarRect(0).width());
        QVERIFY(v.sentenceBarRect(0).width() > v.sentenceBarRect(2).width());
        const QImage image = v.grab().toImage();
        for (int s = 0; s < 3; ++s) {
            for (int w = 0; w < d.sentences[size_t(s)].size(); ++w) {
                QCOMPARE(pixelIn(image, v.wordRect(s, w)).rgb(), v.wordBackground(s, w).rgb());
                QVERIFY(QRectF(v.rect()).contains(v.wordRect(s, w)));
            }
        }
        // "awful" is the darkest word; a word of the same weight inside a lesser sentence is paler (Yang et al.).
        QCOMPARE(v.wordShade(1, 4), 1.0);
        QVERIFY(v.wordShade(0, 0) < v.wordShade(2, 0) * 2); // 1/6*sqrt(.15) vs 1/4*sqrt(.05)
        QVERIFY(test::relativeLuminance(v.wordBackground(1, 4)) < test::relativeLuminance(v.wordBackground(0, 0)));
        const QColor bar = image.pixelColor(v.sentenceBarRect(1).center().toPoint());
        QVERIFY(test::relativeLuminance(bar) < 0.3);
        QVERIFY(v.toolTipAt(v.wordRect(1, 4).center()).contains(QStringLiteral("0.6000")));
        QVERIFY(v.toolTipAt(v.sentenceBarRect(1).center()).contains(QStringLiteral("0.8000")));
    }

    void pairPaintsMatrixAndLines()
    {
        PairView v;
        const ClassificationResult p = pair();
        v.setResult(p);
        layoutOffscreen(&v, v.sizeHint());
        const QImage image = v.grab().toImage();
        for (int r = 0; r < 5; ++r) {
            for (int c = 0; c < 7; ++c) {
                const QRectF cell = v.cellRect(r, c);
                QCOMPARE(image.pixelColor(cell.center().toPoint()).rgb(), v.cellColor(r, c).rgb());
            }
            QCOMPARE(v.rowMax(r), r < 4 ? r : 3);
            // The row maximum is outlined in the accent colour; a neighbour is not.
            const QRectF best = v.cellRect(r, v.rowMax(r));
            const QColor edge = image.pixelColor(int(best.left()) + 2, int(best.center().y()));
            QVERIFY2(edge != v.cellColor(r, v.rowMax(r)), qPrintable(edge.name()));
        }
        QVERIFY(test::relativeLuminance(v.cellColor(0, 0)) < test::relativeLuminance(v.cellColor(0, 1)));
        // Every weight above 1/255 draws a line; exactly one row maximum per hypothesis word, ending at its premise word.
        const auto lines = v.drawnLines();
        QCOMPARE(int(lines.size()), 5 * 7);
        int maxima = 0;
        for (const auto& l : lines) {
            if (l.rowMax) {
                ++maxima;
                QCOMPARE(l.premise, v.rowMax(l.hypothesis));
                QVERIFY(std::abs(l.line.p2().y() - v.premiseRect(l.premise).center().y()) < 1.0);
                QVERIFY(std::abs(l.line.p1().y() - v.hypothesisRect(l.hypothesis).center().y()) < 1.0);
            }
        }
        QCOMPARE(maxima, 5);
        v.setHoveredHypothesis(2);
        QCOMPARE(int(v.drawnLines().size()), 7);
        v.setHoveredHypothesis(-1);
        const QString tip = v.toolTipAt(v.cellRect(1, 1).center());
        QVERIFY2(tip.contains(QStringLiteral("\"large\"")) && tip.contains(QStringLiteral("\"big\""))
                     && tip.contains(QStringLiteral("0.7000")),
                 qPrintable(tip));
        // Texts: the matrix must be hypothesis x premise.
        v.setPair(p.premiseTokens, p.hypothesisTokens, p.pairAttention.transpose());
        QCOMPARE(v.premiseCount(), 0);
    }

    void textIsInsideAndReadable_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<int>("px");
        for (const char* view : {"highlight", "document", "pair"}) {
            QTest::addRow("%s normal", view) << QString::fromLatin1(view) << 0;
            QTest::addRow("%s 1080p presentation", view) << QString::fromLatin1(view) << 22;
        }
    }

    void textIsInsideAndReadable()
    {
        QFETCH(QString, view);
        QFETCH(int, px);
        std::unique_ptr<QWidget> w;
        if (view == QLatin1String("highlight")) {
            auto* v = new HighlightTextView;
            v->setResult(review());
            v->setMinimumTextPixels(px);
            layOut(v, 600);
            w.reset(v);
        } else if (view == QLatin1String("document")) {
            auto* v = new DocumentView;
            v->setResult(document());
            v->setMinimumTextPixels(px);
            layOut(v, 800);
            w.reset(v);
        } else {
            auto* v = new PairView;
            v->setResult(pair());
            v->setMinimumTextPixels(px);
            layoutOffscreen(v, v->sizeHint());
            w.reset(v);
        }
        if (qEnvironmentVariableIsSet("ATTN_SAVE_PNG")) {
            w->grab().save(QStringLiteral("%1/classify-%2-%3.png").arg(qEnvironmentVariable("ATTN_SAVE_PNG"), view).arg(px));
        }
        checkTexts(w.get(), px > 0 ? px : 12);
    }
};

QTEST_MAIN(TestClassifyViews)
#include "tst_classifyviews.moc"
