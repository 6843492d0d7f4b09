#include "AudioChordRecognizer.h"

#include "AudioFeatures.h"
#include "AudioFormat.h"
#include "BeatTiming.h"
#include "BeatTracker.h"
#include "ChordDecoder.h"
#include "MeterDetection.h"
#include "TempoEstimation.h"
#include "music/KeyDetection.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aiband {

namespace {

constexpr qint64 kChunkFrames = 32768;   // fed in pieces, so memory stays bounded by the chunk
constexpr double kDefaultBpm = 120.0;

// A span of audio the chords are read over: one tracked beat, or a step of the fallback grid.
struct Span {
    double start = 0;
    double end = 0;
};

std::vector<float> standardised(const std::vector<float> &values, double &sumOfSquares)
{
    const double n = static_cast<double>(values.size());
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / std::max(1.0, n);
    sumOfSquares = 0;
    double variance = 0;
    for (float v : values) {
        sumOfSquares += static_cast<double>(v) * v;
        variance += (v - mean) * (v - mean) / std::max(1.0, n);
    }
    const double deviation = std::sqrt(variance);
    std::vector<float> out(values.size(), 0.0f);
    if (deviation > 0)
        for (size_t i = 0; i < values.size(); ++i)
            out[i] = static_cast<float>((values[i] - mean) / deviation);
    return out;
}

// The tracked beats, in seconds, without the extrapolated ones before and after the music.
std::vector<double> trackBeats(const std::vector<float> &onsets, double framesPerSecond, const AudioAnalysisOptions &options)
{
    double sumOfSquares = 0;
    const std::vector<float> strength = standardised(onsets, sumOfSquares);
    std::optional<double> period = estimateBeatPeriod(onsets, framesPerSecond);
    if (options.tempoBpm)
        period = 60.0 / *options.tempoBpm * framesPerSecond;
    if (!period)
        return {};
    BeatTracker tracker;
    tracker.setPeriod(*period);
    tracker.advance(strength, static_cast<int>(strength.size()));
    std::vector<int> frames = tracker.beatsUpTo(static_cast<int>(strength.size()));
    const float level = audibleLevel(sumOfSquares, static_cast<double>(onsets.size()));
    while (!frames.empty() && !audibleBeat(onsets, frames.front(), level))
        frames.erase(frames.begin());
    while (!frames.empty() && !audibleBeat(onsets, frames.back(), level))
        frames.pop_back();
    std::vector<double> seconds;
    for (int frame : frames)
        seconds.push_back(frame / framesPerSecond);
    return seconds;
}

std::vector<Span> spansOf(const std::vector<double> &beats, double bpm, double length)
{
    std::vector<Span> spans;
    if (beats.size() >= 2) {
        for (size_t i = 0; i + 1 < beats.size(); ++i)
            spans.push_back({beats[i], beats[i + 1]});
        spans.push_back({beats.back(), std::min(length, beats.back() + 60.0 / bpm)});
        if (spans.back().end <= spans.back().start)
            spans.pop_back();
        return spans;
    }
    // No beat to follow: a grid at the given (or a default) tempo, so chords are still read.
    const double step = 60.0 / bpm;
    for (double start = 0; start < length; start += step)
        spans.push_back({start, std::min(length, start + step)});
    if (spans.empty())
        spans.push_back({0, length});
    return spans;
}

QList<HeardAudioChord> mergedChords(const std::vector<int> &path, const std::vector<ChordScores> &scores,
                                    const std::vector<Span> &spans, const ChordVocabulary &vocabulary, const Key &key)
{
    QList<HeardAudioChord> chords;
    int lastState = -1;
    int beatsInChord = 0;
    for (size_t i = 0; i < path.size(); ++i) {
        const double confidence = confidenceOf(scores[i], path[i]);
        if (path[i] != lastState) {
            chords.append(HeardAudioChord{vocabulary.name(path[i], key), static_cast<double>(i), 0, spans[i].start, 0, 0, true, false});
            lastState = path[i];
            beatsInChord = 0;
        }
        HeardAudioChord &chord = chords.last();
        chord.durationBeats += 1;
        chord.durationSeconds = spans[i].end - chord.startSeconds;
        chord.confidence = (chord.confidence * beatsInChord + confidence) / (beatsInChord + 1);
        ++beatsInChord;
    }
    return chords;
}

} // namespace

