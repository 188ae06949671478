#pragma once

#include "core/normaliser.h"
#include "core/scoring.h"

#include "views/presentable.h"

#include <Eigen/Dense>

#include <QWidget>

class QLabel;
class QPushButton;
class QSlider;
class QVariantAnimation;

namespace attn {

class ThreeStepsCanvas;

// Attention in three steps for one query, animated: score every key, normalise the scores with softmax, add the
// weighted values into the output. A stage slider (0 to 3, continuous) and Play / Pause drive it; lessons and the
// scoring lab set the inputs and the stage. The numbers come from core/scorerun.h, never from the view.
class ThreeStepsView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit ThreeStepsView(QWidget* parent = nullptr);
    ~ThreeStepsView() override;

    // query: (dq), keys: (n, dk), values: (n, dv) or empty for "the keys are the values". Parametric functions
    // use ScoreParams::random(dq, dk, dk, n, paramSeed) unless setParams gave their matrices. Bad input (sizes,
    // temperature) is shown in the view and returned by errorMessage(); it never throws.
    void setInputs(const Eigen::VectorXd& query, const Eigen::MatrixXd& keys, const Eigen::MatrixXd& values,
                   ScoreFunction function, double temperature = 1.0);
    void setFunction(ScoreFunction function);
    void setTemperature(double temperature);
    // How scores become weights (softmax by default); the lab's hard, sampled and local modes animate the same way.
    // options.temperature replaces the temperature.
    void setNormaliser(NormaliserKind kind, const NormaliserOptions& options = {});
    NormaliserKind normaliser() const { return m_normaliser; }
    void setParams(const ScoreParams& params);
    void clearParams();

    const Eigen::VectorXd& query() const { return m_query; }
    const Eigen::MatrixXd& keys() const { return m_keys; }
    const Eigen::MatrixXd& values() const { return m_values; }
    ScoreFunction function() const { return m_function; }
    double temperature() const { return m_options.temperature; }
    const QString& errorMessage() const { return m_error; }
    // The numbers shown: scores (n), weights (n), output (dv); empty while there is an error.
    const Eigen::VectorXd& scores() const;
    const Eigen::VectorXd& weights() const;
    const Eigen::VectorXd& output() const;

    // 0: nothing computed yet; 1: every score shown; 2: the weights grown; 3: the output complete.
    void setStage(double stage);
    double stage() const;
    void play();
    void pause();
    bool isPlaying() const;
    // Seconds the animation spends on each of the three steps.
    void setSecondsPerStep(double seconds);

    void setFontPixelSize(int px);
    int fontPixelSize() const { return m_fontPx; }
    // Presentable: text at least px high (0: the normal size).
    void setMinimumTextPixels(int px) override;
    static constexpr int kNormalPixelSize = 15;
    void setControlsVisible(bool visible);

    ThreeStepsCanvas* canvas() const { return m_canvas; }
    QSlider* stageSlider() const { return m_stageSlider; }
    QPushButton* playButton() const { return m_playButton; }

    // The example the view opens with: a query, four keys and their values in 2-D, scaled dot product.
    static Eigen::VectorXd defaultQuery();
    static Eigen::MatrixXd defaultKeys();
    static Eigen::MatrixXd defaultValues();

Q_SIGNALS:
    void stageChanged(double stage);
    void playingChanged(bool playing);

private:
    void recompute();
    void updateControls();
    QString normaliserFormula() const;
    static QString scoreFormulaSource(ScoreFunction fn);

    Eigen::VectorXd m_query;
    Eigen::MatrixXd m_keys;
    Eigen::MatrixXd m_values; // as given; empty means the keys
    ScoreFunction m_function = ScoreFunction::ScaledDot;
    NormaliserKind m_normaliser = NormaliserKind::Softmax;
    NormaliserOptions m_options;
    bool m_hasParams = false;
    ScoreParams m_params;
    QString m_error;
    int m_fontPx = kNormalPixelSize;
    double m_secondsPerStep = 2.0;

    QWidget* m_controls = nullptr;
    QPushButton* m_playButton = nullptr;
    QSlider* m_stageSlider = nullptr;
    QLabel* m_stageLabel = nullptr;
    QVariantAnimation* m_animation = nullptr;
    ThreeStepsCanvas* m_canvas = nullptr;
};

} // namespace attn
