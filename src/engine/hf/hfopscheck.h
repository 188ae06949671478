#pragma once

// Shape checks shared by the kit's operation files (hfops.cpp, hfrope.cpp); not part of their public headers.

#include "engine/textmodel.h"

#include <Eigen/Core>
#include <string>

namespace attn::hf::ops {

// An engine bug, not bad input; still a message rather than a crash or a read out of bounds.
[[noreturn]] inline void shapeError(const char* op, const std::string& what)
{
    throw ModelError(std::string("internal: ") + op + ": " + what);
}

inline std::string dims(Eigen::Index r, Eigen::Index c)
{
    return "(" + std::to_string(r) + ", " + std::to_string(c) + ")";
}

} // namespace attn::hf::ops
