#!/usr/bin/env bash
# Builds the app and the thread-heavy unit tests with ThreadSanitizer (g++, -fsanitize=thread, in
# build-tsan/), runs the tests, then the churn (tests/soak/churn.py: clients generating, listing,
# downloading and deleting at once) for a bounded time, and sorts every report with
# tests/soak/tsan_report.py. Exits non-zero when a report touches our code or TSan died, naming
# the logs. Not part of ctest: the build alone takes about 25 minutes on two cores
# (docs/RELIABILITY.md, "Churn").
#
# Usage: scripts/tsan.sh [CHURN_SECONDS]
#   CHURN_SECONDS  default 150; 0 runs the unit tests only
# Environment: AIBAND_TSAN_BUILD_DIR (default build-tsan), AIBAND_TSAN_JOBS (build jobs, 2).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_TSAN_BUILD_DIR:-$root/build-tsan}"
case "${1:-}" in
    -h|--help) sed -n '2,/^set /p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
seconds=${1:-150}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "CHURN_SECONDS must be a number of seconds" >&2; exit 2; }

# The threads: the generation pool, the takes' group commit and settler, publishing.
tests=(tst_warm_thread_pool tst_file_store tst_take_publisher)
# The build's libraries and the churn's Python packages, as for the test suite.
"$root/scripts/install-deps.sh" --test
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS=-fsanitize=thread -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread >/dev/null
fi
cmake --build "$build" -j"${AIBAND_TSAN_JOBS:-2}" --target ai-band-orchestrator "${tests[@]}"

logs="$build/tsan-logs"
rm -rf "$logs"
mkdir -p "$logs"
options="halt_on_error=0 suppressions=$root/tests/soak/tsan.supp"
failed=()
for test in "${tests[@]}"; do
    echo "== $test"
    TSAN_OPTIONS="$options log_path=$logs/$test" QT_QPA_PLATFORM=offscreen \
        "$build/tests/$test" >"$logs/$test.out" 2>&1 || true
    # TSan exits 66 after any report, even Qt's own; the test's verdict is its totals line.
    grep -E '^Totals' "$logs/$test.out" || { echo "   $test did not finish: $logs/$test.out"; failed+=("$test"); }
    grep -q '^Totals: .* 0 failed' "$logs/$test.out" || failed+=("$test")
done
if [[ $seconds -gt 0 ]]; then
    echo "== churn: ${seconds}s"
    TSAN_OPTIONS="$options log_path=$logs/churn" QT_QPA_PLATFORM=offscreen \
        /usr/bin/python3 "$root/tests/soak/churn.py" "$build/app/ai-band-orchestrator" --seconds "$seconds" \
        >"$logs/churn.out" 2>&1 || true
    # Its only expected complaint is TSan's exit status 66 on SIGTERM; anything else fails.
    head -1 "$logs/churn.out"
    if grep -q '^  ' "$logs/churn.out" && grep '^  ' "$logs/churn.out" | grep -vq 'exit status 66 on SIGTERM'; then
        grep '^  ' "$logs/churn.out" | sed 's/^/   /'
        failed+=(churn)
    fi
fi

echo "== reports"
shopt -s nullglob
reports=("$logs"/*.[0-9]*)
if [[ ${#reports[@]} -eq 0 ]]; then
    echo "no ThreadSanitizer reports"
elif ! /usr/bin/python3 "$root/tests/soak/tsan_report.py" "$root" "${reports[@]}"; then
    failed+=(reports)
fi
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "FAILED: ${failed[*]} (logs in $logs)"
    exit 1
fi
echo "clean: nothing in our code (logs in $logs)"
