/* import.c: master data from CSV (vendors, POs, receipts) via libcsv,
 * validated whole before anything is stored. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "pipeline/pipeline-int.h"
#include "store/store.h"

#define MAX_CSV_BYTES (64u * 1024 * 1024)
#define MAX_FIELD_BYTES 4096
#define MAX_PROBLEMS 50

int pipeline_import_kind_from_name(const char *name)
{
        if (!name)
                return BF_EINVAL;
        if (strcmp(name, "vendors") == 0)
                return IMPORT_VENDORS;
        if (strcmp(name, "pos") == 0)
                return IMPORT_POS;
        if (strcmp(name, "receipts") == 0)
                return IMPORT_RECEIPTS;
        if (strcmp(name, "users") == 0)
                return IMPORT_USERS;
        if (strcmp(name, "approvals") == 0)
                return IMPORT_APPROVALS;
        return BF_EINVAL;
}

struct csv_row {
        long line;
        GPtrArray *fields; /* char * */
};

struct reader {
        GArray *rows;            /* struct csv_row */
        GPtrArray *cur;
        long cur_line, line;
        bool field_too_long;
};

static void on_field(void *s, size_t len, void *data)
{
        struct reader *rd = data;

        if (!rd->cur) {
                rd->cur = g_ptr_array_new_with_free_func(g_free);
                rd->cur_line = rd->line;
        }
        if (len > MAX_FIELD_BYTES) {
                rd->field_too_long = true;
                len = MAX_FIELD_BYTES;
        }
        g_ptr_array_add(rd->cur, g_strndup(s, len));
}

static void on_row(int c, void *data)
{
        struct reader *rd = data;
        struct csv_row row;

        (void)c;
        if (!rd->cur)
                return;
        /* libcsv reports a blank line as a row with one empty field: skip it. */
        if (rd->cur->len == 1 && !*(char *)rd->cur->pdata[0]) {
                g_ptr_array_free(rd->cur, TRUE);
                rd->cur = NULL;
                return;
        }
        row.line = rd->cur_line;
        row.fields = rd->cur;
        g_array_append_val(rd->rows, row);
        rd->cur = NULL;
}

static void rows_free(GArray *rows)
{
        for (guint i = 0; rows && i < rows->len; i++)
                g_ptr_array_free(g_array_index(rows, struct csv_row, i).fields, TRUE);
        if (rows)
                g_array_free(rows, TRUE);
}

/* Parses CSV text into rows, each with the line it starts on; `path` names
 * the input in messages. */
static int parse_csv(const char *path, const char *text, size_t len, GArray **ret_rows,
                     struct bf_error *err)
{
        struct csv_parser p;
        struct reader rd = { 0 };
        const char *s, *end;
        int r = 0;

        if (len > MAX_CSV_BYTES)
                return bf_error_set(err, BF_ETOOBIG, "'%s' is too large (%zu bytes)", path, len);
        if (!g_utf8_validate(text, (gssize)len, NULL))
                return bf_error_set(err, BF_EINVAL, "'%s' is not valid UTF-8", path);
        if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
                return bf_error_set(err, BF_ENOMEM, "cannot set up the CSV parser");
        rd.rows = g_array_new(FALSE, FALSE, sizeof(struct csv_row));
        s = text;
        end = text + len;
        if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
                s += 3;
        {
                /* Spreadsheets in much of Europe save "CSV" with ';' between
                 * fields: a header with ';' and no ',' says which. */
                const char *nl = memchr(s, '\n', (size_t)(end - s));
                size_t hl = nl ? (size_t)(nl - s) : (size_t)(end - s);
                if (!memchr(s, ',', hl) && memchr(s, ';', hl))
                        csv_set_delim(&p, ';');
        }
        /* Feed line by line so each row knows the line it started on. */
        while (s < end) {
                const char *nl = memchr(s, '\n', (size_t)(end - s));
                size_t n = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);

                rd.line++;
                if (csv_parse(&p, s, n, on_field, on_row, &rd) != n) {
                        r = bf_error_set(err, BF_EINVAL, "'%s' line %ld: %s", path, rd.line,
                                         csv_strerror(csv_error(&p)));
                        goto out;
                }
                s += n;
        }
        if (csv_fini(&p, on_field, on_row, &rd) != 0) {
                r = bf_error_set(err, BF_EINVAL, "'%s' line %ld: %s (truncated file?)", path,
                                 rd.cur_line ? rd.cur_line : rd.line,
                                 csv_error(&p) == CSV_EPARSE ? "unterminated quoted field"
                                                             : csv_strerror(csv_error(&p)));
                goto out;
        }
        if (rd.field_too_long) {
                r = bf_error_set(err, BF_ETOOBIG, "'%s': a field is longer than %d bytes", path,
                                 MAX_FIELD_BYTES);
                goto out;
        }
out:
        csv_free(&p);
        if (rd.cur)
                g_ptr_array_free(rd.cur, TRUE);
        if (r < 0)
                rows_free(rd.rows);
        else
                *ret_rows = rd.rows;
        return r;
}

