#!/usr/bin/python3
"""Soak test (docs/RELIABILITY.md, "Soak"): the real headless server under mixed traffic from
many plugins for several minutes, with clients that misbehave the way real networks do.

Traffic, all at once, for the whole run:
- WebSocket plugins: heartbeats, transport updates (broadcast to all), generation requests in
  both forms; each plugin checks its files (downloads one and parses it with mido), deletes most
  of them, keeps a few; now and then it hangs up and reconnects, or aborts (TCP reset) with a
  generation still pending.
- HTTP clients: POST /api/generate and /api/midi/generate, GET /api/files and /api/midi/list,
  downloads, deletes, /health.
- Misbehaving clients on raw sockets: half the request headers then a reset; a Content-Length
  body cut in half then a reset; a WebSocket upgrade closed before the 101 and right after it;
  a POST /api/generate reset while its deferred reply is pending (the Qt 6.4 crash trigger,
  DESIGN §2); reconnect storms of one plugin id.
429 (rate/concurrency limits) and 503 (busy, connection cap) are legitimate answers: counted,
and Retry-After is honoured.

Asserted at the end (exit status 1 and the reasons when not):
- the server is alive, and exits 0 on SIGTERM;
- every file of a generation answered OK that no client deleted exists and mido parses it;
- no 5xx other than 503 (busy / connection cap) and 504 (generation timeout);
- RSS flat after warm-up: the highest sample of the last third of the post-warm-up run is at
  most FLAT_RSS_RATIO (10 %) + 4 MiB above the highest of the first third;
- open fds flat: the same for fds with a margin of 16 (connections come and go), and once every
  client has gone, the count is back to the idle baseline measured before the load (+2).

Usage: /usr/bin/python3 tests/soak/soak.py APP [--minutes M] [--plugins N] [--http-clients N]
       [--results FILE] [--env KEY=VALUE ...]
"""

import argparse
import asyncio
import datetime
import io
import json
import os
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

import mido
import websockets

FLAT_RSS_RATIO = 0.10
FLAT_RSS_SLACK_KIB = 4 * 1024
FLAT_FD_SLACK = 16
IDLE_FD_SLACK = 2
SAMPLE_SECONDS = 2.0
KEEP_FILES_PER_CLIENT = 6
# Generations whose clients vanish still leave files (by design: nothing is lost). The abusers
# ask for this tempo, which is in the file name, so the janitor can keep the folder's size
# steady; otherwise the listings would grow all run long and hide any real memory growth.
ABUSER_TEMPO = 61
SEED_ENV = {"HOST", "PORT", "DEBUG", "GENERATED_FILES_DIR", "CLEANUP_HOURS", "MAX_FILES",
            "LOG_LEVEL", "BACKEND_TIMEOUT", "BACKEND_PATH"}
CHORDS = ["C-Am-F-G", "Dm7 G7 | Cmaj7 | Cmaj7", "Am F C G", "E7 | A7 | E7 | B7 A7 | E7",
          "F#m7b5 B7 | Em7 | C#m7 F#7 | Bm", "Dm7 G7/B | Cmaj9 | N.C. | C-", "Bb Eb/G | F/A Gm"]
STYLES = ["pop", "rock", "jazz_swing", "funk", "waltz", "ballad_68", "bossa_nova", "reggae"]
PARTS = [["bass"], ["drums"], ["keys"], ["bass", "drums"], ["bass", "drums", "keys"]]


def log(*args):
    print(time.strftime("%H:%M:%S"), *args, flush=True)


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------

