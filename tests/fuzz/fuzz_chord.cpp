// Fuzz target: the chord grammar (parseChord, the quality suffixes, parseChordSheet).
// Invariants checked, not just "no crash":
// - a chord that reads has sane fields (pitch classes 0-11; intervals ascending, unique, with 0),
//   and its canonical name reads back as the same chord and is its own canonical name;
// - a failure is an "unknown_chord" error with a message;
// - a chord sheet that reads has events in order, each with a positive length, back to back.

#include "FuzzSupport.h"
#include "music/Chord.h"
#include "music/ChordSheet.h"

#include <QString>

#include <cmath>
#include <cstddef>
#include <cstdint>

using namespace aiband;

namespace {

void checkChord(const QString &symbol)
{
    const Result<Chord> chord = parseChord(symbol);
    if (!chord) {
        FUZZ_CHECK(chord.error().code == QLatin1String("unknown_chord"), symbol + QStringLiteral(" -> ") + chord.error().code);
        FUZZ_CHECK(!chord.error().message.isEmpty(), symbol);
        return;
    }
    const QString canonical = chord->canonical();
    FUZZ_CHECK(!canonical.isEmpty(), symbol);
    if (!chord->noChord) {
        FUZZ_CHECK(chord->root >= 0 && chord->root < 12, symbol);
        FUZZ_CHECK(chord->bass >= 0 && chord->bass < 12, symbol);
        FUZZ_CHECK(!chord->intervals.isEmpty() && chord->intervals.front() == 0, symbol);
        for (qsizetype i = 1; i < chord->intervals.size(); ++i)
            FUZZ_CHECK(chord->intervals[i - 1] < chord->intervals[i], symbol);
        for (int pitchClass : chord->pitchClasses())
            FUZZ_CHECK(pitchClass >= 0 && pitchClass < 12, symbol);
        for (int pitchClass : chord->chordScale())
            FUZZ_CHECK(pitchClass >= 0 && pitchClass < 12, symbol);
        FUZZ_CHECK(!chord->chordScale().isEmpty(), symbol);
    }

    const Result<Chord> again = parseChord(canonical);
    FUZZ_CHECK(again.ok(), symbol + QStringLiteral(" canonical ") + canonical + QStringLiteral(" does not read: ")
                               + (again.ok() ? QString() : again.error().message));
    FUZZ_CHECK(again->canonical() == canonical, symbol + QStringLiteral(": ") + canonical + QStringLiteral(" -> ") + again->canonical());
    FUZZ_CHECK(again->noChord == chord->noChord, symbol);
    FUZZ_CHECK(again->root == chord->root && again->bass == chord->bass, symbol + QStringLiteral(" vs ") + canonical);
    FUZZ_CHECK(again->intervals == chord->intervals, symbol + QStringLiteral(" vs ") + canonical);
}

void checkSheet(const QString &text, double beatsPerBar)
{
    const Result<QList<ChordEvent>> events = parseChordSheet(text, beatsPerBar);
    if (!events) {
        FUZZ_CHECK(!events.error().message.isEmpty(), text);
        return;
    }
    double expectedStart = 0.0;
    for (const ChordEvent &event : *events) {
        FUZZ_CHECK(std::isfinite(event.startBeat) && std::isfinite(event.durationBeats), text);
        FUZZ_CHECK(event.durationBeats > 0.0, text);
        FUZZ_CHECK(std::abs(event.startBeat - expectedStart) < 1e-6, text);
        expectedStart = event.startBeat + event.durationBeats;
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::startQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;   // a chord sheet longer than a song tells us nothing new, only slowly
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    checkChord(text);
    checkChord(text.trimmed());
    // Meters from 2/4 to 7/4 and 6/8: the sheet's bar length changes how bars split.
    static const double kBeatsPerBar[] = {4.0, 3.0, 2.0, 3.0 /* 6/8 */, 5.0, 7.0};
    checkSheet(text, kBeatsPerBar[size % 6]);
    return 0;
}
