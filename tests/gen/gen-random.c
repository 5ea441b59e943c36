/* gen-random.c: a small deterministic PRNG and random, self-consistent
 * invoices (vendors, customers, languages, formats, lines, tax). */
#include <stdio.h>
#include <string.h>

#include "gen.h"

struct vendor_seed {
        const char *name;
        const char *street;
        const char *city;
        const char *country;    /* GB US IE DE AT CH FR BE NL ES */
        enum gen_lang lang;
        const char *bank;
};

static const struct vendor_seed vendors[] = {
        { "ACME Industrial Supplies Ltd", "1 High Street", "Leeds LS1 1AA", "GB", GEN_EN, "Barclays Bank plc" },
        { "Northbridge Office Supplies Ltd", "Unit 4, Riverside Park", "Manchester M17 1RB", "GB", GEN_EN, "HSBC UK Bank plc" },
        { "Harrow & Finch Engineering Ltd", "22 Mill Lane", "Sheffield S3 8NH", "GB", GEN_EN, "Lloyds Bank plc" },
        { "Pennine Packaging Ltd", "7 Canal Wharf", "Bradford BD1 4AB", "GB", GEN_EN, "NatWest" },
        { "Thames Valley Electrical Ltd", "Suite 2, Kings Court", "Reading RG1 3EX", "GB", GEN_EN, "Santander UK plc" },
        { "Blackwood Timber Merchants plc", "Avonside Road", "Bristol BS2 0JP", "GB", GEN_EN, "Barclays Bank plc" },
        { "Kestrel Logistics Ltd", "Hangar 3, Airport Way", "Luton LU2 9LY", "GB", GEN_EN, "Lloyds Bank plc" },
        { "Liffey Print Solutions Ltd", "Unit 9, Park West", "Dublin 12, D12 X9F2", "IE", GEN_EN, "Bank of Ireland" },
        { "Summit Fastener Supply Inc", "4100 Commerce Blvd", "Columbus, OH 43219", "US", GEN_EN, "JPMorgan Chase Bank" },
        { "Blue Ridge Paper Company LLC", "88 Industrial Pkwy", "Asheville, NC 28806", "US", GEN_EN, "Wells Fargo Bank" },
        { "Pacific Coast Janitorial Inc", "2300 Harbor Ave", "Oakland, CA 94607", "US", GEN_EN, "Bank of America" },
        { "Great Lakes Tooling Corp", "515 W Lake St", "Chicago, IL 60661", "US", GEN_EN, "PNC Bank" },
        { "Lone Star Safety Products Inc", "9800 Stemmons Fwy", "Dallas, TX 75247", "US", GEN_EN, "Frost Bank" },
        { "Granite State Software LLC", "12 Elm St", "Manchester, NH 03101", "US", GEN_EN, "Citizens Bank" },
        { "Müller Werkzeuge GmbH", "Industriestraße 12", "70565 Stuttgart", "DE", GEN_DE, "Deutsche Bank AG" },
        { "Schneider Elektrotechnik GmbH", "Hafenweg 4", "20457 Hamburg", "DE", GEN_DE, "Hamburger Sparkasse" },
        { "Becker & Söhne Metallbau GmbH & Co. KG", "Am Bahnhof 7", "50667 Köln", "DE", GEN_DE, "Commerzbank AG" },
        { "Nordlicht Bürobedarf GmbH", "Lindenallee 33", "28195 Bremen", "DE", GEN_DE, "Sparkasse Bremen" },
        { "Weber Logistik AG", "Frankfurter Ring 150", "80807 München", "DE", GEN_DE, "HypoVereinsbank" },
        { "Hoffmann Verpackungen GmbH", "Gewerbepark 9", "04109 Leipzig", "DE", GEN_DE, "Volksbank Leipzig" },
        { "Alpenblick Holztechnik GmbH", "Salzachstraße 3", "5020 Salzburg", "AT", GEN_DE, "Erste Bank" },
        { "Brunner Präzisionstechnik AG", "Bahnhofstrasse 21", "8001 Zürich", "CH", GEN_DE, "UBS Switzerland AG" },
        { "Keller Haustechnik GmbH", "Aarbergergasse 5", "3011 Bern", "CH", GEN_DE, "PostFinance AG" },
        { "Favre Équipements SA", "Rue du Rhône 40", "1204 Genève", "CH", GEN_FR, "Banque Cantonale de Genève" },
        { "Lefèvre Fournitures SARL", "14 rue de la République", "69002 Lyon", "FR", GEN_FR, "Crédit Lyonnais" },
        { "Atelier Moreau SAS", "3 avenue Jean Jaurès", "33000 Bordeaux", "FR", GEN_FR, "BNP Paribas" },
        { "Transports Girard SA", "ZI des Pins, 8 rue Ampère", "31100 Toulouse", "FR", GEN_FR, "Société Générale" },
        { "Imprimerie Laurent SARL", "27 boulevard Voltaire", "75011 Paris", "FR", GEN_FR, "Crédit Agricole" },
        { "Électricité Roux et Fils SAS", "5 chemin des Vignes", "13008 Marseille", "FR", GEN_FR, "Banque Populaire" },
        { "Dupont Nettoyage SPRL", "Rue Haute 112", "1000 Bruxelles", "BE", GEN_FR, "Belfius Banque" },
        { "Vandenberghe Machinebouw BV", "Industrieweg 21", "9000 Gent", "BE", GEN_NL, "KBC Bank" },
        { "De Vries Installatietechniek BV", "Kanaalweg 18", "3526 KL Utrecht", "NL", GEN_NL, "Rabobank" },
        { "Jansen Kantoorartikelen BV", "Stationsplein 5", "1012 AB Amsterdam", "NL", GEN_NL, "ING Bank N.V." },
        { "Bakker Transport BV", "Havenstraat 40", "3011 AT Rotterdam", "NL", GEN_NL, "ABN AMRO" },
        { "Van Leeuwen Verpakkingen BV", "Ambachtsweg 2", "5627 BZ Eindhoven", "NL", GEN_NL, "Rabobank" },
        { "Suministros García SL", "Calle Mayor 45", "28013 Madrid", "ES", GEN_ES, "Banco Santander" },
        { "Talleres Martínez SA", "Polígono Industrial Norte, Nave 12", "50014 Zaragoza", "ES", GEN_ES, "Ibercaja" },
        { "Distribuciones López e Hijos SL", "Avenida Diagonal 410", "08037 Barcelona", "ES", GEN_ES, "CaixaBank" },
        { "Ferretería Sánchez SL", "Calle de Colón 8", "46004 Valencia", "ES", GEN_ES, "BBVA" },
        { "Limpiezas Navarro SL", "Calle Sierpes 22", "41004 Sevilla", "ES", GEN_ES, "Banco Sabadell" },
};

