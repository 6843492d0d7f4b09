// A fixed amount of engine work for valgrind --tool=callgrind, whose instruction counts repeat
// exactly from run to run (timings do not). PROFILE.md has the commands.
//
//   engine_profile song64 [N [STYLE [BARS]]]   renderSong of a 64-bar pop song (or BARS bars of
//                                              STYLE), bass + drums + keys, N times
//   engine_profile seed [N]                    renderSong of the seed example (2 parts), N times
//
// It prints a hash (FNV-1a) of the files, so an optimisation can be checked to leave every byte
// as it was on these longer songs too (tests/tools/render_corpus covers styles and meters).
//
// Setup (style library, request parsing) is outside renderSong, so
// --toggle-collect='aiband::renderSong*' counts the engine alone.

#include "Workloads.h"

#include "music/Engine.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace aiband;

int main(int argc, char **argv)
{
    if (argc < 2 || (std::strcmp(argv[1], "song64") != 0 && std::strcmp(argv[1], "seed") != 0)) {
        std::fprintf(stderr, "usage: engine_profile song64|seed [N]\n");
        return 2;
    }
    const bool seed = std::strcmp(argv[1], "seed") == 0;
    const int count = argc > 2 ? std::atoi(argv[2]) : 1;
    const QString style = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral("pop");
    const int bars = argc > 4 ? std::atoi(argv[4]) : 64;
    const Arrangement arrangement = seed ? bench::seedExampleArrangement()
                                         : bench::arrangementFor(bench::songBody(style, bars));
    qsizetype bytes = 0;
    quint64 hash = 0xcbf29ce484222325ull;
    for (int i = 0; i < count; ++i) {
        const RenderedSong song = renderSong(arrangement);
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
