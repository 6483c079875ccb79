#!/usr/bin/env bash
# Accepts the current simulation results as the new golden files.
#
#   scripts/accept-goldens.sh
#
# 1. runs the golden tests, which write Simulator.Tests/GoldenFiles/<scenario>.received.json for every scenario whose
#    results differ from its .verified.json (the failures list each differing field, old -> new);
# 2. moves each received file over its verified file;
# 3. runs the golden tests again: they must now pass (a golden that fails twice in a row is not deterministic).
# Then review `git diff Simulator.Tests/GoldenFiles` and commit it with the reason for the change
# (README, "Golden files": when accepting is legitimate and when it is not).
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dir=Simulator.Tests/GoldenFiles
project=Simulator.Tests/Simulator.Tests.csproj
filter='FullyQualifiedName~DeploySim.Tests.Golden'

rm -f "$dir"/*.received.json
dotnet test "$project" -c Release --filter "$filter" -- RunConfiguration.TreatNoTestsAsError=true
status=$?

shopt -s nullglob
received=("$dir"/*.received.json)
if (( ${#received[@]} == 0 )); then
  if (( status != 0 )); then
    echo "accept-goldens: the golden tests failed without writing a received file; fix that first" >&2
    exit "$status"
  fi
  echo "accept-goldens: every golden file already matches; nothing to accept"
  exit 0
fi

for f in "${received[@]}"; do
  mv -f -- "$f" "${f%.received.json}.verified.json"
  echo "accept-goldens: accepted ${f%.received.json}.verified.json"
done

echo "accept-goldens: checking that the accepted goldens now pass"
if ! dotnet test "$project" -c Release --no-build --filter "$filter" -- RunConfiguration.TreatNoTestsAsError=true; then
  echo "accept-goldens: the golden tests still fail after accepting: the results are not deterministic (or see above)" >&2
  exit 1
fi
git --no-pager diff --stat -- "$dir" 2>/dev/null || true
echo "accept-goldens: review 'git diff $dir' and give the reason for the change in the commit message"
