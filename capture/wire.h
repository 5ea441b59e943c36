/* wire.h: the byte format between billflow and its reader processes
 * (reader.c, reader-child.c) — requests and replies as length-checked
 * fields. What a reader sends is untrusted: every get checks what is left,
 * and counts are checked against the bytes that would hold them before
 * anything is allocated. Not for use outside capture/ (and its tests). */
#ifndef BILLFLOW_WIRE_H
#define BILLFLOW_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/mail.h"
#include "models/models.h"

/* A growing output buffer (aborting allocator). */
struct wire_out {
        unsigned char *p;
        size_t len, cap;
};
void wire_out_release(struct wire_out *o);
void wire_put_u32(struct wire_out *o, uint32_t v);
void wire_put_i64(struct wire_out *o, int64_t v);
void wire_put_f64(struct wire_out *o, double v);
void wire_put_bytes(struct wire_out *o, const void *p, size_t n);  /* length first */
void wire_put_str(struct wire_out *o, const char *s);              /* NULL kept */
/* A byte field's length alone: its n bytes (not NULL) follow o's, sent by
 * the caller from where they are (a document, not copied into o). */
void wire_put_bytes_head(struct wire_out *o, size_t n);

/* A reader over received bytes (borrowed). Once a get fails, `bad` stays
 * set and every later get fails too: check it once at the end. */
struct wire_in {
        const unsigned char *p;
        size_t len, off;
        bool bad;
};
uint32_t wire_get_u32(struct wire_in *in);
int64_t wire_get_i64(struct wire_in *in);
double wire_get_f64(struct wire_in *in);   /* NaN and infinities are refused */
/* A new copy of a byte field (caller frees; NUL-terminated, not counted);
 * NULL for a NULL string or a failure (then `bad`). */
void *wire_get_bytes(struct wire_in *in, size_t *ret_len);
/* A string field: NULL for NULL, else a new string that is valid UTF-8
 * without NUL bytes (else `bad`). Caller frees. */
char *wire_get_str(struct wire_in *in);
/* Reads a count of items, each taking at least min_size bytes, refusing
 * counts the remaining bytes cannot hold or above max. */
size_t wire_get_count(struct wire_in *in, size_t min_size, size_t max);

void wire_put_box(struct wire_out *o, const bf_box *b);
bool wire_get_box(struct wire_in *in, bf_box *b); /* false once `bad` */

/* The word layer, an invoice and a parsed mail, both ways. The gets fill a
 * fresh ret and return 0, or BF_EINVAL (nothing left to free) on a
 * malformed message. */
void wire_put_doc(struct wire_out *o, const bf_doc_text *doc);
int wire_get_doc(struct wire_in *in, bf_doc_text *ret);
void wire_put_invoice(struct wire_out *o, const bf_invoice *inv);
int wire_get_invoice(struct wire_in *in, bf_invoice *ret);
void wire_put_mail(struct wire_out *o, const bf_mail *m);
int wire_get_mail(struct wire_in *in, bf_mail *ret);

#endif
