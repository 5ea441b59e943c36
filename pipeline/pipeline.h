/* pipeline.h: billflow's floor 3 — the configuration and home, the pipeline
 * that drives one document from bytes to ledger or queue, and the one
 * resolution service (edit, post, override, reject, recheck) that the
 * command line and the TUI share. */
#ifndef BILLFLOW_PIPELINE_H
#define BILLFLOW_PIPELINE_H

#include "models/models.h"
#include "rules/rules.h"
#include "models/records.h"

/* ------------------------------------------------------------ config */

/* [capture]: the reader processes' caps (capture/reader.h). */
struct bf_capture_config {
        int max_attempts;        /* reader failures before a document is quarantined */
        int timeout_seconds;     /* per document */
        int max_memory_mb;       /* a reader's address space */
        int max_pages, max_page_megapixels, max_total_megapixels;
        int max_mime_parts, max_mime_depth, max_decoded_mb;
};

/* [approval], [notify], [alert]: the approval workflow and its
 * notifications. Durations are seconds, 0 for never. */
struct bf_approval_config {
        struct approval_policy policy;   /* required_above, auto_below */
        int remind_after, escalate_after;
};
struct bf_notify_config {
        char *smtp_url, *from, *smtp_user, *smtp_password_file; /* owned; NULL: unset */
        char *webhook_url, *webhook_secret_file;                /* owned; NULL: unset */
        int retry_after;         /* first back-off after a failed send, seconds */
};
struct bf_alert_config {
        int after;                       /* the mailbox unreachable this long */
        int queue_age;                   /* the oldest open exception this old */
        bool has_exception_above;
        bf_decimal exception_above;      /* an exception queued above this total */
};

struct bf_config {
        char *home;              /* absolute; owned */
        char *inbox_path, *archive_path, *failed_path; /* absolute; owned */
        bool inbox_poll;         /* poll instead of inotify */
        int inbox_stable_seconds;
        char *imap_url, *imap_user, *imap_password_file, *imap_after; /* owned */
        char *imap_ca_file;      /* owned; NULL: the system's CAs */
        char *store_url;         /* owned; "sqlite:" (the home's billflow.db), "sqlite:PATH"
                                  * (absolute) or "postgresql://user@host:port/db" */
        char *store_password_file; /* absolute; owned; NULL or "": libpq's own sources */
        int store_lease_seconds; /* PostgreSQL: a silent service's files go to another after this */
        bool imap_starttls;
        bool imap_allow_plaintext; /* a password in clear to a remote server */
        int imap_poll_seconds;
        char *ocr_language;      /* owned; "auto" or a tesseract list ("eng+deu") */
        char *ocr_tessdata;      /* owned; NULL: tesseract's own model directory */
        int ocr_dpi;
        int ocr_workers;         /* 0: one per core */
        int ocr_host_workers;    /* PostgreSQL: documents read at once by the services of
                                  * one machine on one store; 0: one per core */
        struct bf_capture_config capture;
        struct rules_config rules; /* account strings point into owned copies below */
        char *payable_account, *tax_account; /* owned */
        char *extract_model;     /* absolute; owned; NULL: the built-in ranker */
        char *extract_calibration; /* absolute, or "none"; owned; NULL: the built-in calibration */
        char *metrics_listen;    /* "host:port" for Prometheus; owned; NULL or "": none */
        struct bf_approval_config approval;
        struct bf_notify_config notify;
        struct bf_alert_config alert;
        /* [pay]: the paying account and the ledger accounts payments post to */
        char *pay_name, *pay_iban, *pay_bic;          /* owned; "" when unset */
        char *pay_bank_account, *pay_discount_account; /* owned */
        /* [bank]: statement CSV columns ("date=Date,amount=Amount,...") and
         * how many days a line may be from its payment */
        char *bank_csv_columns;  /* owned */
        int bank_match_days;
};

/* Splits metrics.listen's "HOST:PORT" ("[::1]:9464" for IPv6): 0 with
 * ret_host (caller frees; may be NULL) and ret_port (may be NULL), or
 * BF_EINVAL. */
int pipeline_config_split_listen(const char *text, char **ret_host, int *ret_port);

/* The home directory from --home, $BILLFLOW_HOME, $XDG_DATA_HOME/billflow or
 * ~/.local/share/billflow. Caller frees. */
char *pipeline_config_default_home(const char *home_option);

/* Loads home/billflow.conf (a missing file gives the defaults), then applies
 * overrides "section.key=value". Unknown keys and bad values are errors
 * naming the key. cfg is released by pipeline_config_release(). */
