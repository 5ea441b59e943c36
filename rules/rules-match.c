/* rules-match.c: which PO line an invoice line bills — by line number,
 * normalised description or unit price. */
#include <string.h>

#include "rules/rules-int.h"

/* Descriptions are OCR output: cap what is compared. */
#define RULES_TOKEN_BUF 512
#define RULES_MAX_TOKENS 48

struct rules_tokens {
        char buf[RULES_TOKEN_BUF];
        const char *tok[RULES_MAX_TOKENS];
        size_t n;
};

enum rules_tri { TRI_UNKNOWN = 0, TRI_NO, TRI_YES };

static bool rules_is_word_byte(unsigned char c)
{
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c >= 0x80;
}

static unsigned char rules_lower(unsigned char c)
{
        return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Every byte that is not a letter, digit or UTF-8 splits words. */
static void rules_tokens_end(struct rules_tokens *t, char *start, size_t *len)
{
        char *s = start;
        size_t n = (size_t)(t->buf + *len - start);

        if (n == 0)
                return;
        /* Crude singular: "bolts" and "bolt" are one word; "glass" stays. */
        if (n > 3 && s[n - 1] == 's' && s[n - 2] != 's') {
                n--;
                (*len)--;
        }
        t->buf[(*len)++] = '\0';
        for (size_t i = 0; i < t->n; i++)
                if (strcmp(t->tok[i], s) == 0) {
                        *len = (size_t)(s - t->buf);
                        return;
                }
        if (t->n < RULES_MAX_TOKENS)
                t->tok[t->n++] = s;
}

static void rules_tokens_init(struct rules_tokens *t, const char *s)
{
        size_t len = 0;
        char *start = t->buf;

        t->n = 0;
        t->buf[0] = '\0';
        for (; s && *s; s++) {
                unsigned char c = (unsigned char)*s;

                /* Room for this byte, a plural's removal and the NUL. */
                if (len + 2 >= sizeof(t->buf))
                        break;
                if (rules_is_word_byte(c)) {
                        t->buf[len++] = (char)rules_lower(c);
                } else {
                        rules_tokens_end(t, start, &len);
                        start = t->buf + len;
                }
        }
        rules_tokens_end(t, start, &len);
}

/* Dice coefficient of the two word sets, as num/den; false when either
 * has no words. */
static bool rules_dice(const struct rules_tokens *ta, const char *b, size_t *ret_num,
                       size_t *ret_den)
{
        struct rules_tokens tb;
        size_t common = 0;

        rules_tokens_init(&tb, b);
        for (size_t i = 0; i < ta->n; i++)
                for (size_t j = 0; j < tb.n; j++)
                        if (strcmp(ta->tok[i], tb.tok[j]) == 0) {
                                common++;
                                break;
                        }
        *ret_num = 2 * common;
        *ret_den = ta->n + tb.n;
        return ta->n > 0 && tb.n > 0;
}

/* a and b equal once case, spaces and punctuation are dropped ("M-8 bolt"
 * and "m8 bolt", which the word split tells apart). */
static bool rules_squashed_equal(const char *a, const char *b)
{
        size_t n = 0;

        for (;;) {
                while (*a && !rules_is_word_byte((unsigned char)*a))
                        a++;
                while (*b && !rules_is_word_byte((unsigned char)*b))
                        b++;
                if (!*a || !*b)
                        return !*a && !*b && n > 0;
                if (rules_lower((unsigned char)*a) != rules_lower((unsigned char)*b))
                        return false;
                a++;
                b++;
                n++;
        }
}

/* Similar: the same once squashed, or at least half the words shared
 * (Dice >= 0.5). ta is a's words, split once by the caller. */
static enum rules_tri rules_desc_similar(const char *a, const struct rules_tokens *ta,
                                         const char *b, size_t *ret_num, size_t *ret_den)
{
        size_t num, den;

        *ret_num = 0;
        *ret_den = 1;
        if (!a || !b)
                return TRI_UNKNOWN;
        if (rules_squashed_equal(a, b)) {
                *ret_num = *ret_den = 1;
                return TRI_YES;
        }
        if (!rules_dice(ta, b, &num, &den))
                return TRI_UNKNOWN;
        *ret_num = num;
        *ret_den = den;
        return num > 0 && 2 * num >= den ? TRI_YES : TRI_NO;
}

/* The two figures to compare for a line's price: (|unit price|, |PO price|),
 * or, without a unit price, (|amount|, |quantity| * |PO price|). */
static bool rules_price_pair(const bf_invoice_line *line, const bf_po_line *pl,
                             bf_decimal *ret_v, bf_decimal *ret_r)
{
        bf_decimal p, q;

        if (rules_decimal_abs(pl->unit_price, &p) < 0)
                return false;
        if (line->has_unit_price) {
                *ret_r = p;
                return rules_decimal_abs(line->unit_price, ret_v) == 0;
        }
        if (!line->has_quantity || !line->has_amount || decimal_is_zero(line->quantity))
                return false;
        if (rules_decimal_abs(line->quantity, &q) < 0 || decimal_mul(q, p, ret_r) < 0)
                return false;
        return rules_decimal_abs(decimal_from_money(line->amount), ret_v) == 0;
}

/* Within 50% of the PO price: |v - r| * 2 <= r. */
static enum rules_tri rules_price_close(const bf_invoice_line *line, const bf_po_line *pl)
{
        bf_decimal v, r, diff, twice;

        if (!rules_price_pair(line, pl, &v, &r))
                return TRI_UNKNOWN;
        if (decimal_sub(v, r, &diff) < 0 || rules_decimal_abs(diff, &diff) < 0 ||
            decimal_mul(diff, (bf_decimal){ .units = 2, .scale = 0 }, &twice) < 0)
                return TRI_UNKNOWN;
        return decimal_cmp(twice, r) <= 0 ? TRI_YES : TRI_NO;
}

static bool rules_price_equal(const bf_invoice_line *line, const bf_po_line *pl)
{
        bf_decimal v, r;
        bf_money mr;

        if (!rules_price_pair(line, pl, &v, &r))
                return false;
        if (line->has_unit_price)
                return decimal_cmp(v, r) == 0;
        /* Derived from the amount: equal when qty * PO price rounds to it. */
        if (decimal_to_money(r, line->amount.currency, &mr) < 0)
                return false;
        return decimal_cmp(decimal_from_money(mr), v) == 0;
}

int rules_match_po_line(const bf_invoice_line *line, const bf_po *po)
{
        size_t num, den, best_num = 0, best_den = 1;
        int best = -1, price_match = -1;
        bool best_close = false;
        struct rules_tokens words;

        if (!line || !po || po->n_lines == 0)
                return -1;
        rules_tokens_init(&words, line->description);

        for (size_t i = 0; i < po->n_lines; i++) {
                const bf_po_line *pl = &po->lines[i];
                enum rules_tri desc, price;

                if (pl->line_no != line->line_no || line->line_no <= 0)
                        continue;
                desc = rules_desc_similar(line->description, &words, pl->description, &num,
                                          &den);
                price = rules_price_close(line, pl);
                /* Either confirms the number; with nothing to compare, nothing
                 * contradicts it either, so the number stands. */
                if (desc == TRI_YES || price == TRI_YES ||
                    (desc == TRI_UNKNOWN && price == TRI_UNKNOWN))
                        return (int)i;
                break;
        }

        for (size_t i = 0; i < po->n_lines; i++) {
                const bf_po_line *pl = &po->lines[i];
                bool close;

                if (rules_desc_similar(line->description, &words, pl->description, &num,
                                       &den) != TRI_YES)
                        continue;
                close = rules_price_close(line, pl) == TRI_YES;
                /* Best Dice score; a tie goes to the line whose price is close. */
                if (best < 0 || num * best_den > best_num * den ||
                    (num * best_den == best_num * den && close && !best_close)) {
                        best = (int)i;
                        best_num = num;
                        best_den = den;
                        best_close = close;
                }
        }
        if (best >= 0)
                return best;

        for (size_t i = 0; i < po->n_lines; i++) {
                if (!rules_price_equal(line, &po->lines[i]))
                        continue;
                if (price_match >= 0)
                        return -1; /* not unique */
                price_match = (int)i;
        }
        return price_match;
}
