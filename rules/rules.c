/* rules.c: the checks an invoice must pass to be posted, each reason with a
 * detail for the reviewer. */
#include <ctype.h>
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules-int.h"

/* One reason's details are joined with "; "; past this many the rest are
 * only counted, so a thousand-line invoice cannot grow a detail unbounded. */
#define RULES_MAX_DETAILS 10

struct rules_report {
        bool hit[REASON__COUNT];
        char *detail[REASON__COUNT];
        size_t n_details[REASON__COUNT];
};

void rules_config_init(struct rules_config *cfg)
{
        memset(cfg, 0, sizeof(*cfg));
        cfg->min_confidence = 0.80;
        cfg->price_tolerance_pct = (bf_decimal){ .units = 2, .scale = 0 };
        cfg->amount_tolerance = (bf_decimal){ .units = 2, .scale = 2 };
        cfg->has_auto_post_limit = false;
        cfg->payable_account = "Liabilities:AccountsPayable";
        cfg->tax_account = "Assets:InputTax";
}

void decision_release(bf_decision *d)
{
        if (!d)
                return;
        for (size_t i = 0; i < d->n_reasons; i++)
                free(d->reasons[i].detail);
        free(d->reasons);
        d->reasons = NULL;
        d->n_reasons = 0;
}

bool decision_has(const bf_decision *d, enum bf_reason r)
{
        for (size_t i = 0; d && i < d->n_reasons; i++)
                if (d->reasons[i].reason == r)
                        return true;
        return false;
}

/* Records reason with one piece of detail (owned, may be NULL). */
static void rules_note(struct rules_report *rep, enum bf_reason reason, char *piece)
{
        char *joined;

        rep->hit[reason] = true;
        if (!piece)
                return;
        if (rep->n_details[reason]++ >= RULES_MAX_DETAILS) {
                free(piece);
                return;
        }
        if (!rep->detail[reason]) {
                rep->detail[reason] = piece;
                return;
        }
        joined = bf_xasprintf("%s; %s", rep->detail[reason], piece);
        free(rep->detail[reason]);
        free(piece);
        rep->detail[reason] = joined;
}

static void rules_report_release(struct rules_report *rep)
{
        for (int i = 0; i < REASON__COUNT; i++)
                free(rep->detail[i]);
}

static bool rules_overridden(const struct rules_input *in, enum bf_reason reason)
{
        for (size_t i = 0; in->overrides && i < in->n_overrides; i++)
                if (in->overrides[i] == reason)
                        return true;
        return false;
}

static bool rules_nonempty(const char *s)
{
        return s && s[0];
}

static bool rules_field_present(const bf_invoice *inv, enum bf_field f)
{
        switch (f) {
        case FIELD_VENDOR:
                return rules_nonempty(inv->vendor_name) || rules_nonempty(inv->vendor_id);
        case FIELD_INVOICE_NUMBER:
                return rules_nonempty(inv->invoice_number);
        case FIELD_INVOICE_DATE:
                return date_is_set(inv->invoice_date);
        case FIELD_PO_NUMBER:
                return rules_nonempty(inv->po_number);
        default:
                return inv->meta[f].present;
        }
}

static const enum bf_field rules_required[] = {
        FIELD_VENDOR, FIELD_INVOICE_NUMBER, FIELD_INVOICE_DATE, FIELD_TOTAL,
};
#define RULES_N_REQUIRED (sizeof(rules_required) / sizeof(rules_required[0]))

static void rules_check_fields(const bf_invoice *inv, bool vendor_known, const struct rules_config *cfg,
                               struct rules_report *rep)
{
        char missing[128] = "", low[256] = "";
        size_t n_missing = 0, n_low = 0;

        for (size_t i = 0; i < RULES_N_REQUIRED; i++) {
                enum bf_field f = rules_required[i];
                const bf_field_meta *meta = &inv->meta[f];
                size_t len;

                if (!rules_field_present(inv, f)) {
                        len = strlen(missing);
                        snprintf(missing + len, sizeof(missing) - len, "%s%s",
                                 n_missing++ ? ", " : "", field_name(f));
                        continue;
                }
                /* A confidence means something only where extraction set one.
                 * A name no vendor matches is unknown_vendor's to report
                 * (rules_check_master): extraction holds such a name under
                 * min_confidence whoever it is, so low_confidence would only
                 * repeat it. */
                if (f == FIELD_VENDOR && !vendor_known)
                        continue;
                if (meta->present && meta->confidence < cfg->min_confidence) {
                        len = strlen(low);
                        snprintf(low + len, sizeof(low) - len, "%s%s %.2f < %.2f",
                                 n_low++ ? ", " : "", field_name(f), meta->confidence,
                                 cfg->min_confidence);
                }
        }
        /* A zero total is what extraction finds on a page without one (a
         * "0.00" change or discount line): never post it as a bill. */
        if (rules_field_present(inv, FIELD_TOTAL) && inv->total.minor == 0) {
                size_t len = strlen(missing);
                snprintf(missing + len, sizeof(missing) - len, "%stotal (zero)",
                         n_missing++ ? ", " : "");
        }
        if (n_missing)
                rules_note(rep, REASON_MISSING_FIELD, bf_xstrdup(missing));
        if (n_low)
                rules_note(rep, REASON_LOW_CONFIDENCE, bf_xstrdup(low));
}

