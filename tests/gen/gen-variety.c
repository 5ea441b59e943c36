/* gen-variety.c: random documents for --variety 1: every country and
 * language of gen-world.c, every layout, label wordings, fonts, number and
 * date habits, receipts, and the marks and scan damage real paper carries.
 * Deterministic: the document depends only on its seed and the choice. */
#include <stdio.h>
#include <string.h>

#include "gen.h"

#define PICK(r, arr) ((arr)[gen_rng_range((r), 0, (int)G_N_ELEMENTS(arr) - 1)])

static const char *const fonts[] = {
        "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "DejaVu Sans Condensed",
        "Liberation Sans", "Liberation Serif", "Liberation Mono", "FreeSans", "FreeSerif",
        "FreeMono", "Nimbus Sans", "Nimbus Roman", "Nimbus Mono PS", "Nimbus Sans Narrow",
        "C059", "P052", "URW Bookman", "URW Gothic", "Carlito", "Sans", "Serif",
};
static const char *const mono_fonts[] = {
        "DejaVu Sans Mono", "Liberation Mono", "FreeMono", "Nimbus Mono PS", "Monospace",
};

static int chance(struct gen_rng *r, int percent)
{
        return gen_rng_range(r, 0, 99) < percent;
}

/* One of a NULL-terminated list; the first (canonical) one `first`% of
 * the time. */
static const char *pickv(struct gen_rng *r, const char *const *v, int first)
{
        int n = gen_variants(v);

        if (n <= 1 || chance(r, first))
                return v[0];
        return v[gen_rng_range(r, 0, n - 1)];
}

/* --split: an item is kept for validation documents when its list has
 * three or more and it is every third from the third on (never the first). */
int gen_held_out(int i, int n)
{
        return n >= 3 && i % 3 == 2;
}

/* pickv, but development documents never get a held-out wording. */
const char *gen_pick_wording(struct gen_rng *r, const char *const *v, int first, int split)
{
        int n = gen_variants(v), i;

        if (n <= 1 || chance(r, first))
                return v[0];
        do
                i = gen_rng_range(r, 0, n - 1);
        while (split == GEN_SPLIT_DEV && gen_held_out(i, n));
        return v[i];
}

/* One of the "|"-separated choices, the first `first`% of the time. */
static char *pick_bar(struct gen_rng *r, const char *list, int first)
{
        char **v = g_strsplit(list, "|", -1);
        int n = (int)g_strv_length(v);
        char *s = g_strdup(v[n <= 1 || chance(r, first) ? 0 : gen_rng_range(r, 0, n - 1)]);

        g_strfreev(v);
        return s;
}

/* Invoice numbers as the country's software prints them. */
static char *make_number(struct gen_rng *r, const struct gen_country *c, int year, int month)
{
        int n = gen_rng_range(r, 1, 99999), k = gen_rng_range(r, 0, 9);
        const char *cc = c->cc;

        if (k < 4) {
                if (strcmp(cc, "PL") == 0)
                        return g_strdup_printf("FV/%d/%02d/%d", n % 1000, month, year);
                if (strcmp(cc, "IT") == 0)
                        return g_strdup_printf("%d/%d", n % 2000, year);
                if (strcmp(cc, "PT") == 0)
                        return g_strdup_printf("FT %d/%d", year, n % 5000);
                if (strcmp(cc, "BG") == 0)
                        return g_strdup_printf("%010d", n);
                if (strcmp(cc, "CZ") == 0 || strcmp(cc, "SK") == 0)
                        return g_strdup_printf("%d%04d", year, n % 10000);
                if (strcmp(cc, "LT") == 0)
                        return g_strdup_printf("%s %06d", k % 2 ? "AAB" : "VKS", n);
                if (strcmp(cc, "LV") == 0)
                        return g_strdup_printf("RK-%d/%04d", year % 100, n % 10000);
                if (strcmp(cc, "DE") == 0 || strcmp(cc, "AT") == 0)
                        return g_strdup_printf("RE-%d-%04d", year, n % 10000);
                if (strcmp(cc, "FR") == 0)
                        return g_strdup_printf("F%d-%04d", year, n % 10000);
                if (strcmp(cc, "ES") == 0)
                        return g_strdup_printf("FAC-%d-%03d", year, n % 1000);
                if (strcmp(cc, "HU") == 0)
                        return g_strdup_printf("SZ-%d-%05d", year, n);
                if (strcmp(cc, "RO") == 0)
                        return g_strdup_printf("FCT %05d", n);
                if (strcmp(cc, "HR") == 0 || strcmp(cc, "SI") == 0)
                        return g_strdup_printf("%d-%d-%d", n % 1000, 1 + k % 3, 1 + n % 9);
                if (strcmp(cc, "GR") == 0)
                        return g_strdup_printf("A%05d", n);
        }
        switch (k % 7) {
        case 0:
                return g_strdup_printf("INV-%05d", n);
        case 1:
                return g_strdup_printf("%d-%04d", year, n % 10000);
        case 2:
                return g_strdup_printf("%d", 10000 + n);
        case 3:
                return g_strdup_printf("%d/%03d", year, n % 1000);
        case 4:
                return g_strdup_printf("%06d", n);
        case 5:
                return g_strdup_printf("%d%05d", year % 100, n);
        default:
                return g_strdup_printf("%c%d-%04d", 'A' + n % 6, year % 100, n % 10000);
        }
}

