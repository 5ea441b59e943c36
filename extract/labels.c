/* labels.c: the languages' labels (extract/lang/) matched on normalised
 * tokens, table headers, and reading the value beside a label. */
#include "extract/lang.h"
#include "extract/slips.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The one folding (models' text_fold): labels, tokens and names alike. */
char *extract_fold(const char *s)
{
        return text_fold(s);
}

bool extract_has_digit(const char *s)
{
        for (; *s; s++)
                if (*s >= '0' && *s <= '9')
                        return true;
        return false;
}

bool extract_word_in(const char *w, const char *const *list)
{
        for (size_t i = 0; list[i]; i++)
                if (strcmp(w, list[i]) == 0)
                        return true;
        return false;
}

size_t extract_letter_count(const char *s)
{
        size_t n = 0;
        for (const unsigned char *p = (const unsigned char *)s; *p; p++)
                n += (*p & 0xc0) != 0x80;
        return n;
}

bool extract_is_filler(const struct xtok *t)
{
        const char *n = t->norm;
        return n[0] == 0 || strcmp(t->canon, "no") == 0 || strcmp(n, "-") == 0 ||
               strcmp(n, "=") == 0 || strcmp(n, ":") == 0 || strcmp(n, "of") == 0 ||
               strcmp(n, "de") == 0 || strcmp(n, "du") == 0 || strcmp(n, "le") == 0;
}

/* ------------------------------------------------------------ vocabulary */

/* The labels themselves are in extract/lang/, one table per language. */
#define MAX_LABEL_TOKS 6

/* The number word's spellings a label's words run together by OCR are
 * matched with (match_glued), in this order. */
static const char *const glued_nos[] = { "no", "n", "nr" };
#define N_GLUED (sizeof(glued_nos) / sizeof(glued_nos[0]))

struct label_toks {
        const struct label_def *def;
        int lang;
        int n;
        char w[MAX_LABEL_TOKS][48];     /* "идентификационен" is 32 bytes */
        /* its words written together, "no" spelt each of glued_nos[] (the
         * first only when it has no "no"): made once, not per token */
        char glued[N_GLUED][64];
        size_t glued_len[N_GLUED];      /* 0: not made (too long, or no "no") */
};

/* What may_start() asks of a label, kept apart from its label_toks (over
 * 500 bytes each) so that the test of every label at every token reads a
 * few kilobytes, not the whole table: its first word's first byte and
 * length, its number of words, its glued forms' lengths, and whether its
 * first word is a short tax word (tax_fuzzy). */
struct label_key {
        char c;
        uint8_t n, len0, tax0;
        uint8_t glued_len[N_GLUED];
};

/* lt's words written together into its glued[] forms (see match_glued). */
static void label_glue(struct label_toks *lt)
{
        for (size_t k = 0; k < N_GLUED; k++) {
                size_t len = 0;
                bool has_no = false, fits = true;
                for (int j = 0; j < lt->n && fits; j++) {
                        const char *w = lt->w[j];
                        if (strcmp(w, "no") == 0) {
                                w = glued_nos[k];
                                has_no = true;
                        }
                        size_t wl = strlen(w);
                        fits = len + wl < sizeof(lt->glued[k]);
                        if (fits) {
                                memcpy(lt->glued[k] + len, w, wl + 1);
                                len += wl;
                        }
                }
                if (!fits)
                        break;
                lt->glued_len[k] = len;
                if (!has_no)
                        break;
        }
}

/* The short tax words tax_fuzzy() reads through a misread letter. */
static bool tax_word(const char *w)
{
        static const char *const words[] = { "vat", "btw", "tva", "iva", "gst", "mwst", "ust", NULL };
        return extract_word_in(w, words);
}

/* Every language's labels split into tokens; *ret_n of them, caller frees. */
static struct label_toks *label_split(size_t *ret_n)
{
        size_t n = 0;
        for (size_t l = 0; extract_langs[l]; l++)
                n += extract_langs[l]->n_labels;
        struct label_toks *lt = bf_xcalloc(n, sizeof(*lt));
        size_t i = 0;
        for (size_t l = 0; extract_langs[l]; l++)
                for (size_t k = 0; k < extract_langs[l]->n_labels; k++) {
                        lt[i].lang = (int)l;
                        lt[i++].def = &extract_langs[l]->labels[k];
                }
        *ret_n = n;
        for (i = 0; i < n; i++) {
                const char *p = lt[i].def->words;
                while (*p && lt[i].n < MAX_LABEL_TOKS) {
                        size_t len = strcspn(p, " ");
                        if (len > 47)
                                len = 47;
                        memcpy(lt[i].w[lt[i].n], p, len);
                        lt[i].w[lt[i].n][len] = 0;
                        lt[i].n++;
                        p += len;
                        while (*p == ' ')
                                p++;
                }
                label_glue(&lt[i]);
        }
        return lt;
}

