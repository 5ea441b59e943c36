/* gen-text.c: the generator's labels in five languages, and exact decimal,
 * money and date formatting (integers only, never floating point). */
#include <stdio.h>
#include <string.h>

#include "gen.h"

static const char *const datefmt_names[GEN_N_DATEFMT] = {
        "iso", "dmy_slash", "mdy_slash", "dmy_dot", "dmy_dash", "ymd_slash",
        "d_mon_y", "d_month_y", "month_d_y", "mon_d_y", "ymd_dot", "dmy_dot_end",
        "dmy_dot_short", "dmy_spaced",
};

static const char *const numfmt_names[GEN_N_NUMFMT] = {
        "en", "de", "fr", "ch", "plain", "plain_comma",
};

static const char *const curstyle_names[GEN_N_CURSTYLE] = {
        "symbol", "symbol_after", "code", "code_after",
};

const char *gen_label(enum gen_lang lang, enum gen_label id)
{
        return gen_langdef(lang)->label[id][0];
}

/* The label without its trailing colon, for layouts that set the label
 * above the value. */
char *gen_fill(const char *tmpl, const char *const *args, size_t n)
{
        GString *out = g_string_new(NULL);
        size_t k = 0;

        for (const char *p = tmpl; *p; p++) {
                if (p[0] == '%' && (p[1] == 's' || p[1] == 'd') && k < n) {
                        g_string_append(out, args[k++]);
                        p++;
                } else {
                        g_string_append_c(out, *p);
                }
        }
        return g_string_free(out, FALSE);
}

char *gen_label_plain(const char *label)
{
        char *s = g_strdup(label);
        size_t n = strlen(s);

        while (n > 0 && (s[n - 1] == ':' || s[n - 1] == ' '))
                s[--n] = '\0';
        return s;
}

static int lookup(const char *s, const char *const *names, int n)
{
        for (int i = 0; i < n; i++)
                if (g_ascii_strcasecmp(s, names[i]) == 0)
                        return i;
        return -1;
}

int gen_lang_parse(const char *s, enum gen_lang *ret)
{
        if (g_ascii_strcasecmp(s, "nb") == 0)
                s = "no";
        for (int i = 0; i < GEN_N_LANG; i++)
                if (g_ascii_strcasecmp(s, gen_langdef((enum gen_lang)i)->code) == 0) {
                        *ret = (enum gen_lang)i;
                        return 0;
                }
        return -1;
}

int gen_locale_parse(const char *s, enum gen_lang *ret, char ret_cc[3])
{
        char lang[4];
        size_t n = strcspn(s, "-_");

        if (n < 2 || n > 3)
                return -1;
        memcpy(lang, s, n);
        lang[n] = '\0';
        if (gen_lang_parse(lang, ret) < 0)
                return -1;
        ret_cc[0] = '\0';
        if (s[n]) {
                if (strlen(s + n + 1) != 2 || !g_ascii_isalpha(s[n + 1]) ||
                    !g_ascii_isalpha(s[n + 2]))
                        return -1;
                ret_cc[0] = g_ascii_toupper(s[n + 1]);
                ret_cc[1] = g_ascii_toupper(s[n + 2]);
                ret_cc[2] = '\0';
        }
        return 0;
}

const char *gen_lang_name(enum gen_lang lang)
{
        return gen_langdef(lang)->code;
}

int gen_datefmt_parse(const char *s, enum gen_datefmt *ret)
{
        int i = lookup(s, datefmt_names, GEN_N_DATEFMT);

        if (i < 0)
                return -1;
        *ret = (enum gen_datefmt)i;
        return 0;
}

int gen_numfmt_parse(const char *s, enum gen_numfmt *ret)
{
        int i = lookup(s, numfmt_names, GEN_N_NUMFMT);

        if (i < 0)
                return -1;
        *ret = (enum gen_numfmt)i;
        return 0;
}

int gen_curstyle_parse(const char *s, enum gen_curstyle *ret)
{
        int i = lookup(s, curstyle_names, GEN_N_CURSTYLE);

        if (i < 0)
                return -1;
        *ret = (enum gen_curstyle)i;
        return 0;
}

