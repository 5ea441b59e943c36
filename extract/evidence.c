/* evidence.c: master data as evidence — a vendor's open purchase orders
 * found on the page whatever their label, a vendor's tax id or IBAN read
 * through OCR's slips, and the shape of the vendor's earlier invoice
 * numbers. */
#include "extract/extract-int.h"
#include "extract/slips.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Tokens [first, end) of one line joined without spaces; NULL when two of
 * them stand further apart than a word gap (a value is set tight). */
static char *join_tight(const struct xdoc *x, size_t first, size_t end)
{
        const struct xline *l = &x->lines[x->toks[first].line];
        for (size_t i = first + 1; i < end; i++)
                if (x->toks[i].line != x->toks[first].line ||
                    x->toks[i].box.x0 - x->toks[i - 1].box.x1 > 1.5 * l->h)
                        return NULL;
        size_t len = 1;
        for (size_t i = first; i < end; i++)
                len += strlen(x->toks[i].raw);
        char *s = bf_xmalloc(len), *p = s;
        for (size_t i = first; i < end; i++) {
                size_t n = strlen(x->toks[i].raw);
                memcpy(p, x->toks[i].raw, n);
                p += n;
        }
        *p = 0;
        return s;
}

/* ------------------------------------------------------ purchase orders */

/* Up to three tokens set tight read as one identifier ("PO 4471",
 * "PO- 4471"). */
#define PO_WINDOW 3

/* A short PO number (under five characters, or under six without a
 * letter) is found only on a line with a PO label: anywhere else it may be
 * a quantity, a postcode or a part of an address. */
static bool po_short(const char *key)
{
        size_t n = strlen(key), letters = 0;
        for (const char *p = key; *p; p++)
                letters += isalpha((unsigned char)*p) != 0;
        return n < 5 || (n < 6 && letters == 0);
}

static bool line_has_po_label(const struct xdoc *x, size_t line)
{
        for (size_t hi = 0; hi < x->n_hits; hi++)
                if (x->hits[hi].kind == LK_PO && x->hits[hi].line == line)
                        return true;
        return false;
}

struct po_find {
        bool seen;              /* printed on the page */
        bool exact;             /* read without a slip */
        bool labelled;          /* on a line with a PO label */
        size_t first, end;      /* where: the best sighting */
};

/* Finds the open POs printed on the page. Returns the index of the one to
 * take — the one the label finder read (label_key), else the only one
 * found, else the only one beside a PO label — with where it stands in
 * *ret; -1 when none is found or there is no way to choose. */
static int find_open_po(const struct xdoc *x, const struct extract_options *opt,
                        const char *label_key, struct po_find *ret)
{
        size_t n = opt->n_open_pos;
        char **keys = bf_xcalloc(n + 1, sizeof(*keys));
        char **exact = bf_xcalloc(n + 1, sizeof(*exact));
        struct po_find *f = bf_xcalloc(n + 1, sizeof(*f));
        size_t distinct = 0, distinct_labelled = 0;
        int by_label = -1, only = -1, only_labelled = -1, pick = -1;

        for (size_t k = 0; k < n; k++) {
                keys[k] = slips_id_key(opt->open_pos[k] ? opt->open_pos[k] : "", true);
                exact[k] = slips_id_key(opt->open_pos[k] ? opt->open_pos[k] : "", false);
                /* two open POs that OCR could not tell apart are matched
                 * only as printed */
                for (size_t j = 0; j < k; j++)
                        if (strcmp(keys[j], keys[k]) == 0 && keys[k][0])
                                keys[k][0] = keys[j][0] = 0;
        }
        for (size_t i = 0; i < x->n_toks; i++) {
                bool labelled = line_has_po_label(x, x->toks[i].line);
                for (size_t w = 1; w <= PO_WINDOW && i + w <= x->n_toks; w++) {
                        char *joined = join_tight(x, i, i + w);
                        if (!joined)
                                break;
                        char *key = slips_id_key(joined, true);
                        char *plain = slips_id_key(joined, false);
                        for (size_t k = 0; k < n; k++) {
                                bool as_printed = exact[k][0] && strcmp(plain, exact[k]) == 0;
                                if (!as_printed && !(keys[k][0] && strcmp(key, keys[k]) == 0))
                                        continue;
                                if (po_short(exact[k]) && !labelled)
                                        continue;
                                if (!f[k].seen)
                                        distinct++;
                                if (labelled && !f[k].labelled)
                                        distinct_labelled++;
                                if (!f[k].seen || (labelled && !f[k].labelled) ||
                                    (labelled == f[k].labelled && as_printed && !f[k].exact)) {
                                        f[k].first = i;
                                        f[k].end = i + w;
                                }
                                f[k].seen = true;
                                f[k].exact |= as_printed;
                                f[k].labelled |= labelled;
                        }
                        free(plain);
                        free(key);
                        free(joined);
                }
        }
        for (size_t k = 0; k < n; k++) {
                if (!f[k].seen)
                        continue;
                if (label_key && keys[k][0] && strcmp(keys[k], label_key) == 0)
                        by_label = (int)k;
                only = (int)k;
                if (f[k].labelled)
                        only_labelled = (int)k;
        }
        if (by_label >= 0)
                pick = by_label;
        else if (distinct == 1)
                pick = only;
        else if (distinct_labelled == 1)
                pick = only_labelled;
        if (pick >= 0)
                *ret = f[pick];
        for (size_t k = 0; k < n; k++) {
                free(keys[k]);
                free(exact[k]);
        }
        free(keys);
        free(exact);
        free(f);
        return pick;
}

