/* extract-int.h: the extraction module's internals — a page regrouped into
 * lines of normalised tokens, label hits, and the field finders. */
#ifndef BILLFLOW_EXTRACT_INT_H
#define BILLFLOW_EXTRACT_INT_H

#include "extract/extract.h"

/* No invoice comes near int64's range: a figure over EXTRACT_MAX_MINOR
 * (10^15 minor units, ten trillion in major ones) is no amount. That
 * keeps a sum of two or three figures far from overflow, not a rate's
 * check (a total times 10000 passes int64's range at 9.2 * 10^14) nor a
 * column of any length: those are checked (amounts.c's at_rate() and
 * net_of(), the lines' sums), and what would overflow matches nothing. */
#define EXTRACT_MAX_MINOR INT64_C(1000000000000000)

/* money_parse() and decimal_to_money() bounded by EXTRACT_MAX_MINOR
 * (BF_EINVAL beyond it). */
static inline int extract_money_parse(const char *s, const char *currency, bf_money *ret,
                                      struct bf_error *err)
{
        bf_money m;
        int r = money_parse(s, currency, &m, err);

        if (r == 0 && (m.minor > EXTRACT_MAX_MINOR || m.minor < -EXTRACT_MAX_MINOR))
                return bf_error_set(err, BF_EINVAL, "amount too large");
        if (r == 0)
                *ret = m;
        return r;
}

static inline int extract_decimal_to_money(bf_decimal d, const char *currency, bf_money *ret)
{
        bf_money m;
        int r = decimal_to_money(d, currency, &m);

        if (r == 0 && (m.minor > EXTRACT_MAX_MINOR || m.minor < -EXTRACT_MAX_MINOR))
                return BF_EINVAL;
        if (r == 0)
                *ret = m;
        return r;
}

/* One word (or part of a word, when "N°123" or "Date:3/1/26" is split). */
struct xtok {
        char *raw;      /* original text, owned */
        char *norm;     /* lowercase ASCII-folded, outer punctuation trimmed, owned */
        const char *canon; /* norm, with "number"/"nr"/"#"... folded to "no" (points into norm or static) */
        bf_box box;
        float conf;
        int page;       /* 1-based */
        size_t line;    /* index into xdoc.lines */
        bool colon;     /* ended in ':' (a label's end) */
        int label;      /* index into xdoc.hits of the label covering it, or -1 */
};

/* A visual line: tokens at the same height, left to right. */
struct xline {
        int page;
        size_t first, n;        /* tokens [first, first + n) */
        bf_box box;
        double h;               /* median token height */
};

enum xlabel_kind {
        LK_NONE = 0,
        LK_INVNO,
        LK_DATE,
        LK_DUE,
        LK_TOTAL,
        LK_SUBTOTAL,
        LK_TAX,
        LK_PO,
        LK_CUSTOMER,    /* "Bill to", "Client": a block that is not the vendor */
        LK_SELLER,      /* "Seller", "Provided by": the vendor follows */
        LK_PAYEE,       /* "Account holder", "in favour of": the vendor follows */
        LK_OWNER,       /* "Owned by", "Operated by": the proprietor behind a trading name */
        LK_TERMS,       /* "Payment terms" */
        LK_CURRENCY,
        LK_NOTTOTAL,    /* "Total qty", "Cash", "Change": amounts that are no total */
        LK_CARRIED,     /* "Carried forward", "Übertrag": a table's sum between pages */
        LK_IGNORE,      /* "VAT number", "Tax invoice": swallows tokens */
};

/* What a till receipt's amount label says the amount is: cash handed
 * over, change given back, the rounding to the coin (read_till). */
enum till_role { TILL_NONE = 0, TILL_TENDER, TILL_CHANGE, TILL_ROUNDING };

struct xhit {
        enum xlabel_kind kind;
        int strength;           /* 0..100 */
        int lang;               /* index into extract_langs of the label's language */
        size_t line;
        size_t first, end;      /* token range of the label */
        bf_box box;
        bool before;            /* its value precedes it (label_def's before) */
        enum till_role till;    /* label_def's till */
};

