#pragma once

#include "NoteNames.h"
#include "generation/GenerationResult.h"

#include <QWidget>

#include <optional>

class QLabel;

namespace aiband {

class PianoRollView;

// One take in the Try it tab: what was played (key, bars, seed) and, per part, its title, a row
// for the part's actions and its piano roll, which drags the file into a DAW or a file manager.
// A take stays when the next one fails or the form is wrong, marked as the previous take, so a
// typo never costs the last good result.
class TryItTake : public QWidget {
    Q_OBJECT
public:
    TryItTake(const GenerationResult &result, NoteNaming naming, QWidget *parent = nullptr);

    const QList<GeneratedFile> &files() const { return m_files; }
    quint32 seed() const { return m_seed; }

    // Marks this take as the one before what was just asked for, which did not come.
    void markAsPrevious();
    bool isPrevious() const;

    // Where the audition is, on every part's piano roll (they share the song's clock); nullopt
    // hides it.
    void setPlayhead(std::optional<double> seconds);

private:
    void addPart(const GeneratedFile &file);

    QList<GeneratedFile> m_files;
    quint32 m_seed = 0;
    QLabel *m_previous;
    QList<PianoRollView *> m_rolls;
};

} // namespace aiband
