#!/bin/bash
# bench-scale.sh: billflow's everyday commands on a store of years of work
# (issue 17: 1 000 000 documents, 5 000 000 ledger lines; goal under 100 ms
# each), timed through the real binary. Prints figures; asserts nothing.
#
# Usage: scripts/bench-scale.sh [-H HOME] [-n DOCS] [-l LINES] [-r RUNS]
#                               [-u URL] [-b BUILD] [-p]
#   -H HOME   the filled home (default /tmp/bench-scale-DOCS): made by
#             scripts/gen-scale.py on first use, reused afterwards (the
#             benchmark adds a few documents and an export batch each run)
#   -n, -l    documents and ledger lines to generate (1000000, 5000000)
#   -r RUNS   runs per command (5): min, median and max wall time
#   -u URL    store.url: the store on PostgreSQL (filled by gen-scale.py --url)
#   -b BUILD  the build directory (build)
#   -p        EXPLAIN of every statement over 2 ms (SQLite: QUERY PLAN;
#             PostgreSQL: ANALYZE, by auto_explain in the profiled run)
#
# Timed: `queue`, `ledger --since` (the last 7 days), `status`, the
# duplicate checks (`process` of a PDF that repeats an invoice in the store:
# the whole command, which reads the PDF, and the duplicate lookups' own SQL
# time), and an incremental `export` (after an export of everything
# pending, three new invoices posted, then exported).
#
# Every command also runs, in the same run, against an empty store on the
# same engine (SQLite: a fresh home; PostgreSQL: the database URL_empty,
# emptied first): what it costs there is start-up, configuration,
# connecting and reading the PDF, not the store's size. The column "net" is
# the median wall time less the empty store's: what the 1M rows cost.
# Each command also runs once under scripts/sqltrace.c (an LD_PRELOAD
# profiler, SQLite and libpq): the time spent in SQL and the slowest
# statement.
set -eu

DOCS=1000000 LINES=5000000 RUNS=5 URL="" BUILD=${BILLFLOW_BUILD:-build} PLANS=0 HOME_DIR=""
while getopts "H:n:l:r:u:b:p" o; do
        case $o in
        H) HOME_DIR=$OPTARG ;; n) DOCS=$OPTARG ;; l) LINES=$OPTARG ;; r) RUNS=$OPTARG ;;
        u) URL=$OPTARG ;; b) BUILD=$OPTARG ;; p) PLANS=1 ;;
        *) sed -n '2,32p' "$0" >&2; exit 2 ;;
        esac
done
SRC=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "$BUILD" && pwd)/cli/billflow
GEN=$(cd "$BUILD" && pwd)/tests/gen/gen-invoice
HOME_DIR=${HOME_DIR:-/tmp/bench-scale-$DOCS${URL:+-pg}}
for f in "$BIN" "$GEN"; do
        [ -x "$f" ] || { echo "bench-scale: no '$f' (meson compile -C $BUILD first)" >&2; exit 1; }
done
export BILLFLOW_HOME=$HOME_DIR OMP_THREAD_LIMIT=1
TMP=$(mktemp -d /tmp/bench-scale.XXXXXX)
trap 'rm -rf "$TMP"' EXIT INT TERM

if [ ! -e "$HOME_DIR/.gen-scale" ]; then
        echo "bench-scale: filling $HOME_DIR with $DOCS documents, about $LINES ledger lines"
        rm -rf "$HOME_DIR"
        python3 "$SRC/scripts/gen-scale.py" --home "$HOME_DIR" --docs "$DOCS" --lines "$LINES" \
                --bin "$BIN" ${URL:+--url "$URL"} | tee "$TMP/gen.txt"
        cp "$TMP/gen.txt" "$HOME_DIR/.gen-scale"
fi

sql() {   # one value from the store
        if [ -n "$URL" ]; then psql -X -At "$URL" -c "$1"; else sqlite3 "$HOME_DIR/billflow.db" "$1"; fi
}

TRACE=""
if cc -shared -fPIC -O2 -o "$TMP/sqltrace.so" "$SRC/scripts/sqltrace.c" -ldl 2>"$TMP/cc.err"; then
        TRACE=$TMP/sqltrace.so
fi

