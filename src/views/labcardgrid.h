#pragma once

#include "core/labexamples.h"
#include "core/scorerun.h"

#include <map>
#include <vector>

class QBoxLayout;
class QGridLayout;
class QWidget;

namespace attn {

class ScoreCard;

// The scoring lab's score cards, one per scoring function, in the lab's grid from its second column on: four to a
// row in two rows, or three to a row in three rows (larger text needs wider cards). The lab's left column stands in
// the grid's first column, or, in a narrow area, above the cards (its parts side by side) with the cards below.
class LabCardGrid
{
public:
    static constexpr int kCardsPerRow = 4;

    LabCardGrid(QGridLayout* grid, QWidget* parent);

    ScoreCard* card(ScoreFunction fn) const { return m_cards.at(fn); }
    const std::map<ScoreFunction, ScoreCard*>& cards() const { return m_cards; }
    void select(ScoreFunction fn);
    // Each run on its function's card, the keys named by the vectors' token labels (else k0, k1, ...) and, for local
    // attention, the window marked; with the notes on the numbers when params is given (null: the inputs are bad).
    void showRuns(const std::vector<ScoreRun>& runs, const LabVectors& vectors, NormaliserKind kind,
                  const NormaliserOptions& options, const ScoreParams* params);
    void setMinimumTextPixels(int px);
    // perRow 3 or 4; left: the lab's left column, placed beside or above the cards.
    void arrange(int perRow, QBoxLayout* left, bool leftAbove);

private:
    QGridLayout* m_grid;
    std::map<ScoreFunction, ScoreCard*> m_cards;
    int m_perRow = kCardsPerRow;
    bool m_leftAbove = false;
};

} // namespace attn
