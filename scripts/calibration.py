#!/usr/bin/env python3
"""calibration: are the extraction confidences worth trusting? Not a test: a
script that prints figures (tests/e2e/test_calibration.py holds the floors).

Runs `billflow --json extract` over the dev corpus (../shared/corpus/*/ with
truth.jsonl; only each document's labelled_fields are scored, compared with
tests/extract-dev/score.py's same()) and over a generated set (gen-invoice
--random SEED, PDFs and scans), then prints for each required field a
reliability table, confidence bucket x (correct, wrong, missing), and the
two figures that matter at min_confidence (0.80):
  wrong-passing   a wrong value at >= 0.80 would be posted: must be ~0
  correct-held    a correct value below 0.80 queues for nothing: should be few

By default a vendor master built from the truth is loaded (as `process`
sees it); --no-master extracts without one.

usage: calibration.py [--bin build/cli/billflow] [--gen build/tests/gen/gen-invoice]
                      [--corpus ../shared/corpus] [--seed N] [--count N] [--jobs N]
                      [--no-master] [--only NAME] [--dump FILE] [-v]"""
import argparse
import concurrent.futures
import csv
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tests", "extract-dev"))
import score  # noqa: E402

REQUIRED = (("vendor", ("vendor",)), ("invoice_number", ("invoice_number",)),
            ("invoice_date", ("invoice_date", "date")), ("total", ("total",)))
BUCKETS = ((0.0, 0.5, "<0.50"), (0.5, 0.8, "0.50-0.80"), (0.8, 0.9, "0.80-0.90"),
           (0.9, 0.95, "0.90-0.95"), (0.95, 1.01, ">=0.95"))
THRESHOLD = 0.80


def make_home(bin_, truth):
    """A home whose vendor master holds every truth vendor."""
    home = tempfile.mkdtemp(prefix="bf-calib-")
    subprocess.run([bin_, "--home", home, "init"], capture_output=True)
    vendors = {}
    for d in truth:
        v = d.get("vendor")
        if v and v not in vendors:
            vendors[v] = "V%03d" % (len(vendors) + 1)
    path = os.path.join(home, "v.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["vendor_id", "name", "aliases", "currency", "payment_terms_days",
                    "default_account", "po_required"])
        for v, vid in vendors.items():
            w.writerow([vid, v, "", "", "", "Expenses:Purchases", "false"])
    subprocess.run([bin_, "--home", home, "import", "vendors", path], capture_output=True)
    return home


def extract_one(bin_, home, path):
    args = [bin_, "--json"] + (["--home", home] if home else []) + ["extract", path]
    env = dict(os.environ)
    if not home:
        env["BILLFLOW_HOME"] = "/nonexistent-billflow-home"
    p = subprocess.run(args, capture_output=True, text=True, env=env)
    for line in p.stdout.splitlines():
        if line.startswith("{"):
            return json.loads(line)
    return {}


def judge(truth, out):
    """Records (field, confidence or None, verdict, got, want) for a document."""
    recs = []
    labelled = truth.get("labelled_fields") or []
    conf = out.get("confidence") or {}
    for field, keys in REQUIRED:
        tkey = next((k for k in keys if k in labelled), None)
        if tkey is None:
            continue
        want, got = truth.get(tkey), out.get(field)
        if want is None:
            continue
        if got is None:
            recs.append((field, None, "missing", got, want))
            continue
        ok = score.same(tkey, want, got)
        recs.append((field, conf.get(field, 0.0), "correct" if ok else "wrong", got, want))
    return recs


def run_set(a, name, base, truth):
    home = None if a.no_master else make_home(a.bin, truth)
    paths = [os.path.join(base, d["file"]) for d in truth]
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        outs = list(ex.map(lambda p: extract_one(a.bin, home, p), paths))
    rows = []
    for d, o in zip(truth, outs):
        for r in judge(d, o):
            rows.append((name, d["file"]) + r)
    return rows


def bucket(c):
    for lo, hi, label in BUCKETS:
        if lo <= c < hi:
            return label
    return BUCKETS[-1][2]


