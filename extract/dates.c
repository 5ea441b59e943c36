/* dates.c: the page's day/month order, the invoice date and the due date
 * (printed, else from the payment terms, else the vendor's terms). */
#include "extract/lang.h"
#include "extract/slips.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const month_words[] = {
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
                "janv", "fev", "mars", "avr", "mai", "juin", "juil", "aou", "sept", "okt", "dez",
                "mrt", "mei", "ene", "abr", "ago", "dic", "maerz", "marz", "juni", "juli", "enero",
                "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                "octubre", "noviembre", "diciembre", "januar", "februar", "april", "august",
                "september", "oktober", "november", "dezember", "janvier", "fevrier", "avril",
                "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "januari",
                "februari", "maart", "augustus", "december", "january", "february", "march",
                "june", "july", "october", "jun.", NULL,
};

static bool month_word(const char *norm)
{
        for (int i = 0; month_words[i]; i++)
                if (strcmp(norm, month_words[i]) == 0)
                        return true;
        return false;
}

/* Is the folded word one of any language's month spellings as it is? */
static bool date_month_word_known(const char *f)
{
        const char *m;
        for (size_t i = 0; (m = date_month_word(i)); i++)
                if (*m && strcmp(f, m) == 0)
                        return true;
        return false;
}

/* "MeBpouapiou": a Greek word read in the Latin letters drawn like its
 * own (the English model's reading of a Greek page), written back in
 * Greek into out (64 bytes); false when a letter has no Greek twin. */
static bool greek_twins(const char *f, char *out)
{
        static const char latin[] = "abeikmnoptuvxy";
        static const char *const greek[] = { "α", "β", "ε", "ι", "κ", "μ", "η", "ο", "ρ", "τ", "υ",
                                             "ν", "χ", "γ" };
        size_t o = 0;

        for (; *f; f++) {
                const char *c = strchr(latin, *f);
                if (!c || o + 3 > 64)
                        return false;
                memcpy(out + o, greek[c - latin], 2);
                o += 2;
        }
        out[o] = 0;
        return o > 0;
}

/* "21 aoit 2026": a month name of four letters or more with one letter
 * misread by OCR is put right in place (dst holds 32 bytes); false when
 * no word needed it. */
static bool mend_month(const char *p, char *dst)
{
        char out[32] = "";
        size_t o = 0;
        bool mended = false;
        while (*p) {
                size_t n = strcspn(p, " ");
                char word[32];
                if (n >= sizeof(word))
                        return false;
                memcpy(word, p, n);
                word[n] = 0;
                char *f = extract_fold(word);
                const char *put = word;
                bool alpha = n >= 4;
                for (size_t k = 0; k < n && alpha; k++)
                        alpha = isalpha((unsigned char)word[k]) || (unsigned char)word[k] >= 0x80;
                if (alpha && !month_word(f))
                        for (int i = 0; month_words[i]; i++)
                                if (strlen(month_words[i]) >= 4 && extract_within_one(f, month_words[i])) {
                                        put = month_words[i];
                                        mended = true;
                                        break;
                                }
                /* ... a Greek or Cyrillic one in its language's spelling
                 * of five letters or more ("Τανουαρίου": Ιανουαρίου with
                 * its Ι read as Τ); Latin ones by the list above */
                /* ... or one in Greek read in Latin twins, five of them or
                 * more ("MeBpouapiou": Φεβρουαρίου, its Φ read as M) */
                const char *m;
                char twins[64];
                bool script = ((unsigned char)f[0] & 0x80) != 0;
                const char *g = script ? f : n >= 5 && !month_word(f) && greek_twins(f, twins) ? twins : NULL;
                for (size_t i = 0; alpha && g && put == word && !date_month_word_known(g) &&
                                   (m = date_month_word(i)); i++)
                        if (extract_letter_count(m) >= 5 && extract_within_one_letter(g, m)) {
                                put = m;
                                mended = true;
                        }
                if (alpha && g == twins && put == word && date_month_word_known(twins)) {
                        put = twins;
                        mended = true;
                }
                int w = snprintf(out + o, sizeof(out) - o, "%s%s", o ? " " : "", put);
                free(f);
                if (w < 0 || (size_t)w >= sizeof(out) - o)
                        return false;
                o += (size_t)w;
                p += n;
                while (*p == ' ')
                        p++;
        }
        if (mended)
                memcpy(dst, out, sizeof(out));
        return mended;
}

/* "14/fMay/2017", "14/dun/2017", "01-Nov-2017_11:20:04AM": a month name
 * written between the day and the year in one word, with a letter OCR put
 * before or after it or one letter misread (three-letter names: only where
 * one month alone is that close), or the time run on after the year. The
 * mended date in dst (32 bytes); *guess when the month was put right (the
 * time cut off is no guess). False when nothing needed it. */
