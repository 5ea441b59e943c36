/* rules-entry.c: the balanced journal entry a posted invoice becomes. */
#include <assert.h>
#include <inttypes.h>
#include <string.h>

#include "rules/rules-int.h"

#define RULES_UNCLASSIFIED "Expenses:Unclassified"

static const char *rules_default_account(const bf_vendor *vendor)
{
        if (vendor && vendor->default_account && vendor->default_account[0])
                return vendor->default_account;
        return RULES_UNCLASSIFIED;
}

static const char *rules_line_account(const bf_invoice_line *line, const bf_vendor *vendor,
                                      const bf_po *po)
{
        int idx = po ? rules_match_po_line(line, po) : -1;

        if (idx >= 0 && po->lines[idx].account && po->lines[idx].account[0])
                return po->lines[idx].account;
        return rules_default_account(vendor);
}

/* Money in the entry's currency: an empty code takes it, another differs. */
static bool rules_in_currency(bf_money *m, const char *currency)
{
        if (!m->currency[0]) {
                memcpy(m->currency, currency, BF_CURRENCY_LEN);
                m->currency[BF_CURRENCY_LEN - 1] = '\0';
                return true;
        }
        return !currency[0] || strcmp(m->currency, currency) == 0;
}

static int64_t rules_abs_minor(int64_t v)
{
        return v == INT64_MIN ? INT64_MAX : v < 0 ? -v : v;
}

