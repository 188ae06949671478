#pragma once

// Runs attnscope-cli as a user does, for the tests of the cli group: one process per call, off-screen.
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <gtest/gtest.h>

namespace attn::test {

struct CliRun
{
    int code = -1;  // exit status; -99 when the process crashed or did not finish in time
    QByteArray out; // stdout (the JSON)
    QString err;    // stderr (notices and one-line errors)
};

inline CliRun cli(const QStringList& args, int timeoutMs = 120000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ATTN_CLI_PATH), args);
    const bool finished = p.waitForFinished(timeoutMs);
    EXPECT_TRUE(finished) << "attnscope-cli " << args.join(QLatin1Char(' ')).toStdString() << " did not finish";
    if (!finished) {
        p.kill();
        p.waitForFinished();
    }
    const bool normal = finished && p.exitStatus() == QProcess::NormalExit;
    return {normal ? p.exitCode() : -99, p.readAllStandardOutput(), QString::fromLocal8Bit(p.readAllStandardError())};
}

} // namespace attn::test
