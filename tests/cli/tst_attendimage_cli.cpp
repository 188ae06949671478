// attend --model DIR --image FILE and render --view vit (issue 16), run as a user runs them, on a tiny random ViT
// written by the test: the attend JSON's blocks, labels, grid and rows; --layers; the rendered picture; bad input as
// one line.
#include "clirun.h"
#include "hftinyvit.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cmath>
#include <gtest/gtest.h>
#include <set>

using attn::test::cli;

namespace {

QString writePicture(const QTemporaryDir& dir)
{
    QImage img(40, 30, QImage::Format_RGB32);
    for (int y = 0; y < 30; ++y) {
        for (int x = 0; x < 40; ++x) {
            img.setPixel(x, y, qRgb(x * 6, y * 8, (x + y) % 2 ? 255 : 0));
        }
    }
    const QString path = dir.filePath("picture.png");
    EXPECT_TRUE(img.save(path));
    return path;
}

TEST(AttendImageCli, PrintsTheAttendJsonOfAVit)
{
    QTemporaryDir dir;
    ASSERT_TRUE(attn::tinyvit::write(dir.filePath("vit")));
    const QString picture = writePicture(dir);
    const auto r = cli({"attend", "--model", dir.filePath("vit"), "--image", picture});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("preprocessing: resize to 16 x 16 (bilinear)")) << r.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(json.value("model").toString(), "vit");
    const QJsonArray tokens = json.value("source_tokens").toArray();
    ASSERT_EQ(tokens.size(), 17); // [CLS] + 4 x 4 patches
    EXPECT_EQ(tokens[0].toString(), "[CLS]");
    EXPECT_EQ(tokens[1].toString(), "(0,0)");
    EXPECT_EQ(tokens[16].toString(), "(3,3)");
    EXPECT_EQ(json.value("grid").toObject().value("image").toArray(), (QJsonArray{4, 4}));
    const QJsonObject attention = json.value("attention").toObject();
    const QJsonArray self = attention.value("encoder_self").toArray();
    const QJsonArray image = attention.value("image").toArray();
    ASSERT_EQ(self.size(), 2);
    ASSERT_EQ(self[0].toArray().size(), 2);
    ASSERT_EQ(image.size(), 2);
    for (int l = 0; l < 2; ++l) {
        for (int h = 0; h < 2; ++h) {
            const QJsonArray rows = self[l].toArray()[h].toArray();
            ASSERT_EQ(rows.size(), 17);
            for (const auto& row : rows) {
                double sum = 0;
                for (const auto& v : row.toArray()) {
                    sum += v.toDouble();
                }
                EXPECT_NEAR(sum, 1.0, 1e-5);
            }
            // image: [CLS]'s row over the patches, renormalised.
            const QJsonArray cls = rows[0].toArray();
            const QJsonArray grid = image[l].toArray()[h].toArray()[0].toArray();
            ASSERT_EQ(grid.size(), 16);
            const double patches = 1.0 - cls[0].toDouble();
            for (int k = 0; k < 16; ++k) {
                EXPECT_NEAR(grid[k].toDouble(), cls[k + 1].toDouble() / patches, 1e-5);
            }
        }
    }
    const auto some = cli({"attend", "--model", dir.filePath("vit"), "--image", picture, "--layers", "1"});
    ASSERT_EQ(some.code, 0) << some.err.toStdString();
    const QJsonObject kept = QJsonDocument::fromJson(some.out).object();
    EXPECT_EQ(kept.value("layers").toArray(), QJsonArray{1});
    EXPECT_EQ(kept.value("attention").toObject().value("encoder_self").toArray().size(), 1);
    EXPECT_EQ(kept.value("attention").toObject().value("encoder_self").toArray()[0],
              attention.value("encoder_self").toArray()[1]);
}

