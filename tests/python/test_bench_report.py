#!/usr/bin/python3
"""The benchmark report marks what moved, and states the machine (issue 18).

Feeds bench/tools/report.py two small results files written here (a run and the run before,
on a made-up machine) and checks that exactly the figures that moved by more than 20 % are
marked, in the tables and in the list under the machine, that the machine table holds the disk's
fdatasync floor and journal, and that another machine, a --quick run or a busy one is said.
Also: compare_original.py's table marks the same way, a run on a fresh clone is compared with
the published run (docs/benchmarks-latest.json) and publishes its own, the runners' previous file
is named and rotated as documented, and the disk's journal and mount are read from /proc and /sys as the
kernel writes them (fake copies here, so nothing depends on this machine).

Usage: test_bench_report.py [unittest arguments]
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
TOOLS = os.path.join(ROOT, "bench", "tools")
sys.path.insert(0, TOOLS)
import compare_original  # noqa: E402  (after the path is set)
import machine  # noqa: E402
import moves  # noqa: E402
import run_all  # noqa: E402

MARK = re.compile(r"(\d[\d,.]*)(?: [a-zA-Z/]+)? ([▲▼] (?:[+−][\d,]+ %|from 0))")


def wrk_run(per_s, p50, p99, p90=1.2):
    return {"requests": int(per_s * 10), "ok_per_s": per_s, "errors": {"status": 0},
            "latency_ms": {"p50": p50, "p75": 0.9, "p90": p90, "p99": p99, "p99_9": 3.0, "max": 5.0}}


def results(date):
    """A run's results in run_all.py's shape, small: the machine, HTTP, memory, engine, loadgen."""
    return {
        "schema": 2, "quick": False, "seconds": 100.0,
        "machine": {
            "cpu": "Test CPU", "cores": 2, "ram_gib": 8.0, "kernel": "6.1.0-test", "os": "Test OS",
            "build_type": "Release", "cxx_flags": "-O3", "compiler": "c++ 12", "qt_version": "6.4.2",
            "wrk": "wrk 4.1.0",
            "disk": {"folder": "/x/build-bench/tmp", "device": "/dev/vdz", "fstype": "ext4", "mount_point": "/",
                     "mount_options": "rw,relatime,discard", "kernel_name": "vdz", "journal": False,
                     "journal_evidence": "no /proc/fs/jbd2/vdz-8", "size_gib": 64.0, "driver": "virtio_blk",
                     "ext4_options": ["rw", "nogrpid", "commit=5", "barrier"]},
            "disk_floor": {"p50_ms": 0.35, "p99_ms": 0.6, "count": 300},
            "load_average_at_start": [0.1, 0.2, 0.3], "load_average_at_end": [0.5, 0.4, 0.3],
            "busy_before_pct": 0.5, "busy_after_pct": 0.7, "date": date},
        "http": {
            "status": "ran",
            "health": wrk_run(30000.0, 0.8, 2.0),
            "health_vs_files": [{"files": 0, "requests_per_s": 8000.0, "p50_ms": 0.117, "p99_ms": 0.3},
                                {"files": 1000, "requests_per_s": 8000.0, "p50_ms": 0.119, "p99_ms": 0.3}],
        },
        "probe": {"memory": {"holder": "test", "sessions": 1000,
                             "idle": {"rss_kib": 27238, "hwm_kib": 27238, "rss_anon_kib": 3000, "threads": 1, "fds": 10}}},
        "engine": {"status": "ran", "seconds": 1.0, "command": "bench_engine", "benchmarks": [
            {"name": "BM_ParseChord", "run_type": "iteration", "real_time": 1000.0, "cpu_time": 1000.0,
             "time_unit": "ns", "counters": {}},
            {"name": "BM_WriteMidiFile", "run_type": "iteration", "real_time": 70.0, "cpu_time": 70.0,
             "time_unit": "us", "counters": {}}]},
        "loadgen": {"status": "ran", "seconds": 1.0, "command": "loadgen", "data": {"results": [
            {"scenario": "fanout", "receivers": 100, "sessions": 101, "rounds": 500,
             "last_receiver_ms": {"count": 500, "min": 0.4, "p50": 0.55, "p90": 0.77, "p99": 0.9, "max": 2.2}}]}},
    }


def moved_run():
    """The run after `results`: some figures moved by more than 20 %, some by less, one by 20 % exactly."""
    r = results("2026-12-08 10:00:00 UTC")
    r["machine"]["disk_floor"]["p50_ms"] = 0.5             # +43 %: marked
    r["machine"]["disk_floor"]["p99_ms"] = 0.65            # +8 %
    r["http"]["health"]["ok_per_s"] = 41700.0              # +39 %: marked (and in the budgets)
    r["http"]["health"]["latency_ms"]["p99"] = 1.5         # −25 %: marked
    r["http"]["health"]["latency_ms"]["p90"] = 1.4         # +17 %
    r["http"]["health_vs_files"][0]["requests_per_s"] = 9600.0   # +20 % exactly: not more than 20
    r["http"]["health_vs_files"][1]["requests_per_s"] = 9680.0   # +21 %: marked
    r["engine"]["benchmarks"][0]["real_time"] = 1500.0     # +50 %: marked
    r["engine"]["benchmarks"][0]["cpu_time"] = 1190.0      # +19 %
    r["loadgen"]["data"]["results"][0]["last_receiver_ms"]["p99"] = 0.5   # −44 %: marked (and in the budgets)
    r["probe"]["memory"]["idle"]["rss_kib"] = 27300        # +0.2 %
    return r


def report(latest, previous=None):
    """report.py run as scripts/bench.sh runs it, on files in a temporary folder; the doc's text."""
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "latest.json"), "w") as f:
            json.dump(latest, f)
        if previous is not None:
            with open(os.path.join(folder, "previous.json"), "w") as f:   # found beside latest.json
                json.dump(previous, f)
        doc = os.path.join(folder, "BENCHMARKS.md")
        subprocess.run([sys.executable, os.path.join(TOOLS, "report.py"), "--results", os.path.join(folder, "latest.json"),
                        "--doc", doc, "--svg", os.path.join(folder, "fanout.svg")],
                       check=True, capture_output=True, text=True, timeout=30)
        with open(doc) as f:
            return f.read()


