#!/usr/bin/env bash
# Tests the self-contained single-file executable: publishes it, then with it alone runs a 3-shard compare through the
# local engine (the Kubernetes variables) and checks the merge equals the unsharded compare byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
exe=$(scripts/publish-single-file.sh "$work/publish")
[ "$(ls "$work/publish")" = "deploysim" ] || { echo "test-publish: expected one file, found: $(ls "$work/publish")" >&2; exit 1; }
"$exe" --version
DOTNET_ROOT=/nonexistent "$exe" validate scenarios/*.yaml > /dev/null
args=(compare Simulator.Tests/Cli/Fixtures/small.yaml -n 4)
"$exe" "${args[@]}" --out "$work/full" > /dev/null
DEPLOYSIM="$exe" scripts/local-engine.sh 3 "$work/engine" "${args[@]}" > /dev/null
diff -r "$work/full" "$work/engine/merged"
echo "test-publish: single-file executable ok ($(du -h "$exe" | cut -f1)); 3 shards merged equal the unsharded compare"
