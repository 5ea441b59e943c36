/* store-master.c: master data — vendors with their aliases, purchase orders
 * and their lines, goods receipts — and what posted invoices billed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

/* ------------------------------------------------------------- vendors */

static void bind_opt_decimal(bf_store *s, bf_stmt *st, int i, bool has, bf_decimal d)
{
        if (has)
                store_bind_decimal(s, st, i, d);
        else
                store_bind_null(s, st, i);
}

static int vendor_upsert(bf_store *s, const bf_vendor *v, struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO vendors (vendor_id, name, currency, payment_terms_days,"
                " default_account, po_required, tax_id, iban, price_tolerance_pct,"
                " amount_tolerance, auto_post_limit, updated_at, language, bic, discount_bp, discount_days,"
                " cost_centre)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
                " ON CONFLICT (vendor_id) DO UPDATE SET name = excluded.name,"
                " currency = excluded.currency,"
                " payment_terms_days = excluded.payment_terms_days,"
                " default_account = excluded.default_account,"
                " po_required = excluded.po_required, tax_id = excluded.tax_id,"
                " iban = excluded.iban, price_tolerance_pct = excluded.price_tolerance_pct,"
                " amount_tolerance = excluded.amount_tolerance,"
                " auto_post_limit = excluded.auto_post_limit,"
                " updated_at = excluded.updated_at, language = excluded.language, bic = excluded.bic,"
                " discount_bp = excluded.discount_bp, discount_days = excluded.discount_days,"
                " cost_centre = excluded.cost_centre";
        static const char sql_del[] = "DELETE FROM vendor_aliases WHERE vendor_id = ?1";
        static const char sql_alias[] =
                "INSERT INTO vendor_aliases (vendor_id, seq, alias) VALUES (?1, ?2, ?3)";
        bf_stmt *st;
        char now[32];
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, v->vendor_id);
        store_bind_text(s, st, 2, v->name);
        store_bind_text(s, st, 3, v->currency);
        if (v->payment_terms_days >= 0)
                store_bind_int64(s, st, 4, v->payment_terms_days);
        store_bind_text(s, st, 5, v->default_account);
        store_bind_int64(s, st, 6, v->po_required ? 1 : 0);
        store_bind_text(s, st, 7, v->tax_id);
        store_bind_text(s, st, 8, v->iban);
        bind_opt_decimal(s, st, 9, v->has_price_tolerance_pct, v->price_tolerance_pct);
        bind_opt_decimal(s, st, 10, v->has_amount_tolerance, v->amount_tolerance);
        bind_opt_decimal(s, st, 11, v->has_auto_post_limit, v->auto_post_limit);
        store_bind_text(s, st, 12, now);
        store_bind_text(s, st, 13, v->language[0] ? v->language : NULL);
        store_bind_text(s, st, 14, v->bic);
        store_bind_int64(s, st, 15, v->discount_bp);
        store_bind_int64(s, st, 16, v->discount_days);
        store_bind_text(s, st, 17, v->cost_centre);
        r = store_run(s, st, err, "save vendor");
        if (r < 0)
                return r;

        r = store_stmt(s, sql_del, &st, err);
        if (r < 0)
                return r;
        store_bind_text(s, st, 1, v->vendor_id);
        r = store_run(s, st, err, "replace vendor aliases");
        if (r < 0)
                return r;
        for (size_t i = 0; i < v->n_aliases; i++) {
                if (!v->aliases[i] || !v->aliases[i][0])
                        continue;
                r = store_stmt(s, sql_alias, &st, err);
                if (r < 0)
                        return r;
                store_bind_text(s, st, 1, v->vendor_id);
                store_bind_int64(s, st, 2, (int64_t)i + 1);
                store_bind_text(s, st, 3, v->aliases[i]);
                r = store_run(s, st, err, "save vendor alias");
                if (r < 0)
                        return r;
        }
        return 0;
}

