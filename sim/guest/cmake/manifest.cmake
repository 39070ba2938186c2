# SPDX-License-Identifier: GPL-2.0-only
#
# cmake -P script: concatenates the per-image manifest lines LINES into OUT
# (format: README.md, "Manifest"). LINES is '|'-separated.
set(out "# hvsim guest images v1: name<TAB>kernel_release<TAB>build_id<TAB>path\n")
string(REPLACE "|" ";" LINES "${LINES}")
foreach(l IN LISTS LINES)
    file(READ ${l} c)
    string(APPEND out "${c}")
endforeach()
file(WRITE ${OUT} "${out}")
