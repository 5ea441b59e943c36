/* bank.c: bank statements matched back to the bills — each line to a
 * payment of an exported run (end-to-end id, else IBAN, amount and date),
 * else to a bill (amount with its invoice number or the vendor's IBAN),
 * else into the exception queue with its reason; matching by hand; and the
 * aged payables with the cash needed by week. */
#include <ctype.h>
#include <string.h>

#include <glib.h>

#include "capture/capture.h"
#include "pipeline/pipeline-int.h"
#include "store/store.h"

/* Does text hold word on its own (not inside a longer id: "BF1-2" is not
 * in "BF1-21")? Case-blind. */
static bool has_token(const char *text, const char *word)
{
        size_t n = word ? strlen(word) : 0;
        if (!text || n < 3)
                return false;
        for (const char *p = text; (p = strcasestr(p, word)); p++) {
                bool before = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '-');
                bool after = !(isalnum((unsigned char)p[n]) || p[n] == '-');
                if (before && after)
                        return true;
        }
        return false;
}

const char *const pipeline_bank_reasons[] = {
        "unmatched",            /* answers no payment and no bill */
        "partial_payment",      /* less than its payment */
        "overpayment",          /* more than its payment */
        "payment_returned",     /* the bank sent a transfer back */
        NULL,
};

/* Sets a line's state, reason and detail (taking detail); state and reason
 * may be the line's own strings. reason is one of pipeline_bank_reasons,
 * or NULL for a matched line. */
static void set_line(bf_bank_line *l, const char *state, const char *reason, char *detail)
{
        char *new_state = bf_xstrdup(state), *new_reason = bf_xstrdup(reason);

        free(l->state);
        free(l->reason);
        free(l->detail);
        l->state = new_state;
        l->reason = new_reason;
        l->detail = detail;
}

/* Reverses the entries that paid p's bills (a returned payment). */
static int reverse_payment(bf_app *app, const bf_payment *p, const char *why, struct bf_error *err)
{
        for (size_t k = 0; k < p->n_items; k++) {
                g_autofree char *key = g_strdup_printf("pay:%" PRId64 ":%" PRId64, p->id, p->items[k].document_id);
                int64_t id = store_entry_by_key(app->store, key, err);
                if (id < 0)
                        return (int)id;
                if (id == 0 || store_entry_reversed_by(app->store, id) > 0)
                        continue;
                int r = pipeline_ledger_reverse(app, id, why, NULL, err);
                if (r < 0)
                        return r;
        }
        return 0;
}

/* Posts a bill paid straight from the bank (no run): Dr payable, Cr bank. */
static int post_direct(bf_app *app, const bf_bank_line *l, const bf_bill *b, struct bf_error *err)
{
        bf_journal_entry e;
        bf_money bank = l->amount; /* negative: money out */
        int r;

        entry_init(&e);
        e.date = l->booking_date;
        e.description = g_strdup_printf("Bank payment to %s: %s", b->vendor_name ? b->vendor_name : "?",
                                        b->invoice_number ? b->invoice_number : "");
        e.vendor_id = bf_xstrdup(b->vendor_id);
        e.invoice_number = bf_xstrdup(b->invoice_number);
        e.posting_key = g_strdup_printf("bank:%" PRId64, l->id);
        entry_add_posting(&e, app->cfg.payable_account, b->total, "bank statement");
        entry_add_posting(&e, app->cfg.pay_bank_account, bank, "bank statement");
        r = store_entry_insert(app->store, &e, err);
        entry_release(&e);
        return r;
}

static bf_payment *find_by_reference(bf_payment *pays, size_t n, const bf_bank_line *l)
{
        for (size_t i = 0; i < n; i++) {
                const char *e2e = pays[i].end_to_end;
                if ((l->end_to_end && g_ascii_strcasecmp(l->end_to_end, e2e) == 0) || has_token(l->reference, e2e))
                        return &pays[i];
        }
        return NULL;
}

/* Decides what line l is; effects on payments are made in memory and
 * listed in *ret_effect: 1 payment paid, 2 payment returned. */
