/* gen-scan.c: the page as a scanner sees it (skew, paper, ink, noise,
 * dust, stamps, pen marks, stains, folds, JPEG artefacts, resolution),
 * written as PNG, TIFF, JPEG or an image-only PDF. All from the seed. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <jpeglib.h>

#include "gen.h"

#define GEN_ERROR (g_quark_from_static_string("gen-invoice"))

/* A greyscale page. */
struct scan {
        guint8 *g;
        int w, h, dpi;
};

/* Separable [1 2 1] blur, in place. */
static void blur(guint8 *g, int w, int h)
{
        guint8 *tmp = g_malloc((size_t)w * h);

        for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                        int a = g[y * w + (x > 0 ? x - 1 : x)];
                        int b = g[y * w + x];
                        int c = g[y * w + (x < w - 1 ? x + 1 : x)];

                        tmp[y * w + x] = (guint8)((a + 2 * b + c + 2) / 4);
                }
        for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                        int a = tmp[(y > 0 ? y - 1 : y) * w + x];
                        int b = tmp[y * w + x];
                        int c = tmp[(y < h - 1 ? y + 1 : y) * w + x];

                        g[y * w + x] = (guint8)((a + 2 * b + c + 2) / 4);
                }
        g_free(tmp);
}

/* Paper tone, ink fade, sensor noise, dust and (poor) an edge shadow. */
static void degrade(guint8 *g, int w, int h, enum gen_quality q, struct gen_rng *r)
{
        int paper = q == GEN_SCAN_POOR ? 226 : 244;
        int ink = q == GEN_SCAN_POOR ? 55 : 22;
        double sigma = q == GEN_SCAN_POOR ? 9 : 5;
        int specks = q == GEN_SCAN_POOR ? 700 : 150;

        if (q == GEN_SCAN_POOR)
                blur(g, w, h);
        for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                        uint64_t n = gen_rng_next(r);
                        /* Four 16-bit uniforms summed: close enough to gaussian. */
                        double u = (double)((n & 0xffff) + ((n >> 16) & 0xffff) +
                                            ((n >> 32) & 0xffff) + (n >> 48)) / 65536.0;
                        double v = ink + g[y * w + x] * (paper - ink) / 255.0 +
                                   (u - 2.0) * 1.732 * sigma;

                        if (q == GEN_SCAN_POOR && x < w / 40)
                                v -= (w / 40 - x) * 70.0 / (w / 40);
                        g[y * w + x] = (guint8)CLAMP(lround(v), 0, 255);
                }
        for (int i = 0; i < specks; i++) {
                int cx = gen_rng_range(r, 0, w - 1), cy = gen_rng_range(r, 0, h - 1);
                int rad = gen_rng_range(r, 0, 5) == 5 ? 2 : gen_rng_range(r, 0, 1);
                int val = gen_rng_range(r, 20, 120);

                for (int y = cy - rad; y <= cy + rad; y++)
                        for (int x = cx - rad; x <= cx + rad; x++)
                                if (x >= 0 && y >= 0 && x < w && y < h &&
                                    (x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad)
                                        g[y * w + x] = (guint8)MIN(g[y * w + x], val);
        }
}

static const char *stamp_word(enum gen_lang lang, int k)
{
        static const char *const en[] = { "PAID", "RECEIVED", "ENTERED", "APPROVED" };
        static const char *const de[] = { "BEZAHLT", "EINGEGANGEN", "GEBUCHT", "GEPRÜFT" };
        static const char *const fr[] = { "PAYÉ", "REÇU", "COMPTABILISÉ", "VISÉ" };
        static const char *const nl[] = { "BETAALD", "ONTVANGEN", "GEBOEKT", "GOEDGEKEURD" };
        static const char *const es[] = { "PAGADO", "RECIBIDO", "CONTABILIZADO", "CONFORME" };

        switch (lang) {
        case GEN_DE:
                return de[k % 4];
        case GEN_FR:
                return fr[k % 4];
        case GEN_NL:
                return nl[k % 4];
        case GEN_ES:
                return es[k % 4];
        default:
                return en[k % 4];
        }
}

