#include "Generators.h"

#include "GuitarHand.h"
#include "GuitarShapes.h"
#include "GuitarStrokes.h"
#include "Meter.h"
#include "PartRegistry.h"
#include "Performance.h"
#include "Style.h"

#include <algorithm>
#include <vector>

namespace aiband {
namespace {

constexpr int kGuitarVoice = 129;  // optional strokes are decided apart from every drum voice and the keys

// One stroke of a pattern, where it falls.
struct GuitarHit {
    double beat = 0.0;
    double length = 0.0;       // as written: the step and the holds after it
    double stepLength = 0.25;
    double barEnd = 0.0;
    QChar symbol;              // null: nothing to play (a damped stroke cut by a chord change)
    bool offbeat = false;      // on an odd step of its pulse: '?' and 'x' go up there
};

// A note and the string it sounds on: a string stops when it is struck again.
struct StringNote {
    int string;
    Note note;
};

// What the fretting hand holds over one chord of the plan.
struct PlacedChord {
    bool placed = false;
    GuitarShape shape;
    int floorPitch = 0;        // the bass part's highest note under the chord
    int alternateClass = 0;    // fifthClassOf(chord)
    unsigned tones = 0;        // the chord's pitch classes, one bit each
};

Stroke strokeFor(QChar symbol, bool offbeat)
{
    switch (symbol.unicode()) {
    case u'D': case u'd': return Stroke::Down;
    case u'u': return Stroke::Up;
    case u'?': return offbeat ? Stroke::Up : Stroke::Down;
    case u'm': return Stroke::PalmMute;
    case u'x': return offbeat ? Stroke::DeadUp : Stroke::DeadDown;
    case u'c': case u'C': return Stroke::Chop;
    case u'b': return Stroke::Bass;
    case u'a': return Stroke::AlternateBass;
    default: return Stroke::Pluck;
    }
}

int baseVelocity(QChar symbol)
{
    switch (symbol.unicode()) {
    case u'D': case u'C': return 86;
    case u'm': return 80;
    case u'x': return 44;
    case u'b': return 78;
    case u'p': return 66;
    case u'?': return 70;
    default: return 74;  // d u c a
    }
}

// How long the strings ring, in beats: as written for strokes, briefly for damped ones, and for
// single strings (bass, arpeggio) on until `ringUntil`, the end of the chord or of the bar.
double soundingLength(const GuitarHit &hit, double ringUntil)
{
    switch (hit.symbol.unicode()) {
    case u'm': return std::min(hit.length, 0.25);
    case u'x': return std::min(hit.length, 0.06);
    case u'b': case u'a': case u'p': return std::max(hit.length, ringUntil - hit.beat);
    default: return hit.length;
    }
}

// What a sound held over a chord change plays on the change: a stroke strums the new chord, a
// ringing string gives way to the new bass; damped sounds are over by then.
QChar restrikeOf(QChar symbol)
{
    switch (symbol.unicode()) {
    case u'D': case u'd': case u'u': case u'?': return QLatin1Char('d');
    case u'b': case u'a': case u'p': return QLatin1Char('b');
    default: return {};
    }
}

// Which of the style's patterns a song bar plays: the groove on a phrase's even bars, a
// variation on its odd bars (the seed chooses when there are several), and the last pattern in
// the phrase's last bar.
int patternFor(int songBar, int phraseBars, int patterns, Random &random)
{
    if (patterns <= 1)
        return 0;
    const int inPhrase = songBar % phraseBars;
    if (inPhrase == phraseBars - 1)
        return patterns - 1;
    if (inPhrase % 2 == 0 || patterns == 2)
        return 0;
    return 1 + random.between(0, patterns - 3);
}

// A string sounds one note at a time: each note stops where the next on its string begins.
std::vector<Note> stopStrings(std::vector<StringNote> notes)
{
    std::stable_sort(notes.begin(), notes.end(), [](const StringNote &a, const StringNote &b) {
        return a.string != b.string ? a.string < b.string : a.note.startTick < b.note.startTick;
    });
    std::vector<Note> stopped;
    stopped.reserve(notes.size());
    for (size_t i = 0; i < notes.size(); ++i) {
        Note note = notes[i].note;
        if (i + 1 < notes.size() && notes[i + 1].string == notes[i].string)
            note.durationTicks = std::min(note.durationTicks, notes[i + 1].note.startTick - note.startTick);
        if (note.durationTicks > 0)
            stopped.push_back(note);
    }
    std::stable_sort(stopped.begin(), stopped.end(), [](const Note &a, const Note &b) {
        return a.startTick != b.startTick ? a.startTick < b.startTick : a.pitch < b.pitch;
    });
    return stopped;
}

class GuitarPart {
public:
    GuitarPart(const Arrangement &arrangement, const SongPlan &plan)
        : m_arrangement(arrangement), m_plan(plan), m_style(arrangement.style->guitar),
          m_pulses(pulsesOf(arrangement.timeSignature)), m_performance(arrangement, 4),
          m_ticksPerMs(kTicksPerQuarter * arrangement.tempoBpm / 60000.0)
    {
        for (const RoleCells &cells : m_style.patterns)
            m_patterns.push_back(stepPattern(m_pulses, cells));
    }

