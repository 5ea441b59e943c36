/* slips.c: the catalogue of OCR's slips and their repairs — one table of
 * the letters read for digits, the speck sets read around tokens, and the
 * ordered repairs of a money token and of a date's text. Pure: text in,
 * text or a value out. */
#include "extract/slips.h"
#include "extract/extract-int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------ letters for digits */

#define A SLIP_AMOUNT
#define F SLIP_FIGURE
#define D SLIP_DATE
#define I SLIP_ID
#define K SLIP_KEY

/* Every letter (or sign) OCR reads for a digit, and the kinds of token it
 * is repaired in. None is a guess on its own: a repair applies only where
 * the rest of the token has the kind's shape (an amount's two decimals, a
 * date's separators, an identifier's digit run), and the finders weigh the
 * word's own OCR confidence. Where a kind is missing it is for a reason
 * given on the row. */
static const struct slip_letter_row {
        char from, digit;
        unsigned kinds;
} slip_letters[] = {
        /* round letters for a zero: "1O.5O", "Q5/06/2026", "INV-2O93" */
        { 'O', '0', A | F | D | I | K },
        { 'o', '0', A | F | D | I | K },
        { 'D', '0', A | F | D | K },            /* "4.D0": a D's bowl; not in "INV-2D93" */
        { 'd', '0', K },
        { 'Q', '0', A | F | D | K },            /* "Q5/06/2026": a Q's tail a speck */
        { 'q', '0', K },
        { '@', '0', A },                        /* "4.456,4@"; in a line "2@3.50" is a price */
        /* straight strokes for a one: "l2.00", "l2.03.2026" */
        { 'l', '1', A | F | D | K },
        { 'L', '1', K },
        { 'I', '1', A | F | D | K },
        { 'i', '1', A | F | K },
        { '|', '1', A | F | D | K },
        { 'Z', '2', A | F | K },                /* "1Z.00" */
        { 'z', '2', A | F | K },
        { 'S', '5', A | F | K },                /* "S.90" */
        { 's', '5', A | F | K },
        { '$', '5', K },                        /* "DE1$3...": only inside an id; "$5.90" is money */
        { 'G', '6', K },                        /* "G" for 6 inside a tax id or IBAN */
        { 'g', '6', K },
        { 'B', '8', A | F | K },                /* "1B.50" */
        { 'b', '8', K },
};

#undef A
#undef F
#undef D
#undef I
#undef K

char slip_digit(char c, unsigned kinds)
{
        for (size_t i = 0; i < sizeof(slip_letters) / sizeof(slip_letters[0]); i++)
                if (slip_letters[i].from == c && (slip_letters[i].kinds & kinds))
                        return slip_letters[i].digit;
        return 0;
}

/* The letters a digit is read for among letters ("P0" for "PO", "S1-" for
 * "SI-"): the capital of the row above, one per digit. */
static const char slip_letters_back[10] = { 'O', 'I', 'Z', 0, 0, 'S', 'G', 0, 'B', 0 };

char slip_letter(char d)
{
        return d >= '0' && d <= '9' ? slip_letters_back[d - '0'] : 0;
}

/* ------------------------------------------------------ letters for letters */

/* The letters OCR reads for a marked letter that folding cannot undo:
 * the marked letter's plain form as the label tables write it, and what
 * OCR gives for it (code points: Greek letters are two bytes). */
static const struct { uint32_t read, meant; } slip_marked[] = {
        { 't', 'l' },   /* Polish ł: "ptatnosci" (płatności), "zaptaty" (zapłaty) */
        { 'f', 't' },   /* Romanian ț: "scadenfei" (scadenței), "Stimafi" (Stimați) */
        /* Greek α read as ο by the Greek model in typewriter faces:
         * "Κοθαρή αξία" (καθαρή), "πορογγελίος" (παραγγελίας), "Τρόπεζα" */
        { 0x3bf, 0x3b1 },
        /* Hungarian ő read as a 6: "Fizetend6" (fizetendő) */
        { '6', 'o' },
};

/* The code point of the UTF-8 letter at *p, *p moved past it; 0 at the
 * end or on a broken sequence. */
static uint32_t next_cp(const char **p)
{
        size_t len;
        long c = **p ? text_utf8_decode(*p, &len) : 0;
        if (c <= 0)
                return 0;
        *p += len;
        return (uint32_t)c;
}

bool slips_word(const char *read, const char *word)
{
        const char *r = read, *w = word;
        size_t n = 0, slips = 0;
        for (;;) {
                uint32_t a = next_cp(&r), b = next_cp(&w);
                if (!a || !b) {
                        if (a || b || *r || *w)
                                return false;
                        break;
                }
                n++;
                if (a == b)
                        continue;
                bool ok = false;
                for (size_t k = 0; k < sizeof(slip_marked) / sizeof(slip_marked[0]) && !ok; k++)
                        ok = a == slip_marked[k].read && b == slip_marked[k].meant;
                if (!ok)
                        return false;
                slips++;
        }
        return n >= 5 && slips > 0;
}

/* Digits OCR reads for the letters of a short word, and the letter:
 * Irish "lá" (days) read "14" or "1a" (its l a one, its á a four). */
static const struct { char digit, letter; } slip_word_digits[] = {
        { '1', 'l' }, { '4', 'a' }, { '0', 'o' },
};

bool slips_digits_word(const char *read, const char *word)
{
        size_t n = strlen(word), digits = 0;
        if (n < 2 || n > 4 || strlen(read) != n)
                return false;
        for (size_t i = 0; i < n; i++) {
                if (read[i] == word[i])
                        continue;
                bool ok = false;
                for (size_t k = 0; k < sizeof(slip_word_digits) / sizeof(slip_word_digits[0]) && !ok; k++)
                        ok = read[i] == slip_word_digits[k].digit && word[i] == slip_word_digits[k].letter;
                if (!ok)
                        return false;
                digits++;
        }
        return digits > 0;
}

