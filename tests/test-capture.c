/* test-capture.c: capture's unit tests — PDFs, PNGs and TIFFs made here
 * with cairo and leptonica, read back into the word layer. */
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <leptonica/allheaders.h>

#include "capture/capture-int.h"
#include "capture/capture.h"
#include "tests/tap.h"

#define DPI 300.0
#define FAINT_TABLE_FROM 0.6
/* Dot-matrix print: dots DOT_SIZE pixels wide every DOT_PITCH pixels
 * (read as nothing at all before strokes were thickened). */
#define DOT_PITCH 3
#define DOT_SIZE 1

struct buf {
        unsigned char *d;
        size_t n, cap;
};

static void buf_append(struct buf *b, const void *data, size_t len)
{
        if (len == 0)   /* nothing to add, and b->d may not exist yet */
                return;
        if (b->n + len > b->cap) {
                b->cap = (b->n + len) * 2;
                b->d = bf_xrealloc(b->d, b->cap);
        }
        memcpy(b->d + b->n, data, len);
        b->n += len;
}

static cairo_status_t buf_write(void *closure, const unsigned char *data, unsigned int len)
{
        buf_append(closure, data, len);
        return CAIRO_STATUS_SUCCESS;
}

static double now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The test invoice, in points, its top-left corner at (x, y). */
static void draw_invoice(cairo_t *cr, double x, double y, bool second)
{
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_BOLD);
        cairo_set_font_size(cr, 24);
        cairo_move_to(cr, x, y + 24);
        cairo_show_text(cr, second ? "DELIVERY NOTE" : "INVOICE");
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, 12);
        cairo_move_to(cr, x, y + 72);
        cairo_show_text(cr, second ? "Order No: PO-55120" : "Invoice No: INV-20931");
        cairo_move_to(cr, x, y + 96);
        cairo_show_text(cr, second ? "Boxes: 12" : "Total: 214.80");
}

/* A 5x2.5 inch scan of the invoice at 300 dpi, turned by `angle` degrees,
 * with salt-and-pepper noise. Caller destroys. */
static cairo_surface_t *scan_surface(double angle, bool noise, bool second)
{
        int w = (int)(5 * DPI), h = (int)(2.5 * DPI);
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        cairo_t *cr = cairo_create(s);
        uint32_t seed = 12345;

        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_translate(cr, w / 2.0, h / 2.0);
        cairo_rotate(cr, angle * M_PI / 180.0);
        cairo_translate(cr, -w / 2.0, -h / 2.0);
        cairo_scale(cr, DPI / 72.0, DPI / 72.0);
        draw_invoice(cr, 36, 30, second);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        if (noise) {
                unsigned char *data = cairo_image_surface_get_data(s);
                int stride = cairo_image_surface_get_stride(s);

                for (int y = 0; y < h; y++) {
                        uint32_t *row = (uint32_t *)(data + (size_t)y * stride);

                        for (int x = 0; x < w; x++) {
                                seed = seed * 1103515245u + 12345u;
                                if ((seed >> 16) % 400 == 0)
                                        row[x] = (seed >> 8) & 1 ? 0x000000 : 0xffffff;
                        }
                }
                cairo_surface_mark_dirty(s);
        }
        return s;
}

static struct buf make_png(void)
{
        struct buf b = {0};
        cairo_surface_t *s = scan_surface(1.0, true, false);

        cairo_surface_write_to_png_stream(s, buf_write, &b);
        cairo_surface_destroy(s);
        return b;
}

/* A letter-size PDF, one page per letter of `pages`: 't' the invoice as
 * text, 'i' the invoice as a scanned image, 'b' blank. */
static struct buf make_pdf(const char *pages)
{
        struct buf b = {0};
        cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(buf_write, &b, 612, 792);
        cairo_t *cr = cairo_create(pdf);

        for (const char *p = pages; *p; p++) {
                if (*p == 't') {
                        draw_invoice(cr, 72, 72, false);
                } else if (*p == 'i') {
                        cairo_surface_t *img = scan_surface(0.0, false, false);

                        cairo_save(cr);
                        cairo_translate(cr, 72, 72);
                        cairo_scale(cr, 72.0 / DPI, 72.0 / DPI);
                        cairo_set_source_surface(cr, img, 0, 0);
                        cairo_paint(cr);
                        cairo_restore(cr);
                        cairo_surface_destroy(img);
                }
                cairo_show_page(cr);
        }
        cairo_destroy(cr);
        cairo_surface_finish(pdf);
        cairo_surface_destroy(pdf);
        return b;
}

static PIX *surface_to_pix(cairo_surface_t *s)
{
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        int stride = cairo_image_surface_get_stride(s);
        const unsigned char *data = cairo_image_surface_get_data(s);
        PIX *pix = pixCreate(w, h, 8);

        for (int y = 0; y < h; y++) {
                const uint32_t *src = (const uint32_t *)(data + (size_t)y * stride);
                l_uint32 *line = pixGetData(pix) + (size_t)y * pixGetWpl(pix);

                for (int x = 0; x < w; x++)
                        SET_DATA_BYTE(line, x, (src[x] >> 8) & 0xff);
        }
        pixSetResolution(pix, (int)DPI, (int)DPI);
        return pix;
}

static struct buf make_tiff(void)
{
        struct buf b = {0};
        PIXA *pixa = pixaCreate(2);
        l_uint8 *data = NULL;
        size_t size = 0;

        for (int i = 0; i < 2; i++) {
                cairo_surface_t *s = scan_surface(0.0, false, i == 1);

                pixaAddPix(pixa, surface_to_pix(s), L_INSERT);
                cairo_surface_destroy(s);
        }
        if (pixaWriteMemMultipageTiff(&data, &size, pixa) == 0)
                buf_append(&b, data, size);
        lept_free(data);
        pixaDestroy(&pixa);
        return b;
}

static uint32_t crc32_png(const unsigned char *p, size_t n)
{
        uint32_t c = 0xffffffffu;

        for (size_t i = 0; i < n; i++) {
                c ^= p[i];
                for (int k = 0; k < 8; k++)
                        c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        }
        return c ^ 0xffffffffu;
}

static void put_be32(unsigned char *p, uint32_t v)
{
        p[0] = v >> 24;
        p[1] = v >> 16;
        p[2] = v >> 8;
        p[3] = v;
}

/* A PNG signature, an IHDR claiming w x h with a valid CRC, no image data,
 * and IEND. */
static size_t make_png_header(unsigned char out[45], uint32_t w, uint32_t h)
{
        memcpy(out, "\x89PNG\r\n\x1a\n", 8);
        put_be32(out + 8, 13);
        memcpy(out + 12, "IHDR", 4);
        put_be32(out + 16, w);
        put_be32(out + 20, h);
        memcpy(out + 24, "\x08\x02\x00\x00\x00", 5);
        put_be32(out + 29, crc32_png(out + 12, 17));
        put_be32(out + 33, 0);
        memcpy(out + 37, "IEND", 4);
        put_be32(out + 41, crc32_png(out + 37, 4));
        return 45;
}

/* TAP_STR_EQ's inner TAP_OK re-declares tap_c_ from itself; compare here. */
static void str_eq(const char *got, const char *want, const char *what)
{
        bool same = got && want ? strcmp(got, want) == 0 : got == want;

        TAP_OK(same, "%s", what);
        if (!same)
                printf("#   got '%s', want '%s'\n", got ? got : "(null)", want ? want : "(null)");
}

static const bf_word *find_word(const bf_page *page, const char *text)
{
        for (size_t i = 0; i < page->n_words; i++)
                if (strcmp(page->words[i].text, text) == 0)
                        return &page->words[i];
        return NULL;
}

/* Finds a word containing `text` (OCR may glue punctuation on). */
static const bf_word *find_word_part(const bf_page *page, const char *text)
{
        for (size_t i = 0; i < page->n_words; i++)
                if (strstr(page->words[i].text, text))
                        return &page->words[i];
        return NULL;
}

static bool box_inside(bf_box b, const bf_page *page)
{
        return b.x0 >= 0 && b.y0 >= 0 && b.x0 < b.x1 && b.y0 < b.y1 && b.x1 <= page->width &&
               b.y1 <= page->height;
}

static void diag_words(const bf_page *page)
{
        printf("#   page %d words:", page->number);
        for (size_t i = 0; i < page->n_words; i++)
                printf(" %s", page->words[i].text);
        printf("\n");
}

static void test_sniff(void)
{
        unsigned char junk[2100];
        unsigned char png[45];

        TAP_INT_EQ(capture_sniff("%PDF-1.7\n", 9), FILE_KIND_PDF, "sniff: pdf");
        make_png_header(png, 10, 10);
        TAP_INT_EQ(capture_sniff(png, sizeof(png)), FILE_KIND_PNG, "sniff: png");
        TAP_INT_EQ(capture_sniff("\xff\xd8\xff\xe0", 4), FILE_KIND_JPEG, "sniff: jpeg");
        TAP_INT_EQ(capture_sniff("II*\0\x08\0\0\0", 8), FILE_KIND_TIFF, "sniff: tiff II");
        TAP_INT_EQ(capture_sniff("MM\0*\0\0\0\x08", 8), FILE_KIND_TIFF, "sniff: tiff MM");
        TAP_INT_EQ(capture_sniff("<?xml version=\"1.0\"?><a/>", 25), FILE_KIND_XML, "sniff: xml");
        TAP_INT_EQ(capture_sniff("\xef\xbb\xbf \n<Invoice/>", 16), FILE_KIND_XML,
                   "sniff: xml after BOM and whitespace");
        TAP_INT_EQ(capture_sniff("hello, world", 12), FILE_KIND_UNKNOWN, "sniff: text");
        TAP_INT_EQ(capture_sniff("", 0), FILE_KIND_UNKNOWN, "sniff: empty");
        TAP_INT_EQ(capture_sniff("%PD", 3), FILE_KIND_UNKNOWN, "sniff: short");

        memset(junk, 'x', sizeof(junk));
        memcpy(junk + 1000, "%PDF-1.4", 8);
        TAP_INT_EQ(capture_sniff(junk, sizeof(junk)), FILE_KIND_PDF, "sniff: pdf after 1000 bytes");
        memset(junk, 'x', sizeof(junk));
        memcpy(junk + 2000, "%PDF-1.4", 8);
        TAP_INT_EQ(capture_sniff(junk, sizeof(junk)), FILE_KIND_UNKNOWN,
                   "sniff: pdf after 2000 bytes is not a pdf");
}

