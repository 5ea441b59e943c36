"""Phone photos and documents in other languages, through the real
`billflow extract --json`:
- a generated invoice, photographed by scripts/photoize.py (on a darker
  textured table, in perspective, under uneven light, ~12 Mpx JPEG; once
  upright, once taken sideways, once upside down: read before OSD is asked,
  reading badly, turned and read again), is read with its total and date
  right;
- a Latvian shop receipt gen-invoice prints and photographs (--layout
  receipt --formats photo, the first of the dev split's seed 101) is read
  with its vendor (SIA "..."), total, tax, receipt number and date right:
  Tesseract's own page layout dropped its column of amounts as not text
  (total, tax and number lost), so it is read again as one column;
- with ocr.language=auto (the default) a German and a French invoice are
  read in their own language: their fields are right, and words with
  letters the English model does not have (ö, ß, è, à, ç) come back
  spelled right, which they cannot with ocr.language=eng."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, BILLFLOW, GEN, SRCDIR  # noqa: E402

t = Tap()
out = tempfile.mkdtemp(prefix="bf-photo-")
env = dict(os.environ, BILLFLOW_HOME=os.path.join(out, "no-home"))


def extract(files, *opts):
    p = subprocess.run([BILLFLOW, "--json"] + list(opts) + ["extract"] + files,
                       capture_output=True, text=True, env=env, timeout=900)
    rows = {r["file"]: r for r in map(json.loads, p.stdout.splitlines()) if "file" in r}
    return rows, p.stderr


def gen(spec, name, quality="good"):
    sp = os.path.join(out, name + ".json")
    with open(sp, "w") as f:
        json.dump(spec, f, ensure_ascii=False)
    png = os.path.join(out, name + ".png")
    p = subprocess.run([GEN, "--spec", sp, "--png", png, "--scan-quality", quality,
                        "--seed", "5"], capture_output=True, text=True, check=True)
    return png, json.loads(p.stdout.splitlines()[0])


def pil_python():
    """A python3 that has PIL (python3-pil): this one, else Debian's."""
    for py in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(py) and subprocess.run([py, "-c", "import PIL"],
                                                 capture_output=True).returncode == 0:
            return py
    return None


# --- photos
py = pil_python()
if not py:
    t.skip("photo-like images", "python3-pil not installed (scripts/install-deps.sh --test)")
else:
    png, truth = gen({"invoice_number": "PH-4471", "invoice_date": "2026-10-14",
                      "date_format": "dmy_dot", "number_format": "de", "language": "en",
                      "layout": 0}, "photo-src")
    photos = []
    for turn in (0, 90, 180):
        jpg = os.path.join(out, "photo-%d.jpg" % turn)
        subprocess.run([py, os.path.join(SRCDIR, "scripts", "photoize.py"), "--seed",
                        str(11 + turn), "--turn", str(turn), png, jpg],
                       check=True, capture_output=True)
        photos.append(jpg)
    rows, err = extract(photos)
    for jpg in photos:
        r = rows.get(jpg, {})
        t.eq(r.get("total"), truth["total"], "photo %s: total" % os.path.basename(jpg), err[-800:])
        t.eq(r.get("invoice_date"), truth["invoice_date"],
             "photo %s: invoice date" % os.path.basename(jpg))


# --- a Latvian receipt, printed and photographed by gen-invoice itself (needs no PIL)
rdir = os.path.join(out, "receipt-lv")
subprocess.run([GEN, "--out-dir", rdir, "--random", "101", "--count", "1", "--split", "dev",
                "--language", "lv", "--layout", "receipt", "--scan-quality", "clean",
                "--formats", "photo"], capture_output=True, check=True)
with open(os.path.join(rdir, "truth.jsonl")) as f:
    rtruth = json.loads(f.readline())
jpg = os.path.join(rdir, rtruth["file"])
rows, err = extract([jpg])
r = rows.get(jpg, {})
for f in ("vendor", "total", "tax", "invoice_number", "invoice_date"):
    t.eq(r.get(f), rtruth[f], "Latvian receipt photo: %s" % f, err[-800:])

# --- languages
LANGS = {
    "de": ("Müller Präzisionswerkzeuge GmbH",
           ["Schlüssel für Türschlösser", "Größere Dübel aus Stahl", "Gemüsemesser, Grün"],
           "äöüßÄÖÜ"),
    "fr": ("Société Française d'Équipement SARL",
           ["Crème à récurer, bidon", "Pièces détachées à façon", "Câble fléché très résistant"],
           "àèçêâûùîôÉÈÀ"),
}
for lang, (vendor, descs, special) in LANGS.items():
    spec = {"language": lang, "vendor": vendor, "number_format": lang,
            "date_format": "d_month_y", "invoice_number": "R-%s-118" % lang.upper(),
            "invoice_date": "2026-03-02", "layout": 0,
            "lines": [{"description": d, "quantity": "%d" % (i + 2), "unit_price": "12.50"}
                      for i, d in enumerate(descs)]}
    png, truth = gen(spec, "lang-" + lang)
    auto, err = extract([png])
    eng, _ = extract([png], "--set", "ocr.language=eng")
    r, e = auto.get(png, {}), eng.get(png, {})
    for f in ("invoice_number", "invoice_date", "total", "tax"):
        t.eq(r.get(f), truth[f], "%s invoice, ocr.language=auto: %s" % (lang, f), err[-800:])

    def specials(row):
        text = " ".join([row.get("vendor") or ""] +
                        [l.get("description") or "" for l in row.get("lines") or []])
        return sorted({c for c in text if c in special})

    t.ok(len(specials(r)) >= 2, "%s invoice, auto: read with the %s model (%s)" % (
        lang, lang, "".join(specials(r))), json.dumps(r, ensure_ascii=False)[:1500])
    t.ok(len(specials(e)) < len(specials(r)),
         "%s invoice: the English model alone reads fewer of those letters (%s < %s)" % (
             lang, "".join(specials(e)), "".join(specials(r))))
t.done()
