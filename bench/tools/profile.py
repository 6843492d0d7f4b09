#!/usr/bin/python3
"""Where the server's time goes: runs it under valgrind --tool=callgrind, sends a fixed number of
requests one at a time on one keep-alive connection, stops it with SIGTERM and keeps the top of
callgrind_annotate's report (inclusive and self cost) in bench/results/profile-SCENARIO.txt.

  health_empty    GET /health x 2000, empty files folder (HTTP and JSON overhead)
  health_files    GET /health x 200 with 1,000 files in the folder
  generate        POST /api/generate (seed example) x 300, files on the checkout's disk

Callgrind counts instructions, not time: waiting on the disk (fdatasync) costs nothing here,
so the generate profile shows the CPU side only; run_http.py's tmpfs runs and strace figures
show the disk side.

Usage: /usr/bin/python3 bench/tools/profile.py BUILD_DIR [SCENARIO ...]
"""

import argparse
import http.client
import os
import subprocess
import sys
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
}


def profile(app, name, out_dir):
    method, path, count, files = SCENARIOS[name]
    server = Server(app)
    output = os.path.join(server.work_dir, "callgrind.out")
    server.wrapper = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={output}"]
    try:
        fill_files(server.files_dir, files)
        log(f"profile {name}: server under callgrind, {count} x {method} {path}"
            + (f" with {files} files" if files else ""))
        server.start(timeout=180)
        body = open(SEED_BODY, "rb").read() if method == "POST" else None
        host, port = server.url.split("//")[1].split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        started = time.perf_counter()
        bad = 0
        for _ in range(count):
            conn.request(method, path, body=body,
                         headers={"Content-Type": "application/json"} if body else {})
            response = conn.getresponse()
            response.read()
            bad += response.status != 200
        seconds = time.perf_counter() - started
        conn.close()
        server.stop(timeout=120)
        report = []
        for inclusive in ("yes", "no"):
            annotated = subprocess.run(["callgrind_annotate", f"--inclusive={inclusive}", "--threshold=99",
                                        output], capture_output=True, text=True).stdout
            lines = annotated.splitlines()
            head = [i for i, line in enumerate(lines) if line.startswith("Ir")]
            start = head[-1] if head else 0
            report.append(f"== callgrind_annotate --inclusive={inclusive} (top 60) ==")
            report += lines[max(0, start - 2):start + 62]
            report.append("")
        text = (f"scenario {name}: {count} x {method} {path}" + (f", {files} files in the folder" if files else "")
                + f"; {bad} not 200; {seconds:.1f} s under callgrind\n"
                + f"command: valgrind --tool=callgrind build-bench/app/ai-band-orchestrator --headless ...; "
                + f"callgrind_annotate --inclusive=yes|no\n\n" + "\n".join(report) + "\n")
        target = os.path.join(out_dir, f"profile-{name}.txt")
        with open(target, "w") as f:
            f.write(text)
        log(f"wrote {os.path.relpath(target, ROOT)}")
    finally:
        server.cleanup()


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
