/* payments.c: paying the bills — vendors' bank-detail changes confirmed by
 * a second user, payment proposals, their approval, and the export that
 * posts each payment to the ledger. */
#include <string.h>

#include <glib.h>

#include "pipeline/pipeline-int.h"
#include "store/store.h"

/* --------------------------------------------------- bank-detail changes */

int pipeline_bank_changes_list(bf_app *app, bool pending_only, bf_bank_change **ret, size_t *ret_n,
                      struct bf_error *err)
{
        return store_bank_changes_load(app->store, pending_only, ret, ret_n, err);
}

static int bank_confirm_once(bf_app *app, const char *vendor_id, struct bf_error *err)
{
        bf_bank_change c = { 0 };
        char a[32], b[32];
        int r;

        if ((r = store_begin(app->store, err)) < 0)
                return r;
        r = store_bank_change_confirm(app->store, vendor_id, app->user, &c, err);
        if (r == 0) {
                g_autofree char *was = g_strdup_printf("%s %s", c.old_iban ? iban_mask(c.old_iban, a, sizeof(a)) : "none",
                                                       c.old_bic ? c.old_bic : "");
                g_autofree char *now = g_strdup_printf("%s %s", c.new_iban ? iban_mask(c.new_iban, b, sizeof(b)) : "none",
                                                       c.new_bic ? c.new_bic : "");
                r = store_audit(app->store, app->user, "bank_change_confirmed", 0, vendor_id,
                                g_strstrip(was), g_strstrip(now), err);
        }
        bank_change_release(&c);
        if (r == 0)
                return store_commit(app->store, err);
        store_rollback(app->store);
        return r;
}

int pipeline_bank_confirm(bf_app *app, const char *vendor_id, int *ret_posted, struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = bank_confirm_once(app, vendor_id, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        break;
        }
        if (r == 0)
                r = pipeline_app_reload_vendors(app, err);
        if (r == 0)
                r = pipeline_resolve_recheck_open(app, ret_posted, err);
        return r;
}

/* ------------------------------------------------------------ proposals */

void pipeline_pay_proposal_release(struct pay_proposal *p)
{
        if (!p)
                return;
        pay_run_release(&p->run);
        for (size_t i = 0; i < p->n_skipped; i++) {
                g_free(p->skipped[i].vendor_id);
                g_free(p->skipped[i].invoice_number);
                g_free(p->skipped[i].reason);
        }
        g_free(p->skipped);
        memset(p, 0, sizeof(*p));
}

static void skip(struct pay_proposal *p, const bf_bill *b, const char *reason)
{
        p->skipped = g_renew(struct pay_skip, p->skipped, p->n_skipped + 1);
        p->skipped[p->n_skipped++] = (struct pay_skip){
                .document_id = b->document_id, .vendor_id = g_strdup(b->vendor_id),
                .invoice_number = g_strdup(b->invoice_number), .reason = g_strdup(reason) };
}

static bool vendor_pending(const bf_bank_change *pending, size_t n, const char *vendor_id)
{
        for (size_t i = 0; i < n; i++)
                if (g_strcmp0(pending[i].vendor_id, vendor_id) == 0)
                        return true;
        return false;
}

/* The payment of vendor v in currency cur in run, added when missing. */
static bf_payment *payment_for(bf_pay_run *run, const bf_vendor *v, const char *cur)
{
        for (size_t i = 0; i < run->n_payments; i++)
                if (strcmp(run->payments[i].vendor_id, v->vendor_id) == 0 &&
                    strcmp(run->payments[i].amount.currency, cur) == 0)
                        return &run->payments[i];
        run->payments = bf_xrealloc(run->payments, (run->n_payments + 1) * sizeof(*run->payments));
        bf_payment *p = &run->payments[run->n_payments++];
        memset(p, 0, sizeof(*p));
        p->vendor_id = bf_xstrdup(v->vendor_id);
        p->vendor_name = bf_xstrdup(v->name);
        p->iban = bf_xstrdup(v->iban);
        p->bic = bf_xstrdup(v->bic);
        g_strlcpy(p->amount.currency, cur, BF_CURRENCY_LEN);
        g_strlcpy(p->discount.currency, cur, BF_CURRENCY_LEN);
        return p;
}

