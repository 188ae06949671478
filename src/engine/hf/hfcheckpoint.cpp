#include "engine/hf/hfcheckpoint.h"

#include "engine/hf/mappedtensors.h"
#include "engine/safetensors.h"
#include "engine/textmodel.h"

#include <QDir>
#include <QFileInfo>
#include <cmath>
#include <map>
#include <mutex>
#include <set>

namespace attn::hf {

namespace {

[[noreturn]] void fail(const QString& source, const std::string& what)
{
    throw ModelError(source.toStdString() + ": " + what);
}

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        s += (i ? ", " : "") + std::to_string(shape[i]);
    }
    return s + ")";
}

bool isFloat(DType d)
{
    return d == DType::F32 || d == DType::F16 || d == DType::BF16 || d == DType::F64;
}

// '*' matches any run of characters (dots included), '?' one character.
bool globMatch(const std::string& pattern, const std::string& text)
{
    std::size_t p = 0, t = 0, star = std::string::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The old LayerNorm names: "...LayerNorm.gamma" for ".weight", ".beta" for ".bias".
std::string oldNormName(const std::string& name)
{
    const std::size_t dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0) {
        return {};
    }
    const std::size_t prev = name.rfind('.', dot - 1);
    const std::size_t from = prev == std::string::npos ? 0 : prev + 1;
    std::string module = name.substr(from, dot - from);
    for (auto& ch : module) {
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
    }
    if (module.find("norm") == std::string::npos) {
        return {};
    }
    if (endsWith(name, ".weight")) {
        return name.substr(0, dot) + ".gamma";
    }
    if (endsWith(name, ".bias")) {
        return name.substr(0, dot) + ".beta";
    }
    return {};
}

} // namespace

struct Checkpoint::Impl
{
    using Stored = MappedTensors::Stored;
    struct Cached
    {
        std::vector<float> converted; // F16/BF16/F64, or F32 not aligned for float reads
        const float* values = nullptr;
        bool checked = false; // NaN/Inf scan passed
    };

    QString source;
    QStringList prefixes;
    MappedTensors storage;

    mutable std::mutex mutex;
    mutable std::map<std::string, Cached> cache;
    mutable std::set<std::string> used;
    mutable std::int64_t converted = 0;

    // The stored name a request resolves to, or null; tried receives the names looked for.
    const Stored* resolve(const std::string& name, std::vector<std::string>* tried) const
    {
        std::vector<std::string> candidates{name};
        for (const QString& p : prefixes) {
            candidates.push_back(p.toStdString() + name);
        }
        const std::size_t plain = candidates.size();
        for (std::size_t i = 0; i < plain; ++i) {
            std::string old = oldNormName(candidates[i]);
            if (!old.empty()) {
                candidates.push_back(std::move(old));
            }
        }
        for (const auto& c : candidates) {
            auto it = storage.tensors().find(c);
            if (it != storage.tensors().end()) {
                used.insert(c);
                return &it->second;
            }
        }
        if (tried) {
            *tried = std::move(candidates);
        }
        return nullptr;
    }

    const Stored& require(const std::string& name) const
    {
        std::vector<std::string> tried;
        const Stored* s = resolve(name, &tried);
        if (!s) {
            std::string list;
            for (const auto& t : tried) {
                list += (list.empty() ? "" : ", ") + t;
            }
            fail(source, "missing tensor '" + name + "' (looked for " + list + ")");
        }
        return *s;
    }

    const float* values(const Stored& s) const
    {
        Cached& c = cache[s.info.name];
        if (!c.values) {
            const std::size_t n = std::size_t(s.info.numel());
            if (s.info.dtype == DType::F32 && reinterpret_cast<std::uintptr_t>(s.data) % alignof(float) == 0) {
                c.values = reinterpret_cast<const float*>(s.data);
            } else {
                c.converted.resize(std::max<std::size_t>(n, 1));
                convertToFloats(s.info.dtype, s.data, n, c.converted.data());
                c.values = c.converted.data();
                converted += std::int64_t(n * sizeof(float));
            }
        }
        if (!c.checked) {
            const std::size_t n = std::size_t(s.info.numel());
            for (std::size_t i = 0; i < n; ++i) {
                if (!std::isfinite(c.values[i])) {
                    fail(s.file, "tensor '" + s.info.name + "' holds " + (std::isnan(c.values[i]) ? "NaN" : "Inf") +
                                     " at element " + std::to_string(i));
                }
            }
            c.checked = true;
        }
        return c.values;
    }

    const float* floats(const std::string& name, std::int64_t rows, std::int64_t cols, bool asVector) const
    {
        const Stored& s = require(name);
        if (!isFloat(s.info.dtype)) {
            fail(s.file, "tensor '" + s.info.name + "' is " + attn::dtypeName(s.info.dtype) +
                             ", not a float type (F32, F16, BF16)");
        }
        const auto& shape = s.info.shape;
        bool ok = rows >= 0 && cols >= 0 && s.info.numel() == rows * cols;
        if (ok && shape.size() == 2 && !asVector) {
            ok = shape[0] == rows && shape[1] == cols;
        } else if (ok && asVector) {
            int big = 0; // a vector may be stored (n), (1, n), (n, 1), (1, 1, n): one dimension other than 1
            for (auto d : shape) {
                big += d != 1 ? 1 : 0;
            }
            ok = big <= 1;
        } else if (ok && shape.size() == 1) {
            ok = rows == 1;
        }
        if (!ok) {
            fail(s.file, "tensor '" + s.info.name + "' has shape " + shapeText(shape) + ", expected " +
                             (asVector ? shapeText({cols}) : shapeText({rows, cols})));
        }
        return values(s);
    }
};