static bool mend_month_field(const char *p, char *dst, bool *guess)
{
        static const char *const abbr[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                            "sep", "oct", "nov", "dec" };
        size_t d = strspn(p, "0123456789OQ");
        if (d < 1 || d > 2 || !strchr("/-.", p[d]))
                return false;
        char sep = p[d];
        const char *m = p + d + 1;
        size_t n = 0;
        while (isalpha((unsigned char)m[n]))
                n++;
        if (n < 3 || n > 4 || m[n] != sep)
                return false;
        const char *y = m + n + 1;
        size_t ny = strspn(y, "0123456789");
        if (ny != 4 && ny != 2)
                return false;
        /* after the year: nothing, or a time run on ('_' or a letter, then anything) */
        bool cut = y[ny] != 0;
        if (cut && y[ny] != '_' && !isalpha((unsigned char)y[ny]))
                return false;
        char word[8];
        for (size_t k = 0; k < n; k++)
                word[k] = (char)tolower((unsigned char)m[k]);
        word[n] = 0;
        const char *month = NULL;
        char as_is[32];
        bf_date dd;
        /* a month of any language as it is ("12-lug-2026": July, not a misread Aug) */
        int k0 = snprintf(as_is, sizeof(as_is), "15%c%s%c2020", sep, word, sep);
        if (month_word(word) || (k0 > 0 && (size_t)k0 < sizeof(as_is) &&
                                 date_parse(as_is, DATE_ORDER_DMY, &dd, NULL, NULL) == 0)) {
                month = word;
        } else if (n == 4) {
                /* a letter stuck before or after a three-letter name */
                for (size_t k = 0; k < sizeof(abbr) / sizeof(abbr[0]) && !month; k++)
                        if (strncmp(word + 1, abbr[k], 3) == 0 || strncmp(word, abbr[k], 3) == 0)
                                month = abbr[k];
        } else {
                for (size_t k = 0; k < sizeof(abbr) / sizeof(abbr[0]); k++) {
                        if (!extract_within_one(word, abbr[k]))
                                continue;
                        if (month)
                                return false;   /* "mav": may or mar, no telling */
                        month = abbr[k];
                }
        }
        if (!month)
                return false;
        /* a day's 0 read O or Q ("Q1-Nov-2017") */
        char day[3] = { 0 };
        bool zero = false;
        for (size_t k = 0; k < d; k++) {
                zero |= !isdigit((unsigned char)p[k]);
                day[k] = isdigit((unsigned char)p[k]) ? p[k] : '0';
        }
        if (zero && (d != 2 || !(isdigit((unsigned char)p[0]) || isdigit((unsigned char)p[1]))))
                return false;
        bool mended = month != word || zero;
        if (!mended && !cut)
                return false;
        int w = snprintf(dst, 32, "%s%c%s%c%.*s", day, sep, month, sep, (int)ny, y);
        if (w < 0 || w >= 32)
                return false;
        if (mended)
                *guess = true;
        return true;
}

int extract_date_at(const struct xdoc *x, size_t i, bf_date *ret, double *ret_conf)
{
        const struct xtok *t = &x->toks[i];
        const struct xline *l = &x->lines[t->line];
        size_t end = l->first + l->n;
        if (!extract_has_digit(t->raw) && !month_word(t->norm))
                return 0;
        for (size_t w = 5; w >= 1; w--) {
                if (i + w > end)
                        continue;
                /* a date is written tight: no column gaps inside */
                bool tight = true;
                for (size_t k = i + 1; k < i + w; k++)
                        if (x->toks[k].box.x0 - x->toks[k - 1].box.x1 > 1.5 * l->h)
                                tight = false;
                if (!tight)
                        continue;
                char *s = xdoc_join(x, i, i + w, false);
                size_t n = strlen(s);
                /* "24 settembre 2026”": a curly quote after it too */
                for (bool more = true; more;) {
                        more = n > 0 && strchr(slip_specks_date_trail, s[n - 1]);
                        if (more)
                                s[--n] = 0;
                        else if (n >= 3 && (unsigned char)s[n - 3] == 0xe2 && (unsigned char)s[n - 2] == 0x80 &&
                                 (unsigned char)s[n - 1] >= 0x98 && (unsigned char)s[n - 1] <= 0x9d) {
                                n -= 3;
                                s[n] = 0;
                                more = true;
                        }
                }
                char *p = s;
                /* "(3/1/26", "‘Feb 15": brackets and quotes OCR put before it */
                while (*p && !isalnum((unsigned char)*p))
                        p++;
                /* "[Sales]2018-01-05": a bracketed word glued to the date */
                char *rb = strchr(p, ']');
                if (rb && rb[1] >= '0' && rb[1] <= '9')
                        p = rb + 1;
                /* "21 aoit 2026": a month name misread (the month vocabulary
                 * is here); the other slips are the catalogue's */
                char fixed[32], mended[32], field[32];
                bool fixed_year = false;        /* or the day: a guess */
                if (x->doc->source != SOURCE_TEXT && w == 1 && mend_month_field(p, field, &fixed_year))
                        p = field;
                if (x->doc->source != SOURCE_TEXT && w >= 2 && !extract_has_digit(x->toks[i + 1].raw) &&
                    mend_month(p, fixed)) {
                        p = fixed;
                        fixed_year = true;
                }
                const char *text = slips_date(p, mended, x->doc->source != SOURCE_TEXT, w,
                                              strlen(x->toks[i].raw), &fixed_year);
                bf_date d;
                double conf = 0;
                int rc = extract_has_digit(text) ?
                         date_parse_lang(text, x->order, x->lang, &d, &conf, NULL) : -1;
                free(s);
                if (fixed_year)
                        conf *= 0.8;
                if (rc == 0 && d.y >= 1990 && d.y <= 2099) {
                        *ret = d;
                        if (ret_conf)
                                *ret_conf = conf;
                        return (int)w;
                }
        }
        return 0;
}

/* GST and VAT are charged where the day comes first (a "$" on a Malaysian
 * or Australian receipt says nothing about US dates); so are USt, MwSt,
 * TVA, BTW and IVA. */
