/* resolve.c: the one resolution service for exceptions — edit, post,
 * override, reject, recheck — shared by `billflow resolve` and the TUI. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extract/extract.h"
#include "pipeline/pipeline-int.h"
#include "store/store.h"

/* After an edit of the vendor, find it again in the master: by id first,
 * then by name or alias. */
static void rematch_vendor(bf_app *app, bf_invoice *inv)
{
        const bf_vendor *v;
        int k;

        g_clear_pointer(&inv->vendor_id, free);
        if (!inv->vendor_name)
                return;
        if ((v = pipeline_find_vendor(app, inv->vendor_name))) {
                inv->vendor_id = bf_xstrdup(v->vendor_id);
                free(inv->vendor_name);
                inv->vendor_name = bf_xstrdup(v->name);
                return;
        }
        k = extract_match_vendor(inv->vendor_name, app->vendors, app->n_vendors, NULL);
        if (k >= 0)
                inv->vendor_id = bf_xstrdup(app->vendors[k].vendor_id);
}

static int apply_sets(bf_app *app, int64_t doc_id, bf_invoice *inv, char *const *sets,
                      size_t n, struct bf_error *err)
{
        for (size_t i = 0; i < n; i++) {
                g_autofree char *copy = g_strdup(sets[i]);
                char *eq = strchr(copy, '='), old[512], now[512];
                int f, r;

                if (!eq)
                        return bf_error_set(err, BF_EINVAL, "--set takes FIELD=VALUE, not '%s'", sets[i]);
                *eq = '\0';
                if ((f = field_from_name(copy)) < 0)
                        return bf_error_set(err, BF_EINVAL, "unknown field '%s'", copy);
                invoice_field_text(inv, f, old, sizeof(old));
                if (invoice_set_field(inv, f, eq + 1, err) < 0)
                        return bf_error_prefix(err, "cannot set %s", copy);
                if (f == FIELD_VENDOR)
                        rematch_vendor(app, inv);
                invoice_field_text(inv, f, now, sizeof(now));
                if ((r = store_audit(app->store, app->user, "edit", doc_id, copy,
                                     old[0] ? old : NULL, now[0] ? now : NULL, err)) < 0)
                        return r;
        }
        return 0;
}

/* Learning from corrections: for each field a reviewer set, remember where
 * its value was printed on this document (label and place) for the vendor,
 * so that its next invoices are read that way first (extract/learn.c).
 * Best effort: a value not on the page, or a document whose words were not
 * kept, teaches nothing and never fails the resolution. */
static void learn_from_sets(bf_app *app, int64_t doc_id, const bf_invoice *inv, char *const *sets,
                            size_t n)
{
        const char *key = inv->vendor_id ? inv->vendor_id : inv->vendor_name;
        bf_doc_text words = { 0 };

        if (!key || store_words_load(app->store, doc_id, &words, NULL) < 0)
                return;
        for (size_t i = 0; i < n; i++) {
                g_autofree char *name = g_strndup(sets[i], strcspn(sets[i], "="));
                int f = field_from_name(name);
                struct extract_hint h;
                if (f < 0 || extract_learn_hint(&words, inv, (enum bf_field)f, &h, NULL) < 0)
                        continue;
                bf_field_hint sh = { .field = f, .label = h.label, .below = h.below, .dx = h.dx,
                                     .dy = h.dy, .px = h.px, .py = h.py, .page = h.page };
                (void)store_hint_save(app->store, key, &sh, NULL);
                extract_hint_release(&h);
        }
        doc_text_release(&words);
}

static int resolve_once(bf_app *app, const struct bf_resolve_request *req,
                        struct bf_result *ret, struct bf_error *err)
{
        bf_exception exc = { 0 };
        bool unreadable = false;
        int r;

        memset(ret, 0, sizeof(*ret));
        if (!app->store)
                return bf_error_set(err, BF_EINVAL, "no store open");
        /* A recheck runs the same checks anyone's import triggers; editing,
         * posting and rejecting are a reviewer's. */
        if ((req->n_sets || req->action == RESOLVE_POST || req->action == RESOLVE_REJECT) &&
            (r = pipeline_app_check_user(app, ROLE_REVIEWER, "resolve exceptions", err)) < 0)
                return r;
        if ((r = store_begin(app->store, err)) < 0)
                return r;
        if ((r = store_exception_get(app->store, req->exception_id, &exc, err)) < 0)
                goto fail;
        if (exc.state != EXC_OPEN) {
                r = bf_error_set(err, BF_ENOTFOUND,
                                 "exception %" PRId64 " is not open (already resolved)",
                                 req->exception_id);
                goto fail;
        }
        /* A reviewer who has this exception open in the TUI holds a claim on
         * it; nobody else acts on it meanwhile, from the TUI or a script. */
        if ((r = pipeline_review_claim(app, exc.id, NULL, err)) < 0)
                goto fail;
        ret->document_id = exc.document_id;
        ret->exception_id = exc.id;
        r = store_invoice_load(app->store, exc.document_id, &ret->invoice, err);
        if (r == BF_ENOTFOUND) {
                /* An unreadable document has no invoice until someone types one in. */
                invoice_init(&ret->invoice);
                unreadable = req->n_sets == 0;
        } else if (r < 0) {
                goto fail;
        }
        if (req->n_sets) {
                if ((r = apply_sets(app, exc.document_id, &ret->invoice, req->sets, req->n_sets,
                                    err)) < 0)
                        goto fail;
                if ((r = store_invoice_save(app->store, exc.document_id, &ret->invoice, NULL,
                                            err)) < 0)
                        goto fail;
                learn_from_sets(app, exc.document_id, &ret->invoice, req->sets, req->n_sets);
        }

