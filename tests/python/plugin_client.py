"""A plugin's side of docs/PROTOCOL.md, for the Python protocol tests (Debian packages only).

Starts the built ai-band-orchestrator --headless on a free port with an isolated environment
(the approach of test_seed_example.py), talks HTTP with urllib and WebSocket with `websockets`.
Run the tests with /usr/bin/python3.
"""

import asyncio
import json
import os
import re
import signal
import subprocess
import tempfile
import urllib.error
import urllib.request

import websockets

# Variables the app reads besides AIBAND_*; none may leak in from the caller's environment.
SEED_ENV = {"HOST", "PORT", "DEBUG", "GENERATED_FILES_DIR", "CLEANUP_HOURS", "MAX_FILES",
            "LOG_LEVEL", "BACKEND_TIMEOUT", "BACKEND_PATH"}

RECV_TIMEOUT = 10.0


class Server:
    """The binary on a free port, in its own temporary config, data, files and working folders."""

    def __init__(self, app, extra_env=None):
        self.dir = tempfile.TemporaryDirectory(prefix="aiband-py-")
        env = {k: v for k, v in os.environ.items() if k not in SEED_ENV and not k.startswith("AIBAND_")}
        env.update(XDG_CONFIG_HOME=os.path.join(self.dir.name, "config"),
                   XDG_DATA_HOME=os.path.join(self.dir.name, "data"))
        env.update(extra_env or {})
        self.files_dir = os.path.join(self.dir.name, "files")
        self.process = subprocess.Popen([os.path.abspath(app), "--headless", "--port", "0", "--files-dir", self.files_dir],
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                        cwd=self.dir.name, text=True)
        line = self.process.stdout.readline()  # blocks until the app says where it listens
        match = re.search(r"listening on (http://\S+)", line)
        if not match:
            self.process.kill()
            self.process.wait()
            raise RuntimeError(f"unexpected first line from the app: {line!r}")
        self.base = match.group(1)
        self.ws_base = "ws://" + self.base[len("http://"):]

    def terminate(self, timeout=10):
        """SIGTERM; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.process.stdout.close()

    def stop(self):
        """SIGTERM, then the temporary folders go; an exit status other than 0 fails the test."""
        try:
            status = self.terminate()
        finally:
            self.close()
        if status != 0:
            raise AssertionError(f"the server exited with {status}")

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if not self.process.stdout.closed:
            self.process.stdout.close()
        self.dir.cleanup()


def http(method, url, body=None, content_type="application/json", raw=None, timeout=10):
    """(status, headers, bytes). `body` is sent as JSON; `raw` as it is, with `content_type`."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as reply:
            return reply.status, reply.headers, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def http_json(method, url, body=None, **kwargs):
    """(status, headers, parsed JSON body)."""
    status, headers, data = http(method, url, body, **kwargs)
    return status, headers, json.loads(data)


async def ahttp_json(method, url, body=None, **kwargs):
    """http_json off the event loop, so WebSocket traffic keeps flowing while it waits."""
    return await asyncio.to_thread(http_json, method, url, body, **kwargs)


class Plugin:
    """One WebSocket session: send typed messages, receive them one by one with a timeout."""

    def __init__(self, ws, plugin_id):
        self.ws = ws
        self.plugin_id = plugin_id

    @classmethod
    async def connect(cls, server, plugin_id, via_sync=False, url=None):
        if url is None:
            url = (f"{server.ws_base}/ws/sync?plugin_id={plugin_id}" if via_sync
                   else f"{server.ws_base}/ws/{plugin_id}")
        ws = await asyncio.wait_for(websockets.connect(url, max_size=None), RECV_TIMEOUT)
        return cls(ws, plugin_id)

    async def send(self, type_, data=None, request_id=None):
        message = {"type": type_}
        if data is not None:
            message["data"] = data
        if request_id is not None:
            message["request_id"] = request_id
        await self.ws.send(json.dumps(message))

    async def send_raw(self, text):
        await self.ws.send(text)

    async def recv(self, timeout=RECV_TIMEOUT):
        text = await asyncio.wait_for(self.ws.recv(), timeout)
        if not isinstance(text, str):
            raise AssertionError(f"{self.plugin_id}: binary frame from the server: {text!r}")
        return json.loads(text)

    async def expect(self, type_, timeout=RECV_TIMEOUT):
        """The next message, which must be of this type."""
        message = await self.recv(timeout)
        if message.get("type") != type_:
            raise AssertionError(f"{self.plugin_id}: expected {type_}, got {json.dumps(message)[:500]}")
        return message

    async def close(self):
        await self.ws.close()
