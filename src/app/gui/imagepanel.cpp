#include "gui/imagepanel.h"

#include "engine/caption/captionmodel.h"
#include "engine/caption/imageloader.h"
#include "engine/hf/vitmodel.h"
#include "engine/textmodel.h"
#include "gui/vitpane.h"
#include "ui_imagepanel.h"
#include "views/exporter.h"
#include "views/overlaygridview.h"

#include <QCoreApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QMimeData>
#include <QPushButton>
#include <QTimer>
#include <utility>

// Resources of a static library are only registered when something asks for them (outside any namespace).
static void initCaptionExamples()
{
    Q_INIT_RESOURCE(attnscope);
}

namespace attn {

namespace {

constexpr int kPlayIntervalMs = 800;
const char* const kExamplePrefix = ":/examples/caption/";

} // namespace

ImagePanel::ImagePanel(QWidget* parent) : Panel(parent), ui(std::make_unique<Ui::ImagePanel>())
{
    ui->setupUi(this);
    setAcceptDrops(true);
    initCaptionExamples();

    m_soft = new ImageOverlayView(ui->overlayHost);
    m_hard = new ImageOverlayView(ui->overlayHost);
    auto* overlays = new QHBoxLayout(ui->overlayHost);
    overlays->setContentsMargins(0, 0, 0, 0);
    overlays->addWidget(m_soft, 1);
    overlays->addWidget(m_hard, 1);
    m_grid = new OverlayGridView(ui->gridHost);
    auto* gridLayout = new QHBoxLayout(ui->gridHost);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->addWidget(m_grid);
    auto* words = new QHBoxLayout(ui->captionHost);
    words->setContentsMargins(0, 0, 0, 0);
    words->addStretch(1);
    m_vit = new VitPane(this);
    ui->viewLayout->addWidget(m_vit, 1);
    m_vit->hide();

    for (const QString& id : colorMapIds()) {
        ui->colorCombo->addItem(colorMapLabel(colorMapFromId(id)), id);
    }
    ui->colorCombo->setCurrentIndex(colorMapIds().indexOf(colorMapId(m_colorMap)));
    ui->hardCombo->addItem(tr("Argmax cell"), int(AttentionDisplay::HardArgmax));
    ui->hardCombo->addItem(tr("Sampled cell (seeded)"), int(AttentionDisplay::HardSample));
    ui->exampleCombo->addItem(tr("Choose an example…"));
    const QStringList examples =
        QDir(QString::fromLatin1(kExamplePrefix)).entryList({"*.png"}, QDir::Files, QDir::Name);
    for (const QString& name : examples) {
        ui->exampleCombo->addItem(QFileInfo(name).completeBaseName(), QString::fromLatin1(kExamplePrefix) + name);
    }
    // The controls column is as wide as its fields need in the current language (the colour-map and hard-attention
    // names are much longer in some), so no field is cut; long example names are elided instead of widening it.
    ui->exampleCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    ui->exampleCombo->setMinimumContentsLength(12);
    ui->controls->ensurePolished();
    ui->controls->setFixedWidth(std::max(ui->controls->sizeHint().width(), fontMetrics().averageCharWidth() * 36));

    m_playTimer = new QTimer(this);
    m_playTimer->setInterval(kPlayIntervalMs);

    connect(ui->openButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open image"), QString(),
            tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.ppm *.pgm *.tif *.tiff *.webp);;All files (*)"));
        if (!path.isEmpty()) {
            openImage(path);
        }
    });
    connect(ui->exampleCombo, &QComboBox::activated, this, [this](int index) {
        const QString path = ui->exampleCombo->itemData(index).toString();
        if (!path.isEmpty()) {
            openImage(path);
        }
    });
    connect(ui->modelButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open model folder (captioner or ViT)"));
        if (!dir.isEmpty()) {
            setModelDir(dir);
        }
    });
    connect(ui->beamSpin, &QSpinBox::valueChanged, this, [this] {
        if (!m_crop.isNull()) {
            openImage(m_crop, ui->noticeLabel->property("source").toString());
        }
    });
    connect(ui->sigmaSpin, &QDoubleSpinBox::valueChanged, this, &ImagePanel::updateStyle);
    connect(ui->colorCombo, &QComboBox::currentIndexChanged, this, &ImagePanel::updateStyle);
    connect(ui->opacitySlider, &QSlider::valueChanged, this, &ImagePanel::updateStyle);
    connect(ui->hardCombo, &QComboBox::currentIndexChanged, this, &ImagePanel::updateStyle);
    connect(ui->seedSpin, &QSpinBox::valueChanged, this, &ImagePanel::updateStyle);
    connect(ui->prevButton, &QToolButton::clicked, this, [this] { step(-1); });
    connect(ui->nextButton, &QToolButton::clicked, this, [this] { step(+1); });
    connect(ui->playButton, &QToolButton::toggled, this, [this](bool on) {
        if (on) {
            if (selectedWord() >= m_caption.steps() - 1) {
                selectWord(0);
            }
            m_playTimer->start();
        } else {
            m_playTimer->stop();
        }
        ui->playButton->setText(on ? tr("Pause") : tr("Play"));
    });
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        if (selectedWord() >= m_caption.steps() - 1) {
            ui->playButton->setChecked(false);
        } else {
            step(+1);
        }
    });
    connect(m_grid, &OverlayGridView::wordClicked, this, &ImagePanel::selectWord);
    connect(ui->exportWordButton, &QPushButton::clicked, this, [this] { exportWithDialog(false); });
    connect(ui->exportGridButton, &QPushButton::clicked, this, [this] { exportWithDialog(true); });
    connect(&m_session, &ImageSession::captioned, this, &ImagePanel::finished);
    connect(&m_session, &ImageSession::vitRan, this, &ImagePanel::vitFinished);
    connect(&m_session, &ImageSession::failed, this, &ImagePanel::errorOccurred);
    connect(&m_session, &ImageSession::busyChanged, this, [this](bool busy) {
        if (busy) {
            Q_EMIT statusMessage(m_session.runner().label() + QStringLiteral("…"));
        }
    });
    connect(&m_session, &ImageSession::modelOpened, this, [this] {
        showModel();
        // A folder opened with an image on show: the picture runs through the new model at once, from its file when
        // it has one (the captioner keeps only the centre square). Not when a newer image was asked for meanwhile.
        const QString source = ui->noticeLabel->property("source").toString();
        if (std::exchange(m_rerunOnOpen, false) && (QFileInfo::exists(source) || !m_crop.isNull())) {
            QFileInfo::exists(source) ? openImage(source) : openImage(m_crop, source);
        }
    });
    // A folder that fails to open leaves the model that was open (or none) in the label.
    connect(&m_session, &ImageSession::failed, this, &ImagePanel::showModel);

    updateStyle();
    showModel();
}