/* The keys of n labels lt; caller frees. */
static struct label_key *label_keys(const struct label_toks *lt, size_t n)
{
        struct label_key *keys = bf_xcalloc(n ? n : 1, sizeof(*keys));
        for (size_t i = 0; i < n; i++) {
                keys[i].c = lt[i].w[0][0];
                keys[i].n = (uint8_t)lt[i].n;
                keys[i].len0 = (uint8_t)strlen(lt[i].w[0]);     /* under 48 */
                keys[i].tax0 = tax_word(lt[i].w[0]);
                for (size_t k = 0; k < N_GLUED; k++)
                        keys[i].glued_len[k] = (uint8_t)lt[i].glued_len[k];     /* under 64 */
        }
        return keys;
}

/* Label token equality: canonical forms, "(rm)" written "rm", and the
 * label's word glued to a trailing colon already trimmed. */
static bool tok_eq(const struct xtok *t, const char *w)
{
        /* (the first bytes first: tried at every token for every label
         * that may start there, the call had been most of the cost) */
        if (t->canon[0] == w[0] && strcmp(t->canon, w) == 0)
                return true;
        if (w[0] == '(') {
                size_t n = strlen(w);
                return n > 2 && strlen(t->norm) == n - 2 && strncmp(t->norm, w + 1, n - 2) == 0;
        }
        return false;
}

bool extract_within_one(const char *a, const char *b)
{
        size_t na = strlen(a), nb = strlen(b);
        if (na > nb + 1 || nb > na + 1)
                return false;
        size_t i = 0;
        while (i < na && i < nb && a[i] == b[i])
                i++;
        if (na == nb)
                return strcmp(a + i + (i < na), b + i + (i < nb)) == 0;
        return na > nb ? strcmp(a + i + 1, b + i) == 0 : strcmp(a + i, b + i + 1) == 0;
}

/* The bytes of the UTF-8 letter at s: its lead byte and the
 * continuation bytes after it; 0 at the end. */
static size_t letter_len(const char *s)
{
        size_t n = *s != 0;
        while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
                n++;
        return n;
}

bool extract_within_one_letter(const char *a, const char *b)
{
        size_t i = 0;
        while (a[i] && a[i] == b[i])
                i++;
        if (!a[i] && !b[i])
                return true;
        /* back to the start of the letter in which they part */
        while (i > 0 && (((unsigned char)a[i] & 0xc0) == 0x80 || ((unsigned char)b[i] & 0xc0) == 0x80))
                i--;
        const char *ra = a + i + letter_len(a + i), *rb = b + i + letter_len(b + i);
        return strcmp(ra, rb) == 0 || strcmp(ra, b + i) == 0 || strcmp(a + i, rb) == 0;
}

/* OCR misreads one letter of a label ("lotal", "Tota]", "SUBTATAL",
 * "Rechnaungsnummer", a covering letter's "fakttra" and "faîtura"); only
 * the long words that carry the amount labels, the invoice's own name,
 * a till's "change" ("CHONGE") and words of eight letters or more
 * ("Seadenza" for Italian "Scadenza", the due date's) are matched loosely —
 * "change" never from "charge" or a word one letter from it. */
static bool tok_fuzzy(const struct xtok *t, const char *w)
{
        static const char *const words[] = { "total", "subtotal", "amount", "rounding",
                "payable", "invoice", "faktura", "fattura", "factura", "facture", "factuur",
                "rechnung", "change", NULL };
        if (strlen(t->norm) < 4)
                return false;
        /* (a digit only as the catalogue's slip for a marked letter) */
        if (slips_word(t->norm, w))
                return true;
        if (extract_has_digit(t->norm))
                return false;
        if (strcmp(w, "change") == 0 && extract_within_one(t->norm, "charge"))
                return false;
        if (strlen(w) >= 8)
                return extract_within_one(t->norm, w);
        for (int i = 0; words[i]; i++) {
                if (w[0] != words[i][0] || strcmp(w, words[i]) != 0)
                        continue;
                if (extract_within_one(t->norm, w))
                        return true;
                /* "Jota!": a last l read as '!' or '|', a letter misread besides */
                size_t nr = strlen(t->raw), nn = strlen(t->norm);
                char withl[32];
                if (nr > 1 && (t->raw[nr - 1] == '!' || t->raw[nr - 1] == '|') && nn + 2 <= sizeof(withl) &&
                    w[strlen(w) - 1] == 'l') {
                        memcpy(withl, t->norm, nn);
                        withl[nn] = 'l';
                        withl[nn + 1] = 0;
                        return extract_within_one(withl, w);
                }
                return false;
        }
        return false;
}

