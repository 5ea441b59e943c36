#!/usr/bin/env python3
# compare.py: per-field accuracy of one or more extract-dev builds on the
# cached word layers of every corpus, by fold, in one run (a before/after
# table for a change), with the share right at confidence >= 0.80.
#   compare.py [--sure=FIELD,...] TSV_ROOT CORPUS_ROOT NAME=EXTRACT_DEV [-mMODEL] [NAME=EXTRACT_DEV [-mMODEL]]...
# --sure limits the ">= 0.80 right" column to those truth fields (e.g. total,subtotal,tax).
# TSV_ROOT/<corpus>/*.tsv are capture-tsv's word layers of CORPUS_ROOT/<corpus>/files.
import json
import os
import subprocess
import sys

import folds
import score


def run(cmd, tsvs):
    out = subprocess.run(cmd + tsvs, capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.startswith('{')]


def main():
    args = sys.argv[1:]
    sure = None
    if args and args[0].startswith('--sure='):
        sure = set(args.pop(0)[7:].split(','))
    tsv_root, corpus_root = args[0], args[1]
    builds = []
    for a in args[2:]:
        if a.startswith('-m') and builds:
            builds[-1][1].extend(['-m', a[2:]])
            continue
        name, path = a.split('=', 1)
        builds.append((name, [path]))
    fields = ('total', 'subtotal', 'tax', 'date', 'invoice_number', 'vendor', 'ALL')
    print('%-16s %-4s %-8s ' % ('corpus', 'fold', 'build') + ' '.join('%14s' % f for f in fields) + '   >=0.80 right')
    for corpus in sorted(os.listdir(tsv_root)):
        cdir = os.path.join(corpus_root, corpus)
        if not os.path.exists(os.path.join(cdir, 'truth.jsonl')):
            continue
        recs = folds.load(cdir)
        for part in ('dev', 'val'):
            sel = [r for r in recs if r['fold'] == part]
            tsvs = [os.path.join(tsv_root, corpus, score.key(r['file']) + '.tsv') for r in sel]
            tsvs = [t for t in tsvs if os.path.exists(t)]
            if not tsvs:
                continue
            for name, cmd in builds:
                outs = run(cmd, tsvs)
                t = score.tally(sel, outs)
                cells = []
                for f in fields:
                    if f == 'ALL':
                        ok, n = t.fields()
                    else:
                        ok, n = t.stats.get(f, [0, 0])
                    cells.append('%14s' % ('%d/%d %.1f%%' % (ok, n, 100.0 * ok / n) if n else '-'))
                # share right among fields at confidence >= 0.80
                by = {score.key(o['file']): o for o in outs}
                hi = [0, 0]
                for r in sel:
                    o = by.get(score.key(r['file']), {})
                    for f in r.get('labelled_fields', []):
                        if f not in score.FIELDS or f == 'currency' or (sure and f not in sure):
                            continue
                        k = score.FIELDS[f]
                        c = o.get('confidence', {}).get(k)
                        if c is not None and c >= 0.8:
                            hi[1] += 1
                            hi[0] += score.same(f, r.get(f), o.get(k))
                print('%-16s %-4s %-8s ' % (corpus, part, name) + ' '.join(cells) +
                      '   %d/%d' % tuple(hi) + (' %.1f%%' % (100.0 * hi[0] / hi[1]) if hi[1] else ''))


if __name__ == '__main__':
    main()
