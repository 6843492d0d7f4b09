#!/usr/bin/python3
"""Musicianship measures: what an arranger hears in a generated song, beyond the rules that
music_checks.py asserts (docs/MUSIC.md, "Musicianship, measured"; issue 13).

Reads song manifests (docs/MANIFEST.md; render_corpus --songs writes ours,
musicianship_mma.py writes MMA's) and their MIDI files with mido, never with the project's code,
and measures per file, then per style:

  bass        median pitch, share of repeated notes, share at or below G2
  figures     distinct bar figures per 8 bars (bass, drums, keys rhythm), the keys' most used
              rhythm's share of bars
  seeds       share of identical bars between the two seeds of one song (bass, drums, keys)
  drums       fills and crashes per 8 bars, distinct fills, fill hits closer than a 32nd
  idiom       the style's template (son clave, bossa clave and surdo kick, one-drop, samba surdo,
              swing ride, shuffle triplets, backbeat, four on the floor, oom-pah-pah)
  keys        share of keys notes above the sounding bass note; chords inside the low-interval
              limits; share of chord changes anticipated by an eighth or a sixteenth
  levels      (--levels) each part rendered alone by FluidSynth, RMS by sox, against the mix

Usage: musicianship.py OURS_DIR [--mma MMA_DIR] [--levels] [--markdown FILE] [--json FILE]
Prints each style's failures ("style: measure: value, threshold (source)"), the table, and
exits 1 when one of our styles fails a threshold (MMA's figures are shown, never judged),
2 when OURS_DIR holds no manifest.

Every threshold is a named constant in THRESHOLDS with where it comes from.
"""

import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

import mido

# --- thresholds -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Threshold:
    low: float = None              # the value must be >= low ...
    high: float = None             # ... and <= high
    source: str = ""

    def passes(self, value):
        if value is None:
            return True
        return (self.low is None or value >= self.low - 1e-9) and (self.high is None or value <= self.high + 1e-9)

    def text(self):
        if self.low is not None and self.high is not None:
            return f"{fmt(self.low)} … {fmt(self.high)}"
        return f"≥ {fmt(self.low)}" if self.low is not None else f"≤ {fmt(self.high)}"


ISSUE = "issue 13"
THRESHOLDS = {
    "bass_median": Threshold(33, 45, f"{ISSUE}: players sit near D2 (median ≈ 38); ours sat at 46–49"),
    "bass_repeat": Threshold(None, 0.50, f"{ISSUE}: octave figures collapsed into 80% repeats; a line that "
                                         "repeats more than every other note is a pedal, not a figure"),
    "bass_low": Threshold(0.50, None, f"{ISSUE}: three quarters of players' notes at or below G2; half is the floor"),
    "bass_figures": Threshold(2, None, f"{ISSUE}: one figure for the whole song is a loop; players vary at least "
                                       "once in 8 bars"),
    "drum_figures": Threshold(2, None, f"{ISSUE}: a groove and at least a fill or variation per 8 bars"),
    "keys_figures": Threshold(3, None, f"{ISSUE}: keys played one rhythm in every bar; comping varies over the "
                                       "phrase (3 of 8 bars differ at least)"),
    "keys_top_rhythm": Threshold(None, 0.60, f"{ISSUE}: no one comping rhythm in more than 60% of bars"),
    "seed_same_bass": Threshold(None, 0.50, f"{ISSUE}: the seed changes the performance, not only the timing"),
    "seed_same_drums": Threshold(None, 0.80, f"{ISSUE}: a groove repeats by nature; fills and variations must move"),
    "seed_same_keys": Threshold(None, 0.50, f"{ISSUE}: the seed changes the performance, not only the timing"),
    "fills_per_8": Threshold(0.25, 1.5, f"{ISSUE}: eight styles filled every 4 bars (2 per 8); players fill at "
                                        "phrase ends (about 1 per 8), sometimes not at all"),
    "crashes_per_8": Threshold(None, 1.5, f"{ISSUE}: crash at section starts, not every 4 bars"),
    "distinct_fills": Threshold(0.5, None, f"{ISSUE}: one fill in 156 of 165 songs; at least every other fill differs"),
    "flams": Threshold(None, 0, f"{ISSUE}: two fill hits 47 ms apart in swing; hits closer than a 32nd note "
                                "(and more than 15 ms apart) are accidental flams"),
    "idiom": Threshold(0.75, None, "players' practice: the style's timeline in three bars of four at least "
                                   "(templates below)"),
    "keys_above_bass": Threshold(0.95, None, f"{ISSUE}: 19–67% of keys notes at or below the bass in four styles"),
    "low_interval": Threshold(0.95, None, "low-interval limits as commonly accepted in arranging (Sweetwater, \"Low Interval Limit\"); 1 chord in 20 may break them"),
    "anticipation": Threshold(0.10, 0.40, f"{ISSUE}: players push 10–30% of changes by an eighth; 40% allows "
                                          "busy styles"),
    "bass_vs_keys_db": Threshold(-4, 4, f"{ISSUE} and the brief: rock bass sat 9–11 dB under the keys, jazz piano "
                                        "8 dB under the bass; within ±4 dB both are heard"),
    "drums_over_db": Threshold(None, 6, "the drums at most 6 dB above the louder of bass and keys, so that the "
                                        "harmony is not buried under them"),
}

