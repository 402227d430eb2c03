#!/usr/bin/env bash
# The bring-your-own-dext build: compiles a dext folder (.iig, .cpp, Info.plist, *.entitlements)
# against ConformanceKit's user-space DriverKit runtime.
#
#   dext/build-dext.sh DIR [--variant release|asan|cov|asan-cov|all] [--out OUT] [--spec FILE]
#                      [--plan PLAN] [--print-manifest]
#
# Outputs OUT/<variant>/lib<Name>.so and OUT/<variant>/dexthost (default OUT: build/dexts/<Name>-<id>,
# id = 12 hex digits of sha256 of DIR's canonical path; default variant: all). Incremental; prints
# the library paths (--print-manifest: the files the build key covers, and builds nothing). Needs
# clang++, cmake, libblocksruntime-dev (./run.sh installs them) and, without --plan, the .NET SDK: the
# conformancekit CLI makes the plan (built into build/cli when missing or older than the C# sources).
# Exit 0 on success, 2 on a build error or a usage error (as `conformancekit check` does when the
# dext it needs does not build); the compiler's or dkiig's first `file:line: error:` comes first on stderr.
#
# What is built comes from a plan (--plan PLAN, a folder): the .iig files, sources and include folders,
# the files the build reads, and Info.plist and the entitlements with their Xcode build settings
# ($(PRODUCT_BUNDLE_IDENTIFIER)...) expanded. ConformanceKit's C# code makes it from DIR and its spec
# (--spec, default DIR/spec.yaml: its build:, sources: and include:) — the one reader of spec.yaml and
# the one table of build settings (harness/Core/Targets/DextPlan.cs). The harness passes the plan it
# made; without --plan this script asks the CLI (`conformancekit dext-plan`; $CONFORMANCEKIT_CLI, else
# build/cli/conformancekit.dll) to write one to OUT/plan.
#
# Builds are keyed by folder and content, never by name alone: two folders called MyDriver (a copy
# with one line changed, another checkout) get their own OUT and their own CMake tree
# (build/dext-build/<Name>-<id>), and OUT/<variant>/build.key records the content key the outputs
# were built from: sha256 over the names and bytes of the files the plan lists (sources, headers —
# shared ones outside the folder too —, Info.plist and entitlements) and of the plan's own files,
# plus the folder, the variant, the compiler and the configure flags.
# A variant is up to date when its outputs exist, its build.key holds the current key and no
# runtime, generator, host or CMake file is newer than that build.key. Anything under build/ may be
# deleted at any time: the next build reconfigures or rebuilds what is missing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
fail() { echo "build-dext.sh: $*" >&2; exit 2; }

dir="" variant="all" out="" spec="" plan="" print_manifest=0
while [ $# -gt 0 ]; do
  case "$1" in
    --variant) [ $# -ge 2 ] || fail "--variant needs a value"; variant="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || fail "--out needs a value"; out="$2"; shift 2 ;;
    --spec) [ $# -ge 2 ] && [ -n "$2" ] || fail "--spec needs a file"; spec="$2"; shift 2 ;;
    --plan) [ $# -ge 2 ] && [ -n "$2" ] || fail "--plan needs a folder"; plan="$2"; shift 2 ;;
    --print-manifest) print_manifest=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) fail "unknown option $1" ;;
    *) [ -z "$dir" ] || fail "one dext folder at a time (got $dir and $1)"; dir="$1"; shift ;;
  esac
done
[ -n "$dir" ] || { usage; exit 2; }
[ -d "$dir" ] || fail "not a folder: $dir"
[ -z "$spec" ] || [ -f "$spec" ] || fail "no spec file: $spec"
[ -z "$plan" ] || [ -d "$plan" ] || fail "no plan folder: $plan"
# The folder as given names the dext (lib<Name>.so); its canonical path (symlinks resolved) is its
# identity. The harness (harness/Core/Targets/DextTarget.cs) derives the same default OUT.
dir=$(cd "$dir" && pwd)
physical=$(cd "$dir" && pwd -P)
name=$(basename "$dir")
identity=$(printf '%s' "$physical" | sha256sum | cut -c1-12)
case "$variant" in
  all) variants=(release asan cov asan-cov) ;;
  release|asan|cov|asan-cov) variants=("$variant") ;;
  *) fail "unknown variant '$variant' (release, asan, cov, asan-cov, all)" ;;
