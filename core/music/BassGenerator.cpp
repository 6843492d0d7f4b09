#include "Generators.h"

#include "Meter.h"
#include "PartRegistry.h"
#include "Performance.h"
#include "Style.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <utility>
#include <vector>

namespace aiband {
namespace {

constexpr int kLowest = 28;   // E1
constexpr int kHighest = 55;  // G3
constexpr double kEpsilon = 1e-6;

// The pitch of `pitchClass` in the style's register (where its roots sit) closest to
// `previous`, leaning a little toward the register's middle so the line does not drift to an
// edge. The register is at least 11 semitones wide, so every class has a place in it.
int registerPitch(int pitchClass, int previous, const BassStyle &style)
{
    if (pitchClass < 0 || pitchClass > 11)
        return -1;
    const double middle = (style.low + style.high) / 2.0;
    int best = -1;
    double bestCost = 1e9;
    // The pitches of the class in the register, lowest first (no scan of every pitch: every
    // second and third bass note asks).
    for (int pitch = style.low + (pitchClass - style.low % 12 + 12) % 12; pitch <= style.high; pitch += 12) {
        const double cost = std::abs(pitch - previous) + 0.25 * std::abs(pitch - middle);
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

// The intervals of a chord the pattern alphabet's 5, 3 and 7 stand for: worked out once per
// chord, not for every note of a pattern.
struct ChordDegrees {
    ChordDegrees() = default;
    explicit ChordDegrees(const Chord &chord)
        : fifth(firstPresent(chord, {7, 6, 8}, 0)), third(firstPresent(chord, {4, 3, 5, 2}, 0)),
          seventh(firstPresent(chord, {10, 11, 9}, 12))
    {
    }
    int fifth = 0;
    int third = 0;
    int seventh = 12;
};

// A chord degree of the pattern alphabet as a pitch, relative to the chord's root in the register.
// The octave is a real octave: above the root, or below it when the root sits too high (folding
// it under the ceiling would turn it back into the root). A fifth goes under a root in the upper
// half of the register, as players alternate root and low fifth, and keeps the line low.
int degreePitch(QChar degree, const ChordDegrees &chord, int rootPitch, const BassStyle &style)
{
    int interval = 0;
    switch (degree.unicode()) {
    case u'5': interval = chord.fifth; break;
    case u'3': interval = chord.third; break;
    case u'7': interval = chord.seventh; break;
    case u'8': return rootPitch + 12 <= kHighest ? rootPitch + 12 : rootPitch - 12;
    default: break;
    }
    if (degree == QLatin1Char('5') && interval != 0 && rootPitch > (style.low + style.high) / 2
        && rootPitch + interval - 12 >= kLowest)
        return rootPitch + interval - 12;
    int pitch = rootPitch + interval;
    while (pitch > kHighest)
        pitch -= 12;
    return pitch;
}

// A walking step ('w') from `previous` toward `target`: a tone of `scale` (pitch classes) one to
// three semitones on, and a half or whole step into the target when the next note is sure to be
// it (`lands`), so that a chromatic note always resolves. At the target already, the step goes
// to a scale neighbour (below first: a player leaves the root to come back to it).
int walkStep(int previous, int target, bool lands, const QList<int> &scale)
{
    const auto inScale = [&](int pitch) { return pitch >= kLowest && scale.contains(((pitch % 12) + 12) % 12); };
    if (previous == target) {
        for (int step : {-2, -1, 2, 1}) {
            if (inScale(previous + step))
                return previous + step;
        }
        return previous;
    }
    const int direction = target > previous ? 1 : -1;
    const int distance = std::abs(target - previous);
    if (lands && distance <= 2)
        return target - direction;
    for (int step = 1; step <= 3; ++step) {
        const int pitch = previous + direction * step;
        if ((step < distance || !lands) && inScale(pitch))
            return pitch;
    }
    return previous;
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
          m_pulses(pulsesOf(arrangement.timeSignature)), m_performance(arrangement, 1)
    {
        m_figuresA.push_back(figurePattern(m_style.plain));
        for (const BassFigure &figure : m_style.variations)
            m_figuresA.push_back(figurePattern(figure));
        for (const BassFigure &figure : m_style.grooveB)
            m_figuresB.push_back(figurePattern(figure));
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
                m_events.push_back({bar.startBeat, bar.lengthBeats, QLatin1Char('R'), true});
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
            collectWalkingBar(bar);
            return;
        case BassMode::Pattern:
            collectCells(bar, figureFor(bar), false);
            if (bar.form.phraseEnd() && chance(m_style.pickup))
                addPickup(bar, false);
            return;
        case BassMode::LockedToKick:
            for (const Kick &kick : m_kicks)
                collectCells(bar, kick.pattern, true, kick.note);
            // Under a drum fill the kick leaves its groove and the bass walks on its own, as it
            // does over a kick roll (no bassist doubles a double kick's sixteenths into a walk);
            // otherwise a walk keeps every kick hit.
            if (bar.form.phraseEnd() && (bar.fill || chance(m_style.pickup)))
                addPickup(bar, !bar.fill && !kickRollsAtBarEnd());
            return;
        }
    }

    // A figure over the bar's pulses, its own cell on the last pulse when it gives one.
    StepPattern figurePattern(const BassFigure &figure) const
    {
        StepPattern pattern = stepPattern(m_pulses, figure.cells);
        if (pattern.empty())
            return pattern;
        PulseCell &last = pattern.back();
        const Cell &cell = last.pulse->compound ? figure.lastCompound : figure.lastSimple;
        if (!cell.isEmpty()) {
            last.cell = &cell;
            last.stepLength = last.pulse->length / cell.size();
        }
        return pattern;
    }

    bool chance(double probability) { return m_performance.random().between(0, 999) < probability * 1000; }

    // Quarter notes; now and then (more often at a phrase's end) the last beat, or the one before
    // it, is split into a skip, two swung eighths, the walking player's commonest change of rhythm.
    void collectWalkingBar(const PlannedBar &bar)
    {
        const bool skip = chance(bar.form.phraseEnd() ? m_style.pickup : m_style.pickup / 3);
        const qsizetype skipped = m_pulses.size() - 1 - (m_pulses.size() > 2 ? m_performance.random().between(0, 1) : 0);
        for (qsizetype p = 0; p < m_pulses.size(); ++p) {
            const Pulse &pulse = m_pulses[p];
            if (skip && p == skipped && pulse.length >= 1.0 - kEpsilon) {
                addEvent(bar, pulse.start, pulse.length / 2, QLatin1Char('W'));
                addEvent(bar, pulse.start + pulse.length / 2, pulse.length / 2, QLatin1Char('W'));
            } else {
                addEvent(bar, pulse.start, pulse.length, QLatin1Char('W'));
            }
        }
    }

    // Whether a kick plays every step of the bar's last pulse.
    bool kickRollsAtBarEnd() const
    {
        return std::any_of(m_kicks.cbegin(), m_kicks.cend(), [](const Kick &kick) {
            if (kick.pattern.empty())
                return false;
            const Cell &cell = *kick.pattern.back().cell;
            return cell.size() >= 4
                   && std::all_of(cell.cbegin(), cell.cend(), [](QChar c) { return c == QLatin1Char('x') || c == QLatin1Char('X'); });
        });
    }

    // Which figure a pattern bar plays (docs/MUSIC.md, "Bass"): the groove's (A or B) home
    // figure at a section's start, the phrase's own figure (the seed's choice) on its first bar,
    // any of the groove's figures in the middle (a third of them the phrase's), and one other
    // than the phrase's figure on its last bar.
    const StepPattern &figureFor(const PlannedBar &bar)
    {
        const std::vector<StepPattern> &figures = bar.form.groove == 1 && !m_figuresB.empty() ? m_figuresB : m_figuresA;
        const int count = static_cast<int>(figures.size());
        Random &random = m_performance.random();
        const bool sectionStart = bar.form.section != m_section || m_phrase < 0;
        m_section = bar.form.section;
        if (bar.form.phrase != m_phrase) {
            m_phrase = bar.form.phrase;
            m_phraseFigure = sectionStart || count == 1 ? 0 : random.between(0, count - 1);
            return figures[static_cast<size_t>(std::min(m_phraseFigure, count - 1))];
        }
        int figure = m_phraseFigure;
        if (bar.form.phraseEnd() && count > 1)
            figure = (m_phraseFigure + random.between(1, count - 1)) % count;
        else if (count > 1 && random.between(0, 2) > 0)
            figure = random.between(0, count - 1);
        return figures[static_cast<size_t>(std::min(figure, count - 1))];
    }

    // The phrase's last bar leads into the next phrase: its last pulse becomes walking steps
    // toward the next root, one on the pulse or (the seed's choice) one on each half of it. A
    // bass locked to the kick (`keepHits`) still plays every kick hit there, as steps too.
    void addPickup(const PlannedBar &bar, bool keepHits)
    {
        const double barEnd = bar.startBeat + bar.lengthBeats;
        if (bar.lengthBeats < m_pulses.last().start + m_pulses.last().length - kEpsilon || !m_plan.chordAt(barEnd))
            return;  // a bar cut short by the song's end, or nothing to walk into
        const double from = bar.startBeat + m_pulses.last().start;
        const double length = m_pulses.last().length;
        std::vector<double> starts{from};
        // Two steps: halves of a simple pulse, or the first and last third of a compound one.
        if (m_performance.random().between(0, 1) == 1)
            starts.push_back(from + (m_pulses.last().compound ? length * 2 / 3 : length / 2));
        while (!m_events.empty() && m_events.back().beat >= from - kEpsilon) {
            if (keepHits)
                starts.push_back(m_events.back().beat);
            m_events.pop_back();
        }
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end(), [](double a, double b) { return b - a < kEpsilon; }),
                     starts.end());
        if (!m_events.empty())
            m_events.back().length = std::min(m_events.back().length, from - m_events.back().beat);
        for (size_t i = 0; i < starts.size(); ++i) {
            const double until = i + 1 < starts.size() ? starts[i + 1] : from + length;
            m_events.push_back({starts[i], until - starts[i], QLatin1Char('w')});
        }
    }

