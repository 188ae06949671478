#pragma once

#include "engine/generation.h"
#include "views/colormaps.h"

#include <QString>
#include <functional>

namespace attn {

// The Generate tab's text as HTML: the tokens before `current` tinted by how much it attends to each (relative to
// the row's strongest, so small weights still show), `current` bold and underlined, later ones grey.
// weight(query, key): the weight the panel shows (one head or the mean of the layer's heads).
QString shadedGenerationHtml(const Generation& generation, int current, const std::function<float(int, int)>& weight,
                             ColorMap map);

} // namespace attn
