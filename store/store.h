/* store.h: billflow's persistent state — documents and their originals,
 * extracted fields, master data, invoices, the ledger, the exception queue
 * and the audit log. The only module that speaks SQL; SQLite behind it. */
#ifndef BILLFLOW_STORE_H
#define BILLFLOW_STORE_H

/* Only store/ and pipeline/ (and the store's own tests) are built with
 * BF_FLOOR_STORE (store/meson.build, store_dep): above floor 3 the store is
 * reached through pipeline/pipeline.h, and a file there that includes this
 * header, or calls a store_ function, does not compile (tests/test_floors.py). */
#ifndef BF_FLOOR_STORE
#error "store/store.h is for store/ and pipeline/ only: call the pipeline (pipeline/pipeline.h)"
#endif

#include "models/models.h"
#include "models/records.h"

/* A store is used by one thread at a time; each worker opens its own. */
typedef struct bf_store bf_store;

/* Opens the store at db: a PostgreSQL URL ("postgresql://user@host:port/db"
 * or "postgres://..."), or else an SQLite database file ("sqlite:PATH" or a
 * bare PATH), created if needed, in WAL mode with foreign keys on; and
 * migrates the schema forward to the current version (both engines keep one
 * list of migrations). password_file (may be NULL) holds the PostgreSQL
 * password alone (one line; libpq's own sources, ~/.pgpass and PGPASSWORD,
 * are used without it); ignored for SQLite. objects_dir is where originals
 * are kept content-addressed (objects_dir/ab/cdef...); created when missing.
 * Returns a store the caller frees with store_close(), or NULL and err. */
bf_store *store_open_url(const char *db, const char *password_file, const char *objects_dir,
                         struct bf_error *err);
/* store_open_url(db_path, NULL, objects_dir, err). */
bf_store *store_open(const char *db_path, const char *objects_dir, struct bf_error *err);
/* Whether db names a PostgreSQL database rather than an SQLite file. */
bool store_url_is_pg(const char *db);
/* "postgresql" or "sqlite": the engine of an open store (a static string). */
const char *store_engine_name(const bf_store *s);
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
/* True when the last transaction failed (BF_EBUSY) because another billflow
 * changed the same rows at the same time — PostgreSQL's serialization
 * failure or deadlock — and it is over (no level open): running it again
 * from its start may well succeed. False on SQLite, whose writers wait. */
bool store_lost_race(const bf_store *s);

/* ----------------------------------------------------------- originals */

/* Writes data under its sha256 (atomically: temp file, fsync, rename) unless
 * already there. ret_sha256 gets 64 hex digits and a NUL. */
int store_put_original(bf_store *s, const void *data, size_t len,
                       char ret_sha256[65], struct bf_error *err);
/* Path of the stored original; caller frees. NULL if sha256 is malformed. */
char *store_original_path(bf_store *s, const char *sha256);

/* ----------------------------------------------------------- documents */


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
/* Records the cost centre a document's invoice is booked to (NULL: none);
 * store_invoice_save leaves it as it is. BF_ENOTFOUND without an invoice. */
int store_invoice_set_cost_centre(bf_store *s, int64_t document_id, const char *cost_centre,
                                  struct bf_error *err);
/* Loads the invoice of a document into ret (caller releases). BF_ENOTFOUND. */
int store_invoice_load(bf_store *s, int64_t document_id, bf_invoice *ret,
                       struct bf_error *err);

/* Duplicate lookups, ignoring the document exclude_doc (0: none). Only
 * documents that are posted, have an open exception or a pending approval
 * count.
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
 * vendors_free(). */
int store_vendors_load(bf_store *s, bf_vendor **ret_vendors, size_t *ret_n,
                       struct bf_error *err);
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
 * with strings_free(). */
int store_open_pos(bf_store *s, const char *vendor_id, size_t max, char ***ret, size_t *ret_n,
                   struct bf_error *err);
int store_vendor_invoice_numbers(bf_store *s, const char *vendor_id, size_t max, char ***ret,
                                 size_t *ret_n, struct bf_error *err);

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
 * frees with entries_free(). */
int store_entries_load(bf_store *s, int64_t after_id, bf_journal_entry **ret_entries,
                       size_t *ret_n, struct bf_error *err);