/* "BIW 21%": a short tax word misread, vouched for by the rate after it. */
static bool tax_fuzzy(const struct xdoc *x, size_t i, const char *w)
{
        const struct xtok *t = &x->toks[i];
        if (i + 1 >= x->n_toks || x->toks[i + 1].line != t->line || !strchr(x->toks[i + 1].raw, '%'))
                return false;
        if ((strlen(w) < 4 && strlen(t->norm) != strlen(w)) || extract_has_digit(t->norm))
                return false;
        return tax_word(w) && extract_within_one(t->norm, w);
}

static void add_hit(struct xdoc *x, size_t *cap, const struct label_def *d, int lang, size_t line,
                    size_t first, size_t end)
{
        if (x->n_hits == *cap) {
                *cap = *cap ? *cap * 2 : 64;
                x->hits = bf_xrealloc(x->hits, *cap * sizeof(*x->hits));
        }
        struct xhit *h = &x->hits[x->n_hits];
        h->kind = d->kind;
        h->strength = d->strength;
        h->lang = lang;
        h->line = line;
        h->first = first;
        h->end = end;
        h->before = d->before;
        h->till = d->till;
        h->box = x->toks[first].box;
        for (size_t i = first + 1; i < end; i++)
                h->box = box_union(h->box, x->toks[i].box);
        for (size_t i = first; i < end; i++)
                x->toks[i].label = (int)x->n_hits;
        x->n_hits++;
}

/* Does norm read as label word a followed by b, run together by OCR
 * ("ponumber", "decommande", "PO#"), by a hyphen ("Invoice-No") or an
 * apostrophe ("ta'skadenza") or, a number
 * word, as languages write it ("Kuittinro", "Bonnr.", "Kvitteringsnr." with the
 * linking s of a compound)? b "no" stands for its spellings; a bare "n"
 * only on a scan (a text layer's "...n" is a word's own letter). */
static bool two_words(const char *norm, const char *a, const char *b, bool ocr)
{
        static const char *const nos[] = { "no", "nr", "nro", "number", "nummer", "numero", "n", "#",
                                           NULL };
        size_t na = strlen(a);
        if (strncmp(norm, a, na) != 0 || !norm[na])
                return false;
        /* "Invoice-No": a hyphen between them; "ta'skadenza": Maltese
         * "ta'" (of) with its apostrophe and no space after it */
        if ((norm[na] == '-' || norm[na] == '\'') && norm[na + 1])
                na++;
        if (strcmp(b, "no") != 0)
                return strcmp(norm + na, b) == 0;
        for (int s = 0; s < 2; s++) {
                const char *rest = norm + na + (size_t)s;
                if (s == 1 && (norm[na] != 's' || na < 5))
                        break;
                for (int i = 0; nos[i]; i++)
                        if (strcmp(rest, nos[i]) == 0 && (ocr || strcmp(nos[i], "n") != 0))
                                return true;
        }
        return false;
}

/* A label whose two words OCR ran into one token, the others as they
 * are: the tokens it covers from i, or 0. */
static int match_merged(const struct xdoc *x, size_t i, size_t end, const struct label_toks *lt,
                        bool ocr)
{
        for (int m = 0; m + 1 < lt->n; m++) {
                size_t t = i;
                bool ok = true;
                for (int j = 0; j < lt->n && ok; j++, t++) {
                        if (t >= end) {
                                ok = false;
                        } else if (j == m) {
                                ok = two_words(x->toks[t].norm, lt->w[j], lt->w[j + 1], ocr);
                                j++;
                        } else {
                                ok = tok_eq(&x->toks[t], lt->w[j]);
                        }
                        if (ok && j < lt->n - 1 && x->toks[t].colon)
                                ok = false;
                }
                if (ok)
                        return (int)(t - i);
        }
        return 0;
}

/* "Bestel lnaummer": OCR broke a long label word in two, perhaps with a
 * letter misread too. Two tokens set tight (less than half the line's
 * height apart, no colon between) joined match a label word of ten
 * letters or more within one edit: 2, else 0. */
static int match_split(const struct xdoc *x, size_t i, size_t end, const char *w)
{
        if (i + 1 >= end || strlen(w) < 10)
                return 0;
        const struct xtok *a = &x->toks[i], *b = &x->toks[i + 1];
        if (a->colon || extract_has_digit(a->norm) ||
            extract_has_digit(b->norm) || b->box.x0 - a->box.x1 > 0.5 * x->lines[a->line].h)
                return 0;
        char joined[64];
        if ((size_t)snprintf(joined, sizeof(joined), "%s%s", a->norm, b->norm) >= sizeof(joined))
                return 0;
        return strcmp(joined, w) == 0 || extract_within_one(joined, w) ? 2 : 0;
}