Result<AudioChordAnalysis> analyzeAudio(const PcmBuffer &audio, const AudioAnalysisOptions &options)
{
    const Status format = checkAudioFormat(audio.sampleRate, audio.channels);
    if (!format)
        return format.error();
    const Status hints = checkAnalysisOptions(options);
    if (!hints)
        return hints.error();
    if (audio.samples.size() % static_cast<size_t>(audio.channels) != 0)
        return makeError(QStringLiteral("invalid_audio"),
                         QStringLiteral("%1 samples are not a whole number of %2-channel frames")
                             .arg(audio.samples.size()).arg(audio.channels));
    AudioChordAnalysis analysis;
    analysis.seconds = static_cast<double>(audio.frames()) / audio.sampleRate;

    AudioFeatures features(audio.sampleRate, audio.channels);
    for (qint64 frame = 0; frame < audio.frames(); frame += kChunkFrames)
        features.push(audio.samples.data() + frame * audio.channels, std::min(kChunkFrames, audio.frames() - frame));
    features.finish();
    analysis.tuningCents = features.tuningCents();

    const std::vector<double> beats = trackBeats(features.onsets, features.onsetFramesPerSecond(), options);
    const double trackedBpm = tempoOfBeats(beats);
    analysis.tempoBpm = options.tempoBpm ? *options.tempoBpm : trackedBpm;
    const std::vector<Span> spans = spansOf(beats, analysis.tempoBpm > 0 ? analysis.tempoBpm : kDefaultBpm, analysis.seconds);

    const ChordVocabulary vocabulary;
    std::vector<BeatHarmony> harmonies;
    std::vector<ChordScores> scores;
    float loudest = 0;
    for (const Span &span : spans) {
        harmonies.push_back(harmonyBetween(features.chroma, span.start, span.end));
        loudest = std::max(loudest, harmonies.back().energy);
        scores.push_back(chordScores(harmonies.back(), loudest, vocabulary));
    }
    const MeterGuess meter = guessMeter(beats.size() >= 2 ? harmonies : std::vector<BeatHarmony>{}, options.meter);
    analysis.meter = meter.meter;
    std::vector<double> changeCosts;
    for (size_t i = 0; i < spans.size(); ++i)
        changeCosts.push_back(changeCostAt(static_cast<int>(i), beats.size() >= 2 ? std::optional(meter) : std::nullopt));

    // Bars are known only where beats were tracked; without them each beat stands alone.
    std::vector<bool> downbeats;
    for (size_t i = 0; i < spans.size(); ++i)
        downbeats.push_back(beats.size() < 2 || isDownbeat(static_cast<int>(i), meter));
    const auto read = [&](const std::optional<Key> &key) {
        return seventhsHeardInTheBar(decodeChords(scores, ChordTransitions(vocabulary, key), changeCosts), scores, downbeats);
    };
    // Without a given key: read the chords, take their key, and read them again in it.
    std::vector<int> path = read(options.key);
    analysis.key = options.key ? *options.key : detectKey(vocabulary.beatEvents(path));
    if (!options.key)
        path = read(analysis.key);
    analysis.chords = mergedChords(path, scores, spans, vocabulary, analysis.key);

    for (size_t i = 0; i < beats.size(); ++i)
        analysis.beats.append(AudioBeat{beats[i], isDownbeat(static_cast<int>(i), meter)});
    return analysis;
}

} // namespace aiband
