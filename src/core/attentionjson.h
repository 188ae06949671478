#pragma once

#include "core/attentionset.h"

#include <QJsonObject>

namespace attn {

// The DESIGN.md `attend` JSON: {"model", "source_tokens", "target_tokens", "attention": {block: L x H x Q x K}},
// plus "notices" when there are any and, for image blocks, "grid".
QJsonObject attentionSetToJson(const AttentionSet& set);
// The inverse; throws std::invalid_argument naming the field at fault. Rows are not renormalised.
AttentionSet attentionSetFromJson(const QJsonObject& json);

} // namespace attn
