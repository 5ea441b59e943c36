/* fi.c: Finnish: lasku, kuitti, ALV, Oy */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "laskun no" }, { LK_INVNO, 95, "laskunumero" },
        { LK_INVNO, 95, "lasku no" }, { LK_INVNO, 75, "lasku" }, { LK_INVNO, 60, "kuitti" },
        { LK_INVNO, 85, "kuitti no" }, { LK_INVNO, 70, "hyvityslasku" },
        { LK_INVNO, 85, "kuittinumero" }, { LK_INVNO, 90, "laskumme no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "laskun paivays" }, { LK_DATE, 70, "paivays" },
        { LK_DATE, 95, "laskun pvm" }, { LK_DATE, 70, "pvm" }, { LK_DATE, 70, "paivamaara" },
        { LK_DATE, 95, "laskupaiva" }, { LK_DATE, 40, "toimituspaiva" },
        { LK_DATE, 95, "laskun paivamaara" },
        /* due dates */
        { LK_DUE, 95, "erapaiva" }, { LK_DUE, 90, "maksettava viimeistaan" },
        { LK_DUE, 95, "viimeinen maksupaiva" }, { LK_DUE, 90, "erapvm" },
        { LK_DUE, 90, "eraantyy" },
        /* totals */
        { LK_TOTAL, 85, "yhteensa" }, { LK_TOTAL, 88, "maksettava" },
        { LK_TOTAL, 93, "maksettava yhteensa" }, { LK_TOTAL, 90, "loppusumma" },
        { LK_TOTAL, 90, "laskun summa" }, { LK_TOTAL, 88, "yhteensa eur" },
        { LK_TOTAL, 70, "yht" }, { LK_TOTAL, 90, "yhteensa sis alv" },
        { LK_TOTAL, 93, "maksettava summa" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "veroton hinta" }, { LK_SUBTOTAL, 88, "yhteensa ilman alv" },
        { LK_SUBTOTAL, 88, "veroton yhteensa" }, { LK_SUBTOTAL, 90, "valisumma" },
        { LK_SUBTOTAL, 85, "veroton" }, { LK_SUBTOTAL, 88, "veroton summa" },
        /* tax */
        { LK_TAX, 85, "alv" }, { LK_TAX, 88, "arvonlisavero" }, { LK_TAX, 88, "alv yhteensa" },
        { LK_TAX, 88, "alv-osuus" }, { LK_TAX, 88, "alv osuus" }, { LK_TAX, 80, "vero" },
        { LK_TAX, 88, "alv 24" },
        /* purchase orders */
        { LK_PO, 90, "tilausnumero" }, { LK_PO, 95, "tilaus no" }, { LK_PO, 80, "tilaus" },
        { LK_PO, 90, "ostotilaus" }, { LK_PO, 80, "viitteenne" }, { LK_PO, 88, "tilauksenne" },
        { LK_PO, 88, "tilauksenne no" }, { LK_PO, 75, "asiakkaan viite" },
        { LK_PO, 90, "tilausnro" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "asiakas" }, { LK_CUSTOMER, 85, "ostaja" },
        { LK_CUSTOMER, 85, "laskutusosoite" }, { LK_CUSTOMER, 85, "toimitusosoite" },
        { LK_CUSTOMER, 85, "vastaanottaja" },
        /* the seller */
        { LK_SELLER, 85, "myyja" }, { LK_SELLER, 85, "toimittaja" },
        { LK_SELLER, 85, "laskuttaja" },
        /* payment terms */
        { LK_TERMS, 85, "maksuehdot" }, { LK_TERMS, 85, "maksuehto" },
        /* currency */
        { LK_CURRENCY, 90, "valuutta" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "kateinen", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "vaihtoraha", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 80, "takaisin", .till = TILL_CHANGE }, { LK_NOTTOTAL, 80, "alennus" },
        { LK_NOTTOTAL, 85, "pyoristys", .till = TILL_ROUNDING }, { LK_NOTTOTAL, 80, "maara" },
        { LK_NOTTOTAL, 80, "kortti" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "y-tunnus" }, { LK_IGNORE, 99, "alv no" }, { LK_IGNORE, 99, "alv-nro" },
        { LK_IGNORE, 99, "alv-numero" }, { LK_IGNORE, 99, "alv-tunniste" },
        { LK_IGNORE, 99, "viitenumero" }, { LK_IGNORE, 99, "tilinumero" },
        { LK_IGNORE, 99, "asiakasnumero" }, { LK_IGNORE, 99, "alv-rekisterinumero" },
        { LK_IGNORE, 99, "alv %" },
};

static const struct header_def headers[] = {
        { "tuote", COL_DESC }, { "kuvaus", COL_DESC }, { "nimike", COL_DESC },
        { "selite", COL_DESC }, { "palvelu", COL_DESC }, { "maara", COL_QTY }, { "kpl", COL_QTY },
        { "a-hinta", COL_UNIT }, { "yksikkohinta", COL_UNIT }, { "hinta", COL_UNIT },
        { "yhteensa", COL_AMOUNT }, { "summa", COL_AMOUNT }, { "alv", COL_OTHER },
        { "yksikko", COL_OTHER }, { "ale", COL_OTHER }, { "alv%", COL_OTHER },
};

static const char *const legal_after[] = {
        "oy", "oyj", "ky", "tmi", "ay", "osk", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "paivaa", "pv", "pvaa", NULL,
};
static const char *const terms[] = {
        "netto", "maksuehto", "sisalla", NULL,
};

const struct lang_vocab lang_fi =
        LANG_VOCAB("fi", labels, headers, legal_after, legal_before, days, terms);
