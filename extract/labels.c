/* labels.c: label vocabularies in English, German, French, Dutch and
 * Spanish, matched on normalised tokens, and reading the value beside one. */
#include "extract/extract-int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Folds UTF-8 to lowercase ASCII where Latin letters have an obvious base
 * ("É" -> "e", "ß" -> "ss", "°"/"º" -> "o"); other bytes pass through. */
char *extract_fold(const char *s)
{
        static const char lat1[64] = /* U+00C0..U+00FF folded; 0: drop */
                "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
                "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";
        size_t n = strlen(s);
        char *out = bf_xmalloc(2 * n + 1), *o = out;
        const unsigned char *p = (const unsigned char *)s;
        while (*p) {
                if (*p < 0x80) {
                        *o++ = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
                        p++;
                } else if ((p[0] == 0xc3) && p[1] >= 0x80 && p[1] <= 0xbf) {
                        char c = lat1[p[1] - 0x80];
                        if (p[1] == 0x9f) {
                                *o++ = 's';
                                *o++ = 's';
                        } else if (c)
                                *o++ = c;
                        p += 2;
                } else if (p[0] == 0xc2 && (p[1] == 0xb0 || p[1] == 0xba)) {
                        *o++ = 'o';
                        p += 2;
                } else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] >= 0x90 && p[2] <= 0x95)) {
                        *o++ = '-';     /* dashes */
                        p += 3;
                } else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
                        *o++ = '\'';
                        p += 3;
                } else if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0x9c && p[2] <= 0x9e) {
                        *o++ = '"';     /* curly double quotes, often OCR specks */
                        p += 3;
                } else {
                        *o++ = (char)*p++;
                }
        }
        *o = 0;
        return out;
}

bool extract_has_digit(const char *s)
{
        for (; *s; s++)
                if (*s >= '0' && *s <= '9')
                        return true;
        return false;
}

bool extract_is_filler(const struct xtok *t)
{
        const char *n = t->norm;
        return n[0] == 0 || strcmp(t->canon, "no") == 0 || strcmp(n, "-") == 0 ||
               strcmp(n, "=") == 0 || strcmp(n, ":") == 0 || strcmp(n, "of") == 0 ||
               strcmp(n, "de") == 0 || strcmp(n, "du") == 0 || strcmp(n, "le") == 0;
}

/* ------------------------------------------------------------ vocabulary */

struct label_def {
        enum xlabel_kind kind;
        int strength;
        const char *words;      /* canonical tokens, space-separated */
};

