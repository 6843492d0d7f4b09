#!/usr/bin/env bash
# Listening examples for a musician: per style, one short song (the first of the musicianship
# song set, 8-16 bars, about 15 s, full band + guitar) rendered by the engine, played by
# FluidSynth with Debian's GM soundfont and written as a small Ogg Vorbis file (mono, ~64 kbps,
# faded out at 15 s) with a piano roll (PNG, matplotlib) into docs/examples/.
# Usage: scripts/music-examples.sh [OUT_DIR]   (default docs/examples)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_BUILD_DIR:-$root/build}"
out="${1:-$root/docs/examples}"
seconds=15
"$root/scripts/install-deps.sh" --music
"$root/scripts/build.sh" render_corpus

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tool="$root/tests/python/musicianship_examples.py"
/usr/bin/python3 "$tool" songs "$root/tests/tools/musicianship_songs.json" "$work/songs.json" --seconds "$seconds"
"$build/tests/render_corpus" "$work/midi" --songs "$work/songs.json" --seeds 1 >/dev/null
mkdir -p "$out"
for manifest in "$work"/midi/example-*-s1.json; do
    name=$(basename "$manifest" -s1.json)
    name=${name#example-}
    /usr/bin/python3 "$tool" band "$manifest" "$work/$name.mid"
    fluidsynth -ni -F "$work/$name.wav" -r 44100 /usr/share/sounds/sf2/FluidR3_GM.sf2 "$work/$name.mid" >/dev/null
    # Mono, the first 15 s with a one-second fade, Vorbis quality 0 (about 64 kbps).
    sox "$work/$name.wav" -c 1 -C 0 "$out/$name.ogg" trim 0 "$seconds" fade t 0 "$seconds" 1 norm -1
    /usr/bin/python3 "$tool" roll "$manifest" "$out/$name.png"
    echo "$out/$name.ogg $out/$name.png"
done