Checkpoint::Checkpoint() : m(std::make_unique<Impl>()) {}
Checkpoint::~Checkpoint() = default;

std::shared_ptr<Checkpoint> Checkpoint::open(const QString& dir, const QStringList& prefixes)
{
    std::shared_ptr<Checkpoint> c(new Checkpoint());
    c->m->prefixes = prefixes;
    const QString single = QDir(dir).filePath(QLatin1String(MappedTensors::kSingleFile));
    const QString index = QDir(dir).filePath(QLatin1String(MappedTensors::kIndexFile));
    if (QFileInfo::exists(single)) {
        c->m->source = single;
        c->m->storage.mapFile(single);
    } else if (QFileInfo::exists(index)) {
        c->m->source = index;
        c->m->storage.mapIndex(dir, index);
    } else {
        std::string hint;
        if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("pytorch_model.bin")))) {
            hint = " (pytorch_model.bin is not read: convert it to safetensors)";
        }
        fail(dir, std::string("no weights: neither ") + MappedTensors::kSingleFile + " nor " +
                      MappedTensors::kIndexFile + hint);
    }
    return c;
}

std::shared_ptr<Checkpoint> Checkpoint::openFile(const QString& path, const QStringList& prefixes)
{
    std::shared_ptr<Checkpoint> c(new Checkpoint());
    c->m->prefixes = prefixes;
    c->m->source = path;
    if (!QFileInfo::exists(path)) {
        fail(path, "file not found");
    }
    c->m->storage.mapFile(path);
    return c;
}

bool Checkpoint::has(const std::string& name) const
{
    std::lock_guard<std::mutex> lock(m->mutex);
    return m->resolve(name, nullptr) != nullptr;
}

MatrixMap Checkpoint::matrix(const std::string& name, std::int64_t rows, std::int64_t cols) const
{
    std::lock_guard<std::mutex> lock(m->mutex);
    return MatrixMap(m->floats(name, rows, cols, false), Eigen::Index(rows), Eigen::Index(cols));
}

VectorMap Checkpoint::vector(const std::string& name, std::int64_t size) const
{
    std::lock_guard<std::mutex> lock(m->mutex);
    return VectorMap(m->floats(name, 1, size, true), Eigen::Index(size));
}

const float* Checkpoint::values(const std::string& name, const std::vector<std::int64_t>& shape) const
{
    std::lock_guard<std::mutex> lock(m->mutex);
    const Impl::Stored& s = m->require(name);
    if (!isFloat(s.info.dtype)) {
        fail(s.file, "tensor '" + s.info.name + "' is " + attn::dtypeName(s.info.dtype) +
                         ", not a float type (F32, F16, BF16)");
    }
    if (s.info.shape != shape) {
        fail(s.file,
             "tensor '" + s.info.name + "' has shape " + shapeText(s.info.shape) + ", expected " + shapeText(shape));
    }
    return m->values(s);
}

std::vector<std::int64_t> Checkpoint::shape(const std::string& name) const
{
    std::lock_guard<std::mutex> lock(m->mutex);
    return m->require(name).info.shape;
}

std::vector<std::string> Checkpoint::unusedTensors(const QStringList& ignoredPatterns) const
{
    std::vector<std::string> patterns;
    for (const QString& p : ignoredPatterns) {
        patterns.push_back(p.toStdString());
    }
    std::lock_guard<std::mutex> lock(m->mutex);
    std::vector<std::string> out;
    for (const auto& [name, stored] : m->storage.tensors()) {
        if (m->used.count(name)) {
            continue;
        }
        // Patterns match the stored name, or the name without the class prefix ("cls.*" and "pooler.*" whether
        // the file says "bert.pooler..." or "pooler...").
        std::vector<std::string> forms{name};
        for (const QString& p : m->prefixes) {
            const std::string ps = p.toStdString();
            if (name.compare(0, ps.size(), ps) == 0) {
                forms.push_back(name.substr(ps.size()));
            }
        }
        bool ignored = false;
        for (const auto& pattern : patterns) {
            for (const auto& form : forms) {
                ignored = ignored || globMatch(pattern, form);
            }
        }
        if (!ignored) {
            out.push_back(name);
        }
    }
    return out;
}

void Checkpoint::finish(const QStringList& ignoredPatterns) const
{
    const auto unused = unusedTensors(ignoredPatterns);
    if (unused.empty()) {
        return;
    }
    std::string list;
    for (std::size_t i = 0; i < unused.size() && i < 5; ++i) {
        list += (i ? ", " : "") + unused[i];
    }
    if (unused.size() > 5) {
        list += " and " + std::to_string(unused.size() - 5) + " more";
    }
    fail(m->source, std::to_string(unused.size()) +
                        (unused.size() == 1 ? " unexpected tensor: " : " unexpected tensors: ") + list);
}

QString Checkpoint::dtypeName() const
{
    std::set<std::string> names;
    for (const auto& [name, stored] : m->storage.tensors()) {
        if (isFloat(stored.info.dtype)) {
            names.insert(attn::dtypeName(stored.info.dtype));
        }
    }
    if (names.size() == 1) {
        return QString::fromStdString(*names.begin());
    }
    return names.empty() ? QStringLiteral("none") : QStringLiteral("mixed");
}

std::int64_t Checkpoint::mappedBytes() const
{
    return m->storage.mappedBytes();
}

std::int64_t Checkpoint::convertedBytes() const
{
    std::lock_guard<std::mutex> lock(m->mutex);
    return m->converted;
}

QString Checkpoint::source() const
{
    return m->source;
}

} // namespace attn::hf
