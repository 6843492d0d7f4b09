// GET /api/files from a takes folder of 100,000 files (issue 18): what the server's thread does
// for one page (the index's page, the page's rows read from the takes index, the answer
// serialised), the first page and one deep in the folder, and how long prepare() takes to read the
// folder at start. And what a take costs on this disk (issue 18, item 1): the disk's floor for
// making one small file durable (create, write, fdatasync, rename), against a take of two parts
// written by the store with durable writes on and off.
//
// Usage: [AIBAND_BENCH_FILES=N] [AIBAND_BENCH_FOLDER=DIR] bench_files [Google Benchmark flags]. The
// folder is made once, with a real index row per file, in a temporary directory; with
// AIBAND_BENCH_FOLDER in DIR, filled up to N takes if it holds fewer and kept, so that later runs
// (and callgrind, under which making 100,000 takes would take hours) read it as it is. The take
// benchmarks write in a folder under the current directory (run it from the build folder: the
// checkout's disk, not a tmpfs).
//
// One answer's instructions, whatever the machine's load: bench/files/page_instructions.py runs
// this under callgrind, counting inside filesPageAnswer or midiListAnswer only.

#include "files/FileStore.h"
#include "server/FileListing.h"
#include "util/CompactJson.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QUrl>

#include <QDir>
#include <QFile>

#include <fcntl.h>
#include <optional>
#include <unistd.h>

using namespace aiband;

