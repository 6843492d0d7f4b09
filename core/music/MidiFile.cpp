#include "MidiFile.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace aiband {
namespace {

struct Event {
    qint64 tick;
    int order;         // at equal ticks: meta and program first, note-offs before note-ons
    QByteArray bytes;  // status byte and data, or FF type length data
};

void appendVariableLength(QByteArray &out, quint32 value)
{
    quint8 buffer[5];
    int count = 0;
    buffer[count++] = value & 0x7F;
    while ((value >>= 7) != 0)
        buffer[count++] = static_cast<quint8>((value & 0x7F) | 0x80);
    while (count > 0)
        out.append(static_cast<char>(buffer[--count]));
}

void appendBigEndian(QByteArray &out, quint32 value, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        out.append(static_cast<char>((value >> (8 * i)) & 0xFF));
}

QByteArray meta(quint8 type, const QByteArray &data)
{
    QByteArray bytes;
    bytes.append(char(0xFF));
    bytes.append(static_cast<char>(type));
    appendVariableLength(bytes, static_cast<quint32>(data.size()));
    bytes.append(data);
    return bytes;
}

QByteArray trackChunk(std::vector<Event> events, qint64 endTick)
{
    std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
        return a.tick != b.tick ? a.tick < b.tick : a.order < b.order;
    });
    QByteArray body;
    qint64 now = 0;
    for (const Event &event : events) {
        appendVariableLength(body, static_cast<quint32>(event.tick - now));
        body.append(event.bytes);
        now = event.tick;
    }
    appendVariableLength(body, static_cast<quint32>(std::max<qint64>(0, endTick - now)));
    body.append(meta(0x2F, {}));

    QByteArray chunk("MTrk");
    appendBigEndian(chunk, static_cast<quint32>(body.size()), 4);
    chunk.append(body);
    return chunk;
}

QByteArray conductorTrack(const MidiSong &song)
{
    const auto microsPerQuarter = static_cast<quint32>(std::lround(60'000'000.0 / song.tempoBpm));
    QByteArray tempo;
    appendBigEndian(tempo, microsPerQuarter, 3);

    const TimeSignature &ts = song.timeSignature;
    const int denominatorPower = static_cast<int>(std::lround(std::log2(ts.denominator)));
    const bool compound = ts.denominator == 8 && ts.numerator % 3 == 0;
    const int clocksPerClick = compound ? 36 : 96 / ts.denominator;
    QByteArray timeSignature;
    timeSignature.append(static_cast<char>(ts.numerator));
    timeSignature.append(static_cast<char>(denominatorPower));
    timeSignature.append(static_cast<char>(clocksPerClick));
    timeSignature.append(char(8));

    QByteArray keySignature;
    keySignature.append(static_cast<char>(static_cast<qint8>(song.key.sharps())));
    keySignature.append(song.key.minor ? char(1) : char(0));

    std::vector<Event> events{{0, 0, meta(0x03, song.title.toUtf8())},
                              {0, 1, meta(0x51, tempo)},
                              {0, 2, meta(0x58, timeSignature)},
                              {0, 3, meta(0x59, keySignature)}};
    return trackChunk(std::move(events), song.endTick);
}

// Shortens notes so that no two notes of one pitch overlap, and clips them to the song end.
std::vector<Note> playableNotes(std::vector<Note> notes, qint64 endTick)
{
    std::stable_sort(notes.begin(), notes.end(),
                     [](const Note &a, const Note &b) { return a.startTick < b.startTick; });
    std::map<int, size_t> lastByPitch;
    for (size_t i = 0; i < notes.size(); ++i) {
        Note &note = notes[i];
        note.durationTicks = std::min(note.durationTicks, endTick - note.startTick);
        const auto previous = lastByPitch.find(note.pitch);
        if (previous != lastByPitch.end()) {
            Note &earlier = notes[previous->second];
            if (earlier.startTick + earlier.durationTicks > note.startTick)
                earlier.durationTicks = note.startTick - earlier.startTick;
        }
        lastByPitch[note.pitch] = i;
    }
    std::erase_if(notes, [endTick](const Note &note) {
        return note.durationTicks <= 0 || note.startTick < 0 || note.startTick >= endTick;
    });
    return notes;
}

QByteArray partTrack(const MidiPart &part, qint64 endTick)
{
    const auto channel = static_cast<char>(part.channel & 0x0F);
    std::vector<Event> events;
    events.push_back({0, 0, meta(0x03, part.name.toUtf8())});
    events.push_back({0, 1, QByteArray{} + char(0xC0 | channel) + static_cast<char>(part.program & 0x7F)});
    for (const Note &note : playableNotes(part.notes, endTick)) {
        const auto pitch = static_cast<char>(std::clamp(note.pitch, 0, 127));
        const auto velocity = static_cast<char>(std::clamp(note.velocity, 1, 127));
        events.push_back({note.startTick, 3, QByteArray{} + char(0x90 | channel) + pitch + velocity});
        events.push_back({note.startTick + note.durationTicks, 2,
                          QByteArray{} + char(0x80 | channel) + pitch + char(0)});
    }
    return trackChunk(std::move(events), endTick);
}

} // namespace

QByteArray writeMidiFile(const MidiSong &song)
{
    QByteArray file("MThd");
    appendBigEndian(file, 6, 4);
    appendBigEndian(file, 1, 2); // format 1
    appendBigEndian(file, static_cast<quint32>(song.parts.size() + 1), 2);
    appendBigEndian(file, kTicksPerQuarter, 2);
    file.append(conductorTrack(song));
    for (const MidiPart &part : song.parts)
        file.append(partTrack(part, song.endTick));
    return file;
}

} // namespace aiband
