/* prep.c: leptonica steps that ready a grey page for Tesseract — text
 * height for upscaling, deskew, contrast for faint scans, quarter turns. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture/capture-int.h"

/* Text-height estimation looks at no more pixels than this (it reduces). */
#define PREP_MEASURE_PIXELS 1500000
/* Skew: ink below this grey level, and leptonica's own bounds for
 * trusting a skew (pixDeskew): a confidence of 3 and a tenth of a degree. */
#define PREP_SKEW_THRESHOLD 130
#define PREP_SKEW_MIN_CONF 3.0f
#define PREP_SKEW_MIN_DEGREES 0.1f
/* Deskewing by shears up to this angle, by area mapping beyond. */
#define PREP_SHEAR_MAX_DEGREES 2.0
/* prep_letters_across: the largest mark taken for a letter, at half size
 * (a photo's text is PHOTO_TEXT_HEIGHT high by then, 16 here); at most
 * this many marks, and this many looked at on either side of each for its
 * nearest (a page of text has some 300-700; a hostile one of dots would
 * have millions, all in reach of each other). */
#define ACROSS_MAX_SIDE 75
#define ACROSS_MAX_MARKS 20000
#define ACROSS_MAX_REACH 256

static int cmp_int(const void *a, const void *b)
{
        int x = *(const int *)a, y = *(const int *)b;

        return (x > y) - (x < y);
}

/* A global Otsu threshold of an 8-bit image as 1 bpp; NULL on failure. */
static PIX *binarise_global(PIX *grey)
{
        PIX *bin = NULL;
        int w = pixGetWidth(grey), h = pixGetHeight(grey);

        /* One tile as large as the page: Otsu over the whole histogram. */
        if (pixOtsuAdaptiveThreshold(grey, w, h, 0, 0, 0.0f, NULL, &bin) != 0)
                return NULL;
        return bin;
}

/* Whether a connected component bw x bh is shaped like a character: not a
 * rule (too wide), not a thin stroke taller than eight times its width. */
static bool letter_shaped(int bw, int bh)
{
        return bw <= 3 * bh && bw * 8 >= bh;
}

int prep_text_height(PIX *grey)
{
        return prep_text_height_reduced(grey, NULL, NULL);
}

int prep_text_height_reduced(PIX *grey, PIX *half, PIX *quarter)
{
        PIX *small = NULL, *bin;
        BOXA *boxa;
        int *hs, n, k = 0, factor = 1, median = 0;

        /* Halving at most twice keeps 12 px text measurable at 3 px and
         * makes the cost of a 300 dpi page a few milliseconds. */
        while ((int64_t)pixGetWidth(grey) * pixGetHeight(grey) / ((int64_t)factor * factor) >
               PREP_MEASURE_PIXELS && factor < 4)
                factor *= 2;
        /* (leptonica's area map to a quarter is its halving twice) */
        if (factor == 4 && quarter)
                small = pixClone(quarter);
        else if (factor > 1 && half)
                small = factor == 2 ? pixClone(half) : pixScaleAreaMap2(half);
        else if (factor > 1)
                small = pixScaleAreaMap(grey, 1.0f / factor, 1.0f / factor);
        if (factor > 1 && !small)
                return 0;
        bin = binarise_global(small ? small : grey);
        pixDestroy(&small);
        if (!bin)
                return 0;
        boxa = pixConnCompBB(bin, 8);
        pixDestroy(&bin);
        if (!boxa)
                return 0;
        n = boxaGetCount(boxa);
        hs = malloc(sizeof(*hs) * (n > 0 ? n : 1));
        for (int i = 0; hs && i < n; i++) {
                int bx, by, bw, bh;

                boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh);
                /* Character-like: not specks, not rules, not pictures. */
                if (bh * factor >= 5 && bh * factor <= 150 && letter_shaped(bw, bh))
                        hs[k++] = bh * factor;
        }
        boxaDestroy(&boxa);
        if (hs && k >= 20) {
                qsort(hs, k, sizeof(*hs), cmp_int);
                median = hs[k / 2];
        }
        free(hs);
        return median;
}

BOXA *prep_letter_boxes(PIX *grey, int text_height)
{
        PIX *bin = text_height > 0 ? binarise_global(grey) : NULL;
        BOXA *all = bin ? pixConnCompBB(bin, 8) : NULL, *out = NULL;
        int n = all ? boxaGetCount(all) : 0;

        pixDestroy(&bin);
        out = all ? boxaCreate(n) : NULL;
        for (int i = 0; out && i < n; i++) {
                int bx, by, bw, bh;

                boxaGetBoxGeometry(all, i, &bx, &by, &bw, &bh);
                /* as prep_text_height()'s, and of about the text's size */
                if (2 * bh >= text_height && bh <= 2 * text_height && letter_shaped(bw, bh))
                        boxaAddBox(out, boxaGetBox(all, i, L_CLONE), L_INSERT);
        }
        boxaDestroy(&all);
        return out;
}

PIX *prep_scale(PIX *grey, double scale)
{
        /* Linear interpolation: smooth edges read better than replicated
         * pixels, and it is the cheapest smooth upscale leptonica has. */
        return pixScaleGrayLI(grey, (float)scale, (float)scale);
}

/* a[i] = min(a[i], b[i]) */
static void min_each(uint8_t *restrict a, const uint8_t *restrict b, size_t n)
{
        for (size_t i = 0; i < n; i++)
                a[i] = b[i] < a[i] ? b[i] : a[i];
}

