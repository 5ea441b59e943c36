#!/bin/sh
# bench-extract.sh: accuracy and speed of `billflow extract` on the shared dev
# corpus and a generated one, against the bare tesseract CLI on the same scans.
# A measuring script, not a test. Usage (from the source root):
#   scripts/bench-extract.sh [-b BUILD_DIR] [-n COUNT] [-s SEED] [-c CORPUS_DIR] [-k]
#   -b  build directory holding cli/billflow and tests/gen/gen-invoice (build)
#   -n  generated invoices (24), each as a PDF and a scan; -s their seed (4242)
#   -c  the shared corpus (../shared/corpus; skipped when absent)
#   -k  keep the generated corpus and outputs (their directory is printed)
# Times are CPU time (user+sys) per page, OMP_THREAD_LIMIT=1 for both programs,
# so that other load on the machine does not move the ratio much.
set -eu

build=build
count=24
seed=4242
corpus=../shared/corpus
keep=0
while getopts b:n:s:c:k opt; do
        case $opt in
        b) build=$OPTARG ;;
        n) count=$OPTARG ;;
        s) seed=$OPTARG ;;
        c) corpus=$OPTARG ;;
        k) keep=1 ;;
        *) sed -n '2,10p' "$0" >&2; exit 2 ;;
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
python3 - "$bin" "$work" "$corpus" "$(dirname "$0")/../tests/extract-dev" <<'EOF'
import json, os, resource, subprocess, sys

bin_, work, corpus, devdir = sys.argv[1:5]
sys.path.insert(0, devdir)
import score  # noqa: E402


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_billflow(files, out_path):
    """billflow over files; for scans also the tesseract CLI over the same
    files, alternating in chunks so that both see the same machine load."""
    took = tess = took_scan = 0.0
    rows, lines, n_scan = [], [], 0
    for i in range(0, len(files), 16):
        part = files[i:i + 16]
        t0, before = cpu(), took
        p = subprocess.run([bin_, "--json", "extract"] + part, capture_output=True, text=True)
        took += cpu() - t0
        lines.append(p.stdout)
        got = [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]
        rows += got
        if got and all(r.get("source") == "ocr" for r in got if "error" not in r):
            took_scan += took - before
            n_scan += sum(r.get("pages") or 1 for r in got)
            tess += run_tesseract(part, "chunk")
    with open(out_path, "w") as f:
        f.write("".join(lines))
    return rows, took, (took_scan, tess, n_scan)


def run_tesseract(files, tag):
    """One tesseract process over a list file: one engine start-up, as billflow has."""
    lst = os.path.join(work, tag + ".list")
    with open(lst, "w") as f:
        f.write("\n".join(files) + "\n")
    t0 = cpu()
    subprocess.run(["tesseract", lst, os.path.join(work, tag + ".tess")],
                   capture_output=True, text=True)
    return cpu() - t0


def accuracy(base, truth, rows):
    out = {score.key(r["file"]): r for r in rows}
    stats, lh, lw, lg = {}, 0, 0, 0
    for d in truth:
        o = out.get(score.key(d["file"]), {})
        for f in d.get("labelled_fields", []):
            if f == "lines":
                _, h, w, g = score.lines_f1(d.get("lines") or [], o.get("lines") or [])
                lh, lw, lg = lh + h, lw + w, lg + g
            elif f in score.FIELDS:
                s = stats.setdefault(f, [0, 0])
                s[0] += score.same(f, d.get(f), o.get(score.FIELDS[f]))
                s[1] += 1
    return stats, (2.0 * lh / (lw + lg) if lw + lg else None)


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


scans = []  # (name, billflow cpu s, tesseract cpu s, pages) over all-OCR chunks
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
    rows, took, (took_scan, tess, n_scan) = run_billflow(
        files, os.path.join(work, name.replace(" ", "_") + ".jsonl"))
    report(name, base, truth, rows, took)
    if tess:
        scans.append((name, took_scan, tess, n_scan))

print("\n== speed on scanned pages: billflow vs bare tesseract (same pages, same run) ==")
tb = tt = tp = 0
for name, took, tess, pages in scans:
    print("%-26s %3d pages  billflow %6.0f ms/page  tesseract %6.0f ms/page  ratio %.2f" % (
        name, pages, 1000 * took / pages, 1000 * tess / pages, took / max(tess, 1e-9)))
    tb, tt, tp = tb + took, tt + tess, tp + pages
if tp:
    print("%-26s %3d pages  billflow %6.0f ms/page  tesseract %6.0f ms/page  ratio %.2f" % (
        "all scans", tp, 1000 * tb / tp, 1000 * tt / tp, tb / max(tt, 1e-9)))
EOF
[ "$keep" = 1 ] && echo "# kept $work" >&2
exit 0
