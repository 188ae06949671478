#include "gui/comparepanel.h"

#include "engine/textmodel.h"
#include "gui/scorescompare.h"
#include "views/exporter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShowEvent>
#include <QVBoxLayout>

namespace attn {

ComparePanel::ComparePanel(QWidget* parent) : Panel(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    auto* label = new QLabel(tr("&English sentence:"), this);
    m_text = new QLineEdit(this);
    label->setBuddy(m_text);
    m_run = new QPushButton(tr("&Translate and align"), this);
    QFont big = m_text->font();
    big.setPixelSize(16);
    m_text->setFont(big);
    row->addWidget(label);
    row->addWidget(m_text, 1);
    row->addWidget(m_run);
    layout->addLayout(row);
    m_view = new ScoresCompareView(this);
    layout->addWidget(m_view, 1);
    m_modelsDir = findSeq2SeqModelsDir();

    connect(m_run, &QPushButton::clicked, this, [this] { showSentence(m_text->text()); });
    connect(m_text, &QLineEdit::returnPressed, this, [this] { showSentence(m_text->text()); });
    connect(&m_runner, &JobRunner::failed, this, [this](const QString& message) {
        m_view->setMessage(tr("Cannot compare: %1").arg(message));
        Q_EMIT errorOccurred(message);
        Q_EMIT finished();
    });
    m_text->setText(defaultCompareSentence());
    m_view->setMessage(tr("Press “Translate and align” to run the trained models on the sentence."));
}

ComparePanel::~ComparePanel() = default;

QString ComparePanel::title() const
{
    return tr("Trained scoring functions");
}

bool ComparePanel::exportView(const QString& path, QString* error)
{
    return exportWidget(m_view, path, error);
}

void ComparePanel::setColorMap(ColorMap map)
{
    m_view->setColorMap(map);
}

QString ComparePanel::sentence() const
{
    return m_text->text().trimmed();
}

void ComparePanel::showEvent(QShowEvent* event)
{
    Panel::showEvent(event);
    if (!m_shownOnce) {
        m_shownOnce = true;
        showSentence(m_text->text());
    }
}

void ComparePanel::showSentence(const QString& text)
{
    m_text->setText(text);
    Q_EMIT statusMessage(tr("Running the trained models…"));
    const QString dir = m_modelsDir;
    m_runner.start(tr("Running the trained models"), [this, dir, text](JobContext&) -> JobRunner::Delivery {
        auto data = std::make_shared<ScoresCompareData>(computeScoresCompare(dir, text)); // throws ModelError
        return [this, data] {
            m_view->setData(*data);
            Q_EMIT statusMessage(QString());
            Q_EMIT finished();
        };
    });
}

} // namespace attn
