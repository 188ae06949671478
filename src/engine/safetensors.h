#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace attn {

// Errors reading or writing a safetensors file; what() names the file and the problem.
class SafeTensorsError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

enum class DType
{
    F32,
    F64,
    F16,
    BF16,
    I64,
    I32,
    I16,
    I8,
    U8,
    Bool
};

struct TensorInfo
{
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::size_t begin = 0; // byte offsets into the data section
    std::size_t end = 0;

    std::int64_t numel() const;
};

// The validated header of a safetensors file: what both the in-memory reader below and the memory-mapped reader of
// Hugging Face checkpoints (hf/hfcheckpoint.h) use, so there is one set of checks.
struct SafeTensorsLayout
{
    std::size_t dataStart = 0; // byte offset of the data section in the file
    std::size_t dataSize = 0;
    std::map<std::string, TensorInfo> tensors;
    std::map<std::string, std::string> metadata;
};

// Parses and validates the header of a safetensors file of `size` bytes whose first bytes are `bytes` (at least the
// 8-byte length and the header must be readable; the data section is only measured): header inside the file,
// known dtypes, offsets inside the data section, no overlaps or holes, byte counts equal to shape x dtype size.
// Throws SafeTensorsError "<source>: <problem>".
SafeTensorsLayout parseSafeTensorsLayout(const std::uint8_t* bytes, std::size_t size, const std::string& source);

// Converts n values of a float dtype (F32, F64, F16, BF16; little-endian, any alignment) to float32. Returns false
// for other dtypes.
bool convertToFloats(DType dtype, const std::uint8_t* data, std::size_t n, float* out);
// Rounds to nearest even, as torch's .half() and .bfloat16() do.
std::uint16_t floatToHalf(float f);
std::uint16_t floatToBFloat16(float f);

// A whole safetensors file (Hugging Face layout: 8-byte little-endian header length, JSON header, raw
// little-endian data) read into memory and validated: header inside the file, known dtypes, offsets inside
// the data section, no overlaps or holes, byte counts equal to shape x dtype size.
class SafeTensorsFile
{
public:
    static SafeTensorsFile read(const std::string& path);
    static SafeTensorsFile parse(const std::vector<std::uint8_t>& bytes, const std::string& sourceName);

    const std::string& source() const { return m_source; }
    std::vector<std::string> names() const;
    bool contains(const std::string& name) const { return m_tensors.count(name) != 0; }
    const TensorInfo& info(const std::string& name) const;
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }

    // The tensor as float32 (F32, F64, F16 and BF16 are converted). Throws if missing, not a float type, or,
    // when expectedShape is given, of another shape; the message names the file and the tensor.
    std::vector<float> floats(const std::string& name, const std::vector<std::int64_t>& expectedShape = {}) const;
    std::vector<std::int64_t> ints(const std::string& name) const;

private:
    std::string m_source;
    std::vector<std::uint8_t> m_data; // the data section only
    std::map<std::string, TensorInfo> m_tensors;
    std::map<std::string, std::string> m_metadata;
};

// Builds a safetensors file; tensors are written in insertion order.
class SafeTensorsWriter
{
public:
    void addFloats(const std::string& name, const std::vector<std::int64_t>& shape, const float* data);
    void addFloats(const std::string& name, const std::vector<std::int64_t>& shape, const std::vector<float>& data);
    // Stored as dtype F32, F16 or BF16 (rounded to nearest even), for models and tests of half-precision files.
    void addFloats(const std::string& name, const std::vector<std::int64_t>& shape, const std::vector<float>& data,
                   DType dtype);
    void addInts(const std::string& name, const std::vector<std::int64_t>& shape, const std::vector<std::int64_t>& data);
    void setMetadata(const std::string& key, const std::string& value) { m_metadata[key] = value; }
    std::vector<std::uint8_t> serialise() const;
    // Writes atomically (temporary file, then rename) so a failed save never destroys an existing model.
    void write(const std::string& path) const;

private:
    struct Entry
    {
        std::string name;
        DType dtype;
        std::vector<std::int64_t> shape;
        std::vector<std::uint8_t> bytes;
    };
    std::vector<Entry> m_entries;
    std::map<std::string, std::string> m_metadata;
};

std::string dtypeName(DType dtype);
std::size_t dtypeSize(DType dtype);

} // namespace attn