/* Entries in date order (then id) passing f (NULL: all); the caller frees
 * with entries_free(). */
int store_entries_find(bf_store *s, const struct bf_entry_filter *f,
                       bf_journal_entry **ret_entries, size_t *ret_n, struct bf_error *err);
int store_entry_get(bf_store *s, int64_t id, bf_journal_entry *ret, struct bf_error *err);
/* The id of the entry reversing `id`, 0 if none. */
int64_t store_entry_reversed_by(bf_store *s, int64_t id);
/* The entry id posted for a document, 0 if none: the latest entry for it
 * that is not a reversal and has not been reversed. */
int64_t store_entry_for_document(bf_store *s, int64_t document_id);

/* ---------------------------------------------------------- exceptions */


/* Opens an exception for a document, or replaces the reasons of its open one.
 * ret_id may be NULL. */
int store_exception_open(bf_store *s, int64_t document_id, const bf_reason_item *reasons,
                         size_t n, int64_t *ret_id, struct bf_error *err);
int store_exception_get(bf_store *s, int64_t id, bf_exception *ret, struct bf_error *err);
/* The id of a document's latest exception, open or closed; 0 if it never had
 * one, <0 on error. */
int64_t store_exception_latest(bf_store *s, int64_t document_id, struct bf_error *err);
/* The number of open exceptions (*ret_open) and the oldest of them in
 * ret_oldest (its id, document_id and created_at only; caller releases with
 * exception_release; zeroed when none is open), from the queue's kept rows:
 * a few pages, not the listing with its reasons. */
int store_queue_oldest(bf_store *s, int64_t *ret_open, bf_exception *ret_oldest,
                       struct bf_error *err);
/* Open exceptions, oldest first; caller frees with exceptions_free(). */
int store_exceptions_open(bf_store *s, bf_exception **ret, size_t *ret_n,
                          struct bf_error *err);
/* Closes an open exception; BF_ENOTFOUND if it is not open (taken by
 * someone else or already resolved). resolution may be NULL. */
int store_exception_close(bf_store *s, int64_t id, enum bf_exc_state st,
                          const char *resolution, struct bf_error *err);

/* ------------------------------------------------------------- audit */

/* Appends an audit record. document_id 0 for none; old/new may be NULL. */
int store_audit(bf_store *s, const char *user, const char *action, int64_t document_id,
                const char *field, const char *old_value, const char *new_value,
                struct bf_error *err);

/* document_id 0: all. Caller frees with audit_rows_free(). */
int store_audit_load(bf_store *s, int64_t document_id, bf_audit_row **ret, size_t *ret_n,
                     struct bf_error *err);

/* ------------------------------------------------------------ status */

int store_status(bf_store *s, bf_status *ret, struct bf_error *err);

/* The exception queue as a gauge: how many are open and the age in seconds
 * of the oldest (0 when none). */
int store_queue_depth(bf_store *s, int64_t *ret_open, double *ret_oldest_age_s,
                      struct bf_error *err);

/* ------------------------------------------------------------ service */
/* The capture service's own state (store-service.c): per mailbox the
 * UIDVALIDITY and the UID up to which every mail is handled, each handled
 * mail, capture failures with their reasons, and each source's last poll.
 * `mailbox` is the service's key for a mailbox ("user@url"). */

/* The recorded UIDVALIDITY and handled-up-to UID of a mailbox into
 * ret_uidvalidity and ret_last_uid; both 0 for a mailbox never seen. */
int store_mailbox_get(bf_store *s, const char *mailbox, uint32_t *ret_uidvalidity,
                      uint32_t *ret_last_uid, struct bf_error *err);
/* Records them (insert or replace); with the same uidvalidity the mark only
 * moves forward (several services on one mailbox each record theirs). */
int store_mailbox_set(bf_store *s, const char *mailbox, uint32_t uidvalidity,
                      uint32_t last_uid, struct bf_error *err);

/* 1 when the mail (mailbox, uidvalidity, uid) is recorded as handled, 0 if
 * not, <0 on error. */
int store_mail_handled(bf_store *s, const char *mailbox, uint32_t uidvalidity, uint32_t uid,
                       struct bf_error *err);
