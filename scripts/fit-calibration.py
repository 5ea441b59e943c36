#!/usr/bin/env python3
"""fit-calibration: fits extract/calibration.table, the last step of reading
a document, which maps each field's confidence to the share of such fields
found right. Deterministic: the same build, documents and seeds give the
same table.

Fitted on the development fold only (tests/extract-dev/folds.py: every
corpus's 'dev' vendors, and gen-invoice's dev seed), never on 'val'. Every
document is read by `billflow extract` with `--set extract.calibration=none`
(the finders' own confidences; rows cached as scripts/accuracy.py caches
them), each labelled field judged right or wrong, and per table — field,
source (a text layer or OCR) and evidence (for the amounts: 'agree' when
they vouch for each other to the cent, 'checked' when each is also checked
against two others — the lines make the subtotal and the tax is the
subtotal's at a rate in use, extract_amounts_checked(); else 'alone') — the raw confidences are fitted isotonically:
the fields of one raw confidence always in one step, adjacent steps pooled
until the share right rises, then a step of fewer than MIN_STEP fields
pooled into the one below it (never the one above: a few doubtful fields
at the bottom lend none of their errors to the sure ones above them). A step's confidence is the one-sided lower bound of
its share right (Wilson, Z), on all its fields and on the real documents'
alone where it has enough of them (generated invoices are easier than
life), so that a few lucky fields claim no certainty; and a step where
more than one field in a hundred was wrong (its lower bound under 0.99 by
its own count, not only by its size) stays under STRICT, the confidence
rules.min_confidence posts at: a field right 97 times in 100 is not one
to post unread. A table with fewer than MIN_TABLE fields of its own backs
off to its nearest parent pool holding MIN_TABLE (the same field and
evidence from either source; for an amount the others vouch for, then
the same field and source with less evidence, a step at a time) and is fitted on it as above, held under STRICT where one of
its own fields was wrong; with no such pool it is one step under STRICT:
too few to vouch for anything. --folds K prints, before fitting, what such
a table does on vendors it was not fitted on (K vendor folds of dev).

usage: fit-calibration.py [--bin build/cli/billflow] [--gen build/tests/gen/gen-invoice]
                          [--corpus ../shared/corpus] [--cache DIR] [--jobs N]
                          [--out extract/calibration.table] [--docs DIR]... [--folds K] [-q]"""
import argparse
import hashlib
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.join(here, "..", "tests", "extract-dev"))
import accuracy  # noqa: E402
import folds  # noqa: E402

Z = 1.645          # one-sided 95%
MIN_STEP = 10      # fields a step holds at least
MIN_TABLE = 10     # fields a table is fitted on at least
STRICT = 0.80      # rules.min_confidence: what posts
HELD = 0.79        # where a step that errs too often stays
AMOUNTS = ("total", "subtotal", "tax")


def wilson_low(k, n):
    if n == 0:
        return 0.0
    ph = k / n
    d = 1 + Z * Z / n
    c = ph + Z * Z / (2 * n)
    return max(0.0, (c - Z * ((ph * (1 - ph) + Z * Z / (4 * n)) / n) ** 0.5) / d)


EVIDENCE = ("alone", "agree", "checked")  # of the amounts, least first


def key_of(field, source, evidence):
    ocr = "text" if source == "text" else "ocr"
    return (field, ocr, evidence if field in AMOUNTS else "alone")


def samples(docs):
    """{(field, source, evidence): [(raw confidence, right, real)]}"""
    out = {}
    for d in docs:
        if d.get("error") or d.get("source") in (None, "einvoice"):
            continue
        real = not d["set"].startswith(accuracy.GENERATED)
        for f, v in d["fields"].items():
            if v["conf"] is None:
                continue
            out.setdefault(key_of(f, d["source"], d["evidence"]), []).append((v["conf"], 1 if v["ok"] else 0, real))
    return out


