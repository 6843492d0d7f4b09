#pragma once

#include "Arrangement.h"
#include "Chord.h"

#include <QList>

#include <map>

namespace aiband {

// The chords a live player has given the band, and what the band plays beyond them
// (docs/MUSIC.md, "Following a player"). A chord holds from where it was played until the next
// one. Where the player has said nothing yet, the band predicts: once a form of 8, 12 or 16 bars
// has come round twice it continues that form from the bar after the last chord heard; before
// that it holds the last chord to the end of its phrase and then repeats the last phrase heard.
// A chord that came too late to be played where it was played (`playedFrom` later than `beat`)
// sounds from `playedFrom`, but the form is learned from where the player put it, so the next
// time round the band changes on time. A chord given after the band went on by itself turns what
// it predicted up to there into what was heard: a chord changes nothing before it sounds. Pure:
// no clock, no I/O.
class LiveChords {
public:
    LiveChords(TimeSignature meter, int phraseBars);

    // Chords kept, the oldest forgotten first: hours of a chord a beat, far more than a form needs.
    static constexpr qsizetype kMaxHeard = 20000;

    // The player's chord at `beat`; the band plays it from `playedFrom` (>= beat). A chord at a
    // beat that already has one replaces it (a DAW loop played again).
    void hear(double beat, double playedFrom, const Chord &chord);

    // What the band plays at `beat`: heard, held, or predicted. N.C. before anything was heard.
    Chord at(double beat) const;
    // The chords the band plays over [from, to), back to back, each cut to the range.
    QList<ChordEvent> between(double from, double to) const;

    bool isEmpty() const { return m_heard.empty(); }
    int formBars() const { return m_formBars; }       // 0 until a form has come round twice
    double predictedFrom() const { return m_predictedFrom; }
    // The first beat of the heard region's first bar (where a take of it starts): 0 when empty.
    double firstHeardBarStart() const;
    // Forgets chords the player gave before `beat` (the one sounding at `beat` stays), to bound
    // memory in a long session.
    void forgetBefore(double beat);
    qsizetype heardCount() const { return static_cast<qsizetype>(m_heard.size()); }

private:
    struct Heard {
        double playedFrom;
        Chord chord;
    };

    const Heard *heardAt(double beat) const;   // by where the player put it
    Chord playedAt(double beat) const;          // by where the band plays it
    double sourceOf(double beat) const;         // a predicted beat's place in what was heard
    void playPredictionsUntil(double beat);
    void learn();
    bool barsRepeat(int lastBar, int period) const;
    QList<Chord> barContent(int bar) const;
    double barLength() const { return m_meter.beatsPerBar(); }

    TimeSignature m_meter;
    int m_phraseBars;
    std::map<double, Heard> m_heard;   // by the beat the player played it
    int m_formBars = 0;
    double m_predictedFrom = 0.0;
};

} // namespace aiband
