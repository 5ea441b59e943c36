#!/usr/bin/env python3
# score.py: per-field accuracy of extraction output (JSON lines) against a corpus truth.jsonl.
# usage: score.py CORPUS_DIR OUTPUT.jsonl [-v]
import difflib
import json
import os
import re
import sys
import unicodedata
from decimal import Decimal, InvalidOperation

FIELDS = {  # truth key -> output key
    'vendor': 'vendor', 'invoice_number': 'invoice_number', 'date': 'invoice_date',
    'invoice_date': 'invoice_date', 'due_date': 'due_date', 'currency': 'currency',
    'subtotal': 'subtotal', 'tax': 'tax', 'total': 'total', 'po_number': 'po_number',
}
LEGAL = {'ltd', 'limited', 'inc', 'gmbh', 'ag', 'sarl', 'sas', 'sa', 'bv', 'llc', 'sdn',
         'bhd', 'pty', 'plc', 'co', 'corp', 'pvt', 'the'}


def key(s):
    return os.path.splitext(os.path.basename(s))[0]


def vkey(s):
    # any script's letters, accents dropped ("Dřevo" = "Drevo"), so that
    # Greek and Cyrillic names are compared at all
    s = ''.join(c for c in unicodedata.normalize('NFKD', s.lower()) if not unicodedata.combining(c))
    words = re.sub(r'[\W_]+', ' ', s).split()
    return [w for w in words if w not in LEGAL]


def vendor_ok(want, got):
    if not got:
        return False
    a, b = vkey(want), vkey(got)
    if not a or not b:
        return False
    sa, sb = ' '.join(a), ' '.join(b)
    if sa == sb or (' ' + sa + ' ') in (' ' + sb + ' ') or (' ' + sb + ' ') in (' ' + sa + ' '):
        return True
    if len(set(a) & set(b)) * 2 >= max(len(set(a)), len(set(b))):
        return True
    return difflib.SequenceMatcher(None, sa, sb).ratio() >= 0.8


def num(v):
    if v is None:
        return None
    try:
        return Decimal(str(v))
    except InvalidOperation:
        return None


def same(field, want, got):
    if field == 'vendor':
        return vendor_ok(want, got)
    if got is None:
        return False
    if field in ('total', 'subtotal', 'tax'):
        return num(want) == num(got)
    if field in ('invoice_number', 'po_number'):
        n = lambda s: re.sub(r'[^A-Z0-9]', '', str(s).upper())
        return n(want) == n(got)
    return str(want) == str(got)


def desc_ok(want, got):
    if want is None:
        return True
    if not got:
        return False
    n = lambda s: ' '.join(s.lower().split())
    return difflib.SequenceMatcher(None, n(want), n(got)).ratio() >= 0.75


def line_ok(t, p):
    for k in ('quantity', 'unit_price', 'amount'):
        if t.get(k) is not None and num(t[k]) != num(p.get(k)):
            return False
    return desc_ok(t.get('description'), p.get('description'))


def lines_f1(want, got):
    used = set()
    hit = 0
    for t in want:
        for i, p in enumerate(got):
            if i not in used and line_ok(t, p):
                used.add(i)
                hit += 1
                break
    if not want and not got:
        return 1.0, 0, 0, 0
    return 2 * hit / (len(want) + len(got)), hit, len(want), len(got)


class Tally:
    """Per-field hits over a corpus: stats {field: [ok, n]}, line-item
    counts, and the misses as (file key, field, want, got); a line-items
    miss is (key, 'lines', (f1, matched, truth, predicted), None)."""

    def __init__(self):
        self.stats = {}
        self.lhit = self.lwant = self.lgot = 0
        self.misses = []

    def fields(self):
        """(fields right, fields labelled)"""
        return sum(s[0] for s in self.stats.values()), sum(s[1] for s in self.stats.values())

    def field_pct(self):
        ok, n = self.fields()
        return 100.0 * ok / max(1, n)

    def lines_f1(self):
        """line-item F1 in per cent, or None when no document labels lines"""
        n = self.lwant + self.lgot
        return 100.0 * 2 * self.lhit / n if n else None


def tally(truth, outputs):
    """Scores each truth record's labelled_fields against the output row
    for the same file (outputs: rows with a 'file', matched by key())."""
    out = {key(r['file']): r for r in outputs}
    t = Tally()
    for d in truth:
        k = key(d['file'])
        o = out.get(k, {})
        for f in d.get('labelled_fields', []):
            if f == 'lines':
                f1, h, w, g = lines_f1(d.get('lines') or [], o.get('lines') or [])
                t.lhit, t.lwant, t.lgot = t.lhit + h, t.lwant + w, t.lgot + g
                if f1 < 1:
                    t.misses.append((k, 'lines', (f1, h, w, g), None))
                continue
            if f not in FIELDS:
                continue
            ok = same(f, d.get(f), o.get(FIELDS[f]))
            s = t.stats.setdefault(f, [0, 0])
            s[0] += ok
            s[1] += 1
            if not ok:
                t.misses.append((k, f, d.get(f), o.get(FIELDS[f])))
    return t


def main():
    if len(sys.argv) < 3:
        sys.exit('usage: score.py CORPUS_DIR OUTPUT.jsonl [-v]')
    verbose = '-v' in sys.argv
    with open(os.path.join(sys.argv[1], 'truth.jsonl')) as f:
        by_key = {key(d['file']): d for d in (json.loads(line) for line in f if line.strip())}
    truth = [d for _, d in sorted(by_key.items())]
    with open(sys.argv[2]) as f:
        outputs = [json.loads(line) for line in (x.strip() for x in f) if line.startswith('{')]
    t = tally(truth, outputs)
    if verbose:
        for k, f, want, got in t.misses:
            if f == 'lines':
                print(f'{k}: lines F1 {want[0]:.2f} ({want[1]}/{want[2]} matched, {want[3]} predicted)')
            else:
                print(f'{k}: {f}: want {want!r} got {got!r}')
    for f, (ok, n) in sorted(t.stats.items()):
        print(f'{f:16s} {ok:3d}/{n:3d} {100.0 * ok / n:6.1f}%')
    if t.lwant or t.lgot:
        print(f'{"lines F1":16s} {t.lhit:3d} matched, {t.lwant} truth, {t.lgot} predicted: {t.lines_f1():.1f}%')
    total_ok, total_n = t.fields()
    if total_n:
        print(f'{"ALL FIELDS":16s} {total_ok:3d}/{total_n:3d} {100.0 * total_ok / total_n:6.1f}%')


if __name__ == '__main__':
    main()
