#include "ChordDetection.h"

#include "KeyDetection.h"
#include "Theory.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>
#include <queue>
#include <utility>

namespace aiband {
namespace {

// ---- the vocabulary ---------------------------------------------------------------------

// One chord quality: its suffix (parsed by parseChord, so it names itself canonically), its
// intervals, and how much each tone's absence counts against it. A perfect fifth is often left
// out by players, so it costs little; the seventh and what names the chord cost fully, and a
// missing third most (a triad over a foreign bass, G/C, is not a Cmaj9 without its E).
// A sixth chord has the notes of the minor seventh a minor third below it (F6 and Dm7, Gm6 and
// Em7b5), and only a bass on its root makes it the sixth: without one, the seventh is the
// usual name, so the sixths cost more than the bass on the root gains over an inversion.
struct Quality {
    const char *suffix;
    std::array<int, 5> intervals;  // semitones above the root, modulo 12; -1 pads
    std::array<double, 5> needed;  // weight of each tone's absence
    double complexity;             // preference for the simpler reading when both explain the notes
};

constexpr int kPad = -1;

constexpr std::array<Quality, 18> kQualities{{
    {"", {0, 4, 7, kPad, kPad}, {1.0, 1.5, 0.3, 0, 0}, 0.0},
    {"m", {0, 3, 7, kPad, kPad}, {1.0, 1.5, 0.3, 0, 0}, 0.0},
    {"7", {0, 4, 7, 10, kPad}, {1.0, 1.5, 0.3, 1.0, 0}, 0.02},
    {"maj7", {0, 4, 7, 11, kPad}, {1.0, 1.5, 0.3, 1.0, 0}, 0.02},
    {"m7", {0, 3, 7, 10, kPad}, {1.0, 1.5, 0.3, 1.0, 0}, 0.02},
    {"6", {0, 4, 7, 9, kPad}, {1.0, 1.5, 0.3, 1.0, 0}, 0.06},
    {"m6", {0, 3, 7, 9, kPad}, {1.0, 1.5, 0.3, 1.0, 0}, 0.065},
    {"dim", {0, 3, 6, kPad, kPad}, {1.0, 1.5, 1.0, 0, 0}, 0.03},
    {"dim7", {0, 3, 6, 9, kPad}, {1.0, 1.5, 1.0, 1.0, 0}, 0.03},
    {"m7b5", {0, 3, 6, 10, kPad}, {1.0, 1.5, 1.0, 1.0, 0}, 0.03},
    {"aug", {0, 4, 8, kPad, kPad}, {1.0, 1.5, 1.0, 0, 0}, 0.04},
    {"sus4", {0, 5, 7, kPad, kPad}, {1.0, 1.0, 0.3, 0, 0}, 0.03},
    {"sus2", {0, 2, 7, kPad, kPad}, {1.0, 1.0, 0.3, 0, 0}, 0.04},
    {"7sus4", {0, 5, 7, 10, kPad}, {1.0, 1.0, 0.3, 1.0, 0}, 0.04},
    {"9", {0, 4, 7, 10, 2}, {1.0, 1.5, 0.3, 1.0, 0.8}, 0.05},
    {"maj9", {0, 4, 7, 11, 2}, {1.0, 1.5, 0.3, 1.0, 0.8}, 0.05},
    {"m9", {0, 3, 7, 10, 2}, {1.0, 1.5, 0.3, 1.0, 0.8}, 0.05},
    {"add9", {0, 4, 7, 2, kPad}, {1.0, 1.5, 0.3, 0.8, 0}, 0.05},
}};

constexpr int kRoots = 12;
constexpr int kChordStates = kRoots * static_cast<int>(kQualities.size());
constexpr int kNoChordState = kChordStates;  // the last state: nothing sounds
constexpr int kStates = kChordStates + 1;

int rootOf(int state) { return state / static_cast<int>(kQualities.size()); }
const Quality &qualityOf(int state) { return kQualities[static_cast<size_t>(state % static_cast<int>(kQualities.size()))]; }

// Each chord's tones as pitch classes, worked out once: scoring runs over every chord for every
// segment, so it only adds up table entries.
struct ChordTones {
    int root = 0;
    int count = 0;
    std::array<int, 5> pitchClasses{};
    std::array<double, 5> needed{};
    unsigned mask = 0;  // bit per pitch class
    double complexity = 0.0;
    bool ninth = false;  // a ninth above a third: an added tone rather than one replacing the third (sus2)
};

const std::array<ChordTones, kChordStates> &chordTones()
{
    static const auto table = [] {
        std::array<ChordTones, kChordStates> tones{};
        for (int state = 0; state < kChordStates; ++state) {
            ChordTones &t = tones[static_cast<size_t>(state)];
            const Quality &quality = qualityOf(state);
            t.root = rootOf(state);
            t.complexity = quality.complexity;
            for (size_t i = 0; i < quality.intervals.size() && quality.intervals[i] != kPad; ++i) {
                const int pc = (t.root + quality.intervals[i]) % 12;
                t.pitchClasses[static_cast<size_t>(t.count)] = pc;
                t.needed[static_cast<size_t>(t.count)] = quality.needed[i];
                t.mask |= 1u << pc;
                ++t.count;
            }
            const auto has = [&](int interval) { return std::find(quality.intervals.begin(), quality.intervals.end(), interval) != quality.intervals.end(); };
            t.ninth = has(2) && (has(3) || has(4));
        }
        return tones;
    }();
    return table;
}

bool hasTone(int state, int pitchClass)
{
    return pitchClass >= 0 && (chordTones()[static_cast<size_t>(state)].mask >> pitchClass) & 1u;
}

// ---- scoring weights (docs/MUSIC.md, "Chords from MIDI") -------------------------------

// A chord tone counts as present from this share of the strongest pitch class on.
constexpr double kPresentShare = 0.3;
// Cost of a missing tone of weight 1, beside the share of sounding time the chord explains.
constexpr double kMissingCost = 0.12;
// The lowest note on the root, on another chord tone (an inversion), or outside the chord, times
// how much of the bass line that note holds.
constexpr double kBassOnRoot = 0.12;
constexpr double kBassOnChordTone = 0.02;
constexpr double kBassOutside = -0.04;
// Changing chord: cheap on a bar line, dearer on the bar's middle, dearest elsewhere.
constexpr double kChangeCost = 0.1;
constexpr double kChangeOnBarLine = 0.5;
constexpr double kChangeOnOtherBeats = 1.5;
// The key's harmony as a prior: a diatonic chord gains this much per segment.
constexpr double kKeyPrior = 0.03;
// A segment is silent below this many beats of sounding notes per beat of segment.
constexpr double kSilence = 0.05;
// A bass note held through most of a run of one chord, outside that chord, is written as a slash.
constexpr double kSlashShare = 0.6;
// Reading the notes above a held foreign bass as a chord of their own (G over a C pedal) costs
// this much more than a chord that includes the bass.
constexpr double kUpperStructureCost = 0.04;
// Beat by beat, a segment also hears the other beats of its bar, less the farther they are:
// an arpeggio spreads its chord over the bar, and a beat alone holds two or three of its notes.
constexpr std::array<double, 3> kContext{0.4, 0.15, 0.05};
// The bass is heard over the bar more widely still: a walking line's second beat does not make
// its note the root.
constexpr std::array<double, 3> kBassContext{0.6, 0.4, 0.2};
// A short bass note that steps (one or two semitones) straight into the next bass note off the
// bar's strong beats is a passing or approach note: it counts this much of its length. Little:
// a walking line's fourth beat is often the only bass note of its beat, and it leads to the next
// chord's root rather than belonging to this chord.
constexpr double kPassingWeight = 0.2;
// Below this many voices sounding at once on average, a bar is one line playing alone. A legato
// line overlaps its notes by a little; a line over a bass, or chords, make two voices or more.
constexpr double kSingleLine = 1.25;
// A line alone is heard over the span its figure takes to state a chord: the half bar when
// each half holds at least this many notes (a broken seventh chord up and down in sixteenths),
// else the whole bar (the same in eighths). Fewer notes than that name no chord on their own:
// a beat of eighths holds two notes of an arpeggio, one of them perhaps a neighbour.
constexpr int kNotesToStateAChord = 6;
// In a line alone a ninth is a neighbour or passing note far more often than a chord tone: a
// ninth chord broken over a bar of eighths sounds its ninth once or twice, as a single neighbour
// sounds (one eighth in eight is 0.125 of the bar). A ninth chord there costs this much more, so
// one stray note does not turn Cmaj7 into Am9 or Dm7 into Bbadd9.
constexpr double kNinthInALine = 0.15;
// A change inside a bar is the held chord re-voiced when less than this share of what sounds in
// the new chord's run lies outside the held chord (an approach note, a neighbour).
constexpr double kStrayShare = 0.15;

// ---- segments ---------------------------------------------------------------------------

// A note struck this close to a beat is played on it, early or late.
constexpr double kOnTheBeat = 1.0 / 16.0;

struct Segment {
    std::array<double, 12> chroma{};      // sounding beats per pitch class, velocity-weighted
    std::array<double, 12> bassChroma{};  // the same for the bass line (the lowest notes), its
                                          // notes struck on a strong beat counted twice
    std::array<double, 12> strongBass{};  // the bass line's notes struck on a strong beat alone
    double energy = 0.0;
};

double velocityWeight(int velocity)
{
    return 0.5 + 0.5 * std::clamp(velocity, 1, 127) / 127.0;
}

bool isSilent(const Segment &segment, double segmentBeats)
{
    return segment.energy < kSilence * segmentBeats;
}

// Segments start on whole beats, so a bar line is met exactly (up to rounding).
bool onBarLine(double beat, const TimeSignature &meter)
{
    const double inBar = std::fmod(beat, meter.beatsPerBar());
    return inBar < 1e-9 || meter.beatsPerBar() - inBar < 1e-9;
}

// The bass line: a note belongs to it when nothing lower sounds at its start (notes struck
// together count as sounding), and no bass note that ended less than two beats ago lies an octave or
// more below it: while a staccato bass rests, the keys' lowest note is not the bass. A sweep over
// the starts keeps counts of sounding and recently ended notes per pitch, so each note costs at
// most two looks at the 128 pitches, however many notes sound at once.
std::vector<bool> bassLine(const std::vector<PlayedNote> &notes)
{
    constexpr double kTogether = 1.0 / 32.0;
    constexpr double kBassMemory = 2.0;
    constexpr int kOctave = 12;
    using Ending = std::pair<double, int>;  // end, pitch
    using Endings = std::priority_queue<Ending, std::vector<Ending>, std::greater<>>;
    Endings sounding;
    Endings remembered;
    std::array<int, 128> soundingCount{};
    std::array<int, 128> rememberedCount{};
    const auto lowest = [](const std::array<int, 128> &count) {
        return static_cast<int>(std::find_if(count.begin(), count.end(), [](int n) { return n > 0; }) - count.begin());
    };
    const auto expire = [](Endings &endings, std::array<int, 128> &count, double at) {
        while (!endings.empty() && endings.top().first <= at) {
            --count[static_cast<size_t>(endings.top().second)];
            endings.pop();
        }
    };
    std::vector<bool> inBass(notes.size(), false);
    size_t added = 0;
    for (size_t i = 0; i < notes.size(); ++i) {
        const double at = notes[i].startBeat + kTogether;
        for (; added < notes.size() && notes[added].startBeat <= at; ++added) {
            const PlayedNote &note = notes[added];
            ++soundingCount[static_cast<size_t>(note.pitch)];
            sounding.push({note.startBeat + note.durationBeats, note.pitch});
        }
        expire(sounding, soundingCount, at);
        expire(remembered, rememberedCount, at);
        const bool lowestSounding = lowest(soundingCount) >= notes[i].pitch;
        inBass[i] = lowestSounding && notes[i].pitch - lowest(rememberedCount) < kOctave;
        if (inBass[i]) {
            ++rememberedCount[static_cast<size_t>(notes[i].pitch)];
            remembered.push({notes[i].startBeat + notes[i].durationBeats + kBassMemory, notes[i].pitch});
        }
    }
    return inBass;
}

bool onStrongBeat(double beat, const TimeSignature &meter)
{
    const double inBar = std::fmod(beat, meter.beatsPerBar());
    return inBar < kOnTheBeat || meter.beatsPerBar() - inBar < kOnTheBeat || std::abs(inBar - meter.beatsPerBar() / 2.0) < kOnTheBeat;
}

// How much each note counts: 1, or kPassingWeight for the bass line's passing and approach notes.
std::vector<double> noteWeights(const std::vector<PlayedNote> &notes, const std::vector<bool> &inBass,
                                const TimeSignature &meter)
{
    constexpr double kLegato = 1.0 / 8.0;
    std::vector<double> weights(notes.size(), 1.0);
    size_t previous = notes.size();
    for (size_t n = 0; n < notes.size(); ++n) {
        if (!inBass[n])
            continue;
        if (previous < notes.size()) {
            const PlayedNote &a = notes[previous];
            // A walking line leaps an octave as often as it steps: the step is between pitch classes.
            const int step = std::min(pitchClassOf(notes[n].pitch - a.pitch), pitchClassOf(a.pitch - notes[n].pitch));
            const bool legato = std::abs(notes[n].startBeat - (a.startBeat + a.durationBeats)) <= kLegato;
            if (a.durationBeats <= 1.0 + 1e-9 && legato && (step == 1 || step == 2) && !onStrongBeat(a.startBeat, meter))
                weights[previous] = kPassingWeight;
        }
        previous = n;
    }
    return weights;
}

// How many voices sound at once in each bar, on average over the time anything sounds: near 1
// for one line alone (a broken chord, a melody), 2 or more for chords or a line over a bass.
// The notes come sorted by start, so within a bar each note starts where or after the ones
// before it, and the time they cover grows by whatever a note reaches beyond them.
std::vector<double> voicesPerBar(const std::vector<PlayedNote> &notes, double barBeats)
{
    std::vector<double> sounding;
    std::vector<double> covered;
    std::vector<double> reach;
    for (const PlayedNote &note : notes) {
        const double end = note.startBeat + note.durationBeats;
        for (auto bar = static_cast<size_t>(std::floor(note.startBeat / barBeats)); static_cast<double>(bar) * barBeats < end; ++bar) {
            if (bar >= sounding.size()) {
                sounding.resize(bar + 1, 0.0);
                covered.resize(bar + 1, 0.0);
                reach.resize(bar + 1, 0.0);
            }
            const double from = std::max(note.startBeat, static_cast<double>(bar) * barBeats);
            const double to = std::min(end, static_cast<double>(bar + 1) * barBeats);
            sounding[bar] += to - from;
            covered[bar] += std::max(0.0, to - std::max(from, reach[bar]));
            reach[bar] = std::max(reach[bar], to);
        }
    }
    std::vector<double> voices(sounding.size(), 0.0);
    for (size_t bar = 0; bar < sounding.size(); ++bar)
        voices[bar] = covered[bar] > 0.0 ? sounding[bar] / covered[bar] : 0.0;
    return voices;
}

// The bass line, where there is one: a line playing alone has nothing above it, so its lowest
// notes are part of its figure, not a bass. A broken chord in an inversion starts on its third
// or fifth, and read as the bass that note would name the chord.
bool isSingleLine(const std::vector<double> &voices, size_t bar)
{
    return bar < voices.size() && voices[bar] > 0.0 && voices[bar] < kSingleLine;
}

// The bar a note is struck in (a hair early counts as on the bar line).
size_t barStruckIn(const PlayedNote &note, const TimeSignature &meter)
{
    return static_cast<size_t>(std::floor((note.startBeat + kOnTheBeat) / meter.beatsPerBar()));
}

std::vector<bool> bassUnderOtherVoices(const std::vector<PlayedNote> &notes, const std::vector<double> &voices,
                                       const TimeSignature &meter)
{
    std::vector<bool> inBass = bassLine(notes);
    for (size_t n = 0; n < notes.size(); ++n) {
        if (isSingleLine(voices, barStruckIn(notes[n], meter)))
            inBass[n] = false;
    }
    return inBass;
}

// Over how much of its bar a segment hears the other beats: as far as kContext reaches, or, in
// a bar of one line alone, the line's whole span (kNotesToStateAChord).
enum class Span { Context, HalfBar, Bar };

std::vector<Span> spansOf(const std::vector<PlayedNote> &notes, const std::vector<double> &voices, const TimeSignature &meter)
{
    std::vector<std::array<int, 2>> struck(voices.size(), {0, 0});
    for (const PlayedNote &note : notes) {
        const size_t bar = barStruckIn(note, meter);
        if (bar < struck.size()) {
            const bool secondHalf = std::fmod(note.startBeat + kOnTheBeat, meter.beatsPerBar()) >= meter.beatsPerBar() / 2.0;
            ++struck[bar][secondHalf ? 1 : 0];
        }
    }
    std::vector<Span> spans(voices.size(), Span::Context);
    for (size_t bar = 0; bar < voices.size(); ++bar) {
        if (isSingleLine(voices, bar))
            spans[bar] = std::min(struck[bar][0], struck[bar][1]) >= kNotesToStateAChord ? Span::HalfBar : Span::Bar;
    }
    return spans;
}

std::vector<Segment> segmentsOf(const std::vector<PlayedNote> &notes, const std::vector<double> &voices, double segmentBeats,
                                int count, const TimeSignature &meter)
{
    std::vector<Segment> segments(static_cast<size_t>(count));
    const std::vector<bool> inBass = bassUnderOtherVoices(notes, voices, meter);
    const std::vector<double> weights = noteWeights(notes, inBass, meter);
    for (size_t n = 0; n < notes.size(); ++n) {
        const PlayedNote &note = notes[n];
        const double end = note.startBeat + note.durationBeats;
        const int first = std::max(0, static_cast<int>(std::floor(note.startBeat / segmentBeats)));
        const int last = std::min(count - 1, static_cast<int>(std::ceil(end / segmentBeats)) - 1);
        // A note pushed a little ahead of its beat is struck on it, in the segment that beat opens.
        const int struckIn = static_cast<int>(std::floor((note.startBeat + kOnTheBeat) / segmentBeats));
        const int pitchClass = pitchClassOf(note.pitch);
        const double weight = velocityWeight(note.velocity) * weights[n];
        for (int s = first; s <= last; ++s) {
            const double from = std::max(note.startBeat, s * segmentBeats);
            const double to = std::min(end, (s + 1) * segmentBeats);
            if (to <= from)
                continue;
            Segment &segment = segments[static_cast<size_t>(s)];
            segment.chroma[static_cast<size_t>(pitchClass)] += (to - from) * weight;
            segment.energy += to - from;
            if (inBass[n]) {
                const bool struckStrong = s == struckIn && onStrongBeat(note.startBeat, meter);
                segment.bassChroma[static_cast<size_t>(pitchClass)] += (to - from) * weight * (struckStrong ? 2.0 : 1.0);
                if (struckStrong)
                    segment.strongBass[static_cast<size_t>(pitchClass)] += (to - from) * weight;
            }
        }
    }
    return segments;
}

// How much a beat `distance` beats away in the same bar counts in what a beat hears: as much as
// kContext says, or, in a bar of one line alone, all of it within the line's span.
double contextWeight(Span span, bool sameHalf, size_t distance)
{
    switch (span) {
    case Span::Bar:
        return 1.0;
    case Span::HalfBar:
        return sameHalf ? 1.0 : 0.0;
    case Span::Context:
        break;
    }
    return distance <= kContext.size() ? kContext[distance - 1] : 0.0;
}

double bassContextWeight(size_t distance)
{
    return distance <= kBassContext.size() ? kBassContext[distance - 1] : 0.0;
}

// Each beat with the other beats of its bar mixed in (contextWeight); bars are left as they are.
std::vector<Segment> withContext(const std::vector<Segment> &segments, const std::vector<Span> &spans, double segmentBeats,
                                 const TimeSignature &meter)
{
    std::vector<Segment> mixed = segments;
    const auto barOf = [&](size_t s) { return static_cast<size_t>(std::floor((static_cast<double>(s) * segmentBeats + 1e-9) / meter.beatsPerBar())); };
    const auto halfOf = [&](size_t s) { return std::floor((static_cast<double>(s) * segmentBeats + 1e-9) / (meter.beatsPerBar() / 2.0)); };
    const auto reach = static_cast<size_t>(std::ceil(meter.beatsPerBar() / segmentBeats));
    for (size_t s = 0; s < segments.size(); ++s) {
        const size_t bar = barOf(s);
        const Span span = bar < spans.size() ? spans[bar] : Span::Context;
        for (size_t d = 1; d < reach; ++d) {
            for (const size_t other : {s - d, s + d}) {
                if (other >= segments.size() || barOf(other) != bar)  // s - d wraps past 0
                    continue;
                const double weight = contextWeight(span, halfOf(other) == halfOf(s), d);
                for (size_t pc = 0; pc < 12; ++pc) {
                    mixed[s].chroma[pc] += weight * segments[other].chroma[pc];
                    mixed[s].bassChroma[pc] += bassContextWeight(d) * segments[other].bassChroma[pc];
                }
            }
        }
    }
    return mixed;
}

// ---- anticipations ----------------------------------------------------------------------

// A player pushes a change: the new chord is struck an eighth (or a sixteenth) before the beat
// it belongs to and tied over it, and nothing is struck on the beat itself. Read by when it is
// struck, that chord would sound mostly in the beat before the change, and the old chord's last
// beat (or, in a bar of two chords, its only strong beat) would be read as the new one. A
// musician reads it as the chord of the change: two notes or more struck together up to this
// far ahead of a beat...
constexpr double kPushReach = 0.5 + 1.0 / 32.0;  // an eighth, and a little more for a loose player
// ...and still sounding this far past it are read as struck on that beat, when nothing is struck
// on the beat from the lowest of them up (a bass under them may strike it). A note that ends on
// the beat, or overlaps the next by a hair (a legato line), is not tied over it; a single note
// is a line's (a melody), not a chord; and a chord's notes struck again on the beat, or other
// notes struck there among them (a broken chord's next note with the bass an eighth ahead of
// it, ringing under the pedal), say that the beat has its own attack and the early notes lead
// into it.
constexpr double kTiedOver = 1.0 / 8.0;
constexpr double kStruckTogether = 1.0 / 32.0;

// The beat a note anticipates, when it is held over one it is struck shortly before.
std::optional<double> anticipatedBeat(const PlayedNote &note)
{
    const double beat = std::ceil(note.startBeat);
    const double early = beat - note.startBeat;
    // Struck within kOnTheBeat of a beat, a note is already read on it.
    if (early <= kOnTheBeat || early > kPushReach || note.startBeat + note.durationBeats < beat + kTiedOver)
        return std::nullopt;
    return beat;
}

// Whether a note is struck on `beat` (within kOnTheBeat) at `lowest` or above, in notes sorted by start.
bool struckOnBeatFrom(const std::vector<PlayedNote> &notes, double beat, int lowest)
{
    auto it = std::lower_bound(notes.begin(), notes.end(), beat - kOnTheBeat,
                               [](const PlayedNote &note, double at) { return note.startBeat < at; });
    for (; it != notes.end() && it->startBeat <= beat + kOnTheBeat; ++it) {
        if (it->pitch >= lowest)
            return true;
    }
    return false;
}

// The notes (sorted by start) with every pushed chord moved onto the beat it anticipates, its
// sounding before the beat dropped; sorted by start again.
std::vector<PlayedNote> withPushesOnTheirBeats(std::vector<PlayedNote> notes)
{
    const std::vector<PlayedNote> played = notes;  // who strikes where, before anything moves
    bool moved = false;
    for (size_t first = 0; first < notes.size();) {
        size_t end = first;
        while (end < notes.size() && notes[end].startBeat - notes[first].startBeat <= kStruckTogether)
            ++end;
        std::vector<size_t> pushed;
        int lowest = 127;
        for (size_t n = first; n < end; ++n) {
            if (anticipatedBeat(notes[n])) {
                pushed.push_back(n);
                lowest = std::min(lowest, notes[n].pitch);
            }
        }
        if (pushed.size() >= 2 && !struckOnBeatFrom(played, *anticipatedBeat(notes[pushed.front()]), lowest)) {
            for (const size_t n : pushed) {
                const double beat = *anticipatedBeat(notes[n]);
                notes[n].durationBeats = notes[n].startBeat + notes[n].durationBeats - beat;
                notes[n].startBeat = beat;
            }
            moved = true;
        }
        first = end;
    }
    if (moved) {
        std::stable_sort(notes.begin(), notes.end(),
                         [](const PlayedNote &a, const PlayedNote &b) { return a.startBeat < b.startBeat; });
    }
    return notes;
}

// ---- emission scores --------------------------------------------------------------------

struct Profile {
    std::array<double, 12> share{};     // of all sounding time
    std::array<double, 12> presence{};  // relative to the strongest pitch class
    std::array<double, 12> absence{};   // how missing each pitch class is as a chord tone: 0 from
                                        // kPresentShare of the strongest on, 1 when silent
    int bass = -1;
    double bassShare = 0.0;             // how much of the bass line the bass pitch class holds
    bool silent = true;
};

struct Readings {
    Profile all;
    std::optional<Profile> upper;  // the notes above a held bass, without the bass's pitch class
    bool singleLine = false;       // one line playing alone (kSingleLine)
};

Profile profileOf(const Segment &segment, double segmentBeats)
{
    Profile profile;
    const double total = std::accumulate(segment.chroma.begin(), segment.chroma.end(), 0.0);
    if (isSilent(segment, segmentBeats) || total <= 0.0)
        return profile;
    profile.silent = false;
    const double strongest = *std::max_element(segment.chroma.begin(), segment.chroma.end());
    for (size_t pc = 0; pc < 12; ++pc) {
        profile.share[pc] = segment.chroma[pc] / total;
        profile.presence[pc] = segment.chroma[pc] / strongest;
        profile.absence[pc] = std::max(0.0, 1.0 - profile.presence[pc] / kPresentShare);
    }
    const double bassTotal = std::accumulate(segment.bassChroma.begin(), segment.bassChroma.end(), 0.0);
    if (bassTotal > 0.0) {
        const auto loudest = std::max_element(segment.bassChroma.begin(), segment.bassChroma.end());
        profile.bass = static_cast<int>(loudest - segment.bassChroma.begin());
        profile.bassShare = *loudest / bassTotal;
    }
    return profile;
}

Readings readingsOf(const Segment &segment, double segmentBeats)
{
    Readings readings{profileOf(segment, segmentBeats), std::nullopt};
    const Profile &all = readings.all;
    if (all.silent || all.bass < 0 || all.bassShare < kSlashShare)
        return readings;
    Segment upper = segment;
    upper.chroma[static_cast<size_t>(all.bass)] = 0.0;
    upper.bassChroma = {};
    Profile profile = profileOf(upper, segmentBeats);
    if (!profile.silent)
        readings.upper = profile;
    return readings;
}

double chordScore(const Profile &profile, const ChordTones &chord)
{
    double covered = 0.0;
    double missing = 0.0;
    for (int t = 0; t < chord.count; ++t) {
        const auto pc = static_cast<size_t>(chord.pitchClasses[static_cast<size_t>(t)]);
        covered += profile.share[pc];
        missing += chord.needed[static_cast<size_t>(t)] * profile.absence[pc];
    }
    double bass = 0.0;
    if (profile.bass >= 0) {
        const bool chordTone = (chord.mask >> profile.bass) & 1u;
        bass = profile.bassShare * (profile.bass == chord.root ? kBassOnRoot : chordTone ? kBassOnChordTone : kBassOutside);
    }
    return covered - kMissingCost * missing - chord.complexity + bass;
}

using Scores = std::vector<std::array<double, kStates>>;

// A chord's score on a segment: on all its notes, or, when the bass holds a note outside the
// chord, on the notes above it (the chord is then written over that bass).
double stateScore(const Readings &readings, int state)
{
    const ChordTones &chord = chordTones()[static_cast<size_t>(state)];
    double score = chordScore(readings.all, chord) - (readings.singleLine && chord.ninth ? kNinthInALine : 0.0);
    if (readings.upper && !hasTone(state, readings.all.bass))
        score = std::max(score, chordScore(*readings.upper, chord) - kUpperStructureCost);
    return score;
}

Scores emissions(const std::vector<Readings> &readings)
{
    Scores scores(readings.size());
    for (size_t s = 0; s < readings.size(); ++s) {
        const bool silent = readings[s].all.silent;
        for (int state = 0; state < kChordStates; ++state)
            scores[s][static_cast<size_t>(state)] = silent ? -1.0 : stateScore(readings[s], state);
        scores[s][kNoChordState] = silent ? 1.0 : -1.0;
    }
    return scores;
}

Chord chordOfState(int state, const Key &key, int bass = -1)
{
    if (state == kNoChordState)
        return parseChord(QStringLiteral("N.C.")).value();
    const int root = rootOf(state);
    QString symbol = key.noteName(root) + QLatin1String(qualityOf(state).suffix);
    if (bass >= 0 && bass != root)
        symbol += QLatin1Char('/') + key.noteName(bass);
    return parseChord(symbol).value();
}

void addKeyPrior(Scores &scores, const Key &key)
{
    // The chords as parsed once: how a chord belongs to a key does not depend on its spelling.
    static const auto chords = [] {
        std::array<Chord, kChordStates> parsed;
        for (int state = 0; state < kChordStates; ++state)
            parsed[static_cast<size_t>(state)] = chordOfState(state, Key{});
        return parsed;
    }();
    std::array<double, kStates> prior{};
    for (int state = 0; state < kChordStates; ++state)
        prior[static_cast<size_t>(state)] = kKeyPrior * chordFitInKey(chords[static_cast<size_t>(state)], key);
    for (auto &segment : scores)
        for (int state = 0; state < kChordStates; ++state)
            segment[static_cast<size_t>(state)] += prior[static_cast<size_t>(state)];
}

// ---- the path ---------------------------------------------------------------------------

double changeCost(int segment, double segmentBeats, const TimeSignature &meter)
{
    const double beat = segment * segmentBeats;
    if (onBarLine(beat, meter))
        return kChangeCost * kChangeOnBarLine;
    if (std::abs(std::fmod(beat, meter.beatsPerBar()) - meter.beatsPerBar() / 2.0) < 1e-9)
        return kChangeCost;
    return kChangeCost * kChangeOnOtherBeats;
}

// Viterbi with a cost that depends only on whether the chord changes: the best predecessor of
// every state is either itself or the best state of the previous segment, so each step is
// linear in the number of states.
std::vector<int> bestPath(const Scores &scores, double segmentBeats, const TimeSignature &meter)
{
    const size_t count = scores.size();
    std::vector<int> path(count, kNoChordState);
    if (count == 0)
        return path;
    static_assert(kStates <= 256, "a state is stored in a byte");
    std::vector<std::array<std::uint8_t, kStates>> from(count);
    std::array<double, kStates> total = scores[0];
    for (size_t s = 1; s < count; ++s) {
        const auto best = std::max_element(total.begin(), total.end());
        const int bestState = static_cast<int>(best - total.begin());
        const double switched = *best - changeCost(static_cast<int>(s), segmentBeats, meter);
        std::array<double, kStates> next{};
        for (int state = 0; state < kStates; ++state) {
            const bool stay = total[static_cast<size_t>(state)] >= switched;
            next[static_cast<size_t>(state)] = (stay ? total[static_cast<size_t>(state)] : switched) + scores[s][static_cast<size_t>(state)];
            from[s][static_cast<size_t>(state)] = static_cast<std::uint8_t>(stay ? state : bestState);
        }
        total = next;
    }
    int state = static_cast<int>(std::max_element(total.begin(), total.end()) - total.begin());
    for (size_t s = count; s-- > 0;) {
        path[s] = state;
        if (s > 0)
            state = from[s][static_cast<size_t>(state)];
    }
    return path;
}

// A change inside a bar to a chord whose tones the sounding chord already has (Dm7, then F/A as
// the root falls silent under a walking bass and rootless voicing) is the same harmony with
// fewer notes, not a new chord: the run is given back to the chord before it. So is a run whose
// notes all but belong to the chord before it: a walking bass on the fifth under a rootless
// voicing (A7's E under C#-E-G reads Em6 on its own) moves within the harmony, not to a new one.
bool tonesWithin(int inner, int outer)
{
    const auto &tones = chordTones();
    return (tones[static_cast<size_t>(inner)].mask & ~tones[static_cast<size_t>(outer)].mask) == 0;
}

// The share of the sounding time in segments [first, end) on pitch classes outside `held`.
double foreignShare(const std::vector<Segment> &segments, size_t first, size_t end, int held)
{
    double foreign = 0.0;
    double total = 0.0;
    for (size_t s = first; s < end; ++s) {
        for (int pc = 0; pc < 12; ++pc) {
            total += segments[s].chroma[static_cast<size_t>(pc)];
            if (!hasTone(held, pc))
                foreign += segments[s].chroma[static_cast<size_t>(pc)];
        }
    }
    return total > 0.0 ? foreign / total : 0.0;
}

void keepHarmonyThroughRevoicings(std::vector<int> &path, const std::vector<Segment> &segments, double segmentBeats,
                                  const TimeSignature &meter)
{
    for (size_t s = 1; s < path.size(); ++s) {
        const int held = path[s - 1];
        const int next = path[s];
        if (next == held || next == kNoChordState || held == kNoChordState)
            continue;
        if (onBarLine(static_cast<double>(s) * segmentBeats, meter))
            continue;
        size_t end = s;
        while (end < path.size() && path[end] == next)
            ++end;
        if (!tonesWithin(next, held) && foreignShare(segments, s, end, held) >= kStrayShare)
            continue;
        std::fill(path.begin() + static_cast<std::ptrdiff_t>(s), path.begin() + static_cast<std::ptrdiff_t>(end), held);
    }
}

// ---- from the path to chords --------------------------------------------------------------

// How sure a segment's reading is: the share of sounding time the chord explains, times how far
// it leads the best reading with another root or kind (a lead of 0.1 is already clear).
double segmentConfidence(const Profile &profile, const std::array<double, kStates> &scores, int chosen)
{
    if (chosen == kNoChordState)
        return profile.silent ? 1.0 : 0.0;
    double runnerUp = -std::numeric_limits<double>::infinity();
    for (int state = 0; state < kChordStates; ++state) {
        if (state != chosen)
            runnerUp = std::max(runnerUp, scores[static_cast<size_t>(state)]);
    }
    const double lead = std::clamp((scores[static_cast<size_t>(chosen)] - runnerUp) / 0.1, 0.0, 1.0);
    double explained = 0.0;
    const ChordTones &chord = chordTones()[static_cast<size_t>(chosen)];
    for (int t = 0; t < chord.count; ++t)
        explained += profile.share[static_cast<size_t>(chord.pitchClasses[static_cast<size_t>(t)])];
    return std::clamp(explained * (0.5 + 0.5 * lead), 0.0, 1.0);
}

// The bass of a run of one chord: the bass line's pitch class struck most on the run's strong
// beats (or, when none is, held most), written as a slash when it is a chord tone other than the
// root, or a note outside the chord held through most of the run.
int slashBassOf(const std::vector<Segment> &segments, size_t first, size_t last, int state)
{
    if (state == kNoChordState)
        return -1;
    std::array<double, 12> strong{};
    std::array<double, 12> held{};
    for (size_t s = first; s <= last; ++s) {
        for (size_t pc = 0; pc < 12; ++pc) {
            strong[pc] += segments[s].strongBass[pc];
            held[pc] += segments[s].bassChroma[pc];
        }
    }
    const bool anyStrong = std::accumulate(strong.begin(), strong.end(), 0.0) > 0.0;
    const std::array<double, 12> &bass = anyStrong ? strong : held;
    const double total = std::accumulate(bass.begin(), bass.end(), 0.0);
    if (total <= 0.0)
        return -1;
    const auto pitchClass = static_cast<size_t>(std::max_element(bass.begin(), bass.end()) - bass.begin());
    const auto root = static_cast<size_t>(chordTones()[static_cast<size_t>(state)].root);
    if (pitchClass == root)
        return -1;
    const bool chordTone = hasTone(state, static_cast<int>(pitchClass));
    // An inversion needs its bass to lead the root clearly; a foreign bass must hold most of it.
    const double share = bass[pitchClass] / total;
    const double needed = chordTone ? bass[root] / total + 0.2 : kSlashShare;
    return share >= needed ? static_cast<int>(pitchClass) : -1;
}

QList<DetectedChord> chordsOfPath(const std::vector<int> &path, const std::vector<Segment> &segments,
                                  const Scores &scores, double segmentBeats, const Key &key)
{
    QList<DetectedChord> chords;
    size_t first = 0;
    for (size_t s = 1; s <= path.size(); ++s) {
        if (s < path.size() && path[s] == path[first])
            continue;
        const int state = path[first];
        double confidence = 0.0;
        for (size_t i = first; i < s; ++i) {
            // What the segment itself holds, not what it heard of its neighbours.
            confidence += segmentConfidence(profileOf(segments[i], segmentBeats), scores[i], state);
        }
        DetectedChord chord;
        chord.event.chord = chordOfState(state, key, slashBassOf(segments, first, s - 1, state));
        chord.event.startBeat = static_cast<double>(first) * segmentBeats;
        chord.event.durationBeats = static_cast<double>(s - first) * segmentBeats;
        chord.confidence = std::round(confidence / static_cast<double>(s - first) * 1000.0) / 1000.0;
        chords.append(chord);
        first = s;
    }
    return chords;
}

QList<ChordEvent> eventsOf(const QList<DetectedChord> &chords)
{
    QList<ChordEvent> events;
    for (const DetectedChord &chord : chords)
        events.append(chord.event);
    return events;
}

} // namespace

std::vector<PlayedNote> pitchedNotes(const MidiSong &song, std::size_t stopAfter)
{
    std::vector<PlayedNote> notes;
    for (const MidiPart &part : song.parts) {
        if (part.channel == kDrumChannel)
            continue;
        for (const Note &note : part.notes)
            notes.push_back({static_cast<double>(note.startTick) / kTicksPerQuarter,
                             static_cast<double>(note.durationTicks) / kTicksPerQuarter, note.pitch, note.velocity});
        if (notes.size() > stopAfter)
            break;
    }
    return notes;
}

ChordDetection detectChords(const std::vector<PlayedNote> &input, const ChordDetectionOptions &options)
{
    std::vector<PlayedNote> notes;
    notes.reserve(input.size());
    double end = 0.0;
    for (const PlayedNote &note : input) {
        if (note.durationBeats > 0.0 && note.startBeat >= 0.0) {
            notes.push_back(note);
            end = std::max(end, note.startBeat + note.durationBeats);
        }
    }
    std::stable_sort(notes.begin(), notes.end(),
                     [](const PlayedNote &a, const PlayedNote &b) { return a.startBeat < b.startBeat; });
    notes = withPushesOnTheirBeats(std::move(notes));

    const double segmentBeats = options.resolution == ChordResolution::Bar ? options.meter.beatsPerBar() : 1.0;
    const int count = std::max(1, static_cast<int>(std::ceil(end / segmentBeats - 1e-9)));
    const std::vector<double> voices = voicesPerBar(notes, options.meter.beatsPerBar());
    const std::vector<Segment> segments = segmentsOf(notes, voices, segmentBeats, count, options.meter);
    const std::vector<Segment> heard = options.resolution == ChordResolution::Beat
        ? withContext(segments, spansOf(notes, voices, options.meter), segmentBeats, options.meter) : segments;
    std::vector<Readings> readings;
    readings.reserve(heard.size());
    for (size_t s = 0; s < heard.size(); ++s) {
        // Silence is judged on the segment itself: a rest beside played beats stays a rest.
        readings.push_back(readingsOf(heard[s], segmentBeats));
        readings.back().singleLine = isSingleLine(voices, static_cast<size_t>(std::floor((static_cast<double>(s) * segmentBeats + 1e-9) / options.meter.beatsPerBar())));
        if (isSilent(segments[s], segmentBeats))
            readings.back() = Readings{};
    }

    ChordDetection result;
    result.lengthBeats = count * segmentBeats;
    Scores scores = emissions(readings);
    const Key spelling = options.key.value_or(Key{});
    std::vector<int> path = bestPath(scores, segmentBeats, options.meter);
    keepHarmonyThroughRevoicings(path, segments, segmentBeats, options.meter);
    result.key = options.key ? *options.key : detectKey(eventsOf(chordsOfPath(path, segments, scores, segmentBeats, spelling)));
    result.keyDetected = !options.key;
    addKeyPrior(scores, result.key);
    path = bestPath(scores, segmentBeats, options.meter);
    keepHarmonyThroughRevoicings(path, segments, segmentBeats, options.meter);
    result.chords = chordsOfPath(path, segments, scores, segmentBeats, result.key);
    return result;
}

} // namespace aiband
