// TextPanel, second half: what the views show for the current run and choices, head search and export.
#include "gui/textpanel.h"

#include "core/attentionexport.h"
#include "gui/modelfolders.h"
#include "gui/textsession.h"
#include "ui_textpanel.h"
#include "views/compareview.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/modelgridview.h"

#include <QComboBox>
#include <QFileDialog>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

#include <stdexcept>

namespace attn {

void TextPanel::showAttention(const AttentionSet& set, const AttentionSet& second)
{
    m_set = std::make_shared<const AttentionSet>(set);
    m_second = second.blocks.empty() ? nullptr : std::make_shared<const AttentionSet>(second);
    {
        const QSignalBlocker blocker(ui->kindCombo);
        const QString previous = ui->kindCombo->currentData().toString();
        ui->kindCombo->clear();
        for (const auto& b : set.blocks) {
            ui->kindCombo->addItem(blockLabel(b.name), b.name);
        }
        const int keep = ui->kindCombo->findData(previous);
        const int encoder = ui->kindCombo->findData(QStringLiteral("encoder_self"));
        ui->kindCombo->setCurrentIndex(keep >= 0 ? keep : std::max(0, encoder));
    }
    if (m_restoring) {
        restoreChoices();
    }
    updateRanges();
    m_soloOnNextUpdate = m_soloOnNextUpdate || ui->aggregationCombo->currentIndex() == 0;
    updateViews();
}

void TextPanel::restoreChoices()
{
    m_restoring = false;
    const QVariantMap c = QSettings().value(QStringLiteral("text/choices")).toMap();
    AttentionSelection sel;
    if (!c.isEmpty()) {
        sel.kind = c.value("kind").toString();
        sel.layer = c.value("layer").toInt();
        sel.head = c.value("head").toInt();
        try {
            sel.aggregation = aggregationFromId(c.value("aggregation").toString());
        } catch (const std::invalid_argument&) {
            sel.aggregation = Aggregation::None;
        }
        sel.filter.punctuation = c.value("punctuation").toBool();
        sel.filter.specialTokens = c.value("special").toBool();
        sel.filter.tokens = c.value("tokens").toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    } else {
        const DefaultHead preset = defaultHeadOf(m_session->modelPath());
        if (!preset.valid()) {
            return;
        }
        sel.kind = preset.kind;
        sel.layer = preset.layer;
        sel.head = preset.head;
    }
    setKind(sel.kind);
    updateRanges();
    setFilter(sel.filter);
    setAggregation(sel.aggregation);
    setLayerHead(sel.layer, sel.head);
}

AttentionSelection TextPanel::selection() const
{
    AttentionSelection sel;
    sel.kind = ui->kindCombo->currentData().toString();
    sel.layer = ui->layerSpin->value();
    sel.head = ui->headSpin->value();
    sel.aggregation = aggregationFromId(ui->aggregationCombo->currentData().toString());
    sel.filter.punctuation = ui->hidePunctCheck->isChecked();
    sel.filter.specialTokens = ui->hideSpecialCheck->isChecked();
    for (const auto& t : ui->hideTokensEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!t.trimmed().isEmpty()) {
            sel.filter.tokens << t.trimmed();
        }
    }
    return sel;
}

void TextPanel::setKind(const QString& kind)
{
    const int i = ui->kindCombo->findData(kind);
    if (i >= 0) {
        ui->kindCombo->setCurrentIndex(i);
    }
}

void TextPanel::setLayerHead(int layer, int head)
{
    {
        const QSignalBlocker b1(ui->layerSpin);
        const QSignalBlocker b2(ui->headSpin);
        ui->layerSpin->setValue(layer);
        ui->headSpin->setValue(head);
    }
    m_soloOnNextUpdate = true;
    updateViews();
}

void TextPanel::setAggregation(Aggregation aggregation)
{
    ui->aggregationCombo->setCurrentIndex(ui->aggregationCombo->findData(aggregationId(aggregation)));
}

void TextPanel::setFilter(const TokenFilter& filter)
{
    const QSignalBlocker b1(ui->hidePunctCheck);
    const QSignalBlocker b2(ui->hideSpecialCheck);
    ui->hidePunctCheck->setChecked(filter.punctuation);
    ui->hideSpecialCheck->setChecked(filter.specialTokens);
    ui->hideTokensEdit->setText(filter.tokens.join(QStringLiteral(", ")));
    updateViews();
}

void TextPanel::setCurrentView(ViewTab tab)
{
    ui->viewTabs->setCurrentIndex(int(tab));
}

