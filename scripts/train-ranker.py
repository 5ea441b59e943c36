#!/usr/bin/env python3
# train-ranker.py: trains the candidate ranker (extract/ranker.model) from
# word layers whose truth is known, deterministically.
#
#   train-ranker.py --dev BUILD/tests/extract-dev/extract-dev --out MODEL
#                   SET... (each SET is TSV_DIR=TRUTH_JSONL[:all])
#
# A SET's documents are the TSV files named like the truth records' files.
# Only the 'dev' fold (tests/extract-dev/folds.py) of each set is used,
# unless the set ends in ':all' (generated documents, or a user's own).
# Steps: dump every candidate with its features (extract-dev -f), label it
# (its value is the truth's), fit a logistic regression per field with
# liblinear-train; then, to calibrate, fit the same on four fifths of the
# vendors, extract the fifth with that model, and map the model's score of
# each chosen field to the share of such fields that were right (isotonic,
# pooled over the five held-out fifths). The final weights use every
# document; the calibration comes only from held-out predictions.
#
# --cv writes no model: it prints, for each regularisation, what models
# fitted without a fifth of the vendors do on that fifth's real (corpus)
# documents — every labelled field right per set, and per ranked field
# how many were right, how many had the right value among the candidates
# (what a better ranking could reach), and how many were labelled — so a
# training mix, a regularisation or a feature is chosen on the dev fold
# alone, before the validation fold is looked at once.
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'extract-dev'))
import folds  # noqa: E402
import score  # noqa: E402

# Fields the ranker can choose (as extraction names them; the truth may
# call the invoice date 'date'). By default only the amounts: weights for
# the identifiers and the invoice date, and calibrations of the finders'
# own confidences, are trained on request (--fields, --calibrate-finders)
# — on the validation fold they did not beat the hand rules yet.
RANKABLE = ('total', 'subtotal', 'tax', 'invoice_number', 'po_number', 'invoice_date')
AMOUNTS = ('total', 'subtotal', 'tax')
FIELDS = AMOUNTS
# Fields the hand finders choose, with --calibrate-finders: no weights,
# only a calibration of the finder's own confidence, fitted the same way
# (truth key -> output key).
FINDER_FIELDS = {}
CS = (0.1, 0.3, 1.0, 3.0)  # liblinear's regularisation, chosen by held-out accuracy
K = 5                  # folds for the held-out calibration
MIN_BLOCK = 8          # calibration steps hold at least this many fields
MIN_REAL = 40          # real documents enough to calibrate on without generated ones
MAX_REPS = 4           # else each real one counts at most this many times among generated ones
Z = 1.645              # a step's confidence: the one-sided 95% lower bound of its share right


class Doc:
    def __init__(self, tsv, truth, group, real):
        self.tsv, self.truth, self.group, self.real = tsv, truth, group, real


def load_sets(specs):
    docs = []
    for spec in specs:
        everything = spec.endswith(':all')
        if everything:
            spec = spec[:-4]
        tsv_dir, truth_path = spec.split('=', 1)
        name = os.path.basename(os.path.dirname(os.path.abspath(truth_path)))
        with open(truth_path) as f:
            recs = [json.loads(l) for l in f if l.strip()]
        for r in recs:
            if not everything and folds.fold(name, r) != 'dev':
                continue
            tsv = os.path.join(tsv_dir, os.path.splitext(os.path.basename(r['file']))[0] + '.tsv')
            if os.path.exists(tsv):
                docs.append(Doc(tsv, r, name + ':' + folds.vendor_key(r), not name.startswith('gen-')))
    return docs


def truth_key(truth, field):
    """The truth's key for output field `field` where the truth labels it
    with a value, else None."""
    lf = truth.get('labelled_fields')
    for k in (t for t, o in score.FIELDS.items() if o == field):
        if (k in lf if lf is not None else True) and truth.get(k) is not None:
            return k
    return None


def labelled(truth, field):
    return truth_key(truth, field) is not None


