// attnscope-cli data: held-out examples of the classification tasks (issue 15) as JSON lines, each with its
// text(s), its label and where the decision lies.
#include "cli/command.h"
#include "engine/classify/classifydata.h"
#include "engine/classify/pairdata.h"

#include <QJsonArray>
#include <cstdio>

namespace attn::cli {

namespace {

QJsonArray indexArray(const std::vector<int>& indices)
{
    QJsonArray a;
    for (int i : indices) {
        a.append(i);
    }
    return a;
}

int runData(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({"task", "reviews, documents or pairs.", "NAME"});
    parser.addOption({"seed", "Random seed (the same seed gives the same examples).", "S", "1"});
    parser.addOption({"count", "How many examples (1 to 100000).", "N", "10"});
    int code = 0;
    if (!parseArgs(parser, "data",
                   "Prints generated examples as JSON lines with their label and decisive positions (from 0):\n"
                   "  reviews:   {\"text\", \"label\", \"decisive\": [token indices]}\n"
                   "  documents: {\"text\", \"label\", \"decisive_sentence\": i, \"decisive\": [token indices inside "
                   "that sentence]}\n"
                   "  pairs:     {\"premise\", \"hypothesis\", \"label\", \"aligned\": [[hypothesis index, premise "
                   "index], ...]}\n"
                   "Tokens are those of the text split at spaces with \".\" a token of its own.",
                   args, code)) {
        return code;
    }
    const QString task = parser.value("task");
    if (task.isEmpty()) {
        return usageError("data", "--task is required (reviews, documents or pairs)");
    }
    bool ok = true;
    const qulonglong seed = parser.value("seed").toULongLong(&ok);
    if (!ok) {
        return usageError("data", "--seed must be a whole number, 0 or more");
    }
    const int count = parser.value("count").toInt(&ok);
    if (!ok || count < 1 || count > 100000) {
        return usageError("data", "--count must be a whole number from 1 to 100000");
    }
    const auto& labels = classify::sentimentLabels();
    if (task == "reviews") {
        for (const auto& r : classify::generateReviews(seed, count)) {
            printJson({{"text", QString::fromStdString(r.text())},
                       {"label", QString::fromStdString(labels[std::size_t(r.label)])},
                       {"decisive", indexArray(r.decisive)}});
        }
        return 0;
    }
    if (task == "documents") {
        for (const auto& d : classify::generateDocuments(seed, count)) {
            printJson({{"text", QString::fromStdString(d.text())},
                       {"label", QString::fromStdString(labels[std::size_t(d.label)])},
                       {"decisive_sentence", d.decisiveSentence},
                       {"decisive", indexArray(d.decisive)}});
        }
        return 0;
    }
    if (task == "pairs") {
        for (const auto& e : classify::generatePairs(seed, count)) {
            std::printf("%s\n", classify::pairExampleJson(e).c_str());
        }
        std::fflush(stdout);
        return 0;
    }
    return usageError("data", QStringLiteral("unknown --task '%1' (choose reviews, documents or pairs)").arg(task));
}

} // namespace

ATTN_CLI_COMMAND({"data", "Print generated classification examples with labels and decisive positions.", false,
                  &runData});

} // namespace attn::cli
