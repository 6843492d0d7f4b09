"""Chords from a recording (docs/PROTOCOL.md, "Chords from a recording") against the built server,
with independent tools: progressions written by mido and played by the fluidsynth CLI with
Debian's GM soundfont, WAV lies written byte by byte, requests by urllib and Python's websockets.
Checks the chart of a rendered progression, the round trip recording -> chart -> band, FLAC as
WAV, silence and clipping, every bad input with its status and code, and the audio stream over
WebSocket against the batch answer.

    test_audio_chords.py PATH-TO-ai-band-orchestrator [TestCase]
"""

import asyncio
import io
import json
import os
import socket
import sys
import unittest
import wave

import mido
import numpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from audio_files import FLOAT, progression_midi, render_wav, tone, wav_bytes  # noqa: E402
from plugin_client import Plugin, Server, http, http_json  # noqa: E402

APP = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator")
RECORDING_LIMIT = 128 * 1024 * 1024   # server.max_recording_bytes by default: a 3-minute WAV is 31 MB
BODY_LIMIT = 1024 * 1024               # server.max_body_bytes: every other body, notes and MIDI files here too

# C Am F G twice, a bar each, at 100 BPM: (root pitch class, chord tones above middle C).
SONG = [(0, [0, 4, 7]), (9, [-3, 0, 4]), (5, [0, 5, 9]), (7, [-1, 2, 7])] * 2
ROOTS = [root for root, _ in SONG]
NAMES = ["C", "Am", "F", "G"] * 2
TEMPO = 100


def pcm_of(wav):
    """(rate, channels, float samples as a frames x channels array) of a 16-bit WAV."""
    with wave.open(io.BytesIO(wav)) as reader:
        frames = reader.readframes(reader.getnframes())
        samples = numpy.frombuffer(frames, dtype="<i2").astype(numpy.float32) / 32768.0
        return reader.getframerate(), reader.getnchannels(), samples.reshape(-1, reader.getnchannels())


ROOT_NAMES = {"C": 0, "C#": 1, "Db": 1, "D": 2, "D#": 3, "Eb": 3, "E": 4, "F": 5, "F#": 6, "Gb": 6, "G": 7,
              "G#": 8, "Ab": 8, "A": 9, "A#": 10, "Bb": 10, "B": 11}


def root_of(chord):
    if chord == "N.C.":
        return None
    name = chord[:2] if len(chord) > 1 and chord[1] in "#b" else chord[:1]
    return ROOT_NAMES[name]


def chord_at(chords, beat):
    for chord in chords:
        if chord["start_time"] <= beat < chord["start_time"] + chord["duration"]:
            return chord["chord"]
    return None


def bar_roots(progression, bars, beats_per_bar=4):
    """The root heard in the middle of each bar of a chord_progression (it starts at a downbeat)."""
    return [root_of(chord_at(progression["chords"], bar * beats_per_bar + beats_per_bar / 2) or "N.C.")
            for bar in range(bars)]


