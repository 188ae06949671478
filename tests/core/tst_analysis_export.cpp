// Export of an AttentionSet to CSV and NumPy .npy, read back.
#include "core/attentionexport.h"
#include "core/attentionjson.h"
#include "core/syntheticattention.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace attn;

TEST(AnalysisExport, NpyRoundTripKeepsShapeAndValues)
{
    const auto set = syntheticAttentionSet(2, 3, 5, 11);
    const QByteArray bytes = blockToNpy(set.blocks[0]);
    EXPECT_EQ(bytes.indexOf('\n') % 64, 63); // data starts on a 64-byte boundary, as NumPy writes it
    const NpyArray a = npyFromBytes(bytes);
    EXPECT_EQ(a.shape, (std::vector<int>{2, 3, 5, 5}));
    EXPECT_EQ(a.data, set.blocks[0].weights);
    EXPECT_THROW(npyFromBytes("not numpy"), std::invalid_argument);
    EXPECT_THROW(npyFromBytes(bytes.left(bytes.size() - 4)), std::invalid_argument);
}

TEST(AnalysisExport, CsvHasOneLinePerWeightAndQuotesTokens)
{
    auto set = syntheticAttentionSet(1, 2, 3, 5, false, {"a,b", "say \"hi\"", "c"});
    const QByteArray csv = attentionSetToCsv(set);
    const auto lines = csv.split('\n');
    EXPECT_EQ(lines.size(), 1 + 1 * 2 * 3 * 3 + 1); // header, rows, empty after the last newline
    EXPECT_EQ(lines[0], "block,layer,head,query,query_token,key,key_token,weight");
    EXPECT_TRUE(lines[1].startsWith("encoder_self,0,0,0,\"a,b\",0,\"a,b\","));
    EXPECT_TRUE(csv.contains("\"say \"\"hi\"\"\""));
    const double w = lines[2].split(',').last().toDouble();
    EXPECT_NEAR(w, set.blocks[0].at(0, 0, 0, 1), 1e-7);
}

TEST(AnalysisExport, ExportWritesEachFormat)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const auto set = syntheticAttentionSet(2, 2, 4, 3, true);
    const QStringList npys = exportAttentionSet(set, dir.filePath("att.npy"));
    ASSERT_EQ(npys.size(), 3);
    EXPECT_TRUE(npys[2].endsWith("att_cross.npy"));
    QFile f(npys[2]);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(npyFromBytes(f.readAll()).data, set.block("cross")->weights);

    exportAttentionSet(set, dir.filePath("att.json"));
    QFile j(dir.filePath("att.json"));
    ASSERT_TRUE(j.open(QIODevice::ReadOnly));
    const auto back = attentionSetFromJson(QJsonDocument::fromJson(j.readAll()).object());
    EXPECT_EQ(back.blocks.size(), 3u);
    EXPECT_EQ(back.blocks[1].weights, set.blocks[1].weights);

    EXPECT_EQ(exportAttentionSet(set, dir.filePath("att.csv")).size(), 1);
    EXPECT_THROW(exportAttentionSet(set, dir.filePath("att.xlsx")), std::invalid_argument);
    EXPECT_THROW(exportAttentionSet(set, "/nonexistent-dir/x.csv"), std::invalid_argument);
}
