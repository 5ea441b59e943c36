/* ocr.c: one Tesseract engine per worker, turning a page's pixels into
 * words with pixel boxes, confidences, lines and blocks. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <tesseract/capi.h>

#include "capture/capture-int.h"

/* Which preprocessing steps run. Chosen by measurement on the SROIE
 * receipts and generated scans (scripts/bench-extract.sh; CPU time against
 * the bare tesseract CLI on the same pages):
 *   orientation detection  rotated scans 13% -> 92% of fields, +3% time
 *   one-column PSM, tall   receipts +3 fields of 240, no cost; one block
 *                          (PSM 6) rather than one column (PSM 4): +2
 *                          more, -4% time (a dashed rule under a line is
 *                          no longer read into it: '12-11-2017' not 'I2- W-')
 *   tessedit_do_invert=0   no change in accuracy, -2% time
 *   Tesseract's rule finder  opens each page with quarter-inch bricks;
 *                          morph.c's pixOpenBrick does it in log2 steps,
 *                          the same pixels: generated scans -9% time,
 *                          receipts -3% (outputs identical)
 *   deskew (reduction 4)   generated scans' line items F1 58 -> 70, +4%;
 *                          receipts unchanged at +6%, so pages only
 *   ... turned by shears   scans -7% time against an area-map rotation,
 *                          fields and lines alike within the spread that
 *                          a 0.02 degree nudge to the angle gives; and
 *                          before upscaling, on fewer pixels
 *   upscaling tiny text    receipts +2 fields, +3% (only text under 12 px)
 *   halving large text     text of 40 px or more (8 of 80 receipts, scanned
 *                          at 600 dpi) read at half size with the dpi
 *                          halved too: those pages 2.2x faster, fields
 *                          unchanged; halved at the same dpi, -2 dates
 *   faint-page retry       receipts +2 fields, +0.4% (2 of 80 pages read
 *                          again: FAINT_MIN_WORDS, FAINT_MAX_CONF)
 *   ... and a third read   receipts +5 fields, ~+4% (3 of 80 pages still
 *                          reading badly after OSD read once more with
 *                          strokes thickened, as one block; a dot-matrix
 *                          receipt 3 words -> 91)
 *   table grids whitened   generated scans' line items F1 92.6 -> 97.8
 *                          (seed 4242), 95.2 -> 98.1 (2718), 100 (777),
 *                          fields within one either way; ~7 ms a page
 *                          (1%); on pages of invoice width only:
 *                          receipts lost 4 fields of 240 to it
 *   phone photos: paper   photo-like images of 24 SROIE dev-fold receipts
 *   found, cut out,       (scripts/bench-photo.sh -f dev): fields 51.4 ->
 *   perspective undone,   66.7% (the same receipts scanned: 81.9%), time
 *   shrunk to 32 px text,  1594 -> 1347 ms a photo (fewer pixels to read;
 *   light levelled        1.04x the tesseract CLI on the photo)
 *   ... turned upright    a sideways photo's date was lost when the page
 *   first (OSD)           was turned after a first reading; turned before
 *                         (one OSD call a photo), it is read
 *   ... OSD only when its generated Latvian receipt photos (val, seed 4001,
 *   lines do not run      main's build in the same run): 858 -> 548 ms a
 *   across, or it then    photo, 2.08x -> 1.36x tesseract -l lav, fields
 *   reads badly (then     157/180 either way; SROIE photo-like val 1039 ->
 *   turned and read from  788 ms, 1.14x -> 0.89x, fields 124 -> 131/180
 *   the start)            (OSD had been a third of a photo's time, and
 *                         turns an upright paper now and then); dev: words
 *                         the same on 30 photos and 15 turned upside down
 *   dewarping (leptonica) photos 66.7% either way: left off (prep.dewarp)
 *   ... read again as one gen-invoice's Latvian receipts photographed
 *   column (PSM 4) when   (20 a split): PSM 4 always, dev (seed 101)
 *   its layout left more  83.3 -> 86.7%, but SROIE photo-like val 68.9 ->
 *   than 15% of its       67.2%; only when Tesseract's own layout left
 *   letter-sized marks    letters unread (3 of 20 dev receipts, their
 *   outside every word    amounts dropped; SROIE dev photos measured, 37
 *   (kept if it reads     of 80: under 6% but one page read as 1 word),
 *   better)               dev 83.3 -> 85.8%. Val, main's build in the
 *                         same run: Latvian (seed 4001) 79.2 -> 84.2%,
 *                         SROIE photo-like 68.9% either way (the same
 *                         fields); time 1.23x the tesseract CLI on the
 *                         Latvian photos
 *                         Left off, each alone on the dev photos: text
 *                         shrunk to 24 px, not 32 (Latvian +3 fields,
 *                         SROIE 80.6 -> 73.6%: dates lost), a smooth
 *                         light map of our own instead of
 *                         pixBackgroundNorm's tiles (+2, SROIE -> 75.0%),
 *                         a paper reach of 20 (no change)
 *   auto language: only   4 generated German invoices: fields 100% with
 *   doubtful words read   eng, auto or deu alike (the words with umlauts
 *   again in the page's   differ); CPU time against tesseract -l deu on
 *   language              the same pages 1.44x when each doubtful line
 *                         was read again, 1.10x with the words alone
 *                         (engine loading included)
 *   ... a page English    generated val scans (gen-invoice --split val,
 *   cannot read tried in  seed 1001, 5 a language, main's build in the
 *   Greek and Bulgarian   same run): el 32.4 -> 79.4%, bg 42.1 -> 81.6%
 *   (+eng), read again    of fields (OSD had named them Latin or was
 *   whole in the surer    unsure); read in hun, lit, mlt alone instead
 *                         of English with doubtful words read again,
 *                         hu 76.9 -> 64.1%, lt 83.8 -> 78.4%, mt 97.4 ->
 *                         89.5%: Latin pages stay English-first
 *   ... its top band read  generated val scans (seed 4001, 6 a language,
 *   first, alone, and the  main's build in the same run): el 42 -> 45 of
 *   rest of the page once  53 fields, bg 39 -> 41 of 51, ga and it
 *   in the script found    unchanged; CPU on the 6 Greek ones 3.80x ->
 *                          1.91x tesseract -l ell (load 23); read in two
 *                          parts, Latin pages lost fields: they are read
 *                          whole when English reads their top
 *   thin print read again  generated scans (png; the build without it
 *   whole, thickened       on the same images), val: varied 188 -> 190/196
 *   (thin strokes and      fields, line F1 85.3 -> 86.2; rich and plain
 *   doubtful figures)      the same; dev: rich 198 -> 201/201, F1 93.7 ->
 *                          96.4, varied +1 field +1 item; 3 of 72 dev
 *                          pages read twice (see THIN_MAX_STROKE)
 * Left off: contrast normalisation of every faint page (receipts -2
 * fields), clearing dark regions that touch the page's edge and span a
 * quarter of it (a scanner's margin, the table round a photographed
 * receipt: receipts -2 fields, generated scans +1 field -1 line item,
 * +4% time), upscaling all text under 20 px (receipts +7 fields but +28%
 * time, scans' lines -7), upscaling to 1 bpp (worse and no cheaper),
 * preserve_interword_spaces
 * (no effect: words come from the iterator). Kept in the engine so that
 * tools can vary them. */
struct ocr_prep {
        bool upscale;      /* small text scaled up to PREP_TARGET_HEIGHT */
        bool halve;        /* text of PREP_HALVE_HEIGHT or more read at half size */
        bool deskew;
        bool contrast;     /* contrast normalisation of faint scans */
        bool osd;          /* orientation detection when a page reads badly */
        bool tall_psm;     /* one block (PSM 6) for receipt-shaped images */
        bool retry_faint;  /* a page that reads very badly, again with contrast normalised */
        bool derule;       /* table ruling whitened */
        bool invert_dark;  /* dark bands' grey levels inverted */
        bool lang_words;   /* auto: doubtful words read again in the page's language */
        bool probe;        /* auto: a page English cannot read tried in other scripts */
        bool photo;        /* a phone photo's paper found, cut out and flattened */
        bool even_light;   /* ... and its light levelled */
        bool photo_column; /* ... and read again as one column (PSM 4) when
                            * its layout left text unread */
        bool thin_page;    /* thin print whose figures read doubtfully: read again thickened */
        bool dewarp;       /* ... and its curl straightened */
};

/* A page's pixels as they were read (after deskewing, upscaling, contrast),
 * kept so that words can be read again: a page turned by OSD is not kept. */
struct kept_page {
        int number;
        PIX *pix;
        double scale;  /* kept pixels per page unit */
        int dpi;
        int text_height; /* in kept pixels; 0 unknown */
};
/* Pages of one document kept for re-reading: enough for invoices, not for
 * a 200-page file's memory. */
#define KEEP_PAGES 8

/* Engines an auto-language OCR engine makes beside its English one, each
 * on first need and kept for the worker's life. */
#define OCR_MAX_LANGS 8
#define OCR_LANG_SIZE 64

struct lang_engine {
        char code[OCR_LANG_SIZE];
        TessBaseAPI *api;       /* NULL: its traineddata could not be loaded */
};

struct bf_ocr {
        TessBaseAPI *api;       /* the first reading's: the configured list, or eng */
        char *tessdata;         /* model directory; NULL: Tesseract's own */
        bool auto_lang;         /* ocr.language = auto */
        struct lang_engine langs[OCR_MAX_LANGS];
        size_t n_langs;
        /* auto: the language the current document was found in ("" until
         * a page shows one); its later pages are read in it directly. */
        char doc_lang[OCR_LANG_SIZE];
        struct kept_page kept[KEEP_PAGES];
        size_t n_kept;
        TessBaseAPI *osd;  /* orientation engine, made on first need */
        bool osd_missing;  /* osd.traineddata could not be loaded */
        struct ocr_prep prep;
        bool one_column;   /* the current page is read as one column of text */
};

/* Text (median character box) shorter than this is scaled up to the
 * target. Tesseract reads best at cap heights of 25-35 pixels, but scaling
 * costs more time than it repays above about 12 (see above). */
#define PREP_MIN_HEIGHT 12
#define PREP_TARGET_HEIGHT 24
#define PREP_MAX_SCALE 4.0
/* A photo's paper is shrunk to text this high (it is usually larger). */
#define PHOTO_TEXT_HEIGHT 32
/* A photo's first reading that leaves more than this share of its
 * letter-sized marks outside every word is read again as one column. */
