/* langid.c: which Tesseract language a page is written in, guessed from the
 * words a first (English) reading gave: the words invoices and receipts
 * use in each language, compared without their diacritics, since the
 * English model reads 'Fälligkeit' as 'Falligkeit'. Pure: no I/O. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/capture-int.h"

/* Per language: Tesseract's code and the words that mark it (lower case,
 * ASCII, two letters or more; a word shared by several languages counts
 * for each of them, English included, so it decides nothing). Greek and
 * Bulgarian are told by their script (orientation detection), not here. */
static const struct {
        const char *code;
        const char *words;
} vocab[] = {
        { "eng", " invoice date amount total subtotal tax vat the and of to for payment due "
                 "description quantity qty price unit bill number no please thank you "
                 "receipt cash change order terms days net balance from with " },
        { "deu", " rechnung rechnungsnummer rechnungsdatum datum betrag gesamtbetrag summe "
                 "gesamt mwst ust netto brutto menge preis einzelpreis und der die das fur "
                 "zahlbar bis innerhalb tagen bestellnummer lieferdatum zwischensumme "
                 "bankverbindung steuernummer vielen dank mit von nr zu zahlen faellig "
                 "falligkeitsdatum kundennummer " },
        { "fra", " facture montant tva ttc ht le la les du des et prix quantite echeance "
                 "paiement reglement date numero total sous unitaire designation merci "
                 "commande livraison pour avec net jours client " },
        { "nld", " factuur factuurnummer factuurdatum bedrag totaal btw het de een en van "
                 "voor prijs aantal vervaldatum betaling omschrijving subtotaal excl incl "
                 "dagen bestelnummer te betalen met klantnummer " },
        { "spa", " factura fecha importe iva el la los las del de precio cantidad "
                 "vencimiento pago total subtotal numero descripcion base imponible gracias "
                 "pedido por con dias cliente " },
        { "ita", " fattura data importo iva il lo la gli del della di prezzo quantita "
                 "scadenza pagamento totale imponibile numero descrizione grazie ordine per "
                 "con giorni partita cliente " },
        { "por", " fatura factura data valor iva os as do da de preco quantidade vencimento "
                 "pagamento total numero descricao obrigado encomenda para com dias nif "
                 "contribuinte cliente " },
        { "ron", " factura factura data valoare tva si de la cu pret cantitate scadenta plata "
                 "total numar seria furnizor cumparator cota valoarea unitar lei ron buc " },
        { "pol", " faktura data kwota vat netto brutto do na cena ilosc termin platnosc "
                 "platnosci razem suma numer nr sprzedawca nabywca wartosc sprzedazy zaplaty "
                 "dni " },
        { "ces", " faktura datum castka dph do na cena mnozstvi splatnosti platba celkem "
                 "cislo dodavatel odberatel zaklad danovy doklad vystaveni ks kc " },
        { "slk", " faktura datum suma dph do na cena mnozstvo splatnosti platba spolu celkom "
                 "cislo dodavatel odberatel zaklad dane vyhotovenia ks " },
        { "hun", " szamla szamlaszam datum osszeg afa es az egy ar mennyiseg fizetesi "
                 "hatarido fizetendo osszesen vegosszeg netto brutto teljesites kelte vevo "
                 "elado adoszam db ft " },
        { "slv", " racun datum znesek ddv in za na cena kolicina rok placila placilo skupaj "
                 "stevilka dobavitelj kupec osnova opis " },
        { "hrv", " racun datum iznos pdv za na cijena kolicina dospijeca placanja ukupno "
                 "broj dobavljac kupac osnovica opis kn oib " },
        { "fin", " lasku laskun paivamaara summa alv ja on hinta maara erapaiva maksu "
                 "yhteensa numero toimittaja ostaja veroton verollinen kpl kiitos viite "
                 "viitenumero tilinumero " },
        { "est", " arve kuupaev summa kaibemaks km ja on hind kogus maksetahtaeg tasumise "
                 "kokku number tarnija ostja maksmisele kuuluv tk aitah " },
        { "lav", " rekins rekina datums summa pvn un ir cena daudzums samaksas termins kopa "
                 "kopsumma numurs piegadatajs pircejs ceks nr paldies bez ar apmaksai sia " },
        { "lit", " saskaita faktura data suma pvm ir kaina kiekis apmoketi iki mokejimo is "
                 "viso numeris tiekejas pirkejas serija kvitas aciu uab " },
        { "dan", " faktura fakturanummer dato belob moms og af til pris antal forfaldsdato "
                 "betaling total alt nummer leverandor kunde ekskl inkl tak kr dage " },
        { "swe", " faktura fakturanummer datum belopp moms och av till pris antal "
                 "forfallodatum betalning summa totalt att betala nummer leverantor kund exkl "
                 "inkl tack kr dagar " },
        { "nor", " faktura fakturanummer dato belop mva og av til pris antall forfallsdato "
                 "betaling sum totalt betale nummer leverandor kunde eks inkl takk kr dager " },
        { "isl", " reikningur reiknings dagsetning upphaed vsk og af til verd magn gjalddagi "
                 "greidsla samtals numer seljandi kaupandi kr takk kennitala " },
        { "gle", " sonrasc data iomlan cain agus an na ar le do praghas lion uimhir go raibh "
                 "maith agat " },
        { "mlt", " fattura data ammont vat ta il fil ghal prezz kwantita hlas total numru "
                 "grazzi mill ma " },
};

