/* gen.h: internal interface of gen-invoice, the standalone test-invoice
 * generator (documents, scans and their ground truth). */
#pragma once

#include <stdint.h>
#include <stddef.h>
#include <glib.h>
#include <cairo.h>

#define GEN_PAGE_W 595.0
#define GEN_PAGE_H 842.0
#define GEN_MAX_LINES 30
#define GEN_MAX_TEXT 400

/* The first five keep their numbers (spec mode and --variety 0 use them). */
enum gen_lang {
        GEN_EN, GEN_DE, GEN_FR, GEN_NL, GEN_ES,
        GEN_BG, GEN_CS, GEN_DA, GEN_EL, GEN_ET, GEN_FI, GEN_GA, GEN_HR, GEN_HU,
        GEN_IT, GEN_LT, GEN_LV, GEN_MT, GEN_PL, GEN_PT, GEN_RO, GEN_SK, GEN_SL,
        GEN_SV, GEN_NO, GEN_IS,
        GEN_N_LANG
};

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
        GEN_DATE_YMD_DOT,       /* 2026.11.03. */
        GEN_DATE_DMY_DOT_END,   /* 03.11.2026. */
        GEN_DATE_DMY_DOT_SHORT, /* 3.11.2026 */
        GEN_DATE_DMY_SPACED,    /* 3. 11. 2026 */
        GEN_N_DATEFMT
};

/* 1,234.56  1.234,56  1 234,56  1'234.56  1234.56  1234,56 */
enum gen_numfmt {
        GEN_NUM_EN, GEN_NUM_DE, GEN_NUM_FR, GEN_NUM_CH, GEN_NUM_PLAIN, GEN_NUM_PLAIN_COMMA,
        GEN_N_NUMFMT
};

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
        GEN_L_RECEIPT, GEN_L_RECEIPT_NO, GEN_L_CASH, GEN_L_CHANGE, GEN_L_CARD,
        GEN_L_VAT_COL,
        GEN_N_LABEL
};

/* One language's phrases (gen-lang.c). Every label is a NULL-terminated
 * list of wordings seen on real documents, the canonical one first. */
struct gen_langdef {
        const char *code;                       /* ISO 639-1 */
        const char *const *label[GEN_N_LABEL];
        const char *months[12];                 /* as spelled in a date */
        const char *months_short[12];           /* [0] NULL: none */
        const char *date_long;                  /* %d day, %B month, %Y year */
        const char *const *terms;               /* each with one %d (days) */
        const char *const *desc;                /* line-item descriptions */
        const char *letter;                     /* running text: %s number, %s date */
        const char *greeting;
        const char *const *shop;                /* what a till receipt lists */
};

struct gen_rng {
        uint64_t s;
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
        struct gen_dec rate;            /* its VAT rate when has_rate (--totals rich) */
        int has_rate;
};

/* A row of a rich amount block (--totals rich): label as printed, value
 * in minor units (negative: deducted), strong: the bold last word, cur:
 * printed with the currency. */
struct gen_totrow {
        char *label;                    /* owned */
        int64_t value;
        int strong, cur;
};

/* A row of the summary per tax rate. */
struct gen_ratesum {
        struct gen_dec rate;
        int64_t base, tax;
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
        /* Labels as printed (static strings); NULL until gen_doc_finish
         * fills in the language's canonical ones. */
        const char *labels[GEN_N_LABEL];
        char *country;                  /* ISO 3166 code, NULL: not said */
        char *locale;                   /* "de-CH", NULL: the language alone */
        double page_w, page_h;          /* 0: A4 */
        int noise;                      /* GEN_NOISE_* bits for scans */
        int dpi;                        /* scan resolution, 0: by quality */
        int jpeg_quality;               /* scans: JPEG round trip, 0: none */
        char *time;                     /* receipts: "14:32", NULL: none */
        int64_t cash;                   /* receipts: cash tendered, 0: card */
        int split;                      /* enum gen_split the document was drawn for */
        int total_bare;                 /* receipts: "TOTAL EUR  12,34" (code in the label) */
        char *extra_id;                 /* a second registration line, NULL: none */
        GPtrArray *owned;               /* strings labels[] may point into */
        /* --totals rich (gen-totals.c): rows drawn instead of the plain
         * subtotal, tax and total, and a summary table per tax rate */
        int rich_totals;
        struct gen_totrow totrows[12];
        size_t n_totrows;
        struct gen_ratesum summary[2];
        size_t n_summary;               /* 0: no summary table */
        const char *summary_head[4];    /* static */
};

