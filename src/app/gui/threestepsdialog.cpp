#include "gui/threestepsdialog.h"

#include "core/scoring.h"
#include "views/scorefunctionlabel.h"
#include "views/scoringlab.h"
#include "views/threestepsview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace attn {

ThreeStepsWindow::ThreeStepsWindow(const ScoringLab* lab, QWidget* parent)
    : QWidget(parent, Qt::Window), m_lab(lab), m_function(new QComboBox), m_view(new ThreeStepsView)
{
    setWindowTitle(tr("Attention in three steps"));
    setAttribute(Qt::WA_DeleteOnClose);
    for (ScoreFunction fn : allScoreFunctions()) {
        m_function->addItem(scoreFunctionLabel(fn), int(fn));
    }
    m_function->setCurrentIndex(m_function->findData(int(ScoreFunction::ScaledDot)));
    auto* row = new QHBoxLayout;
    auto* label = new QLabel(tr("Scoring &function:"));
    label->setBuddy(m_function);
    row->addWidget(label);
    row->addWidget(m_function);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);
    connect(m_function, &QComboBox::currentIndexChanged, this, &ThreeStepsWindow::refresh);
    connect(lab, &ScoringLab::recomputed, this, &ThreeStepsWindow::refresh);
    resize(1100, 700);
    refresh();
}

void ThreeStepsWindow::refresh()
{
    const LabVectors& v = m_lab->vectors();
    // The normaliser first: it carries the temperature that setInputs then keeps.
    m_view->setNormaliser(m_lab->normaliser(), m_lab->options());
    m_view->setParams(m_lab->params());
    m_view->setInputs(v.query, v.keys, v.values, ScoreFunction(m_function->currentData().toInt()),
                      m_lab->options().temperature);
}

} // namespace attn
