#include "views/courserulesview.h"

#include "views/heatmapview.h"
#include "views/labstyle.h"
#include "views/presenttext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace attn {

namespace {

// The notes' own words (course notes 004, section 四 and 五), quoted as written: they are cited, not translated.
const char* const kNotesRules[3] = {
    "第一种方法: 将Q和K进行纵轴拼接，然后经过线性变换，再经过Softmax进行处理得到权重，最后和V进行相乘",
    "第二种方法: 将Q和K进行纵轴拼接，接着经过一次线性变化，然后进过tanh激活函数处理，再进行sum求和，再经过softmax进行处理"
    "得到权重，最后和V进行张量的乘法",
    "第三种方法: 将Q和K的转置进行矩阵相乘，然后除以一个缩放系数，再经过softmax进行处理得到权重，最后和V进行张量的乘法",
};
const char* const kNotesSteps =
    "第一步: 按照注意力规则，对Q、K、V进行注意力的计算<br>"
    "第二步: 如果第一步是拼接操作，需要将Q和第一步计算的结果进行再次拼接，如果是点乘运算，Q和K、V相等,一般属于自注意力，"
    "不需要拼接<br>"
    "第三步: 我们需要将第二步的结果，进行线性变化，按照指定输出维度进行结果的表示";

QString labelStyle(int px, bool box)
{
    return box ? QStringLiteral("QLabel { font-size: %1px; background: white; padding: 6px; border: 1px solid #c8c8c8; "
                                "border-radius: 8px; }")
                     .arg(std::max(14, px))
               : QStringLiteral("QLabel { font-size: %1px; }").arg(std::max(14, px));
}

QString shape(std::initializer_list<Eigen::Index> dims)
{
    QStringList parts;
    for (Eigen::Index d : dims) {
        parts << QString::number(d);
    }
    return QStringLiteral("[%1]").arg(parts.join(QLatin1Char(',')));
}

QString quote(const char* text)
{
    return QStringLiteral("<span style='color:#555555'>%1</span>").arg(QString::fromUtf8(text));
}

} // namespace

CourseRulesView::CourseRulesView(QWidget* parent) : QWidget(parent), m_example(courseRulesExample())
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    top->addWidget(m_title, 1);
    m_rowsLabel = new QLabel(tr("Rows of V:"), this);
    m_rowsSpin = new QSpinBox(this);
    m_rowsSpin->setRange(1, CourseRulesExample::kMaxRows);
    m_rowsSpin->setValue(CourseRulesExample::kPositions);
    m_rowsSpin->setToolTip(tr("Rule 1 has a fixed number of positions (%1): fewer rows are masked, more are refused. "
                              "Rules 2 and 3 take any number.")
                               .arg(CourseRulesExample::kPositions));
    m_rowsLabel->setBuddy(m_rowsSpin);
    top->addWidget(m_rowsLabel);
    top->addWidget(m_rowsSpin);
    outer->addLayout(top);
    m_heatmap = new HeatmapView(this);
    m_normalHeatmapMinHeight = m_heatmap->minimumHeight();
    outer->addWidget(m_heatmap, 2);
    m_notice = new QLabel(this);
    m_notice->setWordWrap(true);
    outer->addWidget(m_notice);
    auto* rules = new QHBoxLayout;
    for (QLabel*& label : m_rules) {
        label = new QLabel(this);
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        label->setStyleSheet(labelStyle(0, true));
        rules->addWidget(label, 1);
    }
    outer->addLayout(rules, 3);
    connect(m_rowsSpin, &QSpinBox::valueChanged, this, &CourseRulesView::setRows);
    m_title->setStyleSheet(labelStyle(0, false));
    m_rowsLabel->setStyleSheet(labelStyle(0, false));
    m_rowsSpin->setStyleSheet(QStringLiteral("QSpinBox { font-size: 14px; }"));
    recompute();
}

CourseRulesView::~CourseRulesView() = default;

void CourseRulesView::setRows(int rows)
{
    rows = std::clamp(rows, 1, int(CourseRulesExample::kMaxRows));
    {
        const QSignalBlocker block(m_rowsSpin);
        m_rowsSpin->setValue(rows);
    }
    if (rows == m_result.rows) {
        return;
    }
    m_result.rows = rows;
    recompute();
    Q_EMIT rowsChanged(rows);
}

