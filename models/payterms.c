/* payterms.c: what paying a bill needs from the models floor — IBANs
 * masked for screens, BICs checked, early-payment terms read from a line
 * of text and the discount they give, in integer arithmetic. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/models.h"

char *iban_mask(const char *iban, char *buf, size_t size)
{
        char c[BF_IBAN_LEN];
        size_t n = 0;

        for (const char *p = iban ? iban : ""; *p && n < sizeof(c) - 1; p++)
                if (isalnum((unsigned char)*p))
                        c[n++] = (char)toupper((unsigned char)*p);
        c[n] = 0;
        if (n < 10)
                snprintf(buf, size, "****");
        else
                snprintf(buf, size, "%.4s****%s", c, c + n - 4);
        return buf;
}

int bic_check(const char *text, char ret_bic[BF_BIC_LEN], struct bf_error *err)
{
        char c[BF_BIC_LEN];
        size_t n = 0;

        for (const char *p = text ? text : ""; *p; p++) {
                if (*p == ' ' || *p == '-')
                        continue;
                if (!isalnum((unsigned char)*p) || n >= sizeof(c) - 1)
                        return bf_error_set(err, BF_EINVAL,
                                            "bad BIC '%s': 8 or 11 letters and digits", text);
                c[n++] = (char)toupper((unsigned char)*p);
        }
        c[n] = 0;
        if (n != 8 && n != 11)
                return bf_error_set(err, BF_EINVAL, "bad BIC '%s': 8 or 11 letters and digits",
                                    text ? text : "");
        for (int i = 0; i < 6; i++)
                if (!isupper((unsigned char)c[i]))
                        return bf_error_set(err, BF_EINVAL,
                                            "bad BIC '%s': a bank code of four letters and a "
                                            "country code of two", text);
        if (ret_bic)
                memcpy(ret_bic, c, n + 1);
        return 0;
}

/* ------------------------------------------------------------- terms */

enum tkind { T_NUM, T_WORD, T_PCT, T_SLASH };
struct tok {
        enum tkind kind;
        int hundredths;       /* T_NUM: value x 100 (two decimals at most) */
        char word[24];        /* T_WORD: folded */
};
#define MAX_TOKS 64

static size_t tokenize(const char *f, struct tok *t)
{
        size_t n = 0;
        const char *p = f;

        while (*p && n < MAX_TOKS) {
                unsigned char ch = (unsigned char)*p;
                if (isdigit(ch)) {
                        long v = 0;
                        int digits = 0;
                        while (isdigit((unsigned char)*p) && digits < 6) {
                                v = v * 10 + (*p++ - '0');
                                digits++;
                        }
                        while (isdigit((unsigned char)*p))
                                p++, v = 1000000; /* too big to be a term */
                        v *= 100;
                        /* "2,5" "1.25": one or two decimals */
                        if ((*p == '.' || *p == ',') && isdigit((unsigned char)p[1])) {
                                size_t k = 1;
                                while (isdigit((unsigned char)p[k]))
                                        k++;
                                if (k <= 3) {
                                        v += (p[1] - '0') * 10 + (k == 3 ? p[2] - '0' : 0);
                                        p += k;
                                }
                        }
                        t[n].kind = T_NUM;
                        t[n].hundredths = (int)v;
                        n++;
                } else if (isalpha(ch) || ch >= 0x80) {
                        size_t k = 0;
                        while (*p && (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80)) {
                                if (k < sizeof(t[n].word) - 1)
                                        t[n].word[k++] = *p;
                                p++;
                        }
                        t[n].word[k] = 0;
                        t[n].kind = T_WORD;
                        n++;
                } else {
                        if (ch == '%')
                                t[n++].kind = T_PCT;
                        else if (ch == '/')
                                t[n++].kind = T_SLASH;
                        p++;
                }
        }
        return n;
}

static bool word_in(const struct tok *t, const char *const *list)
{
        if (t->kind != T_WORD)
                return false;
        for (size_t i = 0; list[i]; i++)
                if (strcmp(t->word, list[i]) == 0)
                        return true;
        return false;
}

static const char *const day_words[] = {
        "day", "days", "d", "tag", "tage", "tagen", "jour", "jours", "j", "giorni", "gg",
        "dias", "dia", "dagen", "dage", "dagar", "dager", "dni", "dnu", "dienu", "paivaa",
        "napon", "zile", NULL,
};
static const char *const discount_words[] = {
        "skonto", "escompte", "discount", "sconto", "descuento", "desconto", "korting",
        "rabat", "rabatt", "alennus", "kassaskonto", "pronto", NULL,
};
static const char *const net_words[] = { "net", "netto", "n", "nett", "netto", NULL };

/* "net 30", "n/30", "netto 30": the net days after token i, else -1. */
static int net_after(const struct tok *t, size_t n, size_t i)
{
        if (i >= n || !word_in(&t[i], net_words))
                return -1;
        size_t j = i + 1;
        if (j < n && t[j].kind == T_SLASH)
                j++;
        if (j < n && t[j].kind == T_NUM && t[j].hundredths % 100 == 0 &&
            t[j].hundredths / 100 >= 1 && t[j].hundredths / 100 <= 365)
                return t[j].hundredths / 100;
        return -1;
}

static bool days_ok(int hundredths)
{
        return hundredths % 100 == 0 && hundredths >= 100 && hundredths <= 18000;
}