enum gen_noise {
        GEN_NOISE_STAMP = 1,            /* a rubber stamp in a free area */
        GEN_NOISE_SCRIBBLE = 2,         /* pen marks: a signature, a tick */
        GEN_NOISE_STAIN = 4,            /* a coffee ring, faint shading */
        GEN_NOISE_FOLD = 8,             /* a fold line across the page */
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
        int kind;               /* GEN_KIND_* */
        int meta_style;         /* GEN_META_* (when not stacked) */
        int totals_left;        /* the totals block at the left margin */
        int band;               /* a dark band behind the title */
        int vat_col;            /* a VAT % column in the table */
};

enum gen_kind { GEN_KIND_INVOICE, GEN_KIND_RECEIPT, GEN_KIND_LETTER };
enum gen_meta {
        GEN_META_ROWS,          /* label: value rows */
        GEN_META_BOX,           /* rows inside a ruled box */
        GEN_META_ABOVE,         /* each label above its value */
        GEN_META_TWO_COL,       /* rows in two columns across the page */
        GEN_META_LEADERS,       /* label ....... value */
};

extern const struct gen_layout gen_layouts[];
extern const int gen_n_layouts;

/* A country the random documents come from (gen-world.c). Lists are
 * NULL-terminated; "|" separates choices in the strings. */
struct gen_country {
        const char *cc;                 /* ISO 3166 */
        enum gen_lang lang;
        const char *locale;             /* NULL: language-CC */
        const char *currency;
        const char *numfmts;            /* number_format names, usual first */
        const char *datefmts;           /* date_format names, usual first */
        const char *rates;              /* VAT rates, percent */
        const char *const *stems;       /* company names without legal form */
        const char *const *forms;       /* legal forms, %s = the name */
        const char *const *streets, *const *cities, *const *banks;
        const char *iban;               /* BBAN pattern (a, n, c), NULL: none */
        const char *tld, *phone;
        const char *const *vat_label;   /* NULL: the language's */
        const char *const *tax_word;    /* NULL: the language's */
        int cur_after;                  /* 0 symbol before, 1 after, 2 code before */
};

const struct gen_country *gen_countries(int *ret_n);
const struct gen_country *gen_country_for(enum gen_lang lang, const char *cc);
char *gen_country_locale(const struct gen_country *c);
char *gen_vat_id(struct gen_rng *r, const char *cc);             /* g_free */
char *gen_kennitala(struct gen_rng *r);                          /* g_free */
char *gen_iban(struct gen_rng *r, const char *cc, const char *pattern);

/* gen-lang.c */
const struct gen_langdef *gen_langdef(enum gen_lang lang);
int gen_variants(const char *const *v);         /* how many wordings */

/* gen-text.c: labels, names, formatting. Returned strings are g_free'd. */
const char *gen_label(enum gen_lang lang, enum gen_label id);   /* canonical */
/* A table's template with each "%s" or "%d" filled, in order, by the next of
 * the n strings in args (the tables' only conversions; a table text is never
 * a printf format). Caller frees with g_free(). */
char *gen_fill(const char *tmpl, const char *const *args, size_t n);
char *gen_label_plain(const char *label);
int gen_lang_parse(const char *s, enum gen_lang *ret);
/* "de", "de-CH", "nb": the language and, for a locale, its country
 * (ret_cc: 2 letters + NUL, "" when none). */
