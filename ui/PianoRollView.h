#pragma once

#include "music/ChordTimeline.h"
#include "music/MidiFile.h"

#include <QPoint>
#include <QWidget>

#include <optional>

class QMimeData;

namespace aiband {

class PianoRollLayout;

// A piano-roll preview of one MIDI file: pitch up, time across with bar lines, velocity as
// shade, drums as hits in a band of labelled GM lanes below the pitched notes (geometry in
// PianoRollLayout). Above the bar numbers, the chords: a generated take's from its sidecar
// (what the engine played, count-in and intro included), any other file's read from its notes;
// above them the sections (the sheet's [Verse] markers, count-in, intro, ending). A file that
// cannot be read or has no notes shows a message instead. The preview is also a drag source
// for its file, like a row of the Files table.
class PianoRollView : public QWidget {
    Q_OBJECT
public:
    explicit PianoRollView(QWidget *parent = nullptr);

    // Reads and shows the file; an empty path clears the view.
    void setFile(const QString &path);
    void clear();

    QString filePath() const { return m_path; }
    const MidiSong &song() const { return m_song; }
    const ChordTimeline &chords() const { return m_chords; }
    // What is shown instead of notes (no file, unreadable file, no notes); empty when notes are drawn.
    QString message() const { return m_message; }

    // What dragging the preview carries (its file, as a row of the Files table would); null
    // when no file is shown. The caller owns it.
    QMimeData *dragData() const;

    // The playhead: a vertical line where the sound is, in seconds from the song's start at
    // its tempo (PianoRollLayout::xForSeconds); nullopt hides it.
    void setPlayhead(std::optional<double> seconds);
    std::optional<double> playhead() const { return m_playhead; }
    static QColor playheadColour() { return {0xd0, 0x20, 0x30}; }

    // The area notes are laid out in, inside the labels' gutter and the strips above (sections
    // when the file has any, chords when it has any, bar numbers).
    QRectF noteArea() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    void paintRows(QPainter &painter, const PianoRollLayout &layout) const;
    void paintBars(QPainter &painter, const PianoRollLayout &layout) const;
    void paintChords(QPainter &painter, const PianoRollLayout &layout) const;
    void paintSections(QPainter &painter, const PianoRollLayout &layout) const;
    int sectionStripHeight() const;
    int chordStripHeight() const;
    void paintNotes(QPainter &painter, const PianoRollLayout &layout) const;
    void paintMessage(QPainter &painter) const;
    void paintPlayhead(QPainter &painter, const PianoRollLayout &layout) const;

    QString m_path;
    MidiSong m_song;
    ChordTimeline m_chords;
    QString m_message;
    QPoint m_pressPosition;
    bool m_pressed = false;
    std::optional<double> m_playhead;
};

// "C4" for MIDI note 60; General MIDI drum names ("Kick", "Snare") for the drum rows.
QString noteName(int pitch);
QString drumName(int note);
// "Verse" as the sheet names it; "Count-in", "Intro", "Ending" in the user's language.
QString sectionTitle(const TimedSection &section);

} // namespace aiband