static void test_text_pdf(void)
{
        struct buf pdf = make_pdf("t");
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        const bf_page *pg;
        const bf_word *inv, *no, *total, *amount;
        int r;

        r = capture_read(pdf.d, pdf.n, NULL, NULL, &doc, &err);
        TAP_INT_EQ(r, 0, "text pdf: read without an ocr engine (%s)", err.msg);
        TAP_INT_EQ(doc.source, SOURCE_TEXT, "text pdf: source text");
        TAP_INT_EQ(doc.n_pages, 1, "text pdf: one page");
        if (doc.n_pages != 1)
                goto out;
        pg = &doc.pages[0];
        TAP_OK(!pg->ocr && pg->number == 1, "text pdf: page 1, not ocr");
        TAP_OK(fabs(pg->width - 612) < 0.5 && fabs(pg->height - 792) < 0.5,
               "text pdf: page size in points (%gx%g)", pg->width, pg->height);
        TAP_INT_EQ(pg->n_words, 6, "text pdf: six words");
        if (pg->n_words != 6)
                diag_words(pg);
        if (pg->n_words < 6)
                goto out;
        str_eq(pg->words[0].text, "INVOICE", "text pdf: word 1");
        str_eq(pg->words[1].text, "Invoice", "text pdf: word 2");
        str_eq(pg->words[2].text, "No:", "text pdf: word 3");
        str_eq(pg->words[3].text, "INV-20931", "text pdf: word 4");
        str_eq(pg->words[4].text, "Total:", "text pdf: word 5");
        str_eq(pg->words[5].text, "214.80", "text pdf: word 6");

        inv = find_word(pg, "INVOICE");
        no = find_word(pg, "INV-20931");
        total = find_word(pg, "Total:");
        amount = find_word(pg, "214.80");
        TAP_OK(inv && no && total && amount, "text pdf: words found by text");
        if (!(inv && no && total && amount))
                goto out;
        TAP_OK(inv->conf == 1.0f && amount->conf == 1.0f, "text pdf: confidence 1.0");
        TAP_OK(fabs(inv->box.x0 - 72) < 3 && fabs(inv->box.y1 - 96) < 9 &&
               inv->box.y1 - inv->box.y0 > 18 && inv->box.y1 - inv->box.y0 < 36 &&
               inv->box.x1 - inv->box.x0 > 80 && inv->box.x1 - inv->box.x0 < 140,
               "text pdf: INVOICE box plausible (%.1f,%.1f,%.1f,%.1f)",
               inv->box.x0, inv->box.y0, inv->box.x1, inv->box.y1);
        TAP_OK(fabs(amount->box.y1 - 168) < 5 && amount->box.x0 > total->box.x1 &&
               amount->box.x0 - total->box.x1 < 8,
               "text pdf: 214.80 box right of Total: (%.1f,%.1f,%.1f,%.1f)",
               amount->box.x0, amount->box.y0, amount->box.x1, amount->box.y1);
        TAP_OK(box_inside(no->box, pg) && box_inside(amount->box, pg),
               "text pdf: boxes inside the page");
        TAP_OK(inv->line == 0 && no->line == 1 && pg->words[1].line == 1 && total->line == 2 &&
               amount->line == 2, "text pdf: lines 0, 1, 2");
        TAP_OK(no->block == amount->block && inv->block < no->block,
               "text pdf: title its own block, the rest one block");
out:
        doc_text_release(&doc);
        free(pdf.d);
}

/* Letters placed in runs with a kerning gap between them ("Zahlbetr" "ag",
 * as some PDF makers write them) read as one word; a space narrower than
 * usual (a condensed font) and two columns set close, the second starting
 * with a capital, stay two words. */
static void test_kerned_pdf(void)
{
        struct buf b = {0};
        cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(buf_write, &b, 612, 792);
        cairo_t *cr = cairo_create(pdf);
        static const char *const runs[][2] = {
                { "Zahlbetr", "ag" }, { "Taxiunter", "nehmen" }, { "Hex", "nuts" }, { "Menge", "Preis" },
        };
        /* the gap after the first run, in its mean character widths */
        static const double gaps[] = { 0.18, 0.22, 0.45, 0.2 };
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        int r;

        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, 10);
        for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
                cairo_text_extents_t e;
                double y = 100 + 30 * (double)i;

                cairo_text_extents(cr, runs[i][0], &e);
                cairo_move_to(cr, 72, y);
                cairo_show_text(cr, runs[i][0]);
                cairo_move_to(cr, 72 + e.x_advance + gaps[i] * e.x_advance / (double)strlen(runs[i][0]),
                              y);
                cairo_show_text(cr, runs[i][1]);
        }
        cairo_show_page(cr);
        cairo_destroy(cr);
        cairo_surface_finish(pdf);
        cairo_surface_destroy(pdf);

        r = capture_read(b.d, b.n, NULL, NULL, &doc, &err);
        TAP_INT_EQ(r, 0, "kerned pdf: read (%s)", err.msg);
        if (r == 0 && doc.n_pages == 1) {
                const bf_page *pg = &doc.pages[0];

                TAP_OK(find_word(pg, "Zahlbetrag") != NULL, "kerned pdf: 'Zahlbetr' 'ag' one word");
                TAP_OK(find_word(pg, "Taxiunternehmen") != NULL,
                       "kerned pdf: 'Taxiunter' 'nehmen' one word");
                TAP_OK(find_word(pg, "Hex") && find_word(pg, "nuts"),
                       "kerned pdf: a narrow space still parts 'Hex nuts'");
                TAP_OK(find_word(pg, "Menge") && find_word(pg, "Preis"),
                       "kerned pdf: a capital after a close gap starts a word ('Menge' 'Preis')");
                if (!find_word(pg, "Zahlbetrag") || !find_word(pg, "nuts"))
                        diag_words(pg);
        }
        doc_text_release(&doc);
        free(b.d);
}

static void test_pdf_junk_and_caps(void)
{
        struct buf pdf = make_pdf("t"), junky = {0}, two = make_pdf("tb");
        struct capture_options opt;
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        int r;

        buf_append(&junky, "garbage from a mail gateway\r\n", 29);
        buf_append(&junky, pdf.d, pdf.n);
        r = capture_read(junky.d, junky.n, NULL, NULL, &doc, &err);
        TAP_INT_EQ(r, 0, "pdf after junk: read (%s)", err.msg);
        TAP_OK(doc.n_pages == 1 && find_word(&doc.pages[0], "INV-20931"),
               "pdf after junk: words found");
        doc_text_release(&doc);

        capture_options_init(&opt);
        opt.max_pages = 1;
        r = capture_read(two.d, two.n, NULL, &opt, &doc, &err);
        TAP_INT_EQ(r, BF_ETOOBIG, "pdf over max_pages: BF_ETOOBIG (%s)", err.msg);

        /* The blank second page needs OCR; no engine: unsupported. */
        r = capture_read(two.d, two.n, NULL, NULL, &doc, &err);
        TAP_INT_EQ(r, BF_EUNSUPPORTED, "pdf page without text, no ocr: BF_EUNSUPPORTED (%s)",
                   err.msg);
        TAP_INT_EQ(doc.n_pages, 0, "failed read leaves ret untouched");

        free(pdf.d);
        free(junky.d);
        free(two.d);
}

static void test_bad_pdfs(void)
{
        struct buf pdf = make_pdf("t");
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        const char *notpdf = "this is a text file that someone named invoice.pdf\n";
        int r;

        r = capture_read(pdf.d, 0, NULL, NULL, &doc, &err);
        TAP_INT_EQ(r, BF_EINVAL, "empty input: BF_EINVAL (%s)", err.msg);

        r = capture_read(pdf.d, pdf.n / 2, NULL, NULL, &doc, &err);
        TAP_INT_EQ(r, BF_EINVAL, "truncated pdf: BF_EINVAL (%s)", err.msg);
        TAP_OK(strncmp(err.msg, "corrupt pdf: ", 13) == 0 && strlen(err.msg) > 13,
               "truncated pdf: poppler's message");

        TAP_INT_EQ(capture_sniff(notpdf, strlen(notpdf)), FILE_KIND_UNKNOWN,
                   "text named .pdf: sniffed unknown");
        r = capture_read(notpdf, strlen(notpdf), NULL, NULL, &doc, &err);
        TAP_INT_EQ(r, BF_EUNSUPPORTED, "text named .pdf: BF_EUNSUPPORTED (%s)", err.msg);

        r = capture_read("<?xml version=\"1.0\"?><Invoice/>", 31, NULL, NULL, &doc, &err);
        TAP_INT_EQ(r, BF_EUNSUPPORTED, "xml: not capture's (%s)", err.msg);
        free(pdf.d);
}

static bool write_file(const char *path, const void *data, size_t len)
{
        FILE *f = fopen(path, "wb");
        bool ok;

        if (!f)
                return false;
        ok = fwrite(data, 1, len, f) == len;
        return fclose(f) == 0 && ok;
}

/* Encrypts `pdf` with qpdf (AES-256); NULL data if qpdf is missing. */
static struct buf qpdf_encrypt(const char *dir, const struct buf *pdf, char *user)
{
        struct buf out = {0};
        char *qpdf = g_find_program_in_path("qpdf");
        char *in = g_build_filename(dir, "plain.pdf", NULL);
        char *enc = g_build_filename(dir, "encrypted.pdf", NULL);
        char *argv[] = { qpdf, "--encrypt", user, "owner-secret", "256", "--",
                         in, enc, NULL };
        char *data = NULL;
        size_t len = 0;
        int status = -1;

        if (qpdf && write_file(in, pdf->d, pdf->n) &&
            g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                         G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
            status == 0 && capture_read_file(enc, 1 << 24, &data, &len, NULL) == 0) {
                out.d = (unsigned char *)data;
                out.n = len;
        }
        unlink(in);
        unlink(enc);
        g_free(in);
        g_free(enc);
        g_free(qpdf);
        return out;
}

static void test_encrypted_pdf(const char *dir)
{
        struct buf pdf = make_pdf("t"), enc;
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        int r;

        enc = qpdf_encrypt(dir, &pdf, "user-secret");
        if (!enc.d) {
                printf("ok %d - # SKIP encrypted pdf: qpdf not installed (apt-get install qpdf)\n",
                       ++tap_n);
                printf("ok %d - # SKIP owner-only encrypted pdf: qpdf not installed\n", ++tap_n);
                free(pdf.d);
                return;
        }
        r = capture_read(enc.d, enc.n, NULL, NULL, &doc, &err);
        TAP_INT_EQ(r, BF_EINVAL, "encrypted pdf: BF_EINVAL");
        str_eq(err.msg, "encrypted pdf", "encrypted pdf: message");
        free(enc.d);

        /* Only an owner password (permissions): readable, so read. */
        enc = qpdf_encrypt(dir, &pdf, "");
        r = capture_read(enc.d, enc.n, NULL, NULL, &doc, &err);
        TAP_OK(r == 0 && doc.n_pages == 1 && find_word(&doc.pages[0], "214.80"),
               "owner-password-only pdf: read (%s)", r ? err.msg : "ok");
        doc_text_release(&doc);
        free(enc.d);
        free(pdf.d);
}

static void test_huge_image(bf_ocr *ocr)
{
        unsigned char png[45];
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        int r;

        make_png_header(png, 60000, 60000);
        r = capture_read(png, sizeof(png), ocr, NULL, &doc, &err);
        TAP_INT_EQ(r, BF_ETOOBIG, "60000x60000 png: BF_ETOOBIG");
        str_eq(err.msg, "image too large (60000x60000 pixels)", "60000x60000 png: message");

        r = capture_read(png, 20, ocr, NULL, &doc, &err);
        TAP_INT_EQ(r, BF_EINVAL, "png cut inside IHDR: BF_EINVAL (%s)", err.msg);

        make_png_header(png, 100, 100);
        r = capture_read(png, sizeof(png), ocr, NULL, &doc, &err);
        TAP_INT_EQ(r, BF_EINVAL, "png header without pixels: BF_EINVAL (%s)", err.msg);
}

