/* learn.c: learning a vendor's layout from one correction — where the
 * corrected value was printed and what labelled it — and using what was
 * learned first on the vendor's next documents. */
#include "extract/extract-int.h"
#include "extract/slips.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LABEL_WORDS 6

static bool is_amount_field(enum bf_field f)
{
        return f == FIELD_TOTAL || f == FIELD_SUBTOTAL || f == FIELD_TAX;
}

static bool is_date_field(enum bf_field f)
{
        return f == FIELD_INVOICE_DATE || f == FIELD_DUE_DATE;
}

static bool is_text_field(enum bf_field f)
{
        return f == FIELD_INVOICE_NUMBER || f == FIELD_PO_NUMBER;
}

static bf_money *money_of(bf_invoice *inv, enum bf_field f)
{
        return f == FIELD_TOTAL ? &inv->total : f == FIELD_SUBTOTAL ? &inv->subtotal : &inv->tax;
}

static bf_money money_in(const bf_invoice *inv, enum bf_field f)
{
        return f == FIELD_TOTAL ? inv->total : f == FIELD_SUBTOTAL ? inv->subtotal : inv->tax;
}

/* "INV-20931," -> "INV-20931": an identifier as printed, outer punctuation off. */
static char *ident_at(const struct xtok *t)
{
        const char *s = t->raw;
        size_t n = slips_id_trim(&s);
        if (n == 0 || n > 64)
                return NULL;
        char *r = bf_xstrndup(s, n);
        if (!extract_has_digit(r)) {
                free(r);
                return NULL;
        }
        return r;
}

/* Reads field f at token i into val (value only, no meta); returns the
 * tokens used, or 0. */
static int read_at(const struct xdoc *x, size_t i, enum bf_field f, bf_invoice *val)
{
        if (is_amount_field(f)) {
                bf_money m;
                int n = extract_amount_at(x, i, &m);
                if (n > 0) {
                        if (!m.currency[0])
                                memcpy(m.currency, x->currency, BF_CURRENCY_LEN);
                        *money_of(val, f) = m;
                }
                return n;
        }
        if (is_date_field(f)) {
                bf_date d;
                int n = extract_date_at(x, i, &d, NULL);
                if (n > 0) {
                        if (f == FIELD_INVOICE_DATE)
                                val->invoice_date = d;
                        else
                                val->due_date = d;
                }
                return n;
        }
        if (is_text_field(f)) {
                char *s = ident_at(&x->toks[i]);
                if (!s)
                        return 0;
                char **dst = f == FIELD_INVOICE_NUMBER ? &val->invoice_number : &val->po_number;
                free(*dst);
                *dst = s;
                return 1;
        }
        return 0;
}

static bool same_value(const bf_invoice *a, const bf_invoice *b, enum bf_field f)
{
        if (is_amount_field(f))
                return llabs(money_in(a, f).minor) == llabs(money_in(b, f).minor);
        if (is_date_field(f)) {
                bf_date p = f == FIELD_INVOICE_DATE ? a->invoice_date : a->due_date;
                bf_date q = f == FIELD_INVOICE_DATE ? b->invoice_date : b->due_date;
                return p.y == q.y && p.m == q.m && p.d == q.d;
        }
        const char *p = f == FIELD_INVOICE_NUMBER ? a->invoice_number : a->po_number;
        const char *q = f == FIELD_INVOICE_NUMBER ? b->invoice_number : b->po_number;
        if (!p || !q)
                return false;
        char *np = invoice_number_normalise(p), *nq = invoice_number_normalise(q);
        bool eq = np && nq && np[0] && strcmp(np, nq) == 0;
        free(np);
        free(nq);
        return eq;
}

static void prepare(struct xdoc *x, const bf_doc_text *doc, const char *currency)
{
        static const struct extract_options no_opt;
        xdoc_build(x, doc);
        extract_currency(x, &no_opt);
        if (currency && currency[0])
                memcpy(x->currency, currency, BF_CURRENCY_LEN);
        extract_date_order(x, &no_opt);
}

