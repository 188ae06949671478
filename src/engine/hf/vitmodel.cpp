#include "engine/hf/vitmodel.h"

#include "engine/caption/imageloader.h"
#include "engine/hf/hfnetwork.h"
#include "engine/textmodel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace attn::hf {

namespace {

// Images are prepared from at most this many pixels on the long side (larger ones are downscaled first, and a
// notice says that Python would have resized from the full size).
constexpr int kMaxPreprocessSide = 4096;
constexpr int kMaxShownSide = 1024;

} // namespace

VitModel::~VitModel() = default;

bool VitModel::isVitFolder(const QString& dir)
{
    if (!HfConfig::isHuggingFaceFolder(dir)) {
        return false;
    }
    QFile file(QDir(dir).filePath(QStringLiteral("config.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    return QJsonDocument::fromJson(file.read(1 << 20)).object().value(QStringLiteral("model_type")).toString() ==
           QLatin1String("vit");
}

std::shared_ptr<VitModel> VitModel::open(const QString& dir)
{
    std::shared_ptr<VitModel> model(new VitModel);
    model->m_network = openNetwork(dir);
    if (model->m_network->config().family != Family::Vit) {
        throw ModelError(QStringLiteral("%1: model_type '%2' reads text, not images; open it in the Text tab")
                             .arg(model->m_network->config().path, model->m_network->config().modelType)
                             .toStdString());
    }
    model->m_preprocessor = VitPreprocessor::read(dir, model->m_network->config());
    model->m_dir = QDir(dir).absolutePath();
    model->m_name = QFileInfo(model->m_dir).fileName();
    return model;
}

const HfConfig& VitModel::config() const
{
    return m_network->config();
}

int VitModel::gridSide() const
{
    return config().imageSize / config().patchSize;
}

QString VitModel::dtypeName() const
{
    return m_network->checkpoint().dtypeName();
}

VitRun VitModel::run(const QImage& input, const QString& label) const
{
    if (input.isNull()) {
        throw ModelError(QStringLiteral("%1: the image is empty").arg(label).toStdString());
    }
    QImage image = input;
    if (image.hasAlphaChannel()) {
        image = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        for (int y = 0; y < image.height(); ++y) {
            const auto* src = reinterpret_cast<const QRgb*>(image.constScanLine(y));
            auto* dst = reinterpret_cast<QRgb*>(flat.scanLine(y));
            for (int x = 0; x < image.width(); ++x) {
                const int a = qAlpha(src[x]);
                dst[x] = qRgb(qRed(src[x]) + 255 - a, qGreen(src[x]) + 255 - a, qBlue(src[x]) + 255 - a);
            }
        }
        image = flat;
    }
    VitRun run;
    run.modelInput = m_preprocessor.modelImage(image);
    run.notices << QCoreApplication::translate("attn", "preprocessing: %1").arg(m_preprocessor.describe());
    run.notices << m_preprocessor.notices;

    // The part of the image the model saw: all of it, unless the preprocessor crops the centre.
    QRectF seen(0, 0, image.width(), image.height());
    const VitPreprocessor& p = m_preprocessor;
    if (p.doCenterCrop) {
        double w = image.width(), h = image.height();
        if (p.doResize && p.shortestEdge > 0) {
            const double s = double(p.shortestEdge) / std::min(w, h);
            w *= s;
            h *= s;
        } else if (p.doResize) {
            w = p.width;
            h = p.height;
        }
        const double sx = image.width() / w, sy = image.height() / h;
        seen = QRectF(std::floor((w - p.cropWidth) / 2) * sx, std::floor((h - p.cropHeight) / 2) * sy, p.cropWidth * sx,
                      p.cropHeight * sy);
    }
    QImage shown = image.copy(seen.toRect()).convertToFormat(QImage::Format_RGB32);
    if (std::max(shown.width(), shown.height()) > kMaxShownSide) {
        shown = shown.scaled(kMaxShownSide, kMaxShownSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    run.shown = shown;

    const ForwardResult r = m_network->forwardImage(m_preprocessor.pixels(run.modelInput), Capture{});
    const int side = gridSide();
    run.gridRows = run.gridCols = side;
    QStringList tokens{QStringLiteral("[CLS]")};
    for (int i = 0; i < side * side; ++i) {
        tokens << QStringLiteral("(%1,%2)").arg(i / side).arg(i % side);
    }
    const int layers = int(r.keptLayers.size());
    const int T = r.tokens;
    AttentionSet& set = run.attention;
    set.modelName = m_name;
    set.sourceTokens = tokens;
    AttentionBlock self(QStringLiteral("encoder_self"), layers, r.heads, tokens, tokens);
    self.weights = r.attention;
    AttentionBlock grid(QStringLiteral("image"), layers, r.heads, {QStringLiteral("[CLS]")}, {});
    grid.keys = T - 1;
    grid.gridRows = grid.gridCols = side;
    grid.weights.resize(std::size_t(layers) * r.heads * (T - 1));
    for (int l = 0; l < layers; ++l) {
        for (int h = 0; h < r.heads; ++h) {
            const float* row = self.map(l, h);
            double sum = 0.0;
            for (int k = 1; k < T; ++k) {
                sum += row[k];
            }
            float* out = grid.weights.data() + (std::size_t(l) * r.heads + h) * (T - 1);
            for (int k = 1; k < T; ++k) {
                out[k - 1] = sum > 0.0 ? float(row[k] / sum) : 1.0f / float(T - 1);
            }
        }
    }
    set.blocks.push_back(std::move(self));
    set.blocks.push_back(std::move(grid));
    set.notices = run.notices;
    return run;
}

VitRun VitModel::runFile(const QString& path) const
{
    // The loader's own checks (exists, readable, decodable, memory limit); its model input is not used (modelSize
    // 1), only the decoded picture.
    PreparedImage p = loadImageForModel(path, 1, kMaxPreprocessSide);
    VitRun run = this->run(p.display, path);
    // The loader's notices about decoding (16 bits, transparency) apply; those about the captioner's centre square
    // and colour words do not, and the downscaling one is said below with its consequence.
    const auto size = [](QSize s) { return QStringLiteral("%1 x %2").arg(s.width()).arg(s.height()); };
    const QStringList captionOnly{
        QCoreApplication::translate("attn", "the model sees the centre square of the image"),
        QCoreApplication::translate("attn", "greyscale image: colour words cannot be trusted"),
        QCoreApplication::translate("attn", "downscaled from %1 to %2")
            .arg(size(p.originalSize), size(p.display.size()))};
    for (const QString& notice : p.notices) {
        if (!captionOnly.contains(notice)) {
            run.notices << notice;
        }
    }
    if (p.originalSize != p.display.size()) {
        run.notices << QCoreApplication::translate("attn", "the %1 x %2 image was downscaled to %3 x %4 before "
                                                           "preprocessing (Python would resize from the full size)")
                           .arg(p.originalSize.width())
                           .arg(p.originalSize.height())
                           .arg(p.display.width())
                           .arg(p.display.height());
    }
    run.attention.notices = run.notices;
    return run;
}

} // namespace attn::hf
