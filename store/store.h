/* store.h: billflow's persistent state — documents and their originals,
 * extracted fields, master data, invoices, the ledger, the exception queue
 * and the audit log. The only module that speaks SQL; SQLite behind it. */
#ifndef BILLFLOW_STORE_H
#define BILLFLOW_STORE_H

#include "models/models.h"

/* A store is used by one thread at a time; each worker opens its own. */
typedef struct bf_store bf_store;

/* Opens (creating if needed) the database at db_path in WAL mode with
 * foreign keys on, and migrates the schema forward to the current version.
 * objects_dir is where originals are kept content-addressed
 * (objects_dir/ab/cdef...); created when missing.
 * Returns a store the caller frees with store_close(), or NULL and err. */
bf_store *store_open(const char *db_path, const char *objects_dir, struct bf_error *err);
void store_close(bf_store *s); /* NULL-safe */
int store_schema_version(bf_store *s);

/* Transactions nest as savepoints; commit only makes the outermost durable.
 * store_begin takes the write lock at once (BEGIN IMMEDIATE) and waits up to
 * the busy timeout (10 s); BF_EBUSY if it cannot. A failed store_commit has
 * already rolled its level back (a store_rollback after it is harmless at
 * the outermost level). store_rollback with no transaction does nothing. */
int store_begin(bf_store *s, struct bf_error *err);
int store_commit(bf_store *s, struct bf_error *err);
void store_rollback(bf_store *s);

/* ----------------------------------------------------------- originals */

/* Writes data under its sha256 (atomically: temp file, fsync, rename) unless
 * already there. ret_sha256 gets 64 hex digits and a NUL. */
int store_put_original(bf_store *s, const void *data, size_t len,
                       char ret_sha256[65], struct bf_error *err);
/* Path of the stored original; caller frees. NULL if sha256 is malformed. */
char *store_original_path(bf_store *s, const char *sha256);

/* ----------------------------------------------------------- documents */

enum bf_doc_state {
        DOC_RECEIVED = 0,
        DOC_POSTED,
        DOC_EXCEPTION,
        DOC_REJECTED,
        DOC_UNREADABLE_STATE, /* recorded, could not be read (also queued) */
};
const char *doc_state_name(enum bf_doc_state st); /* static */

typedef struct bf_document {
        int64_t id;
        char sha256[65];
        char *filename;        /* original name, metadata only; owned */
        char *source;          /* "cli", "inbox", "imap:<uidvalidity>:<uid>"...; owned */
        int64_t size;
        int pages;
        enum bf_doc_state state;
        char *received_at;     /* ISO 8601 UTC; owned */
} bf_document;
void document_release(bf_document *d);

/* Returns the id of the document with these bytes, 0 if none, <0 on error. */
int64_t store_document_by_sha(bf_store *s, const char *sha256, struct bf_error *err);
/* Inserts a document; ret_id gets its id. BF_EEXIST if the sha256 exists. */
int store_document_insert(bf_store *s, const bf_document *d, int64_t *ret_id,
                          struct bf_error *err);
int store_document_get(bf_store *s, int64_t id, bf_document *ret, struct bf_error *err);
int store_document_set_state(bf_store *s, int64_t id, enum bf_doc_state st,
                             struct bf_error *err);
/* The word layer's full text of the document (for review), stored at most
 * once per document. Caller frees the returned text. */
int store_document_set_text(bf_store *s, int64_t id, const char *text, struct bf_error *err);
char *store_document_text(bf_store *s, int64_t id);

/* ---------------------------------------------------------- invoices */

/* Saves (insert or replace) the invoice extracted from or edited for a
 * document: header fields, their metadata (value, confidence, page, box)
 * and lines. ret_invoice_id may be NULL. */
int store_invoice_save(bf_store *s, int64_t document_id, const bf_invoice *inv,
                       int64_t *ret_invoice_id, struct bf_error *err);
/* Loads the invoice of a document into ret (caller releases). BF_ENOTFOUND. */
int store_invoice_load(bf_store *s, int64_t document_id, bf_invoice *ret,
                       struct bf_error *err);

/* Duplicate lookups, ignoring the document exclude_doc (0: none). Only
 * documents that are posted or have an open exception count.
 * store_find_duplicate: same vendor and normalised invoice number.
 * store_find_possible_duplicate: same vendor and total (amount and currency)
 * with an invoice date within `days` days, another invoice number.
 * Each returns the other document's id, 0 if none, <0 on error. */
