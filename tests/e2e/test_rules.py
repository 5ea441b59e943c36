"""Every reason code, alone and combined, through the real binary with
generated documents; partial receipts across two invoices; an exception that
clears itself when the late receipt is imported; per-vendor overrides."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, gen, invoice_spec  # noqa: E402

VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required,price_tolerance_pct
V100,ACME Industrial Supplies Ltd,ACME,GBP,30,Expenses:Supplies,true,
V200,Borealis Office GmbH,Borealis,EUR,14,Expenses:Office,true,
V300,Cobalt Cleaning Services Ltd,,GBP,14,Expenses:Cleaning,false,
V400,Delta Fasteners Ltd,,GBP,30,Expenses:Supplies,true,10
"""
POS = """po_number,vendor_id,line_no,description,quantity,unit_price,currency
PO-100,V100,1,Steel bolts M8,300,0.45,GBP
PO-100,V100,2,Hex nuts M8,400,0.15,GBP
PO-200,V200,1,Printer paper A4,40,4.20,EUR
PO-400,V400,1,Wing nuts M6,100,1.00,GBP
PO-500,V100,1,Welding rods,100,2.40,GBP
"""
RECEIPTS = """receipt_id,po_number,line_no,quantity_received,received_date
GR-1,PO-100,1,200,2026-11-01
GR-2,PO-100,2,400,2026-11-01
GR-3,PO-200,1,40,2026-11-01
GR-4,PO-400,1,100,2026-11-01
GR-5,PO-500,1,60,2026-11-01
"""

t = Tap()


def fresh(sets=()):
    h = Home(keep=os.environ.get("KEEP") == "1")
    h.run("init")
    for kind, text in (("vendors", VENDORS), ("pos", POS), ("receipts", RECEIPTS)):
        p = h.run("import", kind, h.write(kind + ".csv", text))
        assert p.returncode == 0, p.stderr
    h.sets = []
    for s in sets:
        h.sets += ["--set", s]
    return h


def process(h, spec, name, seed=1):
    f = gen(spec, h.dir, name, pdf=True, seed=seed)
    rc, rows, err = h.json(*(h.sets + ["process", f["pdf"]]))
    return (rows[0] if rows else {"rc": rc, "stderr": err})


bolts = [("Steel bolts M8", "200", "0.45")]
clean = lambda **kw: invoice_spec(kw.pop("number", "INV-1"), kw.pop("po", "PO-100"),
                                  kw.pop("lines", bolts), **kw)

# (name, config sets, [specs processed before], spec, expected reasons)
SCENARIOS = [
    ("clean", (), [], clean(), []),
    ("missing_field", (), [], clean(number=""), ["missing_field"]),
    ("low_confidence", ("rules.min_confidence=1",), [], clean(), ["low_confidence"]),
    ("unknown_vendor", (), [], clean(vendor="Zenith Widgets BV", po=None), ["unknown_vendor"]),
    ("missing_po", (), [], clean(po=None), ["missing_po"]),
    ("po_not_found", (), [], clean(po="PO-9999"), ["po_not_found"]),
    ("vendor_mismatch", (), [], clean(po="PO-200", lines=[("Printer paper A4", "40", "4.20")],
                                      currency="EUR"), ["vendor_mismatch"]),
    ("currency_mismatch", (), [], clean(currency="EUR"), ["currency_mismatch"]),
    ("price_variance", (), [], clean(lines=[("Steel bolts M8", "200", "0.50")]), ["price_variance"]),
    ("quantity_exceeds_received", (), [], clean(lines=[("Steel bolts M8", "250", "0.45")]),
     ["quantity_exceeds_received"]),
    ("total_mismatch", (), [], dict(clean(), total="110.00"), ["total_mismatch"]),
    ("duplicate", (), [clean(lines=[("Hex nuts M8", "100", "0.15")])],
     clean(date="2026-11-05", lines=[("Steel bolts M8", "100", "0.45")]), ["duplicate"]),
    ("possible_duplicate", (),
     [invoice_spec("CL-1", None, [("Office cleaning November", "1", "400.00")],
                   vendor="Cobalt Cleaning Services Ltd")],
     invoice_spec("CL-2", None, [("Office cleaning November", "1", "400.00")],
                  vendor="Cobalt Cleaning Services Ltd", date="2026-11-06"), ["possible_duplicate"]),
    ("over_limit", ("rules.auto_post_limit=100",), [], clean(), ["over_limit"]),
    ("combined", ("rules.auto_post_limit=50",), [],
     clean(lines=[("Steel bolts M8", "250", "0.50")]),
     ["price_variance", "quantity_exceeds_received", "over_limit"]),
    ("non-PO vendor posts", (), [],
     invoice_spec("CL-9", None, [("Window cleaning", "1", "80.00")],
                  vendor="Cobalt Cleaning Services Ltd"), []),
    ("per-vendor tolerance", (), [],
     invoice_spec("DF-1", "PO-400", [("Wing nuts M6", "100", "1.05")], vendor="Delta Fasteners Ltd"), []),
    ("per-vendor tolerance exceeded", (), [],
     invoice_spec("DF-2", "PO-400", [("Wing nuts M6", "100", "1.15")], vendor="Delta Fasteners Ltd"),
     ["price_variance"]),
]

