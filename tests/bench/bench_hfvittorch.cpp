// The ViT engine (hfvit.cpp) at the size of google/vit-base-patch16-224 (12 layers x 12 heads, hidden 768,
// intermediate 3072, 197 tokens, random weights with ViT's initializer range 0.02), every layer's attention kept,
// one thread, against the same network in LibTorch eager operations (the same library Python's eager PyTorch
// calls; the operations of transformers' modeling_vit: conv2d patches, linear, layer_norm, softmax, gelu) in the
// same run. Read the counter ours_over_libtorch of BM_VitBase224OursVsLibTorch: our median CPU time over
// LibTorch's, measured in alternating batches so both meet the same background load.
#include "../engine/hftestmodel.h"
#include "engine/hf/hfnetwork.h"
#include "engine/hf/hfops.h"

#include <QTemporaryDir>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <cmath>
#include <random>
#include <time.h>
#include <torch/torch.h>
#include <vector>

namespace {

constexpr int kHidden = 768, kLayers = 12, kHeads = 12, kInter = 3072, kImage = 224, kPatch = 16;
constexpr int kTokens = 1 + (kImage / kPatch) * (kImage / kPatch);

struct VitBase
{
    QTemporaryDir dir;
    attn::hftest::TestModel model;
};

const VitBase& vitBase()
{
    static VitBase* v = [] {
        auto* out = new VitBase;
        std::mt19937 rng(7);
        attn::hftest::TestModel& m = out->model;
        m.prefix = "vit.";
        m.config =
            QJsonObject{{"model_type", "vit"},           {"hidden_size", kHidden},      {"num_hidden_layers", kLayers},
                        {"num_attention_heads", kHeads}, {"intermediate_size", kInter}, {"hidden_act", "gelu"},
                        {"image_size", kImage},          {"patch_size", kPatch},        {"num_channels", 3},
                        {"layer_norm_eps", 1e-12}};
        const float r = 0.02f * std::sqrt(3.0f); // uniform with the standard deviation of normal(0, 0.02)
        m.addRandom("embeddings.cls_token", {1, 1, kHidden}, rng, r);
        m.addRandom("embeddings.position_embeddings", {1, kTokens, kHidden}, rng, r);
        m.addRandom("embeddings.patch_embeddings.projection.weight", {kHidden, 3, kPatch, kPatch}, rng, r);
        m.addFilled("embeddings.patch_embeddings.projection.bias", {kHidden}, 0.0f);
        for (int l = 0; l < kLayers; ++l) {
            const std::string p = "encoder.layer." + std::to_string(l) + ".";
            for (const char* n : {"layernorm_before", "layernorm_after"}) {
                m.addFilled(p + n + ".weight", {kHidden}, 1.0f);
                m.addFilled(p + n + ".bias", {kHidden}, 0.0f);
            }
            for (const char* n : {"attention.attention.query", "attention.attention.key", "attention.attention.value",
                                  "attention.output.dense"}) {
                m.addRandom(p + n + ".weight", {kHidden, kHidden}, rng, r);
                m.addFilled(p + n + ".bias", {kHidden}, 0.0f);
            }
            m.addRandom(p + "intermediate.dense.weight", {kInter, kHidden}, rng, r);
            m.addFilled(p + "intermediate.dense.bias", {kInter}, 0.0f);
            m.addRandom(p + "output.dense.weight", {kHidden, kInter}, rng, r);
            m.addFilled(p + "output.dense.bias", {kHidden}, 0.0f);
        }
        m.addFilled("layernorm.weight", {kHidden}, 1.0f);
        m.addFilled("layernorm.bias", {kHidden}, 0.0f);
        m.write(out->dir.path());
        return out;
    }();
    return *v;
}

std::vector<float> pixels()
{
    std::mt19937 rng(3);
    std::normal_distribution<float> n(0.0f, 1.0f);
    std::vector<float> px(std::size_t(3) * kImage * kImage);
    for (auto& v : px) {
        v = n(rng);
    }
    return px;
}

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

// transformers' ViTModel forward with output_attentions, in LibTorch eager operations.
struct TorchVit
{
    std::map<std::string, torch::Tensor> w;
    explicit TorchVit(const attn::hftest::TestModel& m)
    {
        for (const auto& t : m.tensors()) {
            w[t.name] = torch::tensor(t.data).reshape(t.shape);
        }
    }
    torch::Tensor forward(const torch::Tensor& image) const // (1, 3, 224, 224) -> attention (L, H, T, T)
    {
        torch::NoGradGuard noGrad;
        const std::int64_t d = kHidden, T = kTokens, H = kHeads, dh = kHidden / kHeads;
        torch::Tensor x = torch::conv2d(image, w.at("embeddings.patch_embeddings.projection.weight"),
                                        w.at("embeddings.patch_embeddings.projection.bias"), kPatch);
        x = torch::cat({w.at("embeddings.cls_token").reshape({1, d}), x.flatten(2).transpose(1, 2)[0]}, 0) +
            w.at("embeddings.position_embeddings").reshape({T, d});
        std::vector<torch::Tensor> attention;
        for (int l = 0; l < kLayers; ++l) {
            const std::string p = "encoder.layer." + std::to_string(l) + ".";
            const auto lin = [&](const torch::Tensor& t, const std::string& n) {
                return torch::linear(t, w.at(p + n + ".weight"), w.at(p + n + ".bias"));
            };
            const auto ln = [&](const torch::Tensor& t, const std::string& n) {
                return torch::layer_norm(t, {d}, w.at(p + n + ".weight"), w.at(p + n + ".bias"), 1e-12);
            };
            const torch::Tensor h = ln(x, "layernorm_before");
            const auto heads = [&](const torch::Tensor& t) { return t.view({T, H, dh}).transpose(0, 1); };
            const torch::Tensor q = heads(lin(h, "attention.attention.query"));
            const torch::Tensor k = heads(lin(h, "attention.attention.key"));
            const torch::Tensor v = heads(lin(h, "attention.attention.value"));
            const torch::Tensor a = torch::softmax(torch::matmul(q, k.transpose(-1, -2)) / std::sqrt(double(dh)), -1);
            attention.push_back(a);
            x = lin(torch::matmul(a, v).transpose(0, 1).reshape({T, d}), "attention.output.dense") + x;
            x = lin(torch::gelu(lin(ln(x, "layernorm_after"), "intermediate.dense")), "output.dense") + x;
        }
        return torch::stack(attention);
    }
};

void BM_VitBase224Ours(benchmark::State& state)
{
    attn::hf::ops::setThreads(1);
    const auto network = attn::hf::openNetwork(vitBase().dir.path());
    const std::vector<float> px = pixels();
    network->forwardImage(px, attn::hf::Capture{}); // warm-up
    std::vector<double> cpu;
    for (auto _ : state) {
        const double start = threadCpuSeconds();
        attn::hf::ForwardResult r = network->forwardImage(px, attn::hf::Capture{});
        benchmark::DoNotOptimize(r.attention.data());
        cpu.push_back(threadCpuSeconds() - start);
    }
    state.counters["cpu_median_ms"] = median(cpu) * 1e3;
}
BENCHMARK(BM_VitBase224Ours)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_VitBase224OursVsLibTorch(benchmark::State& state)
{
    attn::hf::ops::setThreads(1);
    torch::set_num_threads(1);
    const auto network = attn::hf::openNetwork(vitBase().dir.path());
    const TorchVit reference(vitBase().model);
    const std::vector<float> px = pixels();
    const torch::Tensor image = torch::tensor(px).reshape({1, 3, kImage, kImage});
    // Warm-up, and the check that both compute the same thing.
    const attn::hf::ForwardResult first = network->forwardImage(px, attn::hf::Capture{});
    const torch::Tensor ref = reference.forward(image).contiguous();
    const double diff = (torch::tensor(first.attention).reshape(ref.sizes()) - ref).abs().max().item<double>();
    std::vector<double> ours, theirs;
    for (auto _ : state) {
        for (int i = 0; i < int(state.range(0)); ++i) {
            double start = threadCpuSeconds();
            attn::hf::ForwardResult r = network->forwardImage(px, attn::hf::Capture{});
            benchmark::DoNotOptimize(r.attention.data());
            ours.push_back(threadCpuSeconds() - start);
            start = threadCpuSeconds();
            torch::Tensor a = reference.forward(image);
            benchmark::DoNotOptimize(a.data_ptr<float>());
            theirs.push_back(threadCpuSeconds() - start);
        }
    }
    state.counters["ours_cpu_median_ms"] = median(ours) * 1e3;
    state.counters["libtorch_cpu_median_ms"] = median(theirs) * 1e3;
    state.counters["ours_over_libtorch"] = median(ours) / median(theirs);
    state.counters["attention_max_diff"] = diff;
}
BENCHMARK(BM_VitBase224OursVsLibTorch)->Arg(5)->Iterations(2)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