struct customer_seed {
        const char *name;
        const char *street;
        const char *city;
};

static const struct customer_seed customers[] = {
        { "Globex Corp", "742 Evergreen Terrace", "Springfield SP1 2AB" },
        { "Initech Ltd", "4120 Freidrich Lane", "Austin, TX 78744" },
        { "Umbrella Logistics GmbH", "Kaiserstraße 77", "60329 Frankfurt am Main" },
        { "Stark Components BV", "Prinsengracht 263", "1016 GV Amsterdam" },
        { "Wayne Facilities Inc", "1007 Mountain Drive", "Gotham, NJ 07001" },
        { "Hooli Europe SARL", "10 place Vendôme", "75001 Paris" },
        { "Cyberdyne Systems SL", "Calle de Alcalá 120", "28009 Madrid" },
        { "Tyrell Manufacturing Ltd", "9 Dockside Road", "Glasgow G51 1AA" },
        { "Soylent Foods AG", "Seefeldstrasse 88", "8008 Zürich" },
        { "Wonka Confectionery Ltd", "1 Chocolate Way", "York YO1 7HH" },
        { "Vandelay Industries Inc", "129 W 81st St", "New York, NY 10024" },
        { "Oceanic Airlines SA", "Avenue Louise 54", "1050 Bruxelles" },
        { "Massive Dynamic GmbH", "Friedrichstraße 200", "10117 Berlin" },
        { "Dunder Mifflin Paper Co", "1725 Slough Avenue", "Scranton, PA 18505" },
        { "Aperture Labs BV", "Laan van Meerdervoort 52", "2517 AM Den Haag" },
        { "Nakatomi Trading Ltd", "Canary Wharf, 25 Bank Street", "London E14 5JP" },
};

