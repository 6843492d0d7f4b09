#include "AudioChordStream.h"

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
#include <limits>

namespace aiband {

namespace {

constexpr double kCommitLag = 0.2;          // seconds of onsets after a beat before it is decided
constexpr double kTempoEvery = 1.0;         // seconds between tempo estimates
constexpr double kTempoFirst = 4.0;         // seconds of audio before the first estimate
constexpr double kTempoWindow = 12.0;       // seconds of onsets each estimate reads
constexpr int kKeyEvery = 8;                // chords between key estimates
// A beat's provisional chord waits until the quick chroma has a frame this far into the beat
// (its window half in the beat): the guess then comes with the beat, about 0.2 s after it. A
// frame 30 ms further in agreed no better with the final chords on the benchmark's song and
// came 40 ms later.
constexpr double kGuessReach = 0.0;
// Before the tempo is known: the quick chroma is read this many frames (about 0.13 s) at a
// time, and the last seconds of it are kept for the first beat's guess once the tempo comes.
constexpr size_t kEarlyFrames = 3;
constexpr double kEarlyKeptSeconds = 1.5;
constexpr double kEarlyChangeCost = 3.0;    // as a change mid-bar (MeterDetection)
constexpr double kInfinity = std::numeric_limits<double>::infinity();

} // namespace

// The streaming recognizer: the batch one's features, tracker and decoder, decided as early as
// the latency budget allows (docs/MUSIC.md, "Chords from audio", streaming).
class StreamingRecognizer {
public:
    StreamingRecognizer(int sampleRate, int channels, AudioAnalysisOptions options)
        : m_options(std::move(options))
        , m_sampleRate(sampleRate)
    {
        if (checkAudioFormat(sampleRate, channels).ok() && checkAnalysisOptions(m_options).ok())
            m_features.emplace(sampleRate, channels, AudioFeatures::QuickChroma::Yes);
        if (m_options.key)
            m_key = *m_options.key;
        if (m_options.meter)
            m_meter.meter = *m_options.meter;
        m_transitions.emplace(m_vocabulary, m_options.key);
    }

    bool valid() const { return m_features.has_value(); }
    double secondsHeard() const { return valid() ? static_cast<double>(m_framesHeard) / m_sampleRate : 0.0; }

    void push(const float *interleaved, qint64 frames)
    {
        if (!valid() || m_finished || frames <= 0 || !interleaved)
            return;
        m_framesHeard += frames;
        m_features->push(interleaved, frames);
        digest(false);
    }

    void finish()
    {
        if (!valid() || m_finished)
            return;
        m_finished = true;
        m_features->finish();
        digest(true);
    }

    AudioChordStream::Update takeUpdate()
    {
        AudioChordStream::Update update = std::move(m_update);
        m_update = {};
        update.tempoBpm = m_options.tempoBpm ? *m_options.tempoBpm : tempoOfBeats(m_beatSeconds);
        update.key = m_key;
        return update;
    }

private:
    double framesPerSecond() const { return m_features->onsetFramesPerSecond(); }

    void digest(bool ending)
    {
        standardiseNewOnsets();
        updatePeriod(ending);
        if (m_tracker.period() <= 0) {
            hearBeforeTempo();
            return;
        }
        const int available = static_cast<int>(m_strength.size());
        m_tracker.advance(m_strength, available);
        commitBeats(ending ? available + static_cast<int>(m_tracker.period()) : available - static_cast<int>(kCommitLag * framesPerSecond()), available);
        decideChords(ending);
        if (!ending)
            guessCurrentBeat();
    }

    // Onset strength standardised by the mean and deviation heard so far.
    void standardiseNewOnsets()
    {
        const std::vector<float> &onsets = m_features->onsets;
        for (size_t i = m_strength.size(); i < onsets.size(); ++i) {
            m_sum += onsets[i];
            m_sumOfSquares += static_cast<double>(onsets[i]) * onsets[i];
            const double n = static_cast<double>(i + 1);
            const double mean = m_sum / n;
            const double deviation = std::sqrt(std::max(0.0, m_sumOfSquares / n - mean * mean));
            m_strength.push_back(deviation > 0 ? static_cast<float>((onsets[i] - mean) / deviation) : 0.0f);
        }
    }

    // Every second once 4 s are heard; at the end of a shorter stream, from what there is.
    void updatePeriod(bool ending)
    {
        const double fps = framesPerSecond();
        if (m_options.tempoBpm) {
            m_tracker.setPeriod(60.0 / *m_options.tempoBpm * fps);
            return;
        }
        const int available = static_cast<int>(m_features->onsets.size());
        const bool lastChance = ending && m_tracker.period() <= 0;
        if (!lastChance && (available < kTempoFirst * fps || available - m_lastTempoAt < kTempoEvery * fps))
            return;
        m_lastTempoAt = available;
        const int from = std::max(0, available - static_cast<int>(kTempoWindow * fps));
        const std::vector<float> recent(m_features->onsets.begin() + from, m_features->onsets.end());
        if (const auto period = estimateBeatPeriod(recent, fps))
            m_tracker.setPeriod(*period);
    }

