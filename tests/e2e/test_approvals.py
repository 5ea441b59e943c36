"""Approvals through the real binary: users and roles, approval.required_above,
approval rules with levels, auto_below, approve and decline, and each
segregation-of-duties refusal with its reason; what posts, what waits and
what is queued is read back from the ledger, the queue and the audit log."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, gen, invoice_spec  # noqa: E402

VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required,iban
V100,ACME Industrial Supplies Ltd,ACME,GBP,30,Expenses:Supplies,true,GB33BUKB20201555555555
V300,Cobalt Cleaning Services Ltd,,GBP,14,Expenses:Cleaning,false,GB94BARC10201530093459
"""
# what Cobalt's invoices print (another IBAN would be bank_details_changed)
COBALT_IBAN = "GB94BARC10201530093459"
POS = """po_number,vendor_id,line_no,description,quantity,unit_price,currency
PO-100,V100,1,Steel bolts M8,300,0.45,GBP
"""
RECEIPTS = """receipt_id,po_number,line_no,quantity_received,received_date
GR-1,PO-100,1,300,2026-11-01
"""
USERS = """user,name,email,roles,approval_limit,currency,deputy
ann,Ann Admin,ann@example.com,admin,100000,GBP,
ben,Ben Boss,ben@example.com,approver,15000,GBP,cid
cid,Cid Chief,cid@example.com,approver,50000,GBP,
dan,Dan Clerk,dan@example.com,clerk,,,
eve,Eve Reviewer,eve@example.com,reviewer;approver,20000,GBP,
fay,Fay Finance,fay@example.com,admin,100000,GBP,
"""

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")
n_doc = [0]


def run(user, *args):
    return h.run("--user", user, *args)


def jrun(user, *args):
    return h.json("--user", user, *args)


def cleaning(amount, sets=(), user="dan"):
    """Processes a Cobalt invoice (no PO needed, no tax) of `amount` GBP."""
    n_doc[0] += 1
    name = "CL-%d" % n_doc[0]
    spec = invoice_spec(name, None, [("Office cleaning", "1", amount)], tax_rate_pct=0,
                        vendor="Cobalt Cleaning Services Ltd", iban=COBALT_IBAN, date="2026-11-%02d" % n_doc[0])
    f = gen(spec, h.dir, name, pdf=True)
    args = []
    for s in sets:
        args += ["--set", s]
    rc, rows, err = jrun(user, *(args + ["process", f["pdf"]]))
    return rows[0] if rows else {"rc": rc, "stderr": err}


def approvals(user="ann", *extra):
    rc, rows, err = jrun(user, "approvals", *extra)
    return rows


