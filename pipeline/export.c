/* export.c: an export as one transaction — which entries, rendered by
 * export/ with their invoices, documents and vendor names, written, and
 * recorded as a batch. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "export/export.h"
#include "pipeline/pipeline-int.h"
#include "store/store.h"

/* What an export renders: the entries with these ids, their invoices and
 * documents, the vendor master's names; `items` (n of them) point into the
 * rest. All owned by the set. */
struct export_set {
        bf_journal_entry *entries;
        bf_invoice *invoices;
        bf_document *documents;
        bf_vendor *vendors;
        size_t n_vendors;
        struct export_item *items;
        size_t n;
};

/* The vendor master's entry for id in a list sorted by id, or NULL. */
static const bf_vendor *find_vendor(const bf_vendor *v, size_t n, const char *id)
{
        size_t lo = 0, hi = n;

        while (id && lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                int c = strcmp(id, v[mid].vendor_id);
                if (c == 0)
                        return &v[mid];
                if (c < 0)
                        hi = mid;
                else
                        lo = mid + 1;
        }
        return NULL;
}

/* Loads the set for these ids; release it with set_release() even on
 * failure. */
static int set_load(bf_app *app, const int64_t *ids, size_t n, struct export_set *set,
                    struct bf_error *err)
{
        int r;

        memset(set, 0, sizeof(*set));
        set->entries = g_new0(bf_journal_entry, n ? n : 1);
        set->invoices = g_new0(bf_invoice, n ? n : 1);
        set->documents = g_new0(bf_document, n ? n : 1);
        set->items = g_new0(struct export_item, n ? n : 1);
        set->n = n;
        for (size_t i = 0; i < n; i++)
                invoice_init(&set->invoices[i]);
        if ((r = store_vendors_load(app->store, &set->vendors, &set->n_vendors, err)) < 0)
                return r;
        for (size_t i = 0; i < n; i++) {
                struct export_item *it = &set->items[i];
                const bf_journal_entry *e = &set->entries[i];
                const bf_vendor *v;

                if ((r = store_entry_get(app->store, ids[i], &set->entries[i], err)) < 0)
                        return r;
                it->entry = e;
                if (e->document_id &&
                    store_invoice_load(app->store, e->document_id, &set->invoices[i], NULL) == 0)
                        it->invoice = &set->invoices[i];
                if (e->document_id &&
                    store_document_get(app->store, e->document_id, &set->documents[i], NULL) == 0) {
                        it->document_file = set->documents[i].filename;
                        it->document_sha256 = set->documents[i].sha256;
                }
                if ((v = find_vendor(set->vendors, set->n_vendors, e->vendor_id)))
                        it->vendor_name = v->name;
        }
        return 0;
}

static void set_release(struct export_set *set)
{
        for (size_t i = 0; set->entries && i < set->n; i++) {
                entry_release(&set->entries[i]);
                invoice_release(&set->invoices[i]);
                document_release(&set->documents[i]);
        }
        vendors_free(set->vendors, set->n_vendors);
        g_free(set->entries);
        g_free(set->invoices);
        g_free(set->documents);
        g_free(set->items);
        memset(set, 0, sizeof(*set));
}

int pipeline_export_render(bf_app *app, int fmt, const int64_t *ids, size_t n, char **ret_text,
                           struct bf_error *err)
{
        struct export_set set;
        struct export_accounts acc = { app->cfg.payable_account, app->cfg.tax_account,
                                       app->cfg.pay_bank_account };
        int r;

        *ret_text = NULL;
        if (fmt < 0 || fmt >= EXPORT__COUNT)
                return bf_error_set(err, BF_EINVAL, "unknown export format %d", fmt);
        if ((r = set_load(app, ids, n, &set, err)) == 0)
                *ret_text = export_render((enum bf_export_format)fmt, set.items, n, &acc);
        set_release(&set);
        return r;
}

/* One attempt at pipeline_export_run; *ret_wrote once req->write ran. */
static int export_once(bf_app *app, const struct bf_export_request *req,
                       struct bf_export_result *ret, bool *ret_wrote, struct bf_error *err)
{
        g_autofree char *text = NULL;
        int64_t *ids = NULL;    /* the store's: free() */
        char *batch_format = NULL;
        bool record;
        size_t n = 0;
        int r;

        memset(ret, 0, sizeof(*ret));
        if (req->format && export_format_from_name(req->format) < 0)
                return bf_error_set(err, BF_EINVAL, "unknown format '%s'", req->format);
        if (!req->format && req->batch <= 0)
                return bf_error_set(err, BF_EINVAL, "an export needs a format or a batch");
        if ((r = store_begin(app->store, err)) < 0)
                return r;
        record = req->batch <= 0 && !req->all && !req->dry_run;
        if (record && (r = store_export_serialize(app->store, err)) < 0)
                goto fail;
        if (req->batch > 0) {
                r = store_export_batch_entries(app->store, req->batch, &batch_format, &ids, &n, err);
                ret->format = g_strdup(batch_format);
                free(batch_format);
                if (r < 0)
                        goto fail;
                if (req->format && strcmp(req->format, ret->format) != 0) {
                        r = bf_error_set(err, BF_EINVAL, "batch %" PRId64 " was exported as %s, not %s",
                                         req->batch, ret->format, req->format);
                        goto fail;
                }
        } else {
                ret->format = g_strdup(req->format);
                if ((r = store_export_candidates(app->store, req->format, req->all, &ids, &n,
                                                 err)) < 0)
                        goto fail;
        }
        record = record && n > 0;
        if ((r = pipeline_export_render(app, export_format_from_name(ret->format), ids, n, &text,
                                        err)) < 0)
                goto fail;
        *ret_wrote = true;
        if ((r = req->write(req->write_ctx, text, err)) < 0)
                goto fail;
        if (record &&
            ((r = store_export_batch_add(app->store, ret->format, req->out, app->user, ids, n,
                                         &ret->batch, err)) < 0 ||
             (r = store_audit(app->store, app->user, "export", 0, ret->format, NULL,
                              req->out ? req->out : "-", err)) < 0))
                goto fail;
        if ((r = store_commit(app->store, err)) < 0)
                goto fail;
        ret->n = n;
        free(ids);
        return 0;
fail:
        store_rollback(app->store);
        ret->batch = 0;
        free(ids);
        return r;
}

int pipeline_export_run(bf_app *app, const struct bf_export_request *req,
                        struct bf_export_result *ret, struct bf_error *err)
{
        bool wrote = false;
        int r;

        /* Run again only while nothing went out: text already written to
         * standard output cannot be taken back. */
        for (int attempt = 0;; attempt++) {
                r = export_once(app, req, ret, &wrote, err);
                if (wrote || !pipeline_race_again(app, r, attempt, err))
                        return r;
                g_free(ret->format);
                ret->format = NULL;
        }
}
