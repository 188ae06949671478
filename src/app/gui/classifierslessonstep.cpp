#include "gui/classifierslessonstep.h"

#include "gui/classifierspanel.h"

#include <QJsonObject>
#include <QVBoxLayout>

namespace attn {

ClassifiersLessonStep::ClassifiersLessonStep(QWidget* parent)
    : LessonStepView(parent), m_panel(new ClassifiersPanel)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_panel);
    connect(&m_panel->session(), &ClassifiersSession::classified, this, &ClassifiersLessonStep::markReady);
    connect(m_panel, &Panel::errorOccurred, this, [this](const QString& message) {
        if (!message.isEmpty()) {
            Q_EMIT failed(message);
        }
    });
}

void ClassifiersLessonStep::apply(const QJsonObject& options)
{
    markBusy();
    const QString family = options.value(QStringLiteral("family")).toString(QStringLiteral("pooling"));
    m_panel->setFamily(family == QLatin1String("han")    ? ClassifiersPanel::Family::Han
                       : family == QLatin1String("pair") ? ClassifiersPanel::Family::Pair
                                                         : ClassifiersPanel::Family::Pooling);
    if (options.contains(QStringLiteral("variant"))) {
        m_panel->setPairModel(options.value(QStringLiteral("variant")).toString());
    }
    if (options.contains(QStringLiteral("text"))) {
        m_panel->setText(options.value(QStringLiteral("text")).toString(), options.value(QStringLiteral("text2")).toString());
        m_panel->classify();
    } else {
        m_panel->showExample(options.value(QStringLiteral("example")).toInt(0));
    }
    if (!ClassifiersSession::missingModels(m_panel->family()).isEmpty()) {
        // Nothing will run: the panel names the missing folders, and the step says so.
        Q_EMIT failed(m_panel->message());
    }
}

QWidget* ClassifiersLessonStep::mainView()
{
    return m_panel->currentPage();
}

void ClassifiersLessonStep::setAnswerHidden(bool hidden)
{
    m_panel->setAnswerHidden(hidden);
}

} // namespace attn
