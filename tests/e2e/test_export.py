"""Exports through the real binary, checked by the accounting tools
themselves: beancount by bean-check and bean-query, the journal by hledger
check (-s with its declarations) and ledger-cli (--strict, --pedantic);
CSV and Xero CSV by a CSV reader, IIF by its record structure. A ledger of
many vendors whose names hold quotes, commas, colons, accents, emoji and
spreadsheet formulas, in GBP and EUR, with a reversal exported in a later
batch. Incremental batches, --all, --batch, --out - and a failed --out
that must leave no file and record nothing."""
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

# vendor id, name, currency, default account
VENDORS = [
    ("V1", "ACME Industrial Supplies Ltd", "GBP", "Expenses:Supplies"),
    ("V2", 'Quote "n" Semi; Co Ltd', "GBP", "Expenses:Office Costs;odd"),
    ("V3", "Société Générale Fournitures", "EUR", "Expenses:Société Générale:Fournitures"),
    ("V4", "Café ☕ Supplies 🚀", "GBP", "Expenses:Café ☕ Supplies 🚀"),
    ("V5", 'Colon: Comma, and "Quote" Trading', "GBP", 'Expenses:Colon: Comma, "Q"'),
    ("V6", '=HYPERLINK("http://x")', "GBP", "Expenses:Links"),
    ("V7", "+Plus Ltd", "GBP", "Expenses:Plus"),
    ("V8", "-Minus GmbH", "EUR", "Expenses:Minus"),
    ("V9", "@At Co", "GBP", "Expenses:At"),
]
FORMATS = (("beancount", "beancount"), ("ledger", "journal"), ("csv", "csv"),
           ("iif", "iif"), ("xero", "xero.csv"), ("json", "jsonl"))


def vendors_csv():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["vendor_id", "name", "aliases", "currency", "payment_terms_days", "default_account",
                "po_required"])
    for vid, name, cur, acct in VENDORS:
        w.writerow([vid, name, "", cur, "30", acct, "false"])
    return out.getvalue()


def cents(s):
    s = s.strip()
    neg = s.startswith("-")
    w, _, f = s.lstrip("-").partition(".")
    v = int(w) * 100 + int((f + "00")[:2])
    return -v if neg else v


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True)


def export(fmt, name, *extra):
    """Exports into a file; returns (process, text or None)."""
    path = h.path(name)
    p = h.run("export", "--format", fmt, "--out", path, *extra)
    text = open(path, encoding="utf-8", newline="").read() if os.path.exists(path) else None
    return p, text


def batches():
    return h.json("exports")[1]


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text or "", newline="")))


def bean_check(path, label):
    if not shutil.which("bean-check"):
        t.ok(False, "bean-check is installed (scripts/install-deps.sh --test)")
        return
    p = run("bean-check", path)
    t.ok(p.returncode == 0, "bean-check accepts %s" % label, p.stdout + p.stderr)


def bean_query(path, query):
    p = run("bean-query", "-f", "csv", path, query)
    return [[c.strip() for c in r] for r in csv.reader(io.StringIO(p.stdout))][1:]


def hledger_check(path, label):
    if not shutil.which("hledger"):
        t.ok(False, "hledger is installed (scripts/install-deps.sh --test)")
        return
    p = run("hledger", "check", "-f", path)
    t.ok(p.returncode == 0, "hledger check accepts %s" % label, p.stderr)
    p = run("hledger", "check", "-s", "-f", path)
    t.ok(p.returncode == 0, "hledger check -s (declared accounts, commodities) accepts %s" % label, p.stderr)


def ledger_check(path, label):
    if not shutil.which("ledger"):
        for what in ("reads", "--strict", "--pedantic"):
            t.skip("ledger-cli %s %s" % (what, label), "ledger is not installed")
        return
    p = run("ledger", "-f", path, "bal")
    t.ok(p.returncode == 0 and not p.stderr, "ledger-cli reads %s" % label, p.stderr)
    p = run("ledger", "--strict", "-f", path, "bal")
    t.ok(p.returncode == 0 and "Warning" not in p.stderr, "ledger-cli --strict: %s declares all" % label,
         p.stderr)
    p = run("ledger", "--pedantic", "-f", path, "bal")
    t.ok(p.returncode == 0, "ledger-cli --pedantic accepts %s" % label, p.stderr)


def hledger_payables(path):
    p = run("hledger", "-f", path, "bal", "Liabilities", "--pivot", "payee", "-O", "csv", "--layout=bare")
    return {(r[0], r[1]): cents(r[2]) for r in csv.reader(io.StringIO(p.stdout))
            if r and r[0] not in ("account", "total")}


