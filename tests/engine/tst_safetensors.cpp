// Reading, writing and validating safetensors files (DESIGN.md section 3).
#include "engine/safetensors.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstring>

using namespace attn;

namespace {

std::vector<std::uint8_t> withHeader(const std::string& json, std::size_t dataBytes)
{
    std::vector<std::uint8_t> out(8 + json.size() + dataBytes, 0);
    const std::uint64_t n = json.size();
    for (int i = 0; i < 8; ++i) {
        out[std::size_t(i)] = std::uint8_t(n >> (8 * i));
    }
    std::memcpy(out.data() + 8, json.data(), json.size());
    return out;
}

std::string errorOf(const std::vector<std::uint8_t>& bytes)
{
    try {
        SafeTensorsFile::parse(bytes, "model.safetensors");
    } catch (const SafeTensorsError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST(SafeTensors, WriteThenReadRoundTrips)
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("m.safetensors").toStdString();
    SafeTensorsWriter w;
    const std::vector<float> a = {1.5f, -2.0f, 3.25f, 0.0f, 5.0f, 6.0f};
    w.addFloats("layer.weight", {2, 3}, a);
    w.addInts("ids", {3}, {7, -8, 9});
    w.setMetadata("format", "pt");
    w.write(path);
    const auto f = SafeTensorsFile::read(path);
    EXPECT_EQ(f.floats("layer.weight", {2, 3}), a);
    EXPECT_EQ(f.ints("ids"), (std::vector<std::int64_t>{7, -8, 9}));
    EXPECT_EQ(f.metadata().at("format"), "pt");
    EXPECT_EQ(f.info("layer.weight").dtype, DType::F32);
    EXPECT_EQ(f.names().size(), 2u);
    EXPECT_THROW(f.floats("layer.weight", {3, 2}), SafeTensorsError);
    EXPECT_THROW(f.floats("missing"), SafeTensorsError);
    EXPECT_THROW(f.floats("ids"), SafeTensorsError);
}

TEST(SafeTensors, HalfPrecisionIsConverted)
{
    // 0x3C00 = 1.0, 0xC000 = -2.0, 0x3555 ~ 0.333; bf16 0x3F80 = 1.0
    auto bytes = withHeader(R"({"h":{"dtype":"F16","shape":[3],"data_offsets":[0,6]},)"
                            R"("b":{"dtype":"BF16","shape":[1],"data_offsets":[6,8]}})",
                            8);
    const std::size_t d = bytes.size() - 8;
    const std::uint8_t data[] = {0x00, 0x3C, 0x00, 0xC0, 0x55, 0x35, 0x80, 0x3F};
    std::memcpy(bytes.data() + d, data, 8);
    const auto f = SafeTensorsFile::parse(bytes, "x");
    const auto h = f.floats("h");
    EXPECT_FLOAT_EQ(h[0], 1.0f);
    EXPECT_FLOAT_EQ(h[1], -2.0f);
    EXPECT_NEAR(h[2], 1.0 / 3.0, 1e-3);
    EXPECT_FLOAT_EQ(f.floats("b")[0], 1.0f);
}

TEST(SafeTensors, ValidationNamesTheProblem)
{
    EXPECT_NE(errorOf({1, 2, 3}).find("truncated"), std::string::npos);
    auto huge = withHeader("{}", 0);
    huge[7] = 0x7f;
    EXPECT_NE(errorOf(huge).find("does not fit"), std::string::npos);
    EXPECT_NE(errorOf(withHeader("not json", 0)).find("not a JSON object"), std::string::npos);
    EXPECT_NE(errorOf(withHeader(R"({"a":{"dtype":"F99","shape":[1],"data_offsets":[0,4]}})", 4)).find("unknown dtype"),
              std::string::npos);
    EXPECT_NE(errorOf(withHeader(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}})", 4)).find("need 8 bytes"),
              std::string::npos);
    EXPECT_NE(errorOf(withHeader(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 4)).find("truncated"),
              std::string::npos);
    EXPECT_NE(errorOf(withHeader(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                                 R"("b":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}})",
                                 6))
                  .find("overlaps"),
              std::string::npos);
    EXPECT_NE(errorOf(withHeader(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", 8)).find("hole"),
              std::string::npos);
    EXPECT_NE(errorOf(withHeader(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", 9)).find("unindexed"),
              std::string::npos);
    EXPECT_NE(errorOf(withHeader(R"({"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", 4)).find("shape"),
              std::string::npos);
    EXPECT_NE(errorOf(withHeader(R"({"a":{"dtype":"F32","shape":[4294967295,4294967295],"data_offsets":[0,4]}})", 4))
                  .find("need"),
              std::string::npos);
}

TEST(SafeTensors, MissingAndTruncatedFilesAreReported)
{
    QTemporaryDir dir;
    try {
        SafeTensorsFile::read(dir.filePath("none.safetensors").toStdString());
        FAIL();
    } catch (const SafeTensorsError& e) {
        EXPECT_NE(std::string(e.what()).find("none.safetensors: file not found"), std::string::npos) << e.what();
    }
    SafeTensorsWriter w;
    w.addFloats("w", {64}, std::vector<float>(64, 1.0f));
    auto bytes = w.serialise();
    for (std::size_t cut : {std::size_t(4), std::size_t(20), bytes.size() - 1}) {
        std::vector<std::uint8_t> part(bytes.begin(), bytes.begin() + std::ptrdiff_t(cut));
        EXPECT_NE(errorOf(part), "no error") << "cut at " << cut;
    }
}
