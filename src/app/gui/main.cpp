// attnscope: the AttentionScope desktop application.
#include "gui/imagepanel.h"
#include "gui/labpanel.h"
#include "gui/lessonplayer.h"
#include "gui/lessonstepview.h"
#include "gui/lessonwindow.h"
#include "gui/language.h"
#include "gui/mainwindow.h"
#include "gui/modelvectorsdialog.h"
#include "gui/textpanel.h"
#include "gui/textsession.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QScreen>
#include <QTimer>

#include <cstdio>
#include <memory>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AttentionScope"));
    QApplication::setApplicationName(QStringLiteral("AttentionScope"));
    QApplication::setApplicationVersion(QStringLiteral(ATTN_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/attnscope.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "See where neural networks attend."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Open the window, save it to FILE and quit."),
                                        QStringLiteral("FILE"));
    parser.addOption(screenshot);
    const QCommandLineOption language(QStringLiteral("lang"),
                                      QApplication::translate("main", "Interface language for this run: en or zh_CN."),
                                      QStringLiteral("CODE"));
    parser.addOption(language);
    const QCommandLineOption labModel(
        QStringLiteral("lab-model"),
        QApplication::translate("main", "Open the scoring lab on the vectors of the model in DIR."),
        QStringLiteral("DIR"));
    const QCommandLineOption labText(QStringLiteral("lab-text"),
                                     QApplication::translate("main", "With --lab-model: the sentence to run."),
                                     QStringLiteral("TEXT"));
    const QCommandLineOption labStep(QStringLiteral("lab-step"),
                                     QApplication::translate("main", "With --lab-model: the output step (0, 1, ...; steps count from 0)."),
                                     QStringLiteral("N"));
    parser.addOptions({labModel, labText, labStep});
    const QCommandLineOption image(QStringLiteral("image"),
                                   QApplication::translate("main", "Open the Image tab on the image FILE."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption word(QStringLiteral("word"),
                                  QApplication::translate("main", "With --image: the word to show (0, 1, ...; words count from 0)."),
                                  QStringLiteral("N"));
    const QCommandLineOption imageModel(
        QStringLiteral("image-model"),
        QApplication::translate("main", "With --image: the model folder to run it through (a captioner or a ViT)."),
        QStringLiteral("DIR"));
    parser.addOptions({image, word, imageModel});
    const QCommandLineOption lesson(
        QStringLiteral("lesson"),
        QApplication::translate("main", "Open a lesson: a shipped lesson's name (attention-basics) or an .attnlesson file."),
        QStringLiteral("NAME|FILE"));
    const QCommandLineOption lessonStep(
        QStringLiteral("step"), QApplication::translate("main", "With --lesson: the step to open (0, 1, ...; steps count from 0)."),
        QStringLiteral("N"));
    const QCommandLineOption present(QStringLiteral("present"),
                                     QApplication::translate("main", "With --lesson: present it full screen (F5)."));
    parser.addOptions({lesson, lessonStep, present});
    const QCommandLineOption attention(
        QStringLiteral("attention"),
        QApplication::translate("main", "Open an attention file: .npy, .npz, .safetensors or attention JSON."),
        QStringLiteral("FILE"));
    parser.addOption(attention);
    parser.process(app);
    attn::installTranslators(&app, parser.value(language));

    attn::MainWindow window;
    window.show();
    if (parser.isSet(labModel)) {
        attn::LabPanel* lab = window.labPanel();
        window.showPanel(lab);
        const int step = parser.value(labStep).toInt();
        QObject::connect(lab, &attn::LabPanel::modelRunFinished, lab, [lab, step](bool ok) {
            if (ok && step >= 0 && step < lab->stepCombo()->count()) {
                lab->stepCombo()->setCurrentIndex(step);
            }
        });
        lab->loadFromModel(parser.value(labModel), parser.isSet(labText) ? parser.value(labText)
                                                                         : attn::ModelVectorsDialog::defaultSentence());
    }
    if (parser.isSet(image)) {
        attn::ImagePanel* panel = window.imagePanel();
        window.showPanel(panel);
        const int index = parser.isSet(word) ? parser.value(word).toInt() : -1;
        if (index >= 0) {
            QObject::connect(panel, &attn::ImagePanel::captionReady, panel, [panel, index] {
                if (index < panel->caption().steps()) {
                    panel->selectWord(index);
                }
            });
        }
        if (parser.isSet(imageModel)) {
            panel->setModelDir(parser.value(imageModel));
        }
        panel->openImage(parser.value(image));
    }
    if (parser.isSet(attention)) {
        window.openAttentionFile(parser.value(attention));
    }
    attn::LessonWindow* lessonWindow = nullptr;
    if (parser.isSet(lesson)) {
        lessonWindow = window.showLesson(parser.value(lesson), parser.isSet(present));
        if (!lessonWindow) {
            std::fprintf(stderr, "attnscope: %s\n", window.currentError().toLocal8Bit().constData());
            return 2;
        }
        if (parser.isSet(lessonStep)) {
            bool ok = false;
            const int step = parser.value(lessonStep).toInt(&ok);
            if (!ok || step < 0 || step >= lessonWindow->player()->stepCount()) {
                std::fprintf(stderr, "attnscope: --step %s: the lesson has steps 0 to %d\n",
                             parser.value(lessonStep).toLocal8Bit().constData(),
                             lessonWindow->player()->stepCount() - 1);
                return 2;
            }
            lessonWindow->player()->goToStep(step);
        }
    }
    if (parser.isSet(screenshot) && lessonWindow) {
        // The lesson window, once its step shows its result (at most 60 s: a model may be loading).
        const QString path = parser.value(screenshot);
        auto* shot = new QTimer(lessonWindow);
        auto waited = std::make_shared<int>(0);
        QObject::connect(shot, &QTimer::timeout, lessonWindow, [lessonWindow, path, shot, waited] {
            *waited += 200;
            attn::LessonStepView* view = lessonWindow->player()->currentStepView();
            if ((!view || !view->isReady()) && *waited < 60000) {
                return;
            }
            shot->stop();
            QTimer::singleShot(600, lessonWindow, [lessonWindow, path] {
                const bool ok = lessonWindow->grab().save(path);
                std::fprintf(ok ? stdout : stderr, ok ? "attnscope: saved %s\n" : "attnscope: cannot write %s\n",
                             path.toLocal8Bit().constData());
                QApplication::exit(ok ? 0 : 1);
            });
        });
        shot->start(200);
    } else if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        // Let layouts and the first replots settle before grabbing, and the start-up model run finish (at most
        // 20 s) so the picture shows its attention.
        auto* poll = new QTimer(&window);
        auto waited = std::make_shared<int>(0);
        QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, waited] {
            *waited += 100;
            const bool busy = window.textPanel()->session()->isBusy() || window.labPanel()->isModelRunning() ||
                              window.imagePanel()->isBusy();
            if (!busy || *waited > 20000) {
                poll->stop();
                QTimer::singleShot(400, &window, [&window] { window.setProperty("readyForScreenshot", true); });
            }
        });
        poll->start(100);
        auto* shot = new QTimer(&window);
        QObject::connect(shot, &QTimer::timeout, &window, [&window, path, shot] {
            if (!window.property("readyForScreenshot").toBool()) {
                return;
            }
            shot->stop();
            const bool ok = window.grab().save(path);
            std::fprintf(ok ? stdout : stderr, ok ? "attnscope: saved %s\n" : "attnscope: cannot write %s\n",
                         path.toLocal8Bit().constData());
            QApplication::exit(ok ? 0 : 1);
        });
        shot->start(100);
    }
    return app.exec();
}