TextPanel::ViewTab TextPanel::currentView() const
{
    return ViewTab(ui->viewTabs->currentIndex());
}

void TextPanel::updateRanges()
{
    if (!m_set) {
        return;
    }
    const AttentionBlock* block = m_set->block(ui->kindCombo->currentData().toString());
    if (!block) {
        return;
    }
    const QSignalBlocker b1(ui->layerSpin);
    const QSignalBlocker b2(ui->headSpin);
    ui->layerSpin->setRange(0, block->layers - 1);
    ui->headSpin->setRange(0, block->heads - 1);
    // Rollout multiplies token-to-token maps: it needs queries and keys to be the same tokens.
    const bool rolloutOk = block->queryLabels == block->keyLabels;
    ui->aggregationCombo->setItemData(int(Aggregation::Rollout), rolloutOk ? QVariant() : 0, Qt::UserRole - 1);
    if (!rolloutOk && ui->aggregationCombo->currentIndex() == int(Aggregation::Rollout)) {
        const QSignalBlocker b3(ui->aggregationCombo);
        ui->aggregationCombo->setCurrentIndex(int(Aggregation::Mean));
    }
}

void TextPanel::updateViews()
{
    std::fill(m_dirty.begin(), m_dirty.end(), true);
    updateNotice();
    updateCurrentView();
    saveSettings();
}

void TextPanel::updateCurrentView()
{
    const int tab = ui->viewTabs->currentIndex();
    if (tab < 0 || !m_dirty[std::size_t(tab)]) {
        return;
    }
    m_dirty[std::size_t(tab)] = false;
    if (!m_set) {
        return;
    }
    const AttentionSelection sel = selection();
    try {
        switch (ViewTab(tab)) {
        case HeadTab:
            updateHeadView();
            break;
        case MatrixTab: {
            const AttentionMap map = selectedMap(*m_set, sel);
            m_matrix->setMatrix(map.weights, map.queries, map.keys, map.queryLabels, map.keyLabels);
            m_matrix->setTitle(describeSelection(*m_set, sel));
            break;
        }
        case ModelTab: {
            const AttentionBlock& block = selectedBlock(*m_set, sel);
            if (!m_gridBlock || m_gridBlock->name != block.name || m_gridBlock->weights != block.weights) {
                m_gridBlock = std::make_shared<const AttentionBlock>(block);
                m_model->setBlock(m_gridBlock);
            }
            m_model->setTitle(tr("%1: every layer and head (colour: square root of the weight)")
                                  .arg(blockLabel(block.name)));
            m_model->setSelected(selectedLayer(block, sel), sel.head);
            break;
        }
        case CompareTab:
            if (!m_second) {
                m_compare->clear();
                break;
            }
            {
                const bool head = sel.aggregation == Aggregation::None;
                m_compare->setPair(selectedMap(*m_set, sel), tr("A: %1").arg(sentence()), selectedMap(*m_second, sel),
                                   tr("B: %1").arg(ui->secondEdit->text()),
                                   head ? QStringLiteral("H%1").arg(sel.head) : aggregationId(sel.aggregation),
                                   head ? HeadView::headColor(sel.head) : QColor(60, 60, 60));
                const int q = tokenIndex(m_compare->headViewA()->queryLabels(), m_selectToken);
                m_compare->setSelectedQuery(q);
            }
            break;
        case StatsTab:
            updateStats();
            break;
        }
    } catch (const std::invalid_argument& e) {
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
        return;
    }
    Q_EMIT viewsUpdated();
}

void TextPanel::updateHeadView()
{
    const AttentionSelection sel = selection();
    m_head->setHeads(headLinesFor(*m_set, sel));
    QString title = describeSelection(*m_set, sel);
    if (sel.aggregation == Aggregation::None) {
        if (m_soloOnNextUpdate) {
            if (!(m_head->isHeadEnabled(sel.head) && m_head->headCount() > 1 &&
                  !m_head->isHeadEnabled((sel.head + 1) % m_head->headCount()))) {
                m_head->soloHead(sel.head);
            }
        }
        title = title.section(QStringLiteral(", head"), 0, 0);
    }
    m_soloOnNextUpdate = false;
    m_head->setTitle(title);
    const QString keep = m_selectToken;
    m_head->setSelectedQuery(tokenIndex(m_head->queryLabels(), keep));
    m_selectToken = keep; // a sentence without the token keeps it for the next one
}

