#!/usr/bin/python3
"""Instructions per call of one listing answer of bench_files, counted by callgrind.

Wall-clock and CPU times of a shared machine follow its load; instruction counts do not. This
runs bench_files under callgrind with counting switched on only inside the function that builds
one answer (filesPageAnswer or midiListAnswer), and prints its instructions divided by its calls.

  AIBAND_BENCH_FOLDER=build/bench-100k /usr/bin/python3 bench/files/page_instructions.py \\
      build/bench/files/bench_files 'BM_FilesPage/100/0$' filesPageAnswer

The folder is read (prepare()) without counting, which still takes a minute or two under
valgrind at 100,000 files; make it first with a plain run of bench_files. The first call also
prepares the page's SQL statements; --min-time makes enough calls for that to be noise.
"""
import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def calls_and_cost(out_file: Path, function: str):
    """The calls of `function` and their inclusive instructions, from callgrind's call records."""
    ids = set()
    calls = 0
    cost = 0
    lines = out_file.read_text(errors="replace").splitlines()
    for i, line in enumerate(lines):
        # A function's name is given once, where its id first appears (fn= or cfn=).
        match = re.match(r"(c?fn)=\((\d+)\)(?: (.*))?", line)
        if not match:
            continue
        kind, fid, name = match.groups()
        if name is not None and function in name:
            ids.add(fid)
        if kind != "cfn" or fid not in ids or i + 2 >= len(lines) or not lines[i + 1].startswith("calls="):
            continue
        calls += int(lines[i + 1].split("=")[1].split()[0])
        cost += int(lines[i + 2].split()[1])
    return calls, cost


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", help="the bench_files binary")
    parser.add_argument("filter", help="--benchmark_filter, e.g. 'BM_FilesPage/100/0$'")
    parser.add_argument("function", help="the answer's function: filesPageAnswer or midiListAnswer")
    parser.add_argument("--min-time", default="20", help="--benchmark_min_time (valgrind's seconds)")
    parser.add_argument("--keep", help="keep callgrind's output here (for callgrind_annotate)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out_file = Path(args.keep) if args.keep else Path(folder) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no",
                        f"--toggle-collect=*{args.function}*", f"--callgrind-out-file={out_file}",
                        args.bench, f"--benchmark_filter={args.filter}",
                        f"--benchmark_min_time={args.min_time}"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        calls, cost = calls_and_cost(out_file, args.function)
    if calls == 0:
        sys.exit(f"{args.function} was never called: check the filter")
    print(f"{args.filter}: {cost // calls:,} instructions per {args.function} ({calls} calls)")


if __name__ == "__main__":
    main()
