/* morph.c: leptonica's pixOpenBrick, bit for bit, with each long linear
 * erosion or dilation done in about log2(n) shifted ANDs or ORs of the
 * image instead of n.
 *
 * Tesseract's rule-line finder (every page read with layout analysis)
 * opens the binarised page with bricks a quarter of an inch long, 75
 * pixels at 300 dpi: leptonica's pixOpenBrick shifts the whole page 300
 * times for that. The executables that link capture define the symbol
 * themselves and export it (capture/meson.build), so libtesseract's calls
 * land here; hence the name without capture's prefix. Anything but a new
 * 1 bpp image opened by a long brick goes to leptonica's own function. */
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "capture/capture-int.h"

/* Bricks shorter than this in both directions are left to leptonica. */
#define MORPH_MIN_LENGTH 8

typedef PIX *(*open_brick_fn)(PIX *, PIX *, l_int32, l_int32);

void *capture_leptonica_own(const char *name, _Atomic(void *) *cache)
{
        void *f = atomic_load_explicit(cache, memory_order_acquire);

        if (!f) {
                f = dlsym(RTLD_NEXT, name);
                atomic_store_explicit(cache, f, memory_order_release);
        }
        return f;
}

/* Leptonica's own pixOpenBrick. */
static open_brick_fn leptonica_open_brick(void)
{
        static _Atomic(void *) fn;

        return (open_brick_fn)capture_leptonica_own("pixOpenBrick", &fn);
}

/* d = d OP (d shifted back by k along the line): d(x) OP= d(x + k), where
 * d(x + k) beyond the image counts as OFF. t is scratch of d's size. */
static void fold(PIX *d, PIX *t, int k, bool horiz, l_int32 op)
{
        int w = pixGetWidth(d), h = pixGetHeight(d);

        pixCopy(t, d);
        if (horiz) {
                pixRasterop(d, -k, 0, w, h, op, t, 0, 0);
                if (op == (PIX_SRC & PIX_DST))
                        pixRasterop(d, w - k, 0, k, h, PIX_CLR, NULL, 0, 0);
        } else {
                pixRasterop(d, 0, -k, w, h, op, t, 0, 0);
                if (op == (PIX_SRC & PIX_DST))
                        pixRasterop(d, 0, h - k, w, k, PIX_CLR, NULL, 0, 0);
        }
}

/* s eroded (op AND) or dilated (op OR) by a line of n pixels whose origin
 * is pixel c, along x when horiz, else y, as leptonica's pixErode and
 * pixDilate with a brick Sel (pixels beyond the image OFF). The result
 * at x combines s(x - lo) .. s(x - lo + n - 1), where lo is c for an
 * erosion and n - 1 - c for a dilation (whose Sel acts reflected). */
static PIX *line_morph(PIX *s, int n, int c, bool horiz, bool dilate)
{
        int w = pixGetWidth(s), h = pixGetHeight(s);
        int lo = dilate ? n - 1 - c : c, hi = n - 1 - lo;
        l_int32 op = dilate ? (PIX_SRC | PIX_DST) : (PIX_SRC & PIX_DST);
        PIX *pad, *t, *d = NULL;
        int m;

        /* Zeros on either side hold the pixels beyond the image. */
        pad = horiz ? pixAddBorderGeneral(s, lo, hi, 0, 0, 0)
                    : pixAddBorderGeneral(s, 0, 0, lo, hi, 0);
        t = pad ? pixCreateTemplateNoInit(pad) : NULL;
        if (!t)
                goto done;
        /* pad(x) OP= pad(x + m) for doubling m, then one overlapping fold
         * makes the run n long: pad(x) is then OP over pad(x .. x+n-1). */
        for (m = 1; 2 * m <= n; m *= 2)
                fold(pad, t, m, horiz, op);
        if (m < n)
                fold(pad, t, n - m, horiz, op);
        d = pixCreate(w, h, 1);
        if (d)
                pixRasterop(d, 0, 0, w, h, PIX_SRC, pad, 0, 0);
done:
        pixDestroy(&t);
        pixDestroy(&pad);
        return d;
}

/* s opened (eroded, then dilated) by a line of n pixels centred on n / 2. */
static PIX *line_open(PIX *s, int n, bool horiz)
{
        PIX *e, *d;

        if (n == 1)
                return pixCopy(NULL, s);
        e = line_morph(s, n, n / 2, horiz, false);
        d = e ? line_morph(e, n, n / 2, horiz, true) : NULL;
        pixDestroy(&e);
        return d;
}

PIX *pixOpenBrick(PIX *pixd, PIX *pixs, l_int32 hsize, l_int32 vsize)
{
        PIX *e1, *e2, *d1, *d2;
        open_brick_fn lept;

        if (pixd || !pixs || pixGetDepth(pixs) != 1 || hsize < 1 || vsize < 1 ||
            (hsize < MORPH_MIN_LENGTH && vsize < MORPH_MIN_LENGTH) ||
            hsize > pixGetWidth(pixs) || vsize > pixGetHeight(pixs)) {
                lept = leptonica_open_brick();
                return lept ? lept(pixd, pixs, hsize, vsize) : NULL;
        }
        if (hsize == 1 || vsize == 1)
                return line_open(pixs, hsize == 1 ? vsize : hsize, vsize == 1);
        /* Separably, in leptonica's order: erode across, erode down,
         * dilate across, dilate down. */
        e1 = line_morph(pixs, hsize, hsize / 2, true, false);
        e2 = e1 ? line_morph(e1, vsize, vsize / 2, false, false) : NULL;
        d1 = e2 ? line_morph(e2, hsize, hsize / 2, true, true) : NULL;
        d2 = d1 ? line_morph(d1, vsize, vsize / 2, false, true) : NULL;
        pixDestroy(&e1);
        pixDestroy(&e2);
        pixDestroy(&d1);
        return d2;
}