static void decide(bf_app *app, bf_bank_line *l, bf_payment *pays, size_t n_pays, const bf_bill *bills,
                   size_t n_bills, bf_payment **ret_pay, const bf_bill **ret_bill)
{
        char a[32], b[32];
        bf_payment *p = find_by_reference(pays, n_pays, l);

        *ret_pay = NULL;
        *ret_bill = NULL;
        money_format(l->amount, a, sizeof(a));
        if (l->amount.minor > 0) {
                if (p && strcmp(p->state, "returned") != 0) {
                        *ret_pay = p;
                        l->payment_id = p->id;
                        set_line(l, "open", "payment_returned",
                                 bf_xasprintf("payment %s to %s (%s %s) came back%s%s", p->end_to_end,
                                              p->vendor_id, a, l->amount.currency,
                                              l->reference ? ": " : "", l->reference ? l->reference : ""));
                        return;
                }
                set_line(l, "open", "unmatched",
                         bf_xasprintf("money in (%s %s) that answers no payment", a, l->amount.currency));
                return;
        }
        if (!p) {
                /* no reference: the one open payment to this IBAN, of this
                 * amount, within the date window */
                bf_payment *only = NULL;
                int found = 0;
                for (size_t i = 0; i < n_pays; i++) {
                        bf_payment *q = &pays[i];
                        bf_date d;
                        if (strcmp(q->state, "open") != 0 || !l->counter_iban || g_strcmp0(q->iban, l->counter_iban) != 0 ||
                            q->amount.minor != -l->amount.minor)
                                continue;
                        if (store_payment_run_date(app->store, q->id, &d, NULL) < 0 || !date_is_set(d) ||
                            !date_is_set(l->booking_date) ||
                            llabs(date_to_days(l->booking_date) - date_to_days(d)) > app->cfg.bank_match_days)
                                continue;
                        only = q;
                        found++;
                }
                if (found == 1)
                        p = only;
        }
        if (p && strcmp(p->state, "open") == 0) {
                *ret_pay = p;
                l->payment_id = p->id;
                money_format(p->amount, b, sizeof(b));
                if (p->amount.minor == -l->amount.minor && strcmp(p->amount.currency, l->amount.currency) == 0)
                        set_line(l, "matched", NULL, bf_xasprintf("payment %s", p->end_to_end));
                else
                        set_line(l, "open", -l->amount.minor < p->amount.minor ? "partial_payment" : "overpayment",
                                 bf_xasprintf("payment %s to %s was %s %s, the bank took %s %s", p->end_to_end,
                                              p->vendor_id, b, p->amount.currency, a + 1, l->amount.currency));
                return;
        }
        if (p) {
                set_line(l, "open", "unmatched",
                         bf_xasprintf("payment %s was reconciled already", p->end_to_end));
                return;
        }
        /* a bill paid outside billflow's runs: its amount, with its number
         * in the reference or to the vendor's account */
        for (size_t i = 0; i < n_bills; i++) {
                const bf_bill *bl = &bills[i];
                const bf_vendor *v = pipeline_find_vendor(app, bl->vendor_id);
                if (strcmp(bl->status, "open") != 0 || bl->total.minor != -l->amount.minor ||
                    strcmp(bl->total.currency, l->amount.currency) != 0)
                        continue;
                if (has_token(l->reference, bl->invoice_number) ||
                    (v && v->iban && l->counter_iban && strcmp(v->iban, l->counter_iban) == 0)) {
                        *ret_bill = bl;
                        l->document_id = bl->document_id;
                        set_line(l, "matched", NULL, bf_xasprintf("bill %s of %s", bl->invoice_number ?
                                                                  bl->invoice_number : "?", bl->vendor_id));
                        return;
                }
        }
        set_line(l, "open", "unmatched",
                 bf_xasprintf("money out (%s %s) that matches no payment or bill", a + 1, l->amount.currency));
}

static int bank_import_once(bf_app *app, const void *data, size_t len, const char *name,
                struct bank_import_result *ret, struct bf_error *err)
{
        struct bank_import_result res = { 0 };
        bf_bank_line *lines = NULL;
        bf_payment *pays = NULL;
        bf_bill *bills = NULL;
        size_t n = 0, n_pays = 0, n_bills = 0;
        int r;

