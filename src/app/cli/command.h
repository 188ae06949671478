#pragma once

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace attn::cli {

// A subcommand of attnscope-cli. run() gets the arguments after the subcommand's name and returns the exit code.
struct Command
{
    QString name;
    QString summary;
    bool needsGui = false; // draws widgets (render): the dispatcher makes a QApplication, off-screen if needed
    std::function<int(const QStringList& args)> run;
};

// Adds a command at static-initialisation time; see ATTN_CLI_COMMAND.
bool registerCommand(Command command);
const std::vector<Command>& commands();

// Errors go to stderr as one line naming the problem; the exit status is 2 for bad usage, 1 for failures.
int fail(const QString& message, int status = 1);
int usageError(const QString& command, const QString& message);
// Prints a compact JSON document and a newline to stdout.
void printJson(const QJsonObject& object);

// Parses args (the subcommand's own) with the standard --help. On --help prints usage to stdout and
// sets exitCode to 0; on errors prints one line and sets it to 2. Returns false when the command must stop.
bool parseArgs(QCommandLineParser& parser, const QString& command, const QString& description,
               const QStringList& args, int& exitCode);

} // namespace attn::cli

#define ATTN_CLI_CONCAT_INNER(a, b) a##b
#define ATTN_CLI_CONCAT(a, b) ATTN_CLI_CONCAT_INNER(a, b)
// Registers a subcommand from its own .cpp: ATTN_CLI_COMMAND({"scores", "...", false, &runScores});
#define ATTN_CLI_COMMAND(...)                                                                                          \
    static const bool ATTN_CLI_CONCAT(kRegistered_, __LINE__) = ::attn::cli::registerCommand(::attn::cli::Command __VA_ARGS__)
