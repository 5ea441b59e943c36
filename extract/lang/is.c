/* is.c: Icelandic: reikningur, kvittun, VSK, ehf. */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 75, "reikningur" }, { LK_INVNO, 95, "reikningsnumer" },
        { LK_INVNO, 95, "reikningur no" }, { LK_INVNO, 95, "no reiknings" }, { LK_INVNO, 85, "no kvittunar" },
        { LK_INVNO, 60, "kvittun" }, { LK_INVNO, 85, "kvittun no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 70, "dagsetning" }, { LK_DATE, 95, "reikningsdagur" },
        { LK_DATE, 95, "utgafudagur" }, { LK_DATE, 95, "dags reiknings" },
        /* due dates */
        { LK_DUE, 95, "gjalddagi" }, { LK_DUE, 95, "eindagi" },
        /* totals */
        { LK_TOTAL, 85, "samtals" }, { LK_TOTAL, 93, "til greidslu" },
        { LK_TOTAL, 93, "samtals til greidslu" }, { LK_TOTAL, 90, "heildarupphaed" },
        { LK_TOTAL, 80, "alls" }, { LK_TOTAL, 90, "samtals med vsk" },
        { LK_TOTAL, 92, "upphaed til greidslu" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "an vsk" }, { LK_SUBTOTAL, 90, "samtals an vsk" },
        { LK_SUBTOTAL, 88, "upphaed an vsk" }, { LK_SUBTOTAL, 90, "millisamtala" },
        /* tax */
        { LK_TAX, 85, "vsk" }, { LK_TAX, 88, "virdisaukaskattur" }, { LK_TAX, 88, "vsk upphaed" },
        { LK_TAX, 88, "vsk samtals" },
        /* purchase orders */
        { LK_PO, 80, "pontun" }, { LK_PO, 90, "pontunarnumer" }, { LK_PO, 90, "innkaupapontun" },
        { LK_PO, 90, "pontun no" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "kaupandi" }, { LK_CUSTOMER, 85, "vidskiptavinur" },
        { LK_CUSTOMER, 80, "greidandi" },
        /* the seller */
        { LK_SELLER, 85, "seljandi" },
        /* payment terms */
        { LK_TERMS, 85, "greidsluskilmalar" },
        /* currency */
        { LK_CURRENCY, 90, "gjaldmidill" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "reidufe", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "afgangur", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 80, "afslattur" }, { LK_NOTTOTAL, 80, "magn" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "kennitala" }, { LK_IGNORE, 99, "kt" },
        { LK_IGNORE, 99, "vidskiptavinur no" }, { LK_IGNORE, 99, "vsk-numer" },
        { LK_IGNORE, 99, "vsk no" }, { LK_IGNORE, 99, "reikningsnumer banka" },
        { LK_IGNORE, 99, "vsk-no" },
};

static const struct header_def headers[] = {
        { "lysing", COL_DESC }, { "vara", COL_DESC }, { "voruheiti", COL_DESC },
        { "magn", COL_QTY }, { "fjoldi", COL_QTY }, { "einingarverd", COL_UNIT },
        { "einingaverd", COL_UNIT }, { "verd", COL_UNIT }, { "upphaed", COL_AMOUNT },
        { "samtals", COL_AMOUNT }, { "vsk", COL_OTHER }, { "afslattur", COL_OTHER },
        { "eining", COL_OTHER },
};

static const char *const legal_after[] = {
        "ehf", "hf", "sf", "ses", "slf", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "dagar", "daga", NULL,
};
static const char *const terms[] = {
        "innan", "greidsla", "greidslu", NULL,
};

const struct lang_vocab lang_is =
        LANG_VOCAB("is", labels, headers, legal_after, legal_before, days, terms);
