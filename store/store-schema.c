/* store-schema.c: the database schema as forward migrations; PRAGMA
 * user_version holds how many have run. Append, never edit a shipped one. */
#include "store/store-int.h"

/* Conventions: money is INTEGER minor units beside a currency TEXT; quantities
 * and unit prices are exact decimal TEXT ("12.345"), never REAL; dates are
 * 'YYYY-MM-DD' TEXT and timestamps ISO 8601 UTC TEXT, both compared as text.
 * Enumerations are small INTEGERs except reasons and text sources, kept by
 * name so a reordered enum cannot change stored meaning. Column names avoid
 * words PostgreSQL reserves (user, date) so the schema can move there. */
static const char migration_1[] =
        "CREATE TABLE documents ("
        "  id INTEGER PRIMARY KEY,"
        "  sha256 TEXT NOT NULL UNIQUE,"
        "  filename TEXT,"
        "  source TEXT,"
        "  size INTEGER NOT NULL DEFAULT 0,"
        "  pages INTEGER NOT NULL DEFAULT 0,"
        "  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 4),"
        "  received_at TEXT NOT NULL,"
        "  full_text TEXT"
        ");"
        "CREATE INDEX documents_state ON documents(state);"

        "CREATE TABLE invoices ("
        "  id INTEGER PRIMARY KEY,"
        "  document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id),"
        "  vendor_id TEXT,"
        "  vendor_name TEXT,"
        "  invoice_number TEXT,"
        "  number_norm TEXT,"
        "  invoice_date TEXT,"
        "  due_date TEXT,"
        "  currency TEXT NOT NULL DEFAULT '',"
        "  subtotal_minor INTEGER,"         /* NULL when the field is null */
        "  subtotal_currency TEXT NOT NULL DEFAULT '',"
        "  tax_minor INTEGER,"
        "  tax_currency TEXT NOT NULL DEFAULT '',"
        "  total_minor INTEGER,"
        "  total_currency TEXT NOT NULL DEFAULT '',"
        "  po_number TEXT,"
        "  source TEXT,"
        "  pages INTEGER NOT NULL DEFAULT 0,"
        "  updated_at TEXT NOT NULL"
        ");"
        "CREATE INDEX invoices_vendor_number ON invoices(vendor_id, number_norm);"
        "CREATE INDEX invoices_vendor_total ON invoices(vendor_id, total_minor, total_currency);"

        "CREATE TABLE fields ("
        "  document_id INTEGER NOT NULL REFERENCES documents(id),"
        "  field TEXT NOT NULL,"
        "  present INTEGER NOT NULL DEFAULT 0,"
        "  value TEXT,"                     /* as the contract prints it */
        "  confidence REAL NOT NULL DEFAULT 0,"
        "  page INTEGER NOT NULL DEFAULT 0,"
        "  x0 REAL, y0 REAL, x1 REAL, y1 REAL,"
        "  label TEXT,"
        "  PRIMARY KEY (document_id, field)"
        ");"

        "CREATE TABLE invoice_lines ("
        "  document_id INTEGER NOT NULL REFERENCES documents(id),"
        "  seq INTEGER NOT NULL,"
        "  line_no INTEGER NOT NULL,"
        "  description TEXT,"
        "  quantity TEXT,"
        "  unit_price TEXT,"
        "  amount_minor INTEGER,"
        "  amount_currency TEXT NOT NULL DEFAULT '',"
        "  PRIMARY KEY (document_id, seq)"
        ");"

        "CREATE TABLE vendors ("
        "  vendor_id TEXT PRIMARY KEY,"
        "  name TEXT NOT NULL,"
        "  currency TEXT NOT NULL DEFAULT '',"
        "  payment_terms_days INTEGER,"
        "  default_account TEXT,"
        "  po_required INTEGER NOT NULL DEFAULT 1,"
        "  tax_id TEXT,"
        "  iban TEXT,"
        "  price_tolerance_pct TEXT,"
        "  amount_tolerance TEXT,"
        "  auto_post_limit TEXT,"
        "  updated_at TEXT NOT NULL"
        ");"
        "CREATE TABLE vendor_aliases ("
        "  vendor_id TEXT NOT NULL REFERENCES vendors(vendor_id) ON DELETE CASCADE,"
        "  seq INTEGER NOT NULL,"
        "  alias TEXT NOT NULL,"
        "  PRIMARY KEY (vendor_id, seq)"
        ");"

        /* No foreign key from POs to vendors or from receipts to PO lines:
         * importing them in another order must work, and the rules report
         * an unknown vendor or PO as a reason rather than the store failing. */
        "CREATE TABLE pos ("
        "  po_number TEXT PRIMARY KEY,"
        "  vendor_id TEXT,"
        "  currency TEXT NOT NULL DEFAULT '',"
        "  updated_at TEXT NOT NULL"
        ");"
        "CREATE TABLE po_lines ("
        "  po_number TEXT NOT NULL REFERENCES pos(po_number),"
        "  line_no INTEGER NOT NULL,"
        "  description TEXT,"
        "  quantity TEXT NOT NULL,"
        "  unit_price TEXT NOT NULL,"
        "  account TEXT,"
        "  PRIMARY KEY (po_number, line_no)"
        ");"
        "CREATE TABLE receipts ("
        "  id INTEGER PRIMARY KEY,"
        "  receipt_id TEXT NOT NULL,"
        "  po_number TEXT NOT NULL,"
        "  line_no INTEGER NOT NULL,"
        "  quantity_received TEXT NOT NULL,"
        "  received_date TEXT,"
        "  UNIQUE (receipt_id, po_number, line_no)"
        ");"
        "CREATE INDEX receipts_po_line ON receipts(po_number, line_no);"
        "CREATE TABLE billed ("
        "  id INTEGER PRIMARY KEY,"
        "  document_id INTEGER NOT NULL REFERENCES documents(id),"
        "  po_number TEXT NOT NULL,"
        "  line_no INTEGER NOT NULL,"
        "  quantity TEXT NOT NULL"
        ");"
        "CREATE INDEX billed_po_line ON billed(po_number, line_no);"

        /* The ledger is append-only: triggers refuse any change, and a
         * second reversal of one entry breaks UNIQUE(reverses_id). */
        "CREATE TABLE entries ("
        "  id INTEGER PRIMARY KEY,"
        "  entry_date TEXT,"
        "  description TEXT,"
        "  vendor_id TEXT,"
        "  invoice_number TEXT,"
        "  po_number TEXT,"
        "  document_id INTEGER REFERENCES documents(id),"
        "  reverses_id INTEGER UNIQUE REFERENCES entries(id),"
        "  posting_key TEXT UNIQUE,"
        "  created_at TEXT NOT NULL"
        ");"
        "CREATE INDEX entries_document ON entries(document_id);"
        "CREATE TABLE postings ("
        "  entry_id INTEGER NOT NULL REFERENCES entries(id),"
        "  seq INTEGER NOT NULL,"
        "  account TEXT NOT NULL,"
        "  amount_minor INTEGER NOT NULL,"
        "  currency TEXT NOT NULL DEFAULT '',"
        "  memo TEXT,"
        "  PRIMARY KEY (entry_id, seq)"
        ");"
        "CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries"
        "  BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;"
        "CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries"
        "  BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;"
        "CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings"
        "  BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;"
        "CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings"
        "  BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;"

        "CREATE TABLE exceptions ("
        "  id INTEGER PRIMARY KEY,"
        "  document_id INTEGER NOT NULL REFERENCES documents(id),"
        "  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 2),"
        "  created_at TEXT NOT NULL,"
        "  closed_at TEXT,"
        "  resolution TEXT"
        ");"
        /* At most one open exception per document. */
        "CREATE UNIQUE INDEX exceptions_open_document ON exceptions(document_id)"
        "  WHERE state = 0;"
        "CREATE TABLE exception_reasons ("
        "  exception_id INTEGER NOT NULL REFERENCES exceptions(id),"
        "  seq INTEGER NOT NULL,"
        "  reason TEXT NOT NULL,"
        "  detail TEXT,"
        "  PRIMARY KEY (exception_id, seq)"
        ");"

        /* No foreign key: the audit log outlives anything it mentions. */
        "CREATE TABLE audit ("
        "  id INTEGER PRIMARY KEY,"
        "  at TEXT NOT NULL,"
        "  user_name TEXT,"
        "  action TEXT NOT NULL,"
        "  document_id INTEGER,"
        "  field TEXT,"
        "  old_value TEXT,"
        "  new_value TEXT"
        ");"
        "CREATE INDEX audit_document ON audit(document_id);"
        "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
        "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
        "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;";