static const char *const desc_en[] = {
        "Steel bolts M8 x 40", "Hex nuts M8, zinc plated", "Copy paper A4 80gsm",
        "Toner cartridge 305A black", "Safety gloves, nitrile, size L",
        "Pallet wrap 500mm x 300m", "Installation labour (hours)",
        "Freight and handling", "Annual software licence - Standard edition",
        "Quarterly maintenance visit for HVAC units on site, including filters and inspection report",
        "Cable ties 300mm black (pack of 100)", "LED panel 600x600 40W",
        "Corrugated boxes 400x300x300, double wall, printed with customer logo",
        "Hydraulic hose assembly 1/2in x 2m", "Office cleaning services, monthly",
        "Consulting services - requirements workshop", "Hi-vis vest, class 2, yellow",
        "Printer paper A3 (box of 5 reams)", "Replacement filter cartridges",
        "Stainless steel washers M10", "Forklift hire (days)",
        "Site survey and written recommendations for the warehouse racking layout",
        "USB-C docking station", "Ergonomic office chair, black mesh",
};

static const char *const desc_de[] = {
        "Sechskantschrauben M8 x 40", "Kopierpapier A4 80 g/m²",
        "Montagearbeiten (Stunden)", "Fracht und Verpackung",
        "Wartung der Klimaanlage gemäß Wartungsvertrag, inklusive Filterwechsel",
        "Schutzhandschuhe Nitril, Größe 9", "Kabelbinder 300 mm schwarz",
        "Palettenstretchfolie 500 mm",
};

static const char *const desc_fr[] = {
        "Vis à tête hexagonale M8 x 40", "Ramettes papier A4 80 g",
        "Main d'œuvre installation (heures)", "Frais de port et emballage",
        "Contrat d'entretien trimestriel des climatiseurs, pièces et déplacement compris",
        "Gants de protection nitrile, taille L", "Colliers de serrage 300 mm",
        "Cartons double cannelure 400x300x300",
};

static const char *const desc_nl[] = {
        "Zeskantbouten M8 x 40", "Kopieerpapier A4 80 g", "Montage-uren",
        "Verzendkosten", "Onderhoud klimaatinstallatie volgens contract, inclusief filters en rapportage",
        "Werkhandschoenen nitril, maat L", "Kabelbinders 300 mm zwart",
        "Verhuisdozen dubbelgolf",
};

static const char *const desc_es[] = {
        "Tornillos hexagonales M8 x 40", "Papel de copia A4 80 g",
        "Mano de obra instalación (horas)", "Portes y embalaje",
        "Mantenimiento trimestral de equipos de climatización, incluye filtros e informe",
        "Guantes de nitrilo, talla L", "Bridas de plástico 300 mm",
        "Cajas de cartón doble canal",
};

static const char *const en_totals[] = { "Total", "Total", "Total Due", "Amount Due",
                                         "Invoice Total" };

void gen_rng_init(struct gen_rng *r, uint64_t seed)
{
        r->s = seed ^ UINT64_C(0x9e3779b97f4a7c15);
        (void)gen_rng_next(r);
}

/* splitmix64: small, fast and good enough for test data. */
uint64_t gen_rng_next(struct gen_rng *r)
{
        uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));

        z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
        return z ^ (z >> 31);
}

int gen_rng_range(struct gen_rng *r, int lo, int hi)
{
        return lo + (int)(gen_rng_next(r) % (uint64_t)(hi - lo + 1));
}

double gen_rng_double(struct gen_rng *r)
{
        return (double)(gen_rng_next(r) >> 11) / 9007199254740992.0;
}

static int chance(struct gen_rng *r, int percent)
{
        return gen_rng_range(r, 0, 99) < percent;
}

#define PICK(r, arr) ((arr)[gen_rng_range((r), 0, (int)G_N_ELEMENTS(arr) - 1)])

static char *digits(struct gen_rng *r, int n)
{
        char *s = g_malloc((size_t)n + 1);

        for (int i = 0; i < n; i++)
                s[i] = (char)('0' + gen_rng_range(r, 0, 9));
        s[n] = '\0';
        return s;
}

