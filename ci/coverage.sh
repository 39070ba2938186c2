#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# coverage.sh - build the coverage variant, run the conformance suite on every guest image,
# and print per-file line and branch coverage of the compiled kernel files (gcovr). The
# figures are also appended to build/coverage/report/report.md.
#
# Usage: ci/coverage.sh [PATH...]   (default: conformance/scenarios)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./ci/setup.sh >/dev/null
jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset coverage >/dev/null
cmake --build build/coverage -j"$jobs"
find build/coverage -name '*.gcda' -delete
paths=${*:-conformance/scenarios}
# shellcheck disable=SC2086
./build/coverage/hvsim run $paths --kernel all --jobs "$jobs" --quiet \
    --report build/coverage/report || true
report=build/coverage/report/report.md
mkdir -p build/coverage/report
{
    echo
    echo "## Driver-code coverage (gcovr)"
    echo
    for img in build/coverage/kernel/*/; do
        name=$(basename "$img")
        echo "### $name"
        echo
        echo '```'
        gcovr --root "$img" --object-directory build/coverage/sim/guest \
            --filter "$img"'drivers/' --filter "$img"'net/' --txt - 2>/dev/null | sed -n '/^File/,$p' || true
        echo
        gcovr --root "$img" --object-directory build/coverage/sim/guest \
            --filter "$img"'drivers/' --filter "$img"'net/' --branches --txt - 2>/dev/null | sed -n '/^File/,$p' || true
        echo '```'
        echo
    done
} > build/coverage/coverage.md
cat build/coverage/coverage.md
cat build/coverage/coverage.md >> "$report"
echo "coverage report: $report"
