#include "gui/classifierspanel.h"

#include "gui/language.h"
#include "gui/modelfolders.h"
#include "ui_classifierspanel.h"
#include "views/classlabel.h"
#include "views/documentview.h"
#include "views/exporter.h"
#include "views/highlighttextview.h"
#include "views/lengthaccuracyplot.h"
#include "views/pairview.h"

#include <QDir>
#include <QHBoxLayout>
#include <QShortcut>
#include <QVBoxLayout>
#include <algorithm>

namespace attn {

namespace {

// "positive   (negative 0.38 · positive 0.62)"
QString predictionText(const ClassificationResult& r)
{
    QStringList probabilities;
    for (int i = 0; i < r.labelNames.size() && size_t(i) < r.probabilities.size(); ++i) {
        probabilities << QStringLiteral("%1 %2")
                             .arg(classLabelText(r.labelNames[i]))
                             .arg(double(r.probabilities[size_t(i)]), 0, 'f', 2);
    }
    return QStringLiteral("%1 → %2   (%3)")
        .arg(r.modelName, classLabelText(r.label()), probabilities.join(QStringLiteral(" · ")));
}

} // namespace

ClassifiersPanel::ClassifiersPanel(QWidget* parent) : Panel(parent), ui(std::make_unique<Ui::ClassifiersPanel>())
{
    ui->setupUi(this);
    ui->mainLayout->setStretchFactor(ui->pages, 1); // the views take the room, not the gaps between the inputs
    ui->familyCombo->addItem(tr("One sentence vector, three ways (pooling)"), int(Family::Pooling));
    ui->familyCombo->addItem(tr("Hierarchical attention (documents)"), int(Family::Han));
    ui->familyCombo->addItem(tr("CNN + attention (premise and hypothesis)"), int(Family::Pair));
    ui->modelCombo->addItem(tr("attention before the convolution (ABCNN-1)"), QStringLiteral("pair-abcnn1"));
    ui->modelCombo->addItem(tr("attention after the convolution (ABCNN-2)"), QStringLiteral("pair-abcnn2"));
    ui->modelCombo->addItem(tr("attentive pooling"), QStringLiteral("pair-attentive-pooling"));
    buildPages();

    connect(ui->familyCombo, &QComboBox::currentIndexChanged, this, &ClassifiersPanel::familyChanged);
    connect(ui->modelCombo, &QComboBox::currentIndexChanged, this, &ClassifiersPanel::classify);
    connect(ui->classifyButton, &QPushButton::clicked, this, &ClassifiersPanel::classify);
    connect(ui->exampleButton, &QPushButton::clicked, this, [this] { showExample(++m_example); });
    auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(shortcut, &QShortcut::activated, this, &ClassifiersPanel::classify);
    connect(&m_session, &ClassifiersSession::classified, this, &ClassifiersPanel::showOutcomes);
    connect(&m_session, &ClassifiersSession::failed, this, &Panel::errorOccurred);
    connect(&m_session, &ClassifiersSession::busyChanged, this, [this](bool busy) {
        if (busy) {
            Q_EMIT statusMessage(tr("Classifying…"));
        }
    });
    familyChanged(); // opens on the pooling family's example
}

ClassifiersPanel::~ClassifiersPanel() = default;

QString ClassifiersPanel::title() const
{
    return tr("Classifiers");
}

void ClassifiersPanel::buildPages()
{
    auto* pooling = new QVBoxLayout(ui->poolingHost);
    auto* columns = new QHBoxLayout;
    for (int i = 0; i < 3; ++i) {
        auto* view = new HighlightTextView(ui->poolingHost);
        columns->addWidget(view, 1, Qt::AlignTop);
        m_highlights.push_back(view);
    }
    pooling->addLayout(columns);
    m_plot = new LengthAccuracyPlot(ui->poolingHost);
    // The plot takes what the texts leave, down to a height that still reads (a lesson step at 720p).
    m_plot->setMinimumHeight(170);
    pooling->addWidget(m_plot, 1);

    auto* han = new QVBoxLayout(ui->hanHost);
    m_document = new DocumentView(ui->hanHost);
    han->addWidget(m_document);
    han->addStretch(1);

    auto* pair = new QVBoxLayout(ui->pairHost);
    m_pair = new PairView(ui->pairHost);
    pair->addWidget(m_pair, 0, Qt::AlignLeft);
    pair->addStretch(1);
}

ClassifiersPanel::Family ClassifiersPanel::family() const
{
    return Family(ui->familyCombo->currentData().toInt());
}

void ClassifiersPanel::setFamily(Family family)
{
    const int index = ui->familyCombo->findData(int(family));
    if (index == ui->familyCombo->currentIndex()) {
        familyChanged();
    } else {
        ui->familyCombo->setCurrentIndex(index);
    }
}

void ClassifiersPanel::setPairModel(const QString& name)
{
    const int index = ui->modelCombo->findData(name);
    if (index >= 0) {
        ui->modelCombo->setCurrentIndex(index);
    }
}

void ClassifiersPanel::setText(const QString& text, const QString& text2)
{
    ui->textEdit->setPlainText(text);
    ui->text2Edit->setText(text2);
}

void ClassifiersPanel::showExample(int index)
{
    m_example = index;
    const auto [text, text2] = ClassifiersSession::example(family(), index);
    setText(text, text2);
    classify();
}

QStringList ClassifiersPanel::modelsToRun() const
{
    QStringList models;
    if (family() == Family::Pair) {
        models << ui->modelCombo->currentData().toString();
    } else {
        models = ClassifiersSession::modelNames(family());
    }
    const QStringList missing = ClassifiersSession::missingModels(family());
    models.erase(std::remove_if(models.begin(), models.end(), [&](const QString& m) { return missing.contains(m); }),
                 models.end());
    return models;
}

void ClassifiersPanel::familyChanged()
{
    const Family f = family();
    ui->pages->setCurrentIndex(int(f));
    const bool pair = f == Family::Pair;
    ui->modelLabel->setVisible(pair);
    ui->modelCombo->setVisible(pair);
    ui->text2Label->setVisible(pair);
    ui->text2Edit->setVisible(pair);
    ui->textLabel->setText(f == Family::Pooling ? tr("&Review:")
                           : f == Family::Han   ? tr("&Document:")
                                                : tr("&Premise:"));

    const QStringList missing = ClassifiersSession::missingModels(f);
    // Nothing to show without the family's models: the message, not empty views.
    const bool nothing = missing.size() == ClassifiersSession::modelNames(f).size();
    ui->pages->setVisible(!nothing);
    ui->mainLayout->setStretchFactor(ui->messageLabel, nothing ? 1 : 0);
    ui->messageLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    if (missing.isEmpty()) {
        ui->messageLabel->clear();
        ui->messageLabel->setVisible(false);
    } else {
        ui->messageLabel->setText(
            tr("Missing model folders in %1: %2. They are trained with attnscope-cli train (see each card.md).")
                .arg(QDir::toNativeSeparators(modelsDirectory()), missing.join(QStringLiteral(", "))));
        ui->messageLabel->setVisible(true);
    }
    if (f == Family::Pooling) {
        updatePlot();
    }
    m_example = 0;
    const auto [text, text2] = ClassifiersSession::example(f, 0);
    setText(text, text2);
    for (auto* v : m_highlights) {
        v->clear();
        v->setTitle({});
    }
    m_document->clear();
    m_document->setTitle({});
    m_pair->clear();
    m_pair->setTitle({});
    classify();
}

void ClassifiersPanel::classify()
{
    const QStringList models = modelsToRun();
    if (models.isEmpty()) {
        return; // the message names the missing folders
    }
    m_session.classify(models, ui->textEdit->toPlainText(),
                       family() == Family::Pair ? ui->text2Edit->text() : QString());
}

void ClassifiersPanel::showOutcomes()
{
    const auto& outcomes = m_session.outcomes();
    QStringList problems;
    for (const auto& o : outcomes) {
        if (!o.ok()) {
            problems << o.error;
        }
    }
    if (!problems.isEmpty()) {
        ui->messageLabel->setText(problems.join(QLatin1Char('\n')));
        ui->messageLabel->setVisible(true);
    }
    switch (family()) {
    case Family::Pooling: {
        // One shading scale for the three, so that "mean" (1/n everywhere) looks as flat as it is.
        float most = 0.0f;
        for (const auto& o : outcomes) {
            for (float w : o.result.wordWeights) {
                most = std::max(most, w);
            }
        }
        const QStringList names = ClassifiersSession::modelNames(Family::Pooling);
        for (size_t i = 0; i < m_highlights.size(); ++i) {
            HighlightTextView* v = m_highlights[i];
            const auto it =
                std::find_if(outcomes.begin(), outcomes.end(), [&](const auto& o) { return o.model == names[int(i)]; });
            if (it == outcomes.end() || !it->ok()) {
                v->clear();
                v->setTitle(tr("%1: not available").arg(names[int(i)]));
                continue;
            }
            v->setWords(it->result.tokens, it->result.wordWeights);
            v->setTitle(titleFor(it->result));
            v->setShadingMax(most);
        }
        break;
    }
    case Family::Han:
        if (!outcomes.empty() && outcomes.front().ok()) {
            m_document->setResult(outcomes.front().result);
            m_document->setTitle(titleFor(outcomes.front().result));
        }
        break;
    case Family::Pair:
        if (!outcomes.empty() && outcomes.front().ok()) {
            m_pair->setResult(outcomes.front().result);
            m_pair->setTitle(titleFor(outcomes.front().result));
        }
        break;
    }
    Q_EMIT statusMessage(QString());
}

QString ClassifiersPanel::titleFor(const ClassificationResult& result) const
{
    // The prediction stays while the answer is hidden: a title of another length would move the layout on reveal.
    return predictionText(result);
}

void ClassifiersPanel::setAnswerHidden(bool hidden)
{
    m_answerHidden = hidden;
    for (auto* v : m_highlights) {
        v->setWeightsHidden(hidden);
    }
    m_document->setWeightsHidden(hidden);
    updatePlot();
    if (!m_session.outcomes().empty()) {
        showOutcomes();
    }
}

void ClassifiersPanel::updatePlot()
{
    std::vector<LengthAccuracyPlot::Series> series;
    const QStringList names = ClassifiersSession::modelNames(Family::Pooling);
    const QStringList labels = {tr("last state"), tr("mean"), tr("attention")};
    for (int i = 0; i < names.size(); ++i) {
        const auto buckets = ClassifiersSession::lengthAccuracy(ClassifiersSession::modelDirectory(names[i]));
        if (buckets.empty()) {
            continue;
        }
        LengthAccuracyPlot::Series s;
        s.name = labels[i];
        // While a lesson's question is open the axes stay (the layout does not jump on reveal) but not the lines.
        for (const auto& b : buckets) {
            s.buckets.push_back({b.minWords, b.maxWords, m_answerHidden ? qQNaN() : b.accuracy});
        }
        series.push_back(s);
    }
    m_plot->setVisible(!series.empty());
    m_plot->setSeries(series, tr("review length (tokens), held-out reviews"));
}

HighlightTextView* ClassifiersPanel::highlightView(int model) const
{
    return model >= 0 && size_t(model) < m_highlights.size() ? m_highlights[size_t(model)] : nullptr;
}

QWidget* ClassifiersPanel::currentPage() const
{
    switch (family()) {
    case Family::Pooling:
        return ui->poolingHost;
    case Family::Han:
        return ui->hanHost;
    case Family::Pair:
        return ui->pairHost;
    }
    return ui->poolingHost;
}

QString ClassifiersPanel::message() const
{
    return ui->messageLabel->isHidden() ? QString() : ui->messageLabel->text();
}

bool ClassifiersPanel::exportView(const QString& path, QString* error)
{
    return exportWidget(currentPage(), path, error);
}

std::optional<LessonStep> ClassifiersPanel::lessonStep() const
{
    LessonStep step;
    step.panel = QStringLiteral("classifiers");
    const Family f = family();
    step.options.insert(QStringLiteral("family"), f == Family::Pooling ? QStringLiteral("pooling")
                                                  : f == Family::Han   ? QStringLiteral("han")
                                                                       : QStringLiteral("pair"));
    step.options.insert(QStringLiteral("text"), ui->textEdit->toPlainText());
    if (f == Family::Pair) {
        step.options.insert(QStringLiteral("text2"), ui->text2Edit->text());
        step.options.insert(QStringLiteral("variant"), ui->modelCombo->currentData().toString());
    }
    (currentLanguage().startsWith(QLatin1String("zh")) ? step.title.zh : step.title.en) =
        tr("%1: %2").arg(title(), ui->familyCombo->currentText());
    return step;
}

void ClassifiersPanel::setColorMap(ColorMap)
{
    // The classifier views keep their white-to-viridis word shading: black or white ink is chosen against it.
}

} // namespace attn