/* A rubber stamp, a signature and a tick in the margin, where the page
 * has room: below its contents (from `free_top`) or in the top margin. */
static void draw_marks(cairo_t *cr, const struct gen_doc *doc, double pw, double ph,
                       double free_top, struct gen_rng *r)
{
        double bottom = ph - 80, room = bottom - free_top;

        if (doc->noise & GEN_NOISE_STAMP) {
                double sw = 150, sh = 48, x, y, a = (gen_rng_double(r) - 0.5) * 0.5;
                int k = gen_rng_range(r, 0, 3);
                char *date = NULL;

                if (room >= sh + 20) {
                        x = gen_rng_range(r, 60, (int)(pw - sw - 60));
                        y = free_top + 10 + gen_rng_double(r) * (room - sh - 20);
                } else {
                        sh = 34;
                        x = gen_rng_range(r, (int)(pw * 0.35), (int)(pw - sw - 30));
                        y = 6;
                }
                cairo_save(cr);
                cairo_translate(cr, x + sw / 2, y + sh / 2);
                cairo_rotate(cr, a);
                cairo_set_source_rgba(cr, 0.75, 0.1, 0.12, 0.7);
                cairo_set_line_width(cr, 2.2);
                cairo_rectangle(cr, -sw / 2, -sh / 2, sw, sh);
                cairo_stroke(cr);
                cairo_set_line_width(cr, 0.8);
                cairo_rectangle(cr, -sw / 2 + 3, -sh / 2 + 3, sw - 6, sh - 6);
                cairo_stroke(cr);
                cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                       CAIRO_FONT_WEIGHT_BOLD);
                cairo_set_font_size(cr, sh > 40 ? 17 : 14);
                {
                        cairo_text_extents_t e;
                        const char *word = stamp_word(doc->lang, k);

                        cairo_text_extents(cr, word, &e);
                        cairo_move_to(cr, -e.x_advance / 2, sh > 40 ? -2 : 5);
                        cairo_show_text(cr, word);
                }
                if (sh > 40 && gen_rng_range(r, 0, 1)) {
                        cairo_text_extents_t e;

                        date = gen_date_format(doc->lang, GEN_DATE_DMY_DOT,
                                               gen_date_add(doc->invoice_date,
                                                            gen_rng_range(r, 2, 9)));
                        cairo_set_font_size(cr, 10);
                        cairo_text_extents(cr, date, &e);
                        cairo_move_to(cr, -e.x_advance / 2, 16);
                        cairo_show_text(cr, date);
                        g_free(date);
                }
                cairo_restore(cr);
        }
        if (doc->noise & GEN_NOISE_SCRIBBLE) {
                double x = pw * 0.55 + gen_rng_double(r) * pw * 0.2;
                double y = room > 60 ? free_top + 30 + gen_rng_double(r) * (room - 50) : 40;
                double ty = 150 + gen_rng_double(r) * (ph - 300);

                cairo_save(cr);
                cairo_set_source_rgba(cr, 0.1, 0.15, 0.45, 0.85);
                cairo_set_line_width(cr, 1.1);
                cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
                cairo_move_to(cr, x, y);
                for (int i = 0; i < 5; i++) {
                        double dx = 14 + gen_rng_double(r) * 16;

                        cairo_rel_curve_to(cr, dx * 0.3, -18 * gen_rng_double(r) - 4,
                                           dx * 0.7, 16 * gen_rng_double(r) + 4, dx, 0);
                }
                cairo_stroke(cr);
                /* A tick in the left margin. */
                cairo_move_to(cr, 14, ty);
                cairo_line_to(cr, 20, ty + 7);
                cairo_line_to(cr, 34, ty - 10);
                cairo_stroke(cr);
                /* Initials in a script face under the signature. */
                {
                        static const char *const initials[] = { "ok", "JM", "A.K.", "ok / TS", "gez. MB" };

                        cairo_select_font_face(cr, "Z003", CAIRO_FONT_SLANT_NORMAL,
                                               CAIRO_FONT_WEIGHT_NORMAL);
                        cairo_set_font_size(cr, 13);
                        cairo_move_to(cr, x + 10, y + 20);
                        cairo_show_text(cr, initials[gen_rng_range(r, 0, 4)]);
                }
                cairo_restore(cr);
        }
}