esac
default_out="$root/build/dexts/$name-$identity"
out=${out:-$default_out}
mkdir -p "$out"
out=$(cd "$out" && pwd -P)
# One CMake tree per folder identity (and per OUT, when --out points elsewhere), shared by the
# variants and kept across edits: a changed line recompiles that file, not the runtime.
tree="$root/build/dext-build/$name-$identity"
if [ ! -d "$default_out" ] || [ "$out" != "$(cd "$default_out" && pwd -P)" ]; then
  tree="$tree-$(printf '%s' "$out" | sha256sum | cut -c1-8)"
fi

# The CLI that makes the plan: $CONFORMANCEKIT_CLI, else build/cli/conformancekit.dll, built as
# run.sh builds it (same command, same stamp) when it is missing or older than the C# sources — an
# older CLI would plan with an older table of settings, or not know dext-plan at all.
planner() {
  local dir_="$root/build/cli" stale
  cli=${CONFORMANCEKIT_CLI:-$dir_/conformancekit.dll}
  command -v dotnet >/dev/null || fail "dotnet not found: the conformancekit CLI makes the build plan (install the .NET SDK 10)"
  [ -z "${CONFORMANCEKIT_CLI:-}" ] || { [ -f "$cli" ] || fail "CONFORMANCEKIT_CLI: no such file $cli"; return 0; }
  stale() {
    [ ! -f "$cli" ] || [ ! -f "$dir_/.stamp" ] || [ -n "$(find "$root/contracts" "$root/harness" "$root/properties" "$root/fuzz" "$root/reports" "$root/cli" \
      \( -name '*.cs' -o -name '*.csproj' \) -newer "$dir_/.stamp" -not -path '*/obj/*' -not -path '*/bin/*' -print -quit 2>/dev/null)" ]
  }
  stale || return 0
  mkdir -p "$dir_"
  exec 8>"$dir_/.lock"
  flock 8 # another build-dext.sh may be building it
  if stale; then
    echo "build-dext.sh: building the conformancekit CLI into build/cli (it makes the build plan)" >&2
    dotnet build "$root/cli/ConformanceKit.Cli.csproj" -c Release -o "$dir_" -nologo -clp:ErrorsOnly -v:q \
      >"$root/build/cli-build.log" 2>&1 || fail "building the conformancekit CLI failed (log: build/cli-build.log)"
    touch "$dir_/.stamp"
  fi
  exec 8>&-
}

# The plan (see the top): made now unless the harness passed one.
if [ -z "$plan" ]; then
  planner
  plan="$out/plan"
  plan_args=(dext-plan "$dir" --out "$plan")
  [ -z "$spec" ] || plan_args+=(--spec "$spec")
  dotnet "$cli" "${plan_args[@]}" || exit 2 # its one-line error (spec.yaml:LINE, Info.plist:LINE) is on stderr
fi
[ -f "$plan/plan.cmake" ] && [ -f "$plan/inputs" ] || fail "not a build plan: $plan (no plan.cmake or inputs)"
plan=$(cd "$plan" && pwd -P)

# The files the build reads, as the plan lists them (inside DIR relative to it with a leading ./, shared ones outside it by
# their absolute path; hidden files and, with a sources: list, unlisted ones left out), and the plan's
# own files — Info.plist and the entitlements as embedded and the headers configured from templates
# (configured/), so a changed build setting rebuilds: one
# line per file, its sha256 and its name. spec.yaml is not part of it: an edit to it rebuilds only
# when it changes the plan.
manifest=$({ (cd "$dir" && tr '\n' '\0' <"$plan/inputs" | xargs -0 -r sha256sum --) &&
    for f in plan.cmake Info.plist image.entitlements $(cd "$plan" && find configured -type f 2>/dev/null | LC_ALL=C sort); do
      [ ! -f "$plan/$f" ] || printf '%s  plan:%s\n' "$(sha256sum <"$plan/$f" | cut -c1-64)" "$f"
    done; }) || fail "cannot read a file the plan lists ($plan/inputs): was it removed? run again"
if [ "$print_manifest" -eq 1 ]; then printf '%s\n' "$manifest"; exit 0; fi

source "$here/toolchain.sh"
[ -n "$cxx" ] || fail "clang++ not found (install Debian's clang-14; ./run.sh does)"
command -v cmake >/dev/null || fail "cmake not found"

