/* reader-int.h: what the two ends of a reader share — the frame on the
 * socket and the request types. Not for use outside capture/. */
#ifndef BILLFLOW_READER_INT_H
#define BILLFLOW_READER_INT_H

#include "capture/reader.h"
#include "capture/wire.h"

/* The socket the reader process answers on. */
#define READER_FD 3

/* A frame: u32 type, u32 zero, i64 payload length, then the payload. A
 * reply has the request's type and begins with an i32 status (0 or BF_E*)
 * and the error message (a string). */
#define READER_HEADER_BYTES 16
enum reader_request {
        READER_REQ_READ = 1,     /* budget, language, dpi, bytes -> kind (0 words,
                                    1 e-invoice), then the doc or the invoice */
        READER_REQ_REREAD = 2,   /* page, numeric, n, boxes -> n, (text, conf) x n */
        READER_REQ_MAIL = 3,     /* limits, budget, bytes -> the mail */
        READER_REQ_PAGE_PNG = 4, /* budget, dpi, page, bytes -> png bytes */
};

/* Largest request the reader accepts and largest reply besides a mail's
 * attachments (which the decoded-bytes budget caps). */
#define READER_MAX_REQUEST ((int64_t)512 << 20)
#define READER_MAX_REPLY ((int64_t)256 << 20)

void reader_put_budget(struct wire_out *o, const struct reader_budget *b);
void reader_get_budget(struct wire_in *in, struct reader_budget *b);

#endif