int pipeline_import_parse_csv_text(const char *text, size_t len, size_t *ret_rows, struct bf_error *err)
{
        GArray *rows = NULL;
        int r = parse_csv("input", text, len, &rows, err);

        if (r == 0) {
                *ret_rows = rows->len;
                rows_free(rows);
        }
        return r;
}

/* Reads and parses a CSV file, refusing one over the size cap unread. */
static int read_csv(const char *path, GArray **ret_rows, struct bf_error *err)
{
        g_autofree char *text = NULL;
        g_autoptr(GError) gerr = NULL;
        GStatBuf st;
        gsize len;

        if (strcmp(path, "-") == 0) {
                /* Standard input, read up to the cap (one byte over says it is over). */
                GString *in = g_string_new(NULL);
                char buf[65536];
                size_t n;
                while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0 && in->len <= MAX_CSV_BYTES)
                        g_string_append_len(in, buf, (gssize)n);
                if (ferror(stdin)) {
                        g_string_free(in, TRUE);
                        return bf_error_set(err, BF_EIO, "cannot read standard input");
                }
                len = in->len;
                text = g_string_free(in, FALSE);
                return parse_csv("<stdin>", text, len, ret_rows, err);
        }
        if (g_stat(path, &st) < 0)
                return bf_error_set(err, BF_EIO, "cannot read '%s': %s", path, g_strerror(errno));
        if ((guint64)st.st_size > MAX_CSV_BYTES)
                return bf_error_set(err, BF_ETOOBIG, "'%s' is too large (%lld bytes)", path,
                                    (long long)st.st_size);
        if (!g_file_get_contents(path, &text, &len, &gerr))
                return bf_error_set(err, BF_EIO, "cannot read '%s': %s", path, gerr->message);
        return parse_csv(path, text, len, ret_rows, err);
}

struct table {
        const char *path;
        GArray *rows;
        int col[24];             /* index of each known column, -1 if absent */
        GPtrArray *problems;
};

static const char *cell(const struct table *t, const struct csv_row *row, int c)
{
        int k = t->col[c];

        if (k < 0 || (guint)k >= row->fields->len)
                return "";
        return g_strstrip((char *)row->fields->pdata[k]);
}

