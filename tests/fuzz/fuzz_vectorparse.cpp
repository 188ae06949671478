// Vectors and key lists typed by hand (`scores --query/--keys`, the scoring lab's fields).
#include "core/vectorparse.h"

#include <cstdint>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    try {
        const Eigen::VectorXd v = attn::parseVector(text, QStringLiteral("query"));
        if (!v.allFinite()) {
            __builtin_trap(); // NaN and infinity must be refused
        }
        (void)attn::formatVector(v);
    } catch (const std::invalid_argument&) {
    }
    try {
        const Eigen::MatrixXd m = attn::parseMatrix(text, QStringLiteral("key"));
        if (m.rows() < 1 || m.cols() < 1 || !m.allFinite()) {
            __builtin_trap();
        }
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
