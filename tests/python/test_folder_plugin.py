"""A folder-watching plugin, as the published AI Band plugin is (docs/PLUGIN.md), against the
built server while 25 generations run: it lists *.mid in one folder, takes the last name holding
"bass" (and "drum") in directory order, and times each part by the tempo events of the notes'
own track (120 BPM without one). Whatever moment it looks, it must find whole files of a take,
at that take's tempo; when the generations are done, the newest take only, in the shared folder
and in each plugin's own. Run with /usr/bin/python3 (Debian's mido).

    test_folder_plugin.py PATH-TO-ai-band-orchestrator
"""

import io
import os
import sys
import threading
import time
import unittest

import mido

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plugin_client import Server, http, http_json  # noqa: E402

APP = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator")
PLUGINS = 5
TAKES_PER_PLUGIN = 5          # 25 generations
TEMPOS = (80, 90, 120, 150, 174)
POLL_SECONDS = 0              # the plugin polls every 500 ms; this one looks as often as it can


def choose(folder):
    """The plugin's choice: among *.mid in directory order, the last whose lower-cased name holds
    the word (os.listdir gives the directory's own order, as JUCE's listing does)."""
    names = [n for n in os.listdir(folder) if n.lower().endswith(".mid")]
    chosen = {}
    for word in ("bass", "drum"):
        matching = [n for n in names if word in n.lower()]
        if matching:
            chosen[word] = matching[-1]
    return names, chosen


def seconds_as_the_plugin_plays(data):
    """(tempo of the notes' own track in BPM, seconds to its last note-off) by the plugin's rule."""
    midi = mido.MidiFile(file=io.BytesIO(data))
    for track in midi.tracks:
        tick, tempo, seconds, last_off = 0, 500000, 0.0, None
        own_tempo = None
        for message in track:
            seconds += mido.tick2second(message.time, midi.ticks_per_beat, tempo)
            tick += message.time
            if message.type == "set_tempo":
                tempo = message.tempo
                own_tempo = own_tempo or tempo
            if message.type == "note_off" or (message.type == "note_on" and message.velocity == 0):
                last_off = seconds
        if last_off is not None:
            return (mido.tempo2bpm(own_tempo) if own_tempo else 120.0), last_off
    raise AssertionError("no notes")


def request(plugin, tempo, seed):
    return {"chord_progression": {"chords": "C | Am | F | G", "tempo": tempo, "duration": 16},
            "style": "pop", "track_types": ["bass", "drums"], "plugin_id": plugin, "seed": seed}


