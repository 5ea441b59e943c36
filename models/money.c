/* money.c: amounts and exact decimals — parsing as invoices print them,
 * formatting for the contract, checked integer arithmetic. No floats here. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "models/models.h"

#define MONEY_MAX_TEXT 256
#define MONEY_MAX_DIGITS 64

/* ------------------------------------------------------------ currencies */

/* ISO 4217 active codes; exponent 2 unless listed below. */
static const char currency_codes[] =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND "
        "BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU "
        "CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS "
        "GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY "
        "KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA "
        "MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD "
        "OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK "
        "SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD "
        "TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XOF "
        "XPF YER ZAR ZMW ZWL ";

static const char currency_exp0[] =
        "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF ";
static const char currency_exp3[] = "BHD IQD JOD KWD LYD OMR TND ";
static const char currency_exp4[] = "CLF UYW ";

static bool code_in_list(const char *list, const char *code)
{
        for (const char *p = list; *p; p += 4)
                if (memcmp(p, code, 3) == 0)
                        return true;
        return false;
}

static bool code_shape(const char *code)
{
        return code && isupper((unsigned char)code[0]) && isupper((unsigned char)code[1]) &&
               isupper((unsigned char)code[2]) && code[3] == '\0';
}

bool currency_is_known(const char *code)
{
        return code_shape(code) && code_in_list(currency_codes, code);
}

int money_exponent(const char *currency)
{
        if (!code_shape(currency))
                return 2;
        if (code_in_list(currency_exp0, currency))
                return 0;
        if (code_in_list(currency_exp3, currency))
                return 3;
        if (code_in_list(currency_exp4, currency))
                return 4;
        return 2;
}

/* How a symbol picks its code: some symbols stand for several currencies and
 * defer to the hint when it names one of them. */
enum {
        SYM_FIXED,
        SYM_DOLLAR,
        SYM_YEN,
        SYM_KRONA,
};

struct currency_symbol {
        const char *text;
        const char *code;
        int kind;
};

/* Longer spellings first: "US$" must win over "$". */
static const struct currency_symbol currency_symbols[] = {
        { "US$", "USD", SYM_FIXED },
        { "CA$", "CAD", SYM_FIXED },
        { "AU$", "AUD", SYM_FIXED },
        { "NZ$", "NZD", SYM_FIXED },
        { "HK$", "HKD", SYM_FIXED },
        { "C$", "CAD", SYM_FIXED },
        { "A$", "AUD", SYM_FIXED },
        { "S$", "SGD", SYM_FIXED },
        { "R$", "BRL", SYM_FIXED },
        { "$", "USD", SYM_DOLLAR },
        { "\xe2\x82\xac", "EUR", SYM_FIXED },       /* € */
        { "\xc2\xa3", "GBP", SYM_FIXED },           /* £ */
        { "\xc2\xa5", "JPY", SYM_YEN },             /* ¥ */
        { "\xef\xbf\xa5", "JPY", SYM_YEN },         /* fullwidth ¥ */
        { "\xe5\x86\x86", "JPY", SYM_FIXED },       /* 円 */
        { "\xe5\x85\x83", "CNY", SYM_FIXED },       /* 元 */
        { "\xe2\x82\xb9", "INR", SYM_FIXED },       /* ₹ */
        { "\xe2\x82\xa8", "INR", SYM_FIXED },       /* ₨ */
        { "\xe2\x82\xa9", "KRW", SYM_FIXED },       /* ₩ */
        { "\xe2\x82\xbd", "RUB", SYM_FIXED },       /* ₽ */
        { "\xe2\x82\xba", "TRY", SYM_FIXED },       /* ₺ */
        { "\xe2\x82\xaa", "ILS", SYM_FIXED },       /* ₪ */
        { "\xe2\x82\xab", "VND", SYM_FIXED },       /* ₫ */
        { "\xe2\x82\xb1", "PHP", SYM_FIXED },       /* ₱ */
        { "\xe0\xb8\xbf", "THB", SYM_FIXED },       /* ฿ */
        { "z\xc5\x82", "PLN", SYM_FIXED },          /* zł */
        { "K\xc4\x8d", "CZK", SYM_FIXED },          /* Kč */
        { "SFr.", "CHF", SYM_FIXED },
        { "Fr.", "CHF", SYM_FIXED },
        { "Rs.", "INR", SYM_FIXED },
        { "Rs", "INR", SYM_FIXED },
        { "RM", "MYR", SYM_FIXED },
        { "Ft", "HUF", SYM_FIXED },
        { "\xd0\xbb\xd0\xb2.", "BGN", SYM_FIXED },  /* лв. */
        { "\xd0\xbb\xd0\xb2", "BGN", SYM_FIXED },   /* лв */
        { "lei", "RON", SYM_FIXED },
        { "Lei", "RON", SYM_FIXED },
        { "LEI", "RON", SYM_FIXED },
        { "kr.", "", SYM_KRONA },
        { "kr", "", SYM_KRONA },
        { "Kr", "", SYM_KRONA },
};

