/* amounts.c: the document's currency, and subtotal, tax and total chosen by
 * label, position and arithmetic together. */
#include "extract/extract-int.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------- amount tokens */

static bool is_currency_word(const struct xtok *t, char code[BF_CURRENCY_LEN])
{
        char buf[8];
        const char *r = t->raw;
        size_t n = strlen(r);
        if (n == 5 && r[0] == '(' && r[4] == ')') {     /* "(EUR)" */
                memcpy(buf, r + 1, 3);
                buf[3] = 0;
                r = buf;
                n = 3;
        }
        if (extract_has_digit(r) || n == 0 || n > 4)
                return false;
        if (n == 3 && r[0] >= 'A' && r[0] <= 'Z' && r[1] >= 'A' && r[1] <= 'Z' &&
            r[2] >= 'A' && r[2] <= 'Z') {
                if (!currency_is_known(r))
                        return false;
                memcpy(code, r, 4);
                return true;
        }
        if (strcmp(t->norm, "rs") == 0 || strcmp(t->norm, "inr") == 0) {
                memcpy(code, "INR", 4);
                return true;
        }
        /* Symbols and short forms ("$", "€", "RM", "US$"): no lowercase
         * words, but for "Fr." and "zł". */
        for (const char *p = r; *p; p++)
                if (*p >= 'a' && *p <= 'z' && strcmp(r, "Fr.") != 0 && strcmp(r, "z\xc5\x82") != 0)
                        return false;
        return currency_from_text(r, code);
}

/* "£3,162:53": a colon read for the decimal point — two digits after it,
 * and a currency symbol or a group separator before, unlike "12:30". */
static bool colon_point(const char *raw, const char *end, const char *p)
{
        if (end - p != 3 || !isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]) ||
            p == raw || !isdigit((unsigned char)p[-1]))
                return false;
        for (const char *q = raw; q < p; q++)
                if (*q == ',' || *q == '.' || (unsigned char)*q >= 0x80 || *q == '$')
                        return true;
        return false;
}

/* "16:!242.62": p at a run of one or two specks OCR read for an
 * apostrophe group separator, before three digits, the point and two
 * decimals that end the word; the run's length, else 0. */
static size_t group_speck(const char *p)
{
        size_t sk = strspn(p, ":!|`'");
        if (sk < 1 || sk > 2 || strspn(p + sk, "0123456789") != 3 ||
            !(p[sk + 3] == '.' || p[sk + 3] == ',') || strspn(p + sk + 4, "0123456789") != 2 ||
            p[sk + 6] != 0)
                return 0;
        return sk;
}

/* Is the text an amount-like token: digits with separators, maybe a sign,
 * a symbol or a code, no percent, no date shape? */
static bool amountish(const char *raw)
{
        int digits = 0, seps = 0, slashes = 0, letters = 0, run = 0, maxrun = 0;
        if (strchr(raw, '%'))
                return false;
        /* OCR junk at the ends ("47.90:", ".12.00") does not make a time or a date */
        const char *end = raw + strlen(raw);
        while (end > raw && strchr(".,:;*'\"|_~`!<>", end[-1]))
                end--;
        while (raw < end && strchr(".,:;*'\"|_~`!<>", *raw))
                raw++;
        for (const char *p = raw; p < end; p++) {
                if (*p >= '0' && *p <= '9') {
                        digits++;
                        run++;
                        if (run > maxrun)
                                maxrun = run;
                        continue;
                }
                run = 0;
                if (*p == '.' || *p == ',' || *p == '\'')
                        seps++;
                else if (*p == ':' && p > raw && isdigit((unsigned char)p[-1]) && group_speck(p))
                        seps++;
                else if (*p == '/' || (*p == ':' && !colon_point(raw, end, p)))
                        slashes++;
                else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
                        letters++;
        }
        if (digits == 0 || slashes > 0 || letters > 3)
                return false;
        if (maxrun > 9 && seps == 0)
                return false;   /* ids, phone numbers */
        return true;
}

/* OCR splits "64.15" into "64." "15" and drops points: "RM 64 13". */
static bool split_decimals(const struct xdoc *x, size_t i, bf_money *ret)
{
        const struct xtok *a = &x->toks[i], *b = &x->toks[i + 1];
        const struct xline *l = &x->lines[a->line];
        size_t na = strlen(a->raw), nb = strlen(b->raw);
        if (!(nb == 2 && b->raw[0] >= '0' && b->raw[0] <= '9' && b->raw[1] >= '0' && b->raw[1] <= '9'))
                return false;
        if (b->box.x0 - a->box.x1 > 0.8 * l->h || na == 0)
                return false;
        bool dot = a->raw[na - 1] == '.' || a->raw[na - 1] == ',';
        if (!dot && (na > 4 || b->box.x0 - a->box.x1 > 0.6 * l->h))
                return false;
        /* "3.908," "36": the decimals after a grouped figure, its own
         * separator kept */
        bool groups = false;
        for (size_t k = 0; k + (dot ? 1 : 0) < na; k++) {
                if (dot && k > 0 && (a->raw[k] == '.' || a->raw[k] == ',') && a->raw[k] != a->raw[na - 1] &&
                    na - 1 - k == 4) {
                        groups = true;
                        continue;
                }
                if (!(a->raw[k] >= '0' && a->raw[k] <= '9'))
                        return false;
        }
        char buf[64];
        if (groups)
                snprintf(buf, sizeof(buf), "%s%s", a->raw, b->raw);
        else
                snprintf(buf, sizeof(buf), "%.*s.%s", (int)(na - (dot ? 1 : 0)), a->raw, b->raw);
        return money_parse(buf, x->currency, ret, NULL) == 0;
}

/* OCR noise around an amount: "£144,00.", ".47.90:", "$12.00)", "'3.50",
 * and letters read for digits inside one ("1O.5O", "l2.00", "S.90", an "@"
 * for a 0: "4.456,4@") when
 * what is left has a clear amount shape (digits, a separator, two decimals). */
