/* image.c: PNG, JPEG and (multi-page) TIFF files, each page OCRed; sizes
 * are checked from the header before anything is decoded. PNG goes through
 * libpng's simplified API and JPEG through libjpeg with quiet error
 * handlers, because leptonica's readers leave their stderr messages on. */
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>
#include <jerror.h>

#include "capture/capture-int.h"

/* Resolutions a file may claim and be believed; others (0, 1, 72 from a
 * camera's default) are taken as "unknown" and scanned paper is assumed.
 * (Leaving Tesseract to estimate it, as its command line does, was 3%
 * faster but lost 4 of 240 receipt fields and 21 points of line-item F1
 * on generated scans.) */
#define IMAGE_MIN_DPI 100
#define IMAGE_MAX_DPI 1200
#define IMAGE_DEFAULT_DPI 300

static int check_size(int w, int h, int page, const struct capture_options *opt,
                      struct bf_error *err)
{
        if (w <= 0 || h <= 0)
                return bf_error_set(err, BF_EINVAL, "bad image size (%dx%d pixels)", w, h);
        if ((int64_t)w * h > opt->max_pixels) {
                if (page > 0)
                        return bf_error_set(err, BF_ETOOBIG,
                                            "image too large (%dx%d pixels, page %d)",
                                            w, h, page);
                return bf_error_set(err, BF_ETOOBIG, "image too large (%dx%d pixels)", w, h);
        }
        return 0;
}

static int no_ocr(struct bf_error *err)
{
        return bf_error_set(err, BF_EUNSUPPORTED, "cannot read image: no ocr engine");
}

static int plausible_dpi(int res)
{
        return res >= IMAGE_MIN_DPI && res <= IMAGE_MAX_DPI ? res : IMAGE_DEFAULT_DPI;
}

/* OCRs pix as the document's next page; file_dpi is what the file claims. */
static int ocr_pix(bf_ocr *ocr, PIX *pix, int file_dpi, bf_doc_text *doc, struct bf_error *err)
{
        bf_page *page;

        page = doc_text_add_page(doc, pixGetWidth(pix), pixGetHeight(pix), true);
        page->number = (int)doc->n_pages;
        return ocr_page_words(ocr, pix, plausible_dpi(file_dpi), page, err);
}

/* cairo's RGB24/ARGB32 (native-endian words, alpha premultiplied) to an
 * 8-bit grey PIX, transparency shown as white paper. */
PIX *capture_surface_to_grey(cairo_surface_t *s)
{
        cairo_format_t format = cairo_image_surface_get_format(s);
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        int stride = cairo_image_surface_get_stride(s);
        const unsigned char *data;
        PIX *pix;

        if (format != CAIRO_FORMAT_RGB24 && format != CAIRO_FORMAT_ARGB32)
                return NULL;
        cairo_surface_flush(s);
        data = cairo_image_surface_get_data(s);
        pix = pixCreate(w, h, 8);
        if (!pix || !data) {
                pixDestroy(&pix);
                return NULL;
        }
        for (int y = 0; y < h; y++) {
                const uint32_t *src = (const uint32_t *)(data + (size_t)y * stride);
                l_uint32 *line = pixGetData(pix) + (size_t)y * pixGetWpl(pix);

                for (int x = 0; x < w; x++) {
                        uint32_t v = src[x];
                        unsigned white = format == CAIRO_FORMAT_ARGB32 ? 255 - (v >> 24) : 0;
                        unsigned r = ((v >> 16) & 0xff) + white, g = ((v >> 8) & 0xff) + white;
                        unsigned b = (v & 0xff) + white;

                        SET_DATA_BYTE(line, x, (r * 299 + g * 587 + b * 114 + 500) / 1000);
                }
        }
        return pix;
}