static bool vat_country(const struct xdoc *x)
{
        static const char *const words[] = {
                "gst", "vat", "bhd", "abn", "ust", "ust-idnr", "ust-id", "ustid", "ust-nr",
                "mwst", "tva", "btw", "btw-nummer", "btw-nr", "iva",
        };
        for (size_t i = 0; i < x->n_toks; i++)
                for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
                        if (strcmp(x->toks[i].norm, words[k]) == 0)
                                return true;
        return false;
}

/* Is token i inside the block a "Bill to" / "Ship to" label heads (at
 * the label's left edge or right of it, up to eight lines down)? */
static bool in_customer_block(const struct xdoc *x, size_t i)
{
        const struct xtok *t = &x->toks[i];
        const bf_page *pg = xdoc_page(x, t->page);
        double width = pg ? pg->width : 0;
        for (size_t hi = 0; hi < x->n_hits; hi++) {
                const struct xhit *h = &x->hits[hi];
                if (h->kind != LK_CUSTOMER || x->toks[h->first].page != t->page)
                        continue;
                double lh = h->box.y1 - h->box.y0;
                if (t->box.y0 >= h->box.y0 - 0.5 * lh && t->box.y0 <= h->box.y1 + 8 * lh &&
                    t->box.x0 >= h->box.x0 - 2 * lh && t->box.x0 <= h->box.x0 + 0.45 * width)
                        return true;
        }
        return false;
}

/* An American issuer's own identifiers: an EIN (employer identification
 * number, the US tax id) or an ABA routing number for its bank. Such a
 * number says where the vendor is when OCR lost its address. */
static bool us_ids(const struct xdoc *x)
{
        for (size_t i = 0; i + 1 < x->n_toks; i++) {
                const struct xtok *t = &x->toks[i], *v = &x->toks[i + 1];
                if ((strcmp(t->norm, "ein") == 0 || strcmp(t->norm, "aba") == 0) &&
                    v->line == t->line && strspn(v->norm, "0123456789-") >= 9)
                        return true;
        }
        return false;
}

/* The issuer writes from the United States: a state and ZIP code ("CA
 * 94607", "NY 10001-2345") outside the customer's address block. Where
 * the invoice comes from says how its dates are written, whatever the
 * currency billed in (unless the page charges VAT or GST). Its EIN or
 * ABA routing number says the same. */
static bool us_issuer(const struct xdoc *x)
{
        static const char states[] =
                " AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO"
                " MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY ";
        if (us_ids(x))
                return true;
        for (size_t i = 0; i + 1 < x->n_toks; i++) {
                const char *st = x->toks[i].raw, *zip = x->toks[i + 1].raw;
                char code[5];
                size_t n = strlen(zip);
                if (strlen(st) != 2 || !isupper((unsigned char)st[0]) ||
                    !isupper((unsigned char)st[1]) || x->toks[i + 1].line != x->toks[i].line)
                        continue;
                if (n && zip[n - 1] == ',')
                        n--;
                if (n != 5 && !(n == 10 && zip[5] == '-'))
                        continue;
                bool digits = true;
                for (size_t k = 0; k < n; k++)
                        digits = digits && (k == 5 ? zip[k] == '-' : isdigit((unsigned char)zip[k]));
                snprintf(code, sizeof(code), " %s ", st);
                if (digits && strstr(states, code) && !in_customer_block(x, i))
                        return true;
        }
        return false;
}

void extract_date_order(struct xdoc *x, const struct extract_options *opt)
{
        int dmy = 0, mdy = 0;
        if (opt->date_hint != DATE_ORDER_UNKNOWN) {
                x->order = opt->date_hint;
                x->order_basis = ORDER_SETTLED;
                return;
        }
        for (size_t i = 0; i < x->n_toks; i++) {
                const char *s = x->toks[i].raw;
                long a, b, c;
                char s1, s2;
                int c_at = 0, used = 0;
                if (sscanf(s, "%ld%c%ld%c%n%ld%n", &a, &s1, &b, &s2, &c_at, &c, &used) != 5 ||
                    s1 != s2 || !strchr("/.-", s1))
                        continue;
                bool long_year = used - c_at == 4 && c >= 1990 && c <= 2099;
                if (a > 12 && a <= 31 && b >= 1 && b <= 12)
                        dmy++;
                /* "11.14.00" is a time far more often than a dotted
                 * month-first date with a short year */
                else if (b > 12 && b <= 31 && a >= 1 && a <= 12 && (s1 != '.' || long_year))
                        mdy++;
        }
        /* A page that writes both orders settles nothing. */
        x->order_basis = (dmy > 0) != (mdy > 0) ? ORDER_SETTLED : ORDER_GUESSED;
        /* Where the page's own dates do not settle it: its region. */
        bool vat = dmy == mdy && vat_country(x), us = dmy == mdy && us_issuer(x);
        if (dmy > mdy)
                x->order = DATE_ORDER_DMY;
        else if (mdy > dmy)
                x->order = DATE_ORDER_MDY;
        else if (!vat && (us || strcmp(x->currency, "USD") == 0))
                x->order = DATE_ORDER_MDY;
        else
                x->order = DATE_ORDER_DMY;
        if (x->order_basis == ORDER_GUESSED && dmy == 0 && mdy == 0 &&
            (x->currency[0] || vat || us))
                x->order_basis = ORDER_BY_REGION;
}

struct dcand {
        bf_date d;
        double conf;
        size_t first, end;      /* its tokens */
        double score;
        int page;
        bf_box box;
        const struct xhit *hit;
};

