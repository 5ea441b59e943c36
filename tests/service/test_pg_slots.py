"""The machine's reading slots (issue 17): the `billflow run` services of one
machine on one PostgreSQL store read at most ocr.host_workers documents at
once between them. Three one-worker services on one shared inbox of scans:
with host_workers=1 no two files are ever claimed at once (the work folders
are watched throughout); one is killed with SIGKILL while it holds the slot
and the others go on (the kernel released its lock), every document recorded
once; with host_workers=2 two are read at once, never three. Runs inside
tests/pg/pgcluster.py run (BILLFLOW_TEST_ENGINE=pg); skipped without it."""
import glob
import os
import shutil
import signal
import time

from svctest import Tap, Home, Service, psql, make_pdfs, files_under, sha256, init_with_vendors

t = Tap()
if os.environ.get("BILLFLOW_TEST_ENGINE") != "pg" or not os.environ.get("BILLFLOW_PG_URL"):
    t.skip_all("runs on PostgreSQL only (meson test service-pg-slots starts a throwaway cluster)")
h = Home(keep=os.environ.get("KEEP") == "1")
run_dir = h.path("xdg-run")
os.makedirs(run_dir, mode=0o700)
env = {"XDG_RUNTIME_DIR": run_dir}


def count():
    return int(psql(h, "SELECT COUNT(*) FROM documents")[0][0])


def drop(paths, first):
    for i, p in enumerate(paths):
        tmp = os.path.join(inbox, ".tmp-%02d" % (first + i))
        shutil.copy(p, tmp)
        os.rename(tmp, os.path.join(inbox, "scan-%02d.png" % (first + i)))


def start(n, host_workers):
    return [Service(h, "run", "--set", "ocr.workers=1", "--set", "store.lease_seconds=3",
                    "--set", "ocr.host_workers=%d" % host_workers, env=env) for _ in range(n)]


def watch(want, services, timeout=600):
    """Samples the work folders until want documents are recorded and the
    inbox and work folders are empty; the most files claimed at once."""
    most, end = 0, time.time() + timeout
    while time.time() < end:
        most = max(most, len(files_under(work)))
        if not files_under(inbox) and not files_under(work) and count() >= want:
            break
        if any(s.p.poll() is not None for s in services):
            break
        time.sleep(0.005)
    return most


services = []
try:
    scans = make_pdfs(h, 8, seed=44, formats="png")
    t.eq(len({sha256(p) for p in scans}), 8, "eight distinct scans")
    init_with_vendors(t, h, scans)
    inbox = os.path.join(h.home, "inbox")
    work = os.path.join(h.home, "work")

    # One slot: three services, never two documents claimed at once.
    drop(scans[:4], 0)
    services = start(3, 1)
    most = watch(4, services)
    t.eq(count(), 4, "three services with one slot between them record the four scans")
    t.eq(most, 1, "no two files claimed at once with ocr.host_workers=1 (most seen: %d)" % most)
    slots = glob.glob(os.path.join(run_dir, "billflow", "slots-*", "*"))
    t.eq([os.path.basename(s) for s in slots], ["0"],
         "one slot file, in the runtime folder named after the store", slots)

    # The holder killed: the kernel frees its slot, the others go on, and
    # its claimed file is taken over once its lease runs out.
    drop(scans[4:6], 4)
    victim, end = None, time.time() + 120
    while victim is None and time.time() < end:
        for s in services:
            if files_under(os.path.join(work, "%s.%d" % (os.uname().nodename, s.p.pid))):
                victim = s
                break
        time.sleep(0.005)
    t.ok(victim is not None, "a service claimed a scan, holding the slot")
    if victim is not None:
        victim.stop(signal.SIGKILL)
        services.remove(victim)
    watch(6, services)
    t.eq(count(), 6, "the two left read on after the slot's holder was killed")
    t.ok(all(s.p.poll() is None for s in services), "the services still run")
    for s in services:
        s.stop(signal.SIGTERM)
    services = []

    # Two slots: two read at once, never three.
    drop(scans[6:], 6)
    services = start(3, 2)
    most = watch(8, services)
    for s in services:
        s.stop(signal.SIGTERM)
    services = []
    t.eq(most, 2, "with ocr.host_workers=2 two files are claimed at once, never three (most: %d)"
         % most)
    got = sorted(r[0] for r in psql(h, "SELECT sha256 FROM documents"))
    t.eq(got, sorted(sha256(p) for p in scans), "each scan recorded exactly once")
    t.eq(files_under(inbox) + files_under(work), [], "nothing left in the inbox or a work folder")
finally:
    for s in services:
        s.stop(signal.SIGKILL)
    h.cleanup()
t.done()
