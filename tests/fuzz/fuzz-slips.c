/* fuzz-slips.c: libFuzzer target for the catalogue of OCR's slips
 * (extract/slips.c): every repair of a money token, a line's figure, a
 * date's text and an identifier, on any bytes; what they give back reads
 * as the kind it claims to be. */
#include <stdlib.h>
#include <string.h>

#include "extract/slips.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
        if (!ok)
                abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        if (size > 4096)
                return 0;
        char *text = malloc(size + 1);
        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = '\0';

        bf_money m, back;
        char buf[64];
        if (slips_amount(text, "", &m)) {
                int len = money_format(m, buf, sizeof(buf));
                check(len > 0 && money_parse_plain(buf, m.currency, &back, NULL) == 0 && back.minor == m.minor);
        }
        char fig[64];
        if (slips_figure(text, fig, sizeof(fig)))
                check(strlen(fig) < sizeof(fig));
        for (int ocr = 0; ocr < 2; ocr++)
                for (size_t words = 1; words <= 3; words++) {
                        char out[32];
                        bool guess = false;
                        const char *d = slips_date(text, out, ocr, words, strlen(text) % 8, &guess);
                        check(d == text || (d == out && strlen(out) < sizeof(out)));
                        check(ocr || !guess);
                }
        const char *s = text;
        size_t n = slips_id_trim(&s);
        check(s >= text && s + n <= text + size);
        char *id = malloc(n + 1);
        if (id) {
                memcpy(id, s, n);
                id[n] = '\0';
                slips_id(id, true);
                check(strlen(id) <= n);
                free(id);
        }
        for (int slips = 0; slips < 2; slips++) {
                char *key = slips_id_key(text, slips);
                check(strlen(key) <= size);
                free(key);
        }
        free(text);
        return 0;
}
