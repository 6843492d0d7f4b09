#include "GenerateRequest.h"

#include "RequestFields.h"

#include "music/ChordSheet.h"
#include "music/Meter.h"
#include "music/Style.h"
#include "music/StyleLibrary.h"
#include "music/KeyDetection.h"
#include "util/KnownFields.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace aiband {
namespace {

constexpr double kDefaultTempo = 120.0;

// A sixty-fourth note: no chord, and no song, is shorter (a shorter one has no room for a note).
constexpr double kShortestNoteBeats = 1.0 / 16.0;

// A song's chords come round again (a 64-bar song of a four-chord loop names four): a symbol one
// of the last kLookBack chords had is that chord, not read again (half of reading a 64-chord body,
// bench_engine's ParseRequest_Chords). Looked for, not kept in a table: a table cost a body of
// four different chords more than it saved.
std::optional<Chord> readEarlier(const QList<ChordEvent> &events, const QString &symbol)
{
    constexpr qsizetype kLookBack = 32;
    for (qsizetype i = events.size() - 1; i >= std::max<qsizetype>(0, events.size() - kLookBack); --i) {
        if (events[i].chord.symbol == symbol)
            return events[i].chord;
    }
    return std::nullopt;
}

Result<QList<ChordEvent>> parseChords(const QJsonObject &progression, double beatsPerBar,
                                      const RequestLimits &limits)
{
    const QJsonValue chordsValue = progression.value(QStringLiteral("chords"));
    if (chordsValue.isString()) {
        auto sheet = parseChordSheet(chordsValue.toString(), beatsPerBar);
        if (!sheet)
            return makeError(sheet.error().code, sheet.error().message, QStringLiteral("chord_progression.chords"));
        if (sheet->size() > limits.maxChords)
            return fieldError(QStringLiteral("chord_progression.chords"),
                              QStringLiteral("at most %1 chords per request (engine.max_chords), got %2").arg(limits.maxChords).arg(sheet->size()));
        return sheet;
    }
    if (!chordsValue.isArray() || chordsValue.toArray().isEmpty())
        return fieldError(QStringLiteral("chord_progression.chords"),
                          QStringLiteral("chord_progression.chords must be a chord sheet such as \"C-Am-F-G\" "
                                         "or a non-empty array of {\"chord\", \"start_time\", \"duration\"} objects"));
    const QJsonArray chords = chordsValue.toArray();
    if (chords.size() > limits.maxChords)
        return fieldError(QStringLiteral("chord_progression.chords"),
                          QStringLiteral("at most %1 chords per request (engine.max_chords), got %2")
                              .arg(limits.maxChords).arg(chords.size()));
    const double maxBeats = limits.maxBeats(beatsPerBar);

    QList<ChordEvent> events;
    double nextStart = 0.0;
    static const QStringList chordFields{QStringLiteral("chord"), QStringLiteral("start_time"), QStringLiteral("duration")};
    static const QString chordKey = QStringLiteral("chord");
    static const QString startKey = QStringLiteral("start_time");
    static const QString durationKey = QStringLiteral("duration");
    for (qsizetype i = 0; i < chords.size(); ++i) {
        // A chord's field is named only when it is wrong: a 64-bar song's chords made 200 names
        // that were never read, a quarter of reading the chords (bench_engine, ParseRequest_Chords).
        const auto named = [i](QLatin1String rest) {
            return QStringLiteral("chord_progression.chords[%1]").arg(i) + rest;
        };
        const QJsonValue value = chords[i];
        if (!value.isObject())
            return fieldError(named({}), QStringLiteral("%1 must be an object with a \"chord\" symbol").arg(named({})));
        const QJsonObject item = value.toObject();
        if (unknownField(item, chordFields, QString()))
            return *unknownField(item, chordFields, named(QLatin1String(".")));
        const QJsonValue symbol = item.value(chordKey);
        if (!symbol.isString())
            return fieldError(named(QLatin1String(".chord")),
                              QStringLiteral("%1.chord must be a chord symbol string such as \"Am7\"").arg(named({})));
        const QString text = symbol.toString();
        std::optional<Chord> chord = readEarlier(events, text);
        if (!chord) {
            Result<Chord> parsed = parseChord(text);
            if (!parsed)
                return makeError(parsed.error().code, parsed.error().message + QStringLiteral(" (chord %1)").arg(i + 1),
                                 named(QLatin1String(".chord")));
            chord = std::move(parsed).value();
        }

        const auto start = optionalNumber(item, startKey, [&] { return named(QLatin1String(".start_time")); }, 0.0, maxBeats);
        if (!start)
            return start.error();
        const auto duration = optionalNumber(item, durationKey, [&] { return named(QLatin1String(".duration")); },
                                             kShortestNoteBeats, maxBeats);
        if (!duration)
            return duration.error();

        ChordEvent event{*std::move(chord), start->value_or(nextStart), duration->value_or(beatsPerBar)};
        if (event.startBeat < nextStart - 1e-9)
            return fieldError(named(QLatin1String(".start_time")),
                              QStringLiteral("%1 starts at beat %2, before the previous chord ends at "
                                             "beat %3; chords must be in order and not overlap")
                                  .arg(named({})).arg(event.startBeat).arg(nextStart));
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

Result<QList<TrackType>> parseTrackTypes(const QJsonObject &body, DefaultsUsed &defaultsUsed)
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

const QStringList &progressionFields()
{
    static const QStringList fields{QStringLiteral("chords"), QStringLiteral("tempo"), QStringLiteral("key"),
                                    QStringLiteral("time_signature"), QStringLiteral("duration"),
                                    QStringLiteral("bars")};
    return fields;
}

bool isValidPluginId(const QString &id)
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9._-]{1,64}")));
    return pattern.match(id).hasMatch();
}

Error invalidPluginIdError(const QString &field)
{
    return fieldError(field, QStringLiteral("plugin_id must be 1-64 letters, digits, '.', '_' or '-'"));
}

namespace {

Result<const Style *> parseStyleName(const QJsonObject &body, const StyleLibrary &styles,
                                     const QString &defaultStyle, DefaultsUsed &defaultsUsed)
{
    const QJsonValue value = body.value(QStringLiteral("style"));
    QString name = defaultStyle;
    if (value.isUndefined() || value.isNull())
        defaultsUsed.insert(QStringLiteral("style"), defaultStyle);
    else if (value.isString())
        name = value.toString();
    else
        return fieldError(QStringLiteral("style"), QStringLiteral("style must be a style name"));
    if (const Style *style = styles.find(name))
        return style;
    return fieldError(QStringLiteral("style"), QStringLiteral("unknown style \"%1\"; available: %2")
                                                   .arg(name, styles.names().join(QStringLiteral(", "))));
}

// A number in [0, 1] at the top level of the body, or the default (recorded as used).
Result<double> unitControl(const QJsonObject &body, const QString &name, double fallback, DefaultsUsed &defaultsUsed)
{
    const auto value = optionalNumber(body, name, name, 0.0, 1.0);
    if (!value)
        return value.error();
    if (!value->has_value())
        defaultsUsed.insert(name, fallback);
    return value->value_or(fallback);
}

Result<int> barCount(const QJsonObject &body, const QString &name, int max)
{
    const QJsonValue value = body.value(name);
    if (value.isUndefined() || value.isNull() || value == QJsonValue(false))
        return 0;
    if (value == QJsonValue(true))
        return 1;
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 0 || number > max || number != std::floor(number))
        return fieldError(name, QStringLiteral("%1 must be true, false or a number of bars from 0 to %2").arg(name).arg(max));
    return static_cast<int>(number);
}

Result<bool> optionalFlag(const QJsonObject &body, const QString &name, bool fallback)
{
    const QJsonValue value = body.value(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isBool())
        return fieldError(name, QStringLiteral("%1 must be true or false").arg(name));
    return value.toBool();
}

// Feel controls: the style's swing unless the request sets it, and the shared feel knobs.
Result<Feel> parseFeel(const QJsonObject &body, const Style &style, DefaultsUsed &defaultsUsed)
{
    Feel feel;
    feel.swingSubdivision = style.swingSubdivision;
    const auto amount = optionalNumber(body, QStringLiteral("swing"), QStringLiteral("swing"), 0.0, 1.0);
    if (!amount)
        return amount.error();
    const auto ratio = optionalNumber(body, QStringLiteral("swing_ratio"), QStringLiteral("swing_ratio"), 0.5, 0.8);
    if (!ratio)
        return ratio.error();
    if (amount->has_value() && ratio->has_value())
        return fieldError(QStringLiteral("swing"), QStringLiteral("give swing (0-1) or swing_ratio (0.5-0.8), not both"));
    // swing 0 is straight eighths (ratio 0.5), 1 a hard shuffle (0.75, dotted eighth and sixteenth).
    feel.swingRatio = ratio->has_value() ? **ratio
                      : amount->has_value() ? 0.5 + **amount * 0.25
                                            : style.swingRatio;
    if (!amount->has_value() && !ratio->has_value())
        defaultsUsed.insert(QStringLiteral("swing_ratio"), feel.swingRatio);

    for (auto [name, target, fallback] : {std::tuple{QStringLiteral("humanize"), &feel.humanize, 0.4},
                                          std::tuple{QStringLiteral("intensity"), &feel.intensity, 0.5},
                                          std::tuple{QStringLiteral("complexity"), &feel.complexity, 0.5}}) {
        auto value = unitControl(body, name, fallback, defaultsUsed);
        if (!value)
            return value.error();
        *target = *value;
    }
    auto fills = optionalFlag(body, QStringLiteral("fills"), true);
    auto ending = optionalFlag(body, QStringLiteral("ending"), false);
    auto countIn = barCount(body, QStringLiteral("count_in"), 4);
    auto intro = barCount(body, QStringLiteral("intro"), 4);
    for (const Error *error : {fills ? nullptr : &fills.error(), ending ? nullptr : &ending.error(),
                               countIn ? nullptr : &countIn.error(), intro ? nullptr : &intro.error()}) {
        if (error)
            return *error;
    }
    feel.fills = *fills;
    feel.ending = *ending;
    feel.countInBars = *countIn;
    feel.introBars = *intro;
    return feel;
}

// Every field a generate body may have. One a client sends that is not here is refused, never
// dropped: the plugin's spec puts tempo, duration and key at the top, and those silently did
// nothing once.
const QStringList &bodyFields()
{
    static const QStringList fields{QStringLiteral("chord_progression"), QStringLiteral("track_types"),
                                    QStringLiteral("style"), QStringLiteral("swing"), QStringLiteral("swing_ratio"),
                                    QStringLiteral("humanize"), QStringLiteral("intensity"),
                                    QStringLiteral("complexity"), QStringLiteral("fills"), QStringLiteral("ending"),
                                    QStringLiteral("count_in"), QStringLiteral("intro"), QStringLiteral("seed"),
                                    QStringLiteral("plugin_id")};
    return fields;
}

// The body's own fields and the progression's that may stand beside them.
const QStringList &acceptedAtTheTop()
{
    static const QStringList fields = [] {
        QStringList accepted = bodyFields();
        for (const QString &field : progressionFields()) {
            if (field != QLatin1String("chords"))
                accepted.append(field);
        }
        return accepted;
    }();
    return fields;
}

// The progression object, with the progression's own fields that the plugin's spec sends at the
// top of the body (tempo, duration, key, ...) moved into it; the same field in both places is
// refused rather than one of them ignored.
Result<QJsonObject> progressionOf(const QJsonObject &body)
{
    QJsonObject progression;
    const QJsonValue value = body.value(QStringLiteral("chord_progression"));
    // The original's plugin sends the progression as a chord sheet string at the top.
    if (value.isString())
        progression.insert(QStringLiteral("chords"), value);
    else if (value.isObject())
        progression = value.toObject();
    else
        return fieldError(QStringLiteral("chord_progression"),
                          QStringLiteral("chord_progression must be an object with \"chords\", or a chord sheet "
                                         "such as \"C-Am-F-G\""));
    if (auto unknown = unknownField(progression, progressionFields(), QStringLiteral("chord_progression.")))
        return *unknown;
    for (const QString &field : progressionFields()) {
        if (field == QLatin1String("chords") || !body.contains(field))
            continue;
        if (progression.contains(field))
            return fieldError(field, QStringLiteral("%1 is given both at the top and in chord_progression; give it once")
                                         .arg(field));
        progression.insert(field, body.value(field));
    }
    return progression;
}

Result<GenerateRequest> parseBody(const QJsonObject &body, const StyleLibrary &styles, const QString &defaultStyle,
                                  const RequestLimits &limits);

} // namespace

