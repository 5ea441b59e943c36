"""billflow report: the KPIs over a real home (invoices processed, queued,
corrected and resolved through the real binary), as JSON with exact counts,
and as an HTML page rendered by a real headless browser (Debian's chromium)."""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, gen, invoice_spec  # noqa: E402

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")

VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account
V100,ACME Industrial Supplies Ltd,ACME Industrial;ACME,GBP,30,Expenses:Supplies
"""
POS = """po_number,vendor_id,line_no,description,quantity,unit_price,currency
PO-7781,V100,1,Steel bolts M8,200,0.45,GBP
PO-7782,V100,1,Welding rods,60,2.40,GBP
PO-7783,V100,1,Safety gloves,40,4.75,GBP
"""
RECEIPTS = """receipt_id,po_number,line_no,quantity_received,received_date
GR-1,PO-7781,1,200,2026-11-01
GR-2,PO-7782,1,60,2026-11-02
GR-3,PO-7783,1,40,2026-11-02
"""


def process(spec, name):
    f = gen(spec, h.dir, name, pdf=True)
    rc, rows, err = h.json("process", f["pdf"])
    return rows[0] if rows else {"err": err}


try:
    t.eq(h.run("init").returncode, 0, "init")
    for kind, text in (("vendors", VENDORS), ("pos", POS), ("receipts", RECEIPTS)):
        t.eq(h.run("import", kind, h.write(kind + ".csv", text)).returncode, 0, "import " + kind)
    a = process(invoice_spec("INV-1", "PO-7781", [("Steel bolts M8", "200", "0.45")]), "a")
    b = process(invoice_spec("INV-2", "PO-7782", [("Welding rods", "60", "2.40")]), "b")
    c = process(invoice_spec("INV-3", "PO-7783", [("Safety gloves", "20", "5.25")]), "c")
    d = process(invoice_spec("NX-4", "PO-1", [("Paper", "2", "3.00")], vendor="Nobody Known Ltd"), "d")
    t.eq([x.get("status") for x in (a, b, c, d)], ["posted", "posted", "exception", "exception"],
         "two post straight through, two are queued", [a, b, c, d])
    # A reviewer corrects the invoice number of c and posts it over the price variance.
    p = h.run("--user", "rita", "resolve", str(c.get("exception_id")), "--set", "invoice_number=INV-3A",
              "--post", "--override", "price_variance")
    t.eq(p.returncode, 0, "c is corrected and posted", p.stderr)

    rc, rows, err = h.json("report")
    r = rows[0] if rows else {}
    tot = r.get("total", {})
    t.eq((tot.get("documents"), tot.get("posted"), tot.get("straight_through"), tot.get("queued"),
          tot.get("open")), (4, 3, 2, 2, 1), "report --json: documents, posted, straight through, queued, open",
         tot)
    t.eq(tot.get("straight_through_rate"), 0.5, "straight-through rate 2 of 4")
    t.ok(tot.get("receipt_to_post_median_s") is not None and tot.get("receipt_to_post_p90_s") is not None
         and tot["receipt_to_post_p90_s"] >= tot["receipt_to_post_median_s"] >= 0,
         "receipt-to-posting median and p90 are measured", tot)
    t.ok(tot.get("exception_to_resolution_median_s") is not None, "exception-to-resolution is measured", tot)
    t.eq(r.get("error_rate", {}).get("invoice_number", {}).get("corrected"), 1,
         "the reviewer's correction counts against invoice_number", r.get("error_rate"))
    t.ok("vendor" not in r.get("error_rate", {}), "a re-match that changed nothing is no correction",
         r.get("error_rate"))
    vend = {v["vendor"]: v for v in r.get("vendors", [])}
    t.eq((vend.get("ACME Industrial Supplies Ltd") or {}).get("documents"), 3, "per vendor: ACME has 3", vend)
    t.eq([(s["source"], s["documents"]) for s in r.get("sources", [])], [("cli", 4)], "per source")
    rc, rows, _ = h.json("report", "--since", "2099-01-01")
    t.eq(rows[0]["total"]["documents"] if rows else None, 0, "--since a later day: no documents")
    p = h.run("report")
    t.ok(p.returncode == 0 and "straight through 2 (50.0%)" in p.stdout and "invoice_number" in p.stdout,
         "the text report", p.stdout)
    t.eq(h.run("report", "--since", "1/2/2026").returncode, 2, "a non-ISO date is a usage error")

    html = h.path("report.html")
    p = h.run("report", "--format", "html", "--out", html)
    t.eq(p.returncode, 0, "report --format html writes the page", p.stderr)
    page = open(html, encoding="utf-8").read() if os.path.exists(html) else ""
    t.ok("<script" not in page.lower() and "http://" not in page.replace("http://www.w3.org/2000/svg", ""),
         "the page is self-contained: no scripts, nothing fetched")
    t.eq(h.run("report", "--format", "html", "--out", html).returncode, 1, "an existing --out is refused")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        t.ok(False, "chromium is installed (sh scripts/install-deps.sh --test)")
    else:
        prof = h.path("chromium-profile")
        base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + prof,
                "--no-first-run", "--disable-dev-shm-usage"]
        p = subprocess.run(base + ["--dump-dom", "file://" + html], capture_output=True, text=True,
                           timeout=120)
        dom = p.stdout
        t.ok("50.0%" in dom and 'id="stp"' in dom, "chromium renders the straight-through KPI", p.stderr[-2000:])
        t.ok(dom.count("<rect") >= 5 + 1 + 1, "the charts are drawn (outcomes, vendors, corrections)")
        shot = h.path("report.png")
        p = subprocess.run(base + ["--screenshot=" + shot, "--window-size=1100,1200", "file://" + html],
                           capture_output=True, text=True, timeout=120)
        png = open(shot, "rb").read() if os.path.exists(shot) else b""
        t.ok(png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10000,
             "chromium takes a screenshot of the page", p.stderr[-2000:])
finally:
    h.cleanup()
t.done()