ImagePanel::~ImagePanel() = default;

void ImagePanel::openDefaultExample()
{
    const QString dir = defaultModelDir();
    if (dir.isEmpty() || ui->exampleCombo->count() < 2) {
        return;
    }
    if (m_session.wantedModelDir().isEmpty()) {
        setModelDir(dir);
    }
    ui->exampleCombo->setCurrentIndex(1);
    openImage(ui->exampleCombo->itemData(1).toString());
}

QString ImagePanel::title() const
{
    return tr("Image");
}

void ImagePanel::setModelDir(const QString& dir)
{
    ui->modelLabel->setText(tr("Opening %1…").arg(dir));
    m_rerunOnOpen = true;
    m_session.openModel(dir);
}

void ImagePanel::showModel()
{
    setVitMode(m_session.hasVit());
    if (const auto& vit = m_session.vitModel()) {
        ui->modelLabel->setText(tr("%1: ViT, %2 x %2 input, %3 x %3 patches, %4 layers x %5 heads (%6)")
                                    .arg(vit->name())
                                    .arg(vit->config().imageSize)
                                    .arg(vit->gridSide())
                                    .arg(vit->config().layers)
                                    .arg(vit->config().heads)
                                    .arg(vit->dtypeName()));
        ui->modelLabel->setToolTip(m_session.modelDir() + QLatin1Char('\n') + vit->preprocessor().describe());
    } else if (const auto& model = m_session.model()) {
        ui->modelLabel->setText(tr("%1 (%2 x %2 input, %3 x %3 grid)")
                                    .arg(model->name())
                                    .arg(model->config().imageSize)
                                    .arg(model->config().gridSize));
        ui->modelLabel->setToolTip(m_session.modelDir());
    } else {
        ui->modelLabel->setText(tr("No captioning model found: open a model folder (models/caption-shapes)."));
    }
}

void ImagePanel::openImage(const QString& path)
{
    m_rerunOnOpen = false;
    m_session.caption(path, ui->beamSpin->value());
}

void ImagePanel::openImage(const QImage& image, const QString& label)
{
    m_rerunOnOpen = false;
    m_session.caption(image, label, ui->beamSpin->value());
}

void ImagePanel::finished()
{
    const CaptionOutcome& out = m_session.outcome();
    m_caption = out.caption;
    m_crop = out.crop;
    m_modelInput = out.modelInput;
    ui->noticeLabel->setProperty("source", out.source);
    ui->noticeLabel->setText(out.notices.join(QStringLiteral("\n")));
    ui->modelInputLabel->setPixmap(
        QPixmap::fromImage(m_modelInput.scaled(128, 128, Qt::KeepAspectRatio, Qt::FastTransformation)));
    showCaption();
    Q_EMIT statusMessage(tr("Caption: %1").arg(m_caption.sentence()));
    Q_EMIT captionReady();
}

void ImagePanel::showCaption()
{
    auto* layout = static_cast<QHBoxLayout*>(ui->captionHost->layout());
    qDeleteAll(m_wordButtons);
    m_wordButtons.clear();
    for (int t = 0; t < m_caption.steps(); ++t) {
        auto* button = new QPushButton(m_caption.words[t], ui->captionHost);
        button->setCheckable(true);
        button->setFlat(true);
        button->setToolTip(tr("Word %1: \u03b2 = %2").arg(t).arg(double(m_caption.betas[size_t(t)]), 0, 'f', 3));
        connect(button, &QPushButton::clicked, this, [this, t] { selectWord(t); });
        layout->insertWidget(t, button);
        m_wordButtons << button;
    }
    for (ImageOverlayView* view : {m_soft, m_hard}) {
        view->setImage(m_crop);
        view->setCaption(m_caption);
    }
    m_grid->setImage(m_crop);
    m_grid->setCaption(m_caption);
    selectWord(0);
}

