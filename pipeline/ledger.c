/* ledger.c: corrections to the append-only ledger — reversing entries. */
#include <string.h>
#include <time.h>

#include <glib.h>

#include "pipeline/pipeline-int.h"
#include "store/store.h"

static int reverse_once(bf_app *app, int64_t entry_id, const char *reason, int64_t *ret_id,
                        struct bf_error *err)
{
        bf_journal_entry orig, rev;
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        int r;

        entry_init(&orig);
        entry_init(&rev);
        if ((r = store_begin(app->store, err)) < 0)
                return r;
        if ((r = store_entry_get(app->store, entry_id, &orig, err)) < 0)
                goto fail;
        if (orig.reverses_id) {
                r = bf_error_set(err, BF_EINVAL, "entry %" PRId64 " is itself a reversal", entry_id);
                goto fail;
        }
        if (store_entry_reversed_by(app->store, entry_id) > 0) {
                r = bf_error_set(err, BF_EEXIST, "entry %" PRId64 " was reversed already", entry_id);
                goto fail;
        }
        rev.date = (bf_date){ (int16_t)g_date_time_get_year(now), (int8_t)g_date_time_get_month(now),
                              (int8_t)g_date_time_get_day_of_month(now) };
        rev.description = g_strdup_printf("Reversal of entry %" PRId64 ": %s", entry_id, reason);
        rev.vendor_id = bf_xstrdup(orig.vendor_id);
        rev.invoice_number = bf_xstrdup(orig.invoice_number);
        rev.po_number = bf_xstrdup(orig.po_number);
        rev.document_id = orig.document_id;
        rev.reverses_id = entry_id;
        rev.posting_key = g_strdup_printf("reverse:%" PRId64, entry_id);
        for (size_t i = 0; i < orig.n_postings; i++) {
                bf_money m = orig.postings[i].amount;
                m.minor = -m.minor;
                entry_add_posting(&rev, orig.postings[i].account, m, orig.postings[i].memo);
        }
        if ((r = store_entry_insert(app->store, &rev, err)) < 0)
                goto fail;
        {
                g_autofree char *ids = g_strdup_printf("%" PRId64 " -> %" PRId64, entry_id, rev.id);
                if ((r = store_audit(app->store, app->user, "reverse", orig.document_id, "entry",
                                     ids, reason, err)) < 0)
                        goto fail;
        }
        if ((r = store_commit(app->store, err)) < 0)
                goto fail;
        if (ret_id)
                *ret_id = rev.id;
        entry_release(&orig);
        entry_release(&rev);
        return 0;
fail:
        store_rollback(app->store);
        entry_release(&orig);
        entry_release(&rev);
        return r;
}

int pipeline_ledger_reverse(bf_app *app, int64_t entry_id, const char *reason, int64_t *ret_id,
                   struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = reverse_once(app, entry_id, reason, ret_id, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
        }
}
