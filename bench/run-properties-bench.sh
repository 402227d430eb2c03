#!/usr/bin/env bash
# Property cases per second for the inproc and socket transports (BenchmarkDotNet, bench/Properties).
#
#   bench/run-properties-bench.sh [BenchmarkDotNet arguments, e.g. --filter '*PropertyCase*']
#
# Builds the dext variants it measures and the benchmark (Release), runs it (about 3 minutes on
# 2 cores) and writes bench/results/properties.md; BenchmarkDotNet's own reports and logs stay in
# build/bench/properties/ (not committed). Exit 0 when every benchmark ran.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
export CONFORMANCEKIT_HOME="$root" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The benchmarks build on demand too, but a build error is easier to read here than inside a
# BenchmarkDotNet setup; incremental, so a no-op when build/dexts is current.
for variant in release asan; do
  bash "$root/dext/build-dext.sh" "$root/dext/NullDriverHardened" --variant "$variant" >/dev/null
done

project="$here/Properties/ConformanceKit.Properties.Bench.csproj"
dotnet build "$project" -c Release -nologo -v:q -clp:ErrorsOnly
exec dotnet "$here/Properties/bin/Release/net10.0/ConformanceKit.Properties.Bench.dll" "$@"
