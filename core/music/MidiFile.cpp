#include "MidiFile.h"

#include <QByteArrayView>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <span>

namespace aiband {
namespace {

// The writer is on every request's path, so it writes straight into the file's buffer: each
// track's size has a known upper bound, the buffer is reserved once, and an event is a few
// bytes stored in place (no allocation per event or per track).

constexpr qsizetype kMaxVariableLength = 5;  // a 32-bit value takes at most 5 bytes of 7 bits
constexpr qsizetype kMaxMetaHeader = 2 + kMaxVariableLength;
constexpr qsizetype kChunkHeader = 8;        // "MTrk" and the 32-bit length
// The end of a track: a delta and FF 2F 00.
constexpr qsizetype kMaxEndOfTrack = kMaxVariableLength + 3;

char *putVariableLength(char *out, quint32 value)
{
    if (value < 0x80) { // most deltas: notes together, or a sixteenth apart
        *out++ = static_cast<char>(value);
        return out;
    }
    quint8 buffer[kMaxVariableLength];
    int count = 0;
    buffer[count++] = value & 0x7F;
    while ((value >>= 7) != 0)
        buffer[count++] = static_cast<quint8>((value & 0x7F) | 0x80);
    while (count > 0)
        *out++ = static_cast<char>(buffer[--count]);
    return out;
}

char *putBigEndian(char *out, quint32 value, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        *out++ = static_cast<char>((value >> (8 * i)) & 0xFF);
    return out;
}

// One MTrk chunk written in place at the end of `file`, whose capacity must already hold
// kChunkHeader + `maxBody` more bytes. finish() writes the end of track and the chunk's length.
class TrackWriter {
public:
    TrackWriter(QByteArray &file, qsizetype maxBody) : m_file(file), m_start(file.size())
    {
        file.resize(m_start + kChunkHeader + maxBody);
        m_out = file.data() + m_start + kChunkHeader;
    }

    // An event `tick`s from the start; ticks never decrease.
    void event(qint64 tick, std::initializer_list<quint8> bytes)
    {
        delta(tick);
        for (quint8 byte : bytes)
            *m_out++ = static_cast<char>(byte);
    }

    // Where the next event goes, and the tick of the last one: for a loop that writes many events
    // from locals and hands them back with resume().
    char *position() const { return m_out; }
    qint64 now() const { return m_now; }
    void resume(char *out, qint64 now)
    {
        m_out = out;
        m_now = now;
    }

    void meta(qint64 tick, quint8 type, QByteArrayView data)
    {
        delta(tick);
        *m_out++ = char(0xFF);
        *m_out++ = static_cast<char>(type);
        m_out = putVariableLength(m_out, static_cast<quint32>(data.size()));
        m_out = std::copy(data.begin(), data.end(), m_out);
    }

    void finish(qint64 endTick)
    {
        m_out = putVariableLength(m_out, static_cast<quint32>(std::max<qint64>(0, endTick - m_now)));
        *m_out++ = char(0xFF);
        *m_out++ = char(0x2F);
        *m_out++ = char(0x00);
        char *chunk = m_file.data() + m_start;
        const auto bodySize = static_cast<quint32>(m_out - chunk - kChunkHeader);
        std::copy_n("MTrk", 4, chunk);
        putBigEndian(chunk + 4, bodySize, 4);
        m_file.resize(m_start + kChunkHeader + bodySize);
    }

private:
    void delta(qint64 tick)
    {
        m_out = putVariableLength(m_out, static_cast<quint32>(tick - m_now));
        m_now = tick;
    }

    QByteArray &m_file;
    qsizetype m_start;
    char *m_out = nullptr;
    qint64 m_now = 0;
};

// The song's tempo, time and key signature as meta event data, made once per file: the conductor
// track carries all three, and every part track the tempo and time signature too.
struct SongMeta {
    char tempo[3];
    char timeSignature[4];
    char keySignature[2];

