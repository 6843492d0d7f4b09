#include "Generators.h"

#include "DrumFills.h"
#include "Meter.h"
#include "PartRegistry.h"
#include "Performance.h"
#include "Style.h"

#include <algorithm>
#include <limits>

namespace aiband {
namespace {

enum GmDrum { Kick = 36, Snare = 38, Crash = 49, Claves = 75 };

int baseVelocity(QChar symbol)
{
    switch (symbol.unicode()) {
    case u'X': return 108;
    case u'g': return 56;
    default: return 88;
    }
}

// Hi-hats and other time-keepers sit under the backbeat in a real kit.
int voiceGain(int note)
{
    switch (drumPlayer(note)) {
    case Player::HiHat: return -18;
    case Player::Cymbal: return -12;
    case Player::Percussion: return -16;
    default: return 0;
    }
}

// splitmix64: the drummer's choices depend only on the seed and where they are made.
quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// One voice in one groove: the bars it plays in turn (one for a one-bar groove, several for a
// timeline), each its cells laid over the bar's pulses.
struct GroovePart {
    bool plays = true;
    std::vector<std::vector<Step>> bars;  // each bar's steps but its rests (patternSteps)
    // Each step's metric accent (Performance::steadyAccentInBar) by bar and step, or
    // kNoSteadyAccent: the same in every bar, so worked out once, not for every hit.
    std::vector<std::vector<int>> accents;
};

constexpr int kNoSteadyAccent = std::numeric_limits<int>::min();

// A timeline's bar cut into one cell per pulse.
std::vector<Cell> pulseCells(const QList<Pulse> &pulses, const BarCell &bar)
{
    std::vector<Cell> cells;
    qsizetype at = 0;
    for (const Pulse &pulse : pulses) {
        const int steps = pulse.compound ? 6 : 4;
        cells.push_back(bar.mid(at, steps));
        at += steps;
    }
    return cells;
}

GroovePart groovePart(const QList<Pulse> &pulses, const DrumGroove &groove, const QString &meter)
{
    GroovePart part;
    part.plays = groove.plays;
    const auto timeline = groove.timelines.constFind(meter);
    if (timeline == groove.timelines.cend()) {
        part.bars.push_back(patternSteps(stepPattern(pulses, groove.cells), false));
        return part;
    }
    for (const BarCell &bar : *timeline) {
        const std::vector<Cell> cells = pulseCells(pulses, bar);
        StepPattern pattern;
        for (qsizetype p = 0; p < pulses.size(); ++p) {
            const Cell &cell = cells[static_cast<size_t>(p)];
            pattern.push_back({&pulses[p], &cell, pulses[p].length / cell.size()});
        }
        part.bars.push_back(patternSteps(pattern, false));
    }
    return part;
}

class DrumPart {
public:
    DrumPart(const Arrangement &arrangement, const SongPlan &plan)
        : m_arrangement(arrangement), m_plan(plan), m_style(*arrangement.style),
          m_pulses(pulsesOf(arrangement.timeSignature)), m_performance(arrangement, 2),
          m_swung(arrangement.feel.swingRatio > 0.5 + 1e-9)
    {
        const QString meter = arrangement.timeSignature.name();
        m_voices.reserve(static_cast<size_t>(m_style.drums.size()));
        for (const DrumVoice &voice : m_style.drums) {
            m_voices.push_back({{groovePart(m_pulses, voice.grooves[0], meter), groovePart(m_pulses, voice.grooves[1], meter)},
                                voiceGain(voice.note), drumPlayer(voice.note), drumPlayer(voice.note) == Player::HiHat,
                                drumPlayer(voice.note) == Player::Kick});
            for (GroovePart &groove : m_voices.back().grooves)
                groove.accents = steadyAccents(groove.bars);
        }
        m_notes.reserve(hitsPerBarAtMost() * static_cast<size_t>(plan.bars.size()));
    }

