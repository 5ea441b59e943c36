/* it.c: Italian (Swiss usage is in ch.c): fattura, scontrino, IVA, S.p.A., S.r.l. */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "fattura no" }, { LK_INVNO, 95, "no fattura" },
        { LK_INVNO, 75, "fattura" }, { LK_INVNO, 60, "scontrino" },
        { LK_INVNO, 85, "scontrino no" }, { LK_INVNO, 70, "documento commerciale" },
        { LK_INVNO, 70, "nota di credito" }, { LK_INVNO, 70, "fattura elettronica" },
        { LK_INVNO, 60, "ricevuta" }, { LK_INVNO, 85, "no documento" },
        { LK_INVNO, 85, "ricevuta no" }, { LK_INVNO, 70, "fattura accompagnatoria" },
        { LK_INVNO, 85, "documento no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "data fattura" }, { LK_DATE, 70, "data" },
        { LK_DATE, 85, "data documento" }, { LK_DATE, 95, "data emissione" },
        { LK_DATE, 95, "data di emissione" }, { LK_DATE, 95, "data della fattura" },
        { LK_DATE, 40, "data consegna" }, { LK_DATE, 40, "data ordine" },
        { LK_DATE, 40, "data ddt" },
        /* due dates */
        { LK_DUE, 90, "scadenza" }, { LK_DUE, 95, "data scadenza" },
        { LK_DUE, 95, "data di scadenza" }, { LK_DUE, 95, "scadenza pagamento" },
        { LK_DUE, 90, "da pagare entro" }, { LK_DUE, 90, "pagare entro" },
        /* totals */
        { LK_TOTAL, 80, "totale" }, { LK_TOTAL, 93, "totale documento" },
        { LK_TOTAL, 92, "totale fattura" }, { LK_TOTAL, 93, "totale da pagare" },
        { LK_TOTAL, 90, "importo totale" }, { LK_TOTAL, 93, "netto a pagare" },
        { LK_TOTAL, 92, "totale complessivo" }, { LK_TOTAL, 85, "totale euro" },
        { LK_TOTAL, 85, "totale eur" }, { LK_TOTAL, 88, "da pagare" },
        { LK_TOTAL, 90, "importo dovuto" }, { LK_TOTAL, 90, "totale dovuto" },
        { LK_TOTAL, 88, "importo da pagare" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "imponibile" }, { LK_SUBTOTAL, 90, "totale imponibile" },
        { LK_SUBTOTAL, 90, "subtotale" }, { LK_SUBTOTAL, 85, "totale netto" },
        { LK_SUBTOTAL, 88, "importo netto" }, { LK_SUBTOTAL, 88, "totale senza iva" },
        { LK_SUBTOTAL, 88, "imponibile iva" },
        /* tax */
        { LK_TAX, 88, "totale iva" }, { LK_TAX, 85, "imposta" }, { LK_TAX, 88, "importo iva" },
        { LK_TAX, 88, "di cui iva" }, { LK_TAX, 88, "iva totale" },
        { LK_TAX, 88, "totale imposta" },
        /* purchase orders */
        { LK_PO, 75, "ordine" }, { LK_PO, 95, "ordine no" }, { LK_PO, 95, "no ordine" },
        { LK_PO, 95, "ordine di acquisto" }, { LK_PO, 85, "vs ordine" },
        { LK_PO, 85, "vostro ordine" }, { LK_PO, 85, "rif ordine" },
        { LK_PO, 85, "riferimento ordine" }, { LK_PO, 85, "vs rif" }, { LK_PO, 80, "rif" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "destinatario" }, { LK_CUSTOMER, 80, "spettle" },
        { LK_CUSTOMER, 80, "intestatario" }, { LK_CUSTOMER, 85, "committente" },
        { LK_CUSTOMER, 85, "cessionario" }, { LK_CUSTOMER, 85, "cessionario/committente" },
        { LK_CUSTOMER, 85, "acquirente" },
        /* the seller */
        { LK_SELLER, 85, "fornitore" }, { LK_SELLER, 85, "cedente" },
        { LK_SELLER, 85, "prestatore" }, { LK_SELLER, 85, "venditore" },
        { LK_SELLER, 85, "cedente/prestatore" },
        /* payment terms */
        { LK_TERMS, 85, "condizioni di pagamento" }, { LK_TERMS, 80, "modalita di pagamento" },
        { LK_TERMS, 85, "termini di pagamento" }, { LK_TERMS, 75, "pagamento" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "contanti", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "resto", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 80, "sconto" }, { LK_NOTTOTAL, 85, "arrotondamento", .till = TILL_ROUNDING },
        { LK_NOTTOTAL, 85, "pagamento contante", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "pagamento elettronico" },
        { LK_NOTTOTAL, 80, "quantita" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "partita iva" }, { LK_IGNORE, 99, "p iva" }, { LK_IGNORE, 99, "piva" },
        { LK_IGNORE, 99, "codice fiscale" }, { LK_IGNORE, 99, "aliquota iva" },
        { LK_IGNORE, 99, "aliquota" }, { LK_IGNORE, 99, "cod fisc" },
        { LK_IGNORE, 99, "p iva/cf" }, { LK_IGNORE, 99, "codice destinatario" },
        { LK_IGNORE, 99, "no rea" }, { LK_IGNORE, 99, "rea" },
};

static const struct header_def headers[] = {
        { "descrizione", COL_DESC }, { "articolo", COL_DESC }, { "prodotto", COL_DESC },
        { "servizio", COL_DESC }, { "quantita", COL_QTY }, { "qta", COL_QTY },
        { "prezzo", COL_UNIT }, { "importo", COL_AMOUNT }, { "totale", COL_AMOUNT },
        { "sconto", COL_OTHER }, { "um", COL_OTHER }, { "codice", COL_OTHER },
        { "aliquota", COL_OTHER }, { "cod", COL_OTHER },
};

static const char *const legal_after[] = {
        "spa", "srl", "srls", "snc", "sapa", "scarl", "scrl", "sas", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "giorni", "gg", NULL,
};
static const char *const terms[] = {
        "entro", "pagamento", "df", "fm", "netto", NULL,
};

const struct lang_vocab lang_it =
        LANG_VOCAB("it", labels, headers, legal_after, legal_before, days, terms);