char *gen_letters(struct gen_rng *r, int n)
{
        char *s = g_malloc((size_t)n + 1);

        for (int i = 0; i < n; i++)
                s[i] = (char)('A' + gen_rng_range(r, 0, 25));
        s[n] = '\0';
        return s;
}

/* An IBAN with correct ISO 13616 check digits, printed in groups of four. */
static char *make_iban(struct gen_rng *r, const char *cc)
{
        char *bban, *a, *b, *raw;
        GString *out;
        int rem = 0;
        char check[8];

        if (strcmp(cc, "GB") == 0 || strcmp(cc, "IE") == 0) {
                a = gen_letters(r, 4);
                b = digits(r, 14);
        } else if (strcmp(cc, "NL") == 0) {
                a = gen_letters(r, 4);
                b = digits(r, 10);
        } else {
                static const struct { const char *cc; int n; } lens[] = {
                        { "DE", 18 }, { "AT", 16 }, { "CH", 17 }, { "FR", 23 },
                        { "BE", 12 }, { "ES", 20 },
                };
                int n = 18;

                for (size_t i = 0; i < G_N_ELEMENTS(lens); i++)
                        if (strcmp(cc, lens[i].cc) == 0)
                                n = lens[i].n;
                a = g_strdup("");
                b = digits(r, n);
        }
        bban = g_strconcat(a, b, NULL);
        raw = g_strconcat(bban, cc, "00", NULL);
        for (const char *p = raw; *p; p++) {
                if (g_ascii_isdigit(*p))
                        rem = (rem * 10 + (*p - '0')) % 97;
                else
                        rem = (rem * 100 + (*p - 'A' + 10)) % 97;
        }
        snprintf(check, sizeof(check), "%02d", 98 - rem);
        g_free(raw);
        raw = g_strconcat(cc, check, bban, NULL);
        out = g_string_new(NULL);
        for (size_t i = 0; raw[i]; i++) {
                if (i > 0 && i % 4 == 0)
                        g_string_append_c(out, ' ');
                g_string_append_c(out, raw[i]);
        }
        g_free(a);
        g_free(b);
        g_free(bban);
        g_free(raw);
        return g_string_free(out, FALSE);
}

static char *make_vat_id(struct gen_rng *r, const char *cc)
{
        char *d, *out;

        if (strcmp(cc, "US") == 0) {
                d = digits(r, 9);
                out = g_strdup_printf("%.2s-%s", d, d + 2);
        } else if (strcmp(cc, "CH") == 0) {
                d = digits(r, 9);
                out = g_strdup_printf("CHE-%.3s.%.3s.%.3s MWST", d, d + 3, d + 6);
        } else if (strcmp(cc, "NL") == 0) {
                d = digits(r, 9);
                out = g_strdup_printf("NL%sB01", d);
        } else if (strcmp(cc, "ES") == 0) {
                d = digits(r, 8);
                out = g_strdup_printf("ESB%s", d);
        } else if (strcmp(cc, "AT") == 0) {
                d = digits(r, 8);
                out = g_strdup_printf("ATU%s", d);
        } else if (strcmp(cc, "FR") == 0) {
                d = digits(r, 11);
                out = g_strdup_printf("FR%s", d);
        } else if (strcmp(cc, "BE") == 0) {
                d = digits(r, 9);
                out = g_strdup_printf("BE0%s", d);
        } else if (strcmp(cc, "IE") == 0) {
                d = digits(r, 7);
                out = g_strdup_printf("IE%sT", d);
        } else {
                d = digits(r, 9);
                out = g_strdup_printf("%s%s", cc, d);
        }
        g_free(d);
        return out;
}

