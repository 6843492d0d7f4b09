#pragma once

#include "music/Arrangement.h"
#include "music/ChordSheet.h"
#include "music/Style.h"

#include <QString>

#include <algorithm>

namespace aiband::test {

inline TimeSignature meterOf(const char *text)
{
    const QString meter = QString::fromLatin1(text);
    return {meter.section(QLatin1Char('/'), 0, 0).toInt(), meter.section(QLatin1Char('/'), 1, 1).toInt()};
}

// An arrangement as GenerateRequest makes it, for engine tests that cannot link the request
// parser: `sheet` and its section markers looped over `bars` of `meter`, the last chord cut at
// the end, the style's tempo and swing, complexity from the seed (0, 0.25, 0.5, 0.75), one part.
inline Arrangement sheetArrangement(const Style *style, TimeSignature meter, quint32 seed, const QString &sheet, int bars,
                                    TrackType part, double humanize)
{
    Arrangement a;
    a.timeSignature = meter;
    const double barLength = meter.beatsPerBar();
    a.durationBeats = bars * barLength;
    const QList<ChordEvent> once = *parseChordSheet(sheet, barLength);
    const double length = once.last().startBeat + once.last().durationBeats;
    for (double offset = 0; offset < a.durationBeats - 1e-9; offset += length) {
        for (ChordEvent event : once) {
            event.startBeat += offset;
            if (event.startBeat < a.durationBeats - 1e-9) {
                event.durationBeats = std::min(event.durationBeats, a.durationBeats - event.startBeat);
                a.chords.append(event);
            }
        }
    }
    a.sections = loopSections(chordSheetSections(sheet, barLength), length, a.durationBeats);
    a.tempoBpm = style->defaultTempo;
    a.seed = seed;
    a.parts = {part};
    a.style = style;
    a.feel.swingRatio = style->swingRatio;
    a.feel.swingSubdivision = style->swingSubdivision;
    a.feel.humanize = humanize;
    a.feel.complexity = 0.25 * (seed % 4);
    return a;
}

} // namespace aiband::test
