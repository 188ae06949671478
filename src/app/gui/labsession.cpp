#include "gui/labsession.h"

#include "engine/modelregistry.h"

#include <cstdlib>
#include <memory>

namespace attn {

LabSession::LabSession(QObject* parent) : QObject(parent)
{
    connect(&m_runner, &JobRunner::busyChanged, this, &LabSession::busyChanged);
    connect(&m_runner, &JobRunner::failed, this, &LabSession::failed);
}

void LabSession::runModel(const QString& dir, const QString& text)
{
    m_modelDir = dir;
    m_text = text;
    if (dir.isEmpty()) {
        Q_EMIT failed(tr("no model chosen (no shipped model folder was found; pick one with “Other folder…”)"));
        return;
    }
    if (text.trimmed().isEmpty()) {
        Q_EMIT failed(tr("the sentence is empty; type an English sentence"));
        return;
    }
    m_runner.start(tr("Running %1").arg(dir), [this, dir, text](JobContext&) -> JobRunner::Delivery {
        auto vectors = std::make_shared<ModelVectors>(readModelVectors(dir, text)); // throws, naming the problem
        return [this, vectors] {
            m_vectors = std::move(*vectors);
            Q_EMIT modelRead();
        };
    });
}

int LabSession::instructiveStep(const ModelVectors& v)
{
    int best = 0;
    long bestDistance = -1;
    for (Eigen::Index t = 0; t < v.attention.rows(); ++t) {
        Eigen::Index peak = 0;
        v.attention.row(t).maxCoeff(&peak);
        const long distance = std::labs(long(peak) - long(t));
        if (distance > bestDistance) {
            best = int(t);
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace attn