static const struct label_def labels[] = {
        /* invoice numbers ("no" stands for number, nr, #, n°, ...) */
        { LK_INVNO, 95, "invoice no" }, { LK_INVNO, 90, "inv no" },
        { LK_INVNO, 95, "tax invoice no" }, { LK_INVNO, 90, "bill no" },
        { LK_INVNO, 85, "receipt no" }, { LK_INVNO, 85, "invoice id" },
        { LK_INVNO, 75, "invoice" }, { LK_INVNO, 60, "invoice ref" },
        { LK_INVNO, 95, "rechnungsnr" }, { LK_INVNO, 95, "rechnungsnummer" },
        { LK_INVNO, 95, "rechnung no" }, { LK_INVNO, 70, "rechnung" },
        { LK_INVNO, 95, "re-nr" }, { LK_INVNO, 95, "facture no" },
        { LK_INVNO, 95, "rechnungs-nr" }, { LK_INVNO, 95, "rechnungs no" },
        { LK_INVNO, 95, "rechnungs-nummer" }, { LK_INVNO, 90, "rg-nr" },
        { LK_INVNO, 80, "beleg-nr" }, { LK_INVNO, 80, "belegnr" }, { LK_INVNO, 80, "belegnummer" },
        { LK_INVNO, 95, "factuurnr" }, { LK_INVNO, 95, "factuur-nr" },
        { LK_INVNO, 95, "faktuurnummer" }, { LK_INVNO, 90, "notanummer" },
        { LK_INVNO, 95, "re-nummer" }, { LK_INVNO, 90, "rechnungs-id" },
        { LK_INVNO, 75, "no de document" },
        { LK_INVNO, 95, "no de facture" }, { LK_INVNO, 95, "no de la facture" },
        { LK_INVNO, 70, "facture" },
        { LK_INVNO, 95, "factuurnummer" }, { LK_INVNO, 95, "factuur no" },
        { LK_INVNO, 70, "factuur" }, { LK_INVNO, 95, "no de factura" },
        { LK_INVNO, 95, "factura no" }, { LK_INVNO, 70, "factura" },
        { LK_INVNO, 60, "booking id" }, { LK_INVNO, 60, "document no" },
        { LK_INVNO, 60, "doc no" }, { LK_INVNO, 60, "receipt" }, { LK_INVNO, 50, "bill" },
        { LK_INVNO, 55, "ref no" }, { LK_INVNO, 85, "credit note no" },
        { LK_INVNO, 85, "gutschrift no" }, { LK_INVNO, 85, "avoir no" },
        { LK_INVNO, 70, "credit note" },
        /* invoice dates */
        { LK_DATE, 95, "invoice date" }, { LK_DATE, 90, "date of invoice" },
        { LK_DATE, 90, "date of issue" }, { LK_DATE, 90, "issue date" },
        { LK_DATE, 90, "date issued" }, { LK_DATE, 85, "issued on" },
        { LK_DATE, 85, "issued" }, { LK_DATE, 70, "date" }, { LK_DATE, 90, "billing date" },
        { LK_DATE, 95, "rechnungsdatum" }, { LK_DATE, 70, "datum" },
        { LK_DATE, 85, "ausstellungsdatum" }, { LK_DATE, 70, "belegdatum" },
        { LK_DATE, 95, "date de facture" }, { LK_DATE, 95, "date de la facture" },
        { LK_DATE, 95, "date facture" }, { LK_DATE, 85, "date d'emission" },
        { LK_DATE, 95, "factuurdatum" }, { LK_DATE, 95, "fecha de factura" },
        { LK_DATE, 95, "fecha de emision" }, { LK_DATE, 70, "fecha" },
        { LK_DATE, 55, "order date" }, { LK_DATE, 50, "date of sale" },
        { LK_DATE, 50, "payment date" }, { LK_DATE, 55, "tax point" },
        { LK_DATE, 45, "date paid" }, { LK_DATE, 60, "receipt date" },
        { LK_DATE, 65, "trans date" }, { LK_DATE, 65, "transaction date" },
        { LK_DATE, 60, "tarikh" }, { LK_DATE, 85, "facture du" }, { LK_DATE, 85, "factuur van" },
        { LK_DATE, 85, "rechnung vom" }, { LK_DATE, 85, "factura del" },
        /* dates of something else: the invoice date only when nothing
         * better is printed */
        { LK_DATE, 40, "delivery date" }, { LK_DATE, 40, "date of delivery" },
        { LK_DATE, 40, "ship date" }, { LK_DATE, 40, "shipping date" },
        { LK_DATE, 40, "dispatch date" }, { LK_DATE, 40, "service date" },
        { LK_DATE, 40, "lieferdatum" }, { LK_DATE, 40, "leistungsdatum" },
        { LK_DATE, 40, "bestelldatum" }, { LK_DATE, 40, "auftragsdatum" },
        { LK_DATE, 40, "date de livraison" }, { LK_DATE, 40, "date de commande" },
        { LK_DATE, 40, "date d'expedition" }, { LK_DATE, 40, "leverdatum" },
        { LK_DATE, 40, "besteldatum" }, { LK_DATE, 40, "orderdatum" },
        { LK_DATE, 40, "fecha de entrega" }, { LK_DATE, 40, "fecha de pedido" },
        { LK_DATE, 40, "fecha de envio" },
        /* due dates */
        { LK_DUE, 95, "due date" }, { LK_DUE, 90, "date due" }, { LK_DUE, 90, "payment due" },
        { LK_DUE, 85, "due" }, { LK_DUE, 90, "pay by" }, { LK_DUE, 90, "payable by" },
        { LK_DUE, 85, "due on" }, { LK_DUE, 90, "faellig" }, { LK_DUE, 90, "fallig" },
        { LK_DUE, 90, "faellig am" }, { LK_DUE, 90, "fallig am" },
        { LK_DUE, 90, "zahlbar bis" }, { LK_DUE, 85, "zahlungsziel" },
        { LK_DUE, 90, "echeance" }, { LK_DUE, 90, "date d'echeance" },
        { LK_DUE, 90, "date limite de paiement" }, { LK_DUE, 90, "a payer avant le" },
        { LK_DUE, 90, "vervaldatum" }, { LK_DUE, 90, "vervaldag" },
        { LK_DUE, 90, "vencimiento" }, { LK_DUE, 90, "fecha de vencimiento" },
        { LK_DUE, 85, "payment due date" },
        { LK_DUE, 92, "falligkeitsdatum" }, { LK_DUE, 92, "faelligkeitsdatum" },
        { LK_DUE, 90, "falligkeit" }, { LK_DUE, 92, "date d'echeance" },
        { LK_DUE, 90, "payable before" }, { LK_DUE, 90, "te betalen voor" },
        { LK_DUE, 85, "payment before" }, { LK_DUE, 85, "pay before" },
        { LK_DUE, 85, "niet later dan" },
        { LK_DUE, 90, "uiterste betaaldatum" }, { LK_DUE, 90, "betalen voor" },
        /* totals */
        { LK_TOTAL, 70, "total" }, { LK_TOTAL, 90, "grand total" }, { LK_TOTAL, 90, "final total" },
        { LK_TOTAL, 92, "total due" }, { LK_TOTAL, 93, "amount due" },
        { LK_TOTAL, 93, "balance due" }, { LK_TOTAL, 92, "total amount due" },
        { LK_TOTAL, 88, "total amount" }, { LK_TOTAL, 90, "invoice total" },
        { LK_TOTAL, 90, "invoice amount" }, { LK_TOTAL, 90, "amount payable" },
        { LK_TOTAL, 90, "total payable" }, { LK_TOTAL, 88, "total paid" },
        { LK_TOTAL, 88, "total amount paid" }, { LK_TOTAL, 85, "amount paid" },
        { LK_TOTAL, 85, "total at checkout" }, { LK_TOTAL, 88, "total to pay" },
        { LK_TOTAL, 88, "total incl vat" }, { LK_TOTAL, 88, "total inc vat" },
        { LK_TOTAL, 88, "total including vat" }, { LK_TOTAL, 88, "total incl tax" },
        { LK_TOTAL, 88, "total incl gst" }, { LK_TOTAL, 88, "total inclusive gst" },
        { LK_TOTAL, 88, "total including gst" }, { LK_TOTAL, 88, "total inc gst" },
        { LK_TOTAL, 90, "rounded total" }, { LK_TOTAL, 88, "total rounded" },
        { LK_TOTAL, 86, "nett total" }, { LK_TOTAL, 80, "net total" },
        { LK_TOTAL, 84, "total sales" }, { LK_TOTAL, 80, "total rm" },
        { LK_TOTAL, 75, "total eur" }, { LK_TOTAL, 75, "total usd" },
        { LK_TOTAL, 80, "total facture" }, { LK_TOTAL, 92, "gesamtbetrag" },
        { LK_TOTAL, 92, "rechnungsbetrag" }, { LK_TOTAL, 92, "endbetrag" },
        { LK_TOTAL, 85, "gesamtsumme" }, { LK_TOTAL, 80, "gesamt" },
        { LK_TOTAL, 85, "summe" }, { LK_TOTAL, 90, "zu zahlen" },
        { LK_TOTAL, 90, "zahlbetrag" }, { LK_TOTAL, 88, "bruttobetrag" },
        { LK_TOTAL, 92, "total ttc" }, { LK_TOTAL, 92, "montant ttc" },
        { LK_TOTAL, 93, "net a payer" }, { LK_TOTAL, 93, "somme a payer" },
        { LK_TOTAL, 90, "montant total" }, { LK_TOTAL, 90, "total a payer" },
        { LK_TOTAL, 88, "totaal" }, { LK_TOTAL, 92, "te betalen" },
        { LK_TOTAL, 90, "totaalbedrag" }, { LK_TOTAL, 90, "totaal incl btw" },
        { LK_TOTAL, 92, "importe total" }, { LK_TOTAL, 92, "total a pagar" },
        { LK_TOTAL, 85, "total factura" }, { LK_TOTAL, 80, "jumlah" },
        { LK_TOTAL, 84, "total amount payable" }, { LK_TOTAL, 86, "total (rm)" },
        { LK_TOTAL, 90, "rechnungssumme" }, { LK_TOTAL, 90, "endsumme" },
        { LK_TOTAL, 88, "endpreis brutto" }, { LK_TOTAL, 85, "endpreis" },
        { LK_TOTAL, 90, "montant du" }, { LK_TOTAL, 90, "montant a regler" },
        { LK_TOTAL, 88, "totaal factuur" }, { LK_TOTAL, 88, "bedrag incl btw" },
        { LK_TOTAL, 90, "factuurbedrag" }, { LK_TOTAL, 90, "bedrag te voldoen" },
        { LK_TOTAL, 88, "te voldoen" }, { LK_TOTAL, 90, "eindtotaal" },
        { LK_TOTAL, 88, "total to be paid" }, { LK_TOTAL, 88, "amount to be paid" },
        { LK_TOTAL, 85, "payment amount" },
        /* subtotals */
        { LK_SUBTOTAL, 90, "subtotal" }, { LK_SUBTOTAL, 90, "sub total" },
        { LK_SUBTOTAL, 90, "sub-total" }, { LK_SUBTOTAL, 85, "net amount" },
        { LK_SUBTOTAL, 85, "total net" }, { LK_SUBTOTAL, 88, "total ex tax" },
        { LK_SUBTOTAL, 88, "total excl tax" }, { LK_SUBTOTAL, 88, "total excl vat" },
        { LK_SUBTOTAL, 88, "total ex vat" }, { LK_SUBTOTAL, 88, "total excluding vat" },
        { LK_SUBTOTAL, 88, "total excl gst" }, { LK_SUBTOTAL, 88, "total excluding gst" },
        { LK_SUBTOTAL, 88, "total excl" }, { LK_SUBTOTAL, 85, "amount excl vat" },
        { LK_SUBTOTAL, 90, "zwischensumme" }, { LK_SUBTOTAL, 90, "nettobetrag" },
        { LK_SUBTOTAL, 85, "netto" }, { LK_SUBTOTAL, 85, "summe netto" },
        { LK_SUBTOTAL, 85, "gesamt netto" }, { LK_SUBTOTAL, 90, "total ht" },
        { LK_SUBTOTAL, 88, "montant ht" }, { LK_SUBTOTAL, 85, "sous-total" },
        { LK_SUBTOTAL, 85, "sous total" }, { LK_SUBTOTAL, 90, "subtotaal" },
        { LK_SUBTOTAL, 85, "totaal excl btw" }, { LK_SUBTOTAL, 90, "base imponible" },
        { LK_SUBTOTAL, 80, "purchases" }, { LK_SUBTOTAL, 85, "total before tax" },
        { LK_SUBTOTAL, 88, "montant hors tva" }, { LK_SUBTOTAL, 88, "total hors tva" },
        { LK_SUBTOTAL, 85, "hors tva" }, { LK_SUBTOTAL, 85, "htva" },
        { LK_SUBTOTAL, 88, "totaal exclusief btw" }, { LK_SUBTOTAL, 85, "exclusief btw" },
        { LK_SUBTOTAL, 85, "excl btw" }, { LK_SUBTOTAL, 88, "netto totaal" },
        { LK_SUBTOTAL, 90, "nettobedrag" }, { LK_SUBTOTAL, 88, "gesamtsumme ohne ust" },
        { LK_SUBTOTAL, 85, "summe ohne mwst" }, { LK_SUBTOTAL, 88, "importe neto" },
        { LK_SUBTOTAL, 88, "suma sin iva" }, { LK_SUBTOTAL, 88, "total sin iva" },
        /* taxes */
        { LK_TAX, 85, "vat" }, { LK_TAX, 80, "tax" }, { LK_TAX, 88, "sales tax" },
        { LK_TAX, 85, "gst" }, { LK_TAX, 85, "mwst" }, { LK_TAX, 85, "ust" },
        { LK_TAX, 85, "tva" }, { LK_TAX, 85, "btw" }, { LK_TAX, 85, "iva" },
        { LK_TAX, 88, "vat amount" }, { LK_TAX, 88, "tax amount" },
        { LK_TAX, 88, "total tax" }, { LK_TAX, 88, "total vat" }, { LK_TAX, 88, "total gst" },
        { LK_TAX, 88, "gst amount" }, { LK_TAX, 88, "montant tva" },
        { LK_TAX, 88, "umsatzsteuer" }, { LK_TAX, 88, "mehrwertsteuer" },
        { LK_TAX, 88, "ust-betrag" }, { LK_TAX, 88, "mwst-betrag" }, { LK_TAX, 88, "mwst betrag" },
        { LK_TAX, 88, "btw-bedrag" }, { LK_TAX, 88, "btw bedrag" },
        { LK_TAX, 85, "sst" }, { LK_TAX, 85, "service tax" }, { LK_TAX, 60, "tax value" },
        /* purchase orders */
        { LK_PO, 90, "po" }, { LK_PO, 95, "po no" }, { LK_PO, 95, "purchase order" },
        { LK_PO, 95, "purchase order no" }, { LK_PO, 80, "order no" },
        { LK_PO, 75, "order" }, { LK_PO, 85, "your order" }, { LK_PO, 85, "your order no" },
        { LK_PO, 90, "bestellnummer" }, { LK_PO, 85, "bestellung" },
        { LK_PO, 85, "bestell-nr" }, { LK_PO, 90, "bon de commande" },
        { LK_PO, 85, "ordernr" }, { LK_PO, 80, "uw kenmerk" }, { LK_PO, 80, "uw referentie" },
        { LK_PO, 75, "your reference" }, { LK_PO, 75, "your ref" },
        { LK_PO, 80, "votre reference" }, { LK_PO, 80, "su referencia" },
        { LK_PO, 80, "commande" }, { LK_PO, 80, "no de commande" },
        { LK_PO, 90, "inkoopordernummer" }, { LK_PO, 85, "inkooporder" },
        { LK_PO, 80, "bestelnummer" }, { LK_PO, 85, "ordernummer" },
        { LK_PO, 80, "order reference" }, { LK_PO, 80, "customer po" }, { LK_PO, 80, "pedido" },
        { LK_PO, 85, "no de pedido" }, { LK_PO, 85, "orden de compra" },
        /* purchase orders as buyers' references: EN, DE, FR, NL, ES */
        { LK_PO, 85, "order ref" }, { LK_PO, 85, "order ref no" },
        { LK_PO, 85, "order reference no" }, { LK_PO, 85, "your order ref" },
        { LK_PO, 85, "your order reference" }, { LK_PO, 88, "your po" },
        { LK_PO, 88, "your po no" }, { LK_PO, 88, "customer po no" },
        { LK_PO, 80, "customer order" }, { LK_PO, 85, "customer order no" },
        { LK_PO, 88, "po ref" }, { LK_PO, 88, "po reference" },
        { LK_PO, 95, "purchase order ref" }, { LK_PO, 95, "purchase order reference" },
        { LK_PO, 80, "client po" }, { LK_PO, 85, "buyer po" },
        { LK_PO, 90, "ihre bestellung" }, { LK_PO, 92, "ihre bestellnummer" },
        { LK_PO, 90, "ihre bestell-nr" }, { LK_PO, 90, "bestellnr" },
        { LK_PO, 90, "bestell-nummer" }, { LK_PO, 90, "bestellung no" },
        { LK_PO, 90, "ihre bestellung no" },
        { LK_PO, 90, "votre commande" }, { LK_PO, 90, "votre commande no" },
        { LK_PO, 88, "reference commande" }, { LK_PO, 88, "ref commande" },
        { LK_PO, 85, "commande client" }, { LK_PO, 90, "votre bon de commande" },
        { LK_PO, 88, "uw bestelling" }, { LK_PO, 88, "uw bestelnummer" },
        { LK_PO, 88, "uw bestelnr" }, { LK_PO, 85, "bestelnr" },
        { LK_PO, 88, "uw inkoopnummer" }, { LK_PO, 85, "inkoopnummer" },
        { LK_PO, 85, "inkoopordernr" },
        { LK_PO, 90, "su pedido" }, { LK_PO, 90, "su pedido no" },
        { LK_PO, 85, "pedido no" }, { LK_PO, 88, "pedido de compra" },
        { LK_PO, 85, "referencia pedido" }, { LK_PO, 85, "ref pedido" },
        { LK_PO, 90, "orden de compra no" }, { LK_PO, 85, "referencia de pedido" },
        { LK_PO, 80, "auftragsnummer" }, { LK_PO, 85, "ihr auftrag" },
        { LK_PO, 85, "ihre auftragsnummer" },
        /* parties */
        { LK_CUSTOMER, 90, "bill to" }, { LK_CUSTOMER, 90, "billed to" },
        { LK_CUSTOMER, 90, "sold to" }, { LK_CUSTOMER, 85, "ship to" },
        { LK_CUSTOMER, 85, "deliver to" }, { LK_CUSTOMER, 85, "invoice to" },
        { LK_CUSTOMER, 80, "to" }, { LK_CUSTOMER, 85, "customer" },
        { LK_CUSTOMER, 85, "client" }, { LK_CUSTOMER, 85, "buyer" },
        { LK_CUSTOMER, 80, "billing contact" }, { LK_CUSTOMER, 80, "technical contact" },
        { LK_CUSTOMER, 80, "licensed to" }, { LK_CUSTOMER, 80, "guest name" },
        { LK_CUSTOMER, 85, "billing address" }, { LK_CUSTOMER, 85, "shipping address" },
        { LK_CUSTOMER, 85, "rechnungsadresse" }, { LK_CUSTOMER, 85, "lieferadresse" },
        { LK_CUSTOMER, 85, "kunde" }, { LK_CUSTOMER, 85, "empfanger" },
        { LK_CUSTOMER, 85, "facture a" }, { LK_CUSTOMER, 85, "adresse de facturation" },
        { LK_CUSTOMER, 85, "factuuradres" }, { LK_CUSTOMER, 85, "klant" },
        { LK_CUSTOMER, 85, "cliente" }, { LK_CUSTOMER, 85, "facturar a" },
        { LK_CUSTOMER, 80, "attention" }, { LK_CUSTOMER, 80, "attn" },
        { LK_CUSTOMER, 80, "nom de l'abonne" },
        { LK_CUSTOMER, 85, "rechnung an" }, { LK_CUSTOMER, 85, "lieferung an" },
        { LK_CUSTOMER, 85, "lieferanschrift" }, { LK_CUSTOMER, 85, "factuur aan" },
        { LK_CUSTOMER, 85, "gefactureerd aan" }, { LK_CUSTOMER, 85, "afleveradres" },
        { LK_CUSTOMER, 85, "adresse de livraison" }, { LK_CUSTOMER, 85, "livrer a" },
        { LK_CUSTOMER, 85, "factura a" }, { LK_CUSTOMER, 85, "facturado a" },
        { LK_CUSTOMER, 85, "enviar a" }, { LK_CUSTOMER, 85, "geliefert an" },
        { LK_SELLER, 90, "seller" }, { LK_SELLER, 90, "vendor" }, { LK_SELLER, 90, "supplier" },
        { LK_SELLER, 85, "provided by" }, { LK_SELLER, 85, "product(s) provided by" },
        { LK_SELLER, 85, "sold by" }, { LK_SELLER, 85, "from" }, { LK_SELLER, 85, "issuer" },
        { LK_SELLER, 85, "verkaufer" }, { LK_SELLER, 85, "lieferant" },
        { LK_SELLER, 85, "vendeur" }, { LK_SELLER, 85, "fournisseur" },
        { LK_SELLER, 85, "leverancier" }, { LK_SELLER, 85, "proveedor" },
        { LK_SELLER, 85, "emisor" },
        { LK_OWNER, 80, "owned by" }, { LK_OWNER, 80, "operated by" },
        { LK_OWNER, 80, "managed by" }, { LK_OWNER, 80, "a division of" },
        { LK_OWNER, 80, "a subsidiary of" }, { LK_OWNER, 80, "a member of" },
        { LK_PAYEE, 80, "account holder" }, { LK_PAYEE, 80, "account name" },
        { LK_PAYEE, 80, "beneficiary" }, { LK_PAYEE, 80, "payee" },
        { LK_PAYEE, 80, "in favor of" }, { LK_PAYEE, 80, "in favour of" },
        { LK_PAYEE, 80, "made in favor of" }, { LK_PAYEE, 80, "payable to" },
        { LK_PAYEE, 80, "kontoinhaber" }, { LK_PAYEE, 80, "titulaire du compte" },
        { LK_PAYEE, 80, "titulaire" }, { LK_PAYEE, 80, "rekeninghouder" },
        { LK_PAYEE, 80, "titular" },
        /* terms and currency */
        { LK_TERMS, 80, "terms" }, { LK_TERMS, 85, "payment terms" },
        { LK_TERMS, 85, "zahlungsbedingungen" }, { LK_TERMS, 85, "conditions de paiement" },
        { LK_TERMS, 85, "betalingsvoorwaarden" }, { LK_TERMS, 85, "condiciones de pago" },
        { LK_TERMS, 85, "betalingstermijn" }, { LK_TERMS, 85, "zahlungsfrist" },
        { LK_TERMS, 85, "delai de paiement" }, { LK_TERMS, 85, "plazo de pago" },
        { LK_CURRENCY, 90, "currency" }, { LK_CURRENCY, 90, "payment currency" },
        { LK_CURRENCY, 90, "wahrung" }, { LK_CURRENCY, 90, "devise" },
        { LK_CURRENCY, 90, "valuta" }, { LK_CURRENCY, 90, "moneda" },
        /* amounts that are not the total */
        { LK_NOTTOTAL, 90, "total qty" }, { LK_NOTTOTAL, 90, "total quantity" },
        { LK_NOTTOTAL, 90, "total items" }, { LK_NOTTOTAL, 90, "total item" },
        { LK_NOTTOTAL, 90, "total discount" }, { LK_NOTTOTAL, 90, "total savings" },
        { LK_NOTTOTAL, 85, "cash" }, { LK_NOTTOTAL, 85, "change" },
        { LK_NOTTOTAL, 85, "tendered" }, { LK_NOTTOTAL, 85, "cash tendered" },
        { LK_NOTTOTAL, 85, "rounding" }, { LK_NOTTOTAL, 85, "round adj" },
        { LK_NOTTOTAL, 85, "rounding adj" }, { LK_NOTTOTAL, 85, "rounding adjustment" },
        { LK_NOTTOTAL, 85, "payment received" }, { LK_NOTTOTAL, 85, "amount now due" },
        { LK_NOTTOTAL, 80, "discount" }, { LK_NOTTOTAL, 80, "total qty/items" },
        { LK_NOTTOTAL, 80, "qty" }, { LK_NOTTOTAL, 80, "total no" },
        { LK_NOTTOTAL, 80, "visa" }, { LK_NOTTOTAL, 80, "mastercard" },
        { LK_NOTTOTAL, 80, "credit card" }, { LK_NOTTOTAL, 80, "paid" },
        /* words that only look like labels */
        { LK_CARRIED, 95, "carried forward" }, { LK_CARRIED, 95, "brought forward" },
        { LK_CARRIED, 90, "balance carried forward" }, { LK_CARRIED, 90, "balance brought forward" },
        { LK_CARRIED, 90, "c/f" }, { LK_CARRIED, 90, "b/f" }, { LK_CARRIED, 95, "ubertrag" },
        { LK_CARRIED, 95, "a reporter" }, { LK_CARRIED, 95, "report de la page" },
        { LK_CARRIED, 90, "reporte" }, { LK_CARRIED, 95, "suma y sigue" },
        { LK_CARRIED, 95, "suma anterior" }, { LK_CARRIED, 90, "van vorige pagina" },
        { LK_CARRIED, 90, "naar volgende pagina" },
        { LK_IGNORE, 99, "vat number" }, { LK_IGNORE, 99, "vat no" }, { LK_IGNORE, 99, "vat id" },
        { LK_IGNORE, 99, "vat reg no" }, { LK_IGNORE, 99, "vat registration no" },
        { LK_IGNORE, 99, "tax id" }, { LK_IGNORE, 99, "tax no" }, { LK_IGNORE, 99, "gst id" },
        { LK_IGNORE, 99, "gst no" }, { LK_IGNORE, 99, "gst reg no" }, { LK_IGNORE, 99, "gstin" },
        { LK_IGNORE, 99, "gst reg" }, { LK_IGNORE, 99, "ust-idnr" }, { LK_IGNORE, 99, "ustid" },
        { LK_IGNORE, 99, "ust-id" }, { LK_IGNORE, 99, "ust id" }, { LK_IGNORE, 99, "steuer-nr" },
        { LK_IGNORE, 99, "steuernummer" }, { LK_IGNORE, 99, "mwst no" },
        { LK_IGNORE, 99, "mwst-nr" }, { LK_IGNORE, 99, "mwst-nummer" }, { LK_IGNORE, 99, "tva no" },
        { LK_IGNORE, 99, "tva intracommunautaire" },
        { LK_IGNORE, 99, "no de tva" }, { LK_IGNORE, 99, "btw no" }, { LK_IGNORE, 99, "btw-nummer" },
        { LK_IGNORE, 99, "tax invoice" }, { LK_IGNORE, 99, "vat invoice" },
        { LK_INVNO, 95, "vat invoice no" },
        { LK_IGNORE, 99, "vat rate" }, { LK_IGNORE, 99, "tax rate" }, { LK_IGNORE, 99, "vat reverse charge" },
        { LK_IGNORE, 99, "invoice serial no" }, { LK_IGNORE, 99, "invoice balance" },
        { LK_IGNORE, 99, "invoice without" }, { LK_IGNORE, 99, "invoice address" },
        { LK_IGNORE, 99, "customer no" },
        { LK_IGNORE, 99, "kundennr" }, { LK_IGNORE, 99, "kunden-nr" }, { LK_IGNORE, 99, "kundennummer" },
        { LK_IGNORE, 99, "client no" }, { LK_IGNORE, 99, "customer id" },
        { LK_IGNORE, 99, "account no" }, { LK_IGNORE, 99, "tax exempt" },
};

