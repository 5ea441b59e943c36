/* el.c: Greek (folded: lower case, no accents, σ for ς): τιμολόγιο, απόδειξη, ΦΠΑ, Α.Ε. */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 75, "τιμολογιο" },
        { LK_INVNO, 95, "τιμολογιο no" }, { LK_INVNO, 95, "no τιμολογιου" },
        { LK_INVNO, 80, "τιμολογιο παροχησ υπηρεσιων" },
        { LK_INVNO, 80, "τιμολογιο πωλησησ" },
        { LK_INVNO, 60, "αποδειξη" }, { LK_INVNO, 75, "αποδειξη λιανικησ" },
        { LK_INVNO, 85, "no αποδειξησ" },
        { LK_INVNO, 70, "πιστωτικο τιμολογιο" },
        { LK_INVNO, 85, "no παραστατικου" },
        /* a shop's receipt: "Απόδειξη αρ." */
        { LK_INVNO, 85, "αποδειξη no" }, { LK_INVNO, 85, "αποδειξη λιανικησ no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 70, "ημερομηνια" }, { LK_DATE, 95, "ημερομηνια εκδοσησ" },
        { LK_DATE, 70, "ημ/νια" }, { LK_DATE, 95, "ημερομηνια τιμολογιου" },
        { LK_DATE, 90, "ημ/νια εκδοσησ" },
        /* due dates */
        { LK_DUE, 90, "ημερομηνια ληξησ" }, { LK_DUE, 85, "ληξη" },
        { LK_DUE, 90, "προθεσμια πληρωμησ" },
        { LK_DUE, 50, "ημερομηνια πληρωμησ" },
        { LK_DUE, 90, "πληρωτεο εωσ" }, { LK_DUE, 90, "ημ/νια ληξησ" },
        /* totals */
        { LK_TOTAL, 80, "συνολο" }, { LK_TOTAL, 92, "γενικο συνολο" },
        { LK_TOTAL, 93, "πληρωτεο ποσο" }, { LK_TOTAL, 90, "συνολικο ποσο" },
        { LK_TOTAL, 90, "τελικο ποσο" }, { LK_TOTAL, 92, "συνολο πληρωμησ" },
        { LK_TOTAL, 88, "πληρωτεο" }, { LK_TOTAL, 88, "συνολικη αξια" },
        { LK_TOTAL, 85, "συνολο ευρω" }, { LK_TOTAL, 92, "τελικη αξια" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "καθαρη αξια" }, { LK_SUBTOTAL, 90, "υποσυνολο" },
        { LK_SUBTOTAL, 88, "αξια προ φπα" },
        { LK_SUBTOTAL, 88, "συνολο χωρισ φπα" },
        { LK_SUBTOTAL, 88, "καθαρο ποσο" },
        { LK_SUBTOTAL, 88, "συνολο καθαρησ αξιασ" },
        /* tax */
        { LK_TAX, 85, "φπα" }, { LK_TAX, 88, "ποσο φπα" }, { LK_TAX, 88, "αξια φπα" },
        { LK_TAX, 88, "συνολο φπα" },
        /* purchase orders */
        { LK_PO, 95, "no παραγγελιασ" },
        { LK_PO, 80, "παραγγελια" }, { LK_PO, 90, "εντολη αγορασ" },
        { LK_PO, 88, "η παραγγελια σασ" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "πελατησ" }, { LK_CUSTOMER, 85, "αγοραστησ" },
        { LK_CUSTOMER, 85, "παραληπτησ" }, { LK_CUSTOMER, 85, "στοιχεια πελατη" },
        { LK_CUSTOMER, 80, "προσ" },
        /* the seller */
        { LK_SELLER, 85, "προμηθευτησ" }, { LK_SELLER, 85, "πωλητησ" },
        { LK_SELLER, 85, "εκδοτησ" },
        /* payment terms */
        { LK_TERMS, 85, "οροι πληρωμησ" }, { LK_TERMS, 80, "τροποσ πληρωμησ" },
        /* currency */
        { LK_CURRENCY, 90, "νομισμα" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 85, "μετρητα", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "ρεστα", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 80, "εκπτωση" }, { LK_NOTTOTAL, 80, "ποσοτητα" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "αφμ" }, { LK_IGNORE, 99, "δου" }, { LK_IGNORE, 99, "κωδ πελατη" },
        { LK_IGNORE, 99, "κωδικοσ πελατη" }, { LK_IGNORE, 99, "no γεμη" },
        { LK_IGNORE, 99, "γεμη" }, { LK_IGNORE, 99, "συντελεστησ φπα" },
};

static const struct header_def headers[] = {
        { "περιγραφη", COL_DESC }, { "ειδοσ", COL_DESC }, { "υπηρεσια", COL_DESC },
        { "ποσοτητα", COL_QTY }, { "ποσ", COL_QTY }, { "τιμη", COL_UNIT }, { "αξια", COL_AMOUNT },
        { "ποσο", COL_AMOUNT }, { "συνολο", COL_AMOUNT }, { "φπα", COL_OTHER },
        { "μοναδα", COL_OTHER }, { "κωδικοσ", COL_OTHER }, { "εκπτωση", COL_OTHER },
        { "μμ", COL_OTHER },
};

static const char *const legal_after[] = {
        "αε", "επε", "ικε", "οε", "εε", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "ημερεσ", "ημερων", NULL,
};
static const char *const terms[] = {
        "εντοσ", "πληρωμη", "πληρωμησ", NULL,
};

const struct lang_vocab lang_el =
        LANG_VOCAB("el", labels, headers, legal_after, legal_before, days, terms);
