#!/usr/bin/python3
"""Independent music checks for generated songs (MUSIC.md, "Checks a test can assert").

Reads every song manifest (docs/MANIFEST.md) in a folder, parses the song's Standard MIDI Files
with mido (never with the project's own code) and checks:

  1 structure        file format, meta events at tick 0, programs, channels, note pairs, end
  2 bass             root on chord changes, range, note choice, strong beats, leaps, monophony
  3 drums            GM notes, kick on beat 1, backbeat, fills where marked only, crashes
  4 meter            kick and bass on the downbeat of every song bar
    harmony          keys range, chord tones, changes, voice leading; N.C. silences bass, keys, guitar
    guitar           range, chord tones, strokes playable on six strings by one hand, strum spread,
                     above the bass, more than one rhythm in every 8 bars
  5 dynamics         per-part velocity spread when humanize > 0
  6 swing            measured off-beat hi-hat/ride position against the requested ratio
  7 reproducibility  twin files byte-identical, other-seed files different
  8 render           (with --render) FluidSynth plays one file to audible, lasting audio

Usage: music_checks.py DIR [--render] [--markdown FILE] [--json FILE]

Prints one line per failure ("<song id>: <rule>: <where>: <what was expected>"), a summary
table per style, and finally "N passed, N failed" (checks over all songs; checks that do not
apply to a song, e.g. swing without drums, are counted as skipped, not passed). Exit status:
0 when nothing failed, 1 when a check failed, 2 when DIR holds no manifest.

Every number the checks use is a named constant below; docs/MANIFEST.md says how each check
is computed.
"""

import argparse
import array
import io
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass, field

import mido

# --- what the checks require ------------------------------------------------------------------

REQUIRED_PPQ = 480
MAX_MESSAGES = 10                 # failure lines printed per rule (all of them go to --json)

BASS_RANGE = (28, 55)             # E1..G3
ROOT_RATE = 0.98                  # share of chord changes the bass must start on the root/slash bass
STRONG_BEAT_RATE = 0.90           # share of strong-beat bass notes that must be chord tones
APPROACH_MAX_STEP = 2             # semitones an approach note may move into the next chord tone
MAX_LEAP = 12                     # semitones between consecutive bass notes
MIN_CHANGE_BEATS = 1.0            # chords shorter than this are not "changes" for the root rule

KICK_RATE = 0.95                  # share of song/intro bars with a kick on beat 1
BACKBEAT_RATE = 0.90              # share of non-fill song bars with every backbeat played

VELOCITY_STD = (4.0, 25.0)        # per-part velocity standard deviation when humanize > 0

SWING_TOLERANCE = 0.02            # measured off-beat position vs the ratio (0.5 when straight)
OFFBEAT_WINDOW = (0.30, 0.85)     # positions within the swing unit counted as off-beat notes ...
OFFBEAT_REACH = 0.10              # ... up to this far past the target (at least 0.70), so that the
                                  # sixteenth before the beat (0.75) is not taken for a late off-beat

RENDER_MIN_RMS = 0.01             # whole-song RMS, fraction of full scale (-40 dBFS)
RENDER_WINDOW_SECONDS = 0.1
RENDER_WINDOW_RMS = 0.001         # a window louder than this (-60 dBFS) is not silent
RENDER_MIN_COVERAGE = 0.75        # share of the song's windows that must not be silent
SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"

KICKS = {35, 36}
BACKBEAT = {37, 38, 39, 40}       # side stick, snares, clap
TOMS = {41, 43, 45, 47, 48, 50}
TIMBALES = {65, 66}               # a salsa fill's voice (docs/MUSIC.md, "Fills")
FILL_RUN = 3                      # snare-family hits, each within a 16th of the last, that make a fill
# Styles whose idiom leaves beat 1 without a kick, by meter: the beat (from 0) where the kick and
# the snare/rim drop instead. Reggae's one-drop: nothing on 1, kick and rim on 3 (issue 13).
DROP_BEATS = {("reggae", (4, 4)): 2.0}
CRASHES = {49, 57}
HATS = {42, 44, 46, 51, 53, 59}   # hi-hats and rides: the notes swing is measured on
DRUM_CHANNEL = 9                  # MIDI channel 10
DRUM_RANGE = (35, 81)

KEYS_RANGE = (48, 84)             # C3..C6
KEYS_MAX_MOVEMENT = 3.0           # mean semitones each voice moves at a chord change, over the song
CHORD_GROUP_TICKS = 60            # keys notes starting this close together form one chord (PPQ/8)

GUITAR_RANGE = (40, 84)           # E2..C6
GUITAR_TUNING = (40, 45, 50, 55, 59, 64)  # standard tuning, open strings from low E to high E
GUITAR_MAX_FRET = 20              # a 21-fret neck: the top string's fret 20 is C6
GUITAR_HAND_SPAN = 3              # the fretted notes of one stroke lie within four frets ...
GUITAR_FINGERS = 4                # ... under four fingers, a barre counting as one
STROKE_JOIN_MS = 15               # a guitar note starting this soon after the previous one is the same stroke
STRUM_MAX_MS = 40                 # a stroke's first to last note-on
STRUMS_FROM_NOTES = 12            # a guitar part with this many notes must have strokes of 3 strings or more
VARIETY_BARS = 8                  # every this many consecutive song bars hold two guitar rhythms or more
RHYTHM_TOLERANCE_PPQ_DIVISOR = 8  # two bars' strokes within PPQ/8 of each other are the same rhythm

CHECKS = ("structure", "bass", "drums", "meter", "harmony", "guitar", "dynamics", "swing", "reproducibility",
          "render")
PARTS = ("bass", "drums", "keys", "guitar")
MANIFEST_KEYS = ("id", "style", "files", "ppq", "tempo", "time_signature", "beats_per_bar", "end_beat",
                 "humanize", "swing", "strong_beats", "backbeat_beats", "chords", "bars")

PITCH_CLASS_NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")


def note_name(pitch):
    return f"{PITCH_CLASS_NAMES[pitch % 12]}{pitch // 12 - 1} ({pitch})"


def pc_names(pitch_classes):
    return " ".join(PITCH_CLASS_NAMES[pc % 12] for pc in sorted(pitch_classes))


def percent(part, whole):
    return 100.0 * part / whole if whole else None


def fmt_number(value, digits=3):
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


# --- results ----------------------------------------------------------------------------------

@dataclass
class Rule:
    name: str
    passed: bool
    messages: list = field(default_factory=list)
    measured: dict = field(default_factory=dict)


@dataclass
class Check:
    name: str
    status: str                    # "pass", "fail" or "skip"
    rules: list = field(default_factory=list)
    reason: str = ""               # why it was skipped

    @staticmethod
    def of(name, rules):
        return Check(name, "pass" if all(r.passed for r in rules) else "fail", rules)

    @staticmethod
    def skipped(name, reason):
        return Check(name, "skip", [], reason)

    def measured(self, key, default=None):
        for rule in self.rules:
            if key in rule.measured:
                return rule.measured[key]
        return default


@dataclass
class SongResult:
    song_id: str
    style: str
    manifest: str
    checks: dict = field(default_factory=dict)   # name -> Check

    def failures(self):
        for check in self.checks.values():
            for rule in check.rules:
                if not rule.passed:
                    yield check, rule

    def failed_rules(self):
        return {rule.name for _, rule in self.failures()}


# --- MIDI files -------------------------------------------------------------------------------

@dataclass
class Note:
    start: int
    end: int
    pitch: int
    velocity: int
    channel: int
    track: int


@dataclass
class Track:
    index: int
    name: object                   # str or None
    events: list                   # (absolute tick, mido message)
    end: int
    notes: list = field(default_factory=list)
    role: str = ""                 # bass, drums, keys, guitar or "" (conductor / unknown)


