#!/usr/bin/env bash
# Submits the array, then the merge, which starts only when every task of the array succeeded.
set -euo pipefail
DEPLOYSIM=${DEPLOYSIM:-$HOME/deploysim/deploysim}
mkdir -p logs
array=$(sbatch --parsable deploysim-array.sbatch)
sbatch --dependency="afterok:$array" --job-name=deploysim-study-merge --output=logs/deploysim-merge-%j.out \
  --wrap "\"$DEPLOYSIM\" merge study --out study/merged"
