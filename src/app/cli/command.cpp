#include "cli/command.h"

#include <QJsonDocument>

#include <cstdio>

namespace attn::cli {

namespace {

std::vector<Command>& registry()
{
    static std::vector<Command> kCommands;
    return kCommands;
}

} // namespace

bool registerCommand(Command command)
{
    registry().push_back(std::move(command));
    return true;
}

const std::vector<Command>& commands()
{
    return registry();
}

int fail(const QString& message, int status)
{
    // One line: newlines inside the message would split it for scripts reading stderr.
    QString line = message;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    std::fprintf(stderr, "attnscope-cli: error: %s\n", line.toLocal8Bit().constData());
    std::fflush(stderr);
    return status;
}

int usageError(const QString& command, const QString& message)
{
    return fail(QStringLiteral("%1: %2 (see 'attnscope-cli %1 --help')").arg(command, message), 2);
}

void printJson(const QJsonObject& object)
{
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(json.constData(), 1, std::size_t(json.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

bool parseArgs(QCommandLineParser& parser, const QString& command, const QString& description,
               const QStringList& args, int& exitCode)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    QStringList full = args;
    full.prepend(QStringLiteral("attnscope-cli %1").arg(command));
    if (!parser.parse(full)) {
        exitCode = usageError(command, parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        // Qt's first line names the binary path; show the subcommand instead.
        QString text = parser.helpText();
        text = QStringLiteral("Usage: attnscope-cli %1 [options]").arg(command) + text.mid(text.indexOf('\n'));
        std::fputs(text.toLocal8Bit().constData(), stdout);
        exitCode = 0;
        return false;
    }
    return true;
}

} // namespace attn::cli
