#!/usr/bin/python3
"""Unit tests of the musicianship measures (musicianship.py) on tiny hand-made parts and MIDI
files: a loop must score as a loop, a varied line as varied, so the checker can fail."""

import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import musicianship as m  # noqa: E402
import mido  # noqa: E402
from midi_tools import note_events, track_of  # noqa: E402

C, E, G = 0, 4, 7


def bars(count, length=4.0):
    return [m.Bar(i * length, length) for i in range(count)]


def chord(start, end, tones, bass):
    return m.ChordSpan(start, end, frozenset(tones), bass)


def song(parts, count=8, chords=None, style="pop", meter="4/4", tempo=120.0, song_id="t", seed=1):
    return m.SongData(song_id, song_id, style, "ours", seed, tempo, meter, bars(count), chords or [], parts)


def notes(spec):
    """(start, duration, pitch) -> Notes."""
    return [m.Note(s, s + d, p) for s, d, p in spec]


def loop_bass(count=8):
    return notes([(b * 4 + x, 0.5, 36) for b in range(count) for x in (0, 1.5, 2, 3)])


def varied_bass(count=8):
    figures = [(0, 1, 2, 3), (0, 1.5, 2.5), (0, 2, 3.5), (0, 0.5, 1, 3)]
    line = []
    for b in range(count):
        for k, x in enumerate(figures[b % 4]):
            line.append((b * 4 + x, 0.4, 33 + (b * 3 + k * 5) % 12))
    return notes(line)


def drums_bar(start, kick=(0, 2), snare=(1, 3), hats=(0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5), toms=(), crash=False):
    out = [(start + x, 0.1, 36) for x in kick] + [(start + x, 0.1, 38) for x in snare]
    out += [(start + x, 0.1, 42) for x in hats] + [(start + x, 0.1, p) for x, p in toms]
    if crash:
        out.append((start, 0.1, 49))
    return out


class BassTest(unittest.TestCase):
    def test_a_loop_on_one_low_note_repeats_and_has_one_figure(self):
        median, repeat, low = m.bass_register(loop_bass())
        self.assertEqual(median, 36)
        self.assertEqual(repeat, 1.0)
        self.assertEqual(low, 1.0)
        self.assertEqual(m.distinct_per_window(m.part_figures(song({"bass": loop_bass()}), "bass")), 1)
        self.assertFalse(m.THRESHOLDS["bass_repeat"].passes(repeat))
        self.assertFalse(m.THRESHOLDS["bass_figures"].passes(1))

    def test_a_varied_line_passes(self):
        median, repeat, low = m.bass_register(varied_bass())
        self.assertLess(repeat, 0.2)
        self.assertEqual(m.distinct_per_window(m.part_figures(song({"bass": varied_bass()}), "bass")), 4)
        self.assertTrue(m.THRESHOLDS["bass_figures"].passes(4))

    def test_a_high_bass_fails_the_register(self):
        median, _, low = m.bass_register(notes([(i, 1, 48) for i in range(16)]))
        self.assertEqual(low, 0.0)
        self.assertFalse(m.THRESHOLDS["bass_median"].passes(median))

    def test_small_timing_wobble_is_the_same_figure(self):
        wobbly = notes([(b * 4 + x + (0.03 if b % 2 else -0.03), 0.5, 36) for b in range(8) for x in (0, 2)])
        self.assertEqual(m.distinct_per_window(m.part_figures(song({"bass": wobbly}), "bass")), 1)


