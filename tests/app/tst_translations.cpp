// The Simplified Chinese interface: the .ts file is complete and uses the terms of d2l-zh, and what the views and
// windows show comes out in Chinese (view titles, attention kinds, scoring functions, menus, tabs), not only what
// the .qm file holds: a string whose lookup context differs from the one lupdate filed it under stays English.
#include "core/attentionselection.h"
#include "core/scoring.h"
#include "core/syntheticattention.h"
#include "gui/language.h"
#include "gui/mainwindow.h"
#include "views/classlabel.h"
#include "views/kernelregressionview.h"
#include "views/scorefunctionlabel.h"
#include "views/threestepsview.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <algorithm>
#include <functional>
#include <QtTest>

using namespace attn;

namespace {

const char* const kTsPath = ATTN_SOURCE_DIR "/resources/translations/attnscope_zh_CN.ts";

struct TsMessage
{
    QString context;
    QString source;
    QString type;        // "" when finished, else "unfinished", "obsolete", "vanished"
    QStringList texts;   // the translation, or one per numerus form
};

QString readElementText(QXmlStreamReader& xml)
{
    return xml.readElementText(QXmlStreamReader::IncludeChildElements);
}

std::vector<TsMessage> readTs(QString* error)
{
    std::vector<TsMessage> out;
    QFile file(QString::fromUtf8(kTsPath));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open").arg(file.fileName());
        return out;
    }
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        if (xml.name() == QLatin1String("name")) {
            context = readElementText(xml);
        } else if (xml.name() == QLatin1String("message")) {
            TsMessage m;
            m.context = context;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("message")) && !xml.atEnd()) {
                xml.readNext();
                if (!xml.isStartElement()) {
                    continue;
                }
                if (xml.name() == QLatin1String("source")) {
                    m.source = readElementText(xml);
                } else if (xml.name() == QLatin1String("translation")) {
                    m.type = xml.attributes().value(QLatin1String("type")).toString();
                    QString direct;
                    while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                        xml.readNext();
                        if (xml.isCharacters()) {
                            direct += xml.text();
                        } else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
                            m.texts << readElementText(xml);
                        }
                    }
                    if (m.texts.isEmpty()) {
                        m.texts << direct;
                    }
                }
            }
            out.push_back(m);
        }
    }
    if (xml.hasError()) {
        *error = QStringLiteral("%1: %2 (line %3)").arg(file.fileName(), xml.errorString()).arg(xml.lineNumber());
    }
    return out;
}

QString where(const TsMessage& m)
{
    return QStringLiteral("%1 \"%2\" -> \"%3\"").arg(m.context, m.source, m.texts.join(QLatin1String(" | ")));
}

