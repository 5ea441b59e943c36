/* gen-world.c: the countries the generator writes for (currency, number and
 * date habits, VAT rates, company names with their legal forms, addresses,
 * banks) and valid national VAT ids and IBANs, check digits included. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

#define V(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const struct gen_country countries[] = {
{ "GB", GEN_EN, NULL, "GBP", "en", "dmy_slash|d_mon_y|d_month_y|iso", "20|20|5|0",
  V("Northbridge Office Supplies", "Harrow & Finch Engineering", "Pennine Packaging",
    "Thames Valley Electrical", "Kestrel Logistics", "Blackwood Timber Merchants"),
  V("%s Ltd", "%s Limited", "%s plc"),
  V("1 High Street", "Unit 4, Riverside Park", "22 Mill Lane", "7 Canal Wharf"),
  V("Leeds LS1 1AA", "Manchester M17 1RB", "Bristol BS2 0JP", "Reading RG1 3EX"),
  V("Barclays Bank plc", "HSBC UK Bank plc", "Lloyds Bank plc"), "aaaannnnnnnnnnnnnn",
  "co.uk", "+44", NULL, NULL, 0 },
{ "IE", GEN_EN, NULL, "EUR", "en", "dmy_slash|d_month_y", "23|13|0",
  V("Liffey Print Solutions", "Shannon Valley Foods", "Atlantic Fasteners", "Wicklow Timber"),
  V("%s Ltd", "%s Limited", "%s DAC"),
  V("Unit 9, Park West", "14 Main Street", "3 Dock Road"),
  V("Dublin 12, D12 X9F2", "Cork T12 RX2F", "Galway H91 E2K6"),
  V("Bank of Ireland", "AIB"), "aaaannnnnnnnnnnnnn", "ie", "+353", NULL, NULL, 0 },
{ "IE", GEN_GA, "ga-IE", "EUR", "en", "dmy_slash|d_month_y", "23|13|0",
  V("Cló na Life", "Bia Ghleann na Sionainne", "Adhmad Chill Mhantáin", "Seirbhísí Glantacháin an Chláir"),
  V("%s Teoranta", "%s Teo."),
  V("9 Sráid Mhór", "Aonad 4, Páirc Gnó", "12 Bóthar na Trá"),
  V("Baile Átha Cliath 2", "Gaillimh H91 E2K6", "Corcaigh T12 RX2F"),
  V("Banc na hÉireann", "AIB"), "aaaannnnnnnnnnnnnn", "ie", "+353", NULL, NULL, 0 },
{ "US", GEN_EN, "en-US", "USD", "en", "mdy_slash|month_d_y|mon_d_y|iso", "0|5|7|10",
  V("Summit Fastener Supply", "Blue Ridge Paper Company", "Great Lakes Tooling",
    "Lone Star Safety Products", "Pacific Coast Janitorial"),
  V("%s Inc", "%s LLC", "%s Corp"),
  V("4100 Commerce Blvd", "88 Industrial Pkwy", "515 W Lake St"),
  V("Columbus, OH 43219", "Asheville, NC 28806", "Chicago, IL 60661"),
  V("JPMorgan Chase Bank", "Wells Fargo Bank", "PNC Bank"), NULL, "com", "+1",
  V("EIN:", "Tax ID:"), V("Sales Tax", "Tax"), 0 },
{ "MT", GEN_MT, NULL, "EUR", "en", "dmy_slash|d_month_y", "18|7|5",
  V("Mediterranean Office Supplies", "Valletta Marine Services", "Gozo Stone Works", "Island Logistics"),
  V("%s Ltd", "%s Limited", "%s p.l.c."),
  V("12 Triq il-Kbira", "45 Triq San Pawl", "8 Triq il-Merkanti"),
  V("Valletta VLT 1234", "Birkirkara BKR 4012", "Qormi QRM 3000"),
  V("Bank of Valletta", "HSBC Bank Malta"), "aaaannnnncccccccccccccccccc", "com.mt", "+356",
  NULL, NULL, 0 },
{ "MT", GEN_EN, "en-MT", "EUR", "en", "dmy_slash|d_month_y", "18|7|5",
  V("Mediterranean Office Supplies", "Valletta Marine Services", "Gozo Stone Works", "Island Logistics"),
  V("%s Ltd", "%s Limited"),
  V("12 Triq il-Kbira", "45 Triq San Pawl"), V("Valletta VLT 1234", "Birkirkara BKR 4012"),
  V("Bank of Valletta", "HSBC Bank Malta"), "aaaannnnncccccccccccccccccc", "com.mt", "+356",
  NULL, NULL, 0 },
{ "DE", GEN_DE, NULL, "EUR", "de", "dmy_dot|d_month_y|iso", "19|19|7",
  V("Müller Werkzeuge", "Schneider Elektrotechnik", "Nordlicht Bürobedarf", "Hoffmann Verpackungen",
    "Becker & Söhne Metallbau", "Weber Logistik"),
  V("%s GmbH", "%s AG", "%s GmbH & Co. KG", "%s e.K.", "%s KG"),
  V("Industriestraße 12", "Hafenweg 4", "Lindenallee 33", "Gewerbepark 9"),
  V("70565 Stuttgart", "20457 Hamburg", "04109 Leipzig", "28195 Bremen"),
  V("Deutsche Bank AG", "Commerzbank AG", "Sparkasse Bremen", "Volksbank Leipzig"),
  "nnnnnnnnnnnnnnnnnn", "de", "+49", NULL, NULL, 1 },
{ "AT", GEN_DE, "de-AT", "EUR", "de", "dmy_dot|d_month_y", "20|10",
  V("Alpenblick Holztechnik", "Donau Logistik", "Steirer Metallbau", "Tiroler Bürobedarf"),
  V("%s GmbH", "%s AG", "%s KG"),
  V("Salzachstraße 3", "Wiener Straße 88", "Herrengasse 14"),
  V("5020 Salzburg", "1100 Wien", "8010 Graz"),
  V("Erste Bank", "Raiffeisenbank", "Bank Austria"), "nnnnnnnnnnnnnnnn", "at", "+43",
  V("UID-Nr.:", "UID:"), NULL, 1 },
{ "CH", GEN_DE, "de-CH", "CHF", "ch", "dmy_dot|d_month_y", "8.1|8.1|2.6",
  V("Brunner Präzisionstechnik", "Keller Haustechnik", "Zürcher Druckerei", "Aare Logistik"),
  V("%s AG", "%s GmbH"),
  V("Bahnhofstrasse 21", "Aarbergergasse 5", "Freie Strasse 40"),
  V("8001 Zürich", "3011 Bern", "4051 Basel"),
  V("UBS Switzerland AG", "PostFinance AG", "Zürcher Kantonalbank"), "nnnnnnnnnnnnnnnnn", "ch", "+41",
  V("MWST-Nr.:", "UID:", "MWST:"), V("MWST", "MwSt."), 2 },
{ "CH", GEN_FR, "fr-CH", "CHF", "ch", "dmy_dot|dmy_slash|d_month_y", "8.1|8.1|2.6",
  V("Favre Équipements", "Léman Informatique", "Jura Mécanique", "Rochat Transports"),
  V("%s SA", "%s Sàrl"),
  V("Rue du Rhône 40", "Avenue de la Gare 12", "Rue de Bourg 7"),
  V("1204 Genève", "1003 Lausanne", "2000 Neuchâtel"),
  V("Banque Cantonale de Genève", "Banque Cantonale Vaudoise", "PostFinance SA"),
  "nnnnnnnnnnnnnnnnn", "ch", "+41", V("N° IDE :", "N° TVA :"), NULL, 2 },
{ "CH", GEN_IT, "it-CH", "CHF", "ch", "dmy_dot|dmy_slash|d_month_y", "8.1|8.1|2.6",
  V("Ticino Forniture", "Lugano Servizi Tecnici", "Bernasconi Impianti", "Ceresio Trasporti"),
  V("%s SA", "%s Sagl"),
  V("Via Nassa 5", "Viale Stazione 18", "Via Cantonale 22"),
  V("6900 Lugano", "6500 Bellinzona", "6600 Locarno"),
  V("Banca dello Stato del Cantone Ticino", "PostFinance SA"), "nnnnnnnnnnnnnnnnn", "ch", "+41",
  V("N. IVA:", "IDI:"), NULL, 2 },
{ "LU", GEN_FR, "fr-LU", "EUR", "de|fr", "dmy_slash|dmy_dot|d_month_y", "17|14|8",
  V("Moselle Logistique", "Kirchberg Services", "Ardennes Bois", "Alzette Impression"),
  V("%s S.à r.l.", "%s S.A."),
  V("12 rue de la Gare", "45 avenue de la Liberté"),
  V("L-1616 Luxembourg", "L-4001 Esch-sur-Alzette"),
  V("Spuerkeess", "BGL BNP Paribas"), "nnnccccccccccccc", "lu", "+352", NULL, NULL, 1 },
{ "FR", GEN_FR, NULL, "EUR", "fr", "dmy_slash|d_month_y|iso", "20|20|10|5.5",
  V("Lefèvre Fournitures", "Atelier Moreau", "Transports Girard", "Imprimerie Laurent",
    "Électricité Roux et Fils"),
  V("%s SARL", "%s SAS", "%s SA", "%s EURL"),
  V("14 rue de la République", "3 avenue Jean Jaurès", "27 boulevard Voltaire"),
  V("69002 Lyon", "33000 Bordeaux", "75011 Paris"),
  V("BNP Paribas", "Crédit Agricole", "Société Générale"), "nnnnnnnnnnnnnnnnnnnnnnn", "fr", "+33",
  NULL, NULL, 1 },
{ "BE", GEN_FR, "fr-BE", "EUR", "de|fr", "dmy_slash|d_month_y", "21|6",
  V("Dupont Nettoyage", "Meuse Équipements", "Ardennes Transports", "Sambre Métal"),
  V("%s SRL", "%s SA", "%s SPRL"),
  V("Rue Haute 112", "Chaussée de Namur 45"), V("1000 Bruxelles", "4000 Liège", "5000 Namur"),
  V("Belfius Banque", "BNP Paribas Fortis"), "nnnnnnnnnnnn", "be", "+32",
  V("N° TVA :", "TVA BE"), NULL, 1 },
{ "BE", GEN_NL, "nl-BE", "EUR", "de", "dmy_slash|dmy_dash|d_month_y", "21|6",
  V("Vandenberghe Machinebouw", "Schelde Logistiek", "Vlaamse Drukkerij", "Leie Installaties"),
  V("%s BV", "%s NV", "%s BVBA"),
  V("Industrieweg 21", "Kortrijksesteenweg 200"), V("9000 Gent", "2000 Antwerpen", "3000 Leuven"),
  V("KBC Bank", "Belfius Bank", "BNP Paribas Fortis"), "nnnnnnnnnnnn", "be", "+32",
  V("Btw-nr.:", "Ondernemingsnummer:"), NULL, 1 },
{ "NL", GEN_NL, NULL, "EUR", "de", "dmy_dash|d_month_y|iso|dmy_slash", "21|21|9",
  V("De Vries Installatietechniek", "Jansen Kantoorartikelen", "Bakker Transport",
    "Van Leeuwen Verpakkingen"),
  V("%s B.V.", "%s BV", "%s N.V.", "%s V.O.F."),
  V("Kanaalweg 18", "Stationsplein 5", "Havenstraat 40"),
  V("3526 KL Utrecht", "1012 AB Amsterdam", "3011 AT Rotterdam"),
  V("Rabobank", "ING Bank N.V.", "ABN AMRO"), "aaaannnnnnnnnn", "nl", "+31", NULL, NULL, 0 },
{ "ES", GEN_ES, NULL, "EUR", "de", "dmy_slash|d_month_y|dmy_dash", "21|21|10",
  V("Suministros García", "Talleres Martínez", "Distribuciones López e Hijos", "Ferretería Sánchez"),
  V("%s S.L.", "%s SL", "%s S.A.", "%s S.L.U."),
  V("Calle Mayor 45", "Avenida Diagonal 410", "Calle de Colón 8"),
  V("28013 Madrid", "08037 Barcelona", "46004 Valencia"),
  V("Banco Santander", "CaixaBank", "BBVA"), "nnnnnnnnnnnnnnnnnnnn", "es", "+34", NULL, NULL, 1 },
{ "IT", GEN_IT, NULL, "EUR", "de", "dmy_slash|d_month_y|dmy_dot", "22|22|10|4",
  V("Forniture Rossi", "Officine Meccaniche Bianchi", "Trasporti Esposito", "Tipografia Romano"),
  V("%s S.r.l.", "%s S.p.A.", "%s S.n.c.", "%s S.a.s."),
  V("Via Roma 12", "Corso Vittorio Emanuele II 45", "Via Garibaldi 8"),
  V("20121 Milano", "00184 Roma", "10121 Torino"),
  V("Intesa Sanpaolo", "UniCredit", "Banco BPM"), "annnnnnnnnnnnnnnnnnnnnn", "it", "+39",
  NULL, NULL, 1 },
{ "PT", GEN_PT, NULL, "EUR", "fr|de", "dmy_slash|dmy_dash|iso|d_month_y", "23|13|6",
  V("Ferragens Silva", "Transportes Costa", "Gráfica Ferreira", "Climatização Pereira"),
  V("%s, Lda.", "%s, S.A.", "%s Unipessoal Lda"),
  V("Rua Augusta 120", "Avenida da Liberdade 45", "Rua de Santa Catarina 300"),
  V("1100-053 Lisboa", "4000-442 Porto", "3000-123 Coimbra"),
  V("Caixa Geral de Depósitos", "Millennium bcp", "Novo Banco"), "nnnnnnnnnnnnnnnnnnnnn", "pt",
  "+351", NULL, NULL, 1 },
{ "PL", GEN_PL, NULL, "PLN", "fr|plain_comma", "dmy_dot|iso|d_month_y", "23|8|5",
  V("Kowalski Narzędzia", "Nowak Transport", "Biuro-Serwis Wiśniewski", "Zakłady Metalowe Wójcik"),
  V("%s Sp. z o.o.", "%s S.A.", "%s sp.j."),
  V("ul. Marszałkowska 84", "ul. Piotrkowska 120", "al. Jerozolimskie 65"),
  V("00-514 Warszawa", "90-006 Łódź", "31-042 Kraków"),
  V("PKO Bank Polski", "mBank", "Bank Pekao"), "nnnnnnnnnnnnnnnnnnnnnnnn", "pl", "+48",
  NULL, NULL, 1 },
{ "CZ", GEN_CS, NULL, "CZK", "fr|plain_comma", "dmy_spaced|dmy_dot|d_month_y", "21|12",
  V("Novák Stavebniny", "Dvořák Elektro", "Svoboda Logistika", "Tiskárna Černý"),
  V("%s s.r.o.", "%s a.s.", "%s, spol. s r.o."),
  V("Václavské náměstí 12", "Nádražní 45", "Husova 8"),
  V("110 00 Praha 1", "602 00 Brno", "301 00 Plzeň"),
  V("Česká spořitelna", "Komerční banka", "ČSOB"), "nnnnnnnnnnnnnnnnnnnn", "cz", "+420",
  NULL, NULL, 1 },
{ "SK", GEN_SK, NULL, "EUR", "fr|plain_comma", "dmy_dot|dmy_spaced|d_month_y", "23|19|5",
  V("Horváth Stavby", "Kováč Elektro", "Tatra Logistika", "Varga Tlačiareň"),
  V("%s s.r.o.", "%s a.s."),
  V("Obchodná 25", "Hlavná 12", "Štúrova 7"), V("811 06 Bratislava", "040 01 Košice", "010 01 Žilina"),
  V("Slovenská sporiteľňa", "Tatra banka", "VÚB banka"), "nnnnnnnnnnnnnnnnnnnn", "sk", "+421",
  NULL, NULL, 1 },
{ "SI", GEN_SL, NULL, "EUR", "de", "dmy_dot|dmy_spaced|d_month_y", "22|9.5|5",
  V("Kovinarstvo Novak", "Horvat Elektro", "Krajnc Logistika", "Tiskarna Zupan"),
  V("%s d.o.o.", "%s d.d.", "%s s.p."),
  V("Slovenska cesta 50", "Dunajska cesta 110", "Titova cesta 8"),
  V("1000 Ljubljana", "2000 Maribor", "3000 Celje"),
  V("NLB d.d.", "Nova KBM d.d.", "SKB banka"), "nnnnnnnnnnnnnnn", "si", "+386", NULL, NULL, 1 },
{ "HR", GEN_HR, NULL, "EUR", "de", "dmy_dot_end|dmy_dot|d_month_y", "25|13|5",
  V("Horvat Alati", "Kovačević Elektro", "Jadran Logistika", "Tiskara Babić"),
  V("%s d.o.o.", "%s d.d.", "%s j.d.o.o."),
  V("Ilica 45", "Vukovarska 120", "Riva 8"), V("10000 Zagreb", "21000 Split", "51000 Rijeka"),
  V("Zagrebačka banka", "Privredna banka Zagreb", "Erste banka"), "nnnnnnnnnnnnnnnnn", "hr", "+385",
  NULL, NULL, 1 },
{ "HU", GEN_HU, NULL, "HUF", "fr|de", "ymd_dot|iso|d_month_y", "27|18|5",
  V("Nagy Szerszám", "Kovács Elektro", "Tisza Logisztika", "Szabó Nyomda"),
  V("%s Kft.", "%s Zrt.", "%s Bt.", "%s Nyrt."),
  V("Váci út 45", "Andrássy út 12", "Kossuth Lajos utca 8"),
  V("1134 Budapest", "4024 Debrecen", "6720 Szeged"),
  V("OTP Bank Nyrt.", "K&H Bank Zrt.", "MBH Bank"), "nnnnnnnnnnnnnnnnnnnnnnnn", "hu", "+36",
  NULL, NULL, 1 },
{ "RO", GEN_RO, NULL, "RON", "de|plain", "dmy_dot|dmy_slash|d_month_y", "21|11",
  V("Popescu Unelte", "Ionescu Electric", "Dunărea Logistic", "Tipografia Stoica"),
  V("%s SRL", "%s S.R.L.", "%s S.A."),
  V("Strada Victoriei 45", "Bulevardul Unirii 12", "Calea Dorobanților 8"),
  V("010063 București", "400001 Cluj-Napoca", "700259 Iași"),
  V("Banca Transilvania", "BCR", "BRD - Groupe Société Générale"), "aaaacccccccccccccccc", "ro",
  "+40", NULL, NULL, 1 },
{ "BG", GEN_BG, NULL, "BGN", "fr|plain_comma", "dmy_dot|d_month_y", "20|9",
  V("Иванов Инструменти", "Петров Електро", "Дунав Логистик", "Печатница Георгиев"),
  V("%s ЕООД", "%s ООД", "%s АД", "%s ЕАД"),
  V("ул. „Витоша“ 45", "бул. „България“ 102", "ул. „Раковски“ 8"),
  V("1000 София", "4000 Пловдив", "9000 Варна"),
  V("УниКредит Булбанк", "Банка ДСК", "Пощенска банка"), "aaaannnnnncccccccc", "bg", "+359",
  NULL, NULL, 1 },
{ "GR", GEN_EL, NULL, "EUR", "de", "dmy_slash|d_month_y", "24|13|6",
  V("Παπαδόπουλος Εργαλεία", "Γεωργίου Ηλεκτρολογικά", "Αιγαίο Μεταφορική", "Τυπογραφείο Νικολάου"),
  V("%s Α.Ε.", "%s Ε.Π.Ε.", "%s Ι.Κ.Ε.", "%s Ο.Ε."),
  V("Οδός Ερμού 45", "Λεωφόρος Κηφισίας 120", "Οδός Τσιμισκή 8"),
  V("105 63 Αθήνα", "115 26 Αθήνα", "546 24 Θεσσαλονίκη"),
  V("Εθνική Τράπεζα", "Τράπεζα Πειραιώς", "Alpha Bank"), "nnnnnnncccccccccccccccc", "gr", "+30",
  NULL, NULL, 1 },
{ "DK", GEN_DA, NULL, "DKK", "de", "dmy_dash|dmy_dot|d_month_y", "25",
  V("Jensen Værktøj", "Nielsen El-service", "Øresund Logistik", "Hansen Trykkeri"),
  V("%s ApS", "%s A/S", "%s I/S"),
  V("Vesterbrogade 45", "Strandvejen 120", "Østergade 8"),
  V("1620 København V", "8000 Aarhus C", "5000 Odense C"),
  V("Danske Bank", "Nordea", "Jyske Bank"), "nnnnnnnnnnnnnn", "dk", "+45", NULL, NULL, 1 },
{ "SE", GEN_SV, NULL, "SEK", "fr|plain_comma", "iso|d_month_y", "25|12|6",
  V("Andersson Verktyg", "Johansson El", "Norrland Logistik", "Karlsson Tryckeri"),
  V("%s AB", "%s HB"),
  V("Drottninggatan 45", "Kungsgatan 12", "Storgatan 8"),
  V("111 51 Stockholm", "411 38 Göteborg", "211 42 Malmö"),
  V("Handelsbanken", "SEB", "Swedbank"), "nnnnnnnnnnnnnnnnnnnn", "se", "+46", NULL, NULL, 1 },
{ "FI", GEN_FI, NULL, "EUR", "fr|plain_comma", "dmy_dot_short|dmy_dot|d_month_y", "25.5|14|10",
  V("Virtanen Työkalut", "Korhonen Sähkö", "Saimaa Logistiikka", "Mäkinen Paino"),
  V("%s Oy", "%s Oyj", "%s Ky"),
  V("Mannerheimintie 45", "Hämeenkatu 12", "Aleksanterinkatu 8"),
  V("00100 Helsinki", "33100 Tampere", "20100 Turku"),
  V("Nordea", "OP", "Danske Bank"), "nnnnnnnnnnnnnn", "fi", "+358", NULL, NULL, 1 },
{ "EE", GEN_ET, NULL, "EUR", "fr|plain", "dmy_dot|d_month_y", "24|13|9",
  V("Tamm Tööriistad", "Saar Elekter", "Peipsi Logistika", "Kask Trükikoda"),
  V("%s OÜ", "%s AS", "AS %s"),
  V("Narva mnt 45", "Pärnu mnt 12", "Rüütli 8"), V("10120 Tallinn", "51004 Tartu", "80010 Pärnu"),
  V("Swedbank", "SEB", "LHV Pank"), "nnnnnnnnnnnnnnnn", "ee", "+372", NULL, NULL, 1 },
{ "LV", GEN_LV, NULL, "EUR", "fr|plain|plain_comma", "dmy_dot|dmy_dot_end|d_month_y", "21|12|5",
  V("Rīgas Metāls", "Daugavas Loģistika", "Bērziņš un Partneri", "Vidzemes Tipogrāfija"),
  V("SIA \"%s\"", "AS \"%s\"", "%s, SIA"),
  V("Brīvības iela 45", "Krišjāņa Barona iela 12", "Lielā iela 8"),
  V("Rīga, LV-1010", "Liepāja, LV-3401", "Daugavpils, LV-5401"),
  V("Swedbank", "SEB banka", "Citadele"), "aaaaccccccccccccc", "lv", "+371", NULL, NULL, 1 },
{ "LT", GEN_LT, NULL, "EUR", "fr|plain_comma", "iso|d_month_y", "21|9|5",
  V("Kauno Įrankiai", "Vilniaus Elektra", "Nemuno Logistika", "Petraitis ir Partneriai"),
  V("UAB „%s“", "AB „%s“", "UAB \"%s\"", "MB „%s“"),
  V("Gedimino pr. 45", "Laisvės al. 12", "Taikos pr. 8"),
  V("LT-01103 Vilnius", "LT-44240 Kaunas", "LT-91001 Klaipėda"),
  V("Swedbank", "SEB", "Luminor"), "nnnnnnnnnnnnnnnn", "lt", "+370", NULL, NULL, 1 },
{ "NO", GEN_NO, NULL, "NOK", "fr|plain_comma", "dmy_dot|d_month_y", "25|15|12",
  V("Hansen Verktøy", "Fjord Logistikk", "Johansen Elektro", "Nordlys Trykkeri"),
  V("%s AS", "%s ASA", "%s ANS"),
  V("Karl Johans gate 45", "Bryggen 12", "Storgata 8"),
  V("0159 Oslo", "5003 Bergen", "7011 Trondheim"),
  V("DNB", "SpareBank 1", "Nordea"), "nnnnnnnnnnn", "no", "+47", NULL, NULL, 1 },
{ "IS", GEN_IS, NULL, "ISK", "de", "dmy_dot|d_month_y", "24|11",
  V("Jónsson Verkfæri", "Reykjavíkur Flutningar", "Sigurðsson Rafmagn", "Norðurljós Prentsmiðja"),
  V("%s ehf.", "%s hf.", "%s slf."),
  V("Laugavegur 45", "Borgartún 12", "Hafnarstræti 8"),
  V("101 Reykjavík", "105 Reykjavík", "600 Akureyri"),
  V("Landsbankinn", "Arion banki", "Íslandsbanki"), "nnnnnnnnnnnnnnnnnnnnnn", "is", "+354",
  NULL, NULL, 1 },
};

const struct gen_country *gen_countries(int *ret_n)
{
        *ret_n = (int)G_N_ELEMENTS(countries);
        return countries;
}

/* The first country for the language (and cc when given). */
const struct gen_country *gen_country_for(enum gen_lang lang, const char *cc)
{
        for (size_t i = 0; i < G_N_ELEMENTS(countries); i++)
                if (countries[i].lang == lang && (!cc || !*cc || strcmp(cc, countries[i].cc) == 0))
                        return &countries[i];
        return NULL;
}

