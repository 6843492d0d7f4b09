#!/usr/bin/python3
"""How well POST /api/chords/detect reads what was played (docs/MUSIC.md, "Chords from MIDI").

Two corpora with known answers, both sent to the real server as Standard MIDI Files:
- **hand-played**: written here with mido, independent of the engine: 8 progressions (major,
  minor, blues, jazz turnarounds) played 4 ways — block chords in random inversions over a bass
  with a comping rhythm; arpeggios in eighths with neighbour notes and no bass; a walking bass
  with chromatic approach notes under rootless shell voicings; a sustained pad in random
  inversions with a melody of passing notes over a root-fifth bass — 3 seeds each, velocities
  and timing loosened;
- **band takes**: the same progressions played by the engine in all 16 styles (`full`, the
  bass, keys and drums in one file; drums are left out by the reader), 2 seeds each.

Measured per beat: the root and the kind (major, minor, dominant, diminished, augmented, sus;
N.C.) right, as the issue asks; and per song: the key. Beside ours, a plain template matcher
(each beat on its own, major, minor and dominant-seventh templates by cosine similarity, no
bass, no smoothing) and the Krumhansl-Kessler key profile on all the notes, as the baseline.

Usage: chord_accuracy.py APP [--markdown FILE] [--check]
  --check: exit 1 when a corpus falls below its floor: issue 14's 95 % of beats and 90 % of keys,
  for the band takes and for the hand-played corpus as a whole (arpeggios alone are short of it:
  docs/MUSIC.md says where), and 85 % of beats for each way of playing on its own, so one of them
  cannot fall back behind the others' average unnoticed.
"""

import argparse
import io
import json
import math
import os
import random
import sys

import mido

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from midi_tools import midi_bytes  # noqa: E402
from plugin_client import Server, http, http_json  # noqa: E402

NAMES = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
QUALITIES = {  # suffix -> intervals (what the hand-played corpus voices)
    "": [0, 4, 7], "m": [0, 3, 7], "7": [0, 4, 7, 10], "maj7": [0, 4, 7, 11], "m7": [0, 3, 7, 10],
    "m7b5": [0, 3, 6, 10], "dim7": [0, 3, 6, 9], "6": [0, 4, 7, 9],
}
PROGRESSIONS = [  # (chords, one a bar; key)
    ("Dm7 G7 Cmaj7 A7", "C"),
    ("C G Am F", "C"),
    ("Am Dm E7 Am", "Am"),
    ("Bb Gm Cm7 F7", "Bb"),
    ("A7 D7 A7 A7 D7 D7 A7 A7 E7 D7 A7 E7", "A"),
    ("Em7b5 A7 Dm7 Dm7", "Dm"),
    ("Fmaj7 Em7 Dm7 Cmaj7", "C"),
    ("E A B7 E", "E"),
]
STYLES = ["ballad_68", "blues_shuffle", "bossa_nova", "country", "disco", "funk", "hiphop", "jazz_ballad",
          "jazz_swing", "metal", "pop", "reggae", "rock", "salsa", "samba", "waltz"]
PLAYINGS = ["block", "arpeggio", "walking", "pad and melody"]


# ---- chords --------------------------------------------------------------------------------------

def parse(symbol):
    """(root pitch class, suffix without a slash bass), or None for N.C."""
    if symbol.upper().startswith("N"):
        return None
    root = NAMES[symbol[0]]
    rest = symbol[1:]
    while rest[:1] in ("#", "b") and not rest.startswith("b5"):
        root += 1 if rest[0] == "#" else -1
        rest = rest[1:]
    return root % 12, rest.split("/")[0]


def kind(suffix):
    """The kind of chord a suffix names: what the issue's accuracy compares beside the root."""
    if suffix.startswith("maj") or suffix in ("", "6", "add9", "6/9"):
        return "maj"
    if suffix.startswith("m7b5"):
        return "hdim"
    if suffix.startswith("dim"):
        return "dim"
    if suffix.startswith("aug") or suffix.startswith("+"):
        return "aug"
    if suffix.startswith("m"):
        return "min"
    if "sus" in suffix and not suffix[:1].isdigit():
        return "sus"
    if suffix[:1].isdigit():
        return "dom"
    return suffix


