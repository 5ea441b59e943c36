/* store-payments.c: paying the bills — vendors' bank-detail changes
 * waiting for a second user, payment runs with their payments and the
 * bills they settle, and bank statement lines with what they matched. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

/* --------------------------------------------------- bank-detail changes */

int store_bank_change_request(bf_store *s, const bf_bank_change *c, struct bf_error *err)
{
        static const char sql_del[] =
                "DELETE FROM bank_changes WHERE vendor_id = ?1 AND confirmed_at IS NULL";
        static const char sql[] =
                "INSERT INTO bank_changes (vendor_id, old_iban, old_bic, new_iban, new_bic,"
                " requested_by, requested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql_del, &st, err)) < 0)
                return r;
        store_bind_text(s, st, 1, c->vendor_id);
        if ((r = store_run(s, st, err, "replace a pending bank change")) < 0)
                return r;
        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, c->vendor_id);
        store_bind_text(s, st, 2, c->old_iban);
        store_bind_text(s, st, 3, c->old_bic);
        store_bind_text(s, st, 4, c->new_iban);
        store_bind_text(s, st, 5, c->new_bic);
        store_bind_text(s, st, 6, c->requested_by);
        store_bind_text(s, st, 7, now);
        return store_run(s, st, err, "record a bank change");
}

#define CHANGE_COLUMNS \
        "SELECT id, vendor_id, old_iban, old_bic, new_iban, new_bic, requested_by," \
        " requested_at, confirmed_by, confirmed_at FROM bank_changes"

static void change_from_row(bf_stmt *st, bf_bank_change *c)
{
        memset(c, 0, sizeof(*c));
        c->id = store_col_int64(st, 0);
        c->vendor_id = store_col_strdup(st, 1);
        c->old_iban = store_col_strdup(st, 2);
        c->old_bic = store_col_strdup(st, 3);
        c->new_iban = store_col_strdup(st, 4);
        c->new_bic = store_col_strdup(st, 5);
        c->requested_by = store_col_strdup(st, 6);
        c->requested_at = store_col_strdup(st, 7);
        c->confirmed_by = store_col_strdup(st, 8);
        c->confirmed_at = store_col_strdup(st, 9);
}

int store_bank_changes_load(bf_store *s, bool pending_only, bf_bank_change **ret, size_t *ret_n,
                            struct bf_error *err)
{
        static const char sql_all[] = CHANGE_COLUMNS " ORDER BY id";
        static const char sql_pending[] = CHANGE_COLUMNS " WHERE confirmed_at IS NULL ORDER BY id";
        bf_stmt *st;
        bf_bank_change *list = NULL;
        size_t n = 0;
        int r;

        if ((r = store_stmt(s, pending_only ? sql_pending : sql_all, &st, err)) < 0)
                return r;
        while ((r = store_step(s, st, err, "load bank changes")) == 1) {
                list = bf_xrealloc(list, (n + 1) * sizeof(*list));
                change_from_row(st, &list[n++]);
        }
        if (r < 0) {
                for (size_t i = 0; i < n; i++)
                        bank_change_release(&list[i]);
                free(list);
                return r;
        }
        *ret = list;
        *ret_n = n;
        return 0;
}