    MidiPart render()
    {
        int introBar = 0;
        int barInSection = 0;
        for (const PlannedBar &bar : m_plan.bars) {
            switch (bar.kind) {
            case BarKind::CountIn: countIn(bar); break;
            case BarKind::Intro: groove(bar, introBar++); break;
            case BarKind::Song:
                barInSection = bar.sectionStart ? 0 : barInSection + 1;
                groove(bar, m_style.timelineStart == TimelineStart::Section ? barInSection : bar.form.barInPhrase);
                break;
            case BarKind::Ending: endingHit(bar); break;
            }
        }
        const PartRow &row = partRow(TrackType::Drums);
        return {QString::fromLatin1(row.midiName), row.channel, row.program, std::move(m_notes)};
    }

private:
    std::vector<std::vector<int>> steadyAccents(const std::vector<std::vector<Step>> &bars) const
    {
        std::vector<std::vector<int>> accents;
        accents.reserve(bars.size());
        for (const std::vector<Step> &steps : bars) {
            std::vector<int> &bar = accents.emplace_back();
            bar.reserve(steps.size());
            for (const Step &step : steps)  // `beat` is the offset in the bar here (patternSteps)
                bar.push_back(m_performance.steadyAccentInBar(step.beat).value_or(kNoSteadyAccent));
        }
        return accents;
    }

    // Room for every bar's hits: the most each voice's grooves play in a bar, and a few for a crash
    // and a fill (the notes otherwise grew by doubling, copying all of them each time).
    size_t hitsPerBarAtMost() const
    {
        size_t hits = 8;
        for (const Voice &voice : m_voices) {
            size_t most = 0;
            for (const GroovePart &groove : voice.grooves) {
                for (const std::vector<Step> &bar : groove.bars)
                    most = std::max(most, bar.size());
            }
            hits += most;
        }
        return hits;
    }

    void hitAtTick(qint64 start, int note, int velocity, double length)
    {
        m_notes.push_back({start, beatsToTicks(length), note, velocity});
    }

    void hit(double beat, int note, int velocity, double length = 0.125)
    {
        hit(beat, note, drumPlayer(note), velocity, length);
    }

    void hit(double beat, int note, Player player, int velocity, double length = 0.125)
    {
        if (beat >= m_plan.endBeat - 1e-9)
            return;
        hitAtTick(m_performance.tick(beat, player), note, velocity, length);
    }

    void countIn(const PlannedBar &bar)
    {
        for (const Pulse &pulse : m_pulses)
            hit(bar.startBeat + pulse.start, Claves, m_performance.velocity(pulse.start == 0.0 ? 110 : 85));
    }

    quint64 choice(const PlannedBar &bar, quint64 salt) const
    {
        return mix((static_cast<quint64>(m_arrangement.seed) << 32) ^ (static_cast<quint64>(bar.index) << 8) ^ salt);
    }

    // The style's fills in a seeded order, never the same one twice running.
    FillShape fillShape(const PlannedBar &bar)
    {
        const QList<FillShape> &shapes = m_style.fills.shapes;
        auto index = static_cast<qsizetype>(choice(bar, 1) % static_cast<quint64>(shapes.size()));
        if (shapes.size() > 1 && m_lastFill && shapes[index] == *m_lastFill)
            index = (index + 1) % shapes.size();
        m_lastFill = shapes[index];
        return shapes[index];
    }

    // At a phrase's end without a full fill: one of the style's pickups, or none. A quiet band
    // keeps the snare for the fills.
    Pickup pickup(const PlannedBar &bar) const
    {
        const QList<Pickup> &pickups = m_style.fills.pickups;
        const Pickup chosen = pickups[static_cast<qsizetype>(choice(bar, 2) % static_cast<quint64>(pickups.size()))];
        return chosen == Pickup::Snare && m_arrangement.feel.intensity < 0.3 ? Pickup::Kick : chosen;
    }