#define N_LABELS (sizeof(labels) / sizeof(labels[0]))
#define MAX_LABEL_TOKS 6

struct label_toks {
        int n;
        char w[MAX_LABEL_TOKS][32];
};

static struct label_toks *label_split(void)
{
        struct label_toks *lt = bf_xcalloc(N_LABELS, sizeof(*lt));
        for (size_t i = 0; i < N_LABELS; i++) {
                const char *p = labels[i].words;
                while (*p && lt[i].n < MAX_LABEL_TOKS) {
                        size_t n = strcspn(p, " ");
                        if (n > 31)
                                n = 31;
                        memcpy(lt[i].w[lt[i].n], p, n);
                        lt[i].w[lt[i].n][n] = 0;
                        lt[i].n++;
                        p += n;
                        while (*p == ' ')
                                p++;
                }
        }
        return lt;
}

/* Label token equality: canonical forms, "(rm)" written "rm", and the
 * label's word glued to a trailing colon already trimmed. */
static bool tok_eq(const struct xtok *t, const char *w)
{
        if (strcmp(t->canon, w) == 0)
                return true;
        if (w[0] == '(') {
                size_t n = strlen(w);
                return n > 2 && strlen(t->norm) == n - 2 && strncmp(t->norm, w + 1, n - 2) == 0;
        }
        return false;
}