int store_bank_change_confirm(bf_store *s, const char *vendor_id, const char *user,
                              bf_bank_change *ret, struct bf_error *err)
{
        static const char sql_get[] =
                CHANGE_COLUMNS " WHERE vendor_id = ?1 AND confirmed_at IS NULL";
        static const char sql_done[] =
                "UPDATE bank_changes SET confirmed_by = ?2, confirmed_at = ?3 WHERE id = ?1";
        static const char sql_vendor[] =
                "UPDATE vendors SET iban = ?2, bic = ?3, updated_at = ?4 WHERE vendor_id = ?1";
        bf_stmt *st;
        bf_bank_change c;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql_get, &st, err)) < 0)
                return r;
        store_bind_text(s, st, 1, vendor_id);
        if ((r = store_step(s, st, err, "load a pending bank change")) < 0)
                return r;
        if (r == 0)
                return bf_error_set(err, BF_ENOTFOUND,
                                    "no change of bank details is waiting for vendor '%s'", vendor_id);
        change_from_row(st, &c);
        store_reset(st);
        if (c.requested_by && user && strcmp(c.requested_by, user) == 0) {
                bank_change_release(&c);
                return bf_error_set(err, BF_EINVAL,
                                    "cannot confirm vendor '%s': '%s' asked for the change, a "
                                    "second user must confirm it", vendor_id, user);
        }
        store_now(now);
        if ((r = store_stmt(s, sql_done, &st, err)) == 0) {
                store_bind_int64(s, st, 1, c.id);
                store_bind_text(s, st, 2, user);
                store_bind_text(s, st, 3, now);
                r = store_run(s, st, err, "confirm a bank change");
        }
        if (r == 0 && (r = store_stmt(s, sql_vendor, &st, err)) == 0) {
                store_bind_text(s, st, 1, vendor_id);
                store_bind_text(s, st, 2, c.new_iban);
                store_bind_text(s, st, 3, c.new_bic);
                store_bind_text(s, st, 4, now);
                r = store_run(s, st, err, "write the vendor's bank details");
        }
        if (r == 0 && ret) {
                c.confirmed_by = bf_xstrdup(user);
                c.confirmed_at = bf_xstrdup(now);
                *ret = c;
        } else {
                bank_change_release(&c);
        }
        return r;
}

/* ----------------------------------------------------------------- bills */

int store_bills_load(bf_store *s, bf_bill **ret, size_t *ret_n, struct bf_error *err)
{
        static const char sql[] =
                "SELECT i.document_id, i.vendor_id, COALESCE(v.name, i.vendor_name),"
                " i.invoice_number, i.vendor_iban, i.invoice_date, i.due_date, i.total_minor,"
                " i.total_currency, i.discount_bp, i.discount_days,"
                " CASE WHEN EXISTS (SELECT 1 FROM payment_items pi JOIN payments p"
                "   ON p.id = pi.payment_id WHERE pi.document_id = i.document_id"
                "   AND p.state = 'paid') THEN 'paid'"
                " WHEN EXISTS (SELECT 1 FROM bank_lines bl WHERE bl.document_id = i.document_id"
                "   AND bl.payment_id IS NULL AND bl.state = 'matched') THEN 'paid'"
                " WHEN EXISTS (SELECT 1 FROM payment_items pi JOIN payments p"
                "   ON p.id = pi.payment_id WHERE pi.document_id = i.document_id"
                "   AND p.state = 'open') THEN 'in_run'"
                " ELSE 'open' END,"
                /* the day the bank booked it paid: a matched, not returned
                 * line of its paid payment, else one matched to the bill */
                " COALESCE((SELECT MIN(bl.booking_date) FROM bank_lines bl"
                "   JOIN payment_items pi ON pi.payment_id = bl.payment_id"
                "   JOIN payments p ON p.id = bl.payment_id"
                "   WHERE pi.document_id = i.document_id AND bl.state = 'matched'"
                "   AND bl.returned = 0 AND p.state = 'paid'),"
                "  (SELECT MIN(bl.booking_date) FROM bank_lines bl WHERE bl.document_id = i.document_id"
                "   AND bl.payment_id IS NULL AND bl.state = 'matched'))"
                " FROM invoices i JOIN documents d ON d.id = i.document_id"
                " LEFT JOIN vendors v ON v.vendor_id = i.vendor_id"
                " WHERE d.state = 1 AND i.total_minor IS NOT NULL"
                " AND EXISTS (SELECT 1 FROM entries e WHERE e.document_id = i.document_id"
                "   AND e.reverses_id IS NULL"
                "   AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id))"
                " ORDER BY COALESCE(i.due_date, i.invoice_date), i.document_id";
        bf_stmt *st;
        bf_bill *list = NULL;
        size_t n = 0;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        while ((r = store_step(s, st, err, "load bills")) == 1) {
                bf_bill *b;
                list = bf_xrealloc(list, (n + 1) * sizeof(*list));
                b = &list[n++];
                memset(b, 0, sizeof(*b));
                b->document_id = store_col_int64(st, 0);
                b->vendor_id = store_col_strdup(st, 1);
                b->vendor_name = store_col_strdup(st, 2);
                b->invoice_number = store_col_strdup(st, 3);
                b->printed_iban = store_col_strdup(st, 4);
                b->invoice_date = store_col_date(st, 5);
                b->due_date = store_col_date(st, 6);
                b->total.minor = store_col_int64(st, 7);
                store_col_currency(st, 8, b->total.currency);
                b->discount_bp = store_col_int(st, 9);
                b->discount_days = store_col_int(st, 10);
                b->status = store_col_strdup(st, 11);
                b->paid_on = store_col_date(st, 12);
        }
        if (r < 0) {
                bills_free(list, n);
                return r;
        }
        *ret = list;
        *ret_n = n;
        return 0;
}

