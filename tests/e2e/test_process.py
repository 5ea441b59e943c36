"""End to end through the real binary: generated invoices (born-digital PDF
and a rotated, noisy scan) are extracted, checked against POs and receipts,
posted or queued; bad files are reported and kept; resolution works."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import BILLFLOW, Tap, Home, gen, invoice_spec, png_to_pdf  # noqa: E402

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")

VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account
V100,ACME Industrial Supplies Ltd,ACME Industrial;ACME,GBP,30,Expenses:Supplies
V200,"Borealis Office GmbH",Borealis,EUR,14,Expenses:Office
"""
POS = """po_number,vendor_id,line_no,description,quantity,unit_price,currency
PO-7781,V100,1,Steel bolts M8,200,0.45,GBP
PO-7781,V100,2,Hex nuts M8,400,0.15,GBP
PO-7782,V100,1,Welding rods,50,2.40,GBP
PO-7783,V100,1,Safety gloves,20,4.75,GBP
"""
RECEIPTS = """receipt_id,po_number,line_no,quantity_received,received_date
GR-1,PO-7781,1,200,2026-11-01
GR-2,PO-7781,2,400,2026-11-01
GR-3,PO-7782,1,50,2026-11-02
GR-4,PO-7783,1,20,2026-11-02
"""

