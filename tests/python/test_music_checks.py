#!/usr/bin/python3
"""Proves that every music check can fail, and fails for the right reason.

Builds a small, correct synthetic song with mido (bass, drums, keys, guitar, a combined file, a
twin and an other-seed file, plus its manifest), checks that it passes everything, then breaks one
thing at a time and checks that exactly the matching rule fails. RenderTest runs the FluidSynth
check on a tiny file and on a silent one.

Usage: test_music_checks.py [unittest arguments, e.g. MutationTest or RenderTest]
"""

import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest

import mido

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import music_checks  # noqa: E402  (after the path is set)

PPQ = 480
BAR = 4 * PPQ
C_MAJOR = [0, 2, 4, 5, 7, 9, 11]
CHORDS = {  # symbol: root, bass, tones (pitch classes)
    "C": (0, 0, [0, 4, 7]), "Am": (9, 9, [9, 0, 4]), "F": (5, 5, [5, 9, 0]), "G": (7, 7, [7, 11, 2]),
    "G/B": (7, 11, [7, 11, 2]), "Dm7": (2, 2, [2, 5, 9, 0]), "G7": (7, 7, [7, 11, 2, 5]),
}
# Bar 0 is an intro; bars 1-16 are the song: (chord, beats) per bar, "N.C." in bar 10.
PROGRESSION = [[("C", 4)], [("Am", 4)], [("F", 4)], [("G/B", 4)], [("C", 4)], [("Am", 4)], [("Dm7", 2), ("G7", 2)],
               [("C", 4)], [("F", 4)], [("N.C.", 4)], [("F", 4)], [("G", 4)], [("Am", 4)], [("F", 4)], [("G/B", 4)],
               [("C", 4)]]
FILL_BARS = {4, 8, 12, 16}
SECTION_BARS = {0, 1, 9}
JITTER = [0, 6, -5, 3, -7, 4, -2, 8]        # ticks: a light, deterministic humanize
BASS_VELOCITY = [0, -8, 6, -4, 9, -7, 3]
KEYS_VELOCITY = [64, 72, 80, 68, 76]
# Guitar shapes on the G, B and high E strings, above every note of the bass: pitches low to high.
GUITAR_SHAPES = {"C": [55, 60, 64], "Am": [57, 60, 64], "F": [57, 60, 65], "G/B": [55, 59, 67], "G": [55, 59, 67],
                 "Dm7": [57, 60, 65], "G7": [55, 59, 65]}
# Strokes per bar, (beat, "D" down or "U" up): even song bars the first rhythm, odd bars the second.
GUITAR_RHYTHMS = [[(0, "D"), (1, "D"), (1.66, "U"), (2, "D"), (3, "D"), (3.66, "U")],
                  [(0, "D"), (0.66, "U"), (1.66, "U"), (2, "D"), (2.66, "U"), (3.66, "U")]]
STRUM_TICKS = {"D": 8, "U": 6}               # between strings: 8.3 and 6.25 ms at 120 BPM


def nearest(pc, previous, low=28, high=50):
    """The pitch of pitch class `pc` closest to `previous` within [low, high]."""
    options = [p for p in range(low, high + 1) if p % 12 == pc]
    return min(options, key=lambda p: (abs(p - previous), p))


