#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# check-linux-src.sh SOURCE_DIR KDIR : builds a second tree with -DLINUX_SRC pointing at a
# minimal kernel-shaped copy of KDIR (only the files the image needs) and checks that the
# custom image is built and listed in the manifest with the tree's release.
set -eu
src=$1 kdir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tree"
(cd "$kdir" && find . -path ./real-include -prune -o -type f -print | cpio -pdm --quiet "$tmp/tree")
rel=$(awk -F' *= *' '/^VERSION/{v=$2}/^PATCHLEVEL/{p=$2}/^SUBLEVEL/{s=$2}END{print v"."p"."s}' \
      "$tmp/tree/Makefile")
mkdir -p "$tmp/top"
cat > "$tmp/top/CMakeLists.txt" <<EOT
cmake_minimum_required(VERSION 3.22)
project(hvsim_linux_src_check C)
enable_testing()
add_subdirectory($src/sim/guest sim/guest)
EOT
cmake -S "$tmp/top" -B "$tmp/b" -DHVSIM_KERNELS= -DLINUX_SRC="$tmp/tree" \
      -DLINUX_SRC_NAME=mytree -DHVSIM_GUEST_TESTS=OFF > "$tmp/cfg.log" 2>&1 ||
    { cat "$tmp/cfg.log"; exit 1; }
cmake --build "$tmp/b" -j2 > "$tmp/build.log" 2>&1 || { tail -30 "$tmp/build.log"; exit 1; }
grep -P "^mytree\t$rel\t[0-9a-f]{16}\t.*/hvsim-guest-mytree\.so$" "$tmp/b/guest/images.txt" ||
    { cat "$tmp/b/guest/images.txt"; exit 1; }
test -f "$tmp/b/guest/hvsim-guest-mytree.so"
echo "ok: custom image mytree ($rel)"
