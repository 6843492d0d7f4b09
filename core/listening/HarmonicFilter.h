#pragma once

#include "SemitoneSpectrum.h"

#include <deque>
#include <optional>

namespace aiband {

// Harmonic/percussive separation by median filtering (Fitzgerald 2010) on semitone frames: a
// pitch that holds across frames survives the median over time, a drum hit that covers every
// pitch survives the median over pitch. Each frame keeps the share of its energy that looks
// harmonic (a soft mask, H² / (H² + P²)), so drums stay out of the chroma.
// The time median is centred: a frame comes out kLookahead frames after it went in. Before the
// first frame and after the last the filter hears silence, so a lone click is not a held note.
class HarmonicFilter {
public:
    static constexpr int kLookahead = 4;

    HarmonicFilter();

    // Feeds frame n; returns the harmonic part of frame n - kLookahead once it is known.
    std::optional<SemitoneFrame> push(const SemitoneFrame &frame);
    // At the end of the audio: the harmonic parts of the frames still held back, in order.
    std::vector<SemitoneFrame> finish();

private:
    SemitoneFrame harmonicPart(size_t index) const;

    std::deque<SemitoneFrame> m_frames;   // the 2 * kLookahead + 1 frames around the one due
    int m_pending = 0;                    // frames in m_frames not yet put out
};

} // namespace aiband