static bool is_ascii_alpha(unsigned char c)
{
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void symbol_code(const struct currency_symbol *sym, const char *hint,
                        char ret_code[BF_CURRENCY_LEN])
{
        const char *code = sym->code;
        bool hint_ok = hint && currency_is_known(hint);

        if (sym->kind == SYM_DOLLAR && hint_ok &&
            code_in_list("USD CAD AUD NZD SGD HKD MXN TWD BSD BBD BZD BMD FJD "
                         "JMD LRD NAD SBD SRD TTD XCD GYD KYD ARS CLP COP UYU ", hint))
                code = hint;
        else if (sym->kind == SYM_YEN && hint_ok && strcmp(hint, "CNY") == 0)
                code = hint;
        else if (sym->kind == SYM_KRONA)
                /* "kr" is Swedish, Norwegian, Danish or Icelandic: only the
                 * hint can tell, and a guess would be presented as fact. */
                code = hint_ok && code_in_list("SEK NOK DKK ISK ", hint) ? hint : "";
        memset(ret_code, 0, BF_CURRENCY_LEN);
        memcpy(ret_code, code, strlen(code));
}

/* Matches a currency token at s (length n) as a prefix (at_end false) or a
 * suffix; returns its length in bytes, 0 if none. */
static size_t currency_match(const char *s, size_t n, bool at_end, const char *hint,
                             char ret_code[BF_CURRENCY_LEN])
{
        for (size_t i = 0; i < sizeof(currency_symbols) / sizeof(currency_symbols[0]); i++) {
                const struct currency_symbol *sym = &currency_symbols[i];
                size_t len = strlen(sym->text);
                const char *at;

                if (len > n)
                        continue;
                at = at_end ? s + n - len : s;
                if (memcmp(at, sym->text, len) != 0)
                        continue;
                /* Alphabetic symbols must stand alone: "RM" but not "RMB". */
                if (is_ascii_alpha((unsigned char)sym->text[0])) {
                        if (!at_end && len < n && is_ascii_alpha((unsigned char)s[len]))
                                continue;
                        if (at_end && len < n && is_ascii_alpha((unsigned char)at[-1]))
                                continue;
                }
                symbol_code(sym, hint, ret_code);
                return len;
        }

        if (n >= 3) {
                const char *at = at_end ? s + n - 3 : s;
                char code[BF_CURRENCY_LEN];

                for (int i = 0; i < 3; i++) {
                        if (!is_ascii_alpha((unsigned char)at[i]))
                                return 0;
                        code[i] = (char)toupper((unsigned char)at[i]);
                }
                code[3] = '\0';
                if (!at_end && n > 3 && is_ascii_alpha((unsigned char)at[3]))
                        return 0;
                if (at_end && n > 3 && is_ascii_alpha((unsigned char)at[-1]))
                        return 0;
                if (!currency_is_known(code))
                        return 0;
                memcpy(ret_code, code, BF_CURRENCY_LEN);
                return 3;
        }
        return 0;
}

/* Unicode spaces invoices use: NBSP, narrow NBSP, thin space. */
static size_t space_len(const char *s, size_t n)
{
        if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
                return 1;
        if (n >= 2 && memcmp(s, "\xc2\xa0", 2) == 0)
                return 2;
        if (n >= 3 && (memcmp(s, "\xe2\x80\xaf", 3) == 0 || memcmp(s, "\xe2\x80\x89", 3) == 0))
                return 3;
        return 0;
}

static size_t space_len_back(const char *s, size_t n)
{
        if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
                return 1;
        if (n >= 2 && memcmp(s + n - 2, "\xc2\xa0", 2) == 0)
                return 2;
        if (n >= 3 && (memcmp(s + n - 3, "\xe2\x80\xaf", 3) == 0 ||
                       memcmp(s + n - 3, "\xe2\x80\x89", 3) == 0))
                return 3;
        return 0;
}

const char *currency_letter_symbol(const char *code)
{
        if (!code)
                return NULL;
        for (size_t i = 0; i < sizeof(currency_symbols) / sizeof(currency_symbols[0]); i++) {
                const char *t = currency_symbols[i].text;
                size_t k = 0;
                while (is_ascii_alpha((unsigned char)t[k]))
                        k++;
                if (k >= 2 && t[k] == 0 && strcmp(currency_symbols[i].code, code) == 0)
                        return t;
        }
        return NULL;
}

bool currency_from_text(const char *text, char ret_code[BF_CURRENCY_LEN])
{
        size_t n;

        if (!text)
                return false;
        n = strnlen(text, MONEY_MAX_TEXT + 1);
        if (n > MONEY_MAX_TEXT)
                return false;
        /* A field holding nothing but a code may spell it in any case. */
        {
                const char *s = text;
                size_t len, m = n;
                char code[BF_CURRENCY_LEN];

                while ((len = space_len(s, m)) > 0) {
                        s += len;
                        m -= len;
                }
                while ((len = space_len_back(s, m)) > 0)
                        m -= len;
                if (m > 0 && currency_match(s, m, false, NULL, code) == m && code[0]) {
                        memcpy(ret_code, code, BF_CURRENCY_LEN);
                        return true;
                }
        }
        for (size_t i = 0; i < n; i++) {
                char code[BF_CURRENCY_LEN];
                size_t len;

                /* A token starts at a word boundary: "EUR" in "in EUR", not "TEUR…". */
                if (i > 0 && is_ascii_alpha((unsigned char)text[i - 1]) &&
                    is_ascii_alpha((unsigned char)text[i]))
                        continue;
                len = currency_match(text + i, n - i, false, NULL, code);
                if (len == 0)
                        continue;
                /* Bare three-letter words count only in upper case, so "all"
                 * or "top" in running text is not Albanian lek or pa'anga. */
                if (len == 3 && is_ascii_alpha((unsigned char)text[i]) &&
                    is_ascii_alpha((unsigned char)text[i + 1]) &&
                    is_ascii_alpha((unsigned char)text[i + 2]) &&
                    !(isupper((unsigned char)text[i]) && isupper((unsigned char)text[i + 1]) &&
                      isupper((unsigned char)text[i + 2])))
                        continue;
                if (code[0] == '\0')
                        continue;
                memcpy(ret_code, code, BF_CURRENCY_LEN);
                return true;
        }
        return false;
}

/* -------------------------------------------------------- number scanning */

enum sep_kind {
        SEP_NONE = 0,
        SEP_DOT,
        SEP_COMMA,
        SEP_SPACE,
        SEP_APOS,
};

/* A number's digits with the decimal point placed: value = digits / 10^n_frac. */
struct number {
        char digits[MONEY_MAX_DIGITS + 1];
        int n_digits;
        int n_frac;
};

static enum sep_kind sep_at(const char *s, size_t n, size_t *ret_len)
{
        size_t len;

        *ret_len = 1;
        if (s[0] == '.')
                return SEP_DOT;
        if (s[0] == ',')
                return SEP_COMMA;
        if (s[0] == '\'')
                return SEP_APOS;
        if (n >= 3 && memcmp(s, "\xe2\x80\x99", 3) == 0) { /* ’ as in 1’234.50 */
                *ret_len = 3;
                return SEP_APOS;
        }
        len = space_len(s, n);
        if (len > 0 && s[0] != '\t') {
                *ret_len = len;
                return SEP_SPACE;
        }
        return SEP_NONE;
}

/* Scans digits and separators in s[0..n): decides which separator (if any)
 * is the decimal point and checks the grouping. `three_decimals` makes a lone
 * separator before three digits decimal (KWD 1.234); `indian` admits
 * 1,23,45,678 lakh grouping. Returns 0, or BF_EINVAL with *why set. */
static int number_scan(const char *s, size_t n, bool three_decimals, bool indian,
                       struct number *ret, const char **why)
{
        int groups[MONEY_MAX_DIGITS + 2];
        enum sep_kind seps[MONEY_MAX_DIGITS + 2];
        int n_groups = 0, n_seps = 0, dec = -1;
        bool leading_sep = false;
        size_t i = 0;

        memset(ret, 0, sizeof(*ret));
        if (n == 0) {
                *why = "no digits";
                return BF_EINVAL;
        }
        while (i < n) {
                size_t len;
                enum sep_kind k;

                if (s[i] >= '0' && s[i] <= '9') {
                        int run = 0;

                        while (i < n && s[i] >= '0' && s[i] <= '9') {
                                if (ret->n_digits >= MONEY_MAX_DIGITS) {
                                        *why = "too many digits";
                                        return BF_EINVAL;
                                }
                                ret->digits[ret->n_digits++] = s[i++];
                                run++;
                        }
                        groups[n_groups++] = run;
                        continue;
                }
                k = sep_at(s + i, n - i, &len);
                if (k == SEP_NONE) {
                        *why = "unexpected character";
                        return BF_EINVAL;
                }
                if (n_seps >= n_groups) {
                        /* ".50" is a number; "1,,2" and ",.5" are not. */
                        if (n_seps == 0 && (k == SEP_DOT || k == SEP_COMMA)) {
                                leading_sep = true;
                                groups[n_groups++] = 0;
                        } else {
                                *why = "misplaced separator";
                                return BF_EINVAL;
                        }
                }
                seps[n_seps++] = k;
                i += len;
        }
        if (ret->n_digits == 0) {
                *why = "no digits";
                return BF_EINVAL;
        }
        if (n_seps >= n_groups) {
                *why = "trailing separator";
                return BF_EINVAL;
        }
        if (n_seps == 0)
                return 0;

        enum sep_kind last = seps[n_seps - 1];
        if (last == SEP_DOT || last == SEP_COMMA) {
                bool mixed = false;

                for (int j = 0; j < n_seps - 1; j++)
                        if (seps[j] != last)
                                mixed = true;
                if (mixed) {
                        dec = n_seps - 1;
                } else if (n_seps == 1) {
                        bool zero_lead = groups[0] == 1 && ret->digits[0] == '0';

                        /* "1,234" and "1.234" are a thousand and more in both
                         * conventions' most common use; "0.455" is not. */
                        if (leading_sep || groups[1] != 3 || groups[0] > 3 || zero_lead ||
                            three_decimals)
                                dec = 0;
                }
        }
        if (leading_sep && dec != 0) {
                *why = "misplaced separator";
                return BF_EINVAL;
        }

        int n_int_seps = dec >= 0 ? dec : n_seps;
        for (int j = 0; j < n_int_seps; j++) {
                if (seps[j] != seps[0]) {
                        *why = "inconsistent grouping";
                        return BF_EINVAL;
                }
                if (dec >= 0 && seps[j] == seps[dec]) {
                        *why = "inconsistent grouping";
                        return BF_EINVAL;
                }
        }
        if (n_int_seps > 0) {
                bool western = groups[0] >= 1 && groups[0] <= 3;
                bool lakh = indian && groups[0] >= 1 && groups[0] <= 2 && groups[n_int_seps] == 3;

                for (int j = 1; j <= n_int_seps; j++) {
                        if (groups[j] != 3)
                                western = false;
                        if (j < n_int_seps && groups[j] != 2)
                                lakh = false;
                }
                if (!western && !lakh) {
                        *why = "inconsistent grouping";
                        return BF_EINVAL;
                }
        }
        if (dec >= 0)
                ret->n_frac = groups[dec + 1];
        return 0;
}

/* Accumulates digits[0..n) into *acc with overflow checks. */
static bool digits_value(const char *digits, int n, int64_t *acc)
{
        for (int i = 0; i < n; i++) {
                if (__builtin_mul_overflow(*acc, 10, acc) ||
                    __builtin_add_overflow(*acc, digits[i] - '0', acc))
                        return false;
        }
        return true;
}

/* The number scaled to `scale` decimal places; extra decimals must be zeros. */
static int number_value(const struct number *num, int scale, int64_t *ret, const char **why)
{
        int n_int = num->n_digits - num->n_frac;
        int64_t v = 0;

        for (int i = num->n_digits - 1; i >= n_int + scale && i >= n_int; i--) {
                if (num->digits[i] != '0') {
                        *why = "too many decimals";
                        return BF_EINVAL;
                }
        }
        if (!digits_value(num->digits, n_int, &v))
                goto range;
        for (int i = 0; i < scale; i++) {
                int idx = n_int + i;
                int digit = idx < num->n_digits ? num->digits[idx] - '0' : 0;

                if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, digit, &v))
                        goto range;
        }
        *ret = v;
        return 0;
