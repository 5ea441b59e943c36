/* taxid.c: national VAT ids of the EU states, Norway, Iceland, Switzerland
 * and the UK (pattern and, where the algorithm is public, check digits),
 * and IBANs (ISO 13616: per-country length, mod 97). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "models/models.h"

#define ID_MAX 40

/* Upper-case letters and digits of text, dots, dashes, slashes and
 * spaces dropped; false when anything else is in it or it is too long. */
static bool compact(const char *text, char out[ID_MAX + 1])
{
        size_t n = 0;
        for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
                if (*p == ' ' || *p == '.' || *p == '-' || *p == '/' || *p == '\t')
                        continue;
                if (p[0] == 0xc2 && p[1] == 0xa0) {     /* no-break space */
                        p++;
                        continue;
                }
                if (!isalnum(*p) || *p >= 0x80 || n >= ID_MAX)
                        return false;
                out[n++] = (char)toupper(*p);
        }
        out[n] = 0;
        return n > 0;
}

static bool all_digits(const char *s, size_t n)
{
        if (strlen(s) != n)
                return false;
        for (size_t i = 0; i < n; i++)
                if (!isdigit((unsigned char)s[i]))
                        return false;
        return true;
}

/* Are the first n characters of s digits? */
static bool digits(const char *s, size_t n)
{
        for (size_t i = 0; i < n; i++)
                if (!isdigit((unsigned char)s[i]))
                        return false;
        return true;
}

static int dg(const char *s, size_t i)
{
        return s[i] - '0';
}

/* Sum of digits[i] * w[i] for i < n. */
static int weighted(const char *s, const int *w, size_t n)
{
        int sum = 0;
        for (size_t i = 0; i < n; i++)
                sum += dg(s, i) * w[i];
        return sum;
}

/* ISO 7064 MOD 11,10 (DE, HR): the check digit of s[0..n). */
static int mod11_10(const char *s, size_t n)
{
        int p = 10;
        for (size_t i = 0; i < n; i++) {
                int t = (dg(s, i) + p) % 10;
                if (t == 0)
                        t = 10;
                p = (2 * t) % 11;
        }
        return (11 - p) % 10;
}

/* Luhn over s[0..n), the last digit being the check digit. */
static bool luhn(const char *s, size_t n)
{
        int sum = 0;
        for (size_t i = 0; i < n; i++) {
                int d = dg(s, n - 1 - i);
                if (i % 2 == 1) {
                        d *= 2;
                        if (d > 9)
                                d -= 9;
                }
                sum += d;
        }
        return sum % 10 == 0;
}

/* The remainder of a long decimal number (digits in s) modulo m. */
static int mod_str(const char *s, int m)
{
        int r = 0;
        for (; *s; s++)
                r = (r * 10 + (*s - '0')) % m;
        return r;
}

/* Letters and digits as ISO 7064 MOD 97-10 reads them (A = 10 ... Z = 35),
 * the first four characters moved to the end; the remainder mod 97. */
static int mod97_rotated(const char *s, size_t rotate)
{
        char buf[2 * ID_MAX + 8];
        size_t n = strlen(s), o = 0;
        for (size_t k = 0; k < n; k++) {
                char c = s[(k + rotate) % n];
                if (isdigit((unsigned char)c))
                        buf[o++] = c;
                else
                        o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%d", c - 'A' + 10);
        }
        buf[o] = 0;
        return mod_str(buf, 97);
}

/* ------------------------------------------------------------------ IBAN */