/* The capture service's own state (store-service.c): per mailbox its
 * UIDVALIDITY and the UID below which every mail is handled, each handled
 * mail with its outcome, capture failures with their reasons, and the last
 * poll of each source. */
static const char migration_2[] =
        "CREATE TABLE service_mailboxes ("
        "  mailbox TEXT PRIMARY KEY,"
        "  uidvalidity INTEGER NOT NULL,"
        "  last_uid INTEGER NOT NULL DEFAULT 0,"
        "  updated_at TEXT NOT NULL"
        ");"
        "CREATE TABLE service_mails ("
        "  mailbox TEXT NOT NULL,"
        "  uidvalidity INTEGER NOT NULL,"
        "  uid INTEGER NOT NULL,"
        "  outcome TEXT NOT NULL,"          /* documents | no_attachment | failed */
        "  documents INTEGER NOT NULL DEFAULT 0,"
        "  detail TEXT,"
        "  message_id TEXT,"
        "  subject TEXT,"
        "  handled_at TEXT NOT NULL,"
        "  PRIMARY KEY (mailbox, uidvalidity, uid)"
        ");"
        "CREATE TABLE service_failures ("
        "  id INTEGER PRIMARY KEY,"
        "  source TEXT NOT NULL,"
        "  name TEXT,"
        "  reason TEXT NOT NULL,"
        "  failed_at TEXT NOT NULL"
        ");"
        "CREATE TABLE service_polls ("
        "  source TEXT PRIMARY KEY,"
        "  polled_at TEXT NOT NULL,"
        "  ok INTEGER NOT NULL,"
        "  result TEXT"
        ");";

