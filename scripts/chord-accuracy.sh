#!/usr/bin/env bash
# Measures how well chords and keys are read from what was played (issue 14; docs/MUSIC.md,
# "Chords from MIDI"): builds the app, runs tests/tools/chord_accuracy.py against it, prints
# the table and writes it into docs/MUSIC.md between its markers. Exit status 1 when a corpus
# falls below its floor (the script's --check).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
/usr/bin/python3 "$root/tests/tools/chord_accuracy.py" "$build/app/ai-band-orchestrator" --markdown "$work/table.md" --check || status=$?

/usr/bin/python3 - "$root/docs/MUSIC.md" "$work/table.md" <<'PY'
import sys, datetime
doc, table = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
begin, end = "<!-- chord-accuracy:begin -->", "<!-- chord-accuracy:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
stamp = f"Measured {datetime.date.today().isoformat()} by `scripts/chord-accuracy.sh`.\n\n"
open(doc, "w").write(head + begin + "\n" + stamp + table + end + tail)
PY
exit "$status"
