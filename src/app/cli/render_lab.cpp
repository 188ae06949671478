// render --view scoring-lab: the scoring lab tab (controls and the lab) without a window.
#include "cli/command.h"
#include "cli/renderviews.h"
#include "core/courserules.h"
#include "core/vectorparse.h"
#include "engine/modelregistry.h"
#include "gui/labpanel.h"
#include "views/exporter.h"
#include "views/scoringlab.h"

#include <QComboBox>
#include <QSlider>

#include <cmath>
#include <stdexcept>

namespace attn::cli {

namespace {

QString drawLab(const QCommandLineParser& parser, const QString& out, QSize size)
{
    // A model's vectors are read first, so that a bad folder or text fails before any widget exists.
    ModelVectors model;
    int step = 0;
    if (parser.isSet("model")) {
        try {
            model = readModelVectors(parser.value("model"), parser.value("text"));
        } catch (const ModelError& e) {
            return QString::fromUtf8(e.what());
        }
        bool ok = false;
        step = parser.value("step").toInt(&ok);
        if (!ok || step < 0 || step >= model.steps()) {
            return QStringLiteral("--step: choose 0 to %1; steps count from 0 (%2)")
                .arg(model.steps() - 1)
                .arg(model.queryTokens.join(' '));
        }
    }
    LabPanel panel;
    const QString example = parser.value("example");
    const int index = int(LabPanel::exampleIds().indexOf(example));
    if (index < 0) {
        return QStringLiteral("--example: unknown example '%1' (choose %2)")
            .arg(example, LabPanel::exampleIds().join(", "));
    }
    panel.loadExample(index);
    if (parser.isSet("rows")) {
        bool ok = false;
        const int rows = parser.value("rows").toInt(&ok);
        if (example != QLatin1String("course-rules") || !ok || rows < 1 || rows > CourseRulesExample::kMaxRows) {
            return QStringLiteral("--rows: give 1 to %1 with --example course-rules").arg(CourseRulesExample::kMaxRows);
        }
        panel.lab()->loadCourseRulesExample(rows);
    }
    if (model.steps() > 0) {
        panel.showModelVectors(model, step);
    }
    if (parser.isSet("query") || parser.isSet("keys")) {
        try {
            LabVectors v = panel.lab()->vectors();
            if (parser.isSet("query")) {
                v.query = parseVector(parser.value("query"), QStringLiteral("--query"));
            }
            if (parser.isSet("keys")) {
                v.keys = parseMatrix(parser.value("keys"), QStringLiteral("--keys key"));
                v.values.resize(0, 0);
            }
            panel.lab()->setVectors(v);
        } catch (const std::invalid_argument& e) {
            return QString::fromStdString(e.what());
        }
    }
    if (parser.isSet("mode")) {
        const auto kind = normaliserFromName(parser.value("mode").toStdString());
        if (!kind) {
            return QStringLiteral("--mode: unknown mode '%1' (choose soft, hard, sampled or local)")
                .arg(parser.value("mode"));
        }
        panel.modeCombo()->setCurrentIndex(panel.modeCombo()->findData(int(*kind)));
    }
    if (parser.isSet("temperature")) {
        bool ok = false;
        const double t = parser.value("temperature").toDouble(&ok);
        if (!ok || !(t > 0.0) || !std::isfinite(t)) {
            return QStringLiteral("--temperature must be a number above 0");
        }
        panel.temperatureSlider()->setValue(int(std::lround(std::log(t / 0.05) / std::log(400.0) * 100.0)));
    }
    layoutOffscreen(&panel, size);
    if (!panel.lab()->errorMessage().isEmpty()) {
        return panel.lab()->errorMessage();
    }
    QString error;
    return exportWidget(&panel, out, &error) ? QString() : error;
}

std::vector<QCommandLineOption> labOptions()
{
    return {
        {"example", "Scoring lab: vectors (default), self-attention, course-rules (the notes' three Q/K/V rules), "
                    "edge-cases or size-8.", "NAME", "vectors"},
        {"rows", "scoring-lab --example course-rules: rows of V, 1 to 40 (default 32, the notes' shapes; rule 1 masks "
                 "fewer and refuses more).", "N", "32"},
        {"query", "The query vector, comma-separated: 1,0.", "x,y,..."},
        {"keys", "The keys, ';' between vectors: \"1,0;0,1;-1,0\".", "x,y;..."},
        {"mode", "soft (default), hard, sampled or local.", "MODE", "soft"},
        {"temperature", "Softmax temperature, above 0 (default 1).", "T", "1"},
        {"step", "scoring-lab: with --model (a seq2seq folder) and --text, the output step whose decoder state is "
                 "the query, from 0 (default 0).", "N", "0"},
    };
}

} // namespace

ATTN_RENDER_VIEW({"scoring-lab", "the scoring lab tab: plane, one card per scoring function, controls", labOptions(),
                  &drawLab});

} // namespace attn::cli
