"""The hostile corpus (tests/service/hostile.py) through the real `billflow
run`, mixed with good documents under hostile names: every good one is
recorded (posted or queued), every bad one is in failed/ with its reason
(or, refused by a budget before decoding, queued as unreadable with it),
the service stays up throughout and its own memory stays small (the
readers, not the service, pay for a bomb). Then a reader is killed with
SIGSEGV and SIGKILL while it reads a scan: the service stays up, the
document is tried again and quarantined after capture.max_attempts, and the
next document is read.

The crash, hang, balloon, exec and escape inputs need the reader's test
hooks (meson -Dtest_hooks=true, as scripts/test.sh builds); without them
they are skipped, saying so."""
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from svctest import Tap, Home, Service, make_pdfs, files_under, db_shas, sha256, wait_until

sys.path.insert(0, os.path.dirname(__file__))
import hostile  # noqa: E402

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")

# Good documents under names a shell, a terminal or a path would trip on.
HOSTILE_NAMES = ["inv;rm -rf ~.pdf", "line\nbreak.pdf", "bidi\u202egnp.pdf", "$(touch pwned).pdf",
                 "-rf.pdf", " spaced .pdf", "\u00fcn\u00efc\u00f8d\u00e9.pdf", "x" * 200 + ".pdf"]
MB = 1024 * 1024


def children(pid):
    """The service's child processes (its readers), from every thread."""
    out = set()
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                out.update(int(x) for x in f.read().split())
    except OSError:
        pass
    return out


