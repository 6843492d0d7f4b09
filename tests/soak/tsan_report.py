#!/usr/bin/python3
"""Sorts a ThreadSanitizer log (TSAN_OPTIONS=log_path=...) of the churn run into what concerns our
code and what does not (docs/RELIABILITY.md, "Churn"): a report is ours when a frame of one of
its two accesses lies in this repository's sources; reports whose accesses are all inside
libQt6Core or libc (Qt's implicitly shared data, its queues) are counted apart, since the TSan
build does not instrument Qt and cannot see the locks that order them.

Usage: tsan_report.py SOURCE_ROOT LOG... ; exit status 1 when a report is ours, or TSan died.
"""

import os
import re
import sys


def accesses(report):
    """The two access stacks of a report (not where the memory was allocated, nor thread births)."""
    blocks = re.split(r"\n  (?=(?:Previous )?(?:Write|Read|Atomic|Location|Mutex|Thread))", report)
    return [b for b in blocks[1:] if re.match(r"(Previous )?(Write|Read|Atomic)", b)]


FRAME_FILE = re.compile(r"^#\d+ .* (\S+?\.(?:cpp|h|hpp|cc)):\d+")


def in_sources(line, root):
    """Whether a stack frame's file is one of this repository's. The path is as the compiler saw
    it: absolute, or relative to the build folder when ccache's CCACHE_BASEDIR rewrote it
    ("../main/core/files/TakeSettler.cpp"); any tail of it that names a file under `root`
    counts. Matching `root` as text missed every relative path, so a report was never ours."""
    found = FRAME_FILE.match(line)
    if not found:
        return False
    path = found.group(1)
    if os.path.isabs(path):
        return os.path.realpath(path).startswith(os.path.realpath(root) + os.sep)
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    return any(os.path.isfile(os.path.join(root, *parts[i:])) for i in range(len(parts)))


def main():
    root, logs = sys.argv[1], sys.argv[2:]
    ours, theirs, fatal = [], 0, []
    for log in logs:
        text = open(log, errors="replace").read()
        fatal += re.findall(r"ERROR: ThreadSanitizer: .*", text)
        for report in text.split("WARNING: ThreadSanitizer:")[1:]:
            frames = [line.strip() for stack in accesses(report) for line in stack.splitlines()
                      if line.strip().startswith("#") and in_sources(line.strip(), root)]
            if frames:
                ours.append((report.splitlines()[0].strip(), frames[0]))
            else:
                theirs += 1
    print(f"{len(ours)} reports in our code, {theirs} with every access inside Qt or libc, {len(fatal)} fatal")
    for kind, frame in ours[:20]:
        print(f"  {kind}: {frame}")
    for line in fatal:
        print("  " + line)
    return 1 if ours or fatal else 0


if __name__ == "__main__":
    sys.exit(main())