static const struct {
        char cc[3];
        int len;
} iban_lengths[] = {
        { "AD", 24 }, { "AE", 23 }, { "AL", 28 }, { "AT", 20 }, { "AZ", 28 }, { "BA", 20 },
        { "BE", 16 }, { "BG", 22 }, { "BH", 22 }, { "BR", 29 }, { "BY", 28 }, { "CH", 21 },
        { "CR", 22 }, { "CY", 28 }, { "CZ", 24 }, { "DE", 22 }, { "DK", 18 }, { "DO", 28 },
        { "EE", 20 }, { "EG", 29 }, { "ES", 24 }, { "FI", 18 }, { "FO", 18 }, { "FR", 27 },
        { "GB", 22 }, { "GE", 22 }, { "GI", 23 }, { "GL", 18 }, { "GR", 27 }, { "GT", 28 },
        { "HR", 21 }, { "HU", 28 }, { "IE", 22 }, { "IL", 23 }, { "IQ", 23 }, { "IS", 26 },
        { "IT", 27 }, { "JO", 30 }, { "KW", 30 }, { "KZ", 20 }, { "LB", 28 }, { "LC", 32 },
        { "LI", 21 }, { "LT", 20 }, { "LU", 20 }, { "LV", 21 }, { "MC", 27 }, { "MD", 24 },
        { "ME", 22 }, { "MK", 19 }, { "MR", 27 }, { "MT", 31 }, { "MU", 30 }, { "NL", 18 },
        { "NO", 15 }, { "PK", 24 }, { "PL", 28 }, { "PS", 29 }, { "PT", 25 }, { "QA", 29 },
        { "RO", 24 }, { "RS", 22 }, { "SA", 24 }, { "SC", 31 }, { "SE", 24 }, { "SI", 19 },
        { "SK", 24 }, { "SM", 27 }, { "ST", 25 }, { "SV", 28 }, { "TL", 23 }, { "TN", 24 },
        { "TR", 26 }, { "UA", 29 }, { "VA", 22 }, { "VG", 24 }, { "XK", 20 },
};

int iban_check(const char *text, char ret_iban[BF_IBAN_LEN], struct bf_error *err)
{
        char s[ID_MAX + 1];
        int len = 0;

        if (!text || !compact(text, s))
                return bf_error_set(err, BF_EINVAL, "bad IBAN: not letters and digits");
        if (strncmp(s, "IBAN", 4) == 0)
                memmove(s, s + 4, strlen(s + 4) + 1);
        if (strlen(s) < 5 || !isalpha((unsigned char)s[0]) || !isalpha((unsigned char)s[1]) ||
            !isdigit((unsigned char)s[2]) || !isdigit((unsigned char)s[3]))
                return bf_error_set(err, BF_EINVAL, "bad IBAN '%s': no country and check digits", s);
        for (size_t i = 0; i < sizeof(iban_lengths) / sizeof(iban_lengths[0]); i++)
                if (strncmp(s, iban_lengths[i].cc, 2) == 0)
                        len = iban_lengths[i].len;
        if (len == 0)
                return bf_error_set(err, BF_EINVAL, "bad IBAN '%s': unknown country %.2s", s, s);
        if ((int)strlen(s) != len)
                return bf_error_set(err, BF_EINVAL, "bad IBAN '%s': %.2s IBANs have %d characters, not %zu",
                                    s, s, len, strlen(s));
        if (mod97_rotated(s, 4) != 1)
                return bf_error_set(err, BF_EINVAL, "bad IBAN '%s': check digits do not match", s);
        if (ret_iban)
                memcpy(ret_iban, s, strlen(s) + 1);
        return 0;
}

/* ---------------------------------------------------------------- VAT ids */

/* Each checker gets the part after the country prefix; true when valid. */

static bool vat_at(const char *s)
{
        if (strlen(s) != 9 || s[0] != 'U' || !all_digits(s + 1, 8))
                return false;
        s++;
        int sum = dg(s, 0) + dg(s, 2) + dg(s, 4) + dg(s, 6);
        for (int i = 1; i <= 5; i += 2) {
                int d = 2 * dg(s, (size_t)i);
                sum += d / 10 + d % 10;
        }
        return (10 - (sum + 4) % 10) % 10 == dg(s, 7);
}

static bool vat_be(const char *s)
{
        char b[11];
        if (all_digits(s, 9)) {         /* old form without the leading 0 */
                b[0] = '0';
                memcpy(b + 1, s, 10);
                s = b;
        }
        if (!all_digits(s, 10) || s[0] > '1')
                return false;
        char head[9];
        memcpy(head, s, 8);
        head[8] = 0;
        return 97 - mod_str(head, 97) == dg(s, 8) * 10 + dg(s, 9);
}

