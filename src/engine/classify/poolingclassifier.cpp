// The pooling classifiers: a BiGRU over the review, then one sentence vector by the last states, the mean of all
// states, or attention pooling (course notes 000, "LSTM + Attention" a, b, c), then a linear layer.
#include "engine/classify/classifierfamilies.h"
#include "engine/classify/classifierlayers.h"

#include <QDir>
#include <QFileInfo>

namespace attn::classify {

namespace {

class PoolingClassifier : public ClassifierModel
{
public:
    PoolingClassifier(const QString& dir, const QJsonObject& config)
        : m_name(QFileInfo(dir).fileName()), m_vocabulary(loadVocabulary(dir))
    {
        const QString configPath = QDir(dir).filePath("config.json");
        m_pooling = config.value("pooling").toString();
        if (m_pooling != "last" && m_pooling != "mean" && m_pooling != "attention") {
            throw ModelError(configPath.toStdString() + ": \"pooling\" must be \"last\", \"mean\" or \"attention\"");
        }
        m_labels = configLabels(config, configPath);
        const int embedding = configSize(config, configPath, "embedding");
        const int hidden = configSize(config, configPath, "hidden");
        m_maxTokens = configSize(config, configPath, "max_tokens", 100000);
        WeightReader weights(QDir(dir).filePath("model.safetensors"));
        m_embedding = weights.matrix("embedding.weight", m_vocabulary.size(), embedding).transpose();
        m_gru = weights.biGru("gru", embedding, hidden);
        if (m_pooling == "attention") {
            m_attention = weights.attention("attention", 2 * embedding, configSize(config, configPath, "attention"));
        }
        m_out = weights.linear("out", 2 * hidden, int(m_labels.size()));
        weights.finish();
    }

    QString name() const override { return m_name; }
    QString family() const override { return QStringLiteral("pooling"); }

    ClassificationResult classify(const QString& text, const QString& text2) const override
    {
        if (!text2.trimmed().isEmpty()) {
            throw ModelError("this review classifier reads one text; --text2 is only for pair models");
        }
        const std::vector<std::string> tokens = tokenizeText(text.toStdString());
        if (tokens.empty()) {
            throw ModelError("the text is empty: give a review to classify");
        }
        if (int(tokens.size()) > m_maxTokens) {
            throw ModelError("the text is too long: " + std::to_string(tokens.size()) +
                             " tokens, this model reads at most " + std::to_string(m_maxTokens));
        }
        const Eigen::MatrixXf x = embed(m_embedding, encodeKnown(m_vocabulary, tokens)); // (E, T)
        const Eigen::MatrixXf states = m_gru.run(x);                                     // (2H, T)
        const Eigen::Index n = states.cols();
        const int h = m_gru.hidden;
        Eigen::VectorXf weights;
        Eigen::VectorXf pooled(2 * h);
        if (m_pooling == "attention") {
            weights = m_attention.weights(wordWindow(x)); // scores from word windows, values the states
            pooled = states * weights;
        } else if (m_pooling == "mean") {
            weights = Eigen::VectorXf::Constant(n, 1.0f / float(n));
            pooled = states * weights;
        } else {
            // The final states of the two directions: the forward one at the last token, the backward one at the
            // first; the weights it implies are half on each end.
            pooled << states.col(n - 1).head(h), states.col(0).tail(h);
            weights = Eigen::VectorXf::Zero(n);
            weights(0) += 0.5f;
            weights(n - 1) += 0.5f;
        }
        const Eigen::VectorXf probabilities = softmax(m_out.apply(pooled));
        ClassificationResult r;
        r.kind = ClassificationResult::Kind::Single;
        r.modelName = m_name;
        r.labelNames = m_labels;
        r.probabilities.assign(probabilities.data(), probabilities.data() + probabilities.size());
        Eigen::Index best = 0;
        probabilities.maxCoeff(&best);
        r.predicted = int(best);
        for (const auto& t : tokens) {
            r.tokens << QString::fromStdString(t);
        }
        r.wordWeights.assign(weights.data(), weights.data() + weights.size());
        return r;
    }

private:
    QString m_name;
    QString m_pooling;
    QStringList m_labels;
    Vocabulary m_vocabulary;
    int m_maxTokens = 0;
    Eigen::MatrixXf m_embedding; // (E, V)
    BiGru m_gru;
    AttentionPool m_attention;
    LinearLayer m_out;
};

} // namespace

std::unique_ptr<ClassifierModel> openPoolingClassifier(const QString& dir, const QJsonObject& config)
{
    return std::make_unique<PoolingClassifier>(dir, config);
}

} // namespace attn::classify
