// The audio chord recognizer's budgets (issue 15 item 4, docs/BENCHMARKS.md "Chords from audio"):
//   bench_audio_chords [--minutes N] [--stream]
// Synthesises N minutes (default 3) of stereo 44.1 kHz: strummed chords, bass, kick and snare
// at 104 BPM. Batch: the time analyzeAudio takes on this one thread, as times real time, and the
// process's peak RSS before and after (the input alone is N * 21 MB). --stream: the same audio
// pushed in 10 ms blocks, the processing time per block (median, p99, max) and how long after
// its time each beat and chord was reported.

#include "listening/AudioChordRecognizer.h"
#include "listening/AudioChordStream.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <new>
#include <numbers>

using namespace aiband;

// Heap use, counted by the global allocator: bytes live now and the most live since a reset, so
// the recognizer's own memory shows apart from the input's (FFTW's few buffers are not counted).
namespace {
std::size_t g_live = 0;
std::size_t g_peak = 0;
}

void *operator new(std::size_t size)
{
    auto *block = static_cast<std::size_t *>(std::malloc(size + sizeof(std::max_align_t)));
    if (!block)
        throw std::bad_alloc();
    *block = size;
    g_live += size;
    g_peak = std::max(g_peak, g_live);
    return reinterpret_cast<char *>(block) + sizeof(std::max_align_t);
}

void operator delete(void *pointer) noexcept
{
    if (!pointer)
        return;
    auto *block = reinterpret_cast<std::size_t *>(static_cast<char *>(pointer) - sizeof(std::max_align_t));
    g_live -= *block;
    std::free(block);
}

void operator delete(void *pointer, std::size_t) noexcept { operator delete(pointer); }

namespace {

// The most heap the code in between holds beyond what was live when it started, in MB.
struct HeapWatch {
    std::size_t base = (g_peak = g_live);
    double peakMb() const { return static_cast<double>(g_peak - base) / (1024.0 * 1024.0); }
};

constexpr int kRate = 44100;
constexpr double kBpm = 104;

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// A tone of six partials by rotating phasors (cheaper than a sine per sample), decaying.
void addTone(std::vector<float> &left, qint64 start, qint64 count, double midi, double level)
{
    const double hz = 440.0 * std::pow(2.0, (midi - 69.0) / 12.0);
    for (int h = 1; h <= 6; ++h) {
        const double step = 2 * std::numbers::pi * hz * h / kRate;
        const double c = std::cos(step), s = std::sin(step);
        double re = 1, im = 0, envelope = level / h;
        const double decay = std::exp(-1.0 / (0.8 * kRate));
        for (qint64 i = 0; i < count && start + i < static_cast<qint64>(left.size()); ++i) {
            left[static_cast<size_t>(start + i)] += static_cast<float>(im * envelope);
            const double next = re * c - im * s;
            im = re * s + im * c;
            re = next;
            envelope *= decay;
        }
    }
}

PcmBuffer song(double minutes)
{
    const qint64 frames = static_cast<qint64>(minutes * 60 * kRate);
    std::vector<float> mono(static_cast<size_t>(frames), 0.0f);
    const int progression[][4] = {{0, 4, 7, 11}, {9, 12, 16, 19}, {2, 5, 9, 12}, {7, 11, 14, 17}};
    const qint64 beat = static_cast<qint64>(60.0 / kBpm * kRate);
    quint64 noise = 1;
    for (qint64 b = 0; b * beat < frames; ++b) {
        const int *chord = progression[(b / 4) % 4];
        for (int i = 0; i < 4; ++i)
            addTone(mono, b * beat, beat, 60 + chord[i], 0.1);
        addTone(mono, b * beat, beat, 36 + chord[0] % 12, 0.2);
        for (qint64 i = 0; i < kRate / 10 && b * beat + i < frames; ++i) {
            const double t = static_cast<double>(i) / kRate;
            noise = noise * 6364136223846793005ULL + 1442695040888963407ULL;
            const double hiss = (b % 2 ? 0.3 : 0.0) * (static_cast<double>(noise >> 11) / 9007199254740992.0 * 2 - 1);
            mono[static_cast<size_t>(b * beat + i)] += static_cast<float>((0.5 * std::sin(2 * std::numbers::pi * 60 * t) + hiss) * std::exp(-t / 0.05));
        }
    }
    PcmBuffer audio{{}, kRate, 2};
    audio.samples.resize(static_cast<size_t>(frames) * 2);
    for (qint64 i = 0; i < frames; ++i) {
        audio.samples[static_cast<size_t>(2 * i)] = mono[static_cast<size_t>(i)];
        audio.samples[static_cast<size_t>(2 * i + 1)] = 0.9f * mono[static_cast<size_t>(i)];
    }
    return audio;
}

double percentile(std::vector<double> values, double share)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<size_t>(share * static_cast<double>(values.size() - 1))];
}