#define PHOTO_MAX_UNREAD 0.15
/* A photo's paper with at least this share of its letters' nearest
 * neighbours beside them, not above or below (of at least this many
 * letters), has its lines of text running across (lines_across). On the
 * dev photos (30 SROIE and generated Latvian receipts, 8 taken sideways)
 * the sideways papers gave 0.03-0.33, the others 0.71-0.98. */
#define PHOTO_ACROSS_SHARE 0.6
#define PHOTO_ACROSS_MIN_LETTERS 50
/* Text at least this high is read at half size. */
#define PREP_HALVE_HEIGHT 40
/* Upscaled pages stay below this many pixels. */
#define PREP_MAX_PIXELS 40000000
/* Deskew pages at least this wide: skew misaligns the columns of a
 * page-wide table; on narrow receipts it changed nothing but the time. */
#define DESKEW_MIN_WIDTH 1200
/* Whiten table ruling on pages at least this wide as given (before any
 * upscaling): invoice pages, not receipts, whose fields it cost. */
#define DERULE_MIN_WIDTH 1200
/* A page reads badly — worth asking OSD whether it is upside down or on
 * its side — with fewer words than this or a lower mean confidence. */
#define OSD_MIN_WORDS 5
#define OSD_MIN_CONF 0.60
/* A page with fewer words read than this, or a lower mean confidence, is
 * read again from its contrast-normalised pixels at their own size (faint
 * thermal paper, a dark background around the receipt: specks there also
 * make the text look tiny, so the first reading was of an upscaled page)
 * and the better reading kept. */
#define FAINT_MIN_WORDS 20
#define FAINT_MAX_CONF 0.30
/* ... or with fewer of its words lying flat than this. */
#define OSD_MIN_FLAT 0.5
/* ... unless at least this share of them lie flat and they name a
 * language (read_upright), on a page at least UPRIGHT_MIN_WIDTH wide as
 * given: an invoice page, not a receipt's roll (see DERULE_MIN_WIDTH). */
#define OSD_UPRIGHT_FLAT 0.9
#define UPRIGHT_MIN_WIDTH 1200
/* Orientation confidence (Tesseract's own scale) needed to try a turn;
 * low, because a turn is kept only when the page then reads better. */
#define OSD_MIN_ORIENT_CONF 1.0f
/* Script confidence (Tesseract's scale) needed to believe OSD's script. */
#define OSD_MIN_SCRIPT_CONF 1.0f
/* Orientation detection halves pages whose text is at least this high. */
#define OSD_HALVE_HEIGHT 40

/* True when every '+'-separated language in `want` was loaded. On false,
 * copies the first missing one into missing. */
static bool languages_loaded(TessBaseAPI *api, const char *want, char *missing, size_t size)
{
        char **loaded = TessBaseAPIGetLoadedLanguagesAsVector(api);
        const char *p = want;
        bool ok = true;

        while (ok && *p) {
                size_t n = strcspn(p, "+");
                bool found = false;

                for (char **l = loaded; n > 0 && l && *l; l++)
                        if (strlen(*l) == n && strncmp(*l, p, n) == 0)
                                found = true;
                if (n > 0 && !found) {
                        snprintf(missing, size, "%.*s", (int)n, p);
                        ok = false;
                }
                p += n;
                if (*p == '+')
                        p++;
        }
        if (loaded)
                TessDeleteTextArray(loaded);
        return ok;
}

/* A Tesseract engine for `language` from `tessdata` (NULL: Tesseract's own
 * directory), quiet, with billflow's settings; NULL with the first missing
 * language copied into missing when its data cannot be loaded. */
static TessBaseAPI *engine_new(const char *tessdata, const char *language, char *missing,
                               size_t size)
{
        TessBaseAPI *api = TessBaseAPICreate();

        snprintf(missing, size, "%s", language);
        if (!api)
                return NULL;
        /* Tesseract's own messages ("Estimating resolution", data file
         * errors) go through tprintf; send them nowhere. */
        TessBaseAPISetVariable(api, "debug_file", "/dev/null");
        if (TessBaseAPIInit3(api, tessdata, language) != 0 ||
            !languages_loaded(api, language, missing, size)) {
                TessBaseAPIEnd(api);
                TessBaseAPIDelete(api);
                return NULL;
        }
        missing[0] = '\0';
        TessBaseAPISetPageSegMode(api, PSM_AUTO);
        /* Retrying each doubtful line as white-on-black costs time and, on
         * invoices and receipts, found nothing (see struct ocr_prep). */
        TessBaseAPISetVariable(api, "tessedit_do_invert", "0");
        return api;
}

bf_ocr *ocr_new(const char *language, struct bf_error *err)
{
        return ocr_new_at(language, NULL, err);
}

bf_ocr *ocr_new_at(const char *language, const char *tessdata, struct bf_error *err)
{
        char missing[OCR_LANG_SIZE] = "";
        TessBaseAPI *api;
        bf_ocr *ocr;
        bool auto_lang;

        if (!language || !*language)
                language = "eng";
        if (tessdata && !*tessdata)
                tessdata = NULL;
        auto_lang = strcmp(language, "auto") == 0;
        if (strlen(language) >= OCR_LANG_SIZE) {
                bf_error_set(err, BF_EINVAL, "ocr language list too long: '%.20s...'", language);
                return NULL;
        }
        /* Tesseract's OpenMP threads fight each other when several workers
         * run; parallelism comes from documents instead. Must precede init. */
        setenv("OMP_THREAD_LIMIT", "1", 0);
        capture_quiet_leptonica();

        api = engine_new(tessdata, auto_lang ? "eng" : language, missing, sizeof(missing));
        if (!api) {
                bf_error_set(err, BF_ENOTFOUND,
                             "cannot load tesseract language '%s': traineddata not found in "
                             "'%s' (install its tesseract-ocr package, or set ocr.tessdata)",
                             missing, tessdata ? tessdata : "tesseract's default directory");
                return NULL;
        }
        ocr = bf_xcalloc(1, sizeof(*ocr));
        ocr->api = api;
        ocr->auto_lang = auto_lang;
        ocr->tessdata = tessdata ? bf_xstrdup(tessdata) : NULL;
        ocr->prep = (struct ocr_prep){
                .upscale = true, .halve = true, .deskew = true, .contrast = false, .osd = true,
                .tall_psm = true, .retry_faint = true,
                .derule = true, .invert_dark = true, .lang_words = true, .probe = true, .photo = true,
                .even_light = true, .photo_column = true, .thin_page = true,
        };
        return ocr;
}

/* Languages not written in Latin letters: auto tells each by reading the
 * top of a page the English model could not read in it (read_other_script). Their
 * invoices still carry Latin letters (invoice and order numbers, IBAN,
 * EUR), so they are read with English beside: generated Greek invoices
 * (dev split) 40.6% of fields with ell alone, 81.2% with ell+eng. */
static const char *const other_scripts[] = { "ell", "bul" };

static bool latin_beside(const char *code)
{
        for (size_t i = 0; i < sizeof(other_scripts) / sizeof(other_scripts[0]); i++)
                if (strcmp(code, other_scripts[i]) == 0)
                        return true;
        return false;
}

/* auto: the engine for `code` (made on first need, then kept); NULL when
 * its traineddata is missing or the cache is full. */
static TessBaseAPI *lang_engine(bf_ocr *ocr, const char *code)
{
        char missing[OCR_LANG_SIZE], load[OCR_LANG_SIZE];

        if (strcmp(code, "eng") == 0)
                return ocr->api;
        for (size_t i = 0; i < ocr->n_langs; i++)
                if (strcmp(ocr->langs[i].code, code) == 0)
                        return ocr->langs[i].api;
        if (ocr->n_langs == OCR_MAX_LANGS || strlen(code) >= OCR_LANG_SIZE)
                return NULL;
        snprintf(ocr->langs[ocr->n_langs].code, OCR_LANG_SIZE, "%s", code);
        snprintf(load, sizeof(load), "%s%s", code, latin_beside(code) ? "+eng" : "");
        ocr->langs[ocr->n_langs].api = engine_new(ocr->tessdata, load, missing, sizeof(missing));
        return ocr->langs[ocr->n_langs++].api;
}

int ocr_limit_threads(char *const argv[], struct bf_error *err)
{
        if (getenv("OMP_THREAD_LIMIT"))
                return 0;
        if (setenv("OMP_THREAD_LIMIT", "1", 1) < 0)
                return bf_error_set(err, BF_EIO, "cannot set OMP_THREAD_LIMIT: %s",
                                    strerror(errno));
        execv("/proc/self/exe", argv);
        return bf_error_set(err, BF_EIO, "cannot re-execute '%s': %s",
                            argv && argv[0] ? argv[0] : "/proc/self/exe", strerror(errno));
}

void ocr_forget_pages(bf_ocr *ocr)
{
        if (!ocr)
                return;
        ocr->doc_lang[0] = '\0';
        for (size_t i = 0; i < ocr->n_kept; i++)
                pixDestroy(&ocr->kept[i].pix);
        ocr->n_kept = 0;
}

void ocr_set_document_language(bf_ocr *ocr, const char *code)
{
        if (ocr && ocr->auto_lang && code && strlen(code) < sizeof(ocr->doc_lang))
                snprintf(ocr->doc_lang, sizeof(ocr->doc_lang), "%s", code);
}

const char *ocr_document_language(const bf_ocr *ocr)
{
        if (!ocr || !ocr->auto_lang)
                return "";
        return ocr->doc_lang[0] ? ocr->doc_lang : "eng";
}

void ocr_free(bf_ocr *ocr)
{
        if (!ocr)
                return;
        ocr_forget_pages(ocr);
        TessBaseAPIEnd(ocr->api);
        TessBaseAPIDelete(ocr->api);
        if (ocr->osd) {
                TessBaseAPIEnd(ocr->osd);
                TessBaseAPIDelete(ocr->osd);
        }
        for (size_t i = 0; i < ocr->n_langs; i++) {
                if (ocr->langs[i].api) {
                        TessBaseAPIEnd(ocr->langs[i].api);
                        TessBaseAPIDelete(ocr->langs[i].api);
                }
        }
        free(ocr->tessdata);
        free(ocr);
}

/* 8-bit grey without alpha: what Tesseract is given (maybe a clone of pix;
 * never written to). Caller destroys. */
static PIX *to_grey(PIX *pix)
{
        PIX *flat = NULL, *grey;

        if (pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4) {
                /* Transparent areas are usually black underneath: show them
                 * as the white paper they stand for. */
                flat = pixAlphaBlendUniform(pix, 0xffffff00);
                if (flat)
                        pix = flat;
        }
        /* Already grey (every decoder here makes grey): share, don't copy. */
        if (!flat && pixGetDepth(pix) == 8 && !pixGetColormap(pix))
                return pixClone(pix);
        grey = pixConvertTo8(pix, 0);
        pixDestroy(&flat);
        return grey;
}

