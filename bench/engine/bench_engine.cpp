// Micro-benchmarks of the accompaniment engine (issue 7's budgets: a 64-bar, 3-part song in
// 200 µs of one core; the seed example in 20 µs; throughput that scales with cores).
//
//   bench_engine                                   the table on the terminal
//   bench_engine --benchmark_format=json --benchmark_out=out.json
//   bench_engine --benchmark_filter=RenderSong     any subset, by regular expression
//
// Every input is built before the timed loop; results go through benchmark::DoNotOptimize so
// the compiler cannot drop the work. Each iteration renders its song with the next seed of a
// fixed sequence (SeedCycle, in Workloads.h): every run renders the same songs, but not one song
// over and over, which branch predictors learn and real requests never are.

#include "Workloads.h"

#include "generation/GenerateRequest.h"
#include "music/Chord.h"
#include "music/ChordDetection.h"
#include "music/Engine.h"
#include "music/Generators.h"
#include "music/MidiFile.h"
#include "music/MidiReader.h"
#include "music/PartRegistry.h"
#include "music/SongPlan.h"
#include "music/Style.h"

#include <benchmark/benchmark.h>

#include <QJsonArray>
#include <QJsonDocument>

#include <array>
#include <string>
#include <vector>

using namespace aiband;
using namespace aiband::bench;

namespace {

// ---------------------------------------------------------------------------------------------
// Parsing

// Plain triads and sevenths as most requests send them, and the altered, parenthesised and
// slash spellings jazz charts use; the time is per symbol, averaged over the list.
const std::array<const char *, 24> kChordSymbols{
    "C", "Am", "F", "G", "Dm7", "G7", "Cmaj7", "Bb", "F#m", "E7", "Ab", "Em7",
    "G7alt", "A7b9", "E7#9", "C7(b9,#11)", "Bm7b5", "Db7#11", "G13b9", "Cm(maj7)",
    "F#7#5b9", "C6/9", "D/F#", "E7/G#"};

void BM_ParseChord(benchmark::State &state)
{
    QList<QString> symbols;
    for (const char *symbol : kChordSymbols) {
        symbols.append(QString::fromLatin1(symbol));
        if (!parseChord(symbols.last())) {
            state.SkipWithError("a benchmark chord symbol does not parse");
            return;
        }
    }
    qsizetype next = 0;
    for (auto _ : state) {
        Result<Chord> chord = parseChord(symbols[next]);
        benchmark::DoNotOptimize(chord);
        next = next + 1 == symbols.size() ? 0 : next + 1;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseChord);

// parseGenerateRequest of the seed example's body, already read as JSON (what the handler gets).
void BM_ParseRequest_SeedExample(benchmark::State &state)
{
    const QJsonObject body = seedExampleBody();
    const StyleLibrary &styles = builtInStyles();
    for (auto _ : state) {
        Result<GenerateRequest> request = parseGenerateRequest(body, styles);
        benchmark::DoNotOptimize(request);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseRequest_SeedExample);

// The same from the request's bytes: JSON text to a validated arrangement.
void BM_ParseRequest_SeedExampleBytes(benchmark::State &state)
{
    const QByteArray bytes(kSeedExampleJson);
    const StyleLibrary &styles = builtInStyles();
    for (auto _ : state) {
        Result<GenerateRequest> request = parseGenerateRequest(QJsonDocument::fromJson(bytes).object(), styles);
        benchmark::DoNotOptimize(request);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseRequest_SeedExampleBytes);

// A body with N chords as the plugin's client sends them ({"chord", "start_time", "duration"}
// objects, one a bar): validation's cost a chord, beside the whole body's.
void BM_ParseRequest_Chords(benchmark::State &state)
{
    QJsonArray chords;
    for (int i = 0; i < state.range(0); ++i)
        chords.append(QJsonObject{{QStringLiteral("chord"), QString::fromLatin1(kChordSymbols[i % 12])},
                                  {QStringLiteral("start_time"), i * 4.0},
                                  {QStringLiteral("duration"), 4.0}});
    const QJsonObject body{{QStringLiteral("chord_progression"),
                            QJsonObject{{QStringLiteral("chords"), chords}, {QStringLiteral("tempo"), 120}}},
                           {QStringLiteral("track_types"), QJsonArray{QStringLiteral("bass"), QStringLiteral("drums")}},
                           {QStringLiteral("plugin_id"), QStringLiteral("daw-1")}};
    const StyleLibrary &styles = builtInStyles();
    for (auto _ : state) {
        Result<GenerateRequest> request = parseGenerateRequest(body, styles);
        benchmark::DoNotOptimize(request);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ParseRequest_Chords)->Arg(4)->Arg(16)->Arg(64);

// ---------------------------------------------------------------------------------------------
// Each generator alone, on a 64-bar song (the plan is made once, as renderSong does)

using Generator = MidiPart (*)(const Arrangement &, const SongPlan &);

void BM_Generator(benchmark::State &state, Generator generate, const char *style)
{
    Arrangement arrangement = arrangementFor(songBody(QString::fromLatin1(style), 64));
    const SongPlan plan = planSong(arrangement, arrangement.style->phraseBars);  // seed-free
    SeedCycle seeds(arrangement.seed);
    size_t notes = 0;
    for (auto _ : state) {
        arrangement.seed = seeds.next();
        MidiPart part = generate(arrangement, plan);
        notes = part.notes.size();
        benchmark::DoNotOptimize(part);
    }
    state.counters["notes"] = static_cast<double>(notes);
    state.SetItemsProcessed(state.iterations() * 64);  // bars per second
}
BENCHMARK_CAPTURE(BM_Generator, bass_pop_64bars, partRow(TrackType::Bass).generate, "pop")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Generator, bass_jazz_swing_64bars, partRow(TrackType::Bass).generate, "jazz_swing")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Generator, drums_pop_64bars, partRow(TrackType::Drums).generate, "pop")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Generator, drums_jazz_swing_64bars, partRow(TrackType::Drums).generate, "jazz_swing")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Generator, keys_pop_64bars, partRow(TrackType::Keys).generate, "pop")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Generator, keys_jazz_swing_64bars, partRow(TrackType::Keys).generate, "jazz_swing")->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------------------------
// The SMF writer alone: the three parts of a 64-bar pop song into one file (as "full" does),
// 16 songs (seeds) in turn

