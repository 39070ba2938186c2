#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# test.sh - the README's second command, and what CI (.ci/run) runs: set up, then build
# and run every test in two variants:
#   build/debug  all CTest tests (unit, guest, cli, lint, ...)
#   build/asan   the same under AddressSanitizer + UndefinedBehaviorSanitizer
# Exit status is non-zero if anything fails.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./ci/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
status=0
for preset in debug asan; do
    echo "== $preset: configure and build"
    cmake --preset "$preset" >/dev/null
    cmake --build "build/$preset" -j"$jobs"
    echo "== $preset: ctest"
    if ! ctest --test-dir "build/$preset" -j"$jobs" --output-on-failure -LE slow; then
        status=1
    fi
done
# Slow tests (e.g. building an image from a custom LINUX_SRC tree) once, in debug.
echo "== debug: slow tests"
ctest --test-dir build/debug --output-on-failure -L slow || status=1
if [ "$status" -eq 0 ]; then echo "test.sh: all tests passed"; else echo "test.sh: FAILURES" >&2; fi
exit "$status"
