#include "Generators.h"

#include "Meter.h"
#include "PartRegistry.h"
#include "Performance.h"
#include "Style.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <vector>

namespace aiband {
namespace {

constexpr int kLowest = 28;   // E1
constexpr int kHighest = 55;  // G3
constexpr double kEpsilon = 1e-6;

// The pitch of `pitchClass` in the bass range closest to `previous`, leaning away from the
// extremes where a bass gets muddy (below D1) or thin (above D3).
int nearestBassPitch(int pitchClass, int previous)
{
    if (pitchClass < 0 || pitchClass > 11)
        return -1;
    int best = -1;
    double bestCost = 1e9;
    // The pitches of the class in the range, lowest first: every second and third bass note
    // asks, and testing each of the 28 pitches in the range was a noticeable part of a render.
    for (int pitch = kLowest + (pitchClass - kLowest % 12 + 12) % 12; pitch <= kHighest; pitch += 12) {
        const double cost = std::abs(pitch - previous) + (pitch < 31 ? 4 : 0) + (pitch > 50 ? 4 : 0);
        if (cost < bestCost) {
            bestCost = cost;
            best = pitch;
        }
    }
    return best;
}

int firstPresent(const Chord &chord, std::initializer_list<int> intervals, int fallback)
{
    for (int interval : intervals) {
        if (chord.intervals.contains(interval))
            return interval;
    }
    return fallback;
}

// A chord degree of the pattern alphabet as a pitch, relative to the chord's root in the register.
int degreePitch(QChar degree, const Chord &chord, int rootPitch)
{
    int interval = 0;
    switch (degree.unicode()) {
    case u'5': interval = firstPresent(chord, {7, 6, 8}, 0); break;
    case u'3': interval = firstPresent(chord, {4, 3, 5, 2}, 0); break;
    case u'7': interval = firstPresent(chord, {10, 11, 9}, 12); break;
    case u'8': interval = 12; break;
    default: break;
    }
    int pitch = rootPitch + interval;
    while (pitch > kHighest)
        pitch -= 12;
    return pitch;
}

struct BassEvent {
    double beat = 0.0;
    double length = 0.0;
    QChar degree;          // R 5 8 3 7 g, or 'W' for a walking note chosen later
    bool change = false;   // a chord starts here
    int pitch = 0;
    bool approach = false;
};

class BassPart {
public:
    BassPart(const Arrangement &arrangement, const SongPlan &plan)
        : m_arrangement(arrangement), m_plan(plan), m_style(arrangement.style->bass),
          m_pulses(pulsesOf(arrangement.timeSignature)), m_pattern(stepPattern(m_pulses, m_style.cells)),
          m_performance(arrangement, 1)
    {
        for (const DrumVoice &voice : arrangement.style->drums) {
            if (voice.name == QLatin1String("kick"))
                m_kicks.push_back({stepPattern(m_pulses, voice.cells), voice.note});
        }
    }

    MidiPart render()
    {
        for (const PlannedBar &bar : m_plan.bars) {
            if (bar.kind == BarKind::Song)
                collectBar(bar);
            else if (bar.kind == BarKind::Ending)
                m_events.append({bar.startBeat, bar.lengthBeats, QLatin1Char('R'), true});
        }
        markChanges();
        resolvePitches();
        addApproaches();
        const PartRow &row = partRow(TrackType::Bass);
        return {QString::fromLatin1(row.midiName), row.channel, partProgram(*m_arrangement.style, TrackType::Bass), toNotes()};
    }

private:
    double approachChance() const
    {
        return std::clamp(m_style.approach * (0.5 + m_arrangement.feel.complexity), 0.0, 1.0);
    }

    void collectBar(const PlannedBar &bar)
    {
        switch (m_style.mode) {
        case BassMode::Walking:
            for (const Pulse &pulse : m_pulses)
                addEvent(bar, pulse.start, pulse.length, QLatin1Char('W'));
            return;
        case BassMode::Pattern:
            collectCells(bar, m_pattern, false);
            return;
        case BassMode::LockedToKick:
            for (const Kick &kick : m_kicks)
                collectCells(bar, kick.pattern, true, kick.note);
            return;
        }
    }