/* ------------------------------------------------------------------ runs */

int store_run_insert(bf_store *s, bf_pay_run *run, struct bf_error *err)
{
        static const char sql_run[] =
                "INSERT INTO pay_runs (state, pay_date, until_date, created_by, created_at)"
                " VALUES (?1, ?2, ?3, ?4, ?5)";
        static const char sql_pay[] =
                "INSERT INTO payments (run_id, vendor_id, vendor_name, iban, bic, amount_minor,"
                " discount_minor, currency, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open')";
        static const char sql_e2e[] = "UPDATE payments SET end_to_end = ?2 WHERE id = ?1";
        static const char sql_item[] =
                "INSERT INTO payment_items (payment_id, document_id, amount_minor, discount_minor)"
                " VALUES (?1, ?2, ?3, ?4)";
        bf_stmt *st;
        char now[32];
        int r;

        store_now(now);
        if ((r = store_stmt(s, sql_run, &st, err)) < 0)
                return r;
        store_bind_int64(s, st, 1, run->state);
        store_bind_date(s, st, 2, run->pay_date);
        store_bind_date(s, st, 3, run->until);
        store_bind_text(s, st, 4, run->created_by);
        store_bind_text(s, st, 5, now);
        if ((r = store_run(s, st, err, "record a payment run")) < 0)
                return r;
        run->id = store_last_id(s);
        free(run->created_at);
        run->created_at = bf_xstrdup(now);
        for (size_t i = 0; i < run->n_payments; i++) {
                bf_payment *p = &run->payments[i];
                if ((r = store_stmt(s, sql_pay, &st, err)) < 0)
                        return r;
                store_bind_int64(s, st, 1, run->id);
                store_bind_text(s, st, 2, p->vendor_id);
                store_bind_text(s, st, 3, p->vendor_name);
                store_bind_text(s, st, 4, p->iban);
                store_bind_text(s, st, 5, p->bic);
                store_bind_int64(s, st, 6, p->amount.minor);
                store_bind_int64(s, st, 7, p->discount.minor);
                store_bind_text(s, st, 8, p->amount.currency);
                if ((r = store_run(s, st, err, "record a payment")) < 0)
                        return r;
                p->id = store_last_id(s);
                free(p->end_to_end);
                p->end_to_end = bf_xasprintf("BF%" PRId64 "-%" PRId64, run->id, p->id);
                free(p->state);
                p->state = bf_xstrdup("open");
                if ((r = store_stmt(s, sql_e2e, &st, err)) < 0)
                        return r;
                store_bind_int64(s, st, 1, p->id);
                store_bind_text(s, st, 2, p->end_to_end);
                if ((r = store_run(s, st, err, "name a payment")) < 0)
                        return r;
                for (size_t k = 0; k < p->n_items; k++) {
                        if ((r = store_stmt(s, sql_item, &st, err)) < 0)
                                return r;
                        store_bind_int64(s, st, 1, p->id);
                        store_bind_int64(s, st, 2, p->items[k].document_id);
                        store_bind_int64(s, st, 3, p->items[k].amount.minor);
                        store_bind_int64(s, st, 4, p->items[k].discount.minor);
                        if ((r = store_run(s, st, err, "record a paid bill")) < 0)
                                return r;
                }
        }
        return 0;
}

