"""Paying the bills, the whole way, through the real binary on generated
invoices: vendors with IBANs, invoices with net and early-payment terms, a
credit note, a changed IBAN on one invoice (stopped); a proposal (discount
taken, credit note set off, one payment per vendor), approved by a second
user, written as SEPA pain.001.001.03 that libxml2 (inside billflow) and
`xmllint --schema` both validate against the shipped ISO schema, with the
right control sums and counts (and a later run as pain.001.001.09, checked
the same way against its own schema); the payments posted to the ledger; a
camt.053 statement answering the run (one payment booked, one returned, one
unknown line), valid against ISO's camt.053.001.02 schema (statements that
are not are refused whole, naming the line and element), imported twice
(the second adds nothing): every bill ends
paid or in a queue with the right reason, the unknown line is cleared with
`bank match`, and the ledger exports still pass `hledger check` and
`bean-check`. Then aged payables (as of a date: bills the bank booked paid
after it still owed then), and MT940 and CSV statements."""
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, gen, invoice_spec, check_ledger, SRCDIR  # noqa: E402

XSD = os.path.join(SRCDIR, "export", "xsd", "pain.001.001.03.xsd")
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
XSD09 = os.path.join(SRCDIR, "export", "xsd", "pain.001.001.09.xsd")
CAMT_XSD = os.path.join(SRCDIR, "export", "xsd", "camt.053.001.02.xsd")
CAMT08_XSD = os.path.join(SRCDIR, "export", "xsd", "camt.053.001.08.xsd")
NS09 = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"}
PAYER = "DE75512108001245126199"
ACME = "DE89370400440532013000"
BRIGHT = "DE02120300000000202051"
GLOBEX = "FR7630006000011234567890189"
OTHER = "GB82WEST12345698765432"   # the IBAN a fraudster prints
HEAD = ("vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required,iban,bic,"
        "discount_pct,discount_days\n")
VENDORS = HEAD + (
    "V1,ACME Industrial Supplies Ltd,,EUR,30,Expenses:Parts,false,%s,COBADEFFXXX,,\n"
    "V2,Brightwater Fasteners GmbH,,EUR,30,Expenses:Parts,false,%s,,3,10\n"
    "V3,Globex Tools SARL,,EUR,30,Expenses:Tools,false,%s,AGRIFRPP,,\n" % (ACME, BRIGHT, GLOBEX))
LINES = [("Steel bolts M8", "200", "0.45"), ("Hex nuts M8, zinc plated", "100", "0.89")]  # 179.00 + 35.80


def cents(s):
    neg = s.startswith("-")
    a, _, b = s.lstrip("-").partition(".")
    v = int(a) * 100 + int((b + "00")[:2])
    return -v if neg else v


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True)


def camt(entries, version="02"):
    """A camt.053.001.02 (or .08) statement of the paying account, written
    by hand after the standard: one Stmt, its balances, one Ntry per line."""
    text = camt02(entries)
    if version == "08":
        # what the 2019 version changed in what is written here: the
        # entry's status is a code in Cd, a party's name sits in Pty
        text = text.replace("camt.053.001.02", "camt.053.001.08").replace("<Sts>BOOK</Sts>",
                                                                          "<Sts><Cd>BOOK</Cd></Sts>")
        for role in ("Cdtr", "Dbtr"):
            text = text.replace("<%s><Nm>" % role, "<%s><Pty><Nm>" % role).replace(
                "</Nm></%s>" % role, "</Nm></Pty></%s>" % role)
    return text


