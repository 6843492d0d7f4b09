#!/usr/bin/python3
"""Following a player live (docs/PROTOCOL.md, "Following a player"), against issue 14's budgets:

  latency  a chord_event -> that session's band_events with replaces_from_beat at the chord's
           beat, with N live sessions each playing a band of its own (bass, drums, keys;
           lookahead 4) while the shared transport plays at 120 BPM; budget p99 <= 2 ms
  follow   the same with one band and N sessions in it (one live_start, the others `follow`):
           each chord re-sends to every member, so the last member's arrival is timed too
  sweep    bands live while the transport steps through 60-300 BPM and back, a chord every
           bar sent 1.5-2 beats ahead; every band_events note's due time (from the tempo map
           this client drove) minus its arrival is its margin; budget: none late (< 1 ms), no
           beat left uncovered

Everything is timed here, at the client, over loopback: a figure includes Python's asyncio and
`websockets` on both ends of the wait (the `client floor` row, a heartbeat's round trip through
the same sessions under the same load, shows that share). Nothing here is a pass/fail test;
the budgets are compared and reported.

Usage: /usr/bin/python3 bench/live/live_bench.py APP [--sessions 10] [--minutes 10] [--json OUT]
       [--only latency,follow,sweep] [--server-syscalls] [--quick]
(--quick: about 20 s; everything: about 20 minutes. docs/BENCHMARKS.md, "Following a player live")
Writes the figures as JSON (default bench/results/live.json) and prints a markdown section.
"""

import argparse
import asyncio
import dataclasses
import gc
import json
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "python"))
sys.path.insert(0, os.path.join(ROOT, "bench", "tools"))
import benchlib  # noqa: E402  (the machine's description, how busy it is, percentiles)
import plugin_client  # noqa: E402  (the server on a free port in its own folders; a plugin session)
import websockets  # noqa: E402

PARTS = ["bass", "drums", "keys"]
LOOKAHEAD_BEATS = 4
STYLE = "pop"
# Consecutive chords always differ, so every chord_event changes what plays at its beat.
CHORD_CYCLE = ["C", "Am", "F", "G", "Dm7", "Em7", "Bb", "A7", "D", "E7"]
SWEEP_TEMPOS = [60, 90, 120, 160, 200, 250, 300, 250, 200, 160, 120, 90]
LATENCY_BUDGET_MS = 2.0
LATE_BELOW_MS = 1.0
# A replace that has not come in this long is counted missing rather than waited for.
REPLACE_TIMEOUT_S = 2.0
# How often the sweep's scheduler looks at the playhead: 1/40 of a beat at 300 BPM.
SWEEP_TICK_S = 0.005
EPSILON = 1e-6
START_SETTLE_S = 0.5
# Seconds in which other work took less than this share of the machine count as quiet.
WATCH_INTERVAL_S = 1.0
QUIET_BELOW_PCT = 10.0
# --server-syscalls: a chord_event frame from this client is at least 64 bytes, a heartbeat's at
# most 58 (see keep_alive); the replaced notes are a few KB, other messages to a plugin smaller.
CHORD_FRAME_MIN_BYTES = 60
NOTES_WRITE_MIN_BYTES = 500
PERF_ATTACH_S = 1.0
HEARTBEAT_S = 20.0


def log(message):
    benchlib.log(f"live: {message}")


def now():
    return time.perf_counter()


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------

def summary_ms(values_s):
    """p50/p90/p99/max (and min) in ms of durations given in seconds."""
    ms = [v * 1000.0 for v in values_s]
    if not ms:
        return {"n": 0}
    return {"n": len(ms), "min": round(min(ms), 3), "p50": round(benchlib.percentile(ms, 50), 3),
            "p90": round(benchlib.percentile(ms, 90), 3), "p99": round(benchlib.percentile(ms, 99), 3),
            "max": round(max(ms), 3)}


def process_cpu_seconds(pid="self"):
    """CPU time of a process's threads so far, from /proc/PID/task/*/schedstat: nanoseconds,
    where /proc/PID/stat counts 10 ms ticks, too coarse for a server that works a few ms a beat.
    Threads that have ended are not counted; the server's work is on threads that stay."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total / 1e9


def machine_cpu_seconds():
    """Busy CPU time of the whole machine so far, all cores (/proc/stat)."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


class MachineWatch:
    """What a scenario cost the server and this client, and how much of the machine other work
    took meanwhile, second by second: the machine is shared, and a build next door makes the
    server wait for a core. Figures are also given over the quiet seconds alone, so a reader
    sees both what happened and what the server does when it has the machine."""

    def __init__(self, server_pid):
        self.server_pid = server_pid
        self.seconds = []      # (start, end, other work in % of the machine)
        self.first = self.last = self._read()
        self._task = asyncio.get_running_loop().create_task(self._sample())

    def _read(self):
        return now(), process_cpu_seconds(self.server_pid), process_cpu_seconds(), machine_cpu_seconds()

    def _other_pct(self, before, after):
        wall = after[0] - before[0]
        other = (after[3] - before[3]) - (after[1] - before[1]) - (after[2] - before[2])
        return min(100.0, max(0.0, 100.0 * other / wall / os.cpu_count()))

    async def _sample(self):
        while True:
            await asyncio.sleep(WATCH_INTERVAL_S)
            sample = self._read()
            self.seconds.append((self.last[0], sample[0], self._other_pct(self.last, sample)))
            self.last = sample

    def quiet(self, t):
        """Whether other work took less than QUIET_BELOW_PCT of the machine around moment t."""
        for start, end, other in self.seconds:
            if start <= t < end:
                return other < QUIET_BELOW_PCT
        return False

    def figures(self):
        self._task.cancel()
        end = self._read()
        wall = end[0] - self.first[0]
        quiet = sum(1 for *_, other in self.seconds if other < QUIET_BELOW_PCT)
        return {"server_cpu_pct": round(100.0 * (end[1] - self.first[1]) / wall, 1),
                "client_cpu_pct": round(100.0 * (end[2] - self.first[2]) / wall, 1),
                "other_work_pct_of_machine": round(self._other_pct(self.first, end), 1),
                "quiet_seconds_pct": round(100.0 * quiet / max(1, len(self.seconds)), 1)}


