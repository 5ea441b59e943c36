"""scripts/gen-scale.py, small: the rows it bulk-loads are ones billflow
reads back as its own (the 1M-document benchmark, scripts/bench-scale.sh,
stands on them). 2000 documents over four years: status counts what was
written, the queue lists the open exceptions, `ledger --since` returns that
range's entries, each balanced, and an incremental export takes exactly the
entries no batch has taken yet, then nothing; status's counts follow a new
document and a rejected one. On either engine (`e2e-pg-scale`: gen-scale.py
--url, the rows read back with Home.sql)."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, BILLFLOW, SRCDIR, gen, invoice_spec  # noqa: E402

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")
try:
    on_pg = ["--url", h.pg_url] if h.pg_url else []
    p = subprocess.run([sys.executable, os.path.join(SRCDIR, "scripts", "gen-scale.py"), "--home", h.home,
                        "--docs", "2000", "--lines", "10000", "--seed", "5", "--bin", BILLFLOW] + on_pg,
                       capture_output=True, text=True)
    if not t.eq(p.returncode, 0, "gen-scale.py fills a new home", p.stderr):
        t.done()
    printed = {ln.rsplit(None, 1)[0].strip(): ln.rsplit(None, 1)[1]
               for ln in p.stdout.splitlines() if ln.strip() and not ln.startswith("time")}
    one = lambda q: h.sql(q)[0][0]  # noqa: E731
    t.eq(one("SELECT COUNT(*) FROM documents"), 2000, "2000 documents")
    t.eq(int(printed.get("documents", -1)), 2000, "and it says so")
    lines = one("SELECT COUNT(*) FROM postings")
    t.ok(9000 <= lines <= 11000, "about 10000 ledger lines", lines)
    t.ok(one("SELECT MIN(received_at) FROM documents") < "2023-", "received over years",
         one("SELECT MIN(received_at) FROM documents"))

    rc, rows, err = h.json("status")
    st = rows[0] if rows else {}
    t.eq(st.get("documents"), 2000, "status counts the documents", err)
    by_state = dict(h.sql("SELECT state, COUNT(*) FROM documents GROUP BY state"))
    names = ["received", "posted", "exception", "rejected", "unreadable", "awaiting_approval"]
    t.eq(st.get("by_state"), {n: by_state.get(i, 0) for i, n in enumerate(names)}, "status: by state")
    t.ok(st.get("by_state", {}).get("posted", 0) > 1500 and st["by_state"]["exception"] > 0,
         "mostly posted, some in the queue", st.get("by_state"))
    t.eq(st.get("entries"), one("SELECT COUNT(*) FROM entries"), "status: ledger entries")
    t.eq(sum(st.get("sources", {}).values()), 2000, "status: by source adds up", st.get("sources"))
    t.eq(set(st.get("sources", {})), {"cli", "imap", "inbox"}, "from the CLI, IMAP and the inbox")

    n_open = one("SELECT COUNT(*) FROM exceptions WHERE state = 0")
    rc, rows, err = h.json("queue")
    t.ok(rc == 0 and n_open > 0, "queue runs and there is a queue", err)
    t.eq(len(rows), n_open, "queue lists every open exception")
    t.ok(all(r["reasons"] for r in rows), "each with its reasons")

    since = "2026-10-01"
    rc, rows, err = h.json("ledger", "--since", since)
    want = one("SELECT COUNT(*) FROM entries WHERE entry_date >= '%s'" % since)
    t.ok(rc == 0 and want > 0, "ledger --since runs", err)
    t.eq(len(rows), want, "ledger --since returns that range's entries")
    t.ok(all(r["date"] >= since for r in rows), "and none before it")

    def balanced(e):
        per = {}
        for po in e["postings"]:
            whole, _, frac = po["amount"].lstrip("-").partition(".")
            v = int(whole) * 100 + int((frac + "00")[:2])
            per[po["currency"]] = per.get(po["currency"], 0) + (-v if po["amount"].startswith("-") else v)
        return all(v == 0 for v in per.values())
    t.ok(rows and all(balanced(e) for e in rows), "every entry balances")
    t.ok(any(r["reverses"] for r in h.json("ledger")[1]), "the ledger holds reversals")

    pending = one("SELECT COUNT(*) FROM entries WHERE id NOT IN (SELECT entry_id FROM export_batch_entries)")
    t.ok(0 < pending < one("SELECT COUNT(*) FROM entries") / 10,
         "most entries were exported in daily batches, the last days not", pending)
    out = h.path("inc.csv")
    p = h.run("export", "--format", "csv", "--out", out)
    t.eq(p.returncode, 0, "incremental export", p.stderr)
    with open(out, encoding="utf-8") as f:
        ids = {ln.split(",")[0] for ln in f.read().splitlines()[1:]}
    t.eq(len(ids), pending, "it takes exactly the entries no batch took")
    p = h.run("export", "--format", "csv", "--out", h.path("again.csv"))
    t.ok(p.returncode == 0 and "no entries to export" in p.stderr, "then nothing", p.stderr)

    # status counts as documents come and change state (kept counts, not a scan)
    f = gen(invoice_spec("SCALE-1", None, [("Bolts", "3", "1.50")],
                         vendor=one("SELECT name FROM vendors WHERE vendor_id = 'V00001'"),
                         currency=one("SELECT currency FROM vendors WHERE vendor_id = 'V00001'")),
            h.dir, "new")
    rc, rows, err = h.json("process", f["pdf"])
    t.eq(rows[0]["status"] if rows else err, "posted", "a new invoice from a known vendor posts")
    exc = one("SELECT id FROM exceptions WHERE state = 0 ORDER BY id LIMIT 1")
    p = h.run("resolve", str(exc), "--reject", "scale test")
    t.eq(p.returncode, 0, "an open exception is rejected", p.stderr)
    rc, rows, err = h.json("status")
    st = rows[0] if rows else {}
    by_state = dict(h.sql("SELECT state, COUNT(*) FROM documents GROUP BY state"))
    t.eq(st.get("by_state"), {n: by_state.get(i, 0) for i, n in enumerate(names)},
         "status by state follows them", err)
    by_src = {}
    for (src,) in h.sql("SELECT source FROM documents"):
        k = src.split(":")[0]
        by_src[k] = by_src.get(k, 0) + 1
    t.eq(st.get("sources"), by_src, "and by source")
    p = h.run("export", "--format", "csv", "--out", h.path("new.csv"))
    with open(h.path("new.csv"), encoding="utf-8") as fh:
        ids = {ln.split(",")[0] for ln in fh.read().splitlines()[1:]}
    t.eq(ids, {str(one("SELECT MAX(id) FROM entries"))}, "the next export takes the new entry alone",
         p.stderr)
    n_docs = one("SELECT COUNT(*) FROM documents")

    p = subprocess.run([sys.executable, os.path.join(SRCDIR, "scripts", "gen-scale.py"), "--home", h.home,
                        "--docs", "10", "--bin", BILLFLOW] + on_pg, capture_output=True, text=True)
    t.ok(p.returncode != 0 and "already" in p.stderr, "a filled store is not filled twice", p.stderr)
    t.eq(one("SELECT COUNT(*) FROM documents"), n_docs, "and is left as it was")
finally:
    h.cleanup()
t.done()