/* Review claims (store-review.c): who has an exception open in the TUI and
 * when they last touched it; a claim older than its time-to-live is void. */
static const char migration_3[] =
        "CREATE TABLE exception_claims ("
        "  exception_id INTEGER PRIMARY KEY REFERENCES exceptions(id),"
        "  user_name TEXT NOT NULL,"
        "  claimed_at TEXT NOT NULL,"
        "  heartbeat_at TEXT NOT NULL"
        ");";

/* Export batches (store-export.c): which entries went out in which format. */
static const char migration_4[] =
        "CREATE TABLE export_batches ("
        "  id INTEGER PRIMARY KEY,"
        "  format TEXT NOT NULL,"
        "  out TEXT,"
        "  user_name TEXT,"
        "  created_at TEXT NOT NULL,"
        "  entries INTEGER NOT NULL DEFAULT 0"
        ");"
        "CREATE TABLE export_batch_entries ("
        "  batch_id INTEGER NOT NULL REFERENCES export_batches(id),"
        "  entry_id INTEGER NOT NULL REFERENCES entries(id),"
        "  PRIMARY KEY (batch_id, entry_id)"
        ");"
        "CREATE INDEX export_batch_entries_entry ON export_batch_entries(entry_id);";

/* Learning from corrections (store-learn.c): the word layer each document
 * was read from, and where a reviewer's corrected value sat, per vendor. */
