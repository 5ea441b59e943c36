/* amounts.c: the document's currency, and subtotal, tax and total chosen by
 * label, position and arithmetic together. */
#include "extract/lang.h"
#include "extract/slips.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------- amount tokens */

/* The slack of a rate's check, in minor units times basis points (a * bp
 * against b * 10000): half a minor unit, or half a unit of the currency
 * where both figures are printed whole — a forint invoice rounds its tax
 * to the forint (4 354 029 at 18% is 783 725,22, printed 783 725), and so
 * does any page that prints no cents. */
static int64_t rate_slack(const char *currency, int64_t a, int64_t b)
{
        int64_t unit = 1;
        for (int e = money_exponent(currency); e > 0; e--)
                unit *= 10;
        return unit > 1 && a % unit == 0 && b % unit == 0 ? unit * 5000 : 5000;
}

/* net at bp basis points comes to tax: net * bp against tax * 10000,
 * within slack. False where a product would overflow (no invoice's does:
 * it is no rate of anything). */
static bool at_rate_within(int64_t net, int bp, int64_t tax, int64_t slack)
{
        int64_t a, b, d;
        if (__builtin_mul_overflow(net, (int64_t)bp, &a) || __builtin_mul_overflow(tax, (int64_t)10000, &b) ||
            __builtin_sub_overflow(a, b, &d) || d == INT64_MIN)
                return false;
        return llabs(d) <= slack;
}

/* at_rate_within(), to the currency's rate_slack() */
static bool at_rate(const char *currency, int64_t net, int bp, int64_t tax)
{
        return at_rate_within(net, bp, tax, rate_slack(currency, net, tax));
}

/* The net of gross taxed at bp basis points, rounded, into *ret; false
 * where it would overflow. */
static bool net_of(int64_t gross, int bp, int64_t *ret)
{
        int64_t g;
        if (__builtin_mul_overflow(gross, (int64_t)10000, &g) ||
            __builtin_add_overflow(g, (int64_t)(10000 + bp) / 2, &g))
                return false;
        *ret = g / (10000 + bp);
        return true;
}

/* A three-letter code that names a currency an invoice is written in:
 * not the WIR's CHE and CHW, whose letters start a Swiss company's id
 * ("MWST-Nr.: CHE-144.305.913", "UID CHE-...") */
static bool invoice_currency(const char *code)
{
        return currency_is_known(code) && strcmp(code, "CHE") != 0 && strcmp(code, "CHW") != 0;
}

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
        if (extract_has_digit(r) || n == 0 || n > 5)     /* "лв." is five bytes */
                return false;
        if (n == 3 && r[0] >= 'A' && r[0] <= 'Z' && r[1] >= 'A' && r[1] <= 'Z' &&
            r[2] >= 'A' && r[2] <= 'Z') {
                if (!invoice_currency(r))
                        return false;
                memcpy(code, r, 4);
                return true;
        }
        if (strcmp(t->norm, "rs") == 0 || strcmp(t->norm, "inr") == 0) {
                memcpy(code, "INR", 4);
                return true;
        }
        /* "zł" written without its stroke ("zl"), or as OCR reads the ł
         * ("zt") */
        if (strcmp(r, "zl") == 0 || strcmp(r, "zt") == 0 || strcmp(r, "zl.") == 0 ||
            strcmp(r, "zt.") == 0) {
                memcpy(code, "PLN", 4);
                return true;
        }
        /* Symbols and short forms ("$", "€", "RM", "US$"): no lowercase
         * words, but for the local ones ("Fr.", "zł", "Ft", "Kč", "lei", "лв.") */
        static const char *const local[] = { "Fr.", "z\xc5\x82", "Ft", "K\xc4\x8d", "lei", "Lei",
                "\xd0\xbb\xd0\xb2", "\xd0\xbb\xd0\xb2.", NULL };
        bool is_local = false;
        for (int k = 0; local[k]; k++)
                is_local |= strcmp(r, local[k]) == 0;
        for (const char *p = r; *p && !is_local; p++)
                if (*p >= 'a' && *p <= 'z')
                        return false;
        return currency_from_text(r, code);
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
        while (end > raw && strchr(slip_specks_amount, end[-1]))
                end--;
        while (raw < end && strchr(slip_specks_amount, *raw))
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
                else if (*p == ':' && p > raw && isdigit((unsigned char)p[-1]) && slip_group_speck(p))
                        seps++;
                else if (*p == '/' || (*p == ':' && !slip_colon_point(raw, end, p)))
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

/* OCR splits "64.15" into "64." "15" and drops points: "RM 64 13"; the
 * symbol may stick to the first part ("RM96." "20", "RMO." "94": its
 * first digit read as a letter). */
static bool split_decimals(const struct xdoc *x, size_t i, bf_money *ret)
{
        const struct xtok *a = &x->toks[i], *b = &x->toks[i + 1];
        const struct xline *l = &x->lines[a->line];
        size_t sym = x->doc->source != SOURCE_TEXT ? slips_symbol_len(a->raw, x->currency) : 0;
        /* "901 16€": the decimals may carry the currency's sign (a Greek
         * model's ε for €) */
        static const char *const signs[] = { "\xe2\x82\xac", "\xce\xb5", "$", "\xc2\xa3", NULL };
        /* "€2.116," "69": or the figure before them (a typewriter face's
         * wide comma, the decimals a word of their own); the sign names
         * the currency as it would stuck to the whole figure */
        const char *sign = "";
        for (int k = 0; signs[k] && !sym && x->doc->source != SOURCE_TEXT; k++)
                if (k != 1 && strncmp(a->raw, signs[k], strlen(signs[k])) == 0)
                        sign = signs[k];
        const char *ar = a->raw + sym + strlen(sign);
        size_t na = strlen(ar), nb = strlen(b->raw);
        for (int k = 0; signs[k] && nb > 2 && x->doc->source != SOURCE_TEXT; k++)
                if (strcmp(b->raw + 2, signs[k]) == 0)
                        nb = 2;
        if (!(nb == 2 && b->raw[0] >= '0' && b->raw[0] <= '9' && b->raw[1] >= '0' && b->raw[1] <= '9'))
                return false;
        if (na == 0)
                return false;
        bool dot = ar[na - 1] == '.' || ar[na - 1] == ',';
        /* a point that ends a token is a character of its own: on a
         * receipt's fixed pitch its decimals stand up to a width further */
        if (b->box.x0 - a->box.x1 > (dot && x->doc->source != SOURCE_TEXT ? 1.2 : 0.8) * l->h)
                return false;
        if (!dot && (na > 4 || b->box.x0 - a->box.x1 > 0.6 * l->h))
                return false;
        /* "3.908," "36": the decimals after a grouped figure, its own
         * separator kept */
        bool groups = false;
        char digits[64];
        int slipped = 0;
        if (na >= sizeof(digits))
                return false;
        memcpy(digits, ar, na + 1);
        for (size_t k = 0; k + (dot ? 1 : 0) < na; k++) {
                if (dot && k > 0 && (ar[k] == '.' || ar[k] == ',') && ar[k] != ar[na - 1] &&
                    na - 1 - k == 4) {
                        groups = true;
                        continue;
                }
                if (sym && k == 0 && !(ar[k] >= '0' && ar[k] <= '9') && slip_digit(ar[k], SLIP_AMOUNT) &&
                    na > 1) {
                        digits[k] = slip_digit(ar[k], SLIP_AMOUNT);
                        slipped++;
                        continue;
                }
                if (!(ar[k] >= '0' && ar[k] <= '9'))
                        return false;
        }
        /* a symbol with a point and no digit read right is not enough */
        if (slipped && na - (dot ? 1 : 0) <= (size_t)slipped && !dot)
                return false;
        char buf[80];
        if (groups)
                snprintf(buf, sizeof(buf), "%s%s%.2s", sign, digits, b->raw);
        else
                snprintf(buf, sizeof(buf), "%s%.*s.%.2s", sign, (int)(na - (dot ? 1 : 0)), digits, b->raw);
        return extract_money_parse(buf, x->currency, ret, NULL) == 0;
}

/* OCR: a space-grouped figure's groups stand at most this many line
 * heights apart, or GROUP_WORD_GAPS times the page's own space between
 * words where that is wider (fonts set wide spaces: generated scans' at
 * 1.2-1.5 heights, where "31 999" was read 31 and "5 633" 5). */
#define GROUP_GAP 1.3
#define GROUP_WORD_GAPS 1.25

/* "1 234,56": token i a short group of digits, token i + 1 close after it
 * starting with a three-digit group (thousands grouped by a space)? */
static bool space_grouped(const struct xdoc *x, size_t i, size_t end)
{
        const struct xtok *t = &x->toks[i];
        double h = x->lines[t->line].h;
        double gap = x->doc->source == SOURCE_TEXT ? 0.9 : fmax(GROUP_GAP, GROUP_WORD_GAPS * x->word_gap);
        if (i + 1 >= end || strlen(t->raw) > 3 || !extract_has_digit(t->raw) ||
            x->toks[i + 1].box.x0 - t->box.x1 >= gap * h)
                return false;
        const char *nx = x->toks[i + 1].raw;
        return strlen(nx) >= 3 && isdigit((unsigned char)nx[0]) && isdigit((unsigned char)nx[1]) &&
               isdigit((unsigned char)nx[2]) && !isdigit((unsigned char)nx[3]);
}

/* How many tokens from i make one space-grouped figure: "1 234,56" is 2,
 * "1 553 677" 3 (a group of three digits each after the first); 1 when
 * none is grouped. */
static size_t space_groups(const struct xdoc *x, size_t i, size_t end)
{
        size_t n = 1;
        /* "1571 747 HUF": on a scan OCR lost the narrow space of a figure's
         * first group ("1 571 747"); four to six digits, then the last
         * group close after them, the figure's end (a currency word or
         * the line's end after it, or its decimals) */
        const struct xtok *t = &x->toks[i];
        size_t tl = strlen(t->raw);
        if (x->doc->source != SOURCE_TEXT && tl >= 4 && tl <= 6 && strspn(t->raw, "0123456789") == tl &&
            i + 1 < end && x->toks[i + 1].box.x0 - t->box.x1 < x->lines[t->line].h) {
                const char *nx = x->toks[i + 1].raw;
                size_t nl = strlen(nx);
                char code[BF_CURRENCY_LEN];
                bool last = strspn(nx, "0123456789") == 3 &&
                            (nl == 3 || (nl == 6 && (nx[3] == ',' || nx[3] == '.') &&
                                         strspn(nx + 4, "0123456789") == 2));
                if (last && (i + 2 >= end || is_currency_word(&x->toks[i + 2], code)))
                        return 2;
        }
        while (n < 5 && space_grouped(x, i + n - 1, end)) {
                n++;
                /* a group with decimals or a currency after it ends the figure */
                if (strlen(x->toks[i + n - 1].raw) != 3)
                        break;
        }
        return n;
}

/* Parses an amount at token i: the token alone, or with a currency word
 * beside it ("USD 47.90", "12,00 €"), or a space-grouped "1 234,56". */
