#include "views/labcardgrid.h"

#include "views/labnotes.h"
#include "views/scorecard.h"

#include <QBoxLayout>
#include <QGridLayout>

namespace attn {

namespace {

// Local attention's window over n keys (empty for the other normalisers).
std::vector<bool> windowFlags(NormaliserKind kind, const NormaliserOptions& options, int n)
{
    if (kind != NormaliserKind::Local || n == 0) {
        return {};
    }
    const auto [lo, hi] = localWindow(options, n);
    std::vector<bool> flags(std::size_t(n), false);
    for (int i = lo; i <= hi; ++i) {
        flags[std::size_t(i)] = true;
    }
    return flags;
}

} // namespace

LabCardGrid::LabCardGrid(QGridLayout* grid, QWidget* parent) : m_grid(grid)
{
    int slot = 0;
    for (ScoreFunction fn : allScoreFunctions()) {
        auto* card = new ScoreCard(fn, parent);
        m_cards[fn] = card;
        grid->addWidget(card, slot / kCardsPerRow, 1 + slot % kCardsPerRow);
        ++slot;
    }
    for (int c = 1; c <= kCardsPerRow; ++c) {
        grid->setColumnStretch(c, 4);
    }
    for (int r = 0; r < 3; ++r) {
        grid->setRowStretch(r, r < 2 ? 1 : 0);
    }
}

void LabCardGrid::select(ScoreFunction fn)
{
    for (auto& [f, card] : m_cards) {
        card->setSelected(f == fn);
    }
}

void LabCardGrid::showRuns(const std::vector<ScoreRun>& runs, const LabVectors& vectors, NormaliserKind kind,
                           const NormaliserOptions& options, const ScoreParams* params)
{
    const int n = runs.empty() ? 0 : int(runs.front().weights.size());
    QStringList labels = vectors.keyLabels;
    if (labels.size() != n) {
        labels.clear();
        for (int i = 0; i < n; ++i) {
            labels << QStringLiteral("k%1").arg(i);
        }
    }
    const std::vector<bool> window = windowFlags(kind, options, n);
    for (const ScoreRun& run : runs) {
        ScoreCard* card = m_cards.at(run.function);
        card->setResult(run.scores, run.weights, run.context, labels, window);
        card->setNotes(params ? labNotes(run, vectors, kind, options, params) : QStringList());
    }
}

void LabCardGrid::setMinimumTextPixels(int px)
{
    for (auto& [fn, card] : m_cards) {
        card->setMinimumTextPixels(px);
    }
}

void LabCardGrid::arrange(int perRow, QBoxLayout* left, bool leftAbove)
{
    if (perRow == m_perRow && leftAbove == m_leftAbove) {
        return;
    }
    m_perRow = perRow;
    if (leftAbove != m_leftAbove) {
        m_leftAbove = leftAbove;
        m_grid->removeItem(left);
        if (leftAbove) {
            m_grid->addLayout(left, 0, 1, 1, kCardsPerRow);
        } else {
            m_grid->addLayout(left, 0, 0, 3, 1);
        }
        left->setDirection(leftAbove ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
        m_grid->setColumnStretch(0, leftAbove ? 0 : 9);
    }
    // Above the cards, the plane's row takes what the cards leave: shorter cards (their last keys counted as "+n more")
    // give the plane room for its arrows' labels.
    for (auto& [fn, card] : m_cards) {
        card->setMinimumHeight(leftAbove ? 200 : 0);
    }
    const int firstRow = leftAbove ? 1 : 0;
    const auto& all = allScoreFunctions();
    for (ScoreFunction fn : all) {
        m_grid->removeWidget(m_cards.at(fn));
    }
    for (int slot = 0; slot < int(all.size()); ++slot) {
        m_grid->addWidget(m_cards.at(all[std::size_t(slot)]), firstRow + slot / perRow, 1 + slot % perRow);
    }
    for (int c = 1; c <= kCardsPerRow; ++c) {
        m_grid->setColumnStretch(c, c <= perRow ? 4 : 0);
    }
    const int rows = (int(all.size()) + perRow - 1) / perRow;
    for (int r = 0; r < 4; ++r) {
        m_grid->setRowStretch(r, r < firstRow || r >= firstRow + rows ? 0 : 1);
    }
    if (leftAbove) {
        m_grid->setRowStretch(0, 1);
    }
}

} // namespace attn