/* The original mix's PO numbers, and three more kinds. */
static char *make_po(struct gen_rng *r)
{
        switch (gen_rng_range(r, 0, 7)) {
        case 0:
                return g_strdup_printf("ORD-%06d", gen_rng_range(r, 1, 999999));
        case 1:
                return g_strdup_printf("%d", gen_rng_range(r, 100000, 999999));
        case 2:
                return g_strdup_printf("K-%d-%04d", gen_rng_range(r, 24, 26),
                                       gen_rng_range(r, 1, 9999));
        default:
                return gen_po_number(r);
        }
}

static int parse_dec_list(struct gen_rng *r, const char *list, struct gen_dec *ret)
{
        char *s = pick_bar(r, list, 50);
        int rc = gen_dec_parse(s, ret);

        g_free(s);
        return rc;
}

static int parse_fmt(const char *s, int (*parse)(const char *, int *))
{
        int v = 0;

        return parse(s, &v) < 0 ? 0 : v;
}

static void variety_parties(struct gen_rng *r, struct gen_doc *doc, const struct gen_country *c,
                            int receipt, int split)
{
        int n = gen_variants(c->stems), k;
        const char *stem, *cstem;

        /* Validation documents come from held-out vendors only. */
        do
                k = gen_rng_range(r, 0, n - 1);
        while ((split == GEN_SPLIT_DEV && gen_held_out(k, n)) ||
               (split == GEN_SPLIT_VAL && !gen_held_out(k, n)));
        stem = c->stems[k];

        doc->vendor = gen_fill(pickv(r, c->forms, 40), &stem, 1);
        g_ptr_array_add(doc->vendor_address, g_strdup(pickv(r, c->streets, 0)));
        g_ptr_array_add(doc->vendor_address, g_strdup(pickv(r, c->cities, 0)));
        if (chance(r, receipt ? 20 : 45)) {
                GString *sl = g_string_new(NULL);

                for (const char *p = stem; *p && *p != ' '; p++)
                        if (g_ascii_isalnum(*p))
                                g_string_append_c(sl, g_ascii_tolower(*p));
                if (sl->len < 3)
                        g_string_append(sl, "firma");
                g_ptr_array_add(doc->vendor_address,
                                g_strdup_printf("%s@%s.%s", chance(r, 50) ? "info" : "office",
                                                sl->str, c->tld));
                g_string_free(sl, TRUE);
        }
        if (chance(r, 40))
                g_ptr_array_add(doc->vendor_address,
                                g_strdup_printf("Tel. %s %d %d %d", c->phone,
                                                gen_rng_range(r, 10, 99), gen_rng_range(r, 100, 999),
                                                gen_rng_range(r, 1000, 9999)));
        if (strcmp(c->cc, "IS") == 0) {
                char *kt = gen_kennitala(r);

                doc->extra_id = g_strdup_printf("Kt. %s", kt);
                g_free(kt);
        }
        if (strcmp(c->cc, "US") != 0 || chance(r, 50)) {
                doc->vat_id = gen_vat_id(r, c->cc);
                doc->vat_id_label = g_strdup(c->vat_label ? pickv(r, c->vat_label, 50) :
                                             doc->labels[GEN_L_VAT_ID]);
        }
        if (c->iban && !receipt) {
                char *bic = gen_letters(r, 4);

                doc->bank = g_strdup(pickv(r, c->banks, 0));
                doc->iban = gen_iban(r, c->cc, c->iban);
                doc->bic = g_strdup_printf("%s%s%s", bic, c->cc, chance(r, 50) ? "XX" : "2X");
                g_free(bic);
        } else if (!receipt) {
                doc->bank = g_strdup_printf("%s, ABA %09d, Acct %010d", pickv(r, c->banks, 0),
                                            gen_rng_range(r, 10000000, 99999999),
                                            gen_rng_range(r, 1, 999999999));
        }
        if (receipt)
                return;
        do
                cstem = c->stems[gen_rng_range(r, 0, gen_variants(c->stems) - 1)];
        while (cstem == stem);
        g_ptr_array_add(doc->bill_to, gen_fill(pickv(r, c->forms, 40), &cstem, 1));
        g_ptr_array_add(doc->bill_to, g_strdup(pickv(r, c->streets, 0)));
        g_ptr_array_add(doc->bill_to, g_strdup(pickv(r, c->cities, 0)));
}

