#pragma once

#include "core/captionresult.h"
#include "views/imageoverlayview.h"
#include "views/presentable.h"

#include <QImage>
#include <QWidget>
#include <vector>

namespace attn {

// Every word of a caption with its attention over the image, in reading order, like the figures of Xu et al.
// 2015: one tile per word, the word and its gate beta under it; the first tile is the image itself. Clicking a
// tile selects its word. Presentable: the caption, words and betas at least a pixel size, the rows grown to fit.
class OverlayGridView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit OverlayGridView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    void setCaption(const CaptionResult& caption);
    void setStyle(const OverlayStyle& style);
    void setSelectedWord(int index);
    // 0 chooses the number of columns from the width.
    void setColumns(int columns);
    void setMinimumTextPixels(int px) override;

    int selectedWord() const { return m_selected; }
    int columnCount() const;
    // Tile of word index (-1 = the image tile), in widget coordinates.
    QRect tileRect(int index) const;
    bool exportTo(const QString& path, QString* error);

    QSize sizeHint() const override { return {900, 420}; }

Q_SIGNALS:
    void wordClicked(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuildLayers();
    int tileSide(int columns) const;
    // The distance from one tile to the next: the tile and a margin, or presenting, as much as the widest word needs
    // when the row has the room.
    int tilePitch(int columns, int side) const;
    // The fonts of the caption, the words and the betas, and the room they take.
    QFont titleFont() const;
    QFont wordFont() const;
    QFont betaFont() const;
    int titleHeight() const;
    int wordHeight() const;
    int labelHeight() const;

    QImage m_image;
    CaptionResult m_caption;
    OverlayStyle m_style;
    int m_selected = -1;
    int m_columns = 0;
    int m_minPx = 0;
    std::vector<QImage> m_layers; // per word
};

} // namespace attn
