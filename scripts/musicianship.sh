#!/usr/bin/env bash
# Renders the musicianship song set (tests/tools/musicianship_songs.json: per style, songs an
# arranger would judge it on, two seeds each) with our engine and with MMA, measures both with
# the independent checker (tests/python/musicianship.py: Python + mido, FluidSynth + sox for the
# part levels), prints the failures and the table, and writes the table into docs/MUSIC.md
# ("Musicianship, measured"). Exit status is the checker's: 0 when every style of ours passes
# every threshold (MMA's figures are shown beside ours, never judged).
# Usage: scripts/musicianship.sh [--no-levels] [--no-mma] [--keep DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_BUILD_DIR:-$root/build}"
levels=(--levels)
with_mma=true
keep=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-levels) levels=() ;;
        --no-mma) with_mma=false ;;
        --keep) keep="$2"; shift ;;
        *) echo "usage: scripts/musicianship.sh [--no-levels] [--no-mma] [--keep DIR]" >&2; exit 2 ;;
    esac
    shift
done
"$root/scripts/install-deps.sh" --music
"$root/scripts/build.sh" render_corpus

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
songs="$root/tests/tools/musicianship_songs.json"
"$build/tests/render_corpus" "$work/ours" --songs "$songs"
mma_args=()
if [[ "$with_mma" == true ]]; then
    /usr/bin/python3 "$root/tests/python/musicianship_mma.py" "$songs" "$work/mma"
    mma_args=(--mma "$work/mma")
fi
status=0
/usr/bin/python3 "$root/tests/python/musicianship.py" "$work/ours" "${mma_args[@]}" "${levels[@]}" \
    --markdown "$work/table.md" --json "$work/measures.json" || status=$?
if [[ -n "$keep" ]]; then
    mkdir -p "$keep" && cp -r "$work"/. "$keep"/
fi
/usr/bin/python3 "$root/tests/tools/write_between_markers.py" "$root/docs/MUSIC.md" musicianship "$work/table.md" \
    scripts/musicianship.sh
exit "$status"
