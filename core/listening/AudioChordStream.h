#pragma once

#include "AudioChordAnalysis.h"

#include <QtGlobal>

#include <memory>

namespace aiband {

class StreamingRecognizer;

// The recognizer fed incrementally, as audio arrives from a live input (issue 15 item 3).
// A beat is reported about 0.2 s after it sounds, and its chord twice: provisional (final false)
// about 0.2 s after the beat starts, from the quick chroma of its first frames, then final about
// 0.2 s after the beat ends, from the whole beat as the batch analysis reads it. Each chord covers
// one beat (consumers merge repeats). Before the tempo is known (the first 4 s without a tempo
// hint) there are no beats: provisional chords are reported where the harmony changes
// (beforeTempo), and the final chords of those seconds follow with the first beats (docs/MUSIC.md,
// "Chords from audio", streaming). Not thread-safe: one feeder.
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

    // What is known since the last call: new beats, chords (provisional and final, in the order
    // heard: a beat's final chord always comes before the next beat's provisional one), the
    // current tempo (0 while not known) and key guesses.
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
