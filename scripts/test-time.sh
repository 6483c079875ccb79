#!/usr/bin/env bash
# Issue 11's test-time comparison: the suite as it was when the issue was filed (BASE, default 2c3c1cb) against this
# tree running the tests of the same names (class and method), alternating, RUNS times each (default 3), on the same
# machine. Prints each run's test phase (dotnet test's "Duration"), elapsed time and CPU. Measure on a quiet machine.
set -euo pipefail
BASE=${BASE:-2c3c1cb}
RUNS=${RUNS:-3}
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
git -C "$root" worktree add -q --detach "$tmp/base" "$BASE"
trap 'git -C "$root" worktree remove --force "$tmp/base"; rm -rf "$tmp"' EXIT

echo "building $BASE and this tree" >&2
dotnet build "$tmp/base/Simulator.Tests" -c Release -nologo -v q >/dev/null
dotnet build "$root/Simulator.Tests" -c Release -nologo -v q >/dev/null

# The base suite's test names, from one run's trx, as a runsettings filter for this tree.
dotnet test "$tmp/base/Simulator.Tests" -c Release --no-build --logger "trx;LogFileName=$tmp/base.trx" >/dev/null
# Attribute values stay XML-escaped as the trx has them; the filter syntax's own characters get a backslash.
filter=$(grep -o '<TestMethod [^>]*>' "$tmp/base.trx" \
    | sed -E 's/.*className="([^"]*)".*name="([^"]*)".*/\1.\2/; s/([()|=!~\\])/\\\1/g; s/^/FullyQualifiedName=/' \
    | sort -u | paste -sd'|' -)
printf '<RunSettings><RunConfiguration><TestCaseFilter>%s</TestCaseFilter></RunConfiguration></RunSettings>\n' "$filter" \
    > "$tmp/same.runsettings"

once() {   # label, dotnet test arguments...
    local label=$1; shift
    local out
    out=$( { /usr/bin/time -f "elapsed %e s, CPU %U s user + %S s system" dotnet test "$@" -c Release --no-build; } 2>&1 || true)
    printf '%-5s %s; %s\n' "$label" "$(grep -oE 'Passed: +[0-9]+.*Duration: [^-]*' <<<"$out" | tr -s ' ')" "$(grep -E '^elapsed' <<<"$out")"
}
for ((i = 1; i <= RUNS; i++)); do
    once base "$tmp/base/Simulator.Tests"
    once this "$root/Simulator.Tests" --settings "$tmp/same.runsettings"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