class MidiData:
    """One file as mido reads it, with absolute ticks and notes paired (oldest note-on first)."""

    def __init__(self, path, role):
        self.path = path
        self.name = os.path.basename(path)
        self.role = role           # the manifest's key: bass, drums, keys, guitar, full
        self.bytes = None
        self.midi = None
        self.error = None
        self.tracks = []
        self.unpaired = []         # messages about note-ons without offs and offs without ons
        try:
            with open(path, "rb") as f:
                self.bytes = f.read()
        except OSError as error:
            self.error = f"cannot open {path}: {error.strerror}"
            return
        try:
            self.midi = mido.MidiFile(file=io.BytesIO(self.bytes))
        except Exception as error:  # mido raises many kinds (EOFError, OSError, ValueError, KeyError)
            self.error = f"mido cannot read {self.name}: {type(error).__name__}: {error}"
            return
        for index, mido_track in enumerate(self.midi.tracks):
            tick = 0
            events = []
            for message in mido_track:
                tick += message.time
                events.append((tick, message))
            name = next((m.name for _, m in events if m.type == "track_name"), None)
            track = Track(index, name, events, tick)
            self._pair_notes(track)
            self.tracks.append(track)
        self._assign_roles()

    def _pair_notes(self, track):
        sounding = {}
        for tick, message in track.events:
            if message.type == "note_on" and message.velocity > 0:
                sounding.setdefault((message.channel, message.note), []).append((tick, message.velocity))
            elif message.type in ("note_on", "note_off"):
                key = (message.channel, message.note)
                if sounding.get(key):
                    start, velocity = sounding[key].pop(0)
                    track.notes.append(Note(start, tick, message.note, velocity, message.channel, track.index))
                else:
                    self.unpaired.append(f"{self.name} track {track.index}: note-off of {note_name(message.note)} "
                                         f"on channel {message.channel + 1} at tick {tick} has no note-on")
        for (channel, pitch), starts in sounding.items():
            for start, velocity in starts:
                self.unpaired.append(f"{self.name} track {track.index}: note-on of {note_name(pitch)} on channel "
                                     f"{channel + 1} at tick {start} has no note-off")
                track.notes.append(Note(start, track.end, pitch, velocity, channel, track.index))
        track.notes.sort(key=lambda n: (n.start, n.pitch))

    def _assign_roles(self):
        for track in self.tracks:
            if not track.notes:
                continue
            if self.role in PARTS:
                track.role = self.role
                continue
            # A combined file: the part is named by the track name, else guessed from the channel
            # and the General MIDI program (basses are programs 33-40, zero-based 32-39).
            name = (track.name or "").lower()
            programs = [m.program for _, m in track.events if m.type == "program_change"]
            channels = [n.channel for n in track.notes]
            if "drum" in name or "perc" in name:
                track.role = "drums"
            elif "bass" in name:
                track.role = "bass"
            elif "guitar" in name:
                track.role = "guitar"
            elif any(word in name for word in ("key", "piano", "organ", "pad", "comp")):
                track.role = "keys"
            elif channels.count(DRUM_CHANNEL) * 2 > len(channels):
                track.role = "drums"
            elif programs and 32 <= programs[0] <= 39:
                track.role = "bass"
            else:
                track.role = "keys"

    def notes(self, role=None):
        found = [n for t in self.tracks if role is None or t.role == role for n in t.notes]
        return sorted(found, key=lambda n: (n.start, n.pitch))


# --- songs ------------------------------------------------------------------------------------

class ManifestError(Exception):
    pass