int ImagePanel::selectedWord() const
{
    return m_soft->word();
}

void ImagePanel::selectWord(int index)
{
    if (m_caption.steps() == 0) {
        return;
    }
    index = std::clamp(index, 0, m_caption.steps() - 1);
    m_soft->setWord(index);
    m_hard->setWord(index);
    m_grid->setSelectedWord(index);
    for (int t = 0; t < m_wordButtons.size(); ++t) {
        m_wordButtons[t]->setChecked(t == index);
    }
}

void ImagePanel::step(int delta)
{
    selectWord(selectedWord() + delta);
}

void ImagePanel::updateStyle()
{
    OverlayStyle style;
    style.colorMap = colorMapFromId(ui->colorCombo->currentData().toString(), ColorMap::Greys);
    m_colorMap = style.colorMap;
    style.opacity = ui->opacitySlider->value() / 100.0;
    style.sigmaScale = ui->sigmaSpin->value();
    style.sampleSeed = std::uint64_t(ui->seedSpin->value());
    m_soft->setStyle(style);
    m_grid->setStyle(style);
    m_vit->setStyle(style);
    style.display = AttentionDisplay(ui->hardCombo->currentData().toInt());
    m_hard->setStyle(style);
    ui->seedSpin->setEnabled(style.display == AttentionDisplay::HardSample);
}

void ImagePanel::setColorMap(ColorMap map)
{
    ui->colorCombo->setCurrentIndex(colorMapIds().indexOf(colorMapId(map)));
}

bool ImagePanel::exportView(const QString& path, QString* error)
{
    if (isVitMode()) {
        return m_vit->exportTo(path, error);
    }
    return m_grid->exportTo(path, error);
}

bool ImagePanel::exportWord(const QString& path, QString* error)
{
    return m_soft->exportTo(path, error);
}

void ImagePanel::exportWithDialog(bool grid)
{
    const QString path = QFileDialog::getSaveFileName(
        this, grid ? tr("Export all words") : tr("Export this word"),
        grid ? QStringLiteral("caption-grid.png") : QStringLiteral("caption-word.png"), exportFilter());
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!(grid ? exportView(path, &error) : exportWord(path, &error))) {
        Q_EMIT errorOccurred(error);
    } else {
        Q_EMIT statusMessage(tr("Saved %1").arg(path));
    }
}

void ImagePanel::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() || event->mimeData()->hasImage()) {
        event->acceptProposedAction();
    }
}

void ImagePanel::dropEvent(QDropEvent* event)
{
    const QMimeData* mime = event->mimeData();
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir()) {
            setModelDir(url.toLocalFile()); // a captioner's or a ViT's folder
            event->acceptProposedAction();
            return;
        }
        if (url.isLocalFile()) {
            openImage(url.toLocalFile());
            event->acceptProposedAction();
            return;
        }
    }
    if (mime->hasImage()) {
        openImage(qvariant_cast<QImage>(mime->imageData()), tr("dropped image"));
        event->acceptProposedAction();
        return;
    }
    Q_EMIT errorOccurred(tr("Drop an image file from this computer."));
}

bool ImagePanel::isVitMode() const
{
    return !m_vit->isHidden();
}

void ImagePanel::setVitMode(bool vit)
{
    // The captioner's words, beam, hard attention and play controls mean nothing for a ViT.
    for (QWidget* w : std::initializer_list<QWidget*>{
             ui->captionHost, ui->splitter, ui->beamLabel, ui->beamSpin, ui->hardLabel, ui->hardCombo, ui->seedLabel,
             ui->seedSpin, ui->prevButton, ui->playButton, ui->nextButton, ui->exportWordButton}) {
        w->setVisible(!vit);
    }
    m_vit->setVisible(vit);
    ui->inputCaption->setText(vit ? tr("What the model saw (preprocessed as its preprocessor_config.json says):")
                                  : tr("What the model saw (centre square, resized):"));
    ui->exportGridButton->setText(vit ? tr("Export &views…") : tr("Export &grid…"));
}

void ImagePanel::vitFinished()
{
    const hf::VitRun& run = m_session.vitRun();
    m_crop = run.shown;
    m_modelInput = run.modelInput;
    ui->noticeLabel->setProperty("source", m_session.vitSource());
    ui->noticeLabel->setText(run.notices.join(QStringLiteral("\n")));
    ui->modelInputLabel->setPixmap(
        QPixmap::fromImage(m_modelInput.scaled(128, 128, Qt::KeepAspectRatio, Qt::FastTransformation)));
    m_vit->setRun(run);
    Q_EMIT statusMessage(tr("%1: every layer and head of the ViT").arg(QFileInfo(m_session.vitSource()).fileName()));
    Q_EMIT vitReady();
}

} // namespace attn
