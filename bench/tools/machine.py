"""The machine a benchmark ran on, described the same way for every report (issue 18): CPU, RAM,
kernel, OS, the build, the disk of the files folder (device, file system, whether ext4 keeps a
journal, mount options) and what one durable small file costs on it (the fdatasync floor,
measured), and how busy the machine was before and after the run.

A figure means little without these: one small durable file cost 0.35 ms on this project's VM
when it was quiet and 1.5-6.5 ms while other builds ran, and the VMs themselves changed.

    m = machine.describe(folder, build_dir)   # before the run (measures the floor in folder)
    ... the run ...
    machine.finish(m)                         # the load and CPU busy share after it

Standard library only (/usr/bin/python3); reads /proc and /sys, needs no root.
"""

import os
import platform
import re
import shutil
import subprocess
import tempfile
import time

FLOOR_FILES = 300
# The ext4 options that change what a sync costs (the full list is kept in the JSON).
SYNC_OPTIONS = ("data=", "commit=", "barrier", "nobarrier", "journal_async_commit", "discard")


# ---------------------------------------------------------------------------------------------
# How busy the machine is
# ---------------------------------------------------------------------------------------------

def cpu_busy(seconds=2.0):
    """Percentage of all CPUs' time spent not idle over `seconds` (from /proc/stat): taken when
    none of the benchmark's own processes run, it says whether something else is using the
    machine and so disturbing the figures."""
    def read():
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:]]
        idle = values[3] + values[4]   # idle + iowait
        return sum(values), idle

    total0, idle0 = read()
    time.sleep(seconds)
    total1, idle1 = read()
    total = total1 - total0
    return round(100.0 * (total - (idle1 - idle0)) / total, 1) if total else 0.0


def wait_quiet(limit_s=30.0, threshold=10.0, log=None):
    """Waits (at most limit_s) until the machine's CPUs are less than threshold % busy; returns
    the last measure."""
    deadline = time.perf_counter() + limit_s
    busy = cpu_busy()
    while busy >= threshold and time.perf_counter() < deadline:
        if log:
            log(f"the machine is {busy} % busy with other work; waiting for it to calm down")
        busy = cpu_busy()
    return busy


# ---------------------------------------------------------------------------------------------
# The disk
# ---------------------------------------------------------------------------------------------