static bool parse_noisy(const char *raw, const char *currency, bf_money *ret)
{
        char buf[64];
        size_t n = strlen(raw);
        if (n == 0 || n >= sizeof(buf))
                return false;
        /* "RM_34.80": an underscore read for a space */
        size_t w = 0;
        for (size_t k = 0; k < n; k++)
                if (raw[k] != '_' || k == 0 || k + 1 == n)
                        buf[w++] = raw[k];
        buf[w] = 0;
        n = w;
        size_t a = 0;
        bool paren = strchr(buf, '(') != NULL;
        for (;;) {
                if (n > 0 && (strchr(".,:;*'\"|_~`!<>", buf[n - 1]) || (buf[n - 1] == ')' && !paren)))
                        buf[--n] = 0;
                else if (n > 2 && (unsigned char)buf[n - 2] == 0xc2 && (unsigned char)buf[n - 1] == 0xb0)
                        buf[n -= 2] = 0;        /* "£1,068.00°": a degree sign speck */
                else
                        break;
        }
        for (;;) {
                if (a < n && strchr(".,:;*'\"|_~`!<>", buf[a]))
                        a++;
                else if (a + 2 < n && (unsigned char)buf[a] == 0xe2 && (unsigned char)buf[a + 1] == 0x80 &&
                         (unsigned char)buf[a + 2] >= 0x98 && (unsigned char)buf[a + 2] <= 0x9e)
                        a += 3;         /* a curly quote */
                else if (a + 3 < n && (unsigned char)buf[a] == 0xe2 && (unsigned char)buf[a + 1] == 0x80 &&
                         (unsigned char)buf[a + 2] == 0x94)
                        a += 3;         /* "—_26.833,33": an em dash speck (a minus is a hyphen) */
                else if (a + 2 < n && (unsigned char)buf[a] == 0xc2 &&
                         ((unsigned char)buf[a + 1] == 0xa7 || (unsigned char)buf[a + 1] == 0xa9 ||
                          (unsigned char)buf[a + 1] == 0xae || (unsigned char)buf[a + 1] == 0xb0))
                        a += 2;         /* "§£52,445.05": a §, ©, ® or ° speck */
                else if (a > 0 && a + 1 < n && buf[a] == '-' && !isdigit((unsigned char)buf[a - 1]))
                        a++;            /* "—-2.146,72": a hyphen after a speck is one too */
                else
                        break;
        }
        if (a >= n)
                return false;
        if (money_parse(buf + a, currency, ret, NULL) == 0)
                return true;
        /* "227-309,95": a dash read for the group separator, before three
         * digits and the decimals */
        for (char *d = strchr(buf + a, '-'); d; d = strchr(d + 1, '-')) {
                if (d == buf + a || !isdigit((unsigned char)d[-1]) || strspn(d + 1, "0123456789") != 3 ||
                    !(d[4] == ',' || d[4] == '.'))
                        continue;
                char save = *d;
                *d = d[4] == ',' ? '.' : ',';
                if (money_parse(buf + a, currency, ret, NULL) == 0)
                        return true;
                *d = save;
        }
        /* "£26,372-52": a dash read for the decimal point, after a group
         * separator of the other kind */
        char *dash = strrchr(buf + a, '-');
        if (dash && dash > buf + a && isdigit((unsigned char)dash[-1]) &&
            strspn(dash + 1, "0123456789") == 2 && dash[3] == 0) {
                bool comma = memchr(buf + a, ',', (size_t)(dash - (buf + a))) != NULL;
                bool point = memchr(buf + a, '.', (size_t)(dash - (buf + a))) != NULL;
                if (comma != point) {
                        *dash = comma ? '.' : ',';
                        if (money_parse(buf + a, currency, ret, NULL) == 0)
                                return true;
                        *dash = '-';
                }
        }
        /* "16:!242.62": an apostrophe group separator read as one or two
         * specks, before three digits and the decimals */
        {
                char *g = buf + a;
                while (*g && isdigit((unsigned char)*g))
                        g++;
                size_t sk = group_speck(g);
                if (g > buf + a && g - (buf + a) <= 3 && sk > 0) {
                        char tmp[64];
                        snprintf(tmp, sizeof(tmp), "%.*s'%s", (int)(g - (buf + a)), buf + a, g + sk);
                        if (money_parse(tmp, currency, ret, NULL) == 0)
                                return true;
                }
        }
        /* "1,723,27": the group separator and the decimal one read alike;
         * groups of three, then two decimals */
        {
                char *last = strrchr(buf + a, ','), *sep2 = last;
                if (!last)
                        last = sep2 = strrchr(buf + a, '.');
                if (last && strspn(last + 1, "0123456789") == 2 && last[3] == 0) {
                        bool groups = false, ok = true;
                        char *p = last;
                        while (ok && p > buf + a) {
                                char *q = p - 1;
                                while (q > buf + a && isdigit((unsigned char)q[-1]))
                                        q--;
                                size_t d = (size_t)(p - q);
                                if (q > buf + a && q[-1] == *last) {
                                        ok = d == 3;
                                        groups = true;
                                        p = q - 1;
                                } else {
                                        ok = d >= 1 && d <= 3 && (q == buf + a || !isdigit((unsigned char)q[-1]));
                                        break;
                                }
                        }
                        if (ok && groups) {
                                char save = *sep2;
                                *sep2 = save == ',' ? '.' : ',';
                                if (money_parse(buf + a, currency, ret, NULL) == 0)
                                        return true;
                                *sep2 = save;
                        }
                }
        }
        /* a colon or semicolon read for the point ("55.334;57"): the
         * separator the groups do not use */
        for (const char *cs = ":;"; *cs; cs++) {
                char *colon = strrchr(buf + a, *cs);
                if (!colon || !colon_point(buf + a, buf + n, colon))
                        continue;
                *colon = memchr(buf + a, '.', (size_t)(colon - (buf + a))) ? ',' : '.';
                if (money_parse(buf + a, currency, ret, NULL) == 0)
                        return true;
                *colon = *cs;
        }
        /* Letter-for-digit slips: only in a token that is otherwise digits
         * and separators and ends in a separator and two digits. */
        int fixes = 0, digits = 0;
        char *s = buf + a;
        size_t len = n - a;
        for (size_t k = 0; k < len; k++) {
                char c = s[k], d = 0;
                if (c >= '0' && c <= '9') {
                        digits++;
                        continue;
                }
                if (c == '.' || c == ',')
                        continue;
                switch (c) {
                case 'O': case 'o': case 'D': case 'Q': case '@': d = '0'; break;
                case 'l': case 'I': case 'i': case '|': d = '1'; break;
                case 'S': case 's': d = '5'; break;
                case 'B': d = '8'; break;
                case 'Z': case 'z': d = '2'; break;
                default: return false;
                }
                s[k] = d;
                fixes++;
        }
        if (fixes == 0 || fixes > 2 || digits < 2 || len < 4)
                return false;
        if (!(s[len - 3] == '.' || s[len - 3] == ',') || s[len - 2] < '0' || s[len - 1] < '0')
                return false;
        return money_parse(s, currency, ret, NULL) == 0;
}

/* "1 234,56": token i a short group of digits, token i + 1 close after it
 * starting with a three-digit group (thousands grouped by a space)? */
static bool space_grouped(const struct xdoc *x, size_t i, size_t end)
{
        const struct xtok *t = &x->toks[i];
        double h = x->lines[t->line].h;
        if (i + 1 >= end || strlen(t->raw) > 3 || !extract_has_digit(t->raw) ||
            x->toks[i + 1].box.x0 - t->box.x1 >= (x->doc->source == SOURCE_TEXT ? 0.9 : 1.3) * h)
                return false;
        const char *nx = x->toks[i + 1].raw;
        return strlen(nx) >= 3 && isdigit((unsigned char)nx[0]) && isdigit((unsigned char)nx[1]) &&
               isdigit((unsigned char)nx[2]) && !isdigit((unsigned char)nx[3]);
}

/* Parses an amount at token i: the token alone, or with a currency word
 * beside it ("USD 47.90", "12,00 €"), or a space-grouped "1 234,56". */
int extract_amount_at(const struct xdoc *x, size_t i, bf_money *ret)
{
        const struct xtok *t = &x->toks[i];
        const struct xline *l = &x->lines[t->line];
        size_t end = l->first + l->n;
        char code[BF_CURRENCY_LEN];
        bf_money m;
        int used = 0;

        if (is_currency_word(t, code) && i + 1 < end &&
            x->toks[i + 1].box.x0 - t->box.x1 < 2 * l->h && amountish(x->toks[i + 1].raw)) {
                /* "SEK 1 250,00": the figure may be grouped by a space */
                size_t n = space_grouped(x, i + 1, end) ? 3 : 2;
                char *s = xdoc_join(x, i, i + n, false);
                if (money_parse(s, x->currency, &m, NULL) == 0)
                        used = (int)n;
                free(s);
                if (!used)
                        return 0;
        } else if (amountish(t->raw) && i + 1 < end && split_decimals(x, i, ret)) {
                return 2;
        } else if (amountish(t->raw)) {
                if (space_grouped(x, i, end)) {
                        char *s = xdoc_join(x, i, i + 2, false);
                        if (money_parse(s, x->currency, &m, NULL) == 0)
                                used = 2;
                        free(s);
                }
                /* "£42 ,976.28": OCR put a space before a group separator */
                if (!used && i + 1 < end && x->doc->source != SOURCE_TEXT) {
                        const char *nx = x->toks[i + 1].raw;
                        size_t tl = strlen(t->raw);
                        if ((nx[0] == ',' || nx[0] == '.') && strspn(nx + 1, "0123456789") == 3 &&
                            tl > 0 && t->raw[tl - 1] >= '0' && t->raw[tl - 1] <= '9' &&
                            x->toks[i + 1].box.x0 - t->box.x1 < l->h) {
                                char *s = bf_xasprintf("%s%s", t->raw, nx);
                                if (money_parse(s, x->currency, &m, NULL) == 0 ||
                                    parse_noisy(s, x->currency, &m))
                                        used = 2;
                                free(s);
                        }
                }
                /* "£67, 603.69": ... or after one */
                if (!used && i + 1 < end && x->doc->source != SOURCE_TEXT) {
                        const char *nx = x->toks[i + 1].raw;
                        size_t tl = strlen(t->raw);
                        if (tl >= 2 && (t->raw[tl - 1] == ',' || t->raw[tl - 1] == '.') &&
                            isdigit((unsigned char)t->raw[tl - 2]) &&
                            strspn(nx, "0123456789") == 3 && (nx[3] == '.' || nx[3] == ',') &&
                            nx[3] != t->raw[tl - 1] && isdigit((unsigned char)nx[4]) &&
                            x->toks[i + 1].box.x0 - t->box.x1 < l->h) {
                                char *s = bf_xasprintf("%s%s", t->raw, nx);
                                if (money_parse(s, x->currency, &m, NULL) == 0 ||
                                    parse_noisy(s, x->currency, &m))
                                        used = 2;
                                free(s);
                        }
                }
                if (!used) {
                        if (money_parse(t->raw, x->currency, &m, NULL) != 0 &&
                            !parse_noisy(t->raw, x->currency, &m))
                                return 0;
                        used = 1;
                }
                /* a currency word after it */
                if (used && i + (size_t)used < end &&
                    x->toks[i + used].box.x0 - x->toks[i + used - 1].box.x1 < 1.5 * l->h &&
                    is_currency_word(&x->toks[i + used], code)) {
                        if (!m.currency[0] || strcmp(m.currency, x->currency) == 0)
                                memcpy(m.currency, code, BF_CURRENCY_LEN);
                        used++;
                }
        } else {
                return 0;
        }
        /* "£1,200.00 CR": a credit, as statements and credit notes print it */
        size_t after = i + (size_t)used;
        if (after < end && m.minor > 0 && x->toks[after].box.x0 - x->toks[after - 1].box.x1 < l->h &&
            (strcmp(x->toks[after].raw, "CR") == 0 || strcmp(x->toks[after].raw, "Cr") == 0 ||
             strcmp(x->toks[after].raw, "CR.") == 0)) {
                m.minor = -m.minor;
                used++;
        }
        *ret = m;
        return used;
}

