#!/usr/bin/env bash
# ConformanceKit's front door.
#   ./run.sh              the main job: set up, build, check the sample NullDriver and its hardened
#                         variant, fuzz both briefly, print a summary and generate the HTML report
#   ./run.sh test         every test (ctest for dext/, dotnet test for the .NET projects); ends with
#                         one line "N passed, N failed, N skipped"
#   ./run.sh check|spec|replay|minimize|fuzz|triage|summary ...   the conformancekit CLI; `fuzz` without
#                         --dext and --out fuzzes both reference dexts into out/fuzz/ (e.g. --time 60s)
#   ./run.sh report [--in DIR] [--out DIR] [--single-file]
#                                                 the Allure HTML report of a results folder (default
#                                                 out/: check/*.json, fuzz/*/, allure-results/) into
#                                                 --out (default IN/allure/report)
#   ./run.sh bench                                the benchmarks; results in bench/results/
#   ./run.sh build-dext DIR [--variant V]         the bring-your-own-dext build
# On a fresh Debian machine it installs what is missing (apt, npm, NuGet) and says so.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export CONFORMANCEKIT_HOME="$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NUGET_CERT_REVOCATION_MODE="${NUGET_CERT_REVOCATION_MODE:-offline}"
OUT="$ROOT/out"
CLI_DLL="$ROOT/build/cli/conformancekit.dll"

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 2; }

# Debian packages the project needs: C++ toolchain for dext/ (ccache: every dext's build tree
# compiles the same runtime; see dext/toolchain.sh), sanitizer runtimes, test and bench
# libraries, clang-format for the C and C++ style `./run.sh test` checks, AFL++ for fuzzing, Node
# for the Allure report, Chromium for the report's browser test.
APT_PACKAGES=(clang-14 llvm-14 cmake make ccache libblocksruntime-dev libclang-rt-14-dev libgtest-dev libbenchmark-dev
  clang-format-14 afl++ ca-certificates chromium fonts-dejavu-core time)
APT_UPDATED=0

