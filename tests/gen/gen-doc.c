/* gen-doc.c: the generator's invoice model: reading a JSON spec, filling in
 * defaults, and writing the ground-truth line in the contract's keys. */
#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "gen.h"

#define GEN_ERROR (g_quark_from_static_string("gen-invoice"))

struct gen_doc *gen_doc_new(void)
{
        struct gen_doc *doc = g_new0(struct gen_doc, 1);

        doc->vendor_address = g_ptr_array_new_with_free_func(g_free);
        doc->bill_to = g_ptr_array_new_with_free_func(g_free);
        doc->owned = g_ptr_array_new_with_free_func(g_free);
        doc->terms_days = -1;
        doc->tax_rate.v = -1;
        doc->lang = GEN_EN;
        doc->datefmt = GEN_N_DATEFMT;
        doc->numfmt = GEN_N_NUMFMT;
        doc->curstyle = GEN_N_CURSTYLE;
        return doc;
}

void gen_doc_free(struct gen_doc *doc)
{
        if (!doc)
                return;
        g_free(doc->vendor);
        g_ptr_array_unref(doc->vendor_address);
        g_free(doc->vat_id);
        g_free(doc->vat_id_label);
        g_ptr_array_unref(doc->bill_to);
        g_ptr_array_unref(doc->owned);
        g_free(doc->invoice_number);
        g_free(doc->terms);
        g_free(doc->customer_number);
        g_free(doc->currency);
        g_free(doc->po_number);
        for (size_t i = 0; i < doc->n_lines; i++)
                g_free(doc->lines[i].description);
        g_free(doc->lines);
        g_free(doc->title);
        g_free(doc->subtotal_label);
        g_free(doc->tax_label);
        g_free(doc->total_label);
        g_free(doc->bank);
        g_free(doc->iban);
        g_free(doc->bic);
        g_free(doc->font);
        g_free(doc->country);
        g_free(doc->locale);
        g_free(doc->time);
        g_free(doc->extra_id);
        for (size_t i = 0; i < doc->n_totrows; i++)
                g_free(doc->totrows[i].label);
        g_free(doc);
}

/* The first run of digits in the terms ("Net 30", "30 Tage netto"). */
static int terms_days(const char *terms)
{
        const char *p = terms;
        int n = 0, digits = 0;

        while (*p && !g_ascii_isdigit(*p))
                p++;
        for (; g_ascii_isdigit(*p) && digits < 4; p++, digits++)
                n = n * 10 + (*p - '0');
        return digits ? n : -1;
}

/* The rate for the tax label: the given one, else an exact whole
 * percentage of the subtotal; v < 0 when neither. */
static struct gen_dec label_rate(const struct gen_doc *doc)
{
        struct gen_dec none = { -1, 0 };

        if (doc->tax_rate.v >= 0)
                return doc->tax_rate;
        if (doc->subtotal <= 0 || (doc->tax * 100) % doc->subtotal != 0)
                return none;
        return (struct gen_dec){ doc->tax * 100 / doc->subtotal, 0 };
}

/* The country's usual number or date format: the first in its list. */
static int first_format(const char *list, int (*parse)(const char *, int *))
{
        char **v = g_strsplit(list, "|", 2);
        int r = -1;

        if (v[0] && parse(v[0], &r) < 0)
                r = -1;
        g_strfreev(v);
        return r;
}

/* Spec defaults for a language other than the first five, or a locale:
 * the country's currency, formats and an address there. */
static void country_defaults(struct gen_doc *doc)
{
        const struct gen_country *c = gen_country_for(doc->lang, doc->country);

        if (!c)
                return;
        if (!doc->country)
                doc->country = g_strdup(c->cc);
        if (!doc->locale)
                doc->locale = gen_country_locale(c);
        if (doc->vendor_address->len == 0) {
                g_ptr_array_add(doc->vendor_address, g_strdup(c->streets[0]));
                g_ptr_array_add(doc->vendor_address, g_strdup(c->cities[0]));
        }
        if (!doc->vendor)
                doc->vendor = gen_fill(c->forms[0], &c->stems[0], 1);
        if (!doc->currency)
                doc->currency = g_strdup(c->currency);
        if (doc->numfmt == GEN_N_NUMFMT)
                doc->numfmt = (enum gen_numfmt)first_format(c->numfmts, gen_numfmt_parse_int);
        if (doc->datefmt == GEN_N_DATEFMT)
                doc->datefmt = (enum gen_datefmt)first_format(c->datefmts, gen_datefmt_parse_int);
        if (doc->curstyle == GEN_N_CURSTYLE)
                doc->curstyle = c->cur_after == 2 ? GEN_CUR_CODE_BEFORE :
                        c->cur_after ? GEN_CUR_SYMBOL_AFTER : GEN_CUR_SYMBOL_BEFORE;
        if (!doc->vat_id_label && c->vat_label)
                doc->vat_id_label = g_strdup(c->vat_label[0]);
}

