/* mails.h: sample mails for the MIME and IMAP tests, one per MIME case
 * billflow must handle (test-only; static functions, include once). */
#ifndef BILLFLOW_TEST_MAILS_H
#define BILLFLOW_TEST_MAILS_H

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "capture/mail.h"
#include "tests/tap.h"

/* A tiny valid one-page PDF; the binary comment line makes encodings matter. */
static const char sample_pdf[] =
        "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
        "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n"
        "trailer <</Root 1 0 R>>\n%%EOF\n";
#define SAMPLE_PDF_LEN (sizeof sample_pdf - 1)

/* A second PDF, to tell attachments apart. */
static const char sample_pdf2[] =
        "%PDF-1.7\n% second sample = with an equals sign and a long line that quoted-printable "
        "must wrap with soft line breaks because it is well over seventy-six characters\n"
        "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        "2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
        "trailer <</Root 1 0 R>>\n%%EOF\n";
#define SAMPLE_PDF2_LEN (sizeof sample_pdf2 - 1)

/* The first bytes of a PNG (enough for sniffing; not a decodable image). */
static const char sample_png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\0\0\0\0";
#define SAMPLE_PNG_LEN (sizeof sample_png - 1)

enum sample {
        SAMPLE_PLAIN_PDF,    /* attachment; filename="invoice.pdf", base64 */
        SAMPLE_INLINE_PDF,   /* application/pdf, no Content-Disposition, no name */
        SAMPLE_OCTET_PDF,    /* application/octet-stream; name="scan.PDF" */
        SAMPLE_FORWARDED,    /* message/rfc822 holding a PDF */
        SAMPLE_RFC2231,      /* filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf */
        SAMPLE_ENCODED_WORD, /* filename="=?UTF-8?B?...?=" (Faktura_Öl.pdf) */
        SAMPLE_QP,           /* quoted-printable application/pdf */
        SAMPLE_HOSTILE,      /* filename="../../etc/passwd.pdf" */
        SAMPLE_NO_ATTACHMENT,
        SAMPLE_HUGE,         /* a big PDF (over a small cap) and a small one */
        SAMPLE_SNIFFED,      /* octet-stream, no name, PDF bytes; and a PNG by type */
        SAMPLE_COUNT_
};

static void sample_base64(GString *s, const void *data, size_t len)
{
        gchar *b = g_base64_encode(data, len);
        size_t n = strlen(b);

        for (size_t i = 0; i < n; i += 76) {
                g_string_append_len(s, b + i, (gssize)(n - i < 76 ? n - i : 76));
                g_string_append(s, "\r\n");
        }
        g_free(b);
}

static void sample_qp(GString *s, const void *data, size_t len)
{
        const unsigned char *p = data;
        size_t col = 0;

        for (size_t i = 0; i < len; i++) {
                char tmp[4];

                if (p[i] == '\n') {
                        g_string_append(s, "=0A");
                        col += 3;
                } else if ((p[i] >= 33 && p[i] <= 126 && p[i] != '=') || p[i] == ' ') {
                        g_string_append_c(s, (char)p[i]);
                        col++;
                } else {
                        snprintf(tmp, sizeof tmp, "=%02X", p[i]);
                        g_string_append(s, tmp);
                        col += 3;
                }
                if (col >= 72) {
                        g_string_append(s, "=\r\n");
                        col = 0;
                }
        }
        g_string_append(s, "\r\n");
}

static void sample_headers(GString *s, const char *subject, const char *id)
{
        g_string_append_printf(s,
                               "From: Supplier <billing@supplier.example>\r\n"
                               "To: invoices@billflow.example\r\n"
                               "Subject: %s\r\n"
                               "Message-ID: <%s@supplier.example>\r\n"
                               "Date: Mon, 02 Nov 2026 10:00:00 +0000\r\n"
                               "MIME-Version: 1.0\r\n",
                               subject, id);
}