int pipeline_config_load(struct bf_config *cfg, const char *home, char *const *overrides,
                size_t n_overrides, struct bf_error *err);
void pipeline_config_release(struct bf_config *cfg);
/* What is wrong with cfg beyond its syntax: folders that are missing or not
 * writable, a mailbox without user or password file, a password file others
 * can read, ... One sentence each, naming the key. Returns a NULL-terminated
 * array (empty when all is well); the caller frees it with g_strfreev(). */
char **pipeline_config_problems(const struct bf_config *cfg);
/* The database store.url names, for store_open_url: the PostgreSQL URL, or
 * the SQLite file's absolute path ("sqlite:" is home/billflow.db). Caller
 * g_frees. */
char *pipeline_config_store_db(const struct bf_config *cfg);
/* Whether store.url names a PostgreSQL database. */
bool pipeline_config_store_is_pg(const struct bf_config *cfg);
/* The commented default billflow.conf text (static). */
const char *pipeline_config_default_text(void);

/* Creates the home: billflow.conf (if missing), the database store.url
 * names (billflow.db by default; on PostgreSQL the schema in the existing
 * database), inbox/, archive/, failed/. Safe to run twice. */
int pipeline_home_init(const char *home, struct bf_error *err);

/* ------------------------------------------------------------ context */

struct bf_reader;
struct extract_model;
struct extract_calibration;
/* The store, opaque above floor 2: cli/, tui/ and service/ reach it only
 * through the functions of this header. */
typedef struct bf_store bf_store;

/* What a command works with. Open with pipeline_app_open(), close with pipeline_app_close(). */
typedef struct bf_app {
        struct bf_config cfg;
        bf_store *store;         /* NULL when opened without a store */
        struct bf_reader *reader; /* the reader process that reads documents and
                                     mails; made on first need (pipeline_app_reader()) */
        char *user;              /* for the audit log; owned */
        bf_vendor *vendors;      /* vendor master cache; owned */
        size_t n_vendors;
        struct extract_model *model; /* extract.model, read once; owned; NULL: the built-in one */
        /* extract.calibration, read once; owned; NULL: the built-in one (or,
         * with no_calibration, none: the finders' own confidences) */
        struct extract_calibration *calibration;
        bool no_calibration;
} bf_app;

/* Loads the configuration and opens the store (need_store: fail if the home
 * has no database; else the store is opened only if it exists). */
int pipeline_app_open(bf_app *app, const char *home, char *const *overrides, size_t n_overrides,
             const char *user, bool need_store, struct bf_error *err);
void pipeline_app_close(bf_app *app);
/* Reloads the vendor cache from the store. */
int pipeline_app_reload_vendors(bf_app *app, struct bf_error *err);
/* app's reader (borrowed; made on first call with the [capture] caps). */
struct bf_reader *pipeline_app_reader(bf_app *app);

/* ----------------------------------------------------------- pipeline */

enum bf_outcome {
        OUTCOME_POSTED = 0,
        OUTCOME_EXCEPTION,
        OUTCOME_DUPLICATE_FILE,
        OUTCOME_AWAITING_APPROVAL, /* passed every check; waits for its approvers */
        OUTCOME_ERROR,           /* nothing was stored; err says why */
};
const char *pipeline_outcome_name(enum bf_outcome o); /* "posted", ...; static */

/* Where one document's time went (µs), for the service's metrics:
 * capture reading the file in the reader process less OCR (rendering, text
 * layers, e-invoice XML, the transfer), OCR Tesseract's share, extract the
 * fields (with master data and re-read figures), rules the checks with their
 * lookups and the posting or queueing, commit the rest of the transaction
 * (document, words, fields, audit, the commit itself). */
struct bf_timings {
        int64_t capture_us, ocr_us, extract_us, rules_us, commit_us;
};

struct bf_result {
        enum bf_outcome outcome;
        int64_t document_id;
        int64_t entry_id;        /* 0 if none */
        int64_t exception_id;    /* 0 if none */
        int64_t approval_id;     /* with OUTCOME_AWAITING_APPROVAL */
        char sha256[65];
        bf_invoice invoice;      /* owned */
        bf_decision decision;    /* owned */
        char *error;             /* capture error text when unreadable; owned */
        int64_t elapsed_ms;
        struct bf_timings timings; /* pipeline_process(): each stage that ran */
};
void pipeline_result_release(struct bf_result *r);

/* Reads a document and extracts its fields, without a store (the vendor
 * master is used when app has one). Capture failures return <0 with err. */
int pipeline_extract(bf_app *app, const void *data, size_t len, struct bf_result *ret,
                     struct bf_error *err);

