#!/usr/bin/env bash
# Does feeding the dext's SanitizerCoverage edges into AFL's map make the fuzzer find what only the
# dext's C++ can lead it to? (issue 6, item 1)
#
#   bench/fuzz/native-coverage.sh [--seconds 120] [--runs 3]
#
# Runs RUNS campaigns of SECONDS each on dext/tests/dexts/MazeDriver (variant fast, 1 job, pinned)
# with native coverage, and RUNS with --no-native-coverage, alternating so that a change in the
# machine's load hits both alike. MazeDriver's one bug (a dispatch.accept violation) needs five
# consecutive calls with a secret sequence of scalar counts; only the dext's edges tell the fuzzer
# it got part of the way (MazeUserClient.cpp). Raw outputs go to build/bench-fuzz/native-coverage-<time>/;
# the report (bench/FuzzManaged native-coverage-report) writes bench/results/fuzz-native-coverage.md
# and .json: per run whether and when the finding appeared and the deepest stage reached.
# About 2 * RUNS * (SECONDS + 10) seconds. Exit 0 when every campaign ran.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

seconds=120 runs=3
parse_measurement_options "$@"

maze="$root/dext/tests/dexts/MazeDriver"
build_cli
build_bench_project
build_dext "$maze" release cov asan

run="$root/build/bench-fuzz/native-coverage-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"
write_meta "$run"
echo "seconds: $seconds" >"$run/settings.txt"
echo "runs: $runs" >>"$run/settings.txt"

for k in $(seq 1 "$runs"); do
  say "run $k/$runs with native coverage (${seconds}s)"
  measure "$run" "with-$k" campaign "$run/with-$k" "$maze" "$seconds" fast
  say "  deepest maze stage reached: $(dotnet "$bench_dll" maze-depth "$run/with-$k/afl/main/queue" "$run/with-$k/afl/main/crashes")"
  say "run $k/$runs without native coverage (${seconds}s)"
  measure "$run" "without-$k" campaign "$run/without-$k" "$maze" "$seconds" fast --no-native-coverage
  say "  deepest maze stage reached: $(dotnet "$bench_dll" maze-depth "$run/without-$k/afl/main/queue" "$run/without-$k/afl/main/crashes")"
done

say "writing bench/results/fuzz-native-coverage.md and .json"
dotnet "$bench_dll" native-coverage-report "$run"
