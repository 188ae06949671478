// AttentionScope's own model folders read their weights through the strict reader of Hugging Face checkpoints
// (issue 16): a NaN and a tensor the model lacks are refused, each named, by the coreference transformer (fast and
// LibTorch paths), the seq2seq models, the captioner, the classifiers' Eigen paths (pooling, HAN, pair CNNs) and
// every torch module loaded with loadModuleWeights.
#include "engine/caption/captionmodel.h"
#include "engine/classify/classifiermodel.h"
#include "engine/moduleweights_torch.h"
#include "engine/safetensors.h"
#include "engine/seq2seq/seq2seq.h"
#include "engine/textmodel.h"
#include "errorof.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <torch/torch.h>

using namespace attn;
using attn::test::errorOf;

namespace {

const QString kModels = QStringLiteral(ATTN_MODELS_DIR);

// A copy of a shipped model folder; fails the test when the folder is missing.
::testing::AssertionResult copyModel(const QString& name, const QString& to)
{
    const QDir from(kModels + "/" + name);
    if (!from.exists("model.safetensors")) {
        return ::testing::AssertionFailure() << from.path().toStdString() << " is missing: the shipped model "
                                             << name.toStdString() << " must be committed";
    }
    for (const QString& f : from.entryList(QDir::Files)) {
        if (!QFile::copy(from.filePath(f), QDir(to).filePath(f))) {
            return ::testing::AssertionFailure() << "cannot copy " << f.toStdString();
        }
    }
    return ::testing::AssertionSuccess();
}

// Rewrites path with every tensor as F32 (values as read), after edit may change them or add more.
void rewrite(const QString& path,
             const std::function<void(std::map<std::string, std::pair<std::vector<std::int64_t>, std::vector<float>>>&)>&
                 edit)
{
    const SafeTensorsFile file = SafeTensorsFile::read(path.toStdString());
    std::map<std::string, std::pair<std::vector<std::int64_t>, std::vector<float>>> tensors;
    for (const auto& name : file.names()) {
        tensors[name] = {file.info(name).shape, file.floats(name)};
    }
    edit(tensors);
    SafeTensorsWriter writer;
    for (const auto& [k, v] : file.metadata()) {
        writer.setMetadata(k, v);
    }
    for (const auto& [name, t] : tensors) {
        writer.addFloats(name, t.first, t.second);
    }
    writer.write(path.toStdString());
}

void plantNan(const QString& path, const std::string& name)
{
    rewrite(path, [&](auto& tensors) {
        ASSERT_TRUE(tensors.count(name)) << name;
        ASSERT_GT(tensors[name].second.size(), 3u);
        tensors[name].second[3] = std::numeric_limits<float>::quiet_NaN();
    });
}

void addExtra(const QString& path)
{
    rewrite(path, [](auto& tensors) { tensors["extra.weight"] = {{2}, {1.0f, 2.0f}}; });
}

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

// A tensor every loader reads: the first in name order with more than three values (the coreference model's
// training-only head aside).
std::string someTensor(const QString& path)
{
    const SafeTensorsFile file = SafeTensorsFile::read(path.toStdString());
    for (const auto& name : file.names()) {
        if (name.rfind("form_head", 0) != 0 && file.info(name).numel() > 3) {
            return name;
        }
    }
    return {};
}

struct Loader
{
    const char* model;
    std::function<void(const QString&)> open;
};

const Loader kLoaders[] = {
    {"coref-en-fr", [](const QString& dir) { openTextModel(dir); }},
    {"seq2seq-dot", [](const QString& dir) { Seq2SeqModel::open(dir); }},
    {"seq2seq-additive", [](const QString& dir) { Seq2SeqModel::open(dir); }},
    {"caption-shapes", [](const QString& dir) { CaptionModel::open(dir); }},
    {"pooling-attention", [](const QString& dir) { ClassifierModel::open(dir); }},
    {"pooling-last", [](const QString& dir) { ClassifierModel::open(dir); }},
    {"pooling-mean", [](const QString& dir) { ClassifierModel::open(dir); }},
    {"han-documents", [](const QString& dir) { ClassifierModel::open(dir); }},
    {"pair-abcnn1", [](const QString& dir) { ClassifierModel::open(dir); }},
    {"pair-abcnn2", [](const QString& dir) { ClassifierModel::open(dir); }},
    {"pair-attentive-pooling", [](const QString& dir) { ClassifierModel::open(dir); }},
};

} // namespace