/* Two IBANs as the same account: letters and digits only, case-blind. */
static bool rules_same_iban(const char *a, const char *b)
{
        for (;;) {
                while (*a && !isalnum((unsigned char)*a))
                        a++;
                while (*b && !isalnum((unsigned char)*b))
                        b++;
                if (!*a || !*b)
                        return !*a && !*b;
                if (toupper((unsigned char)*a) != toupper((unsigned char)*b))
                        return false;
                a++, b++;
        }
}

/* The classic fraud: an invoice asking to be paid to another account than
 * the vendor's. Both are shown masked in the middle. */
static void rules_check_bank(const struct rules_input *in, struct rules_report *rep)
{
        const bf_invoice *inv = in->invoice;
        const bf_vendor *vendor = in->vendor;
        char a[32], b[32];

        if (!vendor || !rules_nonempty(vendor->iban) || !rules_nonempty(inv->vendor_iban) ||
            rules_same_iban(vendor->iban, inv->vendor_iban))
                return;
        rules_note(rep, REASON_BANK_DETAILS_CHANGED,
                   bf_xasprintf("invoice asks for payment to %s, vendor %s's account is %s",
                                iban_mask(inv->vendor_iban, a, sizeof(a)),
                                vendor->vendor_id ? vendor->vendor_id : "?",
                                iban_mask(vendor->iban, b, sizeof(b))));
}

static void rules_check_master(const struct rules_input *in, struct rules_report *rep)
{
        const bf_invoice *inv = in->invoice;
        const bf_vendor *vendor = in->vendor;
        const bf_po *po = in->po;

        /* Without a vendor name missing_field already says it all. */
        if (!vendor && rules_field_present(inv, FIELD_VENDOR))
                rules_note(rep, REASON_UNKNOWN_VENDOR,
                           bf_xasprintf("'%s' matches no vendor id, name or alias",
                                        rules_nonempty(inv->vendor_name) ? inv->vendor_name
                                                                         : inv->vendor_id));
        if (vendor && vendor->po_required && !rules_field_present(inv, FIELD_PO_NUMBER))
                rules_note(rep, REASON_MISSING_PO,
                           bf_xasprintf("no PO number; vendor %s requires one",
                                        vendor->vendor_id ? vendor->vendor_id : "?"));
        if (in->po_not_found)
                rules_note(rep, REASON_PO_NOT_FOUND,
                           bf_xasprintf("PO '%s' is not in the system",
                                        inv->po_number ? inv->po_number : ""));
        if (po && vendor && po->vendor_id && vendor->vendor_id &&
            strcmp(po->vendor_id, vendor->vendor_id) != 0)
                rules_note(rep, REASON_VENDOR_MISMATCH,
                           bf_xasprintf("PO %s belongs to vendor %s, the invoice is from %s",
                                        po->po_number ? po->po_number : "?", po->vendor_id,
                                        vendor->vendor_id));
        /* An invoice that prints no currency is taken to be in the PO's. */
        if (po && po->currency[0]) {
                const char *cur = inv->currency[0] ? inv->currency : inv->total.currency;

                if (cur[0] && strcmp(cur, po->currency) != 0)
                        rules_note(rep, REASON_CURRENCY_MISMATCH,
                                   bf_xasprintf("invoice in %s, PO %s in %s", cur,
                                                po->po_number ? po->po_number : "?",
                                                po->currency));
        }
}

/* |v - r| * 100 > tol * r, exactly: both sides are multiplied by integers
 * only (tol's scale moved to the left), so no decimal_mul rounds. */