/* ------------------------------------------------------------- currency */

/* "$19.00", "€99.00", "RM80.90", "12,00€": a symbol or code stuck to a
 * number at either end (not "CS$00058574"). */
static bool symbol_amount(const char *raw, char code[BF_CURRENCY_LEN])
{
        size_t n = strlen(raw), a = 0, b = n;
        while (a < n && !(raw[a] >= '0' && raw[a] <= '9') && raw[a] != '-')
                a++;
        while (b > a && !(raw[b - 1] >= '0' && raw[b - 1] <= '9'))
                b--;
        if (strspn(raw + a, "0123456789.,'-") < b - a)
                return false;
        if ((a == 0) == (b == n))
                return false;   /* no symbol, or on both sides */
        char part[16];
        size_t len = a > 0 ? a : n - b;
        if (len == 0 || len >= sizeof(part))
                return false;
        memcpy(part, a > 0 ? raw : raw + b, len);
        part[len] = 0;
        if (part[0] == '-' || part[0] == '(')
                memmove(part, part + 1, len);
        static const char *const symbols[] = {
                "$", "US$", "A$", "C$", "NZ$", "S$", "HK$", "€", "£", "¥", "₹", "RM", "Rs", "Rs.",
                "Fr.", "kr", "zł", "R$", "₩", NULL,
        };
        bool ok = strlen(part) == 3 && currency_is_known(part);
        for (int i = 0; symbols[i] && !ok; i++)
                ok = strcmp(part, symbols[i]) == 0;
        return ok && currency_from_text(part, code);
}

#define CURRENCY_MIN_CONF 0.6f

void extract_currency(struct xdoc *x, const struct extract_options *opt)
{
        struct { char code[BF_CURRENCY_LEN]; int votes; } tally[16];
        int nt = 0;
        for (size_t i = 0; i < x->n_toks; i++) {
                const struct xtok *t = &x->toks[i];
                char code[BF_CURRENCY_LEN] = "";
                int w = 1;
                /* "$4" in a logo read as letters: a symbol OCR barely saw
                 * is no evidence */
                if (t->conf < CURRENCY_MIN_CONF && x->doc->source != SOURCE_TEXT)
                        continue;
                if (is_currency_word(t, code) && !extract_is_legal_form(t->norm)) {
                        /* next to an amount: counts double */
                        if ((i + 1 < x->n_toks && x->toks[i + 1].line == t->line &&
                             amountish(x->toks[i + 1].raw)) ||
                            (i > 0 && x->toks[i - 1].line == t->line && amountish(x->toks[i - 1].raw)))
                                w = 3;
                } else if (extract_has_digit(t->raw) && amountish(t->raw)) {
                        /* "$19.00", "€99.00", "RM80.90" */
                        if (!symbol_amount(t->raw, code))
                                continue;
                        w = 3;
                } else if (strcmp(t->norm, "euro") == 0 || strcmp(t->norm, "euros") == 0) {
                        memcpy(code, "EUR", 4);
                } else if (strcmp(t->norm, "dollars") == 0 && i > 0 &&
                           strcmp(x->toks[i - 1].norm, "us") == 0) {
                        memcpy(code, "USD", 4);
                } else {
                        continue;
                }
                /* a label's word is no currency, unless the label names
                 * one ("Total USD", "Total (RM)") */
                if (t->label >= 0 && x->hits[t->label].kind != LK_IGNORE &&
                    !((x->hits[t->label].kind == LK_TOTAL || x->hits[t->label].kind == LK_SUBTOTAL) &&
                      is_currency_word(t, code) && !extract_is_legal_form(t->norm)))
                        continue;
                /* the value of a "Currency:" label settles it */
                for (size_t k = x->lines[t->line].first; k < i; k++) {
                        int h = x->toks[k].label;
                        if (h >= 0 && x->hits[h].kind == LK_CURRENCY && i - x->hits[h].end <= 1)
                                w = 20;
                }
                int k;
                for (k = 0; k < nt; k++)
                        if (strcmp(tally[k].code, code) == 0)
                                break;
                if (k == nt) {
                        if (nt == 16)
                                continue;
                        memcpy(tally[nt].code, code, BF_CURRENCY_LEN);
                        tally[nt++].votes = 0;
                }
                tally[k].votes += w;
        }
        /* Prices with cents rule out a currency without minor units: a
         * lone "¥" between amounts is OCR's reading of a "x". */
        int cents = 0;
        for (size_t i = 0; i < x->n_toks; i++) {
                const char *r = x->toks[i].raw;
                size_t n = strlen(r);
                if (n >= 4 && (r[n - 3] == '.' || r[n - 3] == ',') && r[n - 2] >= '0' &&
                    r[n - 2] <= '9' && r[n - 1] >= '0' && r[n - 1] <= '9' && r[n - 4] >= '0' &&
                    r[n - 4] <= '9')
                        cents++;
        }
        int best = -1;
        for (int k = 0; k < nt; k++) {
                if (cents >= 3 && money_exponent(tally[k].code) == 0)
                        continue;
                if (best < 0 || tally[k].votes > tally[best].votes)
                        best = k;
        }
        if (best >= 0)
                memcpy(x->currency, tally[best].code, BF_CURRENCY_LEN);
        else if (opt->default_currency && strlen(opt->default_currency) == 3)
                memcpy(x->currency, opt->default_currency, BF_CURRENCY_LEN);
}

/* --------------------------------------------------------------- totals */

struct cand {
        enum xlabel_kind kind;
        double score;
        bf_money m;
        int page;
        bf_box box;
        size_t line;
        const struct xhit *hit;
        bool own_currency;      /* the currency was printed with it */
        bool rate;              /* "Total 6% supplies": one tax rate's share */
        bool final;             /* "Total after adj", "Nett total", "Grand total" */
        double total_score;     /* as a total, with the arithmetic's say */
        int others;             /* further amounts on its line (a table row) */
};

/* How well OCR read the amount inside box on line li. */
static double box_read_conf(const struct xdoc *x, size_t li, bf_box box)
{
        const struct xline *l = &x->lines[li];
        double c = 1.0;
        for (size_t i = l->first; i < l->first + l->n; i++) {
                const struct xtok *t = &x->toks[i];
                double cx = (t->box.x0 + t->box.x1) / 2;
                if (cx >= box.x0 && cx <= box.x1 && extract_has_digit(t->raw))
                        c = fmin(c, extract_read_conf(x, i, i + 1));
        }
        return c;
}