    void groove(const PlannedBar &bar, int timelineBar)
    {
        const int groove = bar.kind == BarKind::Song ? std::clamp(bar.form.groove, 0, 1) : 0;
        const bool fullBar = bar.lengthBeats >= m_pulses.last().start + m_pulses.last().length - 1e-9;
        const FillFeel feel{bar.form.sectionEnd || bar.kind == BarKind::Intro, m_arrangement.feel.complexity >= 0.35, m_swung};
        std::optional<FillShape> shape;
        int firstFillPulse = static_cast<int>(m_pulses.size());
        if (bar.fill && fullBar) {
            shape = fillShape(bar);
            firstFillPulse = fillStartPulse(*shape, m_pulses, feel);
        }
        bool kickOnOne = false;
        // Then the accents of the steps worked out once hold (steadyAccents).
        const bool onGrid = m_performance.barOnGrid(bar.startBeat, bar.lengthBeats);
        for (qsizetype v = 0; v < m_style.drums.size(); ++v) {
            const Voice &played = m_voices[static_cast<size_t>(v)];
            const GroovePart &part = played.grooves[groove];
            if (!part.plays)
                continue;
            const size_t timeline = static_cast<size_t>(timelineBar) % part.bars.size();
            const std::vector<Step> &steps = part.bars[timeline];
            const std::vector<int> &accents = part.accents[timeline];
            const int note = m_style.drums[v].note;
            // The steps as they fall in this bar (what forEachStep would visit without the rests),
            // stopping where a shortened last bar ends.
            for (size_t s = 0; s < steps.size(); ++s) {
                const Step &step = steps[s];
                const double offset = step.beat;
                if (offset >= bar.lengthBeats - 1e-6)
                    break;
                if (step.pulse >= firstFillPulse)
                    continue;
                if (step.symbol == QLatin1Char('?') && !m_performance.playsOptional(bar.index, step.index, note))
                    continue;
                // A crash takes the place of the hat on its downbeat.
                if (bar.crash && step.index == 0 && played.hiHat)
                    continue;
                kickOnOne = kickOnOne || (played.kick && step.index == 0);
                const double beat = bar.startBeat + offset;
                // Ghost notes stay ghosts; everything else leans with the meter.
                const int metric = onGrid && accents[s] != kNoSteadyAccent ? accents[s] : m_performance.metricAccent(beat);
                const int accent = step.symbol == QLatin1Char('g') ? 0 : metric / 2;
                hit(beat, note, played.player, m_performance.velocity(baseVelocity(step.symbol) + played.gain, accent));
            }
        }
        if (bar.crash) {
            hit(bar.startBeat, Crash, m_performance.velocity(108), 1.0);
            if (!kickOnOne)  // the crash lands with a kick, even in a style whose groove leaves beat 1 open
                hit(bar.startBeat, Kick, m_performance.velocity(104));
        }
        if (shape)
            play(bar, fillHits(*shape, m_pulses, firstFillPulse, feel));
        else if (m_arrangement.feel.fills && pickupAt(bar) && fullBar)
            play(bar, pickupHits(pickup(bar), m_pulses, m_swung));
    }

    // A phrase's end, and the middle of a long phrase (its two halves answer each other).
    static bool pickupAt(const PlannedBar &bar)
    {
        const FormPosition &form = bar.form;
        return bar.kind == BarKind::Song
               && (form.phraseEnd() || (form.phraseBars >= 8 && form.barInPhrase == form.phraseBars / 2 - 1));
    }

    // Fill and pickup hits are already where the feel puts them (on its triplets when it swings),
    // so they are humanized but not swung again.
    void play(const PlannedBar &bar, const QList<DrumHit> &hits)
    {
        qint64 lastTick = 0;
        for (const DrumHit &drumHit : hits) {
            const double beat = bar.startBeat + drumHit.beat;
            if (beat >= m_plan.endBeat - 1e-9)
                continue;
            const qint64 tick = drumHit.together ? lastTick : m_performance.tick(beat, drumPlayer(drumHit.note), false);
            hitAtTick(tick, drumHit.note, m_performance.velocity(drumHit.velocity), 0.125);
            lastTick = tick;
        }
    }

    void endingHit(const PlannedBar &bar)
    {
        hit(bar.startBeat, Crash, m_performance.velocity(116), bar.lengthBeats);
        hit(bar.startBeat, Kick, m_performance.velocity(116));
        hit(bar.startBeat, Snare, m_performance.velocity(104));
    }

    const Arrangement &m_arrangement;
    const SongPlan &m_plan;
    const Style &m_style;
    QList<Pulse> m_pulses;
    // Per voice of the style, in its order: what does not change from bar to bar.
    struct Voice {
        GroovePart grooves[2];  // A and B
        int gain;               // voiceGain(note)
        Player player;          // drumPlayer(note)
        bool hiHat;             // gives way to the crash on its downbeat
        bool kick;
    };
    std::vector<Voice> m_voices;
    Performance m_performance;
    bool m_swung;
    std::optional<FillShape> m_lastFill;
    std::vector<Note> m_notes;
};

} // namespace

MidiPart generateDrums(const Arrangement &arrangement, const SongPlan &plan)
{
    return DrumPart(arrangement, plan).render();
}

} // namespace aiband
