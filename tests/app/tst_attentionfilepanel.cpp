// The attention-file panel (issue 18) off-screen: it opens .npy and .npz files in its job runners, fills the
// matrix, head view, model grid and token text view, follows the kind/layer/head pickers (from 0) and sends a bad
// file's message to the status bar.
#include "gui/attentionfilepanel.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/modelgridview.h"
#include "views/tokentextview.h"

#include <QComboBox>
#include <QFile>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace attn;

namespace {

const QString kFixtures = QStringLiteral(ATTN_FIXTURES_DIR "/attention/");

} // namespace

class TestAttentionFilePanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensAnNpzWithEveryView();
    void followsThePickers();
    void badFileGoesToTheStatusBar();
};

void TestAttentionFilePanel::opensAnNpzWithEveryView()
{
    AttentionFilePanel panel;
    panel.resize(1200, 800);
    panel.show();
    panel.open(kFixtures + "seq2seq.npz");
    panel.session().waitForIdle();
    QVERIFY(panel.session().source());
    auto* kinds = panel.findChild<QComboBox*>(QStringLiteral("kindCombo"));
    QVERIFY(kinds);
    QCOMPARE(kinds->count(), 3);
    QCOMPARE(panel.session().headMap().queries, 5); // encoder_self of "the dog was tired ."
    QCOMPARE(panel.session().headMap().keyLabels.value(3), QStringLiteral("tired"));
    QCOMPARE(panel.headView()->headCount(), 2); // the whole layer is small: both heads
    QVERIFY(panel.session().grid());
    QCOMPARE(panel.modelGrid()->layers(), 2);
    QCOMPARE(panel.modelGrid()->heads(), 2);
    panel.textView()->setPinnedToken(1);
    QCOMPARE(int(panel.textView()->weights().size()), 5);
    if (const QString dir = qEnvironmentVariable("ATTN_SAVE_PNG"); !dir.isEmpty())
        panel.grab().save(dir + QStringLiteral("/attentionfilepanel.png"));
}

void TestAttentionFilePanel::followsThePickers()
{
    AttentionFilePanel panel;
    panel.open(kFixtures + "seq2seq.npz");
    panel.session().waitForIdle();
    panel.select(2, 1, 1); // cross, layer 1, head 1
    panel.session().waitForIdle();
    QCOMPARE(panel.session().headBlock(), 2);
    QCOMPARE(panel.session().headLayer(), 1);
    QCOMPARE(panel.session().headIndex(), 1);
    QCOMPARE(panel.session().headMap().queries, 6);
    QCOMPARE(panel.session().headMap().keys, 5);
    const Eigen::MatrixXf expected = panel.session().source()->head(2, 1, 1);
    QCOMPARE(panel.session().headMap().at(4, 2), expected(4, 2));
    auto* head = panel.findChild<QSpinBox*>(QStringLiteral("headSpin"));
    QCOMPARE(head->maximum(), 1);
    head->setValue(0);
    panel.session().waitForIdle();
    QCOMPARE(panel.session().headIndex(), 0);
}

void TestAttentionFilePanel::badFileGoesToTheStatusBar()
{
    QTemporaryDir dir;
    QFile f(dir.filePath("bad.npy"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray header("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }\n");
    f.write(QByteArray("\x93NUMPY\x01\x00", 8) + char(header.size()) + '\0' + header + QByteArray(32, '\0'));
    f.close();
    AttentionFilePanel panel;
    QSignalSpy errors(&panel, &Panel::errorOccurred);
    panel.open(f.fileName());
    panel.session().waitForIdle();
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.first().first().toString().contains(QStringLiteral("dtype '<f8' is not supported")),
             qPrintable(errors.first().first().toString()));
    QVERIFY(!panel.session().source());
}

QTEST_MAIN(TestAttentionFilePanel)
#include "tst_attentionfilepanel.moc"
