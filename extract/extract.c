/* extract.c: the extraction driver — regroups a page's words into lines of
 * normalised tokens, then runs the field finders in dependency order. */
#include "extract/extract-int.h"
#include "extract/slips.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Caps on what a hostile word layer can make us do. */
#define MAX_TOKS 200000
#define MAX_WORD 256

bf_box box_union(bf_box a, bf_box b)
{
        bf_box r = {
                a.x0 < b.x0 ? a.x0 : b.x0, a.y0 < b.y0 ? a.y0 : b.y0,
                a.x1 > b.x1 ? a.x1 : b.x1, a.y1 > b.y1 ? a.y1 : b.y1,
        };
        return r;
}

const bf_page *xdoc_page(const struct xdoc *x, int page)
{
        if (page < 1 || (size_t)page > x->doc->n_pages)
                return NULL;
        return &x->doc->pages[page - 1];
}

char *xdoc_join(const struct xdoc *x, size_t first, size_t end, bool norm)
{
        size_t len = 1;
        for (size_t i = first; i < end; i++)
                len += strlen(norm ? x->toks[i].norm : x->toks[i].raw) + 1;
        char *s = bf_xmalloc(len), *p = s;
        *p = 0;
        for (size_t i = first; i < end; i++) {
                const char *t = norm ? x->toks[i].norm : x->toks[i].raw;
                if (p != s)
                        *p++ = ' ';
                size_t n = strlen(t);
                memcpy(p, t, n);
                p += n;
                *p = 0;
        }
        return s;
}

double extract_read_conf(const struct xdoc *x, size_t first, size_t end)
{
        if (x->doc->source == SOURCE_TEXT)
                return 1.0;
        double c = 1.0;
        for (size_t i = first; i < end && i < x->n_toks; i++)
                if (x->toks[i].conf < c)
                        c = x->toks[i].conf;
        return c;
}

void extract_meta(bf_invoice *inv, enum bf_field f, double conf, int page, bf_box box,
                  const char *label)
{
        bf_field_meta *m = &inv->meta[f];
        m->present = true;
        if (conf < 0.05)
                conf = 0.05;
        if (conf > 0.99)
                conf = 0.99;
        m->confidence = conf;
        m->vouched = false;
        m->page = page;
        m->box = box;
        free(m->label);
        m->label = label ? bf_xstrdup(label) : NULL;
}

/* ---------------------------------------------------------------- tokens */

const char *extract_canon(const char *norm)
{
        static const char *const no_words[] = {
                "no", "nr", "num", "number", "nummer", "numero", "no.", "#", "n", "nbr",
                "nos", "nro", "numer", "numurs", "numeris", "cislo", "c", "broj", "br",
                "szam", "szama", "numar", "stevilka", "numru", "nru", "uimhir", "uimh", "αριθμοσ", "αρ", "номер",
                "\u2116", NULL,
        };
        for (int i = 0; no_words[i]; i++)
                if (strcmp(norm, no_words[i]) == 0)
                        return "no";
        return norm;
}

