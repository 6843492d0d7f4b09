#include "Generators.h"

#include "KeysVoicing.h"
#include "Meter.h"
#include "PartRegistry.h"
#include "Performance.h"
#include "Style.h"

#include <algorithm>
#include <vector>

namespace aiband {
namespace {

constexpr double kEpsilon = 1e-6;
constexpr int kKeysVoice = 128; // optional keys hits are decided apart from every drum voice

struct KeysEvent {
    double beat = 0.0;
    double length = 0.0;
    double barEnd = 0.0;             // a broken chord's notes ring to here at most
    bool accent = false;
    bool broken = false;             // 'p': one note of the voicing, the next of the broken chord
    const ChordEvent *chord = nullptr; // what it voices: the chord sounding, or the one it anticipates
};

// Which note of an n-note voicing the k-th note of a broken chord plays: up from the bottom and
// back down, without repeating the turning notes.
int brokenIndex(int k, int notes)
{
    if (notes <= 1)
        return 0;
    const int period = 2 * notes - 2;
    const int at = k % period;
    return at < notes ? at : period - at;
}

bool sameHarmony(const Chord &a, const Chord &b)
{
    return a.root == b.root && a.bass == b.bass && a.intervals == b.intervals;
}

class KeysPart {
public:
    KeysPart(const Arrangement &arrangement, const SongPlan &plan)
        : m_arrangement(arrangement), m_plan(plan), m_style(arrangement.style->keys),
          m_pulses(pulsesOf(arrangement.timeSignature)), m_performance(arrangement, 3)
    {
        const auto patterns = [&](const QList<RoleCells> &figures) {
            std::vector<StepPattern> out;
            for (const RoleCells &cells : figures)
                out.push_back(stepPattern(m_pulses, cells));
            return out;
        };
        m_grooves[0] = patterns(m_style.comping.grooveA);
        m_grooves[1] = patterns(m_style.comping.grooveB);
        m_phraseEnd = patterns(m_style.comping.phraseEnd);
    }

    MidiPart render()
    {
        for (const PlannedBar &bar : m_plan.bars) {
            if (bar.kind == BarKind::Song)
                collectBar(bar, figureFor(bar));
            else if (bar.kind == BarKind::Ending)
                m_events.push_back({bar.startBeat, bar.lengthBeats, bar.startBeat + bar.lengthBeats, true});
        }
        // A chord that changes under a held voicing is struck again on the change.
        m_events = splitAtChanges(m_plan, m_events, [](KeysEvent &rest) { rest.accent = false; });
        ChordCursor chords(m_plan);
        for (KeysEvent &event : m_events)
            event.chord = chords.at(event.beat);
        pushChanges();
        std::vector<Note> notes;
        // Voicings have four notes or fewer (five when spread): reserving for four spares the
        // vector's growth, which kept two copies alive at once and left half the last unused.
        notes.reserve(static_cast<size_t>(m_events.size()) * 4);
        for (const KeysEvent &event : m_events) {
            if (event.chord && !event.chord->chord.noChord && event.length > kEpsilon)
                play(event, notes);
        }
        const PartRow &row = partRow(TrackType::Keys);
        return {QString::fromLatin1(row.midiName), row.channel, partProgram(*m_arrangement.style, TrackType::Keys), std::move(notes)};
    }

private:
    // The bar's comping figure: one of its groove's, chosen by the seed (not the same one three
    // bars running), or in a phrase's last bar one of the figures that breathe.
    const StepPattern &figureFor(const PlannedBar &bar)
    {
        const std::vector<StepPattern> &groove = m_grooves[bar.form.groove == 1 ? 1 : 0];
        const std::vector<StepPattern> &pool = bar.form.phraseEnd() && !m_phraseEnd.empty() ? m_phraseEnd : groove;
        const int count = static_cast<int>(pool.size());
        const int figure = m_performance.random().between(0, count - 1);
        const StepPattern *chosen = &pool[static_cast<size_t>(figure)];
        if (count > 1 && chosen == m_lastFigure && m_repeats >= 1)
            chosen = &pool[static_cast<size_t>((figure + 1) % count)];
        m_repeats = chosen == m_lastFigure ? m_repeats + 1 : 0;
        m_lastFigure = chosen;
        return *chosen;
    }

    void collectBar(const PlannedBar &bar, const StepPattern &figure)
    {
        const double barEnd = bar.startBeat + bar.lengthBeats;
        forEachHeldStep(
            bar, figure, m_performance, kKeysVoice, m_holding,
            [&](const Step &step) {
                m_events.push_back({step.beat, step.length, barEnd, step.symbol == QLatin1Char('X'), step.symbol == QLatin1Char('p')});
            },
            [&](const Step &step) { m_events.back().length += step.length; });
    }