/* The rates of VAT that Europe's countries charge in whole percent (the
 * standard and reduced ones): a '%' read as one digit leaves too short a
 * word to tell a rate by its shape, so the rate must be one of these. */
static const int vat_rates[] = { 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 22,
                                 23, 24, 25, 27 };

int slips_rate(const char *raw)
{
        size_t n = strlen(raw);
        /* "(245)": a rate printed in brackets ("ΦΠΑ (24%)") */
        if (n >= 4 && raw[0] == '(' && raw[n - 1] == ')') {
                raw++;
                n -= 2;
        }
        if (n < 2 || n > 4 || strspn(raw, "0123456789") != n || raw[0] == '0')
                return -1;
        int v = 0;
        for (size_t i = 0; i < n; i++)
                v = v * 10 + (raw[i] - '0');
        /* "2090", "996": the '%' read as "90" or "96" */
        if (n >= 3 && raw[n - 2] == '9' && (raw[n - 1] == '0' || raw[n - 1] == '6'))
                return v / 100 >= 1 && v / 100 <= 30 ? v / 100 * 100 : -1;
        /* "245", "95", "188": the '%' read as one digit, a 5 (the Greek and
         * Bulgarian models: "ΦΠΑ 245", "ДДС 95") or an 8 ("ÁFA 188") */
        if (n <= 3 && (raw[n - 1] == '5' || raw[n - 1] == '8'))
                for (size_t i = 0; i < sizeof(vat_rates) / sizeof(vat_rates[0]); i++)
                        if (vat_rates[i] == v / 10)
                                return v / 10 * 100;
        return -1;
}

bool slips_numero(const char *raw)
{
        /* Tesseract's Bulgarian and Cyrillic models read the № of
         * "Фактура №" as two letters: N or М with the small o */
        static const char *const reads[] = {
                "Ne", "N\xd0\xb5",                              /* Ne, N + Cyrillic е */
                "\xd0\x9c\xd0\xbe", "\xd0\x9c\xd0\xb5",   /* Мо Ме */
                "\xd0\x9c" "2", "\xd0\xa5\xd0\xbe",           /* М2 Хо */
                "\xd0\x9d\xd0\xbe", "\xd0\x9d\xd0\xb5",   /* Но Не */
                "\xd0\x9c\xd0\x9e", "\xd0\x9b\xd0\xbe",   /* МО Ло */
                "\xd0\x9b\xd0\xb5", "\xd0\x9c\xd0\xbc",   /* Ле Мм */
                /* Greek "Αρ." (αριθμός) read in Latin letters */
                "Ap",
                /* the º of Spanish and Portuguese "n.º", or the ° of
                 * "N°", read as a 2: "Factura n2 028373", "N2 de factura" */
                "n.2", "N.2", "n2", "N2",
                /* ... and the word "Номер" read in Latin letters */
                "Homep", "HOMEP",
                NULL,
        };
        size_t n = strlen(raw);
        while (n > 0 && (raw[n - 1] == ':' || raw[n - 1] == '.'))
                n--;
        for (size_t i = 0; reads[i]; i++)
                if (strlen(reads[i]) == n && strncmp(raw, reads[i], n) == 0)
                        return true;
        return false;
}

/* ------------------------------------------------------------------ specks */

/* ".47.90:", "'3.50", "£144,00.", "*12.00", "|8.50", "~4.20", "`5.00",
 * "!12.00", "<3.50>": dust and rule ends read as punctuation at a money
 * token's ends. Not a hyphen (a minus) nor a bracket (a credit). */
const char slip_specks_amount[] = ".,:;*'\"|_~`!<>";
/* "_36,00", "=4.50", "#2", ".25" kept: before a line's figure; a point
 * before a digit is a decimal point and stays (clean_figure in lines.c). */
const char slip_specks_figure_lead[] = "_\"'|:;.,~=*#`";
/* "0.25.", "2,", "1,00)", "3.00!": after a line's figure (a closing
 * bracket stays where one opened it: a credit). */
const char slip_specks_figure_trail[] = ".,:;_\"'|~=*`)]!";
/* "12.03.2026,", "(3/1/26)", "5.1.2026|": after a date. */
const char slip_specks_date_trail[] = ",;:)]|\"'";
/* "#INV-2093", ":PO-4471", "(RE-12)", "_A-5", "{2026/7", "*4471", "|4471":
 * before an identifier. */
const char slip_specks_id_lead[] = ":#.,;([{\"'*_|";
/* "INV-2093,", "PO-4471.", "RE-12)", "A-5*", "4471|": after one. */
const char slip_specks_id_trail[] = ":.,;)]}\"'*|";
/* "(Total", "*Date", "|Invoice", "_Subtotal", "~Tax": before a label's
 * word (a hyphen too where a letter follows: "-Total"; see trim_norm). */
const char slip_specks_word_lead[] = "([{\"'*|_~: ";
/* "Total:", "Date.", "Tax)", "Invoice*", "Total|", "Total!", "Total?",
 * "Total_", "Total~": after a label's word (the colon noted). */
const char slip_specks_word_trail[] = ":.,;)]}\"'*|!?_~ ";
/* "_.Acme", "'Acme", "`Acme", "~Acme", "-Acme", " Acme": before a vendor name's
 * word (curly quotes too, in vendor.c). */
const char slip_specks_name_lead[] = "_.,-'\"`~ ";

/* --------------------------------------------------------- money tokens */

bool slip_colon_point(const char *raw, const char *end, const char *p)
{
        if (end - p != 3 || !isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]) ||
            p == raw || !isdigit((unsigned char)p[-1]))
                return false;
        for (const char *q = raw; q < p; q++)
                if (*q == ',' || *q == '.' || (unsigned char)*q >= 0x80 || *q == '$')
                        return true;
        /* "11352:40": three digits or more before it are no clock's hours */
        const char *d = p;
        while (d > raw && isdigit((unsigned char)d[-1]))
                d--;
        return p - d >= 3;
}