static void test_png(bf_ocr *ocr)
{
        struct buf png = make_png();
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        const bf_word *no, *amount;
        double t0;
        int r;

        t0 = now_ms();
        r = capture_read(png.d, png.n, ocr, NULL, &doc, &err);
        printf("# png 1500x750 at 300 dpi, OCR: %.0f ms\n", now_ms() - t0);
        TAP_INT_EQ(r, 0, "png: read (%s)", err.msg);
        TAP_OK(doc.source == SOURCE_OCR && doc.n_pages == 1, "png: one ocr page");
        if (doc.n_pages != 1)
                goto out;
        TAP_OK(doc.pages[0].ocr && doc.pages[0].width == 1500 && doc.pages[0].height == 750,
               "png: page in pixels (%gx%g)", doc.pages[0].width, doc.pages[0].height);
        no = find_word(&doc.pages[0], "INV-20931");
        amount = find_word(&doc.pages[0], "214.80");
        TAP_OK(no != NULL, "png: OCR finds INV-20931");
        TAP_OK(amount != NULL, "png: OCR finds 214.80");
        if (!no || !amount) {
                diag_words(&doc.pages[0]);
                goto out;
        }
        TAP_OK(no->conf > 0.6f && no->conf <= 1.0f, "png: confidence %.2f", no->conf);
        /* 12 pt at 300 dpi: about 50 pixels a line. */
        TAP_OK(box_inside(amount->box, &doc.pages[0]) &&
               amount->box.y1 - amount->box.y0 > 25 && amount->box.y1 - amount->box.y0 < 80,
               "png: 214.80 box in pixels (%.0f,%.0f,%.0f,%.0f)",
               amount->box.x0, amount->box.y0, amount->box.x1, amount->box.y1);
        TAP_OK(no->line != amount->line, "png: number and total on different lines");
out:
        doc_text_release(&doc);
        free(png.d);
}

static void test_mixed_pdf(bf_ocr *ocr)
{
        struct buf pdf = make_pdf("ti");
        struct capture_options opt;
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        double t0;
        int r;

        t0 = now_ms();
        r = capture_read(pdf.d, pdf.n, ocr, NULL, &doc, &err);
        printf("# mixed pdf (text page + letter page rendered at 300 dpi, OCR): %.0f ms\n",
               now_ms() - t0);
        TAP_INT_EQ(r, 0, "mixed pdf: read (%s)", err.msg);
        TAP_INT_EQ(doc.source, SOURCE_MIXED, "mixed pdf: source mixed");
        if (doc.n_pages == 2) {
                const bf_page *p2 = &doc.pages[1];

                TAP_OK(!doc.pages[0].ocr && p2->ocr && p2->number == 2,
                       "mixed pdf: page 1 text, page 2 ocr");
                TAP_OK(p2->width == 2550 && p2->height == 3300,
                       "mixed pdf: page 2 in pixels at 300 dpi (%gx%g)", p2->width, p2->height);
                TAP_OK(find_word(p2, "214.80") != NULL, "mixed pdf: OCR finds 214.80 on page 2");
        } else {
                TAP_INT_EQ(doc.n_pages, 2, "mixed pdf: two pages");
        }
        doc_text_release(&doc);

        /* A blank last page (no ink at all) is not OCRed: the words are
         * the text layer's alone, and so is the source. */
        struct buf tb = make_pdf("tb"), b = make_pdf("b");
        r = capture_read(tb.d, tb.n, ocr, NULL, &doc, &err);
        TAP_INT_EQ(r, 0, "text + blank pdf: read (%s)", err.msg);
        TAP_INT_EQ(doc.source, SOURCE_TEXT, "text + blank pdf: source text");
        TAP_OK(doc.n_pages == 2 && !doc.pages[1].ocr && doc.pages[1].n_words == 0 &&
               doc.pages[1].number == 2 && find_word(&doc.pages[0], "214.80"),
               "text + blank pdf: page 2 kept, blank, not OCRed");
        doc_text_release(&doc);
        r = capture_read(b.d, b.n, ocr, NULL, &doc, &err);
        TAP_OK(r == 0 && doc.source == SOURCE_OCR && doc.n_pages == 1 && doc.pages[0].n_words == 0,
               "blank pdf: read as an image, no words (%s)", err.msg);
        doc_text_release(&doc);
        free(tb.d);
        free(b.d);

        /* Over the pixel cap, the render drops to the dpi that fits. */
        capture_options_init(&opt);
        opt.max_pixels = 2550 * 3300 / 4;
        r = capture_read(pdf.d, pdf.n, ocr, &opt, &doc, &err);
        TAP_INT_EQ(r, 0, "mixed pdf, small pixel cap: read (%s)", err.msg);
        if (r == 0 && doc.n_pages == 2) {
                const bf_page *p2 = &doc.pages[1];

                TAP_OK(p2->width * p2->height <= opt.max_pixels && p2->width >= 1200,
                       "mixed pdf, small pixel cap: rendered at ~150 dpi (%gx%g)",
                       p2->width, p2->height);
                TAP_OK(find_word_part(p2, "214.80") != NULL,
                       "mixed pdf, small pixel cap: still finds 214.80");
        }
        doc_text_release(&doc);

        capture_options_init(&opt);
        opt.max_pixels = 1000;
        r = capture_read(pdf.d, pdf.n, ocr, &opt, &doc, &err);
        TAP_INT_EQ(r, BF_ETOOBIG, "mixed pdf, tiny pixel cap: BF_ETOOBIG (%s)", err.msg);
        free(pdf.d);
}

static void test_tiff(bf_ocr *ocr)
{
        struct buf tiff = make_tiff();
        struct capture_options opt;
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        double t0;
        int r;

        TAP_INT_EQ(capture_sniff(tiff.d, tiff.n), FILE_KIND_TIFF, "tiff: sniffed");
        t0 = now_ms();
        r = capture_read(tiff.d, tiff.n, ocr, NULL, &doc, &err);
        printf("# tiff, two 1500x750 pages, OCR: %.0f ms\n", now_ms() - t0);
        TAP_INT_EQ(r, 0, "tiff: read (%s)", err.msg);
        TAP_INT_EQ(doc.n_pages, 2, "tiff: two pages");
        if (doc.n_pages == 2) {
                TAP_OK(doc.pages[0].number == 1 && doc.pages[1].number == 2 &&
                       doc.pages[0].ocr && doc.pages[1].ocr, "tiff: pages 1 and 2, ocr");
                TAP_OK(find_word(&doc.pages[0], "INV-20931") != NULL, "tiff: page 1 text");
                TAP_OK(find_word(&doc.pages[1], "PO-55120") != NULL, "tiff: page 2 text");
        }
        doc_text_release(&doc);

        capture_options_init(&opt);
        opt.max_pages = 1;
        r = capture_read(tiff.d, tiff.n, ocr, &opt, &doc, &err);
        TAP_INT_EQ(r, BF_ETOOBIG, "tiff over max_pages: BF_ETOOBIG (%s)", err.msg);
        capture_options_init(&opt);
        opt.max_pixels = 1500 * 750 - 1;
        r = capture_read(tiff.d, tiff.n, ocr, &opt, &doc, &err);
        TAP_INT_EQ(r, BF_ETOOBIG, "tiff over max_pixels: BF_ETOOBIG (%s)", err.msg);
        r = capture_read(tiff.d, tiff.n / 3, ocr, NULL, &doc, &err);
        TAP_OK(r == BF_EINVAL || r == 0, "truncated tiff: BF_EINVAL or partial (%s)",
               r ? err.msg : "ok");
        doc_text_release(&doc);
        free(tiff.d);
}

static void test_read_file(const char *dir)
{
        struct bf_error err = {0};
        char *path = g_build_filename(dir, "f.bin", NULL);
        char *missing = g_build_filename(dir, "missing.pdf", NULL);
        char *data = NULL;
        size_t len = 0;
        int r;

        r = capture_read_file(missing, 100, &data, &len, &err);
        TAP_INT_EQ(r, BF_EIO, "read_file missing: BF_EIO");
        TAP_OK(strstr(err.msg, strerror(ENOENT)) != NULL, "read_file missing: says why (%s)",
               err.msg);

        write_file(path, "", 0);
        r = capture_read_file(path, 100, &data, &len, &err);
        TAP_INT_EQ(r, BF_EINVAL, "read_file empty: BF_EINVAL");
        TAP_OK(strstr(err.msg, "empty file") != NULL, "read_file empty: message (%s)", err.msg);

        write_file(path, "0123456789", 10);
        r = capture_read_file(path, 9, &data, &len, &err);
        TAP_INT_EQ(r, BF_ETOOBIG, "read_file over cap: BF_ETOOBIG (%s)", err.msg);
        r = capture_read_file(path, 10, &data, &len, &err);
        TAP_OK(r == 0 && len == 10 && memcmp(data, "0123456789", 10) == 0,
               "read_file at cap: read");
        free(data);

        r = capture_read_file(dir, 100, &data, &len, &err);
        TAP_INT_EQ(r, BF_EIO, "read_file directory: BF_EIO (%s)", err.msg);

        unlink(path);
        g_free(path);
        g_free(missing);
}

static void test_ocr_new(void)
{
        struct bf_error err = {0};
        bf_ocr *ocr;

        ocr = ocr_new("xxq", &err);
        TAP_OK(ocr == NULL && err.code == BF_ENOTFOUND, "ocr_new missing language: BF_ENOTFOUND");
        TAP_OK(strstr(err.msg, "'xxq'") != NULL, "ocr_new missing language: named (%s)",
               err.msg);
        ocr_free(ocr);
        ocr = ocr_new("eng+xxq", &err);
        TAP_OK(ocr == NULL && strstr(err.msg, "'xxq'") != NULL,
               "ocr_new eng+missing: refused (%s)", err.msg);
        ocr_free(ocr);
        ocr_free(NULL);
        ocr = ocr_new_at("eng", "/nonexistent/tessdata", &err);
        TAP_OK(ocr == NULL && err.code == BF_ENOTFOUND &&
                       strstr(err.msg, "'/nonexistent/tessdata'") != NULL,
               "ocr_new_at missing model directory: refused, named (%s)", err.msg);
        ocr = ocr_new_at("auto", "/usr/share/tesseract-ocr/5/tessdata", &err);
        if (!ocr)
                printf("ok %d - # SKIP ocr_new_at auto: %s\n", ++tap_n, err.msg);
        else
                TAP_OK(ocr != NULL, "ocr_new_at auto from Debian's model directory");
        ocr_free(ocr);
}

/* Words of a page as the English model reads it, for langid_guess() (or
 * langid_named() when named). */
static const char *guess_by(const char *text, bool named)
{
        bf_page page = { .number = 1 };
        gchar **parts = g_strsplit(text, " ", -1);
        const char *lang;

        for (int i = 0; parts[i]; i++)
                if (*parts[i])
                        page_add_word(&page, parts[i], (bf_box){ 0, 0, 10, 10 }, 0.9f, 0, 0);
        lang = named ? langid_named(page.words, page.n_words)
                     : langid_guess(page.words, page.n_words);
        for (size_t i = 0; i < page.n_words; i++)
                free(page.words[i].text);
        free(page.words);
        g_strfreev(parts);
        return lang;
}

static const char *guess(const char *text)
{
        return guess_by(text, false);
}

