/* vendor.c: who issued the document — the vendor master first (tax id,
 * IBAN, name or alias on the page), else the letterhead. */
#include "extract/lang.h"
#include "extract/slips.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The most a vendor name the master does not know is trusted with: below
 * rules.min_confidence (see the end of extract_vendor). */
#define UNKNOWN_NAME_CAP 0.75

/* Legal forms are in each language's table (extract/lang/). */
bool extract_is_legal_form(const char *norm)
{
        return extract_lang_word(LANG_LEGAL_AFTER, norm) || extract_lang_word(LANG_LEGAL_BEFORE, norm);
}

/* Is token k a legal form? Also "SDN BLD", "SDN BUD": the Bhd after a Sdn
 * with one letter misread by OCR. */
static bool legal_at(const struct xdoc *x, size_t k)
{
        const struct xtok *t = &x->toks[k];
        const struct xtok *prev = k > 0 && x->toks[k - 1].line == t->line ? &x->toks[k - 1] : NULL;
        const struct xtok *next = k + 1 < x->n_toks && x->toks[k + 1].line == t->line ?
                                  &x->toks[k + 1] : NULL;

        if (extract_lang_legal(LANG_LEGAL_AFTER, t->norm, t->raw))
                return true;
        /* forms of several words: "Sp. z o.o." (pl), "spol. s r.o." (cs, sk) */
        if (next && ((strcmp(t->norm, "sp") == 0 && strcmp(next->norm, "z") == 0) ||
                     (strcmp(t->norm, "z") == 0 && strcmp(next->norm, "oo") == 0) ||
                     (strcmp(t->norm, "spol") == 0 && strcmp(next->norm, "s") == 0) ||
                     (strcmp(t->norm, "s") == 0 && strcmp(next->norm, "ro") == 0 && prev &&
                      strcmp(prev->norm, "spol") == 0)))
                return true;
        if (prev && strcmp(t->norm, "ro") == 0 && strcmp(prev->norm, "s") == 0)
                return true;
        return prev && strcmp(prev->norm, "sdn") == 0 && strlen(t->norm) == 3 &&
               extract_within_one(t->norm, "bhd");
}

/* Is token k a legal form printed before the name ("SIA "Maxima Latvija"",
 * "UAB „Maxima LT""), with the name after it on the line? */
static bool legal_before_at(const struct xdoc *x, size_t k)
{
        const struct xtok *t = &x->toks[k];
        return k + 1 < x->n_toks && x->toks[k + 1].line == t->line &&
               extract_lang_legal(LANG_LEGAL_BEFORE, t->norm, t->raw) && !t->colon;
}

/* Does raw open (or close) a quoted name: " „ « “ ' and their ASCII folds? */
static bool quote_open(const char *r)
{
        return strchr("\"'", r[0]) || strncmp(r, "\u201e", 3) == 0 || strncmp(r, "\u201c", 3) == 0 ||
               strncmp(r, "\u00ab", 2) == 0;
}

static bool quote_close(const char *r)
{
        size_t n = strlen(r);
        while (n > 0 && strchr(",;.", r[n - 1]))
                n--;
        return n > 0 && (strchr("\"'", r[n - 1]) ||
                         (n >= 3 && (strncmp(r + n - 3, "\u201d", 3) == 0 ||
                                     strncmp(r + n - 3, "\u201c", 3) == 0)) ||
                         (n >= 2 && strncmp(r + n - 2, "\u00bb", 2) == 0));
}

/* A name that follows its legal form (SIA "Maxima Latvija", UAB „Rimi
 * Lietuva", AS Latvijas Gāze): from the form at k, the quoted words, else
 * the capitalised run; the end of that name, or k when none follows. */
static size_t name_after_form(const struct xdoc *x, size_t k, size_t end)
{
        size_t e = k + 1;
        if (e >= end)
                return k;
        if (quote_open(x->toks[e].raw)) {
                for (; e < end && e < k + 8; e++)
                        if ((e > k + 1 || strlen(x->toks[e].raw) > 1) && quote_close(x->toks[e].raw))
                                return e + 1;
                return k;
        }
        while (e < end && e < k + 5 && text_upper_at(x->toks[e].raw)) {
                const char *r = x->toks[e].raw;
                e++;
                if (r[strlen(r) - 1] == ',')
                        break;
        }
        return e > k + 1 ? e : k;
}

/* Lowercase alphanumerics and single spaces, legal forms dropped. */
static char *name_key(const char *s)
{
        char *f = extract_fold(s);
        char *out = bf_xmalloc(strlen(f) + 2), *o = out;
        char *p = f;
        while (*p) {
                /* folded Greek and Cyrillic letters are bytes >= 0x80 */
                while (*p && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
                        p++;
                char *w = p;
                while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80 || *p == '.'))
                        p++;
                if (p == w)
                        break;
                char word[64];
                size_t n = 0;
                for (char *q = w; q < p && n < sizeof(word) - 1; q++)
                        if (*q != '.')
                                word[n++] = *q;
                word[n] = 0;
                if (n == 0 || extract_is_legal_form(word))
                        continue;
                if (o != out)
                        *o++ = ' ';
                memcpy(o, word, n);
                o += n;
        }
        *o = 0;
        free(f);
        return out;
}

/* Is `needle` in `hay` on word boundaries? */
static bool has_words(const char *hay, const char *needle)
{
        size_t n = strlen(needle);
        if (n == 0)
                return false;
        for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
                if ((p == hay || p[-1] == ' ') && (p[n] == 0 || p[n] == ' '))
                        return true;
        return false;
}

static double name_similarity(const char *ka, const char *kb)
{
        if (!ka[0] || !kb[0])
                return 0;
        if (strcmp(ka, kb) == 0)
                return 1.0;
        size_t la = strlen(ka), lb = strlen(kb);
        double s = 1.0 - (double)text_distance(ka, kb) / (double)(la > lb ? la : lb);
        if ((has_words(ka, kb) && lb >= 4) || (has_words(kb, ka) && la >= 4))
                s = fmax(s, 0.88);
        return s;
}

