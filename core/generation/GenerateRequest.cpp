#include "GenerateRequest.h"

#include "music/KeyDetection.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace aiband {
namespace {

constexpr double kMinTempo = 20.0;
constexpr double kMaxTempo = 400.0;
constexpr double kDefaultTempo = 120.0;

Error fieldError(const QString &field, const QString &message)
{
    return makeError(QStringLiteral("invalid_field"), message, field);
}

// Reads an optional number; returns the Error when present but not a finite number in range.
Result<std::optional<double>> optionalNumber(const QJsonObject &object, const QString &name,
                                             const QString &field, double min, double max,
                                             bool minExclusive = false)
{
    if (!object.contains(name) || object.value(name).isNull())
        return std::optional<double>{};
    const QJsonValue value = object.value(name);
    const double number = value.toDouble(std::nan(""));
    const bool tooSmall = minExclusive ? number <= min : number < min;
    if (!value.isDouble() || !std::isfinite(number) || tooSmall || number > max)
        return fieldError(field, QStringLiteral("%1 must be a number %2 %3 and at most %4")
                                     .arg(field, minExclusive ? QStringLiteral("above")
                                                              : QStringLiteral("from"))
                                     .arg(min).arg(max));
    return std::optional<double>{number};
}

Result<TimeSignature> parseTimeSignature(const QJsonValue &value)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,2})\\s*/\\s*(\\d{1,2})\\s*$"));
    const QString field = QStringLiteral("chord_progression.time_signature");
    const auto match = pattern.match(value.toString());
    if (!value.isString() || !match.hasMatch())
        return fieldError(field, QStringLiteral("time_signature must be a string like \"4/4\" or \"6/8\""));
    TimeSignature ts{match.captured(1).toInt(), match.captured(2).toInt()};
    const bool denominatorOk = ts.denominator == 2 || ts.denominator == 4 || ts.denominator == 8
        || ts.denominator == 16;
    if (ts.numerator < 1 || ts.numerator > 32 || !denominatorOk)
        return fieldError(field, QStringLiteral("time_signature %1 is not supported: numerator "
                                                "1-32, denominator 2, 4, 8 or 16").arg(ts.name()));
    return ts;
}

Result<QList<ChordEvent>> parseChords(const QJsonObject &progression, double beatsPerBar,
                                      const RequestLimits &limits)
{
    const QJsonValue chordsValue = progression.value(QStringLiteral("chords"));
    if (!chordsValue.isArray() || chordsValue.toArray().isEmpty())
        return fieldError(QStringLiteral("chord_progression.chords"),
                          QStringLiteral("chord_progression.chords must be a non-empty array of "
                                         "{\"chord\", \"start_time\", \"duration\"} objects"));
    const QJsonArray chords = chordsValue.toArray();
    if (chords.size() > limits.maxChords)
        return fieldError(QStringLiteral("chord_progression.chords"),
                          QStringLiteral("at most %1 chords per request, got %2")
                              .arg(limits.maxChords).arg(chords.size()));

    QList<ChordEvent> events;
    double nextStart = 0.0;
    for (qsizetype i = 0; i < chords.size(); ++i) {
        const QString prefix = QStringLiteral("chord_progression.chords[%1]").arg(i);
        if (!chords[i].isObject())
            return fieldError(prefix, QStringLiteral("%1 must be an object with a \"chord\" symbol").arg(prefix));
        const QJsonObject item = chords[i].toObject();
        const QJsonValue symbol = item.value(QStringLiteral("chord"));
        if (!symbol.isString())
            return fieldError(prefix + QStringLiteral(".chord"),
                              QStringLiteral("%1.chord must be a chord symbol string such as \"Am7\"").arg(prefix));
        Result<Chord> chord = parseChord(symbol.toString());
        if (!chord)
            return makeError(chord.error().code, chord.error().message + QStringLiteral(" (chord %1)").arg(i + 1),
                             prefix + QStringLiteral(".chord"));

        const auto start = optionalNumber(item, QStringLiteral("start_time"),
                                          prefix + QStringLiteral(".start_time"), 0.0, limits.maxDurationBeats);
        if (!start)
            return start.error();
        const auto duration = optionalNumber(item, QStringLiteral("duration"),
                                             prefix + QStringLiteral(".duration"), 0.0,
                                             limits.maxDurationBeats, true);
        if (!duration)
            return duration.error();

        ChordEvent event{std::move(chord).value(), start->value_or(nextStart), duration->value_or(beatsPerBar)};
        if (event.startBeat < nextStart - 1e-9)
            return fieldError(prefix + QStringLiteral(".start_time"),
                              QStringLiteral("%1 starts at beat %2, before the previous chord ends at "
                                             "beat %3; chords must be in order and not overlap")
                                  .arg(prefix).arg(event.startBeat).arg(nextStart));
        nextStart = event.startBeat + event.durationBeats;
        events.append(std::move(event));
    }
    return events;
}

// Repeats the progression until it fills `duration` beats, cutting the last chord at the end.
QList<ChordEvent> loopToDuration(const QList<ChordEvent> &chords, double duration)
{
    const double length = chords.last().startBeat + chords.last().durationBeats;
    QList<ChordEvent> looped;
    for (double offset = 0.0; offset < duration; offset += length) {
        for (ChordEvent event : chords) {
            event.startBeat += offset;
            if (event.startBeat >= duration - 1e-9)
                return looped;
            event.durationBeats = std::min(event.durationBeats, duration - event.startBeat);
            looped.append(std::move(event));
        }
    }
    return looped;
}

