#!/usr/bin/python3
"""The musicianship song set played by MMA (Musical MIDI Accompaniment, Debian's `mma`), for
musicianship.py to measure beside ours: each song of tests/tools/musicianship_songs.json with
an `mma_groove` becomes a .mma file (its chords one per beat, the groove, the tempo, a random
seed per take), is rendered by `mma`, and gets a manifest (docs/MANIFEST.md) with its bars and
chords, read from the same chord sheet by this file's own small parser.

Usage: musicianship_mma.py SONG_SET.json OUT_DIR [--seeds 1,2]
MMA counts 6/8 grooves in dotted quarters, two 6/8 bars to its 4-beat bar; the manifest says so
with "beat_scale": 1.5 (quarter notes per file beat)."""

import argparse
import json
import os
import re
import subprocess
import sys

import mido

NOTE = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}

# Chord qualities the song set uses -> intervals above the root (a small reader of our own: the
# engine's chord grammar is not used here).
QUALITIES = [
    ("m7b5", (0, 3, 6, 10)), ("maj7", (0, 4, 7, 11)), ("7#9", (0, 4, 7, 10, 3)), ("7b9", (0, 4, 7, 10, 1)),
    ("m9", (0, 3, 7, 10, 2)), ("m7", (0, 3, 7, 10)), ("m6", (0, 3, 7, 9)), ("13", (0, 4, 7, 10, 9)),
    ("9", (0, 4, 7, 10, 2)), ("7", (0, 4, 7, 10)), ("6", (0, 4, 7, 9)), ("m", (0, 3, 7)), ("", (0, 4, 7)),
]


def pitch_class(name):
    pc = NOTE[name[0]]
    for accidental in name[1:]:
        pc += 1 if accidental == "#" else -1
    return pc % 12


def parse_chord(symbol):
    """{root, bass, tones} of a symbol such as 'Bbmaj7', 'F#m7', 'E7#9', 'C/E'."""
    main, _, slash = symbol.partition("/")
    match = re.fullmatch(r"([A-G][#b]?)(.*)", main)
    if not match:
        raise ValueError(f"cannot read chord {symbol!r}")
    root = pitch_class(match.group(1))
    for quality, intervals in QUALITIES:
        if match.group(2) == quality:
            tones = sorted({(root + i) % 12 for i in intervals})
            break
    else:
        raise ValueError(f"unknown chord quality in {symbol!r}")
    bass = pitch_class(slash) if slash else root
    return {"symbol": symbol, "root": root, "bass": bass, "tones": tones}


def sheet_bars(sheet):
    """[(section name or None, [chord symbols])] per bar: '|' separates bars, '%' repeats the bar
    before, '[Name]' marks the bar it stands in."""
    bars = []
    for text in sheet.split("|"):
        section = None
        found = re.match(r"\s*\[([^\]]*)\]", text)
        if found:
            section = found.group(1)
            text = text[found.end():]
        chords = text.split()
        if chords == ["%"]:
            chords = list(bars[-1][1])
        bars.append((section, chords))
    return bars


def looped(bars, count):
    return [bars[i % len(bars)] for i in range(count)]


def beats_per_bar(meter):
    numerator, denominator = (int(x) for x in meter.split("/"))
    return numerator * 4 / denominator


def mma_text(song, seed, bars):
    """The .mma file: tempo, meter, groove, seed, then one line per MMA bar with a chord per beat
    ('/' holds the chord before). A 6/8 MMA bar holds two of the song's bars, in dotted quarters."""
    meter = song["time_signature"]
    compound = meter == "6/8"
    lines = [f"// {song['title']} ({song['id']}, seed {seed})"]
    if compound:
        lines += ["Time 4", "TimeSig 6 8", f"Tempo {song['tempo'] / 1.5:g}"]
    else:
        numerator = int(meter.split("/")[0])
        lines += [f"Time {numerator}", f"TimeSig {numerator} {meter.split('/')[1]}", f"Tempo {song['tempo']:g}"]
    lines += [f"Groove {song['mma_groove']}", f"RndSeed {seed}"]
    slots_per_bar = 2 if compound else int(meter.split("/")[0])
    slots = []
    for _, chords in bars:
        per = slots_per_bar // len(chords) if slots_per_bar % len(chords) == 0 else None
        if per is None:
            raise ValueError(f"{song['id']}: {len(chords)} chords do not split a bar of {meter} into beats")
        for chord in chords:
            slots += [chord] + ["/"] * (per - 1)
    per_line = 4 if compound else slots_per_bar
    for number, at in enumerate(range(0, len(slots), per_line), start=1):
        lines.append(f"{number} " + " ".join(slots[at:at + per_line]))
    return "\n".join(lines) + "\n"


def manifest(song, seed, bars, midi_name, ppq):
    bpb = beats_per_bar(song["time_signature"])
    chords, sections, bar_list = [], [], []
    for index, (section, symbols) in enumerate(bars):
        start = index * bpb
        bar_list.append({"index": index, "start_beat": start, "kind": "song", "fill": False,
                         "section_start": section is not None})
        if section is not None:
            sections.append({"name": section, "start_beat": start})
        for k, symbol in enumerate(symbols):
            chord = parse_chord(symbol)
            chords.append(dict(chord, start_beat=start + k * bpb / len(symbols), duration_beats=bpb / len(symbols),
                               scale=[], no_chord=False))
    numerator, denominator = (int(x) for x in song["time_signature"].split("/"))
    return {
        "id": f"{song['id']}-s{seed}", "song": song["id"], "title": song["title"], "style": song["style"],
        "source": "mma", "groove": song["mma_groove"], "seed": seed, "files": {"full": midi_name}, "ppq": ppq,
        "tempo": song["tempo"], "time_signature": [numerator, denominator], "beats_per_bar": bpb,
        "beat_scale": 1.5 if song["time_signature"] == "6/8" else 1.0,
        "end_beat": len(bars) * bpb, "humanize": 0.5, "swing": None, "strong_beats": [0.0],
        "backbeat_beats": [], "walking_bass": False, "chords": chords, "bars": bar_list, "sections": sections,
    }


def render(song, seed, out_dir):
    bars = looped(sheet_bars(song["sheet"]), song["bars"])
    name = f"{song['id']}-s{seed}"
    mma_path = os.path.join(out_dir, name + ".mma")
    midi_name = name + "_full.mid"
    with open(mma_path, "w") as f:
        f.write(mma_text(song, seed, bars))
    result = subprocess.run(["mma", "-f", os.path.join(out_dir, midi_name), mma_path], capture_output=True, text=True)
    if result.returncode != 0 or not os.path.exists(os.path.join(out_dir, midi_name)):
        raise RuntimeError(f"mma failed on {mma_path}: {result.stdout}{result.stderr}")
    ppq = mido.MidiFile(os.path.join(out_dir, midi_name)).ticks_per_beat
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(manifest(song, seed, bars, midi_name, ppq), f, indent=1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("song_set")
    parser.add_argument("out_dir")
    parser.add_argument("--seeds", default="1,2")
    args = parser.parse_args(argv)
    with open(args.song_set) as f:
        songs = json.load(f)["songs"]
    os.makedirs(args.out_dir, exist_ok=True)
    count = 0
    for song in songs:
        if not song.get("mma_groove"):
            continue
        for seed in (int(s) for s in args.seeds.split(",")):
            render(song, seed, args.out_dir)
            count += 1
    print(f"MMA rendered {count} songs into {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