int extract_match_vendor(const char *name, const bf_vendor *vendors, size_t n,
                         double *ret_score)
{
        if (!name || !vendors || n == 0)
                return -1;
        for (size_t i = 0; i < n; i++)
                if (vendors[i].vendor_id && strcasecmp(vendors[i].vendor_id, name) == 0) {
                        if (ret_score)
                                *ret_score = 1.0;
                        return (int)i;
                }
        char *k = name_key(name);
        int best = -1;
        double bs = 0;
        for (size_t i = 0; i < n; i++) {
                for (size_t a = 0; a <= vendors[i].n_aliases; a++) {
                        const char *cand = a == 0 ? vendors[i].name : vendors[i].aliases[a - 1];
                        if (!cand)
                                continue;
                        char *kc = name_key(cand);
                        double s = name_similarity(k, kc);
                        free(kc);
                        if (s > bs) {
                                bs = s;
                                best = (int)i;
                        }
                }
        }
        free(k);
        if (bs < 0.8)
                return -1;
        if (ret_score)
                *ret_score = bs;
        return best;
}

/* ------------------------------------------------------------ letterhead */

struct phrase {
        size_t line, first, end;   /* tokens */
        bf_box box;
};

static size_t phrases_of(const struct xdoc *x, size_t li, struct phrase *out, size_t max)
{
        const struct xline *l = &x->lines[li];
        size_t n = 0;
        for (size_t i = l->first; i < l->first + l->n && n < max; i++) {
                if (i == l->first || x->toks[i].box.x0 - x->toks[i - 1].box.x1 > 1.3 * l->h) {
                        out[n].line = li;
                        out[n].first = i;
                        out[n].box = x->toks[i].box;
                        n++;
                } else {
                        out[n - 1].box = box_union(out[n - 1].box, x->toks[i].box);
                }
                out[n - 1].end = i + 1;
        }
        return n;
}

static bool in_box(bf_box outer, bf_box b)
{
        double cx = (b.x0 + b.x1) / 2, cy = (b.y0 + b.y1) / 2;
        return cx >= outer.x0 && cx <= outer.x1 && cy >= outer.y0 && cy <= outer.y1;
}

static const char *const title_words[] = {
        "invoice", "receipt", "tax", "facture", "rechnung", "factuur", "factura", "bill",
        "statement", "quotation", "quote", "order", "credit", "note", "original", "copy",
        "summary", "details", "page", "cash", "sales", "official", "simplified", "payment",
        "gutschrift", "avoir", "duplicate", "customer", "welcome", "thank", "you", "date",
        "time", "table", "cashier", "pax", "member", "no", "salesperson", "description",
        "amount", "qty", "price", "item", "items", "total", "counter", "terminal", "server",
        "transaction", "bill", "cust", "name", NULL,
};
static const char *const address_words[] = {
        "street", "st", "road", "rd", "jalan", "jln", "suite", "floor", "level", "avenue",
        "ave", "strasse", "str", "rue", "box", "taman", "lot", "blvd", "lane", "platz",
        "weg", "straat", "calle", "avenida", "bandar", "batu", "kg", "kampung", "lorong",
        "germany", "france", "usa", "australia", "canada", "austria", "malaysia", "johor",
        "selangor", "kuala", "lumpur", "cedex", "bahru", "building", "plaza", "block",
        "kawasan", "perindustrian", "industrial", "park", "estate", "seksyen", "persiaran",
        "bukit", "jaya", "utama", "pusat", "centre", "center", "mall", "wisma", "menara", NULL,
};
/* Nouns that name a kind of business: a phrase holding one is a trade name. */
static const char *const business_words[] = {
        "trading", "enterprise", "enterprises", "shop", "store", "stores", "restaurant",
        "bakery", "bakeries", "mart", "supermarket", "minimarket", "hardware", "florist",
        "pharmacy", "cafe", "stationery", "kedai", "services", "industries", "holdings",
        "supplies", "supply", "trade", "traders", "hotel", "garage", "boutique", "bistro",
        "confectionery", "motors", "electrical", "furniture", "optical", "clinic", NULL,
};
/* Words of a sentence, not of a name ("Goods sold are not returnable"). */
static const char *const sentence_words[] = {
        "are", "not", "please", "will", "is", "be", "your", "our", "we", "thanks", "again",
        "visit", "kindly", "retain", "keep", NULL,
};
static const char *const contact_words[] = {
        "tel", "fax", "phone", "email", "e-mail", "mail", "www", "http", "https", "mobile",
        "hp", "h/p", "web", "website", NULL,
};

/* Words that introduce the vendor's bank. */
static const char *const bank_words[] = {
        "bank", "banque", "banco", "bankverbindung", "kreditinstitut", "bankname", "banca", NULL,
};

/* A company's registration number as Malaysian, Singaporean and Indian
 * receipts print it after or under the registered name: 4 to 8 digits, a
 * hyphen and a check letter ("113825-W", "(590150-A)", "Co-REG:860671-D"),
 * a label or brackets about it. Not a tax id (GST numbers are 12 digits
 * and no letter). */
static bool regno_token(const char *raw)
{
        size_t n = strlen(raw);
        while (n > 0 && strchr(")].,;", raw[n - 1]))
                n--;
        if (n < 6 || !isupper((unsigned char)raw[n - 1]) || raw[n - 2] != '-')
                return false;
        size_t e = n - 2, b = e;
        while (b > 0 && isdigit((unsigned char)raw[b - 1]))
                b--;
        /* "(&1109-A)": OCR read the first digit as a sign or letter */
        if (b > 0 && e - b >= 4 && e - b < 8 && strchr("&$SOIlB", raw[b - 1]) &&
            (b == 1 || strchr("(:.# ", raw[b - 2])))
                b--;
        if (e - b < 4 || e - b > 8)
                return false;
        /* what stands before the digits is a bracket or a label ("Co-REG:") */
        return b == 0 || strchr("(:.# ", raw[b - 1]);
}

