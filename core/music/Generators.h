#pragma once

#include "Arrangement.h"
#include "MidiFile.h"
#include "Meter.h"
#include "Performance.h"
#include "SongPlan.h"
#include "Style.h"

#include <cmath>
#include <limits>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace aiband {

inline qint64 beatsToTicks(double beats)
{
    return roundHalfAwayFromZero(beats * kTicksPerQuarter);  // std::llround, inline
}

// Each part's generator (music/<Part>Generator.cpp, found through its row in PartRegistry)
// reads the arrangement (chords, style, feel) and the song plan, and returns one MIDI part.
// Deterministic for a given arrangement, seed included. What they share is below.

// One step of a style's cells, where it falls in the song.
struct Step {
    int index = 0;          // running step number within the bar (for decisions parts share)
    int pulse = 0;          // which pulse of the bar
    int inPulse = 0;        // step number within its pulse
    double beat = 0.0;      // absolute position in quarter notes
    double length = 0.25;   // in quarter notes
    QChar symbol;           // the cell's character
};

// A callable passed down without being copied, like C++26's std::function_ref: forEachStep
// runs once per bar and voice, and a std::function holding a lambda that captures more than a
// couple of references allocated on each of those calls.
template <typename Signature>
class FunctionRef;

template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
public:
    template <typename F>
        requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef> && std::is_invocable_r_v<R, F &, Args...>)
    FunctionRef(F &&callable) // implicit, as std::function converts from a lambda
        : m_callable(const_cast<void *>(static_cast<const void *>(std::addressof(callable)))),
          m_call([](void *target, Args... args) -> R {
              return (*static_cast<std::remove_reference_t<F> *>(target))(std::forward<Args>(args)...);
          })
    {
    }

    R operator()(Args... args) const { return m_call(m_callable, std::forward<Args>(args)...); }

private:
    void *m_callable;
    R (*m_call)(void *, Args...);
};

// A style's cells laid over the pulses of a bar: the cell each pulse plays and the length of
// its steps. The same for every bar of a part, so it is worked out once per part (looking the
// cells up per bar and voice was a map search each time). Points into `pulses` and `cells`,
// which must outlive it.
struct PulseCell {
    const Pulse *pulse;
    const Cell *cell;
    double stepLength;
};
using StepPattern = std::vector<PulseCell>;

StepPattern stepPattern(const QList<Pulse> &pulses, const RoleCells &cells);

// Calls `visit` for every step of `pattern` in `bar`, in order, stopping where a shortened last
// bar ends. `visit` is only called, never kept. A template, so that the visitor is inlined: this
// loop runs for every step of every voice of every bar, and a call through a pointer per step
// (FunctionRef) cost a tenth of a render.
template <typename Visit>
void forEachStep(const PlannedBar &bar, const StepPattern &pattern, Visit &&visit)
{
    Step step;
    for (size_t p = 0; p < pattern.size(); ++p) {
        const Pulse &pulse = *pattern[p].pulse;
        const Cell &cell = *pattern[p].cell;
        step.length = pattern[p].stepLength;
        step.pulse = static_cast<int>(p);
        for (int s = 0; s < cell.size(); ++s, ++step.index) {
            const double offset = pulse.start + s * step.length;
            if (offset >= bar.lengthBeats - 1e-6)
                return;
            step.inPulse = s;
            step.beat = bar.startBeat + offset;
            step.symbol = cell[s];
            visit(std::as_const(step));
        }
    }
}

// The steps forEachStep visits, laid out once for a part (the drums walk them bar after bar),
// each with its offset from the bar's start in `beat`. Without `withRests`, the '.' steps are left
// out, for a part that plays nothing on them: most of a drum voice's sixteenths are rests.
std::vector<Step> patternSteps(const StepPattern &pattern, bool withRests);

