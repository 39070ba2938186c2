#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# determinism.sh HVSIM [PATH...] - run every scenario twice on every guest image and fail
# unless the two runs give byte-identical traces (and therefore equal trace hashes).
# Default PATH: conformance/scenarios.
set -u
hvsim=${1:?usage: determinism.sh HVSIM [PATH...]}
shift
top=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || set -- "$top/conformance/scenarios"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
for pass in a b; do
    "$hvsim" run "$@" --kernel all --quiet --trace-dir "$tmp/$pass" --json "$tmp/$pass.json" \
        >"$tmp/$pass.out" 2>&1
    rc=$?
    if [ "$rc" -eq 2 ]; then
        cat "$tmp/$pass.out" >&2
        exit 2
    fi
done
n=$(ls "$tmp/a" | wc -l)
if [ "$n" -eq 0 ]; then
    echo "determinism: no traces were written" >&2
    exit 1
fi
if ! diff -r "$tmp/a" "$tmp/b" >"$tmp/diff" 2>&1; then
    echo "determinism: traces differ between two identical runs:" >&2
    head -40 "$tmp/diff" >&2
    exit 1
fi
grep -o '"trace_hash": "[0-9a-f]*"' "$tmp/a.json" >"$tmp/ha"
grep -o '"trace_hash": "[0-9a-f]*"' "$tmp/b.json" >"$tmp/hb"
if ! cmp -s "$tmp/ha" "$tmp/hb"; then
    echo "determinism: trace hashes differ" >&2
    exit 1
fi
echo "determinism: $n traces identical across two runs"