# ---------------------------------------------------------------------------------------------
# The transport as this client drives it
# ---------------------------------------------------------------------------------------------

class TempoMap:
    """Piecewise-constant tempo with a continuous beat: each segment starts at the moment this
    client sent the update (so the server, which sets the position when the update arrives, is
    later than this model by the one-way trip: due times here are early, margins understated)."""

    def __init__(self):
        self.segments = []   # (wall time, beat, bpm), in time order and so in beat order
        self.stopped_at = None

    def set(self, at, beat, bpm):
        self.segments.append((at, beat, bpm))

    def _segment_at_time(self, t):
        chosen = self.segments[0]
        for segment in self.segments:
            if segment[0] <= t:
                chosen = segment
        return chosen

    def _segment_of_beat(self, beat):
        chosen = self.segments[0]
        for segment in self.segments:
            if segment[1] <= beat + EPSILON:
                chosen = segment
        return chosen

    def beat_at(self, t):
        start, beat, bpm = self._segment_at_time(t)
        return beat + (t - start) * bpm / 60.0

    def time_of(self, beat):
        start, first_beat, bpm = self._segment_of_beat(beat)
        return start + (beat - first_beat) * 60.0 / bpm

    def tempo_of_beat(self, beat):
        return self._segment_of_beat(beat)[2]

    def tempo_at(self, t):
        return self._segment_at_time(t)[2]


class BeatTimes:
    """TempoMap.time_of for many beats in increasing order, in linear time: the sweep has
    hundreds of thousands of notes and dozens of segments."""

    def __init__(self, tempo_map):
        self.segments = tempo_map.segments

    def due(self, beats_sorted):
        index, out = 0, []
        for beat in beats_sorted:
            while index + 1 < len(self.segments) and self.segments[index + 1][1] <= beat + EPSILON:
                index += 1
            start, first_beat, bpm = self.segments[index]
            out.append((start + (beat - first_beat) * 60.0 / bpm, bpm))
        return out


# ---------------------------------------------------------------------------------------------
# One plugin session, read by a task of its own
# ---------------------------------------------------------------------------------------------

@dataclasses.dataclass
class BandEvents:
    arrived: float
    from_beat: float
    to_beat: float
    replaces: float | None
    text: str      # the whole message, its notes read after the run

    def beats(self):
        return [event["beat"] for event in json.loads(self.text)["data"]["events"]]


# The server writes compact JSON with its keys in order (Qt's QJsonObject), so a band_events
# text ends with its range after the notes. Parsing a 4 KB message takes about 0.1 ms here;
# with ten sessions hearing a chord at once, parsing each as it came would delay the next
# session's timestamp by that much, which would be the client's cost, not the server's.
BAND_EVENTS_TAIL = '},"type":"band_events"}'
RANGE_START = '],"from_beat":'


def band_events_range(text):
    """from_beat, to_beat, replaces_from_beat of a band_events text, without reading its notes."""
    start = text.rfind(RANGE_START)
    if start < 0:
        return json.loads(text)["data"]
    return json.loads("{" + text[start + 2:-len(BAND_EVENTS_TAIL)] + "}")