size_t slip_group_speck(const char *p)
{
        size_t sk = strspn(p, ":!|`'");
        if (sk < 1 || sk > 2 || strspn(p + sk, "0123456789") != 3 ||
            !(p[sk + 3] == '.' || p[sk + 3] == ',') || strspn(p + sk + 4, "0123456789") != 2 ||
            p[sk + 6] != 0)
                return 0;
        return sk;
}

/* A repair of a money token: the token (specks off, at most 63 bytes) in
 * s, which it may change; true with *ret when what it makes parses. */
typedef bool amount_repair_fn(char *s, const char *currency, bf_money *ret);

static bool parses(const char *s, const char *currency, bf_money *ret)
{
        return extract_money_parse(s, currency, ret, NULL) == 0;
}

/* The token as it stands, once its specks are off. */
static bool as_read(char *s, const char *currency, bf_money *ret)
{
        return parses(s, currency, ret);
}

/* "227-309,95": a dash read for the group separator, before three digits
 * and the decimals. */
static bool dash_for_group(char *s, const char *currency, bf_money *ret)
{
        for (char *d = strchr(s, '-'); d; d = strchr(d + 1, '-')) {
                if (d == s || !isdigit((unsigned char)d[-1]) || strspn(d + 1, "0123456789") != 3 ||
                    !(d[4] == ',' || d[4] == '.'))
                        continue;
                char save = *d;
                *d = d[4] == ',' ? '.' : ',';
                if (parses(s, currency, ret))
                        return true;
                *d = save;
        }
        return false;
}

/* "£26,372-52": a dash read for the decimal point, after a group
 * separator of the other kind. */
static bool dash_for_point(char *s, const char *currency, bf_money *ret)
{
        char *dash = strrchr(s, '-');
        if (!dash || dash == s || !isdigit((unsigned char)dash[-1]) ||
            strspn(dash + 1, "0123456789") != 2 || dash[3] != 0)
                return false;
        bool comma = memchr(s, ',', (size_t)(dash - s)) != NULL;
        bool point = memchr(s, '.', (size_t)(dash - s)) != NULL;
        if (comma == point)
                return false;
        *dash = comma ? '.' : ',';
        return parses(s, currency, ret);
}

/* "16:!242.62": an apostrophe group separator read as one or two specks,
 * before three digits and the decimals. */
static bool specks_for_group(char *s, const char *currency, bf_money *ret)
{
        char *g = s;
        while (*g && isdigit((unsigned char)*g))
                g++;
        size_t sk = slip_group_speck(g);
        if (g == s || g - s > 3 || sk == 0)
                return false;
        char tmp[64];
        snprintf(tmp, sizeof(tmp), "%.*s'%s", (int)(g - s), s, g + sk);
        return parses(tmp, currency, ret);
}

/* "1,723,27": the group separator and the decimal one read alike; groups
 * of three, then two decimals. */
static bool alike_separators(char *s, const char *currency, bf_money *ret)
{
        char *last = strrchr(s, ','), *sep2 = last;
        if (!last)
                last = sep2 = strrchr(s, '.');
        if (!last || strspn(last + 1, "0123456789") != 2 || last[3] != 0)
                return false;
        bool groups = false, ok = true;
        char *p = last;
        while (ok && p > s) {
                char *q = p - 1;
                while (q > s && isdigit((unsigned char)q[-1]))
                        q--;
                size_t d = (size_t)(p - q);
                if (q > s && q[-1] == *last) {
                        ok = d == 3;
                        groups = true;
                        p = q - 1;
                } else {
                        ok = d >= 1 && d <= 3 && (q == s || !isdigit((unsigned char)q[-1]));
                        break;
                }
        }
        if (!ok || !groups)
                return false;
        *sep2 = *sep2 == ',' ? '.' : ',';
        return parses(s, currency, ret);
}

/* "55.334;57", "£3,162:53": a colon or semicolon read for the point — the
 * separator the groups do not use. */
static bool colon_for_point(char *s, const char *currency, bf_money *ret)
{
        for (const char *cs = ":;"; *cs; cs++) {
                char *colon = strrchr(s, *cs);
                if (!colon || !slip_colon_point(s, s + strlen(s), colon))
                        continue;
                *colon = memchr(s, '.', (size_t)(colon - s)) ? ',' : '.';
                if (parses(s, currency, ret))
                        return true;
                *colon = *cs;
        }
        return false;
}

/* "24.775.,39", "1,250,.00": a speck read as a point beside the decimal
 * one, before the two decimals; the last of the two is the point. */
static bool doubled_point(char *s, const char *currency, bf_money *ret)
{
        size_t n = strlen(s);
        if (n < 5 || !isdigit((unsigned char)s[n - 1]) || !isdigit((unsigned char)s[n - 2]) ||
            !strchr(".,", s[n - 3]) || !strchr(".,", s[n - 4]) || !isdigit((unsigned char)s[n - 5]))
                return false;
        memmove(s + n - 4, s + n - 3, 4);
        return parses(s, currency, ret);
}

/* "1O.5O", "l2.00", "S.90", "4.456,4@": letters read for digits (the
 * SLIP_AMOUNT rows), one or two of them, only in a token that is
 * otherwise digits and separators and ends in a separator and two
 * digits. */
static bool letters_for_digits(char *s, const char *currency, bf_money *ret)
{
        int fixes = 0, digits = 0;
        size_t len = strlen(s);
        for (size_t k = 0; k < len; k++) {
                char c = s[k];
                if (c >= '0' && c <= '9') {
                        digits++;
                        continue;
                }
                if (c == '.' || c == ',')
                        continue;
                char d = slip_digit(c, SLIP_AMOUNT);
                if (!d)
                        return false;
                s[k] = d;
                fixes++;
        }
        if (fixes == 0 || fixes > 2 || digits < 2 || len < 4)
                return false;
        if (!(s[len - 3] == '.' || s[len - 3] == ',') || s[len - 2] < '0' || s[len - 1] < '0')
                return false;
        return parses(s, currency, ret);
}

