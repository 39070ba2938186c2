#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# main.sh - the README's first command: set up, build (Release) and run the main job.
# Today the main job is the engine benchmark and, once guest images and the host control
# plane exist, a boot of the default guest; later the conformance suite.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./ci/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset release >/dev/null
cmake --build build/release -j"$jobs"
echo "== hvsim bench"
./build/release/hvsim bench
if ./build/release/hvsim --help | grep -q '^  boot '; then
    echo "== hvsim boot"
    ./build/release/hvsim boot
fi