static unsigned min2(unsigned a, unsigned b)
{
        return b < a ? b : a;
}

/* The least of each two neighbours of a word of grey (its pixels 0-1 and
 * 2-3; leptonica keeps pixel 0 in the top byte) ... */
static unsigned pairs_least(l_uint32 v)
{
        return min2(v >> 24, (v >> 16) & 0xff) << 8 | min2((v >> 8) & 0xff, v & 0xff);
}

/* ... and the least of its four. */
static unsigned word_least(l_uint32 v)
{
        unsigned p = pairs_least(v);

        return min2(p >> 8, p & 0xff);
}

/* o, a row of w pixels: each the least of two neighbours of m, or of four
 * (factor 2 or 4). */
static void row_least(l_uint32 *o, const l_uint32 *m, int w, int factor)
{
        int x = 0;

        if (factor == 4) {
                for (; x < w; x++)
                        SET_DATA_BYTE(o, x, word_least(m[x]));
                return;
        }
        /* four of o's pixels from two words of m */
        for (; x + 4 <= w; x += 4)
                o[x / 4] = pairs_least(m[x / 2]) << 16 | pairs_least(m[x / 2 + 1]);
        for (; x < w; x++)
                SET_DATA_BYTE(o, x, x % 2 ? pairs_least(m[x / 2]) & 0xff
                                          : pairs_least(m[x / 2]) >> 8);
}

PIX *prep_min_reduce(PIX *grey, int factor)
{
        int w, h, wpls;
        PIX *out;
        l_uint32 *m;

        if (!grey || pixGetDepth(grey) != 8 || pixGetColormap(grey) ||
            (factor != 2 && factor != 4))
                return NULL;
        w = pixGetWidth(grey) / factor;
        h = pixGetHeight(grey) / factor;
        wpls = pixGetWpl(grey);
        if (w < 1 || h < 1)
                return NULL;
        out = pixCreate(w, h, 8);
        m = out ? malloc(sizeof(*m) * wpls) : NULL;
        if (!m) {
                pixDestroy(&out);
                return NULL;
        }
        /* The rows' least first, byte by byte (the same byte of a word is
         * the same pixel in every row, whatever the byte order), then
         * along the row. */
        for (int y = 0; y < h; y++) {
                const l_uint32 *src = pixGetData(grey) + (size_t)y * factor * wpls;

                memcpy(m, src, sizeof(*m) * wpls);
                for (int k = 1; k < factor; k++)
                        min_each((uint8_t *)m, (const uint8_t *)(src + (size_t)k * wpls),
                                 sizeof(*m) * wpls);
                row_least(pixGetData(out) + (size_t)y * pixGetWpl(out), m, w, factor);
        }
        free(m);
        return out;
}

bool prep_find_skew(PIX *grey, int reduction, double *ret_degrees)
{
        float angle = 0.0f, conf = 0.0f;
        PIX *small = reduction > 1 ? prep_min_reduce(grey, reduction) : NULL;
        PIX *bin;
        int r;

        *ret_degrees = 0.0;
        /* Leptonica's search reduces its binary page by taking a pixel for
         * ink when any of its reduction x reduction block is: the same
         * pixels as the grey page's block minima thresholded, without the
         * binary page at full size (8 of the 10 ms of a search at 300 dpi). */
        if (small) {
                bin = pixThresholdToBinary(small, PREP_SKEW_THRESHOLD);
                pixDestroy(&small);
                reduction = 1;
        } else {
                bin = pixConvertTo1(grey, PREP_SKEW_THRESHOLD);
        }
        if (!bin)
                return false;
        /* Leptonica's own deskew search (pixFindSkewAndDeskew), without
         * its rotation: a sweep of +-7 degrees, then a binary search. */
        r = pixFindSkewSweepAndSearch(bin, &angle, &conf, reduction, reduction, 7.0f, 1.0f,
                                      0.01f);
        pixDestroy(&bin);
        if (r != 0 || conf < PREP_SKEW_MIN_CONF || fabsf(angle) < PREP_SKEW_MIN_DEGREES)
                return false;
        *ret_degrees = angle;
        return true;
}

/* out[i] = a[i] + (b[i] - a[i]) * f[i] / 256, rounded. */
static void lerp_each(uint8_t *restrict out, const uint8_t *restrict a,
                      const uint8_t *restrict b, const uint16_t *restrict f, int n)
{
        for (int i = 0; i < n; i++)
                out[i] = (uint8_t)((a[i] * (256 - f[i]) + b[i] * f[i] + 128) >> 8);
}

/* out[i] = a[i] + (a[i + 1] - a[i]) * f / 256, rounded. */
static void lerp_next(uint8_t *restrict out, const uint8_t *restrict a, unsigned f, int n)
{
        unsigned g = 256 - f;

        for (int i = 0; i < n; i++)
                out[i] = (uint8_t)((a[i] * g + a[i + 1] * f + 128) >> 8);
}

/* Splits a shift in pixels into its floor and the rest in 256ths. */
static int split_shift(double v, uint16_t *frac)
{
        double fl = floor(v);
        long fr = lround((v - fl) * 256.0);

        *frac = fr == 256 ? 0 : (uint16_t)fr;
        return (int)fl + (fr == 256);
}

/* grey turned `degrees` about its centre by two shears, each interpolating
 * linearly between neighbours: first each row slides sideways, then each
 * column up or down. For the few degrees of a skewed scan this differs
 * from a true rotation by a stretch under 0.1%, and costs a third of
 * leptonica's area-map rotation (its shear rotations are as cheap but
 * step the strokes, which cost generated scans 2 points of fields). */
