#!/usr/bin/env bash
# Renders the property corpus (every style in several meters, progressions, seeds and feels),
# checks every file with the independent checker (Python + mido, FluidSynth for one render),
# prints the table per style, and writes it into docs/MUSIC.md between its markers.
# Exit status is the checker's: 0 when every check passed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/tests/render_corpus" "$work/corpus"
status=0
/usr/bin/python3 "$root/tests/python/music_checks.py" "$work/corpus" --render --markdown "$work/table.md" || status=$?

/usr/bin/python3 - "$root/docs/MUSIC.md" "$work/table.md" <<'PY'
import sys, datetime, subprocess
doc, table = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
begin, end = "<!-- checks:begin -->", "<!-- checks:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
stamp = f"Measured {datetime.date.today().isoformat()} by `scripts/music-checks.sh`.\n\n"
open(doc, "w").write(head + begin + "\n" + stamp + table + end + tail)
PY
exit "$status"
