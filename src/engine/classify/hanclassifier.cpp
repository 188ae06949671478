// The hierarchical attention network (Yang et al. 2016): a BiGRU and attention pooling inside each sentence give
// sentence vectors; a second BiGRU and attention pooling over them give the document vector; a linear layer
// classifies it (course notes 002, multi-level attention).
#include "engine/classify/classifierfamilies.h"
#include "engine/classify/classifierlayers.h"
#include "engine/classify/classifydata.h"

#include <QDir>
#include <QFileInfo>

namespace attn::classify {

namespace {

class HanClassifier : public ClassifierModel
{
public:
    HanClassifier(const QString& dir, const QJsonObject& config)
        : m_name(QFileInfo(dir).fileName()), m_vocabulary(loadVocabulary(dir))
    {
        const QString configPath = QDir(dir).filePath("config.json");
        m_labels = configLabels(config, configPath);
        const int embedding = configSize(config, configPath, "embedding");
        const int hidden = configSize(config, configPath, "hidden");
        const int attention = configSize(config, configPath, "attention");
        m_maxSentences = configSize(config, configPath, "max_sentences", 100000);
        m_maxSentenceTokens = configSize(config, configPath, "max_sentence_tokens", 100000);
        WeightReader weights(QDir(dir).filePath("model.safetensors"));
        m_embedding = weights.matrix("embedding.weight", m_vocabulary.size(), embedding).transpose();
        m_wordGru = weights.biGru("word_gru", embedding, hidden);
        m_wordAttention = weights.attention("word_attention", 2 * embedding, attention);
        m_sentenceGru = weights.biGru("sentence_gru", 2 * hidden, hidden);
        m_sentenceAttention = weights.attention("sentence_attention", 2 * hidden, attention);
        m_out = weights.linear("out", 2 * hidden, int(m_labels.size()));
        weights.finish();
    }

    QString name() const override { return m_name; }
    QString family() const override { return QStringLiteral("han"); }

    ClassificationResult classify(const QString& text, const QString& text2) const override
    {
        if (!text2.trimmed().isEmpty()) {
            throw ModelError("this document classifier reads one text; --text2 is only for pair models");
        }
        const auto sentences = splitSentences(tokenizeText(text.toStdString()));
        if (sentences.empty()) {
            throw ModelError("the text is empty: give a document to classify");
        }
        if (int(sentences.size()) > m_maxSentences) {
            throw ModelError("the text is too long: " + std::to_string(sentences.size()) +
                             " sentences, this model reads at most " + std::to_string(m_maxSentences));
        }
        ClassificationResult r;
        r.kind = ClassificationResult::Kind::Document;
        r.modelName = m_name;
        r.labelNames = m_labels;
        Eigen::MatrixXf sentenceVectors(2 * m_wordGru.hidden, Eigen::Index(sentences.size()));
        for (std::size_t s = 0; s < sentences.size(); ++s) {
            if (int(sentences[s].size()) > m_maxSentenceTokens) {
                throw ModelError(
                    "sentence " + std::to_string(s) + " is too long: " + std::to_string(sentences[s].size()) +
                    " tokens, this model reads at most " + std::to_string(m_maxSentenceTokens) + " per sentence");
            }
            const Eigen::MatrixXf x = embed(m_embedding, encodeKnown(m_vocabulary, sentences[s]));
            const Eigen::MatrixXf states = m_wordGru.run(x);
            const Eigen::VectorXf w = m_wordAttention.weights(wordWindow(x));
            sentenceVectors.col(Eigen::Index(s)) = states * w;
            QStringList words;
            for (const auto& t : sentences[s]) {
                words << QString::fromStdString(t);
            }
            r.sentences.push_back(words);
            r.sentenceWordWeights.emplace_back(w.data(), w.data() + w.size());
        }
        const Eigen::MatrixXf states = m_sentenceGru.run(sentenceVectors);
        const Eigen::VectorXf a =
            m_sentenceAttention.weights(sentenceVectors); // scores from the sentences' own vectors
        const Eigen::VectorXf probabilities = softmax(m_out.apply(states * a));
        r.sentenceWeights.assign(a.data(), a.data() + a.size());
        r.probabilities.assign(probabilities.data(), probabilities.data() + probabilities.size());
        Eigen::Index best = 0;
        probabilities.maxCoeff(&best);
        r.predicted = int(best);
        return r;
    }

private:
    QString m_name;
    QStringList m_labels;
    Vocabulary m_vocabulary;
    int m_maxSentences = 0;
    int m_maxSentenceTokens = 0;
    Eigen::MatrixXf m_embedding; // (E, V)
    BiGru m_wordGru, m_sentenceGru;
    AttentionPool m_wordAttention, m_sentenceAttention;
    LinearLayer m_out;
};

} // namespace

std::unique_ptr<ClassifierModel> openHanClassifier(const QString& dir, const QJsonObject& config)
{
    return std::make_unique<HanClassifier>(dir, config);
}

} // namespace attn::classify
