#pragma once

#include "views/matrixreducer.h"

#include <QFont>
#include <QStringList>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPItemText;

namespace attn {

// What the heatmap's labels are made from.
struct HeatmapLabelInput
{
    const std::vector<float>* values = nullptr; // (rows, cols) row-major
    int rows = 0;
    int cols = 0;
    QStringList rowLabels; // may be empty: indices are shown instead
    QStringList colLabels;
    MatrixRegion region; // the cells in view
    int minPx = 0;
    bool showValues = true;
};

// The heatmap's text: token labels on the axes (thinned so they never overlap, those of the cells in view) and the
// values printed in cells big enough for them, black or white by the cell's colour.
class HeatmapLabels
{
public:
    HeatmapLabels(QCustomPlot* plot, QCPColorMap* map, QCPColorScale* scale);

    void rebuildTicks(const HeatmapLabelInput& in);
    void rebuildCellTexts(const HeatmapLabelInput& in);
    // The labels changed (the same list's address may come back with other labels).
    void forgetWidest();

private:
    // The widest label of a range, kept while the labels, the range and the font stay (measuring the thousands of a
    // long sequence at every layout cost milliseconds).
    struct Widest
    {
        const QString* labels = nullptr;
        qsizetype count = -1;
        int from = -1;
        int to = -1;
        QString font;
        QString label;
    };
    static QString widestOf(Widest& cache, const QStringList& labels, int from, int to, const QFont& font);
    // Pads the axes so that their margins are those of the widest labels in view, whichever are shown.
    void padToWidestLabels(const HeatmapLabelInput& in, const QStringList& rowsShown, const QStringList& colsShown);
    // Sets the colour scale's tick count, padded to the widest numbers any count (1 to 5) would show.
    void setScaleTickCount(int count);

    QCustomPlot* m_plot;
    QCPColorMap* m_map;
    QCPColorScale* m_scale;
    std::vector<QCPItemText*> m_cellTexts;
    int m_rowPadding = 0; // the axes' own padding, before padToWidestLabels adds to it
    int m_colPadding = 0;
    int m_scalePadding = 0;
    Widest m_widestRow;
    Widest m_widestCol;
};

} // namespace attn
