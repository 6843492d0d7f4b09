#!/usr/bin/python3
"""Two builds' sequential POST /api/generate tails, in alternating blocks on two live servers
(docs/BENCHMARKS.md, issue 18). ab_generate.py runs each build on a fresh server in turn; this
machine's speed drifts by 20-40 % within minutes, more than the difference a change in the tail
makes. Here both servers stay up (each past plugin.max_files, so trims run), and one client sends
blocks of generations one at a time to each in turn (old, new, new, old, ...), so a slow phase
falls on both. Each block's p50 and p99 are compared; the pooled percentiles are printed with
the latency by a take's place in the trim cycle (a folder at max_files is trimmed every
kTrimMargin files: every 16 two-part takes at the default 1,000), which shows what a trim costs
the take that follows it.

The client is Python's http.client: its own ~0.1 ms per request is in every figure, the same
for both builds. Latencies are its send-to-answer times.

Usage: /usr/bin/python3 bench/http/ab_blocks.py OLD_APP NEW_APP [--blocks 12] [--block-size 1000]
                                                [--no-durable] [--cycle 16] [--out FILE]
"""

import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from benchlib import SEED_BODY, Server, TakeClient, _bench_tmp_parent, log, percentile  # noqa: E402
import machine  # noqa: E402

WARM_UP = 1200   # takes per server before measuring: past max_files (1,000 files), so trims run


def by_cycle_place(latencies, cycle):
    """The median latency at each place of the trim cycle (takes counted from the block's start;
    blocks are whole cycles long, so places line up across blocks)."""
    return [statistics.median(latencies[place::cycle]) for place in range(cycle)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old_app")
    parser.add_argument("new_app")
    parser.add_argument("--blocks", type=int, default=12)
    parser.add_argument("--block-size", type=int, default=1008, help="takes per block (a multiple of --cycle)")
    parser.add_argument("--no-durable", action="store_true", help="plugin.durable_writes off on both")
    parser.add_argument("--cycle", type=int, default=16, help="takes per trim at the default max_files")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    if args.block_size % args.cycle:
        parser.error("--block-size must be a multiple of --cycle")
    with open(SEED_BODY, "rb") as f:
        body = f.read()
    apps = {"old": os.path.abspath(args.old_app), "new": os.path.abspath(args.new_app)}
    extra = {"AIBAND_MAX_CONNECTIONS": "4096"}
    if args.no_durable:
        extra["AIBAND_DURABLE_WRITES"] = "false"
    described = machine.describe(_bench_tmp_parent(), os.path.dirname(os.path.dirname(apps["new"])), floor=False)
    servers = {name: Server(app, extra_env=extra).start() for name, app in apps.items()}
    blocks = {name: [] for name in apps}
    try:
        clients = {name: TakeClient(server.url, body) for name, server in servers.items()}
        for name, client in clients.items():
            client.takes(WARM_UP)
        order = ["old", "new"]
        for block in range(args.blocks):
            log(f"block {block + 1}/{args.blocks}")
            for name in order:
                blocks[name].append(clients[name].takes(args.block_size))
            order.reverse()
    finally:
        for server in servers.values():
            server.cleanup()
    machine.finish(described)
    pooled = {name: [v for b in runs for v in b] for name, runs in blocks.items()}
    result = {"machine": described, "durable": not args.no_durable, "blocks": blocks}
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f)

    print("### Machine\n\n| | |\n|---|---|")
    for row in machine.table_rows(described, lambda label, value, text: text):
        print(row)
    print()
    print(f"{args.blocks} blocks of {args.block_size} takes each, durable writes "
          f"{'off' if args.no_durable else 'on'}; milliseconds, send to answer\n")
    print("| | old | new | blocks where new is lower |")
    print("|---|---|---|---|")
    for label, p in (("p50", 50), ("p90", 90), ("p99", 99), ("p99.9", 99.9)):
        lower = sum(1 for o, n in zip(blocks["old"], blocks["new"]) if percentile(n, p) < percentile(o, p))
        print(f"| {label} | {percentile(pooled['old'], p):.3f} | {percentile(pooled['new'], p):.3f} | "
              f"{lower} of {args.blocks} |")
    print()
    print(f"Median latency by place in the trim cycle ({args.cycle} takes):\n")
    print("| | " + " | ".join(str(p) for p in range(args.cycle)) + " |")
    print("|---|" + "---|" * args.cycle)
    for name in apps:
        places = by_cycle_place(pooled[name], args.cycle)
        print(f"| {name} | " + " | ".join(f"{v:.2f}" for v in places) + " |")


if __name__ == "__main__":
    main()