# run1 CMD...: one run (its output in $TMP/out); appends "wall_ms cpu_ms" (user + system) to $TMP/times
run1() {
        /usr/bin/time -f "%e %U %S" -o "$TMP/t1" "$@" >"$TMP/out" 2>"$TMP/err" ||
                { echo "bench-scale: $* failed: $(cat "$TMP/err")" >&2; return 1; }
        awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$TMP/t1" >>"$TMP/times"
}
# stats: "wall_min wall_median cpu_median" of $TMP/times
stats() {
        w=$(cut -d' ' -f1 "$TMP/times" | sort -n | awk '{ a[NR] = $1 } END { print a[1], a[int((NR + 1) / 2)] }')
        c=$(cut -d' ' -f2 "$TMP/times" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
        echo "$w $c"
}
row() {   # row LABEL WALL_MIN WALL_MED EMPTY_WALL_MED NET CPU_MED EMPTY_CPU SQL...
        printf "%-30s %6s %6s %6s %6s %6s %6s   %s\n" "$1" "$2" "$3" "$4" "$5" "$6" "$7" "${*:8}"
}
row_t() {  # row_t LABEL SQL...: the figures in $full and $empty ("min median cpu")
        read -r mn md cpu <<<"$full"
        read -r _ emd ecpu <<<"$empty"
        row "$1" "$mn" "$md" "$emd" "$((md - emd))" "$cpu" "$ecpu" "${*:2}"
}

# timed LABEL CMD...: RUNS runs of CMD here and in an empty home (the
# command's floor: start-up, configuration), and on SQLite one more run
# under the profiler.
timed() {
        label=$1; shift
        : >"$TMP/times"
        for _ in $(seq "$RUNS"); do BILLFLOW_HOME=$EMPTY run1 "$@" || return 1; done
        empty=$(stats)
        : >"$TMP/times"
        for _ in $(seq "$RUNS"); do run1 "$@" || return 1; done
        full=$(stats)
        sqlpart=""
        if [ -n "$TRACE" ]; then
                rm -f "$TMP/trace.tsv"
                traced "$@" >/dev/null 2>&1 || true
                sqlpart=$(profile "$TMP/trace.tsv")
        fi
        row_t "$label" "$sqlpart"
}

# traced CMD...: CMD under the profiler (and, with -p on PostgreSQL, with
# auto_explain writing the plans of statements over 2 ms as notices)
traced() {
        if [ -n "$URL" ] && [ "$PLANS" = 1 ]; then
                BF_SQLTRACE=$TMP/trace.tsv BF_SQLTRACE_NOTICES=$TMP/plans.txt LD_PRELOAD=$TRACE \
                PGOPTIONS="-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=2 -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on -c auto_explain.log_level=notice" \
                        "$@"
        else
                BF_SQLTRACE=$TMP/trace.tsv LD_PRELOAD=$TRACE "$@"
        fi
}

# profile TSV: "N ms (M cpu); slowest: …" (and its plan with -p)
profile() {
        [ -s "$1" ] || { echo "(no statements)"; return; }
        sums=$(awk -F'\t' '{ w += $2; c += $4 } END { printf "%.1f %.1f", w, c }' "$1")
        top=$(sort -t$'\t' -k2,2 -gr "$1" | head -1)
        printf "%s ms (cpu %s); slowest %.1f ms x%s: %.60s" "${sums% *}" "${sums#* }" \
                "$(cut -f2 <<<"$top")" "$(cut -f1 <<<"$top")" "$(cut -f5 <<<"$top")"
        if [ "$PLANS" = 1 ] && [ -z "$URL" ]; then
                sort -t$'\t' -k2,2 -gr "$1" | awk -F'\t' '$2 >= 2' | cut -f5 >>"$TMP/plans.sql"
        fi
}

new_pdf() {   # new_pdf NAME NUMBER AMOUNT -> a PDF invoice from the first vendor
        cat >"$TMP/$1.json" <<EOF
{"vendor": "$VNAME", "vendor_address": ["1 Foundry Road", "Leeds LS1 4AP"],
 "bill_to": ["Globex Corporation", "22 Market Street", "York YO1 7HH"],
 "invoice_number": "$2", "invoice_date": "2026-12-05", "currency": "$VCUR",
 "lines": [{"description": "Scale test item", "quantity": "1", "unit_price": "$3", "amount": "$3"}],
 "subtotal": "$3", "tax": "0.00", "tax_label": "VAT 0%", "total": "$3", "language": "en",
 "date_format": "d_mon_y", "number_format": "en", "layout": 0}
EOF
        "$GEN" --spec "$TMP/$1.json" --seed 1 --pdf "$TMP/$1.pdf" >/dev/null
        echo "$TMP/$1.pdf"
}

VNAME=$(sql "SELECT name FROM vendors WHERE vendor_id = 'V00001'")
VCUR=$(sql "SELECT currency FROM vendors WHERE vendor_id = 'V00001'")
DUPNUM=$(sql "SELECT invoice_number FROM invoices WHERE vendor_id = 'V00001' ORDER BY id DESC LIMIT 1")
LAST=$(sql "SELECT MAX(substr(received_at, 1, 10)) FROM documents")
SINCE=$(date -u -d "$LAST - 7 days" +%F)
echo "bench-scale: $HOME_DIR (${URL:-sqlite}): $(sql 'SELECT COUNT(*) FROM documents') documents," \
        "$(sql 'SELECT COUNT(*) FROM postings') ledger lines, $(sql 'SELECT COUNT(*) FROM exceptions WHERE state = 0') open exceptions;" \
        "load $(cut -d' ' -f1-3 /proc/loadavg)"
tag=$(date +%s)
EMPTY=$TMP/empty
if [ -n "$URL" ]; then  # the empty store: URL's database with _empty, made and emptied here
        EURL=${URL%%\?*}_empty
        psql -X -q "$URL" -c "CREATE DATABASE $(basename "$EURL")" >/dev/null 2>&1 || true
        psql -X -q "$EURL" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null 2>&1
        mkdir -p "$EMPTY"
        printf '[store]\nurl = %s\n' "$EURL" >"$EMPTY/billflow.conf"
fi
BILLFLOW_HOME=$EMPTY "$BIN" init >/dev/null
printf 'vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required\nV00001,"%s",,%s,30,Expenses:Supplies,false\n' \
        "$VNAME" "$VCUR" >"$TMP/v.csv"
BILLFLOW_HOME=$EMPTY "$BIN" import vendors "$TMP/v.csv" >/dev/null
echo "milliseconds, $RUNS runs each: wall min and median here, wall median on an empty store (start-up,"
echo "the same run), net = median - empty, CPU (user+sys) median here and empty, time in SQL (one"
echo "profiled run) and its slowest statement"
row "" "wall" "wall" "empty" "net" "cpu" "empty" "sql"
row "" "min" "median" "median" "" "median" "cpu" ""
timed "queue" "$BIN" queue
timed "ledger --since $SINCE" "$BIN" ledger --since "$SINCE"
timed "status" "$BIN" status

# The duplicate checks: a PDF repeating the newest invoice of the biggest
# vendor, in this store and in the empty home with the same vendor master.
for i in $(seq "$RUNS"); do new_pdf "dup$i" "$DUPNUM" "$((tag % 100000 * 1000 + 500 + i)).17" >/dev/null; done
run_dups() {  # run_dups HOME: process dup1..dupN there (each a new file: no duplicate_file)
        : >"$TMP/times"
        for i in $(seq "$RUNS"); do
                BILLFLOW_HOME=$1 run1 "$BIN" --json process "$TMP/dup$i.pdf" || true
        done
        grep -o '"status":"[a-z_]*","reasons":\[[^]]*\]' "$TMP/out" | head -1
}
d_empty=$(run_dups "$EMPTY"); empty=$(stats)
d_full=$(run_dups "$HOME_DIR"); full=$(stats)
row_t "process duplicate PDF" "$d_full"
if [ -n "$TRACE" ]; then
        new_pdf dupx "$DUPNUM" "$((tag % 100000 * 1000 + 599)).17" >/dev/null
        rm -f "$TMP/trace.tsv"
        traced "$BIN" process "$TMP/dupx.pdf" >/dev/null 2>&1 || true
        row "  its SQL" "" "" "" "" "" "" "$(profile "$TMP/trace.tsv")"
        grep -iE 'number_norm|total_minor = |sha256 = ' "$TMP/trace.tsv" | grep -v 'INTO queue_rows' |
                awk -F'\t' '{ printf "      duplicate lookup %6.2f ms x%s: %.80s\n", $2, $1, $5 }'
fi

# Incremental export: everything pending out first, then three new postings
# (their processing not timed), then the export.
"$BIN" export --format csv --out "$TMP/full.csv" >/dev/null 2>&1 || true
BILLFLOW_HOME=$EMPTY "$BIN" export --format csv --out "$TMP/efull.csv" >/dev/null 2>&1 || true
export_round() {  # export_round HOME R: three postings, then an export, timed
        for k in 1 2 3; do
                BILLFLOW_HOME=$1 "$BIN" process "$(new_pdf "new$2$k" "SCALE-$tag-$2-$k" "$((tag % 100000 * 1000 + ${2//[!0-9]/} * 10 + k)).31")" >/dev/null 2>&1 || true
        done
        BILLFLOW_HOME=$1 run1 "$BIN" export --format csv --out "$TMP/inc$2.csv" --force
        rows=$(($(wc -l <"$TMP/inc$2.csv") - 1))
}
: >"$TMP/times"
for r in $(seq "$RUNS"); do export_round "$EMPTY" "e$r"; done
empty=$(stats)
: >"$TMP/times"
for r in $(seq "$RUNS"); do export_round "$HOME_DIR" "$r"; done
full=$(stats)
sqlpart=""
if [ -n "$TRACE" ]; then
        for k in 1 2 3; do "$BIN" process "$(new_pdf "newt$k" "SCALE-$tag-t-$k" "$((tag % 100000 * 1000 + 900 + k)).31")" >/dev/null 2>&1 || true; done
        rm -f "$TMP/trace.tsv"
        traced "$BIN" export --format csv --out "$TMP/inct.csv" >/dev/null 2>&1 || true
        sqlpart=$(profile "$TMP/trace.tsv")
fi
row_t "export (incremental, $rows rows)" "$sqlpart"

if [ "$PLANS" = 1 ] && [ -s "$TMP/plans.txt" ]; then
        echo
        echo "query plans of the statements over 2 ms (auto_explain, EXPLAIN ANALYZE):"
        sed 's/^/  /' "$TMP/plans.txt"
fi
if [ "$PLANS" = 1 ] && [ -s "$TMP/plans.sql" ]; then
        echo
        echo "query plans of the statements over 2 ms:"
        sort -u "$TMP/plans.sql" | while IFS= read -r q; do
                echo "  $q" | cut -c1-160
                sqlite3 "$HOME_DIR/billflow.db" "EXPLAIN QUERY PLAN $q" 2>&1 | sed 's/^/      /'
        done
fi
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
