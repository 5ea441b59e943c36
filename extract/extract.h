/* extract.h: fields and line items from a document's word layer. Pure:
 * words in, an invoice with confidences out; no I/O. */
#ifndef BILLFLOW_EXTRACT_H
#define BILLFLOW_EXTRACT_H

#include "models/models.h"

/* Where a reviewer found a field on an earlier document of one vendor: the
 * words labelling it and the value's place relative to them and the page. */
struct extract_hint {
        enum bf_field field;
        char *label;            /* normalised label words ("amount payable this period"); may be NULL */
        bool below;             /* the value sits under its label, not right of it */
        double dx, dy;          /* value minus label origin, in label heights */
        double px, py;          /* the value's centre as a fraction of the page */
        int page;               /* 1-based */
};

/* A learned candidate ranker (extract/ranker.model's format); opaque. */
struct extract_model;

/* One candidate value of a field, with the features the ranker scored it
 * by; borrowed for the duration of the callback. */
struct extract_candidate {
        enum bf_field field;
        const char *value;              /* as the field's text ("214.80") */
        const double *features;         /* n_features, named by extract_model_feature() */
        size_t n_features;
        double score;                   /* the model's raw probability */
};

struct extract_options {
        const bf_vendor *vendors;  /* the vendor master, borrowed; may be NULL */
        size_t n_vendors;
        enum date_order date_hint; /* DATE_ORDER_UNKNOWN: decide from the page */
        const char *default_currency; /* used when nothing on the page says; may be NULL */
        /* Hints learned for this document's vendor, borrowed; may be NULL. A
         * hint whose label is found on the page wins over the generic
         * finders, with high confidence; one found by position alone only
         * fills a field the finders missed or doubt. */
        const struct extract_hint *hints;
        size_t n_hints;
        /* Master data of one vendor, master_vendor_id, weighed as evidence
         * only when the page's vendor is matched to that vendor; all
         * borrowed for the call, may be NULL. open_pos: its open purchase
         * orders' numbers — one printed anywhere on the page (through OCR's
         * slips: O/0, I/1, S/5, B/8, a hyphen or space lost or added) is
         * the invoice's PO, in the master's spelling. earlier_numbers: its
         * earlier invoices' numbers, whose shape mends the number read and
         * picks among the candidates. */
        const char *master_vendor_id;
        char *const *open_pos;
        size_t n_open_pos;
        char *const *earlier_numbers;
        size_t n_earlier_numbers;
        /* The ranker; NULL: the built-in one (extract_model_builtin()).
         * Borrowed. An amount field the model has no weights for is not
         * chosen; the invoice number, PO number and invoice date without
         * weights are chosen by the hand rules. A field with only
         * calibration steps keeps its finder's choice, its confidence
         * mapped by them. */
        const struct extract_model *model;
        /* Called for every candidate the ranker scores (training dumps); may be NULL. */
        void (*on_candidate)(void *ctx, const struct extract_candidate *c);
        void *candidate_ctx;
};

/* Extracts every contract field and the line items from doc into ret (fresh
 * or released; the caller releases it). A field not found is left absent
 * (meta[f].present false); every present field has a confidence. When the
 * vendor is matched in the master, ret->vendor_id and the canonical name are
 * set, and a missing due date is the invoice date plus the vendor's payment
 * terms. Returns 0; BF_EINVAL only for a NULL/empty doc. */
int extract_invoice(const bf_doc_text *doc, const struct extract_options *opt,
                    bf_invoice *ret, struct bf_error *err);

/* Total, tax and subtotal that inv's line items add up to, to the cent (the
 * lines and the tax summing to the total, the subtotal the lines' sum), are
 * as sure as three readings that agree: their confidence is raised to at
 * least 0.9. extract_invoice() calls it, except on a till's receipt (tendered,
 * change or rounding printed: its items are no independent reading); call it
 * again where inv's lines are replaced by a better reading. */
void extract_amounts_agree(bf_invoice *inv);

/* Whether inv's amounts vouch for each other to the cent: its subtotal
 * and tax make its total, or its line items and tax do (as
 * extract_amounts_agree() requires). */