static int add_item(bf_payment *p, const bf_bill *b, bf_money discount, struct bf_error *err)
{
        bf_pay_item it = { .document_id = b->document_id, .invoice_date = b->invoice_date,
                           .due_date = b->due_date, .amount = b->total, .discount = discount };
        if (money_sub(b->total, discount, &it.pay) < 0 || money_add(p->amount, it.pay, &p->amount) < 0 ||
            money_add(p->discount, discount, &p->discount) < 0)
                return bf_error_set(err, BF_EINVAL, "the payment to '%s' overflows", p->vendor_id);
        it.invoice_number = bf_xstrdup(b->invoice_number);
        p->items = bf_xrealloc(p->items, (p->n_items + 1) * sizeof(*p->items));
        p->items[p->n_items++] = it;
        return 0;
}

/* Drops payment i from the run (its bills skipped with reason). */
static void drop_payment(struct pay_proposal *prop, size_t i, const char *reason)
{
        bf_pay_run *run = &prop->run;
        bf_payment *p = &run->payments[i];
        for (size_t k = 0; k < p->n_items; k++) {
                bf_bill b = { .document_id = p->items[k].document_id, .vendor_id = p->vendor_id,
                              .invoice_number = p->items[k].invoice_number };
                skip(prop, &b, reason);
        }
        /* release this payment through a run holding a copy of it alone */
        bf_pay_run one = { .payments = bf_xmalloc(sizeof(*p)), .n_payments = 1 };
        memcpy(one.payments, p, sizeof(*p));
        pay_run_release(&one);
        memmove(p, p + 1, (run->n_payments - i - 1) * sizeof(*p));
        run->n_payments--;
}

static int propose_once(bf_app *app, bf_date date, bf_date until, struct pay_proposal *ret,
                struct bf_error *err)
{
        struct pay_proposal prop = { 0 };
        bf_bank_change *pending = NULL;
        bf_bill *bills = NULL;
        size_t n_pending = 0, n_bills = 0;
        int r;