bool extract_within_one(const char *a, const char *b)
{
        size_t na = strlen(a), nb = strlen(b);
        if (na > nb + 1 || nb > na + 1)
                return false;
        size_t i = 0;
        while (i < na && i < nb && a[i] == b[i])
                i++;
        if (na == nb)
                return strcmp(a + i + (i < na), b + i + (i < nb)) == 0;
        return na > nb ? strcmp(a + i + 1, b + i) == 0 : strcmp(a + i, b + i + 1) == 0;
}

/* OCR misreads one letter of a label ("lotal", "Tota]", "SUBTATAL",
 * "Rechnaungsnummer"); only the long words that carry the amount labels
 * and words of ten letters or more are matched loosely, so that "charge"
 * never becomes "change". */
static bool tok_fuzzy(const struct xtok *t, const char *w)
{
        static const char *const words[] = { "total", "subtotal", "amount", "rounding",
                "payable", "invoice", NULL };
        if (strlen(t->norm) < 4 || extract_has_digit(t->norm))
                return false;
        if (strlen(w) >= 10)
                return extract_within_one(t->norm, w);
        for (int i = 0; words[i]; i++)
                if (strcmp(w, words[i]) == 0)
                        return extract_within_one(t->norm, w);
        return false;
}

/* "BIW 21%": a short tax word misread, vouched for by the rate after it. */
static bool tax_fuzzy(const struct xdoc *x, size_t i, const char *w)
{
        static const char *const words[] = { "vat", "btw", "tva", "iva", "gst", "mwst", "ust", NULL };
        const struct xtok *t = &x->toks[i];
        if (i + 1 >= x->n_toks || x->toks[i + 1].line != t->line || !strchr(x->toks[i + 1].raw, '%'))
                return false;
        if ((strlen(w) < 4 && strlen(t->norm) != strlen(w)) || extract_has_digit(t->norm))
                return false;
        for (int k = 0; words[k]; k++)
                if (strcmp(w, words[k]) == 0)
                        return extract_within_one(t->norm, w);
        return false;
}

