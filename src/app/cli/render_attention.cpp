// render --attention FILE [--tokens FILE] --view matrix|head|model|text: attention files (.npy, .npz, safetensors,
// attention JSON) read lazily: the views read only the heads they show (the model grid pools every head).
#include "cli/command.h"
#include "cli/renderviews.h"
#include "core/attentionfile.h"
#include "core/attentionsourcemaps.h"
#include "views/colormaps.h"
#include "views/exporter.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/modelgridview.h"
#include "views/tokentextview.h"

#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <stdexcept>

namespace attn::cli {

namespace {

int indexOption(const QCommandLineParser& parser, const QString& name, int fallback, int count, const QString& what)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    if (!ok || v < 0 || v >= count)
        throw std::invalid_argument(QStringLiteral("--%1 %2: %3 has %4 0 to %5")
                                        .arg(name, parser.value(name), what, name == "layer" ? "layers" : "heads")
                                        .arg(count - 1)
                                        .toStdString());
    return v;
}

struct Selection
{
    int block = 0;
    int layer = 0;
    int head = 0;
    QString title;
};

Selection select(const QCommandLineParser& parser, const AttentionSource& source)
{
    Selection s;
    if (parser.isSet("kind")) {
        s.block = source.blockIndex(parser.value("kind"));
        if (s.block < 0)
            throw std::invalid_argument(QStringLiteral("--kind %1: the file has %2")
                                            .arg(parser.value("kind"), source.blockNames().join(", "))
                                            .toStdString());
    }
    const AttentionBlockInfo& info = source.blockInfo(s.block);
    s.layer = indexOption(parser, "layer", info.layers - 1, info.layers, info.name);
    s.head = indexOption(parser, "head", 0, info.heads, info.name);
    return s;
}

QString drawMatrix(const AttentionSource& source, const Selection& s, const QCommandLineParser& parser,
                   const QString& out, QSize size)
{
    const AttentionMap map = sourceHeadMap(source, s.block, s.layer, s.head);
    HeatmapView view;
    view.setColorMap(colorMapFromId(parser.value("colormap")));
    view.setPoolMode(poolModeFromId(parser.value("pool")));
    view.setMatrix(map.weights, map.queries, map.keys, map.queryLabels, map.keyLabels);
    view.setAxisTitles(QStringLiteral("query"), QStringLiteral("key"));
    view.setTitle(s.title);
    layoutOffscreen(&view, size);
    QString error;
    return view.exportTo(out, &error) ? QString() : error;
}

QString drawHead(const AttentionSource& source, const Selection& s, const QCommandLineParser& parser,
                 const QString& out, QSize size)
{
    std::vector<HeadLines> heads;
    if (parser.isSet("head")) {
        heads.push_back({sourceHeadMap(source, s.block, s.layer, s.head), QStringLiteral("H%1").arg(s.head),
                         HeadView::headColor(s.head)});
    } else {
        std::vector<AttentionMap> maps = sourceLayerMaps(source, s.block, s.layer);
        for (int h = 0; h < int(maps.size()); ++h)
            heads.push_back({std::move(maps[std::size_t(h)]), QStringLiteral("H%1").arg(h), HeadView::headColor(h)});
    }
    HeadView view;
    view.setHeads(std::move(heads));
    view.setTitle(s.title);
    return exportPresentableView(&view, parser, out, size);
}

QString drawModel(const AttentionSource& source, const Selection& s, const QCommandLineParser& parser,
                  const QString& out, QSize size)
{
    ModelGridView view;
    view.setColorMap(colorMapFromId(parser.value("colormap")));
    view.setBlock(std::make_shared<const AttentionBlock>(
        pooledBlock(source, s.block, 64, poolModeFromId(parser.value("pool")))));
    view.setTitle(QStringLiteral("%1: %2, every layer and head")
                      .arg(QFileInfo(source.name()).fileName(), source.blockInfo(s.block).name));
    if (parser.isSet("layer") || parser.isSet("head"))
        view.setSelected(s.layer, s.head);
    layoutOffscreen(&view, size.expandedTo(view.minimumSizeHint()));
    QString error;
    return view.exportTo(out, &error) ? QString() : error;
}

QString drawText(const std::shared_ptr<const AttentionSource>& source, const Selection& s,
                 const QCommandLineParser& parser, const QString& out, QSize size)
{
    const AttentionBlockInfo& info = source->blockInfo(s.block);
    if (info.queries != info.keys || info.name == QLatin1String("cross"))
        return QStringLiteral("--view text shows self-attention; %1 is %2 x %3 (choose another --kind)")
            .arg(info.name)
            .arg(info.queries)
            .arg(info.keys);
    // The pinned token: --select (a token or a position), else the last one (what a causal model predicts from).
    int pinned = info.queries - 1;
    if (parser.isSet("select")) {
        const QString v = parser.value("select");
        bool isNumber = false;
        const int n = v.toInt(&isNumber);
        pinned = isNumber && n >= 0 && n < info.queries ? n : int(info.queryLabels.indexOf(v));
        if (pinned < 0)
            return QStringLiteral("--select %1: no such token").arg(v);
    }
    TokenTextView view;
    view.setSource(source, s.block, s.layer);
    view.setHead(parser.isSet("head") ? s.head : -1);
    view.setPinnedToken(pinned);
    if (parser.isSet("font-px"))
        view.setMinimumTextPixels(parser.value("font-px").toInt());
    layoutOffscreen(&view, size);
    QString error;
    return view.exportTo(out, &error) ? QString() : error;
}

} // namespace

