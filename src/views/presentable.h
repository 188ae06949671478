#pragma once

namespace attn {

// A view that can be projected: presentation mode asks it to draw every piece of text it paints itself at least
// px pixels high (about screen height / 50), with colours of at least 4.5:1 contrast (WCAG 2) against what lies
// behind them. Views implement it beside QWidget; the lesson player finds them with dynamic_cast.
class Presentable
{
public:
    virtual ~Presentable() = default;
    // 0 restores the view's normal sizes.
    virtual void setMinimumTextPixels(int px) = 0;
};

} // namespace attn