class Server:
    """The binary on port 0 in a temporary home; stdout's first line says where it listens."""

    def __init__(self, app, extra_env):
        self.dir = tempfile.mkdtemp(prefix="aiband-soak-")
        env = {k: v for k, v in os.environ.items() if k not in SEED_ENV and not k.startswith("AIBAND_")}
        env.update(XDG_CONFIG_HOME=os.path.join(self.dir, "config"),
                   XDG_DATA_HOME=os.path.join(self.dir, "data"),
                   # Nothing may be removed behind the soak's back: it checks every kept file.
                   AIBAND_MAX_FILES="100000", AIBAND_CLEANUP_HOURS="0")
        env.update(extra_env)
        self.files_dir = os.path.join(self.dir, "files")
        # Every take lives in takes/; the folder itself holds the newest take only (PROTOCOL.md,
        # "The folder plugins watch"), so kept files are looked for, and counted, in takes/.
        self.takes_dir = os.path.join(self.files_dir, "takes")
        self.stderr = open(os.path.join(self.dir, "server.log"), "wb")
        self.process = subprocess.Popen(
            [os.path.abspath(app), "--headless", "--port", "0", "--files-dir", self.files_dir,
             "--log-level", "warning"],
            stdout=subprocess.PIPE, stderr=self.stderr, env=env, cwd=self.dir, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"listening on http://([^:/]+):(\d+)", line)
        if not match:
            self.process.kill()
            raise RuntimeError(f"unexpected first line from the app: {line!r}")
        self.host, self.port = match.group(1), int(match.group(2))
        self.hostport = f"{self.host}:{self.port}"
        # Keep reading stdout so the app never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in self.process.stdout], daemon=True).start()

    def rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return None

    def fds(self):
        return len(os.listdir(f"/proc/{self.process.pid}/fd"))

    def alive(self):
        return self.process.poll() is None

    def server_log_tail(self, lines=30):
        self.stderr.flush()
        with open(self.stderr.name, "rb") as f:
            return b"".join(f.readlines()[-lines:]).decode(errors="replace")


# ---------------------------------------------------------------------------------------------
# Bookkeeping
# ---------------------------------------------------------------------------------------------

class Stats:
    def __init__(self):
        self.counts = {}
        self.statuses = {}
        self.by_route = {}
        self.bad_5xx = []
        self.problems = []
        self.kept = {}          # file name -> who keeps it (must exist at the end)
        self.deleted = set()
        self.generated_files = 0

    def count(self, what, n=1):
        self.counts[what] = self.counts.get(what, 0) + n

    def status(self, route, status, body=b""):
        key = str(status)
        self.statuses[key] = self.statuses.get(key, 0) + 1
        route_key = f"{route} {status}"
        self.by_route[route_key] = self.by_route.get(route_key, 0) + 1
        if status >= 500 and status not in (503, 504):
            self.bad_5xx.append(f"{route}: {status} {body[:200]!r}")

    def problem(self, text):
        if len(self.problems) < 50:
            self.problems.append(text)
        self.count("problems")


def reset_and_close(transport):
    """Closes with a TCP reset (SO_LINGER 0): the peer sees the connection vanish."""
    sock = transport.get_extra_info("socket")
    try:
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    transport.abort()


async def http(server, method, path, body=None, timeout=30.0):
    """One request on its own connection: (status, headers dict, body bytes)."""
    reader, writer = await asyncio.open_connection(server.host, server.port)
    try:
        data = json.dumps(body).encode() if body is not None else b""
        head = [f"{method} {path} HTTP/1.1", f"Host: {server.hostport}", "Connection: close",
                "User-Agent: aiband-soak"]
        if body is not None:
            head += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), timeout)
        parts = status_line.split()
        if len(parts) < 2:
            raise ConnectionError(f"no status line: {status_line!r}")
        status = int(parts[1])
        headers = {}
        while True:
            line = await asyncio.wait_for(reader.readline(), timeout)
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        payload = await asyncio.wait_for(reader.readexactly(length), timeout) if length else b""
        return status, headers, payload
    finally:
        writer.close()


async def honour_retry_after(headers):
    try:
        delay = float(headers.get("retry-after", "1"))
    except ValueError:
        delay = 1.0
    await asyncio.sleep(min(max(delay, 0.1), 10.0))


def random_request(rng, plugin_id=None, flat=False, tempo=None):
    chords = rng.choice(CHORDS)
    parts = rng.choice(PARTS)
    tempo = tempo or rng.randint(70, 180)
    if flat:
        body = {"chords": chords, "bars": rng.choice([2, 4, 8]), "track_types": parts,
                "tempo": tempo, "seed": rng.randint(0, 2**32 - 1)}
    else:
        body = {"chord_progression": {"chords": chords, "tempo": tempo},
                "style": rng.choice(STYLES), "track_types": parts, "seed": rng.randint(0, 2**32 - 1)}
    if plugin_id:
        body["plugin_id"] = plugin_id
    return body


