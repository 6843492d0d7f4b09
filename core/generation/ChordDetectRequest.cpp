#include "ChordDetectRequest.h"

#include "RequestFields.h"
#include "music/Meter.h"
#include "music/MidiFile.h"
#include "music/MidiReader.h"
#include "util/KnownFields.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace aiband {
namespace {

constexpr int kDefaultVelocity = 100;

Result<ChordResolution> parseResolution(const QString &text, const QString &field)
{
    if (text == QLatin1String("beat"))
        return ChordResolution::Beat;
    if (text == QLatin1String("bar"))
        return ChordResolution::Bar;
    return fieldError(field, QStringLiteral("resolution must be \"beat\" or \"bar\", not \"%1\"").arg(text));
}

Result<std::optional<Key>> parseOptionalKey(const std::optional<QString> &text, const QString &field)
{
    if (!text)
        return std::optional<Key>{};
    Result<Key> key = parseKey(*text);
    if (!key) {
        Error error = key.error();
        error.field = field;
        return error;
    }
    return std::optional<Key>{*key};
}

// A whole number from min to max, or the error naming `field`.
Result<int> wholeNumber(const QJsonValue &value, const QString &field, int min, int max)
{
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(number) || std::floor(number) != number || number < min || number > max)
        return fieldError(field, QStringLiteral("%1 must be a whole number from %2 to %3").arg(field).arg(min).arg(max));
    return static_cast<int>(number);
}

Result<double> beats(const QJsonObject &note, const QString &name, const QString &field, bool positive)
{
    const QJsonValue value = note.value(name);
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(number) || number < 0.0 || (positive && number <= 0.0))
        return fieldError(field, QStringLiteral("%1 must be a number of beats, %2").arg(field,
                                                positive ? QStringLiteral("more than 0") : QStringLiteral("0 or more")));
    return number;
}

QString tooManyNotes(const RequestLimits &limits, qsizetype count)
{
    return QStringLiteral("at most %1 notes (64 a bar of engine.max_bars), got %2").arg(limits.maxNotes()).arg(count);
}

// The checks every source of notes shares: some notes, not too many, a song not too long. In a
// JSON body they are the notes field's (invalid_field, naming it); a MIDI file has codes of its own.
std::optional<Error> checkNotes(const std::vector<PlayedNote> &notes, const TimeSignature &meter,
                                const RequestLimits &limits, const std::optional<QString> &jsonField)
{
    const auto problem = [&](const char *code, const QString &message) {
        return jsonField ? fieldError(*jsonField, message) : makeError(QLatin1String(code), message);
    };
    if (notes.empty())
        return problem("no_notes", QStringLiteral("there are no pitched notes to read chords from"));
    if (static_cast<qsizetype>(notes.size()) > limits.maxNotes())
        return problem("too_many_notes", tooManyNotes(limits, static_cast<qsizetype>(notes.size())));
    double end = 0.0;
    for (const PlayedNote &note : notes)
        end = std::max(end, note.startBeat + note.durationBeats);
    if (end > limits.maxBeats(meter.beatsPerBar()))
        return problem("song_too_long", QStringLiteral("the notes last %1 beats; at most %2 bars (engine.max_bars) of %3, %4 beats")
                                            .arg(end).arg(limits.maxBars).arg(meter.name()).arg(limits.maxBeats(meter.beatsPerBar())));
    return std::nullopt;
}