        if (bank_statement_parse(data, len, app->cfg.bank_csv_columns, &lines, &n, err) < 0)
                return bf_error_prefix(err, "'%s'", name);
        if ((r = store_begin(app->store, err)) < 0)
                goto done;
        if ((r = store_payments_exported(app->store, &pays, &n_pays, err)) < 0 ||
            (r = store_bills_load(app->store, &bills, &n_bills, err)) < 0)
                goto out;
        res.lines = n;
        for (size_t i = 0; i < n && r == 0; i++) {
                bf_bank_line *l = &lines[i];
                bf_payment *p;
                const bf_bill *b;

                decide(app, l, pays, n_pays, bills, n_bills, &p, &b);
                r = store_bank_line_insert(app->store, l, err);
                if (r == BF_EEXIST) {
                        res.already++;
                        r = 0;
                        continue;
                }
                if (r < 0)
                        break;
                res.added++;
                if (strcmp(l->state, "matched") == 0)
                        res.matched++;
                else
                        res.queued++;
                if (p && l->reason && strcmp(l->reason, "payment_returned") == 0) {
                        free(p->state);
                        p->state = bf_xstrdup("returned");
                        r = store_payment_set_state(app->store, p->id, "returned", err);
                        if (r == 0)
                                r = reverse_payment(app, p, "payment returned by the bank", err);
                } else if (p && strcmp(l->state, "matched") == 0) {
                        free(p->state);
                        p->state = bf_xstrdup("paid");
                        r = store_payment_set_state(app->store, p->id, "paid", err);
                } else if (b) {
                        r = post_direct(app, l, b, err);
                        bf_bill *paid = &bills[b - bills]; /* decide() points into bills */
                        free(paid->status);
                        paid->status = bf_xstrdup("paid");
                }
        }
        if (r == 0) {
                g_autofree char *what = g_strdup_printf("%zu lines: %zu new, %zu matched, %zu queued", res.lines,
                                                        res.added, res.matched, res.queued);
                r = store_audit(app->store, app->user, "bank_import", 0, name, NULL, what, err);
        }
out:
        store_payments_free(pays, n_pays);
        bills_free(bills, n_bills);
        if (r == 0)
                r = store_commit(app->store, err);
        else
                store_rollback(app->store);
done:
        for (size_t i = 0; i < n; i++)
                bank_line_release(&lines[i]);
        g_free(lines);
        if (r == 0 && ret)
                *ret = res;
        return r;
}

int pipeline_bank_import(bf_app *app, const void *data, size_t len, const char *name,
                struct bank_import_result *ret, struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = bank_import_once(app, data, len, name, ret, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
        }
}

int pipeline_bank_lines_list(bf_app *app, bool open_only, bf_bank_line **ret, size_t *ret_n,
                    struct bf_error *err)
{
        return store_bank_lines_load(app->store, open_only, ret, ret_n, err);
}

void pipeline_bank_lines_free(bf_bank_line *list, size_t n)
{
        store_bank_lines_free(list, n);
}

static int bank_match_once(bf_app *app, int64_t line_id, enum bank_match_kind kind, int64_t target, const char *note,
               struct bf_error *err)
{
        bf_bank_line l = { 0 };
        bf_payment *pays = NULL;
        bf_bill *bills = NULL;
        size_t n_pays = 0, n_bills = 0;
        g_autofree char *what = NULL;
        int r;

