#include "gui/imagepanel.h"

#include "engine/caption/captionmodel.h"
#include "engine/caption/imageloader.h"
#include "engine/textmodel.h"
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
#include <QtConcurrent/QtConcurrentRun>

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

struct ImagePanel::Outcome
{
    int generation = 0;
    QString error;
    QString source;
    QStringList notices;
    QImage crop;
    QImage modelInput;
    CaptionResult caption;
};

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

    for (const QString& id : colorMapIds()) {
        ui->colorCombo->addItem(colorMapLabel(colorMapFromId(id)), id);
    }
    ui->colorCombo->setCurrentIndex(colorMapIds().indexOf(colorMapId(m_colorMap)));
    ui->hardCombo->addItem(tr("Argmax cell"), int(AttentionDisplay::HardArgmax));
    ui->hardCombo->addItem(tr("Sampled cell (seeded)"), int(AttentionDisplay::HardSample));
    ui->exampleCombo->addItem(tr("Choose an example…"));
    const QStringList examples = QDir(QString::fromLatin1(kExamplePrefix)).entryList({"*.png"}, QDir::Files, QDir::Name);
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
    m_watcher = new QFutureWatcher<std::shared_ptr<Outcome>>(this);

    connect(ui->openButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open image"), QString(), tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.ppm *.pgm *.tif *.tiff *.webp);;All files (*)"));
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
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open captioning model folder"));
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
    connect(m_watcher, &QFutureWatcher<std::shared_ptr<Outcome>>::finished, this, &ImagePanel::finished);

    updateStyle();
    const QString dir = defaultModelDir();
    if (dir.isEmpty()) {
        ui->modelLabel->setText(tr("No captioning model found: open a model folder (models/caption-shapes)."));
    } else {
        setModelDir(dir);
    }
}

ImagePanel::~ImagePanel()
{
    m_watcher->waitForFinished();
}

QString ImagePanel::title() const
{
    return tr("Image captions");
}

QString ImagePanel::defaultModelDir()
{
    const QString name = QStringLiteral("models/caption-shapes");
    QStringList roots{QCoreApplication::applicationDirPath(), QDir::currentPath()};
    for (const QString& root : roots) {
        QDir dir(root);
        for (int up = 0; up < 5; ++up) {
            if (QFileInfo::exists(dir.filePath(name + QStringLiteral("/config.json")))) {
                return dir.filePath(name);
            }
            if (!dir.cdUp()) {
                break;
            }
        }
    }
    return {};
}

bool ImagePanel::setModelDir(const QString& dir)
{
    try {
        m_model = std::shared_ptr<CaptionModel>(CaptionModel::open(dir));
        ui->modelLabel->setText(tr("%1 (%2 x %2 input, %3 x %3 grid)")
                                    .arg(m_model->name())
                                    .arg(m_model->config().imageSize)
                                    .arg(m_model->config().gridSize));
        ui->modelLabel->setToolTip(dir);
        return true;
    } catch (const ModelError& e) {
        Q_EMIT errorOccurred(QString::fromLocal8Bit(e.what()));
        return false;
    }
}

bool ImagePanel::isBusy() const
{
    return m_watcher->isRunning();
}

void ImagePanel::openImage(const QString& path)
{
    startCaption(path, [path](int imageSize) { return loadImageForModel(path, imageSize); });
}

void ImagePanel::openImage(const QImage& image, const QString& label)
{
    startCaption(label, [image, label](int imageSize) { return prepareImage(image, label, imageSize); });
}

void ImagePanel::startCaption(const QString& source, std::function<PreparedImage(int imageSize)> prepare)
{
    const auto model = m_model;
    const int beam = ui->beamSpin->value();
    start([model, beam, source, prepare] {
        Outcome out;
        out.source = source;
        try {
            const PreparedImage p = prepare(model->config().imageSize);
            out.notices = p.notices;
            out.crop = p.display.copy(p.cropInDisplay);
            out.modelInput = p.modelInput;
            out.caption = model->caption(p.modelInput, beam);
        } catch (const ImageLoadError& e) {
            out.error = QString::fromLocal8Bit(e.what());
        } catch (const ModelError& e) {
            out.error = QString::fromLocal8Bit(e.what());
        }
        return out;
    });
}

void ImagePanel::start(std::function<Outcome()> job)
{
    if (!m_model) {
        Q_EMIT errorOccurred(tr("Open a captioning model folder first (models/caption-shapes)."));
        return;
    }
    // A newer request supersedes a running one: its result is dropped when it arrives.
    const int generation = ++m_generation;
    Q_EMIT statusMessage(tr("Captioning…"));
    m_watcher->waitForFinished();
    m_watcher->setFuture(QtConcurrent::run([job, generation] {
        auto out = std::make_shared<Outcome>(job());
        out->generation = generation;
        return out;
    }));
}

void ImagePanel::finished()
{
    const std::shared_ptr<Outcome> out = m_watcher->result();
    if (!out || out->generation != m_generation) {
        return;
    }
    if (!out->error.isEmpty()) {
        Q_EMIT errorOccurred(out->error);
        return;
    }
    Q_EMIT statusMessage(QString());
    m_caption = out->caption;
    m_crop = out->crop;
    m_modelInput = out->modelInput;
    ui->noticeLabel->setProperty("source", out->source);
    ui->noticeLabel->setText(out->notices.join(QStringLiteral("\n")));
    ui->modelInputLabel->setPixmap(QPixmap::fromImage(
        m_modelInput.scaled(128, 128, Qt::KeepAspectRatio, Qt::FastTransformation)));
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
        button->setToolTip(tr("Word %1: \u03b2 = %2").arg(t + 1).arg(double(m_caption.betas[size_t(t)]), 0, 'f', 3));
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
    return m_grid->exportTo(path, error);
}

bool ImagePanel::exportWord(const QString& path, QString* error)
{
    return m_soft->exportTo(path, error);
}

void ImagePanel::exportWithDialog(bool grid)
{
    const QString path = QFileDialog::getSaveFileName(this, grid ? tr("Export all words") : tr("Export this word"),
                                                      grid ? QStringLiteral("caption-grid.png") : QStringLiteral("caption-word.png"),
                                                      exportFilter());
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

} // namespace attn
