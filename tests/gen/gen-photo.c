/* gen-photo.c: the page as a phone photographs it — the paper, slightly
 * curled, lying on a darker grained table, seen in perspective and turned,
 * under light falling off to one side and the soft shadow of a hand, a
 * little out of focus, with sensor noise, some of them taken sideways. All
 * from the seed; the same steps as scripts/photoize.py (which photographs
 * any scan), written here so that the generator's documents come as photos
 * with their truth, in every language, without Python. */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "gen.h"

/* The photo: portrait 3:4 at this many pixels (a 12 Mpx phone). */
#define PHOTO_PIXELS 12e6

/* A 3x3 projective map, row-major, h[8] = 1. */
struct homography {
        double h[9];
};

/* The map taking each from[i] to to[i] (four pairs); false if degenerate. */
static bool homography_solve(const double from[4][2], const double to[4][2],
                             struct homography *ret)
{
        double m[8][9];

        for (int i = 0; i < 4; i++) {
                double x = from[i][0], y = from[i][1], u = to[i][0], v = to[i][1];
                double r0[9] = { x, y, 1, 0, 0, 0, -u * x, -u * y, u };
                double r1[9] = { 0, 0, 0, x, y, 1, -v * x, -v * y, v };

                memcpy(m[2 * i], r0, sizeof(r0));
                memcpy(m[2 * i + 1], r1, sizeof(r1));
        }
        /* Gaussian elimination with partial pivoting. */
        for (int c = 0; c < 8; c++) {
                int p = c;

                for (int r = c + 1; r < 8; r++)
                        if (fabs(m[r][c]) > fabs(m[p][c]))
                                p = r;
                if (fabs(m[p][c]) < 1e-12)
                        return false;
                if (p != c)
                        for (int k = 0; k < 9; k++) {
                                double t = m[c][k];

                                m[c][k] = m[p][k];
                                m[p][k] = t;
                        }
                for (int r = 0; r < 8; r++) {
                        double f = m[r][c] / m[c][c];

                        if (r == c || f == 0)
                                continue;
                        for (int k = c; k < 9; k++)
                                m[r][k] -= f * m[c][k];
                }
        }
        for (int i = 0; i < 8; i++)
                ret->h[i] = m[i][8] / m[i][i];
        ret->h[8] = 1;
        return true;
}

/* Grey of g (w x h) at (x, y), bilinear; -1 outside. */
static double sample(const guint8 *g, int w, int h, double x, double y)
{
        int x0 = (int)floor(x), y0 = (int)floor(y);
        double fx = x - x0, fy = y - y0;

        if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h)
                return -1;
        {
                const guint8 *p = g + (size_t)y0 * w + x0;

                return (p[0] * (1 - fx) + p[1] * fx) * (1 - fy) +
                       (p[w] * (1 - fx) + p[w + 1] * fx) * fy;
        }
}

/* A smooth noise layer: random values on a grid `cell` pixels apart,
 * interpolated (texture, not pixel noise), lo..hi. */
static void smooth_noise(float *out, int w, int h, int cell, double lo, double hi,
                         struct gen_rng *r)
{
        int gw = w / cell + 2, gh = h / cell + 2;
        float *grid = g_malloc0(sizeof(*grid) * (size_t)gw * gh);

        for (int i = 0; i < gw * gh; i++)
                grid[i] = (float)(lo + (hi - lo) * gen_rng_double(r));
        for (int y = 0; y < h; y++) {
                int gy = y / cell;
                float fy = (float)(y % cell) / cell;

                for (int x = 0; x < w; x++) {
                        int gx = x / cell;
                        float fx = (float)(x % cell) / cell;
                        const float *a = grid + (size_t)gy * gw + gx;

                        out[(size_t)y * w + x] = (a[0] * (1 - fx) + a[1] * fx) * (1 - fy) +
                                                 (a[gw] * (1 - fx) + a[gw + 1] * fx) * fy;
                }
        }
        g_free(grid);
}

/* Box blur of f (w x h) with radius rad, in place, both ways. */
static void box_blur(float *f, int w, int h, int rad)
{
        int n = w > h ? w : h;
        float *line = g_malloc0(sizeof(*line) * (size_t)(n + 1));

        for (int y = 0; y < h; y++) {
                float *row = f + (size_t)y * w;

                line[0] = 0;
                for (int x = 0; x < w; x++)
                        line[x + 1] = line[x] + row[x];
                for (int x = 0; x < w; x++) {
                        int a = x - rad < 0 ? 0 : x - rad, b = x + rad + 1 > w ? w : x + rad + 1;

                        row[x] = (line[b] - line[a]) / (float)(b - a);
                }
        }
        for (int x = 0; x < w; x++) {
                line[0] = 0;
                for (int y = 0; y < h; y++)
                        line[y + 1] = line[y] + f[(size_t)y * w + x];
                for (int y = 0; y < h; y++) {
                        int a = y - rad < 0 ? 0 : y - rad, b = y + rad + 1 > h ? h : y + rad + 1;

                        f[(size_t)y * w + x] = (line[b] - line[a]) / (float)(b - a);
                }
        }
        g_free(line);
}