/* The whole pipeline for one document's bytes: store the original, extract,
 * check, then post or queue, committed in one transaction. `filename` is
 * metadata only; `source` says where it came from ("cli", "inbox", "imap").
 * An unreadable file is stored and queued as `unreadable`. Returns 0 with
 * ret filled (outcome posted, exception or duplicate_file), or <0 when
 * nothing could be committed (err; the caller keeps the source). */
int pipeline_process(bf_app *app, const void *data, size_t len, const char *filename,
                     const char *source, struct bf_result *ret, struct bf_error *err);

/* Page `page` (1-based) of document doc_id's stored original as PNG bytes:
 * a PDF page rendered at ocr.dpi, a scan's page decoded (in the reader
 * process). *ret_png is the caller's (free()). BF_ENOTFOUND for no such
 * document, original or page (err says which), BF_EUNSUPPORTED for an
 * e-invoice XML. */
int pipeline_page_png(bf_app *app, int64_t doc_id, int page, void **ret_png, size_t *ret_len,
                      struct bf_error *err);

/* What the service's metrics read from the store at each scrape. */
struct bf_gauges {
        int64_t open_exceptions;        /* invoices and bank statement lines */
        double oldest_exception_age_s;  /* 0 when none is open */
        int64_t approvals_waiting;
};
int pipeline_gauges(bf_app *app, struct bf_gauges *ret, struct bf_error *err);

/* ------------------------------------------------------------ import */

enum bf_import_kind { IMPORT_VENDORS = 0, IMPORT_POS, IMPORT_RECEIPTS, IMPORT_USERS,
                      IMPORT_APPROVALS };
/* "vendors" | "pos" | "receipts" | "users" | "approvals" -> kind, or BF_EINVAL. */
int pipeline_import_kind_from_name(const char *name);

/* Loads master data from a CSV file (header row, UTF-8, RFC 4180) in one
 * transaction: every row is validated (types, required columns, unknown
 * vendor on a PO, unknown PO line on a receipt, duplicates within the
 * file), and a file with any bad row stores nothing. Re-importing updates.
 * On a validation failure returns BF_EINVAL and *ret_problems (a
 * NULL-terminated array the caller frees with g_strfreev) holds one
 * message per bad row ("'pos.csv' line 4: unknown vendor 'V9'");
 * ret_rows gets the number of rows stored. */
int pipeline_import_csv(bf_app *app, enum bf_import_kind kind, const char *path, size_t *ret_rows,
               char ***ret_problems, struct bf_error *err);
/* Deletes one piece of master data — kind "vendor", "po" or "receipt" — in
 * a transaction with an audit record ("delete"), refusing (BF_EEXIST, with
 * the reason) what the books refer to; see store_master_delete(). */
int pipeline_master_delete(bf_app *app, const char *kind, const char *id, struct bf_error *err);

/* ---------------------------------------------------------- resolution */

enum bf_resolve_action {
        RESOLVE_NONE = 0,        /* only apply the edits (and recheck) */
        RESOLVE_POST,
        RESOLVE_REJECT,
        RESOLVE_RECHECK,
};

/* How long a reviewer's claim on an exception lasts after their last action
 * (the TUI refreshes it on every key). */
#define RESOLVE_CLAIM_SECONDS 600

struct bf_resolve_request {
        int64_t exception_id;
        char *const *sets;       /* "field=value" edits; borrowed */
        size_t n_sets;
        enum bf_resolve_action action;
        const enum bf_reason *overrides; /* with RESOLVE_POST; borrowed */
        size_t n_overrides;
        const char *reject_reason;       /* with RESOLVE_REJECT */
};

/* Applies a reviewer's resolution in one transaction, audited under
 * app->user: edits re-run the checks; post posts when the checks pass (or
 * only overridden reasons remain); reject closes with the reason; recheck
 * re-runs the checks and posts if they now pass. BF_ENOTFOUND when the
 * exception is not open (already resolved); BF_EBUSY when another reviewer
 * holds a live claim on it (err names them). ret (fresh) gets the outcome. */
int pipeline_resolve_apply(bf_app *app, const struct bf_resolve_request *req, struct bf_result *ret,
                  struct bf_error *err);

/* Rechecks every open exception whose causes may have cleared after new
 * master data (po_not_found, quantity_exceeds_received, unknown_vendor),
 * posting those that now pass. ret_posted (may be NULL) gets the count. */
int pipeline_resolve_recheck_open(bf_app *app, int *ret_posted, struct bf_error *err);