/* The date a label points at: right of it, else under it. */
static bool label_date(const struct xdoc *x, const struct xhit *h, struct dcand *ret)
{
        size_t i = extract_value_right(x, h);
        const struct xline *l = &x->lines[h->line];
        for (int tries = 0; i != SIZE_MAX && i < l->first + l->n && tries < 3; tries++, i++) {
                int n = extract_date_at(x, i, &ret->d, &ret->conf);
                if (n > 0) {
                        ret->first = i;
                        ret->end = i + (size_t)n;
                        ret->box = x->toks[i].box;
                        for (int k = 1; k < n; k++)
                                ret->box = box_union(ret->box, x->toks[i + (size_t)k].box);
                        ret->page = l->page;
                        ret->hit = h;
                        return true;
                }
                if (x->toks[i].label >= 0)
                        break;
        }
        for (int which = 0; which < 2; which++) {
                i = extract_value_below(x, h, which);
                if (i == SIZE_MAX)
                        break;
                int n = extract_date_at(x, i, &ret->d, &ret->conf);
                if (n > 0) {
                        ret->first = i;
                        ret->end = i + (size_t)n;
                        ret->box = x->toks[i].box;
                        ret->page = x->lines[x->toks[i].line].page;
                        ret->hit = h;
                        ret->conf *= which ? 0.85 : 0.95;
                        return true;
                }
        }
        return false;
}

/* Words that give a number its date: "Nr. TX-471102 vom 30.10.2019",
 * "Facture N° 123 du 13/11/2017", "Invoice No. 42 dated 5 May 2020",
 * "Factura nº 7 del 3/2/2021", "Factuur 88 van 1-2-2020", "Faktura nr 5
 * z dnia ...". */
/* As strong as a plain "Datum" label and no stronger than "Rechnungsdatum" */
#define TITLE_DATE_STRENGTH 88

static const char *const dated_words[] = {
        "vom", "du", "dated", "del", "van", "z", "ze", "dd", "fra", "af", "dal", "de", NULL,
};

/* The date an invoice number's label gives beside the number ("Rechnung
 * Nr. X vom DATE", the date on the line under the number when the title
 * breaks there): the label's date, as strong as an invoice-date label. */
static bool title_date(const struct xdoc *x, const struct xhit *h, struct dcand *ret)
{
        size_t v = extract_value_right(x, h);
        if (v == SIZE_MAX)
                return false;
        const struct xline *l = &x->lines[x->toks[v].line];
        size_t j = v + 1, stop = l->first + l->n;
        if (j >= stop) {
                /* the number ends its line: "vom DATE" opens the next one */
                size_t li = x->toks[v].line + 1;
                if (li >= x->n_lines || x->lines[li].page != l->page ||
                    x->lines[li].box.y0 - l->box.y1 > 1.5 * l->h ||
                    fabs(x->lines[li].box.x0 - x->lines[h->line].box.x0) > 2 * l->h)
                        return false;
                j = x->lines[li].first;
                stop = j + x->lines[li].n;
        }
        bool dated = false;
        for (int w = 0; dated_words[w] && !dated; w++)
                dated = strcmp(x->toks[j].norm, dated_words[w]) == 0;
        /* "z dnia", "ze dne": the word after the preposition */
        if (dated && j + 2 < stop && (strcmp(x->toks[j + 1].norm, "dnia") == 0 ||
                                      strcmp(x->toks[j + 1].norm, "dne") == 0))
                j++;
        if (!dated || j + 1 >= stop)
                return false;
        int n = extract_date_at(x, j + 1, &ret->d, &ret->conf);
        if (n <= 0)
                return false;
        ret->first = j + 1;
        ret->end = j + 1 + (size_t)n;
        ret->box = x->toks[j + 1].box;
        for (int k = 1; k < n; k++)
                ret->box = box_union(ret->box, x->toks[j + 1 + (size_t)k].box);
        ret->page = x->toks[j + 1].page;
        ret->hit = h;
        return true;
}

/* Is token i the end of "due on receipt", "zahlbar sofort", "payable à
 * réception", "betaalbaar bij ontvangst", "pago al contado": terms of
 * no days? */
static bool due_at_once(const struct xdoc *x, size_t i)
{
        static const char *const pairs[][2] = {
                { "on", "receipt" }, { "upon", "receipt" }, { "zahlbar", "sofort" },
                { "sofort", "zahlbar" }, { "sofort", "fallig" }, { "a", "reception" },
                { "des", "reception" }, { "bij", "ontvangst" }, { "al", "contado" },
        };
        if (i == 0 || x->toks[i - 1].line != x->toks[i].line)
                return false;
        for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++)
                if (strcmp(x->toks[i - 1].norm, pairs[k][0]) == 0 &&
                    strcmp(x->toks[i].norm, pairs[k][1]) == 0)
                        return true;
        return false;
}

/* Does a payment terms label head t's column: on the line just above,
 * overlapping t across? */
static bool terms_label_above(const struct xdoc *x, const struct xtok *t)
{
        if (t->line == 0 || x->lines[t->line - 1].page != x->lines[t->line].page)
                return false;
        const struct xline *up = &x->lines[t->line - 1];
        for (size_t k = up->first; k < up->first + up->n; k++) {
                int h = x->toks[k].label;
                if (h >= 0 && x->hits[h].kind == LK_TERMS &&
                    x->hits[h].box.x0 < t->box.x1 && x->hits[h].box.x1 > t->box.x0 &&
                    t->box.y0 - x->hits[h].box.y1 < 3 * up->h)
                        return true;
        }
        return false;
}

/* Payment terms in days ("Net 30", "30 days", "14 Tage netto", "à 30
 * jours", "binnen 30 dagen", "30 días", "30 dienu laikā", "due on
 * receipt"); -1 when none. */
