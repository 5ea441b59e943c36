/* de.c: German (Germany, Austria; Swiss usage is in ch.c) */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "rechnungsnr" }, { LK_INVNO, 95, "rechnungsnummer" },
        { LK_INVNO, 95, "rechnung no" }, { LK_INVNO, 70, "rechnung" }, { LK_INVNO, 95, "re-nr" },
        { LK_INVNO, 95, "rechnungs-nr" }, { LK_INVNO, 95, "rechnungs no" },
        { LK_INVNO, 95, "rechnungs-nummer" }, { LK_INVNO, 90, "rg-nr" },
        { LK_INVNO, 80, "beleg-nr" }, { LK_INVNO, 80, "belegnr" }, { LK_INVNO, 80, "belegnummer" },
        { LK_INVNO, 95, "re-nummer" }, { LK_INVNO, 90, "rechnungs-id" },
        { LK_INVNO, 85, "gutschrift no" }, { LK_INVNO, 70, "gutschrift" },
        /* the kinds of invoice a title names ("Handelsrechnung Nr. TX-471102") */
        { LK_INVNO, 95, "handelsrechnung no" }, { LK_INVNO, 95, "baurechnung no" },
        { LK_INVNO, 95, "teilrechnung no" }, { LK_INVNO, 95, "schlussrechnung no" },
        { LK_INVNO, 95, "abschlagsrechnung no" }, { LK_INVNO, 95, "korrekturrechnung no" },
        { LK_INVNO, 95, "stornorechnung no" }, { LK_INVNO, 95, "sammelrechnung no" },
        { LK_INVNO, 90, "proformarechnung no" }, { LK_INVNO, 95, "mietrechnung no" },
        { LK_INVNO, 95, "monatsrechnung no" }, { LK_INVNO, 95, "jahresrechnung no" },
        { LK_INVNO, 95, "endrechnung no" }, { LK_INVNO, 95, "zwischenrechnung no" },
        { LK_INVNO, 95, "einzelrechnung no" }, { LK_INVNO, 95, "servicerechnung no" },
        { LK_INVNO, 95, "reparaturrechnung no" }, { LK_INVNO, 95, "honorarrechnung no" },
        { LK_INVNO, 95, "dienstleistungsrechnung no" },
        /* a shop's receipt: "Bon-Nr.", "Kassenbon Nr.", "Quittung Nr." */
        { LK_INVNO, 85, "bon no" }, { LK_INVNO, 85, "bon-nr" }, { LK_INVNO, 85, "bonnummer" },
        { LK_INVNO, 60, "kassenbon" }, { LK_INVNO, 85, "kassenbon no" }, { LK_INVNO, 80, "beleg no" },
        { LK_INVNO, 60, "quittung" }, { LK_INVNO, 85, "quittung no" }, { LK_INVNO, 85, "quittungsnummer" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "rechnungsdatum" }, { LK_DATE, 70, "datum" },
        { LK_DATE, 85, "ausstellungsdatum" }, { LK_DATE, 70, "belegdatum" },
        { LK_DATE, 85, "rechnung vom" }, { LK_DATE, 40, "lieferdatum" },
        { LK_DATE, 40, "leistungsdatum" }, { LK_DATE, 40, "bestelldatum" },
        { LK_DATE, 40, "auftragsdatum" },
        /* due dates */
        { LK_DUE, 90, "faellig" }, { LK_DUE, 90, "fallig" }, { LK_DUE, 90, "faellig am" },
        { LK_DUE, 90, "fallig am" }, { LK_DUE, 90, "zahlbar bis" }, { LK_DUE, 85, "zahlungsziel" },
        { LK_DUE, 92, "falligkeitsdatum" }, { LK_DUE, 92, "faelligkeitsdatum" },
        { LK_DUE, 90, "falligkeit" },
        /* totals */
        { LK_TOTAL, 92, "gesamtbetrag" }, { LK_TOTAL, 92, "rechnungsbetrag" },
        { LK_TOTAL, 92, "endbetrag" }, { LK_TOTAL, 85, "gesamtsumme" }, { LK_TOTAL, 80, "gesamt" },
        { LK_TOTAL, 85, "summe" }, { LK_TOTAL, 90, "zu zahlen" }, { LK_TOTAL, 90, "zahlbetrag" },
        { LK_TOTAL, 88, "bruttobetrag" }, { LK_TOTAL, 90, "rechnungssumme" },
        { LK_TOTAL, 90, "endsumme" }, { LK_TOTAL, 88, "endpreis brutto" },
        { LK_TOTAL, 85, "endpreis" }, { LK_TOTAL, 88, "bruttosumme" },
        { LK_TOTAL, 90, "gesamtbruttobetrag" }, { LK_TOTAL, 90, "gesamtbetrag brutto" },
        { LK_TOTAL, 92, "rechnungsbetrag brutto" }, { LK_TOTAL, 90, "rechnungssumme brutto" },
        /* EN 16931 (BT-112, BT-115) */
        { LK_TOTAL, 92, "gesamtbetrag einschliesslich umsatzsteuer" },
        { LK_TOTAL, 92, "rechnungsgesamtbetrag einschliesslich umsatzsteuer" },
        { LK_TOTAL, 92, "falliger zahlungsbetrag" }, { LK_TOTAL, 92, "faelliger zahlungsbetrag" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "zwischensumme" }, { LK_SUBTOTAL, 90, "nettobetrag" },
        { LK_SUBTOTAL, 85, "netto" }, { LK_SUBTOTAL, 85, "summe netto" },
        { LK_SUBTOTAL, 85, "gesamt netto" }, { LK_SUBTOTAL, 88, "gesamtsumme ohne ust" },
        { LK_SUBTOTAL, 85, "summe ohne mwst" }, { LK_SUBTOTAL, 90, "rechnungssumme ohne ust" },
        { LK_SUBTOTAL, 90, "rechnungssumme ohne mwst" }, { LK_SUBTOTAL, 90, "rechnungssumme netto" },
        { LK_SUBTOTAL, 88, "nettosumme" }, { LK_SUBTOTAL, 88, "summe ohne ust" },
        { LK_SUBTOTAL, 88, "gesamtbetrag netto" }, { LK_SUBTOTAL, 88, "gesamtbetrag ohne ust" },
        { LK_SUBTOTAL, 88, "gesamtbetrag ohne mwst" }, { LK_SUBTOTAL, 85, "nettowarenwert" },
        { LK_SUBTOTAL, 75, "positionssumme" },
        /* EN 16931's names of the document totals (BT-106, BT-109) */
        { LK_SUBTOTAL, 90, "gesamtbetrag ohne umsatzsteuer" },
        { LK_SUBTOTAL, 92, "rechnungsgesamtbetrag ohne umsatzsteuer" },
        { LK_SUBTOTAL, 88, "gesamtsumme ohne umsatzsteuer" },
        { LK_SUBTOTAL, 88, "summe ohne umsatzsteuer" },
        { LK_SUBTOTAL, 75, "summe der nettobetrage aller rechnungspositionen" },
        /* tax */
        { LK_TAX, 85, "mwst" }, { LK_TAX, 85, "ust" }, { LK_TAX, 88, "umsatzsteuer" },
        { LK_TAX, 88, "mehrwertsteuer" }, { LK_TAX, 88, "ust-betrag" },
        { LK_TAX, 88, "mwst-betrag" }, { LK_TAX, 88, "mwst betrag" },
        { LK_TAX, 88, "steuerbetrag" }, { LK_TAX, 88, "umsatzsteuerbetrag" },
        { LK_TAX, 88, "mehrwertsteuerbetrag" }, { LK_TAX, 88, "summe ust" },
        { LK_TAX, 88, "summe mwst" }, { LK_TAX, 88, "gesamtbetrag ust" },
        { LK_TAX, 92, "gesamtbetrag der umsatzsteuer" },
        { LK_TAX, 92, "gesamtbetrag der rechnungsumsatzsteuer" },
        { LK_TAX, 90, "gesamtbetrag umsatzsteuer" }, { LK_TAX, 88, "summe umsatzsteuer" },
        /* amounts that are no total: charges, allowances, payments made */
        { LK_NOTTOTAL, 95, "gesamtbetrag der zuschlage" },
        { LK_NOTTOTAL, 95, "gesamtbetrag der abschlage" }, { LK_NOTTOTAL, 90, "summe zuschlage" },
        { LK_NOTTOTAL, 90, "summe abschlage" }, { LK_NOTTOTAL, 90, "erhaltene anzahlungen" },
        { LK_NOTTOTAL, 85, "anzahlung" }, { LK_NOTTOTAL, 85, "bereits gezahlt" },
        /* EN 16931 (BT-107, BT-108, BT-113, BT-114) */
        { LK_NOTTOTAL, 95, "summe der nachlasse auf dokumentenebene" },
        { LK_NOTTOTAL, 95, "summe der zuschlage auf dokumentenebene" },
        { LK_NOTTOTAL, 90, "summe der nachlasse" }, { LK_NOTTOTAL, 90, "summe der zuschlage" },
        { LK_NOTTOTAL, 90, "vorauszahlungsbetrag" }, { LK_NOTTOTAL, 88, "vorauszahlung" },
        { LK_NOTTOTAL, 88, "gezahlter betrag" }, { LK_NOTTOTAL, 88, "rundungsbetrag" },
        /* purchase orders */
        { LK_PO, 90, "bestellnummer" }, { LK_PO, 85, "bestellung" }, { LK_PO, 85, "bestell-nr" },
        { LK_PO, 90, "ihre bestellung" }, { LK_PO, 92, "ihre bestellnummer" },
        { LK_PO, 90, "ihre bestell-nr" }, { LK_PO, 90, "bestellnr" },
        { LK_PO, 90, "bestell-nummer" }, { LK_PO, 90, "bestellung no" },
        { LK_PO, 90, "ihre bestellung no" }, { LK_PO, 85, "auftrags-nr" },
        { LK_PO, 80, "auftragsnummer" }, { LK_PO, 85, "ihr auftrag" },
        { LK_PO, 85, "ihre auftragsnummer" },
        /* the customer's block */
        { LK_CUSTOMER, 85, "rechnungsadresse" }, { LK_CUSTOMER, 85, "lieferadresse" },
        { LK_CUSTOMER, 85, "kunde" }, { LK_CUSTOMER, 85, "empfanger" },
        { LK_CUSTOMER, 85, "rechnung an" }, { LK_CUSTOMER, 85, "lieferung an" },
        { LK_CUSTOMER, 85, "lieferanschrift" }, { LK_CUSTOMER, 85, "geliefert an" },
        /* the seller */
        { LK_SELLER, 85, "verkaufer" }, { LK_SELLER, 85, "lieferant" },
        /* the payee of a transfer */
        { LK_PAYEE, 80, "kontoinhaber" },
        /* payment terms */
        { LK_TERMS, 85, "zahlungsbedingungen" }, { LK_TERMS, 85, "zahlungsfrist" },
        /* currency */
        { LK_CURRENCY, 90, "wahrung" },
        /* a table's sum carried between pages */
        { LK_CARRIED, 95, "ubertrag" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "ust-idnr" }, { LK_IGNORE, 99, "ustid" }, { LK_IGNORE, 99, "ust-id" },
        { LK_IGNORE, 99, "ust id" }, { LK_IGNORE, 99, "steuer-nr" },
        { LK_IGNORE, 99, "steuernummer" }, { LK_IGNORE, 99, "mwst no" },
        { LK_IGNORE, 99, "mwst-nr" }, { LK_IGNORE, 99, "mwst-nummer" },
        { LK_IGNORE, 99, "kundennr" }, { LK_IGNORE, 99, "kunden-nr" },
        { LK_IGNORE, 99, "kundennummer" }, { LK_IGNORE, 99, "kd.-nr" }, { LK_IGNORE, 99, "kd-nr" },
        /* a till's cash and change, a card */
        { LK_NOTTOTAL, 85, "gegeben", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "bar gegeben", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "ruckgeld", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "wechselgeld", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "zuruck", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "rundung", .till = TILL_ROUNDING }, { LK_NOTTOTAL, 80, "ec-karte" },
        { LK_NOTTOTAL, 80, "kartenzahlung" },
};

