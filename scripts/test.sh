#!/bin/sh
# Installs what is missing, builds billflow and runs its tests: the normal
# build, then the unit tests again under AddressSanitizer and UBSan.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh --test
[ -d build ] || meson setup build
# The reader's test hooks (a marker document crashes or hangs it) prove the
# supervisor in tests/service/test_hostile.py; never in a release build.
meson configure build -Dtest_hooks=true
meson compile -C build
meson test -C build --print-errorlogs --num-processes 2
meson test -C build --setup package --suite package --print-errorlogs
if [ "${BILLFLOW_SKIP_ASAN:-0}" != 1 ]; then
  [ -d build-asan ] || meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debug
  meson compile -C build-asan
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
    meson test -C build-asan --suite unit --print-errorlogs --num-processes 2
  python3 scripts/test-summary.py build build-asan
else
  python3 scripts/test-summary.py build
fi
