/* lang.h: what the finders know of each language, one table per language
 * in extract/lang/CODE.c — labels, table headers, legal forms and the
 * words of payment terms. Every word is written folded as text_fold leaves
 * it (lower case, no accents: "rēķina nr." is "rekina no", "ΣΥΝΟΛΟ" is
 * "συνολο"), with "no" for any number word ("nr", "numurs", "č.", "№"); the
 * unit tests check that. A legal form written in capitals ("SIA", "AS")
 * counts only where the page prints it with a capital or dots ("a.s."). */
#ifndef BILLFLOW_EXTRACT_LANG_H
#define BILLFLOW_EXTRACT_LANG_H

#include "extract/extract-int.h"

struct label_def {
        enum xlabel_kind kind;
        int strength;           /* 0..100: the stronger wins where two match */
        const char *words;      /* canonical tokens, space-separated */
        bool before;            /* the value is printed before the label, not after
                                 * it (Hungarian "a(z) 2564282 számú számlánkat") */
        enum till_role till;    /* an LK_NOTTOTAL label's part on a till receipt
                                 * ("cash", "change", "rounding"), written
                                 * .till = TILL_... */
};

struct header_def {
        const char *word;       /* one folded token of a table's header row */
        enum col_role role;
};

struct lang_vocab {
        const char *code;                       /* "lv"; "ch" for Swiss usage */
        const struct label_def *labels;
        size_t n_labels;
        const struct header_def *headers;
        size_t n_headers;
        const char *const *legal_after;         /* "gmbh", "s.r.o." as "sro"; NULL-ended */
        const char *const *legal_before;        /* "SIA \"Maxima Latvija\""; NULL-ended */
        const char *const *day_words;           /* "30 dienas": the days of payment terms */
        const char *const *terms_words;         /* "netto", "within", "zahlbar": words that
                                                 * make "N days" payment terms */
};

#define LANG_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define LANG_VOCAB(code_, labels_, headers_, after_, before_, days_, terms_) {   \
        .code = code_, .labels = labels_, .n_labels = LANG_COUNT(labels_),      \
        .headers = headers_, .n_headers = LANG_COUNT(headers_),                 \
        .legal_after = after_, .legal_before = before_,                         \
        .day_words = days_, .terms_words = terms_ }

/* Every language, NULL-ended; static data. */
extern const struct lang_vocab *const extract_langs[];

/* Is norm one of the languages' words of that list? */
enum lang_list { LANG_LEGAL_AFTER, LANG_LEGAL_BEFORE, LANG_DAYS, LANG_TERMS };
bool extract_lang_word(enum lang_list list, const char *norm);
/* The words of that list in every language, into out (NULL-ended, at most
 * cap - 1 of them, borrowed static strings); returns their count. */
size_t extract_lang_words(enum lang_list list, const char **out, size_t cap);
/* The same for a legal form as printed: a form the table writes in capitals
 * must have a capital or a dot in raw. */
bool extract_lang_legal(enum lang_list list, const char *norm, const char *raw);

/* The issuer's country (ISO 3166 alpha-2, "EL" for Greece's VAT ids) from
 * the page: its IBAN, else the country of most valid VAT ids printed; false
 * when the page shows neither. */
bool extract_page_country(const struct xdoc *x, char ret_cc[3]);

#endif