static int terms_days(const struct xdoc *x)
{
        /* "days" in every language (extract/lang/) */
        const char *days[128];
        extract_lang_words(LANG_DAYS, days, 128);
        for (size_t i = 0; i < x->n_toks; i++) {
                const struct xtok *t = &x->toks[i];
                char *e;
                if (due_at_once(x, i))
                        return 0;
                long v = strtol(t->norm, &e, 10);
                bool next_days = false;
                /* "14-jours", "14joursnet": OCR ran the number, its word
                 * (and "net") together */
                bool glued_net = false;
                if (e != t->norm && isalpha((unsigned char)(*e == '-' ? e[1] : e[0])))
                        for (int k = 0; days[k]; k++) {
                                const char *r = *e == '-' ? e + 1 : e;
                                size_t dl = strlen(days[k]);
                                if (dl < 3 || strncmp(r, days[k], dl) != 0)
                                        continue;
                                if (r[dl] == 0 && (*e == '-' || x->doc->source != SOURCE_TEXT))
                                        next_days = true;
                                else if (strcmp(r + dl, "net") == 0 || strcmp(r + dl, "netto") == 0 ||
                                         strcmp(r + dl, "-net") == 0)
                                        next_days = glued_net = true;
                        }
                /* "Net 30°": a speck after the number on a scan */
                bool speck = false;
                if (e != t->norm && *e && !next_days && x->doc->source != SOURCE_TEXT) {
                        const char *r = t->raw + strspn(t->raw, "0123456789");
                        speck = *r != 0 && r != t->raw;
                        for (; *r && speck; r++)
                                speck = !isalnum((unsigned char)*r) && *r != '%';
                }
                if (e == t->norm || (*e && !next_days && !speck) || v < 1 || v > 180)
                        continue;
                if (glued_net)
                        return (int)v;
                bool prev_net = i > 0 && x->toks[i - 1].line == t->line &&
                                (strcmp(x->toks[i - 1].norm, "net") == 0 ||
                                 strcmp(x->toks[i - 1].norm, "netto") == 0 ||
                                 strcmp(x->toks[i - 1].norm, "within") == 0 ||
                                 strcmp(x->toks[i - 1].norm, "innerhalb") == 0 ||
                                 strcmp(x->toks[i - 1].norm, "binnen") == 0);
                if (i + 1 < x->n_toks && x->toks[i + 1].line == t->line) {
                        const char *nx = x->toks[i + 1].norm;
                        for (int k = 0; days[k]; k++) {
                                size_t dl = strlen(days[k]);
                                if (strcmp(nx, days[k]) == 0)
                                        next_days = true;
                                /* "Glan 60 14": Irish "lá" read "14" or "1a" */
                                else if (x->doc->source != SOURCE_TEXT && slips_digits_word(nx, days[k]))
                                        next_days = true;
                                /* "14 days-net": OCR ran the days into "net" */
                                else if (dl > 1 && strncmp(nx, days[k], dl) == 0 &&
                                         (strcmp(nx + dl, "-net") == 0 || strcmp(nx + dl, "-netto") == 0))
                                        return (int)v;
                        }
                }
                if (prev_net && (strcmp(x->toks[i - 1].norm, "net") == 0 || next_days))
                        return (int)v;
                /* "Payment within 14": OCR lost the days, the phrase says them */
                if (prev_net && !*e && i > 1 && x->toks[i - 2].line == t->line &&
                    (strcmp(x->toks[i - 2].norm, "payment") == 0 || strcmp(x->toks[i - 2].norm, "payable") == 0 ||
                     strcmp(x->toks[i - 2].norm, "zahlbar") == 0 || strcmp(x->toks[i - 2].norm, "betaling") == 0))
                        return (int)v;
                if (next_days) {
                        /* "30 days net", "14 Tage netto", "payable within 30 days",
                         * "à 30 jours", "30 días": near a terms word on the line */
                        const struct xline *l = &x->lines[t->line];
                        for (size_t k = l->first; k < l->first + l->n; k++) {
                                const char *n = x->toks[k].norm;
                                int h = x->toks[k].label;
                                if ((h >= 0 && (x->hits[h].kind == LK_TERMS || x->hits[h].kind == LK_DUE)) ||
                                    extract_lang_word(LANG_TERMS, n))
                                        return (int)v;
                        }
                        /* "14 dienų" in a row of values under its column's
                         * "Mokėjimo sąlygos" (payment terms) */
                        if (terms_label_above(x, t))
                                return (int)v;
                }
        }
        return -1;
}

/* Distinct dates on the page other than `d` and `due`; *twice* is set
 * when `d` itself is printed again elsewhere. */
static int other_dates(const struct xdoc *x, const struct dcand *d, const struct dcand *due,
                       bool *twice)
{
        int64_t seen[8];
        int n = 0;
        *twice = false;
        for (size_t i = 0; i < x->n_toks; i++) {
                bf_date e;
                int w = extract_date_at(x, i, &e, NULL);
                if (w <= 0)
                        continue;
                int64_t k = date_to_days(e);
                if (k == date_to_days(d->d)) {
                        if (i != d->first)
                                *twice = true;
                } else if (!(due->score >= 0 && k == date_to_days(due->d))) {
                        bool known = false;
                        for (int j = 0; j < n; j++)
                                known |= seen[j] == k;
                        if (!known && n < 8)
                                seen[n++] = k;
                }
                i += (size_t)w - 1;
        }
        return n;
}

