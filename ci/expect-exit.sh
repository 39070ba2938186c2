#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# expect-exit.sh CODE CMD [ARGS...]: run CMD, succeed iff it exits with CODE.
want=$1; shift
"$@" >/dev/null 2>&1
got=$?
if [ "$got" -ne "$want" ]; then
    echo "expected exit $want, got $got: $*" >&2
    exit 1
fi
exit 0
