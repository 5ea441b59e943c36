"""Accuracy on scans: a seeded set of generated invoices rendered as scans
of mixed quality (clean, good, poor), read by the real `billflow extract
--json`, scored field by field and line item by line item against the
generator's truth. Fails when all fields or the line items' F1 drop below
the floors measured (less a margin); raise them as extraction improves.
scripts/bench-extract.sh measures the same on more documents."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "extract-dev"))
from bftest import Tap, BILLFLOW, GEN  # noqa: E402
import score  # noqa: E402

SEED, COUNT = 2718, 24
# measured: fields 98.5%, line items F1 87.5% (seed 2718, 24 scans; 28 s CPU)
# since capture deskews by shears (05865a0); 99.5% and 94.3% before it;
# fields 98.5%, lines 94.2% since doubtful figures are re-read one by one;
# fields 98.0% (194/198), lines 96.2% since table grids are whitened before
# OCR (the field lost is an invoice number in a box the change leaves as it
# was: Tesseract segments the whole page anew; other seeds gained fields);
# fields 98.5% (195/198) with the scan-slip rules of extract (wt-fields)
FLOORS = {"all": 98.0, "lines_f1": 95.5}

t = Tap()
out = tempfile.mkdtemp(prefix="bf-scans-")
subprocess.run([GEN, "--random", str(SEED), "--count", str(COUNT), "--out-dir", out,
                "--formats", "png"], check=True, capture_output=True)
truth = [json.loads(l) for l in open(os.path.join(out, "truth.jsonl")) if l.strip()]
files = [os.path.join(out, d["file"]) for d in truth]
env = dict(os.environ, BILLFLOW_HOME=os.path.join(out, "no-home"))
p = subprocess.run([BILLFLOW, "--json", "extract"] + files, capture_output=True, text=True,
                   env=env, timeout=1800)
rows = [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]
t.eq(len({r["file"] for r in rows}), len(files), "one result per scan", p.stderr[-2000:])

tl = score.tally(truth, rows)
misses = ["%s %s: want %r got %r" % m for m in tl.misses if m[1] != "lines"]
for f, (ok, n) in sorted(tl.stats.items()):
    print("#   %-16s %3d/%3d %6.1f%%" % (f, ok, n, 100.0 * ok / n))
fields, f1 = tl.field_pct(), tl.lines_f1() or 0.0
print("#   %-16s %3d/%3d %6.1f%%" % (("all fields",) + tl.fields() + (fields,)))
print("#   %-16s %.1f%% (%d matched, %d truth, %d read)" % ("lines F1", f1, tl.lhit, tl.lwant, tl.lgot))
t.ok(fields >= FLOORS["all"], "scans: all fields %.1f%% >= floor %.1f%%" % (fields, FLOORS["all"]),
     "\n".join(misses))
t.ok(f1 >= FLOORS["lines_f1"], "scans: line items F1 %.1f%% >= floor %.1f%%" % (f1, FLOORS["lines_f1"]))
t.done()
