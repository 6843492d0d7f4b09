#!/usr/bin/python3
"""Listening examples per style for docs/examples/ (scripts/music-examples.sh): a short song set
(the first song of each style from the musicianship song set, cut to about 15 seconds, 8 to 16
bars), then, once the engine has rendered it, one MIDI file per song with the full band and the
guitar, and a piano roll of it as a PNG (matplotlib).

Usage: musicianship_examples.py songs SONG_SET.json OUT.json [--seconds 15]
       musicianship_examples.py band MANIFEST.json OUT.mid
       musicianship_examples.py roll MANIFEST.json OUT.png"""

import argparse
import json
import os
import sys

import mido

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import musicianship  # noqa: E402


def beats_per_bar(meter):
    numerator, denominator = (int(x) for x in meter.split("/"))
    return numerator * 4 / denominator


def short_songs(song_set, seconds):
    """The first song of each style, as many bars as last about `seconds` (8 to 16)."""
    picked, seen = [], set()
    for song in song_set["songs"]:
        if song["style"] in seen:
            continue
        seen.add(song["style"])
        bar_seconds = beats_per_bar(song["time_signature"]) * 60.0 / song["tempo"]
        bars = max(8, min(16, round(seconds / bar_seconds)))
        picked.append(dict(song, id=f"example-{song['style']}", bars=bars, title=f"{song['title']}, first {bars} bars"))
    return {"songs": picked}


def band_file(manifest_path, out_path):
    """The full band's file with the guitar's tracks added: one file to render and to draw."""
    folder = os.path.dirname(os.path.abspath(manifest_path))
    with open(manifest_path) as f:
        files = json.load(f)["files"]
    band = mido.MidiFile(os.path.join(folder, files["full"]))
    if "guitar" in files:
        guitar = mido.MidiFile(os.path.join(folder, files["guitar"]))
        band.tracks += [t for t in guitar.tracks if any(m.type == "note_on" for m in t)]
    band.save(out_path)


LANES = (("drums", "#c0392b"), ("bass", "#2c3e50"), ("keys", "#2980b9"), ("guitar", "#27ae60"))


def piano_roll(manifest_path, out_path):
    """Four lanes (drums, bass, keys, guitar), notes as bars in pitch order, bar lines and chord
    names: small enough to commit (about 1000 x 420 pixels)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    song = musicianship.load_song(manifest_path)
    with open(manifest_path) as f:
        manifest = json.load(f)
    lanes = [(role, colour) for role, colour in LANES if song.parts.get(role)]
    figure, axes = plt.subplots(len(lanes), 1, figsize=(10, 1.05 * len(lanes) + 0.5), dpi=100, sharex=True)
    end = float(manifest["end_beat"])
    for axis, (role, colour) in zip(axes, lanes):
        notes = song.parts[role]
        pitches = sorted({n.pitch for n in notes})
        if role == "drums":
            row = {p: i for i, p in enumerate(pitches)}
            for n in notes:
                axis.add_patch(plt.Rectangle((n.start, row[n.pitch]), 0.12, 0.8, color=colour,
                                             alpha=0.4 + 0.6 * n.velocity / 127, linewidth=0))
            axis.set_ylim(-0.5, len(pitches) + 0.3)
        else:
            for n in notes:
                axis.add_patch(plt.Rectangle((n.start, n.pitch), max(0.05, n.end - n.start), 0.9, color=colour,
                                             alpha=0.4 + 0.6 * n.velocity / 127, linewidth=0))
            axis.set_ylim(pitches[0] - 1, pitches[-1] + 2)
        for bar in song.bars:
            axis.axvline(bar.start, color="#999999", linewidth=0.5)
        axis.set_yticks([])
        axis.set_ylabel(role, fontsize=8)
    previous = None
    for chord in manifest["chords"]:
        if chord["symbol"] != previous:   # a held chord is named once
            axes[0].text(float(chord["start_beat"]), axes[0].get_ylim()[1], chord["symbol"], fontsize=7, va="bottom")
        previous = chord["symbol"]
    axes[-1].set_xlim(0, end)
    axes[-1].set_xlabel("beats", fontsize=8)
    axes[-1].tick_params(labelsize=7)
    figure.suptitle(f"{manifest['style']}: {manifest.get('title', '')} ({manifest['tempo']:g} BPM, "
                    f"{'/'.join(str(x) for x in manifest['time_signature'])})", fontsize=9)
    figure.tight_layout()
    figure.savefig(out_path)
    plt.close(figure)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    songs = commands.add_parser("songs")
    songs.add_argument("song_set")
    songs.add_argument("out")
    songs.add_argument("--seconds", type=float, default=15.0)
    for name in ("band", "roll"):
        command = commands.add_parser(name)
        command.add_argument("manifest")
        command.add_argument("out")
    args = parser.parse_args(argv)
    if args.command == "songs":
        with open(args.song_set) as f:
            short = short_songs(json.load(f), args.seconds)
        with open(args.out, "w") as f:
            json.dump(short, f, indent=1)
    elif args.command == "band":
        band_file(args.manifest, args.out)
    else:
        piano_roll(args.manifest, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
