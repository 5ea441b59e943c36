"""Learning from corrections through the real binary: a vendor whose total
is labelled "Amount payable this period", with a larger "Total payable with
arrears" lower on the page, is read wrongly or doubtfully and queued; a
reviewer corrects the total once with `resolve --set`; the vendor's next
invoices, with other numbers and amounts, as PDF and as a scan, are then
read rightly and sure."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, gen, invoice_spec  # noqa: E402

VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required
V500,Harbour Utilities Ltd,Harbour,GBP,14,Expenses:Utilities,false
V600,Quayside Water plc,Quayside,GBP,14,Expenses:Utilities,false
"""

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")


def bill(number, charges, to_date, vendor="Harbour Utilities Ltd", date="2026-11-03"):
    """A statement-like bill with no itemised lines: VAT, the amount payable
    this period, and the total payable with arrears printed lower on
    the page — two strong total labels and no arithmetic between them."""
    tax = (charges * 20 + 50) // 100
    cents = lambda v: "%d.%02d" % (v // 100, v % 100)
    return invoice_spec(number, None, [], vendor=vendor, date=date, layout=4,
                        tax=cents(tax), total=cents(charges + tax),
                        total_label="Amount payable this period",
                        bank="Total payable with arrears %s" % to_date, iban=None, bic=None,
                        vendor_address=["4 Quay Street", "Hull HU1 1AA"])


def process(spec, name, png=False, seed=1):
    f = gen(spec, h.dir, name, pdf=not png, png=png, seed=seed)
    rc, rows, err = h.json("process", f["png" if png else "pdf"])
    return (rows[0] if rows else {"rc": rc, "stderr": err}), f


def hints():
    return h.sql("SELECT vendor_key, field, label, below FROM field_hints")


try:
    t.eq(h.run("init").returncode, 0, "init")
    t.eq(h.run("import", "vendors", h.write("vendors.csv", VENDORS)).returncode, 0, "import vendors")

    # 1. Before any correction: doubtful or wrong, so it waits for a person.
    first = bill("HU-1001", 12000, "£9,870.00")
    d, _ = process(first, "first")
    x = d.get("extract", {})
    conf = x.get("confidence", {}).get("total", 0)
    t.eq(x.get("vendor_id"), "V500", "first bill: vendor matched", d)
    t.eq(d.get("status"), "exception", "first bill: queued for review", d)
    t.ok(x.get("total") != first["total"] or conf < 0.8,
         "first bill: total wrong or below min_confidence before learning", (x.get("total"), conf))
    t.eq(hints(), [], "nothing learned before a correction")

    # 2. One correction.
    exc = d.get("exception_id")
    rc, rows, err = h.json("resolve", str(exc), "--set", "total=" + first["total"], "--post")
    r = rows[0] if rows else {}
    t.ok(rc == 0 and r.get("status") == "posted", "the corrected bill is posted", (rc, r, err))
    learned = hints()
    t.eq(learned, [("V500", "total", "amount payable this period", 0)],
         "the correction is learned: vendor, field, the label beside the value", learned)

    # 3. The vendor's next bill: other number, other amounts, read rightly and sure.
    second = bill("HU-1002", 9900, "£10,014.10", date="2026-12-03")
    d, f2 = process(second, "second")
    x = d.get("extract", {})
    t.eq(x.get("total"), second["total"], "second bill: total from the learned label", x)
    t.ok(x.get("confidence", {}).get("total", 0) >= 0.95, "second bill: total is sure", x.get("confidence"))
    t.eq(x.get("invoice_number"), "HU-1002", "second bill: invoice number as before")
    t.eq(d.get("status"), "posted", "second bill: posted without review", d)

    # `extract` with the same home uses what was learned too.
    rc, rows, err = h.json("extract", f2["pdf"])
    x = rows[0] if rows else {}
    t.ok(rc == 0 and x.get("total") == second["total"] and x.get("confidence", {}).get("total", 0) >= 0.95,
         "extract: learned hints apply", (rc, x.get("total"), x.get("confidence"), err))

    # 4. A scan of a third bill: the label is found among OCR words.
    third = bill("HU-1003", 21040, "£10,266.58", date="2027-01-03")
    d, _ = process(third, "third", png=True, seed=3)
    x = d.get("extract", {})
    t.eq(x.get("total"), third["total"], "scanned bill: total from the learned label", x)
    t.ok(x.get("confidence", {}).get("total", 0) >= 0.95, "scanned bill: total is sure", x.get("confidence"))

    # 5. What one vendor taught does not leak to another.
    other = bill("QW-77", 6000, "£4,100.00", vendor="Quayside Water plc")
    d, _ = process(other, "other")
    x = d.get("extract", {})
    t.ok(x.get("vendor_id") == "V600" and x.get("confidence", {}).get("total", 1) < 0.95,
         "another vendor: no learned hint used", x)
finally:
    h.cleanup()
t.done()