def report(title, rows, verbose):
    print("== %s: %d documents" % (title, len({(r[0], r[1]) for r in rows})))
    tot_wrong_pass = tot_correct_held = tot_correct = tot_present = 0
    for field, _ in REQUIRED:
        fr = [r for r in rows if r[2] == field]
        if not fr:
            continue
        print("  %-15s %7s %7s %7s" % (field, "correct", "wrong", "missing"))
        missing = sum(1 for r in fr if r[4] == "missing")
        for lo, hi, label in BUCKETS:
            c = sum(1 for r in fr if r[4] == "correct" and bucket(r[3]) == label)
            w = sum(1 for r in fr if r[4] == "wrong" and bucket(r[3]) == label)
            print("  %-15s %7d %7d %7s" % (label, c, w, ""))
        print("  %-15s %7s %7s %7d" % ("not found", "", "", missing))
        wp = [r for r in fr if r[4] == "wrong" and r[3] >= THRESHOLD]
        ch = [r for r in fr if r[4] == "correct" and r[3] < THRESHOLD]
        nc = sum(1 for r in fr if r[4] == "correct")
        print("  %-15s wrong-passing %d, correct-held %d of %d correct" % ("", len(wp), len(ch), nc))
        tot_wrong_pass += len(wp)
        tot_correct_held += len(ch)
        tot_correct += nc
        tot_present += sum(1 for r in fr if r[4] != "missing")
        if verbose:
            for r in wp:
                print("    WRONG-PASS %s/%s %s %.2f: %r (truth %r)" % (r[0], r[1], field, r[3], r[5], r[6]))
            for r in ch:
                print("    held %s/%s %s %.2f: %r" % (r[0], r[1], field, r[3], r[5]))
    share = 100.0 * (tot_correct - tot_correct_held) / max(1, tot_correct)
    print("  TOTAL wrong-passing %d; correct-held %d of %d correct (%.1f%% of correct at >= %.2f)\n"
          % (tot_wrong_pass, tot_correct_held, tot_correct, share, THRESHOLD))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(here, "..", "build", "cli", "billflow"))
    ap.add_argument("--gen", default=os.path.join(here, "..", "build", "tests", "gen", "gen-invoice"))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus"))
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--count", type=int, default=30)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-master", action="store_true")
    ap.add_argument("--only", help="one corpus name, or 'generated'")
    ap.add_argument("--dump", help="write every judged field as JSON lines here")
    ap.add_argument("-v", action="store_true", dest="verbose")
    a = ap.parse_args()
    allrows = []
    if os.path.isdir(a.corpus):
        for name in sorted(os.listdir(a.corpus)):
            base = os.path.join(a.corpus, name)
            tp = os.path.join(base, "truth.jsonl")
            if not os.path.exists(tp) or (a.only and a.only != name):
                continue
            rows = run_set(a, name, base, [json.loads(l) for l in open(tp) if l.strip()])
            report(name, rows, a.verbose)
            allrows += rows
    if a.count and (not a.only or a.only == "generated"):
        out = tempfile.mkdtemp(prefix="bf-calib-gen-")
        subprocess.run([a.gen, "--random", str(a.seed), "--count", str(a.count), "--out-dir", out,
                        "--formats", "pdf,png"], check=True, capture_output=True)
        truth = [json.loads(l) for l in open(os.path.join(out, "truth.jsonl")) if l.strip()]
        for kind in ("pdf", "png"):
            t = [d for d in truth if d["file"].endswith(kind)]
            rows = run_set(a, "generated-" + kind, out, t)
            report("generated-%s (seed %d)" % (kind, a.seed), rows, a.verbose)
            allrows += rows
    report("ALL", allrows, False)
    if a.dump:
        with open(a.dump, "w") as f:
            for r in allrows:
                f.write(json.dumps(dict(zip(("set", "file", "field", "conf", "verdict", "got", "want"),
                                            r))) + "\n")


if __name__ == "__main__":
    main()
