#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QSize>
#include <QString>

class QWidget;

#include <functional>
#include <vector>

namespace attn::cli {

// A view `attnscope-cli render --view NAME` can draw. Each view's file registers one with ATTN_RENDER_VIEW;
// draw() builds the widget from the parsed options, writes `out` (PNG, SVG or PDF) at `size`, and returns
// an empty string or the error to print.
struct RenderView
{
    QString name;
    QString summary;
    std::vector<QCommandLineOption> options;
    std::function<QString(const QCommandLineParser& parser, const QString& out, QSize size)> draw;
};

bool registerRenderView(RenderView view);
const std::vector<RenderView>& renderViews();

// The end of drawing a view that can present itself: --font-px (when given) as its minimum text size, laid out at
// size (or its minimum), written to out. Returns an empty string or the error to print.
QString exportPresentableView(QWidget* view, const QCommandLineParser& parser, const QString& out, QSize size);

// render --lesson NAME|FILE [--step N] [--present] [--lang L] [--size WxH]: a PDF handout with one page a step,
// or one step; returns an empty string or the error to print.
QString renderLesson(const QCommandLineParser& parser, const QString& out);

// render --attention FILE for files other than an `attend` JSON (npy, npz, safetensors) and for --view text: read
// lazily through an AttentionSource (render_attention.cpp). Returns an empty string or the error to print.
bool isAttentionFileRender(const QCommandLineParser& parser);
QString renderAttentionFile(const QCommandLineParser& parser, const QString& out, QSize size);

} // namespace attn::cli

#define ATTN_RENDER_VIEW(...)                                                                                          \
    static const bool ATTN_CLI_CONCAT(kRenderView_, __LINE__) =                                                       \
        ::attn::cli::registerRenderView(::attn::cli::RenderView __VA_ARGS__)
