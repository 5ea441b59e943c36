/* pl.c: Polish: faktura (invoice), paragon (receipt), VAT/PTU, Sp. z o.o. */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 80, "faktura vat" }, { LK_INVNO, 95, "faktura vat no" },
        { LK_INVNO, 95, "faktura no" }, { LK_INVNO, 75, "faktura" },
        { LK_INVNO, 95, "no faktury" }, { LK_INVNO, 60, "paragon" },
        { LK_INVNO, 70, "paragon fiskalny" }, { LK_INVNO, 85, "paragon no" },
        { LK_INVNO, 85, "no paragonu" }, { LK_INVNO, 70, "faktura korygujaca" },
        { LK_INVNO, 75, "no dokumentu" }, { LK_INVNO, 85, "rachunek no" },
        /* a covering letter's "przesyłamy fakturę nr FV/586/10/2025" */
        { LK_INVNO, 90, "fakture no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "data wystawienia" }, { LK_DATE, 70, "data" },
        { LK_DATE, 95, "data faktury" }, { LK_DATE, 50, "data sprzedazy" },
        { LK_DATE, 40, "data dostawy" }, { LK_DATE, 85, "wystawiono" },
        { LK_DATE, 50, "data dokonania dostawy" }, { LK_DATE, 45, "data zakonczenia dostawy" },
        /* due dates */
        { LK_DUE, 95, "termin platnosci" }, { LK_DUE, 95, "termin zaplaty" },
        { LK_DUE, 90, "zaplata do" }, { LK_DUE, 90, "platne do" },
        { LK_DUE, 95, "data platnosci" }, { LK_DUE, 90, "platnosc do" },
        /* totals */
        { LK_TOTAL, 80, "razem" }, { LK_TOTAL, 93, "do zaplaty" },
        { LK_TOTAL, 93, "razem do zaplaty" }, { LK_TOTAL, 70, "suma" },
        { LK_TOTAL, 88, "suma pln" }, { LK_TOTAL, 88, "wartosc brutto" },
        { LK_TOTAL, 90, "razem brutto" }, { LK_TOTAL, 85, "ogolem" },
        { LK_TOTAL, 93, "kwota do zaplaty" }, { LK_TOTAL, 90, "naleznosc" },
        { LK_TOTAL, 93, "do zaplaty pln" }, { LK_TOTAL, 88, "suma brutto" },
        { LK_TOTAL, 88, "laczna kwota" }, { LK_TOTAL, 90, "ogolem brutto" },
        { LK_TOTAL, 88, "kwota brutto" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "wartosc netto" }, { LK_SUBTOTAL, 88, "razem netto" },
        { LK_SUBTOTAL, 88, "suma netto" }, { LK_SUBTOTAL, 88, "kwota netto" },
        { LK_SUBTOTAL, 88, "ogolem netto" },
        /* tax */
        { LK_TAX, 88, "kwota vat" }, { LK_TAX, 88, "wartosc vat" }, { LK_TAX, 88, "podatek vat" },
        { LK_TAX, 88, "suma ptu" }, { LK_TAX, 85, "ptu" }, { LK_TAX, 80, "podatek" },
        { LK_TAX, 88, "razem vat" },
        /* purchase orders */
        { LK_PO, 80, "zamowienie" }, { LK_PO, 95, "no zamowienia" },
        { LK_PO, 95, "zamowienie no" }, { LK_PO, 75, "zlecenie" }, { LK_PO, 85, "no zlecenia" },
        /* the customer's block */
        { LK_CUSTOMER, 90, "nabywca" }, { LK_CUSTOMER, 85, "odbiorca" },
        { LK_CUSTOMER, 80, "platnik" },
        /* the seller */
        { LK_SELLER, 90, "sprzedawca" }, { LK_SELLER, 85, "dostawca" },
        { LK_SELLER, 80, "wystawca" },
        /* payment terms */
        { LK_TERMS, 80, "forma platnosci" }, { LK_TERMS, 85, "warunki platnosci" },
        { LK_TERMS, 80, "sposob zaplaty" }, { LK_TERMS, 80, "sposob platnosci" },
        /* currency */
        { LK_CURRENCY, 90, "waluta" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "gotowka", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "reszta", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 80, "karta" }, { LK_NOTTOTAL, 80, "rabat" },
        { LK_NOTTOTAL, 85, "zaplacono" }, { LK_NOTTOTAL, 80, "ilosc" },
        { LK_NOTTOTAL, 85, "otrzymano", .till = TILL_TENDER },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "nip" }, { LK_IGNORE, 99, "regon" }, { LK_IGNORE, 99, "krs" },
        { LK_IGNORE, 99, "no rachunku" }, { LK_IGNORE, 99, "rachunek bankowy" },
        { LK_IGNORE, 99, "konto" }, { LK_IGNORE, 99, "stawka vat" }, { LK_IGNORE, 99, "no konta" },
        { LK_IGNORE, 99, "no kasy" }, { LK_IGNORE, 99, "nip nabywcy" },
        { LK_IGNORE, 99, "no sys" }, { LK_IGNORE, 99, "stawka" },
};

static const struct header_def headers[] = {
        { "nazwa", COL_DESC }, { "towar", COL_DESC }, { "towaru", COL_DESC },
        { "usluga", COL_DESC }, { "towary", COL_DESC }, { "ilosc", COL_QTY }, { "ilo", COL_QTY },
        { "cena", COL_UNIT }, { "wartosc", COL_AMOUNT }, { "kwota", COL_AMOUNT },
        { "stawka", COL_OTHER }, { "jm", COL_OTHER }, { "jedn", COL_OTHER },
};

static const char *const legal_after[] = {
        "sa", "spj", "spk", "oo", "ska", "spp", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "dni", "dnia", "dzien", NULL,
};
static const char *const terms[] = {
        "przelew", "termin", "platnosci", "zaplaty", "ciagu", NULL,
};

const struct lang_vocab lang_pl =
        LANG_VOCAB("pl", labels, headers, legal_after, legal_before, days, terms);