        if (req->action == RESOLVE_REJECT) {
                const char *why = req->reject_reason ? req->reject_reason : "";
                if ((r = store_exception_close(app->store, exc.id, EXC_REJECTED, why, err)) < 0 ||
                    (r = store_document_set_state(app->store, exc.document_id, DOC_REJECTED, err)) < 0 ||
                    (r = store_audit(app->store, app->user, "reject", exc.document_id, "reason",
                                     NULL, why, err)) < 0)
                        goto fail;
                ret->outcome = OUTCOME_EXCEPTION;
                ret->exception_id = exc.id;
                r = store_commit(app->store, err);
                goto out;
        }

        if (req->action == RESOLVE_POST && req->n_overrides) {
                GString *names = g_string_new(NULL);
                for (size_t i = 0; i < req->n_overrides; i++)
                        g_string_append_printf(names, "%s%s", i ? "," : "",
                                               reason_name(req->overrides[i]));
                r = store_audit(app->store, app->user, "override", exc.document_id, "reasons",
                                NULL, names->str, err);
                g_string_free(names, TRUE);
                if (r < 0)
                        goto fail;
        } else if (req->action == RESOLVE_RECHECK) {
                if ((r = store_audit(app->store, app->user, "recheck", exc.document_id, NULL,
                                     NULL, NULL, err)) < 0)
                        goto fail;
        }
        r = pipeline_decide(app, exc.document_id, &ret->invoice, unreadable,
                            req->action == RESOLVE_POST ? req->overrides : NULL,
                            req->action == RESOLVE_POST ? req->n_overrides : 0, false, ret, err);
        if (r < 0)
                goto fail;
        if (ret->outcome == OUTCOME_POSTED) {
                g_autofree char *note = NULL;
                if (req->n_overrides && req->action == RESOLVE_POST) {
                        GString *s = g_string_new("posted with override: ");
                        for (size_t i = 0; i < req->n_overrides; i++)
                                g_string_append_printf(s, "%s%s", i ? "," : "",
                                                       reason_name(req->overrides[i]));
                        note = g_string_free(s, FALSE);
                }
                if ((r = store_exception_close(app->store, exc.id, EXC_POSTED,
                                               note ? note : "posted", err)) < 0)
                        goto fail;
                ret->exception_id = exc.id;
        } else if (ret->outcome == OUTCOME_AWAITING_APPROVAL) {
                /* Cleared by the reviewer; the approvers decide now. */
                g_autofree char *note = g_strdup_printf("cleared: awaiting approval %" PRId64,
                                                        ret->approval_id);
                if ((r = store_exception_close(app->store, exc.id, EXC_POSTED, note, err)) < 0)
                        goto fail;
                ret->exception_id = exc.id;
        }
        r = store_commit(app->store, err);
        goto out;
fail:
        store_rollback(app->store);
        ret->outcome = OUTCOME_ERROR;
out:
        /* The claim guarded this action only; the TUI renews its own on the
         * next key, and a script leaves none behind. */
        if (r == 0)
                pipeline_review_unclaim(app, exc.id);
        exception_release(&exc);
        return r;
}

int pipeline_resolve_apply(bf_app *app, const struct bf_resolve_request *req, struct bf_result *ret,
                  struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = resolve_once(app, req, ret, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
                pipeline_result_release(ret);
        }
}

static bool may_have_cleared(const bf_exception *e)
{
        for (size_t i = 0; i < e->n_reasons; i++) {
                enum bf_reason r = e->reasons[i].reason;
                if (r == REASON_PO_NOT_FOUND || r == REASON_QUANTITY_EXCEEDS_RECEIVED ||
                    r == REASON_UNKNOWN_VENDOR || r == REASON_BANK_DETAILS_CHANGED)
                        return true;
        }
        return false;
}

int pipeline_resolve_recheck_open(bf_app *app, int *ret_posted, struct bf_error *err)
{
        bf_exception *list = NULL;
        size_t n = 0;
        int posted = 0, r;

        if ((r = store_exceptions_open(app->store, &list, &n, err)) < 0)
                return r;
        for (size_t i = 0; i < n; i++) {
                struct bf_resolve_request req = { .exception_id = list[i].id,
                                                  .action = RESOLVE_RECHECK };
                struct bf_result res;
                char *fix[1];
                g_autofree char *vendor_set = NULL;

                if (!may_have_cleared(&list[i]))
                        continue;
                /* A vendor added to the master since: match the printed name again. */
                if (list[i].vendor) {
                        vendor_set = g_strdup_printf("vendor=%s", list[i].vendor);
                        fix[0] = vendor_set;
                        for (size_t k = 0; k < list[i].n_reasons; k++)
                                if (list[i].reasons[k].reason == REASON_UNKNOWN_VENDOR) {
                                        req.sets = fix;
                                        req.n_sets = 1;
                                }
                }
                r = pipeline_resolve_apply(app, &req, &res, err);
                if (r == 0 && res.outcome == OUTCOME_POSTED)
                        posted++;
                pipeline_result_release(&res);
                if (r < 0 && r != BF_ENOTFOUND)
                        break;
                r = 0;
        }
        exceptions_free(list, n);
        if (ret_posted)
                *ret_posted = posted;
        return r;
}
