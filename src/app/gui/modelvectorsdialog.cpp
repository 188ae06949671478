#include "gui/modelvectorsdialog.h"

#include "engine/modelregistry.h"
#include "gui/modelfolders.h"
#include "ui_modelvectorsdialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>

#include <algorithm>

namespace attn {

ModelVectorsDialog::ModelVectorsDialog(QWidget* parent)
    : QDialog(parent), ui(std::make_unique<Ui::ModelVectorsDialog>())
{
    ui->setupUi(this);
    for (const QString& dir : shippedModels()) {
        ui->modelCombo->addItem(QFileInfo(dir).fileName(), dir);
    }
    ui->textEdit->setText(defaultSentence());
    ui->buttons->button(QDialogButtonBox::Ok)->setText(tr("&Run the model"));
    connect(ui->browseButton, &QPushButton::clicked, this, &ModelVectorsDialog::browse);
    connect(ui->buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ModelVectorsDialog::~ModelVectorsDialog() = default;

QString ModelVectorsDialog::modelDir() const
{
    return ui->modelCombo->currentData().toString();
}

QString ModelVectorsDialog::text() const
{
    return ui->textEdit->text();
}

void ModelVectorsDialog::setModelDir(const QString& dir)
{
    if (dir.isEmpty()) {
        return;
    }
    const QString path = QDir(dir).absolutePath();
    int index = ui->modelCombo->findData(path);
    if (index < 0) {
        ui->modelCombo->addItem(QFileInfo(path).fileName(), path);
        index = ui->modelCombo->count() - 1;
    }
    ui->modelCombo->setCurrentIndex(index);
}

void ModelVectorsDialog::setText(const QString& text)
{
    ui->textEdit->setText(text);
}

QString ModelVectorsDialog::defaultSentence()
{
    return QStringLiteral("the black cat chases the small mouse .");
}

QStringList ModelVectorsDialog::shippedModels()
{
    QStringList out;
    for (const QString& dir : modelFoldersIn(modelsDirectory())) {
        try {
            if (offersModelVectors(readModelConfig(dir))) {
                out << dir;
            }
        } catch (const ModelError&) {
            // A broken folder is left out of the list; choosing it with "Other folder…" names the problem.
        }
    }
    const auto dot = std::find_if(out.begin(), out.end(), [](const QString& d) { return d.endsWith("seq2seq-dot"); });
    if (dot != out.end()) {
        std::rotate(out.begin(), dot, dot + 1);
    }
    return out;
}

void ModelVectorsDialog::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Model folder"), modelDir());
    if (!dir.isEmpty()) {
        setModelDir(dir);
    }
}

} // namespace attn