static bool is_blank(const char *s)
{
        for (; *s; s++)
                if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
                        return false;
        return true;
}

static void words_free(bf_page *p)
{
        for (size_t i = 0; i < p->n_words; i++)
                free(p->words[i].text);
        free(p->words);
        p->words = NULL;
        p->n_words = 0;
}

static double mean_conf(const bf_page *p)
{
        double sum = 0;

        for (size_t i = 0; i < p->n_words; i++)
                sum += p->words[i].conf;
        return p->n_words ? sum / p->n_words : 0.0;
}

/* The share of words of three or more characters whose boxes are wider
 * than tall: near 0 when Tesseract read a page lying on its side. */
static double horizontal_share(const bf_page *p)
{
        int n = 0, flat = 0;

        for (size_t i = 0; i < p->n_words; i++) {
                const bf_word *w = &p->words[i];

                if (strlen(w->text) < 3)
                        continue;
                n++;
                flat += w->box.x1 - w->box.x0 >= w->box.y1 - w->box.y0;
        }
        return n ? (double)flat / n : 1.0;
}

/* Whether p is a reading of an upright page of print, whatever its
 * confidence: its words lie flat (OSD_UPRIGHT_FLAT) and name a language
 * (langid), as a page's on its side or upside down, or a dot-matrix
 * print's broken strokes, do not. Neither remedy for a page that reads
 * badly is tried on it: OSD (a poor German or French scan the English
 * model read at 0.38-0.63 paid 0.2 s a page to be told it was upright)
 * nor the reading with strokes thickened (about 1 s a page). Generated
 * poor scans (dev split, seed 92, 8 each of de fr en es it): fields
 * 282 -> 286 of 316, CPU 33.5 -> 30.2 s. Only on pages of invoice width
 * as given (`given`, UPRIGHT_MIN_WIDTH), not photos: receipts, whose
 * thermal print the remedies were measured on, lost 3 fields of 306
 * (SROIE, both folds) without them. */
static bool read_upright(const bf_page *p, PIX *given)
{
        return pixGetWidth(given) >= UPRIGHT_MIN_WIDTH && p->n_words >= OSD_MIN_WORDS &&
               horizontal_share(p) >= OSD_UPRIGHT_FLAT &&
               langid_named(p->words, p->n_words) != NULL;
}

/* How well a page read: words, their confidence, and upright lines. */
static double reading_score(const bf_page *p)
{
        return p->n_words * mean_conf(p) * horizontal_share(p);
}

/* A band of a page: rows y0 up to (not including) y1, the full width;
 * cut out to be read alone (a probe of the script: the cheaper read), or
 * read in the page's frame (see recognise_band). */
struct band {
        int y0, y1;
        bool cut;
};

/* Whether pix, receipt-shaped (more than twice as tall as wide), is read
 * as one block of text (PSM 6: prep.tall_psm). */
static bool read_as_block(const bf_ocr *ocr, PIX *pix)
{
        return ocr->prep.tall_psm && pixGetHeight(pix) > 2 * pixGetWidth(pix);
}

/* Runs Tesseract (api: one of ocr's engines) on grey (only its rows in
 * `band` when not NULL) and appends its words, boxes in grey's pixels, to
 * out, their lines and blocks numbered after those already there; as one
 * block of text when one_block (else by its layout). */
static int recognise_band(bf_ocr *ocr, TessBaseAPI *api, PIX *grey, int dpi, bool one_block,
                          const struct band *band, bf_page *out, struct bf_error *err)
{
        TessResultIterator *it = NULL;
        const TessPageIterator *pit;
        PIX *clip = NULL;
        int block = -1, line = -1, dy = 0;
        bool tall = one_block || read_as_block(ocr, grey);

        /* The band is read from a copy of the page blanked around it to
         * the paper's grey (its median): Tesseract 5's own rectangle
         * (SetRectangle) read the top of invoices as nonsense, and a band
         * cut out laid a table under it out apart from the page (line
         * items lost). Blanked to white, a small band of grey paper fell
         * below Tesseract's threshold whole: a Greek invoice's top read as
         * no words. A band cut out is read alone, its boxes moved back. */
        if (band && band->cut) {
                BOX *b = boxCreate(0, band->y0, pixGetWidth(grey), band->y1 - band->y0);

                clip = b ? pixClipRectangle(grey, b, NULL) : NULL;
                boxDestroy(&b);
                if (!clip)
                        return bf_error_set(err, BF_ENOMEM, "cannot copy page %d",
                                            out->number);
                grey = clip;
                dy = band->y0;
        } else if (band) {
                int w = pixGetWidth(grey), h = pixGetHeight(grey);
                BOX *above = band->y0 > 0 ? boxCreate(0, 0, w, band->y0) : NULL;
                BOX *below = band->y1 < h ? boxCreate(0, band->y1, w, h - band->y1) : NULL;
                l_uint32 paper = 255;

                clip = pixCopy(NULL, grey);
                if (clip && pixGetDepth(clip) == 8 && !pixGetColormap(clip) &&
                    pixGetRankValue(clip, 4, 0.5f, &paper) != 0)
                        paper = 255;
                if (clip && above)
                        pixSetInRectArbitrary(clip, above, paper);
                if (clip && below)
                        pixSetInRectArbitrary(clip, below, paper);
                boxDestroy(&above);
                boxDestroy(&below);
                if (!clip)
                        return bf_error_set(err, BF_ENOMEM, "cannot copy page %d",
                                            out->number);
                grey = clip;
        }
        for (size_t i = 0; i < out->n_words; i++) {
                if (out->words[i].block > block)
                        block = out->words[i].block;
                if (out->words[i].line > line)
                        line = out->words[i].line;
        }
        if (tall)
                TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK);
        else if (ocr->one_column)
                TessBaseAPISetPageSegMode(api, PSM_SINGLE_COLUMN);
        tall = tall || ocr->one_column;  /* the mode set is set back to auto below */
        TessBaseAPISetImage2(api, grey);
        TessBaseAPISetSourceResolution(api, dpi);
        if (TessBaseAPIRecognize(api, NULL) != 0) {
                TessBaseAPIClear(api);
                pixDestroy(&clip);
                if (tall)
                        TessBaseAPISetPageSegMode(api, PSM_AUTO);
                return bf_error_set(err, BF_EINTERNAL, "tesseract failed on page %d",
                                    out->number);
        }

        it = TessBaseAPIGetIterator(api);
        pit = it ? TessResultIteratorGetPageIterator(it) : NULL;
        if (pit) {
                do {
                        int l, t, r, b;
                        char *text;

                        if (TessPageIteratorIsAtBeginningOf(pit, RIL_BLOCK))
                                block++;
                        if (TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE))
                                line++;
                        if (!TessPageIteratorBoundingBox(pit, RIL_WORD, &l, &t, &r, &b))
                                continue;
                        text = TessResultIteratorGetUTF8Text(it, RIL_WORD);
                        if (text && !is_blank(text)) {
                                float conf = TessResultIteratorConfidence(it, RIL_WORD) / 100.0f;

                                if (conf < 0.0f)
                                        conf = 0.0f;
                                if (conf > 1.0f)
                                        conf = 1.0f;
                                page_add_word(out, text, (bf_box){ l, t + dy, r, b + dy }, conf,
                                              line < 0 ? 0 : line, block < 0 ? 0 : block);
                        }
                        TessDeleteText(text);
                } while (TessResultIteratorNext(it, RIL_WORD));
        }
        TessResultIteratorDelete(it);
        /* Drop the page's results and our image reference; the engine stays. */
        TessBaseAPIClear(api);
        pixDestroy(&clip);
        if (tall)
                TessBaseAPISetPageSegMode(api, PSM_AUTO);
        return 0;
}

/* recognise_band() on the whole of grey. */
static int recognise(bf_ocr *ocr, TessBaseAPI *api, PIX *grey, int dpi, bool one_block,
                     bf_page *out, struct bf_error *err)
{
        return recognise_band(ocr, api, grey, dpi, one_block, NULL, out, err);
}

/* The quarter turn (0, 90, 180, 270 degrees clockwise) that makes grey
 * upright, by Tesseract's orientation detection; 0 when unsure or when
 * osd.traineddata is not installed. text_height: grey's (0 if unknown).
 * script (size > 0) gets the script OSD names ("Latin", "Cyrillic", ...;
 * "" when unsure). */
static int upright_turn(bf_ocr *ocr, PIX *grey, int text_height, char *script, size_t size)
{
        PIX *half = NULL;
        const char *name = NULL;
        int deg = 0;
        float conf = 0.0f, script_conf = 0.0f;

        script[0] = '\0';

        if (!ocr->osd && !ocr->osd_missing) {
                ocr->osd = TessBaseAPICreate();
                if (ocr->osd) {
                        TessBaseAPISetVariable(ocr->osd, "debug_file", "/dev/null");
                        /* osd.traineddata from the model directory, else
                         * Tesseract's own. */
                        if ((!ocr->tessdata ||
                             TessBaseAPIInit3(ocr->osd, ocr->tessdata, "osd") != 0) &&
                            TessBaseAPIInit3(ocr->osd, NULL, "osd") != 0) {
                                TessBaseAPIDelete(ocr->osd);
                                ocr->osd = NULL;
                        } else {
                                TessBaseAPISetPageSegMode(ocr->osd, PSM_OSD_ONLY);
                        }
                }
                ocr->osd_missing = !ocr->osd;
        }
        if (!ocr->osd)
                return 0;
        /* Its cost follows the pixels: large text is read at half size. */
        if (text_height >= OSD_HALVE_HEIGHT)
                half = pixScaleAreaMap2(grey);
        TessBaseAPISetImage2(ocr->osd, half ? half : grey);
        if (!TessBaseAPIDetectOrientationScript(ocr->osd, &deg, &conf, &name, &script_conf))
                deg = 0;
        else if (name && script_conf >= OSD_MIN_SCRIPT_CONF)
                snprintf(script, size, "%s", name);
        TessBaseAPIClear(ocr->osd);
        pixDestroy(&half);
        if (conf < OSD_MIN_ORIENT_CONF)
                return 0;
        /* deg is how far the image is turned clockwise from upright; undo
         * it by turning the rest of the way round. */
        return (360 - ((deg % 360) + 360) % 360) % 360;
}

/* Whether the lines of text on a photo's paper run across it (upright or
 * upside down), not down (on its side), by which way its letters' nearest
 * neighbours lie. */