/* A staff member's code as receipts print it before the name ("BDL187",
 * "S0012"): capitals, then digits, nothing else. */
static bool staff_code(const char *raw)
{
        size_t a = 0;
        while (raw[a] >= 'A' && raw[a] <= 'Z')
                a++;
        size_t d = strspn(raw + a, "0123456789");
        return a >= 1 && a <= 4 && d >= 2 && raw[a + d] == 0;
}

/* Does t end a number's label ("Company Reg #", "Co. No.", "Reg:")? */
static bool number_label(const struct xtok *t)
{
        return t->colon || t->raw[strlen(t->raw) - 1] == '#' || strcmp(t->canon, "no") == 0 ||
               strcmp(t->norm, "reg") == 0;
}

/* Does a registration number follow tokens [first, end) of line li: later
 * on the line ("GARDENIA BAKERIES (KL) SDN BHD (139386 X)": digits, then
 * the letter alone), or at the head of the line just below it ("MR. D.I.Y.
 * (M) SDN BHD" over "Co-REG:860671-D")? */
static bool regno_after(const struct xdoc *x, size_t li, size_t first, size_t end)
{
        const struct xline *l = &x->lines[li];
        if (number_label(&x->toks[end - 1]))
                return false;
        for (size_t i = end; i < l->first + l->n && i < end + 3; i++) {
                const char *r = x->toks[i].raw;
                /* bare or bracketed: after "Company Reg #" the words
                 * before are its label, not a name */
                if ((r[0] == '(' || isdigit((unsigned char)r[0])) && regno_token(r))
                        return true;
                /* "(139386 X)": the digits and the letter apart */
                if (i + 1 < l->first + l->n && r[0] == '(' && strlen(r) >= 5 && strlen(r) <= 9 &&
                    strspn(r + 1, "0123456789") == strlen(r) - 1) {
                        const char *q = x->toks[i + 1].raw;
                        if (isupper((unsigned char)q[0]) && (q[1] == 0 || strcmp(q + 1, ")") == 0))
                                return true;
                }
        }
        if (li + 1 >= x->n_lines)
                return false;
        const struct xline *u = &x->lines[li + 1];
        if (u->page != l->page || u->box.y0 - l->box.y1 > 1.2 * fmax(l->h, u->h) ||
            u->box.x1 < x->toks[first].box.x0 || u->box.x0 > x->toks[end - 1].box.x1)
                return false;
        for (size_t i = u->first; i < u->first + u->n && i < u->first + 4; i++)
                if (regno_token(x->toks[i].raw))
                        return true;
        return false;
}

/* Scores a phrase (tokens [first, end)) as the issuer's name. */
static double score_name(const struct xdoc *x, size_t first, size_t end, double page_h,
                         double med_h, size_t rank, bool *legal)
{
        size_t n = end - first, letters = 0, digits = 0, upper_start = 0;
        bool business = false;
        int titles = 0;
        double s = 0;
        *legal = false;
        for (size_t i = first; i < end; i++) {
                const struct xtok *t = &x->toks[i];
                for (const char *p = t->raw; *p; p++) {
                        if (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80)
                                letters++;
                        else if (isdigit((unsigned char)*p))
                                digits++;
                }
                if (text_upper_at(t->raw) || isdigit((unsigned char)t->raw[0]))
                        upper_start++;
                if (extract_word_in(t->norm, title_words)) {
                        s -= 25;
                        titles++;
                }
                if (extract_word_in(t->norm, address_words))
                        s -= 25;
                if (extract_word_in(t->norm, contact_words) || strchr(t->raw, '@') ||
                    strstr(t->norm, "www.") || strstr(t->norm, ".com") || strstr(t->norm, "http"))
                        s -= 35;
                if (t->label >= 0 && x->hits[t->label].kind != LK_IGNORE)
                        s -= 30;
                if (t->colon)
                        s -= 25;
                if (extract_word_in(t->norm, sentence_words))
                        s -= 20;
                if (extract_word_in(t->norm, business_words))
                        business = true;
        }
        if (business && n >= 2)
                s += 15;
        /* "(Tonymoly Shop (95874))": a bracketed aside under the name */
        if (x->toks[first].raw[0] == '(')
                s -= 15;
        if (letters < 3)
                return -1000;
        /* OCR noise: a logo read as letters */
        double conf = 0;
        for (size_t i = first; i < end; i++)
                conf += x->toks[i].conf;
        conf /= (double)n;
        if (conf < 0.75)
                s -= 60 * (0.75 - conf) / 0.75 + 10;
        if (digits * 3 > letters)
                s -= 30;
        if (n >= 2 && (legal_at(x, end - 1) || legal_before_at(x, first))) {
                s += 45;
                *legal = true;
                /* "Segi Cash & Carry Sdn Bhd": a registered name may hold
                 * words that elsewhere mark a title */
                s += 15.0 * titles;
        }
        if (n > 6)
                s -= 5.0 * (double)(n - 6);
        if (upper_start * 2 < n)
                s -= 20;
        if (rank < 10)
                s += 30.0 - 3.0 * (double)rank;
        double h = 0;
        for (size_t i = first; i < end; i++)
                h += x->toks[i].box.y1 - x->toks[i].box.y0;
        h /= (double)n;
        if (med_h > 0)
                s += fmin(20, fmax(-10, 20 * (h / med_h - 1)));
        (void)page_h;
        return s;
}

/* The specks OCR put before a word: ASCII punctuation ("_.", "'") and
 * curly quotes; their length in bytes. */
static size_t speck_len(const char *r)
{
        size_t k = 0;
        for (;;) {
                if (r[k] && strchr(slip_specks_name_lead, r[k]))
                        k++;
                else if ((unsigned char)r[k] == 0xe2 && (unsigned char)r[k + 1] == 0x80 &&
                         (unsigned char)r[k + 2] >= 0x98 && (unsigned char)r[k + 2] <= 0x9d)
                        k += 3;
                else
                        return k;
        }
}