void BM_WriteMidiFile(benchmark::State &state)
{
    Arrangement arrangement = arrangementFor(songBody(QStringLiteral("pop"), 64));
    const SongPlan plan = planSong(arrangement, arrangement.style->phraseBars);
    SeedCycle seeds(arrangement.seed);
    std::vector<MidiSong> songs(16);
    size_t notes = 0;
    for (MidiSong &song : songs) {
        arrangement.seed = seeds.next();
        song.title = QStringLiteral("AI Band Orchestrator - Band (Pop)");
        song.tempoBpm = arrangement.tempoBpm;
        song.timeSignature = arrangement.timeSignature;
        song.key = arrangement.key;
        song.endTick = beatsToTicks(plan.endBeat);
        for (const PartRow *part : partsInFile(partRow(TrackType::Full)))
            song.parts.push_back(part->generate(arrangement, plan));
        for (const MidiPart &part : song.parts)
            notes += part.notes.size();
    }
    size_t next = 0;
    qsizetype bytes = 0;
    for (auto _ : state) {
        QByteArray file = writeMidiFile(songs[next]);
        next = (next + 1) % songs.size();
        bytes += file.size();
        benchmark::DoNotOptimize(file);
    }
    state.counters["notes"] = static_cast<double>(notes) / songs.size();  // per song, on average
    state.SetBytesProcessed(bytes);
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(notes / songs.size()));  // notes per second
}
BENCHMARK(BM_WriteMidiFile)->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------------------------
// Whole songs: renderSong, plan to bytes

