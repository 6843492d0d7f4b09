#pragma once

#include "AudioRender.h"
#include "util/Result.h"

#include <QString>

#include <optional>

namespace aiband {

// The audio endpoints' query, as the client wrote it (absent: not given).
struct AudioQuery {
    std::optional<QString> format;   // "wav" (the default) or "ogg"
    std::optional<QString> mute;     // part names: "drums,keys"
    std::optional<QString> gain;     // part:amplitude pairs, 0 to 1: "bass:0.5,keys:0.8"
};

struct AudioOptions {
    AudioFormat format = AudioFormat::Wav;
    ChannelMix mix;   // by the parts' channels (music/PartRegistry.cpp); a muted part is at 0
};

// Errors are invalid_field naming format, mute or gain, and the value that is wrong. A part both
// muted and given a gain is muted.
Result<AudioOptions> parseAudioQuery(const AudioQuery &query);

// Where Debian's fluid-soundfont-gm installs its General MIDI soundfont.
inline constexpr const char *kDebianSoundFonts[] = {"/usr/share/sounds/sf2/FluidR3_GM.sf2",
                                                    "/usr/share/sounds/sf2/default-GM.sf2"};

// The soundfont to play with: `configured` (audio.soundfont) when set, else the first of
// kDebianSoundFonts there is. no_soundfont, saying what to install or set, when there is none.
Result<QString> findSoundFont(const QString &configured);

} // namespace aiband