static bool vat_bg(const char *s)
{
        if (all_digits(s, 9)) {
                static const int w1[] = { 1, 2, 3, 4, 5, 6, 7, 8 }, w2[] = { 3, 4, 5, 6, 7, 8, 9, 10 };
                int r = weighted(s, w1, 8) % 11;
                if (r == 10)
                        r = weighted(s, w2, 8) % 11 % 10;
                return r == dg(s, 8);
        }
        if (all_digits(s, 10)) {        /* a person's EGN */
                static const int w[] = { 2, 4, 8, 5, 10, 9, 7, 3, 6 };
                return weighted(s, w, 9) % 11 % 10 == dg(s, 9);
        }
        return false;
}

static bool vat_cy(const char *s)
{
        static const int odd[] = { 1, 0, 5, 7, 9, 13, 15, 17, 19, 21 };
        if (strlen(s) != 9 || !digits(s, 8) || !isupper((unsigned char)s[8]) ||
            (s[0] != '0' && s[0] != '1' && s[0] != '3' && s[0] != '4' && s[0] != '5' && s[0] != '9'))
                return false;
        int sum = 0;
        for (size_t i = 0; i < 8; i++)
                sum += i % 2 == 0 ? odd[dg(s, i)] : dg(s, i);
        return 'A' + sum % 26 == s[8];
}

static bool vat_cz(const char *s)
{
        if (all_digits(s, 8)) {
                static const int w[] = { 8, 7, 6, 5, 4, 3, 2 };
                int c = 11 - weighted(s, w, 7) % 11;
                return c % 10 == dg(s, 7);
        }
        if (all_digits(s, 10))          /* a person's birth number */
                return mod_str(s, 11) == 0;
        return all_digits(s, 9);        /* older birth numbers carry no check */
}

static bool vat_de(const char *s)
{
        return all_digits(s, 9) && s[0] != '0' && mod11_10(s, 8) == dg(s, 8);
}

static bool vat_dk(const char *s)
{
        static const int w[] = { 2, 7, 6, 5, 4, 3, 2, 1 };
        return all_digits(s, 8) && s[0] != '0' && weighted(s, w, 8) % 11 == 0;
}

static bool vat_ee(const char *s)
{
        static const int w[] = { 3, 7, 1, 3, 7, 1, 3, 7 };
        return all_digits(s, 9) && (10 - weighted(s, w, 8) % 10) % 10 == dg(s, 8);
}

static bool vat_el(const char *s)
{
        static const int w[] = { 256, 128, 64, 32, 16, 8, 4, 2 };
        return all_digits(s, 9) && weighted(s, w, 8) % 11 % 10 == dg(s, 8);
}

static bool vat_es(const char *s)
{
        static const char nif[] = "TRWAGMYFPDXBNJZSQVHLCKE";
        char b[10];
        if (strlen(s) != 9 || !digits(s + 1, 7))
                return false;
        memcpy(b, s, 10);
        if (isdigit((unsigned char)b[0]) || strchr("XYZ", b[0])) {
                /* a person's NIF (NIE: X, Y, Z for 0, 1, 2) */
                if (!isupper((unsigned char)b[8]))
                        return false;
                if (!isdigit((unsigned char)b[0]))
                        b[0] = (char)('0' + (b[0] - 'X'));
                b[8] = 0;
                return nif[mod_str(b, 23)] == s[8];
        }
        if (!strchr("ABCDEFGHJKLMNPQRSUVW", b[0]))
                return false;
        /* a company's CIF: a check digit or letter over the seven digits */
        int sum = 0;
        for (size_t i = 1; i <= 7; i++) {
                int d = dg(b, i);
                if (i % 2 == 1) {
                        d *= 2;
                        d = d / 10 + d % 10;
                }
                sum += d;
        }
        int c = (10 - sum % 10) % 10;
        return s[8] == '0' + c || s[8] == "JABCDEFGHI"[c];
}

