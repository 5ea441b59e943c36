/* store-documents.c: documents, the invoices extracted from them (header,
 * field metadata, lines) and the duplicate lookups over those invoices. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

/* ----------------------------------------------------------- documents */

int64_t store_document_by_sha(bf_store *s, const char *sha256, struct bf_error *err)
{
        static const char sql[] = "SELECT id FROM documents WHERE sha256 = ?1";
        bf_stmt *st;
        int64_t id = 0;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_text(s, st, 1, sha256);
        r = store_step(s, st, err, "look up document");
        if (r < 0)
                return r;
        if (r == 1)
                id = store_col_int64(st, 0);
        store_reset(st);
        return id;
}

/* Adds delta to the count of documents in state from source's kind (what
 * precedes its first ':', "imap:7:12" counts as "imap"), in the caller's
 * transaction; migration 11's document_counts, which status reads. */
static int count_document(bf_store *s, int64_t id, int state, const char *source, int delta,
                          struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO document_counts (state, src, shard, n) VALUES (?1, ?2, ?3, ?4)"
                " ON CONFLICT (state, src, shard) DO UPDATE SET n = document_counts.n + ?4";
        const char *colon = source ? strchr(source, ':') : NULL;
        char *src = colon ? bf_xasprintf("%.*s", (int)(colon - source), source)
                          : bf_xstrdup(source ? source : "");
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) == 0) {
                store_bind_int64(s, st, 1, state);
                store_bind_text(s, st, 2, src);
                store_bind_int64(s, st, 3, id % 8);
                store_bind_int64(s, st, 4, delta);
                r = store_run(s, st, err, "count documents");
        }
        free(src);
        return r;
}

int store_document_insert(bf_store *s, const bf_document *d, int64_t *ret_id,
                          struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO documents (sha256, filename, source, size, pages, state,"
                " received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
        bf_stmt *st;
        char now[32];
        int64_t id;
        int r;

        if (strlen(d->sha256) != 64)
                return bf_error_set(err, BF_EINVAL, "cannot insert document: bad sha256 '%s'",
                                    d->sha256);
        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, d->sha256);
        store_bind_text(s, st, 2, d->filename);
        store_bind_text(s, st, 3, d->source);
        store_bind_int64(s, st, 4, d->size);
        store_bind_int64(s, st, 5, d->pages);
        store_bind_int64(s, st, 6, d->state);
        store_bind_text(s, st, 7, d->received_at ? d->received_at : now);
        if ((r = store_begin(s, err)) < 0)
                return r;
        r = store_run(s, st, err, "insert document");
        if (r == BF_EEXIST)
                r = bf_error_set(err, BF_EEXIST, "document '%s' exists already", d->sha256);
        id = r < 0 ? 0 : store_last_id(s);
        if (r == 0)
                r = count_document(s, id, d->state, d->source, 1, err);
        if (r < 0) {
                store_rollback(s);
                return r;
        }
        if ((r = store_commit(s, err)) < 0)
                return r;
        if (ret_id)
                *ret_id = id;
        return 0;
}

int store_document_get(bf_store *s, int64_t id, bf_document *ret, struct bf_error *err)
{
        static const char sql[] =
                "SELECT id, sha256, filename, source, size, pages, state, received_at"
                " FROM documents WHERE id = ?1";
        bf_stmt *st;
        bf_document d = { 0 };
        int r;

        if ((r = store_one_row(s, sql, id, NULL, "document", &st, err)) < 0)
                return r;
        d.id = store_col_int64(st, 0);
        snprintf(d.sha256, sizeof(d.sha256), "%s",
                 store_col_text(st, 1));
        d.filename = store_col_strdup(st, 2);
        d.source = store_col_strdup(st, 3);
        d.size = store_col_int64(st, 4);
        d.pages = store_col_int(st, 5);
        d.state = (enum bf_doc_state)store_col_int(st, 6);
        d.received_at = store_col_strdup(st, 7);
        store_reset(st);
        *ret = d;
        return 0;
}

static int document_update(bf_store *s, bf_stmt *st, int64_t id, struct bf_error *err,
                           const char *what)
{
        int r = store_run(s, st, err, what);

        if (r < 0)
                return r;
        if (store_changes(s) == 0)
                return bf_error_set(err, BF_ENOTFOUND, "no document %lld", (long long)id);
        return 0;
}