static bool lines_across(PIX *grey)
{
        int letters = 0;
        double share = prep_letters_across(grey, &letters);

        return letters >= PHOTO_ACROSS_MIN_LETTERS && share >= PHOTO_ACROSS_SHARE;
}

/* The factor that brings text th pixels high (0: unknown) on a w x h page
 * up to PREP_TARGET_HEIGHT; 1.0 when it needs none. */
static double upscale_factor(int th, int w, int h)
{
        double scale;

        if (th <= 0 || th >= PREP_MIN_HEIGHT)
                return 1.0;
        scale = fmin((double)PREP_TARGET_HEIGHT / th, PREP_MAX_SCALE);
        scale = fmin(scale, sqrt(PREP_MAX_PIXELS / ((double)w * h)));
        return scale > 1.2 ? scale : 1.0;
}

/* Puts step in *work's place; keeps *work when step is NULL (a failed
 * step is skipped). */
static void replace(PIX **work, PIX *step)
{
        if (step) {
                pixDestroy(work);
                *work = step;
        }
}

/* work levelled if its text lines slope. It is about to be upscaled by
 * `scale`: the skew is searched at a quarter of that size, as leptonica's
 * deskew does, but the turn made now, on fewer pixels. */
static PIX *deskewed(PIX *work, double scale)
{
        int reduction = scale > 2.0 ? 1 : scale > 1.0 ? 2 : 4;
        double degrees;

        if (!prep_find_skew(work, reduction, &degrees))
                return NULL;
        return prep_deskew(work, degrees);
}

/* Reads grey again, contrast-normalised at its own size (and, when
 * `thick`, its strokes thickened and read as one block), and keeps that
 * reading, its pixels, scale and dpi in *got, *work, *scale and *dpi when
 * it reads better. A failure leaves the first reading standing. */
static void reread_contrast(bf_ocr *ocr, TessBaseAPI *api, PIX *grey, int file_dpi, bool thick,
                            bf_page *got, PIX **work, double *scale, int *dpi)
{
        bf_page again = { .number = got->number };
        PIX *step = prep_contrast(grey);

        if (!step)
                return;
        if (thick)
                replace(&step, prep_thicken(step));
        if (recognise(ocr, api, step, file_dpi, thick, &again, NULL) == 0 &&
            reading_score(&again) > reading_score(got)) {
                words_free(got);
                *got = again;
                again = (bf_page){ .number = got->number };
                pixDestroy(work);
                *work = step;
                step = NULL;
                *scale = 1.0;
                *dpi = file_dpi;
        }
        words_free(&again);
        pixDestroy(&step);
}

/* A word read in English with less confidence than this is read again in
 * the page's language, and the surer reading kept. The box it is read
 * from has this share of its height added all round. */
#define LANG_DOUBT_CONF 0.90f
#define LANG_WORD_PAD 0.25