void gen_doc_finish(struct gen_doc *doc)
{
        struct gen_dec rate;
        int is_chf;

        for (int i = 0; i < GEN_N_LABEL; i++)
                if (!doc->labels[i])
                        doc->labels[i] = gen_label(doc->lang, (enum gen_label)i);
        if (doc->lang > GEN_ES || doc->country)
                country_defaults(doc);
        if (!doc->vendor)
                doc->vendor = g_strdup("ACME Industrial Supplies Ltd");
        if (doc->vendor_address->len == 0) {
                static const char *const addr[GEN_ES + 1][2] = {
                        [GEN_EN] = { "1 High Street", "Leeds LS1 1AA" },
                        [GEN_DE] = { "Industriestraße 12", "70565 Stuttgart" },
                        [GEN_FR] = { "14 rue de la République", "69002 Lyon" },
                        [GEN_NL] = { "Kanaalweg 18", "3526 KL Utrecht" },
                        [GEN_ES] = { "Calle Mayor 45", "28013 Madrid" },
                };

                g_ptr_array_add(doc->vendor_address, g_strdup(addr[doc->lang][0]));
                g_ptr_array_add(doc->vendor_address, g_strdup(addr[doc->lang][1]));
        }
        if (doc->bill_to->len == 0) {
                g_ptr_array_add(doc->bill_to, g_strdup("Globex Corp"));
                g_ptr_array_add(doc->bill_to, g_strdup("Attn: Accounts Payable"));
                g_ptr_array_add(doc->bill_to, g_strdup("742 Evergreen Terrace"));
                g_ptr_array_add(doc->bill_to, g_strdup("Springfield SP1 2AB"));
        }
        if (!doc->invoice_number)
                doc->invoice_number = g_strdup("INV-20931");
        if (doc->invoice_date.y == 0)
                doc->invoice_date = (struct gen_date){ 2026, 11, 3 };
        if (!doc->currency)
                doc->currency = g_strdup(doc->lang == GEN_EN ? "GBP" : "EUR");
        doc->minor = gen_currency_minor(doc->currency);
        is_chf = strcmp(doc->currency, "CHF") == 0;
        if (doc->datefmt == GEN_N_DATEFMT) {
                switch (doc->lang) {
                case GEN_EN:
                        doc->datefmt = strcmp(doc->currency, "USD") == 0 ?
                                GEN_DATE_MDY_SLASH : GEN_DATE_DMY_SLASH;
                        break;
                case GEN_DE:
                        doc->datefmt = GEN_DATE_DMY_DOT;
                        break;
                case GEN_NL:
                        doc->datefmt = GEN_DATE_DMY_DASH;
                        break;
                default:
                        doc->datefmt = GEN_DATE_DMY_SLASH;
                        break;
                }
        }
        if (doc->numfmt == GEN_N_NUMFMT) {
                static const enum gen_numfmt by_lang[GEN_ES + 1] = {
                        GEN_NUM_EN, GEN_NUM_DE, GEN_NUM_FR, GEN_NUM_DE, GEN_NUM_DE,
                };
                doc->numfmt = is_chf && doc->lang != GEN_EN ?
                        GEN_NUM_CH : by_lang[doc->lang];
        }
        if (doc->curstyle == GEN_N_CURSTYLE) {
                if (is_chf)
                        doc->curstyle = GEN_CUR_CODE_BEFORE;
                else if (doc->lang == GEN_EN)
                        doc->curstyle = GEN_CUR_SYMBOL_BEFORE;
                else
                        doc->curstyle = GEN_CUR_SYMBOL_AFTER;
        }
        doc->layout %= gen_n_layouts;
        if (doc->layout < 0)
                doc->layout += gen_n_layouts;
        if (!doc->title)
                doc->title = g_strdup(doc->labels[gen_layouts[doc->layout].kind ==
                                                  GEN_KIND_RECEIPT ? GEN_L_RECEIPT : GEN_L_TITLE]);
        if (!doc->subtotal_label)
                doc->subtotal_label = g_strdup(doc->labels[GEN_L_SUBTOTAL]);
        if (!doc->total_label)
                doc->total_label = g_strdup(doc->labels[GEN_L_TOTAL]);
        if (!doc->tax_label) {
                const char *word = doc->labels[GEN_L_TAX];

                if (doc->lang == GEN_EN && strcmp(doc->currency, "USD") == 0)
                        word = "Sales Tax";
                rate = label_rate(doc);
                if (rate.v >= 0) {
                        char *num = gen_dec_format(doc->numfmt, rate, 0);

                        doc->tax_label = g_strdup_printf("%s %s%s", word, num,
                                                         doc->lang == GEN_FR ? " %" : "%");
                        g_free(num);
                } else
                        doc->tax_label = g_strdup(word);
        }
        if (doc->terms && doc->terms_days < 0)
                doc->terms_days = terms_days(doc->terms);
        if (!doc->font)
                doc->font = g_strdup("Sans");
        doc->layout %= gen_n_layouts;
        if (doc->layout < 0)
                doc->layout += gen_n_layouts;
}

