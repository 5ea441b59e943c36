/* da.c: Danish: faktura, kvittering/bon, moms, ApS, A/S */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "fakturanummer" }, { LK_INVNO, 95, "faktura no" },
        { LK_INVNO, 95, "fakturanr" }, { LK_INVNO, 75, "faktura" },
        { LK_INVNO, 85, "kvittering no" }, { LK_INVNO, 85, "kvitteringsnummer" },
        { LK_INVNO, 70, "kreditnota" }, { LK_INVNO, 85, "bon no" }, { LK_INVNO, 85, "bonnummer" },
        { LK_INVNO, 60, "kvittering" }, { LK_INVNO, 85, "bilagsnr" }, { LK_INVNO, 85, "bilag no" },
        { LK_INVNO, 85, "bilagsnummer" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "fakturadato" }, { LK_DATE, 70, "dato" },
        { LK_DATE, 90, "udstedelsesdato" }, { LK_DATE, 40, "leveringsdato" },
        { LK_DATE, 40, "ordredato" },
        /* due dates */
        { LK_DUE, 95, "forfaldsdato" }, { LK_DUE, 90, "forfald" },
        { LK_DUE, 90, "sidste rettidige betalingsdag" }, { LK_DUE, 90, "betales senest" },
        { LK_DUE, 90, "forfalder" }, { LK_DUE, 90, "sidste betalingsdag" },
        { LK_DUE, 90, "betalingsdato" }, { LK_DUE, 88, "betalingsfrist" },
        /* totals */
        { LK_TOTAL, 85, "i alt" }, { LK_TOTAL, 90, "total i alt" }, { LK_TOTAL, 92, "at betale" },
        { LK_TOTAL, 90, "belob i alt" }, { LK_TOTAL, 90, "total inkl moms" },
        { LK_TOTAL, 88, "i alt dkk" }, { LK_TOTAL, 90, "fakturabelob" },
        { LK_TOTAL, 90, "samlet belob" }, { LK_TOTAL, 92, "til betaling" },
        { LK_TOTAL, 90, "i alt inkl moms" }, { LK_TOTAL, 92, "total at betale" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "total ekskl moms" }, { LK_SUBTOTAL, 88, "belob ekskl moms" },
        { LK_SUBTOTAL, 90, "nettobelob" }, { LK_SUBTOTAL, 85, "ekskl moms" },
        { LK_SUBTOTAL, 88, "momsgrundlag" }, { LK_SUBTOTAL, 88, "i alt ekskl moms" },
        { LK_SUBTOTAL, 88, "subtotal ekskl moms" },
        /* tax */
        { LK_TAX, 85, "moms" }, { LK_TAX, 88, "momsbelob" }, { LK_TAX, 88, "moms i alt" },
        { LK_TAX, 88, "heraf moms" }, { LK_TAX, 88, "moms 25" },
        /* purchase orders */
        { LK_PO, 85, "ordrenummer" }, { LK_PO, 80, "ordre no" }, { LK_PO, 90, "indkobsordre" },
        { LK_PO, 85, "rekvisitionsnummer" }, { LK_PO, 85, "rekvisitionsnr" },
        { LK_PO, 85, "rekvisition no" }, { LK_PO, 85, "deres ordre" },
        { LK_PO, 85, "jeres ordre" }, { LK_PO, 85, "bestillingsnummer" }, { LK_PO, 85, "rekv no" },
        { LK_PO, 85, "ordrenr" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "faktureres til" }, { LK_CUSTOMER, 85, "leveres til" },
        { LK_CUSTOMER, 85, "leveringsadresse" }, { LK_CUSTOMER, 85, "faktureringsadresse" },
        { LK_CUSTOMER, 85, "kober" },
        /* the seller */
        { LK_SELLER, 85, "leverandor" }, { LK_SELLER, 85, "saelger" },
        /* payment terms */
        { LK_TERMS, 85, "betalingsbetingelser" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "kontant", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "byttepenge", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 80, "rabat" }, { LK_NOTTOTAL, 85, "afrunding", .till = TILL_ROUNDING },
        { LK_NOTTOTAL, 80, "dankort" }, { LK_NOTTOTAL, 80, "antal" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "cvr" }, { LK_IGNORE, 99, "cvr no" }, { LK_IGNORE, 99, "cvr-nr" },
        { LK_IGNORE, 99, "se no" }, { LK_IGNORE, 99, "momsnummer" }, { LK_IGNORE, 99, "moms-nr" },
        { LK_IGNORE, 99, "moms no" }, { LK_IGNORE, 99, "momsnr" }, { LK_IGNORE, 99, "vat-nr" },
        { LK_IGNORE, 99, "kontonummer" }, { LK_IGNORE, 99, "reg no" },
        { LK_IGNORE, 99, "kontonr" }, { LK_IGNORE, 99, "kundenummer" },
        { LK_IGNORE, 99, "kunde no" },
};

static const struct header_def headers[] = {
        { "beskrivelse", COL_DESC }, { "varenavn", COL_DESC }, { "vare", COL_DESC },
        { "tekst", COL_DESC }, { "ydelse", COL_DESC }, { "antal", COL_QTY }, { "stk", COL_QTY },
        { "enhedspris", COL_UNIT }, { "pris", COL_UNIT }, { "stykpris", COL_UNIT },
        { "belob", COL_AMOUNT }, { "moms", COL_OTHER }, { "rabat", COL_OTHER },
        { "enhed", COL_OTHER }, { "varenr", COL_OTHER },
};

static const char *const legal_after[] = {
        "aps", "a/s", "i/s", "k/s", "p/s", "ivs", "smba", "amba", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "dage", "dags", NULL,
};
static const char *const terms[] = {
        "netto", "inden", "betaling", "betales", NULL,
};

const struct lang_vocab lang_da =
        LANG_VOCAB("da", labels, headers, legal_after, legal_before, days, terms);