        if ((r = store_begin(app->store, err)) < 0)
                return r;
        if ((r = store_bank_line_get(app->store, line_id, &l, err)) < 0)
                goto out;
        if (strcmp(l.state, "open") != 0) {
                r = bf_error_set(err, BF_EINVAL, "bank line %" PRId64 " is %s already", line_id, l.state);
                goto out;
        }
        if ((r = store_payments_exported(app->store, &pays, &n_pays, err)) < 0 ||
            (r = store_bills_load(app->store, &bills, &n_bills, err)) < 0)
                goto out;
        if (kind == BANK_MATCH_IGNORE) {
                set_line(&l, "ignored", l.reason, bf_xasprintf("%s%s%s", l.detail ? l.detail : "",
                                                              l.detail ? "; " : "", note ? note : "ignored"));
                what = g_strdup_printf("line %" PRId64 " ignored: %s", line_id, note ? note : "");
        } else if (kind == BANK_MATCH_PAYMENT && l.reason && strcmp(l.reason, "payment_returned") == 0 &&
                   target == l.payment_id) {
                /* the return acknowledged: its payment is returned already,
                 * its bills open to be paid again */
                set_line(&l, "matched", l.reason, bf_xasprintf("%s; acknowledged%s%s", l.detail ? l.detail : "",
                                                                note ? ": " : "", note ? note : ""));
                what = g_strdup_printf("line %" PRId64 ": return of payment %" PRId64 " acknowledged", line_id,
                                       target);
        } else if (kind == BANK_MATCH_PAYMENT) {
                bf_payment *p = NULL;
                for (size_t i = 0; i < n_pays; i++)
                        if (pays[i].id == target)
                                p = &pays[i];
                if (!p) {
                        r = bf_error_set(err, BF_ENOTFOUND, "no exported payment %" PRId64 " that is not returned",
                                         target);
                        goto out;
                }
                if (l.reason && strcmp(l.reason, "payment_returned") == 0) {
                        /* a return confirmed by hand: the payment came back */
                        if ((r = store_payment_set_state(app->store, p->id, "returned", err)) < 0 ||
                            (r = reverse_payment(app, p, "payment returned by the bank", err)) < 0)
                                goto out;
                } else if ((r = store_payment_set_state(app->store, p->id, "paid", err)) < 0) {
                        goto out;
                }
                l.payment_id = p->id;
                set_line(&l, "matched", NULL, bf_xasprintf("payment %s, matched by hand%s%s", p->end_to_end,
                                                            note ? ": " : "", note ? note : ""));
                what = g_strdup_printf("line %" PRId64 " -> payment %s", line_id, p->end_to_end);
        } else {
                const bf_bill *b = NULL;
                for (size_t i = 0; i < n_bills; i++)
                        if (bills[i].document_id == target)
                                b = &bills[i];
                if (!b || strcmp(b->status, "paid") == 0) {
                        r = bf_error_set(err, BF_ENOTFOUND, "document %" PRId64 " is no unpaid posted bill", target);
                        goto out;
                }
                if (l.amount.minor >= 0) {
                        r = bf_error_set(err, BF_EINVAL, "bank line %" PRId64 " is money in; a bill is paid by money out",
                                         line_id);
                        goto out;
                }
                if ((r = post_direct(app, &l, b, err)) < 0)
                        goto out;
                l.document_id = b->document_id;
                set_line(&l, "matched", NULL, bf_xasprintf("bill %s, matched by hand%s%s",
                                                            b->invoice_number ? b->invoice_number : "?",
                                                            note ? ": " : "", note ? note : ""));
                what = g_strdup_printf("line %" PRId64 " -> document %" PRId64, line_id, target);
        }
        if ((r = store_bank_line_update(app->store, &l, app->user, err)) == 0)
                r = store_audit(app->store, app->user, "bank_match", kind == BANK_MATCH_DOCUMENT ? target : 0,
                                "bank_line", NULL, what, err);
out:
        bank_line_release(&l);
        store_payments_free(pays, n_pays);
        bills_free(bills, n_bills);
        if (r == 0)
                return store_commit(app->store, err);
        store_rollback(app->store);
        return r;
}

int pipeline_bank_match(bf_app *app, int64_t line_id, enum bank_match_kind kind, int64_t target, const char *note,
               struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = bank_match_once(app, line_id, kind, target, note, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
        }
}

/* ------------------------------------------------------------- payables */

static const char *const bucket_names[PAYABLES_BUCKETS] = { "current", "1-30", "31-60", "61-90", "90+" };

const char *pipeline_payables_bucket_name(int i)
{
        return i >= 0 && i < PAYABLES_BUCKETS ? bucket_names[i] : "?";
}

void pipeline_payables_release(struct payables_report *p)
{
        if (!p)
                return;
        for (size_t i = 0; i < p->n_rows; i++) {
                g_free(p->rows[i].vendor_id);
                g_free(p->rows[i].vendor_name);
        }
        g_free(p->rows);
        g_free(p->weeks);
        memset(p, 0, sizeof(*p));
}