struct xdoc {
        const bf_doc_text *doc;
        struct xtok *toks;
        size_t n_toks;
        struct xline *lines;
        size_t n_lines;
        struct xhit *hits;
        size_t n_hits;
        char currency[BF_CURRENCY_LEN];  /* the document's currency guess */
        const char *lang;       /* the language most labels are in ("lv"), static; NULL for none */
        /* the median space between a line's words, in line heights
         * (gaps under WORD_GAP_MAX heights: not a column's); 0 when the
         * page shows too few to tell */
        double word_gap;
        enum date_order order;
        enum order_basis {
                ORDER_GUESSED = 0,      /* nothing on the page says */
                ORDER_BY_REGION,        /* the currency or VAT/GST says */
                ORDER_SETTLED,          /* an unambiguous date on the page, or a hint */
        } order_basis;
        /* OCR's confidence in each line item's figures, by line index (1
         * for a text layer); owned, n_line_read entries */
        struct line_read {
                float qty, unit, amount;
                bool amount_made;       /* no amount read: qty x unit price made it */
        } *line_read;
        size_t n_line_read;
        /* a till's receipt: tendered, change or a rounding printed (set by
         * extract_amounts); its lines do not vouch for its total */
        bool till;
};

/* extract.c: layout */
void xdoc_build(struct xdoc *x, const bf_doc_text *doc);
void xdoc_release(struct xdoc *x);
const bf_page *xdoc_page(const struct xdoc *x, int page);
/* Raw text of tokens [first, end) of the doc joined by single spaces; caller frees. */
char *xdoc_join(const struct xdoc *x, size_t first, size_t end, bool norm);
bf_box box_union(bf_box a, bf_box b);

/* text.c-like helpers living in labels.c */
char *extract_fold(const char *s);      /* lowercase ASCII fold; caller frees */
bool extract_has_digit(const char *s);
/* Whether w equals one of list's words (NULL-terminated). */
bool extract_word_in(const char *w, const char *const *list);
/* How many letters (UTF-8 sequences) s holds. */
size_t extract_letter_count(const char *s);
/* A folded word's canonical form: a number word ("nr", "numero", "номер",
 * "αριθμοσ", ...) is "no", any other word itself (norm or a static string). */
const char *extract_canon(const char *norm);
bool extract_is_filler(const struct xtok *t);
/* Edit distance at most 1 (one substitution, insertion or deletion), byte
 * by byte: a Greek or Cyrillic letter misread is mostly two. */
bool extract_within_one(const char *a, const char *b);
/* ... letter by letter: a Greek or Cyrillic letter misread ("Τανουαρίου"
 * for "Ιανουαρίου": τ and ι differ in both their bytes) or lost is one
 * edit, as a Latin one is. For month names (dates.c); labels and table
 * headers stay by byte: a Greek header word one letter from a label
 * ("Ἰοσότητα", ποσότητα: quantity) became a label and its column's
 * figures were lost (accuracy.py varied-png, dev seed 4243: line F1 85.0
 * -> 83.2 with labels compared by letter). */
bool extract_within_one_letter(const char *a, const char *b);

/* labels.c */
void extract_find_labels(struct xdoc *x);
/* A scan's letter whose invoice title OCR misread, "... nr. 2575605 din
 * 07/03/2025": a bare number word, an identifier, a word for "of" or
 * "dated" and a date, labelled as the invoice number (weakly) where no
 * label of the page names that number. Needs the page's date order. */
void extract_dated_number(struct xdoc *x);
/* Is there a label of `kind` token-aligned at the start of a line's text? */
bool extract_line_has_kind(const struct xdoc *x, size_t line, enum xlabel_kind kind);
/* Table header words: returns a column role for a token, or 0. */
enum col_role { COL_NONE = 0, COL_DESC, COL_QTY, COL_UNIT, COL_AMOUNT, COL_POS, COL_OTHER };
enum col_role extract_header_role(const char *norm);

/* Value reading next to a label: the first token index of the value to the
 * right on the same line, or below; SIZE_MAX when none. */
size_t extract_value_right(const struct xdoc *x, const struct xhit *h);
size_t extract_value_below(const struct xdoc *x, const struct xhit *h, int which);
/* The value printed before a label whose value comes first (h->before: "a(z)
 * 2564282 számú számlánkat"): the token before it on its line, or SIZE_MAX. */
size_t extract_value_before(const struct xdoc *x, const struct xhit *h);

/* amounts.c */
/* Parses an amount from tokens starting at i (1..5 tokens: "1 553 677 Ft");
 * returns the count of tokens used or 0. */
int extract_amount_at(const struct xdoc *x, size_t i, bf_money *ret);
void extract_amounts(struct xdoc *x, const struct extract_options *opt, bf_invoice *inv);
void extract_currency(struct xdoc *x, const struct extract_options *opt);

/* dates.c */
int extract_date_at(const struct xdoc *x, size_t i, bf_date *ret, double *ret_conf);
void extract_date_order(struct xdoc *x, const struct extract_options *opt);
void extract_dates(struct xdoc *x, const struct extract_options *opt, bf_invoice *inv,
                   const bf_vendor *vendor);