int64_t store_find_duplicate(bf_store *s, const char *vendor_id, const char *number_norm,
                             int64_t exclude_doc, struct bf_error *err);
int64_t store_find_possible_duplicate(bf_store *s, const char *vendor_id, bf_money total,
                                      bf_date date, int days, const char *number_norm,
                                      int64_t exclude_doc, struct bf_error *err);

/* ------------------------------------------------------- master data */

/* Upserts keyed by vendor_id / (po_number, line_no) / (receipt_id, po_number, line_no). */
int store_vendor_upsert(bf_store *s, const bf_vendor *v, struct bf_error *err);
int store_po_upsert(bf_store *s, const bf_po *po, struct bf_error *err); /* all lines */
int store_receipt_upsert(bf_store *s, const bf_receipt *r, struct bf_error *err);

/* All vendors, sorted by id, into a new array the caller frees with
 * store_vendors_free(). */
int store_vendors_load(bf_store *s, bf_vendor **ret_vendors, size_t *ret_n,
                       struct bf_error *err);
void store_vendors_free(bf_vendor *vendors, size_t n);
int store_vendor_get(bf_store *s, const char *vendor_id, bf_vendor *ret, struct bf_error *err);
/* A PO with its lines, each with quantity_received (sum of receipts) and
 * quantity_billed (posted invoices, excluding the document exclude_doc).
 * BF_ENOTFOUND when there is no such PO. ret is released by the caller. */
int store_po_load(bf_store *s, const char *po_number, int64_t exclude_doc, bf_po *ret,
                  struct bf_error *err);
int store_po_exists(bf_store *s, const char *po_number); /* 1, 0, <0 */

/* Evidence for extraction (store-evidence.c). store_open_pos: the numbers
 * of vendor_id's purchase orders that posted invoices have not billed in
 * full (a PO without lines counts as open), newest first, at most max.
 * store_vendor_invoice_numbers: the invoice numbers of vendor_id's posted
 * invoices, newest first, at most max. Both set *ret to a new array of
 * *ret_n new strings (NULL and 0 when there are none) that the caller frees
 * with store_strings_free(). */
int store_open_pos(bf_store *s, const char *vendor_id, size_t max, char ***ret, size_t *ret_n,
                   struct bf_error *err);
int store_vendor_invoice_numbers(bf_store *s, const char *vendor_id, size_t max, char ***ret,
                                 size_t *ret_n, struct bf_error *err);
void store_strings_free(char **list, size_t n);

/* Records, at posting time, which PO lines an invoice billed and how much. */
int store_billed_add(bf_store *s, int64_t document_id, const char *po_number, int line_no,
                     bf_decimal quantity, struct bf_error *err);

/* ------------------------------------------------------------ ledger */

/* Inserts a balanced entry with its postings; fills e->id. BF_EINVAL if it
 * does not balance, BF_EEXIST if e->posting_key was used already or the entry
 * e->reverses_id is reversed already. Entries and postings are append-only:
 * the database refuses UPDATE and DELETE on them. */
int store_entry_insert(bf_store *s, bf_journal_entry *e, struct bf_error *err);
/* Entries in id order (after_id: only ids above it; 0 for all). The caller
 * frees with store_entries_free(). */
int store_entries_load(bf_store *s, int64_t after_id, bf_journal_entry **ret_entries,
                       size_t *ret_n, struct bf_error *err);
void store_entries_free(bf_journal_entry *entries, size_t n);
/* Which entries store_entries_find() returns; unset or NULL members do not
 * filter. vendor: a vendor id, or a part of the description (case-blind);
 * borrowed. since/until: entry dates, inclusive. */
struct store_entry_filter {
        const char *vendor;
        bf_date since, until;
};
/* Entries in date order (then id) passing f (NULL: all); the caller frees
 * with store_entries_free(). */
int store_entries_find(bf_store *s, const struct store_entry_filter *f,
                       bf_journal_entry **ret_entries, size_t *ret_n, struct bf_error *err);
int store_entry_get(bf_store *s, int64_t id, bf_journal_entry *ret, struct bf_error *err);
/* The id of the entry reversing `id`, 0 if none. */
int64_t store_entry_reversed_by(bf_store *s, int64_t id);
/* The entry id posted for a document, 0 if none: the latest entry for it
 * that is not a reversal and has not been reversed. */
int64_t store_entry_for_document(bf_store *s, int64_t document_id);

/* ---------------------------------------------------------- exceptions */

enum bf_exc_state { EXC_OPEN = 0, EXC_POSTED, EXC_REJECTED };

