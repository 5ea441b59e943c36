/* test-models.c: unit tests for the models floor — money, decimals and dates
 * as invoices print them (and garbage), plus the invoice and journal helpers. */
#include <stdlib.h>
#include <string.h>

#include "models/models.h"
#include "models/records.h"
#include "tests/tap.h"

/* tap.h's string macro reads an uninitialised flag (its tap_c_ shadows itself
 * inside TAP_OK), so strings are compared here. */
static void str_eq(const char *got, const char *want, const char *what)
{
        int same = got && want ? strcmp(got, want) == 0 : got == want;

        TAP_OK(same, "%s %s", what, want ? want : "(null)");
        if (!same)
                printf("#   got '%s', want '%s'\n", got ? got : "(null)", want ? want : "(null)");
}

struct money_case {
        const char *text;
        const char *hint;
        int64_t minor;
        const char *currency;
};

static const struct money_case money_good[] = {
        { "1,234.56", NULL, 123456, "" },
        { "1.234,56", NULL, 123456, "" },
        { "1 234,56", NULL, 123456, "" },
        { "1\xc2\xa0" "234,56", NULL, 123456, "" },          /* NBSP */
        { "1\xe2\x80\xaf" "234,56", NULL, 123456, "" },      /* narrow NBSP */
        { "1\xe2\x80\x89" "234.56", NULL, 123456, "" },      /* thin space */
        { "$1,234.56", NULL, 123456, "USD" },
        { "$1,234.56", "CAD", 123456, "CAD" },
        { "$1,234.56", "EUR", 123456, "USD" },
        { "US$ 99.00", "CAD", 9900, "USD" },
        { "\xe2\x82\xac 12,00", NULL, 1200, "EUR" },         /* € 12,00 */
        { "12,00 \xe2\x82\xac", NULL, 1200, "EUR" },
        { "\xe2\x82\xac" "1.234.567,89", NULL, 123456789, "EUR" },
        { "(12.00)", NULL, -1200, "" },
        { "($12.00)", NULL, -1200, "USD" },
        { "12.00-", NULL, -1200, "" },
        { "-12.00", NULL, -1200, "" },
        { "- 12.00", NULL, -1200, "" },
        { "\xe2\x88\x92" "12.00", NULL, -1200, "" },         /* U+2212 minus */
        { "-$12.00", NULL, -1200, "USD" },
        { "$-12.00", NULL, -1200, "USD" },
        { "+12.00", NULL, 1200, "" },
        { "USD 12", NULL, 1200, "USD" },
        { "USD12", NULL, 1200, "USD" },
        { "12.00 EUR", NULL, 1200, "EUR" },
        { "12.00EUR", NULL, 1200, "EUR" },
        { "eur 12.00", NULL, 1200, "EUR" },
        { "$12 USD", NULL, 1200, "USD" },
        { "1'234.50", NULL, 123450, "" },
        { "CHF 1'234.50", NULL, 123450, "CHF" },
        { "1\xe2\x80\x99" "234.50 CHF", NULL, 123450, "CHF" }, /* ’ */
        { "Fr. 12.50", NULL, 1250, "CHF" },
        { "SFr. 12.50", NULL, 1250, "CHF" },
        { "RM 12.50", NULL, 1250, "MYR" },
        { "RM12.50", NULL, 1250, "MYR" },
        { "\xc2\xa3" "214.80", NULL, 21480, "GBP" },          /* £ */
        { "\xc2\xa5" "1,234", NULL, 1234, "JPY" },            /* ¥ */
        { "\xc2\xa5" "1,234", "CNY", 123400, "CNY" },
        { "\xe2\x82\xb9" "1,23,456.00", NULL, 12345600, "INR" }, /* ₹ lakh */
        { "\xe2\x82\xb9" "123,456.00", NULL, 12345600, "INR" },
        { "Rs. 500", NULL, 50000, "INR" },
        { "kr 12,50", "SEK", 1250, "SEK" },
        { "12,50 kr", "NOK", 1250, "NOK" },
        { "kr 12,50", "EUR", 1250, "" },
        { "1.234", NULL, 123400, "" },
        { "12.345", "EUR", 1234500, "EUR" },
        { "1,234", NULL, 123400, "" },
        { "0.455", "KWD", 455, "KWD" },
        { "KWD 1.234", NULL, 1234, "KWD" },
        { "KWD 1,234.500", NULL, 1234500, "KWD" },
        { "1,234.5", NULL, 123450, "" },
        { "12,5", NULL, 1250, "" },
        { "0,50", NULL, 50, "" },
        { ".50", NULL, 50, "" },
        { "1234.5600", NULL, 123456, "" },
        { "12.000", "EUR", 1200000, "EUR" },
        { "1,234,567.89", NULL, 123456789, "" },
        { "1.234.567", NULL, 123456700, "" },
        { "  12.00  ", NULL, 1200, "" },
        { "0", NULL, 0, "" },
        { "1234", "JPY", 1234, "JPY" },
        { "12", "USD", 1200, "USD" },
        { "12", "nonsense", 1200, "" },
        { "1 234.567", "BHD", 1234567, "BHD" },
        { "92233720368547758.07", NULL, INT64_MAX, "" },
        { "-92233720368547758.07", NULL, -INT64_MAX, "" },
        { "00000000000000000000000000000000000000000000000000001.00", NULL, 100, "" },
        { "z\xc5\x82 10,00", NULL, 1000, "PLN" },
};

static const char *const money_bad[] = {
        "", " ", "-", "()", "$", "EUR", "abc", "12abc", "1,2,3", "1,23,4", "1.2.3,4",
        "1,234,56", "1..2", "1,,234", "12.", "12,", ",", ".", "1 2", "12 34",
        "1.234,567,89", "1,234.567,89", "--12", "-12-", "(12", "12)", "(-12)",
        "12.3456", "0.001", "1'234'56", "12 EUR USD", "\xe2\x82\xac 12 USD",
        "1e5", "0x10", "12\x01" "34", "\x7f" "12", "12\n34", "1 234 56",
        "92233720368547758.08", "-92233720368547758.09", "99999999999999999999",
        "1\xc2" "234", "\xff\xfe", "1.2.3", "1'2", "Infinity", "NaN",
};