// The walk of forEachStep for a part whose sounds are held by '-' steps (keys, guitar): calls
// `strike` for each step that starts a sound ('?' only when Performance::playsOptional lets
// `voice` play it) and `hold` for each '-' while a sound is held; '.' and an optional step left
// out let go. `holding` carries the state from bar to bar.
template <typename Strike, typename Hold>
void forEachHeldStep(const PlannedBar &bar, const StepPattern &pattern, const Performance &performance, int voice,
                     bool &holding, Strike &&strike, Hold &&hold)
{
    forEachStep(bar, pattern, [&](const Step &step) {
        if (step.symbol == QLatin1Char('-')) {
            if (holding)
                hold(step);
            return;
        }
        if (step.symbol == QLatin1Char('.')
            || (step.symbol == QLatin1Char('?') && !performance.playsOptional(bar.index, step.index, voice))) {
            holding = false;
            return;
        }
        strike(step);
        holding = true;
    });
}

// Calls `change` with every chord change strictly inside the `length` beats from `start`, in
// the order the plan lists them (time order for a validated request): where a held chord is
// struck again because the harmony changes under it.
void forEachChangeWithin(const SongPlan &plan, double start, double length, FunctionRef<void(double)> change);

// The walk both share: the changes among `chords` from index `first` on that fall strictly inside
// the `length` beats from `start`, one per distinct beat; with the chords in time order it stops
// at the first one past the end.
template <typename Change>
void forEachChangeFrom(const QList<ChordEvent> &chords, qsizetype first, bool inOrder, double start, double length,
                       Change &&change)
{
    constexpr double kEpsilon = 1e-6;
    const double end = start + length;
    double from = start;
    for (qsizetype c = first; c < chords.size(); ++c) {
        const double at = chords[c].startBeat;
        if (at > from + kEpsilon && at < end - kEpsilon) {
            change(at);
            from = at;
        } else if (inOrder && at >= end - kEpsilon) {
            break;
        }
    }
}

// forEachChangeWithin for sounds asked about in time order, as a part's events are: where the
// search for the first chord after a start begins goes on from the last one instead of searching
// by halves again. Gives the same changes (a start earlier than the last one is searched anew).
class ChangesWithin {
public:
    explicit ChangesWithin(const SongPlan &plan) : m_plan(plan) {}

    template <typename Change>
    void forEach(double start, double length, Change &&change)
    {
        constexpr double kEpsilon = 1e-6;
        if (!m_plan.chordsInOrder) {
            forEachChangeWithin(m_plan, start, length, change);
            return;
        }
        const QList<ChordEvent> &chords = m_plan.chords;
        // The first chord starting after start + kEpsilon, as forEachChangeWithin's upper_bound.
        if (start < m_lastStart)
            m_first = 0;
        m_lastStart = start;
        while (m_first < chords.size() && !(start + kEpsilon < chords[m_first].startBeat))
            ++m_first;
        forEachChangeFrom(chords, m_first, /*inOrder=*/true, start, length, change);
    }

private:
    const SongPlan &m_plan;
    qsizetype m_first = 0;
    double m_lastStart = -std::numeric_limits<double>::infinity();
};

// `events` (sounds with a `beat` and a `length` in beats) cut where the chord changes under them:
// the head ends at the change, and the rest, which `restrike` adjusts, starts there.
// `Events` is a QList or std::vector of them.
template <typename Events, typename Restrike>
Events splitAtChanges(const SongPlan &plan, const Events &events, Restrike restrike)
{
    using Event = typename Events::value_type;
    Events split;
    split.reserve(events.size());
    ChangesWithin changes(plan);
    for (const Event &event : events) {
        Event current = event;
        changes.forEach(event.beat, event.length, [&](double change) {
            Event head = current;
            head.length = change - current.beat;
            split.push_back(head);
            current.length -= head.length;
            current.beat = change;
            restrike(current);
        });
        split.push_back(current);
    }
    return split;
}

} // namespace aiband
