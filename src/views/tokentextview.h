#pragma once

#include "core/attentionset.h"
#include "views/presentable.h"

#include <QStringList>
#include <QWidget>
#include <functional>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QSlider;

namespace attn {

class AttentionSource;
class TokenTextCanvas;

// The token text view (as in CircuitsVis): the text flows as paragraphs; hover or click a token and every other
// token is shaded by its attention from (or to) that token, for one head or aggregated. A slider keeps only the
// top tokens that together hold a share of the mass. Readable and quick at any length: one row or column of
// weights is fetched per focus, and only the lines in sight are painted. For self-attention (queries = keys).
// Presentable: the text and the controls at least a pixel size; shaded text is black or white at 4.5:1.
class TokenTextView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    enum class Direction
    {
        From, // where the token looks: its row
        To    // who looks at it: its column
    };
    // One weight per token for a focused token, a direction and a head (-1: the aggregate).
    using WeightProvider = std::function<std::vector<float>(int token, Direction direction, int head)>;

    explicit TokenTextView(QWidget* parent = nullptr);
    ~TokenTextView() override;

    void setTokens(const QStringList& tokens);
    // Heads the user can pick besides the aggregate, and what the aggregate is called.
    void setProvider(WeightProvider provider, const QStringList& headNames, const QString& aggregateName = {});
    // Conveniences: the heads of one layer of a block (layer -1: the mean over every layer and head).
    void setBlock(std::shared_ptr<const AttentionBlock> block, int layer);
    // The same over a lazy source: a head is read once while it is shown, the aggregate once per layer.
    void setSource(std::shared_ptr<const AttentionSource> source, int block, int layer);
    void clear();

    void setHead(int head); // -1: the aggregate
    int head() const;
    void setDirection(Direction direction);
    Direction direction() const;
    // The share of the focused token's attention mass whose tokens are shaded, in (0, 1]; 1 shades every token.
    void setMassShown(double fraction);
    double massShown() const;
    // The pinned token (a click pins, a click on it again unpins); -1 clears.
    void setPinnedToken(int token);
    int pinnedToken() const { return m_pinned; }
    void setHoveredToken(int token);
    // The token whose attention is shown: the hovered one, else the pinned one, or -1.
    int focusToken() const { return m_hover >= 0 ? m_hover : m_pinned; }

    // The focused token's weights, and the shading drawn (weights / the largest shown, 0 beyond the mass shown).
    const std::vector<float>& weights() const { return m_weights; }
    const std::vector<float>& shading() const;
    // The tokens that hold the mass shown, strongest first.
    std::vector<int> shownTokens() const { return m_shown; }
    TokenTextCanvas* canvas() const { return m_canvas; }

    void setMinimumTextPixels(int px) override;
    bool exportTo(const QString& path, QString* error = nullptr);

Q_SIGNALS:
    void focusChanged(int token);

private:
    void refresh();
    void updateMassLabel();

    TokenTextCanvas* m_canvas = nullptr;
    QComboBox* m_headCombo = nullptr;
    QComboBox* m_directionCombo = nullptr;
    QSlider* m_massSlider = nullptr;
    QLabel* m_massLabel = nullptr;
    QLabel* m_hint = nullptr;
    WeightProvider m_provider;
    std::vector<float> m_weights;
    std::vector<int> m_shown;
    int m_pinned = -1;
    int m_hover = -1;
    int m_minPx = 0;
};

} // namespace attn