char *gen_country_locale(const struct gen_country *c)
{
        if (c->locale)
                return g_strdup(c->locale);
        return g_strdup_printf("%s-%s", gen_lang_name(c->lang), c->cc);
}

static void put_digits(GString *s, struct gen_rng *r, int n)
{
        for (int i = 0; i < n; i++)
                g_string_append_c(s, (char)('0' + gen_rng_range(r, 0, 9)));
}

static int dig(const char *s, int i)
{
        return s[i] - '0';
}

/* Luhn check digit for the digits in s. */
static int luhn_digit(const char *s)
{
        int sum = 0, dbl = 1;

        for (int i = (int)strlen(s) - 1; i >= 0; i--, dbl = !dbl) {
                int v = dig(s, i) * (dbl ? 2 : 1);

                sum += v > 9 ? v - 9 : v;
        }
        return (10 - sum % 10) % 10;
}

/* ISO 7064 MOD 11,10 check digit (German VAT ids, Croatian OIB). */
static int mod11_10(const char *s)
{
        int p = 10;

        for (; *s; s++) {
                int v = (*s - '0' + p) % 10;

                p = (2 * (v ? v : 10)) % 11;
        }
        return (11 - p) % 10;
}

static int weighted(const char *s, const int *w, int n)
{
        int sum = 0;

        for (int i = 0; i < n; i++)
                sum += dig(s, i) * w[i];
        return sum;
}