# Low-interval limits: the lowest pitch at which the lower note of each interval still sounds
# clear, as commonly accepted in arranging (Sweetwater's glossary, "Low Interval Limit",
# https://www.sweetwater.com/insync/low-interval-limit/, whose C3 is middle C: here in MIDI
# numbers, middle C = 60). Interval in semitones -> MIDI pitch of the lower note.
LOW_INTERVAL_LIMITS = {1: 52, 2: 51, 3: 48, 4: 47, 5: 45, 6: 35, 7: 37, 8: 41, 9: 41, 10: 41, 11: 41}

G2 = 43
TOLERANCE = 0.125              # beats: two onsets this close are the same position (a 32nd at most)
CHORD_GROUP = 0.125            # beats: keys notes starting this close together are one chord
FLAM_TOGETHER_MS = 15          # hits closer than this are struck together, not a flam
WINDOW_BARS = 8

KICKS = {35, 36}
SNARES = {37, 38, 39, 40}
TOMS = {41, 43, 45, 47, 48, 50, 65, 66}   # toms, and the timbales a salsa drummer fills on
HATS = {42, 44, 46}
RIDES = {51, 53, 59}
CRASHES = {49, 52, 55, 57}
CLAVES = {75, 37, 76, 77}      # claves, side stick, wood blocks: where a clave pattern is played
LOW_DRUMS = {35, 36, 41, 43, 45}


def drum_class(pitch):
    for name, pitches in (("kick", KICKS), ("snare", SNARES), ("tom", TOMS), ("hat", HATS), ("ride", RIDES),
                          ("crash", CRASHES)):
        if pitch in pitches:
            return name
    return f"perc{pitch}"


def fmt(value, digits=2):
    if value is None:
        return "–"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


# --- songs as beats ---------------------------------------------------------------------------

@dataclass
class Note:
    start: float                   # quarter-note beats from the file's start
    end: float
    pitch: int
    velocity: int = 90


@dataclass
class Bar:
    start: float
    length: float


@dataclass
class ChordSpan:
    start: float
    end: float
    tones: frozenset
    bass: int
    no_chord: bool = False


@dataclass
class SongData:
    id: str
    song: str
    style: str
    source: str                    # "ours" or "mma"
    seed: int
    tempo: float                   # quarter notes per minute
    meter: str
    bars: list                     # the song bars
    chords: list
    parts: dict                    # role -> [Note]
    files: dict = field(default_factory=dict)   # role -> path, for rendering
    manifest_dir: str = ""
    keys_tracks: frozenset = frozenset({"keys"})  # the track roles that make the keys part

    def ms(self, beats):
        return beats * 60000.0 / self.tempo


def role_of_track(name, channel, program):
    """A track's part from its name (ours: Bass, Drums, Keys, Guitar; MMA: Drum-*, Bass, Walk,
    Chord-*, Arpeggio-*, Plectrum-*), else from channel 10 or a bass program."""
    name = (name or "").lower()
    for role, words in (("drums", ("drum", "perc")), ("bass", ("bass", "walk")),
                        ("guitar", ("guitar", "plectrum")),
                        ("keys", ("key", "piano", "organ", "pad", "comp", "chord", "arpeggio"))):
        if any(word in name for word in words):
            return role
    if channel == 9:
        return "drums"
    if program is not None and 32 <= program <= 39:
        return "bass"
    return "keys"


def mma_role_of_track(name, channel, program):
    """MMA names tracks by pattern kind, not instrument: "Bass-Lead" plays a bass pattern on a
    lead synth. Its Bass and Walk tracks are the bass when no suffix names another instrument or
    the program is a bass (33-40); a bass-pattern track on another instrument, a Solo or Melody
    track is left out ("other"); guitars by name or program (25-32) are the guitar; the rest of
    the chord-playing tracks (Chord, Arpeggio, Scale, Plectrum on keys) are the keys."""
    lower = (name or "").lower()
    is_bass_program = program is not None and 32 <= program <= 39
    is_guitar_program = program is not None and 24 <= program <= 31
    if channel == 9 or lower.startswith("drum"):
        return "drums"
    if lower in ("bass", "walk") or (lower.startswith(("bass", "walk")) and is_bass_program):
        return "bass"
    if lower.startswith(("bass", "walk", "solo", "melody", "aria")):
        return "other"
    if "guitar" in lower or lower.startswith("plectrum") or is_guitar_program:
        return "guitar"
    return "keys"