void TextPanel::updateStats()
{
    if (!m_set) {
        return;
    }
    try {
        const AttentionBlock& block = selectedBlock(*m_set, selection());
        const auto stats = headStatistics(block);
        std::vector<float> values;
        for (const auto& s : stats) {
            const int which = m_statCombo->currentIndex();
            values.push_back(float(which == 0 ? s.entropy : which == 1 ? s.meanDistance : s.firstTokenShare));
        }
        QStringList layers, heads;
        for (int l = 0; l < block.layers; ++l) {
            layers << QStringLiteral("L%1").arg(l);
        }
        for (int h = 0; h < block.heads; ++h) {
            heads << QStringLiteral("H%1").arg(h);
        }
        m_stats->setMatrix(values, block.layers, block.heads, layers, heads);
        if (m_statCombo->currentIndex() == 2) {
            m_stats->setValueRange(0.0, 1.0);
        } else {
            m_stats->setAutoValueRange();
        }
        m_stats->setTitle(tr("%1 of %2 (click a head to open it)").arg(m_statCombo->currentText(), blockLabel(block.name)));
    } catch (const std::invalid_argument& e) {
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
    }
}

void TextPanel::updateNotice()
{
    QStringList parts;
    if (m_set) {
        parts << m_set->notices;
    }
    const AttentionSelection sel = selection();
    if (sel.filter.isActive()) {
        parts << tr("Filtered: hidden tokens removed and every row renormalised to sum to 1 — these are not the "
                    "model's raw weights.");
    }
    if (sel.aggregation == Aggregation::Max) {
        parts << tr("Max over heads: rows need not sum to 1.");
    }
    ui->noticeLabel->setVisible(!parts.isEmpty());
    ui->noticeLabel->setStyleSheet(sel.filter.isActive() ? QStringLiteral("QLabel { background: #fff3cd; padding: 3px; }")
                                                         : QString());
    ui->noticeLabel->setText(parts.join(QLatin1Char(' ')));
}

QString TextPanel::noticeText() const
{
    return ui->noticeLabel->isVisibleTo(const_cast<TextPanel*>(this)) ? ui->noticeLabel->text() : QString();
}

QStringList TextPanel::searchHeads(const QString& from, const QString& to, double threshold)
{
    ui->fromEdit->setText(from);
    ui->toEdit->setText(to);
    ui->thresholdSpin->setValue(threshold);
    ui->searchResults->clear();
    QStringList lines;
    if (!m_set) {
        Q_EMIT errorOccurred(tr("Run a sentence before searching its heads."));
        return lines;
    }
    try {
        const QString kind = ui->kindCombo->currentData().toString();
        for (const auto& m : findHeads(*m_set, kind, from, to, float(threshold))) {
            const QString line = tr("layer %1, head %2: %3").arg(m.layer).arg(m.head).arg(double(m.weight), 0, 'f', 3);
            auto* item = new QListWidgetItem(line, ui->searchResults);
            item->setData(Qt::UserRole, QPoint(m.layer, m.head));
            lines << line;
        }
        if (lines.isEmpty()) {
            ui->searchResults->addItem(tr("No head gives %1 → %2 a weight of %3 or more.").arg(from, to).arg(threshold));
        }
        Q_EMIT errorOccurred(QString());
    } catch (const std::invalid_argument& e) {
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
    }
    return lines;
}

QStringList TextPanel::exportAttention(const QString& path) const
{
    if (!m_set) {
        throw std::invalid_argument(tr("%1: nothing to export yet, run a sentence first").arg(path).toStdString());
    }
    return exportAttentionSet(*m_set, path);
}

void TextPanel::exportAttentionDialog()
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("export/dir"),
                                       QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                            .toString();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export attention"), dir + QStringLiteral("/attention.json"),
                                                      attentionSetExportFilter());
    if (path.isEmpty()) {
        return;
    }
    settings.setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
    try {
        const QStringList files = exportAttention(path);
        Q_EMIT statusMessage(tr("Saved %1").arg(files.join(QStringLiteral(", "))));
    } catch (const std::invalid_argument& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

bool TextPanel::exportView(const QString& path, QString* error)
{
    switch (currentView()) {
    case HeadTab:
        return m_head->exportTo(path, error);
    case MatrixTab:
        return m_matrix->exportTo(path, error);
    case ModelTab:
        return m_model->exportTo(path, error);
    case CompareTab:
        return m_compare->exportTo(path, error);
    case StatsTab:
        return m_stats->exportTo(path, error);
    }
    return false;
}

void TextPanel::setColorMap(ColorMap map)
{
    m_colorMap = map;
    m_matrix->setColorMap(map);
    m_stats->setColorMap(map);
    m_model->setColorMap(map);
    m_compare->setColorMap(map);
}

} // namespace attn
