#!/usr/bin/env bash
# The fuzz benchmarks that fit a sitting: the managed BenchmarkDotNet run (about 3 minutes), then the
# campaign figures (about 11 minutes), whose report uses the former's medians. Results:
# bench/results/fuzz-managed/, bench/results/fuzz-campaign.md and .json.
#
#   bench/fuzz/run-all.sh
#
# The native-coverage measurement takes longer (6 campaigns of 2 minutes) and runs on its own:
# bench/fuzz/native-coverage.sh. Exit 0 when everything ran.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bash "$here/managed-bench.sh"
bash "$here/campaign-bench.sh"