        if (!date_is_set(until))
                until = date;
        if (date_to_days(until) < date_to_days(date))
                return bf_error_set(err, BF_EINVAL, "--until is before --date");
        if ((r = store_begin(app->store, err)) < 0)
                return r;
        if ((r = store_bills_load(app->store, &bills, &n_bills, err)) < 0 ||
            (r = store_bank_changes_load(app->store, true, &pending, &n_pending, err)) < 0)
                goto out;
        prop.run.state = RUN_PROPOSED;
        prop.run.pay_date = date;
        prop.run.until = until;
        prop.run.created_by = bf_xstrdup(app->user);
        /* bills first, credit notes after: a credit is set only against a
         * vendor that is being paid */
        for (int pass = 0; pass < 2 && r == 0; pass++) {
                for (size_t i = 0; i < n_bills && r == 0; i++) {
                        const bf_bill *b = &bills[i];
                        const bf_vendor *v = pipeline_find_vendor(app, b->vendor_id);
                        bool credit = b->total.minor < 0;
                        bf_money discount = { 0, "" };

                        memcpy(discount.currency, b->total.currency, BF_CURRENCY_LEN);
                        if (strcmp(b->status, "open") != 0 || credit != (pass == 1) || b->total.minor == 0)
                                continue;
                        if (credit) {
                                bool paying = false;
                                for (size_t k = 0; v && k < prop.run.n_payments; k++)
                                        paying |= strcmp(prop.run.payments[k].vendor_id, v->vendor_id) == 0 &&
                                                  strcmp(prop.run.payments[k].amount.currency,
                                                         b->total.currency) == 0;
                                if (paying)
                                        r = add_item(payment_for(&prop.run, v, b->total.currency), b,
                                                     discount, err);
                                continue;
                        }
                        int bp = b->discount_bp, days = b->discount_days;
                        if (bp == 0 && v) {
                                bp = v->discount_bp;
                                days = v->discount_days;
                        }
                        bool discount_open = bp > 0 && date_is_set(b->invoice_date) &&
                                             date_to_days(date) <= date_to_days(b->invoice_date) + days;
                        bf_date due = b->due_date;
                        if (!date_is_set(due) && date_is_set(b->invoice_date))
                                due = date_add_days(b->invoice_date, v && v->payment_terms_days > 0
                                                                             ? v->payment_terms_days : 0);
                        bool is_due = !date_is_set(due) || date_to_days(due) <= date_to_days(until);
                        if (!is_due && !discount_open)
                                continue;
                        if (!v) {
                                skip(&prop, b, "unknown vendor");
                                continue;
                        }
                        if (vendor_pending(pending, n_pending, v->vendor_id)) {
                                skip(&prop, b, "bank details awaiting confirmation by a second user");
                                continue;
                        }
                        if (!v->iban || !*v->iban) {
                                skip(&prop, b, "the vendor has no IBAN");
                                continue;
                        }
                        if (discount_open && terms_discount(b->total, bp, &discount) < 0) {
                                r = bf_error_set(err, BF_EINVAL, "the discount of document %" PRId64
                                                 " overflows", b->document_id);
                                break;
                        }
                        r = add_item(payment_for(&prop.run, v, b->total.currency), b, discount, err);
                }
        }
        for (size_t i = 0; r == 0 && i < prop.run.n_payments;) {
                if (prop.run.payments[i].amount.minor <= 0)
                        drop_payment(&prop, i, "credit notes exceed the bills due");
                else
                        i++;
        }
        if (r == 0 && prop.run.n_payments > 0) {
                r = store_run_insert(app->store, &prop.run, err);
                if (r == 0) {
                        char d[16];
                        date_format(date, d, sizeof(d));
                        g_autofree char *what = g_strdup_printf("run %" PRId64 ": %zu payments for %s",
                                                                prop.run.id, prop.run.n_payments, d);
                        r = store_audit(app->store, app->user, "pay_propose", 0, "run", NULL, what, err);
                }
        }
out:
        bills_free(bills, n_bills);
        for (size_t i = 0; i < n_pending; i++)
                bank_change_release(&pending[i]);
        free(pending);
        if (r == 0)
                r = store_commit(app->store, err);
        else
                store_rollback(app->store);
        if (r < 0) {
                pipeline_pay_proposal_release(&prop);
                return r;
        }
        *ret = prop;
        return 0;
}

int pipeline_pay_propose(bf_app *app, bf_date date, bf_date until, struct pay_proposal *ret,
                struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = propose_once(app, date, until, ret, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
        }
}

int pipeline_pay_run_get(bf_app *app, int64_t run_id, bf_pay_run *ret, struct bf_error *err)
{
        return store_run_load(app->store, run_id, ret, err);
}

int pipeline_pay_bills(bf_app *app, bf_bill **ret, size_t *ret_n, struct bf_error *err)
{
        return store_bills_load(app->store, ret, ret_n, err);
}

static int approve_run_once(bf_app *app, int64_t run_id, struct bf_error *err)
{
        bf_pay_run run = { 0 };
        int r;

        if ((r = store_begin(app->store, err)) < 0)
                return r;
        if ((r = store_run_load(app->store, run_id, &run, err)) < 0)
                goto out;
        /* Four eyes: whoever proposed a run does not approve it; once users
         * exist, the one who does needs the approver role (or admin). */
        if (!app->user || !*app->user || g_strcmp0(run.created_by, app->user) == 0) {
                r = bf_error_set(err, BF_EINVAL,
                                 "cannot approve payment run %" PRId64 ": '%s' proposed it, another user "
                                 "must approve it", run_id, run.created_by ? run.created_by : "");
                goto out;
        }
        if ((r = pipeline_app_check_user(app, ROLE_APPROVER, "approve payment runs", err)) < 0)
                goto out;
        if ((r = store_run_set_state(app->store, run_id, RUN_APPROVED, app->user, NULL, err)) < 0)
                goto out;
        {
                g_autofree char *what = g_strdup_printf("run %" PRId64, run_id);
                r = store_audit(app->store, app->user, "pay_approve", 0, "run", NULL, what, err);
        }
out:
        pay_run_release(&run);
        if (r == 0)
                return store_commit(app->store, err);
        store_rollback(app->store);
        return r;
}

