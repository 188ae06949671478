// Issue 18, cold start: the commands that need no LibTorch run in the light attnscope-cli without loading it.
// The dynamic loader reports every library it opens (LD_DEBUG=files); ATTN_NO_TORCH_FALLBACK makes a command that
// reaches torch code fail (status 3) instead of re-running itself in attnscope-cli-torch. A control run of
// attnscope-cli-torch shows that the check sees LibTorch when it is there.
#include "cli/clirun.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

struct TracedRun
{
    int code = -1;
    QByteArray out;
    QString err;
    QStringList libraries; // every shared object the loader opened, in any process of the run
};

TracedRun traced(const QString& program, const QStringList& args, bool allowFallback = false)
{
    QTemporaryDir dir;
    EXPECT_TRUE(dir.isValid());
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("files"));
    env.insert(QStringLiteral("LD_DEBUG_OUTPUT"), dir.filePath(QStringLiteral("ld")));
    if (allowFallback) {
        env.remove(QStringLiteral("ATTN_NO_TORCH_FALLBACK"));
    } else {
        env.insert(QStringLiteral("ATTN_NO_TORCH_FALLBACK"), QStringLiteral("1"));
    }
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(dir.path());
    p.start(program, args);
    const bool finished = p.waitForFinished(180000);
    EXPECT_TRUE(finished) << program.toStdString() << " " << args.join(QLatin1Char(' ')).toStdString();
    if (!finished) {
        p.kill();
        p.waitForFinished();
    }
    TracedRun run;
    run.code = finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -99;
    run.out = p.readAllStandardOutput();
    run.err = QString::fromLocal8Bit(p.readAllStandardError());
    // One file per process: ld.<pid>. Lines read "file=libc10.so.1.13 [0];  needed by ..." or "... dynamically
    // loaded by ...".
    for (const QString& name : QDir(dir.path()).entryList({QStringLiteral("ld.*")}, QDir::Files)) {
        QFile f(dir.filePath(name));
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        for (const QByteArray& line : f.readAll().split('\n')) {
            const int at = line.indexOf("file=");
            if (at >= 0) {
                const QByteArray rest = line.mid(at + 5);
                run.libraries << QString::fromLatin1(rest.left(rest.indexOf(' ')));
            }
        }
    }
    return run;
}

QStringList torchLibraries(const QStringList& libraries)
{
    QStringList torch;
    for (const QString& l : libraries) {
        if (l.contains(QLatin1String("libtorch")) || l.contains(QLatin1String("libc10"))) {
            torch << l;
        }
    }
    return torch;
}

void expectLight(const QStringList& args)
{
    const TracedRun run = traced(QStringLiteral(ATTN_CLI_PATH), args);
    const std::string what = "attnscope-cli " + args.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(run.code, 0) << what << ": " << run.err.toStdString();
    EXPECT_FALSE(run.libraries.isEmpty()) << what << ": LD_DEBUG reported no library at all";
    EXPECT_TRUE(torchLibraries(run.libraries).isEmpty())
        << what << " loaded " << torchLibraries(run.libraries).join(QLatin1Char(' ')).toStdString();
}

TEST(ColdStart, TheCheckSeesLibTorchInTheTorchExecutable)
{
    const TracedRun run = traced(QStringLiteral(ATTN_CLI_TORCH_PATH), {QStringLiteral("--version")});
    EXPECT_EQ(run.code, 0) << run.err.toStdString();
    EXPECT_FALSE(torchLibraries(run.libraries).isEmpty()) << "attnscope-cli-torch should link LibTorch";
}

TEST(ColdStart, VersionAndHelpLoadNoTorch)
{
    expectLight({QStringLiteral("--version")});
    expectLight({QStringLiteral("--help")});
    expectLight({QStringLiteral("train"), QStringLiteral("--help")});
}

TEST(ColdStart, ScoresAndLessonsLoadNoTorch)
{
    expectLight({QStringLiteral("scores"), QStringLiteral("--query"), QStringLiteral("1,0"), QStringLiteral("--keys"),
                 QStringLiteral("1,0;0,1;1,1")});
    expectLight({QStringLiteral("lessons")});
}

TEST(ColdStart, RenderOfViewsWithoutModelsLoadsNoTorch)
{
    expectLight({QStringLiteral("render"), QStringLiteral("--view"), QStringLiteral("matrix"), QStringLiteral("--query"),
                 QStringLiteral("1,0"), QStringLiteral("--keys"), QStringLiteral("1,0;0,1"), QStringLiteral("--out"),
                 QStringLiteral("matrix.png")});
    expectLight({QStringLiteral("render"), QStringLiteral("--view"), QStringLiteral("three-steps"),
                 QStringLiteral("--out"), QStringLiteral("three.png")});
    expectLight({QStringLiteral("render"), QStringLiteral("--view"), QStringLiteral("kernel-regression"),
                 QStringLiteral("--out"), QStringLiteral("kernel.svg")});
}

