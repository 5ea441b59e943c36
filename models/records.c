/* records.c: freeing the records of records.h, and reading a record id. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "models/records.h"

static const char *const doc_state_names[] = {
        [DOC_RECEIVED] = "received",
        [DOC_POSTED] = "posted",
        [DOC_EXCEPTION] = "exception",
        [DOC_REJECTED] = "rejected",
        [DOC_UNREADABLE_STATE] = "unreadable",
        [DOC_AWAITING_APPROVAL] = "awaiting_approval",
};

const char *doc_state_name(enum bf_doc_state st)
{
        if ((unsigned)st >= sizeof(doc_state_names) / sizeof(doc_state_names[0]))
                return "unknown";
        return doc_state_names[st];
}

bool record_id_parse(const char *text, int64_t *ret)
{
        char *end;

        errno = 0;
        *ret = strtoll(text, &end, 10);
        return !errno && end != text && !*end && *ret > 0;
}

void document_release(bf_document *d)
{
        if (!d)
                return;
        free(d->filename);
        free(d->source);
        free(d->received_at);
        memset(d, 0, sizeof(*d));
}

void strings_free(char **list, size_t n)
{
        for (size_t i = 0; list && i < n; i++)
                free(list[i]);
        free(list);
}

void vendors_free(bf_vendor *vendors, size_t n)
{
        for (size_t i = 0; vendors && i < n; i++)
                vendor_release(&vendors[i]);
        free(vendors);
}

void receipts_free(bf_receipt *list, size_t n)
{
        for (size_t i = 0; list && i < n; i++)
                receipt_release(&list[i]);
        free(list);
}

void entries_free(bf_journal_entry *entries, size_t n)
{
        for (size_t i = 0; entries && i < n; i++)
                entry_release(&entries[i]);
        free(entries);
}

void exception_release(bf_exception *e)
{
        if (!e)
                return;
        free(e->created_at);
        free(e->resolution);
        for (size_t i = 0; i < e->n_reasons; i++)
                free(e->reasons[i].detail);
        free(e->reasons);
        free(e->vendor);
        free(e->invoice_number);
        free(e->total);
        free(e->filename);
        memset(e, 0, sizeof(*e));
}

void exceptions_free(bf_exception *list, size_t n)
{
        for (size_t i = 0; list && i < n; i++)
                exception_release(&list[i]);
        free(list);
}

void audit_rows_free(bf_audit_row *rows, size_t n)
{
        for (size_t i = 0; rows && i < n; i++) {
                free(rows[i].at);
                free(rows[i].user);
                free(rows[i].action);
                free(rows[i].field);
                free(rows[i].old_value);
                free(rows[i].new_value);
        }
        free(rows);
}

void claims_free(bf_claim *claims, size_t n)
{
        for (size_t i = 0; claims && i < n; i++)
                free(claims[i].user);
        free(claims);
}

void hints_free(bf_field_hint *list, size_t n)
{
        if (!list)
                return;
        for (size_t i = 0; list && i < n; i++)
                free(list[i].label);
        free(list);
}

void report_docs_free(bf_report_doc *list, size_t n)
{
        for (size_t i = 0; list && i < n; i++) {
                free(list[i].source);
                free(list[i].received_at);
                free(list[i].vendor);
                free(list[i].posted_at);
                free(list[i].queued_at);
                free(list[i].resolved_at);
        }
        free(list);
}

void export_batches_free(bf_export_batch *list, size_t n)
{
        for (size_t i = 0; list && i < n; i++) {
                free(list[i].format);
                free(list[i].out);
                free(list[i].user);
                free(list[i].created_at);
        }
        free(list);
}

void service_status_release(bf_service_status *st)
{
        if (!st)
                return;
        for (size_t i = 0; i < st->n_sources; i++)
                free(st->sources[i].source);
        for (size_t i = 0; i < st->n_polls; i++) {
                free(st->polls[i].source);
                free(st->polls[i].polled_at);
                free(st->polls[i].result);
        }
        for (size_t i = 0; i < st->n_failures; i++) {
                free(st->failures[i].source);
                free(st->failures[i].name);
                free(st->failures[i].reason);
                free(st->failures[i].failed_at);
        }
        for (size_t i = 0; i < st->n_mails; i++) {
                bf_mail_record *m = &st->mails[i];
                free(m->mailbox);
                free(m->outcome);
                free(m->detail);
                free(m->message_id);
                free(m->subject);
                free(m->handled_at);
        }
        for (size_t i = 0; i < st->n_instances; i++) {
                free(st->instances[i].instance);
                free(st->instances[i].host);
                free(st->instances[i].started_at);
                free(st->instances[i].lease_until);
        }
        free(st->sources);
        free(st->polls);
        free(st->failures);
        free(st->mails);
        free(st->instances);
        memset(st, 0, sizeof(*st));
}