    void addEvent(const PlannedBar &bar, double offset, double length, QChar degree)
    {
        if (offset >= bar.lengthBeats - kEpsilon)
            return;
        m_events.append({bar.startBeat + offset, std::min(length, bar.lengthBeats - offset), degree});
    }

    // Pattern cells, or the kick's cells when locked to it (with the drums' own optional hits).
    void collectCells(const PlannedBar &bar, const StepPattern &pattern, bool fromKick, int kickNote = 36)
    {
        forEachStep(bar, pattern, [&](const Step &step) {
            if (step.symbol == QLatin1Char('-')) {
                if (!m_events.isEmpty() && m_events.last().beat + m_events.last().length >= step.beat - kEpsilon)
                    m_events.last().length += step.length;
                return;
            }
            if (step.symbol == QLatin1Char('.'))
                return;
            if (fromKick && step.symbol == QLatin1Char('?') && !m_performance.playsOptional(bar.index, step.index, kickNote))
                return;
            m_events.append({step.beat, step.length, fromKick ? QLatin1Char('K') : step.symbol});
        });
    }

    // Every chord change gets a note on it, and no note sounds across a change.
    void markChanges()
    {
        // The events are collected in time order, and an inserted change keeps that order. Then
        // the event on a change, if any, is among those within half a beat of it, and the place
        // for a new one is found by halves: scanning every event for every chord made long
        // songs quadratic. (Out of order, the whole list is scanned as it always was.)
        const auto byBeat = [](const BassEvent &a, const BassEvent &b) { return a.beat < b.beat; };
        const bool ordered = std::is_sorted(m_events.cbegin(), m_events.cend(), byBeat);
        const auto firstFrom = [&](double beat) {
            return std::partition_point(m_events.begin(), m_events.end(), [&](const BassEvent &e) { return e.beat < beat; });
        };
        for (const ChordEvent &chord : m_plan.chords) {
            if (chord.chord.noChord || chord.durationBeats < 1.0 - kEpsilon)
                continue;
            const auto near = ordered ? firstFrom(chord.startBeat - 0.5) : m_events.begin();
            const auto past = ordered ? firstFrom(chord.startBeat + 0.5) : m_events.end();
            auto at = std::find_if(near, past, [&](const BassEvent &e) {
                return std::abs(e.beat - chord.startBeat) < kEpsilon;
            });
            if (at != past) {
                at->change = true;
                if (at->degree != QLatin1Char('W'))
                    at->degree = QLatin1Char('R');
                continue;
            }
            BassEvent event{chord.startBeat, 0.0, QLatin1Char('R'), true};
            const auto later = [&](const BassEvent &e) { return e.beat > chord.startBeat; };
            const auto next = ordered ? std::partition_point(m_events.begin(), m_events.end(), std::not_fn(later))
                                      : std::find_if(m_events.begin(), m_events.end(), later);
            const double until = next != m_events.end() ? next->beat : chord.startBeat + chord.durationBeats;
            event.length = std::min(until, chord.startBeat + chord.durationBeats) - chord.startBeat;
            m_events.insert(next, event);
        }
        for (qsizetype i = 0; i + 1 < m_events.size(); ++i)
            m_events[i].length = std::min(m_events[i].length, m_events[i + 1].beat - m_events[i].beat);
        ChordCursor chords(m_plan);
        for (BassEvent &event : m_events) {
            const ChordEvent *chord = chords.at(event.beat);
            if (chord)
                event.length = std::min(event.length, chord->startBeat + chord->durationBeats - event.beat);
        }
    }

