#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# main.sh - the README's first command: set up, build (Release), then run the main job:
# the engine benchmarks, a boot of the default guest image, and the conformance suite on
# every guest image, with its summary, the rule coverage and the reports' locations.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./ci/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset release >/dev/null
cmake --build build/release -j"$jobs"
hvsim=./build/release/hvsim
out=build/release/results
mkdir -p "$out"
echo "== hvsim kernels"
$hvsim kernels
echo "== hvsim bench"
$hvsim bench
echo "== hvsim boot"
$hvsim boot --trace "$out/boot.trace" || true
echo "== hvsim run conformance/ --kernel all"
status=0
$hvsim run conformance/ --kernel all --jobs "$jobs" --trace-dir "$out/traces" \
    --junit "$out/junit.xml" --json "$out/results.json" --report "$out/report" || status=$?
$hvsim rules --results "$out/results.json" | tail -n 1
echo "reports: $out/report/report.md $out/junit.xml $out/results.json"
exit "$status"