/* Trims outer punctuation from a folded word in place; notes a trailing ':'. */
static void trim_norm(char *s, bool *colon)
{
        size_t n = strlen(s);
        *colon = false;
        while (n > 0 && (strchr(slip_specks_word_trail, s[n - 1]) ||
                         (s[n - 1] == '-' && n >= 4 && isalpha((unsigned char)s[n - 2])))) {
                if (s[n - 1] == ':')
                        *colon = true;
                s[--n] = 0;
        }
        size_t k = 0;
        while (s[k] && (strchr(slip_specks_word_lead, s[k]) ||
                        (s[k] == '-' && ((s[k + 1] >= 'a' && s[k + 1] <= 'z') ||
                                         s[k + 1] == '~' || s[k + 1] == '_'))))
                k++;
        memmove(s, s + k, strlen(s + k) + 1);
        /* "re.-nr" -> "re-nr", "best.-nr" -> "best-nr": an abbreviation's
         * dot before the hyphen of a compound (German "Re.-Nr.") */
        for (char *d = strstr(s, ".-"); d; d = strstr(d, ".-"))
                if (d > s && isalpha((unsigned char)d[-1]))
                        memmove(d, d + 1, strlen(d + 1) + 1);
                else
                        d++;
        /* "p.o" -> "po", "u.s" -> "us": dotted abbreviations. */
        n = strlen(s);
        if (n >= 3 && n <= 8) {
                bool dotted = true, has_dot = false;
                for (size_t i = 0; i < n; i++) {
                        if (s[i] == '.')
                                has_dot = true;
                        else if (!(s[i] >= 'a' && s[i] <= 'z') && (unsigned char)s[i] < 0x80)
                                dotted = false;     /* Greek "α.ε" as well */
                }
                if (dotted && has_dot) {
                        size_t j = 0;
                        for (size_t i = 0; i < n; i++)
                                if (s[i] != '.')
                                        s[j++] = s[i];
                        s[j] = 0;
                }
        }
}

static void add_tok(struct xdoc *x, size_t *cap, const char *raw, size_t rawlen,
                    bf_box box, float conf, int page)
{
        if (x->n_toks >= MAX_TOKS)
                return;
        if (rawlen > MAX_WORD)
                rawlen = MAX_WORD;
        if (x->n_toks == *cap) {
                *cap = *cap ? *cap * 2 : 256;
                x->toks = bf_xrealloc(x->toks, *cap * sizeof(*x->toks));
        }
        struct xtok *t = &x->toks[x->n_toks++];
        memset(t, 0, sizeof(*t));
        t->raw = bf_xstrndup(raw, rawlen);
        t->norm = extract_fold(t->raw);
        trim_norm(t->norm, &t->colon);
        t->canon = extract_canon(t->norm);
        if (x->doc->source != SOURCE_TEXT && slips_numero(t->raw))
                t->canon = "no";
        t->box = box;
        t->conf = conf;
        t->page = page;
        t->label = -1;
}

/* "3@", "BE@306293051", "@,00": OCR reads a round 0 as "@" in figures. A
 * scanned word of digits, separators and "@" (never an address: that has
 * letters) gets its 0s back; a copy when so, caller frees; else NULL. */
static char *at_zeros(const struct xdoc *x, const char *s)
{
        size_t digits = 0, ats = 0, letters = 0, n = strlen(s);
        if (x->doc->source == SOURCE_TEXT || !strchr(s, '@'))
                return NULL;
        for (const char *p = s; *p; p++) {
                if (isdigit((unsigned char)*p))
                        digits++;
                else if (*p == '@')
                        ats++;
                else if (isalpha((unsigned char)*p))
                        letters++;
                else if (!strchr(".,-/:'", *p))
                        return NULL;
        }
        /* "BE@306293051": a country prefix before the digits */
        if (letters > 0 && !(letters == 2 && isalpha((unsigned char)s[0]) && isalpha((unsigned char)s[1]) &&
                             s[2] == '@'))
                return NULL;
        if (digits == 0 || ats > digits || ats + digits + letters < 2 || n > 40)
                return NULL;
        char *c = bf_xstrdup(s);
        for (char *p = c; *p; p++)
                if (*p == '@')
                        *p = '0';
        return c;
}

/* Splits "N°562044387", "#INV-1", "No.123", "Date:3/1/26" into a label part
 * and a value part; otherwise adds the word whole. */