    MidiPart render()
    {
        collectHits();
        m_hits = splitAtChanges(m_plan, m_hits, [](GuitarHit &rest) {
            rest.symbol = restrikeOf(rest.symbol);
            rest.offbeat = false;
        });
        placeAboveTheBass();
        std::vector<StringNote> notes;
        ChordCursor chords(m_plan);
        for (const GuitarHit &hit : m_hits) {
            const ChordEvent *chord = chords.at(hit.beat);
            if (chord && !chord->chord.noChord && !hit.symbol.isNull())
                play(hit, *chord, notes);
        }
        const PartRow &row = partRow(TrackType::Guitar);
        return {QString::fromLatin1(row.midiName), row.channel, partProgram(*m_arrangement.style, TrackType::Guitar), stopStrings(std::move(notes))};
    }

private:
    void collectHits()
    {
        if (m_patterns.empty())
            return;
        int songBar = 0;
        for (const PlannedBar &bar : m_plan.bars) {
            if (bar.kind == BarKind::Song) {
                const int pattern = patternFor(songBar++, m_arrangement.style->phraseBars,
                                               static_cast<int>(m_patterns.size()), m_performance.random());
                collectBar(bar, m_patterns[static_cast<size_t>(pattern)]);
            } else if (bar.kind == BarKind::Ending) {
                const double end = bar.startBeat + bar.lengthBeats;
                m_hits.append({bar.startBeat, bar.lengthBeats, bar.lengthBeats, end, QLatin1Char('D')});
            }
        }
    }

    void collectBar(const PlannedBar &bar, const StepPattern &pattern)
    {
        const double barEnd = bar.startBeat + bar.lengthBeats;
        forEachHeldStep(
            bar, pattern, m_performance, kGuitarVoice, m_holding,
            [&](const Step &step) {
                m_hits.append({step.beat, step.length, step.length, barEnd, step.symbol, step.inPulse % 2 == 1});
            },
            [&](const Step &step) { m_hits.last().length += step.length; });
    }

    // The bass part, as it is generated on its own, sets a floor under each chord: the guitar's
    // shapes keep above the highest bass note sounding within an eighth of a beat of the chord.
    void placeAboveTheBass()
    {
        const std::vector<Note> bass = partRow(TrackType::Bass).generate(m_arrangement, m_plan).notes;
        m_placed.assign(static_cast<size_t>(m_plan.chords.size()), PlacedChord{});
        size_t first = 0;  // bass notes before it end before the chord (notes and chords in order)
        for (size_t c = 0; c < m_placed.size(); ++c) {
            const ChordEvent &chord = m_plan.chords[static_cast<qsizetype>(c)];
            const qint64 from = beatsToTicks(chord.startBeat) - kTicksPerQuarter / 8;
            const qint64 until = beatsToTicks(chord.startBeat + chord.durationBeats) + kTicksPerQuarter / 8;
            first = m_plan.chordsInOrder ? first : 0;
            while (first < bass.size() && bass[first].startTick + bass[first].durationTicks <= from)
                ++first;
            int floor = kGuitarLowest - 1;
            for (size_t n = first; n < bass.size() && bass[n].startTick < until; ++n)
                floor = std::max(floor, bass[n].pitch);
            m_placed[c].floorPitch = floor;
        }
    }

    const std::vector<ShapeCandidate> &candidatesFor(const Chord &chord)
    {
        const auto known = std::find_if(m_candidates.cbegin(), m_candidates.cend(), [&](const KnownChord &k) {
            return k.root == chord.root && k.bass == chord.bass && k.intervals == chord.intervals;
        });
        if (known != m_candidates.cend())
            return known->shapes;
        m_candidates.push_back({chord.root, chord.bass, chord.intervals, guitarShapes(chord, m_style.voicing)});
        return m_candidates.back().shapes;
    }

