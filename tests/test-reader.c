/* test-reader.c: unit tests for the reader process (capture/reader.h) —
 * what it reads matches the capture API in-process, its limits and seccomp
 * filter are in force, a killed reader is replaced, the MIME budgets name
 * their keys, and the wire format refuses malformed replies. This program
 * is its own reader (main hands over on READER_CHILD_ARG). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib.h>

#include "capture/reader.h"
#include "capture/wire.h"
#include "tests/imap/mails.h"
#include "tests/tap.h"

static cairo_status_t collect(void *closure, const unsigned char *data, unsigned int len)
{
        g_byte_array_append(closure, data, len);
        return CAIRO_STATUS_SUCCESS;
}

/* A one-page PDF with a text layer. Caller frees with g_byte_array_unref. */
static GByteArray *text_pdf(void)
{
        GByteArray *out = g_byte_array_new();
        cairo_surface_t *s = cairo_pdf_surface_create_for_stream(collect, out, 595, 842);
        cairo_t *cr = cairo_create(s);

        cairo_set_font_size(cr, 14);
        cairo_move_to(cr, 72, 100);
        cairo_show_text(cr, "Invoice INV-4711 Total 123.45 EUR");
        cairo_move_to(cr, 72, 130);
        cairo_show_text(cr, "ACME Industrial Supplies Ltd");
        cairo_destroy(cr);
        cairo_surface_finish(s);
        cairo_surface_destroy(s);
        return out;
}

static bool same_words(const bf_doc_text *a, const bf_doc_text *b)
{
        if (a->n_pages != b->n_pages || a->source != b->source)
                return false;
        for (size_t p = 0; p < a->n_pages; p++) {
                const bf_page *x = &a->pages[p], *y = &b->pages[p];

                if (x->n_words != y->n_words || x->width != y->width || x->ocr != y->ocr)
                        return false;
                for (size_t i = 0; i < x->n_words; i++)
                        if (strcmp(x->words[i].text, y->words[i].text) != 0 ||
                            memcmp(&x->words[i].box, &y->words[i].box, sizeof(bf_box)) != 0 ||
                            x->words[i].line != y->words[i].line)
                                return false;
        }
        return true;
}

/* A line of /proc/PID/<file> starting with key, or "". */
static char *proc_line(int pid, const char *file, const char *key)
{
        g_autofree char *path = g_strdup_printf("/proc/%d/%s", pid, file), *text = NULL;
        g_auto(GStrv) lines = NULL;

        if (!g_file_get_contents(path, &text, NULL, NULL))
                return g_strdup("");
        lines = g_strsplit(text, "\n", -1);
        for (char **l = lines; *l; l++)
                if (g_str_has_prefix(*l, key))
                        return g_strdup(*l);
        return g_strdup("");
}