/* A faint coffee ring and a fold: darker shading, in place. */
static void stain(guint8 *g, int w, int h, int noise, int dpi, struct gen_rng *r)
{
        if (noise & GEN_NOISE_STAIN) {
                double cx = gen_rng_double(r) * w, cy = gen_rng_double(r) * h;
                double rad = (0.35 + 0.5 * gen_rng_double(r)) * dpi;
                int y0 = MAX(0, (int)(cy - rad - 4)), y1 = MIN(h, (int)(cy + rad + 4));
                int x0 = MAX(0, (int)(cx - rad - 4)), x1 = MIN(w, (int)(cx + rad + 4));

                for (int y = y0; y < y1; y++)
                        for (int x = x0; x < x1; x++) {
                                double d = hypot(x - cx, y - cy) / rad, dark;

                                if (d > 1.03)
                                        continue;
                                dark = d > 0.93 ? 38 * (1 - fabs(d - 0.97) / 0.06) : 10 * d;
                                g[y * w + x] = (guint8)MAX(0, g[y * w + x] - (int)MAX(0, dark));
                        }
        }
        if (noise & GEN_NOISE_FOLD) {
                int fy = h / 3 + gen_rng_range(r, -h / 20, h / 20);

                for (int y = MAX(0, fy - 6); y < MIN(h, fy + 6); y++)
                        for (int x = 0; x < w; x++) {
                                int d = abs(y - fy), v = g[y * w + x] - (6 - d) * 3;

                                if (d == 0)
                                        v += 14;
                                g[y * w + x] = (guint8)CLAMP(v, 0, 255);
                        }
        }
}

static int jpeg_encode(const struct scan *s, int quality, unsigned char **ret, unsigned long *ret_n)
{
        struct jpeg_compress_struct c;
        struct jpeg_error_mgr e;
        unsigned char *buf = NULL;
        unsigned long n = 0;

        c.err = jpeg_std_error(&e);
        jpeg_create_compress(&c);
        jpeg_mem_dest(&c, &buf, &n);
        c.image_width = (JDIMENSION)s->w;
        c.image_height = (JDIMENSION)s->h;
        c.input_components = 1;
        c.in_color_space = JCS_GRAYSCALE;
        jpeg_set_defaults(&c);
        jpeg_set_quality(&c, quality, TRUE);
        c.density_unit = 1;
        c.X_density = c.Y_density = (UINT16)s->dpi;
        jpeg_start_compress(&c, TRUE);
        while (c.next_scanline < c.image_height) {
                JSAMPROW row = s->g + (size_t)c.next_scanline * s->w;

                jpeg_write_scanlines(&c, &row, 1);
        }
        jpeg_finish_compress(&c);
        jpeg_destroy_compress(&c);
        *ret = buf;
        *ret_n = n;
        return 0;
}

/* JPEG artefacts: compress at `quality` and read back. */
static void jpeg_round_trip(struct scan *s, int quality)
{
        struct jpeg_decompress_struct d;
        struct jpeg_error_mgr e;
        unsigned char *buf;
        unsigned long n;

        jpeg_encode(s, quality, &buf, &n);
        d.err = jpeg_std_error(&e);
        jpeg_create_decompress(&d);
        jpeg_mem_src(&d, buf, n);
        jpeg_read_header(&d, TRUE);
        jpeg_start_decompress(&d);
        while (d.output_scanline < d.output_height) {
                JSAMPROW row = s->g + (size_t)d.output_scanline * s->w;

                jpeg_read_scanlines(&d, &row, 1);
        }
        jpeg_finish_decompress(&d);
        jpeg_destroy_decompress(&d);
        free(buf);
}

