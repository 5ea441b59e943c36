/* sk.c: Slovak: faktúra, pokladničný doklad, DPH, s.r.o., a.s. */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "faktura no" }, { LK_INVNO, 95, "no faktury" },
        { LK_INVNO, 75, "faktura" }, { LK_INVNO, 85, "danovy doklad" },
        { LK_INVNO, 90, "no dokladu" }, { LK_INVNO, 85, "doklad no" },
        { LK_INVNO, 75, "pokladnicny doklad" }, { LK_INVNO, 60, "blocek" },
        { LK_INVNO, 70, "dobropis" }, { LK_INVNO, 70, "variabilny symbol" },
        { LK_INVNO, 95, "faktura - danovy doklad no" },
        /* a covering letter's "zasielame faktúru č. 2025-6380" */
        { LK_INVNO, 90, "fakturu no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "datum vyhotovenia" }, { LK_DATE, 95, "datum vystavenia" },
        { LK_DATE, 40, "datum dodania" }, { LK_DATE, 85, "vystavene" },
        { LK_DATE, 40, "datum dodania tovaru" },
        /* due dates */
        { LK_DUE, 95, "datum splatnosti" }, { LK_DUE, 90, "splatnost" },
        { LK_DUE, 90, "splatne do" },
        /* totals */
        { LK_TOTAL, 80, "celkom" }, { LK_TOTAL, 80, "spolu" }, { LK_TOTAL, 93, "celkom k uhrade" },
        { LK_TOTAL, 92, "k uhrade" }, { LK_TOTAL, 93, "suma k uhrade" },
        { LK_TOTAL, 93, "spolu k uhrade" }, { LK_TOTAL, 90, "celkova suma" },
        { LK_TOTAL, 90, "spolu s dph" }, { LK_TOTAL, 85, "celkom eur" },
        { LK_TOTAL, 90, "na uhradu" }, { LK_TOTAL, 90, "celkom s dph" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "zaklad dane" }, { LK_SUBTOTAL, 88, "spolu bez dph" },
        { LK_SUBTOTAL, 88, "celkom bez dph" }, { LK_SUBTOTAL, 85, "bez dph" },
        { LK_SUBTOTAL, 88, "suma bez dph" },
        /* tax */
        { LK_TAX, 85, "dph" }, { LK_TAX, 88, "dph spolu" }, { LK_TAX, 88, "suma dph" },
        { LK_TAX, 88, "dph celkom" },
        /* purchase orders */
        { LK_PO, 80, "objednavka" }, { LK_PO, 95, "no objednavky" },
        { LK_PO, 95, "objednavka no" },
        /* the customer's block */
        { LK_CUSTOMER, 90, "odberatel" }, { LK_CUSTOMER, 85, "kupujuci" },
        { LK_CUSTOMER, 85, "zakaznik" }, { LK_CUSTOMER, 85, "prijemca" },
        /* the seller */
        { LK_SELLER, 90, "dodavatel" }, { LK_SELLER, 85, "predavajuci" },
        /* payment terms */
        { LK_TERMS, 85, "platobne podmienky" }, { LK_TERMS, 80, "forma uhrady" },
        { LK_TERMS, 80, "sposob uhrady" },
        /* currency */
        { LK_CURRENCY, 90, "mena" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "hotovost", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "vydavok", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "zaokruhlenie", .till = TILL_ROUNDING }, { LK_NOTTOTAL, 80, "zlava" },
        { LK_NOTTOTAL, 80, "mnozstvo" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "ico" }, { LK_IGNORE, 99, "dic" }, { LK_IGNORE, 99, "ic dph" },
        { LK_IGNORE, 99, "no uctu" }, { LK_IGNORE, 99, "sadzba dph" }, { LK_IGNORE, 99, "sadzba" },
};

static const struct header_def headers[] = {
        { "popis", COL_DESC }, { "nazov", COL_DESC }, { "polozka", COL_DESC },
        { "tovar", COL_DESC }, { "mnozstvo", COL_QTY }, { "pocet", COL_QTY }, { "ks", COL_QTY },
        { "cena", COL_UNIT }, { "suma", COL_AMOUNT }, { "spolu", COL_AMOUNT },
        { "celkom", COL_AMOUNT }, { "dph", COL_OTHER }, { "mj", COL_OTHER },
        { "sadzba", COL_OTHER }, { "zlava", COL_OTHER },
};

static const char *const legal_after[] = {
        "sro", "AS", "KS", "vos", "spol", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "dni", "dnoch", NULL,
};
static const char *const terms[] = {
        "splatnost", "splatnosti", "do", NULL,
};

const struct lang_vocab lang_sk =
        LANG_VOCAB("sk", labels, headers, legal_after, legal_before, days, terms);