/* The same non-zero amount read again on another line: a second,
 * independent reading of the figure. */
static bool read_twice(const struct xdoc *x, const struct cand *t)
{
        if (t->m.minor == 0)
                return false;
        for (size_t i = 0; i < x->n_toks; i++) {
                bf_money m;
                if (x->toks[i].line == t->line || !strpbrk(x->toks[i].raw, ".,"))
                        continue;
                if (extract_amount_at(x, i, &m) > 0 && llabs(m.minor) == llabs(t->m.minor))
                        return true;
        }
        return false;
}

static void cand_add(struct cand **c, size_t *n, size_t *cap, struct cand v)
{
        if (*n == *cap) {
                *cap = *cap ? *cap * 2 : 16;
                *c = bf_xrealloc(*c, *cap * sizeof(**c));
        }
        (*c)[(*n)++] = v;
}

/* The amount a label points at: right of it (skipping a rate like "20%"),
 * else under it. */
static bool stops_amount(enum xlabel_kind own, enum xlabel_kind k)
{
        switch (k) {
        case LK_TOTAL: case LK_SUBTOTAL: case LK_NOTTOTAL: case LK_CARRIED: case LK_DATE:
        case LK_DUE:
        case LK_INVNO: case LK_PO: case LK_CUSTOMER: case LK_SELLER:
                return true;
        case LK_TAX:
                return own == LK_TAX;
        default:
                return false;
        }
}

/* "6.002" where the page writes cents after a point ("47.70"): a rate
 * with its '%' misread, not six thousand. */
static bool point_thousands(const struct xdoc *x, const char *raw)
{
        size_t n = strlen(raw), dot = strcspn(raw, ".");
        int cents = 0;

        if (dot == 0 || dot > 3 || n != dot + 4 || strspn(raw, "0123456789") != dot ||
            strspn(raw + dot + 1, "0123456789") != 3)
                return false;
        for (size_t i = 0; i < x->n_toks; i++) {
                const char *r = x->toks[i].raw;
                size_t k = strlen(r);
                if (k >= 4 && r[k - 1] >= '0' && r[k - 1] <= '9' && r[k - 2] >= '0' &&
                    r[k - 2] <= '9' && r[k - 4] >= '0' && r[k - 4] <= '9')
                        cents += r[k - 3] == '.' ? 1 : r[k - 3] == ',' ? -1 : 0;
        }
        return cents > 0;
}

/* The amount a label points at: right of it on its line (skipping words
 * such as "(RM)", "Incl. GST", a rate like "20%"), else under it. Sets
 * *qual to +1/-1 when the words between say "including"/"excluding", and
 * *others to the count of further amounts on the line. */
static bool label_amount(const struct xdoc *x, const struct xhit *h, bf_money *m,
                         bf_box *box, bool *own, int *qual, int *others, bool *rate)
{
        static const char *const incl[] = { "incl", "inc", "including", "inclusive", "after",
                "rounded", "nett", "payable", "due", "ttc", "brutto", "gross", NULL };
        static const char *const excl[] = { "excl", "ex", "excluding", "exclusive", "before",
                "net", "netto", "ht", "qty", "items", "item", "quantity", "excluded", NULL };
        const struct xline *l = &x->lines[h->line];
        size_t end = l->first + l->n;
        *qual = 0;
        *others = 0;
        *rate = false;
        bool aside = false;     /* inside "(Inclusive GST 6%)" */
        for (size_t i = h->end; i < end; i++) {
                const struct xtok *t = &x->toks[i];
                if (t->label >= 0 && (size_t)t->label != (size_t)(h - x->hits) &&
                    stops_amount(h->kind, x->hits[t->label].kind))
                        break;
                if (t->raw[0] == '(' && !strchr(t->raw, ')'))
                        aside = true;
                for (int k = 0; incl[k]; k++)
                        if (strcmp(t->norm, incl[k]) == 0)
                                *qual = 1;
                for (int k = 0; excl[k]; k++)
                        if (strcmp(t->norm, excl[k]) == 0)
                                *qual = -1;
                if (strchr(t->raw, '%'))
                        *rate = true;
                /* "21 %": a rate, not an amount */
                if (i + 1 < end && x->toks[i + 1].raw[0] == '%') {
                        *rate = true;
                        continue;
                }
                /* a figure in a bracketed aside ("(Inclusive 6%)", OCR's
                 * "(Inclusive 637)") is not the amount */
                if (aside) {
                        if (strchr(t->raw, ')'))
                                aside = false;
                        continue;
                }
                if (x->doc->source != SOURCE_TEXT && point_thousands(x, t->raw))
                        continue;
                int n = extract_amount_at(x, i, m);
                if (n > 0) {
                        *box = t->box;
                        for (int k = 1; k < n; k++)
                                *box = box_union(*box, x->toks[i + (size_t)k].box);
                        char code[BF_CURRENCY_LEN];
                        *own = false;
                        for (int k = 0; k < n; k++)
                                if (is_currency_word(&x->toks[i + (size_t)k], code) ||
                                    currency_from_text(x->toks[i + (size_t)k].raw, code))
                                        *own = true;
                        bf_money o, after[2];
                        bf_box after_box[2];
                        for (size_t j = i + (size_t)n; j < end; j++) {
                                if (x->toks[j].label >= 0)
                                        break;
                                int u = extract_amount_at(x, j, &o);
                                if (u > 0) {
                                        if (*others < 2) {
                                                after[*others] = o;
                                                after_box[*others] = x->toks[j].box;
                                                for (int k = 1; k < u; k++)
                                                        after_box[*others] = box_union(
                                                                after_box[*others],
                                                                x->toks[j + (size_t)k].box);
                                        }
                                        (*others)++;
                                        j += (size_t)u - 1;
                                }
                        }
                        /* "Totaal  1.000,00  210,00  1.210,00": net, tax
                         * and gross in one row — the total is the gross */
                        if (h->kind == LK_TOTAL && *others == 2 && m->minor > 0 &&
                            after[0].minor > 0 && m->minor + after[0].minor == after[1].minor) {
                                *m = after[1];
                                *box = after_box[1];
                                *others = 0;
                        }
                        return true;
                }
        }
        size_t i = extract_value_below(x, h, 0);
        if (i != SIZE_MAX && extract_amount_at(x, i, m) > 0) {
                *box = x->toks[i].box;
                *own = false;
                return true;
        }
        return false;
}

/* Did the amount's own token carry a decimal separator? */
static bool has_decimals(const struct xdoc *x, const struct xhit *h, const bf_box *box)
{
        const struct xline *l = &x->lines[h->line];
        const struct xtok *last = NULL;
        /* the amount's last figure ("10 824,28": the "824,28") */
        for (size_t i = l->first; i < x->n_toks; i++) {
                const struct xtok *t = &x->toks[i];
                if (t->box.x0 >= box->x0 - 0.5 && t->box.x1 <= box->x1 + 0.5 && extract_has_digit(t->raw))
                        last = t;
                else if (last)
                        break;
                if (i >= l->first + l->n)
                        break;
        }
        if (!last)
                return true;
        size_t n = strlen(last->raw);
        for (size_t k = n; k > 0 && k + 3 >= n; k--)
                if (last->raw[k - 1] == '.' || last->raw[k - 1] == ',')
                        return true;
        return false;
}

/* Words saying a total is the last word on what is owed, after rounding
 * and adjustments, in the label or between it and its amount. */
static bool is_final(const struct xdoc *x, const struct xhit *h)
{
        static const char *const words[] = { "after", "rounded", "final", "nett", "payable",
                "grand", NULL };
        const struct xline *l = &x->lines[h->line];
        for (size_t i = h->first; i < l->first + l->n; i++) {
                if (i >= h->end && x->toks[i].label >= 0 && &x->hits[x->toks[i].label] != h)
                        break;
                if (extract_has_digit(x->toks[i].raw))
                        break;
                for (int k = 0; words[k]; k++)
                        if (strcmp(x->toks[i].norm, words[k]) == 0)
                                return true;
        }
        return false;
}

/* A tax summary row: a rate "6%", then a net amount and the tax on it
 * (rate x net, to the cent). Returns the first such row's net + tax. */
