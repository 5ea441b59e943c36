"""Vendors' bank details and the changed-IBAN fraud check, through the real
binary: IBANs and BICs are checked when the vendors CSV is imported (a bad
one names its line and stores nothing); an invoice (PDF and scan) printing
the vendor's IBAN posts, one printing another valid IBAN is stopped as
bank_details_changed with both IBANs masked in the middle; a re-import with
a new IBAN leaves the old one in force until a second user confirms it (the
importer cannot), audited; the confirmation checks the held invoice again."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, gen, invoice_spec  # noqa: E402

OLD = "DE89 3704 0044 0532 0130 00"
NEW = "DE02 1203 0000 0000 2020 51"
HEAD = "vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required,iban,bic\n"
LINES = [("Steel bolts M8", "200", "0.45"), ("Hex nuts M8, zinc plated", "100", "0.89")]

t = Tap()
h = Home()
try:
    h.run("init")
    bad = h.write("bad.csv", HEAD + 'V1,ACME Industrial Supplies Ltd,,EUR,30,Expenses:Parts,false,"%s",COBADEFFXXX\n'
                  "V2,Other GmbH,,EUR,30,Expenses:Parts,false,DE89 3704 0044 0532 0130 01,COBADEFF\n"
                  "V3,Third AG,,EUR,30,Expenses:Parts,false,,COBA1EFF\n" % OLD)
    p = h.run("import", "vendors", bad)
    t.eq(p.returncode, 1, "a vendors file with a bad IBAN and a bad BIC is refused", p.stderr)
    t.ok("line 3" in p.stderr and "IBAN" in p.stderr, "the bad IBAN is named with its line", p.stderr)
    t.ok("line 4" in p.stderr and "BIC" in p.stderr, "the bad BIC is named with its line", p.stderr)
    _, rows, _ = h.json("master", "list", "vendors")
    t.eq(rows, [], "nothing from the bad file was stored")

    good = h.write("v.csv", HEAD + 'V1,ACME Industrial Supplies Ltd,,EUR,30,Expenses:Parts,false,"%s",cobadeffxxx\n' % OLD)
    p = h.run("--user", "alice", "import", "vendors", good)
    t.eq(p.returncode, 0, "vendors with a valid IBAN and BIC import", p.stderr)
    _, rows, _ = h.json("master", "list", "vendors")
    t.eq((rows[0]["iban"], rows[0]["bic"]), ("DE89370400440532013000", "COBADEFFXXX"),
         "IBAN and BIC are kept compact and upper case")

    same = gen(invoice_spec("INV-100", None, LINES, currency="EUR", iban=OLD, bic="COBADEFFXXX"),
               h.dir, "same", png=True)
    other = gen(invoice_spec("INV-200", None, LINES, currency="EUR", date="2026-11-20", iban=NEW,
                             bic="COBADEFFXXX"), h.dir, "other", png=True, seed=3)
    _, d1, _ = h.json("process", same["pdf"])
    t.eq(d1[0]["status"], "posted", "an invoice printing the vendor's IBAN posts", d1)
    t.eq(d1[0]["extract"]["vendor_iban"], "DE89370400440532013000", "the printed IBAN is read")
    _, d2, _ = h.json("process", other["pdf"])
    t.eq(d2[0]["status"], "exception", "an invoice printing another IBAN is stopped", d2)
    t.eq(d2[0]["reasons"], ["bank_details_changed"], "... for bank_details_changed alone", d2)
    detail = d2[0]["reason_details"][0]["detail"] if d2[0]["reason_details"] else ""
    t.ok("DE02****2051" in detail and "DE89****3000" in detail, "both IBANs masked in the middle", detail)
    t.ok("0000 2020" not in detail and "000020" not in detail, "the middle of the IBAN is not shown", detail)
    # the scan of the same invoice is a duplicate file? no: another file, same number
    _, d3, _ = h.json("extract", other["png"])
    t.eq(d3[0].get("vendor_iban"), "DE02120300000000202051", "the IBAN is read from the scan too", d3)

    # a new IBAN in the vendors file waits for a second user
    newv = h.write("v2.csv", HEAD + 'V1,ACME Industrial Supplies Ltd,,EUR,30,Expenses:Parts,false,"%s",COBADEFFXXX\n' % NEW)
    p = h.run("--user", "alice", "import", "vendors", newv)
    t.eq(p.returncode, 0, "a vendors file with a changed IBAN imports", p.stderr)
    _, rows, _ = h.json("master", "list", "vendors")
    t.eq(rows[0]["iban"], "DE89370400440532013000", "the old IBAN stays in force until confirmed")
    _, ch, _ = h.json("bank", "changes")
    t.eq([(c["vendor_id"], c["old_iban"], c["new_iban"], c["requested_by"]) for c in ch],
         [("V1", "DE89****3000", "DE02****2051", "alice")], "the change waits, masked", ch)
    p = h.run("--user", "alice", "bank", "confirm", "V1")
    t.eq(p.returncode, 1, "the user who imported the change cannot confirm it", p.stdout)
    t.ok("second user" in p.stderr, "... and is told a second user must", p.stderr)
    _, q, _ = h.json("queue")
    t.eq(len(q), 1, "the invoice is still held")
    p = h.run("--json", "--user", "bob", "bank", "confirm", "V1")
    t.eq(p.returncode, 0, "a second user confirms", p.stderr)
    t.eq(json.loads(p.stdout)["posted"], 1, "the held invoice is checked again and posts", p.stdout)
    _, rows, _ = h.json("master", "list", "vendors")
    t.eq(rows[0]["iban"], "DE02120300000000202051", "the new IBAN is in force")
    _, ch, _ = h.json("bank", "changes")
    t.eq(ch, [], "nothing waits any more")
    _, audit, _ = h.json("audit")
    acts = [(a["action"], a["user"]) for a in audit if a["action"].startswith("bank_change")]
    t.eq(acts, [("bank_change_requested", "alice"), ("bank_change_confirmed", "bob")],
         "request and confirmation are audited with their users", audit)
    masked = [a for a in audit if a["action"].startswith("bank_change")]
    t.ok(all("0532" not in json.dumps(a) for a in masked), "the audit log keeps IBANs masked", masked)
    p = h.run("--user", "bob", "bank", "confirm", "V1")
    t.eq(p.returncode, 1, "confirming with nothing pending is an error", p.stderr)
finally:
    h.cleanup()
t.done()
