#!/usr/bin/python3
"""Where the server's time goes: runs it under valgrind --tool=callgrind, sends a fixed number of
requests one at a time on one keep-alive connection, stops it with SIGTERM and keeps the top of
callgrind_annotate's report (inclusive and self cost) in bench/results/profile-SCENARIO.txt.

  health_empty    GET /health x 2000, empty files folder (HTTP and JSON overhead)
  health_files    GET /health x 200 with 1,000 files in the folder
  generate        POST /api/generate (seed example) x 300, files on the checkout's disk
  generate_fast   POST /api/generate x 300, durable writes off, files folder on tmpfs (/dev/shm):
                  the request path's own CPU (issue 18, item 4)
  ws_generate     the same body as WebSocket generation_request x 300 on one session, durable
                  writes off, tmpfs, each answered by generation_complete and its announcements

Callgrind counts instructions, not time: waiting on the disk (fdatasync) costs nothing here,
so the generate profile shows the CPU side only; run_http.py's tmpfs runs and strace figures
show the disk side. Instruction counts do not depend on the machine's load, so they compare
builds on a shared machine. Each scenario first sends 20 requests (warm-up: first-use caches,
lazily built tables), then zeroes the counters (callgrind_control -z), sends its requests and
dumps (callgrind_control -d): the report covers the requests only, and its first line gives
instructions per request (all threads: the server's and the generation pool's).

Usage: /usr/bin/python3 bench/tools/profile.py BUILD_DIR [SCENARIO ...]
"""

import argparse
import asyncio
import glob
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "http"))
import benchlib  # noqa: E402
from benchlib import ROOT, SEED_BODY, Server, log  # noqa: E402
from run_http import fill_files  # noqa: E402

SCENARIOS = {
    "health_empty": ("GET", "/health", 2000, 0),
    "health_files": ("GET", "/health", 200, 1000),
    "generate": ("POST", "/api/generate", 300, 0),
    "generate_fast": ("POST", "/api/generate", 300, 0),
    "ws_generate": ("WS", "generation_request", 300, 0),
}
# Scenarios that take the disk out: durable writes off and the files folder on tmpfs.
FAST = {"generate_fast", "ws_generate"}
WARM_UP = 20


def http_requests(server, method, path, count, body):
    host, port = server.url.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=120)
    bad = 0
    for _ in range(count):
        conn.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
        response = conn.getresponse()
        response.read()
        bad += response.status != 200
    conn.close()
    return bad


async def ws_generations(url, count, body, plugin_id):
    """count generation_requests on one session; each waits for generation_complete and the
    announcements after it (files_ready, a midi_ready per file, generation_result, then the
    notification, the last), so the next request starts on a quiet server. Returns how many
    were not complete."""
    import websockets  # Debian's python3-websockets
    data = json.loads(body)
    data["plugin_id"] = plugin_id
    bad = 0
    async with websockets.connect(f"ws://{url.split('//')[1]}/ws/{plugin_id}", max_size=None) as ws:
        await asyncio.wait_for(ws.recv(), 60)  # connection_confirmed
        for _ in range(count):
            await ws.send(json.dumps({"type": "generation_request", "data": data}))
            while True:
                message = json.loads(await asyncio.wait_for(ws.recv(), 60))
                kind = message.get("type")
                if kind == "generation_complete":
                    bad += not message.get("data", {}).get("success", True)
                elif kind == "error":
                    bad += 1
                    break
                elif kind == "notification":
                    break
    return bad


def send(server, method, path, count, body):
    if method == "WS":
        return asyncio.run(ws_generations(server.url, count, body, "profile-plugin"))
    return http_requests(server, method, path, count, body)


def callgrind_control(pid, option):
    subprocess.run(["callgrind_control", option, str(pid)], check=True, capture_output=True, timeout=120)


def total_instructions(path):
    with open(path) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    return None


def profile(app, name, out_dir):
    method, path, count, files = SCENARIOS[name]
    fast = name in FAST
    files_dir = None
    if fast:
        files_dir = tempfile.mkdtemp(prefix="aiband-profile-", dir="/dev/shm")
    server = Server(app, files_dir=files_dir,
                    extra_env={"AIBAND_DURABLE_WRITES": "false"} if fast else None)
    output = os.path.join(server.work_dir, "callgrind.out")
    server.wrapper = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={output}"]
    try:
        fill_files(server.files_dir, files)
        log(f"profile {name}: server under callgrind, {count} x {method} {path}"
            + (f" with {files} files" if files else "") + (" (tmpfs, durable writes off)" if fast else ""))
        server.start(timeout=180)
        body = open(SEED_BODY, "rb").read() if method in ("POST", "WS") else None
        send(server, method, path, WARM_UP, body)
        callgrind_control(server.pid, "-z")
        started = time.perf_counter()
        bad = send(server, method, path, count, body)
        seconds = time.perf_counter() - started
        callgrind_control(server.pid, "-d")
        server.stop(timeout=120)
        dumps = sorted(glob.glob(output + ".*"), key=os.path.getmtime)
        measured = os.path.join(out_dir, f"callgrind-{name}.out")
        shutil.copyfile(dumps[-1] if dumps else output, measured)
        instructions = total_instructions(measured)
        per_request = instructions / count if instructions else None
        report = []
        for inclusive in ("yes", "no"):
            annotated = subprocess.run(["callgrind_annotate", f"--inclusive={inclusive}", "--threshold=99",
                                        measured], capture_output=True, text=True).stdout
            lines = annotated.splitlines()
            head = [i for i, line in enumerate(lines) if line.startswith("Ir")]
            start = head[-1] if head else 0
            report.append(f"== callgrind_annotate --inclusive={inclusive} (top 60) ==")
            report += lines[max(0, start - 2):start + 62]
            report.append("")
        what = (f"{count} x {method} {path}" if method != "WS" else f"{count} x WebSocket {path}")
        text = (f"scenario {name}: {what}" + (f", {files} files in the folder" if files else "")
                + (", files folder on tmpfs, plugin.durable_writes=false" if fast else "")
                + f"; {bad} not answered with success; {seconds:.1f} s under callgrind\n"
                + (f"instructions per request: {per_request:,.0f} (after {WARM_UP} warm-up requests)\n"
                   if per_request else "")
                + f"command: valgrind --tool=callgrind APP --headless ...; callgrind_control -z / -d; "
                + f"callgrind_annotate --inclusive=yes|no\n\n" + "\n".join(report) + "\n")
        target = os.path.join(out_dir, f"profile-{name}.txt")
        with open(target, "w") as f:
            f.write(text)
        if per_request:
            log(f"{name}: {per_request:,.0f} instructions per request")
        log(f"wrote {os.path.relpath(target, ROOT)}")
        return per_request
    finally:
        server.cleanup()
        if files_dir:
            shutil.rmtree(files_dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build_dir")
    parser.add_argument("scenarios", nargs="*", metavar="SCENARIO",
                        help="any of " + ", ".join(SCENARIOS) + " (default: all)")
    parser.add_argument("--out-dir", default=os.path.join(ROOT, "bench", "results"))
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    app = os.path.join(os.path.abspath(args.build_dir), "app", "ai-band-orchestrator")
    unknown = [name for name in args.scenarios if name not in SCENARIOS]
    if unknown:
        parser.error("unknown scenario: " + ", ".join(unknown))
    for name in args.scenarios or list(SCENARIOS):
        profile(app, name, args.out_dir)


if __name__ == "__main__":
    main()