    explicit SongMeta(const MidiSong &song)
    {
        putBigEndian(tempo, static_cast<quint32>(std::lround(60'000'000.0 / song.tempoBpm)), 3);
        const TimeSignature &ts = song.timeSignature;
        const bool compound = ts.denominator == 8 && ts.numerator % 3 == 0;
        timeSignature[0] = static_cast<char>(ts.numerator);
        timeSignature[1] = static_cast<char>(std::lround(std::log2(ts.denominator)));
        timeSignature[2] = static_cast<char>(compound ? 36 : 96 / ts.denominator);   // MIDI clocks per click
        timeSignature[3] = char(8);
        keySignature[0] = static_cast<char>(static_cast<qint8>(song.key.sharps()));
        keySignature[1] = song.key.minor ? char(1) : char(0);
    }
};

// Tempo (3 bytes) and time signature (4), each at delta 0.
constexpr qsizetype kTimingMetaSize = 2 * (kMaxMetaHeader + 1) + 3 + 4;

void writeTiming(TrackWriter &track, const SongMeta &meta)
{
    track.meta(0, 0x51, QByteArrayView(meta.tempo, 3));
    track.meta(0, 0x58, QByteArrayView(meta.timeSignature, 4));
}

qsizetype conductorTrackSize(const QByteArray &title)
{
    // Title, tempo, time signature and key signature (2 bytes), each at delta 0.
    return kMaxMetaHeader + 1 + title.size() + kTimingMetaSize + kMaxMetaHeader + 1 + 2 + kMaxEndOfTrack;
}

void writeConductorTrack(QByteArray &file, const MidiSong &song, const SongMeta &meta, const QByteArray &title)
{
    TrackWriter track(file, conductorTrackSize(title));
    track.meta(0, 0x03, title);
    writeTiming(track, meta);
    track.meta(0, 0x59, QByteArrayView(meta.keySignature, 2));
    track.finish(song.endTick);
}

// Sorts distinct keys that are nearly in order already, as a part's notes are: generators
// write bar after bar, a chord's voices and a bar's drum voices a little out of order among
// themselves. Insertion sort takes a few moves per key there; past a budget of moves (input far
// from sorted) std::sort finishes the job. The keys are distinct, so either gives one order.
void sortMostlySorted(quint64 *keys, size_t count)
{
    const size_t budget = 32 * count;
    size_t moves = 0;
    for (size_t i = 1; i < count; ++i) {
        const quint64 key = keys[i];
        if (keys[i - 1] < key)  // in place already, as most keys are
            continue;
        size_t j = i;
        do {
            keys[j] = keys[j - 1];
            --j;
        } while (j > 0 && keys[j - 1] > key);
        keys[j] = key;
        moves += i - j;
        if (moves > budget) {
            std::sort(keys, keys + count);
            return;
        }
    }
}

// A note as it is written: its note-on and note-off ticks, pitch and velocity clamped to MIDI.
// Pitch and velocity are ints, not bytes: a store through a byte type may change any object as far
// as the compiler knows, so it read the vectors' bounds again after every note.
struct PlayedNote {
    qint64 on;
    qint64 off;
    int pitch;
    int velocity;
};

struct NoteOff {
    qint64 tick;
    int pitch;
};

// A note-off's tick and pitch, from a key of PlayableNotes::offKeys().
qint64 tickOf(quint64 key) { return static_cast<qint64>(key >> 32); }
int pitchOf(quint64 key) { return static_cast<int>(key & 0x7F); }

// A part's notes as they are written, and the order of their note-offs. Its buffers are
// allocated once per part and not zeroed: every element is written before it is read.
class PlayableNotes {
public:
    // The notes in order of their start (those that start together in the order given: a stable
    // sort), clipped to the song end, and shortened so that no two notes of one pitch overlap.
    // Notes left without a length, or outside the song, are dropped.
    PlayableNotes(const std::vector<Note> &notes, qint64 endTick);

    const PlayedNote *begin() const { return m_played.get(); }
    const PlayedNote *end() const { return m_played.get() + m_count; }
    size_t size() const { return m_count; }

    // The note-offs in the order they are written: by tick, those at one tick in the order of
    // their notes. As keys (tick << 32 | place << 7 | pitch) for songs whose ticks and note counts
    // fit them, as all do (then offs() is empty, and the keys are followed by ~0); otherwise
    // offKeys() is empty.
    std::span<const quint64> offKeys() const { return {m_offKeys.get(), m_offKeys ? m_count : 0}; }
    std::span<const NoteOff> offs() const { return m_offs; }

private:
    template <typename NoteInStartOrder>
    void play(const std::vector<Note> &notes, NoteInStartOrder nth, qint64 endTick);
    void dropUnplayable(qint64 endTick);
    void orderOffs(qint64 endTick);

