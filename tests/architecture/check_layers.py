#!/usr/bin/env python3
"""Fails when a lower layer includes a higher one (docs/ARCHITECTURE.md, "Layers").

Every project header a source file includes is resolved to its folder, and each folder has a
rank: a file may include its own folder's headers and those of folders ranked below it, never
one ranked the same or above. The window (ui/) may use every core layer but the transports
(server/): it acts through the band session like HTTP and WebSocket do.

    check_layers.py ROOT            check the tree at ROOT (the repository)
    check_layers.py --self-test     prove the check fails on planted violations
"""
import pathlib
import re
import shutil
import sys
import tempfile

# Bottom to top. The five core libraries of core/CMakeLists.txt group these ranks:
# engine (util, music, listening), services (net .. generation, audio), session, server, core (Orchestrator).
# A folder with sources that is not listed here fails the check: a new folder needs a layer.
RANKS = {
    "core/util": 0,
    "core/music": 1,
    "core/listening": 2, # chords, beats and key heard in audio: pure, in the engine; a peer of net
    "core/net": 2,       # host names and origins (QtNetwork's address parser)
    "core/config": 3,
    "core/platform": 3,
    "core/logging": 4,
    "core/files": 5,
    "core/generation": 6,
    "core/audio": 6,     # takes rendered to audio (FluidSynth, libsndfile); a peer of generation
    "core/session": 7,
    "core/server": 8,
    "core": 9,           # Orchestrator, SettingsChange: build and run the layers
    "ui": 10,
    "app": 11,
}
FORBIDDEN = {"ui": {"core/server"}}
# The window must not even see the transports through the headers it includes (Orchestrator.h
# holds them by pointer); only the interface the Orchestrator implements may come along.
HIDDEN_FROM = {"ui": ("core/server", {"core/server/ServerInfo.h"})}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)
SOURCES = ("*.h", "*.cpp")


def resolve(root, including, name):
    """The folder (a RANKS key) of the header `name` included from `including`, or None for a
    header outside the project. Searched as the build does: beside the file, then core/, ui/."""
    for base in (including.parent, root / "core", root / "ui"):
        candidate = (base / name).resolve()
        if candidate.is_file():
            try:
                return candidate.relative_to(root).parent.as_posix()
            except ValueError:
                return None
    return None


def unranked_folders(root):
    folders = set()
    for top in ("core", "ui", "app"):
        for pattern in SOURCES:
            for source in (root / top).rglob(pattern):
                folders.add(source.parent.relative_to(root).as_posix())
    return sorted(f for f in folders if f not in RANKS)


def header_path(root, including, name):
    for base in (including.parent, root / "core", root / "ui"):
        candidate = (base / name).resolve()
        if candidate.is_file():
            try:
                candidate.relative_to(root)
            except ValueError:
                return None
            return candidate
    return None


def include_closure(root, source, seen):
    """Every project header `source` includes, directly or through other headers."""
    text = source.read_text(encoding="utf-8", errors="replace")
    for match in INCLUDE.finditer(text):
        header = header_path(root, source, match.group(1))
        if header is not None and header not in seen:
            seen.add(header)
            include_closure(root, header, seen)
    return seen


def hidden_violations(root):
    found = []
    for folder, (hidden, allowed) in HIDDEN_FROM.items():
        for pattern in SOURCES:
            for source in sorted((root / folder).glob(pattern)):
                for header in sorted(include_closure(root, source, set())):
                    relative = header.relative_to(root).as_posix()
                    if relative.startswith(hidden + "/") and relative not in allowed:
                        found.append(f"{source.relative_to(root)}: {folder}/ sees {relative} through its includes")
    return found


def violations(root):
    root = pathlib.Path(root).resolve()
    found = [f"{folder}/: has sources but no layer in RANKS (tests/architecture/check_layers.py)"
             for folder in unranked_folders(root)]
    for folder, rank in RANKS.items():
        directory = root / folder
        for pattern in SOURCES:
            for source in sorted(directory.glob(pattern)):
                text = source.read_text(encoding="utf-8", errors="replace")
                for match in INCLUDE.finditer(text):
                    target = resolve(root, source, match.group(1))
                    if target is None or target == folder:
                        continue
                    line = text.count("\n", 0, match.start()) + 1
                    where = f"{source.relative_to(root)}:{line}"
                    if target not in RANKS:
                        found.append(f"{where}: includes {match.group(1)} from {target}/, which has no layer")
                    elif target in FORBIDDEN.get(folder, set()):
                        found.append(f"{where}: {folder}/ must not include {target}/ ({match.group(1)})")
                    elif RANKS[target] >= rank:
                        found.append(f"{where}: {folder}/ (layer {rank}) includes {target}/ "
                                     f"(layer {RANKS[target]}): {match.group(1)}")
    return found + hidden_violations(root)


def self_test(root):
    """Each planted upward include must be reported; the clean copy must pass."""
    plants = [
        ("core/music/Chord.cpp", '#include "generation/GenerateRequest.h"'),
        ("core/music/Chord.cpp", '#include "util/../session/BandSession.h"'),
        ("core/server/HttpApi.cpp", '#include "Orchestrator.h"'),
        ("core/session/BandSession.cpp", '#include "server/WebSocketHub.h"'),
        ("core/generation/GenerationService.cpp", '#include "session/Requester.h"'),
        ("core/files/FileStore.cpp", '#include "generation/GenerationResult.h"'),
        ("core/config/Config.cpp", '#include "logging/LogBuffer.h"'),
        ("core/Orchestrator.cpp", '#include "MainWindow.h"'),
        ("ui/TryItPage.cpp", '#include "server/HttpApi.h"'),
        ("core/music/Chord.cpp", '#include "net/HostNames.h"'),
        # Allowed in the Orchestrator's own layer, but the window would see it through the header.
        ("core/Orchestrator.h", '#include "server/WebSocketHub.h"', "sees core/server/WebSocketHub.h"),
    ]
    failures = []
    with tempfile.TemporaryDirectory() as scratch:
        copy = pathlib.Path(scratch) / "tree"
        for folder in ("core", "ui", "app"):
            shutil.copytree(pathlib.Path(root) / folder, copy / folder)
        if violations(copy):
            failures.append("the unchanged tree already fails: " + "; ".join(violations(copy)))
        for path, include, *expected in plants:
            target = copy / path
            original = target.read_text(encoding="utf-8")
            target.write_text(include + "\n" + original, encoding="utf-8")
            sign = expected[0] if expected else path
            if not any(sign in v for v in violations(copy)):
                failures.append(f"not caught: {include} in {path}")
            target.write_text(original, encoding="utf-8")
        stray = copy / "core" / "newfolder" / "Thing.cpp"
        stray.parent.mkdir()
        stray.write_text('#include "music/Chord.h"\n', encoding="utf-8")
        if not any("core/newfolder/" in v for v in violations(copy)):
            failures.append("not caught: a source folder without a layer (core/newfolder)")
    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(plants) + 1 - len([f for f in failures if f.startswith('not caught')])} passed, "
          f"{len(failures)} failed")
    return 1 if failures else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "--self-test":
        return self_test(argv[2])
    if len(argv) != 2:
        print(__doc__)
        return 2
    found = violations(argv[1])
    for violation in found:
        print(violation)
    print(f"{0 if found else 1} passed, {1 if found else 0} failed")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