/* How many ASCII letters or non-ASCII bytes text holds. */
static int letters(const char *text)
{
        int n = 0;

        for (const unsigned char *p = (const unsigned char *)text; *p; p++)
                n += (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p >= 0xc0;
        return n;
}

/* Reads again, with api (the page's language), each doubtful word of
 * *got (two letters or more, read with less confidence than
 * LANG_DOUBT_CONF) from the same pixels, and keeps the new reading of each
 * word that comes out surer: the rest of the page costs nothing. */
static void reread_words(TessBaseAPI *api, PIX *pix, int dpi, bf_page *got)
{
        int pw = pixGetWidth(pix), ph = pixGetHeight(pix);
        bool started = false;

        for (size_t i = 0; i < got->n_words; i++) {
                bf_word *w = &got->words[i];
                int pad = (int)((w->box.y1 - w->box.y0) * LANG_WORD_PAD) + 2;
                int x0 = (int)fmax(0, w->box.x0 - pad), y0 = (int)fmax(0, w->box.y0 - pad);
                int x1 = (int)fmin(pw, w->box.x1 + pad), y1 = (int)fmin(ph, w->box.y1 + pad);
                char *text;

                if (w->conf >= LANG_DOUBT_CONF || letters(w->text) < 2 || x1 <= x0 || y1 <= y0)
                        continue;
                if (!started) {
                        TessBaseAPISetPageSegMode(api, PSM_SINGLE_WORD);
                        TessBaseAPISetImage2(api, pix);
                        TessBaseAPISetSourceResolution(api, dpi);
                        started = true;
                }
                TessBaseAPISetRectangle(api, x0, y0, x1 - x0, y1 - y0);
                text = TessBaseAPIGetUTF8Text(api);
                if (text) {
                        size_t len = strlen(text);
                        float conf = TessBaseAPIMeanTextConf(api) / 100.0f;

                        while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
                                text[--len] = '\0';
                        if (len > 0 && !strchr(text, ' ') && !strchr(text, '\n') &&
                            conf > w->conf) {
                                free(w->text);
                                w->text = bf_xstrdup(text);
                                w->conf = conf > 1.0f ? 1.0f : conf;
                        }
                }
                TessDeleteText(text);
        }
        if (started) {
                TessBaseAPIClear(api);
                TessBaseAPISetPageSegMode(api, PSM_AUTO);
        }
}

/* OCR_REREAD_SMALL: a word on a page whose text was read shorter than
 * SMALL_MAX_HEIGHT pixels, narrower than SMALL_MAX_WIDTH (a low-resolution
 * receipt scan) is read again from
 * its box widened by SMALL_PAD_X text heights each side (a digit lost at a
 * figure's edge) and SMALL_PAD_Y of its height above and below, scaled up
 * to text SMALL_TEXT_HEIGHT high (at most SMALL_MAX_SCALE times), as one
 * line in grey; the word read where it stood is its reading. */
#define SMALL_MAX_HEIGHT 20
/* ... on a page narrower than this as given: a receipt, not an invoice
 * page (whose scans were not measured with it; see DERULE_MIN_WIDTH). */
#define SMALL_MAX_WIDTH 1200
#define SMALL_TEXT_HEIGHT 32
#define SMALL_MAX_SCALE 3.0
#define SMALL_PAD_X 1.5
#define SMALL_PAD_Y 0.3
#define SMALL_BORDER 10
/* Crops stacked into one image at most (its height stays well within
 * Tesseract's 32767 pixels); more are read in further stacks. */
#define SMALL_STACK 64

/* Recognises all of pix with api as it is set (page segmentation mode)
 * and appends its words to out, boxes in pix's pixels. */
static int recognise_words(TessBaseAPI *api, PIX *pix, int dpi, bf_page *out)
{
        TessResultIterator *it;
        int r = -1;

        TessBaseAPISetImage2(api, pix);
        TessBaseAPISetSourceResolution(api, dpi);
        if (TessBaseAPIRecognize(api, NULL) == 0 && (it = TessBaseAPIGetIterator(api))) {
                const TessPageIterator *pit = TessResultIteratorGetPageIterator(it);

                do {
                        int l, t, rt, bt;
                        char *text;

                        if (!TessPageIteratorBoundingBox(pit, RIL_WORD, &l, &t, &rt, &bt))
                                continue;
                        text = TessResultIteratorGetUTF8Text(it, RIL_WORD);
                        if (text && !is_blank(text)) {
                                float conf = TessResultIteratorConfidence(it, RIL_WORD) / 100.0f;

                                page_add_word(out, text, (bf_box){ l, t, rt, bt },
                                              conf < 0 ? 0 : conf > 1 ? 1 : conf, 0, 0);
                        }
                        TessDeleteText(text);
                } while (TessResultIteratorNext(it, RIL_WORD));
                TessResultIteratorDelete(it);
                r = 0;
        }
        TessBaseAPIClear(api);
        return r;
}

/* The word of again standing where box stood (its centre inside box
 * widened by pad each side): its index, or -1 when none or several do. */
static long word_at(const bf_page *again, bf_box box, double pad)
{
        long hit = -1;

        for (size_t i = 0; i < again->n_words; i++) {
                const bf_box *b = &again->words[i].box;
                double cx = (b->x0 + b->x1) / 2;

                if (cx < box.x0 - pad || cx > box.x1 + pad)
                        continue;
                if (hit >= 0)
                        return -1;
                hit = (long)i;
        }
        return hit;
}

/* The language OSD's script stands for among billflow's languages, NULL
 * for Latin (told from the words instead) and scripts it has none for. */
static const char *script_language(const char *script)
{
        if (strcmp(script, "Cyrillic") == 0)
                return "bul";
        if (strcmp(script, "Greek") == 0)
                return "ell";
        return NULL;
}

/* auto: a page the English model read with letters it could not read
 * (and no language's words) may be in another script: its top band, to
 * the widest blank gap between PROBE_SHARE and PROBE_MAX_SHARE of its
 * height, is read in each other script's language, and the page read again
 * in the one that reads it surest. OSD, asked only of pages that read
 * badly, took generated Greek invoices for Latin, Cyrillic or was unsure. */
#define PROBE_SHARE 0.22
#define PROBE_MAX_SHARE 0.45
/* A row of at most one ink pixel in this many across is blank (specks). */
#define PROBE_BLANK_PER 400
/* A page's words of three letters or more read with less mean confidence
 * than this: maybe another script, and its top band is read again in each
 * of other_scripts[]. The English model reads Latin-script
 * languages at 0.72-0.86 and Greek at 0.33-0.40 (generated invoices, dev
 * split). OSD named Greek there with too little confidence (0.83-0.99 on
 * its scale, Greek capitals being Latin ones too), or Latin, or Cyrillic. */
#define PROBE_SCRIPT_CONF 0.55
/* A script's reading is kept when its letters' confidence beats English's
 * by this much. */
#define PROBE_SCRIPT_GAIN 0.15
/* A band needs this many words of three letters or more to be judged. */
#define PROBE_MIN_LETTER_WORDS 5
/* A script whose reading of the band is at least this sure is taken
 * without reading it in the next: generated Greek invoices' top bands
 * read 0.75-0.92 in ell+eng and 0.59-0.70 in bul+eng (dev split). */
#define PROBE_SCRIPT_SURE 0.80
/* auto, a page of invoice width: its top band (to the widest blank gap
 * between these shares of its height: a letterhead, enough words to tell
 * the script) is judged first (read_letterhead_script). */
#define FIRST_SHARE 0.08
#define FIRST_MAX_SHARE 0.22
/* ... on pages at least this wide as given: an invoice page, not a
 * receipt's roll (see DERULE_MIN_WIDTH). */
#define FIRST_MIN_WIDTH 1200
/* The page's own reading of a letterhead is surer than a reading of the
 * letterhead alone (by up to 0.21 on generated Greek and Bulgarian pages,
 * dev split), which other_script_likely's PROBE_SCRIPT_CONF was set on: a
 * letterhead the page read under this is read alone to be judged. The
 * page's own reading of letterheads, dev split, 2 a language: Greek
 * 0.53-0.56, Bulgarian 0.45-0.66; Latin-script languages 0.66-0.95 (one of
 * 50 under 0.70, whose reading alone is then its only cost). */
#define HEAD_SCRIPT_CONF 0.70

/* The grey that divides ink from paper in 8-bit grey's columns x0 to x1
 * (excluded), all rows: halfway between their ink (the darkest 2%) and
 * their paper (the median), 128 when the two are under 40 apart. Their
 * histogram is counted a 32-bit word (four pixels, each in its own table)
 * at a time, without copying them (pixGetGrayHistogramInRect took 5-10
 * times as long on a whole page), and Leptonica's rank values taken from
 * it as pixGetRankValue does. */
static int columns_threshold(PIX *grey, int x0, int x1)
{
        l_uint32 lane[4][256];
        const l_uint32 *data = pixGetData(grey);
        int wpl = pixGetWpl(grey), h = pixGetHeight(grey), r = 128;
        l_float32 ink = 0, paper = 255;
        NUMA *hist = numaCreate(256);

        memset(lane, 0, sizeof(lane));
        for (int y = 0; y < h; y++) {
                const l_uint32 *line = data + (size_t)y * wpl;
                int x = x0;

                for (; x < x1 && (x & 3); x++)
                        lane[0][GET_DATA_BYTE(line, x)]++;
                for (; x + 4 <= x1; x += 4) {
                        l_uint32 v = line[x >> 2];

                        lane[0][v & 0xff]++;
                        lane[1][(v >> 8) & 0xff]++;
                        lane[2][(v >> 16) & 0xff]++;
                        lane[3][v >> 24]++;
                }
                for (; x < x1; x++)
                        lane[0][GET_DATA_BYTE(line, x)]++;
        }
        for (int v = 0; hist && v < 256; v++)
                numaAddNumber(hist, (l_float32)(lane[0][v] + lane[1][v] + lane[2][v] + lane[3][v]));
        if (hist && numaHistogramGetValFromRank(hist, 0.02f, &ink) == 0 &&
            numaHistogramGetValFromRank(hist, 0.5f, &paper) == 0 &&
            lept_roundftoi(paper) >= lept_roundftoi(ink) + 40)
                r = (lept_roundftoi(ink) + lept_roundftoi(paper)) / 2;
        numaDestroy(&hist);
        return r;
}

/* How many pixels of grey's row y, columns x0 to x1 (excluded), are
 * darker than thresh: ink, as pixThresholdToBinary tells it. */
static int row_ink(PIX *grey, int y, int x0, int x1, int thresh)
{
        const l_uint32 *line = pixGetData(grey) + (size_t)y * pixGetWpl(grey);
        int n = 0;

        for (int x = x0; x < x1; x++)
                n += GET_DATA_BYTE(line, x) < thresh;
        return n;
}

/* The row at which to end grey's top band: the middle of the tallest run
 * of blank rows, at least the text's height (text_height; 0 if unknown)
 * tall, between the shares `from_share` and `to_share` of its height; 0
 * when there is none. Ink is told from paper halfway between them, and
 * counted between the page's outer twentieths (a scanner's dark edge
 * runs down every row). Every page of invoice width read with
 * ocr.language=auto pays for it, so the threshold comes from one pass
 * over the page (columns_threshold, no copy) and only the rows the search
 * reaches are counted. Copying, binarising and counting the whole page
 * had cost 4-60 ms a page (1653x2339 to 2479x3508 pixels, against about
 * 700 ms of Tesseract) for the same row: 58 generated pages of the 29
 * locales and 16 English scans ended their bands at the same row both
 * ways, at a fourteenth of the time. */
static int band_end(PIX *grey, int text_height, double from_share, double to_share)
{
        int w = pixGetWidth(grey), h = pixGetHeight(grey);
        int from = (int)(h * from_share), to = (int)(h * to_share), end = 0;
        int best = text_height > 3 ? text_height - 1 : h / 100;
        int x0 = w / 20, x1 = x0 + (w - w / 10), thresh;
        int limit = w / PROBE_BLANK_PER + 1;

        if (pixGetDepth(grey) != 8 || pixGetColormap(grey) || x1 <= x0)
                return 0;
        thresh = columns_threshold(grey, x0, x1);
        for (int y = from; y < to; y++) {
                int gap = y;

                if (row_ink(grey, y, x0, x1, thresh) > limit)
                        continue;
                while (gap + 1 < h && row_ink(grey, gap + 1, x0, x1, thresh) <= limit)
                        gap++;
                if (gap + 1 - y > best) {
                        best = gap + 1 - y;
                        end = (y + gap + 1) / 2;
                }
                y = gap;
        }
        return end;
}

/* The mean confidence of p's words of three letters or more (their
 * number in *ret_n when not NULL); 1.0 when it has none. */
static double letter_conf(const bf_page *p, int *ret_n)
{
        double sum = 0;
        int n = 0;

        for (size_t i = 0; i < p->n_words; i++)
                if (letters(p->words[i].text) >= 3) {
                        sum += p->words[i].conf;
                        n++;
                }
        if (ret_n)
                *ret_n = n;
        return n ? sum / n : 1.0;
}

/* Reads the band `top` of work in each of other_scripts[] (in order,
 * stopping at one that reads it PROBE_SCRIPT_SURE) and returns the
 * language whose reading of it has the surest letters, if surer than
 * `floor`, with that reading in *ret_band (empty on entry); NULL
 * otherwise, *ret_band left empty. */
static const char *band_script(bf_ocr *ocr, PIX *work, int dpi, const struct band *top,
                               double floor, bf_page *ret_band)
{
        const char *lang = NULL;

        for (size_t i = 0; i < sizeof(other_scripts) / sizeof(other_scripts[0]); i++) {
                TessBaseAPI *e = lang_engine(ocr, other_scripts[i]);
                bf_page again = { .number = ret_band->number };
                int n_letter_words = 0;

                if (e && recognise_band(ocr, e, work, dpi, false, top, &again, NULL) == 0 &&
                    letter_conf(&again, &n_letter_words) > floor &&
                    n_letter_words >= PROBE_MIN_LETTER_WORDS) {
                        floor = letter_conf(&again, NULL);
                        lang = other_scripts[i];
                        words_free(ret_band);
                        *ret_band = again;
                        again = (bf_page){ .number = ret_band->number };
                }
                words_free(&again);
                if (lang && floor >= PROBE_SCRIPT_SURE)
                        break;
        }
        return lang;
}

/* Whether p's letters read so badly in English (their mean confidence
 * under `below`: PROBE_SCRIPT_CONF, or HEAD_SCRIPT_CONF for a page's own
 * reading of its letterhead) and name no language that p may be in another
 * script. */
static bool other_script_likely(const bf_page *p, double below)
{
        int n_letter_words = 0;
        double conf = letter_conf(p, &n_letter_words);

        return conf < below && n_letter_words >= PROBE_MIN_LETTER_WORDS &&
               !langid_named(p->words, p->n_words);
}

/* p's words that end above row `end` (its top band), in *ret_head: its
 * words array allocated (free it alone), the words themselves p's. */
static void head_words(const bf_page *p, int end, bf_page *ret_head)
{
        *ret_head = (bf_page){ .number = p->number };
        if (end <= 0 || p->n_words == 0)
                return;
        ret_head->words = bf_xcalloc(p->n_words, sizeof(*ret_head->words));
        for (size_t i = 0; i < p->n_words; i++)
                if (p->words[i].box.y1 <= end)
                        ret_head->words[ret_head->n_words++] = p->words[i];
}

/* auto: the top band of work (rows to `end`; the top PROBE_MAX_SHARE when
 * `end` is 0) is read in each of other_scripts[] (band_script); when one
 * reads it surer than `floor` + PROBE_SCRIPT_GAIN, the rest of the page is
 * read in that language (the whole page, when no blank gap ended the band),
 * and that reading becomes *got, that language *api and the document's. */
static void read_in_band_script(bf_ocr *ocr, PIX *work, int dpi, int end, double floor,
                                bf_page *got, TessBaseAPI **api)
{
        bf_page again = { .number = got->number };
        struct band top = { 0, end > 0 ? end : (int)(pixGetHeight(work) * PROBE_MAX_SHARE), true };
        struct band rest = { top.y1, pixGetHeight(work), false };
        const char *lang = band_script(ocr, work, dpi, &top, floor + PROBE_SCRIPT_GAIN, &again);
        TessBaseAPI *other = lang ? lang_engine(ocr, lang) : NULL;

        if (other && end <= 0)
                words_free(&again);
        if (!other ||
            (end > 0 ? recognise_band(ocr, other, work, dpi, false, &rest, &again, NULL)
                     : recognise(ocr, other, work, dpi, false, &again, NULL)) != 0) {
                words_free(&again);
                return;
        }
        words_free(got);
        *got = again;
        *api = other;
        snprintf(ocr->doc_lang, sizeof(ocr->doc_lang), "%s", lang);
}

/* auto, a page of invoice width the English model has just read (*got),
 * before any second reading: are the words it read in its letterhead
 * (its top, to the widest blank gap between FIRST_SHARE and
 * FIRST_MAX_SHARE of its height) in another script (other_script_likely,
 * under HEAD_SCRIPT_CONF)? Then the letterhead is read alone in English,
 * and if English still cannot read it (under PROBE_SCRIPT_CONF), in other
 * scripts, the rest of the page being read in the surest
 * (read_in_band_script, which compares readings of the band cut out).
 * Returns whether the letterhead was tried in other scripts.
 * Since 4a765b3 the letterhead had been read alone in English before the
 * page, so that a Greek page was not read whole in English too; but every
 * Latin page paid that reading and threw it away (English generated scans
 * 0.9x -> 1.05-1.25x the bare tesseract CLI). Judged by the page's own
 * reading first, and before the remedies for a page that reads badly
 * (which, in English, a Greek page seems), a Greek page costs one English
 * reading more than then and a Latin page nothing. */
static bool read_letterhead_script(bf_ocr *ocr, PIX *work, int dpi, int text_height,
                                   bf_page *got, TessBaseAPI **api)
{
        int end = band_end(work, text_height, FIRST_SHARE, FIRST_MAX_SHARE);
        struct band top = { 0, end, true };
        bf_page head, alone = { .number = got->number };
        bool likely;

        head_words(got, end, &head);
        likely = other_script_likely(&head, HEAD_SCRIPT_CONF) &&
                 recognise_band(ocr, *api, work, dpi, false, &top, &alone, NULL) == 0 &&
                 other_script_likely(&alone, PROBE_SCRIPT_CONF);
        if (likely)
                read_in_band_script(ocr, work, dpi, end, letter_conf(&alone, NULL), got, api);
        free(head.words);
        words_free(&alone);
        return likely;
}

/* auto: a page the English model read (*got) with letters it could not
 * read and no language's words, in another script? Its top band (to the
 * widest blank gap between PROBE_SHARE and PROBE_MAX_SHARE of its height)
 * is tried in other scripts (read_in_band_script). */
static void read_other_script(bf_ocr *ocr, PIX *work, int dpi, int text_height, bf_page *got,
                              TessBaseAPI **api)
{
        if (other_script_likely(got, PROBE_SCRIPT_CONF))
                read_in_band_script(ocr, work, dpi,
                                    band_end(work, text_height, PROBE_SHARE, PROBE_MAX_SHARE),
                                    letter_conf(got, NULL), got, api);
}

/* The share of work's letter-sized marks (text_height high, in work's
 * pixels) whose middle lies in no word p read: text its layout dropped. */
static double unread_share(const bf_page *p, PIX *work, int text_height)
{
        BOXA *marks = prep_letter_boxes(work, text_height);
        int n = marks ? boxaGetCount(marks) : 0, unread = 0;

        for (int i = 0; i < n; i++) {
                int bx, by, bw, bh, cx, cy;
                bool read = false;

                boxaGetBoxGeometry(marks, i, &bx, &by, &bw, &bh);
                cx = bx + bw / 2;
                cy = by + bh / 2;
                for (size_t j = 0; j < p->n_words && !read; j++) {
                        const bf_box *b = &p->words[j].box;

                        read = cx >= b->x0 && cx <= b->x1 && cy >= b->y0 && cy <= b->y1;
                }
                unread += !read;
        }
        boxaDestroy(&marks);
        return n ? (double)unread / n : 0.0;
}

/* got read again from work as one column of text (PSM 4), replaced if
 * that reads better. */
static void reread_one_column(bf_ocr *ocr, TessBaseAPI *api, PIX *work, int dpi, bf_page *got)
{
        bf_page col = { .number = got->number };

        ocr->one_column = true;
        if (recognise(ocr, api, work, dpi, false, &col, NULL) == 0 &&
            reading_score(&col) > reading_score(got)) {
                words_free(got);
                *got = col;
        } else {
                words_free(&col);
        }
        ocr->one_column = false;
}

/* Pages at least this large are halved (and those of PAGE_QUARTER_PIXELS
 * quartered) once for every step that looks at them reduced: the paper
 * test, the text's height, dark bands. Each had reduced the page itself;
 * leptonica's area map to a quarter is its halving twice, so the pixels are
 * the same. */
#define PAGE_HALF_PIXELS 1500000
#define PAGE_QUARTER_PIXELS 3000000

/* grey halved (*ret_half) and quartered (*ret_quarter) by area mapping
 * when large enough, else NULL; the caller destroys them. */
static void reduce_page(PIX *grey, PIX **ret_half, PIX **ret_quarter)
{
        int64_t px = (int64_t)pixGetWidth(grey) * pixGetHeight(grey);

        *ret_half = px >= PAGE_HALF_PIXELS && pixGetDepth(grey) == 8 && !pixGetColormap(grey)
                            ? pixScaleAreaMap2(grey)
                            : NULL;
        *ret_quarter = *ret_half && px >= PAGE_QUARTER_PIXELS ? pixScaleAreaMap2(*ret_half)
                                                                : NULL;
}

/* Thin print (a typewriter face, a light printer): Tesseract reads its
 * words well and its figures badly ("2k6 397)" for 216.97, "ZAMS 6" for
 * 24.56), and reads them right with the strokes thickened. A page of
 * invoice width (its text spanning THIN_MIN_WIDTH text heights or more:
 * SROIE's receipts span 25-50, even scanned on an A4 flatbed) read with at
 * least THIN_MIN_FIGURES words holding a digit, THIN_MIN_SHARE of them or
 * more under THIN_DOUBT_CONF, whose strokes are thin (the median ink run
 * along its rows under THIN_MAX_STROKE of its text height), is read again
 * whole, thickened, and that reading kept when it reads better
 * (reading_score). Generated scans, dev seeds (varied, rich and plain
 * png, 72 pages): 9 pages have such doubtful figures; the 3 of thin print
 * have strokes of 2 px at a text height of 20 (0.10), the poor scans and
 * every other page 3-5 px (0.20-0.29). Read again thickened, the thin ones
 * read their figures surer (doubtful 21 -> 5, 14 -> 10 of about 50); poor
 * scans read worse or no better, and cost a reading each for nothing,
 * hence the stroke test. Reading only the doubtful figures' crops again,
 * stacked in one call, was measured first: val rich lost line items
 * (F1 -0.13) and varied gained 2 fields where the whole page gains the
 * same 2 fields and loses no item. */
#define THIN_MIN_FIGURES 8
#define THIN_MIN_SHARE 0.25
#define THIN_DOUBT_CONF 0.70f
#define THIN_MIN_WIDTH 60
#define THIN_MAX_STROKE 0.15

static bool has_digit(const char *s)
{
        for (; *s; s++)
                if (*s >= '0' && *s <= '9')
                        return true;
        return false;
}

static int cmp_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;

        return (x > y) - (x < y);
}