static void problem(struct table *t, long line, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static void problem(struct table *t, long line, const char *fmt, ...)
{
        va_list ap;
        g_autofree char *msg = NULL;

        if (t->problems->len >= MAX_PROBLEMS)
                return;
        va_start(ap, fmt);
        msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        g_ptr_array_add(t->problems, g_strdup_printf("'%s' line %ld: %s", t->path, line, msg));
}

/* Maps header names to columns; missing required ones are problems. */
static void map_header(struct table *t, const char *const *names, size_t n_names,
                       size_t n_required)
{
        const struct csv_row *hdr = &g_array_index(t->rows, struct csv_row, 0);

        for (size_t c = 0; c < n_names; c++) {
                t->col[c] = -1;
                for (guint k = 0; k < hdr->fields->len; k++)
                        if (g_ascii_strcasecmp(g_strstrip((char *)hdr->fields->pdata[k]), names[c]) == 0)
                                t->col[c] = (int)k;
                if (c < n_required && t->col[c] < 0)
                        problem(t, hdr->line, "missing column '%s'", names[c]);
        }
}

static bool parse_decimal_cell(struct table *t, const struct csv_row *row, int c,
                               const char *name, bool required, bool nonneg, bf_decimal *ret)
{
        const char *v = cell(t, row, c);
        struct bf_error e = { 0 };

        if (!*v) {
                if (required)
                        problem(t, row->line, "%s is empty", name);
                return false;
        }
        if (decimal_parse_plain(v, ret, &e) < 0) {
                problem(t, row->line, "%s '%s' is not a number", name, v);
                return false;
        }
        if (nonneg && ret->units < 0) {
                problem(t, row->line, "%s '%s' must not be negative", name, v);
                return false;
        }
        return true;
}

static bool parse_currency_cell(struct table *t, const struct csv_row *row, int c,
                                char out[BF_CURRENCY_LEN])
{
        const char *v = cell(t, row, c);

        out[0] = '\0';
        if (!*v)
                return true;
        if (strlen(v) != 3 || !currency_is_known(v)) {
                problem(t, row->line, "unknown currency '%s'", v);
                return false;
        }
        for (int i = 0; i < 3; i++)
                out[i] = g_ascii_toupper(v[i]);
        out[3] = '\0';
        return true;
}

static bool parse_int_cell(struct table *t, const struct csv_row *row, int c, const char *name,
                           bool required, int lo, int hi, int *ret)
{
        const char *v = cell(t, row, c);
        char *end;
        long n;

        if (!*v) {
                if (required)
                        problem(t, row->line, "%s is empty", name);
                return false;
        }
        errno = 0;
        n = strtol(v, &end, 10);
        if (errno || *end || n < lo || n > hi) {
                problem(t, row->line, "%s '%s' must be a whole number from %d to %d", name, v, lo, hi);
                return false;
        }
        *ret = (int)n;
        return true;
}

static bool check_fields_count(struct table *t, const struct csv_row *row)
{
        const struct csv_row *hdr = &g_array_index(t->rows, struct csv_row, 0);

        if (row->fields->len != hdr->fields->len) {
                problem(t, row->line, "expected %u fields, found %u", hdr->fields->len,
                        row->fields->len);
                return false;
        }
        return true;
}

/* Stores validated rows in one transaction with an audit record: upsert
 * is called for each of the n items (each `size` bytes apart). */
typedef int (*upsert_fn)(bf_store *s, const void *item, struct bf_error *err);

static int store_rows_once(bf_app *app, const struct table *t, const char *kind,
                           upsert_fn upsert, const void *items, size_t size, size_t n,
                           struct bf_error *err)
{
        int r = store_begin(app->store, err);

        for (size_t i = 0; r == 0 && i < n; i++)
                r = upsert(app->store, (const char *)items + i * size, err);
        if (r == 0)
                r = store_audit(app->store, app->user, "import", 0, kind, NULL, t->path, err);
        if (r == 0)
                return store_commit(app->store, err);
        store_rollback(app->store);
        return r;
}

static int store_rows(bf_app *app, const struct table *t, const char *kind, upsert_fn upsert,
                      const void *items, size_t size, size_t n, struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = store_rows_once(app, t, kind, upsert, items, size, n, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
        }
}

static int upsert_po(bf_store *s, const void *item, struct bf_error *err)
{
        return store_po_upsert(s, *(bf_po *const *)item, err);
}

static int upsert_receipt(bf_store *s, const void *item, struct bf_error *err)
{
        return store_receipt_upsert(s, item, err);
}

enum { V_ID, V_NAME, V_ALIASES, V_CURRENCY, V_TERMS, V_ACCOUNT, V_PO_REQUIRED, V_TAX_ID,
       V_IBAN, V_PRICE_TOL, V_AMOUNT_TOL, V_LIMIT, V_LANGUAGE, V_BIC, V_DISCOUNT_PCT,
       V_DISCOUNT_DAYS, V_COST_CENTRE, V__N };
static const char *const vendor_cols[V__N] = {
        "vendor_id", "name", "aliases", "currency", "payment_terms_days", "default_account",
        "po_required", "tax_id", "iban", "price_tolerance_pct", "amount_tolerance",
        "auto_post_limit", "language", "bic", "discount_pct", "discount_days", "cost_centre",
};

static bool same_text(const char *a, const char *b)
{
        return g_strcmp0(a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

/* Stores the vendors in one transaction. A vendor whose IBAN or BIC
 * differs from the stored ones (when it had any) keeps the old details:
 * the new ones wait, audited, for a second user (pipeline_bank_confirm). */
static int store_vendors_once(bf_app *app, const struct table *t, const bf_vendor *vendors,
                              size_t n, struct bf_error *err)
{
        int r = store_begin(app->store, err);

        for (size_t i = 0; r == 0 && i < n; i++) {
                const bf_vendor *v = &vendors[i], *put = v;
                const bf_vendor *old = pipeline_find_vendor(app, v->vendor_id);
                bf_vendor keep;
                char m_old[32], m_new[32];

                if (old && old->iban && (!same_text(old->iban, v->iban) || !same_text(old->bic, v->bic))) {
                        bf_bank_change c = { .vendor_id = v->vendor_id, .old_iban = old->iban,
                                             .old_bic = old->bic, .new_iban = v->iban,
                                             .new_bic = v->bic, .requested_by = app->user };
                        r = store_bank_change_request(app->store, &c, err);
                        g_autofree char *was = g_strdup_printf("%s %s", iban_mask(old->iban, m_old, sizeof(m_old)),
                                                               old->bic ? old->bic : "");
                        g_autofree char *now = g_strdup_printf("%s %s", v->iban ? iban_mask(v->iban, m_new, sizeof(m_new)) : "none",
                                                               v->bic ? v->bic : "");
                        if (r == 0)
                                r = store_audit(app->store, app->user, "bank_change_requested", 0,
                                                v->vendor_id, g_strstrip(was), g_strstrip(now), err);
                        keep = *v; /* the rest of the row, the old bank details */
                        keep.iban = old->iban;
                        keep.bic = old->bic;
                        put = &keep;
                }
                else if (old && !same_text(old->iban, v->iban))
                        /* bank details set where there were none: who did it
                         * may not approve the vendor's invoices (approval.c) */
                        r = store_audit(app->store, app->user, "bank_details", 0,
                                        v->vendor_id, old->iban, v->iban, err);
                if (r == 0)
                        r = store_vendor_upsert(app->store, put, err);
        }
        if (r == 0)
                r = store_audit(app->store, app->user, "import", 0, "vendors", NULL, t->path, err);
        if (r == 0)
                return store_commit(app->store, err);
        store_rollback(app->store);
        return r;
}

static int store_vendors(bf_app *app, const struct table *t, const bf_vendor *vendors, size_t n,
                         struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = store_vendors_once(app, t, vendors, n, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
        }
}

static int import_vendors(bf_app *app, struct table *t, size_t *ret_rows, struct bf_error *err)
{
        GArray *vendors = g_array_new(FALSE, TRUE, sizeof(bf_vendor));
        g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
        int r = 0;

        map_header(t, vendor_cols, V__N, V_PO_REQUIRED);
        /* Every row is checked, so one run reports every bad line; a bad
         * header stops it, since no row can be read without one. */
        bool header_ok = t->problems->len == 0;
        for (guint i = 1; header_ok && i < t->rows->len; i++) {
                const struct csv_row *row = &g_array_index(t->rows, struct csv_row, i);
                struct bf_error e = { 0 };
                bf_vendor v;
                const char *s;

                if (!check_fields_count(t, row))
                        continue;
                vendor_init(&v);
                v.vendor_id = bf_xstrdup(cell(t, row, V_ID));
                v.name = bf_xstrdup(cell(t, row, V_NAME));
                if (!*v.vendor_id)
                        problem(t, row->line, "vendor_id is empty");
                else if (g_hash_table_contains(seen, v.vendor_id))
                        problem(t, row->line, "vendor '%s' appears twice in the file", v.vendor_id);
                if (!*v.name)
                        problem(t, row->line, "name is empty");
                s = cell(t, row, V_ALIASES);
                if (*s) {
                        g_auto(GStrv) parts = g_strsplit(s, ";", -1);
                        for (char **a = parts; *a; a++) {
                                g_strstrip(*a);
                                if (!**a)
                                        continue;
                                v.aliases = bf_xrealloc(v.aliases, (v.n_aliases + 1) * sizeof(char *));
                                v.aliases[v.n_aliases++] = bf_xstrdup(*a);
                        }
                }
                parse_currency_cell(t, row, V_CURRENCY, v.currency);
                if (!parse_int_cell(t, row, V_TERMS, "payment_terms_days", false, 0, 3650,
                                    &v.payment_terms_days))
                        v.payment_terms_days = -1;
                s = cell(t, row, V_ACCOUNT);
                v.default_account = *s ? bf_xstrdup(s) : NULL;
                s = cell(t, row, V_PO_REQUIRED);
                if (!*s || g_ascii_strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0 ||
                    g_ascii_strcasecmp(s, "yes") == 0)
                        v.po_required = true;
                else if (g_ascii_strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0 ||
                         g_ascii_strcasecmp(s, "no") == 0)
                        v.po_required = false;
                else
                        problem(t, row->line, "po_required '%s' must be true or false", s);
                /* A VAT id (one with a country prefix) and an IBAN must
                 * pass their check digits: a mistyped one would name no
                 * vendor on the page, or another. Other tax ids (a US EIN)
                 * are kept as given. */
                s = cell(t, row, V_TAX_ID);
                v.tax_id = *s ? bf_xstrdup(s) : NULL;
                if (*s && vat_id_prefixed(s) && vat_id_check(s, NULL, &e) < 0)
                        problem(t, row->line, "tax_id: %s", e.msg);
                s = cell(t, row, V_IBAN);
                if (*s) {
                        char iban[BF_IBAN_LEN];
                        struct bf_error e2 = { 0 };
                        if (iban_check(s, iban, &e2) == 0)
                                v.iban = bf_xstrdup(iban);
                        else
                                problem(t, row->line, "iban: %s", e2.msg);
                }
                s = cell(t, row, V_LANGUAGE);
                if (*s && !language_iso_code(s))
                        problem(t, row->line, "language '%s' is none billflow reads (an ISO 639-1 "
                                "code of an EU language, Norwegian or Icelandic: de, lv, ...)", s);
                else if (*s)
                        g_strlcpy(v.language, language_iso_code(s), sizeof(v.language));
                s = cell(t, row, V_BIC);
                if (*s) {
                        char bic[BF_BIC_LEN];
                        struct bf_error e2 = { 0 };
                        if (bic_check(s, bic, &e2) == 0)
                                v.bic = bf_xstrdup(bic);
                        else
                                problem(t, row->line, "bic: %s", e2.msg);
                }
                {
                        bf_decimal pct = { 0, 0 };
                        int days = 0;
                        bool has_pct = parse_decimal_cell(t, row, V_DISCOUNT_PCT, "discount_pct",
                                                          false, true, &pct);
                        bool has_days = parse_int_cell(t, row, V_DISCOUNT_DAYS, "discount_days",
                                                       false, 1, 180, &days);
                        /* hundredths of a percent: "2.5" is 250 */
                        int64_t bp = pct.units * (pct.scale == 0 ? 100 : pct.scale == 1 ? 10 : 1);
                        if (has_pct && (pct.scale > 2 || bp <= 0 || bp > 2000))
                                problem(t, row->line, "discount_pct '%s' must be above 0 and at most 20, "
                                        "with two decimals at most", cell(t, row, V_DISCOUNT_PCT));
                        else if (has_pct != has_days)
                                problem(t, row->line, "discount_pct and discount_days go together");
                        else if (has_pct) {
                                v.discount_bp = (int)bp;
                                v.discount_days = days;
                        }
                }
                v.has_price_tolerance_pct = parse_decimal_cell(t, row, V_PRICE_TOL,
                        "price_tolerance_pct", false, true, &v.price_tolerance_pct);
                v.has_amount_tolerance = parse_decimal_cell(t, row, V_AMOUNT_TOL,
                        "amount_tolerance", false, true, &v.amount_tolerance);
                v.has_auto_post_limit = parse_decimal_cell(t, row, V_LIMIT, "auto_post_limit",
                        false, true, &v.auto_post_limit);
                s = cell(t, row, V_COST_CENTRE);
                v.cost_centre = *s ? bf_xstrdup(s) : NULL;
                g_array_append_val(vendors, v);
                g_hash_table_add(seen, g_array_index(vendors, bf_vendor, vendors->len - 1).vendor_id);
        }
        if (t->problems->len == 0 &&
            (r = store_vendors(app, t, (const bf_vendor *)(void *)vendors->data, vendors->len,
                               err)) == 0)
                *ret_rows = vendors->len;
        for (guint i = 0; i < vendors->len; i++)
                vendor_release(&g_array_index(vendors, bf_vendor, i));
        g_array_free(vendors, TRUE);
        return r;
}

enum { P_NUMBER, P_VENDOR, P_LINE, P_DESC, P_QTY, P_PRICE, P_CURRENCY, P_ACCOUNT, P_COST_CENTRE,
       P__N };
static const char *const po_cols[P__N] = {
        "po_number", "vendor_id", "line_no", "description", "quantity", "unit_price",
        "currency", "account", "cost_centre",
};

static int import_pos(bf_app *app, struct table *t, size_t *ret_rows, struct bf_error *err)
{
        g_autoptr(GHashTable) pos = g_hash_table_new(g_str_hash, g_str_equal);
        GPtrArray *order = g_ptr_array_new();
        size_t n_rows = 0;
        int r = 0;

        map_header(t, po_cols, P__N, P_ACCOUNT);
        /* Every row is checked, so one run reports every bad line; a bad
         * header stops it, since no row can be read without one. */
        bool header_ok = t->problems->len == 0;
        for (guint i = 1; header_ok && i < t->rows->len; i++) {
                const struct csv_row *row = &g_array_index(t->rows, struct csv_row, i);
                guint problems_before = t->problems->len;
                const char *number, *vendor_id, *cc;
                char currency[BF_CURRENCY_LEN];
                bf_po *po;
                bf_po_line *line;
                int line_no = 0;
                bf_decimal qty, price;

                if (!check_fields_count(t, row))
                        continue;
                number = cell(t, row, P_NUMBER);
                vendor_id = cell(t, row, P_VENDOR);
                cc = cell(t, row, P_COST_CENTRE);
                if (!*number) {
                        problem(t, row->line, "po_number is empty");
                        continue;
                }
                if (!*vendor_id)
                        problem(t, row->line, "vendor_id is empty");
                else if (!pipeline_find_vendor(app, vendor_id))
                        problem(t, row->line, "unknown vendor '%s'", vendor_id);
                parse_int_cell(t, row, P_LINE, "line_no", true, 1, 100000, &line_no);
                if (parse_decimal_cell(t, row, P_QTY, "quantity", true, true, &qty) &&
                    decimal_is_zero(qty))
                        problem(t, row->line, "quantity must be above zero");
                parse_decimal_cell(t, row, P_PRICE, "unit_price", true, true, &price);
                parse_currency_cell(t, row, P_CURRENCY, currency);
                if (t->problems->len > problems_before)
                        continue;
                po = g_hash_table_lookup(pos, number);
                if (!po) {
                        po = bf_xcalloc(1, sizeof(*po));
                        po_init(po);
                        po->po_number = bf_xstrdup(number);
                        po->vendor_id = bf_xstrdup(vendor_id);
                        memcpy(po->currency, currency, sizeof(currency));
                        po->cost_centre = *cc ? bf_xstrdup(cc) : NULL;
                        g_hash_table_insert(pos, po->po_number, po);
                        g_ptr_array_add(order, po);
                } else if (strcmp(po->vendor_id, vendor_id) != 0) {
                        problem(t, row->line, "PO '%s' has vendor '%s' on an earlier line", number,
                                po->vendor_id);
                        continue;
                } else if (strcmp(po->currency, currency) != 0) {
                        problem(t, row->line, "PO '%s' has currency '%s' on an earlier line", number,
                                po->currency);
                        continue;
                } else if (g_strcmp0(po->cost_centre, *cc ? cc : NULL) != 0) {
                        /* one cost centre per PO: an empty cell is none */
                        problem(t, row->line, "PO '%s' has cost centre '%s' on an earlier line", number,
                                po->cost_centre ? po->cost_centre : "");
                        continue;
                }
                for (size_t k = 0; k < po->n_lines; k++)
                        if (po->lines[k].line_no == line_no)
                                problem(t, row->line, "PO '%s' line %d appears twice in the file",
                                        number, line_no);
                line = po_add_line(po);
                line->line_no = line_no;
                line->description = bf_xstrdup(cell(t, row, P_DESC));
                line->quantity = qty;
                line->unit_price = price;
                line->account = *cell(t, row, P_ACCOUNT) ? bf_xstrdup(cell(t, row, P_ACCOUNT)) : NULL;
                n_rows++;
        }
        if (t->problems->len == 0 &&
            (r = store_rows(app, t, "pos", upsert_po, order->pdata, sizeof(gpointer), order->len,
                            err)) == 0)
                *ret_rows = n_rows;
        for (guint i = 0; i < order->len; i++) {
                po_release(order->pdata[i]);
                free(order->pdata[i]);
        }
        g_ptr_array_free(order, TRUE);
        return r;
}

enum { R_ID, R_PO, R_LINE, R_QTY, R_DATE, R__N };
static const char *const receipt_cols[R__N] = {
        "receipt_id", "po_number", "line_no", "quantity_received", "received_date",
};

static int import_receipts(bf_app *app, struct table *t, size_t *ret_rows, struct bf_error *err)
{
        GArray *receipts = g_array_new(FALSE, TRUE, sizeof(bf_receipt));
        g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        int r = 0;

        map_header(t, receipt_cols, R__N, R__N);
        /* Every row is checked, so one run reports every bad line; a bad
         * header stops it, since no row can be read without one. */
        bool header_ok = t->problems->len == 0;
        for (guint i = 1; header_ok && i < t->rows->len; i++) {
                const struct csv_row *row = &g_array_index(t->rows, struct csv_row, i);
                guint problems_before = t->problems->len;
                bf_receipt rc = { 0 };
                const char *id, *number, *date;
                char *key;
                bf_po po;
                bool line_ok = false;

                if (!check_fields_count(t, row))
                        continue;
                id = cell(t, row, R_ID);
                number = cell(t, row, R_PO);
                if (!*id)
                        problem(t, row->line, "receipt_id is empty");
                if (!parse_int_cell(t, row, R_LINE, "line_no", true, 1, 100000, &rc.line_no))
                        continue;
                parse_decimal_cell(t, row, R_QTY, "quantity_received", true, true,
                                   &rc.quantity_received);
                date = cell(t, row, R_DATE);
                /* "03/04/2026" is March or April depending on who typed it: only
                 * ISO dates are taken, never guessed. */
                if (*date && date_parse_iso(date, &rc.received_date) < 0)
                        problem(t, row->line, "received_date '%s' is not a date as YYYY-MM-DD", date);
                po_init(&po);
                if (!*number)
                        problem(t, row->line, "po_number is empty");
                else if (store_po_load(app->store, number, 0, &po, NULL) < 0)
                        problem(t, row->line, "unknown PO '%s'", number);
                else {
                        for (size_t k = 0; k < po.n_lines; k++)
                                line_ok |= po.lines[k].line_no == rc.line_no;
                        if (!line_ok)
                                problem(t, row->line, "PO '%s' has no line %d", number, rc.line_no);
                }
                po_release(&po);
                key = g_strdup_printf("%s\x1f%s\x1f%d", id, number, rc.line_no);
                if (g_hash_table_contains(seen, key)) {
                        problem(t, row->line, "receipt '%s' for PO '%s' line %d appears twice",
                                id, number, rc.line_no);
                        g_free(key);
                } else {
                        g_hash_table_add(seen, key);
                }
                if (t->problems->len > problems_before)
                        continue;
                rc.receipt_id = bf_xstrdup(id);
                rc.po_number = bf_xstrdup(number);
                g_array_append_val(receipts, rc);
        }
        if (t->problems->len == 0 &&
            (r = store_rows(app, t, "receipts", upsert_receipt, receipts->data, sizeof(bf_receipt),
                            receipts->len, err)) == 0)
                *ret_rows = receipts->len;
        for (guint i = 0; i < receipts->len; i++)
                receipt_release(&g_array_index(receipts, bf_receipt, i));
        g_array_free(receipts, TRUE);
        return r;
}

enum { U_USER, U_NAME, U_EMAIL, U_ROLES, U_LIMIT, U_CURRENCY, U_DEPUTY, U__N };
static const char *const user_cols[U__N] = {
        "user", "name", "email", "roles", "approval_limit", "currency", "deputy",
};

static int upsert_user(bf_store *s, const void *item, struct bf_error *err)
{
        return store_user_upsert(s, item, err);
}

static int import_users(bf_app *app, struct table *t, size_t *ret_rows, struct bf_error *err)
{
        GArray *users = g_array_new(FALSE, TRUE, sizeof(bf_user));
        g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        int r = 0;

        if ((r = pipeline_app_check_user(app, ROLE_ADMIN, "import users", err)) < 0) {
                g_array_free(users, TRUE);
                return r;
        }
        map_header(t, user_cols, U__N, U_DEPUTY);
        bool header_ok = t->problems->len == 0;
        for (guint i = 1; header_ok && i < t->rows->len; i++) {
                const struct csv_row *row = &g_array_index(t->rows, struct csv_row, i);
                const char *id = cell(t, row, U_USER), *email = cell(t, row, U_EMAIL);
                const char *roles = cell(t, row, U_ROLES), *name = cell(t, row, U_NAME);
                bf_decimal limit;
                bf_user u = { 0 };

                if (!check_fields_count(t, row))
                        continue;
                if (!*id)
                        problem(t, row->line, "user is empty");
                else if (!g_hash_table_add(seen, g_strdup(id)))
                        problem(t, row->line, "user '%s' appears twice in the file", id);
                if (*email && (!strchr(email, '@') || strpbrk(email, " \t<>,;\"")))
                        problem(t, row->line, "email '%s' is not an address", email);
                if (*roles) {
                        g_auto(GStrv) parts = g_strsplit(roles, ";", -1);
                        for (char **p = parts; *p; p++) {
                                int bit;
                                g_strstrip(*p);
                                if (!**p)
                                        continue;
                                if ((bit = role_from_name(*p)) < 0)
                                        problem(t, row->line, "unknown role '%s' (clerk, reviewer, approver, admin)", *p);
                                else
                                        u.roles |= (unsigned)bit;
                        }
                }
                if (!u.roles)
                        problem(t, row->line, "roles is empty");
                parse_currency_cell(t, row, U_CURRENCY, u.approval_limit.currency);
                if (parse_decimal_cell(t, row, U_LIMIT, "approval_limit", false, true, &limit)) {
                        if (!u.approval_limit.currency[0])
                                problem(t, row->line, "approval_limit needs a currency");
                        else if (decimal_to_money(limit, u.approval_limit.currency, &u.approval_limit) < 0 ||
                                 decimal_cmp(decimal_from_money(u.approval_limit), limit) != 0)
                                problem(t, row->line, "approval_limit '%s' does not fit %s",
                                        cell(t, row, U_LIMIT), u.approval_limit.currency);
                        else
                                u.has_limit = true;
                }
                u.user_id = bf_xstrdup(id);
                u.name = *name ? bf_xstrdup(name) : NULL;
                u.email = *email ? bf_xstrdup(email) : NULL;
                u.deputy = *cell(t, row, U_DEPUTY) ? bf_xstrdup(cell(t, row, U_DEPUTY)) : NULL;
                g_array_append_val(users, u);
        }
        /* A deputy is a user of this file or one stored already. */
        for (guint i = 0; t->problems->len == 0 && i < users->len; i++) {
                const bf_user *u = &g_array_index(users, bf_user, i);
                bf_user other;
                if (!u->deputy || g_hash_table_contains(seen, u->deputy))
                        continue;
                if (store_user_get(app->store, u->deputy, &other, NULL) == 0)
                        user_release(&other);
                else
                        problem(t, (long)i + 2, "deputy '%s' of '%s' is not a user", u->deputy, u->user_id);
        }
        if (t->problems->len == 0 &&
            (r = store_rows(app, t, "users", upsert_user, users->data, sizeof(bf_user), users->len,
                            err)) == 0)
                *ret_rows = users->len;
        for (guint i = 0; i < users->len; i++)
                user_release(&g_array_index(users, bf_user, i));
        g_array_free(users, TRUE);
        return r;
}

enum { A_LEVEL, A_MIN, A_MAX, A_CURRENCY, A_VENDOR, A_ACCOUNT, A_APPROVER, A_COST_CENTRE, A__N };
static const char *const approval_cols[A__N] = {
        "level", "min_amount", "max_amount", "currency", "vendor_id", "account", "approver",
        "cost_centre",
};

/* The rule set replaces the stored one whole (a rule left out of the file is
 * a rule removed), in one transaction with its audit record. */
static int replace_rules_once(bf_app *app, const struct table *t,
                              const bf_approval_rule *rules, size_t n, struct bf_error *err)
{
        int r = store_begin(app->store, err);

        if (r == 0)
                r = store_approval_rules_replace(app->store, rules, n, err);
        if (r == 0)
                r = store_audit(app->store, app->user, "import", 0, "approvals", NULL, t->path, err);
        if (r == 0)
                return store_commit(app->store, err);
        store_rollback(app->store);
        return r;
}

static int replace_rules(bf_app *app, const struct table *t, const bf_approval_rule *rules,
                         size_t n, struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = replace_rules_once(app, t, rules, n, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
        }
}

static int import_approvals(bf_app *app, struct table *t, size_t *ret_rows, struct bf_error *err)
{
        GArray *rules = g_array_new(FALSE, TRUE, sizeof(bf_approval_rule));
        int r = 0;

        if ((r = pipeline_app_check_user(app, ROLE_ADMIN, "import approval rules", err)) < 0) {
                g_array_free(rules, TRUE);
                return r;
        }
        map_header(t, approval_cols, A__N, A_MIN);
        bool header_ok = t->problems->len == 0;
        for (guint i = 1; header_ok && i < t->rows->len; i++) {
                const struct csv_row *row = &g_array_index(t->rows, struct csv_row, i);
                const char *approver = cell(t, row, A_APPROVER), *vendor = cell(t, row, A_VENDOR);
                const char *account = cell(t, row, A_ACCOUNT), *cc = cell(t, row, A_COST_CENTRE);
                bf_approval_rule a = { 0 };

                if (!check_fields_count(t, row))
                        continue;
                parse_int_cell(t, row, A_LEVEL, "level", true, 1, RULES_MAX_APPROVAL_LEVELS, &a.level);
                a.has_min = parse_decimal_cell(t, row, A_MIN, "min_amount", false, true, &a.min_amount);
                a.has_max = parse_decimal_cell(t, row, A_MAX, "max_amount", false, true, &a.max_amount);
                if (a.has_min && a.has_max && decimal_cmp(a.min_amount, a.max_amount) >= 0)
                        problem(t, row->line, "min_amount must be below max_amount");
                parse_currency_cell(t, row, A_CURRENCY, a.currency);
                if (*vendor && !pipeline_find_vendor(app, vendor))
                        problem(t, row->line, "unknown vendor '%s'", vendor);
                if (*approver) {
                        bf_user u;
                        if (store_user_get(app->store, approver, &u, NULL) < 0) {
                                problem(t, row->line, "unknown user '%s' (import users first)", approver);
                        } else {
                                if (!(u.roles & (ROLE_APPROVER | ROLE_ADMIN)))
                                        problem(t, row->line, "user '%s' is not an approver", approver);
                                user_release(&u);
                        }
                }
                a.vendor_id = *vendor ? bf_xstrdup(vendor) : NULL;
                a.account = *account ? bf_xstrdup(account) : NULL;
                a.approver = *approver ? bf_xstrdup(approver) : NULL;
                a.cost_centre = *cc ? bf_xstrdup(cc) : NULL;
                g_array_append_val(rules, a);
        }
        if (t->problems->len == 0 &&
            (r = replace_rules(app, t, (const bf_approval_rule *)(void *)rules->data, rules->len,
                               err)) == 0)
                *ret_rows = rules->len;
        for (guint i = 0; i < rules->len; i++)
                approval_rule_release(&g_array_index(rules, bf_approval_rule, i));
        g_array_free(rules, TRUE);
        return r;
}

int pipeline_import_csv(bf_app *app, enum bf_import_kind kind, const char *path, size_t *ret_rows,
               char ***ret_problems, struct bf_error *err)
{
        struct table t = { .path = strcmp(path, "-") == 0 ? "<stdin>" : path };
        int r;

        *ret_rows = 0;
        *ret_problems = NULL;
        if ((r = read_csv(path, &t.rows, err)) < 0)
                return r;
        if (t.rows->len == 0) {
                rows_free(t.rows);
                return bf_error_set(err, BF_EINVAL, "'%s' is empty (a header row is needed)", path);
        }
        t.problems = g_ptr_array_new();
        switch (kind) {
        case IMPORT_VENDORS: r = import_vendors(app, &t, ret_rows, err); break;
        case IMPORT_POS: r = import_pos(app, &t, ret_rows, err); break;
        case IMPORT_RECEIPTS: r = import_receipts(app, &t, ret_rows, err); break;
        case IMPORT_USERS: r = import_users(app, &t, ret_rows, err); break;
        case IMPORT_APPROVALS: r = import_approvals(app, &t, ret_rows, err); break;
        }
        rows_free(t.rows);
        if (t.problems->len) {
                bf_error_set(err, BF_EINVAL, "%s", (char *)t.problems->pdata[0]);
                g_ptr_array_add(t.problems, NULL);
                *ret_problems = (char **)g_ptr_array_free(t.problems, FALSE);
                return BF_EINVAL;
        }
        g_ptr_array_free(t.problems, TRUE);
        if (r == 0 && kind == IMPORT_VENDORS)
                r = pipeline_app_reload_vendors(app, err);
        return r;
}

static int master_delete_once(bf_app *app, const char *kind, const char *id,
                              struct bf_error *err)
{
        int r = store_begin(app->store, err);

        if (r == 0)
                r = store_master_delete(app->store, kind, id, err);
        if (r == 0)
                r = store_audit(app->store, app->user, "delete", 0, kind, id, NULL, err);
        if (r == 0)
                return store_commit(app->store, err);
        store_rollback(app->store);
        return r;
}

int pipeline_master_delete(bf_app *app, const char *kind, const char *id, struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = master_delete_once(app, kind, id, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        break;
        }
        if (r == 0 && strcmp(kind, "vendor") == 0)
                r = pipeline_app_reload_vendors(app, err);
        return r;
}
