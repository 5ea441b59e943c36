"""Regression over the shared corpus, on documents nobody tuned on: runs the
real `billflow extract --json` on the validation fold (tests/extract-dev/
folds.py) of every corpus named in corpus-floors.json and fails when a figure
drops below its floor there. Floors are set at the val figure measured by
scripts/accuracy.py less about one document's worth (`scripts/accuracy.py
--suggest-floors` prints them); raise them as extraction improves, never to
fit a change that lowers val.

Born-digital corpora are cheap, so their dev fold is scored too and the
dev - val gap printed; the receipt corpora (OCR, slow) are scored on val only
here, their dev figures and gap are scripts/accuracy.py's. Skips when
../shared/corpus (or $BILLFLOW_CORPUS) is absent."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, BILLFLOW, SRCDIR  # noqa: E402
sys.path.insert(0, os.path.join(SRCDIR, "scripts"))
import accuracy  # noqa: E402

SCANS = (".jpg", ".jpeg", ".png", ".tif", ".tiff")

t = Tap()
corpus = accuracy.default_corpus(SRCDIR)
if not os.path.isdir(corpus):
    t.skip_all("no shared corpus at %s (set BILLFLOW_CORPUS to run this test)" % corpus)
floors = json.load(open(os.path.join(os.path.dirname(__file__), "corpus-floors.json")))
runner = accuracy.Runner(BILLFLOW, None, jobs=2, quiet=True)


def got_figure(fi, key):
    if key == "all":
        return fi.pct()
    if key == "lines_f1":
        return fi.line_f1()
    s = fi.fields.get(key)
    return 100.0 * s[0] / s[1] if s and s[1] else None


for name in sorted(k for k in floors if not k.startswith("_")):
    base = os.path.join(corpus, name)
    if not os.path.exists(os.path.join(base, "truth.jsonl")):
        t.ok(False, "%s: corpus folder present" % name)
        continue
    recs = accuracy.load_corpus(base)
    scans = all(r["file"].lower().endswith(SCANS) for r in recs)
    recs = [r for r in recs if r["fold"] == "val" or not scans]
    rows = runner.extract([os.path.join(base, r["file"]) for r in recs])
    t.eq(sum(1 for r in rows if "error" not in r), len(recs), "%s: every document read" % name,
         "\n".join("%s: %s" % (r["file"], r["error"]) for r in rows if "error" in r))
    docs = []
    for r, row in zip(recs, rows):
        d = accuracy.judge(r, row)
        d.update({"set": name, "file": r["file"], "fold": r["fold"]})
        docs.append(d)
    dv = accuracy.Figures([d for d in docs if d["fold"] == "dev"])
    vl = accuracy.Figures([d for d in docs if d["fold"] == "val"])
    if dv.n:
        print("# %s: dev %.1f%% (%d/%d, %d docs), val %.1f%% (%d/%d, %d docs), gap %+.1f"
              % (name, dv.pct(), dv.ok, dv.n, len(dv.docs), vl.pct(), vl.ok, vl.n, len(vl.docs),
                 dv.pct() - vl.pct()))
    else:
        print("# %s: val %.1f%% (%d/%d, %d docs); dev and gap: scripts/accuracy.py (OCR, slow)"
              % (name, vl.pct() or 0, vl.ok, vl.n, len(vl.docs)))
    print("#   val: %s%s; >= 0.80: %s" % (
        "  ".join("%s %d/%d" % (f, s[0], s[1]) for f, s in sorted(vl.fields.items())),
        "  lines F1 %.1f%%" % vl.line_f1() if vl.line_f1() is not None else "",
        "%d/%d right" % (vl.sure[1], vl.sure[0]) if vl.sure[0] else "none"))
    if os.environ.get("VERBOSE"):  # the dev fold's misses only: val is not read to tune
        for d in docs:
            for f, v in sorted(d["fields"].items()):
                if d["fold"] == "dev" and not v["ok"]:
                    print("#   dev miss %s %s: want %r got %r" % (d["file"], f, v["want"], v["got"]))
    for key, floor in sorted(floors[name].items()):
        got = got_figure(vl, key)
        t.ok(got is not None and got >= floor, "%s val: %s %s >= floor %.1f%%" % (
            name, key, "%.1f%%" % got if got is not None else "not measured", floor))
t.done()
