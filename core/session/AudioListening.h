#pragma once

#include "listening/AudioChordStream.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace aiband {

enum class PcmSampleType { F32le, S16le };

// What audio_start declares (docs/PROTOCOL.md, "Listening to a live input"): the PCM that the
// binary frames after it carry, and the hints a recording's query takes.
struct AudioStreamFormat {
    int sampleRate = 0;
    int channels = 0;
    PcmSampleType sampleType = PcmSampleType::F32le;
    AudioAnalysisOptions options;

    int bytesPerFrame() const { return channels * (sampleType == PcmSampleType::F32le ? 4 : 2); }
};

// audio_start's data: {sample_rate, channels, sample_type, key?, tempo?, time_signature?}; errors
// name the field under `prefix`. Rates and channels as a recording's (8-192 kHz, mono or stereo).
Result<AudioStreamFormat> parseAudioStart(const QJsonObject &data, const QString &prefix);

// One live input being heard: PCM bytes in as they arrive over the socket, the recognizer's
// news out. Frames may be cut anywhere, even inside a sample: the bytes of an unfinished frame
// wait for the next call. Keeps every chord heard (merged where one holds) for audio_stop.
class AudioListening {
public:
    // A stream is a live input, heard on the server's thread as it arrives (a 50 ms frame costs
    // well under a millisecond). A client sending much faster than real time would hold that
    // thread for every other client: past a head start, frames that would put the stream more
    // than kMaxSpeed times ahead of the wall clock are refused (a file goes to POST
    // /api/chords/detect instead, on a worker).
    static constexpr double kMaxSpeed = 8.0;
    static constexpr double kHeadStartSeconds = 30.0;

    explicit AudioListening(const AudioStreamFormat &format);

    // Whether `bytes` more would take the stream past kMaxSpeed; the error to send when so.
    std::optional<Error> tooFast(qsizetype bytes) const;

    AudioChordStream::Update feed(QByteArrayView bytes);
    // The end of the stream: what the recognizer still held back for lookahead (the bytes of an
    // unfinished frame are dropped: partialBytes() says how many).
    AudioChordStream::Update finish();
    qsizetype partialBytes() const { return m_partial.size(); }
    double secondsHeard() const { return m_stream.secondsHeard(); }
    const AudioStreamFormat &format() const { return m_format; }
    // Every final chord so far, back to back, repeats merged.
    const QList<HeardAudioChord> &chordsHeard() const { return m_chords; }
    // Of an update's chords, those a live band should play, in order: each the newest word on
    // the moment it starts at, and a change from the chord last given to the band. A final chord
    // that confirms its provisional one is not sent again; one that corrects it is; a final chord
    // of a moment older than the last one sent (the band has moved on) is not.
    QList<HeardAudioChord> chordsForBand(const QList<HeardAudioChord> &chords);
    qint64 beatsHeard() const { return m_beats; }

private:
    void keep(const QList<HeardAudioChord> &chords);

    AudioStreamFormat m_format;
    AudioChordStream m_stream;
    QElapsedTimer m_started;
    QByteArray m_partial;          // the start of a frame cut by the end of a message
    std::vector<float> m_samples;  // reused between messages
    QList<HeardAudioChord> m_chords;
    qint64 m_beats = 0;
    QString m_bandChord;            // the chord last given to the band
    double m_bandChordStart = -1;   // and the second of the stream it started at
};

// audio_chords' data: the beats and chords (each with `final`; before the tempo is known
// start_time and duration null) an update brings, the tempo (0 while not known) and key so far.
QJsonObject audioUpdateJson(const AudioChordStream::Update &update, double secondsHeard);
// audio_stopped's data: how much was heard and every chord.
QJsonObject audioStoppedJson(const AudioListening &listening);

} // namespace aiband
