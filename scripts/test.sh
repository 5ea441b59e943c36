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
# not the tests. Its findings are listed in build/clang-tidy.log, counted
# here, and fail the run (BILLFLOW_ANALYZE_STRICT=0 only lists them, e.g.
# with another clang whose analyzer knows new checks). Where a finding is a
# false positive it is silenced in the code with NOLINT(check) and the
# reason beside it.
if command -v run-clang-tidy >/dev/null; then
  if ! run-clang-tidy -p build -quiet -j 2 \
    -config="{Checks: '-*,clang-analyzer-*,-clang-analyzer-security.insecureAPI.*,-clang-analyzer-optin.performance.Padding', WarningsAsErrors: '*'}" \
    '^((?!/tests/|/build).)*\.c$' >build/clang-tidy.log 2>&1; then
    n=$(grep -c 'error: .*\[clang-' build/clang-tidy.log || true)
    echo "clang-tidy: $n findings (build/clang-tidy.log)"
    grep 'error: .*\[clang-' build/clang-tidy.log | sed 's/\x1b\[[0-9;]*m//g' | sort -u
    if [ "$n" -gt 0 ] && [ "${BILLFLOW_ANALYZE_STRICT:-1}" = 1 ]; then exit 1; fi
    if [ "$n" -eq 0 ]; then echo "clang-tidy did not finish cleanly; see build/clang-tidy.log"; tail -5 build/clang-tidy.log; fi
  fi
fi
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
