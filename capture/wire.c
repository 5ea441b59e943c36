/* wire.c: the byte format between billflow and its reader processes:
 * little-endian integers, doubles as their bits, length-prefixed strings,
 * and the word layer, invoices and mails built from them. The parent
 * trusts nothing it reads here. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "capture/wire.h"

#define WIRE_NULL 0xffffffffu
/* Bounds on what a reply may hold, whatever the bytes say. */
#define WIRE_MAX_PAGES 100000
#define WIRE_MAX_WORDS 10000000
#define WIRE_MAX_LINES 100000
#define WIRE_MAX_ATTACHMENTS 100000

void wire_out_release(struct wire_out *o)
{
        free(o->p);
        memset(o, 0, sizeof(*o));
}

static void put(struct wire_out *o, const void *p, size_t n)
{
        if (o->cap - o->len < n) {
                size_t cap = o->cap ? o->cap : 256;

                while (cap - o->len < n)
                        cap *= 2;
                o->p = bf_xrealloc(o->p, cap);
                o->cap = cap;
        }
        if (n)
                memcpy(o->p + o->len, p, n);
        o->len += n;
}

void wire_put_u32(struct wire_out *o, uint32_t v)
{
        unsigned char b[4] = { v, v >> 8, v >> 16, v >> 24 };

        put(o, b, 4);
}

void wire_put_i64(struct wire_out *o, int64_t v)
{
        uint64_t u = (uint64_t)v;

        wire_put_u32(o, (uint32_t)u);
        wire_put_u32(o, (uint32_t)(u >> 32));
}

void wire_put_f64(struct wire_out *o, double v)
{
        uint64_t u;

        memcpy(&u, &v, sizeof(u));
        wire_put_i64(o, (int64_t)u);
}

void wire_put_bytes(struct wire_out *o, const void *p, size_t n)
{
        if (!p) {
                wire_put_u32(o, WIRE_NULL);
                return;
        }
        /* Callers cap what they send far below 4 GiB. */
        wire_put_u32(o, (uint32_t)n);
        put(o, p, n);
}

void wire_put_bytes_head(struct wire_out *o, size_t n)
{
        wire_put_u32(o, (uint32_t)n);
}

void wire_put_str(struct wire_out *o, const char *s)
{
        wire_put_bytes(o, s, s ? strlen(s) : 0);
}

static const unsigned char *take(struct wire_in *in, size_t n)
{
        const unsigned char *p;

        if (in->bad || in->len - in->off < n) {
                in->bad = true;
                return NULL;
        }
        p = in->p + in->off;
        in->off += n;
        return p;
}