/* How wide got's text runs: from the 5th percentile of its words' left
 * edges to the 95th of their right edges, words read with some confidence
 * only (specks, a scanner's edge and a stray word out in the margin left
 * out). */
static double text_span(const bf_page *got)
{
        double *x0 = bf_xcalloc(got->n_words + 1, sizeof(*x0));
        double *x1 = bf_xcalloc(got->n_words + 1, sizeof(*x1));
        size_t n = 0;
        double span = 0;

        for (size_t i = 0; i < got->n_words; i++) {
                const bf_word *w = &got->words[i];

                if (w->conf < 0.5f || strlen(w->text) < 2)
                        continue;
                x0[n] = w->box.x0;
                x1[n++] = w->box.x1;
        }
        if (n > 0) {
                qsort(x0, n, sizeof(*x0), cmp_double);
                qsort(x1, n, sizeof(*x1), cmp_double);
                span = fmax(0, x1[(n - 1) * 95 / 100] - x0[(n - 1) * 5 / 100]);
        }
        free(x0);
        free(x1);
        return span;
}

/* Whether got's figures read as thin print's do (see above). */
static bool doubtful_figures(const bf_page *got)
{
        size_t figures = 0, doubtful = 0;

        for (size_t i = 0; i < got->n_words; i++) {
                if (!has_digit(got->words[i].text))
                        continue;
                figures++;
                doubtful += got->words[i].conf < THIN_DOUBT_CONF;
        }
        return figures >= THIN_MIN_FIGURES && doubtful >= THIN_MIN_SHARE * (double)figures;
}

/* The median length, in pixels, of the ink runs along every other row of
 * grey (8 bit), runs longer than max_run (rules, bars) left out; 0 when
 * there are none. A stroke's width, for the most part. */
static int ink_run_median(PIX *grey, int max_run)
{
        int w = pixGetWidth(grey), h = pixGetHeight(grey), wpl = pixGetWpl(grey);
        int ink = columns_threshold(grey, 0, w), med = 0;
        const l_uint32 *data = pixGetData(grey);
        size_t *hist = bf_xcalloc((size_t)max_run + 1, sizeof(*hist));
        size_t n = 0, acc = 0;

        for (int y = 0; y < h; y += 2) {
                const l_uint32 *line = data + (size_t)y * wpl;
                int run = 0;

                for (int x = 0; x <= w; x++) {
                        if (x < w && (int)GET_DATA_BYTE(line, x) < ink) {
                                run++;
                                continue;
                        }
                        if (run > 0 && run <= max_run) {
                                hist[run]++;
                                n++;
                        }
                        run = 0;
                }
        }
        for (int r = 1; r <= max_run && n > 0 && med == 0; r++) {
                acc += hist[r];
                if (acc > n / 2)
                        med = r;
        }
        free(hist);
        return med;
}

/* Whether *got, read from work (text th pixels high in it), is thin print
 * whose figures read doubtfully (see above). */
static bool thin_print(const bf_page *got, PIX *work, int th)
{
        int stroke;

        if (th <= 0 || pixGetDepth(work) != 8 || pixGetColormap(work) ||
            text_span(got) < THIN_MIN_WIDTH * th || !doubtful_figures(got))
                return false;
        stroke = ink_run_median(work, th);
        return stroke > 0 && stroke < THIN_MAX_STROKE * th;
}

/* *got read again from *work thickened, both replaced when that reads
 * better (the thickened pixels are then the page's, kept for re-reading
 * its words). */
static void reread_thickened(bf_ocr *ocr, TessBaseAPI *api, PIX **work, int dpi, bf_page *got)
{
        bf_page again = { .number = got->number };
        PIX *thick = prep_thicken(*work);

        if (thick && recognise(ocr, api, thick, dpi, false, &again, NULL) == 0 &&
            reading_score(&again) > reading_score(got)) {
                words_free(got);
                *got = again;
                again = (bf_page){ .number = got->number };
                replace(work, thick);
                thick = NULL;
        }
        words_free(&again);
        pixDestroy(&thick);
}

static int read_page(bf_ocr *ocr, TessBaseAPI *api, PIX *pix, PIX *grey, PIX *half,
                     PIX *quarter, int dpi, bool photo, bool ask_osd, bf_page *page,
                     struct bf_error *err);

