"""Calibration regression: the required fields' confidences must mean what
min_confidence (0.80) assumes. Over a seeded generated set (PDFs and scans)
and the dev corpus when present, with a vendor master built from the truth
(as `process` sees it): no wrong vendor, invoice number, invoice date or
total may reach 0.80 (at most SCAN_WRONG_MAX on scans, OCR misreads a digit
now and then), and the share of correct ones at >= 0.80 must stay above the
measured floors. scripts/calibration.py prints the full tables."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, BILLFLOW, GEN, SRCDIR  # noqa: E402
sys.path.insert(0, os.path.join(SRCDIR, "scripts"))
import calibration  # noqa: E402

SEED, COUNT = 31337, 15
SCAN_WRONG_MAX = 1
# measured share of correct required fields at >= 0.80, less a margin.
# invoice2data 80.0% (16/20): a born-digital total printed alone (no
# subtotal or tax to vouch for it) is calibrated on the totals nothing
# vouched for (extract/calibration.table), where a raw 0.82 is 65% right;
# the other three under 0.80 are the finders' own scores
FLOORS = {"generated-pdf": 0.95, "generated-png": 0.85,
          "invoice2data": 0.75, "parsee_invoices": 0.90, "sroie_trainval": 0.50}
CORPUS_WRONG_MAX = {"sroie_trainval": 3}  # thermal receipts: misread or mislabelled

t = Tap()


def judge_set(name, base, truth):
    home = calibration.make_home(BILLFLOW, truth)
    files = [os.path.join(base, d["file"]) for d in truth]
    p = subprocess.run([BILLFLOW, "--json", "--home", home, "extract"] + files,
                       capture_output=True, text=True, timeout=1800)
    out = {}
    for line in p.stdout.splitlines():
        if line.startswith("{"):
            d = json.loads(line)
            out[os.path.abspath(d["file"])] = d
    t.eq(len(out), len(files), "%s: one result per file" % name, p.stderr[-2000:])
    rows = []
    for d, f in zip(truth, files):
        rows += [(d["file"],) + r for r in calibration.judge(d, out.get(os.path.abspath(f), {}))]
    wrong = [r for r in rows if r[3] == "wrong" and r[2] >= calibration.THRESHOLD]
    correct = [r for r in rows if r[3] == "correct"]
    sure = [r for r in correct if r[2] >= calibration.THRESHOLD]
    share = len(sure) / max(1, len(correct))
    print("# %s: %d wrong at >= 0.80; %d of %d correct at >= 0.80 (%.1f%%)"
          % (name, len(wrong), len(sure), len(correct), 100 * share))
    bound = SCAN_WRONG_MAX if name == "generated-png" else CORPUS_WRONG_MAX.get(name, 0)
    t.ok(len(wrong) <= bound, "%s: wrong required fields passing min_confidence <= %d" % (name, bound),
         "\n".join("%s %s %.2f: %r, truth %r" % (r[0], r[1], r[2], r[4], r[5]) for r in wrong))
    t.ok(share >= FLOORS[name], "%s: correct fields at >= 0.80 %.1f%% >= %.0f%%"
         % (name, 100 * share, 100 * FLOORS[name]))


out = tempfile.mkdtemp(prefix="bf-calibration-")
subprocess.run([GEN, "--random", str(SEED), "--count", str(COUNT), "--out-dir", out,
                "--formats", "pdf,png"], check=True, capture_output=True)
truth = [json.loads(l) for l in open(os.path.join(out, "truth.jsonl")) if l.strip()]
for kind in ("pdf", "png"):
    judge_set("generated-" + kind, out, [d for d in truth if d["file"].endswith(kind)])

corpus = os.environ.get("BILLFLOW_CORPUS", os.path.join(SRCDIR, "..", "shared", "corpus"))
if os.path.isdir(corpus):
    for name in sorted(FLOORS):
        tp = os.path.join(corpus, name, "truth.jsonl")
        if name.startswith("generated") or not os.path.exists(tp):
            continue
        judge_set(name, os.path.join(corpus, name), [json.loads(l) for l in open(tp) if l.strip()])
else:
    print("# no development corpus at %s: generated set only" % corpus)
t.done()