int store_document_set_state(bf_store *s, int64_t id, enum bf_doc_state st_,
                             struct bf_error *err)
{
        static const char sql_old[] = "SELECT state, source FROM documents WHERE id = ?1";
        static const char sql[] = "UPDATE documents SET state = ?2 WHERE id = ?1";
        char *source = NULL;
        int old = -1;
        bf_stmt *st;
        int r;

        if ((unsigned)st_ >= DOC_N_STATES)
                return bf_error_set(err, BF_EINVAL, "bad document state %d", (int)st_);
        if ((r = store_begin(s, err)) < 0)
                return r;
        if ((r = store_stmt(s, sql_old, &st, err)) == 0) {
                store_bind_int64(s, st, 1, id);
                if ((r = store_step(s, st, err, "read document state")) == 1) {
                        old = store_col_int(st, 0);
                        source = store_col_strdup(st, 1);
                }
                store_reset(st);
        }
        if (r >= 0 && (r = store_stmt(s, sql, &st, err)) == 0) {
                store_bind_int64(s, st, 1, id);
                store_bind_int64(s, st, 2, st_);
                r = document_update(s, st, id, err, "set document state");
        }
        if (r == 0 && old != (int)st_) {
                r = count_document(s, id, old, source, -1, err);
                if (r == 0)
                        r = count_document(s, id, (int)st_, source, 1, err);
        }
        free(source);
        if (r < 0) {
                store_rollback(s);
                return r;
        }
        return store_commit(s, err);
}

int store_document_set_text(bf_store *s, int64_t id, const char *text, struct bf_error *err)
{
        static const char sql[] = "UPDATE documents SET full_text = ?2 WHERE id = ?1";
        bf_stmt *st;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, id);
        store_bind_text(s, st, 2, text);
        return document_update(s, st, id, err, "store document text");
}

char *store_document_text(bf_store *s, int64_t id)
{
        static const char sql[] = "SELECT full_text FROM documents WHERE id = ?1";
        bf_stmt *st;
        char *text = NULL;

        if (store_stmt(s, sql, &st, NULL) < 0)
                return NULL;
        store_bind_int64(s, st, 1, id);
        if (store_step(s, st, NULL, "load document text") == 1)
                text = store_col_strdup(st, 0);
        store_reset(st);
        return text;
}

/* ------------------------------------------------------------ invoices */

static const char *source_to_text(enum bf_source src)
{
        return src == SOURCE_NONE ? NULL : source_name(src);
}

static enum bf_source source_from_text(const char *text)
{
        if (!text)
                return SOURCE_NONE;
        for (int i = SOURCE_TEXT; i <= SOURCE_EINVOICE; i++)
                if (strcmp(source_name((enum bf_source)i), text) == 0)
                        return (enum bf_source)i;
        return SOURCE_NONE;
}

static void bind_money_opt(bf_store *s, bf_stmt *st, int i, bool present, bf_money m)
{
        if (present)
                store_bind_int64(s, st, i, m.minor);
        else
                store_bind_null(s, st, i);
        store_bind_text(s, st, i + 1, m.currency);
}

