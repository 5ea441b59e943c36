/* gen-totals.c: --totals rich, the amount block of a real European invoice
 * (EN 16931 and its national habits): the lines' sum, allowances and
 * charges, the net total, the tax per rate (with its base), a tax total, the
 * gross total, a prepaid amount and what is left to pay, and a summary table
 * per tax rate. The truth stays the contract's: subtotal is the net total
 * (what tax is charged on), tax the sum over the rates, total the gross
 * (net plus tax, before anything prepaid). Wordings are the generator's own,
 * as printed on real invoices in six languages. */
#include <string.h>

#include "gen.h"

#define CHANCE(r, pct) (gen_rng_range((r), 0, 99) < (pct))
#define V(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* One language's wordings, the usual one first. In tax_on "{r}" is the
 * rate and "{b}" the base it is charged on. */
struct tot_words {
        enum gen_lang lang;
        const char *const *lines_sum, *const *allowance, *const *charge, *const *net;
        const char *const *tax_on, *const *tax_total, *const *gross, *const *prepaid,
                *const *due;
        const char *const *head;        /* summary table: rate, net, tax, gross */
};

static const struct tot_words words[] = {
        { GEN_EN,
          V("Line total", "Total of lines", "Sum of positions", "Items total"),
          V("Discount", "Allowance", "Rebate", "Less discount"),
          V("Shipping", "Freight", "Delivery charge", "Handling charge"),
          V("Net total", "Total net", "Total excl. VAT", "Taxable amount", "Net amount",
            "Total before tax"),
          V("VAT {r}%", "VAT {r}% on {b}", "{r}% VAT of {b}", "Tax {r}%"),
          V("Total VAT", "VAT total", "Total tax", "Tax amount"),
          V("Total incl. VAT", "Gross total", "Invoice total", "Grand total", "Total amount",
            "Total"),
          V("Prepaid", "Amount paid", "Less payment received", "Deposit paid", "Paid in advance"),
          V("Amount due", "Balance due", "Amount payable", "Total due", "Please pay"),
          V("VAT rate", "Net", "VAT", "Gross") },
        { GEN_DE,
          V("Summe Positionen", "Positionssumme", "Warenwert", "Summe der Positionen"),
          V("Nachlass", "Rabatt", "Abzüglich Rabatt", "Abschlag"),
          V("Versandkosten", "Fracht", "Verpackung", "Zuschlag"),
          V("Gesamtbetrag netto", "Nettobetrag", "Summe netto", "Gesamt netto", "Nettosumme",
            "Rechnungsbetrag netto"),
          V("USt {r}%", "USt {r}% auf {b}", "{r}% MwSt. auf {b}", "MwSt. {r}%",
            "Umsatzsteuer {r}%"),
          V("Summe USt", "Umsatzsteuer gesamt", "Gesamtbetrag USt", "MwSt. gesamt"),
          V("Gesamtbetrag brutto", "Rechnungsbetrag", "Bruttobetrag", "Gesamtbetrag", "Endbetrag",
            "Rechnungssumme"),
          V("Bereits gezahlt", "Anzahlung", "Abzüglich Anzahlung", "Erhaltene Anzahlung",
            "Vorauszahlung"),
          V("Zahlbetrag", "Fälliger Betrag", "Zu zahlen", "Offener Betrag", "Noch zu zahlen"),
          V("USt-Satz", "Netto", "USt", "Brutto") },
        { GEN_FR,
          V("Total des lignes", "Total articles", "Montant des lignes"),
          V("Remise", "Rabais", "Escompte accordé"),
          V("Frais de port", "Frais de livraison", "Frais d'emballage"),
          V("Total HT", "Montant HT", "Net HT", "Total hors taxes", "Base HT"),
          V("TVA {r} %", "TVA {r} % sur {b}", "TVA à {r} %"),
          V("Total TVA", "Montant TVA", "TVA totale"),
          V("Total TTC", "Montant TTC", "Total toutes taxes comprises", "Montant total TTC"),
          V("Acompte versé", "Acompte", "Déjà réglé", "Montant payé"),
          V("Net à payer", "Reste à payer", "Montant dû", "Solde à payer"),
          V("Taux TVA", "Base HT", "TVA", "TTC") },
        { GEN_NL,
          V("Totaal regels", "Subtotaal artikelen", "Som van de regels"),
          V("Korting", "Kortingsbedrag", "Af: korting"),
          V("Verzendkosten", "Vrachtkosten", "Toeslag"),
          V("Totaal excl. btw", "Netto bedrag", "Totaal netto", "Subtotaal excl. btw"),
          V("Btw {r}%", "Btw {r}% over {b}", "{r}% btw over {b}", "BTW {r}%"),
          V("Totaal btw", "Btw-bedrag", "Btw totaal"),
          V("Totaal incl. btw", "Totaalbedrag", "Factuurbedrag", "Totaal"),
          V("Reeds betaald", "Aanbetaling", "Vooruitbetaald", "Betaald"),
          V("Te betalen", "Openstaand bedrag", "Nog te betalen", "Totaal te betalen"),
          V("Btw-tarief", "Netto", "Btw", "Bruto") },
        { GEN_ES,
          V("Suma de líneas", "Importe bruto", "Total líneas"),
          V("Descuento", "Dto.", "Bonificación"),
          V("Portes", "Gastos de envío", "Recargo"),
          V("Base imponible", "Total neto", "Importe neto", "Total sin IVA"),
          V("IVA {r}%", "IVA {r}% s/ {b}", "Cuota IVA {r}%", "IVA ({r}%)"),
          V("Total IVA", "Cuota total IVA", "Importe IVA"),
          V("Total factura", "Total", "Importe total", "Total con IVA"),
          V("Anticipo", "Pagado a cuenta", "Entregado a cuenta", "Ya pagado"),
          V("Total a pagar", "Importe a pagar", "Pendiente de pago", "A pagar"),
          V("Tipo IVA", "Base", "Cuota", "Total") },
        { GEN_IT,
          V("Totale righe", "Totale merce", "Somma righe"),
          V("Sconto", "Abbuono", "Sconto incondizionato"),
          V("Spese di trasporto", "Spese di spedizione", "Spese di incasso"),
          V("Totale imponibile", "Imponibile", "Totale netto", "Totale senza IVA"),
          V("IVA {r}%", "IVA {r}% su {b}", "Imposta {r}%", "IVA al {r}%"),
          V("Totale IVA", "Totale imposta", "IVA totale"),
          V("Totale documento", "Totale fattura", "Totale", "Importo totale"),
          V("Acconto", "Già pagato", "Anticipo ricevuto", "Acconto versato"),
          V("Netto a pagare", "Totale da pagare", "Importo dovuto", "Saldo da pagare"),
          V("Aliquota", "Imponibile", "Imposta", "Totale") },
};

