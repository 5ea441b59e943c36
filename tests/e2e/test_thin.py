"""Thin print read again thickened: the generated scan 11 of the rich dev
seed 515 (a French invoice set in a thin typewriter face, as
scripts/accuracy.py makes it). The whole page's first reading has its
words right and its figures wrong ('31519 UT' for 3'519.11, '2k6 397)' for
216.97, 'CHF 3/5. 93)' for CHF 3'757.93; '5e. OS)' for 1'756.05 in the
table), so the totals and five of the seven line items were lost. Its
strokes are thin (a median ink run of 2 px at a text height of 20) and a
quarter of its figures doubtful: the page is read again with the strokes
thickened and that reading kept. The extraction must give the printed
subtotal, tax and total, and every line item's quantity, unit price and
amount."""
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, BILLFLOW, GEN  # noqa: E402

t = Tap()
out = tempfile.mkdtemp(prefix="bf-thin-")
subprocess.run([GEN, "--random", "515", "--count", "11", "--out-dir", out,
                "--formats", "pdf,png", "--totals", "rich", "--language", "en,de,fr,nl,es,it",
                "--split", "dev"], check=True, capture_output=True)
truth = {json.loads(l)["file"]: json.loads(l)
         for l in open(os.path.join(out, "truth.jsonl")) if l.strip()}
want = truth["0011.png"]
t.eq(want["total"], "3757.93", "the generator still prints the invoice as tested")
env = dict(os.environ, BILLFLOW_HOME=os.path.join(out, "no-home"))
p = subprocess.run([BILLFLOW, "--json", "extract", os.path.join(out, "0011.png")],
                   capture_output=True, text=True, env=env, timeout=600)
got = json.loads([l for l in p.stdout.splitlines() if l.startswith("{")][0])
for field in ("subtotal", "tax", "total"):
    t.eq(got.get(field), want[field], "%s as printed" % field, p.stderr[-2000:])


def figures(line):
    return tuple(Decimal(str(line[k])) if line.get(k) is not None else None
                 for k in ("quantity", "unit_price", "amount"))


lines = got.get("lines") or []
t.eq(len(lines), len(want["lines"]), "one line item per printed row")
for i, w in enumerate(want["lines"]):
    g = lines[i] if i < len(lines) else {}
    t.eq(figures(g), figures(w), "line %d: quantity, unit price and amount as printed" % (i + 1))
t.done()
