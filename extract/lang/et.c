/* et.c: Estonian: arve (invoice), tšekk (receipt), käibemaks/KM (VAT), AS before or after the name */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "arve no" }, { LK_INVNO, 75, "arve" }, { LK_INVNO, 85, "tsekk no" },
        { LK_INVNO, 60, "tsekk" }, { LK_INVNO, 60, "kviitung" }, { LK_INVNO, 70, "kreeditarve" },
        { LK_INVNO, 75, "arve-saateleht" }, { LK_INVNO, 85, "ostutsekk no" },
        /* a shop's receipt: "Kviitung nr", "Kassatšekk nr" */
        { LK_INVNO, 85, "kviitung no" }, { LK_INVNO, 60, "kassatsekk" }, { LK_INVNO, 85, "kassatsekk no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "arve kuupaev" }, { LK_DATE, 70, "kuupaev" },
        { LK_DATE, 90, "koostamise kuupaev" }, { LK_DATE, 90, "valjastamise kuupaev" },
        { LK_DATE, 90, "arve kp" }, { LK_DATE, 60, "kp" }, { LK_DATE, 40, "tarne kuupaev" },
        /* due dates */
        { LK_DUE, 95, "maksetahtaeg" }, { LK_DUE, 95, "tasumise tahtaeg" },
        { LK_DUE, 90, "tahtaeg" }, { LK_DUE, 90, "maksta hiljemalt" },
        { LK_DUE, 90, "tasuda hiljemalt" }, { LK_DUE, 90, "maksetahtpaev" },
        /* totals */
        { LK_TOTAL, 80, "kokku" }, { LK_TOTAL, 93, "kokku tasuda" }, { LK_TOTAL, 88, "tasuda" },
        { LK_TOTAL, 90, "summa kokku" }, { LK_TOTAL, 90, "arve summa" },
        { LK_TOTAL, 85, "kokku eur" }, { LK_TOTAL, 93, "tasumisele kuulub" },
        { LK_TOTAL, 90, "kokku km-ga" }, { LK_TOTAL, 90, "summa km-ga" },
        { LK_TOTAL, 90, "kokku summa" }, { LK_TOTAL, 90, "arve kokku" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "summa kaibemaksuta" }, { LK_SUBTOTAL, 88, "kokku km-ta" },
        { LK_SUBTOTAL, 88, "summa km-ta" }, { LK_SUBTOTAL, 90, "vahesumma" },
        { LK_SUBTOTAL, 85, "maksustatav summa" }, { LK_SUBTOTAL, 88, "kokku kaibemaksuta" },
        /* tax */
        { LK_TAX, 85, "kaibemaks" }, { LK_TAX, 80, "km" }, { LK_TAX, 88, "km summa" },
        { LK_TAX, 88, "kaibemaksu summa" }, { LK_TAX, 88, "km kokku" },
        /* purchase orders */
        { LK_PO, 95, "tellimuse no" }, { LK_PO, 80, "tellimus" }, { LK_PO, 90, "ostutellimus" },
        { LK_PO, 85, "teie tellimus" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "klient" }, { LK_CUSTOMER, 85, "ostja" }, { LK_CUSTOMER, 85, "maksja" },
        { LK_CUSTOMER, 80, "saaja" },
        /* the seller */
        { LK_SELLER, 85, "muuja" }, { LK_SELLER, 85, "tarnija" },
        { LK_SELLER, 85, "teenuse osutaja" },
        /* payment terms */
        { LK_TERMS, 85, "maksetingimused" },
        /* currency */
        { LK_CURRENCY, 90, "valuuta" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "sularaha", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "tagastus", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 80, "allahindlus" }, { LK_NOTTOTAL, 85, "ummardus", .till = TILL_ROUNDING },
        { LK_NOTTOTAL, 80, "kaart" }, { LK_NOTTOTAL, 80, "kogus" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "kmkr no" }, { LK_IGNORE, 99, "kmkr" }, { LK_IGNORE, 99, "reg kood" },
        { LK_IGNORE, 99, "registrikood" }, { LK_IGNORE, 99, "km reg no" },
        { LK_IGNORE, 99, "kmk no" }, { LK_IGNORE, 99, "km kood" },
        { LK_IGNORE, 99, "arveldusarve" }, { LK_IGNORE, 99, "km maar" },
        { LK_IGNORE, 99, "viitenumber" },
};

static const struct header_def headers[] = {
        { "kirjeldus", COL_DESC }, { "nimetus", COL_DESC }, { "toode", COL_DESC },
        { "teenus", COL_DESC }, { "kogus", COL_QTY }, { "hind", COL_UNIT },
        { "uhikuhind", COL_UNIT }, { "summa", COL_AMOUNT }, { "kokku", COL_AMOUNT },
        { "km", COL_OTHER }, { "uhik", COL_OTHER }, { "ale", COL_OTHER },
};

static const char *const legal_after[] = {
        "OU", "AS", "MTU", "FIE", "TU", "UU", NULL,
};
static const char *const legal_before[] = {
        "AS", "OU", NULL,
};
static const char *const days[] = {
        "paeva", "paev", "p", NULL,
};
static const char *const terms[] = {
        "jooksul", "maksetahtaeg", "tasuda", "maksta", NULL,
};

const struct lang_vocab lang_et =
        LANG_VOCAB("et", labels, headers, legal_after, legal_before, days, terms);
