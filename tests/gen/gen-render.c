/* gen-render.c: draws an invoice page with cairo's toy text API, to a PDF
 * with a real text layer or to a greyscale PNG that looks like a scan. */
#include <math.h>
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>

#include "gen.h"

#define GEN_ERROR (g_quark_from_static_string("gen-invoice"))

/* name, letterhead_right, meta_left, stacked, line_numbers, subtotal, ruled,
 * kind, meta_style, totals_left, band, vat_col */
const struct gen_layout gen_layouts[] = {
        { "classic",              0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 },
        { "mirrored-ruled",       1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0 },
        { "strip-ruled-nosub",    0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0 },
        { "strip-right-numbered", 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0 },
        { "meta-left-nosub",      0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0 },
        { "right-ruled",          1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0 },
        { "strip-numbered-ruled", 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0 },
        { "mirrored-nosub",       1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
        { "boxed-meta",           0, 0, 0, 0, 1, 0, GEN_KIND_INVOICE, GEN_META_BOX, 0, 0, 1 },
        { "labels-above",         1, 0, 0, 1, 1, 0, GEN_KIND_INVOICE, GEN_META_ABOVE, 0, 0, 0 },
        { "two-column-header",    0, 0, 0, 0, 1, 1, GEN_KIND_INVOICE, GEN_META_TWO_COL, 0, 0, 0 },
        { "totals-left",          0, 0, 0, 1, 1, 0, GEN_KIND_INVOICE, GEN_META_ROWS, 1, 0, 0 },
        { "band-header",          0, 1, 0, 0, 1, 0, GEN_KIND_INVOICE, GEN_META_ROWS, 0, 1, 0 },
        { "leaders",              1, 0, 0, 0, 1, 1, GEN_KIND_INVOICE, GEN_META_LEADERS, 0, 0, 1 },
        { "receipt",              0, 0, 0, 0, 0, 0, GEN_KIND_RECEIPT, 0, 0, 0, 0 },
        { "letter",               0, 0, 0, 0, 1, 0, GEN_KIND_LETTER, GEN_META_ROWS, 0, 0, 0 },
        { "grid-strip-vat",       0, 0, 1, 1, 0, 1, GEN_KIND_INVOICE, GEN_META_ROWS, 1, 1, 1 },
};
const int gen_n_layouts = (int)G_N_ELEMENTS(gen_layouts);

#define LX 50.0                 /* left margin */
#define RX 545.0                /* right margin */
#define X_QTY 372.0             /* right edges of the number columns */
#define X_UNIT 455.0
#define X_AMOUNT 539.0
#define X_DESC_END 322.0

/* Where the footer starts: 76 pt above the page's foot (766 on A4). */
static double footer_y(const struct gen_doc *doc)
{
        return (doc->page_h > 0 ? doc->page_h : GEN_PAGE_H) - 76;
}

enum align { AL_LEFT, AL_RIGHT, AL_CENTER };

struct kv {
        char *label;            /* as printed in label:value style */
        char *plain;            /* without the colon, for the strip */
        char *value;
};

static void set_font(cairo_t *cr, const char *face, int bold, double size)
{
        cairo_select_font_face(cr, face, CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, size);
}

static double text_w(cairo_t *cr, const char *s)
{
        cairo_text_extents_t e;

        cairo_text_extents(cr, s, &e);
        return e.x_advance;
}

static void show(cairo_t *cr, double x, double y, const char *s, enum align al)
{
        double w = text_w(cr, s);

        if (al == AL_RIGHT)
                x -= w;
        else if (al == AL_CENTER)
                x -= w / 2;
        cairo_move_to(cr, x, y);
        cairo_show_text(cr, s);
}

/* Selects the font at size, smaller if s would be wider than max_w. */
static double fit_font(cairo_t *cr, const char *face, int bold, double size,
                       const char *s, double max_w)
{
        set_font(cr, face, bold, size);
        while (size > 5.5 && text_w(cr, s) > max_w) {
                size -= 0.5;
                set_font(cr, face, bold, size);
        }
        return size;
}

static void grey(cairo_t *cr, double g)
{
        cairo_set_source_rgb(cr, g, g, g);
}

static void hline(cairo_t *cr, double x0, double x1, double y, double width, double g)
{
        grey(cr, g);
        cairo_set_line_width(cr, width);
        cairo_move_to(cr, x0, y);
        cairo_line_to(cr, x1, y);
        cairo_stroke(cr);
        grey(cr, 0);
}

/* Greedy word wrap into at most max_lines lines; the last takes the rest. */
static GPtrArray *wrap(cairo_t *cr, const char *s, double max_w, int max_lines)
{
        GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
        char **words = g_strsplit(s, " ", -1);
        GString *cur = g_string_new(NULL);

        for (char **w = words; *w; w++) {
                if (!**w)
                        continue;
                if (cur->len > 0 && (int)out->len < max_lines - 1) {
                        char *try = g_strconcat(cur->str, " ", *w, NULL);
                        int fits = text_w(cr, try) <= max_w;

                        g_free(try);
                        if (!fits) {
                                g_ptr_array_add(out, g_strdup(cur->str));
                                g_string_truncate(cur, 0);
                        }
                }
                if (cur->len > 0)
                        g_string_append_c(cur, ' ');
                g_string_append(cur, *w);
        }
        if (cur->len > 0 || out->len == 0)
                g_ptr_array_add(out, g_strdup(cur->str));
        g_string_free(cur, TRUE);
        g_strfreev(words);
        return out;
}

static void kv_add(GArray *a, const char *label, char *value)
{
        struct kv kv = { g_strdup(label), gen_label_plain(label), value };

        g_array_append_val(a, kv);
}

static GArray *meta_items(const struct gen_doc *doc)
{
        GArray *a = g_array_new(FALSE, FALSE, sizeof(struct kv));
        enum gen_lang lang = doc->lang;

        kv_add(a, doc->labels[GEN_L_INVOICE_NO], g_strdup(doc->invoice_number));
        kv_add(a, doc->labels[GEN_L_INVOICE_DATE],
               gen_date_format(lang, doc->datefmt, doc->invoice_date));
        if (doc->has_due_date)
                kv_add(a, doc->labels[GEN_L_DUE_DATE],
                       gen_date_format(lang, doc->datefmt, doc->due_date));
        if (doc->customer_number)
                kv_add(a, doc->labels[GEN_L_CUSTOMER_NO], g_strdup(doc->customer_number));
        if (doc->po_number)
                kv_add(a, doc->labels[GEN_L_PO], g_strdup(doc->po_number));
        if (doc->terms)
                kv_add(a, doc->labels[GEN_L_TERMS], g_strdup(doc->terms));
        return a;
}

static void meta_free(GArray *a)
{
        for (guint i = 0; i < a->len; i++) {
                struct kv *kv = &g_array_index(a, struct kv, i);

                g_free(kv->label);
                g_free(kv->plain);
                g_free(kv->value);
        }
        g_array_free(a, TRUE);
}

/* Draws rows of label:value with the values in one column; returns the
 * bottom. right_limit: shift left so the widest value ends before it. */
static double draw_kv_rows(cairo_t *cr, const char *face, GArray *a, guint from,
                           guint to, double x, double y, double right_limit)
{
        double lw = 0, vw = 0;

        for (guint i = from; i < to; i++) {
                struct kv *kv = &g_array_index(a, struct kv, i);

                set_font(cr, face, 0, 9);
                lw = fmax(lw, text_w(cr, kv->label));
                set_font(cr, face, 1, 9);
                vw = fmax(vw, text_w(cr, kv->value));
        }
        if (x + lw + 10 + vw > right_limit)
                x = fmax(LX, right_limit - lw - 10 - vw);
        for (guint i = from; i < to; i++) {
                struct kv *kv = &g_array_index(a, struct kv, i);

                set_font(cr, face, 0, 9);
                show(cr, x, y, kv->label, AL_LEFT);
                set_font(cr, face, 1, 9);
                show(cr, x + lw + 10, y, kv->value, AL_LEFT);
                y += 14;
        }
        return y;
}

static double draw_bill_to(cairo_t *cr, const struct gen_doc *doc, double x, double y)
{
        set_font(cr, doc->font, 1, 9);
        grey(cr, 0.3);
        show(cr, x, y, doc->labels[GEN_L_BILL_TO], AL_LEFT);
        grey(cr, 0);
        y += 14;
        for (guint i = 0; i < doc->bill_to->len; i++) {
                fit_font(cr, doc->font, i == 0, 9.5, g_ptr_array_index(doc->bill_to, i), 230);
                show(cr, x, y, g_ptr_array_index(doc->bill_to, i), AL_LEFT);
                y += 12.5;
        }
        return y;
}

/* The strip: a row of cells, label above value. Items that do not fit
 * stay behind for label:value rows; returns how many went in. */
static guint draw_strip(cairo_t *cr, const char *face, GArray *a, double y)
{
        double widths[16], total = 0, x = LX, extra;
        guint n = 0;

        for (guint i = 0; i < a->len && i < G_N_ELEMENTS(widths); i++) {
                struct kv *kv = &g_array_index(a, struct kv, i);
                double w;

                set_font(cr, face, 0, 7.5);
                w = text_w(cr, kv->plain);
                set_font(cr, face, 1, 9.5);
                w = fmax(w, text_w(cr, kv->value)) + 14;
                if (total + w > RX - LX)
                        break;
                widths[n++] = w;
                total += w;
        }
        extra = n ? (RX - LX - total) / n : 0;
        hline(cr, LX, RX, y - 4, 0.8, 0.4);
        hline(cr, LX, RX, y + 28, 0.8, 0.4);
        for (guint i = 0; i < n; i++) {
                struct kv *kv = &g_array_index(a, struct kv, i);

                set_font(cr, face, 0, 7.5);
                grey(cr, 0.35);
                show(cr, x + 4, y + 7, kv->plain, AL_LEFT);
                grey(cr, 0);
                set_font(cr, face, 1, 9.5);
                show(cr, x + 4, y + 21, kv->value, AL_LEFT);
                x += widths[i] + extra;
        }
        return n;
}

static double draw_letterhead(cairo_t *cr, const struct gen_doc *doc,
                              const struct gen_layout *lay)
{
        double hx = lay->letterhead_right ? RX : LX;
        enum align al = lay->letterhead_right ? AL_RIGHT : AL_LEFT;
        double y = 86;

        if (lay->band) {
                /* White on a dark band: the vendor and the title. */
                cairo_rectangle(cr, 0, 42, doc->page_w > 0 ? doc->page_w : GEN_PAGE_W, 40);
                grey(cr, 0.22);
                cairo_fill(cr);
                grey(cr, 1);
                y = 100;
        } else {
                grey(cr, 0);
        }
        fit_font(cr, doc->font, 1, 17, doc->vendor, 280);
        show(cr, hx, 68, doc->vendor, al);
        grey(cr, 0);
        set_font(cr, doc->font, 0, 9);
        for (guint i = 0; i < doc->vendor_address->len; i++) {
                show(cr, hx, y, g_ptr_array_index(doc->vendor_address, i), al);
                y += 12;
        }
        if (doc->vat_id) {
                char *s = g_strdup_printf("%s %s", doc->vat_id_label ? doc->vat_id_label :
                                          doc->labels[GEN_L_VAT_ID], doc->vat_id);

                show(cr, hx, y, s, al);
                g_free(s);
                y += 12;
        }
        if (doc->extra_id) {
                show(cr, hx, y, doc->extra_id, al);
                y += 12;
        }
        fit_font(cr, doc->font, 1, 22, doc->title, 190);
        grey(cr, lay->band ? 1 : 0.15);
        show(cr, lay->letterhead_right ? LX : RX, 72, doc->title,
             lay->letterhead_right ? AL_LEFT : AL_RIGHT);
        grey(cr, 0);
        return y;
}

struct row {
        GPtrArray *desc;        /* wrapped lines */
        char *qty, *unit, *amount;
};

/* Right edges of the number columns (and the VAT one, when the layout
 * has it) and the end of the description column. */
struct cols {
        double desc_end, qty, unit, vat, amount;
};

static struct cols table_cols(const struct gen_layout *lay)
{
        if (lay->vat_col)
                return (struct cols){ 282, 322, 400, 455, X_AMOUNT };
        return (struct cols){ X_DESC_END, X_QTY, X_UNIT, 0, X_AMOUNT };
}

/* How much more room than the plain totals' the rich amount block takes. */
static double rich_extra(const struct gen_doc *doc)
{
        double h = 0;

        if (!doc->rich_totals)
                return 0;
        for (size_t i = 0; i < doc->n_totrows; i++)
                h += doc->totrows[i].strong ? 29 : 15;
        if (doc->n_summary)
                h += 28 + 13.0 * (double)doc->n_summary;
        return h > 60 ? h - 60 : 0;
}

/* Rows [from, to) of the line-item table from y, under its header row
 * when `header`; returns its bottom. */
static double draw_table(cairo_t *cr, const struct gen_doc *doc, const struct gen_layout *lay,
                         double y, double max_bottom, size_t from, size_t to, int header)
{
        const char *face = doc->font;
        double x_desc = lay->line_numbers ? LX + 36 : LX + 6;
        double size = 9.5, lh = 12, need, f = 1, top = y;
        struct row *rows = g_new0(struct row, doc->n_lines + 1);
        struct cols c = table_cols(lay);
        char *vat = NULL;

        if (lay->vat_col) {
                char *n = gen_dec_format(doc->numfmt, doc->tax_rate.v >= 0 ? doc->tax_rate :
                                         (struct gen_dec){ 0, 0 }, 0);

                vat = g_strdup_printf("%s%%", n);
                g_free(n);
        }

        for (size_t i = 0; i < doc->n_lines; i++) {
                const struct gen_line *l = &doc->lines[i];

                rows[i].qty = gen_dec_format(doc->numfmt, l->quantity, 0);
                rows[i].unit = gen_dec_format(doc->numfmt, l->unit_price, doc->minor);
                rows[i].amount = gen_money_format(doc, l->amount, 0);
        }
        /* Long specs: squeeze the rows (and rewrap) rather than run off the page. */
        for (;;) {
                need = 0;
                set_font(cr, face, 0, size * f);
                for (size_t i = from; i < to; i++) {
                        if (rows[i].desc)
                                g_ptr_array_unref(rows[i].desc);
                        rows[i].desc = wrap(cr, doc->lines[i].description,
                                            c.desc_end - x_desc, 3);
                        need += (6 + lh * rows[i].desc->len) * f;
                }
                if (y + 20 + need <= max_bottom || f <= 0.45)
                        break;
                f -= 0.05;
        }
        size *= f;
        lh *= f;

        if (!header)
                goto rows;
        if (!lay->ruled) {
                cairo_rectangle(cr, LX, y, RX - LX, 20);
                grey(cr, 0.86);
                cairo_fill(cr);
                grey(cr, 0);
        }
        set_font(cr, face, 1, 9);
        if (lay->line_numbers)
                show(cr, LX + 6, y + 13.5, doc->labels[GEN_L_POS], AL_LEFT);
        show(cr, x_desc, y + 13.5, doc->labels[GEN_L_DESC], AL_LEFT);
        show(cr, c.qty, y + 13.5, doc->labels[GEN_L_QTY], AL_RIGHT);
        show(cr, c.unit, y + 13.5, doc->labels[GEN_L_UNIT], AL_RIGHT);
        if (vat)
                show(cr, c.vat, y + 13.5, doc->labels[GEN_L_VAT_COL], AL_RIGHT);
        show(cr, c.amount, y + 13.5, doc->labels[GEN_L_AMOUNT], AL_RIGHT);
        y += 20;
        if (lay->ruled)
                hline(cr, LX, RX, y, 0.8, 0);
rows:
        for (size_t i = from; i < to; i++) {
                double base = y + 13 * f;

                set_font(cr, face, 0, size);
                if (lay->line_numbers) {
                        char num[16];

                        g_snprintf(num, sizeof(num), "%zu", i + 1);
                        show(cr, LX + 6, base, num, AL_LEFT);
                }
                for (guint k = 0; k < rows[i].desc->len; k++)
                        show(cr, x_desc, base + k * lh,
                             g_ptr_array_index(rows[i].desc, k), AL_LEFT);
                show(cr, c.qty, base, rows[i].qty, AL_RIGHT);
                show(cr, c.unit, base, rows[i].unit, AL_RIGHT);
                if (vat && doc->lines[i].has_rate) {
                        char *n = gen_dec_format(doc->numfmt, doc->lines[i].rate, 0);
                        char *lv = g_strdup_printf("%s%%", n);

                        show(cr, c.vat, base, lv, AL_RIGHT);
                        g_free(lv);
                        g_free(n);
                } else if (vat) {
                        show(cr, c.vat, base, vat, AL_RIGHT);
                }
                show(cr, c.amount, base, rows[i].amount, AL_RIGHT);
                y += 6 * f + lh * rows[i].desc->len;
                if (lay->ruled)
                        hline(cr, LX, RX, y, 0.5, 0.55);
        }
        if (lay->ruled) {
                double xs[] = { c.desc_end + 4, c.qty + 8, c.unit + 7, c.vat + 7 };

                cairo_set_line_width(cr, 0.8);
                cairo_rectangle(cr, LX, top, RX - LX, y - top);
                cairo_stroke(cr);
                cairo_set_line_width(cr, 0.5);
                for (size_t i = 0; i < G_N_ELEMENTS(xs) - (vat ? 0 : 1); i++) {
                        cairo_move_to(cr, xs[i], top);
                        cairo_line_to(cr, xs[i], y);
                }
                if (lay->line_numbers) {
                        cairo_move_to(cr, LX + 31, top);
                        cairo_line_to(cr, LX + 31, y);
                }
                cairo_stroke(cr);
        } else {
                hline(cr, LX, RX, y + 2, 0.8, 0.3);
        }
        for (size_t i = 0; i < doc->n_lines; i++) {
                if (rows[i].desc)
                        g_ptr_array_unref(rows[i].desc);
                g_free(rows[i].qty);
                g_free(rows[i].unit);
                g_free(rows[i].amount);
        }
        g_free(rows);
        g_free(vat);
        return y;
}

/* The summary per tax rate under the totals: rate, net, tax, gross. */
static double draw_rate_summary(cairo_t *cr, const struct gen_doc *doc, double y)
{
        static const double xs[4] = { LX, 250, 350, 450 };

        y += 22;
        set_font(cr, doc->font, 1, 8.5);
        for (int k = 0; k < 4; k++)
                show(cr, xs[k] + (k ? 70 : 0), y, doc->summary_head[k], k ? AL_RIGHT : AL_LEFT);
        hline(cr, LX, 520, y + 4, 0.5, 0.4);
        set_font(cr, doc->font, 0, 8.5);
        for (size_t i = 0; i < doc->n_summary; i++) {
                const struct gen_ratesum *rs = &doc->summary[i];
                char *v[4], *pct;

                y += 13;
                pct = gen_dec_format(doc->numfmt, rs->rate, 0);
                v[0] = g_strconcat(pct, "%", NULL);
                g_free(pct);
                v[1] = gen_money_format(doc, rs->base, 0);
                v[2] = gen_money_format(doc, rs->tax, 0);
                v[3] = gen_money_format(doc, rs->base + rs->tax, 0);
                for (int k = 0; k < 4; k++) {
                        show(cr, xs[k] + (k ? 70 : 0), y, v[k], k ? AL_RIGHT : AL_LEFT);
                        g_free(v[k]);
                }
        }
        return y + 6;
}

/* --totals rich: every row of the amount block, the strong ones bold
 * under a rule. */
static double draw_rich_totals(cairo_t *cr, const struct gen_doc *doc,
                               const struct gen_layout *lay, double y)
{
        double xl = lay->totals_left ? LX : 440, xv = lay->totals_left ? LX + 250 : X_AMOUNT;
        enum align la = lay->totals_left ? AL_LEFT : AL_RIGHT;

        for (size_t i = 0; i < doc->n_totrows; i++) {
                const struct gen_totrow *t = &doc->totrows[i];
                char *v = gen_money_format(doc, t->value, t->cur);

                if (t->strong) {
                        y -= 8;
                        hline(cr, lay->totals_left ? LX : 330, lay->totals_left ? xv + 4 : RX, y,
                              0.9, 0);
                        y += 15;
                }
                set_font(cr, doc->font, t->strong, t->strong ? 11 : 9.5);
                show(cr, xl, y, t->label, la);
                show(cr, xv, y, v, AL_RIGHT);
                g_free(v);
                y += t->strong ? 22 : 15;
        }
        y -= 9;
        if (doc->n_summary)
                y = draw_rate_summary(cr, doc, y);
        return y + 6;
}

static double draw_totals(cairo_t *cr, const struct gen_doc *doc,
                          const struct gen_layout *lay, double y)
{
        if (doc->rich_totals)
                return draw_rich_totals(cr, doc, lay, y);

        /* Labels right-aligned at xl, values at xv; the left variant sets
         * the labels flush left. */
        double xl = lay->totals_left ? LX : 440, xv = lay->totals_left ? LX + 250 : X_AMOUNT;
        enum align la = lay->totals_left ? AL_LEFT : AL_RIGHT;
        char *v;

        set_font(cr, doc->font, 0, 9.5);
        if (lay->subtotal) {
                show(cr, xl, y, doc->subtotal_label, la);
                v = gen_money_format(doc, doc->subtotal, 1);
                show(cr, xv, y, v, AL_RIGHT);
                g_free(v);
                y += 16;
        }
        show(cr, xl, y, doc->tax_label, la);
        v = gen_money_format(doc, doc->tax, 1);
        show(cr, xv, y, v, AL_RIGHT);
        g_free(v);
        y += 8;
        hline(cr, lay->totals_left ? LX : 330, lay->totals_left ? xv + 4 : RX, y, 0.9, 0);
        y += 15;
        set_font(cr, doc->font, 1, 11);
        show(cr, xl, y, doc->total_label, la);
        v = gen_money_format(doc, doc->total, 1);
        show(cr, xv, y, v, AL_RIGHT);
        g_free(v);
        return y + 6;
}

/* "Page 1 of 1" in the document's language, numbered page of pages. */
static char *page_label(const struct gen_doc *doc, int page, int pages)
{
        const char *l = doc->labels[GEN_L_PAGE];
        const char *first = strchr(l, '1'), *last = strrchr(l, '1');

        if (!first || first == last)
                return g_strdup(l);
        return g_strdup_printf("%.*s%d%.*s%d%s", (int)(first - l), l, page,
                               (int)(last - first - 1), first + 1, pages, last + 1);
}

static void draw_footer(cairo_t *cr, const struct gen_doc *doc, int page, int pages)
{
        GString *s = g_string_new(doc->vendor);
        double y = footer_y(doc) + 14;

        hline(cr, LX, RX, footer_y(doc), 0.5, 0.5);
        grey(cr, 0.25);
        for (guint i = 0; i < doc->vendor_address->len && i < 2; i++)
                g_string_append_printf(s, " · %s",
                                       (char *)g_ptr_array_index(doc->vendor_address, i));
        fit_font(cr, doc->font, 0, 7.5, s->str, RX - LX);
        show(cr, (LX + RX) / 2, y, s->str, AL_CENTER);
        y += 10;
        g_string_truncate(s, 0);
        if (doc->bank)
                g_string_append_printf(s, "%s %s", doc->labels[GEN_L_BANK], doc->bank);
        if (doc->iban)
                g_string_append_printf(s, "%s%s %s", s->len ? " · " : "",
                                       doc->labels[GEN_L_IBAN], doc->iban);
        if (doc->bic)
                g_string_append_printf(s, "%s%s %s", s->len ? " · " : "",
                                       doc->labels[GEN_L_BIC], doc->bic);
        if (s->len) {
                fit_font(cr, doc->font, 0, 7.5, s->str, RX - LX);
                show(cr, (LX + RX) / 2, y, s->str, AL_CENTER);
                y += 10;
        }
        set_font(cr, doc->font, 0, 7.5);
        {
                char *pl = page_label(doc, page, pages);

                show(cr, (LX + RX) / 2, y, pl, AL_CENTER);
                g_free(pl);
        }
        grey(cr, 0);
        g_string_free(s, TRUE);
}

/* How many pages the document takes: one unless rows_per_page splits
 * its table. */
int gen_page_count(const struct gen_doc *doc)
{
        if (gen_layouts[doc->layout].kind == GEN_KIND_RECEIPT)
                return 1;
        if (doc->page_rows <= 0 || doc->n_lines <= (size_t)doc->page_rows)
                return 1;
        return (int)((doc->n_lines + (size_t)doc->page_rows - 1) / (size_t)doc->page_rows);
}

/* A page after the first: a running head (vendor, title and number),
 * the next rows of the table, and on the last page the totals. */
static void draw_next_page(cairo_t *cr, const struct gen_doc *doc, int page, int pages)
{
        const struct gen_layout *lay = &gen_layouts[doc->layout];
        size_t from = (size_t)page * (size_t)doc->page_rows;
        size_t to = MIN(from + (size_t)doc->page_rows, doc->n_lines);
        char *head = g_strdup_printf("%s %s", doc->title, doc->invoice_number);
        double y;

        set_font(cr, doc->font, 1, 11);
        show(cr, LX, 60, doc->vendor, AL_LEFT);
        set_font(cr, doc->font, 0, 9.5);
        show(cr, RX, 60, head, AL_RIGHT);
        g_free(head);
        hline(cr, LX, RX, 68, 0.5, 0.5);
        y = draw_table(cr, doc, lay, 96, footer_y(doc) - 80 - rich_extra(doc), from, to, doc->repeat_header);
        if (page == pages - 1)
                draw_totals(cr, doc, lay, y + 22);
        draw_footer(cr, doc, page + 1, pages);
}

/* Page 1 from the table down: the table, the totals, a thank-you and the
 * footer; returns the bottom of what it drew above the footer. */
static double draw_body(cairo_t *cr, const struct gen_doc *doc, const struct gen_layout *lay,
                        double y, int pages)
{
        size_t rows = pages > 1 ? (size_t)doc->page_rows : doc->n_lines;

        y = draw_table(cr, doc, lay, y, footer_y(doc) - 80 - rich_extra(doc), 0, rows, 1);
        if (pages == 1) {
                y = draw_totals(cr, doc, lay, y + 22);
                if (y + 30 < footer_y(doc) - 10) {
                        set_font(cr, doc->font, 0, 9);
                        show(cr, LX, y + 30, doc->labels[GEN_L_THANKS], AL_LEFT);
                        y += 36;
                }
        }
        draw_footer(cr, doc, 1, pages);
        return y;
}

/* Meta rows inside a ruled box from x to right. */
static double draw_meta_box(cairo_t *cr, const char *face, GArray *a, double x, double y,
                            double right)
{
        double bottom = draw_kv_rows(cr, face, a, 0, a->len, x + 10, y + 6, right - 8);

        cairo_set_line_width(cr, 0.9);
        cairo_rectangle(cr, x, y - 10, right - x, bottom - y + 6);
        cairo_stroke(cr);
        return bottom + 8;
}

/* Each label small and grey above its value. */
static double draw_meta_above(cairo_t *cr, const char *face, GArray *a, double x, double y)
{
        for (guint i = 0; i < a->len; i++) {
                struct kv *kv = &g_array_index(a, struct kv, i);

                set_font(cr, face, 0, 7.5);
                grey(cr, 0.35);
                show(cr, x, y, kv->plain, AL_LEFT);
                grey(cr, 0);
                set_font(cr, face, 1, 10);
                show(cr, x, y + 12, kv->value, AL_LEFT);
                y += 27;
        }
        return y;
}

/* label ........ value, the values flush right at x1. */
static double draw_meta_leaders(cairo_t *cr, const char *face, GArray *a, double x0, double y,
                                double x1)
{
        for (guint i = 0; i < a->len; i++) {
                struct kv *kv = &g_array_index(a, struct kv, i);
                double lw, vw;
                GString *dots = g_string_new(NULL);

                set_font(cr, face, 1, 9);
                vw = text_w(cr, kv->value);
                show(cr, x1, y, kv->value, AL_RIGHT);
                set_font(cr, face, 0, 9);
                lw = text_w(cr, kv->plain);
                show(cr, x0, y, kv->plain, AL_LEFT);
                while (text_w(cr, dots->str) + text_w(cr, " .") < x1 - x0 - lw - vw - 12)
                        g_string_append(dots, " .");
                grey(cr, 0.4);
                show(cr, x0 + lw + 4, y, dots->str, AL_LEFT);
                grey(cr, 0);
                g_string_free(dots, TRUE);
                y += 15;
        }
        return y;
}

#define RCPT_W 226.8            /* 80 mm thermal paper */
#define RCPT_M 12.0

static void dashes(cairo_t *cr, double y)
{
        static const double d[] = { 3, 2 };

        cairo_set_dash(cr, d, 2, 0);
        hline(cr, RCPT_M, RCPT_W - RCPT_M, y, 0.7, 0);
        cairo_set_dash(cr, NULL, 0, 0);
}

/* A line of a receipt: label left, value right. */
static double rcpt_row(cairo_t *cr, const struct gen_doc *doc, int bold, double size,
                       double y, const char *label, const char *value)
{
        fit_font(cr, doc->font, bold, size, label, RCPT_W - 2 * RCPT_M - 70);
        show(cr, RCPT_M, y, label, AL_LEFT);
        set_font(cr, doc->font, bold, size);
        show(cr, RCPT_W - RCPT_M, y, value, AL_RIGHT);
        return y + size + 4;
}

/* A till receipt on a narrow roll; returns the bottom of the print. */
static double draw_receipt(cairo_t *cr, const struct gen_doc *doc)
{
        double cx = RCPT_W / 2, y = 30, w = RCPT_W - 2 * RCPT_M;
        char *s, *v;

        grey(cr, 0);
        fit_font(cr, doc->font, 1, 12, doc->vendor, w);
        show(cr, cx, y, doc->vendor, AL_CENTER);
        y += 14;
        for (guint i = 0; i < doc->vendor_address->len; i++) {
                fit_font(cr, doc->font, 0, 8, g_ptr_array_index(doc->vendor_address, i), w);
                show(cr, cx, y, g_ptr_array_index(doc->vendor_address, i), AL_CENTER);
                y += 10;
        }
        if (doc->vat_id) {
                s = g_strdup_printf("%s %s", doc->vat_id_label ? doc->vat_id_label :
                                    doc->labels[GEN_L_VAT_ID], doc->vat_id);
                fit_font(cr, doc->font, 0, 8, s, w);
                show(cr, cx, y, s, AL_CENTER);
                g_free(s);
                y += 10;
        }
        if (doc->extra_id) {
                set_font(cr, doc->font, 0, 8);
                show(cr, cx, y, doc->extra_id, AL_CENTER);
                y += 10;
        }
        y += 6;
        fit_font(cr, doc->font, 1, 10, doc->title, w);
        show(cr, cx, y, doc->title, AL_CENTER);
        y += 8;
        dashes(cr, y);
        y += 13;
        y = rcpt_row(cr, doc, 0, 8.5, y, doc->labels[GEN_L_RECEIPT_NO], doc->invoice_number);
        v = gen_date_format(doc->lang, doc->datefmt, doc->invoice_date);
        s = doc->time ? g_strdup_printf("%s %s", v, doc->time) : g_strdup(v);
        y = rcpt_row(cr, doc, 0, 8.5, y, doc->labels[GEN_L_INVOICE_DATE], s);
        g_free(s);
        g_free(v);
        dashes(cr, y - 5);
        y += 9;
        for (size_t i = 0; i < doc->n_lines; i++) {
                const struct gen_line *l = &doc->lines[i];
                int single = l->quantity.v == 1 && l->quantity.scale == 0;
                GPtrArray *d;

                set_font(cr, doc->font, 0, 8.5);
                d = wrap(cr, l->description, w - (single ? 62 : 0), 3);
                v = gen_money_format(doc, l->amount, 0);
                for (guint k = 0; k < d->len; k++) {
                        show(cr, RCPT_M, y, g_ptr_array_index(d, k), AL_LEFT);
                        if (single && k == 0)
                                show(cr, RCPT_W - RCPT_M, y, v, AL_RIGHT);
                        y += 11;
                }
                if (!single) {
                        char *q = gen_dec_format(doc->numfmt, l->quantity, 0);
                        char *u = gen_dec_format(doc->numfmt, l->unit_price, doc->minor);

                        s = g_strdup_printf("  %s x %s", q, u);
                        show(cr, RCPT_M, y, s, AL_LEFT);
                        show(cr, RCPT_W - RCPT_M, y, v, AL_RIGHT);
                        y += 11;
                        g_free(s);
                        g_free(q);
                        g_free(u);
                }
                g_free(v);
                g_ptr_array_unref(d);
        }
        dashes(cr, y - 4);
        y += 12;
        v = g_utf8_strup(doc->total_label, -1);
        s = doc->total_bare ? g_strdup_printf("%s %s", v, doc->currency) : g_strdup(v);
        g_free(v);
        v = gen_money_format(doc, doc->total, !doc->total_bare);
        y = rcpt_row(cr, doc, 1, 11, y, s, v);
        g_free(s);
        g_free(v);
        v = gen_money_format(doc, doc->tax, 0);
        y = rcpt_row(cr, doc, 0, 8.5, y, doc->tax_label, v);
        g_free(v);
        y += 4;
        if (doc->cash > 0) {
                v = gen_money_format(doc, doc->cash, 0);
                y = rcpt_row(cr, doc, 0, 8.5, y, doc->labels[GEN_L_CASH], v);
                g_free(v);
                v = gen_money_format(doc, doc->cash - doc->total, 0);
                y = rcpt_row(cr, doc, 0, 8.5, y, doc->labels[GEN_L_CHANGE], v);
                g_free(v);
        } else {
                v = gen_money_format(doc, doc->total, 0);
                y = rcpt_row(cr, doc, 0, 8.5, y, doc->labels[GEN_L_CARD], v);
                g_free(v);
        }
        y += 10;
        fit_font(cr, doc->font, 0, 8, doc->labels[GEN_L_THANKS], w);
        show(cr, cx, y, doc->labels[GEN_L_THANKS], AL_CENTER);
        return y + 8;
}

/* A business letter: the invoice number and date in running text. */
static double draw_letter(cairo_t *cr, const struct gen_doc *doc, GArray *meta, int pages)
{
        const struct gen_layout *lay = &gen_layouts[doc->layout];
        const struct gen_langdef *ld = gen_langdef(doc->lang);
        double y = fmax(draw_letterhead(cr, doc, lay) + 30, 150), top = y;
        char *date = gen_date_format(doc->lang, doc->datefmt, doc->invoice_date);
        const char *parts[] = { doc->invoice_number, date };
        char *text = gen_fill(ld->letter, parts, 2);
        GPtrArray *w;

        set_font(cr, doc->font, 0, 9.5);
        for (guint i = 0; i < doc->bill_to->len; i++) {
                show(cr, LX, y, g_ptr_array_index(doc->bill_to, i), AL_LEFT);
                y += 12.5;
        }
        show(cr, RX, top, date, AL_RIGHT);
        y += 22;
        fit_font(cr, doc->font, 1, 12, doc->title, RX - LX);
        show(cr, LX, y, doc->title, AL_LEFT);
        y += 22;
        set_font(cr, doc->font, 0, 10);
        show(cr, LX, y, ld->greeting, AL_LEFT);
        y += 18;
        w = wrap(cr, text, RX - LX, 4);
        for (guint i = 0; i < w->len; i++) {
                show(cr, LX, y, g_ptr_array_index(w, i), AL_LEFT);
                y += 13;
        }
        g_ptr_array_unref(w);
        y = draw_kv_rows(cr, doc->font, meta, 2, meta->len, LX, y + 8, RX) + 10;
        y = draw_body(cr, doc, lay, y, pages);
        g_free(text);
        g_free(date);
        return y;
}

double gen_draw_page(cairo_t *cr, const struct gen_doc *doc, int pages)
{
        const struct gen_layout *lay = &gen_layouts[doc->layout];
        GArray *meta;
        double y, head, meta_bottom, bill_bottom;

        if (lay->kind == GEN_KIND_RECEIPT)
                return draw_receipt(cr, doc);
        meta = meta_items(doc);
        if (lay->kind == GEN_KIND_LETTER) {
                y = draw_letter(cr, doc, meta, pages);
                meta_free(meta);
                return y;
        }
        head = fmax(draw_letterhead(cr, doc, lay), 110);
        if (lay->stacked) {
                guint n = draw_strip(cr, doc->font, meta, head + 18);

                meta_bottom = draw_kv_rows(cr, doc->font, meta, n, meta->len, 325,
                                           head + 62, RX);
                bill_bottom = draw_bill_to(cr, doc, LX, head + 62);
        } else if (lay->meta_style == GEN_META_BOX) {
                meta_bottom = draw_meta_box(cr, doc->font, meta, 300, head + 22, RX);
                bill_bottom = draw_bill_to(cr, doc, LX, head + 22);
        } else if (lay->meta_style == GEN_META_ABOVE) {
                int left = lay->letterhead_right;

                meta_bottom = draw_meta_above(cr, doc->font, meta, left ? LX : 380, head + 22);
                bill_bottom = draw_bill_to(cr, doc, left ? 300 : LX, head + 22);
        } else if (lay->meta_style == GEN_META_TWO_COL) {
                guint half = (meta->len + 1) / 2;
                double b1 = draw_kv_rows(cr, doc->font, meta, 0, half, LX, head + 22, 290);
                double b2 = draw_kv_rows(cr, doc->font, meta, half, meta->len, 300, head + 22, RX);

                meta_bottom = fmax(b1, b2);
                bill_bottom = draw_bill_to(cr, doc, LX, meta_bottom + 14);
        } else if (lay->meta_style == GEN_META_LEADERS) {
                meta_bottom = draw_meta_leaders(cr, doc->font, meta, 300, head + 22, RX);
                bill_bottom = draw_bill_to(cr, doc, LX, head + 22);
        } else if (lay->meta_left) {
                meta_bottom = draw_kv_rows(cr, doc->font, meta, 0, meta->len, LX,
                                           head + 22, 335);
                bill_bottom = draw_bill_to(cr, doc, 345, head + 22);
        } else {
                meta_bottom = draw_kv_rows(cr, doc->font, meta, 0, meta->len, 325,
                                           head + 22, RX);
                bill_bottom = draw_bill_to(cr, doc, LX, head + 22);
        }
        y = fmax(meta_bottom, bill_bottom) + 22;
        y = draw_body(cr, doc, lay, y, pages);
        meta_free(meta);
        return y;
}

void gen_page_size(const struct gen_doc *doc, double *ret_w, double *ret_h)
{
        if (gen_layouts[doc->layout].kind == GEN_KIND_RECEIPT) {
                /* As long as the print: measured on a recording surface. */
                cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
                                                                      NULL);
                cairo_t *cr = cairo_create(rec);

                *ret_w = RCPT_W;
                *ret_h = ceil(draw_receipt(cr, doc) + 24);
                cairo_destroy(cr);
                cairo_surface_destroy(rec);
                return;
        }
        *ret_w = doc->page_w > 0 ? doc->page_w : GEN_PAGE_W;
        *ret_h = doc->page_h > 0 ? doc->page_h : GEN_PAGE_H;
}