class Session:
    """A plugin's WebSocket session. Every message is timestamped the moment `recv` hands it
    over, before it is parsed, and passed to the scenario's hooks; errors and closes are kept
    as they came, to be reported."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.id = plugin.plugin_id
        self.band = None
        self.errors = []
        self.closed = None
        self.other_types = {}
        self.keep_band_events = False
        self.band_events = []
        self.band_events_count = 0
        self.on_band_events = None    # (session, arrived, data)
        self.on_chord_heard = None
        self.on_heartbeat = None
        self._waiters = {}
        self._reader = asyncio.get_running_loop().create_task(self._read())

    @classmethod
    async def open(cls, server, plugin_id):
        session = cls(await plugin_client.Plugin.connect(server, plugin_id))
        await session.expect("connection_confirmed")
        return session

    async def send(self, type_, data=None, request_id=None):
        await self.plugin.send(type_, data, request_id)

    def expect(self, type_, timeout=plugin_client.RECV_TIMEOUT):
        future = asyncio.get_running_loop().create_future()
        self._waiters.setdefault(type_, []).append(future)
        return asyncio.wait_for(future, timeout)

    async def _read(self):
        try:
            async for text in self.plugin.ws:
                arrived = now()
                if text.endswith(BAND_EVENTS_TAIL):
                    self._band_events(arrived, text)
                else:
                    self._dispatch(arrived, json.loads(text))
        except websockets.ConnectionClosed as closed:
            self.closed = {"at": now(), "code": closed.code, "reason": closed.reason}
        else:
            self.closed = {"at": now(), "code": self.plugin.ws.close_code, "reason": self.plugin.ws.close_reason}

    def _dispatch(self, arrived, message):
        type_ = message.get("type")
        data = message.get("data") or {}
        if type_ == "band_events":   # a message with a request_id after its type
            self._band_events(arrived, json.dumps(message, separators=(",", ":"), sort_keys=True))
        elif type_ == "chord_heard" and self.on_chord_heard:
            self.on_chord_heard(self, arrived, data)
        elif type_ == "heartbeat_response" and self.on_heartbeat:
            self.on_heartbeat(self, arrived, data)
        elif type_ == "error":
            self.errors.append({"at": arrived, "session": self.id, "code": data.get("code"),
                                "message": data.get("message"), "field": data.get("field"),
                                "request_id": message.get("request_id")})
        elif type_ not in ("transport_sync", "chord_heard", "heartbeat_response"):
            self.other_types[type_] = self.other_types.get(type_, 0) + 1
        self._wake(type_, message)

    def _wake(self, type_, message):
        for future in self._waiters.pop(type_, []):
            if not future.done():
                future.set_result(message)

    def _band_events(self, arrived, text):
        self.band_events_count += 1
        fields = band_events_range(text)
        if self.keep_band_events:
            self.band_events.append(BandEvents(arrived, fields["from_beat"], fields["to_beat"],
                                               fields.get("replaces_from_beat"), text))
        if self.on_band_events:
            self.on_band_events(self, arrived, fields)
        self._wake("band_events", {"type": "band_events", "data": fields})

    async def close(self):
        await self.plugin.close()
        await asyncio.gather(self._reader, return_exceptions=True)


class RunningServer:
    """plugin_client.Server, with its stdout drained: the server prints only its address there,
    but an unread pipe that ever filled would stall it and show up as late notes."""

    def __init__(self, app):
        self.server = plugin_client.Server(app)
        self.stdout = []
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.server.process.stdout:
            self.stdout.append(line.rstrip())

    @property
    def pid(self):
        return self.server.process.pid

    def close(self):
        exit_status = self.server.terminate()
        self.server.close()
        return exit_status


async def open_sessions(server, count, follow, tempo, seed, prefix, keep_band_events=False):
    """`count` live sessions: each with a band of its own, or (follow) all in the first one's.
    Returns them once each has had live_started and its first band_events (kept when asked:
    the beats the band holds before the transport starts are due like any other)."""
    sessions = []
    for index in range(count):
        session = await Session.open(server, f"{prefix}-{index:02d}")
        session.keep_band_events = keep_band_events
        if follow and index > 0:
            request = {"follow": sessions[0].id, "parts": PARTS, "lookahead_beats": LOOKAHEAD_BEATS}
        else:
            request = {"style": STYLE, "tempo": tempo, "meter": "4/4", "parts": PARTS,
                       "lookahead_beats": LOOKAHEAD_BEATS, "seed": seed + index}
        started = session.expect("live_started")
        first_notes = session.expect("band_events")
        await session.send("live_start", request)
        session.band = (await started)["data"]["band"]
        await first_notes
        sessions.append(session)
    return sessions


async def start_transport(conductor, tempo_map, tempo):
    """Plays from beat 0, as a plugin's transport_update: the model's beat 0 is the send. A
    moment first, as a player presses play once the band is ready: the last band's first beat
    would otherwise be "due" a fraction of a millisecond after it arrived."""
    await asyncio.sleep(START_SETTLE_S)
    sent = now()
    await conductor.send("transport_update", {"is_playing": True, "current_beat": 0, "tempo": tempo})
    tempo_map.set(sent, 0.0, tempo)


async def sleep_until(t):
    delay = t - now()
    if delay > 0:
        await asyncio.sleep(delay)


# ---------------------------------------------------------------------------------------------
# Chord -> replaced notes
# ---------------------------------------------------------------------------------------------

@dataclasses.dataclass
class PendingChord:
    """A chord_event whose replaced notes are on their way: one at a time per band, so a replace
    at its beat can only be its own."""
    sender: str
    beat: int
    chord: str
    sent_at: float
    waiting: set
    arrivals: dict = dataclasses.field(default_factory=dict)   # session -> seconds after the send
    heard: float | None = None
    done: asyncio.Event = dataclasses.field(default_factory=asyncio.Event)


class ChordTimer:
    """Matches each band's replaces to its pending chord and keeps the times."""

    def __init__(self):
        self.pending = {}            # band -> PendingChord
        self.finished = []
        self.unexpected = []         # replaces nobody asked for
        self.moved = []              # chords the server played elsewhere than where they were put

    def hook(self, session):
        session.on_band_events = self._band_events
        session.on_chord_heard = self._chord_heard

    def begin(self, session, beat, chord, members):
        pending = PendingChord(session.id, beat, chord, 0.0, set(members))
        self.pending[session.band] = pending
        return pending

    def _band_events(self, session, arrived, data):
        replaces = data.get("replaces_from_beat")
        if replaces is None:
            return
        pending = self.pending.get(session.band)
        if (pending is None or abs(replaces - pending.beat) > EPSILON or session.id not in pending.waiting
                or session.id in pending.arrivals):
            self.unexpected.append({"at": arrived, "session": session.id, "replaces_from_beat": replaces,
                                    "from_beat": data["from_beat"], "to_beat": data["to_beat"],
                                    "pending_beat": pending.beat if pending else None})
            return
        pending.arrivals[session.id] = arrived - pending.sent_at
        self._finish_if_complete(session.band, pending)

    def _chord_heard(self, session, arrived, data):
        pending = self.pending.get(session.band)
        if pending is None or session.id != pending.sender or pending.heard is not None:
            return
        pending.heard = arrived - pending.sent_at
        if abs(data["plays_from_beat"] - pending.beat) > EPSILON:
            self.moved.append({"session": session.id, "beat": pending.beat, "plays_from_beat": data["plays_from_beat"]})
        self._finish_if_complete(session.band, pending)

    def _finish_if_complete(self, band, pending):
        if len(pending.arrivals) == len(pending.waiting) and pending.heard is not None:
            self.finished.append(pending)
            del self.pending[band]
            pending.done.set()

    async def wait(self, band):
        """Waits for the band's pending chord; one that does not complete is kept as missing."""
        pending = self.pending.get(band)
        if pending is None:
            return
        try:
            await asyncio.wait_for(pending.done.wait(), REPLACE_TIMEOUT_S)
        except asyncio.TimeoutError:
            self.finished.append(pending)
            del self.pending[band]

    def figures(self, watch):
        missing = [{"sender": p.sender, "beat": p.beat, "chord": p.chord,
                    "without_replace": sorted(p.waiting - set(p.arrivals)), "chord_heard": p.heard is not None}
                   for p in self.finished if len(p.arrivals) < len(p.waiting) or p.heard is None]
        quiet = [p for p in self.finished if watch.quiet(p.sent_at)]
        return {"chords": len(self.finished), **self._times(self.finished),
                "quiet_seconds": self._times(quiet),
                "missing": missing, "unexpected_replaces": self.unexpected, "moved": self.moved}

    @staticmethod
    def _times(chords):
        own = [p.arrivals[p.sender] for p in chords if p.sender in p.arrivals]
        last = [max(p.arrivals.values()) for p in chords if len(p.arrivals) == len(p.waiting)]
        heard = [p.heard for p in chords if p.heard is not None]
        return {"sender_replace_ms": summary_ms(own), "last_member_replace_ms": summary_ms(last),
                "chord_heard_ms": summary_ms(heard)}


