"""Three `billflow run` on one PostgreSQL store reading one IMAP mailbox (a
real dovecot, tests/imap/dovecot.py): each mail is claimed in the store
before it is fetched, so one service fetches it; one service is killed with
SIGKILL while it reads a scanned attachment, and once its lease runs out a
live one takes the mail's claim over. Every mail is recorded once and marked
seen, every attachment makes one document, no mail is fetched twice but the
one taken over, and no claim is left. Runs inside tests/pg/pgcluster.py run
(BILLFLOW_TEST_ENGINE=pg); skipped without PostgreSQL or dovecot."""
import email.message
import imaplib
import os
import re
import signal
import time

from svctest import Tap, Home, Service, psql, make_pdfs, sha256, dovecot_or_skip, wait_until

t = Tap()
if os.environ.get("BILLFLOW_TEST_ENGINE") != "pg" or not os.environ.get("BILLFLOW_PG_URL"):
    t.skip_all("runs on PostgreSQL only (meson test service-pg-imap starts a throwaway cluster)")
dovecot = dovecot_or_skip(t)
h = Home(keep=os.environ.get("KEEP") == "1")
srv_dir = h.path("dovecot")
os.makedirs(srv_dir)
os.chmod(h.dir, 0o755)  # dovecot's unprivileged processes reach their files


def sql(query):
    return psql(h, query)


def mail(n, path):
    m = email.message.EmailMessage()
    m["From"] = "Accounts <ar@acme.example>"
    m["To"] = "ap@globex.example"
    m["Subject"] = "invoice %02d" % n
    m["Message-ID"] = "<invoice-%02d@acme.example>" % n
    m.set_content("Please find the invoice attached.")
    ext = os.path.splitext(path)[1]
    with open(path, "rb") as f:
        m.add_attachment(f.read(), maintype="image" if ext == ".png" else "application",
                         subtype="png" if ext == ".png" else "pdf", filename="invoice-%02d%s" % (n, ext))
    return m


def seen_flags(info):
    c = imaplib.IMAP4("127.0.0.1", int(info["imap_port"]))
    c.login(info["user"], info["password"])
    c.select("INBOX")
    typ, data = c.uid("FETCH", "1:*", "(FLAGS)")
    c.logout()
    return {int(re.search(rb"UID (\d+)", d).group(1)): b"\\Seen" in d for d in data if d}


FETCHED = re.compile(r"imap uid (\d+): fetched")
services = []
try:
    info = dovecot.start(srv_dir)
    t.ok(True, "dovecot started on port %s" % info["imap_port"])
    # Scans first (UIDs 1-4): their OCR keeps a service busy long enough to
    # be killed holding one; then born-digital PDFs.
    files = make_pdfs(h, 4, seed=51, formats="png") + make_pdfs(h, 11, seed=52)
    want = sorted(sha256(p) for p in files)
    n_mails = len(files)
    t.eq(len(set(want)), n_mails, "%d distinct attachments" % n_mails)
    c = imaplib.IMAP4("127.0.0.1", int(info["imap_port"]))
    c.login(info["user"], info["password"])
    for i, p in enumerate(files):
        c.append("INBOX", None, None, mail(i + 1, p).as_bytes())
    c.logout()
    scans = set(range(1, 5))

    t.eq(h.run("init").returncode, 0, "init on PostgreSQL")
    args = ("-v", "run", "--set", "ocr.workers=1", "--set", "store.lease_seconds=3",
            "--set", "imap.url=imap://127.0.0.1:%s/INBOX" % info["imap_port"],
            "--set", "imap.user=" + info["user"], "--set", "imap.password_file=" + info["password_file"],
            "--set", "imap.after=seen", "--set", "imap.poll_seconds=1")
    services = [Service(h, *args) for _ in range(3)]

    # The first service to fetch a scan's mail is killed while it reads it.
    victim, victim_uid = None, None
    end = time.time() + 180
    while time.time() < end and victim is None:
        for s in services:
            got = [int(m.group(1)) for line in s.log() for m in [FETCHED.search(line)] if m]
            if any(u in scans for u in got):
                victim, victim_uid = s, [u for u in got if u in scans][0]
                break
        time.sleep(0.01)
    t.ok(victim is not None, "a service fetched a scan's mail (uid %s)" % victim_uid)
    victim_id = None
    if victim is not None:
        time.sleep(0.3)
        victim_id = "%s.%d" % (os.uname().nodename, victim.p.pid)
        victim.stop(signal.SIGKILL)
        vlog = victim.log()
        t.ok(not any("imap uid %d:" % victim_uid in line and "committed" in line for line in vlog),
             "killed with SIGKILL before its mail was committed", vlog[-5:])
        services.remove(victim)

    # Drained: every mail recorded, through status (the same on either engine).
    def drained():
        st = h.json("status")[1]
        st = st[0] if st else {}
        return st.get("mails", {}).get("handled") == n_mails and st
    st = wait_until(drained, timeout=600, step=1)
    t.ok(st, "status: all %d mails handled" % n_mails, st and st.get("mails"))
    t.ok(all(s.p.poll() is None for s in services), "the two live services still run")
    live_ids = ["%s.%d" % (os.uname().nodename, s.p.pid) for s in services]
    inst = {i["id"]: i["live"] for i in (st or {}).get("service", {}).get("instances", [])}
    t.ok(all(inst.get(i) for i in live_ids) and not inst.get(victim_id),
         "status lists the live services, the dead one not live", inst)
    for s in services:
        s.stop(signal.SIGTERM)
    logs = {s: s.log() for s in services}
    if victim is not None:
        logs[victim] = victim.log()

    got = sorted(r[0] for r in sql("SELECT sha256 FROM documents"))
    t.eq(got, want, "each attachment made exactly one document")
    rows = sql("SELECT uid, outcome, documents FROM service_mails ORDER BY uid")
    t.eq([(int(u), o, int(d)) for u, o, d in rows], [(u, "documents", 1) for u in range(1, n_mails + 1)],
         "each mail recorded once, with its document")
    t.eq(sql("SELECT COUNT(*) FROM mail_claims"), [["0"]], "no claim is left")
    flags = seen_flags(info)
    t.eq(sorted(u for u, seen in flags.items() if seen), list(range(1, n_mails + 1)),
         "every mail is marked seen")

    fetches = {}
    for s, lines in logs.items():
        for line in lines:
            m = FETCHED.search(line)
            if m:
                fetches.setdefault(int(m.group(1)), []).append(s.p.pid)
    print("# fetches per uid (pids): %s" % sorted(fetches.items()))
    twice = {u: p for u, p in fetches.items() if len(p) > 1}
    t.eq(sorted(fetches), list(range(1, n_mails + 1)), "every mail was fetched")
    t.ok(set(twice) <= {victim_uid} and all(len(p) == 2 for p in twice.values()),
         "no mail was fetched by two services but the killed one's", twice)
    took = [line for lines in logs.values() for line in lines
            if "imap uid %s: taking the mail over from %s" % (victim_uid, victim_id) in line]
    t.ok(victim_uid in twice and took, "a live service took the killed one's mail over", took)
    pids = {p for ps in fetches.values() for p in ps}
    t.ok(len(pids) >= 2, "the services shared the mailbox (%d of them fetched mails)" % len(pids))
finally:
    for s in services:
        s.stop(signal.SIGKILL)
    try:
        dovecot.stop(srv_dir)
    finally:
        h.cleanup()
t.done()
