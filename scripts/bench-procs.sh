#!/bin/bash
# bench-procs.sh: documents per minute with 1, 2 and 3 `billflow run --once`
# processes of one worker each, draining one shared inbox into one store
# (issue 17: on this 2-core machine 2 processes >= 1.8x one, 3 no slower
# than 2). Prints figures; asserts nothing.
#
# Usage: scripts/bench-procs.sh [-n DOCS] [-P "1 2 3"] [-u URL] [-b BUILD] [-B BASE] [-r RUNS] [-k]
#   -n DOCS   scanned pages and PDFs to drain (24; half each)
#   -P LIST   process counts to run (1 2 3)
#   -u URL    store.url of a PostgreSQL database the runs may empty and fill
#             (each run starts from an empty store: its tables are dropped);
#             without it the store is SQLite, where one process at a time
#             holds the home (so only 1 runs)
#   -b BUILD  the build directory (build)
#   -B BASE   a baseline build directory: each drain runs with it too, right
#             after, so that both meet the same load
#   -r RUNS   drains of each count (and build) (1), taken in turn
#   -k        keep the temporary folder (each run's log: log-P) and say where
# Each process has its own home (configuration, logs) and they share the
# inbox, archive and failed folders and the store. Checked afterwards, and
# printed: every document recorded once, no file left in the inbox.
# CPU is what a loaded machine cannot blur: the seconds the processes and
# their readers used (cpu s; per process in cpu-each), per document, and on
# a local PostgreSQL the server's (pg s: its backends and helpers, read from
# /proc). Docs/min follows the share of the machine the run got.
set -eu

N=24 PROCS="1 2 3" URL="" BUILD=${BILLFLOW_BUILD:-build} BASE="" RUNS=1 KEEP=0
while getopts "n:P:u:b:B:r:k" o; do
        case $o in
        n) N=$OPTARG ;; P) PROCS=$OPTARG ;; u) URL=$OPTARG ;; b) BUILD=$OPTARG ;;
        B) BASE=$OPTARG ;; r) RUNS=$OPTARG ;; k) KEEP=1 ;;
        *) sed -n '2,28p' "$0" >&2; exit 2 ;;
        esac
done
BIN=$(cd "$BUILD" && pwd)/cli/billflow
GEN=$(cd "$BUILD" && pwd)/tests/gen/gen-invoice
BASE_BIN=""
[ -n "$BASE" ] && BASE_BIN=$(cd "$BASE" && pwd)/cli/billflow
for f in "$BIN" "$GEN" $BASE_BIN; do
        [ -x "$f" ] || { echo "bench-procs: no '$f' (meson compile -C $BUILD first)" >&2; exit 1; }
done
if [ -z "$URL" ] && [ "$PROCS" != 1 ]; then
        echo "bench-procs: without -u URL (SQLite) only one process runs at a time; running -P 1" >&2
        PROCS=1
fi
export OMP_THREAD_LIMIT=1
TMP=$(mktemp -d /tmp/bench-procs.XXXXXX)
if [ "$KEEP" = 1 ]; then
        echo "bench-procs: keeping $TMP"
else
        trap 'rm -rf "$TMP"' EXIT INT TERM
fi
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

half=$((N / 2))
"$GEN" --random 11 --count "$half" --out-dir "$TMP/docs" --formats png >/dev/null
"$GEN" --random 12 --count "$((N - half))" --out-dir "$TMP/docs" --formats pdf >/dev/null
DOCS=$(ls "$TMP/docs"/*.png "$TMP/docs"/*.pdf | wc -l)
echo "bench-procs: $DOCS documents ($half scans, the rest PDFs), store ${URL:-sqlite}," \
        "$(getconf _NPROCESSORS_ONLN) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

count_docs() {   # documents recorded, distinct sha256 (a double would show)
        if [ -n "$URL" ]; then
                psql -X -At "$URL" -c "SELECT COUNT(*) || ' ' || COUNT(DISTINCT sha256) FROM documents"
        else
                sqlite3 "$TMP/shared/home/billflow.db" "SELECT COUNT(*) || ' ' || COUNT(DISTINCT sha256) FROM documents"
        fi
}

# The PostgreSQL server's CPU seconds so far, when it runs here: its
# postmaster's own and its ended children's (backends that left), and its
# live children's. "-" when it cannot be read (another machine, no psql).
PGPID=""
if [ -n "$URL" ]; then
        b=$(psql -X -At "$URL" -c "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'" \
                2>/dev/null || true)
        [ -n "$b" ] && [ -r "/proc/$b/stat" ] && PGPID=$(awk '{ print $4 }' "/proc/$b/stat")
fi
pg_cpu() {
        [ -n "$PGPID" ] && [ -r "/proc/$PGPID/stat" ] || { echo -; return; }
        cat /proc/[0-9]*/stat 2>/dev/null | sed 's/^\([0-9]*\) (.*) /\1 /' |
                awk -v pm="$PGPID" -v hz="$(getconf CLK_TCK)" '
                        $1 == pm { t += $13 + $14 + $15 + $16 }
                        $3 == pm { t += $13 + $14 }
                        END { printf "%.2f", t / hz }'
}