/* fields.c */
void extract_numbers(struct xdoc *x, const struct extract_options *opt, bf_invoice *inv);

/* lines.c */
void extract_line_items(struct xdoc *x, bf_invoice *inv);
/* After the amounts: qty x unit price = amount, mending one misread figure
 * per line where the others and the subtotal agree. */
void extract_lines_reconcile(struct xdoc *x, bf_invoice *inv);
/* After the amounts, on a page no item table was found on: a till
 * receipt's list of items above its total, each a line of words and an
 * amount under the total's ("Cheddar 200g  3.22", "2 x 1.39  2.78"), kept
 * only when they add up to its subtotal, its total less tax or its total. */
void extract_till_items(struct xdoc *x, bf_invoice *inv);

/* vendor.c */
bool extract_is_legal_form(const char *norm);
const bf_vendor *extract_vendor(struct xdoc *x, const struct extract_options *opt,
                                bf_invoice *inv);

/* evidence.c: master data as evidence. */
/* Is id (a tax id or IBAN of 6 characters or more) printed on one line
 * of the page, on token boundaries, perhaps after a country prefix the id
 * lacks? 2 as printed, 1 through OCR's slips (on a scan, in an id of 8 or
 * more), 0 not found; *ret_tok gets the first token of the best sighting. */
int extract_id_on_page(const struct xdoc *x, const char *id, size_t *ret_tok);
/* The open POs and earlier invoice numbers of opt's master vendor, when
 * vendor is that vendor: the PO found whatever its label, the number
 * mended or picked by its shape. */
/* The IBAN printed (the first with valid check digits) into
 * inv->vendor_iban when it has none, and the first early-payment terms
 * into inv->discount_bp/discount_days (payinfo.c). */
void extract_payment_details(const struct xdoc *x, bf_invoice *inv);
void extract_master_evidence(struct xdoc *x, const struct extract_options *opt,
                             const bf_vendor *vendor, bf_invoice *inv);

/* learn.c: hints learned from corrections override the finders. */
void extract_apply_hints(struct xdoc *x, const struct extract_options *opt, bf_invoice *inv);

/* How far OCR's reading of tokens [first, end) can be trusted: their lowest
 * word confidence, 1 for a text layer. */
double extract_read_conf(const struct xdoc *x, size_t first, size_t end);
/* A scanned value read once, with nothing else vouching for it, is misread
 * often enough that it must not pass on its own. */
#define OCR_SURE 0.92
#define OCR_DOUBT_CAP 0.75

/* rank.c: the learned candidate ranker. Every candidate of a field gets
 * one feature vector, computed by one function for training (the features
 * dump) and for use; the field's model scores it. */
