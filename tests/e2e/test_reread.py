"""Re-reading a scan's doubtful figures cell by cell: the generated scan 3
of seed 4242 (rendered with its PDF, as scripts/bench-extract.sh makes it)
is read by the whole page's OCR with its first line's amount 27,217.50 as
'21,244.50' and its seventh line's 2,599.53 as '27,599).' '53', so the
lines neither agree nor add up to the subtotal. Read again one figure at a
time, in black and white, they do: the extraction must give the printed
figures."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, BILLFLOW, GEN  # noqa: E402

t = Tap()
out = tempfile.mkdtemp(prefix="bf-reread-")
subprocess.run([GEN, "--random", "4242", "--count", "3", "--out-dir", out,
                "--formats", "pdf,png"], check=True, capture_output=True)
truth = {json.loads(l)["file"]: json.loads(l)
         for l in open(os.path.join(out, "truth.jsonl")) if l.strip()}
want = truth["0003.png"]
env = dict(os.environ, BILLFLOW_HOME=os.path.join(out, "no-home"))
p = subprocess.run([BILLFLOW, "--json", "extract", os.path.join(out, "0003.png")],
                   capture_output=True, text=True, env=env, timeout=600)
got = json.loads([l for l in p.stdout.splitlines() if l.startswith("{")][0])
lines = got.get("lines") or []
t.eq(len(lines), len(want["lines"]), "all line items read", p.stderr[-2000:])
t.eq(want["lines"][0]["amount"], "27217.50", "the generator still prints line 1 as tested")
if len(lines) >= 7:
    t.eq(lines[0].get("amount"), "27217.50", "line 1's amount as printed, not '21244.50'")
    t.eq(lines[0].get("quantity"), "28.5", "line 1's quantity")
    t.eq(lines[6].get("amount"), "2599.53", "line 7's amount as printed")
    t.eq(lines[6].get("quantity"), "36.5", "line 7's quantity, lost in the first reading")
total = sum(int(round(float(l["amount"]) * 100)) for l in lines if l.get("amount"))
t.eq(total, int(round(float(want["subtotal"]) * 100)), "the lines add up to the subtotal")
t.done()
