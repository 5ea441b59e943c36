"""The review TUI through tmux: the real binary on a real home (made with
init, import and process on generated invoices), keys sent with send-keys,
the screen read with capture-pane, outcomes checked with queue/ledger/audit."""
import os
import shlex
import subprocess
import sys
import time

SRCDIR = os.environ.get("BILLFLOW_SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SRCDIR, "tests", "e2e"))
sys.path.insert(0, os.path.dirname(__file__))
from bftest import BILLFLOW, Tap, Home, gen, invoice_spec  # noqa: E402
from hostile_pdf import write_pdf  # noqa: E402
import tmuxscreen  # noqa: E402

t = Tap()
if subprocess.run(["sh", "-c", "command -v tmux"], capture_output=True).returncode != 0:
    t.skip_all("tmux is not installed")
h = Home(keep=os.environ.get("KEEP") == "1")
SOCKET = "bftest-%d" % os.getpid()

VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account
V100,ACME Industrial Supplies Ltd,ACME Industrial;ACME,GBP,30,Expenses:Supplies
V200,Borealis Office GmbH,Borealis,EUR,14,Expenses:Office
"""
POS = """po_number,vendor_id,line_no,description,quantity,unit_price,currency
PO-7781,V100,1,Steel bolts M8,200,0.45,GBP
PO-7781,V100,2,Hex nuts M8,400,0.15,GBP
PO-7782,V100,1,Welding rods,60,2.40,GBP
PO-7783,V100,1,Safety gloves,20,4.75,GBP
"""
RECEIPTS = """receipt_id,po_number,line_no,quantity_received,received_date
GR-1,PO-7781,1,200,2026-11-01
GR-2,PO-7781,2,400,2026-11-01
GR-3,PO-7782,1,50,2026-11-02
GR-4,PO-7783,1,20,2026-11-02
"""


def tmux(*args, check=True):
    return tmuxscreen.tmux(SOCKET, *args, check=check)


class Screen(tmuxscreen.Screen):
    """One reviewer's `billflow review` in a detached tmux session."""

    def __init__(self, name, user, w=80, h_=24, env=None, home=None):
        super().__init__(SOCKET, BILLFLOW, home or h.home, name, user, w=w, h_=h_, env=env)


def queue():
    rc, rows, _ = h.json("queue")
    return {r["invoice_number"]: r for r in rows}


def audit():
    return h.json("audit")[1]


def ledger():
    return h.json("ledger")[1]


def process(spec, name, **kw):
    f = gen(spec, h.dir, name, pdf=True)
    rc, rows, err = h.json("process", f["pdf"])
    d = rows[0] if rows else {}
    return d


try:
    t.eq(h.run("init").returncode, 0, "init")
    for kind, text in (("vendors", VENDORS), ("pos", POS), ("receipts", RECEIPTS)):
        t.eq(h.run("import", kind, h.write(kind + ".csv", text)).returncode, 0, "import " + kind)

    # A queue of mixed reasons.
    d1 = process(invoice_spec("INV-30001", "PO-7783", [("Safety gloves", "20", "5.25")]), "price")
    d2 = process(invoice_spec("INV-30002", "PO-7782", [("Welding rods", "60", "2.40")]), "qty")
    d3 = process(invoice_spec("INV-30003", "PO-7719", [("Steel bolts M8", "200", "0.45")]), "nopo")
    d5 = process(invoice_spec("BO-55", None, [("Paper A4", "10", "4.00")], currency="EUR",
                              vendor="Borealis Office GmbH", tax_rate_pct=19), "borealis")
    # A document made to attack the terminal: escape codes in its text layer
    # and in its file name, and an invoice number typed in with them.
    evil_name = h.path("evil\x1b]0;pwned\x07.pdf")
    write_pdf(evil_name, "INV-30004")
    rc, rows, err = h.json("process", evil_name)
    d4 = rows[0] if rows else {}
    ids = {k: d.get("exception_id") for k, d in
           (("INV-30001", d1), ("INV-30002", d2), ("INV-30003", d3), ("INV-30004", d4), ("BO-55", d5))}
    t.ok(all(ids.values()), "five invoices are queued", ids)
    p = h.run("--user", "carol", "resolve", str(ids["INV-30004"]),
              "--set", "invoice_number=INV-\x1b[2JX")
    t.eq(p.returncode, 0, "an invoice number with an escape code is stored (resolve --set)")
    q = queue()
    t.eq(len(q), 5, "queue --json lists five open exceptions")

    # ---- list
    a = Screen("alice", "alice", env={"BILLFLOW_VIEWER": "sh %s" % h.write(
        "viewer.sh", "echo \"$@\" > %s\n" % shlex.quote(h.path("viewer.out")))})
    t.ok(a.wait("billflow review · alice · 5 open"), "the queue opens with a title and the count",
         a.text())
    s = a.text()
    t.ok(all(n in s for n in ("INV-30001", "INV-30002", "INV-30003", "BO-55")),
         "one row per open exception", s)
    t.ok("price_variance" in a.lines()[1] and "quantity_exceeds_received" in s and "missing_po" in s,
         "a header line counts the reasons", s)
    rows = [ln for ln in a.lines() if "INV-3000" in ln or "BO-55" in ln]
    t.eq([("INV-30001" in r, "INV-30002" in r) for r in rows[:2]], [(True, False), (False, True)],
         "rows are sorted by age, oldest first")
    t.ok("INV-\\x1b[2JX" in s, "an escape code in a field shows escaped in the list", s)
    t.ok("\x1b" not in s, "no raw escape reaches the screen")

    # ---- filter
    a.keys("/")
    a.type("quantity")
    a.keys("Enter")
    t.ok(a.wait(lambda s: "1 shown" in s and "INV-30002" in s and "INV-30001" not in s),
         "/ filters by reason", a.text())
    a.keys("/")
    a.keys("C-u")
    a.type("borealis")
    a.keys("Enter")
    t.ok(a.wait(lambda s: "1 shown" in s and "BO-55" in s and "INV-30002" not in s),
         "/ filters by vendor", a.text())
    a.show_all()
    t.ok(a.wait(lambda s: "INV-30001" in s and "shown" not in s), "an empty filter shows all", a.text())

    # ---- help
    a.keys("?")
    t.ok(a.wait("billflow review - keys"), "? shows every key", a.text())
    a.keys("x")
    t.ok(a.gone("billflow review - keys"), "any key closes the help")

    # ---- open: fields, confidence, reasons, lines beside the PO, page text
    t.ok(a.open("INV-30001"), "Enter opens an exception", a.text())
    s = a.text()
    t.ok("exception %d" % ids["INV-30001"] in s, "the detail names the exception", s)
    right = " ".join(ln[49:].strip() for ln in a.lines()[1:11])
    t.ok("price_variance: a unit price is off the PO" in right, "each reason in words", right)
    t.ok("line 1: unit price 5.25 vs PO 4.75, +10.5%, tolerance 2%" in right, "with its detail", right)
    t.ok("Safety gloves" in s and "4.75" in s and "RECV" in s, "invoice lines beside the PO lines", s)
    doubtful = [ln for ln in a.lines() if ln.startswith("  due date")]
    t.ok(doubtful and doubtful[0][:48].rstrip().endswith("0.79 ?"), "a doubtful field is marked with '?'",
         doubtful)
    sure = [ln for ln in a.lines() if ln.startswith("  total ")]
    t.ok(sure and not sure[0][:48].rstrip().endswith("?"), "a sure field is not", sure)
    t.ok("PAGE TEXT around vendor" in s and "Invoice No: INV-30001" in s, "the page text is shown", s)
    a.keys("j")
    t.ok(a.wait("PAGE TEXT around invoice no"), "j selects the next field and its text", a.text())
    esc = tmux("capture-pane", "-p", "-e", "-t", "alice").stdout
    hit = [ln for ln in esc.split("\n") if "INV-30001" in ln and "Invoice No" in ln]
    t.ok(hit and "\x1b[" in hit[0].split("Invoice No:")[1], "the field is highlighted in the text", hit)

    # ---- two reviewers on one exception
    b = Screen("bob", "bob")
    t.ok(b.wait("billflow review · bob"), "a second reviewer starts")
    row = [ln for ln in b.lines() if "INV-30001" in ln]
    t.ok(row and "[alice]" in row[0], "the queue shows who has an exception open", row)
    t.ok(b.open("INV-30001"), "bob opens alice's exception", b.text())
    t.ok("TAKEN BY alice" in b.text(), "bob sees it is taken by alice", b.text())
    b.keys("p")
    t.ok(b.wait("is taken by alice"), "bob cannot post it", b.text())
    b.keys("r")
    t.ok(b.wait("is taken by alice") and "reject, reason" not in b.text(), "nor reject it")
    t.ok(ids["INV-30001"] == queue().get("INV-30001", {}).get("id"), "it is still open (queue --json)")
    b.keys("q")

    # ---- post with override, declined first
    a.keys("p")
    t.ok(a.wait("Override them and post? (y/N)") and "price_variance" in a.lines()[-2],
         "post asks to confirm the override of the remaining reasons", a.text())
    a.keys("n")
    t.ok(a.wait("not posted"), "n declines")
    t.ok("INV-30001" in queue(), "still open after declining")
    a.keys("p")
    a.wait("Override them")
    a.keys("y")
    t.ok(a.wait("posted as entry"), "y posts with the override", a.text())
    t.ok("INV-30001" not in queue(), "the exception left the queue (queue --json)")
    au = audit()
    t.ok(any(r["action"] == "override" and r["user"] == "alice" and "price_variance" in (r["new"] or "")
             for r in au), "the override is audited under alice", au[-4:])
    led = ledger()
    t.ok(any(e.get("invoice_number") == "INV-30001" for e in led), "the entry is in the ledger", led)

    # ---- edit a field: the checks run again and it posts
    a.show_all()
    t.ok(a.open("INV-30003"), "open the invoice with an unknown PO")
    t.ok("po_not_found" in a.text(), "reason po_not_found")
    for _ in range(8):          # vendor -> po number
        a.keys("j")
    t.ok(a.wait("PAGE TEXT around po number"), "select the PO number")
    a.keys("e")
    t.ok(a.wait("po number: PO-7719"), "e edits the field in place", a.text())
    a.keys("C-u")
    a.type("PO-7781")
    a.keys("Enter")
    t.ok(a.wait("posted as entry"), "the corrected invoice passes and posts", a.text())
    au = audit()
    t.ok(any(r["action"] == "edit" and r["user"] == "alice" and r.get("field") == "po_number"
             and r.get("new") == "PO-7781" for r in au), "the edit is audited under alice", au[-4:])
    t.ok("INV-30003" not in queue() and any(e.get("invoice_number") == "INV-30003" for e in ledger()),
         "posted: gone from the queue, in the ledger")

    # ---- recheck: still open, then passes once goods are received
    a.show_all()
    t.ok(a.open("INV-30002"), "open the over-billed invoice")
    a.keys("c")
    t.ok(a.wait("recheck: still open: quantity_exceeds_received"), "c rechecks: still open", a.text())
    t.ok(any(r["action"] == "recheck" and r["user"] == "alice" for r in audit()), "recheck is audited")
    # The goods arrive; importing them rechecks the queue and posts it.
    h.run("import", "receipts", h.write("more.csv", "receipt_id,po_number,line_no,quantity_received,"
                                        "received_date\nGR-5,PO-7782,1,10,2026-11-04\n"))
    t.ok("INV-30002" not in queue(), "the import's recheck posted it (queue --json)")
    a.keys("c")
    t.ok(a.wait("was already resolved") and "RESOLVED" in a.lines()[0],
         "acting on it now says it was already resolved", a.text())
    a.keys("q")
    t.ok(a.wait(lambda s: "· 2 open" in s), "back on the queue, reloaded",
         a.text())

    # ---- reject with a reason
    a.show_all()
    t.ok(a.open("BO-55"), "open the Borealis invoice")
    a.keys("r")
    t.ok(a.wait("reject, reason:"), "r asks for a reason")
    a.type("not our order")
    a.keys("Enter")
    t.ok(a.wait("rejected"), "rejected", a.text())
    t.ok("BO-55" not in queue(), "rejected exception left the queue")
    t.ok(any(r["action"] == "reject" and r["user"] == "alice" and r.get("new") == "not our order"
             for r in audit()), "the rejection and its reason are audited under alice")

    # ---- hostile document
    a.show_all()
    t.ok(a.open("INV-"), "open the hostile document", a.text())
    s = a.text()
    t.ok("evil\\x1b]0;pwned\\x07.pdf" in s, "the file name's escape codes show escaped", s)
    t.ok("INV-\\x1b[2JX" in s, "the field's escape codes show escaped", s)
    t.ok(s.split("\n")[0].startswith(" exception"), "the screen was not cleared by the document", s)
    t.ok(tmux("display-message", "-p", "-t", "alice", "#{pane_title}").stdout.strip() != "pwned",
         "the document did not set the terminal's title")

    # ---- open the original, without blocking
    a.keys("o")
    t.ok(a.wait("opening the original"), "o opens the original", a.text())
    end = time.time() + 5
    while not os.path.exists(h.path("viewer.out")) and time.time() < end:
        time.sleep(0.1)
    out = open(h.path("viewer.out")).read() if os.path.exists(h.path("viewer.out")) else ""
    sha = d4.get("extract", {}).get("sha256", "")
    t.ok(sha and sha[2:] in out, "$BILLFLOW_VIEWER got the stored original's path", out)

    # ---- resize
    tmux("resize-window", "-t", "alice", "-x", "100", "-y", "30")
    t.ok(a.wait(lambda s: len(s.rstrip("\n").split("\n")) == 30 and "[V100]" in s),
         "the screen follows a resize to 100x30 (wider fields)", a.text())
    a.keys("q")
    t.ok(a.wait(lambda s: "ACME Industrial Supplies Ltd" in s), "wider columns at 100 columns", a.text())
    tmux("resize-window", "-t", "alice", "-x", "80", "-y", "24")
    t.ok(a.wait(lambda s: len(s.rstrip("\n").split("\n")) == 24 and "q quit" in s.rstrip("\n").split("\n")[-1]),
         "and back to 80x24", a.text())

    # ---- resolved under our feet: shown as already resolved
    t.ok(a.open("INV-"), "open it again")
    p = h.run("--user", "dave", "resolve", str(ids["INV-30004"]), "--reject", "dup")
    t.ok(p.returncode == 1 and "being reviewed by alice" in p.stderr,
         "another reviewer's script cannot act on an exception alice has open", p.stderr)
    p = h.run("--user", "alice", "resolve", str(ids["INV-30004"]), "--reject", "dup")
    t.eq(p.returncode, 0, "alice resolves it with the command line meanwhile")
    a.keys("c")
    t.ok(a.wait("was already resolved"), "the TUI says it was already resolved", a.text())
    a.keys("q")
    t.ok(a.wait("no open exceptions"), "the queue is clear", a.text())

    # ---- quit
    a.keys("q")
    t.ok(a.wait("REVIEW-EXITED 0"), "q on the queue quits with status 0", a.text())
    au = audit()
    acts = {(r["action"], r["user"]) for r in au}
    t.ok({("override", "alice"), ("edit", "alice"), ("recheck", "alice"), ("reject", "alice")} <= acts,
         "billflow audit shows every action under the reviewer's name", sorted(acts))
    t.ok(not any(r["user"] == "bob" for r in au), "bob's refused actions left no trace")

    # ---- 10 000 exceptions: loaded once, scrolled by redrawing visible rows
    big = Home()
    try:
        big.run("init")
        big.run("queue")        # migrates the new database
        reasons = ["price_variance", "total_mismatch", "duplicate", "unknown_vendor"]
        n = range(1, 10001)
        rows = {
            "documents (id, sha256, filename, received_at, state)":
                ["(%d, '%064x', 'f%d.pdf', '2026-11-01T00:00:00.000Z', 2)" % (i, i, i) for i in n],
            "invoices (id, document_id, vendor_name, invoice_number, total_minor, total_currency, currency,"
            " updated_at)":
                ["(%d, %d, 'Vendor %d', 'BIG-%05d', %d, 'GBP', 'GBP', 'x')" % (i, i, i % 97, i, i * 100) for i in n],
            "exceptions (id, document_id, state, created_at)":
                ["(%d, %d, 0, '2026-11-01T00:00:%02d.%03dZ')" % (i, i, i // 1000, i % 1000) for i in n],
            "exception_reasons (exception_id, seq, reason, detail)":
                ["(%d, 1, '%s', NULL)" % (i, reasons[i % 4]) for i in n],
        }
        script = "".join("INSERT INTO %s VALUES %s;" % (table, ",".join(v)) for table, v in rows.items())
        # the queue's kept listing of them, as billflow keeps it (store migration 17)
        script += ("INSERT INTO queue_rows (exception_id, document_id, created_at, vendor,"
                   " invoice_number, total_minor, total_currency, filename)"
                   " SELECT e.id, e.document_id, e.created_at, i.vendor_name, i.invoice_number,"
                   " i.total_minor, i.total_currency, d.filename FROM exceptions e"
                   " JOIN documents d ON d.id = e.document_id JOIN invoices i ON i.document_id = d.id;"
                   "INSERT INTO queue_reasons SELECT * FROM exception_reasons;")
        big.sql_script(script)  # SQLite or PostgreSQL, as the home's store is
        start = time.time()
        g = Screen("big", "gina", home=big.home)
        t.ok(g.wait("10000 open", timeout=20), "10 000 exceptions load", g.text())
        print("# 10 000 exceptions loaded in %.1f s" % (time.time() - start))
        start = time.time()
        for _ in range(5):
            tmux("send-keys", "-t", "big", *(["j"] * 40))
        t.ok(g.wait(lambda s: ">" in "".join(ln[:1] for ln in s.split("\n")) and "BIG-00201" in s),
             "200 key presses move down the list", g.text())
        tmux("send-keys", "-t", "big", "G")
        t.ok(g.wait("BIG-10000"), "G jumps to the last of 10 000", g.text())
        print("# 200 moves and a jump over 10 000 rows took %.1f s" % (time.time() - start))
        g.keys("/")
        g.type("duplicate")
        g.keys("Enter")
        t.ok(g.wait("2500 shown"), "the filter runs over 10 000 rows", g.text())
        g.keys("q")
    finally:
        big.cleanup()

    # NO_COLOR (https://no-color.org) turns colour off; without it the title bar is coloured.
    def sgr_colours(name):
        esc = tmux("capture-pane", "-p", "-e", "-t", name).stdout
        return [c for c in __import__("re").findall(r"\x1b\[([0-9;]*)m", esc)
                if any(__import__("re").fullmatch(r"3[0-8]|4[0-8]|9[0-7]|10[0-7]", p_)
                       for p_ in c.split(";"))]
    c1 = Screen("colour", "carol")
    t.ok(c1.wait("open"), "the queue opens for the colour check", c1.text())
    t.ok(sgr_colours("colour"), "by default the screen uses colour")
    c1.keys("q")
    c2 = Screen("nocolour", "carol", env={"NO_COLOR": "1"})
    t.ok(c2.wait("open"), "the queue opens with NO_COLOR set", c2.text())
    t.eq(sgr_colours("nocolour"), [], "NO_COLOR: no colour escapes on the screen")
    c2.keys("q")

    p = subprocess.run([BILLFLOW, "review"], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                       env=dict(os.environ, BILLFLOW_HOME=h.home))
    t.ok(p.returncode == 1 and "terminal" in p.stderr, "review without a terminal fails cleanly", p.stderr)
finally:
    tmux("kill-server", check=False)
    h.cleanup()
t.done()
