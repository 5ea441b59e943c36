/* fields.c: identifiers read beside their labels — the invoice number and
 * the purchase-order number. */
#include "extract/extract-int.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* "47.90", "1,234.56": money, not an identifier. */
static bool moneyish(const char *s)
{
        size_t n = strlen(s);
        if (n < 4 || !(s[n - 3] == '.' || s[n - 3] == ','))
                return false;
        for (size_t i = 0; i < n; i++)
                if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ',' ||
                      (i == 0 && strchr("$-(", s[i]))))
                        return false;
        return true;
}

/* Cleans an identifier candidate in place: outer punctuation off. */
static char *clean_id(const char *raw)
{
        while (*raw && strchr(":#.,;([\"'_", *raw))
                raw++;
        char *s = bf_xstrdup(raw);
        size_t n = strlen(s);
        while (n > 0 && strchr(":.,;)]\"'", s[n - 1]))
                s[--n] = 0;
        return s;
}

/* OCR reads O for 0 and 0 for O: "P0/2025/594" is "PO/2025/594" and
 * "INV-2O93" is "INV-2093" — a letter prefix, a separator, then digits.
 * When the word was read doubtfully (`unsure`), "S1-", "$1-" are "SI-" too:
 * a 1 or a dollar sign among the prefix's letters, and "S1I-" is "SI-": a
 * 1 beside an I (a 0 beside an O) is that letter read twice. */
static void fix_ocr_id(char *s, bool unsure)
{
        size_t sep = strcspn(s, "-/._");
        if (sep == 0 || !s[sep] || sep > 4)
                return;
        bool letters = false, zeros = false, ones = false;
        for (size_t i = 0; i < sep; i++) {
                if (isalpha((unsigned char)s[i]) || (s[i] == '$' && unsure))
                        letters = true;
                else if (s[i] == '0')
                        zeros = true;
                else if (s[i] == '1' && unsure)
                        ones = true;
                else
                        return;
        }
        /* "S1I-", "PO0-": one doubtful I or O read twice, as a digit and
         * as the letter; the prefix keeps the letter */
        for (size_t i = 0; letters && unsure && (ones || zeros) && i < sep; i++) {
                char twin = s[i] == '1' ? 'I' : s[i] == '0' ? 'O' : 0;
                if (twin && ((i > 0 && s[i - 1] == twin) || s[i + 1] == twin)) {
                        memmove(s + i, s + i + 1, strlen(s + i));
                        sep--;
                        break;
                }
        }
        if (letters && (zeros || ones))
                for (size_t i = 0; i < sep; i++) {
                        if (s[i] == '0')
                                s[i] = 'O';
                        else if (s[i] == '1')
                                s[i] = 'I';
                }
        if (letters && unsure)
                for (size_t i = 0; i < sep; i++)
                        if (s[i] == '$')
                                s[i] = 'S';
        for (char *part = s + sep + 1; *part;) {
                size_t n = strcspn(part, "-/._"), digits = 0, ohs = 0;
                for (size_t i = 0; i < n; i++) {
                        if (isdigit((unsigned char)part[i]))
                                digits++;
                        else if (part[i] == 'O' || part[i] == 'o')
                                ohs++;
                }
                if (ohs > 0 && digits >= 2 && digits + ohs == n)
                        for (size_t i = 0; i < n; i++)
                                if (part[i] == 'O' || part[i] == 'o')
                                        part[i] = '0';
                part += n;
                if (*part)
                        part++;
        }
}

/* The identifier at token i, cleaned; on a scan "RE- 2026-5327" (a space
 * OCR put after the prefix's separator) is joined, and so is a series
 * printed before the number ("FT 2026/1382"). Caller frees. */