def read_tracks(path):
    """[(name, channel, program, [Note in file beats])] of each track with notes."""
    midi = mido.MidiFile(path)
    out = []
    for track in midi.tracks:
        tick, sounding, notes, program, name, channel = 0, {}, [], None, None, None
        for message in track:
            tick += message.time
            if message.type == "track_name" and name is None:
                name = message.name
            elif message.type == "program_change" and program is None:
                program = message.program
            elif message.type == "note_on" and message.velocity > 0:
                sounding.setdefault((message.channel, message.note), []).append((tick, message.velocity))
                channel = message.channel
            elif message.type in ("note_on", "note_off") and sounding.get((message.channel, message.note)):
                start, velocity = sounding[(message.channel, message.note)].pop(0)
                notes.append(Note(start / midi.ticks_per_beat, tick / midi.ticks_per_beat, message.note, velocity))
        if notes:
            out.append((name, channel, program, sorted(notes, key=lambda n: (n.start, n.pitch))))
    return out


def load_song(manifest_path):
    with open(manifest_path) as f:
        m = json.load(f)
    folder = os.path.dirname(os.path.abspath(manifest_path))
    scale = float(m.get("beat_scale", 1.0))   # quarter notes per file beat (MMA's 6/8 counts dotted quarters)
    parts = {}
    files = {}
    for role in ("bass", "drums", "keys", "guitar"):
        if role in m["files"]:
            files[role] = os.path.join(folder, m["files"][role])
    full = m["files"].get("full")
    if full:
        files["full"] = os.path.join(folder, full)
    by_name = mma_role_of_track if m.get("source") == "mma" else role_of_track
    for role, path in files.items():
        for name, channel, program, notes in read_tracks(path):
            track_role = role if role != "full" else by_name(name, channel, program)
            if role == "full" and track_role in files:
                continue   # the part's own file is read instead
            for n in notes:
                parts.setdefault(track_role, []).append(Note(n.start * scale, n.end * scale, n.pitch, n.velocity))
    keys_tracks = frozenset({"keys"})
    if m.get("source") == "mma" and "keys" not in parts and "guitar" in parts:
        parts["keys"] = parts.pop("guitar")   # MMA's grooves that comp on a guitar alone: it is their comping
        keys_tracks = frozenset({"guitar"})
    for notes in parts.values():
        notes.sort(key=lambda n: (n.start, n.pitch))
    bpb = float(m["beats_per_bar"])
    bars = [Bar(float(b["start_beat"]), bpb) for b in m["bars"] if b.get("kind", "song") == "song"]
    chords = [ChordSpan(float(c["start_beat"]), float(c["start_beat"]) + float(c["duration_beats"]),
                        frozenset(c.get("tones", [])) | {c.get("root", 0), c.get("bass", 0)},
                        int(c.get("bass", c.get("root", 0))), bool(c.get("no_chord")))
              for c in sorted(m["chords"], key=lambda c: c["start_beat"])]
    meter = "/".join(str(x) for x in m["time_signature"])
    return SongData(m["id"], m.get("song", m["id"]), m["style"], m.get("source", "ours"), int(m.get("seed", 0)),
                    float(m["tempo"]), meter, bars, chords, parts, files, folder, keys_tracks)


# --- figures ----------------------------------------------------------------------------------

def notes_in_bar(notes, bar, early=TOLERANCE / 2):
    """Notes starting in the bar; a note a little before the bar line belongs to the bar."""
    return [n for n in notes if bar.start - early <= n.start < bar.start + bar.length - early]


def onsets(notes, bar, key=lambda n: ""):
    """A bar's figure: sorted (key, position in the bar) of its onsets, one per key and position."""
    found = []
    for n in notes_in_bar(notes, bar):
        position = max(0.0, n.start - bar.start)
        k = key(n)
        if not any(fk == k and abs(fp - position) < TOLERANCE / 2 for fk, fp in found):
            found.append((k, position))
    return tuple(sorted(found, key=lambda e: (e[1], e[0])))


def same_figure(a, b, tolerance=TOLERANCE / 2 + 0.02):
    return len(a) == len(b) and all(ka == kb and abs(pa - pb) <= tolerance for (ka, pa), (kb, pb) in zip(a, b))


def cluster(figures):
    """Index of each figure's group: figures equal within the tolerance share one."""
    representatives, groups = [], []
    for figure in figures:
        for i, r in enumerate(representatives):
            if same_figure(figure, r):
                groups.append(i)
                break
        else:
            representatives.append(figure)
            groups.append(len(representatives) - 1)
    return groups


def distinct_per_window(figures, window=WINDOW_BARS):
    """Mean number of distinct figures in each run of `window` bars (a shorter song: all its bars)."""
    if not figures:
        return None
    windows = [figures[i:i + window] for i in range(0, max(1, len(figures) - window + 1), window)]
    return statistics.mean(len(set(cluster(w))) for w in windows)


def top_share(figures):
    if not figures:
        return None
    groups = cluster(figures)
    return max(groups.count(g) for g in set(groups)) / len(groups)