#define PAYMENT_COLUMNS \
        "SELECT id, vendor_id, vendor_name, iban, bic, amount_minor, discount_minor," \
        " currency, end_to_end, state FROM payments"

static void payment_from_row(bf_stmt *st, bf_payment *p)
{
        memset(p, 0, sizeof(*p));
        p->id = store_col_int64(st, 0);
        p->vendor_id = store_col_strdup(st, 1);
        p->vendor_name = store_col_strdup(st, 2);
        p->iban = store_col_strdup(st, 3);
        p->bic = store_col_strdup(st, 4);
        p->amount.minor = store_col_int64(st, 5);
        p->discount.minor = store_col_int64(st, 6);
        store_col_currency(st, 7, p->amount.currency);
        memcpy(p->discount.currency, p->amount.currency, BF_CURRENCY_LEN);
        p->end_to_end = store_col_strdup(st, 8);
        p->state = store_col_strdup(st, 9);
}

static int load_items(bf_store *s, bf_payment *p, struct bf_error *err)
{
        static const char sql[] =
                "SELECT pi.document_id, i.invoice_number, i.invoice_date, i.due_date,"
                " i.total_minor, pi.discount_minor, pi.amount_minor"
                " FROM payment_items pi LEFT JOIN invoices i ON i.document_id = pi.document_id"
                " WHERE pi.payment_id = ?1 ORDER BY i.due_date, pi.document_id";
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_int64(s, st, 1, p->id);
        while ((r = store_step(s, st, err, "load paid bills")) == 1) {
                bf_pay_item *it;
                p->items = bf_xrealloc(p->items, (p->n_items + 1) * sizeof(*p->items));
                it = &p->items[p->n_items++];
                memset(it, 0, sizeof(*it));
                it->document_id = store_col_int64(st, 0);
                it->invoice_number = store_col_strdup(st, 1);
                it->invoice_date = store_col_date(st, 2);
                it->due_date = store_col_date(st, 3);
                it->amount.minor = store_col_int64(st, 6);
                it->discount.minor = store_col_int64(st, 5);
                it->pay.minor = it->amount.minor - it->discount.minor;
                memcpy(it->amount.currency, p->amount.currency, BF_CURRENCY_LEN);
                memcpy(it->discount.currency, p->amount.currency, BF_CURRENCY_LEN);
                memcpy(it->pay.currency, p->amount.currency, BF_CURRENCY_LEN);
        }
        return r;
}