/* "Nedepedido:": every word of a label run into one token by OCR, one
 * letter misread too; the joined label must be ten letters or more. Its
 * number word may be any of glued_nos[]; the joined forms are the label's
 * own (label_glue), made once: joining them here for every token and
 * label of every language had cost a generated scan's extraction half
 * of its time. */
static bool match_glued(const struct xtok *t, const struct label_toks *lt)
{
        if (lt->n < 2 || extract_has_digit(t->norm))
                return false;
        for (size_t k = 0; k < N_GLUED && lt->glued_len[k] > 0; k++)
                /* (not the words without their number word: "Τιμολόγιο"
                 * is a title, no "τιμολογιο n" with the n lost) */
                if (lt->glued_len[k] >= 10 && extract_within_one(t->norm, lt->glued[k]) &&
                    !(strcmp(glued_nos[k], "n") == 0 && strlen(t->norm) < lt->glued_len[k]))
                        return true;
        return false;
}

/* A bare number word heading a row of labels, its value below ("Номер
 * Дата на издаване  Поръчка №  Условия на плащане"), heads the invoice
 * number's column, colon or not: the row's first cell, a column's gap
 * after it, two or more of the row's other cells dates, orders or terms,
 * and no invoice number labelled on it. */
static void head_number_column(struct xdoc *x, size_t *cap)
{
        static const struct label_def bare_no = { LK_INVNO, 80, "no" };

        for (size_t li = 0; li < x->n_lines; li++) {
                const struct xline *l = &x->lines[li];
                const struct xtok *t = &x->toks[l->first];
                int others = 0;
                bool invno = false;

                if (l->n < 3 || t->label >= 0 || !tok_eq(t, "no") || t->colon ||
                    x->toks[l->first + 1].box.x0 - t->box.x1 < 1.3 * l->h)
                        continue;
                for (size_t i = l->first + 1; i < l->first + l->n; i++) {
                        int h = x->toks[i].label;
                        if (h < 0 || (i > l->first + 1 && x->toks[i - 1].label == h))
                                continue;
                        invno |= x->hits[h].kind == LK_INVNO;
                        others += x->hits[h].kind == LK_DATE || x->hits[h].kind == LK_DUE ||
                                  x->hits[h].kind == LK_PO || x->hits[h].kind == LK_TERMS;
                }
                if (others >= 2 && !invno)
                        add_hit(x, cap, &bare_no, -1, li, l->first, l->first + 1);
        }
}

/* Whether token i of line l follows a plain figure ("6", "1,5") set tight
 * before it. */
static bool after_figure(const struct xdoc *x, const struct xline *l, size_t i)
{
        const struct xtok *p = &x->toks[i - (i > l->first)], *t = &x->toks[i];

        if (i == l->first || t->box.x0 - p->box.x1 > 1.0 * l->h || !extract_has_digit(p->raw))
                return false;
        for (const char *c = p->raw; *c; c++)
                if (!strchr("0123456789.,", *c))
                        return false;
        return true;
}

/* Whether token i stands a column's gap (over twice the line's height)
 * after token i - 1 of its line. */
static bool label_gap(const struct xdoc *x, size_t i)
{
        const struct xtok *a = &x->toks[i - 1], *b = &x->toks[i];

        return b->box.x0 - a->box.x1 > 2.0 * x->lines[b->line].h;
}

/* The first token of line li starting in the column of token t (its left
 * edge within a line's height of t's), or SIZE_MAX. */
static size_t column_tok(const struct xdoc *x, size_t li, const struct xtok *t)
{
        const struct xline *m = &x->lines[li];
        for (size_t i = m->first; i < m->first + m->n; i++)
                if (fabs(x->toks[i].box.x0 - t->box.x0) < m->h)
                        return i;
        return SIZE_MAX;
}

/* A bare number word in a column of labels stacked over their values
 * ("Number / 077225 / Kuupäev / 25.08.2026", "Nummer", "Номер"), colon or
 * not: first on its line and alone in its column (a column's gap after
 * it), an identifier with a digit right under it, and a label under that
 * in the same column. */
static void stacked_number(struct xdoc *x, size_t *cap)
{
        static const struct label_def bare_no = { LK_INVNO, 80, "no" };

        for (size_t li = 0; li + 2 < x->n_lines; li++) {
                const struct xline *l = &x->lines[li];
                const struct xtok *t = &x->toks[l->first];
                if (t->label >= 0 || !tok_eq(t, "no") || (l->n > 1 && !label_gap(x, l->first + 1)))
                        continue;
                const struct xline *v = &x->lines[li + 1], *w = &x->lines[li + 2];
                if (v->page != l->page || w->page != l->page ||
                    v->box.y0 - l->box.y1 > 2.0 * l->h || w->box.y0 - v->box.y1 > 2.0 * l->h)
                        continue;
                size_t vi = column_tok(x, li + 1, t), wi = column_tok(x, li + 2, t);
                if (vi == SIZE_MAX || wi == SIZE_MAX || !extract_has_digit(x->toks[vi].raw) ||
                    x->toks[vi].label >= 0 || x->toks[wi].label < 0 ||
                    x->hits[x->toks[wi].label].kind == LK_IGNORE)
                        continue;
                add_hit(x, cap, &bare_no, -1, li, l->first, l->first + 1);
        }
}

