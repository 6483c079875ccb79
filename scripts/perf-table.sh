#!/usr/bin/env bash
# Regenerates the README's performance table (Markdown on stdout; progress on stderr).
#   scripts/perf-table.sh [DIR]          measure, then print the table (DIR defaults to BenchmarkDotNet.Artifacts/perf)
#   scripts/perf-table.sh --print [DIR]  print the table again from an earlier run's DIR
# It runs every benchmark once with the gate's job (`--measure`: CPU time, least of 7 iterations, exact allocations;
# about 2 minutes on the project's 2-core machine), then the Monte Carlo batch with BenchmarkDotNet's short job in
# elapsed time (replications per second, serial and parallel; about 1 minute), then `--perf-table DIR`.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

print_only=0
if [ "${1:-}" = "--print" ]; then print_only=1; shift; fi
dir=${1:-BenchmarkDotNet.Artifacts/perf}

dotnet build -c Release Benchmarks >&2
if [ "$print_only" -eq 0 ]; then
  rm -rf "$dir"
  mkdir -p "$dir/elapsed"
  dotnet run -c Release --no-build --project Benchmarks -- --measure --artifacts "$dir/cpu" >&2
  dotnet run -c Release --no-build --project Benchmarks -- --filter '*MonteCarlo*' --job short --inProcess --artifacts "$dir/elapsed" >&2
  cut -d' ' -f1-3 /proc/loadavg > "$dir/elapsed/loadavg" 2>/dev/null || true
fi
dotnet run -c Release --no-build --project Benchmarks -- --perf-table "$dir"
