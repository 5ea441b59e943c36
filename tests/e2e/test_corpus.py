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
    out = {}
    for line in p.stdout.splitlines():
        if line.startswith("{"):
            d = json.loads(line)
            out[os.path.abspath(d["file"])] = d
    t.eq(len(out), len(files), "%s: one result per file" % folder,
         "exit %d; stderr tail:\n%s" % (p.returncode, p.stderr[-3000:]))
    stats = {}
    lhit = lwant = lgot = 0
    elapsed = 0
    for d, path in zip(truth, files):
        o = out.get(os.path.abspath(path), {})
        elapsed += o.get("elapsed_ms", 0)
        for f in d.get("labelled_fields", []):
            if f == "lines":
                _, h, w, g = score.lines_f1(d.get("lines") or [], o.get("lines") or [])
                lhit, lwant, lgot = lhit + h, lwant + w, lgot + g
                continue
            if f not in score.FIELDS:
                continue
            ok = score.same(f, d.get(f), o.get(score.FIELDS[f]))
            s = stats.setdefault(f, [0, 0])
            s[0] += ok
            s[1] += 1
            if not ok and os.environ.get("VERBOSE"):
                print("# %s %s: want %r got %r" % (folder, f, d.get(f), o.get(score.FIELDS[f])))
    all_ok = sum(s[0] for s in stats.values())
    all_n = sum(s[1] for s in stats.values())
    print("# %s: %d documents, %.0f ms/document" % (folder, len(files), elapsed / max(1, len(files))))
    for f, (ok, n) in sorted(stats.items()):
        print("#   %-16s %3d/%3d %6.1f%%" % (f, ok, n, 100.0 * ok / n))
    if lwant:
        print("#   %-16s %.1f%%" % ("lines F1", 100.0 * 2 * lhit / (lwant + lgot)))
    print("#   %-16s %3d/%3d %6.1f%%" % ("all labelled", all_ok, all_n, 100.0 * all_ok / max(1, all_n)))
    for f, floor in sorted(floors[folder].items()):
        if f == "all":
            got = 100.0 * all_ok / max(1, all_n)
        elif f == "lines_f1":
            got = 100.0 * 2 * lhit / max(1, lwant + lgot)
        elif f in stats:
            got = 100.0 * stats[f][0] / stats[f][1]
        else:
            continue
        t.ok(got >= floor, "%s: %s %.1f%% >= floor %.1f%%" % (folder, f, got, floor))
t.done()
