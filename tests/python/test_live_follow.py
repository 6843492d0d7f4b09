"""Following a player live (docs/PROTOCOL.md, "Following a player") against the built server,
as a plugin would: Python's websockets plays a song's chords against the shared transport at 200
BPM and checks that every note the band sent arrived ahead of its beat and that every bar's band
notes belong to the chord the player sent; a late chord starts on the next beat; two plugins
share one band; notes are read into chords; a saved take holds exactly what was sent (read back
with mido); bad input gets a clear error.

    test_live_follow.py PATH-TO-ai-band-orchestrator
"""

import asyncio
import io
import json
import os
import sys
import time
import unittest
import urllib.parse

import mido

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plugin_client import Plugin, Server, ahttp_json, http  # noqa: E402

APP = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator")

TEMPO = 200.0
SECONDS_PER_BEAT = 60.0 / TEMPO
# Pitch classes of the chords the song uses, with the tensions a keyboard player adds (9ths, 6ths).
CHORD_TONES = {"C": {0, 4, 7}, "Am": {9, 0, 4}, "F": {5, 9, 0}, "G": {7, 11, 2}, "Dm7": {2, 5, 9, 0},
               "G7": {7, 11, 2, 5}, "Cmaj7": {0, 4, 7, 11}, "A7": {9, 1, 4, 7}, "Em": {4, 7, 11}}
TENSIONS = {"C": {2, 9}, "Am": {11, 2}, "F": {7, 2}, "G": {9, 4}, "Dm7": {4, 7}, "G7": {9, 4},
            "Cmaj7": {2, 9}, "A7": {11, 6}, "Em": {6, 2}}
ROOTS = {"C": 0, "Am": 9, "F": 5, "G": 7, "Dm7": 2, "G7": 7, "Cmaj7": 0, "A7": 9, "Em": 4}
SONG = ["C", "Am", "F", "G", "Dm7", "G7", "Cmaj7", "A7", "F", "G", "Em", "Am", "Dm7", "G7", "C", "C"]


class Heard:
    """What one live session was sent, as a plugin keeps it: notes by beat, replaced from a beat
    when told, each with the moment it arrived."""

    def __init__(self):
        self.notes = []         # dicts from band_events, plus "arrived" (time.monotonic())
        self.messages = []      # every message, in order
        self.covered = []       # (from_beat, to_beat) of each band_events

    def take(self, message, arrived):
        self.messages.append(message)
        if message["type"] != "band_events":
            return
        data = message["data"]
        if "replaces_from_beat" in data:
            self.notes = [n for n in self.notes if n["beat"] < data["replaces_from_beat"]]
        for event in data["events"]:
            self.assert_in_range(event, data)
            self.notes.append(dict(event, arrived=arrived))
        self.covered.append((data["from_beat"], data["to_beat"]))

    @staticmethod
    def assert_in_range(event, data):
        if not data["from_beat"] <= event["beat"] < data["to_beat"]:
            raise AssertionError(f"event at {event['beat']} outside [{data['from_beat']}, {data['to_beat']})")

    def of(self, type_):
        return [m for m in self.messages if m["type"] == type_]


async def listen(plugin, heard, stop):
    """Reads the session until `stop` is set; every message goes to `heard`."""
    while not stop.is_set():
        try:
            message = await plugin.recv(timeout=0.2)
        except asyncio.TimeoutError:
            continue
        heard.take(message, time.monotonic())


