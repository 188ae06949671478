// render --view three-steps: attention for one query in three steps (score, normalise, weighted sum).
#include "cli/command.h"
#include "cli/renderviews.h"
#include "core/vectorparse.h"
#include "views/exporter.h"
#include "views/threestepsview.h"

#include <cmath>
#include <stdexcept>

namespace attn::cli {

namespace {

QString drawThreeSteps(const QCommandLineParser& parser, const QString& out, QSize size)
{
    ThreeStepsView view;
    Eigen::VectorXd query = ThreeStepsView::defaultQuery();
    Eigen::MatrixXd keys = ThreeStepsView::defaultKeys();
    Eigen::MatrixXd values = ThreeStepsView::defaultValues();
    try {
        if (parser.isSet("query")) {
            query = parseVector(parser.value("query"), QStringLiteral("--query"));
        }
        if (parser.isSet("keys")) {
            keys = parseMatrix(parser.value("keys"), QStringLiteral("--keys key"));
            // New keys without values: the keys are the values, as in the scoring lab.
            values.resize(0, 0);
        }
        if (parser.isSet("values")) {
            values = parseMatrix(parser.value("values"), QStringLiteral("--values value"));
        }
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    // Other views share --function, --temperature and --stage with other defaults: an unset option means ours.
    const QString functionName = parser.isSet("function") ? parser.value("function") : QStringLiteral("scaled_dot");
    const auto function = scoreFunctionFromName(functionName.toStdString());
    if (!function) {
        QStringList names;
        for (ScoreFunction fn : allScoreFunctions()) {
            names << QString::fromStdString(scoreFunctionName(fn));
        }
        return QStringLiteral("--function: unknown scoring function '%1' (choose %2)")
            .arg(functionName, names.join(", "));
    }
    bool ok = true;
    const auto number = [&parser, &ok](const QString& name, double fallback) {
        return parser.isSet(name) ? parser.value(name).toDouble(&ok) : fallback;
    };
    const double temperature = number(QStringLiteral("temperature"), 1.0);
    if (!ok || !(temperature > 0.0) || !std::isfinite(temperature)) {
        return QStringLiteral("--temperature must be a number above 0");
    }
    const double stage = number(QStringLiteral("stage"), 3.0);
    if (!ok || !(stage >= 0.0 && stage <= 3.0)) {
        return QStringLiteral("--stage must be a number from 0 to 3");
    }
    view.setInputs(query, keys, values, *function, temperature);
    if (parser.isSet("mode")) {
        const auto kind = normaliserFromName(parser.value("mode").toStdString());
        if (!kind) {
            return QStringLiteral("--mode: unknown mode '%1' (choose soft, hard, sampled or local)")
                .arg(parser.value("mode"));
        }
        NormaliserOptions options;
        options.temperature = temperature;
        view.setNormaliser(*kind, options);
    }
    if (!view.errorMessage().isEmpty()) {
        return view.errorMessage();
    }
    view.setStage(stage);
    return exportPresentableView(&view, parser, out, size);
}

} // namespace

ATTN_RENDER_VIEW(
    {"three-steps",
     "attention for one query in three steps: scores, softmax weights, the weighted sum of the values",
     {{"query", "The query vector, comma-separated: 1,0.", "x,y,..."},
      {"keys", "The keys, ';' between vectors: \"1,0;0,1;-1,0\".", "x,y;..."},
      {"values", "three-steps: the values, one per key, ';' between vectors (default: the keys).", "x,y;..."},
      {"function",
       "three-steps: the scoring function: dot, scaled_dot (default), cosine, general, "
       "concat, additive or location.",
       "NAME", "scaled_dot"},
      {"temperature", "Softmax temperature, above 0 (default 1).", "T", "1"},
      {"mode", "soft (default), hard, sampled or local.", "MODE", "soft"},
      {"stage", "three-steps: how far to draw, 0 to 3 (1 scores, 2 weights, 3 the output; default 3).", "S", "3"},
      {"font-px", "kernel-regression, three-steps: text size in pixels (presentation: height / 50).", "PX"}},
     &drawThreeSteps});

} // namespace attn::cli
