#!/bin/sh
# Installs what is missing, builds billflow and runs its tests: the normal
# build, then the unit tests again under AddressSanitizer and UBSan.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh --test
[ -d build ] || meson setup build
# The reader's test hooks (a marker document crashes or hangs it) prove the
# supervisor in tests/service/test_hostile.py; never in a release build.
# CI builds with every warning an error (-Dwerror=true); a user's build
# does not, so a newer compiler's new warning never stops an install.
meson configure build -Dtest_hooks=true -Dwerror=true
meson compile -C build
# The static analyzer (clang-tidy's clang-analyzer checks) over our sources,
# not the tests; a finding fails CI. Where a finding is a false positive it
# is silenced in the code with NOLINT(check) and the reason beside it.
run-clang-tidy -p build -quiet -checks='-*,clang-analyzer-*,-clang-analyzer-security.insecureAPI.*' \
  -warnings-as-errors='*' '^((?!/tests/|/build).)*\.c$' >build/clang-tidy.log 2>&1 || {
  grep -E 'error:|warning:' build/clang-tidy.log; echo "clang-tidy: findings above (build/clang-tidy.log)"; exit 1; }
meson test -C build --print-errorlogs --num-processes 2
meson test -C build --setup package --suite package --print-errorlogs
if [ "${BILLFLOW_SKIP_ASAN:-0}" != 1 ]; then
  [ -d build-asan ] || meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debug -Dwerror=true
  meson compile -C build-asan
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
    meson test -C build-asan --suite unit --print-errorlogs --num-processes 2
  python3 scripts/test-summary.py build build-asan
else
  python3 scripts/test-summary.py build
fi
