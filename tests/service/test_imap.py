"""The mailbox end to end through `billflow run --once` against a real
dovecot (tests/imap/dovecot.py): attachments of every mail are committed
before the mail is marked seen; a mail without an attachment is recorded,
left unseen and shown by status; nothing is fetched twice; a server that is
gone leaves the mail untouched and the next run takes it."""
import email.message
import imaplib
import os

from svctest import Tap, Home, make_pdfs, db_shas, sha256, dovecot_or_skip

t = Tap()
dovecot = dovecot_or_skip(t)

h = Home(keep=os.environ.get("KEEP") == "1")
# A billflow built before the IMAP client (capture/imap.c) says so at start-up.
h.home = h.path("probe")
h.run("init")
probe = h.run("run", "--once", "--set", "imap.url=imap://127.0.0.1:9/INBOX", timeout=60)
if "without IMAP support" in probe.stderr:
    h.cleanup()
    t.skip_all("billflow was built without the IMAP client")
h.home = h.path("home")
srv_dir = h.path("dovecot")
os.makedirs(srv_dir)
# dovecot's auth and mail processes run unprivileged (dovenull): they must be
# able to reach their files through the test's private temporary folder.
os.chmod(h.dir, 0o755)


def pdf_part(msg, data, name, ctype="application/pdf"):
    maintype, subtype = ctype.split("/")
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)


def mail(subject, parts=(), text="Please find the invoice attached."):
    m = email.message.EmailMessage()
    m["From"] = "Accounts <ar@acme.example>"
    m["To"] = "ap@globex.example"
    m["Subject"] = subject
    m["Message-ID"] = "<%s@acme.example>" % subject.replace(" ", "-")
    m.set_content(text)
    for data, name, ctype in parts:
        pdf_part(m, data, name, ctype)
    return m


def connect(info):
    c = imaplib.IMAP4("127.0.0.1", int(info["imap_port"]))
    c.login(info["user"], info["password"])
    c.select("INBOX")
    return c


def seen_by_subject(info):
    c = connect(info)
    typ, data = c.uid("SEARCH", None, "ALL")
    out = {}
    for uid in data[0].split():
        typ, d = c.uid("FETCH", uid, "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        flags = d[0][0].decode()
        subj = d[0][1].decode().split(":", 1)[1].strip()
        out[subj] = "\\Seen" in flags
    c.logout()
    return out


try:
    info = dovecot.start(srv_dir)
    t.ok(True, "dovecot started on port %s" % info["imap_port"])
    pdfs = [open(p, "rb").read() for p in make_pdfs(h, 6, seed=31)]
    shas = [sha256(p) for p in make_pdfs(h, 6, seed=31)]

    fwd = mail("forwarded", parts=[(pdfs[3], "inner.pdf", "application/pdf")])
    outer = email.message.EmailMessage()
    outer["From"] = "Boss <boss@globex.example>"
    outer["To"] = "ap@globex.example"
    outer["Subject"] = "Fwd: invoice"
    outer.set_content("See below.")
    outer.add_attachment(fwd)  # message/rfc822
    mails = [
        mail("one pdf", [(pdfs[0], "invoice-1.pdf", "application/pdf")]),
        mail("two pdfs", [(pdfs[1], "a.pdf", "application/pdf"),
                          (pdfs[2], "b.pdf", "application/octet-stream")]),
        mail("no attachment", text="Our invoice will follow next week."),
        outer,
        mail("hostile name", [(pdfs[4], "../../etc/passwd.pdf", "application/pdf")]),
    ]
    c = connect(info)
    for m in mails:
        c.append("INBOX", None, None, m.as_bytes())
    c.logout()

    home_sets = ["--set", "imap.url=imap://127.0.0.1:%s/INBOX" % info["imap_port"],
                 "--set", "imap.user=" + info["user"],
                 "--set", "imap.password_file=" + info["password_file"],
                 "--set", "imap.after=seen", "--set", "imap.poll_seconds=1"]
    p = h.run("init")
    t.eq(p.returncode, 0, "init")
    p = h.run("run", "--once", *home_sets, timeout=300)
    t.eq(p.returncode, 0, "run --once against the mailbox exits 0")
    got = db_shas(h)
    t.eq(sorted(got), sorted(shas[:5]), "every attachment recorded once (forwarded and octet-stream too)",)
    flags = seen_by_subject(info)
    t.ok(flags.get("one pdf") and flags.get("two pdfs") and flags.get("Fwd: invoice")
         and flags.get("hostile name"), "mails with committed attachments are marked seen", flags)
    t.eq(flags.get("no attachment"), False, "the mail without an attachment is left unseen")
    t.ok(not os.path.exists(os.path.join(h.home, "..", "etc", "passwd.pdf")) and
         not os.path.exists(os.path.join(h.home, "etc")), "a hostile name is never a path")
    rc, rows, _ = h.json("status", *home_sets)
    st = rows[0] if rows else {}
    t.eq(st.get("sources", {}).get("imap"), 5, "status: 5 documents from imap")
    t.eq(st.get("mails", {}).get("no_attachment"), 1, "status: one mail without an attachment")
    t.ok(any(m.get("subject") == "no attachment" for m in st.get("mails", {}).get("not_acknowledged", [])),
         "status lists it", st.get("mails"))
    t.ok(any(x.get("source") == "imap" and x.get("ok") for x in st.get("polls", [])),
         "status shows the last imap poll, ok", st.get("polls"))

    p = h.run("-v", "run", "--once", *home_sets, timeout=300)
    t.eq(p.returncode, 0, "a second run --once exits 0")
    t.eq(len(db_shas(h)), 5, "nothing is made twice")
    t.ok("0 new mails handled" in p.stderr, "and nothing is fetched again", p.stderr)

    # The server goes away: the new mail stays untouched, the next run takes it.
    c = connect(info)
    c.append("INBOX", None, None, mail("while down", [(pdfs[5], "late.pdf", "application/pdf")]).as_bytes())
    c.logout()
    dovecot.stop(srv_dir)
    p = h.run("run", "--once", *home_sets, timeout=300)
    t.eq(p.returncode, 1, "run --once with the server gone exits 1")
    t.eq(len(db_shas(h)), 5, "nothing recorded while the server is gone")
    rc, rows, _ = h.json("status", *home_sets)
    st = rows[0] if rows else {}
    t.ok(any(x.get("source") == "imap" and not x.get("ok") for x in st.get("polls", [])),
         "status shows the failed poll", st.get("polls"))
    info = dovecot.start(srv_dir)
    t.eq(seen_by_subject(info).get("while down"), False, "the mail is untouched")
    p = h.run("run", "--once", *home_sets, timeout=300)
    t.eq(p.returncode, 0, "with the server back, run --once exits 0")
    t.eq(sorted(db_shas(h)), sorted(shas), "the mail's attachment is recorded")
    t.eq(seen_by_subject(info).get("while down"), True, "and the mail is marked seen")
finally:
    try:
        dovecot.stop(srv_dir)
    finally:
        h.cleanup()
t.done()
