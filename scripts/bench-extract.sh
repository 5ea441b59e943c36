#!/bin/sh
# bench-extract.sh: accuracy and speed of `billflow extract` on the shared dev
# corpus and a generated one, against the bare tesseract CLI on the same scans.
# A measuring script, not a test. Usage (from the source root):
#   scripts/bench-extract.sh [-b BUILD_DIR] [-n COUNT] [-s SEED] [-c CORPUS_DIR] [-r N] [-k]
#   -b  build directory holding cli/billflow and tests/gen/gen-invoice (build)
#   -n  generated invoices (24), each as a PDF and a scan; -s their seed (4242)
#   -c  the shared corpus (../shared/corpus; skipped when absent)
#   -r  timing rounds per chunk of scanned pages (3; the least counts)
#   -k  keep the generated corpus and outputs (their directory is printed)
# Times are CPU time (user+sys) per page, OMP_THREAD_LIMIT=1 for both programs,
# so that other load on the machine does not move the ratio much.
set -eu

build=build
count=24
seed=4242
corpus=../shared/corpus
keep=0
rounds=3
while getopts b:n:s:c:r:k opt; do
        case $opt in
        b) build=$OPTARG ;;
        n) count=$OPTARG ;;
        s) seed=$OPTARG ;;
        c) corpus=$OPTARG ;;
        r) rounds=$OPTARG ;;
        k) keep=1 ;;
        *) sed -n '2,12p' "$0" >&2; exit 2 ;;
        esac
done

bin=$build/cli/billflow
gen=$build/tests/gen/gen-invoice
for f in "$bin" "$gen"; do
        [ -x "$f" ] || { echo "bench-extract: missing '$f' (build first, or -b DIR)" >&2; exit 1; }
done
command -v tesseract >/dev/null || { echo "bench-extract: no tesseract CLI" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-extract.XXXXXX")
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT

echo "# generating $count invoices (seed $seed) as PDFs and scans of mixed quality" >&2
"$gen" --random "$seed" --count "$count" --out-dir "$work/gen" --formats pdf,png >/dev/null

export OMP_THREAD_LIMIT=1
export BILLFLOW_HOME="$work/no-home"
python3 - "$bin" "$work" "$corpus" "$(dirname "$0")/../tests/extract-dev" "$rounds" <<'EOF'
import json, os, re, resource, subprocess, sys

bin_, work, corpus, devdir, rounds = sys.argv[1:6]
ROUNDS = max(1, int(rounds))
sys.path.insert(0, devdir)
import score  # noqa: E402


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_billflow(files, out_path):
    t0 = cpu()
    p = subprocess.run([bin_, "--json", "extract"] + files, capture_output=True, text=True)
    took = cpu() - t0
    with open(out_path, "w") as f:
        f.write(p.stdout)
    return [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")], took


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


def time_chunk(part):
    """Least CPU time of billflow and of tesseract over part, ROUNDS each, alternating."""
    bs, ts = [], []
    for k in range(ROUNDS):
        for prog in (("b", "t") if k % 2 == 0 else ("t", "b")):
            t0 = cpu()
            if prog == "b":
                subprocess.run([bin_, "--json", "extract"] + part, capture_output=True)
                bs.append(cpu() - t0)
            else:
                ts.append(run_tesseract(part, "speed"))
    return min(bs), min(ts)


def accuracy(base, truth, rows):
    tl = score.tally(truth, rows)
    f1 = tl.lines_f1()
    return tl.stats, (f1 / 100 if f1 is not None else None)


def report(name, base, truth, rows, took):
    stats, f1 = accuracy(base, truth, rows)
    pages = sum(r.get("pages") or 1 for r in rows) or 1
    ok = sum(s[0] for s in stats.values())
    n = sum(s[1] for s in stats.values())
    errors = sum(1 for r in rows if "error" in r)
    print("%-26s %3d docs %3d pages  fields %5.1f%% (%d/%d)%s  %6.0f ms/page cpu%s" % (
        name, len(truth), pages, 100.0 * ok / max(1, n), ok, n,
        "  lines F1 %5.1f%%" % (100 * f1) if f1 is not None else "",
        1000.0 * took / pages, "  (%d errors)" % errors if errors else ""))
    print("    " + "  ".join("%s %d/%d" % (f, s[0], s[1]) for f, s in sorted(stats.items())))
    return pages


def load(base, exts=None):
    truth = [json.loads(l) for l in open(os.path.join(base, "truth.jsonl")) if l.strip()]
    if exts:
        truth = [d for d in truth if d["file"].endswith(exts)]
    return truth


scans = []  # (name, files) of the sets that are single scanned pages
print("== accuracy and time per page (billflow extract) ==")
sets = []
if os.path.isdir(corpus):
    for folder in sorted(os.listdir(corpus)):
        base = os.path.join(corpus, folder)
        if os.path.exists(os.path.join(base, "truth.jsonl")):
            sets.append((folder, base, load(base)))
else:
    print("(no shared corpus at %s)" % corpus)
gen = os.path.join(work, "gen")
sets.append(("generated PDF", gen, load(gen, ".pdf")))
sets.append(("generated scan", gen, load(gen, ".png")))
for name, base, truth in sets:
    files = [os.path.join(base, d["file"]) for d in truth]
    rows, took = run_billflow(files, os.path.join(work, name.replace(" ", "_") + ".jsonl"))
    report(name, base, truth, rows, took)
    if rows and all(r.get("source") == "ocr" and r.get("pages") == 1 for r in rows):
        scans.append((name, files))

print("\n== speed on scanned pages: billflow vs bare tesseract (same pages, same run) ==")
print("(each chunk of 8 pages timed %d times per program, alternating; the least of each" % ROUNDS)
print(" counts, so that bursts of other load on the machine fall out)")
print("(a page the tesseract CLI cannot decode, which ends its run, is left out of both)")
tb = tt = tp = 0
for name, files in scans:
    b = t = 0.0
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
            b, t, n = b + bt[0], t + bt[1], n + len(part)
    n = max(n, 1)
    print("%-26s %3d pages  billflow %6.0f ms/page  tesseract %6.0f ms/page  ratio %.2f" % (
        name, n, 1000 * b / n, 1000 * t / n, b / max(t, 1e-9)))
    tb, tt, tp = tb + b, tt + t, tp + n
if tp:
    print("%-26s %3d pages  billflow %6.0f ms/page  tesseract %6.0f ms/page  ratio %.2f" % (
        "all scans", tp, 1000 * tb / tp, 1000 * tt / tp, tb / max(tt, 1e-9)))
EOF
[ "$keep" = 1 ] && echo "# kept $work" >&2
exit 0
