"""Pages in other scripts, through the real binary with ocr.language=auto
(the default): generated scans of Greek and Bulgarian invoices are read in
Greek and in Bulgarian (`ocr_language` ell, bul: the English model's reading
of their letterhead tells the script, which the letterhead's reading in each
script confirms) and their number, date and total come out right; an English
and a German scan are read in English and in German, never in another
script. gen-invoice's dev split (no held-out vendors or wordings), a fixed
seed."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, GEN  # noqa: E402

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")

# language -> the model auto should read it in
WANT = {"el": "ell", "bg": "bul", "en": "eng", "de": "deu"}
FIELDS = ("invoice_number", "invoice_date", "total")

try:
    t.eq(h.run("init").returncode, 0, "init")
    for lang, model in WANT.items():
        out = h.path("gen-" + lang)
        subprocess.run([GEN, "--random", "31", "--count", "2", "--out-dir", out,
                        "--formats", "png", "--language", lang, "--split", "dev"],
                       capture_output=True, text=True, check=True)
        with open(os.path.join(out, "truth.jsonl"), encoding="utf-8") as f:
            truths = [json.loads(line) for line in f if line.strip()]
        for truth in truths:
            png = os.path.join(out, truth["file"].replace(".pdf", ".png"))
            rc, rows, err = h.json("extract", png)
            row = rows[0] if rows else {}
            what = "%s %s" % (lang, os.path.basename(png))
            t.eq(rc, 0, "%s: extract succeeds" % what, err[-800:])
            # English pages need no second language: their reading names none.
            t.eq(row.get("ocr_language", "eng"), model, "%s: read in %s" % (what, model))
            right = [f for f in FIELDS if row.get(f) == truth.get(f)]
            t.ok(len(right) >= 2, "%s: at least two of %s right (%s)" % (what, "/".join(FIELDS),
                                                                         ", ".join(right)),
                 json.dumps({f: [row.get(f), truth.get(f)] for f in FIELDS}, ensure_ascii=False))
finally:
    h.cleanup()
t.done()
