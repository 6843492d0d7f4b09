#include "LiveRequest.h"

#include "ChordDetectRequest.h"
#include "RequestFields.h"
#include "music/PartRegistry.h"
#include "util/KnownFields.h"

#include <QJsonArray>

#include <cmath>

namespace aiband {
namespace {

// Beats of the DAW's timeline a live message may name: about 80 hours at 200 BPM.
constexpr double kMaxLiveBeat = 1.0e6;

// The fields live_start shares with a generate body, under the same names but for the parts.
const QStringList &sharedWithGenerate()
{
    static const QStringList fields{QStringLiteral("style"), QStringLiteral("seed"), QStringLiteral("swing"),
                                    QStringLiteral("swing_ratio"), QStringLiteral("humanize"),
                                    QStringLiteral("intensity"), QStringLiteral("complexity"), QStringLiteral("fills")};
    return fields;
}

// What only a band's first session may say; one that follows takes them from the band.
const QStringList &bandFields()
{
    static const QStringList fields = [] {
        QStringList band = sharedWithGenerate();
        band << QStringLiteral("tempo") << QStringLiteral("meter") << QStringLiteral("key");
        return band;
    }();
    return fields;
}

Result<double> liveBeat(const QJsonObject &data, const QString &name, const QString &field)
{
    if (!data.contains(name))
        return fieldError(field, QStringLiteral("%1 is required").arg(field));
    const auto beat = optionalNumber(data, name, field, 0.0, kMaxLiveBeat);
    if (!beat)
        return beat.error();
    return **beat;
}

// The generate body's rules for the shared fields and the parts: a body with a placeholder
// chord, whose errors are renamed to the live message's fields.
Result<GenerateRequest> checkedLikeAGeneration(const QJsonObject &data, const StyleLibrary &styles,
                                               const QString &defaultStyle, const QString &prefix)
{
    QJsonObject body{{QStringLiteral("chord_progression"), QStringLiteral("C")}};
    for (const QString &field : sharedWithGenerate())
        if (data.contains(field))
            body.insert(field, data.value(field));
    body.insert(QStringLiteral("track_types"),
                data.value(QStringLiteral("parts")).isUndefined()
                    ? QJsonValue(QJsonArray{QStringLiteral("full")})
                    : data.value(QStringLiteral("parts")));
    Result<GenerateRequest> parsed = parseGenerateRequest(body, styles, defaultStyle);
    if (!parsed) {
        Error error = parsed.error();
        error.field.replace(QStringLiteral("track_types"), QStringLiteral("parts"));
        error.message.replace(QStringLiteral("track_types"), QStringLiteral("parts"));
        error.field = prefix + error.field;
        return error;
    }
    parsed->body = body;
    parsed->body.remove(QStringLiteral("chord_progression"));
    parsed->body.insert(QStringLiteral("seed"), static_cast<qint64>(parsed->arrangement.seed));
    return parsed;
}

// Full stands for the full band's parts: a live band sends each part's notes on its own.
QList<TrackType> separateParts(const QList<TrackType> &asked)
{
    QList<TrackType> parts;
    for (TrackType type : asked) {
        for (const PartRow *row : partsInFile(partRow(type)))
            if (!parts.contains(typeOf(*row)))
                parts.append(typeOf(*row));
    }
    return parts;
}

std::optional<Error> readFollow(const QJsonObject &data, const QString &prefix, LiveStartRequest &request)
{
    const QJsonValue follow = data.value(QStringLiteral("follow"));
    if (follow.isUndefined() || follow.isNull())
        return std::nullopt;
    if (!follow.isString() || !isValidPluginId(follow.toString()))
        return fieldError(prefix + QStringLiteral("follow"),
                          QStringLiteral("follow must be the plugin_id of a plugin whose band is live"));
    for (const QString &field : bandFields())
        if (data.contains(field))
            return fieldError(prefix + field,
                              QStringLiteral("%1 is the band's: a session that follows another plugin's band takes it "
                                             "from that band").arg(field));
    request.follow = follow.toString();
    return std::nullopt;
}

std::optional<Error> readTransportFields(const QJsonObject &data, const QString &prefix, LiveStartRequest &request)
{
    const auto tempo = optionalNumber(data, QStringLiteral("tempo"), prefix + QStringLiteral("tempo"), kMinTempo, kMaxTempo);
    if (!tempo)
        return tempo.error();
    request.tempoBpm = *tempo;
    const QJsonValue meter = data.value(QStringLiteral("meter"));
    if (!meter.isUndefined() && !meter.isNull()) {
        auto parsed = parseTimeSignature(meter, prefix + QStringLiteral("meter"));
        if (!parsed)
            return parsed.error();
        request.meter = *parsed;
    }
    const QJsonValue key = data.value(QStringLiteral("key"));
    if (!key.isUndefined() && !key.isNull()) {
        Result<Key> parsed = parseKey(key.toString());
        if (!key.isString() || !parsed)
            return fieldError(prefix + QStringLiteral("key"),
                              QStringLiteral("key must be a key such as \"C\", \"F#m\" or \"Bb major\""));
        request.key = *parsed;
    }
    return std::nullopt;
}

} // namespace

Result<LiveStartRequest> parseLiveStart(const QJsonObject &data, const StyleLibrary &styles,
                                        const QString &defaultStyle, const QString &prefix)
{
    QStringList known = bandFields();
    known << QStringLiteral("parts") << QStringLiteral("lookahead_beats") << QStringLiteral("follow");
    if (auto unknown = unknownField(data, known, prefix))
        return *unknown;
    LiveStartRequest request;
    if (auto error = readFollow(data, prefix, request))
        return *error;
    if (auto error = readTransportFields(data, prefix, request))
        return *error;
    const auto lookahead = optionalNumber(data, QStringLiteral("lookahead_beats"),
                                          prefix + QStringLiteral("lookahead_beats"), kMinLookaheadBeats,
                                          kMaxLookaheadBeats);
    if (!lookahead)
        return lookahead.error();
    request.lookaheadBeats = lookahead->value_or(4.0);

    Result<GenerateRequest> checked = checkedLikeAGeneration(data, styles, defaultStyle, prefix);
    if (!checked)
        return checked.error();
    const Arrangement &arrangement = checked->arrangement;
    request.parts = separateParts(arrangement.parts);
    if (request.follow.isEmpty()) {
        request.style = arrangement.style;
        request.seed = arrangement.seed;
        request.feel = arrangement.feel;
        request.body = checked->body;
    }
    return request;
}

Result<LiveChordInput> parseChordEvent(const QJsonObject &data, const QString &prefix)
{
    if (auto unknown = unknownField(data, {QStringLiteral("beat"), QStringLiteral("chord")}, prefix))
        return *unknown;
    const Result<double> beat = liveBeat(data, QStringLiteral("beat"), prefix + QStringLiteral("beat"));
    if (!beat)
        return beat.error();
    const QJsonValue symbol = data.value(QStringLiteral("chord"));
    if (!symbol.isString())
        return fieldError(prefix + QStringLiteral("chord"), QStringLiteral("chord must be a chord symbol such as \"Am7\" or \"N.C.\""));
    Result<Chord> chord = parseChord(symbol.toString());
    if (!chord) {
        Error error = chord.error();
        error.field = prefix + QStringLiteral("chord");
        return error;
    }
    return LiveChordInput{*beat, *chord};
}

Result<std::vector<PlayedNote>> parseNoteEvents(const QJsonObject &data, const QString &prefix)
{
    if (auto unknown = unknownField(data, {QStringLiteral("events")}, prefix))
        return *unknown;
    const QString field = prefix + QStringLiteral("events");
    const QJsonValue value = data.value(QStringLiteral("events"));
    if (!value.isArray() || value.toArray().isEmpty())
        return fieldError(field, QStringLiteral("events must be a non-empty array of {beat, pitch, duration, velocity}"));
    const QJsonArray events = value.toArray();
    if (events.size() > kMaxLiveNotesPerMessage)
        return fieldError(field, QStringLiteral("at most %1 notes a message, got %2; send them as they are played")
                                     .arg(kMaxLiveNotesPerMessage).arg(events.size()));
    std::vector<PlayedNote> notes;
    notes.reserve(static_cast<size_t>(events.size()));
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QString noteField = QStringLiteral("%1[%2]").arg(field).arg(i);
        auto note = parsePlayedNote(events.at(i), noteField, QStringLiteral("beat"));
        if (!note)
            return note.error();
        if (note->startBeat > kMaxLiveBeat || note->durationBeats > kMaxLiveBeat)
            return fieldError(noteField, QStringLiteral("%1 lies beyond beat %2").arg(noteField).arg(kMaxLiveBeat));
        notes.push_back(*note);
    }
    return notes;
}

Result<LiveSaveRequest> parseLiveSave(const QJsonObject &data, const QString &prefix)
{
    if (auto unknown = unknownField(data, {QStringLiteral("from_beat"), QStringLiteral("to_beat")}, prefix))
        return *unknown;
    LiveSaveRequest request;
    for (auto [name, target] : {std::pair{QStringLiteral("from_beat"), &request.fromBeat},
                                std::pair{QStringLiteral("to_beat"), &request.toBeat}}) {
        const auto beat = optionalNumber(data, name, prefix + name, 0.0, kMaxLiveBeat);
        if (!beat)
            return beat.error();
        *target = *beat;
    }
    if (request.fromBeat && request.toBeat && *request.toBeat <= *request.fromBeat)
        return fieldError(prefix + QStringLiteral("to_beat"), QStringLiteral("to_beat must come after from_beat"));
    return request;
}

} // namespace aiband