def chord_groups(notes):
    """Keys notes struck together (within CHORD_GROUP beats) -> [(start, [Note])]."""
    groups = []
    for n in notes:
        if groups and n.start - groups[-1][0] <= CHORD_GROUP:
            groups[-1][1].append(n)
        else:
            groups.append((n.start, [n]))
    return groups


CORE_KIT = {"kick", "snare", "tom", "crash"}


def part_figures(song, role, kit=None):
    """Each song bar's figure of a part; drums keyed by instrument (only `kit`'s when given)."""
    notes = song.parts.get(role, [])
    if not notes:
        return []
    if role == "drums":
        if kit is not None:
            notes = [n for n in notes if drum_class(n.pitch) in kit]
        return [onsets(notes, bar, key=lambda n: drum_class(n.pitch)) for bar in song.bars]
    if role == "keys":
        starts = [Note(start, start, 0) for start, _ in chord_groups(notes)]
        return [onsets(starts, bar) for bar in song.bars]
    return [onsets(notes, bar) for bar in song.bars]


# --- bass -------------------------------------------------------------------------------------

def bass_register(notes):
    """(median pitch, share of notes repeating the previous pitch, share at or below G2)."""
    if not notes:
        return None, None, None
    pitches = [n.pitch for n in notes]
    repeats = sum(1 for a, b in zip(pitches, pitches[1:]) if a == b)
    return (statistics.median(pitches), repeats / max(1, len(pitches) - 1),
            sum(1 for p in pitches if p <= G2) / len(pitches))


# --- two seeds --------------------------------------------------------------------------------

def identical_bar_share(song_a, song_b, role):
    """Share of bars in which both seeds play the same pitches at the same places."""
    a, b = song_a.parts.get(role, []), song_b.parts.get(role, [])
    if not a or not b or len(song_a.bars) != len(song_b.bars):
        return None
    same = 0
    for bar_a, bar_b in zip(song_a.bars, song_b.bars):
        fa = onsets(a, bar_a, key=lambda n: n.pitch)
        fb = onsets(b, bar_b, key=lambda n: n.pitch)
        same += same_figure(fa, fb)
    return same / len(song_a.bars)


# --- fills and crashes ------------------------------------------------------------------------

def snare_run(figure):
    """The snare onsets of a figure that form a run: three or more, each within a 16th of the last."""
    positions = [p for k, p in figure if k == "snare"]
    run, found = [], []
    for p in positions:
        if run and p - run[-1] > 0.25 + TOLERANCE / 2:
            if len(run) >= 3:
                found += run
            run = []
        run.append(p)
    if len(run) >= 3:
        found += run
    return found


def fill_hits(figure, groove):
    """The onsets that make a bar a fill: toms and snare runs that the song's groove (its most
    common drum figure) does not play at those places."""
    candidates = [(k, p) for k, p in figure if k == "tom"] + [("snare", p) for p in snare_run(figure)]
    return tuple(sorted(((k, p) for k, p in candidates
                         if not any(gk == k and abs(gp - p) <= TOLERANCE / 2 for gk, gp in groove)),
                        key=lambda e: (e[1], e[0])))


def groove_figure(figures):
    """The song's groove: its most common core-kit figure among the bars without toms (a fill
    repeated every 4 bars is not the groove, however varied the groove bars are)."""
    plain = [f for f in figures if not any(k == "tom" for k, _ in f)] or figures
    if not plain:
        return ()
    groups = cluster(plain)
    common = max(set(groups), key=groups.count)
    return plain[groups.index(common)]


def fills_of(song):
    """[(bar index, fill hits)] of the song bars that are fills: two or more fill hits."""
    figures = part_figures(song, "drums", CORE_KIT)
    groove = groove_figure(figures)
    found = []
    for i, figure in enumerate(figures):
        hits = fill_hits(figure, groove)
        if len(hits) >= 2:
            found.append((i, hits))
    return found


def crash_bars(song):
    return sum(1 for f in part_figures(song, "drums") if any(k == "crash" for k, _ in f))


def flams(song, fill_bars):
    """Tom, snare and kick hits in fill bars that follow the one before by more than 15 ms and
    less than a 32nd note at the song's tempo."""
    notes = song.parts.get("drums", [])
    thirty_second = song.ms(0.125)
    count = 0
    for i in fill_bars:
        hits = sorted({round(song.ms(n.start), 1) for n in notes_in_bar(notes, song.bars[i])
                       if n.pitch in TOMS | SNARES | KICKS})
        count += sum(1 for a, b in zip(hits, hits[1:]) if FLAM_TOGETHER_MS < b - a < thirty_second)
    return count


def per_8(count, bars):
    return count * WINDOW_BARS / bars if bars else None


# --- idiom templates --------------------------------------------------------------------------

def has(figure, kinds, position, tolerance=TOLERANCE / 2 + 0.02):
    return any(k in kinds and abs(p - position) <= tolerance for k, p in figure)


def positions_of(figure, kinds):
    return [p for k, p in figure if k in kinds]


