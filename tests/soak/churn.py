#!/usr/bin/python3
"""Churn stress (issue 16, item 2; docs/RELIABILITY.md, "Churn"): the file store at its busiest.
A headless server keeps only 5 files (plugin.max_files), writes without syncing and lifts the
generation limits, while three clients with their own plugin ids loop POST /api/generate (bass
and drums), one lists GET /api/files and GET /files and downloads what it sees, and one deletes
what it sees: cleanup races writes, publishing, listings, downloads, deletions and sidecars.

Asserted (exit status 1 and the reasons when not):
- the server stays up the whole run and exits 0 on SIGTERM (a crash, or a sanitizer report
  with ASAN_OPTIONS/TSAN_OPTIONS halting on error, ends it early);
- every answer is one the API documents for the request (200, 404 for a file already gone,
  429/503 with Retry-After), never a 5xx other than 503;
- every download that answered 200 is a Standard MIDI File mido parses.

Usage: /usr/bin/python3 tests/soak/churn.py APP [--seconds S]   (the ctest entry runs 20 s;
the sanitizer builds run it for 30 minutes, figures in docs/RELIABILITY.md)
"""

import argparse
import io
import json
import os
import random
import sys
import threading
import time

import mido

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from plugin_client import Server, http  # noqa: E402

ENV = {"AIBAND_MAX_FILES": "5", "AIBAND_DURABLE_WRITES": "false",
       "AIBAND_GENERATION_RATE_PER_MINUTE": "1000000", "AIBAND_GENERATION_BURST": "1000000",
       "AIBAND_MAX_GENERATIONS_PER_CLIENT": "100000", "AIBAND_QUEUE_SIZE": "10000"}


class Churn:
    def __init__(self, server, seconds):
        self.server = server
        self.until = time.monotonic() + seconds
        self.problems = []
        self.counts = {}
        self.lock = threading.Lock()

    def count(self, what):
        with self.lock:
            self.counts[what] = self.counts.get(what, 0) + 1

    def problem(self, text):
        with self.lock:
            if len(self.problems) < 20:
                self.problems.append(text)

    def running(self):
        return time.monotonic() < self.until and self.server.process.poll() is None and not self.problems

    def call(self, method, path, body=None, allowed=(200,)):
        try:
            status, headers, data = http(method, self.server.base + path, body, timeout=30)
        except OSError as error:   # the server died, or a connection was refused under load
            if self.server.process.poll() is not None:
                self.problem(f"{method} {path}: server gone ({error})")
            return None, None
        route = path if path in ("/api/files", "/files", "/api/generate") else path.rsplit("/", 1)[0] + "/{name}"
        self.count(f"{method} {route} {status}")
        if status in (429, 503):
            if not headers.get("Retry-After"):
                self.problem(f"{method} {path}: {status} without Retry-After")
            return status, None
        if status not in allowed:
            self.problem(f"{method} {path}: {status} {data[:200]!r}")
        return status, data

    def generator(self, plugin):
        seed = 0
        while self.running():
            seed += 1
            self.call("POST", "/api/generate",
                      {"chord_progression": {"chords": "C | Am | F | G"}, "track_types": ["bass", "drums"],
                       "plugin_id": plugin, "seed": seed})

    def lister(self):
        while self.running():
            _, data = self.call("GET", "/api/files")
            names = [f["filename"] for f in json.loads(data)["files"]] if data else []
            _, data = self.call("GET", "/files")
            names += json.loads(data) if data else []
            for name in random.sample(names, min(3, len(names))):
                status, data = self.call("GET", f"/files/{name}", allowed=(200, 404))
                if status == 200:
                    try:
                        mido.MidiFile(file=io.BytesIO(data))
                    except Exception as error:   # noqa: BLE001 - any parse failure is the finding
                        self.problem(f"{name}: not a MIDI file mido reads ({error})")

    def deleter(self):
        while self.running():
            _, data = self.call("GET", "/api/files")
            names = [f["filename"] for f in json.loads(data)["files"]] if data else []
            if names:
                self.call("DELETE", f"/api/files/{random.choice(names)}", allowed=(200, 404))

    def run(self):
        threads = [threading.Thread(target=self.generator, args=(f"churn-{i}",)) for i in range(3)]
        threads += [threading.Thread(target=self.lister), threading.Thread(target=self.deleter)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if self.server.process.poll() is not None:
            self.problem(f"the server stopped during the run with status {self.server.process.returncode}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("app")
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    server = Server(args.app, extra_env=ENV)
    try:
        churn = Churn(server, args.seconds)
        churn.run()
        status = server.terminate(timeout=30)
        if status != 0 and not churn.problems:
            churn.problem(f"exit status {status} on SIGTERM")
    finally:
        server.close()
    generated = sum(v for k, v in churn.counts.items() if k.startswith("POST") and k.endswith(" 200"))
    print(f"churn: {args.seconds:.0f} s, {generated} generations, "
          + ", ".join(f"{k}: {v}" for k, v in sorted(churn.counts.items())))
    if churn.problems:
        print("churn FAILED:\n  " + "\n  ".join(churn.problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
