"""Several billflow commands at once on one store. On PostgreSQL
(`e2e-pg-race`) transactions are serialisable and one that loses a race to
another is run again, a few times, after a short random pause; on SQLite
writers wait their turn. Either way no command fails for having met another
(nothing says "try again"), and every result is there exactly once: four
`process` of different invoices, three `import vendors` of one file, three
`export`s (each entry in one file), three `reverse` of one entry (one
reversal; the others are told it is reversed already), three `bank
confirm` of one vendor's new IBAN (one confirms, the others find nothing
waiting) and three `pay export` of one approved run (one bank file, each
bill paid once; the others are told it was exported already)."""
import csv
import json
import os
import subprocess

from bftest import BILLFLOW, GEN, Tap, Home, vendors_csv

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")
RACE = ("at the same time", "try again")


def start(*args):
    env = dict(os.environ, BILLFLOW_HOME=h.home)
    return subprocess.Popen([BILLFLOW] + list(args), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def together(argvs, timeout=600):
    """Runs the commands at once; their (exit status, stdout, stderr)."""
    procs = [start(*a) for a in argvs]
    outs = [p.communicate(timeout=timeout) for p in procs]
    return [(p.returncode, o, e) for p, (o, e) in zip(procs, outs)]


def raced(results):
    return [e.strip()[:300] for _, _, e in results if any(w in e for w in RACE)]


try:
    gen_dir = h.path("gen")
    subprocess.run([GEN, "--random", "61", "--count", "16", "--out-dir", gen_dir, "--formats", "pdf"],
                   check=True, capture_output=True)
    pdfs = sorted(os.path.join(gen_dir, f) for f in os.listdir(gen_dir) if f.endswith(".pdf"))
    t.eq(len(pdfs), 16, "sixteen generated invoices")
    vendors = h.write("vendors.csv", vendors_csv([gen_dir]))
    t.eq(h.run("init").returncode, 0, "init")

    res = together([("import", "vendors", vendors)] * 3)
    t.eq([r[0] for r in res], [0, 0, 0], "three imports of one vendor file at once all succeed",
         [r[2] for r in res])
    t.eq(raced(res), [], "none of them says it met another")

    res = together([["--json", "process"] + pdfs[i::4] for i in range(4)])
    t.eq([r[0] for r in res], [0, 0, 0, 0], "four `process` at once all succeed", [r[2] for r in res])
    t.eq(raced(res), [], "none of them says it met another")
    lines = [json.loads(line) for _, o, _ in res for line in o.splitlines() if line.strip()]
    t.eq(sorted(d["status"] != "error" for d in lines), [True] * 16, "sixteen decisions, no error")
    ids = [d.get("document_id") for d in lines]
    t.ok(None not in ids and len(set(ids)) == 16, "sixteen documents, one each", ids)
    posted = [d for d in lines if d["status"] == "posted"]
    rc, st, _ = h.json("status")
    st = st[0] if st else {}
    t.eq(st.get("documents"), 16, "status: sixteen documents")
    t.eq(st.get("entries"), len(posted), "status: one ledger entry per posted invoice (%d)" % len(posted))
    t.ok(len(posted) >= 2, "enough of them post to race over (%d)" % len(posted))

    res = together([("export", "--format", "csv", "--out", h.path("export-%d.csv" % i)) for i in range(3)])
    t.eq([r[0] for r in res], [0, 0, 0], "three exports at once all succeed", [r[2] for r in res])
    t.eq(raced(res), [], "none of them says it met another")
    out = []
    for i in range(3):
        with open(h.path("export-%d.csv" % i), encoding="utf-8") as f:
            out += sorted({int(r["entry_id"]) for r in csv.DictReader(f)})  # a row per posting
    t.eq(sorted(out), sorted(d["entry_id"] for d in posted),
         "every entry is in exactly one of the three files")
    rc, batches, _ = h.json("exports")
    t.eq(sum(b.get("entries", 0) for b in batches), len(posted), "and the batches hold each once", batches)

    entry = posted[0]["entry_id"]
    res = together([("reverse", str(entry), "--reason", "race %d" % i) for i in range(3)])
    t.eq(sorted(r[0] for r in res), [0, 1, 1], "three reversals of one entry at once: one succeeds",
         [r[2] for r in res])
    t.eq(raced(res), [], "the others are not told to try again")
    t.ok(all("reversed already" in e for rc, _, e in res if rc), "they are told it is reversed already",
         [r[2] for r in res])
    rc, ledger, _ = h.json("ledger")
    t.eq(len([e for e in ledger if e.get("reverses") == entry or e.get("reverses_id") == entry]), 1,
         "the ledger holds one reversal of it")

    # bank details: every vendor gets an IBAN, then a new one, which waits for a second user
    with open(os.path.join(h.home, "billflow.conf"), "a") as f:
        f.write("\n[pay]\nname = Globex Corporation\niban = DE02120300000000202051\n")
    with open(vendors, encoding="utf-8") as f:
        rows = f.read().splitlines()
    for name, iban in (("vendors-iban.csv", "DE89370400440532013000"), ("vendors-new.csv", "GB82WEST12345698765432")):
        p = h.run("--user", "alice", "import", "vendors",
                  h.write(name, "\n".join([rows[0] + ",iban"] + [r + "," + iban for r in rows[1:]]) + "\n"))
        t.eq(p.returncode, 0, "the vendors again, with IBAN %s" % iban, p.stderr)
    rc, changes, _ = h.json("bank", "changes")
    waiting = sorted(c["vendor_id"] for c in changes)
    t.ok(len(waiting) >= 2, "their IBANs wait for a second user (%d)" % len(waiting), changes)
    res = together([("--user", "bob", "bank", "confirm", waiting[0])] * 3)
    t.eq(sorted(r[0] for r in res), [0, 1, 1], "three confirmations of one change at once: one succeeds",
         [r[2] for r in res])
    t.eq(raced(res), [], "the others are not told to try again")
    for v in waiting[1:]:
        h.run("--user", "bob", "bank", "confirm", v)
    rc, changes, _ = h.json("bank", "changes")
    t.eq(changes, [], "nothing waits any more")
    rc, audit, _ = h.json("audit")
    t.eq(len([a for a in audit if a["action"] == "bank_change_confirmed"]), len(waiting),
         "each change confirmed once in the audit log")

    # a payment run of every posted bill, approved, then exported three times at once
    p = h.run("--json", "--user", "alice", "pay", "propose", "--date", "2031-12-31")
    t.eq(p.returncode, 0, "pay propose", p.stderr)
    run_id = json.loads(p.stdout)["run"]
    p = h.run("--user", "bob", "pay", "approve", str(run_id))
    t.eq(p.returncode, 0, "a second user approves it", p.stderr)
    res = together([("--user", "bob", "pay", "export", str(run_id), "--format", "csv",
                     "--out", h.path("pay-%d.csv" % i)) for i in range(3)])
    t.eq(sorted(r[0] for r in res), [0, 1, 1], "three exports of one run at once: one succeeds",
         [r[2] for r in res])
    t.eq(raced(res), [], "the others are not told to try again")
    t.ok(all("exported already" in e for rc, _, e in res if rc), "they are told it was exported already",
         [r[2] for r in res])
    files = [i for i in range(3) if os.path.exists(h.path("pay-%d.csv" % i))]
    t.eq(len(files), 1, "one bank file written", files)
    t.eq([f for f in os.listdir(h.dir) if f.startswith(".pay-")], [], "no temporary file left behind")
    rc, bills, _ = h.json("pay", "bills")
    in_run = sorted(b["invoice_number"] for b in bills if b.get("status") == "in_run")
    t.ok(len(in_run) >= 2, "the run pays bills (%d)" % len(in_run), bills)
    rc, ledger, _ = h.json("ledger")
    pays = sorted(e["invoice_number"] for e in ledger if str(e.get("description", "")).startswith("Payment "))
    t.eq(pays, in_run, "one payment entry per bill of the run", pays)
finally:
    h.cleanup()
t.done()