class HeartbeatTimer:
    """A heartbeat's round trip through the same sessions and event loop: what the client and
    loopback alone cost, to set beside the chord figures."""

    def __init__(self):
        self.sent = {}
        self.round_trips = []

    def hook(self, session):
        session.on_heartbeat = self._response

    async def send(self, session, number):
        self.sent[number] = now()
        await session.send("heartbeat", {"timestamp": number})

    def _response(self, session, arrived, data):
        sent = self.sent.pop(data.get("client_timestamp"), None)
        if sent is not None:
            self.round_trips.append((sent, arrived - sent))

    def figures(self, watch):
        return {"all": summary_ms([rtt for _, rtt in self.round_trips]),
                "quiet_seconds": summary_ms([rtt for sent, rtt in self.round_trips if watch.quiet(sent)])}


class ServerSyscalls:
    """`perf trace` of the server's read and write calls while the chords are sent: the time
    from the read that brought a chord_event to the write of the replaced notes to the same
    socket is the server's own share of the latency, without this client or loopback (perf's
    tracing adds a few microseconds a call). perf's clock is not this client's, so the two are
    set side by side, not joined chord by chord. Needs perf and root."""

    def __init__(self, pid, path):
        self.pid, self.path = pid, path
        self.process = None
        self.reason = None

    async def start(self):
        if not shutil.which("perf"):
            self.reason = "perf is not installed (Debian: linux-perf)"
            return
        self.process = subprocess.Popen(["perf", "trace", "-e", "read,write", "-p", str(self.pid), "-o", self.path],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        await asyncio.sleep(PERF_ATTACH_S)
        if self.process.poll() is not None:
            self.reason = "perf trace stopped: " + self.process.stderr.read().strip()[-300:]
            self.process = None

    def figures(self, members):
        if self.process is None:
            return {"status": "skipped", "reason": self.reason}
        self.process.send_signal(signal.SIGINT)
        self.process.wait()
        sender, last = chord_writes(read_perf_trace(self.path), members)
        return {"status": "ran", "sender_replace_ms": summary_ms(sender), "last_member_replace_ms": summary_ms(last)}


PERF_LINE = re.compile(r"^\s*([\d.]+) \(\s*([\d.]+) ms\): (read|write)\(fd: (\d+),.*\) += (\d+)")


def read_perf_trace(path):
    """(seconds when the call returned, read or write, fd, bytes) for each call that moved bytes."""
    calls = []
    with open(path, errors="replace") as f:
        for line in f:
            match = PERF_LINE.match(line)
            if match and int(match[5]) > 0:
                calls.append(((float(match[1]) + float(match[2])) / 1000.0, match[3], int(match[4]), int(match[5])))
    return calls


def chord_writes(calls, members):
    """For each read of a chord-sized frame: seconds to the first notes-sized write to the same
    socket (the sender's replace) and to the members-th notes-sized write after it (the last
    member's), before the next chord arrived."""
    sender, last = [], []
    chord_reads = [i for i, c in enumerate(calls) if c[1] == "read" and c[3] >= CHORD_FRAME_MIN_BYTES]
    for n, i in enumerate(chord_reads):
        read_at, _, fd, _ = calls[i]
        until = chord_reads[n + 1] if n + 1 < len(chord_reads) else len(calls)
        notes = [c for c in calls[i + 1:until] if c[1] == "write" and c[3] >= NOTES_WRITE_MIN_BYTES]
        own = next((c for c in notes if c[2] == fd), None)
        if own is None:
            continue
        sender.append(own[0] - read_at)
        if len(notes) >= members:
            last.append(notes[members - 1][0] - read_at)
    return sender, last


async def keep_alive(sessions, stop):
    """A heartbeat from each session every HEARTBEAT_S: the server closes one that sent no
    message for its connection_timeout (90 s; WebSocket pings do not count), and the conductor
    of a latency run sends nothing after the start."""
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), HEARTBEAT_S)
        except asyncio.TimeoutError:
            for session in sessions:
                await session.send("heartbeat", {"timestamp": int(now())})   # a small frame: CHORD_FRAME_MIN_BYTES


async def probe_heartbeats(sessions, heartbeats, mean_interval_s, rng, stop):
    number = 0
    next_at = now()
    while not stop.is_set():
        next_at += mean_interval_s * rng.uniform(0.5, 1.5)
        await sleep_until(next_at)
        number += 1
        await heartbeats.send(rng.choice(sessions), number)