def matches(positions, wanted, tolerance=TOLERANCE / 2 + 0.02):
    return len(positions) == len(wanted) and all(abs(a - b) <= tolerance for a, b in zip(sorted(positions), wanted))


def clave_share(figures, three_side, two_side, kinds):
    """Share of two-bar windows whose clave instruments play the clave, either side first
    (windows with a fill bar, None, left out)."""
    windows = [(figures[i], figures[i + 1]) for i in range(0, len(figures) - 1, 2)
               if figures[i] is not None and figures[i + 1] is not None]
    if not windows:
        return None
    good = 0
    for a, b in windows:
        pa, pb = positions_of(a, kinds), positions_of(b, kinds)
        good += (matches(pa, three_side) and matches(pb, two_side)) or (matches(pa, two_side) and matches(pb, three_side))
    return good / len(windows)


def bar_share(figures, test):
    """Share of the bars (fill bars, None, left out) that pass `test`."""
    judged = [f for f in figures if f is not None]
    return sum(1 for f in judged if test(f)) / len(judged) if judged else None


CLAVE_KINDS = {"perc75", "perc76", "perc77", "snare"}


def best_clave(figures, three_side, two_side):
    """The clave played by any one instrument that can carry it (claves, side stick, blocks)."""
    shares = [clave_share(figures, three_side, two_side, {kind}) for kind in CLAVE_KINDS]
    known = [s for s in shares if s is not None]
    return max(known) if known else None


def template_son_clave(song, figures):
    return best_clave(figures, [0, 1.5, 3], [1, 2])


def template_bossa_clave(song, figures):
    return best_clave(figures, [0, 1.5, 3], [1, 2.5])


def template_surdo_kick(song, figures):
    return bar_share(figures, lambda f: has(f, {"kick"}, 0) and has(f, {"kick"}, 2))


def template_one_drop(song, figures):
    return bar_share(figures, lambda f: has(f, {"kick"}, 2) and has(f, {"snare"}, 2) and not has(f, {"kick"}, 0))


def template_samba_surdo(song, figures):
    low = {"kick", "tom"}
    return bar_share(figures, lambda f: has(f, low, 1) and has(f, low, 3))


def template_swing_ride(song, figures):
    cymbal = {"ride", "hat"}
    return bar_share(figures, lambda f: all(has(f, cymbal, b) for b in range(4))
                     and any(has(f, cymbal, x, 0.1) for x in (1.667, 3.667)))


def template_shuffle(song, figures):
    def triplet_bar(f):
        offbeats = [p for k, p in f if k in {"hat", "ride", "snare"} and abs(p - round(p)) > 0.1]
        triplets = sum(1 for b in range(4) if any(abs(p - (b + 2 / 3)) <= 0.08 for p in offbeats))
        straight = any(abs(p - (math.floor(p) + 0.5)) <= 0.06 for p in offbeats)
        return triplets >= 3 and not straight
    return bar_share(figures, triplet_bar)


def template_backbeat(song, figures):
    return bar_share(figures, lambda f: has(f, {"snare"}, 1) and has(f, {"snare"}, 3))


def template_four_on_floor(song, figures):
    return bar_share(figures, lambda f: all(has(f, {"kick"}, b) for b in range(4)))


def template_oom_pah_pah(song, figures):
    bass = [onsets(song.parts.get("bass", []), bar) for bar in song.bars]
    keys = part_figures(song, "keys")
    if not bass or not keys:
        return None
    good = sum(1 for b, k in zip(bass, keys) if has(b, {""}, 0) and has(k, {""}, 1) and has(k, {""}, 2))
    return good / len(song.bars)


def template_68_backbeat(song, figures):
    return bar_share(figures, lambda f: has(f, {"kick"}, 0) and has(f, {"snare"}, 1.5))


# style -> (meter, [(template name, function)])
TEMPLATES = {
    "salsa": ("4/4", [("son clave 2-3/3-2", template_son_clave)]),
    "bossa_nova": ("4/4", [("bossa clave", template_bossa_clave), ("surdo kick on 1 and 3", template_surdo_kick)]),
    "reggae": ("4/4", [("one-drop: kick+snare on 3, no kick on 1", template_one_drop)]),
    "samba": ("4/4", [("surdo on 2 (beats 2 and 4)", template_samba_surdo)]),
    "jazz_swing": ("4/4", [("swing ride: 4 beats + skip on 2 and 4", template_swing_ride)]),
    "blues_shuffle": ("4/4", [("shuffle triplets", template_shuffle)]),
    "rock": ("4/4", [("backbeat on 2 and 4", template_backbeat)]),
    "pop": ("4/4", [("backbeat on 2 and 4", template_backbeat)]),
    "metal": ("4/4", [("backbeat on 2 and 4", template_backbeat)]),
    "country": ("4/4", [("backbeat on 2 and 4", template_backbeat)]),
    "funk": ("4/4", [("backbeat on 2 and 4", template_backbeat)]),
    "hiphop": ("4/4", [("backbeat on 2 and 4", template_backbeat)]),
    "disco": ("4/4", [("four on the floor", template_four_on_floor)]),
    "waltz": ("3/4", [("oom-pah-pah: bass on 1, keys on 2 and 3", template_oom_pah_pah)]),
    "ballad_68": ("6/8", [("6/8: kick on 1, snare on 4", template_68_backbeat)]),
}