size_t slips_symbol_len(const char *raw, const char *currency)
{
        const char *sym = currency_letter_symbol(currency);
        if (!sym)
                return 0;
        size_t n = strlen(sym);
        int diff = 0;
        for (size_t k = 0; k < n; k++) {
                if (!isalpha((unsigned char)raw[k]))
                        return 0;
                diff += toupper((unsigned char)raw[k]) != toupper((unsigned char)sym[k]);
        }
        if (diff > 1 || !(isdigit((unsigned char)raw[n]) || slip_digit(raw[n], SLIP_AMOUNT)))
                return 0;
        return n;
}

/* "RN24.00", "fM1.00", "RMO.94": the currency's symbol of letters stuck to
 * the amount, one of its letters misread (or a digit after it read as a
 * letter); the amount after it, with cents, as read or with letters read
 * for digits. */
static bool symbol_slip(char *s, const char *currency, bf_money *ret)
{
        size_t n = slips_symbol_len(s, currency);
        if (n == 0)
                return false;
        char *a = s + n;
        size_t len = strlen(a);
        if (len < 4 || !(a[len - 3] == '.' || a[len - 3] == ',') || !isdigit((unsigned char)a[len - 2]) ||
            !isdigit((unsigned char)a[len - 1]))
                return false;
        memmove(s, a, len + 1);
        return parses(s, currency, ret) || letters_for_digits(s, currency, ret);
}

/* The repairs of a money token, tried in order on its text with the specks
 * off, each on a fresh copy; the first that gives a clean amount wins.
 * None is a guess by itself: each asks for an amount's whole shape, and
 * the ranker weighs the word's OCR confidence and the page's arithmetic
 * (a figure nothing vouches for stays below 0.80 there). */
static const struct {
        const char *name;
        amount_repair_fn *fix;
} amount_repairs[] = {
        { "as read", as_read },
        { "dash for group", dash_for_group },
        { "dash for point", dash_for_point },
        { "specks for group", specks_for_group },
        { "alike separators", alike_separators },
        { "colon for point", colon_for_point },
        { "doubled point", doubled_point },
        { "letters for digits", letters_for_digits },
        { "symbol slip", symbol_slip },
};

/* The specks off a money token's ends into buf (64 bytes): ASCII specks
 * (slip_specks_amount), a closing bracket that opened nowhere, a degree
 * sign; before it curly quotes, an em dash, §, ©, ®, °, «, » and a hyphen after
 * one of those. "RM_34.80": an underscore inside is a space. False when
 * nothing is left. */
static bool amount_specks_off(const char *raw, char buf[64])
{
        char tmp[64];
        size_t n = strlen(raw);
        if (n == 0 || n >= 64)
                return false;
        size_t w = 0;
        for (size_t k = 0; k < n; k++)
                if (raw[k] != '_' || k == 0 || k + 1 == n)
                        tmp[w++] = raw[k];
        tmp[w] = 0;
        n = w;
        size_t a = 0;
        bool paren = strchr(tmp, '(') != NULL;
        for (;;) {
                if (n > 0 && (strchr(slip_specks_amount, tmp[n - 1]) || (tmp[n - 1] == ')' && !paren)))
                        tmp[--n] = 0;
                else if (n > 2 && (unsigned char)tmp[n - 2] == 0xc2 && (unsigned char)tmp[n - 1] == 0xb0)
                        tmp[n -= 2] = 0;        /* "£1,068.00°": a degree sign speck */
                else if (n > 2 && (unsigned char)tmp[n - 2] == 0xce && (unsigned char)tmp[n - 1] == 0xb5 &&
                         isdigit((unsigned char)tmp[n - 3]))
                        tmp[n -= 2] = 0;        /* "1.117,44ε": a Greek model's € */
                else
                        break;
        }
        for (;;) {
                if (a < n && strchr(slip_specks_amount, tmp[a]))
                        a++;
                else if (a + 2 < n && (unsigned char)tmp[a] == 0xe2 && (unsigned char)tmp[a + 1] == 0x80 &&
                         (unsigned char)tmp[a + 2] >= 0x98 && (unsigned char)tmp[a + 2] <= 0x9e)
                        a += 3;         /* a curly quote */
                else if (a + 3 < n && (unsigned char)tmp[a] == 0xe2 && (unsigned char)tmp[a + 1] == 0x80 &&
                         (unsigned char)tmp[a + 2] == 0x94)
                        a += 3;         /* "—_26.833,33": an em dash speck (a minus is a hyphen) */
                else if (a + 2 < n && (unsigned char)tmp[a] == 0xc2 &&
                         ((unsigned char)tmp[a + 1] == 0xa7 || (unsigned char)tmp[a + 1] == 0xa9 ||
                          (unsigned char)tmp[a + 1] == 0xae || (unsigned char)tmp[a + 1] == 0xb0 ||
                          (unsigned char)tmp[a + 1] == 0xab || (unsigned char)tmp[a + 1] == 0xbb))
                        a += 2;         /* "§£52,445.05", "«$1.00": a §, ©, ®, °, « or » speck */
                else if (a > 0 && a + 1 < n && tmp[a] == '-' && !isdigit((unsigned char)tmp[a - 1]))
                        a++;            /* "—-2.146,72": a hyphen after a speck is one too */
                else
                        break;
        }
        if (a >= n)
                return false;
        memcpy(buf, tmp + a, n - a + 1);
        return true;
}

bool slips_amount(const char *raw, const char *currency, bf_money *ret)
{
        char clean[64], s[64];
        if (!amount_specks_off(raw, clean))
                return false;
        for (size_t i = 0; i < sizeof(amount_repairs) / sizeof(amount_repairs[0]); i++) {
                memcpy(s, clean, sizeof(s));
                if (amount_repairs[i].fix(s, currency, ret))
                        return true;
        }
        return false;
}

