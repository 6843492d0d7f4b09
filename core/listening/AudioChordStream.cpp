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

namespace aiband {

namespace {

constexpr double kCommitLag = 0.2;          // seconds of onsets after a beat before it is decided
constexpr double kTempoEvery = 1.0;         // seconds between tempo estimates
constexpr double kTempoFirst = 4.0;         // seconds of audio before the first estimate
constexpr double kTempoWindow = 12.0;       // seconds of onsets each estimate reads
constexpr int kKeyEvery = 8;                // chords between key estimates

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
            m_features.emplace(sampleRate, channels);
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
        updatePeriod();
        if (m_tracker.period() <= 0)
            return;
        const int available = static_cast<int>(m_strength.size());
        m_tracker.advance(m_strength, available);
        commitBeats(ending ? available + static_cast<int>(m_tracker.period()) : available - static_cast<int>(kCommitLag * framesPerSecond()), available);
        decideChords(ending);
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

    void updatePeriod()
    {
        const double fps = framesPerSecond();
        if (m_options.tempoBpm) {
            m_tracker.setPeriod(60.0 / *m_options.tempoBpm * fps);
            return;
        }
        const int available = static_cast<int>(m_features->onsets.size());
        if (available < kTempoFirst * fps || available - m_lastTempoAt < kTempoEvery * fps)
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

    // Each beat's chord, once the next beat is known and the chroma has reached it.
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
            if (!ending && (chroma.empty() || chroma.back().seconds < end))
                return;
            if (end > start)
                decideBeat(harmonyBetween(chroma, start, end), start, end);
            ++m_decided;
            // What lies before this beat is no longer needed.
            const auto keep = std::find_if(chroma.begin(), chroma.end(), [&](const ChromaFrame &f) { return f.seconds >= start; });
            chroma.erase(chroma.begin(), keep);
        }
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
                                               start, end - start, confidenceOf(scores, state)});
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