static PIX *rotate_by_shears(PIX *grey, double degrees)
{
        int w = pixGetWidth(grey), h = pixGetHeight(grey), wpls = pixGetWpl(grey), wplo;
        double s = sin(degrees * M_PI / 180.0), xc = w / 2.0, yc = h / 2.0;
        /* Shifts reach |s| h / 2 columns and |s| w / 2 rows: white margins
         * that wide spare the loops any bounds test. */
        int pad = (int)ceil(fabs(s) * h / 2.0) + 2, margin = (int)ceil(fabs(s) * w / 2.0) + 2;
        size_t row_len = 4 * (size_t)wpls + 2 * (size_t)pad + 1;
        uint8_t *sheared = malloc((size_t)w * (h + 2 * margin)), *row = malloc(row_len);
        uint16_t *frac = malloc(sizeof(*frac) * w);
        int *shift = malloc(sizeof(*shift) * w), *run_end = malloc(sizeof(*run_end) * w);
        PIX *out = pixCreateNoInit(w, h, 8), *bytes = pixEndianByteSwapNew(grey);

        if (!sheared || !row || !frac || !shift || !run_end || !out || !bytes) {
                pixDestroy(&out);
                goto done;
        }
        wplo = pixGetWpl(out);
        memset(row, 255, row_len);
        memset(sheared, 255, (size_t)w * margin);
        memset(sheared + (size_t)w * (h + margin), 255, (size_t)w * margin);
        /* Row y takes its pixels from x + (y - yc) s. */
        /* Row by row in pixel order: leptonica keeps the first pixel of
         * each word in its top byte, which on a little-endian machine
         * comes last in memory (swapped back at the end). */
        for (int y = 0; y < h; y++) {
                const l_uint32 *src = pixGetData(bytes) + (size_t)y * wpls;
                uint16_t f;
                int k = split_shift((y - yc) * s, &f);

                memcpy(row + pad, src, 4 * (size_t)wpls);
                memset(row + pad + w, 255, row_len - pad - w);
                lerp_next(sheared + (size_t)(y + margin) * w, row + pad + k, f, w);
        }
        /* Column x takes its pixels from y - (x - xc) s; runs of columns
         * sharing the whole part of the shift go together (run_end[x]:
         * where the run that starts at x ends, found once for all rows). */
        for (int x = 0; x < w; x++)
                shift[x] = split_shift(-(x - xc) * s, &frac[x]);
        for (int x = w - 1; x >= 0; x--)
                run_end[x] = x + 1 < w && shift[x + 1] == shift[x] ? run_end[x + 1] : x + 1;
        for (int y = 0; y < h; y++) {
                uint8_t *o = (uint8_t *)(pixGetData(out) + (size_t)y * wplo);

                for (int x = 0; x < w; x = run_end[x]) {
                        const uint8_t *a = sheared + (size_t)(y + margin + shift[x]) * w;

                        lerp_each(o + x, a + x, a + w + x, frac + x, run_end[x] - x);
                }
                memset(o + w, 255, 4 * (size_t)wplo - w);
        }
        /* Bytes were written in memory order: back to leptonica's. */
        pixEndianByteSwap(out);
        pixCopyResolution(out, grey);
done:
        free(sheared);
        free(row);
        free(frac);
        free(shift);
        free(run_end);
        pixDestroy(&bytes);
        return out;
}

PIX *prep_deskew(PIX *grey, double degrees)
{
        /* Beyond a couple of degrees the shears' stretch grows with the
         * square of the angle: rotate properly there. */
        if (fabs(degrees) > PREP_SHEAR_MAX_DEGREES)
                return pixRotateAMGray(grey, (float)(degrees * M_PI / 180.0), 255);
        return rotate_by_shears(grey, degrees);
}

bool prep_low_contrast(PIX *grey)
{
        NUMA *hist;
        l_float32 *v;
        double total = 0, acc = 0;
        int n, lo = -1, hi = -1;

        hist = pixGetGrayHistogram(grey, pixGetWidth(grey) > 2000 ? 4 : 2);
        if (!hist)
                return false;
        v = numaGetFArray(hist, L_NOCOPY);
        n = numaGetCount(hist);
        for (int i = 0; i < n; i++)
                total += v[i];
        /* The ink is a few percent of a page: its darkest 2% against the
         * paper's median. */
        for (int i = 0; i < n && total > 0; i++) {
                acc += v[i];
                if (lo < 0 && acc >= 0.02 * total)
                        lo = i;
                if (hi < 0 && acc >= 0.5 * total)
                        hi = i;
        }
        numaDestroy(&hist);
        return lo >= 0 && hi >= 0 && hi - lo < 110;
}

PIX *prep_contrast(PIX *grey)
{
        PIX *norm, *out;

        /* Local normalisation of the background and the ink range, then
         * back to grey; Tesseract's own Otsu does the rest. */
        norm = pixContrastNorm(NULL, grey, 100, 100, 55, 1, 1);
        if (!norm)
                return NULL;
        out = pixBackgroundNormSimple(norm, NULL, NULL);
        pixDestroy(&norm);
        return out;
}

PIX *prep_sauvola(PIX *grey)
{
        PIX *bin = NULL;

        if (pixSauvolaBinarizeTiled(grey, 12, 0.34f, 1, 1, NULL, &bin) != 0)
                return NULL;
        return bin;
}