bool slips_dollar_five(const char *raw, const char *currency, bf_money *ret)
{
        char s[64];
        bf_money as_read;
        if (!currency || !currency_is_known(currency) || !amount_specks_off(raw, s) || s[0] != '$' ||
            !isdigit((unsigned char)s[1]) || strspn(s + 1, "0123456789.,") != strlen(s + 1))
                return false;
        /* "$" is the page's own symbol where its currency is a dollar */
        if (!parses(s, currency, &as_read) || strcmp(as_read.currency, currency) == 0)
                return false;
        s[0] = '5';
        return parses(s, currency, ret);
}

/* ------------------------------------------------------- line item figures */

bool slips_figure(const char *raw, char *buf, size_t size)
{
        size_t n = strlen(raw), a = 0;
        bool paren = strchr(raw, '(') != NULL;
        while (n > 0 && (strchr(slip_specks_figure_trail, raw[n - 1]) || (unsigned char)raw[n - 1] >= 0x80) &&
               !(raw[n - 1] == ')' && paren))
                n--;
        while (a < n && (strchr(slip_specks_figure_lead, raw[a]) || (unsigned char)raw[a] >= 0x80) &&
               !(raw[a] == '.' && a + 1 < n && isdigit((unsigned char)raw[a + 1]) &&
                 (a == 0 || raw[a - 1] != '.')))
                a++;
        if (a >= n || n - a >= size)
                return false;
        memcpy(buf, raw + a, n - a);
        buf[n - a] = 0;
        /* the last separator of "104:79", "12.990;51": a point or comma,
         * whichever the figure does not use for its groups */
        char *c = strpbrk(buf, ":;");
        if (c && c > buf && isdigit((unsigned char)c[-1]) && strlen(c + 1) == 2 &&
            isdigit((unsigned char)c[1]) && isdigit((unsigned char)c[2]) && !strpbrk(c + 1, ":;"))
                *c = memchr(buf, '.', (size_t)(c - buf)) ? ',' : '.';
        /* ... or a slash, a comma's tail run into a speck above it
         * ("120/00:", "1.608/34"): only where no fraction or date can be,
         * after three digits or a group ("1/2", "12/03" stay) */
        c = strrchr(buf, '/');
        if (c && strchr(buf, '/') == c && slip_colon_point(buf, buf + strlen(buf), c))
                *c = memchr(buf, '.', (size_t)(c - buf)) ? ',' : '.';
        /* letters read for digits inside a figure ("O17", "1O4,79", "S.90"):
         * only in a token that is otherwise digits and separators */
        int letters = 0, digits = 0;
        for (const char *p = buf; *p; p++) {
                if (isdigit((unsigned char)*p))
                        digits++;
                else if (slip_digit(*p, SLIP_FIGURE))
                        letters++;
                else if (!strchr(".,'-", *p))
                        return digits > 0;
        }
        if (letters > 0 && letters <= 2 && digits >= 1 && digits >= letters)
                for (char *p = buf; *p; p++)
                        if (slip_digit(*p, SLIP_FIGURE))
                                *p = slip_digit(*p, SLIP_FIGURE);
        return digits > 0;
}

/* ------------------------------------------------------------------ dates */

/* A repair of a date's text p, written into out (32 bytes, never p);
 * false when it does not apply. */
struct date_slip_ctx {
        size_t words, first_len;
};
typedef bool date_repair_fn(const char *p, char *out, const struct date_slip_ctx *c);

/* "DDDD?YYYY": four digits, sep, four digits, written into out as
 * "DD put MM put YYYY". */
static bool four_and_four(const char *p, char sep, char put, char *out)
{
        if (strlen(p) != 9 || p[4] != sep || strspn(p, "0123456789") != 4 || strspn(p + 5, "0123456789") != 4)
                return false;
        snprintf(out, 32, "%.2s%c%.2s%c%.4s", p, put, p + 2, put, p + 5);
        return true;
}

/* "1202/2018": OCR lost the first separator of DD/MM/YYYY. */
static bool lost_first_separator(const char *p, char *out, const struct date_slip_ctx *c)
{
        return c->words == 1 && four_and_four(p, '/', '/', out);
}

/* "19. 04-18": OCR spaced the first separator and read it as another
 * one. */
static bool spaced_separator(const char *p, char *out, const struct date_slip_ctx *c)
{
        int d1, m1, y1, used = 0;
        char s1, s2;
        if (c->words != 2 || sscanf(p, "%2d%c %2d%c%4d%n", &d1, &s1, &m1, &s2, &y1, &used) != 5 ||
            p[used] != 0 || !strchr("./-", s1) || !strchr("./-", s2) || c->first_len > 3)
                return false;
        snprintf(out, 32, "%02d%c%02d%c%s", d1, s2, m1, s2, strrchr(p, s2) + 1);
        return true;
}

/* "21/05/2018Time:", "03.01.2018SST": the word after a date run into it
 * (OCR lost the space). A date of digits whose year has four of them ends
 * there. */
static bool word_run_on(const char *p, char *out, const struct date_slip_ctx *c)
{
        (void)c;
        size_t d1 = strspn(p, "0123456789");
        if (d1 < 1 || d1 > 2 || !strchr("/.-", p[d1]))
                return false;
        size_t d2 = strspn(p + d1 + 1, "0123456789");
        if (d2 < 1 || d2 > 2 || p[d1 + 1 + d2] != p[d1])
                return false;
        size_t at = d1 + 1 + d2 + 1;
        if (strspn(p + at, "0123456789") != 4 || !isalpha((unsigned char)p[at + 4]) || at + 4 >= 32)
                return false;
        memcpy(out, p, at + 4);
        out[at + 4] = 0;
        return true;
}

/* "1deoctubre de 2026", "31de octubre": OCR ran the day, "de" and the
 * month together. */
