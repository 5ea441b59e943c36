"""End to end through the real binary: a PDF whose text layer is broken
(fonts re-encoded without a ToUnicode map, as some print drivers do, so
poppler reads control characters and punctuation) is OCRed page by page and
its fields come out right; a good text layer is still read as text; a PDF
with one good and one broken page is "mixed"."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, gen, invoice_spec  # noqa: E402
import scramble_fonts  # noqa: E402

t = Tap()
missing = [p for p in ("gs", "pdftocairo", "qpdf") if not shutil.which(p)]
if missing:
    t.skip_all("needs %s (sh scripts/install-deps.sh --test)" % ", ".join(missing))
h = Home(keep=os.environ.get("KEEP") == "1")

WANT = {"vendor": "ACME Industrial Supplies Ltd", "invoice_number": "INV-T3-0042",
        "invoice_date": "2026-11-03", "currency": "GBP", "subtotal": "90.00", "tax": "18.00",
        "total": "108.00", "po_number": "PO-7781"}


def fields(row):
    return {k: row.get(k) for k in WANT}


try:
    f = gen(invoice_spec("INV-T3-0042", "PO-7781", [("Steel bolts M8", "200", "0.45")]),
            h.dir, "good")
    broken = h.path("broken.pdf")
    scramble_fonts.main(f["pdf"], broken)
    text = subprocess.run(["pdftotext", broken, "-"], capture_output=True).stdout
    t.ok(b"ACME" not in text and b"INV" not in text,
         "the scrambled pdf's text layer is unreadable (as poppler sees it)", text[:80])
    fonts = subprocess.run(["pdffonts", broken], capture_output=True, text=True).stdout
    t.ok(fonts.strip() and all(line.split()[-3] == "no" for line in fonts.splitlines()[2:]),
         "the scrambled pdf's fonts carry no ToUnicode map", fonts)

    rc, rows, err = h.json("extract", f["pdf"], broken)
    t.eq(rc, 0, "extract succeeds", err)
    if len(rows) == 2:
        t.eq(rows[0].get("source"), "text", "a good text layer is still read as text")
        t.eq(fields(rows[0]), WANT, "good text layer: fields right")
        t.eq(rows[1].get("source"), "ocr", "the broken text layer is OCRed")
        t.eq(fields(rows[1]), WANT, "broken text layer: fields right after OCR")
        lines = rows[1].get("lines") or []
        t.eq([(l.get("description"), l.get("quantity"), l.get("amount")) for l in lines],
             [("Steel bolts M8", "200", "90.00")], "broken text layer: the line item")

    # One good page and one broken page: only the broken one is OCRed.
    mixed = h.path("mixed.pdf")
    subprocess.run(["qpdf", "--empty", "--pages", f["pdf"], broken, "--", mixed], check=True)
    rc, rows, err = h.json("extract", mixed)
    t.ok(rc == 0 and rows and rows[0].get("source") == "mixed" and rows[0].get("pages") == 2,
         "a good page and a broken one: source mixed", rows or err)

    # Through the pipeline too: stored, extracted from OCR, checked.
    t.eq(h.run("init").returncode, 0, "init succeeds")
    rc, rows, err = h.json("process", broken)
    t.ok(rc == 0 and rows and rows[0].get("status") in ("posted", "exception")
         and (rows[0].get("extract") or {}).get("source") == "ocr"
         and (rows[0].get("extract") or {}).get("total") == "108.00",
         "process reads the broken pdf by OCR", rows or err)
finally:
    h.cleanup()
t.done()