try:
    h.run("init")
    p = h.run("import", "vendors", h.write("v.csv", vendors_csv()))
    t.eq(p.returncode, 0, "vendors import", p.stderr)
    specs = [
        invoice_spec("INV-1", None, [("Steel bolts M8", "200", "0.45"), ("Hex nuts M8", "100", "0.89"),
                                     ("Washers", "3", "0.33")]),
        invoice_spec("Q-7", None, [('Paper "A4"; 80g, white', "5", "4.20")], vendor=VENDORS[1][1],
                     date="2026-11-04"),
    ]
    for i, (vid, name, cur, _) in enumerate(VENDORS[2:], start=2):
        specs.append(invoice_spec("B-%d0%d" % (i, i), None, [("Item %d" % i, "3", "1%d.50" % i)],
                                  currency=cur, vendor=name, date="2026-11-%02d" % (i + 3)))
    for i, s in enumerate(specs):
        f = gen(s, h.dir, "e%d" % i)
        rc, rows, err = h.json("process", f["pdf"])
        t.eq(rows[0]["status"] if rows else err, "posted", "invoice from %s posts" % s["vendor"])
    rc, entries, _ = h.json("ledger")
    t.eq(len(entries), len(VENDORS), "one entry per vendor")
    sg = next((e for e in entries if e["vendor_id"] == "V3"), None)

    # Batch 1: everything, in every format.
    first = {}
    for fmt, ext in FORMATS:
        p, first[fmt] = export(fmt, "b1." + ext)
        t.ok(p.returncode == 0 and first[fmt], "export --format %s --out FILE" % fmt, p.stderr)
    t.eq([b["format"] for b in batches()], [f for f, _ in FORMATS], "each export recorded as a batch")

    bean_check(h.path("b1.beancount"), "the beancount export")
    payees = {r[0]: (r[1], cents(r[2])) for r in bean_query(
        h.path("b1.beancount"), "SELECT payee, currency, sum(number) WHERE account ~ '^Liabilities' "
                                "GROUP BY payee, currency")}
    t.eq(set(payees), {v[1] for v in VENDORS}, "beancount: every vendor name survives as the payee")
    t.eq({c for c, _ in payees.values()}, {"GBP", "EUR"}, "beancount: GBP and EUR stay their own commodities")
    t.ok(all(v < 0 for _, v in payees.values()), "beancount: every bill credits the payable", payees)
    opens = [l.split()[2] for l in first["beancount"].splitlines() if " open " in l]
    t.ok("Expenses:SocieteGenerale:Fournitures" in opens and "Expenses:CafeSupplies" in opens,
         "beancount: accounts made valid from accented and emoji names", opens)
    meta = bean_query(h.path("b1.beancount"), "SELECT DISTINCT entry_meta('invoice'), entry_meta('due'), "
                                              "entry_meta('document') WHERE payee = 'ACME Industrial Supplies Ltd'")
    t.eq(meta and meta[0][:2], ["INV-1", "2026-12-03"], "beancount: invoice and due date metadata", meta)

    hledger_check(h.path("b1.journal"), "the journal export")
    ledger_check(h.path("b1.journal"), "the journal export")
    if shutil.which("hledger"):
        pay = hledger_payables(h.path("b1.journal"))
        t.eq({k[0] for k in pay}, {v[1].replace(";", "") for v in VENDORS},
             "hledger: every vendor is a payee")
        t.eq({k[1] for k in pay}, {"GBP", "EUR"}, "hledger: GBP and EUR stay their own commodities")
        p = run("hledger", "-f", h.path("b1.journal"), "reg", "code:INV-1", "-O", "csv")
        reg = list(csv.DictReader(io.StringIO(p.stdout)))
        inv1 = next(e for e in entries if e["invoice_number"] == "INV-1")
        t.ok(len(reg) == len(inv1["postings"]) and all(r["code"] == "INV-1" for r in reg),
             "hledger: the invoice number is the code", p.stdout)

    rows = csv_rows(first["csv"])
    t.eq(len({r["entry_id"] for r in rows}), len(VENDORS), "csv: every entry")
    per = {}
    for r in rows:
        per[(r["entry_id"], r["currency"])] = per.get((r["entry_id"], r["currency"]), 0) + cents(r["amount"])
    t.ok(all(v == 0 for v in per.values()), "csv: every entry's postings sum to zero", per)
    text_cols = ("vendor", "vendor_id", "invoice_number", "po_number", "account", "memo", "description")
    risky = [r[c] for r in rows for c in text_cols if r[c][:1] in ("=", "+", "-", "@", "\t", "\r")]
    t.eq(risky, [], "csv: no text cell a spreadsheet would run as a formula")
    t.eq({r["vendor"] for r in rows if r["vendor_id"] in ("V6", "V7", "V8", "V9")},
         {"'" + v[1] for v in VENDORS[5:]}, "csv: formula-like vendor names get a leading '")
    t.ok(any(r["amount"].startswith("-") and r["amount"][1:2].isdigit() for r in rows),
         "csv: negative amounts stay numbers")
    t.ok(any('"A4"; 80g' in r["memo"] for r in rows), "csv: quotes and semicolons survive quoting")
    t.ok(first["csv"].count("\r\n") == len(rows) + 1, "csv: CRLF record ends (RFC 4180)")

    recs = [l.split("\t") for l in first["iif"].split("\r\n") if l]
    t.ok(all(len(r) == 10 for r in recs if r[0] in ("TRNS", "SPL", "!TRNS", "!SPL")),
         "iif: every transaction record has 10 tab-separated fields")
    sums, cur = [], None
    for r in recs:
        if r[0] == "TRNS":
            cur = cents(r[6])
        elif r[0] == "SPL":
            cur += cents(r[6])
        elif r[0] == "ENDTRNS":
            sums.append(cur)
    t.ok(len(sums) == len(VENDORS) and all(s == 0 for s in sums), "iif: one balanced transaction each", sums)
    t.ok(all(r[2] == "BILL" and r[5] for r in recs if r[0] == "TRNS"), "iif: BILLs naming the vendor")
    t.eq({r[1] for r in recs if r[0] == "VEND"},
         {("'" if v[1][0] in "=+-@" else "") + v[1].replace('"', "") for v in VENDORS},
         "iif: every vendor listed (!VEND), a formula-like name neutralised")

    xr = csv_rows(first["xero"])
    t.ok(xr and all(r["*ContactName"] and r["*InvoiceNumber"] and r["*AccountCode"] and r["*UnitAmount"]
                    and r["*DueDate"] for r in xr), "xero: required columns filled")
    bills = {}
    for r in xr:
        b = bills.setdefault(r["*InvoiceNumber"], [cents(r["Total"]), 0, r["Currency"]])
        b[1] += cents(r["*UnitAmount"]) + cents(r["TaxAmount"] or "0")
    t.ok(len(bills) == len(VENDORS) and all(b[0] == b[1] for b in bills.values()),
         "xero: each bill's lines plus tax make its total", bills)
    t.eq(sum(1 for r in xr if r["*InvoiceNumber"] == "INV-1"), 3, "xero: one row per line, number repeated")
    t.eq({b[2] for b in bills.values()}, {"GBP", "EUR"}, "xero: the currency of each bill")

    js = [json.loads(l) for l in first["json"].splitlines() if l.strip()]
    t.ok(len(js) == len(VENDORS) and all(j["document"]["sha256"] and j["postings"] for j in js),
         "json: each entry with postings and its document reference")

    # Incremental: straight after, nothing is new.
    for fmt, ext in FORMATS:
        p, text = export(fmt, "b1-again." + ext)
        t.ok(p.returncode == 0 and "no entries" in p.stderr, "a second %s export has nothing new" % fmt,
             p.stderr)
    t.eq(csv_rows(open(h.path("b1-again.csv"), encoding="utf-8").read()), [], "the second csv is empty")
    bean_check(h.path("b1-again.beancount"), "an empty beancount export")
    t.eq(len(batches()), len(FORMATS), "an empty export records no batch")

    # A reversal leaves in the next batch of each format, alone.
    p = h.run("reverse", str(sg["id"]), "--reason", "wrong; \"quoted\"\nreason")
    t.eq(p.returncode, 0, "reverse the EUR bill", p.stderr)
    second = {}
    for fmt, ext in FORMATS:
        p, second[fmt] = export(fmt, "b2." + ext)
        t.eq(p.returncode, 0, "export %s after the reversal" % fmt, p.stderr)
    rows = csv_rows(second["csv"])
    t.ok(rows and all(r["reverses"] == str(sg["id"]) for r in rows), "csv: the later batch is the reversal",
         rows)
    t.eq(sum(1 for l in second["json"].splitlines() if l.strip()), 1, "json: the later batch has one entry")
    t.ok(second["beancount"].count(" #reversal ^billflow-doc-%d" % sg["document_id"]) == 1,
         "beancount: the reversal is tagged and linked to its bill")
    bean_check(h.path("b2.beancount"), "the reversal's batch")
    hledger_check(h.path("b2.journal"), "the reversal's batch")
    with open(h.path("both.journal"), "w", encoding="utf-8") as f:
        f.write(first["ledger"] + second["ledger"])
    hledger_check(h.path("both.journal"), "both batches in one journal")
    ledger_check(h.path("both.journal"), "both batches in one journal")
    if shutil.which("hledger"):
        pay = hledger_payables(h.path("both.journal"))
        t.eq(pay.get((VENDORS[2][1], "EUR")), None, "hledger: the reversed EUR bill nets to nothing")
        t.eq(pay.get((VENDORS[7][1], "EUR")), -cents("63.00"), "hledger: the other EUR bill stays owed")
    xr = csv_rows(second["xero"])
    t.ok(xr and all(r["*InvoiceNumber"].startswith("B-202-REV") and cents(r["Total"]) < 0 for r in xr),
         "xero: the reversal is a credit note (negative) under its own number", xr)
    recs = [l.split("\t") for l in second["iif"].split("\r\n") if l]
    t.eq([r[2] for r in recs if r[0] == "TRNS"], ["GENERAL JOURNAL"], "iif: the reversal is a journal entry")

    # --all exports everything and records nothing; --batch writes a batch again.
    n_batches = len(batches())
    p, text = export("beancount", "all.beancount", "--all")
    t.ok(p.returncode == 0 and text.count(" * ") == len(VENDORS) + 1, "--all exports every entry", p.stderr)
    bean_check(h.path("all.beancount"), "the --all export")
    all_pay = {(r[0], r[1]): cents(r[2]) for r in bean_query(
        h.path("all.beancount"), "SELECT payee, currency, sum(number) WHERE account ~ '^Liabilities' "
                                 "GROUP BY payee, currency")}
    t.eq(all_pay.get((VENDORS[2][1], "EUR")), 0, "beancount: bill and reversal net to zero")
    t.eq(len(batches()), n_batches, "--all records no batch")
    bl = batches()
    again = h.run("export", "--batch", str(bl[0]["id"]))
    t.eq(again.stdout, first["beancount"], "export --batch writes a batch again byte for byte")
    p = h.run("export", "--format", "json", "--all", "--out", "-")
    t.eq(len([l for l in p.stdout.splitlines() if l.strip()]), len(VENDORS) + 1, "--out - writes to stdout")

    # A failed --out writes nothing, leaves no file and records nothing.
    f = gen(invoice_spec("INV-9", None, [("Gloves", "2", "4.75")], date="2026-11-20"), h.dir, "late")
    h.run("process", f["pdf"])
    before = sorted(os.listdir(h.dir))
    p = h.run("export", "--format", "csv", "--out", h.path("missing", "x.csv"))
    t.eq(p.returncode, 1, "--out into a missing directory fails", p.stderr)
    os.mkdir(h.path("adir"))
    p = h.run("export", "--format", "csv", "--out", h.path("adir"))
    t.eq(p.returncode, 1, "--out naming a directory fails", p.stderr)
    t.eq(sorted(os.listdir(h.dir)), sorted(before + ["adir"]), "no file or temporary file is left behind")
    t.eq(os.listdir(h.path("adir")), [], "nothing written into the directory")
    t.eq(len(batches()), n_batches, "a failed export records no batch")
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            p = subprocess.run([os.environ.get("BILLFLOW_BIN", "billflow"), "export", "--format", "csv"],
                               stdout=full, stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, BILLFLOW_HOME=h.home))
        t.ok(p.returncode == 1 and len(batches()) == n_batches,
             "a failed write to stdout (a full disk) records no batch", p.stderr)
    # A preview (--dry-run) shows what the next export takes and uses nothing up.
    p = h.run("export", "--format", "csv", "--dry-run")
    t.ok(p.returncode == 0 and {r["invoice_number"] for r in csv_rows(p.stdout)} == {"INV-9"},
         "export --dry-run prints the entry the next export takes", p.stderr)
    p = h.run("export", "--format", "csv", "--dry-run", "--out", h.path("preview.csv"))
    t.ok(p.returncode == 0 and "INV-9" in open(h.path("preview.csv")).read(),
         "export --dry-run --out FILE writes the preview", p.stderr)
    t.eq(len(batches()), n_batches, "a dry run records no batch")
    p, text = export("csv", "b3.csv")
    t.eq({r["invoice_number"] for r in csv_rows(text)}, {"INV-9"}, "the next export still has the entry")
    t.eq(len(batches()), n_batches + 1, "and records it")
    # An existing --out is somebody's file: refused unless --force.
    p = h.run("export", "--format", "csv", "--all", "--out", h.path("b3.csv"))
    t.ok(p.returncode == 1 and "--force" in p.stderr, "an existing --out file is refused, naming --force",
         p.stderr)
    t.eq(open(h.path("b3.csv"), newline="").read(), text, "and is left as it was")
    p = h.run("export", "--format", "csv", "--all", "--out", h.path("b3.csv"), "--force")
    t.ok(p.returncode == 0 and open(h.path("b3.csv"), newline="").read() != text, "--force replaces it", p.stderr)

    t.eq(h.run("export", "--format", "qif").returncode, 2, "an unknown format is a usage error")
    t.eq(h.run("export", "--batch", "999").returncode, 1, "an unknown batch is an error")
finally:
    h.cleanup()
t.done()
