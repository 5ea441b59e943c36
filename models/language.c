/* language.c: the languages billflow reads, by their ISO 639-1 code ("lv")
 * and the code Tesseract's language data is named by ("lav"). */
#include <string.h>
#include <strings.h>

#include "models/models.h"

static const struct {
        const char iso[3];
        const char ocr[4];
} languages[] = {
        { "bg", "bul" }, { "cs", "ces" }, { "da", "dan" }, { "de", "deu" }, { "el", "ell" },
        { "en", "eng" }, { "es", "spa" }, { "et", "est" }, { "fi", "fin" }, { "fr", "fra" },
        { "ga", "gle" }, { "hr", "hrv" }, { "hu", "hun" }, { "is", "isl" }, { "it", "ita" },
        { "lt", "lit" }, { "lv", "lav" }, { "mt", "mlt" }, { "nl", "nld" }, { "no", "nor" },
        { "pl", "pol" }, { "pt", "por" }, { "ro", "ron" }, { "sk", "slk" }, { "sl", "slv" },
        { "sv", "swe" },
};

static int language_index(const char *code)
{
        if (!code)
                return -1;
        for (size_t i = 0; i < sizeof(languages) / sizeof(languages[0]); i++)
                if (strcasecmp(code, languages[i].iso) == 0 ||
                    strcasecmp(code, languages[i].ocr) == 0)
                        return (int)i;
        return -1;
}

const char *language_iso_code(const char *code)
{
        int i = language_index(code);

        return i < 0 ? NULL : languages[i].iso;
}

const char *language_ocr_code(const char *code)
{
        int i = language_index(code);

        return i < 0 ? NULL : languages[i].ocr;
}