static bool vat_fi(const char *s)
{
        static const int w[] = { 7, 9, 10, 5, 8, 4, 2 };
        if (!all_digits(s, 8))
                return false;
        int r = weighted(s, w, 7) % 11;
        return r != 1 && (r == 0 ? 0 : 11 - r) == dg(s, 7);
}

static bool vat_fr(const char *s)
{
        if (strlen(s) != 11 || !all_digits(s + 2, 9))
                return false;
        if (!digits(s, 2))
                return isalnum((unsigned char)s[0]) && isalnum((unsigned char)s[1]) &&
                       strchr(s, 'O') == NULL && strchr(s, 'I') == NULL;
        char siren[10];
        memcpy(siren, s + 2, 9);
        siren[9] = 0;
        return (12 + 3 * (mod_str(siren, 97))) % 97 == dg(s, 0) * 10 + dg(s, 1);
}

static bool vat_gb(const char *s)
{
        static const int w[] = { 8, 7, 6, 5, 4, 3, 2 };
        if ((strncmp(s, "GD", 2) == 0 || strncmp(s, "HA", 2) == 0) && all_digits(s + 2, 3))
                return true;    /* government departments, health authorities */
        /* 12 digits: a branch; the first nine carry the check */
        if (!all_digits(s, 9) && !all_digits(s, 12))
                return false;
        int sum = weighted(s, w, 7) + dg(s, 7) * 10 + dg(s, 8);
        return sum % 97 == 0 || (sum + 55) % 97 == 0;
}

static bool vat_hr(const char *s)
{
        return all_digits(s, 11) && mod11_10(s, 10) == dg(s, 10);
}

static bool vat_hu(const char *s)
{
        static const int w[] = { 9, 7, 3, 1, 9, 7, 3 };
        return all_digits(s, 8) && (10 - weighted(s, w, 7) % 10) % 10 == dg(s, 7);
}

static bool vat_ie(const char *s)
{
        static const int w[] = { 8, 7, 6, 5, 4, 3, 2 };
        char b[10];
        size_t n = strlen(s);
        /* the old form 1A23456B reads as 0234561B */
        if (n == 8 && isdigit((unsigned char)s[0]) && (isupper((unsigned char)s[1]) || s[1] == '+' ||
                                                        s[1] == '*') && digits(s + 2, 5)) {
                b[0] = '0';
                memcpy(b + 1, s + 2, 5);
                b[6] = s[0];
                b[7] = s[7];
                b[8] = 0;
                s = b;
        }
        if ((n != 8 && n != 9) || !digits(s, 7) || !isupper((unsigned char)s[7]) ||
            (n == 9 && !strchr("ABCDEFGHIW", s[8])))
                return false;
        int sum = weighted(s, w, 7);
        if (n == 9 && s[8] != 'W')
                sum += (s[8] - 'A' + 1) * 9;
        return "WABCDEFGHIJKLMNOPQRSTUV"[sum % 23] == s[7];
}

static bool vat_it(const char *s)
{
        return all_digits(s, 11) && luhn(s, 11);
}

static bool vat_lt(const char *s)
{
        size_t n = strlen(s);
        if (!(all_digits(s, 9) || all_digits(s, 12)) || s[n - 2] != '1')
                return false;
        int r = 0;
        for (size_t i = 0; i < n - 1; i++)
                r += dg(s, i) * (int)(1 + i % 9);
        r %= 11;
        if (r == 10) {
                r = 0;
                for (size_t i = 0; i < n - 1; i++)
                        r += dg(s, i) * (int)(1 + (i + 2) % 9);
                r = r % 11 % 10;
        }
        return r == dg(s, n - 1);
}

static bool vat_lu(const char *s)
{
        char head[7];
        if (!all_digits(s, 8))
                return false;
        memcpy(head, s, 6);
        head[6] = 0;
        return mod_str(head, 89) == dg(s, 6) * 10 + dg(s, 7);
}