class Recording(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(APP)   # the default limits: a song fits without raising any
        cls.url = cls.server.base + "/api/chords/detect"
        cls.wav = render_wav(progression_midi(SONG, TEMPO))

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def post(self, raw, content_type="audio/wav", query=""):
        status, _, data = http("POST", self.url + query, raw=raw, content_type=content_type, timeout=120)
        return status, json.loads(data)

    def detect(self, raw, content_type="audio/wav", query=""):
        status, answer = self.post(raw, content_type, query)
        self.assertEqual(status, 200, answer)
        return answer

    def assert_chart(self, answer):
        """The song's roots bar by bar, at its tempo, in 4/4, with beats 0.6 s apart."""
        self.assertAlmostEqual(answer["tempo"], TEMPO, delta=TEMPO * 0.04, msg=answer["tempo"])
        self.assertEqual(answer["time_signature"], "4/4")
        self.assertIn(answer["key"], ("C", "Am"))
        gaps = numpy.diff(answer["beats"])
        self.assertGreater(len(answer["beats"]), 28, answer["beats"])
        self.assertLess(abs(float(numpy.median(gaps)) - 60 / TEMPO), 0.03, gaps)
        self.assertEqual(bar_roots(answer["chord_progression"], len(SONG)), ROOTS,
                         json.dumps(answer["chord_progression"]["chords"]))

    def test_a_rendered_progression(self):
        answer = self.detect(self.wav)
        self.assert_chart(answer)
        self.assertEqual((answer["sample_rate"], answer["channels"], answer["resolution"]), (44100, 2, "beat"))
        self.assertTrue(answer["key_detected"])
        self.assertGreater(answer["seconds"], len(SONG) * 4 * 60 / TEMPO)
        for chord in answer["chords"]:
            self.assertEqual(set(chord), {"chord", "start_time", "duration", "start_seconds", "confidence"})
            self.assertTrue(0 <= chord["confidence"] <= 1, chord)
        # The chords are back to back and their seconds are on the beats.
        ends = [c["start_time"] + c["duration"] for c in answer["chords"]]
        self.assertEqual([c["start_time"] for c in answer["chords"][1:]], ends[:-1])
        self.assertEqual(answer["length_beats"], ends[-1])
        self.assertTrue(set(answer["downbeats"]) <= set(answer["beats"]))
        for chord in answer["chords"]:
            whole = int(chord["start_time"])
            if chord["start_time"] == whole and whole < len(answer["beats"]):
                self.assertAlmostEqual(chord["start_seconds"], answer["beats"][whole], delta=0.002)

    def test_bar_resolution_and_hints(self):
        answer = self.detect(self.wav, query="?resolution=bar&key=C&tempo=100&time_signature=4/4")
        self.assertEqual((answer["resolution"], answer["key"], answer["key_detected"]), ("bar", "C", False))
        self.assertEqual(answer["chord_progression"]["key"], "C")
        progression = answer["chord_progression"]["chords"]
        self.assertEqual([root_of(c["chord"]) for c in progression][:len(SONG)], ROOTS, progression)
        self.assertEqual([c["duration"] for c in progression][:len(SONG) - 1], [4] * (len(SONG) - 1))

    def test_flac_is_heard_as_wav(self):
        rate, channels, samples = pcm_of(self.wav)
        flac = render_wav(progression_midi(SONG, TEMPO), file_type="flac")
        self.assertTrue(flac.startswith(b"fLaC"))
        self.assertEqual(self.detect(flac, "audio/flac")["chords"], self.detect(self.wav)["chords"])

    def test_recording_chart_band(self):
        """The answer's chord_progression is a generation request: the band's bass starts every
        bar on the root the recording had there."""
        chart = self.detect(self.wav)["chord_progression"]
        status, _, take = http_json("POST", self.server.base + "/api/generate",
                                    {"chord_progression": chart, "style": "pop", "track_types": ["bass"], "seed": 5})
        self.assertEqual(status, 200, take)
        status, _, data = http("GET", self.server.base + "/api/files/" + take["file_details"][0]["filename"])
        self.assertEqual(status, 200)
        song = mido.MidiFile(file=io.BytesIO(data))
        starts, now = {}, 0
        for message in mido.merge_tracks(song.tracks):
            now += message.time
            if message.type == "note_on" and message.velocity > 0:
                starts.setdefault(now // (4 * song.ticks_per_beat), message.note % 12)
        self.assertEqual([starts.get(bar) for bar in range(len(SONG))], ROOTS)

    def test_silence_is_no_chord(self):
        answer = self.detect(wav_bytes([0.0] * 44100 * 4))
        self.assertEqual({c["chord"] for c in answer["chords"]}, {"N.C."})

    def test_clipping_keeps_the_chords(self):
        """The same song driven 20 dB into the rails, as a float file."""
        rate, channels, samples = pcm_of(self.wav)
        clipped = numpy.clip(samples * 10.0, -1.0, 1.0).reshape(-1).tolist()
        self.assertGreater(sum(1 for s in clipped if abs(s) == 1.0), len(clipped) // 20)
        answer = self.detect(wav_bytes(clipped, rate=rate, channels=channels, bits=32, fmt=FLOAT))
        self.assertEqual(bar_roots(answer["chord_progression"], len(SONG)), ROOTS)

    def test_bad_input_gets_a_clear_error(self):
        good = wav_bytes(tone([261.6, 329.6, 392.0], 2.0))
        nan = [0.0] * 44100 + [float("nan")] + [0.0] * 44100
        cases = [
            ("a data chunk declaring 4 GB in a 1 KB body", wav_bytes(tone([440], 0.01), declared_data=0xFFFFFFF0),
             "audio/wav", 422, "invalid_audio"),
            ("a file cut in half", good[:len(good) // 2], "audio/wav", 422, "invalid_audio"),
            ("0 Hz", wav_bytes(tone([440], 2.0), declared_rate=0), "audio/wav", 422, "unsupported_audio"),
            ("0 channels", wav_bytes(tone([440], 2.0), declared_channels=0), "audio/wav", 422, "unsupported_audio"),
            ("3 channels", wav_bytes(tone([440], 2.0), channels=3), "audio/wav", 422, "unsupported_audio"),
            ("4 kHz", wav_bytes(tone([440], 2.0, rate=4000), rate=4000), "audio/wav", 422, "unsupported_audio"),
            ("1 sample", wav_bytes([0.1]), "audio/wav", 422, "audio_too_short"),
            ("NaN floats", wav_bytes(nan, bits=32, fmt=FLOAT), "audio/wav", 422, "invalid_audio"),
            ("a WAV sent as FLAC", good, "audio/flac", 422, "invalid_audio"),
            ("not audio at all", b"RIFF and nothing else" * 50, "audio/wav", 422, "invalid_audio"),
            ("an empty body", b"", "audio/x-wav", 422, "invalid_audio"),
            ("10 minutes and a second", wav_bytes([0.0] * 8000 * 601, rate=8000, bits=8), "audio/wave", 422,
             "audio_too_long"),
            ("Ogg Vorbis", good, "audio/ogg", 415, "unsupported_media_type"),
        ]
        for name, raw, content_type, status, code in cases:
            with self.subTest(name):
                got, answer = self.post(raw, content_type)
                self.assertEqual((got, answer["error"]["code"]), (status, code), answer)
                self.assertTrue(answer["error"]["message"])
        for query, field in (("?tempo=fast", "tempo"), ("?resolution=week", "resolution"), ("?key=H", "key"),
                             ("?time_signature=4/5", "time_signature"), ("?speed=2", "speed")):
            with self.subTest(query):
                got, answer = self.post(good, query=query)
                self.assertEqual((got, answer["error"]["field"]), (422, field), answer)
        # The server still hears a good file after all of that.
        self.assertEqual(self.detect(good)["sample_rate"], 44100)

    def test_a_body_over_the_limit(self):
        # A recording may be up to server.max_recording_bytes; the server says so as soon as the
        # headers announce more, before any of the body is sent.
        status, answer = announce_body(self.server, "audio/wav", RECORDING_LIMIT + 1)
        self.assertEqual((status, answer["error"]["code"]), (413, "body_too_large"), answer)
        self.assertIn("server.max_recording_bytes", answer["error"]["message"])
        # Notes and MIDI files on the same route keep server.max_body_bytes.
        for content_type in ("application/json", "audio/midi"):
            with self.subTest(content_type):
                status, _, data = http("POST", self.url, raw=b" " * (BODY_LIMIT + 1), content_type=content_type, timeout=30)
                answer = json.loads(data)
                self.assertEqual((status, answer["error"]["code"]), (413, "body_too_large"), answer)
                self.assertIn("server.max_body_bytes", answer["error"]["message"])
        # The song, over server.max_body_bytes, is heard with the default limits.
        self.assertGreater(len(self.wav), BODY_LIMIT)
        self.assertEqual(self.detect(self.wav)["sample_rate"], 44100)


def announce_body(server, content_type, length):
    """Sends only the headers of a POST /api/chords/detect announcing `length` body bytes and
    reads the answer: (status, JSON)."""
    host, port = server.base.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=30) as raw:
        raw.sendall(f"POST /api/chords/detect HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: {content_type}\r\n"
                    f"Content-Length: {length}\r\n\r\n".encode())
        answer = b""
        while b"\r\n\r\n" not in answer or len(answer.split(b"\r\n\r\n", 1)[1]) < content_length(answer):
            chunk = raw.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, body = answer.split(b"\r\n\r\n", 1)
    return int(head.split(b" ")[1]), json.loads(body)


def content_length(answer):
    for line in answer.split(b"\r\n\r\n", 1)[0].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 0


async def send_paced(plugin, pcm_bytes, chunk_bytes, frames_per_second=150):
    """Binary frames count against websocket.max_messages_per_second (200) as text ones do: 50 ms
    frames at 150 a second are three times real time, within it."""
    for at in range(0, len(pcm_bytes), chunk_bytes):
        await plugin.ws.send(pcm_bytes[at:at + chunk_bytes])
        await asyncio.sleep(1 / frames_per_second)


async def stream(plugin, pcm_bytes, chunk_bytes):
    """Sends the PCM in binary frames of chunk_bytes (cut anywhere, even inside a frame) while a
    reader collects every audio_chords; then audio_stop. (updates, audio_stopped's data)."""
    updates = []

    async def read():
        while True:
            message = await plugin.recv(timeout=60)
            if message["type"] == "audio_chords":
                updates.append(message["data"])
            elif message["type"] == "audio_stopped":
                return message["data"]
            elif message["type"] not in ("band_events", "chord_heard", "transport_sync"):
                raise AssertionError(f"unexpected message while streaming: {json.dumps(message)[:300]}")

    reader = asyncio.create_task(read())
    await send_paced(plugin, pcm_bytes, chunk_bytes)
    await plugin.send("audio_stop", request_id="stop")
    return updates, await reader


class Streaming(unittest.TestCase):
    """The same recording as binary PCM frames over WebSocket, against the batch answer."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(APP)
        cls.wav = render_wav(progression_midi(SONG, TEMPO))
        status, _, data = http("POST", cls.server.base + "/api/chords/detect", raw=cls.wav, content_type="audio/wav",
                               timeout=120)
        assert status == 200, data
        cls.batch = json.loads(data)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def run_async(self, coroutine):
        return asyncio.run(asyncio.wait_for(coroutine, 120))

    async def listen(self, plugin_id, sample_type):
        rate, channels, samples = pcm_of(self.wav)
        plugin = await Plugin.connect(self.server, plugin_id)
        await plugin.expect("connection_confirmed")
        await plugin.send("audio_start", {"sample_rate": rate, "channels": channels, "sample_type": sample_type},
                          request_id="start")
        started = await plugin.expect("audio_started")
        self.assertEqual(started["data"], {"sample_rate": rate, "channels": channels, "sample_type": sample_type,
                                           "bytes_per_frame": channels * (4 if sample_type == "f32le" else 2)})
        if sample_type == "f32le":
            pcm = samples.astype("<f4").tobytes()
        else:
            pcm = (numpy.clip(samples, -1, 32767 / 32768) * 32768).astype("<i2").tobytes()
        # 50 ms of audio a frame, plus 3 bytes: frames and samples are cut at every position.
        updates, stopped = await stream(plugin, pcm, rate // 20 * channels * (4 if sample_type == "f32le" else 2) + 3)
        await plugin.close()
        return updates, stopped

    def assert_as_batch(self, updates, stopped):
        chords = stopped["chords"]
        self.assertAlmostEqual(stopped["seconds_heard"], self.batch["seconds"], delta=0.01)
        self.assertEqual(stopped["bytes_dropped"], 0)
        # audio_chords carried every final chord audio_stopped lists, merged; provisional ones
        # before the tempo is known are off the beat grid.
        reports = [(update["seconds_heard"], c) for update in updates for c in update["chords"]]
        for _, c in reports:
            self.assertIn(c["final"], (True, False), c)
            self.assertEqual(c["start_time"] is None, c["duration"] is None, c)
            if c["start_time"] is None:
                self.assertFalse(c["final"], c)
        streamed = [c for _, c in reports if c["final"]]
        self.assertEqual(sum(c["duration"] for c in streamed), sum(c["duration"] for c in chords))
        self.assertTrue(all(c["start_time"] is not None for c in chords), chords)
        # Every beat of the batch answer: the streamed chords hold its chord within a beat of it.
        beat = 60 / TEMPO
        for chord in self.batch["chords"]:
            if chord["chord"] == "N.C.":
                continue
            for offset in range(int(chord["duration"])):
                at = chord["start_seconds"] + offset * beat + beat / 2
                near = {c["chord"] for c in chords
                        if c["start_seconds"] - beat <= at < c["start_seconds"] + c["duration"] * beat + beat}
                self.assertIn(chord["chord"], near, f"{chord} at {at:.2f} s; streamed {json.dumps(chords)}")
        # Beats within half a beat of the batch's.
        beats = [b["seconds"] for update in updates for b in update["beats"]]
        self.assertGreater(len(beats), len(self.batch["beats"]) - 3)
        for heard in self.batch["beats"][1:-1]:
            self.assertLess(min(abs(heard - b) for b in beats), beat / 2, heard)
        # After the first update with beats (the tempo needs a few seconds of audio; the chords
        # before it come without beats), each beat is reported within 250 ms of audio after it:
        # seconds of audio heard, not of wall clock.
        with_beats = [update for update in updates if update["beats"]]
        lags = [update["seconds_heard"] - b["seconds"] for update in with_beats[1:-1] for b in update["beats"]]
        print("stream lag (s of audio): max", max(lags), "median", sorted(lags)[len(lags) // 2], file=sys.stderr)
        self.assertLess(max(lags), 0.25 + 0.05, lags)   # and one 50 ms frame
        self.assert_changes_reported_soon(reports, chords)

    def assert_changes_reported_soon(self, reports, chords):
        """Each chord change after the first 5 s (the tempo is known) is named, provisional or
        final, for its moment within 250 ms of audio after it sounds (and one 50 ms frame):
        seconds of audio sent, not of wall clock. The first seconds are named before the tempo."""
        beat = 60 / TEMPO
        late = []
        for chord in chords:
            if chord["chord"] == "N.C." or chord["start_seconds"] < 5:
                continue
            at = chord["start_seconds"]
            first = next((heard for heard, c in reports if c["chord"] == chord["chord"]
                          and at - beat / 4 <= c["start_seconds"] < at + beat * 3 / 4), None)
            if first is None or first - at > 0.25 + 0.05:
                late.append((chord["chord"], at, first))
        print("changes reported late:", late, file=sys.stderr)
        self.assertGreaterEqual(len([c for c in chords if c["start_seconds"] >= 5]), 5, chords)
        self.assertEqual(late, [])
        early = [c["chord"] for heard, c in reports if c["start_time"] is None and heard < 4]
        self.assertIn("C", early, reports[:10])

    def test_f32le_frames_give_the_batch_chords(self):
        self.assert_as_batch(*self.run_async(self.listen("listener-f32", "f32le")))

    def test_s16le_frames_give_the_batch_chords(self):
        self.assert_as_batch(*self.run_async(self.listen("listener-s16", "s16le")))

    def test_a_live_band_plays_the_chords_heard(self):
        async def run():
            plugin_id = "live-listener"
            rate, channels, samples = pcm_of(self.wav)
            plugin = await Plugin.connect(self.server, plugin_id)
            await plugin.expect("connection_confirmed")
            await plugin.send("live_start", {"style": "pop", "tempo": TEMPO, "meter": "4/4", "seed": 3,
                                             "parts": ["bass"]})
            await plugin.expect("live_started")
            await plugin.send("audio_start", {"sample_rate": rate, "channels": channels, "sample_type": "f32le"})
            message = await plugin.recv()
            while message["type"] == "band_events":
                message = await plugin.recv()
            self.assertEqual(message["type"], "audio_started")
            heard = []
            reported = []

            async def read():
                while True:
                    message = await plugin.recv(timeout=60)
                    if message["type"] == "chord_heard":
                        heard.append(message["data"])
                    elif message["type"] == "audio_chords":
                        reported.extend(message["data"]["chords"])
                    elif message["type"] == "audio_stopped":
                        return message["data"]

            reader = asyncio.create_task(read())
            await send_paced(plugin, samples.astype("<f4").tobytes(), rate // 20 * channels * 4)
            await plugin.send("audio_stop")
            stopped = await reader
            await plugin.close()
            return heard, stopped, reported

        heard, stopped, reported = self.run_async(run())
        played = [h["chord"] for h in heard]
        # The band heard the song's changes in order, each once: a final chord that confirms its
        # provisional one is not sent again, one that corrects it is, N.C. is not played.
        self.assertNotIn("N.C.", played)
        self.assertTrue(all(a != b for a, b in zip(played, played[1:])), played)
        expected = [c["chord"] for c in stopped["chords"] if c["chord"] != "N.C." and c["start_seconds"] >= 5]
        rest = iter(played)
        self.assertTrue(all(chord in rest for chord in expected), (expected, played))   # in order
        # What it heard beyond the final changes: provisional chords corrected (at most one band
        # chord each, and the correction), and the changes heard before the tempo was known.
        guesses = {c["start_seconds"]: c["chord"] for c in reported if not c["final"] and c["start_time"] is not None}
        corrected = sum(1 for c in reported if c["final"] and c["start_seconds"] in guesses
                        and guesses[c["start_seconds"]] != c["chord"])
        early = sum(1 for c in reported if c["start_time"] is None)
        self.assertLessEqual(len(played), len(stopped["chords"]) + 2 * corrected + early, (played, stopped["chords"]))
        self.assertGreaterEqual(len(played), 6, played)
        self.assertTrue(set(NAMES) <= set(played), played)

    def test_binary_frames_and_bad_streams_are_refused(self):
        async def run():
            plugin = await Plugin.connect(self.server, "bad-streams")
            await plugin.expect("connection_confirmed")
            errors = []
            await plugin.ws.send(b"\0" * 64)   # before audio_start
            errors.append((await plugin.expect("error"))["data"])
            for data in ({"sample_rate": 0, "channels": 1, "sample_type": "f32le"},
                         {"sample_rate": 44100, "channels": 3, "sample_type": "f32le"},
                         {"sample_rate": 44100, "channels": 1, "sample_type": "u8"},
                         {"sample_rate": 44100, "channels": 1, "sample_type": "f32le", "gain": 2},
                         {"sample_rate": 44100, "channels": 1, "sample_type": "f32le", "tempo": 1000}):
                await plugin.send("audio_start", data)
                errors.append((await plugin.expect("error"))["data"])
            await plugin.send("audio_stop")
            errors.append((await plugin.expect("error"))["data"])
            await plugin.send("audio_start", {"sample_rate": 8000, "channels": 1, "sample_type": "s16le"})
            await plugin.expect("audio_started")
            await plugin.send("audio_start", {"sample_rate": 8000, "channels": 1, "sample_type": "s16le"})
            errors.append((await plugin.expect("error"))["data"])
            # 40 s of audio in one frame, at once: a live input may not run that far ahead.
            await plugin.ws.send(b"\0\0" * 8000 * 40)
            errors.append((await plugin.expect("error"))["data"])
            await plugin.ws.send(b"\1\0" * 8000 + b"\1")   # a second of a quiet click and half a frame
            await plugin.send("audio_stop")
            message = await plugin.recv()
            while message["type"] == "audio_chords":
                message = await plugin.recv()
            self.assertEqual(message["type"], "audio_stopped")
            await plugin.ws.send(b"\0" * 64)   # after audio_stop
            errors.append((await plugin.expect("error"))["data"])
            await plugin.close()
            return errors, message["data"]

        errors, stopped = self.run_async(run())
        self.assertEqual([(e["code"], e["field"]) for e in errors],
                         [("binary_not_supported", None), ("invalid_field", "data.sample_rate"),
                          ("invalid_field", "data.channels"), ("invalid_field", "data.sample_type"),
                          ("invalid_field", "data.gain"), ("invalid_field", "data.tempo"), ("not_listening", None),
                          ("already_listening", None), ("audio_too_fast", None), ("binary_not_supported", None)])
        self.assertEqual((stopped["seconds_heard"], stopped["bytes_dropped"]), (1.0, 1))


if __name__ == "__main__":
    unittest.main()
