#include "GuitarHand.h"

#include <cmath>
#include <limits>

namespace aiband {
namespace {

constexpr double kPerFretMoved = 0.5;
constexpr double kPerSemitoneOnTop = 0.08;

// The mean of the fretted frets: where the hand is centred (1 for a shape of open strings).
double centreOf(const GuitarShape &shape)
{
    double sum = 0.0;
    int count = 0;
    for (int fret : shape.frets) {
        if (fret > 0) {
            sum += fret;
            ++count;
        }
    }
    return count > 0 ? sum / count : 1.0;
}

GuitarShape above(GuitarShape shape, int floorPitch)
{
    for (int string = 0; string < kGuitarStrings; ++string) {
        if (shape.sounds(string) && shape.pitch(string) <= floorPitch)
            shape.frets[string] = kMuted;
    }
    return shape;
}

} // namespace

double GuitarHand::travel(const GuitarShape &shape) const
{
    if (!m_placed)
        return 0.0;
    return std::abs(centreOf(shape) - m_centre) * kPerFretMoved
           + std::abs(shape.pitch(shape.highestString()) - m_top) * kPerSemitoneOnTop;
}

GuitarShape GuitarHand::place(const std::vector<ShapeCandidate> &candidates, int floorPitch)
{
    const ShapeCandidate *best = nullptr;
    const ShapeCandidate *cheapest = &candidates.front();
    double bestCost = std::numeric_limits<double>::max();
    for (const ShapeCandidate &candidate : candidates) {
        if (candidate.cost < cheapest->cost)
            cheapest = &candidate;
        if (candidate.shape.lowestPitch() <= floorPitch)
            continue;
        const double cost = candidate.cost + travel(candidate.shape);
        if (cost < bestCost) {
            bestCost = cost;
            best = &candidate;
        }
    }
    const GuitarShape shape = best ? best->shape : above(cheapest->shape, floorPitch);
    if (shape.soundingCount() > 0) {
        m_placed = true;
        m_centre = centreOf(shape);
        m_top = shape.pitch(shape.highestString());
    }
    return shape;
}

} // namespace aiband