range:
        *why = "out of range";
        return BF_EINVAL;
}

/* ------------------------------------------------------------------ money */

/* The parts of an amount around its number: sign marks and currency. */
struct amount_text {
        const char *num;
        size_t num_len;
        bool negative;
        char currency[BF_CURRENCY_LEN];
        bool has_currency;
};

static int amount_split(const char *text, const char *hint, struct amount_text *ret,
                        const char **why)
{
        const char *s = text;
        size_t n = strlen(text), len;
        int signs = 0;
        bool open = false, close = false;
        char code[BF_CURRENCY_LEN];

        memset(ret, 0, sizeof(*ret));
        for (;;) {
                if ((len = space_len(s, n)) > 0) {
                } else if (n > 0 && (s[0] == '-' || s[0] == '+')) {
                        ret->negative |= s[0] == '-';
                        signs++;
                        len = 1;
                } else if (n >= 3 && (memcmp(s, "\xe2\x88\x92", 3) == 0 ||    /* − */
                                      memcmp(s, "\xe2\x80\x93", 3) == 0)) {   /* – */
                        ret->negative = true;
                        signs++;
                        len = 3;
                } else if (n > 0 && s[0] == '(' && !open) {
                        open = true;
                        len = 1;
                } else if (!ret->has_currency && (len = currency_match(s, n, false, hint, code)) > 0) {
                        memcpy(ret->currency, code, BF_CURRENCY_LEN);
                        ret->has_currency = true;
                } else {
                        break;
                }
                s += len;
                n -= len;
        }
        for (;;) {
                if ((len = space_len_back(s, n)) > 0) {
                } else if (n >= 3 && (s[n - 2] == ',' || s[n - 2] == '.') && s[n - 1] == '-' &&
                           s[n - 3] >= '0' && s[n - 3] <= '9') {
                        len = 2;        /* "100,-", "12.-": whole units (cs, de, ch) */
                } else if (n >= 5 && (s[n - 4] == ',' || s[n - 4] == '.') &&
                           memcmp(s + n - 3, "\xe2\x80\x93", 3) == 0 && s[n - 5] >= '0' &&
                           s[n - 5] <= '9') {
                        len = 4;        /* "Fr. 12.–" */
                } else if (n > 0 && s[n - 1] == '-') {
                        ret->negative = true;
                        signs++;
                        len = 1;
                } else if (n > 0 && s[n - 1] == ')' && open && !close) {
                        close = true;
                        len = 1;
                } else if ((len = currency_match(s, n, true, hint, code)) > 0) {
                        if (ret->has_currency && strcmp(code, ret->currency) != 0) {
                                *why = "two currencies";
                                return BF_EINVAL;
                        }
                        memcpy(ret->currency, code, BF_CURRENCY_LEN);
                        ret->has_currency = true;
                } else {
                        break;
                }
                n -= len;
        }
        if (open != close) {
                *why = "unbalanced parenthesis";
                return BF_EINVAL;
        }
        if (open) {
                ret->negative = true;
                signs++;
        }
        if (signs > 1) {
                *why = "more than one sign";
                return BF_EINVAL;
        }
        ret->num = s;
        ret->num_len = n;
        return 0;
}