static void test_langid(void)
{
        TAP_STR_EQ(guess("INVOICE Invoice No: 1042 Date: 3 May 2026 Total due 120.00 Thank you"),
                   "eng", "langid: English invoice");
        TAP_STR_EQ(guess("RECHNUNG Rechnungsnummer: 7 Rechnungsdatum: 3. Mai 2026 "
                         "Gesamtbetrag 120,00 Vielen Dank fur Ihren Auftrag"),
                   "deu", "langid: German invoice, umlauts lost");
        TAP_STR_EQ(guess("FACTURE Facture n° 7 Date d'échéance : 3 mai 2026 Montant TTC "
                         "120,00 TVA 20% Merci pour votre commande"),
                   "fra", "langid: French invoice");
        TAP_STR_EQ(guess("SIA \"Maxima Latvija\" Čeks Nr. 1234 KOPĀ EUR 12,40 PVN 21% "
                         "Paldies par pirkumu"),
                   "lav", "langid: Latvian receipt (diacritics folded)");
        TAP_STR_EQ(guess("FAKTURA VAT nr 12/2026 Data wystawienia Sprzedawca Nabywca "
                         "Razem do zapłaty 120,00 zł"),
                   "pol", "langid: Polish invoice");
        TAP_STR_EQ(guess("Factuur Factuurnummer 7 Factuurdatum Totaal te betalen BTW 21%"),
                   "nld", "langid: Dutch invoice");
        TAP_STR_EQ(guess("TOTAL 12.40 CASH 20.00 GST"), "eng",
                   "langid: too few words decide nothing");
        TAP_STR_EQ(guess(""), "eng", "langid: no words");
        /* A page's top band (capture reads the rest in what it names). */
        TAP_OK(guess_by("TOTAL 12.40 CASH 20.00 GST", true) == NULL,
               "langid_named: too few words name nothing");
        TAP_OK(guess_by("", true) == NULL, "langid_named: no words name nothing");
        TAP_STR_EQ(guess_by("INVOICE Invoice No: 1042 Date: 3 May 2026 Total due", true), "eng",
                   "langid_named: English named when its words are there");
        TAP_STR_EQ(guess_by("Számla sorszáma: 061052 Számla kelte: 2025-02-01 Fizetési "
                            "határidő: 2025-02-11 Rendelésszám: P107677", true),
                   "hun", "langid_named: the head of a Hungarian invoice");
}

/* A PDF of n tiny blank pages, made quickly by cairo. */
static struct buf make_many_pages(int n)
{
        struct buf b = {0};
        cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(buf_write, &b, 10, 10);
        cairo_t *cr = cairo_create(pdf);

        for (int i = 0; i < n; i++)
                cairo_show_page(cr);
        cairo_destroy(cr);
        cairo_surface_finish(pdf);
        cairo_surface_destroy(pdf);
        return b;
}

static void test_many_pages(bf_ocr *ocr)
{
        struct buf pdf = make_many_pages(5000);
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        double t0;
        int r;

        t0 = now_ms();
        r = capture_read(pdf.d, pdf.n, ocr, NULL, &doc, &err);
        TAP_INT_EQ(r, BF_ETOOBIG, "5000-page pdf: BF_ETOOBIG");
        str_eq(err.msg, "pdf has too many pages (5000, limit 200)", "5000-page pdf: reason");
        /* a figure, not a check: timings belong to the benchmarks */
        printf("# 5000-page pdf refused in %.0f ms\n", now_ms() - t0);
        TAP_INT_EQ(doc.n_pages, 0, "5000-page pdf: nothing read");
        free(pdf.d);
}

/* A letter page at `dpi` with the invoice drawn at its top, then `items`
 * lines of an item list: a whole-page scan. Caller destroys. */
static cairo_surface_t *page_scan_surface(double dpi, double angle, int items)
{
        int w = (int)(8.5 * dpi), h = (int)(11 * dpi);
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        cairo_t *cr = cairo_create(s);

        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_translate(cr, w / 2.0, h / 2.0);
        cairo_rotate(cr, angle * M_PI / 180.0);
        cairo_translate(cr, -w / 2.0, -h / 2.0);
        cairo_scale(cr, dpi / 72.0, dpi / 72.0);
        draw_invoice(cr, 72, 72, false);
        for (int i = 0; i < items; i++) {
                char line[96];

                snprintf(line, sizeof(line), "%2d  Hex bolts M8 x 40, zinc plated, box of 100"
                         "    %d x 12.50    %d.00", i + 1, i % 7 + 1, 12 * (i % 7 + 1));
                cairo_move_to(cr, 72, 200 + 13 * i);
                cairo_show_text(cr, line);
        }
        cairo_destroy(cr);
        cairo_surface_flush(s);
        return s;
}

/* One letter page: a full-page scan of the invoice, with a scanner's
 * "Page 1 of 1" stamped on as real text. */
static struct buf make_stamped_scan_pdf(void)
{
        struct buf b = {0};
        cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(buf_write, &b, 612, 792);
        cairo_surface_t *img = page_scan_surface(150, 0.0, 0);
        cairo_t *cr = cairo_create(pdf);

        cairo_save(cr);
        cairo_scale(cr, 72.0 / 150, 72.0 / 150);
        cairo_set_source_surface(cr, img, 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
        cairo_surface_destroy(img);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, 8);
        cairo_move_to(cr, 280, 770);
        cairo_show_text(cr, "Page 1 of 1");
        cairo_show_page(cr);
        cairo_destroy(cr);
        cairo_surface_finish(pdf);
        cairo_surface_destroy(pdf);
        return b;
}

static void test_stamped_scan(bf_ocr *ocr)
{
        struct buf pdf = make_stamped_scan_pdf();
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        int r;

        r = capture_read(pdf.d, pdf.n, ocr, NULL, &doc, &err);
        TAP_INT_EQ(r, 0, "scan with a 'Page 1 of 1' text layer: read (%s)", err.msg);
        TAP_OK(doc.n_pages == 1 && doc.pages[0].ocr && doc.source == SOURCE_OCR,
               "scan with a 'Page 1 of 1' text layer: OCRed, not taken as text");
        TAP_OK(doc.n_pages == 1 && find_word_part(&doc.pages[0], "INV-20931") &&
               find_word_part(&doc.pages[0], "214.80"),
               "scan with a 'Page 1 of 1' text layer: the scan's words found");
        if (doc.n_pages == 1 && !find_word_part(&doc.pages[0], "214.80"))
                diag_words(&doc.pages[0]);
        doc_text_release(&doc);

        /* Without an engine, the same page cannot be read: proof it is
         * no longer taken as a text page. */
        r = capture_read(pdf.d, pdf.n, NULL, NULL, &doc, &err);
        TAP_INT_EQ(r, BF_EUNSUPPORTED, "stamped scan, no ocr: BF_EUNSUPPORTED (%s)", err.msg);
        free(pdf.d);
}

static struct buf surface_png(cairo_surface_t *s)
{
        struct buf b = {0};

        cairo_surface_write_to_png_stream(s, buf_write, &b);
        return b;
}

/* OCR_REREAD_SMALL reads a figure of small print again scaled up, as the
 * one word standing where it stood; on a page of larger text it reads
 * nothing. */
static void test_reread_small(bf_ocr *ocr)
{
        /* 12 pt at 120 dpi: text about 14 pixels high, read as it is */
        const double dpis[2] = { 120.0, DPI };

        for (int d = 0; d < 2; d++) {
                cairo_surface_t *s = page_scan_surface(dpis[d], 0.0, 0);
                struct buf png = surface_png(s);
                struct bf_error err = {0};
                bf_doc_text doc = {0};
                const bf_word *amount;
                char *text = NULL;
                float conf = 0;
                int r;

                r = capture_read(png.d, png.n, ocr, NULL, &doc, &err);
                amount = r == 0 && doc.n_pages == 1 ? find_word(&doc.pages[0], "214.80") : NULL;
                TAP_OK(amount != NULL, "reread small (%.0f dpi): OCR finds 214.80 (%s)", dpis[d],
                       err.msg);
                if (amount) {
                        r = ocr_reread_boxes(ocr, 1, &amount->box, 1, OCR_REREAD_SMALL, &text, &conf);
                        if (d == 0) {
                                TAP_INT_EQ(r, 1, "reread small: the figure is read again");
                                TAP_STR_EQ(text ? text : "(null)", "214.80",
                                           "reread small: as printed, alone");
                                TAP_OK(conf > 0.5f && conf <= 1.0f, "reread small: confidence %.2f",
                                       conf);
                        } else {
                                TAP_INT_EQ(r, 0, "reread small: larger text is not read again");
                                TAP_OK(text == NULL, "reread small: no reading of larger text");
                        }
                }
                free(text);
                doc_text_release(&doc);
                free(png.d);
                cairo_surface_destroy(s);
        }
}

/* An 80 dpi page scan (see page_scan_surface) is read, its boxes in the
 * file's pixels. */
static void check_80dpi_scan(bf_ocr *ocr, double angle, int items, const char *what)
{
        cairo_surface_t *s = page_scan_surface(80, angle, items);
        struct buf png = surface_png(s);
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        const bf_word *amount = NULL;
        int r;

        r = capture_read(png.d, png.n, ocr, NULL, &doc, &err);
        TAP_OK(r == 0 && doc.n_pages == 1 && doc.pages[0].width == 680 &&
               find_word_part(&doc.pages[0], "INV-20931") &&
               (amount = find_word_part(&doc.pages[0], "214.80")) &&
               box_inside(amount->box, &doc.pages[0]) && amount->box.y1 - amount->box.y0 < 30,
               "%s: read, boxes in the file's pixels (%s)", what, r ? err.msg : "ok");
        if (r == 0 && doc.n_pages == 1 && !amount)
                diag_words(&doc.pages[0]);
        doc_text_release(&doc);
        free(png.d);
        cairo_surface_destroy(s);
}

/* Pages upside down, on their side, and scanned small are read upright. */
static void test_preprocess(bf_ocr *ocr)
{
        /* Turns, and sizes: at 2x the text is over 40 pixels (the page is
         * read at half size); at 0.4x it is upscaled (orientation
         * is detected on the upscaled page: on the page before upscaling,
         * it was missed). */
        static const struct { double angle, zoom; } cases[] = {
                { 180.0, 1.0 }, { 90.0, 1.0 }, { 180.0, 2.0 }, { 270.0, 0.4 },
        };
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        int r;

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                cairo_surface_t *s = scan_surface(0.0, false, false), *t;
                double zoom = cases[i].zoom, angle = cases[i].angle;
                int w = (int)(cairo_image_surface_get_width(s) * zoom);
                int h = (int)(cairo_image_surface_get_height(s) * zoom);
                bool side = angle == 90.0 || angle == 270.0;
                struct buf png;
                cairo_t *cr;
                double t0;

                t = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side ? h : w, side ? w : h);
                cr = cairo_create(t);
                cairo_translate(cr, (side ? h : w) / 2.0, (side ? w : h) / 2.0);
                cairo_rotate(cr, angle * M_PI / 180.0);
                cairo_translate(cr, -w / 2.0, -h / 2.0);
                cairo_scale(cr, zoom, zoom);
                cairo_set_source_surface(cr, s, 0, 0);
                cairo_paint(cr);
                cairo_destroy(cr);
                png = surface_png(t);
                cairo_surface_destroy(t);
                cairo_surface_destroy(s);

                t0 = now_ms();
                r = capture_read(png.d, png.n, ocr, NULL, &doc, &err);
                printf("# scan turned %.0f degrees at %gx: %.0f ms\n", angle, zoom, now_ms() - t0);
                TAP_OK(r == 0 && doc.n_pages == 1 &&
                       find_word_part(&doc.pages[0], "INV-20931") &&
                       find_word_part(&doc.pages[0], "214.80"),
                       "scan turned %.0f degrees at %gx: read upright (%s)", angle, zoom,
                       r ? err.msg : "ok");
                if (r == 0 && doc.n_pages == 1) {
                        const bf_word *no = find_word_part(&doc.pages[0], "INV-20931");

                        /* 12 pt digits are about 36 pixels high at 1x. */
                        TAP_OK(fabs(doc.pages[0].width - w) < 2 &&
                               fabs(doc.pages[0].height - h) < 2 && no &&
                               box_inside(no->box, &doc.pages[0]) &&
                               no->box.y1 - no->box.y0 > 25 * zoom &&
                               no->box.y1 - no->box.y0 < 60 * zoom,
                               "scan turned %.0f degrees at %gx: page and boxes upright "
                               "(%gx%g)", angle, zoom, doc.pages[0].width,
                               doc.pages[0].height);
                }
                doc_text_release(&doc);
                free(png.d);
        }

        /* 12 pt text at 80 dpi without a resolution in the file: about 11
         * pixels a line, too small for Tesseract until scaled up. */
        check_80dpi_scan(ocr, 0.0, 0, "80 dpi scan");
}

