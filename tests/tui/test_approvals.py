"""The review TUI's approvals view through tmux: the real binary on a real
home where invoices wait for approval; 'A' opens the view, 'a' approves
(after a confirmation), 'd' declines with a reason, 'm' shows only one's
own; the outcome is read back from the ledger, the queue and the audit log
(the same approval_decide as `billflow approve` and `decline`)."""
import os
import shlex
import subprocess
import sys
import time

SRCDIR = os.environ.get("BILLFLOW_SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SRCDIR, "tests", "e2e"))
from bftest import BILLFLOW, Tap, Home, gen, invoice_spec  # noqa: E402

t = Tap()
if subprocess.run(["sh", "-c", "command -v tmux"], capture_output=True).returncode != 0:
    t.skip_all("tmux is not installed")
h = Home(keep=os.environ.get("KEEP") == "1")
SOCKET = "bfappr-%d" % os.getpid()

VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required
V300,Cobalt Cleaning Services Ltd,,GBP,14,Expenses:Cleaning,false
"""
USERS = """user,name,email,roles,approval_limit,currency
ann,Ann Admin,ann@example.com,admin,100000,GBP
ben,Ben Boss,ben@example.com,approver;reviewer,15000,GBP
"""


def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCKET] + list(args), capture_output=True, text=True,
                          check=check)


def start(user):
    e = {"BILLFLOW_HOME": h.home, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}
    cmd = "env %s %s --user %s review; echo REVIEW-EXITED $?; sleep 600" % (
        " ".join("%s=%s" % (k, shlex.quote(v)) for k, v in e.items()), shlex.quote(BILLFLOW),
        shlex.quote(user))
    tmux("new-session", "-d", "-s", user, "-x", "100", "-y", "24", cmd)


def keys(who, *k, literal=False):
    tmux("send-keys", "-t", who, *(["-l"] if literal else []), *k)
    time.sleep(0.15)


def screen(who):
    return tmux("capture-pane", "-p", "-t", who).stdout


def wait(who, what, timeout=10.0):
    end = time.time() + timeout
    while True:
        s = screen(who)
        if (what(s) if callable(what) else what in s):
            return True
        if time.time() > end:
            return False
        time.sleep(0.1)


def process(number, amount):
    spec = invoice_spec(number, None, [("Office cleaning", "1", amount)], tax_rate_pct=0,
                        vendor="Cobalt Cleaning Services Ltd")
    f = gen(spec, h.dir, number, pdf=True)
    rc, rows, err = h.json("--user", "ann", "process", f["pdf"])
    return rows[0] if rows else {}


try:
    h.run("init")
    h.run("import", "vendors", h.write("v.csv", VENDORS))
    h.run("import", "users", h.write("u.csv", USERS))
    with open(os.path.join(h.home, "billflow.conf"), encoding="utf-8") as f:
        conf = f.read().replace("required_above =  ", "required_above = 1000", 1)
    with open(os.path.join(h.home, "billflow.conf"), "w", encoding="utf-8") as f:
        f.write(conf)
    a1 = process("CL-101", "2400.00")
    a2 = process("CL-102", "3000.00")
    a3 = process("CL-103", "24000.00")
    t.eq([a1.get("status"), a2.get("status"), a3.get("status")], ["awaiting_approval"] * 3,
         "three invoices wait for approval")

    start("ben")
    t.ok(wait("ben", "A approvals"), "the queue names the approvals key", screen("ben"))
    keys("ben", "A")
    t.ok(wait("ben", lambda s: "billflow approvals" in s and "3 pending" in s and "CL-101" in s and
              "CL-103" in s), "A: the approvals view, oldest first", screen("ben"))
    s = screen("ben")
    t.ok(s.index("CL-101") < s.index("CL-102") < s.index("CL-103"), "oldest first")
    t.ok("2400.00 GBP" in s and "any approver with a limit" in s, "amount and who must act", s)
    keys("ben", "m")
    t.ok(wait("ben", lambda s: "(mine)" in s and "2 pending" in s and "CL-103" not in s),
         "m: only what ben may approve (his limit is 15000)", screen("ben"))
    keys("ben", "m")
    t.ok(wait("ben", "3 pending"), "m again: all")

    keys("ben", "a")
    t.ok(wait("ben", "approve %d (CL-101)?" % a1["approval_id"]), "a asks first", screen("ben"))
    keys("ben", "y")
    t.ok(wait("ben", "approved: posted as entry"), "y: approved and posted", screen("ben"))
    t.ok(wait("ben", "2 pending"), "it leaves the list")

    keys("ben", "d")
    t.ok(wait("ben", "decline: reason:"), "d asks for a reason", screen("ben"))
    keys("ben", "wrong amount", literal=True)
    keys("ben", "Enter")
    t.ok(wait("ben", "declined: queued as exception"), "declined", screen("ben"))

    keys("ben", "a")
    keys("ben", "y")
    t.ok(wait("ben", "does not cover 24000.00 GBP"), "a refusal shows its reason", screen("ben"))

    keys("ben", "Escape")
    t.ok(wait("ben", lambda s: "billflow approvals" not in s and "CL-102" in s),
         "Esc: back to the queue, where the declined one waits", screen("ben"))
    keys("ben", "q")
    t.ok(wait("ben", "REVIEW-EXITED 0"), "q quits")

    rc, led, _ = h.json("--user", "ann", "ledger")
    t.eq([e.get("invoice_number") for e in led], ["CL-101"], "the approved one is in the ledger")
    rc, q, _ = h.json("--user", "ann", "queue")
    t.ok(len(q) == 1 and q[0]["reasons"] == ["declined"] and
         "declined by ben: wrong amount" in str(q[0]["reason_details"]), "the declined one is queued", q)
    rc, aud, _ = h.json("--user", "ann", "audit")
    acts = [(a["user"], a["action"]) for a in aud]
    t.ok(("ben", "approve") in acts and ("ben", "decline") in acts, "both under ben's name", acts)
    rc, pend, _ = h.json("--user", "ann", "approvals")
    t.eq([p["invoice_number"] for p in pend], ["CL-103"], "one still waits")
finally:
    tmux("kill-server", check=False)
    h.cleanup()
t.done()
