/* gen.h: internal interface of gen-invoice, the standalone test-invoice
 * generator (documents, scans and their ground truth). */
#pragma once

#include <stdint.h>
#include <stddef.h>
#include <glib.h>

#define GEN_PAGE_W 595.0
#define GEN_PAGE_H 842.0
#define GEN_MAX_LINES 30
#define GEN_MAX_TEXT 400

enum gen_lang { GEN_EN, GEN_DE, GEN_FR, GEN_NL, GEN_ES, GEN_N_LANG };

enum gen_datefmt {
        GEN_DATE_ISO,           /* 2026-11-03 */
        GEN_DATE_DMY_SLASH,     /* 03/11/2026 */
        GEN_DATE_MDY_SLASH,     /* 11/03/2026 */
        GEN_DATE_DMY_DOT,       /* 03.11.2026 */
        GEN_DATE_DMY_DASH,      /* 03-11-2026 */
        GEN_DATE_YMD_SLASH,     /* 2026/11/03 */
        GEN_DATE_D_MON_Y,       /* 3 Nov 2026 */
        GEN_DATE_D_MONTH_Y,     /* 3 November 2026 */
        GEN_DATE_MONTH_D_Y,     /* November 3, 2026 */
        GEN_DATE_MON_D_Y,       /* Nov 3, 2026 */
        GEN_N_DATEFMT
};

enum gen_numfmt { GEN_NUM_EN, GEN_NUM_DE, GEN_NUM_FR, GEN_NUM_CH, GEN_N_NUMFMT };

enum gen_curstyle {
        GEN_CUR_SYMBOL_BEFORE,  /* £1,234.56 */
        GEN_CUR_SYMBOL_AFTER,   /* 1.234,56 € */
        GEN_CUR_CODE_BEFORE,    /* EUR 1.234,56 */
        GEN_CUR_CODE_AFTER,     /* 1.234,56 EUR */
        GEN_N_CURSTYLE
};

enum gen_quality { GEN_SCAN_CLEAN, GEN_SCAN_GOOD, GEN_SCAN_POOR };

enum gen_label {
        GEN_L_TITLE, GEN_L_INVOICE_NO, GEN_L_INVOICE_DATE, GEN_L_DUE_DATE,
        GEN_L_PO, GEN_L_TERMS, GEN_L_CUSTOMER_NO, GEN_L_BILL_TO, GEN_L_POS,
        GEN_L_DESC, GEN_L_QTY, GEN_L_UNIT, GEN_L_AMOUNT, GEN_L_SUBTOTAL,
        GEN_L_TAX, GEN_L_TOTAL, GEN_L_VAT_ID, GEN_L_BANK, GEN_L_IBAN,
        GEN_L_BIC, GEN_L_PAGE, GEN_L_THANKS,
        GEN_N_LABEL
};

/* A decimal number: v / 10^scale. */
struct gen_dec {
        int64_t v;
        int scale;
};

struct gen_date {
        int y, m, d;
};

struct gen_line {
        char *description;
        struct gen_dec quantity;
        struct gen_dec unit_price;
        int64_t amount;                 /* currency minor units */
};

/* Everything printed on one invoice; all strings owned. */
struct gen_doc {
        char *vendor;
        GPtrArray *vendor_address;      /* char *, owned */
        char *vat_id;                   /* NULL: not printed */
        char *vat_id_label;             /* NULL: the language's label */
        GPtrArray *bill_to;             /* char *, owned */
        char *invoice_number;
        struct gen_date invoice_date;
        int has_due_date;               /* a due date is printed */
        struct gen_date due_date;
        char *terms;                    /* NULL: none printed */
        int terms_days;                 /* days read from terms, -1: none */
        char *customer_number;          /* NULL: none printed */
        char *currency;
        int minor;                      /* decimals of the currency */
        char *po_number;                /* NULL: none */
        struct gen_line *lines;
        size_t n_lines;
        int64_t subtotal, tax, total;
        struct gen_dec tax_rate;        /* percent; v < 0: unknown */
        char *title;
        char *subtotal_label, *tax_label, *total_label;
        char *bank, *iban, *bic;        /* NULL: not printed */
        enum gen_lang lang;
        enum gen_datefmt datefmt;
        enum gen_numfmt numfmt;
        enum gen_curstyle curstyle;
        int layout;
        char *font;
        int page_rows;                  /* 0: all rows on page 1, squeezed to fit;
                                           else rows per page, the table running on */
        int repeat_header;              /* pages after the first repeat the table's header */
};

/* How one layout arranges the page. */
struct gen_layout {
        const char *name;
        int letterhead_right;   /* vendor block right, title left */
        int meta_left;          /* meta block left column, bill-to right */
        int stacked;            /* meta as a strip: label above value */
        int line_numbers;       /* a position column in the table */
        int subtotal;           /* a subtotal row in the totals */
        int ruled;              /* grid table instead of a shaded header */
};

extern const struct gen_layout gen_layouts[];
extern const int gen_n_layouts;

/* gen-text.c: labels, names, formatting. Returned strings are g_free'd. */
const char *gen_label(enum gen_lang lang, enum gen_label id);
char *gen_label_plain(enum gen_lang lang, enum gen_label id);
int gen_lang_parse(const char *s, enum gen_lang *ret);
const char *gen_lang_name(enum gen_lang lang);
int gen_datefmt_parse(const char *s, enum gen_datefmt *ret);
int gen_numfmt_parse(const char *s, enum gen_numfmt *ret);
int gen_curstyle_parse(const char *s, enum gen_curstyle *ret);
int gen_currency_minor(const char *code);
int gen_dec_parse(const char *s, struct gen_dec *ret);
int gen_money_parse(const char *s, int minor, int64_t *ret);
char *gen_dec_plain(struct gen_dec d, int min_scale);
char *gen_money_plain(int64_t v, int minor);
char *gen_dec_format(enum gen_numfmt nf, struct gen_dec d, int min_scale);
char *gen_money_format(const struct gen_doc *doc, int64_t v, int with_currency);
int gen_date_parse(const char *s, struct gen_date *ret);
struct gen_date gen_date_add(struct gen_date d, int days);
char *gen_date_iso(struct gen_date d);
char *gen_date_format(enum gen_lang lang, enum gen_datefmt fmt, struct gen_date d);
int64_t gen_round_div(int64_t num, int64_t den);
int64_t gen_line_amount(struct gen_dec qty, struct gen_dec price, int minor);

/* gen-doc.c */
struct gen_doc *gen_doc_new(void);
void gen_doc_free(struct gen_doc *doc);
int gen_doc_load(const char *path, struct gen_doc **ret, GError **err);
void gen_doc_finish(struct gen_doc *doc);
char *gen_doc_truth(const struct gen_doc *doc, const char *file,
                    const char *scan_quality);

/* gen-random.c */
struct gen_rng {
        uint64_t s;
};
void gen_rng_init(struct gen_rng *r, uint64_t seed);
uint64_t gen_rng_next(struct gen_rng *r);
int gen_rng_range(struct gen_rng *r, int lo, int hi);     /* lo..hi inclusive */
double gen_rng_double(struct gen_rng *r);                 /* [0, 1) */
struct gen_doc *gen_doc_random(uint64_t seed);

/* gen-render.c */
int gen_render_pdf(const struct gen_doc *doc, const char *path, GError **err);
int gen_render_png(const struct gen_doc *doc, const char *path,
                   enum gen_quality q, uint64_t seed, GError **err);
