"""Regression over the shared development corpus: runs the real
`billflow extract --json` on every document, prints per-field accuracy and
fails when any figure drops below its floor in corpus-floors.json (raise the
floors as extraction improves). Skips when ../shared/corpus is absent."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "extract-dev"))
from bftest import Tap, BILLFLOW, SRCDIR  # noqa: E402
import score  # noqa: E402

t = Tap()
corpus = os.environ.get("BILLFLOW_CORPUS",
                        os.path.join(SRCDIR, "..", "shared", "corpus"))
if not os.path.isdir(corpus):
    t.skip_all("no development corpus at %s" % corpus)
floors = json.load(open(os.path.join(os.path.dirname(__file__), "corpus-floors.json")))

for folder in sorted(floors):
    base = os.path.join(corpus, folder)
    if not os.path.isdir(base):
        t.ok(False, "%s: corpus folder present" % folder)
        continue
    truth = [json.loads(l) for l in open(os.path.join(base, "truth.jsonl")) if l.strip()]
    files = [os.path.join(base, d["file"]) for d in truth]
    env = dict(os.environ, BILLFLOW_HOME=os.path.join(base, "no-such-home"))
    p = subprocess.run([BILLFLOW, "--json", "extract"] + files, capture_output=True, text=True,
                       env=env, timeout=1800)
    rows = [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]
    t.eq(len({r["file"] for r in rows}), len(files), "%s: one result per file" % folder,
         "exit %d; stderr tail:\n%s" % (p.returncode, p.stderr[-3000:]))
    tl = score.tally(truth, rows)
    stats = tl.stats
    if os.environ.get("VERBOSE"):
        for k, f, want, got in tl.misses:
            if f != "lines":
                print("# %s %s: want %r got %r" % (folder, f, want, got))
    elapsed = sum(o.get("elapsed_ms", 0) for o in rows)
    all_ok, all_n = tl.fields()
    print("# %s: %d documents, %.0f ms/document" % (folder, len(files), elapsed / max(1, len(files))))
    for f, (ok, n) in sorted(stats.items()):
        print("#   %-16s %3d/%3d %6.1f%%" % (f, ok, n, 100.0 * ok / n))
    if tl.lwant:
        print("#   %-16s %.1f%%" % ("lines F1", tl.lines_f1()))
    print("#   %-16s %3d/%3d %6.1f%%" % ("all labelled", all_ok, all_n, tl.field_pct()))
    for f, floor in sorted(floors[folder].items()):
        if f == "all":
            got = tl.field_pct()
        elif f == "lines_f1":
            got = tl.lines_f1() or 0.0
        elif f in stats:
            got = 100.0 * stats[f][0] / stats[f][1]
        else:
            continue
        t.ok(got >= floor, "%s: %s %.1f%% >= floor %.1f%%" % (folder, f, got, floor))
t.done()