static cairo_status_t scan_pixels(const struct gen_doc *doc, enum gen_quality q, uint64_t seed,
                                  struct scan *s)
{
        double pw, ph, angle = 0, dx = 0, dy = 0, dpi, bottom;
        cairo_surface_t *rgb;
        cairo_status_t st;
        struct gen_rng r, mr;
        cairo_t *cr;

        gen_page_size(doc, &pw, &ph);
        dpi = q == GEN_SCAN_POOR ? 200 : 300;
        if (doc->dpi > 0 && q != GEN_SCAN_CLEAN)
                dpi = doc->dpi;
        s->dpi = (int)dpi;
        s->w = (int)lround(pw * dpi / 72);
        s->h = (int)lround(ph * dpi / 72);
        gen_rng_init(&r, seed ^ UINT64_C(0x5ca11ed));
        gen_rng_init(&mr, seed ^ UINT64_C(0x3a7c5));
        if (q != GEN_SCAN_CLEAN) {
                double mag = q == GEN_SCAN_GOOD ? 0.3 + 0.6 * gen_rng_double(&r) :
                                                  0.6 + 0.9 * gen_rng_double(&r);

                angle = (gen_rng_next(&r) & 1 ? mag : -mag) * G_PI / 180;
                dx = gen_rng_range(&r, -15, 15);
                dy = gen_rng_range(&r, -15, 15);
        }
        rgb = cairo_image_surface_create(CAIRO_FORMAT_RGB24, s->w, s->h);
        if ((st = cairo_surface_status(rgb)) != CAIRO_STATUS_SUCCESS) {
                cairo_surface_destroy(rgb);
                return st;
        }
        cr = cairo_create(rgb);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_translate(cr, s->w / 2.0 + dx, s->h / 2.0 + dy);
        cairo_rotate(cr, angle);
        cairo_translate(cr, -s->w / 2.0, -s->h / 2.0);
        cairo_scale(cr, dpi / 72, dpi / 72);
        bottom = gen_draw_page(cr, doc, 1);
        if (doc->noise && q != GEN_SCAN_CLEAN)
                draw_marks(cr, doc, pw, ph, bottom, &mr);
        st = cairo_status(cr);
        cairo_destroy(cr);
        if (st != CAIRO_STATUS_SUCCESS) {
                cairo_surface_destroy(rgb);
                return st;
        }
        cairo_surface_flush(rgb);
        /* zeroed: the static analyzer does not see the loop below fill it */
        s->g = g_malloc0((size_t)s->w * s->h);
        {
                const guint8 *data = cairo_image_surface_get_data(rgb);
                int stride = cairo_image_surface_get_stride(rgb);

                for (int y = 0; y < s->h; y++) {
                        const guint32 *row = (const guint32 *)(const void *)(data + (size_t)y * stride);

                        for (int x = 0; x < s->w; x++) {
                                guint32 p = row[x];

                                s->g[y * s->w + x] = (guint8)((((p >> 16) & 255) * 30 +
                                                               ((p >> 8) & 255) * 59 +
                                                               (p & 255) * 11 + 50) / 100);
                        }
                }
        }
        cairo_surface_destroy(rgb);
        if (q != GEN_SCAN_CLEAN) {
                stain(s->g, s->w, s->h, doc->noise, s->dpi, &mr);
                degrade(s->g, s->w, s->h, q, &r);
        }
        return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t write_png(const struct scan *s, const char *path)
{
        /* An A8 surface is written as an 8-bit greyscale PNG. */
        cairo_surface_t *a8 = cairo_image_surface_create(CAIRO_FORMAT_A8, s->w, s->h);
        cairo_status_t st = cairo_surface_status(a8);

        if (st == CAIRO_STATUS_SUCCESS) {
                guint8 *data = cairo_image_surface_get_data(a8);
                int stride = cairo_image_surface_get_stride(a8);

                cairo_surface_flush(a8);
                for (int y = 0; y < s->h; y++)
                        memcpy(data + (size_t)y * stride, s->g + (size_t)y * s->w, (size_t)s->w);
                cairo_surface_mark_dirty(a8);
                st = cairo_surface_write_to_png(a8, path);
        }
        cairo_surface_destroy(a8);
        return st;
}

static void put16(FILE *f, unsigned v)
{
        fputc((int)(v & 255), f);
        fputc((int)(v >> 8), f);
}

static void put32(FILE *f, unsigned v)
{
        put16(f, v & 0xffff);
        put16(f, v >> 16);
}

static void tag(FILE *f, unsigned id, unsigned type, unsigned count, unsigned value)
{
        put16(f, id);
        put16(f, type);
        put32(f, count);
        if (type == 3 && count == 1) {
                put16(f, value);
                put16(f, 0);
        } else {
                put32(f, value);
        }
}

/* A baseline TIFF: one uncompressed 8-bit grey strip, with its resolution. */
static cairo_status_t write_tiff(const struct scan *s, const char *path)
{
        FILE *f = fopen(path, "wb");
        unsigned n = (unsigned)s->w * (unsigned)s->h, ifd = 8 + n + (n & 1);
        unsigned res = ifd + 2 + 11 * 12 + 4;
        int ok;

        if (!f)
                return CAIRO_STATUS_WRITE_ERROR;
        fwrite("II*\0", 1, 4, f);
        put32(f, ifd);
        fwrite(s->g, 1, n, f);
        if (n & 1)
                fputc(0, f);
        put16(f, 11);
        tag(f, 256, 4, 1, (unsigned)s->w);              /* ImageWidth */
        tag(f, 257, 4, 1, (unsigned)s->h);              /* ImageLength */
        tag(f, 258, 3, 1, 8);                           /* BitsPerSample */
        tag(f, 259, 3, 1, 1);                           /* no compression */
        tag(f, 262, 3, 1, 1);                           /* BlackIsZero */
        tag(f, 273, 4, 1, 8);                           /* StripOffsets */
        tag(f, 277, 3, 1, 1);                           /* SamplesPerPixel */
        tag(f, 278, 4, 1, (unsigned)s->h);              /* RowsPerStrip */
        tag(f, 279, 4, 1, n);                           /* StripByteCounts */
        tag(f, 282, 5, 1, res);                         /* XResolution */
        tag(f, 283, 5, 1, res);                         /* YResolution */
        put32(f, 0);
        put32(f, (unsigned)s->dpi);
        put32(f, 1);
        ok = !ferror(f);
        if (fclose(f) != 0)
                ok = 0;
        return ok ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t write_jpeg(const struct scan *s, const char *path, int quality)
{
        unsigned char *buf;
        unsigned long n;
        FILE *f = fopen(path, "wb");
        int ok;

        if (!f)
                return CAIRO_STATUS_WRITE_ERROR;
        jpeg_encode(s, quality, &buf, &n);
        ok = fwrite(buf, 1, n, f) == n;
        free(buf);
        if (fclose(f) != 0)
                ok = 0;
        return ok ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* A PDF holding only the scan (as a JPEG), the size of the page. */
static cairo_status_t write_scanpdf(const struct scan *s, const struct gen_doc *doc,
                                    const char *path, int quality)
{
        double pw = s->w * 72.0 / s->dpi, ph = s->h * 72.0 / s->dpi;
        cairo_surface_t *pdf = cairo_pdf_surface_create(path, pw, ph);
        cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, s->w, s->h);
        char *date = g_strdup_printf("%04d-%02d-%02dT09:00:00", doc->invoice_date.y,
                                     doc->invoice_date.m, doc->invoice_date.d);
        unsigned char *buf;
        unsigned long n;
        cairo_status_t st;
        cairo_t *cr;

        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, date);
        g_free(date);
        if ((st = cairo_surface_status(img)) == CAIRO_STATUS_SUCCESS) {
                guint8 *data = cairo_image_surface_get_data(img);
                int stride = cairo_image_surface_get_stride(img);

                cairo_surface_flush(img);
                for (int y = 0; y < s->h; y++) {
                        guint32 *row = (guint32 *)(void *)(data + (size_t)y * stride);

                        for (int x = 0; x < s->w; x++) {
                                guint32 v = s->g[y * s->w + x];

                                row[x] = v << 16 | v << 8 | v;
                        }
                }
                cairo_surface_mark_dirty(img);
                jpeg_encode(s, quality, &buf, &n);
                cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, buf, n, free, buf);
                cr = cairo_create(pdf);
                cairo_scale(cr, 72.0 / s->dpi, 72.0 / s->dpi);
                cairo_set_source_surface(cr, img, 0, 0);
                cairo_paint(cr);
                cairo_show_page(cr);
                st = cairo_status(cr);
                cairo_destroy(cr);
        }
        cairo_surface_destroy(img);
        cairo_surface_finish(pdf);
        if (st == CAIRO_STATUS_SUCCESS)
                st = cairo_surface_status(pdf);
        cairo_surface_destroy(pdf);
        return st;
}

