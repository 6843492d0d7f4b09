#pragma once

namespace aiband {

// Where a part sits in the band's mix: its channel volume (MIDI controller 7) and pan
// (controller 10), as MIDI values 0-127, written at tick 0 of every track that plays the part.
// A General MIDI synth starts a channel at volume 100 and pan 64 (centre); these set the level
// and the place on the stage a part has out of the box (docs/MUSIC.md, "Balance").
struct PartMix {
    static constexpr int kCentre = 64;
    static constexpr int kDefaultVolume = 100;   // a GM channel's volume after reset

    int volume = kDefaultVolume;
    int pan = kCentre;   // 0 hard left, 64 centre, 127 hard right

    bool operator==(const PartMix &) const = default;
};

} // namespace aiband