class KeysTest(unittest.TestCase):
    def comp(self, rhythms, count=8):
        out = []
        for b in range(count):
            for x in rhythms[b % len(rhythms)]:
                out += [(b * 4 + x, 0.5, p) for p in (60, 64, 67)]
        return notes(out)

    def test_one_rhythm_in_every_bar_is_a_loop(self):
        s = song({"keys": self.comp([(0, 2)])})
        figures = m.part_figures(s, "keys")
        self.assertEqual(m.distinct_per_window(figures), 1)
        self.assertEqual(m.top_share(figures), 1.0)

    def test_varied_comping_counts_each_rhythm(self):
        s = song({"keys": self.comp([(0, 2), (0.5, 2.5), (1, 3.5), (0, 1.5, 3)])})
        figures = m.part_figures(s, "keys")
        self.assertEqual(m.distinct_per_window(figures), 4)
        self.assertEqual(m.top_share(figures), 0.25)

    def test_keys_below_the_bass_are_counted(self):
        bass = notes([(0, 4, 50)])
        keys = notes([(0, 1, 48), (0, 1, 55), (1, 1, 60), (1, 1, 64)])
        self.assertEqual(m.keys_above_bass(keys, bass), 0.75)

    def test_a_close_third_low_down_breaks_the_low_interval_limits(self):
        muddy = notes([(0, 1, 40), (0, 1, 44), (0, 1, 47)])      # E2 G#2 B2: a major third at E2
        clear = notes([(1, 1, 40), (1, 1, 47), (1, 1, 56)])      # E2 B2 G#3: fifth then sixth
        self.assertEqual(m.low_interval_clear(muddy), 0.0)
        self.assertEqual(m.low_interval_clear(clear), 1.0)
        self.assertEqual(m.low_interval_clear(muddy + clear), 0.5)

    def test_a_chord_pushed_an_eighth_early_is_an_anticipation(self):
        chords = [chord(0, 4, {C, E, G}, C), chord(4, 8, {5, 9, 0}, 5), chord(8, 12, {7, 11, 2}, 7)]
        keys = notes([(0, 1, 60), (0, 1, 64), (0, 1, 67),
                      (3.5, 1.5, 60), (3.5, 1.5, 65), (3.5, 1.5, 69),     # F pushed to beat 4.5
                      (8, 1, 62), (8, 1, 67), (8, 1, 71)])               # G on time
        s = song({"keys": keys, "bass": notes([(0, 1, 36), (4, 1, 41), (8, 1, 43)])}, count=3, chords=chords)
        self.assertEqual(m.anticipation(s), 0.5)

    def test_nothing_pushed_is_no_anticipation(self):
        chords = [chord(0, 4, {C, E, G}, C), chord(4, 8, {5, 9, 0}, 5)]
        s = song({"keys": notes([(0, 1, 60), (4, 1, 65)]), "bass": notes([(0, 1, 36), (4, 1, 41)])}, count=2,
                 chords=chords)
        self.assertEqual(m.anticipation(s), 0.0)


class SeedsTest(unittest.TestCase):
    def test_the_same_bars_twice_are_identical_and_other_bars_are_not(self):
        a = song({"bass": loop_bass()})
        self.assertEqual(m.identical_bar_share(a, song({"bass": loop_bass()}, seed=2), "bass"), 1.0)
        self.assertEqual(m.identical_bar_share(a, song({"bass": varied_bass()}, seed=2), "bass"), 0.0)


