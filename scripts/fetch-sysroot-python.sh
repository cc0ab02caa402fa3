#!/bin/sh
# Owns: the pins of the arm64 sysroot for running Debian 12's Python 3.11 and
# fzf under mimic (tests/python): the interpreter, its standard library and
# the libraries the modules the test imports load (readelf -d NEEDED of
# python3.11 and lib-dynload/*.so: libc, libz, libexpat, libffi, libssl,
# libbz2, liblzma, libuuid, libcrypt), plus fzf (a Go program linked with
# libc).
# fetch-sysroot.sh does the fetching; prints the sysroot's path.
#
#   scripts/fetch-sysroot-python.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)

# package version sha256 (Debian 12 "bookworm", arm64, as served in 2026-12)
sh "$here/fetch-sysroot.sh" python311 usr/bin/python3.11 <<'PINS'
python3.11-minimal 3.11.2-6+deb12u9 617855dbf3299e03873926c75d61feaf3d36924586aecc1951a0b965a95bc694
libpython3.11-minimal 3.11.2-6+deb12u9 dd9847d2f77c5a924b1d3dd953b81f161db9374c94d03b9216191925350928c3
libpython3.11-stdlib 3.11.2-6+deb12u9 9937cbe3f647aa89a590fec647438ce02098c113d1c6f70e4cb1230c368d42a4
libc6 2.36-9+deb12u14 01f4330719fd4f65580e16ea5a0527f372fca750e8f588d26deaf09f2d3b1cf4
zlib1g 1:1.2.13.dfsg-1+deb12u1 61477d8059daf1765683a73099cc17941e1970acb520fd238646dedf99eb16f6
libexpat1 2.5.0-1+deb12u5 4a733e7f636de4a4483e3e5d7b02dc8e788b115361a04dd58df89461ce2ae65a
libffi8 3.4.4-1 80b5c36177dc0e29d531c7eddbed3cc7355cb490e49f8cfa5959572d161f27b3
libssl3 3.0.22-1~deb12u2 3d04ecd8d0f57fed50d205abaeedfcc84c1960073ea085719c00add44b0ccd7f
libbz2-1.0 1.0.8-5+b1 d3a96ece03326498b39ff093a76800dfcbcb1d4049d6ae6e9f6fa1aa7a590ad6
liblzma5 5.4.1-1+deb12u2 36358d245f246234721e6c1c2ee5d11a46c1c877023c63f7570df02cd79964f5
libuuid1 2.38.1-5+deb12u3 3b2d19df0f3190108cf54228c4cfc822226c06d8f3615a5ab16a7dffb1f58aed
libcrypt1 1:4.4.33-2 eea0ad76ea5eb507127fea0c291622ea4ecdbb71c4b9a8ed9c76ae33fc1a0127
fzf 0.38.0-1+b1 c9e9a7565618fb3095b3d213ead0ec7ae6e3fbe200abc5786b482a2f9cce39fe
PINS