int store_vendor_upsert(bf_store *s, const bf_vendor *v, struct bf_error *err)
{
        int r;

        if (!v->vendor_id || !v->vendor_id[0] || !v->name)
                return bf_error_set(err, BF_EINVAL, "cannot save vendor: no id or name");
        r = store_begin(s, err);
        if (r < 0)
                return r;
        r = vendor_upsert(s, v, err);
        if (r < 0) {
                store_rollback(s);
                bf_error_prefix(err, "vendor '%s'", v->vendor_id);
                return r;
        }
        return store_commit(s, err);
}

#define VENDOR_COLUMNS \
        "SELECT vendor_id, name, currency, payment_terms_days, default_account," \
        " po_required, tax_id, iban, price_tolerance_pct, amount_tolerance," \
        " auto_post_limit, language, bic, discount_bp, discount_days, cost_centre FROM vendors"

static int col_opt_decimal(bf_stmt *st, int i, bool *has, bf_decimal *d,
                           struct bf_error *err)
{
        *has = !store_col_is_null(st, i);
        return *has ? store_col_decimal(st, i, d, err) : 0;
}

static int load_aliases(bf_store *s, bf_vendor *v, struct bf_error *err)
{
        static const char sql[] =
                "SELECT alias FROM vendor_aliases WHERE vendor_id = ?1 ORDER BY seq";
        bf_stmt *st;
        size_t cap = 0;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_text(s, st, 1, v->vendor_id);
        while ((r = store_step(s, st, err, "load vendor aliases")) == 1) {
                if (v->n_aliases == cap) {
                        cap = cap ? cap * 2 : 4;
                        v->aliases = bf_xrealloc(v->aliases, cap * sizeof(char *));
                }
                v->aliases[v->n_aliases++] = store_col_strdup(st, 0);
        }
        store_reset(st);
        return r;
}

static int cmp_vendor_ptr(const void *a, const void *b)
{
        const bf_vendor *x = *(const bf_vendor *const *)a, *y = *(const bf_vendor *const *)b;
        return strcmp(x->vendor_id, y->vendor_id);
}

static int cmp_id_vendor_ptr(const void *key, const void *elem)
{
        return strcmp(key, (*(const bf_vendor *const *)elem)->vendor_id);
}

/* Every vendor's aliases in one statement (one a vendor cost a query per
 * vendor on every command), each found by its vendor id in a sorted view. */
static int load_all_aliases(bf_store *s, bf_vendor *list, size_t n, struct bf_error *err)
{
        static const char sql[] =
                "SELECT vendor_id, alias FROM vendor_aliases ORDER BY vendor_id, seq";
        bf_vendor **by_id = bf_xmalloc((n ? n : 1) * sizeof(*by_id));
        size_t *cap = bf_xcalloc(n ? n : 1, sizeof(*cap));
        bf_stmt *st;
        int r;

        for (size_t i = 0; i < n; i++)
                by_id[i] = &list[i];
        qsort(by_id, n, sizeof(*by_id), cmp_vendor_ptr);
        if ((r = store_stmt(s, sql, &st, err)) == 0) {
                while ((r = store_step(s, st, err, "load vendor aliases")) == 1) {
                        const char *id = store_col_text(st, 0);
                        bf_vendor **hit;
                        if (!id)
                                continue;
                        hit = bsearch(id, by_id, n, sizeof(*by_id), cmp_id_vendor_ptr);
                        if (!hit)
                                continue;
                        bf_vendor *v = *hit;
                        size_t *c = &cap[hit - by_id];
                        if (v->n_aliases == *c) {
                                *c = *c ? *c * 2 : 4;
                                v->aliases = bf_xrealloc(v->aliases, *c * sizeof(char *));
                        }
                        v->aliases[v->n_aliases++] = store_col_strdup(st, 1);
                }
                store_reset(st);
        }
        free(cap);
        free(by_id);
        return r;
}

