/* fuzz-money.c: libFuzzer target for money_parse and decimal_parse, with
 * round-trip checks through the formatters and the plain parsers. */
#include <stdlib.h>
#include <string.h>

#include "models/models.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const hints[] = { NULL, "", "EUR", "USD", "JPY", "KWD", "INR", "SEK", "CNY" };

static void check(bool ok)
{
        if (!ok)
                abort();
}

static void fuzz_money(const char *text, const char *hint)
{
        bf_money m, back, sum;
        char buf[32];
        int len;

        if (money_parse(text, hint, &m, NULL) < 0)
                return;
        check(m.currency[3] == '\0');
        check(m.currency[0] == '\0' || currency_is_known(m.currency));
        len = money_format(m, buf, sizeof(buf));
        check(len > 0 && (size_t)len == strlen(buf));
        /* The contract's own output reads back exactly, both ways. */
        check(money_parse_plain(buf, m.currency, &back, NULL) == 0);
        check(back.minor == m.minor && strcmp(back.currency, m.currency) == 0);
        check(money_parse(buf, m.currency, &back, NULL) == 0 && back.minor == m.minor);
        if (money_add(m, m, &sum) == 0)
                check(money_sub(sum, m, &back) == 0 && back.minor == m.minor);
        check(decimal_to_money(decimal_from_money(m), m.currency, &back) == 0 &&
              back.minor == m.minor);
}

static void fuzz_decimal(const char *text)
{
        bf_decimal d, back, r;
        bf_money m;
        char buf[32];
        int len;

        if (decimal_parse(text, &d, NULL) < 0)
                return;
        check(d.scale >= 0 && d.scale <= BF_DECIMAL_MAX_SCALE);
        len = decimal_format(d, buf, sizeof(buf));
        check(len > 0 && (size_t)len == strlen(buf));
        check(decimal_parse_plain(buf, &back, NULL) == 0 && decimal_cmp(back, d) == 0);
        check(decimal_cmp(d, d) == 0);
        if (decimal_add(d, d, &r) == 0)
                check(decimal_sub(r, d, &back) == 0 && decimal_cmp(back, d) == 0);
        if (decimal_mul(d, (bf_decimal){ 1, 0 }, &r) == 0)
                check(decimal_cmp(r, d) == 0);
        (void)decimal_mul(d, d, &r);
        (void)decimal_to_money(d, "EUR", &m);
        (void)decimal_to_money(d, "JPY", &m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *text;
        char code[BF_CURRENCY_LEN];

        if (size > 4096)
                return 0;
        text = malloc(size + 1);
        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = '\0';
        for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
                fuzz_money(text, hints[i]);
        fuzz_decimal(text);
        if (currency_from_text(text, code))
                check(currency_is_known(code));
        free(text);
        return 0;
}
