#include "gui/lessonstepform.h"

#include "ui_lessonstepform.h"
#include "views/formulaview.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace attn {

namespace {

QString textOf(const QWidget* w)
{
    if (auto* line = qobject_cast<const QLineEdit*>(w)) {
        return line->text();
    }
    return qobject_cast<const QPlainTextEdit*>(w)->toPlainText();
}

void setTextOf(QWidget* w, const QString& text)
{
    if (auto* line = qobject_cast<QLineEdit*>(w)) {
        line->setText(text);
        line->setCursorPosition(0);
    } else {
        qobject_cast<QPlainTextEdit*>(w)->setPlainText(text);
    }
}

// "model "models/coref-en-fr", text "The animal…", layer 2": one line that can wrap between options.
QString optionsText(const QJsonObject& options)
{
    QStringList parts;
    for (auto it = options.begin(); it != options.end(); ++it) {
        const QJsonValue v = it.value();
        const QString value = v.isString()   ? QStringLiteral("\"%1\"").arg(v.toString())
                              : v.isDouble() ? QString::number(v.toDouble())
                              : v.isBool()
                                  ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                  : QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        parts << it.key() + QLatin1Char(' ') + value;
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

LessonStepForm::LessonStepForm(QWidget* parent) : QGroupBox(parent), ui(std::make_unique<Ui::LessonStepForm>())
{
    ui->setupUi(this);
    m_preview = new FormulaView(ui->formulaHost);
    m_preview->setObjectName(QStringLiteral("formulaPreview"));
    ui->formulaHost->layout()->addWidget(m_preview);
    ui->formulaError->setStyleSheet(QStringLiteral("QLabel { color: #a31515; }"));
    // The explanation has room for its two to five sentences; a question or an answer for one or two.
    const int line = fontMetrics().lineSpacing();
    ui->textEn->setMinimumHeight(5 * line);
    ui->textZh->setMinimumHeight(5 * line);
    for (QPlainTextEdit* edit : {ui->questionEn, ui->questionZh, ui->answerEn, ui->answerZh}) {
        edit->setFixedHeight(4 * line + 2 * edit->frameWidth() + 8);
    }
    m_fields = {{ui->titleEn, ui->titleZh, &LessonStep::title},
                {ui->textEn, ui->textZh, &LessonStep::text},
                {ui->formulaEn, ui->formulaZh, &LessonStep::formula},
                {ui->questionEn, ui->questionZh, &LessonStep::question},
                {ui->answerEn, ui->answerZh, &LessonStep::answer}};
    for (const Field& f : m_fields) {
        for (QWidget* w : {f.en, f.zh}) {
            if (auto* line = qobject_cast<QLineEdit*>(w)) {
                connect(line, &QLineEdit::textChanged, this, [this, f] { fieldEdited(f); });
            } else if (auto* text = qobject_cast<QPlainTextEdit*>(w)) {
                connect(text, &QPlainTextEdit::textChanged, this, [this, f] { fieldEdited(f); });
            }
        }
    }
    connect(ui->formulaEn, &QLineEdit::textChanged, this, [this] { updatePreview(false); });
    connect(ui->formulaZh, &QLineEdit::textChanged, this, [this] { updatePreview(true); });
    setStep(nullptr, -1);
}

LessonStepForm::~LessonStepForm() = default;

void LessonStepForm::setStep(const LessonStep* step, int index)
{
    m_step = step ? *step : LessonStep{};
    m_hasStep = step != nullptr;
    setEnabled(step != nullptr);
    setTitle(step ? tr("Step %1").arg(index) : tr("Step"));
    m_filling = true;
    for (const Field& f : m_fields) {
        setTextOf(f.en, (m_step.*f.text).en);
        setTextOf(f.zh, (m_step.*f.text).zh);
    }
    m_filling = false;
    ui->viewSummary->setText(
        step ? tr("%1: %2").arg(m_step.panel, optionsText(m_step.options))
             : tr("No step: open a view in the main window and choose Lessons > Add this view as a step."));
    updatePreview(false);
}

void LessonStepForm::fieldEdited(const Field& field)
{
    if (m_filling || !m_hasStep) {
        return;
    }
    LessonText& text = m_step.*field.text;
    text.en = textOf(field.en);
    text.zh = textOf(field.zh);
    Q_EMIT edited();
}

void LessonStepForm::updatePreview(bool chinese)
{
    // The Chinese formula while it is the one being typed; an empty Chinese formula is the English one.
    const QString zh = ui->formulaZh->text();
    const bool showZh = chinese && !zh.isEmpty();
    const QString source = showZh ? zh : ui->formulaEn->text();
    const bool ok = m_preview->setSource(source);
    m_preview->setVisible(!source.trimmed().isEmpty());
    ui->formulaError->setText(
        ok ? QString() : tr("Formula (%1): %2").arg(showZh ? tr("Chinese") : tr("English"), m_preview->errorMessage()));
    ui->formulaError->setVisible(!ok);
}

} // namespace attn