class FolderPluginTest(unittest.TestCase):
    def setUp(self):
        self.server = Server(APP)
        self.watched = self.server.files_dir

    def tearDown(self):
        self.assertEqual(self.server.terminate(), 0)
        self.server.close()

    def generate(self, plugin, tempo, seed):
        status, _, reply = http_json("POST", self.server.base + "/api/generate", request(plugin, tempo, seed), timeout=30)
        self.assertEqual(status, 200, reply)
        return {d["track_type"]: d["filename"] for d in reply["file_details"]}

    def look(self, problems):
        """One poll: what the plugin would load now must be whole and play at its take's tempo."""
        if not os.path.isdir(self.watched):
            return 0
        names, chosen = choose(self.watched)
        for word in ("bass", "drum"):
            if sum(word in n for n in names) > 2:
                problems.append(f"{sum(word in n for n in names)} {word} files at once: {sorted(names)}")
        loaded = 0
        for word, name in chosen.items():
            try:
                with open(os.path.join(self.watched, name), "rb") as f:
                    data = f.read()
            except FileNotFoundError:
                continue   # replaced between the listing and the read: the next poll takes the new one
            try:
                bpm, _ = seconds_as_the_plugin_plays(data)
            except Exception as error:   # half a file, or none
                problems.append(f"{name}: {error}")
                continue
            take_tempo = int(name.split("_")[3])
            if abs(bpm - take_tempo) > 0.01:
                problems.append(f"{name}: the plugin plays it at {bpm:.2f} BPM, the take is {take_tempo}")
            loaded += 1
        return loaded

    def test_the_plugin_always_finds_a_whole_take_and_ends_on_the_newest(self):
        newest = {}
        errors = []

        def plugin(index):
            name = f"plugin-{index}"
            try:
                for take in range(TAKES_PER_PLUGIN):
                    newest[name] = self.generate(name, TEMPOS[(index + take) % len(TEMPOS)], index * 100 + take)
            except AssertionError as error:
                errors.append(str(error))

        threads = [threading.Thread(target=plugin, args=(i,)) for i in range(PLUGINS)]
        for thread in threads:
            thread.start()
        problems, polls, loads = [], 0, 0
        while any(thread.is_alive() for thread in threads):
            loads += self.look(problems)
            polls += 1
            time.sleep(POLL_SECONDS)
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(problems, [])
        print(f"{polls} polls while 25 generations ran, {loads} parts loaded as the plugin would")
        self.assertGreater(loads, 0)

        # Each plugin's own folder holds its newest take, and only that.
        for name, files in newest.items():
            folder = os.path.join(self.watched, "plugins", name)
            self.assertEqual(sorted(os.listdir(folder)), sorted(files.values()), name)

        # The next take replaces what the shared folder holds: the plugin plays it, at 90 BPM.
        final = self.generate("plugin-final", 90, 9999)
        names, chosen = choose(self.watched)
        self.assertEqual(sorted(names), sorted(final.values()))
        self.assertEqual((chosen["bass"], chosen["drum"]), (final["bass"], final["drums"]))
        with open(os.path.join(self.watched, final["bass"]), "rb") as f:
            bpm, last_off = seconds_as_the_plugin_plays(f.read())
        self.assertAlmostEqual(bpm, 90.0, places=2)
        self.assertLessEqual(last_off, 16 * 60 / 90 + 1e-6)          # within the 16 beats at 90 BPM
        self.assertGreater(last_off, 16 * 60 / 90 - 60 / 90 - 1e-6)  # and not a beat early


class PluginClientPathsTest(unittest.TestCase):
    """The paths the plugin's own client is written for (docs/PLUGIN.md, "Client"): exactly its
    request, with only the Content-Type header, and the fields it reads from the answers."""

    def setUp(self):
        self.server = Server(APP)

    def tearDown(self):
        self.assertEqual(self.server.terminate(), 0)
        self.server.close()

    def test_generate_list_and_download_as_the_plugin_client_does(self):
        base = self.server.base
        status, _, reply = http_json("POST", base + "/generate", {"chords": ["C", "Am", "F", "G"], "tempo": 90,
                                                                   "key": "C major"})
        self.assertEqual(status, 200, reply)
        bass, drums = reply["bass_file"], reply["drum_file"]
        self.assertEqual(reply["metadata"]["tempo"], 90)
        self.assertEqual(reply["metadata"]["key"], "C")
        self.assertEqual(reply["metadata"]["bars"], 4)
        for path, word in ((bass, "bass"), (drums, "drums")):
            self.assertIn(f"_{word}_C_90_", os.path.basename(path))
            with open(path, "rb") as f:
                tempo, last_off = seconds_as_the_plugin_plays(f.read())
            self.assertAlmostEqual(tempo, 90.0, places=2)
            self.assertLessEqual(last_off, 16 * 60 / 90 + 1e-6)

        status, _, names = http_json("GET", base + "/files")
        self.assertEqual(status, 200)
        self.assertEqual(sorted(names), sorted([os.path.basename(bass), os.path.basename(drums)]))
        status, headers, data = http("GET", base + "/files/" + os.path.basename(bass))
        self.assertEqual((status, headers["Content-Type"]), (200, "audio/midi"))
        with open(bass, "rb") as f:
            self.assertEqual(data, f.read())

        # Nothing it sends is dropped: a field it does not know, or a bad chord, is named.
        status, _, refused = http_json("POST", base + "/generate", {"chords": ["C"], "tempo": 90, "swing": 0.6})
        self.assertEqual((status, refused["error"]["field"]), (422, "swing"))
        status, _, refused = http_json("POST", base + "/generate", {"chords": ["C", "H7"]})
        self.assertEqual((status, refused["error"]["field"]), (422, "chords[1]"))
        status, _, refused = http_json("POST", base + "/generate", {"chords": "C-Am"})
        self.assertEqual((status, refused["error"]["field"]), (422, "chords"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
