#!/usr/bin/python3
"""kill -9 in the middle of a write loop leaves only complete files.

Starts the real binary, has a few threads generate as fast as they can (every track type, long
and short songs), kills the server with SIGKILL while they do, and then checks what a plugin
watching the folder would see: every visible .mid parses with mido and ends with its end of
track, and has its row in the takes index (committed before the file appears); every take
whose parts are visible has its other parts visible or whole under their hidden names. Done with
plugin.durable_writes on (one round of syncs per take or group of takes: fdatasync, folder
fsync, index synchronous=FULL) and off (no syncs). A restart on the same folder finishes the
takes whose rows were committed, removes whatever else the killed run left half-written, and
leaves no half take: every row has its file, every file its row.

Usage: test_kill9.py /path/to/ai-band-orchestrator
"""

import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

import mido

APP = sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator"

NAME = r"\d{8}-\d{6}-\d{3}_(?:bass|drums|keys|full)_[A-G][sb]?m?_\d{2,3}_[0-9a-f]{6}\.mid"
STORE_NAME = re.compile("^" + NAME + "$")
PARTIAL = re.compile(r"^\.(" + NAME + r")\.partial$")
INDEX = ".aiband-takes.sqlite"
LEFTOVER = re.compile(r"^(?:\." + NAME + r"(?:\.json)?\.partial|" + NAME + r"(?:\.json)?\.[A-Za-z0-9]{6})$")

REQUESTS = [
    {"chord_progression": {"chords": "C | Am | F | G", "duration": 256}, "style": "funk",
     "track_types": ["full", "drums"], "complexity": 1},
    {"chord_progression": "Dm7 G7 | Cmaj7", "style": "jazz_swing", "track_types": ["bass", "keys"]},
    {"chord_progression": {"chords": "E7 | A7 | E7 | B7", "duration": 128}, "style": "blues_shuffle",
     "track_types": ["bass", "drums", "keys"]},
]


def clean_env(tmp, durable):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AIBAND_") and k not in {"HOST", "PORT", "GENERATED_FILES_DIR", "MAX_FILES",
                                                        "CLEANUP_HOURS", "LOG_LEVEL", "BACKEND_TIMEOUT", "DEBUG"}}
    env.update({"XDG_CONFIG_HOME": os.path.join(tmp, "config"), "XDG_DATA_HOME": os.path.join(tmp, "data"),
                "AIBAND_DURABLE_WRITES": "true" if durable else "false", "QT_QPA_PLATFORM": "offscreen"})
    return env


def start(tmp, files, durable):
    process = subprocess.Popen([APP, "--headless", "--port", "0", "--files-dir", files],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env=clean_env(tmp, durable), cwd=tmp)
    line = process.stdout.readline()
    process.stdout.close()
    match = re.search(r"listening on (http://\S+)", line)
    if not match:
        process.kill()
        raise AssertionError("the app did not start: %r" % line)
    return process, match.group(1)


def index_rows(files):
    """{file name: (take, metadata)} from the takes index (a reader beside the server's
    connections: WAL lets it read the last committed state whatever the server is doing)."""
    path = os.path.join(files, INDEX)
    if not os.path.exists(path):
        return {}
    db = sqlite3.connect(path, timeout=5)
    try:
        return {name: (take, json.loads(metadata))
                for name, take, metadata in db.execute("SELECT file_name, take, metadata FROM parts")}
    finally:
        db.close()


