/* cs.c: Czech: faktura, daňový doklad, účtenka, DPH, s.r.o., a.s. */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "faktura no" }, { LK_INVNO, 95, "no faktury" },
        { LK_INVNO, 75, "faktura" }, { LK_INVNO, 85, "danovy doklad" },
        { LK_INVNO, 90, "no dokladu" }, { LK_INVNO, 95, "danovy doklad no" },
        { LK_INVNO, 70, "variabilni symbol" }, { LK_INVNO, 85, "uctenka no" },
        { LK_INVNO, 85, "doklad no" }, { LK_INVNO, 70, "opravny danovy doklad" },
        { LK_INVNO, 70, "dobropis" }, { LK_INVNO, 85, "faktura - danovy doklad no" },
        { LK_INVNO, 60, "uctenka" },
        /* a covering letter's "zasíláme fakturu č. 2025-4892" */
        { LK_INVNO, 90, "fakturu no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "datum vystaveni" }, { LK_DATE, 90, "datum vyst" },
        { LK_DATE, 85, "vystaveno" }, { LK_DATE, 40, "datum uskutecneni zdanitelneho plneni" },
        { LK_DATE, 40, "duzp" }, { LK_DATE, 40, "datum zdanitelneho plneni" },
        { LK_DATE, 40, "datum uzp" }, { LK_DATE, 85, "datum vystaveni dokladu" },
        /* due dates */
        { LK_DUE, 95, "datum splatnosti" }, { LK_DUE, 90, "splatnost" }, { LK_DUE, 90, "splatno" },
        { LK_DUE, 90, "splatne do" }, { LK_DUE, 90, "splatno do" },
        /* totals */
        { LK_TOTAL, 80, "celkem" }, { LK_TOTAL, 93, "celkem k uhrade" },
        { LK_TOTAL, 92, "k uhrade" }, { LK_TOTAL, 90, "celkova castka" },
        { LK_TOTAL, 90, "celkem s dph" }, { LK_TOTAL, 93, "castka k uhrade" },
        { LK_TOTAL, 85, "celkem kc" }, { LK_TOTAL, 85, "celkem czk" },
        { LK_TOTAL, 88, "uhrada celkem" }, { LK_TOTAL, 90, "k zaplaceni" },
        { LK_TOTAL, 90, "celkem k zaplaceni" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "zaklad dane" }, { LK_SUBTOTAL, 88, "celkem bez dph" },
        { LK_SUBTOTAL, 90, "mezisoucet" }, { LK_SUBTOTAL, 85, "bez dph" },
        { LK_SUBTOTAL, 75, "zaklad" }, { LK_SUBTOTAL, 88, "castka bez dph" },
        /* tax */
        { LK_TAX, 85, "dph" }, { LK_TAX, 88, "castka dph" }, { LK_TAX, 88, "dph celkem" },
        { LK_TAX, 88, "vyse dph" }, { LK_TAX, 88, "celkem dph" },
        /* purchase orders */
        { LK_PO, 80, "objednavka" }, { LK_PO, 95, "no objednavky" },
        { LK_PO, 95, "objednavka no" }, { LK_PO, 85, "vase objednavka" },
        { LK_PO, 85, "vase no objednavky" },
        /* the customer's block */
        { LK_CUSTOMER, 90, "odberatel" }, { LK_CUSTOMER, 85, "prijemce" },
        { LK_CUSTOMER, 85, "zakaznik" }, { LK_CUSTOMER, 85, "kupujici" },
        /* the seller */
        { LK_SELLER, 90, "dodavatel" }, { LK_SELLER, 85, "prodavajici" },
        /* payment terms */
        { LK_TERMS, 85, "platebni podminky" }, { LK_TERMS, 80, "forma uhrady" },
        { LK_TERMS, 80, "zpusob platby" }, { LK_TERMS, 80, "forma platby" },
        /* currency */
        { LK_CURRENCY, 90, "mena" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "hotove", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "vraceno", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "zaokrouhleni", .till = TILL_ROUNDING }, { LK_NOTTOTAL, 80, "sleva" },
        { LK_NOTTOTAL, 80, "mnozstvi" }, { LK_NOTTOTAL, 85, "hotovost", .till = TILL_TENDER },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "dic" }, { LK_IGNORE, 99, "ic" }, { LK_IGNORE, 99, "ico" },
        { LK_IGNORE, 99, "no uctu" }, { LK_IGNORE, 99, "bankovni ucet" },
        { LK_IGNORE, 99, "sazba dph" }, { LK_IGNORE, 99, "sazba" }, { LK_IGNORE, 99, "ic dph" },
        { LK_IGNORE, 99, "konstantni symbol" }, { LK_IGNORE, 99, "specificky symbol" },
};

static const struct header_def headers[] = {
        { "popis", COL_DESC }, { "nazev", COL_DESC }, { "polozka", COL_DESC },
        { "oznaceni", COL_DESC }, { "zbozi", COL_DESC }, { "mnozstvi", COL_QTY },
        { "pocet", COL_QTY }, { "ks", COL_QTY }, { "cena", COL_UNIT }, { "cena/mj", COL_UNIT },
        { "castka", COL_AMOUNT }, { "celkem", COL_AMOUNT }, { "dph", COL_OTHER },
        { "mj", COL_OTHER }, { "sazba", COL_OTHER }, { "sleva", COL_OTHER },
};

static const char *const legal_after[] = {
        "sro", "AS", "vos", "KS", "spol", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "dni", "dnu", "den", "dnech", "dny", NULL,
};
static const char *const terms[] = {
        "splatnost", "splatnosti", "splatno", "do", NULL,
};

const struct lang_vocab lang_cs =
        LANG_VOCAB("cs", labels, headers, legal_after, legal_before, days, terms);