int gen_render_pdf(const struct gen_doc *doc, const char *path, GError **err)
{
        double pw, ph;
        cairo_surface_t *s;
        cairo_status_t st;
        cairo_t *cr;
        int pages;
        char *title = g_strdup_printf("%s %s", doc->title, doc->invoice_number);
        char *date = g_strdup_printf("%04d-%02d-%02dT09:00:00", doc->invoice_date.y,
                                     doc->invoice_date.m, doc->invoice_date.d);

        gen_page_size(doc, &pw, &ph);
        s = cairo_pdf_surface_create(path, pw, ph);

        /* A fixed creation date keeps the bytes (and the sha256) reproducible. */
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, doc->vendor);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
        cr = cairo_create(s);
        pages = gen_page_count(doc);
        gen_draw_page(cr, doc, pages);
        cairo_show_page(cr);
        for (int p = 1; p < pages; p++) {
                draw_next_page(cr, doc, p, pages);
                cairo_show_page(cr);
        }
        st = cairo_status(cr);
        cairo_destroy(cr);
        cairo_surface_finish(s);
        if (st == CAIRO_STATUS_SUCCESS)
                st = cairo_surface_status(s);
        cairo_surface_destroy(s);
        g_free(title);
        g_free(date);
        if (st != CAIRO_STATUS_SUCCESS) {
                g_set_error(err, GEN_ERROR, 1, "cannot write '%s': %s", path,
                            cairo_status_to_string(st));
                return -1;
        }
        return 0;
}

