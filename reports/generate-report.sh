#!/usr/bin/env bash
# Renders Allure results to an HTML report with the Allure 3 CLI pinned in reports/package.json.
#
#   reports/generate-report.sh RESULTS_DIR REPORT_DIR [--single-file] [--also RESULTS_DIR]...
#
# --single-file   one self-contained index.html that opens straight from disk (file://)
# --also DIR      read another results directory too (e.g. the test suites' and the main job's)
#
# History is kept between runs in REPORT_DIR-history.jsonl (next to the report, so regenerating the
# report never deletes it; override with CK_ALLURE_HISTORY=FILE): trends and new/fixed transitions.
# Needs `npm ci` in reports/ first (run.sh does it). No network is used.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() { printf 'generate-report.sh: error: %s\n' "$*" >&2; exit 2; }
usage() { sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

positional=() also=() single=0
while [ $# -gt 0 ]; do
  case "$1" in
    --single-file) single=1 ;;
    --also) [ $# -ge 2 ] || usage; also+=("$2"); shift ;;
    -h|--help) usage ;;
    -*) die "unknown option '$1'" ;;
    *) positional+=("$1") ;;
  esac
  shift
done
[ ${#positional[@]} -eq 2 ] || usage
results=("${positional[0]}" "${also[@]}")
report=${positional[1]}

absolute() { (mkdir -p "$1" && cd "$1" && pwd); }
dirs=()
for dir in "${results[@]}"; do
  [ -d "$dir" ] || die "no results directory '$dir'"
  # Allure takes results directories as glob patterns; a path with glob characters would match something else.
  case "$dir" in *[\*\?\[\]\{\}]*) die "results directory '$dir' contains glob characters" ;; esac
  compgen -G "$dir/*-result.json" >/dev/null || die "'$dir' holds no Allure results (*-result.json)"
  dirs+=("$(absolute "$dir")")
done

allure="$HERE/node_modules/.bin/allure"
[ -x "$allure" ] || die "the Allure CLI is not installed: run 'npm ci' in $HERE (./run.sh does it)"
command -v node >/dev/null || die "Node.js is required (node not on PATH)"

# The report directory is replaced; refuse to wipe a directory that is not a previous report.
if [ -d "$report" ] && [ -n "$(ls -A "$report")" ] && [ ! -f "$report/index.html" ]; then
  die "'$report' exists and is not an Allure report (no index.html); refusing to replace it"
fi
report=$(absolute "$report")
history=${CK_ALLURE_HISTORY:-"$report-history.jsonl"}
mkdir -p "$(dirname "$history")"
history="$(cd "$(dirname "$history")" && pwd)/$(basename "$history")"

# Run from reports/ so Allure finds nothing but our config; a fresh report directory each time.
rm -rf "$report"
mkdir -p "$report"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! (cd "$HERE" && CK_ALLURE_HISTORY="$history" CK_ALLURE_SINGLE_FILE="$single" NO_COLOR=1 \
      "$allure" generate --config "$HERE/allurerc.mjs" --output "$report" "${dirs[@]}") >"$log" 2>&1; then
  cat "$log" >&2
  die "allure generate failed"
fi
[ -f "$report/index.html" ] || { cat "$log" >&2; die "allure generate wrote no $report/index.html"; }
# The single file must declare its data before the app runs, or a page opened from disk can stay empty (see the script).
if [ "$single" -eq 1 ]; then
  node "$HERE/data-before-app.mjs" "$report/index.html" || die "could not prepare $report/index.html to open from disk"
fi

echo "Allure report: $report/index.html"
echo "History:       $history ($(wc -l <"$history" | tr -d ' ') runs)"
if [ "$single" -eq 1 ]; then
  echo "Open it:       xdg-open '$report/index.html'   (one self-contained file; any browser, no server)"
else
  echo "Open it:       (cd '$HERE' && npx allure open '$report')   (serves it on localhost; browsers block a multi-file report opened from disk)"
fi
