/* fields.c: identifiers read beside their labels — the invoice number and
 * the purchase-order number. */
#include "extract/extract-int.h"
#include "extract/lang.h"
#include "extract/slips.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* "47.90", "1,234.56": money, not an identifier. */
static bool moneyish(const char *s)
{
        size_t n = strlen(s);
        if (n < 4 || !(s[n - 3] == '.' || s[n - 3] == ','))
                return false;
        for (size_t i = 0; i < n; i++)
                if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ',' ||
                      (i == 0 && strchr("$-(", s[i]))))
                        return false;
        return true;
}

/* An identifier candidate with its outer specks off. Caller frees. */
static char *clean_id(const char *raw)
{
        size_t n = slips_id_trim(&raw);
        return bf_xstrndup(raw, n);
}

/* a, sep and b run together, cleaned. Caller frees. */
static char *joined_id(const char *a, const char *sep, const char *b)
{
        char *joined = bf_xasprintf("%s%s%s", a, sep, b);
        char *id = clean_id(joined);
        free(joined);
        return id;
}

/* The identifier at token i, cleaned; on a scan "RE- 2026-5327" (a space
 * OCR put after the prefix's separator) is joined, and so is a series
 * printed before the number ("FT 2026/1382"). Caller frees. */
static char *read_id(const struct xdoc *x, size_t i)
{
        const struct xtok *t = &x->toks[i];
        size_t n = strlen(t->raw);
        if (x->doc->source != SOURCE_TEXT && n >= 2 && strchr("-/", t->raw[n - 1]) &&
            i + 1 < x->n_toks && x->toks[i + 1].line == t->line &&
            isdigit((unsigned char)x->toks[i + 1].raw[0]) &&
            x->toks[i + 1].box.x0 - t->box.x1 < 0.6 * x->lines[t->line].h) {
                return joined_id(t->raw, "", x->toks[i + 1].raw);
        }
        /* "BE-91 065": OCR broke an identifier's figures by a gap far
         * narrower than the page's spaces (4 px at a 25 px line, where its
         * spaces measure 8 or more) */
        if (x->doc->source != SOURCE_TEXT && n >= 2 && isdigit((unsigned char)t->raw[n - 1]) &&
            i + 1 < x->n_toks && x->toks[i + 1].line == t->line && x->toks[i + 1].label < 0 &&
            strspn(x->toks[i + 1].raw, "0123456789") == strlen(x->toks[i + 1].raw) &&
            x->toks[i + 1].box.x0 - t->box.x1 < fmin(0.2, 0.5 * x->word_gap) * x->lines[t->line].h) {
                return joined_id(t->raw, "", x->toks[i + 1].raw);
        }
        /* "FT 2026/1382" (pt), "AAB 016382" (lt), "FCT 64557" (ro): a
         * series of capitals before the number, a space apart (on a scan
         * the capitals' height is the line's, so a space can be wider than
         * it; a series alone is no identifier, so only a column's gap
         * parts them) */
        /* (on a scan a speck may stand before the series: "“FT 2026/3496") */
        const char *series = t->raw;
        size_t sn = x->doc->source != SOURCE_TEXT ? slips_id_trim(&series) : n;
        size_t caps = strspn(series, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        double lh = x->lines[t->line].h;
        double room = x->doc->source != SOURCE_TEXT ? 1.5 * lh : 0.8 * lh;
        if (caps >= 1 && caps <= 4 && caps == sn && i + 1 < x->n_toks &&
            x->toks[i + 1].line == t->line && isdigit((unsigned char)x->toks[i + 1].raw[0]) &&
            x->toks[i + 1].label < 0 && x->toks[i + 1].box.x0 - t->box.x1 < room) {
                return joined_id(t->raw, " ", x->toks[i + 1].raw);
        }
        /* "ORD - 509583": OCR set the prefix's hyphen apart */
        if (x->doc->source != SOURCE_TEXT && caps >= 2 && caps <= 4 && caps == sn &&
            i + 2 < x->n_toks && x->toks[i + 2].line == t->line &&
            (strcmp(x->toks[i + 1].raw, "-") == 0 || strcmp(x->toks[i + 1].raw, "/") == 0) &&
            isdigit((unsigned char)x->toks[i + 2].raw[0]) && x->toks[i + 2].label < 0 &&
            x->toks[i + 1].box.x0 - t->box.x1 < lh && x->toks[i + 2].box.x0 - x->toks[i + 1].box.x1 < lh) {
                return joined_id(t->raw, x->toks[i + 1].raw, x->toks[i + 2].raw);
        }
        return clean_id(t->raw);
}

static bool id_ok(const struct xdoc *x, size_t i, const char *s)
{
        bf_date d;
        const struct xtok *t = &x->toks[i];
        if (!extract_has_digit(s) || strlen(s) < 2 || strlen(s) > 40)
                return false;
        if (t->label >= 0 && x->hits[t->label].kind != LK_IGNORE)
                return false;
        if (moneyish(s) || strchr(s, '%'))
                return false;
        /* a date prints two separators: "1508/2025" beside "Documento n."
         * is a number of the year, which a repair of a date that lost one
         * would read as 15/08/2025 */
        size_t seps = 0;
        for (const char *p = s; *p; p++)
                seps += strchr("/.-", *p) != NULL;
        if (seps >= 2 && extract_date_at(x, i, &d, NULL) == 1)
                return false;
        /* phone numbers and e-mails */
        if (strchr(s, '@') || (s[0] == '+' && strlen(s) > 6))
                return false;
        return true;
}

/* A label's identifier, a candidate for the field. */
struct idcand {
        const struct xhit *h;
        size_t tok;             /* the value's first token */
        bool below;             /* under its label, not beside it */
        double hand;            /* the hand rule's score */
        char *value;            /* as it will be read, owned */
        double f[RF__COUNT];
        double p;               /* the model's score; -1 without a model */
};

static size_t times_printed(const struct xdoc *x, const char *value)
{
        size_t n = 0;
        for (size_t i = 0; i < x->n_toks && n < 3; i++)
                if (strstr(x->toks[i].raw, value))
                        n++;
        return n;
}

/* The one feature function for an identifier candidate (training and use). */
static void id_features(const struct xdoc *x, struct idcand *c, const struct idcand *all, size_t n,
                        double hand_best)
{
        const struct xhit *h = c->h;
        const struct xtok *t = &x->toks[c->tok];
        const bf_page *pg = xdoc_page(x, t->page);
        const struct xline *l = &x->lines[t->line];
        double *f = c->f;
        size_t len = strlen(c->value), digits = 0, alpha = 0, values = 0;
        memset(f, 0, sizeof(c->f));
        for (const char *q = c->value; *q; q++) {
                digits += isdigit((unsigned char)*q) != 0;
                alpha += isalpha((unsigned char)*q) != 0;
        }
        for (size_t k = 0; k < n; k++) {
                bool first = true;
                for (size_t j = 0; j < k && first; j++)
                        first = strcmp(all[j].value, all[k].value) != 0;
                values += first;
        }
        f[RF_ID_STRENGTH] = h->strength / 100.0;
        f[RF_ID_BELOW] = c->below;
        f[RF_ID_EXPLICIT] = x->toks[h->end - 1].colon || strcmp(x->toks[h->end - 1].canon, "no") == 0;
        f[RF_ID_PAGE] = fmin(3, t->page - 1) / 3.0;
        f[RF_ID_Y] = pg && pg->height > 0 ? t->box.y0 / pg->height : 0;
        f[RF_ID_X] = pg && pg->width > 0 ? t->box.x0 / pg->width : 0;
        f[RF_ID_GAP] = c->below ? 0 : fmin(10, fmax(0, t->box.x0 - h->box.x1) / fmax(1, l->h)) / 10.0;
        f[RF_ID_LEN] = fmin(20, (double)len) / 20.0;
        f[RF_ID_DIGITS] = len ? (double)digits / (double)len : 0;
        f[RF_ID_ALL_DIGITS] = len && digits == len;
        f[RF_ID_LETTERS] = alpha > 0;
        f[RF_ID_SEP] = strpbrk(c->value, "-/._") != NULL;
        f[RF_ID_LANG] = x->lang && h->lang >= 0 && strcmp(extract_langs[h->lang]->code, x->lang) == 0;
        f[RF_ID_TWICE] = (fmin(3, (double)times_printed(x, c->value)) - 1) / 2.0;
        f[RF_ID_HAND] = c->hand >= hand_best;
        f[RF_ID_LINE_START] = h->first == x->lines[h->line].first;
        f[RF_ID_VALUES] = fmin(4, (double)values - 1) / 4.0;
        f[RF_OCR] = x->doc->source != SOURCE_TEXT;
        f[RF_READ_CONF] = extract_read_conf(x, c->tok, c->tok + 1);
}

static bool same_id(const void *ctx, size_t i, size_t j)
{
        const struct idcand *c = ctx;
        return strcmp(c[i].value, c[j].value) == 0;
}

/* Candidate b's share among the rival values. */
static double id_share(const struct idcand *c, size_t n, size_t b)
{
        double *p = bf_xcalloc(n, sizeof(*p));
        for (size_t i = 0; i < n; i++)
                p[i] = c[i].p;
        double share = rank_share(n, b, p, same_id, c);
        free(p);
        return share;
}

static void find_id(struct xdoc *x, const struct extract_options *opt, bf_invoice *inv,
                    enum xlabel_kind kind, enum bf_field f, char **dst)
{
        const struct extract_model *model = opt->model ? opt->model : extract_model_builtin();
        struct idcand *cs = NULL;
        size_t n = 0, cap = 0;
        double best = -1;
        for (size_t hi = 0; hi < x->n_hits; hi++) {
                const struct xhit *h = &x->hits[hi];
                if (h->kind != kind)
                        continue;
                size_t i = h->before ? extract_value_before(x, h) : extract_value_right(x, h);
                double s = h->strength;
                bool ok = false, below = false;
                if (i != SIZE_MAX) {
                        char *v = read_id(x, i);
                        ok = id_ok(x, i, v);
                        free(v);
                }
                /* "Nr paragonu; . AE FV/767/09/2026", "št. računa: '- Rasen ae
                 * INV-84746": on a scan up to three short words OCR made of
                 * dust before the value, none with a digit */
                for (size_t k = 0; !ok && !h->before && i != SIZE_MAX && k < 3 &&
                     x->doc->source != SOURCE_TEXT; k++) {
                        const struct xtok *j = &x->toks[i];
                        if (strlen(j->raw) > 5 || extract_has_digit(j->raw) || i + 1 >= x->n_toks ||
                            x->toks[i + 1].line != j->line || x->toks[i + 1].label >= 0 ||
                            x->toks[i + 1].box.x0 - h->box.x1 > 30 * x->lines[j->line].h)
                                break;
                        i++;
                        char *v = read_id(x, i);
                        ok = id_ok(x, i, v) && strlen(v) >= 4;
                        free(v);
                }
                if (!ok && !h->before) {
                        i = extract_value_below(x, h, 0);
                        s -= 5;
                        below = true;
                        if (i != SIZE_MAX) {
                                char *v = read_id(x, i);
                                ok = id_ok(x, i, v);
                                free(v);
                        }
                }
                if (!ok)
                        continue;
                /* a label ending in ':' or '#'/"no" is explicit */
                if (x->toks[h->end - 1].colon || strcmp(x->toks[h->end - 1].canon, "no") == 0)
                        s += 3;
                s -= 1.0 * (x->lines[h->line].page - 1);
                if (n == cap) {
                        cap = cap ? cap * 2 : 8;
                        cs = bf_xrealloc(cs, cap * sizeof(*cs));
                }
                struct idcand *c = &cs[n++];
                c->h = h;
                c->tok = i;
                c->below = below;
                c->hand = s;
                c->p = -1;
                c->value = read_id(x, i);
                if (x->doc->source != SOURCE_TEXT)
                        slips_id(c->value, extract_read_conf(x, i, i + 1) < 0.7);
                if (s > best)
                        best = s;
        }
        size_t bi = SIZE_MAX;
        bool ranked = rank_has_field(model, f);
        for (size_t k = 0; k < n; k++) {
                id_features(x, &cs[k], cs, n, best);
                if (ranked)
                        cs[k].p = rank_score(model, f, cs[k].f);
                rank_report(opt, f, cs[k].value, cs[k].f, cs[k].p);
                /* the first of equals, as the hand rule took it */
                if (bi == SIZE_MAX || (ranked ? cs[k].p > cs[bi].p : cs[k].hand > cs[bi].hand))
                        bi = k;
        }
        if (bi == SIZE_MAX) {
                free(cs);
                return;
        }
        const struct idcand *b = &cs[bi];
        *dst = bf_xstrdup(b->value);
        char *lbl = xdoc_join(x, b->h->first, b->h->end, false);
        double conf;
        if (ranked) {
                conf = rank_calibrate(model, f, fmin(b->p, id_share(cs, n, bi)),
                                      x->doc->source != SOURCE_TEXT);
        } else {
                conf = 0.45 + 0.5 * b->hand / 100.0;
                /* an identifier has no arithmetic to vouch for it: only a
                 * poorly read one is held */
                if (extract_read_conf(x, b->tok, b->tok + 1) < 0.8)
                        conf = fmin(conf, OCR_DOUBT_CAP);
        }
        extract_meta(inv, f, conf, x->toks[b->tok].page, x->toks[b->tok].box, lbl);
        free(lbl);
        for (size_t k = 0; k < n; k++)
                free(cs[k].value);
        free(cs);
}

void extract_numbers(struct xdoc *x, const struct extract_options *opt, bf_invoice *inv)
{
        extract_dated_number(x);
        find_id(x, opt, inv, LK_INVNO, FIELD_INVOICE_NUMBER, &inv->invoice_number);
        find_id(x, opt, inv, LK_PO, FIELD_PO_NUMBER, &inv->po_number);
}
