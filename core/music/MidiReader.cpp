#include "MidiReader.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>

namespace aiband {
namespace {

QString hexByte(quint8 value)
{
    return QStringLiteral("0x") + QString::number(value, 16).toUpper().rightJustified(2, QLatin1Char('0'));
}

Error invalidAt(qsizetype offset, const QString &what)
{
    return makeError(QStringLiteral("invalid_midi"),
                     QStringLiteral("invalid MIDI file at byte offset %1: %2").arg(offset).arg(what));
}

// A bounds-checked view of bytes [begin, end) of the file. Every read says whether it fitted;
// nothing is read past `end`.
class Cursor {
public:
    Cursor(const QByteArray &bytes, qsizetype begin, qsizetype end)
        : m_data(reinterpret_cast<const quint8 *>(bytes.constData())), m_pos(begin), m_end(end)
    {
    }

    qsizetype offset() const { return m_pos; }
    qsizetype remaining() const { return m_end - m_pos; }
    bool atEnd() const { return m_pos >= m_end; }

    bool byte(quint8 &out)
    {
        if (m_pos >= m_end)
            return false;
        out = m_data[m_pos++];
        return true;
    }

    bool bigEndian(int count, quint32 &out)
    {
        if (remaining() < count)
            return false;
        out = 0;
        for (int i = 0; i < count; ++i)
            out = (out << 8) | m_data[m_pos++];
        return true;
    }

    bool skip(qsizetype count)
    {
        if (count < 0 || remaining() < count)
            return false;
        m_pos += count;
        return true;
    }