class DrumsTest(unittest.TestCase):
    def groove_with_fills(self, fill_every, fills, count=16, tempo=120.0):
        spec = []
        for b in range(count):
            if (b + 1) % fill_every == 0:
                spec += drums_bar(b * 4, snare=(1,), hats=(0, 0.5, 1, 1.5), toms=fills[(b // fill_every) % len(fills)])
            else:
                spec += drums_bar(b * 4, crash=b % fill_every == 0)
        return song({"drums": notes(spec)}, count=count, tempo=tempo)

    def test_a_fill_every_four_bars_is_two_per_eight_and_one_fill_is_not_varied(self):
        s = self.groove_with_fills(4, [((2, 48), (2.5, 47), (3, 45), (3.5, 43))])
        values, _ = m.measure_song(s)
        self.assertEqual(values["fills_per_8"], 2.0)
        self.assertEqual(values["crashes_per_8"], 2.0)
        self.assertEqual(values["distinct_fills"], 0.25)
        self.assertFalse(m.THRESHOLDS["fills_per_8"].passes(values["fills_per_8"]))

    def test_varied_fills_at_phrase_ends(self):
        s = self.groove_with_fills(8, [((2, 48), (2.5, 47), (3, 45), (3.5, 43)), ((3, 45), (3.5, 41))])
        values, _ = m.measure_song(s)
        self.assertEqual(values["fills_per_8"], 1.0)
        self.assertEqual(values["distinct_fills"], 1.0)
        self.assertEqual(values["flams"], 0)

    def test_two_fill_hits_47_ms_apart_at_140_bpm_are_a_flam(self):
        gap = 0.047 * 140 / 60   # beats
        s = self.groove_with_fills(8, [((3, 45), (3 + gap, 43))], tempo=140.0)
        values, _ = m.measure_song(s)
        self.assertEqual(values["flams"], 2)

    def test_hits_struck_together_are_no_flam(self):
        s = self.groove_with_fills(8, [((3, 45), (3.01, 43), (3.5, 41))], tempo=140.0)
        values, _ = m.measure_song(s)
        self.assertEqual(values["flams"], 0)

    def test_a_backbeat_groove_is_no_fill(self):
        s = song({"drums": notes([e for b in range(8) for e in drums_bar(b * 4)])})
        self.assertEqual(m.fills_of(s), [])


class TemplatesTest(unittest.TestCase):
    def figures_of(self, spec, count=8):
        return song({"drums": notes(spec)}, count=count)

    def test_son_clave_either_way_round(self):
        three, two = (0, 1.5, 3), (1, 2)
        spec = []
        for b in range(8):
            side = three if (b % 2 == 0) == (b < 4) else two
            spec += [(b * 4 + x, 0.1, 75) for x in side] + [(b * 4, 0.1, 36)]
        s = self.figures_of(spec)
        self.assertEqual(m.template_son_clave(s, m.part_figures(s, "drums")), 1.0)
        self.assertEqual(m.template_bossa_clave(s, m.part_figures(s, "drums")), 0.0)

    def test_bossa_clave_on_the_side_stick(self):
        spec = []
        for b in range(8):
            spec += [(b * 4 + x, 0.1, 37) for x in ((0, 1.5, 3) if b % 2 == 0 else (1, 2.5))]
            spec += [(b * 4, 0.1, 36), (b * 4 + 2, 0.1, 36)]
        s = self.figures_of(spec)
        figures = m.part_figures(s, "drums")
        self.assertEqual(m.template_bossa_clave(s, figures), 1.0)
        self.assertEqual(m.template_surdo_kick(s, figures), 1.0)

    def test_one_drop_is_not_a_rock_beat(self):
        one_drop = self.figures_of([e for b in range(8) for e in ((b * 4 + 2, 0.1, 36), (b * 4 + 2, 0.1, 37))])
        rock = self.figures_of([e for b in range(8) for e in drums_bar(b * 4)])
        self.assertEqual(m.template_one_drop(one_drop, m.part_figures(one_drop, "drums")), 1.0)
        self.assertEqual(m.template_one_drop(rock, m.part_figures(rock, "drums")), 0.0)
        self.assertEqual(m.template_backbeat(rock, m.part_figures(rock, "drums")), 1.0)

    def test_straight_eighths_are_no_shuffle(self):
        straight = self.figures_of([e for b in range(8) for e in drums_bar(b * 4)])
        shuffle = self.figures_of([(b * 4 + x + d, 0.1, 42) for b in range(8) for x in range(4) for d in (0, 2 / 3)])
        self.assertEqual(m.template_shuffle(straight, m.part_figures(straight, "drums")), 0.0)
        self.assertEqual(m.template_shuffle(shuffle, m.part_figures(shuffle, "drums")), 1.0)

    def test_swing_ride_needs_the_skip_note(self):
        ride = self.figures_of([(b * 4 + x, 0.1, 51) for b in range(8) for x in (0, 1, 1.667, 2, 3, 3.667)])
        quarters = self.figures_of([(b * 4 + x, 0.1, 51) for b in range(8) for x in (0, 1, 2, 3)])
        self.assertEqual(m.template_swing_ride(ride, m.part_figures(ride, "drums")), 1.0)
        self.assertEqual(m.template_swing_ride(quarters, m.part_figures(quarters, "drums")), 0.0)


class FilesTest(unittest.TestCase):
    """Manifests and MIDI files, as the script reads them."""

    def write_song(self, folder, song_id, seed, bass_notes, drums_notes, keys_notes):
        name = f"{song_id}-s{seed}"
        full = mido.MidiFile(type=1, ticks_per_beat=480)
        full.tracks.append(mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120))]))
        for track_name, channel, part in (("Bass", 0, bass_notes), ("Drums", 9, drums_notes), ("Keys", 1, keys_notes)):
            track = track_of(note_events(part, 480, channel))
            track.insert(0, mido.MetaMessage("track_name", name=track_name))
            full.tracks.append(track)
        full.save(os.path.join(folder, name + "_full.mid"))
        manifest = {"id": name, "song": song_id, "style": "pop", "seed": seed, "files": {"full": name + "_full.mid"},
                    "ppq": 480, "tempo": 120, "time_signature": [4, 4], "beats_per_bar": 4.0, "end_beat": 32.0,
                    "chords": [{"start_beat": 0, "duration_beats": 32, "root": 0, "bass": 0, "tones": [0, 4, 7]}],
                    "bars": [{"index": i, "start_beat": i * 4.0, "kind": "song"} for i in range(8)]}
        with open(os.path.join(folder, name + ".json"), "w") as f:
            json.dump(manifest, f)

    def test_a_looping_band_fails_and_the_file_is_read_back(self):
        bass = [(b * 4 + x, 0.5, 36, 90) for b in range(8) for x in (0, 2)]
        drums = [(b * 4 + x, 0.1, 36 if x % 2 == 0 else 38, 90) for b in range(8) for x in range(4)]
        keys = [(b * 4, 2, p, 80) for b in range(8) for p in (60, 64, 67)]
        with tempfile.TemporaryDirectory() as folder:
            for seed in (1, 2):
                self.write_song(folder, "loop", seed, bass, drums, keys)
            loaded = m.load_song(os.path.join(folder, "loop-s1.json"))
            self.assertEqual(len(loaded.parts["bass"]), 16)
            self.assertEqual(len(loaded.parts["drums"]), 32)
            self.assertEqual(len(loaded.parts["keys"]), 24)
            rows, files = m.measure_all(m.load_all(folder), with_levels=False)
            self.assertEqual(rows["pop"]["seed_same_bass"], 1.0)
            self.assertEqual(rows["pop"]["keys_figures"], 1)
            failed = {measure for _, measure, _ in m.failures(rows)}
            self.assertTrue({"bass_repeat", "bass_figures", "keys_figures", "seed_same_bass"} <= failed)
            self.assertEqual(m.main([folder]), 1)

    def test_levels_are_rendered_from_the_first_beats_with_every_note_ended(self):
        track = track_of(note_events([(0, 70, 40, 90), (63, 2, 43, 90), (100, 1, 45, 90)], 480))
        cut = m.first_beats(track, 64 * 480)
        ons = [x.note for x in cut if x.type == "note_on" and x.velocity > 0]
        offs = [x.note for x in cut if x.type == "note_off" or (x.type == "note_on" and x.velocity == 0)]
        self.assertEqual(ons, [40, 43])
        self.assertEqual(sorted(offs), [40, 43])
        self.assertEqual(sum(x.time for x in cut), 70 * 480)   # ends where the held note ends

    def test_an_empty_folder_is_status_2(self):
        with tempfile.TemporaryDirectory() as folder:
            self.assertEqual(m.main([folder]), 2)

    def test_mma_track_names_map_to_parts(self):
        self.assertEqual(m.role_of_track("Walk", 15, 32), "bass")
        self.assertEqual(m.role_of_track("Drum-Kick", 9, 0), "drums")
        self.assertEqual(m.role_of_track("Chord-Piano", 3, 0), "keys")
        self.assertEqual(m.role_of_track("Arpeggio", 4, 0), "keys")
        self.assertEqual(m.role_of_track("Plectrum-Guitar", 5, 25), "guitar")
        self.assertEqual(m.role_of_track(None, 9, 0), "drums")
        self.assertEqual(m.mma_role_of_track("Bass", 15, 26), "bass")
        self.assertEqual(m.mma_role_of_track("Bass-Synthbass", 13, 38), "bass")
        self.assertEqual(m.mma_role_of_track("Bass-Lead", 12, 80), "other")
        self.assertEqual(m.mma_role_of_track("Bass-6", 12, 27), "other")
        self.assertEqual(m.mma_role_of_track("Chord-Guitar", 13, 26), "guitar")
        self.assertEqual(m.mma_role_of_track("Chord", 14, 18), "keys")
        self.assertEqual(m.mma_role_of_track("Drum-Kick", 9, 0), "drums")


if __name__ == "__main__":
    unittest.main()