/* The invoice date's confidence: the label's strength, what settles the
 * day/month order, how well OCR read it and whether anything vouches. */
/* A printed due date that is the invoice date plus the printed terms, the
 * vendor's terms or a customary term: two readings that agree, which a
 * misread digit in either would rarely keep. */
static bool due_vouches(const struct xdoc *x, const struct dcand *c, const struct dcand *due,
                        const bf_vendor *vendor)
{
        static const int customary[] = { 7, 14, 21, 30, 45, 60 };
        if (due->score < 0 || !date_is_set(due->d))
                return false;
        int64_t n = date_to_days(due->d) - date_to_days(c->d);
        if (n <= 0)
                return false;
        int terms = terms_days(x);
        if (terms > 0)
                return n == terms;
        if (vendor && vendor->payment_terms_days > 0 && n == vendor->payment_terms_days)
                return true;
        for (size_t i = 0; i < sizeof customary / sizeof customary[0]; i++)
                if (n == customary[i])
                        return true;
        return false;
}

static double date_conf(const struct xdoc *x, const struct dcand *c, const struct dcand *due,
                        const bf_vendor *vendor)
{
        double conf;
        bool twice;
        int others = other_dates(x, c, due, &twice);
        if (c->hit) {
                conf = 0.5 + 0.45 * (c->hit->kind == LK_INVNO ? TITLE_DATE_STRENGTH : c->hit->strength) / 100.0;
        } else {
                /* "Invoice no 562044387 of 02 July 2015": the number's label
                 * names the date beside it */
                bool on_invno = false;
                size_t li = x->toks[c->first].line;
                for (size_t hi = 0; hi < x->n_hits && !on_invno; hi++)
                        on_invno = x->hits[hi].kind == LK_INVNO && x->hits[hi].line == li &&
                                   x->hits[hi].end <= c->first;
                conf = on_invno ? 0.88 : 0.5;
                if (others > 0)
                        conf -= 0.05;
        }
        /* both orders give a date: only as sure as what settled the order */
        if (c->conf > 0 && c->conf < 1.0) {
                if (x->order_basis == ORDER_GUESSED)
                        conf = fmin(conf, 0.7);
                else if (x->order_basis == ORDER_BY_REGION)
                        conf -= 0.02;
        }
        if (extract_read_conf(x, c->first, c->end) < OCR_SURE && !twice &&
            !(c->hit && due_vouches(x, c, due, vendor)))
                conf = fmin(conf, OCR_DOUBT_CAP);
        return conf;
}

/* The date a till stamps at the head of its receipt number
 * ("2018042810080010525": 28 April 2018): a run of 14 or more digits
 * opening with a valid 20YYMMDD. False when the page has none. */
static bool stamped_date(const struct xdoc *x, bf_date *ret)
{
        for (size_t i = 0; i < x->n_toks; i++) {
                const char *p = x->toks[i].raw;
                while (*p) {
                        size_t n = strspn(p, "0123456789");
                        if (n >= 14 && p[0] == '2' && p[1] == '0') {
                                bf_date d = {
                                        .y = (int16_t)((p[2] - '0') * 10 + (p[3] - '0') + 2000),
                                        .m = (int8_t)((p[4] - '0') * 10 + (p[5] - '0')),
                                        .d = (int8_t)((p[6] - '0') * 10 + (p[7] - '0')),
                                };
                                if (date_is_valid(d)) {
                                        *ret = d;
                                        return true;
                                }
                        }
                        p += n ? n : 1;
                }
        }
        return false;
}

/* True when two dates of one year differ in one digit of their DDMM. */
static bool one_digit_apart(bf_date a, bf_date b)
{
        int da[4] = { a.d / 10, a.d % 10, a.m / 10, a.m % 10 };
        int db[4] = { b.d / 10, b.d % 10, b.m / 10, b.m % 10 };
        int n = 0;
        for (int i = 0; i < 4; i++)
                n += da[i] != db[i];
        return a.y == b.y && n == 1;
}

/* A candidate for the invoice date, with the ranker's view of it. */
struct dtcand {
        struct dcand c;
        double f[RF__COUNT];
        double p;
};

#define DT_MAX_CANDS 32

/* Every date the page offers for the invoice date: those its date labels
 * point at (with the hand rule's score), then the unlabelled ones (score
 * -1); at most DT_MAX_CANDS. */
static size_t date_candidates(const struct xdoc *x, const struct dcand *due, struct dtcand *out)
{
        size_t n = 0;
        for (size_t hi = 0; hi < x->n_hits && n < DT_MAX_CANDS; hi++) {
                const struct xhit *h = &x->hits[hi];
                struct dcand c = { 0 };
                if (h->kind != LK_DATE || !label_date(x, h, &c))
                        continue;
                c.score = h->strength - 2.0 * (c.page - 1) - (h->box.y0 / 1000.0);
                memset(&out[n], 0, sizeof(out[n]));
                out[n++].c = c;
        }
        for (size_t i = 0; i < x->n_toks && n < DT_MAX_CANDS; i++) {
                struct dcand c = { 0 };
                if (x->toks[i].label >= 0 && x->hits[x->toks[i].label].kind == LK_DUE)
                        continue;
                int w = extract_date_at(x, i, &c.d, &c.conf);
                if (w <= 0)
                        continue;
                bool seen = due->score >= 0 && date_to_days(c.d) == date_to_days(due->d);
                for (size_t k = 0; k < n && !seen; k++)
                        seen = out[k].c.first == i;
                if (!seen) {
                        c.first = i;
                        c.end = i + (size_t)w;
                        c.box = x->toks[i].box;
                        c.page = x->toks[i].page;
                        c.score = -1;
                        memset(&out[n], 0, sizeof(out[n]));
                        out[n++].c = c;
                }
                i += (size_t)w - 1;
        }
        return n;
}