bool isAttentionFileRender(const QCommandLineParser& parser)
{
    if (!parser.isSet("attention") || parser.isSet("attention2"))
        return false;
    if (parser.value("view") == QLatin1String("text"))
        return true;
    // An `attend` JSON keeps its own path (aggregations, --hide, --select, --scene); every other file is read lazily.
    QFile file(parser.value("attention"));
    if (!file.open(QIODevice::ReadOnly))
        return true; // the loader names the problem
    const QByteArray start = file.read(64).trimmed();
    return !start.startsWith('{');
}

QString renderAttentionFile(const QCommandLineParser& parser, const QString& out, QSize size)
{
    const QString viewName = parser.value("view");
    static const QStringList kViews{"matrix", "head", "model", "text"};
    if (!kViews.contains(viewName))
        return QStringLiteral("--attention FILE draws --view %1, not '%2'").arg(kViews.join(", "), viewName);
    if (!colorMapIds().contains(parser.value("colormap")))
        return QStringLiteral("--colormap: unknown colour map '%1' (choose %2)")
            .arg(parser.value("colormap"), colorMapIds().join(", "));
    try {
        poolModeFromId(parser.value("pool"));
        const auto source = openAttentionFile(parser.value("attention"), parser.value("tokens"));
        Selection s = select(parser, *source);
        s.title = QStringLiteral("%1: %2, layer %3, head %4")
                      .arg(QFileInfo(source->name()).fileName(), source->blockInfo(s.block).name)
                      .arg(s.layer)
                      .arg(s.head);
        QString error;
        if (viewName == QLatin1String("matrix"))
            error = drawMatrix(*source, s, parser, out, size);
        else if (viewName == QLatin1String("head"))
            error = drawHead(*source, s, parser, out, size);
        else if (viewName == QLatin1String("model"))
            error = drawModel(*source, s, parser, out, size);
        else
            error = drawText(source, s, parser, out, size);
        // After drawing: a bad head found while reading must stay the only line on stderr.
        if (error.isEmpty())
            for (const QString& notice : source->notices())
                std::fprintf(stderr, "attnscope-cli: notice: %s\n", notice.toLocal8Bit().constData());
        return error;
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
}

namespace {

QString drawTextView(const QCommandLineParser& parser, const QString& out, QSize size)
{
    if (!parser.isSet("attention"))
        return QStringLiteral("--view text needs --attention FILE");
    return renderAttentionFile(parser, out, size);
}

std::vector<QCommandLineOption> attentionFileOptions()
{
    return {
        {"attention", "An attention file: .npy, .npz, .safetensors or attention JSON.", "FILE"},
        {"tokens", "--attention: the tokens (one a line, or a JSON list) instead of those inside or beside FILE.",
         "FILE"},
        {"pool", "--attention: what a pixel shows when it covers several cells: max (default) or mean.", "MODE", "max"},
        {"kind", "encoder_self, decoder_self, cross or attention (default: the first in the file).", "KIND"},
        {"layer", "Layer, from 0 (default: the last).", "N"},
        {"head", "Head, from 0 (default 0).", "N"},
        {"colormap", "viridis (default), magma, greys or blues.", "NAME", "viridis"},
        {"select", "text: the token whose attention is shown (text or position; default: the last).", "TOKEN"},
    };
}

} // namespace

ATTN_RENDER_VIEW({"text", "the token text view of an attention file (--attention FILE)", attentionFileOptions(),
                  &drawTextView});

} // namespace attn::cli
