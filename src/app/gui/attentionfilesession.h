#pragma once

#include "core/attentionanalysis.h"
#include "core/attentionsource.h"
#include "gui/jobrunner.h"

#include <QObject>

#include <memory>
#include <vector>

namespace attn {

// The logic behind the attention-file panel: opens a file (npy, npz, safetensors, attention JSON) lazily and
// reads what the views show, off the GUI thread. Two runners, so that the selected head is never queued behind
// the model grid's thumbnails (every head of a block is read to pool them); in each, the latest request wins.
class AttentionFileSession : public QObject
{
    Q_OBJECT
public:
    explicit AttentionFileSession(QObject* parent = nullptr);
    ~AttentionFileSession() override;

    // Opens the file in the background; opened or failed follows. tokensPath as in openAttentionFile().
    void open(const QString& path, const QString& tokensPath = {});
    std::shared_ptr<const AttentionSource> source() const { return m_source; }
    QString path() const { return m_path; }

    // Reads one head (and, when the whole layer is small, every head of the layer); headReady follows.
    void requestHead(int block, int layer, int head);
    // Pools every head of a block into thumbnails; gridReady follows.
    void requestGrid(int block, PoolMode mode);

    const AttentionMap& headMap() const { return m_headMap; }
    // Every head of the layer, or empty when the layer is too large to hold (the head view then shows one head).
    const std::vector<AttentionMap>& layerMaps() const { return m_layerMaps; }
    std::shared_ptr<const AttentionBlock> grid() const { return m_grid; }
    int headBlock() const { return m_block; }
    int headLayer() const { return m_layer; }
    int headIndex() const { return m_head; }

    bool isBusy() const { return m_headRunner.isBusy() || m_gridRunner.isBusy() || m_openRunner.isBusy(); }
    void waitForIdle();

    // A layer's heads are read together up to this many bytes (4 x queries x keys x heads).
    static constexpr std::size_t kLayerBytes = std::size_t(64) << 20;

Q_SIGNALS:
    void opened();
    void headReady();
    void gridReady();
    void failed(const QString& message);

private:
    JobRunner m_openRunner;
    JobRunner m_headRunner;
    JobRunner m_gridRunner;
    std::shared_ptr<const AttentionSource> m_source;
    QString m_path;
    AttentionMap m_headMap;
    std::vector<AttentionMap> m_layerMaps;
    std::shared_ptr<const AttentionBlock> m_grid;
    int m_block = 0;
    int m_layer = 0;
    int m_head = 0;
};

} // namespace attn