try:
    t.eq(h.run("init").returncode, 0, "init")
    for kind, text in (("vendors", VENDORS), ("pos", POS), ("receipts", RECEIPTS)):
        p = h.run("import", kind, h.write(kind + ".csv", text))
        t.eq(p.returncode, 0, "import " + kind, p.stderr)

    # --- users -----------------------------------------------------------
    bad = h.write("bad-users.csv", USERS.replace("reviewer;approver", "reviewer;boss")
                  .replace("15000,GBP", "15000,").replace("approver,50000,GBP,", "approver,50000,GBP,zed"))
    p = h.run("import", "users", bad)
    t.eq(p.returncode, 1, "a users file with bad rows is refused")
    t.ok("line 6: unknown role 'boss'" in p.stderr and "line 3: approval_limit needs a currency" in p.stderr,
         "each bad row is named with its line", p.stderr)
    p = h.run("--user", "nobody", "queue")
    t.eq(p.returncode, 0, "nothing of it is stored: without users anyone acts", p.stderr)
    p = h.run("import", "users", h.write("users.csv", USERS))
    t.eq(p.returncode, 0, "import users", p.stderr)
    p = h.run("--user", "nobody", "queue")
    t.ok(p.returncode == 1 and "'nobody' is not a billflow user" in p.stderr,
         "once users exist --user must name one", p.stderr)
    p = run("ben", "import", "users", h.path("users.csv"))
    t.ok(p.returncode == 1 and "needs the role admin" in p.stderr, "only an admin imports users again", p.stderr)

    # --- approval.required_above -------------------------------------------
    ra = ("approval.required_above=1000",)
    small = cleaning("400.00", ra)
    t.eq((small.get("status"), small.get("approval_id")), ("posted", None),
         "below approval.required_above it posts")
    big = cleaning("2400.00", ra)
    t.eq(big.get("status"), "awaiting_approval", "above it waits: status awaiting_approval", big)
    t.ok(isinstance(big.get("approval_id"), int) and big.get("entry_id") is None,
         "with its approval_id and no entry")
    bigger = cleaning("24000.00", ra)
    rc, shown, err = jrun("ann", "show", str(big["document_id"]))
    t.eq(shown[0].get("state") if shown else err, "awaiting_approval", "show: the document's state is awaiting_approval")
    p = run("ann", "show", str(big["document_id"]))
    t.ok("awaiting_approval" in p.stdout.splitlines()[0] if p.stdout else False, "and in show's text", p.stdout)
    rc, st, err = jrun("ann", "status")
    t.eq(st[0]["by_state"].get("awaiting_approval") if st else err, 2, "status counts the two waiting")
    t.eq(st[0]["by_state"].get("received"), 0, "and none reads received")
    rows = approvals()
    t.eq([r["id"] for r in rows], [big["approval_id"], bigger["approval_id"]], "approvals: oldest first")
    t.eq((rows[0]["amount"], rows[0]["currency"], rows[0]["invoice_number"]), ("2400.00", "GBP", "CL-2"),
         "with amount and invoice")
    t.ok("any approver with a limit of at least 2400.00 GBP" in rows[0]["must_act"], "and who must act", rows[0])
    t.eq([r["id"] for r in approvals("ben", "--mine")], [big["approval_id"]],
         "--mine: only what ben's limit covers")
    t.eq(h.run("--user", "ann", "approvals").returncode, 0, "approvals as text")

    p = run("dan", "approve", str(big["approval_id"]))
    t.ok(p.returncode == 1 and "needs the role approver" in p.stderr, "a clerk cannot approve", p.stderr)
    p = run("ben", "approve", str(bigger["approval_id"]))
    t.ok(p.returncode == 1 and "approval limit 15000.00 GBP does not cover 24000.00 GBP" in p.stderr,
         "nobody approves above their limit", p.stderr)
    rc, rows, err = jrun("ben", "approve", str(big["approval_id"]))
    t.ok(rc == 0 and rows and rows[0]["status"] == "posted" and rows[0]["entry_id"],
         "within the limit approve posts it", (rows, err))
    rc, shown, err = jrun("ann", "show", str(big["document_id"]))
    t.eq(shown[0].get("state") if shown else err, "posted", "approved: the document reads posted")
    p = run("cid", "approve", str(big["approval_id"]))
    t.ok(p.returncode == 1 and "not pending (approved by ben)" in p.stderr, "twice: not pending", p.stderr)

    p = run("cid", "decline", str(bigger["approval_id"]))
    t.eq(p.returncode, 2, "decline without --reason is a usage error")
    p = run("cid", "decline", str(bigger["approval_id"]), "--reason", "never ordered")
    t.eq(p.returncode, 0, "decline", p.stderr)
    rc, q, err = jrun("ann", "queue")
    t.ok(len(q) == 1 and q[0]["reasons"] == ["declined"] and
         "declined by cid: never ordered" in str(q[0].get("reason_details")),
         "a declined invoice is queued as declined with the approver's text", q)
    rc, audit, err = jrun("ann", "audit", "--document", str(bigger["document_id"]))
    acts = [(a.get("user"), a.get("action")) for a in audit]
    t.ok(("dan", "await_approval") in acts and ("cid", "decline") in acts, "the audit log keeps who", acts)
    rc, audit, err = jrun("ann", "audit", "--document", str(big["document_id"]))
    t.ok(("ben", "approve") in [(a.get("user"), a.get("action")) for a in audit], "approve audited", audit)

    # A reviewer clears the declined one: it goes back for approval, not to the ledger.
    p = run("dan", "resolve", str(q[0]["exception_id"] if "exception_id" in q[0] else q[0]["id"]), "--post")
    t.ok(p.returncode == 1 and "needs the role reviewer" in p.stderr, "a clerk cannot resolve", p.stderr)
    rc, rows, err = jrun("eve", "--set", "approval.required_above=1000", "resolve", str(q[0]["id"]), "--post")
    t.ok(rc == 0 and rows and rows[0]["status"] == "awaiting_approval",
         "a cleared declined invoice waits for approval again", (rows, err))

    # --- segregation of duties ---------------------------------------------
    pend = [r for r in approvals() if r["document_id"] == bigger["document_id"]][0]
    p = run("eve", "approve", str(pend["id"]))
    t.ok(p.returncode == 1 and "overrode a check" not in p.stderr and "does not cover" in p.stderr,
         "eve's limit does not cover 24000", p.stderr)
    mid = cleaning("3000.00", ("approval.required_above=1000", "rules.auto_post_limit=2000"))
    t.eq(mid.get("status"), "exception", "over auto_post_limit: queued", mid)
    rc, rows, err = jrun("eve", "--set", "approval.required_above=1000", "resolve", str(mid["exception_id"]),
                         "--post", "--override", "over_limit")
    t.ok(rc == 0 and rows and rows[0]["status"] == "awaiting_approval", "override: then it waits", (rows, err))
    aid = [r for r in approvals() if r["document_id"] == mid["document_id"]][0]["id"]
    p = run("eve", "approve", str(aid))
    t.ok(p.returncode == 1 and "eve overrode a check on this invoice and cannot be its only approver" in p.stderr,
         "who overrode a check cannot be the only approver", p.stderr)
    t.eq(run("ben", "approve", str(aid)).returncode, 0, "another approver can")

    edited = cleaning("3500.00", ("approval.required_above=1000", "rules.auto_post_limit=2000"))
    rc, rows, err = jrun("eve", "--set", "approval.required_above=1000", "resolve",
                         str(edited["exception_id"]), "--set", "due_date=2026-12-31", "--post",
                         "--override", "over_limit")
    aid = [r for r in approvals() if r["document_id"] == edited["document_id"]][0]["id"]
    p = run("eve", "approve", str(aid))
    t.ok(p.returncode == 1 and "edited the fields of this invoice" in p.stderr,
         "who edited the fields cannot be the only approver", p.stderr)

    # ann changes Cobalt's bank details: she may not approve its invoices.
    p = run("ann", "import", "vendors", h.write("v2.csv", VENDORS.replace("GB94BARC10201530093459",
                                                                          "GB57NWBK60161331926800")))
    t.eq(p.returncode, 0, "re-import vendors with a new IBAN", p.stderr)
    p = run("ann", "approve", str(aid))
    t.ok(p.returncode == 1 and "ann changed the bank details of vendor V300" in p.stderr,
         "who changed the vendor's bank details cannot approve", p.stderr)
    t.eq(run("cid", "approve", str(aid)).returncode, 0, "someone else can")

    # --- rules with levels ------------------------------------------------
    RULES = """level,min_amount,max_amount,currency,vendor_id,account,approver
1,10000,,GBP,,,
2,10000,,GBP,,,cid
1,1000,10000,GBP,V300,,ben
"""
    p = run("ben", "import", "approvals", h.write("rules.csv", RULES))
    t.ok(p.returncode == 1 and "needs the role admin" in p.stderr, "only an admin imports rules", p.stderr)
    p = run("ann", "import", "approvals", h.write("bad-rules.csv", RULES + "1,5,1,GBP,,,zed\n"))
    t.ok(p.returncode == 1 and "line 5: min_amount must be below max_amount" in p.stderr and
         "unknown user 'zed'" in p.stderr, "bad rules are named with their lines", p.stderr)
    t.eq(run("ann", "import", "approvals", h.path("rules.csv")).returncode, 0, "import approvals")
    two = cleaning("12000.00")
    t.eq(two.get("status"), "awaiting_approval", "above 10000: waits (rules, no config key)", two)
    row = [r for r in approvals() if r["id"] == two["approval_id"]][0]
    t.eq((row["level"], row["levels"]), (1, 2), "two levels")
    p = run("cid", "approve", str(two["approval_id"]))
    t.eq(p.returncode, 0, "level 1 by cid", p.stderr)
    row = [r for r in approvals() if r["id"] == two["approval_id"]][0]
    t.eq((row["level"], row["approver"]), (2, "cid"), "now level 2, for cid")
    p = run("cid", "approve", str(two["approval_id"]))
    t.ok(p.returncode == 1 and "approved an earlier level" in p.stderr, "one person cannot approve both levels",
         p.stderr)
    p = run("eve", "approve", str(two["approval_id"]))
    t.ok(p.returncode == 1 and "waits for cid" in p.stderr, "level 2 is cid's", p.stderr)
    rc, rows, err = jrun("fay", "approve", str(two["approval_id"]))
    t.ok(rc == 0 and rows[0]["status"] == "posted", "an admin may act for cid; posted", (rows, err))

    named = cleaning("4000.00")
    row = [r for r in approvals() if r["id"] == named["approval_id"]][0]
    t.eq((row["levels"], row["approver"]), (1, "ben"), "a vendor's band names its approver")
    p = run("eve", "approve", str(named["approval_id"]))
    t.ok(p.returncode == 1 and "waits for ben" in p.stderr, "and only ben (or an admin) acts", p.stderr)
    t.eq(cleaning("500.00").get("status"), "posted", "no rule and no required_above: posts")

    # A second copy of an invoice that waits for approval is a duplicate, not
    # a second approval (it must not be paid twice).
    for k, date in enumerate(("2026-11-20", "2026-11-21")):
        f = gen(invoice_spec("DUP-77", None, [("Office cleaning", "1", "4200.00")], tax_rate_pct=0,
                             vendor="Cobalt Cleaning Services Ltd", iban=COBALT_IBAN, date=date), h.dir, "dup%d" % k, pdf=True)
        rc, rows, err = jrun("dan", "process", f["pdf"])
        if k == 0:
            t.eq(rows[0]["status"] if rows else err, "awaiting_approval", "the first copy waits")
        else:
            t.ok(rows and rows[0]["status"] == "exception" and "duplicate" in rows[0]["reasons"],
                 "the second copy, sent while the first waits, is a duplicate", rows or err)

    # auto_below: a PO invoice that matched, below it, needs nobody.
    RULES_ALL = "level,min_amount,max_amount,currency,vendor_id,account,approver\n1,,,,,,\n"
    run("ann", "import", "approvals", h.write("rules-all.csv", RULES_ALL))
    spec = invoice_spec("INV-7001", "PO-100", [("Steel bolts M8", "100", "0.45")], tax_rate_pct=0,
                        iban="GB33BUKB20201555555555")
    f = gen(spec, h.dir, "po", pdf=True)
    rc, rows, err = jrun("dan", "--set", "approval.auto_below=500", "process", f["pdf"])
    t.eq(rows[0]["status"] if rows else err, "posted", "a matched PO below approval.auto_below posts", rows)
    t.eq(cleaning("100.00", ("approval.auto_below=500",)).get("status"), "awaiting_approval",
         "without a PO the same rule makes it wait")

    # --- cost centres: the PO's, else the vendor's default; rules by cost centre ---
    vendors_cc = VENDORS.replace("po_required,iban\n", "po_required,iban,cost_centre\n") \
        .replace("GB33BUKB20201555555555\n", "GB33BUKB20201555555555,OPS\n") \
        .replace("GB94BARC10201530093459\n", "GB94BARC10201530093459,FAC\n")
    p = run("ann", "import", "vendors", h.write("vendors-cc.csv", vendors_cc))
    t.eq(p.returncode, 0, "vendors with a cost_centre column", p.stderr)
    pos_cc = ("po_number,vendor_id,line_no,description,quantity,unit_price,currency,account,cost_centre\n"
              "PO-200,V100,1,Steel bolts M8,100,0.45,GBP,,MKT\n")
    p = run("ann", "import", "pos", h.write("pos-bad-cc.csv", pos_cc + "PO-200,V100,2,Nuts M8,100,0.10,GBP,,OPS\n"))
    t.ok(p.returncode == 1 and "line 3: PO 'PO-200' has cost centre 'MKT' on an earlier line" in p.stderr,
         "one cost centre per PO: a line naming another is refused with its line", p.stderr)
    p = run("ann", "import", "pos", h.write("pos-cc.csv", pos_cc))
    t.eq(p.returncode, 0, "POs with a cost_centre column", p.stderr)
    run("ann", "import", "receipts", h.write("gr-cc.csv", "receipt_id,po_number,line_no,quantity_received,"
                                             "received_date\nGR-2,PO-200,1,100,2026-11-02\n"))
    rc, rows, err = jrun("ann", "master", "list", "pos")
    t.eq([r.get("cost_centre") for r in rows if r["po_number"] == "PO-200"], ["MKT"], "master list pos shows it")
    rc, rows, err = jrun("ann", "master", "list", "vendors")
    t.eq(sorted((r["vendor_id"], r.get("cost_centre")) for r in rows), [("V100", "OPS"), ("V300", "FAC")],
         "master list vendors shows each default")
    RULES_CC = ("level,min_amount,max_amount,currency,vendor_id,account,approver,cost_centre\n"
                "1,,,GBP,,,ben,FAC\n1,,,GBP,,,eve,MKT\n")
    p = run("ann", "import", "approvals", h.write("rules-cc.csv", RULES_CC))
    t.eq(p.returncode, 0, "approval rules with a cost_centre column", p.stderr)
    fac = cleaning("300.00")
    t.eq(fac.get("status"), "awaiting_approval", "the vendor's cost centre FAC has a rule: it waits", fac)
    row = [r for r in approvals() if r["id"] == fac.get("approval_id")]
    t.eq(row[0]["approver"] if row else None, "ben", "for FAC's approver")
    rc, shown, err = jrun("ann", "show", str(fac["document_id"]))
    t.eq(shown[0]["extract"].get("cost_centre") if shown else err, "FAC", "show --json: booked to FAC")
    t.ok("cost_centre     FAC" in run("ann", "show", str(fac["document_id"])).stdout, "and in show's text")
    spec = invoice_spec("INV-7200", "PO-200", [("Steel bolts M8", "80", "0.45")], tax_rate_pct=0,
                        iban="GB33BUKB20201555555555")
    rc, rows, err = jrun("dan", "process", gen(spec, h.dir, "po200", pdf=True)["pdf"])
    mkt = rows[0] if rows else {}
    t.eq(mkt.get("status"), "awaiting_approval", "a PO booked to MKT waits", rows or err)
    t.eq(mkt.get("extract", {}).get("cost_centre"), "MKT", "process --json: the PO's cost centre, not the vendor's")
    row = [r for r in approvals() if r["id"] == mkt.get("approval_id")]
    t.eq(row[0]["approver"] if row else None, "eve", "for MKT's approver")
    spec = invoice_spec("INV-7101", "PO-100", [("Steel bolts M8", "50", "0.45")], tax_rate_pct=0,
                        iban="GB33BUKB20201555555555")
    rc, rows, err = jrun("dan", "process", gen(spec, h.dir, "po100", pdf=True)["pdf"])
    ops = rows[0] if rows else {}
    t.eq((ops.get("status"), ops.get("extract", {}).get("cost_centre")), ("posted", "OPS"),
         "a PO without one takes the vendor's (OPS); no rule for OPS: it posts", rows or err)
    t.eq(run("eve", "approve", str(mkt["approval_id"])).returncode, 0, "eve approves the MKT one")

    st = h.sql("SELECT COUNT(*) FROM approvals WHERE state = 0")[0][0]
    rc, rows, err = jrun("ann", "status")
    t.eq(rows[0].get("approvals_pending"), st, "status counts the approvals waiting")
finally:
    h.cleanup()
t.done()