try:
    p = h.run("init")
    t.eq(p.returncode, 0, "init succeeds")
    t.ok(all(os.path.exists(os.path.join(h.home, x)) for x in
             ["billflow.conf", "inbox", "archive", "failed"] +
             ([] if h.pg_url else ["billflow.db"])), "init creates the home")
    t.eq(h.run("init").returncode, 0, "init is safe to run twice")

    for kind, text in (("vendors", VENDORS), ("pos", POS), ("receipts", RECEIPTS)):
        p = h.run("import", kind, h.write(kind + ".csv", text))
        t.eq(p.returncode, 0, "import %s" % kind)
    p = h.run("import", "vendors", h.write("vendors.csv", VENDORS))
    t.eq(p.returncode, 0, "re-import of the same vendors succeeds")
    rc, st, _ = h.json("status")
    t.ok(rc == 0 and st and st[0]["vendors"] == 2, "re-import updates, never duplicates", st)

    # A clean born-digital invoice that matches its PO and receipt.
    clean = invoice_spec("INV-20931", "PO-7781",
                         [("Steel bolts M8", "200", "0.45"), ("Hex nuts M8", "400", "0.15")])
    f = gen(clean, h.dir, "clean", pdf=True)
    rc, rows, err = h.json("extract", f["pdf"])
    x = rows[0] if rows else {}
    t.eq(rc, 0, "extract of a born-digital PDF exits 0")
    t.eq(x.get("source"), "text", "the PDF's own text layer is used")
    t.eq(x.get("total"), clean["total"], "PDF: total")
    t.eq(x.get("invoice_number"), "INV-20931", "PDF: invoice number")
    t.eq(x.get("invoice_date"), "2026-11-03", "PDF: invoice date")
    t.eq(x.get("currency"), "GBP", "PDF: currency")
    t.eq(x.get("po_number"), "PO-7781", "PDF: PO number")
    t.eq(x.get("vendor_id"), "V100", "PDF: vendor matched in the master")

    # extract.calibration: a table of one's own lowers what it maps lower,
    # none leaves the finders' scores, a broken table is refused by its line
    rc, rows, err = h.json("--set", "extract.calibration=none", "extract", f["pdf"])
    raw = (rows[0] if rows else {}).get("confidence", {})
    t.ok(rc == 0 and raw and all(raw[k] >= v for k, v in x["confidence"].items()),
         "extract.calibration=none: the finders' own scores, never under the calibrated ones", (raw, x))
    own = h.write("own.table", "billflow-calibration 1\ntable invoice_number text alone\nstep 0 0.3\n")
    rc, rows, err = h.json("--set", "extract.calibration=" + own, "extract", f["pdf"])
    conf = (rows[0] if rows else {}).get("confidence", {})
    t.ok(rc == 0 and conf.get("invoice_number") == 0.3 and
         all(conf[k] == v for k, v in raw.items() if k != "invoice_number"),
         "extract.calibration: one's own table maps the invoice number alone", (conf, raw, err))
    bad = h.write("bad.table", "billflow-calibration 1\ntable invoice_number text alone\nstep 0.5 0.9\nstep 0.4 0.8\n")
    p = h.run("--set", "extract.calibration=" + bad, "extract", f["pdf"])
    t.ok(p.returncode == 1 and "bad.table" in p.stderr and "line 4" in p.stderr,
         "extract.calibration: a table whose steps fall is refused, naming the line", p.stderr)

    rc, rows, err = h.json("process", f["pdf"])
    d = rows[0] if rows else {}
    t.ok(rc == 0 and d.get("status") == "posted", "a clean PDF invoice is posted", (rc, d, err))
    t.ok(isinstance(d.get("entry_id"), int), "posting returns the entry id", d)

    # The same bytes again.
    rc, rows, _ = h.json("process", f["pdf"])
    t.eq(rows[0].get("status") if rows else None, "duplicate_file", "the same bytes are a duplicate_file")

    # A scanned invoice: rasterised, rotated, with noise.
    scan = invoice_spec("INV-20932", "PO-7782", [("Welding rods", "50", "2.40")])
    f2 = gen(scan, h.dir, "scan", pdf=False, png=True, quality="good", seed=7)
    rc, rows, err = h.json("process", f2["png"])
    d = rows[0] if rows else {}
    x = d.get("extract", {})
    t.eq(x.get("source"), "ocr", "a PNG goes through OCR")
    t.eq(x.get("total"), scan["total"], "scan: total")
    t.eq(x.get("invoice_number"), "INV-20932", "scan: invoice number")
    t.ok(d.get("status") == "posted", "a clean scanned invoice is posted", (d, err))

    # A scanned PDF (an image page, no text layer) is OCRed like the PNG.
    scan_pdf = h.path("scan.pdf")
    png_to_pdf(f2["png"], scan_pdf)
    rc, rows, err = h.json("extract", scan_pdf)
    x = rows[0] if rows else {}
    t.eq(x.get("source"), "ocr", "a PDF without a text layer goes through OCR", err)
    t.eq(x.get("total"), scan["total"], "scanned PDF: total")
    t.eq(x.get("invoice_number"), "INV-20932", "scanned PDF: invoice number")

    # A price 10% above the PO: price_variance.
    off = invoice_spec("INV-20933", "PO-7783", [("Safety gloves", "20", "5.25")])
    f3 = gen(off, h.dir, "off", pdf=True)
    rc, rows, err = h.json("process", f3["pdf"])
    d = rows[0] if rows else {}
    t.ok(rc == 0 and d.get("status") == "exception", "a price variance is queued (exit 0)", (rc, d, err))
    t.ok("price_variance" in d.get("reasons", []), "reason price_variance", d.get("reasons"))
    det = [r.get("detail") or "" for r in d.get("reason_details", []) if r["reason"] == "price_variance"]
    t.ok(det and "5.25" in det[0] and "4.75" in det[0], "the detail names both prices", det)
    exc_id = d.get("exception_id")

    rc, q, _ = h.json("queue")
    t.ok(any(e["id"] == exc_id and "price_variance" in e["reasons"] for e in q), "queue lists it", q)
    mine = [e for e in q if e["id"] == exc_id][0]
    t.ok(mine.get("amount") and mine.get("currency") and mine["total"] == "%s %s" % (mine["amount"], mine["currency"]),
         "queue --json gives the amount and the currency apart", mine)
    t.ok("due_date" in mine and "invoice_date" in mine and mine["invoice_date"], "and the dates", mine)
    rc, qr, _ = h.json("queue", "--reason", "price_variance")
    t.ok(rc == 0 and qr and all("price_variance" in e["reasons"] for e in qr), "queue --reason filters", qr)
    rc, qn, _ = h.json("queue", "--reason", "duplicate")
    t.ok(rc == 0 and all(e["id"] != exc_id for e in qn), "queue --reason leaves out other reasons", qn)
    rc, qv, _ = h.json("queue", "--vendor", (mine["vendor"] or "x")[:5].lower())
    t.ok(any(e["id"] == exc_id for e in qv), "queue --vendor matches part of the name, any case", qv)
    rc, qv, _ = h.json("queue", "--vendor", "no such vendor at all")
    t.eq((rc, qv), (0, []), "queue --vendor with no match lists nothing")
    rc, qs, _ = h.json("queue", "--since", "2099-01-01")
    t.eq((rc, qs), (0, []), "queue --since a later day lists nothing")
    rc, qs, _ = h.json("queue", "--since", mine["created_at"][:10], "--until", mine["created_at"][:10])
    t.ok(any(e["id"] == exc_id for e in qs), "queue --since/--until the day it was queued lists it", qs)
    t.eq(h.run("queue", "--reason", "nosuch").returncode, 2, "queue --reason with an unknown reason is a usage error")

    # show DOC: the whole story of one document, and the original back.
    doc_id = d.get("document_id")
    p = h.run("show", str(doc_id))
    t.ok(p.returncode == 0 and "INV-20933" in p.stdout and "price_variance" in p.stdout
         and "5.25" in p.stdout and "history:" in p.stdout and "(pdf)" in p.stdout,
         "show prints the fields, the reason with its detail, the history and the original's type",
         p.stdout + p.stderr)
    rc, sh, _ = h.json("show", str(doc_id))
    s0 = sh[0] if sh else {}
    t.ok(s0.get("extract", {}).get("invoice_number") == "INV-20933"
         and s0.get("extract", {}).get("confidence", {}).get("total", 0) > 0
         and s0.get("exception", {}).get("state") == "open"
         and "price_variance" in s0.get("exception", {}).get("reasons", [])
         and any(a["action"] == "receive" for a in s0.get("history", [])),
         "show --json: extract with confidences, exception, history", s0)
    out = h.path("back.pdf")
    p = h.run("show", str(doc_id), "--original", out)
    t.ok(p.returncode == 0 and open(out, "rb").read() == open(f3["pdf"], "rb").read(),
         "show --original writes the original back byte for byte", p.stderr)
    p = h.run("show", str(doc_id), "--original", out)
    t.ok(p.returncode == 1 and "--force" in p.stderr, "show --original refuses to replace a file", p.stderr)
    p = h.run("show", "999999")
    t.ok(p.returncode == 1 and "999999" in p.stderr, "show of an unknown document is an error", p.stderr)
    t.eq(h.run("show").returncode, 2, "show without an id is a usage error")
    t.eq(h.run("queue", "--since", "03/04/2026").returncode, 2, "a non-ISO --since is a usage error")

    # Posting without an override is refused; with one it posts.
    p = h.run("resolve", str(exc_id), "--post")
    t.eq(p.returncode, 1, "resolve --post refuses while reasons remain")
    rc, rows, err = h.json("--user", "alice", "resolve", str(exc_id), "--post", "--override", "price_variance")
    t.ok(rc == 0 and rows and rows[0]["status"] == "posted", "resolve --post --override posts", (rc, rows, err))
    p = h.run("resolve", str(exc_id), "--recheck")
    t.eq(p.returncode, 1, "a resolved exception cannot be resolved again")
    rc, audit, _ = h.json("audit")
    t.ok(any(a["action"] == "override" and a["user"] == "alice" for a in audit),
         "the override is in the audit log under the reviewer's name", audit[-5:])

    # The ledger balances.
    rc, entries, _ = h.json("ledger")
    t.eq(len(entries), 3, "three entries posted")
    dates = [e["date"] for e in entries]
    t.eq(dates, sorted(dates), "the ledger is in date order", dates)
    rc, none, _ = h.json("ledger", "--since", "2099-01-01")
    t.eq((rc, none), (0, []), "ledger --since a later day lists nothing")
    rc, some, _ = h.json("ledger", "--since", dates[-1], "--until", dates[-1])
    t.ok(some and all(e["date"] == dates[-1] for e in some), "ledger --since/--until bound the date", some)
    v0 = entries[0]["vendor_id"] or ""
    rc, byv, _ = h.json("ledger", "--vendor", v0)
    t.ok(byv and all(e["vendor_id"] == v0 for e in byv), "ledger --vendor ID keeps that vendor's", byv)
    t.eq(h.run("ledger", "--until", "2026-13-01").returncode, 2, "an impossible --until is a usage error")
    bal = all(sum(int(p["amount"].replace(".", "")) for p in e["postings"]) == 0 for e in entries)
    t.ok(bal, "every entry balances", entries)
    first = entries[0]
    accts = {p["account"] for p in first["postings"]}
    t.ok({"Liabilities:AccountsPayable", "Assets:InputTax", "Expenses:Supplies"} <= accts,
         "postings: expense, input tax, payable", accts)

    # Reversal.
    rc, rows, err = h.json("reverse", str(first["id"]), "--reason", "test")
    t.ok(rc == 0 and rows and rows[0]["reversed"] == first["id"], "reverse writes a reversing entry", err)
    t.eq(h.run("reverse", str(first["id"]), "--reason", "again").returncode, 1, "an entry is reversed once")

    # Bad files: an error for extract, unreadable for process, original kept.
    good = open(f["pdf"], "rb").read()
    bad = {
        "empty.pdf": b"",
        "truncated.pdf": good[: len(good) // 2],
        "text.pdf": b"this is not a pdf at all\n",
    }
    enc = h.path("encrypted.pdf")
    try:
        subprocess.run(["qpdf", "--encrypt", "u", "o", "256", "--", f["pdf"], enc], check=True,
                       capture_output=True)
        bad["encrypted.pdf"] = open(enc, "rb").read()
    except (OSError, subprocess.CalledProcessError):
        pass
    paths = []
    for name, data in bad.items():
        pth = h.path(name)
        open(pth, "wb").write(data)
        paths.append(pth)
    rc, rows, err = h.json("extract", *(paths + [f["pdf"]]))
    t.eq(rc, 1, "extract exits 1 when a file cannot be read")
    t.eq(len(rows), len(paths) + 1, "extract prints one result per file and goes on")
    t.ok(all("error" in r for r in rows[:-1]) and "error" not in rows[-1],
         "bad files give an error, the good one fields", rows)
    t.ok("encrypted.pdf" in bad, "an encrypted PDF was made (qpdf)")
    for pth in paths:
        rc, rows, err = h.json("process", pth)
        d = rows[0] if rows else {}
        t.ok(rc == 0 and d.get("status") == "exception" and d.get("reasons") == ["unreadable"],
             "process queues %s as unreadable" % os.path.basename(pth), (rc, d, err))
        sha = d.get("extract", {}).get("sha256", "")
        kept = os.path.join(h.home, "archive", sha[:2], sha[2:])
        t.ok(sha and os.path.exists(kept) and open(kept, "rb").read() == open(pth, "rb").read(),
             "the original of %s is kept" % os.path.basename(pth))

    # A bad CSV stores nothing and names the line.
    badcsv = h.write("bad.csv", "po_number,vendor_id,line_no,description,quantity,unit_price,currency\n"
                     "PO-9,V100,1,Thing,5,1.00,GBP\nPO-9,V999,2,Other,x,1.00,GBP\n")
    p = h.run("import", "pos", badcsv)
    t.ok(p.returncode == 1 and "line 3" in p.stderr and "V999" in p.stderr, "bad rows are named by line",
         p.stderr)
    rc, st, _ = h.json("status")
    t.eq(st[0]["pos"] if st else None, 3, "a file with a bad row stores nothing")
    trunc = h.write("trunc.csv", 'receipt_id,po_number,line_no,quantity_received,received_date\n'
                    'GR-9,PO-7781,1,"5')
    p = h.run("import", "receipts", trunc)
    t.ok(p.returncode == 1 and "line 2" in p.stderr, "a truncated CSV is refused with its line", p.stderr)
    many = h.write("many.csv", "vendor_id,name,aliases,currency,payment_terms_days,default_account\n"
                   "V7,Seven,,EUR,30,Expenses:X\nV8,,,EUR,30,Expenses:X\nV9,Nine,,XXX,30,Expenses:X\n"
                   "V10,Ten,,EUR,abc,Expenses:X\n")
    p = h.run("import", "vendors", many)
    t.ok(p.returncode == 1 and all("line %d" % n in p.stderr for n in (3, 4, 5)) and "line 2" not in p.stderr,
         "every bad row is reported in one run (lines 3, 4 and 5)", p.stderr)
    rc, st, _ = h.json("status")
    t.eq(st[0]["vendors"] if st else None, 2, "and nothing from that file is stored")
    semi = h.write("semi.csv", "vendor_id;name;aliases;currency;payment_terms_days;default_account\n"
                   "V11;Eleven Ltd;E11;GBP;30;Expenses:X\n")
    p = h.run("import", "vendors", semi)
    rc, st, _ = h.json("status")
    t.ok(p.returncode == 0 and st and st[0]["vendors"] == 3, "a ';'-separated file (as European spreadsheets "
         "save CSV) is read", p.stderr)
    p = h.run("import", "vendors", "-", input="vendor_id,name,aliases,currency,payment_terms_days,"
              "default_account\nV12,Twelve,,GBP,30,Expenses:X\n")
    rc, st, _ = h.json("status")
    t.ok(p.returncode == 0 and st and st[0]["vendors"] == 4, "import vendors - reads standard input", p.stderr)
    # VAT ids and IBANs are checked (their check digits), each bad row named;
    # a tax id without a VAT country prefix (a US EIN) is kept as given; the
    # language is an ISO 639-1 code (or Tesseract's) and is stored as the former.
    ids = h.write("ids.csv", "vendor_id,name,aliases,currency,payment_terms_days,default_account,"
                  "tax_id,iban,language\n"
                  "V20,Twenty,,EUR,30,Expenses:X,DE 136 695 976,DE89 3704 0044 0532 0130 00,de\n"
                  "V21,Twentyone,,EUR,30,Expenses:X,DE136695977,,\n"
                  "V22,Twentytwo,,EUR,30,Expenses:X,,DE89 3704 0044 0532 0130 01,\n"
                  "V23,Twentythree,,USD,30,Expenses:X,12-3456789,,lav\n"
                  "V24,Twentyfour,,EUR,30,Expenses:X,,,klingon\n")
    p = h.run("import", "vendors", ids)
    t.ok(p.returncode == 1 and "line 3" in p.stderr and "DE136695977" in p.stderr
         and "check digits" in p.stderr and "line 4" in p.stderr and "IBAN" in p.stderr
         and "line 6" in p.stderr and "klingon" in p.stderr
         and "line 2" not in p.stderr and "line 5" not in p.stderr,
         "a bad VAT id, IBAN or language is refused with its line; the good rows pass", p.stderr)
    good = "\n".join(x for x in open(ids).read().splitlines() if x[:3] not in ("V21", "V22", "V24")) + "\n"
    p = h.run("import", "vendors", h.write("ids-good.csv", good))
    rc, vs, _ = h.json("master", "list", "vendors")
    lang = {v["vendor_id"]: v.get("language") for v in vs or []}
    t.ok(p.returncode == 0 and lang.get("V20") == "de" and lang.get("V23") == "lv"
         and lang.get("V100", "-") is None, "the vendors' languages are stored and listed", (p.stderr, lang))
    for when in ("03/04/2026", "11/13/2026", "4 March 2026"):
        p = h.run("import", "receipts", h.write("gr-date.csv", "receipt_id,po_number,line_no,quantity_received,"
                                                "received_date\nGR-77,PO-7781,1,5,%s\n" % when))
        t.ok(p.returncode == 1 and "YYYY-MM-DD" in p.stderr, "a receipt date %r is refused, not guessed" % when,
             p.stderr)

    # Master data can be listed and deleted, never what the books refer to.
    rc, vs, _ = h.json("master", "list", "vendors")
    t.ok(rc == 0 and {"V100", "V200"} <= {v["vendor_id"] for v in vs}, "master list vendors", vs)
    rc, pl, _ = h.json("master", "list", "pos")
    t.ok(rc == 0 and any(x["po_number"] == "PO-7781" and x["line_no"] == 1 and x["quantity"] == "200"
                         and x["quantity_received"] == "200" and "quantity_billed" in x for x in pl),
         "master list pos shows each line with what was received and billed", pl)
    rc, rl, _ = h.json("master", "list", "receipts")
    t.ok(rc == 0 and any(x["receipt_id"] == "GR-1" and x["received_date"] == "2026-11-01" for x in rl),
         "master list receipts", rl)
    p = h.run("master", "delete", "vendor", "V100")
    t.ok(p.returncode == 1 and "stays" in p.stderr, "a vendor with invoices cannot be deleted", p.stderr)
    p = h.run("master", "delete", "po", "PO-7781")
    t.ok(p.returncode == 1 and "billed" in p.stderr, "a PO billed by a posted invoice cannot be deleted",
         p.stderr)
    h.run("import", "vendors", "-", input="vendor_id,name,aliases,currency,payment_terms_days,"
          "default_account\nV13,Thirteen,,GBP,30,Expenses:X\n")
    p = h.run("master", "delete", "vendor", "V13")
    rc, vs, _ = h.json("master", "list", "vendors")
    t.ok(p.returncode == 0 and "V13" not in {v["vendor_id"] for v in vs}, "an unused vendor is deleted", p.stderr)
    t.ok(any(a["action"] == "delete" and a["new"] is None and a["old"] == "V13" for a in h.json("audit")[1]),
         "the deletion is in the audit log")
    t.eq(h.run("master", "delete", "vendor", "V13").returncode, 1, "deleting it again: no such vendor")
    t.eq(h.run("master", "list", "things").returncode, 2, "master list of an unknown kind is a usage error")

    # A progress line on a terminal (a pty from script(1)), none when stderr is a pipe.
    more = [gen(invoice_spec("PG-%d" % k, None, [("Thing", "1", "2.00")]), h.dir, "pg%d" % k, pdf=True)["pdf"]
            for k in range(3)]
    import shlex
    p = subprocess.run(["script", "-qec", "%s process %s >/dev/null" % (
        shlex.quote(BILLFLOW), " ".join(shlex.quote(x) for x in more)), "/dev/null"],
        capture_output=True, text=True, env=dict(os.environ, BILLFLOW_HOME=h.home))
    t.ok("[1/3]" in p.stdout and "[3/3]" in p.stdout and "3 files: 0 posted, 3 queued" in p.stdout,
         "process shows [n/N] progress on a terminal and a summary", repr(p.stdout[-500:]))
    p = h.run("process", *more)
    t.ok("[1/3]" not in p.stderr and "3 files: 0 posted, 0 queued, 3 duplicates" in p.stderr,
         "no progress line when stderr is not a terminal; the summary stays", p.stderr)

    # billflow.conf: errors with their line; config check; status warns.
    p = h.run("config", "check")
    t.ok(p.returncode == 0 and "ok" in p.stdout, "config check passes on the home init made", p.stdout + p.stderr)
    p = h.run("--set", "store.url=mysql://db.example.com/ap", "config", "check")
    t.ok(p.returncode != 0 and "store.url must be sqlite:" in p.stderr,
         "a store.url that is neither SQLite nor PostgreSQL is refused", p.stdout + p.stderr)
    if h.pg_url:
        with_pw = h.pg_url.replace("://billflow@", "://billflow:hunter2@")
        p = h.run("--set", "store.url=" + with_pw, "config", "check")
        t.ok(p.returncode == 1 and "store.url has a password in it" in p.stdout
             and "hunter2" not in p.stdout + p.stderr,
             "config check: a password belongs in store.password_file, not the URL", p.stdout + p.stderr)
    else:
        p = h.run("--set", "store.password_file=" + h.path("pw"), "config", "check")
        t.ok(p.returncode == 1 and "store.password_file is set but store.url is SQLite" in p.stdout,
             "config check: a password file means nothing to SQLite", p.stdout + p.stderr)
    conf = os.path.join(h.home, "billflow.conf")
    orig = open(conf).read()
    try:
        with open(conf, "a") as f:
            f.write("\n[ocr]\ndpi = lots\n")
        n = len(open(conf).read().rstrip("\n").split("\n"))
        p = h.run("config", "check")
        t.ok(p.returncode == 1 and ("line %d" % n) in p.stderr and "ocr.dpi" in p.stderr,
             "a bad value is named with its line in billflow.conf", p.stderr)
        with open(conf, "w") as f:
            f.write(orig + "\n[rules]\nthis line is no key\n")
        n = len(open(conf).read().rstrip("\n").split("\n"))
        p = h.run("status")
        t.ok(p.returncode == 1 and ("line %d" % n) in p.stderr, "a line that is no key is named by number",
             p.stderr)
        with open(conf, "w") as f:
            f.write(orig + "\n[imap]\nurl = imap://127.0.0.1/INBOX\nuser = ap\n"
                    "password_file = %s\n" % h.path("no-such-secret"))
        p = h.run("config", "check")
        t.ok(p.returncode == 1 and "imap.password_file" in p.stdout and "no-such-secret" in p.stdout,
             "config check finds a missing imap.password_file", p.stdout + p.stderr)
        p = h.run("status")
        t.ok(p.returncode == 0 and "warning: imap.password_file" in p.stdout,
             "status warns of the missing password file", p.stdout)
        secret = h.write("secret", "pw\n")
        os.chmod(secret, 0o644)
        with open(conf, "w") as f:
            f.write(orig + "\n[imap]\nurl = imap://127.0.0.1/INBOX\nuser = ap\npassword_file = %s\n" % secret)
        rc, rows, _ = h.json("config", "check")
        t.ok(rc == 1 and rows and any("read by others" in x for x in rows[0]["problems"]),
             "config check --json: a password file others can read", rows)
    finally:
        with open(conf, "w") as f:
            f.write(orig)

    # Usage errors exit 2.
    t.eq(h.run("process").returncode, 2, "process without files is a usage error")
    t.eq(h.run("frobnicate").returncode, 2, "an unknown command is a usage error")
    p = h.run("proces")
    t.ok(p.returncode == 2 and "did you mean 'process'" in p.stderr, "a near miss suggests the command",
         p.stderr)
    p = h.run("help", "nosuch")
    t.ok(p.returncode == 2 and "nosuch" in p.stderr, "help for an unknown command is a usage error",
         p.stderr)
    t.ok("--version" in h.run("--help").stdout, "--help lists --version")
    p = h.run("audit", "--document", "999999")
    t.ok(p.returncode == 1 and "999999" in p.stderr, "audit of an unknown document is an error", p.stderr)
    p = subprocess.run([BILLFLOW, "status"], capture_output=True, text=True,
                       env=dict(os.environ, BILLFLOW_HOME="", HOME=h.path("xdg-home"),
                                XDG_DATA_HOME="relative/data"))
    t.ok("relative/data" not in p.stderr and h.path("xdg-home") in p.stderr,
         "a relative $XDG_DATA_HOME is ignored (the XDG spec): the home is under $HOME", p.stderr)
    t.eq(h.run("extract", "--help").returncode, 0, "--help works for a command")
finally:
    h.cleanup()
t.done()
