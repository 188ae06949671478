// The first thing a new user sees: the text panel opens the shipped coreference model on the canonical sentence,
// with the referent head the model folder names, and "it" selected (skipped without models/coref-en-fr).
#include "gui/modelfolders.h"
#include "gui/textpanel.h"
#include "gui/textsession.h"
#include "views/headview.h"

#include <QDir>
#include <QSettings>
#include <QtTest>

using namespace attn;

class TstTextPanelStartup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensOnTheTensor2TensorPicture()
    {
        const QString model = QDir(ATTN_MODELS_DIR).filePath("coref-en-fr");
        QVERIFY2(isModelFolder(model), "models/coref-en-fr is missing: the shipped models are committed");
        qputenv("ATTNSCOPE_MODELS", ATTN_MODELS_DIR);
        QCoreApplication::setOrganizationName(QStringLiteral("AttentionScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_textpanel_startup"));
        QSettings().clear();
        const DefaultHead head = defaultHeadOf(model);
        QVERIFY(head.valid());

        TextPanel panel;
        panel.resize(1280, 660);
        panel.show();
        panel.start();
        panel.session()->waitForIdle();
        QTRY_VERIFY(panel.hasAttention());
        QCOMPARE(panel.sentence(), canonicalSentence());
        QCOMPARE(panel.selection().layer, head.layer);
        QCOMPARE(panel.selection().head, head.head);
        QCOMPARE(panel.currentView(), TextPanel::HeadTab);
        HeadView* view = panel.headView();
        QCOMPARE(view->queryLabels().value(view->selectedQuery()), QStringLiteral("it"));
        const DrawnLine best = view->strongestLineFrom(view->selectedQuery());
        QCOMPARE(best.head, head.head);
        QCOMPARE(view->keyLabels().value(best.key), QStringLiteral("animal"));

        // The minimal pair: with "wide" the same head sends "it" to "street".
        panel.setSentence(canonicalSecondSentence());
        panel.run();
        panel.session()->waitForIdle();
        const DrawnLine wide = view->strongestLineFrom(view->selectedQuery());
        QCOMPARE(view->keyLabels().value(wide.key), QStringLiteral("street"));
    }
};

QTEST_MAIN(TstTextPanelStartup)
#include "tst_textpanel_startup.moc"