def camt02(entries):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">',
           '<BkToCstmrStmt><GrpHdr><MsgId>STMT-20261113</MsgId><CreDtTm>2026-11-13T18:00:00</CreDtTm></GrpHdr>',
           '<Stmt><Id>STMT-20261113-1</Id><CreDtTm>2026-11-13T18:00:00</CreDtTm>',
           '<Acct><Id><IBAN>%s</IBAN></Id><Ccy>EUR</Ccy></Acct>' % PAYER,
           '<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">10000.00</Amt>'
           '<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-12</Dt></Dt></Bal>',
           '<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">9000.00</Amt>'
           '<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-13</Dt></Dt></Bal>']
    for i, e in enumerate(entries, 1):
        parties = ""
        if e.get("iban"):
            role = "Cdtr" if e["cd"] == "DBIT" else "Dbtr"
            parties = "<RltdPties><%s><Nm>%s</Nm></%s><%sAcct><Id><IBAN>%s</IBAN></Id></%sAcct></RltdPties>" % (
                role, e.get("name", "?"), role, role, e["iban"], role)
        rtr = ""
        sub = "ESCT"
        if e.get("return"):
            rtr = "<RtrInf><Rsn><Cd>%s</Cd></Rsn></RtrInf>" % e["return"]
            sub = "RRTN"
        out.append(
            '<Ntry><NtryRef>%d</NtryRef><Amt Ccy="EUR">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Sts>BOOK</Sts>'
            '<BookgDt><Dt>%s</Dt></BookgDt><ValDt><Dt>%s</Dt></ValDt><AcctSvcrRef>REF-%d</AcctSvcrRef>'
            '<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>%s</SubFmlyCd></Fmly></Domn></BkTxCd>'
            '<NtryDtls><TxDtls><Refs><EndToEndId>%s</EndToEndId></Refs>%s'
            '<RmtInf><Ustrd>%s</Ustrd></RmtInf>%s</TxDtls></NtryDtls></Ntry>' % (
                i, e["amount"], e["cd"], e["date"], e["date"], i, sub, e.get("e2e", "NOTPROVIDED"), parties,
                e.get("text", "payment"), rtr))
    out.append('</Stmt></BkToCstmrStmt></Document>')
    return "\n".join(out) + "\n"