def idiom(song):
    """The lowest share among the style's templates (None: the style or meter has none), and
    each template's share."""
    meter, templates = TEMPLATES.get(song.style, (None, []))
    if meter != song.meter:
        return None, {}
    fill_bars = {i for i, _ in fills_of(song)}
    figures = [None if i in fill_bars else f for i, f in enumerate(part_figures(song, "drums"))]
    shares = {name: test(song, figures) for name, test in templates}
    known = [v for v in shares.values() if v is not None]
    return (min(known) if known else None), shares


# --- keys against the bass --------------------------------------------------------------------

def sounding_bass(bass, at, within=4.0):
    """The bass note the ear holds at `at`: the last one started at or before it (a staccato
    "boom" still carries the harmony under the "chick"), if it started within `within` beats."""
    best = None
    for n in bass:
        if n.start > at + TOLERANCE / 2:
            break
        best = n
    return best if best is not None and at - best.start <= within else None


def keys_above_bass(keys, bass):
    judged = above = 0
    for n in keys:
        b = sounding_bass(bass, n.start)
        if b is None:
            continue
        judged += 1
        above += n.pitch > b.pitch
    return above / judged if judged else None


def low_interval_clear(keys):
    """Share of keys chords with no two notes closer than their low-interval limit allows."""
    groups = chord_groups(keys)
    if not groups:
        return None
    clear = 0
    for _, notes in groups:
        pitches = sorted({n.pitch for n in notes})
        bad = any(LOW_INTERVAL_LIMITS.get(high - low) is not None and low < LOW_INTERVAL_LIMITS[high - low]
                  for i, low in enumerate(pitches) for high in pitches[i + 1:])
        clear += not bad
    return clear / len(groups)


def chord_changes(song):
    """(beat, old chord, new chord) of every change of harmony inside the song bars."""
    if not song.bars:
        return []
    first, last = song.bars[0].start, song.bars[-1].start + song.bars[-1].length
    changes = []
    for old, new in zip(song.chords, song.chords[1:]):
        if first < new.start < last and not old.no_chord and not new.no_chord \
                and (old.tones != new.tones or old.bass != new.bass):
            changes.append((new.start, old, new))
    return changes


def pushed(starts_and_pcs, change, old, new, is_new):
    """Whether a part struck the new chord an eighth or a sixteenth early and not again on the change."""
    early = any(change - 0.5 - TOLERANCE / 2 <= s <= change - 0.25 + TOLERANCE / 2 and is_new(pcs, old, new)
                for s, pcs in starts_and_pcs)
    on_time = any(abs(s - change) <= TOLERANCE / 2 for s, _ in starts_and_pcs)
    return early and not on_time


def keys_is_new(pcs, old, new):
    return sum(pc in new.tones for pc in pcs) > sum(pc in old.tones for pc in pcs) and any(pc not in old.tones for pc in pcs)


def bass_is_new(pcs, old, new):
    return new.bass in pcs and new.bass != old.bass


def anticipation(song):
    changes = chord_changes(song)
    if not changes:
        return None
    keys = [(s, {n.pitch % 12 for n in notes}) for s, notes in chord_groups(song.parts.get("keys", []))]
    bass = [(n.start, {n.pitch % 12}) for n in song.parts.get("bass", [])]
    count = 0
    for change, old, new in changes:
        near_k = [e for e in keys if change - 1 <= e[0] <= change + 0.5]
        near_b = [e for e in bass if change - 1 <= e[0] <= change + 0.5]
        count += pushed(near_k, change, old, new, keys_is_new) or pushed(near_b, change, old, new, bass_is_new)
    return count / len(changes)


# --- levels -----------------------------------------------------------------------------------

SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"


LEVEL_BEATS = 64.0    # the levels are measured on the first 64 quarter notes (16 bars of 4/4): enough for a
                      # part's level, a quarter of the rendering


def first_beats(track, limit_ticks):
    """The track up to `limit_ticks`, and after it only the note-offs of notes started before,
    so that every note ends (mido ends the track when it is saved)."""
    kept, tick, carried, sounding = mido.MidiTrack(), 0, 0, {}
    for message in track:
        tick += message.time
        is_on = message.type == "note_on" and message.velocity > 0
        is_off = message.type == "note_off" or (message.type == "note_on" and message.velocity == 0)
        key = (message.channel, message.note) if is_on or is_off else None
        if tick <= limit_ticks and is_on:
            sounding[key] = sounding.get(key, 0) + 1
        ends_a_kept_note = is_off and sounding.get(key, 0) > 0
        if ends_a_kept_note:
            sounding[key] -= 1
        if tick > limit_ticks and not ends_a_kept_note:
            carried += message.time
            continue
        kept.append(message.copy(time=message.time + carried))
        carried = 0
    return kept