/* The one feature function for an invoice-date candidate (training and use). */
static void date_features(const struct xdoc *x, struct dtcand *cs, size_t n, size_t k,
                          const struct dcand *due, const bf_vendor *vendor, double hand_best,
                          bool has_stamp, bf_date stamp)
{
        const struct dcand *c = &cs[k].c;
        double *f = cs[k].f;
        const bf_page *pg = xdoc_page(x, c->page);
        memset(f, 0, sizeof(cs[k].f));
        bool twice;
        int others = other_dates(x, c, due, &twice);
        int64_t day = date_to_days(c->d);
        bool earliest = true, latest = true, first = true;
        for (size_t j = 0; j < n; j++) {
                int64_t o = date_to_days(cs[j].c.d);
                earliest &= o >= day;
                latest &= o <= day;
                if (cs[j].c.first < c->first)
                        first = false;
        }
        bool on_invno = false;
        size_t li = x->toks[c->first].line;
        for (size_t hi = 0; hi < x->n_hits && !on_invno; hi++)
                on_invno = x->hits[hi].kind == LK_INVNO && x->hits[hi].line == li &&
                           x->hits[hi].end <= c->first;
        f[RF_DT_LABELLED] = c->hit != NULL;
        f[RF_DT_STRENGTH] = c->hit ? c->hit->strength / 100.0 : 0;
        f[RF_DT_BELOW] = c->hit && x->toks[c->first].line != c->hit->line;
        f[RF_DT_PAGE] = fmin(3, c->page - 1) / 3.0;
        f[RF_DT_Y] = pg && pg->height > 0 ? c->box.y0 / pg->height : 0;
        f[RF_DT_X] = pg && pg->width > 0 ? c->box.x0 / pg->width : 0;
        f[RF_DT_ORDER_SURE] = !(c->conf > 0 && c->conf < 1.0);
        f[RF_DT_ORDER_GUESSED] = !f[RF_DT_ORDER_SURE] && x->order_basis == ORDER_GUESSED;
        f[RF_DT_TWICE] = twice;
        f[RF_DT_FIRST] = first;
        f[RF_DT_EARLIEST] = earliest;
        f[RF_DT_LATEST] = latest;
        f[RF_DT_OTHERS] = fmin(8, others) / 8.0;
        f[RF_DT_INVNO_LINE] = on_invno;
        f[RF_DT_DUE_VOUCHES] = due_vouches(x, c, due, vendor);
        f[RF_DT_AFTER_DUE] = due->score >= 0 && day > date_to_days(due->d);
        f[RF_DT_HAND] = c->score >= hand_best;
        f[RF_DT_LANG] = c->hit && x->lang && c->hit->lang >= 0 &&
                        strcmp(extract_langs[c->hit->lang]->code, x->lang) == 0;
        f[RF_DT_STAMP] = has_stamp && day == date_to_days(stamp);
        f[RF_OCR] = x->doc->source != SOURCE_TEXT;
        f[RF_READ_CONF] = extract_read_conf(x, c->first, c->end);
}

static bool same_date(const void *ctx, size_t i, size_t j)
{
        const struct dtcand *c = ctx;
        return date_to_days(c[i].c.d) == date_to_days(c[j].c.d);
}

/* Candidate b's share among the rival dates. */
static double date_share(const struct dtcand *cs, size_t n, size_t b)
{
        double p[DT_MAX_CANDS];
        for (size_t i = 0; i < n; i++)
                p[i] = cs[i].p;
        return rank_share(n, b, p, same_date, cs);
}

/* The ranker's invoice date among every date the page offers, into *best
 * with its confidence; false when the page has none. */
static bool rank_invoice_date(const struct xdoc *x, const struct extract_options *opt,
                              const struct extract_model *model, const struct dcand *due,
                              const bf_vendor *vendor, struct dcand *best, double *ret_conf)
{
        struct dtcand *cs = bf_xcalloc(DT_MAX_CANDS, sizeof(*cs));
        size_t n = date_candidates(x, due, cs);
        bf_date stamp;
        bool has_stamp = x->doc->source != SOURCE_TEXT && stamped_date(x, &stamp);
        double hand_best = -1;
        bool labelled = false;
        for (size_t k = 0; k < n; k++) {
                /* the till's stamp mends a date one digit off it */
                if (has_stamp && one_digit_apart(cs[k].c.d, stamp))
                        cs[k].c.d = stamp;
                labelled |= cs[k].c.hit != NULL;
                if (cs[k].c.score > hand_best)
                        hand_best = cs[k].c.score;
        }
        /* unlabelled, the hand rule takes the first date */
        for (size_t k = 0; k < n && !labelled; k++)
                if (!cs[k].c.hit) {
                        cs[k].c.score = 0;
                        hand_best = 0;
                        break;
                }
        size_t bi = SIZE_MAX;
        for (size_t k = 0; k < n; k++) {
                char buf[16];
                date_features(x, cs, n, k, due, vendor, hand_best, has_stamp, stamp);
                cs[k].p = rank_score(model, FIELD_INVOICE_DATE, cs[k].f);
                if (date_format(cs[k].c.d, buf, sizeof(buf)) < 0)
                        buf[0] = 0;
                rank_report(opt, FIELD_INVOICE_DATE, buf, cs[k].f, cs[k].p);
                if (bi == SIZE_MAX || cs[k].p > cs[bi].p)
                        bi = k;
        }
        if (bi != SIZE_MAX) {
                *best = cs[bi].c;
                if (best->score < 0)
                        best->score = 0;
                *ret_conf = rank_calibrate(model, FIELD_INVOICE_DATE,
                                           fmin(cs[bi].p, date_share(cs, n, bi)),
                                           x->doc->source != SOURCE_TEXT);
        }
        free(cs);
        return bi != SIZE_MAX;
}