/* --------------------------------------------------------- approvals */

/* Whether app->user may act: once any user exists, app->user must be one
 * (BF_EINVAL naming them otherwise) and, when roles is not 0, have one of
 * those roles (bits of enum bf_role; admin always does). With no users
 * everyone may do everything, as before users existed. */
int pipeline_app_check_user(bf_app *app, unsigned roles, const char *what, struct bf_error *err);

/* A pending approval as listings show it. */
struct bf_approval_view {
        bf_approval a;           /* owned */
        char *must_act;          /* who must act, for people; owned */
        int64_t age_seconds;     /* since the invoice began to wait */
        bool mine;               /* app->user may approve or decline it now */
};
/* Pending approvals, oldest first (only those app->user may act on when
 * mine). The caller frees with pipeline_approvals_list_free(). */
int pipeline_approvals_list(bf_app *app, bool mine, struct bf_approval_view **ret, size_t *ret_n,
                   struct bf_error *err);
void pipeline_approvals_list_free(struct bf_approval_view *list, size_t n);
/* How many approvals are pending (the "approvals waiting" figure), or <0. */
int64_t pipeline_approvals_pending_count(bf_app *app, struct bf_error *err);

/* Approves (approve true) or declines (with reason) an approval as
 * app->user, in one transaction with its audit records and notifications.
 * Refused (BF_EINVAL, err says why) for a user without the approver role,
 * not the one who must act at this level, over their limit, who edited the
 * invoice's fields or overrode a check and would be its only approver, who
 * approved an earlier level, or who changed the vendor's bank details.
 * BF_ENOTFOUND when the approval is not pending. The last level's approval
 * posts the invoice (its checks run again first); a decline queues it as
 * an exception with the reason `declined`. ret (fresh) gets the outcome. */
int pipeline_approval_decide(bf_app *app, int64_t approval_id, bool approve, const char *reason,
                    struct bf_result *ret, struct bf_error *err);

/* What a workflow tick did. */
struct bf_workflow_tick {
        int reminded, escalated, alerts;
};
/* The timers: a reminder for each approval waiting at its level longer
 * than approval.remind_after, escalation past approval.escalate_after (to
 * the approver's deputy, else the admins), and the alerts (the mailbox
 * failing for alert.after, the queue older than alert.queue_age); each
 * audited and notified once. Run by the service and `run --once`. */
int pipeline_workflow_tick(bf_app *app, struct bf_workflow_tick *ret, struct bf_error *err);

/* Sends what the outbox holds that is due, oldest first: each is marked
 * sent only after the server accepted it (a 2xx for webhooks); a failure
 * is retried later with back-off (notify.retry_after, doubling up to an
 * hour); after a failure the rest of that channel waits for the next
 * round. One sender at a time: the service, under the home's lock. A
 * crash between sending and recording sends the message again with its
 * id. ret_sent and ret_failed
 * (may be NULL) get the counts. Never blocks longer than the transports'
 * timeouts per message. */
int pipeline_outbox_flush(bf_app *app, int *ret_sent, int *ret_failed, struct bf_error *err);

/* For `status`: approvals waiting and the outbox. */
struct bf_notify_status {
        int64_t approvals_pending;
        int64_t sent, waiting, failing;
        char *last_error;        /* the latest failing message's; owned, may be NULL */
};
int pipeline_workflow_status(bf_app *app, struct bf_notify_status *ret, struct bf_error *err);
void pipeline_workflow_status_release(struct bf_notify_status *st);

/* ------------------------------------------------------------ ledger */

/* Writes the entry that reverses entry_id (every posting negated, dated
 * today), audited with the reason. BF_ENOTFOUND for no such entry,
 * BF_EEXIST when it was reversed already, BF_EINVAL for reversing a
 * reversal. ret_id (may be NULL) gets the new entry's id. */
int pipeline_ledger_reverse(bf_app *app, int64_t entry_id, const char *reason, int64_t *ret_id,
                   struct bf_error *err);

/* ------------------------------------------------------------ reading */
/* What the command line and the TUI read (query.c). Each returns 0, or <0
 * with err (BF_ENOTFOUND for an id that is not there); the records are
 * freed with their frees in models/records.h. */

int pipeline_document_get(bf_app *app, int64_t id, bf_document *ret, struct bf_error *err);
/* The stored original of a document; caller frees (g_free). NULL if sha256
 * is malformed. */
char *pipeline_original_path(bf_app *app, const char *sha256);
/* The audit log, oldest first (document_id 0: all). */
int pipeline_audit_load(bf_app *app, int64_t document_id, bf_audit_row **ret, size_t *ret_n,
                        struct bf_error *err);
