#!/usr/bin/python3
"""HTTP figures with wrk (docs/BENCHMARKS.md): GET /health throughput, POST /api/generate latency
one request at a time and throughput with 16 clients, how /health scales with the number of files
in the files folder, whether the disk matters (the same POST runs with the files folder on a
tmpfs), and what the server does to the disk per generation (strace: fdatasync calls and times).

Every run starts its own server (--headless, port 0, temporary folders on the checkout's disk).

Usage: /usr/bin/python3 bench/http/run_http.py BUILD_DIR [--json FILE] [--quick]
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import benchlib  # noqa: E402
from benchlib import SEED_BODY, Server, log, run_wrk  # noqa: E402

HEALTH_FILE_COUNTS = (0, 100, 1000, 10000)


def percentile(values, q):
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def brief(result):
    """What goes into latest.json from one wrk run (the raw text stays out, the command stays in)."""
    keep = ("command", "requests", "duration_s", "requests_per_s", "ok_per_s", "errors", "latency_ms",
            "text_latency_ms", "non_2xx", "socket_errors")
    return {k: result[k] for k in keep if k in result}


def fill_files(folder, count):
    """count small files with names the server's file store accepts (it counts only those)."""
    os.makedirs(folder, exist_ok=True)
    payload = b"MThd\x00\x00\x00\x06\x00\x01\x00\x01\x01\xe0MTrk\x00\x00\x00\x04\x00\xff\x2f\x00"
    for i in range(count):
        kind = ("bass", "drums", "keys")[i % 3]
        name = f"20260101-{i // 1000 % 1000000:06d}-{i % 1000:03d}_{kind}_C_120_{i:06x}.mid"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(payload)


def server_timings(server, count=200):
    """Sequential POSTs from Python, reading the server's own timings_ms (engine, write): where a
    generation's time goes, without the client's overhead in the figures."""
    engine, write = [], []
    with open(SEED_BODY, "rb") as f:
        body = f.read()
    for _ in range(count):
        status, reply = benchlib.http_request(server.url, "POST", "/api/generate", body)
        if status == 200:
            timings = json.loads(reply)["timings_ms"]
            engine.append(timings["engine"])
            write.append(timings["write"])
    return {"requests": count, "ok": len(engine),
            "engine_ms": {"p50": round(percentile(engine, 50), 3), "p99": round(percentile(engine, 99), 3)},
            "write_ms": {"p50": round(percentile(write, 50), 3), "p99": round(percentile(write, 99), 3)}}


def fsync_evidence(server, count=50):
    """strace on the running server while it answers count sequential POSTs: how many fsync-like
    calls a generation makes and how long each takes (strace slows the calls a little)."""
    if not shutil.which("strace"):
        return {"status": "skipped", "reason": "strace is not installed"}
    trace = os.path.join(server.work_dir, "strace.txt")
    tracer = subprocess.Popen(["strace", "-f", "-T", "-qq", "-o", trace,
                               "-e", "trace=fsync,fdatasync,sync_file_range,syncfs,linkat,rename,renameat2",
                               "-p", str(server.pid)], stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    with open(SEED_BODY, "rb") as f:
        body = f.read()
    for _ in range(count):
        benchlib.http_request(server.url, "POST", "/api/generate", body)
    time.sleep(0.3)
    tracer.terminate()
    tracer.wait(10)
    calls = {}
    syncs = []
    with open(trace) as f:
        for line in f:
            match = re.search(r"(\w+)\(.*<([\d.]+)>$", line.strip())
            if match:
                name, seconds = match.group(1), float(match.group(2))
                calls[name] = calls.get(name, 0) + 1
                if "sync" in name:
                    syncs.append(seconds * 1000)
    return {"status": "ran", "generations": count, "calls": calls,
            "syncs_per_generation": round(len(syncs) / count, 2),
            "sync_ms": {"p50": round(percentile(syncs, 50), 3), "p99": round(percentile(syncs, 99), 3),
                        "max": round(max(syncs), 3)} if syncs else None,
            "command": "strace -f -T -e trace=fsync,fdatasync,sync_file_range,syncfs,linkat,rename,"
                       f"renameat2 -p PID  # during {count} sequential POST /api/generate"}


def run(app, quick=False):
    seconds = 3 if quick else 10
    short = 2 if quick else 5
    point = 2 if quick else 3
    results = {"seconds": seconds}

    log(f"HTTP: GET /health, wrk -t2 -c32 -d{seconds}s, empty files folder")
    with Server(app) as server:
        results["health"] = brief(run_wrk(server.url + "/health", 2, 32, seconds, "health.lua"))

    shm = "/dev/shm" if os.path.isdir("/dev/shm") else None
    if shm:
        log(f"HTTP: POST /api/generate ({short} s each, one client then 16) with the files folder on tmpfs ({shm})")
        folder = tempfile.mkdtemp(prefix="aiband-bench-", dir=shm)
        try:
            with Server(app, files_dir=folder) as server:
                results["post_sequential_tmpfs"] = brief(run_wrk(server.url + "/api/generate", 1, 1, short,
                                                                 "post.lua", body=SEED_BODY))
                results["post_16_tmpfs"] = brief(run_wrk(server.url + "/api/generate", 2, 16, short,
                                                         "post.lua", body=SEED_BODY))
                results["server_timings_tmpfs"] = server_timings(server, 100 if quick else 200)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    else:
        results["post_sequential_tmpfs"] = {"status": "skipped", "reason": "no /dev/shm"}

    log(f"HTTP: POST /api/generate, one client (wrk -t1 -c1 -d{seconds}s), then 16 (wrk -t2 -c16)")
    with Server(app) as server:
        results["post_sequential"] = brief(run_wrk(server.url + "/api/generate", 1, 1, seconds, "post.lua",
                                                   body=SEED_BODY))
        results["post_16"] = brief(run_wrk(server.url + "/api/generate", 2, 16, seconds, "post.lua",
                                           body=SEED_BODY))
        results["server_timings"] = server_timings(server, 100 if quick else 200)
        results["fsync"] = fsync_evidence(server)
        health = server.health() or {}
        results["files_written"] = health.get("files_count")
        log(f"HTTP: one GET /health with the {health.get('files_count')} files those runs left")
        started = time.perf_counter()
        status, _ = benchlib.http_request(server.url, "GET", "/health", timeout=120)
        results["health_after_post"] = {"files": health.get("files_count"), "status": status,
                                        "ms": round((time.perf_counter() - started) * 1000, 1)}

    log("HTTP: GET /health, one client (wrk -t1 -c1), against " + ", ".join(map(str, HEALTH_FILE_COUNTS))
        + f" files ({point} s each)")
    scaling = []
    for count in HEALTH_FILE_COUNTS:
        server = Server(app)
        try:
            fill_files(server.files_dir, count)
            server.start()
            run = brief(run_wrk(server.url + "/health", 1, 1, point, "health.lua", timeout_s=30))
            scaling.append({"files": count, "requests_per_s": run["requests_per_s"],
                            "p50_ms": run["latency_ms"]["p50"], "p99_ms": run["latency_ms"]["p99"],
                            "requests": run["requests"], "command": run["command"]})
        finally:
            server.cleanup()
    results["health_vs_files"] = scaling
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build_dir")
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--quick", action="store_true", help="shorter runs (a smoke test, not figures)")
    args = parser.parse_args()
    app = os.path.join(os.path.abspath(args.build_dir), "app", "ai-band-orchestrator")
    results = run(app, args.quick)
    benchlib.emit_results(results, args.json)


if __name__ == "__main__":
    main()
