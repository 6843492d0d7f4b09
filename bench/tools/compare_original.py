#!/usr/bin/python3
"""Ours and the original Python orchestrator side by side, in one run on one machine
(scripts/bench.sh --compare-original; docs/BENCHMARKS.md, "Side by side with the original").

Fetches nothing: the original's checkout is given with --original DIR (or AIBAND_ORIGINAL_DIR).
It is copied to a temporary folder on the checkout's disk and two lines of the copy are patched
(the checkout itself is never changed):
  - src/backend_client.py: the mock backend's `await asyncio.sleep(0.5)` ("simulate generation
    delay") becomes `await asyncio.sleep(0)`, so its generation is what the server itself costs;
  - src/main.py: ChordProgression.chords `List[Dict[str, float]]` becomes `List[Dict[str, Any]]`:
    with it, pydantic refuses the original README's own example ("chord": "C" is not a float)
    with 422, and nothing would be generated;
  - src/main.py: `app.router.lifespan_context = lifespan` after the app is made: Debian 12's
    FastAPI 0.92 ignores FastAPI(lifespan=...) (added in 0.93), so the backend client would never
    be made and every generation would answer 500.
The original runs as its run.py starts it, without reload (a file watcher process):
`python3 -m uvicorn src.main:app --host 127.0.0.1 --port P --log-level info`, stdout to a file.
It needs Debian's python3-fastapi, -uvicorn, -websockets, -httpx, -watchdog, -structlog
(scripts/install-deps.sh --bench).

Each round starts fresh servers, ours then the original, and measures each the same way:
  health        GET /health, wrk -t2 -c32 -d10s: requests/s
  generate_seq  POST /api/generate (tests/data/seed_example.json), wrk -t1 -c1: p50, p99
                (ours twice: durable writes on, the default, and off)
  generate_16   the same with wrk -t2 -c16: generations/s (non-2xx answers are not counted)
  fanout_100    100 WebSocket sessions; POST /api/transport/sync → transport_sync read by the
                last of them (bench/loadgen --fanout-trigger http): p50, p99
  sessions_1000 RSS with 1,000 WebSocket sessions open (bench/probe/ws_holder.py), and idle
  files_100     with 100 takes' files in the folder (ours: 50 generations of the seed example;
                the original: one, its two files copied to 98 more, since it overwrites its two):
                GET /api/files (ours: the first page, 100 files each with the metadata of how it
                was made; the original: every file's name, size and times), GET /api/files/NAME
                of a bass part, and POST /api/transport/sync with no session open (the original's
                body carries the timestamp its model requires; ours none, as a DAW whose clock
                differs from the server's would send it), each wrk -t1 -c1 for at most 5 s: p50, p99
and once per round the disk's floor: create, write 300 bytes, fdatasync, rename a file in the
folder both servers write to, p50/p99 of 300. Figures are medians over the rounds.

The machine (machine.py, with that floor) is printed above the table and stored in the JSON. The
run before is kept as compare-original.previous.json; every figure that moved by more than 20 %
since it is marked in the table and listed under it (moves.py).

Usage: /usr/bin/python3 bench/tools/compare_original.py BUILD_DIR --original DIR [--rounds 3]
       [--seconds 10] [--out FILE] [--quick]
"""

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "probe"))
import machine  # noqa: E402
import moves  # noqa: E402
from benchlib import (ROOT, SEED_BODY, Server, free_port, http_request, log, rss_kib, run_wrk,  # noqa: E402
                      wait_healthy, _bench_tmp_parent)
from machine import cpu_busy, disk_floor  # noqa: E402,F401  (bench/http/ab_generate.py takes disk_floor from here)

PYTHON = "/usr/bin/python3"

# The copy's patches: (file, what the original says, what the copy says, why).
PATCHES = [
    ("src/backend_client.py", "await asyncio.sleep(0.5)", "await asyncio.sleep(0)",
     "the mock backend's simulated 0.5 s generation delay"),
    ("src/main.py", "chords: List[Dict[str, float]]", "chords: List[Dict[str, Any]]",
     "pydantic refuses its README's example (\"chord\": \"C\" is not a float)"),
    ("src/main.py", "from typing import Dict, List, Optional", "from typing import Any, Dict, List, Optional",
     "Any for the line above"),
    ("src/main.py", "# Add CORS middleware",
     "app.router.lifespan_context = lifespan  # bench: FastAPI < 0.93 ignores lifespan=\n# Add CORS middleware",
     "Debian 12's FastAPI 0.92 predates FastAPI(lifespan=...) (0.93): without this the backend client is never "
     "made and every generation answers 500"),
]


