#!/usr/bin/env bash
# write-results.sh RESULTS.json PROFILE_DIR LOADAVG > RESULTS.md
# Turns dext_micro_bench's JSON (run with repetitions; medians are reported) into the write-up in
# bench/results/: the table with each benchmark's ratio to its baseline, the machine, and what limits
# each path, in numbers taken from this run. PROFILE_DIR holds run-bench.sh's perf summaries (may be
# empty: the profile section then says why). Called by dext/run-bench.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
json=$1 profiles=$2 loadavg=$3

declare -A value
while IFS=$'\t' read -r name key number; do
  if [ "$key" = error ]; then
    echo "write-results.sh: $name failed: $number" >&2
    exit 1
  fi
  value["$name|$key"]=$number
done < <(awk -f "$here/medians.awk" "$json")

get() {
  local v=${value["$1|$2"]:-}
  if [ -z "$v" ]; then
    echo "write-results.sh: no $2 for $1 in $json" >&2
    case $2 in */op) echo "  (counters come from perf_event_open: is it allowed here? see /proc/sys/kernel/perf_event_paranoid)" >&2 ;; esac
    exit 1
  fi
  printf '%s' "$v"
}
# awk does the arithmetic and the formatting: bash has no floating point.
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
ns() { calc '%s' "($1 < 10) ? sprintf(\"%.2f\", $1) : ($1 < 100) ? sprintf(\"%.1f\", $1) : sprintf(\"%.0f\", $1)"; }
ratio() { calc '%s' "($1 / $2 < 10) ? sprintf(\"%.2f\", $1 / $2) : sprintf(\"%.0f\", $1 / $2)"; }
one() { calc '%.1f' "$1"; }
percent() { calc '%.1f %%' "100 * $1"; }