static const struct tot_words *words_for(enum gen_lang lang)
{
        for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
                if (words[i].lang == lang)
                        return &words[i];
        return NULL;
}

/* tmpl with {r} the rate and {b} the base. */
static char *tax_line(const char *tmpl, const char *rate, const char *base)
{
        GString *s = g_string_new(NULL);

        for (const char *p = tmpl; *p; p++) {
                if (strncmp(p, "{r}", 3) == 0) {
                        g_string_append(s, rate);
                        p += 2;
                } else if (strncmp(p, "{b}", 3) == 0) {
                        g_string_append(s, base);
                        p += 2;
                } else {
                        g_string_append_c(s, *p);
                }
        }
        return g_string_free(s, FALSE);
}

static void add_row(struct gen_doc *doc, char *label, int64_t value, int strong, int cur)
{
        struct gen_totrow *t;

        if (doc->n_totrows == G_N_ELEMENTS(doc->totrows)) {
                g_free(label);
                return;
        }
        t = &doc->totrows[doc->n_totrows++];
        t->label = label;
        t->value = value;
        t->strong = strong;
        t->cur = cur;
}

static int64_t pct_of(int64_t v, struct gen_dec rate)
{
        int64_t den = 100;

        for (int i = 0; i < rate.scale; i++)
                den *= 10;
        return gen_round_div(v * rate.v, den);
}

/* A second rate of the country, other than the document's. */
static int other_rate(struct gen_rng *r, const struct gen_doc *doc, struct gen_dec *ret)
{
        const struct gen_country *c = gen_country_for(doc->lang, doc->country);
        char **v;
        int n = 0, found = 0;
        struct gen_dec cand[16];

        if (!c || !c->rates)
                return -1;
        v = g_strsplit(c->rates, "|", -1);
        for (char **p = v; *p && n < 16; p++) {
                struct gen_dec d;

                if (gen_dec_parse(*p, &d) == 0 && d.v > 0 &&
                    !(d.v == doc->tax_rate.v && d.scale == doc->tax_rate.scale))
                        cand[n++] = d;
        }
        g_strfreev(v);
        if (n > 0) {
                *ret = cand[gen_rng_range(r, 0, n - 1)];
                found = 1;
        }
        return found ? 0 : -1;
}