static void variety_lines(struct gen_rng *r, struct gen_doc *doc, int receipt)
{
        const struct gen_langdef *ld = gen_langdef(doc->lang);
        const char *const *descs = receipt ? ld->shop : ld->desc;
        int nd = gen_variants(descs);
        int n = gen_rng_range(r, receipt ? 2 : 1, MIN(nd, receipt ? 10 : 8));
        int used[64] = { 0 };

        doc->n_lines = (size_t)n;
        doc->lines = g_new0(struct gen_line, (size_t)n);
        doc->subtotal = 0;
        for (int i = 0; i < n; i++) {
                struct gen_line *l = &doc->lines[i];
                int k;

                do
                        k = gen_rng_range(r, 0, nd - 1);
                while (used[k]);
                used[k] = 1;
                l->description = g_strdup(descs[k]);
                if (receipt) {
                        int size = gen_rng_range(r, 0, 99);
                        int cents = size < 70 ? gen_rng_range(r, 30, 999) : size < 95 ?
                                gen_rng_range(r, 1000, 2999) : gen_rng_range(r, 3000, 7999);

                        l->quantity = (struct gen_dec){ chance(r, 70) ? 1 : gen_rng_range(r, 2, 4), 0 };
                        /* Whole-unit currencies (HUF, ISK): a hundred times the cents. */
                        l->unit_price = doc->minor ? (struct gen_dec){ cents, 2 } :
                                (struct gen_dec){ cents - cents % 10, 0 };
                } else {
                        l->quantity = gen_random_quantity(r);
                        l->unit_price = gen_random_price(r, doc->minor, l->quantity);
                        if (l->unit_price.v > 50000 && l->quantity.scale == 0 && l->quantity.v > 10)
                                l->quantity.v = gen_rng_range(r, 1, 10);
                }
                l->amount = gen_line_amount(l->quantity, l->unit_price, doc->minor);
                doc->subtotal += l->amount;
        }
}

static char *tax_label(struct gen_rng *r, struct gen_doc *doc, const struct gen_country *c,
                       struct gen_dec rate)
{
        const char *word = c->tax_word ? pickv(r, c->tax_word, 50) : doc->labels[GEN_L_TAX];
        char *num = gen_dec_format(doc->numfmt, rate, 0), *out;
        const char *pct = doc->lang == GEN_FR ? " %" : "%";

        switch (gen_rng_range(r, 0, 5)) {
        case 0:
                out = g_strdup_printf("%s (%s%s)", word, num, pct);
                break;
        case 1:
                out = g_strdup_printf("%s%s %s", num, pct, word);
                break;
        default:
                out = g_strdup_printf("%s %s%s", word, num, pct);
                break;
        }
        g_free(num);
        return out;
}

struct gen_doc *gen_doc_variety(uint64_t seed, const struct gen_choice *ch)
{
        static const int term_days[] = { 7, 10, 14, 14, 21, 30, 30, 30, 45, 60 };
        struct gen_doc *doc = gen_doc_new();
        const struct gen_langdef *ld;
        const struct gen_country *c;
        const struct gen_layout *lay;
        struct gen_rng r;
        struct gen_dec rate;
        char *s;
        int n_all, k, receipt, days, split = ch ? ch->split : GEN_SPLIT_NONE;

