// Presentation mode for the views that existed before it: each one is a Presentable whose every painted text
// (titles, tick and token labels, numbers in cells, notes, the labels it holds) is at least screen height / 50
// pixels with 4.5:1 contrast, inside the view, and setMinimumTextPixels(0) gives back exactly the normal picture.
#include "core/syntheticattention.h"
#include "paintedtext.h"
#include "views/colormaps.h"
#include "views/compareview.h"
#include "views/exporter.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/imageoverlayview.h"
#include "views/modelgridview.h"
#include "views/overlaygridview.h"
#include "views/presentable.h"
#include "views/presenttext.h"
#include "views/scorecard.h"
#include "views/scorescompareview.h"
#include "views/scoringlab.h"
#include "views/vectorplane.h"

#include <QHeaderView>
#include <QPainter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtTest>
#include <cmath>
#include <functional>
#include <memory>

using namespace attn;

namespace {

const QStringList kTokens = {"The",     "animal", "didn't", "cross", "the",   "street",
                             "because", "it",     "was",    "too",   "tired", "."};
const QStringList kTokensB = {"The",     "animal", "didn't", "cross", "the",  "street",
                              "because", "it",     "was",    "too",   "wide", "."};

AttentionSet twelveTokens(std::uint64_t seed, const QStringList& tokens = kTokens)
{
    return syntheticAttentionSet(2, 4, int(tokens.size()), seed, false, tokens);
}

CaptionResult caption()
{
    CaptionResult r;
    r.modelName = QStringLiteral("captioner");
    r.words = {"a", "red", "triangle", "beside", "a", "blue", "circle"};
    r.gridRows = 8;
    r.gridCols = 8;
    for (int t = 0; t < r.steps(); ++t) {
        Eigen::MatrixXf a = Eigen::MatrixXf::Constant(8, 8, 0.2f / 63.0f);
        a((t * 3) % 8, (t * 5) % 8) = 0.8f;
        r.alphas.push_back(a);
        r.betas.push_back(0.3f + 0.1f * float(t % 6));
    }
    return r;
}

QImage scene()
{
    QImage image(128, 128, QImage::Format_RGB32);
    image.fill(QColor(40, 40, 48));
    QPainter p(&image);
    p.setBrush(QColor(200, 40, 40));
    p.drawPolygon(QPolygon({QPoint(20, 90), QPoint(50, 30), QPoint(80, 90)}));
    p.setBrush(QColor(40, 80, 220));
    p.drawEllipse(QPoint(100, 60), 18, 18);
    return image;
}

ModelVectors modelVectors()
{
    ModelVectors m;
    m.model = QStringLiteral("seq2seq-dot");
    m.score = QStringLiteral("dot");
    m.keyTokens = {"the", "black", "cat", "sleeps", ".", "</s>"};
    m.queryTokens = {"le", "chat", "noir", "dort", "."};
    m.keys = Eigen::MatrixXd(6, 4);
    m.queries = Eigen::MatrixXd(5, 4);
    for (int i = 0; i < 6; ++i) {
        for (int j = 0; j < 4; ++j) {
            m.keys(i, j) = std::sin(1.3 * i + 0.7 * j);
        }
    }
    m.attention = Eigen::MatrixXd(5, 6);
    for (int t = 0; t < 5; ++t) {
        for (int j = 0; j < 4; ++j) {
            m.queries(t, j) = std::cos(0.9 * t - 0.4 * j);
        }
        Eigen::VectorXd s = m.keys * m.queries.row(t).transpose();
        s = (s.array() - s.maxCoeff()).exp();
        m.attention.row(t) = (s / s.sum()).transpose();
    }
    return m;
}

ScoresCompareData scoresData()
{
    ScoresCompareData d;
    d.source = {"the", "dog", "did", "not", "cross", "the", "street", "."};
    d.target = {"le", "chien", "n'", "a", "pas", "traversé", "la", "rue", "."};
    d.targetSource = QStringLiteral("additive");
    const QStringList scores = {"none",        "dot",      "scaled_dot", "cosine", "general", "concat_linear",
                                "concat_tanh", "additive", "location",   "myatt"};
    int seed = 3;
    for (const QString& s : scores) {
        ComparedModel m;
        m.score = s;
        if (s != QLatin1String("none")) {
            AttentionSet set = syntheticAttentionSet(1, 1, 9, std::uint64_t(seed++), false, d.target);
            m.cross = set.blocks[0];
            m.cross.keys = 8;
            m.cross.keyLabels = d.source;
            m.cross.weights.resize(9 * 8);
            for (int q = 0; q < 9; ++q) {
                for (int k = 0; k < 8; ++k) {
                    m.cross.weights[std::size_t(q) * 8 + k] = k == std::min(q, 7) ? 0.72f : 0.04f;
                }
            }
        }
        m.buckets = {"1-9", "10-19", "20-29", "30+"};
        m.tokenAccuracy = {0.95, 0.9, 0.8, 0.7};
        m.exactMatch = {0.8, 0.6, 0.4, 0.2};
        m.allTokenAccuracy = 0.88;
        m.allExactMatch = 0.55;
        m.testSentences = 500;
        d.models.push_back(m);
    }
    return d;
}

// A view with realistic data, and texts it must still show at presentation size (nothing essential dropped).
struct Case
{
    std::unique_ptr<QWidget> widget;
    QStringList mustShow;
};

Case makeCase(const QString& name)
{
    Case c;
    if (name == QLatin1String("heatmap")) {
        auto* v = new HeatmapView;
        const AttentionMap m = headMap(twelveTokens(7).blocks[0], 1, 2);
        v->setMatrix(m.weights, m.queries, m.keys, kTokens, kTokens);
        v->setAxisTitles(QStringLiteral("query"), QStringLiteral("key"));
        v->setTitle(QStringLiteral("encoder self-attention, layer 1, head 2"));
        c.widget.reset(v);
        c.mustShow = {"encoder self-attention, layer 1, head 2", "query", "key", "animal", "street"};
    } else if (name == QLatin1String("head")) {
        auto* v = new HeadView;
        v->setLayer(twelveTokens(11).blocks[0], 1);
        v->setTitle(QStringLiteral("encoder self-attention, layer 1"));
        v->setHeadEnabled(3, false); // a switched-off head's name is drawn in a lighter ink
        c.widget.reset(v);
        c.mustShow = {"encoder self-attention, layer 1", "H0", "H3", "animal", "tired"};
    } else if (name == QLatin1String("grid")) {
        auto* v = new ModelGridView;
        auto set = syntheticAttentionSet(3, 4, 12, 5, false, kTokens);
        v->setBlock(set.blocks[0]);
        v->setTitle(QStringLiteral("encoder self-attention: 3 layers × 4 heads"));
        c.widget.reset(v);
        c.mustShow = {"L0", "L2", "H0", "H3", "encoder self-attention: 3 layers × 4 heads"};
    } else if (name == QLatin1String("compare")) {
        auto* v = new CompareView;
        const AttentionMap a = headMap(twelveTokens(21).blocks[0], 1, 1);
        const AttentionMap b = headMap(twelveTokens(22, kTokensB).blocks[0], 1, 1);
        v->setPair(a, QStringLiteral("A: … too tired"), b, QStringLiteral("B: … too wide"), QStringLiteral("L1 H1"),
                   HeadView::headColor(1));
        v->setSelectedQuery(7);
        c.widget.reset(v);
        c.mustShow = {"A: … too tired", "B: … too wide", "tired", "wide"};
    } else if (name == QLatin1String("compare-message")) {
        auto* v = new CompareView;
        const AttentionMap a = headMap(twelveTokens(21).blocks[0], 1, 1);
        const AttentionMap b = headMap(syntheticAttentionSet(2, 4, 5, 3).blocks[0], 1, 1);
        v->setPair(a, QStringLiteral("A"), b, QStringLiteral("B"), QStringLiteral("L1 H1"), HeadView::headColor(1));
        c.widget.reset(v);
        c.mustShow = {"animal"};
    } else if (name == QLatin1String("overlay")) {
        auto* v = new ImageOverlayView;
        v->setImage(scene());
        v->setCaption(caption());
        v->setWord(2);
        c.widget.reset(v);
        c.mustShow = {};
    } else if (name == QLatin1String("overlaygrid")) {
        auto* v = new OverlayGridView;
        v->setImage(scene());
        v->setCaption(caption());
        v->setSelectedWord(2);
        c.widget.reset(v);
        c.mustShow = {"triangle", "beside", "circle"};
    } else if (name == QLatin1String("plane")) {
        auto* v = new VectorPlane;
        v->setArrows(
            {{VectorPlane::Kind::Output, 1, QPointF(0.6, 0.4), QStringLiteral("out (scaled_dot)"),
              QColor(0xff, 0x7f, 0x0e), true},
             {VectorPlane::Kind::Key, 0, QPointF(1.2, 0.2), QStringLiteral("k0"), QColor(0, 131, 143), false},
             {VectorPlane::Kind::Key, 1, QPointF(0.3, 1.1), QStringLiteral("k1"), QColor(0, 131, 143), false},
             {VectorPlane::Kind::Key, 2, QPointF(-1.0, 0.4), QStringLiteral("k2"), QColor(0, 131, 143), false},
             {VectorPlane::Kind::Query, 0, QPointF(1.0, 0.5), QStringLiteral("q"), QColor(20, 20, 20), false}});
        v->setTitle(QStringLiteral("Drag the tips of q and k"));
        c.widget.reset(v);
        c.mustShow = {"q", "k0", "k2", "out (scaled_dot)", "Drag the tips of q and k"};
    } else if (name.startsWith(QLatin1String("lab"))) {
        auto* v = new ScoringLab;
        if (name == QLatin1String("lab-local")) {
            NormaliserOptions o;
            o.centre = 0.0;
            o.halfWidth = 1;
            v->setNormaliser(NormaliserKind::Local);
            v->setOptions(o);
        } else if (name == QLatin1String("lab-self")) {
            v->loadSelfAttentionExample(1);
        } else if (name == QLatin1String("lab-concat")) {
            v->loadCourseRulesExample();
        } else if (name == QLatin1String("lab-model")) {
            v->loadModelVectors(modelVectors(), 2, true);
        }
        c.widget.reset(v);
        c.mustShow = name == QLatin1String("lab-concat")
                         ? QStringList{"rule 1 (MyAtt)", "rule 3 (scaled dot)", "Rule 2: concatenation, tanh, sum", "[1,96] → [1,32]"}
                         : QStringList{"dot", "scaled dot", "cosine", "additive", "location"};
    } else if (name == QLatin1String("scores")) {
        auto* v = new ScoresCompareView;
        v->setData(scoresData());
        c.widget.reset(v);
        c.mustShow = {"dot", "location", "le", "the", "30+", "exact"};
    }
    return c;
}

void settle(QWidget* w)
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::processEvents();
        for (QCustomPlot* plot : w->findChildren<QCustomPlot*>()) {
            plot->replot(QCustomPlot::rpImmediateRefresh);
        }
    }
}

