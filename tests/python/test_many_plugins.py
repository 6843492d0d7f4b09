#!/usr/bin/python3
"""Many concurrent plugins against one server (docs/PROTOCOL.md), with Python's websockets.

Each round, 50 plugins connect (half on /ws/{id}, half on /ws/sync?plugin_id={id}) and each sends
a generate_request with its own progression, seed, tempo and parts. Meanwhile 5 of them (a
different 5 each round) send a transport_update with a unique current_beat. Checked:
- every plugin gets generation_complete (its request_id, its seed, tempo and parts), files_ready
  and one midi_ready per file, for its own files only: no plugin ever receives another's files;
- every plugin gets every other plugin's transport_sync (matched by source_plugin_id and
  current_beat, within the extrapolation of a few milliseconds), and never its own;
- nothing else arrives: after all that, a heartbeat's response is each plugin's next message;
- GET /api/plugin/status counts each plugin's files; GET /api/midi/list has them all;
- once all close, /health counts no plugin connected; at the end SIGTERM gives exit status 0.
Every wait has a timeout, and each round has an overall one.

Usage: /usr/bin/python3 test_many_plugins.py /path/to/ai-band-orchestrator [--repeat N]
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plugin_client import Plugin, Server, ahttp_json  # noqa: E402

ROUND_TIMEOUT = 30.0   # seconds for a whole round; a healthy one takes well under one
RECV_TIMEOUT = 10.0    # seconds for any one message

NOTES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
# (semitones above the root, quality): five shapes, ten roots -> 50 distinct progressions.
SHAPES = [[(0, ""), (9, "m"), (5, ""), (7, "")],
          [(0, "m7"), (5, "7"), (10, "maj7"), (3, "maj7")],
          [(2, "m7"), (7, "7"), (0, "maj7"), (0, "6")],
          [(0, ""), (7, ""), (9, "m"), (5, "")],
          [(9, "m"), (5, ""), (0, ""), (7, "sus4")]]
ROOTS = [0, 2, 4, 5, 7, 9, 11, 1, 3, 8]
PARTS = [["bass"], ["bass", "drums"], ["bass", "drums", "keys"]]


def progression(i):
    root = ROOTS[i % len(ROOTS)]
    shape = SHAPES[(i // len(ROOTS)) % len(SHAPES)]
    return "-".join(NOTES[(root + step) % 12] + quality for step, quality in shape)


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


async def all_of(coroutines):
    """Like asyncio.gather, but the first failure cancels the rest, so it is the one reported."""
    tasks = [asyncio.ensure_future(c) for c in coroutines]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    for task in tasks:
        if not task.cancelled() and task.exception() is not None:
            raise task.exception()
    return [task.result() for task in tasks]


async def recv(plugin):
    try:
        return await plugin.recv(RECV_TIMEOUT)
    except asyncio.TimeoutError:
        raise Failure(f"{plugin.plugin_id}: nothing received for {RECV_TIMEOUT} s") from None


async def run_round(server, round_no, count, sender_count):
    started = time.monotonic()
    ids = [f"r{round_no}-p{i:02d}" for i in range(count)]
    requests = [{"chords": progression(i), "bars": 4, "tempo": 60 + i, "seed": round_no * 1000 + i,
                 "style": "pop", "track_types": PARTS[i % len(PARTS)]} for i in range(count)]
    check(len({r["chords"] for r in requests}) == count, "the progressions are not all distinct")
    # A different set of senders each round, each with a beat no other update in the run has.
    senders = {(round_no * 7 + k * (count // sender_count)) % count: round_no * 1000 + k * 10 + 0.5
               for k in range(sender_count)}
    check(len(senders) == sender_count, "senders are not distinct")

    plugins = await all_of((Plugin.connect(server, ids[i], via_sync=i % 2 == 1) for i in range(count)))
    confirmations = await all_of(recv(p) for p in plugins)
    for plugin, confirmed in zip(plugins, confirmations):
        check(confirmed["type"] == "connection_confirmed" and confirmed["data"]["plugin_id"] == plugin.plugin_id,
              f"{plugin.plugin_id}: first message {json.dumps(confirmed)[:300]}")
    connected = time.monotonic()

    async def play(i):
        plugin = plugins[i]
        me = plugin.plugin_id
        request_id = f"{me}-gen"
        await plugin.send("generate_request", requests[i], request_id=request_id)
        if i in senders:
            await plugin.send("transport_update", {"is_playing": True, "current_beat": senders[i],
                                                   "tempo": 100, "time_signature": "4/4"})
        expected_syncs = {(beat, ids[s]) for s, beat in senders.items() if s != i}
        syncs = set()
        complete = None
        ready = []
        midi = []
        takes = []     # generation_result and notification: the plugin client's view of its take
        while (complete is None or not ready or len(midi) < len(complete["data"]["files"])
               or len(takes) < 2 or syncs != expected_syncs):
            message = await recv(plugin)
            kind = message["type"]
            if kind == "transport_sync":
                # The server extrapolates the beat to the moment it sends (a millisecond is 0.0017
                # beats at 100 BPM), so a sync matches the update it carries within a tenth of a beat;
                # the senders' beats are ten apart.
                beat, source = message["data"]["current_beat"], message["data"]["source_plugin_id"]
                sent = next((b for b, s in expected_syncs if s == source and abs(beat - b) < 0.1), beat)
                key = (sent, source)
                check(key[1] != me, f"{me} received its own transport_sync: {json.dumps(message)}")
                check(key in expected_syncs and key not in syncs,
                      f"{me}: unexpected or repeated transport_sync {json.dumps(message)}")
                syncs.add(key)
            elif kind == "generation_complete":
                check(complete is None, f"{me}: a second generation_complete")
                complete = message
            elif kind == "files_ready":
                check(not ready, f"{me}: a second files_ready: {json.dumps(message)[:300]}")
                ready.append(message)
            elif kind == "midi_ready":
                midi.append(message)
                check(len(midi) <= len(PARTS[-1]), f"{me}: more midi_ready than it asked for")
            elif kind in ("generation_result", "notification"):
                check(len(midi) == len(complete["data"]["files"]) and kind not in [t["type"] for t in takes],
                      f"{me}: {kind} before its midi_ready or twice")
                takes.append(message)
            else:
                raise Failure(f"{me}: unexpected message {json.dumps(message)[:300]}")

        check(complete.get("request_id") == request_id,
              f"{me}: generation_complete with request_id {complete.get('request_id')!r}")
        data = complete["data"]
        metadata = data["metadata"]
        check((metadata["seed"], metadata["tempo"], metadata["chord_count"]) ==
              (requests[i]["seed"], requests[i]["tempo"], 4),
              f"{me}: generation_complete for someone else's request: {json.dumps(metadata)[:300]}")
        names = [f["filename"] for f in data["files"]]
        check([f["track_type"] for f in data["files"]] == requests[i]["track_types"],
              f"{me}: parts {[f['track_type'] for f in data['files']]} for {requests[i]['track_types']}")
        check(ready[0]["data"]["files"] == names,
              f"{me}: files_ready {ready[0]['data']['files']} but its generation_complete has {names}")
        check(ready[0]["data"]["generation_id"] == data["generation_id"], f"{me}: files_ready of another generation")
        check(sorted(m["data"]["filename"] for m in midi) == sorted(names),
              f"{me}: midi_ready for {[m['data']['filename'] for m in midi]}, its files are {names}")
        check(all(m["data"]["tempo"] == requests[i]["tempo"] for m in midi), f"{me}: midi_ready with another tempo")
        result = next(t for t in takes if t["type"] == "generation_result")
        check(result["generation_id"] == data["generation_id"] and result["files"] == names,
              f"{me}: generation_result of another take: {json.dumps(result)[:300]}")
        return names

    files = await all_of(play(i) for i in range(count))
    played = time.monotonic()

    # Nothing else is on its way to anyone: every update and every generation has been handled
    # by the server's one event loop, so a stray message would come before this response.
    async def fence(plugin):
        await plugin.send("heartbeat", request_id="fence")
        message = await recv(plugin)
        check(message["type"] == "heartbeat_response" and message.get("request_id") == "fence",
              f"{plugin.plugin_id}: stray message {json.dumps(message)[:300]}")
    await all_of(fence(p) for p in plugins)

    all_names = [name for names in files for name in names]
    check(len(set(all_names)) == len(all_names), "two plugins were given the same file name")
    _, _, status = await ahttp_json("GET", server.base + "/api/plugin/status")
    entries = {p["plugin_id"]: p for p in status["plugins"]}
    for i, plugin_id in enumerate(ids):
        check(plugin_id in entries, f"{plugin_id} is not in /api/plugin/status")
        entry = entries[plugin_id]
        check(entry["connected"] is True, f"{plugin_id} is not connected in the status")
        check(entry["files_generated"] == len(files[i]),
              f"{plugin_id}: files_generated {entry['files_generated']}, it got {len(files[i])}")
    _, _, listing = await ahttp_json("GET", server.base + "/api/midi/list")
    listed = {f["file_id"] for f in listing["files"]}
    missing = [name for name in all_names if name not in listed]
    check(not missing, f"not in /api/midi/list: {missing[:5]}")

    await all_of(p.close() for p in plugins)
    deadline = time.monotonic() + 5
    while True:  # a disconnect has no message to wait for; /health is polled up to a deadline
        _, _, health = await ahttp_json("GET", server.base + "/health")
        if health["plugins_connected"] == 0:
            break
        check(time.monotonic() < deadline, f"{health['plugins_connected']} plugins still connected after closing")
        await asyncio.sleep(0.02)
    finished = time.monotonic()
    return {"files": len(all_names), "total": finished - started, "connect": connected - started,
            "play": played - connected, "checks": finished - played}


async def run(app, repeat, count, sender_count):
    server = Server(app)
    durations = []
    try:
        for round_no in range(1, repeat + 1):
            try:
                result = await asyncio.wait_for(run_round(server, round_no, count, sender_count), ROUND_TIMEOUT)
            except asyncio.TimeoutError:
                raise Failure(f"round {round_no} took longer than {ROUND_TIMEOUT} s") from None
            durations.append(result["total"])
            print(f"round {round_no}/{repeat} ok: {count} plugins ({count // 2} via /ws/sync), "
                  f"{result['files']} files, {sender_count} transport_syncs x {count - 1} receivers; "
                  f"{result['total']:.2f} s (connect {result['connect']:.2f}, generate+sync {result['play']:.2f}, "
                  f"checks+close {result['checks']:.2f})", flush=True)
        exit_status = await asyncio.to_thread(server.terminate)
        check(exit_status == 0, f"the server exited with status {exit_status} on SIGTERM")
    finally:
        server.close()
    print(f"python_many_plugins: {repeat}/{repeat} rounds passed; seconds per round: "
          f"min {min(durations):.2f}, median {statistics.median(durations):.2f}, max {max(durations):.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", nargs="?", default="build/app/ai-band-orchestrator")
    parser.add_argument("--repeat", type=int, default=1, help="rounds against the same server (default 1)")
    parser.add_argument("--plugins", type=int, default=50)
    parser.add_argument("--senders", type=int, default=5, help="plugins sending a transport_update per round")
    args = parser.parse_args()
    if args.repeat < 1 or args.plugins < 2 or not 1 <= args.senders <= args.plugins:
        parser.error("need --repeat >= 1, --plugins >= 2, 1 <= --senders <= --plugins")
    try:
        asyncio.run(run(args.app, args.repeat, args.plugins, args.senders))
    except Failure as failure:
        print(f"python_many_plugins: FAILED: {failure}", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