/* Open exceptions, oldest first. */
int pipeline_exceptions_open(bf_app *app, bf_exception **ret, size_t *ret_n,
                             struct bf_error *err);
/* Posted entries in date order (then id) passing f (NULL: all). */
int pipeline_entries_find(bf_app *app, const struct bf_entry_filter *f,
                          bf_journal_entry **ret, size_t *ret_n, struct bf_error *err);
/* Every PO number, sorted (strings_free()), and one PO with its
 * lines' received and billed quantities (po_release()). */
int pipeline_po_numbers(bf_app *app, char ***ret, size_t *ret_n, struct bf_error *err);
int pipeline_po_load(bf_app *app, const char *po_number, bf_po *ret, struct bf_error *err);
/* Every goods-receipt line, by receipt id (receipts_free()). */
int pipeline_receipts_list(bf_app *app, bf_receipt **ret, size_t *ret_n, struct bf_error *err);
/* The counts of `status`, and the service's state (its newest max_rows
 * failures and unacknowledged mails; service_status_release()). */
int pipeline_status(bf_app *app, size_t max_rows, bf_status *ret, bf_service_status *ret_service,
                    struct bf_error *err);
/* The age at now_us (g_get_real_time()'s microseconds; 0: now) of an ISO
 * 8601 UTC timestamp as "3d", "5h" or "12m" in buf; returns it in seconds
 * (0 for a timestamp that does not parse). */
int64_t pipeline_age_text(const char *iso, int64_t now_us, char *buf, size_t size);
/* The export batches, oldest first (export_batches_free()). */
int pipeline_export_batches(bf_app *app, bf_export_batch **ret, size_t *ret_n,
                            struct bf_error *err);

/* Everything `show` prints of one document. */
struct bf_document_view {
        bf_document doc;
        bf_invoice inv;          /* empty unless has_invoice */
        bool has_invoice;
        bf_exception exc;        /* its latest exception, open or closed; unset unless has_exception */
        bool has_exception;
        int64_t entry_id;        /* the entry posted for it, 0 if none */
        int64_t reversed_by;     /* the entry reversing that one, 0 if none */
        bf_audit_row *history;   /* its audit rows, oldest first */
        size_t n_history;
};
/* Fills ret (released with pipeline_document_view_release(), also after a
 * failure). BF_ENOTFOUND when there is no such document. */
int pipeline_document_view(bf_app *app, int64_t id, struct bf_document_view *ret,
                           struct bf_error *err);
void pipeline_document_view_release(struct bf_document_view *v);

/* ------------------------------------------------------------- review */
/* What a reviewer sees of one exception, and the claim that keeps another
 * reviewer off it while they look (review.c; pipeline_resolve_apply takes the same
 * claim for the action it runs). */

struct bf_review {
        bf_exception exc;
        bf_invoice inv;          /* empty when the document has no invoice (unreadable) */
        bf_document doc;
        char *text;              /* the document's text; owned (g_free), may be NULL */
        bf_po po;                /* the invoice's PO, received and billed quantities by line */
        bool has_po;
        char *po_error;          /* why the PO could not be loaded; owned (g_free), may be NULL */
};
/* Loads exception_id with its document, invoice, text and PO into ret
 * (fresh; released with pipeline_review_release(), also after a failure). */
int pipeline_review_open(bf_app *app, int64_t exception_id, struct bf_review *ret,
                         struct bf_error *err);
void pipeline_review_release(struct bf_review *rv);
/* Claims exception_id for app->user for RESOLVE_CLAIM_SECONDS, or refreshes
 * their claim. BF_ENOTFOUND when it is not open; BF_EBUSY when another
 * reviewer holds a live claim: err names them and *ret_holder (may be NULL;
 * caller frees with g_free) is set to them. */
int pipeline_review_claim(bf_app *app, int64_t exception_id, char **ret_holder,
                          struct bf_error *err);
/* Drops app->user's claim (another reviewer's is left alone). */
void pipeline_review_unclaim(bf_app *app, int64_t exception_id);
/* Live claims on open exceptions, by exception id (claims_free()). */
int pipeline_review_claims(bf_app *app, bf_claim **ret, size_t *ret_n, struct bf_error *err);

/* ------------------------------------------------------------- export */

/* An export (export.c): the entries not yet exported in the format (or all,
 * or a recorded batch again) rendered by export/ and written by `write`,
 * and, for a new batch, recorded with an audit row — one transaction. */
