#pragma once

#include "gui/classifierssession.h"
#include "gui/panel.h"

#include <memory>

namespace Ui {
class ClassifiersPanel;
}

namespace attn {

class DocumentView;
class HighlightTextView;
class LengthAccuracyPlot;
class PairView;

// The Classifiers tab (issue 15): attention inside classifiers, one family at a time. Pooling: the three ways to
// make one sentence vector (last state, mean, attention) side by side on the same review, each word shaded by the
// weight the pooling gives it, with their accuracy against review length; hierarchical attention: the document
// view; pairs: a premise, a hypothesis and the attention matrix between them. It opens on a generated example;
// missing model folders are named in the panel, refused input in the status bar.
class ClassifiersPanel : public Panel
{
    Q_OBJECT
public:
    using Family = ClassifiersSession::Family;

    explicit ClassifiersPanel(QWidget* parent = nullptr);
    ~ClassifiersPanel() override;

    QString title() const override;
    bool exportView(const QString& path, QString* error) override;
    void setColorMap(ColorMap map) override;
    // "classifiers": the family, the text(s) and the pair variant.
    std::optional<LessonStep> lessonStep() const override;

    void setFamily(Family family);
    Family family() const;
    // The pair variant (a folder name of modelNames(Pair)).
    void setPairModel(const QString& name);
    void setText(const QString& text, const QString& text2 = {});
    // A lesson's prediction question is open: no weights and no accuracy lines until it is revealed.
    void setAnswerHidden(bool hidden);
    void showExample(int index);
    void classify();
    ClassifiersSession& session() { return m_session; }
    bool isBusy() const { return m_session.isBusy(); }

    HighlightTextView* highlightView(int model) const;
    DocumentView* documentView() const { return m_document; }
    PairView* pairView() const { return m_pair; }
    LengthAccuracyPlot* lengthPlot() const { return m_plot; }
    QWidget* currentPage() const;
    QString message() const; // the panel's note (missing models), empty when none

private:
    QString titleFor(const ClassificationResult& result) const;
    bool m_answerHidden = false;
    void buildPages();
    void familyChanged();
    void showOutcomes();
    void updatePlot();
    QStringList modelsToRun() const;

    std::unique_ptr<Ui::ClassifiersPanel> ui;
    ClassifiersSession m_session;
    std::vector<HighlightTextView*> m_highlights;
    DocumentView* m_document = nullptr;
    PairView* m_pair = nullptr;
    LengthAccuracyPlot* m_plot = nullptr;
    int m_example = 0;
};

} // namespace attn