    std::unique_ptr<PlayedNote[]> m_played;
    size_t m_count = 0;
    size_t m_firstToDrop = 0;  // the notes before it are playable (see play())
    std::unique_ptr<quint64[]> m_offKeys;
    std::vector<NoteOff> m_offs;
};

PlayableNotes::PlayableNotes(const std::vector<Note> &notes, qint64 endTick)
    : m_played(std::make_unique_for_overwrite<PlayedNote[]>(notes.size()))
{
    const size_t count = notes.size();
    const auto byStart = [](const Note &a, const Note &b) { return a.startTick < b.startTick; };
    // In order already (bass lines, and the drums, which order each bar): taken as they are.
    if (std::is_sorted(notes.cbegin(), notes.cend(), byStart)) {
        play(notes, [](size_t i) { return i; }, endTick);
    } else {
        // Sorting 64-bit keys (the start above, the position below) gives the stable order at a
        // fraction of std::stable_sort's cost on whole notes. Keys need starts in [0, 2^32) and
        // fewer than 2^32 notes, as songs have; other input is sorted the plain way.
        constexpr qint64 kKeyRange = qint64(1) << 32;
        auto keys = std::make_unique_for_overwrite<quint64[]>(count + 1);  // + orderOffs' end mark
        bool packable = static_cast<qint64>(count) < kKeyRange;
        for (size_t i = 0; i < count; ++i) {
            const qint64 start = notes[i].startTick;
            packable &= start >= 0 && start < kKeyRange;
            keys[i] = static_cast<quint64>(start) << 32 | i;
        }
        if (packable) {
            sortMostlySorted(keys.get(), count);
            play(notes, [&keys](size_t i) { return static_cast<size_t>(keys[i] & 0xFFFFFFFFu); }, endTick);
            m_offKeys = std::move(keys);  // the offs' keys go where the starts' were
        } else {
            std::vector<size_t> order(count);
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(),
                             [&](size_t a, size_t b) { return notes[a].startTick < notes[b].startTick; });
            play(notes, [&order](size_t i) { return order[i]; }, endTick);
        }
    }
    dropUnplayable(endTick);
    orderOffs(endTick);
}

// Each note, taken in order of its start (`nth(i)` is the place in `notes` of the i-th), clipped to
// the song end and cut where the next note of its pitch starts.
template <typename NoteInStartOrder>
void PlayableNotes::play(const std::vector<Note> &notes, NoteInStartOrder nth, qint64 endTick)
{
    // The latest note of each pitch so far, by place in m_played. MIDI pitches are 0-127, a flat
    // table; a pitch out of range (clamped for writing, but overlaps are judged on the pitch as
    // given) goes to the map. Notes that will be dropped take part too: they still cut short a
    // note of their pitch sounding when they start.
    constexpr size_t kNone = ~size_t(0);
    std::array<size_t, 128> lastInRange;
    lastInRange.fill(kNone);
    std::map<int, size_t> lastOutOfRange;
    PlayedNote *const played = m_played.get();
    const size_t count = notes.size();
    // The first note that may be unplayable: most parts have none, and then none is looked for.
    size_t firstToDrop = count;
    for (size_t place = 0; place < count; ++place) {
        const Note &note = notes[nth(place)];
        const qint64 start = note.startTick;
        size_t &last = note.pitch >= 0 && note.pitch < 128 ? lastInRange[static_cast<size_t>(note.pitch)]
                                                            : lastOutOfRange.try_emplace(note.pitch, kNone).first->second;
        if (last != kNone && played[last].off > start) {
            played[last].off = start;
            if (start <= played[last].on)  // cut to nothing by a note struck with it
                firstToDrop = std::min(firstToDrop, last);
        }
        last = place;
        const qint64 off = start + std::min(note.durationTicks, endTick - start);
        if (off <= start || start < 0)  // no length, or outside the song
            firstToDrop = std::min(firstToDrop, place);
        played[place] = {start, off, std::clamp(note.pitch, 0, 127), std::clamp(note.velocity, 1, 127)};
    }
    m_count = count;
    m_firstToDrop = firstToDrop;
}

// Notes left without a length, or outside the song, are dropped; the others keep their order.
void PlayableNotes::dropUnplayable(qint64 endTick)
{
    PlayedNote *const played = m_played.get();
    const auto unplayable = [endTick](const PlayedNote &n) { return n.off <= n.on || n.on < 0 || n.on >= endTick; };
    m_count = static_cast<size_t>(std::remove_if(played + m_firstToDrop, played + m_count, unplayable) - played);
}

// Offs come nearly in the order of the notes (a part's notes are mostly of like lengths), so their
// keys sort in a few moves each. A played note's off is at or before the song's end, which below
// 2^32 ticks fits a key, and its place fits the 25 bits left beside its pitch.
void PlayableNotes::orderOffs(qint64 endTick)
{
    if (endTick < (qint64(1) << 32) && m_count < (size_t(1) << 25)) {
        if (!m_offKeys)
            m_offKeys = std::make_unique_for_overwrite<quint64[]>(m_count + 1);
        for (size_t k = 0; k < m_count; ++k) {
            const PlayedNote &note = m_played[k];
            m_offKeys[k] = static_cast<quint64>(note.off) << 32 | k << 7 | static_cast<quint64>(note.pitch);
        }
        sortMostlySorted(m_offKeys.get(), m_count);
        m_offKeys[m_count] = ~quint64(0);  // above every key: where writeKeyedNoteEvents' offs end
        return;
    }
    m_offKeys.reset();
    m_offs.reserve(m_count);
    for (size_t k = 0; k < m_count; ++k)
        m_offs.push_back({m_played[k].off, m_played[k].pitch});
    std::stable_sort(m_offs.begin(), m_offs.end(), [](const NoteOff &a, const NoteOff &b) { return a.tick < b.tick; });
}

// No delta in a part's track exceeds the song's end (notes are clipped to it), so a note event
// needs the bytes the end's delta needs, not the 32-bit maximum: a smaller buffer, which keeps a
// render's memory under the level where the heap is given back and faulted in again.
qsizetype deltaSize(qint64 endTick)
{
    qsizetype bytes = 1;
    for (qint64 value = endTick >> 7; value > 0 && bytes < kMaxVariableLength; value >>= 7)
        ++bytes;
    return bytes;
}

// Volume and pan: two controller events of three bytes, each at delta 0.
constexpr qsizetype kMixSize = 2 * (1 + 3);

qsizetype partTrackSize(const QByteArray &name, size_t noteEvents, qint64 endTick)
{
    const qsizetype channelEvent = deltaSize(endTick) + 3;
    return kMaxMetaHeader + 1 + name.size() + kTimingMetaSize + 1 + 2 + kMixSize
           + static_cast<qsizetype>(noteEvents) * channelEvent + kMaxEndOfTrack;
}

// The part's place in the mix at tick 0, after its program: channel volume (controller 7), then
// pan (controller 10). Every reader that plays the part alone or in the full file starts it
// there, whatever a previous song left on the channel.
void writeMix(TrackWriter &track, quint8 channel, const PartMix &mix)
{
    const auto controller = static_cast<quint8>(0xB0 | channel);
    track.event(0, {controller, 0x07, static_cast<quint8>(std::clamp(mix.volume, 0, 127))});
    track.event(0, {controller, 0x0A, static_cast<quint8>(std::clamp(mix.pan, 0, 127))});
}

// One note event after its delta time from `now`; `out` and `now` are the writers' locals (see
// writeNoteEvents), advanced past it. Always inlined, so they stay in registers.
[[gnu::always_inline]] inline void putNoteEvent(char *&out, qint64 &now, qint64 tick, quint8 status, int pitch,
                                                int velocity)
{
    out = putVariableLength(out, static_cast<quint32>(tick - now));
    now = tick;
    out[0] = static_cast<char>(status);
    out[1] = static_cast<char>(pitch);
    out[2] = static_cast<char>(velocity);
    out += 3;
}

// Every note-on and note-off from `out` on, the last event before at tick `now`; returns where
// the events end and the tick of the last. At equal ticks note-offs come before note-ons. Its
// state is in locals, not in a TrackWriter or PlayableNotes: a store through `char *` may change
// any object as far as the compiler knows, so members would be read again after every byte.
std::pair<char *, qint64> writeNoteEvents(char *out, qint64 now, const PlayableNotes &notes,
                                          std::span<const NoteOff> offs, quint8 noteOn, quint8 noteOff)
{
    const auto put = [&](qint64 tick, quint8 status, int pitch, int velocity) {
        putNoteEvent(out, now, tick, status, pitch, velocity);
    };
    const NoteOff *off = offs.data();
    const NoteOff *const offsEnd = off + offs.size();
    for (const PlayedNote &note : notes) {
        for (; off != offsEnd && off->tick <= note.on; ++off)
            put(off->tick, noteOff, off->pitch, 0);
        put(note.on, noteOn, note.pitch, note.velocity);
    }
    for (; off != offsEnd; ++off)
        put(off->tick, noteOff, off->pitch, 0);
    return {out, now};
}

// writeNoteEvents for note-offs as keys (PlayableNotes::offKeys()), followed in memory by a key
// above every other: one step per event, the next off key against the next note-on's limit (no
// end to check for the offs while note-ons remain, nor a tick to take out of the key).
std::pair<char *, qint64> writeKeyedNoteEvents(char *out, qint64 now, const PlayableNotes &notes,
                                               std::span<const quint64> offKeys, quint8 noteOn, quint8 noteOff)
{
    const auto put = [&](qint64 tick, quint8 status, int pitch, int velocity) {
        putNoteEvent(out, now, tick, status, pitch, velocity);
    };
    const quint64 *off = offKeys.data();
    const PlayedNote *note = notes.begin();
    if (note != notes.end()) {
        // An off at or before the note-on's tick has a key below (tick + 1) << 32.
        quint64 limit = static_cast<quint64>(note->on + 1) << 32;
        for (;;) {
            const quint64 key = *off;
            if (key < limit) {
                put(tickOf(key), noteOff, pitchOf(key), 0);
                ++off;
                continue;
            }
            put(note->on, noteOn, note->pitch, note->velocity);
            if (++note == notes.end())
                break;
            limit = static_cast<quint64>(note->on + 1) << 32;
        }
    }
    for (const quint64 *const offsEnd = offKeys.data() + offKeys.size(); off != offsEnd; ++off)
        put(tickOf(*off), noteOff, pitchOf(*off), 0);
    return {out, now};
}

// The track name, program change and mix at tick 0, then every note-on and note-off in time order:
// at equal ticks note-offs before note-ons, and events of one kind in the order of their notes.
// Note-ons and note-offs are each put in that order, then merged.
void writePartTrack(QByteArray &file, const MidiPart &part, const SongMeta &meta, const QByteArray &name,
                    qint64 endTick)
{
    const auto channel = static_cast<quint8>(part.channel & 0x0F);
    const auto noteOn = static_cast<quint8>(0x90 | channel);
    const auto noteOff = static_cast<quint8>(0x80 | channel);
    const PlayableNotes notes(part.notes, endTick);

    TrackWriter track(file, partTrackSize(name, notes.size() * 2, endTick));
    track.meta(0, 0x03, name);
    // The tempo where the notes are too: a reader that times each track by its own tempo events
    // (the AI Band plugin, with JUCE) would otherwise play it at 120 BPM (docs/MUSIC.md, "Files").
    writeTiming(track, meta);
    track.event(0, {static_cast<quint8>(0xC0 | channel), static_cast<quint8>(part.program & 0x7F)});
    if (part.mix)
        writeMix(track, channel, *part.mix);
    const auto [end, lastTick] = notes.offs().empty()
        ? writeKeyedNoteEvents(track.position(), track.now(), notes, notes.offKeys(), noteOn, noteOff)
        : writeNoteEvents(track.position(), track.now(), notes, notes.offs(), noteOn, noteOff);
    track.resume(end, lastTick);
    track.finish(endTick);
}
} // namespace

QByteArray writeMidiFile(const MidiSong &song)
{
    const QByteArray title = song.title.toUtf8();
    QList<QByteArray> names;
    qsizetype capacity = 14 + kChunkHeader + conductorTrackSize(title);
    for (const MidiPart &part : song.parts) {
        names.append(part.name.toUtf8());
        capacity += kChunkHeader + partTrackSize(names.last(), part.notes.size() * 2, song.endTick);
    }

    QByteArray file;
    file.reserve(capacity);
    file.resize(14);
    char *header = std::copy_n("MThd", 4, file.data());
    header = putBigEndian(header, 6, 4);
    header = putBigEndian(header, 1, 2); // format 1
    header = putBigEndian(header, static_cast<quint32>(song.parts.size() + 1), 2);
    putBigEndian(header, kTicksPerQuarter, 2);
    const SongMeta meta(song);
    writeConductorTrack(file, song, meta, title);
    for (size_t i = 0; i < song.parts.size(); ++i)
        writePartTrack(file, song.parts[i], meta, names[static_cast<qsizetype>(i)], song.endTick);
    return file;
}

} // namespace aiband