def run_dev(dev, docs, model=None, features=None):
    """extract-dev's JSON per document (by tsv path), writing the features
    dump when asked."""
    cmd = [dev]
    if model:
        cmd += ['-m', model]
    if features:
        cmd += ['-f', features]
    out = subprocess.run(cmd + [d.tsv for d in docs], capture_output=True, text=True).stdout
    rows = {}
    for line in out.splitlines():
        if line.startswith('{'):
            r = json.loads(line)
            rows[r['file']] = r
    return rows


def read_features(path):
    with open(path) as f:
        names = json.loads(f.readline())['features']
        cands = [json.loads(l) for l in f if l.strip()]
    return names, cands


def amount_eq(a, b):
    x, y = score.num(a), score.num(b)
    return x is not None and y is not None and abs(x) == abs(y)


def value_eq(field, want, got):
    """Is a candidate's value the truth's? Amounts by their size (a credit
    note's sign is decided apart), identifiers as the scorer compares them."""
    return amount_eq(got, want) if field in AMOUNTS else bool(score.same(field, want, got))


def examples(docs, cands, field):
    """(label, features) for every candidate of field in a document that
    labels it and has the right value among its candidates (a page where
    no candidate is right teaches nothing about choosing)."""
    by_tsv = {d.tsv: d for d in docs}
    rows = {}
    for c in cands:
        d = by_tsv.get(c['file'])
        if c['field'] != field or d is None or not labelled(d.truth, field):
            continue
        tk = truth_key(d.truth, field)
        rows.setdefault(d.tsv, []).append((1 if value_eq(tk, d.truth[tk], c['value']) else -1, c['f']))
    return [r for tsv in sorted(rows) if any(y > 0 for y, _ in rows[tsv]) for r in rows[tsv]]


def liblinear(rows, names, tmp, cost):
    """Logistic-regression weights {name: w} and bias from (label, features)."""
    if not any(y > 0 for y, _ in rows) or not any(y < 0 for y, _ in rows):
        return None
    data = os.path.join(tmp, 'train.svm')
    with open(data, 'w') as f:
        for y, feat in rows:
            f.write('%+d %s\n' % (y, ' '.join('%d:%.6g' % (i + 1, v) for i, v in enumerate(feat) if v)))
    model = os.path.join(tmp, 'train.model')
    subprocess.run(['liblinear-train', '-q', '-s', '0', '-c', str(cost), '-B', '1', data, model], check=True)
    with open(model) as f:
        lines = f.read().split('\n')
    labels = next(l for l in lines if l.startswith('label ')).split()[1:]
    w = [float(l) for l in lines[lines.index('w') + 1:] if l.strip()]
    sign = 1.0 if labels[0] == '1' else -1.0
    weights = {names[i]: sign * w[i] for i in range(min(len(names), len(w) - 1))}
    return weights, sign * w[-1]


def write_model(path, fits, calib=None, comment=''):
    with open(path, 'w') as f:
        f.write('# billflow candidate ranker: written by scripts/train-ranker.sh, do not edit.\n')
        for line in comment.splitlines():
            f.write('# %s\n' % line)
        f.write('billflow-ranker 1\n')
        calib = calib or {}
        finders = sorted({f for f, _ in calib if f not in FIELDS})
        for field in FIELDS + tuple(finders):
            if field not in fits and field not in finders:
                continue
            f.write('field %s\n' % field)
            if field in fits:
                weights, bias = fits[field]
                f.write('bias %.6f\n' % bias)
                for name, w in weights.items():
                    if abs(w) >= 1e-6:
                        f.write('w %s %.6f\n' % (name, w))
            for ocr in (False, True):
                for x, p in calib.get((field, ocr), []):
                    f.write('%s %.4f %.4f\n' % ('calib_ocr' if ocr else 'calib', x, p))


def fit_all(docs, cands, names, tmp, cost):
    fits = {}
    for field in FIELDS:
        r = liblinear(examples(docs, cands, field), names, tmp, cost)
        if r:
            fits[field] = r
    return fits