static const char migration_5[] =
        "CREATE TABLE document_words ("
        "  document_id INTEGER PRIMARY KEY REFERENCES documents(id),"
        "  source TEXT NOT NULL,"
        "  words TEXT NOT NULL"
        ");"
        "CREATE TABLE field_hints ("
        "  vendor_key TEXT NOT NULL,"
        "  field TEXT NOT NULL,"
        "  label TEXT,"
        "  below INTEGER NOT NULL DEFAULT 0,"
        "  dx REAL NOT NULL DEFAULT 0,"
        "  dy REAL NOT NULL DEFAULT 0,"
        "  px REAL NOT NULL DEFAULT 0,"
        "  py REAL NOT NULL DEFAULT 0,"
        "  page INTEGER NOT NULL DEFAULT 1,"
        "  learned_at TEXT NOT NULL,"
        "  PRIMARY KEY (vendor_key, field)"
        ");";

/* Reader failures per document (store-service.c): how many times a
 * reader process crashed or timed out on these bytes, so that a document
 * that keeps killing readers is quarantined after capture.max_attempts, also
 * across restarts. */
static const char migration_6[] =
        "CREATE TABLE capture_attempts ("
        "  sha256 TEXT PRIMARY KEY,"
        "  attempts INTEGER NOT NULL DEFAULT 0,"
        "  last_error TEXT,"
        "  updated_at TEXT NOT NULL"
        ");";

/* The approval workflow (store-approvals.c): users with roles and limits,
 * approval rules, approvals with the route of approvers per level and the
 * votes cast, and the outbox of notifications — written in the transaction
 * of their cause, sent afterwards, marked sent only once delivered. */
static const char migration_7[] =
        "CREATE TABLE users ("
        "  user_id TEXT PRIMARY KEY,"
        "  name TEXT,"
        "  email TEXT,"
        "  roles INTEGER NOT NULL DEFAULT 0,"
        "  limit_minor INTEGER,"             /* NULL: approves nothing */
        "  limit_currency TEXT NOT NULL DEFAULT '',"
        "  deputy TEXT,"
        "  updated_at TEXT NOT NULL"
        ");"
        "CREATE TABLE approval_rules ("
        "  id INTEGER PRIMARY KEY,"
        "  level INTEGER NOT NULL CHECK (level >= 1),"
        "  min_amount TEXT,"                 /* exact decimal, NULL: no floor */
        "  max_amount TEXT,"
        "  currency TEXT NOT NULL DEFAULT '',"
        "  vendor_id TEXT,"
        "  account TEXT,"
        "  approver TEXT"                    /* NULL: any approver whose limit covers */
        ");"
        "CREATE TABLE approvals ("
        "  id INTEGER PRIMARY KEY,"
        "  document_id INTEGER NOT NULL REFERENCES documents(id),"
        "  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),"
        "  level INTEGER NOT NULL DEFAULT 1,"
        "  levels INTEGER NOT NULL,"
        "  approver TEXT,"
        "  escalated_to TEXT,"
        "  amount_minor INTEGER NOT NULL,"
        "  currency TEXT NOT NULL DEFAULT '',"
        "  created_at TEXT NOT NULL,"
        "  level_at TEXT NOT NULL,"
        "  reminded_at TEXT,"
        "  escalated_at TEXT,"
        "  decided_at TEXT,"
        "  decided_by TEXT,"
        "  reason TEXT"
        ");"
        "CREATE UNIQUE INDEX approvals_pending_document ON approvals(document_id)"
        "  WHERE state = 0;"
        "CREATE TABLE approval_levels ("
        "  approval_id INTEGER NOT NULL REFERENCES approvals(id),"
        "  level INTEGER NOT NULL,"
        "  approver TEXT,"
        "  PRIMARY KEY (approval_id, level)"
        ");"
        "CREATE TABLE approval_votes ("
        "  approval_id INTEGER NOT NULL REFERENCES approvals(id),"
        "  level INTEGER NOT NULL,"
        "  user_name TEXT NOT NULL,"
        "  voted_at TEXT NOT NULL,"
        "  PRIMARY KEY (approval_id, level)"
        ");"
        "CREATE TABLE outbox ("
        "  id INTEGER PRIMARY KEY,"
        "  event_id TEXT NOT NULL UNIQUE,"
        "  dedupe_key TEXT,"                 /* one alert per cause: NULL for none */
        "  event_type TEXT NOT NULL,"
        "  channel TEXT NOT NULL,"           /* mail | webhook */
        "  recipient TEXT NOT NULL,"
        "  subject TEXT,"
        "  payload TEXT NOT NULL,"           /* the event as JSON */
        "  created_at TEXT NOT NULL,"
        "  attempts INTEGER NOT NULL DEFAULT 0,"
        "  next_at TEXT,"
        "  sent_at TEXT,"
        "  last_error TEXT,"
        "  UNIQUE (dedupe_key, channel, recipient)"
        ");"
        "CREATE INDEX outbox_unsent ON outbox(sent_at, next_at);"
        /* since when a source's polls fail (NULL while they succeed): the
         * mailbox unreachable for alert.after raises an alert */
        "ALTER TABLE service_polls ADD COLUMN failing_since TEXT;";

