// The Show, Attend and Tell captioner: modules, model folder I/O and beam search.
#include "engine/caption/captionnet_torch.h"
#include "core/canceltoken.h"

#include "engine/caption/captionscene.h"
#include "engine/modelregistry.h"
#include "engine/moduleweights_torch.h"
#include "engine/safetensors.h"
#include "engine/torcheigen_torch.h"
#include "engine/textmodel.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace attn {

namespace {

const QString kArchitecture = QStringLiteral("show-attend-tell");

torch::nn::Conv2dOptions conv(int in, int out, int kernel, int stride)
{
    return torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel >= 3 ? 1 : 0);
}

} // namespace

CaptionConfig CaptionConfig::defaults()
{
    CaptionConfig c;
    c.vocabulary = QStringList{"<pad>", "<start>", "<end>"} + sceneVocabulary();
    return c;
}

CaptionNetImpl::CaptionNetImpl(const CaptionConfig& c)
    : config(c),
      // The wide path: chroma and the pixel's (x, y); five 3 x 3 convolutions give each cell a 25 px field.
      conv1(conv(3, 24, 3, 1)),
      conv2(conv(24, 48, 3, 2)),
      conv3(conv(48, c.channels, 3, 2)),
      conv4(conv(c.channels, c.channels, 3, 1)),
      conv5(conv(c.channels, c.channels, 3, 1)),
      embed(int64_t(c.vocabulary.size()), c.embed),
      lstm(torch::nn::LSTMCellOptions(c.embed + 2, c.hidden)),
      encAtt(c.channels + 2, c.attention),
      decAtt(c.hidden, c.attention),
      fullAtt(c.attention, 1),
      betaGate(c.hidden, 1),
      outH(c.hidden, c.embed),
      outZ(2 * c.channels, c.embed), // what the cells hold, not where they are
      outProj(c.embed, int64_t(c.vocabulary.size())),
      outDropout(torch::nn::DropoutOptions(0.1))
{
    register_module("conv1", conv1);
    register_module("conv2", conv2);
    register_module("conv3", conv3);
    register_module("conv4", conv4);
    register_module("conv5", conv5);
    // Keys from the cell's own 4 x 4 pixels only, through their mean colour: a cell is chosen for the colour it
    // is, never for an edge or an object beside it. (Made here, after the modules above, as when it was optional:
    // the order of initialisation decides the seeded starting weights.)
    cellKeys = torch::nn::Sequential(torch::nn::Conv2d(conv(3, c.channels, 1, 1)), torch::nn::Functional(torch::relu),
                                     torch::nn::Conv2d(conv(c.channels, c.channels, 1, 1)),
                                     torch::nn::Functional(torch::relu));
    register_module("cell_keys", cellKeys);
    register_module("embed", embed);
    register_module("lstm", lstm);
    register_module("enc_att", encAtt);
    register_module("dec_att", decAtt);
    register_module("full_att", fullAtt);
    register_module("beta_gate", betaGate);
    register_module("out_h", outH);
    register_module("out_z", outZ);
    register_module("out_proj", outProj);
    register_module("out_dropout", outDropout);
    {
        // Start with the gate open so attention gets a gradient before the language model learns to do without.
        torch::NoGradGuard noGrad;
        betaGate->bias.fill_(1.0);
    }
    h0 = register_parameter("h0", torch::zeros({1, c.hidden}));
    c0 = register_parameter("c0", torch::zeros({1, c.hidden}));
    const auto axis = torch::linspace(-1.0, 1.0, c.imageSize);
    const auto yy = axis.view({c.imageSize, 1}).expand({c.imageSize, c.imageSize});
    const auto xx = axis.view({1, c.imageSize}).expand({c.imageSize, c.imageSize});
    coords = torch::stack({xx, yy}).unsqueeze(0).contiguous(); // (1, 2, S, S)
    const auto g = torch::linspace(-1.0, 1.0, c.gridSize);
    const auto gy = g.view({c.gridSize, 1}).expand({c.gridSize, c.gridSize}).reshape({-1});
    const auto gx = g.view({1, c.gridSize}).expand({c.gridSize, c.gridSize}).reshape({-1});
    gridCoords = torch::stack({gx, gy}, 1).unsqueeze(0).contiguous(); // (1, L, 2)
}

