#!/bin/sh
# build-deb.sh: builds billflow's Debian package from this source tree with
# dpkg-buildpackage (debian/), in a copy so the tree stays clean, and checks
# it with lintian when lintian is installed.
#   scripts/build-deb.sh [OUTDIR]     (default: dist/deb; prints the .deb's path)
# Needs: dpkg-dev debhelper fakeroot and the build dependencies
# (sh scripts/install-deps.sh --test installs them all).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$src/dist/deb}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/billflow-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/billflow-0.1.0"
(cd "$src" && tar --exclude='./build*' --exclude='./obj-*' --exclude='./.git' \
        --exclude='./dist/deb' --exclude='./debian/billflow' --exclude='./debian/.debhelper' \
        -cf - .) | (cd "$work/billflow-0.1.0" && tar -xf -)
jobs=$(nproc 2>/dev/null || echo 1)
(cd "$work/billflow-0.1.0" &&
        DEB_BUILD_OPTIONS="nocheck parallel=$jobs" dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1) || {
        tail -40 "$work/build.log" >&2
        echo "build-deb: dpkg-buildpackage failed" >&2
        exit 1
}
deb=$(ls "$work"/billflow_*.deb)
cp "$deb" "$out/"
deb=$out/$(basename "$deb")
if command -v lintian >/dev/null; then
        lintian --fail-on error "$deb" >&2 || { echo "build-deb: lintian found errors" >&2; exit 1; }
fi
echo "$deb"
