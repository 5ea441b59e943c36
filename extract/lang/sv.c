/* sv.c: Swedish: faktura, kvitto, moms, AB */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "fakturanummer" }, { LK_INVNO, 95, "fakturanr" },
        { LK_INVNO, 95, "faktura no" }, { LK_INVNO, 75, "faktura" }, { LK_INVNO, 60, "kvitto" },
        { LK_INVNO, 85, "kvittonummer" }, { LK_INVNO, 85, "kvitto no" },
        { LK_INVNO, 70, "kreditfaktura" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "fakturadatum" }, { LK_DATE, 70, "datum" },
        { LK_DATE, 40, "leveransdatum" }, { LK_DATE, 40, "orderdatum" },
        /* due dates */
        { LK_DUE, 95, "forfallodatum" }, { LK_DUE, 95, "forfallodag" },
        { LK_DUE, 90, "forfaller" }, { LK_DUE, 90, "betalas senast" },
        { LK_DUE, 90, "att betala senast" }, { LK_DUE, 90, "sista betalningsdag" },
        /* totals */
        { LK_TOTAL, 93, "att betala" }, { LK_TOTAL, 85, "totalt" },
        { LK_TOTAL, 90, "totalbelopp" }, { LK_TOTAL, 93, "summa att betala" },
        { LK_TOTAL, 93, "belopp att betala" }, { LK_TOTAL, 93, "totalt att betala" },
        { LK_TOTAL, 88, "summa sek" }, { LK_TOTAL, 90, "totalt inkl moms" },
        { LK_TOTAL, 93, "att betala sek" }, { LK_TOTAL, 90, "summa inkl moms" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "summa exkl moms" }, { LK_SUBTOTAL, 88, "belopp exkl moms" },
        { LK_SUBTOTAL, 85, "exkl moms" }, { LK_SUBTOTAL, 88, "totalt exkl moms" },
        { LK_SUBTOTAL, 90, "delsumma" }, { LK_SUBTOTAL, 88, "netto exkl moms" },
        /* tax */
        { LK_TAX, 85, "moms" }, { LK_TAX, 88, "momsbelopp" }, { LK_TAX, 88, "varav moms" },
        { LK_TAX, 88, "summa moms" }, { LK_TAX, 88, "total moms" }, { LK_TAX, 88, "moms 25" },
        /* purchase orders */
        { LK_PO, 85, "ordernummer" }, { LK_PO, 90, "inkopsorder" }, { LK_PO, 80, "er referens" },
        { LK_PO, 90, "ert ordernummer" }, { LK_PO, 85, "bestallningsnummer" },
        { LK_PO, 80, "bestallning" }, { LK_PO, 85, "ert ordernr" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "kund" }, { LK_CUSTOMER, 85, "kopare" },
        { LK_CUSTOMER, 85, "faktureringsadress" }, { LK_CUSTOMER, 85, "leveransadress" },
        /* the seller */
        { LK_SELLER, 85, "leverantor" }, { LK_SELLER, 85, "saljare" },
        /* payment terms */
        { LK_TERMS, 85, "betalningsvillkor" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "kontant", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "kontanter", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "vaxel", .till = TILL_CHANGE }, { LK_NOTTOTAL, 80, "rabatt" },
        { LK_NOTTOTAL, 85, "avrundning", .till = TILL_ROUNDING }, { LK_NOTTOTAL, 80, "kort" },
        { LK_NOTTOTAL, 80, "antal" }, { LK_NOTTOTAL, 85, "ores avrundning", .till = TILL_ROUNDING },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "orgnr" }, { LK_IGNORE, 99, "organisationsnummer" },
        { LK_IGNORE, 99, "momsregnr" }, { LK_IGNORE, 99, "momsreg.nr" },
        { LK_IGNORE, 99, "momsregistreringsnummer" }, { LK_IGNORE, 99, "bankgiro" },
        { LK_IGNORE, 99, "plusgiro" }, { LK_IGNORE, 99, "bg" }, { LK_IGNORE, 99, "pg" },
        { LK_IGNORE, 99, "ocr" }, { LK_IGNORE, 99, "ocr-nummer" }, { LK_IGNORE, 99, "kundnummer" },
        { LK_IGNORE, 99, "kundnr" },
};

static const struct header_def headers[] = {
        { "beskrivning", COL_DESC }, { "artikel", COL_DESC }, { "benamning", COL_DESC },
        { "produkt", COL_DESC }, { "text", COL_DESC }, { "antal", COL_QTY }, { "st", COL_QTY },
        { "a-pris", COL_UNIT }, { "pris", COL_UNIT }, { "styckpris", COL_UNIT },
        { "belopp", COL_AMOUNT }, { "summa", COL_AMOUNT }, { "moms", COL_OTHER },
        { "rabatt", COL_OTHER }, { "enhet", COL_OTHER }, { "artikelnr", COL_OTHER },
};

static const char *const legal_after[] = {
        "AB", "HB", "KB", "publ", NULL,
};
static const char *const legal_before[] = {
        "AB", NULL,
};
static const char *const days[] = {
        "dagar", "dgr", "dagars", NULL,
};
static const char *const terms[] = {
        "netto", "inom", "betalning", "betalas", NULL,
};

const struct lang_vocab lang_sv =
        LANG_VOCAB("sv", labels, headers, legal_after, legal_before, days, terms);
