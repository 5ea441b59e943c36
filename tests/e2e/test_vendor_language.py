"""The vendor master's `language`, through the real binary: a German
vendor that writes its invoices in English (English labels, German product
names) is read in English by ocr.language=auto (its words are English), and
its umlauts are lost; once the master says the vendor writes German
(`language` de), the page is read again in German, the names come back with
their umlauts and the fields stay right. `extract --json` says which
language the OCR read in (`ocr_language`)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, GEN  # noqa: E402
import subprocess  # noqa: E402

VENDOR = "Müller Präzisionswerkzeuge GmbH"
DESCS = ["Schlüssel für Türschlösser", "Größere Dübel aus Stahl", "Gemüsemesser, Grün",
         "Bohrfutter für Schlagbohrmaschine"]
SPECIAL = "äöüßÄÖÜ"

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")


def gen(spec, name):
    sp = h.write(name + ".json", json.dumps(spec, ensure_ascii=False))
    png = h.path(name + ".png")
    p = subprocess.run([GEN, "--spec", sp, "--png", png, "--scan-quality", "good", "--seed", "5"],
                       capture_output=True, text=True, check=True)
    return png, json.loads(p.stdout.splitlines()[0])


def specials(row):
    text = " ".join([l.get("description") or "" for l in row.get("lines") or []])
    return sorted(c for c in text if c in SPECIAL)


def vendors(language):
    return ("vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required,language\n"
            "V-MU,%s,,EUR,30,Expenses:Tools,false,%s\n" % (VENDOR, language))


try:
    spec = {"language": "en", "vendor": VENDOR, "number_format": "de", "currency": "EUR",
            "vendor_address": ["Industriestraße 14", "70565 Stuttgart"],
            "date_format": "d_month_y", "invoice_number": "MU-2026-0418",
            "invoice_date": "2026-03-02", "layout": 0,
            "lines": [{"description": d, "quantity": "%d" % (i + 2), "unit_price": "12.50"}
                      for i, d in enumerate(DESCS)]}
    png, truth = gen(spec, "english-from-germany")
    t.eq(h.run("init").returncode, 0, "init")

    def extract(label):
        rc, rows, err = h.json("extract", png)
        row = rows[0] if rows else {}
        t.eq(rc, 0, "%s: extract succeeds" % label, err[-800:])
        for f in ("invoice_number", "invoice_date", "total"):
            t.eq(row.get(f), truth[f], "%s: %s" % (label, f))
        return row

    # The vendor known, no language: read in English, as its words are.
    p = h.run("import", "vendors", h.write("v1.csv", vendors("")))
    t.eq(p.returncode, 0, "import the vendor without a language", p.stderr)
    first = extract("no language in the master")
    t.eq(first.get("vendor_id"), "V-MU", "no language: the vendor is known")
    t.eq(first.get("ocr_language"), "eng", "no language: read in English (its words are English)")

    # The master says German: read again in German.
    p = h.run("import", "vendors", h.write("v2.csv", vendors("de")))
    t.eq(p.returncode, 0, "import the vendor with language de", p.stderr)
    second = extract("language de in the master")
    t.eq(second.get("vendor_id"), "V-MU", "language de: the vendor is known")
    t.eq(second.get("ocr_language"), "deu", "language de: read again in German")
    t.ok(len(specials(second)) > len(specials(first)),
         "language de: more umlauts read right in the product names (%s > %s)" % (
             "".join(specials(second)), "".join(specials(first))),
         json.dumps(second.get("lines"), ensure_ascii=False))

    # A fixed list reads as it is told: no second reading, no language named.
    rc, rows, _ = h.json("--set", "ocr.language=eng", "extract", png)
    t.ok(rows and "ocr_language" not in rows[0], "ocr.language=eng: no language chosen",
         rows[0] if rows else None)
finally:
    h.cleanup()
t.done()
