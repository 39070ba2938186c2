#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# check-disasm.sh IMAGE... : no privileged, segment or nondeterministic instruction may
# reach a guest image (the shim replaces every arch path that would emit one).
set -eu
bad=0
for img in "$@"; do
    hits=$(objdump -d --no-show-raw-insn "$img" |
        grep -E '[[:space:]](rdmsr|wrmsr|cli|sti|hlt|vmcall|vmmcall|rdtsc|rdtscp|rdpid|rdrand|rdseed|cpuid)([[:space:]]|$)|%cr[0-9]|%gs:' || true)
    if [ -n "$hits" ]; then
        echo "$img:"; echo "$hits" | head -20; bad=1
    else
        echo "ok: $img"
    fi
done
exit $bad
