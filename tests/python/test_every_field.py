#!/usr/bin/python3
"""Every documented field of every endpoint and WebSocket message changes the result; a field
nobody documented is refused, naming it (docs/PROTOCOL.md, "Nothing is dropped").

The fields come from the documents themselves: each operation's request body schema and query
parameters in the served `GET /openapi.json`, and the data column of PROTOCOL.md's "Plugin ->
server" table (plus its Compatibility row for the progression's fields at the top, and
`request_id`, which every message may carry). A field the documents gain without a case in the
table below fails with "documented but has no case".

For every (operation, field), the case sends a baseline and a varied body that differ in that
field only, extracts an observable from each answer (the MIDI notes, tempo, meter, key and
length read with mido, the parts written, the plugin folder the take reached, the transport,
the plugin's status, echoed values, ...) and requires the two to differ, and, where it is cheap,
to have changed the way the document says. WebSocket messages are sent both with their fields in
`data` and beside `type`.

Beside them: every object of every body (and of every message, in both placements) is sent with
a field nobody documents and must be refused with `invalid_field` naming it; the documented query
parameters' operations must refuse an unknown one too; a fixed seed must give the same take twice
(else "the notes changed" would prove nothing); `?plugin_id=` on `/ws/sync` and `/ws` names the
session; and WebSocket `register` must refuse a non-string name, version or daw as HTTP does.

Two judgement calls, kept visible here: `POST /api/analyze` documents the whole generation body,
but an analysis has no notes, so its generation-only fields (ANALYZE_CANNOT_SHOW) are only checked
as read (an invalid value is refused); and a WebSocket generation's `plugin_id` (documented as
"the session's") must be refused or honoured when it names another plugin, never replaced in
silence.

Usage: /usr/bin/python3 test_every_field.py /path/to/ai-band-orchestrator [unittest args]
"""

import asyncio
import copy
import datetime
import hashlib
import io
import itertools
import json
import os
import re
import sys
import unittest
import urllib.parse
import wave
from dataclasses import dataclass
from typing import Any, Callable, Optional

import mido
import numpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from audio_files import progression_midi, render_wav  # noqa: E402
from midi_tools import midi_bytes  # noqa: E402
from plugin_client import Plugin, Server, ahttp_json, http, http_json  # noqa: E402

APP = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "build/app/ai-band-orchestrator")
PROTOCOL_MD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "PROTOCOL.md")

UNKNOWN = "zz_undocumented"      # a field no document names
SERVER = None                    # one server for the whole module (setUpModule)
_tags = itertools.count(1)


def setUpModule():
    global SERVER
    SERVER = Server(APP)


def tearDownModule():
    SERVER.stop()


def new_tag(prefix="ef"):
    """A plugin id of its own for each case, so no case counts against another's rate limit."""
    return f"{prefix}{next(_tags)}"


# ---- the documented fields, read from the documents ------------------------------------------

def openapi():
    status, _, doc = http_json("GET", SERVER.base + "/openapi.json")
    assert status == 200, status
    return doc


def resolve(doc, node):
    while isinstance(node, dict) and "$ref" in node:
        target = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


PROGRESSION_FIELDS_AT_THE_TOP = {"tempo", "key", "duration", "time_signature", "bars"}


def schema_fields(doc, schema, prefix="", depth=0):
    """Every property path a schema documents: `tempo`, `chord_progression.key`,
    `chord_progression.chords[].start_time` (alternatives and compositions merged)."""
    schema = resolve(doc, schema)
    fields = set()
    if depth > 8 or not isinstance(schema, dict):
        return fields
    for key in ("allOf", "oneOf", "anyOf"):
        for sub in schema.get(key, []):
            fields |= schema_fields(doc, sub, prefix, depth + 1)
    if "items" in schema and prefix:
        fields |= schema_fields(doc, schema["items"], prefix.rstrip(".") + "[].", depth + 1)
    properties = schema.get("properties", {})
    for name, sub in properties.items():
        if not prefix and "chord_progression" in properties and name in PROGRESSION_FIELDS_AT_THE_TOP:
            # A progression field documented beside chord_progression (the plugin's spec).
            fields.add(f"{name} (beside chord_progression)")
            continue
        fields.add(prefix + name)
        fields |= schema_fields(doc, sub, prefix + name + ".", depth + 1)
    return fields


def http_operation_fields(doc, operation):
    """The body's property paths and the query parameters (as `?name`) of `METHOD /path`."""
    method, path = operation.split(" ", 1)
    op = doc["paths"][path][method.lower()]
    fields = set()
    body = op.get("requestBody")
    if body:
        fields |= schema_fields(doc, body["content"]["application/json"]["schema"])
    for parameter in op.get("parameters", []):
        parameter = resolve(doc, parameter)
        if parameter.get("in") == "query":
            fields.add("?" + parameter["name"])
    return fields


def protocol_text():
    with open(PROTOCOL_MD, encoding="utf-8") as f:
        return f.read()


def table_rows(text, heading):
    """The rows of the first table after `heading`, as lists of cells."""
    section = text[text.index(heading):]
    rows = []
    for line in section.splitlines()[1:]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not set("".join(cells)) <= set("-: "):
                rows.append(cells)
        elif rows:
            break
    return rows[1:]   # without the header


IDENTIFIER = re.compile(r"`([A-Za-z_][A-Za-z0-9_]*)`")


def compat_top_fields(text):
    """The Compatibility row "the progression's fields at the top": the fields, and where."""
    row = next(line for line in text.splitlines() if line.startswith("| the progression's fields at the top"))
    theirs = row.split("|")[2]
    fields = IDENTIFIER.findall(theirs.split(" beside ")[0])
    places = {place for place in ("`POST /api/generate`", "`/api/midi/generate`", "`generation_request`",
                                  "`generate_request`") if place in theirs}
    return fields, places


def documented_fields():
    """{operation: set of field paths} for every HTTP operation with a body or query parameters,
    and every WebSocket message a plugin sends (`WS type`)."""
    doc = openapi()
    text = protocol_text()
    documented = {}
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if method not in ("get", "post", "delete", "put", "patch"):
                continue
            operation = f"{method.upper()} {path}"
            fields = http_operation_fields(doc, operation)
            if fields or op.get("requestBody"):
                documented[operation] = fields

    top, places = compat_top_fields(text)
    compat = {f"{name} (beside chord_progression)" for name in top} | {f"chord_progression.{name}" for name in top}

    for place, operation in (("`POST /api/generate`", "POST /api/generate"),
                             ("`/api/midi/generate`", "POST /api/midi/generate")):
        if place in places:
            documented[operation] |= compat

    envelope = {"request_id"} if "`request_id` is any string or number" in text else set()
    previous = set()
    for cells in table_rows(text, "### Plugin → server"):
        message = IDENTIFIER.findall(cells[0])[0]
        data = cells[1]
        fields = set(IDENTIFIER.findall(data)) - {"data"}
        if data.startswith("the same"):
            fields |= previous
        if "`POST /api/generate` body" in data:
            fields |= http_operation_fields(doc, "POST /api/generate")
        if "flat form" in data:
            fields |= http_operation_fields(doc, "POST /api/midi/generate")
        if "`POST /api/chords/detect`" in data:
            fields |= {f for f in http_operation_fields(doc, "POST /api/chords/detect") if not f.startswith("?")}
        if f"`{message}`" in places:
            fields |= compat
        previous = fields
        documented[f"WS {message}"] = fields | envelope
    return documented


# ---- bodies -----------------------------------------------------------------------------------

DELETE = object()
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def edit(body, changes):
    """A copy of `body` with {path: value} set (DELETE removes); paths like `a.b[2].c`."""
    body = copy.deepcopy(body)
    for path, value in changes.items():
        steps = [int(index) if index else key for key, index in _STEP.findall(path)]
        target = body
        for step in steps[:-1]:
            target = target[step]
        if value is DELETE:
            target.pop(steps[-1], None)
        else:
            target[steps[-1]] = value
    return body


def iso_ago(seconds):
    """A callable giving the ISO 8601 UTC time `seconds` ago, when the body is sent."""
    def at():
        moment = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=seconds)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return at


def materialize(value, tag):
    """Callables become their value now; `{tag}` in strings becomes the case's tag."""
    if callable(value):
        value = value()
    if isinstance(value, str):
        return value.replace("{tag}", tag)
    if isinstance(value, dict):
        return {k: materialize(v, tag) for k, v in value.items()}
    if isinstance(value, list):
        return [materialize(v, tag) for v in value]
    return value


CHORDS = "C-Am-F-G"
OTHER_CHORDS = "A-E-F#m-D"
CHORD_OBJECTS = [{"chord": c, "start_time": 4.0 * i, "duration": 4.0} for i, c in enumerate(["C", "Am", "F", "G"])]
PARTS = ["bass", "drums", "keys"]


def progression():
    return {"chords": CHORDS, "tempo": 120, "key": "C", "time_signature": "4/4", "duration": 32}


def generate_body(with_plugin_id):
    """The normal form: 8 bars of C-Am-F-G, every musical field given, a fixed seed."""
    body = {"chord_progression": progression(), "style": "pop", "seed": 7, "track_types": list(PARTS)}
    if with_plugin_id:
        body["plugin_id"] = "{tag}"
    return body


def flat_body(with_plugin_id):
    """The plugin's flat form of the same request, with the key as the plugin spells it."""
    body = dict(progression(), key="C major", style="pop", seed=7, track_types=list(PARTS))
    if with_plugin_id:
        body["plugin_id"] = "{tag}"
    return body


# ---- answers and observables --------------------------------------------------------------------

class Part:
    """One MIDI file of a take, read with mido."""

    def __init__(self, data):
        self.data = data
        midi = mido.MidiFile(file=io.BytesIO(data))
        self.ticks_per_beat = midi.ticks_per_beat
        notes, keys, lengths = [], [], []
        self.own_tempos, self.own_meters = None, None
        for index, track in enumerate(midi.tracks):
            tick, tempos, meters, has_notes = 0, [], [], False
            for message in track:
                tick += message.time
                if message.type in ("note_on", "note_off"):
                    velocity = message.velocity if message.type == "note_on" else 0
                    notes.append((index, tick, message.channel, message.note, velocity))
                    has_notes = True
                elif message.type == "set_tempo":
                    tempos.append(message.tempo)
                elif message.type == "time_signature":
                    meters.append((message.numerator, message.denominator))
                elif message.type == "key_signature":
                    keys.append(message.key)
            lengths.append(tick)
            if has_notes and self.own_tempos is None:
                self.own_tempos, self.own_meters = tempos, meters
        self.notes = tuple(notes)
        self.keys = keys
        self.length_beats = max(lengths) / self.ticks_per_beat


