// attnscope-cli scores: one query against keys under every scoring function (DESIGN.md section 3).
#include "cli/command.h"
#include "cli/scorescommand.h"
#include "core/vectorparse.h"
#include "engine/modelregistry.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

namespace attn::cli {

namespace {

QJsonArray toJson(const Eigen::VectorXd& v)
{
    QJsonArray a;
    for (Eigen::Index i = 0; i < v.size(); ++i) {
        a.append(v(i));
    }
    return a;
}

double parseNumber(const QCommandLineParser& parser, const QString& name, double fallback)
{
    if (!parser.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(v)) {
        throw std::invalid_argument(
            QStringLiteral("--%1: '%2' is not a finite number").arg(name, parser.value(name)).toStdString());
    }
    return v;
}

QJsonArray toJson(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

// --model DIR --text TEXT --step N: the decoder state at step N is the query, the encoder states the keys; the
// model's own scoring function uses its trained parameters unless --drawn-params.
struct ModelStep
{
    ModelVectors vectors;
    int step = 0;
};

ModelStep modelStepFromOptions(const QCommandLineParser& parser, ScoreRequest& request)
{
    if (parser.isSet("query") || parser.isSet("keys") || parser.isSet("values")) {
        throw std::invalid_argument("--model takes the query and keys from the model: drop --query, --keys, --values");
    }
    if (!parser.isSet("text")) {
        throw std::invalid_argument("--model needs --text, the English sentence to run");
    }
    bool ok = false;
    const int step = parser.value("step").toInt(&ok);
    if (!ok || step < 0) {
        throw std::invalid_argument(QStringLiteral("--step: '%1' is not an output step (0, 1, ...; steps count from 0)")
                                        .arg(parser.value("step"))
                                        .toStdString());
    }
    ModelStep m{readModelVectors(parser.value("model"), parser.value("text")), step}; // throws ModelError
    if (m.step >= m.vectors.steps()) {
        throw ModelError(QStringLiteral("--step %1: the model wrote %2 words, steps 0 to %3 (%4)")
                             .arg(step)
                             .arg(m.vectors.steps())
                             .arg(m.vectors.steps() - 1)
                             .arg(m.vectors.queryTokens.join(' '))
                             .toStdString());
    }
    const LabVectors v = modelLabVectors(m.vectors, m.step);
    request.query = v.query;
    request.keys = v.keys;
    const int d = int(v.keys.cols());
    request.hasParams = true;
    request.params = ScoreParams::random(int(v.query.size()), d, d, std::max<int>(int(v.keys.rows()), 8),
                                         request.paramSeed);
    if (!parser.isSet("drawn-params")) {
        request.params = withTrainedParams(request.params, m.vectors);
    }
    return m;
}

QJsonObject modelJson(const ModelStep& m, bool trained)
{
    const ModelVectors& v = m.vectors;
    QJsonObject o{{"name", v.model},
                  {"score", v.score},
                  {"step", m.step},
                  {"query_token", v.queryTokens.value(m.step)},
                  {"key_tokens", toJson(v.keyTokens)},
                  {"output_tokens", toJson(v.queryTokens)},
                  {"trained_params", trained && v.hasTrainedParams},
                  {"unknown_words", toJson(v.unknownWords)}};
    if (v.attention.rows() > m.step) {
        o.insert("model_weights", toJson(Eigen::VectorXd(v.attention.row(m.step).transpose())));
    }
    return o;
}

int runScores(const QStringList& args)
{
    QCommandLineParser parser;
    for (const auto& o : scoreOptions()) {
        parser.addOption(o);
    }
    parser.addOptions({
        {"model", "Take the vectors from a seq2seq model folder: keys = its encoder states for --text, query = its "
                  "decoder state at --step (instead of --query and --keys).", "DIR"},
        {"text", "With --model: the English sentence the model translates.", "TEXT"},
        {"step", "With --model: the output step whose decoder state is the query, 0 for the first word (default 0).",
         "N", "0"},
        {"drawn-params", "With --model: use drawn W, U, v for every function, not the model's trained ones."},
    });
    for (const auto& o : myAttOptions()) {
        parser.addOption(o);
    }
    int code = 0;
    if (!parseArgs(parser, QStringLiteral("scores"),
                   QStringLiteral("Scores one query against keys with each scoring function and prints the scores, "
                                  "the weights and the context vector as JSON. With --model, the vectors are a "
                                  "trained model's: its weights at that step are printed as model.model_weights."),
                   args, code)) {
        return code;
    }
    if (parser.value("function") == QLatin1String("myatt")) {
        return runMyAtt(parser);
    }
    ScoreRequest request;
    std::optional<ModelStep> model;
    try {
        request = scoreRequestFromOptions(parser, !parser.isSet("model"));
        if (parser.isSet("model")) {
            model = modelStepFromOptions(parser, request);
        }
    } catch (const std::invalid_argument& e) {
        return usageError(QStringLiteral("scores"), QString::fromStdString(e.what()));
    } catch (const ModelError& e) {
        return fail(QStringLiteral("scores: %1").arg(QString::fromUtf8(e.what())), 1);
    }
    std::vector<ScoreRun> runs;
    try {
        runs = runScores(request);
    } catch (const std::invalid_argument& e) {
        return fail(QStringLiteral("scores: %1").arg(QString::fromStdString(e.what())), 1);
    }
    QJsonObject functions;
    for (const auto& run : runs) {
        functions.insert(QString::fromStdString(scoreFunctionName(run.function)),
                         QJsonObject{{"scores", toJson(run.scores)},
                                     {"weights", toJson(run.weights)},
                                     {"context", toJson(run.context)}});
    }
    QJsonObject out{{"mode", QString::fromStdString(normaliserName(request.normaliser))},
                    {"temperature", request.options.temperature},
                    {"param_seed", qint64(request.paramSeed)},
                    {"functions", functions}};
    if (model) {
        out.insert("model", modelJson(*model, !parser.isSet("drawn-params")));
    }
    printJson(out);
    return 0;
}

} // namespace

std::vector<QCommandLineOption> scoreOptions()
{
    return {
        {"query", "The query vector, comma-separated: 1,0.", "x,y,..."},
        {"keys", "The keys, ';' between vectors: \"1,0;0,1;-1,0\".", "x,y;..."},
        {"values", "The values (default: the keys), one per key.", "x,y;..."},
        {"function",
         "dot, scaled_dot, cosine, general, concat_linear, concat_tanh, additive, location, or all (default); "
         "scores also takes myatt, the course notes' rule 1 (see --positions).",
         "NAME", "all"},
        {"mode", "soft (default), hard, sampled or local.", "MODE", "soft"},
        {"temperature", "Softmax temperature, above 0 (default 1).", "T", "1"},
        {"seed", "Seed of the sampled hard mode (default 0).", "S", "0"},
        {"param-seed", "Seed of the random W, U, v of the parametric scores (default 0).", "S", "0"},
        {"window", "Local mode: half-width D of the window 2D+1 (default 1).", "D", "1"},
        {"centre", "Local mode: the window's centre position p (default 0).", "P", "0"},
    };
}

ScoreRequest scoreRequestFromOptions(const QCommandLineParser& parser, bool withVectors)
{
    ScoreRequest r;
    if (withVectors) {
        if (!parser.isSet("query")) {
            throw std::invalid_argument("--query is required (or --model with --text)");
        }
        if (!parser.isSet("keys")) {
            throw std::invalid_argument("--keys is required");
        }
        r.query = parseVector(parser.value("query"), QStringLiteral("--query"));
        r.keys = parseMatrix(parser.value("keys"), QStringLiteral("--keys key"));
        if (parser.isSet("values")) {
            r.values = parseMatrix(parser.value("values"), QStringLiteral("--values value"));
        }
    }
    const QString fn = parser.value("function");
    if (fn != QLatin1String("all")) {
        const auto f = scoreFunctionFromName(fn.toStdString());
        if (!f) {
            const std::string hint = renamedScoreFunctionHint(fn.toStdString());
            if (!hint.empty()) {
                throw std::invalid_argument("--function: " + hint);
            }
            throw std::invalid_argument(QStringLiteral("--function: unknown function '%1' (choose dot, scaled_dot, "
                                                       "cosine, general, concat_linear, concat_tanh, additive, "
                                                       "location or all)")
                                            .arg(fn)
                                            .toStdString());
        }
        r.functions = {*f};
    }
    const auto mode = normaliserFromName(parser.value("mode").toStdString());
    if (!mode) {
        throw std::invalid_argument(
            QStringLiteral("--mode: unknown mode '%1' (choose soft, hard, sampled or local)").arg(parser.value("mode")).toStdString());
    }
    r.normaliser = *mode;
    r.options.temperature = parseNumber(parser, "temperature", 1.0);
    if (!(r.options.temperature > 0.0)) {
        throw std::invalid_argument("--temperature must be above 0");
    }
    const double seed = parseNumber(parser, "seed", 0.0);
    const double paramSeed = parseNumber(parser, "param-seed", 0.0);
    if (seed < 0 || paramSeed < 0) {
        throw std::invalid_argument("seeds must be 0 or more");
    }
    r.options.seed = static_cast<unsigned long long>(seed);
    r.paramSeed = static_cast<unsigned long long>(paramSeed);
    const double window = parseNumber(parser, "window", 1.0);
    if (window < 0 || window != std::floor(window)) {
        throw std::invalid_argument("--window must be a whole number, 0 or more");
    }
    r.options.halfWidth = int(window);
    r.options.centre = parseNumber(parser, "centre", 0.0);
    return r;
}

ATTN_CLI_COMMAND({"scores", "Score a query against keys with every scoring function (JSON).", false, &runScores});

} // namespace attn::cli
