#include "gui/lessonpanelsteps.h"

#include "engine/hf/hfconfig.h"

#include "gui/comparepanel.h"
#include "gui/generatepanel.h"
#include "gui/imagepanel.h"
#include "gui/labpanel.h"
#include "gui/scorescompare.h"
#include "gui/textpanel.h"
#include "views/heatmapview.h"
#include "views/overlaygridview.h"
#include "views/scoringlab.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace attn {

namespace {

template <typename P>
P* hostPanel(LessonStepView* step, P* panel)
{
    auto* layout = new QVBoxLayout(step);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(panel);
    QObject::connect(panel, &Panel::errorOccurred, step, [step](const QString& message) {
        if (!message.isEmpty()) {
            Q_EMIT step->failed(message);
        }
    });
    return panel;
}

// A llama2.c model folder's checkpoint: the .bin that is not a tokenizer. Hugging Face decoder folders open as
// they are.
QString checkpointIn(const QString& path)
{
    if (!QFileInfo(path).isDir() || hf::HfConfig::isHuggingFaceFolder(path)) {
        return path;
    }
    for (const QString& name : QDir(path).entryList({QStringLiteral("*.bin")}, QDir::Files, QDir::Name)) {
        if (!name.startsWith(QLatin1String("tok"))) {
            return QDir(path).filePath(name);
        }
    }
    return QDir(path).filePath(QStringLiteral("model.bin"));
}

} // namespace

TextLessonStep::TextLessonStep(bool alignment, QWidget* parent)
    : LessonStepView(parent), m_panel(hostPanel(this, new TextPanel)), m_alignment(alignment)
{
    m_panel->setPersistent(false);
    connect(m_panel, &TextPanel::viewsUpdated, this, [this] {
        // Choosing the view updates the views again: the guard keeps that from coming back here.
        if (!isReady() && !m_choosing && m_panel->hasAttention()) {
            m_choosing = true;
            showChoices();
            m_choosing = false;
            markReady();
        }
    });
}

void TextLessonStep::apply(const QJsonObject& options)
{
    m_options = options;
    markBusy();
    const QString model = options.value(QStringLiteral("model")).toString(QStringLiteral("models/coref-en-fr"));
    m_panel->openModel(lessonPath(model));
    m_panel->setSentence(options.value(QStringLiteral("text")).toString(),
                         options.value(QStringLiteral("second")).toString());
    m_panel->run();
}

void TextLessonStep::showChoices()
{
    const QJsonObject& o = m_options;
    const QString view = o.value(QStringLiteral("view")).toString(m_alignment ? QStringLiteral("matrix") : "head");
    const QString kind = o.value(QStringLiteral("kind")).toString(m_alignment ? QStringLiteral("cross") : "");
    if (!kind.isEmpty()) {
        m_panel->setKind(kind);
    }
    if (o.contains(QStringLiteral("layer")) || o.contains(QStringLiteral("head"))) {
        m_panel->setLayerHead(o.value(QStringLiteral("layer")).toInt(), o.value(QStringLiteral("head")).toInt());
    }
    if (o.contains(QStringLiteral("select"))) {
        m_panel->setSelectedToken(o.value(QStringLiteral("select")).toString());
    }
    const QStringList views{QStringLiteral("head"), QStringLiteral("matrix"), QStringLiteral("model"),
                            QStringLiteral("compare")};
    m_panel->setCurrentView(TextPanel::ViewTab(std::max<qsizetype>(0, views.indexOf(view))));
}

QWidget* TextLessonStep::mainView()
{
    return m_panel;
}

ImageLessonStep::ImageLessonStep(QWidget* parent) : LessonStepView(parent), m_panel(hostPanel(this, new ImagePanel))
{
    connect(m_panel, &ImagePanel::captionReady, this, [this] {
        const QJsonValue word = m_options.value(QStringLiteral("word"));
        int index = word.isDouble() ? word.toInt() : m_panel->caption().words.indexOf(word.toString());
        m_panel->selectWord(std::max(0, index));
        markReady();
    });
}

void ImageLessonStep::apply(const QJsonObject& options)
{
    m_options = options;
    markBusy();
    m_panel->setModelDir(
        lessonPath(options.value(QStringLiteral("model")).toString(QStringLiteral("models/caption-shapes"))));
    m_panel->openImage(lessonPath(options.value(QStringLiteral("image")).toString()));
}

QWidget* ImageLessonStep::mainView()
{
    return m_panel->gridView();
}

