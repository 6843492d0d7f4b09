#pragma once

#include "Chroma.h"
#include "Downsampler.h"
#include "Fft.h"
#include "HarmonicFilter.h"
#include "OnsetStrength.h"
#include "SemitoneSpectrum.h"
#include "TuningEstimator.h"

#include <QtGlobal>

#include <vector>

namespace aiband {

// The frame-level features of the recognizer, computed as audio arrives (the batch analysis
// feeds it everything at once): downsampled mono, then two short-time spectra of the same
// signal. The long one (4096 points, about 0.34 s at 12 kHz, hop 512) resolves bass notes; it
// gives the tuning estimate and, through the semitone spectrum and the harmonic filter, the
// bass and treble chroma. The short one (512 points, hop 128, about 10 ms) gives the onset
// strength the beat tracker reads.
class AudioFeatures {
public:
    static constexpr int kChromaFft = 4096;
    static constexpr int kChromaHop = 512;
    static constexpr int kOnsetFft = 512;
    static constexpr int kOnsetHop = 128;

    // Whether quickChroma is kept too (the stream's provisional chords read it; a recording not).
    enum class QuickChroma { No, Yes };

    AudioFeatures(int sampleRate, int channels, QuickChroma quick = QuickChroma::No);

    void push(const float *interleaved, qint64 frames);
    void finish();   // the end of the audio: the last frames, padded with silence

    double onsetFramesPerSecond() const { return m_rate / kOnsetHop; }
    double chromaHopSeconds() const { return kChromaHop / m_rate; }
    double chromaWindowSeconds() const { return kChromaFft / m_rate; }
    double tuningCents() const { return m_tuning.cents(); }

    // Appended in time order; the owner may erase what it has consumed from the front.
    std::vector<ChromaFrame> chroma;
    std::vector<float> onsets;   // onset k is centred at k * kOnsetHop samples of the 12 kHz signal
    // The same chroma frames before the harmonic filter: out HarmonicFilter::kLookahead frames
    // (about 0.17 s) sooner, drums not taken out. What a live stream's provisional chords read.
    std::vector<ChromaFrame> quickChroma;

private:
    void analyse(bool ending);
    void fillWindow(qint64 start, RealFft &fft, const std::vector<float> &window);
    void addChromaFrame(const SemitoneFrame &harmonic);

    Downsampler m_downsampler;
    double m_rate;
    RealFft m_chromaFft;
    RealFft m_onsetFft;
    std::vector<float> m_chromaWindow;
    std::vector<float> m_onsetWindow;
    SemitoneSpectrum m_semitones;
    TuningEstimator m_tuning;
    HarmonicFilter m_harmonic;
    OnsetStrength m_onsetStrength;
    std::vector<float> m_magnitudes;

    std::vector<float> m_signal;   // the 12 kHz signal from sample m_signalStart on
    qint64 m_signalStart = 0;
    qint64 m_nextChromaFrame = 0;
    qint64 m_nextOnsetFrame = 0;
    qint64 m_chromaFramesOut = 0;
    bool m_keepQuickChroma = false;
};

} // namespace aiband
