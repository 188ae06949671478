// render --view highlight|document|pair: each draws its family's shipped model on a text; the picture holds the
// shades the weights ask for; a model of another family, a missing text or a pair model with one text is refused
// with one line.
#include "cli/clirun.h"

#include <QImage>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using attn::test::CliRun;
using attn::test::cli;

namespace {

const QString kModels = QStringLiteral(ATTN_MODELS_DIR);

// Pixels of the darkest shades (viridis' purple end): the top-weighted word or cell.
int darkPurplePixels(const QImage& image)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            n += (c.red() > 50 && c.red() < 90 && c.green() < 40 && c.blue() > 70 && c.blue() < 110) ? 1 : 0;
        }
    }
    return n;
}

void expectOneLine(const CliRun& r, const QString& part)
{
    EXPECT_NE(r.code, 0);
    EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(part)) << r.err.toStdString();
}

} // namespace

TEST(RenderClassify, EachViewDrawsItsFamily)
{
    QTemporaryDir dir;
    struct Case
    {
        const char* view;
        const char* model;
        QStringList texts;
    };
    const std::vector<Case> cases = {
        {"highlight", "pooling-attention", {"--text", "we got charming casting in june. he felt old. the ending moves."}},
        {"document", "han-documents", {"--text", "it showed boring popcorn again. there was terrible writing. he is empty."}},
        {"pair", "pair-abcnn2", {"--text", "the young rock lauded a jacket", "--text2", "the stone was youthful"}},
    };
    for (const Case& c : cases) {
        const QString model = kModels + "/" + c.model;
        ASSERT_TRUE(QFile::exists(model + "/config.json")) << c.model << ": shipped model folder missing";
        const QString out = dir.filePath(QStringLiteral("%1.png").arg(c.view));
        const CliRun r = cli(QStringList{"render", "--view", c.view, "--model", model, "--out", out} + c.texts);
        ASSERT_EQ(r.code, 0) << c.view << ": " << r.err.toStdString();
        const QImage image(out);
        ASSERT_FALSE(image.isNull()) << c.view;
        EXPECT_GT(image.width(), 300) << c.view;
        EXPECT_GT(darkPurplePixels(image), 200) << c.view << ": no word or cell in the darkest shade";
    }
}

TEST(RenderClassify, BadRequestsNameTheProblem)
{
    QTemporaryDir dir;
    const QString out = dir.filePath("x.png");
    expectOneLine(cli({"render", "--view", "document", "--model", kModels + "/pooling-attention", "--text",
                       "the acting was good.", "--out", out}),
                  "--view document draws a document (han) model");
    expectOneLine(cli({"render", "--view", "pair", "--model", kModels + "/pair-abcnn1", "--text", "the young rock",
                       "--out", out}),
                  "hypothesis");
    expectOneLine(cli({"render", "--view", "highlight", "--model", kModels + "/pooling-mean", "--out", out}), "--text");
    expectOneLine(cli({"render", "--view", "highlight", "--model", dir.filePath("nope"), "--text", "a", "--out", out}),
                  "nope");
}
