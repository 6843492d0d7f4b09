#include "Generators.h"

#include "Meter.h"
#include "PartRegistry.h"
#include "Performance.h"
#include "Style.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace aiband {
namespace {

constexpr int kLowest = 48;   // C3
constexpr int kHighest = 84;  // C6
constexpr double kEpsilon = 1e-6;
constexpr int kKeysVoice = 128; // optional keys hits are decided apart from every drum voice

// The pitch classes a pianist would play for the chord in the style's voicing, at most four.
QList<int> voicedClasses(const Chord &chord, Voicing voicing)
{
    QList<int> intervals;
    for (int interval : chord.intervals) {
        const int simple = interval % 12;
        if (!intervals.contains(simple))
            intervals.append(simple);
    }
    const auto has = [&](int i) { return intervals.contains(i); };
    if (voicing == Voicing::Shell && intervals.size() >= 4) {
        // Third and seventh carry the harmony; the top voice is the colour (9th) or the root.
        QList<int> shell;
        for (int i : {4, 3, 5, 2})
            if (has(i)) { shell.append(i); break; }
        for (int i : {10, 11, 9})
            if (has(i)) { shell.append(i); break; }
        shell.append(has(2) ? 2 : 0);
        intervals = shell;
    }
    // Too many notes for one hand: the fifth goes first, then the root (the bass has it).
    if (intervals.size() > 4 && has(7))
        intervals.removeOne(7);
    if (intervals.size() > 4)
        intervals.removeOne(0);
    while (intervals.size() > 4)
        intervals.removeLast();
    if (intervals.size() < 3) // power chords and dyads: double the root an octave up
        intervals.append(12);
    QList<int> classes;
    for (int interval : intervals)
        classes.append((chord.root + interval) % 12 + (interval == 12 ? 12 : 0));
    return classes;
}

// Every inversion of the chord stacked upward from every bottom note in range.
QList<QList<int>> candidateVoicings(const QList<int> &classes)
{
    QList<QList<int>> candidates;
    for (int rotation = 0; rotation < classes.size(); ++rotation) {
        for (int bottom = kLowest; bottom <= 72; ++bottom) {
            if (bottom % 12 != classes[rotation] % 12)
                continue;
            QList<int> voicing{bottom};
            for (int k = 1; k < classes.size(); ++k) {
                int pitch = voicing.last() + 1;
                const int pc = classes[(rotation + k) % classes.size()] % 12;
                while (pitch % 12 != pc)
                    ++pitch;
                voicing.append(pitch);
            }
            if (voicing.last() <= kHighest && voicing.last() - voicing.first() <= 19)
                candidates.append(voicing);
        }
    }
    return candidates;
}

double movement(const QList<int> &a, const QList<int> &b)
{
    if (a.size() == b.size()) {
        double total = 0;
        for (qsizetype i = 0; i < a.size(); ++i)
            total += std::abs(a[i] - b[i]);
        return total;
    }
    const auto mean = [](const QList<int> &v) { return std::accumulate(v.cbegin(), v.cend(), 0.0) / v.size(); };
    return std::abs(mean(a) - mean(b)) * std::max(a.size(), b.size());
}

struct KeysEvent {
    double beat = 0.0;
    double length = 0.0;
    bool accent = false;
};

class KeysPart {
public:
    KeysPart(const Arrangement &arrangement, const SongPlan &plan)
        : m_arrangement(arrangement), m_plan(plan), m_style(arrangement.style->keys),
          m_pulses(pulsesOf(arrangement.timeSignature)), m_pattern(stepPattern(m_pulses, m_style.cells)),
          m_performance(arrangement, 3)
    {
    }

