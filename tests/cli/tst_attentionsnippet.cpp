// The README's numpy snippet for attention files (section "Attention files") runs as written, with stand-ins for
// transformers' model, inputs and tokenizer, and its files open in attnscope-cli stats. Needs Debian's
// /usr/bin/python3 with numpy (scripts/setup.sh installs python3-numpy).
#include "cli/clirun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using attn::test::CliRun;
using attn::test::cli;

namespace {

// What the snippet touches of transformers, in numpy: tensors with [0], .float() and .numpy().
const char* kPrelude = R"(
import numpy as np
class Tensor:
    def __init__(self, a): self.a = a
    def __getitem__(self, i): return Tensor(self.a[i])
    def float(self): return Tensor(self.a.astype(np.float32))
    def numpy(self): return self.a
rng = np.random.default_rng(0)
def layer(t):
    x = rng.random((1, 4, t, t)); return Tensor(x / x.sum(-1, keepdims=True))
class Out: pass
out_ = Out(); out_.attentions = [layer(6) for _ in range(3)]
out_.encoder_attentions = [layer(5) for _ in range(2)]
out_.decoder_attentions = [layer(4) for _ in range(2)]
out_.cross_attentions = [Tensor(np.full((1, 4, 4, 5), 0.2)) for _ in range(2)]
model = lambda **kwargs: out_
inputs = {"input_ids": Tensor(np.arange(6)[None, :])}
class Tokenizer:
    def convert_ids_to_tokens(self, ids): return ["tok%d" % i for i in ids.a]
tokenizer = Tokenizer()
src = ["a", "b", "c", "d", "e"]
tgt = ["w", "x", "y", "z"]
)";

} // namespace

TEST(AttentionSnippet, ReadmeSnippetWritesFilesThatOpen)
{
    QFile readme(QStringLiteral(ATTN_SOURCE_DIR "/README.md"));
    ASSERT_TRUE(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    const QRegularExpression block(QStringLiteral("<!-- attention-snippet -->\\s*```python\\n(.*?)```"),
                                   QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = block.match(text);
    ASSERT_TRUE(m.hasMatch()) << "README.md has no <!-- attention-snippet --> python block";
    QString snippet = m.captured(1);
    // The commented encoder-decoder lines run too.
    snippet.replace(QRegularExpression(QStringLiteral("^# (np\\.savez|\\s+cross=)"),
                                       QRegularExpression::MultilineOption),
                    QStringLiteral("\\1"));
    QTemporaryDir dir;
    QFile script(dir.filePath("snippet.py"));
    ASSERT_TRUE(script.open(QIODevice::WriteOnly));
    script.write(kPrelude);
    script.write(snippet.toUtf8());
    script.close();
    QProcess python;
    python.setWorkingDirectory(dir.path());
    python.start(QStringLiteral("/usr/bin/python3"), {script.fileName()});
    ASSERT_TRUE(python.waitForFinished(60000));
    ASSERT_EQ(python.exitCode(), 0) << python.readAllStandardError().toStdString() << "\n" << snippet.toStdString();

    const CliRun npy = cli({"stats", "--attention", dir.filePath("run.npy")});
    ASSERT_EQ(npy.code, 0) << npy.err.toStdString();
    const QJsonObject b = QJsonDocument::fromJson(npy.out).object()["blocks"].toArray()[0].toObject();
    EXPECT_EQ(b["layers"].toInt(), 3);
    EXPECT_EQ(b["heads"].toInt(), 4);
    EXPECT_EQ(b["keys"].toInt(), 6);
    EXPECT_EQ(b["head_stats"].toArray()[0].toObject()["top_targets"].toArray()[0].toObject()["token"].toString().left(3),
              "tok");
    const CliRun npz = cli({"stats", "--attention", dir.filePath("run.npz"), "--kind", "cross"});
    ASSERT_EQ(npz.code, 0) << npz.err.toStdString();
    const QJsonObject cross = QJsonDocument::fromJson(npz.out).object()["blocks"].toArray()[0].toObject();
    EXPECT_EQ(cross["queries"].toInt(), 4);
    EXPECT_EQ(cross["keys"].toInt(), 5);
}
