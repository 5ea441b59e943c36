/* lv.c: Latvian: rēķins (invoice), kases čeks (receipt), PVN (VAT), SIA "..." (legal form first) */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 75, "rekins" }, { LK_INVNO, 95, "rekina no" }, { LK_INVNO, 95, "rekins no" },
        { LK_INVNO, 75, "pavadzime" }, { LK_INVNO, 95, "pavadzimes no" },
        { LK_INVNO, 75, "rekins-pavadzime" }, { LK_INVNO, 75, "pavadzime-rekins" },
        { LK_INVNO, 95, "pavadzimes-rekina no" }, { LK_INVNO, 60, "ceks" },
        { LK_INVNO, 85, "ceks no" }, { LK_INVNO, 85, "ceka no" }, { LK_INVNO, 75, "kases ceks" },
        { LK_INVNO, 85, "kases ceks no" }, { LK_INVNO, 85, "kases ceka no" },
        { LK_INVNO, 60, "kvits" }, { LK_INVNO, 85, "kvits no" }, { LK_INVNO, 85, "kvitis no" },
        { LK_INVNO, 75, "dokumenta no" }, { LK_INVNO, 70, "kreditrekins" },
        /* a covering letter's "Nosūtām Jums rēķinu Nr. RK-25/2647" */
        { LK_INVNO, 90, "rekinu no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 70, "datums" }, { LK_DATE, 95, "rekina datums" },
        { LK_DATE, 95, "izrakstisanas datums" }, { LK_DATE, 85, "izrakstits" },
        { LK_DATE, 85, "dokumenta datums" }, { LK_DATE, 85, "datums un laiks" },
        { LK_DATE, 40, "piegades datums" }, { LK_DATE, 40, "pasutijuma datums" },
        /* due dates */
        { LK_DUE, 95, "apmaksas termins" }, { LK_DUE, 95, "samaksas termins" },
        { LK_DUE, 95, "apmaksat lidz" }, { LK_DUE, 95, "samaksat lidz" },
        { LK_DUE, 80, "termins" }, { LK_DUE, 85, "apmaksas datums" },
        { LK_DUE, 90, "apmaksas termins lidz" },
        /* totals */
        { LK_TOTAL, 80, "kopa" }, { LK_TOTAL, 88, "kopa eur" }, { LK_TOTAL, 93, "kopa apmaksai" },
        { LK_TOTAL, 93, "summa apmaksai" }, { LK_TOTAL, 88, "apmaksai" },
        { LK_TOTAL, 90, "kopeja summa" }, { LK_TOTAL, 90, "summa kopa" },
        { LK_TOTAL, 90, "kopa ar pvn" }, { LK_TOTAL, 90, "summa ar pvn" },
        { LK_TOTAL, 65, "summa" }, { LK_TOTAL, 90, "samaksai" }, { LK_TOTAL, 90, "kopsumma" },
        { LK_TOTAL, 85, "summa eur" }, { LK_TOTAL, 93, "kopa samaksai" },
        { LK_TOTAL, 92, "pavisam kopa" }, { LK_TOTAL, 92, "summa samaksai" },
        { LK_TOTAL, 90, "kopeja summa eur" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 88, "summa bez pvn" }, { LK_SUBTOTAL, 88, "kopa bez pvn" },
        { LK_SUBTOTAL, 85, "bez pvn" }, { LK_SUBTOTAL, 90, "starpsumma" },
        { LK_SUBTOTAL, 85, "apliekama summa" }, { LK_SUBTOTAL, 88, "summa bez pvn eur" },
        /* tax */
        { LK_TAX, 85, "pvn" }, { LK_TAX, 88, "pvn summa" }, { LK_TAX, 85, "pvn eur" },
        { LK_TAX, 88, "pievienotas vertibas nodoklis" }, { LK_TAX, 88, "pvn kopa" },
        /* purchase orders */
        { LK_PO, 95, "pasutijuma no" }, { LK_PO, 80, "pasutijums" },
        { LK_PO, 90, "pirkuma pasutijums" }, { LK_PO, 85, "jusu pasutijums" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "pircejs" }, { LK_CUSTOMER, 85, "sanemejs" },
        { LK_CUSTOMER, 85, "klients" }, { LK_CUSTOMER, 85, "maksatajs" },
        { LK_CUSTOMER, 85, "pakalpojuma sanemejs" }, { LK_CUSTOMER, 85, "preces sanemejs" },
        /* the seller */
        { LK_SELLER, 85, "pardevejs" }, { LK_SELLER, 85, "piegadatajs" },
        { LK_SELLER, 80, "izsniedzejs" }, { LK_SELLER, 85, "pakalpojuma sniedzejs" },
        /* payment terms */
        { LK_TERMS, 85, "apmaksas noteikumi" }, { LK_TERMS, 85, "samaksas noteikumi" },
        { LK_TERMS, 85, "apmaksas kartiba" }, { LK_TERMS, 80, "samaksas veids" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "skaidra nauda", .till = TILL_TENDER },
        { LK_NOTTOTAL, 80, "skaidra", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "atlikums", .till = TILL_CHANGE }, { LK_NOTTOTAL, 85, "maksajuma karte" },
        { LK_NOTTOTAL, 80, "karte" }, { LK_NOTTOTAL, 80, "samaksats" },
        { LK_NOTTOTAL, 80, "atlaide" }, { LK_NOTTOTAL, 85, "noapalosana", .till = TILL_ROUNDING },
        { LK_NOTTOTAL, 80, "daudzums" }, { LK_NOTTOTAL, 80, "izdots", .till = TILL_CHANGE },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "pvn no" }, { LK_IGNORE, 99, "pvn maksataja no" },
        { LK_IGNORE, 99, "pvn reg no" }, { LK_IGNORE, 99, "reg no" },
        { LK_IGNORE, 99, "registracijas no" }, { LK_IGNORE, 99, "konts" },
        { LK_IGNORE, 99, "norekinu konts" }, { LK_IGNORE, 99, "pvn likme" },
        { LK_IGNORE, 99, "kase no" }, { LK_IGNORE, 99, "kasieris" }, { LK_IGNORE, 99, "kasiere" },
        { LK_IGNORE, 99, "pvn maksataja kods" }, { LK_IGNORE, 99, "pvn kods" },
};

static const struct header_def headers[] = {
        { "nosaukums", COL_DESC }, { "apraksts", COL_DESC }, { "prece", COL_DESC },
        { "preces", COL_DESC }, { "pakalpojums", COL_DESC }, { "produkts", COL_DESC },
        { "daudzums", COL_QTY }, { "daudz", COL_QTY }, { "skaits", COL_QTY }, { "cena", COL_UNIT },
        { "summa", COL_AMOUNT }, { "vertiba", COL_AMOUNT }, { "pvn", COL_OTHER },
        { "mervieniba", COL_OTHER }, { "mv", COL_OTHER }, { "atlaide", COL_OTHER },
        { "kods", COL_OTHER },
};

static const char *const legal_after[] = {
        "SIA", "AS", "IK", NULL,
};
static const char *const legal_before[] = {
        "SIA", "AS", "IK", "PS", "KS", NULL,
};
static const char *const days[] = {
        "dienas", "dienu", "dienam", NULL,
};
static const char *const terms[] = {
        "laika", "termins", "apmaksa", "apmaksat", NULL,
};

const struct lang_vocab lang_lv =
        LANG_VOCAB("lv", labels, headers, legal_after, legal_before, days, terms);