async def until(predicate, timeout=5.0):
    """Waits for something a listener collects (never for time to pass)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the server")
        await asyncio.sleep(0.005)


async def live_plugin(server, plugin_id, start, expect_sync=False):
    plugin = await Plugin.connect(server, plugin_id)
    await plugin.expect("connection_confirmed")
    await plugin.send("live_start", start)
    return plugin


class LiveFollow(unittest.TestCase):
    def setUp(self):
        self.server = Server(APP)

    def tearDown(self):
        self.server.close()

    def run_async(self, coroutine):
        return asyncio.run(asyncio.wait_for(coroutine, 120))

    # ---- a song at 200 BPM

    def test_a_song_at_200_bpm_is_played_ahead_of_every_beat_on_the_chords_sent(self):
        self.run_async(self.play_song())

    async def play_song(self):
        heard = Heard()
        plugin = await live_plugin(self.server, "guitarist",
                                   {"style": "pop", "tempo": TEMPO, "meter": "4/4", "seed": 11,
                                    "parts": ["bass", "drums", "keys"]})
        started = await plugin.expect("live_started")
        self.assertEqual(started["data"]["band"], "guitarist")
        self.assertEqual([p["part"] for p in started["data"]["parts"]], ["bass", "drums", "keys"])
        self.assertEqual([p["channel"] for p in started["data"]["parts"]], [1, 10, 2])
        stop = asyncio.Event()
        listener = asyncio.create_task(listen(plugin, heard, stop))
        # The first chord before the transport starts: the primed beats are replaced.
        await plugin.send("chord_event", {"beat": 0, "chord": SONG[0]})
        await until(lambda: heard.of("chord_heard"))
        status, _, _ = await ahttp_json("POST", self.server.base + "/api/transport/start", {"tempo": TEMPO})
        started_at = time.monotonic()
        self.assertEqual(status, 200)
        for bar, chord in enumerate(SONG[1:], start=1):
            # Like a player whose plugin knows the next chord two beats ahead.
            await asyncio.sleep(max(0.0, started_at + (bar * 4 - 2.0) * SECONDS_PER_BEAT - time.monotonic()))
            await plugin.send("chord_event", {"beat": bar * 4, "chord": chord})
        end_beat = len(SONG) * 4
        await until(lambda: any(n["beat"] >= end_beat for n in heard.notes), timeout=10)
        # Stopped listening first: a stop sends the beats ahead of beat 0 again, for the next start.
        stop.set()
        await listener
        await ahttp_json("POST", self.server.base + "/api/transport/stop")
        await plugin.close()

        # Every chord was played where the player put it: each came two beats ahead.
        plays_from = {m["data"]["beat"]: m["data"]["plays_from_beat"] for m in heard.of("chord_heard")}
        self.assertEqual(plays_from, {bar * 4: bar * 4 for bar in range(len(SONG))})
        song_notes = [n for n in heard.notes if n["beat"] < end_beat]
        late = [n for n in song_notes
                if n["arrived"] > started_at + n["beat"] * SECONDS_PER_BEAT - 0.001 and n["beat"] >= 1]
        self.assertEqual(late, [], "notes that arrived less than 1 ms before their beat")
        # No beat left out: the ranges sent cover the song.
        covered_to = 0
        for start, stop_beat in sorted(heard.covered):
            self.assertLessEqual(start, covered_to + 1e-9)
            covered_to = max(covered_to, stop_beat)
        self.assertGreaterEqual(covered_to, end_beat)
        self.assert_bars_follow_the_song(song_notes)

    def assert_bars_follow_the_song(self, notes):
        for bar, chord in enumerate(SONG):
            in_bar = [n for n in notes if bar * 4 <= n["beat"] < bar * 4 + 4]
            bass = [n for n in in_bar if n["part"] == "bass"]
            keys = [n for n in in_bar if n["part"] == "keys"]
            drums = [n for n in in_bar if n["part"] == "drums"]
            self.assertTrue(bass and keys and drums, f"bar {bar + 1}: a part is silent")
            self.assertEqual(bass[0]["pitch"] % 12, ROOTS[chord], f"bar {bar + 1} ({chord}): bass starts off the root")
            allowed = CHORD_TONES[chord] | TENSIONS[chord]
            wrong = [n["pitch"] for n in keys if n["pitch"] % 12 not in allowed]
            self.assertEqual(wrong, [], f"bar {bar + 1} ({chord}): keys notes outside the chord")
            chord_tones = [n for n in bass if n["pitch"] % 12 in CHORD_TONES[chord]]
            self.assertGreaterEqual(len(chord_tones) / len(bass), 0.75, f"bar {bar + 1} ({chord}): bass off the chord")
            self.assertTrue(all(n["channel"] == 10 for n in drums))

    # ---- a late chord

    def test_a_late_chord_is_played_from_the_next_beat_and_the_beats_sent_are_replaced(self):
        self.run_async(self.late_chord())

    async def late_chord(self):
        heard = Heard()
        plugin = await live_plugin(self.server, "keysplayer", {"style": "rock", "tempo": 120, "parts": ["bass"]})
        await plugin.expect("live_started")
        stop = asyncio.Event()
        listener = asyncio.create_task(listen(plugin, heard, stop))
        await plugin.send("chord_event", {"beat": 0, "chord": "E"})
        await ahttp_json("POST", self.server.base + "/api/transport/start", {"tempo": 120})
        await until(lambda: any(n["beat"] >= 8 for n in heard.notes))
        _, _, position = await ahttp_json("GET", self.server.base + "/api/transport/position")
        late_beat = int(position["current_beat"])   # the beat the player hit, already under way
        sent_before = len(heard.of("band_events"))
        await plugin.send("chord_event", {"beat": late_beat, "chord": "A"})
        await until(lambda: any(m["data"]["chord"] == "A" for m in heard.of("chord_heard")))
        await until(lambda: len([m for m in heard.of("band_events")[sent_before:]
                                 if "replaces_from_beat" in m["data"]]) > 0)
        stop.set()
        await listener
        await plugin.close()
        heard_a = next(m["data"] for m in heard.of("chord_heard") if m["data"]["chord"] == "A")
        self.assertEqual(heard_a["beat"], late_beat)
        self.assertGreater(heard_a["plays_from_beat"], position["current_beat"])
        self.assertLessEqual(heard_a["plays_from_beat"], position["current_beat"] + 2)
        self.assertEqual(heard_a["plays_from_beat"], int(heard_a["plays_from_beat"]))
        replaced = next(m["data"] for m in heard.of("band_events")[sent_before:] if "replaces_from_beat" in m["data"])
        self.assertEqual(replaced["replaces_from_beat"], heard_a["plays_from_beat"])
        self.assertEqual(replaced["from_beat"], heard_a["plays_from_beat"])
        first = min((n for n in heard.notes if n["beat"] >= heard_a["plays_from_beat"]), key=lambda n: n["beat"])
        self.assertEqual(first["pitch"] % 12, 9, "the bass plays A from there")
        before = [n for n in heard.notes if n["beat"] < heard_a["plays_from_beat"] and n["beat"] >= late_beat]
        self.assertTrue(all(n["pitch"] % 12 in (4, 11, 8) for n in before), "what was due before stays E")

    # ---- two plugins, one band

    def test_two_plugins_follow_one_player_each_with_its_own_part(self):
        self.run_async(self.two_plugins())

    async def two_plugins(self):
        bass_heard, drums_heard = Heard(), Heard()
        leader = await live_plugin(self.server, "bass-track", {"style": "funk", "tempo": 100, "parts": ["bass"]})
        await leader.expect("live_started")
        follower = await Plugin.connect(self.server, "drum-track")
        await follower.expect("connection_confirmed")
        await follower.send("live_start", {"follow": "bass-track", "style": "rock"})
        error = await follower.expect("error")
        self.assertEqual((error["data"]["code"], error["data"]["field"]), ("invalid_field", "data.style"))
        await follower.send("live_start", {"follow": "nobody"})
        error = await follower.expect("error")
        self.assertEqual((error["data"]["code"], error["data"]["field"]), ("unknown_band", "data.follow"))
        await follower.send("live_start", {"follow": "bass-track", "parts": ["drums"], "lookahead_beats": 8})
        joined = (await follower.expect("live_started"))["data"]
        self.assertEqual(joined["band"], "bass-track")
        self.assertEqual(joined["members"], ["bass-track", "drum-track"])
        self.assertEqual(joined["style"], "funk")
        self.assertEqual(joined["lookahead_beats"], 8)
        stop = asyncio.Event()
        tasks = [asyncio.create_task(listen(leader, bass_heard, stop)),
                 asyncio.create_task(listen(follower, drums_heard, stop))]
        await follower.send("chord_event", {"beat": 0, "chord": "Em"})   # any member steers the band
        await until(lambda: bass_heard.of("chord_heard") and drums_heard.of("chord_heard"))
        await ahttp_json("POST", self.server.base + "/api/transport/start", {"tempo": 100})
        await until(lambda: any(n["beat"] >= 10 for n in drums_heard.notes)
                    and any(n["beat"] >= 6 for n in bass_heard.notes))
        stop.set()
        await asyncio.gather(*tasks)
        self.assertEqual({n["part"] for n in bass_heard.notes}, {"bass"})
        self.assertEqual({n["part"] for n in drums_heard.notes}, {"drums"})
        self.assertEqual(bass_heard.notes[0]["pitch"] % 12, 4)
        # Each session is kept its own lookahead ahead: the drums hold beats further on.
        self.assertGreater(max(n["beat"] for n in drums_heard.notes), max(n["beat"] for n in bass_heard.notes))
        await leader.send("live_stop")
        await until_message(leader, "live_stopped")
        await follower.send("chord_event", {"beat": 40, "chord": "A7"})   # the band plays on for it
        heard = await until_message(follower, "chord_heard")
        self.assertEqual(heard["data"]["chord"], "A7")
        await leader.close()
        await follower.close()

    # ---- notes read into chords

    def test_notes_played_are_read_into_chords_the_band_plays(self):
        self.run_async(self.notes_into_chords())

    async def notes_into_chords(self):
        plugin = await live_plugin(self.server, "pianist", {"style": "jazz_ballad", "parts": ["bass"], "key": "C"})
        await plugin.expect("live_started")
        await plugin.expect("band_events")
        notes = [{"beat": 0, "pitch": p, "velocity": 80, "duration": 3.8} for p in (43, 59, 62, 65)]
        notes += [{"beat": 4, "pitch": p, "velocity": 80, "duration": 3.8} for p in (36, 55, 64, 71)]
        await plugin.send("note_events", {"events": notes})
        heard = []
        replaced = None
        while len(heard) < 2 or replaced is None:
            message = await plugin.recv()
            if message["type"] == "chord_heard":
                heard.append(message["data"])
            elif message["type"] == "band_events" and "replaces_from_beat" in message["data"]:
                replaced = message["data"]
        self.assertEqual([(h["chord"], h["beat"], h["source"]) for h in heard],
                         [("G7", 0, "note_events"), ("Cmaj7", 4, "note_events")])
        bass = [e for e in replaced["events"] if e["part"] == "bass"]
        self.assertEqual(bass[0]["pitch"] % 12, 7)
        await plugin.close()

    # ---- a take of what was played

    def test_live_save_stores_exactly_what_the_band_sent(self):
        self.run_async(self.save_take())

    async def save_take(self):
        heard = Heard()
        plugin = await live_plugin(self.server, "saver", {"style": "bossa_nova", "tempo": 180, "seed": 5,
                                                           "parts": ["bass", "drums"]})
        await plugin.expect("live_started")
        await plugin.send("live_save")
        error = await until_message(plugin, "error")
        self.assertEqual(error["data"]["code"], "nothing_played")
        stop = asyncio.Event()
        listener = asyncio.create_task(listen(plugin, heard, stop))
        for beat, chord in ((0, "Dm7"), (4, "G7"), (8, "Cmaj7")):
            await plugin.send("chord_event", {"beat": beat, "chord": chord})
        await until(lambda: len(heard.of("chord_heard")) == 3)
        await ahttp_json("POST", self.server.base + "/api/transport/start", {"tempo": 180})
        await until(lambda: any(n["beat"] >= 13 for n in heard.notes), timeout=10)
        _, _, position = await ahttp_json("GET", self.server.base + "/api/transport/position")
        self.assertGreater(position["current_beat"], 8.0)
        played = list(heard.notes)   # a stop replaces the notes from beat 0, for the next start
        await ahttp_json("POST", self.server.base + "/api/transport/stop")
        await plugin.send("live_save", request_id="save-1")
        await until(lambda: heard.of("live_saved") and heard.of("files_ready"))
        stop.set()
        await listener
        await plugin.close()
        saved = heard.of("live_saved")[0]
        self.assertEqual(saved["request_id"], "save-1")
        data = saved["data"]
        self.assertEqual(data["from_beat"], 0)
        self.assertEqual(data["to_beat"] % 4, 0)
        self.assertGreaterEqual(data["to_beat"], position["current_beat"])
        self.assertEqual(sorted(f["track_type"] for f in data["files"]), ["bass", "drums"])
        progression = data["metadata"]["chord_progression"] if "chord_progression" in data["metadata"] else None
        self.assertIsNone(progression)   # the metadata describes the take, as for a generation
        self.assertEqual(data["metadata"]["style"], "bossa_nova")
        self.assertEqual(data["metadata"]["duration_beats"], data["to_beat"])
        for file in data["files"]:
            status, _, body = http("GET", self.server.base + "/api/files/" + urllib.parse.quote(file["filename"]))
            self.assertEqual(status, 200)
            song = mido.MidiFile(file=io.BytesIO(body))
            read = notes_in(song)
            sent = sorted((round(n["beat"] * song.ticks_per_beat), n["pitch"], n["velocity"])
                          for n in played if n["part"] == file["track_type"] and n["beat"] < data["to_beat"])
            self.assertEqual(sorted((tick, pitch, velocity) for tick, pitch, velocity, _ in read), sent)
            tempo = next(m.tempo for track in song.tracks for m in track if m.type == "set_tempo")
            self.assertAlmostEqual(mido.tempo2bpm(tempo), 180, places=3)
        # The take regenerates as a studio take of the same changes.
        name = data["files"][0]["filename"]
        status, _, body = http("POST", self.server.base + f"/api/files/{name}/regenerate", {})
        self.assertEqual(status, 200, body)

    # ---- bad input

    def test_bad_live_messages_get_a_clear_error(self):
        self.run_async(self.bad_input())

    async def bad_input(self):
        plugin = await Plugin.connect(self.server, "careless")
        await plugin.expect("connection_confirmed")
        cases = [
            ("chord_event", {"beat": 0, "chord": "C"}, "not_live", None),
            ("note_events", {"events": [{"beat": 0, "pitch": 60, "duration": 1}]}, "not_live", None),
            ("live_save", {}, "not_live", None),
            ("live_stop", {}, "not_live", None),
            ("live_start", {"count_in": 1}, "invalid_field", "data.count_in"),
            ("live_start", {"lookahead_beats": 0}, "invalid_field", "data.lookahead_beats"),
            ("live_start", {"lookahead_beats": 33}, "invalid_field", "data.lookahead_beats"),
            ("live_start", {"style": "polka"}, "invalid_field", "data.style"),
            ("live_start", {"parts": ["vocals"]}, "invalid_field", "data.parts[0]"),
            ("live_start", {"parts": []}, "invalid_field", "data.parts"),
            ("live_start", {"tempo": 1000}, "invalid_field", "data.tempo"),
            ("live_start", {"meter": "4/3"}, "invalid_field", "data.meter"),
            ("live_start", {"key": "H"}, "invalid_field", "data.key"),
            ("live_start", {"seed": -1}, "invalid_field", "data.seed"),
            ("live_start", {"follow": "../x"}, "invalid_field", "data.follow"),
        ]
        for type_, data, code, field in cases:
            with self.subTest(type=type_, data=data):
                await plugin.send(type_, data)
                error = await plugin.expect("error")
                self.assertEqual(error["data"]["code"], code)
                if field:
                    self.assertEqual(error["data"]["field"], field)
        await plugin.send("live_start", {"parts": ["full", "guitar"]})
        started = (await plugin.expect("live_started"))["data"]
        self.assertEqual([p["part"] for p in started["parts"]], ["bass", "drums", "keys", "guitar"])
        await plugin.expect("band_events")
        live_cases = [
            ("live_start", {}, "already_live", None),
            ("chord_event", {"beat": -1, "chord": "C"}, "invalid_field", "data.beat"),
            ("chord_event", {"chord": "C"}, "invalid_field", "data.beat"),
            ("chord_event", {"beat": 0, "chord": "Cx9"}, "unknown_chord", "data.chord"),
            ("chord_event", {"beat": 0, "chord": "C", "bar": 1}, "invalid_field", "data.bar"),
            ("note_events", {"events": []}, "invalid_field", "data.events"),
            ("note_events", {"events": [{"beat": 0, "pitch": 60, "duration": 1}] * 1001}, "invalid_field",
             "data.events"),
            ("note_events", {"events": [{"beat": 0, "pitch": 128, "duration": 1}]}, "invalid_field",
             "data.events[0].pitch"),
            ("note_events", {"events": [{"beat": 0, "pitch": 60, "duration": 0}]}, "invalid_field",
             "data.events[0].duration"),
            ("note_events", {"events": [{"start": 0, "pitch": 60, "duration": 1}]}, "invalid_field",
             "data.events[0].start"),
            ("live_save", {"from_beat": 8, "to_beat": 4}, "invalid_field", "data.to_beat"),
            ("live_save", {"parts": ["bass"]}, "invalid_field", "data.parts"),
        ]
        for type_, data, code, field in live_cases:
            with self.subTest(type=type_, data=str(data)[:80]):
                await plugin.send(type_, data)
                error = await until_message(plugin, "error")
                self.assertEqual(error["data"]["code"], code)
                if field:
                    self.assertEqual(error["data"]["field"], field)
        # NaN is not JSON: the frame is refused before any field is read.
        await plugin.send_raw('{"type": "chord_event", "data": {"beat": NaN, "chord": "C"}}')
        error = await until_message(plugin, "error")
        self.assertEqual(error["data"]["code"], "invalid_json")
        await plugin.close()


async def until_message(plugin, type_):
    """The next message of this type, skipping the band's notes and chords."""
    while True:
        message = await plugin.recv()
        if message["type"] == type_:
            return message


def notes_in(song):
    """(start tick, pitch, velocity, length) of every note of a mido file."""
    notes = []
    for track in song.tracks:
        tick = 0
        sounding = {}
        for message in track:
            tick += message.time
            if message.type == "note_on" and message.velocity > 0:
                sounding[message.note] = (tick, message.velocity)
            elif message.type in ("note_off", "note_on") and message.note in sounding:
                start, velocity = sounding.pop(message.note)
                notes.append((start, message.note, velocity, tick - start))
    return notes


if __name__ == "__main__":
    unittest.main(verbosity=2)
