/* ro.c: Romanian: factură, bon fiscal, TVA, S.R.L. */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 80, "factura fiscala" }, { LK_INVNO, 95, "no factura" },
        { LK_INVNO, 95, "factura no" }, { LK_INVNO, 70, "bon fiscal" },
        { LK_INVNO, 85, "bon fiscal no" }, { LK_INVNO, 60, "chitanta" },
        { LK_INVNO, 70, "factura storno" }, { LK_INVNO, 85, "chitanta no" },
        { LK_INVNO, 90, "seria si no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "data facturii" }, { LK_DATE, 95, "data emiterii" },
        { LK_DATE, 95, "data emitere" }, { LK_DATE, 40, "data livrarii" },
        { LK_DATE, 95, "data facturare" },
        /* due dates */
        { LK_DUE, 90, "scadenta" }, { LK_DUE, 95, "data scadentei" },
        { LK_DUE, 95, "data scadenta" }, { LK_DUE, 90, "termen de plata" },
        { LK_DUE, 90, "termen plata" }, { LK_DUE, 90, "scadent la" },
        /* totals */
        { LK_TOTAL, 93, "total de plata" }, { LK_TOTAL, 90, "de plata" },
        { LK_TOTAL, 92, "total general" }, { LK_TOTAL, 85, "total lei" },
        { LK_TOTAL, 85, "total ron" }, { LK_TOTAL, 93, "suma de plata" },
        { LK_TOTAL, 90, "valoare totala" }, { LK_TOTAL, 92, "total factura" },
        { LK_TOTAL, 93, "total plata" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "total fara tva" }, { LK_SUBTOTAL, 88, "valoare fara tva" },
        { LK_SUBTOTAL, 88, "baza de impozitare" }, { LK_SUBTOTAL, 88, "baza impozabila" },
        { LK_SUBTOTAL, 88, "subtotal fara tva" },
        /* tax */
        { LK_TAX, 88, "total tva" }, { LK_TAX, 88, "valoare tva" }, { LK_TAX, 88, "tva total" },
        { LK_TAX, 88, "suma tva" },
        /* purchase orders */
        { LK_PO, 80, "comanda" }, { LK_PO, 95, "no comanda" }, { LK_PO, 95, "comanda no" },
        { LK_PO, 90, "comanda de achizitie" },
        /* the customer's block */
        { LK_CUSTOMER, 90, "cumparator" }, { LK_CUSTOMER, 85, "beneficiar" },
        { LK_CUSTOMER, 85, "client" },
        /* the seller */
        { LK_SELLER, 90, "furnizor" }, { LK_SELLER, 85, "vanzator" },
        { LK_SELLER, 85, "prestator" },
        /* payment terms */
        { LK_TERMS, 85, "conditii de plata" }, { LK_TERMS, 80, "modalitate de plata" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "numerar", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "rest", .till = TILL_CHANGE }, { LK_NOTTOTAL, 80, "card" },
        { LK_NOTTOTAL, 80, "cantitate" }, { LK_NOTTOTAL, 80, "reducere" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "cui" }, { LK_IGNORE, 99, "cod fiscal" }, { LK_IGNORE, 99, "no reg com" },
        { LK_IGNORE, 99, "reg com" }, { LK_IGNORE, 99, "cota tva" }, { LK_IGNORE, 99, "cod tva" },
        { LK_IGNORE, 99, "cont" }, { LK_IGNORE, 99, "cont iban" },
        { LK_IGNORE, 99, "cod de inregistrare fiscala" }, { LK_IGNORE, 99, "cif" },
};

static const struct header_def headers[] = {
        { "denumire", COL_DESC }, { "denumirea", COL_DESC }, { "produs", COL_DESC },
        { "descriere", COL_DESC }, { "servicii", COL_DESC }, { "cantitate", COL_QTY },
        { "cant", COL_QTY }, { "pret", COL_UNIT }, { "valoare", COL_AMOUNT },
        { "valoarea", COL_AMOUNT }, { "tva", COL_OTHER }, { "um", COL_OTHER },
        { "cota", COL_OTHER }, { "crt", COL_POS },
};

static const char *const legal_after[] = {
        "srl", "sa", "snc", "pfa", "scs", "sca", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "zile", NULL,
};
static const char *const terms[] = {
        "plata", "termen", "scadenta", NULL,
};

const struct lang_vocab lang_ro =
        LANG_VOCAB("ro", labels, headers, legal_after, legal_before, days, terms);