CaptionEncoding CaptionNetImpl::encode(const torch::Tensor& images)
{
    const int64_t b = images.size(0);
    const auto scaled = (images - 0.5) * 4.0;
    // The wide path sees only chroma, (max - min) over R, G, B: objects stand out from the grey background by it,
    // but it hardly tells one colour from another, so a colour word must read cells that have the colour.
    const auto chroma = (std::get<0>(images.max(1, true)) - std::get<0>(images.min(1, true)) - 0.25) * 4.0;
    auto x = torch::cat({chroma, coords.expand({b, 2, -1, -1})}, 1); // (B, 3, S, S)
    x = torch::relu(conv1(x));
    x = torch::relu(conv2(x)); // (B, 48, S/2, S/2)
    x = torch::relu(conv3(x)); // (B, C, G, G): 9 px field
    x = torch::relu(conv4(x)); // 17 px
    x = torch::relu(conv5(x)); // 25 px
    const auto cells = [](const torch::Tensor& t) { return t.flatten(2).transpose(1, 2); }; // (B, L, C)
    const auto where = gridCoords.expand({b, -1, -1});
    // The cell's own colour features (B, C, G, G): the keys, and the colour half of the values.
    const auto cellColour = cellKeys->forward(torch::avg_pool2d(scaled, 4));
    const auto values = torch::cat({cells(x), cells(cellColour)}, 2); // (B, L, 2C)
    const auto feats = torch::cat({values, where}, 2);                // (B, L, D)
    // The cell is chosen for what lies on it, then read with its wider values.
    return {feats, encAtt(torch::cat({cells(cellColour), where}, 2))};
}

CaptionStep CaptionNetImpl::step(const torch::Tensor& feats, const torch::Tensor& featsProj, const torch::Tensor& prev,
                                 const torch::Tensor& h, const torch::Tensor& c)
{
    // Additive attention (Bahdanau): e = v^T tanh(U a_i + W h), alpha = softmax(e) over the L cells.
    const auto e = fullAtt(torch::tanh(featsProj + decAtt(h).unsqueeze(1))).squeeze(2); // (B, L)
    const auto alpha = torch::softmax(e, 1);                                              // (B, L)
    auto beta = torch::sigmoid(betaGate(h));                                              // (B, 1)
    if (gateHeldOpen) {
        beta = torch::ones_like(beta);
    }
    const auto read = torch::bmm(alpha.unsqueeze(1), feats).squeeze(1); // (B, D): what it saw, then where
    const int64_t channels = feats.size(2) - 2;
    // The deep output reads only what the cells hold: with their coordinates too, attention could tell a word
    // by where it looks (an offset from the object) instead of reading it from the object.
    const auto z = beta * read.slice(1, 0, channels);
    const auto y = embed(prev); // (B, E)
    // The LSTM is told where it looked (the mean cell coordinates under alpha), not what it saw, so each word
    // must come from the context of its own step. No gradient flows back through "where": otherwise attention
    // learns to encode what it saw in where it looks (an offset beside the object that tells the word), a
    // channel that bypasses the cells' contents.
    const auto where = torch::bmm(alpha.detach().unsqueeze(1), feats.slice(2, channels)).squeeze(1); // (B, 2)
    auto state = lstm(torch::cat({y, where}, 1), std::make_tuple(h, c));
    const auto& hNew = std::get<0>(state);
    // Deep output (Xu et al. eq. 7): the word from the previous word, the state and the context.
    const auto logits = outProj(torch::tanh(y + outH(outDropout(hNew)) + outZ(z))); // (B, V)
    return {logits, alpha, beta, hNew, std::get<1>(state)};
}

torch::Tensor imagesToTensor(const std::vector<const std::vector<float>*>& images, int size)
{
    auto t = torch::empty({int64_t(images.size()), size, size, 3});
    float* dst = t.data_ptr<float>();
    for (const auto* image : images) {
        std::copy(image->begin(), image->end(), dst);
        dst += size_t(size) * size * 3;
    }
    return t.permute({0, 3, 1, 2}).contiguous(); // (B, 3, S, S)
}

