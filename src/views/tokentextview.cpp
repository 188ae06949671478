#include "views/tokentextview.h"

#include "core/attentionsource.h"
#include "views/exporter.h"
#include "views/presenttext.h"
#include "views/tokentextcanvas.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>
#include <algorithm>
#include <map>
#include <numeric>

namespace attn {

TokenTextView::TokenTextView(QWidget* parent) : QWidget(parent), m_canvas(new TokenTextCanvas(this))
{
    m_headCombo = new QComboBox(this);
    m_headCombo->setToolTip(tr("Whose attention shades the text: one head, or the mean over heads"));
    m_directionCombo = new QComboBox(this);
    m_directionCombo->addItem(tr("Attention from the token"));
    m_directionCombo->addItem(tr("Attention to the token"));
    m_directionCombo->setToolTip(tr("From: where the token looks. To: which tokens look at it."));
    m_massSlider = new QSlider(Qt::Horizontal, this);
    m_massSlider->setRange(1, 100);
    m_massSlider->setValue(100);
    m_massSlider->setToolTip(tr("Shade only the strongest tokens that together hold this share of the attention"));
    m_massLabel = new QLabel(this);
    m_hint = new QLabel(tr("Hover over a token to see its attention; click to keep it."), this);
    m_hint->setWordWrap(true);
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_headCombo);
    controls->addWidget(m_directionCombo);
    controls->addWidget(m_massLabel);
    controls->addWidget(m_massSlider, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_hint);
    layout->addWidget(m_canvas, 1);
    updateMassLabel();

    connect(m_headCombo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { refresh(); });
    connect(m_directionCombo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { refresh(); });
    connect(m_massSlider, &QSlider::valueChanged, this, [this] {
        updateMassLabel();
        refresh();
    });
    connect(m_canvas, &TokenTextCanvas::tokenHovered, this, &TokenTextView::setHoveredToken);
    connect(m_canvas, &TokenTextCanvas::tokenClicked, this,
            [this](int token) { setPinnedToken(token == m_pinned ? -1 : token); });
}

TokenTextView::~TokenTextView() = default;

void TokenTextView::setTokens(const QStringList& tokens)
{
    m_pinned = m_hover = -1;
    m_canvas->setTokens(tokens);
    refresh();
}

void TokenTextView::setProvider(WeightProvider provider, const QStringList& headNames, const QString& aggregateName)
{
    m_provider = std::move(provider);
    const QSignalBlocker block(m_headCombo);
    const int previous = m_headCombo->currentIndex();
    m_headCombo->clear();
    m_headCombo->addItem(aggregateName.isEmpty() ? tr("Mean over heads") : aggregateName);
    m_headCombo->addItems(headNames);
    m_headCombo->setCurrentIndex(previous >= 0 && previous < m_headCombo->count() ? previous : 0);
    refresh();
}

void TokenTextView::setBlock(std::shared_ptr<const AttentionBlock> block, int layer)
{
    if (!block) {
        clear();
        return;
    }
    setTokens(block->keyLabels);
    QStringList names;
    for (int h = 0; h < block->heads && layer >= 0; ++h) {
        names << QStringLiteral("H%1").arg(h);
    }
    // (token, direction, head) -> weights: a row or a column of one head, or their mean.
    setProvider(
        [block, layer](int token, Direction direction, int head) {
            const int n = direction == Direction::From ? block->keys : block->queries;
            std::vector<float> out(std::size_t(n), 0.0f);
            const int l0 = layer < 0 ? 0 : layer, l1 = layer < 0 ? block->layers : layer + 1;
            const int h0 = head < 0 ? 0 : head, h1 = head < 0 ? block->heads : head + 1;
            for (int l = l0; l < l1; ++l) {
                for (int h = h0; h < h1; ++h) {
                    for (int i = 0; i < n; ++i) {
                        out[std::size_t(i)] +=
                            direction == Direction::From ? block->at(l, h, token, i) : block->at(l, h, i, token);
                    }
                }
            }
            const float count = float((l1 - l0) * (h1 - h0));
            for (float& v : out) {
                v /= count;
            }
            return out;
        },
        names, layer < 0 ? tr("Mean over layers and heads") : QString());
}