    // Whether the harmony really changes into chord `index`, after a chord long enough to be
    // heard first, inside the song: a change the keys may push.
    bool pushable(qsizetype index) const
    {
        const ChordEvent &before = m_plan.chords[index - 1];
        const ChordEvent &after = m_plan.chords[index];
        return !before.chord.noChord && !after.chord.noChord && !sameHarmony(before.chord, after.chord)
               && before.durationBeats >= 2 * m_style.pushBeats && after.startBeat > m_plan.musicStartBeat + kEpsilon;
    }

    // Whether the figure lets the change be pushed, given the events from a push before it up to
    // it: a block chord struck on the change, or nothing on it and no broken chord just before
    // (a broken chord's notes lead into the bar; pushing one of them makes no sense).
    static bool figureLetsPush(const KeysEvent *first, const KeysEvent *last, bool onChange)
    {
        if (onChange)
            return !(last - 1)->broken;
        return std::none_of(first, last, [](const KeysEvent &e) { return e.broken; });
    }

    // Anticipation (docs/MUSIC.md, "Keys"): the style's share of the changes the keys may push
    // are struck `pushBeats` early and tied over; the seed sets where the first one falls, the
    // share spaces the others. One pass over the events and the chords, both in time order.
    void pushChanges()
    {
        if (m_style.anticipation <= 0.0 || !m_plan.chordsInOrder)
            return;
        double credit = m_performance.random().between(0, 99) / 100.0;
        std::vector<KeysEvent> out;
        out.reserve(m_events.size() + 1);
        size_t e = 0;
        const size_t count = m_events.size();
        for (qsizetype c = 1; c < m_plan.chords.size(); ++c) {
            const double change = m_plan.chords[c].startBeat;
            const double from = change - m_style.pushBeats;
            while (e < count && m_events[e].beat < from - kEpsilon)
                out.push_back(m_events[e++]);
            size_t window = e;  // the events from `from` up to the change, inclusive
            while (window < count && m_events[window].beat < change + kEpsilon)
                ++window;
            const bool onChange = window > e && std::abs(m_events[window - 1].beat - change) < kEpsilon;
            if (!pushable(c) || !figureLetsPush(m_events.data() + e, m_events.data() + window, onChange))
                continue;
            credit += m_style.anticipation;
            if (credit < 1.0)
                continue;
            credit -= 1.0;
            // What was held into the pushed eighth stops there, and what sounded in it gives way.
            if (!out.empty() && out.back().beat + out.back().length > from)
                out.back().length = from - out.back().beat;
            const double next = window < count ? m_events[window].beat : change + 1.0;
            out.push_back(pushedEvent(onChange ? m_events.data() + window - 1 : nullptr, &m_plan.chords[c], from, change, next));
            e = window;
        }
        while (e < count)
            out.push_back(m_events[e++]);
        m_events = std::move(out);
    }

    // The new chord struck at `from`, tied over the change: the figure's strike on the change
    // moved there, or, where the figure rests on the change, a chord ringing into it up to a beat.
    static KeysEvent pushedEvent(const KeysEvent *onChange, const ChordEvent *chord, double from, double change, double next)
    {
        KeysEvent pushed = onChange ? *onChange : KeysEvent{from, 0.0, change + 1.0, true, false, chord};
        pushed.length = onChange ? onChange->length + (change - from) : change - from + std::min(1.0, next - change);
        pushed.beat = from;
        pushed.chord = chord;
        return pushed;
    }