    // Beats of the best sequence up to `until`, later than the last one decided by half a period.
    void commitBeats(int until, int available)
    {
        const float level = audibleLevel(m_sumOfSquares, static_cast<double>(m_strength.size()));
        for (int frame : m_tracker.beatsUpTo(available)) {
            if (frame > until)
                break;
            if (m_lastBeatFrame >= 0 && frame <= m_lastBeatFrame + m_tracker.period() / 2)
                continue;
            if (m_lastBeatFrame < 0 && !audibleBeat(m_features->onsets, frame, level))
                continue;   // the music has not started yet
            m_lastBeatFrame = frame;
            m_beatSeconds.push_back(frame / framesPerSecond());
            // Whether it starts a bar, by the meter heard in the beats decided so far.
            const int index = static_cast<int>(m_beatSeconds.size()) - 1;
            m_update.beats.append(AudioBeat{m_beatSeconds.back(), isDownbeat(index, m_meter)});
        }
    }

    // Each beat's final chord, once the next beat is known and the chroma has every frame the
    // beat's harmony reads (harmonyEnd): about 0.2 s after the beat ends.
    void decideChords(bool ending)
    {
        std::vector<ChromaFrame> &chroma = m_features->chroma;
        while (m_decided < m_beatSeconds.size()) {
            const double start = m_beatSeconds[m_decided];
            const bool last = m_decided + 1 == m_beatSeconds.size();
            if (last && !ending)
                return;
            const double end = last ? std::min(secondsHeard(), start + m_tracker.period() / framesPerSecond())
                                    : m_beatSeconds[m_decided + 1];
            if (!ending && !chromaReaches(chroma, harmonyEnd(start, end)))
                return;
            if (end > start)
                decideBeat(harmonyBetween(chroma, start, end), start, end);
            ++m_decided;
            // What lies before this beat is no longer needed.
            const auto keep = std::find_if(chroma.begin(), chroma.end(), [&](const ChromaFrame &f) { return f.seconds >= start; });
            chroma.erase(chroma.begin(), keep);
        }
    }

    // Whether every frame before `seconds` is in: the next frame to come is at or after it.
    bool chromaReaches(const std::vector<ChromaFrame> &chroma, double seconds) const
    {
        return !chroma.empty() && chroma.back().seconds + m_features->chromaHopSeconds() > seconds;
    }

    // The current beat's provisional chord, from the quick chroma of its first frames, as the
    // decoder would decide it now; its final chord follows when the beat is over.
    void guessCurrentBeat()
    {
        if (m_beatSeconds.empty())
            return;
        const size_t index = m_beatSeconds.size() - 1;
        if (index < m_decided || m_guessedUpTo > index)
            return;
        const double start = m_beatSeconds[index];
        std::vector<ChromaFrame> &quick = m_features->quickChroma;
        quick.erase(quick.begin(), std::find_if(quick.begin(), quick.end(), [&](const ChromaFrame &f) { return f.seconds >= start; }));
        if (quick.empty() || quick.back().seconds < start + kGuessReach)
            return;
        const BeatHarmony harmony = harmonyBetween(quick, start, kInfinity);
        m_quickLoudest = std::max(m_quickLoudest, harmony.energy);
        const ChordScores scores = chordScores(harmony, m_quickLoudest, m_vocabulary);
        const int state = m_decoder.peek(scores, *m_transitions, changeCostAt(static_cast<int>(index), m_meter));
        const double beatSeconds = m_tracker.period() / framesPerSecond();
        m_update.chords.append(HeardAudioChord{m_vocabulary.name(state, m_key), static_cast<double>(index), 1.0, start,
                                               beatSeconds, confidenceOf(scores, state), false, false});
        m_guessedUpTo = index + 1;
    }

    // Before the tempo is known there are no beats to read chords over: the quick chroma is read
    // a few frames at a time by a decoder of its own, and each change of chord it hears is
    // reported, provisional, from the strongest onset its newest frame's window hears. The
    // beats' final chords replace them once the tempo is known.
    void hearBeforeTempo()
    {
        std::vector<ChromaFrame> &quick = m_features->quickChroma;
        for (; m_earlyRead < quick.size(); ++m_earlyRead) {
            if (m_earlyRead + 1 < kEarlyFrames)
                continue;
            const std::vector<ChromaFrame> recent(quick.begin() + static_cast<std::ptrdiff_t>(m_earlyRead + 1 - kEarlyFrames),
                                                  quick.begin() + static_cast<std::ptrdiff_t>(m_earlyRead + 1));
            const BeatHarmony harmony = harmonyBetween(recent, recent.front().seconds, kInfinity);
            m_quickLoudest = std::max(m_quickLoudest, harmony.energy);
            const ChordScores scores = chordScores(harmony, m_quickLoudest, m_vocabulary);
            const int state = m_earlyDecoder.next(scores, *m_transitions, kEarlyChangeCost);
            if (state == m_earlyState)
                continue;
            m_earlyState = state;
            const double start = strongestOnsetNear(recent.back().seconds);
            m_update.chords.append(HeardAudioChord{m_vocabulary.name(state, m_key), 0, 0, start, 0,
                                                   confidenceOf(scores, state), false, true});
            m_earlyStart = start;
        }
        // Only the last seconds are kept, for the first beat's guess once the tempo comes.
        const auto keep = std::find_if(quick.begin(), quick.end(),
                                       [&](const ChromaFrame &f) { return f.seconds >= quick.back().seconds - kEarlyKeptSeconds; });
        m_earlyRead -= static_cast<size_t>(keep - quick.begin());
        quick.erase(quick.begin(), keep);
    }

