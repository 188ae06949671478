// scores --function myatt: the course notes' rule 1 (module MyAtt, core/myattention.h) from the command line.
#include "cli/command.h"
#include "cli/scorescommand.h"
#include "core/myattention.h"
#include "core/vectorparse.h"

#include <QJsonArray>

#include <cmath>
#include <stdexcept>

namespace attn::cli {

namespace {

constexpr int kNotesPositions = 32; // MyAtt(32, 32, 32, 64, 32): value_size1, the fixed number of positions

QJsonArray toJson(const Eigen::VectorXd& v)
{
    QJsonArray a;
    for (Eigen::Index i = 0; i < v.size(); ++i) {
        a.append(v(i));
    }
    return a;
}

int wholeNumber(const QCommandLineParser& parser, const QString& name, int fallback, int minimum, int maximum)
{
    if (!parser.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    if (!ok || v < minimum || v > maximum) {
        throw std::invalid_argument(QStringLiteral("--%1: '%2' is not a whole number from %3 to %4")
                                        .arg(name, parser.value(name))
                                        .arg(minimum)
                                        .arg(maximum)
                                        .toStdString());
    }
    return v;
}

} // namespace

std::vector<QCommandLineOption> myAttOptions()
{
    return {
        {"positions", "With --function myatt: the fixed number of positions of attn = Linear(dq + dk -> N); V may have "
                      "fewer rows (the rest are masked) but not more (default 32, as in the notes).",
         "N", "32"},
        {"output-size", "With --function myatt: the outputs of attn_combine (default: the size of the query).", "N"},
    };
}

int runMyAtt(const QCommandLineParser& parser)
{
    Eigen::VectorXd q, k;
    Eigen::MatrixXd values;
    int positions = kNotesPositions, outputs = 0;
    double temperature = 1.0;
    unsigned long long paramSeed = 0;
    try {
        if (parser.isSet("model")) {
            throw std::invalid_argument("--function myatt works on --query, --keys and --values, not --model");
        }
        if (!parser.isSet("query") || !parser.isSet("keys") || !parser.isSet("values")) {
            throw std::invalid_argument("--function myatt needs --query (Q), --keys (one vector: K, the decoder's "
                                        "state) and --values (V, one row per position)");
        }
        if (parser.value("mode") != QLatin1String("soft")) {
            throw std::invalid_argument("--function myatt: only --mode soft (the notes' softmax)");
        }
        q = parseVector(parser.value("query"), QStringLiteral("--query"));
        const Eigen::MatrixXd keys = parseMatrix(parser.value("keys"), QStringLiteral("--keys key"));
        if (keys.rows() != 1) {
            throw std::invalid_argument(QStringLiteral("--function myatt: --keys has %1 vectors; MyAtt takes one K "
                                                       "(the decoder's state), concatenated with Q")
                                            .arg(keys.rows())
                                            .toStdString());
        }
        k = keys.row(0).transpose();
        values = parseMatrix(parser.value("values"), QStringLiteral("--values value"));
        positions = wholeNumber(parser, QStringLiteral("positions"), kNotesPositions, 1, 4096);
        outputs = wholeNumber(parser, QStringLiteral("output-size"), int(q.size()), 1, 4096);
        bool ok = false;
        temperature = parser.value("temperature").toDouble(&ok);
        if (!ok || !std::isfinite(temperature) || !(temperature > 0.0)) {
            throw std::invalid_argument("--temperature must be above 0");
        }
        const double seed = parser.value("param-seed").toDouble(&ok);
        if (!ok || seed < 0 || seed != std::floor(seed)) {
            throw std::invalid_argument("--param-seed must be a whole number, 0 or more");
        }
        paramSeed = static_cast<unsigned long long>(seed);
    } catch (const std::invalid_argument& e) {
        return usageError(QStringLiteral("scores"), QString::fromStdString(e.what()));
    }
    const MyAttParams params =
        MyAttParams::random(int(q.size()), int(k.size()), int(values.cols()), positions, outputs, paramSeed);
    MyAttResult r;
    try {
        r = myAttention(q, k, values, params, temperature);
    } catch (const std::invalid_argument& e) {
        return fail(QStringLiteral("scores: %1").arg(QString::fromStdString(e.what())), 1);
    }
    QJsonArray notices;
    if (r.maskedPositions > 0) {
        notices.append(QStringLiteral("V has %1 rows for %2 positions: the %3 position(s) past its end are masked")
                           .arg(values.rows())
                           .arg(positions)
                           .arg(r.maskedPositions));
    }
    QJsonObject fn{{"logits", toJson(r.logits)},   {"weights", toJson(r.weights)},
                   {"applied", toJson(r.applied)}, {"output", toJson(r.output)},
                   {"positions", positions},       {"masked_positions", r.maskedPositions},
                   {"notices", notices}};
    printJson(QJsonObject{{"mode", QStringLiteral("soft")},
                          {"temperature", temperature},
                          {"param_seed", qint64(paramSeed)},
                          {"functions", QJsonObject{{"myatt", fn}}}});
    return 0;
}

} // namespace attn::cli
