#!/usr/bin/env bash
# The bring-your-own-dext build: compiles a dext folder (.iig, .cpp, Info.plist, *.entitlements)
# against ConformanceKit's user-space DriverKit runtime.
#
#   dext/build-dext.sh DIR [--variant release|asan|cov|asan-cov|all] [--out OUT]
#
# Outputs OUT/<variant>/lib<Name>.so and OUT/<variant>/dexthost (default OUT: build/dexts/<Name>;
# default variant: all). Incremental: unchanged sources are not rebuilt. Needs clang++, cmake and
# libblocksruntime-dev (./run.sh installs them). Exit 0 on success, 1 on a build error, 2 on usage.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
fail() { echo "build-dext.sh: $*" >&2; exit 2; }

dir="" variant="all" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --variant) [ $# -ge 2 ] || fail "--variant needs a value"; variant="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || fail "--out needs a value"; out="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) fail "unknown option $1" ;;
    *) [ -z "$dir" ] || fail "one dext folder at a time (got $dir and $1)"; dir="$1"; shift ;;
  esac
done
[ -n "$dir" ] || { usage; exit 2; }
[ -d "$dir" ] || fail "not a folder: $dir"
dir=$(cd "$dir" && pwd)
name=$(basename "$dir")
case "$variant" in
  all) variants=(release asan cov asan-cov) ;;
  release|asan|cov|asan-cov) variants=("$variant") ;;
  *) fail "unknown variant '$variant' (release, asan, cov, asan-cov, all)" ;;
esac
out=${out:-$root/build/dexts/$name}
mkdir -p "$out"
out=$(cd "$out" && pwd)

cxx=""
for candidate in "${CXX:-}" clang++-14 clang++; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null && "$candidate" --version 2>/dev/null | grep -q clang; then
    cxx=$(command -v "$candidate"); break
  fi
done
[ -n "$cxx" ] || fail "clang++ not found (install Debian's clang-14; ./run.sh does)"
cc=${cxx/clang++/clang}
command -v cmake >/dev/null || fail "cmake not found"

# Up to date when every output is newer than everything it is made of (the dext folder and the
# runtime, generator, host and build files): then nothing runs, which keeps the harness's
# build-on-demand cheap even when another build tree (dext/run-tests.sh) made the outputs.
up_to_date() {
  local v lib
  for v in "${variants[@]}"; do
    lib="$out/$v/lib$name.so"
    [ -f "$lib" ] && [ -f "$out/$v/dexthost" ] || return 1
    [ -z "$(find "$dir" "$here/runtime" "$here/iig/src" "$here/host/src" "$here/include" "$here/cmake" "$here/CMakeLists.txt" \
        -newer "$lib" -type f -print -quit 2>/dev/null)" ] || return 1
  done
}
if up_to_date; then
  for v in "${variants[@]}"; do echo "$out/$v/lib$name.so"; done
  exit 0
fi

# One build tree per dext folder, shared by its variants; a lock keeps concurrent builds of the same
# dext (two test runners at once) from racing.
key=$(printf '%s' "$dir|$out" | cksum | cut -d' ' -f1)
tree="$root/build/dext-build/$name-$key"
mkdir -p "$tree"
exec 9>"$tree/.lock"
flock 9

if [ ! -f "$tree/.configured" ] || [ -n "$(find "$here/CMakeLists.txt" "$here/cmake" "$here/iig/CMakeLists.txt" -newer "$tree/.configured" -print -quit)" ]; then
  rm -f "$tree/.configured"
  cmake -S "$here" -B "$tree" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" \
    -DDKSIM_DEXTS="$dir" -DDKSIM_DEXT_OUTPUT_DIR="$out" -DDKSIM_VARIANTS="release;asan;cov;asan-cov" \
    >"$tree/configure.log" 2>&1 || {
      grep -E 'Error|error' -A3 "$tree/configure.log" | head -20 >&2
      echo "build-dext.sh: configuring $name failed (log: $tree/configure.log)" >&2
      exit 1
    }
  touch "$tree/.configured"
fi

targets=()
for v in "${variants[@]}"; do targets+=(--target "${name}_$v"); done
if [ -d "$here/host/src" ]; then for v in "${variants[@]}"; do targets+=(--target "dexthost_${name}_$v"); done; fi
if ! cmake --build "$tree" "${targets[@]}" -j "$(nproc)" >"$tree/build.log" 2>&1; then
  grep -E 'error' "$tree/build.log" | head -20 >&2
  echo "build-dext.sh: building $name (${variants[*]}) failed; full log: $tree/build.log" >&2
  exit 1
fi
for v in "${variants[@]}"; do echo "$out/$v/lib$name.so"; done
