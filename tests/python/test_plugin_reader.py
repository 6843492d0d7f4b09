#!/usr/bin/python3
"""Our files timed as the AI Band plugin times them (docs/MUSIC.md, "Checked as the plugin reads it").

The plugin loads a file with JUCE's MidiFile and times each track by that track's own tempo events,
at 120 BPM when it has none (docs/PLUGIN.md in the shared folder). tests/tools/plugin_reader does the
same with JUCE itself and prints, per track with notes, where its last note ends in seconds and the
tempo events it found. This test:

- starts ai-band-orchestrator --headless on a free port and asks POST /api/generate for bass, drums,
  keys, full and guitar at 90, 120 and 150 BPM in 4/4, 3/4 and 6/8 (some with a count-in, an intro or an
  ending), a known number of bars;
- runs plugin_reader on every file and requires, for every track with notes: a tempo event of the
  requested BPM in that track (and no other tempo), its last note-off timed by the plugin as at that
  tempo, and the last note ending no later than the song's length in seconds and, for the parts
  that play to the end (all with an ending; drums and keys without), within one beat of it; the
  length is (count-in + intro + bars + ending) x beats per bar x 60 / tempo (as the file stores
  the tempo: whole microseconds per quarter), beats being the
  quarter notes of the metadata's `file_length_beats`, which must agree;
- checks that JUCE's conversion equals the plugin's tempo-map arithmetic (the reader prints both).

Self-tests, without the server: a hand-made format-1 file whose tempo sits only in a conductor track
must be rejected (its part plays at 120 BPM), a hand-made format-0 file accepted.

Usage: test_plugin_reader.py /path/to/ai-band-orchestrator /path/to/plugin_reader [unittest args]
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

import mido

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plugin_client import Server, http  # noqa: E402

APP = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator")
READER = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "build/tests/tools/plugin_reader/plugin_reader")

PARTS = ["bass", "drums", "keys", "full", "guitar"]
BARS = 8
# (tempo, meter, feel): every tempo in every meter; the feels add bars before and after the music.
CASES = [(tempo, meter, feel)
         for tempo, feel in ((90, {}), (120, {"count_in": 1, "ending": True}), (150, {"intro": 1, "ending": True}))
         for meter in ("4/4", "3/4", "6/8")]
SECONDS_TOLERANCE = 1e-6


def quarter_seconds(bpm):
    """A quarter note's length as a Standard MIDI File stores it (whole microseconds)."""
    return round(60_000_000 / bpm) / 1_000_000


def quarters_per_bar(meter):
    numerator, denominator = (int(n) for n in meter.split("/"))
    return numerator * 4 / denominator


def read_as_plugin(paths):
    """plugin_reader's JSON for these files; a failure of the reader itself fails the test."""
    result = subprocess.run([READER, *paths], capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise AssertionError(f"plugin_reader failed ({result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout)["files"]


def problems_as_plugin(file_entry, tempo, end_seconds, plays_to_end=lambda track: True):
    """What is wrong with one file as the plugin plays it: a list of messages, empty when right.

    Every track with notes must carry the requested tempo itself, be timed by the plugin at that
    tempo (its last note-off tick at the requested tempo gives the seconds JUCE computed), and end
    no later than the song; a track for which plays_to_end(track) is true must also end within one
    beat (a quarter note, the metadata's beat) of the song's end."""
    beat_seconds = quarter_seconds(tempo)
    problems = []
    name = os.path.basename(file_entry["file"])
    if not file_entry["tracks"]:
        problems.append(f"{name}: no track with notes")
    for track in file_entry["tracks"]:
        where = f"{name} track {track['index']} ({track['name'] or 'unnamed'})"
        bpms = [t["bpm"] for t in track["tempos"]]
        if not bpms:
            problems.append(f"{where}: no tempo event in the notes' own track, so the plugin plays it at 120 BPM")
        elif any(abs(bpm - tempo) > 0.01 for bpm in bpms) or track["tempos"][0]["tick"] != 0:
            problems.append(f"{where}: tempo events {track['tempos']} in its own track, wanted {tempo} BPM at tick 0")
        seconds = track["last_note_off_seconds"]
        if abs(seconds - track["last_note_off_seconds_map"]) > SECONDS_TOLERANCE:
            problems.append(f"{where}: JUCE's conversion gives {seconds:.6f} s, the plugin's tempo map "
                            f"{track['last_note_off_seconds_map']:.6f} s")
        at_tempo = track["last_note_off_tick"] / file_entry["time_format"] * beat_seconds
        if abs(seconds - at_tempo) > SECONDS_TOLERANCE:
            problems.append(f"{where}: the plugin ends its last note at {seconds:.3f} s, at {tempo} BPM it ends at "
                            f"{at_tempo:.3f} s (x{at_tempo / seconds:.4f})" if seconds > 0 else
                            f"{where}: last note ends at 0 s")
        if seconds > end_seconds + SECONDS_TOLERANCE:
            problems.append(f"{where}: last note ends at {seconds:.3f} s, after the song's end at {end_seconds:.3f} s")
        elif plays_to_end(track) and seconds < end_seconds - beat_seconds - SECONDS_TOLERANCE:
            problems.append(f"{where}: last note ends at {seconds:.3f} s, more than a beat before the song's end "
                            f"at {end_seconds:.3f} s (x{end_seconds / seconds:.4f})" if seconds > 0 else
                            f"{where}: last note ends at 0 s")
    return problems


class HandMadeFilesTest(unittest.TestCase):
    """The check itself: it rejects a part whose tempo is only in a conductor track."""

    TEMPO = 90
    BEATS = 16  # 4 bars of 4/4

    def write(self, midi):
        path = os.path.join(self.dir.name, f"hand_made_{midi.type}.mid")
        midi.save(path)
        return path

    def notes(self):
        """Quarter notes over the whole song, the last ending on its last tick (delta times)."""
        messages = []
        for beat in range(self.BEATS):
            messages.append(mido.Message("note_on", note=36 + beat % 12, velocity=90, time=0))
            messages.append(mido.Message("note_off", note=36 + beat % 12, velocity=0, time=480))
        return messages

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.end_seconds = self.BEATS * quarter_seconds(self.TEMPO)

    def test_format_1_with_tempo_only_in_the_conductor_track_is_rejected(self):
        midi = mido.MidiFile(type=1, ticks_per_beat=480)
        midi.tracks.append(mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(self.TEMPO)),
                                           mido.MetaMessage("time_signature", numerator=4, denominator=4)]))
        midi.tracks.append(mido.MidiTrack([mido.MetaMessage("track_name", name="Bass"), *self.notes()]))
        [entry] = read_as_plugin([self.write(midi)])
        [track] = entry["tracks"]
        self.assertEqual(track["tempos"], [])
        self.assertAlmostEqual(track["last_note_off_seconds"], self.BEATS * 0.5)  # 120 BPM: 4/3 too fast
        problems = problems_as_plugin(entry, self.TEMPO, self.end_seconds)
        self.assertTrue(any("no tempo event" in p for p in problems), problems)
        self.assertTrue(any("more than a beat before" in p for p in problems), problems)
        self.assertTrue(any("at 90 BPM it ends at 10.667 s (x1.3333)" in p for p in problems), problems)

    def test_format_0_with_the_tempo_beside_the_notes_is_accepted(self):
        midi = mido.MidiFile(type=0, ticks_per_beat=480)
        midi.tracks.append(mido.MidiTrack([mido.MetaMessage("track_name", name="Bass"),
                                           mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(self.TEMPO)),
                                           *self.notes()]))
        [entry] = read_as_plugin([self.write(midi)])
        self.assertEqual(entry["format"], 0)
        self.assertEqual(problems_as_plugin(entry, self.TEMPO, self.end_seconds), [])
        self.assertAlmostEqual(entry["tracks"][0]["last_note_off_seconds"], self.end_seconds)

    def test_an_unreadable_file_is_an_error(self):
        path = os.path.join(self.dir.name, "not_midi.mid")
        with open(path, "w") as f:
            f.write("not a MIDI file")
        with self.assertRaisesRegex(AssertionError, "cannot read"):
            read_as_plugin([path])