/* Whether the label keyed lk could be read from token t on (t's norm is len bytes
 * long, digit: it has one), by any of the ways extract_find_labels() tries:
 * each needs its first word equal to t's (tok_eq: the same first byte, or
 * a bracketed word), at the start of t's norm (two_words), or on a scan
 * within two letters of t's length (tok_fuzzy), a short tax word
 * (tax_fuzzy), a long single word (match_split) or run
 * together within a letter of t's length (match_glued). A cheap test that
 * spares the others for nearly every pair of token and label: with every
 * language's labels tried at every token, they had been most of a
 * born-digital invoice's time. */
static bool may_start(const struct label_key *lk, const struct xtok *t, size_t len, bool digit,
                      bool ocr)
{
        char c = lk->c;
        if (c == 0 || c == '(' || t->canon[0] == c || (lk->n >= 2 && t->norm[0] == c))
                return true;
        if (!ocr)
                return false;
        if (lk->len0 >= 5 && len >= 4 && !digit && len + 2 >= lk->len0 && len <= lk->len0 + 2u)
                return true;
        if (lk->tax0 || (lk->n == 1 && lk->len0 >= 10))
                return true;
        for (size_t k = 0; lk->n >= 2 && !digit && k < N_GLUED && lk->glued_len[k] > 0; k++)
                if (lk->glued_len[k] >= 10 && len + 1 >= lk->glued_len[k] &&
                    len <= lk->glued_len[k] + 1u)
                        return true;
        return false;
}

/* The labels may_start() can pass at a token, sorted by the one thing of
 * the token each of its tests looks at, as bit sets over the labels: a
 * token's candidates are the union of its sets, and may_start() is asked
 * only of those (over 1200 labels at every token had been a quarter of a
 * scan's extraction). */
enum {
        KS_ALWAYS,                      /* first byte 0 or '(' */
        KS_OCR,                         /* a short tax word; one word of 10 or more */
        KS_FIRST,                       /* + the first byte */
        KS_FIRST2 = KS_FIRST + 256,     /* + the first byte, two words or more */
        KS_LEN0 = KS_FIRST2 + 256,      /* + the first word's length, 5 or more */
        KS_GLUED = KS_LEN0 + 64,        /* + a glued form's length, 10 or more */
        KS_N = KS_GLUED + 64,
};

struct label_sets {
        size_t words;                   /* 64-bit words a set */
        uint64_t *bits;                 /* KS_N sets, caller frees */
};

static void set_add(struct label_sets *s, size_t set, size_t k)
{
        s->bits[set * s->words + k / 64] |= (uint64_t)1 << (k % 64);
}

/* The sets of n labels' keys (label_keys: len0 under 48, glued lengths
 * under 64). */
static void label_sets_init(struct label_sets *s, const struct label_key *keys, size_t n)
{
        s->words = (n + 63) / 64;
        s->bits = bf_xcalloc(KS_N * (s->words ? s->words : 1), sizeof(uint64_t));
        for (size_t k = 0; k < n; k++) {
                const struct label_key *lk = &keys[k];
                unsigned char c = (unsigned char)lk->c;

                if (c == 0 || c == '(') {
                        set_add(s, KS_ALWAYS, k);
                } else {
                        set_add(s, KS_FIRST + c, k);
                        if (lk->n >= 2)
                                set_add(s, KS_FIRST2 + c, k);
                }
                if (lk->len0 >= 5)
                        set_add(s, KS_LEN0 + lk->len0, k);
                if (lk->tax0 || (lk->n == 1 && lk->len0 >= 10))
                        set_add(s, KS_OCR, k);
                for (size_t g = 0; lk->n >= 2 && g < N_GLUED; g++)
                        if (lk->glued_len[g] >= 10)
                                set_add(s, KS_GLUED + lk->glued_len[g], k);
        }
}

static void set_or(uint64_t *mask, const struct label_sets *s, size_t set)
{
        const uint64_t *b = s->bits + set * s->words;

        for (size_t w = 0; w < s->words; w++)
                mask[w] |= b[w];
}

/* Into mask (s->words words): every label may_start() may pass at token t
 * (its norm len bytes long, digit: it has one), and perhaps others. */
