#pragma once

#include "NoteNames.h"
#include "TryItForm.h"
#include "generation/GenerateRequest.h"
#include "generation/GenerationResult.h"
#include "util/Result.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QVBoxLayout;

namespace aiband {

class AuditionBar;
class Orchestrator;
class TryItTake;

// Generate without any plugin, with every control POST /api/generate has: chords (in the note
// names of the interface's language), style, tempo, meter, key and length; the feel (swing,
// intensity, complexity, humanize); the song's count-in, intro, fills and ending; the parts,
// the guitar and the full band's file; the seed. The controls become a generate body read by
// the API's own parser (TryItForm), so what is accepted is the API's; its errors are shown in
// the user's language beside the control they are about (TryItErrorText). Each part of the take
// is previewed as a piano roll (TryItTake) that drags into a DAW; a failed take keeps the last
// good one on screen. The audition bar above the take plays it (every part, or one alone),
// with the playhead over the piano rolls.
//
// Seeds: the first take's seed is random. After a take the seed box shows its seed, so Generate
// after changing a control plays the same take with that change; New take draws a new seed for
// the same settings. An emptied seed box is random again.
class TryItPage : public QWidget {
    Q_OBJECT
public:
    explicit TryItPage(Orchestrator &orchestrator, QWidget *parent = nullptr);
    // Tests and a caller that knows better than the translation may set the note naming.
    TryItPage(Orchestrator &orchestrator, NoteNaming naming, QWidget *parent = nullptr);

    TryItSettings settings() const;   // the form, as values
    QJsonObject requestBody() const { return tryItBody(settings()); }
    // The form as the API reads it: the request, or the API's error naming the field.
    Result<GenerateRequest> buildRequest() const;

    bool isGenerating() const { return m_generating; }
    const QList<GeneratedFile> &resultFiles() const;   // the last good take's
    TryItTake *take() const { return m_take; }          // the last good take, or nullptr
    AuditionBar *audition() const { return m_audition; }

    static QStringList meterChoices();   // 4/4, 3/4, 6/8, 5/4, 7/8, 12/8

public slots:
    void generate();
    void newTake();   // the same settings with a new seed

signals:
    void generationFinished(bool ok);

private:
    QLayout *buildBasics();
    QLayout *buildChords();
    QLayout *buildStyleAndKey();
    QLayout *buildTimeAndLength();
    QWidget *buildFeel();
    QWidget *buildSong();
    QLayout *buildParts();
    QLayout *buildActions();
    QSlider *addSlider(QGridLayout *grid, const QString &label, const QString &name, int value);
    QLabel *errorLabel(const QString &control);
    void fillKeys();
    void styleChosen();
    void lengthChosen();
    void finish(const Result<GenerationResult> &result);
    void fail(const Error &error);
    void clearErrors();
    void refreshShownError();
    void showResult(const GenerationResult &result);
    void auditionTake();
    void showPlayhead();

    Orchestrator &m_orchestrator;
    NoteNaming m_naming;
    QLineEdit *m_chords;
    QComboBox *m_style;
    QLabel *m_styleDescription;
    QSpinBox *m_tempo;
    QComboBox *m_meter;
    QComboBox *m_key;
    QComboBox *m_lengthUnit;
    QSpinBox *m_lengthCount;
    QCheckBox *m_styleSwing;
    QSlider *m_swing = nullptr;
    QSlider *m_intensity = nullptr;
    QSlider *m_complexity = nullptr;
    QSlider *m_humanize = nullptr;
    QSpinBox *m_countIn;
    QSpinBox *m_intro;
    QCheckBox *m_fills;
    QCheckBox *m_ending;
    QList<QCheckBox *> m_parts;
    QLineEdit *m_seed;
    QPushButton *m_generate;
    QPushButton *m_newTake;
    QLabel *m_status;
    QHash<QString, QLabel *> m_errors;   // by TryItErrorText::control()
    QVBoxLayout *m_resultsLayout = nullptr;
    TryItTake *m_take = nullptr;
    AuditionBar *m_audition = nullptr;
    bool m_generating = false;
};

} // namespace aiband