Result<std::vector<PlayedNote>> parseNotes(const QJsonObject &body, const RequestLimits &limits, const QString &prefix)
{
    const QString field = prefix + QStringLiteral("notes");
    if (!body.contains(QStringLiteral("notes")))
        return fieldError(field, QStringLiteral("notes is required: the notes played, [{pitch, start, duration, velocity}] in beats"));
    if (!body.value(QStringLiteral("notes")).isArray())
        return fieldError(field, QStringLiteral("notes must be an array of {pitch, start, duration, velocity}"));
    const QJsonArray array = body.value(QStringLiteral("notes")).toArray();
    if (array.size() > limits.maxNotes())
        return fieldError(field, tooManyNotes(limits, array.size()));  // before reading any of them
    std::vector<PlayedNote> notes;
    notes.reserve(static_cast<size_t>(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto note = parsePlayedNote(array.at(i), QStringLiteral("%1[%2]").arg(field).arg(i), QStringLiteral("start"));
        if (!note)
            return note.error();
        notes.push_back(*note);
    }
    return notes;
}

// The options shared by both forms: resolution and key, from the body or the query.
std::optional<Error> readOptions(ChordDetectRequest &request, const std::optional<QString> &resolution,
                                 const std::optional<QString> &key, const QString &prefix)
{
    if (resolution) {
        const auto parsed = parseResolution(*resolution, prefix + QStringLiteral("resolution"));
        if (!parsed)
            return parsed.error();
        request.options.resolution = *parsed;
    }
    const auto parsedKey = parseOptionalKey(key, prefix + QStringLiteral("key"));
    if (!parsedKey)
        return parsedKey.error();
    request.options.key = *parsedKey;
    return std::nullopt;
}

Result<std::optional<QString>> optionalString(const QJsonObject &body, const QString &name, const QString &field)
{
    if (!body.contains(name) || body.value(name).isNull())
        return std::optional<QString>{};
    if (!body.value(name).isString())
        return fieldError(field, QStringLiteral("%1 must be a string").arg(field));
    return std::optional<QString>{body.value(name).toString()};
}

// ?tempo=: beats a minute, as a generation request's tempo.
Result<double> parseTempoParameter(const QString &text)
{
    bool ok = false;
    const double tempo = text.toDouble(&ok);
    if (!ok || !std::isfinite(tempo) || tempo < kMinTempo || tempo > kMaxTempo)
        return fieldError(QStringLiteral("tempo"), QStringLiteral("tempo must be a number of beats a minute from %1 to %2, not \"%3\"")
                                                       .arg(kMinTempo).arg(kMaxTempo).arg(text));
    return tempo;
}

// ---- recordings

// A stretch of the answer: the chord heard there, in beats of the tracked grid (a bar's leaves
// durationSeconds unset: the answer does not give it).
using ChordSpan = HeardAudioChord;

// The beat of the grid the first downbeat falls on: what comes before it is a pickup.
double pickupBeats(const AudioChordAnalysis &analysis)
{
    for (qsizetype i = 0; i < analysis.beats.size(); ++i) {
        if (analysis.beats[i].downbeat)
            return static_cast<double>(i);
    }
    return 0.0;
}

// Where `beat` falls in seconds, inside a chord heard there.
double secondsAt(const HeardAudioChord &chord, double beat)
{
    if (chord.durationBeats <= 0.0)
        return chord.startSeconds;
    return chord.startSeconds + (beat - chord.startBeat) * chord.durationSeconds / chord.durationBeats;
}

QList<ChordSpan> beatSpans(const AudioChordAnalysis &analysis)
{
    return analysis.chords;
}

// One chord a bar (the pickup before the first downbeat is a bar of its own): the chord heard
// over most of it, with the confidence of the beats it won, and repeats merged.
QList<ChordSpan> barSpans(const AudioChordAnalysis &analysis, double beatsPerBar)
{
    QList<ChordSpan> spans;
    if (analysis.chords.isEmpty())
        return spans;
    const double pickup = pickupBeats(analysis);
    const HeardAudioChord &last = analysis.chords.last();
    const double end = last.startBeat + last.durationBeats;
    double barStart = 0.0;
    while (barStart < end) {
        const double barEnd = barStart < pickup ? pickup : std::min(barStart + beatsPerBar, end);
        QHash<QString, double> held;
        QHash<QString, double> weighted;
        double startSeconds = 0.0;
        for (const HeardAudioChord &chord : analysis.chords) {
            const double overlap = std::min(barEnd, chord.startBeat + chord.durationBeats) - std::max(barStart, chord.startBeat);
            if (overlap <= 0.0)
                continue;
            if (chord.startBeat <= barStart)
                startSeconds = secondsAt(chord, barStart);
            held[chord.chord] += overlap;
            weighted[chord.chord] += overlap * chord.confidence;
        }
        QString best;
        for (auto it = held.cbegin(); it != held.cend(); ++it) {
            if (best.isEmpty() || it.value() > held.value(best) || (it.value() == held.value(best) && it.key() < best))
                best = it.key();
        }
        const double confidence = weighted.value(best) / held.value(best);
        if (!spans.isEmpty() && spans.last().chord == best) {
            ChordSpan &previous = spans.last();
            const double length = barEnd - barStart;
            previous.confidence = (previous.confidence * previous.durationBeats + confidence * length) / (previous.durationBeats + length);
            previous.durationBeats += length;
        } else {
            spans.append({.chord = best, .startBeat = barStart, .durationBeats = barEnd - barStart, .startSeconds = startSeconds, .confidence = confidence});
        }
        barStart = barEnd;
    }
    return spans;
}

// The spans from the first downbeat on, moved so that it is beat 0: a generation request's
// chords, whose bars then fall on the recording's.
QJsonArray progressionFrom(const QList<ChordSpan> &spans, double pickup)
{
    QJsonArray chords;
    for (const ChordSpan &span : spans) {
        const double start = std::max(span.startBeat, pickup);
        const double end = span.startBeat + span.durationBeats;
        if (end <= start)
            continue;
        chords.append(QJsonObject{{QStringLiteral("chord"), span.chord},
                                  {QStringLiteral("start_time"), rounded(start - pickup, 3)},
                                  {QStringLiteral("duration"), rounded(end - start, 3)}});
    }
    return chords;
}

} // namespace