class Take:
    """A generation's answer (HTTP or WebSocket), or its refusal."""

    def __init__(self, files=None, metadata=None, plugin_id=None, error=None, request_id=None):
        self.error = error
        self.metadata = metadata or {}
        self.plugin_id = plugin_id
        self.request_id = request_id
        self.names = [f["filename"] for f in files or []]
        self.parts = {}
        for detail in files or []:
            with open(detail["path"], "rb") as f:
                self.parts[detail["track_type"]] = Part(f.read())

    @property
    def ok(self):
        return self.error is None

    def folders(self):
        """The plugins/<id>/ folders that hold this take's files."""
        root = os.path.join(SERVER.files_dir, "plugins")
        found = set()
        for name in self.names:
            for folder in (os.listdir(root) if os.path.isdir(root) else []):
                if os.path.exists(os.path.join(root, folder, name)):
                    found.add(folder)
        return sorted(found)


class Answer:
    """Any other answer: status, JSON (or bytes), and what the runner looked up beside it."""

    def __init__(self, status, body, **extra):
        self.status = status
        self.body = body
        self.__dict__.update(extra)
        self.error = None
        if status >= 400:
            self.error = body.get("error", body) if isinstance(body, dict) else body

    @property
    def ok(self):
        return self.error is None


def error_of(reply):
    """(code, field) of an HTTP error body or a WebSocket error message's data."""
    if isinstance(reply, dict):
        return reply.get("code"), reply.get("field")
    return None, None


def notes(take):
    return {k: p.notes for k, p in take.parts.items()}


def parts_of(take):
    return sorted(take.parts)


def tempos(take):
    return (take.metadata.get("tempo"), {k: p.own_tempos for k, p in take.parts.items()})


def meters(take):
    return (take.metadata.get("time_signature"), {k: p.own_meters for k, p in take.parts.items()})


def keys(take):
    return (take.metadata.get("key"), {k: p.keys for k, p in take.parts.items()})


def lengths(take):
    return (take.metadata.get("duration_beats"), {k: p.length_beats for k, p in take.parts.items()})


def key_and_length(take):
    return (keys(take), lengths(take))


def plugin_folder(take):
    status, _, answer = http_json("GET", SERVER.base + "/api/plugin/status?plugin_id="
                                  + urllib.parse.quote(take.plugin_id or "none"))
    generated = answer["plugins"][0]["files_generated"] if status == 200 else None
    return take.folders(), generated


# ---- expectations: how the varied answer must have changed ------------------------------------

def expect_tempo(bpm):
    def check(t, base, varied):
        t.assertEqual(varied.metadata.get("tempo"), bpm)
        for name, part in varied.parts.items():
            t.assertEqual(part.own_tempos, [mido.bpm2tempo(bpm)], f"{name}: set_tempo in the part's own track")
    return check


def expect_meter(numerator, denominator):
    def check(t, base, varied):
        t.assertEqual(varied.metadata.get("time_signature"), f"{numerator}/{denominator}")
        for name, part in varied.parts.items():
            t.assertEqual(part.own_meters, [(numerator, denominator)], f"{name}: time_signature in its own track")
    return check


def expect_key(name):
    def check(t, base, varied):
        t.assertEqual(varied.metadata.get("key"), name)
        for part_name, part in varied.parts.items():
            t.assertIn(name, part.keys, f"{part_name}: key_signature")
    return check


def expect_length(beats):
    def check(t, base, varied):
        t.assertEqual(varied.metadata.get("duration_beats"), beats)
        for name, part in varied.parts.items():
            t.assertAlmostEqual(part.length_beats, beats, msg=f"{name}: file length in beats")
    return check


def expect_parts(names):
    def check(t, base, varied):
        t.assertEqual(sorted(varied.parts), sorted(names))
    return check


def expect_meta(path, value):
    def check(t, base, varied):
        node = varied.metadata
        for step in path.split("."):
            node = node.get(step) if isinstance(node, dict) else None
        t.assertEqual(node, value, f"metadata.{path}")
    return check


def expect_bass_starts_on(pitch_class):
    """The bass's first note is the first chord's root (as every built-in style plays it)."""
    def check(t, base, varied):
        first = min((n for n in varied.parts["bass"].notes if n[4] > 0), key=lambda n: n[1])
        t.assertEqual(first[3] % 12, pitch_class, f"the bass starts on note {first[3]}")
    return check


def expect_all(*checks):
    def check(t, base, varied):
        for c in checks:
            c(t, base, varied)
    return check


def expect_plugin_folder(t, base, varied):
    folders, generated = plugin_folder(varied)
    t.assertEqual(folders, [varied.plugin_id], "the take is in plugins/<plugin_id>/ (and only there)")
    t.assertEqual(generated, len(varied.names), "GET /api/plugin/status: files_generated")


def expect_error_field(code, field):
    def check(t, base, varied):
        t.assertEqual(error_of(varied.error), (code, field), f"answer: {varied.error}")
    return check


# ---- the cases -----------------------------------------------------------------------------------

@dataclass
class Case:
    base: Any
    varied: Any
    observe: Callable
    expect: Optional[Callable] = None
    form: str = ""
    prepare: Optional[Callable] = None          # prepare(tag), before each of the two runs
    varied_may_fail: bool = False                # the varied body is meant to be refused
    base_may_fail: bool = False                  # so is the baseline (a request_id on an error)
    note: str = ""


def C(base, varied, observe, expect=None, **kwargs):
    return Case(base, varied, observe, expect, **kwargs)


def register_plugin(tag):
    status, _, answer = http_json("POST", SERVER.base + "/api/plugin/register", {"plugin_id": tag})
    assert status == 200, answer


def option_cases(b, form, http_side):
    """The GenerationOptions fields on base body `b` (either form)."""
    cases = {
        "style": C(edit(b, {"style": "pop"}), edit(b, {"style": "rock"}), notes, expect_meta("style", "rock")),
        "swing": C(b, edit(b, {"swing": 1.0}), notes, expect_meta("feel.swing_ratio", 0.75)),
        "swing_ratio": C(b, edit(b, {"swing_ratio": 0.75}), notes, expect_meta("feel.swing_ratio", 0.75)),
        "humanize": C(edit(b, {"humanize": 0.0}), edit(b, {"humanize": 1.0}), notes, expect_meta("feel.humanize", 1.0)),
        "intensity": C(edit(b, {"intensity": 0.0}), edit(b, {"intensity": 1.0}), notes,
                       expect_meta("feel.intensity", 1.0)),
        "complexity": C(edit(b, {"complexity": 0.0}), edit(b, {"complexity": 1.0}), notes,
                        expect_meta("feel.complexity", 1.0)),
        "fills": C(edit(b, {"fills": False}), edit(b, {"fills": True}), notes, expect_meta("feel.fills", True)),
        "ending": C(edit(b, {"ending": False}), edit(b, {"ending": True}), notes, expect_meta("feel.ending", True)),
        "count_in": C(edit(b, {"count_in": 0}), edit(b, {"count_in": 2}), notes,
                      expect_all(expect_meta("feel.count_in", 2), expect_meta("music_start_beat", 8))),
        "intro": C(edit(b, {"intro": 0}), edit(b, {"intro": 2}), notes, expect_meta("feel.intro", 2)),
        "track_types": C(b, edit(b, {"track_types": ["keys"]}), parts_of, expect_parts(["keys"])),
        "seed": C(b, edit(b, {"seed": 8}), notes, expect_meta("seed", 8)),
    }
    if http_side:
        cases["plugin_id"] = C(edit(b, {"plugin_id": DELETE}), edit(b, {"plugin_id": "{tag}"}), plugin_folder,
                               expect_plugin_folder, prepare=register_plugin)
    for case in cases.values():
        case.form = form
    return cases


def generate_form_cases(http_side, compat=True):
    """The normal form (`chord_progression` + options), and the progression's fields at the top."""
    b = generate_body(http_side)
    objects = edit(b, {"chord_progression.chords": copy.deepcopy(CHORD_OBJECTS)})
    no_duration = edit(b, {"chord_progression.duration": DELETE})
    cases = {
        "chord_progression": C(edit(b, {"chord_progression": CHORDS}), edit(b, {"chord_progression": OTHER_CHORDS}),
                               notes, expect_bass_starts_on(9)),
        "chord_progression.chords": C(b, edit(b, {"chord_progression.chords": OTHER_CHORDS}), notes,
                                      expect_bass_starts_on(9)),
        "chord_progression.chords[].chord": C(objects, edit(objects, {"chord_progression.chords[0].chord": "E"}),
                                              notes, expect_bass_starts_on(4)),
        "chord_progression.chords[].start_time": C(objects, edit(objects, {
            "chord_progression.chords[3].start_time": 14.0}), notes),
        "chord_progression.chords[].duration": C(objects, edit(objects, {
            "chord_progression.chords[3].duration": 8.0}), notes),
        "chord_progression.tempo": C(b, edit(b, {"chord_progression.tempo": 90}), tempos, expect_tempo(90)),
        "chord_progression.key": C(b, edit(b, {"chord_progression.key": "A minor"}), keys, expect_key("Am")),
        "chord_progression.time_signature": C(b, edit(b, {"chord_progression.time_signature": "3/4"}), meters,
                                              expect_meter(3, 4)),
        "chord_progression.duration": C(b, edit(b, {"chord_progression.duration": 16}), lengths, expect_length(16)),
        "chord_progression.bars": C(edit(no_duration, {"chord_progression.bars": 8}),
                                    edit(no_duration, {"chord_progression.bars": 4}), lengths, expect_length(16)),
    }
    if compat:
        beside = {"tempo": (120, 90, tempos, expect_tempo(90)),
                  "key": ("C", "A minor", keys, expect_key("Am")),
                  "time_signature": ("4/4", "3/4", meters, expect_meter(3, 4)),
                  "duration": (32, 16, lengths, expect_length(16)),
                  "bars": (8, 4, lengths, expect_length(16))}
        for name, (before, after, observe, expect) in beside.items():
            moved = edit(b, {f"chord_progression.{name}": DELETE})
            if name == "bars":
                moved = edit(moved, {"chord_progression.duration": DELETE})
            cases[f"{name} (beside chord_progression)"] = C(edit(moved, {name: before}), edit(moved, {name: after}),
                                                            observe, expect)
    for case in cases.values():
        case.form = "chord_progression"
    cases.update(option_cases(b, "chord_progression", http_side))
    return cases