namespace {

int g_fileCount = 100000;
QTemporaryDir *g_temporaryFolder = nullptr;

// A real take's metadata: what a pop take of bass, drums and keys stores for its bass (about
// 1 KB in the index, as in GET /api/files), so a page reads and writes as much as a real one.
FileMetadata sidecarLike()
{
    const QJsonObject feel{{QStringLiteral("complexity"), 0.5}, {QStringLiteral("count_in"), 0},
                           {QStringLiteral("ending"), false},    {QStringLiteral("fills"), true},
                           {QStringLiteral("humanize"), 0.4},    {QStringLiteral("intensity"), 0.5},
                           {QStringLiteral("intro"), 0},         {QStringLiteral("swing_ratio"), 0.65}};
    const QJsonArray parts{QStringLiteral("bass"), QStringLiteral("drums"), QStringLiteral("keys")};
    const qint64 seed = 1898618753;
    FileMetadata metadata;
    metadata.request = QJsonObject{
        {QStringLiteral("chord_progression"),
         QJsonObject{{QStringLiteral("chords"), QStringLiteral("C | Am | F | G")}, {QStringLiteral("tempo"), 96}}},
        {QStringLiteral("plugin_id"), QStringLiteral("daw-1")},
        {QStringLiteral("style"), QStringLiteral("pop")},
        {QStringLiteral("swing"), 0.6},
        {QStringLiteral("track_types"), parts}};
    metadata.arrangementText = compactJson(QJsonObject{
        {QStringLiteral("bars"), 4},
        {QStringLiteral("chord_count"), 4},
        {QStringLiteral("defaults_used"),
         QJsonObject{{QStringLiteral("complexity"), 0.5}, {QStringLiteral("duration"), 16}, {QStringLiteral("humanize"), 0.4},
                     {QStringLiteral("intensity"), 0.5}, {QStringLiteral("key"), QStringLiteral("C")},
                     {QStringLiteral("seed"), seed}, {QStringLiteral("time_signature"), QStringLiteral("4/4")}}},
        {QStringLiteral("duration_beats"), 16},
        {QStringLiteral("feel"), feel},
        {QStringLiteral("file_length_beats"), 16},
        {QStringLiteral("key"), QStringLiteral("C")},
        {QStringLiteral("key_guessed"), true},
        {QStringLiteral("music_start_beat"), 0},
        {QStringLiteral("seed"), seed},
        {QStringLiteral("style"), QStringLiteral("pop")},
        {QStringLiteral("tempo"), 96},
        {QStringLiteral("time_signature"), QStringLiteral("4/4")},
        {QStringLiteral("time_unit"), QStringLiteral("beats")},
        {QStringLiteral("track_types"), parts}});
    metadata.style = QStringLiteral("pop");
    metadata.feelText = compactJson(feel);
    metadata.seed = static_cast<quint32>(seed);
    metadata.pluginId = QStringLiteral("daw-1");
    metadata.requestId = QStringLiteral("gen-1");
    metadata.trackType = QStringLiteral("bass");
    metadata.key = QStringLiteral("C");
    metadata.tempoBpm = 96;
    metadata.bars = 4;
    metadata.generationMs = 0.179577;
    return metadata;
}

// g_fileCount takes of one bass part each (without syncing: the figure is the reading).
void fillFolder(const QString &path)
{
    FileStore writer(path, false);
    (void)writer.prepare();
    const QByteArray bytes(240, 'x');   // a bass part's size
    for (int i = writer.count(); i < g_fileCount; ++i)
        (void)writer.write({QStringLiteral("bass"), QStringLiteral("C"), 96}, bytes, sidecarLike());
}

// The folder every benchmark reads: AIBAND_BENCH_FOLDER's (filled when it holds fewer takes than
// asked), or a temporary one made once.
QString makeFolder()
{
    QString path = qEnvironmentVariable("AIBAND_BENCH_FOLDER");
    if (path.isEmpty()) {
        g_temporaryFolder = new QTemporaryDir;
        path = g_temporaryFolder->path();
    }
    QDir().mkpath(path);
    fillFolder(path);
    return path;
}

const QString &folder()
{
    static const QString path = makeFolder();
    return path;
}

FileStore &preparedStore()
{
    static FileStore store(folder(), false);
    static const bool prepared = store.prepare().ok();
    (void)prepared;
    return store;
}

// The cursor of the page that starts `depth` files from the newest.
std::optional<FileCursor> cursorAt(const FileStore &store, qsizetype depth)
{
    if (depth == 0)
        return std::nullopt;
    return store.page(std::nullopt, depth).next;
}

// One GET /api/files page's body as the handler builds it and jsonReply() sends it. Not
// inlined: callgrind counts its instructions (--toggle-collect).
[[gnu::noinline]] QByteArray filesPageAnswer(const FileStore &store, const std::optional<FileCursor> &after,
                                             qsizetype limit, const QUrl &base)
{
    return filesPageText(store, store.page(after, limit), base);
}

void BM_FilesPage(benchmark::State &state)
{
    const FileStore &store = preparedStore();
    const qsizetype limit = state.range(0);
    const std::optional<FileCursor> after = cursorAt(store, state.range(1));
    const QUrl base(QStringLiteral("http://127.0.0.1:8000"));
    qsizetype bytes = 0;
    for (auto _ : state) {
        const QByteArray body = filesPageAnswer(store, after, limit, base);
        bytes = body.size();
        benchmark::DoNotOptimize(body.data());
    }
    state.counters["files"] = static_cast<double>(store.count());
    state.counters["answer_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_FilesPage)->Args({100, 0})->Args({100, 50000})->Args({1000, 0})->Unit(benchmark::kMillisecond);

// The index alone: the page's entries, without sidecars or JSON.
void BM_IndexPage(benchmark::State &state)
{
    const FileStore &store = preparedStore();
    const std::optional<FileCursor> after = cursorAt(store, state.range(1));
    for (auto _ : state)
        benchmark::DoNotOptimize(store.page(after, state.range(0)).files.size());
}
BENCHMARK(BM_IndexPage)->Args({100, 0})->Args({100, 50000})->Unit(benchmark::kMicrosecond);

// GET /api/midi/list's default page of 1000 (no sidecars), as jsonReply() sends it.
[[gnu::noinline]] QByteArray midiListAnswer(const FileStore &store, const QUrl &base)
{
    return midiListText(store.page(std::nullopt, 1000), base);
}

void BM_MidiList(benchmark::State &state)
{
    const FileStore &store = preparedStore();
    const QUrl base(QStringLiteral("http://127.0.0.1:8000"));
    for (auto _ : state)
        benchmark::DoNotOptimize(midiListAnswer(store, base).size());
}
BENCHMARK(BM_MidiList)->Unit(benchmark::kMillisecond);

// GET /health's files_count.
void BM_Count(benchmark::State &state)
{
    const FileStore &store = preparedStore();
    for (auto _ : state)
        benchmark::DoNotOptimize(store.count());
}
BENCHMARK(BM_Count)->Unit(benchmark::kNanosecond);

// Reading the folder into the index, as start() does (before the server listens).
void BM_PrepareIndex(benchmark::State &state)
{
    const QString &path = folder();
    for (auto _ : state) {
        FileStore store(path, false);
        benchmark::DoNotOptimize(store.prepare().ok());
    }
}
BENCHMARK(BM_PrepareIndex)->Iterations(3)->Unit(benchmark::kMillisecond);

// A full cleanup pass's reconcile (worker thread, maintenance clock): one stat per file.
void BM_Reconcile(benchmark::State &state)
{
    FileStore &store = preparedStore();
    for (auto _ : state)
        store.reconcile();
}
BENCHMARK(BM_Reconcile)->Iterations(3)->Unit(benchmark::kMillisecond);

// The disk's floor: one new small file made durable the plain POSIX way (no folder sync).
void BM_DiskFloor(benchmark::State &state)
{
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-floor-XXXXXX"));
    const QByteArray bytes(240, 'x');
    int i = 0;
    for (auto _ : state) {
        const QByteArray aside = QFile::encodeName(dir.filePath(QStringLiteral(".floor-%1.partial").arg(i)));
        const QByteArray target = QFile::encodeName(dir.filePath(QStringLiteral("floor-%1.mid").arg(i)));
        const int fd = ::open(aside.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 || ::write(fd, bytes.constData(), bytes.size()) != bytes.size() || ::fdatasync(fd) != 0
            || ::close(fd) != 0 || ::rename(aside.constData(), target.constData()) != 0) {
            state.SkipWithError("cannot write in the current directory");
            return;
        }
        ++i;
    }
}
BENCHMARK(BM_DiskFloor)->Unit(benchmark::kMillisecond)->UseRealTime();

// A take of two parts (bass and drums) through FileStore::writeTake: durable (1) or not (0).
void BM_Take(benchmark::State &state)
{
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-take-XXXXXX"));
    FileStore store(dir.path(), state.range(0) != 0);
    (void)store.prepare();
    const QByteArray bass(240, 'b');
    const QByteArray drums(600, 'd');
    FileMetadata drumsMetadata = sidecarLike();
    drumsMetadata.trackType = QStringLiteral("drums");
    for (auto _ : state) {
        const auto take = store.writeTake({TakePart{{QStringLiteral("bass"), QStringLiteral("C"), 120}, bass, sidecarLike()},
                                           TakePart{{QStringLiteral("drums"), QStringLiteral("C"), 120}, drums, drumsMetadata}});
        if (!take) {
            state.SkipWithError("the take was not written");
            return;
        }
        for (const StoredFile &file : *take)
            store.unpin(file.name);   // as the caller does once the take is published
    }
}
BENCHMARK(BM_Take)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_LOGGING_RULES", "aiband.*.debug=false");   // not a line per file written
    QCoreApplication app(argc, argv);
    if (const QByteArray count = qgetenv("AIBAND_BENCH_FILES"); !count.isEmpty())
        g_fileCount = count.toInt();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    delete g_temporaryFolder;
    return 0;
}