static char *make_invoice_number(struct gen_rng *r, enum gen_lang lang, int year)
{
        int n = gen_rng_range(r, 1, 99999);

        switch (gen_rng_range(r, 0, 7)) {
        case 0:
                return g_strdup_printf("INV-%05d", n);
        case 1:
                return g_strdup_printf("%d-%04d", year, n % 10000);
        case 2:
                if (lang == GEN_DE)
                        return g_strdup_printf("RE-%d-%04d", year, n % 10000);
                if (lang == GEN_FR)
                        return g_strdup_printf("F%d-%04d", year, n % 10000);
                if (lang == GEN_ES)
                        return g_strdup_printf("FAC-%d-%03d", year, n % 1000);
                return g_strdup_printf("SI-%06d", n);
        case 3:
                return g_strdup_printf("FV-%06d", n);
        case 4:
                return g_strdup_printf("INV/%d/%03d", year, n % 1000);
        case 5:
                return g_strdup_printf("%06d", n + 100000);
        case 6:
                return g_strdup_printf("A%d%05d", year % 100, n);
        default:
                return g_strdup_printf("%d%05d", year, n);
        }
}

char *gen_po_number(struct gen_rng *r)
{
        switch (gen_rng_range(r, 0, 4)) {
        case 0:
                return g_strdup_printf("PO-%04d", gen_rng_range(r, 1000, 9999));
        case 1:
                return g_strdup_printf("45%08d", gen_rng_range(r, 0, 99999999));
        case 2:
                return g_strdup_printf("PO/%d/%03d", gen_rng_range(r, 2024, 2026),
                                       gen_rng_range(r, 1, 999));
        case 3:
                return g_strdup_printf("BE-%05d", gen_rng_range(r, 10000, 99999));
        default:
                return g_strdup_printf("P%06d", gen_rng_range(r, 1, 999999));
        }
}

static char *make_terms(struct gen_rng *r, enum gen_lang lang, int days)
{
        int v = gen_rng_range(r, 0, 2);

        switch (lang) {
        case GEN_DE:
                return v ? g_strdup_printf("%d Tage netto", days) :
                        g_strdup_printf("Zahlbar innerhalb von %d Tagen", days);
        case GEN_FR:
                return v ? g_strdup_printf("%d jours net", days) :
                        g_strdup_printf("Paiement à %d jours", days);
        case GEN_NL:
                return v ? g_strdup_printf("%d dagen netto", days) :
                        g_strdup_printf("Betaling binnen %d dagen", days);
        case GEN_ES:
                return v ? g_strdup_printf("%d días netos", days) :
                        g_strdup_printf("Pago a %d días", days);
        default:
                if (v == 0)
                        return g_strdup_printf("Net %d", days);
                if (v == 1)
                        return g_strdup_printf("%d days net", days);
                return g_strdup_printf("Payment within %d days", days);
        }
}

/* Picks a description not yet on this invoice (tries a few times). */
static const char *pick_desc(struct gen_rng *r, enum gen_lang lang,
                             const struct gen_line *done, int n_done)
{
        const char *d = NULL;

        for (int tries = 0; tries < 8; tries++) {
                int dup = 0;

                if (lang == GEN_EN || chance(r, 30))
                        d = PICK(r, desc_en);
                else if (lang == GEN_DE)
                        d = PICK(r, desc_de);
                else if (lang == GEN_FR)
                        d = PICK(r, desc_fr);
                else if (lang == GEN_NL)
                        d = PICK(r, desc_nl);
                else
                        d = PICK(r, desc_es);
                for (int i = 0; i < n_done; i++)
                        dup |= strcmp(done[i].description, d) == 0;
                if (!dup)
                        break;
        }
        return d;
}

static struct gen_dec random_quantity(struct gen_rng *r)
{
        static const int bulk[] = { 100, 150, 200, 250, 500, 1000, 1200, 2500 };
        int k = gen_rng_range(r, 0, 99);

        if (k < 65)
                return (struct gen_dec){ gen_rng_range(r, 1, k < 35 ? 5 : 60), 0 };
        if (k < 82)
                return (struct gen_dec){ PICK(r, bulk), 0 };
        if (k < 94)
                return (struct gen_dec){ gen_rng_range(r, 2, 80) * 5, 1 };   /* 0.5 .. 40.0 */
        return (struct gen_dec){ gen_rng_range(r, 101, 9999), 2 };         /* 1.01 .. 99.99 */
}

/* Unit prices spread over 0.05 .. 2500.00, log-uniform-ish; bulk
 * quantities get cheap items. */