def label(symbol):
    parsed = parse(symbol)
    return "N.C." if parsed is None else (parsed[0], kind(parsed[1]))


def tones(symbol):
    root, suffix = parse(symbol)
    return [root + i for i in QUALITIES[suffix]]


# ---- the hand-played corpus ------------------------------------------------------------------------

def nearest(pitch_class, around):
    return around + ((pitch_class - around + 6) % 12) - 6


def voicing(symbol, rng, low=55):
    """A close voicing in a random inversion, from about `low` up."""
    notes = sorted(t % 12 for t in tones(symbol))
    inversion = rng.randrange(len(notes))
    notes = notes[inversion:] + [n + 12 for n in notes[:inversion]]
    base = low + ((notes[0] - low) % 12)
    return [base + n - notes[0] for n in notes]


def comp_rhythm(rng):
    """2-4 hits in a bar: (start, duration) in beats."""
    starts = sorted(rng.sample([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5], rng.randint(2, 4)) + [0])
    starts = sorted(set(starts))
    return [(s, (starts[i + 1] if i + 1 < len(starts) else 4) - s) for i, s in enumerate(starts)]


def play(chords, playing, rng):
    """[(start, duration, pitch, velocity)] for one bar per chord."""
    notes = []
    for bar, symbol in enumerate(chords):
        at = bar * 4.0
        root = tones(symbol)[0] % 12
        chord = sorted({t % 12 for t in tones(symbol)})
        following = tones(chords[(bar + 1) % len(chords)])[0] % 12
        if playing == "block":
            notes.append((at, 4.0, 36 + root, rng.randint(80, 100)))
            pitches = voicing(symbol, rng)
            for start, length in comp_rhythm(rng):
                notes += [(at + start, length * 0.9, p, rng.randint(60, 90)) for p in pitches]
        elif playing == "arpeggio":
            up = voicing(symbol, rng, low=48)
            up = sorted(up)
            line = up + [up[0] + 12] + up[::-1][1:-1]
            line = (line * 3)[:8]
            if rng.random() < 0.6:  # a neighbour note a step above a chord tone
                i = rng.randrange(1, 8)
                line[i] = line[i] + rng.choice([1, 2])
            notes += [(at + i * 0.5, 0.5, p, rng.randint(60, 100)) for i, p in enumerate(line)]
        elif playing == "walking":
            third = [t for t in tones(symbol) if (t - root) % 12 in (3, 4)][0] % 12
            fifth = [t for t in tones(symbol) if (t - root) % 12 in (6, 7, 8)][0] % 12
            line = [36 + root, nearest(third, 36 + root + 4), nearest(fifth, 36 + root + 7),
                    nearest(following, 36 + root) + rng.choice([-1, 1])]
            notes += [(at + i, 0.9, p, rng.randint(80, 100)) for i, p in enumerate(line)]
            shell = [t % 12 for t in tones(symbol)[1:]]  # rootless: third, fifth, seventh
            for hit in (1.0, 3.0) if rng.random() < 0.5 else (0.5, 2.5):
                notes += [(at + hit, 0.6, nearest(pc, 62), rng.randint(55, 80)) for pc in shell]
        else:  # pad and melody
            notes.append((at, 2.0, 36 + root, 90))
            notes.append((at + 2, 2.0, 36 + (root + 7) % 12 if kind(parse(symbol)[1]) != "hdim" else 36 + (root + 6) % 12, 85))
            notes += [(at, 4.0, p, 55) for p in voicing(symbol, rng, low=53)]
            scale_step = [0, 2, 4, 5, 7, 9, 11]
            top = nearest(chord[-1], 74)
            for i in range(8):
                pitch = top + (scale_step[i % 7] - 5 if i % 2 else 0)
                if i % 2 == 0:
                    pitch = nearest(chord[(i // 2) % len(chord)], 74)
                notes.append((at + i * 0.5, 0.5, pitch, rng.randint(80, 110)))
    jitter = [(max(0.0, s + rng.uniform(-0.02, 0.02)), d, p, v) for s, d, p, v in notes]
    return jitter


def midi_file(notes, numerator=4):
    return midi_bytes([(0, notes)], tempo_bpm=110, numerator=numerator)


# ---- reading notes back (for the baseline) --------------------------------------------------------

def notes_of(data):
    """[(start, duration, pitch)] in beats, the drum channel left out."""
    song = mido.MidiFile(file=io.BytesIO(data))
    found = []
    for track in song.tracks:
        now, on = 0, {}
        for message in track:
            now += message.time
            if getattr(message, "channel", None) == 9:
                continue
            if message.type == "note_on" and message.velocity > 0:
                on.setdefault(message.note, []).append(now)
            elif message.type in ("note_off", "note_on") and on.get(message.note):
                start = on[message.note].pop(0)
                found.append((start / song.ticks_per_beat, (now - start) / song.ticks_per_beat, message.note))
    return found


TEMPLATES = [(root, name, [1.0 if (pc - root) % 12 in set(intervals) else 0.0 for pc in range(12)])
             for root in range(12) for name, intervals in (("maj", (0, 4, 7)), ("min", (0, 3, 7)), ("dom", (0, 4, 7, 10)))]
KK_MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88]
KK_MINOR = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]


def cosine(a, b):
    norm = math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))
    return sum(x * y for x, y in zip(a, b)) / norm if norm else 0.0