def flat_form_cases(http_side):
    """The plugin's flat form (`chords` at the top)."""
    f = flat_body(http_side)
    objects = edit(f, {"chords": copy.deepcopy(CHORD_OBJECTS)})
    no_duration = edit(f, {"duration": DELETE})
    one_part = edit(f, {"track_types": DELETE})
    cases = {
        "chords": C(f, edit(f, {"chords": OTHER_CHORDS}), notes, expect_bass_starts_on(9)),
        "chords[].chord": C(objects, edit(objects, {"chords[0].chord": "E"}), notes, expect_bass_starts_on(4)),
        "chords[].start_time": C(objects, edit(objects, {"chords[3].start_time": 14.0}), notes),
        "chords[].duration": C(objects, edit(objects, {"chords[3].duration": 8.0}), notes),
        "tempo": C(f, edit(f, {"tempo": 90}), tempos, expect_tempo(90)),
        "key": C(f, edit(f, {"key": "A minor"}), keys, expect_key("Am")),
        "time_signature": C(f, edit(f, {"time_signature": "3/4"}), meters, expect_meter(3, 4)),
        "duration": C(f, edit(f, {"duration": 16}), lengths, expect_length(16)),
        "bars": C(edit(no_duration, {"bars": 8}), edit(no_duration, {"bars": 4}), lengths, expect_length(16)),
        "track_type": C(edit(one_part, {"track_type": "bass"}), edit(one_part, {"track_type": "keys"}), parts_of,
                        expect_parts(["keys"])),
    }
    for case in cases.values():
        case.form = "flat"
    cases.update(option_cases(f, "flat", http_side))
    return cases


def merge(*tables):
    """{field: [Case, ...]}: a field both forms document is tried in both."""
    merged = {}
    for table in tables:
        for name, case in table.items():
            merged.setdefault(name, []).append(case)
    return merged


# Fields an analysis cannot show (it has no notes): their case is that they are read, not
# dropped (an invalid value is refused, naming the field). Listed in the report as unclear.
ANALYZE_CANNOT_SHOW = {"swing": 2, "swing_ratio": 0.1, "humanize": 2, "intensity": 2, "complexity": 2,
                       "fills": "yes", "ending": "yes", "count_in": 9, "intro": 9, "track_types": ["flute"],
                       "seed": -1, "plugin_id": "bad id"}


def analysis(answer):
    return answer.body


def analyze_cases():
    b = generate_body(False)
    cases = {}
    table = generate_form_cases(False, compat=True)
    for name in ANALYZE_CANNOT_SHOW:
        table.setdefault(name, None)
    for name, case in table.items():
        if name in ANALYZE_CANNOT_SHOW:
            bad = ANALYZE_CANNOT_SHOW[name]
            field = "track_types[0]" if name == "track_types" else name
            cases[name] = C(b, edit(b, {name: bad}), lambda a: (a.status, error_of(a.error)),
                            expect_error_field("invalid_field", field), varied_may_fail=True,
                            note="an analysis cannot show it: checked as read (an invalid value is refused)")
            continue
        expect = None
        name_beside = name.replace(" (beside chord_progression)", "")
        if name_beside != name:
            name_beside = "chord_progression." + name_beside
        if name_beside == "chord_progression.tempo":
            expect = lambda t, base, varied: t.assertEqual(varied.body["tempo"], 90)  # noqa: E731
        elif name_beside == "chord_progression.key":
            expect = lambda t, base, varied: t.assertEqual(varied.body["key"]["name"], "Am")  # noqa: E731
        elif name_beside == "chord_progression.time_signature":
            expect = lambda t, base, varied: t.assertEqual(varied.body["time_signature"], "3/4")  # noqa: E731
        elif name_beside in ("chord_progression.duration", "chord_progression.bars"):
            expect = lambda t, base, varied: t.assertEqual(varied.body["summary"]["duration_beats"], 16)  # noqa: E731
        cases[name] = C(case.base, case.varied, analysis, expect)
    # The style only shows through its defaults: leave the tempo and meter to it.
    free = edit(b, {"chord_progression.tempo": DELETE, "chord_progression.time_signature": DELETE})
    cases["style"] = C(edit(free, {"style": "pop"}), edit(free, {"style": "waltz"}), analysis,
                       lambda t, base, varied: t.assertEqual(varied.body["time_signature"], "3/4"))
    return {name: [case] for name, case in cases.items()}


def plugin_client_cases():
    """POST /generate: chords, tempo, key (no seed: the observables do not depend on it)."""
    b = {"chords": ["C", "Am", "F", "G"]}
    return {
        "chords": [C(b, edit(b, {"chords": ["A", "E", "D"]}), key_and_length,
                     expect_all(expect_meta("bars", 3), expect_meta("key", "A"), expect_bass_starts_on(9)))],
        "tempo": [C(b, edit(b, {"tempo": 90}), tempos, expect_tempo(90))],
        "key": [C(b, edit(b, {"key": "A minor"}), keys, expect_key("Am"))],
    }


KNOWN_TRANSPORT = {"is_playing": False, "current_beat": 0, "tempo": 120, "time_signature": "4/4"}


def known_transport(tag=None):
    status, _, answer = http_json("POST", SERVER.base + "/api/transport/sync", KNOWN_TRANSPORT)
    assert status == 200, answer


def transport_view(answer):
    body = answer.body if isinstance(answer, Answer) else answer
    return {k: body.get(k) for k in ("is_playing", "current_beat", "tempo", "time_signature")}


def beat_near(answer):
    return round(transport_view(answer)["current_beat"], 1)


def expect_transport(**values):
    def check(t, base, varied):
        view = transport_view(varied)
        for k, v in values.items():
            t.assertEqual(view[k], v, k)
    return check


def expect_one_beat_later(t, base, varied):
    """0.5 s ago at 120 BPM: one beat further than the same update without a timestamp."""
    gained = transport_view(varied)["current_beat"] - transport_view(base)["current_beat"]
    t.assertAlmostEqual(gained, 1.0, delta=0.3, msg=f"current_beat carried forward by {gained}")


def transport_cases(is_playing="is_playing", current_beat="current_beat"):
    """The transport fields under either spelling (HTTP sync, transport_update, transport_sync)."""
    playing = {is_playing: True, current_beat: 0, "tempo": 120}
    return {
        is_playing: C({is_playing: False, current_beat: 4}, {is_playing: True, current_beat: 4},
                      lambda a: transport_view(a)["is_playing"], expect_transport(is_playing=True),
                      prepare=known_transport),
        current_beat: C({current_beat: 4}, {current_beat: 12}, beat_near, expect_transport(current_beat=12),
                        prepare=known_transport),
        "tempo": C({"tempo": 120}, {"tempo": 90}, lambda a: transport_view(a)["tempo"], expect_transport(tempo=90),
                   prepare=known_transport),
        "time_signature": C({"time_signature": "4/4"}, {"time_signature": "3/4"},
                            lambda a: transport_view(a)["time_signature"],
                            expect_transport(time_signature="3/4"), prepare=known_transport),
        "timestamp": C(playing, dict(playing, timestamp=iso_ago(0.5)), beat_near, expect_one_beat_later,
                       prepare=known_transport),
    }


# ---- runners: send one body, return what came back ----------------------------------------------

async def post_generation(path, body, tag):
    status, _, answer = await ahttp_json("POST", SERVER.base + path, body, timeout=30)
    if status != 200:
        return Take(error=answer.get("error", answer), plugin_id=body.get("plugin_id"))
    return Take(answer["file_details"], answer["metadata"], plugin_id=body.get("plugin_id"))


def generation_runner(path):
    async def run(body, tag, run_name):
        return await post_generation(path, body, tag)
    return run


async def run_analyze(body, tag, run_name):
    status, _, answer = await ahttp_json("POST", SERVER.base + "/api/analyze", body)
    return Answer(status, answer)


def plugin_runner(path):
    """A plugin request, then the plugin's status entry: what the request changed in it."""
    async def run(body, tag, run_name):
        status, _, answer = await ahttp_json("POST", SERVER.base + path, body)
        entry = None
        if status == 200:
            _, _, listed = await ahttp_json("GET", SERVER.base + "/api/plugin/status?plugin_id=" + answer["plugin_id"])
            entry = listed["plugins"][0]
        return Answer(status, answer, entry=entry, tag=tag)
    return run


run_register = plugin_runner("/api/plugin/register")
run_heartbeat = plugin_runner("/api/plugin/heartbeat")


async def run_transport_start(body, tag, run_name):
    status, _, answer = await ahttp_json("POST", SERVER.base + "/api/transport/start", body)
    return Answer(status, answer)


async def barrier(plugin, seen, request_id="barrier"):
    """status_request and its answer: every message the server queued before is in `seen`."""
    await plugin.send("status_request", request_id=request_id)
    while True:
        message = await plugin.recv()
        if message.get("request_id") == request_id and message["type"] in ("status", "error"):
            return message
        seen.append(message)


async def run_transport_sync(body, tag, run_name):
    """POST /api/transport/sync while plugin `tag` has a session: did it hear the sync?"""
    plugin = await Plugin.connect(SERVER, tag)
    try:
        await plugin.expect("connection_confirmed")
        status, _, answer = await ahttp_json("POST", SERVER.base + "/api/transport/sync", body)
        seen = []
        await barrier(plugin, seen)
    finally:
        await plugin.close()
    heard = any(m["type"] == "transport_sync" for m in seen)
    return Answer(status, answer, heard=heard, tag=tag)


