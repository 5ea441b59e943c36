"""Three `billflow run` on one PostgreSQL store and one shared inbox (issue
17): 60 documents (50 born-digital PDFs, 10 scans) dropped in while three
services of one worker each drain them; one is killed with SIGKILL while it
holds a document and started again (a new instance: the dead one's claimed
files come back through its lease, taken over by a live one). Every document
is recorded once (sha256s compared), posted at most once, nothing is left in
the inbox or a work folder; then three `billflow export` at once write every
journal entry exactly once between them (each succeeds: one that lost the
race to another runs again). Runs inside tests/pg/pgcluster.py
run (BILLFLOW_TEST_ENGINE=pg); skipped without it."""
import os
import shutil
import signal
import subprocess
import time

from svctest import Tap, Home, Service, psql, make_pdfs, files_under, sha256, init_with_vendors

t = Tap()
if os.environ.get("BILLFLOW_TEST_ENGINE") != "pg" or not os.environ.get("BILLFLOW_PG_URL"):
    t.skip_all("runs on PostgreSQL only (meson test service-pg-multi starts a throwaway cluster)")
h = Home(keep=os.environ.get("KEEP") == "1")


def sql(query):
    return psql(h, query)


services = []
try:
    pdfs = make_pdfs(h, 50, seed=41) + make_pdfs(h, 10, seed=42, formats="png")
    want = sorted(sha256(p) for p in pdfs)
    t.eq(len(set(want)), 60, "sixty distinct documents")
    init_with_vendors(t, h, pdfs)
    inbox = os.path.join(h.home, "inbox")
    work = os.path.join(h.home, "work")
    args = ("run", "--set", "ocr.workers=1", "--set", "store.lease_seconds=3")

    # Scans first: the OCR keeps each service busy long enough to be killed
    # holding one.
    order = [p for p in pdfs if p.endswith(".png")] + [p for p in pdfs if p.endswith(".pdf")]
    for i, p in enumerate(order):
        tmp = os.path.join(inbox, ".tmp-%02d" % i)
        shutil.copy(p, tmp)
        os.rename(tmp, os.path.join(inbox, "doc-%02d%s" % (i, os.path.splitext(p)[1])))
    services = [Service(h, *args) for _ in range(3)]

    # The first service to hold a scan in its own work folder is killed
    # while it reads it (OCR takes seconds).
    victim, held, left = None, [], []
    end = time.time() + 120
    while time.time() < end and victim is None:
        for s in services:
            d = os.path.join(work, "%s.%d" % (os.uname().nodename, s.p.pid))
            held = [f for f in files_under(d) if f.endswith(".png")]
            if held:
                victim = s
                break
        time.sleep(0.01)
    t.ok(victim is not None, "a service claimed a scan into its own work folder")
    inst = {i["id"]: i for i in (h.json("status")[1] or [{}])[0].get("service", {}).get("instances", [])}
    want_ids = {"%s.%d" % (os.uname().nodename, s.p.pid) for s in services}
    t.ok(want_ids <= set(inst) and all(inst[i]["live"] for i in want_ids),
         "status lists the three running instances, each with a live lease", inst)
    if victim is not None:
        time.sleep(0.3)
        victim.stop(signal.SIGKILL)
        left = files_under(d)
        t.ok(left, "killed one with SIGKILL while it held %d file(s), %s among them"
             % (len(left), os.path.basename(held[0])))
        services.remove(victim)
        services.append(Service(h, *args))

    # Drained: every document recorded, nothing left in the inbox or work.
    end = time.time() + 900
    n = 0
    while time.time() < end:
        n = int(sql("SELECT COUNT(*) FROM documents")[0][0])
        if n >= 60 and not files_under(inbox) and not files_under(work):
            break
        if any(s.p.poll() is not None for s in services):
            break
        time.sleep(0.5)
    t.ok(all(s.p.poll() is None for s in services), "the three services still run")
    for s in services:
        s.stop(signal.SIGTERM)
    logs = [line for s in services for line in s.log()]
    services = []
    took = [line for line in logs if "taking over" in line]
    t.ok(not left or took, "a live service took over the killed one's files", took or logs[-20:])

    got = [r[0] for r in sql("SELECT sha256 FROM documents ORDER BY id")]
    t.eq(len(got), 60, "exactly 60 documents recorded")
    t.eq(sorted(got), want, "each document recorded exactly once (sha256)")
    t.eq(files_under(inbox), [], "the inbox is empty")
    t.eq(files_under(work), [], "no work folder holds a file")
    t.eq(os.listdir(os.path.join(h.home, "failed")), [], "nothing in failed/")
    twice = sql("SELECT document_id FROM entries WHERE reverses_id IS NULL AND document_id IS NOT NULL"
                " GROUP BY document_id HAVING COUNT(*) > 1")
    t.eq(twice, [], "no document posted twice")
    posted = int(sql("SELECT COUNT(*) FROM documents WHERE state = 1")[0][0])
    entries = int(sql("SELECT COUNT(*) FROM entries")[0][0])
    print("# %d posted, %d entries" % (posted, entries))
    t.ok(posted > 0 and posted == entries, "every posted document has its one entry (%d)" % posted)
    t.eq(sql("SELECT COUNT(*) FROM service_instances")[0][0], "0",
         "every lease is gone: the dead one's taken over, the others' ended empty")

    # Three exports at once: each entry goes out in exactly one batch.
    env = dict(os.environ, BILLFLOW_HOME=h.home)
    procs = [subprocess.Popen([os.environ.get("BILLFLOW_BIN", "billflow"), "export", "--format", "csv",
                               "--out", h.path("export-%d.csv" % i)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    rcs = [p.returncode for p in procs]
    for o, rc in zip(outs, rcs):
        if rc:
            print("# a refused export said: %s" % o[1].strip()[:200])
    print("# export exit statuses %s" % rcs)
    t.eq(rcs, [0, 0, 0], "three exports at once all succeed (one that lost the race ran again)",
         [o[1] for o in outs])
    t.ok(all(os.path.exists(h.path("export-%d.csv" % i)) for i in range(3)), "each wrote its file")
    p = h.run("export", "--format", "csv", "--out", h.path("export-last.csv"))
    t.eq(p.returncode, 0, "a last export finds nothing left", p.stderr)
    dup = sql("SELECT entry_id FROM export_batch_entries GROUP BY entry_id HAVING COUNT(*) > 1")
    t.eq(dup, [], "no entry exported twice")
    out = int(sql("SELECT COUNT(DISTINCT entry_id) FROM export_batch_entries")[0][0])
    t.eq(out, entries, "every entry exported once")
finally:
    for s in services:
        s.stop(signal.SIGKILL)
    h.cleanup()
t.done()
