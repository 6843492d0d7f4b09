#!/usr/bin/python3
"""Every example in the README runs, and says what the server really answers.

Each ```bash block that talks to the server is run as written (with localhost:8000 replaced by a
test server, and the example file names by files that exist), and must answer without an error
unless the README shows one. When a ```json block follows it, every key shown must be in the
real answer, and the values that do not change from run to run (style, tempo, key, note counts,
error codes and fields, ...) must be equal. Placeholders written as "..." are skipped.

Usage: test_doc_examples.py /path/to/ai-band-orchestrator [README.md]
"""

import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plugin_client import Plugin, Server, http_json  # noqa: E402

APP = sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
README = os.path.join(ROOT, "README.md")
PROTOCOL = os.path.join(ROOT, "docs", "PROTOCOL.md")
SEED_EXAMPLE = os.path.join(ROOT, "tests", "data", "seed_example.json")

FILE_NAME = re.compile(r"\d{8}-\d{6}-\d{3}_[a-z]+_[A-Za-z]+_\d+_[0-9a-f]{6}\.mid")
# Values that differ from run to run: names and paths carry times and random suffixes, seeds are
# random unless given, timings are timings.
VOLATILE = {"files", "filename", "path", "url", "request_id", "generation_id", "timings_ms", "seed", "size_bytes",
            "modified", "created", "uptime_seconds", "timestamp", "engine", "write", "total"}


def examples(markdown):
    """(bash block, the json block right after it or None) for every bash block."""
    blocks = re.findall(r"```(\w+)\n(.*?)```", markdown, re.S)
    found = []
    for index, (language, body) in enumerate(blocks):
        if language != "bash":
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        found.append((body, following[1] if following and following[0] == "json" else None))
    return found


def shown_json(text):
    """The README's JSON with its "..." placeholders (entries and list items) removed."""
    data = json.loads(text)

    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if k != "..." and v != "..."}
        if isinstance(value, list):
            return [clean(v) for v in value if v != "..."]
        return value
    return clean(data)


class DocExamplesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(APP)
        cls.work = tempfile.TemporaryDirectory()
        with open(SEED_EXAMPLE) as f:
            status, _, reply = http_json("POST", cls.server.base + "/api/generate", json.load(f))
        assert status == 200, reply
        cls.existing = reply["files"]   # stands in for the example file names

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.close()
        cls.work.cleanup()

    def run_example(self, script):
        names = iter(self.existing)
        script = FILE_NAME.sub(lambda m: next(names, self.existing[0]), script)
        script = script.replace("http://localhost:8000", self.server.base)
        script = script.replace("ws://localhost:8000", self.server.ws_base)
        script = re.sub(r"(?<![/\w])python3 ", "/usr/bin/python3 ", script)
        done = subprocess.run(["bash", "-e", "-c", script], cwd=self.work.name, capture_output=True, text=True,
                              timeout=60, env=dict(os.environ, PATH="/usr/bin:/bin"))
        self.assertEqual(done.returncode, 0, f"{script}\n{done.stderr}")
        return done.stdout

    def assert_shape(self, shown, real, where="answer", volatile=VOLATILE):
        if isinstance(shown, dict):
            self.assertIsInstance(real, dict, where)
            for key, value in shown.items():
                self.assertIn(key, real, f"{where}: the README shows {key!r}, the server does not send it")
                if key in volatile:
                    continue
                self.assert_shape(value, real[key], f"{where}.{key}", volatile)
        elif isinstance(shown, list):
            self.assertIsInstance(real, list, where)
            self.assertGreaterEqual(len(real), len(shown), where)
            for i, value in enumerate(shown):
                self.assert_shape(value, real[i], f"{where}[{i}]", volatile)
        else:
            self.assertEqual(real, shown, f"{where}: the README shows {shown!r}, the server answers {real!r}")

    def test_every_readme_example(self):
        with open(README) as f:
            found = [(script, answer) for script, answer in examples(f.read())
                     if "localhost:8000" in script or "ws://" in script]
        self.assertGreaterEqual(len(found), 8, "the README's examples were not found")
        for script, answer in found:
            with self.subTest(example=script.strip().splitlines()[0][:70]):
                output = self.run_example(script)
                first = output.strip().splitlines()[0] if output.strip() else ""
                shows_error = answer is not None and '"error"' in answer
                if first.startswith("{") and "-OJ" not in script:
                    real = json.loads(output) if output.strip().startswith("{") and "\n{" not in output.strip() else json.loads(first)
                    if not shows_error:
                        self.assertNotIn("error", real, f"{script}\n{output}")
                    if answer is not None:
                        # Without a seed the notes are the random seed's: only their presence counts.
                        volatile = VOLATILE if '"seed"' in script else VOLATILE | {"note_count"}
                        self.assert_shape(shown_json(answer), real, volatile=volatile)


    def test_protocol_examples(self):
        """PROTOCOL.md's examples: the register body, the flat generation form (its "...feel
        fields" left out) over HTTP and WebSocket, and the message envelope."""
        with open(PROTOCOL) as f:
            text = f.read()
        register = json.loads(re.search(r"`POST /api/plugin/register` `(\{.*?\})`", text).group(1))
        flat_text = re.search(r"`(\{\"chords\": \"C-Am-F-G\".*?)\}`", text, re.S).group(1)
        flat = json.loads(re.sub(r",\s*\.\.\.feel fields", "", flat_text) + "}")
        envelope = json.loads(re.search(r"```json\n(\{\"type\": \"heartbeat\".*?)\n```", text, re.S).group(1))

        status, _, reply = http_json("POST", self.server.base + "/api/plugin/register", register)
        self.assertEqual(status, 200, reply)
        self.assertEqual(reply["plugin_id"], register["plugin_id"])
        status, _, reply = http_json("POST", self.server.base + "/api/midi/generate", flat)
        self.assertEqual(status, 200, reply)
        self.assertEqual(reply["metadata"]["duration_beats"], flat["bars"] * 4)

        async def session():
            plugin = await Plugin.connect(self.server, register["plugin_id"])
            await plugin.expect("connection_confirmed")
            await plugin.send_raw(json.dumps(envelope))
            answer = await plugin.expect("heartbeat_response")
            self.assertEqual(answer["request_id"], envelope["request_id"])
            self.assertEqual(answer["data"]["client_timestamp"], envelope["data"]["timestamp"])
            await plugin.send("generate_request", flat, request_id="flat-1")
            complete = await plugin.expect("generation_complete")
            self.assertEqual(complete["request_id"], "flat-1")
            await plugin.close()
        asyncio.run(session())


if __name__ == "__main__":
    unittest.main(verbosity=2)
