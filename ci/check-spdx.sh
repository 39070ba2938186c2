#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-spdx.sh [ROOT]: every tracked source file carries an SPDX header (GPL-2.0-only) in
# its first 3 lines. Exit 1 with the list of files lacking one. (Tracked only: build trees
# may sit anywhere inside a checkout.)
set -u
cd "${1:-.}" || exit 2
missing=$(git ls-files --cached 2>/dev/null \
    | grep -E '\.(c|h|S|cmake|sh|py|yaml|yml|md)$|CMakeLists\.txt$|^\.ci/run$|^ci/[^/.]+$' \
    | grep -v -E '^(LICENSE|vectors/.*\.hex)$' \
    | while read -r f; do
        [ -f "$f" ] || continue
        head -n 3 "$f" | grep -q 'SPDX-License-Identifier: GPL-2.0-only' || echo "$f"
    done)
if [ -n "$missing" ]; then
    echo "files without 'SPDX-License-Identifier: GPL-2.0-only' in their first 3 lines:" >&2
    echo "$missing" >&2
    exit 1
fi
exit 0
