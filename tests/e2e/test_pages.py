"""Line-item tables that run over onto the next page: invoices rendered by
gen-invoice over two or three pages (rows_per_page), the later pages with
and without the table's header row, in English, German and French and in
three layouts, read from their text layer and, rasterised at 300 dpi,
as a scanned PDF through OCR. Every item of every page must be read, and
the totals on the last page."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, BILLFLOW, GEN, png_to_pdf  # noqa: E402

ITEMS = [("Mooring line 12mm", "4", "38.50"), ("Fender, cylindrical", "6", "22.00"),
         ("Shackle, galvanised", "20", "3.25"), ("Deck brush", "2", "11.90"),
         ("Bilge pump 12V", "1", "89.00"), ("Anchor chain 8mm", "10", "14.20"),
         ("Rope cleat", "8", "6.75"), ("Marine grease", "3", "9.99"),
         ("Navigation light, LED", "2", "64.50"), ("Life jacket, adult", "5", "42.00"),
         ("Boat hook, telescopic", "1", "27.80"), ("Tarpaulin 4x6m", "2", "31.40")]

CASES = [  # name, language, layout, rows per page, repeat header, items
    ("en-ruled-no-header", "en", "1", 6, False, 8),
    ("de-shaded-header", "de", "0", 5, True, 12),
    ("fr-left-no-header", "fr", "4", 7, False, 10),
]

t = Tap()
out = tempfile.mkdtemp(prefix="bf-pages-")
env = dict(os.environ, BILLFLOW_HOME=os.path.join(out, "no-home"))


def extract(path):
    p = subprocess.run([BILLFLOW, "--json", "extract", path], capture_output=True, text=True,
                       env=env, timeout=600)
    rows = [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]
    return (rows[0] if rows else {}), p.stderr


def check(tag, got, want, pages, err):
    t.eq(got.get("pages"), pages, "%s: %d pages read" % (tag, pages), err[-1500:])
    lines = got.get("lines") or []
    t.eq(len(lines), len(want["lines"]), "%s: every item of every page" % tag,
         [l.get("description") for l in lines])
    t.eq([l.get("amount") for l in lines], [l["amount"] for l in want["lines"]],
         "%s: the amounts, in order" % tag)
    t.eq([l.get("quantity") for l in lines], [l["quantity"] for l in want["lines"]],
         "%s: the quantities" % tag)
    got_desc = [(l.get("description") or "").split() for l in lines]
    want_desc = [l["description"].split() for l in want["lines"]]
    if tag.endswith("scanned"):
        # OCR may put a row's printed item number before its description
        # (known: the first row of a continued table on a scan)
        t.ok(len(got_desc) == len(want_desc) and
             all(g[len(g) - len(w):] == w and len(g) - len(w) <= 1
                 for g, w in zip(got_desc, want_desc)),
             "%s: the descriptions (at most an item number before)" % tag, got_desc)
    else:
        t.eq(got_desc, want_desc, "%s: the descriptions" % tag)
    for f in ("total", "subtotal", "invoice_number"):
        t.eq(got.get(f), want[f], "%s: %s from the last page" % (tag, f) if f != "invoice_number"
             else "%s: invoice number" % tag)


try:
    for name, lang, layout, per_page, header, n in CASES:
        spec = {"vendor": "Harbour Marine Supplies Ltd", "invoice_number": "HM-%d" % (20931 + n),
                "invoice_date": "2025-03-14", "language": lang, "layout": layout,
                "rows_per_page": per_page, "repeat_header": header,
                "lines": [{"description": d, "quantity": q, "unit_price": u} for d, q, u in ITEMS[:n]]}
        spec_path = os.path.join(out, name + ".json")
        with open(spec_path, "w") as f:
            json.dump(spec, f)
        pdf = os.path.join(out, name + ".pdf")
        p = subprocess.run([GEN, "--spec", spec_path, "--pdf", pdf], capture_output=True, text=True)
        t.eq(p.returncode, 0, "%s: rendered" % name, p.stderr)
        want = json.loads(p.stdout.splitlines()[0])
        pages = -(-n // per_page)
        got, err = extract(pdf)
        t.eq(got.get("source"), "text", "%s: read from the text layer" % name)
        check(name, got, want, pages, err)

        if name.startswith("en"):
            # The same pages scanned: rasterised, wrapped as a PDF without text.
            if not shutil.which("pdftoppm"):
                t.skip("%s scanned" % name, "no pdftoppm (poppler-utils)")
                continue
            base = os.path.join(out, name + "-page")
            subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", pdf, base], check=True)
            pngs = sorted(os.path.join(out, f) for f in os.listdir(out)
                          if f.startswith(name + "-page") and f.endswith(".png"))
            t.eq(len(pngs), pages, "%s scanned: %d page images" % (name, pages))
            scan = os.path.join(out, name + "-scan.pdf")
            png_to_pdf(pngs, scan)
            got, err = extract(scan)
            t.eq(got.get("source"), "ocr", "%s scanned: read by OCR" % name)
            check(name + " scanned", got, want, pages, err)

    # A PNG holds one page: the generator refuses rather than drop the rest.
    p = subprocess.run([GEN, "--spec", os.path.join(out, CASES[0][0] + ".json"), "--png",
                        os.path.join(out, "one.png")], capture_output=True, text=True)
    t.ok(p.returncode != 0 and "one page" in p.stderr, "gen-invoice: no multi-page PNG", p.stderr)
finally:
    shutil.rmtree(out, ignore_errors=True)
t.done()