Result<PlayedNote> parsePlayedNote(const QJsonValue &value, const QString &field, const QString &startName)
{
    if (!value.isObject())
        return fieldError(field, QStringLiteral("%1 must be an object with pitch, %2 and duration").arg(field, startName));
    const QJsonObject note = value.toObject();
    const QStringList known{QStringLiteral("pitch"), startName, QStringLiteral("duration"), QStringLiteral("velocity")};
    if (auto unknown = unknownField(note, known, field + QLatin1Char('.')))
        return *unknown;
    for (const QString &needed : {QStringLiteral("pitch"), startName, QStringLiteral("duration")}) {
        if (!note.contains(needed))
            return fieldError(field + QLatin1Char('.') + needed, QStringLiteral("%1.%2 is required").arg(field, needed));
    }
    const auto pitch = wholeNumber(note.value(QStringLiteral("pitch")), field + QStringLiteral(".pitch"), 0, 127);
    if (!pitch)
        return pitch.error();
    const auto start = beats(note, startName, field + QLatin1Char('.') + startName, false);
    if (!start)
        return start.error();
    const auto duration = beats(note, QStringLiteral("duration"), field + QStringLiteral(".duration"), true);
    if (!duration)
        return duration.error();
    int velocity = kDefaultVelocity;
    if (note.contains(QStringLiteral("velocity"))) {
        const auto given = wholeNumber(note.value(QStringLiteral("velocity")), field + QStringLiteral(".velocity"), 1, 127);
        if (!given)
            return given.error();
        velocity = *given;
    }
    return PlayedNote{*start, *duration, *pitch, velocity};
}