static void label_candidates(const struct label_sets *s, const struct xtok *t, size_t len,
                             bool digit, bool ocr, uint64_t *mask)
{
        memset(mask, 0, s->words * sizeof(*mask));
        set_or(mask, s, KS_ALWAYS);
        set_or(mask, s, KS_FIRST + (unsigned char)t->canon[0]);
        set_or(mask, s, KS_FIRST2 + (unsigned char)t->norm[0]);
        if (!ocr)
                return;
        set_or(mask, s, KS_OCR);
        for (size_t l = len > 7 ? len - 2 : 5; len >= 4 && !digit && l <= len + 2 && l < 64; l++)
                set_or(mask, s, KS_LEN0 + l);
        for (size_t l = len > 11 ? len - 1 : 10; !digit && l <= len + 1 && l < 64; l++)
                set_or(mask, s, KS_GLUED + l);
}

/* The words that say "of" or "dated" between an identifier and its date
 * in a letter's sentence ("nr. 2575605 din 07/03/2025", "nr FV/586/10/2025
 * z dnia 2025-10-13", "αρ. 2675605 της 11/06/2026", "Nr. 4711 vom ..."),
 * folded; and the word for "day" some put before the date ("z dnia"). */
static const char *const dated_words[] = {
        "of", "dated", "from", "vom", "du", "del", "de", "van", "din", "z", "ze", "zo", "od",
        "от", "τησ", "απο", "dateret", "datert", "daterad", "paivatty", "fra", NULL,
};
static const char *const day_words[] = { "dnia", "dne", "dna", "dana", "den", "dia", NULL };

void extract_dated_number(struct xdoc *x)
{
        static const struct label_def dated_no = { LK_INVNO, 72, "no" };

        if (x->doc->source == SOURCE_TEXT)
                return;
        /* only where no label names the number itself ("Factura nr.",
         * "Rechnungsnummer"): a title alone ("FACTURA FISCALA") leaves it
         * unlabelled */
        for (size_t h = 0; h < x->n_hits; h++) {
                const struct xhit *hit = &x->hits[h];
                if (hit->kind != LK_INVNO)
                        continue;
                if (hit->strength >= 90)
                        return;
                for (size_t i = hit->first; i < hit->end; i++)
                        if (strcmp(x->toks[i].canon, "no") == 0)
                                return;
        }
        for (size_t li = 0; li < x->n_lines; li++) {
                const struct xline *l = &x->lines[li];
                size_t end = l->first + l->n;
                for (size_t i = l->first; i + 3 < end; i++) {
                        const struct xtok *t = &x->toks[i], *v = &x->toks[i + 1];
                        bf_date d;
                        if (t->label >= 0 || strcmp(t->canon, "no") != 0 || v->label >= 0 ||
                            !extract_has_digit(v->raw) || strlen(v->norm) < 4 ||
                            extract_date_at(x, i + 1, &d, NULL) > 0 ||
                            !extract_word_in(x->toks[i + 2].norm, dated_words))
                                continue;
                        size_t k = i + 3;
                        if (k + 1 < end && extract_word_in(x->toks[k].norm, day_words))
                                k++;
                        if (extract_date_at(x, k, &d, NULL) <= 0)
                                continue;
                        size_t cap = x->n_hits;
                        add_hit(x, &cap, &dated_no, -1, li, i, i + 1);
                        return;
                }
        }
}

