"""The inbox through the real `billflow run`: --once drains a folder (also
its subfolders) into the store and the archive; a file written slowly is
not taken before it is closed (inotify) or before it stops changing and is
no longer open for writing (polling); ignored names stay, an unsupported
file goes to failed/ with a .reason; SIGTERM finishes the document in
progress and exits 0."""
import os
import shutil
import signal
import time

from svctest import Tap, Home, Service, make_pdfs, files_under, db_shas, status, sha256, wait_until

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")
STABLE = ["--set", "inbox.stable_seconds=1"]


def fresh_home(name):
    h.home = h.path(name)
    p = h.run("init")
    assert p.returncode == 0, p.stderr
    return os.path.join(h.home, "inbox")


try:
    pdfs = make_pdfs(h, 8)
    t.eq(len(set(sha256(p) for p in pdfs)), 8, "eight distinct generated invoices")

    # (1) run --once drains the inbox, subfolders included.
    inbox = fresh_home("drain")
    os.makedirs(os.path.join(inbox, "scans", "may"))
    for i, p in enumerate(pdfs):
        dst = inbox if i % 2 == 0 else os.path.join(inbox, "scans", "may")
        shutil.copy(p, os.path.join(dst, "inv-%d.pdf" % i))
    p = h.run("run", "--once", "--set", "ocr.workers=2", timeout=300)
    t.eq(p.returncode, 0, "run --once exits 0")
    shas = db_shas(h)
    t.eq(sorted(shas), sorted(sha256(x) for x in pdfs), "every document recorded once, by sha256")
    t.eq(files_under(inbox), [], "the inbox is empty", )
    t.eq(os.listdir(os.path.join(h.home, "work")), [], "the work folder is empty")
    t.ok(all(os.path.exists(os.path.join(h.home, "archive", s[:2], s[2:])) for s in shas),
         "the archive holds every original")
    st = status(h)
    t.eq(st.get("sources", {}).get("inbox"), 8, "status counts 8 documents from the inbox")
    t.ok(any(x.get("source") == "inbox" for x in st.get("polls", [])), "status shows the inbox poll", st)
    t.ok(any("stopped: 0 posted, 8 queued, 0 duplicates, 0 failed" in line for line in p.stderr.splitlines()),
         "a summary line is logged, by outcome",
         p.stderr)
    t.ok(all(line[:4].isdigit() and " inbox/" in line or " service:" in line or " inbox:" in line
             or " work:" in line for line in p.stderr.splitlines() if line),
         "log lines: time, level, document, event", p.stderr)

    # Run --once again: nothing to do, nothing doubled.
    shutil.copy(pdfs[0], os.path.join(inbox, "again.pdf"))
    p = h.run("run", "--once", timeout=300)
    t.eq(p.returncode, 0, "a second run --once exits 0")
    t.eq(len(db_shas(h)), 8, "the same bytes again make no second document")
    t.ok("duplicate_file" in p.stderr, "and the log says duplicate_file", p.stderr)
    t.eq(files_under(inbox), [], "the duplicate left the inbox too")

    # (4) Ignored names stay; an unsupported file goes to failed/ with a reason.
    ignored = [".hidden.pdf", "upload.pdf.part", "x.tmp", "draft.pdf~", "Thumbs.db", ".DS_Store"]
    for name in ignored:
        shutil.copy(pdfs[1], os.path.join(inbox, name))
    with open(os.path.join(inbox, "notes.txt"), "w") as f:
        f.write("not an invoice\n")
    p = h.run("run", "--once", timeout=300)
    t.eq(p.returncode, 1, "run --once with junk in the inbox exits 1 (a file failed)")
    t.eq(sorted(os.listdir(inbox)), sorted(ignored + ["scans"]), "ignored names are left alone")
    failed = os.path.join(h.home, "failed")
    t.ok(os.path.exists(os.path.join(failed, "notes.txt")), "the unsupported file is in failed/",
         os.listdir(failed))
    reason = open(os.path.join(failed, "notes.txt.reason")).read() if os.path.exists(
        os.path.join(failed, "notes.txt.reason")) else ""
    t.ok("unsupported" in reason, "with a .reason file saying why", reason)
    st = status(h)
    t.ok(any(f.get("name") == "notes.txt" and "unsupported" in f.get("reason", "")
             for f in st.get("failures", [])), "status lists the failure with its reason", st)
    t.eq(len(db_shas(h)), 8, "junk made no document")

    # (5) Files found ready together are claimed largest first (the longest
    # work first, so that a batch does not end on one long document).
    inbox = fresh_home("order")
    for i, src in enumerate(pdfs[:6]):
        shutil.copy(src, os.path.join(inbox, "o-%d.pdf" % i))
    sizes = {"o-%d.pdf" % i: os.path.getsize(src) for i, src in enumerate(pdfs[:6])}
    p = h.run("-v", "run", "--once", "--set", "ocr.workers=1", timeout=300)
    t.eq(p.returncode, 0, "run --once of six files exits 0")
    claimed = [os.path.basename(line.split(": claimed")[0].split(" ", 2)[2])
               for line in p.stderr.splitlines() if line.endswith(": claimed")]
    t.eq(sorted(claimed), sorted(sizes), "each file claimed once", p.stderr)
    t.eq(claimed, sorted(sizes, key=lambda n: (-sizes[n], n)),
         "in order of size, largest first", (claimed, sizes))
    t.ok(len(set(sizes.values())) > 1, "(the files differ in size)", sizes)

    # (2) A file written slowly is not taken before it is complete.
    big = open(pdfs[2], "rb").read()
    for mode, extra in (("inotify", []), ("polling", ["--set", "inbox.poll=true"])):
        inbox = fresh_home("slow-" + mode)
        svc = Service(h, "run", *STABLE, *extra)
        t.ok(svc.wait_for("watching"), "%s: the service starts" % mode, svc.log())
        t.ok(any(("with " + mode) in line for line in svc.log()), "%s: the watcher is %s" % (mode, mode),
             svc.log())
        path = os.path.join(inbox, "slow.pdf")
        with open(path, "wb") as f:
            f.write(big[: len(big) // 2])
            f.flush()
            time.sleep(3.0)  # well over inbox.stable_seconds
            still_there = os.path.exists(path)
            n_mid = len(db_shas(h))
            f.write(big[len(big) // 2:])
        t.ok(still_there, "%s: the half-written file is still in the inbox after a pause" % mode)
        t.eq(n_mid, 0, "%s: nothing was recorded from the half-written file" % mode)
        shas = wait_until(lambda: db_shas(h), timeout=30)
        t.eq(shas, [sha256(pdfs[2])], "%s: once closed, the whole file is recorded, once" % mode)
        t.ok(wait_until(lambda: not os.path.exists(path), timeout=10), "%s: and leaves the inbox" % mode)
        rc = svc.stop(signal.SIGTERM)
        t.eq(rc, 0, "%s: SIGTERM: exit 0" % mode)

    # (5) SIGTERM while documents are being read: the current one finishes.
    scans = make_pdfs(h, 4, seed=5, formats="png")
    inbox = fresh_home("sigterm")
    for i, p in enumerate(scans):
        shutil.copy(p, os.path.join(inbox, "scan-%d.png" % i))
    svc = Service(h, "-v", "run", "--set", "ocr.workers=1")
    t.ok(svc.wait_for("processing", timeout=60), "sigterm: a scanned page is being read", svc.log())
    t0 = time.time()
    rc = svc.stop(signal.SIGTERM)
    log = svc.log()
    t.eq(rc, 0, "sigterm: exit 0")
    stop_at = next((i for i, line in enumerate(log) if "stopping" in line), None)
    t.ok(stop_at is not None and any(("queued as exception" in line or "posted" in line)
                                     for line in log[stop_at:]),
         "sigterm: the document in progress was finished after the signal", log)
    print("# sigterm: stopped in %.1f s" % (time.time() - t0))
    done = len(db_shas(h))
    t.ok(1 <= done < 4, "sigterm: %d of 4 recorded, the rest waits" % done)
    p = h.run("run", "--once", "--set", "ocr.workers=2", timeout=600)
    t.eq(p.returncode, 0, "sigterm: run --once afterwards exits 0")
    t.eq(sorted(db_shas(h)), sorted(sha256(x) for x in scans), "sigterm: then every scan is recorded once")
    t.eq(files_under(inbox) + os.listdir(os.path.join(h.home, "work")), [],
         "sigterm: inbox and work folder empty")
finally:
    h.cleanup()
t.done()
