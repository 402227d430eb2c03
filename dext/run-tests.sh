#!/usr/bin/env bash
# Builds dext/ with its tests (the runtime, dkiig, NullDriver, NullDriverHardened and the test dexts,
# in the release, asan and cov variants) and runs ctest. Not asan-cov: no suite runs on it, and every
# fuzz campaign of the main job and the .NET tests builds and runs it. Called by ./run.sh test, which
# reads ctest's closing "N% tests passed, N tests failed out of N" line.
# The dexts' libraries land in this tree (build/dext-tests/out/<Name>/<variant>/), for ctest only: the
# harness builds its own through dext/build-dext.sh into build/dexts/<Name>-<id>/, keyed by folder and
# content, so that no two build trees ever write one output folder.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
tree="$root/build/dext-tests"

source "$here/toolchain.sh"
[ -n "$cxx" ] || { echo "run-tests.sh: clang++ not found" >&2; exit 2; }

mkdir -p "$tree"
exec 9>"$tree/.lock"
flock 9
cmake -S "$here" -B "$tree" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" "${launcher_args[@]}" \
  -DDKSIM_DEXTS="$here/NullDriver;$here/NullDriverHardened" -DDKSIM_VARIANTS="release;asan;cov" \
  -DDKSIM_OUTPUT_DIR="$tree/out" -DDKSIM_BUILD_TESTS=ON
cmake --build "$tree" -j "$(nproc)"
cd "$tree"
ctest --output-on-failure -j "$(nproc)" --timeout 300
