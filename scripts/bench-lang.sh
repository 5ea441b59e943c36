#!/bin/sh
# bench-lang.sh: fields read per language on generated invoices (gen-invoice
# --language), as born-digital PDFs and as scans, for one build or for a
# baseline build and this one side by side in the same run. A measuring
# script, not a test. Usage (from the source root):
#   scripts/bench-lang.sh [-b BUILD] [-B BASE_BUILD] [-n COUNT] [-s SEED]
#                         [-l LANGS] [-f pdf,png] [-S dev|val] [-o auto] [-t] [-k]
#   -b  build holding cli/billflow and tests/gen/gen-invoice (build)
#   -B  a baseline build (e.g. of main before a change): its billflow reads
#       the same documents, and both figures are printed
#   -n  documents per language (10); -s their seed (4001: quote figures only
#       from seeds of 1000 and up, which nobody tunes on; see tests/gen/README.md)
#   -l  languages or locales, comma-separated (all 27 and the Swiss ones)
#   -f  formats (pdf,png): pdf has a text layer, png is a scan read by OCR
#       with the language's Tesseract model and English (ocr.language)
#   -S  gen-invoice --split: dev (tune on these) or val (held-out vendors,
#       wordings, fonts and layouts: quote these); none: the old mix
#   -o  ocr.language for scans: auto (billflow's default) instead of the
#       language's model and English
#   -t  time the scans too: CPU time (user+sys, OMP_THREAD_LIMIT=1) of each
#       billflow run against the bare `tesseract -l LANG` CLI on the same
#       pages (one process over a list, as billflow is one), in the same run;
#       one round each, so quote it beside the load (`uptime`)
#   -k  keep the generated documents and outputs (their directory is printed)
set -eu

build=build
base=
count=10
seed=4001
langs=bg,cs,da,de,el,en,es,et,fi,fr,ga,hr,hu,it,lt,lv,mt,nl,pl,pt,ro,sk,sl,sv,no,is,de-CH,fr-CH,it-CH
formats=pdf,png
keep=0
split=
ocrlang=
timing=0
while getopts b:B:n:s:l:f:S:o:tk opt; do
        case $opt in
        b) build=$OPTARG ;;
        B) base=$OPTARG ;;
        n) count=$OPTARG ;;
        s) seed=$OPTARG ;;
        l) langs=$OPTARG ;;
        f) formats=$OPTARG ;;
        S) split=$OPTARG ;;
        o) ocrlang=$OPTARG ;;
        t) timing=1 ;;
        k) keep=1 ;;
        *) sed -n '2,25p' "$0" >&2; exit 2 ;;
        esac
done

