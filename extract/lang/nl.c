/* nl.c: Dutch (Netherlands, Belgium) */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "factuurnr" }, { LK_INVNO, 95, "factuur-nr" },
        { LK_INVNO, 95, "faktuurnummer" }, { LK_INVNO, 90, "notanummer" },
        { LK_INVNO, 95, "factuurnummer" }, { LK_INVNO, 95, "factuur no" },
        { LK_INVNO, 70, "factuur" },
        { LK_INVNO, 85, "creditnota no" }, { LK_INVNO, 70, "creditnota" },
        { LK_INVNO, 70, "creditfactuur" },
        /* a shop's receipt: "Bonnr.", "Kassabon nr.", "Kasticket" (be) */
        { LK_INVNO, 85, "bon no" }, { LK_INVNO, 85, "bonnummer" }, { LK_INVNO, 60, "kassabon" },
        { LK_INVNO, 85, "kassabon no" }, { LK_INVNO, 60, "kasticket" }, { LK_INVNO, 85, "ticket no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "factuurdatum" }, { LK_DATE, 85, "factuur van" },
        { LK_DATE, 40, "leverdatum" }, { LK_DATE, 40, "besteldatum" },
        { LK_DATE, 40, "orderdatum" },
        /* due dates */
        { LK_DUE, 90, "vervaldatum" }, { LK_DUE, 90, "vervaldag" },
        { LK_DUE, 90, "te betalen voor" }, { LK_DUE, 85, "niet later dan" },
        { LK_DUE, 90, "uiterste betaaldatum" }, { LK_DUE, 90, "betalen voor" },
        /* totals */
        { LK_TOTAL, 88, "totaal" }, { LK_TOTAL, 92, "te betalen" },
        { LK_TOTAL, 90, "totaalbedrag" }, { LK_TOTAL, 90, "totaal incl btw" },
        { LK_TOTAL, 88, "totaal factuur" }, { LK_TOTAL, 88, "bedrag incl btw" },
        { LK_TOTAL, 90, "factuurbedrag" }, { LK_TOTAL, 90, "bedrag te voldoen" },
        { LK_TOTAL, 88, "te voldoen" }, { LK_TOTAL, 90, "eindtotaal" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "subtotaal" }, { LK_SUBTOTAL, 85, "totaal excl btw" },
        { LK_SUBTOTAL, 88, "totaal exclusief btw" }, { LK_SUBTOTAL, 85, "exclusief btw" },
        { LK_SUBTOTAL, 85, "excl btw" }, { LK_SUBTOTAL, 88, "netto totaal" },
        { LK_SUBTOTAL, 90, "nettobedrag" },
        /* tax */
        { LK_TAX, 85, "btw" }, { LK_TAX, 88, "btw-bedrag" }, { LK_TAX, 88, "btw bedrag" },
        /* purchase orders */
        { LK_PO, 85, "ordernr" }, { LK_PO, 80, "uw kenmerk" }, { LK_PO, 80, "uw referentie" },
        { LK_PO, 90, "inkoopordernummer" }, { LK_PO, 85, "inkooporder" },
        { LK_PO, 80, "bestelnummer" }, { LK_PO, 85, "ordernummer" },
        { LK_PO, 88, "uw bestelling" }, { LK_PO, 88, "uw bestelnummer" },
        { LK_PO, 88, "uw bestelnr" }, { LK_PO, 85, "bestelnr" }, { LK_PO, 88, "uw inkoopnummer" },
        { LK_PO, 85, "inkoopnummer" }, { LK_PO, 85, "inkoopordernr" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "factuuradres" }, { LK_CUSTOMER, 85, "klant" },
        { LK_CUSTOMER, 85, "factuur aan" }, { LK_CUSTOMER, 85, "gefactureerd aan" },
        { LK_CUSTOMER, 85, "afleveradres" },
        /* the seller */
        { LK_SELLER, 85, "leverancier" },
        /* the payee of a transfer */
        { LK_PAYEE, 80, "rekeninghouder" },
        /* payment terms */
        { LK_TERMS, 85, "betalingsvoorwaarden" }, { LK_TERMS, 85, "betalingstermijn" },
        /* currency */
        { LK_CURRENCY, 90, "valuta" },
        /* a table's sum carried between pages */
        { LK_CARRIED, 90, "van vorige pagina" }, { LK_CARRIED, 90, "naar volgende pagina" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "btw no" }, { LK_IGNORE, 99, "btw-nummer" },
        /* amounts that are no total: a till's cash and change, a card, what was paid before */
        { LK_NOTTOTAL, 85, "contant", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "terug", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "wisselgeld", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "afronding", .till = TILL_ROUNDING },
        { LK_NOTTOTAL, 80, "bancontact" },
        { LK_NOTTOTAL, 85, "reeds betaald" },
        { LK_NOTTOTAL, 85, "voorschot" },
};

static const struct header_def headers[] = {
        { "omschrijving", COL_DESC }, { "beschrijving", COL_DESC }, { "aantal", COL_QTY },
        { "hoeveelheid", COL_QTY }, { "prijs", COL_UNIT }, { "eenheidsprijs", COL_UNIT },
        { "stukprijs", COL_UNIT }, { "bedrag", COL_AMOUNT }, { "totaal", COL_AMOUNT },
        { "btw", COL_OTHER },
};

static const char *const legal_after[] = {
        "bv", "nv", "cv", "vof", "bvba", "commv", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "dagen", NULL,
};
static const char *const terms[] = {
        "binnen", "betaling", "netto", NULL,
};

const struct lang_vocab lang_nl =
        LANG_VOCAB("nl", labels, headers, legal_after, legal_before, days, terms);