bool terms_parse(const char *text, bf_terms *ret)
{
        struct tok t[MAX_TOKS];
        char *f;
        size_t n;

        if (!text || (!strchr(text, '%') && !strchr(text, '/')))
                return false;
        f = text_fold(text);
        n = tokenize(f, t);
        free(f);

        /* "2/10 net 30", "2/10, n/30", "1.5/10 net 30": the net part is
         * what tells it from a date or a fraction */
        for (size_t i = 0; i + 2 < n; i++) {
                size_t j = i + 1;
                if (t[i].kind != T_NUM)
                        continue;
                if (t[j].kind == T_PCT)
                        j++;
                if (j + 1 >= n || t[j].kind != T_SLASH || t[j + 1].kind != T_NUM)
                        continue;
                int pct = t[i].hundredths, days = t[j + 1].hundredths;
                size_t k = j + 2;
                if (k < n && word_in(&t[k], day_words))
                        k++;
                int net = net_after(t, n, k);
                if (net < 0 || pct <= 0 || pct > 2000 || !days_ok(days))
                        continue;
                ret->discount_bp = pct;
                ret->discount_days = days / 100;
                ret->net_days = net;
                return true;
        }

        /* a discount word, a percentage and a number of days */
        bool discount = false;
        for (size_t i = 0; i < n; i++)
                discount |= word_in(&t[i], discount_words);
        /* "2% 10 days net 30" names no discount but reads as one */
        size_t pct_at = n;
        for (size_t i = 0; i + 1 < n; i++)
                if (t[i].kind == T_NUM && t[i + 1].kind == T_PCT && t[i].hundredths > 0 &&
                    t[i].hundredths <= 2000) {
                        pct_at = i;
                        break;
                }
        if (pct_at == n)
                return false;
        int net = -1;
        size_t net_num = n;
        for (size_t i = 0; i < n && net < 0; i++) {
                net = net_after(t, n, i);
                if (net >= 0)
                        net_num = t[i + 1].kind == T_SLASH ? i + 2 : i + 1;
        }
        /* "30 Tage netto", "30 jours net": those days are the net ones */
        for (size_t i = 0; net < 0 && i + 2 < n; i++)
                if (t[i].kind == T_NUM && days_ok(t[i].hundredths) && word_in(&t[i + 1], day_words) &&
                    word_in(&t[i + 2], net_words)) {
                        net = t[i].hundredths / 100;
                        net_num = i;
                }
        if (!discount && net < 0)
                return false;
        size_t best = n, best_d = n;
        for (size_t i = 0; i + 1 < n; i++) {
                if (i == pct_at || i == net_num || t[i].kind != T_NUM || !days_ok(t[i].hundredths) ||
                    !word_in(&t[i + 1], day_words))
                        continue;
                size_t d = i > pct_at ? i - pct_at : pct_at - i;
                if (d < best_d) {
                        best = i;
                        best_d = d;
                }
        }
        if (best == n)
                return false;
        ret->discount_bp = t[pct_at].hundredths;
        ret->discount_days = t[best].hundredths / 100;
        ret->net_days = net;
        return true;
}

int terms_discount(bf_money amount, int discount_bp, bf_money *ret)
{
        int64_t a = amount.minor < 0 ? -amount.minor : amount.minor;

        if (discount_bp < 0 || discount_bp > 10000 || amount.minor == INT64_MIN)
                return BF_EINVAL;
        if (discount_bp && a > (INT64_MAX - 5000) / discount_bp)
                return BF_EINVAL;
        int64_t d = (a * discount_bp + 5000) / 10000;
        *ret = amount;
        ret->minor = amount.minor < 0 ? -d : d;
        return 0;
}

/* ------------------------------------------------------------ records */

void bank_change_release(bf_bank_change *c)
{
        if (!c)
                return;
        free(c->vendor_id);
        free(c->old_iban);
        free(c->old_bic);
        free(c->new_iban);
        free(c->new_bic);
        free(c->requested_by);
        free(c->requested_at);
        free(c->confirmed_by);
        free(c->confirmed_at);
        memset(c, 0, sizeof(*c));
}

const char *run_state_name(enum bf_run_state s)
{
        switch (s) {
        case RUN_PROPOSED: return "proposed";
        case RUN_APPROVED: return "approved";
        case RUN_EXPORTED: return "exported";
        }
        return "unknown";
}

static void payment_release(bf_payment *p)
{
        free(p->vendor_id);
        free(p->vendor_name);
        free(p->iban);
        free(p->bic);
        free(p->end_to_end);
        free(p->state);
        for (size_t i = 0; i < p->n_items; i++)
                free(p->items[i].invoice_number);
        free(p->items);
}

void pay_run_release(bf_pay_run *r)
{
        if (!r)
                return;
        free(r->created_by);
        free(r->created_at);
        free(r->approved_by);
        free(r->approved_at);
        free(r->exported_by);
        free(r->exported_at);
        free(r->format);
        for (size_t i = 0; i < r->n_payments; i++)
                payment_release(&r->payments[i]);
        free(r->payments);
        memset(r, 0, sizeof(*r));
}

void bank_line_release(bf_bank_line *l)
{
        if (!l)
                return;
        free(l->line_key);
        free(l->account_iban);
        free(l->counter_iban);
        free(l->counter_name);
        free(l->reference);
        free(l->end_to_end);
        free(l->state);
        free(l->reason);
        free(l->detail);
        free(l->imported_at);
        memset(l, 0, sizeof(*l));
}

void bills_free(bf_bill *list, size_t n)
{
        for (size_t i = 0; list && i < n; i++) {
                free(list[i].vendor_id);
                free(list[i].vendor_name);
                free(list[i].invoice_number);
                free(list[i].printed_iban);
                free(list[i].status);
        }
        free(list);
}
