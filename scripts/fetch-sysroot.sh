#!/bin/sh
# Owns: building one pinned arm64 sysroot from Debian packages for the slow
# tests: reads "package version sha256" lines on stdin, fetches and unpacks
# each with fetch-deb.sh (its own apt lists and cache, no change to dpkg's or
# apt's configuration) into one directory, checks that CHECK (a path inside
# the sysroot) exists, and prints the sysroot's path.
#
#   scripts/fetch-sysroot.sh NAME CHECK < pins
#
# Cache: ${MIMIC_CACHE:-$HOME/.cache/mimic}/root/arm64/NAME-PINHASH, so a
# changed pin list makes a new sysroot instead of mixing versions. Fails
# loudly when a download fails (a superseded version: fetch-deb.sh prints the
# new candidate; update its pin).
set -eu

[ $# -eq 2 ] || { echo "usage: $0 NAME CHECK < pins" >&2; exit 2; }
name=$1 check=$2
here=$(cd "$(dirname "$0")" && pwd)
cache=${MIMIC_CACHE:-${HOME:-/tmp}/.cache/mimic}

pins=$(cat)
tag=$(printf '%s' "$pins" | sha256sum | cut -c1-12)
root="$cache/root/arm64/$name-$tag"

printf '%s\n' "$pins" | while read -r pkg version sha; do
    [ -n "$pkg" ] || continue
    sh "$here/fetch-deb.sh" arm64 "$pkg" "$version" "$sha" "$root" >/dev/null
done

[ -e "$root/$check" ] || { echo "fetch-sysroot: $root/$check missing after unpacking" >&2; exit 1; }
echo "$root"