QLabel* CourseRulesView::ruleLabel(int rule) const
{
    return rule >= 1 && rule <= 3 ? m_rules[rule - 1] : nullptr;
}

void CourseRulesView::setColorMap(ColorMap map)
{
    m_heatmap->setColorMap(map);
}

QString CourseRulesView::notice() const
{
    if (!m_result.rule1.error.empty()) {
        return tr("Rule 1 refuses V: %1. Rules 2 and 3 have no such limit.")
            .arg(QString::fromStdString(m_result.rule1.error));
    }
    if (m_result.maskedPositions > 0) {
        return tr("V has %1 rows but rule 1's attn layer gives %2 weights: the last %3 positions are masked (their "
                  "logits count as −∞), so the %1 weights still sum to 1.")
            .arg(m_result.rows)
            .arg(CourseRulesExample::kPositions)
            .arg(m_result.maskedPositions);
    }
    return {};
}

void CourseRulesView::recompute()
{
    m_result = courseRules(m_example, m_rowsSpin->value());
    const int n = m_result.rows;
    const bool rule1 = m_result.rule1.error.empty();
    std::vector<float> weights;
    QStringList rowLabels;
    const CourseRuleResult* shown[3] = {rule1 ? &m_result.rule1 : nullptr, &m_result.rule2, &m_result.rule3};
    const QString names[3] = {tr("rule 1 (MyAtt)"), tr("rule 2 (Σ tanh)"), tr("rule 3 (scaled dot)")};
    for (int r = 0; r < 3; ++r) {
        if (!shown[r]) {
            continue;
        }
        rowLabels << names[r];
        for (int i = 0; i < n; ++i) {
            weights.push_back(float(shown[r]->weights(i)));
        }
    }
    QStringList cols;
    for (int i = 0; i < n; ++i) {
        cols << QString::number(i);
    }
    m_heatmap->setMatrix(weights, int(rowLabels.size()), n, rowLabels, cols);
    m_heatmap->setAutoValueRange();
    m_heatmap->setAxisTitles(tr("rule"), tr("position of V (row)"));
    m_heatmap->setTitle(tr("The weights each rule gives V's %1 rows (same Q, same V)").arg(n));
    updateTexts();
}

QString CourseRulesView::ruleText(int rule) const
{
    const int n = m_result.rows;
    const Eigen::Index dq = m_example.query.size(), dv = m_example.values.cols();
    const Eigen::Index dout = CourseRulesExample::kOutput, positions = CourseRulesExample::kPositions;
    const CourseRuleResult& r = rule == 1 ? m_result.rule1 : rule == 2 ? m_result.rule2 : m_result.rule3;
    QString headline, reads, steps;
    if (rule == 1) {
        headline = tr("<b>Rule 1: MyAtt</b>");
        reads = tr("(reads Q and K = the decoder's state %1; never V or per-position keys)").arg(shape({1, dq}));
        steps = tr("<ol style='margin-left:-20px'>"
                   "<li>attention: a = softmax(attn([Q; K]))<br>%1, %1 → %2 → %3 (one weight per position, %4 "
                   "fixed)<br>bmm %5 × %6 → %7</li>"
                   "<li>concatenation with Q: [Q; applied]<br>%1, %8 → %9</li>"
                   "<li>output layer attn_combine<br>%9 → %10</li></ol>")
                    .arg(shape({1, dq}), shape({1, 2 * dq}), shape({1, positions}))
                    .arg(positions)
                    .arg(shape({1, 1, n}), shape({1, n, dv}), shape({1, 1, dv}), shape({1, dv}), shape({1, dq + dv}))
                    .arg(shape({1, dout}));
    } else if (rule == 2) {
        headline = tr("<b>Rule 2: concatenation, tanh, sum</b>");
        reads = tr("(reads Q and one key per row, K %1)").arg(shape({n, dq}));
        steps = tr("<ol style='margin-left:-20px'>"
                   "<li>attention: s<sub>i</sub> = Σ tanh(W [Q; k<sub>i</sub>] + b), a = softmax(s)<br>%1 → %2 → "
                   "%3<br>bmm %4 × %5 → %6</li>"
                   "<li>concatenation with Q: [Q; applied]<br>%7, %8 → %9</li>"
                   "<li>output layer<br>%9 → %10</li></ol>")
                    .arg(shape({n, 2 * dq}), shape({n, dq}), shape({1, n}), shape({1, 1, n}), shape({1, n, dv}),
                         shape({1, 1, dv}), shape({1, dq}), shape({1, dv}), shape({1, dq + dv}))
                    .arg(shape({1, dout}));
    } else {
        headline = tr("<b>Rule 3: scaled dot product</b>");
        reads = tr("(reads Q and K %1)").arg(shape({n, dq}));
        steps = tr("<ol style='margin-left:-20px'>"
                   "<li>attention: a = softmax(Q Kᵀ / √%1)<br>%2 × %3 → %4<br>bmm %5 × %6 → %7</li>"
                   "<li>no concatenation: a dot product, usually self-attention (Q = K = V)</li>"
                   "<li>output layer<br>%8 → %9</li></ol>")
                    .arg(dq)
                    .arg(shape({1, dq}), shape({dq, n}), shape({1, n}), shape({1, 1, n}), shape({1, n, dv}),
                         shape({1, 1, dv}), shape({1, dv}), shape({1, dout}));
    }
    // Presenting, what each rule reads and the notes' words go to the tooltip: the room is the steps'.
    QString text = m_minPx > 0 ? headline + steps : headline + QLatin1Char(' ') + reads + steps;
    if (m_minPx == 0) {
        text += quote(kNotesRules[rule - 1]);
    }
    if (!r.error.empty()) {
        text += QStringLiteral("<p style='color:#b00020'>%1</p>").arg(QString::fromStdString(r.error).toHtmlEscaped());
        return text;
    }
    Eigen::Index top = 0;
    r.weights.maxCoeff(&top);
    text += tr("<p>Largest weight: row %1 (a = %2). Output %3 = %4</p>")
                .arg(top)
                .arg(formatLabNumber(r.weights(top)))
                .arg(shape({1, r.output.size()}))
                .arg(formatLabVector(r.output, 2, 3));
    return text;
}