int gen_locale_parse(const char *s, enum gen_lang *ret, char ret_cc[3]);
const char *gen_lang_name(enum gen_lang lang);
int gen_datefmt_parse(const char *s, enum gen_datefmt *ret);
int gen_numfmt_parse(const char *s, enum gen_numfmt *ret);
int gen_numfmt_parse_int(const char *s, int *ret);      /* gen-doc.c */
int gen_datefmt_parse_int(const char *s, int *ret);     /* gen-doc.c */
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
void gen_rng_init(struct gen_rng *r, uint64_t seed);
uint64_t gen_rng_next(struct gen_rng *r);
int gen_rng_range(struct gen_rng *r, int lo, int hi);     /* lo..hi inclusive */
double gen_rng_double(struct gen_rng *r);                 /* [0, 1) */
struct gen_doc *gen_doc_random(uint64_t seed);
struct gen_dec gen_random_quantity(struct gen_rng *r);
char *gen_po_number(struct gen_rng *r);                  /* g_free */
char *gen_letters(struct gen_rng *r, int n);            /* g_free */
struct gen_dec gen_random_price(struct gen_rng *r, int minor, struct gen_dec qty);

/* gen-variety.c: --variety 1, every language and layout. The choice
 * limits what is drawn (NULL lists: everything). */
enum gen_split { GEN_SPLIT_NONE, GEN_SPLIT_DEV, GEN_SPLIT_VAL };

struct gen_choice {
        int split;                      /* GEN_SPLIT_*: held-out vendors, wordings, fonts, layouts */
        const struct gen_country **countries;
        int n_countries;
        int *layouts;                   /* owned */
        int n_layouts;
        int rich_totals;                /* --totals rich */
};
struct gen_doc *gen_doc_variety(uint64_t seed, const struct gen_choice *ch);
/* Parses "de,lv,fr-CH" / "receipt,3" into a choice; -1 with a message in
 * ret_err (g_free) on an unknown name. Free with gen_choice_release. */
int gen_choice_parse(const char *langs, const char *layouts, struct gen_choice *ret,
                     char **ret_err);
void gen_choice_release(struct gen_choice *ch);
/* --split: is item i of a list of n kept for validation documents? */
int gen_held_out(int i, int n);
/* One of the NULL-terminated wordings v, the first `first`% of the time;
 * with split GEN_SPLIT_DEV never a held-out one. */
const char *gen_pick_wording(struct gen_rng *r, const char *const *v, int first, int split);

/* gen-totals.c: replaces a drawn invoice's amounts by a rich amount block
 * in its language (en de fr nl es it; others and receipts are left as they
 * are), drawn from seed; subtotal, tax and total stay net, tax and gross. */
void gen_totals_rich(struct gen_doc *doc, uint64_t seed, int split);

/* gen-photo.c: a phone photo (12 Mpx, grey) of a grey page pw x ph: the
 * paper curled on a table, in perspective, turned, unevenly lit, soft and
 * noisy, a quarter of them sideways; all from seed. Returns the photo
 * (g_free) and its size, or NULL. */
guint8 *gen_photo(const guint8 *page, int pw, int ph, uint64_t seed, int *ret_w, int *ret_h);

/* gen-render.c */
enum gen_format { GEN_FMT_PDF, GEN_FMT_PNG, GEN_FMT_TIF, GEN_FMT_JPG, GEN_FMT_SCANPDF, GEN_FMT_PHOTO,
                  GEN_N_FORMAT };

int gen_render_pdf(const struct gen_doc *doc, const char *path, GError **err);
/* Draws page 1 (of pages) in points at the origin; returns the bottom of
 * what it drew above the footer. */
double gen_draw_page(cairo_t *cr, const struct gen_doc *doc, int pages);
/* The page size in points (a receipt is as long as its contents). */
void gen_page_size(const struct gen_doc *doc, double *ret_w, double *ret_h);
int gen_page_count(const struct gen_doc *doc);
/* A scan of the page (skew, noise and marks from q and seed) as PNG,
 * TIFF, JPEG or an image-only PDF, or a phone photo of that page (a JPEG);
 * GEN_FMT_PDF writes the text PDF. */
int gen_render(const struct gen_doc *doc, const char *path, enum gen_format fmt,
               enum gen_quality q, uint64_t seed, GError **err);