/* A page of forty items at 200 dpi as 8-bit grey. Caller destroys. */
static PIX *skewed_page(double angle)
{
        cairo_surface_t *s = page_scan_surface(200, angle, 40);
        PIX *grey = capture_surface_to_grey(s);

        cairo_surface_destroy(s);
        return grey;
}

/* Skew is found on a turned page and not on a level one; the turn back
 * levels the text, by shears for small angles and by area mapping for
 * larger ones, and a skewed low-resolution scan (levelled before it is
 * upscaled) still reads. */
static void test_deskew(bf_ocr *ocr)
{
        static const double angles[] = { 1.5, -0.8, 3.5 };
        double deg = 0.0, after = 0.0;
        PIX *level = skewed_page(0.0);

        TAP_OK(level && !prep_find_skew(level, 4, &deg) && deg == 0.0,
               "level page: no skew found (%.2f)", deg);
        pixDestroy(&level);
        for (size_t i = 0; i < sizeof(angles) / sizeof(angles[0]); i++) {
                PIX *page = skewed_page(angles[i]), *fixed = NULL;
                bool found = page && prep_find_skew(page, 4, &deg);

                TAP_OK(found && fabs(fabs(deg) - fabs(angles[i])) < 0.2,
                       "page turned %.1f degrees: skew %.2f found", angles[i], deg);
                if (found)
                        fixed = prep_deskew(page, deg);
                TAP_OK(fixed && pixGetWidth(fixed) == pixGetWidth(page) &&
                       pixGetHeight(fixed) == pixGetHeight(page) &&
                       (!prep_find_skew(fixed, 4, &after) || fabs(after) < 0.2),
                       "page turned %.1f degrees: level after deskew (%.2f left)", angles[i],
                       after);
                pixDestroy(&fixed);
                pixDestroy(&page);
        }

        /* Upscaled for Tesseract, deskewed first. */
        check_80dpi_scan(ocr, 1.5, 40, "skewed 80 dpi scan");
}

typedef PIX *(*open_brick_fn)(PIX *, PIX *, l_int32, l_int32);

/* 1 bpp noise of the given density (percent) with a few rules across
 * and down, from a fixed seed. */
static PIX *noise_page(int w, int h, int density, unsigned *seed)
{
        PIX *p = pixCreate(w, h, 1);

        for (int y = 0; p && y < h; y++)
                for (int x = 0; x < w; x++)
                        if ((int)(rand_r(seed) % 100) < density)
                                pixSetPixel(p, x, y, 1);
        for (int k = 0; p && k < 4; k++) {
                pixRasterop(p, (int)(rand_r(seed) % w), (int)(rand_r(seed) % h), w, 2, PIX_SET,
                            NULL, 0, 0);
                pixRasterop(p, (int)(rand_r(seed) % w), (int)(rand_r(seed) % h), 2, h, PIX_SET,
                            NULL, 0, 0);
        }
        return p;
}

static bool same_pix(PIX *a, PIX *b)
{
        l_int32 same = 0;

        return a && b && pixEqual(a, b, &same) == 0 && same;
}

/* capture's pixOpenBrick is the one the process uses (so libtesseract's
 * line finder calls it) and gives leptonica's result bit for bit: on a
 * binarised page with the bricks Tesseract opens at 300 dpi, and on
 * noise of every density with bricks of all shapes. */
static void test_open_brick(void)
{
        open_brick_fn lept = (open_brick_fn)dlsym(RTLD_NEXT, "pixOpenBrick");
        static const int page_bricks[][2] = { { 75, 1 }, { 1, 75 }, { 15, 15 }, { 5, 5 } };
        cairo_surface_t *s = page_scan_surface(300, 1.0, 40);
        PIX *grey = capture_surface_to_grey(s), *bin = grey ? pixThresholdToBinary(grey, 128) : NULL;
        unsigned seed = 4242;
        int differ = 0, cases = 0;

        cairo_surface_destroy(s);
        if (bin) {
                /* A table's rules under the heading and down its side. */
                pixRasterop(bin, 200, 560, 2000, 3, PIX_SET, NULL, 0, 0);
                pixRasterop(bin, 180, 540, 3, 1000, PIX_SET, NULL, 0, 0);
        }
        TAP_OK(dlsym(RTLD_DEFAULT, "pixOpenBrick") == (void *)pixOpenBrick && lept &&
               lept != pixOpenBrick, "pixOpenBrick: capture's takes leptonica's place");
        if (!lept) {
                pixDestroy(&grey);
                pixDestroy(&bin);
                return;
        }
        for (size_t i = 0; bin && i < sizeof(page_bricks) / sizeof(page_bricks[0]); i++) {
                PIX *a = pixOpenBrick(NULL, bin, page_bricks[i][0], page_bricks[i][1]);
                PIX *b = lept(NULL, bin, page_bricks[i][0], page_bricks[i][1]);
                l_int32 on = 0;

                pixCountPixels(a, &on, NULL);
                TAP_OK(same_pix(a, b) && on > 0, "pixOpenBrick %dx%d on a scan: leptonica's "
                       "result (%d pixels on)", page_bricks[i][0], page_bricks[i][1], on);
                pixDestroy(&a);
                pixDestroy(&b);
        }
        for (int i = 0; i < 300; i++) {
                int w = 1 + (int)(rand_r(&seed) % 200), h = 1 + (int)(rand_r(&seed) % 200);
                int hs = 1 + (int)(rand_r(&seed) % 80), vs = 1 + (int)(rand_r(&seed) % 80);
                PIX *p = noise_page(w, h, (int)(rand_r(&seed) % 101), &seed), *a, *b;

                if (i % 3 == 0)
                        hs = 1;
                else if (i % 3 == 1)
                        vs = 1;
                a = pixOpenBrick(NULL, p, hs, vs);
                b = lept(NULL, p, hs, vs);
                cases++;
                if (!same_pix(a, b)) {
                        if (differ++ < 5)
                                printf("#   differs: %dx%d page, %dx%d brick\n", w, h, hs, vs);
                }
                pixDestroy(&a);
                pixDestroy(&b);
                pixDestroy(&p);
        }
        TAP_INT_EQ(differ, 0, "pixOpenBrick on %d noise pages: leptonica's result", cases);
        pixDestroy(&grey);
        pixDestroy(&bin);
}

/* prep_min_reduce gives leptonica's block minima (pixScaleGrayMinMax2 for
 * 2, pixScaleGrayMinMax for 4) on a scan whose sides make no whole number
 * of blocks, and prep_find_skew, which thresholds those minima instead of
 * reducing a binary page, finds the angle leptonica's own search finds on
 * the page binarised at full size and reduced by it (pixFindSkewAndDeskew's
 * way) at each reduction. */
static void test_min_reduce(void)
{
        static const double angles[] = { 1.5, -0.8 };

        for (size_t i = 0; i < sizeof(angles) / sizeof(angles[0]); i++) {
                PIX *page = skewed_page(angles[i]);
                BOX *box = page ? boxCreate(0, 0, pixGetWidth(page) - 3, pixGetHeight(page) - 1)
                                : NULL;
                PIX *odd = box ? pixClipRectangle(page, box, NULL) : NULL;
                PIX *mine2 = prep_min_reduce(odd, 2), *lept2 = pixScaleGrayMinMax2(odd, L_CHOOSE_MIN);
                PIX *mine4 = prep_min_reduce(odd, 4);
                PIX *lept4 = odd ? pixScaleGrayMinMax(odd, 4, 4, L_CHOOSE_MIN) : NULL;

                TAP_OK(same_pix(mine2, lept2) && same_pix(mine4, lept4),
                       "page turned %.1f degrees, %dx%d: block minima by 2 and 4 as leptonica's",
                       angles[i], odd ? pixGetWidth(odd) : 0, odd ? pixGetHeight(odd) : 0);
                for (int r = 1; odd && r <= 4; r *= 2) {
                        PIX *bin = pixConvertTo1(odd, 130);
                        float angle = 0.0f, conf = 0.0f;
                        double deg = 0.0;
                        bool found = prep_find_skew(odd, r, &deg);

                        pixFindSkewSweepAndSearch(bin, &angle, &conf, r, r, 7.0f, 1.0f, 0.01f);
                        TAP_OK(found && conf >= 3.0f && deg == angle,
                               "page turned %.1f degrees, reduced %d: skew %.3f, leptonica's %.3f",
                               angles[i], r, deg, angle);
                        pixDestroy(&bin);
                }
                TAP_OK(prep_min_reduce(odd, 3) == NULL, "prep_min_reduce: only by 2 or 4");
                pixDestroy(&mine2);
                pixDestroy(&lept2);
                pixDestroy(&mine4);
                pixDestroy(&lept4);
                pixDestroy(&odd);
                boxDestroy(&box);
                pixDestroy(&page);
        }
}

typedef l_ok (*write_mem_fn)(l_uint8 **, size_t *, PIX *, l_int32);

/* pix written by write (capture's pixWriteMem or leptonica's) as a PNG
 * and read back by leptonica; NULL on failure. *ret_len: the PNG's size. */
static PIX *png_round_trip(write_mem_fn write, PIX *pix, size_t *ret_len)
{
        l_uint8 *data = NULL;
        PIX *back = NULL;

        *ret_len = 0;
        if (write(&data, ret_len, pix, IFF_PNG) == 0)
                back = pixReadMem(data, *ret_len);
        lept_free(data);
        return back;
}

/* capture's pixWriteMem is the one the process uses (so Tesseract's line
 * images are written by it): a PNG of a scan's grey comes back the same
 * pixels and resolution as leptonica's own PNG does, stored rather than
 * compressed (larger); a binary page goes through leptonica's writer, and
 * other formats are leptonica's own bytes. */