int money_parse(const char *text, const char *currency_hint, bf_money *ret_money,
                struct bf_error *err)
{
        struct amount_text at;
        struct number num;
        const char *why = NULL;
        char quoted[48];
        bf_money m = { 0 };
        int r;

        if (!text)
                return bf_error_set(err, BF_EINVAL, "missing amount");
        if (strnlen(text, MONEY_MAX_TEXT + 1) > MONEY_MAX_TEXT)
                return bf_error_set(err, BF_EINVAL, "bad amount '%s': too long",
                                    text_quote(text, quoted, sizeof(quoted)));
        r = amount_split(text, currency_hint, &at, &why);
        if (r < 0)
                goto fail;
        if (at.has_currency)
                memcpy(m.currency, at.currency, BF_CURRENCY_LEN);
        else if (currency_hint && currency_is_known(currency_hint))
                memcpy(m.currency, currency_hint, BF_CURRENCY_LEN);

        int exp = money_exponent(m.currency);
        r = number_scan(at.num, at.num_len, exp == 3, strcmp(m.currency, "INR") == 0, &num, &why);
        if (r < 0)
                goto fail;
        r = number_value(&num, exp, &m.minor, &why);
        if (r < 0)
                goto fail;
        if (at.negative)
                m.minor = -m.minor;
        *ret_money = m;
        return 0;
fail:
        return bf_error_set(err, BF_EINVAL, "bad amount '%s': %s",
                            text_quote(text, quoted, sizeof(quoted)), why);
}