PIX *prep_thicken(PIX *grey)
{
        return pixErodeGray(grey, 3, 3);
}

PIX *prep_rotate(PIX *grey, int degrees)
{
        int quads = ((degrees % 360) + 360) % 360 / 90;

        return pixRotateOrth(grey, quads);
}

/* Ruling: a table's grid, rules joined to at least one vertical rule (a
 * lone rule, as over a total, is left: whitening those too won 2 more
 * line items of 420 on the generated scans and lost 3 fields). A rule is
 * a horizontal run of ink at least this share of the page's width,
 * or a vertical one at least RULE_MIN_TEXT_HEIGHTS text heights and this
 * share of its height (no letter, not even a title's, is that tall) ... */
#define RULE_MIN_WIDTH_SHARE 0.2
#define RULE_MIN_HEIGHT_SHARE 0.03
#define RULE_MIN_TEXT_HEIGHTS 4
/* ... whose pixels are darker than the pixels RULE_REACH (half-size)
 * pixels away on either side across it, by at least a quarter of the
 * page's contrast and RULE_MIN_CONTRAST grey levels: a rule is thin and
 * lies on paper (shading, which lies under text, is level across and is
 * left alone; so is text, whose strokes make no long runs). */
#define RULE_REACH 3
#define RULE_MIN_CONTRAST 25
/* Gaps of a rule's ink shorter than this (quarter-size) pixels are bridged. */
#define RULE_GAP 2
/* ... and down a page, at half size. */
#define RULE_VGAP 3

/* A quarter of the way from grey's paper (its median) to its ink (its
 * darkest 2%), at least RULE_MIN_CONTRAST. */
static int rule_contrast(PIX *grey)
{
        l_uint32 ink = 0, paper = 255;

        if (pixGetRankValue(grey, 4, 0.02f, &ink) != 0 ||
            pixGetRankValue(grey, 4, 0.5f, &paper) != 0 || paper < ink)
                return RULE_MIN_CONTRAST;
        return (int)fmax(RULE_MIN_CONTRAST, (paper - ink) / 4.0);
}

/* The pixels of `half` (8 bpp) that could be a horizontal rule's (*hor:
 * darker than those above and below) or a vertical one's (*ver), as 1 bpp.
 * False on failure. */
static bool rule_ink(PIX *half, int contrast, PIX **hor, PIX **ver)
{
        int w = pixGetWidth(half), h = pixGetHeight(half), wpl = pixGetWpl(half), d = RULE_REACH;
        l_uint32 *data = pixGetData(half), *hd, *vd;
        int wplb;

        *hor = pixCreate(w, h, 1);
        *ver = pixCreate(w, h, 1);
        if (!*hor || !*ver) {
                pixDestroy(hor);
                pixDestroy(ver);
                return false;
        }
        hd = pixGetData(*hor);
        vd = pixGetData(*ver);
        wplb = pixGetWpl(*hor);
        for (int y = d; y < h - d; y++) {
                const l_uint32 *up = data + (size_t)(y - d) * wpl, *mid = data + (size_t)y * wpl,
                               *down = data + (size_t)(y + d) * wpl;
                l_uint32 *hl = hd + (size_t)y * wplb, *vl = vd + (size_t)y * wplb;

                for (int x = d; x < w - d; x++) {
                        int p = (int)GET_DATA_BYTE(mid, x) + contrast;

                        if (p > 255)
                                continue;  /* paper */
                        if (p <= (int)GET_DATA_BYTE(up, x) && p <= (int)GET_DATA_BYTE(down, x))
                                SET_DATA_BIT(hl, x);
                        if (p <= (int)GET_DATA_BYTE(mid, x - d) &&
                            p <= (int)GET_DATA_BYTE(mid, x + d))
                                SET_DATA_BIT(vl, x);
                }
        }
        return true;
}

/* The runs at least `len` long in ink (1 bpp), one way, found at half
 * ink's size (each pixel ink when any of its four is); NULL on failure. */
static PIX *long_runs(PIX *ink, bool horizontal, int len)
{
        PIX *small, *runs;

        /* A light rule's pixels that the scan's noise lifted are bridged;
         * down a page only the shortest gaps, as the same letter in lines
         * above one another (the l of repeated descriptions) would join. */
        if (!horizontal)
                pixCloseBrick(ink, ink, 1, RULE_VGAP);
        small = pixReduceRankBinary2(ink, 1, NULL);
        if (!small)
                return NULL;
        if (horizontal)
                pixCloseBrick(small, small, RULE_GAP, 1);
        /* Composite bricks: the same opening at a fraction of the cost of
         * a plain brick this long. */
        runs = horizontal ? pixOpenCompBrick(NULL, small, len, 1)
                          : pixOpenCompBrick(NULL, small, 1, len);
        pixDestroy(&small);
        return runs;
}