typedef struct bf_exception {
        int64_t id;
        int64_t document_id;
        enum bf_exc_state state;
        char *created_at;       /* ISO 8601 UTC; owned */
        char *resolution;       /* reject reason or override note; owned, may be NULL */
        bf_reason_item *reasons;  /* owned */
        size_t n_reasons;
        /* Copied from the invoice for listings (owned, may be NULL): */
        char *vendor;
        char *invoice_number;
        char *total;            /* "214.80 GBP" */
        char *filename;
        bf_money amount;        /* the total; amount.currency[0] == 0 when there is none */
        bool has_amount;
        bf_date invoice_date, due_date; /* unset when unknown */
} bf_exception;
void exception_release(bf_exception *e);

/* Opens an exception for a document, or replaces the reasons of its open one.
 * ret_id may be NULL. */
int store_exception_open(bf_store *s, int64_t document_id, const bf_reason_item *reasons,
                         size_t n, int64_t *ret_id, struct bf_error *err);
int store_exception_get(bf_store *s, int64_t id, bf_exception *ret, struct bf_error *err);
/* The id of a document's latest exception, open or closed; 0 if it never had
 * one, <0 on error. */
int64_t store_exception_latest(bf_store *s, int64_t document_id, struct bf_error *err);
/* Open exceptions, oldest first; caller frees with store_exceptions_free(). */
int store_exceptions_open(bf_store *s, bf_exception **ret, size_t *ret_n,
                          struct bf_error *err);
void store_exceptions_free(bf_exception *list, size_t n);
/* Closes an open exception; BF_ENOTFOUND if it is not open (taken by
 * someone else or already resolved). resolution may be NULL. */
int store_exception_close(bf_store *s, int64_t id, enum bf_exc_state st,
                          const char *resolution, struct bf_error *err);

/* ------------------------------------------------------------- audit */

/* Appends an audit record. document_id 0 for none; old/new may be NULL. */
int store_audit(bf_store *s, const char *user, const char *action, int64_t document_id,
                const char *field, const char *old_value, const char *new_value,
                struct bf_error *err);

typedef struct bf_audit_row {
        int64_t id;
        char *at, *user, *action, *field, *old_value, *new_value; /* owned */
        int64_t document_id;
} bf_audit_row;
/* document_id 0: all. Caller frees with store_audit_free(). */
int store_audit_load(bf_store *s, int64_t document_id, bf_audit_row **ret, size_t *ret_n,
                     struct bf_error *err);
void store_audit_free(bf_audit_row *rows, size_t n);

/* ------------------------------------------------------------ status */

typedef struct bf_status {
        int64_t documents;
        int64_t by_state[5];      /* indexed by enum bf_doc_state */
        int64_t open_exceptions;
        int64_t entries;
        int64_t vendors, pos, receipts;
} bf_status;
int store_status(bf_store *s, bf_status *ret, struct bf_error *err);

/* ------------------------------------------------------------ service */
/* The capture service's own state (store-service.c): per mailbox the
 * UIDVALIDITY and the UID up to which every mail is handled, each handled
 * mail, capture failures with their reasons, and each source's last poll.
 * `mailbox` is the service's key for a mailbox ("user@url"). */

/* The recorded UIDVALIDITY and handled-up-to UID of a mailbox into
 * ret_uidvalidity and ret_last_uid; both 0 for a mailbox never seen. */
int store_mailbox_get(bf_store *s, const char *mailbox, uint32_t *ret_uidvalidity,
                      uint32_t *ret_last_uid, struct bf_error *err);
/* Records them (insert or replace). */
int store_mailbox_set(bf_store *s, const char *mailbox, uint32_t uidvalidity,
                      uint32_t last_uid, struct bf_error *err);

typedef struct bf_mail_record {
        char *mailbox;                /* owned (borrowed when passed in) */
        uint32_t uidvalidity, uid;
        char *outcome;                /* "documents" | "no_attachment" | "failed"; owned */
        int documents;                /* attachments committed */
        char *detail;                 /* why, for no_attachment/failed; owned, may be NULL */
        char *message_id, *subject;   /* owned, may be NULL */
        char *handled_at;             /* ISO 8601 UTC; owned; set by the store */
} bf_mail_record;
/* 1 when the mail (mailbox, uidvalidity, uid) is recorded as handled, 0 if
 * not, <0 on error. */
int store_mail_handled(bf_store *s, const char *mailbox, uint32_t uidvalidity, uint32_t uid,
                       struct bf_error *err);
