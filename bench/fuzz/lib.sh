# Shared by bench/fuzz/*.sh (sourced, not run): where things are, the builds every script needs,
# and the two ways a measurement starts afl-fuzz — through `conformancekit fuzz`, or directly with
# the command line the CLI would use, for what the CLI cannot choose.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export CONFORMANCEKIT_HOME="$root" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A private copy of the CLI, so that another build of build/cli cannot replace it mid-measurement.
cli_dir="$root/build/bench-fuzz/cli"
bench_dll="$root/bench/FuzzManaged/bin/Release/net10.0/ConformanceKit.Fuzz.Bench.dll"

say() { echo "[bench/fuzz] $*" >&2; }
die() { echo "bench/fuzz: $*" >&2; exit 2; }

# The options of every measurement script: --seconds N and --runs N, over the defaults the script
# set in `seconds` and `runs`; afl-fuzz must be there.
parse_measurement_options() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --seconds) [ $# -ge 2 ] || die "--seconds needs a value"; seconds=$2; shift 2 ;;
      --runs) [ $# -ge 2 ] || die "--runs needs a value"; runs=$2; shift 2 ;;
      *) die "unknown option $1 (--seconds N, --runs N)" ;;
    esac
  done
  command -v afl-fuzz >/dev/null || die "afl-fuzz not found (Debian's afl++; ./run.sh installs it)"
}

build_cli() {
  say "building the CLI into $cli_dir"
  dotnet build "$root/cli" -c Release -o "$cli_dir" -nologo -v:q -clp:ErrorsOnly >/dev/null \
    || die "the CLI does not build"
}

build_bench_project() {
  say "building bench/FuzzManaged"
  dotnet build "$root/bench/FuzzManaged" -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null \
    || die "bench/FuzzManaged does not build"
}

build_dext() { # DIR VARIANT...
  local dir=$1 variant; shift
  for variant in "$@"; do
    bash "$root/dext/build-dext.sh" "$dir" --variant "$variant" >/dev/null || die "cannot build $dir ($variant)"
  done
}

# The machine and tool versions, once per run folder.
write_meta() { # RUN
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "kernel: $(uname -sr)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "cores: $(nproc)"
    echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "afl: $(afl-fuzz -h 2>&1 | grep -o 'afl-fuzz++[0-9][^ ]*' | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
    echo "dotnet: $(dotnet --version)"
    echo "clang: $(clang++-14 --version 2>/dev/null | head -1 || clang++ --version | head -1)"
  } >"$1/meta.txt"
}

# Runs "$@" as measurement NAME of RUN: the load average before and after goes to RUN/NAME.load,
# the wall time to RUN/NAME.seconds. Other work on the machine changes every figure, so the
# reports print the load next to each one.
measure() { # RUN NAME COMMAND...
  local run=$1 name=$2; shift 2
  local start end
  echo "before: $(cut -d' ' -f1-3 /proc/loadavg)" >"$run/$name.load"
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  echo "after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$run/$name.load"
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' >"$run/$name.seconds"
}

# A campaign through the CLI, as a user runs it (1 job, pinned: the CLI's default).
campaign() { # OUT DEXT_DIR SECONDS VARIANT [more fuzz options]
  local out=$1 dext=$2 seconds=$3 variant=$4; shift 4
  dotnet "$cli_dir/conformancekit.dll" fuzz --dext "$dext" --time "${seconds}s" --out "$out" --variant "$variant" --jobs 1 "$@" \
    >"$out.log" 2>&1 || die "campaign $out failed (see $out.log)"
}

# afl-fuzz started directly, pinned to CPU 0 like the CLI's first instance, with the flags and
# environment of fuzz/Campaign/Afl/AflInstance.cs. KIND dotnet adds what only a .NET target needs;
# a native target must not get AFL_SKIP_BIN_CHECK: afl-fuzz would not look for the persistent-mode
# marker in the binary and would fork a fresh process per execution (7,000 exec/s instead of
# 41,000 for the trivial target in one check here). /usr/bin/time, when installed, records the
# context switches of afl-fuzz and everything it waited for, i.e. the whole target. The caller
# adds the target's own environment.
direct_afl() { # OUT SEEDS DICTIONARY SECONDS dotnet|native TARGET...
  local out=$1 seeds=$2 dict=$3 seconds=$4 kind=$5; shift 5
  local env=(AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_IMPORT_FIRST=1)
  if [ "$kind" = dotnet ]; then
    env+=(AFL_SKIP_BIN_CHECK=1 AFL_FORKSRV_INIT_TMOUT=120000)
  fi
  # GNU time is Debian's `time` package; without it the context switches are simply not reported.
  local timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -v -o "$out.time")
  env "${env[@]}" "${timer[@]}" \
    afl-fuzz -i "$seeds" -o "$out" -M main -x "$dict" -t 5000 -m none -V "$seconds" -b 0 -- "$@" \
    >"$out.log" 2>&1 || die "afl-fuzz on $* failed (see $out.log)"
}