static void test_png_lines(void)
{
        write_mem_fn lept = (write_mem_fn)dlsym(RTLD_NEXT, "pixWriteMem");
        PIX *page = skewed_page(0.5), *back = NULL, *theirs_back = NULL, *bin = NULL;
        l_uint8 *mine = NULL, *theirs = NULL;
        size_t n_mine = 0, n_theirs = 0;

        TAP_OK(dlsym(RTLD_DEFAULT, "pixWriteMem") == (void *)pixWriteMem && lept &&
               lept != pixWriteMem, "pixWriteMem: capture's takes leptonica's place");
        if (!lept || !page) {
                pixDestroy(&page);
                return;
        }
        pixSetResolution(page, 200, 200);
        back = png_round_trip(pixWriteMem, page, &n_mine);
        theirs_back = png_round_trip(lept, page, &n_theirs);
        TAP_OK(same_pix(back, page) && same_pix(theirs_back, page) && n_theirs > 0 &&
               n_mine > 2 * n_theirs && pixGetXRes(back) == pixGetXRes(theirs_back) &&
               pixGetYRes(back) == pixGetYRes(theirs_back) && pixGetXRes(back) > 0,
               "pixWriteMem PNG: the same pixels and resolution (%d) back as leptonica's, "
               "stored (%zu bytes, leptonica %zu)", back ? pixGetXRes(back) : 0, n_mine,
               n_theirs);
        pixDestroy(&back);
        bin = pixThresholdToBinary(page, 128);
        back = bin ? png_round_trip(pixWriteMem, bin, &n_mine) : NULL;
        TAP_OK(same_pix(back, bin), "pixWriteMem PNG of a binary page: the same pixels back");
        pixWriteMem(&mine, &n_mine, page, IFF_PNM);
        lept(&theirs, &n_theirs, page, IFF_PNM);
        TAP_OK(mine && theirs && n_mine == n_theirs && memcmp(mine, theirs, n_mine) == 0,
               "pixWriteMem PNM: leptonica's own bytes (%zu)", n_mine);
        lept_free(mine);
        lept_free(theirs);
        pixDestroy(&back);
        pixDestroy(&theirs_back);
        pixDestroy(&bin);
        pixDestroy(&page);
}

/* The ruled page of test_rules, at RULED_DPI, in points: a table framed
 * by black rules, its rows parted by light grey ones and its columns by
 * black ones, under a header band shaded grey; a line of serif text above,
 * a lone rule (as over a total) below.
 * Grey paper with noise, as a scan's. */
#define RULED_DPI 200.0
#define RULED_LEFT 72.0
#define RULED_RIGHT 540.0
#define RULED_TOP 300.0
#define RULED_ROW 24.0
#define RULED_ROWS 4
#define RULED_SPLIT 380.0
#define RULED_BAND_TOP 270.0
#define RULED_SERIF_Y 200.0
#define RULED_LONE_Y 480.0

static PIX *ruled_page(void)
{
        int w = (int)(8.5 * RULED_DPI), h = (int)(11 * RULED_DPI);
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        cairo_t *cr = cairo_create(s);
        double bottom = RULED_TOP + RULED_ROWS * RULED_ROW;
        uint32_t seed = 2718;
        unsigned char *data;
        int stride;
        PIX *grey;

        cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
        cairo_paint(cr);
        cairo_scale(cr, RULED_DPI / 72.0, RULED_DPI / 72.0);
        cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
        cairo_rectangle(cr, RULED_LEFT, RULED_BAND_TOP, RULED_RIGHT - RULED_LEFT,
                        RULED_TOP - RULED_BAND_TOP);
        cairo_fill(cr);
        cairo_set_line_width(cr, 0.8);
        for (int i = 1; i < RULED_ROWS; i++) {
                cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
                cairo_move_to(cr, RULED_LEFT, RULED_TOP + i * RULED_ROW);
                cairo_line_to(cr, RULED_RIGHT, RULED_TOP + i * RULED_ROW);
                cairo_stroke(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_rectangle(cr, RULED_LEFT, RULED_TOP, RULED_RIGHT - RULED_LEFT, bottom - RULED_TOP);
        cairo_move_to(cr, RULED_SPLIT, RULED_TOP);
        cairo_line_to(cr, RULED_SPLIT, bottom);
        cairo_move_to(cr, RULED_LEFT + 200, RULED_LONE_Y);
        cairo_line_to(cr, RULED_RIGHT, RULED_LONE_Y);
        cairo_stroke(cr);
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_BOLD);
        cairo_set_font_size(cr, 11);
        cairo_move_to(cr, RULED_LEFT + 6, RULED_TOP - 9);
        cairo_show_text(cr, "Description");
        cairo_move_to(cr, RULED_SPLIT + 6, RULED_TOP - 9);
        cairo_show_text(cr, "Amount");
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_NORMAL);
        for (int i = 0; i < RULED_ROWS; i++) {
                char amount[16];

                snprintf(amount, sizeof(amount), "%d.50", 125 * (i + 1));
                cairo_move_to(cr, RULED_LEFT + 6, RULED_TOP + (i + 1) * RULED_ROW - 7);
                cairo_show_text(cr, "Hex bolts M8 x 40, zinc plated");
                cairo_move_to(cr, RULED_SPLIT + 6, RULED_TOP + (i + 1) * RULED_ROW - 7);
                cairo_show_text(cr, amount);
        }
        cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, 12);
        cairo_move_to(cr, RULED_LEFT, RULED_SERIF_Y);
        cairo_show_text(cr, "Rechnungsnummer: 182417  Zahlungsbedingungen: 30 Tage");
        cairo_destroy(cr);
        cairo_surface_flush(s);
        data = cairo_image_surface_get_data(s);
        stride = cairo_image_surface_get_stride(s);
        for (int y = 0; y < h; y++) {
                uint32_t *row = (uint32_t *)(data + (size_t)y * stride);

                for (int x = 0; x < w; x++) {
                        int g = (int)(row[x] & 0xff);

                        seed = seed * 1103515245u + 12345u;
                        g += (int)((seed >> 16) % 25) - 12;
                        g = g < 0 ? 0 : g > 255 ? 255 : g;
                        row[x] = (uint32_t)(g << 16 | g << 8 | g);
                }
        }
        cairo_surface_mark_dirty(s);
        grey = capture_surface_to_grey(s);
        cairo_surface_destroy(s);
        return grey;
}

/* Pixels of pix darker than `below` in the box of points x0..x1, y0..y1. */
static int dark_pixels(PIX *pix, double x0, double y0, double x1, double y1, int below)
{
        double k = RULED_DPI / 72.0;
        BOX *b = boxCreate((int)(x0 * k), (int)(y0 * k), (int)((x1 - x0) * k), (int)((y1 - y0) * k));
        PIX *crop = b ? pixClipRectangle(pix, b, NULL) : NULL;
        PIX *bin = crop ? pixThresholdToBinary(crop, below) : NULL;
        int n = -1;

        if (bin)
                pixCountPixels(bin, &n, NULL);
        boxDestroy(&b);
        pixDestroy(&crop);
        pixDestroy(&bin);
        return n;
}

/* A table's rules, dark and light, are whitened; its text, the shaded
 * header band and the text on it, a line of serif text (whose feet line
 * up along the baseline) and a rule that is no table's are left as they
 * were. A page without rules is left alone. */
static void test_rules(void)
{
        PIX *page = ruled_page(), *plain = skewed_page(0.0), *held, *out, *none;
        int th = page ? prep_text_height(page) : 0;
        double bottom = RULED_TOP + RULED_ROWS * RULED_ROW, mid = RULED_TOP + RULED_ROW;
        /* Strips along rules (clear of the text), and the text's areas. */
        /* Dark: below this grey (the band's 191 is not, a light rule's
         * pixels are). */
        struct { const char *what; double x0, y0, x1, y1; int below; } rules[] = {
                { "top rule", 300, RULED_TOP - 1.5, 370, RULED_TOP + 1.5, 150 },
                { "bottom rule", 300, bottom - 1.5, 370, bottom + 1.5, 150 },
                { "light row rule", 300, mid - 1.5, 370, mid + 1.5, 205 },
                { "column rule", RULED_SPLIT - 1.5, RULED_TOP + 2, RULED_SPLIT + 1.5, bottom - 2,
                  150 },
                { "left edge", RULED_LEFT - 1.5, RULED_TOP + 2, RULED_LEFT + 1.5, bottom - 2, 150 },
        }, kept[] = {
                { "cell text", RULED_LEFT + 4, RULED_TOP + 3, RULED_SPLIT - 4, mid - 3, 200 },
                { "header text", RULED_LEFT + 4, RULED_BAND_TOP + 3, RULED_RIGHT - 4,
                  RULED_TOP - 3, 200 },
                { "serif line", RULED_LEFT, RULED_SERIF_Y - 12, RULED_RIGHT, RULED_SERIF_Y + 4,
                  200 },
                { "lone rule", RULED_LEFT + 200, RULED_LONE_Y - 1.5, RULED_RIGHT,
                  RULED_LONE_Y + 1.5, 150 },
        };

        /* Held twice: whitened in a copy, not in place. */
        held = page ? pixClone(page) : NULL;
        out = page && th > 0 ? prep_remove_rules(page, th) : NULL;
        pixDestroy(&held);
        TAP_OK(out && pixGetWidth(out) == pixGetWidth(page), "ruled page: rules found (text %d px)",
               th);
        for (size_t i = 0; out && i < sizeof(rules) / sizeof(rules[0]); i++) {
                double area = (rules[i].x1 - rules[i].x0) * (rules[i].y1 - rules[i].y0) *
                              (RULED_DPI / 72.0) * (RULED_DPI / 72.0);
                int before = dark_pixels(page, rules[i].x0, rules[i].y0, rules[i].x1,
                                         rules[i].y1, rules[i].below);
                int after = dark_pixels(out, rules[i].x0, rules[i].y0, rules[i].x1, rules[i].y1,
                                        rules[i].below);

                TAP_OK(before > 0.2 * area && after >= 0 && after < 0.02 * area,
                       "ruled page: %s whitened (%d -> %d dark pixels)", rules[i].what, before,
                       after);
        }
        for (size_t i = 0; out && i < sizeof(kept) / sizeof(kept[0]); i++) {
                /* The shaded band counts too (its grey is under 200). */
                int before = dark_pixels(page, kept[i].x0, kept[i].y0, kept[i].x1, kept[i].y1,
                                         kept[i].below);
                int after = dark_pixels(out, kept[i].x0, kept[i].y0, kept[i].x1, kept[i].y1,
                                        kept[i].below);

                TAP_OK(before > 0 && after >= 0.97 * before,
                       "ruled page: %s kept (%d -> %d dark pixels)", kept[i].what, before, after);
        }
        none = plain ? prep_remove_rules(plain, prep_text_height(plain)) : NULL;
        TAP_OK(plain && !none, "page without rules (forty like lines): left alone");
        pixDestroy(&none);
        pixDestroy(&out);
        pixDestroy(&page);
        pixDestroy(&plain);
}

/* Reads the invoice scan drawn on s (destroyed here) as a PNG and checks
 * that its number and total came through. */
static void check_invoice_read(bf_ocr *ocr, cairo_surface_t *s, const char *what)
{
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        struct buf png;
        int r;

        cairo_surface_mark_dirty(s);
        png = surface_png(s);
        cairo_surface_destroy(s);
        r = capture_read(png.d, png.n, ocr, NULL, &doc, &err);
        TAP_OK(r == 0 && doc.n_pages == 1 && find_word_part(&doc.pages[0], "INV-20931") &&
               find_word_part(&doc.pages[0], "214.80"),
               "%s: read (%s)", what, r ? err.msg : "ok");
        if (r == 0 && doc.n_pages == 1 && !find_word_part(&doc.pages[0], "214.80"))
                diag_words(&doc.pages[0]);
        doc_text_release(&doc);
        free(png.d);
}

