"""The approval workflow's scripted scenario, done by the long-running
service: `billflow run` (not --once) keeps running against a real inbox, a
real dovecot mailbox (tests/imap/dovecot.py), a real SMTP server (aiosmtpd)
and an HTTP webhook receiver, all on 127.0.0.1, with timers of seconds.

Users and rules are imported; invoices in each band are dropped into the
inbox; one is approved, one declined; two wait past approval.remind_after
and approval.escalate_after — one goes to its approver's deputy, the other,
whose approver's deputy has no limit covering it, to the approver of its
next level; the mailbox is stopped for longer than alert.after and started
again. Each mail and each webhook arrives exactly once, and the audit log
holds the trail. (A kill -9 between commit and send, and a repeat keeping its
id, is tests/e2e/test_notify.py's part F.) On either engine
(`service-pg-workflow`: the store read back with Home.sql)."""
import collections
import os
import shutil
import sys
import time

from svctest import Tap, Home, Service, wait_until, dovecot_or_skip

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from bftest import gen, invoice_spec  # noqa: E402
from notifytest import SmtpSink, Webhook, set_conf, available  # noqa: E402

t = Tap()
why = available()
if why:
    t.skip_all(why)
dovecot = dovecot_or_skip(t)

VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required
V300,Cobalt Cleaning Services Ltd,,GBP,14,Expenses:Cleaning,false
"""
# ben's deputy cid may take what ben cannot; gus's deputy hal may not (his
# limit is 1000), so gus's level-1 approvals go to the next level's cid.
USERS = """user,name,email,roles,approval_limit,currency,deputy
ann,Ann Admin,ann@example.com,admin,100000,GBP,
ben,Ben Boss,ben@example.com,approver,15000,GBP,cid
cid,Cid Chief,cid@example.com,approver,50000,GBP,
gus,Gus Head,gus@example.com,approver,50000,GBP,hal
hal,Hal Helper,hal@example.com,approver,1000,GBP,
eve,Eve Reviewer,eve@example.com,reviewer,,,
"""
RULES = """level,min_amount,max_amount,currency,vendor_id,account,approver
1,1000,10000,GBP,V300,,ben
1,10000,,GBP,,,gus
2,10000,,GBP,,,cid
"""
REMIND, ESCALATE, ALERT = 6, 12, 2

h = Home(keep=os.environ.get("KEEP") == "1")
h.home = h.path("home")
os.chmod(h.dir, 0o755)  # dovecot's unprivileged processes reach their folder
srv_dir = h.path("dovecot")
os.makedirs(srv_dir)
smtp = SmtpSink(h.dir)
hook = Webhook()
svc = None
n_doc = [0]


def drop(amount):
    """Writes a Cobalt invoice of `amount` GBP into the inbox (renamed into
    place, as a mail client or scanner should); returns its invoice number."""
    n_doc[0] += 1
    name = "W-%d" % n_doc[0]
    spec = invoice_spec(name, None, [("Office cleaning", "1", amount)], tax_rate_pct=0,
                        vendor="Cobalt Cleaning Services Ltd", date="2026-10-%02d" % n_doc[0])
    f = gen(spec, h.dir, name, pdf=True)
    tmp = os.path.join(h.home, "inbox", ".%s.part" % name)
    shutil.copy(f["pdf"], tmp)
    os.rename(tmp, os.path.join(h.home, "inbox", name + ".pdf"))
    return name


def doc_of(number):
    """(document id, state name, approval id or None) of an invoice once the
    service has committed it. The approvals are listed after the state is
    seen (the commit that makes a document awaiting_approval makes its
    approval too; listed before, a commit in between showed the state
    without the approval)."""
    found = h.sql("SELECT document_id FROM invoices WHERE invoice_number = '%s'" % number)
    row = found[0] if found else None
    if not row:
        return None
    rc, shown, err = h.json("--user", "ann", "show", str(row[0]))
    if not shown or not shown[0].get("state") or shown[0]["state"] == "received":
        return None
    rc, rows, err = h.json("--user", "ann", "approvals")
    ap = [r["id"] for r in rows if r.get("document_id") == row[0]] if rows else []
    if shown[0]["state"] == "awaiting_approval" and not ap:
        return None
    return row[0], shown[0]["state"], ap[0] if ap else None


def kinds(mails):
    return sorted((m["to"][0], m["subject"].split(" - ")[0]) for m in mails)


def mails_since(k):
    return smtp.messages()[k:]


try:
    smtp.start()
    info = dovecot.start(srv_dir)
    t.ok(True, "dovecot started on port %s" % info["imap_port"])
    t.eq(h.run("init").returncode, 0, "init")
    secret = h.write("webhook.secret", "hook-secret\n")
    os.chmod(secret, 0o600)
    for sec, key, value in (
            ("notify", "smtp_url", "smtp://127.0.0.1:%d" % smtp.port), ("notify", "from", "billflow@example.com"),
            ("notify", "webhook_url", hook.url()), ("notify", "webhook_secret_file", secret),
            ("notify", "retry_after", "1s"),
            ("imap", "url", "imap://127.0.0.1:%s/INBOX" % info["imap_port"]), ("imap", "user", info["user"]),
            ("imap", "password_file", info["password_file"]), ("imap", "poll_seconds", "1"),
            ("approval", "required_above", "1000"), ("approval", "remind_after", str(REMIND)),
            ("approval", "escalate_after", str(ESCALATE)), ("alert", "after", str(ALERT))):
        set_conf(h.home, sec, key, value)
    for kind, text in (("vendors", VENDORS), ("users", USERS)):
        p = h.run("import", kind, h.write(kind + ".csv", text))
        t.eq(p.returncode, 0, "import " + kind, p.stderr)
    p = h.run("--user", "ann", "import", "approvals", h.write("rules.csv", RULES))
    t.eq(p.returncode, 0, "import approvals", p.stderr)

    svc = Service(h, "-v", "run")
    t.ok(wait_until(lambda: any(x.get("source") == "imap" and x.get("ok")
                                for x in (h.json("--user", "ann", "status")[1] or [{}])[0].get("polls", [])), timeout=60),
         "billflow run is up and polls the mailbox")

    # --- one invoice in each band, approved and declined at once ----------------
    small, mid, big = drop("400.00"), drop("2400.00"), drop("24000.00")
    got = {n: wait_until(lambda n=n: doc_of(n), timeout=120) for n in (small, mid, big)}
    t.eq([got[n][1] if got[n] else None for n in (small, mid, big)],
         ["posted", "awaiting_approval", "awaiting_approval"],
         "the service posts the small one; the others read awaiting_approval")
    p = h.run("--user", "ben", "approve", str(got[mid][2]))
    t.eq(p.returncode, 0, "ben approves the 2400 (his vendor band)", p.stderr)
    p = h.run("--user", "gus", "decline", str(got[big][2]), "--reason", "not ordered")
    t.eq(p.returncode, 0, "gus declines the 24000 (level 1 above 10000)", p.stderr)
    t.eq(doc_of(mid)[1], "posted", "approved: posted")
    t.eq(doc_of(big)[1], "exception", "declined: to the queue")

    # --- two wait past the reminder and the escalation -----------------------------
    slow, slower = drop("3000.00"), drop("12000.00")
    got.update({n: wait_until(lambda n=n: doc_of(n), timeout=120) for n in (slow, slower)})
    t.eq([got[n][1] if got[n] else None for n in (slow, slower)], ["awaiting_approval"] * 2,
         "two more wait: 3000 for ben, 12000 for gus then cid")

    def count(kind):
        return sum(1 for m in smtp.messages() if m["subject"].startswith(kind))

    t.ok(wait_until(lambda: count("billflow: reminder") >= 2, timeout=REMIND + 60),
         "past approval.remind_after the running service sends reminders")
    t.ok(wait_until(lambda: count("billflow: escalated") >= 2, timeout=ESCALATE + 60),
         "past approval.escalate_after it escalates")
    t.eq(svc.p.poll(), None, "billflow run keeps running")
    # The first band's two may have waited past remind_after too before
    # they were decided (a slow machine): a reminder each at most.
    rem = [m for m in smtp.messages() if m["subject"].startswith("billflow: reminder")]
    early = [m for m in rem if " %s " % mid in m["subject"] or " %s " % big in m["subject"]]
    t.eq(sorted(m["to"][0] for m in rem if m not in early), ["ben@example.com", "gus@example.com"],
         "a reminder to each who must act")
    t.ok(len({m["subject"] for m in early}) == len(early), "and none twice", [m["subject"] for m in early])
    esc = [m for m in smtp.messages() if m["subject"].startswith("billflow: escalated")]
    t.eq(sorted((m["to"][0], "12000.00" in m["subject"]) for m in esc),
         [("cid@example.com", False), ("cid@example.com", True)],
         "both escalate to cid: ben's deputy, and the next level for gus's")
    body = [m["body"] for m in esc if "12000.00" in m["subject"]]
    t.ok(body and "hal's approval limit does not cover 12000.00 GBP" in body[0],
         "the escalation says why the deputy was passed over", body)
    rc, rows, err = h.json("--user", "cid", "approvals", "--mine")
    t.ok({got[slow][2], got[slower][2]} <= {r["id"] for r in rows}, "cid may act on both now", rows)
    p = h.run("--user", "hal", "approve", str(got[slower][2]))
    t.ok(p.returncode == 1 and "escalated to cid" in p.stderr and "not hal" in p.stderr,
         "hal, passed over, may not", p.stderr)
    rc, rows, err = h.json("--user", "cid", "approve", str(got[slow][2]))
    t.ok(rc == 0 and rows and rows[0]["status"] == "posted", "cid approves the 3000: posted", err)

    # --- the mailbox breaks for longer than alert.after, then comes back -------------
    k = len(smtp.messages())
    dovecot.stop(srv_dir)
    t.ok(wait_until(lambda: any(m["subject"].startswith("billflow: capture failing")
                                for m in mails_since(k)), timeout=ALERT + 60),
         "the mailbox unreachable past alert.after: an alert")
    alerts = [m for m in mails_since(k) if m["subject"].startswith("billflow: capture failing")]
    t.ok(alerts and alerts[0]["to"] == ["ann@example.com"] and "mailbox has been unreachable" in alerts[0]["body"],
         "to the admin, saying so", alerts)
    info = dovecot.start(srv_dir)
    t.ok(wait_until(lambda: any(x.get("source") == "imap" and x.get("ok")
                                for x in (h.json("--user", "ann", "status")[1] or [{}])[0].get("polls", [])), timeout=60),
         "the mailbox is back")
    time.sleep(2 * ALERT)  # a second alert would come now if the outage were counted twice
    t.eq(svc.p.poll(), None, "billflow run still runs")
    t.ok(wait_until(lambda: h.json("--user", "ann", "status")[1][0]["notifications"]["waiting"] == 0,
                    timeout=60), "the outbox is empty: everything committed was sent")
    rc = svc.stop()
    t.eq(rc, 0, "billflow run stops cleanly on SIGTERM")
    svc = None

    # --- each mail and webhook once, and the trail ----------------------------------
    mails = smtp.messages()
    ids = collections.Counter(m["message_id"] for m in mails)
    t.eq([i for i, c in ids.items() if c > 1], [], "every mail arrived once (Message-IDs unique)")
    t.eq(sum(1 for m in mails if m["subject"].startswith("billflow: capture failing")), 1,
         "one alert for the one outage")
    t.eq(kinds(mails), sorted([
        ("ben@example.com", "billflow: approval needed"), ("gus@example.com", "billflow: approval needed"),
        ("ben@example.com", "billflow: approval needed"), ("gus@example.com", "billflow: approval needed"),
        ("ann@example.com", "billflow: invoice declined"), ("eve@example.com", "billflow: invoice declined"),
        ("ben@example.com", "billflow: reminder: approval waiting"),
        ("gus@example.com", "billflow: reminder: approval waiting"),
        ("cid@example.com", "billflow: escalated: approval waiting"),
        ("cid@example.com", "billflow: escalated: approval waiting"),
        ("ann@example.com", "billflow: capture failing")] + [(m["to"][0], m["subject"].split(" - ")[0])
                                                             for m in early]),
        "approval needed to each approver, declined to reviewer and admin, one reminder each, "
        "one escalation each, one alert",
        [m["subject"] for m in mails])
    hooks = hook.delivered()
    hids = collections.Counter(hd["x-billflow-event-id"] for hd, _ in hooks)
    t.eq([i for i, c in hids.items() if c > 1], [], "every webhook was accepted once")
    t.eq(sorted(collections.Counter(b["type"] for _, b in hooks).items()),
         [("approval_needed", 4), ("capture_failing", 1), ("declined", 1), ("escalation", 2),
          ("reminder", 2 + len(early))],
         "one webhook per event: 4 approvals needed, the decline, 2 reminders, 2 escalations, the alert")
    rows = h.sql("SELECT COUNT(*), SUM(CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END) FROM outbox")[0]
    t.eq((rows[0], rows[1]), (len(ids) + len(hids), 0), "one delivery per outbox row, none unsent")
    rc, audit, err = h.json("--user", "ann", "audit")
    acts = collections.Counter(a["action"] for a in audit)
    t.ok(all(acts[a] >= 1 for a in ("await_approval", "approve", "decline", "remind", "escalate", "alert")),
         "the audit log has the trail: await_approval, approve, decline, remind, escalate, alert", acts)
    esc = sorted((a["old"], a["new"]) for a in audit if a["action"] == "escalate")
    t.eq(esc, [("ben", "cid"), ("gus", "cid")], "each escalation recorded: from whom, to whom")
finally:
    if svc:
        svc.stop(sig=9)
    dovecot.stop(srv_dir)
    smtp.stop()
    hook.stop()
    h.cleanup()
t.done()