def isotonic(pairs):
    """Rising steps [(raw threshold, confidence)] from (raw, right, real)."""
    # the fields of one raw confidence first, all of them: a step maps
    # every field of its raw confidence alike (apply()), so none of them
    # may be pooled into the step below while the rest start the next
    ties = {}
    for s, ok, real in pairs:
        t = ties.setdefault(s, [s, 0, 0, 0, 0])
        t[1] += ok
        t[2] += 1
        t[3] += ok if real else 0
        t[4] += 1 if real else 0
    blocks = []  # [first raw, right, n, real right, real n]

    def share(b):
        return b[1] / b[2]

    def pool(i):  # blocks[i + 1] into blocks[i]
        b = blocks.pop(i + 1)
        for j in range(1, 5):
            blocks[i][j] += b[j]

    # adjacent violators pooled: a step right no more often than the one
    # below it
    for t in sorted(ties.values()):
        blocks.append(list(t))
        while len(blocks) > 1 and share(blocks[-2]) >= share(blocks[-1]):
            pool(len(blocks) - 2)
    # a step of fewer than MIN_STEP fields goes down into the one below
    # it, never up: its few fields claim no more than their lower
    # neighbours, and the doubtful fields at the bottom lend none of
    # their errors to the sure ones above (the lowest step may stay small)
    changed = True
    while changed:
        changed = False
        for i in range(len(blocks) - 1, 0, -1):
            if blocks[i][2] < MIN_STEP:
                pool(i - 1)
                changed = True
                break
        for i in range(len(blocks) - 1, 0, -1):
            if share(blocks[i - 1]) >= share(blocks[i]):
                pool(i - 1)
                changed = True
                break
    steps, last = [], 0.0
    for s, k, n, rk, rn in blocks:
        p = wilson_low(k, n)
        if rn >= MIN_STEP:
            p = min(p, wilson_low(rk, rn))
        # more than one wrong in a hundred, by the step's own count: not posted unread
        if (n - k) > 0.01 * n or (rn >= MIN_STEP and (rn - rk) > 0.01 * rn):
            p = min(p, HELD)
        p = max(last, p)
        x = 0.0 if not steps else s
        if steps and p == steps[-1][1]:
            continue
        steps.append((x, round(p, 4)))
        last = p
    return steps[:64]


def parents(key):
    """The pools a key with too few fields of its own backs off to, nearest
    first, never on more evidence than its own: the same field and
    evidence from either source, then (for an amount the others vouch for)
    the same field and source with less evidence: a checked amount with
    the agreeing ones, then with all. An amount nothing
    vouches for ('alone') is never pooled with ones the arithmetic vouched
    for: a subtotal or tax that does not add up is evidence against it."""
    field, src, ev = key
    out = [[(field, s, ev) for s in ("text", "ocr")]]
    if field in AMOUNTS and ev != "alone":
        # the less evidence first: checked amounts with the agreeing ones, then all
        for i in range(EVIDENCE.index(ev) - 1, -1, -1):
            out.append([(field, src, e) for e in EVIDENCE[i:EVIDENCE.index(ev) + 1]])
    return out


def fit(docs):
    """{key: steps} for every field, source and evidence. A key with fewer
    than MIN_TABLE fields of its own is fitted on its nearest parent pool
    (parents()) that holds MIN_TABLE, its steps held under STRICT where
    one of the key's own fields was wrong; with no such pool it is one step,
    its share right's lower bound held under STRICT — too few to vouch for
    anything."""
    per = samples(docs)
    tables = {}
    for field in sorted(accuracy.score.FIELDS.values()):
        for src in ("text", "ocr"):
            for ev in (EVIDENCE if field in AMOUNTS else ("alone",)):
                key = (field, src, ev)
                pairs = per.get(key, [])
                if len(pairs) >= MIN_TABLE:
                    tables[key] = isotonic(pairs)
                    continue
                k = sum(ok for _, ok, _ in pairs)
                for pool in parents(key):
                    ps = [x for pk in pool for x in per.get(pk, [])]
                    if len(ps) >= MIN_TABLE:
                        st = isotonic(ps)
                        if k < len(pairs):
                            held = []
                            for x, p in st:
                                if not held or min(p, HELD) > held[-1][1]:
                                    held.append((x, min(p, HELD)))
                            st = held
                        tables[key] = st
                        break
                else:
                    tables[key] = [(0.0, round(min(HELD, max(0.5, wilson_low(k, len(pairs)))), 4))]
    return tables


def apply(tables, key, conf):
    st = tables.get(key)
    if not st:
        return conf
    c = st[0][1]
    for x, p in st:
        if conf >= x:
            c = p
    # extract_calibrate() only ever lowers a confidence
    return min(conf, 0.99, max(0.05, c))


def write(path, tables, comment):
    with open(path, "w") as f:
        f.write("# the calibration of the final confidences: written by scripts/fit-calibration.py, do not edit.\n")
        for line in comment.splitlines():
            f.write("# %s\n" % line)
        f.write("billflow-calibration 1\n")
        for key in sorted(tables):
            f.write("table %s %s %s\n" % key)
            for x, p in tables[key]:
                f.write("step %.4f %.4f\n" % (x, p))


def group_fold(d, k):
    g = d["set"] + ":" + d.get("vendor_key", d["file"])
    return hashlib.sha256(g.encode()).digest()[0] % k


