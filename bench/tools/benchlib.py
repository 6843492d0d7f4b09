"""Shared pieces of the benchmark runner (scripts/bench.sh): starting the server the way a user
would (headless, its own temporary folders, no config file of the user's), reading its memory and
open files from /proc, running wrk and reading its output (the machine: machine.py).

Standard library only; run with /usr/bin/python3 (Debian's, which has python3-websockets).
"""

import http.client
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import machine as machine_description

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SEED_BODY = os.path.join(ROOT, "tests", "data", "seed_example.json")
LISTENING = re.compile(r"listening on (http://\S+)")

# Variables the server reads (README "Configuration"): cleared so that the benchmark runs on the
# built-in defaults whatever the caller's shell has set.
SERVER_VARIABLES = ("HOST", "PORT", "DEBUG", "GENERATED_FILES_DIR", "CLEANUP_HOURS", "MAX_FILES",
                    "LOG_LEVEL", "BACKEND_TIMEOUT", "BACKEND_PATH", "QT_LOGGING_RULES")


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def percentile(values, p):
    """Nearest rank: the smallest value with at least p % of the values at or below it."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[max(0, math.ceil(p / 100.0 * len(ordered)) - 1)]


class TakeClient:
    """One keep-alive connection sending POST /api/generate one take at a time (ab_blocks.py,
    paced_takes.py). Python's http.client: its own ~0.1 ms per request is in every figure."""

    def __init__(self, url, body):
        self.connection = http.client.HTTPConnection(url.split("//", 1)[1], timeout=30)
        self.body = body

    def takes(self, count, pause_s=0.0):
        """Send-to-answer times (ms) of `count` takes, with `pause_s` after each answer."""
        latencies = []
        for _ in range(count):
            start = time.perf_counter_ns()
            self.connection.request("POST", "/api/generate", self.body, {"Content-Type": "application/json"})
            answer = self.connection.getresponse()
            answer.read()
            if answer.status != 200:
                raise SystemExit(f"POST /api/generate answered {answer.status}")
            latencies.append((time.perf_counter_ns() - start) / 1e6)
            if pause_s:
                time.sleep(pause_s)
        return latencies


def emit_results(results, path=None):
    """Print the figures as JSON, and also write them to `path` when one is given."""
    text = json.dumps(results, indent=2)
    if path:
        with open(path, "w") as f:
            f.write(text + "\n")
    print(text)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# /proc
# ---------------------------------------------------------------------------------------------

def proc_status(pid):
    """VmRSS, VmHWM (peak RSS) in KiB and Threads from /proc/PID/status."""
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM", "VmSize", "RssAnon", "RssFile", "Threads"):
                values[key] = int(rest.split()[0])
    return values


def rss_kib(pid):
    return proc_status(pid)["VmRSS"]


