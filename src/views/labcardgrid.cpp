#include "views/labcardgrid.h"

#include "views/labnotes.h"
#include "views/scorecard.h"

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

void LabCardGrid::setThreePerRow(bool three)
{
    if (three == m_threePerRow) {
        return;
    }
    m_threePerRow = three;
    const auto& all = allScoreFunctions();
    for (ScoreFunction fn : all) {
        m_grid->removeWidget(m_cards.at(fn));
    }
    const int perRow = three ? 3 : kCardsPerRow;
    for (int slot = 0; slot < int(all.size()); ++slot) {
        m_grid->addWidget(m_cards.at(all[std::size_t(slot)]), slot / perRow, 1 + slot % perRow);
    }
    for (int c = 1; c <= kCardsPerRow; ++c) {
        m_grid->setColumnStretch(c, c <= perRow ? 4 : 0);
    }
    m_grid->setRowStretch(2, three ? 1 : 0);
}

} // namespace attn
