#!/bin/sh
# train-ranker.sh: retrains extract/ranker.model, the learned ranker that
# picks total, subtotal and tax among their candidates and gives their
# confidence. Deterministic: the same build, documents and seeds give the
# same model. Training is on the development fold of the corpora only
# (tests/extract-dev/folds.py), generated invoices, and documents of your own.
#
#   sh scripts/train-ranker.sh [--build DIR] [--corpus DIR] [--docs DIR]... [--out FILE]
#                              [--fields total,subtotal,tax,invoice_number,po_number,invoice_date]
#                              [--calibrate-finders] [--cv]
#
# --corpus  the shared corpus (default $BILLFLOW_CORPUS, else ../shared/corpus
#           beside the checkout or its main worktree; skipped when absent)
# --docs    a folder of your own: files/ and truth.jsonl as in the corpus
#           ({"file": "files/a.pdf", "total": "214.80", "subtotal": ..., "tax": ...});
#           every document in it is used
# --out     where the model goes (default extract/ranker.model; use your own
#           path and set extract.model = PATH in billflow.conf to use it
#           without rebuilding)
# --fields  the fields to weigh (default the amounts: total, subtotal, tax)
# --calibrate-finders  also a calibration of the finders' own confidence
#           for the fields not weighed (vendor, due date, currency, ...)
# --cv      write no model: print what models fitted without a fifth of the
#           dev vendors do on that fifth (per set and ranked field, for each
#           regularisation) — choose a training mix or feature on these
# Word layers are read once (capture-tsv) and cached in BUILD/ranker-data.
# Needs liblinear-tools (liblinear-train).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
# the corpus as accuracy.py finds it ($BILLFLOW_CORPUS, ../shared/corpus beside
# the checkout or beside the main checkout of a git worktree)
corpus=$(cd "$root/scripts" && python3 -c 'import accuracy; print(accuracy.default_corpus())')
out=$root/extract/ranker.model
docs=""
extra=""
while [ $# -gt 0 ]; do
        case $1 in
        --build) build=$(cd "$2" && pwd); shift 2 ;;
        --corpus) corpus=$2; shift 2 ;;
        --docs) docs="$docs $(cd "$2" && pwd)"; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --fields) extra="$extra --fields $2"; shift 2 ;;
        --calibrate-finders) extra="$extra --calibrate-finders"; shift ;;
        --cv) extra="$extra --cv"; shift ;;
        *) echo "usage: train-ranker.sh [--build DIR] [--corpus DIR] [--docs DIR]... [--out FILE] [--fields LIST] [--calibrate-finders] [--cv]" >&2; exit 2 ;;
        esac
done
command -v liblinear-train >/dev/null || { echo "train-ranker: liblinear-train missing (apt-get install liblinear-tools)" >&2; exit 1; }
meson compile -C "$build" tests/extract-dev/extract-dev tests/extract-dev/capture-tsv tests/gen/gen-invoice >/dev/null
data=$build/ranker-data
capture=$build/tests/extract-dev/capture-tsv
mkdir -p "$data/tsv"
sets=""

# capture FILE... into TSV_DIR, skipping what is cached
capture_into() {
        cap_dir=$1; shift
        mkdir -p "$cap_dir"
        todo=""
        for f in "$@"; do
                b=$(basename "$f"); b=${b%.*}
                [ -s "$cap_dir/$b.tsv" ] || todo="$todo $f"
        done
        [ -z "$todo" ] || OMP_THREAD_LIMIT=1 "$capture" "$cap_dir" $todo || true
}

if [ -d "$corpus" ]; then
        for c in "$corpus"/*/; do
                c=${c%/}; name=$(basename "$c")
                [ -f "$c/truth.jsonl" ] || continue
                files=$(python3 "$root/tests/extract-dev/folds.py" "$c" dev)
                [ -n "$files" ] || continue
                capture_into "$data/tsv/$name" $files
                sets="$sets $data/tsv/$name=$c/truth.jsonl"
        done
else
        echo "train-ranker: no corpus at $corpus; generated documents only" >&2
fi

# generated invoices: born-digital and scanned, fixed seeds
for g in "pdf 1101 240" "png 2202 60"; do
        set -- $g
        dir=$data/gen-$1
        [ -f "$dir/truth.jsonl" ] || "$build/tests/gen/gen-invoice" --random "$2" --count "$3" --out-dir "$dir" --formats "$1" >/dev/null
        capture_into "$data/tsv/gen-$1" "$dir"/*."$1"
        sets="$sets $data/tsv/gen-$1=$dir/truth.jsonl:all"
done

for d in $docs; do
        name=own-$(basename "$d")
        capture_into "$data/tsv/$name" "$d"/files/*
        sets="$sets $data/tsv/$name=$d/truth.jsonl:all"
done

python3 "$root/scripts/train-ranker.py" --dev "$build/tests/extract-dev/extract-dev" --out "$out" $extra $sets
case $extra in *--cv*) ;; *) echo "train-ranker: wrote $out" >&2 ;; esac
