#include "AudioDecode.h"

#include <QtEndian>

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

namespace aiband {
namespace {

constexpr sf_count_t kBlockFrames = 4096;

// libsndfile reads the body through these: a cursor over bytes it cannot change.
struct MemoryReader {
    const QByteArray &bytes;
    sf_count_t position = 0;
};

SF_VIRTUAL_IO memoryReaderIo()
{
    SF_VIRTUAL_IO io{};
    io.get_filelen = [](void *user) -> sf_count_t { return static_cast<MemoryReader *>(user)->bytes.size(); };
    io.seek = [](sf_count_t offset, int whence, void *user) -> sf_count_t {
        auto *reader = static_cast<MemoryReader *>(user);
        const sf_count_t size = reader->bytes.size();
        const sf_count_t base = whence == SEEK_CUR ? reader->position : whence == SEEK_END ? size : 0;
        // Offsets come from the file's own (possibly lying) fields: clamp, never overflow.
        if (offset > 0 && base > std::numeric_limits<sf_count_t>::max() - offset)
            reader->position = size;
        else
            reader->position = std::clamp<sf_count_t>(base + offset, 0, size);
        return reader->position;
    };
    io.read = [](void *into, sf_count_t count, void *user) -> sf_count_t {
        auto *reader = static_cast<MemoryReader *>(user);
        const sf_count_t available = std::clamp<sf_count_t>(reader->bytes.size() - reader->position, 0, std::max<sf_count_t>(count, 0));
        if (available > 0)
            std::memcpy(into, reader->bytes.constData() + reader->position, static_cast<size_t>(available));
        reader->position += available;
        return available;
    };
    io.write = [](const void *, sf_count_t, void *) -> sf_count_t { return 0; };
    io.tell = [](void *user) -> sf_count_t { return static_cast<MemoryReader *>(user)->position; };
    return io;
}

Error formatRefused(const QString &what)
{
    return makeError(QStringLiteral("unsupported_audio"),
                     QStringLiteral("the WAV file %1; accepted: mono or stereo, 8000 to 192000 Hz").arg(what));
}

Error chunkTooLong(const QByteArray &id, qint64 size, qint64 available)
{
    return makeError(QStringLiteral("invalid_audio"),
                     QStringLiteral("the WAV file is cut short or its header lies: its \"%1\" chunk declares %2 bytes, "
                                    "the body holds %3 after it").arg(QString::fromLatin1(id.toPercentEncoding(" "))).arg(size).arg(available));
}

// Every chunk in [at, end) must fit in it; a LIST's sub-chunks too. libsndfile 1.2 spins forever
// on a LIST chunk longer than the file (found by fuzz_audio_reader), so this runs first.
std::optional<Error> checkChunksFit(const QByteArray &body, qint64 at, qint64 end, bool inList)
{
    while (at + 8 <= end) {
        const QByteArray id = body.mid(at, 4);
        const qint64 size = qFromLittleEndian<quint32>(body.constData() + at + 4);
        const qint64 available = end - (at + 8);
        if (id == "data" && !inList && size == 0xFFFFFFFFLL)
            return std::nullopt;   // a recorder's "unknown, still writing": the data runs to the end
        if (size > available)
            return chunkTooLong(id, size, available);
        if (id == "fmt " && size >= 16) {
            if (qFromLittleEndian<quint16>(body.constData() + at + 10) == 0)
                return formatRefused(QStringLiteral("has 0 channels"));
            if (qFromLittleEndian<quint32>(body.constData() + at + 12) == 0)
                return formatRefused(QStringLiteral("has a sample rate of 0 Hz"));
        }
        if (id == "LIST" && !inList && size >= 4)
            if (auto problem = checkChunksFit(body, at + 12, at + 8 + size, true))
                return problem;
        at += 8 + size + (size & 1);
    }
    return std::nullopt;
}

// What libsndfile is given to parse is only ever a RIFF/WAVE or a FLAC stream, by its first
// bytes: it would otherwise try every format it knows (and its parser of each) on any body.
// In a WAV the body is the authority on sizes: libsndfile forgives a header that declares more
// samples than the file holds (it reads what is there) and says little of a zero rate.
std::optional<Error> checkHeader(const QByteArray &body, AudioContainer container)
{
    const bool isWav = body.size() >= 12 && body.startsWith("RIFF") && body.mid(8, 4) == "WAVE";
    const bool isFlac = body.startsWith("fLaC");
    if (container == AudioContainer::Flac && !isFlac)
        return makeError(QStringLiteral("invalid_audio"),
                         QStringLiteral("the body is not a FLAC file (it does not start with \"fLaC\")%1")
                             .arg(isWav ? QStringLiteral("; it is a WAV file: send it as audio/wav") : QString()));
    if (container == AudioContainer::Wav && !isWav)
        return makeError(QStringLiteral("invalid_audio"),
                         QStringLiteral("the body is not a WAV file (it does not start with RIFF....WAVE)%1")
                             .arg(isFlac ? QStringLiteral("; it is a FLAC file: send it as audio/flac") : QString()));
    return isWav ? checkChunksFit(body, 12, body.size(), false) : std::nullopt;
}

struct CloseSoundFile {
    void operator()(SNDFILE *file) const { sf_close(file); }
};
using SoundFile = std::unique_ptr<SNDFILE, CloseSoundFile>;

bool containerMatches(int format, AudioContainer container)
{
    const int major = format & SF_FORMAT_TYPEMASK;
    if (container == AudioContainer::Flac)
        return major == SF_FORMAT_FLAC;
    return major == SF_FORMAT_WAV || major == SF_FORMAT_WAVEX;
}

bool isAcceptedSampleFormat(int format)
{
    switch (format & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_S8:
    case SF_FORMAT_PCM_U8:
    case SF_FORMAT_PCM_16:
    case SF_FORMAT_PCM_24:
    case SF_FORMAT_PCM_32:
    case SF_FORMAT_FLOAT:
    case SF_FORMAT_DOUBLE:
        return true;
    default:
        return false;
    }
}

// The container, rate and channels a recording must have, before any sample is read.
std::optional<Error> checkFormat(const SF_INFO &info, AudioContainer container, const AudioDecodeLimits &limits)
{
    const QString name = containerName(container);
    if (!containerMatches(info.format, container))
        return makeError(QStringLiteral("invalid_audio"),
                         QStringLiteral("the body is not a %1 file but another kind of audio file; "
                                        "send it with the Content-Type of what it is (audio/wav or audio/flac)").arg(name));
    if (!isAcceptedSampleFormat(info.format))
        return makeError(QStringLiteral("unsupported_audio"),
                         QStringLiteral("the %1 file's samples are compressed or encoded (format 0x%2); "
                                        "accepted: 8 to 32-bit PCM or floating point").arg(name).arg(info.format & SF_FORMAT_SUBMASK, 0, 16));
    if (info.samplerate < limits.minSampleRate || info.samplerate > limits.maxSampleRate)
        return makeError(QStringLiteral("unsupported_audio"),
                         QStringLiteral("the %1 file's sample rate is %2 Hz; accepted: %3 to %4 Hz")
                             .arg(name).arg(info.samplerate).arg(limits.minSampleRate).arg(limits.maxSampleRate));
    if (info.channels < 1 || info.channels > limits.maxChannels)
        return makeError(QStringLiteral("unsupported_audio"),
                         QStringLiteral("the %1 file has %2 channels; accepted: mono or stereo (mix it down first)")
                             .arg(name).arg(info.channels));
    return std::nullopt;
}

Error tooLong(const AudioDecodeLimits &limits)
{
    return makeError(QStringLiteral("audio_too_long"),
                     QStringLiteral("the recording is longer than %1 minutes; send at most %1 minutes (%2 s) at a time")
                         .arg(limits.maxSeconds / 60.0).arg(limits.maxSeconds));
}

// Reads every frame the body holds, averaging the channels, refusing NaN and infinities (a float
// file's garbage would otherwise poison every spectrum it touches) and anything past the limit.
std::optional<Error> readSamples(SNDFILE *file, const SF_INFO &info, const AudioDecodeLimits &limits, DecodedAudio &out)
{
    const auto maxFrames = static_cast<size_t>(limits.maxSeconds * info.samplerate);
    std::vector<float> block(static_cast<size_t>(kBlockFrames * info.channels));
    const float scale = 1.0f / static_cast<float>(info.channels);
    for (;;) {
        const sf_count_t got = sf_readf_float(file, block.data(), kBlockFrames);
        if (got <= 0)
            return std::nullopt;
        if (out.pcm.samples.size() + static_cast<size_t>(got) > maxFrames)
            return tooLong(limits);
        for (sf_count_t frame = 0; frame < got; ++frame) {
            float sum = 0.0f;
            for (int channel = 0; channel < info.channels; ++channel) {
                const float sample = block[static_cast<size_t>(frame * info.channels + channel)];
                if (!std::isfinite(sample))
                    return makeError(QStringLiteral("invalid_audio"),
                                     QStringLiteral("sample %1 of channel %2 is not a number (NaN or infinite); "
                                                    "a float file's samples must be finite")
                                         .arg(static_cast<qint64>(out.pcm.samples.size())).arg(channel + 1));
                sum += sample;
            }
            out.pcm.samples.push_back(sum * scale);
        }
    }
}

} // namespace

std::optional<AudioContainer> audioContainerOf(const QByteArray &contentType)
{
    const QByteArray mime = contentType.split(';').first().trimmed().toLower();
    if (mime == "audio/wav" || mime == "audio/wave" || mime == "audio/x-wav" || mime == "audio/vnd.wave")
        return AudioContainer::Wav;
    if (mime == "audio/flac" || mime == "audio/x-flac")
        return AudioContainer::Flac;
    return std::nullopt;
}

QString containerName(AudioContainer container)
{
    return container == AudioContainer::Flac ? QStringLiteral("FLAC") : QStringLiteral("WAV");
}

Result<DecodedAudio> decodeAudio(const QByteArray &body, AudioContainer container, const AudioDecodeLimits &limits)
{
    const QString name = containerName(container);
    if (body.isEmpty())
        return makeError(QStringLiteral("invalid_audio"), QStringLiteral("the body is empty; send a whole %1 file").arg(name));
    if (auto problem = checkHeader(body, container))
        return *problem;
    MemoryReader reader{body};
    SF_VIRTUAL_IO io = memoryReaderIo();
    SF_INFO info{};
    const SoundFile file(sf_open_virtual(&io, SFM_READ, &info, &reader));
    if (!file)
        return makeError(QStringLiteral("invalid_audio"),
                         QStringLiteral("the body is not a %1 file that can be read: %2").arg(name, QString::fromUtf8(sf_strerror(nullptr))));
    if (auto problem = checkFormat(info, container, limits))
        return *problem;

    DecodedAudio audio;
    audio.pcm.sampleRate = info.samplerate;
    audio.pcm.channels = 1;
    audio.fileChannels = info.channels;
    // A WAV holds at most a frame per byte of its body: reserve that much of what the header
    // declares, never what a lie would have us take.
    if (container == AudioContainer::Wav && info.frames > 0)
        audio.pcm.samples.reserve(static_cast<size_t>(std::min<sf_count_t>(
            {info.frames, static_cast<sf_count_t>(body.size()), static_cast<sf_count_t>(limits.maxSeconds * info.samplerate)})));
    if (auto problem = readSamples(file.get(), info, limits, audio))
        return *problem;
    // A header that promises more than the body holds is a file cut short (or a lie): say so
    // rather than analyse the part that arrived as if it were the song.
    const auto read = static_cast<sf_count_t>(audio.pcm.samples.size());
    if (info.frames > read && info.frames != SF_COUNT_MAX)
        return makeError(QStringLiteral("invalid_audio"),
                         QStringLiteral("the %1 file is cut short: its header declares %2 frames (%3 s), the body holds %4")
                             .arg(name).arg(static_cast<qint64>(info.frames))
                             .arg(static_cast<double>(info.frames) / info.samplerate, 0, 'f', 1).arg(static_cast<qint64>(read)));
    if (audio.seconds() < limits.minSeconds)
        return makeError(QStringLiteral("audio_too_short"),
                         QStringLiteral("the recording lasts %1 s (%2 frames); send at least %3 s")
                             .arg(audio.seconds(), 0, 'f', 3).arg(static_cast<qint64>(read)).arg(limits.minSeconds));
    return audio;
}

} // namespace aiband