int extract_amount_at(const struct xdoc *x, size_t i, bf_money *ret)
{
        const struct xtok *t = &x->toks[i];
        const struct xline *l = &x->lines[t->line];
        size_t end = l->first + l->n;
        char code[BF_CURRENCY_LEN];
        bf_money m = { 0 };
        int used = 0;

        if (is_currency_word(t, code) && i + 1 < end &&
            x->toks[i + 1].box.x0 - t->box.x1 < 2 * l->h && amountish(x->toks[i + 1].raw)) {
                /* "SEK 1 250,00": the figure may be grouped by a space */
                size_t n = 1 + space_groups(x, i + 1, end);
                char *s = xdoc_join(x, i, i + n, false);
                /* "RM «$1.00": the figure's 5 read as '$' after the symbol */
                if (n == 2 && x->doc->source != SOURCE_TEXT &&
                    slips_dollar_five(x->toks[i + 1].raw, x->currency, &m))
                        used = 2;
                else if (extract_money_parse(s, x->currency, &m, NULL) == 0)
                        used = (int)n;
                free(s);
                if (!used)
                        return 0;
        } else if (amountish(t->raw) && i + 1 < end && split_decimals(x, i, ret)) {
                return 2;
        } else if (amountish(t->raw)) {
                size_t g = space_groups(x, i, end);
                if (g >= 2) {
                        /* a first group of four digits or more is one OCR ran
                         * into its neighbour: the groups are joined as read */
                        char *s = strlen(t->raw) > 3 ? bf_xasprintf("%s%s", t->raw, x->toks[i + 1].raw)
                                                     : xdoc_join(x, i, i + g, false);
                        /* "4 063;23": the slips of a grouped figure's last group */
                        if (extract_money_parse(s, x->currency, &m, NULL) == 0 ||
                            (x->doc->source != SOURCE_TEXT && slips_amount(s, x->currency, &m)))
                                used = (int)g;
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
                                if (extract_money_parse(s, x->currency, &m, NULL) == 0 ||
                                    slips_amount(s, x->currency, &m))
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
                                if (extract_money_parse(s, x->currency, &m, NULL) == 0 ||
                                    slips_amount(s, x->currency, &m))
                                        used = 2;
                                free(s);
                        }
                }
                if (!used && x->doc->source != SOURCE_TEXT && slips_dollar_five(t->raw, x->currency, &m))
                        used = 1;
                if (!used) {
                        if (extract_money_parse(t->raw, x->currency, &m, NULL) != 0 &&
                            !slips_amount(t->raw, x->currency, &m))
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
        /* "RM1." "00": a point OCR split from its decimals is no symbol */
        if (a > 0 && b < n && strspn(raw + b, ".,") == n - b)
                n = b;
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
        bool ok = strlen(part) == 3 && invoice_currency(part);
        for (int i = 0; symbols[i] && !ok; i++)
                ok = strcmp(part, symbols[i]) == 0;
        return ok && currency_from_text(part, code);
}

/* "RMO.94", "RMO." "94": a symbol of letters stuck to a figure whose
 * first digits OCR read as letters (slip_digit) — the symbol_amount() of
 * the figure mended; false when no letter was mended. Scans only. */
static bool symbol_slipped_amount(const char *raw, char code[BF_CURRENCY_LEN])
{
        static const char *const letters[] = { "RM", "Rs", "kr", NULL };
        char buf[32];
        size_t n = strlen(raw);
        if (n >= sizeof(buf))
                return false;
        for (int i = 0; letters[i]; i++) {
                size_t k = strlen(letters[i]), mended = 0;
                if (strncmp(raw, letters[i], k) != 0)
                        continue;
                memcpy(buf, raw, n + 1);
                for (size_t j = k; j < n && !(buf[j] >= '0' && buf[j] <= '9'); j++) {
                        char d = slip_digit(buf[j], SLIP_AMOUNT);
                        if (!d)
                                break;
                        buf[j] = d;
                        mended++;
                }
                return mended > 0 && symbol_amount(buf, code);
        }
        return false;
}

#define CURRENCY_MIN_CONF 0.6f

/* "9 604,77 Е", "202,99 е", "7,66 ε": a scan's € that the Bulgarian or
 * Greek model read as its own script's e (Cyrillic Е or е, Greek ε or Ε),
 * a word of its own right after an amount with decimals on its line. */
static bool euro_read_as_e(const struct xdoc *x, size_t i)
{
        static const char *const es[] = { "\xd0\x95", "\xd0\xb5", "\xce\xb5", "\xce\x95", NULL };
        const struct xtok *t = &x->toks[i], *p = i > 0 ? &x->toks[i - 1] : NULL;
        bool e = false;
        for (int k = 0; es[k] && !e; k++)
                e = strcmp(t->raw, es[k]) == 0;
        if (!e || !p || p->line != t->line || !amountish(p->raw))
                return false;
        size_t n = strlen(p->raw);
        return n >= 4 && strchr(".,", p->raw[n - 3]) && isdigit((unsigned char)p->raw[n - 2]) &&
               isdigit((unsigned char)p->raw[n - 1]);
}

/* The one currency a country's invoices are in, by its IBAN's or VAT
 * id's prefix (Greece's VAT ids say EL); NULL for none (Bulgaria's lev
 * gave way to the euro in 2026: either may be printed). */
static const char *country_currency(const char *cc)
{
        static const char *const euro[] = { "AT", "BE", "CY", "DE", "EE", "EL", "ES", "FI", "FR",
                "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI", "SK", NULL };
        static const char *const own[][2] = { { "CZ", "CZK" }, { "DK", "DKK" }, { "HU", "HUF" },
                { "PL", "PLN" }, { "RO", "RON" }, { "SE", "SEK" }, { "NO", "NOK" }, { "IS", "ISK" },
                { "CH", "CHF" }, { "LI", "CHF" }, { "GB", "GBP" } };

        if (extract_word_in(cc, euro))
                return "EUR";
        for (size_t k = 0; k < sizeof(own) / sizeof(own[0]); k++)
                if (strcmp(cc, own[k][0]) == 0)
                        return own[k][1];
        return NULL;
}

void extract_currency(struct xdoc *x, const struct extract_options *opt)
{
        struct { char code[BF_CURRENCY_LEN]; int votes; } tally[16];
        int nt = 0;
        /* "kr" is a Danish, Swedish, Norwegian or Icelandic krona: the
         * issuer's country (its IBAN or VAT id) tells which */
        static const char *const krona[][2] = { { "DK", "DKK" }, { "FO", "DKK" }, { "GL", "DKK" },
                { "SE", "SEK" }, { "NO", "NOK" }, { "IS", "ISK" } };
        /* ... else the language its labels are in (not Danish: a word
         * Danish and Norwegian share counts as Danish) */
        static const char *const krona_lang[][2] = { { "sv", "SEK" }, { "no", "NOK" },
                { "is", "ISK" } };
        char cc[3] = "", kr[BF_CURRENCY_LEN] = "";
        if (extract_page_country(x, cc)) {
                for (size_t k = 0; k < sizeof(krona) / sizeof(krona[0]); k++)
                        if (strcmp(cc, krona[k][0]) == 0)
                                memcpy(kr, krona[k][1], BF_CURRENCY_LEN);
        } else if (x->lang) {
                for (size_t k = 0; k < sizeof(krona_lang) / sizeof(krona_lang[0]); k++)
                        if (strcmp(x->lang, krona_lang[k][0]) == 0)
                                memcpy(kr, krona_lang[k][1], BF_CURRENCY_LEN);
        }
        for (size_t i = 0; i < x->n_toks; i++) {
                const struct xtok *t = &x->toks[i];
                char code[BF_CURRENCY_LEN] = "";
                int w = 1;
                /* "$4" in a logo read as letters: a symbol OCR barely saw
                 * is no evidence */
                if (t->conf < CURRENCY_MIN_CONF && x->doc->source != SOURCE_TEXT)
                        continue;
                if (kr[0] && (strcmp(t->norm, "kr") == 0 || strcmp(t->norm, "isk") == 0) &&
                    !strchr(t->raw, '-')) {
                        memcpy(code, kr, BF_CURRENCY_LEN);
                        w = 3;
                } else if (is_currency_word(t, code) && !extract_is_legal_form(t->norm)) {
                        /* next to an amount: counts double */
                        if ((i + 1 < x->n_toks && x->toks[i + 1].line == t->line &&
                             amountish(x->toks[i + 1].raw)) ||
                            (i > 0 && x->toks[i - 1].line == t->line && amountish(x->toks[i - 1].raw)))
                                w = 3;
                } else if (x->doc->source != SOURCE_TEXT && symbol_slipped_amount(t->raw, code)) {
                        w = 3;
                } else if (extract_has_digit(t->raw) && amountish(t->raw)) {
                        /* "$19.00", "€99.00", "RM80.90" */
                        if (!symbol_amount(t->raw, code))
                                continue;
                        /* ... but on a scan "$384", "$1150" (no separator)
                         * is as often an item code or phone number whose 5
                         * OCR read as '$': a vote, not three */
                        w = x->doc->source != SOURCE_TEXT && !strpbrk(t->raw, ".,") ? 1 : 3;
                } else if (x->doc->source != SOURCE_TEXT && euro_read_as_e(x, i)) {
                        memcpy(code, "EUR", 4);
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
        else if (cc[0] && country_currency(cc))
                memcpy(x->currency, country_currency(cc), BF_CURRENCY_LEN);
        else if (opt->default_currency && strlen(opt->default_currency) == 3)
                memcpy(x->currency, opt->default_currency, BF_CURRENCY_LEN);
}

/* --------------------------------------------------------------- totals */

struct cand {
        enum xlabel_kind kind;  /* the label's kind (LK_NONE: an amount no label points at) */
        bf_money m;
        int page;
        bf_box box;
        size_t line;
        const struct xhit *hit;
        bool own_currency;      /* the currency was printed with it */
        bool rate;              /* "Total 6% supplies": one tax rate's share */
        bool final;             /* "Total after adj", "Nett total", "Grand total" */
        bool below;             /* under its label, not right of it */
        int qual;               /* +1 "including", -1 "excluding" between label and amount */
        int others;             /* further amounts on its line (a table row) */
        enum { SRC_LABEL, SRC_UNLABELLED, SRC_SUMMARY, SRC_PRINTED_SUM, SRC_RATE_SUM } src;
        bool point_lost;        /* "3145" read for 31.45: the point put back */
        double f[RF__COUNT];
        double p[3];            /* the ranker's probability as total, subtotal, tax */
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

static int token_rate(const struct xdoc *x, size_t i);

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

/* Is there an amount among tokens i..end of a line? */
static bool figure_after(const struct xdoc *x, size_t i, size_t end)
{
        bf_money m;
        for (; i < end; i++)
                if (x->toks[i].label < 0 && extract_amount_at(x, i, &m) > 0)
                        return true;
        return false;
}

/* Is token i of line l, on a scan, one digit no taller than half the
 * line: a speck of dust OCR read as a figure, not a printed one? */
static bool speck_digit(const struct xdoc *x, const struct xline *l, size_t i)
{
        const struct xtok *t = &x->toks[i];

        return x->doc->source != SOURCE_TEXT && isdigit((unsigned char)t->raw[0]) && t->raw[1] == 0 &&
               t->box.y1 - t->box.y0 < 0.5 * l->h && t->box.x1 - t->box.x0 < 0.5 * l->h;
}

static int line_rate(const struct xdoc *x, size_t li);

/* Is the amount at token i, under a column's header, one rate's row of a
 * table of the tax per rate that holds another rate's row below it
 * ("Aliquota  Imponibile  Imposta  Totale" over "8.1%  6'197.60  502.01
 * 6'699.61" and "2.6%  4'335.00  ..."): that rate's part, not the
 * invoice's subtotal, tax or total the header names. */
static bool one_rate_of_more(const struct xdoc *x, size_t i)
{
        const struct xtok *t = &x->toks[i];
        size_t li = t->line;
        int bp = line_rate(x, li);
        if (bp <= 0 || li + 1 >= x->n_lines || x->lines[li + 1].page != x->lines[li].page)
                return false;
        const struct xline *n = &x->lines[li + 1];
        int next = line_rate(x, li + 1);
        if (next <= 0 || next == bp)
                return false;
        for (size_t k = n->first; k < n->first + n->n; k++) {
                bf_money m;
                const struct xtok *b = &x->toks[k];
                if (b->box.x1 > t->box.x0 && b->box.x0 < t->box.x1 && extract_amount_at(x, k, &m) > 0)
                        return true;
        }
        return false;
}

/* The amount a label points at: right of it on its line (skipping words
 * such as "(RM)", "Incl. GST", a rate like "20%"), else under it. Sets
 * *qual to +1/-1 when the words between say "including"/"excluding", and
 * *others to the count of further amounts on the line. */
static bool label_amount(const struct xdoc *x, const struct xhit *h, bf_money *m,
                         bf_box *box, bool *own, int *qual, int *others, bool *rate, bool *below)
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
        *below = false;
        bool aside = false;     /* inside "(Inclusive GST 6%)" */
        int bp = -1;            /* the rate printed between label and amount */
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
                if (strchr(t->raw, '%')) {
                        *rate = true;
                        if (bp < 0)
                                bp = token_rate(x, i);
                }
                /* "21 %": a rate, not an amount */
                if (i + 1 < end && x->toks[i + 1].raw[0] == '%') {
                        *rate = true;
                        continue;
                }
                /* "ДДС 2090  1162,23": a scan's rate, its '%' read as "90",
                 * before the tax — not a figure's first group ("ÁFA 185 280
                 * Ft" is a tax of 185 280) */
                bf_money first;
                if (h->kind == LK_TAX && x->doc->source != SOURCE_TEXT && !*rate &&
                    slips_rate(t->raw) > 0 && figure_after(x, i + 1, end) &&
                    extract_amount_at(x, i, &first) <= 1) {
                        *rate = true;
                        bp = slips_rate(t->raw);
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
                /* "CONTANTI  2  +  +100,00": a speck OCR read as a digit
                 * between the label and its amount */
                if (speck_digit(x, l, i) && figure_after(x, i + 1, end))
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
                        /* "USt 19% auf 1.234,56  234,57", "TVA 20 % sur
                         * 1 000,00  200,00": the base the rate is charged on,
                         * then the tax — the tax is the rate of the base */
                        if (h->kind == LK_TAX && bp > 0 && *others == 1 && m->minor > 0 &&
                            at_rate(x->currency, m->minor, bp, after[0].minor)) {
                                *m = after[0];
                                *box = after_box[0];
                                *others = 0;
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
        if (i != SIZE_MAX && extract_amount_at(x, i, m) > 0 && !one_rate_of_more(x, i)) {
                *box = x->toks[i].box;
                *own = false;
                *below = true;
                return true;
        }
        return false;
}

/* Did the amount's own token carry a decimal separator? 1 yes, 0 no, -1
 * no figure found in box. */
static int decimals_at(const struct xdoc *x, const struct xhit *h, const bf_box *box)
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
                return -1;
        size_t n = strlen(last->raw);
        for (size_t k = n; k > 0 && k + 3 >= n; k--)
                if (last->raw[k - 1] == '.' || last->raw[k - 1] == ',')
                        return 1;
        return 0;
}

/* Is the amount in box one run of digits, no separator in it, specks
 * around it aside ("100722", "«230758.")? */
static bool bare_digits_at(const struct xdoc *x, const struct xhit *h, const bf_box *box)
{
        const struct xline *l = &x->lines[h->line];
        const struct xtok *only = NULL;
        for (size_t i = l->first; i < l->first + l->n; i++) {
                const struct xtok *t = &x->toks[i];
                if (t->box.x0 >= box->x0 - 0.5 && t->box.x1 <= box->x1 + 0.5 && extract_has_digit(t->raw)) {
                        if (only)
                                return false;
                        only = t;
                }
        }
        if (!only)
                return false;
        const char *d = only->raw + strcspn(only->raw, "0123456789");
        size_t run = strspn(d, "0123456789");
        return run >= 4 && !extract_has_digit(d + run);
}

/* decimals_at(), a box without a figure counting as one with. */
static bool has_decimals(const struct xdoc *x, const struct xhit *h, const bf_box *box)
{
        return decimals_at(x, h, box) != 0;
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
                if (extract_word_in(x->toks[i].norm, words))
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

/* The tax rate token i prints ("21%", "IVA10%", "5,5 %" read at the "%"),
 * in hundredths of a percent; -1 when it prints none. */
static int token_rate(const struct xdoc *x, size_t i)
{
        const char *raw = x->toks[i].raw, *pc = strchr(raw, '%');
        if (!pc)
                return -1;
        if (pc == raw) {
                /* "20 %": the figure is the word before */
                if (i == 0 || x->toks[i - 1].line != x->toks[i].line)
                        return -1;
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
                return -1;
        return whole * 100 + (fd == 1 ? frac * 10 : frac);
}

/* The tax rates printed on the page, in hundredths of a percent; returns
 * how many (at most max). */
/* rates[n] gains bp unless it holds it already or bp is none (< 0):
 * the new count. */
static int add_rate(int *rates, int n, int bp)
{
        if (bp < 0)
                return n;
        for (int k = 0; k < n; k++)
                if (rates[k] == bp)
                        return n;
        rates[n] = bp;
        return n + 1;
}

static int page_rates(const struct xdoc *x, int *ret, int max)
{
        int n = 0;
        for (size_t i = 0; i < x->n_toks && n < max; i++)
                n = add_rate(ret, n, token_rate(x, i));
        return n;
}

/* The first tax rate printed on line li, -1 when none. */
static int line_rate(const struct xdoc *x, size_t li)
{
        const struct xline *l = &x->lines[li];
        for (size_t i = l->first; i < l->first + l->n; i++) {
                int bp = token_rate(x, i);
                if (bp >= 0)
                        return bp;
        }
        return -1;
}

/* A self-billed invoice: the buyer writes it for the seller's supply
 * (German law calls it a "Gutschrift" too, "Gutschrift (selbst ausgestellte
 * Rechnung)"), an invoice with its amounts owed, no credit note. */
static bool self_billed(const struct xdoc *x, size_t i)
{
        static const char *const words[] = { "self-billed", "self-billing", "gutschriftsverfahren",
                "autofacturation", "autofactura", "autofattura", "zelfgefactureerd",
                "selbstfakturierung", NULL };
        const char *n = x->toks[i].norm;

        if (extract_word_in(n, words))
                return true;
        if (strncmp(n, "selbstausgestellt", 17) == 0)
                return true;
        return strcmp(n, "selbst") == 0 && i + 1 < x->n_toks &&
               strncmp(x->toks[i + 1].norm, "ausgestellt", 11) == 0;
}

static bool is_credit_note(const struct xdoc *x)
{
        for (size_t i = 0; i < x->n_toks; i++)
                if (self_billed(x, i))
                        return false;
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

/* ------------------------------------------------- proposing candidates */

struct cands {
        struct cand *c;
        size_t n, cap;
};

static void cand_add(struct cands *cs, struct cand v)
{
        if (cs->n == cs->cap) {
                cs->cap = cs->cap ? cs->cap * 2 : 16;
                cs->c = bf_xrealloc(cs->c, cs->cap * sizeof(*cs->c));
        }
        cs->c[cs->n++] = v;
}

/* Every amount a total, subtotal, tax or not-a-total label points at. */
static void propose_labelled(const struct xdoc *x, struct cands *cs)
{
        size_t first = cs->n;
        bool cents = false;     /* a labelled amount printed with its cents */

        for (size_t hi = 0; hi < x->n_hits; hi++) {
                const struct xhit *h = &x->hits[hi];
                if (h->kind != LK_TOTAL && h->kind != LK_SUBTOTAL && h->kind != LK_TAX &&
                    h->kind != LK_NOTTOTAL)
                        continue;
                struct cand v = { .kind = h->kind, .hit = h, .line = h->line, .src = SRC_LABEL };
                if (!label_amount(x, h, &v.m, &v.box, &v.own_currency, &v.qual, &v.others, &v.rate,
                                  &v.below))
                        continue;
                v.page = x->lines[h->line].page;
                v.final = is_final(x, h);
                /* "Total excl. VAT", "Total HT": a subtotal */
                if (h->kind == LK_TOTAL && v.qual < 0)
                        v.kind = LK_SUBTOTAL;
                cand_add(cs, v);
                cents = cents || decimals_at(x, h, &v.box) > 0;
        }
        /* "Total RM 3145" where amounts print cents: OCR lost the point;
         * the figure with it put back is a candidate too. Not where none
         * of them prints cents: forints ("ÁFA 31 999 Ft") and whole
         * crowns have a minor unit on paper only. */
        for (size_t i = first, n = cs->n; cents && x->doc->source != SOURCE_TEXT && i < n; i++) {
                struct cand v = cs->c[i];

                if (money_exponent(v.m.currency) == 2 && v.m.minor >= 10000 &&
                    v.m.minor % 100 == 0 && !has_decimals(x, v.hit, &v.box)) {
                        v.m.minor /= 100;
                        v.point_lost = true;
                        cand_add(cs, v);
                }
                /* "IVA 2.6% CHF 100722", "TOTAL DE PLATA 230758.": the
                 * decimal separator read as a 7 before the cents; the
                 * figure with the separator back is a candidate too */
                v = cs->c[i];
                int64_t whole = v.m.minor / 100;
                if (money_exponent(v.m.currency) == 2 && v.m.minor % 100 == 0 && whole >= 1000 &&
                    whole / 100 % 10 == 7 && bare_digits_at(x, v.hit, &v.box)) {
                        v.m.minor = whole / 1000 * 100 + whole % 100;
                        v.point_lost = true;
                        cand_add(cs, v);
                }
        }
}

/* Is box the same place as a candidate's? */
static bool cand_at(const struct cands *cs, size_t line, bf_box box)
{
        for (size_t i = 0; i < cs->n; i++)
                if (cs->c[i].line == line && cs->c[i].box.x0 <= box.x1 && box.x0 <= cs->c[i].box.x1)
                        return true;
        return false;
}

/* Amounts with cents that no label points at: a total whose label OCR
 * garbled, or none printed. */
static void propose_unlabelled(const struct xdoc *x, struct cands *cs)
{
        size_t labelled = cs->n;
        for (size_t li = 0; li < x->n_lines; li++) {
                const struct xline *l = &x->lines[li];
                for (size_t i = l->first; i < l->first + l->n; i++) {
                        const struct xtok *t = &x->toks[i];
                        bf_money m;
                        /* "81750," in an address is no amount: cents are */
                        if (t->label >= 0 || !strpbrk(t->raw, ".,") || !has_cents(x, i))
                                continue;
                        int u = extract_amount_at(x, i, &m);
                        if (u <= 0 || m.minor <= 0)
                                continue;
                        bf_box box = t->box;
                        for (int k = 1; k < u; k++)
                                box = box_union(box, x->toks[i + (size_t)k].box);
                        struct cands lab = { cs->c, labelled, 0 };
                        if (cand_at(&lab, li, box))
                                continue;
                        int others = 0;
                        for (size_t j = l->first; j < l->first + l->n; j++) {
                                bf_money o;
                                if ((j < i || j >= i + (size_t)u) && strpbrk(x->toks[j].raw, ".,") &&
                                    extract_amount_at(x, j, &o) > 0)
                                        others++;
                        }
                        struct cand v = { .kind = LK_NONE, .m = m, .page = l->page, .box = box,
                                          .line = li, .others = others, .src = SRC_UNLABELLED };
                        char code[BF_CURRENCY_LEN];
                        for (int k = 0; k < u; k++)
                                if (is_currency_word(&x->toks[i + (size_t)k], code) ||
                                    currency_from_text(x->toks[i + (size_t)k].raw, code))
                                        v.own_currency = true;
                        cand_add(cs, v);
                        i += (size_t)u - 1;
                }
        }
}

/* OCR lost the labelled total's amount but kept the tax summary ("SR @ 6%
 * 4.72  0.28"): net plus the tax it states, rounded to the cash step when
 * a rounding line says so. */
static void propose_summary(const struct xdoc *x, size_t round_line, struct cands *cs)
{
        bf_money sum;
        size_t sl;
        if (!summary_total(x, &sum, &sl))
                return;
        if (round_line != SIZE_MAX)
                sum.minor = (sum.minor + 2) / 5 * 5;
        cand_add(cs, (struct cand){ .kind = LK_NONE, .m = sum, .page = x->lines[sl].page,
                                    .box = x->lines[sl].box, .line = sl, .src = SRC_SUMMARY });
}

/* A subtotal and a tax whose sum is printed below them (OCR garbled the
 * total's label, "Tatal‘TTC"). */
static void propose_printed_sum(const struct xdoc *x, struct cands *cs)
{
        size_t n = cs->n;
        for (size_t j = 0; j < n; j++) {
                const struct cand *s = &cs->c[j];
                if (s->kind != LK_SUBTOTAL || s->m.minor <= 0)
                        continue;
                for (size_t k = 0; k < n; k++) {
                        const struct cand *t = &cs->c[k];
                        if (t->kind != LK_TAX || t->m.minor < 0 || t->page != s->page)
                                continue;
                        int64_t sum = s->m.minor + t->m.minor;
                        size_t below = s->line > t->line ? s->line : t->line;
                        for (size_t i = 0; i < x->n_toks; i++) {
                                bf_money m;
                                const struct xtok *w = &x->toks[i];
                                if (w->line <= below || w->page != s->page ||
                                    extract_amount_at(x, i, &m) <= 0 || m.minor != sum)
                                        continue;
                                /* a label points at it: that candidate has it already */
                                if (cand_at(cs, w->line, w->box))
                                        return;
                                cand_add(cs, (struct cand){ .kind = LK_NONE, .m = m, .page = w->page,
                                                            .box = w->box, .line = w->line,
                                                            .src = SRC_PRINTED_SUM });
                                return;
                        }
                }
        }
}

/* A bare rate in a table's rate column: "19", "7", "5,5" (0 < r <= 30, at
 * most one decimal), in hundredths of a percent; -1 when not one. */
static int bare_rate(const char *raw)
{
        int whole = 0, frac = -1;
        const char *p = raw;
        for (; isdigit((unsigned char)*p) && p - raw < 2; p++)
                whole = whole * 10 + (*p - '0');
        if (p == raw)
                return -1;
        if ((*p == ',' || *p == '.') && isdigit((unsigned char)p[1]) && !p[2]) {
                frac = p[1] - '0';
                p += 2;
        }
        if (*p || whole > 30 || (whole == 0 && frac <= 0))
                return -1;
        return whole * 100 + (frac > 0 ? frac * 10 : 0);
}

/* A row of a table of the tax per rate: a rate ("19%", or bare in its
 * column: "19"), a base and the tax that is the rate of it, in any order
 * ("19%  1.000,00  190,00", "1.000,00  19  190,00  1.190,00"). Sets the
 * rate (hundredths of a percent), base and tax; false when the line is no
 * such row. */
static bool rate_row(const struct xdoc *x, size_t li, int *ret_bp, bf_money *ret_net, bf_money *ret_tax)
{
        const struct xline *l = &x->lines[li];
        size_t end = l->first + l->n;
        int bps[4], bare[4], n_bp = 0, n_am = 0, n_bare = 0;
        bf_money am[6];
        for (size_t i = l->first; i < end; i++) {
                bf_money a;
                int u = extract_amount_at(x, i, &a), bp;
                /* an amount first: "4 950,32" is no rate 4 */
                if (u > 1 || (u == 1 && has_cents(x, i))) {
                        if (n_am < 6)
                                am[n_am++] = a;
                        i += (size_t)u - 1;
                } else if ((bp = token_rate(x, i)) > 0) {
                        if (n_bp < 4)
                                bps[n_bp++] = bp;
                } else if (!strchr(x->toks[i].raw, '%') && (bp = bare_rate(x->toks[i].raw)) > 0 &&
                           n_bare < 4) {
                        bare[n_bare++] = bp;
                }
        }
        /* a rate column prints its rates bare only where no '%' says one */
        if (n_bp == 0)
                for (int k = 0; k < n_bare; k++)
                        bps[n_bp++] = bare[k];
        for (int r = 0; r < n_bp; r++)
                for (int j = 0; j < n_am; j++)
                        for (int k = 0; k < n_am; k++) {
                                int64_t a = am[j].minor, t = am[k].minor;
                                if (j == k || a <= 0 || t <= 0 || t >= a || a > INT64_C(100000000000) ||
                                    !at_rate(x->currency, a, bps[r], t))
                                        continue;
                                *ret_bp = bps[r];
                                *ret_net = am[j];
                                *ret_tax = am[k];
                                return true;
                        }
        return false;
}

/* A table of the tax per rate, a row a rate (rate_row). With two rates or
 * more, the bases add up to the subtotal and the taxes to the tax:
 * candidates of both (the ranker weighs them). */
static void propose_rate_rows(const struct xdoc *x, struct cands *cs)
{
        int rates[8], n = 0, page = 0;
        int64_t net = 0, tax = 0;
        size_t last = 0;
        bf_money m = { 0 };
        for (size_t li = 0; li < x->n_lines && n < 8; li++) {
                int bp;
                bf_money a, b;
                if ((n && x->lines[li].page != page) || !rate_row(x, li, &bp, &a, &b))
                        continue;
                bool seen = false;
                for (int k = 0; k < n; k++)
                        seen |= rates[k] == bp;
                if (seen)
                        continue;
                rates[n++] = bp;
                m = a;
                net += a.minor;
                tax += b.minor;
                page = x->lines[li].page;
                last = li;
        }
        if (n < 2)
                return;
        m.minor = net;
        cand_add(cs, (struct cand){ .kind = LK_SUBTOTAL, .m = m, .page = page, .box = x->lines[last].box,
                                    .line = last, .src = SRC_RATE_SUM });
        m.minor = tax;
        cand_add(cs, (struct cand){ .kind = LK_TAX, .m = m, .page = page, .box = x->lines[last].box,
                                    .line = last, .src = SRC_RATE_SUM });
}

/* "USt 19%  190,00" and "USt 7%  3,50" on lines of their own: the tax is
 * what the rates' lines add up to (a candidate besides each of them; the
 * ranker weighs it). Rows of a table (further amounts on the line, or the
 * amount under its label) are not such lines, and one rate counts once. */
static void propose_rate_sum(const struct xdoc *x, struct cands *cs)
{
        size_t n = cs->n, parts = 0, last = 0;
        int rates[8];
        int64_t sum = 0;
        for (size_t i = 0; i < n; i++) {
                const struct cand *t = &cs->c[i];
                if (t->kind != LK_TAX || t->src != SRC_LABEL || !t->rate || t->below || t->others ||
                    t->m.minor <= 0 || t->point_lost || (parts && t->page != cs->c[last].page))
                        continue;
                int bp = line_rate(x, t->line);
                bool seen = bp <= 0;
                for (size_t k = 0; k < parts && !seen; k++)
                        seen = rates[k] == bp;
                if (seen || parts == 8 || sum > INT64_MAX / 2 - t->m.minor)
                        continue;
                rates[parts++] = bp;
                sum += t->m.minor;
                last = i;
        }
        if (parts >= 2) {
                struct cand v = cs->c[last];
                v.m.minor = sum;
                v.src = SRC_RATE_SUM;
                cand_add(cs, v);
        }
        propose_rate_rows(x, cs);
}

/* ------------------------------------------------------- till receipts */

/* What a till receipt says around its total: tendered less change, the
 * rounding line and the payment line after it. */
struct till {
        int tender, change, rounding;   /* candidate indexes, or -1 */
        bool have_paid;
        int64_t paid;
        size_t round_line, tender_line; /* SIZE_MAX: none */
};

/* The till's figures by their labels' part (label_def's till: "cash",
 * "change", "rounding" in each language's words); a label OCR misread a
 * letter of ("CHONGE", "Roundinq") has its part as the label finder
 * matched it. */
static void read_till(const struct xdoc *x, const struct cands *cs, struct till *t)
{
        const struct cand *c = cs->c;
        *t = (struct till){ -1, -1, -1, false, 0, SIZE_MAX, SIZE_MAX };
        for (size_t i = 0; i < cs->n; i++) {
                if (c[i].kind != LK_NOTTOTAL)
                        continue;
                switch (c[i].hit->till) {
                case TILL_CHANGE:
                        if (t->change < 0)
                                t->change = (int)i;
                        break;
                case TILL_ROUNDING:
                        if (t->rounding < 0)
                                t->rounding = (int)i;
                        break;
                case TILL_TENDER:
                        if (t->tender < 0 || c[i].m.minor > c[t->tender].m.minor)
                                t->tender = (int)i;
                        break;
                case TILL_NONE:
                        break;
                }
        }
        /* the rounding line, even when OCR lost its amount */
        for (size_t hi = 0; hi < x->n_hits; hi++) {
                const struct xhit *h = &x->hits[hi];
                if (h->kind != LK_NOTTOTAL)
                        continue;
                if (h->till == TILL_ROUNDING && t->round_line == SIZE_MAX)
                        t->round_line = h->line;
                if (h->till == TILL_TENDER && t->tender_line == SIZE_MAX && t->round_line != SIZE_MAX)
                        t->tender_line = h->line;
        }
        if (t->tender >= 0 && t->change >= 0 && c[t->tender].page == c[t->change].page &&
            c[t->change].line > c[t->tender].line && c[t->change].m.minor >= 0 &&
            c[t->tender].m.minor > c[t->change].m.minor) {
                t->paid = c[t->tender].m.minor - c[t->change].m.minor;
                t->have_paid = true;
        }
}

/* ------------------------------------------------------------ features */

/* What the page says besides the candidates: its printed rates, the line
 * items' sum, its amounts with cents. */
struct amount_ctx {
        bool credit;
        int rates[8], n_rates;
        bool have_lines;
        int64_t lines_sum;
        int64_t *amounts;       /* every amount with cents on the page, owned */
        size_t n_amounts;
        const char *currency;   /* the page's currency guess (x->currency) */
};

static void amount_ctx_init(const struct xdoc *x, const bf_invoice *inv, struct amount_ctx *a)
{
        memset(a, 0, sizeof(*a));
        a->credit = is_credit_note(x);
        a->n_rates = page_rates(x, a->rates, 8);
        a->currency = x->currency;
        a->have_lines = inv->n_lines > 0;
        for (size_t i = 0; i < inv->n_lines; i++) {
                a->have_lines &= inv->lines[i].has_amount &&
                                 !__builtin_add_overflow(a->lines_sum, inv->lines[i].amount.minor, &a->lines_sum);
        }
        size_t cap = 0;
        for (size_t i = 0; i < x->n_toks; i++) {
                bf_money m;
                int u;
                if (!strpbrk(x->toks[i].raw, ".,") || !has_cents(x, i) ||
                    (u = extract_amount_at(x, i, &m)) <= 0)
                        continue;
                if (a->n_amounts == cap) {
                        cap = cap ? cap * 2 : 32;
                        a->amounts = bf_xrealloc(a->amounts, cap * sizeof(*a->amounts));
                }
                a->amounts[a->n_amounts++] = llabs(m.minor);
                i += (size_t)u - 1;
        }
}

static bool vouched_by_rate(const struct amount_ctx *a, int64_t net, int64_t gross)
{
        if (net <= 0 || net >= INT64_C(100000000000) || net >= gross)
                return false;
        for (int k = 0; k < a->n_rates; k++)
                if (at_rate(a->currency, net, 10000 + a->rates[k], gross))
                        return true;
        return false;
}

/* The one feature function: what the ranker knows of candidate c among
 * all of them, for training and for use alike. */
static void amount_features(const struct xdoc *x, const struct cands *cs, size_t ci,
                            const struct till *till, const struct amount_ctx *a, double *f)
{
        const struct cand *c = &cs->c[ci];
        const struct xhit *h = c->hit;
        int64_t v = c->m.minor;
        memset(f, 0, RF__COUNT * sizeof(*f));

        f[RF_K_TOTAL] = c->kind == LK_TOTAL;
        f[RF_K_SUBTOTAL] = c->kind == LK_SUBTOTAL;
        f[RF_K_TAX] = c->kind == LK_TAX;
        f[RF_K_NOTTOTAL] = c->kind == LK_NOTTOTAL;
        f[RF_K_NONE] = c->kind == LK_NONE;
        f[RF_STRENGTH] = h ? h->strength / 100.0 : 0;
        f[RF_QUAL_INCL] = c->qual > 0;
        f[RF_QUAL_EXCL] = c->qual < 0;
        f[RF_RATE] = c->rate;
        f[RF_FINAL] = c->final;
        f[RF_OTHERS] = (c->others > 3 ? 3 : c->others) / 3.0;
        f[RF_BELOW] = c->below;
        const bf_page *pg = xdoc_page(x, c->page);
        double pw = pg && pg->width > 0 ? pg->width : 1, ph = pg && pg->height > 0 ? pg->height : 1;
        if (h && !c->below)
                f[RF_GAP] = fmin(1.0, fmax(0.0, (c->box.x0 - h->box.x1) / pw));
        f[RF_LINE_START] = h && h->first == x->lines[h->line].first;
        f[RF_Y] = pg && pg->height > 0 ? fmin(1.0, c->box.y1 / ph) : 0.5;
        f[RF_X] = pg && pg->width > 0 ? fmin(1.0, c->box.x1 / pw) : 0.5;
        f[RF_PAGE] = x->doc->n_pages > 1 ? (c->page - 1) / (double)(x->doc->n_pages - 1) : 1;
        f[RF_LAST_PAGE] = (size_t)c->page == x->doc->n_pages;
        f[RF_ZERO] = v == 0;
        f[RF_NEG] = v < 0;
        f[RF_CREDIT] = a->credit;
        /* "637" where amounts print cents: an OCR slip or a count */
        f[RF_NO_CENTS] = h && !c->point_lost && money_exponent(c->m.currency) > 0 &&
                         !has_decimals(x, h, &c->box);
        f[RF_OWN_CUR] = c->own_currency;
        f[RF_OCR] = x->doc->source != SOURCE_TEXT;
        f[RF_READ_CONF] = c->src == SRC_SUMMARY ? 1 : box_read_conf(x, c->line, c->box);
        f[RF_READ_TWICE] = read_twice(x, c);

        /* arithmetic with the labelled subtotals, taxes and totals */
        for (size_t j = 0; j < cs->n; j++) {
                const struct cand *s = &cs->c[j];
                if (j == ci)
                        continue;
                if (s->kind == LK_SUBTOTAL && s->m.minor != 0 && s->m.minor == v)
                        f[RF_EQ_SUB] = 1;
                if (s->kind == LK_TOTAL && s->m.minor != 0 && s->m.minor == v && s->qual >= 0)
                        f[RF_EQ_TOTAL] = 1;
                for (size_t k = 0; k < cs->n; k++) {
                        const struct cand *t = &cs->c[k];
                        if (k == ci || k == j || t->kind != LK_TAX)
                                continue;
                        if (s->kind == LK_SUBTOTAL && s->m.minor != 0 && v != 0 &&
                            llabs(s->m.minor + t->m.minor - v) <= 1)
                                f[RF_SUM_SUB_TAX] = 1;
                        if (s->kind == LK_TOTAL && s->qual >= 0 && v != 0 &&
                            llabs(v + t->m.minor - s->m.minor) <= 1)
                                f[RF_PLUS_TAX_TOTAL] = 1;
                }
                if (s->kind == LK_SUBTOTAL && s->m.minor != 0) {
                        for (size_t k = 0; k < cs->n; k++) {
                                const struct cand *t = &cs->c[k];
                                if (k == ci || k == j || t->kind != LK_TOTAL || t->qual < 0)
                                        continue;
                                if (llabs(s->m.minor + v - t->m.minor) <= 1)
                                        f[RF_SUB_PLUS_TOTAL] = 1;
                        }
                }
                if (s->kind == LK_SUBTOTAL && vouched_by_rate(a, s->m.minor, v))
                        f[RF_NET_RATE] = 1;
                if (s->kind == LK_SUBTOTAL && s->m.minor > 0 && v > 0)
                        for (int r = 0; r < a->n_rates; r++)
                                if (at_rate(a->currency, s->m.minor, a->rates[r], v))
                                        f[RF_RATE_OF_NET] = 1;
                int64_t gross;
                if (a->have_lines && s->kind == LK_TAX && v != 0 && s->m.minor != 0 &&
                    !__builtin_add_overflow(a->lines_sum, s->m.minor, &gross) && gross == v)
                        f[RF_LINES_TAX] = 1;
        }
        if (a->have_lines && v != 0) {
                f[RF_LINES_SUM] = a->lines_sum == v;
                if (vouched_by_rate(a, a->lines_sum, v))
                        f[RF_NET_RATE] = 1;
                for (int r = 0; r < a->n_rates && a->lines_sum > 0 && v > 0; r++)
                        if (at_rate(a->currency, a->lines_sum, a->rates[r], v))
                                f[RF_RATE_OF_NET] = 1;
        }
        f[RF_PAID] = till->have_paid && v == till->paid;
        /* below a rounding line, above the payment: the rounded, final figure */
        f[RF_ROUNDED] = till->round_line != SIZE_MAX && c->line > till->round_line &&
                        c->line < till->tender_line && v != 0;
        /* the largest figure but what was tendered or given back */
        bool largest = v != 0;
        for (size_t j = 0; j < cs->n && largest; j++)
                if (cs->c[j].kind != LK_NOTTOTAL && !cs->c[j].point_lost && llabs(cs->c[j].m.minor) > llabs(v))
                        largest = false;
        f[RF_LARGEST] = largest;
        size_t below = 0;
        for (size_t i = 0; i < a->n_amounts; i++)
                below += a->amounts[i] < llabs(v);
        f[RF_SHARE_BELOW] = a->n_amounts ? below / (double)a->n_amounts : 0;
        f[RF_SUMMARY] = c->src == SRC_SUMMARY;
        f[RF_PRINTED_SUM] = c->src == SRC_PRINTED_SUM;
        f[RF_RATE_SUM] = c->src == SRC_RATE_SUM;
        f[RF_LOG_AMOUNT] = fmin(1.0, log10(1.0 + (double)llabs(v)) / 9.0);
        /* where it stands among the totals the labels name: the last word
         * on the page is the lowest one */
        int below_it = 0;
        for (size_t j = 0; j < cs->n; j++) {
                const struct cand *t = &cs->c[j];
                if (j != ci && t->kind == LK_TOTAL && t->qual >= 0 &&
                    (t->page > c->page || (t->page == c->page && t->line > c->line)))
                        below_it++;
        }
        f[RF_LOWEST_TOTAL] = c->kind == LK_TOTAL && c->qual >= 0 && below_it == 0;
        f[RF_TOTALS_BELOW] = (below_it > 3 ? 3 : below_it) / 3.0;
        f[RF_FINAL_TOTAL] = c->kind == LK_TOTAL && c->final;
        f[RF_POINT_LOST] = c->point_lost;
}

/* Which candidates a field may take: a subtotal or a tax only where a
 * label says so. */
static bool eligible(const struct cand *c, int which)
{
        switch (which) {
        case 0:
                return true;
        case 1:
                return c->kind == LK_SUBTOTAL;
        default:
                return c->kind == LK_TAX;
        }
}

static const enum bf_field rank_fields[3] = { FIELD_TOTAL, FIELD_SUBTOTAL, FIELD_TAX };

/* Scores every candidate for total, subtotal and tax, telling
 * opt->on_candidate about each. */
static void score_candidates(const struct xdoc *x, const struct extract_options *opt,
                             const struct extract_model *model, struct cands *cs,
                             const struct till *till, const struct amount_ctx *a)
{
        for (size_t i = 0; i < cs->n; i++) {
                struct cand *c = &cs->c[i];
                amount_features(x, cs, i, till, a, c->f);
                char buf[32];
                if (money_format(c->m, buf, sizeof(buf)) < 0)
                        buf[0] = 0;
                for (int w = 0; w < 3; w++) {
                        c->p[w] = -1;
                        if (!eligible(c, w) || !rank_has_field(model, rank_fields[w]))
                                continue;
                        c->p[w] = rank_score(model, rank_fields[w], c->f);
                        rank_report(opt, rank_fields[w], buf, c->f, c->p[w]);
                }
        }
}

/* A total that a labelled subtotal and tax add up to (not one tax rate's
 * share, "Total 6% supplies (Inc. GST)"). */
static bool sums_up(const struct cand *c)
{
        return c->f[RF_SUM_SUB_TAX] > 0 && c->kind == LK_TOTAL && !c->rate;
}

/* The candidate the ranker likes best for field `which` (0 total, 1
 * subtotal, 2 tax), not above cap (when cap >= 0); -1 when none. The
 * arithmetic is a constraint, not a preference: where a total sums_up(),
 * the total is one of those. */
static int best_for(const struct cands *cs, int which, int64_t cap)
{
        int b = -1;
        bool sums = false;
        for (size_t i = 0; i < cs->n && which == 0; i++)
                sums |= sums_up(&cs->c[i]);
        for (size_t i = 0; i < cs->n; i++) {
                const struct cand *c = &cs->c[i];
                if (c->p[which] < 0 || (cap >= 0 && c->m.minor > cap && c->m.minor > 0))
                        continue;
                if (sums && !sums_up(c))
                        continue;
                if (b < 0 || c->p[which] > cs->c[b].p[which])
                        b = (int)i;
        }
        return b;
}

/* The subtotal and tax labelled beside total candidate bt that add up to
 * it, as *bs and *bx; false when none do. */
static bool reconcile(const struct cands *cs, int bt, int *bs, int *bx)
{
        const struct cand *c = cs->c;
        int best_s = -1, best_x = -1;
        double best = -1;
        for (size_t j = 0; j < cs->n; j++) {
                if (c[j].kind != LK_SUBTOTAL || c[j].m.minor == 0 || (int)j == bt)
                        continue;
                for (size_t k = 0; k < cs->n; k++) {
                        if (c[k].kind != LK_TAX || (int)k == bt)
                                continue;
                        if (!money_eq((bf_money){ c[j].m.minor + c[k].m.minor, "" }, c[bt].m, 1))
                                continue;
                        double s = fmax(c[j].p[1], 0) + fmax(c[k].p[2], 0);
                        if (s > best) {
                                best = s;
                                best_s = (int)j;
                                best_x = (int)k;
                        }
                }
        }
        if (best_s < 0)
                return false;
        *bs = best_s;
        *bx = best_x;
        return true;
}

/* The odds the ranker gives candidate i for field `which`. */
static double odds(const struct cand *c, int which)
{
        double p = fmin(c->p[which], 0.999999);
        return p / (1 - p);
}

/* Candidate b's chance to be the one right value among the rival values
 * of field `which`, when exactly one is right: its odds over the sum of
 * theirs (each value counted once, by its best candidate). Two strong
 * candidates of different amounts and nothing to tell them apart make a
 * doubtful choice, however strong each looks alone. */
static double ranked_share(const struct cands *cs, int which, int b)
{
        const struct cand *c = cs->c;
        double sum = 0;
        for (size_t i = 0; i < cs->n; i++) {
                if (c[i].p[which] < 0)
                        continue;
                bool best_of_value = true;
                for (size_t j = 0; j < cs->n && best_of_value; j++)
                        if (j != i && c[j].p[which] >= 0 && llabs(c[j].m.minor) == llabs(c[i].m.minor) &&
                            (c[j].p[which] > c[i].p[which] || (c[j].p[which] == c[i].p[which] && j < i)))
                                best_of_value = false;
                if (best_of_value)
                        sum += odds(&c[i], which);
        }
        return sum > 0 ? odds(&c[b], which) / sum : 0;
}

/* The confidence of candidate b as field `which`: the model's score of
 * it, no more than its share among the rivals, calibrated. */
static double ranked_conf(const struct extract_model *model, const struct cands *cs, int which, int b,
                          bool ocr)
{
        double raw = fmin(cs->c[b].p[which], ranked_share(cs, which, b));
        return rank_calibrate(model, rank_fields[which], raw, ocr);
}

/* --------------------------------------------------------------- passes */

/* What the passes of extract_amounts share: the candidates, the till's
 * figures, the page's context, and the candidates chosen (indexes into
 * cs.c, -1 for none). */
struct amount_run {
        const struct xdoc *x;
        const struct extract_model *model;
        const struct extract_options *opt;
        bf_invoice *inv;
        struct cands cs;
        struct till till;
        struct amount_ctx actx;
        int bt, bs, bx;                 /* total, subtotal, tax */
        bool reconciled;                /* bs + bx add up to bt */
        bool ocr;
        bool from_paid, paid_rounded;   /* the total put in by the till's arithmetic */
        bool from_parts;                /* ... or by its subtotal and tax added up */
        bool rounded;                   /* ... or by its rounding line */
};

/* The finders propose every figure that may be a total, subtotal or tax,
 * with the till's and the page's context. */
static void pass_propose(struct amount_run *r)
{
        propose_labelled(r->x, &r->cs);
        propose_rate_sum(r->x, &r->cs);
        read_till(r->x, &r->cs, &r->till);
        propose_summary(r->x, r->till.round_line, &r->cs);
        propose_printed_sum(r->x, &r->cs);
        propose_unlabelled(r->x, &r->cs);
        amount_ctx_init(r->x, r->inv, &r->actx);
}

/* The ranker scores each candidate for each field. */
static void pass_rank(struct amount_run *r)
{
        score_candidates(r->x, r->opt, r->model, &r->cs, &r->till, &r->actx);
}

/* The total the ranker likes best, as the label that names it prints it
 * where one does (its box and label for the reviewer), and the subtotal
 * and tax that add up to it. */
static void pass_choose(struct amount_run *r)
{
        struct cand *c = r->cs.c;
        r->bt = best_for(&r->cs, 0, -1);
        if (r->bt >= 0 && !c[r->bt].hit) {
                int lb = -1;
                for (size_t i = 0; i < r->cs.n; i++)
                        if (c[i].hit && c[i].p[0] >= 0 && c[i].m.minor == c[r->bt].m.minor &&
                            (lb < 0 || c[i].p[0] > c[lb].p[0]))
                                lb = (int)i;
                if (lb >= 0) {
                        c[lb].p[0] = fmax(c[lb].p[0], c[r->bt].p[0]);
                        r->bt = lb;
                }
        }
        r->reconciled = r->bt >= 0 && reconcile(&r->cs, r->bt, &r->bs, &r->bx);
}

/* What is left to pay after a prepayment, chosen as the total ("Endbetrag
 * 1.345,28 / Bereits gezahlt -500,00 / Zahlbetrag 845,28", the net above
 * misread so that nothing vouched for the gross): a total labelled above
 * it, and between them a line whose amount takes the one to the other,
 * is the invoice's total (the gross before anything prepaid). */
static void pass_prepaid(struct amount_run *r)
{
        const struct xdoc *x = r->x;
        struct cand *c = r->cs.c;
        if (r->bt < 0 || r->reconciled || c[r->bt].kind != LK_TOTAL || c[r->bt].m.minor <= 0)
                return;
        const struct cand *due = &c[r->bt];
        for (size_t k = 0; k < r->cs.n; k++) {
                const struct cand *g = &c[k];
                if (g->kind != LK_TOTAL || !g->hit || g->rate || g->page != due->page || g->line >= due->line ||
                    g->m.minor <= due->m.minor || g->m.minor > EXTRACT_MAX_MINOR)
                        continue;
                for (size_t i = 0; i < x->n_toks; i++) {
                        const struct xtok *t = &x->toks[i];
                        bf_money m;
                        /* a rate's share ("Total 6% supplies -18.80") is no payment */
                        if (t->line <= g->line || t->line >= due->line || !extract_has_digit(t->raw) ||
                            line_rate(x, t->line) >= 0 ||
                            extract_amount_at(x, i, &m) <= 0 || m.minor >= 0 ||
                            g->m.minor + m.minor != due->m.minor)
                                continue;
                        r->bt = (int)k;
                        r->reconciled = reconcile(&r->cs, r->bt, &r->bs, &r->bx);
                        return;
                }
        }
}

/* Rates of VAT, GST and sales tax in use (basis points): 2.5% to 27%,
 * standard and reduced, of the countries billflow reads. */
static const int tax_rates_bp[] = {
        250, 260, 300, 370, 380, 400, 500, 550, 600, 700, 770, 800, 810, 900, 950, 1000,
        1200, 1300, 1350, 1400, 1500, 1600, 1700, 1800, 1900, 2000, 2100, 2200, 2300, 2400,
        2500, 2550, 2700,
};

/* A scan whose total line OCR lost: the figure chosen is labelled a
 * subtotal ("SUB-TOTAL (EX) 26.00"), and a tax under it is that subtotal's
 * at a rate in use (tax_rates_bp: "TOTAL TAX 1.56", 6%) — what was due is
 * the two added up (the rounding line, if any, follows in pass_rounding),
 * a new candidate where the subtotal stays as read; held for review. A tax
 * included in the subtotal is no rate of it and adds nothing. */
static void pass_total_from_parts(struct amount_run *r)
{
        if (r->bt < 0 || !r->ocr || r->cs.c[r->bt].kind != LK_SUBTOTAL || r->cs.c[r->bt].m.minor <= 0)
                return;
        const struct cand s = r->cs.c[r->bt];
        for (size_t k = 0; k < r->cs.n; k++) {
                const struct cand *t = &r->cs.c[k];
                if (t->kind != LK_TAX || t->m.minor <= 0 || t->m.minor >= s.m.minor || t->page != s.page ||
                    t->line <= s.line || t->rate || t->others)
                        continue;
                for (size_t q = 0; q < sizeof(tax_rates_bp) / sizeof(tax_rates_bp[0]); q++) {
                        if (!at_rate_within(s.m.minor, tax_rates_bp[q], t->m.minor, 5000))
                                continue;
                        struct cand v = s;
                        v.m.minor = s.m.minor + t->m.minor;
                        v.kind = LK_TOTAL;
                        v.line = t->line;
                        cand_add(&r->cs, v);
                        r->bt = (int)(r->cs.n - 1);
                        r->from_parts = true;
                        return;
                }
        }
}

/* Tendered less change is what was due; when no total says so but that
 * figure is printed elsewhere too, the total was misread. */
static void pass_till(struct amount_run *r)
{
        const struct xdoc *x = r->x;
        struct cand *c = r->cs.c;
        const struct till *t = &r->till;
        int bt = r->bt;
        if (bt < 0 || !t->have_paid || t->paid <= 0 || c[bt].m.minor == t->paid || r->reconciled)
                return;
        for (size_t i = 0; i < x->n_toks && !r->from_paid; i++) {
                bf_money m = { 0 };
                const struct xtok *tok = &x->toks[i];
                if (tok->line == c[t->tender].line || tok->line == c[t->change].line)
                        continue;
                if (extract_amount_at(x, i, &m) > 0 && m.minor == t->paid)
                        r->from_paid = true;
        }
        /* no labelled total at all: tendered less change beats the
         * largest-amount guess */
        if (!c[bt].hit)
                r->from_paid = true;
        /* a total read as nothing to pay ("RNa ‘ 00") where cash was
         * handed over and change given: its figure was lost */
        if (c[bt].m.minor == 0)
                r->from_paid = true;
        if (r->from_paid)
                c[bt].m.minor = t->paid;
        /* one digit misread in a doubtful total: tendered less change, two
         * other readings, says what it was */
        if (!r->from_paid && c[bt].hit && one_digit_apart(c[bt].m.minor, t->paid) &&
            box_read_conf(x, c[bt].line, c[bt].box) < OCR_SURE) {
                c[bt].m.minor = t->paid;
                r->from_paid = true;
        }
        /* a rounding step between the total and what was paid */
        if (!r->from_paid && t->round_line != SIZE_MAX && llabs(c[bt].m.minor - t->paid) <= 5) {
                c[bt].m.minor = t->paid;
                r->paid_rounded = true;
        }
}

/* A total printed above a rounding line, before it was rounded: the
 * rounded figure when the payment confirms it or the rounding is small;
 * rounded to the cash step (5 cents), a doubtful total off the step by a
 * misread digit is the subtotal, tax and rounding added up. */
static void pass_rounding(struct amount_run *r)
{
        struct cand *c = r->cs.c;
        int bt = r->bt, bs = r->bs, bx = r->bx, rounding = r->till.rounding;
        if (bt < 0 || rounding < 0)
                return;
        if (c[rounding].m.minor != 0 && llabs(c[rounding].m.minor) < 10 && c[bt].page == c[rounding].page &&
            c[bt].line < c[rounding].line) {
                int64_t sum = c[bt].m.minor + c[rounding].m.minor;
                if (!r->till.have_paid || r->till.paid == sum) {
                        c[bt].m.minor = sum;
                        r->rounded = true;
                }
        }
        if (r->reconciled && bs >= 0 && bx >= 0 && c[rounding].line < c[bt].line &&
            c[rounding].line > c[bs].line && llabs(c[rounding].m.minor) < 5 && c[bt].m.minor % 5 != 0 &&
            box_read_conf(r->x, c[bt].line, c[bt].box) < OCR_SURE) {
                int64_t sum = c[bs].m.minor + c[bx].m.minor + c[rounding].m.minor;
                if (sum % 5 == 0 && llabs(sum - c[bt].m.minor) < 5) {
                        c[bt].m.minor = sum;
                        r->rounded = true;
                }
        }
}

/* A total OCR mangled ("322,174." for 322,74) that nothing adds up to,
 * where a subtotal and a tax the printed rate vouches for do: their
 * sum. */
static void pass_vouched_sum(struct amount_run *r)
{
        struct cand *c = r->cs.c;
        if (r->bt < 0 || r->reconciled || r->from_paid || r->from_parts || !t_doubtful(r->x, &c[r->bt]))
                return;
        for (size_t j = 0; j < r->cs.n && !r->reconciled; j++) {
                if (c[j].kind != LK_SUBTOTAL || c[j].m.minor <= 0)
                        continue;
                for (size_t k = 0; k < r->cs.n && !r->reconciled; k++) {
                        if (c[k].kind != LK_TAX || c[k].m.minor <= 0)
                                continue;
                        for (int q = 0; q < r->actx.n_rates && !r->reconciled; q++)
                                if (at_rate(r->x->currency, c[j].m.minor, r->actx.rates[q], c[k].m.minor)) {
                                        c[r->bt].m.minor = c[j].m.minor + c[k].m.minor;
                                        r->bs = (int)j;
                                        r->bx = (int)k;
                                        r->reconciled = true;
                                }
                }
        }
}

/* The total into the invoice, its confidence the ranker's, bounded where
 * the page gives a reason to doubt or to trust it. */
static void pass_put_total(struct amount_run *r)
{
        if (r->bt < 0)
                return;
        const struct cand *c = r->cs.c, *t = &c[r->bt];
        double conf = ranked_conf(r->model, &r->cs, 0, r->bt, r->ocr);
        /* three readings agree — a subtotal and a tax that add up to it,
         * and a rate printed on the page that gives the tax — where the
         * ranker has seen too few such pages to say */
        if (!r->from_paid && t->m.minor > 0 && t->f[RF_SUM_SUB_TAX] > 0 && t->f[RF_NET_RATE] > 0 && !t->rate)
                conf = fmax(conf, 0.92);
        /* another labelled total of a different amount that the ranker
         * rates too, and no arithmetic to tell them apart: a person should
         * look */
        bool confirmed = t->f[RF_SUM_SUB_TAX] > 0 || t->f[RF_PAID] > 0;
        for (size_t i = 0; i < r->cs.n && !confirmed; i++)
                if ((int)i != r->bt && c[i].kind == LK_TOTAL && c[i].qual >= 0 && !c[i].rate &&
                    c[i].m.minor != 0 && llabs(c[i].m.minor) != llabs(t->m.minor) && c[i].p[0] >= 0.5)
                        conf = fmin(conf, 0.7);
        /* no label names it and nothing adds up to it: a guess, whatever
         * the model makes of the page */
        if (t->src == SRC_UNLABELLED && !t->f[RF_SUM_SUB_TAX] && !t->f[RF_PAID] && !t->f[RF_LINES_SUM] &&
            !t->f[RF_NET_RATE])
                conf = fmin(conf, 0.5);
        /* a figure put in by the till's arithmetic, not read */
        if (r->from_paid || r->paid_rounded || r->from_parts)
                conf = fmin(conf, OCR_DOUBT_CAP);
        /* a till that rounds what is due prints a rounding line under the
         * total: a total above it that neither the rounding figure (0, or
         * added in by pass_rounding) nor the payment settled may be the
         * figure before rounding, not what was paid */
        const struct till *tl = &r->till;
        if (tl->round_line != SIZE_MAX && t->line < tl->round_line && !r->rounded && !r->from_paid &&
            !r->paid_rounded && !(tl->have_paid && tl->paid == t->m.minor) &&
            !(tl->rounding >= 0 && c[tl->rounding].m.minor == 0))
                conf = fmin(conf, OCR_DOUBT_CAP);
        /* nothing to pay is what a page without a total yields */
        if (t->m.minor == 0)
                conf = fmin(conf, 0.5);
        r->inv->total = t->m;
        char *lbl = hit_text(r->x, t->hit);
        extract_meta(r->inv, FIELD_TOTAL, conf, t->page, t->box, lbl);
        free(lbl);
        if (r->actx.credit && r->inv->total.minor > 0)
                r->inv->total.minor = -r->inv->total.minor;
}

/* "Moms (25%) . ae bl 7", "25% Moms Zell 3;": on a scan whose amounts
 * print their cents, a lone digit without them beside a garbled subtotal
 * or tax label is a speck of the line OCR could not read, not its amount
 * (unless it adds up with the others). */
static bool speck_figure(const struct amount_run *r, const struct cand *c)
{
        return r->ocr && c->hit && r->actx.n_amounts > 0 && c->m.minor >= 0 && c->m.minor < 1000 &&
               c->m.minor % 100 == 0 && money_exponent(c->m.currency) == 2 &&
               decimals_at(r->x, c->hit, &c->box) == 0;
}

/* Of the readings of one tax figure ("100722" as 1007.22 or, its point
 * read as a 7, 100.22), the one that is the total's share at a rate
 * printed on the page; bx when none is. */
static int share_reading(const struct amount_run *r, int bx)
{
        const struct cand *c = r->cs.c;
        int64_t total = c[r->bt].m.minor;
        for (int q = 0; q < r->actx.n_rates && total > 0; q++) {
                int64_t net;
                if (!net_of(total, r->actx.rates[q], &net))
                        continue;
                int64_t share = total - net;
                if (llabs(c[bx].m.minor - share) <= 1)
                        return bx;
                for (size_t i = 0; i < r->cs.n; i++)
                        if (c[i].kind == LK_TAX && c[i].hit == c[bx].hit && c[i].line == c[bx].line &&
                            c[i].box.x0 == c[bx].box.x0 && llabs(c[i].m.minor - share) <= 1)
                                return (int)i;
        }
        return bx;
}

/* Subtotal and tax: the ones that add up to the total, else the ranker's
 * best of those not above it. */
static void pass_put_subtotal_tax(struct amount_run *r)
{
        const struct cand *c = r->cs.c;
        if (!r->reconciled) {
                int64_t cap = r->bt >= 0 ? llabs(c[r->bt].m.minor) : -1;
                r->bs = best_for(&r->cs, 1, cap);
                r->bx = best_for(&r->cs, 2, cap);
                if (r->ocr && r->bx >= 0 && r->bt >= 0)
                        r->bx = share_reading(r, r->bx);
        }
        const int which[2] = { r->bs, r->bx };
        const enum bf_field field[2] = { FIELD_SUBTOTAL, FIELD_TAX };
        bf_money *into[2] = { &r->inv->subtotal, &r->inv->tax };
        for (int w = 0; w < 2; w++) {
                int b = which[w];
                if (b < 0 || (!r->reconciled && speck_figure(r, &c[b])))
                        continue;
                char *lbl = hit_text(r->x, c[b].hit);
                *into[w] = c[b].m;
                if (r->actx.credit && into[w]->minor > 0)
                        into[w]->minor = -into[w]->minor;
                extract_meta(r->inv, field[w], ranked_conf(r->model, &r->cs, w + 1, b, r->ocr), c[b].page,
                             c[b].box, lbl);
                free(lbl);
        }
}

/* A tax line whose amount OCR mangled ("125,066"): the difference between
 * total and subtotal is what it says. */
static void pass_tax_difference(struct amount_run *r)
{
        const struct xdoc *x = r->x;
        bf_invoice *inv = r->inv;
        const struct cand *c = r->cs.c;
        if (r->bs < 0 || r->bt < 0 || inv->meta[FIELD_TAX].present || !inv->meta[FIELD_TOTAL].present ||
            !inv->meta[FIELD_SUBTOTAL].present || inv->total.minor <= inv->subtotal.minor ||
            inv->subtotal.minor <= 0)
                return;
        for (size_t hi = 0; hi < x->n_hits; hi++) {
                if (x->hits[hi].kind != LK_TAX || x->hits[hi].line <= c[r->bs].line ||
                    x->hits[hi].line >= c[r->bt].line)
                        continue;
                inv->tax = inv->total;
                inv->tax.minor = inv->total.minor - inv->subtotal.minor;
                char *lbl = hit_text(x, &x->hits[hi]);
                extract_meta(inv, FIELD_TAX, 0.6, x->lines[x->hits[hi].line].page, x->hits[hi].box, lbl);
                free(lbl);
                break;
        }
}

/* Line items that sum to the total less its tax give the subtotal no
 * label did (the ranker weighed that agreement already). */
static void pass_subtotal_from_lines(struct amount_run *r)
{
        bf_invoice *inv = r->inv;
        if (inv->n_lines == 0 || !inv->meta[FIELD_TOTAL].present || inv->meta[FIELD_SUBTOTAL].present ||
            !r->actx.have_lines)
                return;
        int64_t sum = r->actx.lines_sum;
        int64_t tax = inv->meta[FIELD_TAX].present ? inv->tax.minor : 0, gross;
        if (sum != inv->total.minor && !__builtin_add_overflow(sum, tax, &gross) && gross == inv->total.minor) {
                const bf_field_meta *m = &inv->meta[FIELD_TOTAL];
                inv->subtotal = inv->total;
                inv->subtotal.minor = sum;
                extract_meta(inv, FIELD_SUBTOTAL, 0.7, m->page, m->box, NULL);
        }
}

/* No subtotal, or one that does not add up with the tax (OCR lost its
 * point or split it): the total less a tax that the printed rate vouches
 * for, or less no tax at all; and a tax OCR mangled is the total less the
 * lines when the rate vouches for that. */
static void pass_net_at_rate(struct amount_run *r)
{
        bf_invoice *inv = r->inv;
        if (!inv->meta[FIELD_TOTAL].present || inv->total.minor <= 0 ||
            (inv->meta[FIELD_SUBTOTAL].present && inv->meta[FIELD_TAX].present &&
             inv->subtotal.minor + inv->tax.minor == inv->total.minor))
                return;
        int64_t nets[3];
        bool have[3] = { inv->meta[FIELD_TAX].present && inv->tax.minor >= 0 && inv->tax.minor < inv->total.minor,
                         inv->n_lines > 0,
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
        const bf_field_meta *tm = &inv->meta[FIELD_TOTAL];
        for (int w = 0; w < 3; w++) {
                if (!have[w])
                        continue;
                int64_t tax = inv->total.minor - nets[w];
                bool vouched = false;
                for (int k = 0; k < r->actx.n_rates && !vouched; k++)
                        vouched = at_rate(inv->total.currency, nets[w], r->actx.rates[k], tax);
                if (!vouched && !(w == 0 && tax == 0))
                        continue;
                /* the printed subtotal, the total and a printed rate agree
                 * on a tax OCR misread ("135,19" for 135,79): three
                 * readings against one */
                if (w == 2) {
                        inv->tax = inv->total;
                        inv->tax.minor = tax;
                        extract_meta(inv, FIELD_TAX, 0.85, tm->page, tm->box, NULL);
                        break;
                }
                bool subtotal_right = w == 1 && inv->meta[FIELD_SUBTOTAL].present &&
                                      inv->subtotal.minor + tax == inv->total.minor;
                if (!subtotal_right) {
                        inv->subtotal = inv->total;
                        inv->subtotal.minor = nets[w];
                        extract_meta(inv, FIELD_SUBTOTAL, vouched ? 0.9 : 0.7, tm->page, tm->box, NULL);
                }
                /* the lines, the subtotal and a printed rate agree on a tax
                 * whose own line OCR garbled */
                if (w == 1 && vouched &&
                    (!subtotal_right || !inv->meta[FIELD_TAX].present || inv->tax.minor != tax)) {
                        inv->tax = inv->total;
                        inv->tax.minor = tax;
                        extract_meta(inv, FIELD_TAX, 0.9, tm->page, tm->box, NULL);
                }
                break;
        }
}

/* "IVA 10%  265157 €": a tax OCR lost the point of, no subtotal to say it:
 * the total's share at a printed rate, when the digits read on the tax
 * line are that share's. */
static void pass_tax_digits(struct amount_run *r)
{
        const struct xdoc *x = r->x;
        bf_invoice *inv = r->inv;
        if (!inv->meta[FIELD_TOTAL].present || inv->total.minor <= 0 || inv->meta[FIELD_TAX].present)
                return;
        for (int q = 0; q < r->actx.n_rates && !inv->meta[FIELD_TAX].present; q++) {
                int64_t net;
                if (!net_of(inv->total.minor, r->actx.rates[q], &net))
                        continue;
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
                                for (const char *p = x->toks[i].raw; *p && g + 1 < sizeof(got); p++)
                                        if (isdigit((unsigned char)*p))
                                                got[g++] = *p;
                                got[g] = 0;
                                if (strchr(x->toks[i].raw, '%') || strcmp(got, want) != 0)
                                        continue;
                                inv->tax = inv->total;
                                inv->tax.minor = tax;
                                extract_meta(inv, FIELD_TAX, 0.85, l->page, x->toks[i].box, NULL);
                                if (!inv->meta[FIELD_SUBTOTAL].present) {
                                        inv->subtotal = inv->total;
                                        inv->subtotal.minor = net;
                                        extract_meta(inv, FIELD_SUBTOTAL, 0.85, l->page, x->toks[i].box, NULL);
                                }
                                break;
                        }
                }
        }
}

/* A tax line OCR could not read at all ("ΦΠΑ 24%  2-01, 02 BUR"), no
 * subtotal, and one rate printed on the page: the total's share at that
 * rate is the tax (a guess: the page may charge another rate on some of
 * it, so held below the confidence that posts). */
static void pass_tax_at_rate(struct amount_run *r)
{
        const struct xdoc *x = r->x;
        bf_invoice *inv = r->inv;
        if (!r->ocr || r->actx.n_rates != 1 || !inv->meta[FIELD_TOTAL].present || inv->total.minor <= 0 ||
            inv->meta[FIELD_TAX].present || inv->meta[FIELD_SUBTOTAL].present)
                return;
        for (size_t hi = 0; hi < x->n_hits; hi++) {
                const struct xhit *h = &x->hits[hi];
                if (h->kind != LK_TAX)
                        continue;
                int64_t net;
                if (!net_of(inv->total.minor, r->actx.rates[0], &net))
                        return;
                const struct xline *l = &x->lines[h->line];
                inv->tax = inv->total;
                inv->tax.minor = inv->total.minor - net;
                extract_meta(inv, FIELD_TAX, 0.6, l->page, h->box, NULL);
                inv->subtotal = inv->total;
                inv->subtotal.minor = net;
                extract_meta(inv, FIELD_SUBTOTAL, 0.6, l->page, h->box, NULL);
                return;
        }
}

/* A total that is the subtotal to the cent charges no tax, whatever OCR
 * made of the tax line ("BTWO0%."). */
static void pass_no_tax(struct amount_run *r)
{
        bf_invoice *inv = r->inv;
        if (inv->meta[FIELD_TOTAL].present && inv->meta[FIELD_SUBTOTAL].present &&
            !inv->meta[FIELD_TAX].present && inv->total.minor == inv->subtotal.minor && inv->total.minor != 0) {
                inv->tax = inv->total;
                inv->tax.minor = 0;
                extract_meta(inv, FIELD_TAX, fmin(0.85, inv->meta[FIELD_TOTAL].confidence),
                             inv->meta[FIELD_SUBTOTAL].page, inv->meta[FIELD_SUBTOTAL].box, NULL);
        }
}

/* How many different rates the page's tax lines print ("IVA al 10%
 * 474,86", "IVA al 22% 1.474,20"): a rate on a line a tax label names. */
static int tax_line_rates(const struct xdoc *x, int *ret, int max)
{
        int n = 0;
        for (size_t hi = 0; hi < x->n_hits && n < max; hi++) {
                if (x->hits[hi].kind == LK_TAX)
                        n = add_rate(ret, n, line_rate(x, x->hits[hi].line));
        }
        return n;
}

/* A page that taxes at two or more rates prints each rate's row (net,
 * tax, gross: "10%  4.748,55  474,86  5.223,41"), and every row adds up
 * by itself: a subtotal, tax and total that agree, the tax at one of the
 * rates, may be one row, not the invoice's. Only the line items making
 * the subtotal tell them apart (extract_amounts_agree() lifts them then);
 * else the three are held below what posts, and so is the total's
 * three-readings floor (pass_put_total). */
static void pass_rate_row(struct amount_run *r)
{
        bf_invoice *inv = r->inv;
        bf_field_meta *m = inv->meta;
        int rates[8];
        if (!m[FIELD_TOTAL].present || !m[FIELD_SUBTOTAL].present || !m[FIELD_TAX].present ||
            inv->subtotal.minor <= 0 || inv->tax.minor <= 0 ||
            inv->subtotal.minor + inv->tax.minor != inv->total.minor)
                return;
        int n = tax_line_rates(r->x, rates, 8);
        bool one_rate = false;
        for (int k = 0; k < n && !one_rate; k++)
                one_rate = at_rate_within(inv->subtotal.minor, rates[k], inv->tax.minor, 5000);
        if (n < 2 || !one_rate)
                return;
        m[FIELD_TOTAL].confidence = fmin(m[FIELD_TOTAL].confidence, OCR_DOUBT_CAP);
        m[FIELD_SUBTOTAL].confidence = fmin(m[FIELD_SUBTOTAL].confidence, OCR_DOUBT_CAP);
        m[FIELD_TAX].confidence = fmin(m[FIELD_TAX].confidence, OCR_DOUBT_CAP);
}

/* "Totalbeløp  -31 030,86 kr" under a positive subtotal and tax,
 * "CHF-688.76", "CHF 9'191.91-": on a scan that is no credit note, a
 * speck or rule end beside a figure read as its minus. Where any of the
 * total, subtotal and tax, or the lines' sum, is positive, the negative
 * ones are too (a guess: held under 0.80). */
static void pass_speck_minus(struct amount_run *r)
{
        bf_invoice *inv = r->inv;
        bf_money *amounts[3] = { &inv->total, &inv->subtotal, &inv->tax };
        const enum bf_field fields[3] = { FIELD_TOTAL, FIELD_SUBTOTAL, FIELD_TAX };
        bool positive = r->actx.have_lines && r->actx.lines_sum > 0;

        if (!r->ocr || r->actx.credit)
                return;
        for (int k = 0; k < 3; k++)
                positive |= inv->meta[fields[k]].present && amounts[k]->minor > 0;
        for (int k = 0; k < 3 && positive; k++)
                if (inv->meta[fields[k]].present && amounts[k]->minor < 0) {
                        amounts[k]->minor = -amounts[k]->minor;
                        inv->meta[fields[k]].confidence = fmin(inv->meta[fields[k]].confidence,
                                                               OCR_DOUBT_CAP);
                }
}

/* The currency: printed with the total, else the page's own; every
 * amount read takes it. */
static void pass_currency(struct amount_run *r)
{
        bf_invoice *inv = r->inv;
        const struct cand *t = r->bt >= 0 ? &r->cs.c[r->bt] : NULL;
        const char *cur = r->x->currency;
        double cconf = 0.75;
        if (t && t->own_currency && t->m.currency[0]) {
                cur = t->m.currency;
                cconf = 0.95;
        }
        if (!cur[0])
                return;
        memcpy(inv->currency, cur, BF_CURRENCY_LEN);
        bf_box none = { 0, 0, 0, 0 };
        extract_meta(inv, FIELD_CURRENCY, cconf, t ? t->page : 0, t ? t->box : none, NULL);
        bf_money *amounts[3] = { &inv->total, &inv->subtotal, &inv->tax };
        const enum bf_field fields[3] = { FIELD_TOTAL, FIELD_SUBTOTAL, FIELD_TAX };
        for (int k = 0; k < 3; k++)
                if (inv->meta[fields[k]].present)
                        memcpy(amounts[k]->currency, cur, BF_CURRENCY_LEN);
        for (size_t i = 0; i < inv->n_lines; i++)
                if (inv->lines[i].has_amount)
                        memcpy(inv->lines[i].amount.currency, cur, BF_CURRENCY_LEN);
}

/* The confidence three readings that agree earn: the line items (as read,
 * or mended from their quantity and unit price), the tax and the total,
 * the lines and the tax adding up to the total to the cent. */
#define AGREE_CONF 0.9

/* The sum of inv's line items into *ret: false when there are none, or
 * one has no amount or one of 0 or less, or the sum overflows. */
static bool lines_sum(const bf_invoice *inv, int64_t *ret)
{
        int64_t sum = 0;
        for (size_t i = 0; i < inv->n_lines; i++) {
                const bf_invoice_line *ln = &inv->lines[i];
                if (!ln->has_amount || ln->amount.minor <= 0 ||
                    __builtin_add_overflow(sum, ln->amount.minor, &sum))
                        return false;
        }
        *ret = sum;
        return inv->n_lines > 0;
}

/* The line items and the tax make the total to the cent (and the subtotal,
 * where there is one, is the lines' sum). */
static bool lines_make_total(const bf_invoice *inv)
{
        const bf_field_meta *m = inv->meta;
        int64_t sum;
        if (!m[FIELD_TOTAL].present || !m[FIELD_TAX].present || inv->total.minor <= 0 || inv->n_lines == 0 ||
            inv->tax.minor < 0 || inv->tax.minor >= inv->total.minor || !lines_sum(inv, &sum))
                return false;
        /* with no tax the lines alone must match the total: two of them at least */
        if (sum != inv->total.minor - inv->tax.minor || (inv->tax.minor == 0 && inv->n_lines < 2))
                return false;
        return !m[FIELD_SUBTOTAL].present || inv->subtotal.minor == sum;
}

void extract_amounts_agree(bf_invoice *inv)
{
        bf_field_meta *t = &inv->meta[FIELD_TOTAL], *s = &inv->meta[FIELD_SUBTOTAL],
                      *tx = &inv->meta[FIELD_TAX];
        if (!lines_make_total(inv))
                return;
        t->confidence = fmax(t->confidence, AGREE_CONF);
        tx->confidence = fmax(tx->confidence, AGREE_CONF);
        if (s->present)
                s->confidence = fmax(s->confidence, AGREE_CONF);
}

void extract_amounts_bound(bf_invoice *inv)
{
        bf_field_meta *t = &inv->meta[FIELD_TOTAL], *s = &inv->meta[FIELD_SUBTOTAL],
                      *tx = &inv->meta[FIELD_TAX];
        if (!extract_amounts_vouch(inv) || extract_amounts_checked(inv))
                return;
        s->confidence = fmin(s->confidence, t->confidence);
        tx->confidence = fmin(tx->confidence, t->confidence);
}

bool extract_amounts_vouch(const bf_invoice *inv)
{
        const bf_field_meta *m = inv->meta;
        int64_t sum;
        if (m[FIELD_TOTAL].present && m[FIELD_SUBTOTAL].present && m[FIELD_TAX].present &&
            inv->total.minor != 0 && !__builtin_add_overflow(inv->subtotal.minor, inv->tax.minor, &sum) &&
            sum == inv->total.minor)
                return true;
        return lines_make_total(inv);
}

bool extract_amounts_checked(const bf_invoice *inv)
{
        const bf_field_meta *m = inv->meta;
        int64_t total, sum;
        if (!m[FIELD_TOTAL].present || !m[FIELD_SUBTOTAL].present || !m[FIELD_TAX].present ||
            inv->subtotal.minor <= 0 || inv->tax.minor <= 0 ||
            __builtin_add_overflow(inv->subtotal.minor, inv->tax.minor, &total) || total != inv->total.minor ||
            !lines_sum(inv, &sum) || sum != inv->subtotal.minor)
                return false;
        /* the tax is the subtotal's at one rate, to half a cent */
        for (size_t k = 0; k < sizeof(tax_rates_bp) / sizeof(tax_rates_bp[0]); k++)
                if (at_rate(inv->total.currency, inv->subtotal.minor, tax_rates_bp[k], inv->tax.minor))
                        return true;
        return false;
}

/* --------------------------------------------------------------- driver */

/* The passes, in order: propose and rank, choose, the page's arithmetic
 * mending what OCR misread, then the fields put in. */
static const struct {
        const char *name;
        void (*run)(struct amount_run *r);
} amount_passes[] = {
        { "propose", pass_propose },
        { "rank", pass_rank },
        { "choose", pass_choose },
        { "prepaid", pass_prepaid },
        { "total from parts", pass_total_from_parts },
        { "till", pass_till },
        { "rounding", pass_rounding },
        { "vouched sum", pass_vouched_sum },
        { "put total", pass_put_total },
        { "put subtotal and tax", pass_put_subtotal_tax },
        { "tax as difference", pass_tax_difference },
        { "subtotal from lines", pass_subtotal_from_lines },
        { "net at a rate", pass_net_at_rate },
        { "tax from its digits", pass_tax_digits },
        { "tax at the page's rate", pass_tax_at_rate },
        { "no tax", pass_no_tax },
        { "one rate's row", pass_rate_row },
        { "speck read as a minus", pass_speck_minus },
        { "currency", pass_currency },
};

void extract_amounts(struct xdoc *x, const struct extract_options *opt, bf_invoice *inv)
{
        struct amount_run r = {
                .x = x, .opt = opt, .inv = inv, .bt = -1, .bs = -1, .bx = -1,
                .model = opt->model ? opt->model : extract_model_builtin(),
                .ocr = x->doc->source != SOURCE_TEXT,
        };
        for (size_t i = 0; i < sizeof(amount_passes) / sizeof(amount_passes[0]); i++)
                amount_passes[i].run(&r);
        x->till = r.till.have_paid || r.till.tender >= 0 || r.till.change >= 0 || r.till.rounding >= 0;
        free(r.actx.amounts);
        free(r.cs.c);
}
