#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# setup.sh - install what hvsim needs on a Debian bookworm machine. Idempotent.
#
# Run as root (or with sudo available). When every package is already installed it does
# nothing (pass --force to run apt-get update/install anyway). The kernel sources
# (linux-source-6.1, linux-source-6.12) are build inputs: sim/guest extracts the driver
# files it needs from /usr/src/linux-source-*.tar.xz at configure time.
set -eu

packages="build-essential cmake pkg-config git xz-utils binutils python3 python3-yaml
libyaml-dev libcmocka-dev gcovr linux-source-6.1 linux-source-6.12"

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ] && [ "${1:-}" != "--force" ]; then
    echo "setup: all packages present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "setup: missing packages:$missing; run this script as root" >&2
    exit 2
fi

echo "setup: installing:${missing:- $packages}"
$sudo apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $packages
echo "setup: done"
