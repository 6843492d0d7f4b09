"""The AI Band plugin's spec and its own network client (docs/PLUGIN.md), as they are written,
against the built server: the spec's three test scenarios, its REST register then /ws/sync with
no id, its messages with their fields beside "type" (camelCase transport_sync, generate_request
with "C major"), POST /api/midi/stream, and the client's ws://HOST:PORT/ws with the
generation_result and notification it reads. Run with /usr/bin/python3 (Debian's websockets).

    test_spec_client.py PATH-TO-ai-band-orchestrator
"""

import asyncio
import base64
import datetime
import io
import json
import os
import sys
import time
import unittest

import mido
import websockets

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plugin_client import RECV_TIMEOUT, Server, ahttp_json, http, http_json  # noqa: E402

APP = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator")


class Socket:
    """A WebSocket the way the spec and the plugin's client use one: JSON objects with their
    fields beside "type"."""

    def __init__(self, ws):
        self.ws = ws

    @classmethod
    async def open(cls, url):
        return cls(await asyncio.wait_for(websockets.connect(url, max_size=None), RECV_TIMEOUT))

    async def send(self, message):
        await self.ws.send(json.dumps(message))

    async def recv(self):
        return json.loads(await asyncio.wait_for(self.ws.recv(), RECV_TIMEOUT))

    async def expect(self, type_):
        message = await self.recv()
        if message.get("type") != type_:
            raise AssertionError(f"expected {type_}, got {json.dumps(message)[:400]}")
        return message

    async def nothing_pending(self, test):
        """Everything sent to this socket so far has arrived: a heartbeat's answer comes after it."""
        await self.send({"type": "heartbeat", "request_id": "fence"})
        message = await self.recv()
        test.assertEqual((message["type"], message.get("request_id")), ("heartbeat_response", "fence"),
                         f"a stray message: {json.dumps(message)[:400]}")

    async def close(self):
        await self.ws.close()


