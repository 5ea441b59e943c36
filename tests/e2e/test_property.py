"""A property test: random sequences of imports, processing, edits,
overrides, rejections, rechecks and reversals through the real binary;
after every step every entry balances, no invoice is posted twice, and the
audit log explains every document's state."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, gen, invoice_spec, check_ledger  # noqa: E402

t = Tap()
seed = int(os.environ.get("SEED", "7"))
steps = int(os.environ.get("STEPS", "40"))
rng = random.Random(seed)
print("# seed %d, %d steps" % (seed, steps))

VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required
V100,ACME Industrial Supplies Ltd,ACME,GBP,30,Expenses:Supplies,true
V300,Cobalt Cleaning Services Ltd,,GBP,14,Expenses:Cleaning,false
"""
ITEMS = [("Steel bolts M8", "0.45"), ("Hex nuts M8", "0.15"), ("Welding rods", "2.40")]

h = Home(keep=os.environ.get("KEEP") == "1")
try:
    h.run("init")
    h.run("import", "vendors", h.write("v.csv", VENDORS))
    po_rows = ["po_number,vendor_id,line_no,description,quantity,unit_price,currency"]
    for k in range(1, 6):
        for i, (desc, price) in enumerate(ITEMS, 1):
            po_rows.append("PO-%d,V100,%d,%s,100,%s,GBP" % (k, i, desc, price))
    h.run("import", "pos", h.write("pos.csv", "\n".join(po_rows) + "\n"))
    receipts = {}
    counter = [0]

    def op_receipt():
        po, line = "PO-%d" % rng.randint(1, 5), rng.randint(1, 3)
        counter[0] += 1
        q = rng.choice([10, 20, 50])
        p = h.run("import", "receipts", h.write("r.csv",
                  "receipt_id,po_number,line_no,quantity_received,received_date\n"
                  "GR-%d,%s,%d,%d,2026-11-01\n" % (counter[0], po, line, q)))
        return "receipt %s/%d +%d -> %d" % (po, line, q, p.returncode)

    def op_invoice():
        counter[0] += 1
        kind = rng.choice(["po", "po", "po-price", "nonpo", "dup"])
        number = "INV-%d" % (counter[0] if kind != "dup" else rng.randint(1, max(1, counter[0])))
        if kind == "nonpo":
            spec = invoice_spec(number, None, [("Cleaning", "1", "%d.00" % rng.randint(50, 90))],
                                vendor="Cobalt Cleaning Services Ltd",
                                date="2026-11-%02d" % rng.randint(1, 28))
        else:
            desc, price = rng.choice(ITEMS)
            if kind == "po-price":
                price = "%.2f" % (float(price) * 1.2)
            spec = invoice_spec(number, "PO-%d" % rng.randint(1, 5),
                                [(desc, str(rng.choice([5, 10, 20])), price)],
                                date="2026-11-%02d" % rng.randint(1, 28))
        f = gen(spec, h.dir, "inv%d" % counter[0], seed=counter[0])
        rc, rows, err = h.json("process", f["pdf"])
        return "invoice %s %s -> %s %s" % (kind, number, rows[0]["status"] if rows else rc,
                                           rows[0].get("reasons") if rows else err)

    def open_exception():
        rc, q, _ = h.json("queue")
        return rng.choice(q) if q else None

    def op_override():
        e = open_exception()
        if not e:
            return "override: none open"
        reasons = [r for r in e["reasons"] if r not in ("duplicate", "possible_duplicate")]
        if not reasons or len(reasons) != len(e["reasons"]):
            return "override: skipped %s" % e["reasons"]
        rc, rows, err = h.json("resolve", str(e["id"]), "--post", "--override", *reasons)
        return "override %d %s -> %s" % (e["id"], reasons, rows[0]["status"] if rows else err)

    def op_reject():
        e = open_exception()
        if not e:
            return "reject: none open"
        p = h.run("resolve", str(e["id"]), "--reject", "random rejection")
        return "reject %d -> %d" % (e["id"], p.returncode)

    def op_edit():
        e = open_exception()
        if not e:
            return "edit: none open"
        rc, rows, err = h.json("resolve", str(e["id"]), "--set", "po_number=PO-%d" % rng.randint(1, 6))
        return "edit %d -> %s" % (e["id"], rows[0]["status"] if rows else err)

    def op_recheck():
        e = open_exception()
        if not e:
            return "recheck: none open"
        p = h.run("resolve", str(e["id"]), "--recheck")
        return "recheck %d -> %d" % (e["id"], p.returncode)

    def op_reverse():
        rc, entries, _ = h.json("ledger")
        live = [e for e in entries if not e["reverses"]]
        if not live:
            return "reverse: none"
        e = rng.choice(live)
        p = h.run("reverse", str(e["id"]), "--reason", "property test")
        return "reverse %d -> %d" % (e["id"], p.returncode)

    ops = [op_invoice] * 5 + [op_receipt] * 2 + [op_override, op_reject, op_edit, op_recheck, op_reverse]
    for step in range(steps):
        what = rng.choice(ops)()
        print("# step %d: %s" % (step, what))
        if step % 10 == 9 or step == steps - 1:
            check_ledger(t, h, "after step %d" % step)
    rc, entries, _ = h.json("ledger")
    reversed_ids = {e["reverses"] for e in entries if e["reverses"]}
    t.ok(all(e["id"] not in reversed_ids or any(r["reverses"] == e["id"] for r in entries)
             for e in entries), "every reversal names an entry that exists")
    t.ok(len(reversed_ids) == len([e for e in entries if e["reverses"]]), "no entry reversed twice")
finally:
    h.cleanup()
t.done()