PIX *prep_remove_rules(PIX *grey, int text_height)
{
        int w = pixGetWidth(grey), h = pixGetHeight(grey), empty = 1, n;
        /* Rule pixels are told at half size (each pixel the darkest of its
         * four, where a rule of 1-2 px still shows whole), their runs at a
         * quarter: a fraction of the cost of the page's own size. */
        int lh = (int)(w * RULE_MIN_WIDTH_SHARE / 4);
        int lv = (int)(fmax(h * RULE_MIN_HEIGHT_SHARE, RULE_MIN_TEXT_HEIGHTS * text_height) / 4);
        PIX *half, *hink = NULL, *vink = NULL, *runs = NULL, *vruns = NULL, *rules = NULL;
        PIX *out = NULL;
        BOXA *boxa = NULL;

        if (text_height <= 0 || lh < 2 || lv < 2)
                return NULL;
        half = prep_min_reduce(grey, 2);
        if (half && rule_ink(half, rule_contrast(half), &hink, &vink)) {
                runs = long_runs(hink, true, lh);
                vruns = long_runs(vink, false, lv);
        }
        pixDestroy(&half);
        if (!runs || !vruns || pixZero(vruns, &empty) != 0 || empty ||
            !pixOr(runs, runs, vruns))
                goto done;
        /* The rules' own pixels at half size: the ink under the runs. */
        rules = pixExpandReplicate(runs, 2);
        if (!rules || !pixOr(hink, hink, vink) || !pixAnd(rules, rules, hink))
                goto done;
        boxa = pixConnCompBB(runs, 8);
        n = boxa ? boxaGetCount(boxa) : 0;
        out = pixGetRefcount(grey) == 1 ? pixClone(grey) : pixCopy(NULL, grey);
        /* Each grid at full size, a pixel wider all round for
         * the grey fringe, painted white (on grey paper too: painted
         * the paper's grey, the generated scans lost 2 tables). */
        for (int i = 0; out && i < n; i++) {
                int x, y, bw, bh;
                BOX *b = NULL, *q = boxaGetBox(boxa, i, L_CLONE);
                PIX *part = NULL, *full = NULL, *framed = NULL, *wide = NULL;

                PIX *vpart = q ? pixClipRectangle(vruns, q, NULL) : NULL;
                int novert = 1;

                if (vpart)
                        pixZero(vpart, &novert);
                pixDestroy(&vpart);
                if (!novert && q && boxGetGeometry(q, &x, &y, &bw, &bh) == 0 &&
                    (b = boxCreate(2 * x, 2 * y, 2 * bw, 2 * bh)) &&
                    (part = pixClipRectangle(rules, b, NULL)) &&
                    (full = pixExpandReplicate(part, 2)) && (framed = pixAddBorder(full, 1, 0)) &&
                    (wide = pixDilateBrick(NULL, framed, 3, 3)))
                        pixSetMaskedGeneral(out, wide, 255, 4 * x - 1, 4 * y - 1);
                boxDestroy(&q);
                boxDestroy(&b);
                pixDestroy(&part);
                pixDestroy(&full);
                pixDestroy(&framed);
                pixDestroy(&wide);
        }
done:
        boxaDestroy(&boxa);
        pixDestroy(&hink);
        pixDestroy(&vink);
        pixDestroy(&runs);
        pixDestroy(&vruns);
        pixDestroy(&rules);
        return out;
}

/* Dark bands: told at half size, where a pixel darker than DARK_LEVEL is
 * dark; a region of dark pixels joined (8-connected) is a band when its
 * box is at least DARK_MIN_HEIGHT text heights high and DARK_MIN_WIDTH
 * wide and at least DARK_MIN_FILL of it is dark: white letters on a dark
 * heading leave most of it dark, while dark letters, a table's grid or a
 * logo's outline fill little of their boxes. */
#define DARK_LEVEL 110
#define DARK_MIN_HEIGHT 1.5
#define DARK_MIN_WIDTH 4.0
#define DARK_MIN_FILL 0.55
/* Its letters are at least this much lighter than its ground (its median):
 * else it holds none to read. */
#define DARK_MIN_CONTRAST 40

/* The band whose dark pixels at half size are `mask` (1 bpp, the band's
 * box at half size, its holes — the letters — filled), at (x, y) in out
 * at full size, turned dark on light: its ground becomes white and its
 * letters (its lightest pixels) black, the grey levels between stretched;
 * pixels of the box outside the band (the paper beside a tilted band's
 * edge) are left. */
static void invert_band(PIX *out, PIX *mask, int x, int y)
{
        int bw = 2 * pixGetWidth(mask), bh = 2 * pixGetHeight(mask);
        int w = pixGetWidth(out), h = pixGetHeight(out), wpl = pixGetWpl(out);
        int mwpl = pixGetWpl(mask);
        l_uint32 *data = pixGetData(out), *mdata = pixGetData(mask);
        l_uint32 ground = 0, letters = 255;
        BOX *box = boxCreate(x, y, bw, bh);
        PIX *clip = box ? pixClipRectangle(out, box, NULL) : NULL;
        uint8_t lut[256];

        boxDestroy(&box);
        if (!clip || pixGetRankValue(clip, 1, 0.5f, &ground) != 0 ||
            pixGetRankValue(clip, 1, 0.97f, &letters) != 0 ||
            (int)letters - (int)ground < DARK_MIN_CONTRAST) {
                pixDestroy(&clip);
                return;
        }
        pixDestroy(&clip);
        for (int v = 0; v < 256; v++) {
                int t = ((int)letters - v) * 255 / ((int)letters - (int)ground);

                lut[v] = (uint8_t)(t < 0 ? 0 : t > 255 ? 255 : t);
        }
        for (int j = 0; j < bh && y + j < h; j++) {
                const l_uint32 *ml = mdata + (size_t)(j / 2) * mwpl;
                l_uint32 *line = data + (size_t)(y + j) * wpl;

                for (int i = 0; i < bw && x + i < w; i++)
                        if (GET_DATA_BIT(ml, i / 2))
                                SET_DATA_BYTE(line, x + i,
                                              lut[GET_DATA_BYTE(line, x + i)]);
        }
}