static char *read_id(const struct xdoc *x, size_t i)
{
        const struct xtok *t = &x->toks[i];
        size_t n = strlen(t->raw);
        if (x->doc->source != SOURCE_TEXT && n >= 2 && strchr("-/", t->raw[n - 1]) &&
            i + 1 < x->n_toks && x->toks[i + 1].line == t->line &&
            isdigit((unsigned char)x->toks[i + 1].raw[0]) &&
            x->toks[i + 1].box.x0 - t->box.x1 < 0.6 * x->lines[t->line].h) {
                char *joined = bf_xasprintf("%s%s", t->raw, x->toks[i + 1].raw);
                char *id = clean_id(joined);
                free(joined);
                return id;
        }
        /* "FT 2026/1382" (pt), "AAB 016382" (lt), "FCT 64557" (ro): a
         * series of capitals before the number, one space apart */
        size_t caps = strspn(t->raw, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        if (caps >= 1 && caps <= 4 && caps == n && i + 1 < x->n_toks &&
            x->toks[i + 1].line == t->line && isdigit((unsigned char)x->toks[i + 1].raw[0]) &&
            x->toks[i + 1].label < 0 && x->toks[i + 1].box.x0 - t->box.x1 < 0.8 * x->lines[t->line].h) {
                char *joined = bf_xasprintf("%s %s", t->raw, x->toks[i + 1].raw);
                char *id = clean_id(joined);
                free(joined);
                return id;
        }
        return clean_id(t->raw);
}

static bool id_ok(const struct xdoc *x, size_t i, const char *s)
{
        bf_date d;
        const struct xtok *t = &x->toks[i];
        if (!extract_has_digit(s) || strlen(s) < 2 || strlen(s) > 40)
                return false;
        if (t->label >= 0 && x->hits[t->label].kind != LK_IGNORE)
                return false;
        if (moneyish(s) || strchr(s, '%'))
                return false;
        if (extract_date_at(x, i, &d, NULL) == 1 && strpbrk(s, "/.-") )
                return false;
        /* phone numbers and e-mails */
        if (strchr(s, '@') || (s[0] == '+' && strlen(s) > 6))
                return false;
        return true;
}

static void find_id(struct xdoc *x, bf_invoice *inv, enum xlabel_kind kind, enum bf_field f,
                    char **dst)
{
        double best = -1;
        size_t bi = SIZE_MAX;
        const struct xhit *bh = NULL;
        for (size_t hi = 0; hi < x->n_hits; hi++) {
                const struct xhit *h = &x->hits[hi];
                if (h->kind != kind)
                        continue;
                size_t i = extract_value_right(x, h);
                double s = h->strength;
                bool ok = false;
                if (i != SIZE_MAX) {
                        char *v = read_id(x, i);
                        ok = id_ok(x, i, v);
                        free(v);
                }
                if (!ok) {
                        i = extract_value_below(x, h, 0);
                        s -= 5;
                        if (i != SIZE_MAX) {
                                char *v = read_id(x, i);
                                ok = id_ok(x, i, v);
                                free(v);
                        }
                }
                if (!ok)
                        continue;
                /* a label ending in ':' or '#'/"no" is explicit */
                if (x->toks[h->end - 1].colon || strcmp(x->toks[h->end - 1].canon, "no") == 0)
                        s += 3;
                s -= 1.0 * (x->lines[h->line].page - 1);
                if (s > best) {
                        best = s;
                        bi = i;
                        bh = h;
                }
        }
        if (bi == SIZE_MAX)
                return;
        *dst = read_id(x, bi);
        if (x->doc->source != SOURCE_TEXT)
                fix_ocr_id(*dst, extract_read_conf(x, bi, bi + 1) < 0.7);
        char *lbl = xdoc_join(x, bh->first, bh->end, false);
        double conf = 0.45 + 0.5 * best / 100.0;
        /* an identifier has no arithmetic to vouch for it: only a poorly
         * read one is held */
        if (extract_read_conf(x, bi, bi + 1) < 0.8)
                conf = fmin(conf, OCR_DOUBT_CAP);
        extract_meta(inv, f, conf, x->toks[bi].page, x->toks[bi].box, lbl);
        free(lbl);
}

void extract_numbers(struct xdoc *x, bf_invoice *inv)
{
        find_id(x, inv, LK_INVNO, FIELD_INVOICE_NUMBER, &inv->invoice_number);
        find_id(x, inv, LK_PO, FIELD_PO_NUMBER, &inv->po_number);
}