static int rules_over_tolerance(bf_decimal v, bf_decimal r, bf_decimal tol, bool *ret)
{
        bf_decimal diff, lhs, rhs, tol_abs;
        int64_t hundred = 100;

        if (decimal_sub(v, r, &diff) < 0 || rules_decimal_abs(diff, &diff) < 0 ||
            rules_decimal_abs(tol, &tol_abs) < 0)
                return BF_EINVAL;
        for (int i = 0; i < tol_abs.scale; i++)
                hundred *= 10;
        if (decimal_mul(diff, (bf_decimal){ .units = hundred, .scale = 0 }, &lhs) < 0 ||
            decimal_mul(r, (bf_decimal){ .units = tol_abs.units, .scale = 0 }, &rhs) < 0)
                return BF_EINVAL;
        *ret = decimal_cmp(lhs, rhs) > 0;
        return 0;
}

static void rules_check_price(const bf_invoice *inv, const bf_invoice_line *line,
                              const bf_po_line *pl, bf_decimal tol, struct rules_report *rep)
{
        int places = money_exponent(rules_currency(inv, NULL, NULL));
        bf_decimal v, r, q, p, shown, diff, pct;
        char got[48], want[48], tol_s[32], pct_s[32], how[96] = "";
        bool over = false;

        if (rules_decimal_abs(pl->unit_price, &p) < 0)
                goto out_of_range;
        if (line->has_unit_price) {
                if (rules_decimal_abs(line->unit_price, &v) < 0)
                        goto out_of_range;
                r = p;
                shown = line->unit_price;
        } else if (line->has_quantity && line->has_amount && !decimal_is_zero(line->quantity)) {
                /* No unit price printed: compare the amount with quantity
                 * times the PO price instead of dividing. */
                char a[32], qs[48];

                if (rules_decimal_abs(line->quantity, &q) < 0 || decimal_mul(q, p, &r) < 0 ||
                    rules_decimal_abs(decimal_from_money(line->amount), &v) < 0)
                        goto out_of_range;
                if (!rules_decimal_div(v, q, 4, &shown))
                        shown = (bf_decimal){ 0, 0 };
                money_format(line->amount, a, sizeof(a));
                rules_format_decimal(line->quantity, 0, qs, sizeof(qs));
                snprintf(how, sizeof(how), " (%s / %s)", a, qs);
        } else {
                return; /* nothing to compare */
        }

        if (decimal_is_zero(r)) {
                over = !decimal_is_zero(v);
        } else if (rules_over_tolerance(v, r, tol, &over) < 0) {
                goto out_of_range;
        }
        if (!over)
                return;

        rules_format_decimal(shown, places, got, sizeof(got));
        rules_format_decimal(pl->unit_price, places, want, sizeof(want));
        rules_format_decimal(tol, 0, tol_s, sizeof(tol_s));
        if (!decimal_is_zero(r) && decimal_sub(v, r, &diff) == 0 &&
            decimal_mul(diff, (bf_decimal){ .units = 100, .scale = 0 }, &diff) == 0 &&
            rules_decimal_div(diff, r, 1, &pct)) {
                rules_format_decimal(pct, 1, pct_s + 1, sizeof(pct_s) - 1);
                if (pct_s[1] == '-') {
                        memmove(pct_s, pct_s + 1, strlen(pct_s + 1) + 1);
                } else {
                        pct_s[0] = '+';
                }
                rules_note(rep, REASON_PRICE_VARIANCE,
                           bf_xasprintf("line %d: unit price %s%s vs PO %s, %s%%, tolerance %s%%",
                                        line->line_no, got, how, want, pct_s, tol_s));
        } else {
                rules_note(rep, REASON_PRICE_VARIANCE,
                           bf_xasprintf("line %d: unit price %s%s vs PO %s, tolerance %s%%",
                                        line->line_no, got, how, want, tol_s));
        }
        return;

out_of_range:
        rules_note(rep, REASON_PRICE_VARIANCE,
                   bf_xasprintf("line %d: unit price cannot be compared (out of range)",
                                line->line_no));
}

/* Lines against the PO: prices, and quantities against what was received
 * less what earlier invoices billed. Several invoice lines billing one PO
 * line count together.
 *
 * An invoice line that matches no PO line is reported as
 * quantity_exceeds_received ("no matching PO line"): nothing was ordered or
 * received for it, so whatever it bills exceeds what was received.
 *
 * A credit note (negative total) or a negative quantity returns goods, so
 * it is never checked against receipts; prices are compared by magnitude. */