static bool vat_lv(const char *s)
{
        static const int w[] = { 9, 1, 4, 8, 3, 10, 2, 5, 7, 6 };
        if (!all_digits(s, 11))
                return false;
        if (s[0] <= '3')                /* a person: the code starts with a birth date */
                return dg(s, 0) * 10 + dg(s, 1) <= 32 && dg(s, 2) * 10 + dg(s, 3) <= 12;
        int r = 3 - weighted(s, w, 10) % 11;
        if (r < -1)
                r += 11;
        return r != -1 && r == dg(s, 10);
}

static bool vat_mt(const char *s)
{
        static const int w[] = { 3, 4, 6, 7, 8, 9 };
        return all_digits(s, 8) && s[0] != '0' &&
               37 - weighted(s, w, 6) % 37 == dg(s, 6) * 10 + dg(s, 7);
}

static bool vat_nl(const char *s)
{
        static const int w[] = { 9, 8, 7, 6, 5, 4, 3, 2 };
        if (strlen(s) != 12 || !digits(s, 9) || s[9] != 'B' || !all_digits(s + 10, 2))
                return false;
        if (weighted(s, w, 8) % 11 == dg(s, 8))
                return true;
        /* since 2020 sole traders' ids check as "NL" + id under mod 97 */
        char full[16];
        snprintf(full, sizeof(full), "NL%s", s);
        return mod97_rotated(full, 0) == 1;
}

static bool vat_pl(const char *s)
{
        static const int w[] = { 6, 5, 7, 2, 3, 4, 5, 6, 7 };
        return all_digits(s, 10) && weighted(s, w, 9) % 11 == dg(s, 9);
}

static bool vat_pt(const char *s)
{
        static const int w[] = { 9, 8, 7, 6, 5, 4, 3, 2 };
        if (!all_digits(s, 9) || s[0] == '0')
                return false;
        int c = 11 - weighted(s, w, 8) % 11;
        return (c >= 10 ? 0 : c) == dg(s, 8);
}

static bool vat_ro(const char *s)
{
        static const int w[] = { 7, 5, 3, 2, 1, 7, 5, 3, 2 };
        size_t n = strlen(s);
        if (n < 2 || n > 10 || !all_digits(s, n))
                return false;
        int sum = 0;
        for (size_t i = 0; i + 1 < n; i++)
                sum += dg(s, i) * w[9 - (n - 1) + i];
        return sum * 10 % 11 % 10 == dg(s, n - 1);
}

static bool vat_se(const char *s)
{
        return all_digits(s, 12) && strcmp(s + 10, "01") == 0 && luhn(s, 10);
}

static bool vat_si(const char *s)
{
        static const int w[] = { 8, 7, 6, 5, 4, 3, 2 };
        if (!all_digits(s, 8) || s[0] == '0')
                return false;
        int c = 11 - weighted(s, w, 7) % 11;
        return c != 11 && (c == 10 ? 0 : c) == dg(s, 7);
}

static bool vat_sk(const char *s)
{
        return all_digits(s, 10) && s[0] != '0' && mod_str(s, 11) == 0;
}

/* 9 digits under weights 3 2 7 6 5 4 3 2 (NO organisation numbers, CH UIDs
 * with 5 4 3 2 7 6 5 4): 11 - sum mod 11, 11 as 0, 10 never issued. */
static bool mod11_org(const char *s, const int *w)
{
        if (!all_digits(s, 9))
                return false;
        int c = 11 - weighted(s, w, 8) % 11;
        return c != 10 && (c == 11 ? 0 : c) == dg(s, 8);
}

static bool vat_no(const char *s)
{
        static const int w[] = { 3, 2, 7, 6, 5, 4, 3, 2 };
        size_t n = strlen(s);
        char b[10];
        if (n == 12 && strcmp(s + 9, "MVA") == 0) {
                memcpy(b, s, 9);
                b[9] = 0;
                s = b;
        }
        return mod11_org(s, w);
}

