#!/usr/bin/python3
"""Sorts a ThreadSanitizer log (TSAN_OPTIONS=log_path=...) of the churn run into what concerns our
code and what does not (docs/RELIABILITY.md, "Churn"): a report is ours when a frame of one of
its two accesses lies in this repository's sources; reports whose accesses are all inside
libQt6Core or libc (Qt's implicitly shared data, its queues) are counted apart, since the TSan
build does not instrument Qt and cannot see the locks that order them.

Usage: tsan_report.py SOURCE_ROOT LOG... ; exit status 1 when a report is ours, or TSan died.
"""

import re
import sys


def accesses(report):
    """The two access stacks of a report (not where the memory was allocated, nor thread births)."""
    blocks = re.split(r"\n  (?=(?:Previous )?(?:Write|Read|Atomic|Location|Mutex|Thread))", report)
    return [b for b in blocks[1:] if re.match(r"(Previous )?(Write|Read|Atomic)", b)]


def main():
    root, logs = sys.argv[1], sys.argv[2:]
    ours, theirs, fatal = [], 0, []
    for log in logs:
        text = open(log, errors="replace").read()
        fatal += re.findall(r"ERROR: ThreadSanitizer: .*", text)
        for report in text.split("WARNING: ThreadSanitizer:")[1:]:
            frames = [line.strip() for stack in accesses(report) for line in stack.splitlines()
                      if line.strip().startswith("#") and root in line]
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
