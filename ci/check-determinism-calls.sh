#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-determinism-calls.sh [ROOT]
#
# Determinism contract (DESIGN.md): only sim/core may read a clock, OS entropy or start
# threads. Fails (exit 1) listing file:line for every call to time(, clock_gettime,
# gettimeofday, rand(, getrandom, pthread_create, sleep( in our C sources outside sim/core.
# A line may opt out with the marker "determinism-ok:" followed by the reason (e.g. the
# CLI's wall-clock watchdog, which never influences a trace).
#
# --self-test: plants a violation in a scratch tree and checks that it is caught, so this
# check itself can fail.
set -u
pattern='(^|[^A-Za-z0-9_])(time|clock_gettime|gettimeofday|rand|srand|getrandom|pthread_create|sleep|usleep|nanosleep|rdtsc)[ \t]*\\('

scan() {
    root=$1
    cd "$root" || exit 2
    # String literals and comments are blanked before matching, so "wall time (ms)" in a
    # format string is not a call.
    hits=$(find sim models conformance tools -type f \( -name '*.c' -o -name '*.h' -o -name '*.S' \) \
            -not -path 'sim/core/*' 2>/dev/null | sort \
        | xargs -r awk -v pat="$pattern" '
            FNR == 1 { incomment = 0 }
            /determinism-ok:/ { next }
            {
                line = $0
                out = ""
                # drop block comments, also across lines
                while (length(line) > 0) {
                    if (incomment) {
                        p = index(line, "*/")
                        if (p == 0) { line = ""; break }
                        line = substr(line, p + 2)
                        incomment = 0
                    } else {
                        p = index(line, "/*")
                        if (p == 0) { out = out line; line = ""; break }
                        out = out substr(line, 1, p - 1)
                        line = substr(line, p + 2)
                        incomment = 1
                    }
                }
                line = out
                gsub(/"([^"\\]|\\.)*"/, "\"\"", line)
                sub(/\/\/.*$/, "", line)
                if (line ~ pat) print FILENAME ":" FNR ": " $0
            }' 2>/dev/null)
    if [ -n "$hits" ]; then
        echo "determinism: wall-clock/entropy/thread calls outside sim/core:" >&2
        echo "$hits" >&2
        return 1
    fi
    return 0
}

if [ "${1:-}" = "--self-test" ]; then
    tmp=$(mktemp -d) || exit 2
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/sim/core" "$tmp/models/x"
    echo 'int f(void) { return clock_gettime(0, 0); }' > "$tmp/sim/core/ok.c"
    echo 'int g(void) { return 0; }' > "$tmp/models/x/ok.c"
    (scan "$tmp") || { echo "self-test: clean tree flagged" >&2; exit 1; }
    echo 'const char *s = "wall time (ms)"; /* time( */' > "$tmp/models/x/str.c"
    printf '/*\n * virtual time (limits)\n */\nint x;\n' > "$tmp/models/x/cmt.c"
    (scan "$tmp") || { echo "self-test: a string literal was flagged" >&2; exit 1; }
    echo 'int h(void) { return rand(); }' > "$tmp/models/x/bad.c"
    if (scan "$tmp") 2>/dev/null; then
        echo "self-test: planted rand() not detected" >&2
        exit 1
    fi
    rm "$tmp/models/x/bad.c"
    echo 'long t(void) { return time(0); }' > "$tmp/models/x/bad2.c"
    if (scan "$tmp") 2>/dev/null; then
        echo "self-test: planted time() not detected" >&2
        exit 1
    fi
    echo "self-test ok"
    exit 0
fi

scan "${1:-.}"