PIX *prep_invert_dark(PIX *grey, PIX *given_half, int text_height)
{
        PIX *half, *bin = NULL, *out = NULL;
        BOXA *boxa = NULL;
        int n;

        if (text_height <= 0 || pixGetDepth(grey) != 8 || pixGetColormap(grey))
                return NULL;
        half = given_half ? pixClone(given_half) : pixScaleAreaMap2(grey);
        if (half)
                bin = pixThresholdToBinary(half, DARK_LEVEL);
        pixDestroy(&half);
        if (bin)
                boxa = pixConnCompBB(bin, 8);
        n = boxa ? boxaGetCount(boxa) : 0;
        for (int i = 0; i < n; i++) {
                int x, y, bw, bh;
                l_int32 dark = 0;
                BOX *b = boxaGetBox(boxa, i, L_CLONE);
                PIX *part = NULL, *filled = NULL;

                if (b && boxGetGeometry(b, &x, &y, &bw, &bh) == 0 &&
                    2 * bh >= DARK_MIN_HEIGHT * text_height &&
                    2 * bw >= DARK_MIN_WIDTH * text_height &&
                    (part = pixClipRectangle(bin, b, NULL)) &&
                    pixCountPixels(part, &dark, NULL) == 0 &&
                    dark >= DARK_MIN_FILL * bw * bh &&
                    (filled = pixFillClosedBorders(part, 4))) {
                        if (!out)
                                out = pixGetRefcount(grey) == 1 ? pixClone(grey)
                                                                : pixCopy(NULL, grey);
                        if (out)
                                invert_band(out, filled, 2 * x, 2 * y);
                }
                boxDestroy(&b);
                pixDestroy(&part);
                pixDestroy(&filled);
        }
        boxaDestroy(&boxa);
        pixDestroy(&bin);
        return out;
}

/* Photos: an image at least this large whose edges are darker than its
 * middle is taken for paper lying on something (a phone photo), not a
 * scan. The search runs on the image reduced to PAPER_SEARCH_SIDE pixels
 * on its long side. */
#define PAPER_MIN_PIXELS 3000000
#define PAPER_SEARCH_SIDE 800
/* The paper must be this much lighter than what it lies on (grey levels),
 * cover this share of the image at least, and leave its edges mostly. */
#define PAPER_MIN_CONTRAST 40
/* prep_paper_possible's allowance for its own reduction of the image (a
 * quarter, not PAPER_SEARCH_SIDE): medians of the same pixels averaged a
 * little differently, a few grey levels apart at most. */
#define PAPER_HINT_SLACK 15
#define PAPER_MIN_SHARE 0.08
#define PAPER_MAX_SHARE 0.92
/* A pixel is paper when it is at least PAPER_MIN_RATIO as light as the
 * lightest pixel within PAPER_REACH (search pixels) around it: light falls
 * off and shadows lie across a photo, but they multiply paper and table
 * alike, so paper stays the lighter by the same ratio (a global threshold
 * lost the shadowed corners of 2 in 12 dev photos, and their perspective
 * was undone wrongly). The table within reach of the paper's edge is far
 * darker than that paper: a ring that parts the paper from the table
 * further off (which passes the test against its own lightest pixels). */
#define PAPER_REACH 40
#define PAPER_MIN_RATIO 0.6

/* The median grey of the outermost 3% of small (8 bpp) all round, and of
 * its middle half. */
static void ring_and_middle(PIX *small, int *ret_ring, int *ret_mid)
{
        int w = pixGetWidth(small), h = pixGetHeight(small), m = (int)fmax(2, 0.03 * fmin(w, h));
        l_uint32 mid = 0;
        l_float32 ring = 255;
        PIX *mask = pixCreate(w, h, 1);
        BOX *inner = boxCreate(w / 4, h / 4, w / 2, h / 2), *hole = boxCreate(m, m, w - 2 * m,
                                                                             h - 2 * m);
        PIX *middle = inner ? pixClipRectangle(small, inner, NULL) : NULL;

        if (mask && hole) {
                pixSetAll(mask);
                pixClearInRect(mask, hole);
                pixGetRankValueMasked(small, mask, 0, 0, 1, 0.5f, &ring, NULL);
        }
        if (middle)
                pixGetRankValue(middle, 1, 0.5f, &mid);
        *ret_ring = (int)ring;
        *ret_mid = (int)mid;
        pixDestroy(&mask);
        pixDestroy(&middle);
        boxDestroy(&inner);
        boxDestroy(&hole);
}

/* small's pixels (8 bpp) at least PAPER_MIN_RATIO as light as the
 * lightest within PAPER_REACH, as 1 bpp; NULL on failure. */
static PIX *paper_like(PIX *small)
{
        int w = pixGetWidth(small), h = pixGetHeight(small), wpl = pixGetWpl(small);
        PIX *lightest = pixDilateGray(small, 2 * PAPER_REACH + 1, 2 * PAPER_REACH + 1);
        PIX *out = lightest ? pixCreate(w, h, 1) : NULL;

        for (int y = 0; out && y < h; y++) {
                const l_uint32 *a = pixGetData(small) + (size_t)y * wpl;
                const l_uint32 *b = pixGetData(lightest) + (size_t)y * wpl;
                l_uint32 *o = pixGetData(out) + (size_t)y * pixGetWpl(out);

                for (int x = 0; x < w; x++)
                        if (GET_DATA_BYTE(a, x) >= PAPER_MIN_RATIO * GET_DATA_BYTE(b, x))
                                SET_DATA_BIT(o, x);
        }
        pixDestroy(&lightest);
        return out;
}