def disk_floor(folder, count=FLOOR_FILES):
    """A new small file made durable: create, write 300 bytes, fdatasync, rename (ms per file).
    What a durable take's part costs at least on this disk, now."""
    times = []
    payload = os.urandom(300)
    for i in range(count):
        temp = os.path.join(folder, f".floor-{i}.tmp")
        final = os.path.join(folder, f"floor-{i}.mid")
        start = time.perf_counter()
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.write(fd, payload)
        os.fdatasync(fd)
        os.close(fd)
        os.rename(temp, final)
        times.append((time.perf_counter() - start) * 1000)
    for i in range(count):
        os.remove(os.path.join(folder, f"floor-{i}.mid"))
    times.sort()
    return {"p50_ms": round(times[len(times) // 2], 3), "p99_ms": round(times[int(len(times) * 0.99)], 3),
            "count": count}


def measure_floor(parent):
    """disk_floor in a fresh folder under `parent`, removed afterwards."""
    folder = tempfile.mkdtemp(prefix="aiband-floor-", dir=parent)
    try:
        return disk_floor(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _unescape(field):
    """mountinfo writes spaces, tabs, newlines and backslashes in paths as octal escapes."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def mount_of(path, mountinfo="/proc/self/mountinfo"):
    """The mount holding `path`: the longest mount point above it (the last one mounted when two
    are stacked). {mount_point, major_minor, fstype, source, mount_options, super_options}."""
    path = os.path.realpath(path)
    found = None
    with open(mountinfo) as f:
        for line in f:
            before, _, after = line.partition(" - ")
            fields, tail = before.split(), after.split()
            point = _unescape(fields[4])
            inside = path == point or path.startswith(point.rstrip("/") + "/")
            if inside and (found is None or len(point) >= len(found["mount_point"])):
                found = {"mount_point": point, "major_minor": fields[2], "fstype": tail[0],
                         "source": _unescape(tail[1]), "mount_options": fields[5],
                         "super_options": tail[2] if len(tail) > 2 else ""}
    return found


def _merged_options(*lists):
    """The mount's own and the file system's options in one list, as /proc/mounts shows them."""
    merged = []
    for options in lists:
        merged += [o for o in options.split(",") if o and o not in merged]
    return ",".join(merged)


def _read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def block_device(major_minor):
    """The kernel's name of a block device (vda, sda1, dm-0: the name /proc/fs/ext4 and
    /proc/fs/jbd2 use) and of its whole disk, or None for a file system without one (tmpfs)."""
    link = f"/sys/dev/block/{major_minor}"
    if not os.path.exists(link):
        return None, None
    real = os.path.realpath(link)
    name = os.path.basename(real)
    disk = os.path.basename(os.path.dirname(real)) if os.path.exists(os.path.join(real, "partition")) else name
    return name, disk


def ext4_journal(name, proc="/proc/fs", sys_fs="/sys/fs"):
    """Whether an ext4 file system keeps a journal, and what said so: the kernel's journal
    thread has /proc/fs/jbd2/NAME-8, and /sys/fs/ext4/NAME/journal_task names it (or says
    <none>). None when neither can be read."""
    jbd2 = os.path.join(proc, "jbd2", f"{name}-8")
    if os.path.exists(jbd2):
        return True, f"{jbd2} exists"
    task_file = os.path.join(sys_fs, "ext4", name, "journal_task")
    task = _read(task_file)
    if task is not None:
        return task != "<none>", f"no {jbd2}; {task_file}: {task}"
    if os.path.isdir(os.path.join(proc, "jbd2")):
        return False, f"no {jbd2}"
    return None, "neither /proc/fs/jbd2 nor /sys/fs/ext4 could be read"


def disk(folder):
    """The disk under `folder`: device, file system, journal, mount options, size and driver."""
    mount = mount_of(folder)
    if mount is None:
        return {"folder": folder}
    name, whole = block_device(mount["major_minor"])
    result = {"folder": folder, "device": mount["source"], "fstype": mount["fstype"],
              "mount_point": mount["mount_point"],
              "mount_options": _merged_options(mount["mount_options"], mount["super_options"]),
              "kernel_name": name, "journal": None, "journal_evidence": None}
    if whole:
        sectors = _read(f"/sys/class/block/{whole}/size")
        result["size_gib"] = round(int(sectors) * 512 / 2**30, 1) if sectors else None
        driver = f"/sys/class/block/{whole}/device/driver"
        result["driver"] = os.path.basename(os.path.realpath(driver)) if os.path.exists(driver) else None
    if mount["fstype"] in ("ext3", "ext4") and name:
        result["journal"], result["journal_evidence"] = ext4_journal(name)
        options = _read(f"/proc/fs/ext4/{name}/options")
        result["ext4_options"] = options.split() if options else None
    return result


# ---------------------------------------------------------------------------------------------
# The CPU, the OS and the build
# ---------------------------------------------------------------------------------------------

def _first(path, key):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def _os_release():
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return None


def _cmake_cache(build_dir, key):
    try:
        with open(os.path.join(build_dir, "CMakeCache.txt")) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return None


def _run(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def _qt_version(build_dir):
    qt_dir = _cmake_cache(build_dir, "Qt6Core_DIR")
    for name in ("Qt6CoreConfigVersionImpl.cmake", "Qt6CoreConfigVersion.cmake"):
        try:
            with open(os.path.join(qt_dir or "", name)) as f:
                match = re.search(r'set\(PACKAGE_VERSION "([^"]+)"\)', f.read())
                if match:
                    return match.group(1)
        except OSError:
            pass
    return None


def machine(build_dir, disk_target=None):
    """The CPU, RAM, OS and the build; the disk as "DEVICE FSTYPE" (what bench/live keeps)."""
    mem_kib = _first("/proc/meminfo", "MemTotal")
    build_type = _cmake_cache(build_dir, "CMAKE_BUILD_TYPE") or "?"
    flags = " ".join(filter(None, [_cmake_cache(build_dir, "CMAKE_CXX_FLAGS"),
                                   _cmake_cache(build_dir, f"CMAKE_CXX_FLAGS_{build_type.upper()}")]))
    compiler = _cmake_cache(build_dir, "CMAKE_CXX_COMPILER")
    target = disk_target or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    return {
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor(),
        "cores": os.cpu_count(),
        "ram_gib": round(int(mem_kib.split()[0]) / 1024 / 1024, 1) if mem_kib else None,
        "kernel": platform.release(),
        "os": _os_release(),
        "build_type": build_type,
        "cxx_flags": flags.strip() + " -Wall -Wextra -Wpedantic (project)",
        "compiler": (_run([compiler, "--version"]) or "").splitlines()[0] if compiler else None,
        "qt_version": _qt_version(build_dir),
        "wrk": (_run(["wrk", "--version"]) or "").splitlines()[0] if shutil.which("wrk") else None,
        "disk": _run(["findmnt", "-no", "SOURCE,FSTYPE", "--target", target]),
        "load_average_at_start": os.getloadavg(),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


# ---------------------------------------------------------------------------------------------
# For every report
# ---------------------------------------------------------------------------------------------

def describe(folder, build_dir, busy_before=None, floor=True):
    """Everything a report states about the machine, taken before the run: machine() with the
    disk of `folder` (where the servers' files go) in full, its fdatasync floor measured now in a
    folder under `folder` (floor=False: the caller measures it during the run and sets
    "disk_floor" itself), and how busy the CPUs are (unless the caller measured it)."""
    described = machine(build_dir, folder)
    described["disk"] = disk(folder)
    if floor:
        described["disk_floor"] = measure_floor(folder)
    described["busy_before_pct"] = busy_before if busy_before is not None else cpu_busy()
    return described


def finish(described):
    """The load average and CPU busy share after the run."""
    described["load_average_at_end"] = os.getloadavg()
    described["busy_after_pct"] = cpu_busy()
    return described


# ---------------------------------------------------------------------------------------------
# Told in words
# ---------------------------------------------------------------------------------------------

def journal_text(d):
    if d.get("fstype") not in ("ext3", "ext4"):
        return ""
    return {True: " with a journal", False: " **without a journal**", None: " (journal unknown)"}[d.get("journal")]


def disk_text(d):
    """"/dev/vda ext4 without a journal" from describe()'s disk, or the older "DEVICE FSTYPE"."""
    if not isinstance(d, dict):
        return str(d) if d else "?"
    return f"{d.get('device', '?')} {d.get('fstype', '?')}{journal_text(d)}".replace("**", "")


def summary(m):
    """One line: CPU, kernel, disk (the list of moves names the previous run's machine so)."""
    return (f"{m.get('cpu')} ×{m.get('cores')}, Linux {m.get('kernel')}, "
            f"{disk_text(m.get('disk'))}")


def differences(old, new):
    """What differs between two runs' machines, as "what: old → new", so that a figure that moved
    with them is not read as the code's doing."""
    out = []

    def compare(what, a, b):
        if a is not None and b is not None and a != b:
            out.append(f"{what}: {a} → {b}")

    compare("CPU", old.get("cpu"), new.get("cpu"))
    compare("cores", old.get("cores"), new.get("cores"))
    compare("RAM GiB", old.get("ram_gib"), new.get("ram_gib"))
    compare("kernel", old.get("kernel"), new.get("kernel"))
    compare("OS", old.get("os"), new.get("os"))
    compare("compiler", old.get("compiler"), new.get("compiler"))
    compare("build", old.get("build_type"), new.get("build_type"))
    compare("Qt", old.get("qt_version"), new.get("qt_version"))
    old_disk, new_disk = old.get("disk"), new.get("disk")
    if isinstance(old_disk, dict) and isinstance(new_disk, dict):
        compare("disk", disk_text(old_disk), disk_text(new_disk))
        compare("mount options", old_disk.get("mount_options"), new_disk.get("mount_options"))
    elif old_disk and new_disk:
        # An older run kept only "DEVICE FSTYPE": compare what both have.
        short = lambda d: " ".join(d.split()[:2]) if isinstance(d, str) else f"{d.get('device')} {d.get('fstype')}"  # noqa: E731
        compare("disk", short(old_disk), short(new_disk))
    return out


def _fmt(value, digits=None):
    if value is None:
        return "–"
    if digits is None:
        digits = 2 if abs(value) < 10 else 1 if abs(value) < 1000 else 0
    return f"{value:,.{digits}f}"


def _disk_rows(d):
    hardware = ", ".join(filter(None, [d.get("driver"), f"{_fmt(d['size_gib'], 0)} GiB" if d.get("size_gib") else None]))
    device = d.get("device", "?") + (f" ({hardware})" if hardware else "")
    evidence = f" ({d['journal_evidence']})" if d.get("journal_evidence") else ""
    sync_options = " ".join(o for o in (d.get("ext4_options") or []) if o.startswith(SYNC_OPTIONS))
    ext4 = f"; ext4 (/proc/fs/ext4): `{sync_options}`" if sync_options else ""
    return [f"| disk of the files folder | {device}, {d.get('fstype', '?')}{journal_text(d)}{evidence}, "
            f"mounted on `{d.get('mount_point', '?')}` |",
            f"| mount options | `{d.get('mount_options', '?')}`{ext4} |"]


def table_rows(m, fig):
    """The rows of a report's "Machine" table (| what | value |). `fig(label, value, text)`
    returns the text with a mark when the figure moved since the previous run (moves.Figures)."""
    d = m.get("disk")
    rows = [f"| CPU | {m.get('cpu')} ({m.get('cores')} cores as seen by the OS) |",
            f"| RAM | {m.get('ram_gib')} GiB |",
            f"| OS, kernel | {m.get('os')}, Linux {m.get('kernel')} |"]
    if isinstance(d, dict):
        rows += _disk_rows(d)
    else:
        rows.append(f"| disk of the checkout (files folder) | {d} |")
    floor = m.get("disk_floor")
    if floor:
        p50 = fig("the disk's fdatasync floor, p50 ms", floor.get("p50_ms"), f"{_fmt(floor.get('p50_ms'), 3)} ms")
        p99 = fig("the disk's fdatasync floor, p99 ms", floor.get("p99_ms"), f"{_fmt(floor.get('p99_ms'), 3)} ms")
        count = floor.get("count", FLOOR_FILES)
        runs = len(floor.get("runs") or [])
        times = f"median of {runs} runs of {count}" if runs > 1 else f"{count} times"
        rows.append(f"| fdatasync floor of this disk | p50 {p50}, p99 {p99} (create, write 300 bytes, "
                    f"fdatasync, rename one file in the files folder's disk; {times}, measured by this run) |")
    else:
        rows.append("| fdatasync floor of this disk | not measured by this run |")
    if m.get("build_type"):
        rows += [f"| build | {m.get('build_type')}, `{m.get('cxx_flags')}`, {m.get('compiler')} |",
                 f"| Qt | {m.get('qt_version')} |",
                 f"| load generator | {m.get('wrk')} (same machine, loopback) |"]
    loads = [f"at start {', '.join(f'{x:.2f}' for x in m['load_average_at_start'])}"
             if m.get("load_average_at_start") else None,
             f"at end {', '.join(f'{x:.2f}' for x in m['load_average_at_end'])}" if m.get("load_average_at_end") else None]
    rows += [f"| date | {m.get('date')}; load average {'; '.join(filter(None, loads))} |",
             f"| other work on the machine | {_fmt(m.get('busy_before_pct'))} % of the CPUs busy just before the run, "
             f"{_fmt(m.get('busy_after_pct'))} % just after |"]
    return rows
