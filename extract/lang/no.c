/* no.c: Norwegian (bokmål and nynorsk): faktura, kvittering, MVA, AS */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "fakturanummer" }, { LK_INVNO, 95, "faktura no" },
        { LK_INVNO, 95, "fakturanr" }, { LK_INVNO, 75, "faktura" }, { LK_INVNO, 60, "kvittering" },
        { LK_INVNO, 85, "kvitteringsnummer" }, { LK_INVNO, 70, "kreditnota" },
        { LK_INVNO, 85, "kvittering no" },
        /* a shop's receipt: "Kvitt.nr.", "Salgskvittering" */
        { LK_INVNO, 85, "kvitt no" }, { LK_INVNO, 60, "salgskvittering" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "fakturadato" }, { LK_DATE, 70, "dato" }, { LK_DATE, 40, "leveringsdato" },
        { LK_DATE, 40, "ordredato" },
        /* due dates */
        { LK_DUE, 95, "forfallsdato" }, { LK_DUE, 90, "forfall" }, { LK_DUE, 90, "betales innen" },
        { LK_DUE, 90, "forfallsdag" }, { LK_DUE, 90, "forfall dato" },
        { LK_DUE, 88, "betalingsfrist" },
        /* totals */
        { LK_TOTAL, 85, "totalt" }, { LK_TOTAL, 92, "a betale" }, { LK_TOTAL, 75, "sum" },
        { LK_TOTAL, 93, "sum a betale" }, { LK_TOTAL, 90, "totalbelop" },
        { LK_TOTAL, 93, "belop a betale" }, { LK_TOTAL, 90, "sum inkl mva" },
        { LK_TOTAL, 90, "totalt inkl mva" }, { LK_TOTAL, 92, "a betale nok" },
        { LK_TOTAL, 93, "totalt a betale" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "sum eks mva" }, { LK_SUBTOTAL, 88, "belop eks mva" },
        { LK_SUBTOTAL, 85, "eks mva" }, { LK_SUBTOTAL, 88, "mva-grunnlag" },
        { LK_SUBTOTAL, 80, "grunnlag" }, { LK_SUBTOTAL, 88, "totalt eks mva" },
        { LK_SUBTOTAL, 88, "sum ekskl mva" },
        /* tax */
        { LK_TAX, 85, "mva" }, { LK_TAX, 88, "merverdiavgift" }, { LK_TAX, 88, "mva-belop" },
        { LK_TAX, 88, "herav mva" }, { LK_TAX, 88, "sum mva" }, { LK_TAX, 88, "mva belop" },
        /* purchase orders */
        { LK_PO, 85, "bestillingsnummer" }, { LK_PO, 85, "ordrenummer" },
        { LK_PO, 90, "innkjopsordre" }, { LK_PO, 80, "deres ref" }, { LK_PO, 85, "ordrenr" },
        { LK_PO, 85, "deres bestilling" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "kjoper" }, { LK_CUSTOMER, 85, "fakturaadresse" },
        { LK_CUSTOMER, 85, "leveringsadresse" }, { LK_CUSTOMER, 85, "mottaker" },
        /* the seller */
        { LK_SELLER, 85, "leverandor" }, { LK_SELLER, 85, "selger" },
        /* payment terms */
        { LK_TERMS, 85, "betalingsbetingelser" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "kontant", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "vekslepenger", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 80, "rabatt" }, { LK_NOTTOTAL, 85, "avrunding", .till = TILL_ROUNDING },
        { LK_NOTTOTAL, 80, "bankkort" }, { LK_NOTTOTAL, 80, "antall" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "orgnr" }, { LK_IGNORE, 99, "org no" },
        { LK_IGNORE, 99, "foretaksregisteret" }, { LK_IGNORE, 99, "mva no" },
        { LK_IGNORE, 99, "kontonr" }, { LK_IGNORE, 99, "kontonummer" }, { LK_IGNORE, 99, "kid" },
        { LK_IGNORE, 99, "kundenr" }, { LK_IGNORE, 99, "org no mva" },
};

static const struct header_def headers[] = {
        { "beskrivelse", COL_DESC }, { "varetekst", COL_DESC }, { "vare", COL_DESC },
        { "tekst", COL_DESC }, { "antall", COL_QTY }, { "stk", COL_QTY }, { "ant", COL_QTY },
        { "enhetspris", COL_UNIT }, { "pris", COL_UNIT }, { "belop", COL_AMOUNT },
        { "sum", COL_AMOUNT }, { "mva", COL_OTHER }, { "rabatt", COL_OTHER },
        { "enhet", COL_OTHER }, { "varenr", COL_OTHER },
};

static const char *const legal_after[] = {
        "AS", "ASA", "ANS", "DA", "ENK", "BA", "NUF", "SA", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "dager", "dgr", "dagar", NULL,
};
static const char *const terms[] = {
        "netto", "innen", "betales", "betalingsfrist", NULL,
};

const struct lang_vocab lang_no =
        LANG_VOCAB("no", labels, headers, legal_after, legal_before, days, terms);
