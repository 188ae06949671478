#include "gui/attentionfilepanel.h"

#include "ui_attentionfilepanel.h"

#include "core/attentionfile.h"
#include "core/attentionselection.h"
#include "views/exporter.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/modelgridview.h"
#include "views/tokentextview.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QScrollArea>
#include <QSettings>

namespace attn {

AttentionFilePanel::AttentionFilePanel(QWidget* parent)
    : Panel(parent)
    , ui(std::make_unique<Ui::AttentionFilePanel>())
{
    ui->setupUi(this);
    m_matrix = new HeatmapView(this);
    m_matrix->setAxisTitles(tr("query"), tr("key"));
    ui->matrixLayout->addWidget(m_matrix);
    m_headView = new HeadView(this);
    auto* headScroll = new QScrollArea(this);
    headScroll->setWidget(m_headView);
    headScroll->setWidgetResizable(true);
    ui->headLayout->addWidget(headScroll);
    m_grid = new ModelGridView(this);
    auto* gridScroll = new QScrollArea(this);
    gridScroll->setWidget(m_grid);
    gridScroll->setWidgetResizable(true);
    ui->modelLayout->addWidget(gridScroll);
    m_text = new TokenTextView(this);
    ui->textLayout->addWidget(m_text);
    ui->poolCombo->addItem(tr("max"), QStringLiteral("max"));
    ui->poolCombo->addItem(tr("mean"), QStringLiteral("mean"));
    for (QWidget* w : {static_cast<QWidget*>(ui->kindCombo), static_cast<QWidget*>(ui->layerSpin),
                       static_cast<QWidget*>(ui->headSpin), static_cast<QWidget*>(ui->poolCombo)})
        w->setEnabled(false);

    connect(ui->openButton, &QPushButton::clicked, this, [this] {
        QSettings settings;
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open attention file"), settings.value(QStringLiteral("open/attentionDir")).toString(),
            tr("Attention files (*.npy *.npz *.safetensors *.json);;All files (*)"));
        if (!path.isEmpty()) {
            settings.setValue(QStringLiteral("open/attentionDir"), QFileInfo(path).absolutePath());
            open(path);
        }
    });
    connect(ui->kindCombo, &QComboBox::currentIndexChanged, this, [this] { selectionChanged(true); });
    connect(ui->layerSpin, &QSpinBox::valueChanged, this, [this] { selectionChanged(false); });
    connect(ui->headSpin, &QSpinBox::valueChanged, this, [this] { selectionChanged(false); });
    connect(ui->poolCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_matrix->setPoolMode(poolMode());
        if (m_session.source())
            m_session.requestGrid(ui->kindCombo->currentIndex(), poolMode());
    });
    connect(m_grid, &ModelGridView::headActivated, this, [this](int layer, int head) {
        select(ui->kindCombo->currentIndex(), layer, head);
        ui->viewTabs->setCurrentWidget(ui->matrixPage);
    });
    connect(m_matrix, &HeatmapView::cellHovered, this, [this](int row, int col, double value) {
        const AttentionMap& map = m_session.headMap();
        Q_EMIT statusMessage(tr("query %1 “%2” → key %3 “%4”: %5")
                                 .arg(row)
                                 .arg(map.queryLabels.value(row))
                                 .arg(col)
                                 .arg(map.keyLabels.value(col))
                                 .arg(value, 0, 'f', 4));
    });
    connect(&m_session, &AttentionFileSession::opened, this, &AttentionFilePanel::showOpened);
    connect(&m_session, &AttentionFileSession::headReady, this, &AttentionFilePanel::showHead);
    connect(&m_session, &AttentionFileSession::gridReady, this, &AttentionFilePanel::showGrid);
    connect(&m_session, &AttentionFileSession::failed, this, &Panel::errorOccurred);
}

AttentionFilePanel::~AttentionFilePanel() = default;

QString AttentionFilePanel::title() const
{
    return tr("Attention file");
}

bool AttentionFilePanel::exportView(const QString& path, QString* error)
{
    QWidget* page = ui->viewTabs->currentWidget();
    if (page == ui->matrixPage)
        return m_matrix->exportTo(path, error);
    if (page == ui->headPage)
        return m_headView->exportTo(path, error);
    if (page == ui->modelPage)
        return m_grid->exportTo(path, error);
    return m_text->exportTo(path, error);
}