/* A word at most this long is looked up. */
#define LANGID_MAX_WORD 31
/* One word counts at most this often (a receipt repeats 'EUR' or 'x'). */
#define LANGID_MAX_REPEAT 3
/* A language needs this many marking words, and more than English's. */
#define LANGID_MIN_SCORE 3

/* The ASCII letter a Latin letter with a diacritic stands on ('ä' -> 'a',
 * 'ł' -> 'l', 'ß' -> 's'), 0 for anything else; *len gets its UTF-8 length. */
static char fold_letter(const unsigned char *s, size_t *len)
{
        /* Latin-1 supplement and Latin Extended-A, by code point. */
        static const char latin1[] = "AAAAAAACEEEEIIIIDNOOOOO.OUUUUYTsaaaaaaaceeeeiiiidnooooo.ouuuuyty";
        static const char ext_a[] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLl"
                                    "LlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
        unsigned cp;

        *len = 1;
        if (s[0] < 0x80)
                return (s[0] >= 'A' && s[0] <= 'Z') ? (char)(s[0] + 32)
                       : (s[0] >= 'a' && s[0] <= 'z') ? (char)s[0] : 0;
        if ((s[0] & 0xe0) != 0xc0 || (s[1] & 0xc0) != 0x80)
                return 0;
        *len = 2;
        cp = (unsigned)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
        if (cp >= 0xc0 && cp < 0x100) {
                char c = latin1[cp - 0xc0];

                return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c == '.' ? 0 : c;
        }
        if (cp >= 0x100 && cp < 0x180) {
                char c = ext_a[cp - 0x100];

                return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
        return 0;
}

/* The word's letters folded to lower-case ASCII into out (size > 1); the
 * punctuation around it dropped. False when it has fewer than two letters
 * or anything but letters inside. */
static bool fold_word(const char *text, char *out, size_t size)
{
        const unsigned char *s = (const unsigned char *)text;
        size_t n = 0, len;
        bool ended = false;

        while (*s && !fold_letter(s, &len))
                s += len;
        for (; *s; s += len) {
                char c = fold_letter(s, &len);

                if (!c) {
                        ended = true;
                        continue;
                }
                if (ended || n + 1 >= size)
                        return false;
                out[n++] = c;
        }
        out[n] = '\0';
        return n >= 2;
}

/* True when the space-padded list holds word. */
static bool listed(const char *list, const char *word)
{
        char key[LANGID_MAX_WORD + 3];

        snprintf(key, sizeof(key), " %s ", word);
        return strstr(list, key) != NULL;
}

/* The vocab index whose words `words` use most, or -1 when none reaches
 * LANGID_MIN_SCORE (English's own words counted like any language's). */
static int langid_best(const bf_word *words, size_t n)
{
        enum { N_LANG = sizeof(vocab) / sizeof(vocab[0]) };
        int score[N_LANG] = { 0 }, best = 0;
        char (*folded)[LANGID_MAX_WORD + 1];

        if (n == 0)
                return -1;
        folded = bf_xcalloc(n, sizeof(*folded));
        for (size_t i = 0; i < n; i++) {
                int seen = 0;

                if (!words[i].text || !fold_word(words[i].text, folded[i], sizeof(folded[i]))) {
                        folded[i][0] = '\0';
                        continue;
                }
                /* The same word earlier on the page counts again, up to a cap. */
                for (size_t j = 0; j < i && seen < LANGID_MAX_REPEAT; j++)
                        seen += strcmp(folded[j], folded[i]) == 0;
                if (seen >= LANGID_MAX_REPEAT)
                        continue;
                for (int k = 0; k < N_LANG; k++)
                        score[k] += listed(vocab[k].words, folded[i]);
        }
        free(folded);
        for (int k = 1; k < N_LANG; k++)
                if (score[k] > score[best])
                        best = k;
        return score[best] >= LANGID_MIN_SCORE ? best : -1;
}

const char *langid_guess(const bf_word *words, size_t n)
{
        int best = langid_best(words, n);

        return best > 0 ? vocab[best].code : "eng";
}

const char *langid_named(const bf_word *words, size_t n)
{
        int best = langid_best(words, n);

        return best >= 0 ? vocab[best].code : NULL;
}
