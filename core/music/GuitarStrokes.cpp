#include "GuitarStrokes.h"

#include "Theory.h"

#include <QVarLengthArray>

#include <algorithm>

namespace aiband {
namespace {

using Strings = QVarLengthArray<int, kGuitarStrings>;

constexpr double kUpStrokeSpeed = 0.7;     // of the down stroke's time between strings
constexpr double kDampedSpeed = 0.5;       // palm mutes, scratches and chops are tight
constexpr int kUpStrokeSofter = 10;

Strings soundingStrings(const GuitarShape &shape)
{
    Strings strings;
    for (int string = 0; string < kGuitarStrings; ++string) {
        if (shape.sounds(string))
            strings.append(string);
    }
    return strings;
}

Strings lowest(const Strings &strings, qsizetype count)
{
    return Strings(strings.cbegin(), strings.cbegin() + std::min(count, strings.size()));
}

Strings highest(const Strings &strings, qsizetype count)
{
    return Strings(strings.cend() - std::min(count, strings.size()), strings.cend());
}

Strings reversed(Strings strings)
{
    std::reverse(strings.begin(), strings.end());
    return strings;
}

// A stroke across `strings` in the order given: each string a little after the one before
// (the gap varies by up to 15% either way, as a hand does), and a little softer.
std::vector<StrokeNote> sweep(const GuitarShape &shape, const Strings &strings, double gapMs, int velocity, Random &random)
{
    std::vector<StrokeNote> notes;
    double delay = 0.0;
    for (qsizetype i = 0; i < strings.size(); ++i) {
        const int offset = velocity - static_cast<int>(i) + random.between(-2, 2);
        notes.push_back({strings[i], shape.pitch(strings[i]), delay, offset});
        delay += gapMs * (85 + random.between(0, 30)) / 100.0;
    }
    return notes;
}

// The time between strings: `wantedMs`, unless the whole stroke would then take more than a
// third of the step (fast sixteenths).
double gapFor(double wantedMs, qsizetype strings, const StrokeContext &context)
{
    if (strings < 2)
        return 0.0;
    return std::min(wantedMs, context.stepMs / (3.0 * static_cast<double>(strings - 1)));
}

int arpeggioString(const Strings &strings, int index)
{
    if (index == 0 || strings.size() == 1)
        return strings.front();
    const qsizetype upper = strings.size() - 1;         // the strings above the bass
    const qsizetype cycle = upper == 1 ? 1 : 2 * upper - 2;  // up to the top and back down
    const qsizetype k = (index - 1) % cycle;
    return strings[1 + (k < upper ? k : 2 * upper - 2 - k)];
}

// A fret of `string` the hand holding `shape` reaches (the shape's own on a string it plays)
// that sounds a class `wanted` accepts above the floor; -1 when there is none.
template <typename Wanted>
int reachableFret(const GuitarShape &shape, int string, int floorPitch, Wanted wanted)
{
    const auto fits = [&](int fret) {
        const int pitch = kStandardTuning[string] + fret;
        return pitch > floorPitch && wanted(pitchClassOf(pitch));
    };
    if (shape.sounds(string))
        return fits(shape.frets[string]) ? shape.frets[string] : -1;
    for (int fret = 0; fret <= kHighestFret; ++fret) {
        GuitarShape reached = shape;
        reached.frets[string] = fret;
        if (fits(fret) && isPlayable(reached, kGuitarStrings))
            return fret;
    }
    return -1;
}

StrokeNote alternateBass(const GuitarShape &shape, const StrokeContext &context)
{
    const Strings strings = soundingStrings(shape);
    const int bassString = strings.front();
    const int bassClass = pitchClassOf(shape.pitch(bassString));
    const auto fifth = [&](int pitchClass) { return pitchClass == context.alternateClass && pitchClass != bassClass; };
    const auto chordTone = [&](int pitchClass) { return ((context.chordTones >> pitchClass) & 1u) && pitchClass != bassClass; };
    for (int pass = 0; pass < 2; ++pass) {
        for (int string : {bassString - 1, bassString + 1}) {
            if (string < 0 || string >= kGuitarStrings)
                continue;
            const int fret = pass == 0 ? reachableFret(shape, string, context.floorPitch, fifth)
                                       : reachableFret(shape, string, context.floorPitch, chordTone);
            if (fret >= 0)
                return {string, kStandardTuning[string] + fret, 0.0, -4};
        }
    }
    const int string = strings.size() > 1 ? strings[1] : bassString;
    return {string, shape.pitch(string), 0.0, -4};
}

} // namespace

std::vector<StrokeNote> strokeNotes(Stroke stroke, const GuitarShape &shape, const StrokeContext &context, Random &random)
{
    const Strings strings = soundingStrings(shape);
    if (strings.isEmpty())
        return {};
    const double damped = context.strumMs * kDampedSpeed;
    switch (stroke) {
    case Stroke::Down:
        return sweep(shape, strings, gapFor(context.strumMs, strings.size(), context), 0, random);
    case Stroke::Up: {
        const Strings top = reversed(highest(strings, random.between(3, 4)));
        return sweep(shape, top, gapFor(context.strumMs * kUpStrokeSpeed, top.size(), context), -kUpStrokeSofter, random);
    }
    case Stroke::PalmMute:
        return sweep(shape, lowest(strings, 3), gapFor(damped, std::min<qsizetype>(3, strings.size()), context), 0, random);
    case Stroke::DeadDown:
    case Stroke::DeadUp: {
        const Strings top = highest(strings, 4);
        return sweep(shape, stroke == Stroke::DeadUp ? reversed(top) : top, gapFor(damped, top.size(), context), 0, random);
    }
    case Stroke::Chop: {
        const Strings top = highest(strings, 3);
        return sweep(shape, top, gapFor(damped, top.size(), context), 0, random);
    }
    case Stroke::Bass:
        return {{strings.front(), shape.pitch(strings.front()), 0.0, 0}};
    case Stroke::AlternateBass:
        return {alternateBass(shape, context)};
    case Stroke::Pluck: {
        const int string = arpeggioString(strings, context.arpeggioIndex);
        return {{string, shape.pitch(string), 0.0, random.between(-3, 3)}};
    }
    }
    return {};
}

} // namespace aiband
