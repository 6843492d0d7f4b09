#!/usr/bin/python3
"""Startup, memory and soak probe (docs/BENCHMARKS.md). Reads the server's /proc/PID/status
(VmRSS, VmHWM, Threads) and counts /proc/PID/fd.

  startup  spawn -> first 200 from GET /health, N times (the port is chosen before the spawn so
           polling starts at once; the "listening on" line's time is recorded too)
  memory   RSS idle (headless, 2 s after it answers), with N plugin sessions held open, and again
           once they have all left (the server's /health says 0 plugins, then 3 s)
  soak     mixed load for M minutes (wrk on GET /health and POST /api/generate, paced; plugin
           sessions joining, sending heartbeats and leaving), sampling RSS and open fds every few
           seconds; reports the slope of each after a warm-up

Usage: /usr/bin/python3 bench/probe/probe.py BUILD_DIR {startup,memory,soak,all} [options]
"""

import argparse
import asyncio
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
sys.path.insert(0, HERE)
import benchlib  # noqa: E402
from benchlib import SEED_BODY, Server, log, sample  # noqa: E402


def mib(kib):
    return round(kib / 1024, 1) if kib is not None else None


# ---------------------------------------------------------------------------------------------
# startup
# ---------------------------------------------------------------------------------------------

def startup(app, runs=10):
    ready_ms, line_ms, rss = [], [], []
    for _ in range(runs):
        server = Server(app, port=benchlib.free_port())
        try:
            server.spawn()
            url = f"http://127.0.0.1:{server.port}"
            ready = benchlib.wait_healthy(url, timeout=10.0, interval=0.0005)
            ready_ms.append((ready - server.spawned_at) * 1000)
            deadline = time.perf_counter() + 5
            while server.line_at is None and time.perf_counter() < deadline:
                time.sleep(0.001)
            if server.line_at is not None:
                line_ms.append((server.line_at - server.spawned_at) * 1000)
            rss.append(benchlib.rss_kib(server.pid))
        finally:
            server.cleanup()
    ordered = sorted(ready_ms)
    return {"runs": runs,
            "ready_ms": {"p50": round(statistics.median(ordered), 1), "min": round(ordered[0], 1),
                         "max": round(ordered[-1], 1), "all": [round(v, 1) for v in ready_ms]},
            "listening_line_ms": {"p50": round(statistics.median(line_ms), 1), "max": round(max(line_ms), 1)}
            if line_ms else None,
            "rss_at_ready_mib": mib(statistics.median(rss)),
            "method": "spawn (Popen) -> GET /health every 0.5 ms on a port chosen beforehand -> first 200"}


# ---------------------------------------------------------------------------------------------
# memory
# ---------------------------------------------------------------------------------------------

def loadgen_binary(build_dir):
    path = os.path.join(build_dir, "bench", "loadgen", "loadgen")
    return path if os.access(path, os.X_OK) else None


def loadgen_can_target(loadgen):
    """Whether loadgen can be pointed at a running server (a --url option); without it, it starts
    its own server and the probe could not read that server's memory between the phases."""
    try:
        help_text = subprocess.run([loadgen, "--help"], capture_output=True, text=True, timeout=10)
        return "--url" in (help_text.stdout + help_text.stderr)
    except (OSError, subprocess.SubprocessError):
        return False


def wait_plugins(server, count, timeout=60.0):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        health = server.health() or {}
        if health.get("plugins_connected") == count:
            return True
        time.sleep(0.1)
    return False


def hold_with_python(server, sessions, hold_seconds):
    ws_base = server.url.replace("http://", "ws://")
    import ws_holder

    async def scenario():
        started = time.perf_counter()
        connections = await ws_holder.open_sessions(ws_base, sessions)
        opened_s = time.perf_counter() - started
        await ws_holder.drain(connections, 1.0)
        health = server.health() or {}
        samples = []
        for _ in range(3):
            await ws_holder.drain(connections, hold_seconds / 3)
            samples.append(sample(server.pid))
        await ws_holder.close_sessions(connections)
        return opened_s, health.get("plugins_connected"), samples

    return asyncio.run(scenario())