int gen_currency_minor(const char *code)
{
        static const char *const zero[] = { "JPY", "KRW", "ISK", "HUF" };

        for (size_t i = 0; i < G_N_ELEMENTS(zero); i++)
                if (strcmp(code, zero[i]) == 0)
                        return 0;
        return 2;
}

static const char *currency_symbol(const char *code)
{
        if (strcmp(code, "USD") == 0)
                return "$";
        if (strcmp(code, "EUR") == 0)
                return "€";
        if (strcmp(code, "GBP") == 0)
                return "£";
        if (strcmp(code, "JPY") == 0)
                return "¥";
        if (strcmp(code, "CZK") == 0)
                return "Kč";
        if (strcmp(code, "PLN") == 0)
                return "zł";
        if (strcmp(code, "HUF") == 0)
                return "Ft";
        if (strcmp(code, "RON") == 0)
                return "lei";
        if (strcmp(code, "BGN") == 0)
                return "лв.";
        if (strcmp(code, "DKK") == 0 || strcmp(code, "ISK") == 0)
                return "kr.";
        if (strcmp(code, "SEK") == 0 || strcmp(code, "NOK") == 0)
                return "kr";
        return code;
}

/* Parses "-12.345" into v = -12345, scale = 3. Up to 13 integer digits and
 * 6 decimals; nothing else is accepted. */
int gen_dec_parse(const char *s, struct gen_dec *ret)
{
        struct gen_dec d = { 0, 0 };
        int neg = 0, idigits = 0, in_frac = 0;

        if (*s == '-') {
                neg = 1;
                s++;
        } else if (*s == '+') {
                s++;
        }
        if (!*s)
                return -1;
        for (; *s; s++) {
                if (*s == '.' && !in_frac) {
                        in_frac = 1;
                        continue;
                }
                if (*s < '0' || *s > '9')
                        return -1;
                if (in_frac) {
                        if (++d.scale > 6)
                                return -1;
                } else if (++idigits > 13) {
                        return -1;
                }
                d.v = d.v * 10 + (*s - '0');
        }
        if (idigits == 0 && d.scale == 0)
                return -1;
        if (neg)
                d.v = -d.v;
        *ret = d;
        return 0;
}

static int64_t pow10i(int n)
{
        int64_t p = 1;

        while (n-- > 0)
                p *= 10;
        return p;
}

int gen_money_parse(const char *s, int minor, int64_t *ret)
{
        struct gen_dec d;

        if (gen_dec_parse(s, &d) < 0 || d.scale > minor)
                return -1;
        *ret = d.v * pow10i(minor - d.scale);
        return 0;
}

/* Rounds num/den half away from zero; den > 0. */
int64_t gen_round_div(int64_t num, int64_t den)
{
        if (num >= 0)
                return (num + den / 2) / den;
        return -((-num + den / 2) / den);
}

int64_t gen_line_amount(struct gen_dec qty, struct gen_dec price, int minor)
{
        /* qty * price has scale qty.scale + price.scale; bring it to minor. */
        int scale = qty.scale + price.scale;
        int64_t prod = qty.v * price.v;

        if (scale <= minor)
                return prod * pow10i(minor - scale);
        return gen_round_div(prod, pow10i(scale - minor));
}

/* Drops trailing fractional zeros down to min_scale. */
static struct gen_dec dec_trim(struct gen_dec d, int min_scale)
{
        while (d.scale > min_scale && d.v % 10 == 0) {
                d.v /= 10;
                d.scale--;
        }
        while (d.scale < min_scale) {
                d.v *= 10;
                d.scale++;
        }
        return d;
}

static char *dec_render(struct gen_dec d, int min_scale, const char *group,
                        const char *point)
{
        GString *out = g_string_new(NULL);
        char digits[32];
        int64_t a;
        int n, ilen;

        d = dec_trim(d, min_scale);
        a = d.v < 0 ? -d.v : d.v;
        n = snprintf(digits, sizeof(digits), "%0*lld", d.scale + 1, (long long)a);
        ilen = n - d.scale;
        if (d.v < 0)
                g_string_append_c(out, '-');
        for (int i = 0; i < ilen; i++) {
                if (i > 0 && (ilen - i) % 3 == 0 && group)
                        g_string_append(out, group);
                g_string_append_c(out, digits[i]);
        }
        if (d.scale > 0) {
                g_string_append(out, point);
                g_string_append_len(out, digits + ilen, d.scale);
        }
        return g_string_free(out, FALSE);
}

