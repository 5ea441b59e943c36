/* lt.c: Lithuanian: sąskaita faktūra (invoice), kvitas/čekis (receipt), PVM (VAT), UAB before or after the name */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 80, "saskaita faktura" }, { LK_INVNO, 95, "serija ir no" },
        { LK_INVNO, 90, "serija" }, { LK_INVNO, 95, "saskaitos no" },
        { LK_INVNO, 95, "saskaitos fakturos no" }, { LK_INVNO, 95, "saskaita fakturos no" },
        { LK_INVNO, 80, "pvm saskaita faktura" }, { LK_INVNO, 95, "pvm saskaitos fakturos no" },
        { LK_INVNO, 60, "kvitas" }, { LK_INVNO, 85, "kvito no" }, { LK_INVNO, 85, "cekio no" },
        { LK_INVNO, 60, "cekis" }, { LK_INVNO, 70, "kasos cekis" },
        { LK_INVNO, 70, "kreditine saskaita" }, { LK_INVNO, 75, "dokumento no" },
        { LK_INVNO, 85, "saskaita no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 70, "data" }, { LK_DATE, 95, "israsymo data" },
        { LK_DATE, 95, "saskaitos data" }, { LK_DATE, 85, "dokumento data" },
        { LK_DATE, 50, "pardavimo data" }, { LK_DATE, 95, "saskaitos israsymo data" },
        { LK_DATE, 40, "pristatymo data" },
        /* due dates */
        { LK_DUE, 95, "apmoketi iki" }, { LK_DUE, 90, "mokejimo terminas" },
        { LK_DUE, 90, "apmokejimo terminas" }, { LK_DUE, 85, "terminas" },
        { LK_DUE, 95, "sumoketi iki" }, { LK_DUE, 95, "apmokejimo data" },
        /* totals */
        { LK_TOTAL, 85, "is viso" }, { LK_TOTAL, 93, "is viso moketi" },
        { LK_TOTAL, 85, "moketi" }, { LK_TOTAL, 80, "viso" }, { LK_TOTAL, 90, "bendra suma" },
        { LK_TOTAL, 92, "suma moketi" }, { LK_TOTAL, 92, "is viso su pvm" },
        { LK_TOTAL, 90, "viso su pvm" }, { LK_TOTAL, 90, "galutine suma" },
        { LK_TOTAL, 90, "suma su pvm" }, { LK_TOTAL, 88, "is viso eur" }, { LK_TOTAL, 70, "suma" },
        { LK_TOTAL, 93, "moketi is viso" }, { LK_TOTAL, 92, "bendra suma su pvm" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "suma be pvm" }, { LK_SUBTOTAL, 88, "is viso be pvm" },
        { LK_SUBTOTAL, 88, "viso be pvm" }, { LK_SUBTOTAL, 85, "apmokestinama suma" },
        { LK_SUBTOTAL, 90, "tarpine suma" }, { LK_SUBTOTAL, 88, "suma be pvm eur" },
        /* tax */
        { LK_TAX, 85, "pvm" }, { LK_TAX, 88, "pvm suma" }, { LK_TAX, 88, "pvm suma eur" },
        { LK_TAX, 88, "is viso pvm" },
        /* purchase orders */
        { LK_PO, 95, "uzsakymo no" }, { LK_PO, 80, "uzsakymas" },
        { LK_PO, 90, "pirkimo uzsakymas" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "pirkejas" }, { LK_CUSTOMER, 85, "gavejas" },
        { LK_CUSTOMER, 85, "klientas" }, { LK_CUSTOMER, 85, "moketojas" },
        /* the seller */
        { LK_SELLER, 85, "pardavejas" }, { LK_SELLER, 85, "tiekejas" },
        { LK_SELLER, 85, "paslaugu teikejas" },
        /* payment terms */
        { LK_TERMS, 85, "mokejimo salygos" }, { LK_TERMS, 85, "apmokejimo salygos" },
        { LK_TERMS, 80, "mokejimo budas" },
        /* currency */
        { LK_CURRENCY, 90, "valiuta" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "grynieji", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "graza", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 80, "nuolaida" }, { LK_NOTTOTAL, 85, "grynais", .till = TILL_TENDER },
        { LK_NOTTOTAL, 80, "kortele" }, { LK_NOTTOTAL, 80, "kiekis" },
        { LK_NOTTOTAL, 85, "apvalinimas", .till = TILL_ROUNDING },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "pvm kodas" }, { LK_IGNORE, 99, "pvm moketojo kodas" },
        { LK_IGNORE, 99, "imones kodas" }, { LK_IGNORE, 99, "im kodas" },
        { LK_IGNORE, 99, "atsiskaitomoji saskaita" }, { LK_IGNORE, 99, "pvm tarifas" },
        { LK_IGNORE, 99, "banko saskaita" }, { LK_IGNORE, 99, "a/s" },
        { LK_IGNORE, 99, "kasos aparato no" }, { LK_IGNORE, 99, "kasininkas" },
};

static const struct header_def headers[] = {
        { "pavadinimas", COL_DESC }, { "aprasymas", COL_DESC }, { "preke", COL_DESC },
        { "prekes", COL_DESC }, { "paslauga", COL_DESC }, { "kiekis", COL_QTY },
        { "kiek", COL_QTY }, { "kaina", COL_UNIT }, { "suma", COL_AMOUNT },
        { "verte", COL_AMOUNT }, { "pvm", COL_OTHER }, { "vnt", COL_OTHER }, { "mato", COL_OTHER },
        { "kodas", COL_OTHER }, { "nuolaida", COL_OTHER },
};

static const char *const legal_after[] = {
        "UAB", "AB", "MB", "VSI", "ZUB", NULL,
};
static const char *const legal_before[] = {
        "UAB", "AB", "MB", "VSI", NULL,
};
static const char *const days[] = {
        "dienu", "dienos", "dienas", "d", NULL,
};
static const char *const terms[] = {
        "per", "terminas", "mokejimo", "apmokejimo", NULL,
};

const struct lang_vocab lang_lt =
        LANG_VOCAB("lt", labels, headers, legal_after, legal_before, days, terms);