/* "(M)", "(KL)": a short tag inside a legal name. */
static bool paren_tag(const char *r)
{
        size_t n = strlen(r);
        if (n < 3 || n > 6 || r[0] != '(' || r[n - 1] != ')')
                return false;
        for (size_t i = 1; i + 1 < n; i++)
                if (!isupper((unsigned char)r[i]))
                        return false;
        return true;
}

/* "(KL)", "(M)" as OCR reads them on a scan: "(et", ")", "(Mj",
 * "(SP}SDN." (the form glued after it): a bracket and at most three
 * letters or digits, maybe a form's letters after a closing bracket. */
static bool misread_tag(const char *r)
{
        size_t k = 0, inner = 0;
        bool bracket = false;
        if (r[k] == '(') {
                bracket = true;
                k++;
        }
        while (isalnum((unsigned char)r[k]) && inner < 4) {
                k++;
                inner++;
        }
        if (inner > 3)
                return false;
        if (r[k] && strchr(")}]", r[k])) {
                bracket = true;
                k++;
                char form[16];
                size_t f = 0;
                while (r[k] && f + 1 < sizeof(form)) {
                        if (isalpha((unsigned char)r[k]))
                                form[f++] = (char)tolower((unsigned char)r[k]);
                        else if (r[k] != '.')
                                return false;
                        k++;
                }
                form[f] = 0;
                if (f > 0 && !extract_is_legal_form(form))
                        return false;
                return bracket && r[k] == 0;
        }
        return bracket && r[k] == 0 && r[0] == '(' && inner > 0;
}

/* Are tokens [s, k] all legal forms ("SDN BHD", "BHD")? */
static bool legal_chain(const struct xdoc *x, size_t s, size_t k)
{
        for (size_t i = s; i <= k; i++)
                if (!legal_at(x, i))
                        return false;
        return true;
}

/* Tokens [first, k): a name that starts with a capital and goes on in
 * plain words, some lower case ("Au bon moulin", "La casa del pan"): at
 * most four, letters only, no label, no colon, no title or address word. */
static bool lowercase_name_run(const struct xdoc *x, size_t first, size_t k)
{
        if (k <= first || k - first > 4 || !text_upper_at(x->toks[first].raw))
                return false;
        for (size_t i = first; i < k; i++) {
                const struct xtok *t = &x->toks[i];
                if (t->colon || t->label >= 0 || extract_word_in(t->norm, title_words) ||
                    extract_word_in(t->norm, address_words) || extract_word_in(t->norm, sentence_words))
                        return false;
                /* "Zen and coffee 28 S/B": a number inside the name */
                if (i > first && strspn(t->raw, "0123456789") == strlen(t->raw))
                        continue;
                for (const char *p = t->raw; *p; p++)
                        if (!isalpha((unsigned char)*p) && (unsigned char)*p < 0x80 && *p != '\'' &&
                            *p != '&' && *p != '.')
                                return false;
        }
        return true;
}

/* Where a legal form sits inside a longer phrase ("Atlassian Pty Ltd, Level
 * 6, ..."; "through Fiverr Limited"), the name is the capitalised run
 * ending at it. Returns the adjusted [first, end). */
static void cut_at_legal_form(const struct xdoc *x, size_t *first, size_t *end)
{
        /* "Pārdevējs SIA "Maxima Latvija", Rīga": the form before the name */
        for (size_t k = *first; k + 1 < *end; k++) {
                size_t e;
                const char *r = x->toks[k].raw;
                /* "Telenor Norge AS, Oslo": after a name, the form ends it */
                if (k > *first && !x->toks[k - 1].colon && x->toks[k - 1].label < 0)
                        continue;
                if (r[strlen(r) - 1] != ',' && legal_before_at(x, k) &&
                    (e = name_after_form(x, k, *end)) > k) {
                        *first = k;
                        *end = e;
                        return;
                }
        }
        for (size_t k = *first + 1; k < *end; k++) {
                if (!legal_at(x, k))
                        continue;
                const char *raw = x->toks[k].raw;
                size_t rl = strlen(raw);
                /* "CO. (M) BHD", "Sdn. Bhd.": cut after the last form of a chain */
                if (k + 1 < *end && raw[rl - 1] != ',' &&
                    (legal_at(x, k + 1) || paren_tag(x->toks[k + 1].raw)))
                        continue;
                /* "GmbH & Co. KG": the chain goes on past the '&' */
                if (k + 2 < *end && strcmp(x->toks[k + 1].raw, "&") == 0 && legal_at(x, k + 2))
                        continue;
                bool stops = k + 1 == *end || raw[rl - 1] == ',' || raw[rl - 1] == ';' ||
                             strcmp(x->toks[k + 1].raw, "-") == 0 ||
                             strcmp(x->toks[k + 1].raw, "|") == 0 ||
                             (!legal_at(x, k + 1) &&
                              !text_upper_at(x->toks[k + 1].raw));
                if (!stops)
                        continue;
                while (k + 1 < *end && paren_tag(x->toks[k].raw))
                        k--;
                size_t s = k;
                while (s > *first && k - s < 6) {
                        const char *r = x->toks[s - 1].raw;
                        size_t n = strlen(r);
                        /* "(KUCHAI)", "(M)": a branch or country tag in the name */
                        bool tag = (n >= 3 && r[0] == '(' && r[n - 1] == ')' &&
                                    isupper((unsigned char)r[1])) ||
                                   (x->doc->source != SOURCE_TEXT && misread_tag(r));
                        /* "Granite ‘State Software LLC", "_.Ferreteria
                         * Sanchez SL": specks OCR put before a capital */
                        bool quote = x->doc->source != SOURCE_TEXT && isupper((unsigned char)r[speck_len(r)]) &&
                                     speck_len(r) > 0;
                        if (!(text_upper_at(r) || isdigit((unsigned char)r[0]) || r[0] == '&' ||
                              tag || quote))
                                break;
                        /* a label's colon ends the name, but on a scan a
                         * speck glued just before the legal forms does not
                         * ("Suministros Garcia: SL", "UNIHAKKA INTERNATIONAL:
                         * SDN BHD") */
                        if (n > 0 && (r[n - 1] == ':' || r[n - 1] == ';') &&
                            !(legal_chain(x, s, k) && x->doc->source != SOURCE_TEXT &&
                              x->toks[s - 1].label < 0 && n >= 4))
                                break;
                        s--;
                        /* a speck OCR put inside the name: "LEE WAH FERS) y SDN BHD" */
                        if (s > *first && x->doc->source != SOURCE_TEXT) {
                                const char *q = x->toks[s - 1].raw;
                                if (strlen(q) == 1 && islower((unsigned char)q[0]) && s - 1 > *first)
                                        s--;
                        }
                }
                /* "Au bon moulin SARL - 1242 chemin de l'olive - ...": a
                 * sender line's name may hold lower-case words; from a
                 * capital that starts the line, a few plain words up to the
                 * form, and a separator after it or the end of the line
                 * ("Zen and coffee 28 S/B" heading a receipt) */
                if (s > *first && *first == x->lines[x->toks[k].line].first &&
                    lowercase_name_run(x, *first, k) &&
                    (k + 1 < *end ? strcmp(x->toks[k + 1].raw, "-") == 0 ||
                                    strcmp(x->toks[k + 1].raw, "|") == 0 || raw[rl - 1] == ','
                                  : k + 1 == x->lines[x->toks[k].line].first + x->lines[x->toks[k].line].n))
                        s = *first;
                if (s == k)
                        continue;
                *first = s;
                *end = k + 1;
                return;
        }
}

