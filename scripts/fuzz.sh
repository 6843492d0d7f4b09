#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/, clang with ASan + UBSan, in build-fuzz/) and runs
# each for a bounded time, one after another. New corpus entries and crash reproducers go to
# build-fuzz/fuzz-work/ (not committed); the seeds stay in tests/fuzz/corpus/. Exits non-zero
# when any target crashes, hangs or breaks an invariant, naming the reproducer.
# Not part of ctest: it needs clang and minutes per target (docs/RELIABILITY.md, "Fuzzing").
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#   SECONDS_PER_TARGET  default 600 (the release check: ten minutes each)
#   TARGET              fuzz_chord fuzz_request fuzz_filename fuzz_websocket fuzz_http_tracker
#                       fuzz_websocket_frames fuzz_audio_reader (default: all)
# Environment: AIBAND_FUZZ_BUILD_DIR (default build-fuzz), AIBAND_FUZZ_JOBS (build jobs, 2).
# Reproduce a crash: build-fuzz/tests/fuzz/TARGET REPRODUCER
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_FUZZ_BUILD_DIR:-$root/build-fuzz}"
all_targets=(fuzz_chord fuzz_request fuzz_filename fuzz_websocket fuzz_http_tracker fuzz_websocket_frames fuzz_audio_reader)

case "${1:-}" in
    -h|--help) sed -n '2,/^set /p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
seconds=600
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $target "* ]] || { echo "unknown target: $target (known: ${all_targets[*]})" >&2; exit 2; }
done

"$root/scripts/install-deps.sh" --fuzz
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER=clang++ -DAIBAND_BUILD_FUZZERS=ON -DAIBAND_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j"${AIBAND_FUZZ_JOBS:-2}" --target "${targets[@]}"

work="$build/fuzz-work"
mkdir -p "$work"
# Undefined behaviour and leaks are failures too; stack traces make the report useful.
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1

failed=()
summary="$work/summary.txt"
: >"$summary"
printf '%-16s %8s %12s %9s %7s %7s %8s %s\n' target seconds execs exec/s cov ft corpus peak_rss >>"$summary"
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target"
    artifacts="$work/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    dict=()
    [[ -f "$root/tests/fuzz/$target.dict" ]] && dict=(-dict="$root/tests/fuzz/$target.dict")
    log="$work/$target.log"
    echo "== $target: ${seconds}s (log: $log)"
    status=0
    "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" \
        "$corpus" "$root/tests/fuzz/corpus/$target" >"$log" 2>&1 || status=$?

    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
    files=$(find "$corpus" -type f | wc -l)
    printf '%-16s %8s %12s %9s %7s %7s %8s %s\n' "$target" "$seconds" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
        "${ft:-?}" "$files" "${rss:-?}MB" >>"$summary"
    tail -1 "$summary"
    if [[ $status -ne 0 ]]; then
        reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        grep -E 'INVARIANT BROKEN|ERROR: |runtime error|SUMMARY' "$log" | head -5 | sed 's/^/   /'
        echo "   $target FAILED (exit $status); reproducer: ${reproducer:-see $log}"
        echo "   reproduce: $build/tests/fuzz/$target ${reproducer:-}"
        failed+=("$target")
    fi
done

echo
cat "$summary"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzzing found problems in: ${failed[*]}" >&2
    exit 1
fi
echo "all targets ran clean for ${seconds}s each; new corpus in $work/corpus"
