#!/bin/sh
# bench-photo.sh: fields read from phone-photo-like images against the plain
# scans they were made from, and time per page against the bare tesseract
# CLI, for photos and for pages in languages other than English (read with
# ocr.language=eng, auto and that language alone). A measuring
# script, not a test. Usage (from the source root):
#   scripts/bench-photo.sh [-b BUILD] [-c CORPUS] [-f dev|val] [-n COUNT] [-s SEED]
#                          [-g LANGS] [-w WORKDIR] [-x BILLFLOW_OPTION]... [-L|-P]
#   -b  build directory (build); -c the shared corpus (../shared/corpus)
#   -f  which fold of the SROIE receipts to photograph (val): develop on dev,
#       quote val
#   -n  receipts per SROIE folder and per generated language (30); -s the
#       photos' seed (7)
#   -g  the languages of the generated receipts photographed (lv): gen-invoice
#       --layout receipt --scan-quality clean --formats png,photo, the
#       fold's split (--split dev --random 101, or --split val --random 4001)
#   -w  keep the photos there and reuse them next time (else a temporary dir);
#       what billflow read is left there too (scans-FOLD-0.jsonl, photos-...,
#       -1 with the -x options)
#   -x  extra global options for billflow, split at spaces: scans and photos
#       are read without and with them,
#       e.g. -x '--set ocr.tessdata=/opt/tessdata_best'
#   -L  only the language part (gen-invoice's invoices in six languages)
#   -P  only the photo parts (SROIE receipts, generated receipts)
# Photos are made by scripts/photoize.py (needs python3-pil). Times are CPU
# time (user+sys) per page, OMP_THREAD_LIMIT=1 for both programs.
set -eu

build=build
corpus=../shared/corpus
fold=val
count=30
seed=7
work=
extra=
lang_only=0
photo_only=0
gen_langs=lv
while getopts b:c:f:g:n:s:w:x:LP opt; do
        case $opt in
        b) build=$OPTARG ;;
        c) corpus=$OPTARG ;;
        f) fold=$OPTARG ;;
        g) gen_langs=$OPTARG ;;
        n) count=$OPTARG ;;
        s) seed=$OPTARG ;;
        w) work=$OPTARG ;;
        x) extra="$extra $OPTARG" ;;
        L) lang_only=1 ;;
        P) photo_only=1 ;;
        *) sed -n '2,22p' "$0" >&2; exit 2 ;;
        esac
done
src=$(cd "$(dirname "$0")/.." && pwd)
bin=$build/cli/billflow
gen=$build/tests/gen/gen-invoice
for f in "$bin" "$gen"; do
        [ -x "$f" ] || { echo "bench-photo: missing '$f' (build first, or -b DIR)" >&2; exit 1; }
done
command -v tesseract >/dev/null || { echo "bench-photo: no tesseract CLI" >&2; exit 1; }
# Debian's python3 has python3-pil; another python3 first on PATH may not.
py=python3
$py -c 'import PIL' 2>/dev/null || py=/usr/bin/python3
$py -c 'import PIL' 2>/dev/null || { echo "bench-photo: needs python3-pil" >&2; exit 1; }
if [ -z "$work" ]; then
        work=$(mktemp -d "${TMPDIR:-/tmp}/bench-photo.XXXXXX")
        trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
export OMP_THREAD_LIMIT=1
export BILLFLOW_HOME="$work/no-home"
$py - "$bin" "$gen" "$work" "$corpus" "$src" "$fold" "$count" "$seed" "$lang_only" "$photo_only" \
        "$gen_langs" $extra <<'EOF'
import json, os, resource, subprocess, sys

