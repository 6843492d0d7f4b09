"""Chords from what was played (docs/PROTOCOL.md, "Chords from what was played") against the
built server, with independent tools: MIDI files written by mido, requests by urllib and Python's
websockets. Checks the chords of a ii-V-I-VI played as block chords, an arpeggio and a file, the
round trip play -> chart -> band, the WebSocket message, and that bad input gets a clear 4xx.

    test_chord_detection.py PATH-TO-ai-band-orchestrator
"""

import asyncio
import io
import json
import os
import sys
import unittest

import mido

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from midi_tools import midi_bytes  # noqa: E402
from plugin_client import Plugin, Server, http, http_json  # noqa: E402

APP = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator")

# Dm7 G7 Cmaj7 A7, a bar each: bass root, then the chord from middle C up.
TURNAROUND = [("Dm7", 38, [60, 62, 65, 69]), ("G7", 43, [59, 62, 65, 67]),
              ("Cmaj7", 36, [59, 60, 64, 67]), ("A7", 45, [61, 64, 67, 69])]


def block_notes():
    notes = []
    for bar, (_, bass, upper) in enumerate(TURNAROUND):
        notes.append({"pitch": bass, "start": bar * 4, "duration": 4, "velocity": 90})
        notes += [{"pitch": p, "start": bar * 4, "duration": 3.9, "velocity": 70} for p in upper]
    return notes


def midi_file(notes, tempo_bpm=96, numerator=4, drums=True):
    """A keys track, and a drum track (channel 10) that must not count."""
    keys = [(n["start"], n["duration"], n["pitch"], n.get("velocity", 100)) for n in notes]
    beats = [(i * 0.5, 0.25, 36 + i % 3, 100) for i in range(32)] if drums else []
    return midi_bytes([(0, keys), (9, beats)], tempo_bpm, numerator, ticks_per_beat=96)


def chord_at(answer, beat):
    for chord in answer["chords"]:
        if chord["start_time"] <= beat < chord["start_time"] + chord["duration"]:
            return chord["chord"]
    return None


