#!/usr/bin/env python3
"""gen-scale.py: fills a billflow store with years of invoices, for the
1M-document benchmark (scripts/bench-scale.sh) and, small, for a test.

  gen-scale.py --home DIR [--docs N] [--lines M] [--seed S] [--bin BILLFLOW]
               [--url postgresql://...] [--end YYYY-MM-DD] [--years Y]

Creates the home with the real binary (`billflow init`: its own schema and
migrations, on SQLite or, with --url, on the PostgreSQL database named by
store.url), then bulk-loads, in big transactions (SQLite: python's sqlite3;
PostgreSQL: COPY through psql), rows shaped like the ones billflow writes:

  vendors (2000, skewed: a few big suppliers, a long tail), documents (N,
  received over Y years up to --end, from the inbox, IMAP and the CLI, with
  their text), invoices (vendor, numbers unique per vendor but a few
  duplicates, dates, totals in GBP/EUR/USD, some with POs), journal entries
  for the posted ones with postings (expense lines, input tax, payables;
  balanced) until about M ledger lines, a few reversals, exceptions with
  reasons (closed ones over the years, a few thousand open: the queue),
  the audit trail (receive, post, resolve), one export batch a day
  (csv; the last two days not exported yet), handled mails, capture
  failures and polls.

Left out: fields, invoice lines, word layers (read by document id only),
approvals and payments.  Deterministic for a seed.  Prints what it wrote.
"""
import argparse
import datetime as dt
import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import time

WORDS = ("Acme Northern Global Prime Atlas Delta Union Crown Royal Metro Apex Pioneer Summit "
         "Harbor Silver Golden Eagle Falcon Orion Nova Vertex Zenith Alpine Coastal Pacific "
         "Baltic Nordic Iberia Rhein Danube Tatra Carpathian Allied United Consolidated").split()
KINDS = ("Supplies", "Logistics", "Office", "Industrial", "Foods", "Energy", "Telecom",
         "Software", "Cleaning", "Print", "Freight", "Engineering", "Packaging", "Chemicals")
SUFFIX = ("Ltd", "GmbH", "SA", "BV", "plc", "Sp. z o.o.", "s.r.o.", "AB", "Oy", "SRL", "Inc")
ACCOUNTS = ("Expenses:Supplies", "Expenses:Office", "Expenses:Freight", "Expenses:Energy",
            "Expenses:Software", "Expenses:Services", "Expenses:Repairs", "Expenses:Telecom")
REASONS = ("low_confidence", "unknown_vendor", "missing_po", "po_not_found", "price_variance",
           "total_mismatch", "duplicate", "possible_duplicate", "missing_field", "over_limit")
ITEMS = ("Steel bolts M8", "Hex nuts", "Copy paper A4", "Toner cartridge", "Pallet freight",
         "Consulting hours", "Cleaning service", "Licence renewal", "Cable ties", "Diesel",
         "Safety gloves", "Labels 100x50", "Repair call-out", "Mobile plan")


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def norm(number):
    return "".join(c for c in number.upper() if c.isalnum())


