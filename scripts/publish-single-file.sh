#!/usr/bin/env bash
# Publishes deploysim as a self-contained single-file executable for linux-x64 (no .NET needed where it runs; the
# plots' native Skia library is bundled and extracted on first start) into DIR (default publish/).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-publish}
dotnet publish Simulator/Simulator.csproj -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none -p:GenerateDocumentationFile=false \
  -o "$out" >&2
echo "$out/deploysim"