int money_parse_plain(const char *text, const char *currency, bf_money *ret_money,
                      struct bf_error *err)
{
        bf_decimal d = { 0 };
        bf_money m;
        char quoted[48];
        int r;

        r = decimal_parse_plain(text, &d, err);
        if (r < 0)
                return r;
        if (decimal_to_money(d, currency, &m) < 0)
                return bf_error_set(err, BF_EINVAL, "bad amount '%s': out of range",
                                    text_quote(text, quoted, sizeof(quoted)));
        /* Plain text is exact: rounding away a digit would hide an error. */
        if (decimal_cmp(decimal_from_money(m), d) != 0)
                return bf_error_set(err, BF_EINVAL, "bad amount '%s': too many decimals",
                                    text_quote(text, quoted, sizeof(quoted)));
        *ret_money = m;
        return 0;
}

/* Writes |v| / 10^scale with `scale` decimals (a minus for negatives). */
static int format_scaled(int64_t v, int scale, char *buf, size_t size)
{
        char tmp[32];
        int n = 0, len = 0;
        uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

        do {
                tmp[n++] = (char)('0' + mag % 10);
                mag /= 10;
        } while (mag > 0 || n <= scale);

        char out[40];
        if (v < 0)
                out[len++] = '-';
        for (int i = n - 1; i >= 0; i--) {
                out[len++] = tmp[i];
                if (i == scale && scale > 0)
                        out[len++] = '.';
        }
        out[len] = '\0';
        if ((size_t)len + 1 > size)
                return BF_ETOOBIG;
        memcpy(buf, out, (size_t)len + 1);
        return len;
}