    // The time of the strongest onset that a chroma frame centred at `centre` hears, after the
    // last early chord's: where a change it hears most likely began.
    double strongestOnsetNear(double centre) const
    {
        const std::vector<float> &onsets = m_features->onsets;
        const double fps = framesPerSecond();
        const double reach = m_features->chromaWindowSeconds() / 2;
        const int first = std::max({0, static_cast<int>(std::ceil((centre - reach) * fps)), static_cast<int>(std::floor(m_earlyStart * fps)) + 1});
        const int last = std::min(static_cast<int>(onsets.size()) - 1, static_cast<int>((centre + reach) * fps));
        int best = -1;
        for (int t = first; t <= last; ++t)
            if (best < 0 || onsets[static_cast<size_t>(t)] > onsets[static_cast<size_t>(best)])
                best = t;
        return best < 0 ? std::max(0.0, centre) : best / fps;
    }

    void decideBeat(const BeatHarmony &harmony, double start, double end)
    {
        m_loudest = std::max(m_loudest, harmony.energy);
        const ChordScores scores = chordScores(harmony, m_loudest, m_vocabulary);
        m_harmonies.push_back(harmony);
        const int index = static_cast<int>(m_decided);
        m_meter = guessMeter(m_harmonies, m_options.meter);
        const int state = m_decoder.next(scores, *m_transitions, changeCostAt(index, m_meter));
        m_update.chords.append(HeardAudioChord{m_vocabulary.name(state, m_key), static_cast<double>(index), 1.0,
                                               start, end - start, confidenceOf(scores, state), true, false});
        m_states.push_back(state);
        if (!m_options.key && m_states.size() % kKeyEvery == 0)
            updateKey();
    }

    void updateKey()
    {
        const Key key = detectKey(m_vocabulary.beatEvents(m_states));
        if (key == m_key)
            return;
        m_key = key;
        m_transitions.emplace(m_vocabulary, m_key);
    }

    AudioAnalysisOptions m_options;
    int m_sampleRate;
    std::optional<AudioFeatures> m_features;
    qint64 m_framesHeard = 0;
    bool m_finished = false;

    std::vector<float> m_strength;
    double m_sum = 0, m_sumOfSquares = 0;
    int m_lastTempoAt = 0;
    BeatTracker m_tracker;
    int m_lastBeatFrame = -1;
    std::vector<double> m_beatSeconds;

    const ChordVocabulary m_vocabulary;
    std::optional<ChordTransitions> m_transitions;
    OnlineChordDecoder m_decoder;
    size_t m_decided = 0;
    float m_loudest = 0;
    std::vector<BeatHarmony> m_harmonies;
    MeterGuess m_meter;
    std::vector<int> m_states;
    Key m_key;

    size_t m_guessedUpTo = 0;        // beats that have had their provisional chord (or final)
    float m_quickLoudest = 0;        // the loudest quick-chroma harmony so far (provisional N.C.)
    OnlineChordDecoder m_earlyDecoder;   // frame by frame, before the tempo is known
    size_t m_earlyRead = 0;          // quick-chroma frames read before the tempo was known
    int m_earlyState = -1;
    double m_earlyStart = -1;

    AudioChordStream::Update m_update;
};

AudioChordStream::AudioChordStream(int sampleRate, int channels, AudioAnalysisOptions options)
    : m_impl(std::make_unique<StreamingRecognizer>(sampleRate, channels, std::move(options)))
{
}

AudioChordStream::~AudioChordStream() = default;
AudioChordStream::AudioChordStream(AudioChordStream &&) noexcept = default;
AudioChordStream &AudioChordStream::operator=(AudioChordStream &&) noexcept = default;

void AudioChordStream::push(const float *interleaved, qint64 frames) { m_impl->push(interleaved, frames); }
void AudioChordStream::finish() { m_impl->finish(); }
AudioChordStream::Update AudioChordStream::takeUpdate() { return m_impl->takeUpdate(); }
double AudioChordStream::secondsHeard() const { return m_impl->secondsHeard(); }
bool AudioChordStream::valid() const { return m_impl->valid(); }

} // namespace aiband
