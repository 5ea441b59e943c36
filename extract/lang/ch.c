/* ch.c: Swiss usage in German, French and Italian: QR-bill words, MWST/TVA/IVA, "innert 30 Tagen", Sagl */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "rechnungs-nr" }, { LK_INVNO, 95, "fattura no" },
        { LK_INVNO, 95, "no fattura" },
        /* totals */
        { LK_TOTAL, 92, "rechnungsbetrag" }, { LK_TOTAL, 90, "total chf" },
        { LK_TOTAL, 92, "totalbetrag" }, { LK_TOTAL, 90, "montant total chf" },
        { LK_TOTAL, 92, "importo totale" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "total exkl mwst" }, { LK_SUBTOTAL, 88, "total ohne mwst" },
        { LK_SUBTOTAL, 88, "zwischentotal" }, { LK_SUBTOTAL, 88, "total hors tva" },
        { LK_SUBTOTAL, 88, "totale senza iva" },
        /* tax */
        { LK_TAX, 88, "mwst-betrag" }, { LK_TAX, 85, "mwst" }, { LK_TAX, 88, "mehrwertsteuer" },
        { LK_TAX, 88, "iva" }, { LK_TAX, 85, "tva" },
        /* due dates */
        { LK_DUE, 90, "zahlbar bis" }, { LK_DUE, 90, "payable jusqu'au" },
        { LK_DUE, 90, "pagabile entro il" }, { LK_DUE, 90, "zahlbar innert" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "zahlbar durch" }, { LK_CUSTOMER, 85, "payable par" },
        { LK_CUSTOMER, 85, "pagabile da" },
        /* the payee of a transfer */
        { LK_PAYEE, 80, "zahlbar an" }, { LK_PAYEE, 80, "konto / zahlbar an" },
        { LK_PAYEE, 80, "payable a" }, { LK_PAYEE, 80, "compte / payable a" },
        { LK_PAYEE, 80, "pagabile a" }, { LK_PAYEE, 80, "conto / pagabile a" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "mwst-nr" }, { LK_IGNORE, 99, "mwst no" }, { LK_IGNORE, 99, "uid" },
        { LK_IGNORE, 99, "uid-nr" }, { LK_IGNORE, 99, "ide" }, { LK_IGNORE, 99, "no tva" },
        { LK_IGNORE, 99, "ide tva" }, { LK_IGNORE, 99, "no iva" }, { LK_IGNORE, 99, "referenz" },
        { LK_IGNORE, 99, "zahlteil" }, { LK_IGNORE, 99, "empfangsschein" },
        { LK_IGNORE, 99, "section paiement" }, { LK_IGNORE, 99, "recepisse" },
        { LK_IGNORE, 99, "sezione pagamento" }, { LK_IGNORE, 99, "annahmestelle" },
        { LK_IGNORE, 99, "point de depot" }, { LK_IGNORE, 99, "punto di accettazione" },
};

static const struct header_def headers[] = {
        { "bezeichnung", COL_DESC }, { "designation", COL_DESC }, { "descrizione", COL_DESC },
        { "menge", COL_QTY }, { "quantite", COL_QTY }, { "quantita", COL_QTY },
        { "einzelpreis", COL_UNIT }, { "prezzo", COL_UNIT }, { "betrag", COL_AMOUNT },
        { "montant", COL_AMOUNT }, { "importo", COL_AMOUNT }, { "mwst", COL_OTHER },
        { "tva", COL_OTHER }, { "iva", COL_OTHER },
};

static const char *const legal_after[] = {
        "ag", "gmbh", "sa", "sarl", "sagl", "sas", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "tagen", "jours", "giorni", NULL,
};
static const char *const terms[] = {
        "innert", "zahlbar", "payable", "pagabile", "netto", "net", NULL,
};

const struct lang_vocab lang_ch =
        LANG_VOCAB("ch", labels, headers, legal_after, legal_before, days, terms);