static int save_header(bf_store *s, int64_t document_id, const bf_invoice *inv,
                       int64_t *ret_id, struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO invoices (document_id, vendor_id, vendor_name, invoice_number,"
                " number_norm, invoice_date, due_date, currency, subtotal_minor,"
                " subtotal_currency, tax_minor, tax_currency, total_minor, total_currency,"
                " po_number, source, pages, updated_at, vendor_iban, discount_bp, discount_days)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                " ?16, ?17, ?18, ?19, ?20, ?21)"
                " ON CONFLICT (document_id) DO UPDATE SET vendor_id = excluded.vendor_id,"
                " vendor_name = excluded.vendor_name, invoice_number = excluded.invoice_number,"
                " number_norm = excluded.number_norm, invoice_date = excluded.invoice_date,"
                " due_date = excluded.due_date, currency = excluded.currency,"
                " subtotal_minor = excluded.subtotal_minor,"
                " subtotal_currency = excluded.subtotal_currency,"
                " tax_minor = excluded.tax_minor, tax_currency = excluded.tax_currency,"
                " total_minor = excluded.total_minor, total_currency = excluded.total_currency,"
                " po_number = excluded.po_number, source = excluded.source,"
                " pages = excluded.pages, updated_at = excluded.updated_at,"
                " vendor_iban = excluded.vendor_iban, discount_bp = excluded.discount_bp,"
                " discount_days = excluded.discount_days"
                " RETURNING id";
        bf_stmt *st;
        char now[32], *norm = NULL;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        if (inv->invoice_number) {
                norm = invoice_number_normalise(inv->invoice_number);
                if (!norm[0]) {
                        free(norm);
                        norm = NULL;
                }
        }
        store_now(now);
        store_bind_int64(s, st, 1, document_id);
        store_bind_text(s, st, 2, inv->vendor_id);
        store_bind_text(s, st, 3, inv->vendor_name);
        store_bind_text(s, st, 4, inv->invoice_number);
        store_bind_text(s, st, 5, norm);
        store_bind_date(s, st, 6, inv->invoice_date);
        store_bind_date(s, st, 7, inv->due_date);
        store_bind_text(s, st, 8, inv->currency);
        bind_money_opt(s, st, 9, inv->meta[FIELD_SUBTOTAL].present, inv->subtotal);
        bind_money_opt(s, st, 11, inv->meta[FIELD_TAX].present, inv->tax);
        bind_money_opt(s, st, 13, inv->meta[FIELD_TOTAL].present, inv->total);
        store_bind_text(s, st, 15, inv->po_number);
        store_bind_text(s, st, 16, source_to_text(inv->source));
        store_bind_int64(s, st, 17, inv->pages);
        store_bind_text(s, st, 18, now);
        store_bind_text(s, st, 19, inv->vendor_iban);
        store_bind_int64(s, st, 20, inv->discount_bp);
        store_bind_int64(s, st, 21, inv->discount_days);
        free(norm);
        r = store_step(s, st, err, "save invoice");
        if (r < 0)
                return r;
        *ret_id = r == 1 ? store_col_int64(st, 0) : 0;
        store_reset(st);
        return 0;
}

static int save_fields(bf_store *s, int64_t document_id, const bf_invoice *inv,
                       struct bf_error *err)
{
        static const char sql_del[] = "DELETE FROM fields WHERE document_id = ?1";
        static const char sql_ins[] =
                "INSERT INTO fields (document_id, field, present, value, confidence, page,"
                " x0, y0, x1, y1, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
        bf_stmt *st;
        int r;

        r = store_stmt(s, sql_del, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, document_id);
        r = store_run(s, st, err, "replace invoice fields");
        if (r < 0)
                return r;
        for (int f = 0; f < FIELD__COUNT; f++) {
                const bf_field_meta *m = &inv->meta[f];
                char value[1100];
                bool has;

                has = invoice_field_text(inv, (enum bf_field)f, value, sizeof(value));
                r = store_stmt(s, sql_ins, &st, err);
                if (r < 0)
                        return r;
                store_bind_int64(s, st, 1, document_id);
                store_bind_text(s, st, 2, field_name((enum bf_field)f));
                store_bind_int64(s, st, 3, m->present ? 1 : 0);
                store_bind_text(s, st, 4, has ? value : NULL);
                store_bind_double(s, st, 5, m->confidence);
                store_bind_int64(s, st, 6, m->page);
                store_bind_double(s, st, 7, m->box.x0);
                store_bind_double(s, st, 8, m->box.y0);
                store_bind_double(s, st, 9, m->box.x1);
                store_bind_double(s, st, 10, m->box.y1);
                store_bind_text(s, st, 11, m->label);
                r = store_run(s, st, err, "save invoice field");
                if (r < 0)
                        return r;
        }
        return 0;
}

static int save_lines(bf_store *s, int64_t document_id, const bf_invoice *inv,
                      struct bf_error *err)
{
        static const char sql_del[] = "DELETE FROM invoice_lines WHERE document_id = ?1";
        static const char sql_ins[] =
                "INSERT INTO invoice_lines (document_id, seq, line_no, description, quantity,"
                " unit_price, amount_minor, amount_currency)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
        bf_stmt *st;
        int r;

        r = store_stmt(s, sql_del, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, document_id);
        r = store_run(s, st, err, "replace invoice lines");
        if (r < 0)
                return r;
        for (size_t i = 0; i < inv->n_lines; i++) {
                const bf_invoice_line *l = &inv->lines[i];

                r = store_stmt(s, sql_ins, &st, err);
                if (r < 0)
                        return r;
                store_bind_int64(s, st, 1, document_id);
                store_bind_int64(s, st, 2, (int64_t)i + 1);
                store_bind_int64(s, st, 3, l->line_no);
                store_bind_text(s, st, 4, l->description);
                if (l->has_quantity)
                        store_bind_decimal(s, st, 5, l->quantity);
                if (l->has_unit_price)
                        store_bind_decimal(s, st, 6, l->unit_price);
                if (l->has_amount)
                        store_bind_int64(s, st, 7, l->amount.minor);
                store_bind_text(s, st, 8, l->amount.currency);
                r = store_run(s, st, err, "save invoice line");
                if (r < 0)
                        return r;
        }
        return 0;
}

