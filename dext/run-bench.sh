#!/usr/bin/env bash
# Builds and runs dext/'s micro-benchmarks (dext/bench) and writes bench/results/dext-micro.json
# (Google Benchmark's output) and bench/results/dext-micro.md (the table, the machine, what limits
# each path). About a minute on a 2-core machine.
# Its own tree, build/dext-bench, with only what the benchmarks need (NullDriver, release): it never
# waits for or disturbs run-tests.sh's tree of every variant.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
tree="$root/build/dext-bench"
results="$root/bench/results"

source "$here/toolchain.sh"
[ -n "$cxx" ] || { echo "run-bench.sh: clang++ not found" >&2; exit 2; }

mkdir -p "$tree" "$results"
exec 9>"$tree/.lock"
flock 9
cmake -S "$here" -B "$tree" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" "${launcher_args[@]}" \
  -DDKSIM_DEXTS="$here/NullDriver" -DDKSIM_VARIANTS=release -DDKSIM_BUILD_TESTS=ON >/dev/null
# Only the benchmark and what it links: the test suites of this configuration are run-tests.sh's job.
cmake --build "$tree" -j "$(nproc)" --target dext_micro_bench
bench="$tree/tests/bench/dext_micro_bench"

loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
"$bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_enable_random_interleaving=true \
  --benchmark_out="$results/dext-micro.json" --benchmark_out_format=json

# Where the time goes, as sampled by perf: the accepted in-process call by symbol, and the pinned
# round trips by process and kernel/user space. Optional: perf may be missing or not allowed.
profiles="$tree/profiles"
rm -rf "$profiles"
mkdir -p "$profiles"
record() { # record NAME FILTER: perf data of one benchmark, about a second of it
  perf record -q -e cpu-clock -o "$profiles/$1.data" -- \
    "$bench" --benchmark_filter="$2" --benchmark_min_time=1 >/dev/null 2>"$profiles/$1.log"
}
if ! command -v perf >/dev/null; then
  echo "perf is not installed" >"$profiles/why-not.txt"
elif ! record call-dksim-accepted '^call/dksim/accepted'; then
  echo "perf record failed ($(tail -n 1 "$profiles/call-dksim-accepted.log"))" >"$profiles/why-not.txt"
else
  perf report -i "$profiles/call-dksim-accepted.data" --stdio -q --sort sym 2>/dev/null |
    awk '$1 ~ /%$/ && $1 + 0 >= 3 { pct = $1 + 0; $1 = ""; $2 = ""; sub(/^ +/, ""); gsub(/\|/, "\\|");
                                    printf "| %.1f %% | `%s` |\n", pct, $0 }' |
    sort -t'|' -k2 -rn >"$profiles/call-dksim-accepted.txt"
  for name in dexthost raw; do
    record "roundtrip-$name-pinned" "^roundtrip/$name/pinned"
    perf report -i "$profiles/roundtrip-$name-pinned.data" --stdio -q --sort comm,dso 2>/dev/null |
      awk -v bench="roundtrip/$name/pinned" '
        $1 ~ /%$/ { pct = $1 + 0; if ($3 == "[kernel.kallsyms]") kernel[$2] += pct; else user[$2] += pct; seen[$2] = 1 }
        END { for (comm in seen) printf "| `%s` | `%s` | %.1f %% | %.1f %% |\n", bench, comm, kernel[comm], user[comm] }' |
      sort >>"$profiles/roundtrip-split.txt"
  done
fi

bash "$here/bench/write-results.sh" "$results/dext-micro.json" "$profiles" "$loadavg" >"$results/dext-micro.md.tmp"
mv "$results/dext-micro.md.tmp" "$results/dext-micro.md"
echo "run-bench.sh: wrote $results/dext-micro.json and $results/dext-micro.md"