/* Records a handled mail (insert or replace) and drops any claim on it, in
 * one transaction; m->handled_at is ignored. */
int store_mail_record(bf_store *s, const bf_mail_record *m, struct bf_error *err);

/* Several services on one mailbox: claims the mail (mailbox, uidvalidity,
 * uid) for instance (a lease's name), in a transaction of its own.
 * STORE_MAIL_CLAIMED: it is instance's to fetch now — nobody held it, or
 * instance did already, or its holder's lease ran out (*ret_from, when not
 * NULL, then names that holder; caller frees; else NULL), the claim taken
 * from it under a row lock (FOR UPDATE SKIP LOCKED on PostgreSQL).
 * STORE_MAIL_DONE: recorded as handled already. STORE_MAIL_HELD: a live
 * instance holds it (or is claiming it this very moment). <0 on error. */
enum { STORE_MAIL_CLAIMED = 1, STORE_MAIL_DONE = 2, STORE_MAIL_HELD = 3 };
int store_mail_claim(bf_store *s, const char *mailbox, uint32_t uidvalidity, uint32_t uid,
                     const char *instance, char **ret_from, struct bf_error *err);

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
/* Since when the polls of source have failed without a success between
 * (ISO 8601 UTC, caller frees; NULL while they succeed or when never
 * polled); ret_result (may be NULL; caller frees) the last poll's result. */
int store_poll_failing_since(bf_store *s, const char *source, char **ret_since, char **ret_result,
                             struct bf_error *err);
/* Records the last poll of a source ("inbox", "imap") and its result. */
/* Service instances sharing one store (several `billflow run` on
 * PostgreSQL). store_instance_renew: instance (host.pid) is alive for
 * lease_seconds more (0: its lease ends now), registered if new.
 * store_instance_take_dead: inside a transaction, one instance whose lease
 * ran out, locked against every other taker (FOR UPDATE SKIP LOCKED on
 * PostgreSQL; SQLite's writer lock serialises takers anyway) until the
 * commit; *ret its name (malloc'd, caller frees) or NULL when none is dead.
 * store_instance_remove: its row gone (taken over, or stopped with nothing
 * claimed). */
int store_instance_renew(bf_store *s, const char *instance, int lease_seconds,
                         struct bf_error *err);
int store_instance_take_dead(bf_store *s, char **ret, struct bf_error *err);
int store_instance_remove(bf_store *s, const char *instance, struct bf_error *err);
/* Removes every lease but instance's: for the one service of a home, which
 * holds its lock (SQLite), all others are gone. */
int store_instance_remove_others(bf_store *s, const char *instance, struct bf_error *err);
int store_poll_record(bf_store *s, const char *source, bool ok, const char *result,
                      struct bf_error *err);

/* Fills ret (caller releases with service_status_release()). */
int store_service_status(bf_store *s, size_t max_rows, bf_service_status *ret,
                         struct bf_error *err);

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

/* Live claims on open exceptions, by exception id; the caller frees with
 * claims_free(). */
int store_claims_load(bf_store *s, int ttl_seconds, bf_claim **ret, size_t *ret_n,
                      struct bf_error *err);

/* ------------------------------------------------------------ exports */
/* Export batches (store-export.c): which entries went out in which format. */


/* The first statement of an export's transaction: exports that record a
 * batch go one after the other (each updates one row of record_counts,
 * 'exports'), so that of two at once on PostgreSQL the later loses its race
 * here, before it has read or written anything, and can run again. */
int store_export_serialize(bf_store *s, struct bf_error *err);
/* Ids of the entries not yet exported in `format` (all entries when `all`),
 * ascending; *ret_ids is freed with free(). */
int store_export_candidates(bf_store *s, const char *format, bool all, int64_t **ret_ids,
                            size_t *ret_n, struct bf_error *err);
/* Records a batch of n entries; ret_batch_id may be NULL. ids are the
 * format's candidates listed in this transaction (all of them): the batch
 * records that every entry up to the highest has gone out in the format. */
int store_export_batch_add(bf_store *s, const char *format, const char *out, const char *user,
                           const int64_t *ids, size_t n, int64_t *ret_batch_id,
                           struct bf_error *err);