static int page_words(bf_ocr *ocr, PIX *pix, int dpi, bf_page *page, struct bf_error *err)
{
        PIX *grey, *step, *half = NULL, *quarter = NULL;
        TessBaseAPI *api = ocr->api;   /* the first reading's engine */
        bool photo = false;     /* a photo's paper, cut out */
        bool ask_osd = false;   /* ... read before OSD is asked which way up it is */
        char script[32] = "";

        /* A document found in another language reads its later pages in it. */
        if (ocr->auto_lang && ocr->doc_lang[0]) {
                TessBaseAPI *known = lang_engine(ocr, ocr->doc_lang);

                if (known)
                        api = known;
        }
        grey = to_grey(pix);
        if (!grey)
                return bf_error_set(err, BF_ENOMEM, "cannot convert page %d to grey", page->number);
        /* The page halved and quartered once, for the steps below that
         * look at it reduced (see reduce_page). */
        reduce_page(grey, &half, &quarter);
        /* A photo of paper on a table: from here on the page is the paper,
         * flattened (its words' boxes are the flattened page's). */
        if (ocr->prep.photo && prep_paper_possible(quarter) &&
            (step = prep_flatten_paper(grey, PHOTO_TEXT_HEIGHT))) {
                photo = true;
                replace(&grey, step);
                pixDestroy(&half);
                pixDestroy(&quarter);
                if (ocr->prep.even_light)
                        replace(&grey, prep_even_light(grey));
                if (ocr->prep.dewarp)
                        replace(&grey, prep_dewarp(grey));
                /* A phone is often held sideways: the paper is turned
                 * upright first, so that its text is measured, deskewed and
                 * scaled the right way up (turned after a first reading,
                 * sideways photos lost their dates). One whose lines run
                 * across is upright or upside down: it is read first, and
                 * OSD asked only if it then reads badly (read_page). */
                if (ocr->prep.osd && lines_across(grey)) {
                        ask_osd = true;
                } else if (ocr->prep.osd) {
                        int turn = upright_turn(ocr, grey, 0, script, sizeof(script));

                        if (turn != 0)
                                replace(&grey, prep_rotate(grey, turn));
                }
        }
        return read_page(ocr, api, pix, grey, half, quarter, dpi, photo, ask_osd, page, err);
}

/* page_words() from the page's grey pixels on (grey, and half and quarter
 * when not NULL, taken over): measured, readied and read, and read again
 * as it needs. photo: grey is a photo's paper; ask_osd: one OSD has not
 * been asked about, which if it reads badly is turned as OSD says and read
 * from the start. */
static int read_page(bf_ocr *ocr, TessBaseAPI *api, PIX *pix, PIX *grey, PIX *half,
                     PIX *quarter, int dpi, bool photo, bool ask_osd, bf_page *page,
                     struct bf_error *err)
{
        bf_page got = { .number = page->number }, turned = { .number = page->number };
        PIX *work = NULL, *step, *paper = ask_osd ? pixClone(grey) : NULL;
        double scale = 1.0;     /* work's pixels per grey pixel */
        double base = 1.0;      /* grey's pixels per page pixel */
        int r, th = 0, given_dpi = dpi, file_dpi = dpi, kept_th;
        bool upright = true;    /* no quarter turn kept */
        bool probed = false;    /* auto: its letterhead was tried in other scripts */
        char script[32] = "";

        if (ocr->prep.upscale) {
                th = prep_text_height_reduced(grey, half, quarter);
                /* Text twice the size Tesseract reads best is read at half
                 * size, a quarter of the pixels to lay out (and for any
                 * second reading): grey itself is halved, and so is its
                 * resolution, so that Tesseract lays the page out as it
                 * would have at full size. */
                if (ocr->prep.halve && th >= PREP_HALVE_HEIGHT &&
                    (step = half ? pixClone(half) : pixScaleAreaMap2(grey))) {
                        pixDestroy(&grey);
                        grey = step;
                        pixDestroy(&half);
                        pixDestroy(&quarter);
                        base = 0.5;
                        th /= 2;
                        file_dpi = dpi = dpi / 2;
                }
                scale = upscale_factor(th, pixGetWidth(grey), pixGetHeight(grey));
        }
        work = pixClone(grey);
        if (ocr->prep.invert_dark && th > 0)
                replace(&work, prep_invert_dark(work, half, th));
        pixDestroy(&half);
        pixDestroy(&quarter);
        if (ocr->prep.deskew && pixGetWidth(work) * scale >= DESKEW_MIN_WIDTH)
                replace(&work, deskewed(work, scale));
        if (ocr->prep.derule && th > 0 && pixGetWidth(work) >= DERULE_MIN_WIDTH)
                replace(&work, prep_remove_rules(work, th));
        if (scale > 1.0) {
                if ((step = prep_scale(work, scale))) {
                        replace(&work, step);
                        /* Text now sits at the size of 10 pt at 300 dpi. */
                        dpi = 300;
                } else {
                        scale = 1.0;
                }
        }
        if (ocr->prep.contrast && prep_low_contrast(work))
                replace(&work, prep_contrast(work));

        r = recognise(ocr, api, work, dpi, false, &got, err);
        /* A photo's paper read before OSD was asked which way up it is,
         * reading badly: upside down? Then it is turned, and read from the
         * start, as it would have been turned first. On the dev photos
         * upright papers had read at 0.66-0.93, upside down at 0.26-0.42;
         * OSD had been a third of a photo's time, and turned none of those
         * whose lines run across. */
        if (r == 0 && paper &&
            (got.n_words < OSD_MIN_WORDS || mean_conf(&got) < OSD_MIN_CONF ||
             horizontal_share(&got) < OSD_MIN_FLAT)) {
                int turn = upright_turn(ocr, paper, 0, script, sizeof(script));

                if (turn != 0 && (step = prep_rotate(paper, turn))) {
                        words_free(&got);
                        pixDestroy(&work);
                        pixDestroy(&grey);
                        pixDestroy(&paper);
                        return read_page(ocr, api, pix, step, NULL, NULL, given_dpi, photo,
                                         false, page, err);
                }
        }
        pixDestroy(&paper);
        if (r == 0 && ocr->auto_lang && api == ocr->api && !ocr->doc_lang[0] &&
            ocr->prep.probe && !photo && pixGetWidth(grey) >= FIRST_MIN_WIDTH &&
            !read_as_block(ocr, work))
                probed = read_letterhead_script(ocr, work, dpi, (int)(th * scale), &got, &api);
        /* A photo's paper whose layout left text unread: read again as one
         * column of text (PSM 4), kept if it reads better. Tesseract's own
         * layout dropped a receipt's column of amounts, or the rows between
         * two dashed rules, as not text; as one column always, other
         * photos lost fields. (A tall page is read as one block anyway.) */
        if (r == 0 && photo && ocr->prep.photo_column && th > 0 &&
            !read_as_block(ocr, work) &&
            unread_share(&got, work, (int)lround(th * scale)) > PHOTO_MAX_UNREAD)
                reread_one_column(ocr, api, work, dpi, &got);
        /* Not a photo, read in English with letters it could not read and
         * no language's words: another script is tried before the remedies
         * for bad print, which such a page seems in English (a generated
         * Greek page paid a contrast re-read and OSD, a third of its
         * instructions, before its script was tried). */
        if (r == 0 && ocr->auto_lang && api == ocr->api && ocr->prep.probe && !photo && !probed &&
            other_script_likely(&got, PROBE_SCRIPT_CONF)) {
                read_other_script(ocr, work, dpi, (int)(th * scale), &got, &api);
                probed = true;
        }
        if (r == 0 && ocr->prep.retry_faint && !ocr->prep.contrast &&
            (got.n_words < FAINT_MIN_WORDS || mean_conf(&got) < FAINT_MAX_CONF))
                reread_contrast(ocr, api, grey, file_dpi, false, &got, &work, &scale, &dpi);
        if (r == 0 && ocr->prep.osd &&
            (got.n_words < OSD_MIN_WORDS || mean_conf(&got) < OSD_MIN_CONF ||
             horizontal_share(&got) < OSD_MIN_FLAT) && (photo || !read_upright(&got, pix))) {
                int turn = upright_turn(ocr, work, (int)(th * scale), script, sizeof(script));
                const char *by_script = ocr->auto_lang ? script_language(script) : NULL;
                TessBaseAPI *other = by_script ? lang_engine(ocr, by_script) : NULL;

                /* Another script: the page read again, whole, in its language. */
                if (other && other != api) {
                        step = turn != 0 ? prep_rotate(work, turn) : pixClone(work);
                        if (step && recognise(ocr, other, step, dpi, false, &turned, NULL) == 0 &&
                            reading_score(&turned) > reading_score(&got)) {
                                words_free(&got);
                                got = turned;
                                turned = (bf_page){ .number = page->number };
                                replace(&work, step);
                                step = NULL;
                                upright = turn == 0;
                                api = other;
                                snprintf(ocr->doc_lang, sizeof(ocr->doc_lang), "%s", by_script);
                        }
                        pixDestroy(&step);
                        words_free(&turned);
                } else if (turn != 0 && (step = prep_rotate(work, turn))) {
                        r = recognise(ocr, api, step, dpi, false, &turned, err);
                        /* Keep the turn only if it reads better. */
                        if (r == 0 && reading_score(&turned) > reading_score(&got)) {
                                words_free(&got);
                                got = turned;
                                turned = (bf_page){ .number = page->number };
                                replace(&work, step);
                                step = NULL;
                                upright = false;
                        }
                        pixDestroy(&step);
                }
        }
        /* Still reading badly (OSD's measure), and not for lying on its
         * side: faint dot-matrix or worn thermal print, whose dots and
         * broken strokes neither Tesseract nor its layout analysis join
         * into letters. */
        if (r == 0 && upright && ocr->prep.retry_faint && !ocr->prep.contrast &&
            (got.n_words < OSD_MIN_WORDS || mean_conf(&got) < OSD_MIN_CONF) &&
            (photo || !read_upright(&got, pix)))
                reread_contrast(ocr, api, grey, file_dpi, true, &got, &work, &scale, &dpi);
        if (r == 0 && ocr->prep.thin_page && !photo && thin_print(&got, work, (int)lround(th * scale)))
                reread_thickened(ocr, api, &work, dpi, &got);
        /* Not a photo: its top, thresholded apart from the rest of its
         * uneven light, read worse than the whole page. */
        if (r == 0 && ocr->auto_lang && api == ocr->api && ocr->prep.probe && !photo && !probed)
                read_other_script(ocr, work, dpi, (int)(th * scale), &got, &api);
        /* auto: a page the English model read, in another language, has
         * its doubtful lines read again in that language. */
        if (r == 0 && ocr->auto_lang && api == ocr->api) {
                const char *lang = langid_guess(got.words, got.n_words);
                TessBaseAPI *other = strcmp(lang, "eng") != 0 ? lang_engine(ocr, lang) : NULL;

                if (other) {
                        snprintf(ocr->doc_lang, sizeof(ocr->doc_lang), "%s", lang);
                        if (ocr->prep.lang_words)
                                reread_words(other, work, dpi, &got);
                }
        }
        /* the kept pixels' text height, for OCR_REREAD_SMALL */
        kept_th = (int)lround(th * scale);
        if (r == 0) {
                /* Back to the caller's pixels (the page turned, if it was). */
                scale *= base;
                page->width = pixGetWidth(work) / scale;
                page->height = pixGetHeight(work) / scale;
                for (size_t i = 0; i < got.n_words; i++) {
                        bf_word *wd = &got.words[i];
                        bf_box b = { wd->box.x0 / scale, wd->box.y0 / scale,
                                     wd->box.x1 / scale, wd->box.y1 / scale };

                        page_add_word(page, wd->text, b, wd->conf, wd->line, wd->block);
                }
        }
        words_free(&got);
        words_free(&turned);
        if (r == 0 && upright && ocr->n_kept < KEEP_PAGES) {
                ocr->kept[ocr->n_kept++] = (struct kept_page){
                        .number = page->number, .pix = work, .scale = scale, .dpi = dpi,
                        .text_height = kept_th,
                };
                work = NULL;
        }
        pixDestroy(&work);
        pixDestroy(&grey);
        return r;
}

