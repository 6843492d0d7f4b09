// The audio chord recognizer's budgets (issue 15 item 4, docs/BENCHMARKS.md "Chords from audio"):
//   bench_audio_chords [--minutes N] [--stream]
// Synthesises N minutes (default 3) of stereo 44.1 kHz: strummed chords, bass, kick and snare
// at 104 BPM. Batch: the time analyzeAudio takes on this one thread, as times real time, and the
// process's peak RSS before and after (the input alone is N * 21 MB). --stream: the same audio
// pushed in 10 ms blocks, the processing time per block (median, p99, max), how long after its
// time each beat and each provisional and final chord was reported, how long after each chord
// change the first report naming it came, and when the first chord and beat came.

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

// One chord report of the stream: when (seconds of audio pushed) and what.
struct Report {
    double heard = 0;
    HeardAudioChord chord;
};

struct Latencies {
    std::vector<double> warmUp, after;   // seconds; the first kWarmUp s of audio apart
};

constexpr double kWarmUp = 5.0;   // the first tempo estimate needs 4 s of audio

void printLatencies(const char *what, const Latencies &latencies)
{
    std::printf("stream: %s: %.0f ms median, %.0f ms p90, %.0f ms max (%zu); in the first %.0f s: %.0f ms median, %.0f ms max (%zu)\n",
                what, 1000 * percentile(latencies.after, 0.5), 1000 * percentile(latencies.after, 0.9),
                1000 * percentile(latencies.after, 1.0), latencies.after.size(), kWarmUp,
                1000 * percentile(latencies.warmUp, 0.5), 1000 * percentile(latencies.warmUp, 1.0), latencies.warmUp.size());
}

// Each change of the final chords (a beat whose final chord differs from the beat before's): how
// long after the beat started the first report naming that chord for that moment came, a
// provisional or a final one. What a player hears the band follow by.
Latencies changeLatencies(const std::vector<Report> &reports, double beatSeconds)
{
    std::vector<const HeardAudioChord *> finals;
    for (const Report &report : reports)
        if (report.chord.final)
            finals.push_back(&report.chord);
    Latencies latencies;
    for (size_t i = 0; i < finals.size(); ++i) {
        if (i > 0 && finals[i]->chord == finals[i - 1]->chord)
            continue;
        const double start = finals[i]->startSeconds;
        for (const Report &report : reports) {
            const double at = report.chord.startSeconds;
            if (report.chord.chord == finals[i]->chord && at >= start - 0.25 * beatSeconds && at < start + 0.75 * beatSeconds) {
                (start < kWarmUp ? latencies.warmUp : latencies.after).push_back(report.heard - start);
                break;
            }
        }
    }
    return latencies;
}

// How many provisional chords of beats named their beat's final chord.
double provisionalAgreement(const std::vector<Report> &reports)
{
    std::vector<const HeardAudioChord *> guesses;
    int agreeing = 0, compared = 0;
    for (const Report &report : reports) {
        if (!report.chord.final && !report.chord.beforeTempo)
            guesses.push_back(&report.chord);
        if (!report.chord.final)
            continue;
        for (const HeardAudioChord *guess : guesses)
            if (guess->startBeat == report.chord.startBeat) {
                ++compared;
                agreeing += guess->chord == report.chord.chord;
            }
    }
    return compared ? static_cast<double>(agreeing) / compared : 0;
}

int runStream(const PcmBuffer &audio)
{
    const HeapWatch heap;
    constexpr qint64 kBlock = kRate / 100;   // 10 ms
    AudioChordStream stream(audio.sampleRate, audio.channels);
    std::vector<double> blockMs;
    Latencies beats, provisional, finals;
    std::vector<Report> reports;
    double firstBeat = -1, firstChord = -1;
    for (qint64 frame = 0; frame < audio.frames(); frame += kBlock) {
        const qint64 count = std::min(kBlock, audio.frames() - frame);
        const auto start = std::chrono::steady_clock::now();
        stream.push(audio.samples.data() + frame * 2, count);
        const AudioChordStream::Update update = stream.takeUpdate();
        blockMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        const double heard = stream.secondsHeard();
        for (const AudioBeat &beat : update.beats) {
            (beat.seconds < kWarmUp ? beats.warmUp : beats.after).push_back(heard - beat.seconds);
            firstBeat = firstBeat < 0 ? heard : firstBeat;
        }
        for (const HeardAudioChord &chord : update.chords) {
            reports.push_back({heard, chord});
            firstChord = firstChord < 0 ? heard : firstChord;
            if (chord.beforeTempo)
                continue;
            Latencies &kind = chord.final ? finals : provisional;
            const double from = chord.final ? chord.startSeconds + chord.durationSeconds : chord.startSeconds;
            (chord.startSeconds < kWarmUp ? kind.warmUp : kind.after).push_back(heard - from);
        }
    }
    const double beatSeconds = 60.0 / kBpm;
    std::printf("stream: processing per 10 ms block: median %.3f ms, p99 %.3f ms, max %.3f ms\n",
                percentile(blockMs, 0.5), percentile(blockMs, 0.99), percentile(blockMs, 1.0));
    std::printf("stream: first chord reported at %.2f s of audio, first beat at %.2f s (the music starts at 0)\n", firstChord, firstBeat);
    printLatencies("beat reported after it sounds", beats);
    printLatencies("provisional chord reported after its beat starts", provisional);
    printLatencies("final chord reported after its beat ends", finals);
    printLatencies("chord change first reported (either kind) after it sounds", changeLatencies(reports, beatSeconds));
    std::printf("stream: provisional chords naming their beat's final chord: %.1f %%\n", 100 * provisionalAgreement(reports));
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
