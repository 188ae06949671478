#include "gui/resources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initAttnscopeResources()
{
    Q_INIT_RESOURCE(attnscope);
}

namespace attn {

void initResources()
{
    static const bool kDone = [] {
        initAttnscopeResources();
        return true;
    }();
    Q_UNUSED(kDone);
}

} // namespace attn