/* The contract's form: dot, no grouping. */
char *gen_dec_plain(struct gen_dec d, int min_scale)
{
        return dec_render(d, min_scale, NULL, ".");
}

char *gen_money_plain(int64_t v, int minor)
{
        struct gen_dec d = { v, minor };

        return dec_render(d, minor, NULL, ".");
}

char *gen_dec_format(enum gen_numfmt nf, struct gen_dec d, int min_scale)
{
        switch (nf) {
        case GEN_NUM_DE:
                return dec_render(d, min_scale, ".", ",");
        case GEN_NUM_FR:
                return dec_render(d, min_scale, " ", ",");
        case GEN_NUM_CH:
                return dec_render(d, min_scale, "'", ".");
        case GEN_NUM_PLAIN:
                return dec_render(d, min_scale, NULL, ".");
        case GEN_NUM_PLAIN_COMMA:
                return dec_render(d, min_scale, NULL, ",");
        case GEN_NUM_EN:
        default:
                return dec_render(d, min_scale, ",", ".");
        }
}

char *gen_money_format(const struct gen_doc *doc, int64_t v, int with_currency)
{
        struct gen_dec d = { v < 0 ? -v : v, doc->minor };
        const char *sym = currency_symbol(doc->currency);
        const char *sign = v < 0 ? "-" : "";
        char *num = gen_dec_format(doc->numfmt, d, doc->minor);
        char *out;

        if (!with_currency) {
                out = g_strconcat(sign, num, NULL);
        } else {
                switch (doc->curstyle) {
                case GEN_CUR_SYMBOL_BEFORE:
                        out = g_strdup_printf("%s%s%s%s", sign, sym,
                                              g_utf8_strlen(sym, -1) > 1 ? " " : "",
                                              num);
                        break;
                case GEN_CUR_SYMBOL_AFTER:
                        out = g_strdup_printf("%s%s %s", sign, num, sym);
                        break;
                case GEN_CUR_CODE_BEFORE:
                        out = g_strdup_printf("%s %s%s", doc->currency, sign, num);
                        break;
                case GEN_CUR_CODE_AFTER:
                default:
                        out = g_strdup_printf("%s%s %s", sign, num, doc->currency);
                        break;
                }
        }
        g_free(num);
        return out;
}

/* Days since 1970-01-01 (H. Hinnant's civil calendar algorithms). */
static int64_t days_from_civil(int y, int m, int d)
{
        int64_t era, yoe, doy, doe;

        y -= m <= 2;
        era = (y >= 0 ? y : y - 399) / 400;
        yoe = y - era * 400;
        doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
}

static struct gen_date civil_from_days(int64_t z)
{
        struct gen_date r;
        int64_t era, doe, yoe, doy, mp;

        z += 719468;
        era = (z >= 0 ? z : z - 146096) / 146097;
        doe = z - era * 146097;
        yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        mp = (5 * doy + 2) / 153;
        r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
        r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
        r.y = (int)(yoe + era * 400 + (r.m <= 2));
        return r;
}

int gen_date_parse(const char *s, struct gen_date *ret)
{
        struct gen_date d;
        struct gen_date back;
        char tail;

        if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &d.y, &d.m, &d.d, &tail) != 3)
                return -1;
        if (d.y < 1900 || d.y > 2999 || d.m < 1 || d.m > 12 || d.d < 1 || d.d > 31)
                return -1;
        back = civil_from_days(days_from_civil(d.y, d.m, d.d));
        if (back.y != d.y || back.m != d.m || back.d != d.d)
                return -1;
        *ret = d;
        return 0;
}

struct gen_date gen_date_add(struct gen_date d, int days)
{
        return civil_from_days(days_from_civil(d.y, d.m, d.d) + days);
}

char *gen_date_iso(struct gen_date d)
{
        return g_strdup_printf("%04d-%02d-%02d", d.y, d.m, d.d);
}

