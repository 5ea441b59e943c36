/* slips.h: the catalogue of OCR's slips — letters read for digits, specks
 * read around a token, separators read for one another — and the repairs
 * that undo them, for every kind of token the finders read (amounts, line
 * figures, dates, identifiers, PO and master-data keys). One place, as
 * tables: a new slip is an entry here and a case in tests/test-slips.c. */
#ifndef BILLFLOW_EXTRACT_SLIPS_H
#define BILLFLOW_EXTRACT_SLIPS_H

#include "models/models.h"

#include <stdbool.h>
#include <stddef.h>

/* Which kinds of token a letter-for-digit slip is repaired in. */
enum slip_kind {
        SLIP_AMOUNT = 1 << 0,   /* a money token: "1O.5O", "S.90" (slips_amount) */
        SLIP_FIGURE = 1 << 1,   /* a quantity, price or amount in a line item's column */
        SLIP_DATE = 1 << 2,     /* the first digit of a date's day: "Q5/06/2026" */
        SLIP_ID = 1 << 3,       /* a digit run after an identifier's prefix: "INV-2O93" */
        SLIP_KEY = 1 << 4,      /* an identifier compared with master data (slips_id_key) */
};

/* The digit OCR's letter (or sign) c stands for in a token of one of the
 * kinds in `kinds`, or 0 when it is no such slip there. */
char slip_digit(char c, unsigned kinds);
/* The capital letter the digit d is read for among letters (an
 * identifier's prefix: "P0" is "PO"), or 0. */
char slip_letter(char d);

/* The specks OCR reads around a token, by kind of token. Each is a set of
 * ASCII characters for strchr(); see slips.c for what each one mends. */
extern const char slip_specks_amount[];         /* both ends of a money token */
extern const char slip_specks_figure_lead[];    /* before a line item's figure */
extern const char slip_specks_figure_trail[];   /* after a line item's figure */
extern const char slip_specks_date_trail[];     /* after a date */
extern const char slip_specks_id_lead[];        /* before an identifier */
extern const char slip_specks_id_trail[];       /* after an identifier */
extern const char slip_specks_word_lead[];      /* before a label's word */
extern const char slip_specks_word_trail[];     /* after a label's word */
extern const char slip_specks_name_lead[];      /* before a vendor name's word */

/* "RN24.00", "fM1.00", "RMO.94": the length of the symbol of letters of
 * `currency` (MYR's "RM") at the head of raw, read as it is or with one of
 * its letters misread, when a digit (or a letter read for one) follows;
 * 0 when there is none. */
size_t slips_symbol_len(const char *raw, const char *currency);

/* A tax rate whose '%' OCR read as digits: "2090" and "2096" for "20%",
 * "996" for "9%" (a rate of 1 to 30 and "90" or "96"), "245" and "95" for
 * "24%" and "9%", "188" for "18%" (a '%' read as one 5 or 8, after a rate
 * Europe charges), in brackets or not ("(245)"); in hundredths of a
 * percent, or -1. Only a guess where a figure follows on its line. */
int slips_rate(const char *raw);

/* Is raw (a scanned word) the numero sign "№" as OCR reads it: "Ne",
 * "Мо", "Ме", "М2", "Хо", "Ле" (Cyrillic), a colon or point after it or
 * not, or the word "Номер" read in Latin letters ("Homep")? */
bool slips_numero(const char *raw);

/* Is read (a folded word OCR gave) the folded label word `word` with
 * letters OCR reads for a marked one: "ptatnosci" for "płatności" (a Polish
 * ł read as t), "scadentei" read "scadenfei" (a Romanian ț read as f),
 * "κοθαρη" for "καθαρη" (a Greek α read as ο)? Only words of five letters
 * or more, read with at least one such letter and no other difference. */
bool slips_word(const char *read, const char *word);

/* Is read (a folded word OCR gave) the short folded word `word` (two to
 * four letters) with digits read for some of its letters: "14" or "1a"
 * for Irish "lá" (days)? */
bool slips_digits_word(const char *read, const char *word);

/* "£3,162:53", "11352:40": is the colon at p (inside raw..end) a decimal
 * point — two digits after it and a currency sign or group separator
 * before, or three digits (no clock's hours)? */
bool slip_colon_point(const char *raw, const char *end, const char *p);
/* "16:!242.62": the length of the run of one or two specks at p read for
 * an apostrophe group separator before three digits, the point and two
 * decimals that end the word; 0 when there is none. */
size_t slip_group_speck(const char *p);

/* A money token read through OCR's slips (specks at its ends, separators
 * read for one another, letters read for digits): the amount in *ret
 * (currency as money_parse takes it), true when one of the repairs in the
 * catalogue gives a clean amount; false, *ret untouched, when none does. */
bool slips_amount(const char *raw, const char *currency, bf_money *ret);

/* "«$1.00" for 51.00 on a page in ringgit: a 5 read as '$' at the head of
 * a figure, on a page whose currency (known, `currency`) is not written
 * with '$' — the figure with its 5 in *ret; false where '$' is the page's
 * own symbol, the currency unknown, or the token no such figure. */
bool slips_dollar_five(const char *raw, const char *currency, bf_money *ret);

/* A line item's figure (quantity, price, amount) read through OCR's
 * slips, mended into buf (size bytes): specks off its ends ("_36,00",
 * "0.25.", "2,", "1,00)" but for a credit's brackets; any byte over 0x7f
 * there too), a colon or semicolon read for its last separator ("104:79",
 * "12.990;51"), one or two letters read for digits ("O17", "1O4,79",
 * "S.90"). False when no digit is left; buf may then hold anything. */
bool slips_figure(const char *raw, char *buf, size_t size);

/* A date's text (tokens joined by spaces) with OCR's slips mended into out
 * (32 bytes): `words` tokens, the first `first_len` bytes long; on a scan
 * (`ocr`) the repairs that are guesses apply too, and *ret_guess is set
 * when one did (the caller keeps the date's confidence below 0.80). The
 * text to parse is returned: in or out. Month names misread are mended
 * beside the month vocabulary (dates.c). */
const char *slips_date(const char *in, char out[32], bool ocr, size_t words, size_t first_len,
                       bool *ret_guess);

/* An identifier as printed, its outer specks off ("#INV-2093," is
 * "INV-2093"); its length, *s moved past the leading specks. */
size_t slips_id_trim(const char **s);
/* An identifier's letters and digits put right in place: "P0/2025/594" is
 * "PO/2025/594", "INV-2O93" is "INV-2093", "В26-2409" read in Cyrillic
 * (or Greek) capitals drawn like Latin ones is "B26-2409"; when the word was read
 * doubtfully (`unsure`) "S1-" and "$1-" are "SI-" and "S1I-" is "SI-". */
void slips_id(char *s, bool unsure);
/* An identifier compacted for comparison: outer punctuation, hyphens,
 * dashes, slashes, underscores and spaces dropped, upper case; with slips,
 * the letters OCR takes for digits folded to them (O 0, I 1, S 5, B 8...).
 * Caller frees. */
char *slips_id_key(const char *s, bool slips);

#endif