def prepare_original(checkout, parent):
    """A patched copy of the original's checkout; fails loudly when a patch does not apply."""
    if not os.path.isfile(os.path.join(checkout, "src", "main.py")):
        raise SystemExit(f"{checkout} is not a checkout of the original (no src/main.py); see docs/BENCHMARKS.md")
    copy = tempfile.mkdtemp(prefix="aiband-original-", dir=parent)
    shutil.copytree(checkout, copy, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".git", "__pycache__", "generated_files", "logs"))
    for name, old, new, _why in PATCHES:
        path = os.path.join(copy, name)
        with open(path, newline="") as f:
            text = f.read()
        if old not in text:
            raise SystemExit(f"the original's {name} has no `{old}`: this checkout differs from the one the "
                             f"patches were written for; see docs/BENCHMARKS.md")
        with open(path, "w", newline="") as f:
            f.write(text.replace(old, new, 1))
    return copy


class OriginalServer:
    """The original under uvicorn, on a free port, in its patched copy."""

    def __init__(self, copy):
        self.copy = copy
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.files_dir = os.path.join(copy, "generated_files")

    @property
    def pid(self):
        return self.process.pid

    def start(self):
        shutil.rmtree(self.files_dir, ignore_errors=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AIBAND_")}
        env["PYTHONPATH"] = os.path.join(self.copy, "src") + os.pathsep + self.copy
        out = open(os.path.join(self.copy, "server.log"), "ab")
        self.process = subprocess.Popen([PYTHON, "-m", "uvicorn", "src.main:app", "--host", "127.0.0.1",
                                         "--port", str(self.port), "--log-level", "info"],
                                        cwd=self.copy, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        out.close()
        wait_healthy(self.url, 30)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def ours(app, durable=True):
    extra = {"AIBAND_MAX_CONNECTIONS": "4096"}
    if not durable:
        extra["AIBAND_DURABLE_WRITES"] = "false"
    return Server(app, extra_env=extra).start()


def stop(server):
    if isinstance(server, Server):
        server.cleanup()
    else:
        server.stop()


def fanout(loadgen, url, receivers, rounds):
    """p50 and p99 (ms) of transport_sync to the last of `receivers` sessions."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        completed = subprocess.run([loadgen, "--url", "ws://" + url.split("//")[1], "--scenario", "fanout",
                                    "--sessions", str(receivers), "--rounds", str(rounds),
                                    "--fanout-trigger", "http", "--json", out.name],
                                   capture_output=True, text=True, timeout=600)
        try:
            data = json.load(open(out.name))
        except ValueError:
            data = {}
    results = [r for r in data.get("results", []) if r.get("scenario") == "fanout"]
    if completed.returncode != 0 or not results or "error" in results[0]:
        error = results[0].get("error") if results else completed.stderr.strip()[-500:]
        raise RuntimeError(f"loadgen fanout failed: {error}")
    last = results[0]["last_receiver_ms"]
    return {"p50_ms": last["p50"], "p99_ms": last["p99"]}


def sessions_rss(server, count):
    """RSS idle and with `count` WebSocket sessions open (KiB)."""
    import ws_holder

    idle = rss_kib(server.pid)
    ws_base = "ws://" + server.url.split("//")[1]

    async def hold():
        connections = await ws_holder.open_sessions(ws_base, count, prefix="cmp")
        await asyncio.sleep(2)
        held = rss_kib(server.pid)
        await asyncio.gather(*(c.close() for c in connections), return_exceptions=True)
        return held

    return {"idle_kib": idle, "sessions_kib": asyncio.run(hold()), "sessions": count}


def wrk_figures(url, threads, connections, seconds, script, body=None):
    result = run_wrk(url, threads, connections, seconds, script, body=body)
    bad = result["errors"]["status"] + sum(result["errors"].get(k, 0) for k in ("connect", "read", "write", "timeout"))
    return {"per_s": result["ok_per_s"], "p50_ms": result["latency_ms"]["p50"], "p99_ms": result["latency_ms"]["p99"],
            "requests": result["requests"], "errors": bad}


SYNC_BODIES = {   # POST /api/transport/sync: the original's model requires a timestamp string
    "ours": {"is_playing": True, "current_beat": 12.5, "tempo": 120.0},
    "original": {"is_playing": True, "current_beat": 12.5, "tempo": 120.0, "timestamp": "2026-12-07T06:30:00Z"},
}


def fill_with_takes(server, original):
    """100 takes' files in the folder a server lists; the name of a bass part among them."""
    with open(SEED_BODY, "rb") as f:
        body = f.read()
    for _ in range(1 if original else 50):
        status, answer = http_request(server.url, "POST", "/api/generate", body)
        if status != 200:
            raise RuntimeError(f"POST /api/generate answered {status}: {answer[:200]!r}")
    if original:
        made = sorted(n for n in os.listdir(server.files_dir) if n.endswith(".mid"))
        for i in range(100 - len(made)):
            shutil.copyfile(os.path.join(server.files_dir, made[i % len(made)]),
                            os.path.join(server.files_dir, f"copy_{i:03d}_{made[i % len(made)]}"))
    status, answer = http_request(server.url, "GET", "/api/files")
    names = [f["filename"] for f in json.loads(answer)["files"]]
    if len(names) != 100:
        raise RuntimeError(f"GET /api/files listed {len(names)} files, not 100")
    return next(n for n in names if "bass" in n)


def files_figures(server, who, seconds):
    """The listing, a download and a transport sync, one client at a time, 100 files present."""
    bass = fill_with_takes(server, who == "original")
    with tempfile.NamedTemporaryFile("w", suffix=".json", dir=_bench_tmp_parent(), delete=False) as body:
        json.dump(SYNC_BODIES[who], body)
    try:
        length = min(seconds, 5)
        figures = {"list_100": wrk_figures(server.url + "/api/files", 1, 1, length, "health.lua"),
                   "download": wrk_figures(server.url + "/api/files/" + bass, 1, 1, length, "health.lua"),
                   "transport_sync": wrk_figures(server.url + "/api/transport/sync", 1, 1, length, "post.lua", body.name)}
    finally:
        os.unlink(body.name)
    # A refused request (a body the server stopped accepting, say) would be timed as if answered.
    refused = {name: f["errors"] for name, f in figures.items() if f["errors"]}
    if refused:
        raise RuntimeError(f"{who}: requests not answered with success: {refused}")
    return figures


def measure(name, start, loadgen, seconds, quick):
    """Every figure of one server, each group on a fresh server so none inherits another's files."""
    figures = {}
    if name != "ours_fast":   # the same /health as "ours": only its generation differs
        server = start()
        try:
            figures["health"] = wrk_figures(server.url + "/health", 2, 32, seconds, "health.lua")
        finally:
            stop(server)
    server = start()
    try:
        figures["generate_seq"] = wrk_figures(server.url + "/api/generate", 1, 1, seconds, "post.lua", SEED_BODY)
    finally:
        stop(server)
    if name == "ours_fast":
        return figures
    server = start()
    try:
        figures["generate_16"] = wrk_figures(server.url + "/api/generate", 2, 16, seconds, "post.lua", SEED_BODY)
    finally:
        stop(server)
    server = start()
    try:
        figures["fanout_100"] = fanout(loadgen, server.url, 100, 100 if quick else 500)
        figures["memory"] = sessions_rss(server, 100 if quick else 1000)
    finally:
        stop(server)
    server = start()
    try:
        figures.update(files_figures(server, "original" if name == "original" else "ours", seconds))
    finally:
        stop(server)
    return figures


def median_of(runs, path):
    values = []
    for run in runs:
        value = run
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            values.append(value)
    return statistics.median(values) if values else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build_dir")
    parser.add_argument("--original", default=os.environ.get("AIBAND_ORIGINAL_DIR"),
                        help="a checkout of the original (default: $AIBAND_ORIGINAL_DIR)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10, help="each wrk run's length")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "compare-original.json"))
    parser.add_argument("--quick", action="store_true", help="1 round of 2 s runs, 100 sessions: checks the runner")
    args = parser.parse_args()
    if not args.original:
        parser.error("give --original DIR or set AIBAND_ORIGINAL_DIR (docs/BENCHMARKS.md says how to get it)")
    if args.quick:
        args.rounds, args.seconds = 1, 2
    build = os.path.abspath(args.build_dir)
    app = os.path.join(build, "app", "ai-band-orchestrator")
    loadgen = os.path.join(build, "bench", "loadgen", "loadgen")
    for program in (app, loadgen):
        if not os.access(program, os.X_OK):
            raise SystemExit(f"{program} is not built")
    parent = _bench_tmp_parent()
    copy = prepare_original(os.path.abspath(args.original), parent)
    described = machine.describe(parent, build, busy_before=cpu_busy(), floor=False)   # the floor: each round's
    started = time.time()
    runs = {"ours": [], "ours_fast": [], "original": []}
    floors = []
    try:
        for round_ in range(args.rounds):
            for name, start in (("ours", lambda: ours(app)), ("ours_fast", lambda: ours(app, durable=False)),
                                ("original", lambda: OriginalServer(copy).start())):
                log(f"round {round_ + 1}/{args.rounds}: {name}")
                runs[name].append(measure(name, start, loadgen, args.seconds, args.quick))
            floors.append(machine.measure_floor(parent))
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    keys = [("health", "per_s"), ("generate_seq", "p50_ms"), ("generate_seq", "p99_ms"), ("generate_16", "per_s"),
            ("fanout_100", "p50_ms"), ("fanout_100", "p99_ms"), ("memory", "idle_kib"), ("memory", "sessions_kib"),
            ("list_100", "p50_ms"), ("list_100", "p99_ms"), ("download", "p50_ms"), ("download", "p99_ms"),
            ("transport_sync", "p50_ms"), ("transport_sync", "p99_ms")]
    medians = {name: {f"{a}.{b}": median_of(values, (a, b)) for a, b in keys} for name, values in runs.items()}
    floor = {"p50_ms": statistics.median(f["p50_ms"] for f in floors),
             "p99_ms": statistics.median(f["p99_ms"] for f in floors), "count": floors[0]["count"], "runs": floors}
    described["disk_floor"] = floor
    result = {
        "machine": machine.finish(described),
        "quick": args.quick,
        "seconds": round(time.time() - started, 1),
        "rounds": args.rounds,
        "wrk_seconds": args.seconds,
        "original_patches": [{"file": f, "from": o, "to": n, "why": w} for f, o, n, w in PATCHES],
        "disk_floor": floor,
        "medians": medians,
        "runs": runs,
    }
    previous = moves.load(args.out)
    kept = moves.keep_as_previous(args.out)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)
    print(report(result, previous))
    log(f"wrote {os.path.relpath(args.out, ROOT)}" + (f"; the run before is now {os.path.relpath(kept, ROOT)}" if kept else ""))


def _kib_to_mb(kib):
    return kib / 1024 if kib is not None else None


def rows(result):
    """(what, ours, the original's, higher is better, digits) for each line of the table."""
    m = result["medians"]
    ours, fast, orig = m["ours"], m["ours_fast"], m["original"]
    held = next((run["memory"]["sessions"] for run in result["runs"]["ours"] if "memory" in run), 0)
    return [
        ("GET /health, wrk -t2 -c32, req/s", ours["health.per_s"], orig["health.per_s"], True, 0),
        ("POST /api/generate one at a time, p50 ms (durable)", ours["generate_seq.p50_ms"], orig["generate_seq.p50_ms"], False, 3),
        ("the same, p99 ms (durable)", ours["generate_seq.p99_ms"], orig["generate_seq.p99_ms"], False, 3),
        ("POST /api/generate one at a time, p50 ms (durable writes off)", fast["generate_seq.p50_ms"], orig["generate_seq.p50_ms"], False, 3),
        ("the same, p99 ms (durable writes off)", fast["generate_seq.p99_ms"], orig["generate_seq.p99_ms"], False, 3),
        ("POST /api/generate, 16 clients, gen/s (durable)", ours["generate_16.per_s"], orig["generate_16.per_s"], True, 0),
        ("fan-out to 100 sessions (POST /api/transport/sync), p50 ms", ours["fanout_100.p50_ms"], orig["fanout_100.p50_ms"], False, 3),
        ("the same, p99 ms", ours["fanout_100.p99_ms"], orig["fanout_100.p99_ms"], False, 3),
        ("RSS idle, MB", _kib_to_mb(ours["memory.idle_kib"]), _kib_to_mb(orig["memory.idle_kib"]), False, 1),
        (f"RSS with {held:,} sessions, MB", _kib_to_mb(ours["memory.sessions_kib"]), _kib_to_mb(orig["memory.sessions_kib"]), False, 1),
        ("GET /api/files with 100 files, p50 ms", ours.get("list_100.p50_ms"), orig.get("list_100.p50_ms"), False, 3),
        ("the same, p99 ms", ours.get("list_100.p99_ms"), orig.get("list_100.p99_ms"), False, 3),
        ("GET /api/files/NAME, p50 ms", ours.get("download.p50_ms"), orig.get("download.p50_ms"), False, 3),
        ("the same, p99 ms", ours.get("download.p99_ms"), orig.get("download.p99_ms"), False, 3),
        ("POST /api/transport/sync, p50 ms", ours.get("transport_sync.p50_ms"), orig.get("transport_sync.p50_ms"), False, 3),
        ("the same, p99 ms", ours.get("transport_sync.p99_ms"), orig.get("transport_sync.p99_ms"), False, 3),
    ]


def table(result, fig):
    """The comparison as a markdown table (docs/BENCHMARKS.md), each figure through fig."""
    def fmt(value, digits=2):
        return "–" if value is None else f"{value:,.{digits}f}"

    def ratio(a, b, higher_better):
        if not a or not b:
            return "–"
        return f"{(a / b if higher_better else b / a):.2f}×"

    # Rows named "the same" take the row above's name in the list of moves. The rows "durable
    # writes off" show the original's figures of the durable rows again: listed there only.
    lines = ["| what | ours | original | ours is better by |", "|---|---|---|---|"]
    named = ""
    for what, a, b, higher, digits in rows(result):
        named = what if not what.startswith("the same") else named.split(",")[0] + what[len("the same"):]
        again = named.endswith("(durable writes off)")
        lines.append(f"| {what} | {fig(named + ', ours', a, fmt(a, digits), higher)} | "
                     f"{fig(named + ', the original', b, fmt(b, digits), higher, listed=not again)} | "
                     f"{ratio(a, b, higher)} |")
    floor = result["disk_floor"]
    lines.append("")
    lines.append(f"The disk's floor (create, write 300 bytes, fdatasync, rename; median of {result['rounds']} runs "
                 f"of 300): p50 {floor['p50_ms']:.3f} ms, p99 {floor['p99_ms']:.3f} ms.")
    return lines


def machine_of(result):
    """The run's machine; a run before machine.describe() kept its floor and load beside it."""
    m = dict(result.get("machine") or {})
    m.setdefault("disk_floor", result.get("disk_floor"))
    m.setdefault("busy_before_pct", result.get("other_work_before_pct"))
    m.setdefault("busy_after_pct", result.get("other_work_after_pct"))
    return m


def report(result, previous=None):
    """The machine, the table, and what moved by more than 20 % since `previous`, in markdown."""
    known = None
    if previous is not None:
        before = moves.Figures()
        machine.table_rows(machine_of(previous), before)
        table(previous, before)
        known = before.values
    figures = moves.Figures(known)
    lines = ["### Machine", "", "| | |", "|---|---|"] + machine.table_rows(machine_of(result), figures)
    lines += [f"| run | {result['rounds']} rounds of {result['wrk_seconds']} s wrk runs, {result['seconds']} s |", ""]
    lines += table(result, figures) + [""]
    lines += moves.moved_section(figures, previous, result, heading="Moved by more than 20 % since the previous run:")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
