#!/bin/sh
# Installs every Debian package that building and testing mimic needs, and
# only those that are missing (so `make check` on a ready machine stays quiet).
set -e
pkgs="meson ninja-build pkg-config gcc make python3 libglib2.0-dev libffi-dev
libcapstone-dev libcmocka-dev gcc-aarch64-linux-gnu libc6-dev-arm64-cross
qemu-user ca-certificates xz-utils gdb-multiarch
qemu-system-arm libfdt-dev libslirp-dev device-tree-compiler picolibc-aarch64-linux-gnu
qemu-utils zlib1g-dev libzstd-dev debootstrap e2fsprogs openssh-client
libjson-glib-dev"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