void extract_dates(struct xdoc *x, const struct extract_options *opt, bf_invoice *inv,
                   const bf_vendor *vendor)
{
        const struct extract_model *model = opt->model ? opt->model : extract_model_builtin();
        struct dcand best_inv = { .score = -1 }, best_due = { .score = -1 };
        for (size_t hi = 0; hi < x->n_hits; hi++) {
                const struct xhit *h = &x->hits[hi];
                if (h->kind != LK_DATE && h->kind != LK_DUE)
                        continue;
                struct dcand c = { 0 };
                if (!label_date(x, h, &c))
                        continue;
                /* earlier on the document is the header's date */
                c.score = h->strength - 2.0 * (c.page - 1) - (h->box.y0 / 1000.0);
                struct dcand *b = h->kind == LK_DATE ? &best_inv : &best_due;
                if (c.score > b->score)
                        *b = c;
        }
        for (size_t hi = 0; hi < x->n_hits; hi++) {
                const struct xhit *h = &x->hits[hi];
                struct dcand c = { 0 };
                if (h->kind != LK_INVNO || !title_date(x, h, &c))
                        continue;
                c.score = TITLE_DATE_STRENGTH - 2.0 * (c.page - 1) - (h->box.y0 / 1000.0);
                if (c.score > best_inv.score)
                        best_inv = c;
        }
        if (best_inv.score < 0) {
                /* unlabelled: the first date on the first page that has one */
                for (size_t i = 0; i < x->n_toks; i++) {
                        struct dcand c = { 0 };
                        if (x->toks[i].label >= 0 && x->hits[x->toks[i].label].kind == LK_DUE)
                                continue;
                        int n = extract_date_at(x, i, &c.d, &c.conf);
                        if (n > 0) {
                                if (best_due.score >= 0 && date_to_days(c.d) == date_to_days(best_due.d))
                                        continue;
                                c.first = i;
                                c.end = i + (size_t)n;
                                c.box = x->toks[i].box;
                                c.page = x->toks[i].page;
                                c.score = 0;
                                best_inv = c;
                                break;
                        }
                }
        }
        /* An OCR'd date one digit of its day or month away from the
         * receipt number's stamp: that digit was misread (a '2' with a
         * gap read as '9', a broken '5' as '6' or '8'); the stamp rarely
         * shares the slip. Years are already checked against their
         * range: a stamp with another year is the one misread. */
        bf_date stamp;
        double ranked_conf = -1;
        if (rank_has_field(model, FIELD_INVOICE_DATE)) {
                if (!rank_invoice_date(x, opt, model, &best_due, vendor, &best_inv, &ranked_conf))
                        best_inv.score = -1;
        } else if (opt->on_candidate) {
                /* the features dump of a model without date weights: every
                 * candidate told, the hand rule's choice kept */
                struct dcand ignored;
                double c;
                rank_invoice_date(x, opt, model, &best_due, vendor, &ignored, &c);
        }
        if (!rank_has_field(model, FIELD_INVOICE_DATE) && best_inv.score >= 0 &&
            x->doc->source != SOURCE_TEXT && stamped_date(x, &stamp) && one_digit_apart(best_inv.d, stamp))
                best_inv.d = stamp;
        if (best_inv.score >= 0) {
                double conf = ranked_conf >= 0 ? ranked_conf : date_conf(x, &best_inv, &best_due, vendor);
                inv->invoice_date = best_inv.d;
                char *lbl = best_inv.hit ? xdoc_join(x, best_inv.hit->first, best_inv.hit->end, false) : NULL;
                extract_meta(inv, FIELD_INVOICE_DATE, conf, best_inv.page, best_inv.box, lbl);
                free(lbl);
        }
        if (best_due.score >= 0 && best_due.hit &&
            (!date_is_set(inv->invoice_date) ||
             date_to_days(best_due.d) >= date_to_days(inv->invoice_date))) {
                double conf = 0.5 + 0.45 * best_due.hit->strength / 100.0;
                conf *= best_due.conf < 0.6 ? 0.8 : 1.0;
                inv->due_date = best_due.d;
                char *lbl = xdoc_join(x, best_due.hit->first, best_due.hit->end, false);
                extract_meta(inv, FIELD_DUE_DATE, conf, best_due.page, best_due.box, lbl);
                free(lbl);
                return;
        }
        if (!date_is_set(inv->invoice_date))
                return;
        int days = terms_days(x);
        bf_box none = { 0, 0, 0, 0 };
        if (days >= 0) {
                inv->due_date = date_add_days(inv->invoice_date, days);
                extract_meta(inv, FIELD_DUE_DATE, inv->meta[FIELD_INVOICE_DATE].confidence * 0.9,
                             0, none, "terms");
        } else if (vendor && vendor->payment_terms_days >= 0) {
                inv->due_date = date_add_days(inv->invoice_date, vendor->payment_terms_days);
                extract_meta(inv, FIELD_DUE_DATE, inv->meta[FIELD_INVOICE_DATE].confidence * 0.85,
                             0, none, "vendor terms");
        }
}
