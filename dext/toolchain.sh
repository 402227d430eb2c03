# Sourced by dext/build-dext.sh, dext/run-tests.sh and dext/run-bench.sh: the one definition of the
# compiler every dext build tree uses and of the compiler cache they share.
#
# Every dext folder has a build tree of its own, and each tree compiles the runtime again for each
# variant: with a dozen trees (the reference dexts, the test dexts, copies made by tests) that was
# most of a test run. ccache serves the second and later compiles of the same source with the same
# flags from build/ccache. The build tree's path is left out of the hash (CCACHE_NOHASHDIR): the
# runtime's sources and flags are the same in every tree, only the debug info's compile directory
# would differ, and nothing reads it. Without ccache on the machine, builds are the same, only slower.
#
# After sourcing: $cxx and $cc (clang; empty when none is found) and the array $launcher_args for cmake.

cxx=""
for candidate in "${CXX:-}" clang++-14 clang++; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null && "$candidate" --version 2>/dev/null | grep -q clang; then
    cxx=$(command -v "$candidate"); break
  fi
done
cc=${cxx/clang++/clang}

launcher_args=()
if command -v ccache >/dev/null; then
  export CCACHE_DIR="${CCACHE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build/ccache}" CCACHE_NOHASHDIR=1
  launcher_args=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