static void test_money_parse(void)
{
        for (size_t i = 0; i < sizeof(money_good) / sizeof(money_good[0]); i++) {
                const struct money_case *c = &money_good[i];
                bf_money m = { 0 };
                struct bf_error err = { 0 };
                int r = money_parse(c->text, c->hint, &m, &err);

                TAP_INT_EQ(r, 0, "money_parse '%s' ok", c->text);
                if (r < 0)
                        printf("#   %s\n", err.msg);
                TAP_INT_EQ(m.minor, c->minor, "money_parse '%s' minor", c->text);
                TAP_OK(strcmp(m.currency, c->currency) == 0, "money_parse '%s' currency '%s'",
                       c->text, m.currency);
        }
        for (size_t i = 0; i < sizeof(money_bad) / sizeof(money_bad[0]); i++) {
                const char *s = money_bad[i];
                bf_money m = { .minor = 4242 };
                struct bf_error err = { 0 };
                int r = money_parse(s, "EUR", &m, &err);
                TAP_INT_EQ(r, BF_EINVAL, "money_parse rejects bad amount #%zu", i);
                TAP_OK(m.minor == 4242, "money_parse leaves ret untouched on error #%zu", i);
                TAP_OK(err.code == BF_EINVAL && strncmp(err.msg, "bad amount '", 12) == 0,
                       "error message for bad amount #%zu: %s", i, err.msg);
                TAP_OK(strchr(err.msg, '\n') == NULL && strchr(err.msg, '\x01') == NULL,
                       "error message has no control bytes #%zu", i);
        }
}

static void test_money_limits(void)
{
        char *big = malloc(10001);
        struct bf_error err = { 0 };
        bf_money m;

        memset(big, '9', 10000);
        big[10000] = '\0';
        TAP_INT_EQ(money_parse(big, NULL, &m, &err), BF_EINVAL, "10 000 digits rejected");
        TAP_OK(strstr(err.msg, "too long") != NULL, "10 000 digits: '%s'", err.msg);
        TAP_OK(strlen(err.msg) < 100, "long input is not copied whole into the message");
        TAP_INT_EQ(decimal_parse(big, &(bf_decimal){ 0 }, NULL), BF_EINVAL, "decimal: 10 000 digits");
        TAP_INT_EQ(decimal_parse_plain(big, &(bf_decimal){ 0 }, NULL), BF_EINVAL,
                   "decimal_parse_plain: 10 000 digits");
        TAP_INT_EQ(money_parse_plain(big, "EUR", &m, NULL), BF_EINVAL, "money_parse_plain: 10 000 digits");

        memset(big, '1', 65);
        big[65] = '\0';
        err.msg[0] = '\0';
        TAP_INT_EQ(money_parse(big, NULL, &m, &err), BF_EINVAL, "65 digits rejected");
        TAP_OK(strstr(err.msg, "too many digits") != NULL, "65 digits: '%s'", err.msg);
        big[20] = '\0';
        TAP_INT_EQ(money_parse(big, NULL, &m, &err), BF_EINVAL, "20 digits overflow");
        TAP_OK(strstr(err.msg, "out of range") != NULL, "overflow: '%s'", err.msg);
        TAP_INT_EQ(money_parse(NULL, NULL, &m, &err), BF_EINVAL, "NULL amount");
        TAP_INT_EQ(money_parse("12", NULL, &m, NULL), 0, "err may be NULL");
        free(big);
}

static void test_money_misc(void)
{
        char buf[32], code[BF_CURRENCY_LEN];
        bf_money m, r;

        TAP_INT_EQ(money_exponent("JPY"), 0, "JPY exponent");
        TAP_INT_EQ(money_exponent("KRW"), 0, "KRW exponent");
        TAP_INT_EQ(money_exponent("BHD"), 3, "BHD exponent");
        TAP_INT_EQ(money_exponent("KWD"), 3, "KWD exponent");
        TAP_INT_EQ(money_exponent("OMR"), 3, "OMR exponent");
        TAP_INT_EQ(money_exponent("JOD"), 3, "JOD exponent");
        TAP_INT_EQ(money_exponent("TND"), 3, "TND exponent");
        TAP_INT_EQ(money_exponent("LYD"), 3, "LYD exponent");
        TAP_INT_EQ(money_exponent("IQD"), 3, "IQD exponent");
        TAP_INT_EQ(money_exponent("EUR"), 2, "EUR exponent");
        TAP_INT_EQ(money_exponent(""), 2, "empty exponent");
        TAP_INT_EQ(money_exponent(NULL), 2, "NULL exponent");
        TAP_INT_EQ(money_exponent("XXXX"), 2, "junk exponent");

        TAP_OK(currency_is_known("GBP"), "GBP known");
        TAP_OK(currency_is_known("MYR"), "MYR known");
        TAP_OK(!currency_is_known("gbp"), "lower-case code not known");
        TAP_OK(!currency_is_known("XYZ"), "XYZ unknown");
        TAP_OK(!currency_is_known("EURO"), "EURO unknown");
        TAP_OK(!currency_is_known(""), "empty unknown");
        TAP_OK(!currency_is_known(NULL), "NULL unknown");

        static const struct { const char *text, *code; } cur[] = {
                { "\xe2\x82\xac", "EUR" }, { "EUR", "EUR" }, { "US$", "USD" }, { "RM", "MYR" },
                { "Total in GBP", "GBP" }, { "Amount: $12", "USD" }, { "CHF", "CHF" },
                { "\xe2\x82\xb9", "INR" }, { "\xc2\xa5", "JPY" }, { "gbp", "GBP" },
                { "Currency: usd", NULL }, { "TEURO", NULL }, { "ALL ITEMS", "ALL" },
                { "all items", NULL }, { "", NULL }, { "12.00", NULL }, { "kr", NULL },
                { "Fr. 12", "CHF" }, { "Freitag", NULL },
        };
        for (size_t i = 0; i < sizeof(cur) / sizeof(cur[0]); i++) {
                bool ok = currency_from_text(cur[i].text, code);

                if (cur[i].code)
                        TAP_OK(ok && strcmp(code, cur[i].code) == 0, "currency_from_text '%s'",
                               cur[i].text);
                else
                        TAP_OK(!ok, "currency_from_text '%s' finds none", cur[i].text);
        }
        TAP_OK(!currency_from_text(NULL, code), "currency_from_text NULL");

        static const struct { int64_t minor; const char *cur, *want; } fmt[] = {
                { 123456, "EUR", "1234.56" }, { -123456, "EUR", "-1234.56" },
                { 5, "USD", "0.05" }, { -5, "USD", "-0.05" }, { 0, "", "0.00" },
                { 1234, "JPY", "1234" }, { 1234, "KWD", "1.234" }, { -1, "KWD", "-0.001" },
                { INT64_MAX, "USD", "92233720368547758.07" },
                { INT64_MIN, "USD", "-92233720368547758.08" },
                { INT64_MIN, "JPY", "-9223372036854775808" },
        };
        for (size_t i = 0; i < sizeof(fmt) / sizeof(fmt[0]); i++) {
                bf_money x = { .minor = fmt[i].minor };

                strcpy(x.currency, fmt[i].cur);
                TAP_INT_EQ(money_format(x, buf, sizeof(buf)), (int)strlen(fmt[i].want),
                           "money_format length %s", fmt[i].want);
                str_eq(buf, fmt[i].want, "money_format");
        }
        m = (bf_money){ .minor = 123456, .currency = "EUR" };
        TAP_INT_EQ(money_format(m, buf, 7), BF_ETOOBIG, "money_format too small");
        TAP_INT_EQ(money_format(m, buf, 8), 7, "money_format exact fit");

        bf_money a = { 100, "EUR" }, b = { 250, "EUR" }, u = { 1, "USD" }, e = { 5, "" };
        TAP_OK(money_add(a, b, &r) == 0 && r.minor == 350 && strcmp(r.currency, "EUR") == 0,
               "money_add");
        TAP_OK(money_sub(a, b, &r) == 0 && r.minor == -150, "money_sub");
        TAP_OK(money_add(e, a, &r) == 0 && r.minor == 105 && strcmp(r.currency, "EUR") == 0,
               "money_add with empty currency");
        r.minor = 77;
        TAP_INT_EQ(money_add(a, u, &r), BF_EINVAL, "money_add currency mismatch");
        TAP_INT_EQ(r.minor, 77, "money_add leaves ret on error");
        TAP_INT_EQ(money_add((bf_money){ INT64_MAX, "EUR" }, (bf_money){ 1, "EUR" }, &r),
                   BF_EINVAL, "money_add overflow");
        TAP_INT_EQ(money_sub((bf_money){ INT64_MIN, "EUR" }, (bf_money){ 1, "EUR" }, &r),
                   BF_EINVAL, "money_sub overflow");

        TAP_OK(money_parse_plain("214.80", "GBP", &m, NULL) == 0 && m.minor == 21480 &&
               strcmp(m.currency, "GBP") == 0, "money_parse_plain 214.80 GBP");
        TAP_OK(money_parse_plain("1.234", "KWD", &m, NULL) == 0 && m.minor == 1234,
               "money_parse_plain 1.234 KWD");
        TAP_OK(money_parse_plain("-5", "JPY", &m, NULL) == 0 && m.minor == -5,
               "money_parse_plain -5 JPY");
        TAP_OK(money_parse_plain("1.50", "JPY", &m, NULL) == BF_EINVAL, "money_parse_plain 1.50 JPY");
        TAP_OK(money_parse_plain("1.00", "JPY", &m, NULL) == 0 && m.minor == 1,
               "money_parse_plain 1.00 JPY");
        TAP_OK(money_parse_plain("1.234", "EUR", &m, NULL) == BF_EINVAL,
               "money_parse_plain 1.234 EUR is not a thousand");
        TAP_OK(money_parse_plain("1,234.00", "EUR", &m, NULL) == BF_EINVAL,
               "money_parse_plain rejects grouping");
        TAP_OK(money_parse_plain("92233720368547758.08", "EUR", &m, NULL) == BF_EINVAL,
               "money_parse_plain overflow");
}

