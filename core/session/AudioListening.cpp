#include "AudioListening.h"

#include "generation/ChordDetectRequest.h"
#include "generation/RequestFields.h"
#include "music/Key.h"
#include "util/KnownFields.h"

#include <QJsonArray>
#include <QtEndian>

#include <cmath>
#include <cstring>

namespace aiband {
namespace {

// Chords kept for audio_stop: a chord a beat for three hours at 110 BPM; after that the oldest go.
constexpr qsizetype kMaxKeptChords = 20000;

Result<int> wholeNumberField(const QJsonObject &data, const QString &name, const QString &field, int min, int max)
{
    const QJsonValue value = data.value(name);
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::floor(number) != number || number < min || number > max)
        return fieldError(field, QStringLiteral("%1 is required: a whole number from %2 to %3").arg(field).arg(min).arg(max));
    return static_cast<int>(number);
}

Result<PcmSampleType> sampleTypeField(const QJsonObject &data, const QString &field)
{
    const QString text = data.value(QStringLiteral("sample_type")).toString();
    if (text == QLatin1String("f32le"))
        return PcmSampleType::F32le;
    if (text == QLatin1String("s16le"))
        return PcmSampleType::S16le;
    return fieldError(field, QStringLiteral("%1 is required: \"f32le\" (32-bit float) or \"s16le\" (16-bit integer), "
                                            "little-endian, channels interleaved").arg(field));
}

// The hints: key, tempo, time_signature, as a recording's query gives them.
std::optional<Error> readHints(const QJsonObject &data, const QString &prefix, AudioAnalysisOptions &options)
{
    if (data.contains(QStringLiteral("key"))) {
        Result<Key> key = parseKey(data.value(QStringLiteral("key")).toString());
        if (!key) {
            Error error = key.error();
            error.field = prefix + QStringLiteral("key");
            return error;
        }
        options.key = *key;
    }
    const auto tempo = optionalNumber(data, QStringLiteral("tempo"), prefix + QStringLiteral("tempo"), kMinTempo, kMaxTempo);
    if (!tempo)
        return tempo.error();
    options.tempoBpm = *tempo;
    if (data.contains(QStringLiteral("time_signature"))) {
        auto meter = parseTimeSignature(data.value(QStringLiteral("time_signature")), prefix + QStringLiteral("time_signature"));
        if (!meter)
            return meter.error();
        options.meter = *meter;
    }
    return std::nullopt;
}

} // namespace

Result<AudioStreamFormat> parseAudioStart(const QJsonObject &data, const QString &prefix)
{
    static const QStringList known{QStringLiteral("sample_rate"), QStringLiteral("channels"), QStringLiteral("sample_type"),
                                   QStringLiteral("key"), QStringLiteral("tempo"), QStringLiteral("time_signature")};
    if (auto unknown = unknownField(data, known, prefix))
        return *unknown;
    AudioStreamFormat format;
    const auto rate = wholeNumberField(data, QStringLiteral("sample_rate"), prefix + QStringLiteral("sample_rate"), 8000, 192000);
    if (!rate)
        return rate.error();
    const auto channels = wholeNumberField(data, QStringLiteral("channels"), prefix + QStringLiteral("channels"), 1, 2);
    if (!channels)
        return channels.error();
    const auto type = sampleTypeField(data, prefix + QStringLiteral("sample_type"));
    if (!type)
        return type.error();
    format.sampleRate = *rate;
    format.channels = *channels;
    format.sampleType = *type;
    if (auto problem = readHints(data, prefix, format.options))
        return *problem;
    return format;
}

AudioListening::AudioListening(const AudioStreamFormat &format)
    : m_format(format), m_stream(format.sampleRate, format.channels, format.options)
{
    m_started.start();
}

std::optional<Error> AudioListening::tooFast(qsizetype bytes) const
{
    const double seconds = secondsHeard() + static_cast<double>(bytes) / m_format.bytesPerFrame() / m_format.sampleRate;
    const double allowed = kHeadStartSeconds + kMaxSpeed * static_cast<double>(m_started.elapsed()) / 1000.0;
    if (seconds <= allowed)
        return std::nullopt;
    return makeError(QStringLiteral("audio_too_fast"),
                     QStringLiteral("the audio stream is %1 s ahead of the clock; a live input may run at most %2 times "
                                    "real time after a %3 s head start, so this frame was dropped "
                                    "(send a recording to POST /api/chords/detect instead)")
                         .arg(seconds - static_cast<double>(m_started.elapsed()) / 1000.0, 0, 'f', 1)
                         .arg(kMaxSpeed).arg(kHeadStartSeconds));
}