def section(text, heading):
    """The lines under a ### heading, up to the next one."""
    start = text.index(heading)
    end = text.find("\n### ", start + len(heading))
    return text[start:end if end >= 0 else len(text)]


class MarksTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text = report(moved_run(), results("2026-12-07 09:00:00 UTC"))

    def test_exactly_the_figures_that_moved_are_marked(self):
        self.assertEqual(sorted(MARK.findall(self.text)), sorted([
            ("0.500", "▲ +43 %"),     # the disk's floor, in the machine table
            ("41,700", "▲ +39 %"),    # GET /health in the budgets
            ("0.50", "▼ −44 %"),      # fan-out to 100 p99 in the budgets
            ("41,700", "▲ +39 %"),    # GET /health in the HTTP table
            ("1.500", "▼ −25 %"),     # its p99
            ("9,680", "▲ +21 %"),     # GET /health with 1,000 files
            ("1,500", "▲ +50 %"),     # BM_ParseChord's real time
            ("0.500", "▼ −44 %"),     # fan-out to 100 p99 in the WebSocket table
        ]))

    def test_marks_sit_in_their_rows(self):
        self.assertRegex(self.text, r"\| GET /health, -t2 -c32, empty files folder \| 300,000 \| 41,700 ▲ \+39 % \| "
                                    r"0\.800 \| 0\.900 \| 1\.400 \| 1\.500 ▼ −25 % \|")
        self.assertIn("| 0 | 9,600 | 0.117 | 0.300 |", self.text)   # +20 % is not more than 20 %
        self.assertIn("| BM_ParseChord | 1,500 ns ▲ +50 % | 1,190 ns |  |", self.text)
        self.assertIn("| BM_WriteMidiFile | 70.0 us | 70.0 us |  |", self.text)

    def test_each_move_listed_once_with_the_previous_run(self):
        moved = section(self.text, "### Moved by more than 20 % since the previous run")
        self.assertIn("The previous run: 2026-12-07 09:00:00 UTC, Test CPU ×2, Linux 6.1.0-test, "
                      "/dev/vdz ext4 without a journal.", moved)
        items = [line for line in moved.splitlines() if line.startswith("- ")]
        self.assertEqual(items, [
            "- the disk's fdatasync floor, p50 ms: 0.35 → 0.5 (▲ +43 %, worse)",
            "- HTTP GET /health, -t2 -c32, empty files folder: req/s: 30,000 → 41,700 (▲ +39 %, better)",
            "- HTTP GET /health, -t2 -c32, empty files folder: p99 ms: 2 → 1.5 (▼ −25 %, better)",
            "- GET /health with 1,000 files: req/s: 8,000 → 9,680 (▲ +21 %, better)",
            "- engine BM_ParseChord: real time ns: 1,000 → 1,500 (▲ +50 %, worse)",
            "- WebSocket fanout_100: p99 ms: 0.9 → 0.5 (▼ −44 %, better)",
        ])
        self.assertNotIn("machine differs", moved)

    def test_machine_table_holds_the_disk_and_its_floor(self):
        table = section(self.text, "### Machine")
        self.assertIn("| fdatasync floor of this disk | p50 0.500 ms ▲ +43 %, p99 0.650 ms (create, write 300 bytes, "
                      "fdatasync, rename one file in the files folder's disk; 300 times, measured by this run) |", table)
        self.assertIn("| disk of the files folder | /dev/vdz (virtio_blk, 64 GiB), ext4 **without a journal** "
                      "(no /proc/fs/jbd2/vdz-8), mounted on `/` |", table)
        self.assertIn("| mount options | `rw,relatime,discard`; ext4 (/proc/fs/ext4): `commit=5 barrier` |", table)
        self.assertIn("load average at start 0.10, 0.20, 0.30; at end 0.50, 0.40, 0.30", table)
        self.assertIn("| other work on the machine | 0.50 % of the CPUs busy just before the run, 0.70 % just after |", table)


