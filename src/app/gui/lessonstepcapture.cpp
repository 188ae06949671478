#include "gui/lessonstepcapture.h"

#include "core/lessonpanels.h"
#include "gui/comparepanel.h"
#include "gui/generatepanel.h"
#include "gui/imagepanel.h"
#include "gui/labpanel.h"
#include "gui/language.h"
#include "gui/modelfolders.h"
#include "gui/textpanel.h"
#include "gui/textsession.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSlider>
#include <cmath>

namespace attn {

namespace {

// A step of panel id whose options are added through put(), which keeps only values the lesson format accepts.
class StepBuilder
{
public:
    explicit StepBuilder(const QString& panel) : m_spec(findLessonPanel(panel)) { m_step.panel = panel; }

    void put(const QString& key, const QJsonValue& value)
    {
        const LessonOptionSpec* option = m_spec ? findLessonOption(*m_spec, key) : nullptr;
        if (option && checkOptionValue(*option, value).isEmpty()) {
            m_step.options.insert(key, value);
        }
    }

    // The default title: the panel's title and what it shows, in the interface's language (the other language
    // is left for the teacher; a lesson shows the one it has).
    LessonStep done(const QString& panelTitle, const QString& what)
    {
        QString title = panelTitle;
        if (!what.trimmed().isEmpty()) {
            title = QCoreApplication::translate("attn::LessonStepCapture", "%1: %2")
                        .arg(panelTitle, elided(what.simplified()));
        }
        (currentLanguage().startsWith(QLatin1String("zh")) ? m_step.title.zh : m_step.title.en) = title;
        return m_step;
    }

private:
    static QString elided(const QString& text)
    {
        constexpr int kMaxChars = 60;
        return text.size() <= kMaxChars ? text : text.left(kMaxChars - 1) + QChar(0x2026);
    }

    const LessonPanelSpec* m_spec;
    LessonStep m_step;
};

QString quoted(const QString& text)
{
    return QCoreApplication::translate("attn::LessonStepCapture", "“%1”").arg(text);
}

} // namespace

QString lessonRelativePath(const QString& path)
{
    if (path.startsWith(QLatin1String(":/"))) {
        return QStringLiteral("resources/") + path.mid(2);
    }
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    const QString root = QFileInfo(modelsDirectory()).absolutePath();
    const QString relative = QDir(root).relativeFilePath(absolute);
    if (relative.startsWith(QLatin1String("..")) || QFileInfo(relative).isAbsolute()) {
        return absolute;
    }
    return relative;
}

std::optional<LessonStep> captureLessonStep(const TextPanel& panel)
{
    const QString model = panel.session()->modelPath();
    if (model.isEmpty()) {
        return std::nullopt; // an attention file shown without its model: a lesson could not run it again
    }
    StepBuilder step(QStringLiteral("text"));
    step.put(QStringLiteral("model"), lessonRelativePath(model));
    step.put(QStringLiteral("text"), panel.sentence());
    if (!panel.secondSentence().isEmpty()) {
        step.put(QStringLiteral("second"), panel.secondSentence());
    }
    const QStringList views{QStringLiteral("head"), QStringLiteral("matrix"), QStringLiteral("model"),
                            QStringLiteral("compare")};
    if (panel.currentView() < views.size()) { // the statistics tab has no lesson view: the step opens on the head
        step.put(QStringLiteral("view"), views.at(int(panel.currentView())));
    }
    const AttentionSelection selection = panel.selection();
    step.put(QStringLiteral("kind"), selection.kind);
    step.put(QStringLiteral("layer"), selection.layer);
    step.put(QStringLiteral("head"), selection.head);
    step.put(QStringLiteral("select"), panel.selectedToken());
    return step.done(panel.title(), quoted(panel.sentence()));
}

std::optional<LessonStep> captureLessonStep(const ImagePanel& panel)
{
    const QString image = panel.session().outcome().source;
    if (image.isEmpty() || !QFileInfo(image).isFile()) {
        return std::nullopt; // nothing captioned yet, or a dropped or pasted picture that is not a file
    }
    StepBuilder step(QStringLiteral("image"));
    const QString model = panel.session().modelDir();
    if (!model.isEmpty()) {
        step.put(QStringLiteral("model"), lessonRelativePath(model));
    }
    step.put(QStringLiteral("image"), lessonRelativePath(image));
    const QStringList words = panel.caption().words;
    const int word = panel.selectedWord();
    QString shown = QFileInfo(image).completeBaseName();
    if (word >= 0 && word < words.size()) {
        // The word itself reads better in the file; its position when it also occurs earlier in the caption.
        step.put(QStringLiteral("word"),
                 words.indexOf(words.at(word)) == word ? QJsonValue(words.at(word)) : QJsonValue(word));
        shown = QCoreApplication::translate("attn::LessonStepCapture", "%1, “%2”").arg(shown, words.at(word));
    }
    return step.done(panel.title(), shown);
}

std::optional<LessonStep> captureLessonStep(const GeneratePanel& panel)
{
    const GeneratePanel::Choices choices = panel.choices();
    if (choices.checkpoint.isEmpty()) {
        return std::nullopt;
    }
    StepBuilder step(QStringLiteral("generate"));
    step.put(QStringLiteral("model"), lessonRelativePath(choices.checkpoint));
    step.put(QStringLiteral("prompt"), choices.prompt);
    step.put(QStringLiteral("steps"), choices.steps);
    if (panel.currentToken() >= 0) {
        step.put(QStringLiteral("token"), panel.currentToken());
    }
    step.put(QStringLiteral("layer"), choices.layer);
    step.put(QStringLiteral("head"), choices.head); // the mean of heads (-1) has no option: the step shows head 0
    return step.done(panel.title(), quoted(choices.prompt));
}

std::optional<LessonStep> captureLessonStep(const LabPanel& panel)
{
    const int example = panel.exampleCombo()->currentIndex();
    if (example < 0 || example >= LabPanel::exampleIds().size()) {
        return std::nullopt; // a trained model's vectors: the lesson format has no option for them
    }
    StepBuilder step(QStringLiteral("scoring-lab"));
    step.put(QStringLiteral("example"), LabPanel::exampleIds().at(example));
    const QStringList modes{QStringLiteral("soft"), QStringLiteral("hard"), QStringLiteral("sampled"),
                            QStringLiteral("local")};
    step.put(QStringLiteral("mode"), modes.value(panel.modeCombo()->currentIndex(), modes.first()));
    // Three significant digits: the slider's positions are 6 % apart, so the step reopens on the same position.
    const double t = LabPanel::temperatureForSlider(panel.temperatureSlider()->value());
    step.put(QStringLiteral("temperature"), QString::number(t, 'g', 3).toDouble());
    return step.done(panel.title(), panel.exampleCombo()->currentText());
}

std::optional<LessonStep> captureLessonStep(const ComparePanel& panel)
{
    StepBuilder step(QStringLiteral("seq2seq-compare"));
    step.put(QStringLiteral("text"), panel.sentence());
    return step.done(panel.title(), quoted(panel.sentence()));
}

} // namespace attn