int store_run_load(bf_store *s, int64_t run_id, bf_pay_run *ret, struct bf_error *err)
{
        static const char sql_run[] =
                "SELECT id, state, pay_date, until_date, created_by, created_at, approved_by,"
                " approved_at, exported_by, exported_at, format FROM pay_runs WHERE id = ?1";
        static const char sql_pay[] = PAYMENT_COLUMNS " WHERE run_id = ?1 ORDER BY id";
        bf_stmt *st;
        bf_pay_run run;
        int r;

        if ((r = store_one_row(s, sql_run, run_id, NULL, "payment run", &st, err)) < 0)
                return r;
        memset(&run, 0, sizeof(run));
        run.id = store_col_int64(st, 0);
        run.state = (enum bf_run_state)store_col_int(st, 1);
        run.pay_date = store_col_date(st, 2);
        run.until = store_col_date(st, 3);
        run.created_by = store_col_strdup(st, 4);
        run.created_at = store_col_strdup(st, 5);
        run.approved_by = store_col_strdup(st, 6);
        run.approved_at = store_col_strdup(st, 7);
        run.exported_by = store_col_strdup(st, 8);
        run.exported_at = store_col_strdup(st, 9);
        run.format = store_col_strdup(st, 10);
        store_reset(st);
        if ((r = store_stmt(s, sql_pay, &st, err)) < 0)
                goto fail;
        store_bind_int64(s, st, 1, run_id);
        while ((r = store_step(s, st, err, "load payments")) == 1) {
                run.payments = bf_xrealloc(run.payments, (run.n_payments + 1) * sizeof(*run.payments));
                payment_from_row(st, &run.payments[run.n_payments++]);
        }
        if (r < 0)
                goto fail;
        for (size_t i = 0; i < run.n_payments; i++)
                if ((r = load_items(s, &run.payments[i], err)) < 0)
                        goto fail;
        *ret = run;
        return 0;
fail:
        pay_run_release(&run);
        return r;
}