def pearson(a, b):
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    return cosine([x - ma for x in a], [y - mb for y in b])


def baseline(notes, beats):
    """Per beat: (root, kind) of the best template by cosine similarity, or N.C.; and the key."""
    chroma = [[0.0] * 12 for _ in range(beats)]
    for start, duration, pitch in notes:
        for beat in range(max(0, int(start)), min(beats, int(math.ceil(start + duration)))):
            overlap = min(start + duration, beat + 1) - max(start, beat)
            if overlap > 0:
                chroma[beat][pitch % 12] += overlap
    labels = []
    for row in chroma:
        if sum(row) <= 0:
            labels.append("N.C.")
            continue
        root, name, _ = max(TEMPLATES, key=lambda t: cosine(row, t[2]))
        labels.append((root, name))
    total = [sum(row[pc] for row in chroma) for pc in range(12)]
    _, tonic, minor = max((pearson(total, profile[-tonic:] + profile[:-tonic]), tonic, minor)
                          for tonic in range(12) for minor, profile in ((False, KK_MAJOR), (True, KK_MINOR)))
    return labels, (tonic, minor)


def key_of(name):
    minor = name.endswith("m")
    root, _ = parse(name[:-1] if minor else name)
    return root, minor


# ---- measuring ---------------------------------------------------------------------------------------

class Tally:
    def __init__(self):
        self.beats = self.ours = self.base = 0
        self.songs = self.key_ours = self.key_base = 0

    def add(self, truth, ours, base, key, our_key, base_key):
        for expected, got, plain in zip(truth, ours, base):
            self.beats += 1
            self.ours += expected == got
            self.base += expected == plain
        self.songs += 1
        self.key_ours += key == our_key
        self.key_base += key == base_key

    def row(self, name):
        pct = lambda n, d: f"{100.0 * n / d:.1f} %" if d else "—"  # noqa: E731
        return (f"| {name} | {self.songs} | {self.beats} | **{pct(self.ours, self.beats)}** | {pct(self.base, self.beats)} "
                f"| **{pct(self.key_ours, self.songs)}** | {pct(self.key_base, self.songs)} |")


def detect(server, data):
    status, _, answer = http("POST", server.base + "/api/chords/detect", raw=data, content_type="audio/midi", timeout=30)
    answer = json.loads(answer)
    if status != 200:
        raise RuntimeError(f"detect answered {status}: {answer}")
    return answer


