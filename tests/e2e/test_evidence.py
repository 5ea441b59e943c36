"""Master data as evidence, through the real binary on generated invoices:
a PO printed under a label that is no PO label (here the customer number)
is that PO when it equals an open PO of the vendor, so the invoice posts;
the vendor is found by its VAT id when the page names it by a brand the
master does not know, on a PDF and on a scan. The tampered twins do not
post: a PO one digit off, a VAT id one digit off, and an issuer the master
lacks that bills a customer who is a vendor too (name and VAT id in the
Bill To block)."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, gen, invoice_spec  # noqa: E402

VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required,tax_id,iban
V100,Brightwater Fasteners Ltd,,GBP,30,Expenses:Parts,true,GB987654353,GB29 NWBK 6016 1331 9268 19
V200,Globex Corporation,,GBP,30,Expenses:Services,true,GB111222346,
"""
LINES = [("Steel bolts M8", "200", "0.45"), ("Hex nuts M8, zinc plated", "100", "0.89")]
POS = ["4500044389", "4500055123", "4500066210"]


def po_csv():
    rows = ["po_number,vendor_id,line_no,description,quantity,unit_price,currency"]
    recs = ["receipt_id,po_number,line_no,quantity_received,received_date"]
    for po in POS:
        for i, (desc, qty, price) in enumerate(LINES, 1):
            rows.append('%s,V100,%d,"%s",%s,%s,GBP' % (po, i, desc, qty, price))
            recs.append("GR-%s-%d,%s,%d,%s,2026-11-01" % (po, i, po, i, qty))
    return "\n".join(rows) + "\n", "\n".join(recs) + "\n"


def spec(number, customer_no, date, vendor="Brightwater Fasteners Ltd", vat="GB987654353", **extra):
    """An invoice of V100 whose PO is printed only as the customer number;
    no field is labelled as a PO. Dates a month apart: no possible
    duplicates."""
    return invoice_spec(number, None, LINES, vendor=vendor, date=date, vat_id=vat,
                        customer_number=customer_no, iban=None, bic=None, bank=None,
                        date_format="iso", **extra)


t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")


def process(s, name, png=False):
    f = gen(s, h.dir, name, pdf=not png, png=png, quality="clean")
    rc, rows, err = h.json("process", f["png" if png else "pdf"])
    return rows[0] if rows else {"rc": rc, "stderr": err}


try:
    t.eq(h.run("init").returncode, 0, "init")
    pos, receipts = po_csv()
    for kind, text in (("vendors", VENDORS), ("pos", pos), ("receipts", receipts)):
        p = h.run("import", kind, h.write(kind + ".csv", text))
        t.eq(p.returncode, 0, "import " + kind, p.stderr)

    # 1. The PO under another label, exactly as the master has it.
    d = process(spec("BW-2026-0101", "4500044389", "2026-07-03"), "po-as-customer-no")
    x = d.get("extract", {})
    t.eq(x.get("po_number"), "4500044389", "PO printed as customer number: read as the open PO", x)
    t.ok(x.get("confidence", {}).get("po_number", 0) >= 0.9, "... and sure", x.get("confidence"))
    t.eq(d.get("status"), "posted", "... the invoice posts", d.get("reason_details"))

    # 2. Tampered: one digit off an open PO is no PO.
    d = process(spec("BW-2026-0102", "4500055132", "2026-08-03"), "po-near-miss")
    x = d.get("extract", {})
    t.ok(x.get("po_number") not in POS, "PO one digit off: not taken for an open PO", x.get("po_number"))
    t.ok(d.get("status") != "posted" and "missing_po" in d.get("reasons", []),
         "... not posted, missing_po", (d.get("status"), d.get("reasons")))

    # 3. A brand name the master lacks, the vendor's VAT id printed: on a PDF.
    d = process(spec("BW-2026-0103", "4500055123", "2026-09-03", vendor="BW Fixings"), "brand-pdf")
    x = d.get("extract", {})
    t.eq(x.get("vendor_id"), "V100", "brand name, VAT id on the page: vendor V100", x.get("vendor"))
    t.ok(x.get("confidence", {}).get("vendor", 0) >= 0.9, "... and sure", x.get("confidence"))
    t.eq(d.get("status"), "posted", "... the invoice posts", d.get("reason_details"))

    # 4. The same on a scan.
    d = process(spec("BW-2026-0104", "4500066210", "2026-10-03", vendor="BW Fixings"), "brand-scan", png=True)
    x = d.get("extract", {})
    t.eq(x.get("vendor_id"), "V100", "scan, brand name, VAT id: vendor V100", x.get("vendor"))
    t.eq(x.get("po_number"), "4500066210", "scan: the open PO under the customer number label", x)
    t.eq(d.get("status"), "posted", "scan: the invoice posts", d.get("reason_details"))

    # 5. Tampered: the VAT id one digit off names no vendor.
    d = process(spec("BW-2026-0105", "4500066210", "2026-11-03", vendor="BW Fixings", vat="GB987654354"), "vat-near-miss")
    x = d.get("extract", {})
    t.ok(x.get("vendor_id") is None, "VAT id one digit off: no vendor", x.get("vendor_id"))
    t.ok(d.get("status") != "posted", "... not posted", (d.get("status"), d.get("reasons")))

    # 6. An issuer the master lacks, billing Globex (a vendor too) whose name
    # and VAT id stand in the Bill To block: never posted as Globex.
    s = spec("AT-14537", "4500066210", "2026-12-03", vendor="Ardennes Transports SPRL", vat="BE0821445092",
             bill_to=["Globex Corporation", "22 Market Street", "York YO1 7HH", "VAT GB111222346"])
    d = process(s, "customer-is-vendor")
    x = d.get("extract", {})
    t.ok(x.get("vendor_id") != "V200", "the customer is not the issuer", x.get("vendor_id"))
    t.ok(d.get("status") != "posted", "... not posted", (d.get("status"), d.get("reasons")))

    rc, rows, _ = h.json("ledger")
    t.eq(len(rows), 3, "three entries in the ledger, the three genuine invoices", rows)
finally:
    h.cleanup()
t.done()
