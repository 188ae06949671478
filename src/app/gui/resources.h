#pragma once

namespace attn {
// Registers resources/attnscope.qrc; it lives in a static library, so nothing registers it automatically.
void initResources();
} // namespace attn
