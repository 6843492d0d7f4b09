// A fixed amount of engine work for valgrind --tool=callgrind, whose instruction counts repeat
// exactly from run to run (timings do not). PROFILE.md has the commands.
//
//   engine_profile song64 [N [STYLE [BARS]]]   renderSong of a 64-bar pop song (or BARS bars of
//                                              STYLE), bass + drums + keys, N times
//   engine_profile seed [N]                    renderSong of the seed example (2 parts), N times
//   engine_profile request [N]                 the seed example's JSON body validated by
//                                              parseGenerateRequest, then rendered, N times
//   engine_profile golden DIR                  writes the golden files: every built-in style,
//                                              seeds 1-3, 64 bars, every part (bass, drums,
//                                              keys, guitar, full), and the seed example
//
// An optimisation must leave every golden byte as it was: write the files before the change,
// again after it, and compare the folders (`cmp` each file, or `diff -r`).
//
// Render i uses the workload's seed + i, as bench_engine does (SeedCycle): N renders are N
// songs. It prints a hash (FNV-1a) of the files, so an optimisation can be checked to leave
// every byte as it was on these longer songs too (tests/tools/render_corpus covers styles and
// meters).
//
// Setup (style library, request parsing) is outside renderSong, so
// --toggle-collect='aiband::renderSong*' counts the engine alone; for "request",
// --toggle-collect='aiband::bench::handleRequest*' counts validation and rendering.

#include "Workloads.h"

#include "music/Engine.h"
#include "music/Style.h"
#include "music/TrackType.h"

#include <QDir>
#include <QFile>

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace aiband;

namespace aiband::bench {

// What the server does with a request body, short of storing the files. Not inlined, so that
// callgrind can count from its entry.
[[gnu::noinline]] RenderedSong handleRequest(const QJsonObject &body)
{
    const Result<GenerateRequest> request = parseGenerateRequest(body, builtInStyles());
    return request ? renderSong(request->arrangement) : RenderedSong{};
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

bool writeSong(const QDir &folder, const QString &id, const RenderedSong &song)
{
    for (const RenderedPart &part : song.parts) {
        if (!writeFile(folder.filePath(QStringLiteral("%1_%2.mid").arg(id, trackTypeName(part.type))), part.midi))
            return false;
    }
    return true;
}

// The golden files: what every style plays, in every part, for three seeds, and the seed example.
int writeGolden(const QString &path)
{
    const QDir folder(path);
    if (!QDir().mkpath(path)) {
        std::fprintf(stderr, "cannot create %s\n", qPrintable(path));
        return 1;
    }
    const QJsonArray allParts{QStringLiteral("bass"), QStringLiteral("drums"), QStringLiteral("keys"),
                              QStringLiteral("guitar"), QStringLiteral("full")};
    int files = 0;
    for (const Style &style : builtInStyles().styles()) {
        Arrangement arrangement = arrangementFor(songBody(style.name, 64, allParts));
        for (quint32 seed = 1; seed <= 3; ++seed) {
            arrangement.seed = seed;
            const RenderedSong song = renderSong(arrangement);
            if (!writeSong(folder, QStringLiteral("%1-s%2").arg(style.name).arg(seed), song))
                return 1;
            files += static_cast<int>(song.parts.size());
        }
    }
    Arrangement seedExample = seedExampleArrangement();
    for (quint32 seed = 1; seed <= 3; ++seed) {
        seedExample.seed = seed;
        const RenderedSong song = renderSong(seedExample);
        if (!writeSong(folder, QStringLiteral("seed_example-s%1").arg(seed), song))
            return 1;
        files += static_cast<int>(song.parts.size());
    }
    std::printf("%d files in %s\n", files, qPrintable(path));
    return 0;
}

} // namespace aiband::bench

int main(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], "golden") == 0)
        return bench::writeGolden(QString::fromLocal8Bit(argv[2]));
    const bool seed = argc >= 2 && std::strcmp(argv[1], "seed") == 0;
    const bool request = argc >= 2 && std::strcmp(argv[1], "request") == 0;
    if (argc < 2 || (!seed && !request && std::strcmp(argv[1], "song64") != 0)) {
        std::fprintf(stderr, "usage: engine_profile song64|seed|request [N [STYLE [BARS]]] | golden DIR\n");
        return 2;
    }
    const int count = argc > 2 ? std::atoi(argv[2]) : 1;
    const QString style = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral("pop");
    const int bars = argc > 4 ? std::atoi(argv[4]) : 64;
    Arrangement arrangement = seed || request ? bench::seedExampleArrangement()
                                             : bench::arrangementFor(bench::songBody(style, bars));
    bench::SeedCycle seeds(arrangement.seed);
    const QJsonObject body = bench::seedExampleBody();
    qsizetype bytes = 0;
    quint64 hash = 0xcbf29ce484222325ull;
    for (int i = 0; i < count; ++i) {
        arrangement.seed = seeds.next();
        // A request has no seed, so its bytes differ from run to run: only its size is printed.
        const RenderedSong song = request ? bench::handleRequest(body) : renderSong(arrangement);
        for (const RenderedPart &part : song.parts) {
            bytes += part.midi.size();
            for (char c : part.midi)
                hash = (hash ^ static_cast<quint8>(c)) * 0x100000001b3ull;
        }
    }
    std::printf("%d renders, %lld bytes, fnv1a %016llx\n", count, static_cast<long long>(bytes),
                static_cast<unsigned long long>(hash));
    return 0;
}