class FileKeeper:
    """What a client does with its files: check one with mido, keep a few, delete the rest."""

    def __init__(self, server, stats, rng, name):
        self.server, self.stats, self.rng, self.name = server, stats, rng, name
        self.mine = []

    async def took(self, names):
        self.stats.generated_files += len(names)
        if not names:
            return
        status, headers, payload = await http(self.server, "GET", "/api/files/" + rng_choice(self.rng, names))
        self.stats.status("GET /api/files/{name}", status, payload)
        if status == 200:
            try:
                mido.MidiFile(file=io.BytesIO(payload))
                self.stats.count("downloads_parsed")
            except Exception as error:  # noqa: BLE001 - any parse failure is the finding
                self.stats.problem(f"{self.name}: downloaded file does not parse: {error}")
        elif status != 429:
            self.stats.problem(f"{self.name}: download of a fresh file answered {status}")
        for name in names:
            self.mine.append(name)
            self.stats.kept[name] = self.name
        while len(self.mine) > KEEP_FILES_PER_CLIENT:
            victim = self.mine.pop(self.rng.randrange(len(self.mine)))
            path = rng_choice(self.rng, ["/api/files/", "/api/midi/"]) + victim
            status, headers, payload = await http(self.server, "DELETE", path)
            self.stats.status("DELETE " + path.rsplit("/", 1)[0], status, payload)
            if status == 200:
                self.stats.kept.pop(victim, None)
                self.stats.deleted.add(victim)
                self.stats.count("deletes")
            elif status == 429:
                self.mine.append(victim)
                await honour_retry_after(headers)
                break
            else:
                self.stats.problem(f"{self.name}: DELETE {victim} answered {status} {payload[:120]!r}")
                self.stats.kept.pop(victim, None)


def rng_choice(rng, seq):
    return seq[rng.randrange(len(seq))]


# ---------------------------------------------------------------------------------------------
# Well-behaved clients
# ---------------------------------------------------------------------------------------------

async def ws_plugin(server, stats, index, stop):
    rng = random.Random(1000 + index)
    plugin_id = f"soak-{index}"
    keeper = FileKeeper(server, stats, rng, plugin_id)
    via_sync = index % 2 == 1
    while not stop.is_set():
        url = (f"ws://{server.hostport}/ws/sync?plugin_id={plugin_id}" if via_sync
               else f"ws://{server.hostport}/ws/{plugin_id}")
        try:
            async with websockets.connect(url, max_size=None, open_timeout=20, close_timeout=5) as ws:
                stats.count("ws_sessions")
                first = json.loads(await asyncio.wait_for(ws.recv(), 20))
                if first.get("type") != "connection_confirmed":
                    stats.problem(f"{plugin_id}: first message {first.get('type')}")
                session_end = time.monotonic() + rng.uniform(15, 60)
                pending = {}
                request_no = 0
                next_heartbeat = next_transport = next_generate = time.monotonic()
                # A session ends when its time is up and nothing is owed (or 10 s later):
                # files answered to nobody would pile up in the folder.
                while not stop.is_set() and (time.monotonic() < session_end
                                             or (pending and time.monotonic() < session_end + 10)):
                    now = time.monotonic()
                    if now >= next_heartbeat:
                        await ws.send(json.dumps({"type": "heartbeat", "data": {"timestamp": now}}))
                        next_heartbeat = now + rng.uniform(1.0, 3.0)
                    if index % 4 == 0 and now >= next_transport:
                        await ws.send(json.dumps({"type": "transport_update", "data": {
                            "is_playing": rng.random() < 0.8, "current_beat": rng.uniform(0, 512),
                            "tempo": rng.choice([90, 120, 128]), "time_signature": "4/4"}}))
                        stats.count("transport_updates")
                        next_transport = now + rng.uniform(0.2, 1.0)
                    if now >= next_generate and len(pending) < 2 and now < session_end:
                        request_no += 1
                        request_id = f"{plugin_id}-{request_no}"
                        flat = rng.random() < 0.5
                        abort = rng.random() < 0.04
                        body = random_request(rng, flat=flat, tempo=ABUSER_TEMPO if abort else None)
                        await ws.send(json.dumps({"type": "generate_request" if flat else "generation_request",
                                                  "data": body, "request_id": request_id}))
                        pending[request_id] = time.monotonic()
                        stats.count("ws_generations_sent")
                        next_generate = now + rng.uniform(2.0, 8.0)
                        # The 6.4 trigger over WebSocket: vanish with an answer still owed.
                        if abort:
                            stats.count("ws_aborts_pending_generation")
                            reset_and_close(ws.transport)
                            break
                    try:
                        text = await asyncio.wait_for(ws.recv(), 0.25)
                    except asyncio.TimeoutError:
                        continue
                    message = json.loads(text)
                    kind = message.get("type")
                    stats.count("ws_in_" + str(kind))
                    if kind == "generation_complete":
                        pending.pop(message.get("request_id"), None)
                        names = [f["filename"] for f in message["data"]["files"]]
                        await keeper.took(names)
                    elif kind == "error":
                        pending.pop(message.get("request_id"), None)
                        code = message["data"].get("code")
                        stats.count("ws_error_" + str(code))
                        if code not in ("busy", "rate_limited", "too_many_requests", "timeout"):
                            stats.problem(f"{plugin_id}: error {message['data']}")
                        else:
                            await asyncio.sleep(1.0)
        except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException) as error:
            stats.count("ws_connect_failures")
            if not stop.is_set():
                stats.count("ws_failure_" + type(error).__name__)
                await asyncio.sleep(1.0)
        await asyncio.sleep(rng.uniform(0.0, 1.0))


