/* pngline.c: leptonica's pixWriteMem, with PNG written uncompressed.
 *
 * Tesseract keeps each text line it recognises as a PNG in memory
 * (ImageData::SetPixInternal) and decodes it again at once: zlib's default
 * compression of those lines was 3% of reading a scan, for bytes that
 * live a few milliseconds. Stored (zlib level 0), the same pixels come
 * back. As with morph.c, the executables that link capture define the
 * symbol and export it (capture/meson.build), so libtesseract's calls
 * land here; billflow itself writes no image through leptonica (a page's
 * PNG for `show --png` is libpng's, capture_page_png). */
#include "capture/capture-int.h"

/* zlib's level for the PNGs leptonica writes to memory: stored. */
#define PNGLINE_ZLIB_LEVEL 0

typedef l_ok (*write_mem_fn)(l_uint8 **, size_t *, PIX *, l_int32);

/* Leptonica's own pixWriteMem. */
static write_mem_fn leptonica_write_mem(void)
{
        static _Atomic(void *) fn;

        return (write_mem_fn)capture_leptonica_own("pixWriteMem", &fn);
}

l_ok pixWriteMem(l_uint8 **pdata, size_t *psize, PIX *pix, l_int32 format)
{
        write_mem_fn lept = leptonica_write_mem();
        l_ok r;

        if (!lept)
                return 1;
        /* Leptonica reads the level from the pix's special field (10 +
         * level, else its default), which nothing here sets otherwise. */
        if (format != IFF_PNG || !pix)
                return lept(pdata, psize, pix, format);
        pixSetZlibCompression(pix, PNGLINE_ZLIB_LEVEL);
        r = lept(pdata, psize, pix, format);
        pixSetSpecial(pix, 0);
        return r;
}