bool extract_amounts_vouch(const bf_invoice *inv);
/* A subtotal and tax that add up to the total, and nothing more (not
 * checked on their own figures, extract_amounts_checked()), are no surer
 * than that total: their agreeing is no evidence where the total is in
 * doubt (the three may be one rate's row of a VAT summary, or the
 * figures before an allowance), so each is lowered to the total's
 * confidence. */
void extract_amounts_bound(bf_invoice *inv);

/* Whether inv's amounts are checked on their figures, each against two
 * others: the line items make the subtotal, the subtotal and tax the
 * total, and the tax is the subtotal's at one rate of VAT, GST or sales tax
 * in use (2.5% to 27%), to half a cent. A total read wrong is met by
 * neither a subtotal the lines make nor a tax at a rate: a tax or subtotal
 * put in as the difference of the others (extraction does that where
 * one is not read) makes them add up, not the rate. Implies
 * extract_amounts_vouch(). */
bool extract_amounts_checked(const bf_invoice *inv);

/* The last step of reading a document: a calibration maps each field's
 * confidence to the share of such fields found right on documents it was
 * fitted on (extract/calibration.table's format: "billflow-calibration 1",
 * then per table "table FIELD text|ocr alone|agree|checked" and its rising
 * "step RAW CONFIDENCE" lines; the evidence word says whether the amounts
 * vouched for each other, extract_amounts_vouch(), and were checked on
 * their figures, extract_amounts_checked(); a table without 'checked'
 * tables uses the 'agree' ones for such amounts). ret gets a table the
 * caller frees with extract_calibration_free(). Returns 0, or BF_EINVAL
 * (with the line) / BF_ETOOBIG. */
struct extract_calibration;
int extract_calibration_parse(const char *text, size_t len, struct extract_calibration **ret,
                              struct bf_error *err);
void extract_calibration_free(struct extract_calibration *c);
/* The one built in from extract/calibration.table; static, never NULL. */
const struct extract_calibration *extract_calibration_builtin(void);
/* Lowers the confidence of every present field of inv that master data or
 * a learned hint did not vouch for (meta.vouched) to what c's table for
 * its field, source (ocr: OCR'd words; else a text layer) and evidence
 * maps it to, where that is less; never raises one. A field c has no
 * table for keeps its confidence. c NULL: the built-in. */
void extract_calibrate(const struct extract_calibration *c, bf_invoice *inv, bool ocr);

/* Learns where inv's (corrected) field f was printed on doc: finds the
 * value among the words and the label beside or above it. ret gets a hint
 * whose label the caller frees with extract_hint_release(). Returns 0,
 * BF_ENOTFOUND when the value is not on the page, BF_EINVAL for a field
 * that is not learned (vendor, currency) or absent in inv. */
int extract_learn_hint(const bf_doc_text *doc, const bf_invoice *inv, enum bf_field f,
                       struct extract_hint *ret, struct bf_error *err);
void extract_hint_release(struct extract_hint *h);

/* Finds the vendor for a name as printed: id, exact name or alias, then
 * fuzzy (case, punctuation and legal-form insensitive). Returns the index
 * into vendors, or -1. ret_score (may be NULL) gets 0..1. */
int extract_match_vendor(const char *name, const bf_vendor *vendors, size_t n,
                         double *ret_score);

/* Parses a ranker model from text (the format of extract/ranker.model:
 * "billflow-ranker 1", then per field "field NAME", "bias B", "w FEATURE W"
 * lines and rising "calib RAW CONFIDENCE" / "calib_ocr RAW CONFIDENCE"
 * steps; a field may have steps alone). ret gets a model the
 * caller frees with extract_model_free(). Returns 0, or BF_EINVAL (with
 * the line) / BF_ETOOBIG. */
int extract_model_parse(const char *text, size_t len, struct extract_model **ret,
                        struct bf_error *err);
void extract_model_free(struct extract_model *m);
/* The model built in from extract/ranker.model; static, never NULL. */
const struct extract_model *extract_model_builtin(void);
/* The name of feature i (0 <= i < n), NULL past the end; static. */
const char *extract_model_feature(size_t i);

#endif