void AttentionFilePanel::setColorMap(ColorMap map)
{
    m_matrix->setColorMap(map);
    m_grid->setColorMap(map);
}

void AttentionFilePanel::open(const QString& path, const QString& tokensPath)
{
    ui->fileLabel->setText(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_session.open(path, tokensPath);
}

void AttentionFilePanel::select(int block, int layer, int head)
{
    m_filling = true;
    ui->kindCombo->setCurrentIndex(block);
    m_filling = false;
    selectionChanged(true);
    ui->layerSpin->setValue(layer);
    ui->headSpin->setValue(head);
}

PoolMode AttentionFilePanel::poolMode() const
{
    return poolModeFromId(ui->poolCombo->currentData().toString());
}

void AttentionFilePanel::showOpened()
{
    const auto source = m_session.source();
    m_filling = true;
    ui->kindCombo->clear();
    for (const QString& name : source->blockNames())
        ui->kindCombo->addItem(blockLabel(name), name);
    for (QWidget* w : {static_cast<QWidget*>(ui->kindCombo), static_cast<QWidget*>(ui->layerSpin),
                       static_cast<QWidget*>(ui->headSpin), static_cast<QWidget*>(ui->poolCombo)})
        w->setEnabled(true);
    m_filling = false;
    const AttentionBlockInfo& info = source->blockInfo(0);
    ui->fileLabel->setText(tr("%1: %n tokens", nullptr, info.keys).arg(QFileInfo(m_session.path()).fileName()));
    ui->fileLabel->setToolTip(source->notices().join(QLatin1Char('\n')));
    if (!source->notices().isEmpty())
        Q_EMIT statusMessage(source->notices().join(QStringLiteral("; ")));
    selectionChanged(true);
}

void AttentionFilePanel::selectionChanged(bool kindChanged)
{
    const auto source = m_session.source();
    if (m_filling || !source || ui->kindCombo->currentIndex() < 0)
        return;
    const int block = ui->kindCombo->currentIndex();
    const AttentionBlockInfo& info = source->blockInfo(block);
    if (kindChanged) {
        m_filling = true;
        ui->layerSpin->setRange(0, info.layers - 1);
        ui->headSpin->setRange(0, info.heads - 1);
        m_filling = false;
        m_grid->clear();
        m_session.requestGrid(block, poolMode());
    }
    const int layer = ui->layerSpin->value();
    const int head = ui->headSpin->value();
    m_session.requestHead(block, layer, head);
    if (info.queries == info.keys && info.name != QLatin1String("cross")) {
        m_text->setSource(source, block, layer);
        m_text->setHead(head);
    } else {
        m_text->clear();
    }
    m_grid->setSelected(layer, head);
}

void AttentionFilePanel::showHead()
{
    const auto source = m_session.source();
    const AttentionMap& map = m_session.headMap();
    const QString kind = source->blockInfo(m_session.headBlock()).name;
    const QString where = tr("%1, layer %2, head %3").arg(blockLabel(kind)).arg(m_session.headLayer()).arg(m_session.headIndex());
    m_matrix->setMatrix(map.weights, map.queries, map.keys, map.queryLabels, map.keyLabels);
    m_matrix->setTitle(where);
    std::vector<HeadLines> heads;
    if (!m_session.layerMaps().empty()) {
        for (int h = 0; h < int(m_session.layerMaps().size()); ++h)
            heads.push_back({m_session.layerMaps()[std::size_t(h)], tr("H%1").arg(h), HeadView::headColor(h)});
    } else {
        heads.push_back({map, tr("H%1").arg(m_session.headIndex()), HeadView::headColor(m_session.headIndex())});
    }
    m_headView->setHeads(std::move(heads));
    m_headView->setTitle(m_session.layerMaps().empty() ? where
                                                       : tr("%1, layer %2").arg(blockLabel(kind)).arg(m_session.headLayer()));
}

void AttentionFilePanel::showGrid()
{
    m_grid->setBlock(m_session.grid());
    m_grid->setTitle(tr("%1: every layer and head").arg(blockLabel(m_session.grid()->name)));
    m_grid->setSelected(ui->layerSpin->value(), ui->headSpin->value());
}

} // namespace attn