async def run_status(query, tag, run_name):
    url = SERVER.base + "/api/plugin/status"
    if query:
        url += "?" + urllib.parse.urlencode(query)
    status, _, answer = await ahttp_json("GET", url)
    return Answer(status, answer, tag=tag)


def newest_log_id():
    """The id of a log entry before the newest ones: `since` set to it skips all before."""
    _, _, answer = http_json("GET", SERVER.base + "/api/logs?limit=5000")
    return answer["entries"][-2]["id"]


async def run_logs(query, tag, run_name):
    url = SERVER.base + "/api/logs"
    if query:
        url += "?" + urllib.parse.urlencode(query)
    status, _, answer = await ahttp_json("GET", url)
    return Answer(status, answer)


def listing_runner(path):
    """GET path?query: the page the listing answers."""
    async def run(query, tag, run_name):
        Fixture.take()   # at least two files, so a page of one has a next one
        url = SERVER.base + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        status, _, answer = await ahttp_json("GET", url)
        return Answer(status, answer)
    return run


def second_page_of(path):
    """The cursor after the newest file of `path`'s listing."""
    def cursor():
        _, _, answer = http_json("GET", SERVER.base + path + "?limit=1")
        return answer["next_cursor"]
    return cursor


def listing_cases(path, name_field):
    """?limit shortens the page; ?cursor starts it after the newest file."""
    def names(answer):
        return [f[name_field] for f in answer.body["files"]]
    return {
        "?limit": C({}, {"limit": 1}, lambda a: len(a.body["files"]),
                    lambda t, base, varied: t.assertEqual((len(varied.body["files"]), varied.body["count"]), (1, 1))),
        "?cursor": C({"limit": 1}, {"limit": 1, "cursor": second_page_of(path)}, names,
                     lambda t, base, varied: t.assertLess(names(varied)[0], names(base)[0])),
    }


class Fixture:
    """Files made once, for the operations that take a file."""
    _take = None
    _original = None

    @classmethod
    def take(cls):
        """A bass and a drums file: {track_type: name}."""
        if cls._take is None:
            status, _, answer = http_json("POST", SERVER.base + "/api/generate", {
                "chord_progression": "C-Am-F-G", "seed": 3, "track_types": ["bass", "drums"],
                "plugin_id": "ef-fixture"}, timeout=30)
            assert status == 200, answer
            cls._take = {d["track_type"]: d["filename"] for d in answer["file_details"]}
        return cls._take

    @classmethod
    def original(cls):
        """A bass file made with seed 5, and its bytes."""
        if cls._original is None:
            status, _, answer = http_json("POST", SERVER.base + "/api/generate", {
                "chord_progression": {"chords": CHORDS, "tempo": 100, "duration": 16}, "seed": 5,
                "track_types": ["bass"], "plugin_id": "ef-regen-source"}, timeout=30)
            assert status == 200, answer
            detail = answer["file_details"][0]
            with open(detail["path"], "rb") as f:
                cls._original = (detail["filename"], f.read())
        return cls._original


def file_bytes(name):
    status, _, data = http("GET", SERVER.base + "/api/files/" + name)
    assert status == 200, data
    return data


async def run_stream(body, tag, run_name):
    body = {k: Fixture.take()[v] if v in ("bass", "drums") else v for k, v in body.items()}
    status, headers, data = await asyncio.to_thread(http, "POST", SERVER.base + "/api/midi/stream", body)
    return Answer(status, json.loads(data) if status >= 400 else data)


def expect_stream_of(track_type):
    def check(t, base, varied):
        t.assertEqual(varied.body, file_bytes(Fixture.take()[track_type]))
    return check


async def run_regenerate(body, tag, run_name):
    name, _ = Fixture.original()
    status, _, answer = await ahttp_json("POST", SERVER.base + f"/api/files/{name}/regenerate", body, timeout=30)
    if status != 200:
        return Take(error=answer.get("error", answer))
    return Take(answer["file_details"], answer["metadata"])


def expect_original_bytes(t, base, varied):
    _, original = Fixture.original()
    t.assertEqual(varied.parts["bass"].data, original, "the same seed gives the original's bytes")
    t.assertNotEqual(base.parts["bass"].data, original, "another seed gives other bytes")


# ---- audio --------------------------------------------------------------------------------------

def audio_answer(status, headers, data):
    """An audio answer: the bytes, or the error's JSON."""
    return Answer(status, json.loads(data) if status >= 400 else data, seconds=headers.get("X-Audio-Seconds"))


def split_query(body):
    """The `?name` keys of a case body as a query string, and the rest."""
    query = {k[1:]: v for k, v in body.items() if k.startswith("?")}
    rest = {k: v for k, v in body.items() if not k.startswith("?")}
    return ("?" + urllib.parse.urlencode(query)) if query else "", rest


async def run_render(body, tag, run_name):
    """POST /api/render with a generate body; `?name` keys go in the query."""
    query, body = split_query(body)
    status, headers, data = await asyncio.to_thread(http, "POST", SERVER.base + "/api/render" + query, body,
                                                    timeout=60)
    return audio_answer(status, headers, data)


async def run_file_audio(body, tag, run_name):
    """GET /api/files/{the fixture's bass}/audio with the case's query."""
    query, _ = split_query(body)
    url = f"{SERVER.base}/api/files/{Fixture.take()['bass']}/audio{query}"
    status, headers, data = await asyncio.to_thread(http, "GET", url, timeout=60)
    return audio_answer(status, headers, data)


def audio_bytes(answer):
    return hashlib.sha1(answer.body).hexdigest()


def wav_peak(data):
    """The largest absolute 16-bit sample of a WAV file."""
    with wave.open(io.BytesIO(data)) as reader:
        frames = reader.readframes(reader.getnframes())
    samples = memoryview(frames).cast("h")
    return max((abs(x) for x in samples), default=0)


def audio_query_cases():
    """?format, ?mute and ?gain, on a take with a bass part (the bass is muted or turned down)."""
    return {
        "?format": C({"?format": "wav"}, {"?format": "ogg"}, audio_bytes,
                     lambda t, base, varied: t.assertEqual((base.body[:4], varied.body[:4]), (b"RIFF", b"OggS"))),
        "?mute": C({}, {"?mute": "bass"}, lambda a: wav_peak(a.body),
                   lambda t, base, varied: t.assertEqual((wav_peak(base.body) > 0, wav_peak(varied.body)), (True, 0))),
        "?gain": C({}, {"?gain": "bass:0.5"}, lambda a: wav_peak(a.body),
                   lambda t, base, varied: t.assertAlmostEqual(wav_peak(varied.body) / wav_peak(base.body), 0.5,
                                                               delta=0.05)),
    }


# What a render cannot let anyone hear, so its case is that it is read (an invalid value is
# refused, naming the field), as for an analysis: the plugin a generate body names (a render stores
# nothing; it only counts against that plugin's limits), and the key, which with the chords given
# is the files' key signature, not a note of them.
RENDER_CANNOT_SHOW = {"plugin_id": ("plugin_id", "bad id"), "chord_progression.key": ("chord_progression.key", "H"),
                      "key (beside chord_progression)": ("key", "H")}


def render_cases():
    """POST /api/render: every generate body field changes the sound; the query as on a file."""
    b = generate_body(True)
    cases = {}
    for name, case in generate_form_cases(True).items():
        if name in RENDER_CANNOT_SHOW:
            field, bad = RENDER_CANNOT_SHOW[name]
            cases[name] = C(case.base, edit(case.base, {field: bad}), lambda a: (a.status, error_of(a.error)),
                            expect_error_field("invalid_field", field), varied_may_fail=True,
                            note="a render stores nothing: checked as read (an invalid value is refused)")
        else:
            cases[name] = C(case.base, case.varied, audio_bytes, form=case.form)
    one_part = edit(b, {"track_types": ["bass"]})
    for name, case in audio_query_cases().items():
        cases[name] = C(dict(one_part, **case.base), dict(one_part, **case.varied), case.observe, case.expect)
    return {name: [case] for name, case in cases.items()}


# ---- chords from what was played ----------------------------------------------------------------

def played(*chords, start=0, beats=4, velocity=90):
    """Block chords, `beats` each from `start`: lists of MIDI pitches."""
    notes = []
    for i, pitches in enumerate(chords):
        notes += [{"pitch": p, "start": start + i * beats, "duration": beats, "velocity": velocity} for p in pitches]
    return notes


C_MAJOR = [48, 60, 64, 67]
A_MINOR = [45, 60, 64, 69]
F_MAJOR = [41, 60, 65, 69]


def detect_body():
    return {"notes": played(C_MAJOR, F_MAJOR, beats=2), "tempo": 120, "time_signature": "4/4",
            "resolution": "beat"}


def detection_midi():
    """A one-track file of the detect_body notes, as mido writes it (the query cases' body)."""
    notes = [(n["start"], n["duration"], n["pitch"], n["velocity"]) for n in played(C_MAJOR, F_MAJOR, beats=2)]
    return midi_bytes([(0, notes)], ticks_per_beat=96)


def chords_of(answer):
    return [(c["chord"], c["start_time"], c["duration"]) for c in answer.body["chords"]]


async def run_detect(body, tag, run_name):
    """JSON, or with `?name` keys a MIDI file whose options go in the query."""
    query = {k[1:]: v for k, v in body.items() if k.startswith("?")}
    url = SERVER.base + "/api/chords/detect"
    if query:
        status, _, data = await asyncio.to_thread(http, "POST", url + "?" + urllib.parse.urlencode(query),
                                                  raw=detection_midi(), content_type="audio/midi")
        return Answer(status, json.loads(data))
    status, _, answer = await ahttp_json("POST", url, body)
    return Answer(status, answer)