/* 11 - (weighted sum mod 11), 11 read as 0; -1 for 10 (no valid digit). */
static int mod11_check(const char *s, const int *w, int n)
{
        int c = 11 - weighted(s, w, n) % 11;

        return c == 10 ? -1 : c == 11 ? 0 : c;
}

/* Nine digits, a first digit of lo..hi and a mod-11 check digit, printed
 * in groups of three between prefix and suffix; NULL on a 10. */
static char *nine_grouped(struct gen_rng *r, const int *w, char lo, char hi,
                          const char *fmt)
{
        char d[16];
        int c;

        d[0] = (char)(lo + gen_rng_range(r, 0, hi - lo));
        for (int i = 1; i < 8; i++)
                d[i] = (char)('0' + gen_rng_range(r, 0, 9));
        d[8] = '\0';
        if ((c = mod11_check(d, w, 8)) < 0)
                return NULL;
        d[8] = (char)('0' + c);
        d[9] = '\0';
        {
                char a[4], b[4];
                const char *parts[] = { a, b, d + 6 };
                snprintf(a, sizeof(a), "%.3s", d);
                snprintf(b, sizeof(b), "%.3s", d + 3);
                return gen_fill(fmt, parts, 3);
        }
}

/* The digits of a national VAT id (or registration) with its check digits;
 * NULL when this draw gives no valid one (the caller draws again). */