struct dec_case {
        const char *text;
        int64_t units;
        int scale;
};

static void test_decimal(void)
{
        static const struct dec_case good[] = {
                { "200", 200, 0 }, { "1.5", 15, 1 }, { "1,5", 15, 1 }, { "1,000.25", 100025, 2 },
                { "0.455", 455, 3 }, { "1.50", 150, 2 }, { "-2.5", -25, 1 }, { "(2.5)", -25, 1 },
                { "1.000", 1000, 0 }, { "0.1234560000", 123456, 6 }, { "0.000001", 1, 6 },
                { "$0.45", 45, 2 }, { "\xe2\x82\xac" "1.234,5678", 12345678, 4 },
                { "1 000", 1000, 0 }, { "9223372036854775807", INT64_MAX, 0 },
                { "-9223372036854775807", -INT64_MAX, 0 },
        };
        static const char *const bad[] = {
                "", "x", "1.2.3,4", "0.0000001", "9223372036854775808", "1e3", "1,23,4",
                "12\x02", "- -1", "1.5.", "--1",
        };
        char buf[32];

        for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
                bf_decimal d = { 0 };
                struct bf_error err = { 0 };
                int r = decimal_parse(good[i].text, &d, &err);

                TAP_INT_EQ(r, 0, "decimal_parse '%s' ok", good[i].text);
                if (r < 0)
                        printf("#   %s\n", err.msg);
                TAP_OK(d.units == good[i].units && d.scale == good[i].scale,
                       "decimal_parse '%s' = %lld/10^%d", good[i].text, (long long)d.units, d.scale);
        }
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                struct bf_error err = { 0 };

                TAP_INT_EQ(decimal_parse(bad[i], &(bf_decimal){ 0 }, &err), BF_EINVAL,
                           "decimal_parse rejects bad #%zu: %s", i, err.msg);
        }

        static const struct dec_case plain[] = {
                { "1.234", 1234, 3 }, { "-0.5", -5, 1 }, { "+7", 7, 0 }, { "0.455", 455, 3 },
                { "100", 100, 0 }, { "2.000", 2000, 3 },
        };
        for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
                bf_decimal d = { 0 };

                TAP_OK(decimal_parse_plain(plain[i].text, &d, NULL) == 0 &&
                       d.units == plain[i].units && d.scale == plain[i].scale,
                       "decimal_parse_plain '%s'", plain[i].text);
        }
        static const char *const plain_bad[] = { "", "1,5", "1.", ".5", "1 000", "$1", "-", "1.2.3" };
        for (size_t i = 0; i < sizeof(plain_bad) / sizeof(plain_bad[0]); i++)
                TAP_INT_EQ(decimal_parse_plain(plain_bad[i], &(bf_decimal){ 0 }, NULL), BF_EINVAL,
                           "decimal_parse_plain rejects '%s'", plain_bad[i]);

        static const struct { bf_decimal d; const char *want; } fmt[] = {
                { { 15, 1 }, "1.5" }, { { 150, 2 }, "1.5" }, { { 200, 0 }, "200" },
                { { 2000, 3 }, "2" }, { { -5, 1 }, "-0.5" }, { { 0, 4 }, "0" },
                { { 1, 6 }, "0.000001" }, { { INT64_MIN, 6 }, "-9223372036854.775808" },
        };
        for (size_t i = 0; i < sizeof(fmt) / sizeof(fmt[0]); i++) {
                decimal_format(fmt[i].d, buf, sizeof(buf));
                str_eq(buf, fmt[i].want, "decimal_format");
        }
        TAP_INT_EQ(decimal_format((bf_decimal){ 15, 1 }, buf, 3), BF_ETOOBIG, "decimal_format too small");
        TAP_INT_EQ(decimal_format((bf_decimal){ 15, 9 }, buf, sizeof(buf)), BF_EINVAL,
                   "decimal_format bad scale");

        TAP_INT_EQ(decimal_cmp((bf_decimal){ 15, 1 }, (bf_decimal){ 150, 2 }), 0, "cmp 1.5 = 1.50");
        TAP_INT_EQ(decimal_cmp((bf_decimal){ 15, 1 }, (bf_decimal){ 151, 2 }), -1, "cmp 1.5 < 1.51");
        TAP_INT_EQ(decimal_cmp((bf_decimal){ -15, 1 }, (bf_decimal){ -9, 1 }), -1, "cmp -1.5 < -0.9");
        TAP_INT_EQ(decimal_cmp((bf_decimal){ -1, 0 }, (bf_decimal){ -5, 1 }), -1, "cmp -1 < -0.5");
        TAP_INT_EQ(decimal_cmp((bf_decimal){ INT64_MAX, 0 }, (bf_decimal){ INT64_MAX, 6 }), 1,
                   "cmp huge values exactly");
        TAP_INT_EQ(decimal_cmp((bf_decimal){ INT64_MIN, 0 }, (bf_decimal){ INT64_MIN, 1 }), -1,
                   "cmp huge negatives exactly");

        bf_decimal r;
        bf_money m;
        TAP_OK(decimal_mul((bf_decimal){ 200, 0 }, (bf_decimal){ 45, 2 }, &r) == 0 &&
               r.units == 9000 && r.scale == 2, "200 x 0.45 = 90.00");
        TAP_OK(decimal_mul((bf_decimal){ 1234567, 6 }, (bf_decimal){ 1000005, 6 }, &r) == 0 &&
               r.units == 1234573 && r.scale == 6, "mul rounds to 6 places (half up)");
        TAP_OK(decimal_mul((bf_decimal){ 5, 6 }, (bf_decimal){ 5, 1 }, &r) == 0 &&
               r.units == 3 && r.scale == 6, "0.000005 x 0.5 rounds half away from zero");
        TAP_OK(decimal_mul((bf_decimal){ -5, 6 }, (bf_decimal){ 5, 1 }, &r) == 0 &&
               r.units == -3, "negative half rounds away from zero");
        TAP_OK(decimal_mul((bf_decimal){ 12345678901234, 6 }, (bf_decimal){ 12345678901, 6 }, &r) == 0 &&
               r.scale == 6, "mul with a wide intermediate");
        TAP_INT_EQ(decimal_mul((bf_decimal){ INT64_MAX, 0 }, (bf_decimal){ 2, 0 }, &r), BF_EINVAL,
                   "mul overflow");
        TAP_INT_EQ(decimal_mul((bf_decimal){ INT64_MIN, 0 }, (bf_decimal){ -1, 0 }, &r), BF_EINVAL,
                   "mul INT64_MIN x -1 overflow");
        TAP_OK(decimal_add((bf_decimal){ 15, 1 }, (bf_decimal){ 25, 2 }, &r) == 0 &&
               r.units == 175 && r.scale == 2, "1.5 + 0.25");
        TAP_OK(decimal_sub((bf_decimal){ 15, 1 }, (bf_decimal){ 25, 2 }, &r) == 0 &&
               r.units == 125, "1.5 - 0.25");
        TAP_INT_EQ(decimal_add((bf_decimal){ INT64_MAX, 0 }, (bf_decimal){ 1, 1 }, &r), BF_EINVAL,
                   "add overflow when rescaling");
        TAP_INT_EQ(decimal_sub((bf_decimal){ INT64_MIN, 0 }, (bf_decimal){ 1, 0 }, &r), BF_EINVAL,
                   "sub overflow");
        TAP_OK(decimal_is_zero((bf_decimal){ 0, 3 }) && !decimal_is_zero((bf_decimal){ 1, 6 }),
               "decimal_is_zero");

        TAP_OK(decimal_to_money((bf_decimal){ 12345, 3 }, "EUR", &m) == 0 && m.minor == 1235 &&
               strcmp(m.currency, "EUR") == 0, "12.345 -> 12.35 EUR");
        TAP_OK(decimal_to_money((bf_decimal){ -12345, 3 }, "EUR", &m) == 0 && m.minor == -1235,
               "-12.345 -> -12.35 EUR");
        TAP_OK(decimal_to_money((bf_decimal){ 12344, 3 }, "EUR", &m) == 0 && m.minor == 1234,
               "12.344 -> 12.34 EUR");
        TAP_OK(decimal_to_money((bf_decimal){ 5, 1 }, "JPY", &m) == 0 && m.minor == 1, "0.5 JPY -> 1");
        TAP_OK(decimal_to_money((bf_decimal){ 15, 1 }, "KWD", &m) == 0 && m.minor == 1500,
               "1.5 KWD -> 1500");
        TAP_INT_EQ(decimal_to_money((bf_decimal){ INT64_MAX, 0 }, "EUR", &m), BF_EINVAL,
                   "decimal_to_money overflow");
        m = (bf_money){ 1234, "KWD" };
        r = decimal_from_money(m);
        TAP_OK(r.units == 1234 && r.scale == 3, "decimal_from_money KWD");
        r = decimal_from_money((bf_money){ 99, "JPY" });
        TAP_OK(r.units == 99 && r.scale == 0, "decimal_from_money JPY");
}