TEST(AttendImageCli, RenderDrawsTheVitView)
{
    QTemporaryDir dir;
    ASSERT_TRUE(attn::tinyvit::write(dir.filePath("vit")));
    const QString picture = writePicture(dir);
    const QString out = dir.filePath("vit.png");
    const auto r = cli({"render", "--view", "vit", "--model", dir.filePath("vit"), "--image", picture, "--out", out,
                        "--width", "900", "--height", "500", "--fusion", "max", "--discard", "0.5"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QImage img(out);
    ASSERT_FALSE(img.isNull());
    std::set<QRgb> colours;
    for (int y = 0; y < img.height(); y += 7) {
        for (int x = 0; x < img.width(); x += 7) {
            colours.insert(img.pixel(x, y));
        }
    }
    EXPECT_GT(colours.size(), 200u); // the picture and its maps, not a blank page
    // From attend's JSON (no model needed) over the same picture: the same drawing.
    const auto attend = cli({"attend", "--model", dir.filePath("vit"), "--image", picture});
    ASSERT_EQ(attend.code, 0);
    const QString json = dir.filePath("vit.json");
    ASSERT_TRUE(attn::tinyvit::writeFile(json, attend.out));
    const QString fromJson = dir.filePath("json.png");
    const auto drawn = cli({"render", "--view", "vit", "--attention", json, "--image", picture, "--out", fromJson,
                            "--width", "900", "--height", "500", "--fusion", "max", "--discard", "0.5"});
    ASSERT_EQ(drawn.code, 0) << drawn.err.toStdString();
    EXPECT_TRUE(QImage(fromJson) == img);
    const auto notVit = cli({"render", "--view", "vit", "--attention", json, "--model", dir.filePath("vit"), "--image",
                             picture, "--out", fromJson});
    EXPECT_NE(notVit.code, 0);
    const auto head = cli({"render", "--view", "vit", "--model", dir.filePath("vit"), "--image", picture, "--out", out,
                           "--layer", "0", "--head", "1"});
    EXPECT_EQ(head.code, 0) << head.err.toStdString();
    const auto bad = cli(
        {"render", "--view", "vit", "--model", dir.filePath("vit"), "--image", picture, "--out", out, "--head", "2"});
    EXPECT_NE(bad.code, 0);
    EXPECT_TRUE(bad.err.contains("--head must be from 0 to 1")) << bad.err.toStdString();
}

TEST(AttendImageCli, BadInputIsOneLine)
{
    QTemporaryDir dir;
    ASSERT_TRUE(attn::tinyvit::write(dir.filePath("vit")));
    const QString picture = writePicture(dir);
    const auto oneLine = [](const attn::test::CliRun& r) {
        EXPECT_NE(r.code, 0);
        EXPECT_NE(r.code, -99) << "crashed";
        const QStringList lines = r.err.trimmed().split('\n');
        EXPECT_TRUE(lines.last().startsWith("attnscope-cli: error:")) << r.err.toStdString();
        return lines.last();
    };
    // Not an image.
    const QString text = dir.filePath("notes.png");
    ASSERT_TRUE(attn::tinyvit::writeFile(text, "just words"));
    QString e = oneLine(cli({"attend", "--model", dir.filePath("vit"), "--image", text}));
    EXPECT_TRUE(e.contains(text) && e.contains("not an image")) << e.toStdString();
    // Position embeddings for another image size (a 224 / 384 mix-up), named with both shapes.
    attn::tinyvit::Spec wrong;
    wrong.positionTokens = 10;
    ASSERT_TRUE(attn::tinyvit::write(dir.filePath("wrong"), wrong));
    e = oneLine(cli({"attend", "--model", dir.filePath("wrong"), "--image", picture}));
    EXPECT_TRUE(e.contains("embeddings.position_embeddings") && e.contains("(1, 10, 16)") && e.contains("(1, 17, 16)"))
        << e.toStdString();
    // Not a ViT folder; text and image together; the preprocessor and the model disagreeing on the size.
    QDir().mkpath(dir.filePath("empty"));
    e = oneLine(cli({"attend", "--model", dir.filePath("empty"), "--image", picture}));
    EXPECT_TRUE(e.contains("needs a ViT model folder")) << e.toStdString();
    e = oneLine(cli({"attend", "--model", dir.filePath("vit"), "--image", picture, "--text", "hello"}));
    EXPECT_TRUE(e.contains("not both")) << e.toStdString();
    ASSERT_TRUE(attn::tinyvit::writeFile(dir.filePath("vit/preprocessor_config.json"),
                                         R"({"size": {"height": 224, "width": 224}})"));
    e = oneLine(cli({"attend", "--model", dir.filePath("vit"), "--image", picture}));
    EXPECT_TRUE(e.contains("preprocessor_config.json") && e.contains("224 x 224") && e.contains("16 x 16"))
        << e.toStdString();
}

} // namespace