/* How many of comp's pixels (its box at bx, by in a w x h image) lie in
 * the image's middle half. */
static int middle_pixels(PIX *comp, int bx, int by, int w, int h)
{
        BOX *mid = boxCreate(w / 4 - bx, h / 4 - by, w / 2, h / 2);
        PIX *part = mid ? pixClipRectangle(comp, mid, NULL) : NULL;
        int count = 0;

        if (part)
                pixCountPixels(part, &count, NULL);
        pixDestroy(&part);
        boxDestroy(&mid);
        return count;
}

/* The four corners (top left, top right, bottom right, bottom left, in
 * small's pixels) of the paper: of the regions of paper-like pixels, the
 * one with most pixels in the middle of the image; false when there is
 * none that looks like paper. */
static bool paper_corners(PIX *small, double ret_x[4], double ret_y[4])
{
        int w = pixGetWidth(small), h = pixGetHeight(small), best = -1, n, most = 0, count = 0;
        PIX *light = paper_like(small), *comp = NULL;
        PIXA *pixa = NULL;
        BOXA *boxa = NULL;
        int bx, by, bw, bh;
        double s_min = 1e18, s_max = -1e18, d_min = 1e18, d_max = -1e18;
        bool ok = false;

        if (!light)
                return false;
        /* Print on the paper is closed over; thin bridges to other light
         * things on the table are cut. */
        pixCloseBrick(light, light, 9, 9);
        pixOpenBrick(light, light, 5, 5);
        boxa = pixConnComp(light, &pixa, 8);
        n = boxa ? boxaGetCount(boxa) : 0;
        for (int i = 0; i < n; i++) {
                PIX *p = pixaGetPix(pixa, i, L_CLONE);
                int m;

                if (p && boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh) == 0 &&
                    (m = middle_pixels(p, bx, by, w, h)) > most) {
                        most = m;
                        best = i;
                }
                pixDestroy(&p);
        }
        if (best < 0)
                goto done;
        comp = pixaGetPix(pixa, best, L_CLONE);
        if (!comp || pixCountPixels(comp, &count, NULL) != 0 ||
            count < PAPER_MIN_SHARE * w * h || count > PAPER_MAX_SHARE * w * h)
                goto done;
        boxaGetBoxGeometry(boxa, best, &bx, &by, &bw, &bh);
        /* Corners as the extremes of x + y and x - y: the paper is turned
         * a few degrees at most (a quarter turn is OSD's). */
        for (int y = 0; y < bh; y++) {
                l_uint32 *line = pixGetData(comp) + (size_t)y * pixGetWpl(comp);

                for (int x = 0; x < bw; x++) {
                        double s, d;

                        if (!GET_DATA_BIT(line, x))
                                continue;
                        s = (x + bx) + (y + by);
                        d = (x + bx) - (y + by);
                        if (s < s_min) { s_min = s; ret_x[0] = x + bx; ret_y[0] = y + by; }
                        if (d > d_max) { d_max = d; ret_x[1] = x + bx + 1; ret_y[1] = y + by; }
                        if (s > s_max) { s_max = s; ret_x[2] = x + bx + 1; ret_y[2] = y + by + 1; }
                        if (d < d_min) { d_min = d; ret_x[3] = x + bx; ret_y[3] = y + by + 1; }
                }
        }
        ok = true;
done:
        pixDestroy(&comp);
        pixDestroy(&light);
        pixaDestroy(&pixa);
        boxaDestroy(&boxa);
        return ok;
}

bool prep_paper_possible(PIX *small)
{
        int ring, mid;

        if (!small || pixGetDepth(small) != 8 || pixGetColormap(small))
                return true;
        ring_and_middle(small, &ring, &mid);
        return mid - ring >= PAPER_MIN_CONTRAST - PAPER_HINT_SLACK;
}

static double dist(double x0, double y0, double x1, double y1)
{
        return hypot(x1 - x0, y1 - y0);
}

