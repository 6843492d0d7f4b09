#include "DrumFills.h"

#include <algorithm>
#include <array>

namespace aiband {
namespace {

enum GmDrum {
    Kick = 36, SideStick = 37, Snare = 38, Rimshot = 40, Crash = 49,
    LowFloorTom = 41, HighFloorTom = 43, LowTom = 45, LowMidTom = 47, HighMidTom = 48, HighTom = 50,
    HighTimbale = 65, LowTimbale = 66
};

// Toms from high to low: a run walks down them.
constexpr int kToms[] = {HighTom, HighMidTom, LowMidTom, LowTom, HighFloorTom, LowFloorTom};

// Where in a pulse (as a share of it) a fill plays: sixteenths, or the triplets a swung feel
// implies, or sixths of a compound pulse; half as many when the player is not busy. At most six,
// in place (a list for every pulse of every fill was most of a fill's cost).
struct PlacesInPulse {
    std::array<double, 6> shares;
    int count;
    const double *begin() const { return shares.data(); }
    const double *end() const { return shares.data() + count; }
};

PlacesInPulse placesInPulse(const Pulse &pulse, const FillFeel &feel, bool triplets)
{
    if (pulse.compound)
        return feel.busy ? PlacesInPulse{{0, 1 / 6.0, 2 / 6.0, 3 / 6.0, 4 / 6.0, 5 / 6.0}, 6} : PlacesInPulse{{0, 1 / 3.0, 2 / 3.0}, 3};
    if (triplets || feel.swung)
        return feel.busy || triplets ? PlacesInPulse{{0, 1 / 3.0, 2 / 3.0}, 3} : PlacesInPulse{{0, 2 / 3.0}, 2};
    return feel.busy ? PlacesInPulse{{0, 0.25, 0.5, 0.75}, 4} : PlacesInPulse{{0, 0.5}, 2};
}

QList<double> grid(const QList<Pulse> &pulses, int firstPulse, const FillFeel &feel, bool triplets = false)
{
    QList<double> beats;
    beats.reserve(6 * (pulses.size() - firstPulse));
    for (qsizetype p = firstPulse; p < pulses.size(); ++p) {
        for (double share : placesInPulse(pulses[p], feel, triplets))
            beats.append(pulses[p].start + share * pulses[p].length);
    }
    return beats;
}

// Sextuplets (sixths of a simple pulse): the brushes' continuous swish.
QList<double> sweepGrid(const QList<Pulse> &pulses, int firstPulse)
{
    QList<double> beats;
    beats.reserve(6 * (pulses.size() - firstPulse));
    for (qsizetype p = firstPulse; p < pulses.size(); ++p) {
        for (int i = 0; i < 6; ++i)
            beats.append(pulses[p].start + i * pulses[p].length / 6);
    }
    return beats;
}

// Louder toward the next downbeat.
int crescendo(int i, int count, int from, int to)
{
    const double progress = count > 1 ? static_cast<double>(i) / (count - 1) : 1.0;
    return static_cast<int>(from + (to - from) * progress);
}

int tomAt(int i, int count)
{
    return kToms[std::min(5, i * 6 / std::max(1, count))];
}

// An empty list of hits with room for one on each place of `beats` and the closing kick.
QList<DrumHit> roomForHits(const QList<double> &beats)
{
    QList<DrumHit> hits;
    hits.reserve(beats.size() + 1);
    return hits;
}

// The run's last note lands with the kick, as a drummer closes a fill into the crash.
void closeWithKick(QList<DrumHit> &hits, int velocity = 96)
{
    if (!hits.isEmpty())
        hits.append({hits.last().beat, Kick, velocity, true});
}

QList<DrumHit> tomsDown(const QList<double> &beats)
{
    QList<DrumHit> hits = roomForHits(beats);
    const int count = static_cast<int>(beats.size());
    for (int i = 0; i < count; ++i) {
        // Every third note is the snare, which makes the run speak instead of rumble.
        const int note = (i % 3 == 0 && i > 0 && i < count - 1) ? Snare : tomAt(i, count);
        hits.append({beats[i], note, crescendo(i, count, 78, 108)});
    }
    closeWithKick(hits);
    return hits;
}

// Snare first, then down the toms: the run starts in the groove's voice.
QList<DrumHit> snareToms(const QList<double> &beats)
{
    QList<DrumHit> hits = roomForHits(beats);
    const int count = static_cast<int>(beats.size());
    const int half = std::max(1, count / 2);
    for (int i = 0; i < count; ++i)
        hits.append({beats[i], i < half ? Snare : tomAt(2 * (i - half) + 2, count), crescendo(i, count, 74, 108)});
    closeWithKick(hits);
    return hits;
}

// Half a bar around the kit in pairs, with a breath in each group of four.
QList<DrumHit> halfBarToms(const QList<double> &beats)
{
    QList<DrumHit> hits = roomForHits(beats);
    const int count = static_cast<int>(beats.size());
    for (int i = 0; i < count; ++i) {
        if (i % 4 == 2 && i < count - 1)
            continue;
        hits.append({beats[i], kToms[std::min(5, (i / 2) * 6 / std::max(1, (count + 1) / 2))], crescendo(i, count, 80, 110)});
    }
    closeWithKick(hits, 100);
    return hits;
}

// Snare, tom, tom in each pulse: triplets that roll down the kit.
QList<DrumHit> tripletToms(const QList<double> &beats)
{
    QList<DrumHit> hits = roomForHits(beats);
    const int count = static_cast<int>(beats.size());
    for (int i = 0; i < count; ++i)
        hits.append({beats[i], i % 3 == 0 ? Snare : tomAt(i, count), crescendo(i, count, 76, 106)});
    closeWithKick(hits);
    return hits;
}

QList<DrumHit> snareRoll(const QList<double> &beats)
{
    QList<DrumHit> hits = roomForHits(beats);
    const int count = static_cast<int>(beats.size());
    for (int i = 0; i < count; ++i)
        hits.append({beats[i], Snare, crescendo(i, count, 58, 108)});
    closeWithKick(hits);
    return hits;
}

// Brushes: a soft swish of ghost strokes that swells into a light accent, a feathered kick under
// the last one. No toms: a ballad's brushes do not leave the snare.
QList<DrumHit> brushSweep(const QList<double> &beats)
{
    QList<DrumHit> hits = roomForHits(beats);
    const int count = static_cast<int>(beats.size());
    for (int i = 0; i < count; ++i)
        hits.append({beats[i], Snare, i == count - 1 ? 72 : crescendo(i, count, 26, 52)});
    closeWithKick(hits, 60);
    return hits;
}

// Bossa and samba: the side stick speaks the fill, the low toms answer like a surdo.
QList<DrumHit> rimFill(const QList<double> &beats)
{
    QList<DrumHit> hits = roomForHits(beats);
    const int count = static_cast<int>(beats.size());
    for (int i = 0; i < count; ++i) {
        if (i >= count - 2)
            hits.append({beats[i], i == count - 1 ? LowFloorTom : HighFloorTom, crescendo(i, count, 80, 104)});
        else if (i % 4 != 3)
            hits.append({beats[i], SideStick, crescendo(i, count, 70, 96)});
    }
    closeWithKick(hits, 90);
    return hits;
}

// Salsa: a run on the timbales that closes on rimshots into the crash (the abanico's shape).
QList<DrumHit> timbaleFill(const QList<double> &beats)
{
    QList<DrumHit> hits = roomForHits(beats);
    const int count = static_cast<int>(beats.size());
    const int rims = std::min(3, count);
    for (int i = 0; i < count; ++i) {
        const int note = i >= count - rims ? Rimshot : ((i / 2) % 2 == 0 ? HighTimbale : LowTimbale);
        hits.append({beats[i], note, crescendo(i, count, 76, 110)});
    }
    closeWithKick(hits);
    return hits;
}

} // namespace

int fillStartPulse(FillShape shape, const QList<Pulse> &pulses, const FillFeel &feel)
{
    const int count = static_cast<int>(pulses.size());
    if (count < 2)
        return count;
    int wanted = feel.big || feel.busy ? 2 : 1;
    if (shape == FillShape::HalfBarToms || shape == FillShape::TimbaleFill)
        wanted = std::max(1, count / 2);
    return count - std::clamp(wanted, 1, count - 1);
}

QList<DrumHit> fillHits(FillShape shape, const QList<Pulse> &pulses, int firstPulse, const FillFeel &feel)
{
    if (firstPulse >= pulses.size())
        return {};
    switch (shape) {
    case FillShape::TomsDown: return tomsDown(grid(pulses, firstPulse, feel));
    case FillShape::SnareToms: return snareToms(grid(pulses, firstPulse, feel));
    case FillShape::HalfBarToms: return halfBarToms(grid(pulses, firstPulse, {feel.big, true, feel.swung}));
    case FillShape::TripletToms: return tripletToms(grid(pulses, firstPulse, feel, true));
    case FillShape::SnareRoll: return snareRoll(grid(pulses, firstPulse, {feel.big, true, feel.swung}));
    case FillShape::BrushSweep: return brushSweep(sweepGrid(pulses, firstPulse));
    case FillShape::RimFill: return rimFill(grid(pulses, firstPulse, {feel.big, true, feel.swung}));
    case FillShape::TimbaleFill: return timbaleFill(grid(pulses, firstPulse, {feel.big, true, feel.swung}));
    }
    return {};
}

QList<DrumHit> pickupHits(Pickup pickup, const QList<Pulse> &pulses, bool swung)
{
    if (pulses.isEmpty())
        return {};
    const Pulse &last = pulses.last();
    // The last off-beat before the bar line: a swung eighth, a straight one, or a compound
    // pulse's third eighth.
    const double offBeat = last.start + last.length * (last.compound ? 2 / 3.0 : (swung ? 2 / 3.0 : 0.5));
    switch (pickup) {
    case Pickup::None: return {};
    case Pickup::Kick: return {{offBeat, Kick, 92}};
    case Pickup::Snare: {
        const double before = last.start + last.length * (last.compound || swung ? 1 / 3.0 : 0.75);
        if (last.compound || swung)
            return {{before, Snare, 80}, {offBeat, Snare, 96}};
        return {{offBeat, Snare, 80}, {before, Snare, 96}};
    }
    }
    return {};
}

} // namespace aiband
