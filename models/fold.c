/* fold.c: text folded for matching words however they were printed, typed
 * or read by OCR — lower case, accents and marks dropped — in one place for
 * every European script billflow reads (Latin, Greek, Cyrillic). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/models.h"

/* U+00C0..U+00FF; '\0' drops the character (× ÷), '#' marks the ones
 * that fold to two letters (ß æ Æ), handled apart. */
static const char latin1[64] =
        "aaaaaa#ceeeeiiiidnooooo\0ouuuuyt#"
        "aaaaaa#ceeeeiiiidnooooo\0ouuuuyty";

/* U+0100..U+017F (Latin Extended-A: Baltic, Central European, Maltese,
 * Romanian ş ţ); '#' for Ĳ ĳ Œ œ, which fold to two letters. */
static const char latin_ext_a[128] =
        "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "ii##jjkkklllllll"
        "lllnnnnnnnnnoooo" "oo##rrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";

static size_t put_utf8(unsigned cp, char *out)
{
        if (cp < 0x80) {
                out[0] = (char)cp;
                return 1;
        }
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
}

/* Greek U+0370..U+03FF: lower case, tonos and dialytika dropped, final
 * sigma as sigma; 0 when cp is no Greek letter to fold. */
static unsigned fold_greek(unsigned cp)
{
        static const struct { unsigned from, to; } accented[] = {
                { 0x386, 0x3b1 }, { 0x388, 0x3b5 }, { 0x389, 0x3b7 }, { 0x38a, 0x3b9 },
                { 0x38c, 0x3bf }, { 0x38e, 0x3c5 }, { 0x38f, 0x3c9 }, { 0x390, 0x3b9 },
                { 0x3aa, 0x3b9 }, { 0x3ab, 0x3c5 }, { 0x3ac, 0x3b1 }, { 0x3ad, 0x3b5 },
                { 0x3ae, 0x3b7 }, { 0x3af, 0x3b9 }, { 0x3b0, 0x3c5 }, { 0x3c2, 0x3c3 },
                { 0x3ca, 0x3b9 }, { 0x3cb, 0x3c5 }, { 0x3cc, 0x3bf }, { 0x3cd, 0x3c5 },
                { 0x3ce, 0x3c9 },
        };
        for (size_t i = 0; i < sizeof(accented) / sizeof(accented[0]); i++)
                if (accented[i].from == cp)
                        return accented[i].to;
        if (cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2)
                return cp + 0x20;
        if (cp >= 0x3b1 && cp <= 0x3c9)
                return cp;
        return 0;
}

/* Greek Extended U+1F00..U+1FFF, the polytonic letters OCR gives for a
 * plain Greek one ("Ἀριθμός" for "Αριθμός", the psili of a speck): the
 * base letter in lower case; 0 for the block's bare marks. */
static unsigned fold_greek_extended(unsigned cp)
{
        /* the base letter of each row of sixteen, from U+1F00 on; for the
         * rows that mix letters (U+1F70, U+1FB0 ...) per pair below */
        static const unsigned short rows[16][2] = {
                { 0x3b1, 0x3b1 }, { 0x3b5, 0x3b5 }, { 0x3b7, 0x3b7 }, { 0x3b9, 0x3b9 },
                { 0x3bf, 0x3bf }, { 0x3c5, 0x3c5 }, { 0x3c9, 0x3c9 }, { 0, 0 },
                { 0x3b1, 0x3b1 }, { 0x3b7, 0x3b7 }, { 0x3c9, 0x3c9 }, { 0x3b1, 0x3b1 },
                { 0x3b7, 0x3b7 }, { 0x3b9, 0x3b9 }, { 0x3c5, 0x3c5 }, { 0x3c9, 0x3c9 },
        };
        /* U+1F70..U+1F7D: ὰ ά ὲ έ ὴ ή ὶ ί ὸ ό ὺ ύ ὼ ώ */
        static const unsigned short grave_acute[7] = { 0x3b1, 0x3b5, 0x3b7, 0x3b9, 0x3bf, 0x3c5, 0x3c9 };

        if (cp < 0x1f00 || cp > 0x1fff)
                return 0;
        unsigned row = (cp - 0x1f00) >> 4, col = cp & 0xf;
        if (row == 7)
                return col <= 0xd ? grave_acute[col / 2] : 0;
        switch (row) {
        case 0xb:       /* ᾰ ᾱ ᾲ ᾳ ᾴ ᾶ ᾷ Ᾰ Ᾱ Ὰ Ά ᾼ, marks, ι (U+1FBE) */
                if (col == 0xe)
                        return 0x3b9;
                return col <= 0xc && col != 5 ? 0x3b1 : 0;
        case 0xc:       /* marks, ῂ ῃ ῄ ῆ ῇ, Ὲ Έ (epsilon), Ὴ Ή ῌ, marks */
                if (col == 8 || col == 9)
                        return 0x3b5;
                return (col >= 2 && col <= 0xc && col != 5) ? 0x3b7 : 0;
        case 0xd:       /* ῐ ῑ ῒ ΐ ῖ ῗ Ῐ Ῑ Ὶ Ί */
                return col <= 0xb && col != 4 && col != 5 ? 0x3b9 : 0;
        case 0xe:       /* ῠ ῡ ῢ ΰ ῤ ῥ ῦ ῧ Ῠ Ῡ Ὺ Ύ Ῥ, marks */
                if (col == 4 || col == 5 || col == 0xc)
                        return 0x3c1;
                return col <= 0xb ? 0x3c5 : 0;
        case 0xf:       /* ῲ ῳ ῴ ῶ ῷ, Ὸ Ό (omicron), Ὼ Ώ ῼ, marks */
                if (col == 8 || col == 9)
                        return 0x3bf;
                return (col >= 2 && col <= 0xc && col != 5) ? 0x3c9 : 0;
        default:
                break;
        }
        /* the rows of breathings: some columns are unassigned, which OCR
         * never gives */
        return rows[row][0];
}