int money_format(bf_money m, char *buf, size_t size)
{
        return format_scaled(m.minor, money_exponent(m.currency), buf, size);
}

int money_format_grouped(bf_money m, char group, char decimal, char *buf, size_t size)
{
        char plain[32], out[48];
        int len = money_format(m, plain, sizeof(plain));
        const char *dot = strchr(plain, '.');
        size_t int_len = dot ? (size_t)(dot - plain) : (size_t)len, o = 0;
        size_t start = plain[0] == '-' ? 1 : 0;

        if (len < 0)
                return len;
        for (size_t i = 0; i < int_len; i++) {
                if (i > start && (int_len - i) % 3 == 0)
                        out[o++] = group;
                out[o++] = plain[i];
        }
        if (dot) {
                out[o++] = decimal;
                for (const char *p = dot + 1; *p; p++)
                        out[o++] = *p;
        }
        out[o] = '\0';
        if (o + 1 > size)
                return BF_ETOOBIG;
        memcpy(buf, out, o + 1);
        return (int)o;
}

static bool currency_merge(const bf_money *a, const bf_money *b, char ret[BF_CURRENCY_LEN])
{
        if (a->currency[0] && b->currency[0] &&
            strncmp(a->currency, b->currency, BF_CURRENCY_LEN) != 0)
                return false;
        memcpy(ret, a->currency[0] ? a->currency : b->currency, BF_CURRENCY_LEN);
        ret[BF_CURRENCY_LEN - 1] = '\0';
        return true;
}

int money_add(bf_money a, bf_money b, bf_money *ret)
{
        bf_money r;

        if (!currency_merge(&a, &b, r.currency) || __builtin_add_overflow(a.minor, b.minor, &r.minor))
                return BF_EINVAL;
        *ret = r;
        return 0;
}

int money_sub(bf_money a, bf_money b, bf_money *ret)
{
        bf_money r;

        if (!currency_merge(&a, &b, r.currency) || __builtin_sub_overflow(a.minor, b.minor, &r.minor))
                return BF_EINVAL;
        *ret = r;
        return 0;
}