for name, sets, before, spec, want in SCENARIOS:
    h = fresh(sets)
    try:
        for i, b in enumerate(before):
            d0 = process(h, b, "before%d" % i)
            t.eq(d0.get("status"), "posted", "%s: the earlier invoice posts" % name)
        d = process(h, spec, "inv")
        got = d.get("reasons")
        # a printed total that the subtotal and tax contradict may also be
        # doubted by the ranker (its confidence is calibrated, not set)
        if name == "total_mismatch" and got:
            got = [r for r in got if r != "low_confidence"]
        t.eq(got, want, "%s: reasons %s" % (name, want or "none"), d.get("reasons"))
        t.eq(d.get("status"), "exception" if want else "posted", "%s: %s" % (name, "queued" if want else "posted"))
        if want:
            details = d.get("reason_details", [])
            t.ok(all(x.get("detail") for x in details), "%s: every reason has a detail" % name, details)
        else:
            rc, entries, _ = h.json("ledger")
            e = entries[-1] if entries else {"postings": []}
            total = sum(int(p["amount"].replace(".", "").replace("-", "")) *
                        (-1 if p["amount"].startswith("-") else 1) for p in e["postings"])
            t.ok(total == 0 and len(e["postings"]) >= 2, "%s: the entry balances" % name, e)
            if name == "non-PO vendor posts":
                t.ok(any(p["account"] == "Expenses:Cleaning" for p in e["postings"]),
                     "non-PO invoice debits the vendor's default account", e)
    finally:
        h.cleanup()

# Unreadable, alone.
h = fresh()
try:
    rc, rows, err = h.json("process", h.write("junk.pdf", "%PDF-1.4\n garbage"))
    t.eq(rows[0].get("reasons") if rows else None, ["unreadable"], "unreadable: reasons")
finally:
    h.cleanup()

# Partial receipts across two invoices, then the late receipt clears the second.
h = fresh()
try:
    d1 = process(h, invoice_spec("WR-1", "PO-500", [("Welding rods", "60", "2.40")]), "wr1")
    t.eq(d1.get("status"), "posted", "partial: the first invoice bills what was received and posts")
    d2 = process(h, invoice_spec("WR-2", "PO-500", [("Welding rods", "40", "2.40")],
                                 date="2026-11-20"), "wr2")
    t.eq(d2.get("reasons"), ["quantity_exceeds_received"],
         "partial: the second invoice bills more than is left of the receipt")
    det = (d2.get("reason_details") or [{}])[0].get("detail") or ""
    t.ok("40" in det and "60" in det, "partial: the detail names billed and received quantities", det)
    p = h.run("import", "receipts", h.write("late.csv",
              "receipt_id,po_number,line_no,quantity_received,received_date\nGR-6,PO-500,1,40,2026-11-21\n"))
    t.eq(p.returncode, 0, "the late receipt imports")
    rc, q, _ = h.json("queue")
    t.eq(len(q), 0, "the exception cleared itself after the late receipt")
    rc, entries, _ = h.json("ledger")
    t.eq(len(entries), 2, "and the second invoice was posted")
    rc, audit, _ = h.json("audit", "--document", str(d2.get("document_id")))
    t.ok(any(a["action"] == "post" for a in audit), "the audit log explains the automatic posting", audit)
finally:
    h.cleanup()

# A reversed invoice no longer counts as billed: its replacement posts.
h = fresh()
try:
    d1 = process(h, invoice_spec("RV-1", "PO-500", [("Welding rods", "60", "2.40")]), "rv1")
    t.eq(d1.get("status"), "posted", "reversal: the first invoice posts")
    t.eq(h.run("reverse", str(d1.get("entry_id")), "--reason", "billed in error").returncode, 0,
         "reversal: the entry is reversed")
    d2 = process(h, invoice_spec("RV-2", "PO-500", [("Welding rods", "60", "2.40")],
                                 date="2026-11-20"), "rv2")
    t.eq(d2.get("status"), "posted", "reversal: the replacement bills the received quantity again",
         d2.get("reason_details"))
finally:
    h.cleanup()

# A PO imported after the invoice: po_not_found clears by itself.
h = fresh()
try:
    d = process(h, invoice_spec("LT-1", "PO-777", [("Steel bolts M8", "10", "0.45")]), "late-po")
    t.eq(d.get("reasons"), ["po_not_found"], "late PO: queued as po_not_found")
    h.run("import", "pos", h.write("po777.csv", "po_number,vendor_id,line_no,description,quantity,unit_price,currency\n"
                                   "PO-777,V100,1,Steel bolts M8,10,0.45,GBP\n"))
    d2 = h.run("import", "receipts", h.write("gr777.csv", "receipt_id,po_number,line_no,quantity_received,received_date\n"
                                           "GR-77,PO-777,1,10,2026-11-04\n"))
    rc, q, _ = h.json("queue")
    t.eq(len(q), 0, "late PO and receipt: the exception posts by itself")
finally:
    h.cleanup()

# Editing a field re-runs the checks; reject closes with a reason.
h = fresh()
try:
    d = process(h, clean(lines=[("Steel bolts M8", "200", "0.50")]), "edit")
    exc = d.get("exception_id")
    rc, rows, err = h.json("resolve", str(exc), "--set", "po_number=PO-9999")
    t.eq(rows[0].get("reasons") if rows else None, ["po_not_found"], "an edit re-runs the checks", err)
    rc, rows, err = h.json("--user", "bob", "resolve", str(exc), "--reject", "wrong supplier")
    t.eq(rc, 0, "reject succeeds")
    rc, q, _ = h.json("queue")
    t.eq(len(q), 0, "a rejected exception leaves the queue")
    rc, audit, _ = h.json("audit", "--document", str(d.get("document_id")))
    acts = [(a["action"], a["user"]) for a in audit]
    t.ok(("edit", os.environ.get("USER") or acts[0][1]) in acts or any(a == "edit" for a, _ in acts),
         "the edit is audited", acts)
    t.ok(("reject", "bob") in acts, "the rejection is audited under bob", acts)
    edit = [a for a in audit if a["action"] == "edit"][0]
    t.ok(edit["old"] == "PO-100" and edit["new"] == "PO-9999", "the audit keeps old and new values", edit)
finally:
    h.cleanup()
t.done()