Result<ChordDetectRequest> parseChordDetectJson(const QJsonObject &body, const RequestLimits &limits, const QString &prefix)
{
    static const QStringList known{QStringLiteral("notes"), QStringLiteral("tempo"), QStringLiteral("time_signature"),
                                   QStringLiteral("resolution"), QStringLiteral("key")};
    if (auto unknown = unknownField(body, known, prefix))
        return *unknown;
    ChordDetectRequest request;
    if (body.contains(QStringLiteral("time_signature"))) {
        auto meter = parseTimeSignature(body.value(QStringLiteral("time_signature")), prefix + QStringLiteral("time_signature"));
        if (!meter)
            return meter.error();
        request.options.meter = *meter;
    }
    const auto tempo = optionalNumber(body, QStringLiteral("tempo"), prefix + QStringLiteral("tempo"), kMinTempo, kMaxTempo);
    if (!tempo)
        return tempo.error();
    request.tempoBpm = tempo->value_or(request.tempoBpm);
    const auto resolution = optionalString(body, QStringLiteral("resolution"), prefix + QStringLiteral("resolution"));
    if (!resolution)
        return resolution.error();
    const auto key = optionalString(body, QStringLiteral("key"), prefix + QStringLiteral("key"));
    if (!key)
        return key.error();
    if (auto problem = readOptions(request, *resolution, *key, prefix))
        return *problem;
    auto notes = parseNotes(body, limits, prefix);
    if (!notes)
        return notes.error();
    request.notes = std::move(notes).value();
    if (auto problem = checkNotes(request.notes, request.options.meter, limits, prefix + QStringLiteral("notes")))
        return *problem;
    return request;
}

Result<ChordDetectRequest> parseChordDetectMidi(const QByteArray &file, const ChordDetectQuery &query,
                                                const RequestLimits &limits)
{
    Result<MidiSong> song = readMidiFile(file);
    if (!song)
        return song.error();
    ChordDetectRequest request;
    request.tempoBpm = std::clamp(song->tempoBpm, kMinTempo, kMaxTempo);
    if (query.tempo) {
        const auto tempo = parseTempoParameter(*query.tempo);
        if (!tempo)
            return tempo.error();
        request.tempoBpm = *tempo;
    }
    request.options.meter = song->timeSignature;
    if (query.timeSignature) {
        auto meter = parseTimeSignature(*query.timeSignature, QStringLiteral("time_signature"));
        if (!meter)
            return meter.error();
        request.options.meter = *meter;
    } else if (!isSupportedMeter(song->timeSignature)) {
        return fieldError(QStringLiteral("time_signature"),
                          QStringLiteral("the file's time signature %1 is not one the engine plays; "
                                         "give one with ?time_signature=, such as 4/4").arg(song->timeSignature.name()));
    }
    if (auto problem = readOptions(request, query.resolution, query.key, {}))
        return *problem;
    request.notes = pitchedNotes(*song, static_cast<std::size_t>(limits.maxNotes()));  // more are refused below
    if (auto problem = checkNotes(request.notes, request.options.meter, limits, std::nullopt))
        return *problem;
    return request;
}

QJsonObject chordDetectionJson(const ChordDetection &detection, const ChordDetectRequest &request)
{
    QJsonArray chords;
    QJsonArray progression;
    const double secondsPerBeat = 60.0 / request.tempoBpm;
    for (const DetectedChord &chord : detection.chords) {
        // The request format's entry, then what only the detection knows.
        QJsonObject entry{{QStringLiteral("chord"), chord.event.chord.canonical()},
                          {QStringLiteral("start_time"), chord.event.startBeat},
                          {QStringLiteral("duration"), chord.event.durationBeats}};
        progression.append(entry);
        entry.insert(QStringLiteral("start_seconds"), rounded(chord.event.startBeat * secondsPerBeat, 3));
        entry.insert(QStringLiteral("confidence"), chord.confidence);
        chords.append(entry);
    }
    const QString meter = request.options.meter.name();
    return {{QStringLiteral("chords"), chords},
            {QStringLiteral("key"), detection.key.name()},
            {QStringLiteral("key_detected"), detection.keyDetected},
            {QStringLiteral("tempo"), request.tempoBpm},
            {QStringLiteral("time_signature"), meter},
            {QStringLiteral("resolution"),
             request.options.resolution == ChordResolution::Bar ? QStringLiteral("bar") : QStringLiteral("beat")},
            {QStringLiteral("length_beats"), detection.lengthBeats},
            {QStringLiteral("notes_read"), static_cast<qint64>(request.notes.size())},
            {QStringLiteral("chord_progression"),
             QJsonObject{{QStringLiteral("chords"), progression},
                         {QStringLiteral("tempo"), request.tempoBpm},
                         {QStringLiteral("time_signature"), meter},
                         {QStringLiteral("key"), detection.key.name()}}}};
}

