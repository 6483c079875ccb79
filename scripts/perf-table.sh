#!/usr/bin/env bash
# Regenerates the README's performance table (Markdown on stdout; progress on stderr).
#   scripts/perf-table.sh [DIR]          measure, then print the table (DIR defaults to BenchmarkDotNet.Artifacts/perf)
#   scripts/perf-table.sh --print [DIR]  print the table again from an earlier run's DIR
# It runs every benchmark RUNS times (default 2) with the gate's job (`--measure`: CPU time, least of 15 iterations,
# exact allocations; about 2.5 minutes a run on the project's 2-core machine; the table takes each benchmark's least
# time over the runs), then the Monte Carlo batch with BenchmarkDotNet's short job in elapsed time (replications per
# second, serial and parallel; under a minute) between two measurements of the cores available, then `--perf-table DIR`.
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
  for run in $(seq 1 "${RUNS:-2}"); do
    dotnet run -c Release --no-build --project Benchmarks -- --measure --artifacts "$dir/cpu$run" >&2
  done
  dotnet run -c Release --no-build --project Benchmarks -- --available-cores > "$dir/elapsed/cores"
  dotnet run -c Release --no-build --project Benchmarks -- --filter '*MonteCarlo*' --job short --inProcess --artifacts "$dir/elapsed" >&2
  dotnet run -c Release --no-build --project Benchmarks -- --available-cores >> "$dir/elapsed/cores"
fi
dotnet run -c Release --no-build --project Benchmarks -- --perf-table "$dir"