Result<GenerateRequest> parseGenerateRequest(const QJsonObject &body, const StyleLibrary &styles,
                                             const QString &defaultStyle, const RequestLimits &limits)
{
    Result<GenerateRequest> parsed = parseBody(body, styles, defaultStyle, limits);
    if (parsed)
        return parsed;
    // A progression field given at the top is named where the client wrote it.
    Error error = parsed.error();
    const QString prefix = QStringLiteral("chord_progression.");
    const QString field = error.field.startsWith(prefix) ? error.field.mid(prefix.size()) : QString();
    if (!field.isEmpty() && body.contains(field.section(QLatin1Char('['), 0, 0))) {
        error.field = field;
        error.message.replace(prefix + field, field);
    }
    return error;
}

namespace {

Result<GenerateRequest> parseBody(const QJsonObject &body, const StyleLibrary &styles, const QString &defaultStyle,
                                  const RequestLimits &limits)
{
    GenerateRequest request;
    Arrangement &arrangement = request.arrangement;

    if (auto unknown = unknownField(body, acceptedAtTheTop(), {}))
        return *unknown;
    const Result<QJsonObject> read = progressionOf(body);
    if (!read)
        return read.error();
    const QJsonObject &progression = *read;

    auto style = parseStyleName(body, styles, defaultStyle, request.defaultsUsed);
    if (!style)
        return style.error();
    arrangement.style = *style;

    if (progression.contains(QStringLiteral("time_signature"))) {
        auto ts = parseTimeSignature(progression.value(QStringLiteral("time_signature")), QStringLiteral("chord_progression.time_signature"));
        if (!ts)
            return ts.error();
        arrangement.timeSignature = *ts;
    } else {
        arrangement.timeSignature = arrangement.style->meter;
        request.defaultsUsed.insert(QStringLiteral("time_signature"), arrangement.timeSignature.name());
    }

    auto chords = parseChords(progression, arrangement.timeSignature.beatsPerBar(), limits);
    if (!chords)
        return chords.error();

    const auto tempo = optionalNumber(progression, QStringLiteral("tempo"),
                                      QStringLiteral("chord_progression.tempo"), kMinTempo, kMaxTempo);
    if (!tempo)
        return tempo.error();
    arrangement.tempoBpm = tempo->value_or(arrangement.style->defaultTempo);
    if (!tempo->has_value())
        request.defaultsUsed.insert(QStringLiteral("tempo"), arrangement.tempoBpm);

    const ChordEvent &last = chords->last();
    const double progressionLength = last.startBeat + last.durationBeats;
    const double maxBeats = limits.maxBeats(arrangement.timeSignature.beatsPerBar());
    if (progressionLength > maxBeats)
        return fieldError(QStringLiteral("chord_progression.chords"),
                          QStringLiteral("the progression is %1 beats long; at most %2 bars (%3 beats) per request "
                                         "(engine.max_bars)")
                              .arg(progressionLength).arg(limits.maxBars).arg(maxBeats));
    auto duration = optionalNumber(progression, QStringLiteral("duration"),
                                   QStringLiteral("chord_progression.duration"), kShortestNoteBeats, maxBeats);
    if (!duration)
        return duration.error();
    // The plugin counts in bars: "bars": 8 is eight bars of the meter.
    const auto bars = optionalNumber(progression, QStringLiteral("bars"), QStringLiteral("chord_progression.bars"), 1.0,
                                     limits.maxBars);
    if (!bars)
        return bars.error();
    if (bars->has_value()) {
        if (duration->has_value())
            return fieldError(QStringLiteral("chord_progression.bars"), QStringLiteral("give bars or duration, not both"));
        if (**bars != std::floor(**bars))
            return fieldError(QStringLiteral("chord_progression.bars"), QStringLiteral("bars must be a whole number"));
        duration.value() = **bars * arrangement.timeSignature.beatsPerBar();
    }
    arrangement.durationBeats = duration->value_or(progressionLength);
    if (!duration->has_value())
        request.defaultsUsed.insert(QStringLiteral("duration"), progressionLength);
    // A song over before its first chord would be silent bass and keys, not what anyone asked for.
    if (chords->first().startBeat >= arrangement.durationBeats - 1e-9)
        return fieldError(bars->has_value() ? QStringLiteral("chord_progression.bars") : QStringLiteral("chord_progression.duration"),
                          QStringLiteral("the song ends at beat %1, before its first chord starts (beat %2)")
                              .arg(arrangement.durationBeats).arg(chords->first().startBeat));
    arrangement.chords = loopToDuration(*chords, arrangement.durationBeats);
    arrangement.sections = requestSections(progression, *chords, arrangement.timeSignature.beatsPerBar(),
                                           arrangement.durationBeats);

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

    auto feel = parseFeel(body, *arrangement.style, request.defaultsUsed);
    if (!feel)
        return feel.error();
    arrangement.feel = *feel;

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
            return invalidPluginIdError(QStringLiteral("plugin_id"));
        request.pluginId = pluginId.toString();
    }
    return request;
}

} // namespace

Result<QJsonObject> requestProgression(const QJsonObject &body)
{
    return progressionOf(body);
}

Result<QList<ChordEvent>> requestChords(const QJsonObject &progression, double beatsPerBar, const RequestLimits &limits)
{
    return parseChords(progression, beatsPerBar, limits);
}

QList<ChordEvent> loopProgression(const QList<ChordEvent> &chords, double durationBeats)
{
    return chords.isEmpty() ? chords : loopToDuration(chords, durationBeats);
}

QList<SheetSection> requestSections(const QJsonObject &progression, const QList<ChordEvent> &chords, double beatsPerBar,
                                    double durationBeats)
{
    const QJsonValue sheet = progression.value(QStringLiteral("chords"));
    if (!sheet.isString() || chords.isEmpty())
        return {};
    const double progressionBeats = chords.last().startBeat + chords.last().durationBeats;
    return loopSections(chordSheetSections(sheet.toString(), beatsPerBar), progressionBeats, durationBeats);
}

} // namespace aiband