async def chord_latency(app, sessions_count, chords, chords_per_beat, tempo, follow, seed, server_syscalls=False):
    """One scenario: a server, `sessions_count` live sessions, the transport playing at `tempo`,
    `chords` chord_events spread over the sessions at random moments, `chords_per_beat` on
    average. Each lands 2-3 beats ahead of the playhead (inside what the session holds)."""
    rng = random.Random(seed)
    running = RunningServer(app)
    try:
        server = running.server
        conductor = await Session.open(server, "bench-transport")
        sessions = await open_sessions(server, sessions_count, follow, tempo, seed,
                                       "follow" if follow else "live")
        timer, heartbeats = ChordTimer(), HeartbeatTimer()
        for session in sessions:
            timer.hook(session)
            heartbeats.hook(session)
        members = {}
        for session in sessions:
            members.setdefault(session.band, []).append(session.id)
        tempo_map = TempoMap()
        syscalls = ServerSyscalls(running.pid, os.path.join(server.dir.name, "perf-trace.txt"))
        if server_syscalls:
            await syscalls.start()
        watch = MachineWatch(running.pid)
        await start_transport(conductor, tempo_map, tempo)
        started = now()
        # Two beats of steady playing before the first chord.
        await sleep_until(tempo_map.time_of(2.0))
        stop = asyncio.Event()
        probe = asyncio.create_task(probe_heartbeats(sessions, heartbeats, 60.0 / tempo, rng, stop))
        alive = asyncio.create_task(keep_alive([conductor], stop))
        gc.disable()   # a collection would land in some chord's time; reference counting frees the rest
        try:
            await send_chords(sessions, members, timer, tempo_map, chords, 60.0 / tempo / chords_per_beat, rng)
        finally:
            gc.enable()
            stop.set()
            await asyncio.gather(probe, alive)
        elapsed = now() - started
        result = timer.figures(watch)
        result.update(watch.figures())
        result["server_side"] = (syscalls.figures(sessions_count if follow else 1) if server_syscalls
                                 else {"status": "skipped", "reason": "not asked for (--server-syscalls)"})
        result.update(mode="follow" if follow else "own bands", sessions=sessions_count,
                      bands=len(members), tempo=tempo, chords_per_beat=chords_per_beat,
                      seconds=round(elapsed, 1),
                      client_floor_heartbeat_ms=heartbeats.figures(watch),
                      band_events_messages=sum(s.band_events_count for s in sessions))
        result.update(problems(sessions + [conductor], running))
        for session in sessions + [conductor]:
            await session.close()
        return result
    finally:
        running.close()


async def send_chords(sessions, members, timer, tempo_map, chords, mean_interval_s, rng):
    """Round robin over the sessions, at random moments (so some chords meet the server's
    beat-aligned sends and some fall between them); each chord differs from its band's last."""
    next_chord = {}
    next_at = now()
    for number in range(chords):
        next_at += mean_interval_s * rng.uniform(0.5, 1.5)
        await sleep_until(next_at)
        session = sessions[number % len(sessions)]
        await timer.wait(session.band)
        beat = math.ceil(tempo_map.beat_at(now()) + 2.0)
        index = next_chord.get(session.band, 0)
        next_chord[session.band] = index + 1
        chord = CHORD_CYCLE[index % len(CHORD_CYCLE)]
        pending = timer.begin(session, beat, chord, members[session.band])
        pending.sent_at = now()
        await session.send("chord_event", {"beat": beat, "chord": chord})
    for band in list(timer.pending):
        await timer.wait(band)


def problems(sessions, running):
    """What went wrong on the way, exactly as it came: error messages, closes, unexpected
    message types, the server's exit."""
    errors = [error for session in sessions for error in session.errors]
    closes = [{"session": s.id, **s.closed} for s in sessions if s.closed]
    others = {}
    for session in sessions:
        for type_, count in session.other_types.items():
            if type_ not in ("connection_confirmed", "live_started"):
                others[type_] = others.get(type_, 0) + count
    alive = running.server.process.poll() is None
    return {"errors": errors, "unexpected_closes": closes, "other_messages": others,
            "server_alive": alive, "server_stdout": running.stdout[1:]}


# ---------------------------------------------------------------------------------------------
# Tempo sweep: never late, never a gap
# ---------------------------------------------------------------------------------------------

def tempo_steps(minutes, step_s):
    """(seconds from the start, bpm) for every step of the sweep: up 60 -> 300 and back."""
    steps, t, index = [], 0.0, 0
    while t < minutes * 60.0 - EPSILON:
        steps.append((t, SWEEP_TEMPOS[index % len(SWEEP_TEMPOS)]))
        t += step_s
        index += 1
    return steps


@dataclasses.dataclass
class SweepBand:
    session: Session
    lead_beats: float          # how far ahead of its bar line this band's chord is sent
    next_bar: int = 4
    chords: int = 0