class ComparabilityTest(unittest.TestCase):
    def test_without_a_previous_run_nothing_is_marked(self):
        text = report(moved_run())
        self.assertEqual(MARK.findall(text), [])
        self.assertIn("No previous run to compare with", text)

    def test_the_same_figures_are_not_marked(self):
        text = report(results("b"), results("a"))
        self.assertEqual(MARK.findall(text), [])
        self.assertIn("No figure moved by more than 20 %.", text)

    def test_another_machine_is_said(self):
        latest = moved_run()
        latest["machine"]["kernel"] = "6.2.0-test"
        latest["machine"]["disk"]["journal"] = True
        text = section(report(latest, results("a")), "### Moved by more than 20 %")
        self.assertIn("**The machine differs from the previous run's** (kernel: 6.1.0-test → 6.2.0-test; "
                      "disk: /dev/vdz ext4 without a journal → /dev/vdz ext4 with a journal)", text)

    def test_an_older_run_without_the_disk_in_full_compares_what_it_has(self):
        previous = results("a")
        previous["machine"]["disk"] = "/dev/vdz ext4"
        del previous["machine"]["disk_floor"]
        text = report(moved_run(), previous)
        self.assertNotIn("machine differs", text)
        self.assertNotIn("0.500 ▲", text)   # no floor then: nothing to move from

    def test_a_quick_run_and_a_busy_machine_are_said(self):
        previous = results("a")
        previous["quick"] = True
        previous["machine"]["busy_after_pct"] = 55.0
        text = section(report(moved_run(), previous), "### Moved by more than 20 %")
        self.assertIn("**One of the two runs is --quick**", text)
        self.assertIn("**Other work used 55 % of the CPUs around the previous run**", text)