/* A faint receipt photographed on a dark table: pale grey print on grey
 * paper, the table's black filling the right of the picture, with specks.
 * Read in full only from its contrast-normalised pixels. */
static void test_faint_page(bf_ocr *ocr)
{
        cairo_surface_t *s = scan_surface(0.0, false, false);
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        unsigned char *data = cairo_image_surface_get_data(s);
        int stride = cairo_image_surface_get_stride(s);
        uint32_t seed = 4242;

        for (int y = 0; y < h; y++) {
                uint32_t *row = (uint32_t *)(data + (size_t)y * stride);

                for (int x = 0; x < w; x++) {
                        unsigned v = row[x] & 0xff, g;

                        seed = seed * 1103515245u + 12345u;
                        if (x > w * FAINT_TABLE_FROM)
                                g = (seed >> 16) % 50 == 0 ? 0x90 : 0x10;
                        else
                                g = 0x80 + v * (0xc8 - 0x80) / 255;
                        row[x] = g << 16 | g << 8 | g;
                }
        }
        check_invoice_read(ocr, s, "faint page on a dark table");
}

/* An invoice whose vendor is printed white on a dark band across its top
 * (a coloured letterhead): the band's name is read, and so are the dark
 * lines below it. Tesseract, told not to invert lines itself, read
 * nothing of the band. */
static void test_dark_band(bf_ocr *ocr)
{
        int w = (int)(5 * DPI), h = (int)(2.5 * DPI);
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        cairo_t *cr = cairo_create(s);
        struct bf_error err = {0};
        bf_doc_text doc = {0};
        struct buf png;
        int r;

        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, DPI / 72.0, DPI / 72.0);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        cairo_rectangle(cr, 0, 12, 5 * 72, 40);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_BOLD);
        cairo_set_font_size(cr, 16);
        cairo_move_to(cr, 36, 38);
        cairo_show_text(cr, "Moselle Logistique");
        draw_invoice(cr, 36, 52, false);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        png = surface_png(s);
        cairo_surface_destroy(s);
        r = capture_read(png.d, png.n, ocr, NULL, &doc, &err);
        TAP_OK(r == 0 && doc.n_pages == 1 && find_word_part(&doc.pages[0], "Logistique") &&
               find_word_part(&doc.pages[0], "INV-20931"),
               "white letters on a dark band: read, and the lines below (%s)", r ? err.msg : "ok");
        if (r == 0 && doc.n_pages == 1 && !find_word_part(&doc.pages[0], "Logistique"))
                diag_words(&doc.pages[0]);
        doc_text_release(&doc);
        free(png.d);
}

/* A faint dot-matrix receipt: each stroke printed as dots with paper
 * between them, in pale ink. Read only with its strokes joined. */
static void test_dot_matrix_page(bf_ocr *ocr)
{
        cairo_surface_t *s = scan_surface(0.0, false, false);
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        unsigned char *data = cairo_image_surface_get_data(s);
        int stride = cairo_image_surface_get_stride(s);

        for (int y = 0; y < h; y++) {
                uint32_t *row = (uint32_t *)(data + (size_t)y * stride);

                for (int x = 0; x < w; x++) {
                        bool ink = (row[x] & 0xff) < 0x80 && x % DOT_PITCH < DOT_SIZE &&
                                   y % DOT_PITCH < DOT_SIZE;
                        unsigned g = ink ? 0xa0 : 0xe8;

                        row[x] = g << 16 | g << 8 | g;
                }
        }
        check_invoice_read(ocr, s, "faint dot-matrix page");
}

/* The spread (max - min) over a grid of TILES x TILES of the paper's
 * light: each tile's 90th-percentile grey (its paper, not its ink). */
#define LIGHT_TILES 6
static int light_spread(PIX *grey)
{
        int w = pixGetWidth(grey), h = pixGetHeight(grey), lo = 255, hi = 0;

        for (int j = 0; j < LIGHT_TILES; j++)
                for (int i = 0; i < LIGHT_TILES; i++) {
                        BOX *b = boxCreate(i * w / LIGHT_TILES, j * h / LIGHT_TILES,
                                           w / LIGHT_TILES, h / LIGHT_TILES);
                        PIX *t = b ? pixClipRectangle(grey, b, NULL) : NULL;
                        l_uint32 v = 0;

                        if (t && pixGetRankValue(t, 1, 0.9f, &v) == 0) {
                                lo = (int)v < lo ? (int)v : lo;
                                hi = (int)v > hi ? (int)v : hi;
                        }
                        pixDestroy(&t);
                        boxDestroy(&b);
                }
        return hi - lo;
}

/* The photo steps on a real photo: gen-invoice's Latvian shop receipt
 * (the dev split's first, seed 101), printed (PNG) and photographed on a
 * table (a 12 Mpx JPEG: turned, in perspective, a hand's shadow). Its
 * paper is found and cut out with the printed page's proportions, shrunk
 * to the text height asked for; its light is levelled; the printed page
 * itself is no photo. */
static void test_photo_prep(const char *dir)
{
        char *gen = g_strdup(getenv("BILLFLOW_GEN"));
        char *out = g_build_filename(dir, "photo", NULL);
        char *argv[] = { gen, "--out-dir", out, "--random", "101", "--count", "1",
                         "--split", "dev", "--language", "lv", "--layout", "receipt",
                         "--scan-quality", "clean", "--formats", "png,photo", NULL };
        char *png = g_build_filename(out, "0001.png", NULL);
        char *jpg = g_build_filename(out, "0001-photo.jpg", NULL);
        PIX *page = NULL, *photo = NULL, *pgrey = NULL, *grey = NULL, *flat = NULL,
            *even = NULL, *none = NULL;
        int status = -1;

        if (!gen || !g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                                  G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                                  &status, NULL) || status != 0) {
                printf("ok %d - # SKIP photo steps: no gen-invoice (BILLFLOW_GEN)\n", ++tap_n);
                goto done;
        }
        page = pixRead(png);
        photo = pixRead(jpg);
        pgrey = page ? pixConvertTo8(page, 0) : NULL;
        grey = photo ? pixConvertTo8(photo, 0) : NULL;
        TAP_OK(pgrey && grey && (int64_t)pixGetWidth(grey) * pixGetHeight(grey) > 10000000,
               "gen-invoice's receipt and its 12 Mpx photo read");
        if (!pgrey || !grey)
                goto done;
        flat = prep_flatten_paper(grey, 32);
        TAP_OK(flat != NULL, "photo: its paper found");
        if (flat) {
                double want = (double)pixGetHeight(pgrey) / pixGetWidth(pgrey);
                double got = (double)pixGetHeight(flat) / pixGetWidth(flat);
                int th = prep_text_height(flat), before, after;

                TAP_OK(fabs(got / want - 1) < 0.08,
                       "photo: the paper cut out as printed, %dx%d (height/width %.2f, "
                       "printed %.2f)", pixGetWidth(flat), pixGetHeight(flat), got, want);
                TAP_OK(th >= 24 && th <= 36, "photo: its text shrunk to about 32 px (%d)", th);
                {
                        BOXA *marks = prep_letter_boxes(flat, th);
                        int n = marks ? boxaGetCount(marks) : 0, sized = 0;

                        for (int i = 0; i < n; i++) {
                                int bx, by, bw, bh;

                                boxaGetBoxGeometry(marks, i, &bx, &by, &bw, &bh);
                                sized += 2 * bh >= th && bh <= 2 * th;
                        }
                        /* the receipt prints some 300 letters and digits */
                        TAP_OK(n >= 200 && sized == n,
                               "photo: its letters found (%d marks, %d of the text's size)", n,
                               sized);
                        boxaDestroy(&marks);
                }
                before = light_spread(flat);
                even = prep_even_light(flat);
                after = even ? light_spread(even) : 999;
                TAP_OK(even && after * 2 < before && after < 40,
                       "photo: the paper's light levelled (tiles' paper grey spread %d -> %d)",
                       before, after);
                /* its lines run across it, upright or upside down, and down
                 * it on its side */
                for (int q = 0; even && q < 4; q++) {
                        PIX *turned = q == 0 ? pixClone(even) : pixRotateOrth(even, q);
                        int letters = 0;
                        double share = turned ? prep_letters_across(turned, &letters) : 0;

                        TAP_OK(letters >= 200 && (q % 2 ? share < 0.4 : share > 0.6),
                               "photo turned %d degrees: its letters' neighbours %s (%.2f of %d)",
                               90 * q, q % 2 ? "above and below" : "beside them", share,
                               letters);
                        pixDestroy(&turned);
                }
        }
        none = prep_flatten_paper(pgrey, 32);
        TAP_OK(none == NULL, "the printed receipt itself is no photo");
done:
        pixDestroy(&page);
        pixDestroy(&photo);
        pixDestroy(&pgrey);
        pixDestroy(&grey);
        pixDestroy(&flat);
        pixDestroy(&even);
        pixDestroy(&none);
        unlink(png);
        unlink(jpg);
        {
                char *truth = g_build_filename(out, "truth.jsonl", NULL);

                unlink(truth);
                g_free(truth);
        }
        rmdir(out);
        g_free(png);
        g_free(jpg);
        g_free(out);
        g_free(gen);
}

static char *srcdir_file(const char *name)
{
        const char *src = getenv("BILLFLOW_SRCDIR");

        return g_build_filename(src ? src : "..", "tests", "data", "einvoice", name, NULL);
}

static bool load_einvoice_file(const char *name, struct buf *ret)
{
        char *path = srcdir_file(name), *data = NULL;
        size_t len = 0;
        bool ok = capture_read_file(path, 1 << 24, &data, &len, NULL) == 0;

        g_free(path);
        *ret = (struct buf){ (unsigned char *)data, len, len };
        return ok;
}

static void field_eq(const bf_invoice *inv, enum bf_field f, const char *want, const char *what)
{
        char got[256];

        invoice_field_text(inv, f, got, sizeof(got));
        str_eq(want ? got : (inv->meta[f].present ? got : NULL), want, what);
        if (want)
                TAP_OK(inv->meta[f].present && inv->meta[f].confidence == 1.0,
                       "%s: confidence 1.0", what);
}

static void line_eq(const bf_invoice *inv, size_t i, const char *desc, const char *qty,
                    const char *price, const char *amount, const char *what)
{
        char q[64] = "", p[64] = "", a[64] = "";
        const bf_invoice_line *l;

        if (i >= inv->n_lines) {
                TAP_OK(false, "%s: line %zu present", what, i + 1);
                return;
        }
        l = &inv->lines[i];
        if (l->has_quantity)
                decimal_format(l->quantity, q, sizeof(q));
        if (l->has_unit_price)
                decimal_format(l->unit_price, p, sizeof(p));
        if (l->has_amount)
                money_format(l->amount, a, sizeof(a));
        TAP_OK(l->description && strcmp(l->description, desc) == 0 && strcmp(q, qty) == 0 &&
               strcmp(p, price) == 0 && strcmp(a, amount) == 0,
               "%s: line %zu '%s' %s x %s = %s", what, i + 1, l->description ? l->description : "",
               q, p, a);
}