/* The language a vendor's documents are written in (ISO 639-1, "lv"):
 * what their OCR is read in when ocr.language is auto. */
static const char migration_8[] =
        "ALTER TABLE vendors ADD COLUMN language TEXT;";

/* Paying the bills (store-payments.c): vendors' BICs and early-payment
 * terms; what each invoice printed (the IBAN to pay, its discount terms);
 * changes of bank details waiting for a second user; payment runs, their
 * payments (one per vendor and currency) and the bills each settles;
 * bank statement lines, matched or in the bank queue. */
static const char migration_9[] =
        "ALTER TABLE vendors ADD COLUMN bic TEXT;"
        "ALTER TABLE vendors ADD COLUMN discount_bp INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE vendors ADD COLUMN discount_days INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE invoices ADD COLUMN vendor_iban TEXT;"
        "ALTER TABLE invoices ADD COLUMN discount_bp INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE invoices ADD COLUMN discount_days INTEGER NOT NULL DEFAULT 0;"
        "CREATE TABLE bank_changes ("
        "  id INTEGER PRIMARY KEY,"
        "  vendor_id TEXT NOT NULL,"
        "  old_iban TEXT, old_bic TEXT, new_iban TEXT, new_bic TEXT,"
        "  requested_by TEXT,"
        "  requested_at TEXT NOT NULL,"
        "  confirmed_by TEXT,"
        "  confirmed_at TEXT"
        ");"
        "CREATE UNIQUE INDEX bank_changes_pending ON bank_changes(vendor_id)"
        "  WHERE confirmed_at IS NULL;"
        "CREATE TABLE pay_runs ("
        "  id INTEGER PRIMARY KEY,"
        "  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 2),"
        "  pay_date TEXT NOT NULL,"
        "  until_date TEXT,"
        "  created_by TEXT,"
        "  created_at TEXT NOT NULL,"
        "  approved_by TEXT, approved_at TEXT,"
        "  exported_by TEXT, exported_at TEXT, format TEXT"
        ");"
        "CREATE TABLE payments ("
        "  id INTEGER PRIMARY KEY,"
        "  run_id INTEGER NOT NULL REFERENCES pay_runs(id),"
        "  vendor_id TEXT NOT NULL,"
        "  vendor_name TEXT,"
        "  iban TEXT, bic TEXT,"
        "  amount_minor INTEGER NOT NULL,"
        "  discount_minor INTEGER NOT NULL DEFAULT 0,"
        "  currency TEXT NOT NULL,"
        "  end_to_end TEXT UNIQUE,"
        "  state TEXT NOT NULL DEFAULT 'open'"   /* open | paid | returned */
        ");"
        "CREATE INDEX payments_run ON payments(run_id);"
        "CREATE TABLE payment_items ("
        "  payment_id INTEGER NOT NULL REFERENCES payments(id),"
        "  document_id INTEGER NOT NULL REFERENCES documents(id),"
        "  amount_minor INTEGER NOT NULL,"
        "  discount_minor INTEGER NOT NULL DEFAULT 0,"
        "  PRIMARY KEY (payment_id, document_id)"
        ");"
        "CREATE INDEX payment_items_document ON payment_items(document_id);"
        "CREATE TABLE bank_lines ("
        "  id INTEGER PRIMARY KEY,"
        "  line_key TEXT NOT NULL UNIQUE,"
        "  account_iban TEXT,"
        "  booking_date TEXT,"
        "  amount_minor INTEGER NOT NULL,"
        "  currency TEXT NOT NULL DEFAULT '',"
        "  counter_iban TEXT, counter_name TEXT, reference TEXT, end_to_end TEXT,"
        "  returned INTEGER NOT NULL DEFAULT 0,"
        "  state TEXT NOT NULL,"                 /* matched | open | ignored */
        "  reason TEXT, detail TEXT,"
        "  payment_id INTEGER REFERENCES payments(id),"
        "  document_id INTEGER REFERENCES documents(id),"
        "  imported_at TEXT NOT NULL,"
        "  matched_by TEXT"
        ");";