/* All batches, oldest first; free with export_batches_free(). */
int store_export_batches_load(bf_store *s, bf_export_batch **ret, size_t *ret_n,
                              struct bf_error *err);
/* A batch's format (caller frees) and entry ids (free()); BF_ENOTFOUND. */
int store_export_batch_entries(bf_store *s, int64_t batch_id, char **ret_format,
                               int64_t **ret_ids, size_t *ret_n, struct bf_error *err);

/* ----------------------------------------------------------- learning */
/* Learning from corrections (store-learn.c): each document's word layer as
 * captured, and per vendor and field where a reviewer's value was printed. */


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
/* A vendor's hints (none: *ret_n = 0); free with hints_free(). */
int store_hints_load(bf_store *s, const char *vendor_key, bf_field_hint **ret, size_t *ret_n,
                     struct bf_error *err);

/* ------------------------------------------------------ master admin */

/* Every PO number, sorted; the caller frees the list with strings_free(). */
int store_po_numbers(bf_store *s, char ***ret, size_t *ret_n, struct bf_error *err);
/* Every goods-receipt line, by receipt id; the caller frees with
 * receipts_free(). */
int store_receipts_list(bf_store *s, bf_receipt **ret, size_t *ret_n, struct bf_error *err);
/* Deletes a "vendor" (with its aliases), a "po" (with its lines and
 * receipts) or a "receipt" (all its lines) by id. BF_ENOTFOUND when there is
 * none; BF_EEXIST, saying why, when the books refer to it (a vendor with
 * invoices or POs, a PO billed by a posted invoice). Run it in a transaction. */
int store_master_delete(bf_store *s, const char *kind, const char *id, struct bf_error *err);

/* ------------------------------------------------------------ report */


/* Documents received from since to until (dates, inclusive; unset: open
 * ended), in id order. The caller frees with report_docs_free(). */
int store_report_docs(bf_store *s, bf_date since, bf_date until, bf_report_doc **ret,
                      size_t *ret_n, struct bf_error *err);
/* Per field, how many of those documents a reviewer corrected ("edit" in
 * the audit log). ret_fields is NULL-terminated (g_strfreev-compatible:
 * each string and the array from malloc); ret_counts parallel; both the
 * caller's. */
int store_report_corrections(bf_store *s, bf_date since, bf_date until, char ***ret_fields,
                             int64_t **ret_counts, size_t *ret_n, struct bf_error *err);

/* ----------------------------------------------------------- approvals */
/* Users, approval rules, approvals and the outbox (store-approvals.c). */

/* Inserts or updates a user (keyed by user_id). */
int store_user_upsert(bf_store *s, const bf_user *u, struct bf_error *err);
/* Loads one user into ret (caller releases with user_release). BF_ENOTFOUND. */
int store_user_get(bf_store *s, const char *user_id, bf_user *ret, struct bf_error *err);
/* All users by id into a new array the caller frees with store_users_free(). */
int store_users_load(bf_store *s, bf_user **ret, size_t *ret_n, struct bf_error *err);
void store_users_free(bf_user *users, size_t n);
/* How many users there are (>= 0), or <0 on error. */
int64_t store_users_count(bf_store *s, struct bf_error *err);

/* Replaces the whole rule set with these rules (in this order). */
int store_approval_rules_replace(bf_store *s, const bf_approval_rule *rules, size_t n,
                                 struct bf_error *err);
/* The rules in import order; the caller frees with store_approval_rules_free(). */
int store_approval_rules_load(bf_store *s, bf_approval_rule **ret, size_t *ret_n,
                              struct bf_error *err);
void store_approval_rules_free(bf_approval_rule *rules, size_t n);

/* Opens a pending approval for a document at level 1 of `levels`, with
 * approvers[i] (NULL: any approver) for level i+1; ret_id gets its id.
 * BF_EEXIST when the document has a pending one already. */
int store_approval_insert(bf_store *s, int64_t document_id, bf_money amount, int levels,
                          const char *const *approvers, int64_t *ret_id, struct bf_error *err);
/* One approval with its invoice's vendor and number into ret (caller
 * releases with approval_release). BF_ENOTFOUND. */