int pipeline_pay_approve(bf_app *app, int64_t run_id, struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = approve_run_once(app, run_id, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
        }
}

/* ---------------------------------------------------------------- export */

/* The entry paying one bill of payment p. */
static int post_item(bf_app *app, const bf_pay_run *run, const bf_payment *p, const bf_pay_item *it,
                     struct bf_error *err)
{
        bf_journal_entry e;
        bf_money bank;
        int r;

        entry_init(&e);
        e.date = run->pay_date;
        e.description = g_strdup_printf("Payment %s to %s: %s%s", p->end_to_end,
                                        p->vendor_name ? p->vendor_name : p->vendor_id,
                                        it->amount.minor < 0 ? "credit note " : "",
                                        it->invoice_number ? it->invoice_number : "");
        e.vendor_id = bf_xstrdup(p->vendor_id);
        e.invoice_number = bf_xstrdup(it->invoice_number);
        e.posting_key = g_strdup_printf("pay:%" PRId64 ":%" PRId64, p->id, it->document_id);
        bank = it->pay;
        bank.minor = -bank.minor;
        entry_add_posting(&e, app->cfg.payable_account, it->amount, p->end_to_end);
        entry_add_posting(&e, app->cfg.pay_bank_account, bank, p->end_to_end);
        if (it->discount.minor) {
                bf_money d = it->discount;
                d.minor = -d.minor;
                entry_add_posting(&e, app->cfg.pay_discount_account, d, "early-payment discount");
        }
        r = store_entry_insert(app->store, &e, err);
        entry_release(&e);
        return r;
}

static int pay_export_once(bf_app *app, int64_t run_id, const char *format, pay_write_fn write,
                           void *ctx, struct bf_error *err)
{
        bf_pay_run run = { 0 };
        int r;

        if ((r = store_begin(app->store, err)) < 0)
                return r;
        if ((r = store_run_load(app->store, run_id, &run, err)) < 0)
                goto out;
        if (run.state == RUN_EXPORTED) {
                r = bf_error_set(err, BF_EEXIST, "payment run %" PRId64 " was exported already (%s, by %s)",
                                 run_id, run.format ? run.format : "?", run.exported_by ? run.exported_by : "?");
                goto out;
        }
        if (run.state != RUN_APPROVED) {
                r = bf_error_set(err, BF_EINVAL, "payment run %" PRId64 " is not approved", run_id);
                goto out;
        }
        /* The run's row first: a concurrent export of it then waits on that
         * row and, once this one commits, loses the race on it (and is told
         * the run was exported when it runs again), not on a posting key of
         * the bills' entries. */
        if ((r = store_run_set_state(app->store, run_id, RUN_EXPORTED, app->user, format, err)) < 0)
                goto out;
        if ((r = write(&run, ctx, err)) < 0)
                goto out;
        for (size_t i = 0; r == 0 && i < run.n_payments; i++)
                for (size_t k = 0; r == 0 && k < run.payments[i].n_items; k++)
                        r = post_item(app, &run, &run.payments[i], &run.payments[i].items[k], err);
        if (r == 0) {
                g_autofree char *what = g_strdup_printf("run %" PRId64 " as %s", run_id, format);
                r = store_audit(app->store, app->user, "pay_export", 0, "run", NULL, what, err);
        }
out:
        pay_run_release(&run);
        if (r == 0)
                return store_commit(app->store, err);
        store_rollback(app->store);
        return r;
}

int pipeline_pay_export(bf_app *app, int64_t run_id, const char *format, pay_write_fn write, void *ctx,
               struct bf_error *err)
{
        int r;

        /* write only prepares the file (published after the commit), so the
         * whole transaction may run again, write with it. */
        for (int attempt = 0;; attempt++) {
                r = pay_export_once(app, run_id, format, write, ctx, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
        }
}