static void add_hit(struct xdoc *x, size_t *cap, const struct label_def *d, size_t line,
                    size_t first, size_t end)
{
        if (x->n_hits == *cap) {
                *cap = *cap ? *cap * 2 : 64;
                x->hits = bf_xrealloc(x->hits, *cap * sizeof(*x->hits));
        }
        struct xhit *h = &x->hits[x->n_hits];
        h->kind = d->kind;
        h->strength = d->strength;
        h->line = line;
        h->first = first;
        h->end = end;
        h->box = x->toks[first].box;
        for (size_t i = first + 1; i < end; i++)
                h->box = box_union(h->box, x->toks[i].box);
        for (size_t i = first; i < end; i++)
                x->toks[i].label = (int)x->n_hits;
        x->n_hits++;
}

/* Does norm read as label word a followed by b, run together by OCR
 * ("ponumber", "decommande") or by a hyphen ("Invoice-No")? b "no" stands
 * for its spellings. */
static bool two_words(const char *norm, const char *a, const char *b)
{
        static const char *const nos[] = { "no", "nr", "number", "nummer", "numero", "n", NULL };
        size_t na = strlen(a);
        if (strncmp(norm, a, na) != 0 || !norm[na])
                return false;
        /* "Invoice-No": a hyphen between them */
        if (norm[na] == '-' && norm[na + 1])
                na++;
        if (strcmp(b, "no") != 0)
                return strcmp(norm + na, b) == 0;
        for (int i = 0; nos[i]; i++)
                if (strcmp(norm + na, nos[i]) == 0)
                        return true;
        return false;
}

