/* records.h: the records billflow keeps beside the domain types of
 * models.h — documents, exceptions, audit rows, claims, export batches,
 * status counts, the service's mail and poll rows, learned field hints,
 * report rows — and how to free them. Data only: the store (floor 2) fills
 * them, the pipeline (floor 3) hands them up, any floor may read and free
 * them. Every owned string and array here is from malloc; the functions
 * below free with free(). */
#ifndef BILLFLOW_RECORDS_H
#define BILLFLOW_RECORDS_H

#include "models/models.h"

/* Parses a record id as people type it (a document, exception, entry,
 * batch, run, approval or bank line): a whole decimal number above zero,
 * nothing after it, no overflow. */
bool record_id_parse(const char *text, int64_t *ret);

/* The frees of lists that store and pipeline queries return: each element
 * released (vendor_release(), receipt_release(), entry_release(), ...),
 * then the array. NULL-safe. */
void strings_free(char **list, size_t n);
void vendors_free(bf_vendor *vendors, size_t n);
void receipts_free(bf_receipt *list, size_t n);
void entries_free(bf_journal_entry *entries, size_t n);

enum bf_doc_state {
        DOC_RECEIVED = 0,
        DOC_POSTED,
        DOC_EXCEPTION,
        DOC_REJECTED,
        DOC_UNREADABLE_STATE, /* recorded, could not be read (also queued) */
        DOC_AWAITING_APPROVAL, /* passed its checks, not posted until approved */
};
#define DOC_N_STATES (DOC_AWAITING_APPROVAL + 1)
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
void document_release(bf_document *d); /* NULL-safe */

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
void exception_release(bf_exception *e); /* NULL-safe */
void exceptions_free(bf_exception *list, size_t n);

typedef struct bf_audit_row {
        int64_t id;
        char *at, *user, *action, *field, *old_value, *new_value; /* owned */
        int64_t document_id;
} bf_audit_row;
void audit_rows_free(bf_audit_row *rows, size_t n);

typedef struct bf_status {
        int64_t documents;
        int64_t by_state[DOC_N_STATES]; /* indexed by enum bf_doc_state */
        int64_t open_exceptions;
        int64_t open_bank_lines;        /* statement lines in the queue (filled by the pipeline) */
        int64_t entries;
        int64_t vendors, pos, receipts;
} bf_status;

typedef struct bf_mail_record {
        char *mailbox;                /* owned (borrowed when passed in) */
        uint32_t uidvalidity, uid;
        char *outcome;                /* "documents" | "no_attachment" | "failed"; owned */
        int documents;                /* attachments committed */
        char *detail;                 /* why, for no_attachment/failed; owned, may be NULL */
        char *message_id, *subject;   /* owned, may be NULL */
        char *handled_at;             /* ISO 8601 UTC; owned; set by the store */
} bf_mail_record;

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

/* A running `billflow run` (an instance: host.pid) and its lease. */
typedef struct bf_instance_row {
        char *instance, *host, *started_at, *lease_until; /* owned; host may be NULL */
        int64_t pid;
        bool live;                    /* the lease has not run out */
} bf_instance_row;

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
        bf_instance_row *instances;   /* every service with a lease, oldest first */
        size_t n_instances;
} bf_service_status;
void service_status_release(bf_service_status *st); /* NULL-safe */

typedef struct bf_claim {
        int64_t exception_id;
        char *user;             /* owned */
} bf_claim;
void claims_free(bf_claim *claims, size_t n);

typedef struct bf_export_batch {
        int64_t id;
        char *format, *out, *user, *created_at; /* owned; out/user may be NULL */
        int64_t n_entries;
} bf_export_batch;
void export_batches_free(bf_export_batch *list, size_t n);

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
void hints_free(bf_field_hint *list, size_t n);

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
void report_docs_free(bf_report_doc *list, size_t n);

/* Which entries the ledger queries take; unset or NULL members do not
 * filter. vendor: a vendor id, or a part of the description (case-blind);
 * borrowed. since/until: entry dates, inclusive. */
struct bf_entry_filter {
        const char *vendor;
        bf_date since, until;
};

#endif