def detection_cases(data=lambda a: a.body):
    """The fields of POST /api/chords/detect's JSON body (and of detect_chords' data)."""
    b = detect_body()
    d = data
    quiet_stray, loud_stray = edit(b, {}), edit(b, {})
    quiet_stray["notes"] = b["notes"] + [{"pitch": 62, "start": 1, "duration": 0.25, "velocity": 1}]
    loud_stray["notes"] = b["notes"] + [{"pitch": 62, "start": 1, "duration": 0.25, "velocity": 127}]
    return {
        "notes": C(b, edit(b, {"notes": played(A_MINOR, F_MAJOR, beats=2)}), lambda a: d(a)["chords"][0]["chord"],
                   lambda t, base, varied: t.assertEqual(d(varied)["chords"][0]["chord"], "Am")),
        "notes[].pitch": C(b, edit(b, {"notes[2].pitch": 63}), lambda a: d(a)["chords"][0]["chord"],
                           lambda t, base, varied: t.assertEqual(d(varied)["chords"][0]["chord"], "Cm")),
        "notes[].start": C(b, edit(b, {"notes[7].start": 6}), lambda a: d(a)["length_beats"],
                           lambda t, base, varied: t.assertEqual(d(varied)["length_beats"], 8)),
        "notes[].duration": C(b, edit(b, {"notes[7].duration": 6}), lambda a: d(a)["length_beats"],
                              lambda t, base, varied: t.assertEqual(d(varied)["length_beats"], 8)),
        "notes[].velocity": C(quiet_stray, loud_stray, lambda a: d(a)["chords"][0]["confidence"],
                              lambda t, base, varied: t.assertLess(d(varied)["chords"][0]["confidence"],
                                                                   d(base)["chords"][0]["confidence"])),
        "tempo": C(b, edit(b, {"tempo": 60}), lambda a: d(a)["chords"][1]["start_seconds"],
                   lambda t, base, varied: t.assertEqual(d(varied)["chords"][1]["start_seconds"], 2.0)),
        "time_signature": C(b, edit(b, {"time_signature": "3/4"}), lambda a: d(a)["time_signature"],
                            lambda t, base, varied: t.assertEqual(d(varied)["time_signature"], "3/4")),
        "resolution": C(b, edit(b, {"resolution": "bar"}), lambda a: len(d(a)["chords"]),
                        lambda t, base, varied: t.assertEqual(len(d(varied)["chords"]), 1)),
        "key": C(b, edit(b, {"key": "Am"}), lambda a: (d(a)["key"], d(a)["key_detected"]),
                 lambda t, base, varied: t.assertEqual((d(varied)["key"], d(varied)["key_detected"]), ("Am", False))),
    }


def detection_query_cases():
    return {
        "?resolution": C({"?resolution": "beat"}, {"?resolution": "bar"}, lambda a: len(a.body["chords"]),
                         lambda t, base, varied: t.assertEqual(len(varied.body["chords"]), 1)),
        "?key": C({"?resolution": "beat"}, {"?key": "F"}, lambda a: (a.body["key"], a.body["key_detected"]),
                  lambda t, base, varied: t.assertEqual((varied.body["key"], varied.body["key_detected"]), ("F", False))),
        "?time_signature": C({"?resolution": "beat"}, {"?time_signature": "3/4"}, lambda a: a.body["time_signature"],
                             lambda t, base, varied: t.assertEqual(varied.body["time_signature"], "3/4")),
        # The file's tempo is 120: the F two beats in starts a second in, at 60 two seconds in.
        "?tempo": C({"?resolution": "beat"}, {"?tempo": 60}, lambda a: a.body["chords"][1]["start_seconds"],
                    lambda t, base, varied: t.assertEqual((varied.body["chords"][1]["start_seconds"],
                                                           varied.body["chord_progression"]["tempo"]), (2.0, 60))),
    }


async def ws_detect(fields, tag, run_name, placement):
    plugin = await ws_session(f"{tag}-{run_name}")
    try:
        await plugin.send_raw(json.dumps(envelope("detect_chords", fields, placement)))
        reply, _ = await until(plugin, {"chords_detected"})
    finally:
        await plugin.close()
    return Answer(200 if reply["type"] == "chords_detected" else 422, reply)


def http_table():
    """{operation: (runner, {field: [Case]})} for every HTTP operation with documented fields."""
    sync = transport_cases()
    sync.update({k: v for k, v in transport_cases("isPlaying", "currentBeat").items()
                 if k in ("isPlaying", "currentBeat")})
    sync["plugin_id"] = C({"tempo": 120}, {"tempo": 120, "plugin_id": "{tag}"},
                          lambda a: (a.body.get("source"), a.heard),
                          lambda t, base, varied: t.assertEqual(
                              (varied.body["source"], varied.heard), (varied.tag, False),
                              "source is the sender, who is not sent transport_sync"),
                          prepare=known_transport)
    register = {
        "plugin_id": C({}, {"plugin_id": "{tag}"}, lambda a: a.body.get("plugin_id") == a.tag,
                       lambda t, base, varied: t.assertEqual(varied.entry["plugin_id"], varied.tag)),
    }
    for detail, value in (("name", "Band X"), ("version", "9.9"), ("daw", "Bitwig")):
        register[detail] = C({"plugin_id": "{tag}a"}, {"plugin_id": "{tag}b", detail: value},
                             lambda a, d=detail: a.entry.get(d),
                             lambda t, base, varied, d=detail, v=value: t.assertEqual(varied.entry[d], v))

    def two_plugins(tag):
        register_plugin(tag + "a")
        register_plugin(tag + "b")

    heartbeat = {
        "plugin_id": C({"plugin_id": "{tag}a"}, {"plugin_id": "{tag}b"}, lambda a: a.body.get("plugin_id"),
                       lambda t, base, varied: t.assertEqual((varied.body.get("plugin_id"), varied.entry["plugin_id"]),
                                                             (varied.tag + "b",) * 2),
                       prepare=two_plugins),
        "timestamp": C({"plugin_id": "{tag}a"}, {"plugin_id": "{tag}a", "timestamp": 12.5},
                       lambda a: a.body.get("client_timestamp"),
                       lambda t, base, varied: t.assertEqual(varied.body.get("client_timestamp"), 12.5),
                       prepare=two_plugins),
    }
    start = {
        "beat": C({}, {"beat": 8}, lambda a: round(a.body["current_beat"]),
                  lambda t, base, varied: t.assertEqual((varied.body["is_playing"], round(varied.body["current_beat"])),
                                                        (True, 8)),
                  prepare=known_transport),
        "tempo": C({}, {"tempo": 90}, lambda a: a.body["tempo"], expect_transport(tempo=90), prepare=known_transport),
    }
    status_query = {
        "?plugin_id": C({}, {"plugin_id": "{tag}"}, lambda a: (a.body.get("plugin_id"), a.body["count"]),
                        lambda t, base, varied: t.assertEqual(
                            (varied.body.get("plugin_id"), varied.body["count"],
                             varied.body["plugins"][0]["plugin_id"]), (varied.tag, 1, varied.tag)),
                        prepare=register_plugin),
    }
    logs = {
        "?since": C({}, {"since": newest_log_id}, lambda a: a.body["entries"][0]["id"] if a.body["entries"] else None,
                    lambda t, base, varied: t.assertGreater(varied.body["entries"][0]["id"],
                                                            base.body["entries"][0]["id"])),
        "?limit": C({}, {"limit": 1}, lambda a: len(a.body["entries"]),
                    lambda t, base, varied: t.assertEqual(len(varied.body["entries"]), 1)),
    }
    stream = {
        "file_id": C({"file_id": "bass"}, {"file_id": "drums"}, lambda a: a.body, expect_stream_of("drums")),
        "filename": C({"filename": "bass"}, {"filename": "drums"}, lambda a: a.body, expect_stream_of("drums")),
    }
    regenerate = {"seed": C({"seed": 6}, {"seed": 5}, notes, expect_original_bytes)}

    def lists(table):
        return {name: [case] for name, case in table.items()}

    return {
        "POST /api/generate": (generation_runner("/api/generate"), merge(generate_form_cases(True))),
        "POST /api/midi/generate": (generation_runner("/api/midi/generate"),
                                    merge(generate_form_cases(True), flat_form_cases(True))),
        "POST /api/analyze": (run_analyze, analyze_cases()),
        "POST /api/chords/detect": (run_detect, lists(dict(detection_cases(), **detection_query_cases()))),
        "POST /generate": (generation_runner("/generate"), plugin_client_cases()),
        "POST /api/files/{filename}/regenerate": (run_regenerate, lists(regenerate)),
        "POST /api/plugin/register": (run_register, lists(register)),
        "GET /api/plugin/status": (run_status, lists(status_query)),
        "POST /api/plugin/heartbeat": (run_heartbeat, lists(heartbeat)),
        "POST /api/transport/start": (run_transport_start, lists(start)),
        "POST /api/transport/sync": (run_transport_sync, lists(sync)),
        "POST /api/midi/stream": (run_stream, lists(stream)),
        "GET /api/files/{filename}/audio": (run_file_audio, lists(audio_query_cases())),
        "POST /api/render": (run_render, render_cases()),
        "GET /api/logs": (run_logs, lists(logs)),
        "GET /api/files": (listing_runner("/api/files"), lists(listing_cases("/api/files", "name"))),
        "GET /api/midi/list": (listing_runner("/api/midi/list"), lists(listing_cases("/api/midi/list", "file_id"))),
    }


# ---- WebSocket ---------------------------------------------------------------------------------

def envelope(type_, fields, placement):
    """The message with its fields in `data` or beside `type`; `request_id` always beside it."""
    fields = dict(fields)
    message = {"type": type_}
    if "request_id" in fields:
        message["request_id"] = fields.pop("request_id")
    if placement == "data":
        message["data"] = fields
    else:
        message.update(fields)
    return message


async def until(plugin, types):
    """The first message of one of `types` (or an error); earlier ones are returned too."""
    seen = []
    while True:
        message = await plugin.recv()
        if message["type"] in types or message["type"] == "error":
            return message, seen
        seen.append(message)


async def ws_session(plugin_id):
    plugin = await Plugin.connect(SERVER, plugin_id)
    await plugin.expect("connection_confirmed")
    return plugin


def ws_generation_runner(type_):
    async def run(fields, tag, run_name, placement):
        session_id = f"{tag}-{run_name}"
        plugin = await ws_session(session_id)
        try:
            await plugin.send_raw(json.dumps(envelope(type_, fields, placement)))
            reply, _ = await until(plugin, {"generation_complete"})
        finally:
            await plugin.close()
        if reply["type"] == "error":
            return Take(error=reply["data"], plugin_id=session_id, request_id=reply.get("request_id"))
        data = reply["data"]
        return Take(data["files"], data["metadata"], plugin_id=session_id, request_id=reply.get("request_id"))
    return run


