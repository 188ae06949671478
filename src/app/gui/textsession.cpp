#include "gui/textsession.h"

#include "engine/hf/hftextmodel.h"
#include "engine/textmodel.h"

namespace attn {

TextSession::TextSession(QObject* parent) : QObject(parent)
{
    connect(&m_runner, &JobRunner::busyChanged, this, &TextSession::busyChanged);
    connect(&m_runner, &JobRunner::failed, this, &TextSession::failed);
}

TextSession::~TextSession() = default;

QString TextSession::modelName() const
{
    return m_model ? m_model->name() : QString();
}

void TextSession::openModel(const QString& path)
{
    m_wantedPath = path;
    m_runner.start(tr("Opening %1").arg(path), [this, path](JobContext&) -> JobRunner::Delivery {
        try {
            auto model = std::shared_ptr<TextModel>(openTextModel(path));
            return [this, model, path] { setModel(model, path); };
        } catch (const ModelError& e) {
            // The model that was open stays the one runs use.
            const QString message = QString::fromLocal8Bit(e.what());
            return [this, message] {
                m_wantedPath = m_modelPath;
                Q_EMIT failed(message);
            };
        }
    });
}

void TextSession::setModel(std::shared_ptr<TextModel> model, const QString& path)
{
    m_model = std::move(model);
    m_modelPath = path;
    m_wantedPath = path;
    Q_EMIT modelOpened(modelName(), path);
}

namespace {

// A Hugging Face folder may keep only some layers: keep the one the views show. Other models keep every layer.
// (A dynamic_cast here rather than a virtual on TextModel: only this model family drops layers.)
AttentionSet attendKeeping(TextModel& model, const QString& text, int layer)
{
    if (const auto* hfModel = dynamic_cast<const hf::HfTextModel*>(&model)) {
        return hfModel->run(text, layer < hfModel->layerCount() ? layer : -1).set;
    }
    return model.attend(text);
}

} // namespace

int TextSession::modelLayers() const
{
    const auto* hfModel = dynamic_cast<const hf::HfTextModel*>(m_model.get());
    return hfModel ? hfModel->layerCount() : 0;
}

void TextSession::runForLayer(int layer)
{
    if (!m_lastText.isEmpty()) {
        run(m_lastText, m_lastSecond, layer);
    }
}

void TextSession::run(const QString& text, const QString& second, int layer)
{
    if (!m_model && m_wantedPath.isEmpty()) {
        Q_EMIT failed(tr("Open a model first (File > Open model…)."));
        return;
    }
    const QString path = m_wantedPath;
    const auto cached = path == m_modelPath ? m_model : nullptr;
    m_lastText = text;
    m_lastSecond = second;
    m_runner.start(tr("Running the model"),
                   [this, path, cached, text, second, layer](JobContext&) -> JobRunner::Delivery {
                       const auto model = cached ? cached : std::shared_ptr<TextModel>(openTextModel(path));
                       auto set = std::make_shared<AttentionSet>(attendKeeping(*model, text, layer));
                       auto other = std::make_shared<AttentionSet>();
                       if (!second.isEmpty()) {
                           *other = attendKeeping(*model, second, layer);
                       }
                       return [this, model, path, cached, set, other] {
                           if (!cached) {
                               setModel(model, path);
                           }
                           Q_EMIT finished(*set, *other);
                       };
                   });
}

void TextSession::cancel()
{
    m_runner.cancel();
}

} // namespace attn