class SyntheticSong:
    """A correct 17-bar rock song in C, 4/4, 120 BPM, swung eighths at 0.66, humanize 0.5."""

    def __init__(self, song_id="synthetic", style="rock", swing=0.66):
        self.id = song_id
        self.swing = swing
        self.end_tick = (1 + len(PROGRESSION)) * BAR
        self.conductor = ["track_name", "set_tempo", "time_signature", "key_signature"]
        self.part_tempo = 120   # each part's own tempo at tick 0 (None: none, as format 1 files often have)
        self.chords = []
        for bar, chords in enumerate(PROGRESSION, start=1):
            beat = bar * 4
            for symbol, beats in chords:
                self.chords.append((symbol, beat, beats))
                beat += beats
        self.manifest = {
            "id": song_id, "style": style, "seed": 1,
            "files": {"bass": f"{song_id}_bass.mid", "drums": f"{song_id}_drums.mid",
                      "keys": f"{song_id}_keys.mid", "full": f"{song_id}_full.mid",
                      "guitar": f"{song_id}_guitar.mid"},
            "twin": {"bass": f"{song_id}_bass_twin.mid"},
            "other_seed": {"bass": f"{song_id}_bass_seed2.mid"},
            "ppq": PPQ, "tempo": 120.0, "time_signature": [4, 4], "beats_per_bar": 4.0,
            "end_beat": self.end_tick / PPQ, "humanize": 0.5,
            "swing": {"ratio": swing, "subdivision": 8} if swing else None,
            "strong_beats": [0.0, 2.0], "backbeat_beats": [1.0, 3.0], "walking_bass": False,
            "chords": [self.chord_entry(symbol, beat, beats) for symbol, beat, beats in self.chords],
            "bars": [{"index": i, "start_beat": 4.0 * i, "kind": "intro" if i == 0 else "song",
                      "fill": i in FILL_BARS, "section_start": i in SECTION_BARS}
                     for i in range(1 + len(PROGRESSION))],
        }
        # Notes: [start, end, pitch, velocity, channel]; tests mutate these lists.
        self.bass = self.make_bass()
        self.drums = self.make_drums()
        self.keys = self.make_keys()
        self.guitar = self.make_guitar()
        self.twin_bass = None        # None: the twin is the bass file itself
        self.other_bass = None       # None: a genuinely different line
        self.extra_events = {}       # part -> [(tick, mido message)] added to its track

    @staticmethod
    def chord_entry(symbol, beat, beats):
        if symbol == "N.C.":
            return {"symbol": symbol, "start_beat": float(beat), "duration_beats": float(beats), "root": 0, "bass": 0,
                    "tones": [], "scale": [], "no_chord": True}
        root, bass, tones = CHORDS[symbol]
        return {"symbol": symbol, "start_beat": float(beat), "duration_beats": float(beats), "root": root,
                "bass": bass, "tones": tones, "scale": C_MAJOR, "no_chord": False}

    def make_bass(self):
        notes = []
        previous = 36
        planned = None                       # the pitch the last approach note leads into
        for index, (symbol, beat, beats) in enumerate(self.chords):
            if symbol == "N.C.":
                planned = None
                continue
            root, bass, tones = CHORDS[symbol]
            fifth = (root + 7) % 12 if (root + 7) % 12 in tones else root
            third = next(pc for pc in tones if (pc - root) % 12 in (3, 4))
            following = self.chords[index + 1] if index + 1 < len(self.chords) else None
            pitches = [planned if planned is not None else nearest(bass, previous)]
            line = [fifth, third][:beats - 2] if beats > 2 else []
            for pc in line:
                pitches.append(nearest(pc, pitches[-1]))
            if following and following[0] != "N.C.":
                target = nearest(CHORDS[following[0]][1], pitches[-1])
                planned = target
                pitches.append(target - 1 if target - 1 >= 28 else target + 1)   # chromatic approach
            else:
                planned = None
                pitches.append(nearest(fifth, pitches[-1]))
            for i, pitch in enumerate(pitches):
                start = (beat + i) * PPQ + JITTER[len(notes) % len(JITTER)]
                notes.append([start, start + 400, pitch, 88 + BASS_VELOCITY[len(notes) % len(BASS_VELOCITY)], 0])
            previous = pitches[-1]
        return notes

    def make_drums(self):
        notes = []

        def hit(tick, pitch, velocity):
            tick += JITTER[len(notes) % len(JITTER)] if tick > 0 else 0
            notes.append([tick, tick + 60, pitch, velocity + JITTER[(len(notes) * 3) % len(JITTER)], 9])

        for bar in range(1 + len(PROGRESSION)):
            start = bar * BAR
            if bar in SECTION_BARS:
                hit(start, 49, 110)
            for beat in range(4):
                tick = start + beat * PPQ
                if bar in FILL_BARS and beat == 3:
                    for i, tom in enumerate((48, 45, 43, 41)):
                        hit(tick + i * PPQ // 4, tom, 100)
                    continue
                if beat in (0, 2):
                    hit(tick, 36, 108)
                else:
                    hit(tick, 38, 100)
                hit(tick, 42, 80)
                hit(tick + round((self.swing or 0.5) * PPQ), 42, 62)
        return notes

    def make_keys(self):
        notes = []
        for index, (symbol, beat, beats) in enumerate(self.chords):
            if symbol == "N.C.":
                continue
            velocity = KEYS_VELOCITY[index % len(KEYS_VELOCITY)]
            for pc in CHORDS[symbol][2]:
                notes.append([beat * PPQ, (beat + beats) * PPQ - 10, 60 + pc, velocity, 1])
        return notes

    def guitar_chord_at(self, beat):
        """The chord sounding at `beat` and the beat where it ends."""
        for symbol, start, beats in self.chords:
            if start <= beat < start + beats:
                return symbol, start + beats
        return None

    def make_guitar(self, rhythms=GUITAR_RHYTHMS):
        """Down strokes low to high, up strokes on the top strings high to low, every string a few
        milliseconds after the one before, each stroke ringing until just before the next."""
        strokes = []
        for bar in range(1, 1 + len(PROGRESSION)):
            for beat, direction in rhythms[bar % 2]:
                chord = self.guitar_chord_at(bar * 4 + beat)
                if chord is None or chord[0] == "N.C.":
                    continue
                symbol, chord_end = chord
                pitches = GUITAR_SHAPES[symbol] if direction == "D" else GUITAR_SHAPES[symbol][::-1]
                velocity = (92 if beat == 0 else 82) if direction == "D" else 64
                strokes.append((round((bar * 4 + beat) * PPQ), direction, pitches, velocity, chord_end * PPQ))
        notes = []
        for index, (start, direction, pitches, velocity, chord_end) in enumerate(strokes):
            following = strokes[index + 1][0] if index + 1 < len(strokes) else self.end_tick
            end = min(following, chord_end) - 20
            for string, pitch in enumerate(pitches):
                notes.append([start + string * STRUM_TICKS[direction], end, pitch, velocity - 2 * string, 2])
        return notes

    def guitar_stroke_at(self, bar, beat):
        tick = bar * BAR + round(beat * PPQ)
        found = [n for n in self.guitar if tick <= n[0] <= tick + 30]
        assert found, f"no guitar stroke at bar {bar} beat {beat}"
        return found

    # --- writing ---

    def conductor_track(self):
        track = mido.MidiTrack()
        messages = {"track_name": mido.MetaMessage("track_name", name=self.id),
                    "set_tempo": mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120)),
                    "time_signature": mido.MetaMessage("time_signature", numerator=4, denominator=4),
                    "key_signature": mido.MetaMessage("key_signature", key="C")}
        for kind in self.conductor:
            track.append(messages[kind])
        track.append(mido.MetaMessage("end_of_track", time=self.end_tick))
        return track

    def part_track(self, name, notes, program, channel, extra=()):
        events = [(0, 0, mido.MetaMessage("track_name", name=name)),
                  (0, 1, mido.Message("program_change", channel=channel, program=program))]
        if self.part_tempo:
            events.insert(1, (0, 0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(self.part_tempo))))
        for start, end, pitch, velocity, note_channel in notes:
            events.append((start, 3, mido.Message("note_on", channel=note_channel, note=pitch, velocity=velocity)))
            events.append((end, 2, mido.Message("note_off", channel=note_channel, note=pitch, velocity=0)))
        events += [(tick, 4, message) for tick, message in extra]
        events.sort(key=lambda e: (e[0], e[1]))
        track = mido.MidiTrack()
        now = 0
        for tick, _, message in events:
            track.append(message.copy(time=tick - now))
            now = tick
        track.append(mido.MetaMessage("end_of_track", time=max(0, self.end_tick - now)))
        return track

    def write_file(self, path, parts):
        midi = mido.MidiFile(type=1, ticks_per_beat=PPQ)
        midi.tracks.append(self.conductor_track())
        for name, notes, program, channel in parts:
            midi.tracks.append(self.part_track(name, notes, program, channel, self.extra_events.get(name, ())))
        midi.save(path)

    def parts(self):
        """The full band's parts; the guitar, as the engine's, has a file of its own only."""
        return {"bass": ("Bass", self.bass, 33, 0), "drums": ("Drums", self.drums, 0, 9),
                "keys": ("Keys", self.keys, 0, 1)}

    def write(self, directory):
        files = self.manifest["files"]
        parts = dict(self.parts(), guitar=("Guitar", self.guitar, 25, 2))
        for role in ("bass", "drums", "keys", "guitar"):
            if role in files:
                self.write_file(os.path.join(directory, files[role]), [parts[role]])
        if "full" in files:
            self.write_file(os.path.join(directory, files["full"]), list(self.parts().values()))
        if self.manifest.get("twin"):
            twin = self.twin_bass if self.twin_bass is not None else self.bass
            self.write_file(os.path.join(directory, self.manifest["twin"]["bass"]), [("Bass", twin, 33, 0)])
        if self.manifest.get("other_seed"):
            other = self.other_bass
            if other is None:  # another seed: beat 2 of every four-beat chord on the root instead
                other = copy.deepcopy(self.bass)
                for i in range(1, len(other), 4):
                    other[i][2] = other[i - 1][2]
            self.write_file(os.path.join(directory, self.manifest["other_seed"]["bass"]), [("Bass", other, 33, 0)])
        path = os.path.join(directory, f"{self.id}.json")
        with open(path, "w") as f:
            json.dump(self.manifest, f, indent=1)
        return path

    # --- finding notes to break ---

    def note_at(self, notes, bar, beat, pitches=None):
        tick = bar * BAR + round(beat * PPQ)
        found = [n for n in notes if abs(n[0] - tick) <= 10 and (pitches is None or n[2] in pitches)]
        assert len(found) == 1, f"expected one note at bar {bar} beat {beat}, found {found}"
        return found[0]


class CheckerTestCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def check(self, song):
        return music_checks.check_song(song.write(self.dir.name))

    def assertFailsExactly(self, song, expected, mention=None):
        result = self.check(song)
        messages = [line for line in music_checks.failure_lines(result)]
        self.assertEqual(result.failed_rules(), set(expected), "\n".join(messages))
        if mention:
            self.assertTrue(any(mention in line for line in messages), "\n".join(messages))
        return result

    def assertPasses(self, song):
        self.assertEqual(list(music_checks.failure_lines(self.check(song))), [])


class CorrectSongTest(CheckerTestCase):
    def test_the_synthetic_song_passes_every_check(self):
        result = self.check(SyntheticSong())
        self.assertEqual(list(music_checks.failure_lines(result)), [])
        self.assertEqual({name: check.status for name, check in result.checks.items()},
                         {name: "pass" for name in music_checks.CHECKS if name != "render"})
        bass = result.checks["bass"]
        self.assertEqual(bass.measured("root_hits"), bass.measured("root_changes"))
        self.assertEqual(bass.measured("root_changes"), 16)   # 17 chords, minus N.C.
        self.assertAlmostEqual(result.checks["swing"].measured("swing_measured"), 0.66, delta=0.01)
        for part in ("bass", "drums", "keys", "guitar"):
            self.assertIn(part, result.checks["dynamics"].measured("velocity_std"))
        self.assertAlmostEqual(result.checks["guitar"].measured("guitar_strum_ms"), 16.7, delta=0.1)

    def test_a_straight_song_passes_and_checks_are_skipped_when_they_do_not_apply(self):
        song = SyntheticSong(swing=None)
        song.manifest["humanize"] = 0.0
        del song.manifest["twin"], song.manifest["other_seed"]
        result = self.check(song)
        self.assertEqual(result.failed_rules(), set())
        self.assertAlmostEqual(result.checks["swing"].measured("swing_measured"), 0.5, delta=0.01)
        self.assertEqual(result.checks["dynamics"].status, "skip")
        self.assertEqual(result.checks["reproducibility"].status, "skip")

    def test_parts_come_from_the_combined_file_alone(self):
        song = SyntheticSong()
        for role in ("bass", "drums", "keys"):
            del song.manifest["files"][role]
        del song.manifest["twin"], song.manifest["other_seed"]
        result = self.check(song)
        self.assertEqual(result.failed_rules(), set())
        for name in ("bass", "drums", "meter", "dynamics", "swing"):
            self.assertEqual(result.checks[name].status, "pass", name)


