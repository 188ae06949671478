#include "gui/wordviewtoggle.h"

#include "core/wordpieces.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>

namespace attn {

WordViewToggle::WordViewToggle(QFormLayout* layout, QWidget* parent) : QObject(parent)
{
    m_check = new QCheckBox(tr("merge each word's pieces"), parent);
    m_check->setObjectName(QStringLiteral("wordsCheck"));
    m_check->setToolTip(tr("Word view: a word's sub-word pieces (play ##ing, Ġun believ able, ▁un believ able) become "
                           "one row and one column. A word's row is the mean of its pieces' rows; its column is the "
                           "sum of its pieces' columns, so every row still sums to 1. Special tokens stay single; "
                           "CJK characters are words of their own."));
    auto* label = new QLabel(tr("&Words:"), parent);
    label->setBuddy(m_check);
    m_label = label;
    layout->addRow(label, m_check);
    m_check->setVisible(false);
    m_label->setVisible(false);
    connect(m_check, &QCheckBox::toggled, this, [this](bool on) {
        if (m_available) {
            Q_EMIT toggled(on);
        }
    });
}

void WordViewToggle::setRun(const AttentionSet& set, const AttentionSet& second)
{
    m_set = set;
    m_second = second;
    m_available = hasWordPieces(set) || hasWordPieces(second);
    // setVisible on widgets of a panel not yet shown is remembered, not applied: isVisibleTo tells tests.
    m_check->setVisible(m_available);
    m_label->setVisible(m_available);
}

bool WordViewToggle::isOn() const
{
    return m_check->isChecked();
}

void WordViewToggle::setOn(bool on)
{
    m_check->setChecked(on);
}

AttentionSet WordViewToggle::shown() const
{
    return m_available && isOn() ? mergeWordPieces(m_set) : m_set;
}

AttentionSet WordViewToggle::shownSecond() const
{
    return m_available && isOn() ? mergeWordPieces(m_second) : m_second;
}

} // namespace attn
