#include "gui/vitpane.h"

#include "engine/hf/vitmodel.h"
#include "views/exporter.h"
#include "views/vitheadgridview.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QSplitter>
#include <QtConcurrent/QtConcurrentRun>
#include <memory>

namespace attn {

namespace {

QString rolloutRule()
{
    return VitPane::tr("Attention rollout (Abnar & Zuidema 2020, computed as jacobgil/vit-explain does): in every "
                       "layer the heads are fused (mean, max or min), the lowest fraction of the fused weights is set "
                       "to 0 (never [CLS] to itself), the identity is added and the sum halved for the residual "
                       "connection, each row is renormalised to sum 1, and the layers are multiplied from layer 0 up "
                       "to the chosen one. The map is the [CLS] row over the patches, scaled to its maximum.");
}

} // namespace

VitPane::VitPane(QWidget* parent) : QWidget(parent)
{
    m_show = new QComboBox(this);
    m_show->addItem(tr("One head"));
    m_show->addItem(tr("Attention rollout"));
    m_show->setItemData(0,
                        tr("What [CLS] attends to in one head of one layer, over the image's patches, scaled to "
                           "its maximum; the title says how much [CLS] keeps for itself."),
                        Qt::ToolTipRole);
    m_show->setItemData(1, rolloutRule(), Qt::ToolTipRole);
    m_show->setToolTip(rolloutRule());
    m_layer = new QSpinBox(this);
    m_layer->setToolTip(tr("Layer, from 0 (for the rollout: the last layer multiplied in)"));
    m_head = new QSpinBox(this);
    m_head->setToolTip(tr("Head, from 0"));
    m_fusion = new QComboBox(this);
    m_fusion->addItem(tr("mean"), QStringLiteral("mean"));
    m_fusion->addItem(tr("max"), QStringLiteral("max"));
    m_fusion->addItem(tr("min"), QStringLiteral("min"));
    m_fusion->setToolTip(tr("How the rollout fuses each layer's heads (vit-explain's head_fusion)"));
    m_discard = new QDoubleSpinBox(this);
    m_discard->setRange(0.0, 0.99);
    m_discard->setSingleStep(0.05);
    m_discard->setDecimals(2);
    m_discard->setToolTip(tr("Fraction of each layer's lowest fused weights set to 0 before the rollout "
                             "(vit-explain's discard_ratio; 0.9 sharpens the map)"));

    auto* controls = new QHBoxLayout;
    const auto labelled = [&](const QString& text, QWidget* field) {
        auto* label = new QLabel(text, this);
        label->setBuddy(field);
        controls->addWidget(label);
        controls->addWidget(field);
    };
    labelled(tr("S&how:"), m_show);
    labelled(tr("&Layer:"), m_layer);
    labelled(tr("H&ead:"), m_head);
    labelled(tr("Rollout &fuses heads by:"), m_fusion);
    labelled(tr("&Discard lowest:"), m_discard);
    controls->addStretch(1);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(left);
    m_title->setWordWrap(true);
    m_title->setAlignment(Qt::AlignCenter);
    m_overlay = new ImageOverlayView(left);
    m_overlay->setTitleVisible(false);
    leftLayout->addWidget(m_title);
    leftLayout->addWidget(m_overlay, 1);
    m_grid = new VitHeadGridView(splitter);
    m_grid->setToolTip(tr("Every layer (rows) and head (columns) from [CLS] over the patches; the last column is the "
                          "rollout through that layer. Click a tile to show it large."));
    splitter->addWidget(left);
    splitter->addWidget(m_grid);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    connect(m_show, &QComboBox::currentIndexChanged, this, &VitPane::showSelection);
    connect(m_layer, &QSpinBox::valueChanged, this, &VitPane::showSelection);
    connect(m_head, &QSpinBox::valueChanged, this, &VitPane::showSelection);
    connect(m_fusion, &QComboBox::currentIndexChanged, this, &VitPane::startRollout);
    connect(m_discard, &QDoubleSpinBox::valueChanged, this, &VitPane::startRollout);
    connect(m_grid, &VitHeadGridView::tileClicked, this, &VitPane::select);
}

VitPane::~VitPane() = default;

void VitPane::setRun(const hf::VitRun& run)
{
    const AttentionBlock* self = run.attention.block(QStringLiteral("encoder_self"));
    // One copy, shared with the rollout's background jobs.
    m_block = std::make_shared<const AttentionBlock>(self ? *self : AttentionBlock());
    m_gridRows = run.gridRows;
    m_gridCols = run.gridCols;
    m_image = run.shown;
    m_rollout.clear();
    m_updating = true;
    m_layer->setRange(0, std::max(0, m_block->layers - 1));
    m_head->setRange(0, std::max(0, m_block->heads - 1));
    m_updating = false;
    const int patches = m_gridRows * m_gridCols;
    m_cls.clear();
    if (m_block->layers > 0 && m_block->keys == patches + 1) {
        m_cls.reserve(std::size_t(m_block->layers) * m_block->heads * patches);
        for (int l = 0; l < m_block->layers; ++l) {
            for (int h = 0; h < m_block->heads; ++h) {
                const float* row = m_block->map(l, h);
                m_cls.insert(m_cls.end(), row + 1, row + 1 + patches);
            }
        }
    }
    m_overlay->setImage(m_image);
    m_grid->setImage(m_image);
    m_grid->setMaps(m_block->layers, m_block->heads, m_gridRows, m_gridCols, m_cls, {});
    startRollout();
    showSelection();
}

void VitPane::setStyle(const OverlayStyle& style)
{
    OverlayStyle soft = style;
    soft.display = AttentionDisplay::Soft;
    m_overlay->setStyle(soft);
    m_grid->setStyle(soft);
}

void VitPane::select(int layer, int head)
{
    m_updating = true;
    m_show->setCurrentIndex(head < 0 ? 1 : 0);
    m_layer->setValue(layer);
    if (head >= 0) {
        m_head->setValue(head);
    }
    m_updating = false;
    showSelection();
}

int VitPane::selectedLayer() const
{
    return m_layer->value();
}

int VitPane::selectedHead() const
{
    return m_show->currentIndex() == 1 ? -1 : m_head->value();
}

void VitPane::setRolloutOptions(const ImageRolloutOptions& options)
{
    m_updating = true;
    m_fusion->setCurrentIndex(int(options.fusion));
    m_discard->setValue(options.discardRatio);
    m_updating = false;
    startRollout();
}

ImageRolloutOptions VitPane::rolloutOptions() const
{
    ImageRolloutOptions o;
    o.fusion = headFusionFromId(m_fusion->currentData().toString());
    o.discardRatio = m_discard->value();
    return o;
}

void VitPane::setMinimumTextPixels(int px)
{
    m_overlay->setMinimumTextPixels(px);
    m_grid->setMinimumTextPixels(px);
    QFont f = m_title->font();
    if (px > 0) {
        f.setPixelSize(std::max(px, QFontMetrics(font()).height()));
    }
    m_title->setFont(px > 0 ? f : font());
}

void VitPane::startRollout()
{
    if (m_updating || !hasRun()) {
        return;
    }
    const quint64 generation = ++m_generation;
    const std::shared_ptr<const AttentionBlock> block = m_block;
    const ImageRolloutOptions options = rolloutOptions();
    auto* watcher = new QFutureWatcher<std::vector<float>>(this);
    connect(watcher, &QFutureWatcher<std::vector<float>>::finished, this, [this, watcher, generation] {
        adoptRollout(watcher->result(), generation);
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([block, options] {
        try {
            return clsRolloutLayers(*block, options);
        } catch (const std::exception&) {
            return std::vector<float>(); // the block was checked when the run came; nothing to show otherwise
        }
    }));
    showSelection();
}

void VitPane::computeRolloutNow()
{
    if (hasRun()) {
        ++m_generation;
        adoptRollout(clsRolloutLayers(*m_block, rolloutOptions()), m_generation);
    }
}

void VitPane::adoptRollout(const std::vector<float>& rows, quint64 generation)
{
    if (generation != m_generation) {
        return; // an older request
    }
    m_rollout = rows;
    m_grid->setMaps(m_block->layers, m_block->heads, m_gridRows, m_gridCols, m_cls, m_rollout);
    showSelection();
}

QString VitPane::selectionTitle() const
{
    return m_title->text();
}

void VitPane::showSelection()
{
    if (m_updating || !hasRun()) {
        return;
    }
    const int layer = m_layer->value();
    const int head = selectedHead();
    m_head->setEnabled(head >= 0);
    const int patches = m_gridRows * m_gridCols;
    std::vector<float> map;
    QString title;
    if (head >= 0) {
        map = clsAttention(*m_block, layer, head);
        title = tr("Layer %1, head %2: attention from [CLS] over the %3 x %4 patches (%5 % on [CLS] itself)")
                    .arg(layer)
                    .arg(head)
                    .arg(m_gridRows)
                    .arg(m_gridCols)
                    .arg(100.0 * m_block->at(layer, head, 0, 0), 0, 'f', 1);
    } else if (m_rollout.size() == std::size_t(m_block->layers) * patches) {
        map.assign(m_rollout.begin() + std::ptrdiff_t(layer) * patches,
                   m_rollout.begin() + std::ptrdiff_t(layer + 1) * patches);
        const ImageRolloutOptions o = rolloutOptions();
        title = tr("Attention rollout through layer %1 (heads fused by %2, lowest %3 % discarded): [CLS] over the "
                   "patches")
                    .arg(layer)
                    .arg(m_fusion->currentText())
                    .arg(100.0 * o.discardRatio, 0, 'f', 0);
    } else {
        title = tr("Computing the attention rollout…");
    }
    m_title->setText(title);
    m_title->setToolTip(head >= 0 ? QString() : rolloutRule());
    CaptionResult c;
    if (!map.empty()) {
        double sum = 0.0;
        for (float v : map) {
            sum += v;
        }
        Eigen::MatrixXf grid(m_gridRows, m_gridCols);
        for (int i = 0; i < patches; ++i) {
            grid(i / m_gridCols, i % m_gridCols) = sum > 0.0 ? float(map[std::size_t(i)] / sum) : 1.0f / patches;
        }
        c.words = QStringList{title};
        c.gridRows = m_gridRows;
        c.gridCols = m_gridCols;
        c.alphas = {grid};
        c.betas = {1.0f};
    }
    m_overlay->setCaption(c);
    m_overlay->setWord(map.empty() ? -1 : 0);
    m_grid->setSelected(layer, head);
    Q_EMIT selectionChanged();
}

bool VitPane::exportTo(const QString& path, QString* error)
{
    // The views without the controls.
    return exportWidget(m_grid->parentWidget(), path, error);
}

} // namespace attn
