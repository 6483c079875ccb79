#!/usr/bin/env bash
# The README's scale table (issue 13): one replication per process of each case and fleet size, tab-separated:
# case, instances, target groups, events, CPU s, ns/event, bytes allocated, live bytes per instance, peak working set MiB,
# outcome, stop reason.
#   scripts/scale-table.sh                          the 10 % in-place rollout at 1,000 to 100,000 instances, one target group
#   CASES="BlueGreen GracefulRestart" SIZES="1000 100000" GROUPS_N=3 scripts/scale-table.sh
#   WARM=N (--warm N): N unmeasured replications in the measured world first; DETAIL=1 (--detail): record detail
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release Benchmarks >&2
dll=Benchmarks/bin/Release/net10.0/Benchmarks.dll
for c in ${CASES:-InPlaceTenPercent}; do
  for n in ${SIZES:-1000 10000 20000 50000 100000}; do
    dotnet "$dll" --scale "$c" "$n" "${GROUPS_N:-1}" ${DETAIL:+--detail} ${WARM:+--warm $WARM}
  done
done