    QByteArray take(qsizetype count)
    {
        QByteArray out(reinterpret_cast<const char *>(m_data + m_pos), count);
        m_pos += count;
        return out;
    }

private:
    const quint8 *m_data;
    qsizetype m_pos;
    qsizetype m_end;
};

struct TrackData {
    std::optional<QString> name;
    std::optional<int> channel;
    std::optional<int> program;
    std::optional<int> volume;  // controller 7 at tick 0
    std::optional<int> pan;     // controller 10 at tick 0
    std::vector<Note> notes;  // in the file's ticks
    qint64 endTick = 0;
    std::optional<quint32> microsPerQuarter;
    std::optional<TimeSignature> timeSignature;
    std::optional<Key> key;
};

// A part's volume or pan as the track sets it at tick 0 (the mix writeMidiFile writes); the last
// value at tick 0 is where the part starts.
void readMixController(TrackData &data, int controller, int value)
{
    if (controller == 0x07)
        data.volume = value;
    else if (controller == 0x0A)
        data.pan = value;
}

// Variable-length quantity: at most four bytes, seven bits each.
std::optional<Error> readVariableLength(Cursor &in, int track, const char *what, quint32 &out)
{
    const qsizetype start = in.offset();
    out = 0;
    for (int i = 0; i < 4; ++i) {
        quint8 byte = 0;
        if (!in.byte(byte))
            return invalidAt(in.offset(), QStringLiteral("track %1 ends inside the %2 that starts at byte offset %3")
                                              .arg(track).arg(QLatin1String(what)).arg(start));
        out = (out << 7) | (byte & 0x7F);
        if ((byte & 0x80) == 0)
            return std::nullopt;
    }
    return invalidAt(start, QStringLiteral("%1 in track %2 is longer than the 4 bytes a variable-length "
                                           "quantity may have")
                                .arg(QLatin1String(what)).arg(track));
}

Key keyFromSignature(int sharps, bool minor)
{
    // Each sharp moves the major tonic a fifth up; the relative minor is three semitones below.
    const int major = ((sharps * 7) % 12 + 12) % 12;
    return Key{minor ? (major + 9) % 12 : major, minor};
}

std::optional<Error> readMeta(Cursor &in, int track, qsizetype eventStart, qint64 tick, TrackData &data,
                              bool &ended)
{
    quint8 type = 0;
    if (!in.byte(type))
        return invalidAt(in.offset(), QStringLiteral("track %1 ends inside the meta event that starts at byte "
                                                     "offset %2 (no type byte)")
                                          .arg(track).arg(eventStart));
    quint32 length = 0;
    if (auto error = readVariableLength(in, track, "meta event length", length))
        return error;
    if (length > static_cast<quint64>(in.remaining()))
        return invalidAt(eventStart, QStringLiteral("meta event %1 in track %2 says it has %3 bytes of data, but "
                                                    "only %4 remain in the track")
                                         .arg(hexByte(type)).arg(track).arg(length).arg(in.remaining()));
    const qsizetype dataStart = in.offset();
    const QByteArray payload = in.take(static_cast<qsizetype>(length));
    const auto at = [&payload](int i) { return static_cast<quint8>(payload[i]); };
    const auto tooShort = [&](const char *name, int needed) {
        return invalidAt(dataStart, QStringLiteral("%1 meta event in track %2 has %3 bytes of data, expected %4")
                                        .arg(QLatin1String(name)).arg(track).arg(length).arg(needed));
    };

    switch (type) {
    case 0x2F:
        data.endTick = tick;
        ended = true;
        break;
    case 0x03:
        if (!data.name)
            data.name = QString::fromUtf8(payload);
        break;
    case 0x51: {
        if (length < 3)
            return tooShort("tempo", 3);
        const quint32 micros = (quint32(at(0)) << 16) | (quint32(at(1)) << 8) | at(2);
        if (micros == 0)
            return invalidAt(dataStart, QStringLiteral("tempo meta event in track %1 sets 0 microseconds per "
                                                       "quarter note")
                                            .arg(track));
        if (!data.microsPerQuarter)
            data.microsPerQuarter = micros;
        break;
    }
    case 0x58: {
        if (length < 4)
            return tooShort("time signature", 4);
        const int numerator = at(0);
        const int power = at(1);
        if (numerator == 0 || power > 6)
            return invalidAt(dataStart, QStringLiteral("time signature %1/2^%2 in track %3 is not a meter")
                                            .arg(numerator).arg(power).arg(track));
        if (!data.timeSignature)
            data.timeSignature = TimeSignature{numerator, 1 << power};
        break;
    }
    case 0x59: {
        if (length < 2)
            return tooShort("key signature", 2);
        const int sharps = static_cast<qint8>(at(0));
        const int mode = at(1);
        if (sharps < -7 || sharps > 7 || mode > 1)
            return invalidAt(dataStart, QStringLiteral("key signature in track %1 has %2 sharps and mode %3; "
                                                       "expected -7 to 7 sharps and mode 0 (major) or 1 (minor)")
                                            .arg(track).arg(sharps).arg(mode));
        if (!data.key)
            data.key = keyFromSignature(sharps, mode == 1);
        break;
    }
    default:
        break; // text, markers, sequencer-specific and the like: not part of the song model
    }
    return std::nullopt;
}

Result<TrackData> readTrack(const QByteArray &bytes, qsizetype begin, qsizetype end, int track)
{
    TrackData data;
    Cursor in(bytes, begin, end);
    qint64 tick = 0;
    quint8 runningStatus = 0;
    std::map<int, std::deque<size_t>> sounding;  // channel * 128 + pitch -> indexes into data.notes

    bool ended = false;
    while (!ended) {
        if (in.atEnd())
            return invalidAt(in.offset(), QStringLiteral("track %1 ends without an end-of-track meta event").arg(track));
        quint32 delta = 0;
        if (auto error = readVariableLength(in, track, "delta time", delta))
            return *error;
        tick += delta;

        const qsizetype eventStart = in.offset();
        quint8 first = 0;
        if (!in.byte(first))
            return invalidAt(in.offset(), QStringLiteral("track %1 ends after a delta time, before its event").arg(track));

        if (first == 0xFF) {
            runningStatus = 0;
            if (auto error = readMeta(in, track, eventStart, tick, data, ended))
                return *error;
            continue;
        }
        if (first == 0xF0 || first == 0xF7) {
            runningStatus = 0;
            quint32 length = 0;
            if (auto error = readVariableLength(in, track, "sysex length", length))
                return *error;
            if (!in.skip(static_cast<qsizetype>(length)))
                return invalidAt(eventStart, QStringLiteral("sysex event in track %1 says it has %2 bytes, but only "
                                                            "%3 remain in the track")
                                                 .arg(track).arg(length).arg(in.remaining()));
            continue;
        }
        if (first > 0xF0)
            return invalidAt(eventStart, QStringLiteral("status byte %1 (system common or real-time) cannot appear "
                                                        "in a MIDI file (track %2)")
                                             .arg(hexByte(first)).arg(track));

        quint8 status = first;
        int dataBytes[2] = {0, 0};
        int have = 0;
        if (first < 0x80) {
            if (runningStatus == 0)
                return invalidAt(eventStart, QStringLiteral("data byte %1 where a status byte was expected, and no "
                                                            "running status is in effect (track %2)")
                                                 .arg(hexByte(first)).arg(track));
            status = runningStatus;
            dataBytes[have++] = first;
        }
        runningStatus = status;
        const int kind = status & 0xF0;
        const int channel = status & 0x0F;
        const int needed = (kind == 0xC0 || kind == 0xD0) ? 1 : 2;
        while (have < needed) {
            quint8 value = 0;
            if (!in.byte(value))
                return invalidAt(in.offset(), QStringLiteral("track %1 ends inside the channel message %2 that "
                                                             "starts at byte offset %3")
                                                  .arg(track).arg(hexByte(status)).arg(eventStart));
            if (value & 0x80)
                return invalidAt(in.offset() - 1, QStringLiteral("expected a data byte (0-127) in channel message %1 "
                                                                 "(track %2), found %3")
                                                      .arg(hexByte(status)).arg(track).arg(hexByte(value)));
            dataBytes[have++] = value;
        }

        if (!data.channel)
            data.channel = channel;
        const int key = channel * 128 + dataBytes[0];
        if (kind == 0x90 && dataBytes[1] > 0) {
            sounding[key].push_back(data.notes.size());
            data.notes.push_back(Note{tick, 0, dataBytes[0], dataBytes[1]});
        } else if (kind == 0x80 || kind == 0x90) {
            auto open = sounding.find(key);
            if (open != sounding.end() && !open->second.empty()) {
                Note &note = data.notes[open->second.front()];
                note.durationTicks = tick - note.startTick;
                open->second.pop_front();
            } // a note-off with no note sounding changes nothing
        } else if (kind == 0xC0 && !data.program) {
            data.program = dataBytes[0];
        } else if (kind == 0xB0 && tick == 0) {
            readMixController(data, dataBytes[0], dataBytes[1]);
        }
    }

    for (const auto &[key, open] : sounding)
        for (size_t index : open)
            data.notes[index].durationTicks = data.endTick - data.notes[index].startTick;
    return data;
}

qint64 toQuarterTicks(qint64 tick, int division)
{
    if (division == kTicksPerQuarter)
        return tick;
    // Split to keep the multiplication small: ticks can be large, the remainder cannot.
    return (tick / division) * kTicksPerQuarter + ((tick % division) * kTicksPerQuarter + division / 2) / division;
}

} // namespace

Result<MidiSong> readMidiFile(const QByteArray &bytes)
{
    Cursor in(bytes, 0, bytes.size());
    quint32 id = 0;
    if (!in.bigEndian(4, id))
        return invalidAt(in.offset(), QStringLiteral("the file is %1 bytes long, too short for the \"MThd\" header")
                                          .arg(bytes.size()));
    if (id != 0x4D546864) // "MThd"
        return invalidAt(0, QStringLiteral("not a Standard MIDI File: it does not start with \"MThd\""));
    quint32 headerLength = 0;
    quint32 format = 0;
    quint32 trackCount = 0;
    quint32 division = 0;
    if (!in.bigEndian(4, headerLength))
        return invalidAt(in.offset(), QStringLiteral("the file ends inside the header chunk's length"));
    if (headerLength < 6)
        return invalidAt(4, QStringLiteral("the header chunk has %1 bytes of data, expected at least 6").arg(headerLength));
    if (!in.bigEndian(2, format) || !in.bigEndian(2, trackCount) || !in.bigEndian(2, division))
        return invalidAt(in.offset(), QStringLiteral("the file ends inside the header chunk (%1 bytes long)")
                                          .arg(bytes.size()));
    if (!in.skip(static_cast<qsizetype>(headerLength - 6)))
        return invalidAt(in.offset(), QStringLiteral("the header chunk says it has %1 bytes of data, but the file "
                                                     "ends before that")
                                          .arg(headerLength));
    if (format > 1)
        return invalidAt(8, QStringLiteral("MIDI file format %1 is not supported (only 0 and 1)").arg(format));
    if (trackCount == 0)
        return invalidAt(10, QStringLiteral("the header announces no tracks"));
    if (format == 0 && trackCount != 1)
        return invalidAt(10, QStringLiteral("a format 0 file has one track, the header announces %1").arg(trackCount));
    if (division & 0x8000)
        return invalidAt(12, QStringLiteral("SMPTE time division (%1) is not supported, only ticks per quarter note")
                                 .arg(hexByte(static_cast<quint8>(division >> 8))));
    if (division == 0)
        return invalidAt(12, QStringLiteral("the header sets 0 ticks per quarter note"));

    std::vector<TrackData> tracks;
    while (tracks.size() < trackCount) {
        const qsizetype chunkStart = in.offset();
        if (in.atEnd())
            return invalidAt(chunkStart, QStringLiteral("the header announces %1 tracks, but the file ends after %2")
                                             .arg(trackCount).arg(tracks.size()));
        quint32 chunkId = 0;
        quint32 length = 0;
        if (!in.bigEndian(4, chunkId) || !in.bigEndian(4, length))
            return invalidAt(chunkStart, QStringLiteral("the file ends inside a chunk header (8 bytes), %1 bytes "
                                                        "remain")
                                             .arg(bytes.size() - chunkStart));
        if (length > static_cast<quint64>(in.remaining()))
            return invalidAt(chunkStart, QStringLiteral("chunk %1 says it has %2 bytes of data, but only %3 remain "
                                                        "in the file")
                                             .arg(tracks.size() + 1).arg(length).arg(in.remaining()));
        const qsizetype dataStart = in.offset();
        in.skip(static_cast<qsizetype>(length));
        if (chunkId != 0x4D54726B) // "MTrk"; other chunks are to be skipped, says the standard
            continue;
        Result<TrackData> track = readTrack(bytes, dataStart, dataStart + static_cast<qsizetype>(length),
                                            static_cast<int>(tracks.size()));
        if (!track)
            return track.error();
        tracks.push_back(std::move(track).value());
    }

    const int ticksPerQuarter = static_cast<int>(division);
    MidiSong song;
    song.title = tracks.front().name.value_or(QString());
    bool haveTempo = false;
    bool haveMeter = false;
    bool haveKey = false;
    for (const TrackData &track : tracks) {
        if (!haveTempo && track.microsPerQuarter) {
            song.tempoBpm = 60'000'000.0 / *track.microsPerQuarter;
            haveTempo = true;
        }
        if (!haveMeter && track.timeSignature) {
            song.timeSignature = *track.timeSignature;
            haveMeter = true;
        }
        if (!haveKey && track.key) {
            song.key = *track.key;
            haveKey = true;
        }
        song.endTick = std::max(song.endTick, toQuarterTicks(track.endTick, ticksPerQuarter));
        if (track.notes.empty())
            continue;
        MidiPart part;
        part.name = track.name.value_or(QString());
        part.channel = track.channel.value_or(0);
        part.program = track.program.value_or(0);
        if (track.volume || track.pan)
            part.mix = PartMix{track.volume.value_or(PartMix::kDefaultVolume), track.pan.value_or(PartMix::kCentre)};
        part.notes.reserve(track.notes.size());
        for (const Note &note : track.notes) {
            const qint64 start = toQuarterTicks(note.startTick, ticksPerQuarter);
            const qint64 end = toQuarterTicks(note.startTick + note.durationTicks, ticksPerQuarter);
            part.notes.push_back(Note{start, end - start, note.pitch, note.velocity});
        }
        song.parts.push_back(std::move(part));
    }
    return song;
}

} // namespace aiband