/* Fills v from a VENDOR_COLUMNS row, aliases not yet. */
static int vendor_from_row(bf_stmt *st, bf_vendor *v, struct bf_error *err)
{
        int r;

        vendor_init(v);
        v->vendor_id = store_col_strdup(st, 0);
        v->name = store_col_strdup(st, 1);
        store_col_currency(st, 2, v->currency);
        if (!store_col_is_null(st, 3))
                v->payment_terms_days = store_col_int(st, 3);
        v->default_account = store_col_strdup(st, 4);
        v->po_required = store_col_int(st, 5) != 0;
        v->tax_id = store_col_strdup(st, 6);
        v->iban = store_col_strdup(st, 7);
        if (!store_col_is_null(st, 11))
                snprintf(v->language, sizeof(v->language), "%s",
                         store_col_text(st, 11));
        v->bic = store_col_strdup(st, 12);
        v->discount_bp = store_col_int(st, 13);
        v->discount_days = store_col_int(st, 14);
        v->cost_centre = store_col_strdup(st, 15);
        r = col_opt_decimal(st, 8, &v->has_price_tolerance_pct, &v->price_tolerance_pct, err);
        if (r == 0)
                r = col_opt_decimal(st, 9, &v->has_amount_tolerance, &v->amount_tolerance, err);
        if (r == 0)
                r = col_opt_decimal(st, 10, &v->has_auto_post_limit, &v->auto_post_limit, err);
        return r;
}

int store_vendors_load(bf_store *s, bf_vendor **ret_vendors, size_t *ret_n,
                       struct bf_error *err)
{
        static const char sql[] = VENDOR_COLUMNS " ORDER BY vendor_id";
        bf_stmt *st;
        bf_vendor *list = NULL;
        size_t n = 0, cap = 0;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        while ((r = store_step(s, st, err, "load vendors")) == 1) {
                if (n == cap) {
                        cap = cap ? cap * 2 : 16;
                        list = bf_xrealloc(list, cap * sizeof(*list));
                }
                r = vendor_from_row(st, &list[n++], err);
                if (r < 0)
                        break;
        }
        store_reset(st);
        /* Aliases after the vendor scan: one statement stepping at a time. */
        if (r == 0)
                r = load_all_aliases(s, list, n, err);
        if (r < 0) {
                vendors_free(list, n);
                return r;
        }
        *ret_vendors = list;
        *ret_n = n;
        return 0;
}

int store_vendor_get(bf_store *s, const char *vendor_id, bf_vendor *ret, struct bf_error *err)
{
        static const char sql[] = VENDOR_COLUMNS " WHERE vendor_id = ?1";
        bf_stmt *st;
        bf_vendor v;
        int r;

        if ((r = store_one_row(s, sql, 0, vendor_id ? vendor_id : "", "vendor", &st, err)) < 0)
                return r;
        r = vendor_from_row(st, &v, err);
        store_reset(st);
        if (r == 0)
                r = load_aliases(s, &v, err);
        if (r < 0) {
                vendor_release(&v);
                return r;
        }
        *ret = v;
        return 0;
}

/* ----------------------------------------------------------------- POs */