def fd_count(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def sample(pid):
    status = proc_status(pid)
    return {"rss_kib": status["VmRSS"], "hwm_kib": status["VmHWM"],
            "rss_anon_kib": status.get("RssAnon"), "threads": status["Threads"], "fds": fd_count(pid)}


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------

# The per-client limits (docs/SECURITY.md, "Limits") are for a live server; a benchmark is one
# client asking as fast as it can, which is what they refuse. Its server lifts them.
BENCH_LIMITS = {
    "AIBAND_GENERATION_RATE_PER_MINUTE": "1000000",
    "AIBAND_GENERATION_BURST": "1000000",
    "AIBAND_MAX_GENERATIONS_PER_CLIENT": "100000",
    "AIBAND_WS_MAX_MESSAGES_PER_SECOND": "1000000",
}


class Server:
    """One ai-band-orchestrator --headless with a folder of its own: config, log file, styles,
    and (unless files_dir is given) the files folder. stdout is read for the "listening on" line;
    stderr (one line per generation at the default info level) goes to a file in the folder, as it
    would to a terminal or a journal."""

    def __init__(self, app, files_dir=None, port=0, log_level=None, work_dir=None, wrapper=None,
                 extra_env=None):
        self.app = os.path.abspath(app)
        self.own_work_dir = work_dir is None
        self.work_dir = work_dir or tempfile.mkdtemp(prefix="aiband-bench-", dir=_bench_tmp_parent())
        self.files_dir = files_dir or os.path.join(self.work_dir, "files")
        self.port = port
        self.log_level = log_level
        self.wrapper = list(wrapper or [])
        self.extra_env = dict(extra_env or {})
        self.process = None
        self.url = None
        self.spawned_at = None
        self.line_at = None
        self._line_event = threading.Event()

    @property
    def pid(self):
        return self.process.pid

    def command(self):
        config = os.path.join(self.work_dir, "config.json")
        if not os.path.exists(config):
            with open(config, "w") as f:
                f.write("{}\n")
        cmd = self.wrapper + [self.app, "--headless", "--host", "127.0.0.1", "--port", str(self.port),
                              "--config", config, "--files-dir", self.files_dir]
        if self.log_level:
            cmd += ["--log-level", self.log_level]
        return cmd

    def environment(self):
        env = {k: v for k, v in os.environ.items()
               if k not in SERVER_VARIABLES and not k.startswith("AIBAND_")}
        env["AIBAND_LOG_FILE"] = os.path.join(self.work_dir, "logs", "orchestrator.log")
        env["AIBAND_STYLES_DIR"] = os.path.join(self.work_dir, "styles")
        env.update(BENCH_LIMITS)
        env.update(self.extra_env)
        return env

    def spawn(self):
        os.makedirs(self.files_dir, exist_ok=True)
        cmd = self.command()
        env = self.environment()
        stderr = open(os.path.join(self.work_dir, "stderr.log"), "ab")
        self.spawned_at = time.perf_counter()
        self.process = subprocess.Popen(cmd, cwd=self.work_dir, env=env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=stderr)
        stderr.close()
        threading.Thread(target=self._read_stdout, daemon=True).start()
        return self

    def _read_stdout(self):
        for raw in self.process.stdout:
            line = raw.decode(errors="replace")
            match = LISTENING.search(line)
            if match and self.url is None:
                self.line_at = time.perf_counter()
                self.url = match.group(1).rstrip("/")
                self._line_event.set()

    def start(self, timeout=30.0):
        """Spawn and wait for the "listening on" line and a 200 from /health."""
        self.spawn()
        if not self._line_event.wait(timeout):
            self.stop()
            raise RuntimeError(f"the server did not print its address within {timeout} s "
                               f"(see {self.work_dir}/stderr.log)")
        wait_healthy(self.url, timeout)
        return self

    def health(self, timeout=60.0):
        status, body = http_request(self.url, "GET", "/health", timeout=timeout)
        return json.loads(body) if status == 200 else None

    def stop(self, timeout=10.0):
        """SIGTERM, as a user's Ctrl+C would; SIGKILL if it does not stop in time."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def cleanup(self):
        self.stop()
        if self.own_work_dir:
            shutil.rmtree(self.work_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()


def _bench_tmp_parent():
    """Temporary folders on the same disk as the checkout (build-bench/tmp), so that files the
    server writes land on the disk a user's would, not on a tmpfs /tmp."""
    parent = os.environ.get("AIBAND_BENCH_TMP") or os.path.join(ROOT, "build-bench", "tmp")
    os.makedirs(parent, exist_ok=True)
    return parent


def http_request(base_url, method, path, body=None, timeout=5.0):
    host, port = base_url.split("//", 1)[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_healthy(base_url, timeout=10.0, interval=0.001):
    deadline = time.perf_counter() + timeout
    while True:
        try:
            status, _ = http_request(base_url, "GET", "/health", timeout=1.0)
            if status == 200:
                return time.perf_counter()
        except OSError:
            pass
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{base_url}/health did not answer 200 within {timeout} s")
        time.sleep(interval)


# ---------------------------------------------------------------------------------------------
# wrk
# ---------------------------------------------------------------------------------------------

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * _UNITS_MS[match.group(2)] if match else None


def parse_wrk(output):
    """wrk's text output (with --latency) and the WRK_JSON line of bench/http/report.lua."""
    result = {"text_latency_ms": {}}
    for line in output.splitlines():
        line = line.strip()
        if line.startswith("WRK_JSON "):
            result["summary"] = json.loads(line[len("WRK_JSON "):])
        elif line.startswith("Requests/sec:"):
            result["requests_per_s_text"] = float(line.split()[1])
        elif re.fullmatch(r"\d+(\.\d+)?%\s+\S+", line):
            pct, value = line.split()
            result["text_latency_ms"][pct] = _ms(value)
        elif line.startswith("Non-2xx or 3xx responses:"):
            result["non_2xx"] = int(line.split(":")[1])
        elif line.startswith("Socket errors:"):
            result["socket_errors"] = {k: int(v) for k, v in re.findall(r"(\w+) (\d+)", line)}
    summary = result.get("summary")
    if summary:
        seconds = summary["duration_us"] / 1e6
        bad = summary["errors"]["status"]
        result["requests"] = summary["requests"]
        result["duration_s"] = round(seconds, 3)
        result["requests_per_s"] = round(summary["requests"] / seconds, 1)
        result["ok_per_s"] = round((summary["requests"] - bad) / seconds, 1)
        result["errors"] = summary["errors"]
        result["latency_ms"] = {k: round(v / 1000.0, 3) for k, v in summary["latency_us"].items()}
    return result


def run_wrk(url, threads, connections, seconds, script, body=None, delay_ms=None, timeout_s=None):
    """Runs wrk --latency with one of bench/http/*.lua and returns parse_wrk's dict plus the
    command line and the raw output."""
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
           "-s", os.path.join(ROOT, "bench", "http", script)]
    shown_cmd = cmd[:-1] + [f"bench/http/{script}"]
    if timeout_s:
        cmd += ["--timeout", f"{timeout_s}s"]
    cmd.append(url)
    env = dict(os.environ)
    # Dirty pages left by an earlier run (tens of thousands of files) are written back now, not
    # by a kernel thread competing for the two cores during this run.
    os.sync()
    if body:
        env["AIBAND_BENCH_BODY"] = body
    if delay_ms:
        env["AIBAND_BENCH_DELAY_MS"] = str(delay_ms)
    completed = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + 60)
    if completed.returncode != 0 or "WRK_JSON" not in completed.stdout:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr.strip()}")
    result = parse_wrk(completed.stdout)
    shown = " ".join(shown_cmd + cmd[len(shown_cmd):-1] + [re.sub(r":\d+", ":PORT", url)])
    if body:
        shown = f"AIBAND_BENCH_BODY={os.path.relpath(body, ROOT)} {shown}"
    result["command"] = shown
    result["output"] = completed.stdout
    return result


# ---------------------------------------------------------------------------------------------
# The machine (bench/tools/machine.py; kept here by name for the programs that use them so)
# ---------------------------------------------------------------------------------------------

cpu_busy = machine_description.cpu_busy
machine = machine_description.machine


def wait_quiet(limit_s=30.0, threshold=10.0):
    return machine_description.wait_quiet(limit_s, threshold, log)
