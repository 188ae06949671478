#include "gui/wordviewtoggle.h"

#include "core/wordpieces.h"
#include "gui/jobrunner.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>

namespace attn {

namespace {

std::size_t weightCount(const std::shared_ptr<const AttentionSet>& set)
{
    std::size_t n = 0;
    if (set) {
        for (const auto& b : set->blocks) {
            n += b.weights.size();
        }
    }
    return n;
}

std::shared_ptr<const AttentionSet> mergedOrNull(const std::shared_ptr<const AttentionSet>& set)
{
    return set ? std::make_shared<const AttentionSet>(mergeWordPieces(*set)) : nullptr;
}

} // namespace

WordViewToggle::WordViewToggle(QFormLayout* layout, QWidget* parent) : QObject(parent)
{
    m_runner = new JobRunner(this);
    m_check = new QCheckBox(tr("merge each word's pieces"), parent);
    m_check->setObjectName(QStringLiteral("wordsCheck"));
    m_check->setToolTip(tr("Word view: a word's sub-word pieces (play ##ing, ▁un believ able) become one row and one "
                           "column. A word's row is the mean of its pieces' rows; its column is the sum of its "
                           "pieces' columns, so every row still sums to 1. Special tokens stay single; CJK "
                           "characters are words of their own."));
    auto* label = new QLabel(tr("&Words:"), parent);
    label->setBuddy(m_check);
    m_label = label;
    layout->addRow(label, m_check);
    m_check->setVisible(false);
    m_label->setVisible(false);
    connect(m_check, &QCheckBox::toggled, this, [this] {
        if (!m_available) {
            return;
        }
        if (wantsWords() && !m_merged) {
            merge(/*notify=*/true); // changed() follows, at once or when the words are ready
        } else {
            Q_EMIT changed();
        }
    });
}

WordViewToggle::~WordViewToggle() = default;

void WordViewToggle::setRun(const AttentionSet& set, const AttentionSet& second)
{
    m_set = std::make_shared<const AttentionSet>(set);
    m_second = second.blocks.empty() ? nullptr : std::make_shared<const AttentionSet>(second);
    m_mergedSet.reset();
    m_mergedSecond.reset();
    m_merged = false;
    m_runner->cancel();
    m_available = hasWordPieces(set) || hasWordPieces(second);
    // setVisible on widgets of a panel not yet shown is remembered, not applied: isVisibleTo tells tests.
    m_check->setVisible(m_available);
    m_label->setVisible(m_available);
    if (wantsWords()) {
        merge(/*notify=*/false); // the panel shows the run next
    }
}

void WordViewToggle::merge(bool notify)
{
    const auto set = m_set;
    const auto second = m_second;
    if (weightCount(set) + weightCount(second) <= kSyncWeights) {
        m_mergedSet = mergedOrNull(set);
        m_mergedSecond = mergedOrNull(second);
        m_merged = true;
        if (notify) {
            Q_EMIT changed();
        }
        return;
    }
    m_runner->start(tr("Merging pieces into words"), [this, set, second](JobContext&) -> JobRunner::Delivery {
        auto words = mergedOrNull(set);
        auto wordsSecond = mergedOrNull(second);
        return [this, set, words, wordsSecond] {
            if (set != m_set) {
                return; // a newer run came meanwhile
            }
            m_mergedSet = words;
            m_mergedSecond = wordsSecond;
            m_merged = true;
            Q_EMIT changed();
        };
    });
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
    return wantsWords() && m_merged ? m_mergedSet : m_set;
}

std::shared_ptr<const AttentionSet> WordViewToggle::shownSecond() const
{
    return wantsWords() && m_merged ? m_mergedSecond : m_second;
}

void WordViewToggle::waitForIdle()
{
    m_runner->waitForIdle();
}

} // namespace attn
