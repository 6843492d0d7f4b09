#!/usr/bin/python3
"""The access protections of docs/SECURITY.md ("Access"), from outside, against the built binary.

Python's own clients only (urllib, websockets 10; Debian packages): Host allow-list against DNS
rebinding, Origin allow-list for requests and WebSocket upgrades, CORS without '*', the token
file made on first start and the token once it is required.

Usage: /usr/bin/python3 test_access.py /path/to/ai-band-orchestrator [unittest args]
"""

import asyncio
import json
import os
import stat
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.request

import websockets

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plugin_client import SEED_ENV, Server  # noqa: E402

APP = sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator"

ATTACK_HOSTS = ["evil.com", "127.0.0.1.nip.io", "2130706433", "0177.0.0.1", "0x7f.0.0.1", "localhost6"]


def request(method, url, headers=None, body=None):
    """(status, headers, parsed JSON or raw bytes); any Host/Origin header is sent as given."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=10) as reply:
            status, reply_headers, raw = reply.status, reply.headers, reply.read()
    except urllib.error.HTTPError as error:
        status, reply_headers, raw = error.code, error.headers, error.read()
    try:
        return status, reply_headers, json.loads(raw) if raw else None
    except ValueError:
        return status, reply_headers, raw


def error_code(body):
    return body["error"]["code"]


async def ws_status(url, **kwargs):
    """101 when the session opened (and was confirmed), else the HTTP status of the refusal."""
    try:
        async with websockets.connect(url, open_timeout=10, **kwargs) as ws:
            message = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert message["type"] == "connection_confirmed", message
            return 101
    except websockets.exceptions.InvalidStatusCode as refused:
        return refused.status_code


class LoopbackDefaultsTest(unittest.TestCase):
    """No token needed on loopback, but the other protections are always on."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(APP)
        cls.base = cls.server.base
        cls.port = cls.base.rsplit(":", 1)[1]

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_token_file_is_made_private_on_first_start(self):
        path = os.path.join(self.server.dir.name, "config", "ai-band-orchestrator", "token")
        mode = stat.S_IMODE(os.stat(path).st_mode)
        self.assertEqual(mode, 0o600, oct(mode))
        with open(path) as handle:
            token = handle.read().strip()
        self.assertGreaterEqual(len(token), 22)          # 128 bits at 6 bits a character
        self.assertRegex(token, r"^[A-Za-z0-9_-]+$")
        # Not required on loopback: plugins and curl work without it.
        status, _, body = request("GET", self.base + "/api/files")
        self.assertEqual(status, 200, body)

    def test_rebinding_hosts_are_refused(self):
        for host in ATTACK_HOSTS:
            for value in (host, f"{host}:{self.port}"):
                with self.subTest(host=value):
                    status, _, body = request("GET", self.base + "/api/files", {"Host": value})
                    self.assertEqual(status, 403, body)
                    self.assertEqual(error_code(body), "host_not_allowed")
                    status, _, body = request("POST", self.base + "/api/plugin/register", {"Host": value},
                                              {"plugin_id": "rebound"})
                    self.assertEqual(status, 403, body)
        status, _, body = request("GET", self.base + "/api/plugin/status?plugin_id=rebound")
        self.assertEqual(status, 404, body)

    def test_own_names_are_answered(self):
        for host in ("127.0.0.1", "localhost", "[::1]"):
            with self.subTest(host=host):
                status, _, body = request("GET", self.base + "/health", {"Host": f"{host}:{self.port}"})
                self.assertEqual(status, 200, body)

    def test_foreign_pages_cannot_change_state(self):
        for origin in ("http://evil.com", "null", f"http://127.0.0.1.nip.io:{self.port}"):
            with self.subTest(origin=origin):
                status, headers, body = request("POST", self.base + "/api/plugin/register", {"Origin": origin},
                                                {"plugin_id": "csrf"})
                self.assertEqual(status, 403, body)
                self.assertEqual(error_code(body), "origin_not_allowed")
                self.assertIsNone(headers.get("Access-Control-Allow-Origin"))
        status, _, _ = request("GET", self.base + "/api/plugin/status?plugin_id=csrf")
        self.assertEqual(status, 404)

    def test_own_pages_get_exact_cors_headers(self):
        origin = f"http://localhost:{self.port}"
        status, headers, body = request("POST", self.base + "/api/analyze", {"Origin": origin},
                                        {"chord_progression": "C-Am-F-G"})
        self.assertEqual(status, 200, body)
        self.assertEqual(headers.get_all("Access-Control-Allow-Origin"), [origin])
        self.assertEqual(headers.get("Vary"), "Origin")

    def test_preflight(self):
        origin = f"http://127.0.0.1:{self.port}"
        ask = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
        status, headers, _ = request("OPTIONS", self.base + "/api/generate", {"Origin": origin, **ask})
        self.assertEqual(status, 204)
        self.assertEqual(headers.get("Access-Control-Allow-Origin"), origin)
        self.assertEqual(headers.get("Vary"), "Origin")
        self.assertIn("POST", headers.get("Access-Control-Allow-Methods"))
        self.assertIn("Content-Type", headers.get("Access-Control-Allow-Headers"))
        self.assertIn("Authorization", headers.get("Access-Control-Allow-Headers"))
        status, headers, _ = request("OPTIONS", self.base + "/api/generate", {"Origin": "http://evil.com", **ask})
        self.assertEqual(status, 403)
        self.assertIsNone(headers.get("Access-Control-Allow-Origin"))

    def test_websocket_origin_is_checked_before_the_handshake(self):
        ws = self.server.ws_base
        self.assertEqual(asyncio.run(ws_status(f"{ws}/ws/hijack", origin="http://evil.com")), 403)
        self.assertEqual(asyncio.run(ws_status(f"{ws}/ws/page", origin=f"http://localhost:{self.port}")), 101)
        self.assertEqual(asyncio.run(ws_status(f"{ws}/ws/plugin")), 101)  # plugins send no Origin


class RequiredTokenTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(APP, {"AIBAND_REQUIRE_TOKEN": "true"})
        cls.base = cls.server.base
        path = os.path.join(cls.server.dir.name, "config", "ai-band-orchestrator", "token")
        with open(path) as handle:
            cls.token = handle.read().strip()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_bearer_token(self):
        status, headers, body = request("GET", self.base + "/api/files")
        self.assertEqual(status, 401, body)
        self.assertEqual(error_code(body), "token_required")
        self.assertTrue(headers.get("WWW-Authenticate", "").startswith("Bearer"))
        status, _, body = request("GET", self.base + "/api/files", {"Authorization": "Bearer wrong" + self.token})
        self.assertEqual((status, error_code(body)), (401, "invalid_token"))
        status, _, body = request("GET", self.base + "/api/files", {"Authorization": f"Bearer {self.token}"})
        self.assertEqual(status, 200, body)
        status, _, body = request("GET", self.base + "/health")
        self.assertEqual(status, 200, body)

    def test_websocket_token(self):
        ws = self.server.ws_base
        self.assertEqual(asyncio.run(ws_status(f"{ws}/ws/p1")), 401)
        self.assertEqual(asyncio.run(ws_status(f"{ws}/ws/p1?token=wrong-{self.token}")), 401)
        self.assertEqual(asyncio.run(ws_status(f"{ws}/ws/p1?token={self.token}")), 101)
        self.assertEqual(asyncio.run(ws_status(f"{ws}/ws/p2",
                                               extra_headers={"Authorization": f"Bearer {self.token}"})), 101)

    def test_token_is_not_in_the_config_or_the_log(self):
        headers = {"Authorization": f"Bearer {self.token}"}
        request("GET", self.base + "/api/files", {"Authorization": f"Bearer {self.token}x"})
        status, _, config = request("GET", self.base + "/api/config", headers)
        self.assertEqual(status, 200)
        self.assertNotIn(self.token, json.dumps(config))
        status, _, logs = request("GET", self.base + "/api/logs", headers)
        self.assertEqual(status, 200)
        self.assertNotIn(self.token, json.dumps(logs))
        self.assertIn("invalid_token", json.dumps(logs))
        log_file = os.path.join(self.server.dir.name, "data", "ai-band-orchestrator", "logs", "orchestrator.log")
        with open(log_file) as handle:
            self.assertNotIn(self.token, handle.read())


class NetworkBindTest(unittest.TestCase):
    def run_app(self, *args, env=None):
        with tempfile.TemporaryDirectory(prefix="aiband-py-") as home:
            clean = {k: v for k, v in os.environ.items() if k not in SEED_ENV and not k.startswith("AIBAND_")}
            clean.update(XDG_CONFIG_HOME=os.path.join(home, "config"), XDG_DATA_HOME=os.path.join(home, "data"))
            clean.update(env or {})
            return subprocess.run([os.path.abspath(APP), "--headless", "--port", "0", *args], env=clean, cwd=home,
                                  capture_output=True, text=True, timeout=30)

    def test_network_bind_without_a_usable_token_refuses_to_start(self):
        with tempfile.TemporaryDirectory() as folder:
            token_file = os.path.join(folder, "token")
            with open(token_file, "w") as handle:
                handle.write("A" * 43 + "\n")
            os.chmod(token_file, 0o644)
            result = self.run_app("--host", "0.0.0.0", env={"AIBAND_TOKEN_FILE": token_file})
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("chmod 600", result.stderr)
        self.assertNotIn("A" * 43, result.stderr)


if __name__ == "__main__":
    unittest.main()
