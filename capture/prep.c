/* prep.c: leptonica steps that ready a grey page for Tesseract — text
 * height for upscaling, deskew, contrast for faint scans, quarter turns. */
#include <math.h>
#include <stdlib.h>

#include "capture/capture-int.h"

/* Text-height estimation looks at no more pixels than this (it reduces). */
#define PREP_MEASURE_PIXELS 1500000

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

int prep_text_height(PIX *grey)
{
        PIX *small = NULL, *bin;
        BOXA *boxa;
        int *hs, n, k = 0, factor = 1, median = 0;

        /* Halving at most twice keeps 12 px text measurable at 3 px and
         * makes the cost of a 300 dpi page a few milliseconds. */
        while ((int64_t)pixGetWidth(grey) * pixGetHeight(grey) / ((int64_t)factor * factor) >
               PREP_MEASURE_PIXELS && factor < 4)
                factor *= 2;
        if (factor > 1) {
                small = pixScaleAreaMap(grey, 1.0f / factor, 1.0f / factor);
                if (!small)
                        return 0;
        }
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
                if (bh * factor >= 5 && bh * factor <= 150 && bw <= 3 * bh && bw * 8 >= bh)
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

PIX *prep_scale(PIX *grey, double scale)
{
        /* Linear interpolation: smooth edges read better than replicated
         * pixels, and it is the cheapest smooth upscale leptonica has. */
        return pixScaleGrayLI(grey, (float)scale, (float)scale);
}

PIX *prep_deskew(PIX *grey, double *ret_angle)
{
        float angle = 0.0f, conf = 0.0f;
        PIX *out;

        /* Leptonica only rotates when it is confident; otherwise a clone.
         * Searching at 1/4 size is as good as 1/2 here and half the cost. */
        out = pixFindSkewAndDeskew(grey, 4, &angle, &conf);
        if (ret_angle)
                *ret_angle = angle;
        return out;
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

PIX *prep_rotate(PIX *grey, int degrees)
{
        int quads = ((degrees % 360) + 360) % 360 / 90;

        return pixRotateOrth(grey, quads);
}