def cross_check(docs, k):
    """Held-out figures over k vendor folds of dev: per set, fields at >=
    STRICT and how many right, before and after."""
    print("== dev, %d vendor folds: fields at >= %.2f (right/n), raw -> calibrated, and right ones held under it"
          % (k, STRICT))
    res = {}
    for i in range(k):
        train = [d for d in docs if group_fold(d, k) != i]
        held = [d for d in docs if group_fold(d, k) == i]
        tables = fit(train)
        for d in held:
            if d.get("error") or d.get("source") in (None, "einvoice"):
                continue
            r = res.setdefault(d["set"], [0, 0, 0, 0, 0, 0])
            for f, v in d["fields"].items():
                if v["conf"] is None:
                    continue
                c = apply(tables, key_of(f, d["source"], d["evidence"]), v["conf"])
                if v["conf"] >= STRICT:
                    r[0] += 1
                    r[1] += v["ok"]
                if c >= STRICT:
                    r[2] += 1
                    r[3] += v["ok"]
                r[4] += v["ok"] and v["conf"] < STRICT
                r[5] += v["ok"] and c < STRICT
    req = ("vendor", "invoice_number", "invoice_date", "total")
    print("  (documents whose required fields all pass: right/all, raw -> calibrated)")
    for name in sorted(res):
        pr = [0, 0, 0, 0]
        for i in range(k):
            tables = fit([d for d in docs if group_fold(d, k) != i])
            for d in docs:
                if group_fold(d, k) != i or d["set"] != name or d.get("source") in (None, "einvoice"):
                    continue
                fs = [(f, v) for f, v in d["fields"].items() if f in req]
                if not fs or any(v["conf"] is None for _, v in fs):
                    continue
                raw = all(v["conf"] >= STRICT for _, v in fs)
                cal = all(apply(tables, key_of(f, d["source"], d["evidence"]), v["conf"]) >= STRICT for f, v in fs)
                ok = all(v["ok"] for _, v in fs)
                pr[0] += raw and ok
                pr[1] += raw
                pr[2] += cal and ok
                pr[3] += cal
        print("    %-17s %d/%d -> %d/%d" % (name, pr[0], pr[1], pr[2], pr[3]))
    for name, r in sorted(res.items()):
        print("  %-17s %4d/%-4d %6s -> %4d/%-4d %6s   right held %d -> %d" % (
            name, r[1], r[0], accuracy.fmt_pct(100.0 * r[1] / r[0] if r[0] else None),
            r[3], r[2], accuracy.fmt_pct(100.0 * r[3] / r[2] if r[2] else None), r[4], r[5]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(here, "..", "build", "cli", "billflow"))
    ap.add_argument("--gen", default=None)
    ap.add_argument("--corpus", default=accuracy.default_corpus())
    ap.add_argument("--cache", default=None)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(here, "..", "extract", "calibration.table"))
    ap.add_argument("--docs", action="append", default=[],
                    help="a folder of your own (files/ and truth.jsonl as in the corpus): every document used")
    ap.add_argument("--folds", type=int, default=0, help="print a K-fold held-out check on dev first")
    ap.add_argument("--from-json", help="the documents of an accuracy.py --json-out run read with "
                    "--set extract.calibration=none (or by a build without a calibration) instead of reading")
    ap.add_argument("-q", action="store_true", dest="quiet")
    a = ap.parse_args()
    if a.from_json:
        with open(a.from_json) as f:
            docs = json.load(f)["documents"]
        for d in docs:
            if "evidence" not in d:
                sys.exit("fit-calibration: %s was written by an accuracy.py that does not say "
                         "the amounts' evidence (alone, agree, checked)" % a.from_json)
        return finish(a, docs)
    # the documents accuracy.py reads, dev fold only, with the finders' own confidences
    acc = accuracy.parse_args(["--bin", a.bin, "--corpus", a.corpus, "--jobs", str(a.jobs), "--folds", "dev",
                               "--set", "extract.calibration=none"] +
                              (["--gen", a.gen] if a.gen else []) + (["--cache", a.cache] if a.cache else []) +
                              (["-q"] if a.quiet else []))
    runner, docs = accuracy.collect(acc)
    for own in a.docs:
        truth = folds.load(own)
        rows = runner.extract([os.path.join(own, d["file"]) for d in truth])
        for d, r in zip(truth, rows):
            v = accuracy.judge(d, r)
            v.update({"set": "own-" + os.path.basename(os.path.normpath(own)), "file": d["file"], "fold": "dev"})
            docs.append(v)
    return finish(a, docs)


def finish(a, docs):
    vk = {}
    for name in os.listdir(a.corpus) if os.path.isdir(a.corpus) else []:
        base = os.path.join(a.corpus, name)
        if os.path.exists(os.path.join(base, "truth.jsonl")):
            for r in folds.load(base):
                vk[(name, r["file"])] = folds.vendor_key(r)
    for d in docs:
        d["vendor_key"] = vk.get((d["set"], d["file"]), d["file"])
    docs = [d for d in docs if d["fold"] == "dev"]
    if a.folds > 1:
        cross_check(docs, a.folds)
    tables = fit(docs)
    n = sum(len(v) for v in samples(docs).values())
    write(a.out, tables, "%d fields of %d dev-fold documents (%s); Z=%g, steps of %d fields at least"
          % (n, len(docs), ", ".join(sorted({d["set"] for d in docs})), Z, MIN_STEP))
    print("fit-calibration: %d tables from %d fields, written to %s" % (len(tables), n, a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