static int po_upsert(bf_store *s, const bf_po *po, struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO pos (po_number, vendor_id, currency, updated_at, cost_centre)"
                " VALUES (?1, ?2, ?3, ?4, ?5)"
                " ON CONFLICT (po_number) DO UPDATE SET vendor_id = excluded.vendor_id,"
                " currency = excluded.currency, updated_at = excluded.updated_at,"
                " cost_centre = excluded.cost_centre";
        static const char sql_line[] =
                "INSERT INTO po_lines (po_number, line_no, description, quantity,"
                " unit_price, account) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                " ON CONFLICT (po_number, line_no) DO UPDATE SET"
                " description = excluded.description, quantity = excluded.quantity,"
                " unit_price = excluded.unit_price, account = excluded.account";
        bf_stmt *st;
        char now[32];
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, po->po_number);
        store_bind_text(s, st, 2, po->vendor_id);
        store_bind_text(s, st, 3, po->currency);
        store_bind_text(s, st, 4, now);
        store_bind_text(s, st, 5, po->cost_centre);
        r = store_run(s, st, err, "save purchase order");
        if (r < 0)
                return r;
        for (size_t i = 0; i < po->n_lines; i++) {
                const bf_po_line *l = &po->lines[i];

                r = store_stmt(s, sql_line, &st, err);
                if (r < 0)
                        return r;
                store_bind_text(s, st, 1, po->po_number);
                store_bind_int64(s, st, 2, l->line_no);
                store_bind_text(s, st, 3, l->description);
                store_bind_decimal(s, st, 4, l->quantity);
                store_bind_decimal(s, st, 5, l->unit_price);
                store_bind_text(s, st, 6, l->account);
                r = store_run(s, st, err, "save purchase order line");
                if (r < 0)
                        return r;
        }
        return 0;
}

int store_po_upsert(bf_store *s, const bf_po *po, struct bf_error *err)
{
        int r;

        if (!po->po_number || !po->po_number[0])
                return bf_error_set(err, BF_EINVAL, "cannot save purchase order: no number");
        r = store_begin(s, err);
        if (r < 0)
                return r;
        r = po_upsert(s, po, err);
        if (r < 0) {
                store_rollback(s);
                bf_error_prefix(err, "purchase order '%s'", po->po_number);
                return r;
        }
        return store_commit(s, err);
}

int store_po_exists(bf_store *s, const char *po_number)
{
        static const char sql[] = "SELECT 1 FROM pos WHERE po_number = ?1";
        bf_stmt *st;
        int r;

        r = store_stmt(s, sql, &st, NULL);
        if (r < 0)
                return r;
        store_bind_text(s, st, 1, po_number);
        r = store_step(s, st, NULL, "look up purchase order");
        store_reset(st);
        return r;
}

/* Sums an exact decimal column over a query's rows into *ret. */
static int sum_decimals(bf_store *s, bf_stmt *st, bf_decimal *ret, struct bf_error *err,
                        const char *what)
{
        bf_decimal sum = { 0, 0 }, d;
        int r;

        while ((r = store_step(s, st, err, what)) == 1) {
                r = store_col_decimal(st, 0, &d, err);
                if (r == 0 && decimal_add(sum, d, &sum) < 0)
                        r = bf_error_set(err, BF_EINVAL, "cannot %s: sum overflows", what);
                if (r < 0)
                        break;
        }
        store_reset(st);
        if (r == 0)
                *ret = sum;
        return r;
}

static int po_line_totals(bf_store *s, const char *po_number, int64_t exclude_doc,
                          bf_po_line *l, struct bf_error *err)
{
        static const char sql_received[] =
                "SELECT quantity_received FROM receipts WHERE po_number = ?1 AND line_no = ?2";
        static const char sql_billed[] =
                "SELECT b.quantity FROM billed b JOIN documents d ON d.id = b.document_id"
                " WHERE b.po_number = ?1 AND b.line_no = ?2 AND b.document_id <> ?3"
                " AND d.state = 1"
                /* A reversed posting no longer bills anything. */
                " AND NOT EXISTS (SELECT 1 FROM entries e JOIN entries r ON r.reverses_id = e.id"
                "   WHERE e.document_id = d.id)";
        bf_stmt *st;
        int r;

        r = store_stmt(s, sql_received, &st, err);
        if (r < 0)
                return r;
        store_bind_text(s, st, 1, po_number);
        store_bind_int64(s, st, 2, l->line_no);
        r = sum_decimals(s, st, &l->quantity_received, err, "sum receipts");
        if (r < 0)
                return r;
        r = store_stmt(s, sql_billed, &st, err);
        if (r < 0)
                return r;
        store_bind_text(s, st, 1, po_number);
        store_bind_int64(s, st, 2, l->line_no);
        store_bind_int64(s, st, 3, exclude_doc);
        return sum_decimals(s, st, &l->quantity_billed, err, "sum billed quantities");
}

