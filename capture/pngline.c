/* pngline.c: leptonica's pixWriteMem, with PNG written uncompressed.
 *
 * Tesseract keeps each text line it recognises as a PNG in memory
 * (ImageData::SetPixInternal) and decodes it again at once: zlib's default
 * compression and libpng's choice of row filters, for bytes that live a
 * few milliseconds, were 3% of reading a scan. An 8-bit grey image is
 * written here by libpng unfiltered and stored (zlib level 0): the same
 * pixels and resolution come back, at about a sixth of the cost of
 * leptonica's own writer even at level 0. Anything else is leptonica's,
 * at level 0. As with morph.c, the executables that link capture define
 * the symbol and export it (capture/meson.build), so libtesseract's calls
 * land here; billflow itself writes no image through leptonica (a page's
 * PNG for `show --png` is libpng's, capture_page_png). */
#include <png.h>
#include <stdlib.h>
#include <string.h>

#include "capture/capture-int.h"

/* zlib's level for the PNGs leptonica writes to memory: stored. */
#define PNGLINE_ZLIB_LEVEL 0
/* leptonica's pixels per inch to PNG's pixels per metre */
#define PNGLINE_INCHES_PER_METRE 39.37

typedef l_ok (*write_mem_fn)(l_uint8 **, size_t *, PIX *, l_int32);

/* Leptonica's own pixWriteMem. */
static write_mem_fn leptonica_write_mem(void)
{
        static _Atomic(void *) fn;

        return (write_mem_fn)capture_leptonica_own("pixWriteMem", &fn);
}

/* The PNG's bytes as libpng writes them. */
struct png_out {
        l_uint8 *data;
        size_t len, cap;
        bool failed;
};

static void out_write(png_structp png, png_bytep bytes, png_size_t n)
{
        struct png_out *o = png_get_io_ptr(png);
        l_uint8 *more;

        if (o->failed)
                return;
        if (n > o->cap - o->len) {
                more = n > SIZE_MAX / 2 - o->len ? NULL : realloc(o->data, 2 * (o->len + n));
                if (!more) {
                        o->failed = true;
                        return;
                }
                o->data = more;
                o->cap = 2 * (o->len + n);
        }
        memcpy(o->data + o->len, bytes, n);
        o->len += n;
}

static void out_flush(png_structp png)
{
        (void)png;
}

/* libpng's messages go nowhere; an error ends the write (png_longjmp). */
static void png_quiet_error(png_structp png, png_const_charp msg)
{
        (void)msg;
        png_longjmp(png, 1);
}

static void png_quiet_warning(png_structp png, png_const_charp msg)
{
        (void)png;
        (void)msg;
}

/* pix (8 bpp grey, no colormap, no text) as a PNG leptonica reads back
 * the same: grey, 8 bits, its resolution as leptonica writes it. 0 with
 * *ret_data malloc'd (lept_free is free), else 1. */
static int write_grey(PIX *pix, l_uint8 **ret_data, size_t *ret_len)
{
        int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
        png_uint_32 xres = (png_uint_32)(PNGLINE_INCHES_PER_METRE * pixGetXRes(pix) + 0.5);
        png_uint_32 yres = (png_uint_32)(PNGLINE_INCHES_PER_METRE * pixGetYRes(pix) + 0.5);
        struct png_out *out = calloc(1, sizeof(*out));
        png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_quiet_error,
                                                  png_quiet_warning);
        png_infop info = png ? png_create_info_struct(png) : NULL;
        png_bytep row = malloc((size_t)w + 1);
        int r = 1;

        /* stored: each row and its filter byte, a few bytes a block */
        if (out)
                out->cap = (size_t)h * ((size_t)w + 1) + (size_t)h * ((size_t)w + 1) / 1024 + 1024;
        if (out && !(out->data = malloc(out->cap)))
                out->failed = true;
        if (!out || out->failed || !info || !row)
                goto done;
        /* Nothing set between here and a longjmp back is read after it. */
        if (setjmp(png_jmpbuf(png)))
                goto done;
        png_set_write_fn(png, out, out_write, out_flush);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
        png_set_compression_level(png, PNGLINE_ZLIB_LEVEL);
        png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_GRAY,
                     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
        if (xres == 0 || yres == 0)
                png_set_pHYs(png, info, 0, 0, PNG_RESOLUTION_UNKNOWN);
        else
                png_set_pHYs(png, info, xres, yres, PNG_RESOLUTION_METER);
        png_write_info(png, info);
        for (int y = 0; y < h; y++) {
                const l_uint32 *line = pixGetData(pix) + (size_t)y * wpl;

                for (int x = 0; x < w; x++)
                        row[x] = (png_byte)GET_DATA_BYTE(line, x);
                png_write_row(png, row);
        }
        png_write_end(png, info);
        if (!out->failed) {
                *ret_data = out->data;
                *ret_len = out->len;
                out->data = NULL;
                r = 0;
        }
done:
        png_destroy_write_struct(&png, &info);
        free(row);
        if (out)
                free(out->data);
        free(out);
        return r;
}

l_ok pixWriteMem(l_uint8 **pdata, size_t *psize, PIX *pix, l_int32 format)
{
        write_mem_fn lept = leptonica_write_mem();
        l_ok r;

        if (!lept)
                return 1;
        if (format != IFF_PNG || !pix || !pdata || !psize)
                return lept(pdata, psize, pix, format);
        if (pixGetDepth(pix) == 8 && !pixGetColormap(pix) && pixGetSpp(pix) == 1 &&
            !pixGetText(pix) && pixGetWidth(pix) > 0 && pixGetHeight(pix) > 0 &&
            write_grey(pix, pdata, psize) == 0)
                return 0;
        /* Leptonica reads the level from the pix's special field (10 +
         * level, else its default), which nothing here sets otherwise. */
        pixSetZlibCompression(pix, PNGLINE_ZLIB_LEVEL);
        r = lept(pdata, psize, pix, format);
        pixSetSpecial(pix, 0);
        return r;
}
