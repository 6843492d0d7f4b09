#!/usr/bin/python3
"""Fails when the application's C++ attaches a QFuture continuation (`.then(`): Qt 6.4 can run
such a continuation twice when the work finishes while it is being attached, which crashed the
server under churn (docs/RELIABILITY.md, "Churn"). Work that answers on its owner's thread goes
through runOnPool (core/generation/PoolTask.h) instead.

Usage: check_no_future_then.py ROOT          exit 1 and the places, when one is found
       check_no_future_then.py --self-test   a planted continuation must be found
"""

import os
import re
import sys
import tempfile

FOLDERS = ("app", "core", "ui")
CONTINUATION = re.compile(r"\.\s*then\s*\(")


def places(root):
    found = []
    for folder in FOLDERS:
        for directory, _, files in os.walk(os.path.join(root, folder)):
            for name in files:
                if not name.endswith((".cpp", ".h")):
                    continue
                path = os.path.join(directory, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    for number, line in enumerate(f, 1):
                        code = line.split("//", 1)[0]
                        if CONTINUATION.search(code):
                            found.append(f"{os.path.relpath(path, root)}:{number}: {line.strip()}")
    return found


def self_test():
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "core", "x"))
        with open(os.path.join(root, "core", "x", "Planted.cpp"), "w") as f:
            f.write("// .then( in a comment is fine\nvoid f() { QtConcurrent::run(g).then(this, h); }\n")
        found = places(root)
    if len(found) != 1 or "Planted.cpp:2" not in found[0]:
        print(f"the planted continuation was not found exactly once: {found}")
        return 1
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    found = places(argv[1])
    for place in found:
        print(f"{place}\n  a QFuture continuation: use runOnPool (core/generation/PoolTask.h)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