/* Separable [1 2 1] blur of g (w x h), in place: a soft lens. */
static void soften(guint8 *g, int w, int h)
{
        guint8 *tmp = g_malloc((size_t)w * h);

        for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                        const guint8 *p = g + (size_t)y * w + x;
                        int a = x > 0 ? p[-1] : p[0], c = x < w - 1 ? p[1] : p[0];

                        tmp[(size_t)y * w + x] = (guint8)((a + 2 * p[0] + c + 2) / 4);
                }
        for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                        const guint8 *p = tmp + (size_t)y * w + x;
                        int a = y > 0 ? p[-w] : p[0], c = y < h - 1 ? p[w] : p[0];

                        g[(size_t)y * w + x] = (guint8)((a + 2 * p[0] + c + 2) / 4);
                }
        g_free(tmp);
}

/* g (w x h) turned a quarter clockwise (turn 90) or anticlockwise (270)
 * into a new buffer (h x w). */
static guint8 *quarter_turn(const guint8 *g, int w, int h, int turn)
{
        guint8 *out = g_malloc((size_t)w * h);

        for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                        /* clockwise: (x, y) -> (h - 1 - y, x) in an h-wide image */
                        size_t to = turn == 90 ? (size_t)x * h + (h - 1 - y)
                                               : (size_t)(w - 1 - x) * h + y;

                        out[to] = g[(size_t)y * w + x];
                }
        return out;
}

