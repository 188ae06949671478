#pragma once

#include "views/scorescompareview.h"

#include <QColor>
#include <QTableWidget>
#include <vector>

namespace attn {

// A compared model's colour (its scoring function's; olive for the course notes' rule 1, near-black for none), and
// as text: presenting, darkened to 4.5:1 even on the table's grid lines (#c7c7c7), which large text at 720p touches.
QColor comparedModelColour(const QString& score);
QColor comparedModelTextColour(const QString& score, int px);

// The compare view's table of held-out accuracies, one row per model: exact match, token accuracy, by sentence length
// and by word order. Presenting, the overall figures only (the plot beside has them by length), the models in two
// halves side by side and every row in view at the larger size; in a narrow view, token accuracy alone (the exact
// match columns hidden), so that the plot beside keeps room to be read.
class ScoresCompareTable : public QTableWidget
{
public:
    explicit ScoresCompareTable(QWidget* parent = nullptr);

    void setModels(const std::vector<ComparedModel>& models);
    // Fills the table again for the size (0: normal).
    void setMinimumTextPixels(int px);
    // Presenting: hides the exact-match columns (a narrow view); no effect on the normal table.
    void setNarrow(bool narrow);

private:
    void fill();

    std::vector<ComparedModel> m_models;
    int m_minPx = 0;
    int m_normalMinSection = 0;
    bool m_narrow = false;
};

} // namespace attn
