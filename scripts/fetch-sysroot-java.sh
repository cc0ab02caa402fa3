#!/bin/sh
# Owns: the pins of the arm64 sysroot for running Debian 12's OpenJDK 17
# (`java -version`, small programs) under mimic (tests/java); fetch-sysroot.sh
# does the fetching into one directory used as mimic's -L. Prints its path.
#
#   scripts/fetch-sysroot-java.sh
#
# The set is openjdk-17-jre-headless and what its programs and libraries load
# (readelf -d NEEDED of bin/java, lib/*.so and lib/server/libjvm.so that
# `java -version` opens): libc, libm, libgcc_s, libstdc++, libz. The
# package's other Depends (fonts, certificates, java-common, ...) are for the
# desktop and TLS parts, not needed to start the JVM.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

# package version sha256 (Debian 12 "bookworm", arm64, as served in 2026-12)
sh "$here/fetch-sysroot.sh" openjdk17 usr/lib/jvm/java-17-openjdk-arm64/bin/java <<'PINS'
openjdk-17-jre-headless 17.0.21.1+2-1~deb12u1 a0306c8404f1b83f496a4574583192e945806c732a221f002cc00f22a22eba8e
libc6 2.36-9+deb12u14 01f4330719fd4f65580e16ea5a0527f372fca750e8f588d26deaf09f2d3b1cf4
libgcc-s1 12.2.0-14+deb12u1 576926b283613db80168ddf76380a3bd877602778cf0d226caa7bfbfa71eacf3
libstdc++6 12.2.0-14+deb12u1 26e138c677a985775331373828a6c286c551ff397cb735d00e2383cb273d1cb2
zlib1g 1:1.2.13.dfsg-1+deb12u1 61477d8059daf1765683a73099cc17941e1970acb520fd238646dedf99eb16f6
PINS