    void resolvePitches()
    {
        int previous = 38;
        int lockedCount = 0;
        const ChordEvent *lastChord = nullptr;
        ChordCursor chords(m_plan);  // asked about each event and the one after it, in order
        for (qsizetype i = 0; i < m_events.size(); ++i) {
            BassEvent &event = m_events[i];
            const ChordEvent *chord = chords.at(event.beat);
            if (!chord || chord->chord.noChord) {
                event.pitch = 0; // rest
                continue;
            }
            lockedCount = chord == lastChord ? lockedCount + 1 : 0;
            const Chord &c = chord->chord;
            // Degrees are measured from one root per chord, so a pattern keeps its shape
            // instead of climbing away from where the chord began.
            if (chord != lastChord)
                m_chordRoot = nearestBassPitch(c.root, previous);
            lastChord = chord;
            const int rootPitch = m_chordRoot;
            if (event.change || event.degree == QLatin1Char('R') || event.degree == QLatin1Char('g')) {
                event.pitch = nearestBassPitch(c.bass, previous); // root, or the slash bass
            } else if (event.degree == QLatin1Char('W')) {
                event.pitch = walkingPitch(i, c, previous, chords);
            } else if (event.degree == QLatin1Char('K')) {
                event.pitch = lockedPitch(c, rootPitch, lockedCount);
            } else {
                event.pitch = degreePitch(event.degree, c, rootPitch);
            }
            if (std::abs(event.pitch - previous) > 12)
                event.pitch += event.pitch > previous ? -12 : 12;
            event.pitch = std::clamp(event.pitch, kLowest, kHighest);
            previous = event.pitch;
        }
    }

    // Chord::chordScale(), kept per distinct chord: walking lines ask for nearly every note, and
    // working a scale out allocates. The reference holds until the next call.
    const QList<int> &scaleOf(const Chord &chord)
    {
        const auto known = std::find_if(m_scales.cbegin(), m_scales.cend(), [&](const KnownScale &c) {
            return c.root == chord.root && c.noChord == chord.noChord && c.intervals == chord.intervals;
        });
        if (known != m_scales.cend())
            return known->scale;
        m_scales.push_back({chord.root, chord.noChord, chord.intervals, chord.chordScale()});
        return m_scales.back().scale;
    }

    // Kick-locked bass: the root, with octaves and fifths as the player gets busier.
    int lockedPitch(const Chord &chord, int rootPitch, int countInChord)
    {
        if (countInChord == 0)
            return nearestBassPitch(chord.bass, rootPitch);
        const int roll = m_performance.random().between(0, 99);
        const double busy = m_arrangement.feel.complexity;
        if (roll < 25 * busy)
            return degreePitch(QLatin1Char('8'), chord, rootPitch);
        if (roll < 45 * busy)
            return degreePitch(QLatin1Char('5'), chord, rootPitch);
        return rootPitch;
    }

    // A walking line: chord tones on strong beats, chord or scale tones between, moving by
    // small steps toward where the next chord wants the line to be.
    int walkingPitch(qsizetype index, const Chord &chord, int previous, ChordCursor &chords)
    {
        const double beat = m_events[index].beat;
        const double inBar = std::fmod(beat - m_plan.musicStartBeat, m_arrangement.timeSignature.beatsPerBar());
        const bool strong = std::any_of(m_pulses.cbegin(), m_pulses.cend(), [&](const Pulse &p) {
            return std::abs(p.start - inBar) < kEpsilon && (p.role == PulseRole::Downbeat || p.role == PulseRole::Strong);
        });
        // The pitch classes the line may use, as a set of 12 bits (no list to build per note).
        unsigned classes = 0;
        for (int interval : chord.intervals)
            classes |= 1u << ((chord.root + interval) % 12);  // Chord::pitchClasses()
        if (!strong && m_arrangement.feel.complexity > 0.3) {
            for (int pc : scaleOf(chord))
                classes |= 1u << pc;
        }
        // Head for the next event's root if a change is coming, otherwise keep wandering.
        int target = previous + (m_direction * 3);
        if (index + 1 < m_events.size() && m_events[index + 1].change) {
            if (const ChordEvent *next = chords.at(m_events[index + 1].beat); next && !next->chord.noChord)
                target = nearestBassPitch(next->chord.bass, previous);
        }
        int best = previous;
        int bestCost = 1 << 20;
        for (int pitch = kLowest; pitch <= kHighest; ++pitch) {
            if (!(classes & (1u << (pitch % 12))) || pitch == previous || std::abs(pitch - previous) > 7)
                continue;
            const int cost = std::abs(pitch - target) * 2 + std::abs(pitch - previous) + m_performance.random().between(0, 3);
            if (cost < bestCost) {
                bestCost = cost;
                best = pitch;
            }
        }
        if (best >= 50)
            m_direction = -1;
        else if (best <= 33)
            m_direction = 1;
        return best;
    }