static bool day_run_on(const char *p, char *out, const struct date_slip_ctx *c)
{
        (void)c;
        if (!isdigit((unsigned char)p[0]))
                return false;
        size_t d = strspn(p, "0123456789");
        if (d > 2 || !(p[d] == 'd' || p[d] == 'D') || !(p[d + 1] == 'e' || p[d + 1] == 'E') ||
            !(isalpha((unsigned char)p[d + 2]) || p[d + 2] == ' '))
                return false;
        const char *rest = p + d + 2;
        while (*rest == ' ')
                rest++;
        char tmp[32];
        int k = snprintf(tmp, sizeof(tmp), "%.*s de %s", (int)d, p, rest);
        if (k <= 0 || (size_t)k >= sizeof(tmp))
                return false;
        memcpy(out, tmp, sizeof(tmp));
        return true;
}

/* "January 17,:2026°": specks around a month-name date's year. */
static bool year_specks(const char *p, char *out, const struct date_slip_ctx *c)
{
        (void)c;
        if (strlen(p) >= 32)
                return false;
        char tmp[32];
        size_t o = 0;
        for (const char *q = p; *q && o + 1 < sizeof(tmp); q++) {
                if (*q == ':' && q > p && q[-1] == ',' && isdigit((unsigned char)q[1]))
                        continue;
                tmp[o++] = *q;
        }
        tmp[o] = 0;
        if (o >= 2 && (unsigned char)tmp[o - 2] == 0xc2 && (unsigned char)tmp[o - 1] == 0xb0)
                tmp[o - 2] = 0;
        if (strcmp(tmp, p) == 0)
                return false;
        snprintf(out, 32, "%s", tmp);
        return true;
}

/* "Q5/06/2026", "l2.03.2026": a letter read for a round or a straight
 * digit in a date's day or month (the SLIP_DATE rows). */
static bool letter_for_digit(const char *p, char *out, const struct date_slip_ctx *c)
{
        (void)c;
        size_t n = strlen(p);
        if (n < 8 || n >= 32 || !slip_digit(p[0], SLIP_DATE) || !isdigit((unsigned char)p[1]) ||
            !p[2] || !strchr("/.-", p[2]) || strspn(p + 3, "0123456789/.-") != n - 3)
                return false;
        snprintf(out, 32, "%s", p);
        out[0] = slip_digit(p[0], SLIP_DATE);
        return true;
}

/* "1511 2025": OCR lost both points of 15.11.2025. */
static bool lost_points(const char *p, char *out, const struct date_slip_ctx *c)
{
        return c->words == 2 && four_and_four(p, ' ', '.', out);
}

/* "13,11.2026", "15. 2, 2026", "2026.06:29": a comma or a colon (the
 * point and a speck over it) read for one point of a dotted date, day
 * first or year first. */
static bool mark_for_point(const char *p, char *out, const struct date_slip_ctx *c)
{
        (void)c;
        size_t g[3], sep[2], at = 0, n = strlen(p);
        bool point = false, other = false;

        if (n >= 32)
                return false;
        for (int k = 0; k < 3; k++) {
                g[k] = strspn(p + at, "0123456789");
                at += g[k];
                if (k < 2) {
                        if (!p[at] || !strchr(",.:", p[at]))
                                return false;
                        point |= p[at] == '.';
                        other |= p[at] != '.';
                        sep[k] = at++;
                        at += strspn(p + at, " ");
                }
        }
        if (at != n || !point || !other ||
            !((g[0] >= 1 && g[0] <= 2 && g[1] >= 1 && g[1] <= 2 && g[2] == 4) ||
              (g[0] == 4 && g[1] >= 1 && g[1] <= 2 && g[2] >= 1 && g[2] <= 2)))
                return false;
        snprintf(out, 32, "%s", p);
        out[sep[0]] = out[sep[1]] = '.';
        return true;
}

/* "6 January: 2027": a speck glued to the month. */
static bool month_speck(const char *p, char *out, const struct date_slip_ctx *c)
{
        (void)c;
        const char *co = strchr(p, ':'), *sp = strchr(p, ' ');
        if (strlen(p) >= 32 || !co || co == p || !isalpha((unsigned char)co[-1]) || co[1] != ' ' ||
            !sp || sp >= co)
                return false;
        snprintf(out, 32, "%.*s%s", (int)(co - p), p, co + 1);
        return true;
}

/* "12/03/2518": a four-digit year that one misread digit puts out of
 * range, when exactly one digit changed brings it back. */
static bool mend_year(int *ret)
{
        int found = 0, fix = 0, y = *ret;

        if (y < 1000 || y > 9999)
                return false;
        for (int p = 1; p <= 1000; p *= 10) {
                int digit = y / p % 10;

                for (int v = 0; v <= 9; v++) {
                        int c = y + (v - digit) * p;

                        if (v != digit && c >= 1990 && c <= 2099) {
                                found++;
                                fix = c;
                        }
                }
        }
        if (found != 1)
                return false;
        *ret = fix;
        return true;
}

/* "12/03/2518": a year one misread digit away from range. */
static bool year_digit(const char *p, char *out, const struct date_slip_ctx *c)
{
        (void)c;
        size_t pl = strlen(p);
        if (pl < 8 || pl >= 32 || strspn(p + pl - 4, "0123456789") != 4 || !strchr("/.- ", p[pl - 5]))
                return false;
        int y = atoi(p + pl - 4);
        if ((y >= 1990 && y <= 2099) || !mend_year(&y))
                return false;
        snprintf(out, 32, "%.*s%04d", (int)(pl - 4), p, y);
        return true;
}

/* "2025-10-62": a round digit read for the 0 of an ISO date's day. */
static bool iso_day_digit(const char *p, char *out, const struct date_slip_ctx *c)
{
        (void)c;
        if (strlen(p) != 10 || p[4] != '-' || p[7] != '-' || strspn(p, "0123456789") != 4 ||
            !strchr("689", p[8]) || !isdigit((unsigned char)p[9]))
                return false;
        snprintf(out, 32, "%s", p);
        out[8] = '0';
        return true;
}

