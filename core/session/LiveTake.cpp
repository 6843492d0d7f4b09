#include "LiveTake.h"

#include "music/MidiFile.h"
#include "music/PartRegistry.h"
#include "music/Style.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace aiband {

GenerateRequest generationOf(const LiveTake &take, const QString &pluginId)
{
    GenerateRequest request;
    Arrangement &arrangement = request.arrangement;
    arrangement.chords = take.chords;
    arrangement.tempoBpm = take.tempoBpm;
    arrangement.timeSignature = take.meter;
    arrangement.key = take.key;
    arrangement.durationBeats = take.toBeat - take.fromBeat;
    arrangement.seed = take.seed;
    arrangement.parts = take.parts;
    arrangement.style = take.style;
    arrangement.feel = take.feel;
    request.pluginId = pluginId;

    QJsonArray chords;
    for (const ChordEvent &event : take.chords)
        chords.append(QJsonObject{{QStringLiteral("chord"), event.chord.canonical()},
                                  {QStringLiteral("start_time"), event.startBeat},
                                  {QStringLiteral("duration"), event.durationBeats}});
    QJsonArray parts;
    for (TrackType part : take.parts)
        parts.append(trackTypeName(part));
    request.body = take.body;
    request.body.insert(QStringLiteral("chord_progression"),
                        QJsonObject{{QStringLiteral("chords"), chords},
                                    {QStringLiteral("tempo"), take.tempoBpm},
                                    {QStringLiteral("time_signature"), take.meter.name()},
                                    {QStringLiteral("key"), take.key.name()},
                                    {QStringLiteral("duration"), arrangement.durationBeats}});
    request.body.insert(QStringLiteral("track_types"), parts);
    if (!pluginId.isEmpty())
        request.body.insert(QStringLiteral("plugin_id"), pluginId);
    return request;
}

RenderedSong renderLiveTake(const LiveTake &take)
{
    RenderedSong rendered;
    rendered.plan.chords = take.chords;
    rendered.plan.endBeat = take.toBeat - take.fromBeat;
    for (qsizetype i = 0; i < take.parts.size(); ++i) {
        const TrackType type = take.parts[i];
        const PartRow &row = partRow(type);
        MidiSong song;
        song.title = QStringLiteral("AI Band Orchestrator - live %1 (%2)").arg(QString::fromLatin1(row.midiName),
                                                                              take.style->title);
        song.tempoBpm = take.tempoBpm;
        song.timeSignature = take.meter;
        song.key = take.key;
        song.endTick = std::llround(rendered.plan.endBeat * kTicksPerQuarter);
        MidiPart part{QString::fromLatin1(row.midiName), row.channel, take.programs.value(i, row.program), {},
                      partMix(*take.style, type)};
        for (const BandEvent &event : take.events) {
            if (event.part == type)
                part.notes.push_back({std::llround(event.beat * kTicksPerQuarter),
                                      std::max<qint64>(1, std::llround(event.duration * kTicksPerQuarter)),
                                      event.pitch, event.velocity});
        }
        const int noteCount = static_cast<int>(part.notes.size());
        song.parts.push_back(std::move(part));
        rendered.parts.append({type, writeMidiFile(song), noteCount});
    }
    return rendered;
}

} // namespace aiband
