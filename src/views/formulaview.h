#pragma once

#include "core/formula.h"
#include "views/formulalayout.h"
#include "views/presentable.h"

#include <QColor>
#include <QWidget>

namespace attn {

// Draws a formula (a lesson step's, in the notation of core/formula.h) as printed maths: fractions, scripts,
// roots, sums, brackets, Greek letters. A formula wider than the widget breaks at its \quad spaces onto more
// lines. The widget is transparent: it draws on its parent's background, in textColor().
class FormulaView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit FormulaView(QWidget* parent = nullptr);

    void setFormula(const FormulaNode& root);
    // Parses source and shows what parsed; returns false (and keeps the message in errorMessage()) on an error.
    bool setSource(const QString& source);
    const FormulaNode& formula() const { return m_root; }
    const QString& errorMessage() const { return m_error; }
    // The formula as one line of plain text (accessibility, tests).
    QString plainText() const;

    // Main text size; scripts are 0.7 of it but never below minimumPixelSize (presentation mode sets both).
    void setFontPixelSize(int px);
    int fontPixelSize() const { return m_px; }
    void setMinimumPixelSize(int px);
    int minimumPixelSize() const { return m_minPx; }
    // Presentable: no text below px, the letters 1.3 times that (0: back to the sizes set above).
    void setMinimumTextPixels(int px) override;
    // The smallest text the current formula paints, in pixels (0 when empty).
    double smallestPaintedPixelSize() const;
    void setTextColor(const QColor& color);
    QColor textColor() const { return m_color; }
    void setAlignment(Qt::Alignment alignment);

    // The narrowest width that shows the formula whole: its widest line when broken at every \quad (and comma).
    int narrowestWidth() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    FormulaLayout::Box layoutFor(int width) const;
    void relayout();

    FormulaNode m_root;
    QString m_error;
    int m_px = 22;
    int m_minPx = 0;
    int m_presentPx = 0; // from setMinimumTextPixels
    QColor m_color = QColor(25, 25, 25);
    Qt::Alignment m_alignment = Qt::AlignLeft | Qt::AlignVCenter;
};

} // namespace attn