async def tempo_sweep(app, bands_count, minutes, step_s, seed):
    rng = random.Random(seed)
    running = RunningServer(app)
    try:
        server = running.server
        conductor = await Session.open(server, "bench-transport")
        sessions = await open_sessions(server, bands_count, False, SWEEP_TEMPOS[0], seed, "sweep",
                                       keep_band_events=True)
        timer = ChordTimer()
        for session in sessions:
            timer.hook(session)
        # Leads spread over 1.5-2 beats, so the bands' chords do not all arrive at once.
        bands = [SweepBand(s, 1.5 + 0.5 * i / bands_count) for i, s in enumerate(sessions)]
        steps = tempo_steps(minutes, step_s)
        tempo_map = TempoMap()
        watch = MachineWatch(running.pid)
        await start_transport(conductor, tempo_map, steps[0][1])
        started = tempo_map.segments[0][0]
        log(f"sweep: {bands_count} bands, {len(steps)} steps of {step_s:g} s: "
            + ", ".join(str(bpm) for _, bpm in steps) + " BPM")
        gc.disable()   # see chord_latency
        try:
            await drive_sweep(conductor, bands, sessions, steps, step_s, tempo_map, timer, rng, started)
        finally:
            gc.enable()
        stopped = now()
        tempo_map.stopped_at = stopped
        watch_figures = watch.figures()
        # Only what arrived while the transport played counts; the stop re-sends beat 0 on.
        for session in sessions:
            session.on_band_events = None
            session.keep_band_events = False
            session.band_events = [m for m in session.band_events if m.arrived <= stopped]
        status, _, _ = await plugin_client.ahttp_json("POST", server.base + "/api/transport/stop")
        result = sweep_figures(sessions, tempo_map, steps, stopped)
        result.update(bands=bands_count, minutes=minutes, step_seconds=step_s,
                      seconds=round(stopped - started, 1), **watch_figures,
                      chords_sent=sum(band.chords for band in bands), transport_stop_status=status,
                      chord_replace=timer.figures(watch))
        result.update(problems(sessions + [conductor], running))
        for session in sessions + [conductor]:
            await session.close()
        return result
    finally:
        running.close()


async def drive_sweep(conductor, bands, sessions, steps, step_s, tempo_map, timer, rng, started):
    """The player's side: tempo steps as transport_update from the beat this client computes
    (so the position is continuous), a chord per bar per band, heartbeats as a plugin sends."""
    end = started + steps[-1][0] + step_s
    step_index = 1
    next_heartbeat = started + HEARTBEAT_S
    chord_numbers = {band.session.id: rng.randrange(len(CHORD_CYCLE)) for band in bands}
    while now() < end:
        t = now()
        if step_index < len(steps) and t >= started + steps[step_index][0]:
            await change_tempo(conductor, tempo_map, steps[step_index][1])
            step_index += 1
        playhead = tempo_map.beat_at(now())
        for band in bands:
            if playhead >= band.next_bar - band.lead_beats:
                await timer.wait(band.session.band)
                chord_numbers[band.session.id] += 1
                chord = CHORD_CYCLE[chord_numbers[band.session.id] % len(CHORD_CYCLE)]
                pending = timer.begin(band.session, band.next_bar, chord, [band.session.id])
                pending.sent_at = now()
                await band.session.send("chord_event", {"beat": band.next_bar, "chord": chord})
                band.chords += 1
                band.next_bar += 4
        if t >= next_heartbeat:
            for session in sessions + [conductor]:
                await session.send("heartbeat", {"timestamp": round(t, 3)})
            next_heartbeat += HEARTBEAT_S
        await asyncio.sleep(SWEEP_TICK_S)
    for band in bands:
        await timer.wait(band.session.band)


async def change_tempo(conductor, tempo_map, bpm):
    sent = now()
    beat = tempo_map.beat_at(sent)
    await conductor.send("transport_update", {"is_playing": True, "current_beat": round(beat, 6), "tempo": bpm})
    tempo_map.set(sent, round(beat, 6), bpm)


def sweep_figures(sessions, tempo_map, steps, stopped):
    """Margins per tempo (the tempo in force when the note is due), lookahead kept by the
    server's own sends, and gaps in each session's beats."""
    beat_times = BeatTimes(tempo_map)
    last_beat = tempo_map.beat_at(stopped)
    margins = {}          # bpm -> [seconds]
    late, not_played, notes = [], 0, 0
    for session in sessions:
        for message in session.band_events:
            beats = sorted(message.beats())
            for beat, (due, bpm) in zip(beats, beat_times.due(beats)):
                notes += 1
                if beat > last_beat:
                    not_played += 1
                    continue
                margin = due - message.arrived
                margins.setdefault(bpm, []).append(margin)
                if margin * 1000.0 < LATE_BELOW_MS:
                    late.append({"session": session.id, "beat": beat, "bpm": bpm, "margin_ms": round(margin * 1000, 3),
                                 "from_beat": message.from_beat, "to_beat": message.to_beat,
                                 "replaces_from_beat": message.replaces})
    per_tempo = []
    for bpm in sorted(margins):
        values = margins[bpm]
        per_tempo.append({"bpm": bpm, "notes": len(values),
                          "late": sum(1 for v in values if v * 1000.0 < LATE_BELOW_MS),
                          "min_margin_ms": round(min(values) * 1000, 1),
                          "p1_margin_ms": round(benchlib.percentile(values, 1) * 1000, 1),
                          **lookahead_kept(sessions, tempo_map, bpm, stopped)})
    return {"band_events_messages": sum(len(s.band_events) for s in sessions),
            "notes_received": notes, "notes_after_stop": not_played,
            "notes_timed": notes - not_played, "late": late[:50], "late_count": len(late),
            "per_tempo": per_tempo, "gaps": gaps(sessions, tempo_map, stopped),
            "tempo_map": [{"seconds": round(t - tempo_map.segments[0][0], 3), "beat": round(b, 3), "bpm": bpm}
                          for t, b, bpm in tempo_map.segments],
            "last_beat": round(last_beat, 3)}


def lookahead_kept(sessions, tempo_map, bpm, stopped):
    """The server's own sends (no replaces_from_beat), received while the transport played at
    this tempo: how many beats ahead of the playhead their first beat arrived (the protocol
    says at least lookahead_beats). A shortfall below the one-way trip is this model's error."""
    ahead = []
    for session in sessions:
        for message in session.band_events:
            if message.replaces is not None or message.arrived < tempo_map.segments[0][0] or message.arrived > stopped:
                continue
            if tempo_map.tempo_at(message.arrived) == bpm:
                ahead.append(message.from_beat - tempo_map.beat_at(message.arrived))
    if not ahead:
        return {"sends": 0}
    fewest = min(ahead)
    shortfall_ms = [(LOOKAHEAD_BEATS - a) * 60000.0 / bpm for a in ahead]
    return {"sends": len(ahead), "min_beats_ahead": round(fewest, 4),
            "sends_under_lookahead": sum(1 for a in ahead if a < LOOKAHEAD_BEATS),
            "median_shortfall_ms": round(benchlib.percentile(shortfall_ms, 50), 3),
            "worst_shortfall_ms": round(max(0.0, max(shortfall_ms)), 3)}