async def ws_register(fields, tag, run_name, placement):
    session_id = f"{tag}-{run_name}"
    plugin = await ws_session(session_id)
    try:
        await plugin.send_raw(json.dumps(envelope("register", fields, placement)))
        reply, _ = await until(plugin, {"registered"})
        entry = None
        if reply["type"] == "registered":
            _, _, listed = await ahttp_json("GET", SERVER.base + "/api/plugin/status?plugin_id="
                                            + reply["data"]["plugin_id"])
            entry = listed["plugins"][0]
    finally:
        await plugin.close()
    error = reply["data"] if reply["type"] == "error" else None
    answer = Answer(200, reply, entry=entry, session_id=session_id, tag=tag)
    answer.error = error
    return answer


def ws_single_reply_runner(type_, reply_type):
    """The message, then its one reply (or an error)."""
    async def run(fields, tag, run_name, placement):
        plugin = await ws_session(f"{tag}-{run_name}")
        try:
            await plugin.send_raw(json.dumps(envelope(type_, fields, placement)))
            reply, _ = await until(plugin, {reply_type})
        finally:
            await plugin.close()
        answer = Answer(200, reply)
        answer.error = reply["data"] if reply["type"] == "error" else None
        return answer
    return run


ws_heartbeat = ws_single_reply_runner("heartbeat", "heartbeat_response")
ws_status_request = ws_single_reply_runner("status_request", "status")


def ws_transport_runner(type_):
    """The update, then status_request: its answer carries the transport the update made."""
    async def run(fields, tag, run_name, placement):
        plugin = await ws_session(f"{tag}-{run_name}")
        try:
            await plugin.send_raw(json.dumps(envelope(type_, fields, placement)))
            seen = []
            status = await barrier(plugin, seen)
        finally:
            await plugin.close()
        errors = [m for m in seen if m["type"] == "error"]
        answer = Answer(200, status["data"]["transport"], errors=errors)
        answer.error = errors[0] if errors else None
        return answer
    return run


def expect_plugin_id_not_dropped(t, base, varied):
    """A plugin_id naming another plugin is refused, or honoured: never replaced in silence."""
    other = varied.plugin_id.rsplit("-", 1)[0] + "-other"
    if varied.error is not None:
        code, field = error_of(varied.error)
        t.assertEqual(code, "invalid_field")
        t.assertTrue(field.endswith("plugin_id"), field)
        return
    if varied.folders() == [other]:
        return
    t.fail(f"plugin_id {other!r} was neither refused nor honoured: the take went to "
           f"plugins/{', '.join(varied.folders())}/ (the session's id), as without it")


def ws_generation_cases(flat):
    tables = [generate_form_cases(False)]
    if flat:
        tables.append(flat_form_cases(False))
    cases = merge(*tables)
    b = flat_body(False) if flat else generate_body(False)
    cases["plugin_id"] = [C(b, edit(b, {"plugin_id": "{tag}-other"}), lambda take: (take.ok, take.folders()),
                            expect_plugin_id_not_dropped, varied_may_fail=True,
                            form="flat" if flat else "chord_progression")]
    cases["request_id"] = [C(b, edit(b, {"request_id": "rid-7"}), lambda take: take.request_id,
                             lambda t, base, varied: t.assertEqual(varied.request_id, "rid-7"))]
    return cases


def request_id_case(base):
    """The reply carries the message's request_id."""
    return C(base, dict(base, request_id="rid-7"), lambda a: a.body.get("request_id"),
             lambda t, base, varied: t.assertEqual(varied.body.get("request_id"), "rid-7"))


# ---- following a player live ---------------------------------------------------------------------

C_MAJOR_NOTES = [{"beat": 0, "pitch": p, "velocity": 90, "duration": 3.5} for p in (48, 60, 64, 67)]
A_MINOR_NOTES = [{"beat": 0, "pitch": p, "velocity": 90, "duration": 3.5} for p in (45, 57, 60, 64)]
FEEL_BASE = {"lookahead_beats": 16, "seed": 3, "parts": ["drums", "keys"]}


async def reset_transport():
    """Live cases move the shared transport (tempo, meter, a start): back to a known stop."""
    await ahttp_json("POST", SERVER.base + "/api/transport/stop")
    await ahttp_json("POST", SERVER.base + "/api/transport/sync", {"tempo": 120, "time_signature": "4/4"})


async def go_live(plugin, start):
    """live_start, its answer and the first band_events (the beats ahead of the transport)."""
    await plugin.send("live_start", start)
    started, _ = await until(plugin, {"live_started"})
    assert started["type"] == "live_started", started
    primed, _ = await until(plugin, {"band_events"})
    return started, primed


async def ws_live_start(fields, tag, run_name, placement):
    """live_start; what it answered, the first notes, and the transport it left."""
    plugin = await ws_session(f"{tag}-{run_name}")
    leader = None
    try:
        if "follow" in fields:
            leader = await ws_session(fields["follow"])
            await go_live(leader, {"style": "funk", "parts": ["bass"]})
        await plugin.send_raw(json.dumps(envelope("live_start", fields, placement)))
        reply, _ = await until(plugin, {"live_started"})
        events = None
        if reply["type"] == "live_started":
            events = (await until(plugin, {"band_events"}))[0]["data"]
        status = await barrier(plugin, [])
    finally:
        await plugin.close()
        if leader:
            await leader.close()
        await reset_transport()
    ok = reply["type"] == "live_started"
    return Answer(200 if ok else 422, reply, events=events, transport=status["data"]["transport"])


def live_notes(answer):
    return [(e["beat"], e["part"], e["pitch"], e["velocity"]) for e in answer.events["events"]]


def live_start_cases():
    started = lambda a: a.body["data"]  # noqa: E731
    b = dict(FEEL_BASE)

    def feel(name, low, high):
        return C(edit(b, {name: low}), edit(b, {name: high}), live_notes)

    return {
        "style": C({"style": "pop"}, {"style": "rock"}, lambda a: started(a)["style"],
                   lambda t, base, varied: t.assertEqual(started(varied)["style"], "rock")),
        "tempo": C({"tempo": 100}, {"tempo": 150}, lambda a: a.transport["tempo"],
                   lambda t, base, varied: t.assertEqual(varied.transport["tempo"], 150)),
        "meter": C({"meter": "4/4"}, {"meter": "3/4"}, lambda a: (started(a)["time_signature"], a.transport["time_signature"]),
                   lambda t, base, varied: t.assertEqual(started(varied)["time_signature"], "3/4")),
        "key": C({}, {"key": "Eb"}, lambda a: started(a)["key"],
                 lambda t, base, varied: t.assertEqual(started(varied)["key"], "Eb")),
        "seed": C({"seed": 7}, {"seed": 8}, lambda a: started(a)["seed"],
                  lambda t, base, varied: t.assertEqual(started(varied)["seed"], 8)),
        "parts": C({}, {"parts": ["keys"]}, lambda a: [p["part"] for p in started(a)["parts"]],
                   lambda t, base, varied: t.assertEqual({e["part"] for e in varied.events["events"]} | {"keys"}, {"keys"})),
        "lookahead_beats": C({}, {"lookahead_beats": 8}, lambda a: a.events["to_beat"],
                             lambda t, base, varied: t.assertEqual(varied.events["to_beat"], 8)),
        "swing": C(b, edit(b, {"swing": 1.0}), live_notes),
        "swing_ratio": C(b, edit(b, {"swing_ratio": 0.75}), live_notes),
        "humanize": feel("humanize", 0.0, 1.0),
        "intensity": feel("intensity", 0.0, 1.0),
        "complexity": feel("complexity", 0.0, 1.0),
        "fills": feel("fills", False, True),
        "follow": C({}, {"follow": "{tag}-leader"}, lambda a: (started(a)["band"], started(a)["style"]),
                    lambda t, base, varied: t.assertEqual((started(varied)["band"], started(varied)["style"]),
                                                          (varied.body["data"]["members"][0], "funk"))),
        "request_id": request_id_case({}),
    }


def ws_live_message_runner(type_, reply_types, start=None):
    """live_start, then the message; its reply (or error) and what came before it."""
    async def run(fields, tag, run_name, placement):
        plugin = await ws_session(f"{tag}-{run_name}")
        try:
            await go_live(plugin, start or {"parts": ["bass"], "lookahead_beats": 8})
            await plugin.send_raw(json.dumps(envelope(type_, fields, placement)))
            reply, seen = await until(plugin, reply_types)
        finally:
            await plugin.close()
        ok = reply["type"] != "error"
        return Answer(200 if ok else 422, reply, seen=seen)
    return run


def heard_and_bass(answer):
    """The chord the band heard, and the first bass note of the beats it sent again."""
    replaced = [m["data"] for m in answer.seen if m["type"] == "band_events" and "replaces_from_beat" in m["data"]]
    bass = [e["pitch"] % 12 for e in replaced[0]["events"] if e["part"] == "bass"] if replaced else []
    return answer.body["data"].get("chord"), answer.body["data"].get("beat"), bass[:1]


def error_request_id_case(invalid):
    """A message with no answer but its error: the error carries the request_id."""
    return C(invalid, dict(invalid, request_id="rid-7"), lambda a: a.body.get("request_id"),
             lambda t, base, varied: t.assertEqual(varied.body.get("request_id"), "rid-7"),
             varied_may_fail=True, base_may_fail=True)


def chord_event_cases():
    return {
        "beat": C({"beat": 0, "chord": "A"}, {"beat": 4, "chord": "A"}, heard_and_bass,
                  lambda t, base, varied: t.assertEqual(heard_and_bass(varied)[1], 4)),
        "chord": C({"beat": 0, "chord": "C"}, {"beat": 0, "chord": "A"}, heard_and_bass,
                   lambda t, base, varied: t.assertEqual(heard_and_bass(varied)[2], [9])),
        "request_id": error_request_id_case({"beat": -1, "chord": "C"}),
    }


def note_events_cases():
    return {
        "events": C({"events": C_MAJOR_NOTES}, {"events": A_MINOR_NOTES}, heard_and_bass,
                    lambda t, base, varied: t.assertEqual(heard_and_bass(varied)[:2], ("Am", 0))),
        "request_id": error_request_id_case({"events": []}),
    }


