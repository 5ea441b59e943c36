"""Tests of the oracle itself: gen-invoice writes a document in every
language and every layout, its truth adds up (lines sum to the subtotal,
subtotal + tax = total, quantity x price rounds to the amount), the PDF's
text layer (pdftotext) prints the truth's invoice number and total as the
truth says they are printed, the printed total's digits are the truth's,
every IBAN printed passes ISO 13616's check, and the scan formats are what
their names say (the image-only PDF carries no text; a photo is a 12 Mpx
JPEG, the same from the same seed)."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal, ROUND_HALF_UP

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from bftest import Tap, GEN  # noqa: E402

LANGS = ("bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv "
         "no nb is de-CH fr-CH it-CH").split()

t = Tap()
if not shutil.which("pdftotext"):
    t.skip_all("pdftotext (poppler-utils) is not installed")
out = tempfile.mkdtemp(prefix="bf-gen-")
ibans = []


def gen(name, *args):
    d = os.path.join(out, name)
    p = subprocess.run([GEN, "--random", "11", "--out-dir", d] + list(args),
                       capture_output=True, text=True)
    t.eq(p.returncode, 0, "gen-invoice %s" % " ".join(args), p.stderr)
    return d, [json.loads(line) for line in open(os.path.join(d, "truth.jsonl")) if line.strip()]


def text_of(path):
    p = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True)
    return " ".join(p.stdout.split())


def iban_ok(s):
    s = s.replace(" ", "")
    n = int("".join(str(int(c, 36)) for c in s[4:] + s[:4]))
    return n % 97 == 1


def check(d, rec, what, lines_sum=True):
    bad = []
    lines = rec["lines"]
    sub, tax, total = (Decimal(rec[k]) for k in ("subtotal", "tax", "total"))
    if sub + tax != total:
        bad.append("subtotal %s + tax %s != total %s" % (sub, tax, total))
    if lines_sum and sum(Decimal(li["amount"]) for li in lines) != sub:
        bad.append("lines do not sum to the subtotal")
    exp = Decimal(1).scaleb(-len(rec["total"].partition(".")[2]))
    for li in lines:
        want = (Decimal(li["quantity"]) * Decimal(li["unit_price"])).quantize(exp, ROUND_HALF_UP)
        if want != Decimal(li["amount"]):
            bad.append("line %r: %s x %s != %s" % (li["description"], li["quantity"],
                                                    li["unit_price"], li["amount"]))
    if rec["due_date"] and rec["due_date"] < rec["invoice_date"]:
        bad.append("due before issue")
    printed = rec["printed"]
    if re.sub(r"\D", "", printed["total"]).lstrip("0") != re.sub(r"\D", "", rec["total"]).lstrip("0"):
        bad.append("printed total %r is not %s" % (printed["total"], rec["total"]))
    text = text_of(os.path.join(d, rec["file"]))
    for key in ("invoice_number", "total"):
        if " ".join(printed[key].split()) not in text:
            bad.append("%s %r not in the text layer" % (key, printed[key]))
    # IBANs are printed in groups of four.
    for m in re.finditer(r"\b([A-Z]{2}\d{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)\b", text):
        ibans.append(m.group(1))
        if not iban_ok(m.group(1)):
            bad.append("IBAN %s fails its check" % m.group(1))
    t.ok(not bad, what, "\n".join(bad))


for lang in LANGS:
    d, recs = gen("lang-" + lang, "--count", "2", "--language", lang, "--formats", "pdf")
    base = lang.split("-")[0].replace("nb", "no")
    t.ok(all(r["language"] == base for r in recs), "%s: truth says language %s" % (lang, base),
         str([r["language"] for r in recs]))
    if "-" in lang:
        t.ok(all(r["locale"] == lang for r in recs), "%s: truth says the locale" % lang)
    for r in recs:
        check(d, r, "%s %s (%s): truth adds up, the text layer prints it" % (lang, r["file"], r["layout_name"]))

n_layouts = 0
while True:
    p = subprocess.run([GEN, "--random", "1", "--count", "1", "--layout", str(n_layouts),
                        "--out-dir", os.path.join(out, "probe")], capture_output=True, text=True)
    if p.returncode != 0:
        break
    n_layouts += 1
t.ok(n_layouts >= 17, "at least 17 layouts (%d)" % n_layouts)
for k in range(n_layouts):
    d, recs = gen("layout-%d" % k, "--count", "3", "--layout", str(k), "--formats", "pdf")
    for r in recs:
        t.eq(r["layout"], k, "layout %d: truth says so" % k)
        check(d, r, "layout %d %s %s (%s)" % (k, r["layout_name"], r["file"], r["locale"]))

# The scan formats, one document in each.
d, recs = gen("formats", "--count", "1", "--language", "el", "--layout", "receipt",
              "--formats", "pdf,png,tif,jpg,scanpdf", "--scan-quality", "poor")
files = {os.path.splitext(r["file"])[1] + ("-scan" if "-scan" in r["file"] else ""): r for r in recs}
magic = {".png": b"\x89PNG", ".tif": b"II*\x00", ".jpg": b"\xff\xd8\xff", ".pdf-scan": b"%PDF"}
for ext, m in magic.items():
    r = files.get(ext)
    t.ok(r is not None and open(os.path.join(d, r["file"]), "rb").read(len(m)) == m,
         "format %s: written, with its signature" % ext)
    if r:
        t.eq(r["scan_quality"], "poor", "format %s: truth says the scan quality" % ext)
t.eq(re.sub(r"\W", "", text_of(os.path.join(d, files[".pdf-scan"]["file"]))), "",
     "the image-only PDF has no text layer")
check(d, files[".pdf"], "the receipt's PDF prints its truth")
t.eq(files[".pdf"]["kind"], "receipt", "the receipt's truth says kind receipt")


def jpeg_size(path):
    """(width, height) from a JPEG's start-of-frame marker; None if none."""
    b = open(path, "rb").read()
    i = 2
    while i + 9 < len(b) and b[i] == 0xFF:
        marker, n = b[i + 1], int.from_bytes(b[i + 2:i + 4], "big")
        if 0xC0 <= marker <= 0xC3:
            return int.from_bytes(b[i + 7:i + 9], "big"), int.from_bytes(b[i + 5:i + 7], "big")
        i += 2 + n
    return None