    // The chord's shape, placed the first time the chord is played (in time order, so the hand
    // moves from the previous chord's shape).
    const PlacedChord &placed(size_t index)
    {
        PlacedChord &chord = m_placed[index];
        if (chord.placed)
            return chord;
        const Chord &symbol = m_plan.chords[static_cast<qsizetype>(index)].chord;
        const std::vector<ShapeCandidate> &candidates = candidatesFor(symbol);
        if (!candidates.empty())
            chord.shape = m_hand.place(candidates, chord.floorPitch);
        chord.alternateClass = fifthClassOf(symbol);
        for (int pitchClass : symbol.pitchClasses())
            chord.tones |= 1u << pitchClass;
        chord.placed = true;
        return chord;
    }

    // Arpeggios start again from the bass at every bar and every chord.
    int nextPluck(size_t chord, double barEnd)
    {
        if (chord != m_pluckChord || barEnd != m_pluckBarEnd) {
            m_pluckChord = chord;
            m_pluckBarEnd = barEnd;
            m_pluck = 0;
        }
        return m_pluck++;
    }

    StrokeContext contextFor(const GuitarHit &hit, const PlacedChord &chord, size_t index)
    {
        StrokeContext context;
        context.strumMs = m_style.strumMs;
        context.stepMs = hit.stepLength * 60000.0 / m_arrangement.tempoBpm;
        context.floorPitch = chord.floorPitch;
        context.alternateClass = chord.alternateClass;
        context.chordTones = chord.tones;
        context.arpeggioIndex = hit.symbol == QLatin1Char('p') ? nextPluck(index, hit.barEnd) : 0;
        return context;
    }

    void play(const GuitarHit &hit, const ChordEvent &event, std::vector<StringNote> &notes)
    {
        const auto index = static_cast<size_t>(&event - m_plan.chords.data());
        const PlacedChord &chord = placed(index);
        if (chord.shape.soundingCount() == 0)
            return;
        const StrokeContext context = contextFor(hit, chord, index);
        const qint64 start = m_performance.tickAtPosition(m_performance.swung(hit.beat), Player::Guitar);
        const double ringUntil = std::min(event.startBeat + event.durationBeats, hit.barEnd);
        const qint64 end = beatsToTicks(m_performance.swung(hit.beat + soundingLength(hit, ringUntil))) - kTicksPerQuarter / 32;
        const int accent = m_performance.metricAccent(hit.beat) + m_performance.phraseAccent(hit.beat);
        const int velocity = m_performance.velocity(baseVelocity(hit.symbol), accent);
        qint64 previous = start - 1;
        for (const StrokeNote &stroke : strokeNotes(strokeFor(hit.symbol, hit.offbeat), chord.shape, context, m_performance.random())) {
            // The strings one after another, at least a tick apart.
            const qint64 at = std::max(previous + 1, start + roundHalfAwayFromZero(stroke.delayMs * m_ticksPerMs));
            previous = at;
            const Note note{at, std::max<qint64>(kTicksPerQuarter / 32, end - at), stroke.pitch,
                            std::clamp(velocity + stroke.velocityOffset, 1, 127)};
            notes.push_back({stroke.string, note});
        }
    }

    const Arrangement &m_arrangement;
    const SongPlan &m_plan;
    const GuitarStyle &m_style;
    QList<Pulse> m_pulses;
    std::vector<StepPattern> m_patterns;  // the style's patterns over m_pulses
    Performance m_performance;
    double m_ticksPerMs;
    QList<GuitarHit> m_hits;
    bool m_holding = false;
    GuitarHand m_hand;
    std::vector<PlacedChord> m_placed;    // one per chord of the plan
    struct KnownChord {
        int root;
        int bass;
        QList<int> intervals;
        std::vector<ShapeCandidate> shapes;
    };
    std::vector<KnownChord> m_candidates;  // one per distinct chord
    size_t m_pluckChord = ~size_t(0);
    double m_pluckBarEnd = -1.0;
    int m_pluck = 0;
};

} // namespace

MidiPart generateGuitar(const Arrangement &arrangement, const SongPlan &plan)
{
    return GuitarPart(arrangement, plan).render();
}

} // namespace aiband