static void add_word(struct xdoc *x, size_t *cap, const bf_word *w, int page)
{
        char *zeros = at_zeros(x, w->text);
        if (zeros) {
                bf_word z = *w;
                z.text = zeros;
                add_word(x, cap, &z, page);
                free(zeros);
                return;
        }
        const char *s = w->text;
        size_t n = strlen(s);
        size_t cut = 0;
        if (n == 0)
                return;
        if (s[0] == '#' && n > 1)
                cut = 1;
        else if ((s[0] == 'N' || s[0] == 'n') && n > 3) {
                const unsigned char *u = (const unsigned char *)s;
                if (u[1] == 0xc2 && (u[2] == 0xb0 || u[2] == 0xba))
                        cut = 3;
                else if ((u[1] == 'o' || u[1] == 'O' || u[1] == 'r') && u[2] == '.')
                        cut = 3;
                if (cut && cut < n && (u[cut] == '.' || u[cut] == ':'))
                        cut++;
                if (cut && !(cut < n && ((u[cut] >= '0' && u[cut] <= '9') || u[cut] == '#')))
                        cut = 0;
        }
        if (!cut && x->doc->source != SOURCE_TEXT) {
                /* "nro-2026-4892": a scan's speck between a number word and
                 * its value read as a hyphen (lower case: "NR-2026" is a
                 * series) */
                size_t k = 0;
                while (k < n && s[k] >= 'a' && s[k] <= 'z')
                        k++;
                char word[8];
                if (k >= 2 && k < sizeof(word) && k + 1 < n && s[k] == '-' && isdigit((unsigned char)s[k + 1])) {
                        memcpy(word, s, k);
                        word[k] = 0;
                        if (strcmp(extract_canon(word), "no") == 0)
                                cut = k + 1;
                }
        }
        if (!cut) {
                /* "Total176.989,51": a label glued to its amount */
                size_t k = 0;
                while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
                        k++;
                if (k >= 3 && k < n && s[k] >= '0' && s[k] <= '9' && strpbrk(s + k, ".,") &&
                    strspn(s + k, "0123456789.,'") == n - k)
                        cut = k;
        }
        if (!cut) {
                /* "TVA5", "VAT20%", "MwSt.19%": a tax word glued to its rate */
                static const char *const tax[] = { "vat", "tva", "btw", "iva", "gst", "mwst",
                        "ust", "tax", NULL };
                size_t k = 0;
                while (k < n && isalpha((unsigned char)s[k]))
                        k++;
                size_t dot = k < n && (s[k] == '.' || s[k] == ':') ? 1 : 0;
                if (k >= 3 && k <= 4 && k + dot < n && isdigit((unsigned char)s[k + dot]))
                        for (int j = 0; tax[j]; j++)
                                if (strlen(tax[j]) == k && strncasecmp(s, tax[j], k) == 0)
                                        cut = k + dot;
        }
        if (!cut) {
                /* "Total(RM)", "Amount(EUR)": a label glued to its unit */
                const char *par = strchr(s, '(');
                size_t k = par ? (size_t)(par - s) : 0;
                if (k >= 3 && s[n - 1] == ')' && n - k >= 3 && n - k <= 6 &&
                    !memchr(s + k + 1, '(', n - k - 1)) {
                        bool alpha = true;
                        for (size_t j = 0; j < k; j++)
                                alpha &= isalpha((unsigned char)s[j]) != 0;
                        if (alpha)
                                cut = k;
                }
        }
        if (!cut) {
                const char *colon = strchr(s, ':');
                if (colon && colon > s && colon[1]) {
                        bool alpha = true;
                        for (const char *p = s; p < colon; p++)
                                if ((*p >= '0' && *p <= '9'))
                                        alpha = false;
                        if (alpha)
                                cut = (size_t)(colon - s) + 1;
                }
        }
        if (cut && cut < n) {
                double frac = (double)cut / (double)n;
                bf_box a = w->box, b = w->box;
                a.x1 = w->box.x0 + (w->box.x1 - w->box.x0) * frac;
                b.x0 = a.x1;
                add_tok(x, cap, s, cut, a, w->conf, page);
                add_tok(x, cap, s + cut, n - cut, b, w->conf, page);
                return;
        }
        add_tok(x, cap, s, n, w->box, w->conf, page);
}

/* ---------------------------------------------------------------- lines */