void extract_find_labels(struct xdoc *x)
{
        size_t n_labels;
        struct label_toks *lt = label_split(&n_labels);
        struct label_key *keys = label_keys(lt, n_labels);
        struct label_sets sets;
        size_t cap = 0;
        bool ocr = x->doc->source != SOURCE_TEXT;
        label_sets_init(&sets, keys, n_labels);
        uint64_t *cand = bf_xcalloc(sets.words ? sets.words : 1, sizeof(*cand));
        for (size_t li = 0; li < x->n_lines; li++) {
                const struct xline *l = &x->lines[li];
                size_t end = l->first + l->n;
                for (size_t i = l->first; i < end;) {
                        int best = -1, best_n = 0, best_used = 0;
                        size_t len = strlen(x->toks[i].norm);
                        bool digit = extract_has_digit(x->toks[i].norm);
                        label_candidates(&sets, &x->toks[i], len, digit, ocr, cand);
                        for (size_t k = 0; k < n_labels; k++) {
                                int n = keys[k].n;
                                if (!(cand[k / 64] >> (k % 64) & 1))
                                        continue;
                                /* (a text layer's label is all there: n tokens, or
                                 * one fewer with two run together) */
                                if ((!ocr && (size_t)n > end - i + 1) || n < best_n)
                                        continue;
                                if (!may_start(&keys[k], &x->toks[i], len, digit, ocr))
                                        continue;
                                if (n == best_n && best >= 0 &&
                                    lt[k].def->strength <= lt[best].def->strength)
                                        continue;
                                bool ok = (size_t)n <= end - i;
                                for (int j = 0; j < n && ok; j++) {
                                        ok = tok_eq(&x->toks[i + j], lt[k].w[j]) ||
                                             (ocr && (tok_fuzzy(&x->toks[i + j], lt[k].w[j]) ||
                                                      tax_fuzzy(x, i + (size_t)j, lt[k].w[j])));
                                        /* A label word ending in ':' ends the label
                                         * (on a scan, of three words or more, a
                                         * speck may be that colon: "Total: fara TVA") */
                                        if (ok && j < n - 1 && x->toks[i + j].colon && !(ocr && n >= 3))
                                                ok = false;
                                        /* and so does a column's gap: a label's words are
                                         * set together ("Montant" heading one column and
                                         * "Total HT" in the next are no "montant total") */
                                        if (ok && j > 0 && label_gap(x, i + (size_t)j))
                                                ok = false;
                                }
                                /* a tax word set right after a plain figure is its
                                 * unit: "6 km" is six kilometres, not Estonian VAT */
                                if (ok && n == 1 && lt[k].def->kind == LK_TAX && after_figure(x, l, i))
                                        continue;
                                /* a number word alone ("Nr.:", "Αριθμός:", "Номер:")
                                 * labels only with its colon */
                                if (ok && n == 1 && strcmp(lt[k].w[0], "no") == 0 && !x->toks[i].colon)
                                        continue;
                                int used = ok ? n : n >= 2 ? match_merged(x, i, end, &lt[k], ocr) :
                                                ocr && n == 1 ? match_split(x, i, end, lt[k].w[0]) : 0;
                                if (!used && ocr && match_glued(&x->toks[i], &lt[k]))
                                        used = 1;
                                if (used > 0) {
                                        best = (int)k;
                                        best_n = n;
                                        best_used = used;
                                }
                        }
                        if (best < 0) {
                                i++;
                                continue;
                        }
                        /* "Narudžba br.:", "Kunde Nr.:": a number word right
                         * after a label is that label's, not a bare invoice
                         * number label of its own */
                        size_t after = i + (size_t)best_used;
                        if (after < end && !x->toks[after - 1].colon &&
                            strcmp(lt[best].w[lt[best].n - 1], "no") != 0 &&
                            strcmp(x->toks[after].canon, "no") == 0 && !label_gap(x, after))
                                best_used++;
                        add_hit(x, &cap, lt[best].def, lt[best].lang, li, i, i + (size_t)best_used);
                        i += (size_t)best_used;
                }
        }
        free(cand);
        free(sets.bits);
        free(keys);
        free(lt);
        head_number_column(x, &cap);
        stacked_number(x, &cap);
        /* the page's language: the one most labels are in (a word two
         * languages share counts for the first of them) */
        size_t votes[64] = { 0 }, best = 0;
        x->lang = NULL;
        for (size_t h = 0; h < x->n_hits; h++)
                if (x->hits[h].lang >= 0 && x->hits[h].lang < 64)
                        votes[x->hits[h].lang]++;
        for (size_t l = 0; l < 64 && extract_langs[l]; l++)
                if (votes[l] > best) {
                        best = votes[l];
                        x->lang = extract_langs[l]->code;
                }
}

bool extract_line_has_kind(const struct xdoc *x, size_t line, enum xlabel_kind kind)
{
        const struct xline *l = &x->lines[line];
        for (size_t i = l->first; i < l->first + l->n; i++) {
                int h = x->toks[i].label;
                if (h >= 0 && x->hits[h].kind == kind)
                        return true;
        }
        return false;
}

/* ------------------------------------------------------ table headers */

enum col_role extract_header_role(const char *n)
{
        /* OCR specks glued before a header word: "-Designation", "_Qty",
         * a curly quote or guillemet (folding leaves its bytes). Any byte
         * over 0x7f had been skipped, so that every Greek and Cyrillic
         * header word (all its bytes are) read as "" and no Greek or
         * Bulgarian table was found: generated invoices, dev seeds 501-503,
         * 0 of 5 Greek tables read. */
        static const char *const quotes[] = { "\u2018", "\u2019", "\u201a", "\u201c",
                                              "\u201d", "\u201e", "\u00ab", "\u00bb" };
        for (bool more = true; more;) {
                more = *n && strchr("-_.~'\"", *n);
                if (more) {
                        n++;
                        continue;
                }
                for (size_t q = 0; q < sizeof(quotes) / sizeof(quotes[0]) && !more; q++)
                        if (strncmp(n, quotes[q], strlen(quotes[q])) == 0) {
                                n += strlen(quotes[q]);
                                more = true;
                        }
        }
        for (size_t l = 0; extract_langs[l]; l++)
                for (size_t i = 0; i < extract_langs[l]->n_headers; i++)
                        if (strcmp(n, extract_langs[l]->headers[i].word) == 0)
                                return extract_langs[l]->headers[i].role;
        /* ... and one letter misread in a long one ("Descripcien"); short
         * words stay exact, so that "charge" never reads "change" */
        if (strlen(n) >= 7)
                for (size_t l = 0; extract_langs[l]; l++)
                        for (size_t i = 0; i < extract_langs[l]->n_headers; i++) {
                                const struct header_def *h = &extract_langs[l]->headers[i];
                                if (strlen(h->word) >= 7 && extract_within_one(n, h->word))
                                        return h->role;
                        }
        return COL_NONE;
}