/* A word that can be part of a label: letters, no digits. */
static bool label_word(const struct xtok *t)
{
        return t->norm[0] && !extract_has_digit(t->raw);
}

/* The label words left of token i on its line: back to the first token
 * holding a digit, at most MAX_LABEL_WORDS. Returns the first index, or i. */
static size_t label_left(const struct xdoc *x, size_t i)
{
        const struct xline *l = &x->lines[x->toks[i].line];
        size_t k = i;
        while (k > l->first && i - k < MAX_LABEL_WORDS && label_word(&x->toks[k - 1]))
                k--;
        return k;
}

static char *join_norm(const struct xdoc *x, size_t first, size_t end)
{
        GString *s = g_string_new(NULL);
        for (size_t i = first; i < end; i++) {
                if (!x->toks[i].norm[0])
                        continue;
                if (s->len)
                        g_string_append_c(s, ' ');
                g_string_append(s, x->toks[i].norm);
        }
        return g_string_free(s, FALSE);
}

int extract_learn_hint(const bf_doc_text *doc, const bf_invoice *inv, enum bf_field f,
                       struct extract_hint *ret, struct bf_error *err)
{
        struct xdoc x;
        bf_invoice val;
        size_t best = SIZE_MAX, best_lab = SIZE_MAX;

        if (!doc || doc->n_pages == 0)
                return bf_error_set(err, BF_EINVAL, "no pages to learn from");
        if (!(is_amount_field(f) || is_date_field(f) || is_text_field(f)))
                return bf_error_set(err, BF_EINVAL, "field '%s' is not learned", field_name(f));
        if ((int)f < 0 || f >= FIELD__COUNT || !inv->meta[f].present)
                return bf_error_set(err, BF_EINVAL, "field '%s' is not set", field_name(f));
        prepare(&x, doc, inv->currency);
        invoice_init(&val);
        /* Where the value is printed more than once, the copy with a label
         * to its left tells most; of those the last for amounts (totals
         * close a page), the first for the rest. */
        for (size_t i = 0; i < x.n_toks; i++) {
                if (read_at(&x, i, f, &val) <= 0 || !same_value(&val, inv, f))
                        continue;
                size_t lab = label_left(&x, i);
                bool labelled = lab < i;
                bool best_labelled = best != SIZE_MAX && best_lab < best;
                if (best == SIZE_MAX || (labelled && !best_labelled) ||
                    (labelled == best_labelled && is_amount_field(f))) {
                        best = i;
                        best_lab = lab;
                }
        }
        invoice_release(&val);
        if (best == SIZE_MAX) {
                xdoc_release(&x);
                return bf_error_set(err, BF_ENOTFOUND, "'%s' is not among the words of the page",
                                    field_name(f));
        }

        const struct xtok *v = &x.toks[best];
        const struct xline *l = &x.lines[v->line];
        const bf_page *pg = xdoc_page(&x, l->page);
        double h = l->h > 0 ? l->h : 10;
        memset(ret, 0, sizeof(*ret));
        ret->field = f;
        ret->page = l->page;
        ret->px = pg && pg->width > 0 ? (v->box.x0 + v->box.x1) / 2 / pg->width : 0;
        ret->py = pg && pg->height > 0 ? (v->box.y0 + v->box.y1) / 2 / pg->height : 0;
        if (best_lab < best) {
                ret->label = join_norm(&x, best_lab, best);
                ret->dx = (v->box.x0 - x.toks[best_lab].box.x0) / h;
                ret->dy = (v->box.y0 - x.toks[best_lab].box.y0) / h;
        } else {
                /* No words before it: a label above, in the value's column. */
                for (size_t li = v->line; li-- > 0 && !ret->label;) {
                        const struct xline *m = &x.lines[li];
                        if (m->page != l->page || v->box.y0 - m->box.y1 > 4 * h)
                                break;
                        size_t first = SIZE_MAX, end = 0;
                        for (size_t i = m->first; i < m->first + m->n; i++) {
                                const struct xtok *t = &x.toks[i];
                                if (t->box.x1 < v->box.x0 - h || t->box.x0 > v->box.x1 + h)
                                        continue;
                                if (!label_word(t))
                                        break;
                                if (first == SIZE_MAX)
                                        first = i;
                                end = i + 1;
                        }
                        if (first == SIZE_MAX)
                                continue;
                        /* and the words of the phrase just left of the column */
                        while (first > m->first && end - first < MAX_LABEL_WORDS &&
                               label_word(&x.toks[first - 1]) &&
                               x.toks[first].box.x0 - x.toks[first - 1].box.x1 < 1.5 * h)
                                first--;
                        ret->label = join_norm(&x, first, end);
                        ret->below = true;
                        ret->dx = (v->box.x0 - x.toks[first].box.x0) / h;
                        ret->dy = (v->box.y0 - x.toks[first].box.y0) / h;
                }
        }
        if (ret->label && !ret->label[0]) {
                free(ret->label);
                ret->label = NULL;
        }
        xdoc_release(&x);
        return 0;
}