static bool summary_total(const struct xdoc *x, bf_money *ret, size_t *ret_line)
{
        for (size_t li = 0; li < x->n_lines; li++) {
                const struct xline *l = &x->lines[li];
                size_t end = l->first + l->n;
                for (size_t i = l->first; i < end; i++) {
                        const char *pc = strchr(x->toks[i].raw, '%');
                        if (!pc || pc == x->toks[i].raw)
                                continue;
                        const char *d = pc;
                        while (d > x->toks[i].raw && isdigit((unsigned char)d[-1]))
                                d--;
                        long rate = strtol(d, NULL, 10);
                        if (d == pc || rate <= 0 || rate > 30)
                                continue;
                        bf_money a, b;
                        size_t j = i + 1;
                        int u;
                        while (j < end && (u = extract_amount_at(x, j, &a)) <= 0)
                                j++;
                        if (j >= end)
                                break;
                        j += (size_t)u;
                        if (j >= end || extract_amount_at(x, j, &b) <= 0 || a.minor <= 0)
                                break;
                        if (llabs(a.minor * rate - b.minor * 100) <= 100) {
                                *ret = a;
                                ret->minor = a.minor + b.minor;
                                *ret_line = li;
                                return true;
                        }
                        break;
                }
        }
        return false;
}

/* The tax rates printed on the page ("21%", "IVA10%", "5,5 %"), in
 * hundredths of a percent; returns how many (at most max). */
static int page_rates(const struct xdoc *x, int *ret, int max)
{
        int n = 0;
        for (size_t i = 0; i < x->n_toks && n < max; i++) {
                const char *raw = x->toks[i].raw, *pc = strchr(raw, '%');
                if (!pc)
                        continue;
                if (pc == raw) {
                        /* "20 %": the figure is the word before */
                        if (i == 0 || x->toks[i - 1].line != x->toks[i].line)
                                continue;
                        raw = x->toks[i - 1].raw;
                        pc = raw + strlen(raw);
                }
                const char *d = pc;
                while (d > raw && (isdigit((unsigned char)d[-1]) || d[-1] == '.' || d[-1] == ','))
                        d--;
                while (d < pc && !isdigit((unsigned char)*d))
                        d++;
                int whole = 0, frac = 0, fd = 0;
                bool sep = false, ok = d < pc;
                for (const char *p = d; p < pc && ok; p++) {
                        if (*p == '.' || *p == ',') {
                                ok = !sep;
                                sep = true;
                        } else if (!sep) {
                                whole = whole * 10 + (*p - '0');
                                ok = whole <= 30;
                        } else if (++fd <= 2) {
                                frac = frac * 10 + (*p - '0');
                        }
                }
                if (!ok || (whole == 0 && frac == 0))
                        continue;
                int bp = whole * 100 + (fd == 1 ? frac * 10 : frac);
                bool known = false;
                for (int k = 0; k < n; k++)
                        known |= ret[k] == bp;
                if (!known)
                        ret[n++] = bp;
        }
        return n;
}

static bool is_credit_note(const struct xdoc *x)
{
        for (size_t i = 0; i < x->n_toks; i++) {
                const char *n = x->toks[i].norm;
                if (strcmp(n, "gutschrift") == 0 || strcmp(n, "avoir") == 0 ||
                    strcmp(n, "creditnota") == 0 || strcmp(n, "abono") == 0)
                        return true;
                if (strcmp(n, "credit") == 0 && i + 1 < x->n_toks &&
                    (strcmp(x->toks[i + 1].norm, "note") == 0 || strcmp(x->toks[i + 1].norm, "memo") == 0))
                        return true;
        }
        return false;
}

static bool money_eq(bf_money a, bf_money b, int64_t tol)
{
        return llabs(a.minor - b.minor) <= tol;
}

static char *hit_text(const struct xdoc *x, const struct xhit *h)
{
        return h ? xdoc_join(x, h->first, h->end, false) : NULL;
}

/* Was a labelled total read so poorly (below half OCR's confidence) that
 * other readings may overrule it? */
static bool t_doubtful(const struct xdoc *x, const struct cand *t)
{
        return t->hit && x->doc->source != SOURCE_TEXT && box_read_conf(x, t->line, t->box) < 0.5;
}

/* Is the amount at token i written with its minor units ("12.50",
 * "12. 50")? */
static bool has_cents(const struct xdoc *x, size_t i)
{
        bf_money m;
        int n = extract_amount_at(x, i, &m);
        const char *r;
        size_t len;

        if (n <= 0)
                return false;
        r = x->toks[i + (size_t)n - 1].raw;
        len = strlen(r);
        while (len > 0 && !(r[len - 1] >= '0' && r[len - 1] <= '9'))
                len--;
        if (n > 1 && len == 2 && strspn(r, "0123456789") == 2)
                return true;    /* "12." "50": split by OCR */
        return len >= 3 && (r[len - 3] == '.' || r[len - 3] == ',');
}

/* Do a and b differ in one digit only ("137.45" read for 137.15)? */
static bool one_digit_apart(int64_t a, int64_t b)
{
        int diff = 0;

        if (a < 0 || b < 0)
                return false;
        while ((a > 0 || b > 0) && diff < 2) {
                diff += a % 10 != b % 10;
                a /= 10;
                b /= 10;
        }
        return diff == 1;
}

