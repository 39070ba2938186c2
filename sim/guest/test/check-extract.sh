#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# check-extract.sh KDIR ORIGIN [TOPDIR]
# Every file extracted into KDIR (what the image is compiled from) must be byte-identical to
# its origin: a member of the tarball ORIGIN (under TOPDIR/), or a file of the tree ORIGIN.
set -eu
kdir=$1 origin=$2 top=${3:-}
n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$kdir"
find . -path ./real-include -prune -o -type f -print | sed 's|^\./||' | sort > "$tmp/list"
[ -s "$tmp/list" ] || { echo "no files in $kdir"; exit 1; }
if [ -f "$origin" ]; then
    sed "s|^|$top/|" "$tmp/list" > "$tmp/members"
    tar -xJf "$origin" -C "$tmp" -T "$tmp/members"
    base="$tmp/$top"
else
    base=$origin
fi
while read -r f; do
    cmp -s "$f" "$base/$f" || { echo "DIFFERS: $f"; exit 1; }
    n=$((n + 1))
done < "$tmp/list"
# The reused real headers must point at those same files.
for l in $(find real-include -type l); do
    t=$(readlink -f "$l")
    case "$t" in "$(pwd)"/*) ;; *) echo "real-include link outside the tree: $l"; exit 1;; esac
done
echo "ok: $n files identical to $origin"
