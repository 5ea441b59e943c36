/* sl.c: Slovenian: račun, DDV, d.o.o., s.p. */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "racun st" }, { LK_INVNO, 95, "st racuna" }, { LK_INVNO, 95, "no racuna" },
        { LK_INVNO, 75, "racun" }, { LK_INVNO, 70, "dobropis" },
        { LK_INVNO, 75, "blagajniski racun" }, { LK_INVNO, 95, "racun no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "datum izdaje" }, { LK_DATE, 95, "datum racuna" },
        { LK_DATE, 40, "datum opravljene storitve" }, { LK_DATE, 40, "datum dobave" },
        { LK_DATE, 85, "kraj in datum" }, { LK_DATE, 90, "datum izdaje racuna" },
        /* due dates */
        { LK_DUE, 95, "rok placila" }, { LK_DUE, 95, "datum zapadlosti" },
        { LK_DUE, 90, "zapadlost" }, { LK_DUE, 90, "datum placila" },
        /* totals */
        { LK_TOTAL, 80, "skupaj" }, { LK_TOTAL, 93, "za placilo" },
        { LK_TOTAL, 93, "skupaj za placilo" }, { LK_TOTAL, 90, "skupni znesek" },
        { LK_TOTAL, 93, "znesek za placilo" }, { LK_TOTAL, 88, "skupaj eur" },
        { LK_TOTAL, 90, "skupaj z ddv" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "osnova za ddv" }, { LK_SUBTOTAL, 88, "znesek brez ddv" },
        { LK_SUBTOTAL, 88, "skupaj brez ddv" }, { LK_SUBTOTAL, 88, "davcna osnova" },
        { LK_SUBTOTAL, 90, "vmesna vsota" }, { LK_SUBTOTAL, 85, "osnova" },
        /* tax */
        { LK_TAX, 85, "ddv" }, { LK_TAX, 88, "znesek ddv" }, { LK_TAX, 88, "ddv skupaj" },
        { LK_TAX, 88, "skupaj ddv" },
        /* purchase orders */
        { LK_PO, 80, "narocilo" }, { LK_PO, 95, "st narocila" }, { LK_PO, 90, "narocilnica" },
        { LK_PO, 95, "no narocila" },
        { LK_PO, 95, "narocilo st" }, { LK_PO, 90, "vase narocilo" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "kupec" }, { LK_CUSTOMER, 85, "narocnik" },
        { LK_CUSTOMER, 85, "prejemnik" },
        /* the seller */
        { LK_SELLER, 85, "prodajalec" }, { LK_SELLER, 85, "dobavitelj" },
        { LK_SELLER, 85, "izdajatelj" },
        /* payment terms */
        { LK_TERMS, 85, "placilni pogoji" }, { LK_TERMS, 85, "pogoji placila" },
        /* "Način plačila" heading a column whose value is "14 dni" */
        { LK_TERMS, 80, "nacin placila" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "vracilo", .till = TILL_CHANGE }, { LK_NOTTOTAL, 80, "popust" },
        { LK_NOTTOTAL, 85, "gotovina", .till = TILL_TENDER }, { LK_NOTTOTAL, 80, "kolicina" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "id za ddv" }, { LK_IGNORE, 99, "id st za ddv" },
        { LK_IGNORE, 99, "davcna no" }, { LK_IGNORE, 99, "maticna no" },
        { LK_IGNORE, 99, "trr" }, { LK_IGNORE, 99, "zoi" }, { LK_IGNORE, 99, "eor" },
        { LK_IGNORE, 99, "stopnja ddv" }, { LK_IGNORE, 99, "ddv st" },
};

static const struct header_def headers[] = {
        { "opis", COL_DESC }, { "naziv", COL_DESC }, { "artikel", COL_DESC },
        { "storitev", COL_DESC }, { "kolicina", COL_QTY }, { "kol", COL_QTY },
        { "cena", COL_UNIT }, { "znesek", COL_AMOUNT }, { "vrednost", COL_AMOUNT },
        { "ddv", COL_OTHER }, { "em", COL_OTHER }, { "popust", COL_OTHER },
};

static const char *const legal_after[] = {
        "doo", "dd", "sp", "dno", "kd", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "dni", "dneh", NULL,
};
static const char *const terms[] = {
        "rok", "placila", "placilo", NULL,
};

const struct lang_vocab lang_sl =
        LANG_VOCAB("sl", labels, headers, legal_after, legal_before, days, terms);