bool hasChinese(const QString& text)
{
    static const QRegularExpression cjk(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
    return text.contains(cjk);
}

// A word of two or more Latin letters: what a person would read as English.
bool hasEnglishWord(const QString& text)
{
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{2,}"));
    return text.contains(word);
}

// Visible texts of a widget tree that are English only (no Chinese, at least one Latin word), minus the names
// that stay as they are in Chinese (model and file names, proper names).
QStringList englishTexts(const QWidget* root, const QStringList& allowed)
{
    QStringList texts;
    for (const QLabel* l : root->findChildren<QLabel*>()) {
        texts << l->text();
    }
    for (const QAbstractButton* b : root->findChildren<QAbstractButton*>()) {
        texts << b->text();
    }
    for (const QComboBox* c : root->findChildren<QComboBox*>()) {
        for (int i = 0; i < c->count(); ++i) {
            texts << c->itemText(i);
        }
    }
    QStringList english;
    for (const QString& t : texts) {
        if (!t.isEmpty() && hasEnglishWord(t) && !hasChinese(t) && !allowed.contains(t)) {
            english << t;
        }
    }
    return english;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tsFileIsComplete()
    {
        QString error;
        const std::vector<TsMessage> messages = readTs(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() > 500, qPrintable(QString::number(messages.size())));
        QStringList bad;
        for (const TsMessage& m : messages) {
            // lrelease leaves out unfinished entries, so even a suggested text would show as English.
            const bool empty = std::any_of(m.texts.cbegin(), m.texts.cend(),
                                           [](const QString& t) { return t.trimmed().isEmpty(); });
            if (!m.type.isEmpty() || empty) {
                bad << QStringLiteral("[%1] %2").arg(m.type.isEmpty() ? QStringLiteral("empty") : m.type, where(m));
            }
        }
        QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("run scripts/update-translations and translate:\n") +
                                           bad.join(QLatin1Char('\n'))));
    }

    void tsKeepsPlaceholdersAcceleratorsAndEllipses()
    {
        QString error;
        const std::vector<TsMessage> messages = readTs(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        static const QRegularExpression placeholder(QStringLiteral("%(\\d+|n)"));
        static const QRegularExpression accelerator(QStringLiteral("&([A-Za-z0-9])"));
        const auto all = [](const QRegularExpression& re, const QString& text) {
            QStringList found;
            for (auto it = re.globalMatch(text); it.hasNext();) {
                found << it.next().captured(1).toLower();
            }
            found.sort();
            found.removeDuplicates();
            return found;
        };
        QStringList bad;
        for (const TsMessage& m : messages) {
            for (const QString& t : m.texts) {
                if (all(placeholder, m.source) != all(placeholder, t)) {
                    bad << QStringLiteral("placeholders: ") + where(m);
                }
                if (all(accelerator, m.source) != all(accelerator, t)) {
                    bad << QStringLiteral("accelerator: ") + where(m);
                }
                if (m.source.endsWith(QChar(0x2026)) && !t.contains(QChar(0x2026))) {
                    bad << QStringLiteral("ellipsis: ") + where(m);
                }
            }
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void tsUsesTheTermsOfD2lZh()
    {
        QString error;
        const std::vector<TsMessage> messages = readTs(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // English term (a whole word, not an option like --lesson) -> the Chinese term its translation must use.
        const std::vector<std::pair<QString, QString>> terms = {
            {QStringLiteral("tokens?"), QStringLiteral("词元")},
            {QStringLiteral("quer(y|ies)"), QStringLiteral("查询")},
            {QStringLiteral("keys?"), QStringLiteral("键")},
            {QStringLiteral("values?"), QStringLiteral("值")},
            {QStringLiteral("scoring functions?"), QStringLiteral("评分函数")},
            {QStringLiteral("self-attention"), QStringLiteral("自注意力")},
            {QStringLiteral("attention pooling"), QStringLiteral("注意力汇聚")},
            {QStringLiteral("heatmaps?"), QStringLiteral("热力图")},
            {QStringLiteral("encoder"), QStringLiteral("编码器")},
            {QStringLiteral("decoder"), QStringLiteral("解码器")},
            {QStringLiteral("lessons?"), QStringLiteral("课程")},
            {QStringLiteral("held-out"), QStringLiteral("留出")},
        };
        QStringList bad;
        for (const TsMessage& m : messages) {
            for (const QString& t : m.texts) {
                for (const QString& banned : {QStringLiteral("令牌"), QStringLiteral("打分")}) {
                    if (t.contains(banned)) {
                        bad << QStringLiteral("%1: ").arg(banned) + where(m);
                    }
                }
                for (const auto& [english, chinese] : terms) {
                    const QRegularExpression re(QStringLiteral("(?<![-\\w])%1\\b").arg(english),
                                                QRegularExpression::CaseInsensitiveOption);
                    if (m.source.contains(re) && !t.contains(chinese)) {
                        bad << QStringLiteral("%1 needs %2: ").arg(english, chinese) + where(m);
                    }
                }
            }
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    // attnscope-cli render --lang zh_CN: the handout's interface (step counter, question, view title, axes) is
    // Chinese too, not only the lesson's own text.
    void cliHandoutIsChinese()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath(QStringLiteral("step8.svg"));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ATTN_CLI_PATH), {QStringLiteral("render"), QStringLiteral("--lesson"),
                                                QStringLiteral("attention-basics"), QStringLiteral("--step"),
                                                QStringLiteral("8"), QStringLiteral("--lang"), QStringLiteral("zh_CN"),
                                                QStringLiteral("--out"), out});
        QVERIFY(p.waitForFinished(180000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(file.readAll());
        for (const QString& chinese : {QStringLiteral("编码器自注意力"), QStringLiteral("步骤"), QStringLiteral("问题"),
                                       QStringLiteral("答案"), QStringLiteral("查询")}) {
            QVERIFY2(svg.contains(chinese), qPrintable(chinese));
        }
        for (const QString& english : {QStringLiteral("encoder self-attention"), QStringLiteral("Step "),
                                       QStringLiteral("Question:"), QStringLiteral("Answer:")}) {
            QVERIFY2(!svg.contains(english), qPrintable(english));
        }
    }

    // Before the translator: the English names, so the checks below test the translation and not the source.
    void englishBeforeTranslating()
    {
        QCOMPARE(blockLabel(QStringLiteral("encoder_self")), QStringLiteral("encoder self-attention"));
        QCOMPARE(scoreFunctionLabel(ScoreFunction::ScaledDot), QStringLiteral("scaled dot"));
    }

    void installsChinese() { QCOMPARE(installTranslators(QCoreApplication::instance(), "zh_CN"), QString("zh_CN")); }

    void viewTitlesAndAttentionKindsAreChinese()
    {
        // The head view's title is describeSelection's text; the Kind list and the other views use blockLabel.
        const AttentionSet set = syntheticAttentionSet(2, 4, 6, 7, /*decoder=*/true);
        AttentionSelection selection;
        selection.kind = QStringLiteral("encoder_self");
        selection.layer = 1;
        selection.head = 0;
        const QString title = describeSelection(set, selection);
        QVERIFY2(title.contains(QStringLiteral("编码器")) && title.contains(QStringLiteral("自注意力")), qPrintable(title));
        QVERIFY2(title.contains(QStringLiteral("第 1 层")) && title.contains(QStringLiteral("头 0")), qPrintable(title));
        QVERIFY2(!hasEnglishWord(title), qPrintable(title));

        selection.aggregation = Aggregation::Mean;
        const QString mean = describeSelection(set, selection);
        QVERIFY2(mean.contains(QStringLiteral("各头平均")), qPrintable(mean));

        QCOMPARE(blockLabel(QStringLiteral("encoder_self")), QStringLiteral("编码器自注意力"));
        QCOMPARE(blockLabel(QStringLiteral("decoder_self")), QStringLiteral("解码器自注意力"));
        QCOMPARE(blockLabel(QStringLiteral("cross")), QStringLiteral("交叉注意力"));
        QCOMPARE(blockLabel(QStringLiteral("image")), QStringLiteral("图像注意力"));
        for (const QString& kind : {"encoder_self", "decoder_self", "cross", "image"}) {
            QVERIFY(!blockLabel(kind).contains(QStringLiteral("令牌")));
        }
    }

    void scoringFunctionNamesAreChinese()
    {
        QCOMPARE(scoreFunctionLabel(ScoreFunction::ScaledDot), QStringLiteral("缩放点积"));
        QCOMPARE(scoreFunctionLabel(ScoreFunction::Additive), QStringLiteral("加性"));
        for (ScoreFunction fn : allScoreFunctions()) {
            QVERIFY2(hasChinese(scoreFunctionLabel(fn)), qPrintable(scoreFunctionLabel(fn)));
            QCOMPARE(scoreNameLabel(QString::fromStdString(scoreFunctionName(fn))), scoreFunctionLabel(fn));
        }
        QCOMPARE(scoreNameLabel(QStringLiteral("none")), QStringLiteral("无注意力"));
        QCOMPARE(scoreNameLabel(QStringLiteral("seq2seq-x")), QStringLiteral("seq2seq-x"));
    }

    // The shipped classifiers' label names come from their config.json in English; the interface shows them in
    // Chinese, and a name it does not know as the folder spells it.
    void classifierLabelsAreChinese()
    {
        for (const QString& label : {"positive", "negative", "entails", "contradicts", "unrelated"}) {
            QVERIFY2(hasChinese(classLabelText(label)), qPrintable(label));
        }
        QCOMPARE(classLabelText(QStringLiteral("sports")), QStringLiteral("sports"));
    }

    // Qt's own texts (standard buttons such as the lesson editor's Save / Discard / Cancel, file dialogs) come
    // from qtbase_zh_CN.qm, which scripts/setup.sh installs (qt6-translations-l10n).
    void qtsOwnButtonsAreChinese()
    {
        QDialogButtonBox box(QDialogButtonBox::Save | QDialogButtonBox::Discard | QDialogButtonBox::Cancel);
        for (const QAbstractButton* b : box.buttons()) {
            QVERIFY2(hasChinese(b->text()),
                     qPrintable(b->text() + QStringLiteral(": Qt's translations are missing (apt-get install "
                                                           "qt6-translations-l10n, or run scripts/setup.sh)")));
        }
    }

    void teachingViewsAreChinese()
    {
        ThreeStepsView steps;
        QStringList english = englishTexts(&steps, {});
        QVERIFY2(english.isEmpty(), qPrintable(english.join(QStringLiteral(" | "))));
        KernelRegressionView kernel;
        english = englishTexts(&kernel, {});
        QVERIFY2(english.isEmpty(), qPrintable(english.join(QStringLiteral(" | "))));
        const auto* combo = kernel.findChild<QComboBox*>();
        QVERIFY(combo);
        QStringList kernels;
        for (int i = 0; i < combo->count(); ++i) {
            kernels << combo->itemText(i);
        }
        QCOMPARE(kernels, QStringList({QStringLiteral("平均汇聚"), QStringLiteral("高斯核"),
                                       QStringLiteral("学习的宽度（留一法）")}));
    }

    // Every menu, menu entry and tab of the main window reads in Chinese (model, file and lesson names aside).
    void mainWindowMenusAndTabsAreChinese()
    {
        MainWindow w;
        // The language menu names each language in itself.
        const QStringList allowed = {QStringLiteral("English")};
        QStringList english;
        std::function<void(const QMenu*)> visit = [&](const QMenu* menu) {
            if (hasEnglishWord(menu->title()) && !hasChinese(menu->title())) {
                english << menu->title();
            }
            for (const QAction* a : menu->actions()) {
                if (a->menu()) {
                    visit(a->menu());
                } else if (!a->isSeparator() && hasEnglishWord(a->text()) && !hasChinese(a->text()) &&
                           !allowed.contains(a->text())) {
                    english << a->text();
                }
            }
        };
        for (const QAction* a : w.menuBar()->actions()) {
            if (a->menu()) {
                visit(a->menu());
            }
        }
        for (const QTabWidget* tabs : w.findChildren<QTabWidget*>()) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (hasEnglishWord(tabs->tabText(i)) && !hasChinese(tabs->tabText(i))) {
                    english << tabs->tabText(i);
                }
            }
        }
        QVERIFY2(english.isEmpty(), qPrintable(english.join(QStringLiteral(" | "))));
        auto* tabs = w.findChild<QTabWidget*>(QStringLiteral("panelTabs"));
        QVERIFY(tabs);
        QStringList names;
        for (int i = 0; i < tabs->count(); ++i) {
            names << tabs->tabText(i);
        }
        // The lesson text calls the tab “训练好的评分函数”; the tab must read the same.
        QVERIFY2(names.contains(QStringLiteral("训练好的评分函数")), qPrintable(names.join(QStringLiteral(" | "))));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