async def http_client(server, stats, index, stop):
    rng = random.Random(5000 + index)
    name = f"http-{index}"
    keeper = FileKeeper(server, stats, rng, name)
    status, headers, payload = await http(server, "POST", "/api/plugin/register", {"plugin_id": name, "name": "soak"})
    stats.status("POST /api/plugin/register", status, payload)
    while not stop.is_set():
        try:
            action = rng.random()
            if action < 0.5:
                flat = rng.random() < 0.4
                path = "/api/midi/generate" if flat else "/api/generate"
                status, headers, payload = await http(server, "POST", path,
                                                      random_request(rng, plugin_id=name, flat=flat))
                stats.status("POST " + path, status, payload)
                stats.count("http_generations")
                if status == 200:
                    reply = json.loads(payload)
                    await keeper.took([n for n in reply.get("files", []) if isinstance(n, str)])
                elif status in (429, 503):
                    await honour_retry_after(headers)
                elif status != 504:
                    stats.problem(f"{name}: {path} answered {status} {payload[:200]!r}")
            elif action < 0.65:
                path = rng.choice(["/api/files", "/api/midi/list"])
                status, headers, payload = await http(server, "GET", path)
                stats.status("GET " + path, status, payload)
                if status == 200:
                    json.loads(payload)
                elif status == 429:
                    await honour_retry_after(headers)
            elif action < 0.8:
                path = rng.choice(["/health", "/api/plugin/status", "/api/transport/position"])
                status, headers, payload = await http(server, "GET", path)
                stats.status("GET " + path, status, payload)
            else:
                status, headers, payload = await http(server, "POST", "/api/plugin/heartbeat", {"plugin_id": name})
                stats.status("POST /api/plugin/heartbeat", status, payload)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError) as error:
            stats.count("http_failures")
            stats.count("http_failure_" + type(error).__name__)
        await asyncio.sleep(rng.uniform(0.05, 0.6))


# ---------------------------------------------------------------------------------------------
# Misbehaving clients
# ---------------------------------------------------------------------------------------------

def upgrade_request(server, path):
    return (f"GET {path} HTTP/1.1\r\nHost: {server.hostport}\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n").encode()


