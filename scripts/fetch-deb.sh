#!/bin/sh
# Owns: fetching one Debian package of a foreign architecture for the tests
# (busybox-static for arm64, and later others), without touching dpkg's or
# apt's configuration: apt runs with its own lists and cache under the cache
# folder, the .deb is checked against a pinned SHA-256 and unpacked with
# dpkg-deb -x. A no-op when the package is already unpacked.
#
#   scripts/fetch-deb.sh ARCH PKG VERSION SHA256 [DESTDIR]
#
# Cache: ${MIMIC_CACHE:-$HOME/.cache/mimic} (never inside the git tree).
# DESTDIR defaults to $CACHE/root/ARCH/PKG_VERSION. Prints DESTDIR on success.
# Exits non-zero (loudly) when anything fails: tests that need the package
# must fail, not skip.
set -eu

if [ $# -lt 4 ] || [ $# -gt 5 ]; then
    echo "usage: $0 ARCH PKG VERSION SHA256 [DESTDIR]" >&2
    exit 2
fi
arch=$1 pkg=$2 version=$3 sha=$4
cache=${MIMIC_CACHE:-${HOME:-/tmp}/.cache/mimic}
fileversion=$(printf '%s' "$version" | sed 's/:/%3a/g')
deb="$cache/debs/${pkg}_${fileversion}_${arch}.deb"
dest=${5:-"$cache/root/$arch/${pkg}_$fileversion"}
stamp="$dest/.fetch-deb.${pkg}_${fileversion}_${arch}.$sha"

die() { echo "fetch-deb: $*" >&2; exit 1; }

[ -f "$stamp" ] && { echo "$dest"; exit 0; }

command -v apt-get >/dev/null || die "apt-get not found (needs a Debian-like host)"
command -v dpkg-deb >/dev/null || die "dpkg-deb not found"
mkdir -p "$cache/debs" "$cache/apt-$arch/lists/partial" "$cache/apt-$arch/cache/archives/partial"

# One fetch at a time per cache (meson runs tests in parallel).
exec 9>"$cache/.lock"
if command -v flock >/dev/null; then
    flock 9
fi
[ -f "$stamp" ] && { echo "$dest"; exit 0; }

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$sha" ]; }

if ! sha_ok "$deb"; then
    rm -f "$deb"
    user=$(id -un)
    set -- -q -oAPT::Architecture="$arch" -oAPT::Architectures="$arch" \
        -oDir::State::Lists="$cache/apt-$arch/lists" \
        -oDir::Cache="$cache/apt-$arch/cache" \
        -oDir::Cache::pkgcache= -oDir::Cache::srcpkgcache= \
        -oAPT::Sandbox::User="$user" -oDebug::NoLocking=1
    tmp=$(mktemp -d "$cache/debs/.dl.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    # Try the lists we have first; refresh them when the download fails.
    if ! (cd "$tmp" && apt-get "$@" download "$pkg=$version") >"$tmp/log" 2>&1; then
        echo "fetch-deb: updating apt lists for $arch in $cache/apt-$arch" >&2
        apt-get "$@" update >&2 || die "apt-get update failed (network?)"
        if ! (cd "$tmp" && apt-get "$@" download "$pkg=$version") >&2; then
            apt-cache "$@" policy "$pkg" >&2 || true
            die "cannot download $pkg=$version for $arch: if Debian has superseded" \
                "it, pin the candidate shown above (version and SHA256) in the test"
        fi
    fi
    got=$(ls "$tmp"/*.deb 2>/dev/null | head -n 1)
    [ -n "$got" ] || die "apt-get download produced no .deb"
    mv "$got" "$deb"
    if ! sha_ok "$deb"; then
        actual=$(sha256sum "$deb" | cut -d' ' -f1)
        rm -f "$deb"
        die "SHA-256 mismatch for $pkg=$version ($arch): expected $sha, got $actual"
    fi
fi

# Several packages may share one DESTDIR (a sysroot): unpack over it.
mkdir -p "$dest"
dpkg-deb -x "$deb" "$dest" || die "dpkg-deb -x failed on $deb"
touch "$stamp"
echo "$dest"