    void addEvent(const PlannedBar &bar, double offset, double length, QChar degree)
    {
        if (offset >= bar.lengthBeats - kEpsilon)
            return;
        m_events.push_back({bar.startBeat + offset, std::min(length, bar.lengthBeats - offset), degree});
    }

    // Pattern cells, or the kick's cells when locked to it (with the drums' own optional hits).
    void collectCells(const PlannedBar &bar, const StepPattern &pattern, bool fromKick, int kickNote = 36)
    {
        forEachStep(bar, pattern, [&](const Step &step) {
            if (step.symbol == QLatin1Char('-')) {
                if (!m_events.empty() && m_events.back().beat + m_events.back().length >= step.beat - kEpsilon)
                    m_events.back().length += step.length;
                return;
            }
            if (step.symbol == QLatin1Char('.'))
                return;
            if (fromKick && step.symbol == QLatin1Char('?') && !m_performance.playsOptional(bar.index, step.index, kickNote))
                return;
            m_events.push_back({step.beat, step.length, fromKick ? QLatin1Char('K') : step.symbol});
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
        for (qsizetype i = 0; i + 1 < std::ssize(m_events); ++i)
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
        for (qsizetype i = 0; i < std::ssize(m_events); ++i) {
            BassEvent &event = m_events[i];
            const ChordEvent *chord = chords.at(event.beat);
            if (!chord || chord->chord.noChord) {
                event.pitch = 0; // rest
                continue;
            }
            lockedCount = chord == lastChord ? lockedCount + 1 : 0;
            const Chord &c = chord->chord;
            // Degrees are measured from one root per chord, placed in the style's register, so a
            // pattern keeps its shape instead of climbing away from where the chord began.
            if (chord != lastChord) {
                m_degrees = ChordDegrees(c);
                m_chordRoot = registerPitch(c.root, previous, m_style);
                m_bassPitch = c.bass == c.root ? m_chordRoot : registerPitch(c.bass, m_chordRoot, m_style);
            }
            lastChord = chord;
            const int rootPitch = m_chordRoot;
            if (event.change || event.degree == QLatin1Char('R')) {
                event.pitch = m_bassPitch; // root, or the slash bass
            } else if (event.degree == QLatin1Char('g')) {
                // A ghost is felt more than heard: played an octave off the note before, it
                // pops between the figure's notes instead of repeating one.
                event.pitch = previous == m_bassPitch ? degreePitch(QLatin1Char('8'), m_degrees, m_bassPitch, m_style) : m_bassPitch;
            } else if (event.degree == QLatin1Char('W')) {
                event.pitch = walkingPitch(i, c, previous, chords);
            } else if (event.degree == QLatin1Char('w')) {
                const auto [target, lands] = walkTarget(i, c);
                event.pitch = walkStep(previous, target, lands, scaleOf(c));
            } else if (event.degree == QLatin1Char('K')) {
                event.pitch = lockedPitch(rootPitch, lockedCount, previous);
            } else {
                event.pitch = degreePitch(event.degree, m_degrees, rootPitch, m_style);
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
        // Asked again and again about the chord of the moment (the plan's chords stay where they are).
        if (&chord == m_lastScaleChord)
            return *m_lastScale;
        m_lastScaleChord = &chord;
        m_lastScale = &knownScale(chord);
        return *m_lastScale;
    }

    const QList<int> &knownScale(const Chord &chord)
    {
        const auto known = std::find_if(m_scales.cbegin(), m_scales.cend(), [&](const KnownScale &c) {
            return c.root == chord.root && c.noChord == chord.noChord && c.intervals == chord.intervals;
        });
        if (known != m_scales.cend())
            return known->scale;
        m_scales.push_back({chord.root, chord.noChord, chord.intervals, chord.chordScale()});
        return m_scales.back().scale;
    }

    // Where a walking step ('w') heads: the bass note of the chord at the next note that is not a
    // step itself (the next change, or the next bar's first note), placed near this chord's root;
    // and whether that note is sure to be it (a change or a root) rather than another degree.
    std::pair<int, bool> walkTarget(qsizetype index, const Chord &chord)
    {
        qsizetype next = index + 1;
        while (next < std::ssize(m_events) && m_events[next].degree == QLatin1Char('w') && !m_events[next].change)
            ++next;
        const ChordEvent *target = next < std::ssize(m_events) ? m_targetChords.at(m_events[next].beat) : nullptr;
        if (!target || target->chord.noChord)
            return {m_bassPitch, false};
        // Only a step right before that note may be chromatic: an earlier one would not resolve.
        const bool lands = next == index + 1 && (m_events[next].change || m_events[next].degree == QLatin1Char('R'));
        return {registerPitch(target->chord.bass, chord.bass == chord.root ? m_chordRoot : m_bassPitch, m_style), lands};
    }

    // Kick-locked bass: the root, with octaves and fifths as the player gets busier, and never
    // more than two roots in a row inside a chord: a player locked to the kick still moves.
    int lockedPitch(int rootPitch, int countInChord, int previous)
    {
        const int bassPitch = m_bassPitch;
        if (countInChord == 0) {
            m_lockedRepeats = 0;
            return bassPitch;
        }
        const int roll = m_performance.random().between(0, 99);
        const double busy = 0.5 + m_arrangement.feel.complexity;
        int pitch = bassPitch;
        if (roll < 30 * busy || (previous == bassPitch && m_lockedRepeats >= 1))
            pitch = roll % 3 == 0 ? degreePitch(QLatin1Char('5'), m_degrees, rootPitch, m_style)
                                  : degreePitch(QLatin1Char('8'), m_degrees, bassPitch, m_style);
        else if (roll < 45 * busy)
            pitch = degreePitch(QLatin1Char('5'), m_degrees, rootPitch, m_style);
        m_lockedRepeats = pitch == previous ? m_lockedRepeats + 1 : 0;
        return pitch;
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
        if (index + 1 < std::ssize(m_events) && m_events[index + 1].change) {
            if (const ChordEvent *next = chords.at(m_events[index + 1].beat); next && !next->chord.noChord)
                target = registerPitch(next->chord.bass, previous, m_style);
        }
        int best = previous;
        int bestCost = 1 << 20;
        // Only pitches within a fifth of the last note qualify, so only those are looked at.
        const int lowest = std::max(m_style.low, previous - 7);
        const int highest = std::min(m_style.high + 3, previous + 7);
        for (int pitch = lowest; pitch <= highest; ++pitch) {
            if (!(classes & (1u << (pitch % 12))) || pitch == previous)
                continue;
            const int cost = std::abs(pitch - target) * 2 + std::abs(pitch - previous) + m_performance.random().between(0, 3);
            if (cost < bestCost) {
                bestCost = cost;
                best = pitch;
            }
        }
        if (best >= m_style.high - 2)
            m_direction = -1;
        else if (best <= m_style.low + 5)
            m_direction = 1;
        return best;
    }

    // Replaces the note before a change, when it is close enough, by a note a half or whole
    // step from the change's note: the line then leads into the new chord.
    void addApproaches()
    {
        ChordCursor chords(m_plan);  // asked about each note before a change, in order
        for (qsizetype i = 1; i < std::ssize(m_events); ++i) {
            BassEvent &target = m_events[i];
            BassEvent &before = m_events[i - 1];
            if (!target.change || target.pitch == 0 || before.pitch == 0 || before.change)
                continue;
            if (target.beat - before.beat > 1.0 + kEpsilon || before.beat + before.length < target.beat - 0.5)
                continue;
            if (m_performance.random().between(0, 999) >= approachChance() * 1000)
                continue;
            const ChordEvent *chord = chords.at(before.beat);
            const QList<int> *scale = chord ? &scaleOf(chord->chord) : nullptr;
            const int previous = i >= 2 && m_events[i - 2].pitch != 0 ? m_events[i - 2].pitch : before.pitch;
            // In range, within an octave of the note before, and not a repeat of it: the half steps
            // around the target, then the whole steps in the chord's scale (at most four, no list).
            std::array<int, 4> options;
            int count = 0;
            const auto offer = [&](int p) {
                if (!(p < kLowest || p > kHighest || std::abs(p - previous) > 12 || (p == previous && i >= 2)))
                    options[static_cast<size_t>(count++)] = p;
            };
            offer(target.pitch - 1);
            offer(target.pitch + 1);
            for (int step : {-2, 2}) {
                if (scale && scale->contains(((target.pitch + step) % 12 + 12) % 12))
                    offer(target.pitch + step);
            }
            if (count == 0)
                continue;
            before.pitch = options[static_cast<size_t>(m_performance.random().between(0, count - 1))];
            before.approach = true;
        }
    }

    std::vector<Note> toNotes()
    {
        std::vector<Note> notes;
        notes.reserve(m_events.size());
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
    std::vector<StepPattern> m_figuresA;  // the style's figures over m_pulses: its cells, then its variations
    std::vector<StepPattern> m_figuresB;  // groove B's figures (empty: groove A's)
    int m_section = -1;       // the section and phrase of the last pattern bar, for figureFor
    int m_phrase = -1;
    int m_phraseFigure = 0;   // the figure the phrase came back to
    int m_lockedRepeats = 0;  // roots in a row in a kick-locked line
    struct Kick {
        StepPattern pattern;
        int note;
    };
    std::vector<Kick> m_kicks;  // the drum voices named "kick", for a bass locked to them
    Performance m_performance;
    std::vector<BassEvent> m_events;
    struct KnownScale {
        int root;
        bool noChord;
        QList<int> intervals;
        QList<int> scale;
    };
    std::vector<KnownScale> m_scales;  // one per distinct chord, see scaleOf()
    const Chord *m_lastScaleChord = nullptr;  // scaleOf()'s last question and answer
    const QList<int> *m_lastScale = nullptr;
    ChordDegrees m_degrees;  // of the chord resolvePitches is at
    ChordCursor m_targetChords{m_plan};  // walkTarget()'s, asked in time order
    int m_direction = 1;
    int m_chordRoot = 38;
    int m_bassPitch = 38;     // the chord's bass note (its root, or a slash chord's bass) in the register
};

} // namespace

MidiPart generateBass(const Arrangement &arrangement, const SongPlan &plan)
{
    return BassPart(arrangement, plan).render();
}

} // namespace aiband
