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
    m_set = std::make_shared<const AttentionSet>(set);
    m_second = second.blocks.empty() ? nullptr : std::make_shared<const AttentionSet>(second);
    m_mergedSet.reset();
    m_mergedSecond.reset();
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

std::shared_ptr<const AttentionSet> WordViewToggle::shown() const
{
    if (!m_available || !isOn() || !m_set) {
        return m_set;
    }
    if (!m_mergedSet) {
        m_mergedSet = std::make_shared<const AttentionSet>(mergeWordPieces(*m_set));
    }
    return m_mergedSet;
}

std::shared_ptr<const AttentionSet> WordViewToggle::shownSecond() const
{
    if (!m_available || !isOn() || !m_second) {
        return m_second;
    }
    if (!m_mergedSecond) {
        m_mergedSecond = std::make_shared<const AttentionSet>(mergeWordPieces(*m_second));
    }
    return m_mergedSecond;
}

} // namespace attn
