#!/usr/bin/python3
"""Two builds' POST /api/generate side by side, interleaved (docs/BENCHMARKS.md, issue 18): for
each round and each binary, one at a time (wrk -t1 -c1) with durable writes on and off, and 16
clients (wrk -t2 -c16) with durable writes on, each on a fresh server; then this disk's floor
(create, write, fdatasync, rename one small file). The load average is taken beside every run,
because the machine may be shared. Prints a markdown table of the medians and writes JSON.

Usage: /usr/bin/python3 bench/http/ab_generate.py OLD_APP NEW_APP [--rounds 3] [--seconds 8]
                                                  [--out FILE]
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from benchlib import SEED_BODY, Server, _bench_tmp_parent, log, run_wrk  # noqa: E402
from compare_original import disk_floor  # noqa: E402
import machine  # noqa: E402

RUNS = (("seq_durable", 1, 1, True), ("seq_fast", 1, 1, False), ("c16_durable", 2, 16, True))


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def one_run(app, threads, connections, durable, seconds):
    extra = {"AIBAND_MAX_CONNECTIONS": "4096"}
    if not durable:
        extra["AIBAND_DURABLE_WRITES"] = "false"
    server = Server(app, extra_env=extra).start()
    try:
        before = loadavg()
        result = run_wrk(server.url + "/api/generate", threads, connections, seconds, "post.lua", SEED_BODY)
        return {"per_s": result["ok_per_s"], "p50_ms": result["latency_ms"]["p50"],
                "p99_ms": result["latency_ms"]["p99"], "errors": result["errors"]["status"],
                "load_before": before, "load_after": loadavg()}
    finally:
        server.cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old_app")
    parser.add_argument("new_app")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    apps = {"old": os.path.abspath(args.old_app), "new": os.path.abspath(args.new_app)}
    runs = {name: {run: [] for run, *_ in RUNS} for name in apps}
    # The machine as every report states it (bench/tools/machine.py); the build is the new app's.
    described = machine.describe(_bench_tmp_parent(), os.path.dirname(os.path.dirname(apps["new"])), floor=False)
    floors = []
    for round_ in range(args.rounds):
        for run, threads, connections, durable in RUNS:
            for name, app in apps.items():
                log(f"round {round_ + 1}/{args.rounds}: {name} {run}")
                runs[name][run].append(one_run(app, threads, connections, durable, args.seconds))
        folder = tempfile.mkdtemp(prefix="aiband-floor-", dir=_bench_tmp_parent())
        floors.append(disk_floor(folder))
        shutil.rmtree(folder, ignore_errors=True)
    described["disk_floor"] = {"p50_ms": statistics.median(f["p50_ms"] for f in floors),
                               "p99_ms": statistics.median(f["p99_ms"] for f in floors),
                               "count": floors[0].get("count", machine.FLOOR_FILES), "runs": floors}
    machine.finish(described)
    result = {"machine": described, "runs": runs, "floors": floors}
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)
    print("### Machine\n\n| | |\n|---|---|")
    for row in machine.table_rows(described, lambda label, value, text: text):
        print(row)
    print()
    print("| run | figure | old (median) | new (median) | old, each round | new, each round | load avg, each round |")
    print("|---|---|---|---|---|---|---|")
    for run, *_ in RUNS:
        for figure in ("p50_ms", "p99_ms", "per_s"):
            old = [r[figure] for r in runs["old"][run]]
            new = [r[figure] for r in runs["new"][run]]
            loads = [f"{o['load_before']:.1f}/{n['load_before']:.1f}" for o, n in zip(runs["old"][run], runs["new"][run])]
            print(f"| {run} | {figure} | {statistics.median(old):.3f} | {statistics.median(new):.3f} | "
                  f"{' / '.join(f'{v:.3f}' for v in old)} | {' / '.join(f'{v:.3f}' for v in new)} | {' '.join(loads)} |")
    print(f"| disk floor | p50_ms | {statistics.median(f['p50_ms'] for f in floors):.3f} | | "
          f"{' / '.join(str(f['p50_ms']) for f in floors)} | | |")


if __name__ == "__main__":
    main()