AudioChordStream::Update AudioListening::feed(QByteArrayView bytes)
{
    const qsizetype frameBytes = m_format.bytesPerFrame();
    m_partial.append(bytes.data(), bytes.size());
    const qsizetype frames = m_partial.size() / frameBytes;
    const qsizetype samples = frames * m_format.channels;
    m_samples.resize(static_cast<size_t>(samples));
    const char *from = m_partial.constData();
    for (qsizetype i = 0; i < samples; ++i) {
        if (m_format.sampleType == PcmSampleType::F32le) {
            m_samples[static_cast<size_t>(i)] = qFromLittleEndian<float>(from + i * 4);
        } else {
            m_samples[static_cast<size_t>(i)] = static_cast<float>(qFromLittleEndian<qint16>(from + i * 2)) / 32768.0f;
        }
    }
    m_partial.remove(0, frames * frameBytes);
    if (frames > 0)
        m_stream.push(m_samples.data(), frames);
    AudioChordStream::Update update = m_stream.takeUpdate();
    m_beats += update.beats.size();
    keep(update.chords);
    return update;
}

AudioChordStream::Update AudioListening::finish()
{
    m_stream.finish();
    AudioChordStream::Update update = m_stream.takeUpdate();
    m_beats += update.beats.size();
    keep(update.chords);
    return update;
}

void AudioListening::keep(const QList<HeardAudioChord> &chords)
{
    for (const HeardAudioChord &chord : chords) {
        if (!chord.final)
            continue;   // its beat's final chord follows
        if (!m_chords.isEmpty() && m_chords.last().chord == chord.chord) {
            HeardAudioChord &last = m_chords.last();
            last.confidence = (last.confidence * last.durationBeats + chord.confidence * chord.durationBeats)
                              / std::max(last.durationBeats + chord.durationBeats, 1e-9);
            last.durationBeats = chord.startBeat + chord.durationBeats - last.startBeat;
            last.durationSeconds = chord.startSeconds + chord.durationSeconds - last.startSeconds;
            continue;
        }
        m_chords.append(chord);
    }
    if (m_chords.size() > kMaxKeptChords)
        m_chords.remove(0, m_chords.size() - kMaxKeptChords);
}

QList<HeardAudioChord> AudioListening::chordsForBand(const QList<HeardAudioChord> &chords)
{
    QList<HeardAudioChord> forBand;
    for (const HeardAudioChord &chord : chords) {
        if (chord.startSeconds < m_bandChordStart - 1e-6)
            continue;   // history: the band already plays a later moment's chord
        m_bandChordStart = chord.startSeconds;
        // The band plays no N.C. (it holds its chord through a rest), so a chord after one is no change.
        if (chord.chord == m_bandChord || chord.chord == QLatin1String("N.C."))
            continue;
        m_bandChord = chord.chord;
        forBand.append(chord);
    }
    return forBand;
}

QJsonObject audioUpdateJson(const AudioChordStream::Update &update, double secondsHeard)
{
    QJsonArray beats;
    for (const AudioBeat &beat : update.beats)
        beats.append(QJsonObject{{QStringLiteral("seconds"), rounded(beat.seconds, 3)}, {QStringLiteral("downbeat"), beat.downbeat}});
    QJsonArray chords;
    for (const HeardAudioChord &chord : update.chords) {
        QJsonObject json = heardChordJson(chord);
        json.insert(QStringLiteral("final"), chord.final);
        if (chord.beforeTempo) {   // no beat grid yet
            json.insert(QStringLiteral("start_time"), QJsonValue::Null);
            json.insert(QStringLiteral("duration"), QJsonValue::Null);
        }
        chords.append(json);
    }
    return {{QStringLiteral("beats"), beats},
            {QStringLiteral("chords"), chords},
            {QStringLiteral("tempo"), std::round(update.tempoBpm * 10.0) / 10.0},
            {QStringLiteral("key"), update.key.name()},
            {QStringLiteral("seconds_heard"), rounded(secondsHeard, 3)}};
}

QJsonObject audioStoppedJson(const AudioListening &listening)
{
    QJsonArray chords;
    for (const HeardAudioChord &chord : listening.chordsHeard())
        chords.append(heardChordJson(chord));
    return {{QStringLiteral("seconds_heard"), rounded(listening.secondsHeard(), 3)},
            {QStringLiteral("beats_heard"), listening.beatsHeard()},
            {QStringLiteral("bytes_dropped"), listening.partialBytes()},
            {QStringLiteral("chords"), chords}};
}

} // namespace aiband