/* Records a handled mail (insert or replace); m->handled_at is ignored. */
int store_mail_record(bf_store *s, const bf_mail_record *m, struct bf_error *err);

/* Appends a capture failure: a file moved to failed/ or a mail or attachment
 * that could not be taken. name may be NULL. */
int store_failure_add(bf_store *s, const char *source, const char *name, const char *reason,
                      struct bf_error *err);
/* Counts one reader failure (crash, timeout) on the document or mail with
 * this sha256, with its reason; *ret_attempts gets the count so far. */
int store_attempt_fail(bf_store *s, const char *sha256, const char *reason, int *ret_attempts,
                       struct bf_error *err);
/* The reader failures counted for sha256 (0 if none) into *ret_attempts;
 * ret_reason (may be NULL; caller frees; NULL if none) the last one's. */
int store_attempts_get(bf_store *s, const char *sha256, int *ret_attempts, char **ret_reason,
                       struct bf_error *err);
/* Records the last poll of a source ("inbox", "imap") and its result. */
int store_poll_record(bf_store *s, const char *source, bool ok, const char *result,
                      struct bf_error *err);

typedef struct bf_source_count {
        char *source;                 /* "inbox", "imap", "cli"... (before any ':'); owned */
        int64_t documents;
} bf_source_count;
typedef struct bf_poll_row {
        char *source, *polled_at, *result; /* owned */
        bool ok;
} bf_poll_row;
typedef struct bf_failure_row {
        int64_t id;
        char *source, *name, *reason, *failed_at; /* owned; name may be NULL */
} bf_failure_row;

typedef struct bf_service_status {
        bf_source_count *sources;     /* documents by source, sorted by source */
        size_t n_sources;
        bf_poll_row *polls;           /* sorted by source */
        size_t n_polls;
        bf_failure_row *failures;     /* the newest max_rows, newest first */
        size_t n_failures;
        int64_t failures_total;
        bf_mail_record *mails;        /* the newest max_rows mails not acknowledged
                                         (no_attachment, failed), newest first */
        size_t n_mails;
        int64_t mails_handled, mails_no_attachment, mails_failed;
} bf_service_status;
/* Fills ret (caller releases with store_service_status_release()). */
int store_service_status(bf_store *s, size_t max_rows, bf_service_status *ret,
                         struct bf_error *err);
void store_service_status_release(bf_service_status *st); /* NULL-safe */

/* ------------------------------------------------------------ review */
/* Claims (store-review.c): a reviewer who opens an exception claims it, so
 * another reviewer cannot act on it. A claim lapses ttl_seconds after its
 * last heartbeat (each store_claim_take by its holder is one). */

/* Claims exception_id for user, or refreshes user's own claim. BF_ENOTFOUND
 * when the exception is not open; BF_EBUSY when another user holds a live
 * claim, with *ret_holder (may be NULL; caller frees) set to that user. */
int store_claim_take(bf_store *s, int64_t exception_id, const char *user, int ttl_seconds,
                     char **ret_holder, struct bf_error *err);
/* Drops user's claim on exception_id (another user's is left alone). */
int store_claim_release(bf_store *s, int64_t exception_id, const char *user,
                        struct bf_error *err);

typedef struct bf_claim {
        int64_t exception_id;
        char *user;             /* owned */
} bf_claim;
/* Live claims on open exceptions, by exception id; the caller frees with
 * store_claims_free(). */
int store_claims_load(bf_store *s, int ttl_seconds, bf_claim **ret, size_t *ret_n,
                      struct bf_error *err);
void store_claims_free(bf_claim *claims, size_t n);

/* ------------------------------------------------------------ exports */
/* Export batches (store-export.c): which entries went out in which format. */

typedef struct bf_export_batch {
        int64_t id;
        char *format, *out, *user, *created_at; /* owned; out/user may be NULL */
        int64_t n_entries;
} bf_export_batch;

/* Ids of the entries not yet exported in `format` (all entries when `all`),
 * ascending; *ret_ids is freed with free(). */
int store_export_candidates(bf_store *s, const char *format, bool all, int64_t **ret_ids,
                            size_t *ret_n, struct bf_error *err);
/* Records a batch of n entries; ret_batch_id may be NULL. */
int store_export_batch_add(bf_store *s, const char *format, const char *out, const char *user,
                           const int64_t *ids, size_t n, int64_t *ret_batch_id,
                           struct bf_error *err);