void extract_hint_release(struct extract_hint *h)
{
        if (!h)
                return;
        free(h->label);
        h->label = NULL;
}

/* ------------------------------------------------------------ applying */

/* Does the label's word sequence start at token i, on one line? Returns the
 * end index or 0. OCR may misread a letter of a longer word. */
static size_t match_label(const struct xdoc *x, size_t i, char **words, size_t n, bool ocr)
{
        const struct xline *l = &x->lines[x->toks[i].line];
        size_t end = l->first + l->n, k = i;
        for (size_t w = 0; w < n; w++) {
                while (k < end && !x->toks[k].norm[0])
                        k++;
                if (k >= end)
                        return 0;
                const char *t = x->toks[k].norm;
                if (strcmp(t, words[w]) != 0 &&
                    !(ocr && strlen(words[w]) >= 5 && extract_within_one(t, words[w])))
                        return 0;
                k++;
        }
        return k;
}

static void take(struct xdoc *x, bf_invoice *inv, const bf_invoice *val, enum bf_field f,
                 double conf, size_t i, int n, const char *label)
{
        if (is_amount_field(f)) {
                bf_money m = money_in(val, f);
                if (inv->currency[0])
                        memcpy(m.currency, inv->currency, BF_CURRENCY_LEN);
                *money_of(inv, f) = m;
        } else if (f == FIELD_INVOICE_DATE) {
                inv->invoice_date = val->invoice_date;
        } else if (f == FIELD_DUE_DATE) {
                inv->due_date = val->due_date;
        } else {
                char **dst = f == FIELD_INVOICE_NUMBER ? &inv->invoice_number : &inv->po_number;
                const char *src = f == FIELD_INVOICE_NUMBER ? val->invoice_number : val->po_number;
                free(*dst);
                *dst = bf_xstrdup(src);
        }
        bf_box box = x->toks[i].box;
        for (int k = 1; k < n; k++)
                box = box_union(box, x->toks[i + (size_t)k].box);
        extract_meta(inv, f, conf, x->lines[x->toks[i].line].page, box, label);
        inv->meta[f].vouched = true;
}

/* The value a found label points at: right of it on its line, or under it
 * where the hint learned it there. */
static bool value_for_label(const struct xdoc *x, const struct extract_hint *h, size_t first,
                            size_t end, bf_invoice *val, size_t *ret_i, int *ret_n)
{
        const struct xline *l = &x->lines[x->toks[first].line];
        double lh = l->h > 0 ? l->h : 10;
        if (!h->below) {
                for (size_t i = end; i < l->first + l->n; i++) {
                        int n = read_at(x, i, h->field, val);
                        if (n > 0) {
                                *ret_i = i;
                                *ret_n = n;
                                return true;
                        }
                }
                return false;
        }
        /* under it: the token nearest where the learned offset puts it */
        double ex = x->toks[first].box.x0 + h->dx * lh, ey = x->toks[first].box.y0 + h->dy * lh;
        double bestd = 1e18;
        bool found = false;
        for (size_t li = x->toks[first].line + 1; li < x->n_lines; li++) {
                const struct xline *m = &x->lines[li];
                if (m->page != l->page || m->box.y0 - l->box.y1 > 6 * lh)
                        break;
                for (size_t i = m->first; i < m->first + m->n; i++) {
                        const struct xtok *t = &x->toks[i];
                        double d = fabs(t->box.x0 - ex) + fabs(t->box.y0 - ey);
                        if (d > 4 * lh || d >= bestd)
                                continue;
                        int n = read_at(x, i, h->field, val);
                        if (n > 0) {
                                bestd = d;
                                *ret_i = i;
                                *ret_n = n;
                                found = true;
                        }
                }
        }
        return found;
}

