#!/bin/sh
# bench-extract.sh: accuracy and speed of `billflow extract`. A measuring
# script, not a test. Usage (from the source root):
#   scripts/bench-extract.sh [-b BUILD_DIR] [-n COUNT] [-s SEED] [-v SEED] [-c CORPUS_DIR]
#                            [-r N] [-p N] [-B BIN] [-o SETS] [-f] [-A] [-T] [-k]
#   -b  build directory holding cli/billflow and tests/gen/gen-invoice (build)
#   -B  a second billflow (a baseline build, say main's) timed on the same pages in
#       the same run, alternating with the first and tesseract
#   -o  time only these sets: comma-separated corpus folder names, 'generated'
#   -n  generated invoices per seed (24), each as a PDF and a scan
#   -s  the generated dev seed (4242); -v the generated validation seed (90617)
#   -c  the shared corpus ($BILLFLOW_CORPUS, else ../shared/corpus; skipped when absent)
#   -r  timing rounds per chunk of pages (3; the least counts)
#   -p  scanned pages timed per set at most (48)
#   -f  extract everything again instead of reusing cached output rows
#   -A  accuracy only; -T timing only
#   -k  keep the timing work directory (its path is printed)
# Accuracy is scripts/accuracy.py (dev and val folds of every corpus, the
# generated dev and validation seeds, reliability table; quote val).
# Times are CPU time (user+sys) per page, OMP_THREAD_LIMIT=1 for both programs,
# so that other load on the machine does not move the ratio much: scanned
# pages against the bare `tesseract` CLI on the same pages, and born-digital
# pages (a PDF's own text) in ms per page.
set -eu

build=build
count=24
seed=4242
vseed=90617
corpus=
keep=0
rounds=3
maxpages=48
base=
only=
force=
acc=1
timing=1
while getopts b:n:s:v:c:r:p:B:o:fATk opt; do
        case $opt in
        b) build=$OPTARG ;;
        n) count=$OPTARG ;;
        s) seed=$OPTARG ;;
        v) vseed=$OPTARG ;;
        c) corpus=$OPTARG ;;
        r) rounds=$OPTARG ;;
        p) maxpages=$OPTARG ;;
        B) base=$OPTARG ;;
        o) only=$OPTARG ;;
        f) force=--force ;;
        A) timing=0 ;;
        T) acc=0 ;;
        k) keep=1 ;;
        *) sed -n '2,18p' "$0" >&2; exit 2 ;;
        esac
done

bin=$build/cli/billflow
gen=$build/tests/gen/gen-invoice
here=$(dirname "$0")
for f in "$bin" "$gen" ${base:+"$base"}; do
        [ -x "$f" ] || { echo "bench-extract: missing '$f' (build first, or -b DIR)" >&2; exit 1; }
done

if [ "$acc" = 1 ]; then
        python3 "$here/accuracy.py" --bin "$bin" --gen "$gen" ${corpus:+--corpus "$corpus"} $force \
                --gen-count "$count" --gen-dev-seed "$seed" --gen-val-seed "$vseed"
        echo