class CompareOriginalTest(unittest.TestCase):
    @staticmethod
    def compared(health, original_health, floor_p50):
        names = ("health.per_s", "generate_seq.p50_ms", "generate_seq.p99_ms", "generate_16.per_s",
                 "fanout_100.p50_ms", "fanout_100.p99_ms", "memory.idle_kib", "memory.sessions_kib")
        medians = {name: dict.fromkeys(names, 1.0) for name in ("ours", "ours_fast", "original")}
        medians["ours"]["health.per_s"], medians["original"]["health.per_s"] = health, original_health
        m = results("c")["machine"]
        m["disk_floor"] = {"p50_ms": floor_p50, "p99_ms": 0.6, "count": 300, "runs": [{}, {}, {}]}
        return {"machine": m, "medians": medians, "runs": {"ours": []}, "rounds": 3, "wrk_seconds": 10,
                "seconds": 300.0, "disk_floor": m["disk_floor"]}

    def test_its_table_marks_moves_and_states_the_machine(self):
        text = compare_original.report(self.compared(50000.0, 3000.0, 0.35), self.compared(40000.0, 2900.0, 0.35))
        self.assertIn("| GET /health, wrk -t2 -c32, req/s | 50,000 ▲ +25 % | 3,000 | 16.67× |", text)
        self.assertEqual(len(MARK.findall(text)), 1)
        self.assertIn("p50 0.350 ms, p99 0.600 ms (create, write 300 bytes, fdatasync, rename one file in the "
                      "files folder's disk; median of 3 runs of 300", text)
        self.assertIn("- GET /health, wrk -t2 -c32, req/s, ours: 40,000 → 50,000 (▲ +25 %, better)", text)


class PublishedRunTest(unittest.TestCase):
    """scripts/bench.sh keeps the results the doc shows beside it (--publish): a run on a fresh
    clone, with no bench/results/ of its own, is compared with them."""

    def test_a_fresh_clone_compares_with_the_published_run_and_publishes_its_own(self):
        with tempfile.TemporaryDirectory() as folder:
            published = os.path.join(folder, "benchmarks-latest.json")
            with open(published, "w") as f:
                json.dump(results("2026-12-07 09:00:00 UTC"), f)
            latest = os.path.join(folder, "results", "latest.json")   # no previous.json beside it
            os.makedirs(os.path.dirname(latest))
            with open(latest, "w") as f:
                json.dump(moved_run(), f)
            doc = os.path.join(folder, "BENCHMARKS.md")
            subprocess.run([sys.executable, os.path.join(TOOLS, "report.py"), "--results", latest,
                            "--publish", published, "--doc", doc, "--svg", os.path.join(folder, "fanout.svg")],
                           check=True, capture_output=True, text=True, timeout=30)
            with open(doc) as f:
                text = f.read()
            self.assertIn("The previous run: 2026-12-07 09:00:00 UTC", text)
            self.assertIn("41,700 ▲ +39 %", text)
            with open(published) as f:
                self.assertEqual(json.load(f), moved_run())   # the next run is compared with this one

    def test_a_run_without_soak_carries_the_published_soak(self):
        with tempfile.TemporaryDirectory() as folder:
            own, published = os.path.join(folder, "latest.json"), os.path.join(folder, "published.json")
            run = results("2026-12-07 09:00:00 UTC")
            run["soak"] = {"minutes": 10, "rss_growth_kib": 12}
            with open(published, "w") as f:
                json.dump(run, f)
            self.assertEqual(run_all.carried_soak(own, published),   # a fresh clone: no run of its own
                             {"minutes": 10, "rss_growth_kib": 12, "carried_from": "2026-12-07 09:00:00 UTC"})
            mine = results("2026-12-08 09:00:00 UTC")
            mine["soak"] = {"minutes": 5, "carried_from": "2026-12-01 00:00:00 UTC"}
            with open(own, "w") as f:
                json.dump(mine, f)
            self.assertEqual(run_all.carried_soak(own, published), mine["soak"])   # its own last run first
            self.assertIsNone(run_all.carried_soak(os.path.join(folder, "none.json")))
        self.assertEqual(os.path.normpath(moves.PUBLISHED), os.path.join(ROOT, "docs", "benchmarks-latest.json"))