/* All batches, oldest first; free with store_export_batches_free(). */
int store_export_batches_load(bf_store *s, bf_export_batch **ret, size_t *ret_n,
                              struct bf_error *err);
void store_export_batches_free(bf_export_batch *list, size_t n);
/* A batch's format (caller frees) and entry ids (free()); BF_ENOTFOUND. */
int store_export_batch_entries(bf_store *s, int64_t batch_id, char **ret_format,
                               int64_t **ret_ids, size_t *ret_n, struct bf_error *err);

/* ----------------------------------------------------------- learning */
/* Learning from corrections (store-learn.c): each document's word layer as
 * captured, and per vendor and field where a reviewer's value was printed. */

/* Where a corrected field sat: the words labelling it and the value's place
 * relative to them and to the page. */
typedef struct bf_field_hint {
        int field;              /* enum bf_field */
        char *label;            /* normalised label words; owned, may be NULL */
        bool below;             /* the value sits under its label, not right of it */
        double dx, dy;          /* value minus label origin, in label heights */
        double px, py;          /* the value's centre as a fraction of the page */
        int page;               /* 1-based */
} bf_field_hint;

/* Keeps (replaces) a document's word layer. */
int store_words_save(bf_store *s, int64_t document_id, const bf_doc_text *doc,
                     struct bf_error *err);
/* Loads it into ret (released with doc_text_release()); BF_ENOTFOUND when
 * none was kept. */
int store_words_load(bf_store *s, int64_t document_id, bf_doc_text *ret, struct bf_error *err);
/* Keeps h for (vendor_key, h->field), replacing an earlier one; vendor_key
 * is the vendor id, else the vendor's name as printed. */
int store_hint_save(bf_store *s, const char *vendor_key, const bf_field_hint *h,
                    struct bf_error *err);
/* A vendor's hints (none: *ret_n = 0); free with store_hints_free(). */
int store_hints_load(bf_store *s, const char *vendor_key, bf_field_hint **ret, size_t *ret_n,
                     struct bf_error *err);
void store_hints_free(bf_field_hint *list, size_t n);

/* ------------------------------------------------------ master admin */

/* Every PO number, sorted; a NULL-terminated array the caller frees with
 * g_strfreev(). */
int store_po_numbers(bf_store *s, char ***ret, size_t *ret_n, struct bf_error *err);
/* Every goods-receipt line, by receipt id; the caller frees with
 * store_receipts_free(). */
int store_receipts_list(bf_store *s, bf_receipt **ret, size_t *ret_n, struct bf_error *err);
void store_receipts_free(bf_receipt *list, size_t n);
/* Deletes a "vendor" (with its aliases), a "po" (with its lines and
 * receipts) or a "receipt" (all its lines) by id. BF_ENOTFOUND when there is
 * none; BF_EEXIST, saying why, when the books refer to it (a vendor with
 * invoices or POs, a PO billed by a posted invoice). Run it in a transaction. */
int store_master_delete(bf_store *s, const char *kind, const char *id, struct bf_error *err);

/* ------------------------------------------------------------ report */

/* One document received in the report's range, for the KPI report. */
typedef struct bf_report_doc {
        int64_t document_id;
        char *source;           /* "cli", "inbox", "imap:..."; owned */
        enum bf_doc_state state;
        char *received_at;      /* ISO 8601 UTC; owned */
        char *vendor;           /* master name, else as read; owned, may be NULL */
        char *posted_at;        /* its (first, not reversing) entry; owned, NULL if none */
        int n_exceptions;       /* times it was queued */
        char *queued_at;        /* first queued; owned, may be NULL */
        char *resolved_at;      /* last exception closed; owned, may be NULL */
        bool open;              /* an exception is open now */
} bf_report_doc;

/* Documents received from since to until (dates, inclusive; unset: open
 * ended), in id order. The caller frees with store_report_docs_free(). */
int store_report_docs(bf_store *s, bf_date since, bf_date until, bf_report_doc **ret,
                      size_t *ret_n, struct bf_error *err);
void store_report_docs_free(bf_report_doc *list, size_t n);
/* Per field, how many of those documents a reviewer corrected ("edit" in
 * the audit log). ret_fields is NULL-terminated (g_strfreev-compatible:
 * each string and the array from malloc); ret_counts parallel; both the
 * caller's. */
int store_report_corrections(bf_store *s, bf_date since, bf_date until, char ***ret_fields,
                             int64_t **ret_counts, size_t *ret_n, struct bf_error *err);

#endif
