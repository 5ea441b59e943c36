#!/usr/bin/env python3
"""bench-decisions: how many clean invoices go straight through, and how many
wrong ones are posted (the goal: none). Not a test: a script that prints
figures.

For each corpus it builds master data from the truth (vendors, and for
invoices with a PO number a PO and goods receipts matching the truth lines),
processes every document through the real `billflow process`, and compares
each decision with the truth: a posted invoice whose vendor, invoice number,
date or total differs from the truth is a wrong posting.

usage: bench-decisions.py [--bin build/cli/billflow] [--gen build/tests/gen/gen-invoice]
                          [--corpus ../shared/corpus] [--generated N]"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tests", "extract-dev"))
import score  # noqa: E402


def run(bin_, home, *args):
    p = subprocess.run([bin_, "--home", home, "--json"] + list(args), capture_output=True, text=True)
    return p.returncode, [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")], p.stderr


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def bench(bin_, name, base, truth):
    home = tempfile.mkdtemp(prefix="bf-bench-")
    run(bin_, home, "init")
    vendors, pos, receipts = {}, [], []
    for d in truth:
        v = d.get("vendor")
        if v and v not in vendors:
            vendors[v] = "V%03d" % (len(vendors) + 1)
    for d in truth:
        if d.get("po_number") and d.get("vendor") and d.get("lines"):
            for i, l in enumerate(d["lines"], 1):
                pos.append([d["po_number"], vendors[d["vendor"]], i, l.get("description") or "",
                            l.get("quantity") or "1", l.get("unit_price") or l.get("amount") or "0",
                            d.get("currency") or ""])
                receipts.append(["GR-%s-%d" % (d["po_number"], i), d["po_number"], i,
                                 l.get("quantity") or "1", d.get("date") or d.get("invoice_date") or ""])
    vrows = []
    for v, vid in vendors.items():
        has_po = any(d.get("vendor") == v and d.get("po_number") for d in truth)
        cur = next((d.get("currency") for d in truth if d.get("vendor") == v and d.get("currency")), "")
        vrows.append([vid, v, "", cur or "", "", "Expenses:Purchases", "true" if has_po else "false"])
    write_csv(os.path.join(home, "v.csv"),
              ["vendor_id", "name", "aliases", "currency", "payment_terms_days", "default_account",
               "po_required"], vrows)
    run(bin_, home, "import", "vendors", os.path.join(home, "v.csv"))
    if pos:
        write_csv(os.path.join(home, "p.csv"), ["po_number", "vendor_id", "line_no", "description",
                                                 "quantity", "unit_price", "currency"], pos)
        write_csv(os.path.join(home, "r.csv"), ["receipt_id", "po_number", "line_no",
                                                 "quantity_received", "received_date"], receipts)
        run(bin_, home, "import", "pos", os.path.join(home, "p.csv"))
        run(bin_, home, "import", "receipts", os.path.join(home, "r.csv"))
    posted = wrong = queued = 0
    reasons = {}
    for d in truth:
        rc, rows, err = run(bin_, home, "process", os.path.join(base, d["file"]))
        r = rows[0] if rows else {}
        if r.get("status") == "posted":
            posted += 1
            x = r.get("extract", {})
            bad = []
            for f, key in (("vendor", "vendor"), ("invoice_number", "invoice_number"),
                           ("date", "invoice_date"), ("invoice_date", "invoice_date"), ("total", "total")):
                if f in d.get("labelled_fields", []) and not score.same(f, d.get(f), x.get(key)):
                    bad.append("%s %r != %r" % (f, x.get(key), d.get(f)))
            if bad:
                wrong += 1
                print("  WRONG POST %s: %s" % (d["file"], "; ".join(bad)))
        else:
            queued += 1
            for reason in r.get("reasons", ["error"]):
                reasons[reason] = reasons.get(reason, 0) + 1
    n = len(truth)
    print("%-16s %3d documents: %3d posted straight through (%.0f%%), %3d queued, %d wrong postings"
          % (name, n, posted, 100.0 * posted / max(1, n), queued, wrong))
    print("%-16s queue reasons: %s" % ("", ", ".join("%s %d" % kv for kv in sorted(reasons.items()))))
    return posted, wrong, n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(here, "..", "build", "cli", "billflow"))
    ap.add_argument("--gen", default=os.path.join(here, "..", "build", "tests", "gen", "gen-invoice"))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus"))
    ap.add_argument("--generated", type=int, default=40)
    a = ap.parse_args()
    if os.path.isdir(a.corpus):
        for name in sorted(os.listdir(a.corpus)):
            base = os.path.join(a.corpus, name)
            tp = os.path.join(base, "truth.jsonl")
            if os.path.exists(tp):
                bench(a.bin, name, base, [json.loads(l) for l in open(tp) if l.strip()])
    if a.generated:
        out = tempfile.mkdtemp(prefix="bf-gen-")
        subprocess.run([a.gen, "--random", "20261123", "--count", str(a.generated), "--out-dir", out,
                        "--formats", "pdf,png"], check=True, capture_output=True)
        truth = [json.loads(l) for l in open(os.path.join(out, "truth.jsonl")) if l.strip()]
        for kind in ("pdf", "png"):
            t = [d for d in truth if d["file"].endswith(kind)]
            # Each generated invoice is unique; its PO lines come from its own truth.
            bench(a.bin, "generated-" + kind, out, t)


if __name__ == "__main__":
    main()