static struct gen_dec random_price(struct gen_rng *r, int minor, struct gen_dec qty)
{
        static const int tops[] = { 100, 1000, 10000, 10000, 50000, 250000 };
        int top = tops[gen_rng_range(r, 0, qty.scale == 0 && qty.v >= 100 ? 1 : 5)];
        int cents = gen_rng_range(r, 5, top);

        if (chance(r, 30))
                cents -= cents % 100;           /* a round price */
        if (cents < 5)
                cents = 5 + gen_rng_range(r, 0, 95);
        if (minor == 0)
                return (struct gen_dec){ cents, 0 };
        return (struct gen_dec){ cents, 2 };
}

static int pick_rate(struct gen_rng *r, const char *cc)
{
        static const int gb[] = { 20, 20, 20, 5, 0 }, us[] = { 0, 5, 7, 10 },
                de[] = { 19, 19, 19, 7 }, at[] = { 20, 10 }, ch[] = { 7, 0 },
                fr[] = { 20, 20, 10, 5 }, nl[] = { 21, 21, 0 },
                es[] = { 21, 21, 10 }, ie[] = { 21, 0 };

        if (strcmp(cc, "US") == 0)
                return PICK(r, us);
        if (strcmp(cc, "DE") == 0)
                return PICK(r, de);
        if (strcmp(cc, "AT") == 0)
                return PICK(r, at);
        if (strcmp(cc, "CH") == 0)
                return PICK(r, ch);
        if (strcmp(cc, "FR") == 0)
                return PICK(r, fr);
        if (strcmp(cc, "NL") == 0 || strcmp(cc, "BE") == 0)
                return PICK(r, nl);
        if (strcmp(cc, "ES") == 0)
                return PICK(r, es);
        if (strcmp(cc, "IE") == 0)
                return PICK(r, ie);
        return PICK(r, gb);
}

static enum gen_datefmt pick_datefmt(struct gen_rng *r, const struct vendor_seed *v)
{
        int k = gen_rng_range(r, 0, 99);

        if (strcmp(v->country, "US") == 0)
                return k < 60 ? GEN_DATE_MDY_SLASH : k < 85 ? GEN_DATE_MONTH_D_Y :
                        k < 95 ? GEN_DATE_MON_D_Y : GEN_DATE_ISO;
        switch (v->lang) {
        case GEN_EN:
                return k < 50 ? GEN_DATE_DMY_SLASH : k < 75 ? GEN_DATE_D_MON_Y :
                        k < 90 ? GEN_DATE_D_MONTH_Y : GEN_DATE_ISO;
        case GEN_DE:
                return k < 70 ? GEN_DATE_DMY_DOT : k < 90 ? GEN_DATE_D_MONTH_Y :
                        GEN_DATE_ISO;
        case GEN_FR:
                if (strcmp(v->country, "CH") == 0 && k < 50)
                        return GEN_DATE_DMY_DOT;
                return k < 70 ? GEN_DATE_DMY_SLASH : k < 95 ? GEN_DATE_D_MONTH_Y :
                        GEN_DATE_ISO;
        case GEN_NL:
                return k < 50 ? GEN_DATE_DMY_DASH : k < 75 ? GEN_DATE_D_MONTH_Y :
                        k < 90 ? GEN_DATE_ISO : GEN_DATE_DMY_SLASH;
        default:
                return k < 75 ? GEN_DATE_DMY_SLASH : k < 95 ? GEN_DATE_D_MONTH_Y :
                        GEN_DATE_ISO;
        }
}

static const char *country_currency(const char *cc)
{
        if (strcmp(cc, "GB") == 0)
                return "GBP";
        if (strcmp(cc, "US") == 0)
                return "USD";
        if (strcmp(cc, "CH") == 0)
                return "CHF";
        return "EUR";
}

static char *slug(const char *name)
{
        GString *s = g_string_new(NULL);

        for (const char *p = name; *p && *p != ' '; p++)
                if (g_ascii_isalnum(*p))
                        g_string_append_c(s, g_ascii_tolower(*p));
        if (s->len < 3)
                g_string_append(s, "trade");
        return g_string_free(s, FALSE);
}