baseline_of() {
  case $1 in
    call/dksim/*) echo "call/bare/${1#call/dksim/}" ;;
    roundtrip/dexthost/*) echo "roundtrip/raw/${1#roundtrip/dexthost/}" ;;
    *) echo "" ;;
  esac
}

counted() {
  case $1 in
    call/*) echo "$(one "$(get "$1" allocs/op)") allocations, $(one "$(get "$1" syscalls/op)") syscalls" ;;
    roundtrip/*)
      echo "syscalls $(one "$(get "$1" client_syscalls/op)") client + $(one "$(get "$1" server_syscalls/op)") server;" \
        "context switches $(one "$(get "$1" client_switches/op)") + $(one "$(get "$1" server_switches/op)")" ;;
    *) echo "" ;;
  esac
}

row() {
  local name=$1 base
  base=$(baseline_of "$name")
  local time
  time=$(get "$name" real_time)
  if [ -n "$base" ]; then
    echo "| \`$name\` | $(ns "$time") | $(percent "$(get "$name" cv)") | \`$base\` | $(ratio "$time" "$(get "$base" real_time)")× | $(counted "$name") |"
  else
    echo "| \`$name\` | $(ns "$time") | $(percent "$(get "$name" cv)") | — | — | $(counted "$name") |"
  fi
}

dA=$(get call/dksim/accepted real_time) bA=$(get call/bare/accepted real_time)
dR=$(get call/dksim/rejected real_time) bR=$(get call/bare/rejected real_time)
aA=$(get call/dksim/accepted allocs/op) aR=$(get call/dksim/rejected allocs/op)
sA=$(get call/dksim/accepted syscalls/op)
dP=$(get roundtrip/dexthost/pinned real_time) rP=$(get roundtrip/raw/pinned real_time)
dU=$(get roundtrip/dexthost/unpinned real_time) rU=$(get roundtrip/raw/unpinned real_time)
sys=$(get syscall/read_would_block real_time)
rCs=$(get roundtrip/raw/pinned client_syscalls/op) rSs=$(get roundtrip/raw/pinned server_syscalls/op)
dSs=$(get roundtrip/dexthost/pinned server_syscalls/op)
rCw=$(get roundtrip/raw/pinned client_switches/op) rSw=$(get roundtrip/raw/pinned server_switches/op)

# The pinned dexthost round trip's profile, when run-bench.sh could record one: kernel share of all
# samples, and dexthost's own user space (runtime and dext included).
profile_sentence=""
if [ -s "$profiles/roundtrip-split.txt" ]; then
  read -r kernel_share host_user < <(awk -F'|' '$2 ~ /dexthost\/pinned/ {
      k = $4; u = $5; gsub(/[ %]/, "", k); gsub(/[ %]/, "", u); kernel += k; if ($3 ~ /`dexthost`/) host = u }
    END { printf "%.0f %.1f\n", kernel, host }' "$profiles/roundtrip-split.txt")
  profile_sentence="In its profile (below) $kernel_share % of the samples are in the kernel, and dexthost's own user
space, runtime and dext included, is $host_user %"
  if [ "$kernel_share" -ge 80 ]; then
    profile_sentence="$profile_sentence: the round trip is bound by the kernel's socket and scheduling work, not by the host's code."
  else
    profile_sentence="$profile_sentence."
  fi
fi

cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
benchmark_version=$(dpkg-query -W -f='${Version}' libbenchmark-dev 2>/dev/null || echo unknown)
build_type=$(awk -F'"' '/"library_build_type"/ { print $4; exit }' "$json")

cat <<EOF
# dext/ micro-benchmarks

Written by \`dext/run-bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); raw data in \`dext-micro.json\`
(Google Benchmark, 5 repetitions interleaved at random, every number below is the median of the 5).

**Machine:** $(nproc) CPUs, ${cpu_model:-unknown CPU}, Linux $(uname -r); load average at the start
$loadavg (other work on the machine shows up as spread: the cv column). libbenchmark
$benchmark_version (the library reports itself as a *$build_type* build: that is its own
bookkeeping between runs, not the timed loops, which are compiled into the benchmark with -O2).

| benchmark | median ns/op | cv | baseline | ratio | counted per op (untimed pass) |
|---|---:|---:|---|---:|---|
EOF
for name in call/dksim/accepted call/bare/accepted call/dksim/rejected call/bare/rejected \
            roundtrip/dexthost/pinned roundtrip/raw/pinned roundtrip/dexthost/unpinned roundtrip/raw/unpinned \
            syscall/read_would_block; do
  row "$name"
done

cat <<EOF

- \`call/dksim/*\`: one \`dksim_call_method\` of NullDriver's CheckedStruct (selector 3, 16 bytes in,
  16 bytes of output capacity) on an open connection, in-process; \`call/bare/*\`: one C function doing
  the same dispatch checks and \`{foo + 1, bar + 10}\`. \`rejected\`: a 15-byte input, refused by the
  checks before the handler runs.
- \`roundtrip/dexthost/*\`: the same call through the real \`dexthost\` (PROTOCOL.md, a 60-byte request
  and a 36-byte response on a Unix-domain socket); \`roundtrip/raw/*\`: the same bytes between the same
  client code and a forked server that only answers. \`pinned\`: both processes on one CPU;
  \`unpinned\`: both free to use every CPU.
- \`syscall/read_would_block\`: one \`read\` of an empty non-blocking socket, the price of entering and
  leaving the kernel here.
- Counted per op: heap allocations of the whole process, and syscalls and context switches of each
  end (perf events), over an untimed pass of 10000 calls or 2000 round trips.

## What limits it

**In-process.** An accepted call through the ABI costs $(ns "$dA") ns, $(ratio "$dA" "$bA")× the bare
checks ($(ns "$bA") ns). The checks are not what costs: the same call refused by them still takes
$(ns "$dR") ns ($(ratio "$dR" "$bR")× its bare twin). Every call pays the runtime's bookkeeping around the
dext: the one lock every dksim function takes (uncontended here — $(one "$sA") syscalls per call, so it
never waits in the kernel), heap copies of exactly the caller's sizes (on purpose: an ASan build must
see a dext that reads past them), \`OSData\` objects with live-object accounting and atomic reference
counts, and NullDriver's log line. Measured: $(one "$aR") allocations per rejected call (the input
\`OSData\`: object and buffer) and $(one "$aA") per accepted one (the handler's output \`OSData\` and the
formatting and appending of its log line on top; traced with gdb when this benchmark was written).
The accepted call's profile is below.

**Socket.** The raw ping-pong floor is $(ns "$rP") ns per round trip with both ends on one CPU:
$(one "$rCs") + $(one "$rSs") syscalls, which at $(ns "$sys") ns each when nothing waits account for
$(calc '%.0f' "($rCs + $rSs) * $sys") ns, and $(one "$rCw") + $(one "$rSw") context switches; the rest
is the kernel waking one process and switching to it, twice per round trip. dexthost takes
$(ns "$dP") ns, $(ratio "$dP" "$rP")× the floor, $(calc '%.0f' "$dP - $rP") ns more: it makes
$(one "$dSs") syscalls per request where the raw server makes $(one "$rSs") (it reads a frame's length,
its op and its payload separately, then sends), about $(calc '%.0f' "($dSs - $rSs) * $sys") ns at the
empty-read price (a read that finds data and copies it costs more), plus the in-process call itself ($(ns "$dA") ns) and the host's decoding and
exact-size call buffers. $profile_sentence The in-process call is $(ratio "$dP" "$dA")× cheaper than the
pinned round trip.
Unpinned, dexthost takes $(ns "$dU") ns and the floor $(ns "$rU") ns ($(ratio "$dU" "$dP")× and
$(ratio "$rU" "$rP")× their pinned times): when the scheduler puts the two processes on different
CPUs, every wake-up crosses cores; whether it does varies from run to run (see the cv column).
EOF

echo
echo "## Profiles"
echo
if [ -s "$profiles/call-dksim-accepted.txt" ] && [ -s "$profiles/roundtrip-split.txt" ]; then
  cat <<EOF
\`perf record -e cpu-clock\` (software samples: this machine exposes no hardware counters) of one
benchmark at a time, for about a second, whole process, so the periodic resets are included.

\`call/dksim/accepted\`, symbols with at least 3 % of the samples:

| samples | symbol |
|---:|---|
EOF
  cat "$profiles/call-dksim-accepted.txt"
  cat <<EOF

The pinned round trips, by process and by kernel or user space (the server of \`roundtrip/raw\` is
\`bench-pingpong\`; \`dexthost\`'s user space includes libNullDriver.so):

| benchmark | process | kernel | user |
|---|---|---:|---:|
EOF
  cat "$profiles/roundtrip-split.txt"
else
  echo "Not recorded: $(cat "$profiles/why-not.txt" 2>/dev/null || echo 'no profile in '"$profiles")."
fi