static char *vat_try(struct gen_rng *r, const char *cc)
{
        GString *s = g_string_new(NULL);
        int c;

        if (strcmp(cc, "DE") == 0) {
                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 8)));
                put_digits(s, r, 7);
                g_string_append_printf(s, "%d", mod11_10(s->str));
                g_string_prepend(s, "DE");
        } else if (strcmp(cc, "HR") == 0) {
                put_digits(s, r, 10);
                g_string_append_printf(s, "%d", mod11_10(s->str));
                g_string_prepend(s, "HR");
        } else if (strcmp(cc, "AT") == 0) {
                int sum = 0;

                put_digits(s, r, 7);
                for (int i = 0; i < 7; i++) {
                        int v = dig(s->str, i) * (i % 2 ? 2 : 1);

                        sum += v / 10 + v % 10;
                }
                g_string_append_printf(s, "%d", (10 - (sum + 4) % 10) % 10);
                g_string_prepend(s, "ATU");
        } else if (strcmp(cc, "BE") == 0) {
                long base;

                g_string_append_c(s, '0');
                g_string_append_c(s, (char)('2' + gen_rng_range(r, 0, 7)));
                put_digits(s, r, 6);
                base = strtol(s->str, NULL, 10);
                g_string_append_printf(s, "%02ld", 97 - base % 97);
                g_string_prepend(s, "BE");
        } else if (strcmp(cc, "NL") == 0) {
                static const int w[] = { 9, 8, 7, 6, 5, 4, 3, 2 };

                put_digits(s, r, 8);
                if ((c = weighted(s->str, w, 8) % 11) > 9)
                        goto fail;
                g_string_append_printf(s, "%dB%02d", c, gen_rng_range(r, 1, 3));
                g_string_prepend(s, "NL");
        } else if (strcmp(cc, "FR") == 0) {
                char key[8];

                g_string_append_c(s, (char)('3' + gen_rng_range(r, 0, 5)));
                put_digits(s, r, 7);
                g_string_append_printf(s, "%d", luhn_digit(s->str));
                g_snprintf(key, sizeof(key), "FR%02d",
                           (int)((12 + 3 * (strtoll(s->str, NULL, 10) % 97)) % 97));
                g_string_prepend(s, key);
        } else if (strcmp(cc, "ES") == 0) {
                int sum = 0;

                put_digits(s, r, 7);
                for (int i = 0; i < 7; i++) {
                        int v = dig(s->str, i);

                        if (i % 2 == 0) {
                                v *= 2;
                                v = v / 10 + v % 10;
                        }
                        sum += v;
                }
                g_string_append_printf(s, "%d", (10 - sum % 10) % 10);
                g_string_prepend(s, "ESB");
        } else if (strcmp(cc, "IT") == 0) {
                int sum = 0;

                put_digits(s, r, 7);
                g_string_append_printf(s, "%03d", gen_rng_range(r, 1, 99));
                for (int i = 0; i < 10; i++) {
                        int v = dig(s->str, i);

                        if (i % 2) {
                                v *= 2;
                                if (v > 9)
                                        v -= 9;
                        }
                        sum += v;
                }
                g_string_append_printf(s, "%d", (10 - sum % 10) % 10);
                g_string_prepend(s, "IT");
        } else if (strcmp(cc, "PT") == 0) {
                static const int w[] = { 9, 8, 7, 6, 5, 4, 3, 2 };

                g_string_append_c(s, '5');
                put_digits(s, r, 7);
                c = 11 - weighted(s->str, w, 8) % 11;
                g_string_append_printf(s, "%d", c >= 10 ? 0 : c);
                g_string_prepend(s, "PT");
        } else if (strcmp(cc, "PL") == 0) {
                static const int w[] = { 6, 5, 7, 2, 3, 4, 5, 6, 7 };

                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 8)));
                put_digits(s, r, 8);
                if ((c = weighted(s->str, w, 9) % 11) == 10)
                        goto fail;
                g_string_append_printf(s, "%d", c);
                g_string_prepend(s, "PL");
        } else if (strcmp(cc, "CZ") == 0) {
                static const int w[] = { 8, 7, 6, 5, 4, 3, 2 };

                /* Legal entities' ids never start with 9. */
                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 7)));
                put_digits(s, r, 6);
                g_string_append_printf(s, "%d", (11 - weighted(s->str, w, 7) % 11) % 10);
                g_string_prepend(s, "CZ");
        } else if (strcmp(cc, "SK") == 0) {
                long long n = 2000000000LL + (long long)(gen_rng_next(r) % 7000000000ULL);

                n -= n % 11;
                g_string_append_printf(s, "%lld", n);
                if (strchr("234789", s->str[2]) == NULL)
                        goto fail;
                g_string_prepend(s, "SK");
        } else if (strcmp(cc, "SI") == 0) {
                static const int w[] = { 8, 7, 6, 5, 4, 3, 2 };

                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 8)));
                put_digits(s, r, 6);
                /* Remainders 0 and 1 are read differently by different
                 * checkers: never print them. */
                c = 11 - weighted(s->str, w, 7) % 11;
                if (c >= 10)
                        goto fail;
                g_string_append_printf(s, "%d", c);
                g_string_prepend(s, "SI");
        } else if (strcmp(cc, "HU") == 0) {
                static const int w[] = { 9, 7, 3, 1, 9, 7, 3 };

                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 8)));
                put_digits(s, r, 6);
                g_string_append_printf(s, "%d", (10 - weighted(s->str, w, 7) % 10) % 10);
                g_string_prepend(s, "HU");
        } else if (strcmp(cc, "RO") == 0) {
                static const int w[] = { 7, 5, 3, 2, 1, 7, 5, 3, 2 };
                char body[16];

                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 8)));
                put_digits(s, r, 6);
                g_snprintf(body, sizeof(body), "%09d", atoi(s->str));
                c = weighted(body, w, 9) * 10 % 11;
                g_string_append_printf(s, "%d", c == 10 ? 0 : c);
                g_string_prepend(s, "RO");
        } else if (strcmp(cc, "BG") == 0) {
                int sum = 0;

                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 8)));
                put_digits(s, r, 7);
                for (int i = 0; i < 8; i++)
                        sum += dig(s->str, i) * (i + 1);
                c = sum % 11;
                if (c == 10) {
                        sum = 0;
                        for (int i = 0; i < 8; i++)
                                sum += dig(s->str, i) * (i + 3);
                        c = sum % 11 % 10;
                }
                g_string_append_printf(s, "%d", c);
                g_string_prepend(s, "BG");
        } else if (strcmp(cc, "GR") == 0) {
                int sum = 0;

                g_string_append_c(s, (char)('0' + gen_rng_range(r, 0, 1) * 8));
                put_digits(s, r, 7);
                for (int i = 0; i < 8; i++)
                        sum += dig(s->str, i) << (8 - i);
                g_string_append_printf(s, "%d", sum % 11 % 10);
                g_string_prepend(s, "EL");
        } else if (strcmp(cc, "DK") == 0) {
                static const int w[] = { 2, 7, 6, 5, 4, 3, 2 };

                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 8)));
                put_digits(s, r, 6);
                if ((c = (11 - weighted(s->str, w, 7) % 11) % 11) == 10)
                        goto fail;
                g_string_append_printf(s, "%d", c);
                g_string_prepend(s, "DK");
        } else if (strcmp(cc, "SE") == 0) {
                g_string_append(s, "556");
                put_digits(s, r, 6);
                g_string_append_printf(s, "%d01", luhn_digit(s->str));
                g_string_prepend(s, "SE");
        } else if (strcmp(cc, "FI") == 0) {
                static const int w[] = { 7, 9, 10, 5, 8, 4, 2 };

                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 2)));
                put_digits(s, r, 6);
                c = weighted(s->str, w, 7) % 11;
                if (c == 1)
                        goto fail;
                g_string_append_printf(s, "%d", c == 0 ? 0 : 11 - c);
                g_string_prepend(s, "FI");
        } else if (strcmp(cc, "EE") == 0) {
                static const int w[] = { 3, 7, 1, 3, 7, 1, 3, 7 };

                g_string_append(s, "10");
                put_digits(s, r, 6);
                g_string_append_printf(s, "%d", (10 - weighted(s->str, w, 8) % 10) % 10);
                g_string_prepend(s, "EE");
        } else if (strcmp(cc, "LV") == 0) {
                static const int w[] = { 9, 1, 4, 8, 3, 10, 2, 5, 7, 6 };

                g_string_append(s, "4000");
                put_digits(s, r, 6);
                if ((c = ((3 - weighted(s->str, w, 10)) % 11 + 11) % 11) == 10)
                        goto fail;
                g_string_append_printf(s, "%d", c);
                g_string_prepend(s, "LV");
        } else if (strcmp(cc, "LT") == 0) {
                int sum = 0;

                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 8)));
                put_digits(s, r, 6);
                g_string_append_c(s, '1');
                for (int i = 0; i < 8; i++)
                        sum += (1 + i % 9) * dig(s->str, i);
                if (sum % 11 == 10) {
                        sum = 0;
                        for (int i = 0; i < 8; i++)
                                sum += (1 + (i + 2) % 9) * dig(s->str, i);
                }
                g_string_append_printf(s, "%d", sum % 11 % 10);
                g_string_prepend(s, "LT");
        } else if (strcmp(cc, "LU") == 0) {
                put_digits(s, r, 6);
                if (s->str[0] == '0')
                        s->str[0] = '1';
                g_string_append_printf(s, "%02ld", strtol(s->str, NULL, 10) % 89);
                g_string_prepend(s, "LU");
        } else if (strcmp(cc, "MT") == 0) {
                static const int w[] = { 3, 4, 6, 7, 8, 9 };

                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 8)));
                put_digits(s, r, 5);
                c = (37 - weighted(s->str, w, 6) % 37) % 37;
                g_string_append_printf(s, "%02d", c);
                g_string_prepend(s, "MT");
        } else if (strcmp(cc, "IE") == 0) {
                int sum = 0;

                put_digits(s, r, 7);
                for (int i = 0; i < 7; i++)
                        sum += dig(s->str, i) * (8 - i);
                g_string_append_c(s, "WABCDEFGHIJKLMNOPQRSTUV"[sum % 23]);
                g_string_prepend(s, "IE");
        } else if (strcmp(cc, "GB") == 0) {
                static const int w[] = { 8, 7, 6, 5, 4, 3, 2 };

                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 8)));
                put_digits(s, r, 6);
                g_string_append_printf(s, "%02d", (97 - weighted(s->str, w, 7) % 97) % 97);
                g_string_prepend(s, "GB");
        } else if (strcmp(cc, "NO") == 0) {
                static const int w[] = { 3, 2, 7, 6, 5, 4, 3, 2 };
                char *t = nine_grouped(r, w, '8', '9', "NO %s %s %s MVA");

                if (!t)
                        goto fail;
                g_string_assign(s, t);
                g_free(t);
        } else if (strcmp(cc, "CH") == 0) {
                static const int w[] = { 5, 4, 3, 2, 7, 6, 5, 4 };
                char *t = nine_grouped(r, w, '1', '9', "CHE-%s.%s.%s");

                if (!t)
                        goto fail;
                g_string_assign(s, t);
                g_free(t);
        } else if (strcmp(cc, "IS") == 0) {
                /* Icelandic VAT numbers (VSK-númer) are five or six digits. */
                g_string_append_c(s, (char)('1' + gen_rng_range(r, 0, 8)));
                put_digits(s, r, 5);
        } else if (strcmp(cc, "US") == 0) {
                put_digits(s, r, 9);
                g_string_insert_c(s, 2, '-');
        } else {
                g_string_truncate(s, 0);
        }
        return g_string_free(s, FALSE);
