/* models.h: the domain types every billflow module shares — errors, money,
 * decimals, dates, the word layer, invoices, master data, journal entries.
 * This floor includes nothing of ours; its functions never print. */
#ifndef BILLFLOW_MODELS_H
#define BILLFLOW_MODELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------- errors */

enum {
        BF_OK = 0,
        BF_EINVAL = -1,   /* bad input: unparseable, out of range */
        BF_ENOMEM = -2,
        BF_EIO = -3,      /* file or OS failure */
        BF_ENOTFOUND = -4,
        BF_EEXIST = -5,   /* unique key already there */
        BF_EBUSY = -6,    /* transient: locked database, busy file; retry */
        BF_ETOOBIG = -7,  /* over a size cap */
        BF_EUNSUPPORTED = -8,
        BF_EINTERNAL = -9,
        BF_ECRASH = -10,  /* the isolated reader died or ran out of time on this input */
};

/* A failure's message, filled by the function that failed (optional: pass
 * NULL when the message is not wanted). Lowercase, failure first, subject
 * quoted: "cannot open 'a.pdf': permission denied". */
struct bf_error {
        int code;
        char msg[512];
};

/* Sets err (if not NULL) and returns code, so callers can write
 * `return bf_error_set(err, BF_EINVAL, "bad amount '%s'", s);`. */