/* "POPULAR BOOK" over "CO. (M) SDN BHD": a line that starts with
 * nothing but legal forms ends the name begun on the line just above.
 * Returns the first token of that name, or `first` when there is none. */
static size_t name_above(const struct xdoc *x, size_t li, size_t first, size_t end)
{
        const struct xline *l = &x->lines[li], *u;
        struct phrase ph[64];
        size_t np;

        if (li == 0 || first != l->first)
                return first;
        for (size_t i = first; i < end; i++)
                if (!legal_at(x, i) && !paren_tag(x->toks[i].raw))
                        return first;
        u = &x->lines[li - 1];
        if (u->page != l->page || l->box.y0 - u->box.y1 > 0.8 * fmax(l->h, u->h))
                return first;
        np = phrases_of(x, li - 1, ph, 64);
        /* the phrase above must sit over this one */
        if (np == 0 || ph[np - 1].box.x1 < x->toks[first].box.x0 ||
            ph[np - 1].box.x0 > x->toks[end - 1].box.x1)
                return first;
        return ph[np - 1].first;
}

static char *name_text(const struct xdoc *x, size_t first, size_t end)
{
        char *s = xdoc_join(x, first, end, false);
        /* specks OCR put before a word of the name go: "_.Ferreteria" */
        if (x->doc->source != SOURCE_TEXT) {
                char *o = s;
                for (size_t i = first; i < end; i++) {
                        const char *r = x->toks[i].raw;
                        size_t k = speck_len(r);
                        if (!isalnum((unsigned char)r[k]))
                                k = 0;
                        /* SIA "MAXIMA LATVIJA": an opening quote closed later */
                        if (k == 1 && r[0] == '"' && i + 1 < end && quote_close(x->toks[end - 1].raw))
                                k = 0;
                        size_t rl = strlen(r + k);
                        /* "Garcia: SL": the speck after a word inside the name */
                        if (i + 1 < end && rl > 1 && (r[k + rl - 1] == ':' || r[k + rl - 1] == ';'))
                                rl--;
                        o += sprintf(o, "%s%.*s", o == s ? "" : " ", (int)rl, r + k);
                }
        }
        size_t n = strlen(s);
        while (n > 0 && strchr(",;:-|", s[n - 1]))
                s[--n] = 0;
        while (n > 0 && s[n - 1] == ' ')
                s[--n] = 0;
        return s;
}

static size_t occurrences(const struct xdoc *x, char **keys, size_t first, size_t end)
{
        char *t = xdoc_join(x, first, end, false);
        char *k = name_key(t);
        size_t n = 0;
        free(t);
        if (strlen(k) >= 3)
                for (size_t li = 0; li < x->n_lines; li++)
                        if (has_words(keys[li], k))
                                n++;
        free(k);
        return n ? n : 1;
}

/* "Brightwater Ltd · 7 Canal Street · Manchester M1 3HE": a name that
 * starts its line (tokens [first, end)), then its own address set off by a
 * separator — a letter's sender line or its footer, both the issuer's
 * (not "Bank: Barclays Bank plc · IBAN ...", which a label starts). */
static bool sender_line(const struct xdoc *x, const struct xline *l, size_t first, size_t end)
{
        static const char *const seps[] = { "\xc2\xb7", "|", "\xe2\x80\xa2", "-", "\xe2\x80\x93",
                                            "\xe2\x80\x94", "/", NULL };
        size_t stop = l->first + l->n;
        if (first != l->first || end <= first || end >= stop)
                return false;
        const char *prev = x->toks[end - 1].raw;
        if (!extract_word_in(x->toks[end].raw, seps) && prev[strlen(prev) - 1] != ',')
                return false;
        for (size_t i = end; i < stop; i++)
                if (extract_word_in(x->toks[i].norm, address_words) || extract_has_digit(x->toks[i].raw))
                        return true;
        return false;
}

/* Is every word of four letters or more in key a slip (two edits, three
 * in a word of twelve letters or more) from a word of other? */
