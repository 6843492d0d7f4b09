#!/usr/bin/env bash
# The one command for the benchmarks (docs/BENCHMARKS.md): installs what is missing, configures
# and builds a Release build with AIBAND_BUILD_BENCHMARKS=ON in build-bench/ (not build/), runs
# every benchmark that is built (engine, WebSocket load generator, wrk HTTP runs, startup and
# memory probe), writes bench/results/latest.json and regenerates the figures in
# docs/BENCHMARKS.md, docs/benchmarks-fanout.svg and docs/benchmarks-latest.json (the figures as
# data: the next run, on any clone, marks what moved against them). About 2-3 minutes without --soak.
#
# Usage: scripts/bench.sh [--soak MINUTES] [--quick] [--profile] [--only PARTS]
#        scripts/bench.sh --compare-original [--original DIR] [--quick]
#   --soak MINUTES  also run mixed load for that long, sampling RSS and open fds (issue 7: 10)
#   --quick         short runs to check the runner; writes bench/results/quick.json and its
#                   report bench/results/quick.md, not the docs
#   --profile       instead of the figures: the server under callgrind for /health and
#                   /api/generate, reports in bench/results/profile-*.txt
#   --only PARTS    comma-separated subset of engine,loadgen,http,probe
#   --compare-original
#                   instead of the figures: ours and the original Python orchestrator side by
#                   side, in one run (bench/tools/compare_original.py, about 7 minutes; with
#                   --quick 1 short round): /health, sequential and 16-client generation, fan-out
#                   to 100, memory with 1,000 sessions, the listing, a download and a transport
#                   sync with 100 files, and this disk's fdatasync floor. Writes
#                   bench/results/compare-original.json and prints a markdown table.
#   --original DIR  the original's checkout (default: $AIBAND_ORIGINAL_DIR); nothing is fetched,
#                   docs/BENCHMARKS.md says how to get it. It is copied and patched, never changed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_BENCH_BUILD_DIR:-$root/build-bench}"
python=/usr/bin/python3   # Debian's, with python3-websockets (the probe's plugin sessions)

soak=() quick=0 profile=0 only=() compare=0 original="${AIBAND_ORIGINAL_DIR:-}"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --soak) soak=(--soak "${2:?--soak needs MINUTES}"); shift 2 ;;
        --quick) quick=1; shift ;;
        --profile) profile=1; shift ;;
        --only) only=(--only "${2:?--only needs PARTS}"); shift 2 ;;
        --compare-original) compare=1; shift ;;
        --original) original="${2:?--original needs DIR}"; shift 2 ;;
        -h|--help) sed -n '2,/^set /p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [[ $compare -eq 1 && -z "$original" ]]; then
    echo "--compare-original needs the original's checkout: --original DIR or AIBAND_ORIGINAL_DIR" \
         "(docs/BENCHMARKS.md, \"Side by side with the original\")" >&2
    exit 2
fi

"$root/scripts/install-deps.sh" --bench

mkdir -p "$build"
log="$build/bench-build.log"
if ! cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAIBAND_BUILD_BENCHMARKS=ON >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
fi
# Only what the benchmarks run: the app, and the benchmark programs that exist in this checkout.
targets=(ai-band-orchestrator)
available=$(cmake --build "$build" --target help 2>/dev/null || true)
for target in bench_engine loadgen; do
    if grep -qE "^${target}[: ]" <<<"$available"; then
        targets+=("$target")
    fi
done
echo "[bench] building (Release) in ${build#"$root"/}: ${targets[*]}"
if ! cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}" >>"$log" 2>&1; then
    grep -E "error|Error|FAILED" "$log" >&2 || tail -50 "$log" >&2
    echo "Build failed; the full output is in $log" >&2
    exit 1
fi

if [[ $compare -eq 1 ]]; then
    quick_flag=()
    [[ $quick -eq 1 ]] && quick_flag=(--quick)
    exec "$python" "$root/bench/tools/compare_original.py" "$build" --original "$original" "${quick_flag[@]}"
fi
if [[ $profile -eq 1 ]]; then
    exec "$python" "$root/bench/tools/profile.py" "$build"
fi
if [[ $quick -eq 1 ]]; then
    # The report of a quick run goes beside it, not into the docs: it shows the machine and the marks.
    "$python" "$root/bench/tools/run_all.py" "$build" --quick --out "$root/bench/results/quick.json" \
        "${soak[@]}" "${only[@]}"
    exec "$python" "$root/bench/tools/report.py" --results "$root/bench/results/quick.json" \
        --doc "$root/bench/results/quick.md" --svg "$root/bench/results/quick-fanout.svg"
fi
"$python" "$root/bench/tools/run_all.py" "$build" --out "$root/bench/results/latest.json" "${soak[@]}" "${only[@]}"
# The results the doc shows are kept beside it (committed with it): the next run, on any clone,
# marks what moved against them.
"$python" "$root/bench/tools/report.py" --results "$root/bench/results/latest.json" \
    --publish "$root/docs/benchmarks-latest.json"