GenerateLessonStep::GenerateLessonStep(QWidget* parent)
    : LessonStepView(parent), m_panel(hostPanel(this, new GeneratePanel))
{
    connect(m_panel, &GeneratePanel::generationFinished, this, [this] {
        const Generation& g = m_panel->generation();
        m_panel->setLayerHead(std::min(m_options.value(QStringLiteral("layer")).toInt(), g.layers - 1),
                              std::min(m_options.value(QStringLiteral("head")).toInt(), g.heads - 1));
        const int last = int(g.tokens.size()) - 1;
        m_panel->setCurrentToken(
            std::min(last, m_options.value(QStringLiteral("token")).toInt(std::max(0, g.promptLength - 1))));
        markReady();
    });
}

void GenerateLessonStep::apply(const QJsonObject& options)
{
    m_options = options;
    markBusy();
    m_panel->setModelFiles(
        checkpointIn(lessonPath(options.value(QStringLiteral("model")).toString(QStringLiteral("models/stories260K")))));
    m_panel->setPrompt(options.value(QStringLiteral("prompt")).toString(QStringLiteral("Once upon a time")));
    m_panel->setDecoding(options.value(QStringLiteral("steps")).toInt(20), 0.0, 0);
    m_panel->generate();
}

QWidget* GenerateLessonStep::mainView()
{
    return m_panel->heatmap();
}

CompareLessonStep::CompareLessonStep(QWidget* parent)
    : LessonStepView(parent), m_panel(hostPanel(this, new ComparePanel))
{
    connect(m_panel, &ComparePanel::finished, this, &CompareLessonStep::markReady);
}

void CompareLessonStep::apply(const QJsonObject& options)
{
    markBusy();
    const QString text = options.value(QStringLiteral("text")).toString();
    m_panel->showSentence(text.isEmpty() ? defaultCompareSentence() : text);
}

QWidget* CompareLessonStep::mainView()
{
    return m_panel->view();
}

LabLessonStep::LabLessonStep(bool rules, QWidget* parent)
    : LessonStepView(parent), m_panel(hostPanel(this, new LabPanel)), m_rules(rules)
{
}

void LabLessonStep::apply(const QJsonObject& options)
{
    if (m_rules) {
        // Rule 3 (Q, K and V from one input by three projections) is the lab's self-attention example; rules 1
        // and 2 are shown beside rule 3 in the lab's course-rules example (the notes' three rules side by side).
        m_panel->loadExample(options.value(QStringLiteral("rule")).toInt(3) == 3 ? 1 : 2);
        markReady();
        return;
    }
    const int example = LabPanel::exampleIds().indexOf(options.value(QStringLiteral("example")).toString("vectors"));
    m_panel->loadExample(std::max(0, example));
    if (options.contains(QStringLiteral("query")) || options.contains(QStringLiteral("keys"))) {
        // A teacher's own vectors replace the example's (the keys are also the values).
        LabVectors v = m_panel->lab()->vectors();
        if (options.contains(QStringLiteral("query"))) {
            const QJsonArray q = options.value(QStringLiteral("query")).toArray();
            v.query.resize(q.size());
            for (int i = 0; i < q.size(); ++i) {
                v.query(i) = q[i].toDouble();
            }
        }
        if (options.contains(QStringLiteral("keys"))) {
            const QJsonArray rows = options.value(QStringLiteral("keys")).toArray();
            const int cols = rows.isEmpty() ? 0 : int(rows[0].toArray().size());
            v.keys.resize(rows.size(), cols);
            for (int r = 0; r < rows.size(); ++r) {
                for (int c = 0; c < cols; ++c) {
                    v.keys(r, c) = rows[r].toArray().at(c).toDouble();
                }
            }
            v.values.resize(0, 0);
            v.keyLabels.clear();
        }
        m_panel->lab()->setVectors(v);
    }
    const QStringList modes{QStringLiteral("soft"), QStringLiteral("hard"), QStringLiteral("sampled"),
                            QStringLiteral("local")};
    const int mode = modes.indexOf(options.value(QStringLiteral("mode")).toString(QStringLiteral("soft")));
    m_panel->modeCombo()->setCurrentIndex(std::max(0, mode));
    const double t = options.value(QStringLiteral("temperature")).toDouble(1.0);
    m_panel->temperatureSlider()->setValue(int(std::lround(std::log(t / 0.05) / std::log(400.0) * 100.0)));
    markReady();
}

QWidget* LabLessonStep::mainView()
{
    return m_panel->lab();
}

} // namespace attn
