#!/usr/bin/env python3
"""bench-decisions: how many clean invoices go straight through, how many
wrong ones are posted (the goal: none), and what holds the rest back. Not a
test: a script that prints figures.

By default it makes clean invoices with gen-invoice (--random on the
validation seed of scripts/accuracy.py, which no test and no rule was tuned
on; PDFs and scans), builds master data from their truth (each vendor, a PO
matching the truth lines, goods receipts for every quantity), processes every
document through the real `billflow process` (one home per format, so a
scan is not a duplicate of its PDF) and compares each decision with the
truth:
  posted       the share that went straight through (the goal: >= 90%)
  false posts  posted with vendor, invoice number, invoice date or total
               wrong (must be 0); posts with another labelled header field
               wrong are listed apart
  held back    every reason counted (an invoice may have several); for
               low_confidence and missing_field each field, its confidence
               and whether the value read was right

--corpora also runs the shared corpus folders (their val fold with
--folds val), with master data built the same way from their truth.

usage: bench-decisions.py [--bin build/cli/billflow] [--gen build/tests/gen/gen-invoice]
                          [--seed S] [--generated N] [--formats pdf,png] [--gen-arg ARG]...
                          [--corpora] [--corpus ../shared/corpus] [--folds dev,val]
                          [--jobs N] [--set SECTION.KEY=VALUE]... [--json-out FILE] [-v]"""
import argparse
import concurrent.futures
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.join(here, "..", "tests", "extract-dev"))
import accuracy  # noqa: E402
import folds  # noqa: E402
import score  # noqa: E402

# A post with one of these wrong is a false post; others are listed apart.
KEY_FIELDS = (("vendor", "vendor"), ("invoice_number", "invoice_number"), ("date", "invoice_date"),
              ("invoice_date", "invoice_date"), ("total", "total"))
OTHER_FIELDS = (("currency", "currency"), ("subtotal", "subtotal"), ("tax", "tax"),
                ("po_number", "po_number"), ("due_date", "due_date"))
OUT_TO_TRUTH = {"invoice_date": ("invoice_date", "date")}


SETS = []  # --set SECTION.KEY=VALUE for every billflow run