async def abuser(server, stats, index, stop):
    rng = random.Random(9000 + index)
    while not stop.is_set():
        kind = rng.choice(["half_headers", "half_body", "upgrade_before_101", "upgrade_after_101",
                           "generate_then_reset", "generate_then_close", "storm"])
        try:
            if kind == "storm":
                plugin_id = f"storm-{index}"
                sockets = []
                for _ in range(rng.randint(5, 20)):
                    ws = await websockets.connect(f"ws://{server.hostport}/ws/{plugin_id}", open_timeout=20)
                    sockets.append(ws)
                for ws in sockets:
                    if rng.random() < 0.5:
                        reset_and_close(ws.transport)
                    else:
                        await ws.close()
                stats.count("abuse_storm_connections", len(sockets))
            else:
                reader, writer = await asyncio.open_connection(server.host, server.port)
                if kind == "half_headers":
                    text = (f"POST /api/generate HTTP/1.1\r\nHost: {server.hostport}\r\n"
                            "Content-Type: application/json\r\nContent-Le").encode()
                    writer.write(text)
                elif kind == "half_body":
                    body = json.dumps(random_request(rng, tempo=ABUSER_TEMPO)).encode()
                    writer.write((f"POST /api/generate HTTP/1.1\r\nHost: {server.hostport}\r\n"
                                  f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
                                 + body[: len(body) // 2])
                elif kind == "upgrade_before_101":
                    writer.write(upgrade_request(server, f"/ws/abuse-{index}"))
                elif kind == "upgrade_after_101":
                    writer.write(upgrade_request(server, f"/ws/abuse-{index}"))
                    await writer.drain()
                    await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 20)
                else:
                    body = json.dumps(random_request(rng, plugin_id=f"abuse-{index}", tempo=ABUSER_TEMPO)).encode()
                    writer.write((f"POST /api/generate HTTP/1.1\r\nHost: {server.hostport}\r\n"
                                  f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
                                 + body)
                await writer.drain()
                if kind != "upgrade_after_101" and rng.random() < 0.5:
                    await asyncio.sleep(rng.uniform(0.0, 0.02))
                if kind == "generate_then_close" or (kind == "upgrade_after_101" and rng.random() < 0.5):
                    writer.close()
                else:
                    reset_and_close(writer.transport)
            stats.count("abuse_" + kind)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError,
                websockets.exceptions.WebSocketException) as error:
            stats.count("abuse_failures")
            stats.count("abuse_failure_" + type(error).__name__)
        await asyncio.sleep(rng.uniform(0.05, 0.5))


async def janitor(server, stats, stop):
    """Deletes the files of generations whose abusive clients hung up (tempo ABUSER_TEMPO)."""
    marker = f"_{ABUSER_TEMPO}_"
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), 10.0)
            return
        except asyncio.TimeoutError:
            pass
        try:
            for name in os.listdir(server.takes_dir):
                if marker in name and name.endswith(".mid"):
                    status, headers, payload = await http(server, "DELETE", "/api/files/" + name)
                    stats.status("DELETE /api/files (janitor)", status, payload)
                    if status == 200:
                        stats.count("janitor_deletes")
        except (OSError, asyncio.TimeoutError, ConnectionError) as error:
            stats.count("janitor_failure_" + type(error).__name__)


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------

async def sampler(server, samples, stop, started):
    while not stop.is_set():
        if not server.alive():
            return
        samples.append({"t": round(time.monotonic() - started, 1), "rss_kib": server.rss_kib(), "fds": server.fds()})
        try:
            await asyncio.wait_for(stop.wait(), SAMPLE_SECONDS)
        except asyncio.TimeoutError:
            pass


def flatness(samples, key, warmup_s, ratio, slack):
    after = [s[key] for s in samples if s["t"] >= warmup_s]
    if len(after) < 6:
        return {"ok": False, "why": f"only {len(after)} samples after warm-up"}
    third = len(after) // 3
    first, last = max(after[:third]), max(after[-third:])
    limit = first * (1 + ratio) + slack
    return {"ok": last <= limit, "first_third_max": first, "last_third_max": last, "limit": round(limit, 1),
            "min": min(after), "max": max(after)}


