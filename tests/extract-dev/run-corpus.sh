#!/bin/sh
# run-corpus.sh: extracts a corpus folder with the dev harness (TSV dir) or the
# real binary, then scores it. usage: run-corpus.sh CORPUS_DIR (TSV_DIR | --billflow BIN) [-v]
set -e
here=$(dirname "$0")
corpus=$1; shift
out=$(mktemp)
if [ "$1" = "--billflow" ]; then
        bin=$2; shift 2
        for f in "$corpus"/files/*; do "$bin" extract --json "$f" || true; done > "$out"
else
        tsvdir=$1; shift
        "${DEV:-build-extract/tests/extract-dev/extract-dev}" "$tsvdir"/*.tsv > "$out" || true
fi
python3 "$here/score.py" "$corpus" "$out" "$@"
rm -f "$out"