int bf_error_set(struct bf_error *err, int code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Prefixes err->msg with "context: "; returns err->code (BF_EINTERNAL if err is NULL). */
int bf_error_prefix(struct bf_error *err, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
#ifdef __clang_analyzer__
/* The static analyzer sees one file at a time, so it cannot know that
 * bf_error_set returns its code (always a negative BF_E*): without this it
 * follows "failed, yet returned 0" paths that do not exist. (error.c
 * defines the function as `(bf_error_set)`, which this does not expand.) */
#define bf_error_set(err, code, ...) (bf_error_set((err), (code), __VA_ARGS__), (code))
#endif

/* Aborting allocators for small objects (out of memory is fatal for these). */
void *bf_xmalloc(size_t n);
void *bf_xcalloc(size_t n, size_t size);
void *bf_xrealloc(void *p, size_t n);
/* Room for element n of an array of `size`-byte elements that holds *cap:
 * p itself, or p grown (doubling, at least 16) with *cap updated. */
void *bf_xgrow(void *p, size_t *cap, size_t n, size_t size);
char *bf_xstrdup(const char *s);              /* NULL in, NULL out */
char *bf_xstrndup(const char *s, size_t n);
char *bf_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* --------------------------------------------------------------- digests */

/* The SHA-256 of len bytes at data, as 64 lowercase hex digits and a NUL
 * in ret (a document's identity in the store and in `extract`'s output). */
void bf_sha256_hex(const void *data, size_t len, char ret[65]);

/* ----------------------------------------------------------------- money */

#define BF_CURRENCY_LEN 4 /* three letters and a NUL; "" when unknown */

/* An amount in the currency's minor units (cents for USD). Never a float. */
typedef struct bf_money {
        int64_t minor;
        char currency[BF_CURRENCY_LEN];
} bf_money;

/* Digits after the decimal point for an ISO 4217 code: 2 for most, 0 for
 * JPY/KRW/..., 3 for BHD/KWD/...; 2 for "" or unknown codes. */
int money_exponent(const char *currency);

/* Parses an amount as invoices print it: "1,234.56", "1.234,56", "1 234,56",
 * "$1,234.56", "€ 12,00", "(12.00)", "12.00-", "-12.00", "USD 12", "12.00 EUR".
 * A symbol or code in the text sets ret->currency (symbols: $ USD unless
 * hint says otherwise for "$"-currencies, € EUR, £ GBP, ¥ JPY, ₹ INR, RM MYR,
 * CHF, Fr. CHF...); else currency_hint (may be NULL or "") is used.
 * Grouping must be consistent ("1,23,4" is an error). More decimals than the
 * currency allows is an error unless the extra digits are zeros.
 * Returns 0 and fills ret_money, or a negative BF_E* code and err. */
int money_parse(const char *text, const char *currency_hint, bf_money *ret_money,
                struct bf_error *err);
/* Parses an amount as machines and users type it: "-1234.56", dot decimal, no
 * grouping, no symbol ("1.234" is one point two three four, never a thousand).
 * For CSV imports, config values, `--set` and the contract's own output.
 * More decimals than the currency allows is an error unless they are zeros. */
int money_parse_plain(const char *text, const char *currency, bf_money *ret_money,
                      struct bf_error *err);

/* Writes "-1234.56" (dot, no grouping, exponent digits) into buf.
 * Returns the length, or BF_ETOOBIG if size is too small (32 always fits). */
int money_format(bf_money m, char *buf, size_t size);
/* The same with the thousands grouped by `group` and `decimal` for the dot,
 * as invoices print amounts ("1,234.56", "1.234,56", "1 234,56"). Returns
 * the length, or BF_ETOOBIG (48 always fits). */
int money_format_grouped(bf_money m, char group, char decimal, char *buf, size_t size);

/* Checked arithmetic: BF_EINVAL on overflow or different currencies (an empty
 * currency matches any). Writes *ret only on success. */
int money_add(bf_money a, bf_money b, bf_money *ret);
int money_sub(bf_money a, bf_money b, bf_money *ret);

/* Recognises a currency symbol or ISO code in text ("€", "EUR", "US$", "RM"):
 * copies the code into ret_code and returns true; false if none. */
bool currency_from_text(const char *text, char ret_code[BF_CURRENCY_LEN]);
/* The symbol of letters the currency `code` is printed with ("RM" for MYR,
 * "Rs" for INR, "Ft" for HUF), a static string; NULL when it has none. */
const char *currency_letter_symbol(const char *code);
/* True for a three-letter code billflow knows (ISO 4217 active codes). */
bool currency_is_known(const char *code);

/* ------------------------------------------------------------- decimals */

/* An exact decimal for quantities and unit prices: value = units / 10^scale. */
#define BF_DECIMAL_MAX_SCALE 6
typedef struct bf_decimal {
        int64_t units;
        int scale; /* 0..BF_DECIMAL_MAX_SCALE */
} bf_decimal;

/* Parses "200", "1.5", "1,5", "1,000.25", "0.455" (grouping and decimal
 * separators decided as for money). 0 or BF_EINVAL with err. */
int decimal_parse(const char *text, bf_decimal *ret, struct bf_error *err);
/* Parses "-1234.5678": dot decimal, no grouping, as CSV files, config and the
 * contract print numbers (unambiguous where decimal_parse must guess). */
int decimal_parse_plain(const char *text, bf_decimal *ret, struct bf_error *err);
/* "1.5" (trailing zeros dropped, no grouping). Returns length or BF_ETOOBIG. */
int decimal_format(bf_decimal d, char *buf, size_t size);
/* -1, 0, 1. Values too large to compare exactly are compared as far as they fit. */
int decimal_cmp(bf_decimal a, bf_decimal b);
bf_decimal decimal_from_money(bf_money m);
/* Rounds half away from zero to the currency's minor units; BF_EINVAL on overflow. */
int decimal_to_money(bf_decimal d, const char *currency, bf_money *ret);
/* a*b exactly when it fits (scale capped at BF_DECIMAL_MAX_SCALE, rounded). */
int decimal_mul(bf_decimal a, bf_decimal b, bf_decimal *ret);
int decimal_add(bf_decimal a, bf_decimal b, bf_decimal *ret);
int decimal_sub(bf_decimal a, bf_decimal b, bf_decimal *ret);
bool decimal_is_zero(bf_decimal d);

/* ----------------------------------------------------------------- dates */

/* A calendar date; y == 0 means "no date". */
typedef struct bf_date {
        int16_t y;
        int8_t m, d;
} bf_date;

enum date_order {
        DATE_ORDER_UNKNOWN = 0,
        DATE_ORDER_DMY,
        DATE_ORDER_MDY,
        DATE_ORDER_YMD,
};

/* Parses a date as invoices print it: "03/11/2026", "3.11.2026", "2026-11-03",
 * "3 Nov 2026", "November 3, 2026", "03-NOV-26", "3. November 2026",
 * "3 novembre 2026", "3 de noviembre de 2026", "2026. gada 5. martā", two-digit
 * years (70..99 -> 19xx, else 20xx). Month names of the 24 EU languages,
 * Norwegian and Icelandic, in the cases dates put them in.
 * For all-numeric day/month forms the order comes from `hint`; when both
 * orders are valid dates and hint is DATE_ORDER_UNKNOWN, DMY is chosen and
 * *ret_confidence is lowered (0.5); with a hint, 0.9; unambiguous: 1.0.
 * ret_confidence may be NULL. Returns 0, or BF_EINVAL with err. */
int date_parse(const char *text, enum date_order hint, bf_date *ret_date,
               double *ret_confidence, struct bf_error *err);
/* date_parse on a page in a known language (ISO 639-1 "hr"; NULL for none):
 * where two languages give one month name different months ("listopad" is
 * November in Czech and Polish, October in Croatian), lang decides. */
int date_parse_lang(const char *text, enum date_order hint, const char *lang, bf_date *ret_date,
                    double *ret_confidence, struct bf_error *err);
/* Parses exactly "YYYY-MM-DD", the one spelling that is never ambiguous
 * (dates typed on the command line and in CSV imports). Returns 0 or
 * BF_EINVAL. */
int date_parse_iso(const char *text, bf_date *ret);
bool date_is_valid(bf_date d);
bool date_is_set(bf_date d);
/* "2026-11-03" into buf (size >= 11). Returns 10, or BF_EINVAL for an unset date. */
int date_format(bf_date d, char *buf, size_t size);
/* The English name of month 1..12 in lower case ("january"; its first three
 * letters are the abbreviation), NULL for another number. Static. */
const char *date_month_name(int month);
/* The i-th word of every language's date vocabulary: a folded spelling
 * of a month name ("march", "μαρτιου", "марта"), "" for a word that is
 * none (a weekday, a filler), NULL past the last. Static. */
const char *date_month_word(size_t i);
/* Days since 1970-01-01 (proleptic Gregorian) and back. */
int64_t date_to_days(bf_date d);
bf_date date_from_days(int64_t days);
bf_date date_add_days(bf_date d, int days);

/* ------------------------------------------------------------- folding */

/* Folds text for matching words however they were printed, typed or read
 * by OCR (which often loses accents: "KOPA" for "KOPĀ"): lower case, marks
 * dropped. Latin letters become ASCII ("Ā" "a", "Ł" "l", "ß" "ss", "æ" "ae",
 * "ș" "s", "ﬁ" "fi"), Greek and Cyrillic letters their lower case without
 * accents ("Ά" "α", polytonic "Ἀ" "α", final "ς" "σ", the micro sign "µ"
 * "μ", "Й" "и", "Ё" "е"); dashes become '-',
 * curly and angle quotes '\'' or '"', "°" "º" 'o'; other bytes stay as
 * they are. A new string the caller frees. */
char *text_fold(const char *s);
/* The edit distance (Levenshtein, bytewise) of a and b: insertions,
 * deletions and substitutions; for strings over 200 bytes, the longer
 * length. */
size_t text_distance(const char *a, const char *b);
/* Folds the one character at s into out (at most 3 bytes written, no NUL):
 * returns the bytes of s it used (0 at the NUL) and sets *ret_n to the
 * bytes written (0 for a dropped mark). */
size_t text_fold_char(const char *s, char out[4], size_t *ret_n);
/* The code point of the valid UTF-8 sequence at s (shortest form, no
 * surrogates, at most U+10FFFF) with *ret_len its length, or -1 (*ret_len
 * untouched). The NUL at a string's end is code point 0. */
long text_utf8_decode(const char *s, size_t *ret_len);
/* Does s start with a capital letter: ASCII, Latin-1 and Latin Extended-A
 * ("Ó", "Ž"), Romanian "Ș", Greek or Cyrillic? */
bool text_upper_at(const char *s);
/* Copies s for a terminal: C0 and C1 controls, DEL and invalid UTF-8 bytes
 * as "\xNN", bidirectional controls (U+202A-202E, U+2066-2069, U+200E/F,
 * U+061C, U+FEFF) as "\uNNNN"; NULL gives "". The one escaping for document
 * text the command line and the TUI print. A new string the caller frees. */
char *text_safe(const char *s);
/* Copies user text into buf for an error message: at most size - 1 bytes,
 * cut at a whole UTF-8 character with "..." when longer, control bytes as
 * '?'. Returns buf. */
const char *text_quote(const char *text, char *buf, size_t size);

/* ------------------------------------------------------- national ids */

#define BF_IBAN_LEN 35          /* 34 characters and a NUL */
#define BF_VAT_ID_LEN 24

/* Checks an IBAN as printed ("LV80 BANK 0000 4351 9500 1", "IBAN DE89...",
 * lower case too): a known country, that country's length (ISO 13616) and
 * the mod-97 check digits. Writes the compact upper-case form into ret_iban
 * (may be NULL) and returns 0, or BF_EINVAL with err saying what is wrong. */
int iban_check(const char *text, char ret_iban[BF_IBAN_LEN], struct bf_error *err);
/* Checks a VAT id as printed, with its country prefix ("LV40003520643",
 * "DE 136 695 976", "CHE-116.281.710 MWST", "NO 923 609 016 MVA", "EL..."):
 * each EU state's, Norway's, Iceland's, Switzerland's and the UK's
 * pattern, and the check digits where the algorithm is public. Writes the
 * compact form into ret_id (may be NULL) and returns 0, or BF_EINVAL. */
int vat_id_check(const char *text, char ret_id[BF_VAT_ID_LEN], struct bf_error *err);
/* Whether text (compacted as vat_id_check does) starts with a country
 * prefix vat_id_check knows ("DE", "EL", "CHE", ...): a tax id that does
 * is taken for a VAT id; one that does not (a US EIN) is not checked. */
bool vat_id_prefixed(const char *text);

/* ------------------------------------------------------------ languages */

/* The languages billflow reads (the 24 official EU languages, Norwegian,
 * Icelandic): language_iso_code gives the ISO 639-1 code ("lv") and
 * language_ocr_code the code of Tesseract's language data ("lav") for
 * either form, in any case ("LV", "lav"); NULL for any other. Static
 * strings. */
const char *language_iso_code(const char *code);
const char *language_ocr_code(const char *code);
/* An IBAN (compact or spaced) masked in the middle for messages and
 * screens: its first four and last four characters around "****"
 * ("DE89****3000"); a short or empty one becomes "****". Writes into buf
 * (size >= 16 always fits) and returns buf. */
char *iban_mask(const char *iban, char *buf, size_t size);

#define BF_BIC_LEN 12           /* 11 characters and a NUL */
/* Checks a BIC (ISO 9362) as typed ("DEUTDEFF", "deut de ff 500"): 8 or 11
 * letters and digits, four letters of bank code, a letter country code,
 * two of location and an optional branch of three. Writes the compact
 * upper-case form into ret_bic (may be NULL) and returns 0, or BF_EINVAL. */
int bic_check(const char *text, char ret_bic[BF_BIC_LEN], struct bf_error *err);

/* ------------------------------------------------------ payment terms */

/* Early-payment terms as printed: a discount of `discount_bp` hundredths of
 * a percent (200: 2 %) when paid within `discount_days` days of the invoice
 * date, and the net days when the text names them (else -1). */
typedef struct bf_terms {
        int discount_bp;         /* 0: no discount */
        int discount_days;
        int net_days;            /* -1 when not given */
} bf_terms;
/* Reads early-payment terms from one line of text: "2/10 net 30", "2/10,
 * n/30", "2% 10 days net 30", "2% discount if paid within 10 days", "3%
 * Skonto bei Zahlung innerhalb 10 Tagen", "innerhalb von 14 Tagen 2 %
 * Skonto", "escompte 2 % à 8 jours", "sconto 2% a 10 giorni". The discount
 * must be above 0 and at most 20 %, the days 1..180. Returns true and fills
 * ret, or false (ret untouched) when the line states no such terms. */
bool terms_parse(const char *text, bf_terms *ret);
/* The discount that terms give on amount, in integer arithmetic:
 * amount * bp / 10000 rounded half away from zero to the minor unit.
 * BF_EINVAL on overflow. */
int terms_discount(bf_money amount, int discount_bp, bf_money *ret);

/* ------------------------------------------------------------ word layer */

/* Boxes are in page units, origin top-left: PDF points for text layers,
 * pixels for OCR. A page's width and height are in the same units. */
typedef struct bf_box {
        double x0, y0, x1, y1;
} bf_box;

typedef struct bf_word {
        char *text;      /* UTF-8, owned by the page */
        bf_box box;
        float conf;      /* 0..1; 1.0 for a PDF's own text */
        int line;        /* line index within the page, reading order */
        int block;       /* block (paragraph/column) index within the page */
} bf_word;

enum bf_source {
        SOURCE_NONE = 0,
        SOURCE_TEXT,     /* the PDF's own text layer */
        SOURCE_OCR,
        SOURCE_MIXED,
        SOURCE_EINVOICE,
};
const char *source_name(enum bf_source s); /* "text", "ocr", ...; static */

typedef struct bf_page {
        int number;          /* 1-based */
        double width, height;
        bool ocr;            /* words came from OCR */
        int64_t ocr_us;      /* time OCR took on this page (µs; 0 for a text layer) */
        bf_word *words;      /* owned */
        size_t n_words;
} bf_page;

typedef struct bf_doc_text {
        bf_page *pages;      /* owned */
        size_t n_pages;
        enum bf_source source;
        /* With ocr.language = auto, the language (Tesseract's code, "lav")
         * the document's OCRed pages were read in, "eng" when none other
         * was found; "" when no page was OCRed or a fixed list was used. */
        char language[8];
} bf_doc_text;

/* Appends a word (text copied) to page; grows with the aborting allocator. */
void page_add_word(bf_page *page, const char *text, bf_box box, float conf,
                   int line, int block);
/* Appends a page and returns it (owned by doc, valid until the next add). */
bf_page *doc_text_add_page(bf_doc_text *doc, double width, double height, bool ocr);
/* Frees everything doc owns (not doc itself); NULL-safe. */
void doc_text_release(bf_doc_text *doc);

/* ------------------------------------------------------------- reasons */

enum bf_reason {
        REASON_UNREADABLE = 0,
        REASON_MISSING_FIELD,
        REASON_LOW_CONFIDENCE,
        REASON_UNKNOWN_VENDOR,
        REASON_MISSING_PO,
        REASON_PO_NOT_FOUND,
        REASON_VENDOR_MISMATCH,
        REASON_CURRENCY_MISMATCH,
        REASON_PRICE_VARIANCE,
        REASON_QUANTITY_EXCEEDS_RECEIVED,
        REASON_TOTAL_MISMATCH,
        REASON_DUPLICATE,
        REASON_POSSIBLE_DUPLICATE,
        REASON_OVER_LIMIT,
        REASON_DECLINED,                /* an approver declined it (with their text) */
        REASON_BANK_DETAILS_CHANGED, /* the IBAN printed is not the vendor's */
        REASON__COUNT,
};
const char *reason_name(enum bf_reason r);             /* "price_variance"; static */
int reason_from_name(const char *name);                /* enum value or BF_EINVAL */

/* One reason an invoice is not posted, with its detail for the reviewer
 * ("line 2: unit price 103.50 vs PO 95.00, +8.9%, tolerance 2%"). */
typedef struct bf_reason_item {
        enum bf_reason reason;
        char *detail;          /* owned, may be NULL */
} bf_reason_item;

/* ------------------------------------------------------------- invoices */

enum bf_field {
        FIELD_VENDOR = 0,
        FIELD_INVOICE_NUMBER,
        FIELD_INVOICE_DATE,
        FIELD_DUE_DATE,
        FIELD_CURRENCY,
        FIELD_SUBTOTAL,
        FIELD_TAX,
        FIELD_TOTAL,
        FIELD_PO_NUMBER,
        FIELD__COUNT,
};
const char *field_name(enum bf_field f);      /* contract's JSON key; static */
int field_from_name(const char *name);        /* enum value or BF_EINVAL */

/* Where and how sure a field is. present == false means null. */
typedef struct bf_field_meta {
        bool present;
        double confidence;   /* 0..1 */
        int page;            /* 1-based; 0 unknown */
        bf_box box;
        char *label;         /* the label text it was found beside; owned, may be NULL */
        /* master data (the vendor, an open PO) or a reviewer's learned hint
         * gave it, not a finder: its confidence is that evidence's */
        bool vouched;
} bf_field_meta;

typedef struct bf_invoice_line {
        int line_no;             /* 1-based position on the invoice */
        char *description;       /* owned, may be NULL */
        bool has_quantity, has_unit_price, has_amount;
        bf_decimal quantity;
        bf_decimal unit_price;
        bf_money amount;
} bf_invoice_line;

/* An invoice as extracted or edited. Strings are owned (NULL when absent);
 * `meta[f].present` says whether field f has a value. */
typedef struct bf_invoice {
        char *vendor_name;
        char *vendor_id;             /* matched in the vendor master; NULL if none */
        char *invoice_number;
        bf_date invoice_date;
        bf_date due_date;
        char currency[BF_CURRENCY_LEN];
        bf_money subtotal, tax, total;
        char *po_number;
        bf_invoice_line *lines;      /* owned */
        size_t n_lines;
        bf_field_meta meta[FIELD__COUNT];
        enum bf_source source;
        int pages;
        /* Read from an e-invoice, where it says: the seller's VAT id and
         * the IBAN to pay (both without spaces, upper case), and the
         * format ("XRechnung (UBL Invoice)", "FatturaPA FPA12"). NULL
         * when absent; owned. */
        char *vendor_tax_id;
        char *vendor_iban;
        char *einvoice_format;
        /* The language its OCR read it in (bf_doc_text.language: "deu");
         * "" for none. Not stored. */
        char ocr_language[8];
        /* Early-payment discount printed on the invoice ("2/10 net 30"):
         * discount_bp hundredths of a percent within discount_days days of
         * the invoice date; 0 when none was printed. */
        int discount_bp, discount_days;
        /* The cost centre it is booked to: its PO's, else its vendor's
         * (set by the checks, pipeline_decide); NULL for none. Owned. */
        char *cost_centre;
} bf_invoice;

void invoice_init(bf_invoice *inv);
/* Frees what inv owns and re-initialises it; NULL-safe. */
void invoice_release(bf_invoice *inv);
/* Deep copy into dst (which must be released or fresh). */
void invoice_copy(bf_invoice *dst, const bf_invoice *src);
/* Appends a line (description copied) and returns it (owned by inv). */
bf_invoice_line *invoice_add_line(bf_invoice *inv);
/* Sets field f from text as a user would type it ("2026-11-03", "214.80",
 * "GBP", "INV-1"), with confidence 1.0; "" or "null" clears it.
 * Returns 0 or BF_EINVAL with err. */
int invoice_set_field(bf_invoice *inv, enum bf_field f, const char *value,
                      struct bf_error *err);
/* The field's value as the contract prints it, into buf; returns false
 * (and writes "") when the field is null. */
bool invoice_field_text(const bf_invoice *inv, enum bf_field f, char *buf, size_t size);
/* Normalised invoice number for duplicate checks: alphanumerics only,
 * upper-case. Caller frees. */
char *invoice_number_normalise(const char *number);

/* ------------------------------------------------------------ master data */

typedef struct bf_vendor {
        char *vendor_id;
        char *name;
        char **aliases;             /* owned, n_aliases entries */
        size_t n_aliases;
        char currency[BF_CURRENCY_LEN];
        int payment_terms_days;     /* -1 when unknown */
        char *default_account;
        bool po_required;           /* default true */
        char *tax_id;               /* may be NULL */
        char *iban;                 /* compact, checked; may be NULL */
        char language[3];           /* ISO 639-1 ("lv") its documents are in; "" unknown */
        char *bic;                  /* compact, checked; may be NULL */
        int discount_bp, discount_days; /* the vendor's early-payment terms; 0: none */
        char *cost_centre;          /* its invoices' cost centre unless their PO names one; may be NULL */
        bool has_price_tolerance_pct, has_amount_tolerance, has_auto_post_limit;
        bf_decimal price_tolerance_pct;
        bf_decimal amount_tolerance;    /* currency units, e.g. 0.02 */
        bf_decimal auto_post_limit;     /* currency units */
} bf_vendor;

void vendor_init(bf_vendor *v);
void vendor_release(bf_vendor *v);
void vendor_copy(bf_vendor *dst, const bf_vendor *src);

typedef struct bf_po_line {
        int line_no;
        char *description;
        bf_decimal quantity;
        bf_decimal unit_price;
        char *account;              /* expense account; NULL: vendor default */
        /* Filled by the store when a PO is loaded for checking: */
        bf_decimal quantity_received;
        bf_decimal quantity_billed;  /* by earlier posted invoices */
} bf_po_line;

typedef struct bf_po {
        char *po_number;
        char *vendor_id;
        char currency[BF_CURRENCY_LEN];
        char *cost_centre;          /* who the spending is for; may be NULL */
        bf_po_line *lines;          /* owned */
        size_t n_lines;
} bf_po;

void po_init(bf_po *po);
void po_release(bf_po *po);
bf_po_line *po_add_line(bf_po *po);

typedef struct bf_receipt {
        char *receipt_id;
        char *po_number;
        int line_no;
        bf_decimal quantity_received;
        bf_date received_date;
} bf_receipt;

void receipt_release(bf_receipt *r);

/* ------------------------------------------------------- users, approvals */

/* What a user may do (bits of bf_user.roles). */
enum bf_role {
        ROLE_CLERK = 1 << 0,     /* processes and imports documents */
        ROLE_REVIEWER = 1 << 1,  /* resolves exceptions */
        ROLE_APPROVER = 1 << 2,  /* approves spending up to their limit */
        ROLE_ADMIN = 1 << 3,     /* everything, users and rules too */
};
const char *role_name(enum bf_role r);         /* "clerk", ...; static; "" for none */
int role_from_name(const char *name);          /* one bit, or BF_EINVAL */
/* "approver;reviewer" for the bits of roles, into buf. */
void roles_format(unsigned roles, char *buf, size_t size);

typedef struct bf_user {
        char *user_id;           /* the --user name */
        char *name, *email;      /* may be NULL */
        unsigned roles;          /* enum bf_role bits */
        bool has_limit;
        bf_money approval_limit; /* in its currency; has_limit false: approves nothing */
        char *deputy;            /* who takes their approvals on escalation; may be NULL */
} bf_user;
void user_release(bf_user *u);   /* frees the strings; NULL-safe */

/* One approval rule (`import approvals`): an invoice whose total is above
 * min (when set) and at most max (when set), in currency (empty: any), from
 * vendor_id (NULL: any), with an expense account (NULL: any), booked to
 * cost_centre (NULL: any) needs at
 * `level` the approver (a user id; NULL: any user with the approver role
 * whose limit covers the total). Strings owned. */
typedef struct bf_approval_rule {
        int level;               /* 1, 2, ...: level 2 acts after level 1 */
        bool has_min, has_max;
        bf_decimal min_amount, max_amount; /* currency units */
        char currency[BF_CURRENCY_LEN];
        char *vendor_id, *account, *approver;
        char *cost_centre;       /* the invoice's cost centre; NULL: any */
} bf_approval_rule;
void approval_rule_release(bf_approval_rule *r); /* NULL-safe */

enum bf_approval_state {
        APPROVAL_PENDING = 0,
        APPROVAL_APPROVED,
        APPROVAL_DECLINED,
        APPROVAL_WITHDRAWN,      /* the invoice went back to the queue */
};
const char *approval_state_name(enum bf_approval_state st); /* static */

/* An invoice waiting for (or past) approval, with what listings show.
 * Strings owned (may be NULL unless said). */
typedef struct bf_approval {
        int64_t id, document_id;
        enum bf_approval_state state;
        int level, levels;       /* the level that must act now, of how many */
        char *approver;          /* who must act at this level; NULL: any approver
                                    whose limit covers the amount */
        char *escalated_to;      /* a deputy (or "admin") who may act too since escalation */
        bf_money amount;         /* the invoice total */
        char *vendor, *invoice_number;
        char *created_at, *level_at;  /* ISO 8601 UTC, never NULL */
        char *reminded_at, *escalated_at, *decided_at;
        char *decided_by, *reason;
} bf_approval;
void approval_release(bf_approval *a); /* NULL-safe */

/* ------------------------------------------------------------- journal */

typedef struct bf_posting {
        char *account;       /* owned */
        bf_money amount;     /* debit positive, credit negative */
        char *memo;          /* owned, may be NULL */
} bf_posting;

typedef struct bf_journal_entry {
        int64_t id;              /* 0 until stored */
        bf_date date;
        char *description;       /* owned */
        char *vendor_id;
        char *invoice_number;
        char *po_number;
        int64_t document_id;
        int64_t reverses_id;     /* 0, or the entry this one reverses */
        char *posting_key;       /* unique: a retry never posts twice */
        bf_posting *postings;    /* owned */
        size_t n_postings;
} bf_journal_entry;

void entry_init(bf_journal_entry *e);
void entry_release(bf_journal_entry *e);
/* Appends a posting (strings copied). */
void entry_add_posting(bf_journal_entry *e, const char *account, bf_money amount,
                       const char *memo);
/* True when the postings sum to zero per currency and there are at least two. */
bool entry_is_balanced(const bf_journal_entry *e);

/* ------------------------------------------------------------ payments */

/* A change of a vendor's bank details, waiting for a second user. */
typedef struct bf_bank_change {
        int64_t id;
        char *vendor_id;
        char *old_iban, *old_bic, *new_iban, *new_bic;   /* may be NULL */
        char *requested_by, *requested_at;
        char *confirmed_by, *confirmed_at;              /* NULL while pending */
} bf_bank_change;
void bank_change_release(bf_bank_change *c);            /* NULL-safe */

enum bf_run_state { RUN_PROPOSED = 0, RUN_APPROVED, RUN_EXPORTED };
const char *run_state_name(enum bf_run_state s);        /* "proposed"...; static */

/* One bill (or credit note, amount negative) settled by a payment. */
typedef struct bf_pay_item {
        int64_t document_id;
        char *invoice_number;
        bf_date invoice_date, due_date;
        bf_money amount;          /* the bill's total (credit notes negative) */
        bf_money discount;        /* early-payment discount taken (>= 0) */
        bf_money pay;             /* amount - discount */
} bf_pay_item;

/* One transfer to one vendor in one currency. */
typedef struct bf_payment {
        int64_t id;
        char *vendor_id, *vendor_name, *iban, *bic;
        bf_money amount;          /* sum of the items' pay */
        bf_money discount;        /* sum of the items' discounts */
        char *end_to_end;         /* "BF-<run>-<payment>": the bank's reference back */
        char *state;              /* "open", "paid", "returned" */
        bf_pay_item *items;       /* owned */
        size_t n_items;
} bf_payment;

typedef struct bf_pay_run {
        int64_t id;
        enum bf_run_state state;
        bf_date pay_date, until;
        char *created_by, *created_at, *approved_by, *approved_at;
        char *exported_by, *exported_at, *format; /* NULL until then */
        bf_payment *payments;     /* owned */
        size_t n_payments;
} bf_pay_run;
void pay_run_release(bf_pay_run *r);                    /* NULL-safe, re-inits */

/* One line of a bank statement. amount: credits positive, debits negative. */
typedef struct bf_bank_line {
        int64_t id;
        char *line_key;           /* unique per statement line: re-imports add nothing */
        char *account_iban;       /* the statement's account */
        bf_date booking_date;
        bf_money amount;
        char *counter_iban, *counter_name, *reference, *end_to_end; /* may be NULL */
        bool returned;            /* the bank says: a returned transfer */
        char *state;              /* "matched", "open" (in the queue), "ignored" */
        char *reason;             /* queue reason: "unmatched", "payment_returned",
                                     "partial_payment", "overpayment"; NULL when matched */
        char *detail;
        int64_t payment_id, document_id; /* what it matched; 0 none */
        char *imported_at;        /* when the statement was imported (ISO date-time); may be NULL */
} bf_bank_line;
void bank_line_release(bf_bank_line *l);                /* NULL-safe */

/* A posted bill as payment runs and aged payables see it. */
typedef struct bf_bill {
        int64_t document_id;
        char *vendor_id, *vendor_name, *invoice_number;  /* owned; may be NULL */
        char *printed_iban;       /* the IBAN the invoice printed; owned, may be NULL */
        bf_date invoice_date, due_date;
        bf_money total;           /* credit notes negative */
        int discount_bp, discount_days; /* the invoice's terms, else 0 */
        char *status;             /* "open", "in_run", "paid"; owned */
        bf_date paid_on;          /* paid: the bank's booking day, unset when unknown */
} bf_bill;
void bills_free(bf_bill *list, size_t n);               /* NULL-safe */

#endif
