/* rules.h: the checks an invoice must pass to be posted, and the journal
 * entry it posts as. Pure: an invoice and the master data it needs in, a
 * decision out; no SQL, no I/O. */
#ifndef BILLFLOW_RULES_H
#define BILLFLOW_RULES_H

#include "models/models.h"

struct rules_config {
        double min_confidence;          /* default 0.80 */
        bf_decimal price_tolerance_pct; /* default 2 */
        bf_decimal amount_tolerance;    /* default 0.02, in currency units */
        bool has_auto_post_limit;
        bf_decimal auto_post_limit;     /* in currency units */
        const char *payable_account;    /* default "Liabilities:AccountsPayable" */
        const char *tax_account;        /* default "Assets:InputTax" */
};
void rules_config_init(struct rules_config *cfg);

/* What the caller looked up for one invoice. All borrowed. */
struct rules_input {
        const bf_invoice *invoice;
        bool unreadable;                /* capture failed: only REASON_UNREADABLE */
        const bf_vendor *vendor;        /* matched vendor, NULL if unknown */
        const bf_po *po;                /* the invoice's PO with received and billed
                                           quantities, NULL if none or not found */
        bool po_not_found;              /* a PO number was given but is unknown */
        int64_t duplicate_of;           /* document id, 0 if none */
        int64_t possible_duplicate_of;  /* document id, 0 if none */
        const enum bf_reason *overrides; /* reasons a reviewer overrode */
        size_t n_overrides;
};

typedef struct bf_decision {
        bf_reason_item *reasons;        /* owned; empty: post */
        size_t n_reasons;
} bf_decision;
void decision_release(bf_decision *d); /* NULL-safe */
bool decision_has(const bf_decision *d, enum bf_reason r);

/* Runs every check and reports every reason that applies (each with its
 * detail), not only the first; overridden reasons are dropped. Per-vendor
 * tolerances override cfg. ret is fresh; the caller releases it.
 * Reasons come in enum order, one item per reason (several lines' details
 * joined with "; "). Arithmetic that overflows is reported as the reason it
 * belongs to, never passed. An overridden REASON_UNREADABLE lets the (edited)
 * invoice through the other checks. Fails (BF_EINVAL, ret untouched) only
 * when in->invoice is NULL and the document is not unreadable. */
int rules_check(const struct rules_input *in, const struct rules_config *cfg,
                bf_decision *ret, struct bf_error *err);

/* Which PO line an invoice line bills: by line number, else description,
 * else price. Returns the index into po->lines or -1. */
int rules_match_po_line(const bf_invoice_line *line, const bf_po *po);

/* Builds the balanced entry for a posted invoice: debit each line's expense
 * account (the PO line's, else the vendor's default_account, else
 * "Expenses:Unclassified"), debit tax to cfg->tax_account, credit
 * cfg->payable_account with the total; any rounding difference within
 * tolerance goes on the largest line. Sets the posting key
 * "doc:<document_id>". ret is fresh; the caller releases it.
 * Fails with BF_EINVAL (ret untouched, err says why) when the invoice has no
 * total or date, mixes currencies, overflows, or its lines and tax differ
 * from the total by more than the amount tolerance: never an unbalanced
 * entry. */
int rules_build_entry(const bf_invoice *inv, const bf_vendor *vendor, const bf_po *po,
                      const struct rules_config *cfg, int64_t document_id,
                      bf_journal_entry *ret, struct bf_error *err);

/* ---------------------------------------------------------- approval */

/* The approval keys of the configuration ([approval]). */
struct approval_policy {
        bool has_required_above;        /* approval.required_above */
        bf_decimal required_above;      /* currency units */
        bool has_auto_below;            /* approval.auto_below */
        bf_decimal auto_below;
};

#define RULES_MAX_APPROVAL_LEVELS 8

/* Who must approve an invoice, level after level. approver[i] is the user
 * id for level i+1 (borrowed from the rules), NULL for any user with the
 * approver role whose limit covers the total. levels 0: no approval. */
struct approval_route {
        int levels;
        const char *approver[RULES_MAX_APPROVAL_LEVELS];
};

/* Routes an invoice that passed every check: an invoice with a matched PO
 * whose total is below auto_below needs none; else, for each level, the
 * first rule of that level that matches (amount band, currency, vendor, an
 * expense account of the invoice: the PO lines' or the vendor's default)
 * names its approver; when no rule matches, a total above required_above
 * needs one approver. po and vendor may be NULL. An invoice without a total
 * needs none (the checks hold it back). ret is filled whole. */
/* The cost centre an invoice is booked to: its PO's, else its vendor's
 * default; NULL for none. Borrowed from po or vendor. */
const char *rules_cost_centre(const bf_vendor *vendor, const bf_po *po);

void rules_route_approval(const bf_invoice *inv, const bf_vendor *vendor, const bf_po *po,
                          const bf_approval_rule *rules, size_t n_rules,
                          const struct approval_policy *pol, struct approval_route *ret);

#endif
