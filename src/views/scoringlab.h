#pragma once

#include "core/labexamples.h"
#include "core/modelvectors.h"
#include "core/scorerun.h"
#include "views/colormaps.h"
#include "views/labcardgrid.h"
#include "views/labmodelexample.h"
#include "views/labvectorsview.h"
#include "views/presentable.h"
#include "views/vectorplane.h"

#include <QWidget>
#include <memory>
#include <vector>

class QGridLayout;
class QLabel;
class QVBoxLayout;
class QStackedWidget;

namespace attn {

class CourseRulesView;
class HeatmapView;
class LabInfoCard;
class ScoreCard;

// The scoring lab: a query and keys (arrows on a plane in 2-D, a heatmap otherwise: LabVectorsView), one ScoreCard per
// scoring function, and an information card (how to read it, or a course-notes example: LabInfoCard); a trained
// model's vectors come through LabModelExample. Every number comes from the
// core (runScores, scaledDotSelfAttention, courseRules); bad input leaves the last good picture and
// sets errorMessage(), so nothing undefined is ever drawn. Presentable: passes the size on to the plane, the cards
// and the heatmaps, and sets its labels' text (sub- and superscripts too) at least that large.
class ScoringLab : public QWidget, public Presentable
{
    Q_OBJECT
public:
    enum class Example
    {
        None,
        SelfAttention, // course notes 1: scaled dot self-attention, Q, K, V from one input
        CourseRules,   // course notes: the three Q/K/V rules side by side (CourseRulesView replaces the cards)
        Model,         // a trained model's vectors: its decoder state at one step against its encoder states
    };
    static constexpr int kMaxKeys = 8;
    static constexpr int kCardsPerRow = 4; // as LabCardGrid

    explicit ScoringLab(QWidget* parent = nullptr);
    ~ScoringLab() override;

    // Replaces query, keys and values and leaves any course-notes example; draws new parameters (with the
    // current seed) when the sizes change.
    void setVectors(const LabVectors& vectors);
    // The four 2-D keys and the query the lab starts with.
    static LabVectors defaultVectors();
    const LabVectors& vectors() const { return m_vectors; }
    void setQuery(const Eigen::VectorXd& q);
    void setKey(int index, const Eigen::VectorXd& k);
    void setValue(int index, const Eigen::VectorXd& v);
    // 1..kMaxKeys keys; new keys are placed around the unit circle, values follow when they are separate.
    void setKeyCount(int count);

    // W, U, v of the parametric scores; sizes are checked by the core at the next recompute.
    void setParams(const ScoreParams& params);
    const ScoreParams& params() const { return m_params; }
    void redrawParams(unsigned long long seed);
    unsigned long long paramSeed() const { return m_paramSeed; }

    void setNormaliser(NormaliserKind kind);
    NormaliserKind normaliser() const { return m_kind; }
    void setOptions(const NormaliserOptions& options);
    const NormaliserOptions& options() const { return m_options; }
    void setTemperature(double t);

    void loadSelfAttentionExample(int queryRow);
    // The course notes' three rules on the same Q and V with `rows` rows of V (32: the notes' shapes).
    void loadCourseRulesExample(int rows = 32);
    void loadVectorsFile(const QString& path); // errors go to errorMessage()
    // Shows step `step` of a model's run: softmax at T = 1 as the model does, and, with trainedParams, the
    // model's own W, U, v for its scoring function (the others are drawn to the vectors' size).
    void loadModelVectors(const ModelVectors& vectors, int step, bool trainedParams);
    void setModelStep(int step);
    void setUseTrainedParams(bool on);
    const ModelVectors& modelVectors() const { return m_modelExample.vectors(); }
    int modelStep() const { return m_modelExample.step(); }
    bool usesTrainedParams() const { return m_modelExample.usesTrainedParams(); }
    // The model's own weights at the current step (empty without a model or attention).
    Eigen::VectorXd modelWeights() const
    {
        return m_example == Example::Model ? m_modelExample.weights() : Eigen::VectorXd();
    }
    HeatmapView* modelHeatmap() const { return m_modelHeatmap; }
    Example example() const { return m_example; }
    // The three rules' view (shown instead of the cards while that example is loaded).
    CourseRulesView* courseRules() const { return m_courseRules; }
    const SelfAttentionResult& selfAttention() const { return m_selfAttention; }

    // The last good computation: one run per scoring function, in allScoreFunctions() order.
    const std::vector<ScoreRun>& runs() const { return m_runs; }
    ScoreCard* card(ScoreFunction fn) const { return m_cards->card(fn); }
    VectorPlane* plane() const { return m_vectorsView->plane(); }
    HeatmapView* vectorHeatmap() const { return m_vectorsView->heatmap(); }
    bool isPlaneShown() const { return m_vectorsView->isPlaneShown(); }
    QString errorMessage() const { return m_error; }
    void selectFunction(ScoreFunction fn);
    void setColorMap(ColorMap map);
    void setMinimumTextPixels(int px) override;

Q_SIGNALS:
    void recomputed();
    // The user clicked a row of the model's attention.
    void modelStepChanged(int step);
    // Empty when the inputs are fine again.
    void errorChanged(const QString& message);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void assignVectors(const LabVectors& vectors);
    void recompute();
    void setError(const QString& message);
    void updatePlane();
    void updateInfo();
    void drawParamsForVectors();
    QStringList notesFor(const ScoreRun& run) const;
    void onArrowMoved(VectorPlane::Kind kind, int index, QPointF pos);
    void markEdited();
    void arrangeForPresentation();
    static QString errorStyle(int px);

    LabVectors m_vectors;
    ScoreParams m_params;
    unsigned long long m_paramSeed = 0;
    NormaliserKind m_kind = NormaliserKind::Softmax;
    NormaliserOptions m_options;
    Example m_example = Example::None;
    bool m_exampleEdited = false;
    int m_exampleRow = 0;
    SelfAttentionExample m_selfExample;
    SelfAttentionResult m_selfAttention;
    LabModelExample m_modelExample;
    std::vector<ScoreRun> m_runs;
    ScoreFunction m_selected = ScoreFunction::ScaledDot;
    QString m_error;
    int m_minPx = 0;

    QStackedWidget* m_pages = nullptr; // the plane and cards, or the course rules
    CourseRulesView* m_courseRules = nullptr;
    QVBoxLayout* m_left = nullptr;
    LabVectorsView* m_vectorsView = nullptr;
    std::unique_ptr<LabCardGrid> m_cards;
    LabInfoCard* m_info = nullptr;
    HeatmapView* m_modelHeatmap = nullptr;
    QLabel* m_errorLabel = nullptr;
};

} // namespace attn
