// attnscope-cli: the command line of AttentionScope. Each subcommand lives in its own file and registers itself.
#include "cli/command.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <unistd.h>

#include <cstdio>
#include <memory>

namespace {

void printUsage()
{
    std::printf("Usage: attnscope-cli [--version] [--help] COMMAND [options]\n\n"
                "AttentionScope on the command line: JSON to stdout, one-line errors to stderr.\n\nCommands:\n");
    for (const auto& c : attn::cli::commands()) {
        std::printf("  %-10s %s\n", c.name.toLocal8Bit().constData(), c.summary.toLocal8Bit().constData());
    }
    std::printf("\nRun 'attnscope-cli COMMAND --help' for a command's options.\n");
}

} // namespace

int main(int argc, char** argv)
{
    QStringList args;
    for (int i = 1; i < argc; ++i) {
        args << QString::fromLocal8Bit(argv[i]);
    }
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        printUsage();
        return args.isEmpty() ? 2 : 0;
    }
    if (args.first() == QLatin1String("--version") || args.first() == QLatin1String("-v")) {
        std::printf("attnscope-cli %s\n", ATTN_VERSION);
        return 0;
    }
    const QString name = args.takeFirst();
    for (const auto& c : attn::cli::commands()) {
        if (c.name != name) {
            continue;
        }
        std::unique_ptr<QCoreApplication> app;
        if (c.needsGui) {
            // Without a session (CI, ssh) Qt warns on stderr about XDG_RUNTIME_DIR, which would break the
            // one-line error contract; give it a private directory instead.
            if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
                const QString dir = QDir::tempPath() + QStringLiteral("/attnscope-runtime-") + QString::number(getuid());
                QDir().mkpath(dir);
                QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
                qputenv("XDG_RUNTIME_DIR", QFile::encodeName(dir));
            }
            // Drawing needs a GUI application; without a display, draw off-screen.
            if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
                qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
                qputenv("QT_QPA_PLATFORM", "offscreen");
            }
            app = std::make_unique<QApplication>(argc, argv);
        } else {
            app = std::make_unique<QCoreApplication>(argc, argv);
        }
        QCoreApplication::setApplicationName(QStringLiteral("attnscope-cli"));
        QCoreApplication::setApplicationVersion(QStringLiteral(ATTN_VERSION));
        try {
            return c.run(args);
        } catch (const std::exception& e) {
            return attn::cli::fail(QString::fromLocal8Bit(e.what()));
        }
    }
    return attn::cli::fail(QStringLiteral("unknown command '%1' (run 'attnscope-cli --help' for the list)").arg(name), 2);
}
