// Teachers' own lessons: "Add this view as a step" captures a panel's inputs and view options as a lesson step
// that a lesson can open again; the lesson editor adds, reorders, edits (both languages), saves and reopens
// lessons, keeps its lesson when a file does not read, and plays what it edits.
#include "core/lesson.h"
#include "core/lessonpanels.h"
#include "fakemodel.h"
#include "gui/comparepanel.h"
#include "gui/generatepanel.h"
#include "gui/imagepanel.h"
#include "gui/labpanel.h"
#include "gui/language.h"
#include "gui/lessoneditor.h"
#include "gui/lessonplayer.h"
#include "gui/lessonstepview.h"
#include "gui/lessonwindow.h"
#include "gui/mainwindow.h"
#include "gui/scorespanel.h"
#include "gui/textpanel.h"
#include "views/formulaview.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

using namespace attn;

namespace {

// Every option of a captured step is one the lesson format accepts.
QString badOptions(const LessonStep& step)
{
    const LessonPanelSpec* panel = findLessonPanel(step.panel);
    if (!panel) {
        return QStringLiteral("unknown panel ") + step.panel;
    }
    QStringList problems;
    for (auto it = step.options.begin(); it != step.options.end(); ++it) {
        const LessonOptionSpec* spec = findLessonOption(*panel, it.key());
        const QString problem = spec ? checkOptionValue(*spec, it.value()) : QStringLiteral("unknown ") + it.key();
        if (!problem.isEmpty()) {
            problems << problem;
        }
    }
    return problems.join(QStringLiteral("; "));
}

LessonStep labStep(const QString& example, const QString& title)
{
    LessonStep s;
    s.panel = QStringLiteral("scoring-lab");
    s.options = {{"example", example}};
    s.title.en = title;
    return s;
}

template <typename T> T* child(QWidget& parent, const char* name)
{
    T* w = parent.findChild<T*>(QLatin1String(name));
    if (!w) {
        qFatal("no widget %s", name);
    }
    return w;
}

// Types text as a person would: Latin letters as key presses, Chinese as an input method commits it.
void type(QWidget* w, const QString& text)
{
    const bool ascii = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 128; });
    if (ascii) {
        QTest::keyClicks(w, text);
        return;
    }
    QInputMethodEvent event;
    event.setCommitString(text);
    QCoreApplication::sendEvent(w, &event);
}

// Widgets whose text does not fit: a label or button narrower than its text needs.
QStringList clippedTexts(QWidget& root)
{
    QStringList out;
    for (QLabel* l : root.findChildren<QLabel*>()) {
        if (l->isVisible() && !l->wordWrap() && !l->text().isEmpty() && l->width() < l->minimumSizeHint().width()) {
            out << l->objectName() + QStringLiteral(" \"") + l->text() + QLatin1Char('"');
        }
    }
    for (QAbstractButton* b : root.findChildren<QAbstractButton*>()) {
        if (b->isVisible() && b->width() < b->minimumSizeHint().width()) {
            out << b->objectName() + QStringLiteral(" \"") + b->text() + QLatin1Char('"');
        }
    }
    return out;
}

} // namespace

class TestLessonEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textPanelStepHasItsOptions()
    {
        TextPanel panel;
        panel.setPersistent(false);
        panel.resize(1200, 700);
        panel.setModel(std::make_shared<FakeTextModel>(), QStringLiteral(ATTN_MODELS_DIR "/coref-en-fr"));
        QSignalSpy updated(&panel, &TextPanel::viewsUpdated);
        panel.setSentence(QStringLiteral("The cat sat because it was tired."), QStringLiteral("The cat ran."));
        panel.run();
        QVERIFY(QTest::qWaitFor([&] { return panel.hasAttention(); }, 20000));
        panel.setKind(QStringLiteral("encoder_self"));
        panel.setLayerHead(1, 2);
        panel.setCurrentView(TextPanel::MatrixTab);
        panel.setSelectedToken(QStringLiteral("it"));

        const std::optional<LessonStep> step = panel.lessonStep();
        QVERIFY(step);
        QCOMPARE(step->panel, QStringLiteral("text"));
        QVERIFY2(badOptions(*step).isEmpty(), qPrintable(badOptions(*step)));
        const QJsonObject expected{{"model", "models/coref-en-fr"},
                                   {"text", "The cat sat because it was tired."},
                                   {"second", "The cat ran."},
                                   {"view", "matrix"},
                                   {"kind", "encoder_self"},
                                   {"layer", 1},
                                   {"head", 2},
                                   {"select", "it"}};
        QCOMPARE(step->options, expected);
        QVERIFY(step->title.en.contains(panel.title()));
        QVERIFY(step->title.en.contains(QStringLiteral("The cat sat")));
        QVERIFY(step->text.isEmpty());
        QVERIFY(!step->hasQuestion());
    }

    void textPanelWithoutModelHasNoStep()
    {
        TextPanel panel;
        panel.setPersistent(false);
        QVERIFY(!panel.lessonStep());
    }

    void labPanelStepReopensTheSameView()
    {
        LabPanel panel;
        panel.loadExample(1);
        panel.modeCombo()->setCurrentIndex(1);
        panel.temperatureSlider()->setValue(70);
        const std::optional<LessonStep> step = panel.lessonStep();
        QVERIFY(step);
        QCOMPARE(step->panel, QStringLiteral("scoring-lab"));
        QVERIFY2(badOptions(*step).isEmpty(), qPrintable(badOptions(*step)));
        QCOMPARE(step->options.value("example").toString(), QStringLiteral("self-attention"));
        QCOMPARE(step->options.value("mode").toString(), QStringLiteral("hard"));
        QCOMPARE(step->options.value("temperature").toDouble(), 3.31); // 0.05 * 400^0.7 = 3.314, three digits
        QCOMPARE(step->options.size(), 3);

        // The lesson's own copy of the panel opens on the same example, mode and slider position.
        std::unique_ptr<LessonStepView> view(createLessonStepView(step->panel));
        view->apply(step->options);
        auto* lab = view->findChild<LabPanel*>();
        QVERIFY(lab);
        QCOMPARE(lab->exampleCombo()->currentIndex(), 1);
        QCOMPARE(lab->modeCombo()->currentIndex(), 1);
        QCOMPARE(lab->temperatureSlider()->value(), 70);
    }

    void comparePanelStepHasItsSentence()
    {
        ComparePanel panel;
        panel.findChild<QLineEdit*>()->setText(QStringLiteral("the cat sat on the mat ."));
        const std::optional<LessonStep> step = panel.lessonStep();
        QVERIFY(step);
        QCOMPARE(step->panel, QStringLiteral("seq2seq-compare"));
        QCOMPARE(step->options, QJsonObject({{"text", "the cat sat on the mat ."}}));
    }

    void imagePanelStepNamesTheResourceImage()
    {
        ImagePanel panel;
        panel.setModelDir(QStringLiteral(ATTN_MODELS_DIR "/caption-shapes"));
        QSignalSpy ready(&panel, &ImagePanel::captionReady);
        panel.openImage(QStringLiteral(":/examples/caption/blue-diamond.png"));
        QVERIFY(ready.wait(60000));
        QVERIFY(panel.caption().steps() >= 2);
        panel.selectWord(1);
        const std::optional<LessonStep> step = panel.lessonStep();
        QVERIFY(step);
        QCOMPARE(step->panel, QStringLiteral("image"));
        QVERIFY2(badOptions(*step).isEmpty(), qPrintable(badOptions(*step)));
        QCOMPARE(step->options.value("image").toString(),
                 QStringLiteral("resources/examples/caption/blue-diamond.png"));
        QCOMPARE(step->options.value("model").toString(), QStringLiteral("models/caption-shapes"));
        QCOMPARE(step->options.value("word").toString(), panel.caption().words.at(1));
        // The path resolves for a lesson (to the compiled-in image).
        QVERIFY(
            !resolveLessonPath(step->options.value("image").toString(), {QStringLiteral(ATTN_SOURCE_DIR)}).isEmpty());
        // A picture that is not a file cannot be opened by a lesson.
        QImage picture(64, 64, QImage::Format_RGB32);
        picture.fill(Qt::red);
        panel.openImage(picture, QStringLiteral("dropped image"));
        QVERIFY(ready.wait(60000));
        QVERIFY(!panel.lessonStep());
    }

    void generatePanelStepHasItsOptions()
    {
        GeneratePanel panel;
        panel.setModelFiles(QStringLiteral(ATTN_MODELS_DIR "/stories260K/stories260K.bin"));
        panel.setPrompt(QStringLiteral("Lily saw a cat"));
        panel.setDecoding(6, 0.0, 0);
        QSignalSpy done(&panel, &GeneratePanel::generationFinished);
        panel.generate();
        QVERIFY(done.wait(60000));
        panel.setLayerHead(1, 3);
        panel.setCurrentToken(4);
        const std::optional<LessonStep> step = panel.lessonStep();
        QVERIFY(step);
        QCOMPARE(step->panel, QStringLiteral("generate"));
        QVERIFY2(badOptions(*step).isEmpty(), qPrintable(badOptions(*step)));
        const QJsonObject expected{{"model", "models/stories260K/stories260K.bin"},
                                   {"prompt", "Lily saw a cat"},
                                   {"steps", 6},
                                   {"token", 4},
                                   {"layer", 1},
                                   {"head", 3}};
        QCOMPARE(step->options, expected);
        panel.setLayerHead(1, -1); // the mean of the heads has no option: left out
        QVERIFY(!panel.lessonStep()->options.contains(QStringLiteral("head")));
    }

    void addReorderEditSaveReopen()
    {
        LessonEditor editor;
        editor.resize(1200, 760);
        editor.show();
        editor.addStep(labStep("vectors", "A"));
        editor.addStep(labStep("self-attention", "B"));
        editor.addStep(labStep("course-rules", "C"));
        editor.addStep(labStep("edge-cases", "D"));
        QCOMPARE(int(editor.lesson().steps.size()), 4);
        QCOMPARE(editor.currentStep(), 3);
        QVERIFY(editor.isModified());

        // Up and Down buttons move the selected step.
        editor.setCurrentStep(2); // C
        QTest::mouseClick(child<QAbstractButton>(editor, "upButton"), Qt::LeftButton);
        QCOMPARE(editor.currentStep(), 1);
        auto titles = [&] {
            QString s;
            for (const auto& step : editor.lesson().steps) {
                s += step.title.en;
            }
            return s;
        };
        QCOMPARE(titles(), QStringLiteral("ACBD"));
        QTest::mouseClick(child<QAbstractButton>(editor, "downButton"), Qt::LeftButton);
        QTest::mouseClick(child<QAbstractButton>(editor, "downButton"), Qt::LeftButton);
        QCOMPARE(titles(), QStringLiteral("ABDC"));
        // A drag in the list moves a row of its model: the lesson follows.
        auto* list = child<QListWidget>(editor, "stepList");
        QVERIFY(list->model()->moveRow(QModelIndex(), 0, QModelIndex(), 4)); // A to the end
        QCOMPARE(titles(), QStringLiteral("BDCA"));
        QCOMPARE(list->item(0)->text().left(3), QStringLiteral("0. "));
        QVERIFY(list->item(3)->text().contains(QLatin1String("A")));
        // Delete.
        editor.setCurrentStep(1);
        QTest::mouseClick(child<QAbstractButton>(editor, "deleteButton"), Qt::LeftButton);
        QCOMPARE(titles(), QStringLiteral("BCA"));

        // Edit both languages of the selected step, as typed.
        editor.setCurrentStep(0);
        auto* titleEn = child<QLineEdit>(editor, "titleEn");
        titleEn->selectAll();
        type(titleEn, QStringLiteral("Self-attention"));
        type(child<QLineEdit>(editor, "titleZh"), QStringLiteral("自注意力"));
        type(child<QPlainTextEdit>(editor, "textEn"), QStringLiteral("Every token is a query."));
        type(child<QPlainTextEdit>(editor, "textZh"), QStringLiteral("每个词元都是查询。"));
        type(child<QLineEdit>(editor, "formulaEn"), QStringLiteral("softmax(\\frac{Q K^T}{\\sqrt{d}}) V"));
        type(child<QPlainTextEdit>(editor, "questionEn"), QStringLiteral("Where will 'it' look?"));
        type(child<QPlainTextEdit>(editor, "questionZh"), QStringLiteral("“它”会看哪里？"));
        type(child<QPlainTextEdit>(editor, "answerEn"), QStringLiteral("At the animal."));
        type(child<QPlainTextEdit>(editor, "answerZh"), QStringLiteral("看动物。"));
        type(child<QLineEdit>(editor, "nameEdit"), QStringLiteral("my-lesson"));
        type(child<QLineEdit>(editor, "lessonTitleEn"), QStringLiteral("My lesson"));
        type(child<QLineEdit>(editor, "lessonTitleZh"), QStringLiteral("我的课"));
        const LessonStep& edited = editor.lesson().steps.front();
        QCOMPARE(edited.title.en, QStringLiteral("Self-attention"));
        QCOMPARE(edited.title.zh, QStringLiteral("自注意力"));
        QCOMPARE(edited.text.zh, QStringLiteral("每个词元都是查询。"));
        QCOMPARE(edited.question.zh, QStringLiteral("“它”会看哪里？"));
        QCOMPARE(edited.answer.en, QStringLiteral("At the animal."));
        QCOMPARE(edited.options, QJsonObject({{"example", "self-attention"}})); // the view is untouched
        QCOMPARE(editor.lesson().title.zh, QStringLiteral("我的课"));
        // The formula is drawn as it is typed.
        auto* preview = editor.findChild<FormulaView*>();
        QVERIFY(preview && preview->isVisible() && preview->errorMessage().isEmpty());
        QVERIFY(preview->plainText().contains(QStringLiteral("softmax")));
        QVERIFY2(editor.problems().isEmpty(), qPrintable(editor.problems().join('\n')));

        // Save, then open the file again: the same lesson.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.attnlesson"));
        QVERIFY2(editor.saveAs(path), qPrintable(editor.message()));
        QVERIFY(!editor.isModified());
        QCOMPARE(editor.filePath(), path);
        const Lesson saved = editor.lesson();
        const LessonParseResult read = readLessonFile(path);
        QVERIFY2(read.ok(), qPrintable(read.messages().join('\n')));
        QCOMPARE(read.lesson, saved);
        LessonEditor other;
        QVERIFY2(other.openFile(path), qPrintable(other.message()));
        QCOMPARE(other.lesson(), saved);
        QCOMPARE(child<QLineEdit>(other, "titleZh")->text(), QStringLiteral("自注意力"));
        QVERIFY(!other.isModified());
    }

    void formulaErrorIsShown()
    {
        LessonEditor editor;
        editor.show();
        editor.addStep(labStep("vectors", "A"));
        type(child<QLineEdit>(editor, "formulaEn"), QStringLiteral("\\frac{a}{"));
        auto* error = child<QLabel>(editor, "formulaError");
        QVERIFY(error->isVisible());
        QVERIFY(!error->text().isEmpty());
        QVERIFY(editor.message().contains(QStringLiteral("formula")));
        child<QLineEdit>(editor, "formulaEn")->setText(QStringLiteral("\\frac{a}{b}"));
        QVERIFY(!error->isVisible());
    }

    void badFileKeepsTheLesson()
    {
        LessonEditor editor;
        editor.addStep(labStep("vectors", "Kept"));
        const Lesson before = editor.lesson();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.attnlesson"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not { JSON");
        f.close();
        const QStringList expected = readLessonFile(path).messages();
        QCOMPARE(expected.size(), 1);
        QVERIFY(expected.first().contains(QStringLiteral("not JSON")));
        QVERIFY(!editor.openFile(path));
        QVERIFY2(editor.message().contains(expected.first()), qPrintable(editor.message()));
        QCOMPARE(editor.lesson(), before);
        QVERIFY(editor.filePath().isEmpty());
        QVERIFY(!editor.openFile(dir.filePath(QStringLiteral("missing.attnlesson"))));
        QVERIFY(editor.message().contains(QStringLiteral("missing.attnlesson")));
        QCOMPARE(editor.lesson(), before);
    }

    void dropOpensALessonFile()
    {
        QTemporaryDir dir;
        Lesson lesson;
        lesson.name = QStringLiteral("dropped");
        lesson.title.en = QStringLiteral("Dropped");
        lesson.steps.push_back(labStep("size-8", "Eight"));
        const QString path = dir.filePath(QStringLiteral("dropped.attnlesson"));
        QVERIFY(writeLessonFile(lesson, path).isEmpty());
        LessonEditor editor;
        editor.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&editor, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&editor, &drop);
        QCOMPARE(editor.lesson(), lesson);
        QCOMPARE(editor.filePath(), path);
    }

    void closingAsksAboutUnsavedChanges()
    {
        LessonEditor editor;
        editor.show();
        editor.addStep(labStep("vectors", "A"));
        QVERIFY(editor.isModified());
        // The question is the editor's only modal box: Cancel keeps the editor open, Discard closes it.
        auto answer = [](QMessageBox::StandardButton button) {
            QTimer::singleShot(0, [button] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                QVERIFY(box);
                box->button(button)->click();
            });
        };
        answer(QMessageBox::Cancel);
        QVERIFY(!editor.close());
        QVERIFY(editor.isVisible());
        answer(QMessageBox::Discard);
        QVERIFY(editor.close());
        editor.setLesson(Lesson{});
        editor.show();
        QVERIFY(editor.close()); // nothing to save: no question
    }

    void playOpensTheEditedSteps()
    {
        LessonEditor editor;
        QVERIFY(!editor.play()); // nothing to play yet
        QVERIFY(editor.message().contains(QStringLiteral("no steps")));
        editor.addStep(labStep("vectors", "First"));
        LessonStep kernel;
        kernel.panel = QStringLiteral("kernel-regression");
        kernel.options = {{"kernel", "gaussian"}, {"width", 0.5}};
        kernel.title = {QStringLiteral("Kernel"), QStringLiteral("核回归")};
        editor.addStep(kernel);
        LessonWindow* window = editor.play();
        QVERIFY(window);
        LessonPlayer* player = window->player();
        QCOMPARE(player->lesson(), editor.lesson());
        QCOMPARE(player->stepCount(), 2);
        QCOMPARE(player->currentStep(), 1); // the step being edited
        QVERIFY(QTest::qWaitFor([&] { return player->currentStepView()->isReady(); }, 20000));
        player->goToStep(0);
        QVERIFY(QTest::qWaitFor([&] { return player->currentStepView()->isReady(); }, 20000));
        QVERIFY(player->currentStepView()->findChild<LabPanel*>());
        window->close();
    }

    void mainWindowAddsTheCurrentView()
    {
        MainWindow window;
        window.showPanel(window.labPanel());
        window.labPanel()->loadExample(2);
        QVERIFY(window.addViewAsLessonStep());
        window.showPanel(window.scoresPanel());
        QVERIFY(!window.addViewAsLessonStep()); // the scoring functions tab has no lesson panel
        LessonEditor* editor = window.findChild<LessonEditor*>();
        QVERIFY(editor && editor->isVisible());
        QCOMPARE(int(editor->lesson().steps.size()), 1);
        QCOMPARE(editor->lesson().steps[0].panel, QStringLiteral("scoring-lab"));
        QCOMPARE(editor->lesson().steps[0].options.value("example").toString(), QStringLiteral("course-rules"));
        QCOMPARE(window.showLessonEditor(), editor); // raised, not a second editor
        editor->setLesson(Lesson{});                 // unmodified: closing asks nothing
    }

    // The editor on the shipped lesson, in English and then in Chinese: no label or button cut. With
    // ATTN_LESSON_EDITOR_PNG set (a path ending in .png), the pictures are written beside it to look at.
    void editorFitsItsTexts_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN"); // last: the translators stay installed
    }

    void editorFitsItsTexts()
    {
        QFETCH(QString, language);
        if (language != QLatin1String("en")) {
            QCOMPARE(installTranslators(qApp, language), language);
        }
        LessonEditor editor;
        editor.resize(1200, 760);
        const LessonParseResult shipped = openLesson(QStringLiteral("attention-basics"));
        QVERIFY(!shipped.lesson.steps.empty());
        editor.setLesson(shipped.lesson);
        editor.setCurrentStep(2);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QVERIFY2(clippedTexts(editor).isEmpty(), qPrintable(clippedTexts(editor).join('\n')));
        if (language != QLatin1String("en")) {
            QCOMPARE(child<QLabel>(editor, "chineseHeader")->text(), QStringLiteral("简体中文"));
            // A view added in the Chinese interface gets its default title in Chinese.
            LabPanel lab;
            const std::optional<LessonStep> step = lab.lessonStep();
            QVERIFY(step && !step->title.zh.isEmpty() && step->title.en.isEmpty());
        }
        QString out = qEnvironmentVariable("ATTN_LESSON_EDITOR_PNG");
        if (!out.isEmpty()) {
            out.replace(QLatin1String(".png"), QStringLiteral("-%1.png").arg(language));
            QVERIFY(editor.grab().save(out));
        }
    }
};

QTEST_MAIN(TestLessonEditor)
#include "tst_lessoneditor.moc"
