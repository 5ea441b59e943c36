/* fuzz-date.c: libFuzzer target for date_parse, with round-trip checks
 * through date_format and the day arithmetic. */
#include <stdlib.h>
#include <string.h>

#include "models/models.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
        if (!ok)
                abort();
}

static void fuzz_date(const char *text, enum date_order hint)
{
        bf_date d, back;
        double conf = -1;
        char buf[16];

        if (date_parse(text, hint, &d, &conf, NULL) < 0)
                return;
        check(date_is_set(d) && date_is_valid(d));
        check(d.y >= 1900 && d.y <= 2200);
        check(conf == 0.5 || conf == 0.9 || conf == 1.0);
        check(date_format(d, buf, sizeof(buf)) == 10);
        check(date_parse(buf, DATE_ORDER_UNKNOWN, &back, &conf, NULL) == 0);
        check(back.y == d.y && back.m == d.m && back.d == d.d && conf == 1.0);
        back = date_from_days(date_to_days(d));
        check(back.y == d.y && back.m == d.m && back.d == d.d);
        back = date_add_days(date_add_days(d, 400), -400);
        check(back.y == d.y && back.m == d.m && back.d == d.d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *text;

        if (size > 4096)
                return 0;
        text = malloc(size + 1);
        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = '\0';
        fuzz_date(text, DATE_ORDER_UNKNOWN);
        fuzz_date(text, DATE_ORDER_DMY);
        fuzz_date(text, DATE_ORDER_MDY);
        fuzz_date(text, DATE_ORDER_YMD);
        free(text);
        return 0;
}