class ChordDetection(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(APP)
        cls.url = cls.server.base + "/api/chords/detect"

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def detect(self, body):
        status, _, answer = http_json("POST", self.url, body)
        self.assertEqual(status, 200, answer)
        return answer

    def assert_turnaround(self, answer):
        for bar, (name, _, _) in enumerate(TURNAROUND):
            for beat in range(4):
                self.assertEqual(chord_at(answer, bar * 4 + beat), name, f"bar {bar + 1} beat {beat + 1}: {answer['chords']}")
        self.assertEqual(answer["key"], "C")  # a turnaround, not G (the A7 leads back to Dm7)
        self.assertTrue(answer["key_detected"])

    def test_block_chords_as_json(self):
        answer = self.detect({"notes": block_notes(), "tempo": 100})
        self.assert_turnaround(answer)
        self.assertEqual([c["start_seconds"] for c in answer["chords"]], [0, 2.4, 4.8, 7.2])
        self.assertEqual(answer["length_beats"], 16)
        self.assertEqual(answer["notes_read"], 20)
        for chord in answer["chords"]:
            self.assertGreaterEqual(chord["confidence"], 0.8)
            self.assertLessEqual(chord["confidence"], 1.0)

    def test_an_arpeggio_with_passing_tones(self):
        notes = []
        for bar, (_, bass, upper) in enumerate(TURNAROUND):
            tones = sorted(upper)
            line = [tones[0], tones[1], tones[2], tones[3], tones[2] + 1, tones[2], tones[1], tones[0]]  # a chromatic neighbour
            notes += [{"pitch": p, "start": bar * 4 + i * 0.5, "duration": 0.5} for i, p in enumerate(line)]
            notes.append({"pitch": bass, "start": bar * 4, "duration": 2})
        self.assert_turnaround(self.detect({"notes": notes}))

    def test_a_midi_file_with_drums(self):
        status, _, data = http("POST", self.url, raw=midi_file(block_notes()), content_type="audio/midi")
        answer = json.loads(data)
        self.assertEqual(status, 200, answer)
        self.assert_turnaround(answer)
        self.assertEqual(answer["tempo"], 96)
        self.assertEqual(answer["notes_read"], 20)  # the drum track is left out

    def test_bar_resolution_and_a_given_key(self):
        file = midi_file(block_notes(), numerator=4, drums=False)
        status, _, data = http("POST", self.url + "?resolution=bar&key=Am", raw=file, content_type="audio/midi")
        answer = json.loads(data)
        self.assertEqual(status, 200, answer)
        self.assertEqual([(c["chord"], c["start_time"], c["duration"]) for c in answer["chords"]],
                         [("Dm7", 0, 4), ("G7", 4, 4), ("Cmaj7", 8, 4), ("A7", 12, 4)])
        self.assertEqual((answer["key"], answer["key_detected"], answer["resolution"]), ("Am", False, "bar"))

    def test_play_chart_band(self):
        """The answer's chord_progression is a generation request's: the band plays the chart."""
        chart = self.detect({"notes": block_notes(), "tempo": 100})["chord_progression"]
        status, _, take = http_json("POST", self.server.base + "/api/generate",
                                    {"chord_progression": chart, "style": "bossa_nova", "track_types": ["bass"], "seed": 3})
        self.assertEqual(status, 200, take)
        bass = take["file_details"][0]
        status, _, data = http("GET", self.server.base + "/api/files/" + bass["filename"])
        self.assertEqual(status, 200)
        song = mido.MidiFile(file=io.BytesIO(data))
        starts, now = {}, 0
        for message in mido.merge_tracks(song.tracks):
            now += message.time
            if message.type == "note_on" and message.velocity > 0:
                bar = now // (4 * song.ticks_per_beat)
                starts.setdefault(bar, message.note % 12)
        # every bar's first bass note is the root the chart says
        self.assertEqual([starts[bar] for bar in range(4)], [2, 7, 0, 9])

    def test_the_websocket_message(self):
        async def run():
            plugin = await Plugin.connect(self.server, "chords-ws")
            await plugin.expect("connection_confirmed")
            await plugin.send("detect_chords", {"notes": block_notes()}, request_id="c1")
            answer = await plugin.expect("chords_detected")
            await plugin.send("detect_chords", {"notes": [{"pitch": 60, "start": -1, "duration": 1}]}, request_id="c2")
            error = await plugin.expect("error")
            await plugin.close()
            return answer, error
        answer, error = asyncio.run(run())
        self.assertEqual(answer["request_id"], "c1")
        self.assert_turnaround(answer["data"])
        self.assertEqual((error["data"]["code"], error["data"]["field"], error["request_id"]),
                         ("invalid_field", "data.notes[0].start", "c2"))

    def test_bad_input_gets_a_clear_error(self):
        cases = [
            ({"notes": [{"pitch": 60, "start": -0.5, "duration": 1}]}, 422, "invalid_field", "notes[0].start"),
            ({"notes": [{"pitch": 128, "start": 0, "duration": 1}]}, 422, "invalid_field", "notes[0].pitch"),
            ({"notes": [{"pitch": 60.5, "start": 0, "duration": 1}]}, 422, "invalid_field", "notes[0].pitch"),
            ({"notes": [{"pitch": 60, "start": 0, "duration": 0}]}, 422, "invalid_field", "notes[0].duration"),
            ({"notes": [{"pitch": 60, "start": 0}]}, 422, "invalid_field", "notes[0].duration"),
            ({"notes": [{"pitch": 60, "start": 0, "duration": 1, "channel": 2}]}, 422, "invalid_field", "notes[0].channel"),
            ({"notes": []}, 422, "invalid_field", "notes"),
            ({}, 422, "invalid_field", "notes"),
            ({"notes": block_notes(), "resolution": "half"}, 422, "invalid_field", "resolution"),
            ({"notes": block_notes(), "key": "H"}, 422, "invalid_key", "key"),
            ({"notes": block_notes(), "tempo": 0}, 422, "invalid_field", "tempo"),
            ({"notes": [{"pitch": 60, "start": 99999, "duration": 1}]}, 422, "invalid_field", "notes"),
        ]
        for body, status, code, field in cases:
            with self.subTest(body=json.dumps(body)[:80]):
                got, _, answer = http_json("POST", self.url, body)
                self.assertEqual((got, answer["error"]["code"], answer["error"]["field"]), (status, code, field))

        # NaN is not JSON: 400, not a chord.
        status, _, data = http("POST", self.url, raw=b'{"notes": [{"pitch": 60, "start": NaN, "duration": 1}]}')
        self.assertEqual((status, json.loads(data)["error"]["code"]), (400, "invalid_json"))
        # 100,000 notes are more than a body may hold; 12,000 more than an array may: refused
        # before any note is read.
        for count, status_code, code in ((100000, 413, "body_too_large"), (12000, 422, "array_too_long")):
            notes = [{"pitch": 60, "start": i % 100, "duration": 1} for i in range(count)]
            raw = json.dumps({"notes": notes}, separators=(",", ":")).encode()
            status, _, data = http("POST", self.url, raw=raw)
            self.assertEqual((status, json.loads(data)["error"]["code"]), (status_code, code))
        # A truncated file says where it ends.
        file = midi_file(block_notes())
        status, _, answer = http_json("POST", self.url, raw=file[:40], content_type="audio/midi")
        self.assertEqual((status, answer["error"]["code"]), (422, "invalid_midi"))
        self.assertIn("offset", answer["error"]["message"])
        # A file with drums only has nothing to read.
        status, _, answer = http_json("POST", self.url, raw=midi_file([], drums=True), content_type="audio/midi")
        self.assertEqual((status, answer["error"]["code"]), (422, "no_notes"))
        # Another media type, and a query parameter with a JSON body.
        status, _, answer = http_json("POST", self.url, raw=b"C Am F G", content_type="text/plain")
        self.assertEqual((status, answer["error"]["code"]), (415, "unsupported_media_type"))
        status, _, answer = http_json("POST", self.url + "?resolution=bar", {"notes": block_notes()})
        self.assertEqual((status, answer["error"]["field"]), (422, "resolution"))
        status, _, answer = http_json("POST", self.url + "?resolution=week", raw=file, content_type="audio/midi")
        self.assertEqual((status, answer["error"]["field"]), (422, "resolution"))


if __name__ == "__main__":
    unittest.main()