TEST(StrictWeights, ShippedModelsStillOpen)
{
    for (const Loader& l : kLoaders) {
        QTemporaryDir dir;
        ASSERT_TRUE(copyModel(l.model, dir.path()));
        EXPECT_EQ(errorOf([&] { l.open(dir.path()); }), "no error") << l.model;
    }
}

TEST(StrictWeights, NanRefusedWithTheTensorsName)
{
    for (const Loader& l : kLoaders) {
        QTemporaryDir dir;
        ASSERT_TRUE(copyModel(l.model, dir.path()));
        const QString weights = dir.filePath("model.safetensors");
        const std::string name = someTensor(weights);
        plantNan(weights, name);
        const std::string e = errorOf([&] { l.open(dir.path()); });
        EXPECT_TRUE(has(e, "model.safetensors: tensor '" + name + "' holds NaN at element 3")) << l.model << ": " << e;
    }
}

TEST(StrictWeights, UnexpectedTensorNamed)
{
    for (const Loader& l : kLoaders) {
        QTemporaryDir dir;
        ASSERT_TRUE(copyModel(l.model, dir.path()));
        addExtra(dir.filePath("model.safetensors"));
        const std::string e = errorOf([&] { l.open(dir.path()); });
        EXPECT_TRUE(has(e, "model.safetensors: 1 unexpected tensor: extra.weight")) << l.model << ": " << e;
    }
}

// The pair models' 3-D convolution weight goes through the same check (values of any rank), Inf as NaN.
TEST(StrictWeights, PairConvolutionInfNamed)
{
    QTemporaryDir dir;
    ASSERT_TRUE(copyModel("pair-abcnn2", dir.path()));
    const QString weights = dir.filePath("model.safetensors");
    rewrite(weights, [](auto& tensors) {
        ASSERT_TRUE(tensors.count("conv.weight"));
        ASSERT_EQ(tensors["conv.weight"].first.size(), 3u);
        tensors["conv.weight"].second[7] = -std::numeric_limits<float>::infinity();
    });
    const std::string e = errorOf([&] { ClassifierModel::open(dir.path()); });
    EXPECT_TRUE(has(e, "model.safetensors: tensor 'conv.weight' holds Inf at element 7")) << e;
}

// The LibTorch path of every torch module (the coreference reference path, the pair models).
TEST(StrictWeights, ModuleWeightsRefuseNanExtraAndShape)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("m.safetensors");
    torch::nn::Sequential module(torch::nn::Linear(3, 4), torch::nn::Conv1d(torch::nn::Conv1dOptions(4, 2, 3)));
    saveModuleWeights(*module, "test-1", path.toStdString());

    torch::nn::Sequential fresh(torch::nn::Linear(3, 4), torch::nn::Conv1d(torch::nn::Conv1dOptions(4, 2, 3)));
    loadModuleWeights(*fresh, path.toStdString());
    EXPECT_TRUE(torch::equal(fresh->named_parameters()["1.weight"], module->named_parameters()["1.weight"]));

    plantNan(path, "1.weight"); // a 3-D convolution weight
    EXPECT_TRUE(has(errorOf([&] { loadModuleWeights(*fresh, path.toStdString()); }),
                    "tensor '1.weight' holds NaN at element 3"));

    saveModuleWeights(*module, "test-1", path.toStdString());
    addExtra(path);
    EXPECT_TRUE(has(errorOf([&] { loadModuleWeights(*fresh, path.toStdString()); }),
                    "1 unexpected tensor: extra.weight"));

    torch::nn::Sequential other(torch::nn::Linear(3, 5), torch::nn::Conv1d(torch::nn::Conv1dOptions(4, 2, 3)));
    saveModuleWeights(*module, "test-1", path.toStdString());
    const std::string e = errorOf([&] { loadModuleWeights(*other, path.toStdString()); });
    EXPECT_TRUE(has(e, "tensor '0.weight' has shape (4, 3), expected (5, 3)")) << e;

    QFile::remove(path);
    EXPECT_TRUE(has(errorOf([&] { loadModuleWeights(*fresh, path.toStdString()); }), "m.safetensors: file not found"));
}