static bool words_within(const char *key, const char *other)
{
        char *k = bf_xstrdup(key), *save = NULL;
        int seen = 0, found = 0;
        for (char *w = strtok_r(k, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
                if (strlen(w) < 4)
                        continue;
                seen++;
                char *o = bf_xstrdup(other), *save2 = NULL;
                for (char *v = strtok_r(o, " ", &save2); v; v = strtok_r(NULL, " ", &save2))
                        if (strlen(v) >= 4 && text_distance(w, v) <= (strlen(w) >= 12 ? 3 : 2)) {
                                found++;
                                break;
                        }
                free(o);
        }
        free(k);
        return seen > 0 && found == seen;
}

/* The name chosen [*first, *end), read doubtfully ("oe Hauctechnite
 * GmbH"), is printed again elsewhere on the page and read far better there
 * (the footer's "Keller Haustechnik GmbH - Aarbergergasse 5"): the same
 * legal form, each of its words a slip from one of the other's. That
 * reading is the name. */
static void better_reading(const struct xdoc *x, size_t *first, size_t *end)
{
        double conf = extract_read_conf(x, *first, *end);
        if (x->doc->source == SOURCE_TEXT || !legal_at(x, *end - 1) || conf >= OCR_SURE)
                return;
        char *t = xdoc_join(x, *first, *end, false);
        char *key = name_key(t);
        free(t);
        struct phrase ph[64];
        for (size_t li = 0; li < x->n_lines; li++) {
                size_t np = phrases_of(x, li, ph, 64);
                for (size_t p = 0; p < np; p++) {
                        size_t f = ph[p].first, e = ph[p].end;
                        cut_at_legal_form(x, &f, &e);
                        if (f == *first || e - f < 2 || !legal_at(x, e - 1) ||
                            strcmp(x->toks[e - 1].norm, x->toks[*end - 1].norm) != 0 ||
                            extract_read_conf(x, f, e) < fmax(0.8, conf + 0.2))
                                continue;
                        char *u = xdoc_join(x, f, e, false);
                        char *k2 = name_key(u);
                        free(u);
                        bool same = strcmp(k2, key) != 0 && words_within(key, k2);
                        free(k2);
                        if (same) {
                                *first = f;
                                *end = e;
                                free(key);
                                return;
                        }
                }
        }
        free(key);
}

struct custbox {
        bf_box box;
        int page;
};

/* The customer blocks: below and right of "Bill to", "Client", ... Sets
 * *ret to a new array the caller frees; returns its length. */
static size_t customer_boxes(const struct xdoc *x, struct custbox **ret)
{
        struct custbox *cb = bf_xcalloc(x->n_hits + 1, sizeof(*cb));
        size_t ncb = 0;
        for (size_t hi = 0; hi < x->n_hits; hi++) {
                const struct xhit *h = &x->hits[hi];
                if (h->kind != LK_CUSTOMER)
                        continue;
                const struct xline *l = &x->lines[h->line];
                const struct xtok *last = &x->toks[h->end - 1];
                bool starts = h->first == l->first ||
                              x->toks[h->first].box.x0 - x->toks[h->first - 1].box.x1 > 1.3 * l->h;
                bool ends = last->colon || h->end == l->first + l->n ||
                            x->toks[h->end].box.x0 - last->box.x1 > 1.3 * l->h || h->end - h->first >= 2;
                if (!starts || !(last->colon || ends))
                        continue;
                const bf_page *pg = xdoc_page(x, l->page);
                double w = pg ? pg->width : 1000;
                cb[ncb].page = l->page;
                cb[ncb].box.x0 = h->box.x0 - 0.5 * l->h;
                cb[ncb].box.x1 = h->box.x0 + 0.4 * w;
                cb[ncb].box.y0 = h->box.y0 - 0.3 * l->h;
                cb[ncb].box.y1 = h->box.y1 + 6.5 * l->h;
                ncb++;
        }
        *ret = cb;
        return ncb;
}

/* ------------------------------------------------------- master on page */

static bool in_customer_box(const struct custbox *cb, size_t ncb, int page, bf_box box)
{
        for (size_t c = 0; c < ncb; c++)
                if (cb[c].page == page && in_box(cb[c].box, box))
                        return true;
        return false;
}

/* Is the name key kn printed on line li outside the customer blocks? */
static bool name_outside_customer(const struct xdoc *x, size_t li, const char *kn,
                                  const struct custbox *cb, size_t ncb)
{
        struct phrase ph[64];
        size_t np = phrases_of(x, li, ph, 64);
        bool in_phrase = false;
        for (size_t p = 0; p < np; p++) {
                char *t = xdoc_join(x, ph[p].first, ph[p].end, false);
                char *k = name_key(t);
                bool here = has_words(k, kn);
                free(t);
                free(k);
                if (!here)
                        continue;
                in_phrase = true;
                if (!in_customer_box(cb, ncb, x->lines[li].page, ph[p].box))
                        return true;
        }
        return !in_phrase;
}

/* The vendor master on the page: a vendor's IBAN, its tax id, then its name
 * or an alias, each outside the customer blocks (a customer may be a vendor
 * too, and prints its own name and VAT id there). Where two vendors are
 * named, the page does not say which by names alone: -1, and the
 * letterhead decides. */
static int master_on_page(const struct xdoc *x, const struct extract_options *opt,
                          double *ret_score)
{
        if (!opt->vendors || opt->n_vendors == 0)
                return -1;
        struct custbox *cb = NULL;
        size_t ncb = customer_boxes(x, &cb);
        /* Line keys, to look names up on word boundaries. */
        char **keys = bf_xcalloc(x->n_lines + 1, sizeof(char *));
        for (size_t li = 0; li < x->n_lines; li++) {
                char *s = xdoc_join(x, x->lines[li].first, x->lines[li].first + x->lines[li].n, false);
                keys[li] = name_key(s);
                free(s);
        }
        /* the best id evidence, whether another vendor ties it; the best
         * name evidence, whether another vendor is named at all */
        int best_id = -1, best_name = -1;
        double id_s = 0, name_s = 0;
        bool id_tie = false, name_tie = false;
        for (size_t v = 0; v < opt->n_vendors; v++) {
                const bf_vendor *vd = &opt->vendors[v];
                /* an IBAN is the payee's alone; a VAT id may be the
                 * buyer's too. Read through OCR's slips, a little less. */
                const char *ids[2] = { vd->iban, vd->tax_id };
                const double as_printed[2] = { 0.98, 0.97 }, slipped[2] = { 0.96, 0.95 };
                double vs = 0;
                for (int k = 0; k < 2; k++) {
                        size_t tok = 0;
                        int r = ids[k] ? extract_id_on_page(x, ids[k], &tok) : 0;
                        if (r == 0 || in_customer_box(cb, ncb, x->toks[tok].page, x->toks[tok].box))
                                continue;
                        vs = fmax(vs, r == 2 ? as_printed[k] : slipped[k]);
                }
                if (vs > 0 && vs == id_s && best_id != (int)v)
                        id_tie = true;
                if (vs > id_s) {
                        id_s = vs;
                        best_id = (int)v;
                        id_tie = false;
                }
                double ns = 0;
                for (size_t a = 0; a <= vd->n_aliases; a++) {
                        const char *nm = a == 0 ? vd->name : vd->aliases[a - 1];
                        if (!nm)
                                continue;
                        char *kn = name_key(nm);
                        for (size_t li = 0; strlen(kn) >= 3 && li < x->n_lines; li++) {
                                if (!has_words(keys[li], kn) ||
                                    !name_outside_customer(x, li, kn, cb, ncb))
                                        continue;
                                /* higher on page 1 is the letterhead */
                                ns = fmax(ns, 0.9 + (x->lines[li].page == 1 ? 0.03 : 0) +
                                                      0.02 * (strlen(kn) > 8));
                                break;
                        }
                        free(kn);
                }
                if (ns > 0 && best_name >= 0)
                        name_tie = true;
                if (ns > name_s) {
                        name_s = ns;
                        best_name = (int)v;
                }
        }
        for (size_t li = 0; li < x->n_lines; li++)
                free(keys[li]);
        free(keys);
        free(cb);
        int best = -1;
        double bs = 0;
        if (best_id >= 0 && !id_tie) {
                best = best_id;
                bs = id_s;
        } else if (best_name >= 0 && !name_tie) {
                best = best_name;
                bs = name_s;
        }
        if (ret_score)
                *ret_score = bs;
        return best;
}

/* Whether the words from token k read as a field of a block ("Nummer :
 * 549910", "Tel.: ...", "USt-IdNr: DE..."): a number word, or a colon within
 * the first few words of its line. */
static bool field_at(const struct xdoc *x, size_t k)
{
        const struct xline *m = &x->lines[x->toks[k].line];

        for (size_t i = k; i < m->first + m->n && i < k + 3; i++)
                if (x->toks[i].colon || strcmp(x->toks[i].canon, "no") == 0)
                        return true;
        return false;
}

const bf_vendor *extract_vendor(struct xdoc *x, const struct extract_options *opt,
                                bf_invoice *inv)
{
        double ms = 0;
        int mv = master_on_page(x, opt, &ms);
        if (mv >= 0) {
                const bf_vendor *v = &opt->vendors[mv];
                inv->vendor_name = bf_xstrdup(v->name);
                inv->vendor_id = bf_xstrdup(v->vendor_id);
                bf_box none = { 0, 0, 0, 0 };
                extract_meta(inv, FIELD_VENDOR, ms, 1, none, "vendor master");
                inv->meta[FIELD_VENDOR].vouched = true;
                return v;
        }

        /* Customer blocks: below and right of "Bill to", "Client", ... */
        struct custbox *cb = NULL;
        size_t ncb = customer_boxes(x, &cb);
        /* Names inside customer blocks are nobody's letterhead. */
        char **cust = bf_xcalloc(x->n_lines * 4 + 1, sizeof(char *));
        size_t ncust = 0;
        struct phrase ph[64];
        for (size_t li = 0; li < x->n_lines; li++) {
                size_t np = phrases_of(x, li, ph, 64);
                for (size_t p = 0; p < np; p++)
                        for (size_t c = 0; c < ncb; c++)
                                if (cb[c].page == x->lines[li].page && in_box(cb[c].box, ph[p].box) &&
                                    ncust < x->n_lines * 4) {
                                        char *t = xdoc_join(x, ph[p].first, ph[p].end, false);
                                        cust[ncust++] = name_key(t);
                                        free(t);
                                        break;
                                }
        }

        char **keys = bf_xcalloc(x->n_lines + 1, sizeof(char *));
        for (size_t li = 0; li < x->n_lines; li++) {
                char *t = xdoc_join(x, x->lines[li].first, x->lines[li].first + x->lines[li].n, false);
                keys[li] = name_key(t);
                free(t);
        }
        double best = -1e9;
        size_t bf = 0, be = 0;
        bool blegal = false, bseller = false;
        /* median height on page 1 */
        double med_h = 0;
        {
                size_t cnt = 0;
                for (size_t li = 0; li < x->n_lines && x->lines[li].page == 1; li++) {
                        med_h += x->lines[li].h;
                        cnt++;
                }
                med_h = cnt ? med_h / (double)cnt : 0;
        }
        size_t rank = 0;
        for (size_t li = 0; li < x->n_lines; li++) {
                const struct xline *l = &x->lines[li];
                const bf_page *pg = xdoc_page(x, l->page);
                size_t np = phrases_of(x, li, ph, 64);
                bool counted = false;
                for (size_t p = 0; p < np; p++) {
                        size_t first = ph[p].first, end = ph[p].end;
                        first = name_above(x, li, first, end);
                        cut_at_legal_form(x, &first, &end);
                        /* "KT WONG TRADING (001904043-H)", "KING'S
                         * CONFECTIONERY S/B 273500-U": the registration
                         * number after a name is not part of it */
                        for (size_t i = first + 1; i < end; i++) {
                                const char *r = x->toks[i].raw;
                                size_t dg = 0;
                                for (const char *q = r; *q; q++)
                                        dg += *q >= '0' && *q <= '9';
                                if ((r[0] == '(' && dg >= 4) ||
                                    (regno_token(r) && !number_label(&x->toks[i - 1]))) {
                                        end = i;
                                        break;
                                }
                        }
                        char *t = xdoc_join(x, first, end, false);
                        char *k = name_key(t);
                        free(t);
                        bool is_cust = strlen(k) < 2;
                        for (size_t c = 0; c < ncust && !is_cust; c++)
                                if (cust[c][0] && (strcmp(cust[c], k) == 0 || has_words(cust[c], k)))
                                        is_cust = true;
                        free(k);
                        if (is_cust)
                                continue;
                        /* after or below "Seller:", "Provided by", "Account holder" */
                        bool seller = false;
                        for (size_t hi = 0; hi < x->n_hits && !seller; hi++) {
                                const struct xhit *h = &x->hits[hi];
                                if (h->kind != LK_SELLER && h->kind != LK_PAYEE)
                                        continue;
                                if (!x->toks[h->end - 1].colon && h->end - h->first < 2 &&
                                    h->kind == LK_SELLER)
                                        continue;
                                size_t v = extract_value_right(x, h);
                                size_t b = extract_value_below(x, h, 0);
                                /* "Verkäufer:" over "Nummer : 549910" over the
                                 * name: a field of the seller's block is no name */
                                for (int w = 1; w < 3 && b != SIZE_MAX && field_at(x, b); w++)
                                        b = extract_value_below(x, h, w);
                                if (v != SIZE_MAX && field_at(x, v))
                                        v = SIZE_MAX;
                                /* "Sold by: BDL187 MUHAMMAD SHAFIK": a receipt's
                                 * salesperson, by staff code, is no seller */
                                if (v != SIZE_MAX && staff_code(x->toks[v].raw))
                                        continue;
                                if (v != SIZE_MAX && v >= first && v < end) {
                                        first = v;
                                        seller = true;
                                } else if (v == SIZE_MAX && b != SIZE_MAX && b >= first && b < end) {
                                        first = b;
                                        seller = true;
                                }
                        }
                        bool legal;
                        double s = score_name(x, first, end, pg ? pg->height : 0, med_h,
                                              l->page == 1 ? rank : 100, &legal);
                        if (s <= -1000)
                                continue;
                        /* "Owned by X Sdn Bhd": the proprietor, not the name the
                         * letterhead trades under */
                        for (size_t hi = 0; hi < x->n_hits; hi++) {
                                const struct xhit *h = &x->hits[hi];
                                if (h->kind != LK_OWNER)
                                        continue;
                                size_t v = extract_value_right(x, h);
                                if (v == SIZE_MAX)
                                        v = extract_value_below(x, h, 0);
                                if (v != SIZE_MAX && v >= first && v < end)
                                        s -= 50;
                        }
                        /* "Bank: UBS Switzerland AG - IBAN ...": the vendor's
                         * bank, never the vendor */
                        if (first > x->lines[li].first &&
                            extract_word_in(x->toks[first - 1].norm, bank_words))
                                s -= 60;
                        counted = true;
                        if (seller)
                                s += 60;
                        /* the registered name, its registration number after it
                         * (not a bracketed aside: "(Co. No. 113825-W)") */
                        if (x->toks[first].raw[0] != '(' && regno_after(x, li, first, end))
                                s += 35;
                        if (legal && sender_line(x, l, first, end))
                                s += 30;
                        /* the issuer's name recurs: letterhead, footer, bank details */
                        s += fmin(24, 6.0 * (double)(occurrences(x, keys, first, end) - 1));
                        if (l->page != 1 && !legal && !seller)
                                continue;
                        if (s > best) {
                                best = s;
                                bf = first;
                                be = end;
                                blegal = legal;
                                bseller = seller;
                        }
                }
                if (counted && l->page == 1)
                        rank++;
        }
        for (size_t li = 0; li < x->n_lines; li++)
                free(keys[li]);
        free(keys);
        for (size_t c = 0; c < ncust; c++)
                free(cust[c]);
        free(cust);
        free(cb);
        if (be == 0 || best < -15)
                return NULL;    /* nothing looks like a name: better null than a guess */
        better_reading(x, &bf, &be);
        inv->vendor_name = name_text(x, bf, be);
        double conf = bseller ? 0.88 : blegal ? 0.82 : 0.55;
        if (best < 20)
                conf -= 0.1;
        bool misread = extract_read_conf(x, bf, be) < OCR_SURE;
        if (misread)
                conf = fmin(conf, OCR_DOUBT_CAP);
        bf_box box = x->toks[bf].box;
        for (size_t i = bf + 1; i < be; i++)
                box = box_union(box, x->toks[i].box);
        extract_meta(inv, FIELD_VENDOR, conf, x->toks[bf].page, box, NULL);
        double score = 0;
        int v = extract_match_vendor(inv->vendor_name, opt->vendors, opt->n_vendors, &score);
        if (v >= 0) {
                free(inv->vendor_name);
                inv->vendor_name = bf_xstrdup(opt->vendors[v].name);
                inv->vendor_id = bf_xstrdup(opt->vendors[v].vendor_id);
                /* the master vouches for the name as read; a near match of
                 * an OCR'd name vouches less */
                double mc = 0.45 + 0.5 * score - (misread && score < 0.95 ? 0.05 : 0);
                inv->meta[FIELD_VENDOR].confidence = fmin(0.97, fmax(conf + 0.2 * score, mc));
                inv->meta[FIELD_VENDOR].vouched = true;
                return &opt->vendors[v];
        }
        /* a name the vendor master does not know is a choice among the
         * page's names (the shop's brand, the company that runs it, a
         * branch, a mall, the customer) that nothing else on the page
         * checks: on the dev fold's real documents one in nine of those
         * with a legal form or a seller's label was another party's,
         * however well it was read (rules hold an unknown vendor anyway) */
        inv->meta[FIELD_VENDOR].confidence = fmin(inv->meta[FIELD_VENDOR].confidence, UNKNOWN_NAME_CAP);
        return NULL;
}