/* The printed due date, else the one the printed terms give; 0 if none. */
static int truth_due_date(const struct gen_doc *doc, struct gen_date *ret)
{
        if (doc->has_due_date) {
                *ret = doc->due_date;
                return 1;
        }
        if (doc->terms && doc->terms_days >= 0) {
                *ret = gen_date_add(doc->invoice_date, doc->terms_days);
                return 1;
        }
        return 0;
}

static void add_str(JsonBuilder *b, const char *key, const char *val)
{
        json_builder_set_member_name(b, key);
        if (val)
                json_builder_add_string_value(b, val);
        else
                json_builder_add_null_value(b);
}

static void add_owned(JsonBuilder *b, const char *key, char *val)
{
        add_str(b, key, val);
        g_free(val);
}

char *gen_doc_truth(const struct gen_doc *doc, const char *file,
                    const char *scan_quality)
{
        JsonBuilder *b = json_builder_new();
        JsonGenerator *g;
        JsonNode *root;
        struct gen_date due;
        int has_due = truth_due_date(doc, &due);
        char *out;

        json_builder_begin_object(b);
        add_str(b, "file", file);
        add_str(b, "vendor", doc->vendor);
        add_str(b, "invoice_number", doc->invoice_number);
        add_owned(b, "invoice_date", gen_date_iso(doc->invoice_date));
        add_owned(b, "due_date", has_due ? gen_date_iso(due) : NULL);
        add_str(b, "currency", doc->currency);
        add_owned(b, "subtotal", gen_money_plain(doc->subtotal, doc->minor));
        add_owned(b, "tax", gen_money_plain(doc->tax, doc->minor));
        add_owned(b, "total", gen_money_plain(doc->total, doc->minor));
        add_str(b, "po_number", doc->po_number);

        json_builder_set_member_name(b, "lines");
        json_builder_begin_array(b);
        for (size_t i = 0; i < doc->n_lines; i++) {
                const struct gen_line *l = &doc->lines[i];

                json_builder_begin_object(b);
                add_str(b, "description", l->description);
                add_owned(b, "quantity", gen_dec_plain(l->quantity, 0));
                add_owned(b, "unit_price", gen_dec_plain(l->unit_price, doc->minor));
                add_owned(b, "amount", gen_money_plain(l->amount, doc->minor));
                json_builder_end_object(b);
        }
        json_builder_end_array(b);

        json_builder_set_member_name(b, "labelled_fields");
        json_builder_begin_array(b);
        json_builder_add_string_value(b, "vendor");
        json_builder_add_string_value(b, "invoice_number");
        json_builder_add_string_value(b, "invoice_date");
        if (has_due)
                json_builder_add_string_value(b, "due_date");
        json_builder_add_string_value(b, "currency");
        if (gen_layouts[doc->layout].subtotal || doc->rich_totals)
                json_builder_add_string_value(b, "subtotal");
        json_builder_add_string_value(b, "tax");
        json_builder_add_string_value(b, "total");
        if (doc->po_number)
                json_builder_add_string_value(b, "po_number");
        if (doc->n_lines > 0)
                json_builder_add_string_value(b, "lines");
        json_builder_end_array(b);

        add_str(b, "language", gen_lang_name(doc->lang));
        if (doc->country) {
                add_str(b, "country", doc->country);
                add_str(b, "locale", doc->locale);
        }
        json_builder_set_member_name(b, "layout");
        json_builder_add_int_value(b, doc->layout);
        add_str(b, "layout_name", gen_layouts[doc->layout].name);
        if (doc->split)
                add_str(b, "split", doc->split == GEN_SPLIT_DEV ? "dev" : "val");
        add_str(b, "kind", gen_layouts[doc->layout].kind == GEN_KIND_RECEIPT ? "receipt" :
                "invoice");
        /* How the page prints them, for tests of the generator itself. */
        json_builder_set_member_name(b, "printed");
        json_builder_begin_object(b);
        add_str(b, "invoice_number", doc->invoice_number);
        add_owned(b, "total", gen_money_format(doc, doc->total, !doc->total_bare));
        json_builder_end_object(b);
        if (scan_quality)
                add_str(b, "scan_quality", scan_quality);
        if (scan_quality && strcmp(scan_quality, "clean") != 0 && doc->dpi > 0) {
                static const char *const marks[] = { "stamp", "scribble", "stain", "fold" };

                json_builder_set_member_name(b, "scan_dpi");
                json_builder_add_int_value(b, doc->dpi);
                json_builder_set_member_name(b, "scan_jpeg_quality");
                json_builder_add_int_value(b, doc->jpeg_quality);
                json_builder_set_member_name(b, "scan_marks");
                json_builder_begin_array(b);
                for (int i = 0; i < 4; i++)
                        if (doc->noise & (1 << i))
                                json_builder_add_string_value(b, marks[i]);
                json_builder_end_array(b);
        }
        json_builder_end_object(b);

        root = json_builder_get_root(b);
        g = json_generator_new();
        json_generator_set_root(g, root);
        out = json_generator_to_data(g, NULL);
        json_node_unref(root);
        g_object_unref(g);
        g_object_unref(b);
        return out;
}

