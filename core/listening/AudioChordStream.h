#pragma once

#include "AudioChordAnalysis.h"

#include <QtGlobal>

#include <memory>

namespace aiband {

class StreamingRecognizer;

// The recognizer fed incrementally, as audio arrives from a live input (issue 15 item 3).
// Beats and chords are decided with a latency of at most the analysis window plus 250 ms of
// audio; each chord covers one beat (consumers merge repeats). Not thread-safe: one feeder.
class AudioChordStream {
public:
    AudioChordStream(int sampleRate, int channels, AudioAnalysisOptions options = {});
    ~AudioChordStream();
    AudioChordStream(AudioChordStream &&) noexcept;
    AudioChordStream &operator=(AudioChordStream &&) noexcept;

    // Interleaved samples; NaN and infinity count as 0. A bad format or hint (see analyzeAudio)
    // makes the stream ignore everything it is fed: check valid() after constructing it.
    void push(const float *interleaved, qint64 frames);

    // The end of the audio: decides the beats and chords still held back for lookahead. The
    // stream hears nothing after it.
    void finish();

    // What is known since the last call: new beats, chords decided, the current tempo/key guesses.
    struct Update {
        QList<AudioBeat> beats;
        QList<HeardAudioChord> chords;
        double tempoBpm = 0;
        Key key;
    };
    Update takeUpdate();
    double secondsHeard() const;
    bool valid() const;

private:
    std::unique_ptr<StreamingRecognizer> m_impl;
};

} // namespace aiband
