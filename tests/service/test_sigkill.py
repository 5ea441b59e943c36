"""SIGKILL at random points: `billflow run` drains a folder of 20 documents
(4 of them scans) and is killed with SIGKILL 20 times over, a random delay
after it claims its first file, restarted each time (with copies of earlier documents dropped in again, so there is
always work to be killed in); then `run --once` finishes. Every document is
recorded exactly once (sha256s compared), nothing is in failed/, and the
inbox and the work folder are empty."""
import os
import random
import shutil
import signal
import time

from svctest import Tap, Home, Service, make_pdfs, files_under, db_shas, status, sha256

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")
seed = int(os.environ.get("SEED", str(int(time.time()))))
rng = random.Random(seed)
print("# random seed %d (SEED=%d to repeat)" % (seed, seed))

try:
    # Sixteen born-digital PDFs (milliseconds each; copies of one already
    # recorded take about half a millisecond) and four scans, whose OCR takes
    # long enough that most kills land inside work in progress.
    pdfs = make_pdfs(h, 16, seed=21) + make_pdfs(h, 4, seed=22, formats="png")
    want = sorted(sha256(p) for p in pdfs)
    t.eq(len(set(want)), 20, "twenty distinct documents")
    p = h.run("init")
    t.eq(p.returncode, 0, "init")
    inbox = os.path.join(h.home, "inbox")
    work = os.path.join(h.home, "work")
    for i, p in enumerate(pdfs):
        shutil.copy(p, os.path.join(inbox, "doc-%02d%s" % (i, os.path.splitext(p)[1])))

    killed_busy = 0
    for it in range(20):
        if it:
            # Earlier documents again: the same bytes must stay one document.
            for k in range(8):
                src = rng.choice(pdfs)
                shutil.copy(src, os.path.join(inbox, "again-%02d-%d%s" % (it, k, os.path.splitext(src)[1])))
        waiting = len(files_under(inbox))
        svc = Service(h, "run", "--set", "ocr.workers=%d" % rng.choice((1, 2)))
        # Born-digital PDFs take milliseconds each, and how long the service
        # takes to start differs from machine to machine: the clock for the
        # kill starts when the service claims its first file, not at launch.
        end = time.time() + 10
        while (time.time() < end and svc.p.poll() is None and not files_under(work)
               and len(files_under(inbox)) >= waiting):
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.05) if rng.random() < 0.6 else rng.uniform(0.05, 1.5))
        svc.stop(signal.SIGKILL)
        # Killed mid-drain: something was still waiting in the inbox or the work folder.
        killed_busy += bool(files_under(inbox) or files_under(work))
        shas = db_shas(h)
        if len(shas) != len(set(shas)):
            t.ok(False, "iteration %d: a document was recorded twice" % it, shas)
            break
    print("# killed mid-drain %d times of 20" % killed_busy)
    t.ok(killed_busy >= 3, "the kills hit documents in progress (%d of 20)" % killed_busy)

    p = h.run("run", "--once", timeout=600)
    t.eq(p.returncode, 0, "run --once after the kills exits 0")
    got = db_shas(h)
    t.eq(len(got), 20, "exactly 20 documents recorded")
    t.eq(sorted(got), want, "each document recorded exactly once (sha256)")
    st = status(h)
    t.eq(st.get("documents"), 20, "status --json counts 20 documents")
    t.eq(files_under(inbox), [], "the inbox is empty")
    t.eq(os.listdir(work), [], "the work folder is empty")
    t.eq(os.listdir(os.path.join(h.home, "failed")), [], "nothing in failed/")
    t.ok(all(os.path.exists(os.path.join(h.home, "archive", s[:2], s[2:])) for s in want),
         "every original is in the archive")
finally:
    h.cleanup()
t.done()