drain() {   # drain BIN P -> seconds recorded distinct left load cpu pg cpu-each
        bin=$1 p=$2
        rm -rf "$TMP/shared" "$TMP"/home-* "$TMP"/cpu-*
        mkdir -p "$TMP/shared/inbox" "$TMP/shared/archive" "$TMP/shared/failed"
        if [ -n "$URL" ]; then  # an empty store: billflow's own tables go, init migrates afresh
                PGOPTIONS="-c client_min_messages=warning" psql -X -q "$URL" \
                        -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
        fi
        set -- --set "inbox.path=$TMP/shared/inbox" --set "inbox.archive=$TMP/shared/archive" \
                --set "inbox.failed=$TMP/shared/failed" --set "ocr.workers=1" ${URL:+--set "store.url=$URL"}
        homes=""
        for i in $(seq "$p"); do
                h=$TMP/home-$i
                [ -z "$URL" ] && h=$TMP/shared/home
                BILLFLOW_HOME=$h "$bin" "$@" init >/dev/null
                homes="$homes $h"
        done
        cp "$TMP/docs"/*.png "$TMP/docs"/*.pdf "$TMP/shared/inbox/"
        pg0=$(pg_cpu)
        s=$(now)
        pids=""
        i=0
        for h in $homes; do
                i=$((i + 1))
                BILLFLOW_HOME=$h /usr/bin/time -f "%U %S" -o "$TMP/cpu-$i" \
                        "$bin" -q "$@" run --once 2>>"$TMP/log-$p" &
                pids="$pids $!"
        done
        for pid in $pids; do wait "$pid" || echo "bench-procs: a process exited $?" >&2; done
        e=$(now)
        pg1=$(pg_cpu)
        load=$(cut -d' ' -f1 /proc/loadavg)
        # CPU seconds the processes and their readers used, in all and each
        cpu=$(cat "$TMP"/cpu-* | awk '{ c += $1 + $2 } END { printf "%.1f", c }')
        each=$(for i in $(seq "$p"); do awk '{ printf "%.1f", $1 + $2 }' "$TMP/cpu-$i"; echo; done | paste -sd/)
        pg=-
        [ "$pg0" != - ] && [ "$pg1" != - ] && pg=$(calc "%.1f" "$pg1 - $pg0")
        left=$(ls "$TMP/shared/inbox" | wc -l)
        read -r n distinct < <(count_docs)
        echo "$(calc "%.3f" "$e - $s") $n $distinct $left $load $cpu $pg $each"
}

builds="new"
[ -n "$BASE_BIN" ] && builds="new base"
printf "%-28s %8s %8s %6s %9s %4s %5s %6s %6s %6s %5s  %s\n" "" "seconds" "docs/min" "vs 1" \
        "recorded" "left" "load" "cpu s" "s/doc" "pg s" "cores" "cpu-each"
for run in $(seq "$RUNS"); do
        for b in $builds; do
                base=""
                bin=$BIN
                [ "$b" = base ] && bin=$BASE_BIN
                for p in $PROCS; do
                        read -r secs n distinct left load cpu pg each < <(drain "$bin" "$p")
                        rate=$(calc "%.1f" "$DOCS * 60 / $secs")
                        [ -z "$base" ] && base=$rate
                        label="$p process(es), 1 worker"
                        [ -n "$BASE_BIN" ] && label="$b: $label"
                        printf "%-28s %8.2f %8s %5sx %4s/%-4s %4s %5s %6.1f %6s %6s %5s  %s\n" \
                                "$label" "$secs" "$rate" "$(calc "%.2f" "$rate / $base")" "$distinct" \
                                "$n" "$left" "$load" "$cpu" "$(calc "%.3f" "$cpu / $DOCS")" "$pg" \
                                "$(calc "%.2f" "$cpu / $secs")" "$each"
                done
        done
done
echo "recorded: distinct documents / rows (a document recorded twice would show as rows > distinct);"
echo "load: the 1-minute load average as the run ended (other sessions' work included); cpu s:"
echo "user+system seconds of the processes and their readers (s/doc: per document; cpu-each: per"
echo "process); pg s: the local PostgreSQL server's CPU seconds meanwhile (- when not readable);"
echo "cores: cpu s / seconds, the share of the machine they got (2 processes can be 2x one only"
echo "if they get twice the CPU)"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