def vm_hwm(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def fresh_home(name):
    h.home = h.path(name)
    p = h.run("init")
    assert p.returncode == 0, p.stderr
    return os.path.join(h.home, "inbox")


def drop(src, inbox, name):
    """Copies src into the inbox as name, atomically (a dotfile first)."""
    tmp = os.path.join(inbox, ".drop-" + str(os.getpid()))
    shutil.copyfile(src, tmp)
    os.rename(tmp, os.path.join(inbox, name))


def query(h, sql):
    con = sqlite3.connect(os.path.join(h.home, "billflow.db"), timeout=30)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


try:
    corpus = h.path("hostile")
    cases = hostile.make(corpus)
    probe = h.run("extract", os.path.join(corpus, "crash.pdf"))
    hooks = "SIGSEGV" in probe.stderr
    if not hooks:
        print("# the reader has no test hooks (build with -Dtest_hooks=true): "
              "crash, hang, balloon, exec and escape inputs skipped")

    # (1) The hostile inbox, mixed with good documents.
    good = make_pdfs(h, len(HOSTILE_NAMES), seed=31)
    inbox = fresh_home("inbox-run")
    svc = Service(h, "run", "--set", "ocr.workers=2", "--set", "capture.max_attempts=2",
                  "--set", "capture.timeout_seconds=6", "--set", "capture.max_total_megapixels=50",
                  "--set", "capture.max_memory_mb=512")
    t.ok(svc.wait_for("watching", 30), "the service starts", svc.log())
    bad, unreadable = {}, {}
    for name, (kind, words) in cases.items():
        dst = os.path.join(inbox, name)
        if kind.endswith("hooks") and not hooks:
            continue
        if kind.startswith("unreadable"):
            drop(os.path.join(corpus, name), inbox, name)
            unreadable[name] = words
            continue
        if kind in ("quarantine", "needs_hooks"):
            drop(os.path.join(corpus, name), inbox, name)
        elif kind == "fifo":
            os.mkfifo(dst)
        elif kind == "symlink":
            os.symlink("/etc/passwd", dst)
        else:
            continue
        bad[name] = words
    for name, src in zip(HOSTILE_NAMES, good):
        drop(src, inbox, name)
    want = sorted([sha256(p) for p in good] +
                  [sha256(os.path.join(corpus, n)) for n in unreadable])
    hwm = [0]

    def drained():
        if svc.p.poll() is None:
            hwm[0] = max(hwm[0], vm_hwm(svc.p.pid))
        failed = set(os.listdir(os.path.join(h.home, "failed")))
        return (not files_under(inbox) and not os.listdir(os.path.join(h.home, "work")) and
                all(n in failed and n + ".reason" in failed for n in bad) and
                len(db_shas(h)) >= len(want))
    t.ok(wait_until(drained, timeout=300, step=0.5), "the inbox drains: good ones recorded, bad "
         "ones in failed/", "\n".join(svc.log()[-30:]))
    t.ok(svc.p.poll() is None, "the service is still up after the hostile corpus")
    t.eq(sorted(db_shas(h)), want, "every good document recorded once, whatever its name")
    t.eq(sorted(r[0] for r in query(h, "SELECT filename FROM documents")),
         sorted(HOSTILE_NAMES + list(unreadable)), "their names kept as they were")
    errors = dict(query(h, "SELECT d.filename, a.new_value FROM audit a JOIN documents d"
                           " ON d.id = a.document_id WHERE a.action = 'unreadable'"))
    for name, words in sorted(unreadable.items()):
        t.ok(all(w in errors.get(name, "") for w in words),
             "%s: kept and queued as unreadable, with its reason" % name, errors.get(name))
    failed_dir = os.path.join(h.home, "failed")
    for name, words in sorted(bad.items()):
        path = os.path.join(failed_dir, name + ".reason")
        reason = open(path).read() if os.path.exists(path) else "(no reason file)"
        t.ok(all(w in reason for w in words), "%s: in failed/ with its reason" % name, reason)
    t.ok(os.path.islink(os.path.join(failed_dir, "passwd.pdf")),
         "the symlink itself went to failed/, never what it points at")
    extra = sorted(set(os.listdir(failed_dir)) - set(bad) - {n + ".reason" for n in bad})
    t.eq(extra, [], "nothing else in failed/")
    hwm[0] = max(hwm[0], vm_hwm(svc.p.pid)) if svc.p.poll() is None else hwm[0]
    print("# service VmHWM %.1f MB" % (hwm[0] / MB))
    t.ok(0 < hwm[0] < 150 * MB, "the service's memory stays bounded (VmHWM %.0f MB)" % (hwm[0] / MB))
    t.ok(not os.path.exists("pwned") and not os.path.exists(os.path.join(h.home, "pwned")),
         "no name was run as a command")
    p = h.run("status")
    t.ok(p.returncode == 0 and "a symbolic link" in p.stdout, "status lists the failures",
         p.stdout)
    t.eq(svc.stop(), 0, "SIGTERM: the service exits 0")

    # (2) A reader killed while it reads a scan: SIGSEGV, then SIGKILL.
    inbox = fresh_home("kill-run")
    scans = make_pdfs(h, 2, seed=33, formats="png")
    svc = Service(h, "run", "--set", "ocr.workers=1", "--set", "capture.max_attempts=2",
                  "--set", "capture.timeout_seconds=120")
    t.ok(svc.wait_for("watching", 30), "the service starts again")
    drop(scans[0], inbox, "victim.png")
    seen = set()
    for attempt, sig in enumerate((signal.SIGSEGV, signal.SIGKILL), 1):
        pid = wait_until(lambda: next(iter(children(svc.p.pid) - seen), None), timeout=60,
                         step=0.01)
        t.ok(pid, "attempt %d: a reader reads the scan" % attempt)
        if not pid:
            break
        seen.add(pid)
        time.sleep(0.3)       # inside the OCR, which takes seconds
        os.kill(pid, sig)
        want_line = "attempt 1 of 2" if attempt == 1 else "quarantined after 2"
        t.ok(svc.wait_for(want_line, 60), "%s: %s logged" % (sig.name, want_line),
             "\n".join(svc.log()[-10:]))
        t.ok(svc.p.poll() is None, "%s: the service is still up" % sig.name)
    reason_path = os.path.join(h.home, "failed", "victim.png.reason")
    t.ok(wait_until(lambda: os.path.exists(reason_path), 30), "the scan is quarantined in failed/")
    reason = open(reason_path).read() if os.path.exists(reason_path) else ""
    t.ok("signal 9" in reason and "quarantined" in reason, "its reason names the kill", reason)
    drop(scans[1], inbox, "next.png")
    t.ok(wait_until(lambda: sha256(scans[1]) in db_shas(h), 120), "the next document is read")
    t.eq(svc.stop(), 0, "SIGTERM: the service exits 0")
    p = subprocess.run(["pgrep", "-f", "billflow-reader"], capture_output=True, text=True)
    t.ok(all(int(x) not in seen for x in p.stdout.split()), "no reader outlives the service")
finally:
    h.cleanup()
t.done()