# Everything that changes the outputs besides the files: the compiler and the configure flags
# (CXXFLAGS, CFLAGS and LDFLAGS are passed explicitly, so that changing them reconfigures instead of
# being ignored by an existing CMake cache).
configure_args=(-DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" "${launcher_args[@]}"
  -DCMAKE_CXX_FLAGS="${CXXFLAGS:-}" -DCMAKE_C_FLAGS="${CFLAGS:-}"
  -DCMAKE_SHARED_LINKER_FLAGS="${LDFLAGS:-}" -DCMAKE_EXE_LINKER_FLAGS="${LDFLAGS:-}"
  -DDKSIM_DEXTS="$dir" -DDKSIM_DEXT_OUTPUT_DIR="$out" -DDKSIM_DEXT_PLAN="$plan" -DDKSIM_VARIANTS="release;asan;cov;asan-cov")
signature=$(printf '%s\n' "${configure_args[@]}")
toolchain="compiler $cxx: $("$cxx" --version 2>/dev/null | head -n1)"

declare -A keys
for v in "${variants[@]}"; do
  keys[$v]=$(printf 'build-dext key 1\nfolder %s\nname %s\nvariant %s\n%s\n%s\n%s\n' \
    "$physical" "$name" "$v" "$toolchain" "$signature" "$manifest" | sha256sum | cut -c1-64)
done

# What else the outputs are made of: checked by mtime against build.key, whose time is the start of
# the build that wrote it (an edit during a build is newer, so the next call builds again).
shared_inputs=("$here/runtime" "$here/iig/src" "$here/iig/CMakeLists.txt" "$here/host/src" "$here/include" "$here/cmake" "$here/CMakeLists.txt")
up_to_date() {
  local v stamp
  for v in "${variants[@]}"; do
    stamp="$out/$v/build.key"
    [ -f "$out/$v/lib$name.so" ] && [ -f "$stamp" ] || return 1
    [ ! -d "$here/host/src" ] || [ -f "$out/$v/dexthost" ] || return 1
    [ "$(head -n1 "$stamp")" = "${keys[$v]}" ] || return 1
    [ -z "$(find "${shared_inputs[@]}" -newer "$stamp" -type f -print -quit 2>/dev/null)" ] || return 1
  done
}
print_outputs() { for v in "${variants[@]}"; do echo "$out/$v/lib$name.so"; done; }
if up_to_date; then print_outputs; exit 0; fi

# A lock keeps concurrent builds of the same folder (two test runners at once) from racing; the
# one that waited finds the outputs current and does nothing.
mkdir -p "$tree"
exec 9>"$tree/.lock"
flock 9
if up_to_date; then print_outputs; exit 0; fi
# The linker writes the outputs in place: whoever loads them (a dexthost starting, the harness's in-process
# library) holds this lock shared while it does (harness/Core/Targets/BuildOutputLock.cs), and waits here.
mkdir -p "$out"
exec 7>>"$out/.outputs.lock"
flock 7

# Configure when the tree is missing any part make needs (deleted by hand, a half-removed build/),
# when the flags changed or when the build files are newer than the last configure. Configuring
# rewrites CMake's own files and output folders only: the objects, and so incremental builds, stay.
tree_complete() {
  local f inc
  for f in CMakeCache.txt Makefile CMakeFiles/Makefile2 CMakeFiles/Makefile.cmake .configured; do
    [ -f "$tree/$f" ] || return 1
  done
  while IFS= read -r f; do
    [ -f "$tree/$f" ] || return 1
    while IFS= read -r inc; do [ -f "$tree/$inc" ] || return 1; done < <(sed -n 's/^include //p' "$tree/$f")
  done < <(grep -o -- '-f [^ ]*/build\.make' "$tree/CMakeFiles/Makefile2" | cut -c4- | sort -u)
}
needs_configure() {
  tree_complete || return 0
  [ "$(cat "$tree/.configured")" = "$signature" ] || return 0
  [ -n "$(find "$here/CMakeLists.txt" "$here/cmake" "$here/iig/CMakeLists.txt" -newer "$tree/.configured" -print -quit)" ]
}
configured=0
configure() {
  local cached
  cached=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$tree/CMakeCache.txt" 2>/dev/null || true)
  if [ -n "$cached" ] && [ "$cached" != "$cxx" ]; then
    rm -rf "$tree/CMakeCache.txt" "$tree/CMakeFiles" # another compiler: CMake needs a fresh cache
  fi
  rm -f "$tree/.configured"
  cmake -S "$here" -B "$tree" "${configure_args[@]}" >"$tree/configure.log" 2>&1 || {
      grep -E 'Error|error' -A3 "$tree/configure.log" | head -20 >&2
      echo "build-dext.sh: configuring $name failed (log: $tree/configure.log)" >&2
      exit 2
    }
  printf '%s\n' "$signature" >"$tree/.configured"
  configured=1
}
if needs_configure; then configure; fi

