#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class ModelVectorsDialog;
}

namespace attn {

// The scoring lab's "From a model…": which model folder (the shipped ones whose architecture gives vectors, or
// another folder) and which English sentence to run through it.
class ModelVectorsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ModelVectorsDialog(QWidget* parent = nullptr);
    ~ModelVectorsDialog() override;

    QString modelDir() const;
    QString text() const;
    // Selects dir, adding it to the list when it is not a shipped model.
    void setModelDir(const QString& dir);
    void setText(const QString& text);

    // A corpus sentence whose French reorders words ("le chat noir"), so the attention leaves the diagonal.
    static QString defaultSentence();
    // The shipped model folders that give vectors (readModelVectors), seq2seq-dot first when present.
    static QStringList shippedModels();

private:
    void browse();

    std::unique_ptr<Ui::ModelVectorsDialog> ui;
};

} // namespace attn
