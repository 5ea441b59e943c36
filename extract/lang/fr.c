/* fr.c: French (France, Belgium, Luxembourg; Swiss usage is in ch.c) */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "facture no" }, { LK_INVNO, 75, "no de document" },
        { LK_INVNO, 95, "no de facture" }, { LK_INVNO, 95, "no de la facture" },
        { LK_INVNO, 70, "facture" }, { LK_INVNO, 85, "avoir no" },
        /* a credit note's title, its number beside it ("Avoir AV-2017-0005") */
        { LK_INVNO, 70, "avoir" },
        /* a shop's receipt: "Ticket n° :", "N° de ticket", "Reçu n°" */
        { LK_INVNO, 60, "ticket" }, { LK_INVNO, 85, "ticket no" }, { LK_INVNO, 85, "no de ticket" },
        { LK_INVNO, 85, "no ticket" }, { LK_INVNO, 60, "ticket de caisse" },
        { LK_INVNO, 85, "ticket de caisse no" }, { LK_INVNO, 60, "recu" }, { LK_INVNO, 85, "recu no" },
        { LK_INVNO, 85, "no de recu" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "date de facture" }, { LK_DATE, 95, "date de la facture" },
        { LK_DATE, 95, "date facture" }, { LK_DATE, 85, "date d'emission" },
        { LK_DATE, 85, "facture du" }, { LK_DATE, 40, "date de livraison" },
        { LK_DATE, 40, "date de commande" }, { LK_DATE, 40, "date d'expedition" },
        /* due dates */
        { LK_DUE, 90, "echeance" }, { LK_DUE, 90, "date d'echeance" },
        { LK_DUE, 90, "date limite de paiement" }, { LK_DUE, 90, "a payer avant le" },
        { LK_DUE, 92, "date d'echeance" },
        /* totals */
        { LK_TOTAL, 80, "total facture" }, { LK_TOTAL, 92, "total ttc" },
        { LK_TOTAL, 92, "montant ttc" }, { LK_TOTAL, 93, "net a payer" },
        { LK_TOTAL, 93, "somme a payer" }, { LK_TOTAL, 90, "montant total" },
        { LK_TOTAL, 90, "total a payer" }, { LK_TOTAL, 90, "montant du" },
        { LK_TOTAL, 90, "montant a regler" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "total ht" }, { LK_SUBTOTAL, 88, "montant ht" },
        { LK_SUBTOTAL, 85, "sous-total" }, { LK_SUBTOTAL, 85, "sous total" },
        { LK_SUBTOTAL, 88, "montant hors tva" }, { LK_SUBTOTAL, 88, "total hors tva" },
        { LK_SUBTOTAL, 85, "hors tva" }, { LK_SUBTOTAL, 85, "htva" },
        { LK_SUBTOTAL, 88, "total hors taxes" }, { LK_SUBTOTAL, 88, "montant hors taxes" },
        /* tax */
        { LK_TAX, 85, "tva" }, { LK_TAX, 88, "montant tva" },
        { LK_TAX, 88, "total taxes" }, { LK_TAX, 88, "total tva" },
        { LK_TAX, 88, "total des taxes" }, { LK_TAX, 88, "montant des taxes" },
        { LK_TAX, 88, "total de la tva" }, { LK_TAX, 88, "montant de la tva" },
        /* purchase orders */
        { LK_PO, 90, "bon de commande" }, { LK_PO, 80, "votre reference" },
        { LK_PO, 80, "commande" }, { LK_PO, 80, "no de commande" },
        { LK_PO, 90, "votre commande" }, { LK_PO, 90, "votre commande no" },
        { LK_PO, 88, "reference commande" }, { LK_PO, 88, "ref commande" },
        { LK_PO, 85, "commande client" }, { LK_PO, 90, "votre bon de commande" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "facture a" }, { LK_CUSTOMER, 85, "adresse de facturation" },
        { LK_CUSTOMER, 80, "nom de l'abonne" }, { LK_CUSTOMER, 85, "adresse de livraison" },
        { LK_CUSTOMER, 85, "livrer a" },
        /* the seller */
        { LK_SELLER, 85, "vendeur" }, { LK_SELLER, 85, "fournisseur" },
        /* the payee of a transfer */
        { LK_PAYEE, 80, "titulaire du compte" }, { LK_PAYEE, 80, "titulaire" },
        /* payment terms */
        { LK_TERMS, 85, "conditions de paiement" }, { LK_TERMS, 85, "delai de paiement" },
        /* currency */
        { LK_CURRENCY, 90, "devise" },
        /* a table's sum carried between pages */
        { LK_CARRIED, 95, "a reporter" }, { LK_CARRIED, 95, "report de la page" },
        /* amounts that are no total: a till's cash and change, a card, what was paid before */
        { LK_NOTTOTAL, 85, "especes", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "montant recu", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "rendu", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "monnaie rendue", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "rendu monnaie", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "arrondi", .till = TILL_ROUNDING },
        { LK_NOTTOTAL, 80, "carte bancaire" },
        { LK_NOTTOTAL, 85, "deja paye" },
        { LK_NOTTOTAL, 85, "acompte" }, { LK_NOTTOTAL, 85, "acompte verse" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "tva no" }, { LK_IGNORE, 99, "tva intracommunautaire" },
        { LK_IGNORE, 99, "no de tva" },
};

static const struct header_def headers[] = {
        { "article", COL_DESC }, { "designation", COL_DESC }, { "libelle", COL_DESC },
        { "qte", COL_QTY }, { "quantite", COL_QTY }, { "nombre", COL_QTY }, { "prix", COL_UNIT },
        { "pu", COL_UNIT }, { "p.u", COL_UNIT }, { "montant", COL_AMOUNT }, { "tva", COL_OTHER },
};

static const char *const legal_after[] = {
        "sarl", "sas", "sa", "eurl", "sasu", "snc", "sprl", "scs", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "jours", NULL,
};
static const char *const terms[] = {
        "a", "paiement", "reglement", "net", NULL,
};

const struct lang_vocab lang_fr =
        LANG_VOCAB("fr", labels, headers, legal_after, legal_before, days, terms);
