/* hu.c: Hungarian: számla, nyugta, ÁFA, Kft., Zrt. */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "szamla sorszama" }, { LK_INVNO, 85, "szamlaszam" },
        { LK_INVNO, 95, "szamla no" },
        { LK_INVNO, 75, "szamla" }, { LK_INVNO, 85, "sorszam" }, { LK_INVNO, 60, "nyugta" },
        { LK_INVNO, 85, "nyugtaszam" }, { LK_INVNO, 70, "sztorno szamla" },
        { LK_INVNO, 70, "helyesbito szamla" }, { LK_INVNO, 80, "bizonylatszam" },
        { LK_INVNO, 85, "nyugta no" },
        /* a letter's "a(z) 2564282 számú számlánkat": the number before "számú" */
        { LK_INVNO, 85, "szamu szamla", true }, { LK_INVNO, 85, "szamu szamlat", true },
        { LK_INVNO, 85, "szamu szamlankat", true }, { LK_INVNO, 85, "szamu szamlank", true },
        { LK_INVNO, 85, "szamu szamlajat", true }, { LK_INVNO, 85, "szamu szamlahoz", true },
        { LK_INVNO, 85, "szamu szamlaval", true }, { LK_INVNO, 85, "szamu szamlarol", true },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "szamla kelte" }, { LK_DATE, 85, "kelte" },
        { LK_DATE, 95, "kiallitas datuma" }, { LK_DATE, 95, "kiallitas kelte" },
        { LK_DATE, 80, "kelt" }, { LK_DATE, 40, "teljesites datuma" },
        { LK_DATE, 40, "teljesites kelte" }, { LK_DATE, 40, "teljesites" },
        /* due dates */
        { LK_DUE, 95, "fizetesi hatarido" }, { LK_DUE, 90, "esedekesseg" },
        { LK_DUE, 85, "hatarido" }, { LK_DUE, 95, "esedekesseg datuma" },
        { LK_DUE, 90, "fizetesi hatarideje" },
        /* totals */
        { LK_TOTAL, 80, "osszesen" }, { LK_TOTAL, 92, "vegosszeg" }, { LK_TOTAL, 90, "fizetendo" },
        { LK_TOTAL, 93, "fizetendo osszeg" }, { LK_TOTAL, 90, "brutto osszesen" },
        { LK_TOTAL, 92, "brutto vegosszeg" }, { LK_TOTAL, 92, "szamla vegosszege" },
        { LK_TOTAL, 93, "osszesen fizetendo" }, { LK_TOTAL, 80, "brutto" },
        { LK_TOTAL, 92, "mindosszesen" }, { LK_TOTAL, 93, "fizetendo vegosszeg" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "netto osszesen" }, { LK_SUBTOTAL, 88, "netto ertek" },
        { LK_SUBTOTAL, 90, "reszosszeg" }, { LK_SUBTOTAL, 88, "adoalap" },
        { LK_SUBTOTAL, 88, "netto osszeg" }, { LK_SUBTOTAL, 88, "netto ar osszesen" },
        /* tax */
        { LK_TAX, 85, "afa" }, { LK_TAX, 88, "afa ertek" }, { LK_TAX, 88, "afa osszeg" },
        { LK_TAX, 88, "afa osszesen" }, { LK_TAX, 88, "afa osszege" },
        { LK_TAX, 88, "afa ertek osszesen" },
        /* purchase orders */
        { LK_PO, 80, "megrendeles" }, { LK_PO, 88, "az on rendelese" },
        { LK_PO, 90, "megrendelesszam" }, { LK_PO, 90, "rendelesszam" },
        { LK_PO, 95, "megrendeles no" }, { LK_PO, 75, "rendeles" },
        { LK_PO, 85, "szamu megrendeles", true }, { LK_PO, 85, "szamu megrendelese", true },
        { LK_PO, 85, "szamu megrendelesere", true }, { LK_PO, 85, "szamu megrendelesuk", true },
        { LK_PO, 85, "szamu rendeles", true }, { LK_PO, 85, "szamu rendelesere", true },
        /* the customer's block */
        { LK_CUSTOMER, 85, "vevo" }, { LK_CUSTOMER, 85, "megrendelo" },
        { LK_CUSTOMER, 85, "vasarlo" }, { LK_CUSTOMER, 85, "szamlazasi cim" },
        /* the seller */
        { LK_SELLER, 85, "elado" }, { LK_SELLER, 85, "szallito" }, { LK_SELLER, 85, "kibocsato" },
        { LK_SELLER, 80, "szolgaltato" },
        /* payment terms */
        { LK_TERMS, 85, "fizetesi feltetelek" }, { LK_TERMS, 80, "fizetesi mod" },
        /* currency */
        { LK_CURRENCY, 90, "penznem" }, { LK_CURRENCY, 90, "deviza" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "keszpenz", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "visszajaro", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "kerekites", .till = TILL_ROUNDING }, { LK_NOTTOTAL, 80, "kedvezmeny" },
        { LK_NOTTOTAL, 80, "mennyiseg" }, { LK_NOTTOTAL, 80, "bankkartya" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "adoszam" }, { LK_IGNORE, 99, "kozossegi adoszam" },
        { LK_IGNORE, 99, "vevokod" }, { LK_IGNORE, 99, "eu adoszam" },
        { LK_IGNORE, 99, "cegjegyzekszam" }, { LK_IGNORE, 99, "bankszamlaszam" },
        { LK_IGNORE, 99, "afakulcs" }, { LK_IGNORE, 99, "afa kulcs" },
        { LK_IGNORE, 99, "csoportos adoszam" },
};

static const struct header_def headers[] = {
        { "megnevezes", COL_DESC }, { "termek", COL_DESC }, { "leiras", COL_DESC },
        { "szolgaltatas", COL_DESC }, { "mennyiseg", COL_QTY }, { "menny", COL_QTY },
        { "db", COL_QTY }, { "egysegar", COL_UNIT }, { "ertek", COL_AMOUNT },
        { "osszeg", COL_AMOUNT }, { "brutto", COL_AMOUNT }, { "afa", COL_OTHER },
        { "me", COL_OTHER }, { "afakulcs", COL_OTHER }, { "kulcs", COL_OTHER },
};

static const char *const legal_after[] = {
        "kft", "zrt", "nyrt", "bt", "kkt", "rt", "kht", "nonprofit", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "nap", "napon", NULL,
};
static const char *const terms[] = {
        "belul", "fizetesi", "hatarido", "atutalas", NULL,
};

const struct lang_vocab lang_hu =
        LANG_VOCAB("hu", labels, headers, legal_after, legal_before, days, terms);