static uint32_t be32(const unsigned char *p)
{
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The PNG's pHYs resolution in dots per inch, 0 when it has none. */
static int png_dpi(const unsigned char *p, size_t len)
{
        size_t off = 8;

        while (off + 12 <= len) {
                uint32_t n = be32(p + off);

                if (n > len - off - 12)
                        break;
                if (memcmp(p + off + 4, "IDAT", 4) == 0)
                        break;
                if (memcmp(p + off + 4, "pHYs", 4) == 0 && n == 9 && p[off + 16] == 1)
                        return (int)lround(be32(p + off + 8) * 0.0254);
                off += 12 + (size_t)n;
        }
        return 0;
}

/* Decodes a PNG straight to 8-bit grey, transparency shown as white
 * paper. libpng's simplified API keeps its messages to itself. NULL with
 * err on failure. */
static PIX *decode_png(const unsigned char *data, size_t len, struct bf_error *err)
{
        png_color white = { 255, 255, 255 };
        png_image img;
        PIX *pix;

        memset(&img, 0, sizeof(img));
        img.version = PNG_IMAGE_VERSION;
        if (!png_image_begin_read_from_memory(&img, data, len)) {
                bf_error_set(err, BF_EINVAL, "corrupt png image: %s", img.message);
                return NULL;
        }
        img.format = PNG_FORMAT_GRAY;
        pix = pixCreate((int)img.width, (int)img.height, 8);
        if (!pix) {
                png_image_free(&img);
                bf_error_set(err, BF_ENOMEM, "cannot decode png image: out of memory");
                return NULL;
        }
        /* Rows land as bytes in leptonica's 32-bit words; the swap below
         * puts them in its native order. */
        if (!png_image_finish_read(&img, &white, pixGetData(pix), pixGetWpl(pix) * 4, NULL)) {
                bf_error_set(err, BF_EINVAL, "corrupt png image: %s", img.message);
                png_image_free(&img);
                pixDestroy(&pix);
                return NULL;
        }
        pixEndianByteSwap(pix);
        return pix;
}

static int read_png(const unsigned char *data, size_t len, bf_ocr *ocr,
                    const struct capture_options *opt, bf_doc_text *doc, struct bf_error *err)
{
        l_int32 format, w, h, bps, spp, cmap;
        PIX *pix;
        int r;

        if (pixReadHeaderMem(data, len, &format, &w, &h, &bps, &spp, &cmap) != 0)
                return bf_error_set(err, BF_EINVAL, "corrupt png image: unreadable header");
        r = check_size(w, h, 0, opt, err);
        if (r < 0)
                return r;
        if (!ocr)
                return no_ocr(err);
        pix = decode_png(data, len, err);
        if (!pix)
                return err ? err->code : BF_EINVAL;
        r = ocr_pix(ocr, pix, png_dpi(data, len), doc, err);
        pixDestroy(&pix);
        return r;
}

struct quiet_jpeg_err {
        struct jpeg_error_mgr pub;
        jmp_buf jmp;
        bool truncated;
        char msg[JMSG_LENGTH_MAX];
};

static void quiet_jpeg_exit(j_common_ptr c)
{
        struct quiet_jpeg_err *e = (struct quiet_jpeg_err *)c->err;

        c->err->format_message(c, e->msg);
        longjmp(e->jmp, 1);
}

static void quiet_jpeg_emit(j_common_ptr c, int level)
{
        struct quiet_jpeg_err *e = (struct quiet_jpeg_err *)c->err;

        /* Warnings ("extraneous bytes") are tolerated; a file that ends
         * early is not: its missing part may hold the total. */
        if (level < 0 && c->err->msg_code == JWRN_JPEG_EOF)
                e->truncated = true;
}

/* Decodes a JPEG to 8-bit grey after checking its size against the caps.
 * Returns NULL with err set. */
static PIX *decode_jpeg(const unsigned char *data, size_t len, const struct capture_options *opt,
                        bf_ocr *ocr, int *ret_dpi, struct bf_error *err)
{
        struct jpeg_decompress_struct cinfo;
        struct quiet_jpeg_err jerr = {0};
        PIX *volatile pix = NULL;
        JSAMPLE *volatile row = NULL;

        cinfo.err = jpeg_std_error(&jerr.pub);
        jerr.pub.error_exit = quiet_jpeg_exit;
        jerr.pub.emit_message = quiet_jpeg_emit;
        if (setjmp(jerr.jmp)) {
                bf_error_set(err, BF_EINVAL, "corrupt jpeg image: %s", jerr.msg);
                goto fail;
        }
        jpeg_create_decompress(&cinfo);
        jpeg_mem_src(&cinfo, data, (unsigned long)len);
        jpeg_read_header(&cinfo, TRUE);
        if (check_size((int)cinfo.image_width, (int)cinfo.image_height, 0, opt, err) < 0)
                goto fail;
        if (!ocr) {
                no_ocr(err);
                goto fail;
        }
        /* libjpeg converts to grey itself, except from CMYK. */
        if (cinfo.jpeg_color_space != JCS_CMYK && cinfo.jpeg_color_space != JCS_YCCK)
                cinfo.out_color_space = JCS_GRAYSCALE;
        else
                cinfo.out_color_space = JCS_CMYK;
        jpeg_start_decompress(&cinfo);
        pix = pixCreate((int)cinfo.output_width, (int)cinfo.output_height, 8);
        row = malloc((size_t)cinfo.output_width * cinfo.output_components);
        if (!pix || !row) {
                bf_error_set(err, BF_ENOMEM, "cannot decode jpeg image: out of memory");
                goto fail;
        }
        while (cinfo.output_scanline < cinfo.output_height) {
                JSAMPROW rows[1] = { row };
                l_uint32 *line = pixGetData(pix) + (size_t)cinfo.output_scanline * pixGetWpl(pix);

                if (jpeg_read_scanlines(&cinfo, rows, 1) != 1)
                        break;
                for (JDIMENSION x = 0; x < cinfo.output_width; x++) {
                        unsigned v;

                        if (cinfo.output_components == 4) {
                                /* Adobe's inverted CMYK: each is 255 - ink. */
                                const JSAMPLE *c = row + 4 * x;
                                unsigned k = c[3];

                                v = (c[0] * k * 299 + c[1] * k * 587 + c[2] * k * 114) /
                                    (255 * 1000);
                        } else {
                                v = row[x];
                        }
                        SET_DATA_BYTE(line, x, v);
                }
        }
        if (jerr.truncated || cinfo.output_scanline < cinfo.output_height) {
                bf_error_set(err, BF_EINVAL, "corrupt jpeg image: premature end of data");
                goto fail;
        }
        jpeg_finish_decompress(&cinfo);
        if (cinfo.density_unit == 1)
                *ret_dpi = cinfo.X_density;
        else if (cinfo.density_unit == 2)
                *ret_dpi = (int)lround(cinfo.X_density * 2.54);
        else
                *ret_dpi = 0;
        jpeg_destroy_decompress(&cinfo);
        free(row);
        return pix;
fail:
        jpeg_destroy_decompress(&cinfo);
        free(row);
        if (pix) {
                PIX *p = pix;

                pixDestroy(&p);
        }
        return NULL;
}

static int read_jpeg(const unsigned char *data, size_t len, bf_ocr *ocr,
                     const struct capture_options *opt, bf_doc_text *doc, struct bf_error *err)
{
        int dpi = 0, r;
        PIX *pix = decode_jpeg(data, len, opt, ocr, &dpi, err);

        if (!pix)
                return err ? err->code : BF_EINVAL;
        r = ocr_pix(ocr, pix, dpi, doc, err);
        pixDestroy(&pix);
        return r;
}

static int read_tiff(const l_uint8 *data, size_t len, bf_ocr *ocr,
                     const struct capture_options *opt, bf_doc_text *doc,
                     struct bf_error *err)
{
        int n_pages = 0, r;

        /* Every page's header first: the whole file is refused before any
         * OCR time is spent if one page is over a cap. */
        for (;;) {
                l_int32 w, h, bps, spp, res, cmap, format;

                if (readHeaderMemTiff(data, len, n_pages, &w, &h, &bps, &spp, &res, &cmap,
                                      &format) != 0)
                        break;
                if (n_pages >= opt->max_pages)
                        return bf_error_set(err, BF_ETOOBIG,
                                            "tiff has more than %d pages", opt->max_pages);
                r = check_size(w, h, n_pages + 1, opt, err);
                if (r < 0)
                        return r;
                n_pages++;
        }
        if (n_pages == 0)
                return bf_error_set(err, BF_EINVAL, "corrupt tiff image: unreadable header");
        if (!ocr)
                return no_ocr(err);

        for (int i = 0; i < n_pages; i++) {
                PIX *pix = pixReadMemTiff(data, len, i);

                if (!pix)
                        return bf_error_set(err, BF_EINVAL,
                                            "corrupt tiff image: cannot decode page %d", i + 1);
                r = check_size(pixGetWidth(pix), pixGetHeight(pix), i + 1, opt, err);
                if (r == 0)
                        r = ocr_pix(ocr, pix, pixGetXRes(pix), doc, err);
                pixDestroy(&pix);
                if (r < 0)
                        return r;
        }
        return 0;
}

int capture_image_read(const void *data, size_t len, enum bf_file_kind kind, bf_ocr *ocr,
                       const struct capture_options *opt, bf_doc_text *doc,
                       struct bf_error *err)
{
        int r;

        if (kind == FILE_KIND_TIFF)
                r = read_tiff(data, len, ocr, opt, doc, err);
        else if (kind == FILE_KIND_PNG)
                r = read_png(data, len, ocr, opt, doc, err);
        else
                r = read_jpeg(data, len, ocr, opt, doc, err);
        if (r == 0)
                doc->source = SOURCE_OCR;
        return r;
}

/* A page of an image file as PNG: leptonica decodes it (a TIFF's page n,
 * a PNG or JPEG as page 1) after its header passed the caps; libpng writes
 * it to memory, grey or colour as decoded. */
int capture_image_page_png(const void *data, size_t len, enum bf_file_kind kind, int number,
                           const struct capture_options *opt, void **ret_png, size_t *ret_len,
                           struct bf_error *err)
{
        l_int32 format, w, h, bps, spp, cmap, res;
        png_image img;
        PIX *pix = NULL, *rgb = NULL;
        unsigned char *buf = NULL;
        void *out = NULL;
        png_alloc_size_t size = 0;
        int n_pages = 1, r;

        if (kind == FILE_KIND_TIFF) {
                for (n_pages = 0; n_pages < opt->max_pages; n_pages++)
                        if (readHeaderMemTiff(data, len, n_pages, &w, &h, &bps, &spp, &res, &cmap,
                                              &format) != 0)
                                break;
        }
        if (number < 1 || number > n_pages)
                return bf_error_set(err, BF_ENOTFOUND, "no page %d: the image has %d page%s", number,
                                    n_pages, n_pages == 1 ? "" : "s");
        if (kind == FILE_KIND_TIFF) {
                if (readHeaderMemTiff(data, len, number - 1, &w, &h, &bps, &spp, &res, &cmap,
                                      &format) != 0)
                        return bf_error_set(err, BF_EINVAL, "corrupt tiff image: unreadable header");
        } else if (pixReadHeaderMem(data, len, &format, &w, &h, &bps, &spp, &cmap) != 0) {
                return bf_error_set(err, BF_EINVAL, "corrupt image: unreadable header");
        }
        if ((r = check_size(w, h, number, opt, err)) < 0)
                return r;
        pix = kind == FILE_KIND_TIFF ? pixReadMemTiff(data, len, number - 1) : pixReadMem(data, len);
        if (!pix)
                return bf_error_set(err, BF_EINVAL, "corrupt image: cannot decode page %d", number);
        if (!(rgb = pixConvertTo32(pix))) {
                pixDestroy(&pix);
                return bf_error_set(err, BF_ENOMEM, "cannot convert page %d", number);
        }
        w = pixGetWidth(rgb);
        h = pixGetHeight(rgb);
        buf = bf_xmalloc((size_t)w * (size_t)h * 3);
        for (l_int32 y = 0; y < h; y++)
                for (l_int32 x = 0; x < w; x++) {
                        l_int32 rv, gv, bv;
                        unsigned char *p = buf + ((size_t)y * (size_t)w + (size_t)x) * 3;

                        pixGetRGBPixel(rgb, x, y, &rv, &gv, &bv);
                        p[0] = (unsigned char)rv;
                        p[1] = (unsigned char)gv;
                        p[2] = (unsigned char)bv;
                }
        pixDestroy(&rgb);
        pixDestroy(&pix);
        memset(&img, 0, sizeof(img));
        img.version = PNG_IMAGE_VERSION;
        img.width = (png_uint_32)w;
        img.height = (png_uint_32)h;
        img.format = PNG_FORMAT_RGB;
        if (!png_image_write_get_memory_size(img, size, 0, buf, 0, NULL) ||
            !(out = malloc(size)) ||
            !png_image_write_to_memory(&img, out, &size, 0, buf, 0, NULL)) {
                free(out);
                free(buf);
                png_image_free(&img);
                return bf_error_set(err, BF_ENOMEM, "cannot encode page %d as png", number);
        }
        free(buf);
        *ret_png = out;
        *ret_len = size;
        return 0;
}
