/* lang.c: the list of languages the finders read, and lookups in their
 * word lists (extract/lang/CODE.c holds each language's words). */
#include "extract/lang.h"

#include <ctype.h>
#include <string.h>

extern const struct lang_vocab lang_en, lang_de, lang_fr, lang_nl, lang_es, lang_bg, lang_cs,
        lang_da, lang_el, lang_et, lang_fi, lang_ga, lang_hr, lang_hu, lang_is, lang_it, lang_lt,
        lang_lv, lang_mt, lang_no, lang_pl, lang_pt, lang_ro, lang_sk, lang_sl, lang_sv, lang_ch;

/* English first: where two languages' labels tie, the earlier wins. */
const struct lang_vocab *const extract_langs[] = {
        &lang_en, &lang_de, &lang_fr, &lang_nl, &lang_es, &lang_bg, &lang_cs, &lang_da, &lang_el,
        &lang_et, &lang_fi, &lang_ga, &lang_hr, &lang_hu, &lang_is, &lang_it, &lang_lt, &lang_lv,
        &lang_mt, &lang_no, &lang_pl, &lang_pt, &lang_ro, &lang_sk, &lang_sl, &lang_sv, &lang_ch,
        NULL,
};

static const char *const *list_of(const struct lang_vocab *v, enum lang_list list)
{
        switch (list) {
        case LANG_LEGAL_AFTER: return v->legal_after;
        case LANG_LEGAL_BEFORE: return v->legal_before;
        case LANG_DAYS: return v->day_words;
        case LANG_TERMS: return v->terms_words;
        }
        return NULL;
}

/* Compares a table word (folded, perhaps in capitals) with a folded token;
 * *caps tells whether the table wrote it in capitals. */
static bool word_eq(const char *w, const char *norm, bool *caps)
{
        *caps = false;
        for (; *w && *norm; w++, norm++) {
                char c = *w;
                if (c >= 'A' && c <= 'Z') {
                        *caps = true;
                        c = (char)(c + 32);
                }
                if (c != *norm)
                        return false;
        }
        return *w == 0 && *norm == 0;
}

static bool lookup(enum lang_list list, const char *norm, const char *raw)
{
        for (size_t l = 0; extract_langs[l]; l++) {
                const char *const *ws = list_of(extract_langs[l], list);
                for (size_t i = 0; ws && ws[i]; i++) {
                        bool caps;
                        if (!word_eq(ws[i], norm, &caps))
                                continue;
                        if (!caps || !raw)
                                return true;
                        for (const char *p = raw; *p; p++)
                                if (isupper((unsigned char)*p) || *p == '.' ||
                                    (unsigned char)*p >= 0x80)
                                        return true;
                }
        }
        return false;
}

bool extract_lang_word(enum lang_list list, const char *norm)
{
        return lookup(list, norm, NULL);
}

bool extract_lang_legal(enum lang_list list, const char *norm, const char *raw)
{
        return lookup(list, norm, raw);
}

size_t extract_lang_words(enum lang_list list, const char **out, size_t cap)
{
        size_t n = 0;
        for (size_t l = 0; extract_langs[l]; l++) {
                const char *const *ws = list_of(extract_langs[l], list);
                for (size_t i = 0; ws && ws[i] && n + 1 < cap; i++)
                        out[n++] = ws[i];
        }
        if (cap > 0)
                out[n] = NULL;
        return n;
}

/* An IBAN printed from token i on, in groups ("LV80 BANK 0000 4351 9500 1")
 * or whole: its country into cc. */
static bool iban_at(const struct xdoc *x, size_t i, char cc[3])
{
        const char *r = x->toks[i].raw;
        char buf[64] = "";
        size_t len = 0;
        if (!(isupper((unsigned char)r[0]) && isupper((unsigned char)r[1]) &&
              isdigit((unsigned char)r[2]) && isdigit((unsigned char)r[3])))
                return false;
        for (size_t k = i; k < x->n_toks && k < i + 9 && x->toks[k].line == x->toks[i].line; k++) {
                size_t n = strlen(x->toks[k].raw);
                if (len + n >= sizeof(buf))
                        break;
                memcpy(buf + len, x->toks[k].raw, n + 1);
                len += n;
                if (len >= 15 && iban_check(buf, NULL, NULL) == 0) {
                        memcpy(cc, buf, 2);
                        cc[2] = 0;
                        return true;
                }
        }
        return false;
}

bool extract_page_country(const struct xdoc *x, char ret_cc[3])
{
        struct { char cc[3]; int n; } seen[8];
        int ns = 0;
        for (size_t i = 0; i < x->n_toks; i++) {
                char cc[3] = "";
                char id[BF_VAT_ID_LEN];
                if (iban_at(x, i, cc)) {
                        memcpy(ret_cc, cc, 3);
                        return true;    /* the bank to pay is the issuer's */
                }
                const char *r = x->toks[i].raw;
                if (isupper((unsigned char)r[0]) && isupper((unsigned char)r[1]) &&
                    extract_has_digit(r) && vat_id_check(r, id, NULL) == 0) {
                        memcpy(cc, id, 2);
                        int k;
                        for (k = 0; k < ns && strcmp(seen[k].cc, cc) != 0; k++)
                                ;
                        if (k == ns && ns < 8) {
                                memcpy(seen[ns].cc, cc, 3);
                                seen[ns++].n = 0;
                        }
                        if (k < ns)
                                seen[k].n++;
                }
        }
        int best = -1;
        for (int k = 0; k < ns; k++)
                if (best < 0 || seen[k].n > seen[best].n)
                        best = k;
        if (best < 0)
                return false;
        memcpy(ret_cc, seen[best].cc, 3);
        return true;
}
