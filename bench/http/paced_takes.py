#!/usr/bin/python3
"""Takes at a musician's pace, ours and the original side by side (docs/BENCHMARKS.md, issue 18).

Every other generation figure sends takes back to back. A plugin asks for one when a musician
does something, seconds apart, and on this kind of VM a machine idle between requests answers
more slowly: an idle virtual CPU halts, and waking it costs more than a busy one's hand-off. This
sends one client's takes with a pause after each answer (0, 3, 10 and 150 ms by default) to both
servers, ours (durable writes on, as by default) and the original, pause by pause (the one
measured second at a pause goes first at the next), and prints each one's p50 and p90
send-to-answer time.

Fetches nothing: the original's checkout is given as for compare_original.py.

Usage: /usr/bin/python3 bench/http/paced_takes.py APP --original DIR [--pauses 0,3,10,150]
                                                  [--takes 200] [--slow-takes 60]
"""

import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from benchlib import SEED_BODY, Server, TakeClient, _bench_tmp_parent, log, percentile  # noqa: E402
import compare_original  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("app")
    parser.add_argument("--original", default=os.environ.get("AIBAND_ORIGINAL_DIR"), required=False)
    parser.add_argument("--pauses", default="0,3,10,150", help="milliseconds after each answer")
    parser.add_argument("--takes", type=int, default=200, help="takes per server for pauses under 50 ms")
    parser.add_argument("--slow-takes", type=int, default=60, help="takes per server for longer pauses")
    args = parser.parse_args()
    if not args.original:
        raise SystemExit("--original DIR (or AIBAND_ORIGINAL_DIR): a checkout of the original")
    with open(SEED_BODY, "rb") as f:
        body = f.read()
    copy = compare_original.prepare_original(args.original, _bench_tmp_parent())
    original = compare_original.OriginalServer(copy)
    ours = Server(args.app)
    rows = []
    try:
        original.start()
        ours.start()
        servers = [("ours", ours.url), ("original", original.url)]
        for pause_ms in (float(p) for p in args.pauses.split(",")):
            count = args.takes if pause_ms < 50 else args.slow_takes
            log(f"{count} takes each, {pause_ms:g} ms after each answer")
            figures = {}
            for name, url in servers:
                latencies = TakeClient(url, body).takes(count, pause_ms / 1000)
                figures[name] = (percentile(latencies, 50), percentile(latencies, 90))
            rows.append((pause_ms, figures))
            servers.reverse()   # the one measured second at this pause goes first at the next
    finally:
        original.stop()
        ours.cleanup()
        shutil.rmtree(copy, ignore_errors=True)
    print("| pause after each answer | ours p50 | ours p90 | original p50 | original p90 |")
    print("|---|---|---|---|---|")
    for pause_ms, figures in rows:
        print(f"| {pause_ms:g} ms | {figures['ours'][0]:.2f} ms | {figures['ours'][1]:.2f} | "
              f"{figures['original'][0]:.2f} | {figures['original'][1]:.2f} |")


if __name__ == "__main__":
    main()