fail:
        g_string_free(s, TRUE);
        return NULL;
}

char *gen_vat_id(struct gen_rng *r, const char *cc)
{
        char *s;

        while (!(s = vat_try(r, cc)))
                ;
        return s;
}

/* An Icelandic kennitala of a company (day + 40), with its check digit. */
char *gen_kennitala(struct gen_rng *r)
{
        static const int w[] = { 3, 2, 7, 6, 5, 4, 3, 2 };

        for (;;) {
                char s[16];
                int c;

                g_snprintf(s, sizeof(s), "%02d%02d%02d%02d", 41 + gen_rng_range(r, 0, 27),
                           gen_rng_range(r, 1, 12), gen_rng_range(r, 70, 99),
                           gen_rng_range(r, 20, 99));
                if ((c = mod11_check(s, w, 8)) < 0)
                        continue;
                return g_strdup_printf("%.6s-%.2s%d9", s, s + 6, c);
        }
}

/* The national check digits some account numbers carry inside the IBAN:
 * Belgium (mod 97), Spain (the CCC's two digits), Norway (mod 11). */
static void national_check(char *b, const char *cc)
{
        static const int es_w[] = { 1, 2, 4, 8, 5, 10, 9, 7, 3, 6 };

        if (strcmp(cc, "BE") == 0) {
                /* Bank codes in use: BNP Paribas Fortis, Belfius, ING, KBC. */
                static const char *const banks[] = { "001", "068", "310", "363", "734", "737" };
                char acct[11];
                long long n;

                memcpy(b, banks[(b[3] - '0') % 6], 3);
                memcpy(acct, b, 10);
                acct[10] = '\0';
                n = strtoll(acct, NULL, 10);
                g_snprintf(b + 10, 3, "%02d", (int)(n % 97 ? n % 97 : 97));
        } else if (strcmp(cc, "ES") == 0) {
                char bank[11] = "00";
                int c1, c2;

                memcpy(bank + 2, b, 8);
                c1 = 11 - weighted(bank, es_w, 10) % 11;
                c2 = 11 - weighted(b + 10, es_w, 10) % 11;
                b[8] = (char)('0' + (c1 == 11 ? 0 : c1 == 10 ? 1 : c1));
                b[9] = (char)('0' + (c2 == 11 ? 0 : c2 == 10 ? 1 : c2));
        } else if (strcmp(cc, "NO") == 0) {
                static const int w[] = { 6, 7, 8, 9, 4, 5, 6, 7, 8, 9 };
                int c;

                /* Accounts start with a bank's register number, never 0;
                 * a remainder of 10 has no digit: change the account until
                 * it has one. */
                if (b[0] == '0')
                        b[0] = '1';
                while ((c = weighted(b, w, 10) % 11) == 10)
                        b[9] = (char)('0' + (b[9] - '0' + 1) % 10);
                b[10] = (char)('0' + c);
        }
}

