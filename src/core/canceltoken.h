#pragma once

#include <atomic>
#include <memory>
#include <stdexcept>

namespace attn {

// Thrown by checkCancelled() when the job a thread runs for has been cancelled. Job runners catch it and drop the
// job quietly; it is never shown to a person as an error.
class Cancelled : public std::runtime_error
{
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

// A cooperative cancel flag shared between whoever asks for work (the GUI) and the thread doing it. Copies share
// one flag. A default token is never cancelled.
class CancelToken
{
public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

// Makes token the current thread's token while the scope lives, so long loops deep in the engine (forward passes,
// beam search, generation, training) can call checkCancelled() without a token in every signature. Scopes nest;
// the previous token comes back when the scope ends.
class CancelScope
{
public:
    explicit CancelScope(const CancelToken& token);
    ~CancelScope();
    CancelScope(const CancelScope&) = delete;
    CancelScope& operator=(const CancelScope&) = delete;

private:
    const CancelToken* m_previous;
};

// True when the current thread's job has been cancelled (false outside any CancelScope).
bool cancelRequested();
// Throws Cancelled when cancelRequested(). Cheap enough to call once per layer, step or batch.
void checkCancelled();

} // namespace attn
