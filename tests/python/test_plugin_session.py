#!/usr/bin/python3
"""A plugin session end to end, as a real plugin plays it, against the built binary (docs/PROTOCOL.md).

register over HTTP -> WebSocket -> heartbeat -> transport -> generate -> download -> list ->
delete -> status -> close, then the errors a plugin author meets, then SIGTERM with a session
still open. Python's own clients only: urllib, websockets 10 and mido (Debian packages).

Usage: /usr/bin/python3 test_plugin_session.py /path/to/ai-band-orchestrator [unittest args]
"""

import asyncio
import io
import json
import os
import re
import sys
import time
import unittest

import mido
import websockets

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plugin_client import Plugin, Server, ahttp_json, http, http_json  # noqa: E402

APP = sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator"

ISO_UTC_MS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
PLUGIN_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

FLAT_REQUEST = {"chords": "C-Am-F-G", "bars": 4, "style": "rock", "track_types": ["bass", "drums"]}
GENERATION_REPLY_TYPES = {"generation_complete", "files_ready", "midi_ready"}


class PluginSessionTest(unittest.TestCase):
    def setUp(self):
        self.server = Server(APP)
        self.base = self.server.base

    def tearDown(self):
        try:
            if self.server.process.poll() is None:
                self.assertEqual(self.server.terminate(), 0)
        finally:
            self.server.close()

    # Helpers -------------------------------------------------------------------------------

    async def fence(self, plugin, tag):
        """A heartbeat whose response must be the plugin's very next message: nothing else was queued."""
        await plugin.send("heartbeat", request_id=tag)
        reply = await plugin.recv()
        self.assertEqual((reply["type"], reply.get("request_id")), ("heartbeat_response", tag),
                         f"{plugin.plugin_id} received an unexpected message: {json.dumps(reply)[:500]}")

    async def generation_replies(self, plugin, request_id, file_count):
        """generation_complete, files_ready and one midi_ready per file, in whatever order they come
        (test_generation_replies_come_in_protocol_order checks the order on its own)."""
        replies = [await plugin.recv() for _ in range(2 + file_count)]
        for reply in replies:
            self.assertIn(reply["type"], GENERATION_REPLY_TYPES, json.dumps(reply)[:500])
        by_type = {t: [r for r in replies if r["type"] == t] for t in GENERATION_REPLY_TYPES}
        self.assertEqual(len(by_type["generation_complete"]), 1)
        self.assertEqual(len(by_type["files_ready"]), 1)
        self.assertEqual(len(by_type["midi_ready"]), file_count)
        complete = by_type["generation_complete"][0]
        self.assertEqual(complete.get("request_id"), request_id)
        return complete, by_type["files_ready"][0], by_type["midi_ready"], [r["type"] for r in replies]

    def check_midi(self, data, track_type, beats):
        midi = mido.MidiFile(file=io.BytesIO(data))
        self.assertEqual(midi.type, 1)
        self.assertEqual(midi.ticks_per_beat, 480)
        self.assertGreaterEqual(len(midi.tracks), 2)
        conductor_types = {m.type for m in midi.tracks[0]}
        for required in ("set_tempo", "time_signature", "key_signature"):
            self.assertIn(required, conductor_types)
        notes = 0
        for track in midi.tracks[1:]:
            tick = 0
            for message in track:
                tick += message.time
                if message.type == "note_on" and message.velocity > 0:
                    notes += 1
                    if track_type == "drums":
                        self.assertEqual(message.channel, 9)
                    else:
                        self.assertNotEqual(message.channel, 9)
            self.assertEqual(track[-1].type, "end_of_track")
            self.assertEqual(tick, round(beats * 480))
        self.assertGreater(notes, 0)

    async def wait_until(self, predicate, timeout=5.0, what="condition"):
        """Polls an HTTP-visible condition (a disconnect has no other signal) up to a deadline."""
        deadline = time.monotonic() + timeout
        while True:
            value = await predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                self.fail(f"timed out after {timeout} s waiting for {what}")
            await asyncio.sleep(0.02)

    # The session ---------------------------------------------------------------------------

    def test_session_end_to_end(self):
        asyncio.run(asyncio.wait_for(self.session(), 60))

    async def session(self):
        base = self.base

        # 1. Register over HTTP, letting the server make the id.
        status, _, reg = await ahttp_json("POST", base + "/api/plugin/register",
                                          {"name": "AI Band Plugin", "version": "1.0", "daw": "Reaper"})
        self.assertEqual(status, 200, reg)
        plugin_id = reg["plugin_id"]
        self.assertRegex(plugin_id, PLUGIN_ID)
        self.assertIs(reg["registered"], True)
        self.assertEqual(reg["websocket_url"], f"{self.server.ws_base}/ws/{plugin_id}")
        self.assertEqual(reg["heartbeat_interval"], 30)
        self.assertEqual(reg["connection_timeout"], 90)
        self.assertIsInstance(reg["server_version"], str)

        status, _, before = await ahttp_json("GET", f"{base}/api/plugin/status?plugin_id={plugin_id}")
        self.assertEqual(status, 200, before)
        self.assertEqual(before["count"], 1)
        entry = before["plugins"][0]
        self.assertEqual((entry["plugin_id"], entry["name"], entry["version"], entry["daw"]),
                         (plugin_id, "AI Band Plugin", "1.0", "Reaper"))
        self.assertIs(entry["connected"], False)
        self.assertIsNone(entry["transport"])

        # 2. Connect the URL it gave.
        plugin = await Plugin.connect(self.server, plugin_id, url=reg["websocket_url"])
        confirmed = await plugin.expect("connection_confirmed")
        data = confirmed["data"]
        self.assertEqual(data["plugin_id"], plugin_id)
        self.assertEqual(data["server_version"], reg["server_version"])
        self.assertEqual((data["heartbeat_interval"], data["connection_timeout"]), (30, 90))
        self.assertRegex(data["timestamp"], ISO_UTC_MS)
        self.assertNotIn("request_id", confirmed)

        # 3. Heartbeat; the request id comes back.
        await plugin.send("heartbeat", {"timestamp": 12.5}, request_id="hb-1")
        beat = await plugin.expect("heartbeat_response")
        self.assertEqual(beat["request_id"], "hb-1")
        self.assertEqual(beat["data"]["client_timestamp"], 12.5)
        self.assertRegex(beat["data"]["timestamp"], ISO_UTC_MS)

        # A second plugin, on /ws/sync?plugin_id=.
        other = await Plugin.connect(self.server, "keys-2", via_sync=True)
        self.assertEqual((await other.expect("connection_confirmed"))["data"]["plugin_id"], "keys-2")

        # 4. Transport: the update reaches the other plugin, and the position runs on.
        await plugin.send("transport_update", {"is_playing": True, "current_beat": 8.0, "tempo": 120,
                                               "time_signature": "3/4"}, request_id="tr-1")
        sync = await other.expect("transport_sync")
        self.assertNotIn("request_id", sync, "a broadcast is not a reply to the receiver's message")
        sync = sync["data"]
        self.assertEqual(sync["source_plugin_id"], plugin_id)
        self.assertEqual(sync["source"], plugin_id)
        self.assertIs(sync["is_playing"], True)
        self.assertEqual((sync["tempo"], sync["time_signature"]), (120, "3/4"))
        self.assertGreaterEqual(sync["current_beat"], 8.0)
        self.assertLess(sync["current_beat"], 8.0 + 2 * 5)  # 120 BPM: 2 beats a second, within 5 s
        self.assertRegex(sync["updated_at"], ISO_UTC_MS)

        t0 = time.monotonic()
        status, _, first = await ahttp_json("GET", base + "/api/transport/position")
        t1 = time.monotonic()
        self.assertEqual(status, 200)
        await asyncio.sleep(0.1)  # lets time pass (not synchronisation): the position must move
        t2 = time.monotonic()
        status, _, second = await ahttp_json("GET", base + "/api/transport/position")
        t3 = time.monotonic()
        self.assertIs(first["is_playing"], True)
        self.assertEqual(first["source"], plugin_id)
        self.assertGreaterEqual(first["current_beat"], sync["current_beat"])
        self.assertGreater(second["current_beat"], first["current_beat"])
        moved = second["current_beat"] - first["current_beat"]
        # At 120 BPM the server's clock advanced between (t2 - t1) and (t3 - t0) seconds.
        self.assertGreaterEqual(moved, 2 * (t2 - t1) - 0.01)
        self.assertLessEqual(moved, 2 * (t3 - t0) + 0.01)

        status, _, stopped = await ahttp_json("POST", base + "/api/transport/stop")
        self.assertEqual(status, 200, stopped)
        self.assertIs(stopped["is_playing"], False)
        self.assertEqual(stopped["source"], "http")
        self.assertEqual(stopped["current_beat"], 0.0)   # stop rewinds, as the plugin's spec expects
        # Every plugin follows an HTTP stop; the update's own sender got nothing for its update,
        # so this is its next message.
        for receiver in (plugin, other):
            stop_sync = (await receiver.expect("transport_sync"))["data"]
            self.assertIs(stop_sync["is_playing"], False)
            self.assertEqual(stop_sync["source_plugin_id"], "http")
            self.assertEqual(stop_sync["current_beat"], stopped["current_beat"])
        status, _, still = await ahttp_json("GET", base + "/api/transport/position")
        await asyncio.sleep(0.1)  # time passes; a stopped transport stays at 0
        status, _, later = await ahttp_json("GET", base + "/api/transport/position")
        self.assertEqual(still["current_beat"], stopped["current_beat"])
        self.assertEqual(later["current_beat"], stopped["current_beat"])
        self.assertIs(later["is_playing"], False)
        # bar from 1, beat_in_bar from 0, in 3/4
        self.assertEqual(later["bar"], int(later["current_beat"] // 3) + 1)
        self.assertAlmostEqual(later["beat_in_bar"], later["current_beat"] - (later["bar"] - 1) * 3, places=6)

        # 5. Generate in the plugin's flat form.
        await plugin.send("generate_request", FLAT_REQUEST, request_id="gen-req-1")
        complete, ready, midi_ready, _ = await self.generation_replies(plugin, "gen-req-1", 2)
        details = complete["data"]["files"]
        self.assertEqual([d["track_type"] for d in details], ["bass", "drums"])
        names = [d["filename"] for d in details]
        metadata = complete["data"]["metadata"]
        self.assertEqual(metadata["style"], "rock")
        self.assertEqual((metadata["duration_beats"], metadata["bars"], metadata["chord_count"]), (16, 4, 4))
        self.assertEqual(metadata["key"], "C")
        self.assertIn("timings_ms", complete["data"])
        generation_id = complete["data"]["generation_id"]
        self.assertIsInstance(generation_id, str)

        self.assertEqual(ready["data"]["files"], names, "files_ready: data.files is the list of names")
        self.assertTrue(all(isinstance(n, str) for n in ready["data"]["files"]))
        self.assertEqual(ready["data"]["details"], details)
        self.assertEqual(ready["data"]["generation_id"], generation_id)

        self.assertEqual(sorted(m["data"]["filename"] for m in midi_ready), sorted(names))
        for message in midi_ready:
            m = message["data"]
            detail = details[names.index(m["filename"])]
            self.assertEqual(m["track_type"], detail["track_type"])
            self.assertEqual(m["duration"], 16)
            self.assertEqual(m["key"], "C")
            self.assertEqual(m["tempo"], metadata["tempo"])
            self.assertEqual((m["url"], m["path"]), (detail["url"], detail["path"]))
            self.assertEqual(m["url"], f"{base}/api/files/{m['filename']}")
            # Every take is kept in takes/; the newest is also where a folder-watching plugin looks:
            # the shared folder and this plugin's own.
            self.assertEqual(os.path.dirname(m["path"]), os.path.realpath(os.path.join(self.server.files_dir, "takes")))
            for folder in (self.server.files_dir, os.path.join(self.server.files_dir, "plugins", plugin_id)):
                with open(os.path.join(folder, m["filename"]), "rb") as published, open(m["path"], "rb") as take:
                    self.assertEqual(published.read(), take.read())

        # 6. Download each file; it is the file on disk, and mido reads it.
        sizes = {}
        for message in midi_ready:
            m = message["data"]
            status, headers, data = await asyncio.to_thread(http, "GET", m["url"])
            self.assertEqual(status, 200)
            self.assertEqual(headers["Content-Type"], "audio/midi")
            with open(m["path"], "rb") as on_disk:
                self.assertEqual(data, on_disk.read())
            self.assertEqual(len(data), m["size_bytes"])
            self.check_midi(data, m["track_type"], 16)
            sizes[m["filename"]] = len(data)

        # 7. The list has them, with key and tempo.
        status, _, listing = await ahttp_json("GET", base + "/api/midi/list")
        self.assertEqual(status, 200)
        self.assertEqual(listing["count"], len(listing["files"]))
        listed = {f["file_id"]: f for f in listing["files"]}
        for name in names:
            self.assertIn(name, listed)
            f = listed[name]
            self.assertEqual(f["filename"], name)
            self.assertEqual((f["key"], f["tempo"]), ("C", metadata["tempo"]))
            self.assertEqual(f["track_type"], details[names.index(name)]["track_type"])
            self.assertEqual(f["size_bytes"], sizes[name])
            self.assertEqual(f["url"], f"{base}/api/files/{name}")

        # 8. Delete one: 200, then 404, and it is gone.
        gone = names[0]
        status, _, deleted = await ahttp_json("DELETE", f"{base}/api/midi/{gone}")
        self.assertEqual(status, 200, deleted)
        self.assertEqual(deleted, {"success": True, "deleted": gone, "message": f"Deleted {gone}"})
        # It left the watched folders too, not only the takes.
        self.assertFalse(os.path.exists(os.path.join(self.server.files_dir, gone)))
        status, _, again = await ahttp_json("DELETE", f"{base}/api/midi/{gone}")
        self.assertEqual(status, 404, again)
        self.assertEqual(again["error"]["code"], "file_not_found")
        status, _, listing = await ahttp_json("GET", base + "/api/midi/list")
        remaining = {f["file_id"] for f in listing["files"]}
        self.assertNotIn(gone, remaining)
        self.assertIn(names[1], remaining)
        self.assertFalse(os.path.exists(details[0]["path"]))

        # 9. Status: connected, two files, its transport.
        status, _, now = await ahttp_json("GET", f"{base}/api/plugin/status?plugin_id={plugin_id}")
        self.assertEqual(status, 200, now)
        entry = now["plugins"][0]
        self.assertIs(entry["connected"], True)
        self.assertEqual(entry["files_generated"], 2)
        self.assertEqual((entry["name"], entry["version"], entry["daw"]), ("AI Band Plugin", "1.0", "Reaper"))
        self.assertRegex(entry["last_heartbeat"], ISO_UTC_MS)
        self.assertRegex(entry["connected_since"], ISO_UTC_MS)
        transport = entry["transport"]
        self.assertIsNotNone(transport)
        self.assertEqual((transport["is_playing"], transport["current_beat"], transport["tempo"],
                          transport["time_signature"]), (True, 8.0, 120, "3/4"))
        self.assertRegex(transport["updated_at"], ISO_UTC_MS)
        status, _, everyone = await ahttp_json("GET", base + "/api/plugin/status")
        self.assertEqual({p["plugin_id"] for p in everyone["plugins"]}, {plugin_id, "keys-2"})
        self.assertEqual(everyone["count"], 2)

        # The other plugin never heard of these files.
        await self.fence(other, "fence-1")

        # 10. Close: the status says so.
        await plugin.close()
        self.assertEqual(plugin.ws.close_code, 1000)

        async def disconnected():
            _, _, reply = await ahttp_json("GET", f"{base}/api/plugin/status?plugin_id={plugin_id}")
            return reply["plugins"][0]["connected"] is False
        await self.wait_until(disconnected, what=f"{plugin_id} to show connected: false")

        # 11. SIGTERM with the other plugin still connected: closed with 1001, exit status 0.
        receiving = asyncio.ensure_future(other.recv(timeout=10))
        exit_status = await asyncio.to_thread(self.server.terminate)
        with self.assertRaises(websockets.ConnectionClosed) as closed:
            await receiving
        received = closed.exception.rcvd
        self.assertIsNotNone(received, "the server sent no close frame")
        self.assertEqual(received.code, 1001)
        self.assertEqual(exit_status, 0)

    # The order of the replies to a generation ------------------------------------------------

    def test_generation_replies_come_in_protocol_order(self):
        """PROTOCOL.md: generate_request -> generation_complete, then files_ready and midi_ready per file."""
        async def run():
            plugin = await Plugin.connect(self.server, "order-1")
            await plugin.expect("connection_confirmed")
            await plugin.send("generate_request", FLAT_REQUEST, request_id="gen-order")
            *_, order = await self.generation_replies(plugin, "gen-order", 2)
            await plugin.close()
            return order
        order = asyncio.run(asyncio.wait_for(run(), 30))
        self.assertEqual(order, ["generation_complete", "files_ready", "midi_ready", "midi_ready"])

    # The errors a plugin author meets ----------------------------------------------------------

    def test_errors_a_plugin_author_meets(self):
        asyncio.run(asyncio.wait_for(self.errors(), 60))

    async def errors(self):
        base = self.base
        plugin = await Plugin.connect(self.server, "err-1")
        await plugin.expect("connection_confirmed")
        bystander = await Plugin.connect(self.server, "bystander-1", via_sync=True)
        await bystander.expect("connection_confirmed")

        # An unknown message type: named, with the known ones listed; request id echoed.
        await plugin.send("play_solo", {}, request_id="u-1")
        error = await plugin.expect("error")
        self.assertEqual(error["request_id"], "u-1")
        self.assertEqual((error["data"]["code"], error["data"]["field"]), ("unknown_type", "type"))
        self.assertIn("play_solo", error["data"]["message"])
        for known in ("heartbeat", "transport_update", "generate_request", "generation_request"):
            self.assertIn(known, error["data"]["message"])

        # Invalid JSON, and JSON that is not an object.
        for text in ('{"type": "heartbeat", "request_id": "x"', "[1, 2]", "not json"):
            await plugin.send_raw(text)
            error = await plugin.expect("error")
            self.assertEqual(error["data"]["code"], "invalid_json", text)
            self.assertIn("message", error["data"])

        # A numeric request id is echoed as a number.
        await plugin.send("play_solo", request_id=42)
        self.assertEqual((await plugin.expect("error"))["request_id"], 42)

        # An unknown chord in the flat form: field data.chords, code unknown_chord.
        await plugin.send("generate_request", {"chords": "C-Am-Fxyz-G", "bars": 4}, request_id="bad-chord")
        error = await plugin.expect("error")
        self.assertEqual(error["request_id"], "bad-chord")
        self.assertEqual(error["data"]["code"], "unknown_chord")
        self.assertEqual(error["data"]["field"], "data.chords")
        self.assertIn("Fxyz", error["data"]["message"])

        # The session lives on, and nothing else was sent to it or to anyone else.
        await self.fence(plugin, "after-errors")
        await self.fence(bystander, "bystander-fence")
        status, _, listing = await ahttp_json("GET", base + "/api/midi/list")
        self.assertEqual(listing["count"], 0, "a refused generation wrote files")

        # HTTP: register with a bad plugin id.
        for bad in ("bad id", "../etc", "x" * 65, "", 7):
            status, _, reply = await ahttp_json("POST", base + "/api/plugin/register",
                                                {"plugin_id": bad, "name": "P"})
            self.assertEqual(status, 422, (bad, reply))
            self.assertEqual((reply["error"]["code"], reply["error"]["field"]), ("invalid_field", "plugin_id"))
        status, _, everyone = await ahttp_json("GET", base + "/api/plugin/status")
        self.assertEqual({p["plugin_id"] for p in everyone["plugins"]}, {"err-1", "bystander-1"})

        # HTTP heartbeat: an unknown plugin is 404 unknown_plugin; a known one is answered.
        status, _, reply = await ahttp_json("POST", base + "/api/plugin/heartbeat", {"plugin_id": "nobody-here"})
        self.assertEqual(status, 404, reply)
        self.assertEqual((reply["error"]["code"], reply["error"]["field"]), ("unknown_plugin", "plugin_id"))
        status, _, reply = await ahttp_json("POST", base + "/api/plugin/heartbeat", {"plugin_id": "err-1"})
        self.assertEqual(status, 200, reply)
        self.assertEqual((reply["plugin_id"], reply["heartbeat_interval"]), ("err-1", 30))
        self.assertRegex(reply["server_time"], ISO_UTC_MS)
        status, _, reply = await ahttp_json("GET", base + "/api/plugin/status?plugin_id=nobody-here")
        self.assertEqual((status, reply["error"]["code"]), (404, "unknown_plugin"))

        # HTTP generate with a form body: 415.
        status, _, reply = await ahttp_json("POST", base + "/api/midi/generate",
                                            raw=b"chords=C-Am-F-G&bars=4",
                                            content_type="application/x-www-form-urlencoded")
        self.assertEqual(status, 415, reply)
        self.assertEqual(reply["error"]["code"], "unsupported_media_type")

        await plugin.close()
        await bystander.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
