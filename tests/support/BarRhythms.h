#pragma once

#include "music/MidiFile.h"
#include "music/SongPlan.h"

#include <QList>

#include <cstdlib>

namespace aiband::test {

// The rhythm of each song bar: where its strikes (notes struck together, first note first) start,
// in ticks from the bar line less `lead` (a part whose strikes may land a hair early counts them
// in the bar they belong to).
inline QList<QList<qint64>> barRhythms(const SongPlan &plan, const QList<QList<Note>> &strikes, qint64 lead = 0)
{
    QList<QList<qint64>> rhythms;
    for (const PlannedBar &bar : plan.bars) {
        if (bar.kind != BarKind::Song)
            continue;
        const qint64 start = qRound64(bar.startBeat * kTicksPerQuarter) - lead;
        const qint64 end = qRound64((bar.startBeat + bar.lengthBeats) * kTicksPerQuarter) - lead;
        QList<qint64> onsets;
        for (const QList<Note> &strike : strikes) {
            if (strike.first().startTick >= start && strike.first().startTick < end)
                onsets.append(strike.first().startTick - start);
        }
        rhythms.append(onsets);
    }
    return rhythms;
}

// Two bars play one rhythm when they strike as often, each strike within `tolerance` ticks.
inline bool sameRhythm(const QList<qint64> &a, const QList<qint64> &b, qint64 tolerance = kTicksPerQuarter / 8)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (std::abs(a[i] - b[i]) > tolerance)
            return false;
    }
    return true;
}

} // namespace aiband::test