/* --------------------------------------------------------------- decimals */

/* Drops trailing zero decimals from a number so "1.500000000" fits a scale. */
static void number_trim(struct number *num)
{
        while (num->n_frac > 0 && num->digits[num->n_digits - 1] == '0') {
                num->n_frac--;
                num->n_digits--;
        }
}

static int decimal_from_number(const struct number *num, bool negative, bf_decimal *ret,
                               const char **why)
{
        struct number t = *num;
        bf_decimal d;

        number_trim(&t);
        if (t.n_frac > BF_DECIMAL_MAX_SCALE) {
                *why = "too many decimals";
                return BF_EINVAL;
        }
        /* Keep the printed scale ("1.50" stays two places) when it fits. */
        d.scale = num->n_frac <= BF_DECIMAL_MAX_SCALE ? num->n_frac : t.n_frac;
        if (number_value(num, d.scale, &d.units, why) < 0)
                return BF_EINVAL;
        if (negative)
                d.units = -d.units;
        *ret = d;
        return 0;
}

int decimal_parse(const char *text, bf_decimal *ret, struct bf_error *err)
{
        struct amount_text at;
        struct number num;
        const char *why = NULL;
        char quoted[48];
        bf_decimal d;

        if (!text)
                return bf_error_set(err, BF_EINVAL, "missing number");
        if (strnlen(text, MONEY_MAX_TEXT + 1) > MONEY_MAX_TEXT)
                return bf_error_set(err, BF_EINVAL, "bad number '%s': too long",
                                    text_quote(text, quoted, sizeof(quoted)));
        /* Unit prices are often printed with a symbol; it is not kept here. */
        if (amount_split(text, NULL, &at, &why) < 0 ||
            number_scan(at.num, at.num_len, false, false, &num, &why) < 0 ||
            decimal_from_number(&num, at.negative, &d, &why) < 0)
                return bf_error_set(err, BF_EINVAL, "bad number '%s': %s",
                                    text_quote(text, quoted, sizeof(quoted)), why);
        *ret = d;
        return 0;
}

int decimal_parse_plain(const char *text, bf_decimal *ret, struct bf_error *err)
{
        struct number num = { 0 };
        const char *why = "not a plain number", *s = text;
        char quoted[48];
        bool negative = false, point = false;
        bf_decimal d;

        if (!text)
                return bf_error_set(err, BF_EINVAL, "missing number");
        if (strnlen(text, MONEY_MAX_TEXT + 1) > MONEY_MAX_TEXT) {
                why = "too long";
                goto fail;
        }
        if (*s == '-' || *s == '+')
                negative = *s++ == '-';
        for (; *s; s++) {
                if (*s == '.' && !point && num.n_digits > 0) {
                        point = true;
                } else if (*s >= '0' && *s <= '9') {
                        if (num.n_digits >= MONEY_MAX_DIGITS) {
                                why = "too many digits";
                                goto fail;
                        }
                        num.digits[num.n_digits++] = *s;
                        num.n_frac += point;
                } else {
                        goto fail;
                }
        }
        if (num.n_digits == 0 || (point && num.n_frac == 0))
                goto fail;
        if (decimal_from_number(&num, negative, &d, &why) < 0)
                goto fail;
        *ret = d;
        return 0;
fail:
        return bf_error_set(err, BF_EINVAL, "bad number '%s': %s",
                            text_quote(text, quoted, sizeof(quoted)), why);
}

int decimal_format(bf_decimal d, char *buf, size_t size)
{
        if (d.scale < 0 || d.scale > BF_DECIMAL_MAX_SCALE)
                return BF_EINVAL;
        while (d.scale > 0 && d.units % 10 == 0) {
                d.units /= 10;
                d.scale--;
        }
        return format_scaled(d.units, d.scale, buf, size);
}

static int64_t pow10_small(int e)
{
        static const int64_t p[] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
                                     10000000, 100000000, 1000000000, 10000000000,
                                     100000000000, 1000000000000 };

        return p[e];
}

static int scale_clamp(int scale)
{
        return scale < 0 ? 0 : scale > BF_DECIMAL_MAX_SCALE ? BF_DECIMAL_MAX_SCALE : scale;
}