/* "61/03/18", "92/02/2018": no day or month starts so; a round digit read
 * for its leading 0. */
static bool round_lead_digit(const char *p, char *out, const struct date_slip_ctx *c)
{
        (void)c;
        size_t n = strlen(p);
        if (!p[0] || !strchr("689", p[0]) || p[1] < '0' || p[1] > '9' || !p[2] || !strchr("/.-", p[2]) ||
            n < 8 || n >= 32)
                return false;
        snprintf(out, 32, "%s", p);
        out[0] = '0';
        return true;
}

/* "Dater11/03/18", "Datum:17.03.2018": the label's word ("Date", "Datum",
 * "Data", "Fecha") run into the date (OCR lost the space, or read its
 * colon as a letter), then a date of digits with two like separators. */
static bool label_run_on(const char *p, char *out, const struct date_slip_ctx *c)
{
        (void)c;
        size_t a = 0;
        while (isalpha((unsigned char)p[a]))
                a++;
        if (a < 3 || strchr(p + a, ' ') ||
            !(strncasecmp(p, "dat", 3) == 0 || (a >= 5 && strncasecmp(p, "fecha", 5) == 0)))
                return false;
        const char *d = p + a + (p[a] == ':');
        size_t d1 = strspn(d, "0123456789");
        if (d1 < 1 || d1 > 2 || !strchr("/.-", d[d1]))
                return false;
        size_t d2 = strspn(d + d1 + 1, "0123456789");
        size_t d3 = strspn(d + d1 + 1 + d2 + 1, "0123456789");
        if (d2 < 1 || d2 > 2 || d[d1 + 1 + d2] != d[d1] || (d3 != 2 && d3 != 4) ||
            d[d1 + 1 + d2 + 1 + d3] != 0)
                return false;
        snprintf(out, 32, "%s", d);
        return true;
}

/* "1770372018": both slashes of 17/03/2018 read as 7s (or 1s) and run
 * together; the day and month must be ones. */
static bool slashes_for_digits(const char *p, char *out, const struct date_slip_ctx *c)
{
        if (c->words != 1 || strlen(p) != 10 || strspn(p, "0123456789") != 10 || p[2] != p[5] ||
            !strchr("71", p[2]))
                return false;
        int day = (p[0] - '0') * 10 + p[1] - '0', month = (p[3] - '0') * 10 + p[4] - '0';
        int year = atoi(p + 6);
        if (day < 1 || day > 31 || month < 1 || month > 12 || year < 1990 || year > 2099)
                return false;
        snprintf(out, 32, "%.2s/%.2s/%.4s", p, p + 3, p + 6);
        return true;
}

/* The repairs of a date's text, in order, every one that applies applied.
 * `scan`: only on OCR's words (a text layer does not make the slip);
 * `guess`: the date read through it is a guess (confidence below 0.80). */
static const struct {
        const char *name;
        date_repair_fn *fix;
        bool scan, guess;
} date_repairs[] = {
        { "label run on", label_run_on, true, false },
        { "word run on", word_run_on, false, false },
        { "slashes for digits", slashes_for_digits, true, true },
        { "lost first separator", lost_first_separator, false, false },
        { "spaced separator", spaced_separator, false, false },
        { "day run on", day_run_on, true, false },
        { "year specks", year_specks, true, false },
        { "letter for digit", letter_for_digit, true, true },
        { "lost points", lost_points, true, true },
        { "mark for point", mark_for_point, true, false },
        { "month speck", month_speck, true, false },
        { "year digit", year_digit, true, true },
        { "ISO day digit", iso_day_digit, true, true },
        { "round lead digit", round_lead_digit, true, true },
};

const char *slips_date(const char *in, char out[32], bool ocr, size_t words, size_t first_len,
                       bool *ret_guess)
{
        struct date_slip_ctx c = { words, first_len };
        char buf[2][32];
        const char *p = in;
        int next = 0;
        for (size_t i = 0; i < sizeof(date_repairs) / sizeof(date_repairs[0]); i++) {
                if (date_repairs[i].scan && !ocr)
                        continue;
                if (!date_repairs[i].fix(p, buf[next], &c))
                        continue;
                p = buf[next];
                next ^= 1;
                if (date_repairs[i].guess && ret_guess)
                        *ret_guess = true;
        }
        if (p == in)
                return in;
        memcpy(out, p, 32);
        return out;
}

/* ------------------------------------------------------------ identifiers */

/* Is p a curly quote (U+2018..U+201E: ‘ ’ ‚ ‛ “ ” „)? Its length in bytes, else 0. */
static size_t curly_quote_len(const char *p)
{
        const unsigned char *u = (const unsigned char *)p;
        return u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x98 && u[2] <= 0x9e ? 3 : 0;
}

size_t slips_id_trim(const char **s)
{
        /* "“INV/2026/303", " A2603052": a curly quote or a space OCR put
         * before it too */
        for (;;) {
                size_t q = curly_quote_len(*s);
                if (q)
                        *s += q;
                else if (**s && (strchr(slip_specks_id_lead, **s) || **s == ' '))
                        (*s)++;
                /* "+PO/2026/302": a speck read as a plus before a letter (a
                 * phone number's plus stands before digits) */
                else if (**s == '+' && isalpha((unsigned char)(*s)[1]))
                        (*s)++;
                else
                        break;
        }
        size_t n = strlen(*s);
        for (;;) {
                if (n >= 3 && curly_quote_len(*s + n - 3))
                        n -= 3;
                else if (n > 0 && (strchr(slip_specks_id_trail, (*s)[n - 1]) || (*s)[n - 1] == ' '))
                        n--;
                else
                        break;
        }
        return n;
}

/* Cyrillic and Greek capitals drawn like a Latin one (U+0400.. and
 * U+0391..), and that Latin letter. */
