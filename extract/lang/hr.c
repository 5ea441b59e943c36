/* hr.c: Croatian: račun, PDV, d.o.o. */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "racun no" }, { LK_INVNO, 95, "no racuna" }, { LK_INVNO, 75, "racun" },
        { LK_INVNO, 75, "racun-otpremnica" }, { LK_INVNO, 75, "fiskalni racun" },
        { LK_INVNO, 70, "odobrenje" }, { LK_INVNO, 85, "racun st" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "datum racuna" }, { LK_DATE, 95, "datum izdavanja" },
        { LK_DATE, 85, "datum i vrijeme" }, { LK_DATE, 90, "mjesto i datum izdavanja" },
        { LK_DATE, 40, "datum isporuke" }, { LK_DATE, 85, "datum izdavanja racuna" },
        /* due dates */
        { LK_DUE, 95, "datum dospijeca" }, { LK_DUE, 90, "dospijece" },
        { LK_DUE, 90, "rok placanja" }, { LK_DUE, 90, "valuta placanja" },
        { LK_DUE, 90, "datum placanja" },
        /* totals */
        { LK_TOTAL, 80, "ukupno" }, { LK_TOTAL, 93, "ukupno za platiti" },
        { LK_TOTAL, 92, "za platiti" }, { LK_TOTAL, 90, "ukupan iznos" },
        { LK_TOTAL, 92, "sveukupno" }, { LK_TOTAL, 93, "iznos za placanje" },
        { LK_TOTAL, 88, "ukupno eur" }, { LK_TOTAL, 92, "za uplatu" },
        { LK_TOTAL, 90, "ukupni iznos" }, { LK_TOTAL, 92, "ukupno za naplatu" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "osnovica" }, { LK_SUBTOTAL, 88, "iznos bez pdv-a" },
        { LK_SUBTOTAL, 88, "ukupno bez pdv-a" }, { LK_SUBTOTAL, 90, "porezna osnovica" },
        { LK_SUBTOTAL, 90, "meduzbroj" }, { LK_SUBTOTAL, 88, "osnovica za pdv" },
        { LK_SUBTOTAL, 88, "iznos bez pdv" },
        /* tax */
        { LK_TAX, 85, "pdv" }, { LK_TAX, 88, "iznos pdv-a" }, { LK_TAX, 88, "pdv iznos" },
        { LK_TAX, 88, "porez na dodanu vrijednost" }, { LK_TAX, 88, "ukupno pdv" },
        { LK_TAX, 88, "iznos pdv" },
        /* purchase orders */
        { LK_PO, 80, "narudzba" }, { LK_PO, 95, "no narudzbe" }, { LK_PO, 90, "narudzbenica" },
        { LK_PO, 85, "vasa narudzba" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "kupac" }, { LK_CUSTOMER, 85, "primatelj" },
        { LK_CUSTOMER, 85, "narucitelj" },
        /* the seller */
        { LK_SELLER, 85, "prodavatelj" }, { LK_SELLER, 85, "dobavljac" },
        { LK_SELLER, 85, "isporucitelj" },
        /* payment terms */
        { LK_TERMS, 85, "uvjeti placanja" }, { LK_TERMS, 80, "nacin placanja" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "gotovina", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "povrat", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 80, "popust" }, { LK_NOTTOTAL, 80, "kolicina" },
        { LK_NOTTOTAL, 80, "kartica" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "oib" }, { LK_IGNORE, 99, "pdv id" }, { LK_IGNORE, 99, "pdv no" },
        { LK_IGNORE, 99, "jir" }, { LK_IGNORE, 99, "zki" }, { LK_IGNORE, 99, "poziv na no" },
        { LK_IGNORE, 99, "stopa pdv" }, { LK_IGNORE, 99, "porezna stopa" },
        { LK_IGNORE, 99, "operater" },
};

static const struct header_def headers[] = {
        { "opis", COL_DESC }, { "naziv", COL_DESC }, { "artikl", COL_DESC },
        { "proizvod", COL_DESC }, { "usluga", COL_DESC }, { "kolicina", COL_QTY },
        { "kol", COL_QTY }, { "cijena", COL_UNIT }, { "iznos", COL_AMOUNT },
        { "ukupno", COL_AMOUNT }, { "vrijednost", COL_AMOUNT }, { "pdv", COL_OTHER },
        { "jmj", COL_OTHER }, { "rabat", COL_OTHER }, { "popust", COL_OTHER },
};

static const char *const legal_after[] = {
        "doo", "jdoo", "dd", "jtd", "kd", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "dana", NULL,
};
static const char *const terms[] = {
        "rok", "placanja", "roku", NULL,
};

const struct lang_vocab lang_hr =
        LANG_VOCAB("hr", labels, headers, legal_after, legal_before, days, terms);