int decimal_cmp(bf_decimal a, bf_decimal b)
{
        /* Integer and fractional parts compare exactly without widening. */
        int64_t pa = pow10_small(scale_clamp(a.scale)), pb = pow10_small(scale_clamp(b.scale));
        int64_t ia = a.units / pa, ib = b.units / pb;
        int64_t fa = (a.units % pa) * (pow10_small(BF_DECIMAL_MAX_SCALE) / pa);
        int64_t fb = (b.units % pb) * (pow10_small(BF_DECIMAL_MAX_SCALE) / pb);

        if (ia != ib)
                return ia < ib ? -1 : 1;
        if (fa != fb)
                return fa < fb ? -1 : 1;
        return 0;
}

bf_decimal decimal_from_money(bf_money m)
{
        return (bf_decimal){ .units = m.minor, .scale = money_exponent(m.currency) };
}

/* units / 10^drop rounded half away from zero. */
static int64_t div_round(int64_t units, int drop)
{
        int64_t p = pow10_small(drop), q = units / p, r = units % p;

        if (r >= p - r && r > 0)
                q++;
        else if (r < 0 && -r >= p + r)
                q--;
        return q;
}

/* Brings d to `scale` places: exact when widening (checked), rounded when narrowing. */
static int decimal_rescale(bf_decimal d, int scale, int64_t *ret)
{
        int64_t v;

        if (d.scale < 0 || d.scale > BF_DECIMAL_MAX_SCALE || scale < 0 || scale > 12)
                return BF_EINVAL;
        if (scale >= d.scale) {
                if (__builtin_mul_overflow(d.units, pow10_small(scale - d.scale), &v))
                        return BF_EINVAL;
        } else {
                v = div_round(d.units, d.scale - scale);
        }
        *ret = v;
        return 0;
}

int decimal_to_money(bf_decimal d, const char *currency, bf_money *ret)
{
        bf_money m = { 0 };

        if (decimal_rescale(d, money_exponent(currency), &m.minor) < 0)
                return BF_EINVAL;
        if (currency)
                snprintf(m.currency, sizeof(m.currency), "%s", currency);
        *ret = m;
        return 0;
}

int decimal_mul(bf_decimal a, bf_decimal b, bf_decimal *ret)
{
        bf_decimal r;
        int scale;

        if (a.scale < 0 || a.scale > BF_DECIMAL_MAX_SCALE ||
            b.scale < 0 || b.scale > BF_DECIMAL_MAX_SCALE)
                return BF_EINVAL;
        scale = a.scale + b.scale;
        r.scale = scale > BF_DECIMAL_MAX_SCALE ? BF_DECIMAL_MAX_SCALE : scale;
#ifdef __SIZEOF_INT128__
        {
                __int128 p = (__int128)a.units * b.units, q;
                __int128 div = pow10_small(scale - r.scale), rem;

                q = p / div;
                rem = p % div;
                if (rem > 0 && rem >= div - rem)
                        q++;
                else if (rem < 0 && -rem >= div + rem)
                        q--;
                if (q > INT64_MAX || q < INT64_MIN)
                        return BF_EINVAL;
                r.units = (int64_t)q;
        }
#else
        {
                int64_t p;

                if (__builtin_mul_overflow(a.units, b.units, &p))
                        return BF_EINVAL;
                r.units = div_round(p, scale - r.scale);
        }
#endif
        *ret = r;
        return 0;
}

static int decimal_addsub(bf_decimal a, bf_decimal b, bool sub, bf_decimal *ret)
{
        bf_decimal r;
        int64_t x, y;
        bool overflow;

        r.scale = a.scale > b.scale ? a.scale : b.scale;
        if (decimal_rescale(a, r.scale, &x) < 0 || decimal_rescale(b, r.scale, &y) < 0)
                return BF_EINVAL;
        overflow = sub ? __builtin_sub_overflow(x, y, &r.units) :
                         __builtin_add_overflow(x, y, &r.units);
        if (overflow)
                return BF_EINVAL;
        *ret = r;
        return 0;
}

int decimal_add(bf_decimal a, bf_decimal b, bf_decimal *ret)
{
        return decimal_addsub(a, b, false, ret);
}

int decimal_sub(bf_decimal a, bf_decimal b, bf_decimal *ret)
{
        return decimal_addsub(a, b, true, ret);
}

bool decimal_is_zero(bf_decimal d)
{
        return d.units == 0;
}