/* A label whose two words OCR ran into one token, the others as they
 * are: the tokens it covers from i, or 0. */
static int match_merged(const struct xdoc *x, size_t i, size_t end, const struct label_toks *lt)
{
        for (int m = 0; m + 1 < lt->n; m++) {
                size_t t = i;
                bool ok = true;
                for (int j = 0; j < lt->n && ok; j++, t++) {
                        if (t >= end) {
                                ok = false;
                        } else if (j == m) {
                                ok = two_words(x->toks[t].norm, lt->w[j], lt->w[j + 1]);
                                j++;
                        } else {
                                ok = tok_eq(&x->toks[t], lt->w[j]);
                        }
                        if (ok && j < lt->n - 1 && x->toks[t].colon)
                                ok = false;
                }
                if (ok)
                        return (int)(t - i);
        }
        return 0;
}

/* "Bestel lnaummer": OCR broke a long label word in two, perhaps with a
 * letter misread too. Two tokens set tight (less than half the line's
 * height apart, no colon between) joined match a label word of ten
 * letters or more within one edit: 2, else 0. */
static int match_split(const struct xdoc *x, size_t i, size_t end, const char *w)
{
        if (i + 1 >= end || strlen(w) < 10)
                return 0;
        const struct xtok *a = &x->toks[i], *b = &x->toks[i + 1];
        if (a->colon || extract_has_digit(a->norm) ||
            extract_has_digit(b->norm) || b->box.x0 - a->box.x1 > 0.5 * x->lines[a->line].h)
                return 0;
        char joined[64];
        if ((size_t)snprintf(joined, sizeof(joined), "%s%s", a->norm, b->norm) >= sizeof(joined))
                return 0;
        return strcmp(joined, w) == 0 || extract_within_one(joined, w) ? 2 : 0;
}