static void test_read(void)
{
        GByteArray *pdf = text_pdf();
        struct reader_options opt;
        struct bf_error err = { 0 };
        bf_doc_text local = { 0 }, remote = { 0 };
        bf_invoice inv;
        bool einv = true;
        bf_reader *r;
        int pid;

        reader_options_init(&opt);
        opt.max_memory_bytes = (int64_t)1 << 30;
        r = reader_new(&opt);
        TAP_INT_EQ(reader_pid(r), 0, "no process before the first call");
        invoice_init(&inv);
        TAP_INT_EQ(reader_read(r, pdf->data, pdf->len, &remote, &inv, &einv, &err), 0,
                   "a text PDF is read in the reader (%s)", err.msg);
        TAP_OK(!einv, "not an e-invoice");
        TAP_INT_EQ(capture_read(pdf->data, pdf->len, NULL, NULL, &local, NULL), 0,
                   "and in-process");
        TAP_OK(local.n_pages == 1 && local.pages[0].n_words >= 8 && same_words(&local, &remote),
               "the reader's word layer is the in-process one, word for word (%zu words)",
               remote.n_pages ? remote.pages[0].n_words : 0);
        doc_text_release(&remote);

        pid = reader_pid(r);
        TAP_OK(pid > 0, "one reader process runs");
        {
                g_autofree char *seccomp = proc_line(pid, "status", "Seccomp:");
                g_autofree char *as = proc_line(pid, "limits", "Max address space");
                g_autofree char *core = proc_line(pid, "limits", "Max core file size");
                g_autofree char *fsize = proc_line(pid, "limits", "Max file size");

                TAP_OK(strstr(seccomp, "2") != NULL, "it runs under a seccomp filter (%s)",
                       seccomp);
#if defined(__SANITIZE_ADDRESS__)
                TAP_OK(true, "# SKIP address space: not capped under AddressSanitizer (%s)", as);
#else
                TAP_OK(strstr(as, "1073741824") != NULL, "its address space is capped (%s)", as);
#endif
                TAP_OK(strstr(core, " 0 ") != NULL, "it writes no core file (%s)", core);
                TAP_OK(strstr(fsize, " 0 ") != NULL, "and no file at all (%s)", fsize);
        }
        TAP_INT_EQ(reader_read(r, pdf->data, pdf->len, &remote, &inv, &einv, &err), 0,
                   "a second document");
        TAP_INT_EQ(reader_pid(r), pid, "the same long-lived reader read it");
        doc_text_release(&remote);

        kill(pid, SIGKILL);
        TAP_INT_EQ(reader_read(r, pdf->data, pdf->len, &remote, &inv, &einv, &err), BF_ECRASH,
                   "a reader killed between calls: that call fails");
        TAP_OK(strstr(err.msg, "signal 9") != NULL, "naming the signal (%s)", err.msg);
        memset(&err, 0, sizeof(err));
        TAP_INT_EQ(reader_read(r, pdf->data, pdf->len, &remote, &inv, &einv, &err), 0,
                   "the next call starts a new reader (%s)", err.msg);
        TAP_OK(reader_pid(r) > 0 && reader_pid(r) != pid, "a new process");
        TAP_OK(same_words(&local, &remote), "reading the same");
        doc_text_release(&remote);
        pid = reader_pid(r);
        reader_free(r);
        TAP_OK(kill(pid, 0) < 0, "reader_free ends the process");
        reader_free(NULL);
        doc_text_release(&local);
        g_byte_array_unref(pdf);
}

static void test_einvoice(void)
{
        g_autofree char *path = g_build_filename(getenv("BILLFLOW_SRCDIR") ? getenv("BILLFLOW_SRCDIR")
                                                                           : ".",
                                                 "tests", "data", "einvoice", "ubl-minimal.xml", NULL);
        g_autofree char *xml = NULL;
        gsize len = 0;
        bf_reader *r = reader_new(NULL);
        bf_doc_text doc = { 0 };
        bf_invoice remote, local;
        char a[64], b[64];
        bool einv = false, same = true;

        if (!g_file_get_contents(path, &xml, &len, NULL)) {
                TAP_OK(false, "cannot read '%s'", path);
                reader_free(r);
                return;
        }
        invoice_init(&remote);
        invoice_init(&local);
        TAP_INT_EQ(reader_read(r, xml, len, &doc, &remote, &einv, NULL), 0, "UBL in the reader");
        TAP_OK(einv, "read as an e-invoice");
        TAP_INT_EQ(capture_einvoice(xml, len, &local, NULL), 0, "and in-process");
        for (int f = 0; f < FIELD__COUNT; f++)
                same &= invoice_field_text(&remote, f, a, sizeof(a)) ==
                                invoice_field_text(&local, f, b, sizeof(b)) &&
                        strcmp(a, b) == 0;
        TAP_OK(same && remote.n_lines == local.n_lines && remote.n_lines > 0,
               "every field and line the same (%zu lines)", remote.n_lines);
        invoice_release(&remote);
        invoice_release(&local);
        reader_free(r);
}

