#!/usr/bin/python3
"""Independent check of the real binary with Python's own clients (Debian packages only).

Starts ai-band-orchestrator --headless on a free port, sends the seed README's example
request with urllib, downloads every generated file over HTTP, and parses it with mido,
failing on any structural problem. Then talks to the WebSocket endpoint with `websockets`.

Usage: test_seed_example.py /path/to/ai-band-orchestrator
"""

import asyncio
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.request

import mido
import websockets

APP = sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator"

# The original README's request body, shared with the C++ tests.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "seed_example.json")) as f:
    SEED_EXAMPLE = json.load(f)

SEED_ENV = {"HOST", "PORT", "DEBUG", "GENERATED_FILES_DIR", "CLEANUP_HOURS", "MAX_FILES",
            "LOG_LEVEL", "BACKEND_TIMEOUT", "BACKEND_PATH"}


def request(url, body=None, method=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=10) as reply:
            return reply.status, reply.headers, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def check_midi_structure(test, data, track_type, tempo_bpm, beats):
    """Every structural rule of MUSIC.md 'Files' that a parser can see."""
    midi = mido.MidiFile(file=io.BytesIO(data))
    test.assertEqual(midi.type, 1)
    test.assertEqual(midi.ticks_per_beat, 480)
    test.assertGreaterEqual(len(midi.tracks), 2)
    end_tick = round(beats * 480)

    conductor = midi.tracks[0]
    at_zero = {}
    tick = 0
    for message in conductor:
        tick += message.time
        if tick == 0:
            at_zero[message.type] = message
    for required in ("track_name", "set_tempo", "time_signature", "key_signature"):
        test.assertIn(required, at_zero, f"{required} missing at tick 0")
    test.assertEqual(at_zero["set_tempo"].tempo, round(60_000_000 / tempo_bpm))
    test.assertEqual((at_zero["time_signature"].numerator, at_zero["time_signature"].denominator), (4, 4))

    for track in midi.tracks[1:]:
        names = [m for m in track if m.type == "track_name"]
        test.assertTrue(names, "part track has no name")
        test.assertTrue(any(m.type == "program_change" for m in track), "no program change")
        sounding = {}
        tick = 0
        notes = 0
        for message in track:
            tick += message.time
            test.assertLessEqual(tick, end_tick, f"{message} after the song end")
            if message.type == "note_on" and message.velocity > 0:
                key = (message.channel, message.note)
                test.assertNotIn(key, sounding, f"overlapping {key} at tick {tick}")
                sounding[key] = tick
                notes += 1
                if track_type == "drums":
                    test.assertEqual(message.channel, 9)
                    test.assertTrue(35 <= message.note <= 81, message.note)
                else:
                    test.assertNotEqual(message.channel, 9)
            elif message.type == "note_off" or (message.type == "note_on" and message.velocity == 0):
                key = (message.channel, message.note)
                test.assertIn(key, sounding, f"note-off without note-on: {key}")
                del sounding[key]
        test.assertEqual(sounding, {}, "notes left sounding at the end")
        test.assertGreater(notes, 0)
        test.assertEqual(track[-1].type, "end_of_track")
        test.assertEqual(tick, end_tick)


class SeedExampleTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        env = {k: v for k, v in os.environ.items() if k not in SEED_ENV and not k.startswith("AIBAND_")}
        env.update(XDG_CONFIG_HOME=os.path.join(self.dir.name, "config"),
                   XDG_DATA_HOME=os.path.join(self.dir.name, "data"))
        self.files_dir = os.path.join(self.dir.name, "files")
        self.app = subprocess.Popen([APP, "--headless", "--port", "0", "--files-dir", self.files_dir],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                    cwd=self.dir.name, text=True)
        line = self.app.stdout.readline()  # blocks until the app says where it listens
        match = re.search(r"listening on (http://\S+)", line)
        self.assertIsNotNone(match, f"unexpected first line: {line!r}")
        self.base = match.group(1)

    def tearDown(self):
        self.app.send_signal(signal.SIGTERM)
        self.assertEqual(self.app.wait(timeout=10), 0)
        self.app.stdout.close()
        self.dir.cleanup()

    def test_seed_example_gives_two_midi_files_mido_reads(self):
        status, _, body = request(self.base + "/api/generate", SEED_EXAMPLE)
        self.assertEqual(status, 200, body)
        reply = json.loads(body)
        self.assertTrue(reply["success"])
        self.assertEqual(len(reply["files"]), 2)
        self.assertEqual([d["track_type"] for d in reply["file_details"]], ["bass", "drums"])
        for detail in reply["file_details"]:
            status, headers, data = request(detail["url"])
            self.assertEqual(status, 200)
            self.assertEqual(headers["Content-Type"], "audio/midi")
            with open(os.path.join(self.files_dir, detail["filename"]), "rb") as on_disk:
                self.assertEqual(data, on_disk.read())
            check_midi_structure(self, data, detail["track_type"], 120, 8.0)

    def test_readme_curl_example_and_all_parts(self):
        body = {"chord_progression": {"chords": [{"chord": "C", "start_time": 0, "duration": 4}], "tempo": 120},
                "track_types": ["bass"]}
        status, _, reply = request(self.base + "/api/generate", body)
        self.assertEqual(status, 200, reply)
        body = {"chord_progression": {"chords": [{"chord": "Dm7", "duration": 4}, {"chord": "G7/B", "duration": 4},
                                                 {"chord": "N.C.", "duration": 2}, {"chord": "Cmaj7", "duration": 6}],
                                      "tempo": 96, "duration": 32},
                "track_types": ["bass", "drums", "keys"], "seed": 11}
        status, _, reply = request(self.base + "/api/generate", body)
        self.assertEqual(status, 200, reply)
        for detail in json.loads(reply)["file_details"]:
            _, _, data = request(detail["url"])
            check_midi_structure(self, data, detail["track_type"], 96, 32.0)

    def test_errors_are_json_with_code_and_field(self):
        status, _, body = request(self.base + "/api/generate",
                                  {"chord_progression": {"chords": [{"chord": "C"}, {"chord": "H7"}]}})
        self.assertEqual(status, 422)
        error = json.loads(body)["error"]
        self.assertEqual(error["code"], "unknown_chord")
        self.assertEqual(error["field"], "chord_progression.chords[1].chord")
        self.assertIn("H7", error["message"])
        status, _, body = request(self.base + "/api/files/..%2f..%2fetc%2fpasswd")
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body)["error"]["field"], "filename")

    def test_websocket_session(self):
        ws_url = self.base.replace("http://", "ws://") + "/ws/py-plugin"

        async def session():
            async with websockets.connect(ws_url) as ws:
                confirmed = json.loads(await asyncio.wait_for(ws.recv(), 5))
                self.assertEqual(confirmed["type"], "connection_confirmed")
                self.assertEqual(confirmed["data"]["plugin_id"], "py-plugin")
                await ws.send(json.dumps({"type": "heartbeat", "request_id": "r-1"}))
                reply = json.loads(await asyncio.wait_for(ws.recv(), 5))
                self.assertEqual(reply["type"], "heartbeat_response")
                self.assertEqual(reply["request_id"], "r-1")

                status, _, body = request(self.base + "/health")
                self.assertEqual(json.loads(body)["plugins_connected"], 1)

                generated = dict(SEED_EXAMPLE, plugin_id="py-plugin")
                status, _, body = await asyncio.get_running_loop().run_in_executor(
                    None, request, self.base + "/api/generate", generated)
                self.assertEqual(status, 200)
                ready = json.loads(await asyncio.wait_for(ws.recv(), 5))
                self.assertEqual(ready["type"], "files_ready")
                self.assertEqual(ready["data"]["files"], json.loads(body)["files"])

        asyncio.run(session())


if __name__ == "__main__":
    unittest.main(verbosity=2)