def iso(seconds_ago):
    moment = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=seconds_ago)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class SpecClientTest(unittest.TestCase):
    # A server per test: which plugins are registered matters to /ws/sync without an id.
    def setUp(self):
        self.server = Server(APP)
        self.base = self.server.base

    def tearDown(self):
        self.assertEqual(self.server.terminate(), 0)
        self.server.close()

    def post(self, path, body=None):
        return http_json("POST", self.base + path, body)

    # --- the spec's own test scenarios

    def test_register_then_status_is_connected(self):
        status, _, registered = self.post("/api/plugin/register", {"plugin_id": "test_plugin"})
        self.assertEqual(status, 200, registered)
        status, _, answer = http_json("GET", self.base + "/api/plugin/status?plugin_id=test_plugin")
        self.assertEqual(status, 200, answer)
        self.assertEqual(answer["status"], "connected")
        self.assertEqual(answer["plugins"][0]["status"], "connected")
        self.assertIs(answer["plugins"][0]["connected"], False)   # no WebSocket yet: ours says so

    def test_transport_start_moves_and_stop_returns_to_zero(self):
        status, _, started = self.post("/api/transport/start", {"tempo": 120})
        self.assertEqual(status, 200, started)
        deadline = time.monotonic() + 5
        position = 0.0
        while position <= 0.0 and time.monotonic() < deadline:
            position = http_json("GET", self.base + "/api/transport/position")[2]["current_beat"]
        self.assertGreater(position, 0.0)
        status, _, stopped = self.post("/api/transport/stop")
        self.assertEqual(status, 200, stopped)
        self.assertIs(stopped["is_playing"], False)
        self.assertEqual(http_json("GET", self.base + "/api/transport/position")[2]["current_beat"], 0.0)

    # --- REST register, then /ws/sync with no id

    def test_ws_sync_without_id_is_the_plugin_registered_over_http(self):
        asyncio.run(self.ws_sync_after_register())

    async def ws_sync_after_register(self):
        for plugin in ("spec-a", "spec-b"):
            status, _, answer = await ahttp_json("POST", self.base + "/api/plugin/register", {"plugin_id": plugin})
            self.assertEqual(status, 200, answer)
        sockets = []
        try:
            # The newest registration first, then the other; a third has nobody left to be.
            for expected in ("spec-b", "spec-a", None):
                socket = await Socket.open(self.server.ws_base + "/ws/sync")
                sockets.append(socket)
                confirmed = await socket.expect("connection_confirmed")
                self.assertEqual(confirmed["data"]["plugin_id"], expected)
            b, a, nobody = sockets
            status, _, answer = await ahttp_json("GET", self.base + "/api/plugin/status?plugin_id=spec-a")
            self.assertIs(answer["plugins"][0]["connected"], True)

            # The spec's transport_sync from a plugin: camelCase, beside "type", with when the DAW
            # was there. Half a second ago at 120 BPM is one beat ago.
            await a.send({"type": "transport_sync", "isPlaying": True, "currentBeat": 16.75, "tempo": 120.0,
                          "timestamp": iso(0.5)})
            heard = await b.expect("transport_sync")
            self.assertEqual(heard["data"]["source_plugin_id"], "spec-a")
            self.assertIs(heard["isPlaying"], True)
            self.assertEqual(heard["tempo"], 120.0)
            self.assertGreater(heard["currentBeat"], 17.6)
            self.assertLess(heard["currentBeat"], 18.5)
            self.assertAlmostEqual(heard["currentBeat"], heard["data"]["current_beat"], places=6)
            datetime.datetime.fromisoformat(heard["timestamp"].replace("Z", "+00:00"))
            await a.nothing_pending(self)   # the sender hears nothing of its own update

            # Refusals name the field as it was written.
            await a.send({"type": "transport_sync", "isPlaying": True, "is_playing": True})
            error = await a.expect("error")
            self.assertEqual((error["data"]["code"], error["data"]["field"]), ("invalid_field", "isPlaying"))
            await a.send({"type": "transport_sync", "currentBeat": 3, "timestamp": iso(60)})
            error = await a.expect("error")
            self.assertEqual((error["data"]["code"], error["data"]["field"]), ("invalid_field", "timestamp"))
            await a.send({"type": "transport_sync", "data": {"tempo": 100}, "tempo": 100})
            self.assertEqual((await a.expect("error"))["data"]["code"], "invalid_message")
            await a.send({"type": "heartbeat", "colour": "red"})
            error = await a.expect("error")
            self.assertEqual((error["data"]["code"], error["data"]["field"]), ("invalid_field", "colour"))
            await a.send({"type": "heartbeat", "data": {"colour": "red"}})
            self.assertEqual((await a.expect("error"))["data"]["field"], "data.colour")
            await nobody.send({"type": "transport_sync", "isPlaying": False})
            self.assertEqual((await nobody.expect("error"))["data"]["code"], "not_registered")
        finally:
            for socket in sockets:
                await socket.close()
            await ahttp_json("POST", self.base + "/api/transport/stop")

    # --- generation as the spec and the client ask for it

    def test_spec_generate_request_and_the_clients_generation_result(self):
        asyncio.run(self.spec_generation())

    async def spec_generation(self):
        plugin = await Socket.open(self.server.ws_base + "/ws/spec-gen")
        client = await Socket.open(self.server.ws_base + "/ws")          # the plugin's own client
        other = await Socket.open(self.server.ws_base + "/ws/spec-other")
        try:
            for socket in (plugin, client, other):
                await socket.expect("connection_confirmed")
            await plugin.send({"type": "generate_request", "track_types": ["bass", "drums"],
                               "chord_progression": "C-Am-F-G", "tempo": 90, "duration": 32, "key": "A minor",
                               "request_id": "spec-1"})
            complete = await plugin.expect("generation_complete")
            self.assertEqual(complete["request_id"], "spec-1")
            metadata = complete["data"]["metadata"]
            self.assertEqual((metadata["tempo"], metadata["key"], metadata["duration_beats"]), (90, "Am", 32))
            names = {f["track_type"]: f["filename"] for f in complete["data"]["files"]}
            self.assertEqual(set(names), {"bass", "drums"})
            await plugin.expect("files_ready")
            for _ in names:
                ready = await plugin.expect("midi_ready")
                # The spec's four fields beside "type", its key spelling; ours in data.
                self.assertEqual(ready["filename"], names[ready["track_type"]])
                self.assertEqual((ready["duration"], ready["key"]), (32, "A minor"))
                self.assertEqual(ready["data"]["key"], "Am")

            # The take, as the plugin's client reads it: the very files, base64, beside "type".
            stored = {part: http("GET", f"{self.base}/files/{name}")[2] for part, name in names.items()}
            for socket in (plugin, client):
                result = await socket.expect("generation_result")
                self.assertEqual(base64.b64decode(result["bass_data"], validate=True), stored["bass"])
                self.assertEqual(base64.b64decode(result["drum_data"], validate=True), stored["drums"])
                self.assertEqual(result["generation_id"], complete["data"]["generation_id"])
                notice = await socket.expect("notification")
                self.assertEqual(notice["message"], "New take: bass and drums, 90 BPM, A minor")
            # A take plays at its tempo in the notes' own track (the plugin's reader).
            bass = mido.MidiFile(file=io.BytesIO(base64.b64decode(result["bass_data"])))
            self.assertIn(666667, [m.tempo for t in bass.tracks if any(x.type == "note_on" for x in t)
                                   for m in t if m.type == "set_tempo"])
            await other.nothing_pending(self)   # another plugin's take is not announced to it

            # The plugin's client path for a generation: its take reaches the listener too.
            status, _, answer = await ahttp_json("POST", self.base + "/generate",
                                                 {"chords": ["D", "G"], "tempo": 100, "key": "D major"}, timeout=30)
            self.assertEqual(status, 200, answer)
            result = await client.expect("generation_result")
            with open(answer["bass_file"], "rb") as published:
                self.assertEqual(base64.b64decode(result["bass_data"]), published.read())
            self.assertIn("100 BPM, D major", (await client.expect("notification"))["message"])
            await other.nothing_pending(self)
        finally:
            for socket in (plugin, client, other):
                await socket.close()

    # --- every track type the spec lists

    def test_the_specs_four_track_types_each_get_a_file(self):
        status, _, answer = self.post("/api/midi/generate", {"track_types": ["bass", "drums", "keys", "guitar"],
                                                             "chord_progression": "C-Am-F-G", "tempo": 120,
                                                             "duration": 16, "key": "C major", "seed": 4})
        self.assertEqual(status, 200, answer)
        details = {d["track_type"]: d for d in answer["file_details"]}
        self.assertEqual(list(details), ["bass", "drums", "keys", "guitar"])
        guitar = mido.MidiFile(file=io.BytesIO(http("GET", details["guitar"]["url"])[2]))
        channels = {m.channel for t in guitar.tracks for m in t if m.type == "note_on"}
        self.assertEqual(channels, {2})   # channel 3, zero-based
        self.assertGreater(details["guitar"]["note_count"], 0)

    # --- POST /api/midi/stream

    def test_midi_stream_answers_the_files_bytes(self):
        status, _, made = self.post("/api/generate", {"chord_progression": {"chords": "C | G"}, "track_types": ["bass"],
                                                      "seed": 3})
        self.assertEqual(status, 200, made)
        name = made["files"][0]
        stored = http("GET", f"{self.base}/api/files/{name}")[2]
        for field in ("file_id", "filename"):
            status, headers, data = http("POST", self.base + "/api/midi/stream", {field: name})
            self.assertEqual((status, headers["Content-Type"]), (200, "audio/midi"))
            self.assertEqual(data, stored)
        for body, code, field in (({"file_id": name, "filename": name}, 422, "filename"),
                                  ({"file_id": name, "offset": 10}, 422, "offset"),
                                  ({"file_id": 7}, 422, "file_id"),
                                  ({}, 422, "file_id")):
            status, _, answer = http_json("POST", self.base + "/api/midi/stream", body)
            self.assertEqual((status, answer["error"]["field"]), (code, field), answer)
        status, _, answer = http_json("POST", self.base + "/api/midi/stream",
                                      {"file_id": "20990101-000000-000_bass_C_120_000000.mid"})
        self.assertEqual((status, answer["error"]["code"]), (404, "file_not_found"))

    # --- nothing silently dropped on the spec's REST paths

    def test_fields_no_endpoint_reads_are_refused(self):
        cases = [("/api/plugin/register", {"plugin_id": "x1", "capabilities": ["bass"]}, "capabilities"),
                 ("/api/plugin/heartbeat", {"plugin_id": "x1", "status": "ok"}, "status"),
                 ("/api/transport/start", {"tempo": 100, "bar": 2}, "bar"),
                 ("/api/transport/stop", {"now": True}, "now"),
                 ("/api/transport/reset", {"tempo": 120}, "tempo"),
                 ("/api/transport/sync", {"isPlaying": True, "is_playing": False}, "isPlaying"),
                 ("/api/transport/sync", {"playing": True}, "playing"),
                 ("/api/files/x/regenerate", {"seed": 1, "style": "funk"}, "style")]
        for path, body, field in cases:
            with self.subTest(path=path, field=field):
                status, _, answer = self.post(path, body)
                self.assertEqual((status, answer["error"]["code"], answer["error"]["field"]),
                                 (422, "invalid_field", field), answer)
        for path, field in (("/api/files?sort=name", "sort"), ("/api/plugin/status?plugin_id=x1&verbose=1", "verbose"),
                            ("/health?x=1", "x")):
            with self.subTest(path=path):
                status, _, answer = http_json("GET", self.base + path)
                self.assertEqual((status, answer["error"]["code"], answer["error"]["field"]),
                                 (422, "invalid_field", field), answer)
        self.assertEqual(self.post("/api/plugin/register", {"plugin_id": "x1"})[0], 200)
        status, _, echoed = self.post("/api/plugin/heartbeat", {"plugin_id": "x1", "timestamp": 12.5})
        self.assertEqual((status, echoed["client_timestamp"]), (200, 12.5), echoed)


if __name__ == "__main__":
    unittest.main(verbosity=2)