async def ws_live_save(fields, tag, run_name, placement):
    """A band plays ten beats at 400 BPM; then live_save with these fields."""
    plugin = await ws_session(f"{tag}-{run_name}")
    try:
        await go_live(plugin, {"parts": ["bass"]})
        await plugin.send("chord_event", {"beat": 0, "chord": "C"})
        await until(plugin, {"chord_heard"})
        await ahttp_json("POST", SERVER.base + "/api/transport/start", {"tempo": 400, "beat": 0})
        while True:
            message, _ = await until(plugin, {"band_events"})
            if message["type"] == "error" or message["data"]["to_beat"] >= 14:
                break
        await ahttp_json("POST", SERVER.base + "/api/transport/stop")
        await plugin.send_raw(json.dumps(envelope("live_save", fields, placement)))
        reply, _ = await until(plugin, {"live_saved"})
    finally:
        await plugin.close()
        await reset_transport()
    return Answer(200 if reply["type"] == "live_saved" else 422, reply)


def live_save_cases():
    saved = lambda a: a.body["data"]  # noqa: E731
    return {
        "from_beat": C({}, {"from_beat": 4}, lambda a: saved(a)["from_beat"],
                       lambda t, base, varied: t.assertEqual(saved(varied)["from_beat"], 4)),
        "to_beat": C({}, {"to_beat": 4}, lambda a: saved(a)["to_beat"],
                     lambda t, base, varied: t.assertEqual(saved(varied)["to_beat"], 4)),
        "request_id": request_id_case({}),
    }


# ---- listening to a live input -------------------------------------------------------------------

AUDIO_FORMAT = {"sample_rate": 44100, "channels": 2, "sample_type": "f32le"}
_AUDIO_CLIP = []


def audio_clip():
    """C Am F G at 120 BPM, played by the fluidsynth CLI: 16-bit stereo, as f32le bytes."""
    if not _AUDIO_CLIP:
        wav = render_wav(progression_midi([(0, [0, 4, 7]), (9, [-3, 0, 4]), (5, [0, 5, 9]), (7, [-1, 2, 7])], 120))
        with wave.open(io.BytesIO(wav)) as reader:
            frames = numpy.frombuffer(reader.readframes(reader.getnframes()), dtype="<i2")
        _AUDIO_CLIP.append((frames.astype(numpy.float32) / 32768.0).astype("<f4").tobytes())
    return _AUDIO_CLIP[0]


async def ws_audio_start(fields, tag, run_name, placement):
    """audio_start, then (when a hint is given) the clip in 100 ms frames at five times real time
    and audio_stop: audio_started, and every audio_chords as `updates`."""
    plugin = await ws_session(f"{tag}-{run_name}")
    updates = []
    try:
        await plugin.send_raw(json.dumps(envelope("audio_start", fields, placement)))
        reply, _ = await until(plugin, {"audio_started"})
        if reply["type"] == "audio_started" and {"key", "tempo", "time_signature"} & set(fields):
            pcm, step = audio_clip(), 44100 // 10 * 2 * 4
            for at in range(0, len(pcm), step):
                await plugin.ws.send(pcm[at:at + step])
                await asyncio.sleep(0.02)
            await plugin.send("audio_stop")
            _, updates = await until(plugin, {"audio_stopped"})
    finally:
        await plugin.close()
    return Answer(200 if reply["type"] == "audio_started" else 422, reply,
                  updates=[u["data"] for u in updates if u["type"] == "audio_chords"])


async def ws_audio_stop(fields, tag, run_name, placement):
    plugin = await ws_session(f"{tag}-{run_name}")
    try:
        await plugin.send("audio_start", AUDIO_FORMAT)
        await plugin.expect("audio_started")
        await plugin.send_raw(json.dumps(envelope("audio_stop", fields, placement)))
        reply, _ = await until(plugin, {"audio_stopped"})
    finally:
        await plugin.close()
    return Answer(200 if reply["type"] == "audio_stopped" else 422, reply)


