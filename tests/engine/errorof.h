#pragma once
// The engine tests' way to check a refusal: the message of the ModelError a call throws.

#include "engine/textmodel.h"

#include <functional>
#include <string>

namespace attn::test {

// The what() of the ModelError f throws, or "no error" when it throws none (other exceptions pass through).
inline std::string errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const ModelError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace attn::test
