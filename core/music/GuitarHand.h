#pragma once

#include "GuitarShapes.h"

#include <vector>

namespace aiband {

// Where the fretting hand goes from chord to chord: voice leading by hand position. Each chord
// takes the candidate that costs least for itself plus the distance the hand travels from the
// previous shape (and the top note's leap), among those whose lowest note is above `floorPitch`
// (the bass part's highest note under the chord), so the guitar stays above the bass.
class GuitarHand {
public:
    // `candidates` must not be empty. When none lies above the floor, the best shape keeps only
    // its strings above it.
    GuitarShape place(const std::vector<ShapeCandidate> &candidates, int floorPitch);

private:
    double travel(const GuitarShape &shape) const;

    bool m_placed = false;
    double m_centre = 0.0;   // the previous shape's mean fretted fret
    int m_top = 0;           // and its highest pitch
};

} // namespace aiband