/* Tesseract's share of a document's time, page by page (the service's
 * stage durations): everything page_words() does for the page. */
int ocr_page_words(bf_ocr *ocr, PIX *pix, int dpi, bf_page *page, struct bf_error *err)
{
        struct timespec t0, t1;
        int r;

        clock_gettime(CLOCK_MONOTONIC, &t0);
        r = page_words(ocr, pix, dpi, page, err);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        page->ocr_us += (int64_t)(t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000;
        return r;
}

/* Whitens the columns and rows of an 8-bit crop that are nearly all ink:
 * a table's ruling caught at the crop's edge would read as a '1'. */
static void erase_rules(PIX *pix)
{
        int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
        l_uint32 *data = pixGetData(pix);
        int *col = bf_xcalloc((size_t)w, sizeof(int));
        bool *rule_row = bf_xcalloc((size_t)h, sizeof(bool));

        for (int y = 0; y < h; y++) {
                l_uint32 *line = data + y * wpl;
                int dark = 0;

                for (int x = 0; x < w; x++)
                        if (GET_DATA_BYTE(line, x) < 128) {
                                dark++;
                                col[x]++;
                        }
                rule_row[y] = dark >= 0.9 * w;
        }
        for (int y = 0; y < h; y++) {
                l_uint32 *line = data + y * wpl;

                for (int x = 0; x < w; x++)
                        if (rule_row[y] || col[x] >= 0.85 * h)
                                SET_DATA_BYTE(line, x, 255);
        }
        free(col);
        free(rule_row);
}

/* White margin around a crop: Tesseract reads a line that touches the
 * image's edge poorly. */
#define REREAD_BORDER 12

/* OCR_REREAD_SMALL: boxes (page units) of k's page read again larger, all
 * at once (at most SMALL_STACK): each widened crop, scaled up, is stacked
 * under the last with a text height of white between, and the stack read
 * as one block (one Tesseract call: a call per word cost as much as the
 * page's first reading). Each box gets the one word read where it stood.
 * Returns how many did. */
static int reread_small(bf_ocr *ocr, const struct kept_page *k, const bf_box *boxes, size_t n,
                        char **ret_text, float *ret_conf)
{
        int pw = pixGetWidth(k->pix), ph = pixGetHeight(k->pix), th = k->text_height;
        double f = fmin((double)SMALL_TEXT_HEIGHT / th, SMALL_MAX_SCALE);
        int gap = (int)ceil(th * f), width = 0, height = SMALL_BORDER, done = 0;
        PIX **big = bf_xcalloc(n + 1, sizeof(*big));
        bf_box *crop = bf_xcalloc(n + 1, sizeof(*crop));
        int *top = bf_xcalloc(n + 1, sizeof(*top));
        bf_page again = { 0 };
        PIX *stack = NULL;

        for (size_t i = 0; i < n; i++) {
                bf_box at = { boxes[i].x0 * k->scale, boxes[i].y0 * k->scale,
                              boxes[i].x1 * k->scale, boxes[i].y1 * k->scale };
                double h = at.y1 - at.y0;
                BOX *b;
                PIX *c;

                crop[i] = (bf_box){ floor(fmax(0, at.x0 - SMALL_PAD_X * th)),
                                    floor(fmax(0, at.y0 - SMALL_PAD_Y * h)),
                                    ceil(fmin(pw, at.x1 + SMALL_PAD_X * th)),
                                    ceil(fmin(ph, at.y1 + SMALL_PAD_Y * h)) };
                if (crop[i].x1 <= crop[i].x0 || crop[i].y1 <= crop[i].y0)
                        continue;
                b = boxCreate((l_int32)crop[i].x0, (l_int32)crop[i].y0,
                              (l_int32)(crop[i].x1 - crop[i].x0), (l_int32)(crop[i].y1 - crop[i].y0));
                c = b ? pixClipRectangle(k->pix, b, NULL) : NULL;
                boxDestroy(&b);
                big[i] = c ? prep_scale(c, f) : NULL;
                pixDestroy(&c);
                if (!big[i])
                        continue;
                top[i] = height;
                height += pixGetHeight(big[i]) + gap;
                if (pixGetWidth(big[i]) > width)
                        width = pixGetWidth(big[i]);
        }
        if (width > 0 && (stack = pixCreate(width + 2 * SMALL_BORDER, height, 8))) {
                pixSetAll(stack);       /* white */
                for (size_t i = 0; i < n; i++)
                        if (big[i])
                                pixRasterop(stack, SMALL_BORDER, top[i], pixGetWidth(big[i]),
                                            pixGetHeight(big[i]), PIX_SRC, big[i], 0, 0);
                TessBaseAPISetPageSegMode(ocr->api, PSM_SINGLE_BLOCK);
                (void)recognise_words(ocr->api, stack, (int)(k->dpi * f), &again);
        }
        for (size_t i = 0; i < n; i++) {
                bf_page band = { 0 };
                long w;

                if (!big[i])
                        continue;
                /* this crop's words, in the kept page's pixels */
                for (size_t j = 0; j < again.n_words; j++) {
                        const bf_word *aw = &again.words[j];
                        double cy = (aw->box.y0 + aw->box.y1) / 2;

                        if (cy < top[i] || cy >= top[i] + pixGetHeight(big[i]))
                                continue;
                        page_add_word(&band, aw->text,
                                      (bf_box){ crop[i].x0 + (aw->box.x0 - SMALL_BORDER) / f,
                                                crop[i].y0 + (aw->box.y0 - top[i]) / f,
                                                crop[i].x0 + (aw->box.x1 - SMALL_BORDER) / f,
                                                crop[i].y0 + (aw->box.y1 - top[i]) / f },
                                      aw->conf, 0, 0);
                }
                w = word_at(&band, (bf_box){ boxes[i].x0 * k->scale, boxes[i].y0 * k->scale,
                                             boxes[i].x1 * k->scale, boxes[i].y1 * k->scale },
                            th / 2.0);
                if (w >= 0 && (size_t)w < band.n_words) {
                        ret_text[i] = bf_xstrdup(band.words[w].text);
                        ret_conf[i] = band.words[w].conf;
                        done++;
                }
                words_free(&band);
                pixDestroy(&big[i]);
        }
        words_free(&again);
        pixDestroy(&stack);
        free(big);
        free(crop);
        free(top);
        return done;
}

int ocr_reread_boxes(bf_ocr *ocr, int page, const bf_box *boxes, size_t n, unsigned how,
                     char **ret_text, float *ret_conf)
{
        const struct kept_page *k = NULL;
        bool numeric = how & OCR_REREAD_NUMERIC;
        int done = 0;

        for (size_t i = 0; i < n; i++) {
                ret_text[i] = NULL;
                ret_conf[i] = 0.0f;
        }
        for (size_t i = 0; ocr && i < ocr->n_kept; i++)
                if (ocr->kept[i].number == page)
                        k = &ocr->kept[i];
        if (!k)
                return -1;
        /* Larger text reads as well as it will: nothing to gain. */
        if ((how & OCR_REREAD_SMALL) &&
            (k->text_height <= 0 || k->text_height >= SMALL_MAX_HEIGHT ||
             pixGetWidth(k->pix) >= SMALL_MAX_WIDTH * k->scale || pixGetDepth(k->pix) != 8 ||
             pixGetColormap(k->pix)))
                return 0;
        TessBaseAPISetPageSegMode(ocr->api, PSM_SINGLE_LINE);
        if (numeric)
                TessBaseAPISetVariable(ocr->api, "tessedit_char_whitelist", "0123456789.,-");
        if (how & OCR_REREAD_SMALL)
                for (size_t i = 0; i < n; i += SMALL_STACK)
                        done += reread_small(ocr, k, boxes + i,
                                             n - i < SMALL_STACK ? n - i : SMALL_STACK,
                                             ret_text + i, ret_conf + i);
        else for (size_t i = 0; i < n; i++) {
                BOX *b = boxCreate((l_int32)floor(boxes[i].x0 * k->scale),
                                   (l_int32)floor(boxes[i].y0 * k->scale),
                                   (l_int32)ceil((boxes[i].x1 - boxes[i].x0) * k->scale),
                                   (l_int32)ceil((boxes[i].y1 - boxes[i].y0) * k->scale));
                PIX *crop = b ? pixClipRectangle(k->pix, b, NULL) : NULL;
                PIX *framed = NULL;
                char *text;

                boxDestroy(&b);
                if (crop && pixGetDepth(crop) == 8 && !pixGetColormap(crop)) {
                        PIX *bin;

                        erase_rules(crop);
                        /* In black and white: a scan's grey paper texture
                         * around a lone figure misleads Tesseract ("28.5"
                         * read as "23555"), ink against white does not. */
                        bin = pixThresholdToBinary(crop,
                                                   columns_threshold(crop, 0, pixGetWidth(crop)));
                        if (bin)
                                framed = pixAddBorder(bin, REREAD_BORDER, 0);
                        pixDestroy(&bin);
                }
                pixDestroy(&crop);
                if (!framed)
                        continue;
                TessBaseAPISetImage2(ocr->api, framed);
                TessBaseAPISetSourceResolution(ocr->api, k->dpi);
                text = TessBaseAPIGetUTF8Text(ocr->api);
                if (text) {
                        size_t len = strlen(text);

                        while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
                                text[--len] = '\0';
                        ret_text[i] = bf_xstrdup(text);
                        ret_conf[i] = TessBaseAPIMeanTextConf(ocr->api) / 100.0f;
                        done++;
                }
                TessDeleteText(text);
                TessBaseAPIClear(ocr->api);
                pixDestroy(&framed);
        }
        if (numeric)
                TessBaseAPISetVariable(ocr->api, "tessedit_char_whitelist", "");
        TessBaseAPISetPageSegMode(ocr->api, PSM_AUTO);
        return done;
}