uint32_t wire_get_u32(struct wire_in *in)
{
        const unsigned char *b = take(in, 4);

        return b ? (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
                           (uint32_t)b[3] << 24
                 : 0;
}

int64_t wire_get_i64(struct wire_in *in)
{
        uint64_t lo = wire_get_u32(in), hi = wire_get_u32(in);

        return (int64_t)(lo | hi << 32);
}

double wire_get_f64(struct wire_in *in)
{
        uint64_t u = (uint64_t)wire_get_i64(in);
        double v;

        memcpy(&v, &u, sizeof(v));
        if (!isfinite(v)) {
                in->bad = true;
                return 0;
        }
        return v;
}

void *wire_get_bytes(struct wire_in *in, size_t *ret_len)
{
        uint32_t n = wire_get_u32(in);
        const unsigned char *p;
        char *out;

        if (in->bad || n == WIRE_NULL)
                return NULL;
        if (!(p = take(in, n)))
                return NULL;
        out = malloc((size_t)n + 1);
        if (!out) {
                in->bad = true;
                return NULL;
        }
        memcpy(out, p, n);
        out[n] = '\0';
        if (ret_len)
                *ret_len = n;
        return out;
}

char *wire_get_str(struct wire_in *in)
{
        size_t n = 0;
        char *s = wire_get_bytes(in, &n);

        if (s && (memchr(s, '\0', n) || !g_utf8_validate(s, (gssize)n, NULL))) {
                free(s);
                in->bad = true;
                return NULL;
        }
        return s;
}

size_t wire_get_count(struct wire_in *in, size_t min_size, size_t max)
{
        uint32_t n = wire_get_u32(in);

        if (in->bad || n > max || (min_size && n > (in->len - in->off) / min_size)) {
                in->bad = true;
                return 0;
        }
        return n;
}

/* ------------------------------------------------------------ word layer */

void wire_put_box(struct wire_out *o, const bf_box *b)
{
        wire_put_f64(o, b->x0);
        wire_put_f64(o, b->y0);
        wire_put_f64(o, b->x1);
        wire_put_f64(o, b->y1);
}

void wire_put_doc(struct wire_out *o, const bf_doc_text *doc)
{
        wire_put_u32(o, (uint32_t)doc->source);
        wire_put_str(o, doc->language);
        wire_put_u32(o, (uint32_t)doc->n_pages);
        for (size_t i = 0; i < doc->n_pages; i++) {
                const bf_page *pg = &doc->pages[i];

                wire_put_f64(o, pg->width);
                wire_put_f64(o, pg->height);
                wire_put_u32(o, pg->ocr);
                wire_put_i64(o, pg->ocr_us);
                wire_put_u32(o, (uint32_t)pg->n_words);
                for (size_t j = 0; j < pg->n_words; j++) {
                        const bf_word *w = &pg->words[j];

                        wire_put_str(o, w->text);
                        wire_put_box(o, &w->box);
                        wire_put_f64(o, w->conf);
                        wire_put_u32(o, (uint32_t)w->line);
                        wire_put_u32(o, (uint32_t)w->block);
                }
        }
}

bool wire_get_box(struct wire_in *in, bf_box *b)
{
        b->x0 = wire_get_f64(in);
        b->y0 = wire_get_f64(in);
        b->x1 = wire_get_f64(in);
        b->y1 = wire_get_f64(in);
        return !in->bad;
}

int wire_get_doc(struct wire_in *in, bf_doc_text *ret)
{
        bf_doc_text doc = { 0 };
        uint32_t source = wire_get_u32(in);
        char *language = wire_get_str(in);
        size_t n_pages = wire_get_count(in, 24, WIRE_MAX_PAGES), total = 0;

        if (source > SOURCE_EINVOICE || !language || strlen(language) >= sizeof(doc.language))
                in->bad = true;
        else
                memcpy(doc.language, language, strlen(language) + 1);
        free(language);
        doc.source = (enum bf_source)source;
        for (size_t i = 0; i < n_pages && !in->bad; i++) {
                double w = wire_get_f64(in), h = wire_get_f64(in);
                bool ocr = wire_get_u32(in) != 0;
                int64_t ocr_us = wire_get_i64(in);
                size_t n_words = wire_get_count(in, 52, WIRE_MAX_WORDS);
                bf_page *pg;

                if (in->bad || w < 0 || h < 0 || (total += n_words) > WIRE_MAX_WORDS) {
                        in->bad = true;
                        break;
                }
                pg = doc_text_add_page(&doc, w, h, ocr);
                pg->ocr_us = ocr_us < 0 ? 0 : ocr_us;
                for (size_t j = 0; j < n_words && !in->bad; j++) {
                        char *text = wire_get_str(in);
                        bf_box box;
                        double conf;
                        int64_t line, block;

                        wire_get_box(in, &box);
                        conf = wire_get_f64(in);
                        line = (int32_t)wire_get_u32(in);
                        block = (int32_t)wire_get_u32(in);
                        if (!in->bad && (!text || conf < 0 || conf > 1 || line < 0 || block < 0))
                                in->bad = true;
                        if (!in->bad)
                                page_add_word(pg, text, box, (float)conf, (int)line, (int)block);
                        free(text);
                }
        }
        if (in->bad) {
                doc_text_release(&doc);
                return BF_EINVAL;
        }
        *ret = doc;
        return 0;
}

/* --------------------------------------------------------------- invoice */

static void put_money(struct wire_out *o, bf_money m)
{
        wire_put_i64(o, m.minor);
        wire_put_str(o, m.currency);
}

static void get_currency(struct wire_in *in, char out[BF_CURRENCY_LEN])
{
        char *s = wire_get_str(in);

        if (s && strlen(s) < BF_CURRENCY_LEN)
                strcpy(out, s);
        else
                in->bad = true;
        free(s);
}

static bf_money get_money(struct wire_in *in)
{
        bf_money m = { 0 };

        m.minor = wire_get_i64(in);
        get_currency(in, m.currency);
        return m;
}

static void put_decimal(struct wire_out *o, bf_decimal d)
{
        wire_put_i64(o, d.units);
        wire_put_u32(o, (uint32_t)d.scale);
}

static bf_decimal get_decimal(struct wire_in *in)
{
        bf_decimal d = { 0 };
        uint32_t scale;

        d.units = wire_get_i64(in);
        scale = wire_get_u32(in);
        if (scale > BF_DECIMAL_MAX_SCALE)
                in->bad = true;
        else
                d.scale = (int)scale;
        return d;
}

static void put_date(struct wire_out *o, bf_date d)
{
        wire_put_u32(o, (uint32_t)(uint16_t)d.y);
        wire_put_u32(o, (uint32_t)(uint8_t)d.m);
        wire_put_u32(o, (uint32_t)(uint8_t)d.d);
}

static bf_date get_date(struct wire_in *in)
{
        bf_date d = { 0 };
        uint32_t y = wire_get_u32(in), m = wire_get_u32(in), day = wire_get_u32(in);

        if (y > 9999 || m > 12 || day > 31)
                in->bad = true;
        else
                d = (bf_date){ .y = (int16_t)y, .m = (int8_t)m, .d = (int8_t)day };
        return d;
}

void wire_put_invoice(struct wire_out *o, const bf_invoice *inv)
{
        wire_put_str(o, inv->vendor_name);
        wire_put_str(o, inv->vendor_id);
        wire_put_str(o, inv->invoice_number);
        put_date(o, inv->invoice_date);
        put_date(o, inv->due_date);
        wire_put_str(o, inv->currency);
        put_money(o, inv->subtotal);
        put_money(o, inv->tax);
        put_money(o, inv->total);
        wire_put_str(o, inv->po_number);
        wire_put_str(o, inv->vendor_tax_id);
        wire_put_str(o, inv->vendor_iban);
        wire_put_str(o, inv->einvoice_format);
        wire_put_u32(o, (uint32_t)inv->source);
        wire_put_u32(o, (uint32_t)inv->pages);
        for (int f = 0; f < FIELD__COUNT; f++) {
                const bf_field_meta *m = &inv->meta[f];

                wire_put_u32(o, m->present);
                wire_put_f64(o, m->confidence);
                wire_put_u32(o, (uint32_t)m->page);
                wire_put_box(o, &m->box);
                wire_put_str(o, m->label);
        }
        wire_put_u32(o, (uint32_t)inv->n_lines);
        for (size_t i = 0; i < inv->n_lines; i++) {
                const bf_invoice_line *ln = &inv->lines[i];

                wire_put_u32(o, (uint32_t)ln->line_no);
                wire_put_str(o, ln->description);
                wire_put_u32(o, (uint32_t)ln->has_quantity | (uint32_t)ln->has_unit_price << 1 |
                                        (uint32_t)ln->has_amount << 2);
                put_decimal(o, ln->quantity);
                put_decimal(o, ln->unit_price);
                put_money(o, ln->amount);
        }
}

int wire_get_invoice(struct wire_in *in, bf_invoice *ret)
{
        bf_invoice inv;
        size_t n_lines;
        uint32_t source;

        invoice_init(&inv);
        inv.vendor_name = wire_get_str(in);
        inv.vendor_id = wire_get_str(in);
        inv.invoice_number = wire_get_str(in);
        inv.invoice_date = get_date(in);
        inv.due_date = get_date(in);
        get_currency(in, inv.currency);
        inv.subtotal = get_money(in);
        inv.tax = get_money(in);
        inv.total = get_money(in);
        inv.po_number = wire_get_str(in);
        inv.vendor_tax_id = wire_get_str(in);
        inv.vendor_iban = wire_get_str(in);
        inv.einvoice_format = wire_get_str(in);
        source = wire_get_u32(in);
        inv.pages = (int)(wire_get_u32(in) & 0x7fffffff);
        if (source > SOURCE_EINVOICE)
                in->bad = true;
        inv.source = (enum bf_source)source;
        for (int f = 0; f < FIELD__COUNT && !in->bad; f++) {
                bf_field_meta *m = &inv.meta[f];

                m->present = wire_get_u32(in) != 0;
                m->confidence = wire_get_f64(in);
                m->page = (int)(wire_get_u32(in) & 0x7fffffff);
                wire_get_box(in, &m->box);
                m->label = wire_get_str(in);
                if (m->confidence < 0 || m->confidence > 1)
                        in->bad = true;
        }
        n_lines = wire_get_count(in, 48, WIRE_MAX_LINES);
        for (size_t i = 0; i < n_lines && !in->bad; i++) {
                bf_invoice_line *ln = invoice_add_line(&inv);
                uint32_t has;

                ln->line_no = (int)(wire_get_u32(in) & 0x7fffffff);
                ln->description = wire_get_str(in);
                has = wire_get_u32(in);
                ln->has_quantity = has & 1;
                ln->has_unit_price = has & 2;
                ln->has_amount = has & 4;
                ln->quantity = get_decimal(in);
                ln->unit_price = get_decimal(in);
                ln->amount = get_money(in);
        }
        if (in->bad) {
                invoice_release(&inv);
                return BF_EINVAL;
        }
        *ret = inv;
        return 0;
}

/* ------------------------------------------------------------------ mail */

void wire_put_mail(struct wire_out *o, const bf_mail *m)
{
        wire_put_str(o, m->message_id);
        wire_put_str(o, m->subject);
        wire_put_str(o, m->from);
        wire_put_u32(o, (uint32_t)m->n_attachments);
        for (size_t i = 0; i < m->n_attachments; i++) {
                const bf_attachment *a = &m->attachments[i];

                wire_put_str(o, a->filename);
                wire_put_str(o, a->mime_type);
                wire_put_bytes(o, a->data, a->len);
                wire_put_str(o, a->skipped);
        }
}

int wire_get_mail(struct wire_in *in, bf_mail *ret)
{
        bf_mail m = { 0 };
        size_t n;

        m.message_id = wire_get_str(in);
        m.subject = wire_get_str(in);
        m.from = wire_get_str(in);
        n = wire_get_count(in, 16, WIRE_MAX_ATTACHMENTS);
        if (!in->bad && n)
                m.attachments = bf_xcalloc(n, sizeof(*m.attachments));
        for (size_t i = 0; i < n && !in->bad; i++) {
                bf_attachment *a = &m.attachments[i];

                m.n_attachments = i + 1;
                a->filename = wire_get_str(in);
                a->mime_type = wire_get_str(in);
                a->data = wire_get_bytes(in, &a->len);
                a->skipped = wire_get_str(in);
        }
        if (in->bad) {
                mail_release(&m);
                return BF_EINVAL;
        }
        *ret = m;
        return 0;
}