def downbeat_gap(answer):
    """The median time between downbeats, in seconds."""
    downbeats = [b["seconds"] for u in answer.updates for b in u["beats"] if b["downbeat"]]
    gaps = sorted(later - earlier for earlier, later in zip(downbeats, downbeats[1:]))
    return round(gaps[len(gaps) // 2], 1)


def audio_start_cases():
    b = AUDIO_FORMAT
    started = lambda a: a.body["data"]  # noqa: E731
    return {
        "sample_rate": C(b, edit(b, {"sample_rate": 22050}), lambda a: started(a)["sample_rate"],
                         lambda t, base, varied: t.assertEqual(started(varied)["sample_rate"], 22050)),
        "channels": C(b, edit(b, {"channels": 1}), lambda a: started(a)["bytes_per_frame"],
                      lambda t, base, varied: t.assertEqual(started(varied)["bytes_per_frame"], 4)),
        "sample_type": C(b, edit(b, {"sample_type": "s16le"}), lambda a: started(a)["bytes_per_frame"],
                         lambda t, base, varied: t.assertEqual(started(varied)["sample_type"], "s16le")),
        "key": C(edit(b, {"tempo": 120}), edit(b, {"tempo": 120, "key": "F#"}), lambda a: a.updates[-1]["key"],
                 lambda t, base, varied: t.assertEqual(varied.updates[-1]["key"], "F#")),
        "tempo": C(edit(b, {"key": "C"}), edit(b, {"key": "C", "tempo": 90}), lambda a: a.updates[-1]["tempo"],
                   lambda t, base, varied: t.assertEqual(varied.updates[-1]["tempo"], 90)),
        # Bars of three beats at 120 BPM: downbeats 1.5 s apart, not 2.
        "time_signature": C(edit(b, {"key": "C"}), edit(b, {"key": "C", "time_signature": "3/4"}), downbeat_gap,
                            lambda t, base, varied: t.assertEqual(downbeat_gap(varied), 1.5)),
        "request_id": request_id_case(b),
    }


def ws_table():
    register = {
        "plugin_id": C({}, {"plugin_id": "{tag}-other"},
                       lambda a: a.body["data"]["plugin_id"] == a.session_id,
                       lambda t, base, varied: t.assertEqual(
                           (varied.body["data"]["plugin_id"], varied.entry["connected"]),
                           (varied.tag + "-other", True))),
        "request_id": request_id_case({}),
    }
    for detail, value in (("name", "Band X"), ("version", "9.9"), ("daw", "Bitwig")):
        register[detail] = C({}, {detail: value}, lambda a, d=detail: a.entry.get(d),
                             lambda t, base, varied, d=detail, v=value: t.assertEqual(varied.entry[d], v))
    heartbeat = {
        "timestamp": C({}, {"timestamp": 12.5}, lambda a: a.body["data"].get("client_timestamp"),
                       lambda t, base, varied: t.assertEqual(varied.body["data"].get("client_timestamp"), 12.5)),
        "request_id": request_id_case({}),
    }

    def transport_request_id():
        # An update has no answer but its error: the error carries the request_id.
        case = C({"tempo": 1000}, {"tempo": 1000, "request_id": "rid-7"},
                 lambda a: a.errors[0].get("request_id") if a.errors else "no error",
                 lambda t, base, varied: t.assertEqual(varied.errors[0].get("request_id"), "rid-7"),
                 varied_may_fail=True, base_may_fail=True, prepare=known_transport)
        return case

    update = transport_cases()
    update["request_id"] = transport_request_id()
    # As the spec sends it (camelCase), and our spellings, which it also reads.
    spec_sync = transport_cases("isPlaying", "currentBeat")
    spec_sync.update({k: v for k, v in transport_cases().items() if k in ("is_playing", "current_beat")})
    spec_sync["request_id"] = transport_request_id()
    status = {"request_id": request_id_case({})}
    detect = detection_cases(data=lambda a: a.body["data"])
    detect["request_id"] = request_id_case(detect_body())

    def lists(table):
        return {name: [case] for name, case in table.items()}

    return {
        "WS register": (ws_register, lists(register)),
        "WS heartbeat": (ws_heartbeat, lists(heartbeat)),
        "WS transport_update": (ws_transport_runner("transport_update"), lists(update)),
        "WS transport_sync": (ws_transport_runner("transport_sync"), lists(spec_sync)),
        "WS generation_request": (ws_generation_runner("generation_request"), ws_generation_cases(False)),
        "WS generate_request": (ws_generation_runner("generate_request"), ws_generation_cases(True)),
        "WS status_request": (ws_status_request, lists(status)),
        "WS detect_chords": (ws_detect, lists(detect)),
        "WS live_start": (ws_live_start, lists(live_start_cases())),
        "WS live_stop": (ws_live_message_runner("live_stop", {"live_stopped"}), lists({"request_id": request_id_case({})})),
        "WS chord_event": (ws_live_message_runner("chord_event", {"chord_heard"}), lists(chord_event_cases())),
        "WS note_events": (ws_live_message_runner("note_events", {"chord_heard"}), lists(note_events_cases())),
        "WS live_save": (ws_live_save, lists(live_save_cases())),
        "WS audio_start": (ws_audio_start, lists(audio_start_cases())),
        "WS audio_stop": (ws_audio_stop, lists({"request_id": request_id_case({})})),
    }


# ---- the tests -------------------------------------------------------------------------------------

class EveryFieldTest(unittest.TestCase):
    maxDiff = 2000

    @classmethod
    def setUpClass(cls):
        cls.documented = documented_fields()
        cls.http = http_table()
        cls.ws = ws_table()

    def test_every_documented_field_has_a_case(self):
        tables = dict(self.http)
        tables.update(self.ws)
        total = 0
        for operation, fields in sorted(self.documented.items()):
            with self.subTest(operation=operation):
                self.assertTrue(operation in tables, f"{operation} documents fields {sorted(fields)} but has no cases")
                cases = tables[operation][1]
                missing = sorted(fields - set(cases))
                self.assertEqual(missing, [], f"{operation}: these fields are documented but have no case")
                stale = sorted(set(cases) - fields)
                self.assertEqual(stale, [], f"{operation}: cases for fields no document names")
                total += len(set(cases) & fields)
        self.assertEqual(sorted(set(tables) - set(self.documented)), [], "cases for operations no document names")
        print(f"\n{total} documented (operation, field) cases in {len(self.documented)} operations", file=sys.stderr)

    async def check_case(self, run, case, placement=None):
        """The baseline and the varied body, each on its own; their observables must differ."""
        tag = new_tag()
        results, sent = [], []
        for run_name, body in (("base", case.base), ("varied", case.varied)):
            if case.prepare:
                case.prepare(tag)
            body = materialize(body, tag)
            sent.append(body)
            results.append(await (run(body, tag, run_name) if placement is None
                                  else run(body, tag, run_name, placement)))
        base, varied = results
        try:
            if not case.base_may_fail:
                self.assertTrue(base.ok, f"the baseline was refused: {base.error}")
            if not case.varied_may_fail:
                self.assertTrue(varied.ok, f"the varied body was refused: {varied.error}")
            if case.expect:
                case.expect(self, base, varied)
            before, after = case.observe(base), case.observe(varied)
            self.assertNotEqual(before, after, f"the field changed nothing: {str(before)[:300]}")
        except AssertionError as error:
            raise AssertionError(f"{error}\n  baseline sent: {json.dumps(sent[0])[:400]}"
                                 f"\n  varied sent:   {json.dumps(sent[1])[:400]}") from None

    async def all_cases(self, table, placements=(None,)):
        for operation, (run, cases) in table.items():
            for name, variants in cases.items():
                for case in variants:
                    for placement in placements:
                        with self.subTest(operation=operation, field=name, form=case.form or None,
                                          placement=placement):
                            await self.check_case(run, case, placement)

    def test_http_fields_change_the_result(self):
        asyncio.run(self.all_cases(self.http))

    def test_websocket_fields_change_the_result(self):
        asyncio.run(self.all_cases(self.ws, placements=("data", "beside type")))

    def test_same_request_same_result(self):
        """What the cases compare would differ anyway if a fixed seed did not give the same take."""
        async def check():
            runs = [("POST /api/generate", generation_runner("/api/generate"), generate_body(True), None),
                    ("POST /api/midi/generate", generation_runner("/api/midi/generate"), flat_body(True), None),
                    ("WS generation_request", ws_generation_runner("generation_request"), generate_body(False), "data"),
                    ("WS generate_request", ws_generation_runner("generate_request"), flat_body(False), "data")]
            for operation, run, body, placement in runs:
                with self.subTest(operation=operation):
                    tag = new_tag()
                    takes = []
                    for run_name in ("one", "two"):
                        args = (materialize(body, tag), tag, run_name) + ((placement,) if placement else ())
                        takes.append(await run(*args))
                    self.assertTrue(takes[0].ok and takes[1].ok, [t.error for t in takes])
                    self.assertEqual({k: p.data for k, p in takes[0].parts.items()},
                                     {k: p.data for k, p in takes[1].parts.items()})
            with self.subTest(operation="POST /api/render"):
                body = materialize(generate_body(True), new_tag())
                first, second = [await run_render(body, "", name) for name in ("one", "two")]
                self.assertTrue(first.ok and second.ok, [first.error, second.error])
                self.assertEqual(audio_bytes(first), audio_bytes(second), "the same take renders the same sound")
            with self.subTest(operation="POST /api/files/{filename}/regenerate"):
                first = await run_regenerate({"seed": 9}, "", "one")
                second = await run_regenerate({"seed": 9}, "", "two")
                self.assertEqual(first.parts["bass"].data, second.parts["bass"].data)
        asyncio.run(check())

    # -- undocumented fields ------------------------------------------------------------------------

    def object_paths(self, operation):
        """The objects a body of this operation has: '' (the body), 'chord_progression.',
        'chord_progression.chords[].', ..."""
        prefixes = {""}
        for name in self.documented.get(operation, ()):
            if name.startswith("?") or " (" in name:
                continue
            head, dot, _ = name.rpartition(".")
            if dot:
                prefixes.add(head + ".")
        return sorted(prefixes)

    @staticmethod
    def inject(body, prefix):
        """The body with UNKNOWN added to the object at `prefix` (first array element), and the
        name the refusal must give it; None when the body has no such object."""
        body = copy.deepcopy(body)
        target, name = body, ""
        for step in [s for s in prefix.split(".") if s]:
            array = step.endswith("[]")
            key = step[:-2] if array else step
            if not isinstance(target, dict) or key not in target:
                return None
            target = target[key]
            name += key
            if array:
                if not isinstance(target, list) or not target or not isinstance(target[0], dict):
                    return None
                target = target[0]
                name += "[0]"
            name += "."
            if not isinstance(target, dict):
                return None
        target[UNKNOWN] = 1
        return body, name + UNKNOWN

    def bodies_for(self, cases):
        for variants in cases.values():
            for case in variants:
                for body in (case.base, case.varied):
                    yield case, body

    def test_unknown_fields_are_refused_over_http(self):
        async def check():
            table = dict(self.http)
            for operation in ("POST /api/transport/stop", "POST /api/transport/reset"):
                table[operation] = (None, {"": [C({}, {}, None)]})
            for operation, (_, cases) in sorted(table.items()):
                method, path = operation.split(" ", 1)
                if method != "POST":
                    continue
                prefixes = self.object_paths(operation)
                for prefix in prefixes:
                    with self.subTest(operation=operation, object=prefix or "(body)"):
                        found = None
                        for case, body in self.bodies_for(cases):
                            found = self.inject(body, prefix)
                            if found:
                                break
                        self.assertIsNotNone(found, f"no case body has the object {prefix!r}")
                        body, name = found
                        tag = new_tag()
                        if case.prepare:
                            case.prepare(tag)
                        body = materialize(body, tag)
                        if path == "/api/midi/stream":
                            body = {k: Fixture.take().get(v, v) for k, v in body.items()}
                        if "{filename}" in path:
                            path = path.replace("{filename}", Fixture.original()[0])
                        status, _, answer = await ahttp_json("POST", SERVER.base + path, body, timeout=30)
                        self.assertEqual((status, error_of(answer.get("error"))), (422, ("invalid_field", name)),
                                         f"sent {json.dumps(body)[:400]}; answer {json.dumps(answer)[:300]}")
        asyncio.run(check())

    def test_unknown_query_parameters_are_refused(self):
        """The operations that document query parameters: one they do not know is named too."""
        for operation in sorted(self.documented):
            method, path = operation.split(" ", 1)
            if method != "GET":
                continue
            with self.subTest(operation=operation):
                status, _, answer = http_json("GET", f"{SERVER.base}{path}?{UNKNOWN}=1")
                self.assertEqual((status, error_of(answer.get("error") if isinstance(answer, dict) else None)),
                                 (422, ("invalid_field", UNKNOWN)),
                                 f"GET {path}?{UNKNOWN}=1 answered {status} {json.dumps(answer)[:200]}")

    def test_unknown_fields_are_refused_over_websocket(self):
        async def check():
            for operation, (_, cases) in sorted(self.ws.items()):
                type_ = operation.split(" ", 1)[1]
                for prefix in self.object_paths(operation):
                    for placement in ("data", "beside type"):
                        with self.subTest(operation=operation, object=prefix or "(message)", placement=placement):
                            found = None
                            for case, body in self.bodies_for(cases):
                                body = {k: v for k, v in body.items() if k != "request_id"}
                                found = self.inject(body, prefix)
                                if found:
                                    break
                            self.assertIsNotNone(found, f"no case body has the object {prefix!r}")
                            body, name = found
                            tag = new_tag()
                            body = materialize(body, tag)
                            plugin = await ws_session(tag)
                            try:
                                await plugin.send_raw(json.dumps(envelope(type_, body, placement)))
                                seen = []
                                answer = await barrier(plugin, seen, request_id="after")
                            finally:
                                await plugin.close()
                            errors = [m for m in seen if m["type"] == "error"]
                            expected = ("data." if placement == "data" else "") + name
                            self.assertTrue(errors, f"sent {json.dumps(envelope(type_, body, placement))[:400]}: "
                                                    f"no error; the server answered "
                                                    f"{[m['type'] for m in seen]}")
                            self.assertEqual(error_of(errors[0]["data"]), ("invalid_field", expected),
                                             json.dumps(errors[0])[:300])
                            self.assertEqual(answer["type"], "status")
        asyncio.run(check())

    def test_websocket_url_plugin_id(self):
        """`/ws/sync?plugin_id=ID` and `/ws?plugin_id=ID` (PROTOCOL.md, WebSocket): the session is ID's."""
        async def confirmed(url):
            plugin = await Plugin.connect(SERVER, None, url=url)
            try:
                return (await plugin.expect("connection_confirmed"))["data"]["plugin_id"]
            finally:
                await plugin.close()

        async def check():
            for path in ("/ws/sync", "/ws"):
                with self.subTest(path=path):
                    tag = new_tag()
                    without = await confirmed(SERVER.ws_base + path)
                    with_id = await confirmed(f"{SERVER.ws_base}{path}?plugin_id={tag}")
                    self.assertNotEqual(without, with_id)
                    self.assertEqual(with_id, tag)
        asyncio.run(check())

    def test_websocket_register_details_must_be_strings(self):
        """As over HTTP (`name must be a string`): a detail the server cannot keep is refused, not
        dropped."""
        async def check():
            for detail in ("name", "version", "daw"):
                with self.subTest(field=detail, over="HTTP"):
                    status, _, answer = await ahttp_json("POST", SERVER.base + "/api/plugin/register",
                                                         {"plugin_id": new_tag(), detail: 5})
                    self.assertEqual((status, error_of(answer.get("error"))), (422, ("invalid_field", detail)))
                with self.subTest(field=detail, over="WebSocket"):
                    plugin = await ws_session(new_tag())
                    try:
                        await plugin.send("register", {detail: 5})
                        reply, _ = await until(plugin, {"registered"})
                    finally:
                        await plugin.close()
                    self.assertEqual((reply["type"], error_of(reply["data"])),
                                     ("error", ("invalid_field", f"data.{detail}")),
                                     f"register {{\"{detail}\": 5}} answered {json.dumps(reply)[:300]}")
        asyncio.run(check())


if __name__ == "__main__":
    unittest.main(verbosity=2)
