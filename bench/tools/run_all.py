#!/usr/bin/python3
"""Runs every benchmark that exists in the build folder and writes one JSON file
(bench/results/latest.json by default) that report.py turns into docs/BENCHMARKS.md. The file
there before becomes previous.json (NAME.previous.json beside NAME.json), which a --quick report
marks moves against; the docs' report marks them against the published run (moves.PUBLISHED).
The machine is described first (machine.py), its disk's fdatasync floor measured.

  engine   BUILD/bench/engine/bench_engine (Google Benchmark), when built
  loadgen  BUILD/bench/loadgen/loadgen --scenario all (WebSocket latencies), when built
  http     bench/http/run_http.py (wrk)
  probe    bench/probe/probe.py startup and memory
  soak     bench/probe/probe.py soak, only with --soak MINUTES

A part whose program is not built is recorded as skipped, with the reason, and the rest runs.

Usage: /usr/bin/python3 bench/tools/run_all.py BUILD_DIR [--out FILE] [--soak MINUTES]
                                               [--only engine,loadgen,http,probe] [--quick]
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "http"))
sys.path.insert(0, os.path.join(HERE, "..", "probe"))
import benchlib  # noqa: E402
import budgets  # noqa: E402
import machine  # noqa: E402
import moves  # noqa: E402
import probe  # noqa: E402
import run_http  # noqa: E402
from benchlib import ROOT, log  # noqa: E402

ENGINE_TIMEOUT_S = 120
LOADGEN_TIMEOUT_S = 150
BUSY_WARNING_PCT = 10.0


def skipped(reason):
    log(f"skipped: {reason}")
    return {"status": "skipped", "reason": reason}


def run_engine(build_dir, work_dir):
    binary = os.path.join(build_dir, "bench", "engine", "bench_engine")
    if not os.access(binary, os.X_OK):
        return skipped(f"{os.path.relpath(binary, ROOT)} is not built (the engine benchmarks are not in this checkout yet)")
    out = os.path.join(work_dir, "engine.json")
    cmd = [binary, "--benchmark_format=json", f"--benchmark_out={out}"]
    log("engine: " + " ".join([os.path.relpath(binary, ROOT)] + cmd[1:2] + ["--benchmark_out=FILE"]))
    started = time.perf_counter()
    try:
        completed = subprocess.run(cmd, capture_output=True, text=True, timeout=ENGINE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {"status": "failed", "reason": f"bench_engine ran longer than {ENGINE_TIMEOUT_S} s"}
    if completed.returncode != 0 or not os.path.exists(out):
        return {"status": "failed", "reason": f"bench_engine exited {completed.returncode}: "
                                              f"{completed.stderr.strip()[-500:]}"}
    with open(out) as f:
        data = json.load(f)
    keep = ("name", "run_name", "run_type", "aggregate_name", "iterations", "real_time", "cpu_time",
            "time_unit", "items_per_second", "bytes_per_second", "label")
    rows = []
    for bench in data.get("benchmarks", []):
        row = {k: bench[k] for k in keep if k in bench}
        # User counters (notes, bars, ...) are the other numeric fields.
        row["counters"] = {k: v for k, v in bench.items()
                           if k not in keep and isinstance(v, (int, float))
                           and k not in ("family_index", "per_family_instance_index", "repetitions",
                                         "repetition_index", "threads")}
        rows.append(row)
    context = data.get("context", {})
    return {"status": "ran", "seconds": round(time.perf_counter() - started, 1),
            "command": "bench/engine/bench_engine --benchmark_format=json --benchmark_out=FILE",
            "context": {k: context.get(k) for k in ("date", "num_cpus", "mhz_per_cpu", "cpu_scaling_enabled",
                                                    "library_build_type", "load_avg")},
            "benchmarks": rows}


def run_loadgen(build_dir, app, work_dir):
    binary = os.path.join(build_dir, "bench", "loadgen", "loadgen")
    if not os.access(binary, os.X_OK):
        return skipped(f"{os.path.relpath(binary, ROOT)} is not built (the WebSocket load generator is not in "
                       "this checkout yet): no WebSocket latency or fan-out figures")
    out = os.path.join(work_dir, "loadgen.json")
    cmd = [binary, "--server", app, "--scenario", "all", "--json", out]
    log("loadgen: bench/loadgen/loadgen --server APP --scenario all --json FILE")
    started = time.perf_counter()
    try:
        completed = subprocess.run(cmd, capture_output=True, text=True, timeout=LOADGEN_TIMEOUT_S,
                                   cwd=work_dir)
    except subprocess.TimeoutExpired:
        return {"status": "failed", "reason": f"loadgen ran longer than {LOADGEN_TIMEOUT_S} s"}
    if not os.path.exists(out):
        return {"status": "failed", "reason": f"loadgen exited {completed.returncode} without writing its JSON: "
                                              f"{(completed.stderr or completed.stdout).strip()[-500:]}"}
    with open(out) as f:
        data = json.load(f)
    note = None
    if completed.returncode != 0:
        # Its exit status is 1 when a scenario failed (protocol error, timeout, unclean exit); the
        # scenarios that ran are still in the JSON and the failed ones carry an "error".
        note = f"loadgen exited {completed.returncode}: " + (completed.stderr or completed.stdout).strip()[-300:]
        log(note)
    return {"status": "ran", "note": note, "seconds": round(time.perf_counter() - started, 1),
            "command": "bench/loadgen/loadgen --server build-bench/app/ai-band-orchestrator --scenario all --json FILE",
            "data": data}


def carried_soak(*paths):
    """The soak of the first run at `paths` that has one, with the date it was measured
    (`carried_from`); None when none has."""
    for path in paths:
        previous = moves.load(path) or {}
        if previous.get("soak"):
            soak = dict(previous["soak"])
            soak["carried_from"] = soak.get("carried_from") or (previous.get("machine") or {}).get("date")
            return soak
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build_dir")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "latest.json"))
    parser.add_argument("--soak", type=float, metavar="MINUTES", help="also run the soak for this long")
    parser.add_argument("--only", default="engine,loadgen,http,probe",
                        help="comma-separated parts to run (default: all of engine,loadgen,http,probe)")
    parser.add_argument("--quick", action="store_true", help="short runs: checks the runner, not figures")
    parser.add_argument("--wait-quiet", type=float, default=30.0, metavar="SECONDS",
                        help="wait at most this long for other work on the machine to stop (default 30)")
    args = parser.parse_args()

    build_dir = os.path.abspath(args.build_dir)
    app = os.path.join(build_dir, "app", "ai-band-orchestrator")
    if not os.access(app, os.X_OK):
        sys.exit(f"{app} is not built")
    parts = set(args.only.split(","))
    work_dir = os.path.join(build_dir, "tmp")
    os.makedirs(work_dir, exist_ok=True)

    busy_before = benchlib.wait_quiet(args.wait_quiet)
    log("the machine: its disk's fdatasync floor, 300 small files")
    # The servers' folders are made under this one: the floor is that disk's.
    described = machine.describe(benchlib._bench_tmp_parent(), build_dir, busy_before=busy_before)
    started = time.perf_counter()
    results = {"schema": 2, "machine": described, "quick": args.quick}
    results["engine"] = run_engine(build_dir, work_dir) if "engine" in parts else skipped("not asked for (--only)")
    results["loadgen"] = run_loadgen(build_dir, app, work_dir) if "loadgen" in parts else skipped("not asked for (--only)")
    results["http"] = run_http.run(app, args.quick) if "http" in parts else skipped("not asked for (--only)")
    if "probe" in parts:
        log("probe: startup, 10 spawns")
        results["probe"] = {"startup": probe.startup(app, 10)}
        log("probe: memory, idle, 1,000 plugin sessions, after they leave")
        results["probe"]["memory"] = probe.memory(app, build_dir, 1000)
    else:
        results["probe"] = skipped("not asked for (--only)")
    if args.soak:
        log(f"soak: {args.soak} minutes of mixed load")
        results["soak"] = probe.soak(app, args.soak)
    else:
        # A soak takes minutes, so a run without --soak keeps the last one's figures, marked: this
        # folder's last run, or on a fresh clone the published one's.
        soak = carried_soak(args.out, moves.PUBLISHED)
        if soak:
            results["soak"] = soak
    results["seconds"] = round(time.perf_counter() - started, 1)
    # The kernel is still freeing the tens of thousands of files the runs deleted for a moment
    # (kworker, RCU reclaim): let that pass so that it is not taken for someone else's work.
    os.sync()
    time.sleep(5)
    machine.finish(results["machine"])
    if max(busy_before, results["machine"]["busy_after_pct"]) >= BUSY_WARNING_PCT:
        log(f"warning: other work was using the machine ({busy_before} % of its CPU before the run, "
            f"{results['machine']['busy_after_pct']} % after): these figures are disturbed")
    results["budgets"] = budgets.evaluate(results)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    kept = moves.keep_as_previous(args.out)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    log(f"wrote {os.path.relpath(args.out, ROOT)} in {results['seconds']} s"
        + (f"; the run before is now {os.path.relpath(kept, ROOT)}" if kept else ""))
    for row in results["budgets"]:
        verdict = {True: "met", False: "NOT MET", None: "-"}[row["met"]]
        target = f"{row['op']} {row['target']}" if row["op"] else ""
        log(f"  {row['what']}: {row['figure']} {row['unit']} {target} {verdict}")


if __name__ == "__main__":
    main()
