#include "Generators.h"

#include "Meter.h"
#include "PartRegistry.h"
#include "Performance.h"
#include "Style.h"

#include <algorithm>

namespace aiband {
namespace {

enum GmDrum {
    Kick = 36, SideStick = 37, Snare = 38, ClosedHat = 42, Crash = 49, Claves = 75,
    LowFloorTom = 41, HighFloorTom = 43, LowTom = 45, LowMidTom = 47, HighMidTom = 48, HighTom = 50
};

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

class DrumPart {
public:
    DrumPart(const Arrangement &arrangement, const SongPlan &plan)
        : m_arrangement(arrangement), m_plan(plan), m_style(*arrangement.style),
          m_pulses(pulsesOf(arrangement.timeSignature)), m_performance(arrangement, 2)
    {
        for (const DrumVoice &voice : m_style.drums)
            m_voices.push_back({stepPattern(m_pulses, voice.cells), voiceGain(voice.note),
                                drumPlayer(voice.note) == Player::HiHat});
    }

    MidiPart render()
    {
        for (const PlannedBar &bar : m_plan.bars) {
            switch (bar.kind) {
            case BarKind::CountIn: countIn(bar); break;
            case BarKind::Intro:
            case BarKind::Song: groove(bar); break;
            case BarKind::Ending: endingHit(bar); break;
            }
        }
        const PartRow &row = partRow(TrackType::Drums);
        return {QString::fromLatin1(row.midiName), row.channel, row.program, std::move(m_notes)};
    }

private:
    void hit(double beat, int note, int velocity, double length = 0.125)
    {
        if (beat >= m_plan.endBeat - 1e-9)
            return;
        const qint64 start = m_performance.tick(beat, drumPlayer(note));
        m_notes.push_back({start, beatsToTicks(length), note, velocity});
    }

    void countIn(const PlannedBar &bar)
    {
        for (const Pulse &pulse : m_pulses)
            hit(bar.startBeat + pulse.start, Claves, m_performance.velocity(pulse.start == 0.0 ? 110 : 85));
    }

    // How many pulses at the end of the bar the fill takes: more with complexity, never the
    // downbeat, so the bar still starts with its kick.
    int fillPulses() const
    {
        const int wanted = m_arrangement.feel.complexity >= 0.6 ? 2 : 1;
        return std::clamp(wanted, 0, static_cast<int>(m_pulses.size()) - 1);
    }

    void groove(const PlannedBar &bar)
    {
        const int firstFillPulse = bar.fill ? static_cast<int>(m_pulses.size()) - fillPulses()
                                            : static_cast<int>(m_pulses.size());
        for (qsizetype v = 0; v < m_style.drums.size(); ++v) {
            const DrumVoice &voice = m_style.drums[v];
            const Voice &played = m_voices[static_cast<size_t>(v)];
            forEachStep(bar, played.pattern, [&](const Step &step) {
                if (step.symbol == QLatin1Char('.') || step.pulse >= firstFillPulse)
                    return;
                if (step.symbol == QLatin1Char('?') && !m_performance.playsOptional(bar.index, step.index, voice.note))
                    return;
                // A crash takes the place of the hat on a section's downbeat.
                if (bar.sectionStart && step.pulse == 0 && step.inPulse == 0 && played.hiHat)
                    return;
                // Ghost notes stay ghosts; everything else leans with the meter.
                const int accent = step.symbol == QLatin1Char('g') ? 0 : m_performance.metricAccent(step.beat) / 2;
                hit(step.beat, voice.note,
                    m_performance.velocity(baseVelocity(step.symbol) + played.gain, accent));
            });
        }
        if (bar.sectionStart) {
            hit(bar.startBeat, Crash, m_performance.velocity(108), 1.0);
            ensureKickOnDownbeat(bar);
        }
        // A bar of one pulse (3/8, 2/8) keeps its groove: there is no pulse left to fill.
        if (bar.fill && firstFillPulse < m_pulses.size())
            fill(bar, firstFillPulse);
    }

    void ensureKickOnDownbeat(const PlannedBar &bar)
    {
        const bool hasKick = std::any_of(m_style.drums.cbegin(), m_style.drums.cend(), [&](const DrumVoice &v) {
            return drumPlayer(v.note) == Player::Kick && v.cells.cellFor(m_pulses.first()).front() != QLatin1Char('.');
        });
        if (!hasKick)
            hit(bar.startBeat, Kick, m_performance.velocity(104));
    }

    // Toms from high to low with snare pick-ups, getting louder into the next downbeat.
    void fill(const PlannedBar &bar, int firstPulse)
    {
        static const int kToms[] = {HighTom, HighMidTom, LowMidTom, LowTom, HighFloorTom, LowFloorTom};
        const bool busy = m_arrangement.feel.complexity >= 0.35;
        QList<double> beats;
        for (int p = firstPulse; p < m_pulses.size(); ++p) {
            const Pulse &pulse = m_pulses[p];
            const int notes = pulse.compound ? (busy ? 6 : 3) : (busy ? 4 : 2);
            for (int i = 0; i < notes; ++i)
                beats.append(bar.startBeat + pulse.start + i * pulse.length / notes);
        }
        const int count = static_cast<int>(beats.size());
        for (int i = 0; i < count; ++i) {
            const double progress = count > 1 ? static_cast<double>(i) / (count - 1) : 1.0;
            const int tom = kToms[std::min(5, i * 6 / std::max(1, count))];
            // Every third note is the snare, which makes the run speak instead of rumble.
            const int note = (i % 3 == 0 && i > 0 && i < count - 1) ? Snare : tom;
            hit(beats[i], note, m_performance.velocity(static_cast<int>(78 + 30 * progress)));
        }
        hit(beats.last(), Kick, m_performance.velocity(96));
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
        StepPattern pattern;  // its cells over m_pulses
        int gain;             // voiceGain(note)
        bool hiHat;           // gives way to the crash on a section's downbeat
    };
    std::vector<Voice> m_voices;
    Performance m_performance;
    std::vector<Note> m_notes;
};

} // namespace

MidiPart generateDrums(const Arrangement &arrangement, const SongPlan &plan)
{
    return DrumPart(arrangement, plan).render();
}

} // namespace aiband