int store_run_set_state(bf_store *s, int64_t run_id, enum bf_run_state state, const char *user,
                        const char *format, struct bf_error *err)
{
        static const char sql_approve[] =
                "UPDATE pay_runs SET state = 1, approved_by = ?2, approved_at = ?3"
                " WHERE id = ?1 AND state = 0";
        static const char sql_export[] =
                "UPDATE pay_runs SET state = 2, exported_by = ?2, exported_at = ?3, format = ?4"
                " WHERE id = ?1 AND state = 1";
        bf_stmt *st;
        char now[32];
        int r;

        if (state != RUN_APPROVED && state != RUN_EXPORTED)
                return bf_error_set(err, BF_EINVAL, "a run can only be approved or exported");
        if ((r = store_stmt(s, state == RUN_APPROVED ? sql_approve : sql_export, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_int64(s, st, 1, run_id);
        store_bind_text(s, st, 2, user);
        store_bind_text(s, st, 3, now);
        if (state == RUN_EXPORTED)
                store_bind_text(s, st, 4, format);
        if ((r = store_run(s, st, err, "change a payment run")) < 0)
                return r;
        if (store_changes(s) != 1)
                return bf_error_set(err, BF_EINVAL, "payment run %" PRId64 " is not %s", run_id,
                                    state == RUN_APPROVED ? "waiting for approval" :
                                    "approved and not yet exported");
        return 0;
}

void store_payments_free(bf_payment *list, size_t n)
{
        bf_pay_run holder = { .payments = list, .n_payments = n };
        pay_run_release(&holder);
}

int store_payments_exported(bf_store *s, bf_payment **ret, size_t *ret_n, struct bf_error *err)
{
        static const char sql[] =
                "SELECT p.id, p.vendor_id, p.vendor_name, p.iban, p.bic, p.amount_minor,"
                " p.discount_minor, p.currency, p.end_to_end, p.state FROM payments p"
                " JOIN pay_runs r ON r.id = p.run_id WHERE r.state = 2 AND p.state <> 'returned'"
                " ORDER BY p.id";
        bf_stmt *st;
        bf_payment *list = NULL;
        size_t n = 0;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        while ((r = store_step(s, st, err, "load exported payments")) == 1) {
                list = bf_xrealloc(list, (n + 1) * sizeof(*list));
                payment_from_row(st, &list[n++]);
        }
        for (size_t i = 0; r == 0 && i < n; i++)
                r = load_items(s, &list[i], err);
        if (r < 0) {
                store_payments_free(list, n);
                return r;
        }
        *ret = list;
        *ret_n = n;
        return 0;
}

int store_payment_set_state(bf_store *s, int64_t payment_id, const char *state,
                            struct bf_error *err)
{
        static const char sql[] = "UPDATE payments SET state = ?2 WHERE id = ?1";
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_int64(s, st, 1, payment_id);
        store_bind_text(s, st, 2, state);
        return store_run(s, st, err, "change a payment");
}

int64_t store_payment_run(bf_store *s, int64_t payment_id, struct bf_error *err)
{
        static const char sql[] = "SELECT run_id FROM payments WHERE id = ?1";
        bf_stmt *st;
        int64_t id = 0;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_int64(s, st, 1, payment_id);
        if ((r = store_step(s, st, err, "find a payment")) < 0)
                return r;
        if (r == 1)
                id = store_col_int64(st, 0);
        store_reset(st);
        return id;
}

/* ------------------------------------------------------------ bank lines */

int store_bank_line_insert(bf_store *s, bf_bank_line *l, struct bf_error *err)
{
        static const char sql_has[] = "SELECT id FROM bank_lines WHERE line_key = ?1";
        static const char sql[] =
                "INSERT INTO bank_lines (line_key, account_iban, booking_date, amount_minor,"
                " currency, counter_iban, counter_name, reference, end_to_end, returned, state,"
                " reason, detail, payment_id, document_id, imported_at)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql_has, &st, err)) < 0)
                return r;
        store_bind_text(s, st, 1, l->line_key);
        if ((r = store_step(s, st, err, "look a bank line up")) < 0)
                return r;
        if (r == 1) {
                l->id = store_col_int64(st, 0);
                store_reset(st);
                return bf_error_set(err, BF_EEXIST, "bank line '%s' was imported before", l->line_key);
        }
        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, l->line_key);
        store_bind_text(s, st, 2, l->account_iban);
        store_bind_date(s, st, 3, l->booking_date);
        store_bind_int64(s, st, 4, l->amount.minor);
        store_bind_text(s, st, 5, l->amount.currency);
        store_bind_text(s, st, 6, l->counter_iban);
        store_bind_text(s, st, 7, l->counter_name);
        store_bind_text(s, st, 8, l->reference);
        store_bind_text(s, st, 9, l->end_to_end);
        store_bind_int64(s, st, 10, l->returned ? 1 : 0);
        store_bind_text(s, st, 11, l->state);
        store_bind_text(s, st, 12, l->reason);
        store_bind_text(s, st, 13, l->detail);
        store_bind_id(s, st, 14, l->payment_id);
        store_bind_id(s, st, 15, l->document_id);
        store_bind_text(s, st, 16, now);
        if ((r = store_run(s, st, err, "record a bank line")) < 0)
                return r;
        l->id = store_last_id(s);
        return 0;
}

#define LINE_COLUMNS \
        "SELECT id, line_key, account_iban, booking_date, amount_minor, currency," \
        " counter_iban, counter_name, reference, end_to_end, returned, state, reason, detail," \
        " payment_id, document_id, imported_at FROM bank_lines"

static void line_from_row(bf_stmt *st, bf_bank_line *l)
{
        memset(l, 0, sizeof(*l));
        l->id = store_col_int64(st, 0);
        l->line_key = store_col_strdup(st, 1);
        l->account_iban = store_col_strdup(st, 2);
        l->booking_date = store_col_date(st, 3);
        l->amount.minor = store_col_int64(st, 4);
        store_col_currency(st, 5, l->amount.currency);
        l->counter_iban = store_col_strdup(st, 6);
        l->counter_name = store_col_strdup(st, 7);
        l->reference = store_col_strdup(st, 8);
        l->end_to_end = store_col_strdup(st, 9);
        l->returned = store_col_int(st, 10) != 0;
        l->state = store_col_strdup(st, 11);
        l->reason = store_col_strdup(st, 12);
        l->detail = store_col_strdup(st, 13);
        l->payment_id = store_col_int64(st, 14);
        l->document_id = store_col_int64(st, 15);
        l->imported_at = store_col_strdup(st, 16);
}

void store_bank_lines_free(bf_bank_line *list, size_t n)
{
        for (size_t i = 0; list && i < n; i++)
                bank_line_release(&list[i]);
        free(list);
}

int store_bank_lines_load(bf_store *s, bool open_only, bf_bank_line **ret, size_t *ret_n,
                          struct bf_error *err)
{
        static const char sql_all[] = LINE_COLUMNS " ORDER BY id";
        static const char sql_open[] = LINE_COLUMNS " WHERE state = 'open' ORDER BY id";
        bf_stmt *st;
        bf_bank_line *list = NULL;
        size_t n = 0;
        int r;

        if ((r = store_stmt(s, open_only ? sql_open : sql_all, &st, err)) < 0)
                return r;
        while ((r = store_step(s, st, err, "load bank lines")) == 1) {
                list = bf_xrealloc(list, (n + 1) * sizeof(*list));
                line_from_row(st, &list[n++]);
        }
        if (r < 0) {
                store_bank_lines_free(list, n);
                return r;
        }
        *ret = list;
        *ret_n = n;
        return 0;
}

int store_bank_line_get(bf_store *s, int64_t id, bf_bank_line *ret, struct bf_error *err)
{
        static const char sql[] = LINE_COLUMNS " WHERE id = ?1";
        bf_stmt *st;
        int r;

        if ((r = store_one_row(s, sql, id, NULL, "bank line", &st, err)) < 0)
                return r;
        line_from_row(st, ret);
        store_reset(st);
        return 0;
}

int store_bank_line_update(bf_store *s, const bf_bank_line *l, const char *user,
                           struct bf_error *err)
{
        static const char sql[] =
                "UPDATE bank_lines SET state = ?2, reason = ?3, detail = ?4, payment_id = ?5,"
                " document_id = ?6, matched_by = ?7 WHERE id = ?1";
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_int64(s, st, 1, l->id);
        store_bind_text(s, st, 2, l->state);
        store_bind_text(s, st, 3, l->reason);
        store_bind_text(s, st, 4, l->detail);
        store_bind_id(s, st, 5, l->payment_id);
        store_bind_id(s, st, 6, l->document_id);
        store_bind_text(s, st, 7, user);
        return store_run(s, st, err, "change a bank line");
}

int64_t store_entry_by_key(bf_store *s, const char *posting_key, struct bf_error *err)
{
        static const char sql[] = "SELECT id FROM entries WHERE posting_key = ?1";
        bf_stmt *st;
        int64_t id = 0;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_text(s, st, 1, posting_key);
        if ((r = store_step(s, st, err, "find an entry")) < 0)
                return r;
        if (r == 1)
                id = store_col_int64(st, 0);
        store_reset(st);
        return id;
}

int64_t store_payment_run_date(bf_store *s, int64_t payment_id, bf_date *ret, struct bf_error *err)
{
        static const char sql[] =
                "SELECT r.pay_date FROM payments p JOIN pay_runs r ON r.id = p.run_id WHERE p.id = ?1";
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_int64(s, st, 1, payment_id);
        if ((r = store_step(s, st, err, "find a payment's run")) < 0)
                return r;
        *ret = r == 1 ? store_col_date(st, 0) : (bf_date){ 0, 0, 0 };
        store_reset(st);
        return 0;
}

int store_bank_lines_open_count(bf_store *s, int64_t *ret_n, char ret_oldest[32],
                                struct bf_error *err)
{
        static const char sql[] =
                "SELECT COUNT(*), COALESCE(MIN(imported_at), '') FROM bank_lines WHERE state = 'open'";
        bf_stmt *q;
        int r;

        *ret_n = 0;
        ret_oldest[0] = '\0';
        if ((r = store_stmt(s, sql, &q, err)) < 0)
                return r;
        r = store_step(s, q, err, "count open bank lines");
        if (r == 1) {
                char *oldest = store_col_strdup(q, 1);
                *ret_n = store_col_int64(q, 0);
                g_strlcpy(ret_oldest, oldest ? oldest : "", 32);
                free(oldest);
        }
        store_reset(q);
        return r < 0 ? r : 0;
}