class PreviousFileTest(unittest.TestCase):
    def test_names(self):
        self.assertEqual(moves.previous_path("/r/latest.json"), "/r/previous.json")
        self.assertEqual(moves.previous_path("/r/compare-original.json"), "/r/compare-original.previous.json")
        self.assertEqual(moves.previous_path("/r/quick.json"), "/r/quick.previous.json")

    def test_the_run_there_becomes_the_previous_one(self):
        with tempfile.TemporaryDirectory() as folder:
            latest = os.path.join(folder, "latest.json")
            self.assertIsNone(moves.keep_as_previous(latest))
            with open(latest, "w") as f:
                f.write('{"run": 1}')
            self.assertEqual(moves.keep_as_previous(latest), os.path.join(folder, "previous.json"))
            self.assertFalse(os.path.exists(latest))
            self.assertEqual(moves.load(os.path.join(folder, "previous.json")), {"run": 1})

    def test_threshold(self):
        self.assertIsNone(moves.change_pct(None, 1.0))
        self.assertIsNone(moves.change_pct(0, 0))
        self.assertEqual(moves.mark(moves.change_pct(0, 3)), "▲ from 0")
        self.assertEqual(moves.mark(moves.change_pct(1000, 10)), "▼ −99 %")


class DiskTest(unittest.TestCase):
    """machine.py reads the kernel's files; here from copies laid out as the kernel writes them."""

    def test_journal_from_jbd2_or_the_journal_task(self):
        with tempfile.TemporaryDirectory() as root:
            proc, sys_fs = os.path.join(root, "proc"), os.path.join(root, "sys")
            os.makedirs(os.path.join(proc, "jbd2", "sda1-8"))
            os.makedirs(os.path.join(sys_fs, "ext4", "vda"))
            with open(os.path.join(sys_fs, "ext4", "vda", "journal_task"), "w") as f:
                f.write("<none>\n")
            self.assertTrue(machine.ext4_journal("sda1", proc, sys_fs)[0])
            journal, evidence = machine.ext4_journal("vda", proc, sys_fs)
            self.assertFalse(journal)
            self.assertIn("journal_task: <none>", evidence)
            self.assertFalse(machine.ext4_journal("vdb", proc, sys_fs)[0])   # jbd2 readable, no vdb-8
            self.assertIsNone(machine.ext4_journal("vdb", os.path.join(root, "none"), os.path.join(root, "none"))[0])

    def test_the_mount_holding_a_folder(self):
        with tempfile.NamedTemporaryFile("w", suffix="mountinfo") as info:
            info.write("22 27 0:21 / /proc rw,relatime - proc proc rw\n"
                       "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n"
                       "30 27 0:40 / /work/my\\040files rw,nosuid - tmpfs tmpfs rw,size=10k\n")
            info.flush()
            mount = machine.mount_of("/work/my files/a", info.name)
            self.assertEqual((mount["fstype"], mount["mount_point"]), ("tmpfs", "/work/my files"))
            mount = machine.mount_of("/work/other", info.name)
            self.assertEqual((mount["source"], mount["major_minor"]), ("/dev/vda", "254:0"))
            self.assertEqual(machine._merged_options("rw,relatime", "rw,discard"), "rw,relatime,discard")


if __name__ == "__main__":
    unittest.main(verbosity=2)