# make decides by mtime alone, so a file whose content changed while its mtime did not (cp -p, a
# checkout or an editor restoring times, a copy swapped in) would not be recompiled. Before make
# runs, whatever in the tree was made from a folder file whose content differs from the last build
# of this variant (dext-manifest.<variant>) is deleted: the objects whose dependency files name it,
# the files generated from an .iig, the embedded Info.plist/entitlements. Anything that cannot be
# traced that precisely (a file read through an unusual path, a new header that might shadow
# another, no record at all) deletes the dext's own objects for the variant; the runtime stays.
invalidate() { # VARIANT
  local v=$1 record="$tree/dext-manifest.$1" objects="$tree/CMakeFiles/${name}_$1.dir"
  local gen="$tree/dexts/$name/generated" line file names hits hit everything=0
  if [ ! -f "$record" ]; then
    everything=1
  else
    while IFS= read -r line; do
      file=${line:66}
      case "$file" in
        plan:configured/*) everything=1 ;; # a header configured from a template (version.hpp.in): any object may include it
        plan:*|*/Info.plist|*.entitlements) rm -f "$gen/${name}_image.cpp" ;;
        *.iig) rm -f "$gen/$(basename "$file" .iig).h" "$gen/$(basename "$file" .iig).iig.cpp" ;;
        *)
          # The names an object's dependency file may use for it: DIR's own path or its canonical one
          # for a file in the folder, the plan's absolute path for a shared one.
          if [[ "$file" == ./* ]]; then names=(-e "$dir/${file#./}" -e "$physical/${file#./}"); else names=(-e "$file"); fi
          hits=""
          [ ! -d "$objects" ] || hits=$(grep -rlwF --include='*.o.d' "${names[@]}" "$objects" || true)
          if [ -n "$hits" ]; then
            while IFS= read -r hit; do rm -f "${hit%.d}"; done <<<"$hits"
          elif grep -qF -- "  $file" "$record" || ! [[ "$file" =~ \.(c|cc|cp|cpp|cxx|c\+\+)$ ]]; then
            everything=1 # an edited file no object names, or a new header: be safe
          fi ;;
      esac
    done < <(LC_ALL=C comm -13 <(LC_ALL=C sort "$record") <(printf '%s\n' "$manifest" | LC_ALL=C sort))
  fi
  if [ "$everything" -eq 1 ] && [ -d "$objects" ]; then
    find "$objects" -name '*.o' -delete
    rm -f "$gen"/*
  fi
  printf '%s\n' "$manifest" >"$record"
}

targets=()
for v in "${variants[@]}"; do
  # The output folders are made at configure time only; recreate them if they were deleted since.
  mkdir -p "$out/$v"
  rm -f "$out/$v/build.key" # no stamp while the outputs may be half rebuilt
  invalidate "$v"
  targets+=(--target "${name}_$v")
  [ ! -d "$here/host/src" ] || targets+=(--target "dexthost_${name}_$v")
done
started="$tree/.build-started"
touch "$started"
build() { cmake --build "$tree" "${targets[@]}" -j "$(nproc)" >"$tree/build.log" 2>&1; }
# make failing on a file of its own that is gone (a part of the tree removed while we checked it,
# or one tree_complete does not know): configure once more and retry.
tree_broken() { grep -qE '^g?make(\[[0-9]+\])?: .*(No rule to make target|No such file or directory)' "$tree/build.log"; }
if ! build && ! { [ "$configured" -eq 0 ] && tree_broken && configure && build; }; then
  grep -E 'error' "$tree/build.log" | head -20 >&2
  echo "build-dext.sh: building $name (${variants[*]}) failed; full log: $tree/build.log" >&2
  exit 2
fi
for v in "${variants[@]}"; do
  stamp="$out/$v/build.key"
  printf '%s\n# content key of %s/%s (dext/build-dext.sh): folder %s, tree %s\n%s\n%s\n%s\n' \
    "${keys[$v]}" "$name" "$v" "$physical" "$tree" "$toolchain" "$signature" "$manifest" >"$stamp.tmp"
  touch -r "$started" "$stamp.tmp"
  mv -f "$stamp.tmp" "$stamp"
done
print_outputs