/* "Nedepedido:": every word of a label run into one token by OCR, one
 * letter misread too; the joined label must be ten letters or more. */
static bool match_glued(const struct xtok *t, const struct label_toks *lt)
{
        static const char *const nos[] = { "no", "n", "nr", NULL };
        if (lt->n < 2 || extract_has_digit(t->norm))
                return false;
        for (int k = 0; nos[k]; k++) {
                char joined[64] = "";
                size_t len = 0;
                bool has_no = false;
                for (int j = 0; j < lt->n; j++) {
                        const char *w = lt->w[j];
                        if (strcmp(w, "no") == 0) {
                                w = nos[k];
                                has_no = true;
                        }
                        len += (size_t)snprintf(joined + len, sizeof(joined) - len, "%s", w);
                        if (len >= sizeof(joined))
                                return false;
                }
                if (len >= 10 && extract_within_one(t->norm, joined))
                        return true;
                if (!has_no)
                        break;
        }
        return false;
}

void extract_find_labels(struct xdoc *x)
{
        struct label_toks *lt = label_split();
        size_t cap = 0;
        bool ocr = x->doc->source != SOURCE_TEXT;
        for (size_t li = 0; li < x->n_lines; li++) {
                const struct xline *l = &x->lines[li];
                size_t end = l->first + l->n;
                for (size_t i = l->first; i < end;) {
                        int best = -1, best_n = 0, best_used = 0;
                        for (size_t k = 0; k < N_LABELS; k++) {
                                int n = lt[k].n;
                                if ((!ocr && (size_t)n > end - i) || n < best_n)
                                        continue;
                                if (n == best_n && best >= 0 &&
                                    labels[k].strength <= labels[best].strength)
                                        continue;
                                bool ok = (size_t)n <= end - i;
                                for (int j = 0; j < n && ok; j++) {
                                        ok = tok_eq(&x->toks[i + j], lt[k].w[j]) ||
                                             (ocr && (tok_fuzzy(&x->toks[i + j], lt[k].w[j]) ||
                                                      tax_fuzzy(x, i + (size_t)j, lt[k].w[j]))) ||
                                             /* "N2 de factura": the ° of "N°" read as a 2 */
                                             (ocr && j == 0 && n >= 2 && strcmp(lt[k].w[0], "no") == 0 &&
                                              strcmp(x->toks[i].norm, "n2") == 0);
                                        /* A label word ending in ':' ends the label. */
                                        if (ok && j < n - 1 && x->toks[i + j].colon)
                                                ok = false;
                                }
                                int used = ok ? n : ocr && n >= 2 ? match_merged(x, i, end, &lt[k]) :
                                                ocr && n == 1 ? match_split(x, i, end, lt[k].w[0]) : 0;
                                if (!used && ocr && match_glued(&x->toks[i], &lt[k]))
                                        used = 1;
                                if (used > 0) {
                                        best = (int)k;
                                        best_n = n;
                                        best_used = used;
                                }
                        }
                        if (best < 0) {
                                i++;
                                continue;
                        }
                        /* A lone common word ("to", "date", "total") mid-sentence
                         * is no label unless it ends in ':' or stands alone. */
                        add_hit(x, &cap, &labels[best], li, i, i + (size_t)best_used);
                        i += (size_t)best_used;
                }
        }
        free(lt);
}

bool extract_line_has_kind(const struct xdoc *x, size_t line, enum xlabel_kind kind)
{
        const struct xline *l = &x->lines[line];
        for (size_t i = l->first; i < l->first + l->n; i++) {
                int h = x->toks[i].label;
                if (h >= 0 && x->hits[h].kind == kind)
                        return true;
        }
        return false;
}

/* ------------------------------------------------------ table headers */