/* A store of years (issue 17: a million documents, five million ledger
 * lines; scripts/bench-scale.sh): the lookups that ran through a whole table.
 * A vendor's newest invoices (the invoice-number evidence, newest first and
 * limited), journal entries by date (ledger --since), the newest mails that
 * brought no document (status), a vendor's newest POs (evidence), and the
 * documents by source (status counts them through this index, not the
 * table and its texts). */
static const char migration_10[] =
        "CREATE INDEX invoices_vendor_document ON invoices(vendor_id, document_id);"
        "CREATE INDEX entries_date ON entries(entry_date, id);"
        "CREATE INDEX service_mails_handled ON service_mails(handled_at, uid);"
        "CREATE INDEX pos_vendor ON pos(vendor_id, updated_at);"
        "CREATE INDEX documents_source ON documents(source);";

/* A document waiting for approval has a state of its own (5,
 * awaiting_approval): documents is rebuilt with the wider CHECK, by SQLite's
 * procedure for changes ALTER TABLE cannot make (create the new table, copy,
 * drop the old, rename the new, recreate its indexes, those of migrations 1 and 10; migrate() runs every
 * migration with foreign keys off and checks them before committing). The
 * documents already waiting move to the new state. */
static const char migration_11[] =
        "CREATE TABLE documents_new ("
        "  id INTEGER PRIMARY KEY,"
        "  sha256 TEXT NOT NULL UNIQUE,"
        "  filename TEXT,"
        "  source TEXT,"
        "  size INTEGER NOT NULL DEFAULT 0,"
        "  pages INTEGER NOT NULL DEFAULT 0,"
        "  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 5),"
        "  received_at TEXT NOT NULL,"
        "  full_text TEXT"
        ");"
        "INSERT INTO documents_new (id, sha256, filename, source, size, pages, state, received_at,"
        "  full_text)"
        "  SELECT id, sha256, filename, source, size, pages,"
        "    CASE WHEN state = 0 AND EXISTS (SELECT 1 FROM approvals a"
        "      WHERE a.document_id = documents.id AND a.state = 0) THEN 5 ELSE state END,"
        "    received_at, full_text FROM documents;"
        "DROP TABLE documents;"
        "ALTER TABLE documents_new RENAME TO documents;"
        "CREATE INDEX documents_state ON documents(state);"
        "CREATE INDEX documents_source ON documents(source);";