/* Reads member key as a string: 1 found, 0 absent or null, -1 wrong type.
 * Integers and reals are accepted and turned into their decimal text. */
static int get_str(JsonObject *o, const char *key, char **ret, GError **err)
{
        JsonNode *n = json_object_get_member(o, key);
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        if (!n || JSON_NODE_HOLDS_NULL(n))
                return 0;
        if (!JSON_NODE_HOLDS_VALUE(n))
                goto bad;
        switch (json_node_get_value_type(n)) {
        case G_TYPE_STRING:
                if (strlen(json_node_get_string(n)) > GEN_MAX_TEXT)
                        goto bad;
                *ret = g_strdup(json_node_get_string(n));
                return 1;
        case G_TYPE_INT64:
                *ret = g_strdup_printf("%" G_GINT64_FORMAT, json_node_get_int(n));
                return 1;
        case G_TYPE_DOUBLE:
                *ret = g_strdup(g_ascii_dtostr(buf, sizeof(buf), json_node_get_double(n)));
                return 1;
        default:
                break;
        }
bad:
        g_set_error(err, GEN_ERROR, 1, "invalid '%s': expected a string", key);
        return -1;
}

/* Reads a string member into *field, leaving it alone when absent. */
static int take_str(JsonObject *o, const char *key, char **field, GError **err)
{
        char *s = NULL;
        int r = get_str(o, key, &s, err);

        if (r > 0) {
                g_free(*field);
                *field = s;
        }
        return r < 0 ? -1 : 0;
}

/* A whole number in [lo, hi], or a boolean (as 0/1) when lo..hi is 0..1;
 * absent or null leaves *field. */
static int take_int(JsonObject *o, const char *key, int lo, int hi, int *field, GError **err)
{
        JsonNode *n = json_object_get_member(o, key);
        GType t;
        gint64 v;

        if (!n || JSON_NODE_HOLDS_NULL(n))
                return 0;
        t = JSON_NODE_HOLDS_VALUE(n) ? json_node_get_value_type(n) : G_TYPE_INVALID;
        if (t == G_TYPE_BOOLEAN && lo == 0 && hi == 1)
                v = json_node_get_boolean(n);
        else if (t == G_TYPE_INT64)
                v = json_node_get_int(n);
        else
                v = (gint64)hi + 1;
        if (v < lo || v > hi) {
                g_set_error(err, GEN_ERROR, 1, "invalid '%s': expected %s", key,
                            lo == 0 && hi == 1 ? "true or false" : "a whole number in range");
                return -1;
        }
        *field = (int)v;
        return 0;
}

/* An address: an array of strings, or one string with newlines. */
static int take_lines(JsonObject *o, const char *key, GPtrArray *out, GError **err)
{
        JsonNode *n = json_object_get_member(o, key);
        JsonArray *a;

        if (!n || JSON_NODE_HOLDS_NULL(n))
                return 0;
        if (JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING) {
                char **parts = g_strsplit(json_node_get_string(n), "\n", 8);

                for (char **p = parts; *p; p++)
                        g_ptr_array_add(out, g_strdup(*p));
                g_strfreev(parts);
                return 0;
        }
        if (!JSON_NODE_HOLDS_ARRAY(n))
                goto bad;
        a = json_node_get_array(n);
        if (json_array_get_length(a) > 8)
                goto bad;
        for (guint i = 0; i < json_array_get_length(a); i++) {
                JsonNode *e = json_array_get_element(a, i);

                if (!JSON_NODE_HOLDS_VALUE(e) || json_node_get_value_type(e) != G_TYPE_STRING)
                        goto bad;
                g_ptr_array_add(out, g_strdup(json_node_get_string(e)));
        }
        return 0;
bad:
        g_set_error(err, GEN_ERROR, 1,
                    "invalid '%s': expected up to 8 strings", key);
        return -1;
}