int runBatch(const PcmBuffer &audio, double minutes)
{
    const long before = peakRssKb();
    const HeapWatch heap;
    const auto start = std::chrono::steady_clock::now();
    const Result<AudioChordAnalysis> analysis = analyzeAudio(audio);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!analysis) {
        std::fprintf(stderr, "analyzeAudio: %s\n", qPrintable(analysis.error().message));
        return 1;
    }
    std::printf("batch: %.1f min stereo 44.1 kHz analysed in %.3f s = %.0fx real time (one thread)\n",
                minutes, seconds, minutes * 60 / seconds);
    std::printf("batch: heard %.2f BPM (played %.0f), %lld beats, %lld chords, key %s, tuning %+.1f cents\n",
                analysis->tempoBpm, kBpm, static_cast<long long>(analysis->beats.size()),
                static_cast<long long>(analysis->chords.size()), qPrintable(analysis->key.name()), analysis->tuningCents);
    std::printf("batch: heap held by the analysis at its peak %.1f MB beyond the input (%.0f MB); process peak RSS %ld MB\n",
                heap.peakMb(), static_cast<double>(audio.samples.size() * sizeof(float)) / (1024.0 * 1024.0), std::max(before, peakRssKb()) / 1024);
    return 0;
}

int runStream(const PcmBuffer &audio)
{
    const HeapWatch heap;
    constexpr qint64 kBlock = kRate / 100;   // 10 ms
    AudioChordStream stream(audio.sampleRate, audio.channels);
    constexpr double kWarmUp = 5.0;   // the first tempo estimate needs 4 s of audio
    std::vector<double> blockMs, beatLatency, warmUpLatency, chordLatency, warmUpChords;
    for (qint64 frame = 0; frame < audio.frames(); frame += kBlock) {
        const qint64 count = std::min(kBlock, audio.frames() - frame);
        const auto start = std::chrono::steady_clock::now();
        stream.push(audio.samples.data() + frame * 2, count);
        const AudioChordStream::Update update = stream.takeUpdate();
        blockMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        const double heard = stream.secondsHeard();
        for (const AudioBeat &beat : update.beats)
            (beat.seconds < kWarmUp ? warmUpLatency : beatLatency).push_back(heard - beat.seconds);
        for (const HeardAudioChord &chord : update.chords)
            (chord.startSeconds < kWarmUp ? warmUpChords : chordLatency).push_back(heard - chord.startSeconds - chord.durationSeconds);
    }
    std::printf("stream: processing per 10 ms block: median %.3f ms, p99 %.3f ms, max %.3f ms\n",
                percentile(blockMs, 0.5), percentile(blockMs, 0.99), percentile(blockMs, 1.0));
    std::printf("stream: beats reported %.0f ms (median) / %.0f ms (max) after they sound; the %zu of the first %.0f s "
                "once the tempo is known, up to %.0f ms\n",
                1000 * percentile(beatLatency, 0.5), 1000 * percentile(beatLatency, 1.0), warmUpLatency.size(), kWarmUp,
                1000 * percentile(warmUpLatency, 1.0));
    std::printf("stream: chords reported %.0f ms (median) / %.0f ms (max) after their beat ends; those of the first %.0f s "
                "up to %.0f ms\n",
                1000 * percentile(chordLatency, 0.5), 1000 * percentile(chordLatency, 1.0), kWarmUp, 1000 * percentile(warmUpChords, 1.0));
    std::printf("stream: heap held by the stream at its peak %.1f MB\n", heap.peakMb());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    double minutes = 3;
    bool streaming = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--minutes") && i + 1 < argc)
            minutes = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--stream"))
            streaming = true;
    }
    const PcmBuffer audio = song(minutes);
    return streaming ? runStream(audio) : runBatch(audio, minutes);
}