def hold_with_loadgen(server, loadgen, sessions, hold_seconds):
    """loadgen --url ... --scenario hold opens the sessions on this probe's server and says so on
    stdout; the probe samples the server, then ends the hold with SIGUSR1 (--hold bounds it)."""
    ws_url = server.url.replace("http://", "ws://")
    process = subprocess.Popen([loadgen, "--url", ws_url, "--scenario", "hold", "--sessions", str(sessions),
                                "--hold", "120"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    started = time.perf_counter()
    opened_s, samples = None, []
    lines = []
    try:
        for line in process.stdout:
            lines.append(line.strip())
            if line.startswith("hold:") and "open and confirmed" in line:
                opened_s = time.perf_counter() - started
                break
        if opened_s is None:
            raise RuntimeError("loadgen did not hold the sessions: " + " | ".join(lines[-5:]))
        health = server.health() or {}
        for _ in range(3):
            time.sleep(hold_seconds / 3)
            samples.append(sample(server.pid))
        process.send_signal(signal.SIGUSR1)
        process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return opened_s, health.get("plugins_connected"), samples


def reconnect_check(server, count=100):
    """After the held sessions have all left: can 100 more plugins connect, one after the other,
    and does GET /health still answer? (server.max_connections is 1024 by default.)"""
    import ws_holder
    ws_base = server.url.replace("http://", "ws://")

    async def scenario():
        opened, refused = 0, None
        for i in range(count):
            try:
                connection = await ws_holder.open_session(ws_base, f"again-{i}", timeout=10.0)
                opened += 1
                await connection.close()
            except Exception as error:  # noqa: BLE001 - the refusal is the finding
                refused = str(error)
                break
        return opened, refused

    opened, refused = asyncio.run(scenario())
    try:
        status, _ = benchlib.http_request(server.url, "GET", "/health")
    except OSError as error:
        status = str(error)
    return {"tried": count, "opened": opened, "first_refusal": refused, "health_status": status}


def memory(app, build_dir, sessions=1000, holder="auto", hold_seconds=3.0):
    result = {"sessions": sessions}
    with Server(app) as server:
        time.sleep(2.0)
        idle = sample(server.pid)
        result["idle"] = idle
        loadgen = loadgen_binary(build_dir)
        use_loadgen = holder == "loadgen" or (holder == "auto" and loadgen and loadgen_can_target(loadgen))
        if use_loadgen:
            result["holder"] = "bench/loadgen/loadgen --url ws://127.0.0.1:PORT --scenario hold --sessions %d" % sessions
            opened_s, seen, samples = hold_with_loadgen(server, loadgen, sessions, hold_seconds)
        else:
            why = ("bench/loadgen/loadgen is not built" if not loadgen else
                   "bench/loadgen/loadgen has no --url option to hold sessions on this probe's server")
            result["holder"] = f"bench/probe/ws_holder.py (Python websockets; fallback: {why})"
            opened_s, seen, samples = hold_with_python(server, sessions, hold_seconds)
        result["open_seconds"] = round(opened_s, 2)
        result["plugins_connected_seen"] = seen
        if samples:
            result["held"] = max(samples, key=lambda s: s["rss_kib"])
        left = wait_plugins(server, 0)
        time.sleep(3.0)
        result["after"] = sample(server.pid)
        result["after_all_left"] = left
        time.sleep(7.0)
        result["after_10s"] = sample(server.pid)
        result["reconnect_check"] = reconnect_check(server)
    for key in ("idle", "held", "after", "after_10s"):
        if key in result:
            result[key]["rss_mib"] = mib(result[key]["rss_kib"])
    return result


# ---------------------------------------------------------------------------------------------
# soak
# ---------------------------------------------------------------------------------------------

def slope_per_minute(points):
    """Least-squares slope of (seconds, value) points, per minute."""
    if len(points) < 3:
        return None
    xs = [p[0] / 60 for p in points]
    ys = [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else None


def prune(folder, keep):
    """The server does not enforce plugin.max_files yet: keep the folder at the newest `keep`
    files (names start with their creation time), so /health's folder listing stays cheap."""
    names = sorted(n for n in os.listdir(folder) if n.endswith(".mid"))
    for name in names[:-keep] if len(names) > keep else []:
        try:
            os.remove(os.path.join(folder, name))
        except OSError:
            pass
    return max(0, len(names) - keep)


def soak(app, minutes, interval=5.0, keep_files=100, churn_sessions=50):
    seconds = int(minutes * 60)
    result = {"minutes": minutes, "interval_s": interval, "kept_files": keep_files,
              "load": {"health": "wrk -t1 -c2 (AIBAND_BENCH_DELAY_MS=5) GET /health",
                       "generate": "wrk -t1 -c2 (AIBAND_BENCH_DELAY_MS=10) POST /api/generate (seed example)",
                       "sessions": f"{churn_sessions} plugin sessions join, 3 heartbeats each, leave; repeated"}}
    stop = threading.Event()
    churn = {"rounds": 0, "errors": 0}

    # Sessions that have left still count against server.max_connections (see reconnect_check),
    # so the soak raises the cap to its maximum: otherwise every request after the first 1,024
    # sessions is refused and the soak would measure a server that only answers 503.
    result["server_env"] = {"AIBAND_MAX_CONNECTIONS": "100000"}
    with Server(app, extra_env=result["server_env"]) as server:
        ws_base = server.url.replace("http://", "ws://")
        import ws_holder

        def churner():
            async def rounds():
                while not stop.is_set():
                    try:
                        connections = await ws_holder.open_sessions(ws_base, churn_sessions, prefix="soak")
                        await asyncio.gather(*(ws_holder.heartbeat_round(c) for c in connections))
                        await ws_holder.close_sessions(connections)
                        churn["rounds"] += 1
                    except Exception:  # noqa: BLE001 - counted and reported, the soak goes on
                        churn["errors"] += 1
                    await asyncio.sleep(1.0)
            asyncio.run(rounds())

        env = dict(os.environ, AIBAND_BENCH_BODY=SEED_BODY)
        wrk = []
        for script, path, delay in (("health.lua", "/health", 5), ("post.lua", "/api/generate", 10)):
            wrk.append(subprocess.Popen(
                ["wrk", "-t1", "-c2", f"-d{seconds}s", "-s", os.path.join(benchlib.ROOT, "bench", "http", script),
                 server.url + path], env=dict(env, AIBAND_BENCH_DELAY_MS=str(delay)),
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        churn_thread = threading.Thread(target=churner, daemon=True)
        churn_thread.start()

        samples = []
        started = time.perf_counter()
        pruned = 0
        while time.perf_counter() - started < seconds:
            time.sleep(interval)
            pruned += prune(server.files_dir, keep_files)
            s = sample(server.pid)
            s["t"] = round(time.perf_counter() - started, 1)
            try:
                s["health"] = benchlib.http_request(server.url, "GET", "/health", timeout=10)[0]
            except OSError:
                s["health"] = None
            samples.append(s)
        stop.set()
        outputs = [w.communicate(timeout=60)[0] for w in wrk]
        churn_thread.join(60)
        wait_plugins(server, 0, timeout=30)
        time.sleep(5.0)
        result["after"] = sample(server.pid)
        health = server.health() or {}
        result["generations"] = health.get("generations")
        result["pruned_files"] = pruned
        result["session_rounds"] = churn["rounds"]
        result["session_errors"] = churn["errors"]
        result["wrk"] = {name: {k: v for k, v in benchlib.parse_wrk(out).items()
                                if k in ("requests", "requests_per_s", "errors", "latency_ms")}
                         for name, out in zip(("health", "generate"), outputs)}

    warmup = min(60.0, seconds * 0.2)
    steady = [s for s in samples if warmup <= s["t"] <= seconds + 1]
    result["samples"] = samples
    result["health_not_200"] = sum(1 for s in samples if s.get("health") != 200)
    result["warmup_s"] = warmup
    result["rss_slope_mib_per_min"] = round(slope_per_minute([(s["t"], s["rss_kib"] / 1024) for s in steady]), 3)
    result["fd_slope_per_min"] = round(slope_per_minute([(s["t"], s["fds"]) for s in steady]), 3)
    result["threads_slope_per_min"] = round(slope_per_minute([(s["t"], s["threads"]) for s in steady]), 3)
    first, last = steady[0], steady[-1]
    result["rss_mib"] = {"first": mib(first["rss_kib"]), "last": mib(last["rss_kib"]),
                         "min": mib(min(s["rss_kib"] for s in steady)), "max": mib(max(s["rss_kib"] for s in steady)),
                         "after": mib(result["after"]["rss_kib"])}
    result["fds"] = {"first": first["fds"], "last": last["fds"], "min": min(s["fds"] for s in steady),
                     "max": max(s["fds"] for s in steady), "after": result["after"]["fds"]}
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build_dir")
    parser.add_argument("what", choices=("startup", "memory", "soak", "all"))
    parser.add_argument("--runs", type=int, default=10, help="startup: spawns (default 10)")
    parser.add_argument("--sessions", type=int, default=1000, help="memory: sessions held (default 1000)")
    parser.add_argument("--holder", choices=("auto", "python", "loadgen"), default="auto")
    parser.add_argument("--minutes", type=float, default=3.0, help="soak: length (default 3)")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    build_dir = os.path.abspath(args.build_dir)
    app = os.path.join(build_dir, "app", "ai-band-orchestrator")
    results = {}
    if args.what in ("startup", "all"):
        log(f"probe: startup, {args.runs} spawns")
        results["startup"] = startup(app, args.runs)
    if args.what in ("memory", "all"):
        log(f"probe: memory, idle and with {args.sessions} plugin sessions")
        results["memory"] = memory(app, build_dir, args.sessions, args.holder)
    if args.what == "soak":
        log(f"probe: soak, {args.minutes} minutes of mixed load")
        results["soak"] = soak(app, args.minutes)
    benchlib.emit_results(results, args.json)


if __name__ == "__main__":
    main()