int store_approval_get(bf_store *s, int64_t id, bf_approval *ret, struct bf_error *err);
/* Pending approvals, oldest first; the caller frees with store_approvals_free(). */
int store_approvals_pending(bf_store *s, bf_approval **ret, size_t *ret_n,
                            struct bf_error *err);
void store_approvals_free(bf_approval *list, size_t n);
/* How many approvals are pending (>= 0), or <0 on error. */
int64_t store_approvals_pending_count(bf_store *s, struct bf_error *err);
/* The pending approval of a document, 0 if none, <0 on error. */
int64_t store_approval_pending_for(bf_store *s, int64_t document_id, struct bf_error *err);
/* Records user's approval of `level`, then moves the approval to the next
 * level (its approver from the route, times and escalation reset).
 * BF_ENOTFOUND when the approval is not pending at that level. */
int store_approval_vote(bf_store *s, int64_t id, int level, const char *user,
                        struct bf_error *err);
/* The user named for `level` of an approval's route: *ret (caller frees
 * with g_free) is NULL when that level is open to any approver whose limit
 * covers the amount; BF_ENOTFOUND when the approval has no such level. */
int store_approval_level_approver(bf_store *s, int64_t id, int level, char **ret,
                                  struct bf_error *err);
/* Who approved which earlier level: ret (NULL-terminated, caller frees
 * with g_strfreev) holds the users in level order. */
int store_approval_voters(bf_store *s, int64_t id, char ***ret, struct bf_error *err);
/* Closes a pending approval as approved, declined or withdrawn, by user with
 * a reason (may be NULL). BF_ENOTFOUND when it is not pending. */
int store_approval_close(bf_store *s, int64_t id, enum bf_approval_state st, const char *user,
                         const char *reason, struct bf_error *err);
/* Marks a pending approval's current level reminded, or escalated to
 * `escalated_to` (non-NULL for escalation). */
int store_approval_mark(bf_store *s, int64_t id, bool escalated, const char *escalated_to,
                        struct bf_error *err);
/* 1 when the audit log has a row of `action` by user about document_id
 * (0: any document) whose field is `field` (NULL: any), 0 if not, <0 on
 * error. */
int store_audit_has(bf_store *s, int64_t document_id, const char *user, const char *action,
                    const char *field, struct bf_error *err);

/* ------------------------------------------------------------- outbox */

/* A notification waiting to be sent (or sent). Strings owned. */
typedef struct bf_outbox_msg {
        int64_t id;
        char *event_id;          /* unique; the Message-ID / webhook header */
        char *dedupe_key;        /* NULL, or one message per cause and recipient */
        char *event_type;        /* approval_needed, reminder, ... */
        char *channel;           /* "mail" | "webhook" */
        char *recipient;         /* an e-mail address or the webhook URL */
        char *subject;           /* mail subject, may be NULL */
        char *payload;           /* the event as JSON */
        char *created_at;
        int attempts;
        char *last_error;
} bf_outbox_msg;
void outbox_msg_release(bf_outbox_msg *m);

/* Adds a message inside the caller's transaction. One with a dedupe_key
 * already stored for its channel and recipient is dropped (ret_added 0). */
int store_outbox_add(bf_store *s, const bf_outbox_msg *m, int *ret_added, struct bf_error *err);
/* Unsent messages due now (next_at passed), oldest first,
 * at most max; the caller frees with store_outbox_free(). */
int store_outbox_due(bf_store *s, size_t max, bf_outbox_msg **ret, size_t *ret_n,
                     struct bf_error *err);
void store_outbox_free(bf_outbox_msg *list, size_t n);
/* After a send: sent (attempts counted), or failed with the
 * error and the next try retry_seconds from now. */
int store_outbox_done(bf_store *s, int64_t id, bool sent, const char *error, int retry_seconds,
                      struct bf_error *err);
struct bf_outbox_stats {
        int64_t sent, waiting, failing;  /* failing: unsent with a failed attempt */
        char *last_error;                /* the latest failing one's; owned, may be NULL */
};
int store_outbox_stats(bf_store *s, struct bf_outbox_stats *ret, struct bf_error *err);
/* ---------------------------------------------------------- payments */
/* Paying the bills (store-payments.c): bank-detail changes, payment runs,
 * bank statement lines. Each function is one statement or runs inside the
 * caller's transaction; the pipeline wraps them in store_begin/commit. */