static void test_mail(void)
{
        struct reader_options opt;
        struct bf_error err = { 0 };
        bf_mail m = { 0 };
        size_t len;
        char *raw = sample_mail(SAMPLE_PLAIN_PDF, 0, &len);
        GString *bomb = g_string_new("From: a@example.com\r\nMIME-Version: 1.0\r\n"
                                     "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        GString *nest = g_string_new("From: a@example.com\r\nMIME-Version: 1.0\r\n"
                                     "Content-Type: multipart/mixed; boundary=\"n0\"\r\n\r\n");
        bf_reader *r;

        reader_options_init(&opt);
        opt.budget.max_mime_parts = 100;
        opt.budget.max_mime_depth = 5;
        r = reader_new(&opt);
        TAP_INT_EQ(reader_mail(r, raw, len, NULL, &m, &err), 0, "a mail is parsed in the reader (%s)",
                   err.msg);
        sample_check(SAMPLE_PLAIN_PDF, &m, "reader");
        mail_release(&m);

        for (int i = 0; i < 101; i++)
                g_string_append(bomb, "--b\r\n\r\n");
        g_string_append(bomb, "--b--\r\n");
        TAP_INT_EQ(reader_mail(r, bomb->str, bomb->len, NULL, &m, &err), BF_ETOOBIG,
                   "101 MIME parts: refused");
        TAP_OK(strstr(err.msg, "capture.max_mime_parts") != NULL, "naming the key (%s)", err.msg);
        for (int i = 1; i < 7; i++)
                g_string_append_printf(nest, "--n%d\r\nContent-Type: multipart/mixed; "
                                       "boundary=\"n%d\"\r\n\r\n", i - 1, i);
        TAP_INT_EQ(reader_mail(r, nest->str, nest->len, NULL, &m, &err), BF_ETOOBIG,
                   "multiparts nested 7 deep: refused");
        TAP_OK(strstr(err.msg, "capture.max_mime_depth") != NULL, "naming the key (%s)", err.msg);
        reader_free(r);

        reader_options_init(&opt);
        opt.budget.max_decoded_bytes = 10;
        r = reader_new(&opt);
        TAP_INT_EQ(reader_mail(r, raw, len, NULL, &m, &err), BF_ETOOBIG,
                   "attachments over the decoded budget: refused");
        TAP_OK(strstr(err.msg, "capture.max_decoded_mb") != NULL, "naming the key (%s)", err.msg);
        reader_free(r);
        g_string_free(bomb, TRUE);
        g_string_free(nest, TRUE);
        g_free(raw);
}

static void test_wire(void)
{
        struct wire_out o = { 0 };
        bf_doc_text doc = { 0 }, back = { 0 };
        bf_page *pg = doc_text_add_page(&doc, 595, 842, false);
        size_t bad = 0, cuts = 0;
        struct wire_in in;

        page_add_word(pg, "Total", (bf_box){ 1, 2, 3, 4 }, 0.5f, 0, 0);
        page_add_word(pg, "12.50", (bf_box){ 5, 6, 7, 8 }, 1.0f, 0, 0);
        wire_put_doc(&o, &doc);
        in = (struct wire_in){ .p = o.p, .len = o.len };
        TAP_INT_EQ(wire_get_doc(&in, &back), 0, "a word layer there and back");
        TAP_OK(same_words(&doc, &back) && in.off == o.len, "unchanged");
        doc_text_release(&back);
        /* Every truncation is refused, never read past. */
        for (size_t n = 0; n < o.len; n++, cuts++) {
                in = (struct wire_in){ .p = o.p, .len = n };
                bad += wire_get_doc(&in, &back) == BF_EINVAL;
        }
        TAP_INT_EQ(bad, cuts, "every truncated reply refused (%zu)", cuts);
        {
                /* A page claiming four billion words in a few bytes. */
                struct wire_out liar = { 0 };

                wire_put_u32(&liar, SOURCE_TEXT);
                wire_put_u32(&liar, 1);
                wire_put_f64(&liar, 10);
                wire_put_f64(&liar, 10);
                wire_put_u32(&liar, 0);
                wire_put_u32(&liar, 0xfffffffe);
                in = (struct wire_in){ .p = liar.p, .len = liar.len };
                TAP_INT_EQ(wire_get_doc(&in, &back), BF_EINVAL,
                           "a count the bytes cannot hold: refused before allocating");
                wire_out_release(&liar);
        }
        {
                /* Invalid UTF-8 and a NaN box. */
                struct wire_out liar = { 0 };
                unsigned char *p;

                wire_put_doc(&liar, &doc);
                p = memmem(liar.p, liar.len, "Total", 5);
                p[1] = 0xff;
                in = (struct wire_in){ .p = liar.p, .len = liar.len };
                TAP_INT_EQ(wire_get_doc(&in, &back), BF_EINVAL, "a word that is not UTF-8: refused");
                wire_out_release(&liar);
                liar = (struct wire_out){ 0 };
                wire_put_u32(&liar, SOURCE_TEXT);
                wire_put_u32(&liar, 1);
                wire_put_f64(&liar, 0.0 / 0.0);
                in = (struct wire_in){ .p = liar.p, .len = liar.len };
                TAP_INT_EQ(wire_get_doc(&in, &back), BF_EINVAL, "a NaN page size: refused");
                wire_out_release(&liar);
        }
        wire_out_release(&o);
        doc_text_release(&doc);
}

int main(int argc, char **argv)
{
        if (argc >= 2 && strcmp(argv[1], READER_CHILD_ARG) == 0)
                return reader_child_main(argc, argv);
        test_read();
        test_einvoice();
        test_mail();
        test_wire();
        return tap_done();
}