class GeneratedFilesTest(unittest.TestCase):
    """The server's files, every part at every tempo and meter, as the plugin plays them."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(APP)
        cls.base = cls.server.base
        cls.files_dir = cls.server.files_dir

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def generate(self, tempo, meter, feel):
        body = {"chord_progression": {"chords": "C | Am | F | G", "tempo": tempo, "time_signature": meter,
                                      "duration": BARS * quarters_per_bar(meter)},
                "style": "pop", "track_types": PARTS, "seed": 7, **feel}
        status, _, reply = http("POST", self.base + "/api/generate", body, timeout=30)
        self.assertEqual(status, 200, reply)
        return json.loads(reply)

    def test_every_part_ends_with_the_song_in_seconds(self):
        problems = []
        rows = []
        for tempo, meter, feel in CASES:
            reply = self.generate(tempo, meter, feel)
            metadata = reply["metadata"]
            case = f"{tempo} BPM {meter} {json.dumps(feel)}"
            bars = metadata["bars"] + int(feel.get("count_in", 0)) + int(feel.get("intro", 0)) \
                + int(bool(feel.get("ending", False)))
            length_beats = bars * quarters_per_bar(meter)
            self.assertEqual(metadata["bars"], BARS, case)
            self.assertEqual(metadata.get("file_length_beats", metadata["duration_beats"]), length_beats, case)
            end_seconds = length_beats * quarter_seconds(tempo)
            details = reply["file_details"]
            self.assertEqual([d["track_type"] for d in details], PARTS, case)
            entries = read_as_plugin([os.path.join(self.files_dir, d["filename"]) for d in details])
            for detail, entry in zip(details, entries):
                # With an ending every part plays the final hit on the last chord; without one the
                # drums and keys play through the last bar, the bass may rest at its end. A single
                # part's file holds that part; in the full file the track's name tells which.
                def plays_to_end(track, ending=bool(feel.get("ending")), part=detail["track_type"]):
                    name = track["name"].lower()
                    return ending or (part in ("drums", "keys") if part != "full" else
                                      "drum" in name or "keys" in name)
                problems += [f"{case}: {p}" for p in problems_as_plugin(entry, tempo, end_seconds, plays_to_end)]
                for track in entry["tracks"]:
                    bpms = ",".join(f"{t['bpm']:g}" for t in track["tempos"]) or "none"
                    rows.append(f"{tempo:>5} {meter:>4} {detail['track_type']:>5} {track['name']:>5} "
                                f"{bpms:>6} {end_seconds:8.3f} {track['last_note_off_seconds']:8.3f} "
                                f"{end_seconds / track['last_note_off_seconds']:7.4f}")
        print("\ntempo meter  part track tempos  song s  last s   ratio", file=sys.stderr)
        print("\n".join(rows), file=sys.stderr)
        if problems:
            self.fail(f"{len(problems)} problem(s) as the plugin plays our files:\n" + "\n".join(problems))


if __name__ == "__main__":
    unittest.main(verbosity=2)