/* Records a pending change of vendor_id's bank details (replacing a pending
 * one); the vendor keeps its old details until confirmed. */
int store_bank_change_request(bf_store *s, const bf_bank_change *c, struct bf_error *err);
/* The changes (pending_only: only those waiting), oldest first; free each
 * with bank_change_release() and the array with free(). */
int store_bank_changes_load(bf_store *s, bool pending_only, bf_bank_change **ret, size_t *ret_n,
                            struct bf_error *err);
/* Confirms vendor_id's pending change under user and writes the new details
 * to the vendor. BF_ENOTFOUND when nothing is pending; BF_EINVAL when user
 * is the one who asked for it (a second user must confirm). ret (may be
 * NULL) gets the change, released by the caller. */
int store_bank_change_confirm(bf_store *s, const char *vendor_id, const char *user,
                              bf_bank_change *ret, struct bf_error *err);

/* Posted bills that are not reversed, with their payment status ("paid":
 * a payment settling it was reconciled; "in_run": in a payment not
 * returned; else "open") and, for a paid bill, the earliest day the bank
 * booked the line that settled it (unset when no line says), by due date
 * then document. Free with bills_free(). */
int store_bills_load(bf_store *s, bf_bill **ret, size_t *ret_n, struct bf_error *err);

/* Inserts a run with its payments and items (run->state, pay_date, until,
 * created_by); fills the ids and each payment's end_to_end ("BF<run>-<payment>"). */
int store_run_insert(bf_store *s, bf_pay_run *run, struct bf_error *err);
/* A run with its payments and items; BF_ENOTFOUND. ret released with
 * pay_run_release(). */
int store_run_load(bf_store *s, int64_t run_id, bf_pay_run *ret, struct bf_error *err);
/* Moves a run to `state` by user: RUN_APPROVED from proposed, RUN_EXPORTED
 * (with format) from approved; BF_EINVAL from any other state. */
int store_run_set_state(bf_store *s, int64_t run_id, enum bf_run_state state, const char *user,
                        const char *format, struct bf_error *err);
/* Payments of exported runs that were not returned ("open" or "paid"),
 * with their items; free with store_payments_free(). */
int store_payments_exported(bf_store *s, bf_payment **ret, size_t *ret_n, struct bf_error *err);
void store_payments_free(bf_payment *list, size_t n);
/* Sets a payment's state ("paid", "returned", "open"). */
int store_payment_set_state(bf_store *s, int64_t payment_id, const char *state,
                            struct bf_error *err);
/* The id of the entry with this posting key, 0 if none, <0 on error. */
int64_t store_entry_by_key(bf_store *s, const char *posting_key, struct bf_error *err);
/* The date of the run a payment belongs to into *ret (unset if none). */
int64_t store_payment_run_date(bf_store *s, int64_t payment_id, bf_date *ret, struct bf_error *err);
/* The payment's run id, 0 if no such payment. */
int64_t store_payment_run(bf_store *s, int64_t payment_id, struct bf_error *err);

/* Inserts a bank line (its state, reason and matches as given); fills l->id.
 * BF_EEXIST when a line with this line_key is there already. */
int store_bank_line_insert(bf_store *s, bf_bank_line *l, struct bf_error *err);
/* Lines (open_only: those in the bank queue), by id; free with
 * store_bank_lines_free(). */
int store_bank_lines_load(bf_store *s, bool open_only, bf_bank_line **ret, size_t *ret_n,
                          struct bf_error *err);
void store_bank_lines_free(bf_bank_line *list, size_t n);
/* How many statement lines are open in the queue (unmatched or with a
 * difference), and when the oldest was imported (ISO 8601 UTC, "" when none). */
int store_bank_lines_open_count(bf_store *s, int64_t *ret_n, char ret_oldest[32],
                                struct bf_error *err);
int store_bank_line_get(bf_store *s, int64_t id, bf_bank_line *ret, struct bf_error *err);
/* Writes a line's state, reason, detail and matches (0: none), by user. */
int store_bank_line_update(bf_store *s, const bf_bank_line *l, const char *user,
                           struct bf_error *err);

#endif
