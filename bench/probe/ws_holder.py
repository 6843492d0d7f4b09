"""Plugin sessions for the memory probe and the soak run, with Python's websockets (Debian's
python3-websockets). The fallback for bench/loadgen's `--scenario hold`: it only opens sessions,
waits for each one's connection_confirmed, keeps them open and closes them; it times nothing.
"""

import asyncio
import json

import websockets


async def open_session(ws_base, plugin_id, timeout=30.0):
    connection = await websockets.connect(f"{ws_base}/ws/{plugin_id}", open_timeout=timeout,
                                          ping_interval=None, max_queue=None, compression=None)
    first = json.loads(await asyncio.wait_for(connection.recv(), timeout))
    if first.get("type") != "connection_confirmed":
        raise RuntimeError(f"{plugin_id}: expected connection_confirmed, got {first.get('type')}")
    return connection


async def open_sessions(ws_base, count, prefix="bench", parallel=64):
    """count sessions /ws/{prefix}-{i}, at most `parallel` handshakes at a time."""
    gate = asyncio.Semaphore(parallel)

    async def one(i):
        async with gate:
            return await open_session(ws_base, f"{prefix}-{i}")

    return await asyncio.gather(*(one(i) for i in range(count)))


async def drain(connections, seconds):
    """Reads whatever the server sends (nothing, normally) for a while, so no buffer grows."""
    async def read(connection):
        try:
            while True:
                await connection.recv()
        except (websockets.ConnectionClosed, asyncio.CancelledError):
            pass

    tasks = [asyncio.ensure_future(read(c)) for c in connections]
    await asyncio.sleep(seconds)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def close_sessions(connections):
    await asyncio.gather(*(c.close() for c in connections), return_exceptions=True)


async def heartbeat_round(connection, count=3, timeout=10.0):
    """count heartbeats, each waiting for its heartbeat_response."""
    for i in range(count):
        await connection.send(json.dumps({"type": "heartbeat", "data": {"timestamp": i}, "request_id": i}))
        while True:
            message = json.loads(await asyncio.wait_for(connection.recv(), timeout))
            if message.get("type") == "heartbeat_response":
                break