void setCaptionThreads(int threads)
{
    torch::set_num_threads(std::max(1, threads));
}

CaptionModel::CaptionModel(const CaptionConfig& config) : m_impl(std::make_unique<Impl>())
{
    m_impl->config = config;
    m_impl->net = CaptionNet(config);
    m_impl->net->eval();
}

CaptionModel::~CaptionModel() = default;

const CaptionConfig& CaptionModel::config() const
{
    return m_impl->config;
}

std::unique_ptr<CaptionModel> CaptionModel::open(const QString& dir)
{
    const QJsonObject json = readModelConfig(dir);
    const QString configPath = QDir(dir).filePath(QStringLiteral("config.json"));
    if (json.value(QStringLiteral("architecture")).toString() != kArchitecture) {
        throw ModelError(QStringLiteral("%1: architecture is '%2', not '%3'")
                             .arg(configPath, json.value(QStringLiteral("architecture")).toString(), kArchitecture)
                             .toStdString());
    }
    const CaptionConfig c = CaptionConfig::fromJson(json, configPath, QFileInfo(dir).fileName());
    auto model = std::make_unique<CaptionModel>(c);
    const std::string weightsPath = QDir(dir).filePath(QStringLiteral("model.safetensors")).toStdString();
    try {
        // The strict reader: shapes, NaN/Inf and tensors the network lacks are refused, each named.
        loadModuleWeights(*model->m_impl->net, weightsPath);
    } catch (const SafeTensorsError& e) {
        throw ModelError(e.what());
    } catch (const c10::Error& e) {
        throw ModelError(weightsPath + ": " + e.what_without_backtrace());
    }
    return model;
}

void CaptionModel::save(const QString& dir) const
{
    if (!QDir().mkpath(dir)) {
        throw ModelError(QStringLiteral("%1: cannot create the folder").arg(dir).toStdString());
    }
    const CaptionConfig& c = m_impl->config;
    SafeTensorsWriter writer;
    writer.setMetadata("format", "attnscope-show-attend-tell-1");
    for (const auto& p : m_impl->net->named_parameters()) {
        const auto t = p.value().detach().contiguous();
        writer.addFloats(p.key(), t.sizes().vec(), t.data_ptr<float>());
    }
    try {
        writer.write(QDir(dir).filePath(QStringLiteral("model.safetensors")).toStdString());
    } catch (const SafeTensorsError& e) {
        throw ModelError(e.what());
    }
    QJsonObject json = c.toJson();
    json.insert(QStringLiteral("architecture"), kArchitecture);
    QFile file(QDir(dir).filePath(QStringLiteral("config.json")));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(QJsonDocument(json).toJson()) < 0) {
        throw ModelError(QStringLiteral("%1: cannot write").arg(file.fileName()).toStdString());
    }
}

CaptionResult CaptionModel::caption(const QImage& image, int beam) const
{
    const int s = m_impl->config.imageSize;
    if (image.isNull()) {
        throw ModelError("caption: the image is empty");
    }
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888)
                           .scaled(s, s, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    std::vector<float> pixels(size_t(s) * s * 3);
    for (int y = 0; y < s; ++y) {
        const uchar* line = rgb.constScanLine(y);
        for (int x = 0; x < s * 3; ++x) {
            pixels[size_t(y) * s * 3 + x] = line[x] / 255.0f;
        }
    }
    return captionPixels(pixels, beam);
}

namespace {

struct Hypothesis
{
    std::vector<int> tokens;
    std::vector<torch::Tensor> alphas; // each (L)
    std::vector<float> betas;
    double logProb = 0.0;
};

} // namespace

