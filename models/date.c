/* date.c: calendar dates — parsing the many ways invoices print them
 * (numeric orders, month names in five languages), validation, day arithmetic. */
#include <string.h>

#include "models/models.h"

#define DATE_MAX_TEXT 128
#define DATE_MAX_TOKENS 12
#define DATE_WORD_MAX 40 /* bytes: "σεπτεμβριου" is 22 */
#define DATE_YEAR_MIN 1900
#define DATE_YEAR_MAX 2200

static bool is_leap(int y)
{
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
        static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

        return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool ymd_valid(int y, int m, int d)
{
        return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

bool date_is_valid(bf_date d)
{
        return ymd_valid(d.y, d.m, d.d);
}

bool date_is_set(bf_date d)
{
        return d.y != 0;
}

int date_format(bf_date d, char *buf, size_t size)
{
        if (!date_is_valid(d))
                return BF_EINVAL;
        if (size < 11)
                return BF_ETOOBIG;
        buf[0] = (char)('0' + d.y / 1000);
        buf[1] = (char)('0' + d.y / 100 % 10);
        buf[2] = (char)('0' + d.y / 10 % 10);
        buf[3] = (char)('0' + d.y % 10);
        buf[4] = '-';
        buf[5] = (char)('0' + d.m / 10);
        buf[6] = (char)('0' + d.m % 10);
        buf[7] = '-';
        buf[8] = (char)('0' + d.d / 10);
        buf[9] = (char)('0' + d.d % 10);
        buf[10] = '\0';
        return 10;
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
int64_t date_to_days(bf_date d)
{
        int64_t y = d.y - (d.m <= 2);
        int64_t era = (y >= 0 ? y : y - 399) / 400;
        int64_t yoe = y - era * 400;
        int64_t doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
        int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

        return era * 146097 + doe - 719468;
}

bf_date date_from_days(int64_t days)
{
        bf_date r = { 0 };

        /* Outside years 1..9999 there is no date to return. */
        if (days < -719162 || days > 2932896)
                return r;
        int64_t z = days + 719468;
        int64_t era = (z >= 0 ? z : z - 146096) / 146097;
        int64_t doe = z - era * 146097;
        int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int64_t mp = (5 * doy + 2) / 153;
        int64_t d = doy - (153 * mp + 2) / 5 + 1;
        int64_t m = mp < 10 ? mp + 3 : mp - 9;
        int64_t y = yoe + era * 400 + (m <= 2);

        r.y = (int16_t)y;
        r.m = (int8_t)m;
        r.d = (int8_t)d;
        return r;
}

bf_date date_add_days(bf_date d, int days)
{
        if (!date_is_valid(d))
                return (bf_date){ 0 };
        return date_from_days(date_to_days(d) + days);
}

/* ------------------------------------------------------------ month names */

struct date_word {
        const char *text;
        int month; /* 1..12; 0 for a weekday; -1 for a filler word */
};

/* Folded spellings (text_fold: lower case, accents dropped, "märz" ->
 * "marz", "Μαρτίου" -> "μαρτιου"), one section per language: the names,
 * their abbreviations, and the case a date puts them in (Slavic and Baltic
 * genitives "stycznia", "sausio"; Latvian locatives "martā"; Finnish
 * partitives "maaliskuuta"; Greek genitives). A spelling two languages give
 * different months keeps the majority's: "listopad" is November in Czech
 * and Polish, October in Croatian. */
static const struct date_word date_words[] = {
        /* English (first, in month order: date_parse names a month by them) */
        { "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
        { "may", 5 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
        { "september", 9 }, { "october", 10 }, { "november", 11 }, { "december", 12 },
        { "jan", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 }, { "jun", 6 },
        { "jul", 7 }, { "aug", 8 }, { "sep", 9 }, { "sept", 9 }, { "oct", 10 },
        { "nov", 11 }, { "dec", 12 },
        /* German (and Swiss, Austrian) */
        { "januar", 1 }, { "janner", 1 }, { "februar", 2 }, { "feber", 2 },
        { "marz", 3 }, { "maerz", 3 }, { "mrz", 3 }, { "mai", 5 }, { "juni", 6 },
        { "juli", 7 }, { "oktober", 10 }, { "okt", 10 }, { "dezember", 12 },
        { "dez", 12 },
        /* French */
        { "janvier", 1 }, { "janv", 1 }, { "fevrier", 2 }, { "fevr", 2 }, { "fev", 2 },
        { "mars", 3 }, { "avril", 4 }, { "avr", 4 }, { "juin", 6 }, { "juillet", 7 },
        { "juil", 7 }, { "aout", 8 }, { "septembre", 9 }, { "octobre", 10 },
        { "novembre", 11 }, { "decembre", 12 },
        /* Dutch */
        { "januari", 1 }, { "februari", 2 }, { "maart", 3 }, { "mrt", 3 },
        { "mei", 5 }, { "augustus", 8 },
        /* Spanish */
        { "enero", 1 }, { "ene", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 },
        { "abr", 4 }, { "mayo", 5 }, { "junio", 6 }, { "julio", 7 }, { "agosto", 8 },
        { "ago", 8 }, { "septiembre", 9 }, { "setiembre", 9 }, { "octubre", 10 },
        { "noviembre", 11 }, { "diciembre", 12 }, { "dic", 12 },
        /* Bulgarian: януари ... декември; май folds to "маи" */
        { "януари", 1 }, { "февруари", 2 }, { "март", 3 }, { "април", 4 }, { "маи", 5 },
        { "юни", 6 }, { "юли", 7 }, { "август", 8 }, { "септември", 9 },
        { "октомври", 10 }, { "ноември", 11 }, { "декември", 12 },
        { "яну", 1 }, { "фев", 2 }, { "мар", 3 }, { "апр", 4 }, { "авг", 8 },
        { "сеп", 9 }, { "окт", 10 }, { "ное", 11 }, { "дек", 12 },
        /* Czech: leden ... prosinec, genitives ledna ... prosince */
        { "leden", 1 }, { "unor", 2 }, { "brezen", 3 }, { "duben", 4 }, { "kveten", 5 },
        { "cerven", 6 }, { "cervenec", 7 }, { "srpen", 8 }, { "zari", 9 }, { "rijen", 10 },
        { "listopad", 11 }, { "prosinec", 12 },
        { "ledna", 1 }, { "unora", 2 }, { "brezna", 3 }, { "dubna", 4 }, { "kvetna", 5 },
        { "cervna", 6 }, { "cervence", 7 }, { "srpna", 8 }, { "rijna", 10 },
        { "listopadu", 11 }, { "prosince", 12 },
        /* Danish */
        { "marts", 3 }, { "maj", 5 },
        /* Greek: nominatives, genitives (5 Μαρτίου 2026), abbreviations */
        { "ιανουαριοσ", 1 }, { "φεβρουαριοσ", 2 }, { "μαρτιοσ", 3 }, { "απριλιοσ", 4 },
        { "μαιοσ", 5 }, { "ιουνιοσ", 6 }, { "ιουλιοσ", 7 }, { "αυγουστοσ", 8 },
        { "σεπτεμβριοσ", 9 }, { "οκτωβριοσ", 10 }, { "νοεμβριοσ", 11 }, { "δεκεμβριοσ", 12 },
        { "ιανουαριου", 1 }, { "φεβρουαριου", 2 }, { "μαρτιου", 3 }, { "απριλιου", 4 },
        { "μαιου", 5 }, { "ιουνιου", 6 }, { "ιουλιου", 7 }, { "αυγουστου", 8 },
        { "σεπτεμβριου", 9 }, { "οκτωβριου", 10 }, { "νοεμβριου", 11 }, { "δεκεμβριου", 12 },
        { "ιαν", 1 }, { "φεβ", 2 }, { "μαρ", 3 }, { "απρ", 4 }, { "μαι", 5 },
        { "ιουν", 6 }, { "ιουλ", 7 }, { "αυγ", 8 }, { "σεπ", 9 }, { "σεπτ", 9 },
        { "οκτ", 10 }, { "νοε", 11 }, { "δεκ", 12 },
        /* Estonian */
        { "jaanuar", 1 }, { "veebruar", 2 }, { "aprill", 4 }, { "juuni", 6 },
        { "juuli", 7 }, { "oktoober", 10 }, { "detsember", 12 },
        { "jaan", 1 }, { "veebr", 2 }, { "dets", 12 },
        /* Finnish: nominatives, partitives (5. maaliskuuta 2026), abbreviations */
        { "tammikuu", 1 }, { "helmikuu", 2 }, { "maaliskuu", 3 }, { "huhtikuu", 4 },
        { "toukokuu", 5 }, { "kesakuu", 6 }, { "heinakuu", 7 }, { "elokuu", 8 },
        { "syyskuu", 9 }, { "lokakuu", 10 }, { "marraskuu", 11 }, { "joulukuu", 12 },
        { "tammikuuta", 1 }, { "helmikuuta", 2 }, { "maaliskuuta", 3 }, { "huhtikuuta", 4 },
        { "toukokuuta", 5 }, { "kesakuuta", 6 }, { "heinakuuta", 7 }, { "elokuuta", 8 },
        { "syyskuuta", 9 }, { "lokakuuta", 10 }, { "marraskuuta", 11 }, { "joulukuuta", 12 },
        { "tammik", 1 }, { "helmik", 2 }, { "maalisk", 3 }, { "huhtik", 4 }, { "toukok", 5 },
        { "kesak", 6 }, { "heinak", 7 }, { "elok", 8 }, { "syysk", 9 }, { "lokak", 10 },
        { "marrask", 11 }, { "jouluk", 12 },
        /* Irish (Meán Fómhair, Deireadh Fómhair: see two_word_months) */
        { "eanair", 1 }, { "feabhra", 2 }, { "marta", 3 }, { "aibrean", 4 },
        { "bealtaine", 5 }, { "meitheamh", 6 }, { "iuil", 7 }, { "lunasa", 8 },
        { "samhain", 11 }, { "nollaig", 12 },
        /* Croatian: nominatives, genitives (5. ožujka 2026.); "listopad(a)"
         * is October here but November in Czech and Polish (above) */
        { "sijecanj", 1 }, { "veljaca", 2 }, { "ozujak", 3 }, { "travanj", 4 },
        { "svibanj", 5 }, { "lipanj", 6 }, { "srpanj", 7 }, { "kolovoz", 8 },
        { "rujan", 9 }, { "studeni", 11 }, { "prosinac", 12 },
        { "sijecnja", 1 }, { "veljace", 2 }, { "ozujka", 3 }, { "travnja", 4 },
        { "svibnja", 5 }, { "lipnja", 6 }, { "srpnja", 7 }, { "kolovoza", 8 },
        { "rujna", 9 }, { "studenoga", 11 }, { "studenog", 11 }, { "prosinca", 12 },
        /* Hungarian: 2026. március 5. */
        { "marcius", 3 }, { "aprilis", 4 }, { "majus", 5 }, { "junius", 6 },
        { "julius", 7 }, { "augusztus", 8 }, { "szeptember", 9 },
        { "febr", 2 }, { "marc", 3 }, { "szept", 9 },
        /* Italian */
        { "gennaio", 1 }, { "febbraio", 2 }, { "aprile", 4 }, { "maggio", 5 },
        { "giugno", 6 }, { "luglio", 7 }, { "settembre", 9 }, { "ottobre", 10 },
        { "dicembre", 12 },
        { "gen", 1 }, { "mag", 5 }, { "giu", 6 }, { "lug", 7 }, { "set", 9 }, { "ott", 10 },
        /* Lithuanian: nominatives, genitives (2026 m. kovo 5 d.) */
        { "sausis", 1 }, { "vasaris", 2 }, { "kovas", 3 }, { "balandis", 4 },
        { "geguze", 5 }, { "birzelis", 6 }, { "liepa", 7 }, { "rugpjutis", 8 },
        { "rugsejis", 9 }, { "spalis", 10 }, { "lapkritis", 11 }, { "gruodis", 12 },
        { "sausio", 1 }, { "vasario", 2 }, { "kovo", 3 }, { "balandzio", 4 },
        { "geguzes", 5 }, { "birzelio", 6 }, { "liepos", 7 }, { "rugpjucio", 8 },
        { "rugsejo", 9 }, { "spalio", 10 }, { "lapkricio", 11 }, { "gruodzio", 12 },
        /* Latvian: nominatives, locatives (2026. gada 5. martā), genitives */
        { "janvaris", 1 }, { "februaris", 2 }, { "aprilis", 4 }, { "maijs", 5 },
        { "junijs", 6 }, { "julijs", 7 }, { "augusts", 8 }, { "septembris", 9 },
        { "oktobris", 10 }, { "novembris", 11 }, { "decembris", 12 },
        { "janvari", 1 }, { "aprili", 4 }, { "maija", 5 }, { "junija", 6 },
        { "julija", 7 }, { "augusta", 8 }, { "septembri", 9 }, { "oktobri", 10 },
        { "novembri", 11 }, { "decembri", 12 },
        { "janvara", 1 }, { "februara", 2 }, { "aprila", 4 }, { "septembra", 9 },
        { "oktobra", 10 }, { "novembra", 11 }, { "decembra", 12 },
        /* Maltese */
        { "jannar", 1 }, { "frar", 2 }, { "marzu", 3 }, { "mejju", 5 }, { "gunju", 6 },
        { "lulju", 7 }, { "awwissu", 8 }, { "settembru", 9 }, { "ottubru", 10 },
        { "novembru", 11 }, { "dicembru", 12 },
        /* Polish: nominatives, genitives (5 marca 2026 r.), abbreviations */
        { "styczen", 1 }, { "luty", 2 }, { "marzec", 3 }, { "kwiecien", 4 },
        { "czerwiec", 6 }, { "lipiec", 7 }, { "sierpien", 8 }, { "wrzesien", 9 },
        { "pazdziernik", 10 }, { "grudzien", 12 },
        { "stycznia", 1 }, { "lutego", 2 }, { "marca", 3 }, { "kwietnia", 4 },
        { "maja", 5 }, { "czerwca", 6 }, { "lipca", 7 }, { "sierpnia", 8 },
        { "wrzesnia", 9 }, { "pazdziernika", 10 }, { "listopada", 11 }, { "grudnia", 12 },
        { "sty", 1 }, { "lut", 2 }, { "kwi", 4 }, { "cze", 6 }, { "lip", 7 },
        { "sie", 8 }, { "wrz", 9 }, { "paz", 10 }, { "lis", 11 }, { "gru", 12 },
        /* Portuguese */
        { "janeiro", 1 }, { "fevereiro", 2 }, { "marco", 3 }, { "maio", 5 },
        { "junho", 6 }, { "julho", 7 }, { "setembro", 9 }, { "outubro", 10 },
        { "novembro", 11 }, { "dezembro", 12 }, { "out", 10 },
        /* Romanian */
        { "ianuarie", 1 }, { "februarie", 2 }, { "martie", 3 }, { "aprilie", 4 },
        { "iunie", 6 }, { "iulie", 7 }, { "septembrie", 9 }, { "octombrie", 10 },
        { "noiembrie", 11 }, { "decembrie", 12 },
        { "ian", 1 }, { "iun", 6 }, { "iul", 7 }, { "noi", 11 },
        /* Slovak: nominatives and genitives (5. marca 2026); "máj", "jún",
         * "júl", "mája" are above */
        { "marec", 3 }, { "januara", 1 }, { "juna", 6 }, { "jula", 7 },
        /* Slovenian ("junija", "julija" are above) */
        { "junij", 6 }, { "julij", 7 }, { "avgust", 8 },
        { "januarja", 1 }, { "februarja", 2 }, { "avgusta", 8 },
        /* Swedish, Norwegian, Icelandic */
        { "augusti", 8 }, { "desember", 12 }, { "des", 12 }, { "agust", 8 },
        /* Weekdays, skipped */
        { "monday", 0 }, { "tuesday", 0 }, { "wednesday", 0 }, { "thursday", 0 },
        { "friday", 0 }, { "saturday", 0 }, { "sunday", 0 }, { "mon", 0 },
        { "tue", 0 }, { "tues", 0 }, { "wed", 0 }, { "thu", 0 }, { "thur", 0 },
        { "thurs", 0 }, { "fri", 0 }, { "sat", 0 }, { "sun", 0 },
        { "montag", 0 }, { "dienstag", 0 }, { "mittwoch", 0 }, { "donnerstag", 0 },
        { "freitag", 0 }, { "samstag", 0 }, { "sonnabend", 0 }, { "sonntag", 0 },
        { "lundi", 0 }, { "mardi", 0 }, { "mercredi", 0 }, { "jeudi", 0 },
        { "vendredi", 0 }, { "samedi", 0 }, { "dimanche", 0 },
        { "maandag", 0 }, { "dinsdag", 0 }, { "woensdag", 0 }, { "donderdag", 0 },
        { "vrijdag", 0 }, { "zaterdag", 0 }, { "zondag", 0 },
        { "lunes", 0 }, { "martes", 0 }, { "miercoles", 0 }, { "jueves", 0 },
        { "viernes", 0 }, { "sabado", 0 }, { "domingo", 0 },
        /* Fillers: "3 de noviembre de 2026", "the 3rd of November", "le 1er
         * mars", "2026. gada 5. martā" (lv), "2026 m. kovo 5 d." (lt),
         * "5 marca 2026 r." (pl), "5 март 2026 г." (bg), "den 5. marts"
         * (da, sv, no), "il 5 marzo" (it), "ta Marzu" (mt) */
        { "de", -1 }, { "del", -1 }, { "of", -1 }, { "the", -1 }, { "le", -1 },
        { "gada", -1 }, { "g", -1 }, { "m", -1 }, { "d", -1 }, { "r", -1 },
        { "г", -1 }, { "den", -1 }, { "il", -1 }, { "ta", -1 },
};

const char *date_month_word(size_t i)
{
        if (i >= sizeof(date_words) / sizeof(date_words[0]))
                return NULL;
        return date_words[i].month > 0 ? date_words[i].text : "";
}

const char *date_month_name(int month)
{
        /* date_words opens with the English names in month order. */
        return month >= 1 && month <= 12 ? date_words[month - 1].text : NULL;
}

/* Spellings one language gives another month than the table above:
 * Croatian "listopad" is October. */
static const struct {
        const char *lang, *text;
        int month;
} date_lang_words[] = {
        { "hr", "listopad", 10 }, { "hr", "listopada", 10 },
};

/* Months of two words (Irish Meán Fómhair, Deireadh Fómhair): the first
 * word, skipped, when the second follows it. */
static const struct date_word date_first_words[] = {
        { "mean", 9 }, { "deireadh", 10 },
};

/* Suffixes written straight after a day number: 3rd, 1er, 2e, 3de, 1º. */
static const char *const date_ordinals[] = {
        "st", "nd", "rd", "th", "er", "re", "e", "eme", "ere", "de", "ste", "o", "a",
};

static int date_word_lookup(const char *w, const char *lang)
{
        for (size_t i = 0; lang && i < sizeof(date_lang_words) / sizeof(date_lang_words[0]); i++)
                if (strcmp(date_lang_words[i].lang, lang) == 0 && strcmp(date_lang_words[i].text, w) == 0)
                        return date_lang_words[i].month;
        for (size_t i = 0; i < sizeof(date_words) / sizeof(date_words[0]); i++)
                if (strcmp(date_words[i].text, w) == 0)
                        return date_words[i].month;
        return -2;
}

/* Of a two-word month: the month, 0 when w is no first word. */
static int date_first_word(const char *w)
{
        for (size_t i = 0; i < sizeof(date_first_words) / sizeof(date_first_words[0]); i++)
                if (strcmp(date_first_words[i].text, w) == 0)
                        return date_first_words[i].month;
        return 0;
}

static bool date_is_ordinal(const char *w)
{
        for (size_t i = 0; i < sizeof(date_ordinals) / sizeof(date_ordinals[0]); i++)
                if (strcmp(date_ordinals[i], w) == 0)
                        return true;
        return false;
}

/* ---------------------------------------------------------------- tokens */

enum tok_kind {
        TOK_NUM,
        TOK_WORD,
};

struct date_tok {
        enum tok_kind kind;
        int value;          /* TOK_NUM: the number (up to 8 digits) */
        int n_digits;
        char word[DATE_WORD_MAX + 1];
        char sep;           /* the separator before it: '/', '.', '-', ' ', ','; 0 none */
        bool sep_mixed;     /* more than one kind of separator before it */
};

/* Folds the letter at s (as text_fold does: "Ā" -> "a", "Ά" -> "α") into
 * ret, *ret_n bytes; returns its length in s, 0 if s is no letter. A
 * combining mark counts as part of the letter before it. */
static size_t fold_letter(const unsigned char *s, char ret[4], size_t *ret_n)
{
        size_t len = text_fold_char((const char *)s, ret, ret_n);
        unsigned char c = (unsigned char)ret[0];

        if (len == 0)
                return 0;
        if (*ret_n == 0)
                return s[0] == 0xcc || s[0] == 0xcd ? len : 0;
        /* ASCII letters, folded Greek (U+03B1..) and Cyrillic (U+0430..) */
        if ((c >= 'a' && c <= 'z') || (*ret_n == 2 && c >= 0xce && c <= 0xd1))
                return len;
        return 0;
}

static size_t date_space(const unsigned char *s)
{
        /* "5 ta' Marzu" (mt), "5 Mar '26": an apostrophe parts words too */
        if (s[0] == ' ' || s[0] == '\t' || s[0] == '\'')
                return 1;
        if (s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0x99)
                return 3;
        if (s[0] == 0xc2 && s[1] == 0xa0)
                return 2;
        if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xaf || s[2] == 0x89))
                return 3;
        return 0;
}

/* The word for "year" written straight after a year's four digits:
 * "17.09.2026г." (bg, and its г read by OCR as a Latin r), "5 marca
 * 2026r." (pl), "2026m." (lt), "2026.g." (lv) as their fillers above. */
static const char *const date_year_marks[] = { "г", "r", "g", "m" };

static bool date_is_year_mark(const struct date_tok *num, const char *w)
{
        if (num->kind != TOK_NUM || num->n_digits != 4)
                return false;
        for (size_t i = 0; i < sizeof(date_year_marks) / sizeof(date_year_marks[0]); i++)
                if (strcmp(date_year_marks[i], w) == 0)
                        return true;
        return false;
}

/* Splits text[0..n) into numbers and words; returns the count or -1. */
static int date_tokenize(const char *text, size_t n, struct date_tok *toks, const char **why)
{
        const unsigned char *s = (const unsigned char *)text, *end = s + n;
        int count = 0;
        char sep = 0;
        bool mixed = false, after_sep = true;

        while (s < end) {
                size_t len, fn;
                char fc[4];

                if ((len = date_space(s)) > 0 || strchr("/.-,", *s)) {
                        char k = len > 0 ? ' ' : (char)*s;

                        /* Spaces around a real separator do not make it mixed. */
                        if (sep == 0 || sep == ' ')
                                sep = k;
                        else if (k != ' ' && k != sep)
                                mixed = true;
                        else if (k != ' ')
                                mixed = true; /* "03//11" */
                        s += len > 0 ? len : 1;
                        after_sep = true;
                        continue;
                }
                if (count >= DATE_MAX_TOKENS) {
                        *why = "too many parts";
                        return -1;
                }
                struct date_tok *t = &toks[count];
                memset(t, 0, sizeof(*t));
                t->sep = count == 0 ? 0 : sep;
                t->sep_mixed = mixed;
                if (*s >= '0' && *s <= '9') {
                        if (!after_sep && count > 0) {
                                *why = "number run into a word";
                                return -1;
                        }
                        t->kind = TOK_NUM;
                        while (s < end && *s >= '0' && *s <= '9') {
                                if (t->n_digits >= 8) {
                                        *why = "number too long";
                                        return -1;
                                }
                                t->value = t->value * 10 + (*s - '0');
                                t->n_digits++;
                                s++;
                        }
                } else if ((len = fold_letter(s, fc, &fn)) > 0 && s + len <= end) {
                        size_t wl = 0;

                        if (!after_sep && count > 0 && toks[count - 1].kind != TOK_NUM) {
                                *why = "unexpected character";
                                return -1;
                        }
                        t->kind = TOK_WORD;
                        while (s < end && (len = fold_letter(s, fc, &fn)) > 0 && s + len <= end) {
                                if (wl + fn > DATE_WORD_MAX) {
                                        *why = "unknown word";
                                        return -1;
                                }
                                memcpy(t->word + wl, fc, fn);
                                wl += fn;
                                s += len;
                        }
                        t->word[wl] = '\0';
                        /* "3rd", "1er": an ordinal stuck to its number is dropped,
                         * and so is "2026г.": a year's word stuck to its year. */
                        if (!after_sep && count > 0 && toks[count - 1].kind == TOK_NUM) {
                                if (!date_is_ordinal(t->word) &&
                                    !date_is_year_mark(&toks[count - 1], t->word)) {
                                        *why = "unknown word";
                                        return -1;
                                }
                                after_sep = false;
                                continue;
                        }
                } else {
                        *why = "unexpected character";
                        return -1;
                }
                count++;
                sep = 0;
                mixed = false;
                after_sep = false;
        }
        return count;
}

/* "2026-11-03T10:00:00Z", "03/11/2026 14:22": the time is not ours to parse. */
static size_t date_strip_time(const char *text, size_t n)
{
        const char *colon = memchr(text, ':', n);
        size_t i;

        if (!colon)
                return n;
        i = (size_t)(colon - text);
        while (i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9')
                i--;
        if (i == 0 || i == (size_t)(colon - text) ||
            !(text[i - 1] == ' ' || text[i - 1] == 'T' || text[i - 1] == 't'))
                return n;
        for (size_t j = i; j < n; j++)
                if (!strchr("0123456789:.+-Z APMapm", text[j]))
                        return n;
        i--;
        while (i > 0 && text[i - 1] == ' ')
                i--;
        return i;
}

static int expand_year(const struct date_tok *t)
{
        if (t->n_digits == 4)
                return t->value;
        if (t->n_digits == 2)
                return t->value >= 70 ? 1900 + t->value : 2000 + t->value;
        return -1;
}

static bool numeric_sep_ok(const struct date_tok *b, const struct date_tok *c)
{
        return !b->sep_mixed && !c->sep_mixed && b->sep != 0 && b->sep == c->sep &&
               b->sep != ',';
}

/* Day/month/year from the tokens; *conf for how sure the order is. */
static int date_from_tokens(const struct date_tok *t, int n, enum date_order hint, const char *lang,
                            int *ry, int *rm, int *rd, double *conf, const char **why)
{
        *conf = 1.0;
        if (n == 1 && t[0].kind == TOK_NUM && t[0].n_digits == 8) {
                *ry = t[0].value / 10000;
                *rm = t[0].value / 100 % 100;
                *rd = t[0].value % 100;
                return 0;
        }
        if (n < 3) {
                *why = n == 2 ? "incomplete date" : "not a date";
                return BF_EINVAL;
        }
        if (n > 3) {
                *why = "too many parts";
                return BF_EINVAL;
        }

        const struct date_tok *a = &t[0], *b = &t[1], *c = &t[2];
        if (a->kind == TOK_NUM && b->kind == TOK_NUM && c->kind == TOK_NUM) {
                if (!numeric_sep_ok(b, c)) {
                        *why = "inconsistent separators";
                        return BF_EINVAL;
                }
                if (a->n_digits == 4) {
                        if (b->n_digits > 2 || c->n_digits > 2)
                                goto shape;
                        *ry = a->value;
                        *rm = b->value;
                        *rd = c->value;
                        return 0;
                }
                if (a->n_digits > 2 || b->n_digits > 2)
                        goto shape;
                if (hint == DATE_ORDER_YMD && a->n_digits == 2 && c->n_digits <= 2) {
                        *ry = expand_year(a);
                        *rm = b->value;
                        *rd = c->value;
                        *conf = 0.9;
                        return 0;
                }
                int y = expand_year(c);
                if (y < 0)
                        goto shape;
                bool dmy = ymd_valid(y, b->value, a->value);
                bool mdy = ymd_valid(y, a->value, b->value);
                bool use_mdy;
                *ry = y;
                if (dmy && mdy && a->value != b->value) {
                        use_mdy = hint == DATE_ORDER_MDY;
                        *conf = hint == DATE_ORDER_DMY || hint == DATE_ORDER_MDY ? 0.9 : 0.5;
                } else {
                        use_mdy = !dmy && mdy;
                }
                *rm = use_mdy ? a->value : b->value;
                *rd = use_mdy ? b->value : a->value;
                return 0;
        }

        /* Exactly one month name among the three. */
        int mi = -1;
        for (int i = 0; i < 3; i++) {
                if (t[i].kind == TOK_WORD) {
                        int m = date_word_lookup(t[i].word, lang);

                        if (m < 1 || mi >= 0) {
                                *why = "unknown word";
                                return BF_EINVAL;
                        }
                        mi = i;
                        *rm = m;
                }
        }
        const struct date_tok *day, *year;
        if (mi == 0) {                          /* November 3, 2026 */
                day = b;
                year = c;
        } else if (mi == 1 && a->n_digits == 4) { /* 2026-Nov-03 */
                day = c;
                year = a;
        } else if (mi == 1) {                   /* 3 November 2026 */
                day = a;
                year = c;
        } else if (mi == 2 && a->n_digits == 4) { /* 2026. gada 5. martā (lv) */
                day = b;
                year = a;
        } else {
                goto shape;
        }
        if (day->n_digits > 2 || (*ry = expand_year(year)) < 0)
                goto shape;
        *rd = day->value;
        return 0;
shape:
        *why = "not a date";
        return BF_EINVAL;
}

int date_parse(const char *text, enum date_order hint, bf_date *ret_date,
               double *ret_confidence, struct bf_error *err)
{
        return date_parse_lang(text, hint, NULL, ret_date, ret_confidence, err);
}

int date_parse_lang(const char *text, enum date_order hint, const char *lang, bf_date *ret_date,
                    double *ret_confidence, struct bf_error *err)
{
        struct date_tok all[DATE_MAX_TOKENS], toks[DATE_MAX_TOKENS];
        const char *why = "not a date";
        char quoted[48];
        size_t n;
        int count, kept = 0, y = 0, m = 0, d = 0;
        double conf = 1.0;

        if (!text)
                return bf_error_set(err, BF_EINVAL, "missing date");
        n = strnlen(text, DATE_MAX_TEXT + 1);
        if (n > DATE_MAX_TEXT) {
                why = "too long";
                goto fail;
        }
        n = date_strip_time(text, n);
        count = date_tokenize(text, n, all, &why);
        if (count < 0)
                goto fail;
        for (int i = 0; i < count; i++) {
                if (all[i].kind == TOK_WORD && i + 1 < count && all[i + 1].kind == TOK_WORD &&
                    strcmp(all[i + 1].word, "fomhair") == 0) {
                        int k = date_first_word(all[i].word);

                        if (k > 0) {
                                /* the pair stands as one month name */
                                toks[kept] = all[i];
                                strcpy(toks[kept++].word, date_words[k - 1].text);
                                i++;
                                continue;
                        }
                }
                if (all[i].kind == TOK_WORD) {
                        int k = date_word_lookup(all[i].word, lang);

                        if (k == 0 || k == -1)
                                continue;
                        if (k == -2) {
                                why = "unknown word";
                                goto fail;
                        }
                }
                toks[kept++] = all[i];
        }
        if (date_from_tokens(toks, kept, hint, lang, &y, &m, &d, &conf, &why) < 0)
                goto fail;
        if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX) {
                why = "year out of range";
                goto fail;
        }
        if (!ymd_valid(y, m, d)) {
                why = "no such day";
                goto fail;
        }
        *ret_date = (bf_date){ .y = (int16_t)y, .m = (int8_t)m, .d = (int8_t)d };
        if (ret_confidence)
                *ret_confidence = conf;
        return 0;
fail:
        return bf_error_set(err, BF_EINVAL, "bad date '%s': %s",
                            text_quote(text, quoted, sizeof(quoted)), why);
}

int date_parse_iso(const char *text, bf_date *ret)
{
        if (!text || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
                return BF_EINVAL;
        for (int k = 0; k < 10; k++)
                if (k != 4 && k != 7 && (text[k] < '0' || text[k] > '9'))
                        return BF_EINVAL;
        return date_parse(text, DATE_ORDER_YMD, ret, NULL, NULL);
}
