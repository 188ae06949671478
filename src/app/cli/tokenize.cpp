// attnscope-cli tokenize --model DIR --text TEXT: the ids and tokens a Hugging Face folder's tokenizer gives, with
// the special tokens its configuration adds (issue 16).
#include "cli/command.h"
#include "engine/tokenizers/tokenizerloader.h"
#include "engine/tokenizers/unicodechars.h"

#include <QFile>
#include <QJsonArray>

namespace attn::cli {

namespace {

QJsonObject encodingJson(const tok::Encoding& e, bool withTypeIds)
{
    QJsonArray ids;
    QJsonArray tokens;
    QJsonArray typeIds;
    for (std::size_t i = 0; i < e.ids.size(); ++i) {
        ids.append(e.ids[i]);
        tokens.append(e.tokens[i]);
        typeIds.append(e.typeIds[i]);
    }
    QJsonObject out{{"ids", ids}, {"tokens", tokens}};
    if (withTypeIds) {
        out.insert("type_ids", typeIds);
    }
    return out;
}

int runTokenize(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({"model",
                      "A model folder with tokenizer.json, vocab.txt, vocab.json + merges.txt or tokenizer.model "
                      "(config.json's model_type and tokenizer_config.json decide the special tokens).",
                      "DIR"});
    parser.addOption({"text", "The text to encode.", "TEXT"});
    parser.addOption({"text-file", "Read the text from a file (UTF-8, used as it is: no newline is dropped).", "FILE"});
    parser.addOption(
        {"text2", "A second text, encoded as a pair (A and B with their separators; adds type_ids).", "TEXT"});
    parser.addOption({"no-special-tokens", "Do not add [CLS]/[SEP], <s>/</s> or BOS."});
    int code = 0;
    if (!parseArgs(parser, "tokenize",
                   "Prints {\"ids\": [...], \"tokens\": [...]} as the folder's Hugging Face tokenizer encodes the "
                   "text, with the special tokens it adds.",
                   args, code)) {
        return code;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usageError("tokenize",
                          QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    }
    if (!parser.isSet("model")) {
        return usageError("tokenize", "--model DIR is required");
    }
    if (parser.isSet("text") == parser.isSet("text-file")) {
        return usageError("tokenize", "give the text with either --text or --text-file");
    }
    try {
        const tok::Tokenizer tokenizer = tok::loadTokenizer(parser.value("model"));
        const bool special = !parser.isSet("no-special-tokens");
        tok::Encoding encoding;
        if (parser.isSet("text-file")) {
            QFile f(parser.value("text-file"));
            if (!f.open(QIODevice::ReadOnly)) {
                return fail(QStringLiteral("%1: cannot be read (%2)").arg(f.fileName(), f.errorString()));
            }
            const QByteArray bytes = f.readAll();
            try {
                encoding = tokenizer.encodeUtf8(bytes, special);
            } catch (const tok::TokenizerError& e) {
                return fail(QStringLiteral("%1: %2").arg(f.fileName(), QString::fromStdString(e.what())));
            }
            if (parser.isSet("text2")) {
                QString text;
                QString error;
                (void)tok::decodeUtf8(bytes, text, error);
                encoding = tokenizer.encodePair(text, parser.value("text2"), special);
            }
        } else if (parser.isSet("text2")) {
            encoding = tokenizer.encodePair(parser.value("text"), parser.value("text2"), special);
        } else {
            encoding = tokenizer.encode(parser.value("text"), special);
        }
        printJson(encodingJson(encoding, parser.isSet("text2")));
    } catch (const std::exception& e) {
        return fail(QString::fromStdString(e.what()));
    }
    return 0;
}

} // namespace

ATTN_CLI_COMMAND({"tokenize", "Encode text with a Hugging Face folder's tokenizer: ids and tokens (JSON).", false,
                  &runTokenize});

} // namespace attn::cli