struct bf_export_request {
        const char *format;      /* "beancount", ...; with batch may be NULL */
        int64_t batch;           /* >0: write this recorded batch again, record nothing */
        bool all;                /* every entry; records nothing */
        bool dry_run;            /* what the next export takes; records nothing */
        const char *out;         /* recorded with the batch; NULL: standard output */
        /* Writes the text before the commit; a failure (<0 with err) rolls
         * the export back. */
        int (*write)(void *ctx, const char *text, struct bf_error *err);
        void *write_ctx;
};
struct bf_export_result {
        size_t n;                /* entries written */
        int64_t batch;           /* the batch recorded, 0 if none */
        char *format;            /* the format written; owned (g_free) */
};
/* BF_EINVAL for an unknown format or a batch written in another format than
 * the one asked; BF_ENOTFOUND for no such batch. ret->format is set (or
 * NULL) also after a failure: free it. */
int pipeline_export_run(bf_app *app, const struct bf_export_request *req,
                        struct bf_export_result *ret, struct bf_error *err);
/* The entries with these ids rendered in fmt (enum bf_export_format) with
 * their invoices, documents and vendor names, as the export writes them;
 * *ret_text is freed with g_free. */
int pipeline_export_render(bf_app *app, int fmt, const int64_t *ids, size_t n, char **ret_text,
                           struct bf_error *err);

/* ------------------------------------------------------------ service */
/* The capture service's own state (servicestate.c): each the store's
 * function of the same name (store/store.h says what it records). */
int pipeline_mailbox_get(bf_app *app, const char *mailbox, uint32_t *ret_uidvalidity,
                         uint32_t *ret_last_uid, struct bf_error *err);
int pipeline_mailbox_set(bf_app *app, const char *mailbox, uint32_t uidvalidity,
                         uint32_t last_uid, struct bf_error *err);
int pipeline_mail_handled(bf_app *app, const char *mailbox, uint32_t uidvalidity, uint32_t uid,
                          struct bf_error *err);
int pipeline_mail_record(bf_app *app, const bf_mail_record *m, struct bf_error *err);
/* Several services on one mailbox (PostgreSQL): claims a mail for instance
 * before it is fetched, as store_mail_claim does. PIPELINE_MAIL_CLAIMED: it
 * is instance's to fetch now (*ret_from names the instance whose lease ran
 * out when it was taken from one, g_free()d by the caller; else NULL);
 * PIPELINE_MAIL_DONE: handled already; PIPELINE_MAIL_HELD: another live
 * service has it (or was claiming it at that very moment). <0 on error. */
enum { PIPELINE_MAIL_CLAIMED = 1, PIPELINE_MAIL_DONE, PIPELINE_MAIL_HELD };
int pipeline_mail_claim(bf_app *app, const char *mailbox, uint32_t uidvalidity, uint32_t uid,
                        const char *instance, char **ret_from, struct bf_error *err);
/* Records a capture failure (a file moved to failed/, a mail or attachment
 * not taken; name may be NULL) and, in the same transaction, its
 * "capture_failing" notification for the admins (approval.c). */
int pipeline_failure_add(bf_app *app, const char *source, const char *name, const char *reason,
                         struct bf_error *err);
int pipeline_attempt_fail(bf_app *app, const char *sha256, const char *reason, int *ret_attempts,
                          struct bf_error *err);
int pipeline_poll_record(bf_app *app, const char *source, bool ok, const char *result,
                         struct bf_error *err);
/* Several `billflow run` on one PostgreSQL store: each is an instance
 * (host.pid) with a lease on the store, and claims files into a work folder
 * of its own, work_root/instance. renew: alive for lease_seconds more (0:
 * the lease ends now, so another takes what is left). adopt: the files of
 * every instance whose lease ran out (a machine that died) are moved into
 * work_dir, each dead instance taken under a row lock so two adopters never
 * share one; *ret_moved their new paths (NULL-terminated, the caller
 * g_strfreev()s it, also after an error: what moved before it). remove: the instance's lease gone (it stopped
 * with nothing claimed). SQLite's one service of a home holds a lease too
 * (status lists it; nothing is adopted there); remove_others: every lease but
 * instance's goes, for the service that holds the home lock. */
int pipeline_instance_renew(bf_app *app, const char *instance, int lease_seconds,
                            struct bf_error *err);
int pipeline_instance_adopt(bf_app *app, const char *work_root, const char *work_dir,
                            char ***ret_moved, struct bf_error *err);
int pipeline_instance_remove(bf_app *app, const char *instance, struct bf_error *err);
int pipeline_instance_remove_others(bf_app *app, const char *instance, struct bf_error *err);