int store_invoice_save(bf_store *s, int64_t document_id, const bf_invoice *inv,
                       int64_t *ret_invoice_id, struct bf_error *err)
{
        int64_t id = 0;
        int r;

        r = store_begin(s, err);
        if (r < 0)
                return r;
        r = save_header(s, document_id, inv, &id, err);
        if (r == 0)
                r = store_queue_row_refresh(s, document_id, err);
        if (r == 0)
                r = save_fields(s, document_id, inv, err);
        if (r == 0)
                r = save_lines(s, document_id, inv, err);
        if (r < 0) {
                store_rollback(s);
                bf_error_prefix(err, "invoice of document %lld", (long long)document_id);
                return r;
        }
        r = store_commit(s, err);
        if (r < 0)
                return r;
        if (ret_invoice_id)
                *ret_invoice_id = id;
        return 0;
}

static void col_money(bf_stmt *st, int i, bf_money *ret)
{
        ret->minor = store_col_int64(st, i);
        store_col_currency(st, i + 1, ret->currency);
}

static int load_fields(bf_store *s, int64_t document_id, bf_invoice *inv,
                       struct bf_error *err)
{
        static const char sql[] =
                "SELECT field, present, confidence, page, x0, y0, x1, y1, label"
                " FROM fields WHERE document_id = ?1";
        bf_stmt *st;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, document_id);
        while ((r = store_step(s, st, err, "load invoice fields")) == 1) {
                int f = field_from_name(store_col_text(st, 0));
                bf_field_meta *m;

                if (f < 0 || f >= FIELD__COUNT)
                        continue; /* a field this version does not know */
                m = &inv->meta[f];
                m->present = store_col_int(st, 1) != 0;
                m->confidence = store_col_double(st, 2);
                m->page = store_col_int(st, 3);
                m->box.x0 = store_col_double(st, 4);
                m->box.y0 = store_col_double(st, 5);
                m->box.x1 = store_col_double(st, 6);
                m->box.y1 = store_col_double(st, 7);
                free(m->label);
                m->label = store_col_strdup(st, 8);
        }
        store_reset(st);
        return r;
}

static int load_lines(bf_store *s, int64_t document_id, bf_invoice *inv,
                      struct bf_error *err)
{
        static const char sql[] =
                "SELECT line_no, description, quantity, unit_price, amount_minor,"
                " amount_currency FROM invoice_lines WHERE document_id = ?1 ORDER BY seq";
        bf_stmt *st;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, document_id);
        while ((r = store_step(s, st, err, "load invoice lines")) == 1) {
                bf_invoice_line *l = invoice_add_line(inv);

                l->line_no = store_col_int(st, 0);
                l->description = store_col_strdup(st, 1);
                if (!store_col_is_null(st, 2)) {
                        r = store_col_decimal(st, 2, &l->quantity, err);
                        if (r < 0)
                                break;
                        l->has_quantity = true;
                }
                if (!store_col_is_null(st, 3)) {
                        r = store_col_decimal(st, 3, &l->unit_price, err);
                        if (r < 0)
                                break;
                        l->has_unit_price = true;
                }
                l->has_amount = !store_col_is_null(st, 4);
                col_money(st, 4, &l->amount);
        }
        store_reset(st);
        return r;
}

int store_invoice_set_cost_centre(bf_store *s, int64_t document_id, const char *cost_centre,
                                  struct bf_error *err)
{
        static const char sql[] = "UPDATE invoices SET cost_centre = ?2 WHERE document_id = ?1";
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_int64(s, st, 1, document_id);
        store_bind_text(s, st, 2, cost_centre);
        return document_update(s, st, document_id, err, "set the invoice's cost centre");
}

int store_invoice_load(bf_store *s, int64_t document_id, bf_invoice *ret,
                       struct bf_error *err)
{
        static const char sql[] =
                "SELECT vendor_id, vendor_name, invoice_number, invoice_date, due_date,"
                " currency, subtotal_minor, subtotal_currency, tax_minor, tax_currency,"
                " total_minor, total_currency, po_number, source, pages, vendor_iban,"
                " discount_bp, discount_days, cost_centre FROM invoices WHERE document_id = ?1";
        bf_stmt *st;
        bf_invoice inv;
        int r;

