#include "ArrangementSummary.h"

#include "GenerateRequest.h"

#include "music/SongPlan.h"
#include "music/Style.h"
#include "music/TrackType.h"
#include "util/CompactJson.h"

namespace aiband {

ArrangementSummary ArrangementSummary::of(const GenerateRequest &request, const SongPlan &plan)
{
    const Arrangement &a = request.arrangement;
    ArrangementSummary summary;
    summary.style = a.style ? a.style->name : QString();
    summary.tempoBpm = a.tempoBpm;
    summary.key = a.key.name();
    summary.keyGuessed = request.keyGuessed;
    summary.timeSignature = a.timeSignature.name();
    summary.durationBeats = a.durationBeats;
    summary.bars = a.durationBeats / a.timeSignature.beatsPerBar();
    summary.chordCount = a.chords.size();
    summary.seed = a.seed;
    for (TrackType type : a.parts)
        summary.trackTypes.append(trackTypeName(type));
    summary.feel = a.feel;
    summary.defaultsUsed = request.defaultsUsed;
    summary.musicStartBeat = plan.musicStartBeat;
    summary.fileLengthBeats = plan.endBeat;
    return summary;
}

// Keys in QJsonObject's order (ascending), as Qt writes an object.
QByteArray ArrangementSummary::feelText() const
{
    return CompactObjectText()
        .add(QLatin1String("complexity"), feel.complexity)
        .add(QLatin1String("count_in"), feel.countInBars)
        .add(QLatin1String("ending"), feel.ending)
        .add(QLatin1String("fills"), feel.fills)
        .add(QLatin1String("humanize"), feel.humanize)
        .add(QLatin1String("intensity"), feel.intensity)
        .add(QLatin1String("intro"), feel.introBars)
        .add(QLatin1String("swing_ratio"), feel.swingRatio)
        .text();
}

QByteArray ArrangementSummary::toJsonText(const QByteArray &feel) const
{
    return CompactObjectText()
        .add(QLatin1String("bars"), bars)
        .add(QLatin1String("chord_count"), chordCount)
        .addText(QLatin1String("defaults_used"), defaultsUsed.toJsonText())
        .add(QLatin1String("duration_beats"), durationBeats)
        .addText(QLatin1String("feel"), feel.isEmpty() ? feelText() : feel)
        .add(QLatin1String("file_length_beats"), fileLengthBeats)
        .add(QLatin1String("key"), key)
        .add(QLatin1String("key_guessed"), keyGuessed)
        .add(QLatin1String("music_start_beat"), musicStartBeat)
        .add(QLatin1String("seed"), seed)
        .add(QLatin1String("style"), style)
        .add(QLatin1String("tempo"), tempoBpm)
        .add(QLatin1String("time_signature"), timeSignature)
        .add(QLatin1String("time_unit"), QStringLiteral("beats"))
        .add(QLatin1String("track_types"), trackTypes)
        .text();
}

} // namespace aiband
