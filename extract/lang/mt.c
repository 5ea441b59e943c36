/* mt.c: Maltese (invoices are often English, see en.c): fattura, VAT, Ltd */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 75, "fattura" }, { LK_INVNO, 95, "no tal-fattura" },
        { LK_INVNO, 95, "fattura no" }, { LK_INVNO, 60, "ricevuta" },
        { LK_INVNO, 85, "ricevuta no" },
        /* "il-fattura Nru 2025-4546" in a letter's sentence */
        { LK_INVNO, 95, "il-fattura no" },
        /* a shop's receipt: "Nru tar-riċevuta", "Irċevuta Nru" */
        { LK_INVNO, 95, "no tar-ricevuta" }, { LK_INVNO, 95, "no tal-ircevuta" },
        { LK_INVNO, 60, "ircevuta" }, { LK_INVNO, 85, "ircevuta no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "data tal-fattura" }, { LK_DATE, 70, "data" },
        { LK_DATE, 90, "data tal-hrug" },
        /* due dates */
        { LK_DUE, 90, "skadenza" }, { LK_DUE, 95, "data ta skadenza" },
        { LK_DUE, 95, "data tal-iskadenza" },
        /* "Jitħallas sa:" (to be paid by) */
        { LK_DUE, 92, "jithallas sa" },
        /* totals */
        { LK_TOTAL, 85, "totali" }, { LK_TOTAL, 92, "ammont dovut" },
        { LK_TOTAL, 92, "total dovut" }, { LK_TOTAL, 90, "ammont totali" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "sub-totali" }, { LK_SUBTOTAL, 88, "ammont nett" }, { LK_SUBTOTAL, 88, "total nett" },
        /* tax */
        { LK_TAX, 85, "taxxa" }, { LK_TAX, 88, "vat dovut" }, { LK_TAX, 88, "ammont tal-vat" },
        /* purchase orders */
        { LK_PO, 80, "ordni" }, { LK_PO, 90, "ordni tax-xiri" }, { LK_PO, 90, "no tal-ordni" },
        { LK_PO, 90, "ordni no" },
        /* "L-ordni tiegħek" (your order): the article l- joined to the noun */
        { LK_PO, 92, "l-ordni tieghek" }, { LK_PO, 85, "l-ordni" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "klijent" }, { LK_CUSTOMER, 85, "xerrej" },
        /* the seller */
        { LK_SELLER, 85, "fornitur" }, { LK_SELLER, 85, "bejjiegh" },
        /* payment terms */
        { LK_TERMS, 85, "kundizzjonijiet tal-hlas" }, { LK_TERMS, 80, "hlas" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "no tal-vat" }, { LK_IGNORE, 99, "vat no" },
        { LK_IGNORE, 99, "no tal-klijent" },
        /* amounts that are no total: a till's cash, a card */
        { LK_NOTTOTAL, 85, "kontanti", .till = TILL_TENDER }, { LK_NOTTOTAL, 80, "karta" },
};

static const struct header_def headers[] = {
        { "deskrizzjoni", COL_DESC }, { "oggett", COL_DESC }, { "kwantita", COL_QTY },
        { "prezz", COL_UNIT }, { "ammont", COL_AMOUNT }, { "totali", COL_AMOUNT },
};

static const char *const legal_after[] = {
        "plc", "ltd", "pcl", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "jiem", "jum", "granet", NULL,
};
static const char *const terms[] = {
        "hlas", "zmien", NULL,
};

const struct lang_vocab lang_mt =
        LANG_VOCAB("mt", labels, headers, legal_after, legal_before, days, terms);