// Budget: 20 µs.
void BM_RenderSong_SeedExample(benchmark::State &state)
{
    Arrangement arrangement = seedExampleArrangement();
    SeedCycle seeds(arrangement.seed);
    for (auto _ : state) {
        arrangement.seed = seeds.next();
        RenderedSong song = renderSong(arrangement);
        benchmark::DoNotOptimize(song);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RenderSong_SeedExample)->Unit(benchmark::kMicrosecond);

// The seed example as the server sees it: the JSON body validated, then rendered (with the
// random seed the server picks when the body has none, as the seed example does not).
void BM_Request_SeedExample(benchmark::State &state)
{
    const QJsonObject body = seedExampleBody();
    const StyleLibrary &styles = builtInStyles();
    for (auto _ : state) {
        Result<GenerateRequest> request = parseGenerateRequest(body, styles);
        RenderedSong song = renderSong(request->arrangement);
        benchmark::DoNotOptimize(song);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Request_SeedExample)->Unit(benchmark::kMicrosecond);

// The built-in styles kStyleSongs has no song for: a new style must get one there, or the
// 64-bar benchmarks below would miss it.
QStringList stylesWithoutSong()
{
    QStringList missing;
    for (const Style &style : builtInStyles().styles()) {
        if (QLatin1String(styleSong(style.name).style) != style.name)
            missing.append(style.name);
    }
    return missing;
}

// Budget: 200 µs for 64 bars of bass, drums and keys (three files), in every built-in style
// (issue 18), each in its own meter over its song in Workloads.h.
void BM_RenderSong_64Bars(benchmark::State &state, const char *style)
{
    if (const QStringList missing = stylesWithoutSong(); !missing.isEmpty()) {
        state.SkipWithError(qPrintable(QStringLiteral("no song in kStyleSongs for ") + missing.join(QLatin1Char(' '))));
        return;
    }
    Arrangement arrangement = arrangementFor(songBody(QString::fromLatin1(style), 64));
    SeedCycle seeds(arrangement.seed);
    for (auto _ : state) {
        arrangement.seed = seeds.next();
        RenderedSong song = renderSong(arrangement);
        benchmark::DoNotOptimize(song);
    }
    state.SetItemsProcessed(state.iterations() * 64);  // bars per second
}
// One benchmark per style, named BM_RenderSong_64Bars/STYLE, registered here so that they run
// in this place of the sequence (after a 256-bar song, glibc's malloc behaves differently; see
// PROFILE.md). Static initialisers of one file run in order, BENCHMARK_CAPTUREs included.
[[maybe_unused]] const bool kRenderSong64BarsRegistered = [] {
    for (const StyleSong &song : kStyleSongs) {
        const std::string name = std::string("BM_RenderSong_64Bars/") + song.style;
        benchmark::RegisterBenchmark(name.c_str(), BM_RenderSong_64Bars, song.style)->Unit(benchmark::kMicrosecond);
    }
    return true;
}();

// Time against song length: a linear engine keeps bars per second flat.
// Budget (issue 14): the chords of a 64-bar song played on MIDI in 2 ms. The notes are the
// engine's own bass and keys for the style's sheet (64 bars, read back from the files), so the
// detector sees voicings, inversions, walking lines and comping as a player would send them.
void BM_DetectChords_64Bars(benchmark::State &state, const char *style)
{
    const QJsonObject body = songBody(QString::fromLatin1(style), 64, {QStringLiteral("bass"), QStringLiteral("keys")});
    const RenderedSong song = renderSong(arrangementFor(body));
    std::vector<PlayedNote> notes;
    for (const RenderedPart &part : song.parts) {
        const MidiSong read = readMidiFile(part.midi).value();
        for (const MidiPart &track : read.parts)
            for (const Note &note : track.notes)
                notes.push_back({double(note.startTick) / kTicksPerQuarter, double(note.durationTicks) / kTicksPerQuarter,
                                 note.pitch, note.velocity});
    }
    const ChordDetectionOptions options;
    for (auto _ : state) {
        ChordDetection detection = detectChords(notes, options);
        benchmark::DoNotOptimize(detection);
    }
    state.counters["notes"] = double(notes.size());
    state.SetItemsProcessed(state.iterations() * 64);  // bars per second
}
BENCHMARK_CAPTURE(BM_DetectChords_64Bars, pop, "pop")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DetectChords_64Bars, jazz_swing, "jazz_swing")->Unit(benchmark::kMicrosecond);

void BM_RenderSong_Length(benchmark::State &state)
{
    const int bars = static_cast<int>(state.range(0));
    Arrangement arrangement = arrangementFor(songBody(QStringLiteral("pop"), bars));
    SeedCycle seeds(arrangement.seed);
    for (auto _ : state) {
        arrangement.seed = seeds.next();
        RenderedSong song = renderSong(arrangement);
        benchmark::DoNotOptimize(song);
    }
    state.SetItemsProcessed(state.iterations() * bars);  // bars per second
}
BENCHMARK(BM_RenderSong_Length)->RangeMultiplier(2)->Range(8, 256)->Unit(benchmark::kMicrosecond);

// Throughput on several threads: each thread renders its own request (as the server's worker
// pool does), all sharing one style library. items_per_second is songs per second, all threads
// together, by the wall clock.
void BM_RenderSong_Throughput(benchmark::State &state)
{
    // Parsed once, before the threads start, one arrangement per thread.
    static const QList<Arrangement> arrangements = [] {
        QList<Arrangement> list;
        for (int i = 0; i < 8; ++i)
            list.append(arrangementFor(songBody(QStringLiteral("pop"), 64)));
        return list;
    }();
    Arrangement arrangement = arrangements[state.thread_index() % arrangements.size()];
    SeedCycle seeds(arrangement.seed + 100000u * static_cast<quint32>(state.thread_index()));
    for (auto _ : state) {
        arrangement.seed = seeds.next();
        RenderedSong song = renderSong(arrangement);
        benchmark::DoNotOptimize(song);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RenderSong_Throughput)->Threads(1)->Threads(2)->UseRealTime()->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
