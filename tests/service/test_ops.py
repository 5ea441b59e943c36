"""Following the service from the command line (issue 16): `run --once`
shows [n/N] progress on a terminal (not on a pipe, not with -q), closes with
posted/queued/duplicate/failed counts, prints one JSON result per document
and a summary with --json, and exits 1 when a document failed; `status`
names the file the running service is reading."""
import json
import os
import shlex
import shutil
import subprocess
import time

from svctest import BILLFLOW, GEN, Tap, Home, Service, make_pdfs, status, wait_until

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")


def fresh_home(name):
    h.home = h.path(name)
    p = h.run("init")
    assert p.returncode == 0, p.stderr
    return os.path.join(h.home, "inbox")


def on_tty(*args):
    """billflow ARGS with stderr on a terminal (a pty from script(1)); what
    the terminal showed, and the exit status."""
    cmd = "%s %s >/dev/null" % (shlex.quote(BILLFLOW), " ".join(shlex.quote(a) for a in args))
    p = subprocess.run(["script", "-qec", cmd, "/dev/null"], capture_output=True, text=True,
                       env=dict(os.environ, BILLFLOW_HOME=h.home, OMP_THREAD_LIMIT="1"), timeout=300)
    return p


try:
    pdfs = make_pdfs(h, 4)

    # (1) Progress on a terminal, the summary split by outcome, exit 1 on a failure.
    inbox = fresh_home("tty")
    for p in pdfs[:3]:
        shutil.copy(p, inbox)
    with open(os.path.join(inbox, "notes.txt"), "w") as f:
        f.write("not an invoice\n")
    p = on_tty("run", "--once", "--set", "ocr.workers=1")
    t.ok("[1/4]" in p.stdout and "[4/4]" in p.stdout, "run --once shows [n/N] progress on a terminal",
         repr(p.stdout[-800:]))
    t.ok("3 queued, 0 duplicates, 1 failed" in p.stdout, "the closing line counts queued, duplicates and failed",
         repr(p.stdout[-800:]))
    t.eq(p.returncode, 1, "run --once exits 1 when a document failed")
    for p in pdfs[:2]:
        shutil.copy(p, inbox)
    p = on_tty("-q", "run", "--once")
    t.ok("[1/" not in p.stdout, "no progress line with -q", repr(p.stdout))
    t.eq(p.returncode, 0, "run --once with only duplicates exits 0")
    shutil.copy(pdfs[3], inbox)
    p = h.run("run", "--once")
    t.ok("[1/" not in p.stderr and "stopped: 0 posted, 1 queued, 0 duplicates, 0 failed" in p.stderr,
         "no progress line when stderr is not a terminal; the summary stays", p.stderr)

    # (2) --json: one result per document, then a summary line.
    inbox = fresh_home("json")
    for p in pdfs[:3]:
        shutil.copy(p, inbox)
    shutil.copy(pdfs[0], os.path.join(inbox, "again.pdf"))
    with open(os.path.join(inbox, "junk.txt"), "w") as f:
        f.write("junk\n")
    p = h.run("--json", "run", "--once", "--set", "ocr.workers=1")
    rows = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    docs = [r for r in rows if "file" in r]
    t.eq(p.returncode, 1, "--json run --once exits 1 with a failed file")
    t.eq(sorted(r["status"] for r in docs), ["duplicate_file", "exception", "exception", "exception", "failed"],
         "one JSON line per document with its status", rows)
    t.ok(all(r["document_id"] > 0 and "reasons" in r and "extract" in r for r in docs if r["status"] != "failed"),
         "each committed one with its document id, reasons and extraction", docs)
    failed = [r for r in docs if r["status"] == "failed"]
    t.ok(failed and failed[0]["file"].endswith("junk.txt") and "unsupported" in failed[0]["error"],
         "the failed one with its reason", failed)
    t.eq(rows[-1].get("summary"), {"posted": 0, "queued": 3, "duplicates": 1, "failed": 1, "left": 0,
                                   "poll_failures": 0}, "the last line is the summary", rows[-1:])
    p = h.run("--json", "run", "--once")
    rows = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    t.ok(p.returncode == 0 and rows == [{"summary": {"posted": 0, "queued": 0, "duplicates": 0, "failed": 0,
                                                      "left": 0, "poll_failures": 0}}],
         "nothing to do: exit 0 and an empty summary", p.stdout + p.stderr)

    # (3) status names the file the running service reads right now.
    inbox = fresh_home("status")
    out = h.path("scans")
    subprocess.run([GEN, "--random", "12", "--count", "2", "--out-dir", out, "--formats", "png"],
                   check=True, capture_output=True)
    scans = sorted(f for f in os.listdir(out) if f.endswith(".png"))
    st = status(h)
    t.ok(st.get("service", {}).get("reading") == [], "no service: nothing being read", st.get("service"))
    svc = Service(h, "run", "--set", "ocr.workers=1")
    try:
        t.ok(svc.wait_for("watching"), "the service starts", svc.log())
        for f in scans:
            # Whole, by rename: the service takes a file the moment it appears.
            shutil.copyfile(os.path.join(out, f), h.path("drop-" + f))
            os.rename(h.path("drop-" + f), os.path.join(inbox, f))

        def reading():
            r = status(h).get("service", {}).get("reading") or []
            return r if r else None
        seen = wait_until(reading, timeout=120, step=0.05)
        t.ok(seen and seen[0]["what"] in ["inbox/" + f for f in scans] and seen[0]["since"].endswith("Z"),
             "status --json names the scan being read, since when", seen)
        p = h.run("status")
        t.ok("reading now:" in p.stdout, "status says what it reads now", p.stdout)
        inst = status(h).get("service", {}).get("instances") or []
        me = "%s.%d" % (os.uname().nodename, svc.p.pid)
        t.ok(len(inst) == 1 and inst[0]["id"] == me and inst[0]["pid"] == svc.p.pid
             and inst[0]["live"] and inst[0]["lease_until"].endswith("Z"),
             "status --json lists the running service's lease (SQLite too)", inst)
        t.ok("instance:        %s (pid %d)" % (me, svc.p.pid) in p.stdout and "lease until" in p.stdout,
             "and so does status", p.stdout)
        t.ok(wait_until(lambda: len(status(h).get("sources", {})) and
                        status(h).get("by_state", {}) and not reading() and
                        sum(status(h)["by_state"].values()) == len(scans), timeout=300),
             "once both are committed it reads nothing", status(h).get("service"))
        p = h.run("status")
        t.ok("reading now:     nothing" in p.stdout, "status: reading nothing", p.stdout)
    finally:
        svc.stop()
    st = status(h)
    t.ok(st["service"]["running"] is False and st["service"]["reading"] == [],
         "stopped: not running, nothing being read", st.get("service"))
    t.eq(st["service"]["instances"], [], "stopped: its lease is gone")
finally:
    h.cleanup()
t.done()