/* Reads that stay small however long the store has run. Export batches
 * record through_id: every entry with an id up to it has gone out in the
 * batch's format, so the next export looks only above it (store-export.c).
 * Documents are counted by state and source as they change (status reads
 * these rows, not every document), in shards (id % 8) so writers on
 * several machines do not all wait on one row. Mails by outcome: status
 * counts the few without a document. */
static const char migration_12[] =
        "ALTER TABLE export_batches ADD COLUMN through_id INTEGER;"
        "CREATE INDEX service_mails_outcome ON service_mails(outcome);"
        "CREATE INDEX export_batches_format ON export_batches(format, through_id);"
        "CREATE TABLE document_counts ("
        "  state INTEGER NOT NULL,"
        "  src TEXT NOT NULL,"                   /* source up to its first ':' */
        "  shard INTEGER NOT NULL,"
        "  n INTEGER NOT NULL DEFAULT 0,"
        "  PRIMARY KEY (state, src, shard)"
        ");"
        "INSERT INTO document_counts (state, src, shard, n)"
        "  SELECT state, CASE WHEN instr(source, ':') > 0"
        "    THEN substr(source, 1, instr(source, ':') - 1) ELSE COALESCE(source, '') END,"
        "    id % 8, COUNT(*) FROM documents GROUP BY 1, 2, 3;";

/* Cost centres: a PO's (who the spending is for), a vendor's default for
 * invoices without a PO that names one, the one an invoice was booked to,
 * and the cost centre an approval rule applies to. */
static const char migration_13[] =
        "ALTER TABLE pos ADD COLUMN cost_centre TEXT;"
        "ALTER TABLE vendors ADD COLUMN cost_centre TEXT;"
        "ALTER TABLE invoices ADD COLUMN cost_centre TEXT;"
        "ALTER TABLE approval_rules ADD COLUMN cost_centre TEXT;";

/* Migration 11 on PostgreSQL, which changes a CHECK in place (and would
 * refuse to drop a table others refer to): the column's CHECK is named
 * documents_state_check there (migration 1's, translated). */
static const char pg_migration_11[] =
        "ALTER TABLE documents DROP CONSTRAINT documents_state_check;"
        "ALTER TABLE documents ADD CONSTRAINT documents_state_check"
        "  CHECK (state BETWEEN 0 AND 5);"
        "UPDATE documents SET state = 5 WHERE state = 0 AND EXISTS (SELECT 1 FROM approvals a"
        "  WHERE a.document_id = documents.id AND a.state = 0);";

/* Several `billflow run` on one PostgreSQL store (store-service.c): each
 * holds a lease it renews; one whose lease ran out died, and the files it had
 * claimed (its own work folder) are taken over by another. */
static const char migration_14[] =
        "CREATE TABLE service_instances ("
        "  instance TEXT PRIMARY KEY,"       /* host.pid: its work folder's name */
        "  host TEXT,"
        "  pid INTEGER,"
        "  started_at TEXT NOT NULL,"
        "  lease_until TEXT NOT NULL"
        ");";

/* Counts status reads instead of counting every row (status stays fast with
 * millions of journal entries and mails), kept in the transaction that adds
 * a row, in shards as document_counts: 'entries' (append-only, so only an
 * insert counts) and 'mails' (a mail recorded for the first time). */
static const char migration_15[] =
        "CREATE TABLE record_counts ("
        "  what TEXT NOT NULL,"
        "  shard INTEGER NOT NULL,"
        "  n INTEGER NOT NULL DEFAULT 0,"
        "  PRIMARY KEY (what, shard)"
        ");"
        "INSERT INTO record_counts (what, shard, n)"
        "  SELECT 'entries', id % 8, COUNT(*) FROM entries GROUP BY 2;"
        "INSERT INTO record_counts (what, shard, n)"
        "  SELECT 'mails', uid % 8, COUNT(*) FROM service_mails GROUP BY 2;";

