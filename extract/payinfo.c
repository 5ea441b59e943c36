/* payinfo.c: what a printed invoice says about paying it — the IBAN to pay
 * (ISO 13616 check digits must hold, so an OCR slip gives none rather than
 * a wrong one) and early-payment terms ("2/10 net 30", "3% Skonto"). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/extract-int.h"
#include "extract/slips.h"

/* plain as an IBAN: as read, else with the check digits (always digits)
 * mended, else with every letter of the account mended too (OCR's "DEO2
 * 12O3 ..."), the letters read for digits being the slips catalogue's
 * (slips.c, the kind of an identifier compared with master data); the
 * mod-97 check digits must hold either way, so a mended slip cannot make a
 * wrong IBAN out of a misread one. */
static bool iban_ok(const char *plain, size_t len, char ret[BF_IBAN_LEN])
{
        char m[48];

        if (iban_check(plain, ret, NULL) == 0)
                return true;
        memcpy(m, plain, len + 1);
        for (size_t k = 2; k < 4; k++)
                if (slip_digit(m[k], SLIP_KEY))
                        m[k] = slip_digit(m[k], SLIP_KEY);
        if (iban_check(m, ret, NULL) == 0)
                return true;
        for (size_t k = 4; k < len; k++)
                if (slip_digit(m[k], SLIP_KEY))
                        m[k] = slip_digit(m[k], SLIP_KEY);
        return iban_check(m, ret, NULL) == 0;
}

/* The longest valid IBAN starting at token i of its line, into ret. */
static bool iban_at(const struct xdoc *x, const struct xline *l, size_t i, char ret[BF_IBAN_LEN])
{
        char plain[48];
        size_t len = 0;
        bool found = false;

        for (size_t j = i; j < l->first + l->n && len < 34; j++) {
                const char *p = x->toks[j].raw;
                /* "IBAN:DE89..." glued to its label */
                if (j == i && strncasecmp(p, "iban", 4) == 0)
                        p += 4;
                for (; *p && len < sizeof(plain) - 1; p++)
                        if (isalnum((unsigned char)*p))
                                plain[len++] = (char)toupper((unsigned char)*p);
                plain[len] = 0;
                if (len < 2 || !isupper((unsigned char)plain[0]) || !isupper((unsigned char)plain[1]))
                        return found;
                if (len >= 15 && len <= 34 && iban_ok(plain, len, ret))
                        found = true;
        }
        return found;
}

void extract_payment_details(const struct xdoc *x, bf_invoice *inv)
{
        bool have_terms = false;

        for (size_t li = 0; li < x->n_lines; li++) {
                const struct xline *l = &x->lines[li];
                for (size_t i = l->first; !inv->vendor_iban && i < l->first + l->n; i++) {
                        char iban[BF_IBAN_LEN];
                        if (iban_at(x, l, i, iban))
                                inv->vendor_iban = bf_xstrdup(iban);
                }
                if (!have_terms) {
                        char *text = xdoc_join(x, l->first, l->first + l->n, false);
                        bf_terms t = { 0, 0, -1 };
                        if (terms_parse(text, &t)) {
                                inv->discount_bp = t.discount_bp;
                                inv->discount_days = t.discount_days;
                                have_terms = true;
                        }
                        free(text);
                }
        }
}