static void rules_check_lines(const struct rules_input *in, const struct rules_config *cfg,
                              struct rules_report *rep)
{
        const bf_invoice *inv = in->invoice;
        const bf_po *po = in->po;
        bf_decimal tol = rules_price_tolerance(cfg, in->vendor);
        bool credit = inv->meta[FIELD_TOTAL].present && inv->total.minor < 0;
        bf_decimal *billed;
        bool *reported;

        if (!po)
                return;
        billed = bf_xcalloc(po->n_lines, sizeof(*billed));
        reported = bf_xcalloc(po->n_lines, sizeof(*reported));

        for (size_t i = 0; i < inv->n_lines; i++) {
                const bf_invoice_line *line = &inv->lines[i];
                int idx = rules_match_po_line(line, po);
                const bf_po_line *pl;
                bf_decimal avail;
                char qs[48], sum[48], av[48], rec[48], earlier[48];

                if (idx < 0) {
                        bf_money m;

                        /* A text-only line (no quantity, no amount) bills nothing. */
                        if (!line->has_quantity &&
                            rules_line_value(line, rules_currency(inv, po, NULL), &m) == 0)
                                continue;
                        rules_note(rep, REASON_QUANTITY_EXCEEDS_RECEIVED,
                                   bf_xasprintf("line %d: no matching PO line", line->line_no));
                        continue;
                }
                pl = &po->lines[idx];
                rules_check_price(inv, line, pl, tol, rep);

                if (credit || !line->has_quantity || line->quantity.units <= 0 || reported[idx])
                        continue;
                if (decimal_add(billed[idx], line->quantity, &billed[idx]) < 0 ||
                    decimal_sub(pl->quantity_received, pl->quantity_billed, &avail) < 0) {
                        reported[idx] = true;
                        rules_note(rep, REASON_QUANTITY_EXCEEDS_RECEIVED,
                                   bf_xasprintf("line %d: quantity out of range", line->line_no));
                        continue;
                }
                if (decimal_cmp(billed[idx], avail) <= 0)
                        continue;
                reported[idx] = true;
                rules_format_decimal(line->quantity, 0, qs, sizeof(qs));
                rules_format_decimal(billed[idx], 0, sum, sizeof(sum));
                rules_format_decimal(avail, 0, av, sizeof(av));
                rules_format_decimal(pl->quantity_received, 0, rec, sizeof(rec));
                rules_format_decimal(pl->quantity_billed, 0, earlier, sizeof(earlier));
                if (decimal_cmp(billed[idx], line->quantity) != 0)
                        rules_note(rep, REASON_QUANTITY_EXCEEDS_RECEIVED,
                                   bf_xasprintf("line %d: quantity %s (%s on this invoice) > %s "
                                                "open on PO line %d (received %s, billed earlier %s)",
                                                line->line_no, qs, sum, av, pl->line_no, rec,
                                                earlier));
                else
                        rules_note(rep, REASON_QUANTITY_EXCEEDS_RECEIVED,
                                   bf_xasprintf("line %d: quantity %s > %s open on PO line %d "
                                                "(received %s, billed earlier %s)",
                                                line->line_no, qs, av, pl->line_no, rec, earlier));
        }
        free(billed);
        free(reported);
}

static void rules_check_totals(const struct rules_input *in, const struct rules_config *cfg,
                               struct rules_report *rep)
{
        const bf_invoice *inv = in->invoice;
        const char *currency = rules_currency(inv, in->po, in->vendor);
        bf_decimal tol = rules_amount_tolerance(cfg, in->vendor);
        bf_money sum = { 0 }, tax = { 0 }, with_tax, diff;
        bool have_lines = false;
        char a[32], t[32], w[32], tot[32];

        if (!inv->meta[FIELD_TOTAL].present)
                return; /* missing_field */
        if (inv->meta[FIELD_TAX].present)
                tax = inv->tax;
        money_format(inv->total, tot, sizeof(tot));
        money_format(tax, t, sizeof(t));

