/* query.c: what the command line and the TUI read, so that nothing above
 * floor 3 speaks to the store. */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "pipeline/pipeline-int.h"
#include "store/store.h"

int pipeline_document_get(bf_app *app, int64_t id, bf_document *ret, struct bf_error *err)
{
        return store_document_get(app->store, id, ret, err);
}

char *pipeline_original_path(bf_app *app, const char *sha256)
{
        return store_original_path(app->store, sha256);
}

int pipeline_audit_load(bf_app *app, int64_t document_id, bf_audit_row **ret, size_t *ret_n,
                        struct bf_error *err)
{
        return store_audit_load(app->store, document_id, ret, ret_n, err);
}

int pipeline_exceptions_open(bf_app *app, bf_exception **ret, size_t *ret_n,
                             struct bf_error *err)
{
        return store_exceptions_open(app->store, ret, ret_n, err);
}

int pipeline_entries_find(bf_app *app, const struct bf_entry_filter *f,
                          bf_journal_entry **ret, size_t *ret_n, struct bf_error *err)
{
        return store_entries_find(app->store, f, ret, ret_n, err);
}

int pipeline_po_numbers(bf_app *app, char ***ret, size_t *ret_n, struct bf_error *err)
{
        return store_po_numbers(app->store, ret, ret_n, err);
}

int pipeline_po_load(bf_app *app, const char *po_number, bf_po *ret, struct bf_error *err)
{
        return store_po_load(app->store, po_number, 0, ret, err);
}

int pipeline_receipts_list(bf_app *app, bf_receipt **ret, size_t *ret_n, struct bf_error *err)
{
        return store_receipts_list(app->store, ret, ret_n, err);
}

int pipeline_status(bf_app *app, size_t max_rows, bf_status *ret, bf_service_status *ret_service,
                    struct bf_error *err)
{
        char oldest[32];
        int r;

        if ((r = store_status(app->store, ret, err)) < 0 ||
            (r = store_bank_lines_open_count(app->store, &ret->open_bank_lines, oldest, err)) < 0)
                return r;
        return store_service_status(app->store, max_rows, ret_service, err);
}

int64_t pipeline_age_text(const char *iso, int64_t now_us, char *buf, size_t size)
{
        g_autoptr(GDateTime) then = g_date_time_new_from_iso8601(iso ? iso : "", NULL);
        int64_t s = then ? ((now_us ? now_us : g_get_real_time()) / G_USEC_PER_SEC -
                            g_date_time_to_unix(then)) : 0;

        if (s >= 86400)
                snprintf(buf, size, "%" PRId64 "d", s / 86400);
        else if (s >= 3600)
                snprintf(buf, size, "%" PRId64 "h", s / 3600);
        else
                snprintf(buf, size, "%" PRId64 "m", s / 60);
        return s;
}

int pipeline_export_batches(bf_app *app, bf_export_batch **ret, size_t *ret_n,
                            struct bf_error *err)
{
        return store_export_batches_load(app->store, ret, ret_n, err);
}

int pipeline_document_view(bf_app *app, int64_t id, struct bf_document_view *ret,
                           struct bf_error *err)
{
        int64_t exc_id;
        int r;

        memset(ret, 0, sizeof(*ret));
        invoice_init(&ret->inv);
        if ((r = store_document_get(app->store, id, &ret->doc, err)) < 0)
                return r;
        r = store_invoice_load(app->store, id, &ret->inv, err);
        if (r == 0)
                ret->has_invoice = true;
        else if (r != BF_ENOTFOUND)
                return r;
        if ((exc_id = store_exception_latest(app->store, id, err)) < 0)
                return (int)exc_id;
        if (exc_id) {
                if ((r = store_exception_get(app->store, exc_id, &ret->exc, err)) < 0)
                        return r;
                ret->has_exception = true;
        }
        ret->entry_id = store_entry_for_document(app->store, id);
        if (ret->entry_id > 0)
                ret->reversed_by = store_entry_reversed_by(app->store, ret->entry_id);
        return store_audit_load(app->store, id, &ret->history, &ret->n_history, err);
}

void pipeline_document_view_release(struct bf_document_view *v)
{
        document_release(&v->doc);
        invoice_release(&v->inv);
        if (v->has_exception)
                exception_release(&v->exc);
        audit_rows_free(v->history, v->n_history);
        memset(v, 0, sizeof(*v));
}
