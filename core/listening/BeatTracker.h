#pragma once

#include <vector>

namespace aiband {

// Beat tracking by dynamic programming (Ellis 2007): every onset frame t gets the best score of
// a beat sequence ending there, its onset strength plus the best predecessor's score less a
// penalty for departing from the beat period, tightness * log(interval / period)². Beats are
// read back from the best recent end. Runs incrementally: advance() scores new frames with the
// current period, so the same tracker serves a recording and a live stream.
class BeatTracker {
public:
    void setPeriod(double periodFrames) { m_period = periodFrames; }
    double period() const { return m_period; }

    // Scores frames [scored(), end) of `strength` (normalised onset strength, all frames from 0).
    void advance(const std::vector<float> &strength, int end);
    int scored() const { return static_cast<int>(m_score.size()); }

    // The frames of the best beat sequence whose last beat lies within one period of `end`.
    std::vector<int> beatsUpTo(int end) const;

private:
    double m_period = 0;
    std::vector<double> m_score;
    std::vector<int> m_previous;   // the beat before frame t's beat on its best sequence, or -1
};

} // namespace aiband
