/* extract.h: fields and line items from a document's word layer. Pure:
 * words in, an invoice with confidences out; no I/O. */
#ifndef BILLFLOW_EXTRACT_H
#define BILLFLOW_EXTRACT_H

#include "models/models.h"

struct extract_options {
        const bf_vendor *vendors;  /* the vendor master, borrowed; may be NULL */
        size_t n_vendors;
        enum date_order date_hint; /* DATE_ORDER_UNKNOWN: decide from the page */
        const char *default_currency; /* used when nothing on the page says; may be NULL */
};

/* Extracts every contract field and the line items from doc into ret (fresh
 * or released; the caller releases it). A field not found is left absent
 * (meta[f].present false); every present field has a confidence. When the
 * vendor is matched in the master, ret->vendor_id and the canonical name are
 * set, and a missing due date is the invoice date plus the vendor's payment
 * terms. Returns 0; BF_EINVAL only for a NULL/empty doc. */
int extract_invoice(const bf_doc_text *doc, const struct extract_options *opt,
                    bf_invoice *ret, struct bf_error *err);

/* Finds the vendor for a name as printed: id, exact name or alias, then
 * fuzzy (case, punctuation and legal-form insensitive). Returns the index
 * into vendors, or -1. ret_score (may be NULL) gets 0..1. */
int extract_match_vendor(const char *name, const bf_vendor *vendors, size_t n,
                         double *ret_score);

#endif
