#include "gui/attentionfilesession.h"

#include "core/attentionfile.h"
#include "core/attentionsourcemaps.h"

namespace attn {

AttentionFileSession::AttentionFileSession(QObject* parent)
    : QObject(parent)
{
    for (JobRunner* runner : {&m_openRunner, &m_headRunner, &m_gridRunner})
        connect(runner, &JobRunner::failed, this, &AttentionFileSession::failed);
}

AttentionFileSession::~AttentionFileSession() = default;

void AttentionFileSession::open(const QString& path, const QString& tokensPath)
{
    m_headRunner.cancel();
    m_gridRunner.cancel();
    m_openRunner.start(tr("Opening %1…").arg(path), [this, path, tokensPath](JobContext&) -> JobRunner::Delivery {
        std::shared_ptr<const AttentionSource> source = openAttentionFile(path, tokensPath);
        return [this, source, path] {
            m_source = source;
            m_path = path;
            m_grid.reset();
            m_layerMaps.clear();
            m_headMap = AttentionMap();
            Q_EMIT opened();
        };
    });
}

void AttentionFileSession::requestHead(int block, int layer, int head)
{
    if (!m_source)
        return;
    std::shared_ptr<const AttentionSource> source = m_source;
    m_headRunner.start(tr("Reading head %1 of layer %2…").arg(head).arg(layer),
                       [this, source, block, layer, head](JobContext&) -> JobRunner::Delivery {
                           source->checkIndex(block, layer, head);
                           const AttentionBlockInfo& info = source->blockInfo(block);
                           const std::size_t layerBytes = std::size_t(4) * std::size_t(info.queries) *
                                                          std::size_t(info.keys) * std::size_t(info.heads);
                           std::vector<AttentionMap> maps;
                           AttentionMap map;
                           if (layerBytes <= kLayerBytes) {
                               maps = sourceLayerMaps(*source, block, layer, kLayerBytes);
                               map = maps[std::size_t(head)];
                           } else {
                               map = sourceHeadMap(*source, block, layer, head);
                           }
                           return [this, source, block, layer, head, map = std::move(map), maps = std::move(maps)] {
                               if (source != m_source)
                                   return; // a file opened since
                               m_block = block;
                               m_layer = layer;
                               m_head = head;
                               m_headMap = map;
                               m_layerMaps = maps;
                               Q_EMIT headReady();
                           };
                       });
}

void AttentionFileSession::requestGrid(int block, PoolMode mode)
{
    if (!m_source)
        return;
    std::shared_ptr<const AttentionSource> source = m_source;
    m_gridRunner.start(tr("Pooling every head into thumbnails…"),
                       [this, source, block, mode](JobContext&) -> JobRunner::Delivery {
                           auto grid = std::make_shared<const AttentionBlock>(pooledBlock(*source, block, 64, mode));
                           return [this, source, grid] {
                               if (source != m_source)
                                   return;
                               m_grid = grid;
                               Q_EMIT gridReady();
                           };
                       });
}

void AttentionFileSession::waitForIdle()
{
    m_openRunner.waitForIdle();
    m_headRunner.waitForIdle();
    m_gridRunner.waitForIdle();
}

} // namespace attn
