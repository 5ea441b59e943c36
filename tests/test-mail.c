/* test-mail.c: unit tests for mail_parse — every MIME case, the caps,
 * hostile and broken input. */
#include <stdlib.h>
#include <string.h>

#include "capture/mail.h"
#include "tests/imap/mails.h"
#include "tests/tap.h"

static const char *const case_names[] = {
        "plain pdf", "inline pdf", "octet-stream .pdf", "forwarded rfc822", "rfc2231 name",
        "encoded-word name", "quoted-printable", "hostile name", "no attachment", "huge",
        "sniffed",
};

static void test_cases(void)
{
        struct mail_limits lim;

        mail_limits_init(&lim);
        lim.max_attachment_bytes = 64 << 10;
        for (int c = 0; c < SAMPLE_COUNT_; c++) {
                struct bf_error err = { 0 };
                bf_mail m = { 0 };
                size_t len;
                char *raw = sample_mail((enum sample)c, 200 << 10, &len);
                int r = mail_parse(raw, len, &lim, &m, &err);

                TAP_INT_EQ(r, 0, "%s: parses (%s)", case_names[c], err.msg);
                sample_check((enum sample)c, &m, case_names[c]);
                mail_release(&m);
                g_free(raw);
        }
}

static void test_headers(void)
{
        bf_mail m = { 0 };
        size_t len;
        char *raw = sample_mail(SAMPLE_RFC2231, 0, &len);

        TAP_INT_EQ(mail_parse(raw, len, NULL, &m, NULL), 0, "default limits");
        TAP_STR_EQ(m.subject, "Rechnung M\xc3\xa4rz", "subject decoded");
        TAP_STR_EQ(m.message_id, "rfc2231@supplier.example", "message id");
        TAP_OK(m.from && strstr(m.from, "billing@supplier.example"), "from: %s",
               m.from ? m.from : "(null)");
        mail_release(&m);
        mail_release(&m); /* twice is harmless */
        mail_release(NULL);
        g_free(raw);
}

static void test_caps(void)
{
        struct mail_limits lim;
        struct bf_error err = { 0 };
        bf_mail m = { 0 };
        size_t len;
        char *raw = sample_mail(SAMPLE_PLAIN_PDF, 0, &len);
        GString *many;

        mail_limits_init(&lim);
        TAP_OK(lim.max_message_bytes == 50u << 20 && lim.max_attachment_bytes == 25u << 20 &&
               lim.max_attachments == 20, "default limits");
        lim.max_message_bytes = len - 1;
        TAP_INT_EQ(mail_parse(raw, len, &lim, &m, &err), BF_ETOOBIG, "message over cap");
        TAP_OK(strstr(err.msg, "too large") != NULL, "reason: %s", err.msg);
        g_free(raw);

        /* Exactly at the attachment cap is taken; one byte less is skipped. */
        mail_limits_init(&lim);
        raw = sample_mail(SAMPLE_PLAIN_PDF, 0, &len);
        lim.max_attachment_bytes = SAMPLE_PDF_LEN;
        TAP_INT_EQ(mail_parse(raw, len, &lim, &m, NULL), 0, "attachment at the cap");
        TAP_OK(m.n_attachments == 1 && !m.attachments[0].skipped, "at the cap: taken");
        mail_release(&m);
        lim.max_attachment_bytes = SAMPLE_PDF_LEN - 1;
        TAP_INT_EQ(mail_parse(raw, len, &lim, &m, NULL), 0, "attachment over the cap");
        TAP_OK(m.n_attachments == 1 && m.attachments[0].skipped && !m.attachments[0].data &&
               m.attachments[0].len == 0, "over the cap: skipped, no data");
        if (m.n_attachments == 1 && m.attachments[0].skipped)
                TAP_OK(strstr(m.attachments[0].skipped, "larger than") != NULL, "reason: %s",
                       m.attachments[0].skipped);
        mail_release(&m);
        g_free(raw);

        /* 30 PDFs, at most 5 taken: the rest listed as skipped. */
        many = g_string_new(NULL);
        sample_headers(many, "Many", "many");
        g_string_append(many, "Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n");
        for (int i = 0; i < 30; i++) {
                g_string_append_printf(many, "--x\r\nContent-Type: application/pdf; name=\"%d.pdf\"\r\n"
                                             "Content-Transfer-Encoding: base64\r\n\r\n", i);
                sample_base64(many, sample_pdf, SAMPLE_PDF_LEN);
        }
        g_string_append(many, "--x--\r\n");
        mail_limits_init(&lim);
        lim.max_attachments = 5;
        TAP_INT_EQ(mail_parse(many->str, many->len, &lim, &m, NULL), 0, "30 attachments parse");
        TAP_INT_EQ(m.n_attachments, 30, "all 30 listed");
        {
                size_t taken = 0, skipped = 0;

                for (size_t i = 0; i < m.n_attachments; i++) {
                        if (m.attachments[i].skipped && !m.attachments[i].data)
                                skipped++;
                        else if (m.attachments[i].len == SAMPLE_PDF_LEN)
                                taken++;
                }
                TAP_OK(taken == 5 && skipped == 25, "5 taken, 25 skipped (%zu, %zu)", taken,
                       skipped);
                TAP_STR_EQ(m.attachments[0].filename, "0.pdf", "in order");
        }
        mail_release(&m);
        g_string_free(many, TRUE);
}

