#include "engine/classify/pairmodel.h"

#include "engine/classify/classifierfamilies.h"
#include "engine/classify/pairdata.h"
#include "engine/classify/pairforward.h"
#include "engine/corpus/vocabulary.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace attn::classify {

namespace {

class PairModel : public ClassifierModel
{
public:
    PairModel(const QString& dir, const QJsonObject& json);

    QString name() const override { return m_name; }
    QString family() const override { return QStringLiteral("pair"); }
    ClassificationResult classify(const QString& text, const QString& text2) const override;

private:
    // text -> ids; throws ModelError naming `which` text and the problem
    std::vector<std::int64_t> encode(const QString& text, const char* which, QStringList& tokens) const;

    QString m_dir, m_name;
    QStringList m_labels;
    PairNetConfig m_config;
    Vocabulary m_vocabulary;
    std::unique_ptr<PairForward> m_net;
};

PairModel::PairModel(const QString& dir, const QJsonObject& json) : m_dir(dir)
{
    const QDir folder(dir);
    const QString configPath = folder.filePath("config.json");
    m_name = json.value("name").toString(QFileInfo(dir).fileName());
    m_config = PairNetConfig::fromJson(json, configPath);
    m_labels = configLabels(json, configPath);
    if (m_labels.size() != m_config.classes) {
        throw ModelError(configPath.toStdString() + ": \"labels\" must hold " + std::to_string(m_config.classes) +
                         " label names");
    }
    const QString vocabPath = folder.filePath("vocab.txt");
    try {
        m_vocabulary = Vocabulary::load(vocabPath.toStdString());
    } catch (const VocabularyError& e) {
        throw ModelError(e.what());
    }
    if (m_vocabulary.size() != m_config.vocab) {
        throw ModelError(vocabPath.toStdString() + ": " + std::to_string(m_vocabulary.size()) +
                         " words, but config.json says \"vocab_size\" is " + std::to_string(m_config.vocab));
    }
    m_net = std::make_unique<PairForward>(folder.filePath("model.safetensors"), m_config);
}

std::vector<std::int64_t> PairModel::encode(const QString& text, const char* which, QStringList& tokens) const
{
    const std::vector<std::string> words = pairTokens(text);
    if (words.empty()) {
        throw ModelError(std::string("the ") + which + " is empty");
    }
    if (int(words.size()) > m_config.maxLength) {
        throw ModelError(std::string("the ") + which + " has " + std::to_string(words.size()) +
                         " words; this model reads at most " + std::to_string(m_config.maxLength));
    }
    std::vector<std::int64_t> ids;
    for (const auto& w : words) {
        const std::int64_t id = m_vocabulary.id(w);
        if (id < 4) { // unknown, or a special token typed as text
            throw ModelError("unknown word '" + w + "' in the " + which + " (" + m_name.toStdString() + " knows the " +
                             std::to_string(m_vocabulary.size() - 4) + " words of its vocab.txt)");
        }
        ids.push_back(id);
        tokens << QString::fromStdString(w);
    }
    return ids;
}

ClassificationResult PairModel::classify(const QString& text, const QString& text2) const
{
    if (text.trimmed().isEmpty() && text2.trimmed().isEmpty()) {
        throw ModelError("a pair model needs two texts: the premise (--text) and the hypothesis (--text2); both are "
                         "empty");
    }
    if (text2.trimmed().isEmpty()) {
        throw ModelError("a pair model needs two texts: the premise (--text) and the hypothesis (--text2); the "
                         "hypothesis is missing");
    }
    ClassificationResult r;
    r.kind = ClassificationResult::Kind::Pair;
    r.modelName = m_name;
    r.labelNames = m_labels;
    const auto premise = encode(text, "premise", r.premiseTokens);
    const auto hypothesis = encode(text2, "hypothesis", r.hypothesisTokens);
    const PairForwardOutput o = m_net->run(premise, hypothesis);
    if (!o.logits.allFinite() || !o.attention.allFinite()) {
        throw ModelError(m_name.toStdString() + ": the model gave NaN or infinite values");
    }
    const Eigen::VectorXf probs = softmax(o.logits);
    r.probabilities.assign(probs.data(), probs.data() + probs.size());
    Eigen::Index best = 0;
    probs.maxCoeff(&best);
    r.predicted = int(best);
    // rows renormalised in double so each sums to 1 to float precision (the softmax gives 1 +- 1e-7)
    r.pairAttention.resize(o.attention.rows(), o.attention.cols());
    for (Eigen::Index i = 0; i < o.attention.rows(); ++i) {
        const double sum = o.attention.row(i).cast<double>().sum();
        r.pairAttention.row(i) = (o.attention.row(i).cast<double>() / sum).cast<float>();
    }
    if (o.premisePooling.size() > 0) {
        r.extraVectors.insert(
            QStringLiteral("premise_pooling"),
            std::vector<float>(o.premisePooling.data(), o.premisePooling.data() + o.premisePooling.size()));
    }
    return r;
}

} // namespace

std::vector<std::string> pairTokens(const QString& text)
{
    std::vector<std::string> out;
    for (auto& t : tokenizeText(text.toStdString())) {
        if (!isPunctuation(t)) {
            out.push_back(std::move(t));
        }
    }
    return out;
}

std::unique_ptr<ClassifierModel> openPairModel(const QString& dir, const QJsonObject& config)
{
    return std::make_unique<PairModel>(dir, config);
}

} // namespace attn::classify