/* Cyrillic U+0400..U+045F: lower case; ё, ѐ as е and й, ѝ as и (the marks
 * OCR loses). 0 when cp is outside the block. */
static unsigned fold_cyrillic(unsigned cp)
{
        if (cp >= 0x400 && cp <= 0x40f)
                cp += 0x50;
        else if (cp >= 0x410 && cp <= 0x42f)
                cp += 0x20;
        else if (!(cp >= 0x430 && cp <= 0x45f))
                return 0;
        if (cp == 0x451 || cp == 0x450)
                return 0x435;
        if (cp == 0x439 || cp == 0x45d)
                return 0x438;
        return cp;
}

size_t text_fold_char(const char *str, char out[4], size_t *ret_n)
{
        const unsigned char *p = (const unsigned char *)str;
        unsigned cp;
        size_t len;

        *ret_n = 0;
        if (p[0] == 0)
                return 0;
        if (p[0] < 0x80) {
                out[0] = (char)((p[0] >= 'A' && p[0] <= 'Z') ? p[0] + 32 : p[0]);
                *ret_n = 1;
                return 1;
        }
        if (p[0] >= 0xc2 && p[0] <= 0xdf && (p[1] & 0xc0) == 0x80) {
                cp = ((unsigned)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
                len = 2;
        } else if (p[0] >= 0xe0 && p[0] <= 0xef && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
                cp = ((unsigned)(p[0] & 0x0f) << 12) | ((unsigned)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
                len = 3;
        } else {
                /* a stray or four-byte sequence: the byte as it is */
                out[0] = (char)p[0];
                *ret_n = 1;
                return 1;
        }

        const char *two = NULL;
        char c = 0;
        unsigned u = 0;
        if (cp >= 0xc0 && cp <= 0xff) {
                c = latin1[cp - 0xc0];
                if (c == '#')
                        two = cp == 0xdf ? "ss" : "ae";
                else if (c == 0)
                        return len;
        } else if (cp >= 0x100 && cp <= 0x17f) {
                c = latin_ext_a[cp - 0x100];
                if (c == '#')
                        two = cp <= 0x133 ? "ij" : "oe";
        } else if (cp >= 0x218 && cp <= 0x21b) {
                c = cp <= 0x219 ? 's' : 't';            /* Romanian ș ț */
        } else if (cp == 0xb0 || cp == 0xba) {
                c = 'o';                                /* ° º: "N°" */
        } else if (cp == 0xb5) {
                *ret_n = put_utf8(0x3bc, out);          /* the micro sign OCR reads for μ */
                return len;
        } else if (cp == 0xaa) {
                c = 'a';                                /* ª: "1ª" */
        } else if (cp >= 0x300 && cp <= 0x36f) {
                return len;                             /* a combining mark */
        } else if (cp >= 0x2010 && cp <= 0x2015) {
                c = '-';                                /* dashes */
        } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201a) {
                c = '\'';
        } else if (cp >= 0x201c && cp <= 0x201e) {
                c = '"';                /* curly quotes, „ of "UAB „Maxima"" */
        } else if (cp == 0xab || cp == 0xbb) {
                c = '"';                                /* « » */
        } else if (cp >= 0xfb00 && cp <= 0xfb04) {
                static const char *const lig[] = { "ff", "fi", "fl", "ffi", "ffl" };
                two = lig[cp - 0xfb00];                 /* ligatures from PDFs */
        } else if ((u = fold_greek(cp)) != 0 || (u = fold_cyrillic(cp)) != 0 ||
                   (u = fold_greek_extended(cp)) != 0) {
                *ret_n = put_utf8(u, out);
                return len;
        }
        if (two) {
                *ret_n = strlen(two);
                memcpy(out, two, *ret_n);
        } else if (c) {
                out[0] = c;
                *ret_n = 1;
        } else {
                memcpy(out, p, len);
                *ret_n = len;
        }
        return len;
}

char *text_fold(const char *s)
{
        size_t n = strlen(s);
        /* no character folds to more bytes than it had ("ß" to "ss", "ﬃ" to "ffi") */
        char *out = bf_xmalloc(n + 1), *o = out;
        size_t used, wrote;

        while ((used = text_fold_char(s, o, &wrote)) > 0) {
                s += used;
                o += wrote;
        }
        *o = 0;
        return out;
}

bool text_upper_at(const char *str)
{
        const unsigned char *p = (const unsigned char *)str;
        unsigned cp;

        if (p[0] < 0x80)
                return p[0] >= 'A' && p[0] <= 'Z';
        if (!(p[0] >= 0xc2 && p[0] <= 0xdf && (p[1] & 0xc0) == 0x80))
                return false;
        cp = ((unsigned)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
        if (cp >= 0xc0 && cp <= 0xde)
                return cp != 0xd7;                      /* À..Þ but × */
        if (cp >= 0x100 && cp <= 0x17f) {
                /* Latin Extended-A pairs capital, small; from Ĺ to Ň and
                 * from Ź on the capital is the odd one */
                bool odd_caps = (cp >= 0x139 && cp <= 0x148) || cp >= 0x179;
                if (cp == 0x138 || cp == 0x149 || cp == 0x17f)
                        return false;
                if (cp == 0x178)
                        return true;                    /* Ÿ */
                return odd_caps ? cp % 2 == 1 : cp % 2 == 0;
        }
        if (cp == 0x218 || cp == 0x21a)
                return true;                            /* Ș Ț */
        if (cp >= 0x386 && cp <= 0x3ab)
                return cp != 0x387 && cp != 0x390;      /* Greek capitals */
        return cp >= 0x400 && cp <= 0x42f;              /* Cyrillic capitals */
}

size_t text_distance(const char *a, const char *b)
{
        size_t na = strlen(a), nb = strlen(b);
        if (na > 200 || nb > 200)
                return na > nb ? na : nb;
        size_t *row = bf_xmalloc((nb + 1) * sizeof(size_t));
        for (size_t j = 0; j <= nb; j++)
                row[j] = j;
        for (size_t i = 1; i <= na; i++) {
                size_t diag = row[0];
                row[0] = i;
                for (size_t j = 1; j <= nb; j++) {
                        size_t up = row[j];
                        size_t v = diag + (a[i - 1] != b[j - 1]);
                        if (row[j] + 1 < v)
                                v = row[j] + 1;
                        if (row[j - 1] + 1 < v)
                                v = row[j - 1] + 1;
                        row[j] = v;
                        diag = up;
                }
        }
        size_t r = row[nb];
        free(row);
        return r;
}


long text_utf8_decode(const char *str, size_t *ret_len)
{
        const unsigned char *s = (const unsigned char *)str;
        static const unsigned long min[] = { 0, 0, 0x80, 0x800, 0x10000 };
        unsigned long cp;
        size_t n;

        if (s[0] < 0x80) {
                *ret_len = 1;
                return s[0];
        }
        if ((s[0] & 0xe0) == 0xc0)
                n = 2, cp = s[0] & 0x1fu;
        else if ((s[0] & 0xf0) == 0xe0)
                n = 3, cp = s[0] & 0x0fu;
        else if ((s[0] & 0xf8) == 0xf0)
                n = 4, cp = s[0] & 0x07u;
        else
                return -1;
        for (size_t i = 1; i < n; i++) {
                if ((s[i] & 0xc0) != 0x80)
                        return -1;
                cp = cp << 6 | (s[i] & 0x3fu);
        }
        if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
                return -1;
        *ret_len = n;
        return (long)cp;
}

/* Characters that would steer a terminal or reorder what it shows. */
static bool terminal_unsafe(unsigned long c)
{
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
               (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
               c == 0x200e || c == 0x200f || c == 0x061c || c == 0xfeff;
}

char *text_safe(const char *s)
{
        const unsigned char *p = (const unsigned char *)(s ? s : "");
        size_t cap = strlen((const char *)p) * 6 + 1, n = 0, len;
        char *out = bf_xmalloc(cap);

        while (*p) {
                long c = text_utf8_decode((const char *)p, &len);
                if (c < 0) {
                        n += (size_t)snprintf(out + n, cap - n, "\\x%02x", *p);
                        p++;
                        continue;
                }
                if (terminal_unsafe((unsigned long)c))
                        n += (size_t)snprintf(out + n, cap - n, c < 0xa0 ? "\\x%02lx" : "\\u%04lx",
                                              (unsigned long)c);
                else {
                        memcpy(out + n, p, len);
                        n += len;
                }
                p += len;
        }
        out[n] = '\0';
        return out;
}

const char *text_quote(const char *text, char *buf, size_t size)
{
        size_t n = 0, i;

        for (i = 0; text[i] && n + 4 < size; i++)
                buf[n++] = ((unsigned char)text[i] < 0x20 || text[i] == 0x7f) ? '?' : text[i];
        if (text[i]) {
                /* Do not leave half a UTF-8 character before the ellipsis. */
                while (n > 0 && ((unsigned char)buf[n - 1] & 0xc0) == 0x80)
                        n--;
                if (n > 0 && (unsigned char)buf[n - 1] >= 0xc0)
                        n--;
                memcpy(buf + n, "...", 3);
                n += 3;
        }
        buf[n] = '\0';
        return buf;
}