# Phone photos: a 12 Mpx JPEG each (3:4, portrait or held sideways), its
# truth the page's, the same bytes from the same seed.
d, recs = gen("photo", "--count", "4", "--language", "lv", "--layout", "receipt",
              "--formats", "png,photo", "--scan-quality", "clean")
photos = [r for r in recs if r["file"].endswith("-photo.jpg")]
t.eq(len(photos), 4, "format photo: NNNN-photo.jpg for each document")
for r in photos:
    size = jpeg_size(os.path.join(d, r["file"]))
    t.ok(size in ((3000, 4000), (4000, 3000)), "format photo %s: 12 Mpx, 3:4 (%s)" % (r["file"], size))
    scan = [x for x in recs if x["file"] == r["file"].replace("-photo.jpg", ".png")]
    t.ok(scan and dict(scan[0], file=r["file"]) == r, "format photo %s: the page's truth" % r["file"])
d2, _ = gen("photo-again", "--count", "4", "--language", "lv", "--layout", "receipt",
            "--formats", "photo", "--scan-quality", "clean")
t.ok(all(open(os.path.join(d, r["file"]), "rb").read() == open(os.path.join(d2, r["file"]), "rb").read()
         for r in photos), "format photo: the same seed gives the same bytes")

# A Swiss spec: CHF, apostrophe thousands, the country's defaults.
spec = os.path.join(out, "ch.json")
with open(spec, "w") as f:
    json.dump({"language": "de-CH", "lines": [{"description": "Beratung", "quantity": "12",
                                               "unit_price": "1250.00"}], "tax_rate": "8.1"}, f)
p = subprocess.run([GEN, "--spec", spec, "--pdf", os.path.join(out, "ch.pdf")],
                   capture_output=True, text=True)
t.eq(p.returncode, 0, "spec de-CH", p.stderr)
rec = json.loads(p.stdout.splitlines()[0])
t.ok(rec["currency"] == "CHF" and rec["country"] == "CH" and "16'215.00" in rec["printed"]["total"],
     "spec de-CH: CHF, 15'000.00 + 8.1% printed as 16'215.00", p.stdout)
check(out, dict(rec, file="ch.pdf"), "spec de-CH: truth adds up, the text layer prints it")
# --split: validation documents come from vendors development never sees.
_, dev = gen("split-dev", "--count", "40", "--split", "dev", "--formats", "pdf")
_, val = gen("split-val", "--count", "40", "--split", "val", "--formats", "pdf")
common = {r["vendor"] for r in dev} & {r["vendor"] for r in val}
t.ok(not common, "--split: no vendor in both dev and val", str(common))
t.ok(all(r["split"] == "dev" for r in dev) and all(r["split"] == "val" for r in val),
     "--split: truth says the split")
t.ok(not {r["layout_name"] for r in dev} & {"two-column-header", "leaders"},
     "--split dev: the held-out layouts stay out")

# --totals rich: a real amount block; the truth stays net, tax and gross.
d, rich = gen("rich", "--count", "30", "--totals", "rich", "--language", "de,en,fr,nl,es,it",
              "--formats", "pdf")
off_lines = 0
for rec in rich:
    check(d, rec, "--totals rich %s %s: truth adds up, the text layer prints it" % (rec["language"], rec["file"]),
          lines_sum=False)
    # numbers as digits alone: "1 234,56", "1.234,56" and "1'234.56" are 123456
    layout = subprocess.run(["pdftotext", "-layout", os.path.join(d, rec["file"]), "-"],
                            capture_output=True, text=True).stdout
    digits = {re.sub(r"\D", "", m).lstrip("0") for m in
              re.findall(r"\d{1,3}(?:[ \u00a0\u202f'.,]\d{3})*(?:[.,]\d{1,2})?(?!\d)", layout)}
    if rec["layout_name"] not in ("letter", "receipt"):
        t.ok(re.sub(r"\D", "", rec["subtotal"]).lstrip("0") in digits and "subtotal" in rec["labelled_fields"],
             "--totals rich %s: the net total is printed and labelled" % rec["file"])
        off_lines += sum(Decimal(li["amount"]) for li in rec["lines"]) != Decimal(rec["subtotal"])
t.ok(off_lines >= 3, "--totals rich: allowances or charges part the net from the lines (%d)" % off_lines)

t.ok(len(ibans) >= 20, "IBANs were found and checked (%d)" % len(ibans))
t.done()
