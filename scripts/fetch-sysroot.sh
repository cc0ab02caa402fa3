#!/bin/sh
# Owns: building one pinned sysroot (arm64 unless told) from Debian packages
# for the slow tests and the benchmarks: reads "package version sha256"
# lines on stdin, fetches and unpacks each with fetch-deb.sh (its own apt
# lists and cache, no change to dpkg's or apt's configuration) into one
# directory, checks that CHECK (a path inside the sysroot) exists, and
# prints the sysroot's path.
#
#   scripts/fetch-sysroot.sh NAME CHECK [ARCH] < pins
#
# ARCH (default arm64) is Debian's name; bench/run-bench.py asks for amd64
# sysroots of the same versions for its native column.
# Cache: ${MIMIC_CACHE:-$HOME/.cache/mimic}/root/ARCH/NAME-PINHASH, so a
# changed pin list makes a new sysroot instead of mixing versions. Fails
# loudly when a download fails (a superseded version: fetch-deb.sh prints the
# new candidate; update its pin).
set -eu

[ $# -eq 2 ] || [ $# -eq 3 ] || { echo "usage: $0 NAME CHECK [ARCH] < pins" >&2; exit 2; }
name=$1 check=$2 arch=${3:-arm64}
here=$(cd "$(dirname "$0")" && pwd)
cache=${MIMIC_CACHE:-${HOME:-/tmp}/.cache/mimic}

pins=$(cat)
tag=$(printf '%s' "$pins" | sha256sum | cut -c1-12)
root="$cache/root/$arch/$name-$tag"

printf '%s\n' "$pins" | while read -r pkg version sha; do
    [ -n "$pkg" ] || continue
    sh "$here/fetch-deb.sh" "$arch" "$pkg" "$version" "$sha" "$root" >/dev/null
done

[ -e "$root/$check" ] || { echo "fetch-sysroot: $root/$check missing after unpacking" >&2; exit 1; }
echo "$root"