/* Several services reading one mailbox (PostgreSQL): a mail's UID is
 * claimed by one instance (its lease's name, service_instances) from before
 * it is fetched until it is recorded in service_mails, when the claim goes;
 * the claim of an instance whose lease ran out is taken by another. */
static const char migration_16[] =
        "CREATE TABLE mail_claims ("
        "  mailbox TEXT NOT NULL,"
        "  uidvalidity INTEGER NOT NULL,"
        "  uid INTEGER NOT NULL,"
        "  instance TEXT NOT NULL,"
        "  claimed_at TEXT NOT NULL,"
        "  PRIMARY KEY (mailbox, uidvalidity, uid)"
        ");"
        "CREATE INDEX mail_claims_instance ON mail_claims(instance);";

/* The queue's listing, kept: each open exception's row as `queue` and
 * `review` list it, and its reasons, copied in the transaction that opens
 * the exception or saves its invoice, and gone when it is closed
 * (store-queue.c). Listing them joined to documents and invoices read a
 * page of each table per open exception, scattered over years of rows
 * (issue 17's store: 2 600 open among a million documents, 21 000 pages
 * read, 110 ms on PostgreSQL, most of it a new connection's first touch of
 * each page); these tables hold only the open ones, a few dozen pages. */
static const char migration_17[] =
        "CREATE TABLE queue_rows ("
        "  exception_id INTEGER PRIMARY KEY REFERENCES exceptions(id),"
        "  document_id INTEGER NOT NULL,"
        "  created_at TEXT NOT NULL,"
        "  vendor TEXT,"                     /* the invoice's vendor name, else its id */
        "  invoice_number TEXT,"
        "  total_minor INTEGER,"
        "  total_currency TEXT,"
        "  filename TEXT,"
        "  invoice_date TEXT,"
        "  due_date TEXT"
        ");"
        "CREATE TABLE queue_reasons ("
        "  exception_id INTEGER NOT NULL REFERENCES exceptions(id),"
        "  seq INTEGER NOT NULL,"
        "  reason TEXT NOT NULL,"
        "  detail TEXT,"
        "  PRIMARY KEY (exception_id, seq)"
        ");"
        "INSERT INTO queue_rows (exception_id, document_id, created_at, vendor, invoice_number,"
        "  total_minor, total_currency, filename, invoice_date, due_date)"
        "  SELECT e.id, e.document_id, e.created_at, COALESCE(i.vendor_name, i.vendor_id),"
        "  i.invoice_number, i.total_minor, i.total_currency, d.filename, i.invoice_date,"
        "  i.due_date FROM exceptions e JOIN documents d ON d.id = e.document_id"
        "  LEFT JOIN invoices i ON i.document_id = e.document_id WHERE e.state = 0;"
        "INSERT INTO queue_reasons (exception_id, seq, reason, detail)"
        "  SELECT r.exception_id, r.seq, r.reason, r.detail FROM exception_reasons r"
        "  JOIN exceptions e ON e.id = r.exception_id WHERE e.state = 0;";

const char *const store_migrations[] = {
        migration_1,
        migration_2,
        migration_3,
        migration_4,
        migration_5,
        migration_6,
        migration_7,
        migration_8,
        migration_9,
        migration_10,
        migration_11,
        migration_12,
        migration_13,
        migration_14,
        migration_15,
        migration_16,
        migration_17,
};

const int store_n_migrations = (int)(sizeof(store_migrations) / sizeof(store_migrations[0]));

/* PostgreSQL's own text for the few migrations it cannot take as written
 * (SQLite's twelve-step rebuild of a table others refer to); every other
 * migration is the SQLite text, translated (store-pgsql.c). */
const struct store_pg_migration store_pg_migrations[] = {
        { 11, pg_migration_11 },
};

const int store_n_pg_migrations =
        (int)(sizeof(store_pg_migrations) / sizeof(store_pg_migrations[0]));