struct rawline {
        int page;
        size_t *idx;    /* word indices */
        size_t n, cap;
        bf_box box;
        double h, cy;
        bool dead;
};

static int cmp_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;
        return x < y ? -1 : x > y;
}

static const bf_page *sort_page;
static int cmp_word_x(const void *a, const void *b)
{
        const bf_word *wa = &sort_page->words[*(const size_t *)a];
        const bf_word *wb = &sort_page->words[*(const size_t *)b];
        return wa->box.x0 < wb->box.x0 ? -1 : wa->box.x0 > wb->box.x0;
}

static int cmp_rawline_y(const void *a, const void *b)
{
        const struct rawline *la = a, *lb = b;
        return la->cy < lb->cy ? -1 : la->cy > lb->cy;
}

static void rawline_add(struct rawline *l, const bf_page *pg, size_t wi)
{
        if (l->n == l->cap) {
                l->cap = l->cap ? l->cap * 2 : 8;
                l->idx = bf_xrealloc(l->idx, l->cap * sizeof(*l->idx));
        }
        l->box = l->n ? box_union(l->box, pg->words[wi].box) : pg->words[wi].box;
        l->idx[l->n++] = wi;
}

/* Does a scanned word read a letter or a digit (not only specks of
 * dust, ":", "‘", "*", whose boxes are a few pixels high)? */
static bool word_has_alnum(const char *s)
{
        for (; *s; s++)
                if (isalnum((unsigned char)*s) || (unsigned char)*s >= 0xc0)
                        return true;
        return false;
}

/* A line's height is its words' median, on a scan of those that read a
 * letter or a digit: "Fakturanummer  :  :  ‘  Fakturadatum" had been 3 px
 * high by its specks, and its values under it out of reach. */
static void rawline_stats(struct rawline *l, const bf_page *pg)
{
        double *hs = bf_xmalloc(l->n * sizeof(double));
        double cy = 0;
        size_t n = 0;
        for (int pass = 0; pass < 2 && n == 0; pass++)
                for (size_t i = 0; i < l->n; i++) {
                        const bf_word *w = &pg->words[l->idx[i]];
                        if (pass == 0 && pg->ocr && !word_has_alnum(w->text))
                                continue;
                        hs[n++] = w->box.y1 - w->box.y0;
                }
        for (size_t i = 0; i < l->n; i++) {
                const bf_box *b = &pg->words[l->idx[i]].box;
                cy += (b->y0 + b->y1) / 2;
        }
        qsort(hs, n, sizeof(double), cmp_double);
        l->h = hs[n / 2] > 0.1 ? hs[n / 2] : 0.1;
        l->cy = cy / (double)l->n;
        free(hs);
}

static bool x_overlap(bf_box a, bf_box b)
{
        double lo = a.x0 > b.x0 ? a.x0 : b.x0, hi = a.x1 < b.x1 ? a.x1 : b.x1;
        double w = fmin(a.x1 - a.x0, b.x1 - b.x0);
        return hi - lo > 0.3 * w;
}

/* The median height of a page's words (0 for none). */
static double median_word_height(const bf_page *pg)
{
        double *h = bf_xcalloc(pg->n_words + 1, sizeof(*h)), m;
        size_t n = 0;
        for (size_t i = 0; i < pg->n_words; i++)
                if (pg->words[i].box.y1 > pg->words[i].box.y0)
                        h[n++] = pg->words[i].box.y1 - pg->words[i].box.y0;
        qsort(h, n, sizeof(*h), cmp_double);
        m = n ? h[n / 2] : 0;
        free(h);
        return m;
}

/* On a scan, a "word" far taller than the page's text and far narrower
 * per letter than it is tall ("BRWNeE" 46 x 246 px) is OCR's reading of a
 * vertical rule, not text. */
static bool rule_read_as_word(const bf_word *w, double median_h)
{
        double h = w->box.y1 - w->box.y0, width = w->box.x1 - w->box.x0;
        size_t chars = extract_letter_count(w->text);
        return median_h > 0 && chars > 0 && h > 3 * median_h && h > 6 * width / (double)chars;
}

