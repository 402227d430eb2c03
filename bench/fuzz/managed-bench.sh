#!/usr/bin/env bash
# BenchmarkDotNet for the managed side of a fuzz execution (bench/FuzzManaged): ProgramDecoder.Decode,
# ProgramRunner.Run on inproc (release), socket (release) and socket (asan), the transport
# operations a run is made of, and FuzzTarget.Execute per campaign variant, all on dext/NullDriver
# with its passing seeds as the inputs.
#
#   bench/fuzz/managed-bench.sh [BenchmarkDotNet arguments, e.g. --filter '*Decode*']
#
# The whole run is pinned to CPU 0, where a campaign's first instance runs afl-fuzz, the target and
# its dexthost together, so a socket exchange costs what it costs in a campaign: a switch on one core.
# (Unpinned, with dexthost on the other, idle core, one call measured about four times slower here.)
# Writes the medians the campaign report uses to bench/results/fuzz-managed/summary.json;
# BenchmarkDotNet's own reports and logs stay in build/bench/fuzz-managed/. About 3 minutes on 2 cores.
# Exit 0 when every benchmark ran.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build_dext "$root/dext/NullDriver" release asan cov asan-cov
build_bench_project
exec taskset -c 0 dotnet "$bench_dll" "$@"