guint8 *gen_photo(const guint8 *page, int pw, int ph, uint64_t seed, int *ret_w, int *ret_h)
{
        struct gen_rng r;
        int H = (int)sqrt(PHOTO_PIXELS * 4 / 3), W = H * 3 / 4, sw = W / 8, sh = H / 8;
        int m = pw / 25 > 8 ? pw / 25 : 8;  /* paper round what the page prints */
        double qw = pw + 2.0 * m, qh = ph + 2.0 * m, fill, s, cw, ch, cx, cy, rot, k, sk;
        double tint, amp, base, freq, phase, lo, ang, shadow_x, shadow_y, shadow_r, shadow_dark;
        double blur_sigma;
        double from[4][2], to[4][2];
        struct homography back;
        float *grain, *shade, *mask;
        guint8 *out;
        int turn;

        gen_rng_init(&r, seed ^ UINT64_C(0x9407011e));
        /* Receipt paper is a little warm and not quite white: in grey, a
         * paper a little darker than the scanner's white. */
        tint = gen_rng_range(&r, 232, 250) / 255.0;
        /* The paper bowed: rows shifted down by a sine across its width. */
        amp = (0.004 + 0.008 * gen_rng_double(&r)) * qh;
        /* Its long side spans this share of the frame. */
        fill = 0.62 + 0.23 * gen_rng_double(&r);
        s = fmin(fill * H / qh, 0.9 * W / qw);
        cw = qw * s;
        ch = qh * s;
        cx = W / 2.0 + (gen_rng_double(&r) - 0.5) * 0.12 * W;
        cy = H / 2.0 + (gen_rng_double(&r) - 0.5) * 0.10 * H;
        rot = (gen_rng_double(&r) - 0.5) * 14 * G_PI / 180;
        /* Perspective: the far (top) edge shorter, a little to one side. */
        k = 0.12 * gen_rng_double(&r);
        sk = (gen_rng_double(&r) - 0.5) * 0.08;
        {
                double corners[4][2] = {
                        { -cw / 2 * (1 - k) + sk * cw, -ch / 2 },
                        { cw / 2 * (1 - k) + sk * cw, -ch / 2 },
                        { cw / 2, ch / 2 },
                        { -cw / 2, ch / 2 },
                };
                double paper[4][2] = { { 0, 0 }, { qw, 0 }, { qw, qh }, { 0, qh } };

                for (int i = 0; i < 4; i++) {
                        double x = corners[i][0], y = corners[i][1];

                        to[i][0] = paper[i][0];
                        to[i][1] = paper[i][1];
                        from[i][0] = cx + x * cos(rot) - y * sin(rot);
                        from[i][1] = cy + x * sin(rot) + y * cos(rot);
                }
        }
        if (!homography_solve(from, to, &back))
                return NULL;
        /* The table: a mid-dark grain of wood, and fine texture. */
        base = gen_rng_range(&r, 60, 115);
        freq = 0.02 + 0.04 * gen_rng_double(&r);
        phase = 6.28 * gen_rng_double(&r);
        grain = g_malloc(sizeof(*grain) * (size_t)W * H);
        smooth_noise(grain, W, H, 2, -6, 6, &r);
        /* The light: a gradient from one side (down to lo), and a hand's
         * soft shadow near the top or the bottom of the frame. */
        ang = 2 * G_PI * gen_rng_double(&r);
        lo = 0.55 + 0.25 * gen_rng_double(&r);
        shadow_x = W * gen_rng_double(&r);
        shadow_y = H * (gen_rng_next(&r) & 1 ? -0.2 + 0.3 * gen_rng_double(&r)
                                            : 0.9 + 0.3 * gen_rng_double(&r));
        shadow_r = (0.25 + 0.2 * gen_rng_double(&r)) * W;
        shadow_dark = 0.55 + 0.2 * gen_rng_double(&r);
        shade = g_malloc(sizeof(*shade) * (size_t)sw * sh);
        mask = g_malloc0(sizeof(*mask) * (size_t)sw * sh);
        for (int y = 0; y < sh; y++)
                for (int x = 0; x < sw; x++) {
                        double fx = (x + 0.5) / sw, fy = (y + 0.5) / sh;
                        double t = (fx - 0.5) * cos(ang) + (fy - 0.5) * sin(ang) + 0.5;
                        double dx = (x + 0.5) * 8 - shadow_x, dy = ((y + 0.5) * 8 - shadow_y) / 1.6;
                        double in = sqrt(dx * dx + dy * dy) < shadow_r ? 1 : 0;
                        const double *hm = back.h;
                        double px = (x + 0.5) * 8, py = (y + 0.5) * 8;
                        double z = hm[6] * px + hm[7] * py + hm[8];
                        double u = (hm[0] * px + hm[1] * py + hm[2]) / z;
                        double v = (hm[3] * px + hm[4] * py + hm[5]) / z;

                        t = t < 0 ? 0 : t > 1 ? 1 : t;
                        shade[(size_t)y * sw + x] =
                                (float)((lo + (1 - lo) * t) * (1 - in * (1 - shadow_dark)));
                        /* the paper's own shadow on the table, a little
                         * below it */
                        v -= 0.01 * qh;
                        if (u >= 0 && u < qw && v >= 0 && v < qh)
                                mask[(size_t)y * sw + x] = 1;
                }
        /* the shadow's edge soft (as photoize.py's Gaussian of sw / 25) */
        box_blur(shade, sw, sh, sw / 25);
        box_blur(shade, sw, sh, sw / 25);
        box_blur(mask, sw, sh, sw / 150 + 2);
        out = g_malloc((size_t)W * H);
        for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                        const double *hm = back.h;
                        double z = hm[6] * x + hm[7] * y + hm[8];
                        double u = (hm[0] * x + hm[1] * y + hm[2]) / z;
                        double v = (hm[3] * x + hm[4] * y + hm[5]) / z;
                        /* light and shadow, from the eighth-size layers */
                        int lx = x / 8 < sw ? x / 8 : sw - 1, ly = y / 8 < sh ? y / 8 : sh - 1;
                        double light = shade[(size_t)ly * sw + lx], val;

                        if (u >= 0 && u < qw && v >= 0 && v < qh) {
                                /* the paper: the page inside its margin, bent */
                                double bend = amp * sin(G_PI * u / qw);
                                double g = sample(page, pw, ph, u - m, v - m - bend);

                                val = (g < 0 ? 255 : g) * tint;
                        } else {
                                double gr = sin(y * freq / 4 + 3 * sin(x * 0.0025 + phase)) * 14;

                                val = (base + gr + grain[(size_t)y * W + x]) *
                                      (1 - 0.6 * mask[(size_t)ly * sw + lx]);
                        }
                        val *= light;
                        out[(size_t)y * W + x] = (guint8)(val < 0 ? 0 : val > 255 ? 255 : val + 0.5);
                }
        }
        /* A slightly soft lens (once or twice [1 2 1]: sigma 0.7 to 1). */
        blur_sigma = gen_rng_double(&r);
        soften(out, W, H);
        if (blur_sigma > 0.5)
                soften(out, W, H);
        /* Sensor noise. */
        smooth_noise(grain, W, H, 1, -5, 5, &r);
        for (size_t i = 0; i < (size_t)W * H; i++) {
                double v = out[i] + grain[i];

                out[i] = (guint8)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
        g_free(grain);
        g_free(shade);
        g_free(mask);
        /* A quarter of the photos taken with the phone held sideways. */
        turn = (int)(gen_rng_next(&r) % 8);
        turn = turn == 6 ? 90 : turn == 7 ? 270 : 0;
        if (turn) {
                guint8 *t = quarter_turn(out, W, H, turn);

                g_free(out);
                out = t;
                *ret_w = H;
                *ret_h = W;
        } else {
                *ret_w = W;
                *ret_h = H;
        }
        return out;
}