/* Lines of one page: the word layer's own lines, then merged with others
 * at the same height (OCR splits a row into blocks; PDFs into flows). */
static void build_page(struct xdoc *x, size_t *tcap, size_t *lcap, const bf_page *pg)
{
        struct rawline *rl = NULL;
        size_t nrl = 0, crl = 0;
        double median_h = pg->ocr ? median_word_height(pg) : 0;
        for (size_t wi = 0; wi < pg->n_words; wi++) {
                const bf_word *w = &pg->words[wi];
                if (!w->text || !w->text[0] || w->box.x1 < w->box.x0 || w->box.y1 < w->box.y0)
                        continue;
                if (rule_read_as_word(w, median_h))
                        continue;
                bool blank = true;
                for (const char *p = w->text; *p; p++)
                        if (*p != ' ' && *p != '\t')
                                blank = false;
                if (blank)
                        continue;
                size_t j = nrl;
                /* Words of one source line are usually adjacent. */
                for (size_t k = nrl; k > 0 && k + 8 > nrl; k--) {
                        const bf_word *o = &pg->words[rl[k - 1].idx[0]];
                        if (o->line == w->line && o->block == w->block && w->line >= 0) {
                                j = k - 1;
                                break;
                        }
                }
                if (j == nrl) {
                        if (nrl == crl) {
                                crl = crl ? crl * 2 : 32;
                                rl = bf_xrealloc(rl, crl * sizeof(*rl));
                        }
                        memset(&rl[nrl], 0, sizeof(*rl));
                        rl[nrl].page = pg->number;
                        nrl++;
                }
                rawline_add(&rl[j], pg, wi);
        }
        for (size_t i = 0; i < nrl; i++)
                rawline_stats(&rl[i], pg);
        if (nrl > 1)
                qsort(rl, nrl, sizeof(*rl), cmp_rawline_y);
        /* Merge lines at the same height that do not overlap horizontally. */
        for (size_t i = 0; i < nrl; i++) {
                if (rl[i].dead)
                        continue;
                for (size_t j = i + 1; j < nrl; j++) {
                        if (rl[j].dead)
                                continue;
                        double hmax = fmax(rl[i].h, rl[j].h), hmin = fmin(rl[i].h, rl[j].h);
                        if (rl[j].cy - rl[i].cy > hmax)
                                break;
                        if (fabs(rl[j].cy - rl[i].cy) > 0.42 * hmax || hmin < 0.4 * hmax)
                                continue;
                        bool clash = false;
                        for (size_t a = 0; a < rl[j].n && !clash; a++)
                                for (size_t b = 0; b < rl[i].n && !clash; b++)
                                        if (x_overlap(pg->words[rl[j].idx[a]].box,
                                                      pg->words[rl[i].idx[b]].box))
                                                clash = true;
                        if (clash)
                                continue;
                        for (size_t a = 0; a < rl[j].n; a++)
                                rawline_add(&rl[i], pg, rl[j].idx[a]);
                        rl[j].dead = true;
                        rawline_stats(&rl[i], pg);
                }
        }
        for (size_t i = 0; i < nrl; i++) {
                if (rl[i].dead) {
                        free(rl[i].idx);
                        continue;
                }
                sort_page = pg;
                qsort(rl[i].idx, rl[i].n, sizeof(size_t), cmp_word_x);
                if (x->n_lines == *lcap) {
                        *lcap = *lcap ? *lcap * 2 : 64;
                        x->lines = bf_xrealloc(x->lines, *lcap * sizeof(*x->lines));
                }
                struct xline *l = &x->lines[x->n_lines];
                l->page = pg->number;
                l->first = x->n_toks;
                for (size_t k = 0; k < rl[i].n; k++)
                        add_word(x, tcap, &pg->words[rl[i].idx[k]], pg->number);
                l->n = x->n_toks - l->first;
                l->box = rl[i].box;
                l->h = rl[i].h;
                if (l->n > 0) {
                        for (size_t k = l->first; k < x->n_toks; k++)
                                x->toks[k].line = x->n_lines;
                        x->n_lines++;
                }
                free(rl[i].idx);
        }
        free(rl);
}