    // Replaces the note before a change, when it is close enough, by a note a half or whole
    // step from the change's note: the line then leads into the new chord.
    void addApproaches()
    {
        for (qsizetype i = 1; i < m_events.size(); ++i) {
            BassEvent &target = m_events[i];
            BassEvent &before = m_events[i - 1];
            if (!target.change || target.pitch == 0 || before.pitch == 0 || before.change)
                continue;
            if (target.beat - before.beat > 1.0 + kEpsilon || before.beat + before.length < target.beat - 0.5)
                continue;
            if (m_performance.random().between(0, 999) >= approachChance() * 1000)
                continue;
            const ChordEvent *chord = m_plan.chordAt(before.beat);
            const QList<int> scale = chord ? scaleOf(chord->chord) : QList<int>{};
            QList<int> options{target.pitch - 1, target.pitch + 1};
            for (int step : {-2, 2}) {
                if (scale.contains(((target.pitch + step) % 12 + 12) % 12))
                    options.append(target.pitch + step);
            }
            const int previous = i >= 2 && m_events[i - 2].pitch != 0 ? m_events[i - 2].pitch : before.pitch;
            // In range, within an octave of the note before, and not a repeat of it.
            options.removeIf([&](int p) {
                return p < kLowest || p > kHighest || std::abs(p - previous) > 12 || (p == previous && i >= 2);
            });
            if (options.isEmpty())
                continue;
            before.pitch = options[m_performance.random().between(0, static_cast<int>(options.size()) - 1)];
            before.approach = true;
        }
    }

    std::vector<Note> toNotes()
    {
        std::vector<Note> notes;
        const double staccato = m_style.staccato;
        for (const BassEvent &event : m_events) {
            if (event.pitch == 0 || event.length <= kEpsilon)
                continue;
            const bool ghost = event.degree == QLatin1Char('g');
            const double held = ghost ? std::min(event.length, 0.2) : event.length * (1.0 - 0.5 * staccato);
            const int accent = m_performance.metricAccent(event.beat) + m_performance.phraseAccent(event.beat)
                               + (event.change ? 4 : 0);
            const int base = ghost ? 58 : (event.approach ? 80 : 88);
            // A change is played where the harmony changes, not swung past it.
            const qint64 start = m_performance.tick(event.beat, Player::Bass, !event.change);
            const qint64 end = m_performance.tick(event.beat + held, Player::Bass) - kTicksPerQuarter / 32;
            notes.push_back({start, std::max<qint64>(kTicksPerQuarter / 16, end - start), event.pitch,
                             m_performance.velocity(base, accent)});
        }
        // Monophonic: a note ends where the next begins, even after humanizing moved them.
        for (size_t i = 0; i + 1 < notes.size(); ++i)
            notes[i].durationTicks = std::min(notes[i].durationTicks, notes[i + 1].startTick - notes[i].startTick);
        std::erase_if(notes, [](const Note &n) { return n.durationTicks <= 0; });
        return notes;
    }

    const Arrangement &m_arrangement;
    const SongPlan &m_plan;
    const BassStyle &m_style;
    QList<Pulse> m_pulses;
    StepPattern m_pattern;  // the style's bass cells over m_pulses
    struct Kick {
        StepPattern pattern;
        int note;
    };
    std::vector<Kick> m_kicks;  // the drum voices named "kick", for a bass locked to them
    Performance m_performance;
    QList<BassEvent> m_events;
    struct KnownScale {
        int root;
        bool noChord;
        QList<int> intervals;
        QList<int> scale;
    };
    std::vector<KnownScale> m_scales;  // one per distinct chord, see scaleOf()
    int m_direction = 1;
    int m_chordRoot = 38;
};

} // namespace

MidiPart generateBass(const Arrangement &arrangement, const SongPlan &plan)
{
    return BassPart(arrangement, plan).render();
}

} // namespace aiband
