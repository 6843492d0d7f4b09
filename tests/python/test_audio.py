#!/usr/bin/python3
"""Takes heard: the audio endpoints against the real binary (docs/PROTOCOL.md, "Audio").

LevelsTest (ctest audio_levels) measures what FluidSynth made with sox, independently of the
server: a 64-bar take's every part audible on its own, the band louder than silence and never
clipping, and muting a part taking away exactly its sound (the band minus the band without a part
minus that part alone leaves nothing but FluidSynth's own residue, 40 dB below the part). It prints the render speed and the levels.

ApiTest (ctest python_audio_api): statuses, media types, WAV and Ogg headers parsed, lengths equal
to the take's at its tempo (read with mido) plus the release, nothing stored by a render, the
server's thread free while a render runs, and every refusal with its code and field.

Usage: /usr/bin/python3 test_audio.py /path/to/ai-band-orchestrator [LevelsTest|ApiTest ...]
"""

import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse
import wave

import mido

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from midi_tools import midi_bytes  # noqa: E402
from plugin_client import Server, http, http_json  # noqa: E402

APP = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator")
RELEASE_SECONDS = 1.5      # what the renderer adds after the song (AudioRender.cpp)
BLOCK_SECONDS = 1024 / 44100   # it renders in blocks of 1024 frames
PARTS = ["bass", "drums", "keys", "guitar"]
AUDIBLE_DB = -45.0         # a part playing for 64 bars has an RMS level above this
# What is left of the band once the part muted and the part alone are taken away, below the part
# alone: FluidSynth is not exactly linear (its reverb and chorus leave about -75 dBFS, 45 dB below
# any part), while a part muted wrongly would leave its own level.
RESIDUE_BELOW_PART_DB = 40.0


STAT_LINE = re.compile(r"^(\S.*?)\s{2,}(\S+)")


def sox_stats(path):
    """sox's `stats` of a file, the channels together: {'Pk lev dB': -8.8, 'RMS lev dB': -28.6, ...}."""
    done = subprocess.run(["sox", path, "-n", "stats"], capture_output=True, text=True, check=True)
    stats = {}
    for line in done.stderr.splitlines():
        match = STAT_LINE.match(line)
        if match:
            try:
                stats[match.group(1)] = float(match.group(2))
            except ValueError:
                pass
    return stats


def wav_info(data):
    """(channels, sample rate, sample width in bytes, seconds) of WAV bytes."""
    with wave.open(io.BytesIO(data)) as reader:
        return reader.getnchannels(), reader.getframerate(), reader.getsampwidth(), \
            reader.getnframes() / reader.getframerate()


def song_seconds(midi):
    """How long a Standard MIDI File plays, by mido (its own tempo map)."""
    return mido.MidiFile(file=io.BytesIO(midi)).length


def audio(server, path, query=None, **kwargs):
    url = server.base + path + ("?" + urllib.parse.urlencode(query) if query else "")
    return http("POST" if "raw" in kwargs or "body" in kwargs else "GET", url, timeout=120, **kwargs)


def generate(server, body):
    status, _, answer = http_json("POST", server.base + "/api/generate", body, timeout=60)
    assert status == 200, answer
    return {d["track_type"]: d["filename"] for d in answer["file_details"]}


class LevelsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(APP)
        cls.work = tempfile.TemporaryDirectory()
        cls.take = generate(cls.server, {"chord_progression": {"chords": "C | Am | F | G", "tempo": 120, "bars": 64},
                                         "style": "pop", "seed": 11, "track_types": PARTS + ["full"]})

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.close()
        cls.work.cleanup()

    def render(self, name, file, **query):
        started = time.monotonic()
        status, headers, data = audio(self.server, f"/api/files/{self.take[file]}/audio", query or None)
        elapsed = time.monotonic() - started
        self.assertEqual(status, 200, data[:300])
        path = os.path.join(self.work.name, name + ".wav")
        with open(path, "wb") as f:
            f.write(data)
        return path, float(headers["X-Audio-Seconds"]), elapsed

    def test_every_part_audible_the_band_never_clips(self):
        full, seconds, elapsed = self.render("full", "full")
        band = sox_stats(full)
        print(f"\n64-bar take at 120 BPM: {seconds:.1f} s of audio rendered and sent in {elapsed:.2f} s "
              f"({seconds / elapsed:.0f}x real time)", file=sys.stderr)
        print(f"  band: peak {band['Pk lev dB']:.1f} dBFS, RMS {band['RMS lev dB']:.1f} dBFS", file=sys.stderr)
        self.assertLess(band["Pk lev dB"], -1.0, "the band clips (or nearly)")
        self.assertGreater(band["RMS lev dB"], AUDIBLE_DB, "the band is too quiet")
        for part in PARTS:
            with self.subTest(part=part):
                path, _, _ = self.render(part, part)
                alone = sox_stats(path)
                print(f"  {part}: peak {alone['Pk lev dB']:.1f} dBFS, RMS {alone['RMS lev dB']:.1f} dBFS",
                      file=sys.stderr)
                self.assertGreater(alone["RMS lev dB"], AUDIBLE_DB, f"{part} alone is not audible")
                self.assertLess(alone["Pk lev dB"], -1.0, f"{part} alone clips")

    def test_muting_a_part_takes_away_exactly_its_sound(self):
        in_band = [p for p in PARTS if p != "guitar"]   # the full band's file holds these
        full, _, _ = self.render("band", "full")
        for muted in in_band:
            with self.subTest(muted=muted):
                others = [p for p in in_band if p != muted]
                without, _, _ = self.render(f"without-{muted}", "full", mute=muted)
                alone, _, _ = self.render(f"only-{muted}", "full", mute=",".join(others))
                part_level = sox_stats(alone)["RMS lev dB"]
                self.assertGreater(part_level, AUDIBLE_DB)
                # band - (band without the part) - (the part alone) = 0, up to rounding
                rest = os.path.join(self.work.name, f"rest-{muted}.wav")
                subprocess.run(["sox", "-D", "-m", "-v", "1", full, "-v", "-1", without, "-v", "-1", alone,
                                "-e", "floating-point", "-b", "32", rest], check=True, capture_output=True)
                residue = sox_stats(rest)["RMS lev dB"]
                print(f"  band - without {muted} - {muted} alone: RMS {residue:.1f} dBFS", file=sys.stderr)
                self.assertLess(residue, part_level - RESIDUE_BELOW_PART_DB,
                                f"muting {muted} took away more or less than its sound")
        muted_file, _, _ = self.render("bass-muted", "bass", mute="bass")
        self.assertEqual(sox_stats(muted_file)["Pk lev dB"], float("-inf"), "a muted part left sound")

    def test_gain_turns_a_part_down_by_its_amplitude(self):
        whole, _, _ = self.render("keys", "keys")
        half, _, _ = self.render("keys-half", "keys", gain="keys:0.5")
        drop = sox_stats(whole)["RMS lev dB"] - sox_stats(half)["RMS lev dB"]
        self.assertAlmostEqual(drop, 6.02, delta=0.2, msg="gain 0.5 is 6 dB down")


class ApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(APP)
        cls.take = generate(cls.server, {"chord_progression": {"chords": "C | Am | F | G", "tempo": 90, "bars": 8},
                                         "seed": 4, "track_types": ["bass", "full"]})

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.close()

    def midi_of(self, part):
        status, _, data = http("GET", f"{self.server.base}/api/files/{self.take[part]}")
        self.assertEqual(status, 200)
        return data

    def assert_length(self, seconds, midi):
        expected = song_seconds(midi) + RELEASE_SECONDS
        self.assertGreaterEqual(seconds, expected - 0.01)
        self.assertLessEqual(seconds, expected + BLOCK_SECONDS + 0.01)

    def assert_error(self, reply, status, code, field=None):
        self.assertEqual(reply[0], status, reply[2][:300])
        error = json.loads(reply[2])["error"]
        self.assertEqual((error["code"], error["field"]), (code, field), error["message"])
        return error["message"]

    def test_a_file_as_wav(self):
        status, headers, data = audio(self.server, f"/api/files/{self.take['full']}/audio")
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "audio/wav")
        self.assertEqual(headers["Content-Disposition"],
                         f'attachment; filename="{self.take["full"].removesuffix(".mid")}.wav"')
        self.assertEqual(headers["X-Audio-Truncated"], "false")
        channels, rate, width, seconds = wav_info(data)
        self.assertEqual((channels, rate, width), (2, 44100, 2))
        self.assertAlmostEqual(seconds, float(headers["X-Audio-Seconds"]), places=2)
        self.assert_length(seconds, self.midi_of("full"))

    def test_a_file_as_ogg(self):
        status, headers, data = audio(self.server, f"/api/files/{self.take['bass']}/audio", {"format": "ogg"})
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "audio/ogg")
        self.assertEqual(data[:4], b"OggS")
        self.assertIn(b"\x01vorbis", data[:64], "the first Ogg page is a Vorbis header")
        with tempfile.NamedTemporaryFile(suffix=".ogg") as f:
            f.write(data)
            f.flush()
            info = subprocess.run(["soxi", f.name], capture_output=True, text=True, check=True).stdout
            seconds = float(subprocess.run(["soxi", "-D", f.name], capture_output=True, text=True, check=True).stdout)
        self.assertIn("Vorbis", info)
        self.assert_length(seconds, self.midi_of("bass"))

    def test_a_generate_body_heard_and_nothing_stored(self):
        _, _, before = http_json("GET", self.server.base + "/api/files")
        body = {"chord_progression": {"chords": "Dm7 | G7 | Cmaj7 | Cmaj7", "tempo": 100}, "style": "jazz_swing",
                "seed": 42, "track_types": ["bass", "drums"]}
        status, headers, data = audio(self.server, "/api/render", body=body)
        self.assertEqual(status, 200, data[:300])
        self.assertEqual(headers["Content-Type"], "audio/wav")
        _, _, after = http_json("GET", self.server.base + "/api/files")
        self.assertEqual(after["count"], before["count"], "a render stored files")
        # The same body generated: the audio lasts as long as its files.
        stored = generate(self.server, body)
        status, _, midi = http("GET", f"{self.server.base}/api/files/{stored['bass']}")
        self.assert_length(wav_info(data)[3], midi)

    def test_a_midi_file_heard(self):
        one_bar = midi_bytes([(0, [(0, 1, 36, 100), (1, 1, 43, 100), (2, 2, 36, 100)])], tempo_bpm=120)
        status, headers, data = audio(self.server, "/api/render", raw=one_bar, content_type="audio/midi")
        self.assertEqual(status, 200, data[:300])
        self.assertEqual(headers["Content-Disposition"], 'attachment; filename="take.wav"')
        self.assert_length(wav_info(data)[3], one_bar)
        # channel 1 is the bass's: muting the bass silences this file
        status, _, silent = audio(self.server, "/api/render", {"mute": "bass"}, raw=one_bar, content_type="audio/midi")
        self.assertEqual(status, 200)
        with wave.open(io.BytesIO(silent)) as reader:
            self.assertEqual(set(reader.readframes(reader.getnframes())), {0})

    def test_refusals(self):
        bass = self.take["bass"]
        missing = bass.replace(bass[-10:-4], "000000")
        self.assert_error(audio(self.server, f"/api/files/{missing}/audio"), 404, "file_not_found", "filename")
        self.assert_error(audio(self.server, "/api/files/..%2fetc/audio"), 400, "invalid_filename", "filename")
        self.assert_error(audio(self.server, f"/api/files/{bass}/audio", {"format": "mp3"}), 422, "invalid_field",
                          "format")
        message = self.assert_error(audio(self.server, f"/api/files/{bass}/audio", {"mute": "vocals"}), 422,
                                    "invalid_field", "mute")
        self.assertIn("bass, drums, keys, guitar", message)
        self.assert_error(audio(self.server, f"/api/files/{bass}/audio", {"gain": "bass:2"}), 422, "invalid_field",
                          "gain")
        self.assert_error(audio(self.server, f"/api/files/{bass}/audio", {"gain": "bass"}), 422, "invalid_field",
                          "gain")
        self.assert_error(audio(self.server, f"/api/files/{bass}/audio", {"volume": "1"}), 422, "invalid_field",
                          "volume")
        self.assert_error(audio(self.server, "/api/render", raw=b"not a MIDI file", content_type="audio/midi"), 422,
                          "invalid_midi")
        self.assert_error(audio(self.server, "/api/render", raw=b"C Am F G", content_type="text/plain"), 415,
                          "unsupported_media_type")
        self.assert_error(audio(self.server, "/api/render", body={"chord_progression": "C-H"}), 422, "unknown_chord",
                          "chord_progression.chords")

    def test_no_soundfont_is_503_saying_what_to_do(self):
        server = Server(APP, {"AIBAND_SOUNDFONT": "/nonexistent/band.sf2"})
        try:
            take = generate(server, {"chord_progression": "C-G", "track_types": ["bass"]})
            message = self.assert_error(audio(server, f"/api/files/{take['bass']}/audio"), 503, "no_soundfont")
            self.assertIn("audio.soundfont", message)
            self.assertIn("fluid-soundfont-gm", message)
        finally:
            server.terminate()
            server.close()

    def test_a_long_render_leaves_the_server_free_and_is_cut_at_300_s(self):
        # 160 bars at 40 BPM are 16 minutes: rendered up to 300 s, a few seconds of work.
        long_take = generate(self.server, {"chord_progression": {"chords": "C | Am | F | G", "tempo": 40, "bars": 160},
                                           "seed": 1, "track_types": ["full"]})
        result = {}

        def render():
            result["reply"] = audio(self.server, f"/api/files/{long_take['full']}/audio")
            result["at"] = time.monotonic()

        worker = threading.Thread(target=render)
        worker.start()
        answered = []
        while worker.is_alive():
            started = time.monotonic()
            status, _, _ = http("GET", self.server.base + "/health")
            answered.append((time.monotonic(), time.monotonic() - started))
            self.assertEqual(status, 200)
        worker.join()
        during = [latency for at, latency in answered if at < result["at"]]
        self.assertGreaterEqual(len(during), 3, "the render was too quick to tell anything")
        self.assertLess(max(during), 0.5, "GET /health waited for the render")
        status, headers, data = result["reply"]
        self.assertEqual(status, 200)
        self.assertEqual(headers["X-Audio-Truncated"], "true")
        self.assertAlmostEqual(wav_info(data)[3], 300.0, delta=BLOCK_SECONDS)


if __name__ == "__main__":
    unittest.main(verbosity=2)