enum col_role extract_header_role(const char *n)
{
        static const struct { const char *w; enum col_role r; } roles[] = {
                { "description", COL_DESC }, { "item", COL_DESC }, { "items", COL_DESC },
                { "product", COL_DESC }, { "service", COL_DESC }, { "details", COL_DESC },
                { "article", COL_DESC }, { "beschreibung", COL_DESC },
                { "bezeichnung", COL_DESC }, { "artikel", COL_DESC }, { "leistung", COL_DESC },
                { "designation", COL_DESC }, { "libelle", COL_DESC }, { "omschrijving", COL_DESC },
                { "descripcion", COL_DESC }, { "concepto", COL_DESC }, { "charge", COL_DESC },
                { "qty", COL_QTY }, { "quantity", COL_QTY }, { "menge", COL_QTY },
                { "anzahl", COL_QTY }, { "qte", COL_QTY }, { "quantite", COL_QTY },
                { "nombre", COL_QTY }, { "aantal", COL_QTY }, { "cantidad", COL_QTY },
                { "cant", COL_QTY }, { "hours", COL_QTY }, { "hrs", COL_QTY }, { "units", COL_QTY },
                { "unit", COL_UNIT }, { "price", COL_UNIT }, { "rate", COL_UNIT },
                { "einzelpreis", COL_UNIT }, { "preis", COL_UNIT }, { "vk-preis", COL_UNIT },
                { "e-preis", COL_UNIT }, { "prix", COL_UNIT }, { "pu", COL_UNIT },
                { "p.u", COL_UNIT }, { "prijs", COL_UNIT }, { "stukprijs", COL_UNIT },
                { "precio", COL_UNIT }, { "u/price", COL_UNIT }, { "unit/price", COL_UNIT },
                { "amount", COL_AMOUNT }, { "total", COL_AMOUNT }, { "betrag", COL_AMOUNT },
                { "gesamtpreis", COL_AMOUNT }, { "zeilenbetrag", COL_AMOUNT },
                { "gesamt", COL_AMOUNT }, { "summe", COL_AMOUNT }, { "montant", COL_AMOUNT },
                { "bedrag", COL_AMOUNT }, { "totaal", COL_AMOUNT }, { "importe", COL_AMOUNT },
                { "subtotal", COL_AMOUNT }, { "line total", COL_AMOUNT }, { "value", COL_AMOUNT },
                { "pos", COL_POS }, { "no", COL_POS }, { "nr", COL_POS }, { "#", COL_POS },
                { "lp", COL_POS },
                { "rabatt", COL_OTHER }, { "discount", COL_OTHER }, { "tax", COL_OTHER },
                { "vat", COL_OTHER }, { "mwst", COL_OTHER }, { "tva", COL_OTHER },
                { "btw", COL_OTHER }, { "iva", COL_OTHER }, { "%", COL_OTHER },
                { "period", COL_OTHER }, { "date", COL_OTHER }, { "code", COL_OTHER },
                { "sku", COL_OTHER }, { "adjustment(s)", COL_OTHER }, { "disc", COL_OTHER },
        };
        /* OCR specks glued before a header word: "-Designation", "_Qty",
         * a curly quote (folding leaves its bytes) */
        while (*n && (strchr("-_.~'\"", *n) || (unsigned char)*n >= 0x80))
                n++;
        for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
                if (strcmp(n, roles[i].w) == 0)
                        return roles[i].r;
        /* ... and one letter misread in a long one ("Descripcien"); short
         * words stay exact, so that "charge" never reads "change" */
        if (strlen(n) >= 7)
                for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
                        if (strlen(roles[i].w) >= 7 && extract_within_one(n, roles[i].w))
                                return roles[i].r;
        return COL_NONE;
}

/* ------------------------------------------------------ reading values */

size_t extract_value_right(const struct xdoc *x, const struct xhit *h)
{
        const struct xline *l = &x->lines[h->line];
        size_t end = l->first + l->n;
        double lh = l->h;
        double last_x = h->box.x1;
        for (size_t i = h->end; i < end; i++) {
                const struct xtok *t = &x->toks[i];
                if (t->label >= 0 && x->hits[t->label].kind != LK_IGNORE &&
                    (size_t)t->label != (size_t)(h - x->hits))
                        return SIZE_MAX;
                if (t->box.x0 - last_x > 30 * lh)
                        return SIZE_MAX;
                if (extract_is_filler(t) && !extract_has_digit(t->raw)) {
                        last_x = t->box.x1;
                        continue;
                }
                /* OCR specks between a label and its value: "oe:", "a" */
                if (x->doc->source != SOURCE_TEXT && strlen(t->norm) <= 2 &&
                    !extract_has_digit(t->raw) && !isupper((unsigned char)t->raw[0])) {
                        last_x = t->box.x1;
                        continue;
                }
                return i;
        }
        return SIZE_MAX;
}

/* The token under the label: which = 0 for the next line down, 1 for the
 * one after. Only lines starting in the label's column count. */
/* A scan's speck read as a word: no letter or digit in it (".", "_", a
 * curly quote). */
static bool speck(const struct xdoc *x, const struct xtok *t)
{
        if (x->doc->source == SOURCE_TEXT)
                return false;
        for (const char *p = t->raw; *p; p++)
                if (isalnum((unsigned char)*p) || (unsigned char)*p >= 0xc3)
                        return false;
        return true;
}

size_t extract_value_below(const struct xdoc *x, const struct xhit *h, int which)
{
        const struct xline *l = &x->lines[h->line];
        double lh = l->h;
        int seen = 0;
        for (size_t li = h->line + 1; li < x->n_lines; li++) {
                const struct xline *m = &x->lines[li];
                if (m->page != l->page || m->box.y0 - h->box.y1 > 4 * lh)
                        break;
                for (size_t i = m->first; i < m->first + m->n; i++) {
                        const struct xtok *t = &x->toks[i];
                        double lo = t->box.x0 > h->box.x0 ? t->box.x0 : h->box.x0;
                        double hi = t->box.x1 < h->box.x1 ? t->box.x1 : h->box.x1;
                        if (hi <= lo || speck(x, t))
                                continue;
                        /* The first token of the phrase in this column. */
                        size_t j = i;
                        while (j > m->first && x->toks[j].box.x0 - x->toks[j - 1].box.x1 < 1.0 * m->h &&
                               !speck(x, &x->toks[j - 1]))
                                j--;
                        if (seen++ == which)
                                return j;
                        break;
                }
        }
        return SIZE_MAX;
}
