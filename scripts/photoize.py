#!/usr/bin/env python3
# photoize.py: makes a phone-photo-like JPEG of a scanned page or receipt, for
# tests and benchmarks (no real phone photos are shipped): the paper, with a
# slight curl, lies on a darker textured table, seen in perspective and
# turned, under uneven light with a soft shadow, upscaled to about 12 Mpx,
# JPEG-compressed. Deterministic: the same input and seed give the same bytes.
#
#   photoize.py [--seed N] [--turn 0|90|180|270] [--mpx 12] IN OUT.jpg
#   photoize.py --seed N --batch LIST OUTDIR     (LIST: one image path a line;
#                                                 OUTDIR/NAME.jpg each, seed+i)
# Needs python3-pil (Debian). --turn: how the phone was held (default: from
# the seed, a quarter of the photos taken sideways).
import argparse
import math
import os
import random
import sys

from PIL import Image, ImageChops, ImageDraw, ImageFilter


def noise_layer(rng, size, scale, lo, hi):
    """A grey layer of random values lo..hi drawn at 1/scale size and blown
    up smoothly: texture, not pixel noise."""
    w, h = max(2, size[0] // scale), max(2, size[1] // scale)
    data = bytes(lo + b * (hi - lo) // 255 for b in rng.randbytes(w * h))
    return Image.frombytes('L', (w, h), data).resize(size, Image.BICUBIC)


def table(rng, size):
    """A darker textured surface: wood-like grain of a random hue."""
    w, h = size
    base = (rng.randint(70, 130), rng.randint(55, 100), rng.randint(40, 85))
    img = Image.new('RGB', (w // 4, h // 4), base)
    px = img.load()
    freq = rng.uniform(0.02, 0.06)
    phase = rng.uniform(0, 6.28)
    for y in range(h // 4):
        for x in range(w // 4):
            g = math.sin(y * freq + 3 * math.sin(x * 0.01 + phase)) * 14
            px[x, y] = tuple(max(0, min(255, int(c + g))) for c in base)
    img = img.resize(size, Image.BICUBIC)
    grain = noise_layer(rng, size, 2, 0, 40).convert('RGB')
    return Image.blend(img, grain, 0.15)


def curl(rng, paper):
    """The paper bowed: each column shifted down by a sine across the width,
    as a receipt that was folded or rolled lies."""
    w, h = paper.size
    amp = rng.uniform(0.004, 0.012) * h
    strips = 24
    mesh = []
    pad = int(amp) + 2
    out_size = (w, h + 2 * pad)
    for i in range(strips):
        x0, x1 = i * w // strips, (i + 1) * w // strips
        d0 = amp * math.sin(math.pi * x0 / w)
        d1 = amp * math.sin(math.pi * x1 / w)
        # target rectangle -> source quad (nw, sw, se, ne)
        mesh.append(((x0, 0, x1, h + 2 * pad),
                     (x0, -pad + d0, x0, h + pad + d0, x1, h + pad + d1, x1, -pad + d1)))
    mask = Image.new('L', paper.size, 255)
    bent = paper.transform(out_size, Image.MESH, mesh, Image.BILINEAR, fillcolor=(0, 0, 0))
    bent_mask = mask.transform(out_size, Image.MESH, mesh, Image.BILINEAR, fillcolor=0)
    return bent, bent_mask


def perspective_coeffs(dst, src):
    """PIL's PERSPECTIVE coefficients taking output points dst to input
    points src (four pairs)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    # Gaussian elimination, 8x8.
    n = 8
    m = [rows[i] + [rhs[i]] for i in range(n)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[r][c]:
                f = m[r][c] / m[c][c]
                m[r] = [a - f * b for a, b in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def lighting(rng, size):
    """Uneven light: a gradient from one side, and the soft shadow of a hand
    or phone over part of the frame. A multiplier layer (255 = as lit)."""
    w, h = size
    sw, sh = w // 8, h // 8
    light = Image.new('L', (sw, sh))
    px = light.load()
    ang = rng.uniform(0, 2 * math.pi)
    lo = rng.uniform(0.55, 0.8)
    ca, sa = math.cos(ang), math.sin(ang)
    for y in range(sh):
        for x in range(sw):
            t = ((x / sw - 0.5) * ca + (y / sh - 0.5) * sa) + 0.5
            px[x, y] = int(255 * (lo + (1 - lo) * max(0.0, min(1.0, t))))
    shadow = Image.new('L', (sw, sh), 255)
    d = ImageDraw.Draw(shadow)
    cx, cy = rng.uniform(0, sw), rng.choice([rng.uniform(-0.2, 0.1), rng.uniform(0.9, 1.2)]) * sh
    r = rng.uniform(0.25, 0.45) * sw
    d.ellipse([cx - r, cy - r * 1.6, cx + r, cy + r * 1.6], fill=int(255 * rng.uniform(0.55, 0.75)))
    shadow = shadow.filter(ImageFilter.GaussianBlur(sw / 25))
    mult = Image.new('L', (sw, sh))
    mp, lp, sp = mult.load(), light.load(), shadow.load()
    for y in range(sh):
        for x in range(sw):
            mp[x, y] = lp[x, y] * sp[x, y] // 255
    return mult.resize(size, Image.BICUBIC)


def photoize(src, rng, turn=None, mpx=12.0):
    paper = src.convert('RGB')
    # Receipt paper is a little warm and not quite white.
    tint = (rng.randint(236, 252), rng.randint(234, 250), rng.randint(226, 244))
    r, g, b = paper.split()
    paper = Image.merge('RGB', (r.point(lambda v: v * tint[0] // 255),
                                g.point(lambda v: v * tint[1] // 255),
                                b.point(lambda v: v * tint[2] // 255)))
    # A margin of paper around what the scanner cropped.
    m = max(8, paper.size[0] // 25)
    framed = Image.new('RGB', (paper.size[0] + 2 * m, paper.size[1] + 2 * m), tint)
    framed.paste(paper, (m, m))
    paper, mask = curl(rng, framed)

    # The frame: portrait 3:4 at mpx megapixels (before any turn).
    H = int(math.sqrt(mpx * 1e6 * 4 / 3))
    W = H * 3 // 4
    pw, ph = paper.size
    fill = rng.uniform(0.62, 0.85)   # share of the frame the paper's long side spans
    s = min(fill * H / ph, 0.9 * W / pw)
    cw, ch = pw * s, ph * s
    cx = W / 2 + rng.uniform(-0.06, 0.06) * W
    cy = H / 2 + rng.uniform(-0.05, 0.05) * H
    rot = math.radians(rng.uniform(-7, 7))
    # Perspective: the far (top) edge shorter, a little to one side.
    k = rng.uniform(0.0, 0.12)
    sk = rng.uniform(-0.04, 0.04)
    corners = [(-cw / 2 * (1 - k) + sk * cw, -ch / 2), (cw / 2 * (1 - k) + sk * cw, -ch / 2),
               (cw / 2, ch / 2), (-cw / 2, ch / 2)]
    dst = [(cx + x * math.cos(rot) - y * math.sin(rot), cy + x * math.sin(rot) + y * math.cos(rot))
           for x, y in corners]
    src_pts = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    coeffs = perspective_coeffs(dst, src_pts)
    placed = paper.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    placed_mask = mask.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BILINEAR)

    photo = table(rng, (W, H))
    # The paper's own soft shadow on the table.
    sh = placed_mask.filter(ImageFilter.GaussianBlur(W / 150))
    dark = Image.new('RGB', (W, H), (20, 15, 10))
    photo = Image.composite(dark, photo, sh.point(lambda v: v * 6 // 10))
    photo = Image.composite(placed, photo, placed_mask)

    photo = _multiply(photo, lighting(rng, (W, H)))
    # Sensor noise and a slightly soft lens.
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.3)))
    grain = noise_layer(rng, (W, H), 1 if W * H < 2e6 else 2, 0, 255).convert('RGB')
    photo = Image.blend(photo, grain, 0.04)
    if turn is None:
        turn = rng.choice([0, 0, 0, 0, 0, 0, 90, 270])
    if turn:
        photo = photo.rotate(-turn, expand=True)  # clockwise
    return photo


def _multiply(img, light):
    """img lit by light (255: as it is)."""
    return ImageChops.multiply(img, Image.merge('RGB', (light, light, light)))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--turn', type=int, choices=[0, 90, 180, 270])
    ap.add_argument('--mpx', type=float, default=12.0)
    ap.add_argument('--quality', type=int, default=85)
    ap.add_argument('--batch', action='store_true', help='IN is a list of images, OUT a folder')
    ap.add_argument('inp')
    ap.add_argument('out')
    a = ap.parse_args()
    jobs = []
    if a.batch:
        with open(a.inp) as f:
            paths = [l.strip() for l in f if l.strip()]
        os.makedirs(a.out, exist_ok=True)
        for i, p in enumerate(paths):
            name = os.path.splitext(os.path.basename(p))[0] + '.jpg'
            jobs.append((p, os.path.join(a.out, name), a.seed * 100003 + i))
    else:
        jobs.append((a.inp, a.out, a.seed))
    for inp, out, seed in jobs:
        rng = random.Random(seed)
        with Image.open(inp) as src:
            photo = photoize(src, rng, a.turn, a.mpx)
        photo.save(out, 'JPEG', quality=a.quality, optimize=False)
        print(out, file=sys.stderr)


if __name__ == '__main__':
    main()