#define RANK_FEATURES(X) \
        X(RF_K_TOTAL, "k_total") \
        X(RF_K_SUBTOTAL, "k_subtotal") \
        X(RF_K_TAX, "k_tax") \
        X(RF_K_NOTTOTAL, "k_nottotal") \
        X(RF_K_NONE, "k_none") \
        X(RF_STRENGTH, "strength") \
        X(RF_QUAL_INCL, "qual_incl") \
        X(RF_QUAL_EXCL, "qual_excl") \
        X(RF_RATE, "rate_on_line") \
        X(RF_FINAL, "final_wording") \
        X(RF_OTHERS, "others_on_line") \
        X(RF_BELOW, "below_label") \
        X(RF_GAP, "label_gap") \
        X(RF_LINE_START, "label_line_start") \
        X(RF_Y, "y") \
        X(RF_X, "x") \
        X(RF_PAGE, "page_frac") \
        X(RF_LAST_PAGE, "last_page") \
        X(RF_ZERO, "zero") \
        X(RF_NEG, "negative") \
        X(RF_CREDIT, "credit_note") \
        X(RF_NO_CENTS, "no_cents") \
        X(RF_OWN_CUR, "own_currency") \
        X(RF_OCR, "ocr") \
        X(RF_READ_CONF, "read_conf") \
        X(RF_READ_TWICE, "read_twice") \
        X(RF_SUM_SUB_TAX, "sum_of_sub_tax") \
        X(RF_PLUS_TAX_TOTAL, "plus_tax_is_total") \
        X(RF_SUB_PLUS_TOTAL, "sub_plus_is_total") \
        X(RF_PAID, "tendered_less_change") \
        X(RF_ROUNDED, "below_rounding") \
        X(RF_LINES_SUM, "lines_sum") \
        X(RF_LINES_TAX, "lines_plus_tax") \
        X(RF_NET_RATE, "net_times_rate") \
        X(RF_RATE_OF_NET, "rate_of_net") \
        X(RF_LARGEST, "largest") \
        X(RF_SHARE_BELOW, "share_below") \
        X(RF_EQ_SUB, "equals_subtotal") \
        X(RF_EQ_TOTAL, "equals_total") \
        X(RF_SUMMARY, "from_tax_summary") \
        X(RF_PRINTED_SUM, "printed_sum") \
        X(RF_LOG_AMOUNT, "log_amount") \
        X(RF_LOWEST_TOTAL, "lowest_total") \
        X(RF_TOTALS_BELOW, "totals_below") \
        X(RF_FINAL_TOTAL, "final_total") \
        X(RF_POINT_LOST, "point_restored") \
        X(RF_RATE_SUM, "tax_rates_summed") \
        X(RF_ID_STRENGTH, "id_strength") \
        X(RF_ID_BELOW, "id_below") \
        X(RF_ID_EXPLICIT, "id_explicit") \
        X(RF_ID_PAGE, "id_page") \
        X(RF_ID_Y, "id_y") \
        X(RF_ID_X, "id_x") \
        X(RF_ID_GAP, "id_gap") \
        X(RF_ID_LEN, "id_len") \
        X(RF_ID_DIGITS, "id_digit_share") \
        X(RF_ID_ALL_DIGITS, "id_all_digits") \
        X(RF_ID_LETTERS, "id_letters") \
        X(RF_ID_SEP, "id_separator") \
        X(RF_ID_LANG, "id_page_language") \
        X(RF_ID_TWICE, "id_printed_twice") \
        X(RF_ID_HAND, "id_hand_best") \
        X(RF_ID_LINE_START, "id_label_line_start") \
        X(RF_ID_VALUES, "id_rival_values") \
        X(RF_DT_LABELLED, "dt_labelled") \
        X(RF_DT_STRENGTH, "dt_strength") \
        X(RF_DT_BELOW, "dt_below") \
        X(RF_DT_PAGE, "dt_page") \
        X(RF_DT_Y, "dt_y") \
        X(RF_DT_X, "dt_x") \
        X(RF_DT_ORDER_SURE, "dt_order_sure") \
        X(RF_DT_ORDER_GUESSED, "dt_order_guessed") \
        X(RF_DT_TWICE, "dt_printed_twice") \
        X(RF_DT_FIRST, "dt_first_on_page") \
        X(RF_DT_EARLIEST, "dt_earliest") \
        X(RF_DT_LATEST, "dt_latest") \
        X(RF_DT_OTHERS, "dt_other_dates") \
        X(RF_DT_INVNO_LINE, "dt_on_number_line") \
        X(RF_DT_DUE_VOUCHES, "dt_due_vouches") \
        X(RF_DT_AFTER_DUE, "dt_after_due") \
        X(RF_DT_HAND, "dt_hand_best") \
        X(RF_DT_LANG, "dt_page_language") \
        X(RF_DT_STAMP, "dt_till_stamp")

enum rank_feature {
#define X(id, name) id,
        RANK_FEATURES(X)
#undef X
        RF__COUNT
};

/* Does the model score field f? */
bool rank_has_field(const struct extract_model *m, enum bf_field f);
/* The model's probability that a candidate with features feat[RF__COUNT]
 * is field f's value; rank_calibrate() maps it to a confidence (by the
 * model's table for OCR'd words when ocr, else for a text layer). */
double rank_score(const struct extract_model *m, enum bf_field f, const double *feat);
double rank_calibrate(const struct extract_model *m, enum bf_field f, double p, bool ocr);
/* Candidate b's chance to be the one right value among n rivals scored
 * p[] when exactly one is right: its odds over the sum of theirs, each
 * value counted once (by its best candidate; same() tells candidates of
 * one value). Two strong candidates of different values and nothing to
 * tell them apart make a doubtful choice, however strong each looks alone. */
double rank_share(size_t n, size_t b, const double *p, bool (*same)(const void *ctx, size_t i, size_t j),
                  const void *ctx);
/* The finders' own confidence (of every present field the model has no
 * weights for, only a calibration) replaced by the share of such fields
 * found right on documents the calibration was not fitted on. */
void rank_calibrate_finders(const struct extract_model *m, bf_invoice *inv, bool ocr);
/* Hands one candidate to opt->on_candidate, when set (the features dump). */
void rank_report(const struct extract_options *opt, enum bf_field f, const char *value,
                 const double *feat, double p);

/* Sets a field's meta. */
void extract_meta(bf_invoice *inv, enum bf_field f, double conf, int page, bf_box box,
                  const char *label);

#endif