static void check_cii(const bf_invoice *inv, const char *what)
{
        char label[128];

#define F(f, v) (snprintf(label, sizeof(label), "%s: %s", what, field_name(f)), \
                 field_eq(inv, f, v, label))
        F(FIELD_VENDOR, "ACME Industrial Supplies Ltd");
        F(FIELD_INVOICE_NUMBER, "FX-2026-0417");
        F(FIELD_INVOICE_DATE, "2026-11-03");
        F(FIELD_DUE_DATE, "2026-12-03");
        F(FIELD_CURRENCY, "GBP");
        F(FIELD_SUBTOTAL, "179.00");
        F(FIELD_TAX, "35.80");
        F(FIELD_TOTAL, "214.80");
        F(FIELD_PO_NUMBER, "PO-7781");
#undef F
        TAP_INT_EQ(inv->source, SOURCE_EINVOICE, "%s: source einvoice", what);
        TAP_INT_EQ(inv->n_lines, 2, "%s: two lines", what);
        line_eq(inv, 0, "Steel bolts M8", "200", "0.45", "90.00", what);
        line_eq(inv, 1, "Hex nuts M8, zinc plated", "400", "0.2225", "89.00", what);
}

/* Attaches `xml` to `pdf` as `name` with qpdf; NULL data if qpdf is missing. */
static struct buf qpdf_attach(const char *dir, const struct buf *pdf, const char *name,
                              const struct buf *xml)
{
        struct buf out = {0};
        char *qpdf = g_find_program_in_path("qpdf");
        char *in = g_build_filename(dir, "plain.pdf", NULL);
        char *att = g_build_filename(dir, name, NULL);
        char *with = g_build_filename(dir, "attached.pdf", NULL);
        char *argv[] = { qpdf, "--add-attachment", att, "--mimetype=text/xml", "--",
                         in, with, NULL };
        char *data = NULL;
        size_t len = 0;
        int status = -1;

        if (qpdf && write_file(in, pdf->d, pdf->n) && write_file(att, xml->d, xml->n) &&
            g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                         G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
            status == 0 && capture_read_file(with, 1 << 24, &data, &len, NULL) == 0) {
                out.d = (unsigned char *)data;
                out.n = len;
        }
        unlink(in);
        unlink(att);
        unlink(with);
        g_free(in);
        g_free(att);
        g_free(with);
        g_free(qpdf);
        return out;
}

static void test_einvoice(const char *dir)
{
        struct buf cii, ubl, cn, xxe, laughs, pdf = make_pdf("t"), att;
        struct bf_error err = {0};
        bf_invoice inv;
        char *big;
        int r;

        invoice_init(&inv);
        if (!load_einvoice_file("cii-minimal.xml", &cii) ||
            !load_einvoice_file("ubl-minimal.xml", &ubl) ||
            !load_einvoice_file("ubl-creditnote.xml", &cn) ||
            !load_einvoice_file("xxe.xml", &xxe) || !load_einvoice_file("laughs.xml", &laughs)) {
                TAP_OK(false, "e-invoice test files found under tests/data/einvoice");
                free(pdf.d);
                return;
        }

        r = capture_einvoice(cii.d, cii.n, &inv, &err);
        TAP_INT_EQ(r, 0, "cii xml: read (%s)", err.msg);
        check_cii(&inv, "cii xml");
        invoice_release(&inv);

        r = capture_einvoice(ubl.d, ubl.n, &inv, &err);
        TAP_INT_EQ(r, 0, "ubl xml: read (%s)", err.msg);
        field_eq(&inv, FIELD_VENDOR, "Müller Bürobedarf GmbH", "ubl xml: vendor");
        field_eq(&inv, FIELD_INVOICE_NUMBER, "RE-88123", "ubl xml: invoice number");
        field_eq(&inv, FIELD_INVOICE_DATE, "2026-10-15", "ubl xml: invoice date");
        field_eq(&inv, FIELD_DUE_DATE, "2026-11-14", "ubl xml: due date");
        field_eq(&inv, FIELD_CURRENCY, "EUR", "ubl xml: currency");
        field_eq(&inv, FIELD_SUBTOTAL, "250.00", "ubl xml: subtotal");
        field_eq(&inv, FIELD_TAX, "47.50", "ubl xml: tax");
        field_eq(&inv, FIELD_TOTAL, "297.50", "ubl xml: total");
        field_eq(&inv, FIELD_PO_NUMBER, "4500012345", "ubl xml: order reference");
        TAP_INT_EQ(inv.n_lines, 2, "ubl xml: two lines");
        line_eq(&inv, 0, "Kopierpapier A4, 500 Blatt", "10", "4.5", "45.00", "ubl xml");
        line_eq(&inv, 1, "Aktenvernichter P-4", "1", "205", "205.00", "ubl xml");
        invoice_release(&inv);

        r = capture_einvoice(cn.d, cn.n, &inv, &err);
        TAP_INT_EQ(r, 0, "ubl credit note: read (%s)", err.msg);
        field_eq(&inv, FIELD_TOTAL, "-53.55", "ubl credit note: total negative");
        field_eq(&inv, FIELD_TAX, "-8.55", "ubl credit note: tax negative");
        field_eq(&inv, FIELD_DUE_DATE, NULL, "ubl credit note: no due date");
        line_eq(&inv, 0, "Kopierpapier A4, 500 Blatt", "-10", "4.5", "-45.00",
                "ubl credit note");
        invoice_release(&inv);

        r = capture_einvoice(xxe.d, xxe.n, &inv, &err);
        TAP_INT_EQ(r, BF_EINVAL, "xml with an external entity: refused (%s)", err.msg);
        TAP_OK(strstr(err.msg, "unsafe xml") != NULL, "xml with an external entity: says why");
        r = capture_einvoice(laughs.d, laughs.n, &inv, &err);
        TAP_INT_EQ(r, BF_EINVAL, "billion laughs: refused (%s)", err.msg);
        TAP_INT_EQ(inv.n_lines, 0, "refused xml leaves ret untouched");

        r = capture_einvoice("<?xml version=\"1.0\"?><note>hi</note>", 36, &inv, &err);
        TAP_INT_EQ(r, BF_ENOTFOUND, "xml that is no invoice: BF_ENOTFOUND (%s)", err.msg);
        r = capture_einvoice("<?xml version=\"1.0\"?><Invoice", 29, &inv, &err);
        TAP_INT_EQ(r, BF_EINVAL, "truncated xml: BF_EINVAL (%s)", err.msg);
        big = g_malloc(9 << 20);
        memset(big, ' ', 9 << 20);
        big[0] = '<';
        r = capture_einvoice(big, 9 << 20, &inv, &err);
        TAP_INT_EQ(r, BF_ETOOBIG, "9 MiB xml: BF_ETOOBIG (%s)", err.msg);
        g_free(big);
        r = capture_einvoice(pdf.d, pdf.n, &inv, &err);
        TAP_INT_EQ(r, BF_ENOTFOUND, "pdf without attachment: BF_ENOTFOUND (%s)", err.msg);

        att = qpdf_attach(dir, &pdf, "factur-x.xml", &cii);
        if (!att.d) {
                printf("ok %d - # SKIP factur-x pdf: qpdf not installed\n", ++tap_n);
        } else {
                r = capture_einvoice(att.d, att.n, &inv, &err);
                TAP_INT_EQ(r, 0, "factur-x pdf: read from its attachment (%s)", err.msg);
                check_cii(&inv, "factur-x pdf");
                TAP_INT_EQ(inv.pages, 1, "factur-x pdf: the pdf's page count");
                invoice_release(&inv);
        }
        free(att.d);

        att = qpdf_attach(dir, &pdf, "ZUGFeRD-invoice.xml", &ubl);
        if (att.d) {
                r = capture_einvoice(att.d, att.n, &inv, &err);
                TAP_OK(r == 0 && inv.invoice_number &&
                       strcmp(inv.invoice_number, "RE-88123") == 0,
                       "ZUGFeRD-invoice.xml (any case, UBL inside): read (%s)",
                       r ? err.msg : "ok");
                invoice_release(&inv);
        }
        free(att.d);

        att = qpdf_attach(dir, &pdf, "factur-x.xml", &xxe);
        if (att.d) {
                r = capture_einvoice(att.d, att.n, &inv, &err);
                TAP_INT_EQ(r, BF_ENOTFOUND, "pdf with an unsafe attachment: passed over (%s)",
                           err.msg);
        }
        free(att.d);

        free(cii.d);
        free(ubl.d);
        free(cn.d);
        free(xxe.d);
        free(laughs.d);
        free(pdf.d);
}

/* The text layer check: real text passes; glyphs that map to no character
 * and characters that read as no words do not. */
static void test_text_usable(void)
{
        static const struct {
                const char *text;
                bool usable;
                const char *what;
        } cases[] = {
                { "ACME Industrial Supplies Ltd\nInvoice No: INV-1\nTotal 214.80", true,
                  "an invoice's text" },
                { "Müller Bürobedarf GmbH Rechnungsnummer 4711 Gesamtbetrag 297,50 €", true,
                  "accented letters" },
                { "01.02.2026 214,80", true,
                  "a short line of figures (under the size the letter test needs)" },
                { "\x01\x02\x03\x04\x05\x06\x07 \x08\x0b\x0e\x0f\x10\x11 \x12\x13\x14",
                  false, "control characters" },
                { "\xee\x80\x81\xee\x80\x82\xee\x80\x83 \xee\x80\x84\xee\x80\x85 Total",
                  false, "private-use characters" },
                { "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd Invoice \xef\xbf\xbd\xef\xbf\xbd",
                  false, "replacement characters" },
                { "% +)*(\" # +''#\"!) *$ 160'38 1$'$ (('4$ !", false,
                  "punctuation and digits that read as no words" },
                { "", true, "empty (the scan test decides)" },
        };
        size_t visible = 0;

        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
                TAP_OK(pdf_text_usable(cases[i].text, NULL) == cases[i].usable,
                       "text layer check: %s", cases[i].what);
        TAP_OK(pdf_text_usable(NULL, &visible) && visible == 0, "text layer check: NULL is empty");
        pdf_text_usable(" a\tb\n\x01 ", &visible);
        TAP_INT_EQ((int)visible, 3, "text layer check counts non-space characters");
}

int main(int argc, char **argv)
{
        struct bf_error err = {0};
        char *dir;
        bf_ocr *ocr;

        (void)argc;
        /* Tesseract's OpenMP reads OMP_THREAD_LIMIT only at start-up. */
        ocr_limit_threads(argv, NULL);
        dir = g_dir_make_tmp("test-capture-XXXXXX", NULL);
        if (!dir)
                TAP_SKIP_ALL("cannot make a temporary directory");

        test_sniff();
        test_text_usable();
        test_text_pdf();
        test_kerned_pdf();
        test_pdf_junk_and_caps();
        test_bad_pdfs();
        test_encrypted_pdf(dir);
        test_read_file(dir);
        test_einvoice(dir);
        test_open_brick();
        test_min_reduce();
        test_png_lines();
        test_langid();
        test_photo_prep(dir);

        ocr = ocr_new("eng", &err);
        if (!ocr) {
                printf("ok %d - # SKIP ocr tests: %s\n", ++tap_n, err.msg);
        } else {
                test_huge_image(ocr);
                test_png(ocr);
                test_reread_small(ocr);
                test_mixed_pdf(ocr);
                test_tiff(ocr);
                test_ocr_new();
                test_many_pages(ocr);
                test_stamped_scan(ocr);
                test_preprocess(ocr);
                test_faint_page(ocr);
                test_dot_matrix_page(ocr);
                test_dark_band(ocr);
                test_deskew(ocr);
        }
        test_rules();
        ocr_free(ocr);
        rmdir(dir);
        g_free(dir);
        return tap_done();
}