/* A PO number equal to one of the vendor's open purchase orders (read
 * through OCR's slips) is that PO, whatever its label: it takes the
 * master's spelling, and the master vouches for it. */
static void po_evidence(struct xdoc *x, const struct extract_options *opt, bf_invoice *inv)
{
        char *label_key = inv->po_number ? slips_id_key(inv->po_number, true) : NULL;
        struct po_find f;
        int k = find_open_po(x, opt, label_key, &f);
        free(label_key);
        if (k < 0)
                return;
        const char *po = opt->open_pos[k];
        bf_field_meta *m = &inv->meta[FIELD_PO_NUMBER];
        bool same = inv->po_number && strcmp(inv->po_number, po) == 0;
        char *label = same && m->label ? bf_xstrdup(m->label) : bf_xstrdup("open purchase order");
        free(inv->po_number);
        inv->po_number = bf_xstrdup(po);
        bf_box box = x->toks[f.first].box;
        for (size_t i = f.first + 1; i < f.end; i++)
                box = box_union(box, x->toks[i].box);
        /* printed as the master has it, or through a slip OCR makes */
        extract_meta(inv, FIELD_PO_NUMBER, f.exact ? 0.98 : 0.95, x->toks[f.first].page, box, label);
        inv->meta[FIELD_PO_NUMBER].vouched = true;
        free(label);
}

/* ---------------------------------------------------- tax ids and IBANs */

/* Does s (compacted, upper case) pass a VAT id's or an IBAN's check digits? */
static bool id_checks(const char *s)
{
        return vat_id_check(s, NULL, NULL) == 0 || iban_check(s, NULL, NULL) == 0;
}

/* Is the printed id (with its country prefix) the master's id with one
 * digit misread? The master's passes its check digits and the printed one
 * fails them: a digit off that still checks is another id. */
static bool one_digit_misread(const char *printed, size_t off, const char *id)
{
        char fixed[96];
        size_t diff = 0, n = strlen(id);
        for (size_t i = 0; i < n; i++)
                if (printed[off + i] != id[i] &&
                    (diff++ || !isdigit((unsigned char)printed[off + i]) ||
                     !isdigit((unsigned char)id[i])))
                        return false;
        if (diff != 1 || off + n >= sizeof(fixed))
                return false;
        memcpy(fixed, printed, off);
        memcpy(fixed + off, id, n + 1);
        return id_checks(fixed) && !id_checks(printed);
}

/* Does line li hold id (compacted, upper case) on token boundaries, as
 * printed or through OCR's slips? 2 as printed, 1 through slips (or one
 * digit misread, see one_digit_misread), 0 not. A reading through slips
 * that passes check digits of its own is another id, not this one. */