/* How far token i is from where the hint saw its value, in page fractions;
 * another page counts as far. */
static double place_distance(const struct xdoc *x, size_t i, const struct extract_hint *h)
{
        const struct xtok *t = &x->toks[i];
        const bf_page *pg = xdoc_page(x, t->page);
        if (!pg || pg->width <= 0 || pg->height <= 0)
                return 1e9;
        double dx = (t->box.x0 + t->box.x1) / 2 / pg->width - h->px;
        double dy = (t->box.y0 + t->box.y1) / 2 / pg->height - h->py;
        return sqrt(dx * dx + dy * dy) + (t->page != h->page ? 10 : 0);
}

void extract_apply_hints(struct xdoc *x, const struct extract_options *opt, bf_invoice *inv)
{
        bool ocr = x->doc->source != SOURCE_TEXT;
        for (size_t k = 0; k < opt->n_hints; k++) {
                const struct extract_hint *h = &opt->hints[k];
                enum bf_field f = h->field;
                if (!(is_amount_field(f) || is_date_field(f) || is_text_field(f)))
                        continue;
                bf_invoice val;
                invoice_init(&val);
                bool done = false;
                if (h->label && h->label[0]) {
                        /* A label printed more than once ("Total" in a table
                         * head and under it): the copy whose value sits
                         * nearest where the learned one did. */
                        char **words = g_strsplit(h->label, " ", MAX_LABEL_WORDS + 1);
                        size_t n = g_strv_length(words), best_i = SIZE_MAX;
                        int best_n = 0;
                        double best_d = 1e18;
                        bf_invoice best_val;
                        invoice_init(&best_val);
                        for (size_t i = 0; i < x->n_toks && n > 0; i++) {
                                size_t end = match_label(x, i, words, n, ocr);
                                size_t vi;
                                int vn;
                                if (!end || !value_for_label(x, h, i, end, &val, &vi, &vn))
                                        continue;
                                double d = place_distance(x, vi, h);
                                if (d < best_d) {
                                        best_d = d;
                                        best_i = vi;
                                        best_n = vn;
                                        invoice_release(&best_val);
                                        invoice_copy(&best_val, &val);
                                }
                        }
                        if (best_i != SIZE_MAX) {
                                take(x, inv, &best_val, f, 0.97, best_i, best_n, h->label);
                                done = true;
                        }
                        invoice_release(&best_val);
                        g_strfreev(words);
                }
                /* The label is gone (reworded, misread): the same place on
                 * the page is a weaker clue, used only where the finders
                 * found nothing sure. */
                if (!done && (!inv->meta[f].present || inv->meta[f].confidence < 0.8)) {
                        const bf_page *pg = xdoc_page(x, h->page);
                        for (size_t i = 0; pg && i < x->n_toks && !done; i++) {
                                const struct xtok *t = &x->toks[i];
                                if (t->page != h->page)
                                        continue;
                                double cx = (t->box.x0 + t->box.x1) / 2 / pg->width;
                                double cy = (t->box.y0 + t->box.y1) / 2 / pg->height;
                                if (fabs(cx - h->px) > 0.04 || fabs(cy - h->py) > 0.02)
                                        continue;
                                int vn = read_at(x, i, f, &val);
                                if (vn > 0) {
                                        take(x, inv, &val, f, 0.75, i, vn, NULL);
                                        done = true;
                                }
                        }
                }
                invoice_release(&val);
        }
}