static const struct country_info {
        const char *cc, *tld, *phone;
} countries[] = {
        { "GB", "co.uk", "+44" }, { "US", "com", "+1" }, { "IE", "ie", "+353" },
        { "DE", "de", "+49" }, { "AT", "at", "+43" }, { "CH", "ch", "+41" },
        { "FR", "fr", "+33" }, { "BE", "be", "+32" }, { "NL", "nl", "+31" },
        { "ES", "es", "+34" },
};

static const struct country_info *country(const char *cc)
{
        for (size_t i = 0; i < G_N_ELEMENTS(countries); i++)
                if (strcmp(countries[i].cc, cc) == 0)
                        return &countries[i];
        return &countries[1];
}

static void random_parties(struct gen_rng *r, struct gen_doc *doc,
                           const struct vendor_seed *v)
{
        const struct customer_seed *c = &PICK(r, customers);
        char *s;

        doc->vendor = g_strdup(v->name);
        g_ptr_array_add(doc->vendor_address, g_strdup(v->street));
        g_ptr_array_add(doc->vendor_address, g_strdup(v->city));
        if (chance(r, 50)) {
                s = slug(v->name);
                g_ptr_array_add(doc->vendor_address,
                                g_strdup_printf("%s@%s.%s",
                                                chance(r, 50) ? "accounts" : "info",
                                                s, country(v->country)->tld));
                g_free(s);
        }
        if (chance(r, 40)) {
                s = digits(r, 9);
                g_ptr_array_add(doc->vendor_address,
                                g_strdup_printf("Tel. %s %.2s %.3s %s",
                                                country(v->country)->phone, s, s + 2,
                                                s + 5));
                g_free(s);
        }
        if (strcmp(v->country, "US") == 0) {
                if (chance(r, 50)) {
                        doc->vat_id = make_vat_id(r, "US");
                        doc->vat_id_label = g_strdup("EIN:");
                }
        } else {
                doc->vat_id = make_vat_id(r, v->country);
                if (strcmp(v->country, "CH") == 0)
                        doc->vat_id_label = g_strdup(v->lang == GEN_FR ? "N° IDE :" :
                                                     "MWST-Nr.:");
        }

        g_ptr_array_add(doc->bill_to, g_strdup(c->name));
        if (chance(r, 35))
                g_ptr_array_add(doc->bill_to, g_strdup(v->lang == GEN_EN ?
                                                       "Attn: Accounts Payable" :
                                                       v->lang == GEN_DE ?
                                                       "z. Hd. Buchhaltung" :
                                                       "Accounts Payable"));
        g_ptr_array_add(doc->bill_to, g_strdup(c->street));
        g_ptr_array_add(doc->bill_to, g_strdup(c->city));

        if (strcmp(v->country, "US") != 0) {
                char *bic = gen_letters(r, 6);

                doc->bank = g_strdup(v->bank);
                doc->iban = make_iban(r, v->country);
                doc->bic = g_strdup_printf("%s%.2sXX", bic, v->country);
                g_free(bic);
        } else {
                char *acct = digits(r, 10);

                doc->bank = g_strdup_printf("%s, ABA 0210%s, Acct %s", v->bank,
                                            "00021", acct);
                g_free(acct);
        }
}

static void random_lines(struct gen_rng *r, struct gen_doc *doc)
{
        int n = gen_rng_range(r, 1, 8);

        doc->n_lines = (size_t)n;
        doc->lines = g_new0(struct gen_line, (size_t)n);
        doc->subtotal = 0;
        for (int i = 0; i < n; i++) {
                struct gen_line *l = &doc->lines[i];

                l->description = g_strdup(pick_desc(r, doc->lang, doc->lines, i));
                l->quantity = random_quantity(r);
                l->unit_price = random_price(r, doc->minor, l->quantity);
                /* Expensive items come in small numbers. */
                if (l->unit_price.v > 50000 && l->quantity.scale == 0 && l->quantity.v > 10)
                        l->quantity.v = gen_rng_range(r, 1, 10);
                l->amount = gen_line_amount(l->quantity, l->unit_price, doc->minor);
                doc->subtotal += l->amount;
        }
}