void TokenTextView::setSource(std::shared_ptr<const AttentionSource> source, int block, int layer)
{
    if (!source) {
        clear();
        return;
    }
    const AttentionBlockInfo& info = source->blockInfo(block);
    setTokens(info.keyLabels);
    QStringList names;
    for (int h = 0; h < info.heads; ++h) {
        names << QStringLiteral("H%1").arg(h);
    }
    // The matrix shown is kept (one head, or the mean of the layer's heads) so a focus costs a row or a column.
    struct Cache
    {
        int head = -2;
        Eigen::MatrixXf matrix;
    };
    auto cache = std::make_shared<Cache>();
    setProvider(
        [source, block, layer, cache, heads = info.heads](int token, Direction direction, int head) {
            if (cache->head != head) {
                if (head >= 0) {
                    cache->matrix = source->head(block, layer, head);
                } else {
                    cache->matrix = source->head(block, layer, 0);
                    for (int h = 1; h < heads; ++h) {
                        cache->matrix += source->head(block, layer, h);
                    }
                    cache->matrix /= float(heads);
                }
                cache->head = head;
            }
            const Eigen::VectorXf v = direction == Direction::From ? Eigen::VectorXf(cache->matrix.row(token))
                                                                   : Eigen::VectorXf(cache->matrix.col(token));
            return std::vector<float>(v.data(), v.data() + v.size());
        },
        names);
}

void TokenTextView::clear()
{
    m_provider = nullptr;
    m_headCombo->clear();
    setTokens({});
}

void TokenTextView::setHead(int head)
{
    m_headCombo->setCurrentIndex(std::clamp(head + 1, 0, std::max(0, m_headCombo->count() - 1)));
}

int TokenTextView::head() const
{
    return m_headCombo->currentIndex() - 1;
}

void TokenTextView::setDirection(Direction direction)
{
    m_directionCombo->setCurrentIndex(direction == Direction::From ? 0 : 1);
}

TokenTextView::Direction TokenTextView::direction() const
{
    return m_directionCombo->currentIndex() == 1 ? Direction::To : Direction::From;
}

void TokenTextView::setMassShown(double fraction)
{
    m_massSlider->setValue(std::clamp(int(std::lround(fraction * 100.0)), 1, 100));
}

double TokenTextView::massShown() const
{
    return m_massSlider->value() / 100.0;
}

void TokenTextView::setPinnedToken(int token)
{
    m_pinned = token >= 0 && token < m_canvas->tokenCount() ? token : -1;
    m_canvas->setMarked(m_pinned);
    refresh();
}

void TokenTextView::setHoveredToken(int token)
{
    token = token >= 0 && token < m_canvas->tokenCount() ? token : -1;
    if (token == m_hover) {
        return;
    }
    m_hover = token;
    refresh();
}

const std::vector<float>& TokenTextView::shading() const
{
    return m_canvas->shading();
}

void TokenTextView::updateMassLabel()
{
    m_massLabel->setText(tr("Top tokens holding %1% of the attention").arg(m_massSlider->value()));
}

void TokenTextView::refresh()
{
    const int focus = focusToken();
    m_weights.clear();
    m_shown.clear();
    if (focus >= 0 && m_provider) {
        m_weights = m_provider(focus, direction(), head());
    }
    std::vector<float> shade(m_weights.size(), 0.0f);
    if (!m_weights.empty()) {
        // The strongest tokens first, until they hold the share of the mass asked for.
        std::vector<int> order(m_weights.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
                  [&](int a, int b) { return m_weights[std::size_t(a)] > m_weights[std::size_t(b)]; });
        const double total = std::accumulate(m_weights.begin(), m_weights.end(), 0.0);
        const double target = total * massShown();
        double held = 0.0;
        for (int i : order) {
            if (held >= target - 1e-6 * total || m_weights[std::size_t(i)] <= 0.0f) { // (float weights: a tolerance)
                break;
            }
            m_shown.push_back(i);
            held += m_weights[std::size_t(i)];
        }
        const float top = m_shown.empty() ? 0.0f : m_weights[std::size_t(m_shown.front())];
        for (int i : m_shown) {
            shade[std::size_t(i)] = top > 0.0f ? m_weights[std::size_t(i)] / top : 0.0f;
        }
    }
    m_canvas->setShading(std::move(shade));
    if (focus >= 0 && !m_weights.empty()) {
        m_hint->setText(tr("%1 tokens hold %2% of the attention %3 “%4”; the darkest holds %5.")
                            .arg(m_shown.size())
                            .arg(m_massSlider->value())
                            .arg(direction() == Direction::From ? tr("from") : tr("to"))
                            .arg(m_canvas->tokenText(focus))
                            .arg(m_shown.empty() ? 0.0 : double(m_weights[std::size_t(m_shown.front())]), 0, 'f', 3));
    } else {
        m_hint->setText(tr("Hover over a token to see its attention; click to keep it."));
    }
    Q_EMIT focusChanged(focus);
}

void TokenTextView::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
    m_canvas->setTextPixels(m_minPx);
    for (QWidget* w : std::initializer_list<QWidget*>{m_headCombo, m_directionCombo, m_massLabel, m_hint}) {
        w->setFont(atLeastPixels(font(), m_minPx));
    }
}

bool TokenTextView::exportTo(const QString& path, QString* error)
{
    return exportWidget(this, path, error);
}

} // namespace attn
