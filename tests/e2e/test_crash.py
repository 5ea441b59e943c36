"""A crash (SIGKILL) in the middle of posting leaves no half entry: at fixed
failpoints (after the entry is written, before the commit) and at random
moments while a batch is processed; after a rerun every document is recorded
exactly once and every entry balances."""
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, gen, invoice_spec, check_ledger, BILLFLOW  # noqa: E402

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")
rng = random.Random(int(os.environ.get("SEED", "20261123")))

VENDORS = "vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required\n" \
          "V100,ACME Industrial Supplies Ltd,ACME,GBP,30,Expenses:Supplies,false\n"


try:
    h.run("init")
    h.run("import", "vendors", h.write("v.csv", VENDORS))
    files = []
    for i in range(12):
        spec = invoice_spec("INV-%d" % (500 + i), None, [("Item %d" % i, str(1 + i), "%d.25" % (3 + i))],
                            date="2026-%02d-%02d" % (1 + i % 12, 1 + 2 * i))
        files.append(gen(spec, h.dir, "doc%02d" % i)["pdf"])

    for point in ("after-entry", "before-commit"):
        p = h.run("process", files[0], env={"BILLFLOW_FAILPOINT": point})
        t.eq(p.returncode, -9, "killed at failpoint %s" % point)
        n = check_ledger(t, h, "after a kill at %s" % point)
        t.eq(n, 0, "nothing of the killed document was committed (%s)" % point)

    for round_ in range(12):
        env = dict(os.environ, BILLFLOW_HOME=h.home)
        proc = subprocess.Popen([BILLFLOW, "-q", "process"] + files, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.6))
        proc.kill()
        proc.wait()
        check_ledger(t, h, "random kill %d" % round_)

    rc, rows, err = h.json("process", *files)
    t.eq(rc, 0, "a rerun processes what is left")
    t.ok(all(r["status"] in ("posted", "duplicate_file") for r in rows), "every file is posted once", rows)
    n = check_ledger(t, h, "after the rerun")
    t.eq(n, len(files), "every document is recorded exactly once")
    rc, entries, _ = h.json("ledger")
    t.eq(len(entries), len(files), "one entry per invoice")
finally:
    h.cleanup()
t.done()
