#!/usr/bin/env bash
# Does a default (asan) campaign find bugs that need a sequence of calls, every time, and how fast?
# (issue 18, item 4)
#
#   bench/fuzz/sequence-bugs.sh [--seconds 60] [--runs 5]
#
# Runs RUNS campaigns of SECONDS each on dext/tests/dexts/SequenceDriver (variant asan, 1 job,
# pinned: `conformancekit fuzz` as a user runs it). Its three planted bugs each need a sequence: a
# third call of Lookup on one connection, a second request a fraction of the delay after the first,
# a 65th pending request (SequenceUserClient.cpp). Raw outputs go to build/bench-fuzz/sequence-<time>/;
# the report (bench/FuzzManaged sequence-report) writes bench/results/fuzz-sequence-bugs.md and .json:
# per run and bug whether and when it was found, and the input that found it first.
# About RUNS * (SECONDS + 15) seconds. Exit 0 when every campaign ran.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

seconds=60 runs=5
parse_measurement_options "$@"

dext="$root/dext/tests/dexts/SequenceDriver"
build_cli
build_bench_project
build_dext "$dext" asan-cov asan

run="$root/build/bench-fuzz/sequence-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"
write_meta "$run"
echo "seconds: $seconds" >"$run/settings.txt"
echo "runs: $runs" >>"$run/settings.txt"

# A campaign that finds the planted bugs exits 1 (findings): that is the expected outcome here.
finding_campaign() { # OUT
  local status=0
  dotnet "$cli_dir/conformancekit.dll" fuzz --dext "$dext" --time "${seconds}s" --out "$1" --jobs 1 >"$1.log" 2>&1 || status=$?
  [ "$status" -le 1 ] || die "campaign $1 failed (exit $status; see $1.log)"
}

for k in $(seq 1 "$runs"); do
  say "run $k/$runs (${seconds}s)"
  measure "$run" "run-$k" finding_campaign "$run/run-$k"
done

say "writing bench/results/fuzz-sequence-bugs.md and .json"
dotnet "$bench_dll" sequence-report "$run"
