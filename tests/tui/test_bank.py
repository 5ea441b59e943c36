"""The bank queue in the review TUI through tmux: statement lines that
matched nothing are listed with their reasons ('b' from the queue); one is
matched by hand to a bill ('d' and its document id), which is then paid and
posted, the other ignored with a note ('i'); both go through bank_match(),
the code path of `billflow bank match`, audited under the reviewer."""
import json
import os
import subprocess
import sys

SRCDIR = os.environ.get("BILLFLOW_SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SRCDIR, "tests", "e2e"))
sys.path.insert(0, os.path.dirname(__file__))
from bftest import BILLFLOW, Tap, Home, gen, invoice_spec  # noqa: E402
import tmuxscreen  # noqa: E402

t = Tap()
if subprocess.run(["sh", "-c", "command -v tmux"], capture_output=True).returncode != 0:
    t.skip_all("tmux is not installed")
h = Home()
SOCKET = "bfbank-%d" % os.getpid()
try:
    h.run("init")
    h.run("import", "vendors", h.write("v.csv", "vendor_id,name,aliases,currency,payment_terms_days,"
                                                "default_account,po_required\n"
                                                "V1,ACME Industrial Supplies Ltd,,EUR,30,Expenses:Parts,false\n"))
    pdf = gen(invoice_spec("INV-77", None, [("Steel bolts M8", "200", "0.45")], currency="EUR", iban=None,
                           bic=None, bank=None), h.dir, "inv")["pdf"]
    _, rows, _ = h.json("process", pdf)
    doc = rows[0]["document_id"]
    t.eq(rows[0]["status"], "posted", "the bill posts")
    total = rows[0]["extract"]["total"]
    csv = ("Date,Amount,Currency,IBAN,Name,Reference\n"
           "2026-11-20,-%s,EUR,,ACME,transfer 4711\n"
           "2026-11-21,-3.50,EUR,,Bank,account fee\n" % total)
    p = h.run("--json", "import", "bank", h.write("stmt.csv", csv))
    t.eq(json.loads(p.stdout)["queued"] if p.returncode == 0 else None, 2, "both lines go to the bank queue",
         p.stderr)

    s = tmuxscreen.Screen(SOCKET, BILLFLOW, h.home, "rev", "dora")
    t.ok(s.wait("billflow review"), "the review UI starts", s.text())
    t.ok(s.wait("2 bank lines (b)"), "the queue's title counts the bank lines waiting", s.text())
    s.keys("b")
    t.ok(s.wait("bank queue · 2 open"), "'b' shows the bank queue with its two lines", s.text())
    t.ok("unmatched" in s.text() and "-3.50" in s.text(), "lines show their amounts and reasons", s.text())
    s.keys("d")
    t.ok(s.wait("bill (document id)"), "'d' asks for the bill", s.text())
    s.type(str(doc))
    s.keys("Enter")
    t.ok(s.wait("bank queue · 1 open"), "the line matched to the bill leaves the queue", s.text())
    s.keys("i")
    t.ok(s.wait("ignore, why"), "'i' asks why", s.text())
    s.type("account fee, booked by hand")
    s.keys("Enter")
    t.ok(s.wait("the bank queue is clear"), "the ignored line leaves the queue", s.text())
    s.keys("q")
    t.ok(s.wait("billflow review ·") and s.gone("bank queue ·"), "q goes back to the exception queue",
         s.text())
    t.ok(s.gone("bank line"), "with no bank line waiting any more", s.text())
    s.keys("q")
    _, bills, _ = h.json("pay", "bills")
    t.eq([(b["invoice_number"], b["status"]) for b in bills], [("INV-77", "paid")], "the bill is paid")
    _, entries, _ = h.json("ledger")
    t.eq(len([e for e in entries if e["description"].startswith("Bank payment")]), 1,
         "the payment from the bank is posted")
    _, audit, _ = h.json("audit")
    t.eq([a["user"] for a in audit if a["action"] == "bank_match"], ["dora", "dora"],
         "both matches are audited under the reviewer")
finally:
    tmuxscreen.tmux(SOCKET, "kill-server", check=False)
    h.cleanup()
t.done()