static int id_on_line(const struct xdoc *x, size_t li, const char *id, const char *id_slips,
                      size_t *ret_tok)
{
        const struct xline *l = &x->lines[li];
        size_t nid = strlen(id);
        for (size_t i = l->first; i < l->first + l->n; i++) {
                /* from token i, as many tokens as the id needs */
                char plain[96] = "", slips[96] = "";
                size_t len = 0;
                for (size_t j = i; j < l->first + l->n && len < nid; j++) {
                        for (const char *p = x->toks[j].raw; *p && len < sizeof(plain) - 1; p++) {
                                if (!isalnum((unsigned char)*p) && !(*p == '|' || *p == '$'))
                                        continue;
                                plain[len] = (char)toupper((unsigned char)*p);
                                char d = slip_digit(*p, SLIP_KEY);
                                slips[len] = d ? d : plain[len];
                                len++;
                        }
                        plain[len] = slips[len] = 0;
                        /* the id, or the id after a country prefix the
                         * master leaves out ("DE" 123456789) */
                        for (size_t off = 0; off <= 2; off += 2) {
                                if (len != nid + off ||
                                    (off && !(isalpha((unsigned char)plain[0]) &&
                                              isalpha((unsigned char)plain[1]))))
                                        continue;
                                int r = strcmp(plain + off, id) == 0 ? 2 :
                                        strcmp(slips + off, id_slips) == 0 && !id_checks(plain) ? 1 :
                                        one_digit_misread(plain, off, id) ? 1 : 0;
                                if (r) {
                                        *ret_tok = i;
                                        return r;
                                }
                        }
                }
        }
        return 0;
}

int extract_id_on_page(const struct xdoc *x, const char *id, size_t *ret_tok)
{
        char clean[96];
        size_t n = 0;
        for (const char *p = id; *p && n < sizeof(clean) - 1; p++)
                if (isalnum((unsigned char)*p))
                        clean[n++] = (char)toupper((unsigned char)*p);
        clean[n] = 0;
        /* too short to tell a tax id from any other number */
        if (n < 6)
                return 0;
        char slips[96];
        for (size_t i = 0; i <= n; i++) {
                char d = slip_digit(clean[i], SLIP_KEY);
                slips[i] = d ? d : clean[i];
        }
        /* a slip is taken only on a scan (a text layer prints what it
         * means), and in an id long enough not to become another */
        bool slips_ok = x->doc->source != SOURCE_TEXT && n >= 8;
        int best = 0;
        for (size_t li = 0; li < x->n_lines && best < 2; li++) {
                size_t tok = 0;
                int r = id_on_line(x, li, clean, slips, &tok);
                if (r == 1 && !slips_ok)
                        r = 0;
                if (r > best) {
                        best = r;
                        *ret_tok = tok;
                }
        }
        return best;
}

/* ----------------------------------------------- invoice number shapes */

/* Does number fit the shape of earlier: the same separators at the same
 * places, letters where it has letters (the same ones where its letters
 * are a fixed prefix), digits where it has digits — a run of digits one
 * longer or shorter allowed (a counter grows)? */
static bool shape_fits(const char *number, const char *earlier)
{
        const char *a = number, *b = earlier;
        while (*a && *b) {
                if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
                        size_t na = 0, nb = 0;
                        while (isdigit((unsigned char)a[na]))
                                na++;
                        while (isdigit((unsigned char)b[nb]))
                                nb++;
                        if (na + 1 < nb || nb + 1 < na)
                                return false;
                        a += na;
                        b += nb;
                } else if (isalpha((unsigned char)*a) && isalpha((unsigned char)*b)) {
                        if (toupper((unsigned char)*a) != toupper((unsigned char)*b))
                                return false;
                        a++;
                        b++;
                } else if (*a == *b && !isalnum((unsigned char)*a)) {
                        a++;
                        b++;
                } else {
                        return false;
                }
        }
        return !*a && !*b;
}

/* Mends OCR's slips in number (in place) where earlier, of the same
 * length and separators, has a digit for a letter read or a letter for a
 * digit read; true when number then fits earlier. */
static bool shape_repair(char *number, const char *earlier)
{
        size_t n = strlen(number);
        if (n != strlen(earlier))
                return false;
        char *c = bf_xstrdup(number);
        for (size_t i = 0; i < n; i++) {
                char e = earlier[i], ch = c[i];
                if (isdigit((unsigned char)e) && !isdigit((unsigned char)ch) && slip_digit(ch, SLIP_KEY))
                        c[i] = slip_digit(ch, SLIP_KEY);
                else if (isalpha((unsigned char)e) && isdigit((unsigned char)ch) &&
                         slip_letter(ch) == toupper((unsigned char)e))
                        c[i] = e;
        }
        bool ok = shape_fits(c, earlier);
        if (ok)
                memcpy(number, c, n);
        free(c);
        return ok;
}

