#!/usr/bin/env bash
# Campaign figures (issue 6, item 5), all measured in one run on this machine:
#
#   bench/fuzz/campaign-bench.sh [--seconds 60] [--runs 5]
#
# 1. exec/s under afl-fuzz, one instance pinned to CPU 0, SECONDS each, of
#    - trivial:         bench/fuzz/trivial-target.c, a native AFL++ persistent target reading stdin
#                       and doing nothing (the engine's ceiling the issue sets the target against);
#    - sharpfuzz-empty: bench/fuzz/EmptyTarget, a SharpFuzz target doing nothing (the ceiling of
#                       any .NET target here);
#    - fast:            `conformancekit fuzz --variant fast` on dext/NullDriver (cov build, inproc);
#    - socket-cov:      ConformanceKit's target on the cov build over the socket transport — the CLI
#                       cannot choose this, so afl-fuzz is started directly with the CLI's command line;
#    - asan:            `conformancekit fuzz --variant asan` (asan-cov build in dexthost), RUNS times;
# 2. time to first finding per known-vulnerable path of dext/NullDriver over those RUNS asan campaigns.
#
# Raw outputs go to build/bench-fuzz/campaign-<time>/; the report (bench/FuzzManaged
# campaign-report) writes bench/results/fuzz-campaign.md and .json, using the BenchmarkDotNet
# summary of bench/fuzz/managed-bench.sh when present (run that first; run-all.sh does).
# About 11 minutes with the defaults once everything is built. Exit 0 when every measurement ran.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

seconds=60 runs=5
parse_measurement_options "$@"
command -v afl-clang-fast >/dev/null || die "afl-clang-fast not found (Debian's afl++ package provides it)"

# Builds first, outside every measurement.
build_cli
build_bench_project
build_dext "$root/dext/NullDriver" cov asan asan-cov
say "building the empty SharpFuzz target and the trivial native target"
dotnet build "$root/bench/fuzz/EmptyTarget" -c Release -o "$root/build/bench-fuzz/empty-target" -nologo -v:q -clp:ErrorsOnly >/dev/null \
  || die "bench/fuzz/EmptyTarget does not build"
AFL_QUIET=1 afl-clang-fast -O2 -o "$root/build/bench-fuzz/trivial-target" "$root/bench/fuzz/trivial-target.c" \
  || die "afl-clang-fast cannot build bench/fuzz/trivial-target.c"

run="$root/build/bench-fuzz/campaign-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"
write_meta "$run"
echo "seconds: $seconds" >"$run/settings.txt"
echo "runs: $runs" >>"$run/settings.txt"
nulldriver="$root/dext/NullDriver"

# ConformanceKit's target with the environment AflInstance gives it, but the cov dexthost: the one
# transport/build pair the CLI's variants (fast = inproc+cov, asan = socket+asan-cov) leave out.
# fuzz/Target is published (build/fuzz/target) by the fast campaign, which runs first.
socket_cov() ( # OUT SEEDS DICTIONARY SECONDS
  export CK_FUZZ_SPEC="$nulldriver/spec.yaml" CK_FUZZ_TRANSPORT=socket CK_FUZZ_NATIVE_COVERAGE=1 CK_FUZZ_CALL_TIMEOUT_MS=2000 \
    CK_FUZZ_DEXT_BINARY="$(dirname "$(bash "$root/dext/build-dext.sh" "$nulldriver" --variant cov)")/dexthost"
  direct_afl "$@" dotnet "$(command -v dotnet)" "$root/build/fuzz/target/ConformanceKit.Fuzz.Target.dll"
)

say "fast: conformancekit fuzz --variant fast, ${seconds}s (this also writes the seeds and dictionary the direct runs use)"
measure "$run" fast campaign "$run/fast" "$nulldriver" "$seconds" fast --allow-known
seeds="$run/fast/seeds" dict="$run/fast/dictionary.dict"

say "socket-cov: the target on the cov dexthost, afl-fuzz started directly, ${seconds}s"
measure "$run" socket-cov socket_cov "$run/socket-cov" "$seeds" "$dict" "$seconds"

say "trivial: the native persistent target, ${seconds}s"
measure "$run" trivial direct_afl "$run/trivial" "$seeds" "$dict" "$seconds" native "$root/build/bench-fuzz/trivial-target"

say "sharpfuzz-empty: the empty SharpFuzz target, ${seconds}s"
measure "$run" sharpfuzz-empty direct_afl "$run/sharpfuzz-empty" "$seeds" "$dict" "$seconds" \
  dotnet "$(command -v dotnet)" "$root/build/bench-fuzz/empty-target/ConformanceKit.Fuzz.EmptyTarget.dll"

for k in $(seq 1 "$runs"); do
  say "asan $k/$runs: conformancekit fuzz --variant asan, ${seconds}s"
  measure "$run" "asan-$k" campaign "$run/asan-$k" "$nulldriver" "$seconds" asan --allow-known
done

say "writing bench/results/fuzz-campaign.md and .json"
# Pinned like the measurements: the report times the target on each campaign's queue.
taskset -c 0 dotnet "$bench_dll" campaign-report "$run"