def run(bin_, home, *args):
    sets = [a for kv in SETS for a in ("--set", kv)]
    p = subprocess.run([bin_, "--home", home, "--json"] + sets + list(args), capture_output=True, text=True)
    return p.returncode, [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")], p.stderr


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def make_home(bin_, truth):
    """A home whose master data matches the truth: every vendor, and for
    invoices with a PO, the PO lines and their goods receipts."""
    home = tempfile.mkdtemp(prefix="bf-bench-")
    run(bin_, home, "init")
    vendors, pos, receipts, seen = {}, [], [], set()
    for d in truth:
        v = d.get("vendor")
        if v and v not in vendors:
            vendors[v] = "V%03d" % (len(vendors) + 1)
    for d in truth:
        po = d.get("po_number")
        if not (po and d.get("vendor") and d.get("lines")) or po in seen:
            continue  # a PO number two invoices share keeps the first one's lines
        seen.add(po)
        for i, l in enumerate(d["lines"], 1):
            pos.append([po, vendors[d["vendor"]], i, l.get("description") or "",
                        l.get("quantity") or "1", l.get("unit_price") or l.get("amount") or "0",
                        d.get("currency") or ""])
            receipts.append(["GR-%s-%d" % (po, i), po, i, l.get("quantity") or "1",
                             d.get("date") or d.get("invoice_date") or ""])
    vrows = []
    for v, vid in vendors.items():
        # po_required when every invoice of the vendor quotes a PO; the
        # currency when all its invoices share one (else no currency check)
        mine = [d for d in truth if d.get("vendor") == v]
        po_required = all(d.get("po_number") for d in mine)
        curs = {d.get("currency") for d in mine}
        cur = curs.pop() if len(curs) == 1 else ""
        vrows.append([vid, v, "", cur or "", "", "Expenses:Purchases", "true" if po_required else "false"])
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
    return home


def field_right(d, out_field, x):
    """True/False when the truth labels out_field, else None."""
    for tf in OUT_TO_TRUTH.get(out_field, (out_field,)):
        if tf in d.get("labelled_fields", []):
            return bool(score.same(tf, d.get(tf), x.get(out_field)))
    return None


def decide(d, r):
    """One document's decision: {'file', 'status', 'reasons', 'held': [(reason,
    field, confidence, right)], 'wrong_key', 'wrong_other'}."""
    x = r.get("extract") or {}
    out = {"file": d["file"], "status": r.get("status", "error"), "reasons": r.get("reasons") or [],
           "held": [], "wrong_key": [], "wrong_other": []}
    if not r:
        out["reasons"] = ["error"]
    if out["status"] == "posted":
        for tf, of in KEY_FIELDS:
            if tf in d.get("labelled_fields", []) and not score.same(tf, d.get(tf), x.get(of)):
                out["wrong_key"].append("%s %r != %r" % (of, x.get(of), d.get(tf)))
        for tf, of in OTHER_FIELDS:
            if tf in d.get("labelled_fields", []) and not score.same(tf, d.get(tf), x.get(of)):
                out["wrong_other"].append("%s %r != %r" % (of, x.get(of), d.get(tf)))
    for rd in r.get("reason_details") or []:
        reason, detail = rd.get("reason"), rd.get("detail") or ""
        if reason == "low_confidence":
            for f, c in re.findall(r"([a-z_]+) ([0-9.]+) <", detail):
                out["held"].append((reason, f, float(c), field_right(d, f, x)))
        elif reason == "missing_field":
            for f in re.split(r",\s*", detail):
                out["held"].append((reason, f.strip(), None, None))
        else:
            out["held"].append((reason, None, None, None))
            out.setdefault("details", []).append("%s: %s" % (reason, detail))
    return out


def process_all(bin_, truth, base, jobs):
    """Decisions for truth's documents, in `jobs` homes side by side (each
    with all the master data; the documents dealt round-robin)."""
    parts = [truth[k::jobs] for k in range(jobs) if truth[k::jobs]]

    def one(part):
        home = make_home(bin_, truth)
        _, rows, err = run(bin_, home, "process", "--", *[os.path.join(base, d["file"]) for d in part])
        by_file = {r.get("file"): r for r in rows}
        return [decide(d, by_file.get(os.path.join(base, d["file"]), {})) for d in part]

    with concurrent.futures.ThreadPoolExecutor(max_workers=len(parts) or 1) as ex:
        res = list(ex.map(one, parts))
    order = {d["file"]: i for i, d in enumerate(truth)}
    return sorted((x for part in res for x in part), key=lambda x: order[x["file"]])


def report(name, decisions, verbose):
    n = len(decisions)
    posted = [x for x in decisions if x["status"] == "posted"]
    false_posts = [x for x in posted if x["wrong_key"]]
    other = [x for x in posted if x["wrong_other"] and not x["wrong_key"]]
    held = [x for x in decisions if x["status"] != "posted"]
    print("%-20s %3d invoices: %3d posted straight through (%.1f%%), %3d held back, %d false posts%s"
          % (name, n, len(posted), 100.0 * len(posted) / max(1, n), len(held), len(false_posts),
             ", %d posted with another field wrong" % len(other) if other else ""))
    for x in false_posts:
        print("    FALSE POST %s: %s" % (x["file"], "; ".join(x["wrong_key"])))
    for x in other:
        print("    posted, other field wrong %s: %s" % (x["file"], "; ".join(x["wrong_other"])))
    counts = {}
    for x in held:
        for reason in sorted(set(x["reasons"])):
            counts[reason] = counts.get(reason, 0) + 1
    if counts:
        print("    held back by (invoices; one may have several): %s" % ", ".join(
            "%s %d" % kv for kv in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))
        only = {}
        for x in held:
            if len(set(x["reasons"])) == 1:
                only[x["reasons"][0]] = only.get(x["reasons"][0], 0) + 1
        if only:
            print("    held back by that reason alone: %s" % ", ".join(
                "%s %d" % kv for kv in sorted(only.items(), key=lambda kv: (-kv[1], kv[0]))))
    per_field = {}
    for x in held:
        for reason, f, c, right in x["held"]:
            if f:
                per_field.setdefault((reason, f), []).append((c, right))
    for (reason, f), v in sorted(per_field.items()):
        confs = sorted(c for c, _ in v if c is not None)
        rng = " conf %.2f-%.2f" % (confs[0], confs[-1]) if confs else ""
        right = sum(1 for _, r in v if r)
        wrong = sum(1 for _, r in v if r is False)
        print("      %-15s %-15s %3d%s%s" % (reason, f, len(v), rng,
                                           ", value right %d, wrong %d" % (right, wrong)
                                           if right or wrong else ""))
    if verbose:
        for x in held:
            parts = ["%s %s%s" % (r, f, " %.2f %s" % (c, "right" if ok else "wrong") if c is not None else "")
                     for r, f, c, ok in x["held"] if f]
            print("    held %s: %s" % (x["file"], "; ".join(parts + x.get("details", []))))
    return {"name": name, "invoices": n, "posted": len(posted), "false_posts": len(false_posts),
            "posted_other_wrong": len(other), "held_by": counts, "decisions": decisions}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(here, "..", "build", "cli", "billflow"))
    ap.add_argument("--gen", default=None)
    ap.add_argument("--seed", type=int, default=int(accuracy.GEN_VAL_SEED.split(",")[0]),
                    help="gen-invoice seed (default: the validation seed %s)" % accuracy.GEN_VAL_SEED)
    ap.add_argument("--generated", type=int, default=40, help="generated invoices (40; 0: none)")
    ap.add_argument("--formats", default="pdf,png")
    ap.add_argument("--gen-arg", action="append", default=[])
    ap.add_argument("--corpora", action="store_true", help="also the shared corpus folders")
    ap.add_argument("--corpus", default=accuracy.default_corpus())
    ap.add_argument("--folds", default="dev,val")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--json-out")
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                    help="a billflow setting for every run (--set extract.calibration=none: the "
                         "finders' own confidences, the baseline of a calibration)")
    ap.add_argument("-v", action="store_true", dest="verbose")
    a = ap.parse_args()
    SETS.extend(a.set)
    build = os.path.dirname(os.path.dirname(os.path.abspath(a.bin)))
    a.gen = a.gen or os.path.join(build, "tests", "gen", "gen-invoice")
    results = []
    if a.generated:
        out = tempfile.mkdtemp(prefix="bf-gen-")
        subprocess.run([a.gen, "--random", str(a.seed), "--count", str(a.generated), "--out-dir", out,
                        "--formats", a.formats] + a.gen_arg, check=True, capture_output=True)
        truth = [json.loads(l) for l in open(os.path.join(out, "truth.jsonl")) if l.strip()]
        print("# clean generated invoices: gen-invoice --random %d --count %d --formats %s%s"
              % (a.seed, a.generated, a.formats, " " + " ".join(a.gen_arg) if a.gen_arg else ""))
        kinds = sorted({os.path.splitext(d["file"])[1].lstrip(".") for d in truth})
        for kind in kinds:
            t = [d for d in truth if d["file"].endswith("." + kind)]
            results.append(report("generated-" + kind, process_all(a.bin, t, out, a.jobs), a.verbose))
    if a.corpora and os.path.isdir(a.corpus):
        want = set(a.folds.split(","))
        for name in sorted(os.listdir(a.corpus)):
            base = os.path.join(a.corpus, name)
            if not os.path.exists(os.path.join(base, "truth.jsonl")):
                continue
            truth = [d for d in folds.load(base) if d["fold"] in want]
            if truth:
                results.append(report(name, process_all(a.bin, truth, base, a.jobs), a.verbose))
    if a.json_out:
        with open(a.json_out, "w") as f:
            json.dump({"seed": a.seed, "results": results}, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
