/* review.c: what a reviewer sees of one exception, and the claim that keeps
 * a second reviewer (in the TUI or with `billflow resolve`) off it. */
#include <string.h>

#include <glib.h>

#include "pipeline/pipeline-int.h"
#include "store/store.h"

int pipeline_review_open(bf_app *app, int64_t exception_id, struct bf_review *ret,
                         struct bf_error *err)
{
        int r;

        memset(ret, 0, sizeof(*ret));
        invoice_init(&ret->inv);
        po_init(&ret->po);
        if ((r = store_exception_get(app->store, exception_id, &ret->exc, err)) < 0)
                return r;
        r = store_invoice_load(app->store, ret->exc.document_id, &ret->inv, err);
        if (r == BF_ENOTFOUND)
                invoice_init(&ret->inv); /* unreadable: nothing extracted yet */
        else if (r < 0)
                return r;
        if ((r = store_document_get(app->store, ret->exc.document_id, &ret->doc, err)) < 0)
                return r;
        {
                char *text = store_document_text(app->store, ret->exc.document_id);
                ret->text = g_strdup(text);
                free(text);
        }
        if (ret->inv.po_number && *ret->inv.po_number) {
                struct bf_error perr = { 0 };
                if (store_po_load(app->store, ret->inv.po_number, ret->exc.document_id, &ret->po,
                                  &perr) == 0)
                        ret->has_po = true;
                else
                        ret->po_error = g_strdup(perr.msg);
        }
        return 0;
}

void pipeline_review_release(struct bf_review *rv)
{
        exception_release(&rv->exc);
        invoice_release(&rv->inv);
        po_release(&rv->po);
        document_release(&rv->doc);
        g_free(rv->text);
        g_free(rv->po_error);
        memset(rv, 0, sizeof(*rv));
}

int pipeline_review_claim(bf_app *app, int64_t exception_id, char **ret_holder,
                          struct bf_error *err)
{
        char *holder = NULL;
        int r;

        for (int attempt = 0;; attempt++) {
                r = store_claim_take(app->store, exception_id, app->user, RESOLVE_CLAIM_SECONDS,
                                     &holder, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        break;
                free(holder);
                holder = NULL;
        }
        if (r == BF_EBUSY && !store_lost_race(app->store))
                r = bf_error_set(err, BF_EBUSY, "exception %" PRId64 " is being reviewed by %s",
                                 exception_id, holder ? holder : "someone else");
        if (ret_holder)
                *ret_holder = r == BF_EBUSY && holder ? g_strdup(holder) : NULL;
        free(holder);
        return r;
}

void pipeline_review_unclaim(bf_app *app, int64_t exception_id)
{
        (void)store_claim_release(app->store, exception_id, app->user, NULL);
}

int pipeline_review_claims(bf_app *app, bf_claim **ret, size_t *ret_n, struct bf_error *err)
{
        return store_claims_load(app->store, RESOLVE_CLAIM_SECONDS, ret, ret_n, err);
}
