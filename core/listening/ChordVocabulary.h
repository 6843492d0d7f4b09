#pragma once

#include "Chroma.h"
#include "music/Arrangement.h"
#include "music/Chord.h"
#include "music/Key.h"

#include <QList>
#include <QString>

#include <vector>

namespace aiband {

// The chords the recognizer can hear: maj, min, 7, maj7, m7, dim, aug, sus4 on 12 roots, and
// N.C. Each has a treble chroma template that includes the first six partials of every chord
// tone (a sounding C also puts energy on G and E), as Gómez's harmonic templates do. Names and
// key fits come from the symbolic side (music/Chord, music/KeyDetection), so a chord heard in
// audio is spelled and judged exactly like one read from MIDI.
class ChordVocabulary {
public:
    static constexpr int kQualities = 8;
    static constexpr int kChordStates = 12 * kQualities;
    static constexpr int kNoChord = kChordStates;
    static constexpr int kStates = kChordStates + 1;

    ChordVocabulary();

    static int rootOf(int state) { return state / kQualities; }
    const PitchClasses &treble(int state) const { return m_templates[static_cast<size_t>(state)]; }
    // How well `state` belongs to `key`, 0..1 (chordFitInKey); 0 for N.C.
    double fitInKey(int state, const Key &key) const;
    // The canonical name, the root spelled as `key` spells it: "Bbmaj7" in F, "A#maj7" in B.
    QString name(int state, const Key &key) const;
    // The chord of `state` spelled as in C major, parsed once: for where the spelling does not
    // matter (key fits, key detection).
    const Chord &chord(int state) const { return m_chords[static_cast<size_t>(state)]; }
    // One event a beat long for each beat's state, beat i starting at beat i: what key
    // detection reads.
    QList<ChordEvent> beatEvents(const std::vector<int> &states) const;
    // A small preference for the simpler reading when a triad and a richer chord explain a beat.
    double complexity(int state) const;

private:
    std::vector<PitchClasses> m_templates;   // z-scored, so a dot product is a correlation
    std::vector<Chord> m_chords;             // spelled with Key{}
};

} // namespace aiband