int pipeline_payables_build(bf_app *app, bf_date as_of, struct payables_report *ret, struct bf_error *err)
{
        struct payables_report rep = { .as_of = as_of };
        bf_bill *bills = NULL;
        size_t n = 0;
        int r;

        if ((r = store_bills_load(app->store, &bills, &n, err)) < 0)
                return r;
        int64_t today = date_to_days(as_of);
        /* Monday of as_of's week: 1970-01-01 was a Thursday */
        int64_t week0 = today - ((today + 3) % 7 + 7) % 7;
        for (size_t i = 0; i < n && r == 0; i++) {
                const bf_bill *b = &bills[i];
                /* open on as_of: issued by then and not paid by then (a
                 * bill the bank booked paid after as_of was still owed) */
                bool paid = strcmp(b->status, "paid") == 0 &&
                            (!date_is_set(b->paid_on) || date_to_days(b->paid_on) <= today);
                if (paid || !date_is_set(b->invoice_date) || date_to_days(b->invoice_date) > today)
                        continue;
                bf_date due = date_is_set(b->due_date) ? b->due_date : b->invoice_date;
                int64_t late = today - date_to_days(due);
                int k = late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4;
                struct payables_row *row = NULL;
                for (size_t j = 0; j < rep.n_rows; j++)
                        if (g_strcmp0(rep.rows[j].vendor_id, b->vendor_id) == 0 &&
                            strcmp(rep.rows[j].total.currency, b->total.currency) == 0)
                                row = &rep.rows[j];
                if (!row) {
                        rep.rows = g_renew(struct payables_row, rep.rows, rep.n_rows + 1);
                        row = &rep.rows[rep.n_rows++];
                        memset(row, 0, sizeof(*row));
                        row->vendor_id = g_strdup(b->vendor_id ? b->vendor_id : "?");
                        row->vendor_name = g_strdup(b->vendor_name);
                        for (int q = 0; q < PAYABLES_BUCKETS; q++)
                                memcpy(row->bucket[q].currency, b->total.currency, BF_CURRENCY_LEN);
                        memcpy(row->total.currency, b->total.currency, BF_CURRENCY_LEN);
                }
                if (money_add(row->bucket[k], b->total, &row->bucket[k]) < 0 ||
                    money_add(row->total, b->total, &row->total) < 0) {
                        r = bf_error_set(err, BF_EINVAL, "the payables of '%s' overflow", row->vendor_id);
                        break;
                }
                /* cash by week: due this week or before is needed now */
                int64_t d = date_to_days(due);
                int64_t wk = d <= week0 ? week0 : d - ((d + 3) % 7 + 7) % 7;
                struct payables_week *w = NULL;
                for (size_t j = 0; j < rep.n_weeks; j++)
                        if (date_to_days(rep.weeks[j].start) == wk &&
                            strcmp(rep.weeks[j].amount.currency, b->total.currency) == 0)
                                w = &rep.weeks[j];
                if (!w) {
                        rep.weeks = g_renew(struct payables_week, rep.weeks, rep.n_weeks + 1);
                        w = &rep.weeks[rep.n_weeks++];
                        w->start = date_from_days(wk);
                        w->amount = (bf_money){ 0, "" };
                        memcpy(w->amount.currency, b->total.currency, BF_CURRENCY_LEN);
                }
                if (money_add(w->amount, b->total, &w->amount) < 0)
                        r = bf_error_set(err, BF_EINVAL, "the cash needed overflows");
        }
        bills_free(bills, n);
        if (r < 0) {
                pipeline_payables_release(&rep);
                return r;
        }
        /* weeks in order */
        for (size_t i = 1; i < rep.n_weeks; i++)
                for (size_t j = i; j > 0 && date_to_days(rep.weeks[j - 1].start) > date_to_days(rep.weeks[j].start); j--) {
                        struct payables_week t = rep.weeks[j];
                        rep.weeks[j] = rep.weeks[j - 1];
                        rep.weeks[j - 1] = t;
                }
        *ret = rep;
        return 0;
}