t = Tap()
h = Home()
try:
    h.run("init")
    conf = os.path.join(h.home, "billflow.conf")
    with open(conf, "a") as f:
        f.write("\n[pay]\nname = Globex Corporation\niban = %s\nbic = COBADEFFXXX\n" % PAYER)
    p = h.run("--user", "alice", "import", "vendors", h.write("v.csv", VENDORS))
    t.eq(p.returncode, 0, "vendors with IBANs, BICs and early-payment terms import", p.stderr)

    docs = {
        # 2/10 net 30 printed: the discount is open until 2026-11-13
        "A": invoice_spec("INV-A1", None, LINES, currency="EUR", date="2026-11-03", terms="2/10 net 30",
                          iban=ACME, bic="COBADEFFXXX"),
        # net 30, due 2026-11-19
        "B": invoice_spec("INV-A2", None, [("Washers M8", "500", "0.10")], currency="EUR", date="2026-10-20",
                          terms="Net 30", iban=ACME, bic="COBADEFFXXX"),
        # a credit note of ACME's
        "CN": dict(invoice_spec("CN-A3", None, [("Returned bolts", "1", "50.00")], currency="EUR",
                                date="2026-11-05", iban=ACME, bic="COBADEFFXXX"),
                   title="CREDIT NOTE", subtotal="-50.00", tax="-10.00", total="-60.00",
                   lines=[{"description": "Returned bolts", "quantity": "1", "unit_price": "-50.00",
                           "amount": "-50.00"}]),
        # Brightwater: net 30 due 2026-11-15; its master terms (3%/10 days) have lapsed
        "C": invoice_spec("RE-2026-118", None, LINES, currency="EUR", date="2026-10-16", terms="Net 30",
                          vendor="Brightwater Fasteners GmbH", iban=BRIGHT, bic=None),
        # Globex's invoice asking to be paid elsewhere
        "E": invoice_spec("GT-7781", None, LINES, currency="EUR", date="2026-10-25", terms="Net 30",
                          vendor="Globex Tools SARL", iban=OTHER, bic="WESTGB2L"),
        # due long after the run: left for later
        "F": invoice_spec("INV-A9", None, [("Anchor bolts", "10", "4.00")], currency="EUR", date="2026-11-10",
                          terms="Net 60", iban=ACME, bic="COBADEFFXXX"),
    }
    ids = {}
    for k, spec in docs.items():
        pdf = gen(spec, h.dir, k)["pdf"]
        _, rows, err = h.json("process", pdf)
        ids[k] = rows[0]
    for k in ("A", "B", "CN", "C", "F"):
        t.eq(ids[k]["status"], "posted", "invoice %s posts" % k, ids[k])
    t.eq(ids["A"]["extract"]["discount_pct"], "2", "2/10 net 30 is read as 2% ...")
    t.eq(ids["A"]["extract"]["discount_days"], 10, "... within 10 days")
    t.eq(ids["CN"]["extract"]["total"], "-60.00", "the credit note's total is negative")
    t.eq((ids["E"]["status"], ids["E"]["reasons"]), ("exception", ["bank_details_changed"]),
         "the invoice printing another IBAN is stopped as bank_details_changed", ids["E"])
    detail = ids["E"]["reason_details"][0]["detail"]
    t.ok("GB82****5432" in detail and "FR76****0189" in detail, "both IBANs masked in the middle", detail)

    # the proposal
    p = h.run("--json", "--user", "alice", "pay", "propose", "--date", "2026-11-12", "--until", "2026-11-20")
    t.eq(p.returncode, 0, "pay propose runs", p.stderr)
    prop = json.loads(p.stdout)
    run_id = prop["run"]
    pays = {x["vendor_id"]: x for x in prop["payments"]}
    t.eq(sorted(pays), ["V1", "V2"], "one payment per vendor paid (Globex's invoice is not posted)", prop)
    v1 = pays.get("V1", {"bills": [], "amount": "0", "discount": "0"})
    bills_v1 = {b["invoice_number"]: b for b in v1["bills"]}
    t.eq(sorted(bills_v1), ["CN-A3", "INV-A1", "INV-A2"],
         "ACME: the discounted bill, the bill due and the credit note; the bill due later waits", v1)
    # 214.80 less 2% (4.296 -> 4.30, half away from zero) + 60.00 - 60.00
    t.eq(bills_v1.get("INV-A1", {}).get("discount"), "4.30", "2% of 214.80 is 4.30, rounded half up")
    t.eq(v1["amount"], "%.2f" % ((21480 - 430 + 6000 - 6000) / 100), "ACME is paid 210.50 net of the credit note",
         v1)
    v2 = pays.get("V2", {"amount": "0", "discount": "0", "bills": []})
    t.eq((v2["amount"], v2["discount"]), ("214.80", "0.00"), "Brightwater's lapsed discount is not taken", v2)
    t.eq(prop["state"], "proposed", "the run waits for approval")
    p = h.run("--json", "pay", "propose", "--date", "2026-11-12", "--until", "2026-11-20")
    t.eq(json.loads(p.stdout)["payments"], [], "bills in a run are not proposed again", p.stdout)

    # approval and the bank file
    out = h.path("run.xml")
    p = h.run("--user", "alice", "pay", "export", str(run_id), "--format", "sepa", "--out", out)
    t.ok(p.returncode == 1 and "not approved" in p.stderr, "an unapproved run is not exported", p.stderr)
    p = h.run("--user", "alice", "pay", "approve", str(run_id))
    t.ok(p.returncode == 1 and "another user" in p.stderr, "the proposer cannot approve the run", p.stderr)
    p = h.run("--user", "bob", "pay", "approve", str(run_id))
    t.eq(p.returncode, 0, "a second user approves", p.stderr)
    p = h.run("--user", "bob", "pay", "export", str(run_id), "--format", "sepa", "--out", out)
    t.eq(p.returncode, 0, "the approved run is written as SEPA", p.stderr)
    if shutil.which("xmllint"):
        x = run("xmllint", "--noout", "--schema", XSD, out)
        t.eq(x.returncode, 0, "xmllint validates the file against ISO's pain.001.001.03 schema", x.stderr)
    else:
        t.ok(False, "xmllint is installed (scripts/install-deps.sh --test)")
    doc = ET.parse(out).getroot()
    hdr = doc.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    txs = doc.findall("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf", NS)
    amounts = [cents(x.find("p:Amt/p:InstdAmt", NS).text) for x in txs]
    t.eq(hdr.find("p:NbOfTxs", NS).text, str(len(txs)), "NbOfTxs counts the transfers")
    t.eq(cents(hdr.find("p:CtrlSum", NS).text), sum(amounts), "CtrlSum is their sum")
    t.eq(sorted(amounts), sorted([21050, 21480]), "the transfers are the two payments")
    by_iban = {x.find("p:CdtrAcct/p:Id/p:IBAN", NS).text: x for x in txs}
    t.eq(sorted(by_iban), sorted([ACME, BRIGHT]), "paid to the master's IBANs")
    rem = by_iban.get(ACME)
    rem = rem.find("p:RmtInf/p:Ustrd", NS).text if rem is not None else ""
    t.ok("INV-A1" in rem and "INV-A2" in rem and "credit CN-A3" in rem,
         "the remittance names the invoices and the credit note", rem)
    t.eq(doc.find("p:CstmrCdtTrfInitn/p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", NS).text, PAYER, "the debtor is pay.iban")
    p = h.run("--user", "bob", "pay", "export", str(run_id), "--format", "sepa", "--out", h.path("again.xml"))
    t.ok(p.returncode == 1 and "exported already" in p.stderr and not os.path.exists(h.path("again.xml")),
         "a run is exported once", p.stderr)
    _, bills, _ = h.json("pay", "bills")
    status = {b["invoice_number"]: b["status"] for b in bills}
    t.eq(status, {"INV-A1": "in_run", "INV-A2": "in_run", "CN-A3": "in_run", "RE-2026-118": "in_run",
                  "INV-A9": "open"}, "bills show as in a run or open", bills)

    # the bank answers: ACME's payment booked, Brightwater's booked and
    # returned (account closed), and a line nobody knows
    e2e = {x["vendor_id"]: x["end_to_end"] for x in prop["payments"]}
    stmt = camt([
        {"amount": "210.50", "cd": "DBIT", "date": "2026-11-13", "e2e": e2e.get("V1"), "iban": ACME,
         "name": "ACME Industrial Supplies Ltd", "text": "INV-A1, INV-A2"},
        {"amount": "214.80", "cd": "DBIT", "date": "2026-11-13", "e2e": e2e.get("V2"), "iban": BRIGHT,
         "name": "Brightwater Fasteners GmbH", "text": "RE-2026-118"},
        {"amount": "214.80", "cd": "CRDT", "date": "2026-11-13", "e2e": e2e.get("V2"), "iban": BRIGHT,
         "name": "Brightwater Fasteners GmbH", "text": "RETURN", "return": "AC04"},
        {"amount": "99.99", "cd": "DBIT", "date": "2026-11-13", "iban": OTHER, "name": "Somebody",
         "text": "card fee"},
    ])
    sp = h.write("stmt.xml", stmt)
    if shutil.which("xmllint"):
        x = run("xmllint", "--noout", "--schema", CAMT_XSD, sp)
        t.eq(x.returncode, 0, "the test's statement is valid camt.053.001.02 (xmllint, ISO's schema)", x.stderr)
    # a statement that fails ISO's schema (an amount with three decimals'
    # worth of letters, a balance after the entries) is refused whole
    broken = stmt.replace('<Amt Ccy="EUR">99.99</Amt>', '<Amt Ccy="EUR">99.9x</Amt>')
    lineno = broken[:broken.index("99.9x")].count("\n") + 1
    p = h.run("import", "bank", h.write("broken.xml", broken))
    t.ok(p.returncode == 1 and "camt.053.001.02 schema" in p.stderr and "line %d" % lineno in p.stderr
         and "element Amt" in p.stderr and "broken.xml" in p.stderr,
         "a statement failing the schema is refused, naming the line and element", p.stderr)
    late_bal = stmt.replace("</Stmt>", '<Bal><Tp><CdOrPrtry><Cd>CLAV</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1.00</Amt>'
                            '<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-13</Dt></Dt></Bal></Stmt>')
    p = h.run("import", "bank", h.write("late.xml", late_bal))
    t.ok(p.returncode == 1 and "element Bal" in p.stderr and "not expected" in p.stderr,
         "a balance after the entries is out of the schema's order", p.stderr)
    newer = stmt.replace("camt.053.001.02", "camt.053.001.99")
    p = h.run("import", "bank", h.write("newer.xml", newer))
    t.ok(p.returncode == 1 and "camt.053.001.99" in p.stderr and "camt.053.001.02" in p.stderr,
         "a camt.053 version without a schema here is refused, saying which are checked", p.stderr)
    _, q, _ = h.json("bank", "lines")
    t.eq(q, [], "nothing of the refused statements was imported", q)
    p = h.run("--json", "import", "bank", sp)
    t.eq(p.returncode, 0, "the camt.053 statement imports", p.stderr)
    r1 = json.loads(p.stdout) if p.returncode == 0 else {}
    t.eq((r1.get("lines"), r1.get("added"), r1.get("matched"), r1.get("queued")), (4, 4, 2, 2),
         "4 lines: 2 matched, 2 to the bank queue", r1)
    p = h.run("--json", "import", "bank", sp)
    r2 = json.loads(p.stdout) if p.returncode == 0 else {}
    t.eq((r2.get("added"), r2.get("already")), (0, 4), "the same statement again adds nothing", r2)
    _, q, _ = h.json("bank", "lines", "--open")
    reasons = sorted(x["reason"] for x in q)
    t.eq(reasons, ["payment_returned", "unmatched"], "the returned payment and the unknown line are queued", q)
    _, bills, _ = h.json("pay", "bills")
    status = {b["invoice_number"]: b["status"] for b in bills}
    t.eq(status, {"INV-A1": "paid", "INV-A2": "paid", "CN-A3": "paid", "RE-2026-118": "open",
                  "INV-A9": "open"}, "reconciled bills are paid, the returned one open again", bills)
    _, exc, _ = h.json("queue")
    t.eq([(x["kind"], x["invoice_number"], x["reasons"]) for x in exc if x["kind"] == "invoice"],
         [("invoice", "GT-7781", ["bank_details_changed"])],
         "the changed-IBAN invoice waits in the exception queue", exc)
    # the bank's exceptions are in the same queue, with their reasons
    bank_rows = [x for x in exc if x["kind"] == "bank"]
    t.eq(sorted((x["bank_line"], x["reasons"][0], x["total"]) for x in bank_rows),
         sorted((x["id"], x["reason"], x["amount"]) for x in q),
         "queue lists the returned payment and the unknown line after the invoices", exc)
    # every bill of the run: paid, or its payment waiting in the queue
    # with the reason the bank gave (nothing left silently open)
    queued_pay = {x["payment_id"]: x["reasons"][0] for x in bank_rows if x.get("payment_id")}
    fate = {}
    for pm in prop["payments"]:
        for bl in pm["bills"]:
            fate[bl["invoice_number"]] = "paid" if status.get(bl["invoice_number"]) == "paid" \
                else queued_pay.get(pm["id"], "lost")
    t.eq(fate, {"INV-A1": "paid", "INV-A2": "paid", "CN-A3": "paid", "RE-2026-118": "payment_returned"},
         "every bill of the run ends paid or in the queue with the right reason", (fate, bank_rows))
    t.ok(all(x["id"] is None for x in bank_rows) and [x["kind"] for x in exc] == ["invoice"] + ["bank"] * 2,
         "a bank row has no exception id (resolve does not take it); invoices come first", exc)
    _, only, _ = h.json("queue", "--reason", "payment_returned")
    t.eq([(x["kind"], x["reasons"]) for x in only], [("bank", ["payment_returned"])],
         "--reason takes a bank reason", only)
    _, only, _ = h.json("queue", "--kind", "invoice")
    t.eq([x["kind"] for x in only], ["invoice"], "--kind invoice leaves the bank lines out", only)
    # status and the metrics' queue depth count them too
    _, st, _ = h.json("status")
    st = st[0] if st else {}
    t.eq((st.get("open_exceptions"), st.get("open_bank_lines")), (1, 2),
         "status: one invoice exception and two open bank lines", st)
    p = h.run("status")
    t.ok("open bank lines: 2" in p.stdout, "status says so in text", p.stdout)
    p = h.run("queue")
    text = p.stdout.splitlines()
    t.ok(p.returncode == 0 and text[0].split()[:3] == ["ID", "AGE", "VENDOR"]
         and any(l.startswith("b") and "payment_returned" in l and "-214.80" not in l and "214.80" in l
                 for l in text)
         and any(l.startswith("b") and "unmatched" in l and "-99.99" in l for l in text),
         "the text queue shows the bank lines as b<id> with amount and reason", p.stdout)
    # every bill: paid, or in a queue with its reason
    returned = [x for x in q if x["reason"] == "payment_returned"]
    t.ok(returned and "AC04" in (returned[0]["detail"] or ""), "the return carries the bank's reason",
         returned)

    # the unknown line cleared by hand
    unknown = [x for x in q if x["reason"] == "unmatched"]
    p = h.run("--user", "carol", "bank", "match", "b%d" % unknown[0]["id"] if unknown else "0",
              "--ignore", "card fee, booked by hand")
    t.eq(p.returncode, 0, "bank match --ignore clears the unknown line", p.stderr)
    p = h.run("--user", "carol", "bank", "match", str(returned[0]["id"]) if returned else "0",
              "--payment", str(pays.get("V2", {}).get("id", 0)))
    t.eq(p.returncode, 0, "the return is acknowledged by hand against its payment", p.stderr)
    _, q, _ = h.json("bank", "lines", "--open")
    t.eq(q, [], "the bank queue is empty")
    _, exc, _ = h.json("queue", "--kind", "bank")
    t.eq(exc, [], "and so are the queue's bank lines")
    _, audit, _ = h.json("audit")
    t.eq(len([a for a in audit if a["action"] == "bank_match" and a["user"] == "carol"]), 2,
         "matches by hand are audited")

    # the ledger: payments posted, the returned one reversed
    _, entries, _ = h.json("ledger")
    pay_entries = [e for e in entries if e["description"].startswith("Payment ")]
    t.eq(len(pay_entries), 4, "one payment entry per bill paid (3 ACME, 1 Brightwater)", entries)
    bank = sum(cents(pp["amount"]) for e in entries for pp in e["postings"] if pp["account"] == "Assets:Bank")
    t.eq(bank, -21050, "the bank account is down by ACME's payment only (Brightwater's came back)")
    disc = sum(cents(pp["amount"]) for e in entries for pp in e["postings"]
               if pp["account"] == "Income:EarlyPaymentDiscounts")
    t.eq(disc, -430, "the discount taken is on its own account")
    ap = sum(cents(pp["amount"]) for e in entries for pp in e["postings"]
             if pp["account"] == "Liabilities:AccountsPayable")
    # open: Brightwater 214.80 and INV-A9 48.00 (Globex's is not posted)
    t.eq(ap, -(21480 + 4800), "the payable left is the unpaid bills")
    check_ledger(t, h, "after payments")
    for fmt, name in (("ledger", "ap.journal"), ("beancount", "ap.beancount")):
        path = h.path(name)
        p = h.run("export", "--format", fmt, "--out", path, "--all")
        t.eq(p.returncode, 0, "export %s with the payments" % fmt, p.stderr)
    p = h.run("export", "--format", "iif", "--all")
    t.ok(p.returncode == 0 and p.stdout.count("TRNS\t\tBILLPMT\t") == 4 and "Bank\tBANK" in p.stdout,
         "IIF: each payment is a bill payment from the bank account", p.stdout[-600:])
    p = h.run("export", "--format", "xero", "--all")
    t.ok(p.returncode == 0 and "Payment BF" not in p.stdout and "INV-A1" in p.stdout,
         "Xero's bills import gets the bills, not the payments", p.stdout[-600:])
    if shutil.which("hledger"):
        x = run("hledger", "check", "-s", "-f", h.path("ap.journal"))
        t.eq(x.returncode, 0, "hledger check -s accepts the journal with payments", x.stderr)
    else:
        t.ok(False, "hledger is installed")
    if shutil.which("bean-check"):
        x = run("bean-check", h.path("ap.beancount"))
        t.eq(x.returncode, 0, "bean-check accepts the beancount file with payments", x.stdout + x.stderr)
    else:
        t.ok(False, "bean-check is installed")

    # aged payables
    _, pay, _ = h.json("payables", "--as-of", "2026-12-10")
    rows = {r["vendor_id"]: r for r in pay[0]["vendors"]} if pay else {}
    t.eq(rows.get("V2", {}).get("1-30"), "214.80", "Brightwater's bill, due 11-15, is 1-30 days late on 12-10",
         pay)
    t.eq(rows.get("V1", {}).get("current"), "48.00", "INV-A9, due 2027-01-09, is current", pay)
    weeks = {w["week"]: w["amount"] for w in pay[0]["weeks"]} if pay else {}
    t.eq(weeks, {"2026-12-07": "214.80", "2027-01-04": "48.00"},
         "cash needed: what is late in this week, the rest in its due week", pay)
    # as of a day before the bank booked ACME's payment (2026-11-13), its
    # bills were still owed: all of them current then
    _, pay, _ = h.json("payables", "--as-of", "2026-11-12")
    rows = {r["vendor_id"]: r for r in pay[0]["vendors"]} if pay else {}
    t.eq(rows.get("V1", {}).get("current"), "%.2f" % ((21480 + 6000 - 6000 + 4800) / 100),
         "as of 11-12 ACME's bills paid on 11-13 are open (with INV-A9)", pay)
    t.eq(rows.get("V2", {}).get("current"), "214.80", "as of 11-12 Brightwater's bill is current", pay)
    _, pay, _ = h.json("payables", "--as-of", "2026-11-13")
    rows = {r["vendor_id"]: r for r in pay[0]["vendors"]} if pay else {}
    t.eq(rows.get("V1", {}).get("current"), "48.00", "as of the booking day they are paid", pay)

    # MT940 and CSV: a bill paid outside the runs, found by its number
    mt = (":20:STMT1\n:25:%s\n:28C:2/1\n:60F:C261112EUR1000,00\n"
          ":61:2611141114D48,00NTRFNONREF//B1\n:86:166?00SEPA-UEBERWEISUNG?20INV-A9 anchor bolts?32ACME\n"
          ":61:2611141114D12,34NTRFNONREF//B2\n:86:bank charges\n"
          ":62F:C261114EUR939,66\n-\n" % PAYER)
    p = h.run("--json", "import", "bank", h.write("stmt.sta", mt))
    r3 = json.loads(p.stdout) if p.returncode == 0 else {}
    t.eq((r3.get("lines"), r3.get("matched"), r3.get("queued")), (2, 1, 1),
         "MT940: the bill paid by its number is matched, the charge queued", p.stdout + p.stderr)
    _, bills, _ = h.json("pay", "bills")
    t.eq({b["invoice_number"]: b["status"] for b in bills}.get("INV-A9"), "paid", "INV-A9 is paid")
    _, pay, _ = h.json("payables", "--as-of", "2026-11-13")
    rows = {r["vendor_id"]: r for r in pay[0]["vendors"]} if pay else {}
    t.eq(rows.get("V1", {}).get("current"), "48.00", "as of 11-13 INV-A9, paid on 11-14, is still owed", pay)
    _, pay, _ = h.json("payables", "--as-of", "2026-11-14")
    rows = {r["vendor_id"]: r for r in pay[0]["vendors"]} if pay else {}
    t.ok("V1" not in rows, "as of 11-14 ACME is owed nothing", pay)
    csv = "Date;Amount;Currency;IBAN;Name;Reference\n2026-11-20;-5,00;EUR;;Bank;fee\n2026-11-20;-5,00;EUR;;Bank;fee\n"
    p = h.run("--json", "import", "bank", h.write("stmt.csv", csv))
    r4 = json.loads(p.stdout) if p.returncode == 0 else {}
    t.eq((r4.get("lines"), r4.get("added"), r4.get("queued")), (2, 2, 2),
         "CSV (semicolons, decimal commas): two identical lines stay two", p.stdout + p.stderr)
    p = h.run("--json", "import", "bank", h.path("stmt.csv"))
    t.eq(json.loads(p.stdout).get("added") if p.returncode == 0 else None, 0, "and add nothing the second time")
    # camt.053.001.08, the version banks move to: checked against its own
    # schema, its parties read where that version puts them
    s08 = camt([{"amount": "7.50", "cd": "DBIT", "date": "2026-11-21", "iban": OTHER, "name": "Card Services",
                 "text": "card fee November"}], version="08")
    p08 = h.write("stmt08.xml", s08)
    if shutil.which("xmllint"):
        x = run("xmllint", "--noout", "--schema", CAMT08_XSD, p08)
        t.eq(x.returncode, 0, "the .08 statement is valid camt.053.001.08 (xmllint, ISO's schema)", x.stderr)
    p = h.run("--json", "import", "bank", p08)
    r5 = json.loads(p.stdout) if p.returncode == 0 else {}
    t.eq((r5.get("lines"), r5.get("queued")), (1, 1), "camt.053.001.08 imports; its card fee is queued",
         p.stdout + p.stderr)
    _, exc, _ = h.json("queue", "--kind", "bank", "--vendor", "card services")
    t.eq([(x["total"], x["reasons"]) for x in exc], [("-7.50", ["unmatched"])],
         "the .08 line's other side is read from Cdtr/Pty/Nm", exc)
    p = h.run("import", "bank", h.write("mixed08.xml", s08.replace("<Sts><Cd>BOOK</Cd></Sts>", "<Sts>BOOK</Sts>")))
    t.ok(p.returncode == 1 and "camt.053.001.08 schema" in p.stderr and "element Sts" in p.stderr,
         "a .02 construct in a .08 statement fails the .08 schema", p.stderr)
    bad = h.write("bad.xml", "<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy='EUR'>x</Amt></Ntry></Stmt>"
                             "</BkToCstmrStmt></Document>")
    p = h.run("import", "bank", bad)
    t.ok(p.returncode == 1 and "bad.xml" in p.stderr, "a bad statement is refused with its name", p.stderr)
    check_ledger(t, h, "after bank imports")

    # once users exist, the second user needs the approver role
    p = h.run("--json", "--user", "alice", "pay", "propose", "--date", "2026-12-31")
    t.eq(p.returncode, 0, "the returned bill is proposed again", p.stderr)
    run2 = json.loads(p.stdout).get("run") if p.returncode == 0 else 0
    users = ("user,name,email,roles,approval_limit,currency\n"
             "alice,Alice,alice@example.com,clerk;admin,,\n"
             "bob,Bob,bob@example.com,approver,1000000.00,EUR\n"
             "carol,Carol,carol@example.com,clerk;reviewer,,\n")
    p = h.run("--user", "alice", "import", "users", h.write("users.csv", users))
    t.eq(p.returncode, 0, "users with roles import", p.stderr)
    p = h.run("--user", "carol", "pay", "approve", str(run2))
    t.ok(p.returncode == 1 and "role approver" in p.stderr,
         "a user without the approver role cannot approve a run", p.stderr)
    p = h.run("--user", "bob", "pay", "approve", str(run2))
    t.eq(p.returncode, 0, "a user with the approver role can", p.stderr)

    # the same bank file in pain.001.001.09
    out9 = h.path("run2.xml")
    p = h.run("--user", "bob", "pay", "export", str(run2), "--format", "sepa09", "--out", out9)
    t.eq(p.returncode, 0, "the approved run is written as SEPA pain.001.001.09", p.stderr)
    if shutil.which("xmllint"):
        x = run("xmllint", "--noout", "--schema", XSD09, out9)
        t.eq(x.returncode, 0, "xmllint validates it against ISO's pain.001.001.09 schema", x.stderr)
        x = run("xmllint", "--noout", "--schema", XSD, out9)
        t.ok(x.returncode != 0, "and it is no pain.001.001.03 file", x.stderr)
    if os.path.exists(out9):
        doc = ET.parse(out9).getroot()
        pmt = doc.find("p:CstmrCdtTrfInitn/p:PmtInf", NS09)
        txs = doc.findall("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf", NS09)
        hdr = doc.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS09)
        amounts = [cents(x.find("p:Amt/p:InstdAmt", NS09).text) for x in txs]
        t.ok(pmt is not None and pmt.find("p:ReqdExctnDt/p:Dt", NS09).text == "2026-12-31",
             ".09: the execution date is ReqdExctnDt/Dt")
        t.eq(pmt.find("p:DbtrAgt/p:FinInstnId/p:BICFI", NS09).text if pmt is not None else None, "COBADEFFXXX",
             ".09: the debtor's bank by BICFI")
        t.eq((hdr.find("p:NbOfTxs", NS09).text, cents(hdr.find("p:CtrlSum", NS09).text)),
             (str(len(txs)), sum(amounts)), ".09: NbOfTxs and CtrlSum")
        t.eq([x.find("p:CdtrAcct/p:Id/p:IBAN", NS09).text for x in txs], [BRIGHT],
             ".09: the returned payment goes again, to Brightwater", amounts)
    else:
        t.ok(False, "the .09 file is written")

    # the bank books less, then more, than that payment: each difference
    # waits in the exception queue with its reason, the bill stays unpaid
    e2e9 = ET.parse(out9).getroot().find(".//p:CdtTrfTxInf/p:PmtId/p:EndToEndId", NS09).text \
        if os.path.exists(out9) else "none"
    diff = camt([
        {"amount": "200.00", "cd": "DBIT", "date": "2027-01-04", "e2e": e2e9, "iban": BRIGHT,
         "name": "Brightwater Fasteners GmbH", "text": "RE-2026-118 part"},
        {"amount": "230.00", "cd": "DBIT", "date": "2027-01-05", "e2e": e2e9, "iban": BRIGHT,
         "name": "Brightwater Fasteners GmbH", "text": "RE-2026-118 again"},
    ])
    p = h.run("--json", "--user", "carol", "import", "bank", h.write("diff.xml", diff))
    r6 = json.loads(p.stdout) if p.returncode == 0 else {}
    t.eq((r6.get("lines"), r6.get("matched"), r6.get("queued")), (2, 0, 2),
         "a payment booked for another amount is not matched", p.stdout + p.stderr)
    _, exc, _ = h.json("--user", "carol", "queue", "--kind", "bank", "--vendor", "brightwater")
    got = sorted((x["total"], x["reasons"][0]) for x in exc if x["booking_date"] >= "2027-01-01")
    t.eq(got, [("-200.00", "partial_payment"), ("-230.00", "overpayment")],
         "less than the payment is partial_payment, more is overpayment, both in the queue", exc)
    _, bills, _ = h.json("--user", "carol", "pay", "bills")
    t.eq({b["invoice_number"]: b["status"] for b in bills}.get("RE-2026-118"), "in_run",
         "the bill is not paid by a line that differs", bills)
    # the subcommands: a missing or unknown one is a usage error naming it
    p = h.run("pay")
    t.ok(p.returncode == 2 and "which pay command?" in p.stderr and "usage: billflow pay" in p.stderr,
         "pay without a subcommand is a usage error", p.stderr)
    p = h.run("bank", "nope")
    t.ok(p.returncode == 2 and "unknown bank command 'nope'" in p.stderr, "an unknown bank command too", p.stderr)
finally:
    h.cleanup()
t.done()