/* Gaps between a line's words wider than this many line heights part
 * columns, not words; WORD_GAP_MIN_N of the rest measure a page's space. */
#define WORD_GAP_MAX 3.0
#define WORD_GAP_MIN_N 20

/* x->word_gap: the median gap between neighbouring words of a line, in
 * its heights. Fonts set their spaces differently: a figure grouped by a
 * space ("31 999") is told from two figures by it. */
static void measure_word_gap(struct xdoc *x)
{
        double *gaps = bf_xmalloc(sizeof(*gaps) * (x->n_toks + 1));
        size_t n = 0;

        for (size_t l = 0; l < x->n_lines; l++) {
                const struct xline *ln = &x->lines[l];

                for (size_t i = ln->first + 1; ln->h > 0 && i < ln->first + ln->n; i++) {
                        double g = (x->toks[i].box.x0 - x->toks[i - 1].box.x1) / ln->h;

                        if (g >= 0 && g < WORD_GAP_MAX)
                                gaps[n++] = g;
                }
        }
        if (n >= WORD_GAP_MIN_N) {
                qsort(gaps, n, sizeof(*gaps), cmp_double);
                x->word_gap = gaps[n / 2];
        }
        free(gaps);
}

void xdoc_build(struct xdoc *x, const bf_doc_text *doc)
{
        size_t tcap = 0, lcap = 0;
        memset(x, 0, sizeof(*x));
        x->doc = doc;
        for (size_t p = 0; p < doc->n_pages; p++)
                build_page(x, &tcap, &lcap, &doc->pages[p]);
        measure_word_gap(x);
        extract_find_labels(x);
}

void xdoc_release(struct xdoc *x)
{
        for (size_t i = 0; i < x->n_toks; i++) {
                free(x->toks[i].raw);
                free(x->toks[i].norm);
        }
        free(x->toks);
        free(x->lines);
        free(x->hits);
        free(x->line_read);
        memset(x, 0, sizeof(*x));
}

/* ---------------------------------------------------------------- driver */

int extract_invoice(const bf_doc_text *doc, const struct extract_options *opt,
                    bf_invoice *ret, struct bf_error *err)
{
        static const struct extract_options no_opt;
        struct xdoc x;

        if (!doc || doc->n_pages == 0)
                return bf_error_set(err, BF_EINVAL, "no pages to extract from");
        if (!opt)
                opt = &no_opt;
        invoice_init(ret);
        ret->source = doc->source;
        ret->pages = (int)doc->n_pages;

        xdoc_build(&x, doc);
        const bf_vendor *vendor = extract_vendor(&x, opt, ret);
        extract_currency(&x, opt);
        if (vendor && !x.currency[0] && vendor->currency[0])
                memcpy(x.currency, vendor->currency, BF_CURRENCY_LEN);
        extract_date_order(&x, opt);
        extract_numbers(&x, opt, ret);
        extract_dates(&x, opt, ret, vendor);
        extract_line_items(&x, ret);
        extract_amounts(&x, opt, ret);
        extract_till_items(&x, ret);
        extract_lines_reconcile(&x, ret);
        if (!x.till)
                extract_amounts_agree(ret);
        extract_amounts_bound(ret);
        /* the finders' scores as confidences; a learned hint and master
         * data below are evidence of their own and set theirs */
        rank_calibrate_finders(opt->model ? opt->model : extract_model_builtin(), ret,
                               doc->source != SOURCE_TEXT);
        if (opt->n_hints)
                extract_apply_hints(&x, opt, ret);
        extract_master_evidence(&x, opt, vendor, ret);
        extract_payment_details(&x, ret);
        xdoc_release(&x);
        return 0;
}
