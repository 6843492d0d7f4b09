#pragma once

#include "Arrangement.h"
#include "LiveChords.h"

#include <QList>

#include <map>
#include <optional>
#include <vector>

namespace aiband {

// One note the live band plays, in beats of the shared transport.
struct BandEvent {
    double beat = 0.0;
    TrackType part = TrackType::Bass;
    int channel = 0;      // zero-based, as in the part's MIDI files
    int pitch = 60;
    int velocity = 100;
    double duration = 0.0;
};

struct LiveBandSettings {
    const Style *style = nullptr;   // owned by the StyleLibrary, which outlives the band
    TimeSignature meter;
    std::optional<Key> key;         // none: read from the chords heard so far
    quint32 seed = 0;
    double tempoBpm = 120.0;        // for the feel's timings in milliseconds
    Feel feel;
};

// The band following a player (docs/MUSIC.md, "Following a player"): the engine's generators
// over the chords heard and predicted, a phrase at a time. Each phrase is composed as a short
// song of its own (a seed of its own, its fill at the end) when a part's notes in it are first
// asked for, and again from a chord heard in it on (what it played before the chord stays as it
// was). Pure and deterministic: the same chords, heard in the same order, give the same notes.
class LiveBand {
public:
    explicit LiveBand(LiveBandSettings settings);

    // The player's chord (LiveChords::hear); phrases from the one `playedFrom` falls in are
    // composed again when next asked for.
    void hear(double beat, double playedFrom, const Chord &chord);
    // The notes of `parts` that start in [from, to), in time order (then part, then pitch).
    QList<BandEvent> events(double from, double to, const QList<TrackType> &parts);

    // From the next phrase asked for on; a new meter starts the bars again.
    void setTempo(double tempoBpm) { m_settings.tempoBpm = tempoBpm; }
    void setMeter(TimeSignature meter);

    const LiveChords &chords() const { return m_chords; }
    const LiveBandSettings &settings() const { return m_settings; }
    Key key() const;   // given, or read from what was heard (C major before anything)
    double phraseLength() const;
    // Drops the phrases composed before `beat` (they are composed again if asked for), to bound
    // memory. The chords heard stay: the band may be repeating them.
    void forgetPhrasesBefore(double beat);

private:
    const std::vector<BandEvent> &phrase(int index, TrackType part);
    std::vector<BandEvent> compose(int index, TrackType part) const;

    // A phrase's notes before a chord heard in it: they may have been sent already, so composing
    // the phrase again keeps them and only what follows the chord is new.
    struct Kept {
        double before = 0.0;
        std::map<int, std::vector<BandEvent>> parts;   // part row -> its notes before `before`
    };
    void keepBefore(int index, double beat);

    LiveBandSettings m_settings;
    LiveChords m_chords;
    // phrase index -> part row -> its notes, each phrase's notes sorted by beat
    std::map<int, std::map<int, std::vector<BandEvent>>> m_phrases;
    std::map<int, Kept> m_kept;   // by phrase index
};

} // namespace aiband
