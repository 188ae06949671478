#include "gui/lessonstepview.h"

#include "core/lessonpanels.h"
#include "gui/classifierslessonstep.h"
#include "gui/lessonpanelsteps.h"
#include "gui/lessonteachingsteps.h"
#include "gui/modelfolders.h"
#include "views/presentable.h"
#include "views/trainingview.h"

#include <QDir>
#include <QFileInfo>

namespace attn {

namespace {

const char* const kHiddenForPresentation = "attnHiddenForPresentation";

// The views presentation mode keeps: everything that draws attention or teaches (they present themselves), not
// the controls around them.
bool isViewWidget(QWidget* w)
{
    return dynamic_cast<Presentable*>(w) != nullptr || qobject_cast<TrainingView*>(w) || w->inherits("QCustomPlot");
}

void sizeView(QWidget* w, int px)
{
    if (auto* p = dynamic_cast<Presentable*>(w)) {
        p->setMinimumTextPixels(px);
    } else if (auto* v = qobject_cast<TrainingView*>(w)) {
        v->setFontPixelSize(px > 0 ? px : 13);
    }
}

// Returns true when w is or holds a view.
bool present(QWidget* w, int px)
{
    if (isViewWidget(w)) {
        sizeView(w, px);
        return true;
    }
    bool holdsView = false;
    for (QObject* child : w->children()) {
        if (auto* cw = qobject_cast<QWidget*>(child); cw && !cw->isWindow()) {
            holdsView = present(cw, px) || holdsView;
        }
    }
    if (!holdsView) {
        if (px > 0 && !w->isHidden()) {
            w->setProperty(kHiddenForPresentation, true);
            w->hide();
        } else if (px == 0 && w->property(kHiddenForPresentation).toBool()) {
            w->setProperty(kHiddenForPresentation, QVariant());
            w->show();
        }
    }
    return holdsView;
}

} // namespace

void presentWidgets(QWidget* root, int px)
{
    for (QObject* child : root->children()) {
        if (auto* cw = qobject_cast<QWidget*>(child); cw && !cw->isWindow()) {
            present(cw, px);
        }
    }
}

void LessonStepView::setPresentation(int px)
{
    presentWidgets(this, px);
}

void LessonStepView::markReady()
{
    m_ready = true;
    Q_EMIT ready();
}

LessonStepView* createLessonStepView(const QString& panel, QWidget* parent)
{
    // One line per panel id of core/lessonpanels.h.
    if (panel == QLatin1String("text")) {
        return new TextLessonStep(false, parent);
    } else if (panel == QLatin1String("alignment")) {
        return new TextLessonStep(true, parent);
    } else if (panel == QLatin1String("image")) {
        return new ImageLessonStep(parent);
    } else if (panel == QLatin1String("generate")) {
        return new GenerateLessonStep(parent);
    } else if (panel == QLatin1String("seq2seq-compare")) {
        return new CompareLessonStep(parent);
    } else if (panel == QLatin1String("scoring-lab")) {
        return new LabLessonStep(false, parent);
    } else if (panel == QLatin1String("qkv-rules")) {
        return new LabLessonStep(true, parent);
    } else if (panel == QLatin1String("kernel-regression")) {
        return new KernelLessonStep(parent);
    } else if (panel == QLatin1String("three-steps")) {
        return new ThreeStepsLessonStep(parent);
    } else if (panel == QLatin1String("train-seq2seq")) {
        return new TrainLessonStep(parent);
    } else if (panel == QLatin1String("classifiers")) {
        return new ClassifiersLessonStep(parent);
    }
    return nullptr;
}

QString lessonPath(const QString& path)
{
    if (path.isEmpty()) {
        return {};
    }
    // The repository root holds models/; a lesson's paths are relative to it.
    const QString root = QFileInfo(modelsDirectory()).absolutePath();
    const QString found = resolveLessonPath(path, {root, QDir::currentPath()});
    return found.isEmpty() ? QDir(root).filePath(path) : found;
}

} // namespace attn
