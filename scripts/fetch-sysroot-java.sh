#!/bin/sh
# Owns: the arm64 sysroot for running Debian 12's OpenJDK 17 (`java
# -version`, small programs) under mimic: the packages below, pinned by
# version and SHA-256, each fetched and unpacked by fetch-deb.sh (its own apt
# lists and cache, no change to dpkg's or apt's configuration) into one
# directory used as mimic's -L. Prints the sysroot's path.
#
#   scripts/fetch-sysroot-java.sh
#
# Cache: ${MIMIC_CACHE:-$HOME/.cache/mimic}/root/arm64/openjdk17-PINHASH, so a
# changed pin list makes a new sysroot instead of mixing versions. Fails
# loudly when a download fails (a superseded version: fetch-deb.sh prints the
# new candidate; update its line here).
#
# The set is openjdk-17-jre-headless and what its programs and libraries load
# (readelf -d NEEDED of bin/java, lib/*.so and lib/server/libjvm.so that
# `java -version` opens): libc, libm, libgcc_s, libstdc++, libz. The
# package's other Depends (fonts, certificates, java-common, ...) are for the
# desktop and TLS parts, not needed to start the JVM.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${MIMIC_CACHE:-${HOME:-/tmp}/.cache/mimic}

# package version sha256 (Debian 12 "bookworm", arm64, as served in 2026-12)
pins='
openjdk-17-jre-headless 17.0.21.1+2-1~deb12u1 a0306c8404f1b83f496a4574583192e945806c732a221f002cc00f22a22eba8e
libc6 2.36-9+deb12u14 01f4330719fd4f65580e16ea5a0527f372fca750e8f588d26deaf09f2d3b1cf4
libgcc-s1 12.2.0-14+deb12u1 576926b283613db80168ddf76380a3bd877602778cf0d226caa7bfbfa71eacf3
libstdc++6 12.2.0-14+deb12u1 26e138c677a985775331373828a6c286c551ff397cb735d00e2383cb273d1cb2
zlib1g 1:1.2.13.dfsg-1+deb12u1 61477d8059daf1765683a73099cc17941e1970acb520fd238646dedf99eb16f6
'

tag=$(printf '%s' "$pins" | sha256sum | cut -c1-12)
root="$cache/root/arm64/openjdk17-$tag"

printf '%s\n' "$pins" | while read -r pkg version sha; do
    [ -n "$pkg" ] || continue
    sh "$here/fetch-deb.sh" arm64 "$pkg" "$version" "$sha" "$root" >/dev/null
done

java="$root/usr/lib/jvm/java-17-openjdk-arm64/bin/java"
[ -x "$java" ] || { echo "fetch-sysroot-java: $java missing after unpacking" >&2; exit 1; }
echo "$root"