ensure_apt() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them"
  [ "$(id -u)" -eq 0 ] || die "missing packages ${missing[*]}: run as root or install them"
  say "installing ${missing[*]}"
  if [ "$APT_UPDATED" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

ensure_dotnet() {
  command -v dotnet >/dev/null || die "the .NET SDK 10 is required (dotnet not on PATH); see https://dot.net"
  local major
  major=$(dotnet --version 2>/dev/null | cut -d. -f1)
  [ "${major:-0}" -ge 10 ] || die "the .NET SDK 10 is required; found $(dotnet --version 2>/dev/null || echo none)"
}

ensure_node() {
  # Node may come from Debian or from NodeSource (whose nodejs bundles npm); only install when absent.
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then ensure_apt nodejs npm; fi
}

ensure_npm_packages() {
  [ -f "$ROOT/reports/package.json" ] || return 0
  ensure_node
  if [ ! -d "$ROOT/reports/node_modules" ]; then
    say "installing the Allure report generator (npm ci in reports/)"
    (cd "$ROOT/reports" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci in reports/ failed"
  fi
}

setup() {
  # On a Mac (the iokit transport) there is no apt and nothing of dext/ to build: .NET is enough.
  if [ "$(uname -s)" = Darwin ]; then ensure_dotnet; return 0; fi
  ensure_apt "${APT_PACKAGES[@]}"
  ensure_dotnet
  ensure_npm_packages
}

# The CLI is published once into build/cli and rebuilt when any C# source is newer.
build_cli() {
  local stamp="$ROOT/build/cli/.stamp"
  mkdir -p "$ROOT/build/cli"
  if [ -f "$stamp" ] && [ -z "$(find "$ROOT/contracts" "$ROOT/harness" "$ROOT/properties" "$ROOT/fuzz" "$ROOT/reports" "$ROOT/cli" \
      \( -name '*.cs' -o -name '*.csproj' \) -newer "$stamp" -not -path '*/obj/*' -not -path '*/bin/*' -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  say "building the conformancekit CLI"
  dotnet build "$ROOT/cli/ConformanceKit.Cli.csproj" -c Release -o "$ROOT/build/cli" -nologo -clp:ErrorsOnly -v:q >/dev/null 2>"$ROOT/build/cli-build.log" \
    || { cat "$ROOT/build/cli-build.log" >&2; die "building the CLI failed"; }
  touch "$stamp"
}

cli() { dotnet "$CLI_DLL" "$@"; }

REPORT_TOOL="$ROOT/build/report-tool/ck-report.dll"

build_report_tool() {
  local stamp="$ROOT/build/report-tool/.stamp"
  mkdir -p "$ROOT/build/report-tool"
  if [ -f "$stamp" ] && [ -z "$(find "$ROOT/reports" "$ROOT/harness/Core" "$ROOT/contracts/Core" \( -name '*.cs' -o -name '*.csproj' \) -newer "$stamp" \
      -not -path '*/obj/*' -not -path '*/bin/*' -not -path '*/node_modules/*' -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  say "building the report tool"
  dotnet build "$ROOT/reports/Tool/ConformanceKit.Reports.Tool.csproj" -c Release -o "$ROOT/build/report-tool" -nologo -clp:ErrorsOnly -v:q \
    >/dev/null 2>"$ROOT/build/report-tool.log" || { cat "$ROOT/build/report-tool.log" >&2; die "building the report tool failed"; }
  touch "$stamp"
}

# The Allure report of a results folder laid out as out/ is: check/*.json (`check --json`), fuzz/*/
# (campaign folders, `fuzz --out`) and allure-results/ (the last `./run.sh test`). A driver repository
# keeps that folder in its own workspace and passes it with --in. The pinned allure CLI renders it,
# keeping history between runs next to the report (REPORT-history.jsonl).
run_report() { # [--in DIR] [--out DIR] [--single-file]
  local in="$OUT" report="" single=() f
  while [ $# -gt 0 ]; do
    case "$1" in
      --in) [ $# -ge 2 ] || die "report: --in needs a folder"; in=$2; shift ;;
      --out) [ $# -ge 2 ] || die "report: --out needs a folder"; report=$2; shift ;;
      --single-file) single=(--single-file) ;;
      *) die "report: unknown option '$1' (--in DIR, --out DIR, --single-file)" ;;
    esac
    shift
  done
  [ -d "$in" ] || die "report: no results folder '$in'"
  in=$(cd "$in" && pwd)
  [ -n "$report" ] || report="$in/allure/report"
  local args=() also=() results="$in/allure/results"
  for f in "$in"/check/*.json; do [ -f "$f" ] && args+=(--check "$f"); done
  for f in "$in"/fuzz/*/; do [ -f "$f/campaign.json" ] && args+=(--fuzz "${f%/}"); done
  [ -d "$in/allure-results" ] && also=(--also "$in/allure-results")
  if [ ${#args[@]} -eq 0 ]; then # only the test suites' results
    [ ${#also[@]} -gt 0 ] || die "report: nothing to report in $in (expected check/*.json, fuzz/*/campaign.json or allure-results/)"
    results="$in/allure-results" also=()
  else
    rm -rf "$results"
    mkdir -p "$results"
    dotnet "$REPORT_TOOL" --results "$results" "${args[@]}" || die "exporting results for the report failed"
  fi
  bash "$ROOT/reports/generate-report.sh" "$results" "$report" "${also[@]}" "${single[@]}"
}

# ---- test: run every runner and sum their counts into one closing line ------------------------
run_tests() {
  local passed=0 failed=0 skipped=0 log status line p f s
  mkdir -p "$OUT/test"

  say "dext/: building all variants and running ctest"
  log="$OUT/test/ctest.log"
  status=0
  bash "$ROOT/dext/run-tests.sh" >"$log" 2>&1 || status=$?
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
  if [ -n "$line" ]; then
    f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    p=$(( $(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line") - f ))
    s=$(grep -cE '\((Not Run|Skipped)\)' "$log" || true)
    passed=$((passed + p - s)); failed=$((failed + f)); skipped=$((skipped + s))
    echo "ctest: $line"
    # Name each failing test, so that a CI log that shows only this output says which one failed.
    sed -n '/The following tests FAILED:/,/^Errors while running/p' "$log" | grep -E '^\s+[0-9]+ - ' |
      sed -E 's/^\s+[0-9]+ - /  FAILED ctest: /' || true
  else
    tail -n 20 "$log" >&2
    echo "ctest: no summary (exit $status), counted as 1 failure; see $log"
    failed=$((failed + 1))
  fi

  # The tests run the commands the README and examples/ci show, through run.sh: its CLI and report
  # tool are built now, so no test builds them while others run.
  build_cli
  build_report_tool
  say "dotnet test (all .NET test projects)"
  log="$OUT/test/dotnet-test.log"
  rm -rf "$OUT/allure-results"
  status=0
  ALLURE_RESULTS_DIR="$OUT/allure-results" dotnet test "$ROOT/ConformanceKit.sln" -c Release -nologo >"$log" 2>&1 || status=$?
  local assemblies=0
  while IFS= read -r line; do
    assemblies=$((assemblies + 1))
    echo "dotnet: $line"
    f=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line")
    p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")
    s=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$line")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  done < <(grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" || true)
  print_failed_dotnet_tests "$log"
  if [ "$status" -ne 0 ] && ! grep -qE '^Failed! ' "$log"; then
    grep -E 'error|Error' "$log" | tail -n 20 >&2 || true
    echo "dotnet test: exit $status without a failing assembly (build or run error), counted as 1 failure; see $log"
    failed=$((failed + 1))
  elif [ "$assemblies" -eq 0 ]; then
    echo "dotnet test: no test assembly reported; see $log"
    failed=$((failed + 1))
  fi

  # The C# style of .editorconfig, counted as one test: whitespace only (what a reviewer sees).
  say "formatting: dotnet format whitespace --verify-no-changes"
  log="$OUT/test/format.log"
  if dotnet format whitespace "$ROOT/ConformanceKit.sln" --verify-no-changes -v q >"$log" 2>&1; then
    passed=$((passed + 1)); echo "format: C# files follow .editorconfig"
  else
    failed=$((failed + 1)); echo "  FAILED format: $(grep -c 'WHITESPACE' "$log") places do not follow .editorconfig; run: dotnet format whitespace ConformanceKit.sln (see $log)"
  fi

  # The C and C++ style of .clang-format, counted as one test; clang-format-14 exactly, as other
  # versions format a little differently. The dexts' own .clang-format turns formatting off.
  say "formatting: clang-format-14 --dry-run --Werror"
  log="$OUT/test/clang-format.log"
  if c_sources | (cd "$ROOT" && xargs -0 -r clang-format-14 --dry-run --Werror) >"$log" 2>&1; then
    passed=$((passed + 1)); echo "format: C and C++ files follow .clang-format"
  else
    failed=$((failed + 1))
    local files count
    files=$(sed -nE 's/^(.+):[0-9]+:[0-9]+: error: code should be clang-formatted.*/\1/p' "$log" | uniq)
    count=$(grep -c . <<<"$files" || true)
    if [ "$count" -eq 0 ]; then
      echo "  FAILED format: clang-format-14 did not run: $(head -n 1 "$log") (see $log)"
    else
      [ "$count" -le 20 ] || files="$(head -n 20 <<<"$files")"$'\n'"..."
      echo "  FAILED format: $count C/C++ files do not follow .clang-format: $(paste -sd ' ' <<<"$files"); run: git ls-files -z '*.c' '*.cpp' '*.h' | xargs -0 clang-format-14 -i (see $log)"
    fi
  fi

  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
}

# The C and C++ files .clang-format applies to, NUL-separated, relative to the root: those git
# tracks; without git, all outside the build and output folders .gitignore names.
c_sources() {
  if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$ROOT" ls-files -z '*.c' '*.cpp' '*.h'
  else
    (cd "$ROOT" && find . \( -name .git -o -name build -o -name bin -o -name obj -o -name out -o -name node_modules \) -prune \
      -o -type f \( -name '*.c' -o -name '*.cpp' -o -name '*.h' \) -printf '%P\0')
  fi
}

# One line per failed NUnit test: its assembly, its name and the first line of its message. dotnet
# test prints each failure before the summary line of the assembly it belongs to.
print_failed_dotnet_tests() { # LOG
  awk '
    /^  Failed / { name = substr($0, 10); sub(/ \[[^]]*\]$/, "", name); pending[++n] = name; message[n] = ""; want = n; next }
    want && /^  Error Message:/ { getline msg; gsub(/^ +/, "", msg); message[want] = msg; want = 0; next }
    /^(Passed|Failed)! +- Failed:/ {
      assembly = $NF; if (assembly ~ /^\(/) assembly = $(NF - 1)
      for (i = 1; i <= n; i++) printf "  FAILED %s: %s -- %s\n", assembly, pending[i], substr(message[i], 1, 200)
      n = 0
    }' "$1"
}

# ---- fuzzing the reference dexts -----------------------------------------------------------------
# `./run.sh fuzz [options]` without --dext and --out: one campaign per reference dext, into
# out/fuzz/<dext> (JSON beside it). The sample must show its known-vulnerable paths (marked "known"
# in its table), the hardened variant nothing. Options such as --time, --variant and --jobs apply
# to both; with --resume the previous campaigns continue, otherwise each starts anew and the CLI
# moves an earlier campaign to out/fuzz/<dext>-previous/<time>/ (--fresh: nothing is deleted).
# Returns the worst exit status of the two campaigns (1: findings, 2: a campaign could not run).
fuzz_reference_dexts() { # [fuzz options]
  local dext fresh=(--fresh) worst=0 status
  has_option --resume "$@" && fresh=()
  for dext in NullDriver NullDriverHardened; do
    say "fuzzing $dext (its findings go to out/fuzz/$dext/findings)"
    status=0
    cli fuzz --dext "$ROOT/dext/$dext" --out "$OUT/fuzz/$dext" --json "$OUT/fuzz/$dext.json" "${fresh[@]}" "$@" || status=$?
    [ "$status" -ne 130 ] || return 130 # Ctrl-C: the campaign stopped cleanly; so does the rest
    [ "$status" -le 1 ] || printf 'run.sh: fuzzing %s could not run (exit %s)\n' "$dext" "$status" >&2
    [ "$status" -le "$worst" ] || worst=$status
  done
  return "$worst"
}

# True when the option (--name or --name=value) is among the arguments.
has_option() { # NAME ARGS...
  local name=$1 arg; shift
  for arg in "$@"; do case "$arg" in "$name"|"$name="*) return 0 ;; esac; done
  return 1
}

# ---- the main job --------------------------------------------------------------------------------
# Checks and fuzzes both reference dexts, then always writes the summary and the HTML report, so
# that findings are never what stops the report. Exit 0 only when the sample shows exactly its known
# findings and the hardened variant none, in the checks and in the campaigns; 1 otherwise; 2 when a
# step could not run (its reason is printed where it happened).
main_job() {
  local checks="$OUT/check" setup_error=0 status verdict=0 dext results=()
  mkdir -p "$checks" "$OUT/fuzz"
  rm -f "$checks/NullDriver.json" "$checks/NullDriverHardened.json" "$OUT/fuzz/NullDriver.json" "$OUT/fuzz/NullDriverHardened.json"
  for dext in NullDriver NullDriverHardened; do
    if [ "$dext" = NullDriver ]; then say "checking the sample NullDriver (its known-vulnerable paths must show up)"
    else say "checking the hardened NullDriver (every rule must hold)"; fi
    status=0
    cli check --dext "$ROOT/dext/$dext" --json "$checks/$dext.json" || status=$?
    [ "$status" -le 1 ] || { printf 'run.sh: the check of %s could not run (exit %s)\n' "$dext" "$status" >&2; setup_error=1; }
  done
  status=0
  fuzz_reference_dexts --time "${CK_MAIN_FUZZ_TIME:-30s}" || status=$?
  [ "$status" -le 1 ] || setup_error=1
  for f in "$checks/NullDriver.json" "$checks/NullDriverHardened.json" "$OUT/fuzz/NullDriver.json" "$OUT/fuzz/NullDriverHardened.json"; do
    [ -f "$f" ] && results+=("$f")
  done
  if [ ${#results[@]} -gt 0 ]; then
    cli summary --expect-known "${results[@]}" || verdict=$?
    [ "$verdict" -le 1 ] || setup_error=1
  fi
  if [ "$verdict" -eq 0 ] && [ "$setup_error" -eq 0 ]; then
    say "the sample shows exactly its known findings and the hardened variant none"
  elif [ "$verdict" -ne 0 ]; then
    printf 'run.sh: the reference dexts did not show exactly their known findings (see the summary)\n' >&2
  fi
  # The report is written whatever was found; its path is the job's last word.
  say "generating the HTML report"
  status=0
  (build_report_tool && run_report --single-file) || status=$?
  [ "$status" -eq 0 ] || setup_error=1
  if [ "$setup_error" -ne 0 ]; then
    printf 'run.sh: the main job could not run every step (see the errors above): exit 2\n' >&2
    return 2
  fi
  return "$verdict"
}

cmd="${1:-main}"
case "$cmd" in
  main)
    setup; build_cli; main_job ;;
  test)
    setup; run_tests ;;
  build-dext)
    shift; ensure_apt "${APT_PACKAGES[@]}"; exec bash "$ROOT/dext/build-dext.sh" "$@" ;;
  bench)
    setup
    say "dext micro-benchmarks (bench/results/dext-micro.md)"; bash "$ROOT/dext/run-bench.sh"
    say "property cases per second (bench/results/properties.md)"; bash "$ROOT/bench/run-properties-bench.sh"
    say "fuzzing figures (bench/results/fuzz-*.md)"; bash "$ROOT/bench/fuzz/run-all.sh" ;;
  report)
    shift; setup; build_report_tool; run_report "$@" ;;
  fuzz)
    shift; setup; build_cli
    if has_option --dext "$@" || has_option --out "$@"; then cli fuzz "$@"; else fuzz_reference_dexts "$@"; fi ;;
  check|replay|minimize|triage|summary|spec)
    setup; build_cli; cli "$@" ;;
  -h|--help|help)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' ;;
  *)
    die "unknown command '$cmd' (main, test, check, spec, replay, minimize, fuzz, triage, summary, report, bench, build-dext)" ;;
esac