CaptionResult CaptionModel::captionPixels(const std::vector<float>& rgb, int beam) const
{
    const CaptionConfig& c = m_impl->config;
    if (rgb.size() != size_t(c.imageSize) * c.imageSize * 3) {
        throw ModelError(QStringLiteral("caption: expected %1 x %1 x 3 pixels, got %2 values")
                             .arg(c.imageSize).arg(rgb.size()).toStdString());
    }
    if (beam < 1 || beam > 50) {
        throw ModelError(QStringLiteral("caption: beam width %1 is outside 1 to 50").arg(beam).toStdString());
    }
    try {
        torch::InferenceMode guard;
        CaptionNetImpl& net = *m_impl->net;
        const CaptionEncoding enc = net.encode(imagesToTensor({&rgb}, c.imageSize));
        const auto& feats1 = enc.feats; // (1, L, D)
        const auto& proj1 = enc.proj;   // (1, L, A)
        std::vector<Hypothesis> live(1), done;
        auto h = net.h0.clone(), cell = net.c0.clone(); // (k, H)
        const int64_t vocab = c.vocabulary.size();
        for (int t = 0; t <= c.maxWords && !live.empty(); ++t) {
            checkCancelled();
            const int64_t k = int64_t(live.size());
            std::vector<int64_t> prevIds;
            for (const auto& hyp : live) {
                prevIds.push_back(hyp.tokens.empty() ? kStartToken : hyp.tokens.back());
            }
            const auto prev = torch::tensor(prevIds, torch::kLong);
            CaptionStep st = net.step(feats1.expand({k, -1, -1}), proj1.expand({k, -1, -1}), prev, h, cell);
            auto logp = torch::log_softmax(st.logits, 1); // (k, V)
            logp.index_put_({torch::indexing::Slice(), kPadToken}, -1e9);
            logp.index_put_({torch::indexing::Slice(), kStartToken}, -1e9);
            if (t == c.maxWords) { // out of room: only the end token may follow
                logp.index_put_({torch::indexing::Slice(), torch::indexing::Slice(kEndToken + 1)}, -1e9);
            }
            std::vector<double> base;
            for (const auto& hyp : live) {
                base.push_back(hyp.logProb);
            }
            const auto total = (logp.to(torch::kDouble) + torch::tensor(base, torch::kDouble).unsqueeze(1)).reshape({-1});
            const auto top = total.topk(std::min<int64_t>(beam, total.size(0)));
            const auto values = std::get<0>(top);
            const auto indices = std::get<1>(top);
            std::vector<Hypothesis> next;
            std::vector<int64_t> keep;
            for (int64_t i = 0; i < values.size(0); ++i) {
                const int64_t flat = indices[i].item<int64_t>();
                const int64_t from = flat / vocab;
                const int token = int(flat % vocab);
                Hypothesis hyp = live[size_t(from)];
                hyp.logProb = values[i].item<double>();
                if (token == kEndToken) {
                    done.push_back(std::move(hyp));
                    continue;
                }
                hyp.tokens.push_back(token);
                hyp.alphas.push_back(st.alpha[from].clone());
                hyp.betas.push_back(st.beta[from][0].item<float>());
                next.push_back(std::move(hyp));
                keep.push_back(from);
            }
            // Scores only fall as words are added, so a finished caption better than every live one wins.
            double bestDone = -1e300;
            for (const auto& d : done) {
                bestDone = std::max(bestDone, d.logProb);
            }
            if (int(done.size()) >= beam || (!next.empty() && bestDone >= next.front().logProb)) {
                break;
            }
            live = std::move(next);
            if (!live.empty()) {
                const auto index = torch::tensor(keep, torch::kLong);
                h = st.h.index_select(0, index);
                cell = st.c.index_select(0, index);
            }
        }
        if (done.empty()) {
            throw ModelError("caption: the decoder produced no caption");
        }
        const auto best = std::max_element(done.begin(), done.end(),
                                           [](const Hypothesis& a, const Hypothesis& b) { return a.logProb < b.logProb; });
        CaptionResult result;
        result.modelName = c.name;
        result.gridRows = c.gridSize;
        result.gridCols = c.gridSize;
        result.logProbability = best->logProb;
        for (size_t t = 0; t < best->tokens.size(); ++t) {
            result.words << c.vocabulary.at(best->tokens[t]);
            result.alphas.push_back(tensorToMatrix(best->alphas[t].view({c.gridSize, c.gridSize}))); // row-major cells
            result.betas.push_back(best->betas[t]);
        }
        return result;
    } catch (const c10::Error& e) {
        throw ModelError(std::string("caption: ") + e.what_without_backtrace());
    }
}

} // namespace attn