Result<QList<TrackType>> parseTrackTypes(const QJsonObject &body, QJsonObject &defaultsUsed)
{
    const QString field = QStringLiteral("track_types");
    if (!body.contains(field)) {
        defaultsUsed.insert(field, QJsonArray{QStringLiteral("bass"), QStringLiteral("drums")});
        return QList<TrackType>{TrackType::Bass, TrackType::Drums};
    }
    const QString allowed = trackTypeNames().join(QStringLiteral(", "));
    const QJsonValue value = body.value(field);
    if (!value.isArray() || value.toArray().isEmpty())
        return fieldError(field, QStringLiteral("track_types must be a non-empty array of: %1").arg(allowed));
    QList<TrackType> types;
    const QJsonArray names = value.toArray();
    for (qsizetype i = 0; i < names.size(); ++i) {
        const auto type = parseTrackType(names[i].toString());
        if (!names[i].isString() || !type)
            return fieldError(QStringLiteral("track_types[%1]").arg(i),
                              QStringLiteral("unknown track type %1; allowed: %2")
                                  .arg(names[i].isString() ? QLatin1Char('"') + names[i].toString() + QLatin1Char('"')
                                                           : QStringLiteral("(not a string)"),
                                       allowed));
        if (!types.contains(*type))
            types.append(*type);
    }
    return types;
}

} // namespace

bool isValidPluginId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return pattern.match(id).hasMatch();
}

Result<GenerateRequest> parseGenerateRequest(const QJsonObject &body, const RequestLimits &limits)
{
    GenerateRequest request;
    Arrangement &arrangement = request.arrangement;

    const QJsonValue progressionValue = body.value(QStringLiteral("chord_progression"));
    if (!progressionValue.isObject())
        return fieldError(QStringLiteral("chord_progression"),
                          QStringLiteral("chord_progression must be an object with a \"chords\" array"));
    const QJsonObject progression = progressionValue.toObject();

    if (progression.contains(QStringLiteral("time_signature"))) {
        auto ts = parseTimeSignature(progression.value(QStringLiteral("time_signature")));
        if (!ts)
            return ts.error();
        arrangement.timeSignature = *ts;
    } else {
        request.defaultsUsed.insert(QStringLiteral("time_signature"), arrangement.timeSignature.name());
    }

    auto chords = parseChords(progression, arrangement.timeSignature.beatsPerBar(), limits);
    if (!chords)
        return chords.error();

    const auto tempo = optionalNumber(progression, QStringLiteral("tempo"),
                                      QStringLiteral("chord_progression.tempo"), kMinTempo, kMaxTempo);
    if (!tempo)
        return tempo.error();
    arrangement.tempoBpm = tempo->value_or(kDefaultTempo);
    if (!tempo->has_value())
        request.defaultsUsed.insert(QStringLiteral("tempo"), kDefaultTempo);

    const ChordEvent &last = chords->last();
    const double progressionLength = last.startBeat + last.durationBeats;
    if (progressionLength > limits.maxDurationBeats)
        return fieldError(QStringLiteral("chord_progression.chords"),
                          QStringLiteral("the progression is %1 beats long; at most %2 beats per request")
                              .arg(progressionLength).arg(limits.maxDurationBeats));
    const auto duration = optionalNumber(progression, QStringLiteral("duration"),
                                         QStringLiteral("chord_progression.duration"), 0.0,
                                         limits.maxDurationBeats, true);
    if (!duration)
        return duration.error();
    arrangement.durationBeats = duration->value_or(progressionLength);
    if (!duration->has_value())
        request.defaultsUsed.insert(QStringLiteral("duration"), progressionLength);
    arrangement.chords = loopToDuration(*chords, arrangement.durationBeats);

    const QJsonValue keyValue = progression.value(QStringLiteral("key"));
    if (keyValue.isUndefined() || keyValue.isNull()) {
        arrangement.key = detectKey(*chords);
        request.keyGuessed = true;
        request.defaultsUsed.insert(QStringLiteral("key"), arrangement.key.name());
    } else {
        if (!keyValue.isString())
            return fieldError(QStringLiteral("chord_progression.key"),
                              QStringLiteral("chord_progression.key must be a string such as \"C\" or \"F#m\""));
        auto key = parseKey(keyValue.toString());
        if (!key)
            return fieldError(QStringLiteral("chord_progression.key"), key.error().message);
        arrangement.key = *key;
    }

    auto parts = parseTrackTypes(body, request.defaultsUsed);
    if (!parts)
        return parts.error();
    arrangement.parts = *parts;

    const QJsonValue seed = body.value(QStringLiteral("seed"));
    if (seed.isUndefined() || seed.isNull()) {
        arrangement.seed = QRandomGenerator::global()->generate();
        request.defaultsUsed.insert(QStringLiteral("seed"), static_cast<qint64>(arrangement.seed));
    } else {
        const double number = seed.toDouble(-1.0);
        if (!seed.isDouble() || number < 0 || number > 4294967295.0 || std::floor(number) != number)
            return fieldError(QStringLiteral("seed"), QStringLiteral("seed must be a whole number from 0 to 4294967295"));
        arrangement.seed = static_cast<quint32>(number);
    }

    const QJsonValue pluginId = body.value(QStringLiteral("plugin_id"));
    if (!pluginId.isUndefined() && !pluginId.isNull()) {
        if (!pluginId.isString() || !isValidPluginId(pluginId.toString()))
            return fieldError(QStringLiteral("plugin_id"),
                              QStringLiteral("plugin_id must be 1-64 letters, digits, '.', '_' or '-'"));
        request.pluginId = pluginId.toString();
    }
    return request;
}

} // namespace aiband
