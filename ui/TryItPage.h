#pragma once

#include "generation/GenerateRequest.h"
#include "generation/GenerationResult.h"
#include "util/Result.h"

#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QVBoxLayout;

namespace aiband {

class Orchestrator;

// Generate without any plugin: type chords ("C Am F G", or bars with "|"), pick style, tempo,
// meter and parts, generate, and see each part as a piano roll that drags into a DAW or a file
// manager. The form is read by the same parser as the API's flat form, so what is accepted and
// every error message are the API's; errors about the chords show under the chord field.
class TryItPage : public QWidget {
    Q_OBJECT
public:
    explicit TryItPage(Orchestrator &orchestrator, QWidget *parent = nullptr);

    // The form as the API would read it: the request, or the error naming the field as the
    // flat form does ("chords", "tempo", "time_signature", "style", "track_types").
    Result<GenerateRequest> buildRequest() const;

    bool isGenerating() const { return m_generating; }
    const QList<GeneratedFile> &resultFiles() const { return m_files; }   // the last generation's

    static QStringList meterChoices();   // 4/4, 3/4, 6/8, 5/4, 7/8, 12/8

public slots:
    void generate();

signals:
    void generationFinished(bool ok);

private:
    void styleChosen();
    void finish(const Result<GenerationResult> &result);
    void showError(const Error &error);
    void clearErrors();
    void showResult(const GenerationResult &result);

    Orchestrator &m_orchestrator;
    QLineEdit *m_chords;
    QLabel *m_chordsError;
    QComboBox *m_style;
    QSpinBox *m_tempo;
    QComboBox *m_meter;
    QList<QCheckBox *> m_parts;
    QPushButton *m_generate;
    QLabel *m_status;
    QWidget *m_results;
    QVBoxLayout *m_resultsLayout;
    QList<GeneratedFile> m_files;
    bool m_generating = false;
};

} // namespace aiband
