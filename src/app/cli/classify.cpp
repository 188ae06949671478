// attnscope-cli classify: runs a classifier model folder on one text (or a pair) or on a JSON-lines file and
// prints the issue 15 JSON (ClassificationResult::toJson), one object per example.
#include "cli/command.h"
#include "engine/classify/classifiermodel.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

namespace attn::cli {

namespace {

// The texts of one --input line: "text" (and "text2"), or "premise" and "hypothesis" as `data --task pairs`
// writes them. Returns an empty error on success.
QString lineTexts(const QJsonObject& o, QString& text, QString& text2)
{
    if (o.contains("premise") || o.contains("hypothesis")) {
        if (!o.value("premise").isString() || !o.value("hypothesis").isString()) {
            return QStringLiteral("\"premise\" and \"hypothesis\" must both be strings");
        }
        text = o.value("premise").toString();
        text2 = o.value("hypothesis").toString();
        return {};
    }
    if (!o.value("text").isString()) {
        return QStringLiteral("no \"text\" string (or \"premise\" and \"hypothesis\")");
    }
    if (o.contains("text2") && !o.value("text2").isString()) {
        return QStringLiteral("\"text2\" must be a string");
    }
    text = o.value("text").toString();
    text2 = o.value("text2").toString();
    return {};
}

int runClassify(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption(
        {"model", "A classifier model folder (models/pooling-attention, models/han-documents, ...).", "DIR"});
    parser.addOption({"text", "The text to classify (a pair model's premise).", "TEXT"});
    parser.addOption({"text2", "A pair model's hypothesis.", "TEXT"});
    parser.addOption({"input",
                      "A JSON-lines file: one object per line with \"text\" (and \"text2\") or "
                      "\"premise\" and \"hypothesis\", as `data` writes them.",
                      "FILE"});
    int code = 0;
    if (!parseArgs(parser, "classify",
                   "Classifies a text with a trained classifier and prints the label, the probabilities, the tokens "
                   "and the attention as JSON.",
                   args, code)) {
        return code;
    }
    if (!parser.isSet("model")) {
        return usageError("classify", "--model is required");
    }
    if (parser.isSet("input") == parser.isSet("text")) {
        return usageError("classify", "give either --text (and --text2) or --input FILE.jsonl");
    }
    if (parser.isSet("input") && parser.isSet("text2")) {
        return usageError("classify", "--text2 goes with --text; --input lines carry their own texts");
    }
    std::unique_ptr<ClassifierModel> model;
    try {
        model = ClassifierModel::open(parser.value("model"));
    } catch (const ModelError& e) {
        return fail(QStringLiteral("classify: %1").arg(QString::fromUtf8(e.what())));
    }
    try {
        if (parser.isSet("text")) {
            printJson(model->classify(parser.value("text"), parser.value("text2")).toJson());
            return 0;
        }
    } catch (const ModelError& e) {
        return fail(QStringLiteral("classify: %1").arg(QString::fromUtf8(e.what())));
    }
    const QString path = parser.value("input");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(QStringLiteral("classify: %1: cannot open the file").arg(path));
    }
    int lineNo = 0;
    int examples = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        ++lineNo;
        if (line.isEmpty()) {
            continue;
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject()) {
            return fail(QStringLiteral("classify: %1:%2: not a JSON object (%3)")
                            .arg(path)
                            .arg(lineNo)
                            .arg(error.error == QJsonParseError::NoError
                                     ? QStringLiteral("a JSON value of another kind")
                                     : error.errorString()));
        }
        QString text, text2;
        const QString problem = lineTexts(doc.object(), text, text2);
        if (!problem.isEmpty()) {
            return fail(QStringLiteral("classify: %1:%2: %3").arg(path).arg(lineNo).arg(problem));
        }
        try {
            printJson(model->classify(text, text2).toJson());
            ++examples;
        } catch (const ModelError& e) {
            return fail(QStringLiteral("classify: %1:%2: %3").arg(path).arg(lineNo).arg(QString::fromUtf8(e.what())));
        }
    }
    if (examples == 0) {
        return fail(QStringLiteral("classify: %1: no examples (the file is empty)").arg(path));
    }
    return 0;
}

} // namespace

ATTN_CLI_COMMAND({"classify", "Classify a text (or a pair) and show where the classifier attended.", false,
                  &runClassify});

} // namespace attn::cli