static void sample_text_part(GString *s, const char *boundary)
{
        g_string_append_printf(s,
                               "--%s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                               "Please find the invoice attached.\r\n* a bullet line\r\n\r\n",
                               boundary);
}

/* The raw message for a case (CRLF line ends); g_free() it. huge_len sets
 * the big attachment's size for SAMPLE_HUGE. */
static char *sample_mail(enum sample which, size_t huge_len, size_t *ret_len)
{
        GString *s = g_string_new(NULL);
        const char *b = "b1_billflow_boundary";

        switch (which) {
        case SAMPLE_PLAIN_PDF:
                sample_headers(s, "Invoice INV-1", "plain");
                g_string_append_printf(s, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
                                       b);
                sample_text_part(s, b);
                g_string_append_printf(s,
                                       "--%s\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\n"
                                       "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n"
                                       "Content-Transfer-Encoding: base64\r\n\r\n", b);
                sample_base64(s, sample_pdf, SAMPLE_PDF_LEN);
                g_string_append_printf(s, "--%s--\r\n", b);
                break;
        case SAMPLE_INLINE_PDF:
                sample_headers(s, "Inline", "inline");
                g_string_append_printf(s, "Content-Type: multipart/related; boundary=\"%s\"\r\n\r\n",
                                       b);
                sample_text_part(s, b);
                g_string_append_printf(s,
                                       "--%s\r\nContent-Type: application/pdf\r\n"
                                       "Content-Transfer-Encoding: base64\r\n\r\n", b);
                sample_base64(s, sample_pdf, SAMPLE_PDF_LEN);
                g_string_append_printf(s, "--%s--\r\n", b);
                break;
        case SAMPLE_OCTET_PDF:
                sample_headers(s, "Octet", "octet");
                g_string_append_printf(s, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
                                       b);
                sample_text_part(s, b);
                g_string_append_printf(s,
                                       "--%s\r\nContent-Type: application/octet-stream; name=\"scan.PDF\"\r\n"
                                       "Content-Transfer-Encoding: base64\r\n\r\n", b);
                sample_base64(s, sample_pdf2, SAMPLE_PDF2_LEN);
                g_string_append_printf(s, "--%s--\r\n", b);
                break;
        case SAMPLE_FORWARDED:
                sample_headers(s, "Fwd: Invoice", "forwarded");
                g_string_append_printf(s, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
                                       b);
                sample_text_part(s, b);
                g_string_append_printf(s,
                                       "--%s\r\nContent-Type: message/rfc822\r\n"
                                       "Content-Disposition: attachment\r\n\r\n"
                                       "From: Original <orig@vendor.example>\r\n"
                                       "Subject: Invoice\r\nMIME-Version: 1.0\r\n"
                                       "Content-Type: multipart/mixed; boundary=\"inner_b\"\r\n\r\n"
                                       "--inner_b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                                       "--inner_b\r\nContent-Type: application/pdf\r\n"
                                       "Content-Disposition: attachment; filename=\"forwarded.pdf\"\r\n"
                                       "Content-Transfer-Encoding: base64\r\n\r\n", b);
                sample_base64(s, sample_pdf, SAMPLE_PDF_LEN);
                g_string_append_printf(s, "--inner_b--\r\n\r\n--%s--\r\n", b);
                break;
        case SAMPLE_RFC2231:
                sample_headers(s, "=?UTF-8?Q?Rechnung_M=C3=A4rz?=", "rfc2231");
                g_string_append_printf(s, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
                                       b);
                sample_text_part(s, b);
                g_string_append_printf(s,
                                       "--%s\r\nContent-Type: application/pdf\r\n"
                                       "Content-Disposition: attachment;\r\n"
                                       " filename*=UTF-8''Rechnung%%20M%%C3%%A4rz.pdf\r\n"
                                       "Content-Transfer-Encoding: base64\r\n\r\n", b);
                sample_base64(s, sample_pdf, SAMPLE_PDF_LEN);
                g_string_append_printf(s, "--%s--\r\n", b);
                break;
        case SAMPLE_ENCODED_WORD:
                sample_headers(s, "Encoded word", "encword");
                g_string_append_printf(s, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
                                       b);
                sample_text_part(s, b);
                /* "Faktura_Öl.pdf" */
                g_string_append_printf(s,
                                       "--%s\r\nContent-Type: application/octet-stream;\r\n"
                                       " name=\"=?UTF-8?B?RmFrdHVyYV/DlmwucGRm?=\"\r\n"
                                       "Content-Disposition: attachment;\r\n"
                                       " filename=\"=?UTF-8?B?RmFrdHVyYV/DlmwucGRm?=\"\r\n"
                                       "Content-Transfer-Encoding: base64\r\n\r\n", b);
                sample_base64(s, sample_pdf, SAMPLE_PDF_LEN);
                g_string_append_printf(s, "--%s--\r\n", b);
                break;
        case SAMPLE_QP:
                sample_headers(s, "Quoted-printable", "qp");
                g_string_append_printf(s, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
                                       b);
                sample_text_part(s, b);
                g_string_append_printf(s,
                                       "--%s\r\nContent-Type: application/pdf; name=\"qp.pdf\"\r\n"
                                       "Content-Disposition: inline; filename=\"qp.pdf\"\r\n"
                                       "Content-Transfer-Encoding: quoted-printable\r\n\r\n", b);
                sample_qp(s, sample_pdf2, SAMPLE_PDF2_LEN);
                g_string_append_printf(s, "--%s--\r\n", b);
                break;
        case SAMPLE_HOSTILE:
                sample_headers(s, "Hostile", "hostile");
                g_string_append_printf(s, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
                                       b);
                sample_text_part(s, b);
                g_string_append_printf(s,
                                       "--%s\r\nContent-Type: application/pdf\r\n"
                                       "Content-Disposition: attachment; filename=\"../../etc/passwd.pdf\"\r\n"
                                       "Content-Transfer-Encoding: base64\r\n\r\n", b);
                sample_base64(s, sample_pdf, SAMPLE_PDF_LEN);
                g_string_append_printf(s, "--%s--\r\n", b);
                break;
        case SAMPLE_NO_ATTACHMENT:
                sample_headers(s, "Just text", "noatt");
                g_string_append(s, "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                                   "Hello, no invoice here.\r\n");
                break;
        case SAMPLE_HUGE: {
                char *big = g_malloc(huge_len);

                for (size_t i = 0; i < huge_len; i++)
                        big[i] = (char)(i * 7 + (i >> 9));
                memcpy(big, "%PDF-1.4\n", 9);
                sample_headers(s, "Huge", "huge");
                g_string_append_printf(s, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
                                       b);
                sample_text_part(s, b);
                g_string_append_printf(s,
                                       "--%s\r\nContent-Type: application/pdf\r\n"
                                       "Content-Disposition: attachment; filename=\"huge.pdf\"\r\n"
                                       "Content-Transfer-Encoding: base64\r\n\r\n", b);
                sample_base64(s, big, huge_len);
                g_free(big);
                g_string_append_printf(s,
                                       "--%s\r\nContent-Type: application/pdf\r\n"
                                       "Content-Disposition: attachment; filename=\"small.pdf\"\r\n"
                                       "Content-Transfer-Encoding: base64\r\n\r\n", b);
                sample_base64(s, sample_pdf, SAMPLE_PDF_LEN);
                g_string_append_printf(s, "--%s--\r\n", b);
                break;
        }
        case SAMPLE_SNIFFED:
                sample_headers(s, "Sniffed", "sniffed");
                g_string_append_printf(s, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
                                       b);
                sample_text_part(s, b);
                g_string_append_printf(s,
                                       "--%s\r\nContent-Type: application/octet-stream\r\n"
                                       "Content-Transfer-Encoding: base64\r\n\r\n", b);
                sample_base64(s, sample_pdf, SAMPLE_PDF_LEN);
                g_string_append_printf(s,
                                       "--%s\r\nContent-Type: image/png\r\n"
                                       "Content-Disposition: inline\r\n"
                                       "Content-Transfer-Encoding: base64\r\n\r\n", b);
                sample_base64(s, sample_png, SAMPLE_PNG_LEN);
                g_string_append_printf(s, "--%s--\r\n", b);
                break;
        case SAMPLE_COUNT_:
                break;
        }
        *ret_len = s->len;
        return g_string_free(s, FALSE);
}

struct sample_want {
        const char *filename, *mime_type;
        const char *data;
        size_t len;
        bool skipped;
};

/* What mail_parse must find in a case (SAMPLE_HUGE: with a cap below
 * huge_len). Returns the number of attachments wanted. */
static size_t sample_expect(enum sample which, struct sample_want want[2])
{
        const struct sample_want pdf = { NULL, "application/pdf", sample_pdf, SAMPLE_PDF_LEN, false };
        const struct sample_want pdf2 = { NULL, "application/pdf", sample_pdf2, SAMPLE_PDF2_LEN, false };

        want[0] = pdf;
        switch (which) {
        case SAMPLE_PLAIN_PDF:
                want[0].filename = "invoice.pdf";
                return 1;
        case SAMPLE_INLINE_PDF:
                return 1;
        case SAMPLE_OCTET_PDF:
                want[0] = pdf2;
                want[0].filename = "scan.PDF";
                return 1;
        case SAMPLE_FORWARDED:
                want[0].filename = "forwarded.pdf";
                return 1;
        case SAMPLE_RFC2231:
                want[0].filename = "Rechnung M\xc3\xa4rz.pdf";
                return 1;
        case SAMPLE_ENCODED_WORD:
                want[0].filename = "Faktura_\xc3\x96l.pdf";
                return 1;
        case SAMPLE_QP:
                want[0] = pdf2;
                want[0].filename = "qp.pdf";
                return 1;
        case SAMPLE_HOSTILE:
                want[0].filename = "../../etc/passwd.pdf";
                return 1;
        case SAMPLE_NO_ATTACHMENT:
                return 0;
        case SAMPLE_HUGE:
                want[0].filename = "huge.pdf";
                want[0].data = NULL;
                want[0].len = 0;
                want[0].skipped = true;
                want[1] = pdf;
                want[1].filename = "small.pdf";
                return 2;
        case SAMPLE_SNIFFED:
                want[1] = (struct sample_want){ NULL, "image/png", sample_png, SAMPLE_PNG_LEN, false };
                return 2;
        default:
                return 0;
        }
}

/* TAP checks of a parsed mail against its case. */
static void sample_check(enum sample which, const bf_mail *m, const char *label)
{
        struct sample_want want[2];
        size_t n = sample_expect(which, want);

        TAP_INT_EQ(m->n_attachments, n, "%s: %zu attachment(s)", label, n);
        for (size_t i = 0; i < n && i < m->n_attachments; i++) {
                const bf_attachment *a = &m->attachments[i];

                TAP_STR_EQ(a->filename, want[i].filename, "%s: attachment %zu name", label, i);
                TAP_STR_EQ(a->mime_type, want[i].mime_type, "%s: attachment %zu type", label, i);
                TAP_OK((a->skipped != NULL) == want[i].skipped, "%s: attachment %zu %s", label, i,
                       want[i].skipped ? "skipped with a reason" : "taken");
                TAP_OK(a->len == want[i].len &&
                       (want[i].len == 0 || (a->data && memcmp(a->data, want[i].data, a->len) == 0)),
                       "%s: attachment %zu exact bytes (%zu, want %zu)", label, i, a->len,
                       want[i].len);
        }
}

#endif