static bool fits_any(const char *number, const struct extract_options *opt)
{
        for (size_t k = 0; k < opt->n_earlier_numbers; k++)
                if (opt->earlier_numbers[k] && shape_fits(number, opt->earlier_numbers[k]))
                        return true;
        return false;
}

/* Cleans and repairs a candidate read at token i; NULL when it does not
 * fit the vendor's earlier numbers even then. Caller frees. */
static char *fitting_candidate(const struct xdoc *x, size_t i, const struct extract_options *opt)
{
        if (i == SIZE_MAX || !extract_has_digit(x->toks[i].raw))
                return NULL;
        /* outer punctuation off, separators kept */
        const char *s = x->toks[i].raw;
        char *c = bf_xstrndup(s, slips_id_trim(&s));
        if (fits_any(c, opt))
                return c;
        for (size_t k = 0; x->doc->source != SOURCE_TEXT && k < opt->n_earlier_numbers; k++)
                if (opt->earlier_numbers[k] && shape_repair(c, opt->earlier_numbers[k]))
                        return c;
        free(c);
        return NULL;
}

/* The vendor's earlier invoice numbers give the number's shape: a number
 * read with a slip that the shape mends is mended ("INV-2O26-0042"), and
 * when the number read does not fit at all, the one candidate beside an
 * invoice-number label that does is taken instead. */
static void number_evidence(struct xdoc *x, const struct extract_options *opt, bf_invoice *inv)
{
        if (inv->invoice_number && fits_any(inv->invoice_number, opt))
                return;
        if (inv->invoice_number && x->doc->source != SOURCE_TEXT) {
                for (size_t k = 0; k < opt->n_earlier_numbers; k++)
                        if (opt->earlier_numbers[k] &&
                            shape_repair(inv->invoice_number, opt->earlier_numbers[k]))
                                return;
        }
        char *pick = NULL;
        size_t pick_tok = SIZE_MAX;
        const struct xhit *pick_hit = NULL;
        bool several = false;
        for (size_t hi = 0; hi < x->n_hits && !several; hi++) {
                const struct xhit *h = &x->hits[hi];
                if (h->kind != LK_INVNO)
                        continue;
                size_t cand[2] = { h->before ? extract_value_before(x, h) : extract_value_right(x, h),
                                   h->before ? SIZE_MAX : extract_value_below(x, h, 0) };
                for (int c = 0; c < 2 && !several; c++) {
                        char *v = fitting_candidate(x, cand[c], opt);
                        if (!v)
                                continue;
                        if (pick && strcmp(pick, v) != 0)
                                several = true;
                        else if (!pick) {
                                pick = v;
                                v = NULL;
                                pick_tok = cand[c];
                                pick_hit = h;
                        }
                        free(v);
                }
        }
        if (!pick || several) {
                free(pick);
                return;
        }
        free(inv->invoice_number);
        inv->invoice_number = pick;
        char *lbl = xdoc_join(x, pick_hit->first, pick_hit->end, false);
        /* as a label finder's pick: the label's strength, a doubtful read held */
        double conf = 0.45 + 0.5 * pick_hit->strength / 100.0;
        if (extract_read_conf(x, pick_tok, pick_tok + 1) < 0.8)
                conf = fmin(conf, OCR_DOUBT_CAP);
        extract_meta(inv, FIELD_INVOICE_NUMBER, conf, x->toks[pick_tok].page, x->toks[pick_tok].box,
                     lbl);
        free(lbl);
}

void extract_master_evidence(struct xdoc *x, const struct extract_options *opt,
                             const bf_vendor *vendor, bf_invoice *inv)
{
        /* the evidence is one vendor's: only for a page of that vendor */
        if (!vendor || !vendor->vendor_id || !opt->master_vendor_id ||
            strcmp(vendor->vendor_id, opt->master_vendor_id) != 0)
                return;
        if (opt->n_open_pos)
                po_evidence(x, opt, inv);
        if (opt->n_earlier_numbers)
                number_evidence(x, opt, inv);
}
