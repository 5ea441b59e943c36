"""Exports through the real binary, checked by the real tools: beancount by
bean-check, the ledger journal by hledger check, CSV and Xero CSV by a CSV
reader, IIF by its record structure; incremental batches, --all, and
--batch writing a batch again byte for byte. Hostile text from documents
must not break any format."""
import csv
import io
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, gen, invoice_spec  # noqa: E402

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")
VENDORS = ("vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required\n"
           "V1,ACME Industrial Supplies Ltd,ACME,GBP,30,Expenses:Supplies,false\n"
           'V2,"Quote ""n"" Semi; Co Ltd",,GBP,14,Expenses:Office Costs;odd,false\n')


def cents(s):
    neg = s.startswith("-")
    w, _, f = s.lstrip("-").partition(".")
    v = int(w) * 100 + int((f + "00")[:2])
    return -v if neg else v


try:
    h.run("init")
    t.eq(h.run("import", "vendors", h.write("v.csv", VENDORS)).returncode, 0, "vendors import")
    specs = [
        invoice_spec("INV-1", None, [("Steel bolts M8", "200", "0.45"), ("Hex nuts M8", "100", "0.89")]),
        invoice_spec("INV-2", None, [("Welding rods", "10", "2.40")], date="2026-11-10"),
        invoice_spec("Q-7", None, [('Paper "A4"; 80g, white', "5", "4.20")],
                     vendor='Quote "n" Semi; Co Ltd', date="2026-11-12"),
    ]
    for i, s in enumerate(specs):
        f = gen(s, h.dir, "e%d" % i)
        rc, rows, err = h.json("process", f["pdf"])
        t.eq(rows[0]["status"] if rows else err, "posted", "invoice %d posts" % i)
    rc, entries, _ = h.json("ledger")
    t.eq(len(entries), 3, "three entries in the ledger")
    t.eq(h.run("reverse", str(entries[1]["id"]), "--reason", "wrong; \"quoted\"\nreason").returncode, 0,
         "a reversal with hostile text")

    out = {}
    for fmt, ext in (("beancount", "beancount"), ("ledger", "journal"), ("csv", "csv"),
                     ("iif", "iif"), ("xero", "xero.csv"), ("json", "jsonl")):
        path = h.path("export." + ext)
        p = h.run("export", "--format", fmt, "--out", path)
        t.eq(p.returncode, 0, "export --format %s" % fmt, p.stderr)
        out[fmt] = open(path, encoding="utf-8").read() if os.path.exists(path) else ""

    if shutil.which("bean-check"):
        p = subprocess.run(["bean-check", h.path("export.beancount")], capture_output=True, text=True)
        t.ok(p.returncode == 0, "bean-check accepts the beancount export", p.stdout + p.stderr)
    else:
        t.ok(False, "bean-check is installed (scripts/install-deps.sh --test)")
    if shutil.which("hledger"):
        p = subprocess.run(["hledger", "check", "-f", h.path("export.journal")], capture_output=True, text=True)
        t.ok(p.returncode == 0, "hledger check accepts the journal export", p.stdout + p.stderr)
        p = subprocess.run(["hledger", "-f", h.path("export.journal"), "balance", "-O", "csv", "--no-total"],
                           capture_output=True, text=True)
        bal = {r[0]: r[1] for r in csv.reader(io.StringIO(p.stdout)) if r and r[0] != "account"}
        t.ok(any(k.startswith("Liabilities:AccountsPayable") for k in bal), "hledger sees the payable", bal)
    else:
        t.ok(False, "hledger is installed (scripts/install-deps.sh --test)")

    rows = list(csv.DictReader(io.StringIO(out["csv"])))
    t.eq(len({r["entry_id"] for r in rows}), 4, "csv: four entries (one reversal)")
    per = {}
    for r in rows:
        per[r["entry_id"]] = per.get(r["entry_id"], 0) + cents(r["amount"])
    t.ok(all(v == 0 for v in per.values()), "csv: every entry's postings sum to zero", per)
    t.ok(any('"A4"; 80g' in r["memo"] for r in rows), "csv: quotes and semicolons survive quoting")

    recs = [l.split("\t") for l in out["iif"].splitlines()]
    t.ok(all(len(r) == 9 for r in recs if r[0] in ("TRNS", "SPL", "!TRNS", "!SPL")),
         "iif: every record has 9 tab-separated fields")
    sums, cur = [], None
    for r in recs:
        if r[0] == "TRNS":
            cur = cents(r[6])
        elif r[0] == "SPL":
            cur += cents(r[6])
        elif r[0] == "ENDTRNS":
            sums.append(cur)
    t.ok(len(sums) == 4 and all(s == 0 for s in sums), "iif: 4 transactions, each balanced", sums)

    xr = list(csv.DictReader(io.StringIO(out["xero"])))
    t.ok(xr and all(r["*InvoiceNumber"] and r["*AccountCode"] and r["*UnitAmount"] for r in xr),
         "xero: required columns filled")
    inv1 = [r for r in xr if r["*InvoiceNumber"] == "INV-1"]
    t.eq(sum(cents(r["*UnitAmount"]) for r in inv1) + sum(cents(r["TaxAmount"] or "0") for r in inv1),
         cents(inv1[0]["Total"]) if inv1 else None, "xero: lines plus tax make the bill total")

    js = [json.loads(l) for l in out["json"].splitlines() if l.strip()]
    t.eq(len(js), 4, "json: one line per entry")

    # Incremental: nothing new now; a new invoice shows up alone; --all has everything.
    p = h.run("export", "--format", "csv")
    t.eq(len(list(csv.DictReader(io.StringIO(p.stdout)))), 0, "a second export has nothing new")
    f = gen(invoice_spec("INV-9", None, [("Gloves", "2", "4.75")], date="2026-11-20"), h.dir, "late")
    h.run("process", f["pdf"])
    p = h.run("export", "--format", "csv")
    t.eq({r["invoice_number"] for r in csv.DictReader(io.StringIO(p.stdout))}, {"INV-9"},
         "the next export carries only the new entry")
    p = h.run("export", "--format", "csv", "--all")
    t.eq(len({r["entry_id"] for r in csv.DictReader(io.StringIO(p.stdout))}), 5, "--all exports everything")

    rc, batches, _ = h.json("exports")
    t.ok(len(batches) >= 7 and batches[0]["format"] == "beancount", "exports lists the batches", batches)
    again = h.run("export", "--batch", str(batches[0]["id"]))
    t.eq(again.stdout, out["beancount"], "export --batch writes a batch again byte for byte")
    t.eq(h.run("export", "--format", "qif").returncode, 2, "an unknown format is a usage error")
    t.eq(h.run("export", "--batch", "999").returncode, 1, "an unknown batch is an error")
finally:
    h.cleanup()
t.done()