static const struct { unsigned cp; char latin; } lookalikes[] = {
        { 0x0405, 'S' }, { 0x0406, 'I' }, { 0x0408, 'J' }, { 0x0410, 'A' }, { 0x0412, 'B' },
        { 0x0415, 'E' }, { 0x041a, 'K' }, { 0x041c, 'M' }, { 0x041d, 'H' }, { 0x041e, 'O' },
        { 0x0420, 'P' }, { 0x0421, 'C' }, { 0x0422, 'T' }, { 0x0423, 'Y' }, { 0x0425, 'X' },
        { 0x0391, 'A' }, { 0x0392, 'B' }, { 0x0395, 'E' }, { 0x0396, 'Z' }, { 0x0397, 'H' },
        { 0x0399, 'I' }, { 0x039a, 'K' }, { 0x039c, 'M' }, { 0x039d, 'N' }, { 0x039f, 'O' },
        { 0x03a1, 'P' }, { 0x03a4, 'T' }, { 0x03a5, 'Y' }, { 0x03a7, 'X' },
        /* a small kappa for a K: "κ-26-0506" */
        { 0x03ba, 'K' },
};

/* The Latin twin of the two-byte UTF-8 letter at p, or 0. */
static char lookalike(const unsigned char *p)
{
        if (p[0] < 0xc0 || p[0] > 0xdf || (p[1] & 0xc0) != 0x80)
                return 0;
        unsigned cp = ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu);
        for (size_t i = 0; i < sizeof(lookalikes) / sizeof(lookalikes[0]); i++)
                if (lookalikes[i].cp == cp)
                        return lookalikes[i].latin;
        return 0;
}

/* "В26-2409", "ΡΟ/2025/912": an identifier printed in Latin capitals and
 * digits that a Bulgarian or Greek model read with its own script's
 * capitals drawn alike; put back in Latin when it has a digit and every
 * letter beyond ASCII is such a twin (a series in the script's own letters,
 * "ТПУ-123" with its П, stays as read). */
static void latin_twins(char *s)
{
        bool digit = false, twins = false;
        for (const unsigned char *p = (const unsigned char *)s; *p;) {
                if (*p < 0x80) {
                        digit |= isdigit(*p) != 0;
                        p++;
                } else if (lookalike(p)) {
                        twins = true;
                        p += 2;
                } else {
                        return;
                }
        }
        if (!digit || !twins)
                return;
        char *o = s;
        for (const char *p = s; *p;) {
                char l = (unsigned char)*p >= 0x80 ? lookalike((const unsigned char *)p) : 0;
                *o++ = l ? l : *p;
                p += l ? 2 : 1;
        }
        *o = 0;
}

void slips_id(char *s, bool unsure)
{
        latin_twins(s);
        size_t sep = strcspn(s, "-/._");
        if (sep == 0 || !s[sep] || sep > 4)
                return;
        bool letters = false, zeros = false, ones = false;
        for (size_t i = 0; i < sep; i++) {
                if (isalpha((unsigned char)s[i]) || (s[i] == '$' && unsure))
                        letters = true;
                else if (s[i] == '0')
                        zeros = true;
                else if (s[i] == '1' && unsure)
                        ones = true;
                else
                        return;
        }
        /* "S1I-", "PO0-": one doubtful I or O read twice, as a digit and
         * as the letter; the prefix keeps the letter */
        for (size_t i = 0; letters && unsure && (ones || zeros) && i < sep; i++) {
                char twin = s[i] == '1' || s[i] == '0' ? slip_letter(s[i]) : 0;
                if (twin && ((i > 0 && s[i - 1] == twin) || s[i + 1] == twin)) {
                        memmove(s + i, s + i + 1, strlen(s + i));
                        sep--;
                        break;
                }
        }
        /* "P0/2025/594": a prefix's O read as a 0 (a doubtful I as a 1) */
        if (letters && (zeros || ones))
                for (size_t i = 0; i < sep; i++)
                        if (s[i] == '0' || s[i] == '1')
                                s[i] = slip_letter(s[i]);
        /* "$I-": a doubtful S read as a dollar sign */
        if (letters && unsure)
                for (size_t i = 0; i < sep; i++)
                        if (s[i] == '$')
                                s[i] = 'S';
        /* "INV-2O93": an O among a part's digits (the SLIP_ID rows) */
        for (char *part = s + sep + 1; *part;) {
                size_t n = strcspn(part, "-/._"), digits = 0, ohs = 0;
                for (size_t i = 0; i < n; i++) {
                        if (isdigit((unsigned char)part[i]))
                                digits++;
                        else if (slip_digit(part[i], SLIP_ID))
                                ohs++;
                }
                if (ohs > 0 && digits >= 2 && digits + ohs == n)
                        for (size_t i = 0; i < n; i++)
                                if (slip_digit(part[i], SLIP_ID))
                                        part[i] = slip_digit(part[i], SLIP_ID);
                part += n;
                if (*part)
                        part++;
        }
}

/* Separators OCR loses, adds or changes: hyphens and dashes, slashes,
 * underscores and spaces. Their length in bytes at s, or 0. */
static size_t separator_len(const char *s)
{
        const unsigned char *u = (const unsigned char *)s;
        if (strchr("-/_ \t", *u) && *u)
                return 1;
        if (u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95)
                return 3;
        return 0;
}

char *slips_id_key(const char *s, bool slips)
{
        size_t n = slips_id_trim(&s);
        char *out = bf_xmalloc(n + 1), *o = out;
        for (size_t i = 0; i < n;) {
                size_t sep = separator_len(s + i);
                if (sep) {
                        i += sep;
                        continue;
                }
                char c = s[i++];
                char d = slips ? slip_digit(c, SLIP_KEY) : 0;
                *o++ = d ? d : (char)toupper((unsigned char)c);
        }
        *o = 0;
        return out;
}