        for (size_t i = 0; i < inv->n_lines; i++) {
                bf_money m;
                int r = rules_line_value(&inv->lines[i], currency, &m);

                if (r == 0)
                        continue;
                if (r < 0 || money_add(sum, m, &sum) < 0) {
                        rules_note(rep, REASON_TOTAL_MISMATCH,
                                   bf_xasprintf("line %d: amount out of range or in another currency",
                                                inv->lines[i].line_no));
                        return;
                }
                have_lines = true;
        }
        if (have_lines) {
                if (money_add(sum, tax, &with_tax) < 0 ||
                    money_sub(with_tax, inv->total, &diff) < 0) {
                        rules_note(rep, REASON_TOTAL_MISMATCH,
                                   bf_xstrdup("lines, tax and total cannot be added "
                                              "(out of range or different currencies)"));
                } else if (!rules_money_within(diff, tol) &&
                           !rules_lines_gross(sum, tax, inv->total, tol)) {
                        money_format(sum, a, sizeof(a));
                        money_format(with_tax, w, sizeof(w));
                        rules_note(rep, REASON_TOTAL_MISMATCH,
                                   bf_xasprintf("lines %s + tax %s = %s vs total %s", a, t, w,
                                                tot));
                }
        }
        if (inv->meta[FIELD_SUBTOTAL].present) {
                if (money_add(inv->subtotal, tax, &with_tax) < 0 ||
                    money_sub(with_tax, inv->total, &diff) < 0) {
                        rules_note(rep, REASON_TOTAL_MISMATCH,
                                   bf_xstrdup("subtotal, tax and total cannot be added "
                                              "(out of range or different currencies)"));
                } else if (!rules_money_within(diff, tol)) {
                        money_format(inv->subtotal, a, sizeof(a));
                        money_format(with_tax, w, sizeof(w));
                        rules_note(rep, REASON_TOTAL_MISMATCH,
                                   bf_xasprintf("subtotal %s + tax %s = %s vs total %s", a, t, w,
                                                tot));
                }
        }
}

static void rules_check_limit(const struct rules_input *in, const struct rules_config *cfg,
                              struct rules_report *rep)
{
        const bf_invoice *inv = in->invoice;
        bf_decimal limit;
        char tot[32], lim[48];

        if (!inv->meta[FIELD_TOTAL].present || !rules_auto_post_limit(cfg, in->vendor, &limit))
                return;
        if (decimal_cmp(decimal_from_money(inv->total), limit) <= 0)
                return;
        money_format(inv->total, tot, sizeof(tot));
        rules_format_decimal(limit, money_exponent(inv->total.currency), lim, sizeof(lim));
        rules_note(rep, REASON_OVER_LIMIT,
                   bf_xasprintf("total %s above the auto-post limit %s%s", tot, lim,
                                in->vendor && in->vendor->has_auto_post_limit
                                        ? " (vendor's)" : ""));
}

int rules_check(const struct rules_input *in, const struct rules_config *cfg,
                bf_decision *ret, struct bf_error *err)
{
        struct rules_report rep = { 0 };
        const bf_invoice *inv;
        bf_decision d = { 0 };

        assert(in && cfg && ret);
        inv = in->invoice;

        /* An unreadable document has nothing else worth checking. Once a
         * reviewer has overridden it (after typing the fields in), the
         * edited invoice goes through every other check. */
        if (in->unreadable && !rules_overridden(in, REASON_UNREADABLE)) {
                rules_note(&rep, REASON_UNREADABLE,
                           bf_xstrdup("the document could not be opened, rendered or read"));
                goto out;
        }
        if (!inv)
                return bf_error_set(err, BF_EINVAL, "cannot check: no invoice");

        rules_check_fields(inv, in->vendor != NULL, cfg, &rep);
        rules_check_master(in, &rep);
        rules_check_lines(in, cfg, &rep);
        rules_check_totals(in, cfg, &rep);
        if (in->duplicate_of)
                rules_note(&rep, REASON_DUPLICATE,
                           bf_xasprintf("same as document %" PRId64, in->duplicate_of));
        if (in->possible_duplicate_of)
                rules_note(&rep, REASON_POSSIBLE_DUPLICATE,
                           bf_xasprintf("same vendor and total as document %" PRId64
                                        " within 7 days", in->possible_duplicate_of));
        rules_check_limit(in, cfg, &rep);
        rules_check_bank(in, &rep);

out:
        for (int r = 0; r < REASON__COUNT; r++) {
                char *more;

                if (!rep.hit[r] || rules_overridden(in, (enum bf_reason)r))
                        continue;
                if (rep.n_details[r] > RULES_MAX_DETAILS) {
                        more = bf_xasprintf("%s; and %zu more", rep.detail[r],
                                            rep.n_details[r] - RULES_MAX_DETAILS);
                        free(rep.detail[r]);
                        rep.detail[r] = more;
                }
                d.reasons = bf_xrealloc(d.reasons, (d.n_reasons + 1) * sizeof(*d.reasons));
                d.reasons[d.n_reasons].reason = (enum bf_reason)r;
                d.reasons[d.n_reasons].detail = rep.detail[r];
                rep.detail[r] = NULL;
                d.n_reasons++;
        }
        rules_report_release(&rep);
        *ret = d;
        return 0;
}