/* ------------------------------------------------------------ report */

/* The KPIs of one group of documents (all, a vendor, a source). Times are
 * seconds, -1 when nothing was measured. */
struct bf_report_group {
        char *key;                      /* the vendor or source; owned */
        int64_t documents;              /* received in the range */
        int64_t posted;                 /* have an entry */
        int64_t straight_through;       /* posted without ever being queued */
        int64_t queued;                 /* queued at least once */
        int64_t open, rejected, unreadable;
        double post_median_s, post_p90_s;       /* receipt to posting */
        double resolve_median_s, resolve_p90_s; /* queued to resolved */
};

struct bf_report {
        bf_date since, until;           /* as asked; unset: open ended */
        struct bf_report_group total;
        struct bf_report_group *vendors, *sources; /* most documents first */
        size_t n_vendors, n_sources;
        char **fields;                  /* fields reviewers corrected... */
        int64_t *corrected;             /* ...on how many documents */
        size_t n_fields;
};

/* Computes the report over documents received from since to until
 * (inclusive; unset dates: open ended). ret is released with
 * pipeline_report_release(). */
int pipeline_report_build(bf_app *app, bf_date since, bf_date until, struct bf_report *ret,
                 struct bf_error *err);
void pipeline_report_release(struct bf_report *r);

/* ------------------------------------------------------------ payments */
/* Paying the bills (payments.c, bank.c): bank-detail changes confirmed by
 * a second user, payment runs, bank statements and aged payables. */

/* The changes of vendors' bank details (pending_only: those waiting for a
 * second user), oldest first; free each with bank_change_release() and the
 * array with free(). */
int pipeline_bank_changes_list(bf_app *app, bool pending_only, bf_bank_change **ret, size_t *ret_n,
                      struct bf_error *err);
/* Confirms vendor_id's pending change of bank details as app->user (who
 * must not be the user who imported it: BF_EINVAL), audited; the vendor's
 * new IBAN and BIC are used from now on, and open exceptions held for
 * bank_details_changed are checked again (ret_posted, may be NULL: how many
 * were posted). BF_ENOTFOUND when nothing is pending. */
int pipeline_bank_confirm(bf_app *app, const char *vendor_id, int *ret_posted, struct bf_error *err);

/* A bill a proposal left out, and why ("bank details awaiting
 * confirmation", "vendor has no IBAN", ...). */
struct pay_skip {
        int64_t document_id;
        char *vendor_id, *invoice_number, *reason;   /* owned */
};
struct pay_proposal {
        bf_pay_run run;                 /* as stored, with its id */
        struct pay_skip *skipped;       /* owned */
        size_t n_skipped;
};
void pipeline_pay_proposal_release(struct pay_proposal *p);      /* NULL-safe */

/* Proposes a payment run for `date`: the open posted bills due by `until`
 * (unset: date), or whose early-payment discount (the invoice's terms,
 * else the vendor's) can still be taken on `date` — the discount is then
 * taken, amount * pct rounded half away from zero to the cent (see
 * terms_discount()). A vendor's open credit notes in the same currency
 * are set against its bills. One payment per vendor and currency, to the
 * vendor master's IBAN (never the one an invoice printed). Bills already
 * in a run or paid are not proposed; vendors whose bank details wait for
 * confirmation, or have no IBAN, are left out with the reason. Stored as
 * a run waiting for approval, audited. A proposal with no payment stores
 * no run (ret->run.id 0). ret is released with pipeline_pay_proposal_release(). */
int pipeline_pay_propose(bf_app *app, bf_date date, bf_date until, struct pay_proposal *ret,
                struct bf_error *err);
/* Approves a proposed run as app->user, audited. Until the approval rules
 * (users and roles) exist, the approver must be another user than the one
 * who proposed it: BF_EINVAL. BF_ENOTFOUND for no such run; BF_EINVAL
 * when it is not waiting for approval. */
int pipeline_pay_approve(bf_app *app, int64_t run_id, struct bf_error *err);
/* The run with its payments and bills (ret released with pay_run_release()). */
int pipeline_pay_run_get(bf_app *app, int64_t run_id, bf_pay_run *ret, struct bf_error *err);

/* Writes the bank file of a run (the caller's: render, validate, write
 * under a temporary name, published once pipeline_pay_export returned 0);
 * 0 or BF_E* with err. Called again when the transaction lost a race to
 * another billflow and runs again: what a later call writes replaces what
 * an earlier one wrote. */