def write_part(source, roles, out_path, by_name, beats=LEVEL_BEATS):
    """A copy of `source` with only the tracks of `roles` (and tracks without notes), cut to `beats`."""
    midi = mido.MidiFile(source)
    kept = mido.MidiFile(type=1, ticks_per_beat=midi.ticks_per_beat)
    limit = round(beats * midi.ticks_per_beat)
    for track in midi.tracks:
        notes = [m for m in track if m.type == "note_on"]
        if not notes:
            kept.tracks.append(first_beats(track, limit))
            continue
        name = next((m.name for m in track if m.type == "track_name"), None)
        program = next((m.program for m in track if m.type == "program_change"), None)
        if by_name(name, notes[0].channel, program) in roles:
            kept.tracks.append(first_beats(track, limit))
    kept.save(out_path)


def rms_db(midi_path, work):
    wav = os.path.join(work, os.path.basename(midi_path) + ".wav")
    subprocess.run(["fluidsynth", "-ni", "-g", "0.5", "-F", wav, "-r", "44100", SOUNDFONT, midi_path],
                   check=True, capture_output=True)
    stats = subprocess.run(["sox", wav, "-n", "stats"], check=True, capture_output=True, text=True).stderr
    os.remove(wav)
    match = re.search(r"RMS lev dB\s+(-?[\d.]+|-inf)", stats)
    return float(match.group(1)) if match and match.group(1) != "-inf" else None


def levels(song):
    """RMS dB of each part rendered alone and of the mix (bass, drums, keys) from the full file."""
    full = song.files.get("full")
    if not full or not shutil.which("fluidsynth") or not os.path.exists(SOUNDFONT):
        return {}
    with tempfile.TemporaryDirectory() as work:
        found = {}
        for name, roles in (("mix", {"bass", "drums"} | song.keys_tracks), ("bass", {"bass"}),
                            ("drums", {"drums"}), ("keys", song.keys_tracks)):
            path = os.path.join(work, f"{name}.mid")
            write_part(full, roles, path, mma_role_of_track if song.source == "mma" else role_of_track)
            found[name] = rms_db(path, work)
    return found


# --- one file and one style -------------------------------------------------------------------

def measure_song(song, with_levels=False):
    median, repeat, low = bass_register(song.parts.get("bass", []))
    keys_figs = part_figures(song, "keys")
    fills = fills_of(song)
    fill_groups = cluster([h for _, h in fills])
    idiom_share, templates = idiom(song)
    bars = len(song.bars)
    values = {
        "bass_median": median, "bass_repeat": repeat, "bass_low": low,
        "bass_figures": distinct_per_window(part_figures(song, "bass")),
        "drum_figures": distinct_per_window(part_figures(song, "drums", CORE_KIT)),
        "keys_figures": distinct_per_window(keys_figs),
        "keys_top_rhythm": top_share(keys_figs),
        "fills_per_8": per_8(len(fills), bars) if song.parts.get("drums") else None,
        "crashes_per_8": per_8(crash_bars(song), bars) if song.parts.get("drums") else None,
        "distinct_fills": len(set(fill_groups)) / len(fills) if len(fills) >= 2 else None,
        "flams": flams(song, [i for i, _ in fills]) if song.parts.get("drums") else None,
        "idiom": idiom_share,
        "keys_above_bass": keys_above_bass(song.parts.get("keys", []), song.parts.get("bass", [])),
        "low_interval": low_interval_clear(song.parts.get("keys", [])),
        "anticipation": anticipation(song),
    }
    extra = {"templates": templates, "fills": [[i + 1, list(h)] for i, h in fills]}
    if with_levels:
        db = levels(song)
        extra["levels_db"] = db
        if db.get("bass") is not None and db.get("keys") is not None:
            values["bass_vs_keys_db"] = db["bass"] - db["keys"]
            if db.get("drums") is not None:
                values["drums_over_db"] = db["drums"] - max(db["bass"], db["keys"])
    return values, extra


def seed_pairs(songs):
    """Songs grouped by (source, song id), in seed order."""
    by_song = {}
    for s in songs:
        by_song.setdefault((s.source, s.song), []).append(s)
    return {k: sorted(v, key=lambda s: s.seed) for k, v in by_song.items()}


def style_group(song, common_meter):
    return song.style if song.meter == common_meter.get(song.style) else f"{song.style} {song.meter}"


MEASURES = list(THRESHOLDS)
MAX_IS_WORST = {"flams"}          # per style the worst file counts, not the mean


def aggregate(values):
    known = [v for v in values if v is not None]
    return statistics.mean(known) if known else None


def load_all(folder):
    paths = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".json"))
    return [load_song(p) for p in paths]