        gen_rng_init(&r, seed ^ UINT64_C(0x7a41e7c0ffee));
        if (ch && ch->n_countries > 0) {
                c = ch->countries[gen_rng_range(&r, 0, ch->n_countries - 1)];
        } else {
                const struct gen_country *all = gen_countries(&n_all);

                c = &all[gen_rng_range(&r, 0, n_all - 1)];
        }
        if (ch && ch->n_layouts > 0)
                doc->layout = ch->layouts[gen_rng_range(&r, 0, ch->n_layouts - 1)];
        else
                do
                        doc->layout = gen_rng_range(&r, 0, gen_n_layouts - 1);
                while (split == GEN_SPLIT_DEV &&
                       (strcmp(gen_layouts[doc->layout].name, "two-column-header") == 0 ||
                        strcmp(gen_layouts[doc->layout].name, "leaders") == 0));
        lay = &gen_layouts[doc->layout];
        receipt = lay->kind == GEN_KIND_RECEIPT;
        doc->lang = c->lang;
        doc->country = g_strdup(c->cc);
        doc->locale = gen_country_locale(c);
        ld = gen_langdef(doc->lang);
        for (int i = 0; i < GEN_N_LABEL; i++)
                doc->labels[i] = gen_pick_wording(&r, ld->label[i], 35, split);

        doc->invoice_date = gen_date_add((struct gen_date){ 2025, 1, 1 }, gen_rng_range(&r, 0, 729));
        /* Bulgaria adopted the euro on 1 January 2026. */
        if (strcmp(c->cc, "BG") == 0 && doc->invoice_date.y < 2026)
                doc->currency = g_strdup("BGN");
        else
                doc->currency = g_strdup(strcmp(c->currency, "BGN") == 0 ? "EUR" : c->currency);
        doc->minor = gen_currency_minor(doc->currency);
        variety_parties(&r, doc, c, receipt, split);

        doc->invoice_number = make_number(&r, c, doc->invoice_date.y, doc->invoice_date.m);
        if (!receipt) {
                days = PICK(&r, term_days);
                k = gen_rng_range(&r, 0, 99);
                if (k < 35 || (k >= 60 && k < 80))
                        doc->has_due_date = 1;
                if (k >= 35 && k < 80) {
                        char dtext[16];
                        const char *dp = dtext;
                        snprintf(dtext, sizeof(dtext), "%d", days);
                        doc->terms = gen_fill(pickv(&r, ld->terms, 30), &dp, 1);
                        doc->terms_days = days;
                }
                if (doc->has_due_date)
                        doc->due_date = gen_date_add(doc->invoice_date, days);
                if (chance(&r, 65))
                        doc->po_number = make_po(&r);
                if (chance(&r, 30))
                        doc->customer_number = g_strdup_printf(chance(&r, 50) ? "C-%05d" : "%06d",
                                                               gen_rng_range(&r, 100, 99999));
        } else {
                doc->time = g_strdup_printf("%02d:%02d", gen_rng_range(&r, 7, 21),
                                            gen_rng_range(&r, 0, 59));
        }

        variety_lines(&r, doc, receipt);
        if (parse_dec_list(&r, c->rates, &rate) < 0)
                rate = (struct gen_dec){ 20, 0 };
        {
                int64_t den = 100;

                for (int i = 0; i < rate.scale; i++)
                        den *= 10;
                doc->tax = gen_round_div(doc->subtotal * rate.v, den);
        }
        doc->tax_rate = rate;
        doc->total = doc->subtotal + doc->tax;
        doc->total_bare = receipt && chance(&r, 40);
        if (receipt && chance(&r, 60)) {
                static const int notes[] = { 5, 10, 20, 50, 100 };
                int64_t unit = doc->minor ? 100 : 1, step = PICK(&r, notes) * unit;

                if (!doc->minor)
                        step *= 100;
                doc->cash = (doc->total / step + 1) * step;
        }

        s = pick_bar(&r, c->datefmts, 55);
        doc->datefmt = (enum gen_datefmt)parse_fmt(s, gen_datefmt_parse_int);
        g_free(s);
        s = pick_bar(&r, c->numfmts, 70);
        doc->numfmt = (enum gen_numfmt)parse_fmt(s, gen_numfmt_parse_int);
        g_free(s);
        k = gen_rng_range(&r, 0, 99);
        if (c->cur_after == 2)
                doc->curstyle = k < 70 ? GEN_CUR_CODE_BEFORE : GEN_CUR_CODE_AFTER;
        else if (c->cur_after)
                doc->curstyle = k < 75 ? GEN_CUR_SYMBOL_AFTER : GEN_CUR_CODE_AFTER;
        else
                doc->curstyle = k < 75 ? GEN_CUR_SYMBOL_BEFORE : GEN_CUR_CODE_BEFORE;