static int take_money(JsonObject *o, const char *key, int minor, int64_t *ret,
                      int *found, GError **err)
{
        char *s = NULL;
        int r = get_str(o, key, &s, err);

        *found = r > 0;
        if (r <= 0)
                return r;
        if (gen_money_parse(s, minor, ret) < 0) {
                g_set_error(err, GEN_ERROR, 1,
                            "invalid '%s': '%s' is not an amount with at most %d decimals",
                            key, s, minor);
                g_free(s);
                return -1;
        }
        g_free(s);
        return 0;
}

static int take_enum(JsonObject *o, const char *key, int (*parse)(const char *, int *),
                     int *ret, GError **err)
{
        char *s = NULL;
        int r = get_str(o, key, &s, err);

        if (r <= 0)
                return r;
        if (parse(s, ret) < 0) {
                g_set_error(err, GEN_ERROR, 1, "invalid '%s': unknown value '%s'", key, s);
                g_free(s);
                return -1;
        }
        g_free(s);
        return 0;
}

int gen_datefmt_parse_int(const char *s, int *ret)
{
        enum gen_datefmt v;

        if (gen_datefmt_parse(s, &v) < 0)
                return -1;
        *ret = (int)v;
        return 0;
}

int gen_numfmt_parse_int(const char *s, int *ret)
{
        enum gen_numfmt v;

        if (gen_numfmt_parse(s, &v) < 0)
                return -1;
        *ret = (int)v;
        return 0;
}

static int parse_curstyle(const char *s, int *ret)
{
        enum gen_curstyle v;

        if (gen_curstyle_parse(s, &v) < 0)
                return -1;
        *ret = (int)v;
        return 0;
}

static int take_date(JsonObject *o, const char *key, struct gen_date *ret,
                     int *found, GError **err)
{
        char *s = NULL;
        int r = get_str(o, key, &s, err);

        *found = r > 0;
        if (r <= 0)
                return r;
        if (gen_date_parse(s, ret) < 0) {
                g_set_error(err, GEN_ERROR, 1, "invalid '%s': '%s' is not YYYY-MM-DD",
                            key, s);
                g_free(s);
                return -1;
        }
        g_free(s);
        return 0;
}

static int take_dec(JsonObject *o, const char *key, struct gen_dec *ret,
                    int *found, size_t line, GError **err)
{
        char *s = NULL;
        int r = get_str(o, key, &s, err);

        *found = r > 0;
        if (r <= 0)
                return r;
        if (gen_dec_parse(s, ret) < 0) {
                g_set_error(err, GEN_ERROR, 1, "invalid '%s' on line %zu: '%s'",
                            key, line, s);
                g_free(s);
                return -1;
        }
        g_free(s);
        return 0;
}

static int load_line(JsonNode *n, size_t no, int minor, struct gen_line *l, GError **err)
{
        JsonObject *o;
        int has_qty, has_price, has_amount;
        int64_t prod;
        struct gen_dec amount_dec;

        if (!JSON_NODE_HOLDS_OBJECT(n)) {
                g_set_error(err, GEN_ERROR, 1, "invalid line %zu: expected an object", no);
                return -1;
        }
        o = json_node_get_object(n);
        if (take_str(o, "description", &l->description, err) < 0 ||
            take_dec(o, "quantity", &l->quantity, &has_qty, no, err) < 0 ||
            take_dec(o, "unit_price", &l->unit_price, &has_price, no, err) < 0 ||
            take_money(o, "amount", minor, &l->amount, &has_amount, err) < 0)
                return -1;
        if (!l->description)
                l->description = g_strdup_printf("Item %zu", no);
        if (!has_qty)
                l->quantity = (struct gen_dec){ 1, 0 };
        if (!has_price) {
                if (!has_amount || l->quantity.v != 1 || l->quantity.scale != 0) {
                        g_set_error(err, GEN_ERROR, 1, "invalid line %zu: no unit_price", no);
                        return -1;
                }
                amount_dec = (struct gen_dec){ l->amount, minor };
                l->unit_price = amount_dec;
        }
        if (__builtin_mul_overflow(l->quantity.v, l->unit_price.v, &prod) ||
            prod > INT64_C(100000000000000) || prod < -INT64_C(100000000000000)) {
                g_set_error(err, GEN_ERROR, 1, "invalid line %zu: amount too large", no);
                return -1;
        }
        if (!has_amount)
                l->amount = gen_line_amount(l->quantity, l->unit_price, minor);
        return 0;
}

