#!/usr/bin/env bash
# A local stand-in for a Kubernetes Indexed Job: starts N shard processes of one command in parallel, each with the
# variables Kubernetes sets (JOB_COMPLETION_INDEX=0..N-1) and DEPLOYSIM_SHARDS=N, waits for all, then merges them.
#   scripts/local-engine.sh N OUT deploysim-args...
#   scripts/local-engine.sh 4 study sweep scenarios/source-article.yaml --vary unicorn.workers=6,8,10 -n 20
# Shards go to OUT/shards/shard-K-of-N/ (their output to OUT/logs/), the merge to OUT/merged/. DEPLOYSIM names the
# tool (default: the Release build run by dotnet).
set -euo pipefail
if [ $# -lt 3 ]; then echo "usage: $0 N OUT deploysim-args..." >&2; exit 2; fi
n=$1 out=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
read -r -a tool <<< "${DEPLOYSIM:-dotnet $root/Simulator/bin/Release/net10.0/deploysim.dll}"
mkdir -p "$out/logs"
pids=()
for ((i = 0; i < n; i++)); do
  JOB_COMPLETION_INDEX=$i DEPLOYSIM_SHARDS=$n "${tool[@]}" "$@" --out "$out/shards" > "$out/logs/shard-$i.log" 2>&1 &
  pids+=($!)
done
failed=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then echo "local-engine: shard index $i failed, see $out/logs/shard-$i.log" >&2; failed=1; fi
done
[ "$failed" -eq 0 ] || exit 1
"${tool[@]}" merge "$out/shards" --out "$out/merged"
