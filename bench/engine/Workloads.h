#pragma once

// The songs the engine benchmarks and the profiling driver play, built the way the server builds
// them: a JSON body through parseGenerateRequest, with the built-in styles (":/styles").

#include "generation/GenerateRequest.h"
#include "music/StyleLibrary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstdlib>

namespace aiband::bench {

// The seed example of the original issue (tests/data/seed_example.json): C Am F G, two beats
// each, bass and drums, eight beats. It has no seed, so the server picks one per request.
inline constexpr char kSeedExampleJson[] = R"({
  "chord_progression": {
    "chords": [
      {"chord": "C", "start_time": 0.0, "duration": 2.0},
      {"chord": "Am", "start_time": 2.0, "duration": 2.0},
      {"chord": "F", "start_time": 4.0, "duration": 2.0},
      {"chord": "G", "start_time": 6.0, "duration": 2.0}
    ],
    "tempo": 120,
    "key": "C",
    "duration": 8.0
  },
  "track_types": ["bass", "drums"],
  "plugin_id": "my-plugin"
})";

// The song each built-in style is benchmarked on: changes that style would be played over, in
// a key that suits them. The meter is the style's own (the body names none). pop, jazz_swing and
// funk keep the sheets and keys of the earlier figures (PROFILE.md) so that those still compare.
struct StyleSong {
    const char *style;
    const char *sheet;  // shorter sheets loop to the song's length
    const char *key;
};

inline constexpr char kPopSheet[] = "C | Am | F | G";
inline constexpr char kJazzSheet[] = "Dm9 | G13 | Cmaj9 | A7b9 | Dm7 | G7alt | C6/9 | Bm7b5 E7#9";

inline constexpr StyleSong kStyleSongs[] = {
    {"pop", kPopSheet, "C"},
    {"jazz_swing", kJazzSheet, "C"},
    {"funk", "E9 | E9 | A9 | E9 | B7#9 | A9 | E9 | B7#9", "E"},
    {"ballad_68", "C | Em/B | Am | F | C/G | F | G7sus4 | G7", "C"},
    {"blues_shuffle", "A7 | D7 | A7 | A7 | D7 | D7 | A7 | A7 | E7 | D7 | A7 | E7", "A"},
    {"bossa_nova", "Fmaj7 | Fmaj7 | G7 | G7 | Gm7 | C7b9 | Fmaj7 | Gb7", "F"},
    {"country", "G | G | C | C | D | D7 | G | G", "G"},
    {"disco", "Am7 | Am7 | Dm9 | Dm9 | Fmaj7 | G | Am7 | E7", "Am"},
    {"hiphop", "Am9 | Am9 | Dm7 | Dm7 | Fmaj7 | Fmaj7 | E7#9 | E7#9", "Am"},
    {"jazz_ballad", kJazzSheet, "C"},
    {"metal", "Em | Em | C | D | Em | Em | C5 | B5", "Em"},
    {"reggae", "Am | G | F | G", "C"},
    {"rock", "E | D | A | E | E | D | A | B", "E"},
    {"salsa", "Cm | G7 | G7 | Cm | Cm | Fm | G7 | Cm", "Cm"},
    {"samba", "Dm7 | G7 | Cmaj7 | Cmaj7 | Em7b5 | A7b9 | Dm7 | G7", "C"},
    {"waltz", "C | C | G7 | G7 | G7 | G7 | C | C", "C"},
};

// The song for a style (pop's for a style not in the table, such as a user's).
inline const StyleSong &styleSong(const QString &style)
{
    for (const StyleSong &song : kStyleSongs) {
        if (style == QLatin1String(song.style))
            return song;
    }
    return kStyleSongs[0];
}

inline const StyleLibrary &builtInStyles()
{
    static const StyleLibrary library = StyleLibrary::load({QString::fromLatin1(StyleLibrary::kBuiltInFolder)});
    return library;
}

inline QJsonObject seedExampleBody()
{
    return QJsonDocument::fromJson(QByteArray(kSeedExampleJson)).object();
}

// A song of `bars` bars in `style`: its song (kStyleSongs), its meter, a fixed seed, the default feel.
inline QJsonObject songBody(const QString &style, int bars,
                            const QJsonArray &parts = {QStringLiteral("bass"), QStringLiteral("drums"),
                                                       QStringLiteral("keys")})
{
    return QJsonObject{
        {QStringLiteral("chord_progression"),
         QJsonObject{{QStringLiteral("chords"), QString::fromLatin1(styleSong(style).sheet)},
                     {QStringLiteral("key"), QString::fromLatin1(styleSong(style).key)},
                     {QStringLiteral("bars"), bars}}},
        {QStringLiteral("style"), style},
        {QStringLiteral("seed"), 20240607},
        {QStringLiteral("track_types"), parts},
    };
}

// A request the benchmarks rely on must parse; a broken one stops the program with the reason.
inline Arrangement arrangementFor(const QJsonObject &body)
{
    Result<GenerateRequest> request = parseGenerateRequest(body, builtInStyles());
    if (!request) {
        std::fprintf(stderr, "benchmark request refused: %s\n", qPrintable(request.error().message));
        std::abort();
    }
    return request->arrangement;
}

// Seeds for successive renders of one song: the same sequence on every run, a different seed
// on every call. Rendering one seed over and over lets the CPU's branch predictors learn the
// song (every optional hit and humanized note takes the same branches each time), which made a
// 64-bar render look a third faster than a server's, whose requests differ.
class SeedCycle {
public:
    explicit SeedCycle(quint32 first) : m_first(first) {}
    quint32 next() { return m_first + (m_count++ % 4096); }

private:
    quint32 m_first;
    quint32 m_count = 0;
};

// The seed example with a fixed seed, so every run renders the same notes.
inline Arrangement seedExampleArrangement()
{
    Arrangement arrangement = arrangementFor(seedExampleBody());
    arrangement.seed = 20240607;
    return arrangement;
}

} // namespace aiband::bench