/* "language": a language or a locale ("de-CH"): the language and its country. */
static int take_locale(JsonObject *o, struct gen_doc *doc, int *lang, GError **err)
{
        char *s = NULL, cc[3];
        enum gen_lang l;
        int r = get_str(o, "language", &s, err);

        if (r <= 0)
                return r;
        if (gen_locale_parse(s, &l, cc) < 0 || (cc[0] && !gen_country_for(l, cc))) {
                g_set_error(err, GEN_ERROR, 1, "invalid 'language': unknown value '%s'", s);
                g_free(s);
                return -1;
        }
        *lang = (int)l;
        if (cc[0]) {
                doc->country = g_strdup(cc);
                doc->locale = g_strdup(s);
        }
        g_free(s);
        return 0;
}

static const char *const label_keys[GEN_N_LABEL] = {
        "title", "invoice_no", "invoice_date", "due_date", "po", "terms", "customer_no",
        "bill_to", "pos", "desc", "qty", "unit", "amount", "subtotal", "tax", "total",
        "vat_id", "bank", "iban", "bic", "page", "thanks", "receipt", "receipt_no", "cash",
        "change", "card", "vat_col",
};

/* "labels": {"invoice_no": "Inv #:", ...}, overriding the language's
 * wordings one by one. The strings live as long as the spec's doc: they
 * are kept in a list freed with it. */
static int take_labels(JsonObject *o, struct gen_doc *doc, GError **err)
{
        JsonNode *n = json_object_get_member(o, "labels");
        JsonObject *lo;
        GList *keys;
        int r = 0;

        if (!n || JSON_NODE_HOLDS_NULL(n))
                return 0;
        if (!JSON_NODE_HOLDS_OBJECT(n)) {
                g_set_error(err, GEN_ERROR, 1, "invalid 'labels': expected an object");
                return -1;
        }
        lo = json_node_get_object(n);
        keys = json_object_get_members(lo);
        for (GList *k = keys; k && r == 0; k = k->next) {
                int id = -1;
                char *v = NULL;

                for (int i = 0; i < GEN_N_LABEL; i++)
                        if (strcmp(k->data, label_keys[i]) == 0)
                                id = i;
                if (id < 0) {
                        g_set_error(err, GEN_ERROR, 1, "invalid 'labels': unknown label '%s'",
                                    (char *)k->data);
                        r = -1;
                } else if ((r = get_str(lo, k->data, &v, err)) > 0) {
                        g_ptr_array_add(doc->owned, v);
                        doc->labels[id] = v;
                        r = 0;
                }
        }
        g_list_free(keys);
        return r;
}

/* Bank and VAT defaults: the registries' published example IBANs; for the
 * other languages a valid id and IBAN of the country, drawn from a fixed
 * seed. */
static void default_identity(JsonObject *o, struct gen_doc *doc)
{
        static const struct {
                const char *vat, *bank, *iban, *bic;
        } d[GEN_N_LANG] = {
                [GEN_EN] = { "GB123456789", "Barclays Bank plc",
                             "GB29 NWBK 6016 1331 9268 19", "NWBKGB2L" },
                [GEN_DE] = { "DE123456789", "Commerzbank AG",
                             "DE89 3704 0044 0532 0130 00", "COBADEFFXXX" },
                [GEN_FR] = { "FR12345678901", "BNP Paribas",
                             "FR14 2004 1010 0505 0001 3M02 606", "BNPAFRPPXXX" },
                [GEN_NL] = { "NL123456789B01", "ABN AMRO",
                             "NL91 ABNA 0417 1643 00", "ABNANL2A" },
                [GEN_ES] = { "ESB12345678", "CaixaBank",
                             "ES91 2100 0418 4502 0005 1332", "CAIXESBBXXX" },
        };

        if (doc->lang > GEN_ES || doc->country) {
                const struct gen_country *c = gen_country_for(doc->lang, doc->country);
                struct gen_rng r;

                gen_rng_init(&r, 20261206);
                if (!c)
                        return;
                if (!json_object_has_member(o, "vat_id"))
                        doc->vat_id = gen_vat_id(&r, c->cc);
                if (!json_object_has_member(o, "bank"))
                        doc->bank = g_strdup(c->banks[0]);
                if (!json_object_has_member(o, "iban") && c->iban)
                        doc->iban = gen_iban(&r, c->cc, c->iban);
                if (!json_object_has_member(o, "bic") && c->iban)
                        doc->bic = g_strdup_printf("BANK%sXX", c->cc);
                return;
        }
        /* Absent: the default; an explicit null: not printed. */
        if (!json_object_has_member(o, "vat_id"))
                doc->vat_id = g_strdup(d[doc->lang].vat);
        if (!json_object_has_member(o, "bank"))
                doc->bank = g_strdup(d[doc->lang].bank);
        if (!json_object_has_member(o, "iban"))
                doc->iban = g_strdup(d[doc->lang].iban);
        if (!json_object_has_member(o, "bic"))
                doc->bic = g_strdup(d[doc->lang].bic);
}