static void test_hostile(void)
{
        static const char *const junk[] = {
                "not a mail at all",
                "\r\n\r\n",
                "Content-Type: multipart/mixed; boundary=\"q\"\r\n\r\n--q\r\n--q--",
                "Content-Type: multipart/mixed\r\n\r\nno boundary\r\n",
                "Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!***",
                "Content-Type: application/pdf; name=\"\x01\x02evil\r\n\r\n",
        };
        struct bf_error err = { 0 };
        bf_mail m = { 0 };
        GString *deep, *ctl;
        int depth_found;

        TAP_INT_EQ(mail_parse("", 0, NULL, &m, &err), BF_EINVAL, "empty input");
        for (size_t i = 0; i < G_N_ELEMENTS(junk); i++) {
                int r = mail_parse(junk[i], strlen(junk[i]), NULL, &m, &err);

                TAP_OK(r == 0 || r == BF_EINVAL, "junk %zu: no crash (%d)", i, r);
                if (r == 0)
                        mail_release(&m);
        }

        /* A PDF at the top level, no multipart. */
        {
                GString *s = g_string_new("Subject: top\r\nContent-Type: application/pdf\r\n"
                                          "Content-Transfer-Encoding: base64\r\n\r\n");

                sample_base64(s, sample_pdf, SAMPLE_PDF_LEN);
                TAP_INT_EQ(mail_parse(s->str, s->len, NULL, &m, NULL), 0, "single-part pdf");
                TAP_INT_EQ(m.n_attachments, 1, "single-part pdf found");
                mail_release(&m);
                g_string_free(s, TRUE);
        }

        /* uuencode (x-uuencode), still seen in old mailers. */
        {
                static const char uu[] =
                        "Subject: uu\r\nContent-Type: application/octet-stream; name=uu.pdf\r\n"
                        "Content-Transfer-Encoding: x-uuencode\r\n\r\n"
                        "begin 644 uu.pdf\r\n"
                        "))5!$1BTQ+C0*\r\n"
                        "`\r\nend\r\n";

                TAP_INT_EQ(mail_parse(uu, sizeof uu - 1, NULL, &m, NULL), 0, "uuencode parses");
                TAP_OK(m.n_attachments == 1 && m.attachments[0].len == 9 &&
                       memcmp(m.attachments[0].data, "%PDF-1.4\n", 9) == 0,
                       "uuencoded part decoded (%zu bytes)",
                       m.n_attachments ? m.attachments[0].len : 0);
                mail_release(&m);
        }

        /* Forwarded 15 times: the walk stops at its depth cap without harm. */
        deep = g_string_new(NULL);
        for (int i = 0; i < 15; i++)
                g_string_append(deep, "Subject: fwd\r\nContent-Type: message/rfc822\r\n\r\n");
        g_string_append(deep, "Subject: inner\r\nContent-Type: application/pdf\r\n"
                              "Content-Transfer-Encoding: base64\r\n\r\n");
        sample_base64(deep, sample_pdf, SAMPLE_PDF_LEN);
        TAP_INT_EQ(mail_parse(deep->str, deep->len, NULL, &m, NULL), 0, "deep nesting parses");
        depth_found = (int)m.n_attachments;
        TAP_INT_EQ(depth_found, 0, "beyond the depth cap: not walked");
        mail_release(&m);
        g_string_free(deep, TRUE);

        /* Control characters and a newline in a name are shown as spaces. */
        ctl = g_string_new("Subject: ctl\r\nContent-Type: application/pdf\r\n"
                           "Content-Disposition: attachment; filename*=UTF-8''a%0Ab%1B%5B31mc.pdf\r\n"
                           "Content-Transfer-Encoding: base64\r\n\r\n");
        sample_base64(ctl, sample_pdf, SAMPLE_PDF_LEN);
        TAP_INT_EQ(mail_parse(ctl->str, ctl->len, NULL, &m, NULL), 0, "control chars parse");
        TAP_OK(m.n_attachments == 1 && m.attachments[0].filename &&
               !strpbrk(m.attachments[0].filename, "\n\x1b"),
               "no control characters in the name: %s",
               m.n_attachments ? m.attachments[0].filename : "-");
        mail_release(&m);
        g_string_free(ctl, TRUE);
}