// Attention files (issue 18's own inputs): statistics and views without any model.
TEST(ColdStart, AttentionFilesLoadNoTorch)
{
    const QString npy = QStringLiteral(ATTN_FIXTURES_DIR "/attention/gpt.npy");
    ASSERT_TRUE(QFile::exists(npy)) << "tests/fixtures/attention/gpt.npy is missing";
    expectLight({QStringLiteral("stats"), QStringLiteral("--attention"), npy});
    expectLight({QStringLiteral("render"), QStringLiteral("--attention"), npy, QStringLiteral("--view"),
                 QStringLiteral("matrix"), QStringLiteral("--out"), QStringLiteral("file.png")});
}

// Classifiers infer on Eigen; their data generator needs nothing.
TEST(ColdStart, ClassifyAndDataLoadNoTorch)
{
    const QString model = QStringLiteral(ATTN_MODELS_DIR "/pooling-attention");
    ASSERT_TRUE(QDir(model).exists()) << "models/pooling-attention is missing";
    expectLight({QStringLiteral("classify"), QStringLiteral("--model"), model, QStringLiteral("--text"),
                 QStringLiteral("the movie was great")});
    expectLight({QStringLiteral("data"), QStringLiteral("--task"), QStringLiteral("reviews"), QStringLiteral("--seed"),
                 QStringLiteral("3"), QStringLiteral("--count"), QStringLiteral("5")});
}

// One lesson step draws only that step: the lesson's first step (trained seq2seq models, LibTorch) does not run.
TEST(ColdStart, OneLessonStepWithoutModelsLoadsNoTorch)
{
    expectLight({QStringLiteral("render"), QStringLiteral("--lesson"), QStringLiteral("attention-basics"),
                 QStringLiteral("--step"), QStringLiteral("2"), QStringLiteral("--size"), QStringLiteral("960x540"),
                 QStringLiteral("--out"), QStringLiteral("step.png")});
}

TEST(ColdStart, Llama2OnEigenLoadsNoTorch)
{
    const QString model = QStringLiteral(ATTN_MODELS_DIR "/stories260K");
    ASSERT_TRUE(QDir(model).exists()) << "models/stories260K is missing: scripts/setup.sh installs it";
    expectLight({QStringLiteral("attend"), QStringLiteral("--model"), model, QStringLiteral("--text"),
                 QStringLiteral("Once upon a time")});
}

// The coreference Transformer's default path (greedy, incremental, on Eigen) reads its weights without LibTorch.
TEST(ColdStart, CorefOnEigenLoadsNoTorch)
{
    const QString model = QStringLiteral(ATTN_MODELS_DIR "/coref-en-fr");
    ASSERT_TRUE(QDir(model).exists()) << "models/coref-en-fr is missing";
    expectLight({QStringLiteral("attend"), QStringLiteral("--model"), model, QStringLiteral("--text"),
                 QStringLiteral("The animal didn't cross the street because it was too tired.")});
    expectLight({QStringLiteral("render"), QStringLiteral("--view"), QStringLiteral("head"), QStringLiteral("--model"),
                 model, QStringLiteral("--out"), QStringLiteral("head.png")});
}

// A torch-only model: the light executable hands the command to attnscope-cli-torch, which gives the answer.
TEST(ColdStart, TorchOnlyModelsRunThroughTheTorchExecutable)
{
    const QString model = QStringLiteral(ATTN_MODELS_DIR "/seq2seq-additive");
    ASSERT_TRUE(QDir(model).exists()) << "models/seq2seq-additive is missing";
    const QStringList args = {QStringLiteral("attend"), QStringLiteral("--model"), model, QStringLiteral("--text"),
                              QStringLiteral("the dog is big .")};

    const TracedRun refused = traced(QStringLiteral(ATTN_CLI_PATH), args);
    EXPECT_EQ(refused.code, 3) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QLatin1String("needs LibTorch"))) << refused.err.toStdString();
    EXPECT_TRUE(torchLibraries(refused.libraries).isEmpty());

    const TracedRun handed = traced(QStringLiteral(ATTN_CLI_PATH), args, /*allowFallback=*/true);
    EXPECT_EQ(handed.code, 0) << handed.err.toStdString();
    EXPECT_TRUE(handed.out.contains("\"cross\"")) << handed.out.left(300).toStdString();
    EXPECT_FALSE(torchLibraries(handed.libraries).isEmpty()) << "the answer came without LibTorch?";
}

} // namespace