/* The default lines match the default totals 179.00 / 35.80 / 214.80. */
static void default_lines(struct gen_doc *doc)
{
        doc->n_lines = 2;
        doc->lines = g_new0(struct gen_line, 2);
        doc->lines[0] = (struct gen_line){ g_strdup("Steel bolts M8"), { 200, 0 },
                                           { 45, 2 }, 0 };
        doc->lines[1] = (struct gen_line){ g_strdup("Hex nuts M8, zinc plated"),
                                           { 100, 0 }, { 89, 2 }, 0 };
        for (size_t i = 0; i < 2; i++)
                doc->lines[i].amount = gen_line_amount(doc->lines[i].quantity,
                                                       doc->lines[i].unit_price,
                                                       doc->minor);
}

static int load_object(JsonObject *o, struct gen_doc *doc, GError **err)
{
        JsonNode *lines;
        int lang = GEN_EN, datefmt = GEN_N_DATEFMT, numfmt = GEN_N_NUMFMT;
        int curstyle = GEN_N_CURSTYLE;
        int has_date, has_sub, has_tax, has_total;
        char *rate_s = NULL, *layout_s = NULL;
        struct gen_dec rate = { -1, 0 };

        if (take_locale(o, doc, &lang, err) < 0 ||
            take_enum(o, "date_format", gen_datefmt_parse_int, &datefmt, err) < 0 ||
            take_enum(o, "number_format", gen_numfmt_parse_int, &numfmt, err) < 0 ||
            take_enum(o, "currency_style", parse_curstyle, &curstyle, err) < 0)
                return -1;
        doc->lang = (enum gen_lang)lang;
        doc->datefmt = (enum gen_datefmt)datefmt;
        doc->numfmt = (enum gen_numfmt)numfmt;
        doc->curstyle = (enum gen_curstyle)curstyle;

        if (take_str(o, "vendor", &doc->vendor, err) < 0 ||
            take_lines(o, "vendor_address", doc->vendor_address, err) < 0 ||
            take_str(o, "vat_id", &doc->vat_id, err) < 0 ||
            take_str(o, "vat_id_label", &doc->vat_id_label, err) < 0 ||
            take_lines(o, "bill_to", doc->bill_to, err) < 0 ||
            take_str(o, "invoice_number", &doc->invoice_number, err) < 0 ||
            take_date(o, "invoice_date", &doc->invoice_date, &has_date, err) < 0 ||
            take_date(o, "due_date", &doc->due_date, &doc->has_due_date, err) < 0 ||
            take_str(o, "terms", &doc->terms, err) < 0 ||
            take_str(o, "customer_number", &doc->customer_number, err) < 0 ||
            take_str(o, "currency", &doc->currency, err) < 0 ||
            take_str(o, "po_number", &doc->po_number, err) < 0 ||
            take_str(o, "title", &doc->title, err) < 0 ||
            take_str(o, "subtotal_label", &doc->subtotal_label, err) < 0 ||
            take_str(o, "tax_label", &doc->tax_label, err) < 0 ||
            take_str(o, "total_label", &doc->total_label, err) < 0 ||
            take_str(o, "bank", &doc->bank, err) < 0 ||
            take_str(o, "iban", &doc->iban, err) < 0 ||
            take_str(o, "bic", &doc->bic, err) < 0 ||
            take_str(o, "font", &doc->font, err) < 0 ||
            take_str(o, "tax_rate", &rate_s, err) < 0 ||
            take_str(o, "layout", &layout_s, err) < 0 ||
            take_int(o, "rows_per_page", 0, GEN_MAX_LINES, &doc->page_rows, err) < 0 ||
            take_int(o, "repeat_header", 0, 1, &doc->repeat_header, err) < 0 ||
            take_labels(o, doc, err) < 0)
                goto fail;
        default_identity(o, doc);
        if (layout_s) {
                char *end;
                long v = strtol(layout_s, &end, 10);

                for (int i = 0; *end && i < gen_n_layouts; i++)
                        if (strcmp(layout_s, gen_layouts[i].name) == 0) {
                                v = i;
                                end = layout_s + strlen(layout_s);
                        }
                if (*end || v < 0 || v > 1000) {
                        g_set_error(err, GEN_ERROR, 1, "invalid 'layout': '%s'", layout_s);
                        goto fail;
                }
                doc->layout = (int)v;
        }
        if (rate_s && (gen_dec_parse(rate_s, &rate) < 0 || rate.v < 0 || rate.v > 100000 ||
                       rate.scale > 2)) {
                g_set_error(err, GEN_ERROR, 1, "invalid 'tax_rate': '%s'", rate_s);
                goto fail;
        }
        if (doc->currency && (strlen(doc->currency) != 3 ||
                              !g_ascii_isupper(doc->currency[0]) ||
                              !g_ascii_isupper(doc->currency[1]) ||
                              !g_ascii_isupper(doc->currency[2]))) {
                g_set_error(err, GEN_ERROR, 1, "invalid 'currency': '%s'", doc->currency);
                goto fail;
        }
        if (!doc->currency) {
                const struct gen_country *c = gen_country_for(doc->lang, doc->country);

                if ((doc->lang > GEN_ES || doc->country) && c)
                        doc->currency = g_strdup(c->currency);
                else
                        doc->currency = g_strdup(doc->lang == GEN_EN ? "GBP" : "EUR");
        }
        doc->minor = gen_currency_minor(doc->currency);

        lines = json_object_get_member(o, "lines");
        if (lines && !JSON_NODE_HOLDS_NULL(lines)) {
                JsonArray *a;

                if (!JSON_NODE_HOLDS_ARRAY(lines) ||
                    json_array_get_length(json_node_get_array(lines)) > GEN_MAX_LINES) {
                        g_set_error(err, GEN_ERROR, 1,
                                    "invalid 'lines': expected up to %d objects",
                                    GEN_MAX_LINES);
                        goto fail;
                }
                a = json_node_get_array(lines);
                doc->lines = g_new0(struct gen_line, json_array_get_length(a) + 1);
                for (guint i = 0; i < json_array_get_length(a); i++) {
                        doc->n_lines = i + 1;
                        if (load_line(json_array_get_element(a, i), i + 1, doc->minor,
                                      &doc->lines[i], err) < 0)
                                goto fail;
                }
        } else {
                default_lines(doc);
        }

        if (take_money(o, "subtotal", doc->minor, &doc->subtotal, &has_sub, err) < 0 ||
            take_money(o, "tax", doc->minor, &doc->tax, &has_tax, err) < 0 ||
            take_money(o, "total", doc->minor, &doc->total, &has_total, err) < 0)
                goto fail;
        if (!has_sub) {
                doc->subtotal = 0;
                for (size_t i = 0; i < doc->n_lines; i++)
                        doc->subtotal += doc->lines[i].amount;
        }
        if (!has_tax) {
                const char *pct;

                /* "VAT 20%" in the label stands for the rate when none is given. */
                if (rate.v < 0 && doc->tax_label && (pct = strchr(doc->tax_label, '%'))) {
                        const char *p = pct;

                        while (p > doc->tax_label && (g_ascii_isdigit(p[-1]) ||
                                                      p[-1] == '.' || p[-1] == ' '))
                                p--;
                        char *num = g_strstrip(g_strndup(p, (gsize)(pct - p)));
                        if (gen_dec_parse(num, &rate) < 0 || rate.v > 100000 ||
                            rate.scale > 2)
                                rate.v = -1;
                        g_free(num);
                }
                if (rate.v < 0 && !doc->tax_label)
                        rate = (struct gen_dec){ 20, 0 };
                if (rate.v >= 0) {
                        int64_t den = 100;

                        doc->tax_rate = rate;

                        for (int i = 0; i < rate.scale; i++)
                                den *= 10;
                        doc->tax = gen_round_div(doc->subtotal * rate.v, den);
                }
        }
        if (has_tax && rate_s)
                doc->tax_rate = rate;
        if (!has_total)
                doc->total = doc->subtotal + doc->tax;
        if (!has_date)
                doc->invoice_date = (struct gen_date){ 2026, 11, 3 };
        g_free(rate_s);
        g_free(layout_s);
        return 0;
fail:
        g_free(rate_s);
        g_free(layout_s);
        return -1;
}

int gen_doc_load(const char *path, struct gen_doc **ret, GError **err)
{
        JsonParser *p = json_parser_new();
        struct gen_doc *doc = NULL;
        JsonNode *root;
        GError *e = NULL;
        int r = -1;

        if (!json_parser_load_from_file(p, path, &e)) {
                g_set_error(err, GEN_ERROR, 1, "cannot read '%s': %s", path, e->message);
                g_error_free(e);
                goto out;
        }
        root = json_parser_get_root(p);
        if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
                g_set_error(err, GEN_ERROR, 1, "cannot read '%s': not a JSON object", path);
                goto out;
        }
        doc = gen_doc_new();
        if (load_object(json_node_get_object(root), doc, &e) < 0) {
                g_set_error(err, GEN_ERROR, 1, "bad spec '%s': %s", path, e->message);
                g_error_free(e);
                goto out;
        }
        gen_doc_finish(doc);
        *ret = doc;
        doc = NULL;
        r = 0;
out:
        gen_doc_free(doc);
        g_object_unref(p);
        return r;
}