def post(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return reply.status


def wait_until_stopped(pid):
    """SIGSTOP is delivered asynchronously: a thread may finish its system call (a rename, an
    unlink in the watched folder) after kill() returns. The freeze holds once every thread of
    the process is in state T."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        states = []
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/stat") as stat:
                    states.append(stat.read().rsplit(")", 1)[1].split()[0])
            except FileNotFoundError:
                continue   # a thread that has just ended
        if states and all(state in ("T", "t") for state in states):
            return
    raise AssertionError("the server did not stop within 5 s of SIGSTOP")


class KillDuringWritesTest(unittest.TestCase):
    def hammer_and_kill(self, durable):
        tmp = tempfile.mkdtemp(prefix="aiband-kill9-")
        files = os.path.join(tmp, "files")
        process, url = start(tmp, files, durable)
        done = []
        checked = set()
        self.unreadable_freezes = 0
        stop = threading.Event()

        def loop(offset):
            i = offset
            while not stop.is_set():
                try:
                    if post(url + "/api/generate", REQUESTS[i % len(REQUESTS)]) == 200:
                        done.append(i)
                except (OSError, urllib.error.URLError):
                    if stop.is_set() or process.poll() is not None:
                        return
                i += 1

        threads = [threading.Thread(target=loop, args=(n,), daemon=True) for n in range(4)]
        for thread in threads:
            thread.start()
        try:
            # While the loop runs, the server is frozen (SIGSTOP) at arbitrary moments, many
            # times: each freeze shows the folder as a kill at that moment would leave it.
            deadline = time.monotonic() + 60
            freezes = 0
            while (len(done) < 40 or freezes < 150) and time.monotonic() < deadline and process.poll() is None:
                os.kill(process.pid, signal.SIGSTOP)
                try:
                    wait_until_stopped(process.pid)
                    snapshot = self.snapshot(os.path.join(files, "takes"), checked)
                    published = self.published(files)
                finally:
                    os.kill(process.pid, signal.SIGCONT)
                self.check_snapshot(snapshot, checked, os.path.join(files, "takes"))
                self.check_published(published)
                freezes += 1
                time.sleep(0.002)
            self.assertIsNone(process.poll(), "the server died by itself")
            print("durable_writes=%s: %d freezes, the index unreadable at %d of them"
                  % (durable, freezes, self.unreadable_freezes))
            self.assertLess(self.unreadable_freezes, freezes // 4)
        finally:
            # Killed mid-loop: the threads are still sending.
            os.kill(process.pid, signal.SIGKILL)
            process.wait(10)
            stop.set()
            for thread in threads:
                thread.join(20)
        self.assertGreaterEqual(len(done), 40)
        return tmp, files, checked

    def snapshot(self, files, checked):
        """The bytes of every visible .mid not checked yet, the parts still under their hidden
        names, and the index's rows, read while the server is frozen (parsed after it goes on, so
        the freeze stays short)."""
        found = {}
        if not os.path.isdir(files):
            return found, set(), {}
        names = os.listdir(files)
        partials = {m.group(1) for m in map(PARTIAL.match, names) if m}
        for name in names:
            if name.endswith(".mid") and not name.startswith(".") and name not in checked:
                with open(os.path.join(files, name), "rb") as f:
                    found[name] = f.read()
        visible = {name for name in names if STORE_NAME.match(name)}
        try:
            rows = index_rows(files)
        except sqlite3.OperationalError:
            # Frozen in the middle of updating the WAL's index, the server holds the lock a
            # reader needs to recover it ("locking protocol"); a kill would release it. Read
            # again once it goes on (rows are only ever added before their files appear).
            rows = None
        return found, partials | visible, rows

    def published(self, files):
        """The bytes of every .mid a plugin watching the folder would see now."""
        found = {}
        if os.path.isdir(files):
            for name in os.listdir(files):
                if name.endswith(".mid") and not name.startswith("."):
                    with open(os.path.join(files, name), "rb") as f:
                        found[name] = f.read()
        return found

    def check_published(self, published):
        """The watched folder holds whole files of the newest take: one per part, two only in the
        moment between a new take's part appearing and the earlier one leaving."""
        parts = {}
        for name, data in published.items():
            self.assertRegex(name, STORE_NAME)
            midi = mido.MidiFile(file=io.BytesIO(data))
            self.assertEqual(midi.tracks[-1][-1].type, "end_of_track", name)
            part = name.split("_")[1]
            parts[part] = parts.get(part, 0) + 1
        for part, count in parts.items():
            self.assertLessEqual(count, 2, "%d %s files in the watched folder at once" % (count, part))

    def check_snapshot(self, snapshot, checked, files):
        found, present, rows = snapshot
        if rows is None:
            self.unreadable_freezes += 1
            for name, data in found.items():
                self.check_file(name, data, index_rows(files))
                checked.add(name)
            return
        for name, data in found.items():
            self.check_file(name, data, rows)
            # Its take's other parts are in place or whole under their hidden names, so a kill
            # now leaves a take the next start finishes: never half a take.
            take = rows[name][0]
            for part, (other, _) in rows.items():
                if other == take:
                    self.assertIn(part, present, "%s's take lacks %s" % (name, part))
            checked.add(name)

    def check_file(self, name, data, rows):
        self.assertRegex(name, STORE_NAME)
        try:
            midi = mido.MidiFile(file=io.BytesIO(data))
        except Exception as error:   # a truncated or empty file
            self.fail("%s (%d bytes) does not parse: %s" % (name, len(data), error))
        self.assertEqual(midi.type, 1, name)
        for track in midi.tracks:
            self.assertEqual(track[-1].type, "end_of_track", name)
        self.assertIn(name, rows, "%s appeared before its row in the takes index" % name)
        self.assertEqual(rows[name][1]["file_name"], name)
        self.assertTrue(rows[name][1]["request"], "%s's row has no request" % name)

    def check_visible(self, files, checked):
        """What a plugin would see now: each new visible .mid is whole, with its row. A file
        never changes once it has appeared, so each is checked once."""
        if not os.path.isdir(files):
            return []
        rows = index_rows(files)
        visible = sorted(name for name in os.listdir(files) if name.endswith(".mid") and not name.startswith("."))
        for name in visible:
            if name in checked:
                continue
            with open(os.path.join(files, name), "rb") as f:
                self.check_file(name, f.read(), rows)
            checked.add(name)
        return visible

    def check_folder(self, files, checked):
        # Files seen whole during the freezes cannot have changed since; the rest are read now.
        visible = self.check_visible(files, checked)
        self.assertGreater(len(visible), 40)
        return visible

    def restart_removes_leftovers(self, tmp, watched, durable):
        # Whatever the kill left, plus one of each kind planted, must go at the next start.
        files = os.path.join(watched, "takes")
        meta = os.path.join(files, ".aiband-meta")   # an earlier version's sidecars folder
        os.makedirs(meta, exist_ok=True)
        planted = [os.path.join(files, ".20261124-120001-123_bass_C_120_abcdef.mid.partial"),
                   os.path.join(files, "20261124-120001-123_bass_C_120_abcdef.mid.Xy12Zq"),
                   os.path.join(meta, "20261124-120001-123_bass_C_120_abcdef.mid.json"),
                   os.path.join(watched, ".aiband-publishing-20261124-120001-123_bass_C_120_abcdef.mid")]
        for path in planted:
            with open(path, "wb") as f:
                f.write(b"half")
        left = [name for name in os.listdir(files) if LEFTOVER.match(name)]
        committed = index_rows(files)
        finishing = [m.group(1) for m in map(PARTIAL.match, os.listdir(files)) if m and m.group(1) in committed]
        print("durable_writes=%s: %d leftovers after kill -9 (plus %d planted), %d parts of committed takes to finish"
              % (durable, len(left) - 2, len(planted), len(finishing)))
        before = {n for n in os.listdir(files) if STORE_NAME.match(n)}
        process, _ = start(tmp, watched, durable)
        try:
            self.assertEqual([n for n in os.listdir(files) if LEFTOVER.match(n)], [])
            for path in planted:
                self.assertFalse(os.path.exists(path), path)
            self.assertFalse(os.path.exists(meta))
            # Every complete file stayed, the committed takes' parts were placed, each parses, and
            # files and rows are the same set, with every take whole.
            after = {n for n in os.listdir(files) if STORE_NAME.match(n)}
            self.assertLessEqual(before, after)
            rows = index_rows(files)
            self.assertEqual(set(rows), after)
            for name in after - before:
                with open(os.path.join(files, name), "rb") as f:
                    self.check_file(name, f.read(), rows)
            takes = {}
            for name, (take, metadata) in rows.items():
                takes.setdefault(take, []).append(len(metadata["request"]["track_types"]))
            for take, parts in takes.items():
                self.assertEqual(len(parts), parts[0], "take %s is not whole" % take)
        finally:
            process.send_signal(signal.SIGTERM)
            self.assertEqual(process.wait(20), 0)

    def run_rounds(self, durable):
        # A few kills, each at whatever moment the loop is in: more chances to land mid-write.
        for _ in range(2):
            tmp, files, checked = self.hammer_and_kill(durable)
            try:
                self.check_folder(os.path.join(files, "takes"), checked)
                self.restart_removes_leftovers(tmp, files, durable)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)

    def test_durable_writes(self):
        self.run_rounds(durable=True)

    def test_renamed_writes(self):
        self.run_rounds(durable=False)


if __name__ == "__main__":
    unittest.main(verbosity=2)