QImage picture(QWidget* w)
{
    return w->grab().toImage().convertToFormat(QImage::Format_RGB32);
}

// (text, pixel size) of every painted text, sorted: what "the normal sizes" means.
QStringList sizes(const std::vector<test::PaintedText>& texts)
{
    QStringList out;
    for (const auto& t : texts) {
        out << QStringLiteral("%1 @ %2").arg(t.text).arg(t.pixelSize, 0, 'f', 1);
    }
    out.sort();
    return out;
}

// The entries of after that before does not have as often, and the other way round.
QString changes(const QStringList& before, const QStringList& after)
{
    QStringList added, removed;
    for (const QString& x : after) {
        if (after.count(x) != before.count(x) && !added.contains(x)) {
            added << x;
        }
    }
    for (const QString& x : before) {
        if (after.count(x) != before.count(x) && !removed.contains(x)) {
            removed << x;
        }
    }
    return QStringLiteral("now [%1], before [%2]")
        .arg(added.join(QStringLiteral(", ")), removed.join(QStringLiteral(", ")));
}

const QStringList kViews = {"heatmap", "head", "grid",      "compare",  "compare-message", "overlay",   "overlaygrid",
                            "plane",   "lab",  "lab-local", "lab-self", "lab-concat",      "lab-model", "scores"};

} // namespace

class TestPresentableViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpersKeepTheirPromises()
    {
        // Black or white on every colour of every map (numbers on heatmap cells) reads at 4.5:1 or better.
        for (ColorMap map : {ColorMap::Viridis, ColorMap::Magma, ColorMap::Greys, ColorMap::Blues}) {
            for (int i = 0; i <= 100; ++i) {
                const QColor cell = colorAt(map, i / 100.0);
                QVERIFY2(contrastRatio(inkOn(cell), cell) >= 4.5, qPrintable(cell.name()));
            }
        }
        // The same ratio as the test's own WCAG formula.
        QCOMPARE(contrastRatio(QColor(0x59, 0x59, 0x59), Qt::white),
                 test::contrastRatio(QColor(0x59, 0x59, 0x59), Qt::white));
        // A light colour is darkened just enough, a dark one left alone.
        const QColor orange(0xff, 0x7f, 0x0e);
        QVERIFY(contrastRatio(orange, Qt::white) < 4.5);
        const QColor darker = readableOn(orange, Qt::white);
        QVERIFY(contrastRatio(darker, Qt::white) >= 4.5);
        QVERIFY(contrastRatio(darker, Qt::white) < 6.0);
        QCOMPARE(readableOn(Qt::black, Qt::white), QColor(Qt::black));
        // Fonts grow to px, never shrink, and px = 0 leaves them.
        QFont small;
        small.setPixelSize(12);
        QCOMPARE(atLeastPixels(small, 22).pixelSize(), 22);
        QCOMPARE(atLeastPixels(small, 0), small);
        QFont big;
        big.setPixelSize(30);
        QCOMPARE(atLeastPixels(big, 22).pixelSize(), 30);
        // Sub- and superscripts get 1.5 px so that Qt's two thirds of it are px.
        QCOMPARE(presentRichText(QStringLiteral("s<sub>i</sub>"), 22),
                 QStringLiteral("s<sub style=\"font-size:33px\">i</sub>"));
        QCOMPARE(presentRichText(QStringLiteral("s<sub>i</sub>"), 0), QStringLiteral("s<sub>i</sub>"));
        // Wrapped lines fit the width; a word wider than it keeps a line of its own.
        QFont f;
        f.setPixelSize(22);
        const QString wrapped = wrapText(QStringLiteral("softmax of the scaled dot products of every query"), f, 200);
        QVERIFY(wrapped.contains(QLatin1Char('\n')));
        for (const QString& line : wrapped.split(QLatin1Char('\n'))) {
            QVERIFY2(QFontMetrics(f).horizontalAdvance(line) <= 200 || !line.contains(QLatin1Char(' ')),
                     qPrintable(line));
        }
    }

    void textIsLargeDarkAndInside_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<QSize>("area");
        for (const QString& v : kViews) {
            for (const QSize screen : {QSize(1920, 1080), QSize(1280, 720)}) {
                // Beside the lesson's text (the player gives the view 7/10 of the width), and across the screen.
                const QSize beside(screen.width() * 7 / 10 - 20, screen.height() * 88 / 100);
                const QSize across(screen.width() - 40, screen.height() * 7 / 10);
                for (const auto& [shape, area] : {std::pair{"beside", beside}, std::pair{"across", across}}) {
                    QTest::addRow("%s %dp %s", qPrintable(v), screen.height(), shape) << v << screen << area;
                }
            }
        }
    }

    void textIsLargeDarkAndInside()
    {
        QFETCH(QString, view);
        QFETCH(QSize, screen);
        QFETCH(QSize, area);
        const int px = int(std::ceil(screen.height() / 50.0));
        Case c = makeCase(view);
        QVERIFY(c.widget);
        auto* presentable = dynamic_cast<Presentable*>(c.widget.get());
        // The view fills a host of the area's size, as in the lesson player: what does not fit is cut off there.
        QWidget host;
        host.setFixedSize(area);
        auto* layout = new QVBoxLayout(&host);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(c.widget.release());
        QWidget* w = &host;
        layoutOffscreen(w, area);
        settle(w);
        const QImage normal = picture(w);
        const QStringList normalSizes = sizes(test::recordPaintedTexts(w));

        QVERIFY2(presentable, "the view is not an attn::Presentable");
        presentable->setMinimumTextPixels(px);
        settle(w);
        const auto texts = test::recordPaintedTexts(w);
        if (qEnvironmentVariableIsSet("ATTN_SAVE_PNG")) {
            w->grab().save(QStringLiteral("%1/present-%2-%3-%4x%5.png")
                               .arg(qEnvironmentVariable("ATTN_SAVE_PNG"), view)
                               .arg(screen.height())
                               .arg(area.width())
                               .arg(area.height()));
        }
        QVERIFY2(texts.size() >= 3, qPrintable(QStringLiteral("%1 texts").arg(texts.size())));
        QStringList shown;
        const QRectF inside = QRectF(w->rect()).adjusted(-1, -1, 1, 1);
        for (const auto& t : texts) {
            shown << t.text;
            QVERIFY2(t.pixelSize >= px - 0.01, qPrintable(QStringLiteral("%1: %2 px").arg(t.text).arg(t.pixelSize)));
            const double contrast = test::contrastRatio(t.color, t.background);
            QVERIFY2(contrast >= 4.5, qPrintable(QStringLiteral("%1: %2 on %3, %4:1")
                                                     .arg(t.text, t.color.name(), t.background.name())
                                                     .arg(contrast, 0, 'f', 2)));
            QVERIFY2(!t.cut && inside.contains(t.rect), qPrintable(QStringLiteral("%1 at (%2, %3, %4 x %5) is cut off")
                                                                       .arg(t.text)
                                                                       .arg(t.rect.x())
                                                                       .arg(t.rect.y())
                                                                       .arg(t.rect.width())
                                                                       .arg(t.rect.height())));
        }
        // The compare table scrolls rather than grow: every row and column must be in view, not only the texts
        // that happen to be painted.
        for (auto* scores : host.findChildren<ScoresCompareView*>()) {
            QTableWidget* table = scores->table();
            for (int r = 0; r < table->rowCount(); ++r) {
                const int top = table->rowViewportPosition(r);
                QVERIFY2(top >= 0 && top + table->rowHeight(r) <= table->viewport()->height(),
                         qPrintable(QStringLiteral("table row %1 is not wholly in view").arg(r)));
            }
            QVERIFY2(table->horizontalHeader()->length() <= table->viewport()->width(),
                     qPrintable(QStringLiteral("the table's columns are %1 px wide, its view %2 px")
                                    .arg(table->horizontalHeader()->length())
                                    .arg(table->viewport()->width())));
        }
        for (const QString& s : c.mustShow) {
            QVERIFY2(shown.contains(s) || shown.join(QLatin1Char(' ')).contains(s),
                     qPrintable(QStringLiteral("'%1' is not shown at presentation size").arg(s)));
        }

        // Back to normal: the same texts at the same sizes, and the same picture.
        presentable->setMinimumTextPixels(0);
        settle(w);
        const QStringList restoredSizes = sizes(test::recordPaintedTexts(w));
        QVERIFY2(
            restoredSizes == normalSizes,
            qPrintable(QStringLiteral("after setMinimumTextPixels(0): %1").arg(changes(normalSizes, restoredSizes))));
        const QImage restored = picture(w);
        if (restored != normal && qEnvironmentVariableIsSet("ATTN_SAVE_PNG")) {
            normal.save(QStringLiteral("%1/normal-%2.png").arg(qEnvironmentVariable("ATTN_SAVE_PNG"), view));
            restored.save(QStringLiteral("%1/restored-%2.png").arg(qEnvironmentVariable("ATTN_SAVE_PNG"), view));
        }
        QVERIFY2(restored == normal, "setMinimumTextPixels(0) does not restore the normal picture");
    }
};

QTEST_MAIN(TestPresentableViews)
#include "tst_presentableviews.moc"