int rules_build_entry(const bf_invoice *inv, const bf_vendor *vendor, const bf_po *po,
                      const struct rules_config *cfg, int64_t document_id,
                      bf_journal_entry *ret, struct bf_error *err)
{
        bf_journal_entry e;
        const char *currency, *name, *number;
        bf_money total, tax, debits, diff, credit, zero = { 0 };
        size_t largest = SIZE_MAX, first;
        bool have_lines = false;
        char a[32], b[32], c[32];
        int r;

        assert(inv && cfg && ret);
        if (!inv->meta[FIELD_TOTAL].present)
                return bf_error_set(err, BF_EINVAL, "cannot post invoice: no total");
        if (!date_is_set(inv->invoice_date))
                return bf_error_set(err, BF_EINVAL, "cannot post invoice: no invoice date");

        currency = rules_currency(inv, po, vendor);
        memcpy(zero.currency, currency, BF_CURRENCY_LEN);
        zero.currency[BF_CURRENCY_LEN - 1] = '\0';
        total = inv->total;
        tax = inv->meta[FIELD_TAX].present ? inv->tax : zero;
        if (!rules_in_currency(&total, currency) || !rules_in_currency(&tax, currency))
                return bf_error_set(err, BF_EINVAL,
                                    "cannot post invoice: total %s, tax %s, invoice %s",
                                    total.currency, tax.currency, currency);

        name = vendor && vendor->name ? vendor->name
               : inv->vendor_name     ? inv->vendor_name
               : inv->vendor_id       ? inv->vendor_id
                                      : "unknown vendor";
        number = inv->invoice_number ? inv->invoice_number : "(no number)";

        entry_init(&e);
        e.date = inv->invoice_date;
        e.description = bf_xasprintf("%s %s", name, number);
        e.vendor_id = bf_xstrdup(vendor && vendor->vendor_id ? vendor->vendor_id : inv->vendor_id);
        e.invoice_number = bf_xstrdup(inv->invoice_number);
        e.po_number = bf_xstrdup(inv->po_number);
        e.document_id = document_id;
        e.posting_key = bf_xasprintf("doc:%" PRId64, document_id);
        debits = zero;
        first = e.n_postings;

        for (size_t i = 0; i < inv->n_lines; i++) {
                const bf_invoice_line *line = &inv->lines[i];
                bf_money m;

                r = rules_line_value(line, currency, &m);
                if (r < 0) {
                        r = bf_error_set(err, BF_EINVAL,
                                         "cannot post invoice: line %d is out of range",
                                         line->line_no);
                        goto fail;
                }
                if (r == 0)
                        continue; /* a line without an amount is text only */
                if (!rules_in_currency(&m, currency)) {
                        r = bf_error_set(err, BF_EINVAL,
                                         "cannot post invoice: line %d is in '%s', the invoice in '%s'",
                                         line->line_no, m.currency, currency);
                        goto fail;
                }
                if (money_add(debits, m, &debits) < 0)
                        goto overflow;
                entry_add_posting(&e, rules_line_account(line, vendor, po), m, line->description);
                if (largest == SIZE_MAX ||
                    rules_abs_minor(m.minor) > rules_abs_minor(e.postings[largest].amount.minor))
                        largest = e.n_postings - 1;
                have_lines = true;
        }

        /* Lines printed with their tax (a shop's receipt): each line's
         * expense is its share of the total less the tax, the rounding of
         * those shares given to the largest. */
        if (have_lines && debits.minor != 0 && debits.minor != INT64_MIN &&
            rules_lines_gross(debits, tax, total, rules_amount_tolerance(cfg, vendor))) {
                bf_money net, lines = zero;
                int64_t sign = debits.minor < 0 ? -1 : 1;

                if (money_sub(total, tax, &net) < 0 || net.minor == INT64_MIN)
                        goto overflow;
                for (size_t i = first; i < e.n_postings; i++) {
                        bf_money *m = &e.postings[i].amount;

                        if (!rules_scale_minor(m->minor, sign * net.minor, sign * debits.minor,
                                               &m->minor) ||
                            money_add(lines, *m, &lines) < 0)
                                goto overflow;
                }
                if (money_sub(net, lines, &diff) < 0 ||
                    money_add(e.postings[largest].amount, diff, &e.postings[largest].amount) < 0)
                        goto overflow;
                debits = net;
        }

        if (!have_lines) {
                bf_money net;

                if (inv->meta[FIELD_SUBTOTAL].present) {
                        net = inv->subtotal;
                        if (!rules_in_currency(&net, currency)) {
                                r = bf_error_set(err, BF_EINVAL,
                                                 "cannot post invoice: subtotal in '%s', the invoice in '%s'",
                                                 net.currency, currency);
                                goto fail;
                        }
                } else if (money_sub(total, tax, &net) < 0) {
                        goto overflow;
                }
                if (money_add(debits, net, &debits) < 0)
                        goto overflow;
                entry_add_posting(&e, rules_default_account(vendor), net, NULL);
                largest = e.n_postings - 1;
        }

        if (tax.minor != 0) {
                if (money_add(debits, tax, &debits) < 0)
                        goto overflow;
                entry_add_posting(&e, cfg->tax_account, tax, NULL);
        }

        /* Printed lines and tax may be off the printed total by rounding;
         * within tolerance the largest line absorbs it, beyond it the entry
         * would misstate an expense, so refuse. */
        if (money_sub(total, debits, &diff) < 0)
                goto overflow;
        if (diff.minor != 0) {
                bf_money *target = &e.postings[largest].amount;

                if (!rules_money_within(diff, rules_amount_tolerance(cfg, vendor))) {
                        money_format(debits, a, sizeof(a));
                        money_format(total, b, sizeof(b));
                        money_format(diff, c, sizeof(c));
                        r = bf_error_set(err, BF_EINVAL,
                                         "cannot post invoice: lines and tax %s differ from total %s by %s",
                                         a, b, c);
                        goto fail;
                }
                if (money_add(*target, diff, target) < 0)
                        goto overflow;
        }

        if (money_sub(zero, total, &credit) < 0)
                goto overflow;
        entry_add_posting(&e, cfg->payable_account, credit, NULL);

        if (!entry_is_balanced(&e)) {
                r = bf_error_set(err, BF_EINVAL, "cannot post invoice: entry does not balance");
                goto fail;
        }
        *ret = e;
        return 0;

overflow:
        r = bf_error_set(err, BF_EINVAL, "cannot post invoice: amounts out of range");
fail:
        entry_release(&e);
        return r;
}
