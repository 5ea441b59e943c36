#!/bin/sh
# bench-inbox.sh: how fast `billflow run --once` drains an inbox of N scanned
# pages with 1 and 2 workers, against the bare `tesseract` CLI on the same
# pages in the same run (sequential, OMP_THREAD_LIMIT=1).
# Usage: scripts/bench-inbox.sh [N] [BUILD_DIR]   (defaults: 8, build)
# Goal: at most 1.10x tesseract's time per scanned page; 2 workers >= 1.8x one.
set -eu

N=${1:-8}
BUILD=${2:-${BILLFLOW_BUILD:-build}}
BIN=$BUILD/cli/billflow
GEN=$BUILD/tests/gen/gen-invoice
LANG_OCR=${BENCH_LANG:-eng}
export OMP_THREAD_LIMIT=1

for f in "$BIN" "$GEN"; do
        [ -x "$f" ] || { echo "bench-inbox: no '$f' (meson compile -C $BUILD first)" >&2; exit 1; }
done
command -v tesseract >/dev/null || { echo "bench-inbox: no tesseract CLI" >&2; exit 1; }

TMP=$(mktemp -d /tmp/bench-inbox.XXXXXX)
trap 'rm -rf "$TMP"' EXIT INT TERM

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# nproc honours OMP_THREAD_LIMIT; the machine's cores are what matter here.
CORES=$(getconf _NPROCESSORS_ONLN)
echo "bench-inbox: $N scanned pages (gen-invoice PNG, 300 dpi), $CORES cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN { exit !(l > 0.5) }'; then
        echo "bench-inbox: warning: the machine is busy; the figures will be noisy" >&2
fi
"$GEN" --random 7 --count "$N" --out-dir "$TMP/pages" --formats png >/dev/null
PAGES=$(ls "$TMP/pages"/*.png | wc -l)

# The bare tesseract CLI, one page after another.
t0=$(now)
for p in "$TMP/pages"/*.png; do
        tesseract "$p" "$TMP/tess-out" -l "$LANG_OCR" >/dev/null 2>&1
done
t1=$(now)
TESS=$(calc "%.3f" "$t1 - $t0")

drain() {   # drain WORKERS -> seconds
        home="$TMP/home-$1"
        BILLFLOW_HOME=$home "$BIN" init >/dev/null
        cp "$TMP/pages"/*.png "$home/inbox/"
        s=$(now)
        BILLFLOW_HOME=$home "$BIN" -q run --once --set "ocr.workers=$1" 2>"$TMP/log-$1"
        e=$(now)
        left=$(ls "$home/inbox" | wc -l)
        [ "$left" -eq 0 ] || { echo "bench-inbox: $left pages left in the inbox" >&2; exit 1; }
        calc "%.3f" "$e - $s"
}
W1=$(drain 1)
W2=$(drain 2)

echo
printf "%-28s %10s %10s %12s\n" "" "seconds" "pages/s" "s per page"
printf "%-28s %10.2f %10.2f %12.3f\n" "tesseract CLI (sequential)" "$TESS" \
        "$(calc %.4f "$PAGES / $TESS")" "$(calc %.4f "$TESS / $PAGES")"
printf "%-28s %10.2f %10.2f %12.3f\n" "billflow run --once, 1 wkr" "$W1" \
        "$(calc %.4f "$PAGES / $W1")" "$(calc %.4f "$W1 / $PAGES")"
printf "%-28s %10.2f %10.2f %12.3f\n" "billflow run --once, 2 wkrs" "$W2" \
        "$(calc %.4f "$PAGES / $W2")" "$(calc %.4f "$W2 / $PAGES")"
echo
echo "per page vs tesseract (1 worker): $(calc %.2f "$W1 / $TESS")x   (goal <= 1.10x)"
echo "2 workers vs 1:                   $(calc %.2f "$W1 / $W2")x   (goal >= 1.80x)"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
