#!/usr/bin/python3
"""tsan_report.py's sorting, on made-up ThreadSanitizer reports: a frame in this repository's
sources makes a report ours whether its path is absolute or relative to a build folder (as
ccache's CCACHE_BASEDIR writes it), and reports whose frames are all in Qt or libc are not."""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

REPORT = """WARNING: ThreadSanitizer: data race (pid=1)
  Write of size 8 at 0x7b08 by main thread:
    #0 operator delete(void*) ../../../../src/libsanitizer/tsan/tsan_new_delete.cpp:150 (libtsan.so.2+0x86c3d)
    #1 {function} {path}:36 (app+0xa67c)

  Previous read of size 8 at 0x7b08 by thread T3:
    #0 QMutex::lock() /usr/include/x86_64-linux-gnu/qt6/QtCore/qmutex.h:73 (libQt6Core.so.6+0x1)

  Location is heap block of size 48 at 0x7b08 allocated by main thread:
    #0 operator new(unsigned long) ../../../../src/libsanitizer/tsan/tsan_new_delete.cpp:64 (libtsan.so.2+0x1)

SUMMARY: ThreadSanitizer: data race {path}:36
"""


def run(root, reports):
    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as log:
        log.write("".join(reports))
    try:
        done = subprocess.run([sys.executable, os.path.join(HERE, "tsan_report.py"), root, log.name],
                              capture_output=True, text=True)
    finally:
        os.unlink(log.name)
    return done.returncode, done.stdout


def main():
    with tempfile.TemporaryDirectory() as work:
        root = os.path.join(work, "main")
        os.makedirs(os.path.join(root, "core", "files"))
        open(os.path.join(root, "core", "files", "Settler.cpp"), "w").close()
        relative = REPORT.format(function="aiband::Settler::run()", path="../main/core/files/Settler.cpp")
        absolute = REPORT.format(function="aiband::Settler::run()", path=os.path.join(root, "core/files/Settler.cpp"))
        # Not ours: Qt's own code, and a file of the same name outside the repository.
        qt = REPORT.format(function="QThread::wait()", path="/usr/include/x86_64-linux-gnu/qt6/QtCore/qthread.h")
        elsewhere = REPORT.format(function="other::run()", path=os.path.join(work, "other/core/files/Settler.cpp"))
        failures = []
        status, out = run(root, [relative, absolute, qt, elsewhere])
        if status != 1 or not out.startswith("2 reports in our code, 2 with every access inside Qt or libc"):
            failures.append(f"mixed log: status {status}, said {out!r}")
        status, out = run(root, [qt, elsewhere])
        if status != 0 or not out.startswith("0 reports in our code, 2 "):
            failures.append(f"Qt-only log: status {status}, said {out!r}")
        for failure in failures:
            print("FAIL:", failure)
        print("ok" if not failures else f"{len(failures)} failed")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
