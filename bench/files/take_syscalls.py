#!/usr/bin/python3
"""What one take costs the disk (docs/BENCHMARKS.md, "One take, one commit"): strace -c on a
running server while it answers N sequential POST /api/generate of a two-part request (bass and
drums), as system calls per take (fsync, fdatasync, rename, open...), and the server's own
write time (timings_ms.write) per take. Give several binaries (an older build, this one) to
compare them on the same disk in one run; each runs with durable writes on, then off.

Usage: /usr/bin/python3 bench/files/take_syscalls.py [--takes N] APP [APP...]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import benchlib  # noqa: E402
from benchlib import Server  # noqa: E402

BODY = json.dumps({"chord_progression": "C | Am | F | G", "style": "funk", "track_types": ["bass", "drums"],
                   "seed": 7}).encode()
CALLS = ("openat", "fsync", "fdatasync", "rename", "renameat", "renameat2", "link", "linkat", "unlink",
         "pwrite64", "write")


def counts(path):
    """strace -c's table: {syscall: calls}."""
    found = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 5 and parts[-1] in CALLS and parts[3].isdigit():
                found[parts[-1]] = int(parts[3])
    return found


def measure(app, durable, takes):
    with Server(app, extra_env={"AIBAND_DURABLE_WRITES": "true" if durable else "false"}) as server:
        for _ in range(5):   # warm: the first take opens the index, makes the folders
            benchlib.http_request(server.url, "POST", "/api/generate", BODY)
        trace = os.path.join(server.work_dir, "strace-c.txt")
        tracer = subprocess.Popen(["strace", "-f", "-c", "-o", trace, "-e", "trace=" + ",".join(CALLS),
                                   "-p", str(server.pid)], stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        writes = []
        for _ in range(takes):
            status, reply = benchlib.http_request(server.url, "POST", "/api/generate", BODY)
            if status == 200:
                writes.append(json.loads(reply)["timings_ms"]["write"])
        time.sleep(0.3)
        tracer.terminate()
        tracer.wait(10)
        per_take = {name: round(n / takes, 2) for name, n in sorted(counts(trace).items())}
    # Without strace, the server's own write time per take.
    with Server(app, extra_env={"AIBAND_DURABLE_WRITES": "true" if durable else "false"}) as server:
        untraced = []
        for i in range(takes + 5):
            status, reply = benchlib.http_request(server.url, "POST", "/api/generate", BODY)
            if status == 200 and i >= 5:
                untraced.append(json.loads(reply)["timings_ms"]["write"])
    untraced.sort()
    return {"app": app, "durable": durable, "takes": takes, "syscalls_per_take": per_take,
            "write_ms_p50": round(statistics.median(untraced), 3),
            "write_ms_p99": round(untraced[min(len(untraced) - 1, int(len(untraced) * 0.99))], 3)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("apps", nargs="+")
    parser.add_argument("--takes", type=int, default=200)
    args = parser.parse_args()
    for durable in (True, False):
        for app in args.apps:
            print(json.dumps(measure(app, durable, args.takes)), flush=True)


if __name__ == "__main__":
    main()