def per_beat(answer, beats, offset=0.0):
    labels = []
    for beat in range(beats):
        at = beat + offset + 0.5
        symbol = next((c["chord"] for c in answer["chords"] if c["start_time"] <= at < c["start_time"] + c["duration"]), "N.C.")
        labels.append(label(symbol))
    return labels


def hand_played(server, tallies):
    for playing in PLAYINGS:
        tally = tallies.setdefault(f"hand-played: {playing}", Tally())
        for chords, key in PROGRESSIONS:
            for seed in range(3):
                rng = random.Random(f"{playing}/{chords}/{seed}")
                sheet = chords.split() * 2
                data = midi_file(play(sheet, playing, rng))
                beats = 4 * len(sheet)
                truth = [label(sheet[b // 4]) for b in range(beats)]
                answer = detect(server, data)
                base, base_key = baseline(notes_of(data), beats)
                tally.add(truth, per_beat(answer, beats), base, key_of(key), key_of(answer["key"]), base_key)


def band_takes(server, tallies):
    for style in STYLES:
        tally = tallies.setdefault("band takes (16 styles)", Tally())
        for chords, key in PROGRESSIONS:
            for seed in (1, 2):
                body = {"chord_progression": {"chords": " | ".join(chords.split())}, "style": style,
                        "track_types": ["full"], "seed": seed}
                status, _, take = http_json("POST", server.base + "/api/generate", body, timeout=30)
                if status != 200:
                    raise RuntimeError(f"generate answered {status}: {take}")
                meta = take["metadata"]
                numerator, denominator = (int(x) for x in meta["time_signature"].split("/"))
                bar = numerator * 4 / denominator
                start = meta.get("music_start_beat", 0)
                status, _, data = http("GET", server.base + "/api/files/" + take["file_details"][0]["filename"])
                names = chords.split()
                beats = int(bar * len(names))
                truth = [label(names[int(b // bar)]) for b in range(beats)]
                answer = detect(server, data)
                notes = [(s - start, d, p) for s, d, p in notes_of(data) if s >= start]
                base, base_key = baseline(notes, beats)
                tally.add(truth, per_beat(answer, beats, start), base, key_of(key), key_of(answer["key"]), base_key)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("app")
    parser.add_argument("--markdown")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    # 256 takes in a few seconds: the per-client generation limits are lifted for this run.
    server = Server(args.app, {"AIBAND_GENERATION_RATE_PER_MINUTE": "1000000", "AIBAND_GENERATION_BURST": "1000000"})
    tallies = {}
    try:
        hand_played(server, tallies)
        band_takes(server, tallies)
    finally:
        server.terminate()
        server.close()
    hand = Tally()
    for name, tally in tallies.items():
        if name.startswith("hand-played"):
            for field in vars(hand):
                setattr(hand, field, getattr(hand, field) + getattr(tally, field))
    lines = ["| corpus | songs | beats | chords right (ours) | chords right (templates) | keys right (ours) | keys right (profile) |",
             "|---|---|---|---|---|---|---|"]
    lines += [tally.row(name) for name, tally in tallies.items()]
    lines.append(hand.row("hand-played, all"))
    table = "\n".join(lines) + "\n"
    print(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table)
    if args.check:
        floors = {"band takes (16 styles)": (tallies["band takes (16 styles)"], 0.95, 0.90),
                  "hand-played, all": (hand, 0.95, 0.90)}
        floors.update({name: (tally, 0.85, 0.90) for name, tally in tallies.items() if name.startswith("hand-played:")})
        failed = [f"{name} ({100.0 * t.ours / t.beats:.1f} % of beats, {100.0 * t.key_ours / t.songs:.1f} % of keys; "
                  f"floors {100 * beats:.0f} %, {100 * keys:.0f} %)"
                  for name, (t, beats, keys) in floors.items() if t.ours < beats * t.beats or t.key_ours < keys * t.songs]
        if failed:
            print("below the floor: " + "; ".join(failed), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