        doc->title = g_strdup(doc->labels[receipt ? GEN_L_RECEIPT : GEN_L_TITLE]);
        doc->subtotal_label = g_strdup(doc->labels[GEN_L_SUBTOTAL]);
        doc->total_label = g_strdup(doc->labels[GEN_L_TOTAL]);
        doc->tax_label = tax_label(&r, doc, c, rate);
        if (receipt && chance(&r, 60))
                doc->font = g_strdup(PICK(&r, mono_fonts));
        else
                do {
                        k = gen_rng_range(&r, 0, (int)G_N_ELEMENTS(fonts) - 1);
                } while (split == GEN_SPLIT_DEV && gen_held_out(k, (int)G_N_ELEMENTS(fonts)));
        if (!doc->font)
                doc->font = g_strdup(fonts[k]);
        doc->split = split;
        if (strcmp(c->cc, "US") == 0) {
                doc->page_w = 612;
                doc->page_h = 792;
        }
        /* Scan damage, used when a scan is rendered. */
        doc->noise = (chance(&r, 25) ? GEN_NOISE_STAMP : 0) |
                (chance(&r, 25) ? GEN_NOISE_SCRIBBLE : 0) |
                (chance(&r, 15) ? GEN_NOISE_STAIN : 0) |
                (chance(&r, 10) ? GEN_NOISE_FOLD : 0);
        k = gen_rng_range(&r, 0, 99);
        doc->dpi = k < 60 ? 300 : k < 80 ? 200 : k < 90 ? 150 : 240;
        doc->jpeg_quality = chance(&r, 30) ? gen_rng_range(&r, 35, 85) : 0;
        if (ch && ch->rich_totals)
                gen_totals_rich(doc, seed, split);
        gen_doc_finish(doc);
        return doc;
}

int gen_choice_parse(const char *langs, const char *layouts, struct gen_choice *ret,
                     char **ret_err)
{
        struct gen_choice ch = { 0 };
        int n_all;
        const struct gen_country *all = gen_countries(&n_all);
        char **v;

        if (langs && *langs) {
                v = g_strsplit(langs, ",", -1);
                ch.countries = g_new0(const struct gen_country *, (size_t)n_all * g_strv_length(v) + 1);
                for (char **p = v; *p; p++) {
                        enum gen_lang l;
                        char cc[3];
                        int found = 0;

                        if (gen_locale_parse(g_strstrip(*p), &l, cc) == 0)
                                for (int i = 0; i < n_all; i++)
                                        if (all[i].lang == l && (!cc[0] || strcmp(cc, all[i].cc) == 0)) {
                                                ch.countries[ch.n_countries++] = &all[i];
                                                found = 1;
                                        }
                        if (!found) {
                                *ret_err = g_strdup_printf("unknown language '%s'", *p);
                                g_strfreev(v);
                                gen_choice_release(&ch);
                                return -1;
                        }
                }
                g_strfreev(v);
        }
        if (layouts && *layouts) {
                int *ls;

                v = g_strsplit(layouts, ",", -1);
                ls = g_new0(int, g_strv_length(v) + 1);
                ch.layouts = ls;
                for (char **p = v; *p; p++) {
                        char *end;
                        long n = strtol(g_strstrip(*p), &end, 10);
                        int found = -1;

                        if (**p && !*end && n >= 0 && n < gen_n_layouts)
                                found = (int)n;
                        for (int i = 0; found < 0 && i < gen_n_layouts; i++)
                                if (strcmp(*p, gen_layouts[i].name) == 0)
                                        found = i;
                        if (found < 0) {
                                *ret_err = g_strdup_printf("unknown layout '%s'", *p);
                                g_strfreev(v);
                                gen_choice_release(&ch);
                                return -1;
                        }
                        ls[ch.n_layouts++] = found;
                }
                g_strfreev(v);
        }
        *ret = ch;
        return 0;
}

void gen_choice_release(struct gen_choice *ch)
{
        g_free(ch->countries);
        g_free(ch->layouts);
        ch->countries = NULL;
        ch->layouts = NULL;
}
