#include "LiveMessages.h"

#include "music/PartRegistry.h"

#include <QJsonArray>

#include <cmath>

namespace aiband {
namespace {

// Beats to a millionth (0.3 µs at 200 BPM): the engine's ticks give long fractions (1/480) that
// only lengthen every message.
double beatsForJson(double beats)
{
    return std::round(beats * 1e6) / 1e6;
}

} // namespace

QJsonObject bandEventsJson(const LiveEvents &events)
{
    QJsonArray notes;
    for (const BandEvent &event : events.events)
        notes.append(QJsonObject{{QStringLiteral("beat"), beatsForJson(event.beat)},
                                 {QStringLiteral("part"), trackTypeName(event.part)},
                                 {QStringLiteral("channel"), event.channel + 1},
                                 {QStringLiteral("pitch"), event.pitch},
                                 {QStringLiteral("velocity"), event.velocity},
                                 {QStringLiteral("duration"), beatsForJson(event.duration)}});
    QJsonObject data{{QStringLiteral("from_beat"), events.fromBeat},
                     {QStringLiteral("to_beat"), events.toBeat},
                     {QStringLiteral("events"), notes}};
    if (events.replacesFromBeat)
        data.insert(QStringLiteral("replaces_from_beat"), *events.replacesFromBeat);
    return data;
}

QJsonObject liveStartedJson(const LiveSessionInfo &info)
{
    QJsonArray parts;
    for (qsizetype i = 0; i < info.parts.size(); ++i) {
        const PartRow &row = partRow(info.parts[i]);
        parts.append(QJsonObject{{QStringLiteral("part"), QLatin1String(row.name)},
                                 {QStringLiteral("channel"), row.channel + 1},
                                 {QStringLiteral("program"), info.programs.value(i, row.program)}});
    }
    return QJsonObject{{QStringLiteral("band"), info.band},
                       {QStringLiteral("members"), QJsonArray::fromStringList(info.members)},
                       {QStringLiteral("parts"), parts},
                       {QStringLiteral("lookahead_beats"), info.lookaheadBeats},
                       {QStringLiteral("style"), info.style},
                       {QStringLiteral("seed"), static_cast<qint64>(info.seed)},
                       {QStringLiteral("key"), info.key ? QJsonValue(info.key->name()) : QJsonValue()},
                       {QStringLiteral("time_signature"), info.meter.name()}};
}

QJsonObject chordHeardJson(const HeardChord &chord)
{
    return QJsonObject{{QStringLiteral("chord"), chord.chord.canonical()},
                       {QStringLiteral("beat"), chord.beat},
                       {QStringLiteral("plays_from_beat"), chord.playedFrom},
                       {QStringLiteral("source"), chord.source}};
}

} // namespace aiband