    MidiPart render()
    {
        for (const PlannedBar &bar : m_plan.bars) {
            if (bar.kind == BarKind::Song)
                collectBar(bar);
            else if (bar.kind == BarKind::Ending)
                m_events.append({bar.startBeat, bar.lengthBeats, true});
        }
        // A chord that changes under a held voicing is struck again on the change.
        m_events = splitAtChanges(m_plan, m_events, [](KeysEvent &rest) { rest.accent = false; });
        std::vector<Note> notes;
        // Voicings have four notes or fewer (five when spread): reserving for four spares the
        // vector's growth, which kept two copies alive at once and left half the last unused.
        notes.reserve(static_cast<size_t>(m_events.size()) * 4);
        QList<int> previous;
        ChordCursor chords(m_plan);
        for (const KeysEvent &event : m_events) {
            const ChordEvent *chord = chords.at(event.beat);
            if (!chord || chord->chord.noChord || event.length <= kEpsilon)
                continue;
            previous = voice(chord->chord, previous);
            const int accent = (event.accent ? 10 : 0) + m_performance.metricAccent(event.beat)
                               + m_performance.phraseAccent(event.beat);
            const int velocity = m_performance.velocity(68, accent);
            // Every voice lets go together; the starts are humanized one by one, from one swung
            // position.
            const qint64 end = beatsToTicks(m_performance.swung(event.beat + event.length)) - kTicksPerQuarter / 24;
            const double position = m_performance.swung(event.beat);
            // Read through a const reference: the voicing shares its data with the chord's
            // candidates, and a non-const loop would copy it (detach) for every event.
            const QList<int> &voicing = previous;
            for (int pitch : voicing) {
                const qint64 start = m_performance.tickAtPosition(position, Player::Keys);
                // The top voice sings a little over the others.
                const int shaped = std::clamp(velocity + (pitch == voicing.last() ? 6 : 0) + m_performance.random().between(-3, 3), 1, 127);
                notes.push_back({start, std::max<qint64>(kTicksPerQuarter / 8, end - start), pitch, shaped});
            }
        }
        const PartRow &row = partRow(TrackType::Keys);
        return {QString::fromLatin1(row.midiName), row.channel, partProgram(*m_arrangement.style, TrackType::Keys), std::move(notes)};
    }

private:
    void collectBar(const PlannedBar &bar)
    {
        forEachHeldStep(
            bar, m_pattern, m_performance, kKeysVoice, m_holding,
            [&](const Step &step) { m_events.append({step.beat, step.length, step.symbol == QLatin1Char('X')}); },
            [&](const Step &step) { m_events.last().length += step.length; });
    }

    // The voicings a chord can take depend on its root and intervals only, and a song has few
    // distinct chords: they are worked out once per chord, not once per event (building them
    // was most of the engine's allocations). Returns the chord's place in m_candidates.
    size_t candidatesFor(const Chord &chord)
    {
        const auto known = std::find_if(m_candidates.cbegin(), m_candidates.cend(), [&](const ChordVoicings &c) {
            return c.root == chord.root && c.intervals == chord.intervals;
        });
        if (known != m_candidates.cend())
            return static_cast<size_t>(known - m_candidates.cbegin());
        m_candidates.push_back({chord.root, chord.intervals, candidateVoicings(voicedClasses(chord, m_style.voicing))});
        return m_candidates.size() - 1;
    }

    QList<int> voice(const Chord &chord, const QList<int> &previous)
    {
        const size_t chordIndex = candidatesFor(chord);
        // The voicing depends on the chord and the previous voicing only, and a chord over
        // several events is asked the same question again from its second event on.
        if (chordIndex == m_lastChord && previous == m_lastPrevious)
            return m_lastVoicing;
        m_lastChord = chordIndex;
        m_lastPrevious = previous;
        m_lastVoicing = voiceAfresh(chord, m_candidates[chordIndex].voicings, previous);
        return m_lastVoicing;
    }

    QList<int> voiceAfresh(const Chord &chord, const QList<QList<int>> &candidates, const QList<int> &previous)
    {
        if (candidates.isEmpty())
            return previous;
        static const QList<int> kMiddle{60, 64, 67};
        const QList<int> &reference = previous.isEmpty() ? kMiddle : previous;
        const QList<int> *best = &candidates.first();
        double bestCost = 1e9;
        for (const QList<int> &candidate : candidates) {
            // Stay near the middle of the keyboard over a long song instead of drifting away.
            const double centre = std::abs(candidate.first() + candidate.last() - 128) * 0.25;
            const double cost = movement(candidate, reference) + centre;
            if (cost < bestCost) {
                bestCost = cost;
                best = &candidate;
            }
        }
        QList<int> voicing = *best;
        if (m_style.voicing == Voicing::Spread) {
            // An open left hand: the root below the right-hand voicing when there is room.
            int root = voicing.first() - 1;
            while (((root % 12) + 12) % 12 != chord.root)
                --root;
            if (root >= kLowest)
                voicing.prepend(root);
        }
        return voicing;
    }

    const Arrangement &m_arrangement;
    const SongPlan &m_plan;
    const KeysStyle &m_style;
    QList<Pulse> m_pulses;
    StepPattern m_pattern;  // the style's cells over m_pulses
    Performance m_performance;
    QList<KeysEvent> m_events;
    bool m_holding = false;
    struct ChordVoicings {
        int root;
        QList<int> intervals;
        QList<QList<int>> voicings;
    };
    std::vector<ChordVoicings> m_candidates;  // one per distinct chord, see candidatesFor()
    size_t m_lastChord = ~size_t(0);          // voice()'s last question and answer
    QList<int> m_lastPrevious;
    QList<int> m_lastVoicing;
};

} // namespace

MidiPart generateKeys(const Arrangement &arrangement, const SongPlan &plan)
{
    return KeysPart(arrangement, plan).render();
}

} // namespace aiband