static const struct header_def headers[] = {
        { "beschreibung", COL_DESC }, { "bezeichnung", COL_DESC }, { "artikel", COL_DESC },
        { "leistung", COL_DESC }, { "menge", COL_QTY }, { "anzahl", COL_QTY },
        { "einzelpreis", COL_UNIT }, { "preis", COL_UNIT }, { "vk-preis", COL_UNIT },
        { "e-preis", COL_UNIT }, { "betrag", COL_AMOUNT }, { "gesamtpreis", COL_AMOUNT },
        { "zeilenbetrag", COL_AMOUNT }, { "gesamt", COL_AMOUNT }, { "summe", COL_AMOUNT },
        { "rabatt", COL_OTHER }, { "mwst", COL_OTHER },
        /* EN 16931's renderings (the AWV stylesheet): "Pos | Beschreibung |
         * Nettopreis | Menge | Steuer | Entgelt" */
        { "nettopreis", COL_UNIT }, { "bruttopreis", COL_UNIT }, { "stuckpreis", COL_UNIT },
        { "entgelt", COL_AMOUNT }, { "nettobetrag", COL_AMOUNT },
        { "steuer", COL_OTHER }, { "ust", COL_OTHER }, { "steuersatz", COL_OTHER },
        { "einheit", COL_OTHER },
};

static const char *const legal_after[] = {
        "gmbh", "ag", "kg", "ug", "ohg", "ek", "gbr", "kgaa", "eg", "gesmbh", NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "tage", "tagen", NULL,
};
static const char *const terms[] = {
        "netto", "innerhalb", "zahlbar", "zahlungsziel", NULL,
};

const struct lang_vocab lang_de =
        LANG_VOCAB("de", labels, headers, legal_after, legal_before, days, terms);