        if ((r = store_one_row(s, sql, document_id, NULL, "invoice for document", &st, err)) < 0)
                return r;
        invoice_init(&inv);
        inv.vendor_id = store_col_strdup(st, 0);
        inv.vendor_name = store_col_strdup(st, 1);
        inv.invoice_number = store_col_strdup(st, 2);
        inv.invoice_date = store_col_date(st, 3);
        inv.due_date = store_col_date(st, 4);
        store_col_currency(st, 5, inv.currency);
        col_money(st, 6, &inv.subtotal);
        col_money(st, 8, &inv.tax);
        col_money(st, 10, &inv.total);
        inv.po_number = store_col_strdup(st, 12);
        inv.source = source_from_text(store_col_text(st, 13));
        inv.pages = store_col_int(st, 14);
        inv.vendor_iban = store_col_strdup(st, 15);
        inv.discount_bp = store_col_int(st, 16);
        inv.discount_days = store_col_int(st, 17);
        inv.cost_centre = store_col_strdup(st, 18);
        store_reset(st);

        r = load_fields(s, document_id, &inv, err);
        if (r == 0)
                r = load_lines(s, document_id, &inv, err);
        if (r < 0) {
                invoice_release(&inv);
                return r;
        }
        *ret = inv;
        return 0;
}

/* ---------------------------------------------------------- duplicates */

/* Only invoices that stand: posted, waiting in the queue, or waiting for
 * approval (a second copy sent meanwhile must not be approved too). */
#define STANDING_DOC \
        " AND (d.state = 1 OR EXISTS (SELECT 1 FROM exceptions x" \
        "      WHERE x.document_id = i.document_id AND x.state = 0)" \
        "   OR EXISTS (SELECT 1 FROM approvals p" \
        "      WHERE p.document_id = i.document_id AND p.state = 0))"

int64_t store_find_duplicate(bf_store *s, const char *vendor_id, const char *number_norm,
                             int64_t exclude_doc, struct bf_error *err)
{
        static const char sql[] =
                "SELECT i.document_id FROM invoices i JOIN documents d ON d.id = i.document_id"
                " WHERE i.vendor_id = ?1 AND i.number_norm = ?2 AND i.document_id <> ?3"
                STANDING_DOC " ORDER BY i.document_id LIMIT 1";
        bf_stmt *st;
        int64_t id = 0;
        int r;

        if (!vendor_id || !number_norm || !number_norm[0])
                return 0;
        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_text(s, st, 1, vendor_id);
        store_bind_text(s, st, 2, number_norm);
        store_bind_int64(s, st, 3, exclude_doc);
        r = store_step(s, st, err, "look for duplicates");
        if (r < 0)
                return r;
        if (r == 1)
                id = store_col_int64(st, 0);
        store_reset(st);
        return id;
}

int64_t store_find_possible_duplicate(bf_store *s, const char *vendor_id, bf_money total,
                                      bf_date date, int days, const char *number_norm,
                                      int64_t exclude_doc, struct bf_error *err)
{
        /* ISO dates compare correctly as text, in SQLite and elsewhere. */
        static const char sql[] =
                "SELECT i.document_id FROM invoices i JOIN documents d ON d.id = i.document_id"
                " WHERE i.vendor_id = ?1 AND i.total_minor = ?2 AND i.total_currency = ?3"
                " AND i.invoice_date BETWEEN ?4 AND ?5"
                " AND (CAST(?6 AS TEXT) IS NULL OR i.number_norm IS NULL OR i.number_norm <> ?6)"
                " AND i.document_id <> ?7"
                STANDING_DOC " ORDER BY i.document_id LIMIT 1";
        bf_stmt *st;
        int64_t id = 0;
        int r;

        if (!vendor_id || !date_is_set(date) || days < 0)
                return 0;
        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_text(s, st, 1, vendor_id);
        store_bind_int64(s, st, 2, total.minor);
        store_bind_text(s, st, 3, total.currency);
        store_bind_date(s, st, 4, date_add_days(date, -days));
        store_bind_date(s, st, 5, date_add_days(date, days));
        store_bind_text(s, st, 6, number_norm && number_norm[0] ? number_norm : NULL);
        store_bind_int64(s, st, 7, exclude_doc);
        r = store_step(s, st, err, "look for possible duplicates");
        if (r < 0)
                return r;
        if (r == 1)
                id = store_col_int64(st, 0);
        store_reset(st);
        return id;
}