/* An e-invoice sent as an XML attachment is taken; another XML file is not. */
static void test_einvoice_xml(void)
{
        static const char ubl[] =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">"
                "<ID>INV-1</ID></Invoice>\n";
        static const char other[] =
                "<?xml version=\"1.0\"?>\n<report><line>not an invoice</line></report>\n";
        g_autofree char *b64u = g_base64_encode((const guchar *)ubl, strlen(ubl));
        g_autofree char *b64o = g_base64_encode((const guchar *)other, strlen(other));
        g_autofree char *raw = g_strdup_printf(
                "From: billing@supplier.example\r\nTo: ap@example.com\r\nSubject: XML\r\n"
                "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                "--b\r\nContent-Type: text/plain\r\n\r\nInvoice attached.\r\n"
                "--b\r\nContent-Type: application/xml; name=\"invoice.xml\"\r\n"
                "Content-Disposition: attachment; filename=\"invoice.xml\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
                "--b\r\nContent-Type: text/xml; name=\"report.xml\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--b--\r\n", b64u, b64o);
        bf_mail m = { 0 };

        TAP_INT_EQ(mail_parse(raw, strlen(raw), NULL, &m, NULL), 0, "xml mail parses");
        TAP_INT_EQ(m.n_attachments, 1, "only the e-invoice XML is taken");
        if (m.n_attachments == 1) {
                TAP_STR_EQ(m.attachments[0].mime_type, "application/xml", "as application/xml");
                TAP_OK(m.attachments[0].len == strlen(ubl) &&
                               memcmp(m.attachments[0].data, ubl, strlen(ubl)) == 0,
                       "with its exact bytes");
        }
        mail_release(&m);
}

/* An ISDOC package (.isdocx) is taken when its bytes are a ZIP; a .zip,
 * or an .isdocx that is no ZIP, is not. */
static void test_isdocx(void)
{
        static const char zip[] = "PK\x03\x04\x14\0\0\0\x08\0 a zip's first bytes";
        g_autofree char *b64z = g_base64_encode((const guchar *)zip, sizeof(zip) - 1);
        g_autofree char *b64t = g_base64_encode((const guchar *)"plain text", 10);
        g_autofree char *raw = g_strdup_printf(
                "From: billing@supplier.example\r\nTo: ap@example.com\r\nSubject: ISDOC\r\n"
                "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                "--b\r\nContent-Type: application/octet-stream; name=\"faktura.isdocx\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
                "--b\r\nContent-Type: application/zip; name=\"photos.zip\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
                "--b\r\nContent-Type: application/octet-stream; name=\"fake.isdocx\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--b--\r\n",
                b64z, b64z, b64t);
        bf_mail m = { 0 };

        TAP_INT_EQ(mail_parse(raw, strlen(raw), NULL, &m, NULL), 0, "isdocx mail parses");
        TAP_INT_EQ(m.n_attachments, 1, "only the .isdocx that is a zip is taken");
        if (m.n_attachments == 1) {
                TAP_STR_EQ(m.attachments[0].filename, "faktura.isdocx", "the package");
                TAP_STR_EQ(m.attachments[0].mime_type, "application/zip", "as application/zip");
                TAP_OK(m.attachments[0].len == sizeof(zip) - 1 &&
                               memcmp(m.attachments[0].data, zip, sizeof(zip) - 1) == 0,
                       "with its exact bytes");
        }
        mail_release(&m);
}

int main(void)
{
        test_cases();
        test_headers();
        test_caps();
        test_hostile();
        test_einvoice_xml();
        test_isdocx();
        return tap_done();
}