def gaps(sessions, tempo_map, stopped):
    """Every whole beat from a session's first band_events to the playhead at the stop plus its
    lookahead must lie in some [from_beat, to_beat) the session was sent."""
    found = []
    held_ahead = {}
    for session in sessions:
        covered = set()
        for message in session.band_events:
            covered.update(range(math.ceil(message.from_beat - EPSILON), math.ceil(message.to_beat - EPSILON)))
        if not covered:
            found.append({"session": session.id, "from": None, "to": None})
            continue
        first, last = min(covered), max(covered)
        missing = [beat for beat in range(first, last + 1) if beat not in covered]
        for run_start, run_end in runs(missing):
            found.append({"session": session.id, "from": run_start, "to": run_end})
        held_ahead[session.id] = round(last + 1 - tempo_map.beat_at(stopped), 3)
    return {"gaps": found, "beats_held_ahead_at_stop": held_ahead}


def runs(numbers):
    """[3, 4, 5, 9] -> [(3, 5), (9, 9)]"""
    out = []
    for n in numbers:
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

def verdicts(results):
    rows = []
    for key in ("latency", "follow"):
        run = results.get(key)
        if run:
            # With one band, every member's notes are affected: the last of them is the figure.
            figures = run["sender_replace_ms"] if key == "latency" else run["last_member_replace_ms"]
            p99 = figures.get("p99")
            who = "the sender's" if key == "latency" else "the last member's"
            rows.append({"what": f"chord_event -> {who} band_events p99, {run['sessions']} sessions ({run['mode']})",
                         "figure_ms": p99, "budget_ms": LATENCY_BUDGET_MS,
                         "met": p99 is not None and p99 <= LATENCY_BUDGET_MS and not run["missing"]})
    sweep = results.get("sweep")
    if sweep:
        bpms = [row["bpm"] for row in sweep["per_tempo"]]
        rows.append({"what": f"notes late (< {LATE_BELOW_MS:g} ms) at {min(bpms)}-{max(bpms)} BPM "
                             f"over {sweep['minutes']:g} min", "figure": sweep["late_count"], "budget": 0,
                     "met": sweep["late_count"] == 0 and not sweep["gaps"]["gaps"]})
    return rows


def fmt(value):
    return "-" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def latency_rows(results):
    lines = [f"| run | what | seconds | n | p50 | p90 | p99 | max |", "|---|---|---|---|---|---|---|---|"]

    def row(run_label, what, seconds, figures):
        lines.append(f"| {run_label} | {what} | {seconds} | {figures['n']:,} | {fmt(figures.get('p50'))} | "
                     f"{fmt(figures.get('p90'))} | {fmt(figures.get('p99'))} | {fmt(figures.get('max'))} |")

    for key in ("latency", "follow"):
        run = results.get(key)
        if not run:
            continue
        label = (f"{run['sessions']} sessions, a band each" if key == "latency"
                 else f"{run['sessions']} sessions, one band")
        measures = [("the sender's replace", "sender_replace_ms")]
        if key == "follow":
            measures.append(("the last member's replace", "last_member_replace_ms"))
        for what, field in measures:
            row(label, what, "all", run[field])
            row(label, what, "quiet", run["quiet_seconds"][field])
        server_side = run.get("server_side", {})
        if server_side.get("status") == "ran":
            for what, field in measures:
                row(label, what.replace("the ", "in the server: chord read to ", 1) + " written", "all", server_side[field])
        floor = run["client_floor_heartbeat_ms"]
        row(label, "client floor: a heartbeat's round trip", "all", floor["all"])
        row(label, "client floor: a heartbeat's round trip", "quiet", floor["quiet_seconds"])
    return lines