gen=$build/tests/gen/gen-invoice
for f in "$build/cli/billflow" "$gen" ${base:+"$base/cli/billflow"}; do
        [ -x "$f" ] || { echo "bench-lang: missing '$f' (build first)" >&2; exit 1; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-lang.XXXXXX")
[ "$keep" = 1 ] && echo "# documents and outputs in $work" >&2
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT

export OMP_THREAD_LIMIT=1
export BILLFLOW_HOME="$work/no-home"
python3 - "$gen" "$work" "$(dirname "$0")/../tests/extract-dev" "$count" "$seed" "$langs" \
        "$formats" "$split" "$ocrlang" "$timing" "$build/cli/billflow" ${base:+"$base/cli/billflow"} <<'EOF'
import json, os, resource, subprocess, sys

gen, work, devdir, count, seed, langs, formats, split, ocrlang, timing = sys.argv[1:11]
bins = sys.argv[11:]             # this build first, then the baseline
sys.path.insert(0, devdir)
import score  # noqa: E402

# Tesseract's model for each language (Debian's tesseract-ocr-* packages)
TESS = {'bg': 'bul', 'cs': 'ces', 'da': 'dan', 'de': 'deu', 'el': 'ell', 'en': 'eng',
        'es': 'spa', 'et': 'est', 'fi': 'fin', 'fr': 'fra', 'ga': 'gle', 'hr': 'hrv',
        'hu': 'hun', 'it': 'ita', 'lt': 'lit', 'lv': 'lav', 'mt': 'mlt', 'nl': 'nld',
        'pl': 'pol', 'pt': 'por', 'ro': 'ron', 'sk': 'slk', 'sl': 'slv', 'sv': 'swe',
        'no': 'nor', 'nb': 'nor', 'is': 'isl'}
have = subprocess.run(['tesseract', '--list-langs'], capture_output=True, text=True).stdout.split()
exts = {'pdf': '.pdf', 'png': '.png'}
fmts = [f for f in formats.split(',') if f in exts]
names = ['this'] + (['base'] if len(bins) > 1 else [])
totals = {(n, f): [0, 0] for n in names for f in fmts}
cpu_sum = {n: 0.0 for n in names + ['tesseract']}


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


print('%-7s %-4s %s' % ('lang', 'fmt', '  '.join('%-18s' % n for n in names)))
if timing == '1':
    print('(png: each billflow\'s CPU time over tesseract -l LANG\'s on the same pages, load %.1f)'
          % os.getloadavg()[0])
for lang in langs.split(','):
    d = os.path.join(work, lang)
    subprocess.run([gen, '--random', seed, '--count', count, '--out-dir', d, '--language', lang,
                    '--formats', ','.join(fmts)] + (['--split', split] if split else []),
                   check=True, capture_output=True)
    truth = [json.loads(l) for l in open(os.path.join(d, 'truth.jsonl')) if l.strip()]
    code = TESS.get(lang.split('-')[0], 'eng')
    ocr = ocrlang or (code + '+eng' if code in have and code != 'eng' else 'eng')
    for f in fmts:
        want = [t for t in truth if t['file'].endswith(exts[f])]
        files = [os.path.join(d, t['file']) for t in want]
        cells = []
        timed = timing == '1' and f == 'png' and files
        if timed:
            lst = os.path.join(d, 'pages.list')
            with open(lst, 'w') as o:
                o.write('\n'.join(files) + '\n')
            t0 = cpu()
            subprocess.run(['tesseract', lst, os.path.join(d, 'tesseract'), '-l', code],
                           capture_output=True)
            tess = cpu() - t0
            cpu_sum['tesseract'] += tess
        for n, b in zip(names, bins):
            t0 = cpu()
            p = subprocess.run([b, '--json', '--set', 'ocr.language=' + ocr, 'extract'] + files,
                               capture_output=True, text=True)
            took = cpu() - t0
            with open(os.path.join(d, '%s-%s.jsonl' % (n, f)), 'w') as o:
                o.write(p.stdout)
            rows = [json.loads(l) for l in p.stdout.splitlines() if l.startswith('{')]
            ok, all_n = score.tally(want, rows).fields()
            totals[(n, f)][0] += ok
            totals[(n, f)][1] += all_n
            cells.append('%5.1f%% (%3d/%3d)' % (100.0 * ok / max(1, all_n), ok, all_n))
            if timed:
                cpu_sum[n] += took
                cells[-1] += ' %4.2fx' % (took / max(tess, 1e-9))
        print('%-7s %-4s %s' % (lang, f, '  '.join(cells)), flush=True)
for f in fmts:
    print('%-7s %-4s %s' % ('all', f, '  '.join(
        '%5.1f%% (%d/%d)' % (100.0 * totals[(n, f)][0] / max(1, totals[(n, f)][1]),
                             totals[(n, f)][0], totals[(n, f)][1]) for n in names)))
if timing == '1' and cpu_sum['tesseract'] > 0:
    print('%-7s %-4s %s' % ('all', 'cpu', '  '.join(
        '%.2fx tesseract' % (cpu_sum[n] / cpu_sum['tesseract']) for n in names)))
EOF