bin_, gen, work, corpus, src, fold, count, seed, lang_only, photo_only, gen_langs = sys.argv[1:12]
extra = sys.argv[12:]
count, seed = int(count), int(seed)
sys.path.insert(0, os.path.join(src, "tests", "extract-dev"))
import folds, score  # noqa: E402


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def billflow(files, opts=()):
    t0 = cpu()
    p = subprocess.run([bin_, "--json"] + list(opts) + ["extract"] + files,
                       capture_output=True, text=True)
    return [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")], cpu() - t0


def tesseract(files, lang, tag):
    lst = os.path.join(work, tag + ".list")
    with open(lst, "w") as f:
        f.write("\n".join(files) + "\n")
    t0 = cpu()
    subprocess.run(["tesseract", lst, os.path.join(work, tag), "-l", lang],
                   capture_output=True)
    return cpu() - t0


# gen-invoice's language codes as Tesseract names them
TESS_LANG = {"bg": "bul", "cs": "ces", "da": "dan", "de": "deu", "el": "ell", "en": "eng",
             "es": "spa", "et": "est", "fi": "fin", "fr": "fra", "ga": "gle", "hr": "hrv",
             "hu": "hun", "is": "isl", "it": "ita", "lt": "lit", "lv": "lav", "mt": "mlt",
             "nl": "nld", "no": "nor", "pl": "pol", "pt": "por", "ro": "ron", "sk": "slk",
             "sl": "slv", "sv": "swe"}


def line(name, truth, rows, took, base=None):
    t = score.tally(truth, rows)
    ok = sum(s[0] for s in t.stats.values())
    n = sum(s[1] for s in t.stats.values())
    pages = max(1, len(rows))
    print("%-22s %3d docs  fields %5.1f%% (%d/%d)  %6.0f ms/page cpu%s" % (
        name, len(truth), 100.0 * ok / max(1, n), ok, n, 1000 * took / pages,
        "  %.2fx tesseract CLI" % (took / base) if base else ""))
    print("    " + "  ".join("%s %d/%d" % (f, s[0], s[1]) for f, s in sorted(t.stats.items())))


def generate(gdir, args):
    """gen-invoice's documents in gdir (made once, with args), their truth
    with full paths; None when gen-invoice fails."""
    if not os.path.exists(os.path.join(gdir, "truth.jsonl")):
        p = subprocess.run([gen, "--out-dir", gdir] + args, capture_output=True, text=True)
        if p.returncode != 0:
            print("bench-photo: gen-invoice %s failed: %s" % (" ".join(args), p.stderr[-300:]))
            return None
    truth = [json.loads(l) for l in open(os.path.join(gdir, "truth.jsonl")) if l.strip()]
    for t in truth:
        t["file"] = os.path.join(gdir, t["file"])
    return truth


def measure(name, tag, truth, files, tess_lang):
    """One set read as billflow is configured and, given -x, with those
    options too; times against the bare CLI on the same images. What was
    read is left in WORK/TAG-FOLD-K.jsonl, for a look at the misses (dev
    fold only)."""
    tt = tesseract(files, tess_lang, tag)
    for k, opts in enumerate([[]] + ([extra] if extra else [])):
        rows, took = billflow(files, opts)
        with open(os.path.join(work, "%s-%s-%d.jsonl" % (tag, fold, k)), "w") as f:
            f.write("".join(json.dumps(r) + "\n" for r in rows))
        line(" ".join([name] + opts), truth, rows, took, tt)
    print("    tesseract CLI on the %s: %.0f ms/page cpu" % (name, 1000 * tt / len(files)))


if lang_only == "0":
    truth, scans = [], []
    for folder in ("sroie_trainval", "sroie_more"):
        d = os.path.join(corpus, folder)
        if not os.path.exists(os.path.join(d, "truth.jsonl")):
            continue
        recs = [r for r in folds.load(d) if r["fold"] == fold][:count]
        for r in recs:
            r["file"] = os.path.join(d, r["file"])
        truth += recs
    if not truth:
        print("bench-photo: no SROIE receipts under %s: photo part skipped" % corpus)
    else:
        pdir = os.path.join(work, "photos-%s-%d" % (fold, seed))
        os.makedirs(pdir, exist_ok=True)
        todo = [r["file"] for r in truth
                if not os.path.exists(os.path.join(pdir, score.key(r["file"]) + ".jpg"))]
        if todo:
            print("# photographing %d receipts into %s" % (len(todo), pdir), file=sys.stderr)
            lst = os.path.join(work, "todo.list")
            with open(lst, "w") as f:
                f.write("\n".join(todo) + "\n")
            # one seed per receipt, from the run's seed and the receipt's name
            for p in todo:
                s = seed * 1000003 + int.from_bytes(score.key(p).encode()[-6:], "big") % 1000003
                subprocess.run([sys.executable, os.path.join(src, "scripts", "photoize.py"),
                                "--seed", str(s), p,
                                os.path.join(pdir, score.key(p) + ".jpg")],
                               check=True, capture_output=True)
        photos = [os.path.join(pdir, score.key(r["file"]) + ".jpg") for r in truth]
        print("== SROIE %s-fold receipts: plain scans and phone-photo-like images ==" % fold)
        for name, files in (("scans", [r["file"] for r in truth]), ("photos", photos)):
            measure(name, name, truth, files, "eng")

    # Receipts gen-invoice makes in each language, as the printed receipt
    # (a clean scan) and a phone photo of it (gen-invoice's photo format).
    for lang in [l for l in gen_langs.split(",") if l]:
        every = generate(os.path.join(work, "receipts-%s-%s" % (lang, fold)),
                         ["--random", "101" if fold == "dev" else "4001", "--count", str(count),
                          "--split", fold, "--language", lang, "--layout", "receipt",
                          "--scan-quality", "clean", "--formats", "png,photo"])
        if every is None:
            continue
        print("== generated %s receipts (%s split): printed and photographed ==" % (lang, fold))
        for name in ("scans", "photos"):
            truth = [t for t in every if t["file"].endswith("-photo.jpg") == (name == "photos")]
            # against the bare CLI in the receipt's language (lav for lv)
            measure("%s %s" % (lang, name), "%s-%s" % (lang, name), truth,
                    [t["file"] for t in truth], TESS_LANG.get(lang, "eng"))

if photo_only == "1":
    sys.exit(0)
print("== pages in another language: billflow against tesseract -l LANG on the same pages ==")
# gen-invoice's random invoices in one language each (--language), as scans
for lang in ("de", "fr", "it", "pl", "lv", "sv"):
    tess = TESS_LANG[lang]
    truth = generate(os.path.join(work, "gen-" + lang),
                     ["--random", str(seed), "--count", "3", "--formats", "png", "--language", lang])
    if truth is None:
        continue
    files = [t["file"] for t in truth]
    tt = tesseract(files, tess, "lang-" + lang)
    for opt in ("ocr.language=eng", "ocr.language=auto", "ocr.language=" + tess):
        rows, took = billflow(files, ["--set", opt])
        line("%s %s" % (lang, opt), truth, rows, took, tt)
EOF