static bool vat_ch(const char *s)
{
        static const int w[] = { 5, 4, 3, 2, 7, 6, 5, 4 };
        char b[10];
        size_t n = strlen(s);
        if (n > 9 && (strcmp(s + 9, "MWST") == 0 || strcmp(s + 9, "TVA") == 0 ||
                      strcmp(s + 9, "IVA") == 0 || strcmp(s + 9, "VAT") == 0)) {
                memcpy(b, s, 9);
                b[9] = 0;
                s = b;
        }
        return mod11_org(s, w);
}

static bool vat_is(const char *s)
{
        /* a VSK number of five or six digits; no public check digit */
        return all_digits(s, 5) || all_digits(s, 6);
}

static const struct {
        const char *prefix;
        bool (*check)(const char *);
        const char *shape;      /* for the error message */
} vat_countries[] = {
        { "AT", vat_at, "U and 8 digits" }, { "BE", vat_be, "10 digits" },
        { "BG", vat_bg, "9 or 10 digits" }, { "CY", vat_cy, "8 digits and a letter" },
        { "CZ", vat_cz, "8 to 10 digits" }, { "DE", vat_de, "9 digits" },
        { "DK", vat_dk, "8 digits" }, { "EE", vat_ee, "9 digits" }, { "EL", vat_el, "9 digits" },
        { "GR", vat_el, "9 digits" }, { "ES", vat_es, "9 characters" },
        { "FI", vat_fi, "8 digits" }, { "FR", vat_fr, "2 characters and 9 digits" },
        { "GB", vat_gb, "9 or 12 digits" }, { "XI", vat_gb, "9 or 12 digits" },
        { "HR", vat_hr, "11 digits" }, { "HU", vat_hu, "8 digits" },
        { "IE", vat_ie, "7 digits and 1 or 2 letters" }, { "IT", vat_it, "11 digits" },
        { "LT", vat_lt, "9 or 12 digits" }, { "LU", vat_lu, "8 digits" },
        { "LV", vat_lv, "11 digits" }, { "MT", vat_mt, "8 digits" },
        { "NL", vat_nl, "9 digits, B and 2 digits" }, { "PL", vat_pl, "10 digits" },
        { "PT", vat_pt, "9 digits" }, { "RO", vat_ro, "2 to 10 digits" },
        { "SE", vat_se, "12 digits ending 01" }, { "SI", vat_si, "8 digits" },
        { "SK", vat_sk, "10 digits" }, { "NO", vat_no, "9 digits (and MVA)" },
        { "CHE", vat_ch, "9 digits (and MWST, TVA or IVA)" }, { "IS", vat_is, "5 or 6 digits" },
};

int vat_id_check(const char *text, char ret_id[BF_VAT_ID_LEN], struct bf_error *err)
{
        char s[ID_MAX + 1];

        if (!text || !compact(text, s))
                return bf_error_set(err, BF_EINVAL, "bad VAT id: not letters and digits");
        /* the longest prefix first: CHE before CH-less codes */
        for (size_t i = 0; i < sizeof(vat_countries) / sizeof(vat_countries[0]); i++) {
                size_t pl = strlen(vat_countries[i].prefix);
                if (strncmp(s, vat_countries[i].prefix, pl) != 0)
                        continue;
                if (!vat_countries[i].check(s + pl))
                        return bf_error_set(err, BF_EINVAL,
                                            "bad VAT id '%s': a %s id has %s and valid check digits", s,
                                            vat_countries[i].prefix, vat_countries[i].shape);
                if (strlen(s) >= BF_VAT_ID_LEN)
                        return bf_error_set(err, BF_EINVAL, "bad VAT id '%s': too long", s);
                if (ret_id)
                        memcpy(ret_id, s, strlen(s) + 1);
                return 0;
        }
        return bf_error_set(err, BF_EINVAL, "bad VAT id '%s': no known country prefix", s);
}

bool vat_id_prefixed(const char *text)
{
        char s[ID_MAX + 1];

        if (!text || !compact(text, s))
                return false;
        for (size_t i = 0; i < sizeof(vat_countries) / sizeof(vat_countries[0]); i++)
                if (strncmp(s, vat_countries[i].prefix, strlen(vat_countries[i].prefix)) == 0)
                        return true;
        return false;
}
