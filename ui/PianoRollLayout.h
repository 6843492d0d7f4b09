#pragma once

#include "music/ChordTimeline.h"
#include "music/MidiFile.h"

#include <QList>
#include <QRectF>

#include <optional>

namespace aiband {

// Where each note of a song goes in a piano-roll area: the geometry only, no painting, so it
// can be checked number by number.
//
// Vertically the area is split into rows, top to bottom: the pitched notes' range, highest
// pitch first (fitted to the notes with kPitchMargin rows above and below, and at least an
// octave tall), then a band of drum lanes, one per drum sound the song plays (parts on the GM
// drum channel), highest note number first, so the kick sits at the bottom as in DAWs' drum
// editors. Rows share the height evenly, except that beside pitched notes each drum lane is at
// least kDrumLaneHeight tall (while the band takes at most kMaxDrumBandShare of the height), so
// a full-band file's drums stay labelled lanes rather than slivers under five octaves of keys.
// Horizontally the song's ticks are spread over the width from 0 to the song's end, with a bar
// line at the start of every bar of its time signature; a chord timeline adds a chord label
// where each chord starts and again at each bar it is held into, and a label where each
// section starts.
class PianoRollLayout {
public:
    static constexpr int kPitchMargin = 2;         // rows above the highest and below the lowest note
    static constexpr int kMinimumPitchRows = 13;   // an octave, inclusive, however narrow the part
    static constexpr qint64 kDrumHitTicks = kTicksPerQuarter / 4;  // drum hits are drawn a sixteenth wide
    static constexpr double kMinimumNoteWidth = 2.0;  // pixels, so the shortest notes stay visible
    static constexpr int kMaxBarLines = 4096;
    static constexpr double kDrumLaneHeight = 14.0;     // pixels, room for a lane's label
    static constexpr double kMaxDrumBandShare = 0.5;

    struct NoteBox {
        QRectF rect;
        int part = 0;        // index into the song's parts
        int pitch = 60;
        int velocity = 100;
        bool drum = false;
    };

    struct BarLine {
        int number = 1;      // 1-based, as musicians count
        qint64 tick = 0;
        double x = 0.0;
    };

    // Above a bar: a chord symbol from `x` up to `right` (the next label, or the area's end).
    struct ChordLabel {
        QString symbol;
        int bar = 1;         // the bar it stands in, numbered as BarLine
        qint64 tick = 0;
        double x = 0.0;
        double right = 0.0;
    };

    struct SectionLabel {
        TimedSection section;
        qint64 tick = 0;
        double x = 0.0;
        double right = 0.0;
    };

    PianoRollLayout(const MidiSong &song, const QRectF &area, const ChordTimeline &chords = {});

    bool isEmpty() const { return m_notes.isEmpty(); }
    QRectF area() const { return m_area; }
    qint64 endTick() const { return m_endTick; }

    // The pitched rows' range; hasPitchedNotes() is false when the song has only drums.
    bool hasPitchedNotes() const { return m_highestPitch >= m_lowestPitch; }
    int lowestPitch() const { return m_lowestPitch; }
    int highestPitch() const { return m_highestPitch; }
    QList<int> drumRows() const { return m_drumPitches; }   // top to bottom

    int rowCount() const { return pitchedRowCount() + static_cast<int>(m_drumPitches.size()); }
    // A pitched row's height; a drum lane's when there are no pitched notes.
    double rowHeight() const { return hasPitchedNotes() ? m_rowHeight : m_drumLaneHeight; }
    double drumLaneHeight() const { return m_drumLaneHeight; }
    double drumBandTop() const { return m_area.top() + pitchedRowCount() * m_rowHeight; }
    double rowTop(int row) const;
    double rowHeightOf(int row) const { return row < pitchedRowCount() ? m_rowHeight : m_drumLaneHeight; }
    std::optional<int> rowOf(int pitch, bool drum) const;

    double xForTick(qint64 tick) const;
    // Where the sound heard `seconds` after the song's start is, at the song's tempo: the
    // playhead. Kept inside the area (an instrument's release rings past the last bar).
    double xForSeconds(double seconds) const;
    // The tick sounding `seconds` after tick 0 at a steady tempo (the engine writes one tempo).
    static double tickAtSeconds(double seconds, double tempoBpm);
    const QList<NoteBox> &notes() const { return m_notes; }
    const QList<BarLine> &bars() const { return m_bars; }
    const QList<ChordLabel> &chordLabels() const { return m_chordLabels; }
    const QList<SectionLabel> &sectionLabels() const { return m_sectionLabels; }

    // How strongly a note of this velocity is drawn: 0.3 at velocity 1 up to 1.0 at 127.
    static double velocityShade(int velocity);

private:
    int pitchedRowCount() const { return hasPitchedNotes() ? m_highestPitch - m_lowestPitch + 1 : 0; }
    void fitRowHeights();
    void layOutChords(const ChordTimeline &chords);
    void layOutSections(const ChordTimeline &chords);
    int barAt(qint64 tick) const;

    QRectF m_area;
    qint64 m_endTick = 0;
    double m_tempoBpm = 120.0;
    int m_lowestPitch = 0;
    int m_highestPitch = -1;
    QList<int> m_drumPitches;
    double m_rowHeight = 0.0;
    double m_drumLaneHeight = 0.0;
    QList<NoteBox> m_notes;
    QList<BarLine> m_bars;
    QList<ChordLabel> m_chordLabels;
    QList<SectionLabel> m_sectionLabels;
};

} // namespace aiband