class Gen:
    """Produces every table's rows, in id order, from one seeded walk."""

    def __init__(self, n_docs, n_lines, seed, end, years):
        self.n_docs, self.n_lines = n_docs, n_lines
        self.rng = random.Random(seed)
        self.seed = seed
        self.end = dt.datetime.combine(end, dt.time(18, 0), tzinfo=dt.timezone.utc)
        self.start = self.end - dt.timedelta(days=int(365.25 * years))
        self.vendors = self._vendors(2000)
        self.counts = {}

    def _vendors(self, n):
        rng = self.rng
        out = []
        for i in range(n):
            name = "%s %s %s" % (rng.choice(WORDS), rng.choice(KINDS), rng.choice(SUFFIX))
            if i % 7 == 0:
                name = "%s %s" % (rng.choice(WORDS), name)
            cur = "GBP" if i % 10 < 6 else ("EUR" if i % 10 < 9 else "USD")
            out.append(("V%05d" % (i + 1), "%s %d" % (name, i + 1), cur, rng.choice(ACCOUNTS)))
        return out

    def vendor_rows(self):
        now = iso(self.start)
        for vid, name, cur, acct in self.vendors:
            yield (vid, name, cur, 30, acct, 0, now)

    def _pick_vendor(self):
        # skewed: the first vendors send most invoices
        return int(len(self.vendors) * self.rng.random() ** 3)

    def walk(self):
        """Yields (table, row) in commit order: the store as years of work left it."""
        rng = self.rng
        span = (self.end - self.start).total_seconds()
        per_vendor = [0] * len(self.vendors)
        last_number = {}
        entry_id = exc_id = audit_id = batch_id = mail_uid = fail_id = 0
        lines = 0
        # postings per posted document, so the ledger reaches n_lines
        want_entries = max(1, int(self.n_docs * 0.93))
        per_entry = self.n_lines / want_entries
        reversals = {}
        unexported = []
        open_after = self.end - dt.timedelta(days=60)
        no_export_after = self.end - dt.timedelta(days=2)
        day = None
        for i in range(self.n_docs):
            doc_id = i + 1
            t = self.start + dt.timedelta(seconds=span * i / self.n_docs + rng.random() * 30)
            d = t.date()
            if day is not None and d != day and t < no_export_after and unexported:
                batch_id += 1
                at = dt.datetime.combine(d, dt.time(6, 0), tzinfo=dt.timezone.utc)
                # each batch takes every entry not exported yet: all up to the
                # newest have gone out (through_id)
                yield "export_batches", (batch_id, "csv", "/srv/billflow/exports/ap-%s.csv" % day,
                                         "ap-clerk", iso(at), len(unexported), max(unexported))
                for e in unexported:
                    yield "export_batch_entries", (batch_id, e)
                unexported = []
            day = d
            for rev in reversals.pop(i, ()):
                entry_id += 1
                orig, vid, number, po, amounts = rev
                yield "entries", (entry_id, d.isoformat(), "Reversal of entry %d: wrong account" % orig,
                                  vid, number, po, None, orig, "reverse:%d" % orig, iso(t))
                for seq, (acct, amt, cur, memo) in enumerate(amounts, 1):
                    yield "postings", (entry_id, seq, acct, -amt, cur, memo)
                    lines += 1
                unexported.append(entry_id)
            v = self._pick_vendor()
            vid, vname, cur, acct = self.vendors[v]
            src_roll = rng.random()
            if src_roll < 0.6:
                source = "inbox"
            elif src_roll < 0.9:
                mail_uid += 1
                source = "imap:1:%d" % mail_uid
                yield "service_mails", ("INBOX", 1, mail_uid, "documents", 1, None,
                                        "<%d.%d@mail.example>" % (mail_uid, self.seed),
                                        "Invoice from %s" % vname, iso(t))
                if rng.random() < 0.08:  # a mail without a document
                    mail_uid += 1
                    yield "service_mails", ("INBOX", 1, mail_uid, "no_attachment", 0, None,
                                            "<%d.%d@mail.example>" % (mail_uid, self.seed),
                                            "Re: statement", iso(t))
            else:
                source = "cli"
            roll = rng.random()
            if roll < 0.003:
                state = 4 if t > open_after else 3  # unreadable: queued, later rejected
            elif roll < 0.023:
                state = 3  # rejected
            elif t > open_after and roll < 0.073:
                state = 2  # exception still open
            elif roll < 0.0235:
                state = 2
            else:
                state = 1
            per_vendor[v] += 1
            number = "INV-%d-%06d" % (t.year, per_vendor[v])
            if rng.random() < 0.003 and v in last_number:
                number = last_number[v]  # a duplicate sent again
            last_number[v] = number
            pages = 1 + (rng.random() < 0.2) + (rng.random() < 0.05)
            n_items = 1 + int(rng.random() * 3)
            amounts = [int(rng.lognormvariate(9, 1.2)) + 100 for _ in range(n_items)]
            sub = sum(amounts)
            tax = sub * 20 // 100
            total = sub + tax
            inv_date = d - dt.timedelta(days=int(rng.random() * 10))
            po = "PO-%06d" % rng.randrange(1, 400000) if rng.random() < 0.3 else None
            text = ("INVOICE\n%s\n1 Foundry Road\nLeeds LS1 4AP\nInvoice No: %s\nInvoice Date: %s\n"
                    "Description Qty Unit Price Amount\n%s\nSubtotal %d.%02d\nVAT 20%% %d.%02d\n"
                    "Total %s %d.%02d\nThank you for your business.\n" %
                    (vname, number, inv_date.isoformat(),
                     "\n".join("%s 1 %d.%02d %d.%02d" % (ITEMS[(doc_id + k) % len(ITEMS)],
                                                        a // 100, a % 100, a // 100, a % 100)
                               for k, a in enumerate(amounts)),
                     sub // 100, sub % 100, tax // 100, tax % 100, cur, total // 100, total % 100))
            sha = hashlib.sha256(b"%d:%d" % (self.seed, doc_id)).hexdigest()
            yield "documents", (doc_id, sha, "%s-%s.pdf" % (vid, number), source,
                                20000 + rng.randrange(200000), pages, state, iso(t), text)
            audit_id += 1
            yield "audit", (audit_id, iso(t), "billflow", "receive", doc_id, "file", None,
                            "%s-%s.pdf" % (vid, number))
            if state != 4:
                unknown = state == 2 and rng.random() < 0.2
                yield "invoices", (doc_id, doc_id, None if unknown else vid, vname, number, norm(number),
                                   inv_date.isoformat(), (inv_date + dt.timedelta(days=30)).isoformat(),
                                   cur, sub, cur, tax, cur, total, cur, po,
                                   "ocr" if source != "cli" and rng.random() < 0.5 else "text",
                                   pages, iso(t))
            had_exception = state in (2, 3, 4) or rng.random() < 0.1
            if had_exception:
                exc_id += 1
                closed = state in (1, 3)
                exc_state = 0 if not closed else (1 if state == 1 else 2)
                closed_at = iso(t + dt.timedelta(hours=1 + rng.random() * 48)) if closed else None
                resolution = ("posted" if state == 1 else "rejected") if closed else None
                yield "exceptions", (exc_id, doc_id, exc_state, iso(t), closed_at, resolution)
                # an open one: the queue's kept listing of it (store migration 17)
                kept = ["exception_reasons"] + (["queue_reasons"] if not closed else [])
                if not closed and state == 4:
                    yield "queue_rows", (exc_id, doc_id, iso(t)) + (None,) * 6 + ("%s-%s.pdf" % (vid, number),)
                elif not closed:
                    yield "queue_rows", (exc_id, doc_id, iso(t), vname, number, total, cur,
                                         inv_date.isoformat(), (inv_date + dt.timedelta(days=30)).isoformat(),
                                         "%s-%s.pdf" % (vid, number))
                reason = "unreadable" if state == 4 else rng.choice(REASONS)
                for table in kept:
                    yield table, (exc_id, 1, reason, "%s on %s" % (reason, number))
                if rng.random() < 0.3 and state != 4:
                    r2 = rng.choice(REASONS)
                    if r2 != reason:
                        for table in kept:
                            yield table, (exc_id, 2, r2, "%s on %s" % (r2, number))
                if closed:
                    audit_id += 1
                    yield "audit", (audit_id, closed_at, "ap-clerk",
                                    "resolve" if state == 1 else "reject", doc_id, None, None, None)
            if state == 1:
                entry_id += 1
                k = max(2, int(per_entry + rng.random()) - 2)  # k expense lines + tax + payables
                k_amounts = [sub // k] * k
                k_amounts[-1] += sub - sum(k_amounts)
                rows = [(acct, a, cur, ITEMS[(doc_id + n) % len(ITEMS)]) for n, a in enumerate(k_amounts)]
                rows.append(("Assets:InputTax", tax, cur, None))
                rows.append(("Liabilities:AccountsPayable", -total, cur, None))
                yield "entries", (entry_id, inv_date.isoformat(), "%s %s" % (vname, number), vid, number,
                                  po, doc_id, None, "doc:%d" % doc_id, iso(t + dt.timedelta(seconds=1)))
                for seq, r in enumerate(rows, 1):
                    yield "postings", (entry_id, seq) + r
                    lines += 1
                audit_id += 1
                yield "audit", (audit_id, iso(t), "billflow", "post", doc_id, "entry", None, str(entry_id))
                unexported.append(entry_id)
                if rng.random() < 0.01:
                    reversals.setdefault(i + 1 + rng.randrange(5000), []).append(
                        (entry_id, vid, number, po, rows))
            if rng.random() < 0.002:
                fail_id += 1
                yield "service_failures", (fail_id, "inbox", "scan-%d.pdf" % doc_id,
                                           "reader timed out", iso(t))
        yield "service_mailboxes", ("INBOX", 1, mail_uid, iso(self.end))
        yield "service_polls", ("inbox", iso(self.end), 1, "ok", None)
        yield "service_polls", ("imap:INBOX", iso(self.end), 1, "ok", None)
        self.counts["ledger lines"] = lines


COLUMNS = {
    "vendors": "vendor_id, name, currency, payment_terms_days, default_account, po_required, updated_at",
    "documents": "id, sha256, filename, source, size, pages, state, received_at, full_text",
    "invoices": "id, document_id, vendor_id, vendor_name, invoice_number, number_norm, invoice_date,"
                " due_date, currency, subtotal_minor, subtotal_currency, tax_minor, tax_currency,"
                " total_minor, total_currency, po_number, source, pages, updated_at",
    "entries": "id, entry_date, description, vendor_id, invoice_number, po_number, document_id,"
               " reverses_id, posting_key, created_at",
    "postings": "entry_id, seq, account, amount_minor, currency, memo",
    "exceptions": "id, document_id, state, created_at, closed_at, resolution",
    "exception_reasons": "exception_id, seq, reason, detail",
    "queue_rows": "exception_id, document_id, created_at, vendor, invoice_number, total_minor,"
                  " total_currency, invoice_date, due_date, filename",
    "queue_reasons": "exception_id, seq, reason, detail",
    "audit": "id, at, user_name, action, document_id, field, old_value, new_value",
    "export_batches": "id, format, out, user_name, created_at, entries, through_id",
    "export_batch_entries": "batch_id, entry_id",
    "service_mails": "mailbox, uidvalidity, uid, outcome, documents, detail, message_id, subject,"
                     " handled_at",
    "service_mailboxes": "mailbox, uidvalidity, last_uid, updated_at",
    "service_failures": "id, source, name, reason, failed_at",
    "service_polls": "source, polled_at, ok, result, failing_since",
}
# status's counts by state and source (store migration 11), as billflow
# keeps them when it writes a document itself; f: the engine's instr
COUNTS_SQL = ("INSERT INTO document_counts (state, src, shard, n)"
              " SELECT state, CASE WHEN %(f)s(source, ':') > 0"
              " THEN substr(source, 1, %(f)s(source, ':') - 1) ELSE COALESCE(source, '') END,"
              " id %% 8, COUNT(*) FROM documents GROUP BY 1, 2, 3")
# status's kept counts of journal entries and mails (store migration 15)
RECORD_COUNTS_SQL = ("DELETE FROM record_counts;"
                     "INSERT INTO record_counts (what, shard, n)"
                     " SELECT 'entries', id % 8, COUNT(*) FROM entries GROUP BY 2;"
                     "INSERT INTO record_counts (what, shard, n)"
                     " SELECT 'mails', uid % 8, COUNT(*) FROM service_mails GROUP BY 2;")
# parents before children, so foreign keys hold at every commit
ORDER = ["vendors", "documents", "invoices", "entries", "postings", "exceptions", "exception_reasons",
         "queue_rows", "queue_reasons",
         "audit", "export_batches", "export_batch_entries", "service_mails", "service_mailboxes",
         "service_failures", "service_polls"]


class SqliteSink:
    def __init__(self, path):
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        n = self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        if n:
            sys.exit("gen-scale: the store has %d documents already; give an empty home" % n)
        self.db.execute("PRAGMA journal_mode = DELETE")  # no multi-GB WAL for the load
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("PRAGMA cache_size = -1000000")
        self.db.execute("PRAGMA foreign_keys = OFF")
        self.db.execute("BEGIN")

    def write(self, table, rows):
        cols = COLUMNS[table]
        marks = ", ".join("?" * len(cols.split(",")))
        self.db.executemany("INSERT INTO %s (%s) VALUES (%s)" % (table, cols, marks), rows)

    def commit(self):
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def close(self):
        self.db.execute("DELETE FROM document_counts")
        self.db.execute(COUNTS_SQL % {"f": "instr"})
        for q in RECORD_COUNTS_SQL.split(";"):
            if q:
                self.db.execute(q)
        self.db.execute("COMMIT")
        self.db.execute("ANALYZE")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.close()


def copy_text(v):
    if v is None:
        return "\\N"
    s = str(v)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class PgSink:
    """COPY FROM STDIN through psql, one COPY per table and chunk."""

    def __init__(self, url):
        self.url = url
        self.psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url]
        out = subprocess.run(self.psql + ["-Atc", "SELECT COUNT(*) FROM documents"],
                             capture_output=True, text=True, check=True).stdout.strip()
        if out != "0":
            sys.exit("gen-scale: the store has %s documents already; give an empty database" % out)

    def write(self, table, rows):
        body = "".join("\t".join(copy_text(v) for v in r) + "\n" for r in rows)
        sql = "COPY %s (%s) FROM STDIN" % (table, COLUMNS[table])
        subprocess.run(self.psql + ["-c", sql], input=body, text=True, check=True)

    def commit(self):
        pass

    def close(self):
        # the id columns' sequences continue after the loaded rows
        fix = []
        for table in ORDER:
            if COLUMNS[table].startswith("id,"):
                fix.append("SELECT setval(pg_get_serial_sequence('%s', 'id'), "
                           "GREATEST((SELECT MAX(id) FROM %s), 1)) "
                           "WHERE pg_get_serial_sequence('%s', 'id') IS NOT NULL;" % (table, table, table))
        fix.append("DELETE FROM document_counts;" + COUNTS_SQL % {"f": "strpos"} + ";")
        fix.append(RECORD_COUNTS_SQL)
        subprocess.run(self.psql + ["-c", "".join(fix) + "ANALYZE;"], check=True,
                       stdout=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", required=True, help="the billflow home to create and fill")
    ap.add_argument("--docs", type=int, default=1000000)
    ap.add_argument("--lines", type=int, default=5000000, help="ledger lines (postings), about")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--end", default="2026-12-05", help="the last day documents arrived")
    ap.add_argument("--years", type=float, default=4.0)
    ap.add_argument("--bin", default=os.environ.get("BILLFLOW_BIN", "billflow"))
    ap.add_argument("--url", help="store.url: fill this PostgreSQL database instead of SQLite")
    a = ap.parse_args()

    env = dict(os.environ, BILLFLOW_HOME=a.home)
    if a.url:
        os.makedirs(a.home, exist_ok=True)
        conf = os.path.join(a.home, "billflow.conf")
        if not os.path.exists(conf):
            with open(conf, "w") as f:
                f.write("[store]\nurl = %s\n" % a.url)
    p = subprocess.run([a.bin, "init"], env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("gen-scale: billflow init failed: %s" % p.stderr.strip())
    p = subprocess.run([a.bin, "status"], env=env, capture_output=True, text=True)  # runs migrations
    if p.returncode != 0:
        sys.exit("gen-scale: billflow status failed: %s" % p.stderr.strip())
    sink = PgSink(a.url) if a.url else SqliteSink(os.path.join(a.home, "billflow.db"))

    g = Gen(a.docs, a.lines, a.seed, dt.date.fromisoformat(a.end), a.years)
    t0 = time.time()
    sink.write("vendors", list(g.vendor_rows()))
    counts = {"vendors": len(g.vendors)}
    buf = {t: [] for t in ORDER}
    pending = 0
    chunk = 200000

    def flush():
        for t in ORDER:
            if buf[t]:
                sink.write(t, buf[t])
                buf[t].clear()
        sink.commit()

    for table, row in g.walk():
        buf[table].append(row)
        counts[table] = counts.get(table, 0) + 1
        pending += 1
        if pending >= chunk:
            flush()
            pending = 0
            print("gen-scale: %d documents, %.0f s" % (counts.get("documents", 0), time.time() - t0),
                  file=sys.stderr, flush=True)
    flush()
    sink.close()
    for t in ORDER:
        print("%-22s %9d" % (t, counts.get(t, 0)))
    print("%-22s %9d" % ("ledger lines", g.counts.get("ledger lines", 0)))
    print("%-22s %9.1f s" % ("time", time.time() - t0))


if __name__ == "__main__":
    main()
