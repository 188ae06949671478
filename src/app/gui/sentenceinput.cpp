#include "gui/sentenceinput.h"

#include "gui/modelfolders.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>

#include <vector>

namespace attn {

namespace {

constexpr int kHistorySize = 20;

} // namespace

SentenceInput::SentenceInput(QComboBox* sentence, QLineEdit* second, QListWidget* examples, QObject* parent)
    : QObject(parent), m_sentence(sentence), m_second(second), m_examples(examples)
{
    fillExamples();
    m_examples->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_sentence->lineEdit(), &QLineEdit::returnPressed, this, &SentenceInput::runRequested);
    connect(m_second, &QLineEdit::returnPressed, this, &SentenceInput::runRequested);
    connect(m_examples, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        setSentences(item->text(), item->data(Qt::UserRole).toString());
        Q_EMIT runRequested();
    });
}

void SentenceInput::fillExamples()
{
    struct Example
    {
        QString text;
        QString second;
        QString tip;
    };
    const std::vector<Example> examples = {
        {canonicalSentence(), canonicalSecondSentence(),
         tr("The Tensor2Tensor pair: 'it' is the animal when tired, the street when wide")},
        {canonicalSecondSentence(), canonicalSentence(), tr("The other half of the pair")},
        {QStringLiteral("The dog didn't overtake the cow because it was too slow."),
         QStringLiteral("The dog didn't overtake the cow because it was too fast."),
         tr("Two animals of different genders: only the referent decides 'il' or 'elle'")},
        {QStringLiteral("The black cat sat on the red mat."), QString(),
         tr("Reordering: French puts these adjectives after the noun (see the cross-attention)")},
        {QStringLiteral("The agreement on the European Economic Area was signed in August 1992."), QString(),
         tr("Reordering of a noun phrase, as in Bahdanau et al. 2015")},
        {QStringLiteral("The animal that the farmer found near the old bridge early this morning didn't cross the "
                        "wide and busy street because it was too tired after the long walk from the hills."),
         QString(), tr("A long sentence: labels shrink, then the view scrolls")},
    };
    for (const auto& e : examples) {
        auto* item = new QListWidgetItem(e.text, m_examples);
        item->setData(Qt::UserRole, e.second);
        item->setToolTip(e.tip);
    }
}

QString SentenceInput::sentence() const
{
    return m_sentence->currentText().trimmed();
}

QString SentenceInput::secondSentence() const
{
    return m_second->text().trimmed();
}

void SentenceInput::setSentences(const QString& text, const QString& second)
{
    m_sentence->setCurrentText(text);
    m_second->setText(second);
    m_sentence->lineEdit()->setCursorPosition(0);
    m_second->setCursorPosition(0);
}

QStringList SentenceInput::history() const
{
    QStringList out;
    for (int i = 0; i < m_sentence->count(); ++i) {
        out << m_sentence->itemText(i);
    }
    return out;
}

void SentenceInput::setHistory(const QStringList& history)
{
    const QSignalBlocker blocker(m_sentence);
    const QString current = m_sentence->currentText();
    m_sentence->clear();
    m_sentence->addItems(history.mid(0, kHistorySize));
    m_sentence->setCurrentText(current);
}

void SentenceInput::remember(const QString& text)
{
    const QSignalBlocker blocker(m_sentence);
    const int existing = m_sentence->findText(text);
    if (existing >= 0) {
        m_sentence->removeItem(existing);
    }
    m_sentence->insertItem(0, text);
    while (m_sentence->count() > kHistorySize) {
        m_sentence->removeItem(m_sentence->count() - 1);
    }
    m_sentence->setCurrentIndex(0);
}

} // namespace attn