/* A spelled date from the language's pattern (%d day, %B month, %Y year). */
static char *date_spelled(const char *pattern, const char *month, struct gen_date d)
{
        GString *out = g_string_new(NULL);

        for (const char *p = pattern; *p; p++) {
                if (p[0] == '%' && p[1] == 'd')
                        g_string_append_printf(out, "%d", d.d);
                else if (p[0] == '%' && p[1] == 'B')
                        g_string_append(out, month);
                else if (p[0] == '%' && p[1] == 'Y')
                        g_string_append_printf(out, "%04d", d.y);
                else {
                        g_string_append_c(out, *p);
                        continue;
                }
                p++;
        }
        return g_string_free(out, FALSE);
}

char *gen_date_format(enum gen_lang lang, enum gen_datefmt fmt, struct gen_date d)
{
        const struct gen_langdef *ld = gen_langdef(lang);
        const char *lm = ld->months[d.m - 1];
        const char *sm = ld->months_short[0] ? ld->months_short[d.m - 1] : lm;

        /* Month-first spelled dates are English; elsewhere use day-first. */
        if (lang != GEN_EN && fmt == GEN_DATE_MONTH_D_Y)
                fmt = GEN_DATE_D_MONTH_Y;
        if (lang != GEN_EN && fmt == GEN_DATE_MON_D_Y)
                fmt = GEN_DATE_D_MON_Y;
        /* Languages without short month names spell the month out. */
        if (lang > GEN_ES && fmt == GEN_DATE_D_MON_Y && !ld->months_short[0])
                fmt = GEN_DATE_D_MONTH_Y;

        switch (fmt) {
        case GEN_DATE_DMY_SLASH:
                return g_strdup_printf("%02d/%02d/%04d", d.d, d.m, d.y);
        case GEN_DATE_MDY_SLASH:
                return g_strdup_printf("%02d/%02d/%04d", d.m, d.d, d.y);
        case GEN_DATE_DMY_DOT:
                return g_strdup_printf("%02d.%02d.%04d", d.d, d.m, d.y);
        case GEN_DATE_DMY_DASH:
                return g_strdup_printf("%02d-%02d-%04d", d.d, d.m, d.y);
        case GEN_DATE_YMD_SLASH:
                return g_strdup_printf("%04d/%02d/%02d", d.y, d.m, d.d);
        case GEN_DATE_YMD_DOT:
                return g_strdup_printf("%04d.%02d.%02d.", d.y, d.m, d.d);
        case GEN_DATE_DMY_DOT_END:
                return g_strdup_printf("%02d.%02d.%04d.", d.d, d.m, d.y);
        case GEN_DATE_DMY_DOT_SHORT:
                return g_strdup_printf("%d.%d.%04d", d.d, d.m, d.y);
        case GEN_DATE_DMY_SPACED:
                return g_strdup_printf("%d. %d. %04d", d.d, d.m, d.y);
        case GEN_DATE_D_MON_Y:
                if (lang == GEN_DE)
                        return g_strdup_printf("%d. %s %04d", d.d, sm, d.y);
                return g_strdup_printf("%d %s %04d", d.d, sm, d.y);
        case GEN_DATE_D_MONTH_Y:
                switch (lang) {
                case GEN_DE:
                        return g_strdup_printf("%d. %s %04d", d.d, lm, d.y);
                case GEN_FR:
                        if (d.d == 1)
                                return g_strdup_printf("1er %s %04d", lm, d.y);
                        return g_strdup_printf("%d %s %04d", d.d, lm, d.y);
                case GEN_ES:
                        return g_strdup_printf("%d de %s de %04d", d.d, lm, d.y);
                case GEN_EN:
                case GEN_NL:
                        return g_strdup_printf("%d %s %04d", d.d, lm, d.y);
                default:
                        return date_spelled(ld->date_long, lm, d);
                }
        case GEN_DATE_MONTH_D_Y:
                return g_strdup_printf("%s %d, %04d", lm, d.d, d.y);
        case GEN_DATE_MON_D_Y:
                return g_strdup_printf("%s %d, %04d", sm, d.d, d.y);
        case GEN_DATE_ISO:
        default:
                return gen_date_iso(d);
        }
}
