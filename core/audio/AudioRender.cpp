#include "AudioRender.h"

#include "logging/LogCategories.h"

#include <fluidsynth.h>
#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

namespace aiband {
namespace {

// FluidSynth's default master gain (0.2) leaves a full band's peaks 15 dB below full scale;
// at 0.6 a 64-bar pop take peaks near -5 dBFS, headroom for louder styles and the guitar (the
// audio_levels test measures every part and the band).
constexpr double kSynthGain = 0.6;
// After the last note: the instruments' release and the reverb's tail.
constexpr double kReleaseSeconds = 1.5;
constexpr int kBlockFrames = 1024;
constexpr double kOggQuality = 0.5;   // libsndfile's scale 0..1: about 160 kbit/s for stereo

template <auto Free>
struct FreeWith {
    template <typename T>
    void operator()(T *pointer) const { Free(pointer); }
};
using FluidSettings = std::unique_ptr<fluid_settings_t, FreeWith<delete_fluid_settings>>;
using FluidSynth = std::unique_ptr<fluid_synth_t, FreeWith<delete_fluid_synth>>;
using FluidPlayer = std::unique_ptr<fluid_player_t, FreeWith<delete_fluid_player>>;
using SoundFile = std::unique_ptr<SNDFILE, FreeWith<sf_close>>;

// FluidSynth prints to stderr unless told otherwise; its warnings belong in our log, and its
// chatter (info, debug) nowhere. The log functions are global, so they are set once.
void routeFluidSynthLogs()
{
    static std::once_flag once;
    std::call_once(once, [] {
        const fluid_log_function_t warn = [](int, const char *message, void *) {
            qCWarning(lcAudio).noquote() << "FluidSynth:" << message;
        };
        for (const int level : {FLUID_PANIC, FLUID_ERR, FLUID_WARN})
            fluid_set_log_function(level, warn, nullptr);
        for (const int level : {FLUID_INFO, FLUID_DBG})
            fluid_set_log_function(level, nullptr, nullptr);
    });
}

// The encoded file grows in memory: libsndfile writes through these, and seeks back to finish
// a WAV header with the sizes.
struct MemoryFile {
    QByteArray bytes;
    sf_count_t position = 0;
};

SF_VIRTUAL_IO memoryFileIo()
{
    SF_VIRTUAL_IO io{};
    io.get_filelen = [](void *user) -> sf_count_t { return static_cast<MemoryFile *>(user)->bytes.size(); };
    io.seek = [](sf_count_t offset, int whence, void *user) -> sf_count_t {
        auto *file = static_cast<MemoryFile *>(user);
        const sf_count_t base = whence == SEEK_CUR ? file->position : whence == SEEK_END ? file->bytes.size() : 0;
        file->position = std::max<sf_count_t>(0, base + offset);
        return file->position;
    };
    io.read = [](void *into, sf_count_t count, void *user) -> sf_count_t {
        auto *file = static_cast<MemoryFile *>(user);
        const sf_count_t available = std::clamp<sf_count_t>(file->bytes.size() - file->position, 0, count);
        std::memcpy(into, file->bytes.constData() + file->position, static_cast<size_t>(available));
        file->position += available;
        return available;
    };
    io.write = [](const void *from, sf_count_t count, void *user) -> sf_count_t {
        auto *file = static_cast<MemoryFile *>(user);
        if (file->position > file->bytes.size())
            file->bytes.resize(file->position, '\0');
        const sf_count_t overwritten = std::min<sf_count_t>(count, file->bytes.size() - file->position);
        std::memcpy(file->bytes.data() + file->position, from, static_cast<size_t>(overwritten));
        file->bytes.append(static_cast<const char *>(from) + overwritten, count - overwritten);   // grows geometrically
        file->position += count;
        return count;
    };
    io.tell = [](void *user) -> sf_count_t { return static_cast<MemoryFile *>(user)->position; };
    return io;
}

// Every event of the files passes here on its way to the synthesizer: a muted channel's notes
// are dropped, so it is silent however its instrument and the reverb behave.
struct PlaybackFilter {
    fluid_synth_t *synth;
    const ChannelMix *mix;
};

int playUnlessMuted(void *data, fluid_midi_event_t *event)
{
    const auto *filter = static_cast<PlaybackFilter *>(data);
    constexpr int kNoteOn = 0x90;
    if (fluid_midi_event_get_type(event) == kNoteOn && filter->mix->isMuted(fluid_midi_event_get_channel(event)))
        return FLUID_OK;
    return fluid_synth_handle_midi_event(filter->synth, event);
}

// A gain below 1 is the channel's attenuation generator offset, in centibels of amplitude
// (FluidSynth applies it as 10^(-cB/200) on every voice of the channel): exact, whatever the
// file's own volume controllers say.
void applyGains(fluid_synth_t *synth, const ChannelMix &mix)
{
    constexpr double kSilentCentibels = 1440.0;   // FluidSynth's largest attenuation
    for (int channel = 0; channel < static_cast<int>(mix.gain.size()); ++channel) {
        const double gain = mix.gain[static_cast<size_t>(channel)];
        if (gain >= 1.0 || mix.isMuted(channel))
            continue;
        const double centibels = std::min(kSilentCentibels, -200.0 * std::log10(gain));
        fluid_synth_set_gen(synth, channel, GEN_ATTENUATION, static_cast<float>(centibels));
    }
}

FluidSettings offlineSettings()
{
    FluidSettings settings(new_fluid_settings());
    fluid_settings_setnum(settings.get(), "synth.sample-rate", kAudioSampleRate);
    fluid_settings_setnum(settings.get(), "synth.gain", kSynthGain);
    fluid_settings_setint(settings.get(), "synth.lock-memory", 0);   // no mlock of a 140 MB soundfont
    // Only the samples of the presets the files choose are read: FluidR3's piano, bass and kit,
    // not all 140 MB.
    fluid_settings_setint(settings.get(), "synth.dynamic-sample-loading", 1);
    // The players run on the synthesizer's sample clock (the audio we write), not the system's.
    fluid_settings_setstr(settings.get(), "player.timing-source", "sample");
    // Each player would reset the synthesizer when it loads its file, undoing the gains.
    fluid_settings_setint(settings.get(), "player.reset-synth", 0);
    return settings;
}

int soundFileFormat(AudioFormat format)
{
    return format == AudioFormat::Ogg ? SF_FORMAT_OGG | SF_FORMAT_VORBIS : SF_FORMAT_WAV | SF_FORMAT_PCM_16;
}

Error encoderError(SNDFILE *file)
{
    return makeError(QStringLiteral("audio_failed"),
                     QStringLiteral("the audio could not be encoded: %1").arg(QString::fromLocal8Bit(sf_strerror(file))));
}

// 16-bit samples rounded to the nearest step and clipped at full scale. Not libsndfile's own
// conversion: it turns the reverb's constant -150 dB floor into a full -1 step (-90 dB), so a
// muted part would not be silent.
bool writePcm16(SNDFILE *file, const std::vector<float> &block, sf_count_t frames)
{
    std::vector<short> samples(block.size());
    std::transform(block.begin(), block.end(), samples.begin(), [](float sample) {
        return static_cast<short>(std::lrint(std::clamp(sample, -1.0f, 1.0f) * 32767.0f));
    });
    return sf_writef_short(file, samples.data(), frames) == frames;
}

bool writeBlock(SNDFILE *file, AudioFormat format, const std::vector<float> &block, sf_count_t frames)
{
    if (format == AudioFormat::Wav)
        return writePcm16(file, block, frames);
    return sf_writef_float(file, block.data(), frames) == frames;
}

// The song is over at its last tick (its end of track), not when the player says it is done:
// FluidSynth's player waits two seconds more before it does.
bool songsOver(const std::vector<FluidPlayer> &players)
{
    return std::all_of(players.begin(), players.end(), [](const FluidPlayer &player) {
        const int totalTicks = fluid_player_get_total_ticks(player.get());
        return fluid_player_get_status(player.get()) == FLUID_PLAYER_DONE
               || (totalTicks > 0 && fluid_player_get_current_tick(player.get()) >= totalTicks);
    });
}

} // namespace

Result<RenderedAudio> renderAudio(const QList<QByteArray> &midiFiles, const AudioRenderSettings &settings)
{
    routeFluidSynthLogs();
    const FluidSettings fluidSettings = offlineSettings();
    const FluidSynth synth(new_fluid_synth(fluidSettings.get()));
    if (!synth || fluid_synth_sfload(synth.get(), settings.soundFont.toLocal8Bit().constData(), 1) == FLUID_FAILED)
        return makeError(QStringLiteral("no_soundfont"),
                         QStringLiteral("%1 could not be loaded as a SoundFont (audio.soundfont)").arg(settings.soundFont));
    applyGains(synth.get(), settings.mix);

    PlaybackFilter filter{synth.get(), &settings.mix};
    std::vector<FluidPlayer> players;
    for (const QByteArray &midi : midiFiles) {
        FluidPlayer player(new_fluid_player(synth.get()));
        fluid_player_set_playback_callback(player.get(), playUnlessMuted, &filter);
        fluid_player_add_mem(player.get(), midi.constData(), static_cast<size_t>(midi.size()));
        players.push_back(std::move(player));
    }
    for (const FluidPlayer &player : players)
        fluid_player_play(player.get());

    MemoryFile memory;
    SF_VIRTUAL_IO io = memoryFileIo();
    SF_INFO info{};
    info.samplerate = kAudioSampleRate;
    info.channels = 2;
    info.format = soundFileFormat(settings.format);
    SoundFile file(sf_open_virtual(&io, SFM_WRITE, &info, &memory));
    if (!file)
        return encoderError(nullptr);
    sf_command(file.get(), SFC_SET_CLIPPING, nullptr, SF_TRUE);   // Vorbis too: an over clips, never wraps round
    if (settings.format == AudioFormat::Ogg) {
        double quality = kOggQuality;
        sf_command(file.get(), SFC_SET_VBR_ENCODING_QUALITY, &quality, sizeof quality);
    }

    RenderedAudio audio;
    audio.format = settings.format;
    const auto maxFrames = static_cast<sf_count_t>(settings.maxSeconds * kAudioSampleRate);
    const auto releaseFrames = static_cast<sf_count_t>(kReleaseSeconds * kAudioSampleRate);
    std::vector<float> block(2 * kBlockFrames);
    sf_count_t frames = 0;
    sf_count_t releaseLeft = releaseFrames;
    while (releaseLeft > 0) {
        if (frames >= maxFrames) {
            audio.truncated = !songsOver(players);
            break;
        }
        if (songsOver(players))
            releaseLeft -= kBlockFrames;
        fluid_synth_write_float(synth.get(), kBlockFrames, block.data(), 0, 2, block.data(), 1, 2);
        if (!writeBlock(file.get(), settings.format, block, kBlockFrames))
            return encoderError(file.get());
        frames += kBlockFrames;
    }
    if (sf_close(file.release()) != 0)
        return encoderError(nullptr);
    audio.bytes = std::move(memory.bytes);
    audio.seconds = static_cast<double>(frames) / kAudioSampleRate;
    return audio;
}

QByteArray mimeTypeOf(AudioFormat format)
{
    return format == AudioFormat::Ogg ? QByteArrayLiteral("audio/ogg") : QByteArrayLiteral("audio/wav");
}

QString fileExtensionOf(AudioFormat format)
{
    return format == AudioFormat::Ogg ? QStringLiteral("ogg") : QStringLiteral("wav");
}

} // namespace aiband