    // The voicing of the plan's chord `index`: above the top of the bass part's range, so above
    // whatever the bass plays (docs/MUSIC.md, "Keys": playing the bass here to know its notes
    // cost a fifth of a funk song's engine time).
    const QList<int> &voice(qsizetype index)
    {
        // A chord of the plan over several events is asked about again from its second event
        // on, and the voicing depends on the chord and the previous voicing only.
        if (index == m_lastPlanChord && !m_voicing.isEmpty())
            return m_voicing;
        m_lastPlanChord = index;
        const Chord &chord = m_plan.chords[index].chord;
        const size_t chordIndex = candidatesFor(chord);
        if (chordIndex == m_lastChord && !m_voicing.isEmpty())
            return m_voicing;
        const KeysCandidates &candidates = m_candidates[chordIndex].voicings;
        if (candidates.voicings.isEmpty())
            return m_voicing;
        m_lastChord = chordIndex;
        // A song comes back to its changes, and to one chord from one voicing the answer is the
        // same: it is looked up before it is worked out again.
        const auto known = std::find_if(m_answers.cbegin(), m_answers.cend(), [&](const VoicingAnswer &a) {
            return a.chord == chordIndex && a.previous == m_voicing;
        });
        if (known != m_answers.cend()) {
            m_voicing = known->chosen;
            return m_voicing;
        }
        const QList<int> previous = m_voicing;
        m_voicing = chooseKeysVoicing(chord, m_style.voicing, candidates, previous, kBassHighest);
        if (m_answers.size() < kMaxAnswers)
            m_answers.push_back({chordIndex, previous, m_voicing});
        return m_voicing;
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
        m_candidates.push_back({chord.root, chord.intervals, keysVoicingCandidates(chord, m_style.voicing)});
        return m_candidates.size() - 1;
    }

    // A broken chord goes on from the voicing's bottom at every bar and every chord.
    int nextBroken(const KeysEvent &event)
    {
        if (event.chord != m_brokenChord || event.barEnd != m_brokenBarEnd) {
            m_brokenChord = event.chord;
            m_brokenBarEnd = event.barEnd;
            m_broken = 0;
        }
        return m_broken++;
    }

    void play(const KeysEvent &event, std::vector<Note> &notes)
    {
        const ChordEvent &chord = *event.chord;
        const QList<int> &voicing = voice(event.chord - m_plan.chords.data());
        if (voicing.isEmpty())
            return;
        const int accent = (event.accent ? 10 : 0) + m_performance.metricAccent(event.beat)
                           + m_performance.phraseAccent(event.beat);
        const int velocity = m_performance.velocity(event.broken ? 62 : 68, accent);
        // A broken chord's notes ring (the pedal) to the end of the chord or the bar.
        const double until = event.broken ? std::max(event.beat + event.length,
                                                     std::min(event.barEnd, chord.startBeat + chord.durationBeats))
                                          : event.beat + event.length;
        // Every voice lets go together; the starts are humanized one by one, from one swung
        // position.
        const qint64 end = beatsToTicks(m_performance.swung(until)) - kTicksPerQuarter / 24;
        const double position = m_performance.swung(event.beat);
        const auto strike = [&](int pitch, int lift) {
            const qint64 start = m_performance.tickAtPosition(position, Player::Keys);
            const int shaped = std::clamp(velocity + lift + m_performance.random().between(-3, 3), 1, 127);
            notes.push_back({start, std::max<qint64>(kTicksPerQuarter / 8, end - start), pitch, shaped});
        };
        if (event.broken) {
            strike(voicing[brokenIndex(nextBroken(event), static_cast<int>(voicing.size()))], 0);
            return;
        }
        for (int pitch : voicing)
            strike(pitch, pitch == voicing.last() ? 6 : 0);  // the top voice sings a little over the others
    }

    const Arrangement &m_arrangement;
    const SongPlan &m_plan;
    const KeysStyle &m_style;
    QList<Pulse> m_pulses;
    std::vector<StepPattern> m_grooves[2];  // the style's figures over m_pulses, groove A and B
    std::vector<StepPattern> m_phraseEnd;
    const StepPattern *m_lastFigure = nullptr;
    int m_repeats = 0;
    Performance m_performance;
    std::vector<KeysEvent> m_events;
    bool m_holding = false;
    struct ChordVoicings {
        int root;
        QList<int> intervals;
        KeysCandidates voicings;
    };
    std::vector<ChordVoicings> m_candidates;  // one per distinct chord, see candidatesFor()
    qsizetype m_lastPlanChord = -1;           // voice()'s last question (a chord of the plan)
    size_t m_lastChord = ~size_t(0);          // voice()'s last distinct chord and answer
    QList<int> m_voicing;
    // voice()'s answers: the voicing `chosen` for the distinct chord `chord` after `previous`.
    // Bounded, so that a song that never comes back does not search a long list.
    struct VoicingAnswer {
        size_t chord;
        QList<int> previous;
        QList<int> chosen;
    };
    static constexpr size_t kMaxAnswers = 64;
    std::vector<VoicingAnswer> m_answers;
    const ChordEvent *m_brokenChord = nullptr;
    double m_brokenBarEnd = -1.0;
    int m_broken = 0;
};

} // namespace

MidiPart generateKeys(const Arrangement &arrangement, const SongPlan &plan)
{
    return KeysPart(arrangement, plan).render();
}

} // namespace aiband