int store_po_load(bf_store *s, const char *po_number, int64_t exclude_doc, bf_po *ret,
                  struct bf_error *err)
{
        static const char sql[] =
                "SELECT po_number, vendor_id, currency, cost_centre FROM pos WHERE po_number = ?1";
        static const char sql_lines[] =
                "SELECT line_no, description, quantity, unit_price, account FROM po_lines"
                " WHERE po_number = ?1 ORDER BY line_no";
        bf_stmt *st;
        bf_po po;
        int r;

        if ((r = store_one_row(s, sql, 0, po_number ? po_number : "", "purchase order", &st, err)) < 0)
                return r;
        po_init(&po);
        po.po_number = store_col_strdup(st, 0);
        po.vendor_id = store_col_strdup(st, 1);
        store_col_currency(st, 2, po.currency);
        po.cost_centre = store_col_strdup(st, 3);
        store_reset(st);

        r = store_stmt(s, sql_lines, &st, err);
        if (r < 0)
                goto fail;
        store_bind_text(s, st, 1, po_number);
        while ((r = store_step(s, st, err, "load purchase order lines")) == 1) {
                bf_po_line *l = po_add_line(&po);

                l->line_no = store_col_int(st, 0);
                l->description = store_col_strdup(st, 1);
                l->account = store_col_strdup(st, 4);
                r = store_col_decimal(st, 2, &l->quantity, err);
                if (r == 0)
                        r = store_col_decimal(st, 3, &l->unit_price, err);
                if (r < 0)
                        break;
        }
        store_reset(st);
        for (size_t i = 0; r == 0 && i < po.n_lines; i++)
                r = po_line_totals(s, po.po_number, exclude_doc, &po.lines[i], err);
        if (r < 0)
                goto fail;
        *ret = po;
        return 0;
fail:
        po_release(&po);
        return r;
}

/* ------------------------------------------------------------ receipts */

int store_receipt_upsert(bf_store *s, const bf_receipt *rc, struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO receipts (receipt_id, po_number, line_no, quantity_received,"
                " received_date) VALUES (?1, ?2, ?3, ?4, ?5)"
                " ON CONFLICT (receipt_id, po_number, line_no) DO UPDATE SET"
                " quantity_received = excluded.quantity_received,"
                " received_date = excluded.received_date";
        bf_stmt *st;
        int r;

        if (!rc->receipt_id || !rc->receipt_id[0] || !rc->po_number || !rc->po_number[0])
                return bf_error_set(err, BF_EINVAL, "cannot save receipt: no id or PO number");
        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_text(s, st, 1, rc->receipt_id);
        store_bind_text(s, st, 2, rc->po_number);
        store_bind_int64(s, st, 3, rc->line_no);
        store_bind_decimal(s, st, 4, rc->quantity_received);
        store_bind_date(s, st, 5, rc->received_date);
        r = store_run(s, st, err, "save receipt");
        if (r < 0)
                bf_error_prefix(err, "receipt '%s'", rc->receipt_id);
        return r;
}

int store_billed_add(bf_store *s, int64_t document_id, const char *po_number, int line_no,
                     bf_decimal quantity, struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO billed (document_id, po_number, line_no, quantity)"
                " VALUES (?1, ?2, ?3, ?4)";
        bf_stmt *st;
        int r;

        if (!po_number || !po_number[0])
                return bf_error_set(err, BF_EINVAL, "cannot record billed quantity: no PO");
        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, document_id);
        store_bind_text(s, st, 2, po_number);
        store_bind_int64(s, st, 3, line_no);
        store_bind_decimal(s, st, 4, quantity);
        return store_run(s, st, err, "record billed quantity");
}