def isotonic(pairs):
    """Rising steps (score threshold, share right) from (score, right, real)
    triples: pooled adjacent violators over blocks of at least MIN_BLOCK,
    each block's share taken at the lower bound of its interval (Wilson, Z)
    so that a few lucky fields do not claim certainty. Real documents alone
    when there are enough of them: generated ones are easier than life."""
    real = [(s, ok) for s, ok, r in pairs if r]
    if len(real) < MIN_REAL:
        # too few real documents alone: pooled with the generated ones, each
        # real one counted as often as needed to weigh as much as they do
        gen = [(s, ok) for s, ok, r in pairs if not r]
        reps = min(MAX_REPS, max(1, -(-len(gen) // len(real)))) if real else 1
        real = real * reps + gen
    pairs = sorted(real)
    blocks = []     # [first score, right, n]
    for s, ok in pairs:
        blocks.append([s, ok, 1])
        while len(blocks) > 1 and (blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2] or
                                   blocks[-2][2] < MIN_BLOCK):
            s2, k2, n2 = blocks.pop()
            blocks[-1][1] += k2
            blocks[-1][2] += n2
    while len(blocks) > 1 and blocks[-1][2] < MIN_BLOCK:
        s2, k2, n2 = blocks.pop()
        blocks[-1][1] += k2
        blocks[-1][2] += n2
    steps, last = [], 0.0
    for s, k, n in blocks:
        p = max(last, wilson_low(k, n))
        x = 0.0 if not steps else s
        if steps and x <= steps[-1][0]:
            steps[-1] = (steps[-1][0], p)
        else:
            steps.append((x, p))
        last = p
    return steps[:64]


def wilson_low(k, n):
    ph = k / n
    d = 1 + Z * Z / n
    c = ph + Z * Z / (2 * n)
    return max(0.0, (c - Z * ((ph * (1 - ph) + Z * Z / (4 * n)) / n) ** 0.5) / d)


def group_fold(group):
    return hashlib.sha256(group.encode()).digest()[0] % K


def calibrate(dev, docs, cands, names, tmp, cost):
    """Held-out (score, right, real) triples per field and source over K
    vendor folds: the ranked fields' scores from a model fitted without
    the fold, the finders' own confidences (the fold models calibrate
    nothing)."""
    pairs = {(f, o): [] for f in FIELDS + tuple(sorted(set(FINDER_FIELDS.values()))) for o in (False, True)}
    for k in range(K):
        train = [d for d in docs if group_fold(d.group) != k]
        held = [d for d in docs if group_fold(d.group) == k]
        if not held:
            continue
        tset = {d.tsv for d in train}
        fits = fit_all(train, [c for c in cands if c['file'] in tset], names, tmp, cost)
        mpath = os.path.join(tmp, 'fold.model')
        write_model(mpath, fits)
        rows = run_dev(dev, held, model=mpath)
        for d in held:
            r = rows.get(d.tsv, {})
            for field in FIELDS:
                if not labelled(d.truth, field) or r.get(field) is None:
                    continue
                conf = r.get('confidence', {}).get(field)
                if conf is not None:
                    pairs[field, r.get('source') != 'text'].append(
                        (conf, 1 if score.same(truth_key(d.truth, field), d.truth[truth_key(d.truth, field)],
                                               r[field]) else 0, d.real))
            for tkey, okey in FINDER_FIELDS.items():
                if truth_key(d.truth, okey) != tkey or r.get(okey) is None:
                    continue
                conf = r.get('confidence', {}).get(okey)
                if conf is not None:
                    pairs[okey, r.get('source') != 'text'].append(
                        (conf, 1 if score.same(tkey, d.truth[tkey], r[okey]) else 0, d.real))
    return pairs


def cross_validate(dev, docs, cands, names, tmp, costs):
    """Per regularisation: the held-out figures of the real documents
    (K vendor folds, the generated ones always in training)."""
    right_among = {}
    for c in cands:
        d = c['file']
        right_among.setdefault((d, c['field']), []).append(c['value'])
    for cost in costs:
        per_set, per_field = {}, {}
        for k in range(K):
            train = [d for d in docs if group_fold(d.group) != k]
            held = [d for d in docs if group_fold(d.group) == k and d.real]
            if not held:
                continue
            tset = {d.tsv for d in train}
            mpath = os.path.join(tmp, 'fold.model')
            write_model(mpath, fit_all(train, [c for c in cands if c['file'] in tset], names, tmp, cost))
            rows = run_dev(dev, held, model=mpath)
            for d in held:
                r = rows.get(d.tsv, {})
                name = d.group.split(':', 1)[0]
                for tkey, okey in score.FIELDS.items():
                    if truth_key(d.truth, okey) != tkey:
                        continue
                    ok = 1 if score.same(tkey, d.truth[tkey], r.get(okey)) else 0
                    st = per_set.setdefault(name, [0, 0])
                    st[0] += ok
                    st[1] += 1
                    if okey in FIELDS:
                        among = ok or any(value_eq(tkey, d.truth[tkey], v)
                                          for v in right_among.get((d.tsv, okey), []))
                        f = per_field.setdefault((name, okey), [0, 0, 0])
                        f[0] += ok
                        f[1] += 1 if among else 0
                        f[2] += 1
        right = sum(v[0] for v in per_set.values())
        total = sum(v[1] for v in per_set.values())
        print('C=%g: %d of %d fields right held out on real documents' % (cost, right, total))
        for name in sorted(per_set):
            print('  %-18s %4d/%-4d  %s' % (name, per_set[name][0], per_set[name][1],
                                           '  '.join('%s %d/%d/%d' % (f, *per_field[name, f]) for f in FIELDS
                                                     if (name, f) in per_field)))
    print('(ranked fields: right / right, or the right value among the candidates / labelled)')


def reliability(pairs):
    lines = []
    for lo, hi in ((0, .5), (.5, .8), (.8, .9), (.9, .95), (.95, 1.01)):
        sel = [ok for c, ok, _ in pairs if lo <= c < hi]
        if sel:
            lines.append('  %.2f-%.2f: %3d fields, %5.1f%% right' % (lo, min(hi, 1), len(sel),
                                                                     100.0 * sum(sel) / len(sel)))
    return '\n'.join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--dev', required=True, help='the extract-dev binary')
    ap.add_argument('--out', required=True)
    ap.add_argument('--fields', default=','.join(AMOUNTS),
                    help='fields to weigh, of %s (default: the amounts)' % ','.join(RANKABLE))
    ap.add_argument('--calibrate-finders', action='store_true',
                    help='also calibrate the confidence of the fields the finders choose')
    ap.add_argument('--cv', action='store_true',
                    help='write no model: print held-out figures per set for each regularisation')
    ap.add_argument('sets', nargs='+')
    a = ap.parse_args()
    global FIELDS, FINDER_FIELDS
    FIELDS = tuple(f for f in RANKABLE if f in a.fields.split(','))
    if a.calibrate_finders:
        FINDER_FIELDS = {t: o for t, o in score.FIELDS.items() if o not in FIELDS}
    docs = load_sets(a.sets)
    if not docs:
        sys.exit('train-ranker: no documents')
    with tempfile.TemporaryDirectory() as tmp:
        fpath = os.path.join(tmp, 'features.jsonl')
        run_dev(a.dev, docs, features=fpath)
        names, cands = read_features(fpath)
        if a.cv:
            cross_validate(a.dev, docs, cands, names, tmp, CS)
            return
        best = None
        for cost in CS:
            pairs = calibrate(a.dev, docs, cands, names, tmp, cost)
            right = sum(ok for (f, _), p in pairs.items() if f in FIELDS for _, ok, _ in p)
            real = sum(ok for (f, _), p in pairs.items() if f in FIELDS for _, ok, r in p if r)
            print('C=%g: %d fields right held out (%d on real documents)' % (cost, right, real))
            if best is None or (real, right) > best[0]:
                best = ((real, right), cost, pairs)
        _, cost, pairs = best
        calib = {f: isotonic(p) for f, p in pairs.items() if p}
        fits = fit_all(docs, cands, names, tmp, cost)
        counts = ', '.join('%s %d' % (f, sum(1 for d in docs if labelled(d.truth, f))) for f in FIELDS)
        write_model(a.out, fits, calib,
                    '%d documents (%s labelled), %d vendor groups; C=%g, %d-fold calibration'
                    % (len(docs), counts, len({d.group for d in docs}), cost, K))
        for (f, ocr), p in sorted(pairs.items()):
            print('%s (%s): held-out reliability before calibration\n%s'
                  % (f, 'ocr' if ocr else 'text', reliability(p)))


if __name__ == '__main__':
    main()