Result<AudioChordDetectRequest> parseAudioChordDetect(const ChordDetectQuery &query)
{
    AudioChordDetectRequest request;
    if (query.resolution) {
        const auto resolution = parseResolution(*query.resolution, QStringLiteral("resolution"));
        if (!resolution)
            return resolution.error();
        request.resolution = *resolution;
    }
    const auto key = parseOptionalKey(query.key, QStringLiteral("key"));
    if (!key)
        return key.error();
    request.analysis.key = *key;
    if (query.timeSignature) {
        auto meter = parseTimeSignature(*query.timeSignature, QStringLiteral("time_signature"));
        if (!meter)
            return meter.error();
        request.analysis.meter = *meter;
    }
    if (query.tempo) {
        const auto tempo = parseTempoParameter(*query.tempo);
        if (!tempo)
            return tempo.error();
        request.analysis.tempoBpm = *tempo;
    }
    return request;
}

double rounded(double value, double places)
{
    const double scale = std::pow(10.0, places);
    return std::round(value * scale) / scale;
}

QJsonObject heardChordJson(const HeardAudioChord &chord)
{
    return {{QStringLiteral("chord"), chord.chord},
            {QStringLiteral("start_time"), rounded(chord.startBeat, 3)},
            {QStringLiteral("duration"), rounded(chord.durationBeats, 3)},
            {QStringLiteral("start_seconds"), rounded(chord.startSeconds, 3)},
            {QStringLiteral("confidence"), rounded(chord.confidence, 3)}};
}

QJsonObject audioChordDetectionJson(const HeardRecording &heard, const AudioChordDetectRequest &request)
{
    const AudioChordAnalysis &analysis = heard.analysis;
    const bool byBar = request.resolution == ChordResolution::Bar;
    const QList<ChordSpan> spans = byBar ? barSpans(analysis, analysis.meter.beatsPerBar()) : beatSpans(analysis);
    QJsonArray chords;
    for (const ChordSpan &span : spans)
        chords.append(heardChordJson(span));
    QJsonArray beats;
    QJsonArray downbeats;
    for (const AudioBeat &beat : analysis.beats) {
        beats.append(rounded(beat.seconds, 3));
        if (beat.downbeat)
            downbeats.append(rounded(beat.seconds, 3));
    }
    const double pickup = pickupBeats(analysis);
    double length = 0.0;
    if (!analysis.chords.isEmpty())
        length = analysis.chords.last().startBeat + analysis.chords.last().durationBeats;
    const double tempo = rounded(std::clamp(analysis.tempoBpm, kMinTempo, kMaxTempo), 1);
    const QString meter = analysis.meter.name();
    const QString key = analysis.key.name();
    return {{QStringLiteral("chords"), chords},
            {QStringLiteral("key"), key},
            {QStringLiteral("key_detected"), !request.analysis.key.has_value()},
            {QStringLiteral("tempo"), tempo},
            {QStringLiteral("time_signature"), meter},
            {QStringLiteral("resolution"), byBar ? QStringLiteral("bar") : QStringLiteral("beat")},
            {QStringLiteral("length_beats"), rounded(length, 3)},
            {QStringLiteral("beats"), beats},
            {QStringLiteral("downbeats"), downbeats},
            {QStringLiteral("pickup_beats"), pickup},
            {QStringLiteral("seconds"), rounded(analysis.seconds, 3)},
            {QStringLiteral("tuning_cents"), rounded(analysis.tuningCents, 1)},
            {QStringLiteral("sample_rate"), heard.sampleRate},
            {QStringLiteral("channels"), heard.channels},
            {QStringLiteral("chord_progression"),
             QJsonObject{{QStringLiteral("chords"), progressionFrom(spans, pickup)},
                         {QStringLiteral("tempo"), tempo},
                         {QStringLiteral("time_signature"), meter},
                         {QStringLiteral("key"), key}}}};
}

} // namespace aiband