PIX *prep_flatten_paper(PIX *grey, double text_scale_cap)
{
        int w = pixGetWidth(grey), h = pixGetHeight(grey), ring, mid, th, ow, oh;
        double f = (double)PAPER_SEARCH_SIDE / fmax(w, h), x[4] = { 0 }, y[4] = { 0 }, pw, ph, s = 1.0;
        PIX *small, *clip = NULL, *scaled = NULL, *flat = NULL, *out = NULL;
        PTA *src = NULL, *dst = NULL;
        BOX *box = NULL;
        l_int32 cx0, cy0, cx1, cy1;

        if ((int64_t)w * h < PAPER_MIN_PIXELS || f >= 1.0)
                return NULL;
        small = pixScaleAreaMap(grey, (float)f, (float)f);
        if (!small)
                return NULL;
        ring_and_middle(small, &ring, &mid);
        if (mid - ring < PAPER_MIN_CONTRAST || !paper_corners(small, x, y)) {
                pixDestroy(&small);
                return NULL;
        }
        pixDestroy(&small);
        for (int i = 0; i < 4; i++) {
                x[i] /= f;
                y[i] /= f;
        }
        /* The flattened paper's size: its edges' mean lengths. */
        pw = (dist(x[0], y[0], x[1], y[1]) + dist(x[3], y[3], x[2], y[2])) / 2;
        ph = (dist(x[0], y[0], x[3], y[3]) + dist(x[1], y[1], x[2], y[2])) / 2;
        if (pw < 0.1 * w || ph < 0.1 * h)
                return NULL;
        /* Only the paper's bounding box is worked on; shrunk first when its
         * text is larger than OCR needs. */
        cx0 = (l_int32)fmax(0, floor(fmin(x[0], x[3])));
        cy0 = (l_int32)fmax(0, floor(fmin(y[0], y[1])));
        cx1 = (l_int32)fmin(w, ceil(fmax(x[1], x[2])));
        cy1 = (l_int32)fmin(h, ceil(fmax(y[2], y[3])));
        box = boxCreate(cx0, cy0, cx1 - cx0, cy1 - cy0);
        clip = box ? pixClipRectangle(grey, box, NULL) : NULL;
        boxDestroy(&box);
        if (!clip)
                return NULL;
        th = prep_text_height(clip);
        if (th > 0 && text_scale_cap > 0 && th > text_scale_cap)
                s = text_scale_cap / th;
        if (s < 0.95 && (scaled = pixScaleAreaMap(clip, (float)s, (float)s))) {
                pixDestroy(&clip);
                clip = scaled;
        } else {
                s = 1.0;
        }
        ow = (int)lround(pw * s);
        oh = (int)lround(ph * s);
        src = ptaCreate(4);
        dst = ptaCreate(4);
        if (src && dst) {
                double tx[4] = { 0, ow, ow, 0 }, ty[4] = { 0, 0, oh, oh };

                for (int i = 0; i < 4; i++) {
                        ptaAddPt(src, (float)((x[i] - cx0) * s), (float)((y[i] - cy0) * s));
                        ptaAddPt(dst, (float)tx[i], (float)ty[i]);
                }
                /* The output is the input's size: the paper lands in its
                 * top left corner, the rest is cut off. */
                if (ow <= pixGetWidth(clip) && oh <= pixGetHeight(clip))
                        flat = pixProjectivePtaGray(clip, dst, src, 255);
        }
        if (flat && (box = boxCreate(0, 0, ow, oh))) {
                out = pixClipRectangle(flat, box, NULL);
                boxDestroy(&box);
        }
        ptaDestroy(&src);
        ptaDestroy(&dst);
        pixDestroy(&clip);
        pixDestroy(&flat);
        return out;
}

PIX *prep_even_light(PIX *grey)
{
        /* The paper's own brightness, tile by tile, brought to one level:
         * shadows and a light falling off across the page are levelled. */
        /* Tiles wider than a letter (text is at most PHOTO_TEXT_HEIGHT by
         * now), so that none lies wholly on ink and none is made paper. */
        return pixBackgroundNorm(grey, NULL, NULL, 64, 64, 100, 64 * 64 / 4, 230, 2, 2);
}

PIX *prep_dewarp(PIX *grey)
{
        PIX *out = NULL;
        L_DEWARPA *dewa = NULL;

        /* Leptonica's one-page dewarping: a model of the text lines'
         * curvature (vertical disparity only: a receipt bends one way),
         * from a binarisation at grey level 120, applied to grey. */
        if (dewarpSinglePage(grey, 120, 1, 0, 0, &out, &dewa, 0) != 0)
                out = NULL;
        dewarpaDestroy(&dewa);
        if (out == grey) /* no model: leptonica hands back a copy or pixs */
                pixDestroy(&out);
        return out;
}

/* A mark's centre, for prep_letters_across. */
struct centre {
        double x, y;
};

static int cmp_centre_x(const void *a, const void *b)
{
        double x = ((const struct centre *)a)->x, y = ((const struct centre *)b)->x;

        return (x > y) - (x < y);
}

double prep_letters_across(PIX *grey, int *ret_letters)
{
        PIX *half = pixScaleAreaMap2(grey), *bin = half ? binarise_global(half) : NULL;
        BOXA *boxa = bin ? pixConnCompBB(bin, 8) : NULL;
        int n = boxa ? boxaGetCount(boxa) : 0, k = 0, across = 0;
        struct centre *c = malloc(sizeof(*c) * (n > 0 ? n : 1));

        pixDestroy(&bin);
        pixDestroy(&half);
        for (int i = 0; c && i < n && k < ACROSS_MAX_MARKS; i++) {
                int bx, by, bw, bh;

                boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh);
                /* letters either way up (at half size): neither specks,
                 * nor rules, nor pictures */
                if (bw >= 3 && bh >= 3 && bw <= ACROSS_MAX_SIDE && bh <= ACROSS_MAX_SIDE &&
                    bw <= 3 * bh && bh <= 3 * bw)
                        c[k++] = (struct centre){ bx + bw / 2.0, by + bh / 2.0 };
        }
        boxaDestroy(&boxa);
        if (c)
                qsort(c, k, sizeof(*c), cmp_centre_x);
        /* each mark's nearest: outwards in x until x alone is farther */
        for (int i = 0; c && i < k; i++) {
                double best = INFINITY, bdx = 0, bdy = 0;

                for (int d = -1; d <= 1; d += 2)
                        for (int j = i + d; j >= 0 && j < k && abs(j - i) <= ACROSS_MAX_REACH;
                             j += d) {
                                double dx = c[j].x - c[i].x, dy = c[j].y - c[i].y;

                                if (dx * dx >= best)
                                        break;
                                if (dx * dx + dy * dy < best) {
                                        best = dx * dx + dy * dy;
                                        bdx = fabs(dx);
                                        bdy = fabs(dy);
                                }
                        }
                across += bdx > bdy;
        }
        free(c);
        *ret_letters = k;
        return k > 0 ? (double)across / k : 0;
}
