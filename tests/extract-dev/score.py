#!/usr/bin/env python3
# score.py: per-field accuracy of extraction output (JSON lines) against a corpus truth.jsonl.
# usage: score.py CORPUS_DIR OUTPUT.jsonl [-v]
import difflib
import json
import os
import re
import sys
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
    words = re.sub(r'[^a-z0-9]+', ' ', s.lower()).split()
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


def main():
    if len(sys.argv) < 3:
        sys.exit('usage: score.py CORPUS_DIR OUTPUT.jsonl [-v]')
    verbose = '-v' in sys.argv
    truth = {}
    with open(os.path.join(sys.argv[1], 'truth.jsonl')) as f:
        for line in f:
            d = json.loads(line)
            truth[key(d['file'])] = d
    out = {}
    with open(sys.argv[2]) as f:
        for line in f:
            line = line.strip()
            if line.startswith('{'):
                d = json.loads(line)
                out[key(d['file'])] = d
    stats = {}
    lhit = lwant = lgot = 0
    for k, t in sorted(truth.items()):
        o = out.get(k, {})
        for f in t.get('labelled_fields', []):
            if f == 'lines':
                f1, h, w, g = lines_f1(t.get('lines') or [], o.get('lines') or [])
                lhit, lwant, lgot = lhit + h, lwant + w, lgot + g
                if verbose and f1 < 1:
                    print(f'{k}: lines F1 {f1:.2f} ({h}/{w} matched, {g} predicted)')
                continue
            if f not in FIELDS:
                continue
            ok = same(f, t.get(f), o.get(FIELDS[f]))
            s = stats.setdefault(f, [0, 0])
            s[0] += ok
            s[1] += 1
            if verbose and not ok:
                print(f'{k}: {f}: want {t.get(f)!r} got {o.get(FIELDS[f])!r}')
    total_ok = total_n = 0
    for f, (ok, n) in sorted(stats.items()):
        print(f'{f:16s} {ok:3d}/{n:3d} {100.0 * ok / n:6.1f}%')
        total_ok += ok
        total_n += n
    if lwant or lgot:
        f1 = 2 * lhit / (lwant + lgot) if lwant + lgot else 1.0
        print(f'{"lines F1":16s} {lhit:3d} matched, {lwant} truth, {lgot} predicted: {100 * f1:.1f}%')
    if total_n:
        print(f'{"ALL FIELDS":16s} {total_ok:3d}/{total_n:3d} {100.0 * total_ok / total_n:6.1f}%')


if __name__ == '__main__':
    main()