/* ------------------------------------------------------ reading values */

/* A scan's speck read as a word: no letter or digit in it (".", "_", a
 * curly quote, a dash or an ellipsis: "—…"). */
static bool speck(const struct xdoc *x, const struct xtok *t)
{
        if (x->doc->source == SOURCE_TEXT)
                return false;
        for (const unsigned char *p = (const unsigned char *)t->raw; *p; p++) {
                /* U+2010..U+203F: dashes, quotes, bullets, the ellipsis */
                if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0x90) {
                        p += 2;
                        continue;
                }
                if (isalnum(*p) || *p >= 0xc3)
                        return false;
        }
        return true;
}

size_t extract_value_right(const struct xdoc *x, const struct xhit *h)
{
        const struct xline *l = &x->lines[h->line];
        size_t end = l->first + l->n;
        double lh = l->h;
        double last_x = h->box.x1;
        for (size_t i = h->end; i < end; i++) {
                const struct xtok *t = &x->toks[i];
                if (t->label >= 0 && x->hits[t->label].kind != LK_IGNORE &&
                    (size_t)t->label != (size_t)(h - x->hits))
                        return SIZE_MAX;
                if (t->box.x0 - last_x > 30 * lh)
                        return SIZE_MAX;
                if (extract_is_filler(t) && !extract_has_digit(t->raw)) {
                        last_x = t->box.x1;
                        continue;
                }
                /* "Arve Ar:": the label's number word misread, its colon
                 * kept — a short word ending in ':' is no value */
                if (t->colon && strlen(t->norm) <= 3 && !extract_has_digit(t->raw)) {
                        last_x = t->box.x1;
                        continue;
                }
                /* OCR specks between a label and its value: "oe:", "a",
                 * "—…" */
                /* "“FT": a quote before a series */
                const unsigned char *lead = (const unsigned char *)t->raw;
                while (*lead && !isalnum(*lead) &&
                       (*lead < 0x80 || (lead[0] == 0xe2 && lead[1] == 0x80 && lead[2])))
                        lead += *lead < 0x80 ? 1 : 3;
                if (x->doc->source != SOURCE_TEXT && (strlen(t->norm) <= 2 || speck(x, t)) &&
                    !extract_has_digit(t->raw) && !isupper(*lead)) {
                        last_x = t->box.x1;
                        continue;
                }
                return i;
        }
        return SIZE_MAX;
}

size_t extract_value_before(const struct xdoc *x, const struct xhit *h)
{
        const struct xline *l = &x->lines[h->line];
        if (h->first == l->first)
                return SIZE_MAX;
        const struct xtok *t = &x->toks[h->first - 1];
        if (t->label >= 0 || h->box.x0 - t->box.x1 > 2.0 * l->h)
                return SIZE_MAX;
        return h->first - 1;
}

/* The token under the label: which = 0 for the next line down, 1 for the
 * one after. Only lines starting in the label's column count. */
size_t extract_value_below(const struct xdoc *x, const struct xhit *h, int which)
{
        const struct xline *l = &x->lines[h->line];
        double lh = l->h;
        int seen = 0;
        for (size_t li = h->line + 1; li < x->n_lines; li++) {
                const struct xline *m = &x->lines[li];
                if (m->page != l->page || m->box.y0 - h->box.y1 > 4 * lh)
                        break;
                for (size_t i = m->first; i < m->first + m->n; i++) {
                        const struct xtok *t = &x->toks[i];
                        double lo = t->box.x0 > h->box.x0 ? t->box.x0 : h->box.x0;
                        double hi = t->box.x1 < h->box.x1 ? t->box.x1 : h->box.x1;
                        if (hi <= lo || speck(x, t))
                                continue;
                        /* The first token of the phrase in this column. */
                        size_t j = i;
                        while (j > m->first && x->toks[j].box.x0 - x->toks[j - 1].box.x1 < 1.0 * m->h &&
                               !speck(x, &x->toks[j - 1]))
                                j--;
                        if (seen++ == which)
                                return j;
                        break;
                }
        }
        return SIZE_MAX;
}
