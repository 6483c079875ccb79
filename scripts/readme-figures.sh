#!/usr/bin/env bash
# Regenerates the figures the README shows (docs/figures/*.png) from the simulation itself. Run it whenever the
# reporting layer (Simulator/Reporting/Plots) or the shipped scenarios change, and commit the PNGs with that change.
#
#   scripts/readme-figures.sh
#
# 1. builds the CLI (Release);
# 2. compares the three strategies on the source article's scenario (50 replications) and copies its strategy
#    comparison (compare-metrics.png) and the blue/green capacity band (blue-green/capacity-band.png);
# 3. runs the blue/green scenario once more and copies its fleet timeline (every instance, the replacement fleet).
# Outputs are deterministic: the same commit gives byte-identical PNGs.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Simulator/Simulator.csproj -c Release -v quiet -nologo >/dev/null
cli=Simulator/bin/Release/net10.0/deploysim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$cli" compare scenarios/source-article.yaml --replications 50 --out "$work/compare" >/dev/null
"$cli" run scenarios/blue-green.yaml --replications 20 --out "$work/blue-green" >/dev/null

mkdir -p docs/figures
cp "$work/compare/compare-metrics.png" docs/figures/source-article-compare.png
cp "$work/compare/blue-green/capacity-band.png" docs/figures/source-article-blue-green-capacity-band.png
cp "$work/blue-green/timeline.png" docs/figures/blue-green-timeline.png
ls -l docs/figures
