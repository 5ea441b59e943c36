/* ga.c: Irish: sonrasc, CBL (VAT), Teoranta; Irish invoices are mostly English (en.c) */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 75, "sonrasc" }, { LK_INVNO, 95, "no sonraisc" },
        { LK_INVNO, 95, "sonrasc no" }, { LK_INVNO, 60, "admhail" },
        { LK_INVNO, 95, "no an tsonraisc" }, { LK_INVNO, 85, "no admhala" },
        /* a shop's receipt: "Admháil Uimh." */
        { LK_INVNO, 85, "admhail no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "data sonraisc" }, { LK_DATE, 70, "data" },
        { LK_DATE, 95, "data an tsonraisc" },
        /* due dates */
        { LK_DUE, 95, "data dlite" }, { LK_DUE, 90, "dlite" },
        /* totals */
        { LK_TOTAL, 80, "iomlan" }, { LK_TOTAL, 92, "iomlan le hioc" },
        { LK_TOTAL, 90, "suim iomlan" },
        /* "Iomlán dlite" (the total due: read as "iomlán" and a due
         * date's "dlite", the total had no value), "Le híoc" (to pay) */
        { LK_TOTAL, 92, "iomlan dlite" }, { LK_TOTAL, 90, "le hioc" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "fo-iomlan" }, { LK_SUBTOTAL, 88, "iomlan gan cbl" },
        /* tax */
        { LK_TAX, 85, "cbl" }, { LK_TAX, 88, "cain bhreisluacha" },
        /* purchase orders */
        { LK_PO, 90, "ordu ceannaigh" }, { LK_PO, 90, "no ordaithe" },
        { LK_PO, 90, "no an ordaithe" }, { LK_PO, 80, "ordu" },
        /* "Bhur n-ordú" (your order): the eclipsed n- before the noun */
        { LK_PO, 92, "bhur n-ordu" }, { LK_PO, 85, "n-ordu" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "custaimeir" }, { LK_CUSTOMER, 85, "ceannaitheoir" },
        { LK_CUSTOMER, 85, "sonrasc chuig" }, { LK_CUSTOMER, 85, "bille chuig" },
        /* the seller */
        { LK_SELLER, 85, "solathrai" }, { LK_SELLER, 85, "diolteoir" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "no cbl" },
        { LK_IGNORE, 99, "no an chustaimeara" }, { LK_IGNORE, 99, "no chustaimeara" },
        /* payment terms ("Glan 30 lá") */
        { LK_TERMS, 85, "tearmai iocaiochta" },
        /* amounts that are no total: a till's cash and change */
        { LK_NOTTOTAL, 85, "airgead tirim", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "soinseail", .till = TILL_CHANGE },
};

static const struct header_def headers[] = {
        { "earra", COL_DESC }, { "lion", COL_QTY }, { "cainniocht", COL_QTY },
        { "praghas", COL_UNIT }, { "suim", COL_AMOUNT }, { "iomlan", COL_AMOUNT },
        { "meid", COL_AMOUNT },
};

static const char *const legal_after[] = {
        "teo", "teoranta", "cpt", "ctr", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "laethanta", "la", NULL,
};
static const char *const terms[] = {
        "ioc", "laistigh", "glan", "iocaiocht", NULL,
};

const struct lang_vocab lang_ga =
        LANG_VOCAB("ga", labels, headers, legal_after, legal_before, days, terms);