struct date_case {
        const char *text;
        enum date_order hint;
        int y, m, d;
        double conf;
};

static const struct date_case date_good[] = {
        { "03/11/2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 0.5 },
        { "03/11/2026", DATE_ORDER_DMY, 2026, 11, 3, 0.9 },
        { "03/11/2026", DATE_ORDER_MDY, 2026, 3, 11, 0.9 },
        { "13/05/2026", DATE_ORDER_MDY, 2026, 5, 13, 1.0 },
        { "05/13/2026", DATE_ORDER_DMY, 2026, 5, 13, 1.0 },
        { "05/05/2026", DATE_ORDER_UNKNOWN, 2026, 5, 5, 1.0 },
        { "3.11.2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 0.5 },
        { "3.11.26", DATE_ORDER_DMY, 2026, 11, 3, 0.9 },
        { "31.12.99", DATE_ORDER_UNKNOWN, 1999, 12, 31, 1.0 },
        { "01-02-70", DATE_ORDER_DMY, 1970, 2, 1, 0.9 },
        { "01-02-69", DATE_ORDER_DMY, 2069, 2, 1, 0.9 },
        { "2026-11-03", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "2026-11-03", DATE_ORDER_MDY, 2026, 11, 3, 1.0 },
        { "2026/11/03", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "2026.1.3", DATE_ORDER_UNKNOWN, 2026, 1, 3, 1.0 },
        { "20261103", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "26/11/03", DATE_ORDER_YMD, 2026, 11, 3, 0.9 },
        { "2026-11-03T10:22:00Z", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "03/11/2026 14:22", DATE_ORDER_DMY, 2026, 11, 3, 0.9 },
        { "3 Nov 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "3 nov. 2026", DATE_ORDER_MDY, 2026, 11, 3, 1.0 },
        { "Nov 3, 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "November 3, 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "NOVEMBER 3 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "03-NOV-26", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "3. November 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "03 novembre 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "3 de noviembre de 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "3 januari 2026", DATE_ORDER_UNKNOWN, 2026, 1, 3, 1.0 },
        { "3 maart 2026", DATE_ORDER_UNKNOWN, 2026, 3, 3, 1.0 },
        { "3. M\xc3\xa4rz 2026", DATE_ORDER_UNKNOWN, 2026, 3, 3, 1.0 },
        { "3. M\xc3\x84RZ 2026", DATE_ORDER_UNKNOWN, 2026, 3, 3, 1.0 },
        { "3. Maerz 2026", DATE_ORDER_UNKNOWN, 2026, 3, 3, 1.0 },
        { "3. Marz 2026", DATE_ORDER_UNKNOWN, 2026, 3, 3, 1.0 },
        { "1er mars 2026", DATE_ORDER_UNKNOWN, 2026, 3, 1, 1.0 },
        { "le 1er mars 2026", DATE_ORDER_UNKNOWN, 2026, 3, 1, 1.0 },
        { "12 f\xc3\xa9vrier 2026", DATE_ORDER_UNKNOWN, 2026, 2, 12, 1.0 },
        { "12 fevrier 2026", DATE_ORDER_UNKNOWN, 2026, 2, 12, 1.0 },
        { "15 ao\xc3\xbbt 2026", DATE_ORDER_UNKNOWN, 2026, 8, 15, 1.0 },
        { "24 D\xc3\x89" "CEMBRE 2026", DATE_ORDER_UNKNOWN, 2026, 12, 24, 1.0 },
        { "1\xc2\xba de enero de 2026", DATE_ORDER_UNKNOWN, 2026, 1, 1, 1.0 },
        { "Monday, 3 November 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "Mon, Nov 3, 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "Montag, 3. November 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "mi\xc3\xa9rcoles, 3 de noviembre de 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "3rd November 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "the 3rd of November, 2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "November 21st, 2026", DATE_ORDER_UNKNOWN, 2026, 11, 21, 1.0 },
        { "2nd Jan 2026", DATE_ORDER_UNKNOWN, 2026, 1, 2, 1.0 },
        { "2026-Nov-03", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "29 Feb 2024", DATE_ORDER_UNKNOWN, 2024, 2, 29, 1.0 },
        { "29.02.2000", DATE_ORDER_UNKNOWN, 2000, 2, 29, 1.0 },
        { "1 sept 2026", DATE_ORDER_UNKNOWN, 2026, 9, 1, 1.0 },
        { "1 okt 2026", DATE_ORDER_UNKNOWN, 2026, 10, 1, 1.0 },
        { "1 dic 2026", DATE_ORDER_UNKNOWN, 2026, 12, 1, 1.0 },
        { "  3 Nov 2026  ", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "3\xc2\xa0Nov\xc2\xa0" "2026", DATE_ORDER_UNKNOWN, 2026, 11, 3, 1.0 },
        { "03 / 11 / 2026", DATE_ORDER_DMY, 2026, 11, 3, 0.9 },
        { "1900-01-01", DATE_ORDER_UNKNOWN, 1900, 1, 1, 1.0 },
        { "2200-12-31", DATE_ORDER_UNKNOWN, 2200, 12, 31, 1.0 },
};

static const char *const date_bad[] = {
        "", " ", "2026", "Nov 2026", "November", "32/01/2026", "31/04/2026", "29.02.2026",
        "29 Feb 1900", "13/13/2026", "2026-13-01", "2026-02-30", "1899-12-31", "2201-01-01",
        "00/01/2026", "03/11/2026/1", "03/11-2026", "03//11/2026", "3 Foo 2026", "3 Nov Dec 2026",
        "3 Nov 2026 extra", "3 Nov 226", "3/11/226", "003/11/2026", "2026-011-03",
        "123456789", "2026110", "3xx Nov 2026", "Nov3 2026", "3 Nov 2026\x01", "\x01",
        "3,11,2026", "99999999999999999999", "03.11.2026.11.2026.1.1.1.1.1.1.1.1", "0000-00-00",
        "\xff\xfe", "3 N\xe2\x82\xacv 2026", "3 Novemberrrrrrrrrrrrrrrrrrrrrrr 2026", "- - -",
"T10:00", "2026-11-03T", "0/0/0",
};

static void test_dates(void)
{
        char buf[16];

        for (size_t i = 0; i < sizeof(date_good) / sizeof(date_good[0]); i++) {
                const struct date_case *c = &date_good[i];
                bf_date d = { 0 };
                double conf = -1;
                struct bf_error err = { 0 };
                int r = date_parse(c->text, c->hint, &d, &conf, &err);

                TAP_INT_EQ(r, 0, "date_parse '%s' ok", c->text);
                if (r < 0)
                        printf("#   %s\n", err.msg);
                TAP_OK(d.y == c->y && d.m == c->m && d.d == c->d,
                       "date_parse '%s' = %04d-%02d-%02d", c->text, d.y, d.m, d.d);
                TAP_OK(conf == c->conf, "date_parse '%s' confidence %.2f (want %.2f)", c->text,
                       conf, c->conf);
        }
        for (size_t i = 0; i < sizeof(date_bad) / sizeof(date_bad[0]); i++) {
                bf_date d = { 1, 1, 1 };
                struct bf_error err = { 0 };
                int r = date_parse(date_bad[i], DATE_ORDER_UNKNOWN, &d, NULL, &err);

                TAP_INT_EQ(r, BF_EINVAL, "date_parse rejects bad #%zu: %s", i, err.msg);
                TAP_OK(d.y == 1 && d.m == 1 && d.d == 1, "date_parse leaves ret untouched #%zu", i);
                TAP_OK(strncmp(err.msg, "bad date '", 10) == 0 && strchr(err.msg, '\x01') == NULL,
                       "date error message #%zu", i);
        }
        char *big = malloc(10001);
        memset(big, '1', 10000);
        big[10000] = '\0';
        TAP_INT_EQ(date_parse(big, DATE_ORDER_UNKNOWN, &(bf_date){ 0 }, NULL, NULL), BF_EINVAL,
                   "date_parse 10 000 digits");
        free(big);
        TAP_INT_EQ(date_parse(NULL, DATE_ORDER_UNKNOWN, &(bf_date){ 0 }, NULL, NULL), BF_EINVAL,
                   "date_parse NULL");

        bf_date d = { 2026, 11, 3 };
        TAP_INT_EQ(date_format(d, buf, sizeof(buf)), 10, "date_format length");
        str_eq(buf, "2026-11-03", "date_format");
        TAP_INT_EQ(date_format(d, buf, 10), BF_ETOOBIG, "date_format small buffer");
        TAP_INT_EQ(date_format((bf_date){ 0 }, buf, sizeof(buf)), BF_EINVAL, "date_format unset");
        TAP_OK(date_is_set(d) && !date_is_set((bf_date){ 0 }), "date_is_set");
        TAP_OK(date_is_valid(d), "date_is_valid");
        TAP_OK(!date_is_valid((bf_date){ 2026, 2, 29 }), "2026-02-29 invalid");
        TAP_OK(date_is_valid((bf_date){ 2024, 2, 29 }), "2024-02-29 valid");
        TAP_OK(!date_is_valid((bf_date){ 2026, 0, 1 }), "month 0 invalid");
        TAP_OK(!date_is_valid((bf_date){ 2026, 1, -1 }), "negative day invalid");

        TAP_INT_EQ(date_to_days((bf_date){ 1970, 1, 1 }), 0, "epoch");
        TAP_INT_EQ(date_to_days((bf_date){ 2000, 3, 1 }), 11017, "2000-03-01");
        TAP_INT_EQ(date_to_days((bf_date){ 1969, 12, 31 }), -1, "1969-12-31");
        d = date_from_days(20395);
        TAP_OK(d.y == 2025 && d.m == 11 && d.d == 3, "date_from_days 20395");
        d = date_add_days((bf_date){ 2026, 11, 3 }, 30);
        TAP_OK(d.y == 2026 && d.m == 12 && d.d == 3, "Net 30 from 2026-11-03");
        d = date_add_days((bf_date){ 2024, 2, 28 }, 1);
        TAP_OK(d.y == 2024 && d.m == 2 && d.d == 29, "leap day");
        d = date_add_days((bf_date){ 2026, 12, 31 }, 1);
        TAP_OK(d.y == 2027 && d.m == 1 && d.d == 1, "new year");
        d = date_add_days((bf_date){ 2026, 1, 1 }, -1);
        TAP_OK(d.y == 2025 && d.m == 12 && d.d == 31, "minus one day");
        TAP_OK(!date_is_set(date_add_days((bf_date){ 0 }, 5)), "unset date stays unset");
        TAP_OK(!date_is_set(date_add_days((bf_date){ 9999, 12, 31 }, 1)), "past year 9999 is unset");
        TAP_OK(!date_is_set(date_from_days(INT64_MAX)), "date_from_days huge");
        TAP_OK(!date_is_set(date_from_days(INT64_MIN)), "date_from_days huge negative");
        d = date_add_days((bf_date){ 2026, 11, 3 }, 2000000000);
        TAP_OK(!date_is_set(d), "date_add_days far future is unset");

        /* Every day of 1900..2200 round-trips through days and text. */
        int bad_round = 0;
        for (int64_t n = date_to_days((bf_date){ 1900, 1, 1 });
             n <= date_to_days((bf_date){ 2200, 12, 31 }); n++) {
                bf_date x = date_from_days(n), y;

                if (!date_is_valid(x) || date_to_days(x) != n ||
                    date_format(x, buf, sizeof(buf)) != 10 ||
                    date_parse(buf, DATE_ORDER_UNKNOWN, &y, NULL, NULL) != 0 ||
                    y.y != x.y || y.m != x.m || y.d != x.d)
                        bad_round++;
        }
        TAP_INT_EQ(bad_round, 0, "days and ISO text round-trip for 1900..2200");
}

static void test_invoice_helpers(void)
{
        bf_invoice inv;
        struct bf_error err = { 0 };
        char *n;

        invoice_init(&inv);
        TAP_INT_EQ(invoice_set_field(&inv, FIELD_CURRENCY, "GBP", &err), 0, "set currency");
        TAP_INT_EQ(invoice_set_field(&inv, FIELD_TOTAL, "214.80", &err), 0, "set total");
        TAP_OK(inv.total.minor == 21480 && strcmp(inv.total.currency, "GBP") == 0 &&
               inv.meta[FIELD_TOTAL].present && inv.meta[FIELD_TOTAL].confidence == 1.0,
               "total is 214.80 GBP with confidence 1");
        TAP_INT_EQ(invoice_set_field(&inv, FIELD_INVOICE_DATE, "2026-11-03", &err), 0, "set date");
        TAP_OK(inv.invoice_date.y == 2026 && inv.invoice_date.m == 11 && inv.invoice_date.d == 3,
               "invoice date 2026-11-03");
        TAP_INT_EQ(invoice_set_field(&inv, FIELD_INVOICE_DATE, "2026-02-30", &err), BF_EINVAL,
                   "bad date rejected");
        TAP_OK(inv.invoice_date.d == 3, "bad date keeps the old value");
        TAP_INT_EQ(invoice_set_field(&inv, FIELD_TOTAL, "12.3.4", &err), BF_EINVAL,
                   "bad total rejected: %s", err.msg);
        TAP_INT_EQ(invoice_set_field(&inv, FIELD_TOTAL, "null", &err), 0, "clear total");
        TAP_OK(!inv.meta[FIELD_TOTAL].present, "total cleared");
        TAP_INT_EQ(invoice_set_field(&inv, FIELD_INVOICE_NUMBER, "INV-1", &err), 0, "set number");
        str_eq(inv.invoice_number, "INV-1", "invoice number");
        TAP_INT_EQ(invoice_set_field(&inv, FIELD_CURRENCY, "XYZ", &err), BF_EINVAL,
                   "unknown currency rejected");
        invoice_release(&inv);

        n = invoice_number_normalise("inv-2026/001 a");
        str_eq(n, "INV2026001A", "invoice_number_normalise");
        free(n);
        n = invoice_number_normalise("");
        str_eq(n, "", "invoice_number_normalise empty");
        free(n);

        bf_journal_entry e;
        entry_init(&e);
        TAP_OK(!entry_is_balanced(&e), "empty entry is not balanced");
        entry_add_posting(&e, "Expenses:Supplies", (bf_money){ 17900, "GBP" }, NULL);
        TAP_OK(!entry_is_balanced(&e), "one posting is not balanced");
        entry_add_posting(&e, "Assets:InputTax", (bf_money){ 3580, "GBP" }, NULL);
        entry_add_posting(&e, "Liabilities:AccountsPayable", (bf_money){ -21480, "GBP" }, "INV-1");
        TAP_OK(entry_is_balanced(&e), "three postings balance");
        entry_add_posting(&e, "Expenses:Other", (bf_money){ 1, "EUR" }, NULL);
        TAP_OK(!entry_is_balanced(&e), "an unbalanced second currency");
        entry_add_posting(&e, "Liabilities:AccountsPayable", (bf_money){ -1, "EUR" }, NULL);
        TAP_OK(entry_is_balanced(&e), "two currencies each balanced");
        entry_release(&e);

        entry_init(&e);
        entry_add_posting(&e, "A", (bf_money){ INT64_MAX, "EUR" }, NULL);
        entry_add_posting(&e, "B", (bf_money){ INT64_MAX, "EUR" }, NULL);
        entry_add_posting(&e, "C", (bf_money){ 2, "EUR" }, NULL);
        TAP_OK(!entry_is_balanced(&e), "overflowing postings are not balanced");
        entry_release(&e);
}

/* The one terminal escaping (the CLI and the TUI), the one quoting for
 * error messages, and the printed forms the TUI looks for on the page. */
static void test_text_for_people(void)
{
        static const char *const safe[][2] = {
                { "ACME Ltd", "ACME Ltd" },
                { "a\x1b[31mred", "a\\x1b[31mred" },
                { "tab\there\n", "tab\\x09here\\x0a" },
                { "del\x7f", "del\\x7f" },
                { "c1\xc2\x9b", "c1\\x9b" },                      /* U+009B CSI */
                { "evil\xe2\x80\xaegnp.exe", "evil\\u202egnp.exe" }, /* RLO */
                { "\xe2\x81\xa6x\xe2\x81\xa9", "\\u2066x\\u2069" },  /* isolates */
                { "\xef\xbb\xbf" "BOM", "\\ufeffBOM" },
                { "bad\xff\xc3", "bad\\xff\\xc3" },                 /* invalid UTF-8 */
                { "\xc0\xaf", "\\xc0\\xaf" },                      /* overlong '/' */
                { "\xed\xa0\x80", "\\xed\\xa0\\x80" },              /* a surrogate */
                { "Škoda Μαρτίου 😀", "Škoda Μαρτίου 😀" },
        };
        char buf[16], g[48];

        for (size_t i = 0; i < sizeof(safe) / sizeof(safe[0]); i++) {
                char *got = text_safe(safe[i][0]);
                TAP_STR_EQ(got, safe[i][1], "text_safe case %zu", i);
                free(got);
        }
        {
                char *got = text_safe(NULL);
                TAP_STR_EQ(got, "", "text_safe(NULL) is empty");
                free(got);
        }
        TAP_STR_EQ(text_quote("short", buf, sizeof(buf)), "short", "text_quote keeps short text");
        TAP_STR_EQ(text_quote("a\tb\x1b", buf, sizeof(buf)), "a?b?", "text_quote: controls as '?'");
        TAP_STR_EQ(text_quote("0123456789abcdefgh", buf, sizeof(buf)), "0123456789ab...",
                   "text_quote cuts long text with '...'");
        TAP_STR_EQ(text_quote("0123456789ÉÉÉÉ", buf, sizeof(buf)), "0123456789...",
                   "text_quote never cuts a UTF-8 character in half");
        TAP_INT_EQ(money_format_grouped((bf_money){ 123456789, "EUR" }, ',', '.', g, sizeof(g)), 12,
                   "grouped length");
        TAP_STR_EQ(g, "1,234,567.89", "1,234,567.89");
        money_format_grouped((bf_money){ -123456, "EUR" }, '.', ',', g, sizeof(g));
        TAP_STR_EQ(g, "-1.234,56", "-1.234,56: the sign is not grouped");
        money_format_grouped((bf_money){ 100000, "JPY" }, ' ', ',', g, sizeof(g));
        TAP_STR_EQ(g, "100 000", "JPY has no decimals");
        money_format_grouped((bf_money){ 99, "GBP" }, ',', '.', g, sizeof(g));
        TAP_STR_EQ(g, "0.99", "below a thousand nothing is grouped");
        TAP_INT_EQ(money_format_grouped((bf_money){ 123456789, "EUR" }, ',', '.', g, 5), BF_ETOOBIG,
                   "too small a buffer is BF_ETOOBIG");
        TAP_STR_EQ(date_month_name(1), "january", "month 1");
        TAP_STR_EQ(date_month_name(12), "december", "month 12");
        TAP_OK(date_month_name(0) == NULL && date_month_name(13) == NULL, "no month 0 or 13");
        {
                /* every spelling of a month, in every language, and no filler */
                size_t n = 0, i = 0;
                bool greek = false, filler = false;
                for (const char *w; (w = date_month_word(i)); i++) {
                        n += *w != 0;
                        greek |= strcmp(w, "\xce\xb9\xce\xb1\xce\xbd\xce\xbf\xcf\x85\xce\xb1"
                                           "\xcf\x81\xce\xb9\xce\xbf\xcf\x85") == 0;
                        filler |= strcmp(w, "de") == 0 || strcmp(w, "lundi") == 0;
                }
                TAP_OK(n > 200 && greek && !filler,
                       "month words: %zu, Greek 'ιανουαριου' among them, no filler or weekday", n);
                TAP_STR_EQ(date_month_word(0), "january", "month words open with English");
        }
}

/* The languages billflow reads, by either code; VAT ids told from other
 * tax ids by their country prefix. */
static void test_languages(void)
{
        static const char *const cases[][3] = {
                { "lv", "lv", "lav" }, { "LAV", "lv", "lav" }, { "de", "de", "deu" },
                { "el", "el", "ell" }, { "ga", "ga", "gle" }, { "mt", "mt", "mlt" },
                { "no", "no", "nor" }, { "isl", "is", "isl" }, { "en", "en", "eng" },
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                TAP_STR_EQ(language_iso_code(cases[i][0]), cases[i][1], "language '%s': ISO code", cases[i][0]);
                TAP_STR_EQ(language_ocr_code(cases[i][0]), cases[i][2], "language '%s': OCR code", cases[i][0]);
        }
        TAP_OK(language_iso_code("ch") == NULL, "Swiss usage is no language");
        TAP_OK(language_ocr_code("klingon") == NULL && language_ocr_code("") == NULL &&
               language_ocr_code(NULL) == NULL, "unknown languages: NULL");
        TAP_OK(vat_id_prefixed("DE 136 695 976") && vat_id_prefixed("CHE-116.281.710 MWST") &&
               vat_id_prefixed("el094259216"), "VAT ids have their country prefix");
        TAP_OK(!vat_id_prefixed("12-3456789") && !vat_id_prefixed("") && !vat_id_prefixed("US 123"),
               "other tax ids do not");
}

/* Early-payment terms as printed, and the discount in integer arithmetic. */
static void test_payterms(void)
{
        static const struct {
                const char *text;
                int bp, days, net;       /* bp -1: no terms */
        } cases[] = {
                { "Terms: 2/10 net 30", 200, 10, 30 },
                { "2/10, n/30", 200, 10, 30 },
                { "1.5/10 net 45", 150, 10, 45 },
                { "2% 10 days net 30", 200, 10, 30 },
                { "2% discount if paid within 10 days", 200, 10, -1 },
                { "3% Skonto bei Zahlung innerhalb 10 Tagen", 300, 10, -1 },
                { "Zahlbar innerhalb von 14 Tagen mit 2 % Skonto, 30 Tage netto", 200, 14, 30 },
                { "Escompte 2 % à 8 jours", 200, 8, -1 },
                { "escompte de 2,5 % pour paiement sous 8 jours", 250, 8, -1 },
                { "sconto 2% a 10 giorni", 200, 10, -1 },
                { "Net 30", -1, 0, 0 },
                { "Date 03/11/2026", -1, 0, 0 },
                { "VAT 20% 35.80", -1, 0, 0 },
                { "Discount 50% within 10 days", -1, 0, 0 },
                { "1/2 price", -1, 0, 0 },
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                bf_terms t = { 0, 0, -1 };
                bool ok = terms_parse(cases[i].text, &t);
                if (cases[i].bp < 0) {
                        TAP_OK(!ok, "'%s' states no early-payment terms", cases[i].text);
                        continue;
                }
                TAP_OK(ok && t.discount_bp == cases[i].bp && t.discount_days == cases[i].days &&
                       t.net_days == cases[i].net, "'%s': %d bp, %d days, net %d (got %d %d %d)",
                       cases[i].text, cases[i].bp, cases[i].days, cases[i].net, t.discount_bp,
                       t.discount_days, t.net_days);
        }
        bf_money d;
        TAP_INT_EQ(terms_discount((bf_money){ 21480, "EUR" }, 200, &d), 0, "2%% of 214.80");
        TAP_INT_EQ(d.minor, 430, "2%% of 214.80 is 4.30 (429.6 cents, half up)");
        TAP_INT_EQ(terms_discount((bf_money){ 125, "EUR" }, 200, &d), 0, "2%% of 1.25");
        TAP_INT_EQ(d.minor, 3, "2%% of 1.25 is 0.03 (2.5 cents rounds away from zero)");
        TAP_INT_EQ(terms_discount((bf_money){ -125, "EUR" }, 200, &d), 0, "2%% of -1.25");
        TAP_INT_EQ(d.minor, -3, "2%% of -1.25 is -0.03");
        TAP_INT_EQ(terms_discount((bf_money){ INT64_MAX / 100, "EUR" }, 300, &d), BF_EINVAL,
                   "an overflowing discount is an error");
        char buf[32], bic[BF_BIC_LEN];
        TAP_STR_EQ(iban_mask("DE89 3704 0044 0532 0130 00", buf, sizeof(buf)), "DE89****3000",
                   "IBAN masked in the middle");
        TAP_STR_EQ(iban_mask("DE89", buf, sizeof(buf)), "****", "a short IBAN is all mask");
        TAP_INT_EQ(bic_check("deut de ff 500", bic, NULL), 0, "BIC with spaces");
        TAP_STR_EQ(bic, "DEUTDEFF500", "BIC compact");
        TAP_INT_EQ(bic_check("DEUTDEFF5", NULL, NULL), BF_EINVAL, "a 9-character BIC is bad");
        TAP_INT_EQ(bic_check("DEU1DEFF", NULL, NULL), BF_EINVAL, "a digit in the bank code is bad");
}

static void test_record_ids(void)
{
        static const struct {
                const char *text;
                bool ok;
                int64_t id;
        } cases[] = {
                { "1", true, 1 }, { "42", true, 42 },
                { "9223372036854775807", true, INT64_MAX },
                { "9223372036854775808", false, 0 },      /* overflow */
                { "0", false, 0 }, { "-3", false, 0 }, { "", false, 0 },
                { "12abc", false, 0 }, { "abc", false, 0 }, { "7 ", false, 0 },
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                int64_t id = 0;
                bool ok = record_id_parse(cases[i].text, &id);
                TAP_OK(ok == cases[i].ok && (!ok || id == cases[i].id), "record id '%s' %s",
                       cases[i].text, cases[i].ok ? "read" : "refused");
        }
}

/* FIPS 180-2's vectors, and a buffer over one block that ends mid-block. */
static void test_sha256(void)
{
        char hex[65], *big = malloc(1000001);

        bf_sha256_hex("", 0, hex);
        str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256 ''");
        bf_sha256_hex("abc", 3, hex);
        str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256 abc");
        bf_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
        str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
               "sha256 two blocks");
        TAP_OK(big != NULL, "a million bytes");
        if (big) {
                memset(big, 'a', 1000000);
                bf_sha256_hex(big, 1000000, hex);
                str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                       "sha256 a million a's");
        }
        free(big);
}

int main(void)
{
        test_sha256();
        test_record_ids();
        test_payterms();
        test_money_parse();
        test_money_limits();
        test_money_misc();
        test_decimal();
        test_dates();
        test_invoice_helpers();
        test_text_for_people();
        test_languages();
        return tap_done();
}
