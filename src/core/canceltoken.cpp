#include "core/canceltoken.h"

namespace attn {

namespace {
thread_local const CancelToken* tCurrent = nullptr;
}

CancelScope::CancelScope(const CancelToken& token) : m_previous(tCurrent)
{
    tCurrent = &token;
}

CancelScope::~CancelScope()
{
    tCurrent = m_previous;
}

bool cancelRequested()
{
    return tCurrent != nullptr && tCurrent->isCancelled();
}

void checkCancelled()
{
    if (cancelRequested()) {
        throw Cancelled();
    }
}

} // namespace attn