fi
[ "$timing" = 1 ] || exit 0
command -v tesseract >/dev/null || { echo "bench-extract: no tesseract CLI" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-extract.XXXXXX")
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT

echo "# generating $count invoices (seed $seed) as PDFs and scans of mixed quality" >&2
"$gen" --random "$seed" --count "$count" --out-dir "$work/gen" --formats pdf,png >/dev/null

export OMP_THREAD_LIMIT=1
export BILLFLOW_HOME="$work/no-home"
python3 - "$bin" "$work" "$corpus" "$rounds" "$here" "$build/accuracy-cache" "$maxpages" "$base" "$only" <<'EOF'
import json, os, re, resource, subprocess, sys

bin_, work, corpus, rounds, here, cache, maxpages, base, only = sys.argv[1:10]
ONLY = set(only.split(",")) if only else None
MAXPAGES = max(1, int(maxpages))
ROUNDS = max(1, int(rounds))
sys.path.insert(0, here)
import accuracy  # noqa: E402
corpus = corpus or accuracy.default_corpus()


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class Unreadable(Exception):
    """The tesseract CLI cannot decode this file (and reads no page after it)."""


def run_tesseract(files, tag):
    """One tesseract process over a list file: one engine start-up, as billflow has."""
    lst = os.path.join(work, tag + ".list")
    with open(lst, "w") as f:
        f.write("\n".join(files) + "\n")
    t0 = cpu()
    p = subprocess.run(["tesseract", lst, os.path.join(work, tag + ".tess")],
                       capture_output=True, text=True)
    took = cpu() - t0
    bad = re.search(r"Image file (.*) cannot be read!", p.stderr)
    if bad:
        raise Unreadable(bad.group(1))
    if p.returncode != 0:
        sys.exit("bench-extract: tesseract failed: " + p.stderr[-500:])
    return took


def time_billflow(part, prog=None):
    t0 = cpu()
    p = subprocess.run([prog or bin_, "--json", "extract", "--"] + part, capture_output=True,
                       text=True)
    return cpu() - t0, [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]


def time_chunk(part):
    """Least CPU time of billflow, of the baseline billflow (-B, else 0) and
    of tesseract over part, ROUNDS each, in turns whose order rotates."""
    progs = ["b", "t"] + (["B"] if base else [])
    took = {p: [] for p in progs}
    for k in range(ROUNDS):
        for prog in progs[k % len(progs):] + progs[:k % len(progs)]:
            if prog == "t":
                took[prog].append(run_tesseract(part, "speed"))
            else:
                took[prog].append(time_billflow(part, base if prog == "B" else bin_)[0])
    return min(took["b"]), min(took["t"]), min(took["B"]) if base else 0.0


def files_of(base, ext=None):
    tp = os.path.join(base, "truth.jsonl")
    if not os.path.exists(tp):
        return []
    fs = [os.path.join(base, json.loads(l)["file"]) for l in open(tp) if l.strip()]
    return [f for f in fs if ext is None or f.endswith(ext)]


gen = os.path.join(work, "gen")
scans, born = [], []
if not ONLY or "generated" in ONLY:
    scans.append(("generated scan", files_of(gen, ".png")[:MAXPAGES]))
    born.append(("generated PDF", files_of(gen, ".pdf")))
if os.path.isdir(corpus):
    for folder in sorted(os.listdir(corpus)):
        fs = files_of(os.path.join(corpus, folder))
        if not fs or (ONLY and folder not in ONLY):
            continue
        rows = accuracy.Runner(bin_, cache, quiet=True).extract(fs)  # sources, cached
        src = {r["file"]: (r.get("source"), r.get("pages")) for r in rows}
        if all(src.get(f) == ("ocr", 1) for f in fs):
            scans.append((folder, fs[:MAXPAGES]))
        text = [f for f in fs if (src.get(f) or (None,))[0] == "text"]
        if text:
            born.append((folder, text))
else:
    print("(no shared corpus at %s: generated pages only)" % corpus)

print("== speed on scanned pages: billflow vs bare tesseract (same pages, same run) ==")
print("(each chunk of 8 pages timed %d times per program, in turns; the least of each" % ROUNDS)
print(" counts, so that bursts of other load on the machine fall out)")
print("(a page the tesseract CLI cannot decode, which ends its run, is left out of both)")
if base:
    print("(baseline: %s, timed in the same turns)" % base)


def speed_row(name, n, b, t, bb):
    row = "%-26s %3d pages  billflow %6.0f ms/page  tesseract %6.0f ms/page  ratio %.2f" % (
        name, n, 1000 * b / n, 1000 * t / n, b / max(t, 1e-9))
    if base:
        row += "  baseline %6.0f ms/page  ratio %.2f" % (1000 * bb / n, bb / max(t, 1e-9))
    print(row)


tb = tt = tbb = tp = 0
for name, files in scans:
    b = t = bb = 0.0
    n = 0
    for i in range(0, len(files), 8):
        part = files[i:i + 8]
        while part:
            try:
                bt = time_chunk(part)
                break
            except Unreadable as e:
                print("    left out: %s" % e)
                part = [f for f in part if f != str(e)]
        if part:
            b, t, bb, n = b + bt[0], t + bt[1], bb + bt[2], n + len(part)
    n = max(n, 1)
    speed_row(name, n, b, t, bb)
    tb, tt, tbb, tp = tb + b, tt + t, tbb + bb, tp + n
if tp:
    speed_row("all scans", tp, tb, tt, tbb)

print("\n== born-digital pages (the PDF's own text): billflow CPU ms per page ==")
print("(one process per set, %d rounds, the least counts; start-up included)" % ROUNDS)
ab = ap = 0
for name, files in born:
    best, rows = None, []
    for _ in range(ROUNDS):
        took, rows = time_billflow(files)
        best = took if best is None else min(best, took)
    pages = sum(r.get("pages") or 1 for r in rows) or 1
    print("%-26s %3d docs %3d pages  %6.1f ms/page" % (name, len(files), pages, 1000 * best / pages))
    ab, ap = ab + best, ap + pages
if ap:
    print("%-26s          %3d pages  %6.1f ms/page" % ("all born-digital", ap, 1000 * ab / ap))
EOF
[ "$keep" = 1 ] && echo "# kept $work" >&2
exit 0