void extract_amounts(struct xdoc *x, bf_invoice *inv)
{
        struct cand *c = NULL;
        size_t n = 0, cap = 0;
        bool credit = is_credit_note(x);
        size_t n_pages = x->doc->n_pages;

        for (size_t hi = 0; hi < x->n_hits; hi++) {
                const struct xhit *h = &x->hits[hi];
                if (h->kind != LK_TOTAL && h->kind != LK_SUBTOTAL && h->kind != LK_TAX &&
                    h->kind != LK_NOTTOTAL)
                        continue;
                struct cand v = { .kind = h->kind, .hit = h, .line = h->line };
                int qual, others;
                if (!label_amount(x, h, &v.m, &v.box, &v.own_currency, &qual, &others, &v.rate))
                        continue;
                v.page = x->lines[h->line].page;
                const bf_page *pg = xdoc_page(x, v.page);
                double yf = pg && pg->height > 0 ? v.box.y1 / pg->height : 0.5;
                double xf = pg && pg->width > 0 ? v.box.x1 / pg->width : 0.5;
                v.score = h->strength + 8 * yf + 4 * xf;
                if (n_pages > 1)
                        v.score += 3.0 * v.page / (double)n_pages;
                if (v.m.minor == 0)
                        v.score -= 40;
                if (h->kind == LK_TOTAL)
                        v.score += qual > 0 ? 8 : -12;
                if (h->kind == LK_TOTAL && qual < 0)
                        v.kind = LK_SUBTOTAL;
                v.others = others;
                if (others > 0)
                        v.score -= 8;
                if (v.rate && h->kind == LK_TOTAL)
                        v.score -= 10;
                v.final = is_final(x, h);
                if (v.final && h->kind == LK_TOTAL)
                        v.score += 14;
                /* "637" where amounts print cents: an OCR slip or a count */
                if (money_exponent(v.m.currency) > 0 && !has_decimals(x, h, &v.box))
                        v.score -= 12;
                if (v.m.minor < 0 && !credit)
                        v.score -= 30;
                /* a label standing alone on its line, ended by a colon or at the line's start */
                if (h->first == x->lines[h->line].first)
                        v.score += 3;
                cand_add(&c, &n, &cap, v);
        }

        /* What the customer handed over less the change is what was due;
         * a rounding line turns the total above it into the one below. */
        int64_t paid = 0;
        bool have_paid = false;
        int tender = -1, change = -1, rounding = -1;
        for (size_t i = 0; i < n; i++) {
                if (c[i].kind != LK_NOTTOTAL)
                        continue;
                const char *w = x->toks[c[i].hit->first].norm;
                if (strcmp(w, "change") == 0 || strcmp(w, "balance") == 0) {
                        if (change < 0)
                                change = (int)i;
                } else if (strcmp(w, "rounding") == 0 || strcmp(w, "round") == 0) {
                        if (rounding < 0)
                                rounding = (int)i;
                } else if (strcmp(w, "cash") == 0 || strcmp(w, "tendered") == 0 ||
                           strcmp(w, "payment") == 0) {
                        if (tender < 0 || c[i].m.minor > c[tender].m.minor)
                                tender = (int)i;
                }
        }
        /* the rounding line, even when OCR lost its amount */
        size_t round_line = SIZE_MAX, tender_line = SIZE_MAX;
        for (size_t hi = 0; hi < x->n_hits; hi++) {
                const struct xhit *h = &x->hits[hi];
                if (h->kind != LK_NOTTOTAL)
                        continue;
                const char *w = x->toks[h->first].norm;
                if ((strcmp(w, "rounding") == 0 || strcmp(w, "round") == 0) && round_line == SIZE_MAX)
                        round_line = h->line;
                if ((strcmp(w, "cash") == 0 || strcmp(w, "tendered") == 0) && tender_line == SIZE_MAX &&
                    round_line != SIZE_MAX)
                        tender_line = h->line;
        }
        if (tender >= 0 && change >= 0 && c[tender].page == c[change].page &&
            c[change].line > c[tender].line && c[change].m.minor >= 0 &&
            c[tender].m.minor > c[change].m.minor) {
                paid = c[tender].m.minor - c[change].m.minor;
                have_paid = true;
        }

        /* Best total, trying each plausible one against subtotal + tax. */
        int bt = -1, bs = -1, bx = -1;
        double best = -1e9;
        bool reconciled = false;
        for (size_t i = 0; i < n; i++) {
                if (c[i].kind != LK_TOTAL)
                        continue;
                double s = c[i].score;
                int fs = -1, fx = -1;
                bool rec = false;
                for (size_t j = 0; j < n && !rec; j++) {
                        if (c[j].kind != LK_SUBTOTAL || c[j].m.minor == 0)
                                continue;
                        if (money_eq(c[j].m, c[i].m, 0) && c[i].m.minor != 0) {
                                fs = (int)j;
                                continue;
                        }
                        for (size_t k = 0; k < n; k++) {
                                if (c[k].kind != LK_TAX)
                                        continue;
                                if (money_eq((bf_money){ c[j].m.minor + c[k].m.minor, "" }, c[i].m, 1)) {
                                        fs = (int)j;
                                        fx = (int)k;
                                        rec = true;
                                        break;
                                }
                        }
                }
                /* subtotal + tax = this amount is stronger evidence than any
                 * label or position: it must outweigh a better-placed rival */
                if (rec)
                        s += c[i].rate ? 10 : 30;
                if (have_paid && c[i].m.minor == paid)
                        s += 25;
                /* below a rounding line, above the payment: the rounded,
                 * final figure */
                if (round_line != SIZE_MAX && c[i].line > round_line && c[i].line < tender_line &&
                    c[i].m.minor != 0)
                        s += 15;
                c[i].total_score = s;
                if (s > best) {
                        best = s;
                        bt = (int)i;
                        bs = fs;
                        bx = fx;
                        reconciled = rec;
                }
        }
        /* OCR lost the labelled total's amount but kept the tax summary
         * ("SR @ 6%  4.72  0.28"): net plus the tax it states is the total,
         * rounded to the cash step when a rounding line says so. */
        bool from_summary = false;
        if (bt < 0 || c[bt].others > 0) {
                bf_money sum;
                size_t sl;
                if (summary_total(x, &sum, &sl)) {
                        if (round_line != SIZE_MAX)
                                sum.minor = (sum.minor + 2) / 5 * 5;
                        struct cand v = { .kind = LK_TOTAL, .m = sum, .page = x->lines[sl].page,
                                          .box = x->lines[sl].box, .line = sl, .score = 0 };
                        cand_add(&c, &n, &cap, v);
                        bt = (int)n - 1;
                        from_summary = true;
                }
        }
        /* No total labelled (OCR garbled "Tatal‘TTC"), but a subtotal and a
         * tax whose sum is printed below them: that figure is the total. */
        bool from_sum = false;
        for (size_t j = 0; j < n && bt < 0; j++) {
                if (c[j].kind != LK_SUBTOTAL || c[j].m.minor <= 0)
                        continue;
                for (size_t k = 0; k < n && bt < 0; k++) {
                        if (c[k].kind != LK_TAX || c[k].m.minor < 0 || c[k].page != c[j].page)
                                continue;
                        int64_t sum = c[j].m.minor + c[k].m.minor;
                        size_t below = c[j].line > c[k].line ? c[j].line : c[k].line;
                        for (size_t i = 0; i < x->n_toks && bt < 0; i++) {
                                bf_money m;
                                const struct xtok *t = &x->toks[i];
                                if (t->line <= below || t->page != c[j].page ||
                                    extract_amount_at(x, i, &m) <= 0 || m.minor != sum)
                                        continue;
                                struct cand v = { .kind = LK_TOTAL, .m = m, .page = t->page,
                                                  .box = t->box, .line = t->line, .score = 0 };
                                cand_add(&c, &n, &cap, v);
                                bt = (int)n - 1;
                                bs = (int)j;
                                bx = (int)k;
                                reconciled = from_sum = true;
                        }
                }
        }
        /* Nothing labelled: the largest amount low on the last page is a guess. */
        if (bt < 0) {
                int64_t max = 0;
                for (size_t li = 0; li < x->n_lines; li++) {
                        const struct xline *l = &x->lines[li];
                        for (size_t i = l->first; i < l->first + l->n; i++) {
                                bf_money m;
                                const struct xtok *t = &x->toks[i];
                                /* "81750," in an address is no amount: cents are */
                                if (t->label >= 0 || !strpbrk(t->raw, ".,") ||
                                    !has_cents(x, i))
                                        continue;
                                if (extract_amount_at(x, i, &m) <= 0 || m.minor <= max)
                                        continue;
                                max = m.minor;
                                struct cand v = { .kind = LK_TOTAL, .m = m, .page = l->page,
                                                  .box = t->box, .line = li, .score = 0 };
                                cand_add(&c, &n, &cap, v);
                                bt = (int)n - 1;
                        }
                }
        }
        /* Tendered less change is what was due; when no total says so but
         * that figure is printed elsewhere too, the total was misread. */
        bool from_paid = false, have_paid_rounded = false;
        if (bt >= 0 && have_paid && paid > 0 && c[bt].m.minor != paid && !reconciled) {
                for (size_t i = 0; i < x->n_toks && !from_paid; i++) {
                        bf_money m;
                        const struct xtok *t = &x->toks[i];
                        if (t->line == c[tender].line || t->line == c[change].line)
                                continue;
                        if (extract_amount_at(x, i, &m) > 0 && m.minor == paid)
                                from_paid = true;
                }
                /* no labelled total at all: tendered less change beats the
                 * largest-amount guess */
                if (!c[bt].hit)
                        from_paid = true;
                /* a total read as nothing to pay ("RNa ‘ 00") where cash
                 * was handed over and change given: its figure was lost */
                if (c[bt].m.minor == 0)
                        from_paid = true;
                if (from_paid)
                        c[bt].m.minor = paid;
                /* one digit misread in a doubtful total: tendered less
                 * change, two other readings, says what it was */
                if (!from_paid && c[bt].hit && one_digit_apart(c[bt].m.minor, paid) &&
                    box_read_conf(x, c[bt].line, c[bt].box) < OCR_SURE) {
                        c[bt].m.minor = paid;
                        from_paid = true;
                }
                /* a rounding step between the total and what was paid */
                if (!from_paid && round_line != SIZE_MAX && llabs(c[bt].m.minor - paid) <= 5) {
                        c[bt].m.minor = paid;
                        have_paid_rounded = true;
                }
        }
        /* A total printed above a rounding line, before it was rounded:
         * take the rounded figure when the payment confirms it or the
         * rounding is small. */
        if (bt >= 0 && rounding >= 0 && c[rounding].m.minor != 0 && llabs(c[rounding].m.minor) < 10 &&
            c[bt].page == c[rounding].page && c[bt].line < c[rounding].line) {
                int64_t r = c[bt].m.minor + c[rounding].m.minor;
                if (!have_paid || paid == r)
                        c[bt].m.minor = r;
        }
        /* Rounded to the cash step (5 cents) below a rounding line: a
         * doubtful total that is off the step by a misread digit is the
         * subtotal, tax and rounding added up. */
        if (bt >= 0 && reconciled && bs >= 0 && bx >= 0 && rounding >= 0 &&
            c[rounding].line < c[bt].line && c[rounding].line > c[bs].line &&
            llabs(c[rounding].m.minor) < 5 && c[bt].m.minor % 5 != 0 &&
            box_read_conf(x, c[bt].line, c[bt].box) < OCR_SURE) {
                int64_t r = c[bs].m.minor + c[bx].m.minor + c[rounding].m.minor;
                if (r % 5 == 0 && llabs(r - c[bt].m.minor) < 5)
                        c[bt].m.minor = r;
        }
        /* A total OCR mangled ("322,174." for 322,74) that nothing adds up
         * to, where a subtotal and a tax the printed rate vouches for do:
         * their sum. */
        if (bt >= 0 && !reconciled && !from_paid && t_doubtful(x, &c[bt])) {
                int rates[8];
                int nr = page_rates(x, rates, 8);
                for (size_t j = 0; j < n && !reconciled; j++) {
                        if (c[j].kind != LK_SUBTOTAL || c[j].m.minor <= 0)
                                continue;
                        for (size_t k = 0; k < n && !reconciled; k++) {
                                if (c[k].kind != LK_TAX || c[k].m.minor <= 0)
                                        continue;
                                for (int r = 0; r < nr && !reconciled; r++)
                                        if (llabs(c[j].m.minor * rates[r] - c[k].m.minor * 10000) <= 5000) {
                                                c[bt].m.minor = c[j].m.minor + c[k].m.minor;
                                                bs = (int)j;
                                                bx = (int)k;
                                                reconciled = true;
                                        }
                        }
                }
        }
        if (bt >= 0) {
                struct cand *t = &c[bt];
                double conf = t->hit ? 0.55 + 0.4 * (t->hit->strength - 50) / 50.0 :
                              from_summary ? 0.6 : 0.35;
                if (reconciled)
                        conf = fmax(conf, 0.9) + 0.07;
                /* three readings agree, but no label says it is the total */
                if (from_sum)
                        conf = 0.9;
                else if (bs >= 0)
                        conf += 0.03;
                /* Two strongly labelled totals of different amounts and no
                 * arithmetic to tell them apart: a person should look. */
                bool confirmed = (reconciled || (have_paid && t->m.minor == paid)) && !from_paid &&
                                 !have_paid_rounded;
                if (from_paid)
                        conf = fmin(conf, 0.75);
                if (!confirmed && box_read_conf(x, t->line, t->box) < OCR_SURE && !read_twice(x, t))
                        conf = fmin(conf, OCR_DOUBT_CAP);
                /* nothing to pay is what a page without a total yields */
                if (t->m.minor == 0)
                        conf = fmin(conf, 0.5);
                /* "16." read where cents belong: a figure OCR cut short */
                if (!confirmed && x->doc->source != SOURCE_TEXT && t->hit &&
                    money_exponent(t->m.currency) > 0 && !has_decimals(x, t->hit, &t->box))
                        conf = fmin(conf, OCR_DOUBT_CAP);
                for (size_t i = 0; i < n && !confirmed && t->hit; i++)
                        if ((int)i != bt && c[i].kind == LK_TOTAL && c[i].m.minor != t->m.minor &&
                            c[i].m.minor != 0 && c[i].total_score > best - 10)
                                conf = fmin(conf, 0.7);
                inv->total = t->m;
                char *lbl = hit_text(x, t->hit);
                extract_meta(inv, FIELD_TOTAL, conf, t->page, t->box, lbl);
                free(lbl);
                if (credit && inv->total.minor > 0)
                        inv->total.minor = -inv->total.minor;
        }
        /* Subtotal and tax: the reconciled ones, else the best labelled. */
        if (bs < 0 || bx < 0) {
                double bss = -1e9, bxs = -1e9;
                for (size_t i = 0; i < n; i++) {
                        if (bt >= 0 && c[i].m.minor > llabs(c[bt].m.minor) && c[i].m.minor > 0)
                                continue;
                        if (c[i].kind == LK_SUBTOTAL && bs < 0 && c[i].score > bss) {
                                bss = c[i].score;
                                bs = (int)i;
                        }
                        if (c[i].kind == LK_TAX && c[i].score > bxs && (bx < 0 || !reconciled)) {
                                bxs = c[i].score;
                                bx = (int)i;
                        }
                }
        }
        if (bs >= 0) {
                char *lbl = hit_text(x, c[bs].hit);
                inv->subtotal = c[bs].m;
                if (credit && inv->subtotal.minor > 0)
                        inv->subtotal.minor = -inv->subtotal.minor;
                extract_meta(inv, FIELD_SUBTOTAL, reconciled ? 0.95 : 0.7, c[bs].page, c[bs].box, lbl);
                free(lbl);
        }
        if (bx >= 0) {
                char *lbl = hit_text(x, c[bx].hit);
                inv->tax = c[bx].m;
                if (credit && inv->tax.minor > 0)
                        inv->tax.minor = -inv->tax.minor;
                extract_meta(inv, FIELD_TAX, reconciled ? 0.95 : 0.65, c[bx].page, c[bx].box, lbl);
                free(lbl);
        }

        /* A tax line whose amount OCR mangled ("125,066"): the difference
         * between total and subtotal is what it says. */
        if (bs >= 0 && bt >= 0 && !inv->meta[FIELD_TAX].present && inv->meta[FIELD_TOTAL].present &&
            inv->meta[FIELD_SUBTOTAL].present && inv->total.minor > inv->subtotal.minor &&
            inv->subtotal.minor > 0) {
                for (size_t hi = 0; hi < x->n_hits; hi++) {
                        if (x->hits[hi].kind != LK_TAX || x->hits[hi].line <= c[bs].line ||
                            x->hits[hi].line >= c[bt].line)
                                continue;
                        inv->tax = inv->total;
                        inv->tax.minor = inv->total.minor - inv->subtotal.minor;
                        char *lbl = hit_text(x, &x->hits[hi]);
                        extract_meta(inv, FIELD_TAX, 0.6, x->lines[x->hits[hi].line].page,
                                     x->hits[hi].box, lbl);
                        free(lbl);
                        break;
                }
        }

        /* Line items that sum to the subtotal or total confirm both. */
        if (inv->n_lines > 0 && inv->meta[FIELD_TOTAL].present) {
                int64_t sum = 0;
                bool all = true;
                for (size_t i = 0; i < inv->n_lines; i++) {
                        if (!inv->lines[i].has_amount)
                                all = false;
                        else
                                sum += inv->lines[i].amount.minor;
                }
                if (all) {
                        int64_t tax = inv->meta[FIELD_TAX].present ? inv->tax.minor : 0;
                        bool ok = sum == inv->total.minor || sum + tax == inv->total.minor ||
                                  (inv->meta[FIELD_SUBTOTAL].present && sum == inv->subtotal.minor);
                        bf_field_meta *m = &inv->meta[FIELD_TOTAL];
                        m->confidence = ok ? fmin(0.99, m->confidence + 0.1) : m->confidence * 0.9;
                        if (inv->meta[FIELD_SUBTOTAL].present && inv->meta[FIELD_TAX].present &&
                            sum != 0 && sum == inv->subtotal.minor && sum + tax == inv->total.minor)
                                m->confidence = fmax(m->confidence, 0.92);
                        if (!inv->meta[FIELD_SUBTOTAL].present && ok && sum != inv->total.minor) {
                                inv->subtotal = inv->total;
                                inv->subtotal.minor = sum;
                                extract_meta(inv, FIELD_SUBTOTAL, 0.7, m->page, m->box, NULL);
                        }
                }
        }

        /* The lines or the subtotal raised by a printed tax rate give the
         * total to the cent: two readings agreeing, whatever OCR thought of
         * each word. */
        if (inv->meta[FIELD_TOTAL].present && inv->total.minor != 0) {
                int64_t nets[2];
                int nn = 0;
                if (inv->n_lines > 0) {
                        nets[0] = 0;
                        bool all = true;
                        for (size_t i = 0; i < inv->n_lines; i++) {
                                all &= inv->lines[i].has_amount;
                                nets[0] += inv->lines[i].amount.minor;
                        }
                        nn += all;
                }
                if (inv->meta[FIELD_SUBTOTAL].present)
                        nets[nn++] = inv->subtotal.minor;
                int rates[8];
                int nr = page_rates(x, rates, 8);
                int64_t tot = llabs(inv->total.minor);
                bool vouched = false;
                for (int i = 0; i < nn && !vouched; i++) {
                        int64_t net = llabs(nets[i]);
                        if (net <= 0 || net >= INT64_C(100000000000) || net >= tot)
                                continue;
                        for (int k = 0; k < nr && !vouched; k++)
                                vouched = llabs(net * (10000 + rates[k]) - tot * 10000) <= 5000;
                }
                if (vouched)
                        inv->meta[FIELD_TOTAL].confidence = fmax(inv->meta[FIELD_TOTAL].confidence, 0.92);
        }

        /* No subtotal, or one that does not add up with the tax (OCR lost
         * its point or split it): the total less a tax that the printed
         * rate vouches for, or less no tax at all; and a tax OCR mangled is
         * the total less the lines when the rate vouches for that. */
        if (inv->meta[FIELD_TOTAL].present && inv->total.minor > 0 &&
            !(inv->meta[FIELD_SUBTOTAL].present && inv->meta[FIELD_TAX].present &&
              inv->subtotal.minor + inv->tax.minor == inv->total.minor)) {
                int rates[8];
                int nr = page_rates(x, rates, 8);
                int64_t nets[3];
                bool have[3] = { inv->meta[FIELD_TAX].present && inv->tax.minor >= 0 &&
                                 inv->tax.minor < inv->total.minor, inv->n_lines > 0,
                                 inv->meta[FIELD_SUBTOTAL].present && inv->subtotal.minor > 0 &&
                                 inv->subtotal.minor < inv->total.minor };
                nets[0] = inv->total.minor - inv->tax.minor;
                nets[1] = 0;
                for (size_t i = 0; i < inv->n_lines; i++) {
                        have[1] &= inv->lines[i].has_amount;
                        nets[1] += inv->lines[i].amount.minor;
                }
                have[1] &= nets[1] > 0 && nets[1] < inv->total.minor;
                nets[2] = inv->subtotal.minor;
                for (int w = 0; w < 3; w++) {
                        if (!have[w])
                                continue;
                        int64_t tax = inv->total.minor - nets[w];
                        bool vouched = false;
                        for (int k = 0; k < nr && !vouched; k++)
                                vouched = llabs(nets[w] * rates[k] - tax * 10000) <= 5000;
                        if (!vouched && !(w == 0 && tax == 0))
                                continue;
                        /* the printed subtotal, the total and a printed
                         * rate agree on a tax OCR misread ("135,19" for
                         * 135,79): three readings against one */
                        if (w == 2) {
                                inv->tax = inv->total;
                                inv->tax.minor = tax;
                                extract_meta(inv, FIELD_TAX, 0.85, inv->meta[FIELD_TOTAL].page,
                                             inv->meta[FIELD_TOTAL].box, NULL);
                                break;
                        }
                        bool subtotal_right = w == 1 && inv->meta[FIELD_SUBTOTAL].present &&
                                              inv->subtotal.minor + tax == inv->total.minor;
                        if (!subtotal_right) {
                                inv->subtotal = inv->total;
                                inv->subtotal.minor = nets[w];
                                extract_meta(inv, FIELD_SUBTOTAL, vouched ? 0.9 : 0.7,
                                             inv->meta[FIELD_TOTAL].page, inv->meta[FIELD_TOTAL].box, NULL);
                        }
                        /* the lines, the subtotal and a printed rate agree
                         * on a tax whose own line OCR garbled */
                        if (w == 1 && vouched && (!subtotal_right || !inv->meta[FIELD_TAX].present ||
                                                  inv->tax.minor != tax)) {
                                inv->tax = inv->total;
                                inv->tax.minor = tax;
                                extract_meta(inv, FIELD_TAX, 0.9, inv->meta[FIELD_TOTAL].page,
                                             inv->meta[FIELD_TOTAL].box, NULL);
                        }
                        break;
                }
        }

        /* "IVA 10%  265157 €": a tax OCR lost the point of, no subtotal
         * to say it: the total's share at a printed rate, when the digits
         * read on the tax line are that share's. */
        if (inv->meta[FIELD_TOTAL].present && inv->total.minor > 0 && !inv->meta[FIELD_TAX].present) {
                int rates[8];
                int nr = page_rates(x, rates, 8);
                for (int r = 0; r < nr && !inv->meta[FIELD_TAX].present; r++) {
                        int64_t net = (inv->total.minor * 10000 + (10000 + rates[r]) / 2) / (10000 + rates[r]);
                        int64_t tax = inv->total.minor - net;
                        char want[32];
                        snprintf(want, sizeof(want), "%" PRId64, tax);
                        for (size_t hi = 0; hi < x->n_hits && !inv->meta[FIELD_TAX].present; hi++) {
                                const struct xhit *h = &x->hits[hi];
                                if (h->kind != LK_TAX || tax <= 0)
                                        continue;
                                const struct xline *l = &x->lines[h->line];
                                for (size_t i = h->end; i < l->first + l->n; i++) {
                                        char got[32];
                                        size_t g = 0;
                                        for (const char *q = x->toks[i].raw; *q && g + 1 < sizeof(got); q++)
                                                if (isdigit((unsigned char)*q))
                                                        got[g++] = *q;
                                        got[g] = 0;
                                        if (strchr(x->toks[i].raw, '%') || strcmp(got, want) != 0)
                                                continue;
                                        inv->tax = inv->total;
                                        inv->tax.minor = tax;
                                        extract_meta(inv, FIELD_TAX, 0.85, l->page, x->toks[i].box, NULL);
                                        if (!inv->meta[FIELD_SUBTOTAL].present) {
                                                inv->subtotal = inv->total;
                                                inv->subtotal.minor = net;
                                                extract_meta(inv, FIELD_SUBTOTAL, 0.85, l->page,
                                                             x->toks[i].box, NULL);
                                        }
                                        break;
                                }
                        }
                }
        }

        /* A total that is the subtotal to the cent charges no tax, whatever
         * OCR made of the tax line ("BTWO0%."). */
        if (inv->meta[FIELD_TOTAL].present && inv->meta[FIELD_SUBTOTAL].present &&
            !inv->meta[FIELD_TAX].present && inv->total.minor == inv->subtotal.minor &&
            inv->total.minor != 0) {
                inv->tax = inv->total;
                inv->tax.minor = 0;
                extract_meta(inv, FIELD_TAX, fmin(0.85, inv->meta[FIELD_TOTAL].confidence),
                             inv->meta[FIELD_SUBTOTAL].page, inv->meta[FIELD_SUBTOTAL].box, NULL);
        }

        /* The currency: printed with the total, else the page's own. */
        const char *cur = x->currency;
        double cconf = 0.75;
        if (bt >= 0 && c[bt].own_currency && c[bt].m.currency[0]) {
                cur = c[bt].m.currency;
                cconf = 0.95;
        }
        if (cur[0]) {
                memcpy(inv->currency, cur, BF_CURRENCY_LEN);
                bf_box none = { 0, 0, 0, 0 };
                extract_meta(inv, FIELD_CURRENCY, cconf, bt >= 0 ? c[bt].page : 0,
                             bt >= 0 ? c[bt].box : none, NULL);
                if (inv->meta[FIELD_TOTAL].present)
                        memcpy(inv->total.currency, cur, BF_CURRENCY_LEN);
                if (inv->meta[FIELD_SUBTOTAL].present)
                        memcpy(inv->subtotal.currency, cur, BF_CURRENCY_LEN);
                if (inv->meta[FIELD_TAX].present)
                        memcpy(inv->tax.currency, cur, BF_CURRENCY_LEN);
                for (size_t i = 0; i < inv->n_lines; i++)
                        if (inv->lines[i].has_amount)
                                memcpy(inv->lines[i].amount.currency, cur, BF_CURRENCY_LEN);
        }
        free(c);
}