def measure_all(songs, with_levels):
    """{group: {measure: value}} and per-file details, for one source."""
    meters = {}
    for s in songs:
        meters.setdefault(s.style, []).append(s.meter)
    common = {style: max(set(m), key=m.count) for style, m in meters.items()}
    per_file, rows = {}, {}
    for s in songs:
        render = with_levels and s.seed == min(x.seed for x in songs if x.song == s.song)
        if render:
            print(f"levels: {s.source} {s.id}", file=sys.stderr, flush=True)
        values, extra = measure_song(s, render)
        per_file[s.id] = {"song": s.song, "style": s.style, "group": style_group(s, common), "seed": s.seed,
                          "values": values, **extra}
    for pair in seed_pairs(songs).values():
        if len(pair) >= 2:
            for role in ("bass", "drums", "keys"):
                per_file[pair[0].id]["values"][f"seed_same_{role}"] = identical_bar_share(pair[0], pair[1], role)
    groups = {}
    for info in per_file.values():
        groups.setdefault(info["group"], []).append(info["values"])
    for group, files in groups.items():
        rows[group] = {}
        for measure in MEASURES:
            found = [f.get(measure) for f in files]
            if measure in MAX_IS_WORST:
                known = [v for v in found if v is not None]
                rows[group][measure] = max(known) if known else None
            else:
                rows[group][measure] = aggregate(found)
    return rows, per_file


def failures(rows):
    for group in sorted(rows):
        for measure in MEASURES:
            value = rows[group].get(measure)
            if not THRESHOLDS[measure].passes(value):
                yield group, measure, value


# --- output -----------------------------------------------------------------------------------

COLUMNS = {
    "bass_median": "bass median", "bass_repeat": "bass repeats", "bass_low": "bass ≤ G2",
    "bass_figures": "bass figures /8", "drum_figures": "drum figures /8", "keys_figures": "keys rhythms /8",
    "keys_top_rhythm": "top keys rhythm", "seed_same_bass": "same bars bass", "seed_same_drums": "same bars drums",
    "seed_same_keys": "same bars keys", "fills_per_8": "fills /8", "crashes_per_8": "crashes /8",
    "distinct_fills": "distinct fills", "flams": "flams", "idiom": "idiom", "keys_above_bass": "keys above bass",
    "low_interval": "low-interval clear", "anticipation": "anticipated", "bass_vs_keys_db": "bass − keys dB",
    "drums_over_db": "drums over dB",
}


def cell(measure, ours, mma):
    mark = "" if THRESHOLDS[measure].passes(ours) else " ✗"
    text = f"{fmt(ours)}{mark}"
    if mma is not None:
        text += f" ({fmt(mma)})"
    return text


def markdown(ours, mma):
    header = "| style | " + " | ".join(COLUMNS[m] for m in MEASURES) + " |"
    lines = [header, "|" + "---|" * (len(MEASURES) + 1),
             "| threshold | " + " | ".join(THRESHOLDS[m].text() for m in MEASURES) + " |"]
    for group in sorted(ours):
        other = mma.get(group, {})
        lines.append(f"| {group} | " + " | ".join(cell(m, ours[group].get(m), other.get(m)) for m in MEASURES) + " |")
    passed = sum(1 for g in ours for m in MEASURES if THRESHOLDS[m].passes(ours[g].get(m)))
    lines.append("")
    lines.append(f"{passed} of {len(ours) * len(MEASURES)} style × measure cells pass; ✗ marks a failure; "
                 "MMA's figure in brackets where MMA has a groove for the style and meter; – where a measure "
                 "does not apply.")
    lines += ["", "| measure | threshold | where it comes from |", "|---|---|---|"]
    lines += [f"| {COLUMNS[m]} | {THRESHOLDS[m].text()} | {THRESHOLDS[m].source} |" for m in MEASURES]
    lines += ["", "| style | idiom template (meter) |", "|---|---|"]
    lines += [f"| {style} | {'; '.join(name for name, _ in templates)} ({meter}) |"
              for style, (meter, templates) in sorted(TEMPLATES.items())]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ours")
    parser.add_argument("--mma", help="a folder of MMA's renders of the same songs (musicianship_mma.py)")
    parser.add_argument("--levels", action="store_true", help="render parts with FluidSynth and compare levels")
    parser.add_argument("--markdown")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    songs = load_all(args.ours)
    if not songs:
        print(f"no manifest in {args.ours}", file=sys.stderr)
        return 2
    ours, ours_files = measure_all(songs, args.levels)
    mma, mma_files = measure_all(load_all(args.mma), args.levels) if args.mma else ({}, {})
    bad = list(failures(ours))
    for group, measure, value in bad:
        t = THRESHOLDS[measure]
        print(f"{group}: {measure}: {fmt(value)}, wanted {t.text()} ({t.source})")
    table = markdown(ours, mma)
    print(table)
    print(f"{len(bad)} failures over {len(ours)} styles")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"ours": ours, "mma": mma, "ours_files": ours_files, "mma_files": mma_files}, f, indent=1)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