class Song:
    """A manifest with its files read, and the positions it names converted to ticks."""

    def __init__(self, manifest_path, manifest):
        self.manifest_path = manifest_path
        self.dir = os.path.dirname(os.path.abspath(manifest_path))
        self.m = manifest
        missing = [key for key in MANIFEST_KEYS if key not in manifest]
        if missing:
            raise ManifestError(f"{os.path.basename(manifest_path)} lacks {', '.join(missing)}")
        self.id = str(manifest["id"])
        self.style = str(manifest["style"])
        self.ppq = int(manifest["ppq"])
        self.beats_per_bar = float(manifest["beats_per_bar"])
        self.end_tick = self.tick(manifest["end_beat"])
        self.humanize = float(manifest["humanize"] or 0)
        self.swing = manifest["swing"]
        if not isinstance(manifest["files"], dict) or not manifest["files"]:
            raise ManifestError("\"files\" names no file")
        self.bars = []
        for bar in sorted(manifest["bars"], key=lambda b: b["start_beat"]):
            start = self.tick(bar["start_beat"])
            self.bars.append(dict(bar, start_tick=start, end_tick=start + self.tick(self.beats_per_bar)))
        self.chords = []
        for chord in sorted(manifest["chords"], key=lambda c: c["start_beat"]):
            start = self.tick(chord["start_beat"])
            self.chords.append(dict(chord, start_tick=start,
                                    end_tick=start + self.tick(chord["duration_beats"]),
                                    chord_tones=set(chord["tones"]) | {chord["root"], chord["bass"]},
                                    scale_tones=set(chord.get("scale") or [])))

        self.files = {role: MidiData(self.path(name), role) for role, name in manifest["files"].items()}
        # Each part comes from its own file when there is one, else from the combined file.
        self.parts = {}
        self.part_errors = {}
        for role in PARTS:
            source = self.files.get(role)
            if source is None:
                full = self.files.get("full")
                if full is None or (full.error is None and not full.notes(role)):
                    continue
                source = full
            if source.error:
                self.part_errors[role] = source.error
            else:
                self.parts[role] = source.notes(role)

    def path(self, name):
        return os.path.join(self.dir, name)

    def tick(self, beats):
        return round(float(beats) * self.ppq)

    def ms_per_tick(self):
        return 60000.0 / (float(self.m["tempo"]) * self.ppq)

    def bar_at(self, tick):
        """The bar a note at `tick` belongs to: notes up to PPQ/8 early count for the next bar."""
        tick += self.ppq // 8
        for bar in reversed(self.bars):
            if bar["start_tick"] <= tick:
                return bar if tick < bar["end_tick"] + self.ppq // 8 else None
        return None

    def where(self, tick):
        """'bar 5 beat 2.5 (tick 8160)', bars counted from 1 (manifest index + 1)."""
        for bar in reversed(self.bars):
            if bar["start_tick"] <= tick < bar["end_tick"]:
                beat = (tick - bar["start_tick"]) / self.ppq + 1
                return f"bar {bar['index'] + 1} beat {fmt_number(beat)} (tick {tick})"
        return f"tick {tick}"

    def song_bars(self):
        return [b for b in self.bars if b["kind"] == "song"]

    def in_song_bar(self, tick):
        return any(b["start_tick"] <= tick < b["end_tick"] for b in self.song_bars())

    def chord_at(self, tick):
        for chord in self.chords:
            if chord["start_tick"] <= tick < chord["end_tick"]:
                return chord
        return None

    def chords_near(self, tick):
        """Chords a note starting at `tick` may belong to: the one sounding, and the next one when
        the note anticipates it by up to PPQ/2. N.C. and uncovered time give none."""
        found = []
        for at in (tick, tick + self.ppq // 2):
            chord = self.chord_at(at)
            if chord is not None and not chord.get("no_chord") and chord not in found:
                found.append(chord)
        return found


def limited(messages):
    if len(messages) <= MAX_MESSAGES:
        return messages
    return messages[:MAX_MESSAGES] + [f"... and {len(messages) - MAX_MESSAGES} more"]


def notes_in(notes, low, high):
    return [n for n in notes if low <= n.start <= high]


def closest(notes, tick):
    return min(notes, key=lambda n: (abs(n.start - tick), -n.start)) if notes else None


# --- 1 structure ------------------------------------------------------------------------------

def check_structure(song):
    found = {name: [] for name in ("file", "format", "ppq", "meta_at_zero", "meta_values", "own_tempo", "program",
                                   "drum_channel", "note_pairs", "same_pitch_overlap", "after_end")}
    if song.ppq != REQUIRED_PPQ:
        found["ppq"].append(f"manifest ppq is {song.ppq}, expected {REQUIRED_PPQ}")
    tempo = float(song.m["tempo"])
    meter = tuple(song.m["time_signature"])

    for role, midi in song.files.items():
        if midi.error:
            found["file"].append(midi.error)
            continue
        name = midi.name
        if midi.midi.type != 1:
            found["format"].append(f"{name} is SMF format {midi.midi.type}, expected format 1")
        if midi.midi.ticks_per_beat != REQUIRED_PPQ:
            found["ppq"].append(f"{name} has {midi.midi.ticks_per_beat} ticks per quarter, expected {REQUIRED_PPQ}")

        at_zero = {}
        for track in midi.tracks:
            for tick, message in track.events:
                if tick == 0 and message.is_meta:
                    at_zero.setdefault(message.type, message)
            if not any(t == 0 and m.type == "track_name" for t, m in track.events):
                found["meta_at_zero"].append(f"{name} track {track.index} has no track name at tick 0")
        for meta in ("set_tempo", "time_signature", "key_signature"):
            if meta not in at_zero:
                found["meta_at_zero"].append(f"{name} has no {meta.replace('set_', '')} meta event at tick 0")
        if "set_tempo" in at_zero:
            bpm = mido.tempo2bpm(at_zero["set_tempo"].tempo)
            if abs(bpm - tempo) > 0.01:
                found["meta_values"].append(f"{name}: tempo at tick 0 is {fmt_number(bpm)} BPM, "
                                            f"the manifest says {fmt_number(tempo)}")
        if "time_signature" in at_zero:
            ts = at_zero["time_signature"]
            if (ts.numerator, ts.denominator) != meter:
                found["meta_values"].append(f"{name}: time signature at tick 0 is {ts.numerator}/{ts.denominator}, "
                                            f"the manifest says {meter[0]}/{meter[1]}")

        # A reader that times each track by its own tempo events (the AI Band plugin, with JUCE)
        # plays a track without one at 120 BPM: every track with notes carries the file's tempo.
        file_tempo = at_zero.get("set_tempo")
        for track in midi.tracks:
            if not track.notes or file_tempo is None:
                continue
            own = [m for t, m in track.events if t == 0 and m.type == "set_tempo"]
            if not own:
                found["own_tempo"].append(f"{name} track {track.index} ({track.name or 'unnamed'}) has no tempo "
                                          f"of its own at tick 0; a reader that times each track by its own "
                                          f"tempo events plays it at 120 BPM")
            elif own[0].tempo != file_tempo.tempo:
                found["own_tempo"].append(f"{name} track {track.index} ({track.name or 'unnamed'}) sets "
                                          f"{fmt_number(mido.tempo2bpm(own[0].tempo))} BPM, the file "
                                          f"{fmt_number(mido.tempo2bpm(file_tempo.tempo))}")

        for track in midi.tracks:
            if not track.notes:
                continue
            first_note = track.notes[0]
            programs = [t for t, m in track.events
                        if m.type == "program_change" and m.channel == first_note.channel]
            if not programs or programs[0] > first_note.start:
                found["program"].append(f"{name} track {track.index} ({track.name or 'unnamed'}) has no program "
                                        f"change on channel {first_note.channel + 1} before its first note")
            drums = track.role == "drums"
            channels = sorted({m.channel for _, m in track.events if not m.is_meta and hasattr(m, "channel")})
            if drums and channels != [DRUM_CHANNEL]:
                wrong = [n for n in track.notes if n.channel != DRUM_CHANNEL]
                where = f", first {note_name(wrong[0].pitch)} at {song.where(wrong[0].start)}" if wrong else ""
                found["drum_channel"].append(f"{name} track {track.index} (drums) uses channel(s) "
                                             f"{', '.join(str(c + 1) for c in channels)}; drums belong on channel 10 "
                                             f"only{where}")
            elif not drums and DRUM_CHANNEL in channels:
                found["drum_channel"].append(f"{name} track {track.index} ({track.role}) uses channel 10, "
                                             f"which is for drums only")

        found["note_pairs"].extend(midi.unpaired)

        by_key = {}
        for track in midi.tracks:
            for note in track.notes:
                by_key.setdefault((note.channel, note.pitch), []).append(note)
        for (channel, pitch), notes in sorted(by_key.items()):
            notes.sort(key=lambda n: (n.start, n.end))
            latest = None
            for note in notes:
                if latest is not None and note.start < latest.end and note.end > note.start:
                    found["same_pitch_overlap"].append(
                        f"{name}: {note_name(pitch)} on channel {channel + 1} starts at {song.where(note.start)} "
                        f"while the one from tick {latest.start} sounds until tick {latest.end}")
                if latest is None or note.end > latest.end:
                    latest = note

        for track in midi.tracks:
            late = [(t, m) for t, m in track.events
                    if t > song.end_tick or (m.type == "note_on" and m.velocity > 0 and t >= song.end_tick)]
            if late:
                tick, message = late[0]
                found["after_end"].append(f"{name} track {track.index}: {len(late)} event(s) at or after the song end "
                                          f"(tick {song.end_tick}), first {message.type} at tick {tick}")

    return Check.of("structure", [Rule(f"structure.{name}", not messages, messages)
                                  for name, messages in found.items()])


# --- 2 bass -----------------------------------------------------------------------------------

def part_or_skip(song, check, role):
    if role in song.part_errors:
        return None, Check(check, "fail", [Rule(f"{check}.input", False,
                                                [f"the {role} part cannot be read: {song.part_errors[role]}"])])
    if role not in song.parts:
        return None, Check.skipped(check, f"no {role} part")
    return song.parts[role], None


def notes_outside(song, notes, limits):
    """A message for each note outside the pitches `limits` (low, high), both included."""
    low, high = limits
    return [f"{song.where(n.start)}: {note_name(n.pitch)} is outside {note_name(low)}..{note_name(high)}"
            for n in notes if not low <= n.pitch <= high]


def check_bass(song):
    notes, early_result = part_or_skip(song, "bass", "bass")
    if early_result:
        return early_result
    ppq = song.ppq
    early, late = ppq // 2, ppq // 8
    rules = []

    # Root (or slash bass) at every chord change of a beat or more inside the song bars.
    changes = [c for c in song.chords
               if not c.get("no_chord") and c["duration_beats"] >= MIN_CHANGE_BEATS and song.in_song_bar(c["start_tick"])]
    misses = []
    for chord in changes:
        tick = chord["start_tick"]
        candidates = notes_in(notes, tick - early, tick + late)
        expected = chord["bass"] % 12
        wanted = f"{chord['symbol']} needs {PITCH_CLASS_NAMES[expected]} in the bass within [-{early}, +{late}] ticks"
        best = closest(candidates, tick)
        ties = [n for n in candidates if abs(n.start - tick) == abs(best.start - tick)] if best else []
        if not ties:
            misses.append(f"{song.where(tick)}: {wanted}, found no bass note there")
        elif not any(n.pitch % 12 == expected for n in ties):
            misses.append(f"{song.where(tick)}: {wanted}, found {note_name(best.pitch)} at {best.start - tick:+d} ticks")
    hits = len(changes) - len(misses)
    rate = hits / len(changes) if changes else 1.0
    messages = [] if rate >= ROOT_RATE else [
        f"bass starts on the root/slash bass at {hits} of {len(changes)} chord changes "
        f"({percent(hits, len(changes)):.1f}%), needs >= {ROOT_RATE * 100:g}%"] + limited(misses)
    rules.append(Rule("bass.root_at_change", rate >= ROOT_RATE, messages,
                      {"root_hits": hits, "root_changes": len(changes)}))

    outside = notes_outside(song, notes, BASS_RANGE)
    rules.append(Rule("bass.range", not outside, limited(outside)))

    # Every note a chord tone, a chord-scale tone, or an approach resolving into a chord tone.
    wrong = []
    for i, note in enumerate(notes):
        chords = song.chords_near(note.start)
        if not chords:
            continue  # N.C. or outside the chords: nothing to judge against
        pc = note.pitch % 12
        if any(pc in c["chord_tones"] or pc in c["scale_tones"] for c in chords):
            continue
        following = notes[i + 1] if i + 1 < len(notes) else None
        if following is not None and 1 <= abs(following.pitch - note.pitch) <= APPROACH_MAX_STEP and any(
                following.pitch % 12 in c["chord_tones"] for c in song.chords_near(following.start)):
            continue
        chord = chords[0]
        after = f"next {note_name(following.pitch)}" if following else "no next note"
        wrong.append(f"{song.where(note.start)}: {note_name(note.pitch)} over {chord['symbol']} is neither a chord tone "
                     f"({pc_names(chord['chord_tones'])}) nor a scale tone ({pc_names(chord['scale_tones'])}) nor an "
                     f"approach resolving by <= {APPROACH_MAX_STEP} semitones into a chord tone ({after})")
    rules.append(Rule("bass.note_choice", not wrong, limited(wrong), {"unexplained_notes": len(wrong)}))

    # Strong beats: chord tones.
    on_strong = []
    off_chord = []
    for bar in song.song_bars():
        for beat in song.m["strong_beats"]:
            grid = bar["start_tick"] + song.tick(beat)
            chord = song.chord_at(grid)
            if chord is None or chord.get("no_chord"):
                continue
            for note in notes_in(notes, grid - late, grid + late):
                on_strong.append(note)
                if note.pitch % 12 not in chord["chord_tones"]:
                    off_chord.append(f"{song.where(note.start)}: {note_name(note.pitch)} on a strong beat is not a "
                                     f"tone of {chord['symbol']} ({pc_names(chord['chord_tones'])})")
    good = len(on_strong) - len(off_chord)
    rate = good / len(on_strong) if on_strong else 1.0
    messages = [] if rate >= STRONG_BEAT_RATE else [
        f"{good} of {len(on_strong)} strong-beat bass notes are chord tones ({percent(good, len(on_strong)):.1f}%), "
        f"needs >= {STRONG_BEAT_RATE * 100:g}%"] + limited(off_chord)
    rules.append(Rule("bass.strong_beats", rate >= STRONG_BEAT_RATE, messages,
                      {"strong_chord_tones": good, "strong_notes": len(on_strong)}))

    # Leaps and monophony between consecutive notes.
    leaps = []
    overlaps = []
    for a, b in zip(notes, notes[1:]):
        if abs(b.pitch - a.pitch) > MAX_LEAP:
            leaps.append(f"{song.where(b.start)}: {note_name(a.pitch)} to {note_name(b.pitch)} leaps "
                         f"{abs(b.pitch - a.pitch)} semitones, more than {MAX_LEAP}")
        if b.start < a.end:
            overlaps.append(f"{song.where(b.start)}: {note_name(b.pitch)} starts while {note_name(a.pitch)} "
                            f"(from tick {a.start}) sounds until tick {a.end}; the bass is monophonic")
    rules.append(Rule("bass.leap", not leaps, limited(leaps)))
    rules.append(Rule("bass.monophonic", not overlaps, limited(overlaps)))
    return Check.of("bass", rules)


# --- 3 drums ----------------------------------------------------------------------------------

def hits_near(notes, pitches, tick, before, after):
    return [n for n in notes if n.pitch in pitches and tick - before <= n.start <= tick + after]


def has_run(notes, gap):
    """Whether FILL_RUN of the notes follow each other, each at most `gap` ticks after the last."""
    starts = sorted({n.start for n in notes})
    run = 1
    for a, b in zip(starts, starts[1:]):
        run = run + 1 if b - a <= gap else 1
        if run >= FILL_RUN:
            return True
    return len(starts) >= FILL_RUN and run >= FILL_RUN


def check_drums(song):
    notes, early_result = part_or_skip(song, "drums", "drums")
    if early_result:
        return early_result
    tol = song.ppq // 8
    rules = []

    low, high = DRUM_RANGE
    outside = [f"{song.where(n.start)}: note {n.pitch} is not a General MIDI drum ({low}-{high})"
               for n in notes if not low <= n.pitch <= high]
    rules.append(Rule("drums.gm_notes", not outside, limited(outside)))

    # The kick's beat: 1, or the style's drop (DROP_BEATS), where the rule follows the idiom.
    drop = DROP_BEATS.get((song.style, tuple(song.m["time_signature"])))
    kick_beat = drop if drop is not None else 0.0
    # A fill may take the drop's half of the bar: the drop is judged outside fills.
    bars = [b for b in song.bars if b["kind"] in ("song", "intro") and not (drop is not None and b.get("fill"))]
    missing = [f"{song.where(b['start_tick'])}: no kick (35/36) within +-{tol} ticks of beat {fmt_number(kick_beat + 1)}"
               for b in bars if not hits_near(notes, KICKS, b["start_tick"] + song.tick(kick_beat), tol, tol)]
    with_kick = len(bars) - len(missing)
    rate = with_kick / len(bars) if bars else 1.0
    messages = [] if rate >= KICK_RATE else [
        f"kick on beat {fmt_number(kick_beat + 1)} in {with_kick} of {len(bars)} song/intro bars "
        f"({percent(with_kick, len(bars)):.1f}%), needs >= {KICK_RATE * 100:g}%"] + limited(missing)
    rules.append(Rule("drums.kick_on_one", rate >= KICK_RATE, messages, {"kick_bars": with_kick, "bars": len(bars)}))

    backbeats = [drop] if drop is not None else (song.m["backbeat_beats"] or [])
    if backbeats:
        bars = [b for b in song.song_bars() if not b.get("fill")]
        missing = []
        for bar in bars:
            absent = [beat for beat in backbeats
                      if not hits_near(notes, BACKBEAT, bar["start_tick"] + song.tick(beat), tol, tol)]
            if absent:
                missing.append(f"{song.where(bar['start_tick'])}: no snare/side stick/clap (37-40) within +-{tol} "
                               f"ticks of beat(s) {', '.join(fmt_number(b + 1) for b in absent)}")
        played = len(bars) - len(missing)
        rate = played / len(bars) if bars else 1.0
        messages = [] if rate >= BACKBEAT_RATE else [
            f"backbeat complete in {played} of {len(bars)} non-fill song bars ({percent(played, len(bars)):.1f}%), "
            f"needs >= {BACKBEAT_RATE * 100:g}%"] + limited(missing)
        rules.append(Rule("drums.backbeat", rate >= BACKBEAT_RATE, messages))

    toms_by_bar, snares_by_bar = {}, {}
    for note in notes:
        for pitches, by_bar in ((TOMS | TIMBALES, toms_by_bar), (BACKBEAT, snares_by_bar)):
            if note.pitch in pitches:
                bar = song.bar_at(note.start)
                if bar is not None:
                    by_bar.setdefault(bar["index"], []).append(note)
    # A fill speaks on the toms (or timbales), or as a run on the snare or rim: brushes and rim
    # fills leave the toms alone.
    absent = [f"{song.where(b['start_tick'])}: bar {b['index'] + 1} is marked fill but has no tom or timbale "
              f"({', '.join(map(str, sorted(TOMS | TIMBALES)))}) and no run of {FILL_RUN} snare/rim hits"
              for b in song.bars if b.get("fill") and b["index"] not in toms_by_bar
              and not has_run(snares_by_bar.get(b["index"], []), song.ppq // 4 + tol)]
    rules.append(Rule("drums.fill_missing", not absent, limited(absent)))
    toms_by_bar = {i: [n for n in found if n.pitch in TOMS] for i, found in toms_by_bar.items()}
    toms_by_bar = {i: found for i, found in toms_by_bar.items() if found}
    unexpected = [f"{song.where(toms_by_bar[b['index']][0].start)}: tom {toms_by_bar[b['index']][0].pitch} in song bar "
                  f"{b['index'] + 1}, which is not marked fill" for b in song.song_bars()
                  if not b.get("fill") and b["index"] in toms_by_bar]
    rules.append(Rule("drums.fill_unexpected", not unexpected, limited(unexpected)))

    # Manifests before the form (issue 13) marked the crash bars "section_start".
    no_crash = [f"{song.where(b['start_tick'])}: bar marked crash without a crash (49/57) within +-{tol} ticks"
                for b in song.bars if b.get("crash", b.get("section_start"))
                and not hits_near(notes, CRASHES, b["start_tick"], tol, tol)]
    rules.append(Rule("drums.crash", not no_crash, limited(no_crash)))
    return Check.of("drums", rules)


# --- 4 meter ----------------------------------------------------------------------------------

def check_meter(song):
    early, late = song.ppq // 2, song.ppq // 8
    rules = []
    for role, pitches, rule in (("drums", KICKS, "meter.kick_downbeat"), ("bass", None, "meter.bass_downbeat")):
        if role in song.part_errors:
            rules.append(Rule(rule, False, [f"the {role} part cannot be read: {song.part_errors[role]}"]))
            continue
        if role not in song.parts:
            continue
        notes = song.parts[role]
        missing = []
        drop = DROP_BEATS.get((song.style, tuple(song.m["time_signature"]))) if role == "drums" else None
        for bar in song.song_bars():
            tick = bar["start_tick"]
            if drop is not None:  # the style's idiom puts the bar's kick on its drop (check_drums judges it)
                continue
            if role == "bass":
                chord = song.chord_at(tick)
                if chord is None or chord.get("no_chord"):
                    continue
                if not notes_in(notes, tick - early, tick + late):
                    missing.append(f"{song.where(tick)}: no bass note within [-{early}, +{late}] ticks of the downbeat "
                                   f"({chord['symbol']})")
            elif not hits_near(notes, pitches, tick, early, late):
                missing.append(f"{song.where(tick)}: no kick within [-{early}, +{late}] ticks of the downbeat")
        rules.append(Rule(rule, not missing, limited(missing)))
    if not rules:
        return Check.skipped("meter", "no bass or drums part")
    return Check.of("meter", rules)


# --- keys and N.C. (MUSIC.md "Parts": keys and the meaning of N.C.) -----------------------------

def keys_chords(notes):
    """Keys notes grouped into struck chords: notes starting within CHORD_GROUP_TICKS of the first."""
    groups = []
    for note in sorted(notes, key=lambda n: n.start):
        if groups and note.start - groups[-1][0].start <= CHORD_GROUP_TICKS:
            groups[-1].append(note)
        else:
            groups.append([note])
    return groups


def voice_movement(a, b):
    """Mean semitones per voice between two voicings (bottom to bottom, and so on)."""
    a, b = sorted(n.pitch for n in a), sorted(n.pitch for n in b)
    if len(a) != len(b):
        return abs(sum(a) / len(a) - sum(b) / len(b))
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)


def off_chord_notes(song, notes, tones):
    """Notes that are not in the chord's `tones` ("tones", or "chord_tones" with the root and the
    slash bass), the chord being the one sounding where the note starts or the one it anticipates
    by up to PPQ/8; notes under N.C. are not judged."""
    wrong = []
    for n in notes:
        candidates = [c for c in (song.chord_at(n.start), song.chord_at(n.start + song.ppq // 8))
                      if c is not None and not c.get("no_chord")]
        if candidates and not any(n.pitch % 12 in c[tones] for c in candidates):
            chord = candidates[-1]
            wrong.append(f"{song.where(n.start)}: {note_name(n.pitch)} is not a tone of {chord['symbol']} "
                         f"({pc_names(sorted(chord[tones]))})")
    return wrong


def check_keys(song, notes):
    rules = []
    low, high = KEYS_RANGE
    outside = [f"{song.where(n.start)}: {note_name(n.pitch)} ({n.pitch}) outside {low}..{high}"
               for n in notes if not low <= n.pitch <= high]
    rules.append(Rule("harmony.keys_range", not outside, limited(outside)))

    wrong = off_chord_notes(song, notes, "chord_tones")
    rules.append(Rule("harmony.keys_chord_tones", not wrong, limited(wrong)))

    held = []
    for chord in song.chords:
        change = chord["start_tick"]
        if chord.get("no_chord"):
            continue
        for n in notes:
            if n.start < change - song.ppq // 8 and n.end > change + song.ppq // 8 \
                    and n.pitch % 12 not in chord["chord_tones"]:
                held.append(f"{song.where(change)}: {note_name(n.pitch)} held into {chord['symbol']}")
    rules.append(Rule("harmony.keys_follow_changes", not held, limited(held)))

    groups = keys_chords(notes)
    moves = []
    for before, after in zip(groups, groups[1:]):
        chord_before = song.chord_at(before[0].start + song.ppq // 8)
        chord_after = song.chord_at(after[0].start + song.ppq // 8)
        if chord_before is not None and chord_after is not None and chord_before is not chord_after \
                and not chord_before.get("no_chord") and not chord_after.get("no_chord") \
                and chord_before["symbol"] != chord_after["symbol"]:
            moves.append(voice_movement(before, after))
    mean_move = sum(moves) / len(moves) if moves else 0.0
    smooth = mean_move <= KEYS_MAX_MOVEMENT
    rules.append(Rule("harmony.keys_voice_leading", smooth,
                      [] if smooth else [f"voices move {mean_move:.2f} semitones on average at chord changes "
                                         f"({len(moves)} changes), at most {KEYS_MAX_MOVEMENT} expected"],
                      {"keys_voice_movement": mean_move}))
    return rules


def check_no_chord(song):
    """N.C.: bass, keys and guitar rest, drums keep time."""
    spans = [c for c in song.chords if c.get("no_chord") and c["end_tick"] - c["start_tick"] >= song.ppq]
    if not spans:
        return []
    margin = song.ppq // 8
    problems = []
    for span in spans:
        low, high = span["start_tick"] + margin, span["end_tick"] - margin
        for role in ("bass", "keys", "guitar"):
            for n in song.parts.get(role, []):
                if low <= n.start < high:
                    problems.append(f"{song.where(n.start)}: {role} plays {note_name(n.pitch)} during N.C.")
        if "drums" in song.parts and not notes_in(song.parts["drums"], span["start_tick"], high):
            problems.append(f"{song.where(span['start_tick'])}: the drums stop during N.C.")
    return [Rule("harmony.no_chord_rests", not problems, limited(problems))]


def check_harmony(song):
    rules = []
    if "keys" in song.part_errors:
        rules.append(Rule("harmony.input", False, [f"the keys part cannot be read: {song.part_errors['keys']}"]))
    elif "keys" in song.parts:
        rules += check_keys(song, song.parts["keys"])
    rules += check_no_chord(song)
    if not rules:
        return Check.skipped("harmony", "no keys part and no N.C.")
    return Check.of("harmony", rules)


# --- guitar (MUSIC.md "Guitar") ----------------------------------------------------------------

def guitar_strokes(song, notes):
    """Guitar notes grouped into strokes: each note starting within STROKE_JOIN_MS of the one before."""
    join = STROKE_JOIN_MS / song.ms_per_tick()
    strokes = []
    for note in sorted(notes, key=lambda n: (n.start, n.pitch)):
        if strokes and note.start - strokes[-1][-1].start <= join:
            strokes[-1].append(note)
        else:
            strokes.append([note])
    return strokes


def one_hand_holds(frets):
    """Whether the frets (None for a string not played) fit one hand: the fretted ones within
    GUITAR_HAND_SPAN frets, one finger each, or a barre across the lowest fret (no open string
    under it) and a finger for each note above it."""
    fretted = [(string, fret) for string, fret in enumerate(frets) if fret]
    if not fretted:
        return True
    lowest = min(fret for _, fret in fretted)
    if max(fret for _, fret in fretted) - lowest > GUITAR_HAND_SPAN:
        return False
    if len(fretted) <= GUITAR_FINGERS:
        return True
    barred = [string for string, fret in fretted if fret == lowest]
    if 1 + len(fretted) - len(barred) > GUITAR_FINGERS:
        return False
    return all(frets[string] != 0 for string in range(barred[0], barred[-1] + 1))


def guitar_fingering(pitches, one_hand):
    """A fret per string (None: not played) that sounds exactly `pitches`, one string each, frets
    0..GUITAR_MAX_FRET, fitting one hand when `one_hand`; None when there is none."""
    frets = [None] * len(GUITAR_TUNING)

    def place(index):
        if index == len(pitches):
            return not one_hand or one_hand_holds(frets)
        for string, open_pitch in enumerate(GUITAR_TUNING):
            fret = pitches[index] - open_pitch
            if frets[string] is None and 0 <= fret <= GUITAR_MAX_FRET:
                frets[string] = fret
                if place(index + 1):
                    return True
                frets[string] = None
        return False

    return list(frets) if len(pitches) <= len(GUITAR_TUNING) and place(0) else None


def rhythm_of(song, strokes, bar):
    return [s[0].start - bar["start_tick"] for s in strokes if bar["start_tick"] <= s[0].start < bar["end_tick"]]


def same_rhythm(a, b, tolerance):
    return len(a) == len(b) and all(abs(x - y) <= tolerance for x, y in zip(a, b))


def check_guitar_notes(song, notes):
    outside = notes_outside(song, notes, GUITAR_RANGE)
    wrong = off_chord_notes(song, notes, "tones")
    return [Rule("guitar.range", not outside, limited(outside)),
            Rule("guitar.chord_tones", not wrong, limited(wrong))]


def check_guitar_strokes(song, strokes):
    strings, span, spread = [], [], []
    widest = 0.0
    for stroke in strokes:
        where = f"{song.where(stroke[0].start)}: stroke of {' '.join(note_name(n.pitch) for n in stroke)}"
        pitches = sorted(n.pitch for n in stroke)
        if guitar_fingering(pitches, one_hand=False) is None:
            strings.append(f"{where} cannot sound one note per string (frets 0..{GUITAR_MAX_FRET})")
        elif guitar_fingering(pitches, one_hand=True) is None:
            span.append(f"{where} has no fingering within {GUITAR_HAND_SPAN + 1} frets and {GUITAR_FINGERS} fingers")
        if len(stroke) < 2:
            continue
        ms = (stroke[-1].start - stroke[0].start) * song.ms_per_tick()
        widest = max(widest, ms)
        if stroke[-1].start == stroke[0].start or ms >= STRUM_MAX_MS:
            spread.append(f"{where} spreads its note-ons over {ms:.1f} ms, expected more than 0 and less than "
                          f"{STRUM_MAX_MS} ms")
    notes = sum(len(s) for s in strokes)
    if notes >= STRUMS_FROM_NOTES and not any(len(s) >= 3 for s in strokes):
        spread.append(f"{notes} guitar notes and not one stroke of three strings or more")
    return [Rule("guitar.strings", not strings, limited(strings)),
            Rule("guitar.fret_span", not span, limited(span)),
            Rule("guitar.strum_spread", not spread, limited(spread), {"guitar_strum_ms": widest})]


def check_guitar_above_bass(song, notes):
    bass = song.parts.get("bass")
    if not bass:
        return []
    below = []
    for n in notes:
        under = [b for b in bass if b.start <= n.start < b.end and b.pitch >= n.pitch]
        if under:
            below.append(f"{song.where(n.start)}: guitar {note_name(n.pitch)} is not above the bass's "
                         f"{note_name(under[0].pitch)}")
    return [Rule("guitar.above_bass", not below, limited(below))]


def check_guitar_variety(song, strokes):
    bars = song.song_bars()
    tolerance = song.ppq // RHYTHM_TOLERANCE_PPQ_DIVISOR
    rhythms = [rhythm_of(song, strokes, bar) for bar in bars]
    same = []
    for first in range(0, len(bars) - VARIETY_BARS + 1):
        window = rhythms[first:first + VARIETY_BARS]
        if all(same_rhythm(window[0], r, tolerance) for r in window):
            same.append(f"{song.where(bars[first]['start_tick'])}: the guitar plays one rhythm in all "
                        f"{VARIETY_BARS} bars from here ({len(window[0])} strokes a bar)")
    return [Rule("guitar.bar_variety", not same, limited(same))]


def check_guitar(song):
    notes, early_result = part_or_skip(song, "guitar", "guitar")
    if early_result:
        return early_result
    strokes = guitar_strokes(song, notes)
    rules = check_guitar_notes(song, notes) + check_guitar_strokes(song, strokes)
    rules += check_guitar_above_bass(song, notes) + check_guitar_variety(song, strokes)
    return Check.of("guitar", rules)


# --- 5 dynamics -------------------------------------------------------------------------------

def check_dynamics(song):
    if song.humanize <= 0:
        return Check.skipped("dynamics", "humanize is 0")
    low, high = VELOCITY_STD
    measured = {}
    problems = []
    for role in PARTS:
        if role in song.part_errors:
            problems.append(f"the {role} part cannot be read: {song.part_errors[role]}")
            continue
        velocities = [n.velocity for n in song.parts.get(role, [])]
        if len(velocities) < 2:
            continue
        std = statistics.pstdev(velocities)
        measured[role] = std
        if not low <= std <= high:
            problems.append(f"{role}: velocity standard deviation {std:.2f} over {len(velocities)} notes "
                            f"(from {min(velocities)} to {max(velocities)}) is outside {low:g}..{high:g} "
                            f"with humanize {fmt_number(song.humanize)}")
    if not measured and not problems:
        return Check.skipped("dynamics", "no part with two notes or more")
    return Check.of("dynamics", [Rule("dynamics.velocity_spread", not problems, problems,
                                      {"velocity_std": measured})])


# --- 6 swing ----------------------------------------------------------------------------------

def measure_swing(song, notes, subdivision, target=0.5):
    """Median position of off-beat hat/ride notes within their swing unit, and how many."""
    unit = song.ppq if subdivision == 8 else song.ppq // 2
    low, high = OFFBEAT_WINDOW[0], min(OFFBEAT_WINDOW[1], max(0.70, target + OFFBEAT_REACH))
    positions = []
    for note in notes:
        if note.pitch not in HATS:
            continue
        bar = next((b for b in song.song_bars() if b["start_tick"] <= note.start < b["end_tick"]), None)
        if bar is None:
            continue
        position = ((note.start - bar["start_tick"]) % unit) / unit
        if low <= position <= high:
            positions.append(position)
    return (statistics.median(positions) if positions else None), len(positions)


def check_swing(song):
    notes, early_result = part_or_skip(song, "swing", "drums")
    if early_result:
        return early_result
    if int(song.m.get("time_signature", [4, 4])[1]) == 8:
        # x/8 bars are made of eighth-note groups, some of three, which are not swung pairs:
        # measured within quarters from the bar line, their positions mean nothing.
        return Check.skipped("swing", "swing is measured in meters counted in quarter or half notes")
    if song.swing:
        target = float(song.swing["ratio"])
        subdivision = int(song.swing.get("subdivision", 8))
        if subdivision not in (8, 16):
            return Check("swing", "fail", [Rule("swing.offbeat_position", False,
                                                [f"swing subdivision {subdivision} is neither 8 nor 16"])])
    else:
        target, subdivision = 0.5, 8
    median, count = measure_swing(song, notes, subdivision, target)
    feel = f"swing {fmt_number(target)} on {subdivision}ths" if song.swing else "straight"
    if median is None:
        if not song.swing:
            return Check.skipped("swing", "no off-beat hi-hat or ride notes to measure")
        return Check("swing", "fail", [Rule("swing.offbeat_position", False,
                                            [f"{feel} requested, but no off-beat hi-hat/ride notes "
                                             f"({', '.join(map(str, sorted(HATS)))}) to measure"])])
    unit = "quarter" if subdivision == 8 else "eighth"
    passed = abs(median - target) <= SWING_TOLERANCE
    messages = [] if passed else [
        f"{feel}: off-beat hi-hat/ride notes sit at {median:.3f} of the {unit} (median of {count}), "
        f"expected {target:.3f} +- {SWING_TOLERANCE}"]
    return Check.of("swing", [Rule("swing.offbeat_position", passed, messages,
                                   {"swing_measured": median, "swing_target": target, "offbeat_notes": count})])


# --- 7 reproducibility ------------------------------------------------------------------------

def note_list(midi):
    return sorted((n.start, n.end, n.pitch, n.velocity, n.channel) for n in midi.notes())


def check_reproducibility(song):
    twin = song.m.get("twin") or {}
    other = song.m.get("other_seed") or {}
    if not twin and not other:
        return Check.skipped("reproducibility", "no twin or other_seed files")
    rules = []
    if twin:
        problems = []
        for role, name in twin.items():
            original = song.files.get(role)
            if original is None or original.bytes is None:
                problems.append(f"twin {name} has no readable original {role} file to compare with")
                continue
            try:
                with open(song.path(name), "rb") as f:
                    copy = f.read()
            except OSError as error:
                problems.append(f"cannot open twin {name}: {error.strerror}")
                continue
            if copy != original.bytes:
                first = next((i for i, (a, b) in enumerate(zip(copy, original.bytes)) if a != b),
                             min(len(copy), len(original.bytes)))
                problems.append(f"{name} differs from {original.name} (same request and seed) from byte {first} "
                                f"({len(copy)} vs {len(original.bytes)} bytes)")
        rules.append(Rule("reproducibility.twin_identical", not problems, problems))
    if other:
        problems = []
        for role, name in other.items():
            original = song.files.get(role)
            copy = MidiData(song.path(name), role)
            if copy.error or original is None or original.error:
                problems.append(copy.error or f"other-seed {name} has no readable original {role} file")
            elif note_list(copy) == note_list(original):
                problems.append(f"{name} (another seed) has exactly the notes of {original.name}")
        rules.append(Rule("reproducibility.other_seed_differs", not problems, problems))
    return Check.of("reproducibility", rules)


# --- 8 render ---------------------------------------------------------------------------------

def render_audio(midi_path, wav_path, soundfont=SOUNDFONT):
    """Renders with FluidSynth; returns an error message or None."""
    if shutil.which("fluidsynth") is None:
        return "fluidsynth is not installed (apt-get install fluidsynth fluid-soundfont-gm)"
    if not os.path.exists(soundfont):
        return f"sound font {soundfont} is missing (apt-get install fluid-soundfont-gm)"
    command = ["fluidsynth", "-ni", "-g", "1.0", "-F", wav_path, "-r", "44100", soundfont, midi_path]
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    except subprocess.TimeoutExpired:
        return "fluidsynth did not finish within 300 seconds"
    if done.returncode != 0 or not os.path.exists(wav_path):
        return f"fluidsynth failed with status {done.returncode}: {done.stdout.decode(errors='replace')[-300:]}"
    return None


def measure_audio(wav_path, song_seconds):
    """Whole-song RMS and the share of RENDER_WINDOW_SECONDS windows within the song that are
    louder than RENDER_WINDOW_RMS, both as fractions of full scale."""
    with wave.open(wav_path, "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"expected 16-bit samples, got {8 * w.getsampwidth()}-bit")
        channels, rate = w.getnchannels(), w.getframerate()
        samples = array.array("h")
        samples.frombytes(w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    window = max(1, int(rate * RENDER_WINDOW_SECONDS)) * channels
    song_windows = max(1, math.ceil(song_seconds / RENDER_WINDOW_SECONDS))
    total = 0
    loud = 0
    for index in range(0, len(samples), window):
        chunk = samples[index:index + window]
        energy = sum(s * s for s in chunk)
        total += energy
        if index // window < song_windows and math.sqrt(energy / len(chunk)) / 32768 >= RENDER_WINDOW_RMS:
            loud += 1
    rms = math.sqrt(total / len(samples)) / 32768 if samples else 0.0
    return {"rms": rms, "coverage": loud / song_windows, "audio_seconds": len(samples) / channels / rate}


def check_render(song, role=None):
    role = role or next((r for r in ("full", "drums", "bass", "keys") if r in song.files), None)
    midi = song.files.get(role)
    if midi is None or midi.error:
        return Check("render", "fail", [Rule("render.audible", False, [f"no readable file to render ({role})"])])
    song_seconds = float(song.m["end_beat"]) * 60.0 / float(song.m["tempo"])
    with tempfile.TemporaryDirectory() as scratch:
        wav_path = os.path.join(scratch, "render.wav")
        error = render_audio(midi.path, wav_path)
        if error:
            return Check("render", "fail", [Rule("render.audible", False, [f"{midi.name}: {error}"])])
        try:
            audio = measure_audio(wav_path, song_seconds)
        except (wave.Error, ValueError, EOFError) as error:
            return Check("render", "fail", [Rule("render.audible", False, [f"{midi.name}: unreadable WAV: {error}"])])
    problems = []
    if audio["rms"] < RENDER_MIN_RMS:
        problems.append(f"{midi.name} renders to RMS {audio['rms']:.5f} of full scale, needs >= {RENDER_MIN_RMS}")
    if audio["coverage"] < RENDER_MIN_COVERAGE:
        problems.append(f"{midi.name}: only {audio['coverage'] * 100:.0f}% of the song's {song_seconds:.1f} s is "
                        f"audible (windows of {RENDER_WINDOW_SECONDS} s above RMS {RENDER_WINDOW_RMS}), needs "
                        f">= {RENDER_MIN_COVERAGE * 100:.0f}%")
    return Check.of("render", [Rule("render.audible", not problems, problems,
                                    {"render_rms": audio["rms"], "render_coverage": audio["coverage"],
                                     "rendered_file": midi.name})])


# --- running ----------------------------------------------------------------------------------

def check_song(manifest_path, render=False):
    """Every check on one manifest; never raises for bad input."""
    stem = os.path.splitext(os.path.basename(manifest_path))[0]
    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
        song = Song(manifest_path, manifest)
    except (OSError, ValueError, ManifestError, KeyError, TypeError) as error:
        result = SongResult(stem, "?", manifest_path)
        result.checks["structure"] = Check("structure", "fail", [Rule("structure.manifest", False,
                                                                      [f"manifest unusable: {error}"])])
        return result
    result = SongResult(song.id, song.style, manifest_path)
    for name, function in (("structure", check_structure), ("bass", check_bass), ("drums", check_drums),
                           ("meter", check_meter), ("harmony", check_harmony), ("guitar", check_guitar),
                           ("dynamics", check_dynamics),
                           ("swing", check_swing),
                           ("reproducibility", check_reproducibility)):
        try:
            result.checks[name] = function(song)
        except (KeyError, TypeError, ValueError) as error:
            result.checks[name] = Check(name, "fail", [Rule(f"{name}.manifest", False,
                                                            [f"manifest field missing or malformed: {error!r}"])])
    if render:
        result.checks["render"] = check_render(song)
    return result


def is_manifest(path):
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return True  # a broken manifest is reported, not ignored
    return isinstance(data, dict) and "files" in data


def run(directory, render=False):
    """Checks every manifest in `directory`, in name order; renders the first song that loads."""
    paths = sorted(os.path.join(directory, name) for name in os.listdir(directory) if name.endswith(".json"))
    results = []
    for path in (p for p in paths if is_manifest(p)):
        results.append(check_song(path, render=render))
        render = render and "render" not in results[-1].checks
    return results


def totals(results):
    passed = sum(c.status == "pass" for r in results for c in r.checks.values())
    failed = sum(c.status == "fail" for r in results for c in r.checks.values())
    skipped = sum(c.status == "skip" for r in results for c in r.checks.values())
    return passed, failed, skipped


def style_rows(results):
    """One summary row per style: pass rate per check and the measured figures."""
    rows = []
    for style in sorted({r.style for r in results}):
        songs = [r for r in results if r.style == style]
        row = {"style": style, "songs": len(songs), "checks": {}}
        for name in CHECKS:
            applied = [r.checks[name] for r in songs if name in r.checks and r.checks[name].status != "skip"]
            row["checks"][name] = {"passed": sum(c.status == "pass" for c in applied), "applied": len(applied)}

        def pooled(check, hits, whole):
            h = sum(r.checks[check].measured(hits, 0) for r in songs if check in r.checks)
            w = sum(r.checks[check].measured(whole, 0) for r in songs if check in r.checks)
            return percent(h, w)

        row["bass_root_percent"] = pooled("bass", "root_hits", "root_changes")
        row["strong_beat_chord_tone_percent"] = pooled("bass", "strong_chord_tones", "strong_notes")
        row["kick_on_one_percent"] = pooled("drums", "kick_bars", "bars")
        movements = [r.checks["harmony"].measured("keys_voice_movement") for r in songs if "harmony" in r.checks]
        movements = [m for m in movements if m is not None]
        row["keys_voice_movement"] = [min(movements), max(movements)] if movements else None
        spreads = [r.checks["guitar"].measured("guitar_strum_ms") for r in songs if "guitar" in r.checks]
        spreads = [s for s in spreads if s is not None]
        row["guitar_strum_ms"] = [min(spreads), max(spreads)] if spreads else None
        row["velocity_std"] = {}
        for part in PARTS:
            values = [r.checks["dynamics"].measured("velocity_std", {}).get(part) for r in songs if "dynamics" in r.checks]
            values = [v for v in values if v is not None]
            if values:
                row["velocity_std"][part] = [min(values), max(values)]
        swings = [(r.checks["swing"].measured("swing_measured"), r.checks["swing"].measured("swing_target"))
                  for r in songs if "swing" in r.checks]
        swings = [s for s in swings if s[0] is not None]
        row["swing"] = {"measured": [min(s[0] for s in swings), max(s[0] for s in swings)],
                        "targets": sorted({s[1] for s in swings})} if swings else None
        rows.append(row)
    return rows


TABLE_HEADER = (["style", "songs"] + list(CHECKS)
                + ["bass root %", "strong-beat CT %", "kick on 1 %", "keys move", "guitar strum ms"]
                + [f"vel std {part}" for part in PARTS] + ["swing (target)"])


def table_cells(row):
    def rate(counts):
        if not counts["applied"]:
            return "n/a"
        return f"{100 * counts['passed'] / counts['applied']:.0f}% ({counts['passed']}/{counts['applied']})"

    def share(value):
        return "n/a" if value is None else f"{value:.1f}"

    def span(values, digits):
        if not values:
            return "n/a"
        low, high = values
        return f"{low:.{digits}f}" if abs(high - low) < 10 ** -digits else f"{low:.{digits}f}-{high:.{digits}f}"

    swing = row["swing"]
    swing_cell = "n/a" if swing is None else (
        f"{span(swing['measured'], 3)} ({', '.join(fmt_number(t) for t in swing['targets'])})")
    return ([row["style"], str(row["songs"])] + [rate(row["checks"][name]) for name in CHECKS]
            + [share(row["bass_root_percent"]), share(row["strong_beat_chord_tone_percent"]),
               share(row["kick_on_one_percent"]), span(row["keys_voice_movement"], 1), span(row["guitar_strum_ms"], 1)]
            + [span(row["velocity_std"].get(part), 1) for part in PARTS] + [swing_cell])


def text_table(rows):
    lines = [TABLE_HEADER] + [table_cells(row) for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(TABLE_HEADER))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in lines)


def markdown_table(rows):
    lines = ["| " + " | ".join(TABLE_HEADER) + " |", "|" + "---|" * len(TABLE_HEADER)]
    lines += ["| " + " | ".join(table_cells(row)) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def to_json(results, rows):
    passed, failed, skipped = totals(results)
    return {
        "passed": passed, "failed": failed, "skipped": skipped,
        "styles": rows,
        "songs": [{
            "id": r.song_id, "style": r.style, "manifest": r.manifest,
            "checks": {name: {"status": c.status, "reason": c.reason,
                              "rules": [{"rule": rule.name, "passed": rule.passed, "messages": rule.messages,
                                         "measured": rule.measured} for rule in c.rules]}
                       for name, c in r.checks.items()},
        } for r in results],
    }


def failure_lines(result):
    for _, rule in result.failures():
        for message in limited(rule.messages) or ["failed"]:
            yield f"{result.song_id}: {rule.name}: {message}"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check generated songs against the engine's music rules.")
    parser.add_argument("directory", help="folder with song manifests (*.json) and their MIDI files")
    parser.add_argument("--render", action="store_true", help="also render the first song with FluidSynth")
    parser.add_argument("--markdown", metavar="FILE", help="write the summary table as Markdown")
    parser.add_argument("--json", metavar="FILE", help="write every result as JSON")
    args = parser.parse_args(argv)

    if not os.path.isdir(args.directory):
        print(f"music_checks: {args.directory} is not a folder", file=sys.stderr)
        return 2
    results = run(args.directory, render=args.render)
    if not results:
        print(f"music_checks: no song manifest (*.json with \"files\") in {args.directory}", file=sys.stderr)
        return 2

    for result in results:
        for line in failure_lines(result):
            print(line)
    rows = style_rows(results)
    print()
    print(text_table(rows))
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(markdown_table(rows))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(to_json(results, rows), f, indent=2)
            f.write("\n")
    passed, failed, skipped = totals(results)
    if skipped:
        print(f"({skipped} checks did not apply and were skipped)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
