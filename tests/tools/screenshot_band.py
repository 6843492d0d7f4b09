#!/usr/bin/python3
"""A small band of fake plugins for scripts/screenshots.sh: realistic content for the dashboard.

Connects three plugin sessions over WebSocket and registers a fourth over HTTP only (it shows as
disconnected), registers each with a name and DAW, sends transport updates, asks for a few
generations so the Files tab has rows and the logs have lines, then prints "ready" and keeps the
sessions open (answering nothing, sending heartbeats) until its standard input closes.
Debian packages only: run with /usr/bin/python3 (websockets).

Usage: /usr/bin/python3 screenshot_band.py http://127.0.0.1:PORT
"""

import asyncio
import json
import os
import sys

import websockets

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from plugin_client import ahttp_json  # noqa: E402

TIMEOUT = 30.0

# id, name, version, DAW, what it asks for (the flat form of docs/PROTOCOL.md), its transport
BAND = [
    ("bass-reaper", "AI Band Bass", "1.2.0", "Reaper",
     {"chords": "Dm7 | G7 | Cmaj7 | A7", "style": "jazz_swing", "track_types": ["bass"], "seed": 11},
     {"is_playing": True, "current_beat": 33.5, "tempo": 118, "time_signature": "4/4"}),
    ("drums-reaper", "AI Band Drums", "1.2.0", "Reaper",
     {"chords": "Am F C G", "style": "rock", "tempo": 118, "track_types": ["drums"], "seed": 5},
     {"is_playing": True, "current_beat": 33.5, "tempo": 118, "time_signature": "4/4"}),
    ("keys-bitwig", "AI Band Keys", "1.1.3", "Bitwig Studio",
     {"chords": "C | Am | F | G7", "style": "pop", "tempo": 104, "track_types": ["keys", "bass"], "seed": 3},
     {"is_playing": False, "current_beat": 12.0, "tempo": 104, "time_signature": "4/4"}),
]
OFFLINE = ("keys-ableton", "AI Band Keys", "1.0.0", "Ableton Live")


async def session(base, plugin_id, name, version, daw, request, transport, ready):
    ws_base = "ws://" + base[len("http://"):]
    async with websockets.connect(f"{ws_base}/ws/{plugin_id}", max_size=None) as ws:
        async def send(type_, data, request_id):
            await ws.send(json.dumps({"type": type_, "data": data, "request_id": request_id}))

        async def until(request_id, wanted):
            while True:
                message = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
                if message.get("type") == "error" and message.get("request_id") == request_id:
                    raise RuntimeError(f"{plugin_id}: {message['data']}")
                if message.get("type") == wanted and message.get("request_id") == request_id:
                    return message

        await send("register", {"name": name, "version": version, "daw": daw}, "reg")
        await until("reg", "registered")
        await send("generate_request", request, "gen")
        await until("gen", "files_ready")
        # What the DAW's transport is doing; the shared transport is whoever spoke last.
        await send("transport_update", transport, "tr")
        await send("heartbeat", {}, "fence")   # answered after the update is applied
        await until("fence", "heartbeat_response")
        ready.set_result(plugin_id)
        # Keep the session open and alive; other plugins' transport_sync messages are read and dropped.
        while True:
            try:
                await asyncio.wait_for(ws.recv(), 10)
            except asyncio.TimeoutError:
                await send("heartbeat", {}, "hb")


async def main(base):
    loop = asyncio.get_running_loop()
    status, _, body = await ahttp_json("POST", f"{base}/api/plugin/register",
                                       {"plugin_id": OFFLINE[0], "name": OFFLINE[1], "version": OFFLINE[2],
                                        "daw": OFFLINE[3]})
    if status != 200:
        raise RuntimeError(f"register {OFFLINE[0]}: {status} {body}")
    readies = [loop.create_future() for _ in BAND]
    tasks = [asyncio.create_task(session(base, *member, ready)) for member, ready in zip(BAND, readies)]
    everyone = asyncio.gather(*readies)
    # Stops at the first session that fails (its exception is raised below), or when all are ready.
    await asyncio.wait([everyone, *tasks], timeout=TIMEOUT, return_when=asyncio.FIRST_COMPLETED)
    for task in tasks:
        if task.done():
            task.result()
    if not everyone.done():
        raise RuntimeError("the band did not get its files in time")
    print("ready", flush=True)
    # Until whoever started us closes our standard input.
    await loop.run_in_executor(None, sys.stdin.read)
    for task in tasks:
        task.cancel()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    asyncio.run(main(sys.argv[1].rstrip("/")))