void CourseRulesView::updateTexts()
{
    const QString title = tr("<b>Course notes: the three Q/K/V rules</b>, each in the notes' three implementation "
                             "steps. Q %1, V %2; at 32 rows these are the notes' shapes.")
                              .arg(shape({1, m_example.query.size()}), shape({m_result.rows, m_example.values.cols()}));
    m_title->setText(m_minPx > 0 ? title : title + QStringLiteral("<br>") + quote(kNotesSteps));
    m_title->setToolTip(QString::fromUtf8(kNotesSteps).replace(QStringLiteral("<br>"), QStringLiteral("\n")));
    for (int rule = 1; rule <= 3; ++rule) {
        QString html = presentRichText(ruleText(rule), m_minPx);
        if (m_minPx > 0) {
            html.replace(QStringLiteral("margin-left:-20px"), QStringLiteral("margin-left:0px")); // room for "1."
        }
        m_rules[rule - 1]->setText(html);
        m_rules[rule - 1]->setToolTip(QString::fromUtf8(kNotesRules[rule - 1]));
    }
    const QString n = notice();
    m_notice->setText(n);
    m_notice->setVisible(!n.isEmpty());
    m_notice->setStyleSheet(!m_result.rule1.error.empty()
                                ? QStringLiteral("QLabel { color: #b00020; font-weight: 600; font-size: %1px; }")
                                      .arg(std::max(15, m_minPx))
                                : QStringLiteral("QLabel { color: #6a4a00; font-size: %1px; }").arg(std::max(15, m_minPx)));
}

void CourseRulesView::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
    if (auto* box = qobject_cast<QVBoxLayout*>(layout())) {
        box->setStretchFactor(m_heatmap, m_minPx > 0 ? 1 : 2); // presenting, the steps need the room
    }
    m_heatmap->setMinimumHeight(m_minPx > 0 ? 140 : m_normalHeatmapMinHeight);
    m_heatmap->setMinimumTextPixels(m_minPx);
    m_title->setStyleSheet(labelStyle(m_minPx, false));
    m_rowsLabel->setStyleSheet(labelStyle(m_minPx, false));
    m_rowsSpin->setStyleSheet(QStringLiteral("QSpinBox { font-size: %1px; }").arg(std::max(14, m_minPx)));
    for (QLabel* label : m_rules) {
        label->setStyleSheet(labelStyle(m_minPx, true));
    }
    updateTexts();
}

} // namespace attn