struct gen_doc *gen_doc_random(uint64_t seed)
{
        static const char *const currencies[] = { "USD", "EUR", "GBP", "CHF" };
        static const char *const fonts[] = { "Sans", "Sans", "Serif", "Serif", "Monospace" };
        static const int term_days[] = { 7, 14, 14, 30, 30, 30, 45, 60 };
        struct gen_doc *doc = gen_doc_new();
        struct gen_rng r;
        const struct vendor_seed *v;
        int rate, days, k;

        gen_rng_init(&r, seed);
        v = &PICK(&r, vendors);
        doc->lang = v->lang;
        doc->currency = g_strdup(chance(&r, 12) ? PICK(&r, currencies) :
                                 country_currency(v->country));
        doc->minor = gen_currency_minor(doc->currency);
        random_parties(&r, doc, v);

        doc->invoice_date = gen_date_add((struct gen_date){ 2025, 1, 1 },
                                         gen_rng_range(&r, 0, 729));
        doc->invoice_number = make_invoice_number(&r, doc->lang, doc->invoice_date.y);
        days = PICK(&r, term_days);
        k = gen_rng_range(&r, 0, 99);
        if (k < 35 || (k >= 60 && k < 80))
                doc->has_due_date = 1;
        if (k >= 35 && k < 80) {
                doc->terms = make_terms(&r, doc->lang, days);
                doc->terms_days = days;
        }
        if (doc->has_due_date)
                doc->due_date = gen_date_add(doc->invoice_date, days);
        if (chance(&r, 60))
                doc->po_number = gen_po_number(&r);
        if (chance(&r, 30))
                doc->customer_number = g_strdup_printf("C-%05d", gen_rng_range(&r, 100, 99999));

        random_lines(&r, doc);
        rate = pick_rate(&r, v->country);
        doc->tax = gen_round_div(doc->subtotal * rate, 100);
        doc->total = doc->subtotal + doc->tax;

        doc->datefmt = pick_datefmt(&r, v);
        if (strcmp(doc->currency, "CHF") == 0 && doc->lang != GEN_EN)
                doc->numfmt = chance(&r, 70) ? GEN_NUM_CH : GEN_NUM_DE;
        else if (doc->lang == GEN_EN)
                doc->numfmt = GEN_NUM_EN;
        else if (doc->lang == GEN_FR)
                doc->numfmt = strcmp(v->country, "BE") == 0 ? GEN_NUM_DE : GEN_NUM_FR;
        else
                doc->numfmt = GEN_NUM_DE;
        if (strcmp(doc->currency, "CHF") == 0)
                doc->curstyle = chance(&r, 70) ? GEN_CUR_CODE_BEFORE : GEN_CUR_CODE_AFTER;
        else if (chance(&r, 25))
                doc->curstyle = doc->lang == GEN_EN ? GEN_CUR_CODE_BEFORE : GEN_CUR_CODE_AFTER;
        else
                doc->curstyle = doc->lang == GEN_EN ? GEN_CUR_SYMBOL_BEFORE :
                        GEN_CUR_SYMBOL_AFTER;

        if (doc->lang == GEN_EN) {
                const char *word = strcmp(v->country, "US") == 0 ?
                        (chance(&r, 50) ? "Sales Tax" : "Tax") : "VAT";

                doc->tax_label = g_strdup_printf(chance(&r, 50) ? "%s %d%%" : "%s (%d%%)",
                                                 word, rate);
                doc->total_label = g_strdup(PICK(&r, en_totals));
                k = gen_rng_range(&r, 0, 9);
                doc->title = g_strdup(k < 7 ? "INVOICE" : k < 9 ? "Invoice" :
                                      "TAX INVOICE");
        } else {
                doc->tax_label = g_strdup_printf("%s %d%s", gen_label(doc->lang, GEN_L_TAX),
                                                 rate, doc->lang == GEN_FR ? " %" : "%");
        }
        /* The original eight layouts only: old seeds keep their documents. */
        doc->layout = gen_rng_range(&r, 0, 7);
        doc->font = g_strdup(PICK(&r, fonts));
        gen_doc_finish(doc);
        return doc;
}

/* For gen-variety.c: the same quantity and price draws. */
struct gen_dec gen_random_quantity(struct gen_rng *r)
{
        return random_quantity(r);
}

struct gen_dec gen_random_price(struct gen_rng *r, int minor, struct gen_dec qty)
{
        return random_price(r, minor, qty);
}
