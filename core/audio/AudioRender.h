#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <array>

namespace aiband {

enum class AudioFormat { Wav, Ogg };

// A take longer than this is rendered up to here and marked truncated: a 1,024-bar file at a
// slow tempo is over an hour, 700 MB of WAV held in memory for one answer. Five minutes is
// 53 MB of WAV, and more than any take a plugin auditions (64 bars at 60 BPM are 4:16).
constexpr double kMaxAudioSeconds = 300.0;

// How loud each MIDI channel plays: a linear amplitude from 0 to 1. A channel at 0 is muted:
// its notes are never played, so it adds no energy at all (not merely very little).
struct ChannelMix {
    std::array<double, 16> gain{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

    bool isMuted(int channel) const { return gain[static_cast<size_t>(channel)] <= 0.0; }
};

struct AudioRenderSettings {
    QString soundFont;                  // a .sf2 file (findSoundFont)
    AudioFormat format = AudioFormat::Wav;
    ChannelMix mix;
    double maxSeconds = kMaxAudioSeconds;
};

struct RenderedAudio {
    QByteArray bytes;       // a whole WAV (16-bit PCM) or Ogg Vorbis file, 44.1 kHz stereo
    AudioFormat format = AudioFormat::Wav;
    double seconds = 0.0;   // its length: the song's, and the instruments' release after it
    bool truncated = false; // the song went on past maxSeconds and was cut there
};

constexpr int kAudioSampleRate = 44100;

// Plays Standard MIDI Files together, as one song from their first tick (a take's parts, each
// on its own channel, or the full band's file), through FluidSynth with the soundfont, and
// encodes the sound with libsndfile. Offline: FluidSynth's MIDI player runs on the synthesizer's
// sample clock, so rendering is as fast as the CPU allows and needs no sound device. Blocking:
// call it on a worker thread. Errors: no_soundfont (the file cannot be loaded), invalid_midi
// (FluidSynth cannot read a file), audio_failed (the encoder refused).
Result<RenderedAudio> renderAudio(const QList<QByteArray> &midiFiles, const AudioRenderSettings &settings);

QByteArray mimeTypeOf(AudioFormat format);   // audio/wav, audio/ogg
QString fileExtensionOf(AudioFormat format); // wav, ogg

} // namespace aiband