typedef int (*pay_write_fn)(const bf_pay_run *run, void *ctx, struct bf_error *err);
/* Exports an approved run exactly once, in one transaction: calls write,
 * then posts each bill the run settles (Dr payable with the bill's total,
 * Cr pay.bank_account with what is paid, Cr pay.discount_account with the
 * discount taken; a credit note the other way round) dated the run's
 * date, and marks the run exported in `format`, audited. When write or
 * anything after it fails, nothing is recorded. BF_EEXIST when the run
 * was exported already; BF_EINVAL when it is not approved. */
int pipeline_pay_export(bf_app *app, int64_t run_id, const char *format, pay_write_fn write, void *ctx,
               struct bf_error *err);
/* Every posted bill with its payment status (open, in_run, paid). */
int pipeline_pay_bills(bf_app *app, bf_bill **ret, size_t *ret_n, struct bf_error *err);

/* What a statement import did. */
struct bank_import_result {
        size_t lines;        /* in the file */
        size_t added;        /* new (the rest were imported before) */
        size_t already;
        size_t matched;      /* of the new: matched to a payment or bill */
        size_t queued;       /* of the new: in the exception queue (`queue`, kind bank) */
};
/* Imports a bank statement (camt.053, MT940 or CSV per bank.csv_columns;
 * `name` for messages and the audit log) in one transaction; a line
 * imported before adds nothing. Money out is matched to an open payment
 * of an exported run by its end-to-end id (or the id in the reference),
 * else by the vendor's IBAN, amount and bank.match_days around the run's
 * date: the same amount marks the payment (and its bills) paid, another
 * goes to the exception queue as partial_payment or overpayment. Money in that
 * answers a payment (a returned transfer) marks it returned, reverses its
 * ledger entries (its bills are open again) and is queued as
 * payment_returned. Money out matching no payment is matched to an open
 * bill of that amount whose number is in the reference or whose vendor's
 * IBAN it went to (posted Dr payable, Cr bank); anything else is queued as
 * unmatched. ret (may be NULL) gets the counts. */
int pipeline_bank_import(bf_app *app, const void *data, size_t len, const char *name,
                struct bank_import_result *ret, struct bf_error *err);
/* The reasons a statement line waits in the exception queue for, NULL
 * ended (static): unmatched, partial_payment, overpayment, payment_returned. */
extern const char *const pipeline_bank_reasons[];
/* Statement lines (open_only: those in the exception queue, `queue` lists
 * them after the invoices), by id; free with pipeline_bank_lines_free(). */
int pipeline_bank_lines_list(bf_app *app, bool open_only, bf_bank_line **ret, size_t *ret_n,
                    struct bf_error *err);
void pipeline_bank_lines_free(bf_bank_line *list, size_t n);

enum bank_match_kind { BANK_MATCH_PAYMENT, BANK_MATCH_DOCUMENT, BANK_MATCH_IGNORE };
/* Clears a bank line of the exception queue by hand, audited: to payment `target`
 * (paid; for a payment_returned line, returned and its entries reversed),
 * to the unpaid bill with document id `target` (posted Dr payable, Cr
 * bank, paid), or ignored with a note. BF_EINVAL when the line is not in
 * the queue; BF_ENOTFOUND for an unknown target. */
int pipeline_bank_match(bf_app *app, int64_t line_id, enum bank_match_kind kind, int64_t target,
               const char *note, struct bf_error *err);

/* ------------------------------------------------------------ payables */

#define PAYABLES_BUCKETS 5   /* current, 1-30, 31-60, 61-90, 90+ days past due */
const char *pipeline_payables_bucket_name(int i);                /* "current", "1-30"...; static */
struct payables_row {
        char *vendor_id, *vendor_name;                  /* owned */
        bf_money bucket[PAYABLES_BUCKETS];
        bf_money total;
};
struct payables_week {
        bf_date start;                                  /* a Monday */
        bf_money amount;                                /* due that week (the first: by then) */
};
struct payables_report {
        bf_date as_of;
        struct payables_row *rows;      /* per vendor and currency, in the order first seen */
        size_t n_rows;
        struct payables_week *weeks;    /* per week and currency, in date order */
        size_t n_weeks;
};
/* Aged payables as of a date: posted bills dated by then and not paid by
 * then (open, in a run, or paid on a bank line booked after as_of), by days
 * past their due date (else invoice date) at as_of,
 * per vendor and currency, and the cash they need by week of their due
 * date (what is due by as_of's week counts in that week). Released with
 * pipeline_payables_release(). */
int pipeline_payables_build(bf_app *app, bf_date as_of, struct payables_report *ret, struct bf_error *err);
void pipeline_payables_release(struct payables_report *p);

#endif