def sweep_rows(sweep):
    lines = ["| BPM | notes | late (< 1 ms) | min margin ms | p1 margin ms | server's own sends | "
             "fewest beats ahead on arrival | under the lookahead | by, median / worst ms |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in sweep["per_tempo"]:
        lines.append(f"| {row['bpm']} | {row['notes']:,} | {row['late']} | {row['min_margin_ms']:g} | "
                     f"{row['p1_margin_ms']:g} | {row.get('sends', 0):,} | {fmt(row.get('min_beats_ahead'))} | "
                     f"{row.get('sends_under_lookahead', 0):,} | {fmt(row.get('median_shortfall_ms'))} / "
                     f"{fmt(row.get('worst_shortfall_ms'))} |")
    return lines


def markdown(results):
    lines = ["### Following a player live (bench/live/live_bench.py)", ""]
    machine = results["machine"]
    lines.append(f"{machine['cpu']}, {machine['cores']} cores, Linux {machine['kernel']}"
                 + (" (quick run: checks the program, not figures)" if results["quick"] else "") + ".")
    lines.append("")
    if results.get("latency") or results.get("follow"):
        lines += ["Chord event to the replaced notes, ms, at the client over loopback (includes Python's own costs); "
                  f"`quiet`: only the chords sent in seconds when other work took under {QUIET_BELOW_PCT:g} % of "
                  "the machine:", ""]
        lines += latency_rows(results)
        lines.append("")
    sweep = results.get("sweep")
    if sweep:
        lines += [f"Tempo sweep: {sweep['bands']} bands, {sweep['minutes']:g} min, a step every "
                  f"{sweep['step_seconds']:g} s; {sweep['band_events_messages']:,} band_events, "
                  f"{sweep['notes_timed']:,} notes timed, {sweep['late_count']} late, "
                  f"{len(sweep['gaps']['gaps'])} gaps, {sweep['chords_sent']} chords "
                  f"(replace p99 {fmt(sweep['chord_replace']['sender_replace_ms'].get('p99'))} ms):", ""]
        lines += sweep_rows(sweep)
        lines.append("")
    for key in ("latency", "follow", "sweep"):
        run = results.get(key)
        if run:
            lines.append(f"- {key}: {run['seconds']:g} s; the server used {run['server_cpu_pct']:g} % of a core, "
                         f"this client {run['client_cpu_pct']:g} %; other work took {run['busy_before_pct']:g} % of the "
                         f"machine just before, {run['other_work_pct_of_machine']:g} % during "
                         f"({run['quiet_seconds_pct']:g} % of the seconds quiet)")
            if run.get("missing") or run.get("unexpected_replaces") or run.get("moved"):
                lines.append(f"  - {len(run['missing'])} chords without their replace or chord_heard, "
                             f"{len(run['unexpected_replaces'])} replaces nobody asked for, "
                             f"{len(run['moved'])} chords played elsewhere than put: {run['missing'][:3]} "
                             f"{run['unexpected_replaces'][:3]} {run['moved'][:3]}")
    for row in results["verdicts"]:
        figure = row.get("figure_ms", row.get("figure"))
        lines.append(f"- {row['what']}: {fmt(figure)} -> {'met' if row['met'] else 'NOT MET'}")
    for key in ("latency", "follow", "sweep"):
        run = results.get(key)
        if run and (run["errors"] or run["unexpected_closes"] or run["other_messages"] or not run["server_alive"]):
            lines.append(f"- {key}: errors {run['errors'][:5]}, closes {run['unexpected_closes'][:5]}, "
                         f"other messages {run['other_messages']}, server alive {run['server_alive']}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------

def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("app", help="the built ai-band-orchestrator")
    parser.add_argument("--sessions", type=int, default=10, help="live sessions for latency and follow (default 10)")
    parser.add_argument("--chords", type=int, default=2000, help="chord events per latency run (default 2,000)")
    parser.add_argument("--chords-per-beat", type=float, default=4.0,
                        help="chord events per beat over all sessions, on average (default 4)")
    parser.add_argument("--bands", type=int, default=4, help="live bands in the tempo sweep (default 4)")
    parser.add_argument("--minutes", type=float, default=10.0, help="length of the tempo sweep (default 10)")
    parser.add_argument("--step-seconds", type=float, default=30.0, help="seconds per tempo of the sweep (default 30)")
    parser.add_argument("--only", default="latency,follow,sweep", help="comma-separated subset of latency,follow,sweep")
    parser.add_argument("--server-syscalls", action="store_true",
                        help="also time the server's own share of the chord latency with perf trace (root)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--json", default=os.path.join(ROOT, "bench", "results", "live.json"), metavar="OUT")
    parser.add_argument("--wait-quiet", type=float, default=60.0, metavar="SECONDS",
                        help="before each part, wait at most this long for other work on the machine to stop (default 60)")
    parser.add_argument("--quick", action="store_true",
                        help="a few seconds of each part: checks that the program works, not figures")
    args = parser.parse_args()
    if args.quick:
        # About twenty seconds in all: 30 chords a run, and one pass from 60 up to 300 BPM.
        args.chords = min(args.chords, 30)
        args.chords_per_beat = 10.0
        args.minutes = min(args.minutes, 0.1)
        args.step_seconds = min(args.step_seconds, args.minutes * 60.0 / 7)
        args.json = args.json.replace("live.json", "live-quick.json")
    return args


def wait_quiet(limit_s):
    """Other work on the two cores shows up as the server waiting for a core: wait for it to
    stop, a while at most, and keep how busy the machine was."""
    return benchlib.wait_quiet(limit_s) if limit_s > 0 else benchlib.cpu_busy()


async def run(args, parts):
    results = {}
    if "latency" in parts:
        busy = wait_quiet(args.wait_quiet)
        log(f"latency: {args.sessions} sessions with bands of their own, {args.chords} chords")
        results["latency"] = await chord_latency(args.app, args.sessions, args.chords, args.chords_per_beat,
                                                 120, False, args.seed, args.server_syscalls)
        results["latency"]["busy_before_pct"] = busy
    if "follow" in parts:
        busy = wait_quiet(args.wait_quiet)
        log(f"follow: one band, {args.sessions} sessions in it, {args.chords} chords")
        results["follow"] = await chord_latency(args.app, args.sessions, args.chords, args.chords_per_beat,
                                                120, True, args.seed, args.server_syscalls)
        results["follow"]["busy_before_pct"] = busy
    if "sweep" in parts:
        busy = wait_quiet(args.wait_quiet)
        results["sweep"] = await tempo_sweep(args.app, args.bands, args.minutes, args.step_seconds, args.seed)
        results["sweep"]["busy_before_pct"] = busy
    return results


def main():
    args = parse_args()
    app = os.path.abspath(args.app)
    if not os.access(app, os.X_OK):
        sys.exit(f"{app} is not an executable")
    parts = set(args.only.split(","))
    build_dir = os.path.dirname(os.path.dirname(app))
    results = {"schema": 1, "quick": args.quick, "machine": benchlib.machine(build_dir),
               "command": " ".join(["bench/live/live_bench.py", os.path.relpath(app, ROOT)] + sys.argv[2:])}
    results["machine"]["loadavg_before"] = os.getloadavg()
    results.update(asyncio.run(run(args, parts)))
    results["verdicts"] = verdicts(results)
    os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    log(f"wrote {args.json}")
    print(markdown(results))


if __name__ == "__main__":
    main()