/* An IBAN after the pattern (a letter, n digit, c letter or digit), with
 * correct ISO 13616 check digits, in groups of four. */
char *gen_iban(struct gen_rng *r, const char *cc, const char *pattern)
{
        GString *bban = g_string_new(NULL), *out = g_string_new(NULL);
        char *raw;
        int rem = 0;

        for (const char *p = pattern; *p; p++) {
                if (*p == 'a' || (*p == 'c' && gen_rng_range(r, 0, 9) == 0))
                        g_string_append_c(bban, (char)('A' + gen_rng_range(r, 0, 25)));
                else
                        g_string_append_c(bban, (char)('0' + gen_rng_range(r, 0, 9)));
        }
        national_check(bban->str, cc);
        raw = g_strconcat(bban->str, cc, "00", NULL);
        for (const char *p = raw; *p; p++) {
                if (g_ascii_isdigit(*p))
                        rem = (rem * 10 + (*p - '0')) % 97;
                else
                        rem = (rem * 100 + (*p - 'A' + 10)) % 97;
        }
        g_free(raw);
        raw = g_strdup_printf("%s%02d%s", cc, 98 - rem, bban->str);
        for (size_t i = 0; raw[i]; i++) {
                if (i > 0 && i % 4 == 0)
                        g_string_append_c(out, ' ');
                g_string_append_c(out, raw[i]);
        }
        g_free(raw);
        g_string_free(bban, TRUE);
        return g_string_free(out, FALSE);
}