async def run(args):
    extra_env = dict(item.split("=", 1) for item in args.env)
    server = Server(args.app, extra_env)
    log(f"server pid {server.process.pid} on {server.hostport}, files in {server.files_dir}")
    stats = Stats()
    samples = []
    await asyncio.sleep(1.0)
    baseline = {"rss_kib": server.rss_kib(), "fds": server.fds()}
    log(f"idle: RSS {baseline['rss_kib']} KiB, {baseline['fds']} fds")

    stop = asyncio.Event()
    started = time.monotonic()
    tasks = [asyncio.create_task(sampler(server, samples, stop, started))]
    tasks += [asyncio.create_task(ws_plugin(server, stats, i, stop)) for i in range(args.plugins)]
    tasks += [asyncio.create_task(http_client(server, stats, i, stop)) for i in range(args.http_clients)]
    tasks += [asyncio.create_task(abuser(server, stats, i, stop)) for i in range(args.abusers)]
    tasks.append(asyncio.create_task(janitor(server, stats, stop)))
    duration = args.minutes * 60
    while time.monotonic() - started < duration and server.alive():
        await asyncio.sleep(min(15, duration))
        last = samples[-1] if samples else {}
        log(f"t={time.monotonic() - started:5.0f}s RSS {last.get('rss_kib')} KiB fds {last.get('fds')} "
            f"gens ws {stats.counts.get('ws_in_generation_complete', 0)} http {stats.counts.get('http_generations', 0)} "
            f"statuses {stats.statuses} takes {len(os.listdir(server.takes_dir)) if os.path.isdir(server.takes_dir) else 0}")
    stop.set()
    await asyncio.wait(tasks, timeout=30)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    # Every client is gone: the server must give back its connections.
    alive_before_term = server.alive()
    idle_fds = None
    if alive_before_term:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            idle_fds = server.fds()
            if idle_fds <= baseline["fds"] + IDLE_FD_SLACK:
                break
            await asyncio.sleep(1.0)
    end_rss = server.rss_kib() if alive_before_term else None

    # Kept files: present and parseable.
    missing, unparsable = [], []
    for name in sorted(stats.kept):
        path = os.path.join(server.takes_dir, name)
        if not os.path.exists(path):
            missing.append(name)
            continue
        try:
            mido.MidiFile(path)
        except Exception as error:  # noqa: BLE001
            unparsable.append(f"{name}: {error}")
    on_disk = len([n for n in os.listdir(server.takes_dir) if n.endswith(".mid")]) if os.path.isdir(server.takes_dir) else 0

    exit_status = None
    if server.alive():
        server.process.send_signal(signal.SIGTERM)
        try:
            exit_status = server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
            exit_status = "did not exit within 30 s of SIGTERM"
    else:
        exit_status = f"died during the run ({server.process.returncode})"

    warmup = duration * args.warmup
    rss_flat = flatness(samples, "rss_kib", warmup, FLAT_RSS_RATIO, FLAT_RSS_SLACK_KIB)
    fds_flat = flatness(samples, "fds", warmup, 0.0, FLAT_FD_SLACK)
    failures = []
    if not alive_before_term:
        failures.append("the server died during the run:\n" + server.server_log_tail())
    if exit_status != 0:
        failures.append(f"exit status after SIGTERM: {exit_status}")
    if missing:
        failures.append(f"{len(missing)} kept files missing, e.g. {missing[:3]}")
    if unparsable:
        failures.append(f"{len(unparsable)} kept files do not parse, e.g. {unparsable[:3]}")
    if stats.bad_5xx:
        failures.append(f"{len(stats.bad_5xx)} unexpected 5xx, e.g. {stats.bad_5xx[:3]}")
    if stats.problems:
        failures.append(f"{stats.counts['problems']} client-side problems, e.g. {stats.problems[:5]}")
    if not rss_flat["ok"]:
        failures.append(f"RSS not flat after warm-up: {rss_flat}")
    if not fds_flat["ok"]:
        failures.append(f"fd count not flat after warm-up: {fds_flat}")
    if idle_fds is None or idle_fds > baseline["fds"] + IDLE_FD_SLACK:
        failures.append(f"fds not back to idle once clients left: {idle_fds} vs baseline {baseline['fds']}")
    if stats.generated_files == 0:
        failures.append("no generation succeeded: the soak measured nothing")

    results = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "minutes": args.minutes, "plugins": args.plugins, "http_clients": args.http_clients,
        "abusers": args.abusers, "warmup_s": warmup,
        "baseline": baseline, "end": {"rss_kib": end_rss, "fds_after_clients_left": idle_fds},
        "rss": rss_flat, "fds": fds_flat,
        "files": {"generated": stats.generated_files, "kept_checked": len(stats.kept), "deleted": len(stats.deleted),
                  "missing": len(missing), "unparsable": len(unparsable), "on_disk_at_end": on_disk},
        "http_statuses": stats.statuses, "http_by_route": dict(sorted(stats.by_route.items())), "counts": dict(sorted(stats.counts.items())),
        "exit_status": exit_status, "failures": failures, "samples": samples,
    }
    with open(args.results, "w") as f:
        json.dump(results, f, indent=1)
    summary = {k: results[k] for k in ("baseline", "end", "files", "http_statuses", "exit_status")}
    log("summary: " + json.dumps(summary))
    log(f"RSS after warm-up: {rss_flat}")
    log(f"fds after warm-up: {fds_flat}")
    log("counts: " + json.dumps(results["counts"]))
    log(f"results: {args.results}")
    server.stderr.close()
    if failures:
        log("SOAK FAILED:")
        for failure in failures:
            print("  - " + failure)
        print(f"  (server log kept in {server.dir})")
        return 1
    shutil.rmtree(server.dir, ignore_errors=True)
    log("SOAK PASSED")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("app")
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--plugins", type=int, default=60, help="WebSocket plugins")
    parser.add_argument("--http-clients", type=int, default=10)
    parser.add_argument("--abusers", type=int, default=6, help="misbehaving raw-socket clients")
    parser.add_argument("--warmup", type=float, default=0.25, help="fraction of the run before flatness is judged")
    parser.add_argument("--results", default="soak-results.json")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the server's environment")
    args = parser.parse_args()
    sys.exit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