int gen_render(const struct gen_doc *doc, const char *path, enum gen_format fmt,
               enum gen_quality q, uint64_t seed, GError **err)
{
        struct scan s = { 0 };
        cairo_status_t st;
        int quality = doc->jpeg_quality > 0 ? doc->jpeg_quality : 88;

        if (fmt == GEN_FMT_PDF)
                return gen_render_pdf(doc, path, err);
        if (gen_page_count(doc) > 1) {
                g_set_error(err, GEN_ERROR, 1, "'%s': a PNG holds one page; rows_per_page "
                            "splits this document over %d (render it as a PDF)", path,
                            gen_page_count(doc));
                return -1;
        }
        st = scan_pixels(doc, q, seed, &s);
        if (st == CAIRO_STATUS_SUCCESS && doc->jpeg_quality > 0 && fmt != GEN_FMT_JPG &&
            fmt != GEN_FMT_SCANPDF && q != GEN_SCAN_CLEAN)
                jpeg_round_trip(&s, doc->jpeg_quality);
        if (st == CAIRO_STATUS_SUCCESS) {
                switch (fmt) {
                case GEN_FMT_TIF:
                        st = write_tiff(&s, path);
                        break;
                case GEN_FMT_JPG:
                        st = write_jpeg(&s, path, quality);
                        break;
                case GEN_FMT_SCANPDF:
                        st = write_scanpdf(&s, doc, path, quality);
                        break;
                case GEN_FMT_PHOTO: {
                        /* A phone's JPEG: 72 dpi as phones write it, quality 85. */
                        struct scan photo = { .dpi = 72 };

                        photo.g = gen_photo(s.g, s.w, s.h, seed, &photo.w, &photo.h);
                        st = photo.g ? write_jpeg(&photo, path, 85) : CAIRO_STATUS_NO_MEMORY;
                        g_free(photo.g);
                        break;
                }
                default:
                        st = write_png(&s, path);
                        break;
                }
        }
        g_free(s.g);
        if (st != CAIRO_STATUS_SUCCESS) {
                g_set_error(err, GEN_ERROR, 1, "cannot write '%s': %s", path,
                            cairo_status_to_string(st));
                return -1;
        }
        return 0;
}