void gen_totals_rich(struct gen_doc *doc, uint64_t seed, int split)
{
        const struct tot_words *w = words_for(doc->lang);
        struct gen_rng r;
        struct gen_dec rates[2] = { doc->tax_rate, { 0, 0 } };
        int64_t lines_sum = 0, base[2] = { 0, 0 }, tax[2] = { 0, 0 };
        int64_t allowance = 0, charge = 0, prepaid = 0;
        int n_rates = 1, two_rates, summary;
        const char *tax_tmpl;

        if (!w || gen_layouts[doc->layout].kind != GEN_KIND_INVOICE || doc->n_lines == 0 ||
            doc->tax_rate.v < 0)
                return;
        gen_rng_init(&r, seed ^ UINT64_C(0x70741c5b10c4));
        two_rates = doc->n_lines >= 2 && CHANCE(&r, 40) && other_rate(&r, doc, &rates[1]) == 0;
        if (two_rates)
                n_rates = 2;
        for (size_t i = 0; i < doc->n_lines; i++) {
                struct gen_line *l = &doc->lines[i];
                /* the first line at the document's rate, the last at the other */
                int k = two_rates && (i == doc->n_lines - 1 || (i > 0 && CHANCE(&r, 40)));

                l->rate = rates[k];
                l->has_rate = 1;
                base[k] += l->amount;
                lines_sum += l->amount;
        }
        if (CHANCE(&r, 35)) {
                static const int pcts[] = { 2, 3, 5, 10, 15 };

                allowance = CHANCE(&r, 60) ?
                        gen_round_div(lines_sum * pcts[gen_rng_range(&r, 0, 4)], 100) :
                        (int64_t)gen_rng_range(&r, 5, 50) * (doc->minor ? 100 : 1);
                if (allowance * 5 > base[0])    /* at most a fifth of what it is taken from */
                        allowance = 0;
        }
        if (CHANCE(&r, 30))
                charge = (int64_t)gen_rng_range(&r, 49, 490) * 10;
        if (!doc->minor)
                charge -= charge % 100;
        base[0] += charge - allowance;
        for (int k = 0; k < n_rates; k++)
                tax[k] = pct_of(base[k], rates[k]);
        doc->subtotal = base[0] + base[1];
        doc->tax = tax[0] + tax[1];
        doc->total = doc->subtotal + doc->tax;
        if (CHANCE(&r, 25)) {
                static const int parts[] = { 20, 30, 50 };

                prepaid = CHANCE(&r, 60) ? gen_round_div(doc->total * parts[gen_rng_range(&r, 0, 2)], 100) :
                        (int64_t)gen_rng_range(&r, 1, 20) * 50 * (doc->minor ? 100 : 1);
                if (prepaid >= doc->total)
                        prepaid = 0;
        }
        summary = CHANCE(&r, 30);

        if (allowance || charge || CHANCE(&r, 25))
                add_row(doc, g_strdup(gen_pick_wording(&r, w->lines_sum, 50, split)), lines_sum, 0, 0);
        if (allowance) {
                const char *a = gen_pick_wording(&r, w->allowance, 50, split);

                add_row(doc, g_strdup(a), -allowance, 0, 0);
        }
        if (charge)
                add_row(doc, g_strdup(gen_pick_wording(&r, w->charge, 50, split)), charge, 0, 0);
        add_row(doc, g_strdup(gen_pick_wording(&r, w->net, 40, split)), doc->subtotal, 0, 0);
        tax_tmpl = gen_pick_wording(&r, w->tax_on, 40, split);
        for (int k = 0; k < n_rates; k++) {
                char *rate = gen_dec_format(doc->numfmt, rates[k], 0);
                char *b = gen_money_format(doc, base[k], 0);

                add_row(doc, tax_line(tax_tmpl, rate, b), tax[k], 0, 0);
                g_free(rate);
                g_free(b);
        }
        if (two_rates && CHANCE(&r, 60))
                add_row(doc, g_strdup(gen_pick_wording(&r, w->tax_total, 50, split)), doc->tax, 0, 0);
        add_row(doc, g_strdup(gen_pick_wording(&r, w->gross, 40, split)), doc->total, !prepaid, 1);
        if (prepaid) {
                add_row(doc, g_strdup(gen_pick_wording(&r, w->prepaid, 40, split)), -prepaid, 0, 0);
                add_row(doc, g_strdup(gen_pick_wording(&r, w->due, 40, split)), doc->total - prepaid, 1, 1);
        } else if (CHANCE(&r, 25)) {
                add_row(doc, g_strdup(gen_pick_wording(&r, w->due, 40, split)), doc->total, 1, 1);
        }
        if (summary) {
                doc->n_summary = (size_t)n_rates;
                for (int k = 0; k < 4; k++)
                        doc->summary_head[k] = w->head[k];
                for (int k = 0; k < n_rates; k++) {
                        doc->summary[k].rate = rates[k];
                        doc->summary[k].base = base[k];
                        doc->summary[k].tax = tax[k];
                }
        }
        doc->rich_totals = 1;
}
