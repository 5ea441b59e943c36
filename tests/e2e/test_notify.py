"""The approval workflow's scripted scenario with real receivers: a real
SMTP server (aiosmtpd) and an HTTP receiver on 127.0.0.1. Users and rules are
imported, invoices processed in each band, approved and declined; one waits
past the reminder and escalation times (seconds, not days); the webhook
fails once and is retried; the mailbox breaks; a file is refused; the sender
is killed with SIGKILL before and after a send. Each mail and webhook
arrives once (the one sent again after a crash between sending and
recording keeps its id), every outbox row ends sent, signatures verify, and
the audit log holds the trail."""
import collections
import hashlib
import hmac
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from bftest import BILLFLOW, Tap, Home, gen, invoice_spec  # noqa: E402
from notifytest import SmtpSink, Webhook, set_conf, available  # noqa: E402

VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required
V300,Cobalt Cleaning Services Ltd,,GBP,14,Expenses:Cleaning,false
"""
USERS = """user,name,email,roles,approval_limit,currency,deputy
ann,Ann Admin,ann@example.com,admin,100000,GBP,
ben,Ben Boss,ben@example.com,approver,15000,GBP,cid
cid,Cid Chief,cid@example.com,approver,50000,GBP,
eve,Eve Reviewer,eve@example.com,reviewer,,,
"""
SECRET = "s3cret-key-for-hmac"

t = Tap()
why = available()
if why:
    t.skip_all(why)
h = Home(keep=os.environ.get("KEEP") == "1")
smtp = SmtpSink(h.dir)
hook = Webhook()
n_doc = [0]


def run(user, *args, env=None):
    return h.run("--user", user, *args, env=env)


def service(*sets, env=None):
    """billflow run --once (the service's timers and outbox sender)."""
    args = ["run", "--once"]
    for s in sets:
        args += ["--set", s]
    return h.run(*args, env=env, timeout=300)


def process(amount, vendor="Cobalt Cleaning Services Ltd"):
    n_doc[0] += 1
    name = "N-%d" % n_doc[0]
    spec = invoice_spec(name, None, [("Office cleaning", "1", amount)], tax_rate_pct=0, vendor=vendor,
                        date="2026-10-%02d" % n_doc[0])
    f = gen(spec, h.dir, name, pdf=True)
    rc, rows, err = h.json("--user", "ann", "process", f["pdf"])
    return rows[0] if rows else {"rc": rc, "stderr": err}


def mails_since(k):
    return smtp.messages()[k:]


def hooks_since(k):
    return hook.delivered()[k:]


def summary(mails):
    return sorted((m["to"][0], m["subject"].split(" - ")[0]) for m in mails)


try:
    smtp.start()
    t.eq(h.run("init").returncode, 0, "init")
    secret = h.write("webhook.secret", SECRET + "\n")
    os.chmod(secret, 0o600)
    for key, value in (("smtp_url", "smtp://127.0.0.1:%d" % smtp.port), ("from", "billflow@example.com"),
                       ("webhook_url", hook.url()), ("webhook_secret_file", secret),
                       ("retry_after", "1s")):
        set_conf(h.home, "notify", key, value)
    set_conf(h.home, "approval", "required_above", "1000")
    set_conf(h.home, "alert", "exception_above", "5000")
    t.eq(h.run("config", "check").returncode, 0, "config check passes with the notify keys",
         h.run("config", "check").stderr)
    t.eq(h.run("import", "vendors", h.write("vendors.csv", VENDORS)).returncode, 0, "import vendors")
    t.eq(h.run("import", "users", h.write("users.csv", USERS)).returncode, 0, "import users")

    # --- A: one invoice in each band -------------------------------------
    small = process("400.00")
    mid = process("2400.00")
    big = process("24000.00")
    unknown = process("9000.00", vendor="Zenith Widgets BV")
    t.eq([small.get("status"), mid.get("status"), big.get("status"), unknown.get("status")],
         ["posted", "awaiting_approval", "awaiting_approval", "exception"], "each band's outcome")
    rows = h.sql("SELECT event_type, channel, recipient FROM outbox WHERE sent_at IS NULL")
    t.eq(len(rows), 8, "the notifications are in the outbox, written with their causes", rows)
    t.eq(smtp.messages(), [], "and nothing is sent before the service runs")
    p = service()
    t.eq(p.returncode, 0, "run --once", p.stderr)
    mails = smtp.messages()
    t.eq(summary(mails), sorted([
        ("ben@example.com", "billflow: approval needed"), ("cid@example.com", "billflow: approval needed"),
        ("cid@example.com", "billflow: approval needed"), ("ann@example.com", "billflow: exception queued"),
        ("eve@example.com", "billflow: exception queued")]),
        "approval needed to the approvers whose limits cover it; the exception above 5000 to reviewer and admin",
        [m["subject"] for m in mails])
    m = [m for m in mails if "24000.00 GBP" in m["subject"]]
    t.ok(len(m) == 1 and m[0]["to"] == ["cid@example.com"] and "Cobalt Cleaning Services Ltd N-3" in m[0]["subject"]
         and "billflow approve %d" % big["approval_id"] in m[0]["body"],
         "the mail names the vendor, invoice, amount and the command", m)
    t.ok(all(x["from"] == "billflow@example.com" for x in mails), "from notify.from")
    hooks = hook.delivered()
    t.eq(sorted(b["type"] for _, b in hooks), ["approval_needed", "approval_needed", "exception"],
         "one webhook per event")
    raw_ok = all(c["headers"].get("x-billflow-signature") == "sha256=" + hmac.new(
        SECRET.encode(), c["body"], hashlib.sha256).hexdigest() for c in hook.calls)
    t.ok(hook.calls and raw_ok, "every webhook carries the HMAC-SHA256 of its body under the secret")
    t.ok(all(hd.get("x-billflow-event-id") == b["id"] and hd.get("x-billflow-event") == b["type"]
             for hd, b in hooks), "event id and type in the headers")
    b = [b for _, b in hooks if b.get("approval_id") == mid["approval_id"]][0]
    t.eq((b["vendor"], b["invoice_number"], b["amount"], b["currency"], b["document_id"]),
         ("Cobalt Cleaning Services Ltd", "N-2", "2400.00", "GBP", mid["document_id"]),
         "the event names the document, vendor, invoice number and amount")
    t.eq(h.sql("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")[0][0], 0, "all sent")
    p = service()
    t.eq((len(smtp.messages()), len(hook.delivered())), (5, 3), "a second run sends nothing again")

    # --- B: approve, decline ------------------------------------------------
    k_mail, k_hook = len(smtp.messages()), len(hook.delivered())
    t.eq(run("ben", "approve", str(mid["approval_id"])).returncode, 0, "ben approves the 2400")
    p = run("cid", "decline", str(big["approval_id"]), "--reason", "not ordered")
    t.eq(p.returncode, 0, "cid declines the 24000", p.stderr)
    service()
    t.eq(summary(mails_since(k_mail)), [("ann@example.com", "billflow: invoice declined"),
                                        ("eve@example.com", "billflow: invoice declined")],
         "the decline goes to reviewer and admin")
    t.ok("declined by cid: not ordered" in mails_since(k_mail)[0]["body"], "with the approver's text")
    t.eq([b["type"] for _, b in hooks_since(k_hook)], ["declined"], "and to the webhook")

    # --- C: the webhook fails once; retried with back-off ---------------------
    k_mail, k_hook = len(smtp.messages()), len(hook.delivered())
    hook.fail_next = 1
    again = process("2600.00")
    service()
    rc, st, err = h.json("--user", "ann", "status")
    n = st[0]["notifications"]
    t.ok(n["failing"] == 1 and "HTTP 500" in (n["last_error"] or ""), "a failed POST shows in status", n)
    t.eq(len(hooks_since(k_hook)), 0, "not recorded as sent")
    time.sleep(1.2)
    service()
    got = hooks_since(k_hook)
    t.eq(len(got), 1, "retried after notify.retry_after: delivered")
    failed = [c for c in hook.calls if c["status"] == 500]
    t.eq(failed[-1]["headers"].get("x-billflow-event-id"), got[0][0].get("x-billflow-event-id"),
         "the retry carries the same event id")
    rc, st, err = h.json("--user", "ann", "status")
    t.eq(st[0]["notifications"]["failing"], 0, "status: nothing failing now")
    t.eq(run("cid", "approve", str(again["approval_id"])).returncode, 0, "cid approves it")

    # --- D: reminder, then escalation to the deputy ------------------------
    RULES = "level,min_amount,max_amount,currency,vendor_id,account,approver\n1,1000,10000,GBP,V300,,ben\n"
    t.eq(run("ann", "import", "approvals", h.write("rules.csv", RULES)).returncode, 0, "import approvals")
    k_mail, k_hook = len(smtp.messages()), len(hook.delivered())
    slow = process("3000.00")
    # The timers count from the approval's start, a little before t0; the
    # sleeps are to moments after t0, so that a slow (loaded) machine's
    # commands do not push the first check past escalate_after.
    t0 = time.time()
    service()
    t.eq(summary(mails_since(k_mail)), [("ben@example.com", "billflow: approval needed")],
         "the vendor's band names ben")
    timers = ("approval.remind_after=1", "approval.escalate_after=8")
    time.sleep(max(0, t0 + 1.3 - time.time()))
    k_mail = len(smtp.messages())
    service(*timers)
    t.eq(summary(mails_since(k_mail)), [("ben@example.com", "billflow: reminder: approval waiting")],
         "past remind_after: a reminder to ben")
    time.sleep(max(0, t0 + 8.3 - time.time()))
    k_mail = len(smtp.messages())
    service(*timers)
    t.eq(summary(mails_since(k_mail)), [("cid@example.com", "billflow: escalated: approval waiting")],
         "past escalate_after: escalated to ben's deputy cid")
    k_mail = len(smtp.messages())
    service(*timers)
    t.eq(mails_since(k_mail), [], "each once")
    rc, rows, err = h.json("--user", "cid", "approvals", "--mine")
    t.ok(any(r["id"] == slow["approval_id"] for r in rows), "cid may act on it now", rows)
    rc, rows, err = h.json("--user", "cid", "approve", str(slow["approval_id"]))
    t.ok(rc == 0 and rows[0]["status"] == "posted", "cid approves: posted", err)
    t.eq(sorted(b["type"] for _, b in hooks_since(k_hook)), ["approval_needed", "escalation", "reminder"],
         "reminder and escalation reach the webhook too")

    # --- E: the mailbox breaks, a file is refused ----------------------------
    k_mail = len(smtp.messages())
    pw = h.write("imap.pw", "x\n")
    os.chmod(pw, 0o600)
    broken = ("imap.url=imap://127.0.0.1:9/INBOX", "imap.user=ap", "imap.password_file=" + pw, "alert.after=1")
    with open(os.path.join(h.home, "inbox", "notes.txt"), "w") as f:
        f.write("not an invoice\n")
    service(*broken)
    got = mails_since(k_mail)
    t.eq(summary(got), [("ann@example.com", "billflow: capture failing")],
         "a refused file: capture failing, to the admin")
    t.ok("notes.txt" in got[0]["body"], "naming the file", got[0]["body"])
    time.sleep(1.2)
    k_mail = len(smtp.messages())
    service(*broken)
    got = mails_since(k_mail)
    t.eq(summary(got), [("ann@example.com", "billflow: capture failing")],
         "the mailbox unreachable past alert.after: an alert")
    t.ok(got and "mailbox has been unreachable" in got[0]["body"], "saying so", got)
    k_mail = len(smtp.messages())
    service(*broken)
    t.eq(mails_since(k_mail), [], "once per outage")

    # The unknown vendor's exception has been open since phase A.
    k_mail = len(smtp.messages())
    service("alert.queue_age=2")
    got = mails_since(k_mail)
    t.eq(summary(got), [("ann@example.com", "billflow: exception queue waiting")],
         "the oldest exception older than alert.queue_age: an alert to the admin")
    k_mail = len(smtp.messages())
    service("alert.queue_age=2")
    t.eq(mails_since(k_mail), [], "once for that exception")
    os.chmod(secret, 0o644)
    p = h.run("--user", "ann", "config", "check")
    t.ok(p.returncode == 1 and "notify.webhook_secret_file" in p.stdout + p.stderr,
         "config check: a webhook secret others can read", p.stdout + p.stderr)
    os.chmod(secret, 0o600)

    # --- F: SIGKILL before and after a send -------------------------------------
    set_conf(h.home, "approval", "required_above", "1000")
    k_mail, k_hook = len(smtp.messages()), len(hook.delivered())
    crash1 = process("3100.00")
    p = service(env={"BILLFLOW_FAILPOINT": "outbox-before-send"})
    t.eq(p.returncode, -9, "killed before the first send")
    t.eq(mails_since(k_mail), [], "nothing sent")
    service()
    t.eq(summary(mails_since(k_mail)), [("ben@example.com", "billflow: approval needed")],
         "after the restart it is sent: nothing lost")
    k_mail, k_hook = len(smtp.messages()), len(hook.delivered())
    crash2 = process("3200.00")
    p = service(env={"BILLFLOW_FAILPOINT": "outbox-after-send"})
    t.eq(p.returncode, -9, "killed after a send, before recording it")
    first = mails_since(k_mail)
    t.eq(len(first), 1, "the mail went out")
    service()
    after = mails_since(k_mail)
    t.eq(len(after), 2, "it is sent again after the restart")
    t.ok(len(after) == 2 and after[0]["message_id"] == after[1]["message_id"],
         "with the same Message-ID, so the receiver can drop it", [a["message_id"] for a in after])
    t.eq([b["type"] for _, b in hooks_since(k_hook)], ["approval_needed"], "the webhook once")

    # --- every message once, the trail ---------------------------------------
    unsent = h.sql("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")[0][0]
    t.eq(unsent, 0, "every outbox row is sent")
    ids = collections.Counter(m["message_id"] for m in smtp.messages())
    t.eq([i for i, c in ids.items() if c > 1], [after[0]["message_id"]],
         "every mail arrived once, but the one repeated after the crash")
    hids = collections.Counter(hd["x-billflow-event-id"] for hd, _ in hook.delivered())
    t.eq([i for i, c in hids.items() if c > 1], [], "every webhook was accepted once")
    rows = h.sql("SELECT COUNT(*) FROM outbox")[0][0]
    t.eq(len(ids) + len(hids), rows, "one delivery per outbox row")
    rc, audit, err = h.json("--user", "ann", "audit")
    acts = collections.Counter(a["action"] for a in audit)
    t.ok(all(acts[a] >= 1 for a in ("await_approval", "approve", "decline", "remind", "escalate", "alert")),
         "the audit log has the trail: await_approval, approve, decline, remind, escalate, alert", acts)
    esc = [a for a in audit if a["action"] == "escalate"]
    t.ok(esc and esc[0]["new"] == "cid", "the escalation names the deputy", esc)
finally:
    smtp.stop()
    hook.stop()
    h.cleanup()
t.done()