class MutationTest(CheckerTestCase):
    """One defect at a time; the checker must name exactly that rule."""

    # --- 1 structure ---

    def test_missing_key_signature(self):
        song = SyntheticSong()
        song.conductor.remove("key_signature")
        self.assertFailsExactly(song, {"structure.meta_at_zero"}, "no key_signature meta event at tick 0")

    def test_note_after_the_end(self):
        song = SyntheticSong()
        song.keys[-1][1] = song.end_tick + 240
        self.assertFailsExactly(song, {"structure.after_end"}, "at or after the song end")

    def test_same_pitch_overlap(self):
        song = SyntheticSong()
        first = song.keys[0]
        song.keys.insert(1, [first[0] + 480, first[0] + 960, first[2], 70, 1])
        self.assertFailsExactly(song, {"structure.same_pitch_overlap"}, "starts at bar 2 beat 2")

    def test_drum_note_on_channel_1(self):
        song = SyntheticSong()
        song.note_at(song.drums, 5, 0.66, {42})[4] = 0
        self.assertFailsExactly(song, {"structure.drum_channel"}, "drums belong on channel 10")

    def test_note_on_without_note_off(self):
        song = SyntheticSong()
        # On the drums: a dangling keys note would also (rightly) fail the harmony rules.
        song.extra_events["Drums"] = [(100, mido.Message("note_on", channel=9, note=56, velocity=50))]
        self.assertFailsExactly(song, {"structure.note_pairs"}, "has no note-off")

    def test_a_part_without_its_own_tempo(self):
        song = SyntheticSong()
        song.part_tempo = None
        self.assertFailsExactly(song, {"structure.own_tempo"}, "plays it at 120 BPM")
        song = SyntheticSong("othertempo")
        song.part_tempo = 90
        self.assertFailsExactly(song, {"structure.own_tempo"}, "sets 90 BPM, the file 120")

    def test_missing_program_change_wrong_tempo_and_format(self):
        song = SyntheticSong()
        song.manifest["tempo"] = 100.0
        self.assertFailsExactly(song, {"structure.meta_values"}, "the manifest says 100")
        song = SyntheticSong("noprogram")
        song.part_track = lambda name, notes, program, channel, extra=(), original=song.part_track: mido.MidiTrack(
            m for m in original(name, notes, program, channel, extra) if m.type != "program_change")
        self.assertFailsExactly(song, {"structure.program"}, "no program change")

    # --- 2 bass ---

    def test_bass_wrong_root_at_a_change(self):
        song = SyntheticSong()
        # Bar 5 (C) is reached from G/B by the approach B, a tone of G/B; E keeps every other rule.
        note = song.note_at(song.bass, 5, 0)
        self.assertEqual(note[2] % 12, 0)
        note[2] += 4
        self.assertFailsExactly(song, {"bass.root_at_change"}, "bar 6 beat 1 (tick 9600): C needs C in the bass")

    def test_bass_note_out_of_range(self):
        song = SyntheticSong()
        for note in song.bass:
            note[2] -= 12
        self.assertFailsExactly(song, {"bass.range"}, "is outside E1 (28)..G3 (55)")

    def test_bass_non_scale_non_approach_note(self):
        song = SyntheticSong()
        note = song.note_at(song.bass, 1, 1)    # the fifth G over C; the next note is E
        note[2] = nearest(1, note[2])            # C#: no chord or scale tone, more than 2 semitones from E
        self.assertGreater(abs(note[2] - song.note_at(song.bass, 1, 2)[2]), 2)
        self.assertFailsExactly(song, {"bass.note_choice"}, "over C is neither a chord tone")

    def test_bass_leap_over_an_octave(self):
        song = SyntheticSong()
        before = song.note_at(song.bass, 1, 0)[2]
        note = song.note_at(song.bass, 1, 1)     # the fifth G: moved up to make a leap of 19 semitones
        note[2] = before + 19
        self.assertEqual(note[2] % 12, 7)
        # G3 is also the guitar's lowest note there: the bass has climbed onto it.
        self.assertFailsExactly(song, {"bass.leap", "guitar.above_bass"}, "leaps 19 semitones")

    def test_overlapping_bass_notes(self):
        song = SyntheticSong()
        song.note_at(song.bass, 2, 1)[1] += 200
        self.assertFailsExactly(song, {"bass.monophonic"}, "the bass is monophonic")

    def test_bass_off_chord_on_strong_beats(self):
        song = SyntheticSong()
        for bar in (1, 2, 3, 5, 6):              # the third on beat 3 moved a step to a scale tone
            note = song.note_at(song.bass, bar, 2)
            note[2] += 1 if note[2] % 12 in (4, 11) else 2
        self.assertFailsExactly(song, {"bass.strong_beats"}, "strong-beat bass notes are chord tones")

    # --- 3 drums and 4 meter ---

    def test_kick_missing_on_beat_1_in_many_bars(self):
        song = SyntheticSong()
        for bar in (2, 3, 6, 7):
            song.drums.remove(song.note_at(song.drums, bar, 0, {36}))
        self.assertFailsExactly(song, {"drums.kick_on_one", "meter.kick_downbeat"}, "kick on beat 1 in 13 of 17")

    def test_kick_early_in_many_bars_is_not_on_beat_1_but_still_on_the_downbeat(self):
        song = SyntheticSong()
        for bar in (2, 3, 6, 7):
            song.note_at(song.drums, bar, 0, {36})[0] -= 200
        self.assertFailsExactly(song, {"drums.kick_on_one"}, "no kick (35/36) within +-60 ticks of beat 1")

    def test_bass_missing_on_a_downbeat(self):
        song = SyntheticSong()
        song.bass.remove(song.note_at(song.bass, 16, 0))    # the last C; the line before it ends with an approach
        song.note_at(song.bass, 15, 3)[2] = song.note_at(song.bass, 15, 2)[2]  # so make it a chord tone
        self.assertFailsExactly(song, {"meter.bass_downbeat", "bass.root_at_change"},
                                "no bass note within [-240, +60] ticks of the downbeat (C)")

    def test_missing_backbeat(self):
        song = SyntheticSong()
        for bar in (1, 2, 3, 5):
            song.drums.remove(song.note_at(song.drums, bar, 3, {38}))
        self.assertFailsExactly(song, {"drums.backbeat"}, "beat(s) 4")

    def test_toms_in_a_non_fill_bar(self):
        song = SyntheticSong()
        song.drums.append([2 * BAR + 3 * PPQ, 2 * BAR + 3 * PPQ + 60, 45, 90, 9])
        self.assertFailsExactly(song, {"drums.fill_unexpected"}, "tom 45 in song bar 3, which is not marked fill")

    def test_fill_bar_without_toms(self):
        song = SyntheticSong()
        song.drums = [n for n in song.drums if not (8 * BAR <= n[0] < 9 * BAR and n[2] in music_checks.TOMS)]
        self.assertFailsExactly(song, {"drums.fill_missing"}, "bar 9 is marked fill but has no tom")

    def test_missing_crash_on_a_section_start(self):
        song = SyntheticSong()
        song.drums.remove(song.note_at(song.drums, 9, 0, {49}))
        self.assertFailsExactly(song, {"drums.crash"}, "bar 10 beat 1 (tick 17280): bar marked crash without a crash")

    def test_crash_bars_marked_crash(self):
        # Manifests with "crash" mark the crash bars; "section_start" then only names the form.
        song = SyntheticSong()
        for bar in song.manifest["bars"]:
            bar["crash"] = bar["section_start"]
            bar["section_start"] = bar["index"] == 0
        self.assertPasses(song)
        song.manifest["bars"][5]["crash"] = True
        self.assertFailsExactly(song, {"drums.crash"}, "bar 6 beat 1")

    def test_snare_run_is_a_fill_without_toms(self):
        # Brushes, rim and snare fills leave the toms alone: three snare/rim hits a 16th apart count.
        song = SyntheticSong()
        song.drums = [n for n in song.drums if not (8 * BAR <= n[0] < 9 * BAR and n[2] in music_checks.TOMS)]
        for i in range(4):
            song.drums.append([8 * BAR + 3 * PPQ + i * PPQ // 4, 8 * BAR + 3 * PPQ + i * PPQ // 4 + 30, 37, 70, 9])
        self.assertPasses(song)
        song.drums = [n for n in song.drums if not (8 * BAR + 3 * PPQ + PPQ // 4 <= n[0] < 9 * BAR and n[2] == 37)]
        self.assertFailsExactly(song, {"drums.fill_missing"}, "bar 9 is marked fill but has no tom")

    def test_one_drop_puts_the_kick_on_three(self):
        # Reggae in 4/4 (DROP_BEATS): no kick on 1, the kick and the rim on 3; judged there instead.
        song = SyntheticSong(style="reggae")
        song.manifest["backbeat_beats"] = [1.0, 3.0]
        song.drums = [n for n in song.drums if not (n[2] == 36 and (n[0] % BAR) < PPQ // 2 and n[0] >= BAR
                                                    and song.manifest["bars"][n[0] // BAR]["index"] not in SECTION_BARS)]
        for bar in range(1, 1 + len(PROGRESSION)):
            song.drums.append([bar * BAR + 2 * PPQ, bar * BAR + 2 * PPQ + 30, 37, 90, 9])
        self.assertPasses(song)
        song.drums = [n for n in song.drums if not (n[2] == 36 and abs(n[0] % BAR - 2 * PPQ) < PPQ // 4 and n[0] // BAR in (2, 3))]
        self.assertFailsExactly(song, {"drums.kick_on_one"}, "no kick (35/36) within +-60 ticks of beat 3")

    def test_drum_note_outside_general_midi(self):
        song = SyntheticSong()
        song.note_at(song.drums, 3, 0, {36})[2] = 34
        song.drums.append([3 * BAR, 3 * BAR + 60, 36, 100, 9])
        self.assertFailsExactly(song, {"drums.gm_notes"}, "note 34 is not a General MIDI drum")

    # --- harmony: keys and N.C. ---

    def test_keys_note_out_of_range(self):
        song = SyntheticSong()
        for note in song.keys:
            note[2] -= 24                       # the whole part two octaves down: below C3
        self.assertFailsExactly(song, {"harmony.keys_range"}, "outside 48..84")

    def test_keys_wrong_chord(self):
        song = SyntheticSong()
        song.keys[0][2] += 1                    # C major chord with C# instead of C
        self.assertFailsExactly(song, {"harmony.keys_chord_tones"}, "is not a tone of C")

    def test_keys_held_through_a_change(self):
        song = SyntheticSong()
        # The first C chord's G is held into Am (which has no G) instead of being struck again.
        g = next(n for n in song.keys if n[2] == 67)
        g[1] += 4 * 480
        self.assertFailsExactly(song, {"harmony.keys_follow_changes"}, "held into Am")

    def test_keys_jumping_between_chords(self):
        song = SyntheticSong()
        for index, note in enumerate(song.keys):
            if (note[0] // (4 * 480)) % 2 == 0:
                note[2] += 12                   # every other chord an octave up: no voice leading
        self.assertFailsExactly(song, {"harmony.keys_voice_leading"}, "semitones on average")

    def test_bass_playing_during_no_chord(self):
        song = SyntheticSong()
        nc_start = 10 * 4 * 480
        song.bass.append([nc_start + 480, nc_start + 900, 36, 90, 0])
        song.bass.sort(key=lambda n: n[0])
        result = self.check(song)
        self.assertIn("harmony.no_chord_rests", result.failed_rules())
        self.assertTrue(any("bass plays C2 (36) during N.C." in line for line in music_checks.failure_lines(result)))

    # --- guitar ---

    def test_guitar_note_out_of_range(self):
        song = SyntheticSong()
        for note in song.guitar_stroke_at(3, 0):
            note[2] += 24                       # F up two octaves: its top note is F6, beyond C6 and fret 20
        self.assertFailsExactly(song, {"guitar.range", "guitar.strings"}, "F6 (89) is outside E2 (40)..C6 (84)")

    def test_guitar_wrong_chord(self):
        song = SyntheticSong()
        song.guitar_stroke_at(1, 0)[0][2] = 56  # Ab3 in a C chord, on the G string's first fret
        self.assertFailsExactly(song, {"guitar.chord_tones"}, "Ab3 (56) is not a tone of C")

    def test_guitar_stroke_of_seven_notes(self):
        song = SyntheticSong()
        first = song.guitar_stroke_at(1, 0)[-1]
        for i, pitch in enumerate((67, 72, 76, 79)):  # C major upwards: seven notes for six strings
            song.guitar.append([first[0] + 5 * (i + 1), first[1], pitch, 70, 2])
        song.guitar.sort(key=lambda n: n[0])
        self.assertFailsExactly(song, {"guitar.strings"}, "cannot sound one note per string")

    def test_guitar_stroke_no_hand_spans(self):
        song = SyntheticSong()
        stroke = song.guitar_stroke_at(1, 0)
        stroke[0][2], stroke[1][2], stroke[2][2] = 52, 64, 84  # E3 and C6: frets 2 (or 7) and 20 at once
        self.assertFailsExactly(song, {"guitar.fret_span"}, "no fingering within 4 frets")

    def test_guitar_strings_struck_together_or_too_slowly(self):
        song = SyntheticSong()
        for note in song.guitar_stroke_at(1, 0):
            note[0] = 1 * BAR                   # three strings at the same tick: no strum
        self.assertFailsExactly(song, {"guitar.strum_spread"}, "over 0.0 ms")
        song = SyntheticSong("slow")
        stroke = song.guitar_stroke_at(1, 0)
        for i, note in enumerate(stroke):
            note[0] = 1 * BAR + 14 * i          # 14.6 ms apart: one stroke, but 29 ms ...
        song.guitar.append([1 * BAR + 42, stroke[0][1], 67, 70, 2])  # ... and a G4 at 43.75 ms
        song.guitar.sort(key=lambda n: n[0])
        self.assertFailsExactly(song, {"guitar.strum_spread"}, "less than 40 ms")

    def test_guitar_below_the_bass(self):
        song = SyntheticSong()
        stroke = song.guitar_stroke_at(7, 3.66)  # up stroke over G7 while the bass plays B2 (47)
        low = next(n for n in stroke if n[2] == 55)
        low[2] = 47                              # B2 on the A string: a chord tone, not above the bass
        self.assertFailsExactly(song, {"guitar.above_bass"}, "guitar B2 (47) is not above the bass's B2 (47)")

    def test_guitar_one_rhythm_for_eight_bars(self):
        song = SyntheticSong()
        song.guitar = song.make_guitar([GUITAR_RHYTHMS[0], GUITAR_RHYTHMS[0]])
        self.assertFailsExactly(song, {"guitar.bar_variety"}, "one rhythm in all 8 bars")

    def test_guitar_playing_during_no_chord(self):
        song = SyntheticSong()
        nc_start = 10 * BAR
        song.guitar += [[nc_start + 480 + 8 * i, nc_start + 900, pitch, 70, 2] for i, pitch in enumerate((55, 60, 64))]
        song.guitar.sort(key=lambda n: n[0])
        self.assertFailsExactly(song, {"harmony.no_chord_rests"}, "guitar plays G3 (55) during N.C.")

    # --- 5 dynamics, 6 swing ---

    def test_equal_velocities_with_humanize_on(self):
        song = SyntheticSong()
        for note in song.bass:
            note[3] = 100
        self.assertFailsExactly(song, {"dynamics.velocity_spread"}, "bass: velocity standard deviation 0.00")

    def test_equal_velocities_are_fine_without_humanize(self):
        song = SyntheticSong()
        song.manifest["humanize"] = 0
        for note in song.bass:
            note[3] = 100
        self.assertEqual(self.check(song).failed_rules(), set())

    def test_swing_at_the_wrong_ratio(self):
        song = SyntheticSong()
        song.manifest["swing"]["ratio"] = 0.58
        self.assertFailsExactly(song, {"swing.offbeat_position"}, "expected 0.580 +- 0.02")

    def test_swung_hats_in_a_straight_song(self):
        song = SyntheticSong(swing=0.62)
        song.manifest["swing"] = None
        self.assertFailsExactly(song, {"swing.offbeat_position"}, "straight: off-beat hi-hat/ride notes sit at 0.6")

    def test_sixteenth_hats_in_a_straight_song_are_not_late_offbeats(self):
        song = SyntheticSong(swing=None)
        start = 4 * PPQ
        for beat in range(16 * 4):
            tick = start + beat * PPQ + 360        # the sixteenth before each beat
            song.drums.append([tick, tick + 60, 42, 60, 9])
        song.drums.sort(key=lambda n: n[0])
        result = self.check(song)
        self.assertNotIn("swing.offbeat_position", result.failed_rules())
        self.assertAlmostEqual(result.checks["swing"].measured("swing_measured"), 0.5, delta=0.01)

    def test_sixteenth_swing_is_measured_within_eighths(self):
        song = SyntheticSong(swing=None)
        for bar in range(1, 17):                    # add swung sixteenths (0.6 of an eighth) on beat 2
            tick = bar * BAR + PPQ + round(0.6 * PPQ / 2)
            song.drums.append([tick, tick + 30, 44, 50, 9])
        song.drums = [n for n in song.drums if not (n[2] == 42 and (n[0] % PPQ) > 100)]  # drop the eighth off-beats
        song.manifest["swing"] = {"ratio": 0.6, "subdivision": 16}
        self.assertEqual(self.check(song).failed_rules(), set())
        song.manifest["swing"]["ratio"] = 0.7
        self.assertFailsExactly(song, {"swing.offbeat_position"}, "of the eighth")

    # --- 7 reproducibility ---

    def test_twin_differing(self):
        song = SyntheticSong()
        song.twin_bass = copy.deepcopy(song.bass)
        song.twin_bass[3][3] += 1
        self.assertFailsExactly(song, {"reproducibility.twin_identical"}, "differs from synthetic_bass.mid")

    def test_other_seed_identical(self):
        song = SyntheticSong()
        song.other_bass = song.bass
        self.assertFailsExactly(song, {"reproducibility.other_seed_differs"}, "has exactly the notes of")

    # --- input problems ---

    def test_unreadable_file_and_bad_manifest(self):
        song = SyntheticSong()
        path = song.write(self.dir.name)
        with open(os.path.join(self.dir.name, song.manifest["files"]["drums"]), "wb") as f:
            f.write(b"MThd\x00\x00\x00\x06\x00\x01\x00\x02\x01\xe0MTrk\x00\x00\x00\x10\x00\x90")
        result = music_checks.check_song(path)
        self.assertEqual(result.failed_rules(), {"structure.file", "drums.input", "meter.kick_downbeat",
                                                 "swing.input", "dynamics.velocity_spread"})
        with open(os.path.join(self.dir.name, "broken.json"), "w") as f:
            f.write('{"id": "broken", "files": {"bass": "x.mid"}}')
        result = music_checks.check_song(os.path.join(self.dir.name, "broken.json"))
        self.assertEqual(result.failed_rules(), {"structure.manifest"})


class CommandLineTest(CheckerTestCase):
    SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "music_checks.py")

    def run_cli(self, *args):
        return subprocess.run([sys.executable, self.SCRIPT, self.dir.name, *args], capture_output=True, text=True)

    def test_all_good_exits_zero_with_the_summary(self):
        SyntheticSong("good-1").write(self.dir.name)
        SyntheticSong("good-2", style="funk").write(self.dir.name)
        done = self.run_cli()
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertEqual(done.stdout.splitlines()[-1], "18 passed, 0 failed")
        self.assertIn("bass root %", done.stdout)
        self.assertRegex(done.stdout, r"funk\s+1\s+100% \(1/1\)")

    def test_failures_are_listed_tabled_and_written(self):
        SyntheticSong("good").write(self.dir.name)
        bad = SyntheticSong("bad", style="jazz")
        bad.manifest["swing"]["ratio"] = 0.75
        bad.write(self.dir.name)
        markdown = os.path.join(self.dir.name, "table.md")
        report = os.path.join(self.dir.name, "results.json")
        done = self.run_cli("--markdown", markdown, "--json", report)
        self.assertEqual(done.returncode, 1, done.stdout + done.stderr)
        lines = done.stdout.splitlines()
        self.assertTrue(lines[0].startswith("bad: swing.offbeat_position: swing 0.75 on 8ths"), lines[0])
        self.assertEqual(lines[-1], "17 passed, 1 failed")
        with open(markdown) as f:
            table = f.read().splitlines()
        self.assertTrue(table[0].startswith("| style | songs | structure | bass |"))
        self.assertTrue(table[2].startswith("| jazz | 1 | 100% (1/1) |"), table[2])
        self.assertIn("| 0% (0/1) |", table[2])
        with open(report) as f:
            data = json.load(f)
        self.assertEqual((data["passed"], data["failed"]), (17, 1))
        bad_song = next(s for s in data["songs"] if s["id"] == "bad")
        self.assertEqual(bad_song["checks"]["swing"]["status"], "fail")
        self.assertEqual(self.run_cli().returncode, 1)   # the written results.json is not taken for a manifest

    def test_an_empty_folder_is_an_error(self):
        self.assertEqual(self.run_cli().returncode, 2)


class RenderTest(CheckerTestCase):
    def tiny_song(self, song_id, with_notes=True):
        song = SyntheticSong(song_id)
        song.end_tick = 2 * BAR                      # two bars: the intro and one song bar
        song.manifest.update(end_beat=8.0, bars=song.manifest["bars"][:2], chords=song.manifest["chords"][:1])
        song.manifest["files"] = {"full": f"{song_id}_full.mid"}
        del song.manifest["twin"], song.manifest["other_seed"]
        for part in ("bass", "drums", "keys"):
            kept = [n for n in getattr(song, part) if n[1] <= song.end_tick] if with_notes else []
            setattr(song, part, kept)
        return song

    def test_a_tiny_song_renders_to_audible_audio(self):
        result = music_checks.check_song(self.tiny_song("tiny").write(self.dir.name), render=True)
        render = result.checks["render"]
        self.assertEqual(render.status, "pass", list(music_checks.failure_lines(result)))
        self.assertGreater(render.measured("render_rms"), music_checks.RENDER_MIN_RMS)
        self.assertGreaterEqual(render.measured("render_coverage"), music_checks.RENDER_MIN_COVERAGE)

    def test_a_silent_song_fails_the_render_check(self):
        result = music_checks.check_song(self.tiny_song("silent", with_notes=False).write(self.dir.name), render=True)
        self.assertEqual(result.checks["render"].status, "fail")
        self.assertIn("renders to RMS", result.checks["render"].rules[0].messages[0])


if __name__ == "__main__":
    unittest.main(verbosity=2)
