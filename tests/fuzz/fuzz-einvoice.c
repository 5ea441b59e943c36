/* fuzz-einvoice.c: libFuzzer target for capture_einvoice — hostile CII and
 * UBL XML (and PDFs) must fail cleanly or give a self-consistent invoice. */
#include <stdlib.h>
#include <string.h>

#include "capture/capture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
        if (!ok)
                abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct bf_error err = { 0 };
        bf_invoice inv;
        char buf[64];
        int r;

        if (size > (1u << 20))
                return 0;
        invoice_init(&inv);
        r = capture_einvoice(data, size, &inv, &err);
        if (r < 0) {
                check(err.code == r && err.msg[0] != '\0');
                check(inv.n_lines == 0 && inv.invoice_number == NULL);
                return 0;
        }
        check(inv.source == SOURCE_EINVOICE);
        for (int f = 0; f < FIELD__COUNT; f++) {
                check(invoice_field_text(&inv, (enum bf_field)f, buf, sizeof(buf)) ==
                      inv.meta[f].present);
                check(!inv.meta[f].present || inv.meta[f].confidence == 1.0);
        }
        invoice_release(&inv);
        return 0;
}
